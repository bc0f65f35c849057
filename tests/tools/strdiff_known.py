#!/usr/bin/env python3
"""Known-answer tests of strdiff on the synthetic pairs of `mktrace --diff`
(tests/tools/mktrace.c says what each pair holds): alignment, process and
thread matching, normalization, options, exit statuses, damaged input, and
a linear-time bound (10^6 calls a side; quadratic alignment would take
hours: the bound is generous, for a loaded machine).
Usage: strdiff_known.py STRDIFF MKTRACE WORKDIR."""
import json
import os
import shutil
import subprocess
import sys
import time

STRDIFF, MKTRACE, WORK = sys.argv[1:4]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
subprocess.run([MKTRACE, "--diff", WORK], check=True)
failures = []


def check(what, cond):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def pair(name):
    return os.path.join(WORK, name + ".a.trc"), os.path.join(WORK, name + ".b.trc")


def run(*args):
    return subprocess.run([STRDIFF, *args], capture_output=True, text=True)


def js(name, *args, want=None):
    a, b = pair(name)
    p = run("--json", *args, a, b)
    if want is not None and p.returncode != want:
        failures.append("%s %s: exit %d, not %d: %s" % (name, args, p.returncode, want, p.stderr))
    try:
        return json.loads(p.stdout)
    except ValueError:
        failures.append("%s: not JSON: %r" % (name, p.stdout[:200]))
        return None


def ops(hunk):
    return "".join(l["op"] for l in hunk["lines"])


# noise: other tids, descriptor numbers, addresses, durations: the same
doc = js("noise", want=0)
check("noise: same", doc and doc["same"] and doc["hunks"] == [] and
      doc["summary"]["processes_matched"] == 1)
a, b = pair("noise")
p = run(a, b)
check("noise text: exit 0 and says so", p.returncode == 0 and "no differences" in p.stdout)

# insert: one call more in B after the 500th
doc = js("insert", want=1)
if doc:
    s = doc["summary"]
    check("insert: 1 only in B, nothing else (%s)" % s,
          (s["only_a"], s["only_b"], s["changed"]) == (0, 1, 0))
    check("insert: one hunk", len(doc["hunks"]) == 1)
    h = doc["hunks"][0]
    check("insert: hunk -498,6 +498,7 (%s)" % h,
          (h["a_start"], h["a_count"], h["b_start"], h["b_count"]) == (498, 6, 498, 7))
    check("insert: three lines of context each side (%s)" % ops(h), ops(h) == "   +   ")
    plus = [l for l in h["lines"] if l["op"] == "+"][0]
    check("insert: the inserted call is B's 501st", plus["call"] == 501 and
          plus["text"].startswith('openat(AT_FDCWD</work>, "extra"'))
    check("insert: no result change (nothing to pair it with)", doc["result_changes"] == [])
doc = js("insert", "--to_trace", "write", "openat", want=1)
check("insert --to_trace write openat (a list before both traces)",
      doc and doc["summary"]["only_b"] == 1)
doc = js("insert", "--to_trace", "write", want=0)
check("insert --to_trace write: the same", doc and doc["same"])
# --timing: every call took 1 us; B's extra openat is the biggest change
doc = js("insert", "--timing", want=1)
if doc:
    t = doc["timing"]
    check("insert --timing: openat first, then write (%s)" % t[:2],
          [r["syscall"] for r in t] == ["openat", "write"])
    check("insert --timing: openat 0 | 1 call, 0 | 1 us",
          (t[0]["a_calls"], t[0]["b_calls"], t[0]["a_total_us"], t[0]["b_total_us"]) ==
          (0, 1, 0, 1))
    check("insert --timing: write 1000 calls of 1 us each side",
          (t[1]["a_calls"], t[1]["b_calls"], t[1]["a_total_us"], t[1]["b_p50_us"],
           t[1]["b_p99_us"]) == (1000, 1000, 1000, 1, 1))
a, b = pair("insert")
p = run("--timing", "--summary", a, b)
check("insert --timing text: a table", p.returncode == 1 and "timing (microseconds" in p.stdout
      and any(l.split()[:3] == ["openat", "0", "1"] for l in p.stdout.splitlines()))
doc = js("insert", "--context", "1", want=1)
check("insert --context 1", doc and ops(doc["hunks"][0]) == " + ")
doc = js("insert", "--context", "0", want=1)
check("insert --context 0", doc and ops(doc["hunks"][0]) == "+")

