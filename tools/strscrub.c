/* strscrub: writes a copy of a strec trace that is fit for sharing. The
 * contents of captured buffers are dropped (their lengths stay), paths can
 * be masked, execve's argv and environment strings and whole processes can
 * be dropped, and the header says what was done ("scrubbed", FORMAT.md
 * "Scrubbed traces"). Streams: memory stays flat however long the trace.
 * Exit: 0 ok, 1 runtime error (no output left behind), 2 usage. */
#include "replay.h" /* rp_trace_open */
#include "strtrc.h"
#include "syscall_table.h"

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
	bool drop_argv, drop_env;
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
	      "  -o FILE             the scrubbed trace (required; not IN)\n"
	      "  --mask-paths GLOB   mask paths matching GLOB (fnmatch, '*' also matches '/';\n"
	      "                      repeatable): \"/home/*\" turns /home/u/x into /home/**\n"
	      "  --drop-argv         drop execve's argument strings (and the command line\n"
	      "                      in the header)\n"
	      "  --drop-env          drop execve's environment strings and the header's env\n"
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
		} else if (!strcmp(name, "--drop-argv")) {
			o->drop_argv = true;
		} else if (!strcmp(name, "--drop-env")) {
			o->drop_env = true;
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
	struct stat si, so;
	if (!strcmp(o->out, "-") || !strcmp(o->in, "-"))
		usage_error("input and output must be files");
	if (stat(o->in, &si) == 0 && stat(o->out, &so) == 0 && si.st_dev == so.st_dev &&
	    si.st_ino == so.st_ino)
		usage_error("the output '%s' is the input", o->out);
}

/* ---- per-thread state: the syscall a memory record belongs to ---- */

struct task {
	bool used; /* slot taken */
	uint32_t tid;
	bool dropped;
	bool in_call; /* entry seen, memory records belong to it */
	uint32_t arch;
	uint64_t nr;
	uint64_t args[6];
};

struct tasks {
	struct task *v;
	size_t cap, n; /* cap: power of two */
};

