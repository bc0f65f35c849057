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

/* Processes drawn: each costs up to 2 KiB of bins; later processes are
 * counted, not drawn. */
#define ST_SVG_MAX_PROCS 16384

struct st_svg;
/* The rows are procs's processes (what --processes shows): the picture
 * keeps only what it draws over them. */
struct st_svg *st_svg_new(const struct strtrc_header *h, const struct st_procs *procs);
void st_svg_free(struct st_svg *g);
/* Every event, whatever the filters: the time line's extent. */
void st_svg_event(struct st_svg *g, const struct rp_event *ev);
/* A selected, finished call: time in syscalls and failures. */
int st_svg_call(struct st_svg *g, const struct st_call *c);
/* A file of its own, or inside an HTML page (no XML declaration, no
 * namespace: the HTML parser gives it). */
enum st_svg_form { ST_SVG_FILE, ST_SVG_IN_HTML };
/* Writes the picture; shown chooses the rows (NULL: all). 0 or -errno.
 * What a viewer needs to zoom the time area (strstat --html) is on it: the
 * svg element's data-x0, data-plot-w, data-span-ns and data-min-w (where
 * time 0 is, the width of the trace's span, the span, a bar's least
 * width), the time area in a group of class "zoom", each process's index
 * (data-proc) and its label (data-label), each bar's width before the
 * least width (data-w), where each text on or beside a bar sits (data-at
 * "start" or "end" of the bar, data-dx pixels from it; class "name" or
 * "status"), and where each brace's process starts (data-x). */
int st_svg_write(struct st_svg *g, FILE *f, enum st_svg_form form, st_pid_fn shown, void *ctx);

#endif
