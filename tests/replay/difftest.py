#!/usr/bin/python3
"""Differential test: strep's text against strace 6.1's for the same programs.

For each program, runs `setarch -R strace -f -qq -o A PROG` and
`setarch -R strec -q -o T PROG`, then `strep -qq T > B` (-qq as strace was
given it), normalizes what legitimately differs between two runs (pids,
random bytes, the tracer-side envp address, CPU times, unfinished/resumed
splits, column padding), and compares line by line. Prints the match rate per
program and in total; fails when a rate is below its row in
tests/replay/match_thresholds.txt or thresholds.d/FAMILY.txt (tp_fam_FAMILY);
a program without a row must match 100 %.
Exit 77 (skip) when strec or strace is missing.

With --opts "-X raw", both strace and strep get those options too, and the
thresholds are looked up as NAME[-Xraw] (the options without spaces).

strec records with --backend=ptrace (whatever its default). With --backend bpf, strec records with that engine (exit 77 where it cannot
load), and a program's threshold is its NAME[...]@bpf row where one is
listed (thresholds.d/bpf.txt says why it is lower), else the same as for
ptrace.

  difftest.py --bindir BUILD/bin [--opts OPTS] [--backend NAME] [--thresholds FILE] [--update]
              [--keep DIR] [NAME...]
"""
import argparse
import contextlib
import difflib
import fcntl
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))


def programs(bindir, work):
    src = os.path.join(work, "src.txt")
    with open(src, "w") as f:
        f.write("hello, strep\n" * 10)
    progs = [
        ("ls", ["ls", "-la", "/etc"]),
        ("cat", ["cat", "/etc/hostname"]),
        ("sh", ["sh", "-c", "echo hi; false"]),
        ("cp", ["cp", src, os.path.join(work, "dst.txt")]),
        ("python3", ["/usr/bin/python3", "-c", "print(1)"]),
    ]
    for name, args in [
        ("tp_syscalls", [work]),
        ("tp_exitcode", ["3"]),
        ("tp_forktree", []),
        ("tp_vfork", []),
        ("tp_killed", []),
        ("tp_signals", []),
        ("tp_threads", []),
        ("tp_exec_thread", []),
    ]:
        exe = os.path.join(bindir, name)
        if os.access(exe, os.X_OK):
            progs.append((name, [exe] + args))
    # One program per syscall family (tests/programs/tp_fam_*.c), each
    # working in the directory it is given.
    for name in sorted(os.listdir(bindir)):
        exe = os.path.join(bindir, name)
        if name.startswith("tp_fam_") and os.access(exe, os.X_OK):
            progs.append((name, [exe, work]))
    return progs


UNFINISHED = " <unfinished ...>"
RESUMED = re.compile(r"^<\.\.\. (\S+) resumed>(.*)$")
LEAD = re.compile(r"^(\d+)\s+(.*)$")
SUPERSEDED = re.compile(r"^\+\+\+ superseded by execve in pid (\d+) \+\+\+$")
# What strace's printleader puts before a call, after the pid: -t/-tt/-ttt
# time, -r delta (in "(+ )" after a time), -n number, -i instruction pointer.
PREFIX = re.compile(r"^((?:\d\d:\d\d:\d\d(?:\.\d{6})? |\d{9,}\.\d{6} )?"
                    r"(?:\(\+ {0,5}\d+\.\d{6}\) | {0,5}\d+\.\d{6} )?"
                    r"(?:\[ {0,3}\d+\] )?"
                    r"(?:\[(?:[0-9a-f]{8}|[0-9a-f]{16}|\?{8}|\?{16})\] )?)(.*)$")
MERGED = "\0"  # marks a line joined from strace's two halves (no padding to check)
# -e read=/write= dumps: " | 00000  hex...  ascii |", " * N bytes in buffer K",
# " = N buffers in vector K", " | <Cannot fetch ...>"
DUMP = re.compile(r"^ (\| [0-9a-f]{5,} |\| <Cannot fetch |\* \d+ bytes in buffer |= \d+ buffers in vector )")


def split_prefix(rest):
    m = PREFIX.match(rest)
    return m.group(1), m.group(2)


