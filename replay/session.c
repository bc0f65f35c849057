/* Pairs trace records into whole events: a syscall's entry, its memory
 * captures and its exit become one event emitted at exit. Keeps only what
 * is pending (one syscall per task) and the process tables, so memory stays
 * bounded by the number of live tasks, not the trace length. */
#include "rp_internal.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RP_CLONE_THREAD 0x10000u
#define RP_CLONE_FILES  0x400u

/* What a process's descriptors refer to, and its working directory (both
 * shared by its threads, copied at fork). */
struct fdtab {
	unsigned refs;
	size_t n; /* slots */
	char **path;
	uint8_t *cloexec; /* close-on-exec: forgotten at exec */
	char *cwd; /* NULL: unknown */
};

struct task {
	uint32_t tid, pid;
	bool in_syscall;
	bool exec_pending; /* exec'd during the pending call: forget cloexec fds after it */
	uint64_t seq; /* entry order, to finish unfinished calls oldest first */
	/* the pending call, kept as the event it becomes (ev.u.sc) so that
	 * emitting it copies nothing */
	struct rp_event ev;
	/* memory captures: descriptors and one arena holding their bytes */
	struct rp_mem *mem;
	size_t nmem, mem_cap;
	uint8_t *arena;
	size_t arena_len, arena_cap;
	struct fdtab *fds;
	const struct sc_desc *prev_desc; /* the call before the current one */
};

struct rp_session {
	struct task **tasks;
	size_t ntasks, cap;
	uint64_t seq;
	char *cwd;
	/* The recorder writes exit-time captures after the exit record, so a
	 * returned call is emitted when the next unrelated record arrives. */
	struct task *closing;
	char exe[4096 + 1]; /* the last exec's program, NUL-terminated */
	/* Entry events: a call's entry is emitted once its entry captures,
	 * which follow the entry record, are all in. */
	bool entry_events;
	struct task *opening;
	struct rp_mem *entry_mem;
	size_t entry_mem_cap;
	/* the calls that change the descriptor table, per architecture */
	struct fd_calls {
		uint32_t arch; /* 0: not looked up yet */
		const struct sc_desc *open, *openat, *creat, *openat2, *close, *close_range, *dup,
			*dup2, *dup3, *fcntl, *chdir, *recvmsg, *recvmmsg;
	} fd_calls[2];
};

/* The table's entries for the calls track_fds follows: compared by address,
 * since every call passes there. NULL for an architecture without a table. */
static const struct fd_calls *fd_calls_for(struct rp_session *s, uint32_t arch)
{
	const struct sc_table *const t = sc_table_for_arch(arch);
	if (!t)
		return NULL;
	struct fd_calls *const fc = &s->fd_calls[t == &sc_table_i386];
	if (fc->arch == arch)
		return fc;
#define LOOKUP(name) (sc_number(t, #name) >= 0 ? sc_lookup(t, (unsigned)sc_number(t, #name)) : NULL)
	*fc = (struct fd_calls){
		.arch = arch,
		.open = LOOKUP(open),
		.openat = LOOKUP(openat),
		.creat = LOOKUP(creat),
		.openat2 = LOOKUP(openat2),
		.close = LOOKUP(close),
		.close_range = LOOKUP(close_range),
		.dup = LOOKUP(dup),
		.dup2 = LOOKUP(dup2),
		.dup3 = LOOKUP(dup3),
		.fcntl = LOOKUP(fcntl),
		.chdir = LOOKUP(chdir),
		.recvmsg = LOOKUP(recvmsg),
		.recvmmsg = LOOKUP(recvmmsg),
	};
#undef LOOKUP
	return fc;
}

static struct fdtab *fdtab_new(void)
{
	struct fdtab *t = calloc(1, sizeof(*t));
	if (t)
		t->refs = 1;
	return t;
}

static void fdtab_unref(struct fdtab *t)
{
	if (!t || --t->refs)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->path[i]);
	free(t->path);
	free(t->cloexec);
	free(t->cwd);
	free(t);
}

