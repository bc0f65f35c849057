/* tp_fam_process: the process and credential calls, each on a success and a
 * failure path, for the differential test against strace (family
 * "process").
 *
 * argv[1] is a scratch directory (the program chdirs there). With
 * argv[2] == "exec" the program was re-executed by itself and exits at
 * once with status 7.
 *
 * Determinism: SIGCHLD is blocked for the whole run so that no child's end
 * interrupts the parent at a timing-dependent point; every child is reaped
 * before the next step; the process pins itself to CPU 0 so that getcpu
 * answers the same; calls whose answers vary (times, addresses of the
 * stack) are made where the answer is fixed (RUSAGE_CHILDREN before any
 * child) or with arguments that fail. Raw syscall() is used wherever glibc
 * would call something else or cache the answer. Exit status 0. */

#include <asm/ldt.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/kcmp.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <linux/seccomp.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tp_expect.h"

#define BAD_PTR ((void *)8) /* never mapped: EFAULT */
#define NO_PID	0x3fffffff  /* above pid_max: ESRCH */

extern char **environ;

static long sys(long nr, long a, long b, long c, long d, long e, long f)
{
	return syscall(nr, a, b, c, d, e, f);
}

static void ids(void)
{
	sys(SYS_getpid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getppid, 0, 0, 0, 0, 0, 0);
	sys(SYS_gettid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getuid, 0, 0, 0, 0, 0, 0);
	sys(SYS_geteuid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getgid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getegid, 0, 0, 0, 0, 0, 0);
}

static void creds(void)
{
	unsigned r, e, s;
	gid_t groups[8] = {0};

	sys(SYS_getresuid, (long)&r, (long)&e, (long)&s, 0, 0, 0);
	sys(SYS_getresuid, (long)BAD_PTR, (long)&e, (long)&s, 0, 0, 0);
	sys(SYS_getresgid, (long)&r, (long)&e, (long)&s, 0, 0, 0);
	sys(SYS_getresgid, (long)&r, (long)BAD_PTR, (long)&s, 0, 0, 0);
	const long n = sys(SYS_getgroups, 0, 0, 0, 0, 0, 0);
	sys(SYS_getgroups, 8, (long)groups, 0, 0, 0, 0);
	sys(SYS_getgroups, -1, (long)groups, 0, 0, 0, 0);
	sys(SYS_getgroups, 8, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_setgroups, n > 0 && n <= 8 ? n : 0, (long)groups, 0, 0, 0, 0);
	sys(SYS_setgroups, -1, (long)groups, 0, 0, 0, 0);
	sys(SYS_setgroups, 1, (long)BAD_PTR, 0, 0, 0, 0);
	/* a list running into an unmapped page: strace shows the gids it read */
	gid_t *const tail = page_tail(2 * sizeof(gid_t));
	if (tail) {
		tail[0] = 0;
		tail[1] = (gid_t)-1;
		sys(SYS_setgroups, 3, (long)tail, 0, 0, 0, 0);
		sys(SYS_setgroups, 65537, (long)tail, 0, 0, 0, 0);
	}
	sys(SYS_setuid, (long)getuid(), 0, 0, 0, 0, 0);
	sys(SYS_setuid, -1, 0, 0, 0, 0, 0);
	sys(SYS_setgid, (long)getgid(), 0, 0, 0, 0, 0);
	sys(SYS_setgid, -1, 0, 0, 0, 0, 0);
	sys(SYS_setresuid, -1, -1, -1, 0, 0, 0);
	sys(SYS_setresuid, -2, -1, -1, 0, 0, 0); /* fine for root */
	sys(SYS_setresuid, 0, 0, 0, 0, 0, 0);
	sys(SYS_setresgid, -1, 0, -1, 0, 0, 0);
	sys(SYS_setresgid, 0x7fffffff, 0, 0, 0, 0, 0);
	sys(SYS_setresgid, 0, 0, 0, 0, 0, 0);
}

static void sessions(void)
{
	sys(SYS_setpgid, 0, 0, 0, 0, 0, 0);
	sys(SYS_setpgid, NO_PID, 0, 0, 0, 0, 0);
	sys(SYS_setpgid, 0, -1, 0, 0, 0, 0);
	sys(SYS_getpgid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getpgid, NO_PID, 0, 0, 0, 0, 0);
	sys(SYS_getpgrp, 0, 0, 0, 0, 0, 0);
	sys(SYS_getsid, 0, 0, 0, 0, 0, 0);
	sys(SYS_getsid, NO_PID, 0, 0, 0, 0, 0);
	sys(SYS_setsid, 0, 0, 0, 0, 0, 0); /* a group leader: EPERM */
}

