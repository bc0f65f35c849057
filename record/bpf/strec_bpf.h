/* The contract between strec's BPF program (strec.bpf.c) and its user-space
 * side (bpf_engine.c, bpf_plan.c): the plan user space fills from common's
 * syscall table before loading, and the events the program sends through
 * its ring buffer. Included by both; plain __u* types only. */
#ifndef STREC_RECORD_BPF_STREC_BPF_H
#define STREC_RECORD_BPF_STREC_BPF_H

#include <linux/types.h>

/* ---- the plan: what to capture for each syscall ---- */

#define SB_MAX_NR	  512 /* plan entries: x86_64 syscall numbers below this */
#define SB_MAX_CONDS	  512 /* conditional argument rules (ioctl, fcntl, futex, ...) */
#define SB_MAX_CALL_CONDS 160 /* of one syscall */

/* Facts of the kernel's and the trace's ABI this program cannot include
 * headers for (bpf_engine.c checks each against its header): user struct
 * sizes, strtrc_mem_flags (format/strtrc.h), aio opcodes */
#define SB_IOV_SIZE	    16u /* struct iovec */
#define SB_MSGHDR_SIZE	    56u /* struct msghdr */
#define SB_MMSGHDR_SIZE	    64u /* struct mmsghdr */
#define SB_IOCB_SIZE	    64u /* struct iocb */
#define SB_MEMF_TRUNCATED   1u
#define SB_MEMF_UNREADABLE  2u
#define SB_MEMF_STRING	    4u
#define SB_MEMF_NAME_AS_IS  16u
#define SB_IOCB_CMD_PWRITE  1u
#define SB_IOCB_CMD_PREADV  7u
#define SB_IOCB_CMD_PWRITEV 8u
#define SB_MAX_ARGS	    6

/* Per thread (the program's task storage): the pending call, between its
 * entry and exit. User space writes one for a call in progress when it
 * attaches. */
struct sb_task_state {
	__u64 args[6];
	__u64 sp;
	__u64 nr;
	__u32 seq;	 /* syscall stops recorded */
	__u32 lost;	 /* events lost since the last one sent */
	__u8 in_syscall; /* entry seen, exit pending */
	__u8 recorded;	 /* the entry was recorded: record the exit too */
	__u8 retry_mask; /* arguments to read again at exit */
	__u8 compat;	 /* a 32-bit call */
	/* the call user space found the thread blocked in at the attach, until
	 * its exit or another entry */
	__u8 seeded;
	__u8 pidns;	/* enum sb_task_pidns */
	__u8 sets_pgrp; /* the pending call may change a process group or session */
	/* below strec's pid namespace: the process group and session (struct
	 * pid addresses) of its last pid ns event */
	__u64 pgrp, session;
	__u64 pgrp_target; /* sets_pgrp: the process it names (setpgid's pid), 0: the caller */
};
enum sb_task_pidns {
	SB_TASK_PIDNS_UNKNOWN,
	SB_TASK_PIDNS_STRECS, /* the task is in strec's pid namespace */
	SB_TASK_PIDNS_BELOW,
};

