/* Clocks, sleeps and timers. */
#include "rp_internal.h"

#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

static void print_timespec(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 16);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data));
	rp_e_key(c->e, "tv_nsec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 8));
	rp_e_close(c->e, '}');
}

static void print_timeval(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 16);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data));
	rp_e_key(c->e, "tv_usec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 8));
	rp_e_close(c->e, '}');
}

static void print_itimerval(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 32);
	if (!m)
		return;
	static const char *const k[] = { "it_interval", "it_value" };
	rp_e_open(c->e, '{');
	for (int j = 0; j < 2; j++) {
		rp_e_key(c->e, k[j]);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "tv_sec");
		rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 16 * j));
		rp_e_key(c->e, "tv_usec");
		rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 16 * j + 8));
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, '}');
}

bool rp_decode_time(struct rp_ctx *c, const char *name)
{
	const uint64_t *a = c->sc->args;
	if (IS("clock_gettime") || IS("clock_getres")) {
		rp_e_enum(c->e, &rp_x_clockid, (uint32_t)a[0]);
		print_timespec(c, 1, true);
	} else if (IS("clock_nanosleep")) {
		rp_e_enum(c->e, &rp_x_clockid, (uint32_t)a[0]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_TIMER_FLAGS), (uint32_t)a[1]);
		print_timespec(c, 2, false);
		/* the remainder is written only when interrupted */
		if (a[3] && c->sc->is_error)
			print_timespec(c, 3, true);
		else
			rp_e_ptr(c->e, a[3]);
	} else if (IS("nanosleep")) {
		print_timespec(c, 0, false);
		if (a[1] && c->sc->is_error)
			print_timespec(c, 1, true);
		else
			rp_e_ptr(c->e, a[1]);
	} else if (IS("setitimer")) {
		rp_e_enum(c->e, rp_xlat_get(SC_X_ITIMER_WHICH), (uint32_t)a[0]);
		print_itimerval(c, 1, false);
		print_itimerval(c, 2, true);
	} else if (IS("getitimer")) {
		rp_e_enum(c->e, rp_xlat_get(SC_X_ITIMER_WHICH), (uint32_t)a[0]);
		print_itimerval(c, 1, true);
	} else if (IS("gettimeofday")) {
		print_timeval(c, 0, true);
		rp_e_ptr(c->e, a[1]);
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_time(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
