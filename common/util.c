#include "util.h"

#include <assert.h>
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