static struct fdtab *fdtab_copy(const struct fdtab *src)
{
	struct fdtab *t = fdtab_new();
	if (!t || !src)
		return t;
	t->path = calloc(src->n ? src->n : 1, sizeof(*t->path));
	if (!t->path) {
		free(t);
		return NULL;
	}
	t->cloexec = calloc(src->n ? src->n : 1, 1);
	if (!t->cloexec) {
		free(t->path);
		free(t);
		return NULL;
	}
	t->n = src->n;
	for (size_t i = 0; i < src->n; i++)
		t->path[i] = src->path[i] ? strdup(src->path[i]) : NULL;
	if (src->cloexec)
		memcpy(t->cloexec, src->cloexec, src->n);
	t->cwd = src->cwd ? strdup(src->cwd) : NULL;
	return t;
}

static void fdtab_set_cwd(struct fdtab *t, const char *cwd, size_t len)
{
	if (!t)
		return;
	char *const copy = strndup(cwd, len);
	if (!copy)
		return;
	free(t->cwd);
	t->cwd = copy;
}

static void fdtab_set(struct fdtab *t, int64_t fd, const char *path, size_t len)
{
	if (!t || fd < 0 || fd > (1 << 20))
		return;
	if ((size_t)fd >= t->n) {
		size_t n = t->n ? t->n : 16;
		while (n <= (size_t)fd)
			n *= 2;
		char **p = realloc(t->path, n * sizeof(*p));
		if (!p)
			return;
		memset(p + t->n, 0, (n - t->n) * sizeof(*p));
		t->path = p;
		uint8_t *const c = realloc(t->cloexec, n);
		if (!c)
			return; /* path grown, n not: still consistent */
		memset(c + t->n, 0, n - t->n);
		t->cloexec = c;
		t->n = n;
	}
	/* copy first: path may be t->path[fd] itself (dup2(3, 3)) */
	char *const copy = path ? strndup(path, len) : NULL;
	free(t->path[fd]);
	t->path[fd] = copy;
	t->cloexec[fd] = 0;
}

static void fdtab_set_cloexec(struct fdtab *t, int64_t fd, bool on)
{
	if (t && fd >= 0 && (size_t)fd < t->n)
		t->cloexec[fd] = on;
}

/* exec closes the close-on-exec descriptors */
static void fdtab_exec(struct fdtab *t)
{
	for (size_t fd = 0; t && fd < t->n; fd++) {
		if (t->cloexec[fd])
			fdtab_set(t, (int64_t)fd, NULL, 0);
	}
}

/* Whether a successful call opened its descriptor(s) close-on-exec:
 * O_CLOEXEC, SOCK_CLOEXEC, EPOLL_CLOEXEC... are all 02000000. */
static bool opened_cloexec(const char *name, const uint64_t *a)
{
	static const struct {
		const char *name;
		unsigned arg;
	} flag_arg[] = {
		{ "open", 1 },	       { "openat", 2 },	       { "socket", 1 },	 { "socketpair", 1 },
		{ "accept4", 3 },      { "dup3", 2 },	       { "pipe2", 1 },	 { "epoll_create1", 0 },
		{ "eventfd2", 1 },     { "inotify_init1", 0 }, { "signalfd4", 3 }, { "timerfd_create", 1 },
		{ "fanotify_init", 0 },
	};
	for (size_t i = 0; i < sizeof(flag_arg) / sizeof(flag_arg[0]); i++) {
		if (!strcmp(name, flag_arg[i].name))
			return a[flag_arg[i].arg] & 02000000;
	}
	if (!strcmp(name, "memfd_create"))
		return a[1] & 1; /* MFD_CLOEXEC */
	return !strcmp(name, "pidfd_open") || !strcmp(name, "pidfd_getfd"); /* always */
}

static const char *fdtab_get(const struct fdtab *t, int64_t fd)
{
	if (!t || fd < 0 || (size_t)fd >= t->n)
		return NULL;
	return t->path[fd];
}

