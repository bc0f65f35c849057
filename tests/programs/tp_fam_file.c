/* tp_fam_file: the "file" family (files and paths) for the differential test
 * against strace: every call on a success and on a failure path, with
 * representative flags.
 *
 * Usage: tp_fam_file DIR
 * Works in DIR/tp_fam_file.d, which it creates and removes again. Every call
 * is a raw syscall() so that each libc issues exactly the call named, and
 * buffers are static so that their addresses are the same from run to run
 * (under setarch -R). Values that differ between two runs (inode numbers,
 * times of the files it creates, free blocks) only appear in -v output, or
 * are avoided: statfs looks at /proc. Prints nothing; exit status 0. */

#include <fcntl.h>
#include <limits.h>
#include <sys/swap.h>
#include <linux/fs.h>
#include <linux/landlock.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <linux/quota.h>
#include <linux/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <sys/time.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "tp_expect.h"

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd 443
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static char buf[4096];
static char small[8];
static struct stat st;
static struct statx stx;
static struct statfs_buf {
	uint64_t w[15];
} sfs;
static struct open_how how;
static struct timespec times[2];

#define S(...) syscall(__VA_ARGS__)

/* -y escapes < and > in a descriptor's path (octal, also under -x) */
#define ANGLE_NAME "a<b>\xe9\x37\x01z"

/* Removes what a previous interrupted run may have left. */
static void cleanup(void)
{
	static const char *const names[] = {"f1",
					    "f2",
					    "f3",
					    "h1",
					    "h2",
					    "l1",
					    "l2",
					    "fifo",
					    "fifo2",
					    "reg",
					    "null",
					    "d/sub",
					    "d/f2",
					    "d/l2",
					    "d2",
					    "d3",
					    "gone1",
					    "d/gone2",
					    "own (deleted)",
					    "d",
					    ANGLE_NAME};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unlink(names[i]);
		rmdir(names[i]);
	}
}

/* A working directory deeper than PATH_MAX: -y names no AT_FDCWD there
 * (the kernel cannot), and again one level up where it fits */
