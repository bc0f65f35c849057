/* tp_threads: 8 threads making syscalls concurrently.
 *
 * Each thread does 100 rounds of getppid() and a 1-byte write to /dev/null
 * (raw syscalls), then the main thread joins them all. stdout:
 *   total 1600
 * Exit status 0 when all 1600 syscalls succeeded, 1 otherwise.
 * A correct trace (-f) has 9 tasks, 800 getppid and 800 write(N, "x", 1) = 1
 * lines, each thread ending "+++ exited with 0 +++". */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { NTHREADS = 8, ROUNDS = 100 };

static int devnull = -1;

static void *worker(void *const arg)
{
	long *const done = arg;

	for (int i = 0; i < ROUNDS; i++) {
		if (syscall(SYS_getppid) > 0)
			++*done;
		if (syscall(SYS_write, devnull, "x", 1) == 1)
			++*done;
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NTHREADS];
	long done[NTHREADS] = {0};
	long total = 0;

	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	for (int i = 0; i < NTHREADS; i++) {
		const int err = pthread_create(&threads[i], NULL, worker, &done[i]);
		if (err != 0) {
			fprintf(stderr, "pthread_create: error %d\n", err);
			return 1;
		}
	}
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(threads[i], NULL);
		total += done[i];
	}
	printf("total %ld\n", total);
	return total == 2L * NTHREADS * ROUNDS ? 0 : 1;
}
