/* strstat --svg: the process tree on a time line (stat_svg.h).
 *
 * Time is kept in NBINS bins shared by all processes; when the trace grows
 * past the last bin, the bin width doubles and neighbouring bins merge, so
 * memory stays fixed per process whatever the trace length.
 *
 * Layout: a process's block is its own row (and its threads' sub-rows) with
 * its children's blocks packed below it, each child's block in the first
 * rows free from the child's start on. So the short compiler runs of one
 * make share rows, a build is as tall as it was parallel times as deep as
 * its tree, and a line down from a process's start (a brace) spans only
 * its own descendants. A block's rows are taken from the block's start to
 * the end of what each row holds (a staircase): nothing else is drawn in
 * them after the start, which the brace needs. */
#include "stat_svg.h"

#include "names.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define NBINS	    512
#define MAX_FAILS   4096 /* failure ticks kept per process */
#define LABEL_CHARS 56

/* Layout, in pixels. */
#define LABEL_W	     330 /* the label column: pid, the command indented by depth */
#define PID_W	     48
#define PLOT_W	     960
#define ROW_H	     16
#define BAR_H	     10
#define THREAD_PITCH 4	 /* a thread's sub-row: a 3 px bar */
#define THREAD_LANES 8	 /* sub-rows a process's threads are packed into at most */
#define MIN_BAR_PX   2.0 /* a process lives at least this wide on the picture */
#define GAP_PX	     2.0 /* between processes that share a row */
#define MAX_INDENT   16
#define TOP	     46
#define MARGIN	     10
#define LEGEND_H     58
#define CHAR_W	     6.7 /* 11px DejaVu Sans Mono: 0.602 em */
#define SMALL_CHAR_W 6.1 /* 10px */

/* What the picture keeps of a process beyond the process table's numbers
 * (stat_procs.c, which --processes shows too): by the process's index. */
struct svg_row {
	uint32_t *bins; /* microseconds in syscalls per bin, allocated at first call */
	uint64_t *fails;
	size_t nfails, fails_cap;
	uint64_t failed;
};

struct st_svg {
	const struct st_procs *procs;
	struct svg_row *rows; /* by process index, up to ST_SVG_MAX_PROCS */
	size_t nrows, cap;
	uint64_t bin_ns; /* width of a bin */
	uint64_t end_ns; /* last timestamp seen */
	char *root_label;
};

static char *label_of(const char *s, size_t len)
{
	if (len > LABEL_CHARS)
		len = LABEL_CHARS;
	char *l = strndup(s, len);
	if (l && len == LABEL_CHARS)
		memcpy(l + LABEL_CHARS - 3, "...", 3);
	return l;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* A command's label: its words, the program without its directory. */
static const char *command_label(const char *command)
{
	const size_t word = strcspn(command, " ");
	if (command[0] == '\'' || command[0] == '"')
		return command;
	const char *slash = NULL;
	for (const char *c = command; c < command + word; c++)
		if (*c == '/')
			slash = c;
	return slash && slash[1] && slash[1] != ' ' ? slash + 1 : command;
}

struct st_svg *st_svg_new(const struct strtrc_header *h, const struct st_procs *procs)
{
	struct st_svg *g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->procs = procs;
	g->bin_ns = 1000000; /* 1 ms, doubled as needed */
	struct rp_buf b = {0};
	for (size_t i = 0; i < h->command_argc && b.len < LABEL_CHARS; i++) {
		const char *w = i ? h->command_argv[i] : base_name(h->command_argv[i]);
		rp_buf_printf(&b, "%s%s", i ? " " : "", w);
	}
	g->root_label = label_of(b.len ? b.data : "?", b.len ? b.len : 1);
	rp_buf_free(&b);
	if (!g->root_label) {
		free(g);
		return NULL;
	}
	return g;
}

void st_svg_free(struct st_svg *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nrows; i++) {
		free(g->rows[i].bins);
		free(g->rows[i].fails);
	}
	free(g->rows);
	free(g->root_label);
	free(g);
}

/* The row of process index i (there are rows for the first ST_SVG_MAX_PROCS). */
static struct svg_row *row(struct st_svg *g, size_t i)
{
	assert(i < ST_SVG_MAX_PROCS);
	while (g->nrows <= i) {
		if (st_grow((void **)&g->rows, &g->cap, g->nrows, sizeof(*g->rows)) < 0)
			return NULL;
		memset(&g->rows[g->nrows++], 0, sizeof(*g->rows));
	}
	return &g->rows[i];
}

/* Doubles the bin width until ts falls in the last bin or before. */
static void fit(struct st_svg *g, uint64_t ts)
{
	while (ts / g->bin_ns >= NBINS) {
		for (size_t i = 0; i < g->nrows; i++) {
			uint32_t *b = g->rows[i].bins;
			if (!b)
				continue;
			for (size_t k = 0; k < NBINS / 2; k++) {
				const uint64_t sum = (uint64_t)b[2 * k] + b[2 * k + 1];
				b[k] = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
			}
			memset(b + NBINS / 2, 0, NBINS / 2 * sizeof(*b));
		}
		g->bin_ns *= 2;
	}
}

