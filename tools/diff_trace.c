/* Reading one trace into strdiff's model (see diff_trace.h). */
#include "diff_trace.h"

#include "names.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static int grow(void **v, size_t *cap, size_t n, size_t elem)
{
	return st_grow(v, cap, n, elem);
}

int dt_open(struct dt_trace *t, const char *file, const struct dt_opts *opts, struct rp_select *sel,
	    char *msg, size_t msg_size)
{
	memset(t, 0, sizeof(*t));
	t->file = file;
	t->opts = opts;
	t->sel = *sel;
	rp_select_init(sel); /* taken over */
	int err = 0;
	t->rd = rp_trace_open(file, &err, msg, msg_size);
	if (!t->rd)
		return -1;
	t->header = strtrc_reader_header(t->rd);
	t->session = rp_session_new(t->header);
	struct rp_print_opts po = opts->print;
	po.mark_ids = true; /* dn_normalize masks ids by them */
	po.start_realtime_ns = t->header->start_realtime_ns;
	if (po.decode_fds & (RP_DECODE_FD_SOCKET | RP_DECODE_FD_DEV)) {
		t->fdinfo = rp_fdinfo_new();
		po.fdinfo = t->fdinfo;
	}
	t->printer = t->session ? rp_printer_new(&po, t->session) : NULL;
	if (!t->session || !t->printer || (po.decode_fds > RP_DECODE_FD_PATH && !t->fdinfo) ||
	    rp_select_anchor_paths(&t->sel, t->header->cwd) < 0) {
		snprintf(msg, msg_size, "out of memory");
		return -1;
	}
	return 0;
}

void dt_close(struct dt_trace *t)
{
	for (size_t i = 0; i < t->nprocs; i++) {
		free(t->procs[i].children);
		free(t->procs[i].tasks);
		free(t->procs[i].command);
		free(t->procs[i].exe);
	}
	free(t->procs);
	for (size_t i = 0; i < t->ntasks; i++) {
		free(t->tasks[i].keys);
		free(t->tasks[i].calls);
	}
	free(t->tasks);
	for (size_t i = 0; i < t->npaths; i++)
		free(t->pathv[i]);
	free(t->pathv);
	free(t->touches);
	st_map_free(&t->touched);
	free(t->scrub_callv);
	strec_u32map_free(&t->scrub_calls);
	st_map_free(&t->paths);
	st_map_free(&t->interned);
	strec_u32map_free(&t->live);
	free(t->arena);
	free(t->error);
	free(t->warning);
	rp_buf_free(&t->line);
	rp_buf_free(&t->norm);
	rp_printer_free(t->printer);
	rp_fdinfo_free(t->fdinfo);
	rp_session_free(t->session);
	if (t->rd)
		strtrc_reader_close(t->rd);
	rp_select_free(&t->sel);
	memset(t, 0, sizeof(*t));
}

/* ---- the tree ---- */

static size_t new_proc(struct dt_trace *t, uint32_t pid, size_t parent)
{
	if (grow((void **)&t->procs, &t->procs_cap, t->nprocs, sizeof(*t->procs)) < 0)
		return SIZE_MAX;
	const size_t i = t->nprocs;
	if (parent != SIZE_MAX) {
		struct dt_proc *pp = &t->procs[parent];
		if (grow((void **)&pp->children, &pp->children_cap, pp->nchildren,
			 sizeof(*pp->children)) < 0)
			return SIZE_MAX;
		pp->children[pp->nchildren++] = i;
	}
	t->nprocs++;
	struct dt_proc *p = &t->procs[i];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->parent = parent;
	/* a child that never execs runs its parent's program, and the first
	 * process the command the header names until it execs */
	const char *const inherited = parent != SIZE_MAX ? t->procs[parent].command : NULL;
	if (inherited && !(p->command = strdup(inherited)))
		return SIZE_MAX;
	if (i == 0 && t->header->command_argc) {
		struct rp_buf cmd = {0};
		for (size_t k = 0; k < t->header->command_argc; k++) {
			const char *word = t->header->command_argv[k];
			if (k)
				rp_buf_putc(&cmd, ' ');
			rp_shell_word(&cmd, word, strlen(word));
		}
		rp_buf_putc(&cmd, '\0');
		if (cmd.oom) {
			rp_buf_free(&cmd);
			return SIZE_MAX;
		}
		p->command = cmd.data;
	}
	return i;
}

