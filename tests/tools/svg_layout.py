#!/usr/bin/env python3
"""strstat --svg on pictures of 1 to 2,000 processes: structure and size.

Every process of --processes is drawn once, with a tooltip holding the
numbers --processes prints; bars sharing a row never overlap and are at
least 2 px wide; the label column never reaches the time area; a brace
(the line down from a process to its children) crosses only bars of its
own descendants; the time axis has a handful of ticks; a legend. Then per
picture: a crafted make -j2 of 2,000 processes (mktrace's build.trc) fits
in a bounded height with its threads, failed exits and failed calls
marked; a recorded shell pipeline; a 1-process program.

usage: svg_layout.py STRSTAT MKTRACE STREC WORKDIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

strstat, mktrace, strec, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
S = "{http://www.w3.org/2000/svg}"
CHAR_W = 6.7  # the label column's 11px monospace advance, rounded up
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


def processes(trc):
    out = subprocess.run([strstat, "--processes", "--json", trc], check=True,
                         capture_output=True).stdout
    return json.loads(out)["processes"]["processes"]


def picture(trc, name):
    svg = os.path.join(work, name + ".svg")
    subprocess.run([strstat, "--svg", svg, trc], check=True)
    return svg


def check_picture(name, svg, procs):
    """The checks every picture passes; returns (root, groups by pid, rows)."""
    root = ET.parse(svg).getroot()
    if root.tag != S + "svg":
        fail("%s: root is %s" % (name, root.tag))
    grid = [g for g in root.iter(S + "g") if g.get("class") == "grid"][0]
    x0 = float(grid.find(S + "line").get("x1"))  # the first tick: time 0
    groups = {}
    for g in root.iter(S + "g"):
        if (g.get("class") or "").split()[:1] == ["proc"]:
            pid = int(g.get("data-pid"))
            if pid in groups:
                fail("%s: pid %d drawn twice" % (name, pid))
            groups[pid] = g
    by_pid = {p["pid"]: p for p in procs}
    if sorted(groups) != sorted(by_pid):
        fail("%s: drawn %d processes, --processes lists %d" % (name, len(groups), len(by_pid)))
    # tooltips: the numbers of --processes
    for pid, g in groups.items():
        p = by_pid.get(pid)
        title = "".join(g.find(S + "title").itertext())
        m = re.match(r"pid (\d+) ppid (\d+): .*\nstart ([\d.]+) s, end ([\d.]+) s, lifetime "
                     r"([\d.]+) s\nthreads (\d+), syscalls (\d+), in syscalls ([\d.]+) s, "
                     r"failed (\d+)\n(.*)$", title, re.S)
        if not m or not p:
            fail("%s: pid %d: tooltip %r" % (name, pid, title))
            continue
        want = [str(pid), str(p["ppid"]), "%.6f" % (p["start_ns"] / 1e9),
                None if p["end_ns"] is None else "%.6f" % (p["end_ns"] / 1e9),
                "%.6f" % (p["lifetime_ns"] / 1e9), str(p["threads"]), str(p["syscalls"]),
                "%.6f" % (p["syscall_time_ns"] / 1e9), None, p["status"]]
        got = list(m.groups())
        for w, v in zip(want, got):
            if w is not None and w != v:
                fail("%s: pid %d: tooltip says %r where --processes says %r" % (name, pid, v, w))
        failed = "failed" in g.get("class").split()
        if failed != ((p["exit_code"] or 0) != 0 or p["signal"] is not None):
            fail("%s: pid %d (%s) marked failed: %s" % (name, pid, p["status"], failed))
    # bars: at least 2 px, in the time area, never overlapping in a row
    bars = {}
    for pid, g in groups.items():
        r = [e for e in g.findall(S + "rect") if e.get("class") == "bar"]
        if len(r) != 1:
            fail("%s: pid %d has %d bars" % (name, pid, len(r)))
            continue
        x, w = float(r[0].get("x")), float(r[0].get("width"))
        row = int(g.get("data-row"))
        if w < 1.99 or x < x0 - 0.05:
            fail("%s: pid %d: bar at %.1f, %.1f px wide" % (name, pid, x, w))
        bars[pid] = (row, x, w)
    rows = {}
    for pid, (row, x, w) in bars.items():
        rows.setdefault(row, []).append((x, w, pid))
    for row, v in rows.items():
        v.sort()
        for (xa, wa, pa), (xb, wb, pb) in zip(v, v[1:]):
            if xb < xa + wa - 0.05:
                fail("%s: row %d: pids %d and %d overlap" % (name, row, pa, pb))
                break
    # the label column ends before the time area
    labels = [g for g in root.iter(S + "g") if g.get("class") == "labels"]
    if len(labels) != 1:
        fail("%s: %d label columns" % (name, len(labels)))
    for t in labels[0].iter(S + "text"):
        text = "".join(t.itertext())
        if float(t.get("x")) + len(text) * CHAR_W > x0:
            fail("%s: label %r reaches the time area" % (name, text))
    labelled = {int(g.get("data-row")) for g in labels[0].findall(S + "g")}
    if labelled != set(rows):
        fail("%s: rows with bars %s, with labels %s" % (name, sorted(rows)[:10],
                                                        sorted(labelled)[:10]))
    # braces cross only their own descendants' bars
    kids = {}
    for p in procs:
        kids.setdefault(p["ppid"], []).append(p["pid"])

    def descendants(pid):
        out, todo = set(), [pid]
        while todo:
            for c in kids.get(todo.pop(), []):
                if c not in out:
                    out.add(c)
                    todo.append(c)
        return out
    tree = [g for g in root.iter(S + "g") if g.get("class") == "tree"][0]
    row_of_y = lambda y: (y - 46) // 16
    for path in tree.iter(S + "path"):
        pid = int(path.get("data-pid"))
        m = re.match(r"M([\d.]+),(\d+) V(\d+)", path.get("d"))
        x, r0, r1 = float(m.group(1)), row_of_y(int(m.group(2))), row_of_y(int(m.group(3)))
        mine = descendants(pid)
        for row in range(r0 + 1, r1 + 1):
            for (bx, bw, bp) in rows.get(row, []):
                if bx - 0.5 <= x <= bx + bw + 0.5 and bp not in mine:
                    fail("%s: the brace of %d crosses pid %d" % (name, pid, bp))
    # a time axis with a handful of ticks, a legend
    ticks = [g for g in root.iter(S + "g") if g.get("class") == "ticks"][0]
    tick_x = [float(t.get("x")) for t in ticks.iter(S + "text")]
    if not 3 <= len(tick_x) <= 12 or tick_x != sorted(tick_x):
        fail("%s: ticks at %s" % (name, tick_x))
    if not [g for g in root.iter(S + "g") if g.get("class") == "legend"]:
        fail("%s: no legend" % name)
    # a renderer takes it, at the size it says
    if shutil.which("rsvg-convert"):
        png = svg[:-4] + ".png"
        subprocess.run(["rsvg-convert", "-o", png, svg], check=True)
        with open(png, "rb") as f:
            head = f.read(24)
        size = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if size != (int(root.get("width")), int(root.get("height"))):
            fail("%s: rendered %s for %sx%s" % (name, size, root.get("width"),
                                               root.get("height")))
    return root, groups, rows


# a make -j2 of 500 files: 2,001 processes
subprocess.run([mktrace, work], check=True)
trc = os.path.join(work, "build.trc")
procs = processes(trc)
root, groups, rows = check_picture("build", picture(trc, "build"), procs)
if len(procs) != 2001:
    fail("build: %d processes" % len(procs))
# bounded: two compiles at a time, 4 deep, give 4 lanes of 4 rows and make
if len(rows) > 24 or int(root.get("height")) > 24 * 16 + 200:
    fail("build: %d rows, %s px high" % (len(rows), root.get("height")))
threads = [e for e in groups[9000].iter(S + "rect") if e.get("class") == "thread"]
if len(threads) != 40:
    fail("build: ld's 40 threads drawn as %d sub-rows" % len(threads))
failed = sorted(p for p, g in groups.items() if "failed" in g.get("class"))
if failed != [3100, 3101, 3102]:
    fail("build: failed exits marked %s" % failed)
ticks = [m for e in groups[3102].iter(S + "path") if e.get("class") == "fail"
         for m in re.findall(r"M[\d.]+,\d+v6", e.get("d"))]
if len(ticks) != 1:
    fail("build: cc1's failed openat marked %d times" % len(ticks))
labels = [g for g in root.iter(S + "g") if g.get("class") == "labels"][0]
label_text = ["".join(t.itertext()) for t in labels.iter(S + "text")]
for kind in ("sh (125)", "cc (125)", "cc1 (125)", "as (125)"):
    if not any(kind in t for t in label_text):
        fail("build: no row labelled %r: %s" % (kind, label_text[:12]))

# a recorded shell pipeline and a program of one process
pipe = os.path.join(work, "pipe.trc")
rc = subprocess.run([strec, "-q", "-o", pipe, "sh", "-c",
                     "ls / | grep -c e | sort; cat /nonexistent; exit 3"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
if rc != 3:
    fail("pipeline: strec exited %d" % rc)
procs = processes(pipe)
root, groups, rows = check_picture("pipeline", picture(pipe, "pipeline"), procs)
if len(procs) != 5 or len(rows) > 5:
    fail("pipeline: %d processes in %d rows" % (len(procs), len(rows)))
if not any(e.get("class") == "fail" for g in groups.values() for e in g.iter(S + "path")):
    fail("pipeline: cat's failed open not marked")
one = os.path.join(work, "one.trc")
subprocess.run([strec, "-q", "-o", one, "true"], check=True)
procs = processes(one)
root, groups, rows = check_picture("one", picture(one, "one"), procs)
if len(procs) != 1 or list(rows) != [0] or int(root.get("height")) > 200:
    fail("one: %d processes, rows %s, %s px" % (len(procs), list(rows), root.get("height")))
sys.exit(1 if fails else 0)
