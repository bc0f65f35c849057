/* ioctl's storage command families, as strace 6.1 prints them: block
 * devices (0x12), IDE disks (0x03), loop devices ('L'), network block devices (0xab), file
 * system freeze/trim/xattrs ('X'), inode flags and extent maps ('f'),
 * btrfs's clones (0x94). */
#include "decode_ioctl.h"

#include <inttypes.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <stdio.h>
#include <string.h>

/* ---- block devices (0x12) ---- */

/* The n-byte unsigned or signed number behind the argument: "[N]". */
static void print_num_at(struct rp_ctx *c, bool at_exit, size_t n, bool is_signed)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, at_exit, n);
	if (!m)
		return;
	const uint64_t v = n == 8   ? rp_get_u64(m->data)
			   : n == 4 ? rp_get_u32(m->data)
				    : rp_get_u16(m->data);
	rp_e_open(c->e, '[');
	if (!is_signed)
		rp_e_uint(c->e, v);
	else if (n == 4)
		rp_e_int(c->e, (int32_t)v);
	else
		rp_e_int(c->e, (int64_t)v);
	rp_e_close(c->e, ']');
}

static void print_blkpg(struct rp_ctx *c)
{
	struct blkpg_ioctl_arg a;
	if (!rp_arg_copy(c, 2, false, &a, sizeof(a)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "op");
	rp_e_enum(c->e, &rp_x_blkpg_ops, (uint32_t)a.op);
	rp_e_key(c->e, "flags");
	rp_e_int(c->e, a.flags);
	rp_e_key(c->e, "datalen");
	rp_e_int(c->e, a.datalen);
	rp_e_key(c->e, "data");
	/* the partition, whatever datalen says (sc_type_pointee: item 1) */
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 1);
	struct blkpg_partition p;
	if (!a.data || !m || m->len < sizeof(p)) {
		rp_e_ptr(c->e, (uint64_t)(uintptr_t)a.data);
	} else {
		memcpy(&p, m->data, sizeof(p));
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "start");
		rp_e_int(c->e, p.start);
		rp_e_key(c->e, "length");
		rp_e_int(c->e, p.length);
		rp_e_key(c->e, "pno");
		rp_e_int(c->e, p.pno);
		rp_e_key(c->e, "devname");
		rp_print_cstring_field(c, p.devname, sizeof(p.devname));
		rp_e_key(c->e, "volname");
		rp_print_cstring_field(c, p.volname, sizeof(p.volname));
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, '}');
}

static void print_blk_trace_setup(struct rp_ctx *c)
{
	struct blk_user_trace_setup in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "act_mask");
	rp_e_uint(c->e, in.act_mask);
	rp_e_key(c->e, "buf_size");
	rp_e_uint(c->e, in.buf_size);
	rp_e_key(c->e, "buf_nr");
	rp_e_uint(c->e, in.buf_nr);
	rp_e_key(c->e, "start_lba");
	rp_e_uint(c->e, in.start_lba);
	rp_e_key(c->e, "end_lba");
	rp_e_uint(c->e, in.end_lba);
	rp_e_key(c->e, "pid");
	rp_e_pid(c, (int32_t)in.pid, SC_PID_TGID);
	if (rp_arg_written(c, 2, &out, sizeof(out))) {
		rp_e_key(c->e, "name");
		rp_print_cstring_field(c, out.name, sizeof(out.name));
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_block(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case BLKRASET: /* a value, not a pointer */
	case BLKFRASET:
		rp_e_uint(c->e, arg);
		return true;
	case BLKSECTGET: /* an unsigned short returned */
	case BLKROTATIONAL:
		print_num_at(c, true, 2, false);
		return true;
	case BLKROGET: /* an int returned */
	case BLKBSZGET:
	case BLKSSZGET:
	case BLKALIGNOFF:
		rp_arg_int_at(c, 2, true);
		return true;
	case BLKROSET: /* an int taken */
	case BLKBSZSET:
		rp_arg_int_at(c, 2, false);
		return true;
	case BLKPBSZGET: /* an unsigned int returned */
	case BLKIOMIN:
	case BLKIOOPT:
	case BLKDISCARDZEROES:
	case BLKGETZONESZ:
	case BLKGETNRZONES:
		print_num_at(c, true, 4, false);
		return true;
	case BLKRAGET: /* a long returned */
	case BLKFRAGET:
		print_num_at(c, true, 8, true);
		return true;
	case BLKGETSIZE: /* an unsigned long or u64 returned */
	case BLKGETSIZE64:
	case BLKGETDISKSEQ:
		print_num_at(c, true, 8, false);
		return true;
	case BLKDISCARD: /* a range of two u64 taken */
	case BLKSECDISCARD:
	case BLKZEROOUT: {
		const struct rp_mem *m = rp_arg_mem(c, 2, false, sc_type_size(SC_T_U64_PAIR));
		if (m) {
			rp_e_open(c->e, '[');
			rp_e_uint(c->e, rp_get_u64(m->data));
			rp_e_uint(c->e, rp_get_u64(m->data + 8));
			rp_e_close(c->e, ']');
		}
		return true;
	}
	case BLKPG:
		print_blkpg(c);
		return true;
	case BLKTRACESETUP:
		print_blk_trace_setup(c);
		return true;
	case BLKRRPART: /* no argument */
	case BLKFLSBUF:
	case BLKTRACESTART:
	case BLKTRACESTOP:
	case BLKTRACETEARDOWN:
		return true;
	default:
		return false;
	}
}

