/* Clocks, sleeps and timers, and the timespec/timeval printing that the
 * synchronisation and IPC decoders share. */
#include "rp_internal.h"

#include "names.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* strace prints tv_sec signed and the sub-second field unsigned. */
void rp_print_timespec_data(struct rp_emit *e, const uint8_t *p, const char *frac)
{
	rp_e_open(e, '{');
	rp_e_key(e, "tv_sec");
	rp_e_int(e, (int64_t)rp_get_u64(p));
	rp_e_key(e, frac);
	rp_e_uint(e, rp_get_u64(p + 8));
	rp_e_close(e, '}');
}

/* {it_interval=..., it_value=...} of two timespecs or timevals. */
void rp_print_interval_pair(struct rp_emit *e, const uint8_t *p, const char *frac)
{
	rp_e_open(e, '{');
	rp_e_key(e, "it_interval");
	rp_print_timespec_data(e, p, frac);
	rp_e_key(e, "it_value");
	rp_print_timespec_data(e, p + 16, frac);
	rp_e_close(e, '}');
}

void rp_print_timespec_arg(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 16);
	if (m)
		rp_print_timespec_data(c->e, m->data, "tv_nsec");
}

static void print_timeval(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 16);
	if (m)
		rp_print_timespec_data(c->e, m->data, "tv_usec");
}

static void print_itimerval(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 32);
	if (m)
		rp_print_interval_pair(c->e, m->data, "tv_usec");
}

void rp_print_itimerspec_arg(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 32);
	if (m)
		rp_print_interval_pair(c->e, m->data, "tv_nsec");
}

/* The kernel's restart codes: the call was interrupted by a signal. */
static bool is_erestart(const struct rp_syscall *sc)
{
	return sc->finished && sc->is_error && strec_errno_is_restart((int)-sc->rval);
}

/* The remainder of an interrupted sleep is written only when the call is
 * interrupted; otherwise strace shows only its address. */
static void print_remainder(struct rp_ctx *c, unsigned i)
{
	const uint64_t addr = c->sc->args[i];
	const struct rp_mem *m =
	    is_erestart(c->sc) ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0) : NULL;
	if (addr && m && m->len >= 16)
		rp_print_timespec_data(c->e, m->data, "tv_nsec");
	else
		rp_e_ptr(c->e, addr);
}

static void print_clockid(struct rp_ctx *c, uint64_t v)
{
	rp_e_enum(c->e, &rp_x_clockid, (uint32_t)v);
}

/* An int written by the kernel, "[3]", e.g. timer_create's id. */
static void print_int_out(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 4);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_int(c->e, (int32_t)rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

bool rp_format_time(int64_t sec, uint64_t frac, int digits, char *buf, size_t size)
{
	const time_t t = (time_t)sec;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return false;
	size_t k = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!k)
		return false;
	if (frac)
		k += (size_t)snprintf(buf + k, size - k, ".%0*" PRIu64, digits, frac);
	return k < size && strftime(buf + k, size - k, "%z", &tm) > 0;
}

void rp_e_time_comment(struct rp_emit *e, int64_t sec, uint64_t frac, int digits)
{
	const uint64_t second = digits == 6 ? 1000000 : 1000000000;
	char buf[96];
	if ((sec == 0 && frac == 0) || frac >= second ||
	    !rp_format_time(sec, frac, digits, buf, sizeof(buf)))
		return;
	rp_e_comment(e, buf);
}

static bool format_time(int64_t t, char *buf, size_t size)
{
	return rp_format_time(t, 0, 0, buf, size);
}

/* struct sigevent: the value only when set; the signal by name only for
 * the notifications that send one. */
