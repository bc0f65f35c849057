/* strstat --html: the --svg time line in one self-contained page, with
 * zoom and pan, tooltips, and the syscall summary of a clicked process. The
 * page (tools/stat_html.html) loads nothing from elsewhere: the picture and
 * the per-process summaries are in it. */
#ifndef STREC_TOOLS_STAT_HTML_H
#define STREC_TOOLS_STAT_HTML_H

#include "stat.h"
#include "stat_svg.h"

#include <stdio.h>

struct st_html;
/* The processes are procs's (the --svg picture's rows). */
struct st_html *st_html_new(const struct st_procs *procs);
void st_html_free(struct st_html *h);
/* A selected, finished call, after st_procs_call: counted in its process's
 * summary (of the processes the picture draws). */
int st_html_call(struct st_html *h, const struct st_call *c);
/* Writes the page: g's picture (st_svg_write's shown and ctx) and the
 * summary of each process, sorted by sort. 0 or -errno. */
int st_html_write(struct st_html *h, struct st_svg *g, FILE *f, enum st_sort sort, st_pid_fn shown,
		  void *ctx);

#endif
