#!/usr/bin/python3
"""Crafted traces that once made the readers slow or large (issue 15,
items 2, 4 and 5), written at any size: small for the fuzz corpora, a few
MiB for linear_session.py.

Each builder returns the CBOR record sequence (header first, END last) of
a trace; trace() wraps one into a trace file (the magic frame and a zstd
frame, compressed by the zstd CLI).

  crafted.py --corpus DIR   writes the small ones as DIR/NAME.cbor, bare
                            sequences as fuzz_decode and fuzz_stat take them
"""
import os
import subprocess
import sys

import cbor2

X86_64 = 0xC000003E
NR = {"close": 3, "getpid": 39, "execve": 59, "openat": 257, "clock_nanosleep": 230}
AT_FDCWD = (1 << 64) - 100
SIGSTOP = 19
ENOENT = 2
TID_LIMIT = 1 << 22  # STRTRC_TID_LIMIT


def header():
    return cbor2.dumps([0, {"format": 1, "writer": "crafted.py", "arch": "x86_64", "cwd": "/",
                            "command": ["crafted"], "page_size": 4096, "capture_size": 4096,
                            "follow_forks": True, "attached": False}])


def uint(v):
    """The shortest CBOR unsigned integer (the writer's encoding)."""
    if v < 24:
        return bytes([v])
    if v < 0x100:
        return bytes([0x18, v])
    if v < 0x10000:
        return b"\x19" + v.to_bytes(2, "big")
    if v < 0x100000000:
        return b"\x1a" + v.to_bytes(4, "big")
    return b"\x1b" + v.to_bytes(8, "big")


def end(records):
    return cbor2.dumps([11, 0, 0, records, 0])


def entry(tid, nr, args=(0, 0, 0, 0, 0, 0)):
    return cbor2.dumps([1, tid, 0, X86_64, nr, list(args), 0x401000, 0x7ffc0000])


def exit_(tid, rval):
    return cbor2.dumps([2, tid, 0, rval, rval < 0])


def path_mem(tid, arg, path):
    """An entry-time capture of a path argument (flag 4: a string)."""
    return cbor2.dumps([3, tid, 0, 0, arg, 0, 4, 0x5000, len(path) + 1, path])


def result_link(tid, name):
    """What the kernel named a new descriptor (STRTRC_ARG_RESULT)."""
    return cbor2.dumps([3, tid, 0, 1, 6, 0, 4, 0, len(name) + 1, name])


def spawn(parent, child):
    return cbor2.dumps([6, parent, 0, child, 0, 0])


def group_stops(n):
    """Item 4: n group stops, each of a thread never seen before (the
    issue's 100k took 11 s in strep, 21 s in strstat)."""
    out = [header()]
    # [5, tid, 0, SIGSTOP], tids from 100 up, one per record
    out += [b"\x84\x05" + uint(100 + i) + b"\x00\x13" for i in range(n)]
    out.append(end(n))
    return b"".join(out)


def pending_entries(n):
    """Item 4: n syscall entries of distinct threads that never return:
    what never returned comes out in entry order at the end."""
    out = [header()]
    tail = b"\x00\x1a\xc0\x00\x00\x3e\x18\x27\x86\x00\x00\x00\x00\x00\x00\x1a\x00\x40\x10\x00" \
           b"\x1a\x7f\xfc\x00\x00"  # dts 0, x86_64, getpid, six zero args, ip, sp
    out += [b"\x88\x01" + uint(100 + i) + tail for i in range(n)]
    out.append(end(n))
    return b"".join(out)


def snapshot(ntids, fds=((0, b"/dev/null"), (1048576, b"/big"), (2**31 - 1, b"/max"))):
    """Item 4: one snapshot claiming ntids threads (the issue's 2M took past
    60 s), and descriptors as high as they go."""
    out = [header(),
           cbor2.dumps([10, 100, 0, 1, list(range(100, 100 + ntids)), b"crafted", b"/bin/crafted",
                        b"/", [list(fd) for fd in fds]]),
           cbor2.dumps([4, 100 + ntids - 1, 0, 10, b"\x0a" + b"\x00" * 127]),  # SIGUSR1
           end(2)]
    return b"".join(out)


