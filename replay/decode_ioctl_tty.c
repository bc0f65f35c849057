/* ioctl's terminal commands ('T'), as strace 6.1 prints them: termios,
 * window sizes, modem lines, and the int arguments of the rest. */
#include "decode_ioctl.h"

#include <stddef.h>
#include <stdio.h>
#include <asm/termbits.h> /* struct termios2, which TCGETS2 sizes */
#include <sys/ioctl.h>

/* Termios flags as strace prints them: names, then the rest in hex; a
 * zero value prints nothing at all. */
static void tflags(struct rp_buf *b, const struct rp_xlat *x, uint32_t v, bool *first)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct rp_xlat_entry *t = &x->e[i];
		if ((v & t->val) == t->val && t->val) {
			rp_buf_printf(b, "%s%s", *first ? "" : "|", t->name);
			*first = false;
			v &= ~(uint32_t)t->val;
		}
	}
	if (v) {
		rp_buf_printf(b, "%s%#x", *first ? "" : "|", v);
		*first = false;
	}
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* c_cflag's speed (CBAUD: the low four bits and CBAUDEX): every value has
 * a name. */
static const char *baud_name(uint32_t cbaud)
{
	return rp_xlat_lookup(&rp_x_termios_baud, cbaud & 010017);
}

/* c_oflag's delay fields, values under their masks, printed before the
 * flags. */
static const struct {
	uint32_t mask;
	const struct rp_xlat *x;
} odelays[] = {
    {0400, &rp_x_termios_nldly},   {03000, &rp_x_termios_crdly},  {014000, &rp_x_termios_tabdly},
    {020000, &rp_x_termios_bsdly}, {040000, &rp_x_termios_vtdly}, {0100000, &rp_x_termios_ffdly},
};

/* One part of a termios word per -X: "NAME", "0x5", "0x5 /" "* NAME *" "/". */
static void tpart(struct rp_buf *b, enum rp_xlat_style st, uint32_t v, const char *names)
{
	char num[16];
	snprintf(num, sizeof(num), "%#x", v);
	rp_xlat_named_text(b, st, num, names);
}

/* A flag word of set x as one part. */
static void tpart_flags(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			uint32_t v)
{
	if (!v)
		return; /* strace prints nothing for no flags at all */
	struct rp_buf names = {0};
	bool first = true;
	tflags(&names, x, v, &first);
	tpart(b, st, v, names.data);
	rp_buf_free(&names);
}

/* A terminal's settings as the three structs carry them (struct termios,
 * termios2's speeds, the old struct termio's 16-bit flags and 8 control
 * characters). */
struct term_view {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	const uint8_t *cc;
	unsigned ncc;
	bool speeds; /* termios2's c_ispeed, c_ospeed follow */
	uint32_t ispeed, ospeed;
};

/* c_iflag..c_lflag with -X raw or verbose: each field (delays, speed,
 * size, the flags) a number of its own, as strace prints them. */
static void print_termios_flags_x(struct rp_ctx *c, const struct term_view *t,
				  enum rp_xlat_style st)
{
	const uint32_t ifl = t->iflag, ofl = t->oflag, cfl = t->cflag, lfl = t->lflag;
	struct rp_buf b = {0};
	rp_e_key(c->e, "c_iflag");
	tpart_flags(&b, st, &rp_x_termios_iflag, ifl);
	rp_e_raw(c->e, b.len ? b.data : "");
	b.len = 0;
	for (size_t i = 0; i < NELEM(odelays); i++) {
		const uint32_t v = ofl & odelays[i].mask;
		tpart(&b, st, v, rp_xlat_lookup(odelays[i].x, v));
		rp_buf_putc(&b, '|');
	}
	tpart_flags(&b, st, &rp_x_termios_oflag, ofl & ~0177400u);
	rp_e_key(c->e, "c_oflag");
	rp_e_raw(c->e, b.len ? b.data : "");
	b.len = 0;
	tpart(&b, st, cfl & 010017, baud_name(cfl & 010017));
	rp_buf_putc(&b, '|');
	if (cfl & (010017u << 16)) {
		tpart(&b, st, (cfl >> 16) & 010017, baud_name((cfl >> 16) & 010017));
		rp_buf_puts(&b, "<<IBSHIFT|");
	}
	char cs[8];
	snprintf(cs, sizeof(cs), "CS%u", 5 + ((cfl >> 4) & 3));
	tpart(&b, st, cfl & 060, cs);
	rp_buf_putc(&b, '|');
	tpart_flags(&b, st, &rp_x_termios_cflag, cfl & ~(010017u | (010017u << 16) | 060u));
	rp_e_key(c->e, "c_cflag");
	rp_e_raw(c->e, b.len ? b.data : "");
	b.len = 0;
	tpart_flags(&b, st, &rp_x_termios_lflag, lfl);
	rp_e_key(c->e, "c_lflag");
	rp_e_raw(c->e, b.len ? b.data : "");
	rp_buf_free(&b);
}

