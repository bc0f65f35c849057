/* Descriptors and I/O: read/write families, vectors, pipes, dup, lseek,
 * fcntl, flock, poll/select, epoll, eventfd, timerfd,
 * signalfd, sendfile/splice/tee/copy_file_range, memfd, getrandom.
 * Formats follow strace 6.1's output, checked call by call. */
#include "rp_internal.h"

#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>

/* ---- small pieces ---- */

/* Flags of a table that has an unknown comment (strace's printflags). */
static void flags(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v)
{
	rp_e_flags(c->e, x, v);
}

void rp_print_open_flags(struct rp_ctx *c, uint64_t v)
{
	struct rp_xlat x = rp_x_open_flags;
	x.unknown = "O_???";
	rp_e_flags(c->e, &x, v);
}

/* strace reads an output struct only when the call succeeded: the
 * memory of arg i at exit, or NULL after printing the address. */
static const struct rp_mem *out_mem(struct rp_ctx *c, unsigned i, size_t need)
{
	return rp_arg_mem(c, i, true, need);
}

/* An input struct of arg i (entry memory), or NULL after printing the
 * address. */
static const struct rp_mem *in_mem(struct rp_ctx *c, unsigned i, size_t need)
{
	return rp_arg_mem(c, i, false, need);
}

static void print_timespec_arg(struct rp_ctx *c, unsigned i, bool at_exit, const char *frac)
{
	const struct rp_mem *m = at_exit ? out_mem(c, i, 16) : in_mem(c, i, 16);
	if (m)
		rp_print_timespec_data(c->e, m->data, frac);
}

/* A loff_t in/out pointer: "[2]" from entry, " => [12]" added when the
 * call updated it (sendfile). */
/* A loff_t argument: splice's and copy_file_range's signed; sendfile's
 * unsigned, with the offset it moved to when it sent something */
static void print_loff(struct rp_ctx *c, unsigned i, bool is_sendfile)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !m || m->len < 8 || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	const uint64_t off = rp_get_u64(m->data);
	if (is_sendfile)
		rp_e_rawf(c->e, "[%" PRIu64 "]", off);
	else
		rp_e_rawf(c->e, "[%" PRId64 "]", (int64_t)off);
	const struct rp_mem *x = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	if (is_sendfile && c->exiting_ok && c->sc->rval > 0 && x && x->len >= 8) {
		rp_e_glue(c->e, " => ");
		if (!c->e->json)
			rp_buf_printf(c->e->out, "[%" PRIu64 "]", rp_get_u64(x->data));
	}
}

/* A sigset_t argument with its size: strace prints it only when the size
 * is that of the kernel's sigset (8 on x86_64). */
static void print_sigset_sized(struct rp_ctx *c, unsigned i, uint64_t size)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || size != 8 || !m || m->len < 8 || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	rp_print_sigset(c, m->data, 8);
}

/* struct iovec[cnt]: item 0 is the array, item k+1 the buffer of iov[k].
 * Output vectors show only what the call filled (up to its return); when
 * the call failed, the array read at entry with its addresses. */
void rp_print_iovec(struct rp_ctx *c, unsigned i, uint64_t cnt, bool out)
{
	rp_print_iovec_items(c, i, 0, c->sc->args[i], cnt, out);
}

