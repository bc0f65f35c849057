/* strstat containers: hash map, errno counts, latency histogram, paths. */
#include "stat.h"

#include "names.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes: a table of paths may hold ST_MAX_PATHS of them, twice over. */
struct st_map_slot {
	uint64_t key;  /* the u64 key, or the address of the caller's string */
	uint32_t hash; /* the key's hash, to probe and rehash without it */
	uint32_t idx1; /* the caller's index + 1; 0: an empty slot */
};

static uint32_t hash_bytes(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (uint32_t)(h ^ h >> 32);
}

static uint32_t hash_u64(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdull;
	v ^= v >> 33;
	return (uint32_t)v;
}

/* The slot of the key (a string when skey is not NULL), or the empty one
 * where it would go. */
static struct st_map_slot *find(const struct st_map *m, uint32_t h, const char *skey, uint64_t ukey)
{
	if (!m->cap)
		return NULL;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct st_map_slot *sl = &m->slots[i];
		if (!sl->idx1)
			return sl;
		if (sl->hash == h &&
		    (skey ? !strcmp((const char *)(uintptr_t)sl->key, skey) : sl->key == ukey))
			return sl;
	}
}

static int rehash(struct st_map *m)
{
	const size_t cap = m->cap ? m->cap * 2 : 64;
	struct st_map_slot *old = m->slots;
	const size_t old_cap = m->cap;
	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		m->slots = old;
		return -ENOMEM;
	}
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].idx1)
			continue;
		/* keys are unique: the first empty slot from its hash */
		size_t j = old[i].hash & (cap - 1);
		while (m->slots[j].idx1)
			j = (j + 1) & (cap - 1);
		m->slots[j] = old[i];
	}
	free(old);
	return 0;
}

static int put(struct st_map *m, uint32_t h, const char *skey, uint64_t ukey, size_t idx)
{
	if (idx >= UINT32_MAX)
		return -ENOMEM;
	/* load factor below 1/2 keeps probes short */
	if ((m->n + 1) * 2 > m->cap && rehash(m) < 0)
		return -ENOMEM;
	struct st_map_slot *sl = find(m, h, skey, ukey);
	if (!sl->idx1) {
		sl->hash = h;
		sl->key = skey ? (uint64_t)(uintptr_t)skey : ukey;
		m->n++;
	}
	sl->idx1 = (uint32_t)idx + 1;
	return 0;
}

size_t st_map_get_str(const struct st_map *m, const char *key)
{
	const struct st_map_slot *sl = find(m, hash_bytes(key), key, 0);
	return sl && sl->idx1 ? sl->idx1 - 1 : SIZE_MAX;
}

size_t st_map_get_u64(const struct st_map *m, uint64_t key)
{
	const struct st_map_slot *sl = find(m, hash_u64(key), NULL, key);
	return sl && sl->idx1 ? sl->idx1 - 1 : SIZE_MAX;
}

int st_map_put_str(struct st_map *m, const char *key, size_t idx)
{
	return put(m, hash_bytes(key), key, 0, idx);
}

int st_map_put_u64(struct st_map *m, uint64_t key, size_t idx)
{
	return put(m, hash_u64(key), NULL, key, idx);
}

void st_map_free(struct st_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

int st_grow(void **v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	const size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, ncap * elem);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = ncap;
	return 0;
}

void st_keep_best(void *v, size_t *n, size_t elem, size_t keep,
		  int (*cmp)(const void *, const void *), void (*drop)(void *, void *), void *ctx)
{
	if (*n <= keep)
		return;
	qsort(v, *n, elem, cmp);
	for (size_t i = keep; i < *n; i++)
		drop((char *)v + i * elem, ctx);
	*n = keep;
}

int st_errs_add(struct st_errs *e, int err)
{
	return st_errs_add_count(e, err, 1);
}

int st_errs_add_count(struct st_errs *e, int err, uint64_t count)
{
	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i].err == err) {
			e->v[i].count += count;
			return 0;
		}
	}
	/* room for one at first: most paths fail one way (a table of them may
	 * hold ST_MAX_PATHS) */
	if (e->n == e->cap) {
		const size_t cap = e->cap ? e->cap * 2 : 1;
		struct st_errcount *const v = realloc(e->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		e->v = v;
		e->cap = cap;
	}
	e->v[e->n++] = (struct st_errcount){err, count};
	return 0;
}

static int errcount_cmp(const void *a, const void *b)
{
	const struct st_errcount *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->err > y->err) - (x->err < y->err);
}

void st_errs_sort(struct st_errs *e)
{
	if (e->n > 1)
		qsort(e->v, e->n, sizeof(*e->v), errcount_cmp);
}

