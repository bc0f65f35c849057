/* tp_fam_io: descriptors and I/O system calls, each on a success and a
 * failure path, for the differential test against strace.
 *
 * Usage: tp_fam_io DIR
 * Works in DIR (files io.a, io.b, removed at the end). Calls are raw
 * syscall()s wherever a libc could issue another call than the one named.
 * Deterministic: no timing-dependent values (timers stay disarmed, polls
 * never wait), no output. Exit status 0. */
#include <errno.h>
#include <fcntl.h>
#include <linux/counter.h>
#include <linux/io_uring.h>
#include <linux/random.h>
#include <linux/watchdog.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tp_expect.h"

#ifndef F_OFD_GETLK
#define F_OFD_GETLK  36
#define F_OFD_SETLK  37
#define F_OFD_SETLKW 38
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC 4
#endif
/* <linux/fs.h>'s, which clashes with <fcntl.h> */
#ifndef FS_IOC_GETFLAGS
#define FS_IOC_GETFLAGS	  _IOR('f', 1, long)
#define FS_IOC_SETFLAGS	  _IOW('f', 2, long)
#define FS_IOC32_GETFLAGS _IOR('f', 1, int)
#define FS_IOC32_SETFLAGS _IOW('f', 2, int)
#define FS_APPEND_FL	  0x20
#define FS_NOATIME_FL	  0x80
#endif
/* <linux/inotify.h>'s, which clashes with <fcntl.h> too */
#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int)
#endif
#ifndef RWF_DSYNC
#define RWF_DSYNC 2
#endif
#ifndef RWF_HIPRI
#define RWF_HIPRI 1
#endif

/* Static buffers: their addresses, printed on failure paths, do not depend
 * on the stack. */
static char buf[256];
static char buf2[64];
static struct iovec huge_iov[2] = {{NULL, 0x7fffffffffffffff}, {NULL, 0x7fffffffffffffff}};
static const char text[] = "hello, io family\n";
static const char longtext[] = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ\n";

#define BADFD  999
#define BADPTR ((void *)8)

