/* Normalization of decoded calls for strdiff (see diff_norm.h). */
#include "diff_norm.h"

#include <assert.h>
#include <string.h>

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_xdigit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	const size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

bool dn_key_volatile(const struct dn_opts *o, const char *name, size_t len)
{
	if (ends_with(name, len, "time") || ends_with(name, len, "time_nsec") ||
	    (len == 6 && (!memcmp(name, "tv_sec", 6))) ||
	    (len == 7 && (!memcmp(name, "tv_nsec", 7) || !memcmp(name, "tv_usec", 7))) ||
	    (len > 3 && !memcmp(name, "ru_", 3)))
		return true;
	for (size_t i = 0; o && i < o->nkeys; i++) {
		if (strlen(o->keys[i]) == len && !memcmp(o->keys[i], name, len))
			return true;
	}
	return false;
}

/* The digits after "/proc/" at text[i] (which starts the "/proc/"): how
 * many, 0 when none. */
static size_t proc_pid_digits(const char *text, size_t len, size_t i)
{
	if (len - i < 7 || memcmp(text + i, "/proc/", 6) != 0)
		return 0;
	size_t n = 0;
	while (i + 6 + n < len && is_digit(text[i + 6 + n]))
		n++;
	return n;
}

/* Copies n bytes of text outside strings and paths with each run of
 * spaces as one: the padding before " = " depends on how long the
 * arguments printed, ids among them. */
static void put_squeezed(struct rp_buf *out, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (text[i] != ' ' || !out->len || out->data[out->len - 1] != ' ')
			rp_buf_putc(out, text[i]);
	}
}

/* Where the id the printer marked at text[i] (RP_ID_MARK, then an int)
 * ends, and its value, absolute, in *v (UINT64_MAX: no digits). */
static size_t marked_id_end(const char *text, size_t i, size_t end, uint64_t *v)
{
	assert(i < end && text[i] == RP_ID_MARK);
	size_t j = i + 1;
	if (j < end && text[j] == '-')
		j++;
	const size_t digits = j;
	*v = 0;
	while (j < end && is_digit(text[j])) {
		if (*v < UINT64_MAX / 10)
			*v = *v * 10 + (uint64_t)(text[j] - '0');
		j++;
	}
	if (j == digits)
		*v = UINT64_MAX;
	return j;
}

/* A marked id: "PID" for a process (or "-PID" for kill's group), as is
 * for 0, 1 and -1, which name no process of their own. Returns where the
 * id ends. */
static size_t put_marked_id(struct rp_buf *out, const char *text, size_t i, size_t end)
{
	uint64_t v;
	const size_t j = marked_id_end(text, i, end, &v);
	if (v != UINT64_MAX && v > 1)
		rp_buf_puts(out, text[i + 1] == '-' ? "-PID" : "PID");
	else
		rp_buf_put(out, text + i + 1, j - i - 1);
	return j;
}

/* Copies a path or string body text[i..end) with /proc/N masked and, in
 * descriptor paths (inodes), [N] masked. */
static void put_body(struct rp_buf *out, const char *text, size_t i, size_t end, bool inodes)
{
	while (i < end) {
		/* a plain stretch: up to the next '/' or '[' */
		size_t j = i;
		while (j < end && text[j] != '/' && text[j] != '[' && text[j] != RP_ID_MARK)
			j++;
		if (j > i) {
			rp_buf_put(out, text + i, j - i);
			i = j;
			continue;
		}
		if (text[i] == RP_ID_MARK) { /* -yy's <pid:N> */
			i = put_marked_id(out, text, i, end);
			continue;
		}
		const size_t pd = text[i] == '/' ? proc_pid_digits(text, end, i) : 0;
		if (pd) {
			rp_buf_puts(out, "/proc/PID");
			i += 6 + pd;
			continue;
		}
		if (inodes && text[i] == '[' && i + 1 < end && is_digit(text[i + 1])) {
			size_t k = i + 1;
			while (k < end && is_digit(text[k]))
				k++;
			if (k < end && text[k] == ']') {
				rp_buf_puts(out, "[N]");
				i = k + 1;
				continue;
			}
		}
		rp_buf_putc(out, text[i++]);
	}
}

/* The field name before the '=' that ends out's content, if any. */
/* clone3's parent_tid: the kernel writes the new tid there, and the
 * thread's CLONE_CHILD_CLEARTID clears it again once it has ended, so what
 * the recorder read at the exit depends on who ran first. */
static bool after_tid_slot(const struct rp_buf *out)
{
	static const char slot[] = "parent_tid=[";
	const size_t n = sizeof(slot) - 1;
	return out->len >= n && !memcmp(out->data + out->len - n, slot, n);
}