/* Per-syscall flags (struct sb_syscall_plan.flags). */
enum sb_plan_flag {
	SB_PLAN_KNOWN = 1u << 0,       /* the table describes this number */
	SB_PLAN_RECORD = 1u << 1,      /* selected by the record-time filter (lifecycle always) */
	SB_PLAN_RET_FD = 1u << 2,      /* returns a new descriptor: its path for -y */
	SB_PLAN_OUT_FDS = 1u << 3,     /* writes two descriptors to its INT_PAIR argument */
	SB_PLAN_SETS_CWD = 1u << 4,    /* changes the working directory */
	SB_PLAN_OTHER_FDS = 1u << 5,   /* names descriptors besides its return value */
	SB_PLAN_RECORD_I386 = 1u << 6, /* the i386 call of this number is selected */
	/* Something to capture at entry, at exit (outputs, result paths):
	 * calls with neither (getpid...) cost no capture at all. */
	SB_PLAN_ENTRY_CAPTURES = 1u << 7,
	SB_PLAN_EXIT_CAPTURES = 1u << 8,
	/* outputs recorded after E2BIG too (SC_CLASS_SIZE_ON_E2BIG) */
	SB_PLAN_SIZE_ON_E2BIG = 1u << 9,
	/* the sockets it may give endpoints (SC_CLASS_SOCKET_ENDS): its result,
	 * its INT_PAIR's, or its descriptor argument 0 */
	SB_PLAN_SOCKET_ENDS = 1u << 10,
	/* a send of those (argument 0 a data sink), with its address in
	 * argument 4 (sendto) or none (an unaddressed send binds only a
	 * netlink socket) */
	SB_PLAN_SEND = 1u << 11,
	SB_PLAN_SEND_ADDR4 = 1u << 12,
	/* may change the caller's or a child's process group or session
	 * (SC_CLASS_SETS_PGRP): their ids in other pid namespaces too */
	SB_PLAN_SETS_PGRP = 1u << 13,
};

/* Per-argument capture flags (struct sb_arg_plan.flags): what the BPF side
 * does beyond the argument kind, decided by user space from the table's
 * types so that the program never names a type. */
enum sb_arg_flag {
	SB_ARG_KEEP_ON_RESTART = 1u << 0, /* output written even when the call returns ERESTART* */
	SB_ARG_MSG_TEXT = 1u << 1,	  /* msgbuf: item 1 = mtext, next argument's bytes */
	SB_ARG_SIGSET_PACK = 1u << 2,	  /* {sigset ptr, len}: item 1 = the sigset, at entry */
	SB_ARG_CLONE_ARGS = 1u << 3,	  /* clone_args: items 1, 2 = pidfd, parent_tid at exit */
	SB_ARG_ENV = 1u << 4,		  /* a string vector that is the environment */
	SB_ARG_FD_PAIR = 1u << 5,	  /* int[2] of new descriptors (pipe, socketpair) */
	SB_ARG_REMOTE_FD = 1u << 6, /* a descriptor of the process the pidfd in arg len names */
	SB_ARG_NEW_FD =
	    1u << 7, /* an int the kernel sets to a descriptor it made (clone's pidfd) */
};

struct sb_arg_plan {
	__u8 kind;  /* enum sc_arg_kind */
	__u8 dir;   /* enum sc_arg_dir */
	__u8 len;   /* enum sc_len_source */
	__u8 flags; /* enum sb_arg_flag */
	__u32 size; /* element or struct size (sc_type_size) */
	__u32 cap;  /* bytes captured at most per area */
	/* a struct pointing at an area (sc_type_pointee): item 1 = that
	 * area, at the stops in pointee_stops (bit 0 entry, bit 1 exit) */
	__u8 pointee_stops, ptr_off, len_off, len_size;
	__u32 unit;	    /* bytes per unit of the length */
	__u32 pointee_cap;  /* bytes of that area captured at most */
	__u8 len_shift;	    /* bits below the length in the 8 bytes read at len_off */
	__u8 tail;	    /* ptr_off is SC_POINTEE_TAIL: the area follows the struct */
	__u8 iocbs;	    /* io_submit's pointers: the iocbs behind them too */
	__u8 len_field_off; /* SC_LEN_PTR_ARG: the length's offset there (sc_arg.len_off) */
	/* a string the struct points at too (sc_pointee.str_off): item 2 */
	__u8 str_off, str_stops;
	__u8 self; /* ptr_off is SC_POINTEE_SELF: the area starts with the struct */
	__u8 unused;
};

struct sb_syscall_plan {
	__u32 flags;		      /* enum sb_plan_flag */
	__u16 cond_first, cond_count; /* rules in the conds map */
	__u8 nargs;
	__u8 pad[3];
	struct sb_arg_plan args[SB_MAX_ARGS];
};

/* When (args[selector] & mask) == value and (args[selector2] & mask2) ==
 * value2, argument target is described by arg instead (common's struct
 * sc_cond). */
