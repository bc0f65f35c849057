#!/usr/bin/python3
"""Interop: a trace decompressed by the zstd CLI is a plain RFC 8742 CBOR
sequence that an independent decoder (cbor2) reads.
usage: check_cbor_seq.py SAMPLE_TRACE_EXE WORKDIR"""
import io
import os
import subprocess
import sys

try:
    import cbor2
except ImportError:
    print("cbor2 missing: skipped")
    sys.exit(77)

exe, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
trc = os.path.join(workdir, "sample.trc")
subprocess.run([exe, trc], check=True)
assert (os.stat(trc).st_mode & 0o777) == 0o600, oct(os.stat(trc).st_mode)
raw = subprocess.run(["zstd", "-dc", trc], check=True, stdout=subprocess.PIPE).stdout

items = []
f = io.BytesIO(raw)
dec = cbor2.CBORDecoder(f)
while f.tell() < len(raw):
    items.append(dec.decode())
assert f.tell() == len(raw)

kinds = [it[0] for it in items]
assert kinds == [0, 10, 1, 3, 2, 4, 5, 6, 7, 8, 9, 12, 13, 11], kinds
hdr = items[0][1]
assert hdr["format"] == 1 and hdr["arch"] == "x86_64" and hdr["backend"] == "bpf", hdr
assert hdr["hostname"] == "h\u00f6st"
assert hdr["env"] == ["PATH=/usr/bin", "LANG=C.UTF-8", "EMPTY="]
assert hdr["start_realtime_ns"] == -1234567890123
assert hdr["pids"] == [1, 4194304, 77]
assert hdr["pid_ns"] == 2**64 - 1 and hdr["pid_ns_level"] == 1, hdr
assert "filter" not in hdr
ts = 0
for it in items[1:]:
    assert isinstance(it, list) and len(it) >= 3
    ts += it[2]
entry = items[2]
assert entry[5] == [0, 1, 2**64 - 1, 2**63 - 1, 2**63, 255], entry
exit_ = items[4]
assert exit_[3] == -(2**63) and exit_[4] is True, exit_
mem = items[3]
assert mem[9] == b"/bin/tr\x00ue" and mem[8] == 2**64 - 1
sig, stop = items[5], items[6]
assert sig[5] == 2**64 - 1 and len(sig) == 6, sig  # the appended ip
assert len(stop) == 4, stop  # a group stop without one, as older traces have it
snap = items[1]
assert snap[4] == [100, 101, 2**32 - 1]
# a device's type and number appended to its [fd, path]
assert snap[8][3] == [2147483647, b"/a\xff\x00z", 0o60000, 2**64 - 1], snap[8][3]
assert snap[8][0] == [0, b"/dev/pts/0", 0o20000, 136 << 8] and snap[8][1] == [1, b"pipe:[1234]"]
loss = items[-3]
assert loss == [12, 0, 0, 2**64 - 1], loss
pidns = items[-2]  # [13, tid, dts, ns, [parents], [NSpid], [NStgid], [NSpgid], [NSsid]]
assert pidns == [13, 102, 0, 4026533000, [4026532999, 2**64 - 1], [4194303, 77, 1],
                 [4194303, 77, 1], [0, 0, 0], [2**32 - 1, 5, 0]], pidns
end = items[-1]
assert end[1] == 0 and end[3] == 12 and end[4] == 3, end
print(f"{len(items)} items OK")
