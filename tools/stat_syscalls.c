/* Per-syscall aggregates: the strace -c summary, latency percentiles with
 * the N slowest calls, and the errno breakdown with the paths that failed. */
#include "stat.h"

#include "filter.h"
#include "names.h"
#include "syscall_table.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define NARCH 2 /* 0: x86_64, 1: i386 (strace's "32 bit mode") */

struct row {
	unsigned arch;
	uint64_t nr;
	const char *name;
	uint64_t calls, errors, time_ns, min_ns, max_ns;
	struct st_hist *hist; /* with latency */
	struct st_errs errs;
};

struct slow {
	uint64_t dur_ns, ts_ns;
	uint32_t pid, tid;
	uint64_t seq; /* ties: the earlier call ranks first */
	const char *name;
	char *text;
};

struct failpath {
	char *path;
	uint64_t count;
	uint64_t last; /* the number of its last failure, among all */
	struct st_errs errs;
};

struct st_syscalls {
	struct row *rows[NARCH][STREC_FILTER_MAX_NR];
	struct slow *heap; /* min-heap on duration: the root is evicted first */
	size_t nheap;
	unsigned top;
	bool latency; /* histograms and the slowest calls are kept */
	uint64_t seq;
	/* the paths that failed, at most ST_MAX_PATHS: then the half that
	 * failed most (more recently, on ties) stays */
	struct failpath *fails;
	size_t nfails, fails_cap;
	struct st_map fail_map;
	uint64_t failures;
	uint64_t dropped_paths, dropped_failures;
	struct st_columns columns; /* of the text summary */
};

/* strace's: % time, seconds, usecs/call, calls, errors, syscall */
static const struct st_columns default_columns = {
    6, {ST_COL_PERCENT, ST_COL_SECONDS, ST_COL_AVG, ST_COL_CALLS, ST_COL_ERRORS, ST_COL_NAME}};

struct st_syscalls *st_syscalls_new(unsigned top, bool latency)
{
	struct st_syscalls *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->top = top;
	t->latency = latency;
	t->columns = default_columns;
	t->heap = calloc(top ? top : 1, sizeof(*t->heap));
	if (!t->heap) {
		free(t);
		return NULL;
	}
	return t;
}

void st_syscalls_free(struct st_syscalls *t)
{
	if (!t)
		return;
	for (unsigned a = 0; a < NARCH; a++) {
		for (unsigned i = 0; i < STREC_FILTER_MAX_NR; i++) {
			struct row *r = t->rows[a][i];
			if (!r)
				continue;
			if (r->hist)
				st_hist_free(r->hist);
			free(r->hist);
			free(r->errs.v);
			free(r);
		}
	}
	for (size_t i = 0; i < t->nheap; i++)
		free(t->heap[i].text);
	free(t->heap);
	for (size_t i = 0; i < t->nfails; i++) {
		free(t->fails[i].path);
		free(t->fails[i].errs.v);
	}
	free(t->fails);
	st_map_free(&t->fail_map);
	free(t);
}

/* a ranks below b: evicted first */
static bool slow_less(const struct slow *a, const struct slow *b)
{
	if (a->dur_ns != b->dur_ns)
		return a->dur_ns < b->dur_ns;
	return a->seq > b->seq;
}

