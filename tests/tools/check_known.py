"""Known-answer tests of strstat on the synthetic traces of mktrace.c.
Usage: check_known.py STRSTAT MKTRACE WORKDIR. JSON is read with json,
CSV with csv: the values are checked, not only the syntax."""
import csv
import io
import json
import os
import re
import subprocess
import sys

STRSTAT, MKTRACE, WORK = sys.argv[1:4]
os.makedirs(WORK, exist_ok=True)
subprocess.run([MKTRACE, WORK], check=True)
failures = []


def check(what, cond):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    p = subprocess.run([STRSTAT, *args], capture_output=True, text=True)
    if p.returncode != 0:
        failures.append("strstat %s exited %d: %s" % (args, p.returncode, p.stderr))
    return p.stdout


def near(a, b, rel=0.01):
    return abs(a - b) <= rel * b


def trc(name):
    return os.path.join(WORK, name)


# latency: read durations are exactly 1..100 us
doc = json.loads(run("--latency", "--top", "3", "--json", trc("latency.trc")))
rows = {r["syscall"]: r for r in doc["latency"]["syscalls"]}
rd = rows["read"]
check("read calls", rd["calls"] == 100)
check("read min", rd["min_ns"] == 1000)
check("read max", rd["max_ns"] == 100000)
check("read total", rd["total_ns"] == 5050000)
for p, want in (("p50_ns", 50000), ("p90_ns", 90000), ("p99_ns", 99000)):
    check("read %s %d ~ %d" % (p, rd[p], want), near(rd[p], want))
check("write p50", near(rows["write"]["p50_ns"], 6000000))
slow = doc["latency"]["slowest"]
check("top 3 kept", len(slow) == 3)
check("slowest order", [s["duration_ns"] for s in slow] == [7000000, 6000000, 5000000])
check("slowest are writes", all(s["syscall"] == "write" and s["pid"] == 100 for s in slow))
check("slowest decoded", slow[0]["call"].startswith("write(1, ") and slow[0]["call"].endswith("= 3"))

# the same through CSV
text = run("--latency", "--csv", trc("latency.trc"))
tables = [t for t in text.split("\n\n") if t.strip()]
check("two csv tables", len(tables) == 2)
lat = {r["syscall"]: r for r in csv.DictReader(io.StringIO(tables[0]))}
check("csv read p99", near(int(lat["read"]["p99_ns"]), 99000))
check("csv read calls", lat["read"]["calls"] == "100")
slow_csv = list(csv.DictReader(io.StringIO(tables[1])))
check("csv slowest (default 10)", len(slow_csv) == 10)
check("csv slowest first", slow_csv[0]["duration_ns"] == "7000000")

# the strace -c table: read first (5.05 ms < 18 ms of writes? no: writes first)
table = run(trc("latency.trc")).splitlines()
check("summary header", table[0] == "% time     seconds  usecs/call     calls    errors syscall")
check("summary rule", table[1] == "------ ----------- ----------- --------- --------- ----------------")
check("summary write row", table[2].split() == ["78.09", "0.018000", "6000", "3", "write"])
check("summary read row", table[3].split() == ["21.91", "0.005050", "50", "100", "read"])
check("summary total", table[5].split() == ["100.00", "0.023050", "223", "103", "total"])
names = [l.split()[-1] for l in run("-S", "name", trc("latency.trc")).splitlines()[2:4]]
check("-S name", names == ["read", "write"])

# errors: openat ENOENT 5, EACCES 2; close EBADF 1; failed paths resolved
doc = json.loads(run("--errors", "--json", trc("errors.trc")))
errs = {(r["syscall"], r["errno"]): r["count"] for r in doc["errors"]["syscalls"]}
check("errno breakdown %s" % errs,
      errs == {("openat", "ENOENT"): 5, ("openat", "EACCES"): 2, ("close", "EBADF"): 1})
paths = [(r["path"], r["failures"]) for r in doc["errors"]["failed_paths"]]
check("failed paths %s" % paths, paths == [("/nope", 5), ("/home/u/secret", 2)])
summ = {r["syscall"]: r for r in json.loads(run("--json", trc("errors.trc")))["summary"]["syscalls"]}
check("summary openat", (summ["openat"]["calls"], summ["openat"]["errors"]) == (10, 7))
check("summary close", (summ["close"]["calls"], summ["close"]["errors"]) == (4, 1))
text = run("--errors", trc("errors.trc"))
check("errors text", any(l.split() == ["openat", "10", "7", "ENOENT", "5", "EACCES", "2"]
                         for l in text.splitlines()))
# filters apply: -Z keeps failures only, --to_trace narrows
summ = {r["syscall"]: r for r in json.loads(run("-Z", "--json", trc("errors.trc")))["summary"]["syscalls"]}
check("-Z", summ["openat"]["calls"] == 7 and summ["close"]["calls"] == 1)
summ = json.loads(run("--to_trace", "close", "--json", trc("errors.trc")))["summary"]["syscalls"]
check("--to_trace", [r["syscall"] for r in summ] == ["close"])
summ = json.loads(run("-P", "/nope", "--json", trc("errors.trc")))["summary"]["syscalls"]
check("-P", [(r["syscall"], r["calls"]) for r in summ] == [("openat", 5)])

