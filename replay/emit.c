/* Output buffer, strace's string quoting, JSON strings, and the emitter that
 * renders decoded values either as strace text or as JSON. */
#include "rp_internal.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool buf_reserve(struct rp_buf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void rp_buf_put(struct rp_buf *b, const char *s, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void rp_buf_puts(struct rp_buf *b, const char *s)
{
	rp_buf_put(b, s, strlen(s));
}

void rp_buf_putc(struct rp_buf *b, char c)
{
	rp_buf_put(b, &c, 1);
}

void rp_buf_printf(struct rp_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	const int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		rp_buf_put(b, small, (size_t)n);
		return;
	}
	if (!buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void rp_buf_free(struct rp_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* The characters of data[0..n) escaped as strace's string_quote() does:
 * all in \x when usehex; else as C does, octal as short as possible unless
 * a digit follows. Characters of also_escape are escaped in octal too. */
static void quote_chars(struct rp_buf *b, const uint8_t *data, size_t n, bool usehex,
			const char *also_escape)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		const uint8_t c = data[i];
		char tmp[5];
		size_t k = 0;
		if (usehex) {
			tmp[k++] = '\\';
			tmp[k++] = 'x';
			tmp[k++] = hex[c >> 4];
			tmp[k++] = hex[c & 15];
		} else {
			switch (c) {
			case '"':
			case '\\':
				tmp[k++] = '\\';
				tmp[k++] = (char)c;
				break;
			case '\f':
				tmp[k++] = '\\';
				tmp[k++] = 'f';
				break;
			case '\n':
				tmp[k++] = '\\';
				tmp[k++] = 'n';
				break;
			case '\r':
				tmp[k++] = '\\';
				tmp[k++] = 'r';
				break;
			case '\t':
				tmp[k++] = '\\';
				tmp[k++] = 't';
				break;
			case '\v':
				tmp[k++] = '\\';
				tmp[k++] = 'v';
				break;
			default:
				if (c >= ' ' && c <= 0x7e &&
				    !(also_escape && strchr(also_escape, c))) {
					tmp[k++] = (char)c;
				} else {
					tmp[k++] = '\\';
					const bool digit_next =
					    i + 1 < n && data[i + 1] >= '0' && data[i + 1] <= '7';
					if (digit_next) {
						tmp[k++] = (char)('0' + (c >> 6));
						tmp[k++] = (char)('0' + ((c >> 3) & 7));
					} else if (c >> 3) {
						if (c >> 6)
							tmp[k++] = (char)('0' + (c >> 6));
						tmp[k++] = (char)('0' + ((c >> 3) & 7));
					}
					tmp[k++] = (char)('0' + (c & 7));
				}
			}
		}
		rp_buf_put(b, tmp, k);
	}
}

/* strace's choice of \x for a whole string: with -x when it holds any
 * non-printable (other than whitespace), with -xx always. */
bool rp_quotes_as_hex(const uint8_t *data, size_t n, int xflag)
{
	if (xflag != 1)
		return xflag > 1;
	for (size_t i = 0; i < n; i++) {
		const uint8_t c = data[i];
		if (c > 0x7e || (c < ' ' && (unsigned)(c - 9) >= 5))
			return true;
	}
	return false;
}

void rp_quote_string(struct rp_buf *b, const uint8_t *data, size_t len, unsigned max_strlen,
		     int xflag, bool cstring, bool more)
{
	size_t n = len;
	if (cstring) {
		const uint8_t *nul = memchr(data, 0, len);
		if (nul)
			n = (size_t)(nul - data);
	}
	if (n > max_strlen) {
		n = max_strlen;
		more = true;
	}
	rp_buf_putc(b, '"');
	quote_chars(b, data, n, rp_quotes_as_hex(data, n, xflag), NULL);
	rp_buf_putc(b, '"');
	if (more)
		rp_buf_puts(b, "...");
}

