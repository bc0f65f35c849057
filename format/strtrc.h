/* libstrtrc: write and read strec trace files (format/FORMAT.md is the
 * contract). Library code: never prints, never exits; every fallible call
 * returns 0 (or a count) on success and a negative errno on failure, with a
 * message, including the byte offset for reader errors, from
 * strtrc_writer_error() / strtrc_reader_error(). */
#ifndef STREC_FORMAT_STRTRC_H
#define STREC_FORMAT_STRTRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STRTRC_FORMAT_VERSION 1

/* The skippable zstd frame that opens every trace (FORMAT.md, "Magic"). */
#define STRTRC_SKIPPABLE_MAGIC 0x184D2A53u
#define STRTRC_INDEX_MAGIC     0x184D2A54u
#define STRTRC_MAGIC_TEXT      "STRECTRC"

enum strtrc_kind {
	STRTRC_HEADER = 0,
	STRTRC_SYSCALL_ENTRY = 1,
	STRTRC_SYSCALL_EXIT = 2,
	STRTRC_MEMORY = 3,
	STRTRC_SIGNAL = 4,     /* signal-delivery-stop, with siginfo */
	STRTRC_GROUP_STOP = 5, /* job-control stop of a task */
	STRTRC_SPAWN = 6,      /* fork, vfork or clone created a task */
	STRTRC_EXEC = 7,       /* execve succeeded */
	STRTRC_EXIT = 8,       /* task gone: exit status or killing signal */
	STRTRC_DETACH = 9,     /* tracer detached from the task */
	STRTRC_SNAPSHOT = 10,  /* process state at attach time */
	STRTRC_END = 11,       /* clean end of the trace */
	STRTRC_LOSS = 12,      /* events of a task the recorder could not record */
	STRTRC_PIDNS = 13,     /* a task in another pid namespace than the recorder's: its ids */
	STRTRC_KIND_COUNT
};

/* A byte or text string inside the reader's buffer (valid until the next
 * strtrc_reader_next call) or the caller's memory (for the writer). */
struct strtrc_bytes {
	const uint8_t *data;
	size_t len;
};

struct strtrc_syscall_entry {
	uint32_t arch; /* AUDIT_ARCH_* */
	uint64_t nr;
	uint64_t args[6];
	uint64_t ip, sp;
};

struct strtrc_syscall_exit {
	int64_t rval; /* raw return value (negative errno when is_error) */
	bool is_error;
};

/* Memory captured from the tracee behind a syscall argument. */
enum strtrc_mem_flags {
	STRTRC_MEM_TRUNCATED = 1u << 0,	 /* data is the first part; full_len tells the rest */
	STRTRC_MEM_UNREADABLE = 1u << 1, /* a fault stopped the read; data is what was read */
	STRTRC_MEM_STRING = 1u << 2,	 /* NUL-terminated string (NUL not included) */
	/* strscrub removed the data (set with TRUNCATED; FORMAT.md "Scrubbed traces") */
	STRTRC_MEM_SCRUBBED = 1u << 3,
	/* a descriptor's link (STRTRC_ARG_RESULT) whose " (deleted)" ending is
	 * the file's own name: the file is not deleted */
	STRTRC_MEM_NAME_AS_IS = 1u << 4,
};
enum strtrc_mem_stop { STRTRC_AT_ENTRY = 0, STRTRC_AT_EXIT = 1 };
/* The arg of records that hold what the kernel says of the call's result
 * rather than tracee memory: a new descriptor's /proc link (item 0, or 1
 * and 2 for pipe/socketpair's pair), or the new working directory. */
#define STRTRC_ARG_RESULT 6
/* Result item 3: pidfd_getfd's target descriptor, named in its own process;
 * items 4 and up: descriptors the call added besides its return value
 * (SCM_RIGHTS received, clone3's pidfd). Both carry the number in addr. */