void rp_print_iovec_items(struct rp_ctx *c, unsigned i, uint32_t base_item, uint64_t addr,
			  uint64_t cnt, bool out)
{
	const bool filled = !out || c->exiting_ok;
	const int stop = out && filled ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY;
	const struct rp_mem *arr = rp_syscall_mem(c->sc, stop, i, base_item);
	if (!arr && out)
		arr = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, base_item);
	if (addr && !cnt) { /* strace reads nothing then */
		rp_e_raw(c->e, "[]");
		return;
	}
	if (!addr || !arr || !arr->len || !c->deref) {
		rp_e_ptr(c->e, addr);
		return;
	}
	uint64_t left = out ? (filled ? (uint64_t)c->sc->rval : 0) : UINT64_MAX;
	size_t n = arr->len / 16;
	if (n > cnt)
		n = (size_t)cnt;
	const bool verbose = c->opts->verbose;
	rp_e_open(c->e, '[');
	size_t k = 0;
	for (; k < n; k++) {
		if (!verbose && k >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			break;
		}
		const uint64_t base = rp_get_u64(arr->data + 16 * k);
		const uint64_t len = rp_get_u64(arr->data + 16 * k + 8);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "iov_base");
		const struct rp_mem *b =
		    filled ? rp_syscall_mem(c->sc, stop, i, base_item + RP_IOV_BUF(k)) : NULL;
		const uint64_t show = len < left ? len : left;
		/* strace shows the address of a buffer it cannot read up to -s */
		const uint64_t wanted = rp_str_read_len(c->opts, show);
		if (b && base && (b->len >= wanted || !(b->flags & STRTRC_MEM_UNREADABLE))) {
			const size_t have = b->len < show ? b->len : (size_t)show;
			rp_e_bytes(c->e, b->data, have, false, show > have);
		} else if (base && filled && show == 0 && (out || len == 0)) {
			rp_e_bytes(c->e, (const uint8_t *)"", 0, false, false);
		} else {
			rp_e_ptr(c->e, base);
		}
		left -= show;
		rp_e_key(c->e, "iov_len");
		rp_e_uint(c->e, len);
		rp_e_close(c->e, '}');
	}
	if (k == n && cnt > n && (arr->flags & (STRTRC_MEM_TRUNCATED | STRTRC_MEM_UNREADABLE))) {
		rp_e_ellipsis(c->e);
		if (arr->flags & STRTRC_MEM_UNREADABLE) { /* where the readable memory ended */
			char where[32];
			snprintf(where, sizeof(where), "%#" PRIx64, addr + 16 * (uint64_t)n);
			rp_e_comment(c->e, where);
		}
	}
	rp_e_close(c->e, ']');
}

static void print_int_pair(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = out_mem(c, i, 8);
	if (m) {
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < 2 && !rp_array_cut(c, k); k++)
			rp_arg_fd(c, (int32_t)rp_get_u32(m->data + 4 * k));
		rp_e_close(c->e, ']');
	}
}

/* ---- fcntl ---- */

/* struct flock (x86_64): short l_type, l_whence; off_t l_start, l_len;
 * pid_t l_pid. l_pid only for the GETLK results. */
static void print_flock(struct rp_ctx *c, const uint8_t *p, bool with_pid)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "l_type");
	rp_e_enum(c->e, &rp_x_fcntl_lock_type, rp_get_u16(p));
	rp_e_key(c->e, "l_whence");
	rp_e_enum(c->e, &rp_x_seek, rp_get_u16(p + 2));
	rp_e_key(c->e, "l_start");
	rp_e_int(c->e, (int64_t)rp_get_u64(p + 8));
	rp_e_key(c->e, "l_len");
	rp_e_int(c->e, (int64_t)rp_get_u64(p + 16));
	if (with_pid) {
		rp_e_key(c->e, "l_pid");
		rp_e_id(c->e, (int32_t)rp_get_u32(p + 24));
	}
	rp_e_close(c->e, '}');
}

void rp_print_open_flags64(struct rp_ctx *c, uint64_t f)
{
	rp_e_flags_pre(c->e, f, rp_xlat_lookup(&rp_x_open_accmode, f & 3), &rp_x_open_flags,
		       f & ~3ull, NULL);
}

void rp_print_open_modes(struct rp_ctx *c, uint64_t v)
{
	rp_print_open_flags64(c, (uint32_t)v);
}