static void prctls(void)
{
	char name[16] = {0};
	int sig = -1;
	unsigned long addr = 0;

	sys(SYS_prctl, PR_SET_NAME, (long)"tp-process", 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_NAME, (long)name, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_NAME, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_DUMPABLE, 7, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_PDEATHSIG, (long)&sig, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PDEATHSIG, 99, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PDEATHSIG, -3, 0, 0, 0, 0); /* no signal: unsigned */
	sys(SYS_prctl, PR_GET_PDEATHSIG, (long)&sig, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_KEEPCAPS, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_KEEPCAPS, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_CHILD_SUBREAPER, (long)&sig, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0, 0);
	sys(SYS_prctl, PR_CAPBSET_READ, 200, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_TIMERSLACK, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_THP_DISABLE, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_TID_ADDRESS, (long)&addr, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_TIMING, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_TSC, (long)&sig, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_TSC, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_TSC, 9, 0, 0, 0, 0);
	sys(SYS_prctl, PR_MCE_KILL_GET, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_MCE_KILL, PR_MCE_KILL_SET, 7, 0, 0, 0);
	sys(SYS_prctl, PR_MCE_KILL, 5, 1, 2, 3, 0);
	sys(SYS_prctl, 0x7fff, 1, 2, 3, 4, 0);
}

/* The options with arguments of their own: sets, commands, pid types,
 * strings cut at 15 bytes, results printed as flags. Most fail on x86_64
 * (arm64/MIPS-only options) and print their arguments all the same. */
static void prctls_more(void)
{
	int v = 0;
	unsigned long cookie = 0;

	sys(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0, 0);
	sys(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_SYS_ADMIN, 5, 6, 0);
	sys(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 99, 0, 0, 0);
	sys(SYS_prctl, PR_CAP_AMBIENT, 9, 1, 2, 3, 0);
	sys(SYS_prctl, PR_SET_SECUREBITS, 0x11 /* NOROOT|KEEP_CAPS */, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_SECUREBITS, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SECUREBITS, 0x4000, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SECUREBITS, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_FP_MODE, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_FP_MODE, 3, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_FP_MODE, 8, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_SPECULATION_CTRL, 9, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH, 0x20, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SPECULATION_CTRL, 7, 8, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PTRACER, -1, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_PTRACER, -5, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_ENDIAN, (long)&v, 0, 0, 0, 0);
	sys(SYS_prctl, PR_GET_UNALIGN, (long)&v, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_UNALIGN, 3, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_FPEXC, 0x80, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_THP_DISABLE, 1, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_THP_DISABLE, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_TASK_PERF_EVENTS_DISABLE, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_IO_FLUSHER, 1, 2, 3, 4, 0);
	sys(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, 3, 1, 2, 3, 0);
	sys(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, 0x7fff9, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, 0xfff80000, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SVE_SET_VL, 0x20010, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SVE_SET_VL, 0x40, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SVE_SET_VL, 0x60000 | 0xff, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SVE_SET_VL, 0x10000, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SME_SET_VL, 0x40000, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SME_SET_VL, 0xfac20000 | 0xfeed, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SVE_GET_VL, 0, 0, 0, 0, 0);
	sys(SYS_prctl, PR_PAC_RESET_KEYS, 1, 0, 0, 0, 0);
	sys(SYS_prctl, PR_PAC_RESET_KEYS, 0x40, 0, 0, 0, 0);
	sys(SYS_prctl, PR_PAC_SET_ENABLED_KEYS, 3, 1, 0, 0, 0);
	sys(SYS_prctl, PR_PAC_SET_ENABLED_KEYS, 0x1e, 0x7ffffff0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SECCOMP, -1L, 1, 2, 3, 0);
	sys(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, 0, 0, 0, 0);
	/* a filter program the kernel refuses (EINVAL: its last instruction
	 * is no instruction), printed whole under -v */
	struct sock_filter insns[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_X, 0, 0, 2),
	    BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
	    BPF_STMT(BPF_MISC | BPF_TAX, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 5),
	    BPF_STMT(BPF_RET | BPF_A, 0),
	    BPF_STMT(0xffff, 0),
	};
	struct sock_fprog prog = {sizeof(insns) / sizeof(insns[0]), insns};
	sys(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, (long)&prog, 0, 0, 0);
	sys(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, (long)&prog, 0, 0, 0);
	prog.len = 0;
	sys(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog, 0, 0, 0);
	sys(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, 8, 0, 0, 0);
	sys(SYS_prctl, PR_SET_MM, PR_SET_MM_START_CODE, 0x1000, 0, 0, 0);
	sys(SYS_prctl, PR_SET_MM, 99, 0x1000, 0, 0, 0);
	sys(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, 0 /* PIDTYPE_PID */, (long)&cookie, 0);
	sys(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_SHARE_FROM, -1, 9, 0x10, 0);
	sys(SYS_prctl, PR_SCHED_CORE, 9, 1, 2, 3, 0);
	/* the command and the scope are ints: the high halves are not theirs */
	sys(SYS_prctl, PR_SCHED_CORE, 0xffffffff00000000L | PR_SCHED_CORE_GET, 1,
	    0xffffffff00000001L /* PIDTYPE_TGID */, 0, 0);
	sys(SYS_prctl, PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x1000, 4096, (long)"tp name", 0);
	sys(SYS_prctl, PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x1000, -1, (long)BAD_PTR, 0);
	sys(SYS_prctl, PR_SET_VMA, 5, 0x1000, 4096, 0, 0);
	sys(SYS_prctl, PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0, 1, (long)"tp name", 0);
	v = 0; /* SYSCALL_DISPATCH_FILTER_ALLOW: every call still goes to the kernel */
	sys(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0x1000, 0x100, (long)&v,
	    0);
	sys(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, 5, 1, 2, 3, 0);
	sys(SYS_prctl, PR_SET_NAME, (long)"exactly15chars!", 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_NAME, (long)"0123456789abcdefghij", 0, 0, 0, 0);
	sys(SYS_prctl, PR_SET_NAME, (long)"tp-process", 0, 0, 0, 0);
}