struct rp_session *rp_session_new(const struct strtrc_header *header)
{
	struct rp_session *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (header && header->cwd)
		s->cwd = strdup(header->cwd);
	return s;
}

static void task_free(struct task *t)
{
	if (!t)
		return;
	free(t->mem);
	free(t->arena);
	fdtab_unref(t->fds);
	free(t);
}

void rp_session_free(struct rp_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ntasks; i++)
		task_free(s->tasks[i]);
	free(s->tasks);
	free(s->cwd);
	free(s->entry_mem);
	free(s);
}

static struct task *find_task(const struct rp_session *s, uint32_t tid)
{
	/* Live tasks are few; a linear scan from the most recent is cheap. */
	for (size_t i = s->ntasks; i-- > 0;) {
		if (s->tasks[i]->tid == tid)
			return s->tasks[i];
	}
	return NULL;
}

static struct task *add_task(struct rp_session *s, uint32_t tid, uint32_t pid)
{
	if (s->ntasks == s->cap) {
		const size_t cap = s->cap ? s->cap * 2 : 16;
		struct task **p = realloc(s->tasks, cap * sizeof(*p));
		if (!p)
			return NULL;
		s->tasks = p;
		s->cap = cap;
	}
	struct task *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	t->pid = pid;
	s->tasks[s->ntasks++] = t;
	return t;
}

static struct task *get_task(struct rp_session *s, uint32_t tid)
{
	struct task *t = find_task(s, tid);
	if (t)
		return t;
	t = add_task(s, tid, tid);
	if (t)
		t->fds = fdtab_new();
	/* a task first seen on its own starts where the recorder started */
	if (t && t->fds && s->cwd)
		fdtab_set_cwd(t->fds, s->cwd, strlen(s->cwd));
	return t;
}

static void remove_task(struct rp_session *s, struct task *t)
{
	if (s->opening == t)
		s->opening = NULL;
	for (size_t i = 0; i < s->ntasks; i++) {
		if (s->tasks[i] == t) {
			memmove(s->tasks + i, s->tasks + i + 1,
				(s->ntasks - i - 1) * sizeof(*s->tasks));
			s->ntasks--;
			break;
		}
	}
	task_free(t);
}

const char *rp_session_cwd(const struct rp_session *s, uint32_t tid)
{
	const struct task *const t = find_task(s, tid);
	return t && t->fds && t->fds->cwd ? t->fds->cwd : s->cwd;
}

uint32_t rp_session_pid(const struct rp_session *s, uint32_t tid)
{
	const struct task *t = find_task(s, tid);
	return t ? t->pid : tid;
}

const char *rp_session_fd_path(const struct rp_session *s, uint32_t tid, int fd)
{
	const struct task *t = find_task(s, tid);
	return t ? fdtab_get(t->fds, fd) : NULL;
}

const char *rp_session_prev_syscall(const struct rp_session *s, uint32_t tid)
{
	const struct task *t = find_task(s, tid);
	return t && t->prev_desc ? t->prev_desc->name : NULL;
}

const struct rp_mem *rp_syscall_mem(const struct rp_syscall *sc, int stop, unsigned arg,
				    uint32_t item)
{
	const struct rp_mem *found = NULL;
	for (size_t i = 0; i < sc->nmem; i++) {
		const struct rp_mem *m = &sc->mem[i];
		if (m->arg != arg || m->item != item)
			continue;
		if (m->stop == stop)
			return m;
		/* entry-time data serves at exit when nothing newer exists */
		if (stop == STRTRC_AT_EXIT && m->stop == STRTRC_AT_ENTRY)
			found = m;
	}
	return found;
}

bool rp_loss_warning(uint64_t lost, char *buf, size_t size)
{
	if (!lost)
		return false;
	snprintf(buf, size,
		 "the recorder lost %llu %s: calls, captures or signals are missing from this "
		 "trace",
		 (unsigned long long)lost, lost == 1 ? "event" : "events");
	return true;
}

