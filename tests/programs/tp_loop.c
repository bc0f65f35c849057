/* tp_loop: a syscall-heavy loop for overhead benchmarks.
 *
 * Usage: tp_loop [ITERATIONS [getppid|write|files [THREADS]]]
 * Each of THREADS threads (default 1) makes ITERATIONS (default 100000) raw
 * getppid() calls (the default) or 1-byte writes to /dev/null, or rounds of
 * four calls with a path and buffers to capture ("files": openat of
 * /etc/passwd, a read of 256 bytes, their write to /dev/null, close).
 * stdout:
 *   done N
 * where N = ITERATIONS * THREADS successful syscalls or rounds. Exit status
 * 0, 1 when a syscall failed, 2 on bad arguments. A correct trace has N
 * getppid() or write(fd, "x", 1) = 1 lines, or N of each call of a round. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { MAX_THREADS = 256 };

static long iterations = 100000;
static enum { GETPPID, WRITE, FILES } mode;
static int devnull = -1;

/* One round of "files": 1 when every call succeeded. */
static int files_round(void)
{
	char buf[256];
	const long fd = syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	const long n = syscall(SYS_read, fd, buf, sizeof(buf));
	const long w = n > 0 ? syscall(SYS_write, devnull, buf, n) : -1;
	return (syscall(SYS_close, fd) == 0) & (w == n);
}

static void *loop(void *const arg)
{
	long *const done = arg;

	for (long i = 0; i < iterations; i++) {
		const long r = mode == FILES   ? files_round()
			       : mode == WRITE ? syscall(SYS_write, devnull, "x", 1)
					       : syscall(SYS_getppid);
		if (r > 0)
			++*done;
	}
	return NULL;
}

static long parse_count(const char *const s, const long max)
{
	char *end;
	const long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 1 && v <= max ? v : -1;
}

int main(const int argc, char **const argv)
{
	static pthread_t threads[MAX_THREADS];
	static long done[MAX_THREADS];
	long nthreads = 1;
	long total = 0;

	if (argc > 1)
		iterations = parse_count(argv[1], 1000L * 1000 * 1000);
	if (argc > 2) {
		if (strcmp(argv[2], "write") == 0)
			mode = WRITE;
		else if (strcmp(argv[2], "files") == 0)
			mode = FILES;
		else if (strcmp(argv[2], "getppid") != 0)
			iterations = -1;
	}
	if (argc > 3)
		nthreads = parse_count(argv[3], MAX_THREADS);
	if (iterations < 0 || nthreads < 0 || argc > 4) {
		fprintf(stderr, "usage: tp_loop [ITERATIONS [getppid|write|files [THREADS]]]\n");
		return 2;
	}
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	/* The main thread is worker 0; the others are extra threads. */
	for (long i = 1; i < nthreads; i++) {
		if (pthread_create(&threads[i], NULL, loop, &done[i]) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	}
	loop(&done[0]);
	for (long i = 1; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	for (long i = 0; i < nthreads; i++)
		total += done[i];
	printf("done %ld\n", total);
	return total == iterations * nthreads ? 0 : 1;
}
