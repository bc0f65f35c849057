/* What the tp_fam_* programs share: checking a raw syscall's result against
 * the errno a step expects, counting the steps that did not get it. */
#ifndef TP_EXPECT_H
#define TP_EXPECT_H

#include <errno.h>
#include <stdio.h>

static int failures;

/* want_errno 0: success expected. */
static inline void expect(const char *what, long rc, int want_errno)
{
	const int err = rc < 0 ? errno : 0;
	if (err != want_errno) {
		fprintf(stderr, "%s: errno %d, expected %d\n", what, err, want_errno);
		failures++;
	}
}

#endif
