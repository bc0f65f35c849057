/* ioctl commands of several small families as strace 6.1 prints them:
 * terminal modem lines (TIOCM*), watchdogs (WDIOC_*). decode_io.c's
 * dispatcher asks rp_ioctl_misc first; the recorder captures the memory
 * these print by common/syscall_conds_<arch>.def's ioctl rules. */
#include "rp_internal.h"

#include <stdio.h>
#include <string.h>

enum misc_arg {
	MA_NONE,      /* nothing after the command */
	MA_HEX,	      /* the argument in hex, not followed */
	MA_INT_IN,    /* [N] read at entry */
	MA_INT_OUT,   /* [N] written by a successful call */
	MA_TIOCM_IN,  /* [TIOCM_...] read at entry */
	MA_TIOCM_OUT, /* [TIOCM_...] written by a successful call */
};

/* How strace prints each command's argument, by the command's name in
 * ioctl_misc_cmd or ioctl_cmd. */
static const struct {
	const char *name;
	uint8_t arg; /* enum misc_arg */
} misc_args[] = {
    {"TIOCMGET", MA_TIOCM_OUT},		 {"TIOCMBIS", MA_TIOCM_IN},
    {"TIOCMBIC", MA_TIOCM_IN},		 {"TIOCMSET", MA_TIOCM_IN},
    {"WDIOC_GETSTATUS", MA_INT_OUT},	 {"WDIOC_GETBOOTSTATUS", MA_INT_OUT},
    {"WDIOC_GETTEMP", MA_INT_OUT},	 {"WDIOC_SETOPTIONS", MA_HEX},
    {"WDIOC_KEEPALIVE", MA_NONE},	 {"WDIOC_GETTIMEOUT", MA_INT_OUT},
    {"WDIOC_GETPRETIMEOUT", MA_INT_OUT}, {"WDIOC_GETTIMELEFT", MA_INT_OUT},
    {"WDIOC_SETTIMEOUT", MA_INT_IN},	 {"WDIOC_SETPRETIMEOUT", MA_INT_IN},
};

static int misc_arg(const char *name)
{
	for (size_t i = 0; name && i < sizeof(misc_args) / sizeof(misc_args[0]); i++) {
		if (strcmp(misc_args[i].name, name) == 0)
			return misc_args[i].arg;
	}
	return -1;
}

/* "[N]" or "[FLAGS]" of the int behind the argument. */
static void print_int_arg(struct rp_ctx *c, bool at_exit, const struct rp_xlat *flags)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, at_exit, 4);
	if (!m)
		return;
	const uint32_t v = rp_get_u32(m->data);
	rp_e_open(c->e, '[');
	if (flags)
		rp_e_flags(c->e, flags, v);
	else
		rp_e_int(c->e, (int32_t)v);
	rp_e_close(c->e, ']');
}

bool rp_ioctl_misc(struct rp_ctx *c, uint32_t cmd)
{
	const char *name = rp_xlat_lookup(&rp_x_ioctl_misc_cmd, cmd);
	if (!name)
		name = rp_xlat_lookup(&rp_x_ioctl_cmd, cmd);
	const int arg = misc_arg(name);
	if (arg < 0)
		return false;
	rp_e_symx(c->e, name, cmd);
	switch ((enum misc_arg)arg) {
	case MA_NONE:
		break;
	case MA_HEX:
		rp_e_hex(c->e, c->sc->args[2]);
		break;
	case MA_INT_IN:
	case MA_INT_OUT:
		print_int_arg(c, arg == MA_INT_OUT, NULL);
		break;
	case MA_TIOCM_IN:
	case MA_TIOCM_OUT:
		print_int_arg(c, arg == MA_TIOCM_OUT, &rp_x_tiocm);
		break;
	}
	return true;
}