# processes: a tree with an exec in each and a kill
doc = json.loads(run("--processes", "--json", trc("procs.trc")))
procs = {r["pid"]: r for r in doc["processes"]["processes"]}
check("process pids", sorted(procs) == [200, 201])
p, c = procs[200], procs[201]
check("parent", p["ppid"] == 0 and c["ppid"] == 200)
check("commands", p["commands"] == [["sh", "-c", "sleep 10 &"]] and c["commands"] == [["sleep", "10"]])
check("exit status", p["exit_code"] == 3 and p["signal"] is None and p["status"] == "exited 3")
check("killed", c["signal"] == "SIGKILL" and c["exit_code"] is None and c["status"] == "killed by SIGKILL")
check("threads", p["threads"] == 2 and c["threads"] == 1)
check("child times", c["start_ns"] == 20000000 and c["end_ns"] == 50000000 and c["lifetime_ns"] == 30000000)
check("syscalls", c["syscalls"] == 1 and c["syscall_time_ns"] == 50000)
text = run("--processes", trc("procs.trc")).splitlines()
check("tree drawn", text[1].endswith("sh -c 'sleep 10 &'") and text[2].endswith("`-- sleep 10")
      and "killed by SIGKILL" in text[2])
rows = list(csv.DictReader(io.StringIO(run("--processes", "--csv", trc("procs.trc")))))
check("csv processes", [(r["pid"], r["ppid"], r["signal"]) for r in rows] == [("200", "0", ""), ("201", "200", "SIGKILL")])
check("csv command", rows[0]["commands"] == "sh -c 'sleep 10 &'")
check("--pid", [r["pid"] for r in json.loads(run("--processes", "--pid", "201", "--json", trc("procs.trc")))["processes"]["processes"]] == [201])

# a new task's records before its parent's spawn record join the process
# the spawn names: no phantom parentless process, in --processes and --svg
doc = json.loads(run("--processes", "--json", trc("early.trc")))
procs = {r["pid"]: r for r in doc["processes"]["processes"]}
check("early: processes %s" % sorted(procs), sorted(procs) == [500, 501])
if sorted(procs) == [500, 501]:
    p, c = procs[500], procs[501]
    check("early: child's parent", c["ppid"] == 500 and c["status"] == "exited 0")
    check("early: child's calls", c["syscalls"] == 3 and c["commands"] == [["true"]])
    check("early: child's start", c["start_ns"] < 12000000)
    check("early: parent's threads and calls", p["threads"] == 2 and p["syscalls"] == 4)
svg_path = os.path.join(WORK, "early.svg")
run("--svg", svg_path, trc("early.trc"))
with open(svg_path) as f:
    svg = f.read()
rows = re.findall(r'<g class="proc" data-pid="(\d+)"', svg)
check("early: svg rows %s" % rows, sorted(rows) == ["500", "501"])
check("early: svg tooltip", "pid 501 ppid 500: true" in svg)
check("early: svg calls as --processes", "syscalls 3," in svg)

# files: reads, writes, stat, failed open, paths resolved against the cwd
doc = json.loads(run("--files", "--json", trc("files.trc")))
files = {r["path"]: r for r in doc["files"]["files"]}
check("file paths %s" % sorted(files), sorted(files) == ["/work/data.txt", "/work/missing", "/work/out.log"])
d, o, m = files["/work/data.txt"], files["/work/out.log"], files["/work/missing"]
check("data.txt", (d["opens"], d["bytes_read"], d["bytes_written"], d["stat_calls"]) == (1, 200, 0, 1))
check("out.log", (o["opens"], o["bytes_read"], o["bytes_written"], o["stat_calls"]) == (1, 0, 150, 0))
check("missing", (m["opens"], m["failed_opens"], m["errnos"]) == (0, 1, "ENOENT:1"))
rows = list(csv.DictReader(io.StringIO(run("--files", "--sort", "written", "--csv", trc("files.trc")))))
check("csv --sort written", rows[0]["path"] == "/work/out.log" and rows[0]["bytes_written"] == "150")
rows = list(csv.DictReader(io.StringIO(run("--files", "--sort", "path", "--csv", trc("files.trc")))))
check("csv --sort path", [r["path"] for r in rows] == sorted(files))

# more paths than the tables keep (2^18): full, each drops the half touched
# least (131072 paths failing once), says so, and /hot (5 failures) stays
doc = json.loads(run("--files", "--json", trc("files.trc")))
check("nothing dropped", doc["files"]["dropped"] == [
    {"paths": 0, "opens": 0, "failed_opens": 0, "bytes_read": 0, "bytes_written": 0,
     "stat_calls": 0, "max_paths": 262144}])
