/* ioctl's input-device commands ('E', linux/input.h) as strace 6.1 prints
 * them: the commands whose number carries a length or an axis
 * (EVIOCGNAME(len), EVIOCGABS(ABS_X), EVIOCGBIT(EV_KEY, len)) and the
 * arguments: device ids, key maps, absolute axes, the bit sets of keys,
 * LEDs, sounds and switches, force-feedback effects. */
#include "decode_ioctl.h"

#include <assert.h>
#include <inttypes.h>
#include <linux/input.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define IOC_DIR(cmd)  ((cmd) >> 30)
#define IOC_NR(cmd)   ((cmd)&0xffu)
#define IOC_SIZE(cmd) (((cmd) >> 16) & 0x3fffu)

/* The _IOC_NR of the commands with a parameter in their number. */
enum {
	NR_GNAME = 0x06, /* EVIOCGNAME(len) */
	NR_GPHYS = 0x07,
	NR_GUNIQ = 0x08,
	NR_GPROP = 0x09,
	NR_GMTSLOTS = 0x0a,
	NR_GKEY = 0x18,
	NR_GLED = 0x19,
	NR_GSND = 0x1a,
	NR_GSW = 0x1b,
	NR_GBIT = 0x20, /* EVIOCGBIT(type, len): 0x20 + type, type <= EV_MAX */
	NR_GABS = 0x40, /* EVIOCGABS(axis): 0x40 + axis, axis <= ABS_MAX */
	NR_SABS = 0xc0, /* EVIOCSABS(axis), an _IOW */
};

/* A value inside a command's name: its name; unknown, "0xe /" "* ABS_??? *" "/",
 * or under -X verbose, where the whole name is a comment, "0xe". */
static void print_inner(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			uint32_t v)
{
	const char *const name = rp_xlat_lookup(x, v);
	if (name)
		rp_buf_puts(b, name);
	else if (st == RP_XLAT_VERBOSE)
		rp_buf_printf(b, "%#x", v);
	else
		rp_xlat_enum_text(b, RP_XLAT_ABBREV, x, v);
}

bool rp_ioctl_evdev_name(uint32_t cmd, enum rp_xlat_style st, struct rp_buf *b)
{
	const uint32_t nr = IOC_NR(cmd);
	if (IOC_DIR(cmd) == _IOC_WRITE && nr >= NR_SABS) {
		rp_buf_puts(b, "EVIOCSABS(");
		print_inner(b, st, &rp_x_evdev_abs, nr - NR_SABS);
		rp_buf_putc(b, ')');
		return true;
	}
	if (IOC_DIR(cmd) != _IOC_READ)
		return false;
	if (nr >= NR_GBIT && nr <= NR_GBIT + EV_MAX) {
		rp_buf_puts(b, "EVIOCGBIT(");
		if (nr == NR_GBIT) /* the types themselves, not EV_SYN's codes */
			rp_buf_putc(b, '0');
		else
			print_inner(b, st, &rp_x_evdev_ev, nr - NR_GBIT);
		rp_buf_printf(b, ", %u)", IOC_SIZE(cmd));
		return true;
	}
	if (nr >= NR_GABS && nr <= NR_GABS + ABS_MAX) {
		rp_buf_puts(b, "EVIOCGABS(");
		print_inner(b, st, &rp_x_evdev_abs, nr - NR_GABS);
		rp_buf_putc(b, ')');
		return true;
	}
	static const char *const sized[] = {
	    [NR_GNAME] = "EVIOCGNAME", [NR_GPHYS] = "EVIOCGPHYS",	[NR_GUNIQ] = "EVIOCGUNIQ",
	    [NR_GPROP] = "EVIOCGPROP", [NR_GMTSLOTS] = "EVIOCGMTSLOTS", [NR_GKEY] = "EVIOCGKEY",
	    [NR_GLED] = "EVIOCGLED",   [NR_GSND] = "EVIOCGSND",		[NR_GSW] = "EVIOCGSW",
	};
	if (nr >= sizeof(sized) / sizeof(sized[0]) || !sized[nr])
		return false;
	rp_buf_printf(b, "%s(%u)", sized[nr], IOC_SIZE(cmd));
	return true;
}