static void rw_calls(void)
{
	const int fd = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDWR | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, fd, text, sizeof(text) - 1);
	syscall(SYS_write, fd, longtext, sizeof(longtext) - 1);
	syscall(SYS_write, fd, "\0\1\2\377bin\t", 8);
	syscall(SYS_write, BADFD, text, 4);
	syscall(SYS_write, fd, BADPTR, 4);
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_read, fd, buf, 5);
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_read, fd, buf, sizeof(buf)); /* EOF: 0 */
	syscall(SYS_read, BADFD, buf, 4);
	syscall(SYS_read, fd, NULL, 0);
	syscall(SYS_pwrite64, fd, "PW", 2, 3);
	syscall(SYS_pwrite64, fd, "PW", 2, -1);
	syscall(SYS_pwrite64, BADFD, "PW", 2, 0);
	syscall(SYS_pread64, fd, buf, 10, 1);
	syscall(SYS_pread64, fd, buf, 10, 100000);
	syscall(SYS_pread64, BADFD, buf, 10, 0);

	syscall(SYS_lseek, fd, 4, SEEK_CUR);
	syscall(SYS_lseek, fd, -2, SEEK_END);
	syscall(SYS_lseek, fd, 0, 7);
	syscall(SYS_lseek, fd, -100, SEEK_SET);
	syscall(SYS_lseek, fd, 0, SEEK_DATA);
	syscall(SYS_lseek, fd, 0, SEEK_HOLE);

	struct iovec wv[3] = {
	    {(void *)"vec-one ", 8},
	    {(void *)"vec-two\n", 8},
	    {(void *)"", 0},
	};
	syscall(SYS_writev, fd, wv, 3);
	syscall(SYS_writev, BADFD, wv, 2);
	syscall(SYS_writev, fd, BADPTR, 2);
	syscall(SYS_writev, fd, huge_iov, 2); /* lengths overflowing ssize_t */
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	struct iovec rv[2] = {{buf, 4}, {buf2, 6}};
	syscall(SYS_readv, fd, rv, 2);
	syscall(SYS_readv, BADFD, rv, 2);
	syscall(SYS_pwritev, fd, wv, 2, 0, 0);
	syscall(SYS_pwritev, fd, wv, 2, 5, 0);
	syscall(SYS_pwritev, BADFD, wv, 2, 0, 0);
	syscall(SYS_preadv, fd, rv, 2, 2, 0);
	syscall(SYS_preadv, fd, rv, 2, 1000000, 0);
	syscall(SYS_preadv, BADFD, rv, 2, 0, 0);
	syscall(SYS_pwritev2, fd, wv, 2, 1, 0, RWF_DSYNC);
	syscall(SYS_pwritev2, fd, wv, 2, -1, 0, 0);
	syscall(SYS_preadv2, fd, rv, 2, 0, 0, 0);
	syscall(SYS_preadv2, fd, rv, 1, 0, 0, RWF_HIPRI);
	syscall(SYS_preadv2, fd, rv, 2, 0, 0, 0x100);
	syscall(SYS_pwritev2, BADFD, wv, 2, 0, 0, 0);
	/* no vectors: [] without reading; vectors that run into an unmapped
	 * page: those before it, then "... /" "* where it begins *" "/" */
	syscall(SYS_pwritev, fd, wv, 0, 0, 0);
	char *const edge = mmap((void *)0x300000000ul, 8192, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (edge != MAP_FAILED) {
		munmap(edge + 4096, 4096);
		struct iovec *const last = (struct iovec *)(edge + 4096) - 1;
		*last = wv[0];
		syscall(SYS_writev, fd, last, 2);
		munmap(edge, 4096);
	}
	syscall(SYS_preadv2, BADFD, rv, 2, 0, 0, 0);
	/* a longer vector, abbreviated by strace */
	struct iovec many[40];
	for (int i = 0; i < 40; i++) {
		many[i].iov_base = buf + i;
		many[i].iov_len = 1;
	}
	syscall(SYS_writev, fd, many, 40);
	/* strace reads -s + 1 bytes of a longer buffer: 32 before an unmapped
	 * page print as the address, 33 as the string (EBADF: nothing written) */
	char *const tail32 = page_tail(32);
	if (tail32) {
		memset(tail32, 'X', 32);
		struct iovec long_iov = {.iov_base = tail32, .iov_len = (size_t)-1};
		syscall(SYS_writev, BADFD, &long_iov, 1);
		long_iov.iov_base = tail32 - 1;
		syscall(SYS_writev, BADFD, &long_iov, 1);
		syscall(SYS_write, BADFD, tail32, 64);
		syscall(SYS_write, BADFD, tail32 - 1, 64);
	}

	syscall(SYS_close, fd);
	syscall(SYS_close, fd);
}

