/* Pairs trace records into whole events: a syscall's entry, its memory
 * captures and its exit become one event emitted at exit. Keeps only what
 * is pending (one syscall per task) and the process tables, so memory stays
 * bounded by the number of live tasks, not the trace length; and every
 * record costs the same whatever came before it: tasks are found through a
 * hash table, and descriptor tables are shared at fork and copied a path at
 * a time (see "descriptor tables" below). */
#include "rp_internal.h"

#include "syscall_numbers.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define RP_CLONE_FILES 0x400u

/* The descriptor tables of all processes together keep at most this many
 * bytes of nodes and names; past it, the table that needed more is
 * forgotten (its descriptors print as numbers under -y) and the session
 * warns. About a million open files with short paths fit. */
#define RP_FD_BUDGET (64u << 20)

#define RP_MAX_WARNINGS 4

/* ---- names: immutable strings shared by every table that holds them ---- */

struct rp_name {
	uint32_t refs;
	uint32_t len;
	int32_t pidfd_pid; /* a pidfd's process (STRTRC_ARG_PIDFD), else 0 */
	bool unlinked;	   /* the session saw its path unlinked: text ends in DELETED_MARK */
	bool as_is;	   /* a " (deleted)" ending is the file's own name */
	char text[];	   /* NUL-terminated, with room for DELETED_MARK */
};

/* What /proc says after a file's path is unlinked (rp_fd_path_text moves
 * it after the brackets) */
#define DELETED_MARK " (deleted)"
#define DELETED_LEN  (sizeof(DELETED_MARK) - 1)

/* ---- descriptor tables ----
 *
 * A process's descriptors are a radix tree on the descriptor number, 16
 * slots a node, as deep as its largest descriptor needs: sparse, so that
 * descriptor 1048576 costs six nodes, not a million slots. Nodes are
 * reference-counted and shared: fork copies nothing (the child holds the
 * parent's root), and a change copies only the nodes on its path that are
 * shared. exec forgets close-on-exec descriptors without visiting them: each
 * entry remembers the epoch it was set in, each table the epoch of its last
 * exec, and a close-on-exec entry set before its table's exec is gone. */

#define FD_BITS	  4
#define FD_FANOUT (1u << FD_BITS)
#define FD_LEVELS 8 /* 16^8 = 2^32 covers every int32 descriptor */

struct fd_node {
	uint32_t refs;
	uint16_t used;	  /* non-empty slots */
	uint16_t cloexec; /* leaves: bit i, slot i is close-on-exec */
	union {
		struct fd_node *child[FD_FANOUT];
		struct {
			struct rp_name *name[FD_FANOUT];
			uint64_t epoch[FD_FANOUT]; /* when the slot was set */
		} leaf;
	} u;
};

/* Inner nodes hold only the children. */
static size_t fd_node_size(unsigned level)
{
	return level ? offsetof(struct fd_node, u) + sizeof(struct fd_node *) * FD_FANOUT
		     : sizeof(struct fd_node);
}

/* What a process's descriptors refer to, and its working directory: shared
 * by its threads (and CLONE_FILES children) through refs. */
struct fdtab {
	unsigned refs;
	unsigned height;      /* the root covers descriptors below 16^height */
	struct fd_node *root; /* NULL: no descriptor known */
	uint64_t exec_epoch;  /* its last exec; 0: none seen */
	struct rp_name *cwd;  /* NULL: unknown */
};

/* The session's side of the descriptor tables: the budget and the epochs. */
struct fdstore {
	size_t bytes;	    /* nodes and names alive */
	uint64_t epoch;	    /* advanced by every exec */
	uint64_t forgotten; /* tables dropped for the budget */
};

static struct rp_name *name_new(struct fdstore *st, const char *text, size_t len)
{
	if (len > UINT32_MAX - 1 - DELETED_LEN)
		len = UINT32_MAX - 1 - DELETED_LEN;
	const size_t size = sizeof(struct rp_name) + len + 1 + DELETED_LEN;
	if (st->bytes + size > RP_FD_BUDGET)
		return NULL;
	struct rp_name *n = malloc(size);
	if (!n)
		return NULL;
	n->refs = 1;
	n->len = (uint32_t)len;
	n->pidfd_pid = 0;
	n->unlinked = false;
	n->as_is = false;
	if (len)
		memcpy(n->text, text, len);
	n->text[len] = '\0';
	st->bytes += size;
	return n;
}

static void name_unref(struct fdstore *st, struct rp_name *n)
{
	if (!n || --n->refs)
		return;
	st->bytes -= sizeof(struct rp_name) + n->len + 1 + (n->unlinked ? 0 : DELETED_LEN);
	free(n);
}

/* The file at path (len bytes) was unlinked: a name of it says so now, as
 * /proc would ("path (deleted)"). */
static void name_mark_unlinked(struct rp_name *n, const char *path, size_t len)
{
	if (!n || n->unlinked || n->len != len || memcmp(n->text, path, len) != 0)
		return;
	memcpy(n->text + n->len, DELETED_MARK, DELETED_LEN + 1);
	n->len += (uint32_t)DELETED_LEN;
	n->unlinked = true;
	n->as_is = false; /* its last " (deleted)" is the mark now */
}

static struct fd_node *node_new(struct fdstore *st, unsigned level)
{
	const size_t size = fd_node_size(level);
	if (st->bytes + size > RP_FD_BUDGET)
		return NULL;
	struct fd_node *n = calloc(1, size);
	if (!n)
		return NULL;
	n->refs = 1;
	st->bytes += size;
	return n;
}

static void node_unref(struct fdstore *st, struct fd_node *n, unsigned level)
{
	if (!n || --n->refs)
		return;
	for (unsigned i = 0; i < FD_FANOUT; i++) {
		if (level)
			node_unref(st, n->u.child[i], level - 1);
		else
			name_unref(st, n->u.leaf.name[i]);
	}
	st->bytes -= fd_node_size(level);
	free(n);
}

/* *pp made the caller's own to change: copied (one node) when shared or
 * created when absent. NULL when the budget or memory ran out. */
static struct fd_node *node_own(struct fdstore *st, struct fd_node **pp, unsigned level)
{
	struct fd_node *const n = *pp;
	if (n && n->refs == 1)
		return n;
	struct fd_node *const copy = node_new(st, level);
	if (!copy)
		return NULL;
	if (n) {
		memcpy(&copy->u, &n->u, fd_node_size(level) - offsetof(struct fd_node, u));
		copy->used = n->used;
		copy->cloexec = n->cloexec;
		for (unsigned i = 0; i < FD_FANOUT; i++) {
			if (level && copy->u.child[i])
				copy->u.child[i]->refs++;
			else if (!level && copy->u.leaf.name[i])
				copy->u.leaf.name[i]->refs++;
		}
		n->refs--; /* shared: still alive */
	}
	*pp = copy;
	return copy;
}

static unsigned fd_slot(uint32_t fd, unsigned level)
{
	return (fd >> (FD_BITS * level)) & (FD_FANOUT - 1);
}

