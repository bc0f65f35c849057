/* The process table: who spawned whom, what each ran, how long it lived,
 * how it ended. Threads fold into their process. Also keeps each process's
 * cwd, which path resolution needs. */
#include "stat.h"

#include "names.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

struct cmd {
	char *text; /* shell words */
	char *json; /* JSON array of strings */
};

struct proc {
	uint32_t pid, ppid;
	size_t parent; /* index, or SIZE_MAX */
	uint64_t start_ns, end_ns;
	uint64_t last_ns; /* its last event */
	bool ended, detached, has_status;
	int32_t wait_status;
	unsigned threads;
	uint64_t calls, time_ns;
	char *cwd;
	bool cwd_known;	 /* from a chdir or a snapshot, not the parent's */
	char *inherited; /* the parent's command at fork, when it never exec'd */
	struct cmd *cmds;
	size_t ncmds, cmds_cap;
	bool exec_pending; /* the last command came from the EXEC record only */
	/* made for a tid whose records came before any record said where it
	 * came from: a new task's first stops can be recorded before its
	 * parent's fork event */
	bool orphan;
	bool merged; /* an orphan the spawn record then named: not shown */
	/* the first ST_THREADS_KEPT threads beyond the leader: their lives */
	struct st_thread_info *thr;
	size_t nthr;
};

struct st_procs {
	struct proc *v;
	size_t n, cap;
	struct st_map by_pid; /* the newest process of each pid */
	size_t last;	      /* index of the process looked up last (one per event) */
	char *cwd;	      /* the recorder's, for processes seen first */
	uint64_t end_ns;
};

struct st_procs *st_procs_new(const char *cwd)
{
	struct st_procs *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (cwd && !(p->cwd = strdup(cwd))) {
		free(p);
		return NULL;
	}
	return p;
}

void st_procs_free(struct st_procs *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		struct proc *pr = &p->v[i];
		for (size_t k = 0; k < pr->ncmds; k++) {
			free(pr->cmds[k].text);
			free(pr->cmds[k].json);
		}
		free(pr->cmds);
		free(pr->cwd);
		free(pr->inherited);
		free(pr->thr);
	}
	free(p->v);
	free(p->cwd);
	st_map_free(&p->by_pid);
	free(p);
}

static struct proc *new_proc(struct st_procs *p, uint32_t pid, uint32_t ppid, uint64_t ts)
{
	if (st_grow((void **)&p->v, &p->cap, p->n, sizeof(*p->v)) < 0)
		return NULL;
	const size_t parent = ppid ? st_map_get_u64(&p->by_pid, ppid) : SIZE_MAX;
	if (st_map_put_u64(&p->by_pid, pid, p->n) < 0)
		return NULL;
	p->last = p->n;
	struct proc *pr = &p->v[p->n++];
	memset(pr, 0, sizeof(*pr));
	pr->pid = pid;
	pr->ppid = ppid;
	pr->parent = parent;
	pr->start_ns = ts;
	pr->threads = 1;
	const char *cwd = parent != SIZE_MAX ? p->v[parent].cwd : p->cwd;
	pr->cwd = cwd ? strdup(cwd) : NULL;
	return pr;
}

/* The live process of pid, created (parentless) when first seen. */
static struct proc *get_proc(struct st_procs *p, uint32_t pid, uint64_t ts)
{
	/* runs of events come from one process; new_proc moves last to a
	 * reused pid's new process */
	if (p->last < p->n && p->v[p->last].pid == pid)
		return &p->v[p->last];
	const size_t i = st_map_get_u64(&p->by_pid, pid);
	if (i != SIZE_MAX) {
		p->last = i;
		return &p->v[i];
	}
	struct proc *const pr = new_proc(p, pid, 0, ts);
	if (pr)
		pr->orphan = true;
	return pr;
}

/* The orphan process that a spawn of new_tid by parent, whose previous
 * event was at parent_last_ns, names: one made for new_tid since then. An
 * older process of the same pid (reused) is not it. */
static struct proc *early_records_of(struct st_procs *p, uint32_t new_tid,
				     const struct proc *parent, uint64_t parent_last_ns)
{
	const size_t i = st_map_get_u64(&p->by_pid, new_tid);
	if (i == SIZE_MAX)
		return NULL;
	struct proc *const early = &p->v[i];
	if (!early->orphan || early->merged || early == parent || early->start_ns < parent_last_ns)
		return NULL;
	return early;
}

