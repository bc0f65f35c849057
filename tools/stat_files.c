/* Files touched: opens (and failed opens by errno), bytes read and written
 * through descriptors, stat calls. Paths are resolved against the calling
 * process's cwd or the dirfd; descriptors through the session's fd table.
 * A file is one row whatever path named it: a path that opened a file the
 * kernel names otherwise (a symlink: /lib/x opened, /usr/lib/x read) is an
 * alias of the kernel's name from then on, and its row joins that one.
 * At most ST_MAX_PATHS files are kept: the table then keeps the half
 * touched most, and sums up what it dropped. */
#include "stat.h"

#include "syscall_table.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define AT_FDCWD_VALUE	    (-100)
#define AT_EMPTY_PATH_VALUE 0x1000u

struct file {
	char *path;
	uint64_t opens, failed, read, written, stats;
	uint64_t touches, last; /* calls that touched it; the last one's number */
	struct st_errs errs;
	bool merged; /* an alias's row, joined to its file's: not shown */
};

/* A path that named a file the kernel calls otherwise. */
struct alias {
	char *path, *file;
};

struct st_files {
	struct file *v;
	size_t n, cap;
	struct st_map map;
	uint64_t calls;
	struct file dropped;   /* the sums of the files dropped; touches: how many */
	struct alias *aliases; /* at most ST_MAX_PATHS */
	size_t naliases, aliases_cap;
	struct st_map alias_map; /* path -> index in aliases */
};

struct st_files *st_files_new(void)
{
	return calloc(1, sizeof(struct st_files));
}

void st_files_free(struct st_files *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].errs.v);
	}
	free(f->v);
	st_map_free(&f->map);
	for (size_t i = 0; i < f->naliases; i++) {
		free(f->aliases[i].path);
		free(f->aliases[i].file);
	}
	free(f->aliases);
	st_map_free(&f->alias_map);
	free(f);
}

/* The path of descriptor fd, normalized, or "<fd N>" when unknown. */
static char *fd_path(const struct rp_session *s, uint32_t tid, int fd)
{
	const char *p = rp_session_fd_path(s, tid, fd);
	if (p && p[0] == '/')
		return st_path_join(NULL, p, strlen(p));
	if (p)
		return strdup(p);
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "<fd %d>", fd);
	return strdup(tmp);
}

char *st_call_path(const struct rp_session *s, const struct st_procs *p, const struct st_call *c,
		   unsigned arg)
{
	const struct rp_syscall *sc = c->sc;
	assert(arg < 6);
	const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, arg, 0);
	if (!m)
		return NULL;
	const char *path = (const char *)m->data;
	const size_t len = strnlen(path, m->len);
	const bool has_dirfd = arg > 0 && sc->desc && sc->desc->args[arg - 1].kind == SC_ARG_DIRFD;
	const int dirfd = has_dirfd ? (int)(int32_t)sc->args[arg - 1] : AT_FDCWD_VALUE;
	if (len && path[0] == '/')
		return st_path_join(NULL, path, len);
	if (dirfd != AT_FDCWD_VALUE) {
		char *base = fd_path(s, c->ev->tid, dirfd);
		if (!base)
			return NULL;
		char *r = len ? st_path_join(base, path, len) : strdup(base);
		free(base);
		return r;
	}
	if (!len)
		return NULL; /* "" without a dirfd: ENOENT, no file */
	return st_path_join(st_procs_cwd(p, c->ev->pid), path, len);
}

/* Ranks for keeping: touched more, then touched later. */
static int keep_cmp(const void *pa, const void *pb)
{
	const struct file *a = pa, *b = pb;
	if (a->merged != b->merged)
		return a->merged ? 1 : -1;
	if (a->touches != b->touches)
		return a->touches < b->touches ? 1 : -1;
	return (a->last < b->last) - (a->last > b->last);
}

static void drop_file(void *rec, void *ctx)
{
	struct file *const fl = rec, *const sum = ctx;
	sum->touches += !fl->merged;
	sum->opens += fl->opens;
	sum->failed += fl->failed;
	sum->read += fl->read;
	sum->written += fl->written;
	sum->stats += fl->stats;
	free(fl->path);
	free(fl->errs.v);
}

