/* tp_fam_cloexec: descriptors across exec, for strep -y. Opens /etc/hostname
 * twice (with and without O_CLOEXEC, also a CLOEXEC pipe and an F_SETFD'd
 * dup), execs itself, and the new image reads from each number: the
 * close-on-exec ones fail with EBADF and strace -y shows them without a
 * path; the others still name /etc/hostname. argv[1]: scratch directory
 * (unused); prints "ok", exits 0. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[2], "after-exec") == 0) {
		char byte;
		/* 10, 12, 13 were close-on-exec; 11 and 14 survive */
		for (int fd = 10; fd <= 14; fd++)
			if (read(fd, &byte, 1) < 0 && fd != 10 && fd != 12 && fd != 13)
				return 1;
		puts("ok");
		return 0;
	}
	const int a = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
	const int b = open("/etc/hostname", O_RDONLY);
	int p[2];
	if (a < 0 || b < 0 || pipe2(p, O_CLOEXEC) < 0)
		return 1;
	/* fixed numbers so that the trace does not depend on what was open */
	if (dup3(a, 10, O_CLOEXEC) < 0 || dup2(b, 11) < 0 || dup3(p[0], 12, O_CLOEXEC) < 0 ||
	    dup2(b, 13) < 0 || fcntl(13, F_SETFD, FD_CLOEXEC) < 0 || dup2(b, 14) < 0)
		return 1;
	execl("/proc/self/exe", argv[0], argc > 1 ? argv[1] : ".", "after-exec", (char *)NULL);
	return 1;
}
