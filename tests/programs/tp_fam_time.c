/* tp_fam_time: the clock, sleep and timer system calls, each on a success
 * and a failure path, for the differential test against strace.
 *
 * Usage: tp_fam_time DIR   (DIR is not used: these calls touch no files)
 * Every call is a raw syscall() with fixed arguments, so that each libc
 * issues exactly that call (glibc would answer clock_gettime and
 * gettimeofday from the vDSO). Outputs that depend on the time of day are
 * normalized by the test; the rest (resolutions, disarmed timers, errors) is
 * stable. One nanosleep is interrupted by an ignored SIGALRM, which the
 * kernel restarts with restart_syscall. Exit status 0 when every call gave
 * the expected result. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "tp_expect.h"

#define BAD_PTR	  ((void *)1)
#define BAD_CLOCK 123

static void sleeps(void)
{
	const struct timespec short_ts = {0, 1000};
	struct timespec rem;
	expect("nanosleep", syscall(SYS_nanosleep, &short_ts, NULL), 0);
	expect("nanosleep rem", syscall(SYS_nanosleep, &short_ts, &rem), 0);
	const struct timespec bad_ts = {0, 1000000000};
	expect("nanosleep EINVAL", syscall(SYS_nanosleep, &bad_ts, &rem), EINVAL);
	expect("nanosleep EFAULT", syscall(SYS_nanosleep, BAD_PTR, NULL), EFAULT);

	expect("clock_nanosleep", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &short_ts, &rem),
	       0);
	const struct timespec past = {1, 0};
	expect("clock_nanosleep abs",
	       syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL), 0);
	expect("clock_nanosleep realtime abs",
	       syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &past, NULL), 0);
	expect("clock_nanosleep bad clock",
	       syscall(SYS_clock_nanosleep, BAD_CLOCK, 0, &short_ts, NULL), EINVAL);
	expect("clock_nanosleep thread clock",
	       syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &short_ts, NULL),
	       EOPNOTSUPP);
	expect("clock_nanosleep EINVAL",
	       syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad_ts, NULL), EINVAL);

	/* An ignored signal still interrupts a traced sleep; the kernel then
	 * resumes it with restart_syscall. The alarm must come after the sleep
	 * began, in every run: half a second leaves room for two tracer stops
	 * on a loaded machine (50 ms did not, nor once did 250 ms under two CI
	 * runs and two busy loops). */
	signal(SIGALRM, SIG_IGN);
	const struct itimerval alarm_soon = {{0, 0}, {0, 500000}};
	expect("setitimer alarm", syscall(SYS_setitimer, ITIMER_REAL, &alarm_soon, NULL), 0);
	const struct timespec longer = {1, 500000000};
	expect("nanosleep interrupted", syscall(SYS_nanosleep, &longer, NULL), 0);
	/* interrupted with TIMER_ABSTIME: the kernel leaves rem alone (strace
	 * prints its address) and restarts the call as it was */
	struct timespec until;
	expect("setitimer alarm", syscall(SYS_setitimer, ITIMER_REAL, &alarm_soon, NULL), 0);
	expect("clock_gettime now", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &until), 0);
	until.tv_sec += 2;
	expect("clock_nanosleep abs interrupted",
	       syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &until, &rem), 0);
	signal(SIGALRM, SIG_DFL);
}

static void clocks(void)
{
	struct timespec ts;
	expect("clock_gettime", syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts), 0);
	expect("clock_gettime mono", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts), 0);
	expect("clock_gettime bad clock", syscall(SYS_clock_gettime, BAD_CLOCK, &ts), EINVAL);
	expect("clock_gettime EFAULT", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_PTR),
	       EFAULT);

	expect("clock_getres", syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts), 0);
	expect("clock_getres coarse", syscall(SYS_clock_getres, CLOCK_REALTIME_COARSE, &ts), 0);
	expect("clock_getres NULL", syscall(SYS_clock_getres, CLOCK_BOOTTIME, NULL), 0);
	expect("clock_getres bad clock", syscall(SYS_clock_getres, BAD_CLOCK, &ts), EINVAL);
	expect("clock_getres sgi", syscall(SYS_clock_getres, 10, &ts), EINVAL);
	/* a CPU clock id: the calling process's scheduler clock */
	expect("clock_getres cpu clock", syscall(SYS_clock_getres, -2, &ts), 0);

	/* Never sets the time: the monotonic clock cannot be set (EINVAL),
	 * nor can an unknown one, nor a time with tv_nsec out of range. */
	const struct timespec some = {1000, 0};
	expect("clock_settime mono", syscall(SYS_clock_settime, CLOCK_MONOTONIC, &some), EINVAL);
	expect("clock_settime bad clock", syscall(SYS_clock_settime, BAD_CLOCK, &some), EINVAL);
	const struct timespec bad_ts = {1000, -1};
	expect("clock_settime bad ts", syscall(SYS_clock_settime, CLOCK_REALTIME, &bad_ts), EINVAL);
	expect("clock_settime EFAULT", syscall(SYS_clock_settime, CLOCK_REALTIME, BAD_PTR), EFAULT);

	struct timeval tv;
	struct timezone tz;
	expect("gettimeofday", syscall(SYS_gettimeofday, &tv, NULL), 0);
	expect("gettimeofday tz", syscall(SYS_gettimeofday, &tv, &tz), 0);
	expect("gettimeofday NULL", syscall(SYS_gettimeofday, NULL, NULL), 0);
	expect("gettimeofday EFAULT", syscall(SYS_gettimeofday, BAD_PTR, NULL), EFAULT);
	/* settimeofday only fails here: a bad time is refused before the zone is looked at */
	const struct timeval bad_tv = {-1, 1000000};
	expect("settimeofday EINVAL", syscall(SYS_settimeofday, &bad_tv, &tz), EINVAL);
	expect("settimeofday EFAULT", syscall(SYS_settimeofday, BAD_PTR, NULL), EFAULT);

	time_t t;
	expect("time NULL", syscall(SYS_time, NULL), 0);
	expect("time", syscall(SYS_time, &t), 0);
	expect("time EFAULT", syscall(SYS_time, BAD_PTR), EFAULT);

	struct tms tm;
	expect("times", syscall(SYS_times, &tm) == -1 ? -1 : 0, 0);
	expect("times NULL", syscall(SYS_times, NULL) == -1 ? -1 : 0, 0);
	expect("times EFAULT", syscall(SYS_times, BAD_PTR), EFAULT);
}