#define STRTRC_RESULT_REMOTE_FD_ITEM 3u
#define STRTRC_RESULT_FD_ITEM	     4u
/* The arg of records that hold a socket's endpoints as the kernel had them
 * right after a call that may set them (socket, bind, connect, accept...;
 * for strace -yy): item 0, and 1 for socketpair's second descriptor, addr
 * the descriptor, data as strtrc_socket_encode lays them out. */
#define STRTRC_ARG_SOCKET 7
/* The arg of records that say a new descriptor is a character or block
 * device (for strace -yy's "<char 1:3>"): the item of the descriptor's
 * link (STRTRC_ARG_RESULT), addr the descriptor, data as
 * strtrc_device_encode lays it out. */
#define STRTRC_ARG_DEVICE 8
/* 12 bytes: the type (S_IFCHR, S_IFBLK) and st_rdev, little-endian. */
#define STRTRC_DEVICE_SIZE 12
void strtrc_device_encode(uint32_t type, uint64_t rdev, uint8_t buf[STRTRC_DEVICE_SIZE]);
int strtrc_device_decode(const uint8_t *data, size_t len, uint32_t *type, uint64_t *rdev);
/* The arg of records that say which process a new pidfd refers to (strace
 * -yy's "3<pid:1234>"): the item of the descriptor's link
 * ("anon_inode:[pidfd]"), addr the descriptor, data the pid as
 * /proc/TID/fdinfo/N's "Pid:" gave it (-1: the process had ended). */
#define STRTRC_ARG_PIDFD  9
#define STRTRC_PIDFD_SIZE 4 /* the pid, int32 little-endian */
/* The /proc link of a pidfd, as the kernel names it. */
#define STRTRC_PIDFD_LINK "anon_inode:[pidfd]"
void strtrc_pidfd_encode(int32_t pid, uint8_t buf[STRTRC_PIDFD_SIZE]);
int strtrc_pidfd_decode(const uint8_t *data, size_t len, int32_t *pid);

/* What a socket item says (FORMAT.md "Socket endpoints"). */
struct strtrc_socket {
	uint16_t family;	   /* AF_INET, AF_UNIX... (SO_DOMAIN) */
	uint32_t type;		   /* SOCK_STREAM, SOCK_DGRAM... (SO_TYPE) */
	uint32_t protocol;	   /* SO_PROTOCOL */
	uint64_t inode;		   /* the socket's inode */
	uint64_t peer_inode;	   /* AF_UNIX: the peer's inode (0: none or unknown) */
	struct strtrc_bytes local; /* getsockname's address */
	struct strtrc_bytes peer;  /* getpeername's (empty: not connected) */
	struct strtrc_bytes proto; /* the kernel's protocol name ("TCP", "UNIX-STREAM") */
};
/* The item's bytes for s into buf (cap bytes); the length, or 0 when it
 * does not fit. */
size_t strtrc_socket_encode(const struct strtrc_socket *s, uint8_t *buf, size_t cap);
/* s from an item's bytes (its byte strings point into data); 0, or
 * -EBADMSG when data is not one. */
int strtrc_socket_decode(const uint8_t *data, size_t len, struct strtrc_socket *s);
struct strtrc_memory {
	uint8_t stop; /* enum strtrc_mem_stop */
	uint8_t arg;  /* argument index 0..5, or STRTRC_ARG_RESULT */
	uint32_t
	    item; /* 0: the area the argument points to; i+1: element i of it (argv[i], iov[i]) */
	uint32_t flags; /* enum strtrc_mem_flags */
	uint64_t addr;	/* tracee address read */
	uint64_t
	    full_len; /* length the area had (>= data.len); for truncated strings, data.len + 1 */
	struct strtrc_bytes data;
};

struct strtrc_signal {
	int32_t signo;
	struct strtrc_bytes siginfo; /* raw siginfo_t (128 bytes on Linux) */
	bool has_ip;		     /* ip present (traces before it have none) */
	uint64_t ip;		     /* instruction pointer at the signal-delivery-stop */
};

struct strtrc_group_stop {
	int32_t signo;
	bool has_ip; /* ip present (traces before it have none) */
	uint64_t ip; /* instruction pointer at the group-stop */
};

