/* strscrub: writes a copy of a strec trace that is fit for sharing. The
 * contents of captured buffers are dropped (their lengths stay), paths can
 * be masked, execve's argv and environment strings and whole processes can
 * be dropped, and the header says what was done ("scrubbed", FORMAT.md
 * "Scrubbed traces"). Streams: memory stays flat however long the trace.
 * Exit: 0 ok, 1 runtime error (no output left behind), 2 usage. */
#include "replay.h" /* rp_trace_open */
#include "scrub_rule.h"
#include "strtrc.h"
#include "syscall_table.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct opts {
	const char *in, *out;
	const char **masks;
	size_t nmasks;
	bool drop_argv, drop_env, drop_hostname;
	bool force;	/* --force: the output may replace a file that is not a trace */
	uint32_t *pids; /* --drop-pid */
	size_t npids;
};

static void usage(FILE *f)
{
	fputs("Usage: strscrub [OPTIONS] IN -o OUT\n"
	      "Write a copy of the strec trace IN without the captured buffer contents\n"
	      "(read/write data, strings, ...; their lengths are kept), for sharing.\n"
	      "Paths and structures are kept unless an option says otherwise.\n"
	      "\n"
	      "  -o FILE             the scrubbed trace (required; not IN; replaces only\n"
	      "                      another trace)\n"
	      "  --force             replace FILE even if it is not a trace\n"
	      "  --mask-paths GLOB   mask paths matching GLOB (fnmatch, '*' also matches '/';\n"
	      "                      repeatable): \"/home/*\" turns /home/u/x into /home/**,\n"
	      "                      in every string that names one (sh -c 'cat /home/u/x')\n"
	      "  --drop-argv         drop execve's argument strings (and the command line\n"
	      "                      in the header)\n"
	      "  --drop-env          drop execve's environment strings and the header's env\n"
	      "  --drop-hostname     drop the name of the machine the trace was recorded on\n"
	      "  --drop-pid PID      drop every record of process PID and its threads\n"
	      "                      (repeatable)\n"
	      "  -h, --help          this text\n"
	      "  --version           the version\n"
	      "\n"
	      "Exit status: 0 ok, 1 runtime error, 2 usage error.\n",
	      f);
}

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("strscrub: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'strscrub --help' for more information.\n", stderr);
	exit(2);
}

static void oom(void) __attribute__((noreturn));
static void oom(void)
{
	fputs("strscrub: out of memory\n", stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *const a = argv[i];
		const char *val = NULL;
		/* options with a value: "--opt VAL" or "--opt=VAL" */
		static const char *const with_val[] = {"-o", "--output", "--mask-paths",
						       "--drop-pid"};
		const char *name = a;
		char buf[32];
		const char *const eq = strchr(a, '=');
		if (a[0] == '-' && a[1] == '-' && eq && (size_t)(eq - a) < sizeof(buf)) {
			memcpy(buf, a, (size_t)(eq - a));
			buf[eq - a] = '\0';
			name = buf;
			val = eq + 1;
		}
		bool takes = false;
		for (size_t k = 0; k < sizeof(with_val) / sizeof(with_val[0]); k++)
			takes |= !strcmp(name, with_val[k]);
		if (takes && !val) {
			if (i + 1 >= argc)
				usage_error("option '%s' needs a value", name);
			val = argv[++i];
		} else if (!takes && val) {
			usage_error("option '%s' takes no value", name);
		}
		if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(name, "--version")) {
			printf("strscrub %s\n", STREC_VERSION);
			exit(0);
		} else if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
			o->out = val;
		} else if (!strcmp(name, "--mask-paths")) {
			if (!*val)
				usage_error("--mask-paths: empty pattern");
			o->masks = xrealloc(o->masks, (o->nmasks + 1) * sizeof(*o->masks));
			o->masks[o->nmasks++] = val;
		} else if (!strcmp(name, "--force")) {
			o->force = true;
		} else if (!strcmp(name, "--drop-argv")) {
			o->drop_argv = true;
		} else if (!strcmp(name, "--drop-env")) {
			o->drop_env = true;
		} else if (!strcmp(name, "--drop-hostname")) {
			o->drop_hostname = true;
		} else if (!strcmp(name, "--drop-pid")) {
			char *end;
			errno = 0;
			const unsigned long v = strtoul(val, &end, 10);
			if (errno || end == val || *end || v == 0 || v > UINT32_MAX ||
			    val[0] == '-')
				usage_error("--drop-pid: '%s' is not a process id", val);
			o->pids = xrealloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
			o->pids[o->npids++] = (uint32_t)v;
		} else if (a[0] == '-' && a[1]) {
			usage_error("unknown option '%s'", a);
		} else if (!o->in) {
			o->in = a;
		} else {
			usage_error("more than one input trace ('%s', '%s')", o->in, a);
		}
	}
	if (!o->in)
		usage_error("no input trace");
	if (!o->out)
		usage_error("no output: -o FILE is required");
	if (!strcmp(o->out, "-") || !strcmp(o->in, "-"))
		usage_error("input and output must be files");
}