static void seen(struct st_svg *g, uint64_t ts)
{
	if (ts > g->end_ns) {
		g->end_ns = ts;
		fit(g, ts);
	}
}

void st_svg_event(struct st_svg *g, const struct rp_event *ev)
{
	assert(g && ev);
	seen(g, ev->ts_ns);
}

int st_svg_call(struct st_svg *g, const struct st_call *c)
{
	assert(g && c);
	const size_t i = st_procs_index(g->procs, c->ev->pid);
	if (i == SIZE_MAX || i >= ST_SVG_MAX_PROCS)
		return 0; /* a process not drawn */
	struct svg_row *const p = row(g, i);
	if (!p)
		return -ENOMEM;
	const uint64_t a = c->sc->entry_ts_ns, b = a + c->dur_ns;
	seen(g, b);
	if (!p->bins && !(p->bins = calloc(NBINS, sizeof(*p->bins))))
		return -ENOMEM;
	/* spread the call over the bins it covers */
	for (uint64_t t = a; t < b;) {
		const uint64_t k = t / g->bin_ns;
		const uint64_t edge = (k + 1) * g->bin_ns;
		const uint64_t part = (edge < b ? edge : b) - t;
		const uint64_t us = p->bins[k] + (part + 500) / 1000;
		p->bins[k] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
		t += part;
	}
	if (c->err) {
		p->failed++;
		if (p->nfails < MAX_FAILS) {
			if (st_grow((void **)&p->fails, &p->fails_cap, p->nfails,
				    sizeof(*p->fails)) < 0)
				return -ENOMEM;
			p->fails[p->nfails++] = a;
		}
	}
	return 0;
}

/* ---- layout ---- */

/* A process on the picture; index n is a virtual root above the roots. */
struct node {
	struct st_proc_info info;
	bool valid, shown;
	size_t first_child, last_child, next_sibling;
	size_t own_rows; /* its bar and its threads' sub-rows; 0 when not shown */
	size_t height;	 /* rows of its block */
	uint64_t bstart; /* its block's start: its own or an earlier child's */
	uint64_t *prof;	 /* while packing: per row of the block, the padded end */
	size_t prof_cap;
	size_t rel;   /* the block's first row within its parent's block */
	size_t row;   /* its first row on the picture */
	size_t depth; /* shown ancestors */
	char *label;  /* its command, cut */
	char *kind;   /* its program: what a shared row counts */
};

struct layout {
	struct st_svg *g;
	struct node *v;
	size_t n;     /* processes drawn; v[n] is the virtual root */
	double scale; /* px per ns */
	uint64_t min_ns, gap_ns;
	size_t rows;
};

/* The end a row must keep free for a process from start to end: at least
 * MIN_BAR_PX wide, and GAP_PX before the next. */
static uint64_t padded_end(const struct layout *L, uint64_t start, uint64_t end)
{
	const uint64_t min_end = start + L->min_ns;
	return (end > min_end ? end : min_end) + L->gap_ns;
}

/* Packs threads into at most THREAD_LANES sub-rows, first fit in start
 * order; lane[k] is thread k's, or UINT_MAX for one left out. */
static unsigned thread_lanes(const struct layout *L, const struct st_thread_info *t, size_t nt,
			     unsigned *lane)
{
	uint64_t busy[THREAD_LANES] = {0};
	unsigned lanes = 0;
	for (size_t k = 0; k < nt; k++) {
		lane[k] = UINT_MAX;
		for (unsigned l = 0; l < THREAD_LANES; l++) {
			if (busy[l] <= t[k].start_ns) {
				lane[k] = l;
				busy[l] = padded_end(L, t[k].start_ns, t[k].end_ns);
				if (l + 1 > lanes)
					lanes = l + 1;
				break;
			}
		}
	}
	return lanes;
}