enum strtrc_spawn_how { STRTRC_SPAWN_FORK = 0, STRTRC_SPAWN_VFORK = 1, STRTRC_SPAWN_CLONE = 2 };
struct strtrc_spawn {
	uint32_t new_tid;
	uint8_t how; /* enum strtrc_spawn_how */
	uint64_t
	    clone_flags; /* clone()/clone3() flags; 0 for fork, CLONE_VFORK|CLONE_VM for vfork */
};

struct strtrc_exec {
	uint32_t
	    former_tid; /* the tid that called execve (differs from tid for a non-leader exec) */
	struct strtrc_bytes exe; /* /proc/PID/exe after the exec */
	bool has_ip;		 /* ip present (traces before it have none) */
	uint64_t ip;		 /* instruction pointer at the exec stop: the new image's entry */
};

struct strtrc_exit {
	int32_t wait_status; /* raw wait status: WIFEXITED/WEXITSTATUS,
				WIFSIGNALED/WTERMSIG/WCOREDUMP */
};

struct strtrc_fd_entry {
	int32_t fd;
	struct strtrc_bytes path; /* readlink of /proc/PID/fd/N */
	uint32_t dev_type;	  /* S_IFCHR or S_IFBLK for a device (then rdev), else 0 */
	uint64_t rdev;		  /* the device's number (st_rdev) */
};

struct strtrc_snapshot {
	uint32_t pid, ppid;
	size_t ntids;
	const uint32_t *tids;
	struct strtrc_bytes comm, exe, cwd;
	size_t nfds;
	const struct strtrc_fd_entry *fds;
};

/* Thread ids (a record's tid, new_tid, former_tid, a snapshot's pid and
 * tids) are below the kernel's PID_MAX_LIMIT, the most pid_max can be set
 * to: no more tasks can be alive at once (FORMAT.md, "Thread ids"). */
#define STRTRC_TID_LIMIT (1u << 22)
/* The threads a snapshot lists: decoders take at most this many of them as
 * the process's threads (FORMAT.md, "Thread ids"). */
#define STRTRC_SNAPSHOT_MAX_TIDS 65536u

struct strtrc_end {
	uint64_t records; /* records written before this one */
	uint64_t lost;	  /* events the recorder knows it could not record */
};

/* A gap in a task's records: count events of it (syscall entries, exits,
 * captures, signals...) were lost right before this record. tid 0: of
 * tasks the recorder could not tell. */
struct strtrc_loss {
	uint64_t count;
};

/* A task whose pid namespace is not the recorder's (FORMAT.md, kind 13):
 * its namespace, the namespaces above it and its ids in each, as
 * /proc/PID/status lists them (NSpid, NStgid, NSpgid, NSsid: from the
 * namespace of /proc's mount down to the task's own). A pid namespace is
 * at most 32 levels below the initial one (the kernel's MAX_PID_NS_LEVEL),
 * so a list has at most 33 entries. */
#define STRTRC_PIDNS_MAX 33u
enum strtrc_pid_type {
	STRTRC_PID_TID,
	STRTRC_PID_TGID,
	STRTRC_PID_PGID,
	STRTRC_PID_SID,
	STRTRC_PID_TYPES
};
struct strtrc_pidns {
	uint64_t ns;		       /* inode of the task's pid namespace (/proc/TID/ns/pid) */
	size_t nparents;	       /* the namespaces above it (NS_GET_PARENT), nearest first, */
	const uint64_t *parents;       /* up to the recorder's own */
	size_t nids[STRTRC_PID_TYPES]; /* NSpid, NStgid, NSpgid, NSsid: outermost first */
	const uint32_t *ids[STRTRC_PID_TYPES];
};

/* One record. tid and ts_ns are common to all kinds but the header;
 * ts_ns counts from the header's monotonic start. */
