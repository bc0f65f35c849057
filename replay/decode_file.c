/* File-system calls: open, stat family, access, readlink, xattrs,
 * getdents, fcntl, ioctl, directory and attribute changes. */
#include "rp_internal.h"

#include <inttypes.h>
#include <stddef.h>
#include <sys/swap.h>
#include <sys/mount.h>
#include <linux/landlock.h>
#include <linux/mount.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* A shared table with this family's "X_???" comment added. */
static void flags_unk(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v, const char *unk)
{
	struct rp_xlat copy = *x;
	copy.unknown = unk;
	rp_e_flags(c->e, &copy, v);
}

/* open's mode is printed only when the flags can create a file:
 * O_CREAT or __O_TMPFILE. */
static bool open_has_mode(uint64_t flags)
{
	return (flags & 020000100) != 0;
}

/* umode_t arguments (mkdir, chmod, umask...) are 16 bits wide. */
static void print_umode(struct rp_ctx *c, uint64_t v)
{
	rp_e_octal(c->e, v & 0177777);
}

static void time_comment(struct rp_emit *e, int64_t sec, uint64_t nsec)
{
	rp_e_time_comment(e, sec, nsec, 9);
}

/* uid_t/gid_t fields: unsigned, but (uid_t)-1 as -1. */
static void print_id(struct rp_emit *e, uint32_t id)
{
	if (id == UINT32_MAX)
		rp_e_int(e, -1);
	else
		rp_e_uint(e, id);
}

/* struct stat: abbreviated as strace does without -v. */
static void print_stat(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 144);
	if (!m)
		return;
	const uint8_t *d = m->data;
	const bool v = c->opts->verbose;
	const uint32_t mode = rp_get_u32(d + SC_OFF(stat, st_mode));
	rp_e_open(c->e, '{');
	if (v) {
		rp_e_key(c->e, "st_dev");
		rp_print_dev(c->e, rp_get_u64(d + SC_OFF(stat, st_dev)));
		rp_e_key(c->e, "st_ino");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(stat, st_ino)));
	}
	rp_e_key(c->e, "st_mode");
	rp_print_mode(c, mode);
	if (v) {
		rp_e_key(c->e, "st_nlink");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(stat, st_nlink)));
		rp_e_key(c->e, "st_uid");
		print_id(c->e, rp_get_u32(d + SC_OFF(stat, st_uid)));
		rp_e_key(c->e, "st_gid");
		print_id(c->e, rp_get_u32(d + SC_OFF(stat, st_gid)));
		rp_e_key(c->e, "st_blksize");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(stat, st_blksize)));
		rp_e_key(c->e, "st_blocks");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(stat, st_blocks)));
	}
	const uint32_t type = mode & 0170000;
	if (type == 0020000 || type == 0060000) {
		rp_e_key(c->e, "st_rdev");
		rp_print_dev(c->e, rp_get_u64(d + SC_OFF(stat, st_rdev)));
	} else {
		rp_e_key(c->e, "st_size");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(stat, st_size)));
	}
	if (v) {
		static const char *const keys[3][2] = {{"st_atime", "st_atime_nsec"},
						       {"st_mtime", "st_mtime_nsec"},
						       {"st_ctime", "st_ctime_nsec"}};
		for (unsigned k = 0; k < 3; k++) {
			const int64_t sec = (int64_t)rp_get_u64(d + SC_OFF(stat, st_atim) + 16 * k);
			const uint64_t nsec = rp_get_u64(d + SC_OFF(stat, st_atim) + 8 + 16 * k);
			rp_e_key(c->e, keys[k][0]);
			rp_e_int(c->e, sec);
			time_comment(c->e, sec, nsec);
			rp_e_key(c->e, keys[k][1]);
			rp_e_uint(c->e, nsec);
		}
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

static void statx_time(struct rp_ctx *c, const char *key, const uint8_t *p)
{
	const int64_t sec = (int64_t)rp_get_u64(p);
	const uint32_t nsec = rp_get_u32(p + 8);
	rp_e_key(c->e, key);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, sec);
	rp_e_key(c->e, "tv_nsec");
	rp_e_uint(c->e, nsec);
	rp_e_close(c->e, '}');
	time_comment(c->e, sec, nsec);
}

