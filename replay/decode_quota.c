/* Decoders for disk quotas: quotactl, quotactl_fd. */
#include "rp_internal.h"

#include <inttypes.h>
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>
#include <stdio.h>

/* The command word is QCMD(cmd, type): cmd above the low 8 bits. */
#define QUOTA_CMD(qcmd)	 ((uint32_t)(qcmd) >> 8)
#define QUOTA_TYPE(qcmd) ((uint32_t)(qcmd)&0xff)

/* Sizes strace reads: its struct if_dqblk is packed (68 bytes, not the
 * kernel's padded 72), so a struct at a page's end still reads. */
enum {
	IF_DQBLK_SIZE = 68,
	IF_NEXTDQBLK_SIZE = 72,
	IF_DQINFO_SIZE = 24,
	FS_DISK_QUOTA_SIZE = 112,
	FS_QUOTA_STAT_SIZE = 80,
	FS_QUOTA_STATV_SIZE = 160,
};

/* "QCMD(Q_SYNC, USRQUOTA)": the parts always abbreviated, the whole
 * number shown (or not) by -X as any named value. */
static void print_qcmd(struct rp_ctx *c, uint32_t qcmd)
{
	struct rp_buf b = {0};
	char num[16];
	snprintf(num, sizeof(num), "%" PRIu32, qcmd);
	rp_buf_printf(&b, "QCMD(");
	rp_xlat_enum_text(&b, RP_XLAT_ABBREV, &rp_x_quotacmds, QUOTA_CMD(qcmd));
	rp_buf_printf(&b, ", ");
	rp_xlat_enum_text(&b, RP_XLAT_ABBREV, &rp_x_quotatypes, QUOTA_TYPE(qcmd));
	rp_buf_putc(&b, ')');
	rp_e_named(c->e, num, b.data);
	rp_buf_free(&b);
}

static void key_u64(struct rp_ctx *c, const char *key, const uint8_t *p)
{
	rp_e_key(c->e, key);
	rp_e_uint(c->e, rp_get_u64(p));
}

static void key_s32(struct rp_ctx *c, const char *key, const uint8_t *p)
{
	rp_e_key(c->e, key);
	rp_e_int(c->e, (int32_t)rp_get_u32(p));
}

static void key_u16(struct rp_ctx *c, const char *key, const uint8_t *p)
{
	rp_e_key(c->e, key);
	rp_e_uint(c->e, rp_get_u16(p));
}

static void key_flags(struct rp_ctx *c, const char *key, const struct rp_xlat *x, uint64_t v)
{
	rp_e_key(c->e, key);
	rp_e_flags(c->e, x, v);
}

/* The six limits and usages if_dqblk and if_nextdqblk start with. */
static void print_dqblk_counts(struct rp_ctx *c, const uint8_t *d)
{
	static const char *const keys[] = {"dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace",
					   "dqb_ihardlimit", "dqb_isoftlimit", "dqb_curinodes"};
	for (unsigned k = 0; k < 6; k++)
		key_u64(c, keys[k], d + 8 * k);
}

/* struct if_dqblk, or if_nextdqblk (next: with dqb_id, which strace
 * shows even abbreviated). */