check("no dropped table in csv", "max_paths" not in run("--files", "--csv", trc("files.trc")))
doc = json.loads(run("--errors", "--files", "--json", trc("manypaths.trc")))
fp = doc["errors"]["failed_paths"]
check("the path that failed most %s" % fp[:1], fp[0]["path"] == "/hot" and fp[0]["failures"] == 5)
check("failed paths dropped %s" % doc["errors"]["failed_paths_dropped"],
      doc["errors"]["failed_paths_dropped"] == [{"paths": 131072, "failures": 131072, "max_paths": 262144}])
files = doc["files"]["files"]
check("files kept %d" % len(files), len(files) == 300001 - 131072)
cold = sorted(int(f["path"][6:]) for f in files if f["path"].startswith("/cold/"))
check("the cold paths kept: the last before the drop, and those after",
      cold == list(range(131072, 300000)))
hot = [f for f in files if f["path"] == "/hot"]
check("/hot kept whole", len(hot) == 1 and hot[0]["failed_opens"] == 5)
check("files dropped %s" % doc["files"]["dropped"], doc["files"]["dropped"] == [
    {"paths": 131072, "opens": 0, "failed_opens": 131072, "bytes_read": 0, "bytes_written": 0,
     "stat_calls": 0, "max_paths": 262144}])
text = run("--errors", "--files", trc("manypaths.trc")).splitlines()
check("errors text says what was dropped",
      "Paths that failed most (10 of 168929 kept; 131072 paths that failed least were dropped, "
      "with 131072 failures: at most 262144 are kept):" in text)
check("files text says what was dropped", text[-1].split()[:2] == ["0", "131072"] and
      text[-1].endswith("[131072 more paths dropped: at most 262144 are kept, those touched least go]"))
tables = [t for t in run("--files", "--csv", trc("manypaths.trc")).split("\n\n") if t.strip()]
check("csv: a table of what was dropped", len(tables) == 2 and
      list(csv.DictReader(io.StringIO(tables[1])))[0]["paths"] == "131072")

# --all --json: every view in one document
doc = json.loads(run("--all", "--json", trc("files.trc")))
check("--all views", sorted(doc) == ["errors", "files", "latency", "processes", "schema_version", "summary"])

# --all: a heading per view; one view alone has none (strace -c's table)
text = run("--all", trc("files.trc")).splitlines()
heads = [l for l in text if l.startswith("=== ")]
check("--all headings %s" % heads, [h.split()[1] for h in heads] ==
      ["summary:", "latency:", "errors:", "processes:", "files:"])
check("--all: the summary's table under its heading", text[1].startswith("% time"))
check("one view: no heading", not run(trc("files.trc")).startswith("==="))
check("two views: headings", run("--errors", "--files", trc("files.trc")).count("\n=== ") == 1)

# --csv: every row names its table; --csv-dir: a file per table
text = run("--all", "--csv", trc("files.trc"))
names = sorted({l.split(",")[0] for l in text.splitlines() if l})
check("csv table column %s" % names, names == [
    "errors", "errors_paths", "files", "latency", "latency_slowest", "processes", "syscalls",
    "syscalls_total", "table"])
rows = [r for r in csv.DictReader(io.StringIO(text.split("\n\n")[0]))]
check("csv: syscalls table", rows and all(r["table"] == "syscalls" for r in rows) and
      {r["syscall"] for r in rows} == {"read", "write", "openat", "close", "fstat"})
csv_dir = os.path.join(WORK, "csv-dir")
run("--all", "--csv-dir", csv_dir, trc("files.trc"))
got = sorted(os.listdir(csv_dir)) if os.path.isdir(csv_dir) else []
check("--csv-dir files %s" % got, got == [
    "errors.csv", "errors_paths.csv", "files.csv", "latency.csv", "latency_slowest.csv",
    "processes.csv", "syscalls.csv", "syscalls_total.csv"])
if "files.csv" in got:
    with open(os.path.join(csv_dir, "files.csv")) as f:
        files_csv = list(csv.DictReader(f))
    check("--csv-dir files.csv", {r["path"]: r["bytes_read"] for r in files_csv}.get(
        "/work/data.txt") == "200" and "table" not in files_csv[0])
    with open(os.path.join(csv_dir, "errors.csv")) as f:
        check("--csv-dir errors.csv", list(csv.DictReader(f)) == [
            {"arch": "x86_64", "syscall": "openat", "errno": "ENOENT", "errno_nr": "2",
             "count": "1"}])
run("--processes", "--csv=" + csv_dir, trc("procs.trc"))
with open(os.path.join(csv_dir, "processes.csv")) as f:
    check("--csv=DIR replaces processes.csv", sorted(int(r["pid"]) for r in csv.DictReader(f))
          == [200, 201])
p = subprocess.run([STRSTAT, "--csv-dir", csv_dir, "-o", os.path.join(WORK, "x"),
                    trc("files.trc")], capture_output=True, text=True)
check("--csv-dir with -o: a usage error", p.returncode == 2 and "strstat: " in p.stderr)

if failures:
    print("%d check(s) failed" % len(failures), file=sys.stderr)
    sys.exit(1)
print("all checks passed")
