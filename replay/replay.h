/* libstrec_replay: turns trace records (format/strtrc.h) into whole events
 * and prints them as strace text or JSON lines. Used by strep and strstat;
 * strscrub opens traces with it.
 * Library code: never prints, never exits; errors are returned as values. */
#ifndef STREC_REPLAY_REPLAY_H
#define STREC_REPLAY_REPLAY_H

#include "filter.h"
#include "strtrc.h"
#include "syscall_table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- events ---- */

/* Memory captured behind one argument, copied out of the reader's buffer. */
struct rp_mem {
	uint8_t stop; /* enum strtrc_mem_stop */
	uint8_t arg;
	uint32_t item;
	uint32_t flags; /* enum strtrc_mem_flags */
	uint64_t addr;
	uint64_t full_len;
	size_t len;
	const uint8_t *data;
};

enum rp_event_kind {
	RP_EV_SYSCALL,
	RP_EV_SIGNAL,
	RP_EV_GROUP_STOP,
	RP_EV_EXIT,
	RP_EV_SPAWN,
	RP_EV_EXEC,
	RP_EV_DETACH,
	/* A syscall's entry, with its entry-time captures only (u.sc, not
	 * finished); emitted only after rp_session_set_entry_events. */
	RP_EV_SYSCALL_ENTRY,
};

struct rp_syscall {
	uint32_t arch;
	uint64_t nr;
	const struct sc_desc *desc; /* NULL: unknown number */
	uint64_t args[6];
	uint64_t entry_ts_ns, exit_ts_ns;
	bool finished; /* false: never returned (printed " = ?") */
	bool detached; /* not finished because the tracer detached (" <detached ...>") */
	bool is_error;
	int64_t rval;
	size_t nmem;
	const struct rp_mem *mem;
};

struct rp_event {
	enum rp_event_kind kind;
	uint32_t tid, pid;
	uint64_t ts_ns; /* from the trace start; a syscall's is its entry */
	/* Where the task was: a syscall's instruction pointer at its entry, a
	 * signal's or group stop's where it stopped. has_ip is false where the
	 * trace does not say (exits, spawns; signals in older traces). */
	bool has_ip;
	uint64_t ip;
	union {
		struct rp_syscall sc;
		struct {
			int32_t signo;
			size_t siginfo_len;
			const uint8_t *siginfo;
		} sig;
		int32_t stop_signo;
		int32_t wait_status;
		struct strtrc_spawn spawn;
		struct {
			uint32_t former_tid;
			const char *exe;
		} exec;
	} u;
};

/* The warning for a trace whose recorder lost events (strtrc_reader_lost),
 * in buf; false (buf untouched) when nothing was lost. */
bool rp_loss_warning(uint64_t lost, char *buf, size_t size);

/* The memory record for (stop, arg, item), or NULL. At exit, exit-time
 * captures are preferred; at entry only entry ones are considered. */
const struct rp_mem *rp_syscall_mem(const struct rp_syscall *sc, int stop, unsigned arg,
				    uint32_t item);
/* What the kernel named the descriptor a finished call returned (what
 * strace -y prints after "= 3"): the recorder's /proc link, or NULL. */
const struct rp_mem *rp_syscall_returned_fd_link(const struct rp_syscall *sc);
/* The name of the syscall ("read"), or NULL when the number is unknown. */
const char *rp_syscall_name(const struct rp_syscall *sc);

/* ---- opening ---- */

/* Opens the trace at path ("-": stdin) for decoding, as strep, strstat
 * and strscrub do: strtrc_reader_open_path, then a trace recorded on a
 * machine whose system calls have no table here is refused (-ENOTSUP: its
 * numbers would decode as another machine's calls), then read-ahead runs
 * where it can. NULL on failure, with the negative errno in *err and a
 * message naming the file in msg. */
struct strtrc_reader *rp_trace_open(const char *path, int *err, char *msg, size_t msg_size);

/* ---- pairing ---- */

struct rp_session;

/* Called for each complete event; a nonzero return stops the feed and is
 * returned by rp_session_feed/rp_session_finish. */
typedef int (*rp_event_fn)(const struct rp_event *ev, void *ctx);

struct rp_session *rp_session_new(const struct strtrc_header *header);
void rp_session_free(struct rp_session *s);
/* 0, the callback's nonzero return, -ENOMEM, or -EPROTO for a record that
 * breaks a rule of the format (rp_session_error says which). */