static int prof_reserve(struct node *p, size_t rows)
{
	if (rows <= p->prof_cap)
		return 0;
	size_t cap = p->prof_cap ? p->prof_cap : 8;
	while (cap < rows)
		cap *= 2;
	uint64_t *const v = realloc(p->prof, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memset(v + p->prof_cap, 0, (cap - p->prof_cap) * sizeof(*v));
	p->prof = v;
	p->prof_cap = cap;
	return 0;
}

/* The first offset from base, a multiple of step from it, where c's block
 * fits in p's: its rows free from c's start on. Linear in p's height: a
 * row found busy is not looked at again. */
static size_t first_fit(const struct node *p, const struct node *c, size_t base, size_t step)
{
	size_t o = base, k = 0;
	while (k < c->height) {
		if (o + k < p->height && p->prof[o + k] > c->bstart) {
			o = base + ((o + k + 1 - base + step - 1) / step) * step;
			k = 0;
		} else {
			k++;
		}
	}
	return o;
}

/* Puts child c's block into parent p's, below p's own rows: at the first
 * rows free from c's start on, or at a multiple of c's height below p's own
 * rows when that makes p's block no taller. Blocks of one shape (a make's
 * compiles: sh, cc, cc1) then line up, and a row holds one kind of
 * process, without a tall block leaving rows empty to line up. */
static int place(struct node *p, struct node *c)
{
	const size_t base = p->own_rows;
	size_t o = first_fit(p, c, base, 1);
	if (c->height > 1) {
		const size_t aligned = first_fit(p, c, base, c->height);
		const size_t height = o + c->height > p->height ? o + c->height : p->height;
		if (aligned + c->height <= height)
			o = aligned;
	}
	if (prof_reserve(p, o + c->height) < 0)
		return -ENOMEM;
	for (size_t k = 0; k < c->height; k++)
		if (c->prof[k] > p->prof[o + k])
			p->prof[o + k] = c->prof[k];
	if (o + c->height > p->height)
		p->height = o + c->height;
	c->rel = o;
	return 0;
}

static char *node_label(const struct st_svg *g, const struct st_proc_info *p)
{
	if (p->command)
		return label_of(command_label(p->command), strlen(command_label(p->command)));
	if (!p->inherited)
		return strdup(g->root_label);
	struct rp_buf b = {0};
	rp_buf_printf(&b, "(%s)", command_label(p->inherited));
	char *const l = b.oom ? NULL : label_of(b.data, b.len);
	rp_buf_free(&b);
	return l;
}

/* Blocks bottom up: a child's index is above its parent's, so in reverse
 * index order every child is done before its parent. */
static int layout(struct layout *L, st_pid_fn shown, void *ctx)
{
	struct node *const v = L->v;
	const size_t n = L->n;
	struct st_thread_info thr[ST_THREADS_KEPT];
	unsigned lane[ST_THREADS_KEPT];
	for (size_t i = 0; i <= n; i++)
		v[i].first_child = v[i].last_child = v[i].next_sibling = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (v[i].valid) {
			const size_t par = v[i].info.parent != SIZE_MAX ? v[i].info.parent : n;
			if (v[par].first_child == SIZE_MAX)
				v[par].first_child = i;
			else
				v[v[par].last_child].next_sibling = i;
			v[par].last_child = i;
		}
	}
	v[n].bstart = 0;
	for (size_t back = 0; back <= n; back++) {
		/* n-1 down to 0, then the virtual root */
		const size_t i = back < n ? n - 1 - back : n;
		struct node *const p = &v[i];
		if (i < n && !p->valid)
			continue;
		if (i < n) {
			p->shown = !shown || shown(p->info.pid, ctx);
			p->bstart = p->info.start_ns;
			if (p->shown) {
				const size_t nt =
				    st_procs_threads(L->g->procs, i, thr, ST_THREADS_KEPT);
				const unsigned lanes = thread_lanes(L, thr, nt, lane);
				p->own_rows = 1 + (lanes * THREAD_PITCH + ROW_H - 1) / ROW_H;
				if (!(p->label = node_label(L->g, &p->info)))
					return -ENOMEM;
				const bool paren = p->label[0] == '(';
				const size_t len = strcspn(p->label + paren, " )") + paren;
				struct rp_buf k = {0};
				rp_buf_printf(&k, "%.*s%s", (int)len, p->label, paren ? ")" : "");
				rp_buf_putc(&k, '\0');
				if (k.oom)
					return -ENOMEM;
				p->kind = k.data;
			}
			if (prof_reserve(p, p->own_rows) < 0)
				return -ENOMEM;
			const uint64_t end = padded_end(L, p->info.start_ns, p->info.end_ns);
			for (size_t k = 0; k < p->own_rows; k++)
				p->prof[k] = end;
			p->height = p->own_rows;
		}
		for (size_t c = p->first_child; c != SIZE_MAX; c = v[c].next_sibling)
			if (v[c].bstart < p->bstart)
				p->bstart = v[c].bstart;
		for (size_t c = p->first_child; c != SIZE_MAX; c = v[c].next_sibling) {
			if (place(p, &v[c]) < 0)
				return -ENOMEM;
			free(v[c].prof);
			v[c].prof = NULL;
		}
	}
	/* top down: rows and depths */
	for (size_t i = 0; i < n; i++) {
		if (!v[i].valid)
			continue;
		const size_t par = v[i].info.parent != SIZE_MAX ? v[i].info.parent : n;
		v[i].row = v[par].row + v[i].rel;
		v[i].depth = par == n ? 0 : v[par].depth + (v[par].shown ? 1 : 0);
	}
	L->rows = v[n].height;
	free(v[n].prof);
	v[n].prof = NULL;
	return 0;
}