static void print_statx(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 256);
	if (!m)
		return;
	const uint8_t *d = m->data;
	const bool v = c->opts->verbose;
	const uint32_t mask = rp_get_u32(d + SC_OFF(statx, stx_mask));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "stx_mask");
	flags_unk(c, &rp_x_statx_mask, mask, "STATX_???");
	if (v) {
		rp_e_key(c->e, "stx_blksize");
		rp_e_uint(c->e, rp_get_u32(d + SC_OFF(statx, stx_blksize)));
	}
	rp_e_key(c->e, "stx_attributes");
	flags_unk(c, &rp_x_statx_attrs, rp_get_u64(d + SC_OFF(statx, stx_attributes)),
		  "STATX_ATTR_???");
	if (v) {
		rp_e_key(c->e, "stx_nlink");
		rp_e_uint(c->e, rp_get_u32(d + SC_OFF(statx, stx_nlink)));
		rp_e_key(c->e, "stx_uid");
		print_id(c->e, rp_get_u32(d + SC_OFF(statx, stx_uid)));
		rp_e_key(c->e, "stx_gid");
		print_id(c->e, rp_get_u32(d + SC_OFF(statx, stx_gid)));
	}
	rp_e_key(c->e, "stx_mode");
	rp_print_mode(c, rp_get_u16(d + SC_OFF(statx, stx_mode)));
	if (v) {
		rp_e_key(c->e, "stx_ino");
		rp_e_uint(c->e, rp_get_u64(d + SC_OFF(statx, stx_ino)));
	}
	rp_e_key(c->e, "stx_size");
	rp_e_uint(c->e, rp_get_u64(d + SC_OFF(statx, stx_size)));
	if (!v) {
		rp_e_ellipsis(c->e);
		rp_e_close(c->e, '}');
		return;
	}
	rp_e_key(c->e, "stx_blocks");
	rp_e_uint(c->e, rp_get_u64(d + SC_OFF(statx, stx_blocks)));
	rp_e_key(c->e, "stx_attributes_mask");
	flags_unk(c, &rp_x_statx_attrs, rp_get_u64(d + SC_OFF(statx, stx_attributes_mask)),
		  "STATX_ATTR_???");
	/* the times that the returned mask says are there */
	static const struct {
		uint32_t bit;
		unsigned off;
		const char *key;
	} times[] = {{0x20, SC_OFF(statx, stx_atime), "stx_atime"},
		     {0x800, SC_OFF(statx, stx_btime), "stx_btime"},
		     {0x80, SC_OFF(statx, stx_ctime), "stx_ctime"},
		     {0x40, SC_OFF(statx, stx_mtime), "stx_mtime"}};
	for (unsigned k = 0; k < NELEM(times); k++) {
		if (mask & times[k].bit)
			statx_time(c, times[k].key, d + times[k].off);
	}
	static const char *const devs[] = {"stx_rdev_major", "stx_rdev_minor", "stx_dev_major",
					   "stx_dev_minor"};
	for (unsigned k = 0; k < 4; k++) {
		rp_e_key(c->e, devs[k]);
		rp_e_uint(c->e, rp_get_u32(d + SC_OFF(statx, stx_rdev_major) + 4 * k));
	}
	if (mask & 0x1000) { /* STATX_MNT_ID */
		rp_e_key(c->e, "stx_mnt_id");
		rp_e_hex(c->e, rp_get_u64(d + SC_OFF(statx, stx_mnt_id)));
	}
	if (mask & 0x2000) { /* STATX_DIOALIGN */
		rp_e_key(c->e, "stx_dio_mem_align");
		rp_e_uint(c->e, rp_get_u32(d + SC_OFF(statx, stx_dio_mem_align)));
		rp_e_key(c->e, "stx_dio_offset_align");
		rp_e_uint(c->e, rp_get_u32(d + SC_OFF(statx, stx_dio_offset_align)));
	}
	rp_e_close(c->e, '}');
}

static void print_statfs(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 120);
	if (!m)
		return;
	const uint8_t *d = m->data;
	static const char *const keys[] = {"f_bsize",  "f_blocks", "f_bfree",
					   "f_bavail", "f_files",  "f_ffree"};
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "f_type");
	rp_e_enum(c->e, &rp_x_fs_magic, rp_get_u64(d));
	for (unsigned k = 0; k < 6; k++) {
		rp_e_key(c->e, keys[k]);
		rp_e_uint(c->e, rp_get_u64(d + 8 + 8 * k));
	}
	rp_e_key(c->e, "f_fsid");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "val");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < 2 && !rp_array_cut(c, k); k++)
		rp_e_hex(c->e, rp_get_u32(d + 56 + 4 * k));
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "f_namelen");
	rp_e_uint(c->e, rp_get_u64(d + 64));
	rp_e_key(c->e, "f_frsize");
	rp_e_uint(c->e, rp_get_u64(d + 72));
	rp_e_key(c->e, "f_flags");
	rp_e_flags(c->e, &rp_x_statfs_flags, rp_get_u64(d + 80));
	rp_e_close(c->e, '}');
}

