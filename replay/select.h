/* Event selection shared by strep and strstat: strace's filters beyond the
 * syscall names (common/filter.h): -e status=, -e signal=, -z/-Z, --pid with
 * --tree, -P. Library code: errors come back as -EINVAL with a message. */
#ifndef STREC_REPLAY_SELECT_H
#define STREC_REPLAY_SELECT_H

#include "filter.h"
#include "replay.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rp_status {
	RP_STATUS_SUCCESSFUL = 1,
	RP_STATUS_FAILED = 2,
	RP_STATUS_UNFINISHED = 4, /* never returned: the task exited or the trace ends */
	RP_STATUS_DETACHED = 8,	  /* in progress when the tracer detached */
	/* strace: returned, but its result could not be read; a trace has
	 * every returned call's result, so no call is one */
	RP_STATUS_UNAVAILABLE = 16,
	RP_STATUS_ALL = 31,
};

struct rp_select {
	struct strec_filter filter; /* --to_trace, --dont_trace, -e trace= */
	unsigned status;	    /* enum rp_status bits */
	bool sig_filter;	    /* -e signal= given */
	uint64_t sigs;		    /* bit s: signal s shown */
	struct strec_u32map pids;   /* --pid, grown by --tree (a set) */
	bool tree;
	char **paths; /* -P, as given */
	size_t npaths;
};

void rp_select_init(struct rp_select *sel);
void rp_select_free(struct rp_select *sel);

/* -e EXPR: trace=, signal=, status= (a bare expression is trace=). */
int rp_select_expr(struct rp_select *sel, const char *expr, char *msg, size_t msg_size);
/* -e status=SET without the "status=" (also what -z and -Z set). */
int rp_select_status(struct rp_select *sel, const char *set, char *msg, size_t msg_size);
/* --pid PID[,PID...] */
int rp_select_pids(struct rp_select *sel, const char *list, char *msg, size_t msg_size);
/* -P PATH */
int rp_select_path(struct rp_select *sel, const char *path, char *msg, size_t msg_size);

/* The syscall filter a trace was recorded with (the header's "filter",
 * strec's options as given: "--to_trace lstat --to_trace read -e trace=%file"),
 * applied as strace would have shown the recording, without the lifecycle
 * calls strec records for its bookkeeping. Nothing when the command line
 * gave a syscall filter of its own (it replaces the recorded one) or the
 * trace has none. -EINVAL with a message when the text does not parse. */
int rp_select_recorded_filter(struct rp_select *sel, const char *text, char *msg, size_t msg_size);

/* Relative -P paths also match made absolute against cwd (the directory
 * the trace was recorded in): call once after the options, with the header's. */
int rp_select_anchor_paths(struct rp_select *sel, const char *cwd);

/* Whether pid is selected by --pid (and --tree); true without --pid. */
bool rp_select_has_pid(const struct rp_select *sel, uint32_t pid);
/* Call for every event, selected or not: --tree follows the forks, -P the
 * descriptors opened on a selected path. */
int rp_select_follow(struct rp_select *sel, const struct rp_session *session,
		     const struct rp_event *ev);
/* After the last event: the --pid pids no event of the trace had, how many
 * (the first max of them in pids, in order). */
size_t rp_select_unseen_pids(const struct rp_select *sel, uint32_t *pids, size_t max);
/* The same as a message ("--pid: no process 4242, 4243 in the trace"):
 * false when every pid --pid gave was there; none_seen: not one was. */
bool rp_select_unseen_text(const struct rp_select *sel, char *msg, size_t msg_size,
			   bool *none_seen);
/* Whether ev passes every filter. A syscall's status is judged when it
 * is finished (entry events pass the status filter). */
bool rp_select_event(const struct rp_select *sel, const struct rp_session *session,
		     const struct rp_event *ev);

#endif