def merge_unfinished(lines):
    """strace's split calls become one line where they returned, as strep
    prints them, with the prefix (-t, -n, -i...) of the entry's half. A
    thread's exec goes on under the leader's pid once strace says the leader
    was superseded."""
    out = []
    pending = {}
    for line in lines:
        m = LEAD.match(line)
        if not m:
            out.append(line)
            continue
        pid, rest = m.group(1), m.group(2)
        if rest.endswith(UNFINISHED):
            pending[pid] = rest[: -len(UNFINISHED)]
            continue
        s = SUPERSEDED.match(split_prefix(rest)[1])
        if s and s.group(1) in pending:
            pending[pid] = pending.pop(s.group(1))
        r = RESUMED.match(split_prefix(rest)[1])
        if r and pid in pending:
            out.append(pid + " " + pending.pop(pid) + r.group(2) + MERGED)
            continue
        out.append(line)
    for pid, head in pending.items():
        out.append(pid + " " + head + ") = ?" + MERGED)
    return out


def padding(line, body, column):
    """The " = " of a call: where strace -a COLUMN puts it (after the
    column's padding, or one space after a longer call) becomes ") = ";
    anywhere else it keeps its spaces, so that a wrong column shows. Lines
    joined from two halves have no padding of their own to judge."""
    m = re.search(r"\)( +)= ", body)
    if not m:
        return body
    if column is not None and not line.endswith(MERGED):
        at = len(line) - len(body) + m.start(1)  # the first space's column
        spaces = len(m.group(1))
        if spaces != max(1, column - at):
            return body
    return body[:m.start()] + ") = " + body[m.end():]


SPAWN = re.compile(r"^(clone|clone3|fork|vfork)\(.*\) += (\d+|0x[0-9a-f]+)\x00?$")  # \0: MERGED


def task_names(entries):
    """Names tasks by ancestry (P1, P1.1, P1.2, P1.1.1 ...): the k-th task a
    task created, in its own call order, which does not depend on how the
    scheduler interleaved them."""
    children = {}
    root = None
    for pid, rest in entries:
        if root is None:
            root = pid
        m = SPAWN.match(rest)
        if m:  # the child's pid, in decimal (in hex under -e raw=)
            children.setdefault(pid, []).append(str(int(m.group(2), 0)))
    names = {}
    todo = [(root, "P1")] if root else []
    while todo:
        pid, name = todo.pop()
        if pid in names:
            continue
        names[pid] = name
        for k, child in enumerate(children.get(pid, []), 1):
            todo.append((child, "%s.%d" % (name, k)))
    for pid, _ in entries:  # tasks whose creation was not seen
        if pid not in names:
            names[pid] = "P?%d" % len(names)
    return names


# Where calls have process or thread ids: the indexes of the arguments that
# are one, and whether the result is. Only there are numbers that equal a pid
# replaced by its name, so that other numbers which happen to equal one stay
# (pids wrap at pid_max): a size (mmap(NULL, 12288, ...)), ioprio_get's
# priority 16388, perf_event_open's group fd 1000, a named field's value
# (si_int=1234; the fields that hold pids are PID_FIELD's).
PID_POSITIONS = {
    **{name: ((), True) for name in ("clone", "clone3", "fork", "vfork", "getpid", "gettid", "getppid",
                                     "getpgrp", "setsid", "set_tid_address")},
    **{name: ((0,), False) for name in ("kill", "tkill", "prlimit64", "pidfd_open", "rt_sigqueueinfo",
                                        "get_robust_list", "process_vm_readv", "process_vm_writev",
                                        "migrate_pages", "move_pages")},
    **{name: ((0, 1), False) for name in ("tgkill", "setpgid", "rt_tgsigqueueinfo", "kcmp")},
    **{name: ((1,), False) for name in ("waitid", "ioprio_get", "ioprio_set", "getpriority", "setpriority",
                                        "perf_event_open", "ptrace")},
    "wait4": ((0,), True),
    "getpgid": ((0,), True),
    "getsid": ((0,), True),
    # pthread_join waits on the thread's tid word, with that tid as the value
    "futex": ((2,), False),
}
# Negated only where a negative pid names a process group (clone3's
# set_tid=[-1000] is not the task whose pid is 1000)
NEGATIVE_PID_CALLS = ("kill", "wait4")
# What -e raw= prints: every argument a bare number (strace's %#lx)
RAW_ARGS = re.compile(r"^\w+\((?:(?:0x[0-9a-f]+|\d+)(?:, (?:0x[0-9a-f]+|\d+))*)?\)")
PID_FIELD = re.compile(r"(\w*(?:[pt]id|thread_id)=\[?|TIOC[GS]PGRP, \[|<pid:)(\d{2,})\b")


