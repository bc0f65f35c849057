#!/usr/bin/env python3
"""strstat --svg: the picture is well-formed XML with one bar per process
(the processes --processes lists), each named by its command; --svg alone
prints no view; failed exits are marked."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

strec, strstat, forktree, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
trc = os.path.join(work, "forktree.trc")
svg = os.path.join(work, "forktree.svg")
subprocess.run([strec, "-q", "-o", trc, forktree], check=True, stdout=subprocess.DEVNULL)
out = subprocess.run([strstat, "--svg", svg, trc], check=True, capture_output=True)
fail = []
if out.stdout:
    fail.append("--svg alone printed %r" % out.stdout[:200])
procs = json.loads(subprocess.run([strstat, "--processes", "--json", trc], check=True,
                                  capture_output=True).stdout)["processes"]["processes"]
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(svg).getroot()
if root.tag != "{http://www.w3.org/2000/svg}svg":
    fail.append("root is %s" % root.tag)
rows = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
        if (g.get("class") or "").split()[:1] == ["proc"]]
row_pids = sorted(int(g.get("data-pid")) for g in rows)
if row_pids != sorted(p["pid"] for p in procs):
    fail.append("rows %r, processes %r" % (row_pids, [p["pid"] for p in procs]))
for g in rows:
    title = "".join(g.find("s:title", ns).itertext())
    if "tp_forktree" not in title:
        fail.append("row %s without its command: %r" % (g.get("data-pid"), title))
    if not g.findall("s:rect", ns):
        fail.append("row %s without a bar" % g.get("data-pid"))
# the children exit 11, 12, 13: marked in red, their status in the tooltip
red = [g for g in rows if "failed" in g.get("class").split()]
if sorted("".join(g.find("s:title", ns).itertext()).split("\n")[-1] for g in red) != \
        ["exited 11", "exited 12", "exited 13"]:
    fail.append("expected 3 failed exits marked, got %d" % len(red))
labels = "".join(root.find("s:g[@class='labels']", ns).itertext())
if "tp_forktree" not in labels:
    fail.append("the label column does not name tp_forktree: %r" % labels)
# combined with a view, the view is printed too
both = subprocess.run([strstat, "--processes", "--svg", svg, trc], check=True,
                      capture_output=True).stdout
if b"tp_forktree" not in both:
    fail.append("--processes --svg printed no processes view")
for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