/* ---- drawing ---- */

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		const unsigned char ch = (unsigned char)*s;
		if (ch == '<')
			fputs("&lt;", f);
		else if (ch == '>')
			fputs("&gt;", f);
		else if (ch == '&')
			fputs("&amp;", f);
		else if (ch == '"')
			fputs("&quot;", f);
		else if (ch < 0x20 || ch >= 0x7f)
			fputc('?', f); /* control bytes are not XML; non-ASCII may not be UTF-8 */
		else
			fputc(ch, f);
	}
}

/* The first chars characters of s, "..." ending it when cut (ASCII: the
 * XML text replaces the rest byte by byte). */
static void xml_text_cut(FILE *f, const char *s, size_t chars)
{
	if (strlen(s) <= chars) {
		xml_text(f, s);
		return;
	}
	if (chars < 4)
		return;
	char buf[LABEL_CHARS + 8];
	const size_t keep = chars - 3 < LABEL_CHARS ? chars - 3 : LABEL_CHARS;
	memcpy(buf, s, keep);
	memcpy(buf + keep, "...", 4);
	xml_text(f, buf);
}

/* A 1-2-5 step giving at most about 10 ticks over span seconds. */
static double tick_step(double span)
{
	double step = 1e-6;
	static const double mult[] = {2, 2.5, 2};
	for (unsigned i = 0; span / step > 10; i++)
		step *= mult[i % 3];
	return step;
}

static void tick_label(FILE *f, double t, double step)
{
	if (step >= 1)
		fprintf(f, "%.0f s", t);
	else if (step >= 1e-3)
		fprintf(f, "%.0f ms", t * 1e3);
	else
		fprintf(f, "%.0f us", t * 1e6);
}

static void axis(FILE *f, double x0, double scale, uint64_t span_ns, int y_text)
{
	const double span_s = (double)span_ns / 1e9;
	const double step = tick_step(span_s);
	fprintf(f, "<g class=\"ticks\" fill=\"#555\" text-anchor=\"middle\">\n");
	for (unsigned k = 0; k * step <= span_s * 1.0001; k++) {
		const double t = k * step;
		fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x0 + t * 1e9 * scale, y_text);
		tick_label(f, t, step);
		fputs("</text>\n", f);
	}
	fputs("</g>\n", f);
}

/* A row taken by a process: its bar's or one of its threads' sub-rows. */
struct slot {
	size_t row, node;
	uint64_t start;
};

static int by_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

static int by_row_label(const void *a, const void *b, void *ctx)
{
	const struct node *const v = ctx;
	const struct node *x = &v[*(const size_t *)a], *y = &v[*(const size_t *)b];
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return strcmp(x->kind, y->kind);
}

/* The label column of one row: its process's pid and command, or for a
 * row several share, its commonest commands and their counts. */
static void row_label(FILE *f, const struct node *v, const size_t *idx, size_t cnt)
{
	const struct node *const first = &v[idx[0]];
	const int y = TOP + (int)first->row * ROW_H + ROW_H - 4;
	size_t depth = first->depth;
	for (size_t k = 1; k < cnt; k++)
		if (v[idx[k]].depth < depth)
			depth = v[idx[k]].depth;
	const size_t indent = depth < MAX_INDENT ? depth : MAX_INDENT;
	const double x = MARGIN + PID_W + (double)indent * CHAR_W;
	const size_t chars = (size_t)((MARGIN + LABEL_W - 4 - x) / CHAR_W);
	fprintf(f, "<g class=\"label\" data-row=\"%zu\">", first->row);
	if (cnt == 1) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#888\">%" PRIu32 "</text>", MARGIN, y,
			first->info.pid);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\"%s>", x, y,
			st_proc_failed(&first->info) ? " fill=\"#c00\"" : "");
		xml_text_cut(f, first->label, chars);
		fputs("</text></g>\n", f);
		return;
	}
	/* runs of one label (idx is sorted by label): the two largest */
	size_t best[2] = {0, 0}, best_n[2] = {0, 0}, kinds = 0;
	for (size_t a = 0; a < cnt;) {
		size_t b = a + 1;
		while (b < cnt && !strcmp(v[idx[a]].kind, v[idx[b]].kind))
			b++;
		kinds++;
		if (b - a > best_n[0]) {
			best[1] = best[0], best_n[1] = best_n[0];
			best[0] = a, best_n[0] = b - a;
		} else if (b - a > best_n[1]) {
			best[1] = a, best_n[1] = b - a;
		}
		a = b;
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#888\">%zu&#215;</text>", MARGIN, y, cnt);
	/* "cc1 (40), as (38) +3": the commonest commands, cut to fit */
	struct rp_buf b = {0};
	const size_t shown_kinds = kinds < 2 ? kinds : 2;
	for (size_t k = 0; k < shown_kinds; k++)
		rp_buf_printf(&b, "%s%s (%zu)", k ? ", " : "", v[idx[best[k]]].kind, best_n[k]);
	if (kinds > 2)
		rp_buf_printf(&b, " +%zu", cnt - best_n[0] - best_n[1]);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\" fill=\"#335\">", x, y);
	if (!b.oom) {
		rp_buf_putc(&b, '\0');
		xml_text_cut(f, b.data, chars);
	}
	fputs("</text></g>\n", f);
	rp_buf_free(&b);
}