static void arch_prctls(void)
{
	unsigned long fs = 0;

	sys(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, (long)&fs, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1004 /* ARCH_GET_GS */, (long)&fs, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1003, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1011 /* ARCH_GET_CPUID */, 0, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1fff, 0, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1021 /* ARCH_GET_XCOMP_SUPP */, (long)&fs, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1021, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1022 /* ARCH_GET_XCOMP_PERM */, (long)&fs, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1023 /* ARCH_REQ_XCOMP_PERM */, 8, 0, 0, 0, 0);
	sys(SYS_arch_prctl, 0x1023, 0xb, 0, 0, 0, 0);
}

static void thread_state(void)
{
	void *head = NULL;
	size_t len = 0;

	const long tid = sys(SYS_set_tid_address, 0, 0, 0, 0, 0, 0);
	(void)tid;
	sys(SYS_get_robust_list, 0, (long)&head, (long)&len, 0, 0, 0);
	sys(SYS_get_robust_list, NO_PID, (long)&head, (long)&len, 0, 0, 0);
	sys(SYS_set_robust_list, (long)head, (long)len, 0, 0, 0, 0);
	sys(SYS_set_robust_list, (long)head, 7, 0, 0, 0, 0);
	/* glibc registered its area: another one is refused */
	static char area[32] __attribute__((aligned(32)));
	sys(SYS_rseq, (long)area, 32, 0, 0x53053053, 0, 0);
	sys(SYS_rseq, 0, 32, 1 /* unregister */, 0x53053053, 0, 0);
}

