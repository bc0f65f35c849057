/* strdiff's model of one trace: its processes (a tree, in creation order),
 * their threads (in creation order), and each thread's selected events as
 * strep prints them, with the normalized key the alignment compares; plus
 * the files successful calls named, and by which process. */
#ifndef STREC_TOOLS_DIFF_TRACE_H
#define STREC_TOOLS_DIFF_TRACE_H

#include "diff_norm.h"
#include "scrub_rule.h"
#include "select.h"
#include "stat.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DT_NO_NR UINT16_MAX /* not a syscall (a signal, an exit) */

/* One event of a thread, as compared. */
struct dt_call {
	uint64_t ts_ns;	 /* when it happened (a finished syscall: its exit) */
	uint32_t text;	 /* offset of its NUL-terminated text in the trace's arena */
	uint32_t dur_us; /* a syscall's time, microseconds (at most UINT32_MAX) */
	uint16_t nr;	 /* syscall number, or DT_NO_NR */
	bool failed;	 /* a syscall that returned an error */
	bool finished;
	uint16_t err; /* its errno */
};

struct dt_task {
	uint32_t tid;
	size_t proc;
	unsigned thread; /* 0: the first task of its process */
	/* The last signal the task was given since its last sigreturn: the
	 * handler a sigreturn ends, as a rule (0: none) */
	int32_t last_signo;
	uint64_t *keys; /* keys[i]: the normalized key of calls[i] */
	struct dt_call *calls;
	size_t n, cap;
};

struct dt_proc {
	uint32_t pid;
	size_t parent; /* index, SIZE_MAX for a root */
	size_t *children;
	size_t nchildren, children_cap;
	size_t *tasks; /* by thread index */
	size_t ntasks, tasks_cap;
	char *command;	  /* the last command it exec'd (shell words), or NULL */
	char *exe;	  /* the last image it exec'd, or NULL */
	uint64_t sig;	  /* what it exec'd, every time (0: nothing) */
	uint64_t exe_sig; /* the images only */
	bool orphan;	  /* seen before any spawn named it */
	bool merged;	  /* an orphan a spawn record then made a thread of another */
	bool ended, has_status;
	int32_t wait_status;
};

struct dt_opts {
	struct rp_print_opts print;
	struct dn_opts norm;
	const struct strec_filter *volatile_calls; /* NULL: none */
};

/* A process touched a file: a successful call named it. */
struct dt_touch {
	uint32_t path; /* index in pathv */
	uint32_t proc;
};

struct dt_trace {
	const char *file;
	const struct dt_opts *opts;
	struct rp_select sel;
	struct strtrc_reader *rd;
	const struct strtrc_header *header;
	struct rp_session *session;
	struct rp_printer *printer;
	struct rp_fdinfo *fdinfo;
	struct dt_proc *procs;
	size_t nprocs, procs_cap;
	struct dt_task *tasks;
	size_t ntasks, tasks_cap;
	struct strec_u32map live; /* tid -> task index */
	char *arena;
	size_t arena_len, arena_cap;
	struct st_map interned; /* text hash -> arena offset */
	struct st_map paths;	/* files touched (by successful calls) -> index */
	char **pathv;
	size_t npaths, paths_cap;
	struct st_map touched; /* path index << 32 | proc index */
	struct dt_touch *touches;
	size_t ntouches, touches_cap;
	uint64_t events; /* selected events kept */
	/* Read as a scrubbed copy would be (the other trace is one): buffers
	 * dropped, argv and environment strings too when it dropped them. */
	bool scrub, scrub_argv, scrub_env;
	struct strec_u32map scrub_calls; /* tid -> index in scrub_callv */
	struct scrub_call *scrub_callv;
	size_t nscrub_calls, scrub_calls_cap;
	/* per syscall number and architecture (x86_64, other): what
	 * normalization needs to know, looked up once */
#define DT_TRAITS_NR 1024
	uint8_t traits[2][DT_TRAITS_NR];
	char *error;   /* damaged: why the reading stopped */
	char *warning; /* cut short, or the session's warnings */
	struct rp_buf line, norm;
};

/* Opens file for reading (sel: the trace's own copy of the filters,
 * taken over). 0, or -1 with the message in msg. */
int dt_open(struct dt_trace *t, const char *file, const struct dt_opts *opts, struct rp_select *sel,
	    char *msg, size_t msg_size);
/* Reads every record: 0 (t->error and t->warning say what happened to the
 * trace), or -ENOMEM. Two traces may be read at once, one per thread. */
int dt_read(struct dt_trace *t);
void dt_close(struct dt_trace *t);

static inline const char *dt_text(const struct dt_trace *t, const struct dt_call *c)
{
	return t->arena + c->text;
}

/* "exited with 0", "killed by SIGKILL (core dumped)", "did not end". */
void dt_exit_text(const struct dt_proc *p, struct rp_buf *out);

#endif