const char *rp_syscall_name(const struct rp_syscall *sc)
{
	return sc->desc ? sc->desc->name : NULL;
}

static int add_mem(struct task *t, const struct strtrc_memory *m)
{
	if (t->nmem == t->mem_cap) {
		const size_t cap = t->mem_cap ? t->mem_cap * 2 : 8;
		struct rp_mem *p = realloc(t->mem, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		t->mem = p;
		t->mem_cap = cap;
	}
	if (t->arena_len + m->data.len > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap : 4096;
		while (cap < t->arena_len + m->data.len)
			cap *= 2;
		uint8_t *p = realloc(t->arena, cap);
		if (!p)
			return -ENOMEM;
		t->arena = p;
		t->arena_cap = cap;
	}
	struct rp_mem *d = &t->mem[t->nmem++];
	d->stop = m->stop;
	d->arg = m->arg;
	d->item = m->item;
	d->flags = m->flags;
	d->addr = m->addr;
	d->full_len = m->full_len;
	d->len = m->data.len;
	/* offsets for now: the arena may move while the call is pending */
	d->data = (const uint8_t *)(uintptr_t)t->arena_len;
	if (m->data.len)
		memcpy(t->arena + t->arena_len, m->data.data, m->data.len);
	t->arena_len += m->data.len;
	return 0;
}

/* Join cwd and a relative path for the descriptor table. */
static char *resolve(const char *cwd, const uint8_t *p, size_t len)
{
	if ((len && p[0] == '/') || !cwd)
		return strndup((const char *)p, len);
	const size_t cl = strlen(cwd);
	char *r = malloc(cl + len + 2);
	if (!r)
		return NULL;
	memcpy(r, cwd, cl);
	r[cl] = '/';
	memcpy(r + cl + 1, p, len);
	r[cl + 1 + len] = '\0';
	return r;
}

/* The kernel's own name for a result (arg STRTRC_ARG_RESULT records: what
 * /proc said of a new descriptor or the new cwd right after the call). */
static const struct rp_mem *result_link(const struct rp_syscall *sc, uint32_t item)
{
	return rp_syscall_mem(sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT, item);
}

/* Keeps the descriptor table (for -y) and cwd in step with the calls:
 * from what the kernel said where the trace has it, else from the paths
 * the calls were given. */
static void track_fds(struct rp_session *s, struct task *t, const struct rp_syscall *sc)
{
	if (!sc->desc || !sc->finished || sc->is_error)
		return;
	const struct sc_desc *const d = sc->desc;
	const struct fd_calls *const fc = fd_calls_for(s, sc->arch);
	const int64_t r = sc->rval;
	const uint32_t classes = d->classes;
	/* SCM_RIGHTS received (close-on-exec with MSG_CMSG_CLOEXEC), clone3's
	 * pidfd (always close-on-exec) */
	for (size_t i = 0; (classes & SC_CLASS_OTHER_FDS) && i < sc->nmem; i++) {
		const struct rp_mem *const m = &sc->mem[i];
		if (m->arg != STRTRC_ARG_RESULT || m->item < STRTRC_RESULT_FD_ITEM)
			continue;
		const bool recv = fc && (d == fc->recvmsg || d == fc->recvmmsg);
		const uint64_t flags = sc->args[fc && d == fc->recvmmsg ? 3 : 2];
		fdtab_set(t->fds, (int64_t)m->addr, (const char *)m->data, m->len);
		fdtab_set_cloexec(t->fds, (int64_t)m->addr, !recv || (flags & 0x40000000));
	}
	const struct rp_mem *link = result_link(sc, 0);
	if ((classes & SC_CLASS_RET_FD) && link) {
		fdtab_set(t->fds, r, (const char *)link->data, link->len);
		fdtab_set_cloexec(t->fds, r, opened_cloexec(d->name, sc->args));
		return;
	}
	if ((classes & SC_CLASS_SETS_CWD) && link) {
		fdtab_set_cwd(t->fds, (const char *)link->data, link->len);
		return;
	}
	if (classes & SC_CLASS_OUT_FDS) {
		for (unsigned i = 0; i < d->nargs; i++) {
			const struct rp_mem *const pair = d->args[i].type == SC_T_INT_PAIR
								  ? rp_syscall_mem(sc, STRTRC_AT_EXIT, i, 0)
								  : NULL;
			if (!pair || pair->len < 8)
				continue;
			for (uint32_t k = 0; k < 2; k++) {
				int32_t fd;
				memcpy(&fd, pair->data + 4 * k, sizeof(fd));
				const struct rp_mem *const l = result_link(sc, k + 1);
				fdtab_set(t->fds, fd, l ? (const char *)l->data : NULL, l ? l->len : 0);
				fdtab_set_cloexec(t->fds, fd, opened_cloexec(d->name, sc->args));
			}
		}
		return;
	}
	if (!fc)
		return;
	/* older traces, without what the kernel said: from the arguments */
	const char *const cwd = t->fds ? t->fds->cwd : NULL;
	if (d == fc->open || d == fc->openat || d == fc->creat || d == fc->openat2) {
		const unsigned pa = d == fc->openat || d == fc->openat2 ? 1 : 0;
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, pa, 0);
		if (m) {
			char *p = resolve(cwd, m->data, m->len);
			if (p)
				fdtab_set(t->fds, r, p, strlen(p));
			fdtab_set_cloexec(t->fds, r, opened_cloexec(d->name, sc->args));
			free(p);
		}
	} else if (d == fc->close) {
		fdtab_set(t->fds, (int64_t)(int32_t)sc->args[0], NULL, 0);
	} else if (d == fc->close_range) {
		const uint64_t last = sc->args[1] < (1u << 20) ? sc->args[1] : (1u << 20);
		/* CLOSE_RANGE_CLOEXEC (4) only marks them */
		for (uint64_t fd = sc->args[0]; !(sc->args[2] & 4) && fd <= last; fd++)
			fdtab_set(t->fds, (int64_t)fd, NULL, 0);
	} else if (d == fc->dup || d == fc->dup2 || d == fc->dup3 ||
		   (d == fc->fcntl && (sc->args[1] == 0 || sc->args[1] == 1030))) {
		const char *p = fdtab_get(t->fds, (int32_t)sc->args[0]);
		fdtab_set(t->fds, r, p, p ? strlen(p) : 0);
		fdtab_set_cloexec(t->fds, r,
				  opened_cloexec(d->name, sc->args) ||
					  (d == fc->fcntl && sc->args[1] == 1030));
	} else if (d == fc->fcntl && sc->args[1] == 2) { /* F_SETFD */
		fdtab_set_cloexec(t->fds, (int32_t)sc->args[0], sc->args[2] & 1);
	} else if (d == fc->chdir) {
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, 0, 0);
		if (m) {
			char *p = resolve(cwd, m->data, m->len);
			if (p)
				fdtab_set_cwd(t->fds, p, strlen(p));
			free(p);
		}
	}
}