/* The child made for a spawn takes over what its orphan row recorded. */
static void adopt(struct proc *child, struct proc *early)
{
	child->start_ns = early->start_ns;
	child->last_ns = early->last_ns;
	child->ended = early->ended;
	child->end_ns = early->end_ns;
	child->detached = early->detached;
	child->has_status = early->has_status;
	child->wait_status = early->wait_status;
	child->threads = early->threads;
	child->calls = early->calls;
	child->time_ns = early->time_ns;
	if (early->cwd_known) {
		free(child->cwd);
		child->cwd = early->cwd;
		child->cwd_known = true;
		early->cwd = NULL;
	}
	child->cmds = early->cmds;
	child->ncmds = early->ncmds;
	child->cmds_cap = early->cmds_cap;
	child->exec_pending = early->exec_pending;
	child->thr = early->thr;
	child->nthr = early->nthr;
	early->thr = NULL;
	early->nthr = 0;
	early->cmds = NULL;
	early->ncmds = early->cmds_cap = 0;
	early->merged = true;
}

size_t st_procs_count(const struct st_procs *p)
{
	return p->n;
}

bool st_procs_info(const struct st_procs *p, size_t i, struct st_proc_info *info)
{
	assert(i < p->n);
	const struct proc *const pr = &p->v[i];
	if (pr->merged)
		return false;
	*info = (struct st_proc_info){
	    .pid = pr->pid,
	    .ppid = pr->ppid,
	    .parent = pr->parent != SIZE_MAX && !p->v[pr->parent].merged && pr->parent < i
			  ? pr->parent
			  : SIZE_MAX,
	    .start_ns = pr->start_ns,
	    .end_ns = pr->ended ? pr->end_ns : p->end_ns,
	    .ended = pr->ended,
	    .detached = pr->detached,
	    .has_status = pr->has_status,
	    .wait_status = pr->wait_status,
	    .threads = pr->threads,
	    .calls = pr->calls,
	    .time_ns = pr->time_ns,
	    .command = pr->ncmds ? pr->cmds[pr->ncmds - 1].text : NULL,
	    .inherited = pr->inherited,
	};
	return true;
}

size_t st_procs_threads(const struct st_procs *p, size_t i, struct st_thread_info *v, size_t max)
{
	assert(i < p->n);
	const struct proc *const pr = &p->v[i];
	const size_t n = pr->nthr < max ? pr->nthr : max;
	for (size_t k = 0; k < n; k++) {
		v[k] = pr->thr[k];
		if (!v[k].ended)
			v[k].end_ns = p->end_ns;
	}
	return n;
}

void st_proc_status(const struct st_proc_info *info, char *b, size_t n)
{
	if (info->has_status && WIFEXITED(info->wait_status)) {
		snprintf(b, n, "exited %d", WEXITSTATUS(info->wait_status));
	} else if (info->has_status && WIFSIGNALED(info->wait_status)) {
		const char *sig = strec_signal_name(WTERMSIG(info->wait_status));
		snprintf(b, n, "killed by %s%s", sig ? sig : "?",
			 WCOREDUMP(info->wait_status) ? " (core dumped)" : "");
	} else if (info->detached) {
		snprintf(b, n, "detached");
	} else {
		snprintf(b, n, "running");
	}
}

bool st_proc_failed(const struct st_proc_info *info)
{
	return info->has_status && info->wait_status != 0;
}

size_t st_procs_index(const struct st_procs *p, uint32_t pid)
{
	return st_map_get_u64(&p->by_pid, pid);
}

const char *st_procs_cwd(const struct st_procs *p, uint32_t pid)
{
	const size_t i = st_map_get_u64(&p->by_pid, pid);
	return i != SIZE_MAX && p->v[i].cwd ? p->v[i].cwd : p->cwd;
}

void st_procs_set_end(struct st_procs *p, uint64_t ts)
{
	if (ts > p->end_ns)
		p->end_ns = ts;
}