void rp_quote_fd_path(struct rp_buf *b, const char *path, size_t len, int xflag)
{
	const uint8_t *const data = (const uint8_t *)path;
	quote_chars(b, data, len, rp_quotes_as_hex(data, len, xflag), "<>");
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const uint8_t *p, size_t left)
{
	const uint8_t c = p[0];
	size_t n;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlongs, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void rp_json_string(struct rp_buf *b, const uint8_t *data, size_t len)
{
	rp_buf_putc(b, '"');
	for (size_t i = 0; i < len;) {
		const uint8_t c = data[i];
		if (c == '"' || c == '\\') {
			rp_buf_putc(b, '\\');
			rp_buf_putc(b, (char)c);
			i++;
			continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			rp_buf_putc(b, (char)c);
			i++;
			continue;
		}
		const size_t n = c >= 0x80 ? utf8_seq(data + i, len - i) : 0;
		if (n) {
			rp_buf_put(b, (const char *)data + i, n);
			i += n;
			continue;
		}
		/* control chars, DEL and stray bytes stand for themselves as
		 * code points U+0000..U+00FF so no byte is lost */
		rp_buf_printf(b, "\\u%04x", c);
		i++;
	}
	rp_buf_putc(b, '"');
}

/* ---- emitter ---- */

void rp_e_init(struct rp_emit *e, struct rp_buf *out, const struct rp_print_opts *opts)
{
	memset(e, 0, sizeof(*e));
	e->out = out;
	e->opts = opts;
	e->json = opts->json;
}

/* Separator before a new value (or key) at the current depth. */
static void begin_value(struct rp_emit *e)
{
	if (e->after_key) {
		e->after_key = false;
		return;
	}
	if (e->wrapped[e->depth]) {
		rp_buf_putc(e->out, '}');
		e->wrapped[e->depth] = false;
	}
	if (e->sep[e->depth])
		rp_buf_puts(e->out, e->json ? "," : ", ");
	e->sep[e->depth] = true;
	if (e->depth == 1 && e->nargs < RP_EMIT_MAX_ARGS)
		e->arg_at[e->nargs++] = e->out->len;
}

void rp_e_open(struct rp_emit *e, char c)
{
	begin_value(e);
	if (e->json)
		rp_buf_putc(e->out, c == '{' ? '{' : '[');
	else
		rp_buf_putc(e->out, c);
	assert(e->depth + 1 < RP_EMIT_DEPTH);
	if (e->depth + 1 < RP_EMIT_DEPTH)
		e->depth++;
	e->sep[e->depth] = false;
	e->array[e->depth] = c != '{';
	e->wrapped[e->depth] = false;
}

void rp_e_close(struct rp_emit *e, char c)
{
	if (e->wrapped[e->depth]) {
		rp_buf_putc(e->out, '}');
		e->wrapped[e->depth] = false;
	}
	if (e->depth > 0)
		e->depth--;
	if (e->depth == 0)
		e->args_end = e->out->len;
	if (e->json)
		rp_buf_putc(e->out, c == '}' ? '}' : ']');
	else
		rp_buf_putc(e->out, c);
}

void rp_e_key(struct rp_emit *e, const char *key)
{
	begin_value(e);
	if (e->json) {
		/* a named argument (clone's child_stack=) in the args array:
		 * {"key":value}, as JSON has no key inside an array */
		if (e->array[e->depth]) {
			rp_buf_putc(e->out, '{');
			e->wrapped[e->depth] = true;
		}
		rp_json_string(e->out, (const uint8_t *)key, strlen(key));
		rp_buf_putc(e->out, ':');
	} else {
		rp_buf_puts(e->out, key);
		rp_buf_putc(e->out, '=');
	}
	e->after_key = true;
}

void rp_e_int(struct rp_emit *e, int64_t v)
{
	begin_value(e);
	rp_buf_printf(e->out, "%" PRId64, v);
}

void rp_e_id(struct rp_emit *e, int64_t v)
{
	begin_value(e);
	rp_buf_mark_id(e->out, e->opts);
	rp_buf_printf(e->out, "%" PRId64, v);
}

void rp_e_uint(struct rp_emit *e, uint64_t v)
{
	begin_value(e);
	rp_buf_printf(e->out, "%" PRIu64, v);
}

void rp_e_hex(struct rp_emit *e, uint64_t v)
{
	begin_value(e);
	rp_buf_printf(e->out, e->json ? "\"%#" PRIx64 "\"" : "%#" PRIx64, v);
}

void rp_e_octal(struct rp_emit *e, uint64_t v)
{
	begin_value(e);
	rp_buf_printf(e->out, e->json ? "\"%#03" PRIo64 "\"" : "%#03" PRIo64, v);
}

void rp_e_ptr(struct rp_emit *e, uint64_t addr)
{
	if (!addr) {
		begin_value(e);
		rp_buf_puts(e->out, e->json ? "null" : "NULL");
		return;
	}
	rp_e_hex(e, addr);
}

void rp_e_sym(struct rp_emit *e, const char *name)
{
	begin_value(e);
	if (e->json)
		rp_json_string(e->out, (const uint8_t *)name, strlen(name));
	else
		rp_buf_puts(e->out, name);
}

void rp_e_raw(struct rp_emit *e, const char *text)
{
	rp_e_sym(e, text);
}

void rp_e_rawf(struct rp_emit *e, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	rp_e_sym(e, tmp);
}

const char *rp_xlat_lookup(const struct rp_xlat *x, uint64_t v)
{
	if (!x)
		return NULL;
	for (size_t i = 0; i < x->n; i++) {
		if (x->e[i].val == v)
			return x->e[i].name;
	}
	return NULL;
}

/* strace's printflags: names in table order, then the rest in hex; a
 * zero value prints the table's zero name or "0". */
static void flags_each(const struct rp_xlat *x, uint64_t v, void (*fn)(void *, const char *),
		       void *arg)
{
	if (v == 0) {
		const char *z = rp_xlat_lookup(x, 0);
		fn(arg, z ? z : "0");
		return;
	}
	uint64_t rest = v;
	for (size_t i = 0; x && i < x->n; i++) {
		const uint64_t f = x->e[i].val;
		if (f && (rest & f) == f) {
			fn(arg, x->e[i].name);
			rest &= ~f;
		}
	}
	if (rest) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%#" PRIx64, rest);
		fn(arg, tmp);
	}
}