/* The leaf that holds fd, or NULL. */
static const struct fd_node *fd_leaf(const struct fdtab *t, uint32_t fd)
{
	if (!t || !t->root || (t->height < FD_LEVELS && fd >> (FD_BITS * t->height)))
		return NULL;
	const struct fd_node *n = t->root;
	for (unsigned level = t->height - 1; n && level > 0; level--)
		n = n->u.child[fd_slot(fd, level)];
	return n;
}

/* Sets (name non-NULL) or clears fd's slot below *pp, a node of level. */
static int tree_set(struct fdstore *st, struct fd_node **pp, unsigned level, uint32_t fd,
		    struct rp_name *name, bool cloexec)
{
	struct fd_node *const n = node_own(st, pp, level);
	if (!n)
		return -ENOMEM;
	const unsigned i = fd_slot(fd, level);
	if (level) {
		const bool had = n->u.child[i] != NULL;
		const int rc = tree_set(st, &n->u.child[i], level - 1, fd, name, cloexec);
		if (rc)
			return rc;
		n->used = (uint16_t)(n->used - had + (n->u.child[i] != NULL));
	} else {
		struct rp_name *const old = n->u.leaf.name[i];
		if (name)
			name->refs++;
		n->u.leaf.name[i] = name;
		n->u.leaf.epoch[i] = st->epoch;
		n->cloexec = (uint16_t)((n->cloexec & ~(1u << i)) | ((name && cloexec) << i));
		n->used = (uint16_t)(n->used - (old != NULL) + (name != NULL));
		name_unref(st, old);
	}
	if (!n->used) {
		node_unref(st, n, level);
		*pp = NULL;
	}
	return 0;
}

/* Clears [first, last] below *pp, a node of level covering from base. */
static int tree_clear_range(struct fdstore *st, struct fd_node **pp, unsigned level, uint64_t base,
			    uint64_t first, uint64_t last)
{
	if (!*pp)
		return 0;
	const uint64_t span = 1ull << (FD_BITS * (level + 1)), step = span / FD_FANOUT;
	if (first <= base && base + span - 1 <= last) {
		node_unref(st, *pp, level);
		*pp = NULL;
		return 0;
	}
	struct fd_node *const n = node_own(st, pp, level);
	if (!n)
		return -ENOMEM;
	for (unsigned i = 0; i < FD_FANOUT; i++) {
		const uint64_t lo = base + i * step;
		if (lo + step - 1 < first || lo > last)
			continue;
		if (level) {
			const bool had = n->u.child[i] != NULL;
			const int rc =
			    tree_clear_range(st, &n->u.child[i], level - 1, lo, first, last);
			if (rc)
				return rc;
			n->used = (uint16_t)(n->used - had + (n->u.child[i] != NULL));
		} else if (n->u.leaf.name[i]) {
			name_unref(st, n->u.leaf.name[i]);
			n->u.leaf.name[i] = NULL;
			n->cloexec &= (uint16_t) ~(1u << i);
			n->used--;
		}
	}
	if (!n->used) {
		node_unref(st, n, level);
		*pp = NULL;
	}
	return 0;
}

static struct fdtab *fdtab_new(void)
{
	struct fdtab *t = calloc(1, sizeof(*t));
	if (t)
		t->refs = 1;
	return t;
}

static void fdtab_unref(struct fdstore *st, struct fdtab *t)
{
	if (!t || --t->refs)
		return;
	node_unref(st, t->root, t->height ? t->height - 1 : 0);
	name_unref(st, t->cwd);
	free(t);
}

/* fork: the child's own table, sharing every node with the parent's. */
static struct fdtab *fdtab_fork(const struct fdtab *src)
{
	struct fdtab *t = fdtab_new();
	if (!t || !src)
		return t;
	t->height = src->height;
	t->root = src->root;
	if (t->root)
		t->root->refs++;
	t->exec_epoch = src->exec_epoch;
	t->cwd = src->cwd;
	if (t->cwd)
		t->cwd->refs++;
	return t;
}

/* Out of budget: the table forgets its descriptors rather than keep a
 * name that may be stale. */
static void fdtab_forget(struct fdstore *st, struct fdtab *t)
{
	node_unref(st, t->root, t->height ? t->height - 1 : 0);
	t->root = NULL;
	t->height = 0;
	st->forgotten++;
}

static void node_mark_unlinked(struct fd_node *node, unsigned level, const char *path, size_t len)
{
	for (unsigned i = 0; node && i < FD_FANOUT; i++) {
		if (level)
			node_mark_unlinked(node->u.child[i], level - 1, path, len);
		else
			name_mark_unlinked(node->u.leaf.name[i], path, len);
	}
}

/* Every descriptor of t, and its working directory, naming path. */
static void fdtab_mark_unlinked(struct fdtab *t, const char *path, size_t len)
{
	if (!t)
		return;
	if (t->root)
		node_mark_unlinked(t->root, t->height - 1, path, len);
	name_mark_unlinked(t->cwd, path, len);
}

static void fdtab_set_cwd(struct fdstore *st, struct fdtab *t, const char *cwd, size_t len)
{
	if (!t)
		return;
	name_unref(st, t->cwd);
	t->cwd = name_new(st, cwd, len);
	if (!t->cwd)
		st->forgotten++; /* unknown now, rather than stale */
}

static struct rp_name *fdtab_entry(const struct fdtab *t, int64_t fd, bool *cloexec)
{
	if (fd < 0 || fd > INT32_MAX)
		return NULL;
	const struct fd_node *const leaf = fd_leaf(t, (uint32_t)fd);
	if (!leaf)
		return NULL;
	const unsigned i = fd_slot((uint32_t)fd, 0);
	const bool ce = (leaf->cloexec >> i) & 1;
	/* a close-on-exec descriptor set before the last exec is gone */
	if (ce && leaf->u.leaf.epoch[i] < t->exec_epoch)
		return NULL;
	if (cloexec)
		*cloexec = ce;
	return leaf->u.leaf.name[i];
}

static const char *fdtab_get(const struct fdtab *t, int64_t fd)
{
	const struct rp_name *const n = fdtab_entry(t, fd, NULL);
	return n ? n->text : NULL;
}

/* Puts name in fd's slot (NULL: closes fd), taking over the caller's
 * reference. */
static void fdtab_put(struct fdstore *st, struct fdtab *t, uint32_t fd, struct rp_name *name,
		      bool cloexec)
{
	if (!name) {
		const struct fd_node *const leaf = fd_leaf(t, fd);
		if (!leaf || !leaf->u.leaf.name[fd_slot(fd, 0)])
			return; /* nothing to close: no node to copy */
	}
	/* a taller tree: the old root becomes the first child of a new one */
	while (name && (!t->height || (t->height < FD_LEVELS && fd >> (FD_BITS * t->height)))) {
		if (t->root) {
			struct fd_node *const up = node_new(st, t->height);
			if (!up) {
				name_unref(st, name);
				fdtab_forget(st, t);
				return;
			}
			up->u.child[0] = t->root;
			up->used = 1;
			t->root = up;
		}
		t->height++;
	}
	const int rc = tree_set(st, &t->root, t->height - 1, fd, name, cloexec);
	name_unref(st, name); /* the leaf holds a reference of its own */
	if (rc)
		fdtab_forget(st, t);
	else if (!t->root)
		t->height = 0;
}