static int push_cmd(struct proc *pr, char *text, char *json, bool pending)
{
	if (!text || !json)
		goto oom;
	if (pr->exec_pending && pr->ncmds) {
		/* the execve's argv replaces what the EXEC record told */
		struct cmd *last = &pr->cmds[pr->ncmds - 1];
		free(last->text);
		free(last->json);
		*last = (struct cmd){text, json};
	} else {
		if (st_grow((void **)&pr->cmds, &pr->cmds_cap, pr->ncmds, sizeof(*pr->cmds)) < 0)
			goto oom;
		pr->cmds[pr->ncmds++] = (struct cmd){text, json};
	}
	pr->exec_pending = pending;
	return 0;
oom:
	free(text);
	free(json);
	return -ENOMEM;
}

static char *buf_string(struct rp_buf *b)
{
	rp_buf_putc(b, '\0');
	if (b->oom) {
		rp_buf_free(b);
		return NULL;
	}
	return b->data;
}

int st_procs_snapshot(struct st_procs *p, const struct strtrc_snapshot *sn, uint64_t ts)
{
	struct proc *pr = get_proc(p, sn->pid, ts);
	if (!pr)
		return -ENOMEM;
	pr->ppid = sn->ppid;
	pr->parent = st_map_get_u64(&p->by_pid, sn->ppid);
	if (pr->parent == (size_t)(pr - p->v))
		pr->parent = SIZE_MAX;
	pr->threads = sn->ntids ? (unsigned)sn->ntids : 1;
	pr->orphan = false;
	if (sn->cwd.data) {
		char *c = strndup((const char *)sn->cwd.data, sn->cwd.len);
		if (!c)
			return -ENOMEM;
		free(pr->cwd);
		pr->cwd = c;
		pr->cwd_known = true;
	}
	/* an attached process's command is its program, as far as known */
	const struct strtrc_bytes *const name = sn->exe.len ? &sn->exe : &sn->comm;
	if (!pr->ncmds && name->len) {
		struct rp_buf text = {0}, json = {0};
		rp_shell_word(&text, (const char *)name->data, name->len);
		rp_buf_putc(&json, '[');
		rp_json_string(&json, name->data, name->len);
		rp_buf_putc(&json, ']');
		return push_cmd(pr, buf_string(&text), buf_string(&json), false);
	}
	return 0;
}

/* argv of a successful execve(at) from its entry captures. */
static int exec_argv(struct proc *pr, const struct rp_syscall *sc, unsigned arg)
{
	const struct rp_mem *vec = rp_syscall_mem(sc, STRTRC_AT_ENTRY, arg, 0);
	struct rp_buf text = {0}, json = {0};
	rp_buf_putc(&json, '[');
	size_t n = vec ? vec->len / 8 : 0;
	for (size_t k = 0; k < n; k++) {
		uint64_t ptr;
		memcpy(&ptr, vec->data + 8 * k, sizeof(ptr));
		if (!ptr)
			break;
		const struct rp_mem *s = rp_syscall_mem(sc, STRTRC_AT_ENTRY, arg, (uint32_t)k + 1);
		const char *w = s ? (const char *)s->data : "?";
		const size_t wl = s ? strnlen(w, s->len) : 1;
		if (k) {
			rp_buf_putc(&text, ' ');
			rp_buf_putc(&json, ',');
		}
		rp_shell_word(&text, w, wl);
		rp_json_string(&json, (const uint8_t *)w, wl);
	}
	if (vec && (vec->flags & STRTRC_MEM_TRUNCATED))
		rp_buf_puts(&text, " ...");
	rp_buf_putc(&json, ']');
	return push_cmd(pr, buf_string(&text), buf_string(&json), false);
}

static int on_exec_record(struct proc *pr, const char *exe)
{
	if (!exe)
		return 0;
	struct rp_buf text = {0}, json = {0};
	rp_shell_word(&text, exe, strlen(exe));
	rp_buf_putc(&json, '[');
	rp_json_string(&json, (const uint8_t *)exe, strlen(exe));
	rp_buf_putc(&json, ']');
	return push_cmd(pr, buf_string(&text), buf_string(&json), true);
}

