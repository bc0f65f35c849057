/* strec's tracing engine: internal interfaces between its parts. */
#ifndef STREC_RECORD_RECORDER_H
#define STREC_RECORD_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "filter.h"
#include "strtrc.h"
#include "syscall_table.h"

/* ---- logging (STREC_LOG=info|debug, or -d) ---- */
enum rec_log_level { REC_LOG_OFF = 0, REC_LOG_INFO = 1, REC_LOG_DEBUG = 2 };
extern enum rec_log_level rec_log_level;
void rec_log(enum rec_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define REC_INFO(...)                                                                              \
	do {                                                                                       \
		if (rec_log_level >= REC_LOG_INFO)                                                 \
			rec_log(REC_LOG_INFO, __VA_ARGS__);                                        \
	} while (0)
#define REC_DEBUG(...)                                                                             \
	do {                                                                                       \
		if (rec_log_level >= REC_LOG_DEBUG)                                                \
			rec_log(REC_LOG_DEBUG, __VA_ARGS__);                                       \
	} while (0)

/* ---- per-thread state ---- */
struct rec_task {
	pid_t tid;
	bool in_syscall;   /* between a recorded entry and its exit */
	bool skip_syscall; /* current syscall is filtered out: its exit is not recorded */
	bool startup;	   /* the spawned command before its first exec: suppress our SIGCONT */
	/* The spawned command before its execve: its calls are strec's own
	 * (changing user for -u), not recorded. */
	bool before_exec;
	bool group_stopped;
	/* The thread has a seccomp filter of its own, which may fail a call
	 * before our filter's stop (SECCOMP_RET_ERRNO): it stops at every
	 * syscall entry, as without our filter. */
	bool own_seccomp;
	pid_t tgid;    /* its process */
	uint32_t arch; /* of the pending syscall */
	uint64_t nr;
	uint64_t args[6];
	uint64_t sp;		  /* stack pointer at the entry (signal frames) */
	struct rec_bpf_task *bpf; /* the BPF engine's state of it (bpf_engine.c) */
	/* In another pid namespace than strec's: a digest of its last pid ns
	 * record (pidns.c); 0: none written */
	uint64_t pidns_sig;
};

/* Tasks by tid. A task's address stays valid until it is removed, however
 * many tasks are added meanwhile. */
struct rec_task_table {
	struct rec_task **slots; /* open addressing by tid; NULL: free */
	size_t capacity;	 /* power of two */
	size_t count;
};

struct rec_task *rec_task_find(const struct rec_task_table *t, pid_t tid);
/* Finds or inserts; NULL only when out of memory. */
struct rec_task *rec_task_add(struct rec_task_table *t, pid_t tid);
/* Frees the task: pointers to it are invalid afterwards. */
void rec_task_remove(struct rec_task_table *t, pid_t tid);
void rec_task_table_free(struct rec_task_table *t);

/* ---- what is captured at most (both engines) ---- */
#define REC_MAX_PATH	 4096u		/* PATH_MAX: a path, whole */
#define REC_MAX_STRING	 (128u * 1024u) /* an argv string */
#define REC_MAX_VECTOR	 32768u		/* argv elements */
#define REC_MAX_IOV	 1024u		/* IOV_MAX */
#define REC_MAX_MMSG	 1024u		/* messages of a sendmmsg/recvmmsg */
#define REC_MAX_IOCBS	 1024u		/* iocbs of an io_submit */
#define REC_MAX_SOCKADDR 128u		/* sizeof(struct sockaddr_storage) */
#define REC_MAX_SIGSET	 128u
/* control messages a call sends: the kernel takes at most optmem_max
 * bytes (rec_control_cap); those a receive returned are read for the
 * descriptors they pass, of which SCM_MAX_FD (253) fit in this */
#define REC_MAX_CONTROL_DEFAULT	 (128u * 1024u)
#define REC_MAX_CONTROL_LIMIT	 (1u << 20)
#define REC_MAX_RECEIVED_CONTROL 4096u
#define REC_MAX_DIRENTS		 (1u << 20) /* a getdents buffer, whole */

/* ---- tracee memory ---- */
enum rec_read_status { REC_READ_OK = 0, REC_READ_PARTIAL = 1, REC_READ_FAULT = 2 };
/* Reads up to len bytes at addr into buf; *got is how many were read. */
enum rec_read_status rec_mem_read(pid_t tid, uint64_t addr, void *buf, size_t len, size_t *got);
/* Reads a NUL-terminated string of at most max bytes (NUL excluded) page by
 * page. *got: bytes before the NUL (or read before the fault / the cap);
 * *terminated: the NUL was found. */
enum rec_read_status rec_mem_read_string(pid_t tid, uint64_t addr, char *buf, size_t max,
					 size_t *got, bool *terminated);

/* ---- the recorder ---- */
enum rec_backend {
	REC_BACKEND_PTRACE, /* stop the tracees at every call (engine.c) */
	REC_BACKEND_BPF,    /* tracepoint programs in the kernel (bpf_engine.c) */
	REC_BACKEND_AUTO,   /* bpf where it can work, else ptrace */
};

struct rec_options {
	const char *output; /* path, "-" for stdout */
	char *const *command;
	pid_t *attach_pids;
	size_t nattach;
	uint32_t capture_size;
	bool follow_forks;
	bool quiet;
	bool progress; /* --progress: a status line while recording */
	bool no_aslr;
	bool record_env;
	bool force;	  /* overwrite a file that is not a trace */
	bool seccomp;	  /* use a seccomp-bpf prefilter when a filter is given */
	uint32_t spin_us; /* --spin: poll this long for the next stop before sleeping */
	enum rec_backend backend;
	uint64_t bpf_ring_size; /* --bpf-ring-size: bytes of the BPF ring buffer; 0: default */
	uint64_t duration_ns;	/* --duration: stop recording this long after the start; 0: never */
	uint64_t max_bytes; /* --max-size: stop recording before the trace exceeds it; 0: never */
	struct strec_filter filter;
	const char *filter_text; /* for the header */
	int argc;
	char *const *argv;
};

struct rec_stats {
	uint64_t syscalls;
	uint64_t processes; /* tasks created or attached that are processes */
	uint64_t threads;
	uint64_t signals;
	uint64_t lost;	 /* events we know we could not record */
	uint64_t polled; /* waits for a stop that ended polling (--spin) */
	uint64_t slept;	 /* waits that ended in a sleeping waitpid */
};

/* Why recording stopped before the traced processes were gone. */
enum rec_stop {
	REC_STOP_NONE = 0,
	REC_STOP_SIGNAL,      /* attach mode: SIGINT, SIGTERM or SIGHUP */
	REC_STOP_DURATION,    /* --duration elapsed */
	REC_STOP_MAX_SIZE,    /* --max-size reached */
	REC_STOP_WRITE_ERROR, /* the trace cannot be written */
};

struct recorder {
	const struct rec_options *opts;
	struct strtrc_writer *writer;
	struct rec_task_table tasks;
	struct rec_stats stats;
	uint64_t start_ns; /* CLOCK_MONOTONIC at start: record timestamps count from it */
	/* CLOCK_REALTIME at the same instant: the header's, which puts the
	 * records on the wall clock (read when the header is written, after
	 * the bpf engine's load, it put them that much late) */
	uint64_t start_realtime_ns;
	pid_t main_pid;	 /* spawned command, or 0 */
	int main_status; /* its wait status once it is gone */
	bool main_done;
	bool seccomp_active;	       /* the tracees run under our seccomp filter */
	bool own_seccomp_seen;	       /* some tracee installed a seccomp filter of its own */
	struct rec_held_records *hold; /* see rec_write */
	bool write_failed;	       /* the trace can no longer be written: detach and stop */
	char write_error[256];
	enum rec_stop stop; /* recording stopped early, and why */
	/* Recording stopped, but the spawned tree runs under our seccomp
	 * filter, whose SECCOMP_RET_TRACE would fail calls with ENOSYS without
	 * a tracer: strec stays its tracer, recording nothing. */
	bool untraced;
	uint64_t size_checked; /* --max-size: the file's size at the last check near the limit */
	uint64_t size_growth;  /* and the largest growth between two such checks */
	uint64_t spin_ns;      /* --spin in ns; 0: always sleep in waitpid */
	size_t cpus;	       /* CPUs strec may run on */
	bool spin_next;	       /* the last stop came within spin_ns: poll for the next */
	size_t max_control;    /* a msghdr's control messages, at most (rec_control_cap) */
	uint8_t *scratch;      /* capture buffer */
	size_t scratch_size;
	struct rec_bpf *bpf; /* the BPF engine, once loaded */
	/* strec's pid namespace (inode; 0: unknown) and its level below the
	 * namespace of /proc; tasks in other namespaces (pidns.c) */
	uint64_t pid_ns;
	uint32_t pid_ns_level;
	size_t pidns_tasks;
	/* netlink sockets last seen without a port id: the kernel binds one
	 * implicitly on the first send, which is asked again only for these
	 * (the oldest forgotten when more are open: -yy then shows no port) */
	struct rec_fd_ref {
		pid_t tgid;
		int32_t fd;
	} nl_unbound[16];
	unsigned nl_unbound_next; /* the slot to fill next, round robin */
};

/* ---- pid namespaces (pidns.c) ---- */
/* Reads strec's own namespace and level (rec->pid_ns, pid_ns_level): 0, or
 * a negative errno (then no pid ns records are written). */
int rec_pidns_init(struct recorder *rec);
/* A task that appeared: a pid ns record when its namespace is not strec's
 * and its ids differ from its last record. */
void rec_pidns_check(struct recorder *rec, struct rec_task *task, uint64_t ts);
/* The same from what the bpf engine read in the kernel: task's namespace
 * ns, the nparents above it (nearest first, to strec's), its ids in each
 * from strec's down (nids[t] of ids[t]). */
void rec_pidns_record(struct recorder *rec, struct rec_task *task, uint64_t ns,
		      const uint64_t *parents, size_t nparents, const size_t nids[STRTRC_PID_TYPES],
		      const uint32_t *const ids[STRTRC_PID_TYPES], uint64_t ts);
/* After a successful call that may change ids (SC_CLASS_SETS_PGRP): the
 * caller and, for setpgid of another process, the processes in other
 * namespaces. */
void rec_pidns_after_call(struct recorder *rec, struct rec_task *task, uint64_t ts);
/* Before the task is removed. */
void rec_pidns_forget(struct recorder *rec, const struct rec_task *task);
/* A pidfd of process or thread tid (a thread's needs Linux 6.9), or -1
 * with errno. */
int rec_pidfd_open(pid_t tid);
/* The id of process or thread tid (strec's namespace) in the namespace of
 * /proc, for paths under /proc: tid itself when /proc is of strec's
 * namespace; 0 when it cannot be found (gone). */
pid_t rec_proc_pid(const struct recorder *rec, pid_t tid);

/* Capture the memory behind the arguments of the syscall in task, at entry
 * or at exit (rval: the return value). Writes memory records. */
/* The most control message bytes the kernel takes from a sendmsg, as strace
 * reads them: net.core.optmem_max (REC_MAX_CONTROL_DEFAULT when unreadable,
 * at most REC_MAX_CONTROL_LIMIT). */
size_t rec_control_cap(void);
int rec_capture(struct recorder *rec, const struct rec_task *task, const struct sc_desc *desc,
		enum strtrc_mem_stop stop, int64_t rval, uint64_t ts);

/* After a successful call that returns descriptors or changes the working
 * directory (table classes SC_CLASSES_RESULT): what the kernel says
 * they are now (/proc/TID/fd/N, /proc/TID/cwd), as argument 6 records. */
int rec_capture_result(struct recorder *rec, const struct rec_task *task,
		       const struct sc_desc *desc, int64_t rval, uint64_t ts);

/* strace -yy's "<char 1:3>": whether the descriptor whose /proc link is
 * proc_link, naming target (len bytes), is a character or block device,
 * and which. */
bool rec_device_of(const char *proc_link, const char *target, size_t len, uint32_t *type,
		   uint64_t *rdev);

/* The process pidfd of tid refers to, from /proc/TID/fdinfo/N's "Pid:"
 * (-1: none, or it has ended). */
pid_t rec_pidfd_pid(const struct recorder *rec, pid_t tid, int32_t pidfd);
/* Whether target (len bytes, NUL-terminated), the link at proc_link, ends
 * in " (deleted)" as the file's own name (STRTRC_MEM_NAME_AS_IS). */
bool rec_link_name_is_own(const char *proc_link, const char *target, size_t len);
/* Whether a descriptor's /proc link (len bytes) names a pidfd. */
bool rec_is_pidfd_link(const char *target, size_t len);
/* The STRTRC_ARG_PIDFD record of descriptor fd of owner, whose link is
 * item of tid's result records (addr as the link's). */
int rec_write_pidfd(struct recorder *rec, pid_t tid, pid_t owner, int32_t fd, uint32_t item,
		    uint64_t addr, uint64_t ts);

/* strace -yy's view of socket fd of process tgid (strtrc_socket_encode's
 * bytes in buf): 0, or a negative errno when the kernel does not give it. */
int rec_socket_query(pid_t tgid, int32_t fd, uint8_t *buf, size_t cap, size_t *len);

/* --max-size: whether the events to come could take the trace past the
 * limit (engine.c; both engines ask it as they go). */
bool rec_size_limit_reached(struct recorder *rec);

/* Writes one record; on failure remembers the error and sets write_failed.
 * While rec->hold is set, memory records go there instead. */
int rec_write(struct recorder *rec, const struct strtrc_record *r);

/* Memory records held back (copies of their data) until it is known
 * whether the call they belong to is in the trace. */
struct rec_held_records {
	struct strtrc_record *v;
	size_t n, cap;
};
/* Writes the held records in order, then forgets them. */
int rec_held_write(struct recorder *rec, struct rec_held_records *held);
void rec_held_clear(struct rec_held_records *held);

/* The SECCOMP_RET_DATA of strec's own filter's SECCOMP_RET_TRACE: a
 * seccomp stop with other data comes from the program's own filter. */
#define REC_SECCOMP_TAG 0x5354u /* "ST" */

/* Builds and loads the seccomp filter in the calling (child) process. */
int rec_seccomp_install(const struct strec_filter *filter, char *msg, size_t msg_size);

/* The tracer of tid (/proc's TracerPid): 0 if none, -1 if unknown. */
pid_t rec_tracer_of(pid_t tid);

/* Attach mode: seize every thread of pid and write its snapshot. */
int rec_attach_process(struct recorder *rec, pid_t pid, char *msg, size_t msg_size);
/* A snapshot record of pid: threads, comm, exe, cwd and descriptors (only
 * those that survive exec when before_exec), so that decoders can name
 * descriptors they never saw opened (stdin, stdout, ...). */
int rec_write_snapshot(struct recorder *rec, pid_t pid, bool before_exec);

/* -u USER: who the command runs as (strec.c). */
struct rec_run_as {
	bool active;
	const char *name;
	uid_t uid, euid;
	gid_t gid, egid;
	gid_t *groups;
	int ngroups;
};

/* strec's handlers for SIGALRM (flush), SIGINT, SIGTERM, SIGHUP, SIGQUIT
 * (detach in attach mode, else ignored: the command gets them) and SIGPIPE
 * (ignored), remembering the dispositions found (command.c). */
void rec_install_signal_handlers(bool attach_mode);
/* SIGALRM four times a second: flush the trace. Not before the engine is
 * loaded: a signal makes the BPF verifier start over. */
void rec_start_flush_timer(void);
void rec_stop_flush_timer(void);
/* In the forked command, before it runs: the signal dispositions strec
 * found, stdout moved away from a trace on it, ASLR off if asked, -u's
 * groups; it exits 127 if it cannot take them. */
void rec_prepare_command(const struct rec_options *o, const struct rec_run_as *run_as);
/* Then, last before its execve: -u's user ids (exits 127 if refused). */
void rec_become_user(const struct rec_run_as *run_as);

/* ---- the BPF engine (bpf_engine.c; bpf_none.c in a build without it) ---- */
/* Loads the BPF programs and attaches them: 0, or a negative errno with the
 * reason in msg (built without it, no privilege, no BTF, the verifier's
 * refusal: its log under -d). */
int rec_bpf_open(struct recorder *rec, char *msg, size_t msg_size);
/* Starts recording: spawns the command (at command_path, with env, as
 * run_as says), held until it is traced, or adds the processes of -p, with
 * their snapshots. 0, or a negative errno with a message. */
int rec_bpf_start(struct recorder *rec, const char *command_path, char *const *env,
		  const struct rec_run_as *run_as, char *msg, size_t msg_size);
/* Records until no traced process is left or detaching is requested;
 * rec->main_status gets the command's wait status. 0 or a negative errno. */
int rec_bpf_run(struct recorder *rec);
/* Detaches the programs and frees the engine (also when not opened). */
void rec_bpf_close(struct recorder *rec);

/* What strec says (progress.c): sizes in one style everywhere ("812 B",
 * "7.7 KiB", "12.3 MiB"); the --progress status line, drawn and erased; the
 * summary line. */
void rec_format_size(uint64_t bytes, char *buf, size_t size);
const char *rec_plural(uint64_t n, const char *one, const char *many);
void rec_progress_show(const struct recorder *rec);
void rec_progress_end(void);
void rec_print_summary(const struct recorder *rec, const char *output, uint64_t bytes);

/* The event loop; returns when no tracee is left, or when recording
 * stopped (rec->stop): then the tracees are detached, or, for a spawned
 * command under the seccomp filter, left to rec_run_untraced (rec->untraced). */
int rec_run(struct recorder *rec);
/* After the trace is closed (rec->writer is gone): lets the tracees run as
 * if untraced, until none is left. */
void rec_run_untraced(struct recorder *rec);
/* Requests detaching from everything (attach mode, SIGINT/SIGTERM). */
extern volatile int rec_detach_requested;
extern volatile int rec_flush_due;

#endif
