/* tp_untouched: system calls whose inputs lie in pages the program has not
 * touched yet, so that they are not mapped when the call enters.
 *
 * Usage: tp_untouched DIR
 * Writes DIR/strings (a path, a buffer, an argv), maps that file without
 * touching it, and passes pointers into the mapping (a fresh private
 * mapping of the file each time, so each call meets unmapped pages):
 *   openat(AT_FDCWD, "DIR/strings", O_RDONLY|O_CLOEXEC)  the path (succeeds)
 *   openat(AT_FDCWD, "/nonexistent", O_RDONLY|O_CLOEXEC) the path (ENOENT)
 *   write(1, "untouched buffer\n", 17)                   the buffer
 *   execve("/nonexistent", ["echo", "untouched"], envp)  path, argv (ENOENT)
 *   execve("/bin/echo", ["echo", "untouched", "argv"], envp)
 * stdout: "untouched buffer", then echo's "untouched argv". Exit status:
 * echo's (0); 1 when a setup step fails.
 *
 * A recorder reading memory as ptrace does (process_vm_readv faults the
 * pages in) sees every input; the bpf engine cannot fault pages in at entry
 * and must read them again at the exit (or, for the successful execve,
 * from the new image): its trace must show the same paths, buffer and
 * argv. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

enum { PAGE = 4096 };

/* The file: each string at the start of a page of its own. */
static const char *const strings[] = {
    "strings", /* the path is built from DIR below */
    "untouched buffer\n",
    "/nonexistent",
    "/bin/echo",
    "echo",
    "untouched",
    "argv",
};
enum { PATH, BUFFER, MISSING_EXE, ECHO, ARGV0, ARGV1, ARGV2, NSTRINGS };

static char path[PAGE];

/* A fresh, untouched private mapping of the file. */
static const char *map(void)
{
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	const void *const p = mmap(NULL, NSTRINGS * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static void unmap(const char *p)
{
	munmap((void *)p, NSTRINGS * PAGE);
}

int main(int argc, char **argv)
{
	if (argc != 2 ||
	    snprintf(path, sizeof(path), "%s/strings", argv[1]) >= (int)sizeof(path) - 1)
		return 1;
	/* the file: page i holds string i (the path's page: the full path) */
	static char page[PAGE];
	const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return 1;
	for (int i = 0; i < NSTRINGS; i++) {
		memset(page, 0, sizeof(page));
		strcpy(page, i == PATH ? path : strings[i]);
		if (write(fd, page, PAGE) != PAGE)
			return 1;
	}
	close(fd);

	const char *m = map();
	if (!m)
		return 1;
	const long opened = syscall(SYS_openat, AT_FDCWD, m + PATH * PAGE, O_RDONLY | O_CLOEXEC);
	unmap(m);
	if (opened < 0)
		return 1;
	close((int)opened);

	if (!(m = map()))
		return 1;
	syscall(SYS_openat, AT_FDCWD, m + MISSING_EXE * PAGE, O_RDONLY | O_CLOEXEC);
	unmap(m);

	if (!(m = map()))
		return 1;
	syscall(SYS_write, 1, m + BUFFER * PAGE, strlen(strings[BUFFER]));
	unmap(m);

	if (!(m = map()))
		return 1;
	const char *const failing_argv[] = {m + ARGV0 * PAGE, m + ARGV1 * PAGE, NULL};
	syscall(SYS_execve, m + MISSING_EXE * PAGE, failing_argv, environ);
	unmap(m);

	if (!(m = map()))
		return 1;
	const char *const echo_argv[] = {m + ARGV0 * PAGE, m + ARGV1 * PAGE, m + ARGV2 * PAGE,
					 NULL};
	syscall(SYS_execve, m + ECHO * PAGE, echo_argv, environ);
	return 1;
}
