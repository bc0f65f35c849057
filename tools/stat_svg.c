/* strstat --svg: the process tree on a time line (stat_svg.h).
 *
 * Time is kept in NBINS bins shared by all processes; when the trace grows
 * past the last bin, the bin width doubles and neighbouring bins merge, so
 * memory stays fixed per process whatever the trace length. */
#include "stat_svg.h"

#include "names.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define NBINS		 512
#define MAX_FAILS	 4096 /* failure ticks kept per process */
/* Rows drawn: past them a picture is too tall to read, and each costs up
 * to 2 KiB of bins; later processes are counted, not drawn. */
#define MAX_PROCS	 16384
#define LABEL_CHARS	 56

/* Layout, in pixels. */
#define LABEL_W	 380
#define PLOT_W	 900
#define ROW_H	 18
#define BAR_H	 12
#define TOP	 40
#define MARGIN	 10
#define LEGEND_H 40
#define CHAR_W	 6.6 /* 11px monospace */

/* What the picture keeps of a process beyond the process table's numbers
 * (stat_procs.c, which --processes shows too): by the process's index. */
struct svg_row {
	uint32_t *bins; /* microseconds in syscalls per bin, allocated at first call */
	uint64_t *fails;
	size_t nfails, fails_cap;
	uint64_t failed;
	/* tree order */
	size_t first_child, next_sibling, depth;
};

struct st_svg {
	const struct st_procs *procs;
	struct svg_row *rows; /* by process index, up to MAX_PROCS */
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

/* The row of process index i (there are rows for the first MAX_PROCS). */
static struct svg_row *row(struct st_svg *g, size_t i)
{
	assert(i < MAX_PROCS);
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
	if (i == SIZE_MAX || i >= MAX_PROCS)
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

/* A 1-2-5 step giving about 10 ticks over span seconds. */
static double tick_step(double span)
{
	double step = 1e-6;
	static const double mult[] = {2, 2.5, 2};
	for (unsigned i = 0; span / step > 10; i++)
		step *= mult[i % 3];
	return step;
}

static const char *exit_text(const struct st_proc_info *p, char *tmp, size_t size)
{
	if (p->detached)
		return "detached";
	if (!p->ended)
		return "still running at the end of the trace";
	if (!p->has_status)
		return "ended";
	const int st = p->wait_status;
	if ((st & 0x7f) == 0)
		snprintf(tmp, size, "exit %d", (st >> 8) & 0xff);
	else
		snprintf(tmp, size, "killed by %s",
			 strec_signal_name(st & 0x7f) ? strec_signal_name(st & 0x7f) : "a signal");
	return tmp;
}

static bool failed_exit(const struct st_proc_info *p)
{
	return p->ended && p->has_status && p->wait_status != 0;
}

int st_svg_write(struct st_svg *g, FILE *f, st_pid_fn shown, void *ctx)
{
	assert(g && f);
	/* the processes drawn: the first MAX_PROCS of the table */
	const size_t nprocs = st_procs_count(g->procs);
	const size_t n = nprocs < MAX_PROCS ? nprocs : MAX_PROCS;
	if (n && !row(g, n - 1))
		return -ENOMEM;
	struct st_proc_info *const info = malloc((n + 1) * sizeof(*info));
	bool *const valid = calloc(n + 1, sizeof(*valid));
	if (!info || !valid) {
		free(info);
		free(valid);
		return -ENOMEM;
	}
	uint64_t not_drawn = 0;
	for (size_t i = 0; i < nprocs; i++) {
		struct st_proc_info other;
		if (i < n)
			valid[i] = st_procs_info(g->procs, i, &info[i]);
		else
			not_drawn += st_procs_info(g->procs, i, &other);
	}
	/* tree order: children in start order under their parent */
	for (size_t i = 0; i < n; i++)
		g->rows[i].first_child = g->rows[i].next_sibling = SIZE_MAX;
	for (size_t i = n; i-- > 0;) {
		if (valid[i] && info[i].parent != SIZE_MAX) {
			g->rows[i].next_sibling = g->rows[info[i].parent].first_child;
			g->rows[info[i].parent].first_child = i;
		}
	}
	size_t *order = malloc((n + 1) * sizeof(*order));
	size_t *stack = malloc((n + 1) * sizeof(*stack));
	if (!order || !stack) {
		free(order);
		free(stack);
		free(info);
		free(valid);
		return -ENOMEM;
	}
	size_t rows = 0;
	for (size_t r = 0; r < n; r++) {
		if (!valid[r] || info[r].parent != SIZE_MAX)
			continue;
		size_t sp = 0;
		g->rows[r].depth = 0;
		stack[sp++] = r;
		while (sp) {
			const size_t i = stack[--sp];
			if (!shown || shown(info[i].pid, ctx))
				order[rows++] = i;
			/* push children so that the first comes out first */
			size_t nkids = 0;
			for (size_t c = g->rows[i].first_child; c != SIZE_MAX;
			     c = g->rows[c].next_sibling) {
				g->rows[c].depth = g->rows[i].depth + 1;
				stack[sp + nkids++] = c;
			}
			for (size_t a = 0, b = nkids; b > a + 1; a++, b--) {
				const size_t t = stack[sp + a];
				stack[sp + a] = stack[sp + b - 1];
				stack[sp + b - 1] = t;
			}
			sp += nkids;
		}
	}
	free(stack);
	size_t *row_of = malloc((n + 1) * sizeof(*row_of));
	if (!row_of) {
		free(order);
		free(info);
		free(valid);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		row_of[i] = SIZE_MAX;
	for (size_t r = 0; r < rows; r++)
		row_of[order[r]] = r;

	const uint64_t span_ns = g->end_ns ? g->end_ns : 1;
	const double scale = (double)PLOT_W / (double)span_ns; /* px per ns */
	const int width = MARGIN + LABEL_W + PLOT_W + 2 * MARGIN;
	const int height = TOP + (int)rows * ROW_H + LEGEND_H;
	const int x0 = MARGIN + LABEL_W;
	fprintf(
	    f,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans Mono,monospace\" font-size=\"11\">\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
	    width, height, width, height);
	fprintf(f, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">", MARGIN);
	xml_text(f, g->root_label);
	fprintf(f, ": %zu processes, %.3f s", rows, (double)span_ns / 1e9);
	if (not_drawn)
		fprintf(f, " (%llu more started: at most %u are drawn)",
			(unsigned long long)not_drawn, MAX_PROCS);
	fputs("</text>\n", f);

	/* time axis and grid */
	const double span_s = (double)span_ns / 1e9;
	const double step = tick_step(span_s);
	fputs("<g class=\"axis\" stroke=\"#ddd\">\n", f);
	for (double t = 0; t <= span_s * 1.0001; t += step) {
		const double x = x0 + t * 1e9 * scale;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x, TOP - 4, x,
			TOP + (int)rows * ROW_H);
	}
	fputs("</g>\n<g class=\"ticks\" fill=\"#555\" text-anchor=\"middle\">\n", f);
	for (double t = 0; t <= span_s * 1.0001; t += step) {
		const double x = x0 + t * 1e9 * scale;
		if (step >= 1)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\">%.0f s</text>\n", x, TOP - 8, t);
		else if (step >= 1e-3)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\">%.0f ms</text>\n", x, TOP - 8,
				t * 1e3);
		else
			fprintf(f, "<text x=\"%.1f\" y=\"%d\">%.0f us</text>\n", x, TOP - 8,
				t * 1e6);
	}
	fputs("</g>\n", f);