/* "[N]" of the u32 behind the argument, in decimal or hex. */
static void print_u32_at(struct rp_ctx *c, bool at_exit, bool hex)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, 4);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	if (hex)
		rp_e_hex(c->e, rp_get_u32(m->data));
	else
		rp_e_uint(c->e, rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

/* EVIOCGREP / EVIOCSREP: [delay, period] */
static void print_repeat(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, 8);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_uint(c->e, rp_get_u32(m->data));
	rp_e_uint(c->e, rp_get_u32(m->data + 4));
	rp_e_close(c->e, ']');
}

/* EVIOCGKEYCODE / EVIOCSKEYCODE: [scancode, keycode] */
static void print_keycode(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, 8);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_uint(c->e, rp_get_u32(m->data));
	rp_e_enum(c->e, &rp_x_evdev_keycode, rp_get_u32(m->data + 4));
	rp_e_close(c->e, ']');
}

static void print_keymap_entry(struct rp_ctx *c, bool at_exit)
{
	struct input_keymap_entry ike;
	if (!rp_arg_copy(c, 2, at_exit, &ike, sizeof(ike)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "flags");
	rp_e_uint(c->e, ike.flags);
	rp_e_key(c->e, "len");
	rp_e_uint(c->e, ike.len);
	if (c->opts->verbose) {
		rp_e_key(c->e, "index");
		rp_e_uint(c->e, ike.index);
		rp_e_key(c->e, "keycode");
		rp_e_enum(c->e, &rp_x_evdev_keycode, ike.keycode);
		rp_e_key(c->e, "scancode");
		rp_print_hex_array(c, ike.scancode, sizeof(ike.scancode), 1, false);
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

static void print_input_id(struct rp_ctx *c)
{
	struct input_id id;
	if (!rp_arg_copy(c, 2, true, &id, sizeof(id)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "bustype");
	rp_e_uint(c->e, id.bustype);
	rp_e_key(c->e, "vendor");
	rp_e_uint(c->e, id.vendor);
	rp_e_key(c->e, "product");
	rp_e_uint(c->e, id.product);
	rp_e_key(c->e, "version");
	rp_e_uint(c->e, id.version);
	rp_e_close(c->e, '}');
}

/* EVIOCGABS / EVIOCSABS: struct input_absinfo, as long as the command's
 * size says (the first ones had no resolution). */
static void print_absinfo(struct rp_ctx *c, uint32_t cmd, bool at_exit)
{
	const size_t orig_size = offsetof(struct input_absinfo, resolution);
	const size_t size = IOC_SIZE(cmd);
	if (size < orig_size) {
		rp_e_ptr(c->e, c->sc->args[2]);
		return;
	}
	struct input_absinfo abs = {0};
	const size_t have = size < sizeof(abs) ? size : sizeof(abs);
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, have);
	if (!m)
		return;
	memcpy(&abs, m->data, have);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "value");
	rp_e_uint(c->e, (uint32_t)abs.value);
	rp_e_key(c->e, "minimum");
	rp_e_uint(c->e, (uint32_t)abs.minimum);
	if (c->opts->verbose) {
		rp_e_key(c->e, "maximum");
		rp_e_uint(c->e, (uint32_t)abs.maximum);
		rp_e_key(c->e, "fuzz");
		rp_e_uint(c->e, (uint32_t)abs.fuzz);
		rp_e_key(c->e, "flat");
		rp_e_uint(c->e, (uint32_t)abs.flat);
		if (size >= sizeof(abs)) {
			rp_e_key(c->e, "resolution");
			rp_e_uint(c->e, (uint32_t)abs.resolution);
		}
		if (size != orig_size && size != sizeof(abs))
			rp_e_ellipsis(c->e);
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}

/* The bit sets the kernel wrote (EVIOCGKEY, EVIOCGBIT...): as many bits
 * as the bytes it returned hold, up to the set's max_nr, read in whole
 * longs. "[KEY_A KEY_B]" (without -v four names, then "..."); -X raw: the
 * longs in hex; -X verbose: both, the longs in a comment. */
static void print_bitset(struct rp_ctx *c, const struct rp_xlat *x, unsigned max_nr)
{
	const uint64_t rval = (uint64_t)c->sc->rval;
	const uint64_t nbits = rval > max_nr / 8 ? max_nr : rval * 8;
	const size_t size = (size_t)((nbits + 63) / 64 * 8);
	const struct rp_mem *const m =
	    size ? rp_arg_mem(c, 2, true, size) : (rp_e_ptr(c->e, c->sc->args[2]), NULL);
	if (!m)
		return;
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st != RP_XLAT_RAW) {
		struct rp_buf b = {0};
		rp_buf_putc(&b, '[');
		unsigned shown = 0;
		for (uint64_t bit = 0; bit < nbits; bit++) {
			if (!(m->data[bit / 8] >> (bit % 8) & 1))
				continue;
			if (shown) {
				rp_buf_putc(&b, ' ');
				if (!c->opts->verbose && shown > 3) {
					rp_buf_puts(&b, "...");
					break;
				}
			}
			rp_xlat_enum_text(&b, st, x, bit);
			shown++;
		}
		rp_buf_putc(&b, ']');
		if (!b.oom)
			rp_e_sym(c->e, b.data);
		rp_buf_free(&b);
	}
	if (st == RP_XLAT_RAW) {
		rp_print_hex_array(c, m->data, size / 8, 8, true);
	} else if (st == RP_XLAT_VERBOSE) {
		struct rp_buf b = {0};
		rp_buf_putc(&b, '[');
		for (size_t k = 0; k < size / 8; k++) {
			if (k)
				rp_buf_puts(&b, ", ");
			if (rp_array_cut_at(c->opts, k)) {
				rp_buf_puts(&b, "...");
				break;
			}
			const uint64_t word = rp_get_u64(m->data + 8 * k);
			rp_buf_printf(&b, word ? "%#" PRIx64 : "0", word);
		}
		rp_buf_putc(&b, ']');
		if (!b.oom)
			rp_e_comment(c->e, b.data);
		rp_buf_free(&b);
	}
}

/* EVIOCGMTSLOTS(len): {code=ABS_MT_..., values=[...]}, len / 4 - 1 values. */
static void print_mtslots(struct rp_ctx *c, uint32_t cmd)
{
	const size_t n = IOC_SIZE(cmd) / 4;
	const struct rp_mem *const m = n ? rp_arg_mem(c, 2, true, 4) : NULL;
	if (!n)
		rp_e_ptr(c->e, c->sc->args[2]);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "code");
	rp_e_enum(c->e, &rp_x_evdev_mtslots, rp_get_u32(m->data));
	rp_e_key(c->e, "values");
	struct rp_mem values = *m;
	values.addr += 4;
	values.data += 4;
	values.len -= 4;
	rp_print_array_mem(c, c->sc->args[2] + 4, &values, n - 1, 4, rp_print_int_elem);
	rp_e_close(c->e, '}');
}

/* The sets EVIOCGBIT(type) reads the bits of, by type (EV_PWR's is an int). */
static void print_bits_of_type(struct rp_ctx *c, unsigned type)
{
	static const struct {
		const struct rp_xlat *x;
		unsigned max_nr;
	} sets[EV_MAX + 1] = {
	    [0] = {&rp_x_evdev_ev, EV_MAX},
	    [EV_KEY] = {&rp_x_evdev_keycode, KEY_MAX},
	    [EV_REL] = {&rp_x_evdev_relative_axes, REL_MAX},
	    [EV_ABS] = {&rp_x_evdev_abs, ABS_MAX},
	    [EV_MSC] = {&rp_x_evdev_misc, MSC_MAX},
	    [EV_SW] = {&rp_x_evdev_switch, SW_MAX},
	    [EV_LED] = {&rp_x_evdev_leds, LED_MAX},
	    [EV_SND] = {&rp_x_evdev_snd, SND_MAX},
	    [EV_REP] = {&rp_x_evdev_autorepeat, REP_MAX},
	    [EV_FF] = {&rp_x_evdev_ff_types, FF_MAX},
	    [EV_FF_STATUS] = {&rp_x_evdev_ff_status, FF_STATUS_MAX},
	};
	assert(type <= EV_MAX);
	if (type == EV_PWR) {
		const struct rp_mem *const m = rp_arg_mem(c, 2, true, 4);
		if (m)
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
	} else if (sets[type].x) {
		print_bitset(c, sets[type].x, sets[type].max_nr);
	} else {
		rp_e_ptr(c->e, c->sc->args[2]);
	}
}

static void print_read(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case EVIOCGVERSION:
		print_u32_at(c, true, true);
		return;
	case EVIOCGEFFECTS:
		print_u32_at(c, true, false);
		return;
	case EVIOCGID:
		print_input_id(c);
		return;
	case EVIOCGREP:
		print_repeat(c, true);
		return;
	case EVIOCGKEYCODE:
		print_keycode(c, true);
		return;
	case EVIOCGKEYCODE_V2:
		print_keymap_entry(c, true);
		return;
	default:
		break;
	}
	const uint32_t nr = IOC_NR(cmd);
	switch (nr) {
	case NR_GMTSLOTS:
		print_mtslots(c, cmd);
		return;
	case NR_GNAME:
	case NR_GPHYS:
	case NR_GUNIQ: /* as many bytes as the call returned */
		if (c->exiting_ok)
			rp_arg_buf(c, 2, (uint64_t)c->sc->rval, true, false);
		else
			rp_e_ptr(c->e, c->sc->args[2]);
		return;
	case NR_GPROP:
		print_bitset(c, &rp_x_evdev_prop, INPUT_PROP_MAX);
		return;
	case NR_GSND:
		print_bitset(c, &rp_x_evdev_snd, SND_MAX);
		return;
	case NR_GSW:
		print_bitset(c, &rp_x_evdev_switch, SW_MAX);
		return;
	case NR_GKEY:
		print_bitset(c, &rp_x_evdev_keycode, KEY_MAX);
		return;
	case NR_GLED:
		print_bitset(c, &rp_x_evdev_leds, LED_MAX);
		return;
	default:
		break;
	}
	if (nr >= NR_GABS && nr <= NR_GABS + ABS_MAX)
		print_absinfo(c, cmd, true);
	else if (nr >= NR_GBIT && nr <= NR_GBIT + EV_MAX)
		print_bits_of_type(c, nr - NR_GBIT);
	else
		rp_e_ptr(c->e, c->sc->args[2]);
}

