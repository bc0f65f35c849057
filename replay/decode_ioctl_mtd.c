/* ioctl: MTD flash devices ('M'), printed as strace 6.1 does (mtd.c
 * there), and the MIXER_READ(N) / MIXER_WRITE(N) names strace gives every
 * _IOR and _IOW of the type. */
#include "decode_ioctl.h"

#include <linux/ioctl.h>
#include <mtd/mtd-abi.h>

bool rp_ioctl_mixer_name(uint32_t cmd, enum rp_xlat_style st, struct rp_buf *b)
{
	(void)st; /* a plain number inside */
	const uint32_t dir = _IOC_DIR(cmd);
	if (dir != _IOC_READ && dir != _IOC_WRITE)
		return false;
	rp_buf_printf(b, "%s(%u)", dir == _IOC_READ ? "MIXER_READ" : "MIXER_WRITE", _IOC_NR(cmd));
	return true;
}

/* [0x1, 0x2, ...]: an array of u32 in hex, cut as -s cuts arrays */
static void hex_array(struct rp_ctx *c, const uint32_t *v, size_t n)
{
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n && !rp_array_cut(c, k); k++)
		rp_e_hex(c->e, v[k]);
	rp_e_close(c->e, ']');
}

/* MEMERASE, MEMLOCK, MEMUNLOCK, MEMISLOCKED: the range the kernel reads */
static void erase_info(struct rp_ctx *c)
{
	struct erase_info_user r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "length", r.length);
	rp_e_close(c->e, '}');
}

static void erase_info64(struct rp_ctx *c)
{
	struct erase_info_user64 r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "length", r.length);
	rp_e_close(c->e, '}');
}

static void oob_buf(struct rp_ctx *c)
{
	struct mtd_oob_buf r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "length", r.length);
	rp_e_key_ptr(c->e, "ptr", (uintptr_t)r.ptr);
	rp_e_close(c->e, '}');
}

static void oob_buf64(struct rp_ctx *c)
{
	struct mtd_oob_buf64 r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "length", r.length);
	rp_e_key_ptr(c->e, "usr_ptr", r.usr_ptr);
	rp_e_close(c->e, '}');
}

/* OTPLOCK's range (read at entry), OTPGETREGIONINFO's (written at exit) */
static void otp_info(struct rp_ctx *c, bool at_exit)
{
	struct otp_info r;
	if (!rp_arg_copy(c, 2, at_exit, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "length", r.length);
	rp_e_key(c->e, "locked");
	rp_e_uint(c->e, r.locked);
	rp_e_close(c->e, '}');
}

static void write_req(struct rp_ctx *c)
{
	struct mtd_write_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "start", r.start);
	rp_e_key_hex(c->e, "len", r.len);
	rp_e_key_hex(c->e, "ooblen", r.ooblen);
	rp_e_key_ptr(c->e, "usr_data", r.usr_data);
	rp_e_key_ptr(c->e, "usr_oob", r.usr_oob);
	rp_e_key(c->e, "mode");
	rp_e_enum(c->e, &rp_x_mtd_mode_options, r.mode);
	rp_e_close(c->e, '}');
}

static void info_user(struct rp_ctx *c)
{
	struct mtd_info_user r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "type");
	rp_e_enum(c->e, &rp_x_mtd_type_options, r.type);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_mtd_flags_options, r.flags);
	rp_e_key_hex(c->e, "size", r.size);
	rp_e_key_hex(c->e, "erasesize", r.erasesize);
	rp_e_key_hex(c->e, "writesize", r.writesize);
	rp_e_key_hex(c->e, "oobsize", r.oobsize);
	rp_e_key_hex(c->e, "padding", r.padding);
	rp_e_close(c->e, '}');
}