/* ---- per-thread state: the syscall a memory record belongs to ---- */

struct task {
	bool dropped;
	bool in_call; /* entry seen, memory records belong to it */
	uint32_t arch;
	uint64_t nr;
	uint64_t args[6];
};

/* The live tasks that have state, by tid (struct task *): made by syscall
 * entries and dropped processes, forgotten at their exit. */
struct tasks {
	struct strec_u32map by_tid;
};

static struct task *task_find(const struct tasks *t, uint32_t tid)
{
	uint64_t v;
	return strec_u32map_get(&t->by_tid, tid, &v) ? (struct task *)(uintptr_t)v : NULL;
}

static struct task *task_get(struct tasks *t, uint32_t tid)
{
	struct task *task = task_find(t, tid);
	if (task)
		return task;
	if (!(task = calloc(1, sizeof(*task))) ||
	    strec_u32map_put(&t->by_tid, tid, (uintptr_t)task) < 0)
		oom();
	return task;
}

static void task_forget(struct tasks *t, uint32_t tid)
{
	free(task_find(t, tid));
	strec_u32map_remove(&t->by_tid, tid);
}

static void tasks_free(struct tasks *t)
{
	for (size_t i = 0; i < t->by_tid.cap; i++) {
		uint64_t v;
		if (strec_u32map_at(&t->by_tid, i, NULL, &v))
			free((struct task *)(uintptr_t)v);
	}
	strec_u32map_free(&t->by_tid);
}

/* ---- paths ---- */

/* The literal directory part of a glob: "/home/" for "/home/u*". */
static size_t glob_prefix(const char *glob)
{
	const size_t lit = strcspn(glob, "*?[\\");
	size_t cut = 0;
	for (size_t i = 0; i < lit; i++)
		if (glob[i] == '/')
			cut = i + 1;
	return cut;
}

/* The masked form of a path matching glob: the glob's literal directory
 * part, then one '*' per length class of the rest (<8, <64, <512, longer
 * bytes). Never longer than the path. */
static size_t mask_one(const char *glob, const char *path, size_t len, char *out)
{
	size_t pre = glob_prefix(glob);
	if (pre > len || memcmp(path, glob, pre) != 0)
		pre = 0;
	const size_t rest = len - pre;
	const size_t stars = rest < 8 ? 1 : rest < 64 ? 2 : rest < 512 ? 3 : 4;
	assert(pre + stars <= len);
	memcpy(out, path, pre);
	memset(out + pre, '*', stars);
	return pre + stars;
}

/* The first --mask-paths glob that path (NUL-terminated) matches, or NULL. */
static const char *matching_glob(const struct opts *o, const char *path)
{
	for (size_t i = 0; i < o->nmasks; i++)
		if (fnmatch(o->masks[i], path, 0) == 0)
			return o->masks[i];
	return NULL;
}

/* What may stand around a path inside a longer string: a shell command
 * (sh -c '...'), an option's value (--out=...), a list (PATH=a:b). */
static bool is_path_delimiter(uint8_t c)
{
	return c <= ' ' || (c < 0x80 && strchr("\"'`;&|<>(){}=:,", c));
}

/* p (len bytes) with every path that matches a glob masked: the whole
 * string if it matches, else each delimited word of it that does. NULL
 * when nothing matched; else a string of the caller's to free (*out_len
 * bytes, NUL-terminated). */