def split_call(line):
    """(name, [top-level arguments], the text after the closing parenthesis),
    or None for a line that is no whole call."""
    m = re.match(r"(\w+)\(", line)
    if not m:
        return None
    args, nest, quoted, start, i = [], [], False, m.end(), m.end()
    while i < len(line):
        c = line[i]
        after = line[i + 1:i + 2]
        if quoted:
            if c == "\\":
                i += 1
            elif c == '"':
                quoted = False
        elif nest and nest[-1] == "<":
            # -y, -yy: what a descriptor is, taken whole (a path holds any
            # character): 3</dev/null<char 1:3>>, 5<TCP:[1.2.3.4:5->6.7.8.9:10]>
            if c == "<" and (after.isalpha() or after == "/"):
                nest.append(c)
            elif c == ">" and line[i - 1] != "-":
                nest.pop()
        elif c == '"':
            quoted = True
        elif c in "([{" or (c == "<" and line[i - 1].isdigit() and (after.isalpha() or after == "/")):
            nest.append(c)
        elif c in ")]}" and nest:  # (not the > of iov_len=4096 => 2432, nor << of 0x6<<16)
            nest.pop()
        elif c == ")":
            args.append(line[start:i])
            return m.group(1), ([] if args == [""] else args), line[i + 1:]
        elif c == "," and not nest:
            args.append(line[start:i])
            start = i + 2
        i += 1
    return None


def pid_positions(name, args):
    """PID_POSITIONS's entry for this call, with the cases that depend on its
    other arguments."""
    if name.startswith("sched_"):
        return (0,), False
    if name == "ioctl" and len(args) > 2 and re.match(r"(TIOC[GS]PGRP|0x54(0f|10))\b", args[1]):
        return (2,), False  # -X raw: its [group]
    if name == "semctl":  # GETPID's result (IPC_64|GETPID, 0x10b in raw)
        cmd = args[2] if len(args) > 2 else ""
        return (), "GETPID" in cmd or bool(re.match(r"0x(10)?b\b", cmd))
    if name == "ptrace" and args and ("GETEVENTMSG" in args[0] or args[0].startswith("0x4201")):
        return (1, 3), False  # the new task's pid, in its data
    return PID_POSITIONS.get(name, ((), False))


def name_pid_number(text, names, negative, raw):
    """text, a whole argument or result, with the task name for its pid:
    decimal, [decimal], negated where negative, in hex where printed raw (10
    and up, as in decimal)."""
    m = re.match(r"^(\[?)(-?)(\d{2,}|0x[0-9a-f]+)(\]?)$", text)
    if not m or (m.group(2) and not negative):
        return text
    number = m.group(3)
    if number.startswith("0x"):
        value = int(number, 16)
        if not raw or value < 10:
            return text
        number = str(value)
    if number not in names:
        return text
    return m.group(1) + m.group(2) + names[number] + m.group(4)


