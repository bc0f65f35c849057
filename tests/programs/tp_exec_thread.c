/* tp_exec_thread: execve from a thread that is not the thread-group leader.
 *
 * The main thread prints "before exec", starts a thread and sleeps in
 * nanosleep(10 s). The thread waits until the leader is about to call it
 * (a flag, no system call: the traces stay the same), then 20 ms more (so
 * that the leader is inside nanosleep, however slow its return from
 * pthread_create under a loaded tracer) and calls
 * execve("/bin/echo", {"echo", "exec-from-thread"}).
 * The kernel kills the leader, and the execing thread takes over its pid.
 * stdout:
 *   before exec
 *   exec-from-thread
 * Exit status 0 (echo's). 127 if execve failed, 1 if the leader woke up.
 * With the argument "leader-exits" the leader ends (pthread_exit) instead
 * of sleeping, before the thread's exec.
 * A correct trace (-f) shows the leader's nanosleep "<unfinished ...>", the
 * thread's execve, "+++ superseded by execve in pid <leader's pid> +++" and
 * the execve resuming under the leader's pid with "= 0". glibc implements
 * nanosleep() with the clock_nanosleep syscall. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static atomic_int leader_sleeps;

static void *execer(void *const arg)
{
	const struct timespec pause_ts = {0, 20 * 1000 * 1000};
	char *const argv[] = {"echo", "exec-from-thread", NULL};

	(void)arg;
	while (!atomic_load(&leader_sleeps))
		__builtin_ia32_pause();
	nanosleep(&pause_ts, NULL);
	execve("/bin/echo", argv, environ);
	perror("execve /bin/echo");
	_exit(127);
}

int main(const int argc, char **const argv)
{
	const struct timespec long_ts = {10, 0};
	pthread_t thread;

	printf("before exec\n");
	fflush(stdout);
	if (pthread_create(&thread, NULL, execer, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	atomic_store(&leader_sleeps, 1);
	if (argc > 1 && strcmp(argv[1], "leader-exits") == 0)
		pthread_exit(NULL);
	nanosleep(&long_ts, NULL);
	fprintf(stderr, "the leader was not replaced by execve\n");
	return 1;
}
