/* libFuzzer target for the decoding library: the input is a whole trace
 * file or a bare CBOR record sequence (fuzz_input.h), read with libstrtrc,
 * paired into events by rp_session and printed by several printers at once
 * (strace text with option sets like -v, -x, -xx, -y, -T, -tt -r, and
 * JSON). Checks the printers' contract: every event's output is whole
 * lines, no NUL bytes, and JSON lines parse. */
#include "fuzz_input.h"
#include "replay.h"

#include <stdbool.h>

/* ---- a minimal JSON syntax check (RFC 8259 grammar, no semantics) ---- */

struct json {
	const char *p, *end;
	unsigned depth;
};

static bool json_value(struct json *j);

static void json_ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t'))
		j->p++;
}

static bool json_lit(struct json *j, const char *lit)
{
	const size_t n = strlen(lit);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool json_string(struct json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end) {
		const unsigned char c = (unsigned char)*j->p++;
		if (c == '"')
			return true;
		if (c < 0x20)
			return false; /* control characters must be escaped */
		if (c != '\\')
			continue;
		if (j->p >= j->end)
			return false;
		const char e = *j->p++;
		if (e == 'u') {
			for (int i = 0; i < 4; i++, j->p++)
				if (j->p >= j->end || !strchr("0123456789abcdefABCDEF", *j->p) ||
				    !*j->p)
					return false;
		} else if (!strchr("\"\\/bfnrt", e) || !e) {
			return false;
		}
	}
	return false;
}

static bool json_digits(struct json *j)
{
	const char *const start = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start;
}

static bool json_number(struct json *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!json_digits(j))
		return false;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!json_digits(j))
			return false;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!json_digits(j))
			return false;
	}
	return true;
}

/* '[' or '{' already seen at j->p. */
static bool json_container(struct json *j, char close, bool object)
{
	if (++j->depth > 64)
		return false;
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return true;
	}
	for (;;) {
		json_ws(j);
		if (object) {
			if (!json_string(j))
				return false;
			json_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
			json_ws(j);
		}
		if (!json_value(j))
			return false;
		json_ws(j);
		if (j->p >= j->end)
			return false;
		const char c = *j->p++;
		if (c == close)
			break;
		if (c != ',')
			return false;
	}
	j->depth--;
	return true;
}

static bool json_value(struct json *j)
{
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '{':
		return json_container(j, '}', true);
	case '[':
		return json_container(j, ']', false);
	case '"':
		return json_string(j);
	case 't':
		return json_lit(j, "true");
	case 'f':
		return json_lit(j, "false");
	case 'n':
		return json_lit(j, "null");
	default:
		return json_number(j);
	}
}

/* Every line of text (newline-terminated) is one JSON object. */
static void check_json_lines(const char *text, size_t len)
{
	size_t at = 0;
	while (at < len) {
		const char *const nl = memchr(text + at, '\n', len - at);
		if (!nl)
			abort();
		struct json j = {text + at, nl, 0};
		if (*j.p != '{' || !json_value(&j) || j.p != nl)
			abort();
		at = (size_t)(nl - text) + 1;
	}
}

/* ---- the target ---- */

#define NPRINTERS 6

struct run {
	struct rp_printer *printers[NPRINTERS];
	bool json[NPRINTERS];
	struct rp_buf out;
};

static void set_opts(struct rp_print_opts *o, unsigned which, int64_t start)
{
	rp_print_opts_init(o);
	o->start_realtime_ns = start;
	switch (which) {
	case 0: /* strep's defaults */
		break;
	case 1: /* -v -x -y -T */
		o->verbose = true;
		o->xflag = 1;
		o->decode_fds = RP_DECODE_FD_PATH;
		o->show_duration = true;
		break;
	case 2: /* -xx -s 4 -tt --relative-timestamps=ns -qq, no pid prefix (-ff) */
		o->xflag = 2;
		o->max_strlen = 4;
		o->ts = RP_TS_TIME;
		o->ts_digits = 6;
		o->relative = true;
		o->relative_digits = 9;
		o->quiet = RP_QUIET_QQ;
		o->pid_prefix = false;
		break;
	case 3: /* -s 0 --timestamps=unix,ms --syscall-times=s -y */
		o->max_strlen = 0;
		o->ts = RP_TS_UNIX;
		o->ts_digits = 3;
		o->show_duration = true;
		o->duration_digits = 0;
		o->decode_fds = RP_DECODE_FD_PATH;
		break;
	case 4: /* --json */
		o->json = true;
		break;
	default: /* --json -v -x -y -T -t */
		o->json = true;
		o->verbose = true;
		o->xflag = 1;
		o->decode_fds = RP_DECODE_FD_PATH;
		o->show_duration = true;
		o->ts = RP_TS_TIME;
		break;
	}
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct run *const r = ctx;
	for (unsigned i = 0; i < NPRINTERS; i++) {
		r->out.len = 0;
		rp_print_event(r->printers[i], ev, &r->out);
		if (r->out.oom)
			continue; /* incomplete, nothing to check */
		/* Whole lines only, and no NUL: strace's text escapes them. */
		if (r->out.len && r->out.data[r->out.len - 1] != '\n')
			abort();
		if (r->out.len && memchr(r->out.data, '\0', r->out.len))
			abort();
		if (r->json[i])
			check_json_lines(r->out.data, r->out.len);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strtrc_reader *const rd = open_input(data, size);
	if (!rd)
		return 0;
	const struct strtrc_header *const h = strtrc_reader_header(rd);
	struct rp_session *const s = rp_session_new(h);
	if (!s)
		abort();
	/* The entry events of strep --interleaved, for half the inputs
	 * (decided by the input so that a crash reproduces). */
	if (size & 1)
		rp_session_set_entry_events(s, true);
	struct run r = {0};
	for (unsigned i = 0; i < NPRINTERS; i++) {
		struct rp_print_opts o;
		set_opts(&o, i, h->start_realtime_ns);
		r.json[i] = o.json;
		r.printers[i] = rp_printer_new(&o, s);
		if (!r.printers[i])
			abort();
	}
	struct strtrc_record rec;
	while (strtrc_reader_next(rd, &rec) > 0)
		if (rp_session_feed(s, &rec, on_event, &r) < 0)
			break;
	rp_session_finish(s, on_event, &r);
	for (unsigned i = 0; i < NPRINTERS; i++)
		rp_printer_free(r.printers[i]);
	rp_buf_free(&r.out);
	rp_session_free(s);
	strtrc_reader_close(rd);
	return 0;
}