/* Names fd (path NULL: closes it). */
static void fdtab_set(struct fdstore *st, struct fdtab *t, int64_t fd, const char *path, size_t len,
		      bool cloexec)
{
	if (!t || fd < 0 || fd > INT32_MAX)
		return;
	struct rp_name *name = NULL;
	if (path && !(name = name_new(st, path, len))) {
		fdtab_forget(st, t);
		return;
	}
	fdtab_put(st, t, (uint32_t)fd, name, cloexec);
}

/* Names fd as a result record of sc says (link), a pidfd with its process. */
static void fdtab_set_link(struct fdstore *st, struct fdtab *t, int64_t fd,
			   const struct rp_syscall *sc, const struct rp_mem *link, bool cloexec)
{
	fdtab_set(st, t, fd, (const char *)link->data, link->len, cloexec);
	const int32_t pid = rp_link_pidfd_pid(sc, link);
	const bool as_is = link->flags & STRTRC_MEM_NAME_AS_IS;
	struct rp_name *const n = (pid || as_is) && t ? fdtab_entry(t, fd, NULL) : NULL;
	if (n) {
		n->pidfd_pid = pid;
		n->as_is = as_is;
	}
}

/* dup: to gets from's name, shared rather than copied (unknown: closed). */
static void fdtab_dup(struct fdstore *st, struct fdtab *t, int64_t from, int64_t to, bool cloexec)
{
	if (!t || to < 0 || to > INT32_MAX)
		return;
	struct rp_name *const n = fdtab_entry(t, from, NULL);
	if (n)
		n->refs++;
	fdtab_put(st, t, (uint32_t)to, n, cloexec);
}

static void fdtab_set_cloexec(struct fdstore *st, struct fdtab *t, int64_t fd, bool on)
{
	bool was = false;
	struct rp_name *const n = fdtab_entry(t, fd, &was);
	if (!n || was == on)
		return;
	n->refs++;
	fdtab_put(st, t, (uint32_t)fd, n, on);
}

static void fdtab_close_range(struct fdstore *st, struct fdtab *t, uint64_t first, uint64_t last)
{
	if (!t || !t->root || first > last || first > INT32_MAX)
		return;
	if (tree_clear_range(st, &t->root, t->height - 1, 0, first,
			     last < INT32_MAX ? last : INT32_MAX))
		fdtab_forget(st, t);
	if (!t->root)
		t->height = 0;
}

/* exec closes the close-on-exec descriptors: those set before now */
static void fdtab_exec(struct fdstore *st, struct fdtab *t)
{
	if (t)
		t->exec_epoch = ++st->epoch;
}

/* Whether a successful call opened its descriptor(s) close-on-exec: the
 * *_CLOEXEC bit of its first flag argument's set (O_CLOEXEC, MFD_CLOEXEC...),
 * O_CLOEXEC itself where the set names none (the kernel defines SOCK_,
 * EPOLL_, EFD_... CLOEXEC as O_CLOEXEC); the table marks the calls whose
 * descriptors always are (pidfds). */
static bool opened_cloexec(const struct sc_desc *d, const uint64_t *a)
{
	enum { O_CLOEXEC_BIT = 02000000 };
	if (d->classes & SC_CLASS_RET_FD_CLOEXEC)
		return true;
	for (unsigned i = 0; i < d->nargs; i++) {
		if (d->args[i].kind != SC_ARG_FLAGS)
			continue;
		const struct rp_xlat *const x = rp_xlat_get(d->args[i].type);
		for (size_t k = 0; x && k < x->n; k++) {
			const size_t len = strlen(x->e[k].name);
			if (len > 8 && !memcmp(x->e[k].name + len - 8, "_CLOEXEC", 8))
				return (a[i] & x->e[k].val) != 0;
		}
		return (a[i] & O_CLOEXEC_BIT) != 0;
	}
	return false;
}

/* ---- tasks ---- */

/* A syscall in progress, kept as the event it becomes (ev.u.sc) so that
 * emitting it copies nothing. A task holds one only while in a call: the
 * session keeps a few spares (with their buffers) for the next entries. */
#define RP_SPARE_CALLS 64

struct call {
	struct call *next_spare;
	struct rp_event ev;
	/* memory captures: descriptors and one arena holding their bytes */
	struct rp_mem *mem;
	size_t nmem, mem_cap;
	uint8_t *arena;
	size_t arena_len, arena_cap;
};

struct task {
	uint32_t tid, pid;
	bool in_syscall;
	bool exec_pending; /* exec'd during the pending call: forget cloexec fds after it */
	uint64_t seq;	   /* entry order, to finish unfinished calls oldest first */
	struct call *call; /* while in_syscall */
	struct fdtab *fds;
	const struct sc_desc *prev_desc; /* the call before the current one */
	uint32_t prev_arch;		 /* and its number, for -n on signal lines */
	uint64_t prev_nr;
};

struct rp_session {
	struct strec_u32map tasks; /* live tasks by tid: struct task * */
	struct task *last;	   /* the task of the last record: runs of them are its */
	uint64_t seq;
	char *cwd;
	struct rp_name *start_cwd; /* cwd's name, for tasks first seen on their own */
	struct call *spare;	   /* calls no task holds, up to RP_SPARE_CALLS */
	size_t nspare;
	struct fdstore store;
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
	char error[256]; /* why feed failed with -EPROTO */
	uint64_t snapshot_tids_dropped;
	uint32_t snapshot_pid_dropped; /* the last snapshot that listed too many */
	char warnings[RP_MAX_WARNINGS][256];
	/* tasks in other pid namespaces (pid ns records); NULL: the trace has
	 * no recorder namespace to translate to */
	struct rp_pidns *pidns;
	uint64_t pid_ns;
	uint32_t pid_ns_level;
	/* netlink sockets' protocols by inode, from the calls that made them
	 * and the recorder's socket records (strace asks the live socket when
	 * it decodes a message, and finds it once it has a port id) */
	struct nl_sock {
		uint64_t inode;
		uint32_t protocol;
		bool bound;
	} * nl_socks;
	size_t n_nl_socks, nl_socks_cap;
	/* the calls that change the descriptor table, per architecture */
	struct fd_calls {
		uint32_t arch; /* 0: not looked up yet */
		const struct sc_desc *open, *openat, *creat, *openat2, *close, *close_range, *dup,
		    *dup2, *dup3, *fcntl, *chdir, *recvmsg, *recvmmsg, *socket, *bind, *connect,
		    *sendto, *sendmsg, *sendmmsg, *wait4, *waitid, *unlink, *unlinkat, *rmdir;
	} fd_calls[2];
	/* processes a wait call reaped: a pidfd of theirs names no process any
	 * more (strace -yy shows its path) until the pid is used again */
	struct strec_u32map reaped;
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
	const bool x64 = t == &sc_table_x86_64;
#define LOOKUP(name) sc_lookup(t, x64 ? SC_NR_##name : SC_NR32_##name)
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
	    .socket = LOOKUP(socket),
	    .bind = LOOKUP(bind),
	    .connect = LOOKUP(connect),
	    .sendto = LOOKUP(sendto),
	    .sendmsg = LOOKUP(sendmsg),
	    .sendmmsg = LOOKUP(sendmmsg),
	    .wait4 = LOOKUP(wait4),
	    .waitid = LOOKUP(waitid),
	    .unlink = LOOKUP(unlink),
	    .unlinkat = LOOKUP(unlinkat),
	    .rmdir = LOOKUP(rmdir),
	};
