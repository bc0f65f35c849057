/* strstat internals: output emitter, small containers, the latency
 * histogram and the views. Every view keeps only aggregate tables (per
 * syscall, per process, per file) so memory does not grow with the trace. */
#ifndef STREC_TOOLS_STAT_H
#define STREC_TOOLS_STAT_H

#include "replay.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- output: text is view-specific, JSON and CSV are flat tables ---- */

enum st_fmt { ST_TEXT, ST_JSON, ST_CSV };

/* CSV into a directory: the file a table goes to, opened by the caller
 * (named "<stem>.csv"); NULL when it cannot be (the table is skipped). */
typedef FILE *(*st_table_file_fn)(const char *stem, void *ctx);

struct st_out {
	enum st_fmt fmt;
	FILE *f;
	bool headings; /* text: a heading before each view (more than one shown) */
	/* JSON: members (each starting with ',') added to the document and to
	 * every row: the trace's identity (--with-trace-id); NULL: none */
	const char *json_extra;
	/* CSV: set, a file per table and no table column; else every row of f
	 * starts with the table's name */
	st_table_file_fn table_file;
	void *table_ctx;
	unsigned nviews, ntables, nrows, ncell;
	unsigned failed_tables;	 /* tables table_file could not open */
	const char *view;	 /* the open view's name */
	const char *table;	 /* the open table's */
	const char *const *cols; /* column names of the open table */
	FILE *table_f;		 /* where the open table's rows go */
};

/* The name of a view's table in CSV: the file stem with a directory, the
 * table column without ("syscalls", "latency_slowest", "errors_paths"). */
const char *st_out_table_name(const char *view, const char *table);

/* The version of strstat's JSON document (docs/json-schema.md), its
 * "schema_version" member. */
#define ST_JSON_SCHEMA_VERSION 1
void st_out_begin(struct st_out *o);
void st_out_end(struct st_out *o);
/* Text: a blank line between views. JSON: "name": { tables }. */
void st_out_view_begin(struct st_out *o, const char *name);
void st_out_view_end(struct st_out *o);
/* cols: NULL-terminated; cells of each row come in this order. CSV prints
 * them as the header row (tables separated by a blank line). */
void st_out_table_begin(struct st_out *o, const char *name, const char *const *cols);
void st_out_table_end(struct st_out *o);
void st_out_row_begin(struct st_out *o);
void st_out_row_end(struct st_out *o);
void st_out_str(struct st_out *o, const char *s); /* NULL: null / empty */
void st_out_u64(struct st_out *o, uint64_t v);
void st_out_i64(struct st_out *o, int64_t v);
void st_out_f64(struct st_out *o, double v, int prec);
void st_out_null(struct st_out *o);
/* A cell given as ready JSON text and as CSV text (lists, nested values). */
void st_out_raw(struct st_out *o, const char *json, const char *csv);
/* Appends s to b as a CSV field (quoted when needed). */
void st_csv_field(struct rp_buf *b, const char *s);

/* ---- containers ---- */

/* Open-addressing map from a string or a u64 to a caller index. String
 * keys are the caller's: they must stay while in the map. */
struct st_map {
	struct st_map_slot *slots;
	size_t cap, n;
};
/* The index stored for key, or SIZE_MAX. */
size_t st_map_get_str(const struct st_map *m, const char *key);
size_t st_map_get_u64(const struct st_map *m, uint64_t key);
/* Stores idx (below UINT32_MAX) for key, replacing. 0 or -ENOMEM. */
int st_map_put_str(struct st_map *m, const char *key, size_t idx);
int st_map_put_u64(struct st_map *m, uint64_t key, size_t idx);
void st_map_free(struct st_map *m);

/* Growable array helper: ensures room for one more element. */
int st_grow(void **v, size_t *cap, size_t n, size_t elem);

/* The paths --errors and --files keep, each: a table that reaches it keeps
 * the half that ranks highest (the paths that failed most, the files
 * touched most) and counts what it dropped, which the views print. */
#define ST_MAX_PATHS (1u << 18)
/* Sorts v (n records of elem bytes) best first by cmp and drops all but
 * the first keep: drop(record, ctx) is called for each, then *n = keep. */
void st_keep_best(void *v, size_t *n, size_t elem, size_t keep,
		  int (*cmp)(const void *, const void *), void (*drop)(void *, void *), void *ctx);