static void fd_calls(void)
{
	const int fd = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDONLY);
	const int d = (int)syscall(SYS_dup, fd);
	syscall(SYS_dup, BADFD);
	syscall(SYS_dup2, fd, 20);
	syscall(SYS_dup2, fd, fd);
	syscall(SYS_dup2, BADFD, 21);
	syscall(SYS_dup3, fd, 21, O_CLOEXEC);
	syscall(SYS_dup3, fd, 22, 0);
	syscall(SYS_dup3, fd, fd, 0);
	syscall(SYS_dup3, fd, 23, O_NONBLOCK);
	syscall(SYS_close_range, 20, 22, CLOSE_RANGE_CLOEXEC);
	syscall(SYS_close_range, 20, 22, 0);
	syscall(SYS_close_range, 30, 20, 0);
	syscall(SYS_close_range, 40, ~0u, 0x80);
	syscall(SYS_close, d);

	int p[2];
	syscall(SYS_pipe, p);
	syscall(SYS_pipe, BADPTR);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK);
	syscall(SYS_pipe2, p + 0, 0x1); /* EINVAL */
	syscall(SYS_pipe2, BADPTR, 0);
	syscall(SYS_lseek, p[0], 0, SEEK_SET);

	/* fcntl, command by command */
	syscall(SYS_fcntl, fd, F_DUPFD, 30);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 31);
	syscall(SYS_fcntl, fd, F_DUPFD, -1);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, 31, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, 0);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, p[1], F_GETFL);
	syscall(SYS_fcntl, p[0], F_SETFL, O_RDONLY);
	syscall(SYS_fcntl, p[0], F_SETFL, O_NONBLOCK | O_APPEND);
	syscall(SYS_fcntl, BADFD, F_GETFL);
	syscall(SYS_fcntl, p[0], F_GETPIPE_SZ);
	/* sizes above pid_max (32768 on 2 CPUs): the difftest reads numbers in
	 * fcntl lines as pids when a task has that pid */
	syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, 1048576);
	syscall(SYS_fcntl, fd, F_GETPIPE_SZ);
	syscall(SYS_fcntl, p[0], F_SETOWN, 0);
	syscall(SYS_fcntl, p[0], F_GETOWN);
	syscall(SYS_fcntl, p[0], F_SETOWN, getpid());
	syscall(SYS_fcntl, p[0], F_GETOWN);
	syscall(SYS_fcntl, p[0], F_SETOWN, -getpgrp());
	syscall(SYS_fcntl, p[0], F_SETOWN, 0);
	syscall(SYS_fcntl, p[0], F_SETSIG, SIGUSR1);
	syscall(SYS_fcntl, p[0], F_GETSIG);
	syscall(SYS_fcntl, p[0], F_SETSIG, 0);
	syscall(SYS_fcntl, fd, F_GETLEASE);
	syscall(SYS_fcntl, fd, 0x7ffffff0, 0);
	syscall(SYS_fcntl, 30, F_SETFD, FD_CLOEXEC | 2);
	syscall(SYS_close, 30);
	syscall(SYS_close, 31);

	const int wfd = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDWR | O_APPEND);
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
	syscall(SYS_fcntl, wfd, F_SETLK, &fl);
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_CUR;
	fl.l_start = 2;
	fl.l_len = 0;
	syscall(SYS_fcntl, wfd, F_GETLK, &fl);
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 10;
	syscall(SYS_fcntl, wfd, F_SETLKW, &fl);
	syscall(SYS_fcntl, wfd, F_SETLK, BADPTR);
	fl.l_type = F_WRLCK;
	syscall(SYS_fcntl, fd, F_SETLK, &fl); /* EBADF: read-only */
	struct flock ofd = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 5};
	syscall(SYS_fcntl, wfd, F_OFD_SETLK, &ofd);
	ofd.l_type = F_WRLCK;
	syscall(SYS_fcntl, wfd, F_OFD_GETLK, &ofd);
	ofd.l_type = F_UNLCK;
	syscall(SYS_fcntl, wfd, F_OFD_SETLKW, &ofd);
	ofd.l_pid = 1;
	syscall(SYS_fcntl, wfd, F_OFD_SETLK, &ofd); /* EINVAL: l_pid must be 0 */

	syscall(SYS_flock, wfd, LOCK_SH);
	syscall(SYS_flock, wfd, LOCK_EX | LOCK_NB);
	syscall(SYS_flock, wfd, LOCK_UN);
	syscall(SYS_flock, BADFD, LOCK_EX);
	syscall(SYS_flock, wfd, 0);

	syscall(SYS_close, wfd);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_close, fd);
}