# change: openat 3 -> ENOENT at call 10, write's argument at call 15
doc = js("change", want=1)
if doc:
    s = doc["summary"]
    check("change: 2 changed (%s)" % s, (s["only_a"], s["only_b"], s["changed"]) == (0, 0, 2))
    rc = doc["result_changes"]
    check("change: one result change, the openat (%s)" % rc,
          len(rc) == 1 and rc[0]["kind"] == "failed" and rc[0]["a_call"] == 10 and
          rc[0]["a"].endswith("= 3") and "= -1 ENOENT" in rc[0]["b"])
    check("change: files only in A", doc["files_only_a"] == ["conf"] and doc["files_only_b"] == [])
    h = doc["hunks"]
    check("change: both changes in one hunk (4 equal calls between them)",
          len(h) == 1 and ops(h[0]) == "   -+    -+   ")
doc = js("change", "--context", "1", want=1)
check("change --context 1: two hunks", doc and [ops(h) for h in doc["hunks"]] == [" -+ ", " -+ "])
doc = js("change", "-e", "trace=openat", want=1)
check("change -e trace=openat: only the openat (and the exit)",
      doc and doc["summary"]["changed"] == 1 and ops(doc["hunks"][0]) == "-+ ")
doc = js("change", "-e", "trace=write", want=1)
check("change -e trace=write: only the write",
      doc and doc["summary"]["changed"] == 1 and doc["result_changes"] == [])
doc = js("change", "-z", want=1)
check("change -z: the successful openat is only in A",
      doc and (doc["summary"]["only_a"], doc["summary"]["changed"]) == (1, 1))
doc = js("change", "-P", "conf", want=1)
check("change -P conf: only the openat (and the exit)",
      doc and doc["a"]["events"] == 2 and doc["b"]["events"] == 2 and
      doc["summary"]["changed"] == 1)

# children: y ran in A only; z exits 1 in B
doc = js("children", want=1)
if doc:
    s = doc["summary"]
    check("children: 3 matched, 1 only in A (%s)" % s,
          (s["processes_matched"], s["processes_only_a"], s["processes_only_b"]) == (3, 1, 0))
    by_cmd = {p["a_command"] or p["b_command"]: p for p in doc["processes"]}
    check("children: y is A's pid 102, only in A",
          by_cmd["y"]["a_pid"] == 102 and by_cmd["y"]["b_pid"] is None)
    check("children: x is matched with B's 501, z with 535 (not by pid)",
          by_cmd["x"]["a_pid"] == 101 and by_cmd["x"]["b_pid"] == 501 and
          by_cmd["z --flag"]["b_pid"] == 535 and
          by_cmd["x"]["changed"] == 0 and by_cmd["x"]["only_a"] == 0)
    check("children: z's exit differs", by_cmd["z --flag"]["exit_differs"] and
          by_cmd["z --flag"]["a_exit"] == "exited with 0" and
          by_cmd["z --flag"]["b_exit"] == "exited with 1")
    check("children: /bin/y touched only in A", doc["files_only_a"] == ["/bin/y"])
doc = js("children", "--pid", "101", want=0)
check("children --pid 101: x alone, the same",
      doc and doc["same"] and [p["a_pid"] for p in doc["processes"]] == [101])
doc = js("children", "--pid", "100", "--tree", want=1)
check("children --pid 100 --tree: all four",
      doc and len(doc["processes"]) == 4)

# threads: matched by creation order, not tid, whatever the interleaving
doc = js("threads", want=0)
check("threads: same", doc and doc["same"])
# a thread that made no selected call still counts: one run had it only
doc = js("threads", "-e", "trace=none", want=0)
check("threads -e trace=none: same", doc and doc["same"])
a, b = pair("threads")
p = run("-e", "trace=none", a, pair("insert")[1])
check("threads against one task, -e trace=none: differ (%d)" % p.returncode,
      p.returncode == 1 and "thread count differences" in p.stdout and "3 | 1 threads" in p.stdout)

# resync: 20000 calls a side with nothing in common: replaced whole
doc = js("resync", want=1)
if doc:
    s = doc["summary"]
    check("resync: gave up once, 20000 changed (%s)" % s,
          s["gave_up"] == 1 and s["changed"] == 20000 and s["only_a"] == 0)
    h = doc["hunks"][0]
    check("resync: the hunk starts after the 3000 common calls",
          h["a_start"] == 2998 and h["a_count"] == 20006)
    more = [l for l in h["lines"] if "more" in l]
    check("resync: 50 lines a side, the rest counted",
          [(l["op"], l["more"]) for l in more] == [("-", 19950), ("+", 19950)])

# header: other kernel, the same calls: shown, exit 0
doc = js("header", want=0)
check("header: kernel shown, not a difference",
      doc and doc["same"] and doc["header_differences"] ==
      [{"field": "kernel", "a": "6.1.0-synthetic", "b": "6.9.0-other"}])
a, b = pair("header")
p = run(a, b)
check("header text: 'headers differ' and the kernels",
      p.returncode == 0 and "headers differ" in p.stdout and "6.9.0-other" in p.stdout)