static void sift_down(struct slow *h, size_t n, size_t i)
{
	for (;;) {
		size_t m = i;
		const size_t l = 2 * i + 1, r = l + 1;
		if (l < n && slow_less(&h[l], &h[m]))
			m = l;
		if (r < n && slow_less(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		const struct slow tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

static void sift_up(struct slow *h, size_t i)
{
	while (i && slow_less(&h[i], &h[(i - 1) / 2])) {
		const struct slow tmp = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static int add_slow(struct st_syscalls *t, const struct st_call *c, st_text_fn text, void *ctx)
{
	const struct slow cand = {
	    .dur_ns = c->dur_ns,
	    .ts_ns = c->ev->ts_ns,
	    .pid = c->ev->pid,
	    .tid = c->ev->tid,
	    .seq = ++t->seq,
	    .name = c->name,
	};
	if (!t->top)
		return 0;
	if (t->nheap == t->top && !slow_less(&t->heap[0], &cand))
		return 0; /* not among the slowest: no text is made */
	struct rp_buf b = {0};
	text(c, &b, ctx);
	while (b.len && b.data[b.len - 1] == '\n')
		b.len--;
	rp_buf_putc(&b, '\0');
	if (b.oom) {
		rp_buf_free(&b);
		return -ENOMEM;
	}
	struct slow s = cand;
	s.text = b.data;
	if (t->nheap == t->top) {
		free(t->heap[0].text);
		t->heap[0] = s;
		sift_down(t->heap, t->nheap, 0);
	} else {
		t->heap[t->nheap] = s;
		sift_up(t->heap, t->nheap++);
	}
	return 0;
}

/* Ranks for keeping: failed more, then failed later. */
static int keep_cmp(const void *pa, const void *pb)
{
	const struct failpath *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return (a->last < b->last) - (a->last > b->last);
}

static void drop_fail(void *rec, void *ctx)
{
	struct failpath *const fp = rec;
	struct st_syscalls *const t = ctx;
	t->dropped_paths++;
	t->dropped_failures += fp->count;
	free(fp->path);
	free(fp->errs.v);
}

static int rebuild_fail_map(struct st_syscalls *t)
{
	st_map_free(&t->fail_map);
	for (size_t i = 0; i < t->nfails; i++) {
		if (st_map_put_str(&t->fail_map, t->fails[i].path, i) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int add_fail_path(struct st_syscalls *t, const char *path, int err)
{
	size_t i = st_map_get_str(&t->fail_map, path);
	if (i == SIZE_MAX) {
		if (t->nfails == ST_MAX_PATHS) {
			st_keep_best(t->fails, &t->nfails, sizeof(*t->fails), ST_MAX_PATHS / 2,
				     keep_cmp, drop_fail, t);
			if (rebuild_fail_map(t) < 0)
				return -ENOMEM;
		}
		if (st_grow((void **)&t->fails, &t->fails_cap, t->nfails, sizeof(*t->fails)) < 0)
			return -ENOMEM;
		char *copy = strdup(path);
		if (!copy || st_map_put_str(&t->fail_map, copy, t->nfails) < 0) {
			free(copy);
			return -ENOMEM;
		}
		i = t->nfails++;
		t->fails[i] = (struct failpath){.path = copy};
	}
	t->fails[i].count++;
	t->fails[i].last = ++t->failures;
	return st_errs_add(&t->fails[i].errs, err);
}

/* The architecture index of a call: 0 x86_64, 1 i386. */
static unsigned arch_of(const struct st_call *c)
{
	return c->sc->arch == SC_AUDIT_ARCH_I386 ? 1 : 0;
}

static void row_init(struct row *r, unsigned arch, const struct st_call *c)
{
	r->arch = arch;
	r->nr = c->sc->nr;
	r->name = c->name;
	r->min_ns = UINT64_MAX;
}

/* The summary's numbers of a call, in every table that counts it. */
static void row_count(struct row *r, const struct st_call *c)
{
	r->calls++;
	r->time_ns += c->dur_ns;
	if (c->dur_ns < r->min_ns)
		r->min_ns = c->dur_ns;
	if (c->dur_ns > r->max_ns)
		r->max_ns = c->dur_ns;
	if (c->err)
		r->errors++;
}

int st_syscalls_add(struct st_syscalls *t, const struct st_call *c, const char *path,
		    st_text_fn text, void *text_ctx)
{
	const unsigned arch = arch_of(c);
	if (c->sc->nr >= STREC_FILTER_MAX_NR)
		return 0; /* strace skips numbers outside its table too */
	struct row *r = t->rows[arch][c->sc->nr];
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return -ENOMEM;
		row_init(r, arch, c);
		t->rows[arch][c->sc->nr] = r;
	}
	row_count(r, c);
	if (t->latency) {
		if (!r->hist && !(r->hist = calloc(1, sizeof(*r->hist))))
			return -ENOMEM;
		if (st_hist_add(r->hist, c->dur_ns) < 0)
			return -ENOMEM;
	}
	if (c->err) {
		if (st_errs_add(&r->errs, c->err) < 0)
			return -ENOMEM;
		if (path && add_fail_path(t, path, c->err) < 0)
			return -ENOMEM;
	}
	return t->latency ? add_slow(t, c, text, text_ctx) : 0;
}

/* ---- sorting ---- */

static enum st_sort g_sort; /* qsort has no context argument */

static uint64_t avg_ns(const struct row *r)
{
	return r->calls ? r->time_ns / r->calls : 0;
}

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
	return a < b ? 1 : a > b ? -1 : 0;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct row *a = *(const struct row *const *)pa, *b = *(const struct row *const *)pb;
	int c = 0;
	switch (g_sort) {
	case ST_SORT_TIME:
		c = cmp_u64_desc(a->time_ns, b->time_ns);
		break;
	case ST_SORT_CALLS:
		c = cmp_u64_desc(a->calls, b->calls);
		break;
	case ST_SORT_ERRORS:
		c = cmp_u64_desc(a->errors, b->errors);
		break;
	case ST_SORT_NAME:
		c = strcmp(a->name, b->name);
		break;
	case ST_SORT_AVG:
		c = cmp_u64_desc(avg_ns(a), avg_ns(b));
		break;
	case ST_SORT_MIN:
		c = cmp_u64_desc(a->min_ns, b->min_ns);
		break;
	case ST_SORT_MAX:
		c = cmp_u64_desc(a->max_ns, b->max_ns);
		break;
	case ST_SORT_NOTHING:
		break;
	}
	/* strace's sort is stable over syscall numbers */
	return c ? c : (a->nr > b->nr) - (a->nr < b->nr);
}

/* The used rows of one arch, sorted. Caller frees. */
static struct row **sorted_rows(struct st_syscalls *t, unsigned arch, enum st_sort sort, size_t *n)
{
	struct row **v = malloc(STREC_FILTER_MAX_NR * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	for (unsigned i = 0; i < STREC_FILTER_MAX_NR; i++) {
		if (t->rows[arch][i])
			v[(*n)++] = t->rows[arch][i];
	}
	g_sort = sort;
	qsort(v, *n, sizeof(*v), row_cmp);
	return v;
}

static const char *arch_label(unsigned arch)
{
	return arch ? "i386" : "x86_64";
}

static double secs(uint64_t ns)
{
	return (double)ns / 1e9;
}

static int ndigits_u64(uint64_t v)
{
	return snprintf(NULL, 0, "%" PRIu64, v);
}

/* ---- summary: strace -c -w ---- */

void st_syscalls_set_columns(struct st_syscalls *t, const struct st_columns *cols)
{
	assert(cols->n > 0 && cols->n <= ST_COL_COUNT);
	t->columns = *cols;
}

/* One cell of the text summary: a row's value, or the totals' when r is
 * NULL; width w; the last column's name is not padded. */
struct summary_totals {
	uint64_t ns, calls, errors, min_ns, max_ns;
};

static void summary_cell(FILE *f, enum st_column c, int w, bool last, const struct row *r,
			 const struct summary_totals *tot)
{
	switch (c) {
	case ST_COL_PERCENT: {
		double pct = r ? 100.0 * secs(r->time_ns) : 100.0;
		if (r && pct != 0.0)
			pct /= secs(tot->ns);
		fprintf(f, "%*.2f", w, pct);
		break;
	}
	case ST_COL_SECONDS:
		fprintf(f, "%*.6f", w, secs(r ? r->time_ns : tot->ns));
		break;
	case ST_COL_MIN:
		fprintf(f, "%*.6f", w, secs(r ? r->min_ns : tot->min_ns));
		break;
	case ST_COL_MAX:
		fprintf(f, "%*.6f", w, secs(r ? r->max_ns : tot->max_ns));
		break;
	case ST_COL_AVG: {
		const uint64_t us = r ? avg_ns(r) / 1000
				    : tot->calls
					? (uint64_t)(secs(tot->ns) / (double)tot->calls * 1e6)
					: 0;
		fprintf(f, "%*" PRIu64, w, us);
		break;
	}
	case ST_COL_CALLS:
		fprintf(f, "%*" PRIu64, w, r ? r->calls : tot->calls);
		break;
	case ST_COL_ERRORS: /* none: blank */
		fprintf(f, "%*.0" PRIu64, w, r ? r->errors : tot->errors);
		break;
	case ST_COL_NAME:
	case ST_COL_COUNT:
		fprintf(f, "%-*s", last ? 0 : w, r ? r->name : "total");
		break;
	}
}

static void summary_text(FILE *f, struct row **v, size_t n, const struct st_columns *cols)
{
	struct summary_totals tot = {.min_ns = n ? UINT64_MAX : 0};
	uint64_t avg_max = 0, min_max = 0;
	size_t name_max = 0;
	for (size_t i = 0; i < n; i++) {
		tot.ns += v[i]->time_ns;
		tot.calls += v[i]->calls;
		tot.errors += v[i]->errors;
		tot.min_ns = v[i]->min_ns < tot.min_ns ? v[i]->min_ns : tot.min_ns;
		tot.max_ns = v[i]->max_ns > tot.max_ns ? v[i]->max_ns : tot.max_ns;
		min_max = v[i]->min_ns > min_max ? v[i]->min_ns : min_max;
		avg_max = avg_ns(v[i]) > avg_max ? avg_ns(v[i]) : avg_max;
		name_max = strlen(v[i]->name) > name_max ? strlen(v[i]->name) : name_max;
	}
	/* strace's widths: its headers' (the historical minimums for seconds,
	 * usecs/call, calls, errors, syscall), grown to fit the values */
	static const char *const heads[ST_COL_COUNT] = {
	    "% time", "seconds", "shortest", "longest", "usecs/call", "calls", "errors", "syscall"};
	static const int min_width[ST_COL_COUNT] = {6, 11, 8, 7, 11, 9, 9, 16};
	const int fit[ST_COL_COUNT] = {
	    6,
	    snprintf(NULL, 0, "%.6f", secs(tot.ns)),
	    snprintf(NULL, 0, "%" PRIu64 ".000000", min_max / 1000000000u),
	    snprintf(NULL, 0, "%" PRIu64 ".000000", tot.max_ns / 1000000000u),
	    ndigits_u64(avg_max / 1000),
	    ndigits_u64(tot.calls),
	    ndigits_u64(tot.errors),
	    (int)name_max + 1,
	};
	int w[ST_COL_COUNT];
	for (unsigned c = 0; c < ST_COL_COUNT; c++)
		w[c] = fit[c] > min_width[c] ? fit[c] : min_width[c];
	for (unsigned i = 0; i < cols->n; i++) {
		const enum st_column c = cols->c[i];
		const bool last = i + 1 == cols->n;
		fprintf(f, c == ST_COL_NAME ? "%s%-*s" : "%s%*s", i ? " " : "",
			c == ST_COL_NAME && last ? 0 : w[c], heads[c]);
	}
	fputs("\n", f);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; pass == 1 && k < n; k++) {
			for (unsigned i = 0; i < cols->n; i++) {
				if (i)
					fputc(' ', f);
				summary_cell(f, cols->c[i], w[cols->c[i]], i + 1 == cols->n, v[k],
					     &tot);
			}
			fputs("\n", f);
		}
		for (unsigned i = 0; i < cols->n; i++) {
			fputs(i ? " " : "", f);
			for (int k = 0; k < w[cols->c[i]]; k++)
				fputc('-', f);
		}
		fputs("\n", f);
	}
	for (unsigned i = 0; i < cols->n; i++) {
		if (i)
			fputc(' ', f);
		summary_cell(f, cols->c[i], w[cols->c[i]], i + 1 == cols->n, NULL, &tot);
	}
	fputs("\n", f);
}

/* The summary view of rows, v[a] (n[a] of them, sorted) of architecture a:
 * of the whole trace, or of one process. */
static void summary_view(struct st_out *o, struct row **const v[NARCH], const size_t n[NARCH],
			 const struct st_columns *columns)
{
	static const char *const cols[] = {"arch",    "syscall", "calls",  "errors", "time_ns",
					   "percent", "avg_ns",	 "min_ns", "max_ns", NULL};
	static const char *const tcols[] = {"arch", "calls", "errors", "time_ns", NULL};
	st_out_view_begin(o, "summary");
	if (o->fmt != ST_TEXT)
		st_out_table_begin(o, "syscalls", cols);
	uint64_t tots[NARCH][3] = {{0}};
	for (unsigned a = 0; a < NARCH; a++) {
		if (a && !n[a])
			continue;
		if (o->fmt == ST_TEXT) {
			if (a)
				fprintf(o->f, "System call usage summary for 32 bit mode:\n");
			summary_text(o->f, v[a], n[a], columns);
			continue;
		}
		uint64_t tot_ns = 0;
		for (size_t i = 0; i < n[a]; i++)
			tot_ns += v[a][i]->time_ns;
		for (size_t i = 0; i < n[a]; i++) {
			const struct row *r = v[a][i];
			st_out_row_begin(o);
			st_out_str(o, arch_label(a));
			st_out_str(o, r->name);
			st_out_u64(o, r->calls);
			st_out_u64(o, r->errors);
			st_out_u64(o, r->time_ns);
			st_out_f64(o, tot_ns ? 100.0 * (double)r->time_ns / (double)tot_ns : 0.0,
				   2);
			st_out_u64(o, avg_ns(r));
			st_out_u64(o, r->min_ns);
			st_out_u64(o, r->max_ns);
			st_out_row_end(o);
			tots[a][0] += r->calls;
			tots[a][1] += r->errors;
			tots[a][2] += r->time_ns;
		}
	}
	if (o->fmt != ST_TEXT) {
		st_out_table_end(o);
		st_out_table_begin(o, "total", tcols);
		for (unsigned a = 0; a < NARCH; a++) {
			if (a && !n[a])
				continue;
			st_out_row_begin(o);
			st_out_str(o, arch_label(a));
			st_out_u64(o, tots[a][0]);
			st_out_u64(o, tots[a][1]);
			st_out_u64(o, tots[a][2]);
			st_out_row_end(o);
		}
		st_out_table_end(o);
	}
	st_out_view_end(o);
}

void st_view_summary(struct st_syscalls *t, struct st_out *o, enum st_sort sort)
{
	struct row **v[NARCH];
	size_t n[NARCH];
	for (unsigned a = 0; a < NARCH; a++)
		if (!(v[a] = sorted_rows(t, a, sort, &n[a])))
			n[a] = 0;
	summary_view(o, v, n, &t->columns);
	for (unsigned a = 0; a < NARCH; a++)
		free(v[a]);
}

/* ---- the summary per process (strstat --html) ---- */

/* A row per process and syscall it made, found by (process, arch, nr). */
struct st_proc_syscalls {
	struct row *v;
	size_t *proc; /* of each row */
	size_t n, cap, proc_cap;
	struct st_map map;
	size_t *order; /* once viewed: the rows by process, then as added */
};

struct st_proc_syscalls *st_proc_syscalls_new(void)
{
	return calloc(1, sizeof(struct st_proc_syscalls));
}

void st_proc_syscalls_free(struct st_proc_syscalls *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].errs.v);
	free(t->v);
	free(t->proc);
	free(t->order);
	st_map_free(&t->map);
	free(t);
}

static uint64_t proc_key(size_t proc, unsigned arch, uint64_t nr)
{
	return (uint64_t)proc << 11 | arch << 10 | nr;
}

int st_proc_syscalls_add(struct st_proc_syscalls *t, size_t proc, const struct st_call *c)
{
	assert(!t->order); /* not viewed yet */
	_Static_assert(STREC_FILTER_MAX_NR <= 1 << 10, "nr fits proc_key's 10 bits");
	const unsigned arch = arch_of(c);
	if (c->sc->nr >= STREC_FILTER_MAX_NR)
		return 0; /* as st_syscalls_add */
	const uint64_t key = proc_key(proc, arch, c->sc->nr);
	size_t i = st_map_get_u64(&t->map, key);
	if (i == SIZE_MAX) {
		if (st_grow((void **)&t->v, &t->cap, t->n, sizeof(*t->v)) < 0 ||
		    st_grow((void **)&t->proc, &t->proc_cap, t->n, sizeof(*t->proc)) < 0 ||
		    st_map_put_u64(&t->map, key, t->n) < 0)
			return -ENOMEM;
		i = t->n++;
		t->v[i] = (struct row){0};
		row_init(&t->v[i], arch, c);
		t->proc[i] = proc;
	}
	row_count(&t->v[i], c);
	return 0;
}

static const struct st_proc_syscalls *g_by_proc; /* qsort has no context argument */

static int by_proc(const void *pa, const void *pb)
{
	const size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const size_t *const proc = g_by_proc->proc;
	if (proc[a] != proc[b])
		return proc[a] < proc[b] ? -1 : 1;
	return (a > b) - (a < b);
}

/* The rows of process proc: order[*first] and the n after. */
static size_t proc_rows(struct st_proc_syscalls *t, size_t proc, size_t *first)
{
	*first = 0;
	if (!t->order) {
		if (!t->n || !(t->order = malloc(t->n * sizeof(*t->order))))
			return 0;
		for (size_t i = 0; i < t->n; i++)
			t->order[i] = i;
		g_by_proc = t;
		qsort(t->order, t->n, sizeof(*t->order), by_proc);
	}
	size_t lo = 0, hi = t->n; /* the first row of proc or after */
	while (lo < hi) {
		const size_t mid = lo + (hi - lo) / 2;
		if (t->proc[t->order[mid]] < proc)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < t->n && t->proc[t->order[end]] == proc)
		end++;
	*first = lo;
	return end - lo;
}

size_t st_proc_syscalls_count(struct st_proc_syscalls *t, size_t proc)
{
	size_t first;
	return proc_rows(t, proc, &first);
}

void st_view_proc_summary(struct st_proc_syscalls *t, size_t proc, struct st_out *o,
			  enum st_sort sort)
{
	size_t first;
	size_t count = proc_rows(t, proc, &first);
	struct row *none[1];
	struct row **all = malloc((count ? count : 1) * sizeof(*all));
	if (!all) {
		all = none;
		count = 0; /* shown as no calls */
	}
	struct row **v[NARCH];
	size_t n[NARCH] = {0};
	for (unsigned a = 0; a < NARCH; a++) {
		v[a] = all + n[0] * a; /* arch 0's rows first, then arch 1's */
		for (size_t k = 0; k < count; k++)
			if (t->v[t->order[first + k]].arch == a)
				v[a][n[a]++] = &t->v[t->order[first + k]];
		g_sort = sort;
		qsort(v[a], n[a], sizeof(*v[a]), row_cmp);
	}
	summary_view(o, v, n, &default_columns);
	if (all != none)
		free(all);
}

/* ---- latency ---- */

static int slow_cmp(const void *pa, const void *pb)
{
	const struct slow *a = pa, *b = pb;
	return slow_less(a, b) ? 1 : slow_less(b, a) ? -1 : 0;
}

static double us(uint64_t ns)
{
	return (double)ns / 1000.0;
}

/* Latency percentiles are kept with --latency alone. */
static uint64_t percentile(const struct row *r, double p)
{
	return r->hist ? st_hist_percentile(r->hist, p, r->min_ns, r->max_ns) : 0;
}

void st_view_latency(struct st_syscalls *t, struct st_out *o, enum st_sort sort)
{
	static const char *const cols[] = {"arch",   "syscall", "calls",  "min_ns",   "p50_ns",
					   "p90_ns", "p99_ns",	"max_ns", "total_ns", NULL};
	static const char *const scols[] = {"duration_ns", "pid",  "tid", "ts_ns",
					    "syscall",	   "call", NULL};
	st_out_view_begin(o, "latency");
	if (o->fmt == ST_TEXT)
		fprintf(o->f, "%-16s %9s %12s %12s %12s %12s %12s %14s\n", "syscall", "calls",
			"min(us)", "p50(us)", "p90(us)", "p99(us)", "max(us)", "total(us)");
	else
		st_out_table_begin(o, "syscalls", cols);
	for (unsigned a = 0; a < NARCH; a++) {
		size_t n;
		struct row **v = sorted_rows(t, a, sort, &n);
		if (!v)
			continue;
		for (size_t i = 0; i < n; i++) {
			const struct row *r = v[i];
			const uint64_t p50 = percentile(r, 50);
			const uint64_t p90 = percentile(r, 90);
			const uint64_t p99 = percentile(r, 99);
			if (o->fmt == ST_TEXT) {
				char name[64];
				snprintf(name, sizeof(name), "%s%s", r->name, a ? " (32 bit)" : "");
				fprintf(o->f,
					"%-16s %9" PRIu64
					" %12.3f %12.3f %12.3f %12.3f %12.3f %14.3f\n",
					name, r->calls, us(r->min_ns), us(p50), us(p90), us(p99),
					us(r->max_ns), us(r->time_ns));
				continue;
			}
			st_out_row_begin(o);
			st_out_str(o, arch_label(a));
			st_out_str(o, r->name);
			st_out_u64(o, r->calls);
			st_out_u64(o, r->min_ns);
			st_out_u64(o, p50);
			st_out_u64(o, p90);
			st_out_u64(o, p99);
			st_out_u64(o, r->max_ns);
			st_out_u64(o, r->time_ns);
			st_out_row_end(o);
		}
		free(v);
	}
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);

	qsort(t->heap, t->nheap, sizeof(*t->heap), slow_cmp); /* the heap is done with */
	if (o->fmt == ST_TEXT) {
		fprintf(o->f, "\nSlowest %zu call%s:\n%14s %8s  %s\n", t->nheap,
			t->nheap == 1 ? "" : "s", "usecs", "pid", "call");
	} else {
		st_out_table_begin(o, "slowest", scols);
	}
	for (size_t i = 0; i < t->nheap; i++) {
		const struct slow *s = &t->heap[i];
		if (o->fmt == ST_TEXT) {
			fprintf(o->f, "%14.3f %8u  %s\n", us(s->dur_ns), s->pid, s->text);
			continue;
		}
		st_out_row_begin(o);
		st_out_u64(o, s->dur_ns);
		st_out_u64(o, s->pid);
		st_out_u64(o, s->tid);
		st_out_u64(o, s->ts_ns);
		st_out_str(o, s->name);
		st_out_str(o, s->text);
		st_out_row_end(o);
	}
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);
	/* a heap again, in case more calls come */
	for (size_t i = t->nheap / 2 + 1; i-- > 0;)
		sift_down(t->heap, t->nheap, i);
	st_out_view_end(o);
}

/* ---- errors ---- */

static int fail_cmp(const void *pa, const void *pb)
{
	const struct failpath *a = pa, *b = pb;
	const int c = cmp_u64_desc(a->count, b->count);
	return c ? c : strcmp(a->path, b->path);
}

void st_view_errors(struct st_syscalls *t, struct st_out *o, enum st_sort sort)
{
	static const char *const cols[] = {"arch", "syscall", "errno", "errno_nr", "count", NULL};
	static const char *const pcols[] = {"path", "failures", "errnos", NULL};
	st_out_view_begin(o, "errors");
	if (o->fmt == ST_TEXT)
		fprintf(o->f, "%-16s %9s %9s  %s\n", "syscall", "calls", "errors",
			"errno breakdown");
	else
		st_out_table_begin(o, "syscalls", cols);
	/* by error count unless asked otherwise: this view is about failures */
	const enum st_sort s = sort == ST_SORT_TIME ? ST_SORT_ERRORS : sort;
	for (unsigned a = 0; a < NARCH; a++) {
		size_t n;
		struct row **v = sorted_rows(t, a, s, &n);
		if (!v)
			continue;
		for (size_t i = 0; i < n; i++) {
			struct row *r = v[i];
			if (!r->errors)
				continue;
			st_errs_sort(&r->errs);
			if (o->fmt == ST_TEXT) {
				struct rp_buf b = {0};
				st_errs_format(&r->errs, &b, " ", "  ");
				rp_buf_putc(&b, '\0');
				fprintf(o->f, "%-16s %9" PRIu64 " %9" PRIu64 "  %s\n", r->name,
					r->calls, r->errors, b.oom ? "?" : b.data);
				rp_buf_free(&b);
				continue;
			}
			for (size_t k = 0; k < r->errs.n; k++) {
				char tmp[32];
				st_out_row_begin(o);
				st_out_str(o, arch_label(a));
				st_out_str(o, r->name);
				st_out_str(o, st_errno_label(r->errs.v[k].err, tmp, sizeof(tmp)));
				st_out_i64(o, r->errs.v[k].err);
				st_out_u64(o, r->errs.v[k].count);
				st_out_row_end(o);
			}
		}
		free(v);
	}
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);

	if (t->nfails > 1)
		qsort(t->fails, t->nfails, sizeof(*t->fails), fail_cmp);
	/* indices moved: rebuild the map for any later lookups */
	rebuild_fail_map(t);
	const size_t shown = t->nfails < t->top ? t->nfails : t->top;
	if (o->fmt == ST_TEXT && t->dropped_paths)
		fprintf(o->f,
			"\nPaths that failed most (%zu of %zu kept; %" PRIu64
			" paths that failed least were dropped, with %" PRIu64
			" failures: at most %u are kept):\n%9s  %-24s %s\n",
			shown, t->nfails, t->dropped_paths, t->dropped_failures, ST_MAX_PATHS,
			"failures", "errnos", "path");
	else if (o->fmt == ST_TEXT)
		fprintf(o->f, "\nPaths that failed most (%zu of %zu):\n%9s  %-24s %s\n", shown,
			t->nfails, "failures", "errnos", "path");
	else
		st_out_table_begin(o, "failed_paths", pcols);
	for (size_t i = 0; i < shown; i++) {
		struct failpath *fp = &t->fails[i];
		st_errs_sort(&fp->errs);
		struct rp_buf b = {0};
		st_errs_format(&fp->errs, &b, o->fmt == ST_TEXT ? " " : ":",
			       o->fmt == ST_TEXT ? " " : " ");
		rp_buf_putc(&b, '\0');
		if (o->fmt == ST_TEXT) {
			fprintf(o->f, "%9" PRIu64 "  %-24s %s\n", fp->count, b.oom ? "?" : b.data,
				fp->path);
		} else {
			st_out_row_begin(o);
			st_out_str(o, fp->path);
			st_out_u64(o, fp->count);
			st_out_str(o, b.oom ? NULL : b.data);
			st_out_row_end(o);
		}
		rp_buf_free(&b);
	}
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);
	/* what the bounded table dropped: in JSON always, in CSV when any */
	static const char *const dcols[] = {"paths", "failures", "max_paths", NULL};
	if (o->fmt == ST_JSON || (o->fmt == ST_CSV && t->dropped_paths)) {
		st_out_table_begin(o, "failed_paths_dropped", dcols);
		st_out_row_begin(o);
		st_out_u64(o, t->dropped_paths);
		st_out_u64(o, t->dropped_failures);
		st_out_u64(o, ST_MAX_PATHS);
		st_out_row_end(o);
		st_out_table_end(o);
	}
	st_out_view_end(o);
}