/* getdents/getdents64: the entry count without -v, the entries with it.
 * The walk follows strace's, so that odd record lengths count alike. */
static void print_dirents(struct rp_ctx *c, unsigned i, bool is64)
{
	const struct rp_syscall *sc = c->sc;
	const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_EXIT, i, 0);
	/* linux_dirent (getdents) is dirent64 without d_type: its d_name starts
	 * where dirent64's d_type is, its type is the record's last byte */
	const size_t hdr = is64 ? SC_OFF(dirent64, d_name) : SC_OFF(dirent64, d_type);
	/* Without all the entries (scrubbed, or a fault) there is nothing to
	 * count: the address, as strace prints a buffer it cannot read. */
	if (!c->exiting_ok || !m || (uint64_t)sc->rval > (uint32_t)sc->args[2] ||
	    m->len < (uint64_t)sc->rval || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	const bool v = c->opts->verbose;
	if (!v)
		rp_arg_ptr(c, i);
	size_t len = (size_t)sc->rval, off = 0;
	unsigned count = 0;
	for (;;) {
		if (len < hdr) {
			if (v && !len) {
				rp_e_open(c->e, '[');
				count++;
			}
			break;
		}
		if (off + hdr > m->len)
			break; /* not captured */
		const uint8_t *d = m->data + off;
		if (v) {
			if (!count)
				rp_e_open(c->e, '[');
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "d_ino");
			rp_e_uint(c->e, rp_get_u64(d + SC_OFF(dirent64, d_ino)));
			rp_e_key(c->e, "d_off");
			rp_e_uint(c->e, rp_get_u64(d + SC_OFF(dirent64, d_off)));
			rp_e_key(c->e, "d_reclen");
			rp_e_uint(c->e, rp_get_u16(d + SC_OFF(dirent64, d_reclen)));
		}
		count++;
		size_t reclen = rp_get_u16(d + SC_OFF(dirent64, d_reclen)), next = 0;
		bool more = false;
		if (reclen > len) {
			reclen = len;
		} else if (reclen < hdr) {
			reclen = hdr;
			next = len - hdr;
		} else {
			next = len - reclen;
			more = next != 0;
		}
		len = next;
		if (v) {
			const size_t avail = off + reclen <= m->len ? reclen : m->len - off;
			size_t name_len = avail - hdr;
			if (!is64 && name_len)
				name_len--; /* the old layout keeps d_type in the last byte */
			/* strace follows each layout: dirent64's d_type before
			 * d_name, the old one's after it */
			const uint8_t type = is64 ? d[SC_OFF(dirent64, d_type)] : d[avail - 1];
			if (is64) {
				rp_e_key(c->e, "d_type");
				rp_e_enum(c->e, &rp_x_dirent_type, type);
			}
			if (name_len) {
				rp_e_key(c->e, "d_name");
				struct rp_print_opts o = *c->opts;
				o.max_strlen = name_len < 256 ? (unsigned)name_len : 256;
				const struct rp_print_opts *saved = c->e->opts;
				c->e->opts = &o;
				rp_e_bytes(c->e, d + hdr, name_len, true, false);
				c->e->opts = saved;
			}
			if (!is64) {
				rp_e_key(c->e, "d_type");
				rp_e_enum(c->e, &rp_x_dirent_type, type);
			}
			rp_e_close(c->e, '}');
		}
		if (!more)
			break;
		off += reclen;
	}
	if (v) {
		if (count)
			rp_e_close(c->e, ']');
	} else {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%u%s entries", count, len ? "+" : "");
		rp_e_comment(c->e, tmp);
	}
}

/* A path printed whole, as printpathn does: -s does not apply. */
static void print_path_bytes(struct rp_ctx *c, const uint8_t *p, size_t len, bool more)
{
	rp_e_bytes_whole(c->e, p, len, true, more);
}