# volatile: read's result differs unless read is named volatile
js("volatile", want=1)
doc = js("volatile", "--volatile", "read", want=0)
check("--volatile read: same", doc and doc["same"])
doc = js("volatile", "--volatile", "%desc", want=0)
check("--volatile %desc: same", doc and doc["same"])
js("volatile", "--volatile", "write", want=1)

# SIGCHLD before or after a write: not compared unless signals are asked for
doc = js("sigchld", want=0)
check("sigchld: same by default", doc and doc["same"])
doc = js("sigchld", "-e", "signal=SIGUSR1", want=0)
check("sigchld -e signal=SIGUSR1: same (SIGCHLD and its handler's sigreturn not compared)",
      doc and doc["same"])
doc = js("sigchld", "-e", "signal=all", want=1)
check("sigchld -e signal=all: the signal moved",
      doc and doc["summary"]["only_a"] + doc["summary"]["only_b"] + doc["summary"]["changed"] >= 1)

# the handler's sigreturn moves with it; its result (1 in A, 2 in B: what
# the write it interrupted returned) is not compared
if doc:
    moved = [l["text"] for h in doc["hunks"] for l in h["lines"] if l["op"] in "+-"]
    check("sigchld -e signal=all: sigreturns alike whatever they returned (%s)" % moved,
          doc["summary"]["changed"] == 0 and
          not any(t.startswith("rt_sigreturn(") for t in moved))

# ids: what the decoder prints as an id is one, a count equal to a pid is not
doc = js("ids", want=0)
check("ids: kill(PID, 0) alike, write count 100 alike though A's pid is 100",
      doc and doc["same"])
doc = js("ids_count", want=1)
check("ids_count: the write of 100 bytes vs 4000 differs (%s)" % (doc and doc["summary"]),
      doc and doc["summary"]["changed"] == 1 and doc["summary"]["only_a"] == 0 and
      doc["summary"]["only_b"] == 0)

# the long pair: 10^6 calls a side, 10 changes, no unique call to anchor on
t0 = time.monotonic()
doc = js("long", "--summary", want=1)
elapsed = time.monotonic() - t0
check("long: 10 changed (%s)" % (doc and doc["summary"]),
      doc and doc["summary"]["changed"] == 10 and doc["summary"]["only_a"] == 0 and
      len(doc["result_changes"]) == 10 and doc["hunks"] == [] and
      doc["first_divergence"] is None)
check("long: linear time (%.1f s, bound 120 s)" % elapsed, elapsed < 120)

# damaged: a copy cut short compares what was read, with a warning
a, b = pair("insert")
cut = os.path.join(WORK, "cut.trc")
data = open(b, "rb").read()
open(cut, "wb").write(data[:len(data) // 2])
p = run(a, cut)
check("cut short: compared (exit 1), warned: %s" % p.stderr,
      p.returncode == 1 and "cut short" in p.stderr and "note: B" in p.stdout)
# damaged inside: exit 2 after the comparison of what was read
bad = os.path.join(WORK, "bad.trc")
raw = bytearray(data)
for i in range(len(raw) // 2, len(raw) // 2 + 64):
    raw[i] ^= 0x5A
open(bad, "wb").write(bytes(raw))
p = run(a, bad)
check("damaged: exit 2 (%d), the comparison printed, a note" % p.returncode,
      p.returncode == 2 and p.stdout.startswith("--- ") and "stops here" in p.stdout)

# usage and bad input: exit 2
for args in ([], [a], [a, b, a], ["--nope", a, b], ["-e", "trace=opnat", a, b],
             ["--context", "x", a, b], ["--volatile", "nosuchcall", a, b], ["-", "-"]):
    p = run(*args)
    check("usage %s: exit 2, got %d" % (args, p.returncode), p.returncode == 2)
    check("usage %s: says strdiff: on stderr" % args, p.stderr.startswith("strdiff: "))
p = run(a, os.path.join(WORK, "missing.trc"))
check("missing file: exit 2", p.returncode == 2 and "missing.trc" in p.stderr)
notrace = os.path.join(WORK, "text.txt")
open(notrace, "w").write("hello\n")
p = run(a, notrace)
check("not a trace: exit 2", p.returncode == 2 and "not a strec trace" in p.stderr)
# -o never replaces an input or a trace
p = run("-o", a, a, b)
check("-o over an input: refused (2)", p.returncode == 2 and open(a, "rb").read(4) != b"")
out = os.path.join(WORK, "out.txt")
p = run("-o", out, a, b)
check("-o FILE: written", p.returncode == 1 and open(out).read().startswith("--- "))
p = run("--help")
check("--help: exit 0", p.returncode == 0 and p.stdout.startswith("Usage: strdiff"))

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