static int on_syscall(struct st_procs *p, struct proc *pr, const struct rp_session *s,
		      const struct rp_event *ev)
{
	const struct rp_syscall *sc = &ev->u.sc;
	/* the calls that change what a process runs or where */
	if (!sc->desc || !(sc->desc->classes & (SC_CLASS_LIFECYCLE | SC_CLASS_SETS_CWD)))
		return 0;
	if (!sc->finished || sc->is_error)
		return 0;
	const int argv = sc_strvec_arg(sc->desc); /* execve, execveat */
	if ((sc->desc->classes & SC_CLASS_LIFECYCLE) && argv >= 0)
		return exec_argv(pr, sc, (unsigned)argv);
	if (!(sc->desc->classes & SC_CLASS_SETS_CWD))
		return 0;
	char *cwd = NULL;
	if (sc->desc->args[0].kind == SC_ARG_PATH) { /* chdir */
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, 0, 0);
		if (!m)
			return 0;
		cwd = st_path_join(pr->cwd ? pr->cwd : p->cwd, (const char *)m->data,
				   strnlen((const char *)m->data, m->len));
	} else if (sc->desc->args[0].kind == SC_ARG_FD) { /* fchdir */
		const char *fp = rp_session_fd_path(s, ev->tid, (int)(int32_t)sc->args[0]);
		if (!fp)
			return 0;
		cwd = strdup(fp);
	} else {
		return 0;
	}
	if (!cwd)
		return -ENOMEM;
	free(pr->cwd);
	pr->cwd = cwd;
	pr->cwd_known = true;
	return 0;
}

int st_procs_event(struct st_procs *p, const struct rp_session *s, const struct rp_event *ev,
		   const char *exe)
{
	st_procs_set_end(p, ev->ts_ns);
	/* a signal or a stop tells nothing of a process's life: none is made
	 * for it (a run of them with made-up tids would fill the table) */
	if (ev->kind == RP_EV_SIGNAL || ev->kind == RP_EV_GROUP_STOP)
		return 0;
	struct proc *pr = get_proc(p, ev->pid, ev->ts_ns);
	if (!pr)
		return -ENOMEM;
	const uint64_t last_ns = pr->last_ns;
	pr->last_ns = ev->ts_ns;
	switch (ev->kind) {
	case RP_EV_SPAWN: {
		const struct strtrc_spawn *sp = &ev->u.spawn;
		struct proc *const early = early_records_of(p, sp->new_tid, pr, last_ns);
		if (sp->how == STRTRC_SPAWN_CLONE && sc_clone_makes_thread(sp->clone_flags)) {
			pr->threads++;
			if (pr->nthr < ST_THREADS_KEPT) {
				if (!pr->thr &&
				    !(pr->thr = calloc(ST_THREADS_KEPT, sizeof(*pr->thr))))
					return -ENOMEM;
				pr->thr[pr->nthr++] = (struct st_thread_info){
				    .tid = sp->new_tid,
				    .start_ns = early && early->start_ns < ev->ts_ns
						    ? early->start_ns
						    : ev->ts_ns,
				    .ended = early && early->ended,
				    .end_ns = early ? early->end_ns : 0,
				};
			}
			if (early) { /* the thread's calls are its process's */
				pr->calls += early->calls;
				pr->time_ns += early->time_ns;
				early->merged = true;
			}
			return 0;
		}
		const size_t parent = (size_t)(pr - p->v);
		const size_t early_i = early ? (size_t)(early - p->v) : SIZE_MAX;
		struct proc *child = new_proc(p, sp->new_tid, ev->pid, ev->ts_ns);
		if (!child)
			return -ENOMEM;
		pr = &p->v[parent]; /* the array may have moved */
		if (early_i != SIZE_MAX)
			adopt(child, &p->v[early_i]);
		const struct cmd *last = pr->ncmds ? &pr->cmds[pr->ncmds - 1] : NULL;
		const char *inh = last ? last->text : pr->inherited;
		if (!child->ncmds && inh && !(child->inherited = strdup(inh)))
			return -ENOMEM;
		return 0;
	}
	case RP_EV_EXEC:
		/* the other threads are gone */
		for (size_t k = 0; k < pr->nthr; k++) {
			if (!pr->thr[k].ended) {
				pr->thr[k].ended = true;
				pr->thr[k].end_ns = ev->ts_ns;
			}
		}
		return on_exec_record(pr, exe);
	case RP_EV_EXIT:
		for (size_t k = 0; ev->tid != ev->pid && k < pr->nthr; k++) {
			if (pr->thr[k].tid == ev->tid && !pr->thr[k].ended) {
				pr->thr[k].ended = true;
				pr->thr[k].end_ns = ev->ts_ns;
			}
		}
		if (ev->tid != ev->pid && pr->has_status)
			return 0;
		if (ev->tid == ev->pid || !pr->ended) {
			pr->ended = true;
			pr->end_ns = ev->ts_ns;
		}
		if (ev->tid == ev->pid) {
			pr->has_status = true;
			pr->wait_status = ev->u.wait_status;
		}
		return 0;
	case RP_EV_DETACH:
		if (ev->tid == ev->pid) {
			pr->detached = true;
			pr->ended = true;
			pr->end_ns = ev->ts_ns;
		}
		return 0;
	case RP_EV_SYSCALL:
		return on_syscall(p, pr, s, ev);
	default:
		return 0;
	}
}