static void limits(void)
{
	struct rlimit rl = {0}, old = {0};
	struct rusage ru;

	sys(SYS_getrlimit, RLIMIT_NOFILE, (long)&rl, 0, 0, 0, 0);
	sys(SYS_getrlimit, RLIMIT_STACK, (long)&old, 0, 0, 0, 0);
	sys(SYS_getrlimit, RLIMIT_CORE, (long)&old, 0, 0, 0, 0);
	sys(SYS_getrlimit, 99, (long)&old, 0, 0, 0, 0);
	sys(SYS_setrlimit, RLIMIT_NOFILE, (long)&rl, 0, 0, 0, 0);
	sys(SYS_setrlimit, RLIMIT_NOFILE, (long)BAD_PTR, 0, 0, 0, 0);
	struct rlimit core = {1024 * 1024, RLIM_INFINITY};
	sys(SYS_prlimit64, 0, RLIMIT_CORE, (long)&core, (long)&old, 0, 0);
	sys(SYS_prlimit64, 0, RLIMIT_CORE, 0, (long)&old, 0, 0);
	sys(SYS_prlimit64, 0, RLIMIT_CPU, 0, (long)&old, 0, 0);
	core.rlim_cur = 0;
	sys(SYS_prlimit64, 0, RLIMIT_CORE, (long)&core, 0, 0, 0);
	sys(SYS_prlimit64, NO_PID, RLIMIT_CORE, 0, (long)&old, 0, 0);
	sys(SYS_prlimit64, 0, 99, 0, (long)&old, 0, 0);
	/* no child has ended yet: all zero */
	sys(SYS_getrusage, RUSAGE_CHILDREN, (long)&ru, 0, 0, 0, 0);
	sys(SYS_getrusage, RUSAGE_SELF, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_getrusage, 7, (long)&ru, 0, 0, 0, 0);
}

static void sched(void)
{
	cpu_set_t set;
	struct sched_param sp;
	unsigned cpu = 9, node = 9;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sys(SYS_sched_setaffinity, 0, sizeof(set), (long)&set, 0, 0, 0);
	sys(SYS_sched_setaffinity, NO_PID, sizeof(set), (long)&set, 0, 0, 0);
	sys(SYS_sched_setaffinity, 0, 0, (long)&set, 0, 0, 0); /* "[]" without reading */
	sys(SYS_sched_getaffinity, 0, sizeof(set), (long)&set, 0, 0, 0);
	sys(SYS_sched_getaffinity, 0, 8, (long)&set, 0, 0, 0);
	sys(SYS_sched_getaffinity, 0, 3, (long)&set, 0, 0, 0);
	sys(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
	/* I/O priorities: IOPRIO_WHO_PROCESS, _PGRP, an unknown "which" */
	sys(SYS_ioprio_get, 1, 0, 0, 0, 0, 0);
	sys(SYS_ioprio_set, 1, 0, (2 << 13) | 4, 0, 0, 0); /* IOPRIO_CLASS_BE, 4 */
	sys(SYS_ioprio_get, 2, 0, 0, 0, 0, 0);
	sys(SYS_ioprio_get, 9, 0, 0, 0, 0, 0);
	sys(SYS_ioprio_set, 0xfa57beef, -1, (0x7d677 << 13) | 7, 0, 0, 0);
	sys(SYS_sched_getparam, 0, (long)&sp, 0, 0, 0, 0);
	sys(SYS_sched_getparam, NO_PID, (long)&sp, 0, 0, 0, 0);
	sys(SYS_sched_getscheduler, 0, 0, 0, 0, 0, 0);
	sys(SYS_sched_getscheduler, -1, 0, 0, 0, 0, 0);
	sys(SYS_getcpu, (long)&cpu, (long)&node, 0, 0, 0, 0);
	sys(SYS_getcpu, (long)&cpu, 0, 0, 0, 0, 0);
	sys(SYS_getcpu, (long)BAD_PTR, 0, 0, 0, 0, 0);
	sys(SYS_sched_setparam, 0, (long)&sp, 0, 0, 0, 0);
	sys(SYS_sched_setparam, 0, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, (long)&sp, 0, 0, 0);
	sys(SYS_sched_setscheduler, 0, 99, (long)&sp, 0, 0, 0);
	sys(SYS_sched_setscheduler, 0, SCHED_OTHER, 0, 0, 0, 0);
	struct timespec slice;
	sys(SYS_sched_rr_get_interval, 0, (long)&slice, 0, 0, 0, 0);
	sys(SYS_sched_rr_get_interval, 0, (long)BAD_PTR, 0, 0, 0, 0);
}

/* struct sched_attr (linux/sched/types.h, whose struct sched_param clashes
 * with glibc's) and room behind it for a caller's larger size. */
struct tp_sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
	uint8_t beyond[64];
};

/* sched_setattr/getattr: each size the struct has had, sizes too small and
 * too large (E2BIG, the kernel writing back its own), the fields
 * SCHED_FLAG_KEEP_* leave out; kcmp of files, an epoll slot, the rest. */