/* An xattr value of size bytes (printstr_ex with QUOTE_OMIT_TRAILING_0:
 * a NUL ending what is shown is left out, unless -x turns it to hex). */
static void print_xattr_val(struct rp_ctx *c, unsigned i, uint64_t size, bool at_exit)
{
	const uint64_t addr = c->sc->args[i];
	const struct rp_mem *m =
	    rp_syscall_mem(c->sc, at_exit ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
	if (!addr || size > 65536 || !m ||
	    ((m->flags & STRTRC_MEM_UNREADABLE) && m->len < rp_str_read_len(c->opts, size))) {
		rp_arg_ptr(c, i);
		return;
	}
	size_t n = m->len < size ? m->len : (size_t)size;
	bool more = size > n;
	const unsigned max = c->opts->max_strlen;
	const size_t shown = n < max ? n : max;
	if (!c->opts->xflag && !c->e->json && shown && shown == n && m->data[shown - 1] == 0) {
		n--;
		more = more || size > max;
	}
	rp_e_bytes(c->e, m->data, n, false, more);
}

static void print_xattr_list(struct rp_ctx *c, unsigned i, uint64_t size)
{
	if (!size || !c->exiting_ok)
		rp_arg_ptr(c, i);
	else
		rp_arg_buf(c, i, (uint64_t)c->sc->rval, true, false);
	rp_e_uint(c->e, size);
}

/* The xattr families share everything but the first argument: a path, or a
 * descriptor for the f- variants, as the table says. */
static void print_path_or_fd(struct rp_ctx *c)
{
	rp_arg_generic(c, 0);
}

static void print_timespec_utime(struct rp_ctx *c, const uint8_t *p)
{
	const int64_t sec = (int64_t)rp_get_u64(p);
	const uint64_t nsec = rp_get_u64(p + 8);
	const bool utime = nsec == (1u << 30) - 1 || nsec == (1u << 30) - 2;
	const char *uname = nsec == (1u << 30) - 1 ? "UTIME_NOW" : "UTIME_OMIT";
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (utime && st == RP_XLAT_ABBREV) {
		rp_e_sym(c->e, uname);
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, sec);
	rp_e_key(c->e, "tv_nsec");
	rp_e_uint(c->e, nsec);
	rp_e_close(c->e, '}');
	/* -X: the struct, verbose naming UTIME_NOW/UTIME_OMIT after it */
	if (utime && st == RP_XLAT_VERBOSE)
		rp_e_comment(c->e, uname);
	else if (!utime)
		time_comment(c->e, sec, nsec);
}

static void print_utimens(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, 32);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < 2 && !rp_array_cut(c, k); k++)
		print_timespec_utime(c, m->data + 16 * k);
	rp_e_close(c->e, ']');
}

/* utimes/futimesat's struct timeval[2], each with its time (when valid). */
static void print_timevals(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, sc_type_size(SC_T_TIMEVAL_PAIR));
	if (!m)
		return;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < 2 && !rp_array_cut(c, k); k++) {
		const uint8_t *const tv = m->data + 16 * k;
		rp_print_timespec_data(c->e, tv, "tv_usec");
		rp_e_time_comment(c->e, (int64_t)rp_get_u64(tv), rp_get_u64(tv + 8), 6);
	}
	rp_e_close(c->e, ']');
}

/* utime's struct utimbuf: two times in seconds. */
static void print_utimbuf(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, sc_type_size(SC_T_UTIMBUF));
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "actime");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data));
	time_comment(c->e, (int64_t)rp_get_u64(m->data), 0);
	rp_e_key(c->e, "modtime");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 8));
	time_comment(c->e, (int64_t)rp_get_u64(m->data + 8), 0);
	rp_e_close(c->e, '}');
}

/* struct open_how: the mode only when it can matter or is set. */
/* struct open_how, of size bytes (the recorder read them, to a page, as
 * strace reads them): its fields, then any bytes beyond them not zero. */
static void print_open_how(struct rp_ctx *c, unsigned i, uint64_t size)
{
	const size_t how_size = sc_type_size(SC_T_OPEN_HOW), page = 4096;
	if (size < how_size) {
		rp_arg_ptr(c, i);
		return;
	}
	const struct rp_mem *m = rp_arg_mem(c, i, false, how_size);
	if (!m)
		return;
	const uint64_t flags = rp_get_u64(m->data), mode = rp_get_u64(m->data + 8);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "flags");
	rp_print_open_flags64(c, flags);
	if (mode || open_has_mode(flags)) {
		rp_e_key(c->e, "mode");
		rp_e_octal(c->e, mode);
	}
	rp_e_key(c->e, "resolve");
	rp_e_flags(c->e, &rp_x_resolve_flags, rp_get_u64(m->data + 16));
	rp_print_struct_tail(c, m, how_size, size < page ? size : page);
	rp_e_close(c->e, '}');
}