static void print_fcntl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	const uint32_t cmd = (uint32_t)a[1];
	rp_e_enum(c->e, &rp_x_fcntl_cmd, cmd);
	switch (cmd) {
	case 1:	   /* F_GETFD */
	case 3:	   /* F_GETFL */
	case 9:	   /* F_GETOWN */
	case 11:   /* F_GETSIG */
	case 1025: /* F_GETLEASE */
	case 1032: /* F_GETPIPE_SZ */
	case 1034: /* F_GET_SEALS */
		break;
	case 2: /* F_SETFD */
		flags(c, &rp_x_fd_flags, (uint32_t)a[2]);
		break;
	case 4: /* F_SETFL */
		rp_print_open_modes(c, a[2]);
		break;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
	case 1031: /* F_SETPIPE_SZ */
		rp_e_int(c->e, (int64_t)a[2]);
		break;
	case F_SETOWN: /* a process, or -N the group N */
		rp_e_pid(c, (int32_t)a[2], SC_PID_TGID_PGID);
		break;
	case 10: /* F_SETSIG */
		rp_print_signame(c, (int64_t)a[2]);
		break;
	case 6: /* F_SETLK */
	case 7:
	case 37: /* F_OFD_SETLK */
	case 38: {
		const struct rp_mem *m = in_mem(c, 2, 32);
		if (m)
			print_flock(c, m->data, false);
		break;
	}
	case 5: /* F_GETLK */
	case 36: {
		const struct rp_mem *m = out_mem(c, 2, 32);
		if (m)
			print_flock(c, m->data, true);
		break;
	}
	case 15:   /* F_SETOWN_EX */
	case 16: { /* F_GETOWN_EX */
		const struct rp_mem *m = cmd == 15 ? in_mem(c, 2, 8) : out_mem(c, 2, 8);
		if (m) {
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "type");
			rp_e_enum(c->e, &rp_x_f_owner_type, rp_get_u32(m->data));
			rp_e_key(c->e, "pid");
			/* the id is of the kind the type says */
			const uint32_t type = rp_get_u32(m->data);
			rp_e_pid(c, (int32_t)rp_get_u32(m->data + 4),
				 type == F_OWNER_TID	? SC_PID_TID
				 : type == F_OWNER_PID	? SC_PID_TGID
				 : type == F_OWNER_PGRP ? SC_PID_PGID
							: SC_PID_NONE);
			rp_e_close(c->e, '}');
		}
		break;
	}
	case 1024: /* F_SETLEASE */
		rp_e_enum(c->e, &rp_x_fcntl_lock_type, a[2]);
		break;
	case 1026: /* F_NOTIFY */
		flags(c, &rp_x_dnotify, a[2]);
		break;
	case 1033: /* F_ADD_SEALS */
		flags(c, &rp_x_fcntl_seals, a[2]);
		break;
	default:
		rp_e_hex(c->e, a[2]);
	}
}

static bool rval_fcntl(struct rp_ctx *c, struct rp_buf *b)
{
	const uint32_t cmd = (uint32_t)c->sc->args[1];
	const uint64_t v = (uint64_t)c->sc->rval;
	switch (cmd) {
	case F_GETOWN: { /* the owner, as F_SETOWN gives it */
		char text[48];
		const char *const note =
		    rp_pid_translation(c, (int32_t)v, SC_PID_TGID_PGID, text, sizeof(text));
		if (c->opts->json || (!*note && !rp_marks_ids(c->opts)))
			return false;
		rp_buf_mark_id(b, c->opts);
		rp_buf_printf(b, "%" PRId64, (int64_t)v);
		if (*note)
			rp_buf_printf(b, " /* %s */", note);
		return true;
	}
	case 1: /* F_GETFD */
		if (!v)
			return false;
		rp_buf_printf(b, "%#" PRIx64 " (flags ", v);
		rp_xlat_flags_text(b, rp_e_xstyle(c->e), &rp_x_fd_flags, v);
		rp_buf_putc(b, ')');
		return true;
	case 3: /* F_GETFL */
		rp_buf_printf(b, "%#" PRIx64 " (flags ", v);
		rp_buf_puts(b, rp_xlat_lookup(&rp_x_open_accmode, v & 3));
		if (v & ~3ull) {
			rp_buf_putc(b, '|');
			rp_flags_text(b, &rp_x_open_flags, v & ~3ull);
		}
		rp_buf_putc(b, ')');
		return true;
	case 1025: { /* F_GETLEASE */
		const char *n = rp_xlat_lookup(&rp_x_fcntl_lock_type, v);
		rp_buf_printf(b, "%#" PRIx64, v);
		if (n)
			rp_buf_printf(b, " (%s)", n);
		return true;
	}
	case 1034: /* F_GET_SEALS */
		if (!v)
			return false;
		rp_buf_printf(b, "%#" PRIx64 " (seals ", v);
		rp_xlat_flags_text(b, rp_e_xstyle(c->e), &rp_x_fcntl_seals, v);
		rp_buf_putc(b, ')');
		return true;
	case 11: { /* F_GETSIG */
		if (!v)
			return false;
		struct rp_emit e;
		/* strace names the signal here whatever -X says */
		struct rp_print_opts abbrev = *c->opts;
		abbrev.xlat = RP_XLAT_ABBREV;
		rp_e_init(&e, b, &abbrev);
		rp_buf_printf(b, "%" PRId64 " (", (int64_t)v);
		struct rp_ctx sub = *c;
		sub.e = &e;
		rp_print_signame(&sub, (int64_t)v);
		rp_buf_putc(b, ')');
		return true;
	}
	default:
		return false;
	}
}

