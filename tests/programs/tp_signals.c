/* tp_signals: signal delivery, interrupted and restarted syscalls, masks and
 * sigqueue.
 *
 * Steps, each printing one line:
 *  1. raise(SIGUSR1); the handler (SA_RESTART) runs.
 *  2. setitimer(ITIMER_REAL, 50 ms), then read() of an empty pipe: SIGALRM
 *     (handler without SA_RESTART) interrupts it and read fails with EINTR.
 *  3. setitimer again, then pause(): it returns -1 EINTR after SIGALRM.
 *     The timer repeats every 2 s until the call returns, so that a
 *     process too slow to block in time does not hang; exactly one SIGALRM
 *     arrives per step unless the machine stalls for seconds.
 *  4. A child sends the parent SIGUSR1 after 400 ms while the parent blocks in
 *     read() on a pipe; SA_RESTART restarts the read, which then returns the
 *     byte the child writes 50 ms later.
 *  5. SIGUSR2 (SA_SIGINFO handler) is blocked with sigprocmask, sigqueue()d to
 *     the process with value 1234 (stays pending), then unblocked and
 *     delivered with si_code SI_QUEUE.
 * stdout:
 *   usr1 raised: 1
 *   read: EINTR after SIGALRM
 *   pause: EINTR after SIGALRM
 *   restarted read: 1 byte 'x' after usr1 2
 *   usr2 pending: 1
 *   usr2: si_code SI_QUEUE value 1234
 *   counts: usr1 2 usr2 1
 * Exit status 0 when everything happened as described, 1 otherwise.
 * A correct trace shows "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL,
 * ...}", "read(...) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)"
 * twice (once answered with EINTR, once restarted), "pause() = ?
 * ERESTARTNOHAND (To be restarted if no handler)", rt_sigreturn after each
 * handler, "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---" and
 * "--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_QUEUE, ..., si_int=1234,
 * ...}". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, alrm_count, usr2_count;
static volatile sig_atomic_t usr2_code, usr2_value;

static void on_usr1(const int sig)
{
	(void)sig;
	usr1_count++;
}

static void on_alrm(const int sig)
{
	(void)sig;
	alrm_count++;
}

static void on_usr2(const int sig, siginfo_t *const info, void *const ctx)
{
	(void)sig;
	(void)ctx;
	usr2_count++;
	usr2_code = info->si_code;
	usr2_value = info->si_value.sival_int;
}

static int install(const int sig, void (*const handler)(int), const int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL) == 0;
}

/* 500 ms from now, then every 2 s while on. The first expiry must find the
 * process blocked in the call after set_timer(): under a tracer on a loaded
 * machine the stops between take a while, and a signal that comes before the
 * call runs its handler there and adds a second SIGALRM (50 ms was not
 * enough). The repeats only save a process too slow to block in time from
 * waiting forever, and come too rarely to add a signal between the call's
 * return and set_timer(0) (at 50 ms they did, once, beside two test suites
 * and busy loops). */
static void set_timer(const int on)
{
	const struct itimerval it = {{on ? 2 : 0, 0}, {0, on ? 500 * 1000 : 0}};

	setitimer(ITIMER_REAL, &it, NULL);
}

static void sleep_ms(const long ms)
{
	const struct timespec ts = {0, ms * 1000 * 1000};

	nanosleep(&ts, NULL);
}

int main(void)
{
	struct sigaction sa;
	int ok = 1;
	int fds[2];
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr2;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (!install(SIGUSR1, on_usr1, SA_RESTART) || !install(SIGALRM, on_alrm, 0) ||
	    sigaction(SIGUSR2, &sa, NULL) != 0 || pipe(fds) != 0) {
		perror("setup");
		return 1;
	}

	/* 1 */
	raise(SIGUSR1);
	printf("usr1 raised: %d\n", (int)usr1_count);
	ok &= usr1_count == 1;

	/* 2: no SA_RESTART, so the kernel's ERESTARTSYS becomes EINTR. */
	set_timer(1);
	ssize_t n = read(fds[0], &c, 1);
	const int read_errno = errno;
	set_timer(0);
	printf("read: %s after %s\n", n < 0 && read_errno == EINTR ? "EINTR" : "???",
	       alrm_count >= 1 ? "SIGALRM" : "nothing");
	ok &= n < 0 && read_errno == EINTR && alrm_count >= 1;
	const int alrm_after_read = alrm_count;

	/* 3 */
	set_timer(1);
	const int p = pause();
	const int pause_errno = errno;
	set_timer(0);
	printf("pause: %s after %s\n", p < 0 && pause_errno == EINTR ? "EINTR" : "???",
	       alrm_count > alrm_after_read ? "SIGALRM" : "nothing");
	ok &= p < 0 && pause_errno == EINTR && alrm_count > alrm_after_read;

	/* 4 */
	fflush(stdout);
	const pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		/* long enough for the parent to block in read() under a tracer
		 * on a loaded machine (50 ms was not, once in a CI run beside
		 * busy loops: the signal came first and read() was not
		 * interrupted); a signal pending at read()'s entry interrupts
		 * it too, so only the stops before it must fit */
		sleep_ms(400);
		kill(getppid(), SIGUSR1);
		sleep_ms(50);
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	n = read(fds[0], &c, 1);
	printf("restarted read: %zd byte '%c' after usr1 %d\n", n, n == 1 ? c : '?',
	       (int)usr1_count);
	ok &= n == 1 && c == 'x' && usr1_count == 2;
	int status;
	ok &= waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;

	/* 5 */
	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	const union sigval value = {.sival_int = 1234};
	sigqueue(getpid(), SIGUSR2, value);
	sigpending(&pending);
	printf("usr2 pending: %d\n", sigismember(&pending, SIGUSR2));
	ok &= sigismember(&pending, SIGUSR2) == 1 && usr2_count == 0;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("usr2: si_code %s value %d\n", usr2_code == SI_QUEUE ? "SI_QUEUE" : "???",
	       (int)usr2_value);
	ok &= usr2_count == 1 && usr2_code == SI_QUEUE && usr2_value == 1234;

	printf("counts: usr1 %d usr2 %d\n", (int)usr1_count, (int)usr2_count);
	return ok ? 0 : 1;
}
