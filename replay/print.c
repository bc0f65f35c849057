/* Event printers: one strace-style line, or one JSON object, per event. */
#include "rp_internal.h"

#include "names.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct rp_printer {
	struct rp_print_opts opts;
	const struct rp_session *session;
	uint64_t last_ts;
	bool have_last;
	struct rp_call_span last_call; /* of the last event printed */
	bool last_was_call;
};

bool rp_printer_last_call(const struct rp_printer *p, struct rp_call_span *span)
{
	if (p->last_was_call)
		*span = p->last_call;
	return p->last_was_call;
}

void rp_print_opts_init(struct rp_print_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_strlen = 32;
	o->column = 40;
	o->pid_prefix = true;
	o->relative_digits = 6;
	o->duration_digits = 6;
}

int rp_time_precision_parse(const char *word, unsigned *digits)
{
	static const char *const units[] = {"s", "ms", "us", "ns"};
	for (unsigned i = 0; i < 4; i++) {
		if (!strcasecmp(word, units[i])) {
			*digits = 3 * i;
			return 0;
		}
	}
	return -EINVAL;
}

int rp_timestamps_parse(const char *value, struct rp_print_opts *opts, char *msg, size_t msg_size)
{
	bool format_set = false;
	enum rp_ts_format format = RP_TS_NONE;
	bool digits_set = false;
	unsigned digits = 0;
	char word[64];
	for (const char *p = value; *p;) {
		const size_t len = strcspn(p, ",");
		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		p += len + (p[len] == ',');
		/* a bare word is a format if it names one, else a precision */
		const char *w = word;
		bool try_format = true, try_precision = true;
		if (!strncasecmp(w, "format:", 7)) {
			w += 7;
			try_precision = false;
		} else if (!strncasecmp(w, "precision:", 10)) {
			w += 10;
			try_format = false;
		}
		if (try_format) {
			static const char *const formats[] = {"none", "time", "unix"};
			static const enum rp_ts_format kinds[] = {RP_TS_NONE, RP_TS_TIME,
								  RP_TS_UNIX};
			bool found = false;
			for (unsigned i = 0; i < 3 && !found; i++)
				found = !strcasecmp(w, formats[i]) && (format = kinds[i], true);
			if (found) {
				format_set = true;
				continue;
			}
		}
		if (try_precision && !rp_time_precision_parse(w, &digits)) {
			digits_set = true;
			continue;
		}
		snprintf(msg, msg_size,
			 "invalid timestamps word '%s' (format none, time, unix; "
			 "precision s, ms, us, ns)",
			 word);
		return -EINVAL;
	}
	/* strace: no format named keeps one set before, else the time of day */
	if (format_set)
		opts->ts = format;
	else if (opts->ts == RP_TS_NONE)
		opts->ts = RP_TS_TIME;
	if (digits_set)
		opts->ts_digits = digits;
	return 0;
}

/* ".FRACTION" of a second's ns with digits (0..9) after the point, nothing
 * for 0 digits: strace truncates. */
static void print_fraction(struct rp_buf *out, uint64_t ns, unsigned digits)
{
	assert(digits <= 9 && ns < 1000000000u);
	if (!digits)
		return;
	for (unsigned i = digits; i < 9; i++)
		ns /= 10;
	rp_buf_printf(out, ".%0*" PRIu64, (int)digits, ns);
}

/* strace's name sets (-e quiet=, -e decode-fds=): names from names[],
 * "all", "none", a leading '!' negating the whole. */
