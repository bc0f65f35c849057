/* strdiff's alignment (tools/diff_align.c): every script covers both
 * sequences in order, its equal runs are equal, and its edits are as few
 * as the longest common subsequence allows where Myers' search decides (no
 * call occurs once in each: nothing to anchor on); known answers for the
 * anchors and the bounded search giving up. Random cases from a fixed seed. */
#include "diff_align.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                       \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

/* Checks s against a and b; returns the number of equal pairs. */
static size_t check_script(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
			   const struct da_script *s)
{
	size_t ia = 0, ib = 0, equal = 0;
	for (size_t r = 0; r < s->n; r++) {
		const struct da_run *run = &s->v[r];
		CHECK(run->n > 0, "empty run %zu", r);
		CHECK(run->a == ia && run->b == ib, "run %zu at %zu,%zu, expected %zu,%zu", r,
		      run->a, run->b, ia, ib);
		if (run->op == DA_EQUAL) {
			for (size_t k = 0; k < run->n; k++)
				CHECK(a[ia + k] == b[ib + k], "unequal pair in an equal run");
			ia += run->n;
			ib += run->n;
			equal += run->n;
		} else if (run->op == DA_DELETE) {
			ia += run->n;
		} else {
			ib += run->n;
		}
	}
	CHECK(ia == na && ib == nb, "script ends at %zu,%zu of %zu,%zu", ia, ib, na, nb);
	return equal;
}

static size_t lcs(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t *row = calloc(nb + 1, sizeof(*row));
	for (size_t i = 1; i <= na; i++) {
		size_t diag = 0;
		for (size_t j = 1; j <= nb; j++) {
			const size_t up = row[j];
			row[j] =
			    a[i - 1] == b[j - 1] ? diag + 1 : (row[j - 1] > up ? row[j - 1] : up);
			diag = up;
		}
	}
	const size_t n = row[nb];
	free(row);
	return n;
}

int main(void)
{
	srand(20);
	/* random sequences over small alphabets: where no key occurs once in
	 * each of the parts left after the common ends are trimmed, nothing
	 * anchors: Myers decides, and finds the fewest edits */
	int searched = 0;
	for (int round = 0; round < 5000; round++) {
		uint64_t a[40], b[40];
		const size_t na = (size_t)(rand() % 40), nb = (size_t)(rand() % 40);
		const int alphabet = 2 + rand() % 3;
		for (size_t i = 0; i < na; i++)
			a[i] = (uint64_t)(rand() % alphabet);
		for (size_t i = 0; i < nb; i++)
			b[i] = (uint64_t)(rand() % alphabet);
		struct da_script s = {0};
		CHECK(da_align(a, na, b, nb, NULL, &s) == 0, "da_align failed");
		const size_t eq = check_script(a, na, b, nb, &s);
		da_script_free(&s);
		size_t pre = 0, suf = 0;
		while (pre < na && pre < nb && a[pre] == b[pre])
			pre++;
		while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
			suf++;
		bool anchor = false;
		for (int k = 0; k < alphabet; k++) {
			size_t ca = 0, cb = 0;
			for (size_t i = pre; i < na - suf; i++)
				ca += a[i] == (uint64_t)k;
			for (size_t i = pre; i < nb - suf; i++)
				cb += b[i] == (uint64_t)k;
			anchor |= ca == 1 && cb == 1;
		}
		if (anchor)
			continue;
		searched++;
		CHECK(eq == lcs(a, na, b, nb), "round %d: %zu equal, the LCS is %zu", round, eq,
		      lcs(a, na, b, nb));
	}
	CHECK(searched > 1000, "only %d cases without anchors", searched);
	/* random sequences with unique keys mixed in: a valid script */
	for (int round = 0; round < 3000; round++) {
		uint64_t a[80], b[80];
		const size_t na = (size_t)(rand() % 80), nb = (size_t)(rand() % 80);
		for (size_t i = 0; i < na; i++)
			a[i] = (uint64_t)(rand() % 40);
		for (size_t i = 0; i < nb; i++)
			b[i] = (uint64_t)(rand() % 40);
		struct da_script s = {0};
		CHECK(da_align(a, na, b, nb, NULL, &s) == 0, "da_align failed");
		check_script(a, na, b, nb, &s);
		da_script_free(&s);
	}
	/* known answer: one inserted, one deleted, one changed */
	{
		const uint64_t a[] = {1, 2, 3, 4, 5, 6, 7, 8};
		const uint64_t b[] = {1, 2, 9, 3, 4, 6, 7, 10};
		struct da_script s = {0};
		CHECK(da_align(a, 8, b, 8, NULL, &s) == 0, "da_align failed");
		check_script(a, 8, b, 8, &s);
		const struct da_run want[] = {
		    {DA_EQUAL, 0, 0, 2},  {DA_INSERT, 2, 2, 1}, {DA_EQUAL, 2, 3, 2},
		    {DA_DELETE, 4, 5, 1}, {DA_EQUAL, 5, 5, 2},	{DA_DELETE, 7, 7, 1},
		    {DA_INSERT, 8, 7, 1},
		};
		CHECK(s.n == 7, "%zu runs, not 7", s.n);
		for (size_t i = 0; i < 7 && i < s.n; i++)
			CHECK(!memcmp(&s.v[i], &want[i], sizeof(want[i])) ||
				  (s.v[i].op == want[i].op && s.v[i].a == want[i].a &&
				   s.v[i].b == want[i].b && s.v[i].n == want[i].n),
			      "run %zu: op %d at %zu,%zu n %zu", i, s.v[i].op, s.v[i].a, s.v[i].b,
			      s.v[i].n);
		da_script_free(&s);
	}
	/* the bounded search gives up: nothing in common, more edits than
	 * allowed: replaced whole, once */
	{
		enum { N = 3000 };
		uint64_t *a = malloc(N * sizeof(*a)), *b = malloc(N * sizeof(*b));
		for (size_t i = 0; i < N; i++) {
			a[i] = i % 7; /* repeated: no anchor */
			b[i] = 100 + i % 7;
		}
		const struct da_limits lim = {.max_edits = 100, .max_work = 1u << 20};
		struct da_script s = {0};
		CHECK(da_align(a, N, b, N, &lim, &s) == 0, "da_align failed");
		check_script(a, N, b, N, &s);
		CHECK(s.gave_up == 1 && s.n == 2 && s.v[0].op == DA_DELETE &&
			  s.v[1].op == DA_INSERT,
		      "gave up %zu, %zu runs", s.gave_up, s.n);
		da_script_free(&s);
		free(a);
		free(b);
	}
	if (!failures)
		puts("diff_align: ok");
	return failures ? 1 : 0;
}
