#!/usr/bin/env python3
"""Readers are linear in their input and say what is wrong with it (issue
15, items 3 and 6). Crafted traces, generated here (tens of MiB of records
that compress to a few KiB), are read by strep, strstat, strscrub and
trcfacts. Each run must end within BOUND seconds (the reader that restarted
a record at every 128 KiB chunk took minutes on the first ones), with the
exit status and the message expected:

  tags        60 MiB of tags before one record: an error at the ninth
  tagged      12 records of 2^20 tagged 23-byte strings (2^21 items, 33 MiB)
  strings     4 records of 2^21 - 5 29-byte strings (62 MiB); these two
              took more than 30 s with the reader that restarted records,
              a second or two now (ASan build included)
  snapshot    a snapshot of 600,000 [fd, path] (1.8 million items, 29 MiB;
              few tids: finding tasks among many is the session's business)
  header      a header whose env holds 1.9 million strings (57 MiB)
  memory      a write(1, buf, 24 MiB) whose buffer was captured whole
  concat      two traces in one file: the first read whole, then an error
              naming the byte where the second starts
  killed_concat  the same, the first trace ending inside a zstd frame
  after_end   a frame with one more record after the END record's
  oversize    a string claiming 100 MiB, then the file ends: an error,
              not a cut-short warning
  cut         the concat file's first trace cut in two: a warning, exit 0
  aarch64     a trace recorded on another machine: refused

Usage: linear_reader.py BINDIR WORKDIR [CASE...] (default: all). Exit 77
(skip) without zstd(1)."""
import os
import re
import shutil
import struct
import subprocess
import sys
import time

BIN, WORK, ONLY = sys.argv[1], sys.argv[2], set(sys.argv[3:])
os.makedirs(WORK, exist_ok=True)
BOUND = 30  # seconds per run; an ASan build reads these in a few
MiB = 1 << 20

if not shutil.which("zstd"):
    print("SKIP: zstd(1) is not installed")
    sys.exit(77)


# ---- CBOR, as much as these traces need ----

def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def cbor(v):
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        return head(3, len(v.encode())) + v.encode()
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)


# ---- traces ----

MAGIC = struct.pack("<II", 0x184D2A53, 12) + b"STRECTRC" + struct.pack("<HH", 1, 0)
X86_64 = 0xC000003E


def header(arch="x86_64", env=None):
    h = {"format": 1, "writer": "linear_reader.py", "arch": arch, "cwd": "/",
         "command": ["crafted"], "start_monotonic_ns": 1, "capture_size": 4096}
    body = cbor([0, h])
    if env is None:
        return body
    # the env array, appended to the map by hand: it is too big for cbor()
    assert body[2] == 0xA0 | len(h)
    return (body[:2] + bytes([0xA0 | (len(h) + 1)]) + body[3:] + cbor("env") + head(4, env[1])
            + env[0] * env[1])


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, stdout=subprocess.PIPE,
                          check=True).stdout


def getpid_calls(n, tid=100):
    one = (cbor([1, tid, 1000, X86_64, 39, [0] * 6, 0x401000, 0x7FFC0000])
           + cbor([2, tid, 500, tid, False]))
    return one * n


def end(records=0):
    return cbor([11, 0, 1, records, 0])


def trace(*parts, magic=MAGIC):
    """The magic frame, then each part (CBOR bytes) in a zstd frame of its own."""
    return magic + b"".join(zstd(p) for p in parts)


def unknown_record(n, element):
    """[77, 1, 0, [element * n]]: a record of a kind from the future."""
    return head(4, 4) + cbor(77) + cbor(1) + cbor(0) + head(4, n) + element * n


def snapshot(ntids, nfds):
    tids = head(4, ntids) + b"".join(cbor(200000 + i) for i in range(ntids))
    fds = head(4, nfds) + b"".join(
        head(4, 2) + cbor(i % 1024) + cbor(b"/path/of/an/open/file/number/%08d" % i)
        for i in range(nfds))
    return (head(4, 9) + cbor(10) + cbor(300) + cbor(5) + cbor(1) + tids + cbor(b"comm")
            + cbor(b"/usr/bin/exe") + cbor(b"/") + fds)


