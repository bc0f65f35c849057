/* tp_fam_ptrace: ptrace(2)'s requests on both paths, for the differential
 * test against strace.
 *
 * Usage: tp_fam_ptrace DIR (DIR unused)
 * A tracer under strace -f (or strec) cannot trace its own children: they
 * are traced already. So the tracee is cloned with CLONE_UNTRACED, which
 * keeps the tracer of this program off it; it asks to be traced, blocks
 * two signals this program then sends it, and stops. (Its own calls are in
 * no ptrace engine's trace; the bpf engine sees them.) This program then reads and writes its
 * memory, user area, registers, signal state and mask, steps it through
 * one system call (entry and exit info) and kills it; then the requests
 * fail on a pid that does not exist. SIGCHLD is blocked so that no signal
 * line lands between calls at random. Deterministic (under setarch -R), no
 * output, exit status 0. */
#include <elf.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOPID 0x7ffffff0 /* no such process */

static volatile uint64_t shared_word = 0x1122334455667788ULL;

static long pt(long request, long pid, uint64_t addr, uint64_t data)
{
	return syscall(SYS_ptrace, request, pid, addr, data);
}

/* The tracee names no pid of its own (it stops its own process group), so
 * that its registers are the same in every run. */
static void tracee(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	/* a filter that allows everything, for PTRACE_SECCOMP_GET_FILTER */
	struct sock_filter allow[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW | 0x2a),
	};
	struct sock_fprog prog = {sizeof(allow) / sizeof(allow[0]), allow};
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	if (setpgid(0, 0) == 0 && pt(PTRACE_TRACEME, 0, 0, 0) == 0) {
		syscall(SYS_kill, 0, SIGSTOP);
		syscall(SYS_close, -1); /* the call it is stepped through */
	}
	_exit(0);
}

static void regs_calls(pid_t pid)
{
	struct user_regs_struct regs;
	struct user_fpregs_struct fpregs;
	pt(PTRACE_GETREGS, pid, 0, (uintptr_t)&regs);
	pt(PTRACE_SETREGS, pid, 0, (uintptr_t)&regs);
	pt(PTRACE_GETFPREGS, pid, 0, (uintptr_t)&fpregs);
	pt(PTRACE_SETFPREGS, pid, 0, (uintptr_t)&fpregs);

	static uint8_t set[4096];
	struct iovec iov = {set, sizeof(struct user_regs_struct)};
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (uintptr_t)&iov);
	pt(PTRACE_SETREGSET, pid, NT_PRSTATUS, (uintptr_t)&iov);
	iov.iov_len = 4 * 8; /* the first four registers */
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (uintptr_t)&iov);
	iov.iov_len = 1000; /* the kernel says how much it wrote */
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (uintptr_t)&iov);
	iov.iov_len = sizeof(struct user_fpregs_struct);
	pt(PTRACE_GETREGSET, pid, NT_FPREGSET, (uintptr_t)&iov);
	iov.iov_len = 40; /* part of the x87 state */
	pt(PTRACE_GETREGSET, pid, NT_FPREGSET, (uintptr_t)&iov);
	iov.iov_len = sizeof(set); /* a set strace does not print */
	pt(PTRACE_GETREGSET, pid, NT_X86_XSTATE, (uintptr_t)&iov);
	iov.iov_len = 12; /* not whole words: the kernel refuses */
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (uintptr_t)&iov);
	pt(PTRACE_GETREGSET, pid, 0x77, (uintptr_t)&iov);
}

static void seccomp_calls(pid_t pid)
{
	struct sock_filter insns[8];
	pt(PTRACE_SECCOMP_GET_FILTER, pid, 0, (uintptr_t)insns);
	uint64_t md[2] = {0, 0}; /* filter_off, flags */
	pt(PTRACE_SECCOMP_GET_METADATA, pid, sizeof(md), (uintptr_t)md);
	pt(PTRACE_SECCOMP_GET_FILTER, pid, 1, (uintptr_t)insns); /* no second filter */
}

static void signal_calls(pid_t pid)
{
	siginfo_t si;
	pt(PTRACE_GETSIGINFO, pid, 0, (uintptr_t)&si);
	pt(PTRACE_SETSIGINFO, pid, 0, (uintptr_t)&si);
	uint64_t mask = 0;
	pt(PTRACE_GETSIGMASK, pid, sizeof(mask), (uintptr_t)&mask);
	pt(PTRACE_SETSIGMASK, pid, sizeof(mask), (uintptr_t)&mask);
	pt(PTRACE_GETSIGMASK, pid, 4, (uintptr_t)&mask);

	struct ptrace_peeksiginfo_args psi = {.off = 0, .flags = 0, .nr = 4};
	siginfo_t pending[4];
	pt(PTRACE_PEEKSIGINFO, pid, (uintptr_t)&psi, (uintptr_t)pending);
	psi.flags = PTRACE_PEEKSIGINFO_SHARED;
	pt(PTRACE_PEEKSIGINFO, pid, (uintptr_t)&psi, (uintptr_t)pending);
	psi.flags = 6;
	pt(PTRACE_PEEKSIGINFO, pid, (uintptr_t)&psi, (uintptr_t)pending);
}