static int rebuild_map(struct st_files *f)
{
	st_map_free(&f->map);
	for (size_t i = 0; i < f->n; i++) {
		if (st_map_put_str(&f->map, f->v[i].path, i) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* The file path names: itself, or the file it is an alias of. */
static const char *file_named(const struct st_files *f, const char *path)
{
	const size_t a = st_map_get_str(&f->alias_map, path);
	return a == SIZE_MAX ? path : f->aliases[a].file;
}

/* path's file, touched by one more call. */
static struct file *get_file(struct st_files *f, const char *path)
{
	path = file_named(f, path);
	size_t i = st_map_get_str(&f->map, path);
	if (i == SIZE_MAX) {
		if (f->n == ST_MAX_PATHS) {
			st_keep_best(f->v, &f->n, sizeof(*f->v), ST_MAX_PATHS / 2, keep_cmp,
				     drop_file, &f->dropped);
			if (rebuild_map(f) < 0)
				return NULL;
		}
		if (st_grow((void **)&f->v, &f->cap, f->n, sizeof(*f->v)) < 0)
			return NULL;
		char *const copy = strdup(path);
		if (!copy || st_map_put_str(&f->map, copy, f->n) < 0) {
			free(copy);
			return NULL;
		}
		i = f->n++;
		memset(&f->v[i], 0, sizeof(f->v[i]));
		f->v[i].path = copy;
	}
	struct file *const fl = &f->v[i];
	fl->touches++;
	fl->last = ++f->calls;
	return fl;
}

/* path opened the file the kernel names file: path is an alias of file from
 * now on, and what was counted under path so far joins file's row. */
static int add_alias(struct st_files *f, const char *path, const char *file)
{
	if (!strcmp(path, file) || st_map_get_str(&f->alias_map, path) != SIZE_MAX ||
	    f->naliases == ST_MAX_PATHS)
		return 0;
	if (st_grow((void **)&f->aliases, &f->aliases_cap, f->naliases, sizeof(*f->aliases)) < 0)
		return -ENOMEM;
	struct alias *const a = &f->aliases[f->naliases];
	a->path = strdup(path);
	a->file = strdup(file_named(f, file));
	if (!a->path || !a->file || st_map_put_str(&f->alias_map, a->path, f->naliases) < 0) {
		free(a->path);
		free(a->file);
		return -ENOMEM;
	}
	f->naliases++;
	const size_t old = st_map_get_str(&f->map, path);
	if (old == SIZE_MAX || f->v[old].merged)
		return 0;
	struct file *const to = get_file(f, a->file); /* may move f->v */
	if (!to)
		return -ENOMEM;
	struct file *const from = &f->v[old];
	to->touches += from->touches - 1; /* get_file counted one */
	to->opens += from->opens;
	to->failed += from->failed;
	to->read += from->read;
	to->written += from->written;
	to->stats += from->stats;
	for (size_t k = 0; k < from->errs.n; k++) {
		if (st_errs_add_count(&to->errs, from->errs.v[k].err, from->errs.v[k].count) < 0)
			return -ENOMEM;
	}
	*from = (struct file){.path = from->path, .merged = true, .errs = from->errs};
	from->errs.n = 0;
	return 0;
}

enum io_dir { IO_READ, IO_WRITE };

static int add_io(struct st_files *f, const struct rp_session *s, const struct st_call *c, int fd,
		  enum io_dir dir)
{
	if (c->err || c->sc->rval <= 0)
		return 0;
	char *p = fd_path(s, c->ev->tid, fd);
	if (!p)
		return -ENOMEM;
	struct file *fl = get_file(f, p);
	free(p);
	if (!fl)
		return -ENOMEM;
	if (dir == IO_READ)
		fl->read += (uint64_t)c->sc->rval;
	else
		fl->written += (uint64_t)c->sc->rval;
	return 0;
}

/* The first path argument, or -1. */
static int path_arg(const struct sc_desc *d)
{
	for (unsigned i = 0; i < d->nargs && i < 6; i++) {
		if (d->args[i].kind == SC_ARG_PATH)
			return (int)i;
	}
	return -1;
}

int st_files_call(struct st_files *f, const struct rp_session *s, const struct st_procs *p,
		  const struct st_call *c)
{
	const struct sc_desc *d = c->sc->desc;
	if (!d)
		return 0;
	/* data moved through descriptors; an mmsghdr call's result counts
	 * messages, not bytes */
	const int src = sc_data_fd_arg(d, SC_T_DATA_SOURCE),
		  sink = sc_data_fd_arg(d, SC_T_DATA_SINK);
	const int data = sc_data_arg(d);
	if (src >= 0 || sink >= 0) {
		if (data >= 0 && d->args[data].kind == SC_ARG_MMSGHDR)
			return 0;
		const int rc =
		    src < 0 ? 0 : add_io(f, s, c, (int)(int32_t)c->sc->args[src], IO_READ);
		return rc || sink < 0 ? rc
				      : add_io(f, s, c, (int)(int32_t)c->sc->args[sink], IO_WRITE);
	}
	const int fd0 = (int)(int32_t)c->sc->args[0];
	/* opening a path: open, openat, openat2, creat (open_tree, fspick) */
	const bool is_open =
	    (d->classes & (SC_CLASS_FILE | SC_CLASS_RET_FD)) == (SC_CLASS_FILE | SC_CLASS_RET_FD);
	const bool is_stat = (d->classes & SC_CLASS_STAT_LIKE) != 0;
	if (!is_open && !is_stat)
		return 0;
	const int pa = path_arg(d);
	char *path = NULL;
	if (pa >= 0)
		path = st_call_path(s, p, c, (unsigned)pa);
	else if (d->args[0].kind == SC_ARG_FD)
		path = fd_path(s, c->ev->tid, fd0); /* fstat */
	if (!path)
		return 0;
	if (is_open && !c->err) {
		const struct rp_mem *const link = rp_syscall_returned_fd_link(c->sc);
		const size_t len = link ? strnlen((const char *)link->data, link->len) : 0;
		if (len && link->data[0] == '/') {
			char *const file = st_path_join(NULL, (const char *)link->data, len);
			const int rc = file ? add_alias(f, path, file) : -ENOMEM;
			free(file);
			if (rc < 0) {
				free(path);
				return rc;
			}
		}
	}
	struct file *fl = get_file(f, path);
	free(path);
	if (!fl)
		return -ENOMEM;
	if (is_stat) {
		fl->stats++;
	} else if (c->err) {
		fl->failed++;
		return st_errs_add(&fl->errs, c->err);
	} else {
		fl->opens++;
	}
	return 0;
}

static enum st_file_sort g_fsort; /* qsort has no context argument */

static int file_cmp(const void *pa, const void *pb)
{
	const struct file *a = pa, *b = pb;
	uint64_t x = 0, y = 0;
	switch (g_fsort) {
	case ST_FSORT_PATH:
		return strcmp(a->path, b->path);
	case ST_FSORT_OPENS:
		x = a->opens, y = b->opens;
		break;
	case ST_FSORT_FAILED:
		x = a->failed, y = b->failed;
		break;
	case ST_FSORT_READ:
		x = a->read, y = b->read;
		break;
	case ST_FSORT_WRITTEN:
		x = a->written, y = b->written;
		break;
	case ST_FSORT_STATS:
		x = a->stats, y = b->stats;
		break;
	}
	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(a->path, b->path);
}

/* What the bounded table dropped: a last line in text, a table of one row
 * in JSON (always) and CSV (when something was dropped). */
static void print_dropped(const struct st_files *f, struct st_out *o)
{
	static const char *const cols[] = {
	    "paths",	     "opens",	   "failed_opens", "bytes_read",
	    "bytes_written", "stat_calls", "max_paths",	   NULL};
	const struct file *const d = &f->dropped;
	if (o->fmt == ST_TEXT) {
		if (d->touches)
			fprintf(
			    o->f,
			    "%7" PRIu64 " %7" PRIu64 " %-22s %12" PRIu64 " %12" PRIu64 " %7" PRIu64
			    "  [%" PRIu64
			    " more paths dropped: at most %u are kept, those touched least go]\n",
			    d->opens, d->failed, "-", d->read, d->written, d->stats, d->touches,
			    ST_MAX_PATHS);
		return;
	}
	if (o->fmt == ST_CSV && !d->touches)
		return;
	st_out_table_begin(o, "dropped", cols);
	st_out_row_begin(o);
	st_out_u64(o, d->touches);
	st_out_u64(o, d->opens);
	st_out_u64(o, d->failed);
	st_out_u64(o, d->read);
	st_out_u64(o, d->written);
	st_out_u64(o, d->stats);
	st_out_u64(o, ST_MAX_PATHS);
	st_out_row_end(o);
	st_out_table_end(o);
}

void st_view_files(struct st_files *f, struct st_out *o, enum st_file_sort sort, unsigned limit)
{
	static const char *const cols[] = {"path",	 "opens",	  "failed_opens", "errnos",
					   "bytes_read", "bytes_written", "stat_calls",	  NULL};
	st_out_view_begin(o, "files");
	g_fsort = sort;
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), file_cmp);
	rebuild_map(f); /* indices moved */
	if (o->fmt == ST_TEXT)
		fprintf(o->f, "%7s %7s %-22s %12s %12s %7s  %s\n", "OPENS", "FAILED", "ERRNOS",
			"READ", "WRITTEN", "STATS", "PATH");
	else
		st_out_table_begin(o, "files", cols);
	size_t shown = 0;
	for (size_t i = 0; i < f->n && (!limit || shown < limit); i++) {
		struct file *fl = &f->v[i];
		if (fl->merged)
			continue;
		shown++;
		st_errs_sort(&fl->errs);
		struct rp_buf b = {0};
		st_errs_format(&fl->errs, &b, ":", " ");
		rp_buf_putc(&b, '\0');
		const char *errs = b.oom ? "?" : b.data;
		if (o->fmt == ST_TEXT) {
			fprintf(o->f,
				"%7" PRIu64 " %7" PRIu64 " %-22s %12" PRIu64 " %12" PRIu64
				" %7" PRIu64 "  %s\n",
				fl->opens, fl->failed, *errs ? errs : "-", fl->read, fl->written,
				fl->stats, fl->path);
		} else {
			st_out_row_begin(o);
			st_out_str(o, fl->path);
			st_out_u64(o, fl->opens);
			st_out_u64(o, fl->failed);
			st_out_str(o, errs);
			st_out_u64(o, fl->read);
			st_out_u64(o, fl->written);
			st_out_u64(o, fl->stats);
			st_out_row_end(o);
		}
		rp_buf_free(&b);
	}
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);
	print_dropped(f, o);
	st_out_view_end(o);
}