static void print_term(struct rp_ctx *c, const struct term_view *t)
{
	struct rp_buf b = {0};
	const uint32_t ifl = t->iflag, ofl = t->oflag, cfl = t->cflag, lfl = t->lflag;
	bool first = true;
	rp_e_open(c->e, '{');
	if (rp_e_xstyle(c->e) != RP_XLAT_ABBREV) {
		print_termios_flags_x(c, t, rp_e_xstyle(c->e));
		goto flags_done;
	}
	rp_e_key(c->e, "c_iflag");
	tflags(&b, &rp_x_termios_iflag, ifl, &first);
	rp_e_raw(c->e, b.data ? b.data : "");
	/* the delay fields are values inside masks, printed first */
	b.len = 0;
	for (size_t i = 0; i < NELEM(odelays); i++)
		rp_buf_printf(&b, "%s|", rp_xlat_lookup(odelays[i].x, ofl & odelays[i].mask));
	first = true;
	tflags(&b, &rp_x_termios_oflag, ofl & ~0177400u, &first);
	rp_e_key(c->e, "c_oflag");
	rp_e_raw(c->e, b.data);
	b.len = 0;
	rp_buf_printf(&b, "%s|", baud_name(cfl & 010017));
	if (cfl & (010017u << 16))
		rp_buf_printf(&b, "%s<<IBSHIFT|", baud_name((cfl >> 16) & 010017));
	rp_buf_printf(&b, "CS%u|", 5 + ((cfl >> 4) & 3));
	first = true;
	tflags(&b, &rp_x_termios_cflag, cfl & ~(010017u | (010017u << 16) | 060u), &first);
	rp_e_key(c->e, "c_cflag");
	rp_e_raw(c->e, b.data);
	b.len = 0;
	if (b.data)
		b.data[0] = '\0';
	first = true;
	tflags(&b, &rp_x_termios_lflag, lfl, &first);
	rp_e_key(c->e, "c_lflag");
	rp_e_raw(c->e, b.data && b.len ? b.data : "");
flags_done:
	rp_buf_free(&b);
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		rp_e_close(c->e, '}');
		return;
	}
	rp_e_key(c->e, "c_line");
	rp_e_enum(c->e, &rp_x_tty_ldisc, t->line);
	rp_e_key(c->e, "c_cc");
	rp_e_open(c->e, '[');
	for (unsigned k = 0; k < t->ncc; k++) {
		char key[24];
		const char *const cc = rp_xlat_lookup(&rp_x_termios_cc, k);
		if (cc)
			snprintf(key, sizeof(key), "[%s]", cc);
		else
			snprintf(key, sizeof(key), "[%u]", k);
		rp_e_key(c->e, key);
		rp_e_hex(c->e, t->cc[k]);
	}
	rp_e_close(c->e, ']');
	if (t->speeds) {
		rp_e_key(c->e, "c_ispeed");
		rp_e_uint(c->e, t->ispeed);
		rp_e_key(c->e, "c_ospeed");
		rp_e_uint(c->e, t->ospeed);
	}
	rp_e_close(c->e, '}');
}

