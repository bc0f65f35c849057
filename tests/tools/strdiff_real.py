#!/usr/bin/env python3
"""strdiff on real programs recorded twice with one difference injected
(tests/programs/tp_divergent.c): a config file present vs missing (also
against a scrubbed copy of the failing run), an
environment variable changing a code path, a child killed by a signal, one
thread more, a number that is a pid of one run only; and on noise alone
(`ls -la /etc`, and a shell's kill -0 $$ and wait for a child, each recorded
twice with address randomization on), which must give exit 0. Checks strdiff's JSON (and the
text of the first case): the first divergence, the counts, the result
changes, the files, the exit statuses.
Usage: strdiff_real.py BINDIR WORKDIR. Exit 77 (skip) when strec cannot trace."""
import json
import os
import re
import shutil
import subprocess
import sys

BIN, WORK = sys.argv[1:3]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
failures = []


def check(what, cond):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def record(name, cmd, env=None, cwd=WORK):
    """Records cmd into WORK/name.trc; env: variables added to a clean one."""
    path = os.path.join(WORK, name + ".trc")
    e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    e.update(env or {})
    p = subprocess.run([os.path.join(BIN, "strec"), "-q", "-o", path, "--"] + cmd, env=e,
                       cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        print("SKIP: cannot record:", p.stderr.strip())
        sys.exit(77)
    return path


def strdiff(*args):
    return subprocess.run([os.path.join(BIN, "strdiff"), *args], capture_output=True, text=True)


def diff_json(a, b, *args):
    p = strdiff("--json", *args, a, b)
    try:
        return p.returncode, json.loads(p.stdout)
    except ValueError:
        failures.append("strdiff --json %s %s: not JSON (exit %d): %s" %
                        (a, b, p.returncode, p.stderr))
        return p.returncode, None


def first_hunk(doc):
    return doc["hunks"][doc["first_divergence"]]


def changed_lines(hunk, op):
    return [l["text"] for l in hunk["lines"] if l["op"] == op and "text" in l]


prog = [os.path.join(BIN, "tp_divergent"), "app.conf"]
conf = os.path.join(WORK, "app.conf")
# every run has one variable of ours, so execve shows the same count
PAD = {"TP_DIVERGENT_PAD": "1"}

# --- the same run twice: no differences
with open(conf, "w") as f:
    f.write("key=value\n")
good = record("good", prog, PAD)
again = record("again", prog, PAD)
rc, doc = diff_json(good, again)
check("same program twice: exit 0, got %d" % rc, rc == 0)
check("same program twice: same", doc and doc["same"] and not doc["hunks"])

# --- config file present vs missing
os.unlink(conf)
missing = record("missing", prog, PAD)
rc, doc = diff_json(good, missing)
check("config missing: exit 1, got %d" % rc, rc == 1)
if doc:
    h = first_hunk(doc)
    minus, plus = changed_lines(h, "-"), changed_lines(h, "+")
    check("config: first divergence is the openat (A: %s)" % minus[:1],
          minus and minus[0].startswith('openat(AT_FDCWD') and '"app.conf"' in minus[0])
    check("config: B's first changed call is openat = -1 ENOENT (%s)" % plus[:1],
          plus and '"app.conf"' in plus[0] and "= -1 ENOENT" in plus[0])
    rcs = doc["result_changes"]
    check("config: the openat is the first result change",
          rcs and rcs[0]["kind"] == "failed" and '"app.conf"' in rcs[0]["a"] and
          "ENOENT" in rcs[0]["b"])
    check("config: app.conf touched only in A (%s)" % doc["files_only_a"],
          "app.conf" in doc["files_only_a"] and not doc["files_only_b"])
    check("config: one process pair, no process in one run only",
          doc["summary"]["processes_only_a"] == 0 and doc["summary"]["processes_only_b"] == 0)
    check("config: B writes 'no config'",
          any('"no config\\n"' in t for t in plus))
# the text says the same, first
p = strdiff(good, missing)
check("config text: exit 1", p.returncode == 1)
lines = p.stdout.splitlines()
first = lines.index(next(l for l in lines if l.startswith("first divergence:"))) if any(
    l.startswith("first divergence:") for l in lines) else -1
check("config text: a first divergence", first > 0)
if first > 0:
    hunk = lines[first + 1:]
    minus = next((l for l in hunk if l.startswith("-")), "")
    plus = next((l for l in hunk if l.startswith("+")), "")
    check("config text: '-openat(... \"app.conf\" ...) = 3' (%s)" % minus,
          minus.startswith("-openat(") and '"app.conf"' in minus and "= 3" in minus)
    check("config text: '+openat(...) = -1 ENOENT' (%s)" % plus,
          plus.startswith("+openat(") and "= -1 ENOENT (No such file or directory)" in plus)
    check("config text: summary before the hunks",
          lines.index(next(l for l in lines if l.startswith("summary:"))) < first)
# filters apply: only the file calls, only the failed ones
rc, doc = diff_json(good, missing, "-e", "trace=%file")
check("config -e trace=%%file: exit 1, got %d" % rc, rc == 1)
if doc:
    texts = [l["text"] for h in doc["hunks"] for l in h["lines"] if "text" in l]
    check("config -e trace=%%file: only file calls (%s)" % texts[:3],
          texts and all(t.split("(")[0] in ("openat", "open", "execve", "access", "newfstatat",
                                            "stat", "readlink", "statfs")
                        or t.startswith(("+++", "---")) for t in texts))

# --- against a scrubbed copy (the bug report's): buffers read alike
shared = os.path.join(WORK, "missing-shared.trc")
subprocess.run([os.path.join(BIN, "strscrub"), missing, "-o", shared], check=True)
rc, doc = diff_json(missing, shared)
check("a trace and its scrubbed copy: exit 0, got %d" % rc, rc == 0)
check("scrubbed copy: the header difference is shown",
      doc and {"field": "scrubbed", "a": "0", "b": "1"} in doc["header_differences"])
rc, doc = diff_json(good, shared)
check("config, B scrubbed: exit 1, got %d" % rc, rc == 1)
if doc:
    rcs = doc["result_changes"]
    check("config, B scrubbed: the openat is the first result change",
          rcs and '"app.conf"' in rcs[0]["a"] and "ENOENT" in rcs[0]["b"])
    check("config, B scrubbed: only the openat and what follows from it differ (%s)" %
          doc["summary"], doc["summary"]["only_a"] + doc["summary"]["only_b"] <= 4)

# --- an environment variable changes a code path
with open(conf, "w") as f:
    f.write("key=value\n")
verbose = record("verbose", prog, {"TP_DIVERGENT_VERBOSE": "1"})
rc, doc = diff_json(good, verbose)
check("env: exit 1, got %d" % rc, rc == 1)
if doc:
    h = first_hunk(doc)
    plus, minus = changed_lines(h, "+"), changed_lines(h, "-")
    check("env: nothing only in A at the first divergence (%s)" % minus, not minus)
    check("env: the stat of / and the write are only in B (%s)" % plus,
          len(plus) == 2 and plus[0].startswith("newfstatat(") and '"/"' in plus[0] and
          plus[1].startswith("write(") and '"verbose\\n"' in plus[1])
    check("env: counts", doc["summary"]["only_b"] == 2 and doc["summary"]["only_a"] == 0 and
          doc["summary"]["changed"] == 0)

# --- a number that is a pid in one run only: the same call in both. A's
# lseek goes to A's own pid, B's to that same number given as an offset
# (B's own tids are others): only what the decoder prints as an id is a pid.
offset_self = record("offset_self", prog, {"TP_DIVERGENT_OFFSET": "pid"})
p = subprocess.run([os.path.join(BIN, "strep"), "-f", "-e", "trace=lseek", offset_self],
                   capture_output=True, text=True)
seeks = [re.match(r"(\d+) +lseek\(\d+, (\d+), SEEK_SET\) += (\d+)$", l)
         for l in p.stdout.splitlines() if " lseek(" in l]
a_pid = seeks[-1].group(1) if seeks and seeks[-1] else ""
check("offset: A's lseek goes to its own pid (%s)" % p.stdout,
      a_pid and seeks[-1].group(2) == a_pid and seeks[-1].group(3) == a_pid)
if a_pid.isdigit():
    offset_num = record("offset_num", prog, {"TP_DIVERGENT_OFFSET": a_pid})
    rc, doc = diff_json(offset_self, offset_num)
    check("offset %s, a pid of A only: exit 0, got %d (%s)" %
          (a_pid, rc, doc and [h["lines"] for h in doc["hunks"]][:2]), rc == 0)
    check("offset: same", doc and doc["same"])

# --- a child killed by a signal in one run
killed = record("killed", prog, {"TP_DIVERGENT_KILL": "1"})
rc, doc = diff_json(good, killed)
check("kill: exit 1, got %d" % rc, rc == 1)
if doc:
    procs = doc["processes"]
    child = [p for p in procs if p["exit_differs"]]
    check("kill: one process's exit differs (%s)" % [(p["a_exit"], p["b_exit"]) for p in procs],
          len(child) == 1 and child[0]["a_exit"] == "exited with 0" and
          child[0]["b_exit"] == "killed by SIGKILL")
    h = first_hunk(doc)
    check("kill: the first divergence is in the child",
          child and h["a_pid"] == child[0]["a_pid"] and h["b_pid"] == child[0]["b_pid"])
    check("kill: B's child ends killed", "+++ killed by SIGKILL +++" in changed_lines(h, "+"))
    check("kill: A's child ends with exit_group(0)",
          any(t.startswith("exit_group(0)") for t in changed_lines(h, "-")))

# --- one thread more
threads = record("threads", prog, {"TP_DIVERGENT_THREADS": "3"})
rc, doc = diff_json(good, threads)
check("threads: exit 1, got %d" % rc, rc == 1)
if doc:
    only_b = [h for h in doc["hunks"] if h["a_count"] == 0 and h["thread"] == 4]
    check("threads: the fourth task (third thread) is only in B",
          len(only_b) == 1 and only_b[0]["b_count"] >= 2)
    check("threads: no thread only in A", not any(h["b_count"] == 0 for h in doc["hunks"]))
    # the clone returns after its thread starts: either comes first
    fh = first_hunk(doc)
    texts = changed_lines(fh, "+")
    check("threads: the first divergence is B's third clone or its thread (%s)" % texts[:2],
          any(t.startswith("clone") for t in texts) or (fh["thread"] == 4 and fh["a_count"] == 0))
    main = [p for p in doc["processes"] if p["a_threads"] != p["b_threads"]]
    check("threads: 3 tasks in A, 4 in B",
          [(p["a_threads"], p["b_threads"]) for p in main] == [(3, 4)])
    check("threads: processes matched", doc["summary"]["processes_matched"] == 2 and
          doc["summary"]["processes_only_a"] == 0)

# --- a field named volatile: a file's size
sized = os.path.join(WORK, "sized")
with open(sized, "w") as f:
    f.write("0123456789")
small = record("small", ["stat", "-c", "%n", "sized"])
with open(sized, "w") as f:
    f.write("0123456789" * 2)
large = record("large", ["stat", "-c", "%n", "sized"])
rc, doc = diff_json(small, large)
check("sizes: exit 1, got %d" % rc, rc == 1)
check("sizes: one call changed (the stat)", doc and doc["summary"]["changed"] == 1 and
      doc["summary"]["only_a"] == 0 and doc["summary"]["only_b"] == 0)
rc, doc = diff_json(small, large, "--volatile", "stx_size=,st_size=")
check("sizes --volatile stx_size=,st_size=: exit 0, got %d" % rc, rc == 0)

# --- noise only: pids, addresses, timestamps, descriptors
ls1 = record("ls1", ["ls", "-la", "/etc"])
ls2 = record("ls2", ["ls", "-la", "/etc"])
p = strdiff(ls1, ls2)
check("ls -la /etc twice: exit 0, got %d: %s%s" % (p.returncode, p.stdout[-2000:], p.stderr),
      p.returncode == 0)
check("ls -la /etc twice: says so", "no differences" in p.stdout)
# ids as arguments and results (kill's, vfork's, wait4's), and the shell's
# SIGCHLD handler: its signal and sigreturn land before or after the wait4
sh1 = record("sh1", ["sh", "-c", "kill -0 $$; /bin/true; exit 0"])
sh2 = record("sh2", ["sh", "-c", "kill -0 $$; /bin/true; exit 0"])
p = strdiff(sh1, sh2)
check("sh kill -0 $$ twice: exit 0, got %d: %s%s" % (p.returncode, p.stdout[-2000:], p.stderr),
      p.returncode == 0)

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