static int emit_syscall(struct rp_session *s, struct task *t, rp_event_fn fn, void *ctx)
{
	/* Offsets become pointers now that the arena no longer moves. */
	/* no arena yet when every capture was empty (a scrubbed trace) */
	static const uint8_t none[1];
	const uint8_t *const base = t->arena ? t->arena : none;
	for (size_t i = 0; i < t->nmem; i++)
		t->mem[i].data = base + (size_t)(uintptr_t)t->mem[i].data;
	t->ev.u.sc.mem = t->mem;
	t->ev.u.sc.nmem = t->nmem;
	/* the event in place: zeroing and copying one per call was a fifth
	 * of strstat's time */
	struct rp_event *const ev = &t->ev;
	ev->kind = RP_EV_SYSCALL;
	ev->tid = t->tid;
	ev->pid = t->pid;
	ev->ts_ns = ev->u.sc.entry_ts_ns;
	const int rc = fn(ev, ctx);
	/* after printing: close(3) still shows what 3 was */
	track_fds(s, t, &t->ev.u.sc);
	/* execve(3</path>...) printed, its close-on-exec descriptors go */
	if (t->exec_pending)
		fdtab_exec(t->fds);
	t->exec_pending = false;
	t->prev_desc = t->ev.u.sc.desc;
	t->in_syscall = false;
	t->nmem = 0;
	t->arena_len = 0;
	return rc;
}