/* Terminal ioctls on a pseudo-terminal. */
static void tty_calls(void)
{
	const int m = (int)syscall(SYS_openat, AT_FDCWD, "/dev/ptmx", O_RDWR | O_NOCTTY);
	unsigned int ptn = 0;
	int unlock = 0;
	syscall(SYS_ioctl, m, TIOCSPTLCK, &unlock);
	syscall(SYS_ioctl, m, TIOCGPTN, &ptn);
	char name[32] = "/dev/pts/";
	{
		char digits[12];
		int n = 0;
		unsigned v = ptn;
		do {
			digits[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		size_t k = strlen(name);
		while (n)
			name[k++] = digits[--n];
		name[k] = '\0';
	}
	const int s = (int)syscall(SYS_openat, AT_FDCWD, name, O_RDWR | O_NOCTTY);
	struct termios t;
	syscall(SYS_ioctl, s, TCGETS, &t);
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	syscall(SYS_ioctl, s, TCSETS, &t);
	syscall(SYS_ioctl, s, TCSETSW, &t);
	t.c_lflag |= ECHO | ICANON;
	syscall(SYS_ioctl, s, TCSETSF, &t);
	syscall(SYS_ioctl, s, TCGETS, &t);
	syscall(SYS_ioctl, s, TCGETS, BADPTR);
	/* the old struct termio, and the locked termios (this is root's) */
	struct termio tio;
	syscall(SYS_ioctl, s, TCGETA, &tio);
	syscall(SYS_ioctl, s, TCSETA, &tio);
	syscall(SYS_ioctl, s, TCSETAW, BADPTR);
	syscall(SYS_ioctl, s, TIOCGLCKTRMIOS, &t);
	syscall(SYS_ioctl, s, TIOCSLCKTRMIOS, &t);
	struct winsize ws = {.ws_row = 24, .ws_col = 80, .ws_xpixel = 0, .ws_ypixel = 0};
	syscall(SYS_ioctl, s, TIOCSWINSZ, &ws);
	memset(&ws, 0, sizeof(ws));
	syscall(SYS_ioctl, s, TIOCGWINSZ, &ws);
	syscall(SYS_ioctl, s, TIOCGWINSZ, BADPTR);
	pid_t pg = 0;
	syscall(SYS_ioctl, s, TIOCGPGRP, &pg); /* not our controlling tty */
	pg = 1;
	syscall(SYS_ioctl, s, TIOCSPGRP, &pg);
	/* nothing written: what the line discipline holds would be racy */
	int avail = -1;
	syscall(SYS_ioctl, s, FIONREAD, &avail);
	int on = 1;
	syscall(SYS_ioctl, s, FIONBIO, &on);
	on = 0;
	syscall(SYS_ioctl, s, FIONBIO, &on);
	syscall(SYS_ioctl, s, FIOCLEX);
	syscall(SYS_ioctl, s, FIONCLEX);
	/* modem lines: a pty has none (the calls fail), so their values are
	 * printed from entry only; TIOCMGET's failure shows its address */
	unsigned lines = TIOCM_DTR | TIOCM_RTS | 0x10000;
	syscall(SYS_ioctl, s, TIOCMSET, &lines);
	syscall(SYS_ioctl, s, TIOCMBIS, &lines);
	lines = 0;
	syscall(SYS_ioctl, s, TIOCMBIC, &lines);
	syscall(SYS_ioctl, s, TIOCMGET, &lines);
	syscall(SYS_ioctl, s, TIOCMSET, BADPTR);
	/* watchdog commands on a bad descriptor: the timeout is read at entry,
	 * the status would be written */
	int wd = 30;
	syscall(SYS_ioctl, BADFD, WDIOC_SETTIMEOUT, &wd);
	syscall(SYS_ioctl, BADFD, WDIOC_GETSTATUS, &wd);
	syscall(SYS_ioctl, BADFD, WDIOC_KEEPALIVE, 0);
	syscall(SYS_ioctl, BADFD, WDIOC_SETOPTIONS, &wd);
	syscall(SYS_ioctl, BADFD, TCGETS, &t);
	syscall(SYS_ioctl, s, 0x1234abcd, 0x42);
	syscall(SYS_ioctl, s, _IOR('x', 7, int), BADPTR);

	/* a child whose controlling terminal this becomes: the process group
	 * calls succeed there. Its SIGCHLD is blocked and then taken with
	 * sigtimedwait, so that it is printed at the same place in every run
	 * (delivered, it lands before or after wait4's line as it happens). */
	uint64_t chld = 1ull << (SIGCHLD - 1);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &chld, NULL, 8);
	const pid_t child = fork();
	if (child == 0) {
		syscall(SYS_setsid);
		syscall(SYS_ioctl, s, TIOCSCTTY, 0);
		pid_t g = 0;
		syscall(SYS_ioctl, s, TIOCGPGRP, &g);
		syscall(SYS_ioctl, s, TIOCSPGRP, &g);
		syscall(SYS_exit_group, 0);
	}
	int status;
	syscall(SYS_wait4, child, &status, 0, NULL);
	siginfo_t info;
	const struct timespec now = {0, 0};
	syscall(SYS_rt_sigtimedwait, &chld, &info, &now, 8);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &chld, NULL, 8);
	syscall(SYS_close, s);
	syscall(SYS_close, m);
	const int f = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDONLY);
	syscall(SYS_ioctl, f, TCGETS, &t);
	syscall(SYS_ioctl, f, FIONREAD, &avail);
	syscall(SYS_close, f);
}

