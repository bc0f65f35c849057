/* strstat --html: the page (stat_html.h). */
#include "stat_html.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

extern const char st_html_page[]; /* tools/stat_html.html, embedded by the build */

#define MARK_SVG   "@SVG@"
#define MARK_CALLS "@CALLS@"

struct st_html {
	const struct st_procs *procs;
	struct st_proc_syscalls *calls;
};

struct st_html *st_html_new(const struct st_procs *procs)
{
	struct st_html *h = calloc(1, sizeof(*h));
	if (!h || !(h->calls = st_proc_syscalls_new())) {
		free(h);
		return NULL;
	}
	h->procs = procs;
	return h;
}

void st_html_free(struct st_html *h)
{
	if (!h)
		return;
	st_proc_syscalls_free(h->calls);
	free(h);
}

int st_html_call(struct st_html *h, const struct st_call *c)
{
	const size_t i = st_procs_index(h->procs, c->ev->pid);
	if (i == SIZE_MAX || i >= ST_SVG_MAX_PROCS)
		return 0; /* a process not drawn */
	return st_proc_syscalls_add(h->calls, i, c);
}

/* s as a JSON string inside a script element: '<' as \u003c, so that no
 * "</script" ends it early. */
static void script_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		const unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", f);
		else if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == '<')
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* {"INDEX": "the CSV of strstat --csv --pid PID", ...}: each process drawn
 * that made a selected call. CSV: a third of the JSON's size, which counts
 * with thousands of processes. */
static int write_calls(struct st_html *h, FILE *f, enum st_sort sort)
{
	const size_t nprocs = st_procs_count(h->procs);
	const size_t n = nprocs < ST_SVG_MAX_PROCS ? nprocs : ST_SVG_MAX_PROCS;
	bool first = true;
	fputc('{', f);
	for (size_t i = 0; i < n; i++) {
		if (!st_proc_syscalls_count(h->calls, i))
			continue;
		char *doc = NULL;
		size_t len = 0;
		FILE *const m = open_memstream(&doc, &len);
		if (!m)
			return -ENOMEM;
		struct st_out o = {.fmt = ST_CSV, .f = m};
		st_out_begin(&o);
		st_view_proc_summary(h->calls, i, &o, sort);
		st_out_end(&o);
		const bool bad = ferror(m);
		if (fclose(m) != 0 || bad) {
			free(doc);
			return -ENOMEM;
		}
		fprintf(f, "%s\"%zu\":", first ? "\n" : ",\n", i);
		script_string(f, doc, len);
		free(doc);
		first = false;
	}
	fputs("}", f);
	return 0;
}

int st_html_write(struct st_html *h, struct st_svg *g, FILE *f, enum st_sort sort, st_pid_fn shown,
		  void *ctx)
{
	const char *const svg_at = strstr(st_html_page, MARK_SVG);
	const char *const calls_at = svg_at ? strstr(svg_at, MARK_CALLS) : NULL;
	assert(svg_at && calls_at); /* the page has both marks, in this order */
	if (!svg_at || !calls_at)
		return -EINVAL;
	fwrite(st_html_page, 1, (size_t)(svg_at - st_html_page), f);
	int rc = st_svg_write(g, f, ST_SVG_IN_HTML, shown, ctx);
	if (rc < 0)
		return rc;
	const char *const mid = svg_at + strlen(MARK_SVG);
	fwrite(mid, 1, (size_t)(calls_at - mid), f);
	if ((rc = write_calls(h, f, sort)) < 0)
		return rc;
	fputs(calls_at + strlen(MARK_CALLS), f);
	return ferror(f) ? -EIO : 0;
}
