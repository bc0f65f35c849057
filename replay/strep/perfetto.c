/* Chrome trace-event JSON for strep --format=perfetto.
 *
 * One track per thread (pid/tid); every syscall a complete event ("X") with
 * the decoded call and its result in args; process and thread names as
 * metadata ("M") at first sight and after each exec; signals, stops and
 * exits as instant events ("i"); a flow ("s" on the parent's fork call, "f"
 * on the child's first slice) per spawn, and one per exec (execve's slice to
 * the next one). Flow phases sit at the ts of the slice they belong to: the
 * Trace Event Format binds them by (cat, pid, tid, ts) in chrome://tracing,
 * Perfetto by the enclosing slice, and both hold. */
#include "perfetto.h"

#include "names.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PF_MAX_PENDING 4 /* flows waiting on one thread's next slice */
#define PF_CAT	       "syscall"

struct pf_thread {
	uint32_t tid; /* 0: free slot */
	uint32_t pid;
	char *name;		      /* the process's command when this task was last named */
	uint64_t out[PF_MAX_PENDING]; /* flows to start at this task's next slice */
	uint64_t in[PF_MAX_PENDING];  /* flows to finish at it */
	uint64_t after_exec;	      /* flow to finish at the slice after the next */
	unsigned nout, nin;
	bool seen_slice;
};

/* A flow is written once both its ends are known, so that every "s" has
 * its "f" whatever the filters left out. */
struct pf_flow {
	uint64_t id;
	const char *name;
	uint32_t pid[2], tid[2]; /* [0]: start, [1]: finish */
	uint64_t ts[2];
	bool set[2];
};

struct rp_perfetto {
	struct rp_printer *printer; /* decoded text of a call */
	struct rp_buf text;
	const char *root_name; /* the recorded command, for tasks seen before any exec */
	struct pf_thread *slots;
	size_t cap, n;
	uint64_t next_flow;
	struct pf_flow *flows; /* waiting for an end */
	size_t nflows, flows_cap;
	bool first; /* no event written yet: no comma before the next */
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

struct rp_perfetto *rp_perfetto_new(const struct rp_print_opts *print, const struct rp_session *s,
				    const struct strtrc_header *h)
{
	struct rp_perfetto *pf = calloc(1, sizeof(*pf));
	if (!pf)
		return NULL;
	struct rp_print_opts o = *print;
	/* the slice carries pid, time and duration itself */
	o.json = false;
	o.pid_prefix = false;
	o.ts = RP_TS_NONE;
	o.relative = false;
	o.show_duration = false;
	o.show_nr = false;
	o.show_ip = false;
	o.dump_read = o.dump_write = NULL;
	pf->printer = rp_printer_new(&o, s);
	pf->cap = 64;
	pf->slots = calloc(pf->cap, sizeof(*pf->slots));
	if (!pf->printer || !pf->slots) {
		rp_perfetto_free(pf);
		return NULL;
	}
	if (h->command_argc && h->command_argv[0])
		pf->root_name = base_name(h->command_argv[0]);
	else
		pf->root_name = h->attached ? "attached" : "?";
	pf->first = true;
	pf->next_flow = 1;
	return pf;
}

void rp_perfetto_free(struct rp_perfetto *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->cap && pf->slots; i++)
		free(pf->slots[i].name);
	free(pf->slots);
	free(pf->flows);
	rp_printer_free(pf->printer);
	rp_buf_free(&pf->text);
	free(pf);
}

/* ---- the task table: open addressing on tid ---- */

static struct pf_thread *slot_of(struct pf_thread *slots, size_t cap, uint32_t tid)
{
	size_t i = (tid * 2654435761u) & (cap - 1);
	while (slots[i].tid && slots[i].tid != tid)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static bool grow(struct rp_perfetto *pf)
{
	const size_t cap = pf->cap * 2;
	struct pf_thread *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < pf->cap; i++) {
		if (pf->slots[i].tid)
			*slot_of(slots, cap, pf->slots[i].tid) = pf->slots[i];
	}
	free(pf->slots);
	pf->slots = slots;
	pf->cap = cap;
	return true;
}