static void sched_attr(void)
{
	struct tp_sched_attr a;
	memset(&a, 0, sizeof(a));
	a.size = 56;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	sys(SYS_sched_getattr, 0, (long)&a, 56, 0, 0, 0);
	sys(SYS_sched_getattr, 0, (long)&a, 48, 0, 0, 0);
	sys(SYS_sched_getattr, 0, (long)&a, sizeof(a), 0, 0, 0);
	sys(SYS_sched_getattr, 0, (long)&a, 0, 0, 0, 0);
	sys(SYS_sched_getattr, 0, (long)BAD_PTR, 56, 0, 0, 0);
	memset(&a, 0, sizeof(a));
	a.size = 16;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.size = 0;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.size = 48;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.size = 64;
	a.beyond[0] = 1;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.beyond[0] = 0;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.size = 56;
	a.sched_flags = 0x10; /* SCHED_FLAG_KEEP_PARAMS */
	sys(SYS_sched_setattr, 0, (long)&a, 1, 0, 0, 0);
	a.sched_flags = 0x8; /* SCHED_FLAG_KEEP_POLICY */
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	a.sched_policy = 0xffffffff;
	a.sched_flags = 0x3ff;
	sys(SYS_sched_setattr, 0, (long)&a, 0, 0, 0, 0);
	sys(SYS_sched_setattr, 0, (long)BAD_PTR, 0, 0, 0, 0);
	sys(SYS_sched_setattr, 0, 0, 0, 0, 0, 0);

	const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct kcmp_epoll_slot slot = {(uint32_t)fd, (uint32_t)fd, 0};
	const long me = getpid();
	sys(SYS_kcmp, me, me, KCMP_FILE, fd, fd, 0);
	sys(SYS_kcmp, me, me, KCMP_VM, 0, 0, 0);
	sys(SYS_kcmp, me, me, KCMP_EPOLL_TFD, fd, (long)&slot, 0);
	sys(SYS_kcmp, me, me, KCMP_EPOLL_TFD, fd, (long)BAD_PTR, 0);
	sys(SYS_kcmp, me, NO_PID, 99, 1, 2, 0);
	close(fd);
}