static void print_mknod(struct rp_ctx *c, unsigned i)
{
	/* the kernel's umode_t and unsigned int dev, as strace reads them */
	const uint16_t mode = (uint16_t)c->sc->args[i];
	rp_print_mode(c, mode);
	const uint32_t t = mode & 0170000u;
	if (t == 0020000 || t == 0060000)
		rp_print_dev(c->e, (uint32_t)c->sc->args[i + 1]);
}

void rp_dec_openat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_print_open_modes(c, a[2]);
	if (open_has_mode(a[2]))
		rp_e_octal(c->e, a[3]);
}

void rp_dec_open(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_path(c, 0);
	rp_print_open_modes(c, a[1]);
	if (open_has_mode(a[1]))
		rp_e_octal(c->e, a[2]);
}

void rp_dec_openat2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_open_how(c, 2, a[3]);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_creat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_path(c, 0);
	print_umode(c, a[1]);
}

void rp_dec_mkdirat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_umode(c, a[2]);
}

void rp_dec_fchmod(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_umode(c, a[1]);
}

void rp_dec_umask(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_umode(c, a[0]);
}

void rp_dec_stat(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	print_stat(c, 1);
}

void rp_dec_fstat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_stat(c, 1);
}

void rp_dec_newfstatat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_stat(c, 2);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[3]);
}

void rp_dec_statx(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	const uint32_t fl = (uint32_t)a[2];
	/* the sync type: the two bits of AT_STATX_SYNC_TYPE, unnamed when both */
	const uint32_t sync = fl & 0x6000u;
	const char *const sync_name = rp_xlat_lookup(&rp_x_at_statx_sync, sync);
	const enum rp_xlat_style xs = rp_e_xstyle(c->e);
	/* strace prints statx's unknown bits without the "AT_???" comment */
	struct rp_xlat at_flags = rp_x_at_flags;
	at_flags.unknown = NULL;
	/* both sync bits: strace names each (0x6000 has no name of its own) */
	if ((xs != RP_XLAT_ABBREV && sync_name) || sync == 0x6000u) {
		/* strace: the sync type and the flags each on its own;
		 * raw prints nothing for a zero sync type */
		struct rp_buf b = {0};
		if (sync || xs == RP_XLAT_VERBOSE)
			rp_xlat_flags_text(&b, xs, &rp_x_at_statx_sync, sync);
		if (fl & ~0x6000u) {
			rp_buf_putc(&b, '|');
			rp_xlat_flags_text(&b, xs, &at_flags, fl & ~0x6000u);
		}
		rp_e_raw(c->e, b.data ? b.data : "");
		rp_buf_free(&b);
	} else {
		rp_e_flags_pre(c->e, fl, sync_name, &at_flags, sync_name ? fl & ~0x6000u : fl,
			       NULL);
	}
	flags_unk(c, &rp_x_statx_mask, (uint32_t)a[3], "STATX_???");
	print_statx(c, 4);
}

void rp_dec_statfs(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	print_statfs(c, 1);
}

void rp_dec_fstatfs(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_statfs(c, 1);
}

void rp_dec_access(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_path(c, 0);
	flags_unk(c, &rp_x_access, (uint32_t)a[1], "?_OK");
}

void rp_dec_faccessat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	flags_unk(c, &rp_x_access, (uint32_t)a[2], "?_OK");
}

void rp_dec_faccessat2(struct rp_ctx *c)
{
	rp_dec_faccessat(c);
	rp_e_flags(c->e, &rp_x_faccessat_flags, (uint32_t)c->sc->args[3]);
}