static void deep_cwd(void)
{
	char name[256];
	memset(name, 'd', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	const int depth = PATH_MAX / (int)sizeof(name) + 1;
	for (int k = 0; k < depth; k++) {
		S(SYS_mkdir, name, 0700);
		S(SYS_chdir, name);
	}
	S(SYS_openat, AT_FDCWD, "missing", O_RDONLY);
	for (int k = 0; k < depth; k++) {
		S(SYS_chdir, "..");
		S(SYS_rmdir, name);
		if (k < 2)
			S(SYS_openat, AT_FDCWD, "missing", O_RDONLY);
	}
}

static void paths(void)
{
	S(SYS_umask, 022);
	S(SYS_getcwd, buf, sizeof(buf));
	S(SYS_getcwd, small, sizeof(small));
	S(SYS_mkdir, "d", 0755);
	S(SYS_mkdir, "d", 0755);
	S(SYS_mkdirat, AT_FDCWD, "d2", 0700);
	S(SYS_mkdirat, -1, "d2", 0700);
	S(SYS_chdir, "d");
	S(SYS_chdir, "..");
	S(SYS_chdir, "missing");
	const long dfd = S(SYS_open, "d", O_RDONLY | O_DIRECTORY);
	S(SYS_mkdirat, dfd, "sub", 01777);
	const long cwd = S(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	S(SYS_fchdir, dfd);
	S(SYS_fchdir, cwd);
	S(SYS_fchdir, -1);
	S(SYS_rmdir, "d2");
	S(SYS_rmdir, "d2");
	S(SYS_rmdir, "d");
	S(SYS_getdents64, dfd, small, sizeof(small));
	S(SYS_getdents64, dfd, buf, sizeof(buf));
	S(SYS_getdents64, dfd, buf, sizeof(buf));
	/* the old layout, its d_type after d_name */
	S(SYS_lseek, dfd, 0, SEEK_SET);
	S(SYS_getdents, dfd, buf, sizeof(buf));
	S(SYS_getdents64, -1, buf, sizeof(buf));
	S(SYS_close, dfd);
	S(SYS_close, cwd);
	/* swapon: flags, then the priority below them */
	S(SYS_swapon, "no-such-swap", 0);
	S(SYS_swapon, "no-such-swap", SWAP_FLAG_PREFER | 42);
	S(SYS_swapon, "no-such-swap", SWAP_FLAG_DISCARD | 0x20000 /* _ONCE */);
	S(SYS_swapon, "no-such-swap", -1L);
	S(SYS_swapoff, "no-such-swap");
	/* mount with the old magic number in the flags' high half */
	S(SYS_mount, "no-such-source", "no-such-target", "tmpfs",
	  MS_MGC_VAL | MS_RDONLY | MS_NOSUID, "size=1m");
	S(SYS_mount, "no-such-source", "no-such-target", "tmpfs", MS_MGC_VAL, NULL);
	/* mount_setattr: the attributes, a userns descriptor where
	 * MOUNT_ATTR_IDMAP makes it one, bytes past the struct */
	struct {
		struct mount_attr attr;
		uint64_t more;
	} ma = {{.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_IDMAP,
		 .attr_clr = MOUNT_ATTR_NOEXEC,
		 .propagation = MS_SLAVE,
		 .userns_fd = 0},
		0x1234};
	S(SYS_mount_setattr, -1, "no-such-target", 0, &ma, sizeof(ma.attr));
	S(SYS_mount_setattr, -1, "no-such-target", 0, &ma, sizeof(ma));
	ma.attr.attr_set = 0;
	ma.attr.userns_fd = 77;
	ma.more = 0;
	S(SYS_mount_setattr, AT_FDCWD, "no-such-target", AT_RECURSIVE, &ma, sizeof(ma));
	S(SYS_mount_setattr, AT_FDCWD, "no-such-target", 0, &ma, 8);
}

static void opens(void)
{
	const long fd = S(SYS_open, "f1", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	S(SYS_write, fd, "hello, file\n", 12);
	S(SYS_close, fd);
	S(SYS_open, "missing", O_RDONLY);
	S(SYS_open, "f1", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	const long fd2 = S(SYS_openat, AT_FDCWD, "f2", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	S(SYS_openat, AT_FDCWD, "f2", O_RDWR | O_CREAT | O_EXCL, 0600);
	S(SYS_openat, AT_FDCWD, ".", O_RDWR | O_TMPFILE, 0600);
	S(SYS_openat, AT_FDCWD, "f1", O_WRONLY | O_APPEND | O_DSYNC | O_SYNC);
	how.flags = O_RDONLY | O_CLOEXEC;
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
	S(SYS_openat2, AT_FDCWD, "f1", &how, sizeof(how));
	how.flags = O_WRONLY | O_CREAT;
	how.mode = 0640;
	how.resolve = 0;
	S(SYS_openat2, AT_FDCWD, "f4", &how, sizeof(how));
	S(SYS_unlink, "f4");
	how.flags = O_RDONLY;
	how.mode = 0644; /* mode without O_CREAT: EINVAL */
	S(SYS_openat2, AT_FDCWD, "f1", &how, sizeof(how));
	S(SYS_openat2, AT_FDCWD, "f1", &how, 8);
	/* a bigger how: zero bytes beyond the known ones are fine, others
	 * E2BIG; flags beyond 32 bits EINVAL */
	static struct {
		struct open_how how;
		uint64_t more;
	} big = {{.flags = O_RDONLY | O_CLOEXEC}, 0};
	const long fd5 = S(SYS_openat2, AT_FDCWD, "f1", &big, sizeof(big));
	S(SYS_close, fd5);
	big.more = 0x8786858483828180ull;
	S(SYS_openat2, AT_FDCWD, "f1", &big, sizeof(big));
	big.more = 0;
	big.how.flags |= 0xdeadface00000000ull;
	S(SYS_openat2, AT_FDCWD, "f1", &big, sizeof(big));
	const long fd3 = S(SYS_creat, "f3", 0644);
	S(SYS_creat, "missing/f3", 0644);
	S(SYS_close, fd2);
	S(SYS_close, fd3);
}

static void access_stat(void)
{
	S(SYS_access, "f1", R_OK | W_OK);
	S(SYS_access, "missing", F_OK);
	S(SYS_faccessat, AT_FDCWD, "f1", X_OK);
	S(SYS_faccessat, AT_FDCWD, "f1", R_OK | X_OK);
	S(SYS_faccessat, AT_FDCWD, "f1", F_OK);
	S(SYS_faccessat2, AT_FDCWD, "f1", R_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
	S(SYS_faccessat2, AT_FDCWD, "f1", W_OK, 0x4);
	S(SYS_stat, "f1", &st);
	S(SYS_stat, "missing", &st);
	S(SYS_stat, ".", &st);
	S(SYS_stat, "/dev/null", &st);
	S(SYS_lstat, "f1", &st);
	S(SYS_lstat, "f1", NULL);
	const long fd = S(SYS_open, "f1", O_RDONLY);
	S(SYS_fstat, fd, &st);
	S(SYS_fstat, -1, &st);
	S(SYS_newfstatat, AT_FDCWD, "f1", &st, 0);
	S(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
	S(SYS_newfstatat, AT_FDCWD, "missing", &st, AT_SYMLINK_NOFOLLOW);
	S(SYS_statx, AT_FDCWD, "f1", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
	S(SYS_statx, fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE, &stx);
	S(SYS_statx, AT_FDCWD, "missing", AT_SYMLINK_NOFOLLOW, STATX_ALL, &stx);
	S(SYS_statfs, "/proc", &sfs);
	S(SYS_statfs, "missing", &sfs);
	const long pfd = S(SYS_open, "/proc", O_RDONLY | O_DIRECTORY);
	S(SYS_fstatfs, pfd, &sfs);
	S(SYS_fstatfs, -1, &sfs);
	S(SYS_close, pfd);
	S(SYS_close, fd);
}

static void links(void)
{
	const long dfd = S(SYS_open, "d", O_RDONLY | O_DIRECTORY);
	S(SYS_symlink, "f1", "l1");
	S(SYS_symlink, "f1", "l1");
	S(SYS_symlinkat, "../f1", dfd, "l2");
	S(SYS_symlinkat, "../f1", -1, "l2");
	S(SYS_readlink, "l1", buf, sizeof(buf));
	S(SYS_readlink, "f1", buf, sizeof(buf));
	S(SYS_readlinkat, dfd, "l2", small, 3);
	S(SYS_readlinkat, AT_FDCWD, "missing", buf, sizeof(buf));
	S(SYS_link, "f1", "h1");
	S(SYS_link, "f1", "h1");
	S(SYS_linkat, AT_FDCWD, "l1", AT_FDCWD, "h2", AT_SYMLINK_FOLLOW);
	S(SYS_linkat, AT_FDCWD, "missing", dfd, "h2", 0);
	S(SYS_rename, "f2", "d/f2");
	S(SYS_rename, "missing", "f2");
	S(SYS_renameat, dfd, "f2", AT_FDCWD, "f2");
	S(SYS_renameat, dfd, "f2", AT_FDCWD, "f2");
	S(SYS_renameat2, AT_FDCWD, "h1", AT_FDCWD, "h2", RENAME_NOREPLACE);
	S(SYS_renameat2, AT_FDCWD, "h1", AT_FDCWD, "f2", RENAME_EXCHANGE);
	S(SYS_renameat2, AT_FDCWD, "h1", AT_FDCWD, "f2", 0x10);
	S(SYS_unlink, "h1");
	S(SYS_unlink, "h1");
	S(SYS_unlinkat, dfd, "l2", 0);
	S(SYS_unlinkat, AT_FDCWD, "d/sub", AT_REMOVEDIR);
	S(SYS_unlinkat, AT_FDCWD, "missing", AT_REMOVEDIR);
	S(SYS_close, dfd);
}

/* -y once a file's path is unlinked: "<path>(deleted)" for its descriptor
 * and a duplicate, the path given through "." or a directory's descriptor */
static void deleted_files(void)
{
	const long dfd = S(SYS_open, "d", O_RDONLY | O_DIRECTORY);
	const long one = S(SYS_openat, AT_FDCWD, "gone1", O_RDWR | O_CREAT, 0600);
	const long two = S(SYS_openat, dfd, "gone2", O_RDWR | O_CREAT, 0600);
	const long copy = S(SYS_dup, one);
	S(SYS_fchmod, one, 0640);
	S(SYS_unlink, "./gone1");
	S(SYS_unlinkat, dfd, "gone2", 0);
	S(SYS_fchmod, one, 0640);
	S(SYS_fchmod, copy, 0640);
	S(SYS_fchmod, two, 0640);
	S(SYS_close, one);
	S(SYS_close, copy);
	S(SYS_close, two);
	S(SYS_close, dfd);
	/* a name that ends in " (deleted)" itself, then deleted */
	const long own = S(SYS_openat, AT_FDCWD, "own (deleted)", O_RDWR | O_CREAT, 0600);
	S(SYS_fchmod, own, 0640);
	S(SYS_unlink, "own (deleted)");
	S(SYS_fchmod, own, 0600);
	S(SYS_close, own);
}

static void attrs(void)
{
	S(SYS_chmod, "f1", 0600);
	S(SYS_chmod, "missing", 0600);
	const long fd = S(SYS_open, "f1", O_RDWR);
	S(SYS_fchmod, fd, 0640);
	S(SYS_fchmod, -1, 0640);
	S(SYS_fchmodat, AT_FDCWD, "f3", 04755);
	S(SYS_fchmodat, AT_FDCWD, "missing", 02711);
	S(SYS_chown, "f1", -1, -1);
	S(SYS_chown, "f1", 0, 0);
	S(SYS_chown, "missing", 1, 1);
	S(SYS_fchown, fd, 0, -1);
	S(SYS_fchown, -1, 0, 0);
	S(SYS_lchown, "l1", -1, 0);
	S(SYS_lchown, "missing", -1, -1);
	S(SYS_fchownat, AT_FDCWD, "l1", 0, 0, AT_SYMLINK_NOFOLLOW);
	S(SYS_fchownat, fd, "", -1, -1, AT_EMPTY_PATH);
	S(SYS_fchownat, AT_FDCWD, "missing", 0, 0, 0);
	S(SYS_truncate, "f1", 100);
	S(SYS_truncate, "missing", 0);
	S(SYS_ftruncate, fd, 12);
	S(SYS_ftruncate, -1, 0);
	times[0].tv_sec = 0;
	times[0].tv_nsec = 0;
	times[1].tv_sec = 1000000000;
	times[1].tv_nsec = 5;
	S(SYS_utimensat, AT_FDCWD, "f1", times, 0);
	times[0].tv_nsec = UTIME_NOW;
	times[1].tv_nsec = UTIME_OMIT;
	S(SYS_utimensat, AT_FDCWD, "l1", times, AT_SYMLINK_NOFOLLOW);
	S(SYS_utimensat, fd, NULL, NULL, 0);
	S(SYS_utimensat, AT_FDCWD, "missing", NULL, 0);
	times[0].tv_nsec = -1; /* unsigned, as strace prints it */
	S(SYS_utimensat, AT_FDCWD, "f1", times, 0);
	/* the older calls: seconds, then microseconds (the second's invalid) */
	const struct utimbuf ub = {1234567890, 1000000000};
	const struct timeval tv[2] = {{1, 2}, {3, 4000001}};
	S(SYS_utime, "f1", &ub);
	S(SYS_utime, "f1", NULL);
	S(SYS_utime, "f1", (void *)8); /* never mapped */
	S(SYS_utimes, "f1", tv);
	S(SYS_utimes, "f1", NULL);
	S(SYS_utimes, "missing", NULL);
	S(SYS_futimesat, AT_FDCWD, "f1", tv);
	S(SYS_futimesat, fd, NULL, tv);
	S(SYS_futimesat, AT_FDCWD, "f1", NULL);
	S(SYS_futimesat, fd, NULL, (void *)8);
	S(SYS_fallocate, fd, 0, 0, 4096);
	S(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 10);
	S(SYS_fallocate, -1, 0, 0, 4096);
	S(SYS_fsync, fd);
	S(SYS_fsync, -1);
	S(SYS_fdatasync, fd);
	S(SYS_fdatasync, -1);
	S(SYS_sync);
	S(SYS_mknod, "fifo", S_IFIFO | 0644, 0);
	S(SYS_mknod, "fifo", S_IFIFO | 0644, 0);
	S(SYS_mknod, "null", S_IFCHR | 0666, makedev(1, 3));
	S(SYS_mknodat, AT_FDCWD, "fifo2", S_IFIFO | 0600, 0);
	S(SYS_mknodat, AT_FDCWD, "reg", S_IFREG | 0600, 0);
	S(SYS_mknodat, AT_FDCWD, "missing/x", S_IFBLK | 0600, makedev(8, 1));
	S(SYS_close, fd);
}

static void xattrs(void)
{
	S(SYS_setxattr, "f1", "user.test", "value", 5, XATTR_CREATE);
	S(SYS_setxattr, "f1", "user.test", "value", 5, XATTR_CREATE);
	S(SYS_setxattr, "f1", "user.bin", "\x01\x02zz\n", 5, 0);
	/* a value running into an unmapped page: its address (EFAULT) */
	char *const cut = page_tail(7);
	if (cut) {
		memcpy(cut, "foo\0bar", 7);
		S(SYS_setxattr, "f1", "user.cut", cut, 8, 0);
	}
	S(SYS_getxattr, "f1", "user.test", buf, 64);
	S(SYS_getxattr, "f1", "user.test", NULL, 0);
	S(SYS_getxattr, "f1", "user.none", buf, 64);
	S(SYS_getxattr, "f1", "user.test", small, 2);
	S(SYS_lgetxattr, "f1", "user.bin", buf, 64);
	S(SYS_lgetxattr, "l1", "user.test", buf, 64);
	const long fd = S(SYS_open, "f1", O_RDONLY);
	S(SYS_fgetxattr, fd, "user.test", buf, 64);
	S(SYS_fgetxattr, -1, "user.test", buf, 64);
	S(SYS_listxattr, "f1", buf, 256);
	S(SYS_listxattr, "f1", NULL, 0);
	S(SYS_listxattr, "missing", buf, 256);
	S(SYS_llistxattr, "f1", buf, 256);
	S(SYS_llistxattr, "f1", small, 2);
	S(SYS_flistxattr, fd, buf, 256);
	S(SYS_flistxattr, -1, buf, 256);
	S(SYS_removexattr, "f1", "user.test");
	S(SYS_removexattr, "f1", "user.test");
	S(SYS_close, fd);
}

static void inotify(void)
{
	const long ifd = S(SYS_inotify_init1, IN_NONBLOCK | IN_CLOEXEC);
	S(SYS_inotify_init1, 0x1);
	const long wd = S(SYS_inotify_add_watch, ifd, ".", IN_CREATE | IN_DELETE | IN_ONLYDIR);
	S(SYS_inotify_add_watch, ifd, "missing", IN_ALL_EVENTS);
	S(SYS_inotify_add_watch, -1, ".", IN_MODIFY);
	S(SYS_inotify_rm_watch, ifd, wd);
	S(SYS_inotify_rm_watch, ifd, 999);
	S(SYS_close, ifd);
}

/* fanotify: a class and flags, open modes for the events' descriptors, a
 * 64-bit mask, FAN_NOFD; needs CAP_SYS_ADMIN to succeed (EPERM without). */
static void fanotify(void)
{
	const long ffd = S(SYS_fanotify_init, FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK,
			   O_RDONLY | O_LARGEFILE);
	S(SYS_fanotify_init, 0xc, O_WRONLY | 0x80000000u);
	S(SYS_fanotify_init, FAN_CLASS_CONTENT | 0xeface000u, O_RDWR);
	S(SYS_fanotify_mark, ffd, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_CREATE | FAN_ONDIR, AT_FDCWD,
	  ".");
	S(SYS_fanotify_mark, ffd, FAN_MARK_ADD, 0xffffffff00000000ull | FAN_ACCESS, -1, NULL);
	S(SYS_fanotify_mark, ffd, 0xeface800u, 0, 5, "missing");
	S(SYS_fanotify_mark, ffd, FAN_MARK_FLUSH, 0, AT_FDCWD, NULL);
	S(SYS_close, ffd);
}

/* Landlock rule sets: the ABI version, a set handling execution, a
 * path-beneath rule on ".", a rule of an unknown type; restricting
 * nothing (a descriptor that is none), so that the program stays free. */
static void landlock(void)
{
	S(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	const struct landlock_ruleset_attr attr = {
	    .handled_access_fs = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE};
	const long rfd = S(SYS_landlock_create_ruleset, &attr, sizeof(attr.handled_access_fs), 0);
	const long dir = S(SYS_open, ".", O_PATH | O_CLOEXEC);
	const struct landlock_path_beneath_attr rule = {
	    .allowed_access = LANDLOCK_ACCESS_FS_READ_FILE, .parent_fd = (int32_t)dir};
	S(SYS_landlock_add_rule, rfd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
	S(SYS_landlock_add_rule, rfd, 0x7f, &rule, 1);
	S(SYS_landlock_restrict_self, -1, 0);
	S(SYS_close, dir);
	S(SYS_close, rfd);
}

/* Quotas on a directory (not a block device, so every call fails):
 * named and unknown commands and types, a struct the kernel would read. */
static void quota(void)
{
	struct if_dqblk dq = {.dqb_bhardlimit = 100, .dqb_valid = QIF_BLIMITS};
	struct if_dqinfo info = {.dqi_bgrace = 7, .dqi_flags = 1, .dqi_valid = 0x10};
	uint32_t fmt = 0;
	S(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), "d", 0, &fmt);
	S(SYS_quotactl, QCMD(Q_SETQUOTA, GRPQUOTA), "d", 1000, &dq);
	S(SYS_quotactl, QCMD(Q_SETINFO, PRJQUOTA), "d", 0, &info);
	S(SYS_quotactl, QCMD(Q_QUOTAON, USRQUOTA), "d", QFMT_VFS_V1, "d/aquota.user");
	S(SYS_quotactl, QCMD(0x77, 9), "d", -1, NULL);
	const long dir = S(SYS_open, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	S(SYS_quotactl_fd, dir, QCMD(Q_GETQUOTA, USRQUOTA), 0, &dq);
	S(SYS_close, dir);
}

/* Corner cases: long and odd strings, unknown flag bits, odd sizes. */
static void corners(void)
{
	static const char long_name[] = "a_file_name_well_beyond_thirty_two_characters";
	static const char odd_name[] = "caf\xc3\xa9\ttab\"q";
	const long fd = S(SYS_open, long_name, O_WRONLY | O_CREAT | O_EXCL, 0100644);
	S(SYS_close, fd);
	S(SYS_stat, long_name, &st);
	S(SYS_symlink, long_name, "ll");
	S(SYS_readlink, "ll", buf, sizeof(buf));
	S(SYS_readlink, "ll", small, sizeof(small));
	S(SYS_lstat, "ll", &st);
	S(SYS_statx, AT_FDCWD, "ll", AT_SYMLINK_NOFOLLOW | AT_STATX_FORCE_SYNC, STATX_ALL, &stx);
	S(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_TYPE | STATX_MODE | STATX_BTIME | 0x2000,
	  &stx);
	S(SYS_statx, AT_FDCWD, "f1", 0x10000, 0x80000000u, &stx);
	S(SYS_unlink, "ll");
	S(SYS_setxattr, long_name, "user.long", long_name, sizeof(long_name), 0);
	S(SYS_setxattr, long_name, "user.nul", "ab", 3, XATTR_REPLACE);
	S(SYS_setxattr, long_name, "user.nul", "ab", 3, 0x8);
	S(SYS_getxattr, long_name, "user.long", buf, sizeof(buf));
	S(SYS_getxattr, long_name, "user.nul", buf, sizeof(buf));
	S(SYS_listxattr, long_name, buf, sizeof(buf));
	S(SYS_unlink, long_name);
	/* strace prints at most PATH_MAX - 1 characters of a path, then "..." */
	static char too_long[PATH_MAX + 1];
	memset(too_long, 'p', PATH_MAX);
	S(SYS_chdir, too_long);
	too_long[PATH_MAX - 1] = '\0';
	S(SYS_chdir, too_long);
	const long fd2 = S(SYS_creat, odd_name, 0600);
	S(SYS_close, fd2);
	const long fd3 = S(SYS_openat, AT_FDCWD, ANGLE_NAME, O_RDWR | O_CREAT | O_EXCL, 0600);
	S(SYS_write, fd3, "x", 1);
	S(SYS_close, fd3);
	S(SYS_unlink, ANGLE_NAME);
	S(SYS_access, odd_name, 0x10);
	S(SYS_access, odd_name, R_OK | 0x10);
	S(SYS_rename, odd_name, "odd");
	S(SYS_mknod, "fifo3", 0644, 0);
	S(SYS_mknod, "fifo3", 0170644, 0);
	/* the kernel reads a 16-bit mode and a 32-bit device number */
	S(SYS_mknod, "fifo3", 0xffffffffu, 0);
	S(SYS_mknod, "missing/c", 0xdead0000u | S_IFCHR | 0600, 0xdeadbeef00000103ull);
	S(SYS_mkdir, "d3", 0101755);
	S(SYS_umask, 0100022);
	S(SYS_umask, 022);
	S(SYS_open, "odd", 020000000, 0755);
	S(SYS_open, "odd", O_ACCMODE);
	S(SYS_open, "odd", O_RDWR | 0x80000000);
	S(SYS_newfstatat, AT_FDCWD, "odd", &st, 0x20000);
	S(SYS_newfstatat, AT_FDCWD, "odd", &st, AT_SYMLINK_NOFOLLOW | 0x20000);
	S(SYS_linkat, AT_FDCWD, "odd", AT_FDCWD, "odd2", 0x80);
	S(SYS_unlinkat, AT_FDCWD, "odd", 0x80);
	S(SYS_fallocate, -1, 0x80, 0, 1);
	S(SYS_inotify_add_watch, -1, ".", 0x08000000);
	S(SYS_inotify_add_watch, -1, ".", 0);
	how.flags = O_RDONLY;
	how.mode = 0;
	how.resolve = 0x40;
	S(SYS_openat2, AT_FDCWD, "odd", &how, sizeof(how));
	S(SYS_openat2, AT_FDCWD, "odd", &how, sizeof(how) + 8);
	times[0].tv_sec = 1;
	times[0].tv_nsec = 1000000000;
	times[1].tv_sec = -1;
	times[1].tv_nsec = 0;
	S(SYS_utimensat, AT_FDCWD, "odd", times, 0);
	S(SYS_utimensat, AT_FDCWD, "odd", times, 0x80);
	S(SYS_utimensat, AT_FDCWD, "odd", 1, 0);
	S(SYS_statfs, "/sys", &sfs);
	/* both sync-type bits; the flag sets of the mount API, umount2, module
	 * loading and landlock, on failure paths (named, unknown, high bits) */
	S(SYS_statx, AT_FDCWD, "odd", 0x6000 | AT_SYMLINK_NOFOLLOW, STATX_TYPE, &stx);
	S(SYS_fsopen, "nonexistentfs", 0x100000001ull);
	S(SYS_fsopen, NULL, 2);
	/* fsconfig on a tmpfs context (root) or a bad descriptor: each
	 * command's key and value; the superblock is created, never mounted */
	const long fsfd = S(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	static const char blob[] = {0, 1, 'x', '\n'};
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_STRING, "size", "1m", 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_FLAG, "no_such_flag", NULL, 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_BINARY, "blob", blob, sizeof(blob));
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_PATH, "source", "/tmp", AT_FDCWD);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_PATH_EMPTY, "source", "", 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_FD, "fd", NULL, 0);
	S(SYS_fsconfig, fsfd, 99, NULL, NULL, 7);
	S(SYS_fsconfig, fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	S(SYS_close, fsfd);
	S(SYS_fsmount, -1, 1, 0x13);
	S(SYS_fsmount, -1, 0, 0x40);
	S(SYS_fspick, -1, "", 0x9);
	S(SYS_open_tree, -1, "", 0x1001 | O_CLOEXEC);
	S(SYS_move_mount, -1, "", -1, "", 0x45);
	S(SYS_umount2, "missing", 0x1a);
	S(SYS_finit_module, -1, "", 0x3);
	S(SYS_delete_module, "no_such_module", O_NONBLOCK | O_TRUNC);
	S(SYS_landlock_create_ruleset, NULL, 0, 0x3);
	S(SYS_unlink, "odd");
	S(SYS_unlink, "fifo3");
	S(SYS_rmdir, "d3");
	/* a path cut by the end of its mapping, no NUL: strace prints its address */
	char *const page =
	    mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page != MAP_FAILED) {
		munmap(page + 4096, 4096);
		page[4095] = 'x';
		S(SYS_faccessat, AT_FDCWD, page + 4095, F_OK);
		S(SYS_symlink, "target", page + 4095);
		munmap(page, 4096);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]) < 0)
		return 2;
	S(SYS_mkdir, "tp_fam_file.d", 0755);
	if (chdir("tp_fam_file.d") < 0)
		return 2;
	cleanup();
	paths();
	deep_cwd();
	S(SYS_mkdir, "d", 0755);
	opens();
	access_stat();
	links();
	deleted_files();
	attrs();
	xattrs();
	inotify();
	fanotify();
	landlock();
	quota();
	corners();
	cleanup();
	S(SYS_chdir, "..");
	S(SYS_rmdir, "tp_fam_file.d");
	return failures ? 1 : 0;
}