/* ---- IDE disks (0x03) ---- */

/* HDIO_DRIVE_CMD: the command header given, and the status the kernel
 * wrote over it. (strace shows that after the drive's EIO too; strec keeps
 * no memory of a failed call.) */
static void print_hdio_drive_cmd(struct rp_ctx *c)
{
	struct hd_drive_cmd_hdr in;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "command");
	rp_e_enum(c->e, &rp_x_ata_cmd, in.command);
	rp_e_key(c->e, "sector_number");
	rp_e_uint(c->e, in.sector_number);
	rp_e_key(c->e, "feature");
	rp_e_uint(c->e, in.feature);
	rp_e_key(c->e, "sector_count");
	rp_e_uint(c->e, in.sector_count);
	rp_e_close(c->e, '}');
	uint8_t out[4]; /* status, error, nsector, sector count */
	if (c->e->json || !rp_arg_written(c, 2, out, sizeof(out)))
		return;
	rp_e_changed(c->e);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "status");
	rp_e_hex(c->e, out[0]);
	rp_e_key(c->e, "error");
	rp_e_uint(c->e, out[1]);
	rp_e_key(c->e, "nsector");
	rp_e_uint(c->e, out[2]);
	if (out[3]) {
		/* the sectors read after the header are not captured */
		rp_e_key(c->e, "buf");
		rp_e_ptr(c->e, c->sc->args[2] + sizeof(out));
	}
	rp_e_close(c->e, '}');
}

/* "[N]" of the unsigned long an HDIO_GET_* command wrote, in set x
 * (flags or values) when given */
static void print_hdio_ulong(struct rp_ctx *c, const struct rp_xlat *x)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, true, 8);
	if (!m)
		return;
	const uint64_t v = rp_get_u64(m->data);
	rp_e_open(c->e, '[');
	if (!x)
		rp_e_uint(c->e, v);
	else if (x->flags)
		rp_e_flags(c->e, x, v);
	else
		rp_e_enum(c->e, x, v);
	rp_e_close(c->e, ']');
}