#define RIGHT_W	  110 /* room right of the time area for the last labels */
#define PLOT_CLIP 8   /* the time area's clip starts this far left of time 0 */

static double plot_x0(void)
{
	return MARGIN + LABEL_W + 10;
}

static int row_y(size_t row)
{
	return TOP + (int)row * ROW_H;
}

/* The share of time in syscalls in SHADES steps: a few are told apart at
 * a glance, and neighbouring bins of one step make one rect. */
#define SHADES 4
static int shade(double share)
{
	return share >= 1 ? SHADES : (int)(share * SHADES + 0.5);
}

/* The shade of bins k .. k+unit-1 (up to last) of a process living from
 * start to end: the share of that time it spent in syscalls. */
#define MIN_SHADE_PX 6.0
static int unit_shade(const struct st_svg *g, const struct svg_row *pr, uint64_t start,
		      uint64_t end, size_t k, size_t unit, size_t last)
{
	const size_t top = k + unit - 1 < last ? k + unit - 1 : last;
	const uint64_t lo = k * g->bin_ns > start ? k * g->bin_ns : start;
	const uint64_t hi = (top + 1) * g->bin_ns < end ? (top + 1) * g->bin_ns : end;
	uint64_t us = 0;
	for (size_t b = k; b <= top; b++)
		us += pr->bins[b];
	return hi > lo ? shade((double)us * 1000.0 / (double)(hi - lo)) : 0;
}

/* One process: tooltip, bar shaded by time in syscalls, failed calls,
 * threads, a failed end; its command beside the bar where there is room
 * before next_x (the next bar in its row), when its row is shared. */