def name_pids(rest, names):
    """Pids mentioned in a line (clone results, si_pid, wait4) as task names."""
    rest = PID_FIELD.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), rest)
    rest = SUPERSEDED.sub(lambda m: "+++ superseded by execve in pid %s +++" %
                          names.get(m.group(1), m.group(1)), rest)
    # in the file names our programs make (tp_syscalls.1234) and in /proc/PID;
    # not in others (python's cpython-311.pyc when a task has pid 311)
    rest = re.sub(r"(\btp_\w+\.|/proc/)(\d{2,})\b",
                  lambda m: m.group(1) + names.get(m.group(2), m.group(2)), rest)
    if rest.startswith("fcntl("):
        # only F_SETOWN's argument and F_GETOWN's result are pids (F_GETLK's
        # l_pid is PID_FIELD's): its commands' numbers (-X raw: 0x408) and
        # sizes are not, whatever task has that pid
        rest = re.sub(r"\b(F_SETOWN, |0x8(?: /\* F_SETOWN \*/)?, |F_GETOWN\) += "
                      r"|0x9(?: /\* F_GETOWN \*/)?\) += )(-?)(\d{2,})\b",
                      lambda m: m.group(1) + m.group(2) + names.get(m.group(3), m.group(3)), rest)
        # -e raw=: the pid in hex too
        return re.sub(r"\b(0x8, |0x9\) += )0x([0-9a-f]{2,})\b",
                      lambda m: m.group(1) + names.get(str(int(m.group(2), 16)), "0x" + m.group(2)),
                      rest)
    call = split_call(rest)
    if call is None:
        return rest
    name, args, tail = call
    positions, result = pid_positions(name, args)
    if not positions and not result:
        return rest
    negative = name in NEGATIVE_PID_CALLS
    # -e raw=: pids in hex, but only on a line printed raw: elsewhere a hex
    # number is an address, an offset or a value (PTRACE_PEEKUSER's offset
    # 0x398 is not the task whose pid is 920), and futex's are operations and
    # values (an op of 0x18d is not the task whose pid is 397)
    raw = RAW_ARGS.match(rest) is not None and name != "futex"
    for k in positions:
        if k < len(args):
            args[k] = name_pid_number(args[k], names, negative, raw)
    if result:
        tail = re.sub(r"^( += )(\S+)", lambda m: m.group(1) + name_pid_number(m.group(2), names, False, raw),
                      tail)
    return "%s(%s)%s" % (name, ", ".join(args), tail)


HEX_TEXT = re.compile(r'([<"])((?:\\x[0-9a-f]{2})+)([>"])')


def unhex(text):
    return bytes.fromhex(text.replace("\\x", "")).decode("latin-1")


def normalize_prefix(prefix, first_exec):
    """Times vary per run, and so does the address of the first execve,
    which the tracer's own child makes; the rest of a prefix must match."""
    prefix = re.sub(r"^\d\d:\d\d:\d\d\.\d{6} ", "HH:MM:SS.US ", prefix)
    prefix = re.sub(r"^\d\d:\d\d:\d\d ", "HH:MM:SS ", prefix)
    prefix = re.sub(r"^\d{9,}\.\d{6} ", "EPOCH.US ", prefix)
    prefix = re.sub(r"\(\+ {0,5}\d+\.\d{6}\) ", "(+ REL) ", prefix)
    prefix = re.sub(r"^ {0,5}\d+\.\d{6} ", "REL ", prefix)
    if first_exec:
        prefix = re.sub(r"\[[0-9a-f]{16}\] $", "[EXEC_IP] ", prefix)
    return prefix


