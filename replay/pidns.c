/* strace --pidns-translation from the recorder's pid ns records (FORMAT.md,
 * kind 13): an id a task in another pid namespace saw, as strace's (the
 * recorder's) namespace sees it. */
#include "rp_internal.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct pidns_task {
	uint32_t tid;
	uint64_t seq; /* of its latest record: newer ones are looked at first */
	uint64_t ns;
	uint8_t nparents;
	uint8_t nids[STRTRC_PID_TYPES];
	uint64_t parents[STRTRC_PIDNS_MAX];
	uint32_t ids[STRTRC_PID_TYPES][STRTRC_PIDNS_MAX];
};

struct rp_pidns {
	uint64_t own_ns;	    /* the recorder's namespace */
	uint32_t own_level;	    /* its index in the id lists */
	struct strec_u32map by_tid; /* tid -> index + 1 into tasks */
	struct pidns_task *tasks;
	size_t n, cap;
	uint64_t seq;
};

struct rp_pidns *rp_pidns_new(uint64_t own_ns, uint32_t own_level)
{
	struct rp_pidns *const p = calloc(1, sizeof(*p));
	if (p) {
		p->own_ns = own_ns;
		p->own_level = own_level;
	}
	return p;
}

void rp_pidns_free(struct rp_pidns *p)
{
	if (!p)
		return;
	strec_u32map_free(&p->by_tid);
	free(p->tasks);
	free(p);
}

int rp_pidns_put(struct rp_pidns *p, uint32_t tid, const struct strtrc_pidns *r)
{
	uint64_t at = 0;
	struct pidns_task *t;
	if (strec_u32map_get(&p->by_tid, tid, &at)) {
		t = &p->tasks[at - 1];
	} else {
		if (p->n == p->cap) {
			const size_t cap = p->cap ? 2 * p->cap : 16;
			struct pidns_task *const nt = realloc(p->tasks, cap * sizeof(*nt));
			if (!nt)
				return -ENOMEM;
			p->tasks = nt;
			p->cap = cap;
		}
		if (strec_u32map_put(&p->by_tid, tid, p->n + 1) < 0)
			return -ENOMEM;
		t = &p->tasks[p->n++];
	}
	/* the reader takes at most STRTRC_PIDNS_MAX of each */
	t->tid = tid;
	t->seq = ++p->seq;
	t->ns = r->ns;
	t->nparents = (uint8_t)r->nparents;
	memcpy(t->parents, r->parents, r->nparents * sizeof(*r->parents));
	for (int k = 0; k < STRTRC_PID_TYPES; k++) {
		t->nids[k] = (uint8_t)r->nids[k];
		memcpy(t->ids[k], r->ids[k], r->nids[k] * sizeof(*r->ids[k]));
	}
	return 0;
}

/* The namespace of t at level (an index in its id lists), 0 if unknown. */
static uint64_t ns_at(const struct pidns_task *t, unsigned level)
{
	const unsigned own = t->nids[STRTRC_PID_TID] - 1u;
	if (!t->nids[STRTRC_PID_TID] || level > own)
		return 0;
	if (level == own)
		return t->ns;
	const unsigned up = own - level; /* 1: the parent */
	return up <= t->nparents ? t->parents[up - 1] : 0;
}

uint32_t rp_pidns_translate(const struct rp_pidns *p, uint32_t tid, int64_t v,
			    enum sc_pid_type type)
{
	uint64_t at;
	if (!p || v <= 0 || v > INT32_MAX || !strec_u32map_get(&p->by_tid, tid, &at))
		return 0; /* no record: the task is in the recorder's namespace */
	enum strtrc_pid_type k;
	switch (type) {
	case SC_PID_TID:
		k = STRTRC_PID_TID;
		break;
	case SC_PID_TGID:
		k = STRTRC_PID_TGID;
		break;
	case SC_PID_PGID:
		k = STRTRC_PID_PGID;
		break;
	case SC_PID_SID:
		k = STRTRC_PID_SID;
		break;
	default:
		return 0;
	}
	const struct pidns_task *const x = &p->tasks[at - 1];
	if (!x->nids[STRTRC_PID_TID])
		return 0;
	const unsigned level = x->nids[STRTRC_PID_TID] - 1u;
	/* the latest record that names v at x's level of x's namespace */
	const struct pidns_task *best = NULL;
	for (size_t i = 0; i < p->n; i++) {
		const struct pidns_task *const c = &p->tasks[i];
		if (c->nids[k] > level && c->ids[k][level] == (uint32_t)v &&
		    c->nids[k] > p->own_level && ns_at(c, level) == x->ns &&
		    (!best || c->seq > best->seq))
			best = c;
	}
	return best ? best->ids[k][p->own_level] : 0;
}