static void draw_proc(FILE *f, const struct layout *L, size_t i, double next_x, bool shared)
{
	const struct st_svg *const g = L->g;
	const struct node *const nd = &L->v[i];
	const struct st_proc_info *const p = &nd->info;
	const struct svg_row *const pr = &g->rows[i];
	const double x0 = plot_x0(), scale = L->scale;
	const int y = row_y(nd->row), by = y + (ROW_H - BAR_H) / 2;
	const uint64_t end = p->end_ns > p->start_ns ? p->end_ns : p->start_ns;
	const double xa = x0 + (double)p->start_ns * scale;
	const double true_w = (double)(end - p->start_ns) * scale;
	double w = true_w;
	if (w < MIN_BAR_PX)
		w = MIN_BAR_PX;
	const bool failed = st_proc_failed(p);
	char status[64];
	st_proc_status(p, status, sizeof(status));
	fprintf(f,
		"<g class=\"proc%s\" data-pid=\"%" PRIu32 "\" data-row=\"%zu\" data-proc=\"%zu\" "
		"data-label=\"",
		failed ? " failed" : "", p->pid, nd->row, i);
	xml_text(f, nd->label);
	fputs("\">\n", f);
	/* the numbers --processes prints (st_procs_info, st_proc_status) */
	fprintf(f, "<title>pid %" PRIu32 " ppid %" PRIu32 ": ", p->pid, p->ppid);
	if (p->command)
		xml_text(f, p->command);
	else
		xml_text(f, nd->label);
	fprintf(f,
		"&#10;start %.6f s, end %.6f s, lifetime %.6f s&#10;threads %u, syscalls %" PRIu64
		", in syscalls %.6f s, failed %" PRIu64 "&#10;%s</title>\n",
		ST_SECONDS(p->start_ns), ST_SECONDS(end), ST_SECONDS(end - p->start_ns), p->threads,
		p->calls, ST_SECONDS(p->time_ns), pr->failed, status);
	fprintf(f,
		"<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
		"data-w=\"%.4g\" fill=\"#9ecae1\"%s/>\n",
		xa, by, w, BAR_H, true_w, failed ? " stroke=\"#c00\" stroke-width=\"1\"" : "");
	if (pr->bins) {
		/* bins in units of at least MIN_SHADE_PX; neighbouring units of
		 * one shade become one run, the runs of a shade one path */
		struct rp_buf runs[SHADES + 1] = {{0}};
		const double bin_px = (double)g->bin_ns * scale;
		const size_t unit =
		    bin_px >= MIN_SHADE_PX ? 1 : (size_t)(MIN_SHADE_PX / bin_px) + 1;
		const size_t first = p->start_ns / g->bin_ns;
		const size_t last = end / g->bin_ns < NBINS ? end / g->bin_ns : NBINS - 1;
		size_t k = first;
		while (k <= last) {
			const int level = unit_shade(g, pr, p->start_ns, end, k, unit, last);
			size_t m = k + unit;
			while (m <= last && level &&
			       unit_shade(g, pr, p->start_ns, end, m, unit, last) == level)
				m += unit;
			if (level) {
				const uint64_t lo =
				    k * g->bin_ns > p->start_ns ? k * g->bin_ns : p->start_ns;
				const uint64_t mhi = m * g->bin_ns < end ? m * g->bin_ns : end;
				double bw = (double)(mhi > lo ? mhi - lo : 0) * scale;
				if (bw < 0.5)
					bw = 0.5;
				rp_buf_printf(&runs[level], "M%.1f,%dh%.1fv%dh%.1fz",
					      x0 + (double)lo * scale, by, bw, BAR_H, -bw);
			}
			k = m;
		}
		for (int l = 1; l <= SHADES; l++) {
			if (runs[l].len && !runs[l].oom)
				fprintf(
				    f,
				    "<path class=\"shade\" fill=\"#e6550d\" fill-opacity=\"%.2f\" "
				    "d=\"%.*s\"/>\n",
				    (double)l / SHADES, (int)runs[l].len, runs[l].data);
			rp_buf_free(&runs[l]);
		}
	}
	/* failed calls: red ticks over the bar, one per pixel, one path */
	long last_px = -1;
	for (size_t k = 0; k < pr->nfails; k++) {
		const long px = (long)(x0 + (double)pr->fails[k] * scale);
		if (px == last_px)
			continue;
		fprintf(f, "%sM%ld.5,%dv6",
			last_px < 0 ? "<path class=\"fail\" stroke=\"#c00\" d=\"" : "", px, by - 2);
		last_px = px;
	}
	if (last_px >= 0)
		fputs("\"/>\n", f);
	/* threads: thin sub-rows under the bar */
	struct st_thread_info thr[ST_THREADS_KEPT];
	unsigned lane[ST_THREADS_KEPT];
	const size_t nt = st_procs_threads(g->procs, i, thr, ST_THREADS_KEPT);
	thread_lanes(L, thr, nt, lane);
	for (size_t k = 0; k < nt; k++) {
		if (lane[k] == UINT_MAX)
			continue;
		const double true_tw =
		    (double)(thr[k].end_ns > thr[k].start_ns ? thr[k].end_ns - thr[k].start_ns
							     : 0) *
		    scale;
		const double tw = true_tw < MIN_BAR_PX ? MIN_BAR_PX : true_tw;
		fprintf(f,
			"<rect class=\"thread\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"3\" "
			"data-w=\"%.4g\" fill=\"#6baed6\"><title>thread %" PRIu32
			": %.6f s to %.6f s</title></rect>\n",
			x0 + (double)thr[k].start_ns * scale,
			y + ROW_H - 2 + (int)lane[k] * THREAD_PITCH, tw, true_tw, thr[k].tid,
			ST_SECONDS(thr[k].start_ns), ST_SECONDS(thr[k].end_ns));
	}
	/* a failed end: a red cap, and the status where it fits */
	double text_x = xa + w + 3;
	if (failed) {
		fprintf(f,
			"<rect class=\"exit-failed\" x=\"%.1f\" y=\"%d\" width=\"2\" height=\"%d\" "
			"fill=\"#c00\"/>\n",
			xa + w, y + 1, ROW_H - 2);
		text_x += 2;
		if (next_x - text_x >= (double)strlen(status) * SMALL_CHAR_W + 2) {
			fprintf(f,
				"<text class=\"status\" x=\"%.1f\" y=\"%d\" data-at=\"end\" "
				"data-dx=\"%.1f\" font-size=\"10\" fill=\"#c00\">%s</text>\n",
				text_x, y + ROW_H - 5, text_x - (xa + w), status);
			text_x += (double)strlen(status) * SMALL_CHAR_W + 6;
		}
	}
	/* in a shared row the label column names only the commonest commands */
	const double label_w = (double)strlen(nd->label) * SMALL_CHAR_W;
	if (shared && !failed && w >= label_w + 6) {
		fprintf(f,
			"<text class=\"name\" x=\"%.1f\" y=\"%d\" data-at=\"start\" data-dx=\"3\" "
			"font-size=\"10\">",
			xa + 3, y + ROW_H - 5);
		xml_text(f, nd->label);
		fputs("</text>\n", f);
	} else if (shared && next_x - text_x >= label_w + 2) {
		fprintf(f,
			"<text class=\"name\" x=\"%.1f\" y=\"%d\" data-at=\"end\" data-dx=\"%.1f\" "
			"font-size=\"10\" fill=\"#444\">",
			text_x, y + ROW_H - 5, text_x - (xa + w));
		xml_text(f, nd->label);
		fputs("</text>\n", f);
	}
	fputs("</g>\n", f);
}