static bool after_volatile_key(const struct dn_opts *o, const struct rp_buf *out)
{
	if (!out->len || out->data[out->len - 1] != '=')
		return false;
	size_t start = out->len - 1;
	while (start > 0 && is_word(out->data[start - 1]))
		start--;
	return start < out->len - 1 && dn_key_volatile(o, out->data + start, out->len - 1 - start);
}

void dn_normalize(const struct dn_opts *o, const char *text, size_t len, bool mask_strings,
		  struct rp_buf *out)
{
	size_t i = 0;
	while (i < len) {
		const char c = text[i];
		if (c == RP_ID_MARK && after_volatile_key(o, out)) { /* --volatile pid= */
			uint64_t v;
			rp_buf_putc(out, '?');
			i = marked_id_end(text, i, len, &v);
			continue;
		}
		if (c == RP_ID_MARK) {
			i = put_marked_id(out, text, i, len);
			continue;
		}
		if (c == '"') {
			size_t j = i + 1;
			while (j < len && text[j] != '"')
				j += text[j] == '\\' && j + 1 < len ? 2 : 1;
			const size_t end = j < len ? j + 1 : len;
			if (mask_strings) {
				rp_buf_puts(out, "\"?\"");
			} else {
				rp_buf_putc(out, '"');
				put_body(out, text, i + 1, end - (j < len), false);
				if (j < len)
					rp_buf_putc(out, '"');
			}
			i = end;
			continue;
		}
		if (c == '<' && i > 0 && is_word(text[i - 1])) {
			/* a descriptor's path or a socket's details, up to the '>'
			 * (rp_quote_fd_path escapes those inside) */
			size_t j = i + 1;
			while (j < len && text[j] != '>')
				j++;
			rp_buf_putc(out, '<');
			put_body(out, text, i + 1, j, true);
			if (j < len)
				rp_buf_putc(out, '>');
			i = j < len ? j + 1 : len;
			continue;
		}
		if (!is_digit(c) || (i > 0 && is_word(text[i - 1]))) {
			/* a plain stretch: up to the next string, path or number */
			size_t j = i + 1;
			while (j < len && text[j] != '"' && text[j] != '<' &&
			       text[j] != RP_ID_MARK &&
			       !(is_digit(text[j]) && !is_word(text[j - 1])))
				j++;
			put_squeezed(out, text + i, j - i);
			i = j;
			continue;
		}
		if (c == '0' && i + 2 < len && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
		    is_xdigit(text[i + 2])) {
			size_t j = i + 2;
			while (j < len && is_xdigit(text[j]))
				j++;
			/* five significant digits or more: an address */
			size_t sig = i + 2;
			while (sig < j && text[sig] == '0')
				sig++;
			if (j - sig >= 5 && !after_volatile_key(o, out))
				rp_buf_puts(out, "0x?");
			else if (after_volatile_key(o, out))
				rp_buf_putc(out, '?');
			else
				rp_buf_put(out, text + i, j - i);
			i = j;
			continue;
		}
		size_t j = i;
		uint64_t v = 0;
		while (j < len && is_digit(text[j])) {
			if (v < UINT64_MAX / 10)
				v = v * 10 + (uint64_t)(text[j] - '0');
			j++;
		}
		if (j < len && text[j] == '<' && (j + 1 >= len || text[j + 1] != '<')) {
			/* descriptor N<path>: compared by what it refers to */
			i = j;
			rp_buf_putc(out, '<');
			size_t k = j + 1;
			while (k < len && text[k] != '>')
				k++;
			put_body(out, text, j + 1, k, true);
			if (k < len)
				rp_buf_putc(out, '>');
			i = k < len ? k + 1 : len;
			continue;
		}
		if (after_volatile_key(o, out)) {
			rp_buf_putc(out, '?');
			/* and strace's comment on the value: 1 (0.01 s) */
			if (j + 3 < len && !memcmp(text + j, " /*", 3)) {
				const char *end = memmem(text + j, len - j, "*/", 2);
				if (end)
					j = (size_t)(end - text) + 2;
			}
		} else if (after_tid_slot(out))
			rp_buf_puts(out, "PID");
		else
			rp_buf_put(out, text + i, j - i);
		i = j;
	}
}

void dn_normalize_path(const char *path, size_t len, struct rp_buf *out)
{
	put_body(out, path, 0, len, false);
}

void dn_mask_result(struct rp_buf *out)
{
	size_t at = SIZE_MAX;
	for (size_t i = 0; i + 3 <= out->len; i++) {
		if (!memcmp(out->data + i, " = ", 3))
			at = i + 3;
	}
	if (at != SIZE_MAX) {
		out->len = at;
		rp_buf_putc(out, '?');
	}
}

uint64_t dn_hash(const void *data, size_t len)
{
	/* eight bytes at a time, multiplied in; a final mix spreads every
	 * bit (the alignment's tables take the low bits) */
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}