static void system_info(void)
{
	struct utsname u;
	char rnd[16];
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];

	sys(SYS_uname, (long)&u, 0, 0, 0, 0, 0);
	sys(SYS_uname, (long)BAD_PTR, 0, 0, 0, 0, 0);
	sys(SYS_sysinfo, (long)BAD_PTR, 0, 0, 0, 0, 0);
	sys(SYS_getrandom, (long)rnd, sizeof(rnd), 0, 0, 0, 0);
	sys(SYS_getrandom, (long)rnd, sizeof(rnd), GRND_NONBLOCK | GRND_RANDOM, 0, 0, 0);
	sys(SYS_getrandom, (long)rnd, sizeof(rnd), 0x80, 0, 0, 0);
	sys(SYS_capget, (long)&hdr, (long)data, 0, 0, 0, 0);
	sys(SYS_capset, (long)&hdr, (long)data, 0, 0, 0, 0);
	hdr.version = 0x12345678;
	sys(SYS_capget, (long)&hdr, (long)data, 0, 0, 0, 0);
	hdr.version = 0x12345678; /* capget wrote the kernel's version back */
	sys(SYS_capset, (long)&hdr, (long)data, 0, 0, 0, 0);
	hdr.version = _LINUX_CAPABILITY_VERSION_1;
	hdr.pid = 0;
	sys(SYS_capget, (long)&hdr, (long)data, 0, 0, 0, 0);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	sys(SYS_capget, (long)&hdr, 0, 0, 0, 0, 0);
	/* no header to read: the data's address, whatever it holds */
	sys(SYS_capset, (long)BAD_PTR, (long)data, 0, 0, 0, 0);
	sys(SYS_capget, (long)BAD_PTR, (long)data, 0, 0, 0, 0);
	sys(SYS_personality, 0xffffffff, 0, 0, 0, 0, 0);
	sys(SYS_personality, 0x0040000 /* PER_LINUX|ADDR_NO_RANDOMIZE */, 0, 0, 0, 0, 0);
	sys(SYS_personality, 0xffffffff, 0, 0, 0, 0, 0);
	/* reboot: never both magic numbers right, so each fails with EINVAL;
	 * LINUX_REBOOT_CMD_RESTART2's string, whole, cut, and on no page */
	char *const cmdline = page_tail(8);
	if (cmdline)
		memcpy(cmdline, "restart2", 8);
	/* _sysctl, gone from kernels (ENOSYS): its struct, pointers as addresses */
	struct __sysctl_args sa = {.nlen = 2, .oldlenp = (size_t *)BAD_PTR, .newlen = 12};
	sys(SYS__sysctl, (long)&sa, 0, 0, 0, 0, 0);
	sys(SYS__sysctl, (long)BAD_PTR, 0, 0, 0, 0, 0);
	sys(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_CAD_OFF, 0, 0, 0);
	sys(SYS_reboot, LINUX_REBOOT_MAGIC1, 0x13111992, LINUX_REBOOT_CMD_RESTART2, (long)"again",
	    0, 0);
	sys(SYS_reboot, 0x13111992, LINUX_REBOOT_MAGIC2C, LINUX_REBOOT_CMD_RESTART2, (long)cmdline,
	    0, 0);
	sys(SYS_reboot, -1, 0xdeadfacefa57beefLL, 0xbadda7a09caffee1LL, -1, 0, 0);
	/* kexec: never loadable (unknown flags, too many segments): the
	 * segments, the architecture and the flags */
	static const struct kexec_segment segs[2] = {{NULL, 16, (void *)0x100000, 4096},
						     {"seg", 3, (void *)0x200000, 4096}};
	sys(SYS_kexec_load, 0x1000, 2, (long)segs, KEXEC_ARCH_X86_64 | 0x10, 0, 0);
	sys(SYS_kexec_load, 0x1000, KEXEC_SEGMENT_MAX + 1, (long)segs,
	    KEXEC_ARCH_DEFAULT | KEXEC_ON_CRASH, 0, 0);
	sys(SYS_kexec_load, 0, 0, 0, 0xdead0000 | KEXEC_PRESERVE_CONTEXT | 0x40, 0, 0);
	sys(SYS_kexec_file_load, -1, -1, 0, 0, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH | 0x100, 0);
	sys(SYS_kexec_file_load, -1, -1, 4, (long)"abc", 0xbadc0ded00000000LL, 0);
	/* LDT and TLS descriptors: an entry past the table (EINVAL), the
	 * table read into a descriptor-sized buffer */
	struct user_desc desc = {.entry_number = 8192,
				 .base_addr = 0x1000,
				 .limit = 0xfffff,
				 .seg_32bit = 1,
				 .contents = 2,
				 .limit_in_pages = 1,
				 .useable = 1};
	sys(SYS_modify_ldt, 1, (long)&desc, sizeof(desc), 0, 0, 0);
	sys(SYS_modify_ldt, 0, (long)&desc, sizeof(desc), 0, 0, 0);
	sys(SYS_modify_ldt, 0x11, (long)&desc, sizeof(desc) - 1, 0, 0, 0);
	desc.entry_number = -1;
	sys(SYS_set_thread_area, (long)&desc, 0, 0, 0, 0, 0);
	desc.entry_number = 12;
	sys(SYS_get_thread_area, (long)&desc, 0, 0, 0, 0, 0);
}

static void namespaces(void)
{
	sys(SYS_unshare, 0, 0, 0, 0, 0, 0);
	sys(SYS_unshare, CLONE_FILES | CLONE_FS, 0, 0, 0, 0, 0);
	sys(SYS_unshare, 0x1, 0, 0, 0, 0, 0);
	const int fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	sys(SYS_setns, fd, CLONE_NEWUTS, 0, 0, 0, 0);
	sys(SYS_setns, fd, CLONE_NEWNET, 0, 0, 0, 0);
	sys(SYS_setns, -1, 0, 0, 0, 0, 0);
	close(fd);
}

static void pidfds(void)
{
	const int pfd = (int)sys(SYS_pidfd_open, getpid(), 0, 0, 0, 0, 0);
	sys(SYS_pidfd_open, getpid(), 0x4, 0, 0, 0, 0);
	sys(SYS_pidfd_open, -1, 0, 0, 0, 0, 0);
	sys(SYS_pidfd_send_signal, pfd, 0, 0, 0, 0, 0);
	sys(SYS_pidfd_send_signal, pfd, SIGUSR1, 0, 0x100, 0, 0);
	sys(SYS_pidfd_send_signal, -1, SIGTERM, 0, 0, 0, 0);
	const int fd = (int)sys(SYS_pidfd_getfd, pfd, 0, 0, 0, 0, 0);
	sys(SYS_pidfd_getfd, pfd, 99, 0, 0, 0, 0);
	sys(SYS_pidfd_getfd, pfd, 0, 1, 0, 0, 0);
	close(fd);
	close(pfd);
}

