/* Small utilities shared by every part. */
#ifndef STREC_COMMON_UTIL_H
#define STREC_COMMON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STREC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* CLOCK_MONOTONIC and CLOCK_REALTIME in nanoseconds. */
uint64_t strec_monotonic_ns(void);
int64_t strec_realtime_ns(void);

/* Levenshtein distance, for "did you mean" suggestions. */
unsigned strec_edit_distance(const char *a, const char *b);

/* The candidate closest to word, or NULL when none is reasonably close.
 * candidates is a NULL-terminated array or, with count, a counted one. */
const char *strec_closest(const char *word, const char *const *candidates, size_t count);

/* A map from 32-bit keys (thread ids) to 64-bit values, for tables that
 * grow with the tasks of a trace: open addressing, at most half full,
 * deletion without tombstones. Zero-initialized is empty. */
struct strec_u32map {
	struct strec_u32map_slot *slot;
	size_t cap, n; /* cap: a power of two, or 0 */
};
/* Whether key is there; its value in *value (when not NULL). */
bool strec_u32map_get(const struct strec_u32map *m, uint32_t key, uint64_t *value);
/* Sets key's value: 0, or -ENOMEM (the map is unchanged). */
int strec_u32map_put(struct strec_u32map *m, uint32_t key, uint64_t value);
/* Removes key; false when it was not there. */
bool strec_u32map_remove(struct strec_u32map *m, uint32_t key);
/* Walks the map: slot i (0 <= i < m->cap) holds an entry? Then its key
 * and value (either pointer may be NULL). */
bool strec_u32map_at(const struct strec_u32map *m, size_t i, uint32_t *key, uint64_t *value);
void strec_u32map_free(struct strec_u32map *m);

#endif