struct strtrc_record {
	enum strtrc_kind kind;
	uint32_t tid;
	uint64_t ts_ns;
	union {
		struct strtrc_syscall_entry entry;
		struct strtrc_syscall_exit exit;
		struct strtrc_memory memory;
		struct strtrc_signal signal;
		struct strtrc_group_stop group_stop;
		struct strtrc_spawn spawn;
		struct strtrc_exec exec;
		struct strtrc_exit task_exit;
		struct strtrc_snapshot snapshot;
		struct strtrc_end end;
		struct strtrc_loss loss;
		struct strtrc_pidns pidns;
	} u;
};

/* What strscrub removed from a trace (header key "scrubbed"). */
struct strtrc_scrub {
	const char *tool; /* "strscrub 0.1.0", or NULL */
	bool buffers;	  /* memory contents but paths emptied */
	bool argv, env;	  /* execve argv / env strings dropped */
	bool hostname;	  /* the header's hostname dropped */
	size_t nmasks;	  /* --mask-paths globs */
	const char *const *masks;
	size_t ndropped; /* --drop-pid: processes removed */
	const uint32_t *dropped_pids;
};

/* The header: the first item of every trace. Strings may be NULL (absent). */
struct strtrc_header {
	uint32_t format_version;
	const char *writer;  /* "strec 0.1.0" */
	const char *arch;    /* "x86_64" */
	const char *backend; /* the recording engine: "ptrace" (also when absent), "bpf" */
	const char *kernel;  /* uname -r */
	const char *hostname;
	const char *cwd;
	size_t recorder_argc;
	const char *const *recorder_argv;
	size_t command_argc; /* 0 in attach mode */
	const char *const *command_argv;
	size_t envc; /* the environment only when recorded (--env) */
	const char *const *envp;
	bool env_recorded;
	uint32_t uid, gid;
	uint32_t page_size;
	int64_t start_realtime_ns;   /* CLOCK_REALTIME at start */
	uint64_t start_monotonic_ns; /* CLOCK_MONOTONIC at start: record timestamps count from it */
	/* options used */
	uint32_t capture_size; /* -s */
	bool follow_forks;
	bool attached;	    /* -p mode */
	const char *filter; /* record-time filter as given, or NULL */
	size_t npids;	    /* attached pids */
	const uint32_t *pids;
	/* the recorder's pid namespace (inode; 0: not recorded) and its
	 * level below the namespace of the /proc it read (0: the same) */
	uint64_t pid_ns;
	uint32_t pid_ns_level;
	bool scrubbed; /* written by strscrub: scrub says how */
	struct strtrc_scrub scrub;
};

/* ---- writer ---- */

struct strtrc_writer;

struct strtrc_writer_options {
	int level;		    /* zstd level; 0 means the default (3) */
	uint64_t flush_interval_ns; /* 0 means 250 ms */
	size_t frame_size;	    /* uncompressed bytes per zstd frame; 0 means 8 MiB */
};

/* Creates (mode 0600, truncating) and opens path. NULL on failure with the
 * negative errno in *err and a message in msg (if not NULL). */
struct strtrc_writer *strtrc_writer_open_path(const char *path,
					      const struct strtrc_writer_options *opts, int *err,
					      char *msg, size_t msg_size);
/* Writes to fd, which stays the caller's (not closed). */
struct strtrc_writer *strtrc_writer_open_fd(int fd, const struct strtrc_writer_options *opts,
					    int *err, char *msg, size_t msg_size);

int strtrc_write_header(struct strtrc_writer *w, const struct strtrc_header *header);
/* Appends one record (any kind but STRTRC_HEADER and STRTRC_END). */
int strtrc_write(struct strtrc_writer *w, const struct strtrc_record *rec);
/* Pushes everything appended so far to the file (a zstd flush). */
int strtrc_writer_flush(struct strtrc_writer *w);
/* Flushes when the flush interval has passed since the last flush and there
 * is something to flush. now_ns: CLOCK_MONOTONIC. Cheap otherwise. */
int strtrc_writer_tick(struct strtrc_writer *w, uint64_t now_ns);
/* Writes the end record (with lost as given) and the index, closes the file
 * if the writer opened it, and frees w (also on error). */
