/* Event selection shared by strep and strstat (see select.h). */
#include "select.h"

#include "names.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RP_MAX_PATHS 64

void rp_select_init(struct rp_select *sel)
{
	assert(sel);
	memset(sel, 0, sizeof(*sel));
	strec_filter_init(&sel->filter);
	sel->status = RP_STATUS_ALL;
}

void rp_select_free(struct rp_select *sel)
{
	if (!sel)
		return;
	for (size_t i = 0; i < sel->npaths; i++)
		free(sel->paths[i]);
	free(sel->paths);
	strec_u32map_free(&sel->pids);
	memset(sel, 0, sizeof(*sel));
}

/* What sel->pids holds for a pid: asked for by --pid (and whether the
 * trace has shown it yet), or a descendant --tree added. */
enum { PID_ASKED = 1, PID_ASKED_SEEN, PID_DESCENDANT };

static int add_pid(struct rp_select *sel, uint32_t pid, uint64_t how)
{
	if (how == PID_DESCENDANT && strec_u32map_get(&sel->pids, pid, NULL))
		return 0; /* asked for too: keep whether it was seen */
	return strec_u32map_put(&sel->pids, pid, how);
}

bool rp_select_has_pid(const struct rp_select *sel, uint32_t pid)
{
	return !sel->pids.n || strec_u32map_get(&sel->pids, pid, NULL);
}

/* Splits a comma-separated list into a writable copy; NULL on no memory. */
static char *copy_list(const char *text, char *msg, size_t msg_size)
{
	char *const copy = strdup(text);
	if (!copy)
		snprintf(msg, msg_size, "out of memory");
	return copy;
}

static int unknown_word(const char *what, const char *word, const char *const *known, char *msg,
			size_t msg_size)
{
	const char *const near = strec_closest(word, known, 0);
	if (near)
		snprintf(msg, msg_size, "unknown %s '%s' (did you mean '%s'?)", what, word, near);
	else
		snprintf(msg, msg_size, "unknown %s '%s'", what, word);
	return -EINVAL;
}

int rp_select_status(struct rp_select *sel, const char *set, char *msg, size_t msg_size)
{
	static const char *const names[] = {"successful", "failed", "unfinished", "unavailable",
					    "detached",	  "all",    "none",	  NULL};
	bool negate = false;
	while (*set == '!') {
		negate = !negate;
		set++;
	}
	char *const copy = copy_list(set, msg, msg_size);
	if (!copy)
		return -ENOMEM;
	unsigned bits = 0;
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !rc;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "successful"))
			bits |= RP_STATUS_SUCCESSFUL;
		else if (!strcmp(tok, "failed"))
			bits |= RP_STATUS_FAILED;
		else if (!strcmp(tok, "unfinished"))
			bits |= RP_STATUS_UNFINISHED; /* calls that never returned */
		else if (!strcmp(tok, "unavailable"))
			bits |= RP_STATUS_UNAVAILABLE;
		else if (!strcmp(tok, "detached"))
			bits |= RP_STATUS_DETACHED;
		else if (!strcmp(tok, "all"))
			bits |= RP_STATUS_ALL;
		else if (strcmp(tok, "none") != 0)
			rc = unknown_word("status", tok, names, msg, msg_size);
	}
	free(copy);
	if (!rc)
		sel->status = negate ? RP_STATUS_ALL & ~bits : bits;
	return rc;
}

static int select_signals(struct rp_select *sel, const char *set, char *msg, size_t msg_size)
{
	bool negate = false;
	while (*set == '!') {
		negate = !negate;
		set++;
	}
	uint64_t bits = 0;
	if (!strcmp(set, "all")) {
		bits = ~0ull;
	} else if (strcmp(set, "none") != 0) {
		char *const copy = copy_list(set, msg, msg_size);
		if (!copy)
			return -ENOMEM;
		int rc = 0;
		for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !rc;
		     tok = strtok_r(NULL, ",", &save)) {
			const int sig = strec_signal_from_name(tok);
			if (sig < 1 || sig > 63) {
				snprintf(msg, msg_size, "invalid signal '%s'", tok);
				rc = -EINVAL;
			}
			bits |= sig >= 1 && sig <= 63 ? 1ull << sig : 0;
		}
		free(copy);
		if (rc)
			return rc;
	}
	sel->sig_filter = true;
	sel->sigs = negate ? ~bits : bits;
	return 0;
}