struct flags_text_arg {
	struct rp_buf *b;
	bool first;
};
static void flags_text_one(void *arg, const char *name)
{
	struct flags_text_arg *a = arg;
	if (!a->first)
		rp_buf_putc(a->b, '|');
	a->first = false;
	rp_buf_puts(a->b, name);
}

void rp_flags_text(struct rp_buf *b, const struct rp_xlat *x, uint64_t v)
{
	struct flags_text_arg a = {b, true};
	flags_each(x, v, flags_text_one, &a);
}

bool rp_flags_any_known(const struct rp_xlat *x, uint64_t v)
{
	for (size_t i = 0; x && i < x->n; i++) {
		if (x->e[i].val && (v & x->e[i].val) == x->e[i].val)
			return true;
	}
	return false;
}

static void flags_json_one(void *arg, const char *name)
{
	struct flags_text_arg *a = arg;
	if (!a->first)
		rp_buf_putc(a->b, ',');
	a->first = false;
	rp_json_string(a->b, (const uint8_t *)name, strlen(name));
}

/* Abbreviated text of flag set v: names, the rest in hex, and the table's
 * "X_???" comment when no bit is known (strace's printflags). */
static void flags_abbrev(struct rp_buf *b, const struct rp_xlat *x, uint64_t v)
{
	rp_flags_text(b, x, v);
	if (v && x && x->unknown && !rp_flags_any_known(x, v))
		rp_buf_printf(b, " /* %s */", x->unknown);
}

enum rp_xlat_style rp_e_xstyle(const struct rp_emit *e)
{
	return e->json ? RP_XLAT_ABBREV : e->opts->xlat;
}

void rp_xlat_named_text(struct rp_buf *b, enum rp_xlat_style st, const char *num, const char *name)
{
	if (st == RP_XLAT_ABBREV && name)
		rp_buf_puts(b, name);
	else if (st == RP_XLAT_VERBOSE && name)
		rp_buf_printf(b, "%s /* %s */", num, name);
	else
		rp_buf_puts(b, num);
}