def normalize(lines, column=None):
    """Returns {task name: [normalized lines]}. column: the -a column to
    check the padding against (None: padding is not compared)."""
    entries = []
    last_pid = ""
    for line in merge_unfinished(lines):
        if DUMP.match(line):
            # -e read=/write=: the data under a call, without a pid: the
            # task whose line it follows
            entries.append((last_pid, "", line, True))
            continue
        m = LEAD.match(line)
        pid, rest = (m.group(1), m.group(2)) if m else ("", line)
        last_pid = pid
        prefix, body = split_prefix(rest)
        # alignment padding depends on the prefix and on the split
        body = padding(line, body, column).replace(MERGED, "")
        entries.append((pid, prefix, body, None))
    names = task_names([(pid, body) for pid, _, body, dump in entries if pid and not dump])
    streams = {}
    keys = {}
    for k, (pid, prefix, rest, dump) in enumerate(entries):
        if dump:  # compared as they are
            streams.setdefault(names.get(pid, ""), []).append(rest)
            continue
        first_exec = k == 0 and rest.startswith("execve(")
        prefix = normalize_prefix(prefix, first_exec)
        if first_exec:  # -e raw=, -e verbose=: its pointers are the tracer's own
            rest = re.sub(r"^execve\(0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+\)", "execve(RAW)", rest)
            rest = re.sub(r'^(execve\("(?:[^"\\]|\\.)*"), 0x[0-9a-f]+, 0x[0-9a-f]+\)',
                          r"\1, ARGV, ENVP)", rest)
        rest = re.sub(r'^getrandom\("[^"]*"', 'getrandom("RANDOM"', rest)
        # -xx: strings and -y paths in \x, as text, so that the pids and
        # inode numbers below can be found in them (both sides alike: a
        # string one side prints in \x and the other not still differs)
        rest = HEX_TEXT.sub(lambda m: m.group(1) + unhex(m.group(2)) + m.group(3), rest)
        rest = name_pids(rest, names)
        rest = re.sub(r"^getppid\(\) = (\d+|0x[0-9a-f]+)$", "getppid() = PPID", rest)
        rest = re.sub(r"^(execve\(.*\], )0x[0-9a-f]+( /\* \d+ vars \*/)", r"\1ENVP\2", rest)
        # -y: the inode numbers of sockets, pipes and anonymous inodes
        rest = re.sub(r"\b(socket|pipe|net|anon_inode):\[\d+\]", r"\1:[INO]", rest)
        # -yy: the inodes of sockets and their unix peers, a netlink port id
        rest = re.sub(r"<((?:UNIX|UNIX-STREAM|TCP|UDP|UDPLITE|RAW|PING|NETLINK)(?:v6)?):\[\d+(->\d+)?",
                      lambda m: "<%s:[INO%s" % (m.group(1), "->INO" if m.group(2) else ""), rest)
        rest = re.sub(r"<NETLINK:\[(\w+):\d+\]>", r"<NETLINK:[\1:PORTID]>", rest)
        rest = re.sub(r"/#\d+>\(deleted\)", "/#INO>(deleted)", rest)  # O_TMPFILE
        # -v: inode numbers and times of the files a run creates
        rest = re.sub(r"\b(st_ino|d_ino|stx_ino)=\d+", r"\1=INO", rest)
        rest = re.sub(r"\b(st|stx)_([amcb])time=\d+( /\* [^*]* \*/)?", r"\1_\2time=T", rest)
        rest = re.sub(r"\b(st|stx)_([amcb])time_nsec=\d+", r"\1_\2time_nsec=N", rest)
        rest = re.sub(r"\b(stx_[amcb]time)=\{tv_sec=\d+, tv_nsec=\d+\}( /\* [^*]* \*/)?", r"\1={T}", rest)
        rest = re.sub(r"si_([us])time=\d+( /\* [0-9.]+ s \*/)?", r"si_\1time=T", rest)
        rest = re.sub(r"^sysinfo\(\{.*\}\)", "sysinfo({...})", rest)
        rest = re.sub(r"^(clock_gettime\([^{]*)\{tv_sec=\d+, tv_nsec=\d+\}", r"\1{TIME}", rest)
        # an absolute sleep's end is a time of the run (no relative one is as long)
        rest = re.sub(r"^(clock_nanosleep\([^{]*)\{tv_sec=\d{3,}, tv_nsec=\d+\}",
                      r"\1{TIME}", rest)
        rest = re.sub(r"^(gettimeofday\()\{tv_sec=\d+, tv_usec=\d+\}", r"\1{TIME}", rest)
        rest = re.sub(r"^((?:adjtimex|clock_adjtime)\(.*, time=)\{tv_sec=\d+, tv_usec=\d+\}",
                      r"\1{TIME}", rest)
        rest = re.sub(r"^time\(\[\d+ /\* \S+ \*/\]\)", "time([TIME])", rest)
        rest = re.sub(r"^(time\(.*\) = )\d+ \(\S+\)$", r"\1TIME", rest)
        rest = re.sub(r"^(times\(.*\) = )(\d+|0x[0-9a-f]+)$", r"\1TICKS", rest)
        rest = re.sub(r"^(time\(.*\) = )0x[0-9a-f]+$", r"\1TIME", rest)  # -e raw=
        # CPU time so far: the number and its " /* 0.01 s */" vary per run
        rest = re.sub(r"^times\(\{tms_utime=\d+(?: /\* [0-9.]+ s \*/)?, tms_stime=\d+(?: /\* [0-9.]+ s \*/)?, ",
                      "times({tms_utime=T, tms_stime=T, ", rest)
        rest = re.sub(r"\b(shm|sem|msg)_([acdorst]time)=[1-9]\d*", r"\1_\2=T", rest)
        # a key's serial number, random per run: by the order keys appear
        made = re.match(r"^(?:add_key|request_key)\(.* = (\d+|0x[0-9a-f]+)$", rest)
        if made:
            keys.setdefault(made.group(1), "KEY%d" % (len(keys) + 1))
        if re.match(r"^(?:add_key|request_key|keyctl)\(", rest):
            rest = re.sub(r"(?<=[(\s])(\d{2,}|0x[0-9a-f]+)(?=[,)]|$)",
                          lambda m: keys.get(m.group(1), m.group(1)), rest)
        streams.setdefault(names.get(pid, ""), []).append(prefix + rest)
    return streams