struct sb_cond_plan {
	__u64 mask, value, mask2, value2;
	__u8 selector, target, selector2;
	__u8 pad[5];
	struct sb_arg_plan arg;
};

/* Limits and switches, set in the program's read-only data before loading. */
struct sb_config {
	__u32 self_tgid;    /* strec itself, never traced */
	__u32 follow_forks; /* children join the traced set */
	__u32 record_env;   /* capture environment strings (--env) */
	__u32 capture_size; /* -s */
	__u32 max_string;   /* argv/envp strings */
	__u32 max_path;	    /* PATH_MAX */
	__u32 max_vector;   /* argv/envp pointers */
	__u32 max_iov;	    /* iovec elements */
	__u32 max_mmsg;	    /* mmsghdr elements */
	__u32 max_iocbs;    /* io_submit's iocbs */
	__u32 max_sockaddr;
	__u32 max_sigset;
	__u32 max_control;
	__u32 max_dirents;
	__u64 wakeup_bytes; /* wake the reader when this much is pending */
	__u32 nr_clone, nr_clone3, nr_vfork;
	__u32 record_unknown; /* record numbers the plan does not cover (no filter) */
};

/* ---- events: what the program sends ---- */

enum sb_event_type {
	SB_EV_ENTER = 1,  /* syscall entry (after its memory events) */
	SB_EV_EXIT,	  /* syscall exit (after its memory events) */
	SB_EV_MEM,	  /* a piece of captured memory */
	SB_EV_SPAWN,	  /* fork/vfork/clone made a task (the parent's event) */
	SB_EV_EXEC,	  /* a new program image */
	SB_EV_TASK_EXIT,  /* a task is gone */
	SB_EV_SIGNAL,	  /* a signal delivered (or generated and ignored) */
	SB_EV_GROUP_STOP, /* a task stopped by a stop signal */
	SB_EV_PIDNS,	  /* a task's ids in the pid namespaces down to its own */
};

/* Every event starts with this. seq numbers the task's syscall stops, so
 * that memory events are matched with the stop they belong to; lost counts
 * the task's events that could not be sent since its last event. */
struct sb_head {
	__u16 type;  /* enum sb_event_type */
	__u16 flags; /* per type */
	__u32 tid;
	__u64 ts; /* CLOCK_MONOTONIC ns */
	__u32 seq;
	__u32 lost;
};

struct sb_ev_enter {
	struct sb_head h;
	__u32 arch; /* AUDIT_ARCH_* */
	__u32 nmem; /* memory events sent before this one */
	__u64 nr;
	__u64 args[6];
	__u64 ip, sp;
	__u8 retry_mask; /* arguments read again at exit (a page was not resident) */
	__u8 pad[7];
};

struct sb_ev_exit {
	struct sb_head h;
	__s64 ret;
	__u32 nmem;
	__u8 retried_mask; /* arguments whose entry captures were read again */
	__u8 pad[3];
};

/* Memory event flags (h.flags). */
enum sb_mem_flag {
	SB_MEM_LAST = 1u << 0, /* the last piece of this area: flags, full_len final */
	/* A result path (arg SB_ARG_RESULT) the program could not name: user
	 * space reads the link of descriptor addr in /proc (SB_FD_CWD: the
	 * working directory) instead. */
	SB_MEM_RESOLVE = 1u << 1,
	/* After a successful exec whose argument (arg) could not be read at
	 * entry: the new image's argument (or, for the environment, its
	 * environment) area, NUL-separated strings, to fill in the strings. */
	SB_MEM_EXEC_STRINGS = 1u << 2,
};
/* The arg of result records (format/strtrc.h's STRTRC_ARG_RESULT). */
#define SB_ARG_RESULT 6
#define SB_FD_CWD     (-100) /* AT_FDCWD: the working directory */
/* What a new descriptor is besides its path, for strace -yy: areas of the
 * exit with the item of the descriptor's path and its number in addr,
 * which user space writes as format/strtrc.h's records of the same arg. */
