/* tp_spin: a busy multi-threaded process for attach/detach tests.
 *
 * Prints "pid N" first, then 4 worker threads loop forever on nanosleep
 * (1 ms), getpid and a 1-byte write to /dev/null, while the main thread
 * prints "alive N" (N = 1, 2, ...) every 100 ms. SIGTERM (blocked in the
 * workers, so the main thread takes it) makes it print "term" and exit 0.
 * An optional argv[1] is a limit in seconds (default 0: run forever); when
 * it passes, the program prints "timeout" and exits 3, so a broken test
 * cannot leave it running.
 * Every line is one write(2) to stdout, so a reader of a pipe sees each line
 * as soon as it is printed. A tracer attaching and detaching must not
 * disturb it: the "alive" numbers keep increasing by one and it still exits
 * 0 on SIGTERM. An attached trace shows all 5 threads, the workers'
 * nanosleep/getpid/write calls and "--- SIGTERM {si_signo=SIGTERM, ...}" in
 * the main thread. glibc implements nanosleep() with clock_nanosleep. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { NWORKERS = 4 };

static volatile sig_atomic_t terminated;
static int devnull = -1;

static void on_term(const int sig)
{
	(void)sig;
	terminated = 1;
}

static void say(const char *const text, const long n)
{
	char buf[64];
	const int len = n < 0 ? snprintf(buf, sizeof(buf), "%s\n", text)
			      : snprintf(buf, sizeof(buf), "%s %ld\n", text, n);

	if (write(STDOUT_FILENO, buf, (size_t)len) != len)
		_exit(100);
}

static void *worker(void *const arg)
{
	const struct timespec ms = {0, 1000 * 1000};

	(void)arg;
	for (;;) {
		nanosleep(&ms, NULL);
		(void)syscall(SYS_getpid);
		if (write(devnull, "x", 1) != 1)
			_exit(101);
	}
	return NULL;
}

int main(const int argc, char **const argv)
{
	const long limit_s = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	struct sigaction sa;
	sigset_t term;
	pthread_t thread;

	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);

	say("pid", (long)getpid());
	/* Workers inherit the blocked SIGTERM; only main unblocks it. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &term, NULL);
	for (int i = 0; i < NWORKERS; i++) {
		const int err = pthread_create(&thread, NULL, worker, NULL);
		if (err != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	pthread_sigmask(SIG_UNBLOCK, &term, NULL);

	const struct timespec tick = {0, 100 * 1000 * 1000};
	for (long n = 1; !terminated; n++) {
		struct timespec left = tick;

		/* Sleep a whole 100 ms unless SIGTERM comes. */
		while (nanosleep(&left, &left) != 0 && errno == EINTR && !terminated)
			;
		if (terminated)
			break;
		say("alive", n);
		if (limit_s > 0 && n >= limit_s * 10) {
			say("timeout", -1);
			return 3;
		}
	}
	say("term", -1);
	return 0;
}
