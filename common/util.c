#include "util.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t strec_monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t strec_realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

unsigned strec_edit_distance(const char *a, const char *b)
{
	assert(a && b);
	const size_t la = strlen(a), lb = strlen(b);
	/* Names are short; bound the work for hostile input. */
	if (la > 256 || lb > 256)
		return (unsigned)(la > lb ? la : lb);
	unsigned row[257];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned diag = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			const unsigned up = row[j];
			const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *strec_closest(const char *word, const char *const *candidates, size_t count)
{
	assert(word && candidates);
	const char *best = NULL;
	unsigned best_distance = ~0u;
	for (size_t i = 0; count ? i < count : candidates[i] != NULL; i++) {
		if (!candidates[i])
			continue;
		const unsigned d = strec_edit_distance(word, candidates[i]);
		if (d < best_distance) {
			best_distance = d;
			best = candidates[i];
		}
	}
	/* Suggest only what is plausibly a typo: at most a third of the word. */
	const size_t len = strlen(word);
	if (best && best_distance <= (len < 3 ? 1 : len / 3 + 1))
		return best;
	return NULL;
}

struct strec_u32map_slot {
	uint32_t key;
	bool used;
	uint64_t value;
};

static size_t u32map_home(const struct strec_u32map *m, uint32_t key)
{
	/* Fibonacci hashing: consecutive ids spread over the table */
	return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 32) & (m->cap - 1);
}

/* key's slot, or the empty slot where it would go. */
static struct strec_u32map_slot *u32map_find(const struct strec_u32map *m, uint32_t key)
{
	size_t i = u32map_home(m, key);
	while (m->slot[i].used && m->slot[i].key != key)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

bool strec_u32map_get(const struct strec_u32map *m, uint32_t key, uint64_t *value)
{
	if (!m->cap)
		return false;
	const struct strec_u32map_slot *const sl = u32map_find(m, key);
	if (sl->used && value)
		*value = sl->value;
	return sl->used;
}

int strec_u32map_put(struct strec_u32map *m, uint32_t key, uint64_t value)
{
	if ((m->n + 1) * 2 > m->cap) {
		const size_t cap = m->cap ? m->cap * 2 : 64;
		struct strec_u32map_slot *const slot = calloc(cap, sizeof(*slot));
		if (!slot)
			return -ENOMEM;
		struct strec_u32map grown = {slot, cap, m->n};
		for (size_t i = 0; i < m->cap; i++) {
			if (m->slot[i].used)
				*u32map_find(&grown, m->slot[i].key) = m->slot[i];
		}
		free(m->slot);
		*m = grown;
	}
	struct strec_u32map_slot *const sl = u32map_find(m, key);
	if (!sl->used) {
		sl->used = true;
		sl->key = key;
		m->n++;
	}
	sl->value = value;
	return 0;
}

bool strec_u32map_remove(struct strec_u32map *m, uint32_t key)
{
	if (!m->cap)
		return false;
	struct strec_u32map_slot *const sl = u32map_find(m, key);
	if (!sl->used)
		return false;
	/* shift back the entries that probed past the hole */
	size_t hole = (size_t)(sl - m->slot);
	for (size_t j = (hole + 1) & (m->cap - 1); m->slot[j].used; j = (j + 1) & (m->cap - 1)) {
		const size_t home = u32map_home(m, m->slot[j].key);
		const bool stays =
		    hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
		if (!stays) {
			m->slot[hole] = m->slot[j];
			hole = j;
		}
	}
	m->slot[hole].used = false;
	m->n--;
	return true;
}

bool strec_u32map_at(const struct strec_u32map *m, size_t i, uint32_t *key, uint64_t *value)
{
	if (i >= m->cap || !m->slot[i].used)
		return false;
	if (key)
		*key = m->slot[i].key;
	if (value)
		*value = m->slot[i].value;
	return true;
}

void strec_u32map_free(struct strec_u32map *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}