static struct pf_thread *find(struct rp_perfetto *pf, uint32_t tid)
{
	struct pf_thread *t = slot_of(pf->slots, pf->cap, tid);
	return t->tid ? t : NULL;
}

/* ---- JSON pieces ---- */

static void ev_begin(struct rp_perfetto *pf, struct rp_buf *out, const char *ph, uint32_t pid,
		     uint32_t tid)
{
	rp_buf_puts(out, pf->first ? "\n" : ",\n");
	pf->first = false;
	rp_buf_printf(out, "{\"ph\":\"%s\",\"pid\":%" PRIu32 ",\"tid\":%" PRIu32, ph, pid, tid);
}

/* Microseconds with the nanoseconds kept as decimals. */
static void put_us(struct rp_buf *out, const char *key, uint64_t ns)
{
	rp_buf_printf(out, ",\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

static void put_str(struct rp_buf *out, const char *key, const char *s)
{
	rp_buf_printf(out, ",\"%s\":", key);
	rp_json_string(out, (const uint8_t *)s, strlen(s));
}

static void name_meta(struct rp_perfetto *pf, struct rp_buf *out, const struct pf_thread *t,
		      bool process)
{
	ev_begin(pf, out, "M", t->pid, t->tid);
	put_str(out, "name", process ? "process_name" : "thread_name");
	rp_buf_puts(out, ",\"args\":{\"name\":");
	rp_json_string(out, (const uint8_t *)t->name, strlen(t->name));
	rp_buf_puts(out, "}}");
}

/* Names t (and its process when t leads it) after name. */
static void set_name(struct rp_perfetto *pf, struct rp_buf *out, struct pf_thread *t,
		     const char *name)
{
	if (t->name && !strcmp(t->name, name))
		return;
	char *copy = strdup(name);
	if (!copy) {
		out->oom = true;
		return;
	}
	free(t->name);
	t->name = copy;
	if (t->tid == t->pid)
		name_meta(pf, out, t, true);
	name_meta(pf, out, t, false);
}

/* The entry of tid, created (and named after its process) at first sight. */
static struct pf_thread *thread(struct rp_perfetto *pf, struct rp_buf *out, uint32_t tid,
				uint32_t pid)
{
	struct pf_thread *t = find(pf, tid);
	if (t)
		return t;
	if ((pf->n + 1) * 2 > pf->cap && !grow(pf)) {
		out->oom = true;
		return NULL;
	}
	t = slot_of(pf->slots, pf->cap, tid);
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->pid = pid ? pid : tid;
	pf->n++;
	const struct pf_thread *leader = t->pid != tid ? find(pf, t->pid) : NULL;
	if (leader && !leader->name)
		leader = NULL;
	if (t->pid != tid && !leader) {
		/* a thread seen before its leader: name the process too */
		struct pf_thread tmp = {
		    .tid = t->pid, .pid = t->pid, .name = (char *)pf->root_name};
		name_meta(pf, out, &tmp, true);
	}
	set_name(pf, out, t, leader ? leader->name : pf->root_name);
	return t;
}

static void add_pending(uint64_t *v, unsigned *n, uint64_t id)
{
	if (id && *n < PF_MAX_PENDING)
		v[(*n)++] = id;
}

/* A new flow's id, 0 when out of memory. */
static uint64_t new_flow(struct rp_perfetto *pf, struct rp_buf *out, const char *name)
{
	if (pf->nflows == pf->flows_cap) {
		const size_t cap = pf->flows_cap ? pf->flows_cap * 2 : 16;
		struct pf_flow *more = realloc(pf->flows, cap * sizeof(*more));
		if (!more) {
			out->oom = true;
			return 0;
		}
		pf->flows = more;
		pf->flows_cap = cap;
	}
	struct pf_flow *f = &pf->flows[pf->nflows++];
	memset(f, 0, sizeof(*f));
	f->id = pf->next_flow++;
	f->name = name;
	return f->id;
}

static void flow_phase(struct rp_perfetto *pf, struct rp_buf *out, const struct pf_flow *f, int end)
{
	ev_begin(pf, out, end ? "f" : "s", f->pid[end], f->tid[end]);
	put_str(out, "cat", PF_CAT);
	put_str(out, "name", f->name);
	put_us(out, "ts", f->ts[end]);
	rp_buf_printf(out, ",\"id\":%" PRIu64, f->id);
	if (end)
		rp_buf_puts(out, ",\"bp\":\"e\""); /* the enclosing slice, not the next */
	rp_buf_puts(out, "}");
}

/* Sets one end of flow id at t's slice starting at ts; writes the flow when
 * it is complete. */
static void flow_end(struct rp_perfetto *pf, struct rp_buf *out, uint64_t id, int end,
		     const struct pf_thread *t, uint64_t ts)
{
	for (size_t i = 0; i < pf->nflows; i++) {
		struct pf_flow *f = &pf->flows[i];
		if (f->id != id)
			continue;
		f->pid[end] = t->pid;
		f->tid[end] = t->tid;
		f->ts[end] = ts;
		f->set[end] = true;
		if (f->set[0] && f->set[1]) {
			flow_phase(pf, out, f, 0);
			flow_phase(pf, out, f, 1);
			pf->flows[i] = pf->flows[--pf->nflows];
		}
		return;
	}
}

/* ---- events ---- */

/* strace pads the call to column 40 before " = result": not in a label. */
static void squeeze_padding(struct rp_buf *b)
{
	if (!b->len)
		return;
	size_t eq = b->len;
	for (size_t i = b->len - 1; i >= 2; i--) {
		if (b->data[i] == ' ' && b->data[i - 1] == '=' && b->data[i - 2] == ' ') {
			eq = i - 2;
			break;
		}
	}
	if (eq == b->len)
		return;
	size_t from = eq;
	while (from > 0 && b->data[from - 1] == ' ')
		from--;
	memmove(b->data + from, b->data + eq, b->len - eq);
	b->len -= eq - from;
}

static void syscall_slice(struct rp_perfetto *pf, const struct rp_event *ev, struct pf_thread *t,
			  struct rp_buf *out)
{
	const struct rp_syscall *sc = &ev->u.sc;
	const char *name = rp_syscall_name(sc);
	char unknown[32];
	if (!name) {
		snprintf(unknown, sizeof(unknown), "syscall_%#" PRIx64, sc->nr);
		name = unknown;
	}
	const uint64_t start = sc->entry_ts_ns;
	const uint64_t dur =
	    sc->finished && sc->exit_ts_ns > sc->entry_ts_ns ? sc->exit_ts_ns - sc->entry_ts_ns : 0;
	pf->text.len = 0;
	rp_print_event(pf->printer, ev, &pf->text);
	if (pf->text.oom)
		out->oom = true;
	while (pf->text.len && pf->text.data[pf->text.len - 1] == '\n')
		pf->text.len--;
	squeeze_padding(&pf->text);

	ev_begin(pf, out, "X", t->pid, t->tid);
	put_str(out, "cat", PF_CAT);
	put_str(out, "name", name);
	put_us(out, "ts", start);
	put_us(out, "dur", dur);
	rp_buf_puts(out, ",\"args\":{\"call\":");
	rp_json_string(out, (const uint8_t *)pf->text.data, pf->text.len);
	if (!sc->finished) {
		rp_buf_puts(out, ",\"result\":\"?\"");
	} else if (sc->is_error) {
		const char *en = strec_errno_name((int)-sc->rval);
		rp_buf_printf(out, ",\"result\":-1,\"errno\":\"%s\"", en ? en : "?");
	} else {
		rp_buf_printf(out, ",\"result\":%" PRId64, sc->rval);
	}
	rp_buf_puts(out, "}}");

	/* flows: finish those waiting on this task, start those from it */
	t->seen_slice = true;
	for (unsigned i = 0; i < t->nin; i++)
		flow_end(pf, out, t->in[i], 1, t, start);
	t->nin = 0;
	for (unsigned i = 0; i < t->nout; i++)
		flow_end(pf, out, t->out[i], 0, t, start);
	t->nout = 0;
	if (t->after_exec) {
		add_pending(t->in, &t->nin, t->after_exec);
		t->after_exec = 0;
	}
}

static void instant(struct rp_perfetto *pf, struct rp_buf *out, const struct pf_thread *t,
		    uint64_t ts, const char *cat, const char *name)
{
	ev_begin(pf, out, "i", t->pid, t->tid);
	put_str(out, "cat", cat);
	put_str(out, "name", name);
	put_us(out, "ts", ts);
	rp_buf_puts(out, ",\"s\":\"t\"}");
}

static const char *signal_label(int sig, char *tmp, size_t size)
{
	const char *n = strec_signal_name(sig);
	if (n)
		return n;
	snprintf(tmp, size, "signal %d", sig);
	return tmp;
}

void rp_perfetto_begin(struct rp_perfetto *pf, struct rp_buf *out)
{
	(void)pf;
	rp_buf_puts(out, "{\"traceEvents\":[");
}

void rp_perfetto_event(struct rp_perfetto *pf, const struct rp_event *ev, struct rp_buf *out)
{
	assert(pf && ev && out);
	struct pf_thread *t = thread(pf, out, ev->tid, ev->pid);
	if (!t)
		return;
	char tmp[64];
	switch (ev->kind) {
	case RP_EV_SYSCALL:
		syscall_slice(pf, ev, t, out);
		break;
	case RP_EV_SIGNAL:
		instant(pf, out, t, ev->ts_ns, "signal",
			signal_label(ev->u.sig.signo, tmp, sizeof(tmp)));
		break;
	case RP_EV_GROUP_STOP: {
		char label[96];
		snprintf(label, sizeof(label), "stopped (%s)",
			 signal_label(ev->u.stop_signo, tmp, sizeof(tmp)));
		instant(pf, out, t, ev->ts_ns, "signal", label);
		break;
	}
	case RP_EV_EXIT: {
		const int st = ev->u.wait_status;
		char label[96];
		if ((st & 0x7f) == 0)
			snprintf(label, sizeof(label), "exited with %d", (st >> 8) & 0xff);
		else
			snprintf(label, sizeof(label), "killed by %s",
				 signal_label(st & 0x7f, tmp, sizeof(tmp)));
		instant(pf, out, t, ev->ts_ns, "process", label);
		break;
	}
	case RP_EV_DETACH:
		instant(pf, out, t, ev->ts_ns, "process", "detached");
		break;
	case RP_EV_SPAWN: {
		const uint32_t child_tid = ev->u.spawn.new_tid;
		const bool same_process = ev->u.spawn.how == STRTRC_SPAWN_CLONE &&
					  sc_clone_makes_thread(ev->u.spawn.clone_flags);
		char *name = strdup(t->name ? t->name : pf->root_name);
		if (!name) {
			out->oom = true;
			return;
		}
		/* the child may have been seen already (its first stop can come
		 * before the parent's report): then it keeps its entry */
		struct pf_thread *c = thread(pf, out, child_tid, same_process ? t->pid : child_tid);
		t = find(pf, ev->tid); /* the table may have grown */
		if (c && t && strcmp(c->name ? c->name : "", name) != 0)
			set_name(pf, out, c, name);
		free(name);
		if (c && t && !c->seen_slice) {
			const uint64_t id = new_flow(pf, out, "fork");
			add_pending(t->out, &t->nout, id);
			add_pending(c->in, &c->nin, id);
		}
		break;
	}
	case RP_EV_EXEC: {
		const char *exe = ev->u.exec.exe ? ev->u.exec.exe : "?";
		set_name(pf, out, t, base_name(exe));
		instant(pf, out, t, ev->ts_ns, "process", "exec");
		/* execve's own slice comes next (its exit follows the exec) */
		const uint64_t id = new_flow(pf, out, "exec");
		add_pending(t->out, &t->nout, id);
		t->after_exec = id;
		break;
	}
	case RP_EV_SYSCALL_ENTRY:
	default:
		break;
	}
}

void rp_perfetto_end(struct rp_perfetto *pf, struct rp_buf *out)
{
	(void)pf;
	rp_buf_puts(out, "\n],\"displayTimeUnit\":\"ns\"}\n");
}