int strtrc_writer_close(struct strtrc_writer *w, uint64_t lost);
/* Frees w without writing an end record (after a write error). */
void strtrc_writer_abandon(struct strtrc_writer *w);
const char *strtrc_writer_error(const struct strtrc_writer *w);
uint64_t strtrc_writer_records(const struct strtrc_writer *w);
uint64_t strtrc_writer_bytes_out(const struct strtrc_writer *w); /* compressed bytes written */

/* ---- reader ---- */

struct strtrc_reader;

/* path "-" reads stdin. NULL on failure, with the negative errno in *err and
 * a message in msg (names the file). -EPROTO: not a strec trace. */
struct strtrc_reader *strtrc_reader_open_path(const char *path, int *err, char *msg,
					      size_t msg_size);
struct strtrc_reader *strtrc_reader_open_fd(int fd, int *err, char *msg, size_t msg_size);
/* Decompresses ahead in a thread of its own while the caller parses
 * records (on two CPUs, strstat reads a trace a fifth faster). Records,
 * warnings and errors are the same either way.
 * Only for regular files (a pipe's writer may never end). 0: read-ahead
 * runs (or nothing is left to read); negative errno: it does not (-ESPIPE:
 * not a regular file), and reading goes on in the caller's thread. */
int strtrc_reader_readahead(struct strtrc_reader *r);
/* The parsed header, read at open time. */
const struct strtrc_header *strtrc_reader_header(const struct strtrc_reader *r);
/* 1: *rec filled (its strings valid until the next call); 0: end of trace;
 * negative: error (message with byte offset in strtrc_reader_error). A
 * truncated tail is not an error: it returns 0 and sets a warning. The
 * call after the END record checks that nothing but the index follows:
 * data after END, or a second trace (files concatenated: read them one at
 * a time), is an error (-EBADMSG) naming the byte where it starts. */
int strtrc_reader_next(struct strtrc_reader *r, struct strtrc_record *rec);
const char *strtrc_reader_error(const struct strtrc_reader *r);
/* A non-fatal problem (cut-short file), or NULL. */
const char *strtrc_reader_warning(const struct strtrc_reader *r);
/* True once the END record was read: the recorder finished cleanly. */
bool strtrc_reader_complete(const struct strtrc_reader *r);
/* Events the recorder lost, as far as the records read so far say (the
 * END record's count, or the loss records' sum before it). */
uint64_t strtrc_reader_lost(const struct strtrc_reader *r);
uint64_t strtrc_reader_bytes_in(const struct strtrc_reader *r); /* file bytes consumed */
/* Closes the file if the reader opened it and frees r. Its big buffers
 * (zstd's window above all, about 10 MiB for strec's traces) stay in the
 * process for the next reader or writer to use (48 MiB at most in all):
 * opening trace after trace then costs no new mappings. */
void strtrc_reader_close(struct strtrc_reader *r);

const char *strtrc_kind_name(enum strtrc_kind kind);

/* ---- tools' output files ---- */

/* What an output file is to hold, which decides what it may replace. */
enum strtrc_output_kind {
	STRTRC_OUTPUT_TRACE, /* a trace: replaces only a trace or an empty file */
	STRTRC_OUTPUT_OTHER, /* text, JSON, SVG...: never replaces a trace */
};
/* Opens path (not "-") for writing a tool's output, so that no tool
 * destroys data by mistake. It refuses one of the inputs (the same file,
 * by device and inode, whatever the name; "-" in inputs is standard
 * input): -EINVAL. Unless force, it refuses a non-empty regular file that
 * kind may not replace: -EEXIST, or the errno that kept it from being read.
 * A regular file is created with mode 0600, or truncated and narrowed to
 * its owner's permissions (it will hold what the trace holds); a terminal,
 * pipe or device is written as it is. Returns the descriptor (the caller's
 * to close) or a negative errno with a message naming path. */
int strtrc_output_open(const char *path, enum strtrc_output_kind kind, bool force,
		       const char *const *inputs, size_t ninputs, char *msg, size_t msg_size);

#endif
