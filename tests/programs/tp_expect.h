/* What the tp_fam_* programs share: checking a raw syscall's result against
 * the errno a step expects, counting the steps that did not get it. */
#ifndef TP_EXPECT_H
#define TP_EXPECT_H

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* The last size bytes of a page whose next page is unmapped: an object
 * there that a call reads past its end faults where strace says it does.
 * NULL (a failed step counted) when no memory. */
static inline void *page_tail(size_t size)
{
	const size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *const two =
	    mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two == MAP_FAILED || size > page) {
		expect("page_tail", -1, 0);
		return NULL;
	}
	munmap(two + page, page);
	return two + page - size;
}

#endif
