/* File-system calls: open, stat family, access, readlink, xattrs,
 * getdents, fcntl, ioctl, directory and attribute changes. */
#include "rp_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

static void open_flags(struct rp_ctx *c, uint64_t v)
{
	const uint32_t f = (uint32_t)v;
	rp_e_flags_pre(c->e, rp_xlat_lookup(&rp_x_open_accmode, f & 3), &rp_x_open_flags, f & ~3u,
		       NULL);
}

/* open's mode is printed only when the flags can create a file. */
static bool open_has_mode(uint64_t flags)
{
	return (flags & 0100) || (flags & 020200000) == 020200000;
}

static void print_dev(struct rp_emit *e, uint64_t dev)
{
	const uint64_t major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull);
	const uint64_t minor = (dev & 0xff) | ((dev >> 12) & ~0xffull);
	rp_e_rawf(e, "makedev(%#" PRIx64 ", %#" PRIx64 ")", major, minor);
}

/* struct stat abbreviated as strace does without -v. */
static void print_stat(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 144);
	if (!m)
		return;
	const uint32_t mode = rp_get_u32(m->data + 24);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "st_mode");
	rp_print_mode(c, mode);
	const uint32_t type = mode & 0170000;
	if (type == 0020000 || type == 0060000) {
		rp_e_key(c->e, "st_rdev");
		print_dev(c->e, rp_get_u64(m->data + 40));
	} else {
		rp_e_key(c->e, "st_size");
		rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 48));
	}
	rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

static void print_statx(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 256);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "stx_mask");
	rp_e_flags(c->e, &rp_x_statx_mask, rp_get_u32(d));
	rp_e_key(c->e, "stx_attributes");
	rp_e_flags(c->e, &rp_x_statx_attrs, rp_get_u64(d + 8));
	rp_e_key(c->e, "stx_mode");
	rp_print_mode(c, rp_get_u16(d + 28));
	rp_e_key(c->e, "stx_size");
	rp_e_uint(c->e, rp_get_u64(d + 40));
	rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

static const struct rp_xlat_entry fs_magic_e[] = {
	{ 0xef53, "EXT2_SUPER_MAGIC" },	     { 0x01021994, "TMPFS_MAGIC" },
	{ 0x794c7630, "OVERLAYFS_SUPER_MAGIC" }, { 0x9fa0, "PROC_SUPER_MAGIC" },
	{ 0x62656572, "SYSFS_MAGIC" },	     { 0x63677270, "CGROUP2_SUPER_MAGIC" },
	{ 0x9123683e, "BTRFS_SUPER_MAGIC" },	     { 0x58465342, "XFS_SUPER_MAGIC" },
	{ 0x1cd1, "DEVPTS_SUPER_MAGIC" },	     { 0x6969, "NFS_SUPER_MAGIC" },
	{ 0x65735546, "FUSE_SUPER_MAGIC" },
};
static const struct rp_xlat fs_magic = { fs_magic_e, sizeof(fs_magic_e) / sizeof(fs_magic_e[0]),
					 false, NULL };
static const struct rp_xlat_entry st_flags_e[] = {
	{ 1, "ST_RDONLY" },	  { 2, "ST_NOSUID" },	   { 4, "ST_NODEV" },
	{ 8, "ST_NOEXEC" },	  { 16, "ST_SYNCHRONOUS" }, { 32, "ST_VALID" },
	{ 64, "ST_MANDLOCK" },	  { 1024, "ST_NOATIME" },   { 2048, "ST_NODIRATIME" },
	{ 4096, "ST_RELATIME" },
};
static const struct rp_xlat st_flags = { st_flags_e, sizeof(st_flags_e) / sizeof(st_flags_e[0]),
					 true, NULL };

static void print_statfs(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 120);
	if (!m)
		return;
	const uint8_t *d = m->data;
	static const char *const keys[] = { "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files",
					    "f_ffree" };
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "f_type");
	rp_e_enum(c->e, &fs_magic, rp_get_u64(d));
	for (unsigned k = 0; k < 6; k++) {
		rp_e_key(c->e, keys[k]);
		rp_e_uint(c->e, rp_get_u64(d + 8 + 8 * k));
	}
	rp_e_key(c->e, "f_fsid");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "val");
	rp_e_open(c->e, '[');
	rp_e_hex(c->e, rp_get_u32(d + 56));
	rp_e_hex(c->e, rp_get_u32(d + 60));
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "f_namelen");
	rp_e_uint(c->e, rp_get_u64(d + 64));
	rp_e_key(c->e, "f_frsize");
	rp_e_uint(c->e, rp_get_u64(d + 72));
	rp_e_key(c->e, "f_flags");
	rp_e_flags(c->e, &st_flags, rp_get_u64(d + 80));
	rp_e_close(c->e, '}');
}

