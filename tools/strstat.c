/* strstat: offline statistics of a strec trace: strace's -c table, latency
 * percentiles, errno breakdown, the process tree and the files touched.
 * Streams the trace: only per-syscall, per-process and per-file tables grow.
 * Exit: 0 ok, 1 runtime error (after printing what was computed), 2 usage. */
#include "cli.h"
#include "select.h"
#include "stat.h"
#include "stat_html.h"
#include "stat_svg.h"
#include "read_progress.h"

#include "filter.h"
#include "names.h"
#include "syscall_table.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum view_bits {
	V_SUMMARY = 1,
	V_LATENCY = 2,
	V_ERRORS = 4,
	V_PROCESSES = 8,
	V_FILES = 16,
	V_ALL = 31,
};

struct opts {
	struct rp_select sel; /* every filter: names, status, signals, pids, paths */
	unsigned views;
	enum st_fmt fmt;
	enum st_sort sort;
	struct st_columns columns; /* -U; n 0: the default */
	enum st_file_sort fsort;
	unsigned top;
	bool print_events; /* -C */
	const char *outfile;
	const char *svg;     /* --svg FILE */
	const char *html;    /* --html FILE */
	const char *csv_dir; /* --csv-dir DIR */
	bool with_trace_id;  /* --with-trace-id */
	bool force;	     /* outputs may replace traces */
	struct rp_print_opts print;
	const char *file;
};

struct run {
	struct opts *o;
	struct rp_session *s;
	struct st_syscalls *sys;
	struct st_procs *procs;
	struct st_files *files;
	struct rp_printer *printer;	 /* -C */
	struct rp_printer *call_printer; /* slowest calls: no pid prefix */
	struct rp_buf line;
	FILE *out;
	const char *exec_exe; /* of the EXEC record being fed */
	struct st_svg *svg;   /* --svg or --html */
	struct st_html *html; /* --html */
	const struct strtrc_header *header;
};

static const char *const long_options[] = {
    "--to_trace", "--dont_trace", "--trace",	     "--pid",  "--tree",    "--latency",
    "--errors",	  "--processes",  "--files",	     "--all",  "--json",    "--csv",
    "--top",	  "--sort",	  "--output",	     "--help", "--version", "--svg",
    "--force",	  "--csv-dir",	  "--with-trace-id", "--html", NULL,
};

/* An output file that may not be the input nor replace a trace (unless
 * --force); exits on a refusal. */
static FILE *open_output(const struct opts *o, const char *path)
{
	char msg[512];
	const int fd =
	    strtrc_output_open(path, STRTRC_OUTPUT_OTHER, o->force, &o->file, 1, msg, sizeof(msg));
	FILE *const f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f)
		return f;
	if (fd >= 0) {
		fprintf(stderr, "strstat: cannot write '%s': %s\n", path, strerror(errno));
		exit(1);
	}
	fprintf(stderr, "strstat: %s\n", msg);
	exit(fd == -EINVAL ? 2 : 1);
}

/* Ends the output of a picture (--svg, --html) written with result rc:
 * 0, or 1 after a message. */
static int close_picture(FILE *f, const char *path, int rc)
{
	int status = 0;
	if (fflush(f) != 0 || rc < 0) {
		fprintf(stderr, "strstat: cannot write '%s': %s\n", path,
			strerror(rc < 0 ? -rc : errno));
		status = 1;
	}
	if (f != stdout && fclose(f) != 0)
		status = 1;
	return status;
}

