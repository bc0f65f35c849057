/* tp_syscalls: everyday syscalls with success and failure paths.
 *
 * Usage: tp_syscalls [DIR]   (DIR defaults to /tmp)
 * Works in DIR/tp_syscalls.d (/tmp/tp_syscalls.<pid> without DIR), which it
 * creates and removes. Every call is
 * a raw syscall() so that each libc issues exactly the syscall named in the
 * label, with fixed arguments. Each step prints "<label>: ok" or
 * "<label>: <ERRNO NAME>"; the expected failures are part of the output:
 *   mkdir again: EEXIST, openat missing: ENOENT, newfstatat missing: ENOENT,
 *   ioctl TCGETS: ENOTTY, close again: EBADF, read bad fd: EBADF,
 *   access missing: ENOENT, unlink again: ENOENT, connect missing: ENOENT,
 *   rmdir again: ENOENT
 * and the last line is "failures 0". Exit status 0 when every step gave the
 * expected result, 1 otherwise (the line with "expected ..." says which).
 * Run it to see the full (deterministic) output; a correct trace contains
 * exactly the syscalls named by the labels, in that order, with those
 * results. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int failures;

static const char *errno_name(const int err)
{
	switch (err) {
	case 0:
		return "ok";
	case ENOENT:
		return "ENOENT";
	case EEXIST:
		return "EEXIST";
	case ENOTTY:
		return "ENOTTY";
	case EBADF:
		return "EBADF";
	case EINVAL:
		return "EINVAL";
	case EACCES:
		return "EACCES";
	default:
		return "other error";
	}
}

/* Prints the outcome of a syscall() that returned ret; want_errno 0 means
 * success is expected. Returns ret. */
static long check(const char *const label, const long ret, const int want_errno)
{
	const int got = ret == -1 ? errno : 0;

	if (got == want_errno) {
		printf("%s: %s\n", label, errno_name(got));
	} else {
		printf("%s: %s (errno %d), expected %s\n", label, errno_name(got), got,
		       errno_name(want_errno));
		failures++;
	}
	return ret;
}

/* Also checks a value that the call produced. */
static void expect(const char *const what, const int good)
{
	if (!good) {
		printf("%s: expected otherwise\n", what);
		failures++;
	}
}

static void files(void)
{
	static const char text[] = "hello, world\n";
	char buf[64];
	struct stat st;
	struct termios tio;

	long fd = check(
	    "openat create",
	    syscall(SYS_openat, AT_FDCWD, "file", O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644),
	    0);
	check("write", syscall(SYS_write, fd, text, sizeof(text) - 1), 0);
	check("close", syscall(SYS_close, fd), 0);
	check("openat missing", syscall(SYS_openat, AT_FDCWD, "missing", O_RDONLY), ENOENT);

	fd = check("openat", syscall(SYS_openat, AT_FDCWD, "file", O_RDONLY), 0);
	expect("read hello", check("read", syscall(SYS_read, fd, buf, 5), 0) == 5 &&
				 memcmp(buf, "hello", 5) == 0);
	expect("pread64 world", check("pread64", syscall(SYS_pread64, fd, buf, 5, 7), 0) == 5 &&
				    memcmp(buf, "world", 5) == 0);
	expect("lseek end", check("lseek", syscall(SYS_lseek, fd, 0, SEEK_END), 0) == 13);
	check("fstat", syscall(SYS_fstat, fd, &st), 0);
	expect("fstat size", st.st_size == 13);
	check("newfstatat", syscall(SYS_newfstatat, AT_FDCWD, "file", &st, 0), 0);
	expect("newfstatat size", st.st_size == 13 && S_ISREG(st.st_mode));
	check("newfstatat missing", syscall(SYS_newfstatat, AT_FDCWD, "missing", &st, 0), ENOENT);
	const long fd2 = check("dup", syscall(SYS_dup, fd), 0);
	expect("dup2 100", check("dup2", syscall(SYS_dup2, fd, 100), 0) == 100);
	const long fl = check("fcntl F_GETFL", syscall(SYS_fcntl, fd, F_GETFL), 0);
	expect("F_GETFL read-only", fl >= 0 && (fl & O_ACCMODE) == O_RDONLY);
	check("fcntl F_SETFD", syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC), 0);
	check("ioctl TCGETS", syscall(SYS_ioctl, fd, TCGETS, &tio), ENOTTY);
	check("close dup", syscall(SYS_close, fd2), 0);
	check("close dup2", syscall(SYS_close, 100), 0);
	check("close", syscall(SYS_close, fd), 0);
	check("close again", syscall(SYS_close, fd), EBADF);
	check("read bad fd", syscall(SYS_read, 999, buf, 1), EBADF);
}

