/* Alignment of two key sequences: trimmed ends, patience anchors, bounded
 * Myers (see diff_align.h). */
#include "diff_align.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Patience anchoring recurses into the gaps between anchors at most this
 * deep; deeper gaps go to the bounded search. */
#define MAX_PATIENCE_DEPTH 12

struct ctx {
	const uint64_t *a, *b;
	struct da_limits lim;
	struct da_script *s;
};

static int emit(struct da_script *s, enum da_op op, size_t a, size_t b, size_t n)
{
	if (!n)
		return 0;
	if (s->n) {
		struct da_run *last = &s->v[s->n - 1];
		if (last->op == op && last->a + (op != DA_INSERT ? last->n : 0) == a &&
		    last->b + (op != DA_DELETE ? last->n : 0) == b) {
			last->n += n;
			return 0;
		}
	}
	if (s->n == s->cap) {
		const size_t cap = s->cap ? s->cap * 2 : 64;
		struct da_run *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = (struct da_run){.op = op, .a = a, .b = b, .n = n};
	return 0;
}

static int replace_whole(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	int rc = emit(c->s, DA_DELETE, a0, b0, a1 - a0);
	return rc ? rc : emit(c->s, DA_INSERT, a1, b0, b1 - b0);
}

/* ---- bounded Myers ---- */

/* Greedy forward search over a[a0..a1) x b[b0..b1) with the history of
 * the furthest-reaching paths kept for the walk back (O(D^2) positions,
 * D bounded by lim.max_edits). 1 when it gave up. */
static int myers(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	const size_t n = a1 - a0, m = b1 - b0;
	const uint64_t *const a = c->a + a0, *const b = c->b + b0;
	size_t max_d = c->lim.max_edits;
	if (max_d > n + m)
		max_d = n + m;
	/* v[k + off]: furthest x on diagonal k; hist: v's same-parity slots
	 * after each round d, d + 1 of them from k = -d */
	const size_t off = max_d + 1;
	size_t *v = calloc(2 * max_d + 3, sizeof(*v));
	size_t hist_cap = 1024, hist_n = 0;
	size_t *hist = malloc(hist_cap * sizeof(*hist));
	size_t *round_at = malloc((max_d + 1) * sizeof(*round_at));
	int rc = 0;
	if (!v || !hist || !round_at) {
		rc = -ENOMEM;
		goto out;
	}
	uint64_t work = 0;
	size_t found_d = SIZE_MAX;
	for (size_t d = 0; d <= max_d && found_d == SIZE_MAX; d++) {
		const ptrdiff_t dd = (ptrdiff_t)d;
		for (ptrdiff_t k = -dd; k <= dd; k += 2) {
			size_t x;
			if (k == -dd || (k != dd && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			size_t y = (size_t)((ptrdiff_t)x - k);
			while (x < n && y < m && a[x] == b[y]) {
				x++;
				y++;
				work++;
			}
			work++;
			v[off + k] = x;
			if (x >= n && y >= m)
				found_d = d;
		}
		if (hist_n + d + 1 > hist_cap) {
			while (hist_n + d + 1 > hist_cap)
				hist_cap *= 2;
			size_t *h = realloc(hist, hist_cap * sizeof(*h));
			if (!h) {
				rc = -ENOMEM;
				goto out;
			}
			hist = h;
		}
		round_at[d] = hist_n;
		for (ptrdiff_t k = -dd; k <= dd; k += 2)
			hist[hist_n++] = v[off + k];
		if (found_d == SIZE_MAX && work > c->lim.max_work)
			break;
	}
	if (found_d == SIZE_MAX) {
		c->s->gave_up++;
		rc = replace_whole(c, a0, a1, b0, b1);
		goto out;
	}
	/* Walk back from (n, m), collecting runs in reverse. */
	struct da_run *rev = malloc((2 * found_d + 2) * sizeof(*rev));
	if (!rev) {
		rc = -ENOMEM;
		goto out;
	}
	size_t nrev = 0, x = n, y = m;
	for (size_t d = found_d; d > 0; d--) {
		const ptrdiff_t dd = (ptrdiff_t)d, k = (ptrdiff_t)x - (ptrdiff_t)y;
		const size_t *prev = hist + round_at[d - 1]; /* k' = -(d-1) + 2i */
#define PREV(kk) prev[((kk) + dd - 1) / 2]
		const bool down = k == -dd || (k != dd && PREV(k - 1) < PREV(k + 1));
		const ptrdiff_t pk = down ? k + 1 : k - 1;
		const size_t px = PREV(pk), py = (size_t)((ptrdiff_t)px - pk);
#undef PREV
		const size_t mx = down ? px : px + 1;
		assert(x >= mx);
		if (x > mx)
			rev[nrev++] =
			    (struct da_run){DA_EQUAL, a0 + mx, b0 + (y - (x - mx)), x - mx};
		if (down)
			rev[nrev++] = (struct da_run){DA_INSERT, a0 + px, b0 + py, 1};
		else
			rev[nrev++] = (struct da_run){DA_DELETE, a0 + px, b0 + py, 1};
		x = px;
		y = py;
	}
	assert(x == y);
	if (x)
		rev[nrev++] = (struct da_run){DA_EQUAL, a0, b0, x};
	for (size_t i = nrev; i-- > 0 && !rc;)
		rc = emit(c->s, rev[i].op, rev[i].a, rev[i].b, rev[i].n);
	free(rev);
out:
	free(v);
	free(hist);
	free(round_at);
	return rc;
}

/* ---- patience anchors ---- */

struct slot {
	uint64_t key;
	uint32_t na, nb; /* occurrences, counted to 2 */
	size_t pa, pb;	 /* position of the (first) occurrence */
	bool used;
};

static struct slot *slot_of(struct slot *t, size_t mask, uint64_t key)
{
	/* keys are hashes already: their low bits spread */
	size_t i = (size_t)(key ^ (key >> 29)) & mask;
	while (t[i].used && t[i].key != key)
		i = (i + 1) & mask;
	return &t[i];
}

static int align_range(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1, int depth);

/* Anchors: keys once in each range, in an order both agree on (the
 * longest increasing run of their B positions in A order). 1 when there
 * were none (the caller searches instead). */
static int patience(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1, int depth)
{
	size_t cap = 16;
	while (cap < 2 * ((a1 - a0) + (b1 - b0)))
		cap *= 2;
	struct slot *t = calloc(cap, sizeof(*t));
	if (!t)
		return -ENOMEM;
	const size_t mask = cap - 1;
	for (size_t i = a0; i < a1; i++) {
		struct slot *s = slot_of(t, mask, c->a[i]);
		if (!s->used) {
			s->used = true;
			s->key = c->a[i];
			s->pa = i;
		}
		if (s->na < 2)
			s->na++;
	}
	for (size_t j = b0; j < b1; j++) {
		struct slot *s = slot_of(t, mask, c->b[j]);
		if (!s->used)
			continue; /* not in A: never an anchor */
		if (s->nb < 2)
			s->nb++;
		s->pb = j;
	}
	/* unique pairs in A order: their B positions */
	size_t nu = 0;
	size_t *ua = malloc((a1 - a0) * sizeof(*ua)), *ub = malloc((a1 - a0) * sizeof(*ub));
	size_t *tails = NULL, *prevs = NULL;
	int rc = 0;
	if (!ua || !ub) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t i = a0; i < a1; i++) {
		const struct slot *s = slot_of(t, mask, c->a[i]);
		if (s->na == 1 && s->nb == 1) {
			ua[nu] = i;
			ub[nu++] = s->pb;
		}
	}
	free(t);
	t = NULL;
	if (!nu) {
		rc = 1;
		goto out;
	}
	/* longest increasing subsequence of ub (patience sorting) */
	tails = malloc(nu * sizeof(*tails));
	prevs = malloc(nu * sizeof(*prevs));
	if (!tails || !prevs) {
		rc = -ENOMEM;
		goto out;
	}
	size_t len = 0;
	for (size_t i = 0; i < nu; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			const size_t mid = (lo + hi) / 2;
			if (ub[tails[mid]] < ub[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prevs[i] = lo ? tails[lo - 1] : SIZE_MAX;
		tails[lo] = i;
		if (lo == len)
			len++;
	}
	/* the chain, reversed into tails[0..len) in order */
	size_t at = tails[len - 1];
	for (size_t i = len; i-- > 0;) {
		tails[i] = at;
		at = prevs[at];
	}
	size_t pa = a0, pb = b0;
	for (size_t i = 0; i < len && !rc; i++) {
		const size_t ai = ua[tails[i]], bi = ub[tails[i]];
		rc = align_range(c, pa, ai, pb, bi, depth + 1);
		if (!rc)
			rc = emit(c->s, DA_EQUAL, ai, bi, 1);
		pa = ai + 1;
		pb = bi + 1;
	}
	if (!rc)
		rc = align_range(c, pa, a1, pb, b1, depth + 1);
out:
	free(t);
	free(ua);
	free(ub);
	free(tails);
	free(prevs);
	return rc;
}

static int align_range(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1, int depth)
{
	size_t pre = 0;
	while (a0 + pre < a1 && b0 + pre < b1 && c->a[a0 + pre] == c->b[b0 + pre])
		pre++;
	int rc = emit(c->s, DA_EQUAL, a0, b0, pre);
	a0 += pre;
	b0 += pre;
	size_t suf = 0;
	while (a1 - suf > a0 && b1 - suf > b0 && c->a[a1 - suf - 1] == c->b[b1 - suf - 1])
		suf++;
	a1 -= suf;
	b1 -= suf;
	if (!rc && (a0 == a1 || b0 == b1)) {
		rc = replace_whole(c, a0, a1, b0, b1);
	} else if (!rc) {
		rc = depth < MAX_PATIENCE_DEPTH ? patience(c, a0, a1, b0, b1, depth) : 1;
		if (rc == 1)
			rc = myers(c, a0, a1, b0, b1);
	}
	return rc ? rc : emit(c->s, DA_EQUAL, a1, b1, suf);
}

int da_align(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
	     const struct da_limits *limits, struct da_script *script)
{
	struct ctx c = {
	    .a = a,
	    .b = b,
	    .lim = limits ? *limits : (struct da_limits){DA_DEFAULT_MAX_EDITS, DA_DEFAULT_MAX_WORK},
	    .s = script,
	};
	return align_range(&c, 0, na, 0, nb, 0);
}

void da_script_free(struct da_script *script)
{
	free(script->v);
	*script = (struct da_script){0};
}