int st_procs_call(struct st_procs *p, const struct st_call *c)
{
	struct proc *pr = get_proc(p, c->ev->pid, c->ev->ts_ns);
	if (!pr)
		return -ENOMEM;
	pr->calls++;
	pr->time_ns += c->dur_ns;
	return 0;
}

/* ---- view ---- */

/* The tree is drawn this deep; deeper processes say how deep they are
 * instead (a chain of a million forks stays a line each). */
#define TREE_MAX_DEPTH 64

/* A process whose children are being walked. */
struct walk_frame {
	size_t child; /* the next child to visit */
	size_t plen;  /* the prefix for the children */
	size_t depth; /* of the children, as drawn */
};

struct walk {
	struct st_procs *p;
	struct st_out *o;
	st_pid_fn shown;
	void *ctx;
	size_t *first_child, *next_sibling;
	struct walk_frame *stack; /* as deep as the tree can be: p->n */
	struct rp_buf prefix;
};

static void print_proc(struct walk *w, size_t i, const char *tree_prefix)
{
	const struct proc *pr = &w->p->v[i];
	struct st_out *o = w->o;
	/* the numbers the picture's tooltips show too */
	struct st_proc_info info;
	if (!st_procs_info(w->p, i, &info))
		return;
	const uint64_t life = info.end_ns > info.start_ns ? info.end_ns - info.start_ns : 0;
	char st[64];
	st_proc_status(&info, st, sizeof(st));
	struct rp_buf cmd = {0}, json = {0};
	for (size_t k = 0; k < pr->ncmds; k++) {
		rp_buf_puts(&cmd, k ? " => " : "");
		rp_buf_puts(&cmd, pr->cmds[k].text);
	}
	if (!pr->ncmds && info.inherited)
		rp_buf_printf(&cmd, "(%s)", info.inherited);
	rp_buf_putc(&cmd, '\0');
	if (o->fmt == ST_TEXT) {
		fprintf(o->f, "%8u %8u %11.6f %11.6f %11.6f %7u %9" PRIu64 " %11.6f  %-20s %s%s\n",
			info.pid, info.ppid, ST_SECONDS(info.start_ns), ST_SECONDS(info.end_ns),
			ST_SECONDS(life), info.threads, info.calls, ST_SECONDS(info.time_ns), st,
			tree_prefix, cmd.oom ? "?" : cmd.data);
		rp_buf_free(&cmd);
		return;
	}
	rp_buf_putc(&json, '[');
	for (size_t k = 0; k < pr->ncmds; k++) {
		if (k)
			rp_buf_putc(&json, ',');
		rp_buf_puts(&json, pr->cmds[k].json);
	}
	rp_buf_puts(&json, "]");
	rp_buf_putc(&json, '\0');
	st_out_row_begin(o);
	st_out_u64(o, info.pid);
	st_out_u64(o, info.ppid);
	st_out_u64(o, info.start_ns);
	if (info.ended)
		st_out_u64(o, info.end_ns);
	else
		st_out_null(o);
	st_out_u64(o, life);
	st_out_u64(o, info.threads);
	st_out_u64(o, info.calls);
	st_out_u64(o, info.time_ns);
	if (info.has_status && WIFEXITED(info.wait_status))
		st_out_i64(o, WEXITSTATUS(info.wait_status));
	else
		st_out_null(o);
	if (info.has_status && WIFSIGNALED(info.wait_status))
		st_out_str(o, strec_signal_name(WTERMSIG(info.wait_status)));
	else
		st_out_null(o);
	st_out_str(o, st);
	st_out_raw(o, json.oom ? NULL : json.data, cmd.oom ? NULL : cmd.data);
	st_out_row_end(o);
	rp_buf_free(&cmd);
	rp_buf_free(&json);
}

