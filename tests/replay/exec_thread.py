#!/usr/bin/python3
"""execve from a thread while the leader sleeps (tp_exec_thread), in the
views the difftest does not cover: strep --interleaved against strace -f's
own split lines, --json, and a --no-follow recording against strace
without -f. The difftest covers the default view and strstat_vs_strace the
counts.

Usage: exec_thread.py BINDIR WORKDIR [ENGINE]: strec records with
--backend=ENGINE, ptrace by default. Exit 77 (skip) without strace, setarch,
or the engine."""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

BIN, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ENGINE = sys.argv[3] if len(sys.argv) > 3 else "ptrace"
os.makedirs(WORK, exist_ok=True)
STREC, STREP = os.path.join(BIN, "strec"), os.path.join(BIN, "strep")
PROG = os.path.join(BIN, "tp_exec_thread")
strace, setarch = shutil.which("strace"), shutil.which("setarch")
if not strace or not setarch:
    print("SKIP: needs strace and setarch")
    sys.exit(77)
failures = []


def check(what, cond, detail=""):
    if not cond:
        failures.append(what)
        print("FAIL: %s%s" % (what, "\n    " + detail if detail else ""))


def run(cmd, out=None):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out or subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=60, cwd=WORK)


def lines(path):
    with open(path, errors="replace") as f:
        return f.read().splitlines()


def record(name, opts, args=()):
    trc = os.path.join(WORK, name + ".trc")
    r = run([setarch, "-R", STREC, "-q", "--backend=" + ENGINE] + opts + ["-o", trc, PROG] +
            list(args))
    if not os.path.exists(trc):
        print("SKIP: cannot record: %s" % r.stderr.decode(errors="replace").strip())
        sys.exit(77)
    return trc


def strep(trc, opts):
    r = subprocess.run([STREP] + opts + [trc], capture_output=True, text=True, timeout=60)
    check("strep %s exits 0" % " ".join(opts), r.returncode == 0, r.stderr)
    return r.stdout.splitlines()


def entries_of(text_lines):
    entries = []
    for line in text_lines:
        m = difftest.LEAD.match(line)
        entries.append((m.group(1), m.group(2)) if m else ("", line))
    return entries


def named(text_lines):
    """Lines with pids as task names (from the calls joined again) and
    strace's column padding dropped."""
    entries = entries_of(text_lines)
    names = difftest.task_names([e for e in entries_of(difftest.merge_unfinished(text_lines))
                                 if e[0]])
    out = []
    for pid, rest in entries:
        rest = re.sub(r"\)\s+= ", ") = ", rest)
        rest = difftest.name_pids(rest, names)
        out.append("%s %s" % (names.get(pid, pid), rest))
    return out


def exec_lines(text_lines):
    """The lines from the leader's long sleep to the execve's end."""
    start = next((i for i, l in enumerate(text_lines) if "tv_sec=10" in l), None)
    end = next((i for i, l in enumerate(text_lines) if "execve resumed" in l), None)
    if start is None or end is None:
        return []
    return [re.sub(r", 0x[0-9a-f]+ /\* \d+ vars \*/", ", ENVP", l)
            for l in text_lines[start:end + 1]
            if re.search(r"tv_sec=10|execve\(|<\.\.\. execve resumed>|"
                         r"<\.\.\. clock_nanosleep resumed> <unfinished|\+\+\+ superseded", l)]


# --interleaved: strace -f's own split lines around the exec
ref = os.path.join(WORK, "f.strace")
run([setarch, "-R", strace, "-f", "-qq", "-o", ref, PROG])
trc = record("f", [])
want = exec_lines(named(lines(ref)))
got = exec_lines(named(strep(trc, ["-qq", "--interleaved"])))
check("strace -f's lines around the exec were found", len(want) == 5, "\n    ".join(want))
check("--interleaved prints the exec as strace -f does", got == want,
      "strace:\n      %s\n    strep:\n      %s" % ("\n      ".join(want), "\n      ".join(got)))

# --json: the leader's call unfinished, the exec, the execve under the
# leader's tid, nothing left of the thread
events = [json.loads(l) for l in strep(trc, ["--json"])]
execs = [e for e in events if e["type"] == "exec" and e["former_tid"] != e["tid"]]
check("one exec from a thread", len(execs) == 1, str(execs))
if len(execs) == 1:
    leader, thread = execs[0]["tid"], execs[0]["former_tid"]
    sleep = [e for e in events if e["type"] == "syscall" and e["tid"] == leader and
             e["syscall"] == "clock_nanosleep"]
    check("the leader's sleep never returned",
          len(sleep) == 1 and sleep[0].get("unfinished") is True and sleep[0]["rval"] is None,
          str(sleep))
    execve = [e for e in events if e["type"] == "syscall" and e["syscall"] == "execve"]
    check("two execves, the second under the leader's tid, returning 0",
          len(execve) == 2 and execve[1]["tid"] == leader and execve[1]["rval"] == 0 and
          execve[1]["args"][0] == "/bin/echo", str(execve))
    after = events[events.index(execs[0]) + 1:]
    check("no event of the thread's tid after the exec",
          not [e for e in after if e["tid"] == thread], str(after[:3]))

def with_pid(text_lines):
    """Neither side prints pids: each its own, from set_tid_address, for
    normalize(), which names tasks by their pids."""
    pid = next((m.group(1) for m in (re.match(r"^set_tid_address\(.*\) += (\d+)$", l)
                                     for l in text_lines) if m), "0")
    return [pid + " " + l for l in text_lines]


# --no-follow: only the leader is traced, as strace without -f; also when
# the leader has ended (pthread_exit) before the thread's exec: one end
for tag, args in (("nf", []), ("nf-exited", ["leader-exits"])):
    ref = os.path.join(WORK, tag + ".strace")
    run([setarch, "-R", strace, "-o", ref, PROG] + args)
    got = strep(record(tag, ["--no-follow"], args), [])
    check("%s: no pid before the lines, as strace without -f" % tag,
          got and not [l for l in got if re.match(r"^\d+ ", l)], "\n    ".join(got[:3]))
    theirs = difftest.normalize(with_pid(lines(ref)))
    ours = difftest.normalize(with_pid(got))
    same, total = difftest.compare(theirs, ours)
    check("%s matches strace without -f (%d/%d lines)" % (tag, same, total), same == total,
          "\n    ".join(l for l in difftest.flat(ours) if l not in difftest.flat(theirs)))

if failures:
    sys.exit(1)
print("exec_thread: ok")