#define SB_ARG_DEVICE 8 /* STRTRC_ARG_DEVICE: a struct sb_device */
#define SB_ARG_PIDFD  9 /* STRTRC_ARG_PIDFD: the process's __s32 id, -1 when it is gone */
/* What a socket was right after a call that may give it endpoints (item 0:
 * the socket the call was given or made, 1: socketpair's second; addr the
 * descriptor): STRTRC_ARG_SOCKET, whose layout user space makes from this. */
#define SB_ARG_SOCKET	7
#define SB_SOCKADDR_MAX 128 /* sizeof(struct sockaddr_storage) */
struct sb_socket {
	__u16 family, local_len, peer_len, proto_len; /* 0 lengths: none */
	__u32 type, protocol;
	__u64 inode, peer_inode; /* peer_inode: a unix socket's peer's, 0 for none */
	__u8 local[SB_SOCKADDR_MAX], peer[SB_SOCKADDR_MAX];
	char proto[32]; /* the protocol's name, as system.sockprotoname */
};
struct sb_device {
	__u32 mode; /* the inode's type bits: S_IFCHR or S_IFBLK */
	__u32 rdev; /* the kernel's encoding: major << 20 | minor */
};

/* A piece [offset, offset + len) of the area (stop, arg, item). */
struct sb_ev_mem {
	struct sb_head h;
	__u8 stop; /* 0 entry, 1 exit */
	__u8 arg;  /* 0..5, or 6: the call's result */
	__u16 pad;
	__u32 item;
	__u32 mem_flags; /* enum strtrc_mem_flags, valid with SB_MEM_LAST */
	__u32 len;	 /* bytes of data in this event */
	__u64 offset;	 /* of this piece in the area */
	__u64 addr;
	__u64 full_len; /* valid with SB_MEM_LAST */
	__u8 data[];
};

struct sb_ev_spawn {
	struct sb_head h; /* the parent */
	__u32 new_tid;
	__u32 new_tgid;
	__u64 clone_flags;
	__u8 how; /* enum strtrc_spawn_how */
	__u8 pad[7];
};

struct sb_ev_exec {
	struct sb_head h; /* tid: the process's id after the exec */
	__u64 ip;	  /* where the new image starts (its user registers' ip) */
	__u32 former_tid;
	__u32 exe_len;
	__u8 exe[]; /* the new program's path */
};

/* A task in a pid namespace below strec's (which is the first: the bpf
 * engine runs only there), at most SB_PIDNS_LEVELS - 1 below: level 0 is
 * strec's, level its own. */
#define SB_PIDNS_LEVELS 33 /* the kernel nests 32 deep (format/strtrc.h's STRTRC_PIDNS_MAX) */
struct sb_ev_pidns {
	struct sb_head h;
	__u32 level;
	__u32 pad;
	__u64 ns[SB_PIDNS_LEVELS]; /* the namespace of each level: its inode */
	/* its tid, tgid, pgid and sid in each (0: not there), as /proc's
	 * NSpid, NStgid, NSpgid and NSsid list them */
	__u32 ids[4][SB_PIDNS_LEVELS];
};

struct sb_ev_task_exit {
	struct sb_head h;
	__s32 exit_code; /* a wait status */
	__u8 group_dead; /* the last thread of its process */
	__u8 pad[3];
};

/* Signal event flags (h.flags). */
enum sb_signal_flag {
	/* Seen where the kernel generated it, not delivered as such: an
	 * ignored signal it drops, a fatal one it turns into a kill of the
	 * process. A tracer would have seen it when the task's call returns. */
	SB_SIG_AT_RETURN = 1u << 0,
};

/* ip: the task's user registers' ip as the signal found it (with
 * SB_SIG_AT_RETURN, only meaningful while the task is in a call: then it is
 * where the call returns to, as a tracer's stop would find it). */
struct sb_ev_signal {
	struct sb_head h;
	__s32 signo;
	__u32 pad;
	__u64 ip;
	__u8 siginfo[128];
};

struct sb_ev_group_stop {
	struct sb_head h;
	__s32 signo;
	__u32 pad;
	__u64 ip;
};

#endif
