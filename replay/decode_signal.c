/* Signal calls: handlers, masks, sending. */
#include "rp_internal.h"

#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

#define SA_RESTORER 0x04000000u

static void print_sigaction(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 32);
	if (!m)
		return;
	const uint64_t handler = rp_get_u64(m->data), flags = rp_get_u64(m->data + 8);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sa_handler");
	if (handler == 0)
		rp_e_sym(c->e, "SIG_DFL");
	else if (handler == 1)
		rp_e_sym(c->e, "SIG_IGN");
	else
		rp_e_hex(c->e, handler);
	rp_e_key(c->e, "sa_mask");
	rp_print_sigset(c, m->data + 24, 8);
	rp_e_key(c->e, "sa_flags");
	rp_e_flags(c->e, &rp_x_sa_flags, flags);
	if (flags & SA_RESTORER) {
		rp_e_key(c->e, "sa_restorer");
		rp_e_ptr(c->e, rp_get_u64(m->data + 16));
	}
	rp_e_close(c->e, '}');
}

static void print_sigset_arg(struct rp_ctx *c, unsigned i, bool out, uint64_t size)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 1);
	if (m)
		rp_print_sigset(c, m->data, m->len < size ? m->len : (size_t)size);
}

bool rp_decode_signal(struct rp_ctx *c, const char *name)
{
	const uint64_t *a = c->sc->args;
	if (IS("rt_sigaction")) {
		rp_print_signame(c, (int32_t)a[0]);
		print_sigaction(c, 1, false);
		print_sigaction(c, 2, true);
		rp_e_uint(c->e, a[3]);
	} else if (IS("rt_sigprocmask")) {
		rp_e_enum(c->e, &rp_x_sigprocmask_how, (uint32_t)a[0]);
		print_sigset_arg(c, 1, false, a[3]);
		print_sigset_arg(c, 2, true, a[3]);
		rp_e_uint(c->e, a[3]);
	} else if (IS("rt_sigsuspend")) {
		print_sigset_arg(c, 0, false, a[1]);
		rp_e_uint(c->e, a[1]);
	} else if (IS("rt_sigreturn")) {
		/* strace reads the mask from the signal frame */
		const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 0);
		if (m && m->len >= 8) {
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "mask");
			rp_print_sigset(c, m->data, 8);
			rp_e_close(c->e, '}');
		} else {
			rp_e_raw(c->e, "{mask=[]}");
		}
	} else if (IS("rt_sigqueueinfo") || IS("rt_tgsigqueueinfo")) {
		const unsigned n = IS("rt_sigqueueinfo") ? 1 : 2;
		for (unsigned k = 0; k < n; k++)
			rp_e_int(c->e, (int32_t)a[k]);
		rp_print_signame(c, (int32_t)a[n]);
		const struct rp_mem *m = rp_arg_mem(c, n + 1, false, 48);
		if (m)
			rp_print_siginfo(c->e, m->data, m->len);
	} else if (IS("kill") || IS("tkill")) {
		rp_e_int(c->e, (int32_t)a[0]);
		rp_print_signame(c, (int32_t)a[1]);
	} else if (IS("tgkill")) {
		rp_e_int(c->e, (int32_t)a[0]);
		rp_e_int(c->e, (int32_t)a[1]);
		rp_print_signame(c, (int32_t)a[2]);
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_signal(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}

bool rp_rval_signal(struct rp_ctx *c, const char *name, struct rp_buf *b)
{
	(void)c;
	(void)name;
	(void)b;
	return false;
}