const char *st_errno_label(int err, char *tmp, size_t tmp_size)
{
	const char *n = strec_errno_name(err);
	if (n)
		return n;
	snprintf(tmp, tmp_size, "errno%d", err);
	return tmp;
}

void st_errs_format(const struct st_errs *e, struct rp_buf *b, const char *inner, const char *sep)
{
	for (size_t i = 0; i < e->n; i++) {
		char tmp[32];
		rp_buf_printf(b, "%s%s%s%llu", i ? sep : "",
			      st_errno_label(e->v[i].err, tmp, sizeof(tmp)), inner,
			      (unsigned long long)e->v[i].count);
	}
}

/* Bucket of v: values below 2^SUB_BITS exactly; above, the top SUB_BITS+1
 * significant bits (group = position of the leading bit). */
static void bucket_of(uint64_t v, unsigned *g, unsigned *sub)
{
	if (v < (1u << ST_HIST_SUB_BITS)) {
		*g = 0;
		*sub = (unsigned)v;
		return;
	}
	const unsigned lead = 63 - (unsigned)__builtin_clzll(v);
	const unsigned shift = lead - ST_HIST_SUB_BITS;
	*g = shift + 1;
	*sub = (unsigned)(v >> shift) & ((1u << ST_HIST_SUB_BITS) - 1);
}

/* The smallest value of a bucket and its width. */
static void bucket_range(unsigned g, unsigned sub, uint64_t *lo, uint64_t *width)
{
	if (g == 0) {
		*lo = sub;
		*width = 1;
		return;
	}
	const unsigned shift = g - 1;
	*lo = ((uint64_t)(sub | (1u << ST_HIST_SUB_BITS))) << shift;
	*width = 1ull << shift;
}

int st_hist_add(struct st_hist *h, uint64_t v)
{
	unsigned g, sub;
	bucket_of(v, &g, &sub);
	assert(g < ST_HIST_GROUPS);
	if (!h->group[g]) {
		h->group[g] = calloc(1u << ST_HIST_SUB_BITS, sizeof(uint32_t));
		if (!h->group[g])
			return -ENOMEM;
	}
	h->group[g][sub]++;
	h->count++;
	return 0;
}

uint64_t st_hist_percentile(const struct st_hist *h, double p, uint64_t lo, uint64_t hi)
{
	if (!h->count)
		return 0;
	uint64_t rank = (uint64_t)(p / 100.0 * (double)h->count + 0.999999999);
	if (rank < 1)
		rank = 1;
	if (rank > h->count)
		rank = h->count;
	uint64_t seen = 0;
	for (unsigned g = 0; g < ST_HIST_GROUPS; g++) {
		if (!h->group[g])
			continue;
		for (unsigned sub = 0; sub < (1u << ST_HIST_SUB_BITS); sub++) {
			seen += h->group[g][sub];
			if (seen < rank)
				continue;
			uint64_t b_lo, width;
			bucket_range(g, sub, &b_lo, &width);
			uint64_t v = b_lo + width / 2;
			if (v < lo)
				v = lo;
			if (v > hi)
				v = hi;
			return v;
		}
	}
	return hi;
}

void st_hist_free(struct st_hist *h)
{
	for (unsigned g = 0; g < ST_HIST_GROUPS; g++)
		free(h->group[g]);
	memset(h, 0, sizeof(*h));
}

char *st_path_join(const char *base, const char *p, size_t len)
{
	const size_t bl = (len && p[0] == '/') || !base ? 0 : strlen(base);
	/* each part's components, each after a '/': a part of n bytes takes
	 * n + 1 at most (a relative base gains a '/'), then the NUL */
	char *r = malloc(bl + len + 3);
	if (!r)
		return NULL;
	size_t n = 0;
	/* copy component by component, dropping "." and empty ones */
	const char *parts[2] = {base, p};
	const size_t lens[2] = {bl, len};
	for (int k = 0; k < 2; k++) {
		size_t i = 0;
		while (i < lens[k]) {
			while (i < lens[k] && parts[k][i] == '/')
				i++;
			size_t j = i;
			while (j < lens[k] && parts[k][j] != '/')
				j++;
			if (j > i && !(j - i == 1 && parts[k][i] == '.')) {
				if (n || bl || (len && p[0] == '/'))
					r[n++] = '/';
				memcpy(r + n, parts[k] + i, j - i);
				n += j - i;
			}
			i = j;
		}
	}
	if (!n)
		r[n++] = bl || (len && p[0] == '/') ? '/' : '.';
	r[n] = '\0';
	return r;
}