int rp_select_expr(struct rp_select *sel, const char *expr, char *msg, size_t msg_size)
{
	assert(sel && expr);
	const char *const eq = strchr(expr, '=');
	if (!eq)
		return strec_filter_add(&sel->filter, STREC_FILTER_TRACE_EXPR, expr, msg, msg_size);
	const size_t klen = (size_t)(eq - expr);
	const char *const value = eq + 1;
	if (klen == 5 && !strncmp(expr, "trace", 5))
		return strec_filter_add(&sel->filter, STREC_FILTER_TRACE_EXPR, value, msg,
					msg_size);
	if ((klen == 6 && !strncmp(expr, "signal", 6)) ||
	    (klen == 7 && !strncmp(expr, "signals", 7)))
		return select_signals(sel, value, msg, msg_size);
	if (klen == 6 && !strncmp(expr, "status", 6))
		return rp_select_status(sel, value, msg, msg_size);
	static const char *const keys[] = {"trace", "signal", "status", NULL};
	char key[64];
	snprintf(key, sizeof(key), "%.*s", (int)klen, expr);
	return unknown_word("-e qualifier", key, keys, msg, msg_size);
}

int rp_select_pids(struct rp_select *sel, const char *list, char *msg, size_t msg_size)
{
	char *const copy = copy_list(list, msg, msg_size);
	if (!copy)
		return -ENOMEM;
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !rc;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end;
		errno = 0;
		const unsigned long v = strtoul(tok, &end, 10);
		if (errno || *end || !*tok || v == 0 || v > UINT32_MAX) {
			snprintf(msg, msg_size, "invalid pid '%s'", tok);
			rc = -EINVAL;
		} else if (add_pid(sel, (uint32_t)v, PID_ASKED) < 0) {
			snprintf(msg, msg_size, "out of memory");
			rc = -ENOMEM;
		}
	}
	free(copy);
	return rc;
}

/* The filter options strec writes into the header, and what they add. */
static bool recorded_option(const char *word, enum strec_filter_option *kind)
{
	if (strcmp(word, "--to_trace") == 0)
		*kind = STREC_FILTER_TO_TRACE;
	else if (strcmp(word, "--dont_trace") == 0)
		*kind = STREC_FILTER_DONT_TRACE;
	else if (strcmp(word, "-e") == 0)
		*kind = STREC_FILTER_TRACE_EXPR;
	else
		return false;
	return true;
}