static int add_task_to(struct dt_trace *t, size_t proc, size_t task)
{
	struct dt_proc *p = &t->procs[proc];
	if (grow((void **)&p->tasks, &p->tasks_cap, p->ntasks, sizeof(*p->tasks)) < 0)
		return -ENOMEM;
	t->tasks[task].proc = proc;
	t->tasks[task].thread = (unsigned)p->ntasks;
	p->tasks[p->ntasks++] = task;
	return 0;
}

static size_t new_task(struct dt_trace *t, uint32_t tid, size_t proc)
{
	if (grow((void **)&t->tasks, &t->tasks_cap, t->ntasks, sizeof(*t->tasks)) < 0)
		return SIZE_MAX;
	const size_t i = t->ntasks++;
	memset(&t->tasks[i], 0, sizeof(t->tasks[i]));
	t->tasks[i].tid = tid;
	if (add_task_to(t, proc, i) < 0 || strec_u32map_put(&t->live, tid, i) < 0)
		return SIZE_MAX;
	return i;
}

/* The live task of tid, made when first seen: a thread of a known process
 * when the session knows its process, else the first of a new one. */
static size_t task_of(struct dt_trace *t, uint32_t tid)
{
	uint64_t v;
	if (strec_u32map_get(&t->live, tid, &v))
		return (size_t)v;
	const uint32_t pid = rp_session_pid(t->session, tid);
	if (pid != tid && strec_u32map_get(&t->live, pid, &v))
		return new_task(t, tid, t->tasks[v].proc);
	const size_t p = new_proc(t, tid, SIZE_MAX);
	if (p == SIZE_MAX)
		return SIZE_MAX;
	t->procs[p].orphan = true;
	return new_task(t, tid, p);
}

static int on_spawn(struct dt_trace *t, const struct rp_event *ev)
{
	const uint32_t child = ev->u.spawn.new_tid;
	const bool thread = sc_clone_makes_thread(ev->u.spawn.clone_flags);
	const size_t parent_task = task_of(t, ev->tid);
	if (parent_task == SIZE_MAX)
		return -ENOMEM;
	const size_t parent = t->tasks[parent_task].proc;
	uint64_t v;
	if (strec_u32map_get(&t->live, child, &v)) {
		/* its records came first (a new task's first stops can be
		 * recorded before its parent's fork event): place it now */
		struct dt_task *ct = &t->tasks[v];
		struct dt_proc *cp = &t->procs[ct->proc];
		if (!cp->orphan || cp->ntasks != 1 || ct->proc == parent)
			return 0;
		if (thread) {
			cp->merged = true;
			cp->ntasks = 0;
			return add_task_to(t, parent, (size_t)v);
		}
		struct dt_proc *pp = &t->procs[parent];
		if (grow((void **)&pp->children, &pp->children_cap, pp->nchildren,
			 sizeof(*pp->children)) < 0)
			return -ENOMEM;
		pp->children[pp->nchildren++] = ct->proc;
		cp->parent = parent;
		cp->orphan = false;
		return 0;
	}
	if (thread)
		return new_task(t, child, parent) == SIZE_MAX ? -ENOMEM : 0;
	const size_t p = new_proc(t, child, parent);
	return p == SIZE_MAX || new_task(t, child, p) == SIZE_MAX ? -ENOMEM : 0;
}

static uint64_t mix(uint64_t h, const void *data, size_t len)
{
	return dn_hash(&h, sizeof(h)) ^ dn_hash(data, len);
}

/* The argument of a call that is a vector of strings (execve's argv), or 6. */
static unsigned strvec_arg(const struct rp_syscall *sc)
{
	for (unsigned i = 0; sc->desc && i < sc->desc->nargs && i < 6; i++) {
		if (sc->desc->args[i].kind == SC_ARG_STRVEC)
			return i;
	}
	return 6;
}

/* A successful execve's event: the command it ran becomes the process's
 * name, and its arguments (argv[0] may be any name: the image, from the
 * EXEC record, counts) part of what matches it with the other trace's. */