void rp_xlat_flags_text(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			uint64_t v)
{
	if (st == RP_XLAT_ABBREV) {
		flags_abbrev(b, x, v);
		return;
	}
	rp_buf_printf(b, "%#" PRIx64, v);
	if (st == RP_XLAT_RAW)
		return;
	/* verbose: the names strace would have printed, in a comment; a
	 * value with no known bit gets only the table's "X_???" */
	if (v ? rp_flags_any_known(x, v) : rp_xlat_lookup(x, 0) != NULL) {
		rp_buf_puts(b, " /* ");
		rp_flags_text(b, x, v);
		rp_buf_puts(b, " */");
	} else if (v && x && x->unknown) {
		rp_buf_printf(b, " /* %s */", x->unknown);
	}
}

/* One of x as text, num being v's digits for an unknown one. */
static void enum_text(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x, uint64_t v,
		      const char *num)
{
	const char *name = rp_xlat_lookup(x, v);
	if (name) {
		rp_xlat_named_text(b, st, num, name);
		return;
	}
	/* unknown: "0x7 /" "* SEEK_??? *" "/", raw dropping the comment */
	rp_buf_puts(b, num);
	if (st != RP_XLAT_RAW && x && x->unknown)
		rp_buf_printf(b, " /* %s */", x->unknown);
}

void rp_xlat_enum_text(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x, uint64_t v)
{
	char num[32];
	snprintf(num, sizeof(num), "%#" PRIx64, v);
	enum_text(b, st, x, v, num);
}

void rp_e_flags(struct rp_emit *e, const struct rp_xlat *x, uint64_t v)
{
	begin_value(e);
	if (e->json) {
		struct flags_text_arg a = {e->out, true};
		rp_buf_putc(e->out, '[');
		flags_each(x, v, flags_json_one, &a);
		rp_buf_putc(e->out, ']');
	} else {
		rp_xlat_flags_text(e->out, e->opts->xlat, x, v);
	}
}

void rp_e_enum(struct rp_emit *e, const struct rp_xlat *x, uint64_t v)
{
	const char *name = rp_xlat_lookup(x, v);
	if (e->json) {
		if (name) {
			rp_e_sym(e, name);
			return;
		}
		rp_e_hex(e, v);
		return;
	}
	begin_value(e);
	rp_xlat_enum_text(e->out, e->opts->xlat, x, v);
}

void rp_e_enum_d(struct rp_emit *e, const struct rp_xlat *x, int64_t v)
{
	const char *name = rp_xlat_lookup(x, (uint64_t)v);
	if (e->json) {
		if (name)
			rp_e_sym(e, name);
		else
			rp_e_int(e, v);
		return;
	}
	char num[32];
	snprintf(num, sizeof(num), "%" PRId64, v);
	begin_value(e);
	enum_text(e->out, e->opts->xlat, x, (uint64_t)v, num);
}

void rp_e_named(struct rp_emit *e, const char *num, const char *name)
{
	if (e->json || e->opts->xlat == RP_XLAT_ABBREV) {
		rp_e_sym(e, name ? name : num);
		return;
	}
	begin_value(e);
	rp_xlat_named_text(e->out, e->opts->xlat, num, name);
}

void rp_e_symx(struct rp_emit *e, const char *name, uint64_t v)
{
	char num[32];
	snprintf(num, sizeof(num), "%#" PRIx64, v);
	rp_e_named(e, num, name);
}

void rp_e_symd(struct rp_emit *e, const char *name, int64_t v)
{
	char num[32];
	snprintf(num, sizeof(num), "%" PRId64, v);
	rp_e_named(e, num, name);
}

void rp_e_bytes(struct rp_emit *e, const uint8_t *data, size_t len, bool cstring, bool more)
{
	begin_value(e);
	if (e->json) {
		size_t n = len;
		if (cstring) {
			const uint8_t *nul = memchr(data, 0, len);
			if (nul)
				n = (size_t)(nul - data);
		}
		if (n > e->opts->max_strlen)
			n = e->opts->max_strlen;
		rp_json_string(e->out, data, n);
	} else {
		rp_quote_string(e->out, data, len, e->opts->max_strlen, e->opts->xflag, cstring,
				more);
	}
}