static void print_ff_envelope(struct rp_ctx *c, const struct ff_envelope *e)
{
	rp_e_key(c->e, "envelope");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "attack_length");
	rp_e_uint(c->e, e->attack_length);
	rp_e_key(c->e, "attack_level");
	rp_e_uint(c->e, e->attack_level);
	rp_e_key(c->e, "fade_length");
	rp_e_uint(c->e, e->fade_length);
	rp_e_key(c->e, "fade_level");
	rp_e_hex(c->e, e->fade_level);
	rp_e_close(c->e, '}');
}

/* The member of struct ff_effect's union its type uses, if any. */
static void print_ff_union(struct rp_ctx *c, const struct ff_effect *f)
{
	switch (f->type) {
	case FF_CONSTANT:
		rp_e_key(c->e, "constant");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "level");
		rp_e_int(c->e, f->u.constant.level);
		print_ff_envelope(c, &f->u.constant.envelope);
		break;
	case FF_RAMP:
		rp_e_key(c->e, "ramp");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "start_level");
		rp_e_int(c->e, f->u.ramp.start_level);
		rp_e_key(c->e, "end_level");
		rp_e_int(c->e, f->u.ramp.end_level);
		print_ff_envelope(c, &f->u.ramp.envelope);
		break;
	case FF_PERIODIC:
		rp_e_key(c->e, "periodic");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "waveform");
		rp_e_uint(c->e, f->u.periodic.waveform);
		rp_e_key(c->e, "period");
		rp_e_uint(c->e, f->u.periodic.period);
		rp_e_key(c->e, "magnitude");
		rp_e_int(c->e, f->u.periodic.magnitude);
		rp_e_key(c->e, "offset");
		rp_e_int(c->e, f->u.periodic.offset);
		rp_e_key(c->e, "phase");
		rp_e_uint(c->e, f->u.periodic.phase);
		print_ff_envelope(c, &f->u.periodic.envelope);
		rp_e_key(c->e, "custom_len");
		rp_e_uint(c->e, f->u.periodic.custom_len);
		rp_e_key(c->e, "custom_data");
		rp_e_ptr(c->e, (uint64_t)(uintptr_t)f->u.periodic.custom_data);
		break;
	case FF_RUMBLE:
		rp_e_key(c->e, "rumble");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "strong_magnitude");
		rp_e_uint(c->e, f->u.rumble.strong_magnitude);
		rp_e_key(c->e, "weak_magnitude");
		rp_e_uint(c->e, f->u.rumble.weak_magnitude);
		break;
	default:
		return; /* the others' parameters are not printed */
	}
	rp_e_close(c->e, '}');
}