static void legend(FILE *f, int ly)
{
	const int x = MARGIN;
	fprintf(f,
		"<g class=\"legend\">\n"
		"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#9ecae1\"/>"
		"<text x=\"%d\" y=\"%d\">process running</text>\n"
		"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#e6550d\"/>"
		"<text x=\"%d\" y=\"%d\">in syscalls (darker: larger share)</text>\n"
		"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"3\" fill=\"#6baed6\"/>"
		"<text x=\"%d\" y=\"%d\">thread</text>\n"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c00\"/>"
		"<text x=\"%d\" y=\"%d\">failed call</text>\n"
		"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#9ecae1\" "
		"stroke=\"#c00\"/><rect x=\"%d\" y=\"%d\" width=\"2\" height=\"14\" fill=\"#c00\"/>"
		"<text x=\"%d\" y=\"%d\">non-zero exit or killed</text>\n"
		"<path d=\"M%d,%d v14 h4\" fill=\"none\" stroke=\"#999\"/>"
		"<text x=\"%d\" y=\"%d\">a process's children, below it from its start</text>\n"
		"<text x=\"%d\" y=\"%d\" fill=\"#335\">N&#215; cmd (n): N processes share the "
		"row, n of them ran cmd; hover a bar for its numbers (as --processes)</text>\n"
		"</g>\n",
		x, ly, x + 20, ly + 9, x + 150, ly, x + 170, ly + 9, x + 410, ly + 4, x + 430,
		ly + 9, x + 500, ly - 2, x + 500, ly + 10, x + 510, ly + 9, x + 610, ly, x + 622,
		ly - 2, x + 630, ly + 9, x + 810, ly - 3, x + 820, ly + 9, x, ly + 28);
}