void rp_e_bytes_whole(struct rp_emit *e, const uint8_t *data, size_t len, bool cstring, bool more)
{
	struct rp_print_opts whole = *e->opts;
	whole.max_strlen = UINT32_MAX;
	const struct rp_print_opts *const saved = e->opts;
	e->opts = &whole;
	rp_e_bytes(e, data, len, cstring, more);
	e->opts = saved;
}

void rp_e_bytes_hex(struct rp_emit *e, const uint8_t *data, size_t len, bool more)
{
	begin_value(e);
	if (e->json)
		rp_json_string(e->out, data, len > e->opts->max_strlen ? e->opts->max_strlen : len);
	else
		rp_quote_string(e->out, data, len, e->opts->max_strlen, 2, false, more);
}

void rp_e_comment(struct rp_emit *e, const char *c)
{
	if (e->json)
		return;
	rp_buf_printf(e->out, " /* %s */", c);
}

void rp_e_clock_ticks(struct rp_emit *e, uint64_t ticks)
{
	/* the kernel reports clock_t in USER_HZ, which is 100 on every Linux
	 * architecture strec decodes, whatever the recording machine's HZ */
	enum { USER_HZ = 100 };
	rp_e_uint(e, ticks);
	if (!ticks || rp_e_xstyle(e) == RP_XLAT_RAW)
		return;
	char text[48];
	snprintf(text, sizeof(text), "%" PRIu64 ".%02" PRIu64 " s", ticks / USER_HZ,
		 ticks % USER_HZ);
	rp_e_comment(e, text);
}

void rp_e_ellipsis(struct rp_emit *e)
{
	if (e->json)
		return;
	begin_value(e);
	rp_buf_puts(e->out, "...");
}

void rp_e_glue(struct rp_emit *e, const char *text)
{
	if (!e->json)
		rp_buf_puts(e->out, text);
}

void rp_e_join(struct rp_emit *e, const char *text)
{
	assert(!e->json);
	rp_buf_puts(e->out, text);
	e->after_key = true; /* what follows takes no separator */
}

void rp_e_changed(struct rp_emit *e)
{
	rp_e_join(e, " => ");
}

void rp_e_flags_pre(struct rp_emit *e, uint64_t whole, const char *pre, const struct rp_xlat *x,
		    uint64_t v, const char *post)
{
	begin_value(e);
	struct flags_text_arg a = {e->out, true};
	void (*one)(void *, const char *) = e->json ? flags_json_one : flags_text_one;
	const enum rp_xlat_style st = rp_e_xstyle(e);
	if (st != RP_XLAT_ABBREV) {
		rp_buf_printf(e->out, "%#" PRIx64, whole);
		/* a bare 0 has no names to comment on (clone3's flags=0) */
		if (st == RP_XLAT_RAW || (!pre && !post && !v && !rp_xlat_lookup(x, 0)))
			return;
		rp_buf_puts(e->out, " /* ");
	}
	if (e->json)
		rp_buf_putc(e->out, '[');
	if (pre)
		one(&a, pre);
	if (v || (!pre && !post))
		flags_each(x, v, one, &a);
	if (post)
		one(&a, post);
	if (e->json)
		rp_buf_putc(e->out, ']');
	if (st == RP_XLAT_VERBOSE)
		rp_buf_puts(e->out, " */");
}

/* A word as a POSIX shell reads it back: bare when only safe characters,
 * else in single quotes (a quote inside as '\''). */
void rp_shell_word(struct rp_buf *b, const char *s, size_t len)
{
	bool plain = len > 0;
	for (size_t i = 0; i < len; i++) {
		const unsigned char c = (unsigned char)s[i];
		if (!(c == '/' || c == '.' || c == '-' || c == '_' || c == '=' || c == ':' ||
		      c == ',' || c == '+' || c == '@' || c == '%' || (c >= '0' && c <= '9') ||
		      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			plain = false;
	}
	if (plain) {
		rp_buf_put(b, s, len);
		return;
	}
	rp_buf_putc(b, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'')
			rp_buf_puts(b, "'\\''");
		else
			rp_buf_putc(b, s[i]);
	}
	rp_buf_putc(b, '\'');
}
