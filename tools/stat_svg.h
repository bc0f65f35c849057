/* strstat --svg: a timeline of the process tree as an SVG picture. A bar
 * per process from its start to its end, shaded by the share of time spent
 * in syscalls, its threads as thin sub-rows, ticks where calls failed; a
 * process's children packed into the rows below it (rows shared by short
 * processes); a label column with the commands. Memory: a fixed number of
 * time bins per process. */
#ifndef STREC_TOOLS_STAT_SVG_H
#define STREC_TOOLS_STAT_SVG_H

#include "stat.h"

#include <stdio.h>

struct st_svg;
/* The rows are procs's processes (what --processes shows): the picture
 * keeps only what it draws over them. */
struct st_svg *st_svg_new(const struct strtrc_header *h, const struct st_procs *procs);
void st_svg_free(struct st_svg *g);
/* Every event, whatever the filters: the time line's extent. */
void st_svg_event(struct st_svg *g, const struct rp_event *ev);
/* A selected, finished call: time in syscalls and failures. */
int st_svg_call(struct st_svg *g, const struct st_call *c);
/* Writes the picture; shown chooses the rows (NULL: all). 0 or -errno. */
int st_svg_write(struct st_svg *g, FILE *f, st_pid_fn shown, void *ctx);

#endif
