/* strdiff's alignment of two sequences of call keys (64-bit hashes of
 * normalized calls): which calls are common, which only in A, which only
 * in B. Common prefixes and suffixes go first; then lines unique in both
 * halves anchor the rest (patience diff) and the gaps between anchors are
 * aligned the same way; a gap without anchors is searched with Myers'
 * greedy algorithm up to a bounded edit distance and work, past which it
 * counts as replaced whole. Memory is linear in the sequences plus the
 * bounded search; no n*m table. Library code: errors come back as values. */
#ifndef STREC_TOOLS_DIFF_ALIGN_H
#define STREC_TOOLS_DIFF_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum da_op {
	DA_EQUAL,  /* a[a..a+n) == b[b..b+n) */
	DA_DELETE, /* a[a..a+n) only in A */
	DA_INSERT, /* b[b..b+n) only in B */
};

/* n consecutive operations of one kind, starting at A index a, B index b. */
struct da_run {
	enum da_op op;
	size_t a, b, n;
};

struct da_script {
	struct da_run *v;
	size_t n, cap;
	/* Gaps the bounded search gave up on (aligned as replaced whole). */
	size_t gave_up;
};

struct da_limits {
	size_t max_edits;  /* Myers: largest edit distance searched in one gap */
	uint64_t max_work; /* Myers: diagonal steps allowed in one gap */
};
#define DA_DEFAULT_MAX_EDITS 2000
#define DA_DEFAULT_MAX_WORK  (64ull << 20)

/* Aligns a[0..na) with b[0..nb): script->v gets the runs in order (equal
 * runs and, between them, deletions before insertions), covering both
 * sequences. limits NULL: the defaults. 0 or -ENOMEM (script then holds
 * what was made; free it either way). */
int da_align(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
	     const struct da_limits *limits, struct da_script *script);
void da_script_free(struct da_script *script);

#endif