	/* parent-child connectors, under the bars */
	fputs("<g class=\"tree\" stroke=\"#999\" stroke-width=\"1\">\n", f);
	for (size_t r = 0; r < rows; r++) {
		const struct st_proc_info *p = &info[order[r]];
		if (p->parent == SIZE_MAX || row_of[p->parent] == SIZE_MAX)
			continue;
		const double x = x0 + (double)p->start_ns * scale;
		const int y1 = TOP + (int)row_of[p->parent] * ROW_H + ROW_H / 2;
		const int y2 = TOP + (int)r * ROW_H + ROW_H / 2;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x, y1, x, y2);
	}
	fputs("</g>\n", f);

	for (size_t r = 0; r < rows; r++) {
		const struct st_proc_info *p = &info[order[r]];
		const struct svg_row *const pr = &g->rows[order[r]];
		const int y = TOP + (int)r * ROW_H;
		const uint64_t end = p->end_ns;
		char label_buf[LABEL_CHARS + 8];
		const char *label = label_buf;
		if (p->command)
			snprintf(label_buf, sizeof(label_buf), "%s", command_label(p->command));
		else if (p->inherited)
			snprintf(label_buf, sizeof(label_buf), "(%s)", command_label(p->inherited));
		else
			label = g->root_label;
		if (strlen(label) > LABEL_CHARS)
			memcpy(label_buf + LABEL_CHARS - 3, "...", 4);
		const double xa = x0 + (double)p->start_ns * scale;
		double w = (double)(end > p->start_ns ? end - p->start_ns : 0) * scale;
		if (w < 1)
			w = 1;
		char tmp[64];
		fprintf(f, "<g class=\"proc\" data-pid=\"%" PRIu32 "\">\n", p->pid);
		if (r % 2)
			fprintf(f,
				"<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
				"fill=\"#f6f6f6\"/>\n",
				y, width, ROW_H);
		fprintf(f, "<title>pid %" PRIu32 " (parent %" PRIu32 "): ", p->pid, p->ppid);
		xml_text(f, p->command ? p->command : label);
		fprintf(f,
			"&#10;%.3f s to %.3f s, %" PRIu64 " calls, %.3f s in syscalls, %" PRIu64
			" failed, %s</title>\n",
			(double)p->start_ns / 1e9, (double)end / 1e9, p->calls,
			(double)p->time_ns / 1e9, pr->failed, exit_text(p, tmp, sizeof(tmp)));
		/* label: pid, then the command indented by depth */
		const size_t indent = pr->depth < 12 ? pr->depth : 12;
		fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#888\">%" PRIu32 "</text>", MARGIN,
			y + ROW_H - 5, p->pid);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\"%s>",
			MARGIN + 7 * CHAR_W + (double)indent * CHAR_W, y + ROW_H - 5,
			failed_exit(p) ? " fill=\"#c00\"" : "");
		xml_text(f, label);
		fputs("</text>\n", f);
		/* the bar: running, then the share in syscalls per bin */
		const int by = y + (ROW_H - BAR_H) / 2;
		fprintf(
		    f,
		    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#9ecae1\"/>\n",
		    xa, by, w, BAR_H);
		if (pr->bins) {
			/* neighbouring bins of the same shade become one rect */
			size_t k = p->start_ns / g->bin_ns;
			const size_t last = end / g->bin_ns < NBINS ? end / g->bin_ns : NBINS - 1;
			while (k <= last) {
				const uint64_t lo =
				    k * g->bin_ns > p->start_ns ? k * g->bin_ns : p->start_ns;
				const uint64_t hi =
				    (k + 1) * g->bin_ns < end ? (k + 1) * g->bin_ns : end;
				const double share =
				    hi > lo ? (double)pr->bins[k] * 1000.0 / (double)(hi - lo) : 0;
				const int level = share >= 1 ? 10 : (int)(share * 10 + 0.5);
				size_t m = k + 1;
				while (m <= last && level) {
					const uint64_t l2 = m * g->bin_ns;
					const uint64_t h2 =
					    (m + 1) * g->bin_ns < end ? (m + 1) * g->bin_ns : end;
					const double s2 = h2 > l2 ? (double)pr->bins[m] * 1000.0 /
									(double)(h2 - l2)
								  : 0;
					if ((s2 >= 1 ? 10 : (int)(s2 * 10 + 0.5)) != level)
						break;
					m++;
				}
				if (level) {
					const uint64_t mhi =
					    m * g->bin_ns < end ? m * g->bin_ns : end;
					double bw = (double)(mhi - lo) * scale;
					if (bw < 0.5)
						bw = 0.5;
					fprintf(f,
						"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
						"height=\"%d\" "
						"fill=\"#e6550d\" fill-opacity=\"%.1f\"/>\n",
						x0 + (double)lo * scale, by, bw, BAR_H,
						level / 10.0);
				}
				k = m;
			}
		}
		/* failed calls: red ticks over the bar, one per pixel */
		long last_px = -1;
		for (size_t i = 0; i < pr->nfails; i++) {
			const long px = (long)(x0 + (double)pr->fails[i] * scale);
			if (px == last_px)
				continue;
			last_px = px;
			fprintf(f,
				"<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#c00\" "
				"stroke-width=\"1\"/>\n",
				px, by - 2, px, by + 4);
		}
		if (failed_exit(p)) {
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" fill=\"#c00\">%s</text>\n",
				xa + w + 3, y + ROW_H - 5, exit_text(p, tmp, sizeof(tmp)));
		}
		fputs("</g>\n", f);
	}

	/* legend */
	const int ly = TOP + (int)rows * ROW_H + 16;
	fprintf(f,
		"<g class=\"legend\">\n"
		"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#9ecae1\"/>"
		"<text x=\"%d\" y=\"%d\">running (not in a traced call)</text>\n"
		"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#e6550d\"/>"
		"<text x=\"%d\" y=\"%d\">in syscalls (darker: larger share)</text>\n"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c00\"/>"
		"<text x=\"%d\" y=\"%d\">failed call</text>\n"
		"<text x=\"%d\" y=\"%d\" fill=\"#c00\">red label: non-zero exit or killed</text>\n"
		"</g>\n</svg>\n",
		MARGIN, ly, MARGIN + 20, ly + 9, MARGIN + 250, ly, MARGIN + 270, ly + 9,
		MARGIN + 530, ly - 2, MARGIN + 530, ly + 10, MARGIN + 540, ly + 9, MARGIN + 650,
		ly + 9);
	free(order);
	free(row_of);
	free(info);
	free(valid);
	return ferror(f) ? -EIO : 0;
}