#undef LOOKUP
	return fc;
}

static struct task *find_task(const struct rp_session *s, uint32_t tid)
{
	uint64_t t;
	return strec_u32map_get(&s->tasks, tid, &t) ? (struct task *)(uintptr_t)t : NULL;
}

struct rp_session *rp_session_new(const struct strtrc_header *header)
{
	struct rp_session *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (header && header->cwd)
		s->cwd = strdup(header->cwd);
	if (header) {
		s->pid_ns = header->pid_ns;
		s->pid_ns_level = header->pid_ns_level;
	}
	return s;
}

static void call_free(struct call *c)
{
	if (!c)
		return;
	free(c->mem);
	free(c->arena);
	free(c);
}

static struct call *call_take(struct rp_session *s)
{
	struct call *const c = s->spare;
	if (!c)
		return calloc(1, sizeof(struct call));
	s->spare = c->next_spare;
	s->nspare--;
	return c;
}

static void call_give_back(struct rp_session *s, struct call *c)
{
	if (s->nspare == RP_SPARE_CALLS) {
		call_free(c);
		return;
	}
	c->next_spare = s->spare;
	s->spare = c;
	s->nspare++;
}

static void task_free(struct rp_session *s, struct task *t)
{
	if (!t)
		return;
	call_free(t->call);
	fdtab_unref(&s->store, t->fds);
	free(t);
}

void rp_session_free(struct rp_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->tasks.cap; i++) {
		uint64_t t;
		if (strec_u32map_at(&s->tasks, i, NULL, &t))
			task_free(s, (struct task *)(uintptr_t)t);
	}
	strec_u32map_free(&s->tasks);
	strec_u32map_free(&s->reaped);
	while (s->spare) {
		struct call *const c = s->spare;
		s->spare = c->next_spare;
		call_free(c);
	}
	name_unref(&s->store, s->start_cwd);
	assert(s->store.bytes == 0);
	free(s->cwd);
	free(s->entry_mem);
	rp_pidns_free(s->pidns);
	free(s->nl_socks);
	free(s);
}

uint32_t rp_session_pid_translate(const struct rp_session *s, uint32_t tid, int64_t v,
				  enum sc_pid_type t)
{
	return rp_pidns_translate(s->pidns, tid, v, t);
}