/* ---- poll, select ---- */

static void print_pollfd(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	const int32_t fd = (int32_t)rp_get_u32(p);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fd");
	rp_arg_fd(c, fd);
	if (fd >= 0) {
		rp_e_key(c->e, "events");
		rp_e_flags(c->e, &rp_x_poll_events, rp_get_u16(p + 4));
	}
	rp_e_close(c->e, '}');
}

/* struct pollfd[n] as given (entry), through print_array */
static void print_pollfds(struct rp_ctx *c, unsigned i, uint64_t n)
{
	rp_print_array(c, i, false, n, sizeof(struct pollfd), print_pollfd);
}

/* "N ([{fd=3, revents=POLLIN}], left {...})" or "0 (Timeout)". */
static bool rval_poll(struct rp_ctx *c, struct rp_buf *b, bool ppoll)
{
	const struct rp_syscall *sc = c->sc;
	if (sc->rval == 0) {
		rp_buf_puts(b, "0 (Timeout)");
		return true;
	}
	const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_EXIT, 0, 0);
	if (!m || !c->deref)
		return false;
	struct rp_emit e;
	rp_e_init(&e, b, c->opts);
	e.json = false;
	rp_buf_printf(b, "%" PRId64 " (", sc->rval);
	rp_e_open(&e, '[');
	const size_t n = m->len / 8 < sc->args[1] ? m->len / 8 : (size_t)sc->args[1];
	unsigned printed = 0;
	for (size_t k = 0; k < n; k++) {
		const uint8_t *p = m->data + 8 * k;
		const uint16_t rev = rp_get_u16(p + 6);
		if (!rev)
			continue;
		if (rp_array_cut_at(c->opts, printed)) {
			rp_e_ellipsis(&e);
			break;
		}
		printed++;
		rp_e_open(&e, '{');
		rp_e_key(&e, "fd");
		rp_e_int(&e, (int32_t)rp_get_u32(p));
		rp_e_key(&e, "revents");
		rp_e_flags(&e, &rp_x_poll_events, rev);
		rp_e_close(&e, '}');
	}
	rp_e_close(&e, ']');
	if (ppoll && sc->args[2]) {
		const struct rp_mem *t = rp_syscall_mem(sc, STRTRC_AT_EXIT, 2, 0);
		if (t && t->len >= 16) {
			struct rp_emit te;
			rp_e_init(&te, b, c->opts);
			te.json = false;
			rp_buf_puts(b, ", left ");
			rp_print_timespec_data(&te, t->data, "tv_nsec");
		}
	}
	rp_buf_putc(b, ')');
	return true;
}

/* An fd_set as "[3 4]" for nfds descriptors, at most *budget of them
 * (strace stops at the count select returned). */
static void fdset_text(struct rp_buf *b, const uint8_t *p, size_t len, int64_t nfds,
		       int64_t *budget)
{
	const int64_t max = (int64_t)len * 8 < nfds ? (int64_t)len * 8 : nfds;
	bool first = true;
	rp_buf_putc(b, '[');
	for (int64_t fd = 0; fd < max && (!budget || *budget > 0); fd++) {
		if (p[fd / 8] & (1u << (fd % 8))) {
			if (budget)
				--*budget;
			rp_buf_printf(b, first ? "%" PRId64 : " %" PRId64, fd);
			first = false;
		}
	}
	rp_buf_putc(b, ']');
}

/* Whether strace could read the set of nfds descriptors m captured: it
 * reads whole longs (the kernel only those of the descriptors it has). */
static bool fdset_read(const struct rp_mem *m, int64_t nfds)
{
	const uint64_t size = nfds < 0 ? 0 : (((uint64_t)nfds + 7) / 8 + 7) & ~7ull;
	return m && m->len && !((m->flags & STRTRC_MEM_UNREADABLE) && m->len < size);
}