bool rp_ioctl_hdio(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case HDIO_GETGEO: {
		struct hd_geometry g;
		if (!rp_arg_copy(c, 2, true, &g, sizeof(g)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "heads");
		rp_e_uint(c->e, g.heads);
		rp_e_key(c->e, "sectors");
		rp_e_uint(c->e, g.sectors);
		rp_e_key(c->e, "cylinders");
		rp_e_uint(c->e, g.cylinders);
		rp_e_key(c->e, "start");
		rp_e_uint(c->e, g.start);
		rp_e_close(c->e, '}');
		return true;
	}
	case HDIO_DRIVE_CMD:
		print_hdio_drive_cmd(c);
		return true;
	case HDIO_DRIVE_RESET:
	case HDIO_SCAN_HWIF: {
		const size_t size = sc_type_size(SC_T_U32_TRIPLE);
		const struct rp_mem *m = rp_arg_mem(c, 2, false, size);
		if (m)
			rp_print_hex_array(c, m->data, size / 4, 4, true);
		return true;
	}
	case HDIO_GET_IDENTITY:
	case HDIO_OBSOLETE_IDENTITY:
		rp_arg_buf(c, 2,
			   sc_type_size(cmd == HDIO_GET_IDENTITY ? SC_T_HD_IDENTITY
								 : SC_T_HD_OLD_IDENTITY),
			   true, false);
		return true;
	case HDIO_GET_32BIT:
	case HDIO_GET_ACOUSTIC:
	case HDIO_GET_ADDRESS:
	case HDIO_GET_DMA:
	case HDIO_GET_KEEPSETTINGS:
	case HDIO_GET_MULTCOUNT:
	case HDIO_GET_NOWERR:
	case HDIO_GET_UNMASKINTR:
	case HDIO_GET_WCACHE:
		print_hdio_ulong(c, NULL);
		return true;
	case HDIO_GET_BUSSTATE:
		print_hdio_ulong(c, &rp_x_hdio_busstate);
		return true;
	case HDIO_GET_NICE:
		print_hdio_ulong(c, &rp_x_hdio_ide_nice);
		return true;
	case HDIO_SET_32BIT:
	case HDIO_SET_ACOUSTIC:
	case HDIO_SET_ADDRESS:
	case HDIO_SET_DMA:
	case HDIO_SET_KEEPSETTINGS:
	case HDIO_SET_MULTCOUNT:
	case HDIO_SET_NOWERR:
	case HDIO_SET_PIO_MODE:
	case HDIO_SET_UNMASKINTR:
	case HDIO_SET_WCACHE:
	case HDIO_UNREGISTER_HWIF:
		rp_e_uint(c->e, arg);
		return true;
	case HDIO_SET_BUSSTATE:
		rp_e_enum(c->e, &rp_x_hdio_busstate, arg);
		return true;
	case HDIO_SET_NICE:
		rp_e_flags(c->e, &rp_x_hdio_ide_nice, arg);
		return true;
	default:
		return false;
	}
}

/* ---- loop devices ('L') ---- */

/* lo_encrypt_key: its first lo_encrypt_key_size bytes (at most the field) */
static void print_encrypt_key(struct rp_ctx *c, const uint8_t *key, uint32_t size)
{
	rp_e_bytes_whole(c->e, key, size < LO_KEY_SIZE ? size : LO_KEY_SIZE, false, false);
}