/* getdents64: strace shows the count of entries, not the entries. */
static void print_dirents(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	rp_arg_ptr(c, i);
	if (!c->exiting_ok || !m)
		return;
	size_t n = 0;
	const size_t total = (size_t)c->sc->rval < m->len ? (size_t)c->sc->rval : m->len;
	for (size_t off = 0; off + 19 <= total; n++) {
		const uint16_t reclen = rp_get_u16(m->data + off + 16);
		if (!reclen)
			break;
		off += reclen;
	}
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%zu entries", n);
	rp_e_comment(c->e, tmp);
}

static void print_fcntl(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	rp_arg_fd(c, (int64_t)sc->args[0]);
	const uint32_t cmd = (uint32_t)sc->args[1];
	rp_e_enum(c->e, &rp_x_fcntl_cmd, cmd);
	switch (cmd) {
	case 1: /* F_GETFD */
	case 3: /* F_GETFL */
	case 9: /* F_GETOWN */
	case 11:
	case 1025:
	case 1032:
	case 1034:
		break;
	case 2: /* F_SETFD */
		rp_e_flags(c->e, &rp_x_fd_flags, (uint32_t)sc->args[2]);
		break;
	case 4: /* F_SETFL */
		open_flags(c, sc->args[2]);
		break;
	case 0:
	case 1030:
	case 8:
	case 10:
	case 1031:
		rp_e_int(c->e, (int32_t)sc->args[2]);
		break;
	default:
		rp_e_ptr(c->e, sc->args[2]);
	}
}

static void print_ioctl(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	rp_arg_fd(c, (int64_t)sc->args[0]);
	const uint32_t cmd = (uint32_t)sc->args[1];
	rp_e_enum(c->e, &rp_x_ioctl_cmd, cmd);
	switch (cmd) {
	case 0x40049409: /* FICLONE: a descriptor */
		rp_arg_fd(c, (int64_t)sc->args[2]);
		return;
	case 0x5451:
	case 0x5450:
	case 0x5422:
		return; /* FIOCLEX, FIONCLEX, TIOCNOTTY take nothing */
	case 0x540f: /* TIOCGPGRP */
	case 0x541b: /* FIONREAD */
	case 0x80045430: {
		const struct rp_mem *m = rp_arg_mem(c, 2, true, 4);
		if (m)
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		return;
	}
	case 0x5413: { /* TIOCGWINSZ */
		const struct rp_mem *m = rp_arg_mem(c, 2, true, 8);
		if (m) {
			rp_e_open(c->e, '{');
			static const char *const k[] = { "ws_row", "ws_col", "ws_xpixel",
							 "ws_ypixel" };
			for (int j = 0; j < 4; j++) {
				rp_e_key(c->e, k[j]);
				rp_e_uint(c->e, rp_get_u16(m->data + 2 * j));
			}
			rp_e_close(c->e, '}');
		}
		return;
	}
	default:
		rp_e_ptr(c->e, sc->args[2]);
	}
}

static void print_offset_ptr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !m || m->len < 8)
		rp_arg_ptr(c, i);
	else
		rp_e_rawf(c->e, "[%" PRId64 "]", (int64_t)rp_get_u64(m->data));
}

static void print_xattr_value(struct rp_ctx *c, unsigned i, uint64_t size)
{
	if (!c->sc->args[i]) {
		rp_arg_ptr(c, i);
		return;
	}
	if (!c->exiting_ok || size == 0) {
		rp_arg_ptr(c, i);
		return;
	}
	rp_arg_buf(c, i, (uint64_t)c->sc->rval, true, false);
}