static void print_dqblk(struct rp_ctx *c, unsigned i, bool at_exit, bool next)
{
	const struct rp_mem *m =
	    rp_arg_mem(c, i, at_exit, next ? IF_NEXTDQBLK_SIZE : IF_DQBLK_SIZE);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	print_dqblk_counts(c, d);
	if (c->opts->verbose) {
		key_u64(c, "dqb_btime", d + 48);
		key_u64(c, "dqb_itime", d + 56);
		key_flags(c, "dqb_valid", &rp_x_if_dqblk_valid, rp_get_u32(d + 64));
	}
	if (next) {
		rp_e_key(c->e, "dqb_id");
		rp_e_uint(c->e, rp_get_u32(d + 68));
	}
	if (!c->opts->verbose)
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

static void print_dqinfo(struct rp_ctx *c, unsigned i, bool at_exit)
{
	const struct rp_mem *m = rp_arg_mem(c, i, at_exit, IF_DQINFO_SIZE);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	key_u64(c, "dqi_bgrace", d);
	key_u64(c, "dqi_igrace", d + 8);
	key_flags(c, "dqi_flags", &rp_x_if_dqinfo_flags, rp_get_u32(d + 16));
	key_flags(c, "dqi_valid", &rp_x_if_dqinfo_valid, rp_get_u32(d + 20));
	rp_e_close(c->e, '}');
}

/* fs_disk_quota's fields past d_icount (shown with -v). */
static void print_disk_quota_rest(struct rp_ctx *c, const uint8_t *d)
{
	key_s32(c, "d_itimer", d + 56);
	key_s32(c, "d_btimer", d + 60);
	key_u16(c, "d_iwarns", d + 64);
	key_u16(c, "d_bwarns", d + 66);
	key_u64(c, "d_rtb_hardlimit", d + 72);
	key_u64(c, "d_rtb_softlimit", d + 80);
	key_u64(c, "d_rtbcount", d + 88);
	key_s32(c, "d_rtbtimer", d + 96);
	key_u16(c, "d_rtbwarns", d + 100);
}

static void print_disk_quota(struct rp_ctx *c, unsigned i, bool at_exit)
{
	static const char *const limits[] = {"d_blk_hardlimit", "d_blk_softlimit",
					     "d_ino_hardlimit", "d_ino_softlimit",
					     "d_bcount",	"d_icount"};
	const struct rp_mem *m = rp_arg_mem(c, i, at_exit, FS_DISK_QUOTA_SIZE);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "d_version");
	rp_e_int(c->e, (int8_t)d[0]);
	key_flags(c, "d_flags", &rp_x_xfs_dqblk_flags, d[1]);
	rp_e_key(c->e, "d_fieldmask");
	rp_e_hex(c->e, rp_get_u16(d + 2));
	rp_e_key(c->e, "d_id");
	rp_e_uint(c->e, rp_get_u32(d + 4));
	for (unsigned k = 0; k < 6; k++)
		key_u64(c, limits[k], d + 8 + 8 * k);
	if (c->opts->verbose)
		print_disk_quota_rest(c, d);
	else
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

/* struct fs_qfilestat / fs_qfilestatv (the same fields and offsets). */
static void print_qfilestat(struct rp_ctx *c, const char *key, const uint8_t *d)
{
	rp_e_key(c->e, key);
	rp_e_open(c->e, '{');
	key_u64(c, "qfs_ino", d);
	key_u64(c, "qfs_nblks", d + 8);
	rp_e_key(c->e, "qfs_nextents");
	rp_e_uint(c->e, rp_get_u32(d + 16));
	rp_e_close(c->e, '}');
}

/* The time and warning limits both quota stat structs end with. */
static void print_qstat_limits(struct rp_ctx *c, const uint8_t *d)
{
	key_s32(c, "qs_btimelimit", d);
	key_s32(c, "qs_itimelimit", d + 4);
	key_s32(c, "qs_rtbtimelimit", d + 8);
	key_u16(c, "qs_bwarnlimit", d + 12);
	key_u16(c, "qs_iwarnlimit", d + 14);
}

/* struct fs_quota_stat (v: fs_quota_statv, which orders its fields
 * differently and adds the project quota file). */
static void print_quota_stat(struct rp_ctx *c, unsigned i, bool v)
{
	const struct rp_mem *m =
	    rp_arg_mem(c, i, true, v ? FS_QUOTA_STATV_SIZE : FS_QUOTA_STAT_SIZE);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "qs_version");
	rp_e_int(c->e, (int8_t)d[0]);
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
	} else if (v) {
		key_flags(c, "qs_flags", &rp_x_xfs_quota_flags, rp_get_u16(d + 2));
		rp_e_key(c->e, "qs_incoredqs");
		rp_e_uint(c->e, rp_get_u32(d + 4));
		print_qfilestat(c, "qs_uquota", d + 8);
		print_qfilestat(c, "qs_gquota", d + 32);
		print_qfilestat(c, "qs_pquota", d + 56);
		print_qstat_limits(c, d + 80);
	} else {
		key_flags(c, "qs_flags", &rp_x_xfs_quota_flags, rp_get_u16(d + 2));
		print_qfilestat(c, "qs_uquota", d + 8);
		print_qfilestat(c, "qs_gquota", d + 32);
		rp_e_key(c->e, "qs_incoredqs");
		rp_e_uint(c->e, rp_get_u32(d + 56));
		print_qstat_limits(c, d + 60);
	}
	rp_e_close(c->e, '}');
}

/* Q_GETFMT's "[QFMT_VFS_V0]", as the kernel wrote it. */
static void print_format_out(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 4);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_enum(c->e, &rp_x_quota_formats, rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

/* The arguments after the command and its target (args 2 and 3, the id
 * and the data, in both calls), as the command uses them. */
static void print_cmd_data(struct rp_ctx *c, uint32_t cmd)
{
	const uint32_t id = (uint32_t)c->sc->args[2];
	switch (cmd) {
	case Q_QUOTAOFF:
	case Q_SYNC:
	case Q_XQUOTASYNC:
		return;
	case Q_QUOTAON:
		rp_e_enum(c->e, &rp_x_quota_formats, id);
		rp_arg_path(c, 3);
		return;
	case Q_GETFMT:
		print_format_out(c, 3);
		return;
	case Q_GETINFO:
	case Q_SETINFO:
		print_dqinfo(c, 3, cmd == Q_GETINFO);
		return;
	case Q_XGETQSTAT:
	case Q_XGETQSTATV:
		print_quota_stat(c, 3, cmd == Q_XGETQSTATV);
		return;
	case Q_XQUOTAON:
	case Q_XQUOTAOFF:
		rp_arg_flags_at(c, 3, &rp_x_xfs_quota_flags, false);
		return;
	case Q_XQUOTARM:
		rp_arg_flags_at(c, 3, &rp_x_xfs_dqblk_flags, false);
		return;
	default:
		break;
	}
	rp_print_uid(c, id);
	switch (cmd) {
	case Q_GETQUOTA:
	case Q_SETQUOTA:
	case Q_GETNEXTQUOTA:
		print_dqblk(c, 3, cmd != Q_SETQUOTA, cmd == Q_GETNEXTQUOTA);
		break;
	case Q_XGETQUOTA:
	case Q_XGETNEXTQUOTA:
	case Q_XSETQLIM:
		print_disk_quota(c, 3, cmd != Q_XSETQLIM);
		break;
	default:
		rp_e_ptr(c->e, c->sc->args[3]);
	}
}

void rp_dec_quotactl(struct rp_ctx *c)
{
	const uint32_t qcmd = (uint32_t)c->sc->args[0];
	print_qcmd(c, qcmd);
	rp_arg_path(c, 1);
	print_cmd_data(c, QUOTA_CMD(qcmd));
}

void rp_dec_quotactl_fd(struct rp_ctx *c)
{
	const uint32_t qcmd = (uint32_t)c->sc->args[1];
	rp_arg_fd(c, (int32_t)c->sc->args[0]);
	print_qcmd(c, qcmd);
	print_cmd_data(c, QUOTA_CMD(qcmd));
}