static void print_fdset_arg(struct rp_ctx *c, unsigned i, int64_t nfds)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || nfds < 0 || !fdset_read(m, nfds) || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	/* with -y each descriptor carries its path: print through the emitter */
	if (rp_fd_names(c)) {
		const int64_t max = (int64_t)m->len * 8 < nfds ? (int64_t)m->len * 8 : nfds;
		struct rp_buf b = {0};
		rp_buf_putc(&b, '[');
		bool first = true;
		for (int64_t fd = 0; fd < max; fd++) {
			if (!(m->data[fd / 8] & (1u << (fd % 8))))
				continue;
			struct rp_fd_name n;
			if (!first)
				rp_buf_putc(&b, ' ');
			if (rp_fd_name_in_session(c->session, c->ev->tid, (int)fd, &n))
				rp_fd_text(&b, fd, &n, c->opts, c->sc->entry_ts_ns);
			else
				rp_buf_printf(&b, "%" PRId64, fd);
			first = false;
		}
		rp_buf_putc(&b, ']');
		rp_e_raw(c->e, b.data);
		rp_buf_free(&b);
		return;
	}
	struct rp_buf b = {0};
	fdset_text(&b, m->data, m->len, nfds, NULL);
	rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static bool rval_select(struct rp_ctx *c, struct rp_buf *b, bool pselect)
{
	const struct rp_syscall *sc = c->sc;
	if (sc->rval == 0) {
		rp_buf_puts(b, "0 (Timeout)");
		return true;
	}
	const int64_t nfds = (int32_t)sc->args[0];
	rp_buf_printf(b, "%" PRId64 " (", sc->rval);
	static const char *const which[3] = {"in", "out", "except"};
	bool first = true;
	int64_t budget = sc->rval;
	for (unsigned k = 0; k < 3; k++) {
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_EXIT, k + 1, 0);
		if (!sc->args[k + 1] || !fdset_read(m, nfds))
			continue;
		struct rp_buf t = {0};
		fdset_text(&t, m->data, m->len, nfds, &budget);
		if (t.data && strcmp(t.data, "[]") != 0) {
			rp_buf_printf(b, "%s%s %s", first ? "" : ", ", which[k], t.data);
			first = false;
		}
		rp_buf_free(&t);
	}
	const struct rp_mem *t = rp_syscall_mem(sc, STRTRC_AT_EXIT, 4, 0);
	if (sc->args[4] && !c->deref) {
		/* -e verbose=: the timeout's address */
		rp_buf_printf(b, "%sleft %#" PRIx64, first ? "" : ", ", sc->args[4]);
	} else if (sc->args[4] && t && t->len >= 16) {
		struct rp_emit e;
		rp_e_init(&e, b, c->opts);
		e.json = false;
		rp_buf_printf(b, "%sleft ", first ? "" : ", ");
		rp_print_timespec_data(&e, t->data, pselect ? "tv_nsec" : "tv_usec");
	}
	rp_buf_putc(b, ')');
	return true;
}

/* pselect6's sixth argument, {const sigset_t *ss; size_t ss_len}: item 0
 * the pair, item 1 the set behind it. The recorder does not capture them
 * yet (the table can only say A_PTR): then the address alone. */
void rp_print_sigset_pack(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !m || m->len < 16 || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	const uint64_t ss = rp_get_u64(m->data), len = rp_get_u64(m->data + 8);
	const struct rp_mem *set = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 1);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sigmask");
	if (ss && len == 8 && set && set->len >= 8)
		rp_print_sigset(c, set->data, 8);
	else
		rp_e_ptr(c->e, ss);
	rp_e_key(c->e, "sigsetsize");
	rp_e_uint(c->e, len);
	rp_e_close(c->e, '}');
}

/* ---- epoll ---- */

static void print_epoll_event(struct rp_emit *e, const uint8_t *p)
{
	rp_e_open(e, '{');
	rp_e_key(e, "events");
	rp_e_flags(e, &rp_x_epoll_events, rp_get_u32(p));
	rp_e_key(e, "data");
	rp_e_open(e, '{');
	rp_e_key(e, "u32");
	rp_e_uint(e, rp_get_u32(p + 4));
	rp_e_key(e, "u64");
	rp_e_uint(e, rp_get_u64(p + 4));
	rp_e_close(e, '}');
	rp_e_close(e, '}');
}

