#!/usr/bin/env python3
"""Damaged traces: strep, strep --json, strstat and strscrub on real
multi-process traces cut short at many offsets and with random bit flips
(fixed seed). Each run must end by itself (10 s), without a signal, with
status 0 or 1; status 1 comes with a message that names a byte offset; a
cut-short trace prints a prefix of the undamaged output (calls cut open
aside: they print " = ?") and warns, unless the cut only lost the index.
Usage: [STREC_ROBUST_FULL=1] damaged_traces.py BINDIR WORKDIR. Exit 77
(skip) without ptrace."""
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
TOOLS = {
    "strep": [os.path.join(BIN, "strep")],
    "strep --json": [os.path.join(BIN, "strep"), "--json"],
    "strstat": [os.path.join(BIN, "strstat")],
    "strscrub": [os.path.join(BIN, "strscrub"), "-o"],  # + OUT IN
}
# an empty file has no offset to name
OFFSET = re.compile(r"\bbyte \d+|: not a strec trace \(empty file\)$")
failures = []
# Per trace: cuts spread evenly, cuts in the last bytes, bit flips. Kept
# small for ctest (sanitizer builds start slowly); STREC_ROBUST_FULL=1 for
# 60 + 50 cuts and 100 flips per trace.
FULL = os.environ.get("STREC_ROBUST_FULL") == "1"
SPREAD, TAIL, FLIPS = (60, 50, 100) if FULL else (20, 12, 25)


def record(name, cmd):
    path = os.path.join(WORK, name + ".trc")
    r = subprocess.run([os.path.join(BIN, "strec"), "-q", "-o", path] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    if not os.path.exists(path) or b"ptrace" in r.stderr and r.returncode not in (0, 1, 3):
        print("SKIP: cannot record (%s)" % r.stderr.decode(errors="replace").strip())
        sys.exit(77)
    with open(path, "rb") as f:
        return f.read()


# LeakSanitizer's exit check costs most of a sanitizer run's time: only
# every 8th damaged run has it (the undamaged runs always).
NO_LEAKS = dict(os.environ)
NO_LEAKS["ASAN_OPTIONS"] = (os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")


def run(tool, path, leaks=True):
    args = TOOLS[tool] + ([path + ".out"] if tool == "strscrub" else []) + [path]
    try:
        r = subprocess.run(args, stdout=subprocess.PIPE, env=None if leaks else NO_LEAKS,
                           stderr=subprocess.PIPE, timeout=10)
    except subprocess.TimeoutExpired:
        return None, b"", b""
    return r.returncode, r.stdout, r.stderr


def cut_open(line):
    """A call that a cut may leave without its return: ' = ?' in text, a
    null or missing rval in JSON."""
    if line.endswith("= ?"):
        return True
    if not line.startswith("{"):
        return False
    try:
        event = json.loads(line)
    except ValueError:
        return False
    return event.get("type") == "syscall" and event.get("rval") is None


def complete_lines(out):
    """Lines of events that are whole in any cut (calls cut open are left
    out)."""
    return [line for line in out.decode("utf-8", errors="replace").splitlines()
            if not cut_open(line)]


def check(n, what, tool, data, good, truncated):
    path = os.path.join(WORK, "%s.%s.trc" % (what.replace(" ", "_"), tool.replace(" ", "")))
    with open(path, "wb") as f:
        f.write(data)
    status, out, err = run(tool, path, leaks=n % 8 == 0)
    msg = err.decode(errors="replace").strip()
    if status is None:
        failures.append("%s, %s: no answer within 10 s" % (what, tool))
    elif status < 0 or status >= 128:
        failures.append("%s, %s: killed by a signal (%d): %s" % (what, tool, status, msg))
    elif status not in (0, 1):
        failures.append("%s, %s: exit status %d: %s" % (what, tool, status, msg))
    elif status == 1 and not OFFSET.search(msg):
        failures.append("%s, %s: status 1 without a byte offset: %r" % (what, tool, msg))
    elif truncated and status == 0 and "warning" not in msg and out != good[tool]:
        # no warning only for a cut in the index after the END record
        failures.append("%s, %s: cut short, output differs, no warning" % (what, tool))
    elif truncated and tool in ("strep", "strep --json"):
        got, want = complete_lines(out), complete_lines(good[tool])
        if got != want[:len(got)]:
            bad = next(i for i, l in enumerate(got) if i >= len(want) or l != want[i])
            failures.append("%s, %s: line %d is not in the undamaged output: %r"
                            % (what, tool, bad + 1, got[bad]))
    os.unlink(path)
    if os.path.exists(path + ".out"):
        os.unlink(path + ".out")
    return status


def main():
    traces = {
        "forktree": record("forktree", [os.path.join(BIN, "tp_forktree")]),
        "sh": record("sh", ["sh", "-c", "echo hi; ls / >/dev/null; cat /nonexistent; exit 3"]),
    }
    rng = random.Random(20240601)
    jobs = []
    for name, data in traces.items():
        good = {}
        for tool in TOOLS:
            status, out, err = run(tool, os.path.join(WORK, name + ".trc"))
            if status != 0:
                print("FAIL: %s on the undamaged %s trace: %s %r" % (tool, name, status, err))
                return 1
            good[tool] = out
        size = len(data)
        # cuts spread over the file, the last bytes one by one
        cuts = sorted(set([size * i // SPREAD for i in range(SPREAD)] +
                          list(range(max(0, size - TAIL), size))))
        for cut in cuts:
            for tool in TOOLS:
                jobs.append(("%s cut at %d" % (name, cut), tool, data[:cut], good, True))
        for _ in range(FLIPS):
            at, bit = rng.randrange(size), rng.randrange(8)
            flipped = bytearray(data)
            flipped[at] ^= 1 << bit
            for tool in TOOLS:
                jobs.append(("%s bit %d of byte %d" % (name, bit, at), tool, bytes(flipped),
                             good, False))
    statuses = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for job, st in zip(jobs, pool.map(lambda nj: check(nj[0], *nj[1]), enumerate(jobs))):
            key = (job[1], "cut" if job[4] else "flip", st)
            statuses[key] = statuses.get(key, 0) + 1
    for k in sorted(statuses, key=str):
        print("%-13s %-4s status %s: %d runs" % (k[0], k[1], k[2], statuses[k]))
    seen = set()
    for f in failures:  # one of each kind
        kind = re.sub(r"\d+", "N", f)
        if kind not in seen:
            seen.add(kind)
            print("FAIL:", f)
    print("%d runs, %d failures" % (len(jobs), len(failures)))
    return 1 if failures else 0


sys.exit(main())