static char *mask_string(const struct opts *o, const uint8_t *p, size_t len, size_t *out_len)
{
	if (!o->nmasks || len == 0 || memchr(p, '\0', len))
		return NULL;
	char *const text = xrealloc(NULL, len + 1);
	memcpy(text, p, len);
	text[len] = '\0';
	char *const out = xrealloc(NULL, len + 1);
	const char *glob = matching_glob(o, text);
	size_t n = 0;
	if (glob) {
		n = mask_one(glob, text, len, out);
	} else {
		bool masked = false;
		for (size_t i = 0; i < len;) {
			size_t end = i;
			while (end < len && !is_path_delimiter((uint8_t)text[end]))
				end++;
			if (end == i) {
				out[n++] = text[i++];
				continue;
			}
			const char saved = text[end];
			text[end] = '\0';
			glob = matching_glob(o, text + i);
			text[end] = saved;
			if (glob) {
				n += mask_one(glob, text + i, end - i, out + n);
				masked = true;
			} else {
				memcpy(out + n, text + i, end - i);
				n += end - i;
			}
			i = end;
		}
		if (!masked) {
			free(text);
			free(out);
			return NULL;
		}
	}
	free(text);
	out[n] = '\0';
	*out_len = n;
	return out;
}

/* Strings made for the record being copied, freed once it is written. */
struct owned {
	char **v;
	size_t n, cap;
};

static void owned_add(struct owned *w, char *s)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->v = xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = s;
}

static void owned_clear(struct owned *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	w->n = 0;
}

/* A header string masked where it names a matching path. */
static const char *mask_text(const struct opts *o, const char *s, struct owned *keep)
{
	size_t n;
	char *const masked = s ? mask_string(o, (const uint8_t *)s, strlen(s), &n) : NULL;
	if (!masked)
		return s;
	owned_add(keep, masked);
	return masked;
}

/* Masks b where it names a matching path (b then points into keep's). */
static bool mask_bytes(const struct opts *o, struct strtrc_bytes *b, struct owned *keep)
{
	size_t n;
	char *const masked = b->data ? mask_string(o, b->data, b->len, &n) : NULL;
	if (!masked)
		return false;
	owned_add(keep, masked);
	b->data = (const uint8_t *)masked;
	b->len = n;
	return true;
}

/* ---- memory records ---- */

/* What to do with a memory record of a call (scrub_rule.h): keep
 * fixed-layout values (structures, arrays, socket addresses, the
 * iovec/msghdr arrays themselves), paths (maybe masked) and argv/env
 * strings unless dropped; scrub the rest (buffers, strings, what iovecs
 * point to, unknown calls). */
static enum scrub_action mem_action(const struct opts *o, const struct task *t,
				    const struct strtrc_memory *m)
{
	struct scrub_call c = {.in_call = t->in_call, .arch = t->arch, .nr = t->nr};
	memcpy(c.args, t->args, sizeof(c.args));
	return scrub_mem_action(&c, m, o->drop_argv, o->drop_env);
}

/* ---- the copy ---- */

struct scrubber {
	const struct opts *o;
	struct strtrc_writer *w;
	struct tasks tasks;
	uint64_t lost; /* the input END's */
	struct strtrc_fd_entry *fds;
	size_t fds_cap;
	struct owned strings; /* masked strings of the record being copied */
};