static struct task *task_get(struct tasks *t, uint32_t tid)
{
	if ((t->n + 1) * 2 > t->cap) {
		/* grow and rehash */
		const size_t cap = t->cap ? t->cap * 2 : 64;
		struct task *const v = calloc(cap, sizeof(*v));
		if (!v)
			oom();
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->v[i].used)
				continue;
			size_t j = (t->v[i].tid * 2654435761u) & (cap - 1);
			while (v[j].used)
				j = (j + 1) & (cap - 1);
			v[j] = t->v[i];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	size_t j = (tid * 2654435761u) & (t->cap - 1);
	while (t->v[j].used && t->v[j].tid != tid)
		j = (j + 1) & (t->cap - 1);
	if (!t->v[j].used) {
		t->v[j] = (struct task){.used = true, .tid = tid};
		t->n++;
	}
	return &t->v[j];
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

/* Whether p (len bytes, any bytes) matches a --mask-paths glob; if so,
 * its masked form: the glob's literal directory part, then one '*' per
 * length class of the rest (<8, <64, <512, longer bytes). */
static bool mask_path(const struct opts *o, const uint8_t *p, size_t len, char *out,
		      size_t out_size, size_t *out_len)
{
	if (!o->nmasks || len == 0 || len >= 8192 || memchr(p, '\0', len))
		return false;
	char s[8192];
	memcpy(s, p, len);
	s[len] = '\0';
	for (size_t i = 0; i < o->nmasks; i++) {
		if (fnmatch(o->masks[i], s, 0) != 0)
			continue;
		size_t pre = glob_prefix(o->masks[i]);
		if (pre > len || memcmp(s, o->masks[i], pre) != 0)
			pre = 0;
		const size_t rest = len - pre;
		const unsigned stars = rest < 8 ? 1 : rest < 64 ? 2 : rest < 512 ? 3 : 4;
		if (pre + stars >= out_size)
			return false;
		memcpy(out, s, pre);
		memset(out + pre, '*', stars);
		out[pre + stars] = '\0';
		*out_len = pre + stars;
		return true;
	}
	return false;
}

/* A header string masked when it matches (static storage per call site). */
static const char *mask_text(const struct opts *o, const char *s, char *buf, size_t size)
{
	size_t n;
	if (s && mask_path(o, (const uint8_t *)s, strlen(s), buf, size, &n))
		return buf;
	return s;
}

/* Masks b in place (pointing it at buf) when it matches. */
static bool mask_bytes(const struct opts *o, struct strtrc_bytes *b, char *buf, size_t size)
{
	size_t n;
	if (!b->data || !mask_path(o, b->data, b->len, buf, size, &n))
		return false;
	b->data = (const uint8_t *)buf;
	b->len = n;
	return true;
}

/* ---- memory records ---- */

enum mem_action { KEEP, SCRUB, MASK };

/* What to do with a memory record of a call: keep fixed-layout values
 * (structures, arrays, socket addresses, the iovec/msghdr arrays
 * themselves), paths (maybe masked) and argv/env strings unless dropped;
 * scrub the rest (buffers, strings, what iovecs point to, unknown calls). */
static enum mem_action mem_action(const struct opts *o, const struct task *t,
				  const struct strtrc_memory *m)
{
	const struct sc_table *const table = sc_table_for_arch(t->arch);
	const struct sc_desc *const d = table ? sc_lookup(table, t->nr) : NULL;
	/* what the kernel named a new descriptor or the new cwd: a path */
	if (t->in_call && m->arg == STRTRC_ARG_RESULT)
		return MASK;
	if (!t->in_call || !d || m->arg >= d->nargs || m->arg >= 6)
		return SCRUB;
	const struct sc_arg a = sc_arg_effective(table, t->nr, d, m->arg, t->args);
	switch (a.kind) {
	case SC_ARG_PATH:
		return m->item == 0 ? MASK : SCRUB;
	case SC_ARG_STRVEC: {
		if (m->item == 0)
			return KEEP; /* the pointers */
		/* the first vector is argv, a second one the environment */
		bool env = false;
		for (unsigned i = 0; i < m->arg; i++)
			env |= d->args[i].kind == SC_ARG_STRVEC;
		return (env ? o->drop_env : o->drop_argv) ? SCRUB : MASK;
	}
	case SC_ARG_STRUCT:
	case SC_ARG_ARRAY:
	case SC_ARG_SIGSET:
	case SC_ARG_SOCKADDR:
	case SC_ARG_IOVEC:
	case SC_ARG_MSGHDR:
	case SC_ARG_MMSGHDR:
		return m->item == 0 ? KEEP : SCRUB;
	default:
		return SCRUB;
	}
}

/* ---- the copy ---- */

struct scrubber {
	const struct opts *o;
	struct strtrc_writer *w;
	struct tasks tasks;
	uint64_t lost; /* the input END's */
	struct strtrc_fd_entry *fds;
	size_t fds_cap;
	char (*fd_bufs)[4096];
};

static bool pid_dropped(const struct opts *o, uint32_t pid)
{
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

/* Rewrites rec as it goes out; false: drop it. */
static bool scrub_record(struct scrubber *s, struct strtrc_record *rec, char *buf, size_t size)
{
	const struct opts *const o = s->o;
	if (rec->kind == STRTRC_END) {
		s->lost = rec->u.end.lost;
		return false; /* the writer writes its own */
	}
	/* (task_get may move the table: no task pointer kept across calls) */
	if (rec->kind == STRTRC_SNAPSHOT && pid_dropped(o, rec->tid))
		for (size_t i = 0; i < rec->u.snapshot.ntids; i++)
			task_get(&s->tasks, rec->u.snapshot.tids[i])->dropped = true;
	if (pid_dropped(o, rec->tid))
		task_get(&s->tasks, rec->tid)->dropped = true;
	if (task_get(&s->tasks, rec->tid)->dropped) {
		/* a thread of a dropped process is dropped with it */
		if (rec->kind == STRTRC_SPAWN &&
		    (rec->u.spawn.clone_flags & 0x00010000 /* CLONE_THREAD */))
			task_get(&s->tasks, rec->u.spawn.new_tid)->dropped = true;
		if (rec->kind == STRTRC_EXIT && !pid_dropped(o, rec->tid))
			task_get(&s->tasks, rec->tid)->dropped = false; /* the tid may be reused */
		return false;
	}
	struct task *const t = task_get(&s->tasks, rec->tid);
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY:
		t->in_call = true;
		t->arch = rec->u.entry.arch;
		t->nr = rec->u.entry.nr;
		memcpy(t->args, rec->u.entry.args, sizeof(t->args));
		break;
	case STRTRC_MEMORY: {
		struct strtrc_memory *const m = &rec->u.memory;
		const enum mem_action act = mem_action(o, t, m);
		if (act == MASK && mask_bytes(o, &m->data, buf, size)) {
			/* replaced, not cut: SCRUBBED without TRUNCATED */
			m->flags |= STRTRC_MEM_SCRUBBED;
			m->full_len = m->data.len + ((m->flags & STRTRC_MEM_STRING) ? 1 : 0);
		} else if (act == SCRUB && m->data.len) {
			m->data.len = 0;
			m->flags |= STRTRC_MEM_SCRUBBED | STRTRC_MEM_TRUNCATED;
		}
		break;
	}
	case STRTRC_EXEC:
		mask_bytes(o, &rec->u.exec.exe, buf, size);
		break;
	case STRTRC_SNAPSHOT: {
		struct strtrc_snapshot *const sn = &rec->u.snapshot;
		/* exe and cwd share buf: halves */
		const size_t half = size / 2;
		mask_bytes(o, &sn->exe, buf, half);
		mask_bytes(o, &sn->cwd, buf + half, size - half);
		if (sn->nfds > s->fds_cap) {
			s->fds_cap = sn->nfds;
			s->fds = xrealloc(s->fds, s->fds_cap * sizeof(*s->fds));
			s->fd_bufs = xrealloc(s->fd_bufs, s->fds_cap * sizeof(*s->fd_bufs));
		}
		for (size_t i = 0; i < sn->nfds; i++) {
			s->fds[i] = sn->fds[i];
			mask_bytes(o, &s->fds[i].path, s->fd_bufs[i], sizeof(s->fd_bufs[i]));
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
	const char **cmd, **rec_argv, **masks;
	uint32_t *pids, *dropped;
	char cwd[4096];
};

static void make_header(struct out_header *oh, const struct strtrc_header *in, const struct opts *o)
{
	struct strtrc_header *const h = &oh->h;
	*h = *in;
	h->cwd = mask_text(o, in->cwd, oh->cwd, sizeof(oh->cwd));
	if (o->drop_argv) {
		/* counts kept, strings emptied; strec's own options too, as
		 * the command follows them */
		oh->cmd = xrealloc(NULL, (in->command_argc + 1) * sizeof(char *));
		for (size_t i = 0; i < in->command_argc; i++)
			oh->cmd[i] = "";
		oh->cmd[in->command_argc] = NULL;
		h->command_argv = oh->cmd;
		oh->rec_argv = xrealloc(NULL, (in->recorder_argc + 1) * sizeof(char *));
		for (size_t i = 0; i < in->recorder_argc; i++)
			oh->rec_argv[i] = i == 0 ? in->recorder_argv[0] : "";
		oh->rec_argv[in->recorder_argc] = NULL;
		h->recorder_argv = oh->rec_argv;
	}
	if (o->drop_env) {
		h->env_recorded = false;
		h->envc = 0;
		h->envp = NULL;
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
	s.w = strtrc_writer_open_path(o.out, NULL, &err, msg, sizeof(msg));
	if (!s.w) {
		fprintf(stderr, "strscrub: %s\n", msg);
		strtrc_reader_close(rd);
		free_header(&oh);
		return 1;
	}
	int status = 0;
	int rc = strtrc_write_header(s.w, &oh.h);
	struct strtrc_record rec;
	static char buf[16384];
	while (rc >= 0 && (rc = strtrc_reader_next(rd, &rec)) > 0) {
		if (scrub_record(&s, &rec, buf, sizeof(buf)))
			rc = strtrc_write(s.w, &rec);
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
	strtrc_reader_close(rd);
	free_header(&oh);
	free(s.tasks.v);
	free(s.fds);
	free(s.fd_bufs);
	free(o.masks);
	free(o.pids);
	return status;
}