def fd_forks(nforks):
    """Item 5: calls return descriptors 1048576, 1048577 and 2^31-1, then
    the process forks nforks times and each child closes 1048577 in its own
    table (60 forks took 1.1 GB: every fork copied an 18 MiB table). The
    children never exit: each keeps a changed copy of the path to
    1048576."""
    out = [header()]
    for fd, name in ((1048576, b"/big"), (1048577, b"/big2"), (2**31 - 1, b"/max")):
        out += [entry(100, NR["openat"], (AT_FDCWD, 0x5000, 0, 0, 0, 0)),
                path_mem(100, 1, name), exit_(100, fd), result_link(100, name)]
    for i in range(nforks):
        child = 1000 + i
        out += [spawn(100, child), entry(child, NR["close"], (1048577, 0, 0, 0, 0, 0)),
                exit_(child, 0)]
    out.append(end(len(out) - 1))
    return b"".join(out)


def failing_paths(n):
    """Item 5: n distinct paths that fail to open (300k took 367 MB in
    strstat --errors --files), /hot failing around them."""
    out = [header()]
    hot = [entry(100, NR["openat"], (AT_FDCWD, 0x5000, 0, 0, 0, 0)), path_mem(100, 1, b"/hot"),
           exit_(100, -ENOENT)]
    out += hot * 3
    for i in range(n):
        out += [entry(100, NR["openat"], (AT_FDCWD, 0x5000, 0, 0, 0, 0)),
                path_mem(100, 1, b"/cold/%d/file" % i), exit_(100, -ENOENT)]
    out += hot * 2
    out.append(end(len(out) - 1))
    return b"".join(out)


def fork_chain(n):
    """strstat --processes and --svg on a tree n processes deep: the walk
    recursed once per level and the tree prefix grew by a level a line."""
    out = [header()]
    out += [spawn(100 + i, 101 + i) for i in range(n)]
    out.append(end(n))
    return b"".join(out)


def exec_from_thread():
    """Item 2: a thread execs while its leader sleeps: the leader's call
    never returns, the execve goes on under the leader's tid."""
    out = [header(),
           cbor2.dumps([6, 100, 0, 101, 2, 0x10000 | 0x800 | 0x400 | 0x100]),
           entry(100, NR["clock_nanosleep"], (0, 0, 0x6000, 0, 0, 0)),
           entry(101, NR["execve"], (0x5000, 0, 0, 0, 0, 0)), path_mem(101, 0, b"/bin/echo"),
           cbor2.dumps([7, 100, 0, 101, b"/usr/bin/echo"]),
           exit_(100, 0),
           entry(100, NR["getpid"]), exit_(100, 100),
           cbor2.dumps([8, 100, 0, 0])]
    out.append(end(len(out) - 1))
    return b"".join(out)


def tid_over_limit():
    """A thread id the kernel cannot have: a damaged trace."""
    return b"".join([header(), entry(100, NR["getpid"]), exit_(100, 100),
                     entry(TID_LIMIT, NR["getpid"]), end(3)])


def trace(seq):
    """A trace file: the magic frame, then seq in one zstd frame."""
    magic = (0x184D2A53).to_bytes(4, "little") + (12).to_bytes(4, "little") + b"STRECTRC" + \
        (1).to_bytes(2, "little") + b"\0\0"
    z = subprocess.run(["zstd", "-q", "-c", "-3"], input=seq, stdout=subprocess.PIPE, check=True)
    return magic + z.stdout


CORPUS = {
    "groupstops-distinct-tids": lambda: group_stops(800),
    "entries-never-return": lambda: pending_entries(200),
    "snapshot-high-fds": lambda: snapshot(300),
    "fd-high-forks": lambda: fd_forks(60),
    "paths-distinct-failing": lambda: failing_paths(80),
    "fork-chain": lambda: fork_chain(600),
    "exec-thread-leader-busy": exec_from_thread,
    "tid-over-limit": tid_over_limit,
}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--corpus":
        sys.exit(__doc__)
    for name, build in CORPUS.items():
        with open(os.path.join(sys.argv[2], name + ".cbor"), "wb") as f:
            f.write(build())