static void memory_calls(pid_t pid)
{
	unsigned long word = 0;
	pt(PTRACE_PEEKDATA, pid, (uintptr_t)&shared_word, (uintptr_t)&word);
	pt(PTRACE_PEEKTEXT, pid, (uintptr_t)&shared_word, (uintptr_t)&word);
	pt(PTRACE_POKEDATA, pid, (uintptr_t)&shared_word, 0xfeedfacecafef00dULL);
	pt(PTRACE_PEEKDATA, pid, (uintptr_t)&shared_word, (uintptr_t)&word);
	pt(PTRACE_PEEKDATA, pid, 8, (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, offsetof(struct user, regs.orig_rax), (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, offsetof(struct user, regs.eflags), (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, offsetof(struct user, regs.fs_base), (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, offsetof(struct user, u_debugreg) + 7 * 8, (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, offsetof(struct user, regs.rax) + 4, (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, sizeof(struct user), (uintptr_t)&word);
	pt(PTRACE_PEEKUSR, pid, sizeof(struct user) + 8, (uintptr_t)&word);
	pt(PTRACE_POKEUSR, pid, offsetof(struct user, u_debugreg) + 7 * 8, 0);
	pt(PTRACE_POKEUSR, pid, 0, 0);
}

/* one system call of the tracee: its entry and exit as the kernel tells */
static void step_calls(pid_t pid)
{
	struct ptrace_syscall_info info;
	int status;
	pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), (uintptr_t)&info);
	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXIT);
	unsigned long msg = 0;
	pt(PTRACE_GETEVENTMSG, pid, 0, (uintptr_t)&msg);
	pt(PTRACE_SYSCALL, pid, 0, 0);
	waitpid(pid, &status, 0);
	pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), (uintptr_t)&info);
	pt(PTRACE_GET_SYSCALL_INFO, pid, 40, (uintptr_t)&info); /* up to two arguments */
	pt(PTRACE_SYSCALL, pid, 0, 0);
	waitpid(pid, &status, 0);
	pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), (uintptr_t)&info);
	pt(PTRACE_GET_SYSCALL_INFO, pid, 0, (uintptr_t)&info);
	pt(PTRACE_KILL, pid, 0, 0);
	waitpid(pid, &status, 0);
}

static void failing_calls(void)
{
	pt(0xdeadbeef, NOPID, 0, 0);
	pt(PTRACE_ATTACH, NOPID, 0, 0);
	pt(PTRACE_SEIZE, NOPID, 0, PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL | 0x1000000);
	pt(PTRACE_INTERRUPT, NOPID, 0, 0);
	pt(PTRACE_LISTEN, NOPID, 0, 0);
	pt(PTRACE_CONT, NOPID, 0, SIGUSR1);
	pt(PTRACE_DETACH, NOPID, 0, 0);
	pt(PTRACE_SINGLESTEP, NOPID, 0, 0x40);
	pt(PTRACE_SYSEMU, NOPID, 0, SIGTERM);
	pt(PTRACE_SECCOMP_GET_FILTER, NOPID, 0, 0);
	uint64_t md[2] = {7, 0};
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, sizeof(md), (uintptr_t)md);
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, 4, (uintptr_t)md);
	pt(PTRACE_GETEVENTMSG, NOPID, 0, (uintptr_t)md);
	pt(PTRACE_GET_SYSCALL_INFO, NOPID, 88, (uintptr_t)md);
	pt(PTRACE_ARCH_PRCTL, NOPID, 0, 0x1002);
}

int main(void)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	const pid_t pid = (pid_t)syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		tracee();
	if (pid < 0)
		return 1;
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return 1;
	kill(pid, SIGUSR1); /* blocked: pending, for PTRACE_PEEKSIGINFO */
	kill(pid, SIGUSR2);
	memory_calls(pid);
	signal_calls(pid);
	seccomp_calls(pid);
	regs_calls(pid);
	step_calls(pid);
	failing_calls();
	/* EPERM: this program is traced. (Under the bpf engine it is not, and
	 * its parent becomes its tracer: last, with SIGCHLD blocked, so that no
	 * signal stops it for a tracer that does not wait for it.) */
	pt(PTRACE_TRACEME, 0, 0, 0);
	return 0;
}