/* The events an epoll_wait returned. */
static void print_epoll_events(struct rp_ctx *c, unsigned i)
{
	/* none: "[]", whether structures are printed or not */
	if (c->exiting_ok && c->sc->rval == 0 && c->sc->args[i]) {
		rp_e_raw(c->e, "[]");
		return;
	}
	const struct rp_mem *m = out_mem(c, i, 0);
	if (!m)
		return;
	const size_t n = m->len / 12 < (uint64_t)c->sc->rval ? m->len / 12 : (size_t)c->sc->rval;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n; k++) {
		if (rp_array_cut(c, k))
			break;
		print_epoll_event(c->e, m->data + 12 * k);
	}
	rp_e_close(c->e, ']');
}

/* ---- the dispatcher ---- */

/* What a successful call returned: the length of its output. */
static uint64_t ret_len(const struct rp_ctx *c)
{
	return c->exiting_ok ? (uint64_t)c->sc->rval : 0;
}

void rp_dec_read(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_buf(c, 1, ret_len(c), true, false);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_pread64(struct rp_ctx *c)
{
	rp_dec_read(c);
	rp_e_int(c->e, (int64_t)c->sc->args[3]);
}

void rp_dec_write(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_buf(c, 1, a[2], false, false);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_pwrite64(struct rp_ctx *c)
{
	rp_dec_write(c);
	rp_e_int(c->e, (int64_t)c->sc->args[3]);
}

/* The vector calls: fd, iovec, count; the p- ones an offset; the -2 ones
 * RWF_* flags. */
static void vector_io(struct rp_ctx *c, bool is_read)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_print_iovec(c, 1, a[2], is_read);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_readv(struct rp_ctx *c)
{
	vector_io(c, true);
}

void rp_dec_writev(struct rp_ctx *c)
{
	vector_io(c, false);
}

void rp_dec_preadv(struct rp_ctx *c)
{
	vector_io(c, true);
	rp_e_int(c->e, (int64_t)c->sc->args[3]);
}

void rp_dec_pwritev(struct rp_ctx *c)
{
	vector_io(c, false);
	rp_e_int(c->e, (int64_t)c->sc->args[3]);
}

void rp_dec_preadv2(struct rp_ctx *c)
{
	rp_dec_preadv(c);
	flags(c, &rp_x_rwf, (uint32_t)c->sc->args[5]);
}

void rp_dec_pwritev2(struct rp_ctx *c)
{
	rp_dec_pwritev(c);
	flags(c, &rp_x_rwf, (uint32_t)c->sc->args[5]);
}

/* vmsplice: the buffers strace shows whichever way the pipe goes */
void rp_dec_vmsplice(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_print_iovec(c, 1, a[2], false);
	rp_e_uint(c->e, a[2]);
	flags(c, &rp_x_splice, (uint32_t)a[3]);
}

void rp_dec_getrandom(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_buf(c, 0, ret_len(c), true, true);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_grnd, (uint32_t)a[2]);
}

void rp_dec_pipe(struct rp_ctx *c)
{
	print_int_pair(c, 0);
}

void rp_dec_pipe2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_int_pair(c, 0);
	rp_print_open_flags(c, (uint32_t)a[1]);
}

void rp_dec_close(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
}

void rp_dec_dup2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_fd(c, (int64_t)a[1]);
}

void rp_dec_dup3(struct rp_ctx *c)
{
	rp_dec_dup2(c);
	rp_print_open_flags(c, (uint32_t)c->sc->args[2]);
}

void rp_dec_close_range(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	/* bounds of a range, not descriptors: strace -y names neither */
	rp_e_uint(c->e, (uint32_t)a[0]);
	rp_e_uint(c->e, (uint32_t)a[1]);
	flags(c, &rp_x_close_range, (uint32_t)a[2]);
}

void rp_dec_lseek(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_int(c->e, (int64_t)a[1]);
	rp_e_enum(c->e, &rp_x_seek, (uint32_t)a[2]);
}

void rp_dec_fcntl(struct rp_ctx *c)
{
	print_fcntl(c);
}

void rp_dec_flock(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	flags(c, &rp_x_flock, (uint32_t)a[1]);
}

void rp_dec_poll(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_pollfds(c, 0, (uint32_t)a[1]);
	rp_e_uint(c->e, (uint32_t)a[1]);
	rp_e_int(c->e, (int32_t)a[2]);
}

