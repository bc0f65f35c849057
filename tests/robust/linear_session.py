#!/usr/bin/python3
"""The readers stay linear in time and bounded in memory on the crafted
traces of issue 15 (crafted.py), a few MiB each: thread ids never seen
before (group stops, calls that never return, a snapshot claiming two
million threads), descriptors as high as they go copied by a long chain
of forks, hundreds of thousands of distinct failing paths, a process tree
as deep as the trace. Each of strep -y, strstat (--errors --files,
--processes --json, --svg) and strscrub must finish each within a
generous time and a bound on its peak RSS, without a signal, and say what
its bounded tables dropped.

Before issue 15 these took minutes, gigabytes, or the stack.

Usage: linear_session.py BINDIR WORKDIR."""
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crafted  # noqa: E402

BIN, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(WORK, exist_ok=True)
TIME = shutil.which("time", path="/usr/bin:/bin")
if not TIME:
    print("SKIP: needs GNU time (/usr/bin/time) to measure peak memory")
    sys.exit(77)

# Sanitizer builds run slower and hold shadow memory and a quarantine.
with open(os.path.join(BIN, "strep"), "rb") as f:
    ASAN = b"__asan_init" in f.read()
TIME_LIMIT = 60.0 if ASAN else 20.0  # seconds; the fixed code needs about 1
RSS_LIMIT = (1536 if ASAN else 512) << 10  # KiB


SVG = os.path.join(WORK, "out.svg")


def tools(trc):
    out = os.path.join(WORK, "out")  # strscrub's; only strstat --svg writes SVG
    return {
        "strep": ["strep", "-y", trc],
        "strstat --errors --files": ["strstat", "--errors", "--files", trc],
        "strstat --processes --json": ["strstat", "--processes", "--json", trc],
        "strstat --svg": ["strstat", "--svg", SVG, trc],
        "strscrub": ["strscrub", "-o", out + ".trc", trc],
    }


def run(argv):
    """Exit status (None: killed for the time limit), seconds, peak RSS in
    KiB, stdout's head and tail, stderr. GNU time measures the RSS: a child
    of this script would count the script's own memory (fork and vfork
    alike) in its peak."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss:
        start = time.monotonic()
        p = subprocess.Popen([TIME, "-q", "-f", "%M", "-o", rss.name,
                              os.path.join(BIN, argv[0])] + argv[1:],
                             stdout=out, stderr=err, start_new_session=True)
        try:
            status = p.wait(timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            status = None
        secs = time.monotonic() - start
        peak = rss.read().split()
        size = out.seek(0, 2)
        out.seek(0)
        text = out.read(16384)
        if size > 16384:
            out.seek(max(16384, size - 4096))
            text += b"\n...\n" + out.read()
        err.seek(0)
        return (status, secs, int(peak[-1]) if peak and peak[-1].isdigit() else 0,
                text.decode(errors="replace"), err.read().decode(errors="replace"))


# name: (the sequence, what strep/strstat must say, the status each exits with)
CASES = {
    # 3M group stops, one per thread: the session made a task of each
    "group stops, 3M distinct tids": (lambda: crafted.group_stops(3000000), {}),
    # 300k calls that never return: finish picked the oldest by a scan
    "300k calls never returning": (lambda: crafted.pending_entries(300000), {}),
    # a snapshot of 2M threads: a scan per thread
    "a snapshot of 2M threads": (lambda: crafted.snapshot(2000000),
                                 {"strep": r"warning: a snapshot .* listed more than 65536"}),
    # fds 1048576, 1048577 and 2^31-1, then 300k forks each changing its
    # table: past 64 MiB of tables, they are forgotten (and strep says so)
    "300k forks of a table with fd 2^31-1": (
        lambda: crafted.fd_forks(300000),
        {"strep": r"warning: descriptor tables past 64 MiB",
         "strstat --svg": r"\(\d+ more started: at most 16384 are drawn\)"}),
    # 600k distinct failing paths: strstat kept them all (650 MB)
    "600k distinct failing paths": (
        lambda: crafted.failing_paths(600000),
        {"strstat --errors --files": r"Paths that failed most \(10 of \d+ kept; \d+ paths that "
                                     r"failed least were dropped"}),
    # a process tree 300k deep: the walk recursed once per level
    "a fork chain 300k deep": (lambda: crafted.fork_chain(300000),
                               {"strstat --processes --json": r"\]\}\}\s*$"}),
}

failures = []
print("bounds: %.0f s, %d MiB%s" % (TIME_LIMIT, RSS_LIMIT >> 10, " (sanitizer build)" if ASAN else ""))
for name, (build, says) in CASES.items():
    trc = os.path.join(WORK, re.sub(r"\W+", "_", name) + ".trc")
    with open(trc, "wb") as f:
        f.write(crafted.trace(build()))  # (and let go of it before the runs)
    print("%s: %.1f MiB" % (name, os.path.getsize(trc) / 2**20))
    # two at a time (the machine has two cores): the bounds are generous
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda item: (item[0], run(item[1])), tools(trc).items()))
    for tool, (status, secs, rss, tail, err) in results:
        # GNU time's status for a signal: 128 + the signal
        killed = status is not None and status > 128
        print("  %-28s %6.2f s %8d KiB  status %s" % (tool, secs, rss, status))
        what = "%s, %s" % (name, tool)
        if status is None:
            failures.append("%s: still running after %.0f s" % (what, TIME_LIMIT))
        elif killed:
            failures.append("%s: killed by signal %d: %s" % (what, status - 128, err.strip()[-300:]))
        elif status != 0:
            failures.append("%s: exit status %d: %s" % (what, status, err.strip()[-300:]))
        if rss > RSS_LIMIT:
            failures.append("%s: peak RSS %d MiB, over %d MiB" % (what, rss >> 10, RSS_LIMIT >> 10))
        if tool == "strstat --svg" and os.path.exists(SVG):
            with open(SVG, errors="replace") as f:
                tail = f.read(4096)  # the title
            os.unlink(SVG)
        want = says.get(tool)
        if want and status is not None and not re.search(want, err + tail):
            failures.append("%s: does not say /%s/:\n%s" % (what, want, (err + tail)[-500:]))
    os.unlink(trc)
for f in failures:
    print("FAIL: " + f)
sys.exit(1 if failures else 0)
