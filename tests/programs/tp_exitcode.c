/* tp_exitcode: exits with the code given as argv[1] (default 42).
 *
 * Before exiting it makes a few plain syscalls (getpid, getppid, write) so a
 * trace is not empty. stdout: "exiting with N". Exit status: N & 255.
 * A correct trace ends with "exit_group(N) = ?" and "+++ exited with N +++". */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(const int argc, char **const argv)
{
	int code = 42;

	if (argc > 1) {
		char *end;
		const long v = strtol(argv[1], &end, 10);

		if (*argv[1] == '\0' || *end != '\0') {
			fprintf(stderr, "usage: tp_exitcode [CODE]\n");
			return 2;
		}
		code = (int)(v & 255);
	}
	/* Raw calls so that every libc issues exactly these syscalls. */
	(void)syscall(SYS_getpid);
	(void)syscall(SYS_getppid);
	char buf[32];
	const int n = snprintf(buf, sizeof(buf), "exiting with %d\n", code);
	if (write(STDOUT_FILENO, buf, (size_t)n) != n)
		return 100;
	exit(code);
}
