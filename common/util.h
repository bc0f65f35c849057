/* Small utilities shared by every part. */
#ifndef STREC_COMMON_UTIL_H
#define STREC_COMMON_UTIL_H

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

#endif
