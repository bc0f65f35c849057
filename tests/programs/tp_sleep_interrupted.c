/* tp_sleep_interrupted: a 3 s nanosleep cut short after ~50 ms by SIGALRM
 * (handler installed, so the kernel returns ERESTART_RESTARTBLOCK and writes
 * the remaining time into rem). A correct trace has the nanosleep exit with
 * that code and, at the exit, rem captured: strace prints the remaining
 * time in that case. Prints "interrupted" and exits 0. */
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	sigaction(SIGALRM, &sa, NULL);
	/* repeating, so that a slow start cannot let the sleep finish unseen */
	const struct itimerval every = {{0, 50000}, {0, 50000}};
	setitimer(ITIMER_REAL, &every, NULL);
	/* long: a sleep whose end passed while the task waited for a CPU
	 * returns 0 even with a signal pending (seen at load 12 with 300 ms) */
	const struct timespec request = {3, 0};
	struct timespec remaining;
	/* the raw syscall: glibc's nanosleep() would be clock_nanosleep */
	const long rc = syscall(SYS_nanosleep, &request, &remaining);
	const struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	puts(rc < 0 ? "interrupted" : "slept");
	return rc < 0 ? 0 : 1;
}