static void usage(FILE *f)
{
	fputs(
	    "Usage: strstat [FILTERS] [VIEWS] [OPTIONS] FILE   (FILE '-' reads standard input)\n"
	    "Statistics of a strec trace: where the time went, what failed, who did what.\n"
	    "\n"
	    "Views (default: the summary; several may be given):\n"
	    "  (none)                 strace -c table: % time, seconds, usecs/call, calls,\n"
	    "                         errors per syscall. Time is wall time between the\n"
	    "                         recorded entry and exit of each call (strace -c -w);\n"
	    "                         calls that never returned are not counted, as in strace\n"
	    "  --latency              per syscall: calls, min, p50, p90, p99, max, total (us),\n"
	    "                         then the N slowest calls, decoded. Percentiles are\n"
	    "                         nearest-rank over a log-linear histogram (error < 0.4%)\n"
	    "  --errors               per syscall, per errno counts; the paths that failed most\n"
	    "  --processes            process tree: pid, parent, start/end (s from trace start),\n"
	    "                         lifetime, threads, syscalls, time in syscalls, exit status\n"
	    "                         or killing signal, and the commands each exec'd\n"
	    "  --files                files touched: opens, failed opens by errno, bytes read,\n"
	    "                         bytes written, stat calls; paths resolved against the\n"
	    "                         recorded cwd or dirfd\n"
	    "  --all                  every view, one after the other (text: each under a\n"
	    "                         heading, as whenever several views are shown)\n"
	    "Filters (as strep's):\n"
	    "  --to_trace NAMES...    only these syscalls (names or %classes)\n"
	    "  --dont_trace NAMES...  all syscalls but these\n"
	    "  -e trace=EXPR          strace's syscall expression; -e status=SET\n"
	    "                         (a syscall filter replaces the one recorded, which\n"
	    "                         applies by default)\n"
	    "  -z, -Z                 only successful / only failed calls\n"
	    "  --pid PID[,PID...]     only these processes; --tree adds their descendants\n"
	    "  -P PATH                only calls that access PATH (may be repeated)\n"
	    "Options:\n"
	    "  -S SORTBY              sort syscalls by time (default), calls, errors, name,\n"
	    "                         avg-time, min-time, max-time or nothing (strace's\n"
	    "                         names of the columns; avg, min, max too)\n"
	    "  -U COLUMNS             the summary's columns, comma-separated: time-percent,\n"
	    "                         total-time, min-time, max-time, avg-time, calls,\n"
	    "                         errors, name (strace -U; default: all but min and max)\n"
	    "  --sort COLUMN          --files order: opens (default), failed, read, written,\n"
	    "                         stat or path\n"
	    "  --top N                slowest calls and failed paths to list (default 10)\n"
	    "  -C                     also print every selected event, as strep does\n"
	    "  --json                 one JSON object: {view: {table: [rows]}}; times in ns\n"
	    "                         (docs/json-schema.md: schema_version 1)\n"
	    "  --with-trace-id        with --json: the trace's identity (trace_id, trace_host,\n"
	    "                         trace_start, trace_command) in the document and every row\n"
	    "  --csv                  CSV tables, each with a header row, a blank line between\n"
	    "                         them; the first column, table, names each row's table:\n"
	    "                         syscalls, syscalls_total, latency, latency_slowest,\n"
	    "                         errors, errors_paths, errors_paths_dropped, processes,\n"
	    "                         files, files_dropped\n"
	    "  --csv-dir DIR, --csv=DIR  one file per table: DIR/syscalls.csv, DIR/errors.csv,\n"
	    "                         DIR/processes.csv, ... (the names above; no table\n"
	    "                         column; DIR is made if missing)\n"
	    "  -o, --output FILE      write to FILE (never the input; not over a trace)\n"
	    "  --svg FILE             also draw the process tree on a time line into FILE (SVG):\n"
	    "                         a bar per process shaded by time in syscalls, threads\n"
	    "                         as sub-rows, failed calls and exits marked, children\n"
	    "                         packed into shared rows below their parent, tooltips\n"
	    "                         with --processes' numbers; alone, it prints no view\n"
	    "  --html FILE            also write that time line as one HTML page into FILE\n"
	    "                         (nothing loaded from elsewhere): zoom and pan,\n"
	    "                         tooltips, a clicked process's syscall summary (as\n"
	    "                         --pid PID shows it); alone, it prints no view\n"
	    "  --force                let -o, --svg and --html replace a trace\n"
	    "  -s N                   string limit of decoded calls (default 32)\n"
	    "  -c, -w, -f             accepted for strace habits (always on)\n"
	    "  -h, --help             this help\n"
	    "  --version              version\n"
	    "Exit status: 0 ok (a cut-short trace gives a warning), 1 runtime error or\n"
	    "damaged trace (the statistics of what was read are printed first), 2 usage.\n",
	    f);
}

