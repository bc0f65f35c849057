/* ioctl: the descriptor, the command by name (or as strace spells an
 * unknown one, _IOC(dir, type, nr, size)), then the argument as the family
 * of the command's _IOC type decodes it (decode_ioctl.h). */
#include "decode_ioctl.h"

#include <inttypes.h>
#include <linux/nsfs.h>
#include <stdio.h>

/* The family decoder of each _IOC type strace 6.1 decodes. */
static bool (*const families[256])(struct rp_ctx *, uint32_t) = {
    ['T'] = rp_ioctl_tty,     [0x03] = rp_ioctl_hdio,  [0x12] = rp_ioctl_block,
    ['L'] = rp_ioctl_loop,    [0xab] = rp_ioctl_nbd,   ['X'] = rp_ioctl_fs_x,
    ['f'] = rp_ioctl_fs_f,    [0x94] = rp_ioctl_btrfs, ['>'] = rp_ioctl_counter,
    ['I'] = rp_ioctl_inotify, ['R'] = rp_ioctl_random, ['W'] = rp_ioctl_watchdog,
    [0xb7] = rp_ioctl_nsfs,   ['$'] = rp_ioctl_perf,   [0xaa] = rp_ioctl_uffdio,
    ['!'] = rp_ioctl_seccomp, [0xb4] = rp_ioctl_gpio,  ['='] = rp_ioctl_ptp,
    ['p'] = rp_ioctl_rtc,     ['E'] = rp_ioctl_evdev,  [0x89] = rp_ioctl_sock,
    ['o'] = rp_ioctl_ubi,     ['O'] = rp_ioctl_ubi,    ['M'] = rp_ioctl_mtd,
    [0x22] = rp_ioctl_scsi,   [0xa4] = rp_ioctl_tee,   [0xfd] = rp_ioctl_dm,
};

/* The families whose command numbers hold a parameter (decode_ioctl.h). */
static bool (*const namers[256])(uint32_t, enum rp_xlat_style, struct rp_buf *) = {
    ['E'] = rp_ioctl_evdev_name,
    ['M'] = rp_ioctl_mixer_name,
};

/* An unknown command as strace spells it: _IOC(dir, type, nr, size). */
static void print_ioc(struct rp_ctx *c, uint32_t cmd)
{
	static const char *const dirs[4] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE"};
	char ioc[96], num[16];
	snprintf(ioc, sizeof(ioc), "_IOC(%s, %#x, %#x, %#x)", dirs[cmd >> 30], RP_IOC_TYPE(cmd),
		 cmd & 0xffu, (cmd >> 16) & 0x3fffu);
	snprintf(num, sizeof(num), "%#x", cmd);
	rp_e_named(c->e, num, ioc); /* -X: "0x1234abcd /" "* _IOC(...) *" "/" */
}

void rp_dec_ioctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	const uint32_t cmd = (uint32_t)a[1];
	const char *const name = rp_xlat_lookup(&rp_x_ioctl_cmd, cmd);
	bool (*const namer)(uint32_t, enum rp_xlat_style, struct rp_buf *) =
	    namers[RP_IOC_TYPE(cmd)];
	/* strace names a number its family spells (MIXER_READ(1)) and then
	 * every table name it has too: "MIXER_READ(1) or MEMGETINFO" */
	struct rp_buf composed = {0};
	if (namer && namer(cmd, rp_e_xstyle(c->e), &composed)) {
		if (name) {
			rp_buf_puts(&composed, " or ");
			rp_buf_puts(&composed, name);
		}
	}
	if (composed.len && !composed.oom) {
		rp_e_symx(c->e, composed.data, cmd);
	} else if (name) {
		rp_e_symx(c->e, name, cmd);
	} else {
		print_ioc(c, cmd);
	}
	rp_buf_free(&composed);
	bool (*const family)(struct rp_ctx *, uint32_t) = families[RP_IOC_TYPE(cmd)];
	if (!family || !family(c, cmd))
		rp_e_hex(c->e, a[2]);
}

/* NS_GET_NSTYPE's "N (CLONE_NEWUSER)"; other results are plain numbers */
bool rp_rv_IOCTL(struct rp_ctx *c, struct rp_buf *b)
{
	if ((uint32_t)c->sc->args[1] != NS_GET_NSTYPE)
		return false;
	const char *const type = rp_xlat_lookup(&rp_x_unshare, (uint64_t)c->sc->rval);
	rp_buf_printf(b, "%" PRId64, c->sc->rval);
	if (type && !c->opts->json)
		rp_buf_printf(b, " (%s)", type);
	return true;
}
