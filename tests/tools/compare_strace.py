"""strstat's calls and errors columns against strace -f -c on real runs.
Usage: compare_strace.py STRSTAT STREC BINDIR WORKDIR. Each command is
recorded by strec and run under strace; runs of a program can differ
(a signal's timing, a retry), so a mismatch is retried a few times."""
import os
import shutil
import subprocess
import sys

STRSTAT, STREC, BINDIR, WORK = sys.argv[1:5]
if not shutil.which("strace"):
    print("strace not installed: skipped")
    sys.exit(77)
os.makedirs(WORK, exist_ok=True)


def parse_table(text):
    """{syscall: (calls, errors)} from an strace -c table."""
    rows = {}
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("% time"))
    for line in lines[start + 2:]:
        if line.startswith("------"):
            break
        f = line.split()
        # % time, seconds, usecs/call, calls, [errors], syscall
        rows[f[-1]] = (int(f[3]), int(f[4]) if len(f) == 6 else 0)
    return rows


def one(cmd, tag):
    trc = os.path.join(WORK, tag + ".trc")
    out = os.path.join(WORK, tag + ".strace")
    subprocess.run([STREC, "-o", trc, *cmd], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    p = subprocess.run([STRSTAT, trc], capture_output=True, text=True)
    if p.returncode != 0:
        return "strstat exited %d: %s" % (p.returncode, p.stderr)
    ours = parse_table(p.stdout)
    subprocess.run(["strace", "-f", "-c", "-o", out, *cmd], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(out) as f:
        theirs = parse_table(f.read())
    diff = {k: (ours.get(k), theirs.get(k)) for k in set(ours) | set(theirs)
            if ours.get(k) != theirs.get(k)}
    return "differs (strstat, strace): %s" % diff if diff else None


cases = [
    ("ls", ["ls", "-la", "/etc"]),
    ("sh", ["sh", "-c", "ls /nonexistent; true"]),
    ("forktree", [os.path.join(BINDIR, "tp_forktree")]),
    # execve from a thread while the leader sleeps: the leader's call never
    # returns (not counted), the thread's execve counts
    ("exec_thread", [os.path.join(BINDIR, "tp_exec_thread")]),
]
failed = False
for tag, cmd in cases:
    for attempt in range(4):
        err = one(cmd, tag)
        if not err:
            print("%s: calls and errors match strace -c" % tag)
            break
        print("%s: attempt %d: %s" % (tag, attempt + 1, err), file=sys.stderr)
    else:
        failed = True
sys.exit(1 if failed else 0)