int rp_select_recorded_filter(struct rp_select *sel, const char *text, char *msg, size_t msg_size)
{
	if (sel->filter.active || !text || !*text)
		return 0;
	char *const copy = strdup(text);
	if (!copy) {
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	/* "OPTION VALUE" pairs; a value is the words up to the next option
	 * (only an -e trace=/regex/ can hold a space) */
	struct strec_filter f;
	strec_filter_init(&f);
	int rc = 0;
	char *save = NULL, *word = strtok_r(copy, " ", &save);
	while (word && !rc) {
		enum strec_filter_option kind;
		if (!recorded_option(word, &kind)) {
			rc = -EINVAL;
			break;
		}
		char *const value = strtok_r(NULL, " ", &save);
		if (!value) {
			rc = -EINVAL;
			break;
		}
		char *next = strtok_r(NULL, " ", &save);
		enum strec_filter_option unused;
		while (next && !recorded_option(next, &unused)) {
			next[-1] = ' '; /* strtok_r cut the value there: join it again */
			next = strtok_r(NULL, " ", &save);
		}
		const char *v = value;
		if (kind == STREC_FILTER_TRACE_EXPR) {
			if (strncmp(v, "trace=", 6) != 0) {
				rc = -EINVAL;
				break;
			}
			v += 6;
		}
		char why[256];
		if (strec_filter_add(&f, kind, v, why, sizeof(why)) < 0) {
			snprintf(msg, msg_size, "the trace's record-time filter '%s': %s", text,
				 why);
			free(copy);
			return -EINVAL;
		}
		word = next;
	}
	if (rc)
		snprintf(msg, msg_size,
			 "the trace's record-time filter '%s' is not strec's options", text);
	else
		sel->filter = f;
	free(copy);
	return rc;
}

int rp_select_path(struct rp_select *sel, const char *path, char *msg, size_t msg_size)
{
	if (!*path) {
		snprintf(msg, msg_size, "-P needs a path");
		return -EINVAL;
	}
	if (sel->npaths == RP_MAX_PATHS) {
		snprintf(msg, msg_size, "too many -P paths (at most %d)", RP_MAX_PATHS);
		return -EINVAL;
	}
	char **const more = realloc(sel->paths, (sel->npaths + 1) * sizeof(*more));
	char *const copy = strdup(path);
	if (!more || !copy) {
		free(copy);
		if (more)
			sel->paths = more;
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	sel->paths = more;
	sel->paths[sel->npaths++] = copy;
	return 0;
}

int rp_select_anchor_paths(struct rp_select *sel, const char *cwd)
{
	if (!cwd)
		return 0;
	const size_t given = sel->npaths;
	for (size_t i = 0; i < given; i++) {
		if (sel->paths[i][0] == '/')
			continue;
		char absolute[PATH_MAX * 2], msg[64];
		const int n = snprintf(absolute, sizeof(absolute), "%s/%s", cwd, sel->paths[i]);
		if (n > 0 && (size_t)n < sizeof(absolute) &&
		    rp_select_path(sel, absolute, msg, sizeof(msg)) == -ENOMEM)
			return -ENOMEM;
	}
	return 0;
}

static bool is_selected_path(const struct rp_select *sel, const char *path, size_t len)
{
	for (size_t i = 0; i < sel->npaths; i++) {
		if (strlen(sel->paths[i]) == len && memcmp(sel->paths[i], path, len) == 0)
			return true;
	}
	return false;
}

/* A path argument as given, or made absolute against the process's
 * working directory when it is relative to it. */
static bool path_arg_selected(const struct rp_select *sel, const struct rp_session *session,
			      const struct rp_event *ev, unsigned i)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	const struct rp_mem *const m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, i, 0);
	if (!m)
		return false;
	const size_t len = strnlen((const char *)m->data, m->len);
	if (is_selected_path(sel, (const char *)m->data, len))
		return true;
	const bool at_cwd = i == 0 || !sc->desc || sc->desc->args[i - 1].kind != SC_ARG_DIRFD ||
			    (int32_t)sc->args[i - 1] == -100; /* AT_FDCWD */
	const char *const cwd = at_cwd ? rp_session_cwd(session, ev->tid) : NULL;
	if (!len || m->data[0] == '/' || !cwd)
		return false;
	char absolute[PATH_MAX * 2];
	const int n =
	    snprintf(absolute, sizeof(absolute), "%s/%.*s", cwd, (int)len, (const char *)m->data);
	return n > 0 && (size_t)n < sizeof(absolute) && is_selected_path(sel, absolute, (size_t)n);
}

/* Whether descriptor fd of ev's task is on a selected path. */
static bool fd_selected(const struct rp_select *sel, const struct rp_session *session,
			const struct rp_event *ev, int32_t fd)
{
	const char *const fd_path = rp_session_fd_path(session, ev->tid, (int)fd);
	return fd_path && is_selected_path(sel, fd_path, strlen(fd_path));
}

/* The descriptors of poll's array of nfds (argument len) pollfds, as the
 * call was given them. */