/* A syscall that will never see its exit: printed with " = ?". */
static int emit_unfinished(struct rp_session *s, struct task *t, uint64_t ts, rp_event_fn fn,
			   void *ctx)
{
	if (!t->in_syscall)
		return 0;
	t->ev.u.sc.finished = false;
	t->ev.u.sc.exit_ts_ns = ts;
	return emit_syscall(s, t, fn, ctx);
}

void rp_session_set_entry_events(struct rp_session *s, bool on)
{
	assert(s);
	s->entry_events = on;
}

/* The entry event of t's pending call, its captures as pointers into a
 * copy (the task's own list keeps arena offsets while the call goes on). */
static int emit_entry(struct rp_session *s, struct task *t, rp_event_fn fn, void *ctx)
{
	if (t->nmem > s->entry_mem_cap) {
		struct rp_mem *const more = realloc(s->entry_mem, t->nmem * sizeof(*more));
		if (!more)
			return -ENOMEM;
		s->entry_mem = more;
		s->entry_mem_cap = t->nmem;
	}
	static const uint8_t none[1];
	const uint8_t *const base = t->arena ? t->arena : none;
	for (size_t i = 0; i < t->nmem; i++) {
		s->entry_mem[i] = t->mem[i];
		s->entry_mem[i].data = base + (size_t)(uintptr_t)t->mem[i].data;
	}
	struct rp_event ev = { 0 };
	ev.kind = RP_EV_SYSCALL_ENTRY;
	ev.tid = t->tid;
	ev.pid = t->pid;
	ev.ts_ns = t->ev.u.sc.entry_ts_ns;
	ev.u.sc = t->ev.u.sc;
	ev.u.sc.finished = false;
	ev.u.sc.mem = s->entry_mem;
	ev.u.sc.nmem = t->nmem;
	return fn(&ev, ctx);
}

