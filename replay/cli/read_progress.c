/* The reading progress line of strep and strstat (read_progress.h). */
#include "read_progress.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_PERIOD_NS 250000000ull /* at most 4 redraws a second */
#define PROGRESS_EVERY	   256		/* records between clock reads */

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void rp_progress_start(struct rp_progress *p, const char *tool, const char *path)
{
	assert(p && tool && path);
	memset(p, 0, sizeof(*p));
	p->tool = tool;
	p->on = isatty(STDERR_FILENO) == 1;
	struct stat st;
	if (p->on && strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		p->total = (uint64_t)st.st_size;
	/* a small file is done before the first redraw: no flicker */
	p->next_ns = now_ns() + PROGRESS_PERIOD_NS;
}

void rp_progress_update(struct rp_progress *p, uint64_t bytes)
{
	if (!p->on || ++p->calls % PROGRESS_EVERY)
		return;
	const uint64_t now = now_ns();
	if (now < p->next_ns)
		return;
	p->next_ns = now + PROGRESS_PERIOD_NS;
	const double mib = (double)bytes / (1 << 20);
	if (p->total)
		fprintf(stderr, "\r%s: reading %.1f / %.1f MiB (%u%%)\033[K", p->tool, mib,
			(double)p->total / (1 << 20),
			(unsigned)(bytes >= p->total ? 100 : bytes * 100 / p->total));
	else
		fprintf(stderr, "\r%s: reading %.1f MiB\033[K", p->tool, mib);
	fflush(stderr);
	p->shown = true;
}

void rp_progress_end(struct rp_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}