static bool pollfds_selected(const struct rp_select *sel, const struct rp_session *session,
			     const struct rp_event *ev, unsigned i, const struct sc_arg *a)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	const struct rp_mem *const m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, i, 0);
	const uint64_t n = a->len <= SC_LEN_ARG5 ? (uint32_t)sc->args[a->len] : 0;
	const size_t each = sc_type_size(SC_T_POLLFD);
	for (uint64_t k = 0; m && k < n && (k + 1) * each <= m->len; k++) {
		int32_t fd; /* pollfd's first field */
		memcpy(&fd, m->data + k * each, sizeof(fd));
		if (fd_selected(sel, session, ev, fd))
			return true;
	}
	return false;
}

/* The descriptors of a select fd_set (argument 0 says how many may be in
 * it), as the call was given them. */
static bool fdset_selected(const struct rp_select *sel, const struct rp_session *session,
			   const struct rp_event *ev, unsigned i)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	const struct rp_mem *const m = rp_syscall_mem(sc, STRTRC_AT_ENTRY, i, 0);
	const int32_t nfds = (int32_t)sc->args[0];
	/* a set strace could read whole (whole longs), or none; the recorder
	 * keeps an fd_set's FD_SETSIZE bits */
	const size_t whole = ((size_t)(nfds > 0 ? nfds : 0) + 63) / 64 * 8;
	const size_t kept = sc_type_size(SC_T_FD_SET);
	if (!m || m->len < (whole < kept ? whole : kept))
		return false;
	for (int32_t fd = 0; fd < nfds && (size_t)fd / 8 < m->len; fd++) {
		if ((m->data[fd / 8] >> (fd % 8)) & 1 && fd_selected(sel, session, ev, fd))
			return true;
	}
	return false;
}

/* strace -P: a path argument equal to a selected path, or a descriptor
 * argument whose tracked path is one (poll's and select's among them). */
static bool touches_path(const struct rp_select *sel, const struct rp_session *session,
			 const struct rp_event *ev)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	const struct sc_table *const table = sc_table_for_arch(sc->arch);
	if (!sc->desc || !table)
		return false;
	for (unsigned i = 0; i < sc->desc->nargs && i < 6; i++) {
		const struct sc_arg a = sc_arg_effective(table, sc->nr, sc->desc, i, sc->args);
		if (a.kind == SC_ARG_PATH && path_arg_selected(sel, session, ev, i))
			return true;
		if (((a.kind == SC_ARG_FD && a.type != SC_T_FS_CONTEXT) ||
		     a.kind == SC_ARG_DIRFD) &&
		    fd_selected(sel, session, ev, (int32_t)sc->args[i]))
			return true;
		if (a.kind == SC_ARG_ARRAY && a.type == SC_T_POLLFD &&
		    pollfds_selected(sel, session, ev, i, &a))
			return true;
		if (a.kind == SC_ARG_STRUCT && a.type == SC_T_FD_SET &&
		    fdset_selected(sel, session, ev, i))
			return true;
	}
	return false;
}

/* A path argument of ev names a selected path: the descriptor it returns
 * is on that file, whatever the kernel calls it (a symlink's target:
 * /lib/... opened, /usr/lib/... read), so the kernel's name is selected
 * too, as strace -P selects a path's realpath. */
static int select_returned_fd(struct rp_select *sel, const struct rp_session *session,
			      const struct rp_event *ev)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	const struct rp_mem *const link = rp_syscall_returned_fd_link(sc);
	const struct sc_table *const table = sc_table_for_arch(sc->arch);
	if (!link || !table)
		return 0;
	const size_t len = strnlen((const char *)link->data, link->len);
	if (!len || is_selected_path(sel, (const char *)link->data, len))
		return 0;
	for (unsigned i = 0; i < sc->desc->nargs && i < 6; i++) {
		const struct sc_arg a = sc_arg_effective(table, sc->nr, sc->desc, i, sc->args);
		if (a.kind == SC_ARG_PATH && path_arg_selected(sel, session, ev, i)) {
			char path[PATH_MAX + 16], msg[64];
			snprintf(path, sizeof(path), "%.*s", (int)len, (const char *)link->data);
			return rp_select_path(sel, path, msg, sizeof(msg)) == -ENOMEM ? -ENOMEM : 0;
		}
	}
	return 0;
}