static void kills(void)
{
	sys(SYS_kill, getpid(), 0, 0, 0, 0, 0);
	sys(SYS_kill, NO_PID, SIGTERM, 0, 0, 0, 0);
	sys(SYS_kill, getpid(), 99, 0, 0, 0, 0);
	sys(SYS_tkill, gettid(), 0, 0, 0, 0, 0);
	sys(SYS_tkill, -5, SIGTERM, 0, 0, 0, 0);
	sys(SYS_tgkill, getpid(), gettid(), 0, 0, 0, 0);
	sys(SYS_tgkill, getpid(), NO_PID, SIGKILL, 0, 0, 0);
}

/* Children of each creating call; SIGCHLD stays blocked. */
static void children(const char *self, const char *work)
{
	int status = 0;
	siginfo_t si;

	/* fork: exits 3; reaped by wait4 with WNOHANG first failing */
	pid_t pid = (pid_t)sys(SYS_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0)
		sys(SYS_exit_group, 3, 0, 0, 0, 0, 0);
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	sys(SYS_wait4, -1, (long)&status, WNOHANG, 0, 0, 0);
	sys(SYS_wait4, -1, (long)&status, 0x40000000, 0, 0, 0);

	/* vfork: the child leaves with exit (one thread) */
	pid = vfork();
	if (pid == 0)
		sys(SYS_exit, 4, 0, 0, 0, 0, 0);
	sys(SYS_wait4, pid, (long)&status, __WALL, 0, 0, 0);

	/* clone as fork; the child stops itself, is seen stopped by waitid,
	 * then killed */
	pid = (pid_t)sys(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
	if (pid == 0) {
		sys(SYS_kill, sys(SYS_getpid, 0, 0, 0, 0, 0, 0), SIGSTOP, 0, 0, 0, 0);
		sys(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	}
	/* no siginfo: the kernel leaves the times of a stop unset */
	sys(SYS_waitid, P_PID, pid, 0, WSTOPPED, 0, 0);
	/* stopped, not exited: WNOHANG's 0, the rusage's address (strace
	 * reads it only for a child) */
	static struct rusage no_usage;
	sys(SYS_wait4, pid, (long)&status, WNOHANG, (long)&no_usage, 0, 0);
	sys(SYS_kill, pid, SIGKILL, 0, 0, 0, 0);
	sys(SYS_waitid, P_PID, pid, (long)&si, WEXITED | WNOWAIT, 0, 0);
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	sys(SYS_waitid, P_ALL, 0, (long)&si, WEXITED | WNOHANG, 0, 0);
	sys(SYS_waitid, 7, 0, (long)&si, WEXITED, 0, 0);

	/* clone with the tid pointers that glibc's fork uses */
	pid_t ptid = 0, ctid = 0;
	pid = (pid_t)sys(SYS_clone, CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, 0,
			 (long)&ptid, (long)&ctid, 0, 0);
	if (pid == 0)
		sys(SYS_exit_group, 5, 0, 0, 0, 0, 0);
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	sys(SYS_clone, CLONE_THREAD, 0, 0, 0, 0, 0); /* EINVAL: needs CLONE_SIGHAND */
	/* clone's CLONE_PIDFD: the pidfd written at parent_tid (-y names it),
	 * waited for through it */
	int clone_pidfd = -1;
	pid = (pid_t)sys(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, (long)&clone_pidfd, 0, 0, 0);
	if (pid == 0)
		sys(SYS_exit_group, 9, 0, 0, 0, 0, 0);
	sys(SYS_waitid, P_PIDFD, clone_pidfd, (long)&si, WEXITED, 0, 0);
	close(clone_pidfd);

	/* clone3 */
	struct clone_args ca;
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	if (pid == 0)
		sys(SYS_exit_group, 6, 0, 0, 0, 0, 0);
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	int pidfd = -1;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
	ca.pidfd = (uintptr_t)&pidfd;
	ca.parent_tid = (uintptr_t)&ptid;
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	if (pid == 0)
		sys(SYS_exit_group, 8, 0, 0, 0, 0, 0);
	sys(SYS_waitid, P_PIDFD, pidfd, (long)&si, WEXITED, 0, 0);
	close(pidfd);
	sys(SYS_clone3, (long)&ca, 8, 0, 0, 0, 0);
	ca.flags = 0x1000000000ull;
	sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	/* into a cgroup by a descriptor that is none: EBADF */
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_INTO_CGROUP;
	ca.exit_signal = SIGCHLD;
	ca.cgroup = 1000;
	sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	/* pids asked for (not ours to ask: EINVAL/EPERM), one more than may
	 * be asked (the address), an unreadable array */
	pid_t tids[33];
	for (int k = 0; k < 33; k++)
		tids[k] = -1000 - k;
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 3;
	sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	ca.set_tid_size = 33;
	sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	ca.set_tid = (uintptr_t)BAD_PTR;
	ca.set_tid_size = 2;
	sys(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);
	/* a struct bigger than strace knows: nonzero bytes past it (E2BIG),
	 * and past the readable memory (EFAULT) */
	struct {
		struct clone_args ca;
		uint64_t more[2];
	} big;
	memset(&big, 0, sizeof(big));
	big.ca.exit_signal = SIGCHLD;
	big.more[1] = 0xfeedfacedeadbeefull;
	sys(SYS_clone3, (long)&big, sizeof(big), 0, 0, 0, 0);
	uint8_t *const end = page_tail(sizeof(ca));
	if (end) {
		memset(end, 0, sizeof(ca));
		sys(SYS_clone3, (long)end, sizeof(ca) + 8, 0, 0, 0, 0);
	}

	/* execve and execveat: failures, then the program itself */
	char *const args[] = {(char *)self, (char *)work, "exec", NULL};
	pid = (pid_t)sys(SYS_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0) {
		sys(SYS_execve, (long)"/nonexistent/tp", (long)args, (long)environ, 0, 0, 0);
		sys(SYS_execveat, AT_FDCWD, (long)"", (long)args, (long)environ, 0, 0);
		sys(SYS_execveat, -1, (long)"tp", (long)args, (long)environ, 0, 0);
		/* vectors strace cannot read whole: strings at bad addresses, no
		 * NULL before an unmapped page, none readable at all */
		char **const cut = page_tail(3 * sizeof(char *));
		if (cut) {
			cut[0] = "first";
			cut[1] = (char *)-1;
			cut[2] = (char *)BAD_PTR;
			sys(SYS_execve, (long)"/nonexistent/tp", (long)cut, (long)(cut + 1), 0, 0,
			    0);
			sys(SYS_execve, (long)"/nonexistent/tp", (long)(cut + 3), 0, 0, 0, 0);
			sys(SYS_execve, (long)"/nonexistent/tp", 0, (long)(cut + 3), 0, 0, 0);
		}
		static char *const none[] = {NULL};
		sys(SYS_execve, (long)"/nonexistent/tp", (long)none, (long)none, 0, 0, 0);
		sys(SYS_execve, (long)self, (long)args, (long)environ, 0, 0, 0);
		sys(SYS_exit_group, 1, 0, 0, 0, 0, 0);
	}
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	pid = (pid_t)sys(SYS_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0) {
		const int fd = open(self, O_PATH | O_CLOEXEC);
		sys(SYS_execveat, fd, (long)"", (long)args, (long)environ, AT_EMPTY_PATH, 0);
		sys(SYS_exit_group, 1, 0, 0, 0, 0, 0);
	}
	sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	sys(SYS_wait4, -1, (long)&status, 0, 0, 0, 0); /* none left: ECHILD */
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[2], "exec"))
		sys(SYS_exit_group, 7, 0, 0, 0, 0, 0);
	if (argc < 2 || chdir(argv[1]) != 0)
		return 2;
	char self[4096];
	const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 2;
	self[n] = '\0';

	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	ids();
	creds();
	sessions();
	prctls();
	prctls_more();
	arch_prctls();
	thread_state();
	limits();
	sched();
	sched_attr();
	system_info();
	namespaces();
	pidfds();
	kills();
	children(self, argv[1]);
	sys(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	return 0;
}
