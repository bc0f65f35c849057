/* Syscall selection: --to_trace/--dont_trace lists and strace's -e trace=
 * expressions, resolved by name against both architectures' tables so that
 * "read" selects read on x86_64 and on i386 whatever its number. */
#include "filter.h"

#include "syscall_table.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* strace's personalities on x86_64, in the order of their bit in a mask. */
static const struct personality {
	const char *suffix; /* of a qualified token: "read@32" */
	const struct sc_table *table;
} personalities[] = {
    {"64", &sc_table_x86_64},
    {"32", &sc_table_i386},
    {"x32", &sc_table_x86_64}, /* see strec_filter.x32 */
};
enum { N_PERSONALITIES = STREC_ARRAY_SIZE(personalities), EVERY_PERSONALITY = 7 };
_Static_assert(EVERY_PERSONALITY == (1 << N_PERSONALITIES) - 1, "one bit per personality");

/* The tables with names: x32 has none of its own. */
static const struct sc_table *const arch_tables[2] = {&sc_table_x86_64, &sc_table_i386};

static uint64_t *pers_bits(struct strec_filter *f, unsigned pers)
{
	assert(pers < N_PERSONALITIES);
	return pers == 0 ? f->x86_64 : pers == 1 ? f->i386 : f->x32;
}

static void set_bit(uint64_t *bits, unsigned nr, bool on)
{
	if (nr >= STREC_FILTER_MAX_NR)
		return;
	if (on)
		bits[nr / 64] |= 1ull << (nr % 64);
	else
		bits[nr / 64] &= ~(1ull << (nr % 64));
}

static void set_all(struct strec_filter *f, bool on)
{
	memset(f->x86_64, on ? 0xff : 0, sizeof(f->x86_64));
	memset(f->i386, on ? 0xff : 0, sizeof(f->i386));
	memset(f->x32, on ? 0xff : 0, sizeof(f->x32));
}

void strec_filter_init(struct strec_filter *f)
{
	assert(f);
	memset(f, 0, sizeof(*f));
	set_all(f, true);
}

/* Keywords strace accepts for classes without the '%' (deprecated there,
 * still in use in old scripts). */
static const char *const bare_classes[] = {"file",   "desc", "process", "network",
					   "signal", "ipc",  "memory",	NULL};

static uint32_t class_of(const char *word)
{
	if (word[0] == '%')
		return sc_class_from_name(word + 1);
	for (unsigned i = 0; bare_classes[i]; i++) {
		if (strcmp(word, bare_classes[i]) == 0)
			return sc_class_from_name(word);
	}
	return 0;
}

/* Splits strace's personality qualifier off tok ("getcwd@32"): the length
 * of the name before it and the personalities it selects (all of them
 * without a qualifier), or -EINVAL for a qualifier no personality has. */
static int split_personality(const char *tok, size_t *name_len, unsigned *mask)
{
	const char *at = strrchr(tok, '@');
	*name_len = at ? (size_t)(at - tok) : strlen(tok);
	*mask = EVERY_PERSONALITY;
	if (!at)
		return 0;
	for (unsigned p = 0; p < N_PERSONALITIES; p++) {
		if (strcmp(at + 1, personalities[p].suffix) == 0) {
			*mask = 1u << p;
			return 0;
		}
	}
	return -EINVAL;
}

static bool is_syscall_name(const char *word)
{
	return sc_number(&sc_table_x86_64, word) >= 0 || sc_number(&sc_table_i386, word) >= 0;
}

bool strec_filter_is_name(const char *word)
{
	assert(word);
	if (!*word)
		return false;
	if (strcmp(word, "all") == 0 || strcmp(word, "none") == 0)
		return true;
	/* A comma-separated list counts when every element does. */
	const char *p = word;
	while (*p) {
		const char *comma = strchr(p, ',');
		const size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char tok[128];
		if (len == 0 || len >= sizeof(tok))
			return false;
		memcpy(tok, p, len);
		tok[len] = '\0';
		size_t name_len;
		unsigned mask;
		if (split_personality(tok, &name_len, &mask) < 0)
			return false;
		tok[name_len] = '\0';
		if (!is_syscall_name(tok) && !class_of(tok))
			return false;
		p += len;
		if (*p == ',' && *++p == '\0')
			return false; /* trailing comma */
	}
	return true;
}

/* Some word from argv[from] on that is not an option can be the operand. */
static bool any_operand_follows(int argc, char *const argv[], int from)
{
	for (int i = from; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return true;
	}
	return false;
}

