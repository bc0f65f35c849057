/* tp_divergent CONFIG: a program whose runs differ in one way at a time,
 * for strdiff's tests. The environment chooses the way, so that the
 * command line (and, with one variable set in every run, the number of
 * variables execve shows) stays the same:
 *
 * 1. Opens CONFIG and reads it (when it is missing: writes "no config" to
 *    stderr and goes on).
 * 2. With TP_DIVERGENT_VERBOSE set, also stats "/" and writes "verbose" to
 *    stdout.
 * 3. Forks a child that exits 0, or with TP_DIVERGENT_KILL set raises
 *    SIGKILL; waits for it.
 * 4. Starts TP_DIVERGENT_THREADS threads (default 2) one after the other,
 *    each making one getppid and a 1-byte write to /dev/null, each joined
 *    before the next one is created.
 * 5. With TP_DIVERGENT_OFFSET set: makes a getpid, and seeks a memfd to
 *    that offset, or with "pid" to its own process id: a number that is a
 *    pid in one run and a mere offset in another.
 * Exit status 0 (1 on a usage error). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int devnull = -1;

static void *worker(void *arg)
{
	(void)arg;
	syscall(SYS_getppid);
	if (write(devnull, "x", 1) != 1)
		return (void *)1;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: tp_divergent CONFIG\n", stderr);
		return 1;
	}
	const char *const threads = getenv("TP_DIVERGENT_THREADS");
	const int nthreads = threads ? atoi(threads) : 2;
	const int kill_child = getenv("TP_DIVERGENT_KILL") != NULL;
	const char *const offset_text = getenv("TP_DIVERGENT_OFFSET");
	off_t offset = 0;
	if (offset_text && strcmp(offset_text, "pid") != 0) {
		char *end;
		errno = 0;
		offset = (off_t)strtoll(offset_text, &end, 10);
		if (errno || end == offset_text || *end || offset < 0) {
			fputs("tp_divergent: TP_DIVERGENT_OFFSET: not an offset\n", stderr);
			return 1;
		}
	}

	char buf[256];
	const int fd = open(argv[1], O_RDONLY);
	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf)) < 0)
			return 1;
		close(fd);
	} else {
		fputs("no config\n", stderr);
	}

	if (getenv("TP_DIVERGENT_VERBOSE")) {
		struct stat st;
		if (stat("/", &st) == 0 && write(1, "verbose\n", 8) != 8)
			return 1;
	}

	const pid_t child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		if (kill_child)
			raise(SIGKILL);
		_exit(0);
	}
	int status;
	if (waitpid(child, &status, 0) != child)
		return 1;

	devnull = open("/dev/null", O_WRONLY);
	for (int i = 0; i < nthreads; i++) {
		pthread_t t;
		void *ret;
		if (pthread_create(&t, NULL, worker, NULL) != 0 || pthread_join(t, &ret) != 0)
			return 1;
	}
	if (offset_text) {
		const pid_t self = getpid();
		if (!strcmp(offset_text, "pid"))
			offset = self;
		const int mem = memfd_create("tp_divergent", MFD_CLOEXEC);
		if (mem < 0 || lseek(mem, offset, SEEK_SET) != offset)
			return 1;
	}
	return 0;
}