int rp_session_feed(struct rp_session *s, const struct strtrc_record *rec, rp_event_fn fn, void *ctx)
{
	assert(s && rec && fn);
	int rc;
	if (s->opening) {
		struct task *const o = s->opening;
		if (rec->kind == STRTRC_MEMORY && rec->tid == o->tid &&
		    rec->u.memory.stop == STRTRC_AT_ENTRY)
			return add_mem(o, &rec->u.memory);
		s->opening = NULL;
		if (o->in_syscall && (rc = emit_entry(s, o, fn, ctx)))
			return rc;
	}
	if (s->closing) {
		const bool exit_mem = rec->kind == STRTRC_MEMORY && rec->tid == s->closing->tid &&
				      rec->u.memory.stop == STRTRC_AT_EXIT;
		if (exit_mem)
			return add_mem(s->closing, &rec->u.memory);
		struct task *c = s->closing;
		s->closing = NULL;
		if ((rc = emit_syscall(s, c, fn, ctx)))
			return rc;
	}
	if (rec->kind == STRTRC_HEADER || rec->kind == STRTRC_END)
		return 0;
	struct task *t = get_task(s, rec->tid);
	if (!t)
		return -ENOMEM;
	/* Syscall records (nearly all of them) make no event here; the others
	 * start from a zeroed one. */
	struct rp_event ev;
	if (rec->kind != STRTRC_SYSCALL_ENTRY && rec->kind != STRTRC_SYSCALL_EXIT &&
	    rec->kind != STRTRC_MEMORY) {
		memset(&ev, 0, sizeof(ev));
		ev.tid = rec->tid;
		ev.pid = t->pid;
		ev.ts_ns = rec->ts_ns;
	}
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY: {
		/* an entry without the previous exit: the old call is lost */
		if ((rc = emit_unfinished(s, t, rec->ts_ns, fn, ctx)))
			return rc;
		/* field by field (a memset of the whole was a tenth of
		 * strstat's time); a new field must be set here too */
#if UINTPTR_MAX == UINT64_MAX
		_Static_assert(sizeof(struct rp_syscall) == 120, "set every rp_syscall field below");
#endif
		struct rp_syscall *const sc = &t->ev.u.sc;
		sc->arch = rec->u.entry.arch;
		sc->nr = rec->u.entry.nr;
		const struct sc_table *tab = sc_table_for_arch(sc->arch);
		sc->desc = tab ? sc_lookup(tab, sc->nr) : NULL;
		/* six stores, not memcpy: gcc made that a rep movs, slow to start */
		for (unsigned i = 0; i < 6; i++)
			sc->args[i] = rec->u.entry.args[i];
		sc->entry_ts_ns = rec->ts_ns;
		sc->exit_ts_ns = 0;
		sc->finished = false;
		sc->is_error = false;
		sc->rval = 0;
		sc->nmem = 0;
		sc->mem = NULL;
		t->in_syscall = true;
		t->seq = ++s->seq;
		t->nmem = 0;
		t->arena_len = 0;
		if (s->entry_events)
			s->opening = t;
		return 0;
	}
	case STRTRC_MEMORY:
		if (!t->in_syscall)
			return 0; /* stray capture: nothing to attach it to */
		return add_mem(t, &rec->u.memory);
	case STRTRC_SYSCALL_EXIT:
		if (!t->in_syscall)
			return 0; /* exit of a call entered before the trace began */
		t->ev.u.sc.finished = true;
		t->ev.u.sc.rval = rec->u.exit.rval;
		/* an error is a negative errno (the kernel's -4095..-1): a
		 * damaged trace's other values print as plain returns, and
		 * every -rval stays an int */
		t->ev.u.sc.is_error = rec->u.exit.is_error && rec->u.exit.rval < 0 &&
				 rec->u.exit.rval >= -4095;
		t->ev.u.sc.exit_ts_ns = rec->ts_ns;
		s->closing = t;
		return 0;
	case STRTRC_SIGNAL:
		ev.kind = RP_EV_SIGNAL;
		ev.u.sig.signo = rec->u.signal.signo;
		ev.u.sig.siginfo = rec->u.signal.siginfo.data;
		ev.u.sig.siginfo_len = rec->u.signal.siginfo.len;
		return fn(&ev, ctx);
	case STRTRC_GROUP_STOP:
		ev.kind = RP_EV_GROUP_STOP;
		ev.u.stop_signo = rec->u.group_stop.signo;
		return fn(&ev, ctx);
	case STRTRC_SPAWN: {
		const struct strtrc_spawn *sp = &rec->u.spawn;
		struct task *child = find_task(s, sp->new_tid);
		const bool thread = sp->how == STRTRC_SPAWN_CLONE && (sp->clone_flags & RP_CLONE_THREAD);
		const uint32_t pid = thread ? t->pid : sp->new_tid;
		if (!child) {
			child = add_task(s, sp->new_tid, pid);
			if (!child)
				return -ENOMEM;
		} else {
			/* its first stop came before the parent's report */
			child->pid = pid;
			fdtab_unref(child->fds);
			child->fds = NULL;
		}
		if (thread || (sp->how == STRTRC_SPAWN_CLONE && (sp->clone_flags & RP_CLONE_FILES))) {
			child->fds = t->fds;
			if (t->fds)
				t->fds->refs++;
		} else {
			child->fds = fdtab_copy(t->fds);
		}
		ev.kind = RP_EV_SPAWN;
		ev.u.spawn = *sp;
		return fn(&ev, ctx);
	}
	case STRTRC_EXEC: {
		const struct strtrc_exec *ex = &rec->u.exec;
		if (ex->former_tid && ex->former_tid != rec->tid) {
			/* a non-leader exec'd: it takes over the leader's tid */
			struct task *former = find_task(s, ex->former_tid);
			if (former) {
				if (former->in_syscall && !t->in_syscall) {
					t->ev.u.sc = former->ev.u.sc;
					t->in_syscall = true;
					t->seq = former->seq;
					for (size_t i = 0; i < former->nmem; i++) {
						struct rp_mem m = former->mem[i];
						m.data = former->arena + (size_t)(uintptr_t)m.data;
						struct strtrc_memory sm = {
							.stop = m.stop,
							.arg = m.arg,
							.item = m.item,
							.flags = m.flags,
							.addr = m.addr,
							.full_len = m.full_len,
							.data = { m.data, m.len },
						};
						if ((rc = add_mem(t, &sm)))
							return rc;
					}
				}
				remove_task(s, former);
			}
		}
		if (t->in_syscall)
			t->exec_pending = true; /* once the execve line is out */
		else
			fdtab_exec(t->fds);
		ev.kind = RP_EV_EXEC;
		ev.u.exec.former_tid = ex->former_tid;
		/* The record's bytes are not NUL-terminated and live only until
		 * the next record: hand out a terminated copy. */
		const size_t exe_len = ex->exe.len < sizeof(s->exe) - 1 ? ex->exe.len : sizeof(s->exe) - 1;
		if (exe_len)
			memcpy(s->exe, ex->exe.data, exe_len);
		s->exe[exe_len] = '\0';
		ev.u.exec.exe = exe_len ? s->exe : NULL;
		return fn(&ev, ctx);
	}
	case STRTRC_EXIT:
		if ((rc = emit_unfinished(s, t, rec->ts_ns, fn, ctx)))
			return rc;
		ev.kind = RP_EV_EXIT;
		ev.u.wait_status = rec->u.task_exit.wait_status;
		rc = fn(&ev, ctx);
		remove_task(s, t);
		return rc;
	case STRTRC_DETACH:
		if ((rc = emit_unfinished(s, t, rec->ts_ns, fn, ctx)))
			return rc;
		ev.kind = RP_EV_DETACH;
		rc = fn(&ev, ctx);
		remove_task(s, t);
		return rc;
	case STRTRC_SNAPSHOT: {
		const struct strtrc_snapshot *sn = &rec->u.snapshot;
		t->pid = sn->pid;
		if (sn->cwd.len)
			fdtab_set_cwd(t->fds, (const char *)sn->cwd.data, sn->cwd.len);
		for (size_t i = 0; i < sn->nfds; i++)
			fdtab_set(t->fds, sn->fds[i].fd, (const char *)sn->fds[i].path.data,
				  sn->fds[i].path.len);
		for (size_t i = 0; i < sn->ntids; i++) {
			struct task *th = find_task(s, sn->tids[i]);
			if (!th) {
				th = add_task(s, sn->tids[i], sn->pid);
				if (!th)
					return -ENOMEM;
				th->fds = t->fds;
				if (t->fds)
					t->fds->refs++;
			}
			th->pid = sn->pid;
		}
		return 0;
	}
	default:
		return 0;
	}
}

int rp_session_finish(struct rp_session *s, rp_event_fn fn, void *ctx)
{
	if (s->opening) {
		struct task *const o = s->opening;
		s->opening = NULL;
		const int rc = o->in_syscall ? emit_entry(s, o, fn, ctx) : 0;
		if (rc)
			return rc;
	}
	if (s->closing) {
		struct task *c = s->closing;
		s->closing = NULL;
		const int rc = emit_syscall(s, c, fn, ctx);
		if (rc)
			return rc;
	}
	for (;;) {
		struct task *oldest = NULL;
		for (size_t i = 0; i < s->ntasks; i++) {
			struct task *t = s->tasks[i];
			if (t->in_syscall && (!oldest || t->seq < oldest->seq))
				oldest = t;
		}
		if (!oldest)
			return 0;
		const int rc = emit_unfinished(s, oldest, oldest->ev.u.sc.entry_ts_ns, fn, ctx);
		if (rc)
			return rc;
	}
}