bool rp_decode_file(struct rp_ctx *c, const char *name)
{
	const struct rp_syscall *sc = c->sc;
	const uint64_t *a = sc->args;
	if (IS("openat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		open_flags(c, a[2]);
		if (open_has_mode(a[2]))
			rp_e_octal(c->e, a[3] & 07777);
	} else if (IS("open")) {
		rp_arg_path(c, 0);
		open_flags(c, a[1]);
		if (open_has_mode(a[1]))
			rp_e_octal(c->e, a[2] & 07777);
	} else if (IS("creat") || IS("mkdir") || IS("chmod")) {
		rp_arg_path(c, 0);
		rp_e_octal(c->e, a[1] & 07777);
	} else if (IS("mkdirat") || IS("fchmodat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_e_octal(c->e, a[2] & (IS("mkdirat") ? 07777 : 0177777));
	} else if (IS("fchmod")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_e_octal(c->e, a[1] & 07777);
	} else if (IS("umask")) {
		rp_e_octal(c->e, a[0] & 07777);
	} else if (IS("stat") || IS("lstat")) {
		rp_arg_path(c, 0);
		print_stat(c, 1);
	} else if (IS("fstat")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_stat(c, 1);
	} else if (IS("newfstatat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		print_stat(c, 2);
		rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[3]);
	} else if (IS("statx")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		static const char *const sync[] = { "AT_STATX_SYNC_AS_STAT", "AT_STATX_FORCE_SYNC",
						    "AT_STATX_DONT_SYNC", NULL };
		const uint32_t fl = (uint32_t)a[2];
		const unsigned st = (fl >> 13) & 3;
		rp_e_flags_pre(c->e, st < 3 ? sync[st] : NULL, &rp_x_at_flags,
			       st < 3 ? fl & ~0x6000u : fl, NULL);
		rp_e_flags(c->e, &rp_x_statx_mask, (uint32_t)a[3]);
		print_statx(c, 4);
	} else if (IS("statfs")) {
		rp_arg_path(c, 0);
		print_statfs(c, 1);
	} else if (IS("fstatfs")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_statfs(c, 1);
	} else if (IS("access")) {
		rp_arg_path(c, 0);
		rp_e_flags(c->e, &rp_x_access, (uint32_t)a[1]);
	} else if (IS("faccessat") || IS("faccessat2")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_e_flags(c->e, &rp_x_access, (uint32_t)a[2]);
		if (IS("faccessat2")) {
			static const struct rp_xlat_entry fe[] = {
				{ 0x100, "AT_SYMLINK_NOFOLLOW" },
				{ 0x200, "AT_EACCESS" },
				{ 0x1000, "AT_EMPTY_PATH" },
			};
			static const struct rp_xlat fx = { fe, 3, true, NULL };
			rp_e_flags(c->e, &fx, (uint32_t)a[3]);
		}
	} else if (IS("readlink")) {
		rp_arg_path(c, 0);
		rp_arg_buf(c, 1, c->exiting_ok ? (uint64_t)sc->rval : 0, true, false);
		rp_e_uint(c->e, a[2]);
	} else if (IS("readlinkat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_arg_buf(c, 2, c->exiting_ok ? (uint64_t)sc->rval : 0, true, false);
		rp_e_uint(c->e, a[3]);
	} else if (IS("getdents64") || IS("getdents")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_dirents(c, 1);
		rp_e_uint(c->e, (uint32_t)a[2]);
	} else if (IS("getxattr") || IS("lgetxattr")) {
		rp_arg_path(c, 0);
		rp_arg_str(c, 1);
		print_xattr_value(c, 2, a[3]);
		rp_e_uint(c->e, a[3]);
	} else if (IS("fgetxattr")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_str(c, 1);
		print_xattr_value(c, 2, a[3]);
		rp_e_uint(c->e, a[3]);
	} else if (IS("fcntl")) {
		print_fcntl(c);
	} else if (IS("ioctl")) {
		print_ioctl(c);
	} else if (IS("lseek")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_e_int(c->e, (int64_t)a[1]);
		rp_e_enum(c->e, &rp_x_seek, (uint32_t)a[2]);
	} else if (IS("fadvise64")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_e_int(c->e, (int64_t)a[1]);
		rp_e_int(c->e, (int64_t)a[2]);
		rp_e_enum(c->e, &rp_x_fadvise, (uint32_t)a[3]);
	} else if (IS("copy_file_range")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_offset_ptr(c, 1);
		rp_arg_fd(c, (int64_t)a[2]);
		print_offset_ptr(c, 3);
		rp_e_uint(c->e, a[4]);
		rp_e_uint(c->e, (uint32_t)a[5]);
	} else if (IS("dup2")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_fd(c, (int64_t)a[1]);
	} else if (IS("dup3")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_fd(c, (int64_t)a[1]);
		rp_e_flags(c->e, &rp_x_open_flags, (uint32_t)a[2]);
	} else if (IS("unlinkat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[2]);
	} else if (IS("getcwd")) {
		const struct rp_mem *m = rp_arg_mem(c, 0, true, 1);
		if (m)
			rp_e_bytes(c->e, m->data, m->len, true, false);
		rp_e_uint(c->e, a[1]);
	} else if (IS("fchownat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_e_int(c->e, (int32_t)a[2]);
		rp_e_int(c->e, (int32_t)a[3]);
		rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[4]);
	} else if (IS("mknodat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_print_mode(c, (uint32_t)a[2]);
		const uint32_t t = (uint32_t)a[2] & 0170000;
		if (t == 0020000 || t == 0060000)
			print_dev(c->e, a[3]);
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_file(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