bool strec_filter_list_continues(int argc, char *const argv[], int i, bool operand_given,
				 strec_operand_follows_fn *operand_follows)
{
	assert(argv && i >= 0);
	if (i >= argc || !strec_filter_is_name(argv[i]))
		return false;
	if (operand_given)
		return true;
	return (operand_follows ? operand_follows : any_operand_follows)(argc, argv, i + 1);
}

/* The nearest name of either table, for "did you mean". */
static const char *closest_name(const char *word)
{
	const size_t n = sc_table_x86_64.count + sc_table_i386.count;
	const char **names = calloc(n + 1, sizeof(*names));
	if (!names)
		return NULL;
	size_t k = 0;
	for (unsigned a = 0; a < 2; a++) {
		const struct sc_table *t = arch_tables[a];
		for (unsigned nr = 0; nr < t->count; nr++) {
			if (t->descs[nr].name)
				names[k++] = t->descs[nr].name;
		}
	}
	const char *best = k ? strec_closest(word, names, k) : NULL;
	free(names);
	return best;
}

static int unknown_name(const char *word, char *msg, size_t msg_size)
{
	const char *near = NULL;
	if (word[0] == '%') {
		near = strec_closest(word + 1, sc_class_names, 0);
		if (msg)
			snprintf(msg, msg_size, "unknown syscall class '%s'%s%s%s", word,
				 near ? " (did you mean '%" : "", near ? near : "",
				 near ? "'?)" : "");
		return -EINVAL;
	}
	near = closest_name(word);
	if (msg)
		snprintf(msg, msg_size, "unknown syscall '%s'%s%s%s", word,
			 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
	return -EINVAL;
}

/* Sets (on) or clears every syscall the name selects in the personalities
 * of mask: a /regex, a %class, "all", a number or a name. */
static int apply_name(struct strec_filter *f, const char *name, unsigned mask, bool on, bool quiet,
		      const char *tok, char *msg, size_t msg_size)
{
	bool matched = false;
	if (name[0] == '/') {
		regex_t re;
		const int rc = regcomp(&re, name + 1, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			char err[128];
			regerror(rc, &re, err, sizeof(err));
			if (msg)
				snprintf(msg, msg_size, "invalid regular expression '%s': %s",
					 name + 1, err);
			return -EINVAL;
		}
		for (unsigned p = 0; p < N_PERSONALITIES; p++) {
			const struct sc_table *t = personalities[p].table;
			for (unsigned nr = 0; (mask >> p & 1) && nr < t->count; nr++) {
				const char *sc_name = t->descs[nr].name;
				if (sc_name && regexec(&re, sc_name, 0, NULL, 0) == 0) {
					set_bit(pers_bits(f, p), nr, on);
					matched = true;
				}
			}
		}
		regfree(&re);
		if (!matched && !quiet) {
			if (msg)
				snprintf(msg, msg_size, "no syscall matches '%s'", tok);
			return -EINVAL;
		}
		return 0;
	}
	const uint32_t cls = class_of(name);
	if (cls) {
		for (unsigned p = 0; p < N_PERSONALITIES; p++) {
			const struct sc_table *t = personalities[p].table;
			for (unsigned nr = 0; (mask >> p & 1) && nr < t->count; nr++) {
				if (t->descs[nr].name && (t->descs[nr].classes & cls))
					set_bit(pers_bits(f, p), nr, on);
			}
		}
		return 0;
	}
	if (strcmp(name, "all") == 0) {
		for (unsigned p = 0; p < N_PERSONALITIES; p++) {
			if (mask >> p & 1)
				memset(pers_bits(f, p), on ? 0xff : 0, sizeof(f->x86_64));
		}
		return 0;
	}
	if (name[0] >= '0' && name[0] <= '9') {
		/* strace accepts raw numbers, for every personality */
		char *end;
		const unsigned long nr = strtoul(name, &end, 10);
		if (*end == '\0' && nr < STREC_FILTER_MAX_NR) {
			for (unsigned p = 0; p < N_PERSONALITIES; p++) {
				if (mask >> p & 1)
					set_bit(pers_bits(f, p), (unsigned)nr, on);
			}
			return 0;
		}
	}
	for (unsigned p = 0; p < N_PERSONALITIES; p++) {
		const int nr = (mask >> p & 1) ? sc_number(personalities[p].table, name) : -1;
		if (nr >= 0) {
			set_bit(pers_bits(f, p), (unsigned)nr, on);
			matched = true;
		}
	}
	if (!matched && !quiet)
		return unknown_name(tok, msg, msg_size);
	return 0;
}

/* Sets (on) or clears every syscall the token names. */
static int apply_token(struct strec_filter *f, const char *tok, bool on, char *msg, size_t msg_size)
{
	bool quiet = false; /* strace's '?' prefix: no error when nothing matches */
	while (*tok == '?') {
		quiet = true;
		tok++;
	}
	size_t name_len;
	unsigned mask;
	if (split_personality(tok, &name_len, &mask) < 0) {
		if (msg)
			snprintf(msg, msg_size, "unknown personality in '%s' (64, 32 or x32)", tok);
		return -EINVAL;
	}
	if (name_len == 0) {
		if (msg)
			snprintf(msg, msg_size, "empty syscall name");
		return -EINVAL;
	}
	char *const name = strndup(tok, name_len);
	if (!name)
		return -ENOMEM;
	const int rc = apply_name(f, name, mask, on, quiet, tok, msg, msg_size);
	free(name);
	return rc;
}

/* Applies a comma-separated list. */
static int apply_list(struct strec_filter *f, const char *list, bool on, char *msg, size_t msg_size)
{
	const char *p = list;
	if (!*p) {
		if (msg)
			snprintf(msg, msg_size, "empty syscall list");
		return -EINVAL;
	}
	bool any = false; /* a list of commas alone names nothing: refused */
	for (;; p++) {
		const char *comma = strchr(p, ',');
		const size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (!len) { /* ",read,,write": empty items are nothing, as for strace */
			if (comma) {
				p = comma;
				continue;
			}
			if (any)
				return 0;
			if (msg)
				snprintf(msg, msg_size, "empty syscall list");
			return -EINVAL;
		}
		any = true;
		char *tok = strndup(p, len);
		if (!tok)
			return -ENOMEM;
		const int rc = apply_token(f, tok, on, msg, msg_size);
		free(tok);
		if (rc < 0)
			return rc;
		if (!comma)
			return 0;
		p = comma;
	}
}

static void invert(struct strec_filter *f)
{
	for (size_t i = 0; i < STREC_ARRAY_SIZE(f->x86_64); i++) {
		f->x86_64[i] = ~f->x86_64[i];
		f->i386[i] = ~f->i386[i];
		f->x32[i] = ~f->x32[i];
	}
}

int strec_filter_add(struct strec_filter *f, enum strec_filter_option opt, const char *text,
		     char *msg, size_t msg_size)
{
	assert(f && text);
	if (msg && msg_size)
		msg[0] = '\0';
	/* Work on a copy so that a failed option leaves f as it was. */
	struct strec_filter next = *f;
	int rc;
	switch (opt) {
	case STREC_FILTER_TO_TRACE:
	case STREC_FILTER_DONT_TRACE: {
		const bool to = opt == STREC_FILTER_TO_TRACE;
		if ((to && f->used_dont_trace) || (!to && f->used_to_trace)) {
			if (msg)
				snprintf(msg, msg_size,
					 "--to_trace and --dont_trace cannot be combined");
			return -EINVAL;
		}
		/* The first list starts from nothing (to_trace) or everything
		 * (dont_trace); later ones of the same kind add up. */
		if (!next.used_to_trace && !next.used_dont_trace)
			set_all(&next, !to);
		rc = apply_list(&next, text, to, msg, msg_size);
		if (rc < 0)
			return rc;
		if (to)
			next.used_to_trace = true;
		else
			next.used_dont_trace = true;
		break;
	}
	case STREC_FILTER_TRACE_EXPR: {
		/* As strace: each -e trace= replaces the previous selection;
		 * every leading '!' inverts the rest. */
		const char *s = text;
		bool neg = false;
		while (*s == '!') {
			neg = !neg;
			s++;
		}
		set_all(&next, false);
		if (strcmp(s, "all") == 0) {
			set_all(&next, true);
		} else if (strcmp(s, "none") != 0) {
			rc = apply_list(&next, s, true, msg, msg_size);
			if (rc < 0)
				return rc;
		}
		if (neg)
			invert(&next);
		break;
	}
	default:
		if (msg)
			snprintf(msg, msg_size, "unknown filter option %d", (int)opt);
		return -EINVAL;
	}
	next.active = true;
	*f = next;
	return 0;
}

bool strec_filter_match(const struct strec_filter *f, uint32_t audit_arch, uint64_t nr)
{
	assert(f);
	if (!f->active)
		return true;
	const uint64_t *bits;
	if (audit_arch == SC_AUDIT_ARCH_X86_64 && (nr & SC_X32_SYSCALL_BIT)) {
		bits = f->x32;
		nr &= ~(uint64_t)SC_X32_SYSCALL_BIT;
	} else if (audit_arch == SC_AUDIT_ARCH_X86_64)
		bits = f->x86_64;
	else if (audit_arch == SC_AUDIT_ARCH_I386)
		bits = f->i386;
	else
		return false;
	if (nr >= STREC_FILTER_MAX_NR)
		return false;
	return (bits[nr / 64] >> (nr % 64)) & 1;
}