static bool pid_dropped(const struct opts *o, uint32_t pid)
{
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

/* Rewrites rec as it goes out; false: drop it. */
static bool scrub_record(struct scrubber *s, struct strtrc_record *rec)
{
	const struct opts *const o = s->o;
	if (rec->kind == STRTRC_END) {
		s->lost = rec->u.end.lost;
		return false; /* the writer writes its own */
	}
	if (rec->kind == STRTRC_SNAPSHOT && pid_dropped(o, rec->tid))
		for (size_t i = 0; i < rec->u.snapshot.ntids; i++)
			task_get(&s->tasks, rec->u.snapshot.tids[i])->dropped = true;
	if (pid_dropped(o, rec->tid))
		task_get(&s->tasks, rec->tid)->dropped = true;
	struct task *t = task_find(&s->tasks, rec->tid);
	const bool gone = rec->kind == STRTRC_EXIT || rec->kind == STRTRC_DETACH;
	if (t && t->dropped) {
		/* a thread of a dropped process is dropped with it */
		if (rec->kind == STRTRC_SPAWN && sc_clone_makes_thread(rec->u.spawn.clone_flags))
			task_get(&s->tasks, rec->u.spawn.new_tid)->dropped = true;
		if (gone)
			task_forget(&s->tasks, rec->tid); /* the tid may be reused */
		return false;
	}
	if (gone) {
		task_forget(&s->tasks, rec->tid);
		return true;
	}
	/* a memory record of a task with no call: scrubbed as a stray */
	static const struct task none;
	if (rec->kind == STRTRC_SYSCALL_ENTRY)
		t = task_get(&s->tasks, rec->tid);
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY:
		t->in_call = true;
		t->arch = rec->u.entry.arch;
		t->nr = rec->u.entry.nr;
		memcpy(t->args, rec->u.entry.args, sizeof(t->args));
		break;
	case STRTRC_MEMORY: {
		struct strtrc_memory *const m = &rec->u.memory;
		const enum scrub_action act = mem_action(o, t ? t : &none, m);
		if (act == SCRUB_MASK && mask_bytes(o, &m->data, &s->strings)) {
			/* replaced, not cut: SCRUBBED without TRUNCATED */
			m->flags |= STRTRC_MEM_SCRUBBED;
			m->full_len = m->data.len + ((m->flags & STRTRC_MEM_STRING) ? 1 : 0);
		} else if (act == SCRUB_DROP) {
			scrub_mem_drop(m);
		}
		break;
	}
	case STRTRC_EXEC:
		mask_bytes(o, &rec->u.exec.exe, &s->strings);
		break;
	case STRTRC_SNAPSHOT: {
		struct strtrc_snapshot *const sn = &rec->u.snapshot;
		mask_bytes(o, &sn->comm, &s->strings);
		mask_bytes(o, &sn->exe, &s->strings);
		mask_bytes(o, &sn->cwd, &s->strings);
		if (sn->nfds > s->fds_cap) {
			s->fds_cap = sn->nfds;
			s->fds = xrealloc(s->fds, s->fds_cap * sizeof(*s->fds));
		}
		for (size_t i = 0; i < sn->nfds; i++) {
			s->fds[i] = sn->fds[i];
			mask_bytes(o, &s->fds[i].path, &s->strings);
		}
		sn->fds = s->fds;
		break;
	}
	default:
		break;
	}
	return true;
}

/* The output header: the input's, masked and trimmed, plus "scrubbed". */
struct out_header {
	struct strtrc_header h;
	const char **cmd, **rec_argv, **env, **masks;
	uint32_t *pids, *dropped;
	struct owned strings; /* masked strings */
};