/* Device ioctls (decode_ioctl.c): on /dev/null, a file, an inotify
 * descriptor, an eventfd, through NULL and unreadable pointers. */
static void dev_ioctl_calls(void)
{
	const int null = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
	const int f = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDONLY);
	const int efd = (int)syscall(SYS_eventfd2, 0, 0);
	const int ifd = (int)syscall(SYS_inotify_init1, 0);
	unsigned int fl = 0;
	syscall(SYS_ioctl, f, FS_IOC_GETFLAGS, &fl); /* succeeds or not as the file system says */
	syscall(SYS_ioctl, null, FS_IOC_GETFLAGS, &fl);
	syscall(SYS_ioctl, null, FS_IOC32_GETFLAGS, NULL);
	fl = 0x0d000000; /* no known flag */
	syscall(SYS_ioctl, BADFD, FS_IOC_SETFLAGS, &fl);
	fl = FS_APPEND_FL | FS_NOATIME_FL | 0x4000000;
	syscall(SYS_ioctl, BADFD, FS_IOC32_SETFLAGS, &fl);
	syscall(SYS_ioctl, BADFD, FS_IOC_SETFLAGS, NULL);
	syscall(SYS_ioctl, BADFD, FS_IOC_SETFLAGS, BADPTR);
	syscall(SYS_ioctl, null, _IOC(_IOC_READ, 'f', 0xfe, 4), &fl);
	struct counter_watch w = {
	    .component = {.type = COUNTER_COMPONENT_COUNT,
			  .scope = COUNTER_SCOPE_SIGNAL,
			  .parent = 3,
			  .id = 200},
	    .event = COUNTER_EVENT_INDEX,
	    .channel = 7,
	};
	syscall(SYS_ioctl, null, COUNTER_ADD_WATCH_IOCTL, &w);
	w.component.type = 9;
	w.component.scope = 4;
	w.event = 0x42;
	syscall(SYS_ioctl, efd, COUNTER_ADD_WATCH_IOCTL, &w);
	syscall(SYS_ioctl, efd, COUNTER_ADD_WATCH_IOCTL, NULL);
	syscall(SYS_ioctl, efd, COUNTER_ADD_WATCH_IOCTL, BADPTR);
	syscall(SYS_ioctl, efd, COUNTER_ENABLE_EVENTS_IOCTL, 0x55);
	syscall(SYS_ioctl, efd, COUNTER_DISABLE_EVENTS_IOCTL);
	syscall(SYS_ioctl, efd, _IOW('>', 9, int), &fl);
	syscall(SYS_ioctl, ifd, INOTIFY_IOC_SETNEXTWD, 5);
	syscall(SYS_ioctl, ifd, INOTIFY_IOC_SETNEXTWD, -1);
	syscall(SYS_ioctl, BADFD, INOTIFY_IOC_SETNEXTWD, 0x12345678);
	int cnt = 6;
	syscall(SYS_ioctl, null, RNDGETENTCNT, &cnt);
	syscall(SYS_ioctl, null, RNDADDTOENTCNT, &cnt);
	syscall(SYS_ioctl, null, RNDADDTOENTCNT, BADPTR);
	syscall(SYS_ioctl, null, RNDZAPENTCNT);
	syscall(SYS_ioctl, null, RNDCLEARPOOL, 0x99);
	syscall(SYS_ioctl, null, RNDRESEEDCRNG);
	syscall(SYS_close, ifd);
	syscall(SYS_close, efd);
	syscall(SYS_close, f);
	syscall(SYS_close, null);
}