void rp_dec_readlink(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	const uint64_t *a = sc->args;
	rp_arg_path(c, 0);
	rp_arg_buf(c, 1, c->exiting_ok ? (uint64_t)sc->rval : 0, true, false);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_readlinkat(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	const uint64_t *a = sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_arg_buf(c, 2, c->exiting_ok ? (uint64_t)sc->rval : 0, true, false);
	rp_e_uint(c->e, a[3]);
}

static void getdents(struct rp_ctx *c, bool is64)
{
	rp_arg_fd(c, (int64_t)c->sc->args[0]);
	print_dirents(c, 1, is64);
	rp_e_uint(c->e, (uint32_t)c->sc->args[2]);
}

void rp_dec_getdents(struct rp_ctx *c)
{
	getdents(c, false);
}

void rp_dec_getdents64(struct rp_ctx *c)
{
	getdents(c, true);
}

void rp_dec_getxattr(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	const uint64_t *a = sc->args;
	print_path_or_fd(c);
	rp_arg_str(c, 1);
	if (!a[3] || !c->exiting_ok)
		rp_arg_ptr(c, 2);
	else
		print_xattr_val(c, 2, (uint64_t)sc->rval, true);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_setxattr(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_path_or_fd(c);
	rp_arg_str(c, 1);
	print_xattr_val(c, 2, a[3], false);
	rp_e_uint(c->e, a[3]);
	rp_e_flags(c->e, &rp_x_xattr_flags, (uint32_t)a[4]);
}

void rp_dec_listxattr(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_path_or_fd(c);
	print_xattr_list(c, 1, a[2]);
}

void rp_dec_removexattr(struct rp_ctx *c)
{
	print_path_or_fd(c);
	rp_arg_str(c, 1);
}

void rp_dec_unlinkat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[2]);
}

void rp_dec_linkat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_arg_dirfd(c, (int64_t)a[2]);
	rp_arg_path(c, 3);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[4]);
}

void rp_dec_renameat2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_arg_dirfd(c, (int64_t)a[2]);
	rp_arg_path(c, 3);
	rp_e_flags(c->e, &rp_x_rename, (uint32_t)a[4]);
}

void rp_dec_getcwd(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_mem *m = rp_arg_mem_str(c, 0, true, 1);
	if (m)
		print_path_bytes(c, m->data, m->len, false);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_chown(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_path(c, 0);
	print_id(c->e, (uint32_t)a[1]);
	print_id(c->e, (uint32_t)a[2]);
}

void rp_dec_fchown(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_id(c->e, (uint32_t)a[1]);
	print_id(c->e, (uint32_t)a[2]);
}

void rp_dec_fchownat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_id(c->e, (uint32_t)a[2]);
	print_id(c->e, (uint32_t)a[3]);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[4]);
}

void rp_dec_utimensat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_utimens(c, 2);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[3]);
}

void rp_dec_utime(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	print_utimbuf(c, 1);
}

void rp_dec_utimes(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	print_timevals(c, 1);
}

void rp_dec_futimesat(struct rp_ctx *c)
{
	rp_arg_dirfd(c, (int64_t)c->sc->args[0]);
	rp_arg_path(c, 1);
	print_timevals(c, 2);
}

void rp_dec_mknod(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	print_mknod(c, 1);
}

void rp_dec_mknodat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	print_mknod(c, 2);
}

void rp_dec_inotify_init1(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_flags(c->e, &rp_x_inotify_init, (uint32_t)a[0]);
}

void rp_dec_inotify_add_watch(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_e_flags(c->e, &rp_x_inotify_mask, (uint32_t)a[2]);
}

/* fanotify_init's flags: the class (FAN_ALL_CLASS_BITS) by name, then the
 * other flags ("FAN_CLASS_CONTENT|FAN_CLOEXEC"), each in the -X style. */
void rp_dec_fanotify_init(struct rp_ctx *c)
{
	const uint32_t all_class_bits = 0xc;
	const uint32_t flags = (uint32_t)c->sc->args[0];
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	struct rp_buf b = {0};
	rp_xlat_enum_text(&b, st, &rp_x_fan_classes, flags & all_class_bits);
	if (flags & ~all_class_bits) {
		rp_buf_putc(&b, '|');
		rp_xlat_flags_text(&b, st, &rp_x_fan_init_flags, flags & ~all_class_bits);
	}
	rp_e_raw(c->e, b.data ? b.data : "");
	rp_buf_free(&b);
	rp_print_open_modes(c, c->sc->args[1]);
}

void rp_dec_fanotify_mark(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_flags(c->e, &rp_x_fan_mark_flags, (uint32_t)a[1]);
	rp_e_flags(c->e, &rp_x_fan_event_flags, a[2]); /* 64 bits */
	if ((int32_t)a[3] == -1)
		rp_e_symd(c->e, "FAN_NOFD", -1);
	else
		rp_arg_dirfd(c, (int32_t)a[3]);
	rp_arg_path(c, 4);
}