/* A copy of a string vector, each string dropped (emptied) or masked. */
static const char **copy_strings(const struct opts *o, const char *const *v, size_t n, bool drop,
				 struct owned *keep)
{
	const char **const copy = xrealloc(NULL, (n + 1) * sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = drop ? "" : mask_text(o, v[i], keep);
	copy[n] = NULL;
	return copy;
}

static void make_header(struct out_header *oh, const struct strtrc_header *in, const struct opts *o)
{
	struct strtrc_header *const h = &oh->h;
	*h = *in;
	h->cwd = mask_text(o, in->cwd, &oh->strings);
	if (o->drop_hostname)
		h->hostname = NULL;
	/* --drop-argv: counts kept, strings emptied; strec's own options too,
	 * as the command follows them (its name stays) */
	oh->cmd = copy_strings(o, in->command_argv, in->command_argc, o->drop_argv, &oh->strings);
	h->command_argv = oh->cmd;
	oh->rec_argv =
	    copy_strings(o, in->recorder_argv, in->recorder_argc, o->drop_argv, &oh->strings);
	if (o->drop_argv && in->recorder_argc)
		oh->rec_argv[0] = in->recorder_argv[0];
	h->recorder_argv = oh->rec_argv;
	if (o->drop_env) {
		h->env_recorded = false;
		h->envc = 0;
		h->envp = NULL;
	} else {
		oh->env = copy_strings(o, in->envp, in->envc, false, &oh->strings);
		h->envp = oh->env;
	}
	oh->pids = xrealloc(NULL, (in->npids + 1) * sizeof(uint32_t));
	h->npids = 0;
	for (size_t i = 0; i < in->npids; i++)
		if (!pid_dropped(o, in->pids[i]))
			oh->pids[h->npids++] = in->pids[i];
	h->pids = oh->pids;
	/* a trace scrubbed twice says all that was done */
	const struct strtrc_scrub *const prev = in->scrubbed ? &in->scrub : NULL;
	struct strtrc_scrub *const sc = &h->scrub;
	h->scrubbed = true;
	sc->tool = "strscrub " STREC_VERSION;
	sc->buffers = true;
	sc->argv = o->drop_argv || (prev && prev->argv);
	sc->env = o->drop_env || (prev && prev->env);
	sc->hostname = o->drop_hostname || (prev && prev->hostname);
	const size_t pm = prev ? prev->nmasks : 0, pp = prev ? prev->ndropped : 0;
	oh->masks = xrealloc(NULL, (pm + o->nmasks + 1) * sizeof(char *));
	for (size_t i = 0; i < pm; i++)
		oh->masks[i] = prev->masks[i];
	for (size_t i = 0; i < o->nmasks; i++)
		oh->masks[pm + i] = o->masks[i];
	sc->masks = oh->masks;
	sc->nmasks = pm + o->nmasks;
	oh->dropped = xrealloc(NULL, (pp + o->npids + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < pp; i++)
		oh->dropped[i] = prev->dropped_pids[i];
	for (size_t i = 0; i < o->npids; i++)
		oh->dropped[pp + i] = o->pids[i];
	sc->dropped_pids = oh->dropped;
	sc->ndropped = pp + o->npids;
}

static void free_header(struct out_header *oh)
{
	free(oh->cmd);
	free(oh->rec_argv);
	free(oh->env);
	owned_clear(&oh->strings);
	free(oh->strings.v);
	free(oh->masks);
	free(oh->pids);
	free(oh->dropped);
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	parse_args(&o, argc, argv);

	int err = 0;
	char msg[512];
	struct strtrc_reader *const rd = rp_trace_open(o.in, &err, msg, sizeof(msg));
	if (!rd) {
		fprintf(stderr, "strscrub: %s\n", msg);
		return 1;
	}
	struct out_header oh = {0};
	make_header(&oh, strtrc_reader_header(rd), &o);
	struct scrubber s = {.o = &o};
	const int out_fd =
	    strtrc_output_open(o.out, STRTRC_OUTPUT_TRACE, o.force, &o.in, 1, msg, sizeof(msg));
	s.w = out_fd >= 0 ? strtrc_writer_open_fd(out_fd, NULL, &err, msg, sizeof(msg)) : NULL;
	if (!s.w) {
		fprintf(stderr, "strscrub: %s\n", msg);
		if (out_fd >= 0)
			close(out_fd);
		strtrc_reader_close(rd);
		free_header(&oh);
		return out_fd == -EINVAL ? 2 : 1;
	}
	int status = 0;
	int rc = strtrc_write_header(s.w, &oh.h);
	struct strtrc_record rec;
	while (rc >= 0 && (rc = strtrc_reader_next(rd, &rec)) > 0) {
		if (scrub_record(&s, &rec))
			rc = strtrc_write(s.w, &rec);
		owned_clear(&s.strings);
	}
	if (rc < 0) {
		/* a reader error (names the input and the offset) or a writer one */
		if (strtrc_reader_error(rd))
			fprintf(stderr, "strscrub: %s\n", strtrc_reader_error(rd));
		else
			fprintf(stderr, "strscrub: %s: %s\n", o.out,
				strtrc_writer_error(s.w) ? strtrc_writer_error(s.w)
							 : strerror(-rc));
		strtrc_writer_abandon(s.w);
		unlink(o.out); /* no half-scrubbed file to share by mistake */
		status = 1;
	} else if (!strtrc_reader_complete(rd)) {
		/* the copy ends as the input does: without an END record */
		const char *const warn = strtrc_reader_warning(rd);
		fprintf(stderr, "strscrub: warning: %s (the copy has no end record either)\n",
			warn ? warn : "incomplete trace");
		if (strtrc_writer_flush(s.w) < 0) {
			fprintf(stderr, "strscrub: %s: %s\n", o.out, strtrc_writer_error(s.w));
			unlink(o.out);
			status = 1;
		}
		strtrc_writer_abandon(s.w);
	} else if (strtrc_writer_close(s.w, s.lost) < 0) {
		fprintf(stderr, "strscrub: %s: write error\n", o.out);
		unlink(o.out);
		status = 1;
	}
	if (close(out_fd) < 0 && status == 0) {
		fprintf(stderr, "strscrub: %s: %s\n", o.out, strerror(errno));
		unlink(o.out);
		status = 1;
	}
	strtrc_reader_close(rd);
	free_header(&oh);
	tasks_free(&s.tasks);
	free(s.fds);
	free(s.strings.v);
	free(o.masks);
	free(o.pids);
	return status;
}
