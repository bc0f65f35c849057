/* tp_threads [N]: N threads (default 8) making syscalls concurrently.
 *
 * The threads wait at a barrier until all N exist, so the tracer sees N + 1
 * live tasks at once; then each does 100 rounds of getppid() and a 1-byte
 * write to /dev/null (raw syscalls), and the main thread joins them all.
 * stdout:
 *   total 2*N*100
 * Exit status 0 when all syscalls succeeded, 1 otherwise.
 * A correct trace (-f) has N + 1 tasks, N*100 getppid and N*100
 * write(N, "x", 1) = 1 lines, each thread ending "+++ exited with 0 +++". */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { DEFAULT_THREADS = 8, MAX_THREADS = 1000, ROUNDS = 100 };

static int devnull = -1;
static pthread_barrier_t all_started;

static void *worker(void *const arg)
{
	long *const done = arg;

	pthread_barrier_wait(&all_started);
	for (int i = 0; i < ROUNDS; i++) {
		if (syscall(SYS_getppid) > 0)
			++*done;
		if (syscall(SYS_write, devnull, "x", 1) == 1)
			++*done;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const long nthreads = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_THREADS;
	if (nthreads < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "usage: tp_threads [1..%d]\n", MAX_THREADS);
		return 2;
	}
	static pthread_t threads[MAX_THREADS];
	static long done[MAX_THREADS];
	long total = 0;

	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	pthread_barrier_init(&all_started, NULL, (unsigned)nthreads);
	for (long i = 0; i < nthreads; i++) {
		/* Small stacks: 200 threads must not need 1.6 GiB of address space. */
		pthread_attr_t attr;
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, 64 * 1024);
		const int err = pthread_create(&threads[i], &attr, worker, &done[i]);
		pthread_attr_destroy(&attr);
		if (err != 0) {
			fprintf(stderr, "pthread_create: error %d\n", err);
			return 1;
		}
	}
	for (long i = 0; i < nthreads; i++) {
		pthread_join(threads[i], NULL);
		total += done[i];
	}
	printf("total %ld\n", total);
	return total == 2L * nthreads * ROUNDS ? 0 : 1;
}
