/* libstrec_replay: turns trace records (format/strtrc.h) into whole events
 * and prints them as strace text or JSON lines. Used by strep and strstat.
 * Library code: never prints, never exits; errors are returned as values. */
#ifndef STREC_REPLAY_REPLAY_H
#define STREC_REPLAY_REPLAY_H

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
	bool is_error;
	int64_t rval;
	size_t nmem;
	const struct rp_mem *mem;
};

struct rp_event {
	enum rp_event_kind kind;
	uint32_t tid, pid;
	uint64_t ts_ns; /* from the trace start; a syscall's is its entry */
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
/* The name of the syscall ("read"), or NULL when the number is unknown. */
const char *rp_syscall_name(const struct rp_syscall *sc);

/* ---- pairing ---- */

struct rp_session;

/* Called for each complete event; a nonzero return stops the feed and is
 * returned by rp_session_feed/rp_session_finish. */
typedef int (*rp_event_fn)(const struct rp_event *ev, void *ctx);

struct rp_session *rp_session_new(const struct strtrc_header *header);
void rp_session_free(struct rp_session *s);
int rp_session_feed(struct rp_session *s, const struct strtrc_record *rec, rp_event_fn fn, void *ctx);
/* End of input: every syscall still waiting for its exit is emitted
 * unfinished, oldest first. */
int rp_session_finish(struct rp_session *s, rp_event_fn fn, void *ctx);
/* Also emit RP_EV_SYSCALL_ENTRY events (for strace's interleaved view). */
void rp_session_set_entry_events(struct rp_session *s, bool on);
/* Process id (thread-group leader) of tid, as far as the trace tells. */
uint32_t rp_session_pid(const struct rp_session *s, uint32_t tid);
/* Working directory of tid's process, or NULL when unknown (-y). */
const char *rp_session_cwd(const struct rp_session *s, uint32_t tid);
/* Path of descriptor fd in tid's process, or NULL when unknown (-y). */
const char *rp_session_fd_path(const struct rp_session *s, uint32_t tid, int fd);

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

enum rp_ts_mode { RP_TS_NONE, RP_TS_TIME, RP_TS_TIME_US, RP_TS_EPOCH_US };
/* strace's -X: names (default), numbers only, numbers with the names in a
 * comment. */
enum rp_xlat_style { RP_XLAT_ABBREV, RP_XLAT_RAW, RP_XLAT_VERBOSE };

struct rp_print_opts {
	bool json;
	unsigned max_strlen; /* -s, default 32 */
	int xflag;           /* -x: 1, -xx: 2 */
	bool yflag;          /* -y: descriptor paths */
	bool verbose;        /* -v: structures unabbreviated */
	enum rp_xlat_style xlat; /* -X */
	enum rp_ts_mode ts;  /* -t, -tt, -ttt */
	bool relative;       /* -r */
	bool show_duration;  /* -T */
	bool pid_prefix;     /* "PID  " before every line */
	int quiet;           /* -qq: no "+++ exited" lines */
	int64_t start_realtime_ns;
};
void rp_print_opts_init(struct rp_print_opts *o);

struct rp_printer;
struct rp_printer *rp_printer_new(const struct rp_print_opts *opts, const struct rp_session *s);
void rp_printer_free(struct rp_printer *p);
/* Appends the event's line(s), newline included, to out. */
void rp_print_event(struct rp_printer *p, const struct rp_event *ev, struct rp_buf *out);

/* strace's quoting of len bytes (-s truncation at max_strlen, escapes, and
 * "..." after the quote when truncated or when more is true). With
 * cstring, printing stops at a NUL. Exposed for unit tests. */
void rp_quote_string(struct rp_buf *b, const uint8_t *data, size_t len, unsigned max_strlen,
		     int xflag, bool cstring, bool more);
/* A descriptor's path as strace -y shows it between < and >: quoted as
 * strings are (-x, -xx alike) but without the quotes, and with < and >
 * escaped (in octal, unless the whole path is in \x). */
void rp_quote_fd_path(struct rp_buf *b, const char *path, size_t len, int xflag);
/* JSON string literal of len bytes: control chars and non-UTF-8 bytes as
 * \u00XX. */
void rp_json_string(struct rp_buf *b, const uint8_t *data, size_t len);

#endif