static int parse_name_set(const char *set, const char *const *names, const unsigned *bits,
			  unsigned all, const char *what, unsigned *out, char *msg, size_t msg_size)
{
	bool negate = false;
	while (*set == '!') {
		negate = !negate;
		set++;
	}
	unsigned v = 0;
	const char *p = set;
	for (;;) {
		const char *const comma = strchr(p, ',');
		const size_t len = comma ? (size_t)(comma - p) : strlen(p);
		bool known = false;
		if (len == 3 && !strncmp(p, "all", 3)) {
			v |= all;
			known = true;
		} else if (len == 4 && !strncmp(p, "none", 4)) {
			known = true;
		}
		for (size_t i = 0; names[i] && !known; i++) {
			if (strlen(names[i]) == len && !strncmp(p, names[i], len)) {
				v |= bits[i];
				known = true;
			}
		}
		if (!known) {
			char word[64];
			snprintf(word, sizeof(word), "%.*s", (int)len, p);
			const char *const near = len ? strec_closest(word, names, 0) : NULL;
			if (near)
				snprintf(msg, msg_size, "invalid %s '%s' (did you mean '%s'?)",
					 what, word, near);
			else
				snprintf(msg, msg_size, "invalid %s '%s'", what, word);
			return -EINVAL;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	*out = negate ? all & ~v : v;
	return 0;
}

int rp_decode_fds_parse(const char *set, unsigned *modes, char *msg, size_t msg_size)
{
	static const char *const names[] = {"path", "socket", "dev", "pidfd", NULL};
	static const unsigned bits[] = {RP_DECODE_FD_PATH, RP_DECODE_FD_SOCKET, RP_DECODE_FD_DEV,
					RP_DECODE_FD_PIDFD};
	return parse_name_set(set, names, bits, RP_DECODE_FD_ALL, "decode-fds", modes, msg,
			      msg_size);
}

int rp_quiet_parse(const char *set, unsigned *quiet, char *msg, size_t msg_size)
{
	static const char *const names[] = {"attach",	       "exit",	      "exits",
					    "path-resolution", "personality", "superseded",
					    "thread-execve",   NULL};
	static const unsigned bits[] = {RP_QUIET_ATTACH,       RP_QUIET_EXIT,
					RP_QUIET_EXIT,	       RP_QUIET_PATH_RESOLUTION,
					RP_QUIET_PERSONALITY,  RP_QUIET_THREAD_EXECVE,
					RP_QUIET_THREAD_EXECVE};
	return parse_name_set(set, names, bits, RP_QUIET_ALL, "quiet", quiet, msg, msg_size);
}

struct rp_printer *rp_printer_new(const struct rp_print_opts *opts, const struct rp_session *s)
{
	struct rp_printer *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->opts = *opts;
	p->session = s;
	return p;
}

void rp_printer_free(struct rp_printer *p)
{
	free(p);
}

/* The width of a task's pointers: 8 hex digits for 32-bit calls, as strace
 * prints the ip in the task's personality. */
static bool arch_is_32bit(uint32_t arch)
{
	return sc_table_for_arch(arch) == &sc_table_i386;
}

/* strace's printleader: pid, -t time, -r delta, -n number, -i pointer. */
static void print_prefix(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out)
{
	const struct rp_print_opts *o = &p->opts;
	if (o->pid_prefix)
		rp_buf_printf(out, "%-5u ", ev->tid);
	if (o->ts != RP_TS_NONE) {
		/* wraps rather than overflows on a damaged trace */
		const int64_t ns = (int64_t)((uint64_t)o->start_realtime_ns + ev->ts_ns);
		const time_t sec = (time_t)(ns / 1000000000);
		const uint64_t sub_ns = (uint64_t)(ns % 1000000000);
		if (o->ts == RP_TS_UNIX) {
			rp_buf_printf(out, "%lld", (long long)sec);
		} else {
			struct tm tm;
			char tbuf[32];
			localtime_r(&sec, &tm);
			strftime(tbuf, sizeof(tbuf), "%H:%M:%S", &tm);
			rp_buf_puts(out, tbuf);
		}
		print_fraction(out, sub_ns, o->ts_digits);
		rp_buf_putc(out, ' ');
	}
	if (o->relative) {
		const uint64_t d = p->have_last ? ev->ts_ns - p->last_ts : 0;
		/* after a time of day, in "(+" ")" as strace has it */
		rp_buf_printf(out, "%s%6" PRIu64, o->ts != RP_TS_NONE ? "(+" : "", d / 1000000000u);
		print_fraction(out, d % 1000000000u, o->relative_digits);
		rp_buf_puts(out, o->ts != RP_TS_NONE ? ") " : " ");
	}
	const bool syscall = ev->kind == RP_EV_SYSCALL || ev->kind == RP_EV_SYSCALL_ENTRY;
	uint32_t arch = syscall ? ev->u.sc.arch : 0;
	uint64_t nr = syscall ? ev->u.sc.nr : 0;
	if ((o->show_nr || o->show_ip) && !syscall)
		(void)rp_session_last_syscall(p->session, ev->tid, &arch, &nr);
	if (o->show_nr)
		rp_buf_printf(out, "[%4" PRIu64 "] ", nr);
	if (o->show_ip) {
		const bool narrow = arch_is_32bit(arch);
		if (ev->has_ip)
			rp_buf_printf(out, narrow ? "[%08" PRIx64 "] " : "[%016" PRIx64 "] ",
				      ev->ip);
		else
			rp_buf_puts(out, narrow ? "[????????] " : "[????????????????] ");
	}
	p->last_ts = ev->ts_ns;
	p->have_last = true;
}

/* The text after "= ". */
static void print_rval(struct rp_ctx *c, struct rp_buf *out)
{
	const struct rp_syscall *sc = c->sc;
	if (!sc->finished) {
		rp_buf_putc(out, '?');
		return;
	}
	if (sc->is_error) {
		const int err = (int)-sc->rval;
		const char *name = strec_errno_name(err);
		const char *text = strec_errno_text(err);
		/* the kernel's restart codes never reach the program: strace
		 * shows "?" rather than -1 */
		const bool restart = strec_errno_is_restart(err);
		rp_buf_puts(out, restart ? "? " : "-1 ");
		if (name)
			rp_buf_puts(out, name);
		else
			rp_buf_printf(out, "E??? %d", err);
		if (text)
			rp_buf_printf(out, " (%s)", text);
		return;
	}
	rp_decode_rval(c, out);
}

/* The argument strace prints first at exit: the first the kernel fills. */
static unsigned first_output_arg(const struct rp_syscall *sc)
{
	const struct sc_table *const table = sc_table_for_arch(sc->arch);
	if (!sc->desc || !table)
		return 6;
	for (unsigned i = 0; i < sc->desc->nargs && i < 6; i++) {
		const struct sc_arg a = sc_arg_effective(table, sc->nr, sc->desc, i, sc->args);
		if (a.dir == SC_DIR_OUT)
			return i;
	}
	return 6;
}

/* -e raw=: this call's arguments and result in hex */
static bool raw_call(const struct rp_print_opts *o, const struct rp_syscall *sc)
{
	return o->raw_set && strec_filter_match(o->raw_set, sc->arch, sc->nr);
}

/* Where the text strace prints at a call's entry ends: at the argument
 * the kernel fills first (none when all are raw), else at the ')'; the
 * emitter noted where each argument started. */
static size_t entry_end(const struct rp_print_opts *o, const struct rp_syscall *sc,
			const struct rp_emit *e)
{
	const unsigned k = raw_call(o, sc) ? RP_EMIT_MAX_ARGS : first_output_arg(sc);
	if (k < e->nargs)
		return e->arg_at[k];
	return e->args_end ? e->args_end : e->out->len;
}

static size_t line_col(const struct rp_printer *p, const struct rp_buf *out, size_t line_start)
{
	size_t col = out->len - line_start;
	if (p->opts.mark_ids) { /* the marks take no room in the text shown */
		for (size_t i = line_start; i < out->len; i++)
			col -= out->data[i] == RP_ID_MARK;
	}
	return col;
}

/* -e raw=: the result as strace prints it undecoded, in hex (an error as
 * -1, its name and libc's text for it, "Unknown error 512" for the
 * kernel's own codes). */
static void print_rval_raw(const struct rp_syscall *sc, struct rp_buf *out)
{
	if (!sc->finished) {
		rp_buf_putc(out, '?');
		return;
	}
	if (!sc->is_error) {
		rp_buf_printf(out, "%#" PRIx64, (uint64_t)sc->rval);
		return;
	}
	const int err = (int)-sc->rval;
	const char *const name = strec_errno_name(err);
	if (!name)
		rp_buf_printf(out, "-1 (errno %d)", err);
	else if (err >= 512)
		rp_buf_printf(out, "-1 %s (Unknown error %d)", name, err);
	else
		rp_buf_printf(out, "-1 %s (%s)", name, strec_errno_text(err));
}

static void print_syscall_text(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out,
			       size_t line_start)
{
	const struct rp_syscall *sc = &ev->u.sc;
	/* -e abbrev=: this call abbreviated or in full, as -v does for all */
	struct rp_print_opts per_call;
	const struct rp_print_opts *o = &p->opts;
	if (o->abbrev_set) {
		per_call = *o;
		per_call.verbose = !strec_filter_match(o->abbrev_set, sc->arch, sc->nr);
		o = &per_call;
	}
	const bool raw = raw_call(o, sc);
	struct rp_emit e;
	rp_e_init(&e, out, o);
	struct rp_ctx c = {
	    .e = &e,
	    .ev = ev,
	    .sc = sc,
	    .session = p->session,
	    .opts = o,
	    .exiting_ok = sc->finished && !sc->is_error,
	    .deref = !o->verbose_set || strec_filter_match(o->verbose_set, sc->arch, sc->nr),
	};
	const char *name = rp_syscall_name(sc);
	const size_t name_at = out->len;
	if (name)
		rp_buf_puts(out, name);
	else
		rp_buf_printf(out, "syscall_%#" PRIx64, sc->nr);
	const size_t name_len = out->len - name_at;
	rp_e_open(&e, '(');
	if (raw) {
		/* the register arguments (not rt_sigreturn's signal frame) */
		const unsigned n = sc->desc ? sc->desc->nargs : 6;
		for (unsigned i = 0; i < n && i < 6; i++) {
			if (sc->desc && sc->desc->args[i].kind == SC_ARG_SIGFRAME)
				break;
			rp_e_hex(&e, sc->args[i]);
		}
	} else {
		rp_decode_args(&c);
	}
	if (!sc->finished && !sc->detached && !out->oom) {
		/* strace printed the arguments up to the first output at entry,
		 * and marks what it never got to print */
		const size_t cut = entry_end(o, sc, &e);
		if (cut < out->len) {
			out->len = cut;
			rp_buf_puts(out, " <unfinished ...>");
		}
	}
	rp_e_close(&e, ')');
	p->last_call = (struct rp_call_span){
	    .name_at = name_at, .name_len = name_len, .entry_end = entry_end(o, sc, &e)};
	p->last_was_call = !out->oom;
	if (sc->detached && !out->oom) {
		/* what strace printed at the entry, then the detach ended it */
		out->len = p->last_call.entry_end;
		rp_buf_puts(out, " <detached ...>");
		return;
	}
	/* strace aligns return values at column 40 (-a) */
	rp_buf_putc(out, ' ');
	const size_t col = line_col(p, out, line_start);
	for (size_t i = col; i < p->opts.column; i++)
		rp_buf_putc(out, ' ');
	rp_buf_puts(out, "= ");
	if (raw)
		print_rval_raw(sc, out);
	else
		print_rval(&c, out);
	if (p->opts.show_duration && sc->finished) {
		const uint64_t d = sc->exit_ts_ns - sc->entry_ts_ns;
		rp_buf_printf(out, " <%" PRIu64, d / 1000000000u);
		print_fraction(out, d % 1000000000u, p->opts.duration_digits);
		rp_buf_putc(out, '>');
	}
}

static const char *sig_name(int sig, char *tmp, size_t n)
{
	const char *s = strec_signal_name(sig);
	if (s)
		return s;
	snprintf(tmp, n, "%d", sig);
	return tmp;
}

static void print_text(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out)
{
	char tmp[32];
	switch (ev->kind) {
	case RP_EV_SYSCALL_ENTRY: /* as a call that has not returned */
	case RP_EV_SYSCALL: {
		const size_t start = out->len;
		print_prefix(p, ev, out);
		print_syscall_text(p, ev, out, start);
		rp_buf_putc(out, '\n');
		/* -e read=, -e write=: the data after the line */
		if (ev->kind == RP_EV_SYSCALL && (p->opts.dump_read || p->opts.dump_write))
			rp_print_io_dumps(&p->opts, ev, out);
		return;
	}
	case RP_EV_SIGNAL: {
		print_prefix(p, ev, out);
		struct rp_emit e;
		rp_e_init(&e, out, &p->opts);
		rp_buf_printf(out, "--- %s ", sig_name(ev->u.sig.signo, tmp, sizeof(tmp)));
		const struct rp_si_names names = {p->opts.decode_fds && !e.json ? p->session : NULL,
						  p->opts.pidns_translation ? p->session : NULL,
						  ev->tid};
		rp_print_siginfo(&e, ev->u.sig.siginfo, ev->u.sig.siginfo_len, &names);
		rp_buf_puts(out, " ---");
		break;
	}
	case RP_EV_GROUP_STOP:
		print_prefix(p, ev, out);
		rp_buf_printf(out, "--- stopped by %s ---",
			      sig_name(ev->u.stop_signo, tmp, sizeof(tmp)));
		break;
	case RP_EV_EXIT: {
		const int st = ev->u.wait_status;
		/* quiet=exit (-qq) hides normal exits only, as in strace */
		if ((p->opts.quiet & RP_QUIET_EXIT) && (st & 0x7f) == 0)
			return;
		print_prefix(p, ev, out);
		if ((st & 0x7f) == 0)
			rp_buf_printf(out, "+++ exited with %d +++", (st >> 8) & 0xff);
		else
			rp_buf_printf(out, "+++ killed by %s%s +++",
				      sig_name(st & 0x7f, tmp, sizeof(tmp)),
				      (st & 0x80) ? " (core dumped)" : "");
		break;
	}
	case RP_EV_EXEC:
		/* A thread's exec took the leader's tid: strace's line for the
		 * leader that is gone (its last call printed " = ?" before). */
		if (!ev->u.exec.former_tid || ev->u.exec.former_tid == ev->tid ||
		    (p->opts.quiet & RP_QUIET_THREAD_EXECVE))
			return;
		print_prefix(p, ev, out);
		rp_buf_puts(out, "+++ superseded by execve in pid ");
		rp_buf_mark_id(out, &p->opts);
		rp_buf_printf(out, "%u +++", ev->u.exec.former_tid);
		break;
	case RP_EV_DETACH: /* strace says "Process N detached" on stderr only */
	case RP_EV_SPAWN:
	default:
		return; /* strace prints nothing for these */
	}
	rp_buf_putc(out, '\n');
}

/* ---- JSON ---- */

static void json_common(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out,
			const char *type)
{
	const int64_t abs_ns = (int64_t)((uint64_t)p->opts.start_realtime_ns + ev->ts_ns);
	rp_buf_printf(out,
		      "{\"type\":\"%s\",\"pid\":%u,\"tid\":%u,\"ts_ns\":%" PRIu64
		      ",\"ts\":\"%lld.%09lld\"",
		      type, ev->pid, ev->tid, ev->ts_ns, (long long)(abs_ns / 1000000000),
		      (long long)(abs_ns % 1000000000));
	if (p->opts.json_extra)
		rp_buf_puts(out, p->opts.json_extra);
}

/* A command's words as one string, shell-quoted where needed. */
static void command_words(struct rp_buf *b, const char *const *argv, size_t argc)
{
	for (size_t i = 0; i < argc; i++) {
		const char *const w = argv[i] ? argv[i] : "";
		const bool plain = *w && !w[strcspn(w, " \t\n'\"\\$`;&|<>()*?[]{}~#!")];
		rp_buf_puts(b, i ? " " : "");
		if (plain) {
			rp_buf_puts(b, w);
			continue;
		}
		rp_buf_putc(b, '\'');
		for (const char *c = w; *c; c++) {
			if (*c == '\'')
				rp_buf_puts(b, "'\\''");
			else
				rp_buf_putc(b, *c);
		}
		rp_buf_putc(b, '\'');
	}
}

void rp_trace_id_json(const struct strtrc_header *h, struct rp_buf *out)
{
	const char *const host = h->hostname && *h->hostname ? h->hostname : "unknown";
	/* the start in UTC, to the nanosecond */
	const int64_t ns = h->start_realtime_ns;
	const time_t secs = (time_t)(ns >= 0 ? ns / 1000000000 : (ns - 999999999) / 1000000000);
	const long frac = (long)(ns - (int64_t)secs * 1000000000);
	struct tm tm;
	char start[64] = "1970-01-01T00:00:00";
	if (gmtime_r(&secs, &tm))
		strftime(start, sizeof(start), "%Y-%m-%dT%H:%M:%S", &tm);
	char start_ns[80];
	snprintf(start_ns, sizeof(start_ns), "%s.%09ldZ", start, frac);
	struct rp_buf program = {0}, command = {0};
	if (h->command_argc && h->command_argv[0]) {
		const char *const slash = strrchr(h->command_argv[0], '/');
		rp_buf_puts(&program, slash && slash[1] ? slash + 1 : h->command_argv[0]);
		command_words(&command, h->command_argv, h->command_argc);
	} else {
		rp_buf_printf(&program, "pid%" PRIu32, h->npids ? h->pids[0] : 0);
		for (size_t i = 0; i < h->npids; i++)
			rp_buf_printf(&command, "%s-p %" PRIu32, i ? " " : "", h->pids[i]);
	}
	struct rp_buf id = {0};
	rp_buf_printf(&id, "%s/%s/", host, start_ns);
	rp_buf_put(&id, program.data ? program.data : "", program.len);
	rp_buf_puts(out, ",\"trace_id\":");
	rp_json_string(out, (const uint8_t *)(id.data ? id.data : ""), id.len);
	rp_buf_puts(out, ",\"trace_host\":");
	rp_json_string(out, (const uint8_t *)host, strlen(host));
	rp_buf_printf(out, ",\"trace_start\":\"%s\",\"trace_command\":", start_ns);
	rp_json_string(out, (const uint8_t *)(command.data ? command.data : ""), command.len);
	if (id.oom || program.oom || command.oom)
		out->oom = true;
	rp_buf_free(&id);
	rp_buf_free(&program);
	rp_buf_free(&command);
}

static void print_json(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out)
{
	char tmp[32];
	struct rp_emit e;
	rp_e_init(&e, out, &p->opts);
	switch (ev->kind) {
	case RP_EV_SYSCALL: {
		const struct rp_syscall *sc = &ev->u.sc;
		json_common(p, ev, out, "syscall");
		const char *name = rp_syscall_name(sc);
		if (name)
			rp_buf_printf(out, ",\"syscall\":\"%s\"", name);
		else
			rp_buf_printf(out, ",\"syscall\":\"syscall_%#" PRIx64 "\"", sc->nr);
		rp_buf_printf(out, ",\"nr\":%" PRIu64 ",\"arch\":\"%s\"", sc->nr,
			      sc->arch == SC_AUDIT_ARCH_I386 ? "i386" : "x86_64");
		struct rp_ctx c = {
		    .e = &e,
		    .ev = ev,
		    .sc = sc,
		    .session = p->session,
		    .opts = &p->opts,
		    .exiting_ok = sc->finished && !sc->is_error,
		    .deref = true, /* JSON has the values; -e verbose= is text */
		};
		rp_buf_puts(out, ",\"args\":");
		rp_e_open(&e, '(');
		rp_decode_args(&c);
		rp_e_close(&e, ')');
		rp_buf_puts(out, ",\"raw_args\":[");
		const unsigned n = sc->desc ? sc->desc->nargs : 6;
		for (unsigned i = 0; i < n; i++)
			rp_buf_printf(out, "%s%" PRIu64, i ? "," : "", sc->args[i]);
		rp_buf_putc(out, ']');
		if (sc->finished) {
			rp_buf_printf(out, ",\"rval\":%" PRId64, sc->rval);
			if (sc->is_error) {
				/* the name (null for a number without one) and the number */
				const char *en = strec_errno_name((int)-sc->rval);
				rp_buf_printf(out, ",\"errno\":%s%s%s,\"errno_nr\":%" PRId64,
					      en ? "\"" : "", en ? en : "null", en ? "\"" : "",
					      -sc->rval);
			}
			rp_buf_printf(out, ",\"duration_ns\":%" PRIu64,
				      sc->exit_ts_ns - sc->entry_ts_ns);
		} else {
			rp_buf_puts(out,
				    sc->detached
					? ",\"rval\":null,\"unfinished\":true,\"detached\":true"
					: ",\"rval\":null,\"unfinished\":true");
		}
		break;
	}
	case RP_EV_SIGNAL:
		json_common(p, ev, out, "signal");
		rp_buf_printf(out, ",\"signal\":\"%s\",\"siginfo\":",
			      sig_name(ev->u.sig.signo, tmp, sizeof(tmp)));
		const struct rp_si_names names = {p->opts.decode_fds && !e.json ? p->session : NULL,
						  p->opts.pidns_translation ? p->session : NULL,
						  ev->tid};
		rp_print_siginfo(&e, ev->u.sig.siginfo, ev->u.sig.siginfo_len, &names);
		break;
	case RP_EV_GROUP_STOP:
		json_common(p, ev, out, "stop");
		rp_buf_printf(out, ",\"signal\":\"%s\"",
			      sig_name(ev->u.stop_signo, tmp, sizeof(tmp)));
		break;
	case RP_EV_EXIT: {
		const int st = ev->u.wait_status;
		json_common(p, ev, out, "exit");
		if ((st & 0x7f) == 0)
			rp_buf_printf(out, ",\"exit_code\":%d", (st >> 8) & 0xff);
		else
			rp_buf_printf(out, ",\"killed_by\":\"%s\",\"core_dumped\":%s",
				      sig_name(st & 0x7f, tmp, sizeof(tmp)),
				      (st & 0x80) ? "true" : "false");
		break;
	}
	case RP_EV_SPAWN:
		json_common(p, ev, out, "spawn");
		rp_buf_printf(
		    out, ",\"child_tid\":%u,\"how\":\"%s\",\"clone_flags\":", ev->u.spawn.new_tid,
		    ev->u.spawn.how == STRTRC_SPAWN_FORK    ? "fork"
		    : ev->u.spawn.how == STRTRC_SPAWN_VFORK ? "vfork"
							    : "clone");
		rp_e_flags(&e, &rp_x_clone_flags, ev->u.spawn.clone_flags);
		break;
	case RP_EV_EXEC:
		json_common(p, ev, out, "exec");
		rp_buf_printf(out, ",\"former_tid\":%u", ev->u.exec.former_tid);
		if (ev->u.exec.exe) {
			rp_buf_puts(out, ",\"exe\":");
			rp_json_string(out, (const uint8_t *)ev->u.exec.exe,
				       strlen(ev->u.exec.exe));
		}
		break;
	case RP_EV_DETACH:
		json_common(p, ev, out, "detach");
		break;
	case RP_EV_SYSCALL_ENTRY: {
		json_common(p, ev, out, "syscall_entry");
		const char *const name = rp_syscall_name(&ev->u.sc);
		rp_buf_puts(out, ",\"syscall\":");
		rp_json_string(out, (const uint8_t *)(name ? name : "?"),
			       strlen(name ? name : "?"));
		rp_buf_printf(out, ",\"nr\":%" PRIu64, ev->u.sc.nr);
		break;
	}
	}
	rp_buf_puts(out, "}\n");
}

void rp_print_event(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out)
{
	p->last_was_call = false;
	if (p->opts.json)
		print_json(p, ev, out);
	else
		print_text(p, ev, out);
}