int st_svg_write(struct st_svg *g, FILE *f, enum st_svg_form form, st_pid_fn shown, void *ctx)
{
	assert(g && f);
	/* the processes drawn: the first ST_SVG_MAX_PROCS of the table */
	const size_t nprocs = st_procs_count(g->procs);
	const size_t n = nprocs < ST_SVG_MAX_PROCS ? nprocs : ST_SVG_MAX_PROCS;
	if (n && !row(g, n - 1))
		return -ENOMEM;
	struct layout L = {.g = g, .n = n};
	L.v = calloc(n + 1, sizeof(*L.v));
	size_t *const order = malloc((n + 1) * sizeof(*order));
	int rc = -ENOMEM;
	if (!L.v || !order)
		goto out;
	uint64_t not_drawn = 0, span_ns = g->end_ns;
	for (size_t i = 0; i < nprocs; i++) {
		struct st_proc_info other;
		if (i < n && (L.v[i].valid = st_procs_info(g->procs, i, &L.v[i].info))) {
			if (L.v[i].info.end_ns > span_ns)
				span_ns = L.v[i].info.end_ns;
		} else if (i >= n) {
			not_drawn += st_procs_info(g->procs, i, &other);
		}
	}
	if (!span_ns)
		span_ns = 1;
	L.scale = (double)PLOT_W / (double)span_ns;
	L.min_ns = (uint64_t)(MIN_BAR_PX / L.scale) + 1;
	L.gap_ns = (uint64_t)(GAP_PX / L.scale) + 1;
	if ((rc = layout(&L, shown, ctx)) < 0)
		goto out;
	size_t nshown = 0;
	for (size_t i = 0; i < n; i++)
		if (L.v[i].valid && L.v[i].shown)
			order[nshown++] = i;

	const double x0 = plot_x0();
	const int width = (int)x0 + PLOT_W + RIGHT_W;
	const int plot_bottom = row_y(L.rows);
	const int height = plot_bottom + 18 + LEGEND_H;
	if (form == ST_SVG_FILE)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<svg xmlns=\"http://www.w3.org/2000/svg\"",
		      f);
	else
		fputs("<svg", f);
	fprintf(f,
		" id=\"timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"data-x0=\"%.1f\" data-plot-w=\"%d\" data-span-ns=\"%" PRIu64
		"\" data-min-w=\"%g\" "
		"font-family=\"DejaVu Sans Mono,monospace\" font-size=\"11\">\n"
		"<defs><clipPath id=\"labels\"><rect x=\"0\" y=\"0\" width=\"%d\" "
		"height=\"%d\"/></clipPath>"
		"<clipPath id=\"plot\"><rect x=\"%.1f\" y=\"0\" width=\"%.1f\" "
		"height=\"%d\"/></clipPath></defs>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		width, height, width, height, x0, PLOT_W, span_ns, MIN_BAR_PX, MARGIN + LABEL_W,
		height, x0 - PLOT_CLIP, width - (x0 - PLOT_CLIP), height);
	fprintf(f,
		"<text class=\"title\" x=\"%d\" y=\"16\" font-size=\"13\" "
		"font-weight=\"bold\">",
		MARGIN);
	xml_text(f, g->root_label);
	fprintf(f, ": %zu process%s in %zu row%s, %.3f s", nshown, nshown == 1 ? "" : "es", L.rows,
		L.rows == 1 ? "" : "s", ST_SECONDS(span_ns));
	if (not_drawn)
		fprintf(f, " (%" PRIu64 " more started: at most %u are drawn)", not_drawn,
			ST_SVG_MAX_PROCS);
	fputs("</text>\n", f);

	/* every other row shaded, across labels and time */
	fputs("<g class=\"stripes\" fill=\"#f4f4f4\">\n", f);
	for (size_t r = 1; r < L.rows; r += 2)
		fprintf(f, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", row_y(r), width,
			ROW_H);
	fputs("</g>\n", f);
	/* time axis: ticks above, and below a picture taller than a screen */
	axis(f, x0, L.scale, span_ns, TOP - 8);
	if (L.rows > 40)
		axis(f, x0, L.scale, span_ns, plot_bottom + 12);
	/* the time area, which a viewer may zoom: grid, braces, bars */
	fputs("<g class=\"plot\" clip-path=\"url(#plot)\"><g class=\"zoom\">\n", f);
	const double step = tick_step(ST_SECONDS(span_ns));
	fputs("<g class=\"grid\" stroke=\"#ddd\">\n", f);
	for (unsigned k = 0; k * step <= ST_SECONDS(span_ns) * 1.0001; k++) {
		const double x = x0 + k * step * 1e9 * L.scale;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x, TOP - 4, x,
			plot_bottom);
	}
	fputs("</g>\n", f);

	/* braces: from a process's start down along its children's rows */
	fputs("<g class=\"tree\" stroke=\"#aaa\" fill=\"none\">\n", f);
	for (size_t k = 0; k < nshown; k++) {
		const struct node *const nd = &L.v[order[k]];
		if (nd->height <= nd->own_rows)
			continue;
		/* 1.5 px before the start; data-x: the start, for a zooming viewer */
		const double x = x0 + (double)nd->info.start_ns * L.scale;
		fprintf(f,
			"<path data-pid=\"%" PRIu32 "\" data-x=\"%.1f\" d=\"M%.1f,%d V%d h3\"/>\n",
			nd->info.pid, x, x - 1.5, row_y(nd->row) + ROW_H / 2,
			row_y(nd->row + nd->height - 1) + ROW_H / 2);
	}
	fputs("</g>\n", f);

	/* the bars; the room beside each is up to what comes next in its row,
	 * a bar or another process's threads */
	size_t nslots = 0;
	for (size_t k = 0; k < nshown; k++)
		nslots += L.v[order[k]].own_rows;
	struct slot *const slots = malloc((nslots + 1) * sizeof(*slots));
	if (!slots) {
		rc = -ENOMEM;
		goto out;
	}
	nslots = 0;
	for (size_t k = 0; k < nshown; k++) {
		const struct node *const nd = &L.v[order[k]];
		for (size_t r = 0; r < nd->own_rows; r++)
			slots[nslots++] = (struct slot){nd->row + r, order[k], nd->info.start_ns};
	}
	qsort(slots, nslots, sizeof(*slots), by_slot);
	for (size_t k = 0; k < nslots; k++) {
		const size_t i = slots[k].node;
		if (slots[k].row != L.v[i].row)
			continue; /* a thread sub-row */
		const bool next_in_row = k + 1 < nslots && slots[k + 1].row == slots[k].row;
		const bool prev_in_row = k > 0 && slots[k - 1].row == slots[k].row;
		const double next_x =
		    next_in_row ? x0 + (double)slots[k + 1].start * L.scale : x0 + PLOT_W + RIGHT_W;
		draw_proc(f, &L, i, next_x, next_in_row || prev_in_row);
	}
	free(slots);
	fputs("</g></g>\n", f);

	/* the label column, clipped so that it never reaches the time area */
	qsort_r(order, nshown, sizeof(*order), by_row_label, L.v);
	fputs("<g class=\"labels\" clip-path=\"url(#labels)\">\n", f);
	for (size_t a = 0; a < nshown;) {
		size_t b = a + 1;
		while (b < nshown && L.v[order[b]].row == L.v[order[a]].row)
			b++;
		row_label(f, L.v, order + a, b - a);
		a = b;
	}
	fputs("</g>\n", f);
	legend(f, plot_bottom + 18 + 12);
	fputs("</svg>\n", f);
	rc = ferror(f) ? -EIO : 0;
out:
	if (L.v) {
		for (size_t i = 0; i <= n; i++) {
			free(L.v[i].prof);
			free(L.v[i].label);
			free(L.v[i].kind);
		}
	}
	free(L.v);
	free(order);
	return rc;
}