static void pipes_and_memory(void)
{
	char a[2], b[2];
	int fds[2];
	const struct iovec out[2] = {{"ab", 2}, {"cd", 2}};
	const struct iovec in[2] = {{a, 2}, {b, 2}};

	check("pipe2", syscall(SYS_pipe2, fds, O_CLOEXEC), 0);
	expect("writev 4", check("writev", syscall(SYS_writev, fds[1], out, 2), 0) == 4);
	expect("readv abcd", check("readv", syscall(SYS_readv, fds[0], in, 2), 0) == 4 &&
				 memcmp(a, "ab", 2) == 0 && memcmp(b, "cd", 2) == 0);
	check("close pipe read end", syscall(SYS_close, fds[0]), 0);
	check("close pipe write end", syscall(SYS_close, fds[1]), 0);

	const long page = sysconf(_SC_PAGESIZE);
	char *const p = (char *)check("mmap",
				      syscall(SYS_mmap, NULL, 2 * page, PROT_READ | PROT_WRITE,
					      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
				      0);
	if (p == (char *)-1)
		return;
	p[0] = 'x';
	p[page] = 'y';
	check("mprotect", syscall(SYS_mprotect, p, page, PROT_READ), 0);
	check("munmap", syscall(SYS_munmap, p, 2 * page), 0);
}

static void names(void)
{
	char buf[64];

	check("symlink", syscall(SYS_symlink, "file", "link"), 0);
	const long n = check("readlink", syscall(SYS_readlink, "link", buf, sizeof(buf)), 0);
	expect("readlink target", n == 4 && memcmp(buf, "file", 4) == 0);
	check("rename", syscall(SYS_rename, "file", "file2"), 0);
	check("access", syscall(SYS_access, "file2", R_OK), 0);
	check("access missing", syscall(SYS_access, "file", F_OK), ENOENT);
	check("unlink link", syscall(SYS_unlink, "link"), 0);
	check("unlink", syscall(SYS_unlink, "file2"), 0);
	check("unlink again", syscall(SYS_unlink, "file2"), ENOENT);
}

static void process(void)
{
	struct utsname uts;
	struct timespec ts;
	struct rlimit64 {
		unsigned long long cur, max;
	} lim;
	unsigned long set = 1UL << (SIGUSR2 - 1), old = 0;
	unsigned char random[4];

	const long old_mask = check("umask", syscall(SYS_umask, 022), 0);
	check("umask restore", syscall(SYS_umask, old_mask), 0);
	check("uname", syscall(SYS_uname, &uts), 0);
	expect("uname Linux", strcmp(uts.sysname, "Linux") == 0);
	check("getuid", syscall(SYS_getuid), 0);
	check("getgid", syscall(SYS_getgid), 0);
	check("geteuid", syscall(SYS_geteuid), 0);
	check("clock_gettime", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts), 0);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000 * 1000;
	check("nanosleep", syscall(SYS_nanosleep, &ts, NULL), 0);
	check("kill 0", syscall(SYS_kill, getpid(), 0), 0);
	/* The kernel's sigset is 8 bytes on x86_64, not glibc's 128. */
	check("rt_sigprocmask block", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 8), 0);
	check("rt_sigprocmask restore", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8), 0);
	expect("getrandom 4", check("getrandom", syscall(SYS_getrandom, random, 4, 0), 0) == 4);
	check("prlimit64", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &lim), 0);
	expect("prlimit64 nofile", lim.cur >= 3 && lim.cur <= lim.max);
}

static void sockets(void)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX, .sun_path = "sock"};
	const socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 5);
	struct sockaddr_un missing = {.sun_family = AF_UNIX, .sun_path = "nosock"};
	char buf[8];
	int sv[2];

	check("socketpair", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	check("write socketpair", syscall(SYS_write, sv[0], "ping", 4), 0);
	expect("read pong",
	       check("read socketpair", syscall(SYS_read, sv[1], buf, sizeof(buf)), 0) == 4 &&
		   memcmp(buf, "ping", 4) == 0);
	check("close socketpair 0", syscall(SYS_close, sv[0]), 0);
	check("close socketpair 1", syscall(SYS_close, sv[1]), 0);

	const long server = check("socket", syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 0);
	check("bind", syscall(SYS_bind, server, &addr, len), 0);
	const long client = check("socket client", syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 0);
	check("connect missing",
	      syscall(SYS_connect, client, &missing,
		      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 7)),
	      ENOENT);
	check("connect", syscall(SYS_connect, client, &addr, len), 0);
	check("write datagram", syscall(SYS_write, client, "dgram", 5), 0);
	expect("read dgram",
	       check("read datagram", syscall(SYS_read, server, buf, sizeof(buf)), 0) == 5 &&
		   memcmp(buf, "dgram", 5) == 0);
	check("close client", syscall(SYS_close, client), 0);
	check("close server", syscall(SYS_close, server), 0);
	check("unlink sock", syscall(SYS_unlink, "sock"), 0);
}

int main(const int argc, char **const argv)
{
	char dir[4096], cwd[4096];
	/* in a directory of the caller's, a name that is the same from run to
	 * run: getcwd's result is its length, which a pid would change when
	 * two runs' pids differ in digits; in the shared /tmp, made unique */
	const int n = argc > 1 ? snprintf(dir, sizeof(dir), "%s/tp_syscalls.d", argv[1])
			       : snprintf(dir, sizeof(dir), "/tmp/tp_syscalls.%d", (int)getpid());
	if (argc > 2 || n < 0 || (size_t)n >= sizeof(dir)) {
		fprintf(stderr, "usage: tp_syscalls [DIR]\n");
		return 2;
	}
	/* Line-buffered so that the output interleaves with nothing else. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (check("mkdir", syscall(SYS_mkdir, dir, 0700), 0) < 0)
		return 1;
	check("mkdir again", syscall(SYS_mkdir, dir, 0700), EEXIST);
	check("chdir", syscall(SYS_chdir, dir), 0);
	check("getcwd", syscall(SYS_getcwd, cwd, sizeof(cwd)), 0);

	files();
	pipes_and_memory();
	names();
	process();
	sockets();

	check("chdir ..", syscall(SYS_chdir, ".."), 0);
	check("rmdir", syscall(SYS_rmdir, dir), 0);
	check("rmdir again", syscall(SYS_rmdir, dir), ENOENT);
	printf("failures %d\n", failures);
	return failures == 0 ? 0 : 1;
}