void rp_dec_ppoll(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_pollfds(c, 0, (uint32_t)a[1]);
	rp_e_uint(c->e, (uint32_t)a[1]);
	print_timespec_arg(c, 2, false, "tv_nsec");
	print_sigset_sized(c, 3, a[4]);
	rp_e_uint(c->e, a[4]);
}

/* select's timeout is a timeval, pselect6's a timespec */
static void select_sets(struct rp_ctx *c, const char *frac)
{
	const int64_t nfds = (int32_t)c->sc->args[0];
	rp_e_int(c->e, nfds);
	for (unsigned k = 1; k <= 3; k++)
		print_fdset_arg(c, k, nfds);
	print_timespec_arg(c, 4, false, frac);
}

void rp_dec_select(struct rp_ctx *c)
{
	select_sets(c, "tv_usec");
}

void rp_dec_pselect6(struct rp_ctx *c)
{
	select_sets(c, "tv_nsec");
	rp_print_sigset_pack(c, 5);
}

void rp_dec_epoll_create1(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	flags(c, &rp_x_epoll_create, (uint32_t)a[0]);
}

void rp_dec_epoll_ctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_enum(c->e, &rp_x_epoll_ctl, (uint32_t)a[1]);
	rp_arg_fd(c, (int64_t)a[2]);
	/* DEL ignores the event: strace prints its address */
	if ((uint32_t)a[1] == EPOLL_CTL_DEL) {
		rp_arg_ptr(c, 3);
		return;
	}
	const struct rp_mem *m = in_mem(c, 3, 12);
	if (m)
		print_epoll_event(c->e, m->data);
}

/* fd, events, maxevents: what all three waits begin with */
static void epoll_wait_head(struct rp_ctx *c)
{
	rp_arg_fd(c, (int64_t)c->sc->args[0]);
	print_epoll_events(c, 1);
	rp_e_int(c->e, (int32_t)c->sc->args[2]);
}

void rp_dec_epoll_wait(struct rp_ctx *c)
{
	epoll_wait_head(c);
	rp_e_int(c->e, (int32_t)c->sc->args[3]);
}

void rp_dec_epoll_pwait(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_dec_epoll_wait(c);
	print_sigset_sized(c, 4, a[5]);
	rp_e_uint(c->e, a[5]);
}

void rp_dec_epoll_pwait2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	epoll_wait_head(c);
	/* strace reads them at exit: addresses after a failure */
	print_timespec_arg(c, 3, true, "tv_nsec");
	if (c->exiting_ok)
		print_sigset_sized(c, 4, a[5]);
	else
		rp_arg_ptr(c, 4);
	rp_e_uint(c->e, a[5]);
}

void rp_dec_eventfd2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_uint(c->e, (uint32_t)a[0]);
	flags(c, &rp_x_eventfd, (uint32_t)a[1]);
}

void rp_dec_timerfd_create(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_clockid, (uint32_t)a[0]);
	flags(c, &rp_x_timerfd, (uint32_t)a[1]);
}

void rp_dec_timerfd_settime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	flags(c, &rp_x_timerfd, (uint32_t)a[1]);
	rp_print_itimerspec_arg(c, 2, false);
	rp_print_itimerspec_arg(c, 3, true);
}

void rp_dec_timerfd_gettime(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_print_itimerspec_arg(c, 1, true);
}

void rp_dec_signalfd4(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_sigset_sized(c, 1, a[2]);
	rp_e_uint(c->e, a[2]);
	flags(c, &rp_x_signalfd, (uint32_t)a[3]);
}

