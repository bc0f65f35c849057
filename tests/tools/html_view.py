#!/usr/bin/env python3
"""strstat --html in a real browser: Debian's chromium, headless.

For a recorded program of one process, a recorded shell pipeline and a
crafted make -j2 of 2,001 processes (mktrace's build.trc): the page refers
to nothing outside itself; each process's embedded summary is the CSV of
`strstat --csv --pid PID` and agrees with --processes; in chromium the
page's script finishes ("ok" in body's data-status, which window.onerror
would have set to the error); #pid=PID opens that process's syscall table,
the same rows as `strstat --pid PID` prints; hover, click, Ctrl+wheel, drag
and the buttons work (tests/tools/html_events.js, run after the page's
script); a screenshot of each page is a picture of the right size with the
bars' colour in it, not a blank page. The screenshots stay in WORKDIR.
Skips (77) when chromium is not installed, and only then.

usage: html_view.py BINDIR MKTRACE WORKDIR"""
import csv
import html
import io
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib

bindir, mktrace, work = sys.argv[1:4]
strec = os.path.join(bindir, "strec")
strstat = os.path.join(bindir, "strstat")
here = os.path.dirname(os.path.abspath(__file__))
fails = []
started = time.monotonic()


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


chromium = shutil.which("chromium")
if not chromium:
    print("SKIP: chromium is not installed (Debian's chromium package: "
          "apt-get install chromium, or scripts/setup.sh)")
    sys.exit(77)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
WINDOW = (1440, 720)


def browse(page, fragment="", *args):
    """chromium headless on page#fragment with args; its standard output."""
    url = pathlib.Path(page).resolve().as_uri() + (fragment and "#" + fragment)
    cmd = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--user-data-dir=" + os.path.join(work, "profile"),
           "--window-size=%d,%d" % WINDOW] + list(args) + [url]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    if r.returncode != 0:
        fail("chromium %s exited %d: %s" % (" ".join(args), r.returncode,
                                             r.stderr.decode(errors="replace")[-2000:]))
    return r.stdout.decode(errors="replace")


def status(dom, attr="data-status"):
    m = re.search(r'<body[^>]*\b%s="([^"]*)"' % attr, dom)
    return html.unescape(m.group(1)) if m else None


