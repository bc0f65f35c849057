/* libFuzzer target for strstat's aggregation: the input is a whole trace
 * file or a bare CBOR record sequence (fuzz_input.h), fed as strstat feeds
 * it (tools/strstat.c main loop) into every view (summary, latency,
 * errors, processes, files), which are then printed as text, JSON and CSV
 * to /dev/null. */
#include "fuzz_input.h"
#include "stat.h"

#include <stdio.h>

struct run {
	struct rp_session *s;
	struct st_syscalls *sys;
	struct st_procs *procs;
	struct st_files *files;
	struct rp_printer *printer;
	const char *exec_exe;
};

static void call_text(const struct st_call *c, struct rp_buf *out, void *ctx)
{
	struct run *const r = ctx;
	rp_print_event(r->printer, c->ev, out);
}

static int on_syscall(struct run *r, const struct rp_event *ev)
{
	const struct rp_syscall *sc = &ev->u.sc;
	const char *name = rp_syscall_name(sc);
	struct st_call c = {
	    .ev = ev,
	    .sc = sc,
	    .name = name ? name : "syscall_unknown",
	    .dur_ns = sc->exit_ts_ns > sc->entry_ts_ns ? sc->exit_ts_ns - sc->entry_ts_ns : 0,
	    .err = sc->is_error ? (int)-sc->rval : 0,
	};
	if (!sc->finished)
		return 0;
	char *path = NULL;
	if (c.err && sc->desc)
		for (unsigned i = 0; i < sc->desc->nargs && i < 6 && !path; i++)
			if (sc->desc->args[i].kind == SC_ARG_PATH)
				path = st_call_path(r->s, r->procs, &c, i);
	int rc = st_syscalls_add(r->sys, &c, path, call_text, r);
	free(path);
	if (!rc)
		rc = st_procs_call(r->procs, &c);
	if (!rc)
		rc = st_files_call(r->files, r->s, r->procs, &c);
	return rc;
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct run *const r = ctx;
	int rc = st_procs_event(r->procs, r->s, ev, ev->kind == RP_EV_EXEC ? r->exec_exe : NULL);
	if (!rc && ev->kind == RP_EV_SYSCALL)
		rc = on_syscall(r, ev);
	return rc;
}

static bool all_pids(uint32_t pid, void *ctx)
{
	(void)ctx;
	return pid % 2 == 0 || pid % 3 == 0; /* and a filter that hides some */
}

static void print_views(struct run *r, FILE *f, enum st_fmt fmt, enum st_sort sort,
			enum st_file_sort fsort)
{
	struct st_out o = {.fmt = fmt, .f = f};
	st_out_begin(&o);
	st_view_summary(r->sys, &o, sort);
	st_view_latency(r->sys, &o, sort);
	st_view_errors(r->sys, &o, sort);
	st_view_processes(r->procs, &o, fmt == ST_JSON ? all_pids : NULL, NULL);
	st_view_files(r->files, &o, fsort, fmt == ST_CSV ? 3 : 0);
	st_out_end(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	struct strtrc_reader *const rd = open_input(data, size);
	if (!rd)
		return 0;
	const struct strtrc_header *const h = strtrc_reader_header(rd);
	struct rp_print_opts po;
	rp_print_opts_init(&po);
	po.pid_prefix = false;
	struct run r = {0};
	r.s = rp_session_new(h);
	r.sys = st_syscalls_new(3, true);
	r.procs = st_procs_new(h->cwd);
	r.files = st_files_new();
	r.printer = r.s ? rp_printer_new(&po, r.s) : NULL;
	if (!r.s || !r.sys || !r.procs || !r.files || !r.printer)
		abort();
	struct strtrc_record rec;
	while (strtrc_reader_next(rd, &rec) > 0) {
		st_procs_set_end(r.procs, rec.ts_ns);
		if (rec.kind == STRTRC_SNAPSHOT &&
		    st_procs_snapshot(r.procs, &rec.u.snapshot, rec.ts_ns) < 0)
			break;
		char *exe = NULL;
		if (rec.kind == STRTRC_EXEC && rec.u.exec.exe.data &&
		    !(exe = strndup((const char *)rec.u.exec.exe.data, rec.u.exec.exe.len)))
			break;
		r.exec_exe = exe;
		const int frc = rp_session_feed(r.s, &rec, on_event, &r);
		r.exec_exe = NULL;
		free(exe);
		if (frc < 0)
			break;
	}
	rp_session_finish(r.s, on_event, &r);
	/* The sort orders rotate with the input size (deterministic). */
	print_views(&r, devnull, ST_TEXT, (enum st_sort)(size % (ST_SORT_NOTHING + 1)),
		    (enum st_file_sort)(size % (ST_FSORT_STATS + 1)));
	print_views(&r, devnull, ST_JSON, ST_SORT_TIME, ST_FSORT_PATH);
	print_views(&r, devnull, ST_CSV, ST_SORT_NAME, ST_FSORT_WRITTEN);
	fflush(devnull);
	rp_printer_free(r.printer);
	st_syscalls_free(r.sys);
	st_procs_free(r.procs);
	st_files_free(r.files);
	rp_session_free(r.s);
	strtrc_reader_close(rd);
	return 0;
}