static void itimers(void)
{
	struct itimerval old;
	expect("getitimer", syscall(SYS_getitimer, ITIMER_REAL, &old), 0);
	expect("getitimer virtual", syscall(SYS_getitimer, ITIMER_VIRTUAL, &old), 0);
	expect("getitimer bad", syscall(SYS_getitimer, 99, &old), EINVAL);
	expect("getitimer EFAULT", syscall(SYS_getitimer, ITIMER_PROF, BAD_PTR), EFAULT);

	/* Armed far in the future and disarmed at once; the old value it
	 * returns is the (disarmed) timer's, so stable. */
	const struct itimerval far = {{1, 500000}, {100, 0}};
	const struct itimerval off = {{0, 0}, {0, 0}};
	expect("setitimer", syscall(SYS_setitimer, ITIMER_PROF, &off, &old), 0);
	expect("setitimer arm", syscall(SYS_setitimer, ITIMER_REAL, &far, NULL), 0);
	expect("setitimer disarm", syscall(SYS_setitimer, ITIMER_REAL, &off, NULL), 0);
	expect("setitimer bad which", syscall(SYS_setitimer, 99, &off, &old), EINVAL);
	const struct itimerval bad = {{0, 0}, {0, 1000000}};
	expect("setitimer bad usec", syscall(SYS_setitimer, ITIMER_VIRTUAL, &bad, &old), EINVAL);
	expect("setitimer EFAULT", syscall(SYS_setitimer, ITIMER_REAL, BAD_PTR, NULL), EFAULT);
}

static void posix_timers(void)
{
	/* the kernel writes an int id */
	int t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_NONE;
	expect("timer_create none", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t1), 0);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 42;
	expect("timer_create signal", syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &t2), 0);
	expect("timer_create NULL", syscall(SYS_timer_create, CLOCK_BOOTTIME, NULL, &t3), 0);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR2;
	sev._sigev_un._tid = (int)syscall(SYS_gettid);
	expect("timer_create thread id", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t4), 0);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD; /* the kernel treats it as a signal */
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 7;
	expect("timer_create thread", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t5), 0);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = 99;
	sev.sigev_signo = SIGUSR1;
	expect("timer_create bad notify", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t3),
	       EINVAL);
	expect("timer_create bad clock", syscall(SYS_timer_create, BAD_CLOCK, NULL, &t3), EINVAL);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = 0;
	expect("timer_create bad signo", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t3),
	       EINVAL);
	expect("timer_create EFAULT", syscall(SYS_timer_create, CLOCK_MONOTONIC, BAD_PTR, &t3),
	       EFAULT);

	struct itimerspec cur;
	const struct itimerspec far = {{0, 0}, {100, 0}};
	const struct itimerspec off = {{0, 0}, {0, 0}};
	const struct itimerspec abs = {{2, 500}, {1, 0}};
	expect("timer_gettime", syscall(SYS_timer_gettime, t1, &cur), 0);
	expect("timer_settime", syscall(SYS_timer_settime, t3, 0, &far, NULL), 0);
	expect("timer_settime disarm", syscall(SYS_timer_settime, t3, 0, &off, NULL), 0);
	expect("timer_settime old", syscall(SYS_timer_settime, t1, 0, &off, &cur), 0);
	expect("timer_settime abs", syscall(SYS_timer_settime, t2, TIMER_ABSTIME, &off, &cur), 0);
	expect("timer_settime bad", syscall(SYS_timer_settime, (long)4242, 0, &abs, NULL), EINVAL);
	const struct itimerspec bad = {{0, 0}, {0, 2000000000}};
	expect("timer_settime bad ts", syscall(SYS_timer_settime, t1, 0, &bad, NULL), EINVAL);
	expect("timer_gettime bad", syscall(SYS_timer_gettime, (long)4242, &cur), EINVAL);
	expect("timer_getoverrun", syscall(SYS_timer_getoverrun, t1), 0);
	expect("timer_delete", syscall(SYS_timer_delete, t1), 0);
	expect("timer_delete", syscall(SYS_timer_delete, t2), 0);
	expect("timer_delete", syscall(SYS_timer_delete, t3), 0);
	expect("timer_delete", syscall(SYS_timer_delete, t4), 0);
	expect("timer_delete", syscall(SYS_timer_delete, t5), 0);
	expect("timer_delete again", syscall(SYS_timer_delete, t1), EINVAL);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sleeps();
	clocks();
	itimers();
	posix_timers();
	return failures ? 1 : 0;
}