def png_pixels(path):
    """(width, height, rows of bytes, bytes per pixel) of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or interlace or ctype not in (2, 6):
        raise ValueError("PNG of depth %d, colour type %d, interlace %d" % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows, bpp


def check_screenshot(name, png):
    """A picture of the window's size, of many colours, with the bars' blue."""
    if not os.path.exists(png) or os.path.getsize(png) < 2000:
        fail("%s: no screenshot, or a tiny one" % name)
        return
    w, h, rows, bpp = png_pixels(png)
    if (w, h) != WINDOW:
        fail("%s: screenshot of %dx%d for a %dx%d window" % ((name, w, h) + WINDOW))
    counts = {}
    for line in rows:
        for i in range(0, len(line), bpp):
            px = line[i:i + 3]
            counts[px] = counts.get(px, 0) + 1
    common = max(counts.values())
    bar = counts.get(bytes((0x9e, 0xca, 0xe1)), 0)  # a bar's fill, #9ecae1
    print("%s: %dx%d, %d colours, the commonest on %.1f%%, %d px of bars" %
          (name, w, h, len(counts), 100.0 * common / (w * h), bar))
    if len(counts) < 16 or common > 0.98 * w * h:
        fail("%s: a blank screenshot (%d colours)" % (name, len(counts)))
    if bar < 20:
        fail("%s: no bar drawn (%d px of #9ecae1)" % (name, bar))


def text_summary(trc, pid):
    """strstat --pid PID's table: [% time, seconds, usecs/call, calls, errors, syscall]."""
    out = subprocess.run([strstat, "--pid", str(pid), trc], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    rows = []
    for line in out[1:]:
        if line.startswith("-"):
            continue
        f = line.split()
        rows.append(f[:4] + ([f[4]] if len(f) == 6 else [""]) + [f[-1]])
    return rows


def csv_tables(text):
    """strstat --csv's tables: {name: [rows as dicts]}."""
    tables, cols = {}, []
    for f in csv.reader(io.StringIO(text)):
        if f and f[0] == "table":
            cols = f
        elif f:
            tables.setdefault(f[0], []).append(dict(zip(cols, f)))
    return tables


def make_page(name, trc):
    """strstat --html of trc, checked as a file; (page, drawn pids by index, calls)."""
    page = os.path.join(work, name + ".html")
    subprocess.run([strstat, "--html", page, trc], check=True)
    text = open(page, encoding="utf-8").read()
    for pattern, what in ((r"(?i)https?://", "an http(s) address"), (r"(?i)<link\b", "a link"),
                          (r"(?i)\bsrc\s*=", "a src attribute"), (r"(?i)@import", "an @import"),
                          (r"(?i)url\((?!#)", "a url() not in the page"),
                          (r"(?i)<(iframe|object|embed|img)\b", "an embedded resource")):
        m = re.search(pattern, text)
        if m:
            fail("%s: %s: %r" % (name, what, text[max(0, m.start() - 60):m.end() + 60]))
    if text.count("<script") != 2 or "@SVG@" in text or "@CALLS@" in text:
        fail("%s: not the page with its two scripts filled in" % name)
    m = re.search(r'<script type="application/json" id="calls">(.*?)</script>', text, re.S)
    calls = json.loads(m.group(1)) if m else {}
    drawn = {int(i): int(pid) for pid, i in
             re.findall(r'<g class="proc[^"]*" data-pid="(\d+)" data-row="\d+" '
                        r'data-proc="(\d+)"', text)}
    procs = json.loads(subprocess.run([strstat, "--processes", "--json", trc], check=True,
                                      capture_output=True).stdout)["processes"]["processes"]
    if sorted(drawn.values()) != sorted(p["pid"] for p in procs):
        fail("%s: bars for pids %s, --processes lists %s" % (name, sorted(drawn.values()),
                                                              sorted(p["pid"] for p in procs)))
    # each process's summary: its --processes numbers, all its calls
    by_pid = {p["pid"]: p for p in procs}
    for i, pid in drawn.items():
        p = by_pid.get(pid)
        totals = csv_tables(calls.get(str(i), "")).get("syscalls_total", [])
        got = (sum(int(t["calls"]) for t in totals), sum(int(t["time_ns"]) for t in totals))
        if p and got != (p["syscalls"], p["syscall_time_ns"]):
            fail("%s: pid %d: summary of %d calls in %d ns, --processes says %d in %d" %
                 (name, pid, got[0], got[1], p["syscalls"], p["syscall_time_ns"]))
    if set(calls) - set(str(i) for i in drawn):
        fail("%s: summaries of processes not drawn" % name)
    return page, drawn, calls


def same_as_pid_csv(name, trc, drawn, calls, indexes):
    """The embedded summary is what strstat --csv --pid PID prints."""
    for i in indexes:
        want = subprocess.run([strstat, "--csv", "--pid", str(drawn[i]), trc], check=True,
                              capture_output=True, text=True).stdout
        if calls.get(str(i)) != want:
            fail("%s: pid %d: embedded %r, strstat --csv --pid prints %r" %
                 (name, drawn[i], calls.get(str(i)), want))


def in_browser(name, page, trc, pid):
    """The page at #pid=PID with html_events.js after its script: the script
    runs to its end, the table it opens is strstat --pid PID's, the reader's
    moves work."""
    checked = os.path.join(work, name + "-events.html")
    text = open(page, encoding="utf-8").read()
    script = open(os.path.join(here, "html_events.js"), encoding="utf-8").read()
    open(checked, "w", encoding="utf-8").write(
        text.replace("</body>", "<script>\n%s</script>\n</body>" % script))
    dom = browse(checked, "pid=%d" % pid, "--dump-dom")
    if status(dom) != "ok":
        fail("%s: the page's script says %r" % (name, status(dom)))
    if not re.search(r"<title>strstat: [^<]*process", dom):
        fail("%s: title %s" % (name, re.findall(r"<title>[^<]*", dom)))
    table = json.loads(status(dom, "data-table") or "[]")
    want = text_summary(trc, pid)
    if table[1:] != want or not want:
        fail("%s: pid %d: the page's table %s, strstat --pid prints %s" %
             (name, pid, table, want))
    if status(dom, "data-check") != "ok":
        fail("%s: working the page: %s" % (name, status(dom, "data-check")))
    print("%s: a zoom step took %s ms" % (name, status(dom, "data-zoom-ms")))


# a recorded program of one process, and a shell pipeline
one = os.path.join(work, "one.trc")
subprocess.run([strec, "-q", "-o", one, "ls", "/"], check=True, stdout=subprocess.DEVNULL)
pipe = os.path.join(work, "pipe.trc")
subprocess.run([strec, "-q", "-o", pipe, "sh", "-c", "ls / | wc -l; cat /nonexistent"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
subprocess.run([mktrace, work], check=True, stdout=subprocess.DEVNULL)
build = os.path.join(work, "build.trc")

for name, trc in (("one", one), ("pipeline", pipe), ("build", build)):
    page, drawn, calls = make_page(name, trc)
    if name == "build":
        if len(drawn) != 2001:
            fail("build: %d processes drawn" % len(drawn))
        same_as_pid_csv(name, trc, drawn, calls, sorted(drawn)[:3] + [
            i for i, pid in drawn.items() if pid == 3102])
        focus = 3102  # cc1, which failed
    else:
        same_as_pid_csv(name, trc, drawn, calls, drawn)
        focus = drawn[max(drawn)]  # the last process: ls, or cat in the pipeline
    in_browser(name, page, trc, focus)
    png = os.path.join(work, name + ".png")
    browse(page, "pid=%d" % focus, "--screenshot=" + png)
    check_screenshot(name, png)

print("html_view: %.1f s" % (time.monotonic() - started))
sys.exit(1 if fails else 0)