def memory_write(size):
    data = bytes(range(256)) * (size // 256)
    return (cbor([1, 100, 1000, X86_64, 1, [1, 0x10000, size, 0, 0, 0], 0x401000, 0x7FFC0000])
            + head(4, 10) + b"".join(cbor(x) for x in (3, 100, 0, 0, 1, 0, 0, 0x10000, size))
            + cbor(data) + cbor([2, 100, 700, size, False]))


def first_block_end(frame):
    """Where the first block of a zstd frame ends (RFC 8878 3.1.1)."""
    fhd = frame[4]
    single = fhd >> 5 & 1
    pos = 5 + (1 - single) + (0, 1, 2, 4)[fhd & 3] + (single, 2, 4, 8)[fhd >> 6]
    block = int.from_bytes(frame[pos:pos + 3], "little")
    assert not block & 1, "the frame has more than one block"
    return pos + 3 + (1 if block >> 1 & 3 == 1 else block >> 3)


def build():
    """name -> (file bytes, exit status, stderr/stdout pattern or None)."""
    a = trace(header(), getpid_calls(20000), end(40000))
    b = trace(header() + getpid_calls(10), end(20))
    calls = zstd(getpid_calls(20000))
    killed = MAGIC + zstd(header()) + calls[:first_block_end(calls)]
    cases = {
        "tags": (trace(header(), b"\xc0" * (60 * MiB) + cbor([9, 1, 0]) + end(1)), 1,
                 r"bad record at byte \d+ .*items nested too deeply"),
        "tagged": (trace(header(), unknown_record((1 << 20) - 3, b"\xdb" + bytes(8) + head(2, 23) + b"t" * 23)
                         * 12 + end()), 0, None),
        "strings": (trace(header(), unknown_record((1 << 21) - 5, head(2, 29) + b"s" * 29) * 4 + end()), 0,
                    None),
        "snapshot": (trace(header(), snapshot(3, 600000) + end(1)), 0, None),
        "header": (trace(header(env=(cbor("VARIABLE=some value of 22"), 1900000)) + getpid_calls(2)
                         + end(4)), 0, None),
        "memory": (trace(header(), memory_write(24 * MiB) + end(3)), 0, None),
        "concat": (a + b, 1,
                   r"a second trace starts at byte %d \(concatenated traces are read one at a time"
                   % len(a)),
        # a killed recorder's trace ends inside a frame (here after a whole block)
        "killed_concat": (killed + b, 1,
                          r"a second trace starts at byte %d \(concatenated traces are read one at "
                          r"a time: split the file there\); the first was cut short inside a zstd "
                          r"frame" % len(killed)),
        "after_end": (a + zstd(getpid_calls(1)), 1,
                      r"data after the end record at byte \d+ of the decompressed stream \(frame at "
                      r"byte %d\)" % len(a)),
        "oversize": (MAGIC + zstd(header() + getpid_calls(100) + head(4, 10)
                                  + b"".join(cbor(x) for x in (3, 100, 0, 0, 1, 0, 0, 0x10000, 100 * MiB))
                                  + head(2, 100 * MiB) + b"only this much"), 1,
                     r"a string of 104857600 bytes at byte \d+, longer than a record may be"),
        "cut": (a[:len(a) // 2], 0, r"warning:? .*trace cut short at byte \d+"),
        "aarch64": (trace(header(arch="aarch64") + getpid_calls(100), end(200)), 1,
                    r"recorded on aarch64, and only x86_64 traces can be decoded"),
    }
    # what a file holds before the damage: each tool must print all of it
    firsts = {"concat": a, "after_end": a, "killed_concat": killed}
    return cases, firsts


TOOLS = ("strep", "strstat", "strscrub", "trcfacts")


def run(tool, path):
    out = os.path.join(WORK, "scrubbed.trc")
    if os.path.exists(out):
        os.unlink(out)
    args = {"strscrub": [path, "-o", out]}.get(tool, [path])
    t0 = time.monotonic()
    try:
        r = subprocess.run([os.path.join(BIN, tool)] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=BOUND)
    except subprocess.TimeoutExpired:
        return None, b"", b"", BOUND, False
    return r.returncode, r.stdout, r.stderr, time.monotonic() - t0, os.path.exists(out)


def main():
    cases, firsts = build()
    failures = []
    for name, (data, want_status, pattern) in cases.items():
        if ONLY and name not in ONLY:
            continue
        path = os.path.join(WORK, name + ".trc")
        with open(path, "wb") as f:
            f.write(data)
        for tool in TOOLS:
            if tool == "trcfacts" and name == "aarch64":
                continue  # a record dumper, not a decoder: no syscall table to refuse with
            status, out, err, secs, scrubbed = run(tool, path)
            said = (out if tool == "trcfacts" else err).decode(errors="replace")
            print("%-9s %-8s %5.2f s  status %s" % (name, tool, secs, status))
            what = "%s, %s" % (name, tool)
            if status is None:
                failures.append("%s: no answer within %d s" % (what, BOUND))
                continue
            if status != want_status:
                failures.append("%s: exit status %s, not %d: %s" % (what, status, want_status,
                                                                     said.strip()[-300:]))
            if pattern and not re.search(pattern, said):
                failures.append("%s: %r not said: %s" % (what, pattern, said.strip()[-300:]))
            if not pattern and tool != "trcfacts" and err:
                failures.append("%s: unexpected message: %s" % (what, err.decode()[-300:]))
            if tool == "strscrub" and scrubbed != (status == 0):
                failures.append("%s: %s" % (what, "a copy left behind" if scrubbed else "no copy"))
            if name in firsts and tool in ("strep", "trcfacts"):
                # everything of the first trace, then the error
                first_path = os.path.join(WORK, "first.trc")
                with open(first_path, "wb") as f:
                    f.write(firsts[name])
                want = run(tool, first_path)[1].decode(errors="replace")
                got = out.decode(errors="replace")
                if tool == "trcfacts":  # its last lines say how reading ended
                    got = got[:got.rfind("error ")]
                    want = re.sub(r"(incomplete\n)?(warning .*\n)?$", "", want)
                if got != want:
                    failures.append("%s: the first trace's output differs" % what)
        os.unlink(path)
    for f in failures:
        print("FAIL:", f)
    print("%d failures" % len(failures))
    return 1 if failures else 0


sys.exit(main())
