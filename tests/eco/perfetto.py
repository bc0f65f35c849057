#!/usr/bin/env python3
"""strep --format=perfetto on a recording of tp_forktree: valid JSON in the
Chrome trace-event layout, a process_name per process, complete events with
non-negative durations, signals as instants, and fork flows whose two ends
sit on real slices (parent's fork call, child's first slice)."""
import collections
import json
import os
import subprocess
import sys

strec, strep, forktree, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
trc = os.path.join(work, "forktree.trc")
subprocess.run([strec, "-q", "-o", trc, forktree], check=True, stdout=subprocess.DEVNULL)
out = subprocess.run([strep, "--format=perfetto", trc], check=True, capture_output=True).stdout
doc = json.loads(out)
fail = []
if set(doc) != {"traceEvents", "displayTimeUnit"} or doc["displayTimeUnit"] != "ns":
    fail.append("top level: %r" % sorted(doc))
events = doc["traceEvents"]
by_ph = collections.defaultdict(list)
for e in events:
    by_ph[e["ph"]].append(e)
    for key in ("pid", "tid"):
        if not isinstance(e.get(key), int):
            fail.append("no %s: %r" % (key, e))

slices = by_ph["X"]
pids = {e["pid"] for e in slices}
if len(pids) != 4:
    fail.append("expected 4 processes with slices, got %r" % pids)
named = {e["pid"] for e in by_ph["M"] if e["name"] == "process_name" and e["args"]["name"]}
if pids - named:
    fail.append("processes without process_name: %r" % (pids - named))
for e in slices:
    if e["dur"] < 0 or e["ts"] < 0 or not e["name"] or "call" not in e["args"] \
            or "result" not in e["args"]:
        fail.append("bad slice %r" % e)
if not any(e["name"] == "SIGCHLD" and e.get("s") == "t" for e in by_ph["i"]):
    fail.append("no SIGCHLD instant")

starts = {(e["pid"], e["tid"], e["ts"]) for e in slices}
names_at = {(e["pid"], e["tid"], e["ts"]): e["name"] for e in slices}
s_ids = {e["id"]: e for e in by_ph["s"]}
f_ids = {e["id"]: e for e in by_ph["f"]}
if set(s_ids) != set(f_ids) or len(s_ids) != len(by_ph["s"]) or len(f_ids) != len(by_ph["f"]):
    fail.append("flow ends unmatched: s %r f %r" % (sorted(s_ids), sorted(f_ids)))
forks = 0
for fid, s in s_ids.items():
    f = f_ids.get(fid)
    if not f:
        continue
    for end in (s, f):
        if (end["pid"], end["tid"], end["ts"]) not in starts:
            fail.append("flow end not on a slice: %r" % end)
    if s["name"] == "fork":
        forks += 1
        if f["pid"] == s["pid"] or f.get("bp") != "e":
            fail.append("fork flow %r -> %r" % (s, f))
        if names_at.get((s["pid"], s["tid"], s["ts"])) not in ("clone", "clone3", "fork", "vfork"):
            fail.append("fork flow starts on %r" % names_at.get((s["pid"], s["tid"], s["ts"])))
if forks != 3:
    fail.append("expected 3 fork flows, got %d" % forks)
# the array is streamed: one event per line
if not out.startswith(b'{"traceEvents":[\n') or not out.rstrip().endswith(b'"displayTimeUnit":"ns"}'):
    fail.append("layout")

for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