/* fsconfig: the key and value as the command says; strace reads a key or
 * string value of at most 256 bytes. */
void rp_dec_fsconfig(struct rp_ctx *c)
{
	enum { SET_FLAG, SET_STRING, SET_BINARY, SET_PATH, SET_PATH_EMPTY, SET_FD };
	const size_t key_max = 256;
	const uint64_t *a = c->sc->args;
	const uint32_t cmd = (uint32_t)a[1];
	const int32_t aux = (int32_t)a[4];
	rp_arg_fd(c, (int32_t)a[0]);
	rp_e_enum(c->e, &rp_x_fsconfig_cmd, cmd);
	if (cmd <= SET_FD)
		rp_arg_str_max(c, 2, key_max);
	else
		rp_arg_ptr(c, 2);
	if (cmd == SET_STRING)
		rp_arg_str_max(c, 3, key_max);
	else if (cmd == SET_PATH || cmd == SET_PATH_EMPTY)
		rp_arg_path(c, 3);
	else if (cmd == SET_BINARY && aux >= 0 && aux <= 1024 * 1024)
		rp_arg_buf(c, 3, (uint64_t)aux, false, true);
	else
		rp_arg_ptr(c, 3);
	rp_arg_generic(c, 4); /* a directory, a descriptor or a number, as the table says */
}

void rp_dec_fadvise64(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_int(c->e, (int64_t)a[1]);
	rp_e_uint(c->e, a[2]); /* a size_t */
	rp_e_enum(c->e, &rp_x_fadvise, (uint32_t)a[3]);
}

/* ---- landlock ---- */

/* struct landlock_ruleset_attr: strace 6.1 knows its first field; more
 * bytes are "..." */
void rp_dec_landlock_create_ruleset(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 0);
	const uint64_t known = sizeof(uint64_t); /* handled_access_fs */
	if (a[1] < known || !m || m->len < known) {
		rp_e_ptr(c->e, a[0]);
	} else if (!rp_addr_only(c, a[0])) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "handled_access_fs");
		rp_e_flags(c->e, &rp_x_landlock_ruleset_access_fs, rp_get_u64(m->data));
		if (a[1] > known)
			rp_e_ellipsis(c->e);
		rp_e_close(c->e, '}');
	}
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_landlock_flags, (uint32_t)a[2]);
}

/* The rule's attribute by its type (LANDLOCK_RULE_PATH_BENEATH's struct
 * landlock_path_beneath_attr; others: the address); the flags in hex. */
void rp_dec_landlock_add_rule(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int32_t)a[0]);
	const uint32_t type = (uint32_t)a[1];
	rp_e_enum(c->e, &rp_x_landlock_rule_types, type);
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 0);
	const size_t size = sc_type_size(SC_T_LANDLOCK_PATH_BENEATH);
	if (type != LANDLOCK_RULE_PATH_BENEATH || !m || m->len < size) {
		rp_e_ptr(c->e, a[2]);
	} else if (!rp_addr_only(c, a[2])) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "allowed_access");
		rp_e_flags(c->e, &rp_x_landlock_ruleset_access_fs, rp_get_u64(m->data));
		rp_e_key(c->e, "parent_fd");
		rp_arg_fd(c, (int32_t)rp_get_u32(m->data + 8));
		rp_e_close(c->e, '}');
	}
	rp_e_hex(c->e, (uint32_t)a[3]);
}

void rp_dec_landlock_restrict_self(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int32_t)a[0]);
	rp_e_hex(c->e, (uint32_t)a[1]);
}

/* mount: the old magic number in the flags' top half named apart; the
 * type and the data as the flags say the kernel reads them (addresses
 * when it ignores them). */