static void poll_calls(void)
{
	int p[2];
	syscall(SYS_pipe2, p, 0);
	syscall(SYS_write, p[1], "x", 1);
	int avail = -1;
	syscall(SYS_ioctl, p[0], FIONREAD, &avail);
	struct pollfd pf[3] = {
	    {.fd = p[0], .events = POLLIN | POLLPRI},
	    {.fd = p[1], .events = POLLOUT},
	    {.fd = BADFD, .events = POLLIN},
	};
	syscall(SYS_poll, pf, 3, 0);
	pf[2].fd = -1;
	syscall(SYS_poll, pf + 1, 2, 0);
	syscall(SYS_poll, NULL, 0, 0);
	syscall(SYS_poll, BADPTR, 1, 0);
	/* an array running into an unmapped page */
	struct pollfd *const tail = page_tail(sizeof(*tail));
	if (tail) {
		*tail = pf[0];
		syscall(SYS_poll, tail, 2, 0);
	}
	struct timespec ts = {0, 0};
	uint64_t mask = 1ull << (SIGUSR2 - 1);
	syscall(SYS_ppoll, pf, 2, &ts, &mask, 8);
	syscall(SYS_ppoll, pf + 1, 1, &ts, NULL, 8);
	syscall(SYS_ppoll, pf, 1, &ts, &mask, 4);
	/* an invalid timeout: strace prints tv_nsec unsigned (EINVAL) */
	const struct timespec bad_ts = {0, -1};
	syscall(SYS_ppoll, pf, 1, &bad_ts, NULL, 8);

	fd_set rd, wr;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	FD_SET(1, &wr);
	struct timeval tv = {0, 0};
	syscall(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv);
	FD_ZERO(&rd);
	syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
	syscall(SYS_select, -1, &rd, NULL, NULL, &tv);
	/* a set of one long before an unmapped page, for 65 descriptors: the
	 * kernel (its descriptor table grown past 64, whatever was inherited)
	 * and strace read two longs (EFAULT, the address) */
	unsigned long *const short_set = page_tail(sizeof(unsigned long));
	if (short_set && syscall(SYS_dup2, p[0], 100) == 100) {
		syscall(SYS_close, 100);
		*short_set = 1ul << 3;
		syscall(SYS_select, 65, short_set, NULL, NULL, &tv);
		syscall(SYS_select, 64, short_set, NULL, NULL, &tv);
	}
	/* the same set as all three, which the call rewrites (the write end
	 * is writable only): its input is what the call was given, though
	 * a 128-byte read of it fails at the page's end */
	if (short_set) {
		*short_set = 1ul << p[1];
		syscall(SYS_select, p[1] + 1, short_set, short_set, short_set, &tv);
	}
	FD_SET(p[0], &rd);
	struct {
		const void *ss;
		size_t len;
	} sm = {&mask, 8};
	syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, &sm);
	FD_SET(BADFD - 900, &rd);
	syscall(SYS_pselect6, BADFD - 899, &rd, NULL, NULL, &ts, NULL);
	syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, BADPTR);

	/* epoll */
	const int ep = (int)syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_epoll_create1, 1);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x1122334455667788ull};
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	ev.events = EPOLLIN | EPOLLRDHUP;
	ev.data.fd = p[0];
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, p[0], &ev);
	struct epoll_event ev2 = {.events = EPOLLOUT, .data.u64 = 7};
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev2);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, BADFD, &ev2);
	struct epoll_event out[4];
	syscall(SYS_epoll_wait, ep, out, 4, 0);
	syscall(SYS_epoll_wait, ep, out, 0, 0);
	syscall(SYS_epoll_pwait, ep, out, 4, 0, &mask, 8);
	syscall(SYS_epoll_pwait, ep, out, 4, 0, NULL, 8);
	syscall(SYS_epoll_pwait2, ep, out, 4, &ts, &mask, 8);
	syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8);
	syscall(SYS_epoll_pwait, p[1], out, 4, 0, NULL, 8); /* not an epoll: EINVAL */
	syscall(SYS_epoll_pwait2, BADFD, out, 4, &ts, NULL, 8);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[1], NULL);
	/* DEL ignores its event: strace prints the pointer, not the struct */
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[1], &ev2);
	syscall(SYS_epoll_wait, BADFD, out, 4, 0);
	syscall(SYS_read, p[0], buf, 1);
	syscall(SYS_epoll_wait, ep, out, 4, 0);
	syscall(SYS_close, ep);

	/* eventfd, timerfd, signalfd */
	const int efd = (int)syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
	uint64_t val = 5;
	syscall(SYS_write, efd, &val, 8);
	syscall(SYS_read, efd, &val, 8);
	syscall(SYS_read, efd, &val, 8);
	syscall(SYS_eventfd2, 0, 0x4);
	syscall(SYS_close, efd);
	const int tfd =
	    (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	syscall(SYS_timerfd_create, 12345, 0);
	struct itimerspec its = {.it_interval = {1, 500}, .it_value = {0, 0}}, old;
	syscall(SYS_timerfd_settime, tfd, 0, &its, &old);
	syscall(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME, &its, NULL);
	its.it_value.tv_nsec = 2000000000;
	syscall(SYS_timerfd_settime, tfd, 0, &its, NULL);
	syscall(SYS_timerfd_gettime, tfd, &old);
	syscall(SYS_timerfd_gettime, BADFD, &old);
	syscall(SYS_read, tfd, &val, 8);
	syscall(SYS_close, tfd);
	uint64_t sigs = (1ull << (SIGUSR1 - 1)) | (1ull << (SIGCHLD - 1));
	const int sfd = (int)syscall(SYS_signalfd4, -1, &sigs, 8, SFD_CLOEXEC);
	syscall(SYS_signalfd4, sfd, &sigs, 8, 0);
	syscall(SYS_signalfd4, -1, &sigs, 4, 0);
	syscall(SYS_signalfd4, BADFD, &sigs, 8, SFD_NONBLOCK);
	syscall(SYS_close, sfd);

	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
}