int rp_session_feed(struct rp_session *s, const struct strtrc_record *rec, rp_event_fn fn,
		    void *ctx);
/* Why the last feed returned -EPROTO, or NULL. */
const char *rp_session_error(const struct rp_session *s);
/* The i-th thing the output misses (a bounded table that forgot names,
 * snapshot threads not taken), i from 0; NULL past the last. Valid until
 * the next call. */
const char *rp_session_warning(struct rp_session *s, size_t i);
/* End of input: every syscall still waiting for its exit is emitted
 * unfinished, oldest first. */
int rp_session_finish(struct rp_session *s, rp_event_fn fn, void *ctx);
/* Also emit RP_EV_SYSCALL_ENTRY events (for strace's interleaved view). */
void rp_session_set_entry_events(struct rp_session *s, bool on);
/* Process id (thread-group leader) of tid, as far as the trace tells. */
uint32_t rp_session_pid(const struct rp_session *s, uint32_t tid);
/* Working directory of tid's process, or NULL when unknown (-y). */
const char *rp_session_cwd(const struct rp_session *s, uint32_t tid);
/* Id v of type t as task tid saw it, as the recorder's
 * pid namespace saw it (the trace's pid ns records): 0 when nothing says. */
uint32_t rp_session_pid_translate(const struct rp_session *s, uint32_t tid, int64_t v,
				  enum sc_pid_type t);
/* Path of descriptor fd in tid's process, or NULL when unknown (-y). */
const char *rp_session_fd_path(const struct rp_session *s, uint32_t tid, int fd);
/* The process descriptor fd of tid's process refers to when it is a pidfd
 * the trace says more of (-yy's "<pid:N>"), else 0. */
int32_t rp_session_fd_pidfd_pid(const struct rp_session *s, uint32_t tid, int fd);
/* Whether the " (deleted)" that ends fd's path is the file's own name
 * (STRTRC_MEM_NAME_AS_IS), not a mark of its deletion. */
bool rp_session_fd_name_as_is(const struct rp_session *s, uint32_t tid, int fd);
/* The netlink protocol (NETLINK_ROUTE...) of descriptor fd in tid's process
 * as the call that made it (or the recorder's socket records) tells it,
 * once it has a port id (strace finds it then), -2 for a netlink socket without one yet, or -1 when
 * it is not a netlink socket or not known to be one (a descriptor the trace began with). */
int rp_session_netlink_protocol(const struct rp_session *s, uint32_t tid, int fd);
/* The architecture and number of the last syscall tid entered (strace -n's
 * number for signals and exits); false, with *arch 0 and *nr 0, for a task
 * that made none yet (strace's fresh task prints 0). */
bool rp_session_last_syscall(const struct rp_session *s, uint32_t tid, uint32_t *arch,
			     uint64_t *nr);

/* ---- output ---- */