/* Prints process i under the current prefix; true when it was shown, and
 * the prefix then grows for its children. */
static bool visit(struct walk *w, size_t i, bool last, size_t depth)
{
	if (w->shown && !w->shown(w->p->v[i].pid, w->ctx))
		return false;
	const bool root = w->p->v[i].parent == SIZE_MAX;
	struct rp_buf line = {0};
	if (w->prefix.len)
		rp_buf_put(&line, w->prefix.data, w->prefix.len);
	if (!root)
		rp_buf_puts(&line, last ? "`-- " : "|-- ");
	if (depth > TREE_MAX_DEPTH)
		rp_buf_printf(&line, "(depth %zu) ", depth);
	rp_buf_putc(&line, '\0');
	print_proc(w, i, line.oom ? "" : line.data);
	rp_buf_free(&line);
	if (!root && depth <= TREE_MAX_DEPTH)
		rp_buf_puts(&w->prefix, last ? "    " : "|   ");
	return true;
}

/* Depth-first from root, children in start order. A hidden process is
 * skipped but its descendants still show, one level up. Iterative: the
 * tree may be as deep as the trace has forks. */
static void walk(struct walk *w, size_t root)
{
	struct walk_frame *const stack = w->stack;
	w->prefix.len = 0;
	const bool shown = visit(w, root, true, 0);
	size_t sp = 0;
	stack[sp++] = (struct walk_frame){w->first_child[root], w->prefix.len, shown ? 1 : 0};
	while (sp) {
		struct walk_frame *const f = &stack[sp - 1];
		const size_t c = f->child;
		if (c == SIZE_MAX) {
			sp--;
			continue;
		}
		f->child = w->next_sibling[c];
		w->prefix.len = f->plen;
		const bool seen = visit(w, c, w->next_sibling[c] == SIZE_MAX, f->depth);
		stack[sp] = (struct walk_frame){w->first_child[c], w->prefix.len, f->depth + seen};
		sp++;
	}
}

void st_view_processes(struct st_procs *p, struct st_out *o, st_pid_fn shown, void *ctx)
{
	static const char *const cols[] = {"pid",	  "ppid",    "start_ns", "end_ns",
					   "lifetime_ns", "threads", "syscalls", "syscall_time_ns",
					   "exit_code",	  "signal",  "status",	 "commands",
					   NULL};
	st_out_view_begin(o, "processes");
	if (o->fmt == ST_TEXT)
		fprintf(o->f, "%8s %8s %11s %11s %11s %7s %9s %11s  %-20s %s\n", "PID", "PPID",
			"START", "END", "LIFETIME", "THREADS", "SYSCALLS", "SYSTIME", "STATUS",
			"COMMAND");
	else
		st_out_table_begin(o, "processes", cols);
	struct walk w = {.p = p, .o = o, .shown = shown, .ctx = ctx};
	w.first_child = malloc((p->n + 1) * sizeof(size_t));
	w.next_sibling = malloc((p->n + 1) * sizeof(size_t));
	w.stack = malloc((p->n + 1) * sizeof(*w.stack));
	if (w.first_child && w.next_sibling && w.stack) {
		for (size_t i = 0; i < p->n; i++)
			w.first_child[i] = w.next_sibling[i] = SIZE_MAX;
		/* creation order is start order: append each child at the end */
		size_t *tail = malloc((p->n + 1) * sizeof(size_t));
		if (tail) {
			for (size_t i = 0; i < p->n; i++) {
				const size_t par = p->v[i].parent;
				if (par == SIZE_MAX || par >= i || p->v[i].merged ||
				    p->v[par].merged)
					continue;
				if (w.first_child[par] == SIZE_MAX)
					w.first_child[par] = i;
				else
					w.next_sibling[tail[par]] = i;
				tail[par] = i;
			}
			for (size_t i = 0; i < p->n; i++) {
				const size_t par = p->v[i].parent;
				if (p->v[i].merged)
					continue;
				if (par == SIZE_MAX || par >= i || p->v[par].merged) {
					p->v[i].parent = SIZE_MAX; /* a root */
					walk(&w, i);
				}
			}
			free(tail);
		}
	}
	free(w.first_child);
	free(w.next_sibling);
	free(w.stack);
	rp_buf_free(&w.prefix);
	if (o->fmt != ST_TEXT)
		st_out_table_end(o);
	st_out_view_end(o);
}
