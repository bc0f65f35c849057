/* Signal calls: handlers, masks, sending. */
#include "rp_internal.h"

#include "names.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
		rp_e_symx(c->e, "SIG_DFL", 0);
	else if (handler == 1)
		rp_e_symx(c->e, "SIG_IGN", 1);
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

/* A sigset of size bytes: strace reads it only when the size is the
 * kernel's (8 on x86_64), else shows the address. */
static void print_sigset_arg(struct rp_ctx *c, unsigned i, bool out, uint64_t size)
{
	if (size != 8) {
		rp_arg_ptr(c, i);
		return;
	}
	const struct rp_mem *m = rp_arg_mem(c, i, out, 8);
	if (m)
		rp_print_sigset(c, m->data, 8);
}

#define SS_ONSTACK    1u
#define SS_DISABLE    2u
#define SS_AUTODISARM (1u << 31)

static void print_stack_t(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 24);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "ss_sp");
	rp_e_ptr(c->e, rp_get_u64(m->data));
	rp_e_key(c->e, "ss_flags");
	uint32_t f = rp_get_u32(m->data + 8);
	struct rp_buf b = {0};
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {{SS_ONSTACK, "SS_ONSTACK"},
		     {SS_DISABLE, "SS_DISABLE"},
		     {SS_AUTODISARM, "SS_AUTODISARM"}};
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (f & names[k].bit) {
			rp_buf_printf(&b, "%s%s", b.len ? "|" : "", names[k].name);
			f &= ~names[k].bit;
		}
	}
	if (f || !b.len)
		rp_buf_printf(&b, b.len ? "|%#x" : (f ? "%#x /* SS_??? */" : "0"), f);
	const uint32_t all = rp_get_u32(m->data + 8);
	if (rp_e_xstyle(c->e) == RP_XLAT_RAW || (rp_e_xstyle(c->e) == RP_XLAT_VERBOSE && !all)) {
		rp_e_rawf(c->e, "%#x", all);
	} else if (rp_e_xstyle(c->e) == RP_XLAT_VERBOSE) {
		/* -X verbose: "0x2 /" "* SS_DISABLE *" "/" */
		rp_e_rawf(c->e, "%#x /* %s */", all, b.data);
	} else {
		rp_e_raw(c->e, b.data);
	}
	rp_buf_free(&b);
	rp_e_key(c->e, "ss_size");
	rp_e_uint(c->e, rp_get_u64(m->data + 16));
	rp_e_close(c->e, '}');
}

static void print_timespec_in(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, 16);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data));
	rp_e_key(c->e, "tv_nsec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 8));
	rp_e_close(c->e, '}');
}

void rp_dec_rt_sigaction(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_signame(c, (int32_t)a[0]);
	print_sigaction(c, 1, false);
	print_sigaction(c, 2, true);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_rt_sigprocmask(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_sigprocmask_how, (uint32_t)a[0]);
	print_sigset_arg(c, 1, false, a[3]);
	print_sigset_arg(c, 2, true, a[3]);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_rt_sigsuspend(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_sigset_arg(c, 0, false, a[1]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_rt_sigreturn(struct rp_ctx *c)
{
	/* strace reads the mask from the signal frame */
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 0);
	if (m && m->len >= 8) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "mask");
		if (c->deref)
			rp_print_sigset(c, m->data, 8);
		else /* -e verbose=: where the mask is in the frame */
			rp_e_ptr(c->e, m->addr);
		rp_e_close(c->e, '}');
	} else {
		rp_e_raw(c->e, "{mask=?}"); /* the frame could not be read */
	}
}

/* pid (and tid), signal, siginfo: the signal is argument n */
static void sigqueueinfo(struct rp_ctx *c, unsigned n)
{
	const uint64_t *a = c->sc->args;
	for (unsigned k = 0; k < n; k++)
		rp_e_int(c->e, (int32_t)a[k]);
	rp_print_signame(c, (int32_t)a[n]);
	const struct rp_mem *m = rp_arg_mem(c, n + 1, false, 48);
	if (m)
		rp_print_siginfo(c->e, m->data, m->len, rp_fd_names(c), c->ev->tid);
}

void rp_dec_rt_sigqueueinfo(struct rp_ctx *c)
{
	sigqueueinfo(c, 1);
}

void rp_dec_rt_tgsigqueueinfo(struct rp_ctx *c)
{
	sigqueueinfo(c, 2);
}

void rp_dec_rt_sigtimedwait(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_sigset_arg(c, 0, false, a[3]);
	const struct rp_mem *m = rp_arg_mem(c, 1, true, 48);
	if (m)
		rp_print_siginfo(c->e, m->data, m->len, rp_fd_names(c), c->ev->tid);
	print_timespec_in(c, 2);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_sigaltstack(struct rp_ctx *c)
{
	print_stack_t(c, 0, false);
	print_stack_t(c, 1, true);
}

void rp_dec_alarm(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_uint(c->e, (uint32_t)a[0]);
}

void rp_dec_kill(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_print_signame(c, (int32_t)a[1]);
}

void rp_dec_tgkill(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_e_int(c->e, (int32_t)a[1]);
	rp_print_signame(c, (int32_t)a[2]);
}

/* the signal taken: "12 (SIGUSR2)" */
bool rp_rv_SIGNAL(struct rp_ctx *c, struct rp_buf *b)
{
	const int64_t r = c->sc->rval;
	const char *const name = r > 0 && r <= 64 ? strec_signal_name((int)r) : NULL;
	if (!name)
		return false;
	rp_buf_printf(b, "%" PRId64 " (%s)", r, name);
	return true;
}