static void copy_calls(void)
{
	const int in = (int)syscall(SYS_openat, AT_FDCWD, "io.a", O_RDONLY);
	const int out =
	    (int)syscall(SYS_openat, AT_FDCWD, "io.b", O_RDWR | O_CREAT | O_TRUNC, 0600);
	off_t off = 2;
	syscall(SYS_sendfile, out, in, &off, 10);
	syscall(SYS_sendfile, out, in, NULL, 5);
	syscall(SYS_sendfile, out, BADFD, NULL, 5);
	syscall(SYS_sendfile, in, out, &off, 5);
	/* at the end of the file (nothing sent: no new offset), past 2^63 */
	off = 1 << 20;
	syscall(SYS_sendfile, out, in, &off, 5);
	off = (off_t)0xcafef00dbadc0dedull;
	syscall(SYS_sendfile, out, in, &off, 5);

	int p[2], q[2];
	syscall(SYS_pipe2, p, 0);
	syscall(SYS_pipe2, q, 0);
	off = 0;
	syscall(SYS_splice, in, &off, p[1], NULL, 12, SPLICE_F_MOVE);
	syscall(SYS_tee, p[0], q[1], 6, SPLICE_F_NONBLOCK);
	syscall(SYS_tee, p[0], out, 6, 0);
	syscall(SYS_splice, p[0], NULL, out, NULL, 4, SPLICE_F_MORE | SPLICE_F_MOVE);
	off_t o2 = 100;
	syscall(SYS_splice, q[0], NULL, out, &o2, 3, 0);
	syscall(SYS_splice, in, NULL, out, NULL, 3, 0);
	syscall(SYS_splice, BADFD, NULL, p[1], NULL, 3, 0);
	/* vmsplice: the buffers whichever way the pipe goes */
	char spliced[8] = "vmsplice";
	struct iovec vec[2] = {{spliced, 3}, {spliced + 3, 5}};
	syscall(SYS_vmsplice, q[1], vec, 2, SPLICE_F_NONBLOCK);
	syscall(SYS_vmsplice, q[1], vec, 0, 0);
	syscall(SYS_vmsplice, BADFD, vec, 1, SPLICE_F_GIFT);

	off_t a = 1, b = 50;
	syscall(SYS_copy_file_range, in, &a, out, &b, 7, 0);
	syscall(SYS_copy_file_range, in, NULL, out, NULL, 7, 0);
	syscall(SYS_copy_file_range, in, &a, out, &b, 7, 1);
	syscall(SYS_copy_file_range, BADFD, NULL, out, NULL, 7, 0);

	const int mfd = (int)syscall(SYS_memfd_create, "tp-memfd", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	syscall(SYS_fcntl, mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
	syscall(SYS_fcntl, mfd, F_GET_SEALS);
	syscall(SYS_memfd_create, "bad", 0x100);
	/* a name past MFD_NAME_MAX_LEN: strace reads 250 bytes of it, however
	 * big -s is */
	static char long_name[300];
	memset(long_name, 'n', sizeof(long_name) - 1);
	syscall(SYS_memfd_create, long_name, 0);
	syscall(SYS_close, (int)syscall(SYS_memfd_create, "", 0));
	syscall(SYS_close, mfd);

	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_close, q[0]);
	syscall(SYS_close, q[1]);
	syscall(SYS_close, in);
	syscall(SYS_close, out);
}

/* io_uring: a ring set up, entered, and a few register opcodes that
 * succeed or fail */
static void io_uring_calls(void)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	const int ring = (int)syscall(SYS_io_uring_setup, 2, &p);
	memset(&p, 0, sizeof(p));
	p.flags = 0x20 | 0x80000; /* IORING_SETUP_ATTACH_WQ and an unknown bit */
	p.wq_fd = BADFD;
	syscall(SYS_io_uring_setup, 2, &p);
	syscall(SYS_io_uring_setup, 2, BADPTR);
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, &mask, 8);
	syscall(SYS_io_uring_enter, BADFD, 1, 1, 0, NULL, 0);
	int fds[2] = {0, -1};
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, fds, 1);
	syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_FILES, NULL, 0);
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_EVENTFD, fds + 1, 1);
	struct io_uring_restriction r[2];
	memset(r, 0, sizeof(r));
	r[0].opcode = IORING_RESTRICTION_SQE_OP;
	r[1].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
	r[1].sqe_flags = IOSQE_ASYNC;
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, r, 2);
	syscall(SYS_io_uring_register, ring, 0xbad, NULL, 0);
	syscall(SYS_close, ring);
}

int main(int argc, char **argv)
{
	if (argc < 2 || syscall(SYS_chdir, argv[1]) != 0)
		return 2;
	/* descriptors inherited from the caller would shift ours */
	syscall(SYS_close_range, 3, ~0u, 0);
	rw_calls();
	fd_calls();
	tty_calls();
	dev_ioctl_calls();
	poll_calls();
	copy_calls();
	io_uring_calls();
	syscall(SYS_unlinkat, AT_FDCWD, "io.a", 0);
	syscall(SYS_unlinkat, AT_FDCWD, "io.b", 0);
	return 0;
}
