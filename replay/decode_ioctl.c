/* ioctl's argument for the device commands strace 6.1 decodes beyond the
 * terminal's (decode_io.c's dispatcher asks here first): counters, file
 * attribute flags, inotify, the random device. Which family a command
 * belongs to is its _IOC type; what memory the recorder captured is what
 * the command's _IOC direction and size say (syscall_conds_x86_64.def). */
#include "rp_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IOC_TYPE(cmd) (((cmd) >> 8) & 0xffu)

/* [flags] behind arg 2: an input at entry, or an output the call wrote. */
static void flags_at(struct rp_ctx *c, const struct rp_xlat *x, bool at_exit)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, at_exit, 4);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_flags(c->e, x, rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

/* [N] of an int behind arg 2. */
static void int_at(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, at_exit, 4);
	if (m)
		rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
}

/* ---- counter ('>') ---- */

/* struct counter_watch: component {u8 type, scope, parent, id}, u8 event,
 * u8 channel. */
static void print_counter_watch(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, false, 6);
	if (!m)
		return;
	const uint8_t *p = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "component");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "type");
	rp_e_enum(c->e, &rp_x_counter_component_type, p[0]);
	rp_e_key(c->e, "scope");
	rp_e_enum(c->e, &rp_x_counter_scope, p[1]);
	rp_e_key(c->e, "parent");
	rp_e_uint(c->e, p[2]);
	rp_e_key(c->e, "id");
	rp_e_uint(c->e, p[3]);
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "event");
	rp_e_enum(c->e, &rp_x_counter_event, p[4]);
	rp_e_key(c->e, "channel");
	rp_e_uint(c->e, p[5]);
	rp_e_close(c->e, '}');
}

static bool counter_arg(struct rp_ctx *c, const char *name)
{
	if (strcmp(name, "COUNTER_ADD_WATCH_IOCTL") == 0)
		print_counter_watch(c);
	else if (strcmp(name, "COUNTER_ENABLE_EVENTS_IOCTL") != 0 &&
		 strcmp(name, "COUNTER_DISABLE_EVENTS_IOCTL") != 0)
		return false;
	return true;
}

/* ---- file attribute flags ('f') ---- */

static bool fs_f_arg(struct rp_ctx *c, const char *name)
{
	if (strcmp(name, "FS_IOC_GETFLAGS") == 0 || strcmp(name, "FS_IOC32_GETFLAGS") == 0)
		flags_at(c, &rp_x_fs_flags, true);
	else if (strcmp(name, "FS_IOC_SETFLAGS") == 0 || strcmp(name, "FS_IOC32_SETFLAGS") == 0)
		flags_at(c, &rp_x_fs_flags, false);
	else
		return false;
	return true;
}

/* ---- inotify ('I') ---- */

static bool inotify_arg(struct rp_ctx *c, const char *name)
{
	if (strcmp(name, "INOTIFY_IOC_SETNEXTWD") != 0)
		return false;
	rp_e_int(c->e, (int32_t)c->sc->args[2]); /* the next descriptor itself */
	return true;
}

/* ---- random ('R') ---- */

static bool random_arg(struct rp_ctx *c, const char *name)
{
	if (strcmp(name, "RNDGETENTCNT") == 0)
		int_at(c, true);
	else if (strcmp(name, "RNDADDTOENTCNT") == 0)
		int_at(c, false);
	else if (strcmp(name, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT") != 0 &&
		 strcmp(name, "RNDCLEARPOOL") != 0 && strcmp(name, "RNDRESEEDCRNG") != 0)
		return false;
	return true;
}

bool rp_ioctl_dev_arg(struct rp_ctx *c, uint32_t cmd, const char *name)
{
	if (!name)
		return false;
	switch (IOC_TYPE(cmd)) {
	case '>':
		return counter_arg(c, name);
	case 'f':
		return fs_f_arg(c, name);
	case 'I':
		return inotify_arg(c, name);
	case 'R':
		return random_arg(c, name);
	default:
		return false;
	}
}