int rp_select_follow(struct rp_select *sel, const struct rp_session *session,
		     const struct rp_event *ev)
{
	uint64_t how;
	if (sel->pids.n && strec_u32map_get(&sel->pids, ev->pid, &how) && how == PID_ASKED &&
	    strec_u32map_put(&sel->pids, ev->pid, PID_ASKED_SEEN) < 0)
		return -ENOMEM;
	if (ev->kind == RP_EV_SYSCALL && sel->npaths)
		return select_returned_fd(sel, session, ev);
	/* --tree: children of selected processes are selected too */
	if (ev->kind != RP_EV_SPAWN || !sel->tree)
		return 0;
	if (strec_u32map_get(&sel->pids, ev->pid, NULL) ||
	    strec_u32map_get(&sel->pids, ev->tid, NULL))
		return add_pid(sel, ev->u.spawn.new_tid, PID_DESCENDANT);
	return 0;
}

static int by_value(const void *a, const void *b)
{
	const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

size_t rp_select_unseen_pids(const struct rp_select *sel, uint32_t *pids, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < sel->pids.cap; i++) {
		uint32_t pid;
		uint64_t how;
		if (strec_u32map_at(&sel->pids, i, &pid, &how) && how == PID_ASKED) {
			if (n < max)
				pids[n] = pid;
			n++;
		}
	}
	qsort(pids, n < max ? n : max, sizeof(*pids), by_value);
	return n;
}

bool rp_select_unseen_text(const struct rp_select *sel, char *msg, size_t msg_size, bool *none_seen)
{
	uint32_t pids[8];
	const size_t max = sizeof(pids) / sizeof(pids[0]);
	const size_t n = rp_select_unseen_pids(sel, pids, max);
	size_t asked = 0;
	for (size_t i = 0; i < sel->pids.cap; i++) {
		uint64_t how;
		if (strec_u32map_at(&sel->pids, i, NULL, &how) && how != PID_DESCENDANT)
			asked++;
	}
	*none_seen = n && n == asked;
	if (!n)
		return false;
	size_t len = (size_t)snprintf(msg, msg_size, "--pid: no process");
	for (size_t i = 0; i < n && i < max && len < msg_size; i++)
		len += (size_t)snprintf(msg + len, msg_size - len, "%s %u", i ? "," : "", pids[i]);
	if (n > max && len < msg_size)
		len += (size_t)snprintf(msg + len, msg_size - len, " and %zu more", n - max);
	if (len < msg_size)
		snprintf(msg + len, msg_size - len, " in the trace");
	return true;
}

bool rp_select_event(const struct rp_select *sel, const struct rp_session *session,
		     const struct rp_event *ev)
{
	assert(sel && ev);
	if (!rp_select_has_pid(sel, ev->pid))
		return false;
	switch (ev->kind) {
	case RP_EV_SYSCALL:
	case RP_EV_SYSCALL_ENTRY: {
		const struct rp_syscall *const sc = &ev->u.sc;
		if (!strec_filter_match(&sel->filter, sc->arch, sc->nr))
			return false;
		if (ev->kind == RP_EV_SYSCALL) {
			const unsigned status = sc->detached	? RP_STATUS_DETACHED
						: !sc->finished ? RP_STATUS_UNFINISHED
						: sc->is_error	? RP_STATUS_FAILED
								: RP_STATUS_SUCCESSFUL;
			if (!(sel->status & status))
				return false;
		}
		return !sel->npaths || touches_path(sel, session, ev);
	}
	case RP_EV_SIGNAL:
		return !sel->sig_filter || (ev->u.sig.signo > 0 && ev->u.sig.signo < 64 &&
					    ((sel->sigs >> ev->u.sig.signo) & 1));
	default:
		return true;
	}
}
