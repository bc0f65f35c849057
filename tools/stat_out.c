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
		fputs("{", o->f);
}

void st_out_end(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs("}\n", o->f);
}

void st_out_view_begin(struct st_out *o, const char *name)
{
	if (o->fmt == ST_JSON) {
		fprintf(o->f, "%s\"%s\":{", o->nviews ? "," : "", name);
	} else if (o->nviews) {
		fputs("\n", o->f); /* text and CSV: views apart */
	}
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

void st_out_table_begin(struct st_out *o, const char *name, const char *const *cols)
{
	assert(cols && cols[0]);
	o->cols = cols;
	o->nrows = 0;
	if (o->fmt == ST_JSON) {
		fprintf(o->f, "%s\"%s\":[", o->ntables ? "," : "", name);
	} else if (o->fmt == ST_CSV) {
		if (o->ntables)
			fputs("\n", o->f);
		struct rp_buf b = {0};
		for (size_t i = 0; cols[i]; i++) {
			if (i)
				rp_buf_putc(&b, ',');
			st_csv_field(&b, cols[i]);
		}
		rp_buf_putc(&b, '\n');
		fwrite(b.data, 1, b.len, o->f);
		rp_buf_free(&b);
	}
	o->ntables++;
}

void st_out_table_end(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs("]", o->f);
	o->cols = NULL;
}

void st_out_row_begin(struct st_out *o)
{
	if (o->fmt == ST_JSON)
		fputs(o->nrows ? ",\n{" : "\n{", o->f);
	o->ncell = 0;
	o->nrows++;
}

void st_out_row_end(struct st_out *o)
{
	assert(!o->cols || !o->cols[o->ncell]); /* every column given */
	fputs(o->fmt == ST_JSON ? "}" : "\n", o->f);
}

/* Starts a cell: the key in JSON, the separator in CSV. */
static void cell(struct st_out *o)
{
	assert(o->cols && o->cols[o->ncell]);
	if (o->fmt == ST_JSON)
		fprintf(o->f, "%s\"%s\":", o->ncell ? "," : "", o->cols[o->ncell]);
	else if (o->ncell)
		fputc(',', o->f);
	o->ncell++;
}

void st_out_raw(struct st_out *o, const char *json, const char *csv)
{
	cell(o);
	if (o->fmt == ST_JSON) {
		fputs(json ? json : "null", o->f);
	} else if (csv) {
		struct rp_buf b = {0};
		st_csv_field(&b, csv);
		if (b.len)
			fwrite(b.data, 1, b.len, o->f);
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