/* EVIOCSFF: struct ff_effect, its parameters under -v. */
static void print_ff_effect(struct rp_ctx *c)
{
	struct ff_effect f;
	if (!rp_arg_copy(c, 2, false, &f, sizeof(f)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "type");
	rp_e_enum(c->e, &rp_x_evdev_ff_types, f.type);
	rp_e_key(c->e, "id");
	rp_e_int(c->e, f.id);
	rp_e_key(c->e, "direction");
	rp_e_uint(c->e, f.direction);
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		rp_e_close(c->e, '}');
		return;
	}
	rp_e_key(c->e, "trigger");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "button");
	rp_e_uint(c->e, f.trigger.button);
	rp_e_key(c->e, "interval");
	rp_e_uint(c->e, f.trigger.interval);
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "replay");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "length");
	rp_e_uint(c->e, f.replay.length);
	rp_e_key(c->e, "delay");
	rp_e_uint(c->e, f.replay.delay);
	rp_e_close(c->e, '}');
	print_ff_union(c, &f);
	rp_e_close(c->e, '}');
}

static void print_write(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case EVIOCSREP:
		print_repeat(c, false);
		return;
	case EVIOCSKEYCODE:
		print_keycode(c, false);
		return;
	case EVIOCSKEYCODE_V2:
		print_keymap_entry(c, false);
		return;
	case EVIOCRMFF: /* the effect's id itself */
		rp_e_int(c->e, (int32_t)arg);
		return;
	case EVIOCGRAB:
	case EVIOCREVOKE:
		rp_e_uint(c->e, arg);
		return;
	case EVIOCSCLOCKID:
		print_u32_at(c, false, false);
		return;
	case EVIOCSFF:
		print_ff_effect(c);
		return;
	default:
		break;
	}
	if (IOC_NR(cmd) >= NR_SABS)
		print_absinfo(c, cmd, false);
	else
		rp_e_ptr(c->e, arg);
}

bool rp_ioctl_evdev(struct rp_ctx *c, uint32_t cmd)
{
	switch (IOC_DIR(cmd)) {
	case _IOC_READ:
		print_read(c, cmd);
		return true;
	case _IOC_WRITE:
		print_write(c, cmd);
		return true;
	default: /* strace decodes no _IOWR or _IO input command */
		return false;
	}
}
