/* Tests for common/util.c's strec_u32map: puts, gets and removes checked
 * against a plain array, with keys that collide and clusters that wrap
 * around the end of the table (removal shifts entries back). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int failures;

/* Not assert(): the default build type defines NDEBUG. */
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

#define NKEYS 5000

int main(void)
{
	static uint64_t want[NKEYS];
	static bool present[NKEYS];
	struct strec_u32map m = {0};
	uint64_t v;
	CHECK(!strec_u32map_get(&m, 1, &v));
	CHECK(!strec_u32map_remove(&m, 1));
	uint32_t seed = 12345;
	size_t n = 0;
	for (unsigned round = 0; round < 400000 && !failures; round++) {
		seed = seed * 1103515245u + 12345u;
		const uint32_t key = (seed >> 8) % NKEYS;
		/* keys far apart too: the top bits must spread as well */
		const uint32_t k = key * 65537u;
		switch ((seed >> 28) % 3) {
		case 0:
			CHECK(strec_u32map_put(&m, k, round) == 0);
			n += !present[key];
			present[key] = true;
			want[key] = round;
			break;
		case 1:
			CHECK(strec_u32map_remove(&m, k) == present[key]);
			n -= present[key];
			present[key] = false;
			break;
		default:
			CHECK(strec_u32map_get(&m, k, &v) == present[key]);
			CHECK(!present[key] || v == want[key]);
			break;
		}
		CHECK(m.n == n);
	}
	/* every entry once in a walk */
	size_t walked = 0;
	for (size_t i = 0; i < m.cap; i++) {
		uint32_t k;
		if (strec_u32map_at(&m, i, &k, &v)) {
			walked++;
			CHECK(k % 65537u == 0 && present[k / 65537u] && want[k / 65537u] == v);
		}
	}
	CHECK(walked == n);
	for (uint32_t key = 0; key < NKEYS; key++)
		CHECK(strec_u32map_get(&m, key * 65537u, NULL) == present[key]);
	strec_u32map_free(&m);
	CHECK(!strec_u32map_get(&m, 0, NULL));
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	return failures ? 1 : 0;
}