@contextlib.contextmanager
def exclusive(name):
    """Runs of one test program, one at a time on the machine: some hold
    names of the whole machine (tp_fam_net's loopback ports, tp_fam_ipc's
    message queue) so that their lines read the same in every run. Other
    difftests, the other stage's and another checkout's runs wait here;
    tests/tools/strscrub_test.sh takes the same lock."""
    path = "/tmp/strec-tests.%s.lock" % name
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def run(cmd, **kw):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=120, **kw)


def compare(a, b):
    """Matching lines task by task, over the longer side of each task."""
    same = total = 0
    for name in set(a) | set(b):
        la, lb = a.get(name, []), b.get(name, [])
        sm = difflib.SequenceMatcher(a=la, b=lb, autojunk=False)
        same += sum(blk.size for blk in sm.get_matching_blocks())
        total += max(len(la), len(lb))
    return same, total


def flat(streams):
    return ["%s %s" % (k, line) for k in sorted(streams) for line in streams[k]]


THRESHOLDS_D = os.path.join(HERE, "thresholds.d")


def check_json(strep, extra, trace):
    """strep --json on trace (with the options that apply to it): None when
    it succeeds with one JSON object per line and as many syscall lines as
    the text with those options has calls, else what went wrong."""
    opts, k = [], 0
    while k < len(extra):  # -e SET / -s N take their value along; -v; the rest is text only
        o = extra[k]
        if o in ("-e", "-s") and k + 1 < len(extra):
            opts += [o, extra[k + 1]]
            k += 1
        elif o.startswith(("-e", "-s")) or o == "-v":
            opts.append(o)
        k += 1
    rc = subprocess.run([strep, "-qq", "--json"] + opts + [trace], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, timeout=120)
    if rc.returncode != 0:
        return "exit %d: %s" % (rc.returncode, rc.stderr.decode(errors="replace").strip()[-300:])
    calls = 0
    for k, line in enumerate(rc.stdout.decode(errors="replace").splitlines(), 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            return "line %d is not JSON (%s): %s" % (k, e, line[:200])
        if not isinstance(obj, dict):
            return "line %d is not an object" % k
        calls += obj.get("type") == "syscall"
    # the text with the same options, without the prefix ones (-tt, -i...)
    text = subprocess.run([strep, "-qq"] + opts + [trace], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, timeout=120).stdout.decode(errors="replace")
    text_calls = sum(1 for l in text.splitlines() if re.match(r"^\d+ +[a-z_0-9]+\(", l))
    if calls != text_calls:
        return "%d syscall objects, %d calls in the text" % (calls, text_calls)
    return None


def read_thresholds(path):
    """Thresholds from path and from thresholds.d/*.txt (one file per
    syscall family, so that families are worked on independently).
    Returns {name: rate} and {name: file it came from}."""
    th, origin = {}, {}
    files = [path]
    if os.path.isdir(THRESHOLDS_D):
        files += [os.path.join(THRESHOLDS_D, n) for n in sorted(os.listdir(THRESHOLDS_D))
                  if n.endswith(".txt")]
    for fp in files:
        if os.path.exists(fp):
            with open(fp) as f:
                for line in f:
                    line = line.split("#", 1)[0].split()
                    if len(line) == 2:
                        th[line[0]] = float(line[1])
                        origin[line[0]] = fp
    return th, origin


def home_of(key, path):
    """Rows of another engine live in thresholds.d/ENGINE.txt, tp_fam_X rows
    in thresholds.d/X.txt, the rest in path."""
    m = re.search(r"@(\w+)$", key)
    if m:
        return os.path.join(THRESHOLDS_D, m.group(1) + ".txt")
    m = re.match(r"tp_fam_(\w+?)(\[|$)", key)
    return os.path.join(THRESHOLDS_D, m.group(1) + ".txt") if m else path


def write_thresholds(path, th, origin):
    by_file = {}
    for k in th:
        by_file.setdefault(origin.get(k) or home_of(k, path), []).append(k)
    for fp, keys in by_file.items():
        with open(fp, "w") as f:
            f.write("# Minimum match rates (percent) of strep against strace 6.1, per program\n"
                    "# and in total. Raise them as decoders improve; never lower them.\n")
            for k in sorted(keys):
                f.write("%s %.1f\n" % (k, th[k]))


CALL = re.compile(r"^(\w+)\(.*\) += (.*)$")


def note_paths(lines, taken):
    """Which calls strace saw, and how they ended: "ok", "fail" (-1 errno),
    "interrupted" (? ERESTART...), "noreturn" (exit, a successful exec's
    old image...)."""
    for line in merge_unfinished(lines):
        m = LEAD.match(line.replace(MERGED, ""))
        c = CALL.match(split_prefix(m.group(2))[1]) if m else None
        if c:
            r = c.group(2)
            path = ("noreturn" if r == "?" else "interrupted" if r.startswith("? ") else
                    "fail" if r.startswith("-1 ") else "ok")
            taken.setdefault(c.group(1), set()).add(path)


def check_coverage(path, taken):
    """Each row of path: a syscall and the paths (ok, fail, interrupted,
    noreturn) the test programs must take with it under strace. Returns the
    rows not covered."""
    missing = []
    with open(path) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            for want in words[1:]:
                if want not in taken.get(words[0], ()):
                    missing.append("%s(%s)" % (words[0], want))
    print("coverage: %d calls checked, %d paths missing%s" %
          (len(taken), len(missing), ": " + " ".join(missing) if missing else ""))
    return ["coverage"] if missing else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bindir", required=True)
    ap.add_argument("--thresholds", default=os.path.join(HERE, "match_thresholds.txt"))
    ap.add_argument("--update", action="store_true",
                    help="raise thresholds to the measured rates (never lowers them)")
    ap.add_argument("--keep", help="keep outputs in this directory")
    ap.add_argument("--diff", action="store_true", help="print differing lines")
    ap.add_argument("--opts", default="", help="extra options for both strace and strep")
    ap.add_argument("--backend", help="strec's recording engine (--backend=NAME; ptrace if not given)")
    ap.add_argument("--coverage",
                    help="file of syscalls the programs must make, each with the paths "
                         "(ok, fail) it must take under strace")
    ap.add_argument("--json", action="store_true",
                    help="also decode each trace with strep --json: it must succeed, each line "
                         "a JSON object, one per line of the text")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()

    args.bindir = os.path.abspath(args.bindir)
    strec = os.path.join(args.bindir, "strec")
    strep = os.path.join(args.bindir, "strep")
    strace = shutil.which("strace")
    setarch = shutil.which("setarch")
    if not os.access(strec, os.X_OK) or not os.access(strep, os.X_OK) or not strace or not setarch:
        print("SKIP: needs strec, strep, strace and setarch")
        return SKIP

    # ptrace unless asked, whatever strec's default
    backend_opt = ["--backend=" + (args.backend or "ptrace")]
    suffix = "@" + args.backend if args.backend else ""
    if args.backend:
        probe = subprocess.run([strec, "-q"] + backend_opt + ["-o", "/dev/null", "true"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=120)
        if probe.returncode != 0:
            print("SKIP: strec --backend=%s cannot record here: %s" %
                  (args.backend, probe.stderr.decode(errors="replace").strip()))
            return SKIP

    work = args.keep or tempfile.mkdtemp(prefix="strep-diff.")
    os.makedirs(work, exist_ok=True)
    th, origin = read_thresholds(args.thresholds)
    failed = []
    all_same = all_total = 0
    measured = {}
    extra = shlex.split(args.opts)
    tag = "[%s]" % "".join(extra) if extra else ""
    # -a COLUMN: the padding before " = " is compared too
    column = next((int(extra[k + 1]) for k, o in enumerate(extra[:-1]) if o == "-a"), None)
    paths_taken = {}
    try:
        for name, cmd in programs(args.bindir, work):
            if args.names and name not in args.names:
                continue
            a = os.path.join(work, name + ".strace")
            t = os.path.join(work, name + ".trc")
            b = os.path.join(work, name + ".strep")
            dst = os.path.join(work, "dst.txt")
            for path in (a, t, b):
                if os.path.exists(path):
                    os.unlink(path)
            if os.path.exists(dst):
                os.unlink(dst)
            # strace -v shows the environment, which strec records only when
            # asked (--env): ask, so that the two have the same to show
            env_opt = ["--env"] if "-v" in extra else []
            # -e read=/write= dump whole buffers: capture them whole (the
            # programs' biggest read is python's of a .pyc file)
            if any(o.startswith(("read=", "write=")) for o in extra):
                env_opt += ["-s", "1048576"]
            with exclusive(name):
                run([setarch, "-R", strace, "-f", "-qq"] + extra + ["-o", a] + cmd, cwd=work)
                if os.path.exists(dst):
                    os.unlink(dst)
                run([setarch, "-R", strec, "-q"] + backend_opt + env_opt + ["-o", t] + cmd,
                    cwd=work)
            with open(b, "w") as out:
                rc = subprocess.run([strep, "-qq"] + extra + [t], stdout=out, stderr=subprocess.PIPE,
                                    timeout=120)
            if rc.returncode != 0:
                print("%s: strep failed (%d): %s" % (name, rc.returncode,
                                                      rc.stderr.decode(errors="replace").strip()))
            if args.json:
                problem = check_json(strep, extra, t)
                if problem:
                    print("%s: strep --json: %s" % (name, problem))
                    failed.append(name + " (json)")
            with open(a, errors="replace") as f:
                strace_lines = f.read().splitlines()
            note_paths(strace_lines, paths_taken)
            la = normalize(strace_lines, column)
            with open(b, errors="replace") as f:
                lb = normalize(f.read().splitlines(), column)
            same, total = compare(la, lb)
            rate = 100.0 * same / total if total else 100.0
            measured[name + tag + suffix] = rate
            all_same += same
            all_total += total
            # a program without a row must match exactly
            need = th.get(name + tag + suffix, th.get(name + tag, 100.0))
            flag = "" if rate + 1e-9 >= need else "  BELOW THRESHOLD %.1f" % need
            print("%-12s %5d/%-5d %6.1f%%%s" % (name + tag + suffix, same, total, rate, flag))
            if flag:
                failed.append(name)
            # a program below its threshold shows why, so that a CI log says
            if args.diff or flag:
                for d in difflib.unified_diff(flat(la), flat(lb), "strace", "strep", n=0, lineterm=""):
                    print("    " + d)
        rate = 100.0 * all_same / all_total if all_total else 100.0
        measured["total" + tag + suffix] = rate
        need = th.get("total" + tag + suffix, th.get("total" + tag, 100.0))
        print("%-12s %5d/%-5d %6.1f%%%s" % ("total" + tag + suffix, all_same, all_total, rate,
                                          "" if rate + 1e-9 >= need else "  BELOW THRESHOLD"))
        if rate + 1e-9 < need:
            failed.append("total" + tag + suffix)
        if args.coverage:
            failed += check_coverage(args.coverage, paths_taken)
        if args.update:
            for k, v in measured.items():
                # whole percents; margins for scheduling noise are set by hand
                th[k] = max(th.get(k, 0.0), 100.0 if v >= 100.0 else float(int(v)))
            write_thresholds(args.thresholds, th, origin)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("FAIL: below threshold: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