void rp_print_sigevent(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, 32);
	if (!m)
		return;
	const uint64_t value = rp_get_u64(m->data);
	const int32_t signo = (int32_t)rp_get_u32(m->data + 8);
	const int32_t notify = (int32_t)rp_get_u32(m->data + 12);
	rp_e_open(c->e, '{');
	const bool signals = notify == 0 || notify == 2 || notify == 4;
	if (value) {
		rp_e_key(c->e, "sigev_value");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "sival_int");
		rp_e_int(c->e, (int32_t)value);
		rp_e_key(c->e, "sival_ptr");
		rp_e_ptr(c->e, value);
		rp_e_close(c->e, '}');
	}
	rp_e_key(c->e, "sigev_signo");
	if (signals)
		rp_print_signame(c, signo);
	else
		rp_e_uint(c->e, (uint32_t)signo);
	rp_e_key(c->e, "sigev_notify");
	rp_e_enum(c->e, &rp_x_sigev_notify, (uint32_t)notify);
	if (notify == 4) {
		rp_e_key(c->e, "sigev_notify_thread_id");
		rp_e_id(c->e, (int32_t)rp_get_u32(m->data + 16));
	} else if (notify == 2) {
		rp_e_key(c->e, "sigev_notify_function");
		rp_e_ptr(c->e, rp_get_u64(m->data + 16));
		rp_e_key(c->e, "sigev_notify_attributes");
		rp_e_ptr(c->e, rp_get_u64(m->data + 24));
	}
	rp_e_close(c->e, '}');
}

void rp_dec_clock_gettime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_clockid(c, a[0]);
	rp_print_timespec_arg(c, 1, true);
}

void rp_dec_clock_settime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_clockid(c, a[0]);
	rp_print_timespec_arg(c, 1, false);
}

void rp_dec_clock_nanosleep(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_clockid(c, a[0]);
	rp_e_flags(c->e, rp_xlat_get(SC_X_TIMER_FLAGS), (uint32_t)a[1]);
	rp_print_timespec_arg(c, 2, false);
	/* with flags (TIMER_ABSTIME) the kernel leaves the remainder alone */
	if (a[1])
		rp_e_ptr(c->e, a[3]);
	else
		print_remainder(c, 3);
}

void rp_dec_nanosleep(struct rp_ctx *c)
{
	rp_print_timespec_arg(c, 0, false);
	print_remainder(c, 1);
}

void rp_dec_setitimer(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, rp_xlat_get(SC_X_ITIMER_WHICH), (uint32_t)a[0]);
	print_itimerval(c, 1, false);
	print_itimerval(c, 2, true);
}

void rp_dec_getitimer(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, rp_xlat_get(SC_X_ITIMER_WHICH), (uint32_t)a[0]);
	print_itimerval(c, 1, true);
}

/* struct timezone */
static void print_timezone(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 8);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tz_minuteswest");
	rp_e_int(c->e, (int32_t)rp_get_u32(m->data));
	rp_e_key(c->e, "tz_dsttime");
	rp_e_int(c->e, (int32_t)rp_get_u32(m->data + 4));
	rp_e_close(c->e, '}');
}

void rp_dec_gettimeofday(struct rp_ctx *c)
{
	print_timeval(c, 0, true);
	print_timezone(c, 1, true);
}

void rp_dec_settimeofday(struct rp_ctx *c)
{
	print_timeval(c, 0, false);
	print_timezone(c, 1, false);
}

void rp_dec_time(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, true, 8);
	if (m) {
		const int64_t t = (int64_t)rp_get_u64(m->data);
		char when[64];
		rp_e_open(c->e, '[');
		rp_e_int(c->e, t);
		if (format_time(t, when, sizeof(when)))
			rp_e_comment(c->e, when);
		rp_e_close(c->e, ']');
	}
}

void rp_dec_times(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, true, 32);
	if (m) {
		static const char *const k[] = {"tms_utime", "tms_stime", "tms_cutime",
						"tms_cstime"};
		rp_e_open(c->e, '{');
		for (int j = 0; j < 4; j++) {
			rp_e_key(c->e, k[j]);
			rp_e_clock_ticks(c->e, rp_get_u64(m->data + 8 * j));
		}
		rp_e_close(c->e, '}');
	}
}

void rp_dec_timer_create(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_clockid(c, a[0]);
	rp_print_sigevent(c, 1);
	print_int_out(c, 2);
}

void rp_dec_timer_settime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_e_flags(c->e, rp_xlat_get(SC_X_TIMER_FLAGS), (uint32_t)a[1]);
	rp_print_itimerspec_arg(c, 2, false);
	rp_print_itimerspec_arg(c, 3, true);
}