/* struct termios (the kernel's, NCCS 19) and termios2 behind the argument */
static void print_termios_at(struct rp_ctx *c, bool at_exit, bool termios2)
{
	const struct rp_mem *m = rp_arg_mem(
	    c, 2, at_exit, termios2 ? sizeof(struct termios2) : sc_type_size(SC_T_TERMIOS));
	if (!m)
		return;
	const uint8_t *const p = m->data;
	const struct term_view t = {
	    .iflag = rp_get_u32(p),
	    .oflag = rp_get_u32(p + 4),
	    .cflag = rp_get_u32(p + 8),
	    .lflag = rp_get_u32(p + 12),
	    .line = p[16],
	    .cc = p + 17,
	    .ncc = 19,
	    .speeds = termios2,
	    .ispeed = termios2 ? rp_get_u32(p + offsetof(struct termios2, c_ispeed)) : 0,
	    .ospeed = termios2 ? rp_get_u32(p + offsetof(struct termios2, c_ospeed)) : 0,
	};
	print_term(c, &t);
}

/* the old struct termio: 16-bit flags, 8 control characters */
static void print_termio_at(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, at_exit, sc_type_size(SC_T_TERMIO));
	if (!m)
		return;
	const uint8_t *const p = m->data;
	const struct term_view t = {
	    .iflag = rp_get_u16(p),
	    .oflag = rp_get_u16(p + 2),
	    .cflag = rp_get_u16(p + 4),
	    .lflag = rp_get_u16(p + 6),
	    .line = p[8],
	    .cc = p + 9,
	    .ncc = 8,
	};
	print_term(c, &t);
}

static void print_winsize(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const k[] = {"ws_row", "ws_col", "ws_xpixel", "ws_ypixel"};
	rp_e_open(c->e, '{');
	for (int j = 0; j < 4; j++) {
		rp_e_key(c->e, k[j]);
		rp_e_uint(c->e, rp_get_u16(p + 2 * j));
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_tty(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	const struct rp_mem *m;
	switch (cmd) {
	case TCGETS:
	case TIOCGLCKTRMIOS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TIOCSLCKTRMIOS:
		print_termios_at(c, cmd == TCGETS || cmd == TIOCGLCKTRMIOS, false);
		return true;
	case TCGETS2:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
		print_termios_at(c, cmd == TCGETS2, true);
		return true;
	case TCGETA:
	case TCSETA:
	case TCSETAW:
	case TCSETAF:
		print_termio_at(c, cmd == TCGETA);
		return true;
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		if ((m = rp_arg_mem(c, 2, cmd == TIOCGWINSZ, 8)))
			print_winsize(c, m->data);
		return true;
	case TIOCMGET:
		rp_arg_flags_at(c, 2, &rp_x_tiocm, true);
		return true;
	case TIOCMBIS:
	case TIOCMBIC:
	case TIOCMSET:
		rp_arg_flags_at(c, 2, &rp_x_tiocm, false);
		return true;
	case TCSBRK:
	case TCSBRKP:
	case TIOCSCTTY:
		rp_e_int(c->e, (int32_t)arg);
		return true;
	case TCXONC:
		rp_e_enum(c->e, &rp_x_tcxonc, arg);
		return true;
	case TCFLSH:
		rp_e_enum(c->e, &rp_x_tcflsh, arg);
		return true;
	case TIOCGPGRP:
	case TIOCGSID:
		rp_arg_id_at(c, 2, true);
		return true;
	case TIOCSPGRP:
		rp_arg_id_at(c, 2, false);
		return true;
	case TIOCOUTQ:
	case FIONREAD:
	case TIOCGETD:
	case TIOCGPTN:
	case TIOCGPTLCK:
	case TIOCGEXCL:
		rp_arg_int_at(c, 2, true);
		return true;
	case FIONBIO:
	case TIOCSETD:
	case FIOASYNC:
	case TIOCSPTLCK:
		rp_arg_int_at(c, 2, false);
		return true;
	case TIOCSTI:
	case TIOCGSOFTCAR:
	case TIOCSSOFTCAR:
	case TIOCGSERIAL:
	case TIOCSSERIAL:
	case TIOCPKT:
		rp_arg_ptr(c, 2);
		return true;
	case TIOCEXCL:
	case TIOCNXCL:
	case TIOCCONS:
	case TIOCNOTTY:
	case TIOCSBRK:
	case TIOCCBRK:
	case TIOCVHANGUP:
	case FIONCLEX:
	case FIOCLEX:
		return true; /* no argument */
	default:
		return false;
	}
}