static int on_execve(struct dt_proc *p, const struct rp_syscall *sc, unsigned vec)
{
	struct rp_buf cmd = {0};
	uint64_t sig = p->sig ? p->sig : 1;
	for (uint32_t item = 1;; item++) {
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, vec, item);
		if (!m)
			break;
		if (cmd.len)
			rp_buf_putc(&cmd, ' ');
		rp_shell_word(&cmd, (const char *)m->data, m->len);
		if (item > 1)
			sig = mix(sig, m->data, m->len);
	}
	p->sig = sig;
	if (cmd.oom) {
		rp_buf_free(&cmd);
		return -ENOMEM;
	}
	if (cmd.len) {
		free(p->command);
		p->command = cmd.data;
	} else {
		rp_buf_free(&cmd);
	}
	return 0;
}

static int on_exec(struct dt_trace *t, const struct rp_event *ev)
{
	const uint32_t former = ev->u.exec.former_tid;
	if (former && former != ev->tid) {
		/* a thread exec'd: it takes over the leader's tid */
		uint64_t v;
		if (strec_u32map_get(&t->live, former, &v)) {
			strec_u32map_remove(&t->live, former);
			if (strec_u32map_put(&t->live, ev->tid, v) < 0)
				return -ENOMEM;
			t->tasks[v].tid = ev->tid;
		}
	}
	const size_t ti = task_of(t, ev->tid);
	if (ti == SIZE_MAX)
		return -ENOMEM;
	struct dt_proc *p = &t->procs[t->tasks[ti].proc];
	const char *exe = ev->u.exec.exe ? ev->u.exec.exe : "";
	p->sig = mix(p->sig ? p->sig : 1, exe, strlen(exe));
	p->exe_sig = mix(p->exe_sig ? p->exe_sig : 1, exe, strlen(exe));
	free(p->exe);
	p->exe = strdup(exe);
	return p->exe ? 0 : -ENOMEM;
}

/* ---- what the calls touched and how long they took ---- */

static int add_path(struct dt_trace *t, size_t proc, const uint8_t *data, size_t len)
{
	struct rp_buf b = {0};
	/* /proc/N is another pid in every run */
	dn_normalize_path((const char *)data, len, &b);
	rp_buf_putc(&b, '\0');
	if (b.oom)
		return -ENOMEM;
	size_t i = st_map_get_str(&t->paths, b.data);
	if (i != SIZE_MAX) {
		rp_buf_free(&b);
	} else {
		if (t->npaths >= UINT32_MAX ||
		    grow((void **)&t->pathv, &t->paths_cap, t->npaths, sizeof(*t->pathv)) < 0 ||
		    st_map_put_str(&t->paths, b.data, t->npaths) < 0) {
			rp_buf_free(&b);
			return -ENOMEM;
		}
		i = t->npaths;
		t->pathv[t->npaths++] = b.data;
	}
	const uint64_t key = (uint64_t)i << 32 | (uint32_t)proc;
	if (st_map_get_u64(&t->touched, key) != SIZE_MAX)
		return 0;
	if (grow((void **)&t->touches, &t->touches_cap, t->ntouches, sizeof(*t->touches)) < 0 ||
	    st_map_put_u64(&t->touched, key, t->ntouches) < 0)
		return -ENOMEM;
	t->touches[t->ntouches++] = (struct dt_touch){(uint32_t)i, (uint32_t)proc};
	return 0;
}