void rp_dec_mount(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	uint64_t flags = a[3];
	const bool old_magic = (flags & MS_MGC_MSK) == MS_MGC_VAL;
	if (old_magic)
		flags &= ~(uint64_t)MS_MGC_MSK;
	const bool ignore_type = flags & MS_REMOUNT;
	const bool ignore_data =
	    !ignore_type &&
	    (flags & (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE));
	rp_arg_path(c, 0);
	rp_arg_path(c, 1);
	if (ignore_type || ignore_data)
		rp_e_ptr(c->e, a[2]);
	else
		rp_arg_str(c, 2);
	if (old_magic && c->e->json) {
		rp_e_flags_pre(c->e, a[3], "MS_MGC_VAL", &rp_x_mount_flags, flags, NULL);
	} else if (old_magic) { /* the magic by -X, then the flags by -X */
		const enum rp_xlat_style st = rp_e_xstyle(c->e);
		if (st == RP_XLAT_ABBREV)
			rp_e_raw(c->e, "MS_MGC_VAL");
		else
			rp_e_rawf(c->e, st == RP_XLAT_RAW ? "%#x" : "%#x /* MS_MGC_VAL */",
				  MS_MGC_VAL);
		if (flags) {
			rp_e_join(c->e, "|");
			rp_e_flags(c->e, &rp_x_mount_flags, flags);
		}
	} else {
		rp_e_flags(c->e, &rp_x_mount_flags, flags);
	}
	if (ignore_data)
		rp_e_ptr(c->e, a[4]);
	else
		rp_arg_str(c, 4);
}

/* struct mount_attr of size bytes (an address below MOUNT_ATTR_SIZE_VER0);
 * userns_fd a descriptor only where MOUNT_ATTR_IDMAP makes it one; bytes
 * past the struct as strace's print_nonzero_bytes */
static void print_mount_attr(struct rp_ctx *c, unsigned i, uint64_t size)
{
	const size_t attr_size = sizeof(struct mount_attr), page = 4096;
	if (size < MOUNT_ATTR_SIZE_VER0) {
		rp_arg_ptr(c, i);
		return;
	}
	const struct rp_mem *m = rp_arg_mem(c, i, false, attr_size);
	if (!m)
		return;
	const uint64_t set = rp_get_u64(m->data + offsetof(struct mount_attr, attr_set));
	const uint64_t clr = rp_get_u64(m->data + offsetof(struct mount_attr, attr_clr));
	const uint64_t userns = rp_get_u64(m->data + offsetof(struct mount_attr, userns_fd));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "attr_set");
	rp_e_flags(c->e, &rp_x_mount_attr_attr, set);
	rp_e_key(c->e, "attr_clr");
	rp_e_flags(c->e, &rp_x_mount_attr_attr, clr);
	rp_e_key(c->e, "propagation");
	rp_e_enum(c->e, &rp_x_mount_attr_propagation,
		  rp_get_u64(m->data + offsetof(struct mount_attr, propagation)));
	rp_e_key(c->e, "userns_fd");
	if (userns > INT32_MAX || !((set | clr) & MOUNT_ATTR_IDMAP))
		rp_e_uint(c->e, userns);
	else
		rp_arg_fd(c, (int32_t)userns);
	rp_print_struct_tail(c, m, attr_size, size < page ? size : page);
	rp_e_close(c->e, '}');
}

void rp_dec_mount_setattr(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_arg_generic(c, 2);
	print_mount_attr(c, 3, a[4]);
	rp_e_uint(c->e, a[4]);
}

/* ustat: the device (an unsigned int) as makedev(major, minor) */
void rp_dec_ustat(struct rp_ctx *c)
{
	rp_print_dev(c->e, (uint32_t)c->sc->args[0]);
	rp_arg_generic(c, 1);
}

/* swapon: the flags above the priority, then the priority in decimal */
void rp_dec_swapon(struct rp_ctx *c)
{
	const uint32_t flags = (uint32_t)c->sc->args[1];
	const uint32_t prio_mask = SWAP_FLAG_PRIO_MASK;
	rp_arg_path(c, 0);
	if (c->e->json) { /* one value: the names with the priority last */
		char prio[16];
		snprintf(prio, sizeof(prio), "%u", flags & prio_mask);
		rp_e_flags_pre(c->e, flags, NULL, &rp_x_swap_flags, flags & ~prio_mask, prio);
		return;
	}
	if (flags & ~prio_mask) {
		rp_e_flags(c->e, &rp_x_swap_flags, flags & ~prio_mask);
		rp_e_join(c->e, "|");
	}
	rp_e_uint(c->e, flags & prio_mask);
}

/* sethostname: a name longer than the kernel takes as its address */
void rp_dec_sethostname(struct rp_ctx *c)
{
	const uint32_t len = (uint32_t)c->sc->args[1];
	if (len > 64) /* __NEW_UTS_LEN */
		rp_e_ptr(c->e, c->sc->args[0]);
	else
		rp_arg_generic(c, 0);
	rp_e_uint(c->e, len);
}