void rp_dec_timer_gettime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_print_itimerspec_arg(c, 1, true);
}

/* struct timex (x86_64, and i386's __kernel_timex): after modes every field
 * is a long but status, shift and tai (ints) and time (a timeval). */
static void print_timex(struct rp_ctx *c, unsigned i)
{
	static const struct {
		const char *name;
		uint8_t off;
		char kind; /* 'l' long, 'i' int, 's' status, 't' timeval */
	} f[] = {
	    {"offset", 8, 'l'},	    {"freq", 16, 'l'},	    {"maxerror", 24, 'l'},
	    {"esterror", 32, 'l'},  {"status", 40, 's'},    {"constant", 48, 'l'},
	    {"precision", 56, 'l'}, {"tolerance", 64, 'l'}, {"time", 72, 't'},
	    {"tick", 88, 'l'},	    {"ppsfreq", 96, 'l'},   {"jitter", 104, 'l'},
	    {"shift", 112, 'i'},    {"stabil", 120, 'l'},   {"jitcnt", 128, 'l'},
	    {"calcnt", 136, 'l'},   {"errcnt", 144, 'l'},   {"stbcnt", 152, 'l'},
	    {"tai", 160, 'i'},
	};
	const struct rp_mem *m = rp_arg_mem(c, i, true, 164);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "modes");
	rp_e_flags(c->e, &rp_x_adjtimex_modes, rp_get_u32(m->data));
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		const uint8_t *p = m->data + f[k].off;
		rp_e_key(c->e, f[k].name);
		if (f[k].kind == 'l')
			rp_e_int(c->e, (int64_t)rp_get_u64(p));
		else if (f[k].kind == 'i')
			rp_e_int(c->e, (int32_t)rp_get_u32(p));
		else if (f[k].kind == 's')
			rp_e_flags(c->e, &rp_x_adjtimex_status, rp_get_u32(p));
		else
			rp_print_timespec_data(c->e, p, "tv_usec");
	}
	rp_e_close(c->e, '}');
}

void rp_dec_adjtimex(struct rp_ctx *c)
{
	print_timex(c, 0);
}

void rp_dec_clock_adjtime(struct rp_ctx *c)
{
	print_clockid(c, c->sc->args[0]);
	print_timex(c, 1);
}

void rp_dec_restart_syscall(struct rp_ctx *c)
{
	const char *prev = rp_session_prev_syscall(c->session, c->ev->tid);
	char text[96];
	snprintf(text, sizeof(text), "<... resuming interrupted %s ...>",
		 prev ? prev : "system call");
	rp_e_raw(c->e, text);
}

bool rp_rv_TIME(struct rp_ctx *c, struct rp_buf *b)
{
	char when[64];
	if (format_time(c->sc->rval, when, sizeof(when))) {
		rp_buf_printf(b, "%" PRId64 " (%s)", c->sc->rval, when);
		return true;
	}
	return false;
}

/* adjtimex, clock_adjtime: the clock's state by name, "5 (TIME_ERROR)" */
bool rp_rv_TIMEX_STATE(struct rp_ctx *c, struct rp_buf *b)
{
	const char *const name =
	    c->sc->rval >= 0 ? rp_xlat_lookup(&rp_x_adjtimex_state, (uint64_t)c->sc->rval) : NULL;
	/* strace names the state only after the struct it printed (not its
	 * address: -e verbose=, or not readable) */
	unsigned timex_arg = 0; /* adjtimex's first, clock_adjtime's second */
	for (unsigned i = 0; c->sc->desc && i < c->sc->desc->nargs; i++) {
		if (c->sc->desc->args[i].type == SC_T_TIMEX &&
		    c->sc->desc->args[i].kind == SC_ARG_STRUCT)
			timex_arg = i;
	}
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, timex_arg, 0);
	if (!name || !c->deref || !c->sc->args[timex_arg] || !m || m->len < SC_SIZE(TIMEX))
		return false;
	rp_buf_printf(b, "%" PRId64 " (%s)", c->sc->rval, name);
	return true;
}