/* A growable output buffer. */
struct rp_buf {
	char *data;
	size_t len, cap;
	bool oom; /* an allocation failed: content is incomplete */
};
void rp_buf_put(struct rp_buf *b, const char *s, size_t n);
void rp_buf_puts(struct rp_buf *b, const char *s);
void rp_buf_putc(struct rp_buf *b, char c);
void rp_buf_printf(struct rp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rp_buf_free(struct rp_buf *b);

/* strace's -t/--timestamps format: none, time of day (%T), epoch seconds */
enum rp_ts_format { RP_TS_NONE, RP_TS_TIME, RP_TS_UNIX };
/* strace's -X: names (default), numbers only, numbers with the names in a
 * comment. */
enum rp_xlat_style { RP_XLAT_ABBREV, RP_XLAT_RAW, RP_XLAT_VERBOSE };

/* strace's --decode-fds=SET (-y: path, -yy: all): what follows a
 * descriptor in < >. */
enum rp_decode_fd {
	RP_DECODE_FD_PATH = 1,	 /* its path (-y) */
	RP_DECODE_FD_SOCKET = 2, /* a socket's protocol and endpoints */
	RP_DECODE_FD_DEV = 4,	 /* a device's major:minor (not recorded: the path) */
	RP_DECODE_FD_PIDFD = 8,	 /* a pidfd's process (STRTRC_ARG_PIDFD records) */
	RP_DECODE_FD_ALL = 15,
};
/* --decode-fds=SET, -e decode-fds=SET: path, socket, dev, pidfd, all,
 * none, ! to negate; 0, or -EINVAL with a message. */
int rp_decode_fds_parse(const char *set, unsigned *modes, char *msg, size_t msg_size);

/* What strace -yy says of descriptors beyond their paths (fdinfo.c): a
 * socket's details over time, from the recorder's socket records, and a
 * device's numbers, by path. */
struct rp_fdinfo;
struct rp_fdinfo *rp_fdinfo_new(void);
void rp_fdinfo_free(struct rp_fdinfo *t);
/* Learns from every syscall event, printed or not, and from the
 * descriptors of snapshots (0 or -ENOMEM). */
int rp_fdinfo_feed(struct rp_fdinfo *t, const struct rp_event *ev);
int rp_fdinfo_snapshot(struct rp_fdinfo *t, const struct strtrc_snapshot *sn);
/* Appends "<char 1:3>" for a character or block device of that path;
 * false when it is not known as one. */
bool rp_fdinfo_device(const struct rp_fdinfo *t, const char *path, size_t len, struct rp_buf *out);
/* Appends socket inode's details as strace would have printed them at ts
 * ("TCP:[127.0.0.1:80]", or "TCP:[4242]" before it has endpoints); false
 * when unknown (the path serves then). */
bool rp_fdinfo_socket(struct rp_fdinfo *t, uint64_t inode, uint64_t ts, struct rp_buf *out);

/* strace's --quiet=SET: the informational messages left out. */
enum rp_quiet {
	RP_QUIET_ATTACH = 1,	       /* "Process N attached", "... detached" */
	RP_QUIET_EXIT = 2,	       /* "+++ exited with N +++" */
	RP_QUIET_PERSONALITY = 4,      /* "[ Process PID=N runs in 32 bit mode. ]" */
	RP_QUIET_THREAD_EXECVE = 8,    /* "+++ superseded by execve in pid N +++" */
	RP_QUIET_PATH_RESOLUTION = 16, /* -P's "Requested path ... resolved into ..." */
	RP_QUIET_ALL = 31,
};
/* -q, -qq, -qqq as strace has them. */
#define RP_QUIET_Q  (RP_QUIET_ATTACH | RP_QUIET_PERSONALITY)
#define RP_QUIET_QQ (RP_QUIET_Q | RP_QUIET_EXIT)
/* --quiet=SET, -e quiet=SET: names (exit or exits, thread-execve or
 * superseded...), all, none, ! to negate; 0, or -EINVAL with a message. */
int rp_quiet_parse(const char *set, unsigned *quiet, char *msg, size_t msg_size);
/* strace's time precisions "s", "ms", "us", "ns" as the digits printed
 * after the second (0, 3, 6, 9); -EINVAL for another word. */
int rp_time_precision_parse(const char *word, unsigned *digits);
struct rp_print_opts;
/* strace's --timestamps=[[format:]FORMAT][,[precision:]PRECISION] (FORMAT
 * none, time, unix): what it names replaces opts' -t settings; an empty
 * value is -t. -EINVAL with a message for a word it does not know. */
int rp_timestamps_parse(const char *value, struct rp_print_opts *opts, char *msg, size_t msg_size);

/* strace's descriptor sets (-e read=SET, -e write=SET): numbers, all,
 * none, a leading ! negating. */
struct rp_fdset {
	bool negated; /* every descriptor but those listed */
	size_t n;
	int32_t *fds;
};
/* Replaces *set with text's set: 0, or -EINVAL ("invalid descriptor 'x'")
 * or -ENOMEM with a message. */
int rp_fdset_parse(struct rp_fdset *set, const char *text, char *msg, size_t msg_size);
bool rp_fdset_has(const struct rp_fdset *set, int64_t fd); /* set NULL: none */
void rp_fdset_free(struct rp_fdset *set);

/* The byte opts.mark_ids puts before an id: a control byte, which strep's
 * text never holds otherwise (strings and paths escape them). */
#define RP_ID_MARK '\x1f'

struct rp_print_opts {
	bool json;
	unsigned max_strlen; /* -s, default 32 */
	int xflag;	     /* -x: 1, -xx: 2 */
	unsigned decode_fds; /* enum rp_decode_fd: -y paths, -yy all */
	/* -yy: what sockets and devices were (rp_fdinfo_feed), owned by the
	 * caller; NULL: descriptors show their paths */
	struct rp_fdinfo *fdinfo;
	bool verbose;		  /* -v: structures unabbreviated */
	enum rp_xlat_style xlat;  /* -X */
	enum rp_ts_format ts;	  /* -t, -tt: time of day; -ttt: epoch seconds */
	unsigned ts_digits;	  /* digits after the second: -t 0, -tt/-ttt 6 */
	bool relative;		  /* -r (with -t: "(+ 0.000012) " after the time) */
	unsigned relative_digits; /* -r's digits after the second (default 6) */
	bool show_duration;	  /* -T */
	unsigned duration_digits; /* -T's digits after the second (default 6) */
	bool show_nr;		  /* -n: "[  59] " syscall numbers */
	bool show_ip;		  /* -i: "[00007f...] " instruction pointers */
	unsigned column;	  /* -a: " = " goes no further left than this (default 40) */
	bool pid_prefix;	  /* "PID  " before every line */
	/* --pidns-translation: ids seen in another pid namespace followed by
	 * what the recorder's namespace saw */
	bool pidns_translation;
	/* Text only: RP_ID_MARK before each process, thread, group or session
	 * id printed (an argument, a field, a result), so that a reader of the
	 * text (strdiff) knows them from other numbers without guessing. */
	bool mark_ids;
	/* strace's per-syscall qualifiers, owned by the caller: -e raw= (the
	 * arguments and result in hex; NULL: none), -e abbrev= (NULL: all
	 * abbreviated unless -v) */
	const struct strec_filter *raw_set, *abbrev_set;
	/* -e verbose=: only these calls' structures, arrays and the values
	 * behind pointers are printed, the others' addresses (NULL: all) */
	const struct strec_filter *verbose_set;
	/* -e read=, -e write=: hex dumps of the data of these descriptors
	 * (NULL: none), owned by the caller */
	const struct rp_fdset *dump_read, *dump_write;
	unsigned quiet; /* enum rp_quiet: messages left out (-q, --quiet=) */
	int64_t start_realtime_ns;
	/* JSON: members added to every object, each starting with ',' (the
	 * trace's identity, rp_trace_id_json); NULL: none. Owned by the caller. */
	const char *json_extra;
};
void rp_print_opts_init(struct rp_print_opts *o);

struct rp_printer;
struct rp_printer *rp_printer_new(const struct rp_print_opts *opts, const struct rp_session *s);
void rp_printer_free(struct rp_printer *p);
/* Appends the event's line(s), newline included, to out. */
void rp_print_event(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out);

/* The call the last rp_print_event printed, if it printed one: where its
 * name starts in out, and where the text strace prints at the call's entry
 * ends (the name and the arguments before the first the kernel fills; then
 * the line waits for the exit, or ends "<unfinished ...>"). */
struct rp_call_span {
	size_t name_at, name_len, entry_end;
};
bool rp_printer_last_call(const struct rp_printer *p, struct rp_call_span *span);

/* strace's quoting of len bytes (-s truncation at max_strlen, escapes, and
 * "..." after the quote when truncated or when more is true). With
 * cstring, printing stops at a NUL. Exposed for unit tests. */
/* Whether strace quotes these n bytes as \x escapes throughout: with -x
 * (xflag 1) when any is non-printable other than whitespace, with -xx
 * always. */
bool rp_quotes_as_hex(const uint8_t *data, size_t n, int xflag);
void rp_quote_string(struct rp_buf *b, const uint8_t *data, size_t len, unsigned max_strlen,
		     int xflag, bool cstring, bool more);
/* s as one word of a POSIX shell's command line: bare, or single-quoted. */
void rp_shell_word(struct rp_buf *b, const char *s, size_t len);
/* A descriptor's path as strace -y shows it between < and >: quoted as
 * strings are (-x, -xx alike) but without the quotes, and with < and >
 * escaped (in octal, unless the whole path is in \x). */
void rp_quote_fd_path(struct rp_buf *b, const char *path, size_t len, int xflag);
/* JSON string literal of len bytes: control chars and non-UTF-8 bytes as
 * \u00XX. */
void rp_json_string(struct rp_buf *b, const uint8_t *data, size_t len);

/* The trace's identity from its header, as the JSON members that
 * --with-trace-id adds to every object (docs/json-schema.md):
 *   ,"trace_id":"HOST/START/PROGRAM","trace_host":"HOST",
 *   "trace_start":"2026-12-02T06:43:05.123456789Z","trace_command":"make -j2"
 * START is the recording's start in UTC (nanoseconds), PROGRAM the command's
 * program without its directory (attached: "pid" and the first pid). */
void rp_trace_id_json(const struct strtrc_header *h, struct rp_buf *out);

#endif
