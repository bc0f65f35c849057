/* strstat output: JSON documents and CSV tables built from flat rows. The
 * text layouts are each view's own; they only use the view separators. */
#include "stat.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

void st_out_begin(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fprintf(o->f, "{\"schema_version\":%d%s", ST_JSON_SCHEMA_VERSION,
			o->json_extra ? o->json_extra : "");
}

void st_out_end(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs("}\n", o->f);
}

/* Each view's tables under their CSV names, and the views' headings. */
static const struct {
	const char *view, *table, *name;
} table_names[] = {
    {"summary", "syscalls", "syscalls"},
    {"summary", "total", "syscalls_total"},
    {"latency", "syscalls", "latency"},
    {"latency", "slowest", "latency_slowest"},
    {"errors", "syscalls", "errors"},
    {"errors", "failed_paths", "errors_paths"},
    {"errors", "failed_paths_dropped", "errors_paths_dropped"},
    {"processes", "processes", "processes"},
    {"files", "files", "files"},
    {"files", "dropped", "files_dropped"},
};
static const struct {
	const char *view, *heading;
} headings[] = {
    {"summary", "summary: time, calls and errors per syscall (strace -c)"},
    {"latency", "latency: percentiles per syscall, the slowest calls"},
    {"errors", "errors: per syscall and errno, the paths that failed most"},
    {"processes", "processes: the process tree"},
    {"files", "files: the files touched"},
};

const char *st_out_table_name(const char *view, const char *table)
{
	for (size_t i = 0; i < sizeof(table_names) / sizeof(table_names[0]); i++)
		if (!strcmp(view, table_names[i].view) && !strcmp(table, table_names[i].table))
			return table_names[i].name;
	assert(!"a table without a CSV name");
	return table;
}

void st_out_view_begin(struct st_out *o, const char *name)
{
	if (o->fmt == ST_JSON) {
		fprintf(o->f, ",\"%s\":{", name);
	} else if (o->nviews && !o->table_file) {
		fputs("\n", o->f); /* text and CSV: views apart */
	}
	if (o->fmt == ST_TEXT && o->headings) {
		const char *h = name;
		for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
			if (!strcmp(name, headings[i].view))
				h = headings[i].heading;
		fprintf(o->f, "=== %s ===\n", h);
	}
	o->view = name;
	o->nviews++;
	o->ntables = 0;
}

void st_out_view_end(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs("}", o->f);
}

void st_csv_field(struct rp_buf *b, const char *s)
{
	if (!s)
		return;
	if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ') {
		rp_buf_puts(b, s);
		return;
	}
	rp_buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			rp_buf_putc(b, '"');
		rp_buf_putc(b, *p);
	}
	rp_buf_putc(b, '"');
}

static const char *csv_name(const struct st_out *o, const char *table)
{
	assert(o->view);
	return st_out_table_name(o->view, table);
}

void st_out_table_begin(struct st_out *o, const char *name, const char *const *cols)
{
	assert(cols && cols[0]);
	o->cols = cols;
	o->nrows = 0;
	o->table_f = o->f;
	if (o->fmt == ST_JSON) {
		fprintf(o->f, "%s\"%s\":[", o->ntables ? "," : "", name);
	} else if (o->fmt == ST_CSV) {
		struct rp_buf b = {0};
		if (o->table_file) {
			o->table_f = o->table_file(csv_name(o, name), o->table_ctx);
			if (!o->table_f)
				o->failed_tables++;
		} else {
			if (o->ntables)
				fputs("\n", o->f);
			rp_buf_puts(&b, "table,");
		}
		for (size_t i = 0; cols[i]; i++) {
			if (i)
				rp_buf_putc(&b, ',');
			st_csv_field(&b, cols[i]);
		}
		rp_buf_putc(&b, '\n');
		if (o->table_f)
			fwrite(b.data, 1, b.len, o->table_f);
		rp_buf_free(&b);
		o->table = name;
	}
	o->ntables++;
}

void st_out_table_end(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs("]", o->f);
	o->cols = NULL;
	o->table_f = o->f;
}

void st_out_row_begin(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs(o->nrows ? ",\n{" : "\n{", o->f);
	else if (o->fmt == ST_CSV && !o->table_file)
		fprintf(o->f, "%s,", csv_name(o, o->table));
	o->ncell = 0;
	o->nrows++;
}

void st_out_row_end(struct st_out *o)
{
	assert(!o->cols || !o->cols[o->ncell]); /* every column given */
	if (o->fmt == ST_JSON && o->json_extra)
		fputs(o->json_extra, o->f);
	if (o->table_f)
		fputs(o->fmt == ST_JSON ? "}" : "\n", o->table_f);
}

/* Starts a cell: the key in JSON, the separator in CSV. */
static void cell(struct st_out *o)
{
	assert(o->cols && o->cols[o->ncell]);
	if (o->fmt == ST_JSON)
		fprintf(o->f, "%s\"%s\":", o->ncell ? "," : "", o->cols[o->ncell]);
	else if (o->ncell && o->table_f)
		fputc(',', o->table_f);
	o->ncell++;
}

void st_out_raw(struct st_out *o, const char *json, const char *csv)
{
	cell(o);
	if (o->fmt == ST_JSON) {
		fputs(json ? json : "null", o->f);
	} else if (csv && o->table_f) {
		struct rp_buf b = {0};
		st_csv_field(&b, csv);
		if (b.len)
			fwrite(b.data, 1, b.len, o->table_f);
		rp_buf_free(&b);
	}
}

void st_out_str(struct st_out *o, const char *s)
{
	if (o->fmt != ST_JSON || !s) {
		st_out_raw(o, NULL, s);
		return;
	}
	struct rp_buf b = {0};
	rp_json_string(&b, (const uint8_t *)s, strlen(s));
	rp_buf_putc(&b, '\0');
	st_out_raw(o, b.oom ? NULL : b.data, NULL);
	rp_buf_free(&b);
}

void st_out_u64(struct st_out *o, uint64_t v)
{
	char t[32];
	snprintf(t, sizeof(t), "%" PRIu64, v);
	st_out_raw(o, t, t);
}

void st_out_i64(struct st_out *o, int64_t v)
{
	char t[32];
	snprintf(t, sizeof(t), "%" PRId64, v);
	st_out_raw(o, t, t);
}

void st_out_f64(struct st_out *o, double v, int prec)
{
	char t[64];
	if (!isfinite(v)) {
		st_out_null(o);
		return;
	}
	snprintf(t, sizeof(t), "%.*f", prec, v);
	st_out_raw(o, t, t);
}

void st_out_null(struct st_out *o)
{
	st_out_raw(o, NULL, NULL);
}
