#!/usr/bin/python3
"""difftest.py's normalization: two runs of one program that differ only in
their pids must normalize the same, also when a value in one run happens to
equal a pid (pids wrap at pid_max, so a pid of 1234 or 12288 does occur)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

RUN = """\
{p} rt_sigqueueinfo({p}, SIGUSR2, {{si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid={p}, si_uid=0, si_int=1234, si_ptr=0x4d2}}) = 0
{p} mmap(NULL, 12288, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000
{p} prlimit64({p}, RLIMIT_NOFILE, NULL, {{rlim_cur=12288, rlim_max=1234}}) = 0
{p} prlimit64(0, RLIMIT_STACK, NULL, {{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}}) = 0
{p} kill(-{p}, SIGUSR1) = 0
{p} clone3({{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=[-1000, -1001, -1002], set_tid_size=3}}, 88) = -1 EINVAL (Invalid argument)
{p} clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|CLONE_PARENT_SETTID|SIGCHLD, parent_tid=[{c}], child_tidptr=0x7f0000000a10) = {c}
{p} fcntl(3, F_GETLK, {{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid={c}}}) = 0
{p} fcntl(3, 0x3039 /* F_??? */, 0) = -1 EINVAL (Invalid argument)
{p} fcntl(4, 0x408, 0x1234) = 65536
{p} fcntl(4, F_SETPIPE_SZ, 12288) = 12288
{p} fcntl(4, F_SETOWN, {c}) = 0
{p} openat(AT_FDCWD, "/usr/lib/python3.11/__pycache__/site.cpython-311.pyc", O_RDONLY|O_CLOEXEC) = 3
{p} mkdir("/tmp/tp_syscalls.{p}", 0700) = 0
{p} openat(AT_FDCWD, "/proc/{c}/status", O_RDONLY) = 3
{p} fcntl(4, 0x9) = {c}
{p} sched_setattr(0, {{size=56, sched_policy=0xffffffff /* SCHED_??? */, sched_flags=SCHED_FLAG_RESET_ON_FORK|0x380, sched_util_min=0, sched_util_max=0}}, 0) = -1 EINVAL (Invalid argument)
{p} kill(0x{c:x}, 0xa) = 0
{p} ptrace(0x4203, {c}, NULL, {{si_signo=19, si_code=0, si_pid={c}, si_uid=0}}) = 0
{p} ptrace(0x4204, {c}, 0x1, {{iov_base={{r15=0}}, iov_len=8}}) = 0
{p} ptrace(PTRACE_PEEKUSER, {c}, 0x398, [NULL]) = 0
{p} ioprio_get(IOPRIO_WHO_PGRP, 0) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))
{p} ioprio_set(0x1, 0, 16388) = 0
{p} ioprio_get(IOPRIO_WHO_PROCESS, {c}) = 4
{p} perf_event_open({{type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER7, config=0}}, 0, -1, 1000, 0) = -1 EBADF (Bad file descriptor)
{p} semctl(0, 1, IPC_64|GETPID) = {c}
{p} semctl(0, 1, IPC_64|GETNCNT) = 16388
{p} futex(0x7f0000000a10, FUTEX_WAIT, {c}, NULL) = 0
{p} ptrace(PTRACE_GETEVENTMSG, {c}, NULL, [{c}]) = 0
{p} ioctl(0, 0x540f, [{p}]) = 0
{p} getpid() = 0x{p:x}
{p} waitid(P_PID, {c}, {{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid={c}, si_uid=0, si_status=0, si_utime=0, si_stime=0}}, WEXITED, NULL) = 0
{c} kill({p}, SIGUSR1) = 0
{c} exit_group(0) = ?
{p} wait4(-1, [{{WIFEXITED(s) && WEXITSTATUS(s) == 0}}], 0, NULL) = {c}
{p} --- SIGCHLD {{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid={c}, si_uid=0, si_status=0, si_utime=0, si_stime=0}} ---
{p} exit_group(0) = ?
"""


def norm(parent, child):
    return difftest.normalize(RUN.format(p=parent, c=child).splitlines())


failures = 0
reference = norm(4321, 4322)
for parent, child in [(1234, 1235), (12288, 12289), (4321, 1234), (99, 12288), (12345, 1032), (311, 11), (1024, 8192),
                      (896, 897), (999, 1000), (16899, 16900), (919, 920), (16387, 16388), (16388, 1000)]:
    got = norm(parent, child)
    if got != reference:
        failures += 1
        print(f"pids {parent}/{child} normalize differently:")
        for name in sorted(set(got) | set(reference)):
            want, have = reference.get(name, []), got.get(name, [])
            for a, b in zip(want, have):
                if a != b:
                    print(f"  - {a}\n  + {b}")
            if len(want) != len(have):
                print(f"  {name}: {len(want)} lines against {len(have)}")
text = "\n".join(line for lines in reference.values() for line in lines)
for must in ("si_int=1234", "mmap(NULL, 12288,", "rlim_cur=12288, rlim_max=1234", "rlim_cur=8192*1024,", "set_tid=[-1000, -1001, -1002]", "kill(-P", "parent_tid=[P",
             "l_pid=P", "kill(P", "= P", "0x3039 /* F_???", "fcntl(4, 0x408, 0x1234) = 65536",
             "F_SETPIPE_SZ, 12288) = 12288",
             "site.cpython-311.pyc", "python3.11/", "tp_syscalls.P1", "/proc/P1.1/", "F_SETOWN, P", "fcntl(4, 0x9) = P",
             "sched_flags=SCHED_FLAG_RESET_ON_FORK|0x380,", "kill(P1.1, 0xa)",
             "ptrace(0x4203, P1.1, NULL,", "ptrace(0x4204, P1.1, 0x1,",
             "ptrace(PTRACE_PEEKUSER, P1.1, 0x398, [NULL])", "ioprio_get(IOPRIO_WHO_PGRP, 0) = 16388 (",
             "ioprio_set(0x1, 0, 16388) = 0", "ioprio_get(IOPRIO_WHO_PROCESS, P1.1) = 4", "-1, 1000, 0) = -1 EBADF",
             "semctl(0, 1, IPC_64|GETPID) = P1.1", "semctl(0, 1, IPC_64|GETNCNT) = 16388",
             "futex(0x7f0000000a10, FUTEX_WAIT, P1.1, NULL)", "ptrace(PTRACE_GETEVENTMSG, P1.1, NULL, [P1.1])",
             "ioctl(0, 0x540f, [P1])", "waitid(P_PID, P1.1, {"):
    if must not in text:
        failures += 1
        print(f"reference lacks {must!r}:\n{text}")
# key serials, random per run, by the order keys appear; other numbers kept
KEYS = """\
1 add_key("user", "k", "secret", 6, KEY_SPEC_PROCESS_KEYRING) = {k}
1 keyctl(KEYCTL_READ, {k}, "secret", 16) = 6
1 keyctl(KEYCTL_REVOKE, {k}) = 0
"""
one, two = (difftest.normalize(KEYS.format(k=k).splitlines()) for k in (579577401, 123456789))
if one != two or "keyctl(KEYCTL_READ, KEY1, \"secret\", 16) = 6" not in one.get("P1", []):
    failures += 1
    print(f"key serials normalize differently: {one} against {two}")
print("FAIL" if failures else "OK: pids normalized, values that equal a pid kept")
sys.exit(1 if failures else 0)