static void add_filter(struct opts *o, enum strec_filter_option kind, const char *text)
{
	char msg[256];
	cli_select_or_die(strec_filter_add(&o->sel.filter, kind, text, msg, sizeof(msg)), msg);
}

static void parse_pids(struct opts *o, const char *text)
{
	char msg[256];
	cli_select_or_die(rp_select_pids(&o->sel, text, msg, sizeof(msg)), msg);
}

static void parse_e(struct opts *o, const char *expr)
{
	char msg[256];
	cli_select_or_die(rp_select_expr(&o->sel, expr, msg, sizeof(msg)), msg);
}

/* strace's names of the summary's columns, which -U shows and -S sorts by
 * (and strstat's own avg, min, max). */
static const struct {
	const char *name;
	enum st_column column;
} column_names[] = {
    {"time", ST_COL_PERCENT},
    {"time_percent", ST_COL_PERCENT},
    {"time-percent", ST_COL_PERCENT},
    {"time_total", ST_COL_SECONDS},
    {"time-total", ST_COL_SECONDS},
    {"total_time", ST_COL_SECONDS},
    {"total-time", ST_COL_SECONDS},
    {"min_time", ST_COL_MIN},
    {"min-time", ST_COL_MIN},
    {"shortest", ST_COL_MIN},
    {"time_min", ST_COL_MIN},
    {"time-min", ST_COL_MIN},
    {"min", ST_COL_MIN},
    {"longest", ST_COL_MAX},
    {"max_time", ST_COL_MAX},
    {"max-time", ST_COL_MAX},
    {"time_max", ST_COL_MAX},
    {"time-max", ST_COL_MAX},
    {"max", ST_COL_MAX},
    {"avg_time", ST_COL_AVG},
    {"avg-time", ST_COL_AVG},
    {"time_avg", ST_COL_AVG},
    {"time-avg", ST_COL_AVG},
    {"avg", ST_COL_AVG},
    {"calls", ST_COL_CALLS},
    {"count", ST_COL_CALLS},
    {"error", ST_COL_ERRORS},
    {"errors", ST_COL_ERRORS},
    {"name", ST_COL_NAME},
    {"syscall", ST_COL_NAME},
    {"syscall_name", ST_COL_NAME},
    {"syscall-name", ST_COL_NAME},
};

/* The column named word (len bytes), or ST_COL_COUNT; cands: the names,
 * NULL-terminated, for the "did you mean" of an error. */
static enum st_column column_by_name(const char *word, size_t len, const char **cands)
{
	enum st_column found = ST_COL_COUNT;
	for (size_t i = 0; i < STREC_ARRAY_SIZE(column_names); i++) {
		if (strlen(column_names[i].name) == len &&
		    !strncmp(word, column_names[i].name, len))
			found = column_names[i].column;
		cands[i] = column_names[i].name;
	}
	cands[STREC_ARRAY_SIZE(column_names)] = NULL;
	return found;
}

/* -S: strace's names of the columns, and nothing (or none). */
static void parse_sortby(struct opts *o, const char *text)
{
	static const enum st_sort by_column[ST_COL_COUNT] = {
	    [ST_COL_PERCENT] = ST_SORT_TIME,  [ST_COL_SECONDS] = ST_SORT_TIME,
	    [ST_COL_MIN] = ST_SORT_MIN,	      [ST_COL_MAX] = ST_SORT_MAX,
	    [ST_COL_AVG] = ST_SORT_AVG,	      [ST_COL_CALLS] = ST_SORT_CALLS,
	    [ST_COL_ERRORS] = ST_SORT_ERRORS, [ST_COL_NAME] = ST_SORT_NAME,
	};
	const char *cands[STREC_ARRAY_SIZE(column_names) + 1];
	const enum st_column c = column_by_name(text, strlen(text), cands);
	if (c != ST_COL_COUNT) {
		o->sort = by_column[c];
		return;
	}
	if (!strcmp(text, "nothing") || !strcmp(text, "none")) {
		o->sort = ST_SORT_NOTHING;
		return;
	}
	const char *near = strec_closest(text, cands, 0);
	if (near)
		cli_usage_error("invalid sortby '%s' (did you mean '%s'?)", text, near);
	cli_usage_error("invalid sortby '%s'", text);
}