/* errno -> count, kept sorted by count when printed. */
struct st_errcount {
	int err;
	uint64_t count;
};
struct st_errs {
	struct st_errcount *v;
	size_t n, cap;
};
int st_errs_add(struct st_errs *e, int err);
int st_errs_add_count(struct st_errs *e, int err, uint64_t count);
void st_errs_sort(struct st_errs *e);
/* "ENOENT 211  EACCES 2" (sep between pairs, inner between name and count) */
void st_errs_format(const struct st_errs *e, struct rp_buf *b, const char *inner, const char *sep);
const char *st_errno_label(int err, char *tmp, size_t tmp_size);

/* ---- latency histogram: log-linear buckets, relative error < 0.4% ---- */

#define ST_HIST_SUB_BITS 7 /* 128 sub-buckets per power of two */
#define ST_HIST_GROUPS	 (64 - ST_HIST_SUB_BITS + 1)

struct st_hist {
	uint64_t count;
	uint32_t *group[ST_HIST_GROUPS]; /* allocated when first used */
};
int st_hist_add(struct st_hist *h, uint64_t v);
/* Nearest-rank percentile (0 < p <= 100): the midpoint of the bucket that
 * holds the ceil(p/100*count)-th smallest value, clamped to [lo, hi]. */
uint64_t st_hist_percentile(const struct st_hist *h, double p, uint64_t lo, uint64_t hi);
void st_hist_free(struct st_hist *h);

/* ---- shared context ---- */

enum st_sort {
	ST_SORT_TIME,
	ST_SORT_CALLS,
	ST_SORT_ERRORS,
	ST_SORT_NAME,
	ST_SORT_AVG,
	ST_SORT_MIN,
	ST_SORT_MAX,
	ST_SORT_NOTHING,
};

/* The summary's columns, as strace -U names them; the syscall name is
 * always shown (last when not asked for). */
enum st_column {
	ST_COL_PERCENT, /* "% time" */
	ST_COL_SECONDS, /* total time */
	ST_COL_MIN,	/* "shortest" */
	ST_COL_MAX,	/* "longest" */
	ST_COL_AVG,	/* "usecs/call" */
	ST_COL_CALLS,
	ST_COL_ERRORS,
	ST_COL_NAME,
	ST_COL_COUNT,
};
struct st_columns {
	unsigned n;
	enum st_column c[ST_COL_COUNT];
};

enum st_file_sort {
	ST_FSORT_PATH,
	ST_FSORT_OPENS,
	ST_FSORT_FAILED,
	ST_FSORT_READ,
	ST_FSORT_WRITTEN,
	ST_FSORT_STATS,
};

struct st_procs;

/* What every view sees of one selected syscall. */
struct st_call {
	const struct rp_event *ev;
	const struct rp_syscall *sc;
	const char *name; /* never NULL */
	uint64_t dur_ns;
	int err; /* positive errno, 0 on success */
};

/* Path of one syscall argument resolved against cwd / dirfd, or NULL.
 * Returned string is malloc'ed. */
char *st_call_path(const struct rp_session *s, const struct st_procs *p, const struct st_call *c,
		   unsigned arg);
/* Joins base and a relative path and drops "." and empty components. */
char *st_path_join(const char *base, const char *p, size_t len);

/* ---- views ---- */

struct st_syscalls;
/* latency: keep what the latency view needs (a histogram per syscall and
 * the top slowest calls); the summary and errors views do without. */
struct st_syscalls *st_syscalls_new(unsigned top, bool latency);
void st_syscalls_free(struct st_syscalls *t);
/* text: the decoded call, only asked for when it enters the slowest list */
typedef void (*st_text_fn)(const struct st_call *c, struct rp_buf *out, void *ctx);
int st_syscalls_add(struct st_syscalls *t, const struct st_call *c, const char *path,
		    st_text_fn text, void *text_ctx);
/* The text summary's columns (default: strace's % time, seconds,
 * usecs/call, calls, errors, syscall). */
void st_syscalls_set_columns(struct st_syscalls *t, const struct st_columns *cols);
void st_view_summary(struct st_syscalls *t, struct st_out *o, enum st_sort sort);
void st_view_latency(struct st_syscalls *t, struct st_out *o, enum st_sort sort);
void st_view_errors(struct st_syscalls *t, struct st_out *o, enum st_sort sort);