static void nand_oobinfo(struct rp_ctx *c)
{
	struct nand_oobinfo r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "useecc");
	rp_e_enum(c->e, &rp_x_mtd_nandecc_options, r.useecc);
	rp_e_key_hex(c->e, "eccbytes", r.eccbytes);
	rp_e_key(c->e, "oobfree");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < sizeof(r.oobfree) / sizeof(r.oobfree[0]) && !rp_array_cut(c, k); k++)
		hex_array(c, r.oobfree[k], 2);
	rp_e_close(c->e, ']');
	rp_e_key(c->e, "eccpos");
	hex_array(c, r.eccpos, sizeof(r.eccpos) / sizeof(r.eccpos[0]));
	rp_e_close(c->e, '}');
}

static void ecclayout(struct rp_ctx *c)
{
	struct nand_ecclayout_user r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "eccbytes", r.eccbytes);
	rp_e_key(c->e, "eccpos");
	hex_array(c, r.eccpos, sizeof(r.eccpos) / sizeof(r.eccpos[0]));
	rp_e_key_hex(c->e, "oobavail", r.oobavail);
	rp_e_key(c->e, "oobfree");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < sizeof(r.oobfree) / sizeof(r.oobfree[0]) && !rp_array_cut(c, k);
	     k++) {
		rp_e_open(c->e, '{');
		rp_e_key_hex(c->e, "offset", r.oobfree[k].offset);
		rp_e_key_hex(c->e, "length", r.oobfree[k].length);
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
}

static void ecc_stats(struct rp_ctx *c)
{
	struct mtd_ecc_stats r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "corrected", r.corrected);
	rp_e_key_hex(c->e, "failed", r.failed);
	rp_e_key_hex(c->e, "badblocks", r.badblocks);
	rp_e_key_hex(c->e, "bbtblocks", r.bbtblocks);
	rp_e_close(c->e, '}');
}

/* the index the kernel reads; what it found about the region when the
 * call succeeded */
static void region_info(struct rp_ctx *c)
{
	struct region_info_user r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "regionindex", r.regionindex);
	if (rp_arg_written(c, 2, &r, sizeof(r))) {
		rp_e_key_hex(c->e, "offset", r.offset);
		rp_e_key_hex(c->e, "erasesize", r.erasesize);
		rp_e_key_hex(c->e, "numblocks", r.numblocks);
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_mtd(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case MEMERASE:
	case MEMLOCK:
	case MEMUNLOCK:
	case MEMISLOCKED:
		erase_info(c);
		return true;
	case MEMERASE64:
		erase_info64(c);
		return true;
	case MEMWRITEOOB:
	case MEMREADOOB:
		oob_buf(c);
		return true;
	case MEMWRITEOOB64:
	case MEMREADOOB64:
		oob_buf64(c);
		return true;
	case MEMWRITE:
		write_req(c);
		return true;
	case OTPGETREGIONINFO:
		otp_info(c, true);
		return true;
	case OTPLOCK:
		otp_info(c, false);
		return true;
	case OTPSELECT: {
		uint32_t mode;
		if (!rp_arg_copy(c, 2, false, &mode, sizeof(mode)))
			return true;
		rp_e_open(c->e, '[');
		rp_e_enum(c->e, &rp_x_mtd_otp_options, mode);
		rp_e_close(c->e, ']');
		return true;
	}
	case MTDFILEMODE:
		rp_e_enum(c->e, &rp_x_mtd_file_mode_options, c->sc->args[2]);
		return true;
	case MEMGETBADBLOCK:
	case MEMSETBADBLOCK:
		rp_arg_u64_at(c, 2, false, false);
		return true;
	case MEMGETINFO:
		info_user(c);
		return true;
	case MEMGETOOBSEL:
		nand_oobinfo(c);
		return true;
	case ECCGETLAYOUT:
		ecclayout(c);
		return true;
	case ECCGETSTATS:
		ecc_stats(c);
		return true;
	case OTPGETREGIONCOUNT: {
		uint32_t n;
		if (!rp_arg_copy(c, 2, true, &n, sizeof(n)))
			return true;
		rp_e_open(c->e, '[');
		rp_e_uint(c->e, n);
		rp_e_close(c->e, ']');
		return true;
	}
	case MEMGETREGIONCOUNT:
		rp_arg_int_at(c, 2, true);
		return true;
	case MEMGETREGIONINFO:
		region_info(c);
		return true;
	default:
		return false;
	}
}