/* -U: the summary's columns in this order, the syscall name last unless
 * placed. */
static void parse_columns(struct opts *o, const char *text)
{
	struct st_columns cols = {0};
	bool seen[ST_COL_COUNT] = {false};
	const char *cands[STREC_ARRAY_SIZE(column_names) + 1];
	for (const char *p = text;;) {
		const char *const comma = strchr(p, ',');
		const size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const enum st_column c = column_by_name(p, len, cands);
		char word[64];
		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		if (c == ST_COL_COUNT) {
			const char *near = len ? strec_closest(word, cands, 0) : NULL;
			if (near)
				cli_usage_error("unknown column name '%s' (did you mean '%s'?)",
						word, near);
			cli_usage_error("unknown column name '%s'", word);
		}
		if (seen[c])
			cli_usage_error("-U: column '%s' given more than once", word);
		seen[c] = true;
		cols.c[cols.n++] = c;
		if (!comma)
			break;
		p = comma + 1;
	}
	if (!seen[ST_COL_NAME])
		cols.c[cols.n++] = ST_COL_NAME;
	o->columns = cols;
}

static void parse_fsort(struct opts *o, const char *text)
{
	static const char *const names[] = {"path",    "opens", "failed", "read",
					    "written", "stat",	NULL};
	static const enum st_file_sort v[] = {ST_FSORT_PATH, ST_FSORT_OPENS,   ST_FSORT_FAILED,
					      ST_FSORT_READ, ST_FSORT_WRITTEN, ST_FSORT_STATS};
	for (size_t i = 0; names[i]; i++) {
		if (!strcmp(text, names[i])) {
			o->fsort = v[i];
			return;
		}
	}
	const char *near = strec_closest(text, names, 0);
	if (near)
		cli_usage_error("invalid --sort column '%s' (did you mean '%s'?)", text, near);
	cli_usage_error("invalid --sort column '%s' (path, opens, failed, read, written, stat)",
			text);
}