/* The summary per process (strstat --html): a row per process and syscall
 * it made, holding what the summary's rows hold, and printed by the same
 * code: a process's view is the summary of `strstat --pid PID`. Processes
 * are the caller's indexes (st_procs_index). */
struct st_proc_syscalls;
struct st_proc_syscalls *st_proc_syscalls_new(void);
void st_proc_syscalls_free(struct st_proc_syscalls *t);
/* A selected, finished call of process proc. 0 or -ENOMEM. Not after the
 * first count or view. */
int st_proc_syscalls_add(struct st_proc_syscalls *t, size_t proc, const struct st_call *c);
/* The syscalls process proc made (rows of its summary). */
size_t st_proc_syscalls_count(struct st_proc_syscalls *t, size_t proc);
/* The summary view (st_view_summary) of process proc's calls. */
void st_view_proc_summary(struct st_proc_syscalls *t, size_t proc, struct st_out *o,
			  enum st_sort sort);

struct st_procs *st_procs_new(const char *cwd);
void st_procs_free(struct st_procs *p);
int st_procs_snapshot(struct st_procs *p, const struct strtrc_snapshot *sn, uint64_t ts);
/* Process events (spawn, exec, exit, detach) and the calls that change the
 * cwd or the command; always fed, whatever the filters. exe: from the
 * EXEC record, or NULL. */
int st_procs_event(struct st_procs *p, const struct rp_session *s, const struct rp_event *ev,
		   const char *exe);
/* A selected call: counts and time. */
int st_procs_call(struct st_procs *p, const struct st_call *c);
const char *st_procs_cwd(const struct st_procs *p, uint32_t pid);
void st_procs_set_end(struct st_procs *p, uint64_t ts);
/* One process as every view shows it (--processes, --svg): one table, so
 * the same numbers everywhere. */
struct st_proc_info {
	uint32_t pid, ppid;
	size_t parent;		   /* the parent's index, or SIZE_MAX */
	uint64_t start_ns, end_ns; /* end_ns: when it ended, else the trace's end */
	bool ended, detached, has_status;
	int32_t wait_status;
	unsigned threads;
	uint64_t calls, time_ns; /* selected calls */
	const char *command;	 /* the last command it ran (shell words), else NULL */
	const char *inherited;	 /* its parent's command, when it ran none */
};
/* Seconds as every view prints them ("%.6f"). */
#define ST_SECONDS(ns) ((double)(ns) / 1e9)
/* "exited 1", "killed by SIGKILL (core dumped)", "detached", "running". */
void st_proc_status(const struct st_proc_info *info, char *b, size_t n);
/* A non-zero exit or a killing signal. */
bool st_proc_failed(const struct st_proc_info *info);
/* The lives of a process's threads beyond its leader: the first
 * ST_THREADS_KEPT are kept (info.threads counts them all). */
#define ST_THREADS_KEPT 64
struct st_thread_info {
	uint32_t tid;
	uint64_t start_ns, end_ns; /* end_ns: when it ended, else the trace's end */
	bool ended;
};
/* Copies up to max of process i's threads into v, in start order; their number. */
size_t st_procs_threads(const struct st_procs *p, size_t i, struct st_thread_info *v, size_t max);
/* Processes by index, in creation order (a parent before its children). */
size_t st_procs_count(const struct st_procs *p);
/* false for an index that holds no process (an early row merged away). */
bool st_procs_info(const struct st_procs *p, size_t i, struct st_proc_info *info);
/* The index of pid's current process, or SIZE_MAX. */
size_t st_procs_index(const struct st_procs *p, uint32_t pid);
/* filter: which pids to show (NULL: all) */
typedef bool (*st_pid_fn)(uint32_t pid, void *ctx);
void st_view_processes(struct st_procs *p, struct st_out *o, st_pid_fn shown, void *ctx);

struct st_files;
struct st_files *st_files_new(void);
void st_files_free(struct st_files *f);
int st_files_call(struct st_files *f, const struct rp_session *s, const struct st_procs *p,
		  const struct st_call *c);
void st_view_files(struct st_files *f, struct st_out *o, enum st_file_sort sort, unsigned limit);

#endif