static int note_paths(struct dt_trace *t, size_t proc, const struct rp_syscall *sc)
{
	for (unsigned i = 0; sc->desc && i < sc->desc->nargs && i < 6; i++) {
		if (sc->desc->args[i].kind != SC_ARG_PATH)
			continue;
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, i, 0);
		if (m && m->len) {
			const int rc = add_path(t, proc, m->data, m->len);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* ---- events ---- */

/* The arena offset of text (interned: a loop's repeated calls are stored
 * once), or UINT32_MAX when out of memory. */
static uint32_t intern(struct dt_trace *t, const char *text, size_t len)
{
	const uint64_t h = dn_hash(text, len);
	const size_t at = st_map_get_u64(&t->interned, h);
	if (at != SIZE_MAX && !strncmp(t->arena + at, text, len) && !t->arena[at + len])
		return (uint32_t)at;
	if (t->arena_len + len + 1 >= UINT32_MAX)
		return UINT32_MAX;
	if (t->arena_len + len + 1 > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap : 1 << 16;
		while (cap < t->arena_len + len + 1)
			cap *= 2;
		char *a = realloc(t->arena, cap);
		if (!a)
			return UINT32_MAX;
		t->arena = a;
		t->arena_cap = cap;
	}
	const size_t off = t->arena_len;
	memcpy(t->arena + off, text, len);
	t->arena[off + len] = '\0';
	t->arena_len += len + 1;
	if (at == SIZE_MAX && st_map_put_u64(&t->interned, h, off) < 0)
		return UINT32_MAX;
	return (uint32_t)off;
}

/* A sigreturn: its result is what the call it interrupted returned. */
static bool restores_context(const struct sc_desc *desc)
{
	return desc && desc->rval == SC_RV_RESTORED;
}

enum call_traits {
	TRAIT_KNOWN = 1,
	TRAIT_RANDOM = 2,   /* fills its buffer with random bytes */
	TRAIT_RESTORED = 4, /* returns what the interrupted call did */
};

/* What normalization needs to know of a syscall, looked up once per
 * number (x86_64 and i386 numbers below 1024; others each time). */
static unsigned traits(struct dt_trace *t, const struct rp_syscall *sc)
{
	const int arch = sc->arch == SC_AUDIT_ARCH_X86_64 ? 0 : 1;
	uint8_t *const slot = sc->nr < DT_TRAITS_NR ? &t->traits[arch][sc->nr] : NULL;
	if (slot && *slot)
		return *slot;
	unsigned found = TRAIT_KNOWN;
	if (sc->desc && sc->desc->decoder == SC_D_getrandom)
		found |= TRAIT_RANDOM;
	if (restores_context(sc->desc))
		found |= TRAIT_RESTORED;
	if (slot)
		*slot = (uint8_t)found;
	return found;
}

static bool reads_random(struct dt_trace *t, const struct rp_syscall *sc, const char *text,
			 size_t len)
{
	if (traits(t, sc) & TRAIT_RANDOM)
		return true;
	return memmem(text, len, "random>", 7) &&
	       (memmem(text, len, "</dev/urandom>", 14) || memmem(text, len, "</dev/random>", 13));
}

/* Drops the RP_ID_MARKs from text (len bytes): the text shown. Returns
 * its new length. */
static size_t without_id_marks(char *text, size_t len)
{
	char *const end = text + len;
	char *to = memchr(text, RP_ID_MARK, len);
	if (!to)
		return len;
	for (const char *from = to; from < end; from++) {
		if (*from != RP_ID_MARK)
			*to++ = *from;
	}
	return (size_t)(to - text);
}

static int keep_event(struct dt_trace *t, const struct rp_event *ev)
{
	t->line.len = 0;
	rp_print_event(t->printer, ev, &t->line);
	if (t->line.oom)
		return -ENOMEM;
	size_t len = t->line.len;
	while (len && t->line.data[len - 1] == '\n')
		len--;
	if (!len)
		return 0;
	const size_t ti = task_of(t, ev->tid);
	if (ti == SIZE_MAX)
		return -ENOMEM;
	struct dt_call c = {.ts_ns = ev->ts_ns, .nr = DT_NO_NR};
	if (ev->kind == RP_EV_SYSCALL && ev->u.sc.finished)
		c.ts_ns = ev->u.sc.exit_ts_ns; /* when its outcome was known */
	const char *const text = t->line.data;
	t->norm.len = 0;
	if (ev->kind == RP_EV_SYSCALL) {
		const struct rp_syscall *sc = &ev->u.sc;
		c.nr = sc->nr < DT_NO_NR ? (uint16_t)sc->nr : DT_NO_NR - 1;
		c.finished = sc->finished;
		/* a sigreturn's error is the interrupted call's */
		c.failed = sc->finished && sc->is_error && !(traits(t, sc) & TRAIT_RESTORED);
		c.err = c.failed ? (uint16_t)-sc->rval : 0;
		if (sc->finished && sc->exit_ts_ns > sc->entry_ts_ns) {
			const uint64_t us = (sc->exit_ts_ns - sc->entry_ts_ns) / 1000;
			c.dur_us = us < UINT32_MAX ? (uint32_t)us : UINT32_MAX;
		}
		if (t->opts->volatile_calls &&
		    strec_filter_match(t->opts->volatile_calls, sc->arch, sc->nr)) {
			/* compared by name and outcome only */
			const char *name = rp_syscall_name(sc);
			rp_buf_printf(&t->norm, "%s() %s", name ? name : "?",
				      !sc->finished ? "?"
				      : c.failed    ? strec_errno_name(c.err)
						    : "ok");
		} else {
			dn_normalize(&t->opts->norm, text, len, reads_random(t, sc, text, len),
				     &t->norm);
			if (sc->finished && (traits(t, sc) & TRAIT_RESTORED))
				dn_mask_result(&t->norm);
		}
	} else {
		dn_normalize(&t->opts->norm, text, len, false, &t->norm);
	}
	if (t->norm.oom)
		return -ENOMEM;
	const size_t shown = without_id_marks(t->line.data, len);
	c.text = intern(t, text, shown);
	if (c.text == UINT32_MAX)
		return -ENOMEM;
	struct dt_task *tk = &t->tasks[ti];
	if (tk->n == tk->cap) {
		const size_t cap = tk->cap ? tk->cap * 2 : 16;
		uint64_t *k = realloc(tk->keys, cap * sizeof(*k));
		if (!k)
			return -ENOMEM;
		tk->keys = k;
		struct dt_call *cv = realloc(tk->calls, cap * sizeof(*cv));
		if (!cv)
			return -ENOMEM;
		tk->calls = cv;
		tk->cap = cap;
	}
	tk->keys[tk->n] = dn_hash(t->norm.data, t->norm.len);
	tk->calls[tk->n++] = c;
	t->events++;
	return 0;
}

/* SIGCHLD comes whenever a child ends, between whichever calls the parent
 * was making: where it lands says nothing of the program (the parent's
 * wait4 and the child's exit do). Compared only when -e signal= selects
 * SIGCHLD, and so is the sigreturn that ends its handler (a shell's),
 * whose result is what the call it interrupted returned. Likewise a futex call: whether a
 * thread waits (a pthread_join of a thread that already ended does not)
 * is the scheduler's; compared only when a syscall filter of the command
 * line selects futex. */
static bool async_noise(const struct dt_trace *t, const struct dt_task *task,
			const struct rp_event *ev)
{
	const bool sigchld_shown = t->sel.sig_filter && ((t->sel.sigs >> SIGCHLD) & 1);
	if (ev->kind == RP_EV_SYSCALL || ev->kind == RP_EV_SYSCALL_ENTRY) {
		const struct sc_desc *const desc = ev->u.sc.desc;
		if (restores_context(desc))
			return task->last_signo == SIGCHLD && !sigchld_shown;
		return desc && desc->decoder == SC_D_futex && !t->sel.filter.active;
	}
	return ev->kind == RP_EV_SIGNAL && ev->u.sig.signo == SIGCHLD && !sigchld_shown;
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct dt_trace *t = ctx;
	int rc = rp_fdinfo_feed(t->fdinfo, ev);
	if (!rc && rp_select_follow(&t->sel, t->session, ev) < 0)
		rc = -ENOMEM;
	if (rc)
		return rc;
	switch (ev->kind) {
	case RP_EV_SPAWN:
		return on_spawn(t, ev);
	case RP_EV_EXEC:
		return on_exec(t, ev);
	default:
		break;
	}
	const size_t ti = task_of(t, ev->tid);
	if (ti == SIZE_MAX)
		return -ENOMEM;
	struct dt_proc *const p = &t->procs[t->tasks[ti].proc];
	if (ev->kind == RP_EV_SYSCALL) {
		const struct rp_syscall *sc = &ev->u.sc;
		const bool ok = sc->finished && !sc->is_error;
		const unsigned vec = strvec_arg(sc);
		if (ok && vec < 6 && (sc->desc->classes & SC_CLASS_LIFECYCLE) &&
		    (rc = on_execve(p, sc, vec)) < 0)
			return rc;
		if (ok && rp_select_event(&t->sel, t->session, ev) &&
		    (rc = note_paths(t, t->tasks[ti].proc, sc)) < 0)
			return rc;
	}
	if (rp_select_event(&t->sel, t->session, ev) && ev->kind != RP_EV_SYSCALL_ENTRY &&
	    !async_noise(t, &t->tasks[ti], ev) && (rc = keep_event(t, ev)) < 0)
		return rc;
	if (ev->kind == RP_EV_SIGNAL)
		t->tasks[ti].last_signo = ev->u.sig.signo;
	else if (ev->kind == RP_EV_SYSCALL && restores_context(ev->u.sc.desc))
		t->tasks[ti].last_signo = 0;
	if (ev->kind == RP_EV_EXIT) {
		/* the process's status is its last task's (the leader's, as a
		 * rule: it is reaped last) */
		if (ev->tid == p->pid || !p->has_status) {
			p->ended = true;
			p->has_status = true;
			p->wait_status = ev->u.wait_status;
		}
		strec_u32map_remove(&t->live, ev->tid);
	}
	return 0;
}

/* prefix and text joined, malloc'ed. */
static char *join(const char *prefix, const char *text)
{
	const size_t a = strlen(prefix), b = strlen(text);
	char *s = malloc(a + b + 1);
	if (s) {
		memcpy(s, prefix, a);
		memcpy(s + a, text, b + 1);
	}
	return s;
}

/* With t->scrub, rec as strscrub would have written it. */
static int scrub_like(struct dt_trace *t, struct strtrc_record *rec)
{
	uint64_t v;
	const bool known = strec_u32map_get(&t->scrub_calls, rec->tid, &v);
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY:
		if (!known) {
			if (st_grow((void **)&t->scrub_callv, &t->scrub_calls_cap, t->nscrub_calls,
				    sizeof(*t->scrub_callv)) < 0 ||
			    strec_u32map_put(&t->scrub_calls, rec->tid, t->nscrub_calls) < 0)
				return -ENOMEM;
			v = t->nscrub_calls++;
		}
		t->scrub_callv[v].in_call = true;
		t->scrub_callv[v].arch = rec->u.entry.arch;
		t->scrub_callv[v].nr = rec->u.entry.nr;
		memcpy(t->scrub_callv[v].args, rec->u.entry.args, sizeof(rec->u.entry.args));
		break;
	case STRTRC_EXIT:
	case STRTRC_DETACH:
		/* the tid may be reused: the slot is left behind */
		strec_u32map_remove(&t->scrub_calls, rec->tid);
		break;
	case STRTRC_MEMORY: {
		static const struct scrub_call none;
		const struct scrub_call *c = known ? &t->scrub_callv[v] : &none;
		if (scrub_mem_action(c, &rec->u.memory, t->scrub_argv, t->scrub_env) == SCRUB_DROP)
			scrub_mem_drop(&rec->u.memory);
		break;
	}
	default:
		break;
	}
	return 0;
}

int dt_read(struct dt_trace *t)
{
	struct strtrc_record rec;
	int rc;
	while ((rc = strtrc_reader_next(t->rd, &rec)) > 0) {
		if (t->scrub && scrub_like(t, &rec) < 0)
			return -ENOMEM;
		if (rec.kind == STRTRC_SNAPSHOT &&
		    rp_fdinfo_snapshot(t->fdinfo, &rec.u.snapshot) < 0)
			return -ENOMEM;
		const int frc = rp_session_feed(t->session, &rec, on_event, t);
		if (frc == -EPROTO) {
			const char *why = rp_session_error(t->session);
			t->error = join("damaged trace: ", why ? why : "bad record");
			if (!t->error)
				return -ENOMEM;
			break;
		}
		if (frc < 0)
			return frc;
	}
	if (rc < 0 && !t->error && !(t->error = join("", strtrc_reader_error(t->rd))))
		return -ENOMEM;
	const int frc = rp_session_finish(t->session, on_event, t);
	if (frc < 0 && frc != -EPROTO)
		return frc;
	const char *w = strtrc_reader_warning(t->rd);
	if (w && !(t->warning = strdup(w)))
		return -ENOMEM;
	return 0;
}

void dt_exit_text(const struct dt_proc *p, struct rp_buf *out)
{
	if (!p->has_status) {
		rp_buf_puts(out, "did not end");
		return;
	}
	const int st = p->wait_status;
	if (WIFSIGNALED(st)) {
		const char *name = strec_signal_name(WTERMSIG(st));
		if (name)
			rp_buf_printf(out, "killed by %s%s", name,
				      WCOREDUMP(st) ? " (core dumped)" : "");
		else
			rp_buf_printf(out, "killed by signal %d", WTERMSIG(st));
	} else {
		rp_buf_printf(out, "exited with %d", WEXITSTATUS(st));
	}
}