static void parse_long(struct opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	char name[64];
	const char *eq = strchr(a, '=');
	const size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
	snprintf(name, sizeof(name), "%.*s", (int)nlen, a);
	const char *val = eq ? eq + 1 : NULL;
	static const struct {
		const char *name;
		unsigned view;
	} views[] = {
	    {"--latency", V_LATENCY}, {"--errors", V_ERRORS}, {"--processes", V_PROCESSES},
	    {"--files", V_FILES},     {"--all", V_ALL},
	};
	for (size_t k = 0; k < STREC_ARRAY_SIZE(views); k++) {
		if (!strcmp(name, views[k].name) && !val) {
			o->views |= views[k].view;
			return;
		}
	}
	if (!strcmp(name, "--to_trace") || !strcmp(name, "--dont_trace")) {
		const enum strec_filter_option k =
		    name[2] == 't' ? STREC_FILTER_TO_TRACE : STREC_FILTER_DONT_TRACE;
		add_filter(o, k, cli_opt_value(argc, argv, i, val));
		while (!val &&
		       strec_filter_list_continues(argc, argv, *i + 1, o->file != NULL, NULL))
			add_filter(o, k, argv[++*i]);
	} else if (!strcmp(name, "--trace")) {
		add_filter(o, STREC_FILTER_TRACE_EXPR, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--pid")) {
		parse_pids(o, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--tree") && !val) {
		o->sel.tree = true;
	} else if (!strcmp(name, "--json") && !val) {
		o->fmt = ST_JSON;
	} else if (!strcmp(name, "--csv")) {
		o->fmt = ST_CSV;
		if (val)
			o->csv_dir = val;
	} else if (!strcmp(name, "--with-trace-id") && !val) {
		o->with_trace_id = true;
	} else if (!strcmp(name, "--csv-dir")) {
		o->fmt = ST_CSV;
		o->csv_dir = cli_opt_value(argc, argv, i, val);
	} else if (!strcmp(name, "--top")) {
		o->top = cli_parse_uint("--top", cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--sort")) {
		parse_fsort(o, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--output")) {
		o->outfile = cli_opt_value(argc, argv, i, val);
	} else if (!strcmp(name, "--svg")) {
		o->svg = cli_opt_value(argc, argv, i, val);
	} else if (!strcmp(name, "--html")) {
		o->html = cli_opt_value(argc, argv, i, val);
	} else if (!strcmp(name, "--force") && !val) {
		o->force = true;
	} else if (!strcmp(name, "--help") && !val) {
		usage(stdout);
		exit(0);
	} else if (!strcmp(name, "--version") && !val) {
		printf("strstat (strec) %s\n", STREC_VERSION);
		exit(0);
	} else {
		const char *near = strec_closest(name, long_options, 0);
		if (near)
			cli_usage_error("unknown option '%s' (did you mean '%s'?)", name, near);
		cli_usage_error("unknown option '%s' (see strstat --help)", name);
	}
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			if (o->file)
				cli_usage_error("more than one trace file ('%s' and '%s')", o->file,
						a);
			o->file = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_files = true;
			continue;
		}
		if (a[1] == '-') {
			parse_long(o, argc, argv, &i);
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			const char *rest = p[1] ? p + 1 : NULL;
			switch (*p) {
			case 'c':
			case 'w':
			case 'f':
				continue;
			case 'C':
				o->print_events = true;
				continue;
			case 'z':
				o->sel.status = RP_STATUS_SUCCESSFUL;
				continue;
			case 'Z':
				o->sel.status = RP_STATUS_FAILED;
				continue;
			case 'h':
				usage(stdout);
				exit(0);
			case 'S':
				parse_sortby(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'U':
				parse_columns(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 's':
				o->print.max_strlen =
				    cli_parse_uint("-s", cli_opt_value(argc, argv, &i, rest));
				break;
			case 'o':
				o->outfile = cli_opt_value(argc, argv, &i, rest);
				break;
			case 'e':
				parse_e(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'p':
				parse_pids(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'P': {
				char msg[256];
				cli_select_or_die(
				    rp_select_path(&o->sel, cli_opt_value(argc, argv, &i, rest),
						   msg, sizeof(msg)),
				    msg);
				break;
			}
			default:
				cli_usage_error("unknown option '-%c' (see strstat --help)", *p);
			}
			break; /* the rest of the word was the option's value */
		}
	}
	if (!o->file)
		cli_usage_error("no trace file given (see strstat --help)");
	if (!o->views && !o->svg && !o->html)
		o->views = V_SUMMARY;
	if (o->svg && o->html && !strcmp(o->svg, "-") && !strcmp(o->html, "-"))
		cli_usage_error("--svg and --html cannot both write to standard output");
	if (o->with_trace_id && o->fmt != ST_JSON)
		cli_usage_error("--with-trace-id is for --json");
	if (o->csv_dir && !*o->csv_dir)
		cli_usage_error("--csv-dir: an empty directory name");
	if (o->csv_dir && o->outfile)
		cli_usage_error("--csv-dir writes a file per table: -o has nothing to write");
	if (o->csv_dir && !o->views)
		cli_usage_error("--csv-dir without a view: nothing to write");
}

/* ---- selection ---- */

static bool pid_shown(uint32_t pid, void *ctx)
{
	const struct opts *o = ctx;
	return rp_select_has_pid(&o->sel, pid);
}

static void call_text(const struct st_call *c, struct rp_buf *out, void *ctx)
{
	struct run *r = ctx;
	rp_print_event(r->call_printer, c->ev, out);
}

static int on_syscall(struct run *r, const struct rp_event *ev)
{
	const struct rp_syscall *sc = &ev->u.sc;
	char unknown[32];
	const char *name = rp_syscall_name(sc);
	if (!name) {
		snprintf(unknown, sizeof(unknown), "syscall_%#llx", (unsigned long long)sc->nr);
		name = unknown;
	}
	struct st_call c = {
	    .ev = ev,
	    .sc = sc,
	    .name = name,
	    .dur_ns = sc->exit_ts_ns > sc->entry_ts_ns ? sc->exit_ts_ns - sc->entry_ts_ns : 0,
	    .err = sc->is_error ? (int)-sc->rval : 0,
	};
	/* as strace -c: calls that never returned are not counted */
	if (!sc->finished || !rp_select_event(&r->o->sel, r->s, ev))
		return 0;
	int rc = 0;
	if (r->o->views & (V_SUMMARY | V_LATENCY | V_ERRORS)) {
		char *path = NULL;
		if (c.err && (r->o->views & V_ERRORS) && sc->desc) {
			for (unsigned i = 0; i < sc->desc->nargs && i < 6 && !path; i++) {
				if (sc->desc->args[i].kind == SC_ARG_PATH)
					path = st_call_path(r->s, r->procs, &c, i);
			}
		}
		rc = st_syscalls_add(r->sys, &c, path, call_text, r);
		free(path);
	}
	if (!rc && ((r->o->views & V_PROCESSES) || r->svg))
		rc = st_procs_call(r->procs, &c);
	if (!rc && r->svg)
		rc = st_svg_call(r->svg, &c);
	if (!rc && r->html)
		rc = st_html_call(r->html, &c);
	if (!rc && (r->o->views & V_FILES))
		rc = st_files_call(r->files, r->s, r->procs, &c);
	return rc;
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct run *r = ctx;
	struct opts *o = r->o;
	if (rp_select_follow(&o->sel, r->s, ev) < 0)
		return -ENOMEM;
	int rc = st_procs_event(r->procs, r->s, ev, ev->kind == RP_EV_EXEC ? r->exec_exe : NULL);
	if (!rc && r->svg)
		st_svg_event(r->svg, ev);
	if (!rc && ev->kind == RP_EV_SYSCALL)
		rc = on_syscall(r, ev);
	if (rc || !o->print_events)
		return rc;
	/* -C: the events themselves, selected as strep selects them */
	if (!rp_select_event(&o->sel, r->s, ev))
		return 0;
	r->line.len = 0;
	rp_print_event(r->printer, ev, &r->line);
	if (r->line.oom)
		return -ENOMEM;
	fwrite(r->line.data, 1, r->line.len, r->out);
	return 0;
}

/* --csv-dir: DIR/stem.csv, as -o opens a file (never a trace). */
static FILE *open_table(const char *stem, void *ctx)
{
	const struct opts *o = ctx;
	struct rp_buf path = {0};
	rp_buf_printf(&path, "%s/%s.csv", o->csv_dir, stem);
	rp_buf_putc(&path, '\0');
	if (path.oom)
		cli_oom();
	char msg[512];
	const int fd = strtrc_output_open(path.data, STRTRC_OUTPUT_OTHER, o->force, &o->file, 1,
					  msg, sizeof(msg));
	FILE *const f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			fprintf(stderr, "strstat: cannot write '%s': %s\n", path.data,
				strerror(errno));
		else
			fprintf(stderr, "strstat: %s\n", msg);
		if (fd >= 0)
			close(fd);
	}
	rp_buf_free(&path);
	return f;
}

/* The directory of --csv-dir, made if missing; exits when it cannot be. */
static void make_csv_dir(const char *dir)
{
	struct stat st;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "strstat: cannot make directory '%s': %s\n", dir, strerror(errno));
		exit(1);
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "strstat: '%s' is not a directory\n", dir);
		exit(1);
	}
}

/* The open tables of --csv-dir, closed when the views are printed. */
struct table_files {
	const struct opts *o;
	FILE *f[16];
	size_t n;
	bool failed;
};

static FILE *table_file(const char *stem, void *ctx)
{
	struct table_files *t = ctx;
	FILE *const f = t->n < STREC_ARRAY_SIZE(t->f) ? open_table(stem, (void *)t->o) : NULL;
	if (f)
		t->f[t->n++] = f;
	return f;
}

static unsigned views_count(unsigned views)
{
	unsigned n = 0;
	for (; views; views &= views - 1)
		n++;
	return n;
}

/* 0, or 1 when a table could not be written. */
static int print_views(struct run *r)
{
	struct table_files files = {.o = r->o};
	struct rp_buf trace_id = {0};
	if (r->o->with_trace_id) {
		rp_trace_id_json(r->header, &trace_id);
		rp_buf_putc(&trace_id, '\0');
		if (trace_id.oom)
			cli_oom();
	}
	struct st_out out = {
	    .json_extra = trace_id.data,
	    .fmt = r->o->fmt,
	    .f = r->out,
	    .headings = views_count(r->o->views) > 1,
	    .table_file = r->o->csv_dir ? table_file : NULL,
	    .table_ctx = &files,
	};
	st_out_begin(&out);
	if (r->o->views & V_SUMMARY)
		st_view_summary(r->sys, &out, r->o->sort);
	if (r->o->views & V_LATENCY)
		st_view_latency(r->sys, &out, r->o->sort);
	if (r->o->views & V_ERRORS)
		st_view_errors(r->sys, &out, r->o->sort);
	if (r->o->views & V_PROCESSES)
		st_view_processes(r->procs, &out, pid_shown, r->o);
	if (r->o->views & V_FILES)
		st_view_files(r->files, &out, r->o->fsort, 0);
	st_out_end(&out);
	rp_buf_free(&trace_id);
	int status = out.failed_tables ? 1 : 0;
	for (size_t i = 0; i < files.n; i++) {
		if (fclose(files.f[i]) != 0) {
			fprintf(stderr, "strstat: write error in %s: %s\n", r->o->csv_dir,
				strerror(errno));
			status = 1;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	cli_init("strstat", 1);
	struct opts o = {.top = 10, .fsort = ST_FSORT_OPENS};
	rp_select_init(&o.sel);
	rp_print_opts_init(&o.print);
	parse_args(&o, argc, argv);

	int err = 0;
	char msg[512];
	struct strtrc_reader *rd = rp_trace_open(o.file, &err, msg, sizeof(msg));
	if (!rd) {
		fprintf(stderr, "strstat: %s\n", msg);
		return 1;
	}
	const struct strtrc_header *h = strtrc_reader_header(rd);
	/* Both outputs are opened before the work, so a refusal comes first. */
	FILE *out = stdout, *svg_out = NULL, *html_out = NULL;
	if (o.outfile && strcmp(o.outfile, "-") != 0)
		out = open_output(&o, o.outfile);
	if (o.svg)
		svg_out = strcmp(o.svg, "-") != 0 ? open_output(&o, o.svg) : stdout;
	if (o.html)
		html_out = strcmp(o.html, "-") != 0 ? open_output(&o, o.html) : stdout;
	if (o.csv_dir)
		make_csv_dir(o.csv_dir);
	o.print.start_realtime_ns = h->start_realtime_ns;
	struct run r = {.o = &o, .out = out, .header = h};
	r.s = rp_session_new(h);
	r.sys = st_syscalls_new(o.top, o.views & V_LATENCY);
	if (r.sys && o.columns.n)
		st_syscalls_set_columns(r.sys, &o.columns);
	r.procs = st_procs_new(h->cwd);
	r.files = st_files_new();
	struct rp_print_opts call_opts = o.print;
	call_opts.pid_prefix = false;
	r.printer = r.s ? rp_printer_new(&o.print, r.s) : NULL;
	r.call_printer = r.s ? rp_printer_new(&call_opts, r.s) : NULL;
	if (rp_select_anchor_paths(&o.sel, h->cwd) < 0)
		cli_oom();
	/* as strace -c would have counted the recording (strec -e trace=...) */
	if (rp_select_recorded_filter(&o.sel, h->filter, msg, sizeof(msg)) < 0)
		fprintf(stderr, "strstat: warning: %s: counting every call\n", msg);
	if (!r.s || !r.sys || !r.procs || !r.files || !r.printer || !r.call_printer)
		cli_oom();
	if ((o.svg || o.html) && !(r.svg = st_svg_new(h, r.procs)))
		cli_oom();
	if (o.html && !(r.html = st_html_new(r.procs)))
		cli_oom();
	struct rp_progress progress;
	rp_progress_start(&progress, "strstat", o.file);

	int status = 0;
	struct strtrc_record rec;
	int rc;
	while ((rc = strtrc_reader_next(rd, &rec)) > 0) {
		rp_progress_update(&progress, strtrc_reader_bytes_in(rd));
		st_procs_set_end(r.procs, rec.ts_ns);
		if (rec.kind == STRTRC_SNAPSHOT &&
		    st_procs_snapshot(r.procs, &rec.u.snapshot, rec.ts_ns) < 0)
			cli_oom();
		char *exe = NULL;
		if (rec.kind == STRTRC_EXEC && rec.u.exec.exe.data) {
			exe = strndup((const char *)rec.u.exec.exe.data, rec.u.exec.exe.len);
			if (!exe)
				cli_oom();
		}
		r.exec_exe = exe;
		const int frc = rp_session_feed(r.s, &rec, on_event, &r);
		r.exec_exe = NULL;
		free(exe);
		if (frc < 0) {
			const char *const why = frc == -EPROTO ? rp_session_error(r.s) : NULL;
			if (why)
				fprintf(stderr, "strstat: damaged trace: %s\n", why);
			else
				fprintf(stderr, "strstat: %s\n", strerror(-frc));
			status = 1;
			break;
		}
	}
	if (rp_session_finish(r.s, on_event, &r) < 0)
		status = 1;
	rp_progress_end(&progress);
	if (o.views && print_views(&r))
		status = 1;
	if (o.svg &&
	    close_picture(svg_out, o.svg, st_svg_write(r.svg, svg_out, ST_SVG_FILE, pid_shown, &o)))
		status = 1;
	if (o.html && close_picture(html_out, o.html,
				    st_html_write(r.html, r.svg, html_out, o.sort, pid_shown, &o)))
		status = 1;
	st_svg_free(r.svg);
	st_html_free(r.html);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "strstat: write error: %s\n", strerror(errno));
		status = 1;
	}
	if (rc < 0) {
		fprintf(stderr, "strstat: %s\n", strtrc_reader_error(rd));
		status = 1;
	} else if (strtrc_reader_warning(rd)) {
		fprintf(stderr, "strstat: warning: %s\n", strtrc_reader_warning(rd));
	}
	char lost_msg[160];
	if (rp_loss_warning(strtrc_reader_lost(rd), lost_msg, sizeof(lost_msg)))
		fprintf(stderr, "strstat: warning: %s\n", lost_msg);
	for (size_t i = 0; rp_session_warning(r.s, i); i++)
		fprintf(stderr, "strstat: warning: %s\n", rp_session_warning(r.s, i));
	bool none_seen;
	if (rc >= 0 && rp_select_unseen_text(&o.sel, msg, sizeof(msg), &none_seen)) {
		fprintf(stderr, "strstat: %s%s\n", none_seen ? "" : "warning: ", msg);
		if (none_seen)
			status = 1;
	}
	rp_printer_free(r.printer);
	rp_printer_free(r.call_printer);
	st_syscalls_free(r.sys);
	st_procs_free(r.procs);
	st_files_free(r.files);
	rp_session_free(r.s);
	rp_buf_free(&r.line);
	strtrc_reader_close(rd);
	rp_select_free(&o.sel);
	if (out != stdout && fclose(out) != 0)
		status = 1;
	return status;
}