void rp_dec_sendfile(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_fd(c, (int64_t)a[1]);
	print_loff(c, 2, true);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_splice(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_loff(c, 1, false);
	rp_arg_fd(c, (int64_t)a[2]);
	print_loff(c, 3, false);
	rp_e_uint(c->e, a[4]);
	flags(c, &rp_x_splice, (uint32_t)a[5]);
}

void rp_dec_tee(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_fd(c, (int64_t)a[1]);
	rp_e_uint(c->e, a[2]);
	flags(c, &rp_x_splice, (uint32_t)a[3]);
}

void rp_dec_copy_file_range(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_loff(c, 1, false);
	rp_arg_fd(c, (int64_t)a[2]);
	print_loff(c, 3, false);
	rp_e_uint(c->e, a[4]);
	rp_e_uint(c->e, (uint32_t)a[5]);
}

void rp_dec_memfd_create(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	/* strace reads at most MFD_NAME_MAX_LEN + 1 (250) bytes of the name */
	rp_arg_str_max(c, 0, 250);
	const uint32_t f = (uint32_t)a[1];
	const uint32_t huge = f >> 26;
	if (huge && !c->e->json) {
		char post[32];
		snprintf(post, sizeof(post), "%u<<MFD_HUGE_SHIFT", huge);
		rp_e_flags_pre(c->e, f, NULL, &rp_x_memfd, f & 0x3ffffffu, post);
	} else if (f && !rp_flags_any_known(&rp_x_memfd, f) &&
		   rp_e_xstyle(c->e) == RP_XLAT_VERBOSE) {
		/* strace 6.1 nests the comments here */
		rp_e_rawf(c->e, "%#x /* %#x /* MFD_??? */ */", f, f);
	} else {
		flags(c, &rp_x_memfd, f);
	}
}

bool rp_rv_FCNTL(struct rp_ctx *c, struct rp_buf *b)
{
	/* F_DUPFD, F_DUPFD_CLOEXEC: the copy names what the descriptor names */
	const uint64_t cmd = c->sc->args[1];
	if (c->opts->decode_fds && c->sc->rval >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) {
		struct rp_fd_name n;
		if (rp_fd_name_in_session(c->session, c->ev->tid, (int32_t)c->sc->args[0], &n)) {
			rp_fd_text(b, c->sc->rval, &n, c->opts, c->sc->exit_ts_ns);
			return true;
		}
	}
	return c->exiting_ok && rval_fcntl(c, b);
}

bool rp_rv_POLL(struct rp_ctx *c, struct rp_buf *b)
{
	return c->exiting_ok && rval_poll(c, b, false);
}

bool rp_rv_PPOLL(struct rp_ctx *c, struct rp_buf *b)
{
	return c->exiting_ok && rval_poll(c, b, true);
}

bool rp_rv_SELECT(struct rp_ctx *c, struct rp_buf *b)
{
	return c->exiting_ok && rval_select(c, b, false);
}

bool rp_rv_PSELECT6(struct rp_ctx *c, struct rp_buf *b)
{
	return c->exiting_ok && rval_select(c, b, true);
}

/* A value strace prints in decimal with its name always in a comment
 * ("9 /" "* SYSLOG_ACTION_SIZE_UNREAD *" "/"), -X raw the number alone. */
static void print_num_named(struct rp_ctx *c, const struct rp_xlat *x, int32_t v)
{
	const char *const name = rp_xlat_lookup(x, (uint32_t)v);
	if (c->e->json) {
		if (name)
			rp_e_sym(c->e, name);
		else
			rp_e_int(c->e, v);
		return;
	}
	rp_e_int(c->e, v);
	if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
		rp_e_comment(c->e, name ? name : x->unknown);
}

enum {
	SYSLOG_ACTION_CLOSE = 0,
	SYSLOG_ACTION_OPEN = 1,
	SYSLOG_ACTION_READ = 2,
	SYSLOG_ACTION_READ_ALL = 3,
	SYSLOG_ACTION_READ_CLEAR = 4,
	SYSLOG_ACTION_CLEAR = 5,
	SYSLOG_ACTION_CONSOLE_OFF = 6,
	SYSLOG_ACTION_CONSOLE_ON = 7,
	SYSLOG_ACTION_CONSOLE_LEVEL = 8,
	SYSLOG_ACTION_SIZE_UNREAD = 9,
	SYSLOG_ACTION_SIZE_BUFFER = 10,
};

/* syslog: the buffer and length only for the actions that use them; the
 * log read as a string up to what the call returned. */
void rp_dec_syslog(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const int32_t type = (int32_t)a[0], len = (int32_t)a[2];
	print_num_named(c, &rp_x_syslog_action_type, type);
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_SIZE_UNREAD:
	case SYSLOG_ACTION_SIZE_BUFFER:
		return;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (c->exiting_ok)
			rp_arg_buf(c, 1, ret_len(c), true, false);
		else
			rp_e_ptr(c->e, a[1]);
		rp_e_int(c->e, len);
		return;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		rp_e_ptr(c->e, a[1]);
		print_num_named(c, &rp_x_syslog_console_levels, len);
		return;
	default:
		rp_e_ptr(c->e, a[1]);
		rp_e_int(c->e, len);
		return;
	}
}