static int session_error(struct rp_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int session_error(struct rp_session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
	return -EPROTO;
}

const char *rp_session_error(const struct rp_session *s)
{
	return s->error[0] ? s->error : NULL;
}

/* The warnings, from what the session counted. */
const char *rp_session_warning(struct rp_session *s, size_t i)
{
	size_t n = 0;
	if (s->store.forgotten) {
		snprintf(s->warnings[n++], sizeof(s->warnings[0]),
			 "descriptor tables past %u MiB: %llu times a process's descriptor names "
			 "were forgotten (-y prints their numbers alone)",
			 RP_FD_BUDGET >> 20, (unsigned long long)s->store.forgotten);
	}
	if (s->snapshot_tids_dropped) {
		snprintf(s->warnings[n++], sizeof(s->warnings[0]),
			 "a snapshot (the last of pid %u) listed more than %u threads: %llu thread "
			 "ids beyond them were not taken as their process's threads",
			 s->snapshot_pid_dropped, STRTRC_SNAPSHOT_MAX_TIDS,
			 (unsigned long long)s->snapshot_tids_dropped);
	}
	assert(n <= RP_MAX_WARNINGS);
	return i < n ? s->warnings[i] : NULL;
}

/* A task id from a record: below the kernel's limit, or the trace is
 * damaged (and the task table would have no bound). */
static int check_tid(struct rp_session *s, uint32_t tid, const char *what)
{
	if (tid < STRTRC_TID_LIMIT)
		return 0;
	return session_error(s, "%s %u: thread ids are below %u (the kernel's PID_MAX_LIMIT)", what,
			     tid, STRTRC_TID_LIMIT);
}

static struct task *add_task(struct rp_session *s, uint32_t tid, uint32_t pid)
{
	assert(!find_task(s, tid));
	struct task *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	t->pid = pid;
	strec_u32map_remove(&s->reaped, tid); /* the pid is used again */
	if (strec_u32map_put(&s->tasks, tid, (uintptr_t)t) < 0) {
		free(t);
		return NULL;
	}
	return t;
}

/* tid's task, created when first seen on its own: a process of its own,
 * where the recorder started. */
static struct task *get_task(struct rp_session *s, uint32_t tid)
{
	struct task *t = find_task(s, tid);
	if (t)
		return t;
	t = add_task(s, tid, tid);
	if (!t || !(t->fds = fdtab_new()))
		return t;
	if (s->cwd && !s->start_cwd)
		s->start_cwd = name_new(&s->store, s->cwd, strlen(s->cwd));
	if ((t->fds->cwd = s->start_cwd))
		s->start_cwd->refs++;
	return t;
}

static void remove_task(struct rp_session *s, struct task *t)
{
	if (s->opening == t)
		s->opening = NULL;
	if (s->last == t)
		s->last = NULL;
	assert(s->closing != t);
	strec_u32map_remove(&s->tasks, t->tid);
	task_free(s, t);
}

const char *rp_session_cwd(const struct rp_session *s, uint32_t tid)
{
	const struct task *const t = find_task(s, tid);
	return t && t->fds && t->fds->cwd ? t->fds->cwd->text : s->cwd;
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

bool rp_session_fd_name_as_is(const struct rp_session *s, uint32_t tid, int fd)
{
	const struct task *const t = find_task(s, tid);
	const struct rp_name *const n = t ? fdtab_entry(t->fds, fd, NULL) : NULL;
	return n && n->as_is;
}

int32_t rp_session_fd_pidfd_pid(const struct rp_session *s, uint32_t tid, int fd)
{
	const struct task *const t = find_task(s, tid);
	const struct rp_name *const n = t ? fdtab_entry(t->fds, fd, NULL) : NULL;
	uint64_t unused;
	if (n && n->pidfd_pid > 0 && strec_u32map_get(&s->reaped, (uint32_t)n->pidfd_pid, &unused))
		return -1;
	return n ? n->pidfd_pid : 0;
}

bool rp_session_last_syscall(const struct rp_session *s, uint32_t tid, uint32_t *arch, uint64_t *nr)
{
	const struct task *const t = find_task(s, tid);
	/* the pending call, else the one before */
	const struct rp_syscall *const sc = t && t->call ? &t->call->ev.u.sc : NULL;
	*arch = sc ? sc->arch : t ? t->prev_arch : 0;
	*nr = sc ? sc->nr : t ? t->prev_nr : 0;
	return *arch != 0;
}

const char *rp_session_prev_syscall(const struct rp_session *s, uint32_t tid)
{
	const struct task *t = find_task(s, tid);
	return t && t->prev_desc ? t->prev_desc->name : NULL;
}

const struct rp_mem *rp_syscall_returned_fd_link(const struct rp_syscall *sc)
{
	if (!sc->finished || sc->is_error || !sc->desc || !sc_returns_fd(sc->desc, sc->args))
		return NULL;
	return rp_syscall_mem(sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT, 0);
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

int32_t rp_link_pidfd_pid(const struct rp_syscall *sc, const struct rp_mem *link)
{
	for (size_t i = 0; link && i < sc->nmem; i++) {
		const struct rp_mem *const m = &sc->mem[i];
		int32_t pid;
		if (m->arg == STRTRC_ARG_PIDFD && m->item == link->item && m->addr == link->addr &&
		    strtrc_pidfd_decode(m->data, m->len, &pid) == 0)
			return pid;
	}
	return 0;
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

static int add_mem(struct call *c, const struct strtrc_memory *m)
{
	if (c->nmem == c->mem_cap) {
		const size_t cap = c->mem_cap ? c->mem_cap * 2 : 8;
		struct rp_mem *p = realloc(c->mem, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		c->mem = p;
		c->mem_cap = cap;
	}
	if (c->arena_len + m->data.len > c->arena_cap) {
		size_t cap = c->arena_cap ? c->arena_cap : 4096;
		while (cap < c->arena_len + m->data.len)
			cap *= 2;
		uint8_t *p = realloc(c->arena, cap);
		if (!p)
			return -ENOMEM;
		c->arena = p;
		c->arena_cap = cap;
	}
	struct rp_mem *d = &c->mem[c->nmem++];
	d->stop = m->stop;
	d->arg = m->arg;
	d->item = m->item;
	d->flags = m->flags;
	d->addr = m->addr;
	d->full_len = m->full_len;
	d->len = m->data.len;
	/* offsets for now: the arena may move while the call is pending */
	d->data = (const uint8_t *)(uintptr_t)c->arena_len;
	if (m->data.len)
		memcpy(c->arena + c->arena_len, m->data.data, m->data.len);
	c->arena_len += m->data.len;
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

/* p as the kernel names it, lexically: no "//", "/./" or "dir/.." (a
 * symbolic link on the way is not followed); its new length. */
static size_t normalize_path(char *p)
{
	size_t out = 0;
	for (size_t in = 0; p[in];) {
		if (p[in] == '/' && out && p[out - 1] == '/') {
			in++;
		} else if (p[in] == '.' && (out == 0 || p[out - 1] == '/') &&
			   (p[in + 1] == '/' || !p[in + 1])) {
			in += p[in + 1] ? 2 : 1;
		} else if (p[in] == '.' && p[in + 1] == '.' && out && p[out - 1] == '/' &&
			   (p[in + 2] == '/' || !p[in + 2])) {
			/* back over the component before */
			if (out > 1)
				out--;
			while (out > 1 && p[out - 1] != '/')
				out--;
			in += p[in + 2] ? 3 : 2;
		} else {
			p[out++] = p[in++];
		}
	}
	if (out > 1 && p[out - 1] == '/')
		out--;
	p[out] = '\0';
	return out;
}

/* unlink, unlinkat or rmdir of path argument pa (relative to descriptor
 * dirfd, or the working directory): descriptors still naming that path
 * now name a deleted file, in every process (the file is one file). */
static void note_unlinked(struct rp_session *s, const struct task *t, const struct rp_syscall *sc,
			  unsigned pa, int64_t dirfd)
{
	const struct rp_mem *const m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, pa, 0);
	if (!m || !m->len || (m->flags & (STRTRC_MEM_TRUNCATED | STRTRC_MEM_UNREADABLE)))
		return;
	const char *const base = dirfd == AT_FDCWD
				     ? (t->fds && t->fds->cwd ? t->fds->cwd->text : NULL)
				     : fdtab_get(t->fds, dirfd);
	if (m->data[0] != '/' && !base)
		return; /* relative to a directory not known */
	char *const path = resolve(base, m->data, m->len);
	if (!path)
		return;
	const size_t len = normalize_path(path);
	for (size_t i = 0; i < s->tasks.cap; i++) {
		uint64_t v;
		if (strec_u32map_at(&s->tasks, i, NULL, &v))
			fdtab_mark_unlinked(((struct task *)(uintptr_t)v)->fds, path, len);
	}
	free(path);
}

/* The kernel's own name for a result (arg STRTRC_ARG_RESULT records: what
 * /proc said of a new descriptor or the new cwd right after the call). */
static const struct rp_mem *result_link(const struct rp_syscall *sc, uint32_t item)
{
	return rp_syscall_mem(sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT, item);
}

/* The entry of netlink socket inode, added (unbound, of protocol) when
 * new; NULL when memory ran out (its messages then print as bytes). */
static struct nl_sock *nl_sock_get(struct rp_session *s, uint64_t inode, uint32_t protocol)
{
	for (size_t k = 0; k < s->n_nl_socks; k++) {
		if (s->nl_socks[k].inode == inode)
			return &s->nl_socks[k];
	}
	if (s->n_nl_socks == s->nl_socks_cap) {
		const size_t cap = s->nl_socks_cap ? 2 * s->nl_socks_cap : 8;
		struct nl_sock *const more = realloc(s->nl_socks, cap * sizeof(*more));
		if (!more)
			return NULL;
		s->nl_socks = more;
		s->nl_socks_cap = cap;
	}
	s->nl_socks[s->n_nl_socks] = (struct nl_sock){inode, protocol, false};
	return &s->nl_socks[s->n_nl_socks++];
}

/* The inode of the socket tid's descriptor fd is, or 0. */
static uint64_t socket_inode(const struct rp_session *s, uint32_t tid, int64_t fd)
{
	static const char head[] = "socket:[";
	const char *const path =
	    fd >= 0 && fd <= INT32_MAX ? rp_session_fd_path(s, tid, (int)fd) : NULL;
	if (!path || strncmp(path, head, sizeof(head) - 1) != 0)
		return 0;
	char *end;
	const unsigned long long inode = strtoull(path + sizeof(head) - 1, &end, 10);
	return *end == ']' ? inode : 0;
}

/* After a call is printed (strace decodes a send at its entry): the
 * netlink sockets it made or bound. A netlink socket gets its port id from
 * bind, or from the kernel at the first connect or send. The recorder's
 * socket records say the same where the trace has them. */
static void learn_netlink_sockets(struct rp_session *s, const struct task *t,
				  const struct rp_syscall *sc)
{
	if (!sc->finished)
		return;
	for (size_t i = 0; i < sc->nmem; i++) {
		const struct rp_mem *const m = &sc->mem[i];
		struct strtrc_socket so;
		if (m->arg != STRTRC_ARG_SOCKET || m->stop != STRTRC_AT_EXIT ||
		    strtrc_socket_decode(m->data, m->len, &so) < 0 || so.family != AF_NETLINK ||
		    !so.inode)
			continue;
		struct nl_sock *const n = nl_sock_get(s, so.inode, so.protocol);
		if (n) {
			n->protocol = so.protocol;
			n->bound = so.local.len >= 8 && rp_get_u32(so.local.data + 4) != 0;
		}
	}
	const struct fd_calls *const fc = fd_calls_for(s, sc->arch);
	if (!fc || !sc->desc || sc->is_error)
		return;
	const struct sc_desc *const d = sc->desc;
	if (d == fc->socket && sc->args[0] == AF_NETLINK) {
		const uint64_t inode = socket_inode(s, t->tid, sc->rval);
		if (inode)
			nl_sock_get(s, inode, (uint32_t)sc->args[2]);
	} else if (d == fc->bind || d == fc->connect || d == fc->sendto || d == fc->sendmsg ||
		   d == fc->sendmmsg) {
		const uint64_t inode = socket_inode(s, t->tid, (int64_t)(int32_t)sc->args[0]);
		for (size_t k = 0; inode && k < s->n_nl_socks; k++) {
			if (s->nl_socks[k].inode == inode)
				s->nl_socks[k].bound = true;
		}
	}
}

int rp_session_netlink_protocol(const struct rp_session *s, uint32_t tid, int fd)
{
	const uint64_t inode = socket_inode(s, tid, fd);
	for (size_t k = 0; inode && k < s->n_nl_socks; k++) {
		if (s->nl_socks[k].inode == inode)
			return s->nl_socks[k].bound ? (int)s->nl_socks[k].protocol : -2;
	}
	return -1;
}

/* The processes wait4 and waitid reaped (their pid or si_pid). */
static void track_reaped(struct rp_session *s, const struct rp_syscall *sc)
{
	const struct fd_calls *const fc =
	    sc->desc && sc->finished && !sc->is_error ? fd_calls_for(s, sc->arch) : NULL;
	uint32_t pid = 0;
	if (fc && sc->desc == fc->wait4 && sc->rval > 0) {
		pid = (uint32_t)sc->rval;
	} else if (fc && sc->desc == fc->waitid) {
		const struct rp_mem *const info = rp_syscall_mem(sc, STRTRC_AT_EXIT, 2, 0);
		const size_t at = offsetof(siginfo_t, si_pid);
		/* WNOWAIT leaves the child to be waited for again */
		if (info && info->len >= at + sizeof(pid_t) && !(sc->args[3] & WNOWAIT))
			pid = rp_get_u32(info->data + at);
	}
	/* out of memory: its pidfds go on naming it */
	if (pid && pid < STRTRC_TID_LIMIT)
		(void)strec_u32map_put(&s->reaped, pid, 1);
}

/* Keeps the descriptor table (for -y) and cwd in step with the calls:
 * from what the kernel said where the trace has it, else from the paths
 * the calls were given. */
static void track_fds(struct rp_session *s, struct task *t, const struct rp_syscall *sc)
{
	if (!sc->desc || !sc->finished || sc->is_error)
		return;
	struct fdstore *const st = &s->store;
	struct fdtab *const fds = t->fds;
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
		fdtab_set_link(st, fds, (int64_t)m->addr, sc, m, !recv || (flags & 0x40000000));
	}
	const struct rp_mem *link = result_link(sc, 0);
	if (sc_returns_fd(d, sc->args) && link) {
		fdtab_set_link(st, fds, r, sc, link, opened_cloexec(d, sc->args));
		return;
	}
	if ((classes & SC_CLASS_SETS_CWD) && link) {
		fdtab_set_cwd(st, fds, (const char *)link->data, link->len);
		return;
	}
	if (classes & SC_CLASS_OUT_FDS) {
		for (unsigned i = 0; i < d->nargs; i++) {
			const struct rp_mem *const pair =
			    d->args[i].type == SC_T_INT_PAIR
				? rp_syscall_mem(sc, STRTRC_AT_EXIT, i, 0)
				: NULL;
			if (!pair || pair->len < 8)
				continue;
			for (uint32_t k = 0; k < 2; k++) {
				int32_t fd;
				memcpy(&fd, pair->data + 4 * k, sizeof(fd));
				const struct rp_mem *const l = result_link(sc, k + 1);
				if (l)
					fdtab_set_link(st, fds, fd, sc, l,
						       opened_cloexec(d, sc->args));
				else
					fdtab_set(st, fds, fd, NULL, 0, false);
			}
		}
		return;
	}
	if (!fc)
		return;
	if (d == fc->unlink || d == fc->rmdir) {
		note_unlinked(s, t, sc, 0, AT_FDCWD);
		return;
	}
	if (d == fc->unlinkat) {
		note_unlinked(s, t, sc, 1, (int32_t)sc->args[0]);
		return;
	}
	/* older traces, without what the kernel said: from the arguments */
	const char *const cwd = fds && fds->cwd ? fds->cwd->text : NULL;
	if (d == fc->open || d == fc->openat || d == fc->creat || d == fc->openat2) {
		const unsigned pa = d == fc->openat || d == fc->openat2 ? 1 : 0;
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, pa, 0);
		if (m) {
			char *p = resolve(cwd, m->data, m->len);
			if (p)
				fdtab_set(st, fds, r, p, strlen(p), opened_cloexec(d, sc->args));
			else
				fdtab_set(st, fds, r, NULL, 0, false);
			free(p);
		}
	} else if (d == fc->close) {
		fdtab_set(st, fds, (int64_t)(int32_t)sc->args[0], NULL, 0, false);
	} else if (d == fc->close_range) {
		/* CLOSE_RANGE_CLOEXEC (4) only marks them */
		if (!(sc->args[2] & 4))
			fdtab_close_range(st, fds, (uint32_t)sc->args[0], (uint32_t)sc->args[1]);
	} else if (d == fc->dup || d == fc->dup2 || d == fc->dup3 ||
		   (d == fc->fcntl && (sc->args[1] == F_DUPFD || sc->args[1] == F_DUPFD_CLOEXEC))) {
		fdtab_dup(st, fds, (int32_t)sc->args[0], r,
			  opened_cloexec(d, sc->args) ||
			      (d == fc->fcntl && sc->args[1] == F_DUPFD_CLOEXEC));
	} else if (d == fc->fcntl && sc->args[1] == F_SETFD) {
		fdtab_set_cloexec(st, fds, (int32_t)sc->args[0], sc->args[2] & FD_CLOEXEC);
	} else if (d == fc->chdir) {
		const struct rp_mem *m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, 0, 0);
		if (m) {
			char *p = resolve(cwd, m->data, m->len);
			if (p)
				fdtab_set_cwd(st, fds, p, strlen(p));
			free(p);
		}
	}
}

static int emit_syscall(struct rp_session *s, struct task *t, rp_event_fn fn, void *ctx)
{
	struct call *const c = t->call;
	assert(c && t->in_syscall);
	/* Offsets become pointers now that the arena no longer moves. */
	/* no arena yet when every capture was empty (a scrubbed trace) */
	static const uint8_t none[1];
	const uint8_t *const base = c->arena ? c->arena : none;
	for (size_t i = 0; i < c->nmem; i++)
		c->mem[i].data = base + (size_t)(uintptr_t)c->mem[i].data;
	c->ev.u.sc.mem = c->mem;
	c->ev.u.sc.nmem = c->nmem;
	/* the event in place: zeroing and copying one per call was a fifth
	 * of strstat's time */
	struct rp_event *const ev = &c->ev;
	ev->kind = RP_EV_SYSCALL;
	ev->tid = t->tid;
	ev->pid = t->pid;
	ev->ts_ns = ev->u.sc.entry_ts_ns;
	const int rc = fn(ev, ctx);
	/* after printing: close(3) still shows what 3 was */
	track_fds(s, t, &c->ev.u.sc);
	track_reaped(s, &c->ev.u.sc);
	learn_netlink_sockets(s, t, &c->ev.u.sc);
	/* execve(3</path>...) printed, its close-on-exec descriptors go */
	if (t->exec_pending)
		fdtab_exec(&s->store, t->fds);
	t->exec_pending = false;
	t->prev_desc = c->ev.u.sc.desc;
	t->prev_arch = c->ev.u.sc.arch;
	t->prev_nr = c->ev.u.sc.nr;
	t->in_syscall = false;
	t->call = NULL;
	c->nmem = 0;
	c->arena_len = 0;
	call_give_back(s, c);
	return rc;
}

/* A syscall that will never see its exit: printed with " = ?", or with
 * " <detached ...>" when the tracer let go of the task in it. */
static int emit_unfinished(struct rp_session *s, struct task *t, uint64_t ts, bool detached,
			   rp_event_fn fn, void *ctx)
{
	if (!t->in_syscall)
		return 0;
	t->call->ev.u.sc.finished = false;
	t->call->ev.u.sc.detached = detached;
	t->call->ev.u.sc.exit_ts_ns = ts;
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
	const struct call *const c = t->call;
	if (c->nmem > s->entry_mem_cap) {
		struct rp_mem *const more = realloc(s->entry_mem, c->nmem * sizeof(*more));
		if (!more)
			return -ENOMEM;
		s->entry_mem = more;
		s->entry_mem_cap = c->nmem;
	}
	static const uint8_t none[1];
	const uint8_t *const base = c->arena ? c->arena : none;
	for (size_t i = 0; i < c->nmem; i++) {
		s->entry_mem[i] = c->mem[i];
		s->entry_mem[i].data = base + (size_t)(uintptr_t)c->mem[i].data;
	}
	struct rp_event ev = {0};
	ev.kind = RP_EV_SYSCALL_ENTRY;
	ev.tid = t->tid;
	ev.pid = t->pid;
	ev.ts_ns = c->ev.u.sc.entry_ts_ns;
	ev.has_ip = c->ev.has_ip;
	ev.ip = c->ev.ip;
	ev.u.sc = c->ev.u.sc;
	ev.u.sc.finished = false;
	ev.u.sc.mem = s->entry_mem;
	ev.u.sc.nmem = c->nmem;
	return fn(&ev, ctx);
}

/* exec by a thread that is not the leader: the kernel ended the leader's
 * call (strace prints it " = ?" and "+++ superseded by execve in pid N
 * +++"), and the execing thread goes on with the leader's tid, inside its
 * execve, whose exit record comes under that tid. */
static int take_over_leader(struct rp_session *s, struct task *leader, uint32_t former_tid,
			    uint64_t ts, rp_event_fn fn, void *ctx)
{
	int rc = emit_unfinished(s, leader, ts, false, fn, ctx);
	if (rc)
		return rc;
	struct task *const former = find_task(s, former_tid);
	if (!former)
		return 0;
	if (former->in_syscall) {
		leader->call = former->call; /* the leader's was emitted */
		former->call = NULL;
		leader->in_syscall = true;
		leader->seq = former->seq;
		former->in_syscall = false;
	}
	leader->prev_desc = former->prev_desc;
	leader->prev_arch = former->prev_arch;
	leader->prev_nr = former->prev_nr;
	remove_task(s, former);
	return 0;
}

int rp_session_feed(struct rp_session *s, const struct strtrc_record *rec, rp_event_fn fn,
		    void *ctx)
{
	assert(s && rec && fn);
	int rc;
	if (rec->kind == STRTRC_PIDNS) {
		/* no event: it holds from now on, also for the call just
		 * returned (setsid's new session) */
		if ((rc = check_tid(s, rec->tid, "record of thread")))
			return rc;
		if (!s->pid_ns)
			return 0; /* nothing to translate to */
		if (!s->pidns && !(s->pidns = rp_pidns_new(s->pid_ns, s->pid_ns_level)))
			return -ENOMEM;
		return rp_pidns_put(s->pidns, rec->tid, &rec->u.pidns);
	}
	if (s->opening) {
		struct task *const o = s->opening;
		if (rec->kind == STRTRC_MEMORY && rec->tid == o->tid &&
		    rec->u.memory.stop == STRTRC_AT_ENTRY)
			return add_mem(o->call, &rec->u.memory);
		s->opening = NULL;
		if (o->in_syscall && (rc = emit_entry(s, o, fn, ctx)))
			return rc;
	}
	if (s->closing) {
		const bool exit_mem = rec->kind == STRTRC_MEMORY && rec->tid == s->closing->tid &&
				      rec->u.memory.stop == STRTRC_AT_EXIT;
		if (exit_mem)
			return add_mem(s->closing->call, &rec->u.memory);
		struct task *c = s->closing;
		s->closing = NULL;
		if ((rc = emit_syscall(s, c, fn, ctx)))
			return rc;
	}
	if (rec->kind == STRTRC_HEADER || rec->kind == STRTRC_END || rec->kind >= STRTRC_KIND_COUNT)
		return 0;
	if ((rc = check_tid(s, rec->tid, "record of thread")))
		return rc;
	/* Tasks are made by the records that need their state; the others
	 * (signals, stops, strays) look them up. */
	struct task *t = s->last && s->last->tid == rec->tid ? s->last : find_task(s, rec->tid);
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY:
	case STRTRC_SPAWN:
	case STRTRC_EXEC:
	case STRTRC_SNAPSHOT:
		if (!t && !(t = get_task(s, rec->tid)))
			return -ENOMEM;
		break;
	default:
		break;
	}
	s->last = t;
	/* Syscall records (nearly all of them) make no event here; the others
	 * start from a zeroed one. */
	struct rp_event ev;
	if (rec->kind != STRTRC_SYSCALL_ENTRY && rec->kind != STRTRC_SYSCALL_EXIT &&
	    rec->kind != STRTRC_MEMORY) {
		memset(&ev, 0, sizeof(ev));
		ev.tid = rec->tid;
		ev.pid = t ? t->pid : rec->tid;
		ev.ts_ns = rec->ts_ns;
	}
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY: {
		/* an entry without the previous exit: the old call is lost */
		if ((rc = emit_unfinished(s, t, rec->ts_ns, false, fn, ctx)))
			return rc;
		assert(!t->call); /* the previous call was emitted */
		if (!(t->call = call_take(s)))
			return -ENOMEM;
#if UINTPTR_MAX == UINT64_MAX
		_Static_assert(sizeof(struct rp_syscall) == 120,
			       "set every rp_syscall field below");
#endif
		/* field by field (a memset of the whole was a tenth of
		 * strstat's time); a new field must be set here too */
		struct rp_syscall *const sc = &t->call->ev.u.sc;
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
		sc->detached = false;
		sc->is_error = false;
		sc->rval = 0;
		sc->nmem = 0;
		sc->mem = NULL;
		t->call->ev.has_ip = true;
		t->call->ev.ip = rec->u.entry.ip;
		t->in_syscall = true;
		t->seq = ++s->seq;
		t->call->nmem = 0;
		t->call->arena_len = 0;
		if (s->entry_events)
			s->opening = t;
		return 0;
	}
	case STRTRC_MEMORY:
		if (!t || !t->in_syscall)
			return 0; /* stray capture: nothing to attach it to */
		return add_mem(t->call, &rec->u.memory);
	case STRTRC_SYSCALL_EXIT: {
		if (!t || !t->in_syscall)
			return 0; /* exit of a call entered before the trace began */
		struct rp_syscall *const sc = &t->call->ev.u.sc;
		sc->finished = true;
		sc->rval = rec->u.exit.rval;
		/* an error is a negative errno (the kernel's -4095..-1): a
		 * damaged trace's other values print as plain returns, and
		 * every -rval stays an int */
		sc->is_error =
		    rec->u.exit.is_error && rec->u.exit.rval < 0 && rec->u.exit.rval >= -4095;
		sc->exit_ts_ns = rec->ts_ns;
		s->closing = t;
		return 0;
	}
	case STRTRC_SIGNAL:
		ev.kind = RP_EV_SIGNAL;
		ev.u.sig.signo = rec->u.signal.signo;
		ev.u.sig.siginfo = rec->u.signal.siginfo.data;
		ev.u.sig.siginfo_len = rec->u.signal.siginfo.len;
		ev.has_ip = rec->u.signal.has_ip;
		ev.ip = rec->u.signal.ip;
		return fn(&ev, ctx);
	case STRTRC_GROUP_STOP:
		ev.kind = RP_EV_GROUP_STOP;
		ev.u.stop_signo = rec->u.group_stop.signo;
		ev.has_ip = rec->u.group_stop.has_ip;
		ev.ip = rec->u.group_stop.ip;
		return fn(&ev, ctx);
	case STRTRC_SPAWN: {
		const struct strtrc_spawn *sp = &rec->u.spawn;
		if ((rc = check_tid(s, sp->new_tid, "spawn of thread")))
			return rc;
		struct task *child = find_task(s, sp->new_tid);
		const bool thread =
		    sp->how == STRTRC_SPAWN_CLONE && sc_clone_makes_thread(sp->clone_flags);
		const uint32_t pid = thread ? t->pid : sp->new_tid;
		if (!child) {
			child = add_task(s, sp->new_tid, pid);
			if (!child)
				return -ENOMEM;
		} else {
			/* its first stop came before the parent's report */
			child->pid = pid;
			fdtab_unref(&s->store, child->fds);
			child->fds = NULL;
		}
		if (thread ||
		    (sp->how == STRTRC_SPAWN_CLONE && (sp->clone_flags & RP_CLONE_FILES))) {
			child->fds = t->fds;
			if (t->fds)
				t->fds->refs++;
		} else {
			child->fds = fdtab_fork(t->fds);
		}
		ev.kind = RP_EV_SPAWN;
		ev.u.spawn = *sp;
		return fn(&ev, ctx);
	}
	case STRTRC_EXEC: {
		const struct strtrc_exec *ex = &rec->u.exec;
		if (ex->former_tid && ex->former_tid != rec->tid) {
			if ((rc = check_tid(s, ex->former_tid, "exec by thread")))
				return rc;
			if ((rc = take_over_leader(s, t, ex->former_tid, rec->ts_ns, fn, ctx)))
				return rc;
		}
		if (t->in_syscall)
			t->exec_pending = true; /* once the execve line is out */
		else
			fdtab_exec(&s->store, t->fds);
		ev.kind = RP_EV_EXEC;
		ev.has_ip = ex->has_ip;
		ev.ip = ex->ip;
		ev.u.exec.former_tid = ex->former_tid;
		/* The record's bytes are not NUL-terminated and live only until
		 * the next record: hand out a terminated copy. */
		const size_t exe_len =
		    ex->exe.len < sizeof(s->exe) - 1 ? ex->exe.len : sizeof(s->exe) - 1;
		if (exe_len)
			memcpy(s->exe, ex->exe.data, exe_len);
		s->exe[exe_len] = '\0';
		ev.u.exec.exe = exe_len ? s->exe : NULL;
		return fn(&ev, ctx);
	}
	case STRTRC_EXIT:
		if (t && (rc = emit_unfinished(s, t, rec->ts_ns, false, fn, ctx)))
			return rc;
		ev.kind = RP_EV_EXIT;
		ev.u.wait_status = rec->u.task_exit.wait_status;
		rc = fn(&ev, ctx);
		if (t)
			remove_task(s, t);
		return rc;
	case STRTRC_DETACH:
		if (t && (rc = emit_unfinished(s, t, rec->ts_ns, true, fn, ctx)))
			return rc;
		ev.kind = RP_EV_DETACH;
		rc = fn(&ev, ctx);
		if (t)
			remove_task(s, t);
		return rc;
	case STRTRC_SNAPSHOT: {
		const struct strtrc_snapshot *sn = &rec->u.snapshot;
		if ((rc = check_tid(s, sn->pid, "snapshot of process")))
			return rc;
		t->pid = sn->pid;
		if (sn->cwd.len)
			fdtab_set_cwd(&s->store, t->fds, (const char *)sn->cwd.data, sn->cwd.len);
		for (size_t i = 0; i < sn->nfds; i++)
			fdtab_set(&s->store, t->fds, sn->fds[i].fd,
				  (const char *)sn->fds[i].path.data, sn->fds[i].path.len, false);
		/* threads past the bound stay tasks of their own when they show */
		const size_t ntids =
		    sn->ntids < STRTRC_SNAPSHOT_MAX_TIDS ? sn->ntids : STRTRC_SNAPSHOT_MAX_TIDS;
		if (sn->ntids > ntids) {
			s->snapshot_tids_dropped += sn->ntids - ntids;
			s->snapshot_pid_dropped = sn->pid;
		}
		for (size_t i = 0; i < ntids; i++) {
			if ((rc = check_tid(s, sn->tids[i], "snapshot lists thread")))
				return rc;
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

static int by_seq(const void *a, const void *b)
{
	const struct task *const x = *(struct task *const *)a, *const y = *(struct task *const *)b;
	return (x->seq > y->seq) - (x->seq < y->seq);
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
	/* what never returned, oldest first */
	struct task **const pending = malloc((s->tasks.n + 1) * sizeof(*pending));
	if (!pending)
		return -ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < s->tasks.cap; i++) {
		uint64_t v;
		struct task *const t =
		    strec_u32map_at(&s->tasks, i, NULL, &v) ? (struct task *)(uintptr_t)v : NULL;
		if (t && t->in_syscall)
			pending[n++] = t;
	}
	qsort(pending, n, sizeof(*pending), by_seq);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = emit_unfinished(s, pending[i], pending[i]->call->ev.u.sc.entry_ts_ns, false,
				     fn, ctx);
	free(pending);
	return rc;
}