static void print_loop_info(struct rp_ctx *c, bool at_exit)
{
	struct loop_info i;
	if (!rp_arg_copy(c, 2, at_exit, &i, sizeof(i)))
		return;
	const bool verbose = c->opts->verbose;
	const bool crypt = verbose || i.lo_encrypt_type != LO_CRYPT_NONE;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "lo_number");
	rp_e_int(c->e, i.lo_number);
	if (verbose) {
		rp_e_key(c->e, "lo_device");
		rp_print_dev(c->e, i.lo_device);
		rp_e_key(c->e, "lo_inode");
		rp_e_uint(c->e, i.lo_inode);
		rp_e_key(c->e, "lo_rdevice");
		rp_print_dev(c->e, i.lo_rdevice);
	}
	rp_e_key(c->e, "lo_offset");
	rp_e_hex(c->e, (uint32_t)i.lo_offset);
	if (crypt) {
		rp_e_key(c->e, "lo_encrypt_type");
		rp_e_enum(c->e, &rp_x_loop_crypt_type, (uint32_t)i.lo_encrypt_type);
		rp_e_key(c->e, "lo_encrypt_key_size");
		rp_e_uint(c->e, (uint32_t)i.lo_encrypt_key_size);
	}
	rp_e_key(c->e, "lo_flags");
	rp_e_flags(c->e, &rp_x_loop_flags, (uint32_t)i.lo_flags);
	rp_e_key(c->e, "lo_name");
	rp_print_cstring_field(c, i.lo_name, sizeof(i.lo_name));
	if (crypt) {
		rp_e_key(c->e, "lo_encrypt_key");
		print_encrypt_key(c, i.lo_encrypt_key, (uint32_t)i.lo_encrypt_key_size);
	}
	if (verbose) {
		rp_e_key(c->e, "lo_init");
		rp_print_hex_array(c, i.lo_init, 2, sizeof(i.lo_init[0]), false);
		rp_e_key(c->e, "reserved");
		rp_print_hex_array(c, i.reserved, sizeof(i.reserved), 1, false);
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

static void print_loop_info64(struct rp_ctx *c, const struct loop_info64 *i)
{
	const bool verbose = c->opts->verbose;
	const bool crypt = verbose || i->lo_encrypt_type != LO_CRYPT_NONE;
	rp_e_open(c->e, '{');
	if (verbose) {
		rp_e_key(c->e, "lo_device");
		rp_print_dev(c->e, i->lo_device);
		rp_e_key(c->e, "lo_inode");
		rp_e_uint(c->e, i->lo_inode);
		rp_e_key(c->e, "lo_rdevice");
		rp_print_dev(c->e, i->lo_rdevice);
		rp_e_key(c->e, "lo_offset");
		rp_e_hex(c->e, i->lo_offset);
		rp_e_key(c->e, "lo_sizelimit");
		rp_e_uint(c->e, i->lo_sizelimit);
	} else {
		rp_e_key(c->e, "lo_offset");
		rp_e_hex(c->e, i->lo_offset);
	}
	rp_e_key(c->e, "lo_number");
	rp_e_uint(c->e, i->lo_number);
	if (crypt) {
		rp_e_key(c->e, "lo_encrypt_type");
		rp_e_enum(c->e, &rp_x_loop_crypt_type, i->lo_encrypt_type);
		rp_e_key(c->e, "lo_encrypt_key_size");
		rp_e_uint(c->e, i->lo_encrypt_key_size);
	}
	rp_e_key(c->e, "lo_flags");
	rp_e_flags(c->e, &rp_x_loop_flags, i->lo_flags);
	rp_e_key(c->e, "lo_file_name");
	rp_print_cstring_field(c, i->lo_file_name, sizeof(i->lo_file_name));
	if (crypt) {
		rp_e_key(c->e, "lo_crypt_name");
		rp_print_cstring_field(c, i->lo_crypt_name, sizeof(i->lo_crypt_name));
		rp_e_key(c->e, "lo_encrypt_key");
		print_encrypt_key(c, i->lo_encrypt_key, i->lo_encrypt_key_size);
	}
	if (verbose) {
		rp_e_key(c->e, "lo_init");
		rp_print_hex_array(c, i->lo_init, 2, sizeof(i->lo_init[0]), false);
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

static void print_loop_config(struct rp_ctx *c)
{
	struct loop_config cfg;
	if (!rp_arg_copy(c, 2, false, &cfg, sizeof(cfg)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fd");
	rp_arg_fd(c, (int32_t)cfg.fd);
	rp_e_key(c->e, "block_size");
	rp_e_uint(c->e, cfg.block_size);
	rp_e_key(c->e, "info");
	print_loop_info64(c, &cfg.info);
	static const uint64_t zero[sizeof(cfg.__reserved) / sizeof(cfg.__reserved[0])];
	if (memcmp(cfg.__reserved, zero, sizeof(zero)) != 0) {
		rp_e_key(c->e, "__reserved");
		rp_print_hex_array(c, cfg.__reserved, sizeof(zero) / sizeof(zero[0]), 8, false);
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_loop(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case LOOP_SET_STATUS:
	case LOOP_GET_STATUS:
		print_loop_info(c, cmd == LOOP_GET_STATUS);
		return true;
	case LOOP_SET_STATUS64:
	case LOOP_GET_STATUS64: {
		struct loop_info64 i;
		if (rp_arg_copy(c, 2, cmd == LOOP_GET_STATUS64, &i, sizeof(i)))
			print_loop_info64(c, &i);
		return true;
	}
	case LOOP_CONFIGURE:
		print_loop_config(c);
		return true;
	case LOOP_CLR_FD: /* no argument */
	case LOOP_SET_CAPACITY:
	case LOOP_CTL_GET_FREE:
		return true;
	case LOOP_SET_FD:
	case LOOP_CHANGE_FD:
		rp_arg_fd(c, (int32_t)arg);
		return true;
	case LOOP_CTL_ADD:
	case LOOP_CTL_REMOVE:
		rp_e_int(c->e, (int32_t)arg);
		return true;
	case LOOP_SET_DIRECT_IO:
	case LOOP_SET_BLOCK_SIZE:
		rp_e_uint(c->e, arg);
		return true;
	default:
		return false;
	}
}

/* ---- network block devices (0xab) ---- */

bool rp_ioctl_nbd(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case NBD_DISCONNECT: /* no argument */
	case NBD_CLEAR_SOCK:
	case NBD_DO_IT:
	case NBD_CLEAR_QUE:
	case NBD_PRINT_DEBUG:
		return true;
	case NBD_SET_SOCK:
		rp_arg_fd(c, (int32_t)arg);
		return true;
	case NBD_SET_BLKSIZE:
	case NBD_SET_SIZE:
	case NBD_SET_SIZE_BLOCKS:
	case NBD_SET_TIMEOUT:
		rp_e_uint(c->e, arg);
		return true;
	case NBD_SET_FLAGS:
		rp_e_flags(c->e, &rp_x_nbd_flags, (uint32_t)arg); /* an int to strace */
		return true;
	default:
		return false;
	}
}

/* ---- freeze, trim, extended attributes ('X') ---- */

static void print_fsxattr(struct rp_ctx *c, bool is_get)
{
	struct fsxattr x;
	if (!rp_arg_copy(c, 2, is_get, &x, sizeof(x)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fsx_xflags");
	rp_e_flags(c->e, &rp_x_fs_xflags, x.fsx_xflags);
	rp_e_key(c->e, "fsx_extsize");
	rp_e_uint(c->e, x.fsx_extsize);
	if (is_get) {
		rp_e_key(c->e, "fsx_nextents");
		rp_e_uint(c->e, x.fsx_nextents);
	}
	rp_e_key(c->e, "fsx_projid");
	rp_e_hex(c->e, x.fsx_projid);
	rp_e_key(c->e, "fsx_cowextsize");
	rp_e_uint(c->e, x.fsx_cowextsize);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_fs_x(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case FITRIM: {
		struct fstrim_range r;
		if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "start");
		rp_e_hex(c->e, r.start);
		rp_e_key(c->e, "len");
		rp_e_uint(c->e, r.len);
		rp_e_key(c->e, "minlen");
		rp_e_uint(c->e, r.minlen);
		rp_e_close(c->e, '}');
		return true;
	}
	case FS_IOC_FSGETXATTR:
	case FS_IOC_FSSETXATTR:
		print_fsxattr(c, cmd == FS_IOC_FSGETXATTR);
		return true;
	case FIFREEZE: /* no argument */
	case FITHAW:
		return true;
	default:
		return false;
	}
}

/* ---- inode flags, extent maps ('f') ---- */

static void print_fiemap(struct rp_ctx *c)
{
	struct fiemap in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fm_start");
	rp_e_uint(c->e, in.fm_start);
	rp_e_key(c->e, "fm_length");
	rp_e_uint(c->e, in.fm_length);
	rp_e_key(c->e, "fm_flags");
	rp_e_flags(c->e, &rp_x_fiemap_flags, in.fm_flags);
	rp_e_key(c->e, "fm_extent_count");
	rp_e_uint(c->e, in.fm_extent_count);
	rp_e_close(c->e, '}');
	if (c->e->json || !rp_arg_written(c, 2, &out, sizeof(out)))
		return;
	rp_e_changed(c->e);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fm_flags");
	rp_e_flags(c->e, &rp_x_fiemap_flags, out.fm_flags);
	rp_e_key(c->e, "fm_mapped_extents");
	rp_e_uint(c->e, out.fm_mapped_extents);
	if (c->opts->verbose) {
		/* the extents after the header are not captured */
		rp_e_key(c->e, "fm_extents");
		rp_e_ptr(c->e, c->sc->args[2] + offsetof(struct fiemap, fm_extents));
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_fs_f(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case FS_IOC_GETFLAGS:
	case FS_IOC32_GETFLAGS:
		rp_arg_flags_at(c, 2, &rp_x_fs_flags, true);
		return true;
	case FS_IOC_SETFLAGS:
	case FS_IOC32_SETFLAGS:
		rp_arg_flags_at(c, 2, &rp_x_fs_flags, false);
		return true;
	case FS_IOC_FIEMAP:
		print_fiemap(c);
		return true;
	default:
		return false;
	}
}

/* ---- btrfs (0x94): the clones the VFS took over ---- */

bool rp_ioctl_btrfs(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case FICLONE: /* the source descriptor: a plain int to strace 6.1, even with -y */
		rp_e_int(c->e, (int32_t)c->sc->args[2]);
		return true;
	case FICLONERANGE:
		rp_arg_ptr(c, 2);
		return true;
	default:
		return false;
	}
}
