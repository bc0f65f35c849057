/* strec's recording engine in the kernel: tracepoint programs that record
 * the system calls, process events and signals of the traced processes into
 * a ring buffer, for bpf_engine.c to turn into trace records.
 *
 * What to capture comes from user space: before loading, it fills the plan
 * map from common's syscall table (bpf_plan.c), and this program runs that
 * plan generically, one capture function per argument kind. It never names
 * a syscall or a type. Large areas are sent in pieces of SB_CHUNK bytes,
 * joined in user space.
 *
 * Timestamps are taken as each event is sent (a syscall stop's after its
 * captures), so that the ring's order, in which strec writes the records,
 * is their order in time to within a reservation: across CPUs, the writer
 * only has to even out the nanoseconds between a clock read and a
 * reservation on another CPU.
 *
 * Verifier notes: loops over counts that depend on the tracee (pieces of an
 * area, strings of a vector, iovecs, messages) are bpf_loop callbacks, each
 * verified once; bounded for-loops only where the bound is a small constant.
 * Working state lives in a scratch map, one per CPU (the stack is 512 bytes
 * for all frames). */
#include "kernel.h"

#include <linux/bpf.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "strec_bpf.h"
#include "syscall_table.h"

/* kfuncs: a task by its id in the caller's pid namespace (Linux 6.13) */
extern struct task_struct *bpf_task_from_vpid(__s32 vpid) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym __weak;

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define SB_CHUNK    16384u /* data bytes per memory event */
#define SB_PAGE	    4096u
#define SB_PATH_END 4096u /* paths are built backwards, ending here */
#define SB_NAME_MAX 255u
#define SB_NAME_BUF 512u /* a pseudo file's name, made by bpf_snprintf */
/* walk steps: a component each (every path that fits: "/a" is the
 * shortest), a mount crossing each, one more to see a path too long */
#define SB_WALK_MAX		  (SB_PATH_END / 2 + 1 + 64)
#define SB_TS_COMPAT		  0x0002u /* thread_info.status: a 32-bit syscall */
#define SB_SIGKILL		  9
#define SB_NSIG			  64
#define SB_SIGNAL_GROUP_EXIT	  0x00000004u
#define SB_TRACE_SIGNAL_DELIVERED 0
#define SB_TRACE_SIGNAL_IGNORED	  1

const volatile struct sb_config cfg = {};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20); /* set by user space */
} events SEC(".maps");

/* Processes traced, by tgid; the value is the only thread to trace (--no-follow
 * on a spawned command), or 0 for all of them, or SB_TRACE_END_ONLY. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SB_MAX_NR);
	__type(key, __u32);
	__type(value, struct sb_syscall_plan);
} plan SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SB_MAX_CONDS);
	__type(key, __u32);
	__type(value, struct sb_cond_plan);
} conds SEC(".maps");

/* Events that could not be sent, per CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lost_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct sb_task_state);
} tasks SEC(".maps");

/* ---- per-CPU working state ---- */

struct cap_state {
	__u64 args[6];
	__s64 ret;
	__u64 sp;
	__u32 tid, seq;
	__u32 nmem;	  /* memory events sent for this stop */
	__u8 stop;	  /* 0 entry, 1 exit */
	__u8 restarting;  /* the exit returns ERESTART*: the call will run again */
	__u8 fault_mask;  /* arguments whose capture met a fault */
	__u8 select_mask; /* arguments to capture */
	__u32 nr;
	struct sb_syscall_plan p; /* the call's plan */
	/* the argument being captured */
	struct sb_arg_plan a;
	__u8 arg;
	__u8 str; /* the current area is a string */
	__u8 vec_terminated, vec_fault;
	__u32 item;
	/* the current area */
	__u64 area_addr, area_len, area_want, area_off;
	__u32 area_flags;
	__u16 piece_flags; /* sb_mem_flag bits every piece of it carries */
	__u16 pad;
	/* a string vector */
	__u64 vec_addr;
	__u32 vec_count, vec_strings;
	/* an iovec array */
	__u64 iov_addr, iov_total;
	__u32 iov_count, iov_first_item;
	/* a msghdr */
	__u64 msg_name, msg_iov, msg_control;
	__u32 msg_namelen, msg_controllen;
	__u64 msg_iovlen;
	/* an mmsghdr array */
	__u64 mmsg_addr;
	__u32 mmsg_count, mmsg_sending;
	__u32 name_as_is; /* the path name_path made ends in " (deleted)" of its own */
	__u32 name_pad;
	/* io_submit's iocb pointers */
	__u64 iocb_addr;
	__u32 iocb_count, iocb_pad;
	/* a path walk */
	__u64 walk_dentry, walk_mnt;
	__u32 walk_pos, walk_done;
	/* control messages (s->control) and the descriptors they pass */
	__u32 control_len, cmsg_off;
	__u32 fd_at, fd_left, fd_item;
};

#define OUT_DATA sizeof(struct sb_ev_mem)
struct scratch {
	struct cap_state c;
	/* a memory event; reads may go a page past the chunk (verifier bound) */
	__u8 out[sizeof(struct sb_ev_mem) + SB_CHUNK + SB_PAGE + 8];
	__u8 path[2 * SB_PATH_END]; /* a path, built backwards */
	__u8 control[4096];	    /* a msghdr's control messages (REC_MAX_RECEIVED_CONTROL) */
};

/* One per CPU, indexed by the CPU's number (a per-CPU array's values are
 * limited to 32 KiB). The programs that use it (syscall entry and exit,
 * exec, fork's pid ns event) run in the task's context with migration off,
 * never on top of one another. The signal programs, which may run in an interrupt, send
 * fixed-size events and need none. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* the number of possible CPUs, set by user space */
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

static __always_inline struct scratch *scratch_get(void)
{
	__u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(&scratch, &cpu);
}

/* ---- sending events ---- */

static __always_inline __u64 wakeup_flags(void)
{
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= cfg.wakeup_bytes
		   ? BPF_RB_FORCE_WAKEUP
		   : BPF_RB_NO_WAKEUP;
}

static __always_inline void count_lost(struct sb_task_state *ts)
{
	__u32 zero = 0;
	__u64 *const n = bpf_map_lookup_elem(&lost_events, &zero);
	if (n)
		*n += 1;
	if (ts)
		__sync_fetch_and_add(&ts->lost, 1);
}

/* The loss count the next event of the task carries, taken from its state. */
static __always_inline __u32 take_lost(struct sb_task_state *ts)
{
	if (!ts)
		return 0;
	const __u32 lost = ts->lost;
	if (lost)
		__sync_fetch_and_sub(&ts->lost, lost);
	return lost;
}

static __always_inline struct sb_task_state *state_of_current(bool create)
{
	return bpf_task_storage_get(&tasks, bpf_get_current_task_btf(), 0,
				    create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
}

/* Sends the memory event in s->out with len bytes of data. */
static __always_inline void send_piece(struct scratch *s, __u64 offset, __u32 len, __u16 flags)
{
	struct cap_state *const c = &s->c;
	struct sb_ev_mem *const ev = (void *)s->out;
	if (len > SB_CHUNK)
		len = SB_CHUNK;
	ev->h.type = SB_EV_MEM;
	ev->h.flags = flags | c->piece_flags;
	ev->h.tid = c->tid;
	ev->h.ts = 0; /* the stop's own event has the time */
	ev->h.seq = c->seq;
	ev->h.lost = 0;
	ev->stop = c->stop;
	ev->arg = c->arg;
	ev->item = c->item;
	ev->mem_flags = c->area_flags;
	ev->len = len;
	ev->offset = offset;
	ev->addr = c->area_addr;
	ev->full_len = c->area_len;
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev) + len, wakeup_flags()) < 0)
		count_lost(state_of_current(false));
	else
		c->nmem++;
}

/* ---- reading tracee memory ---- */

/* Reads want bytes (at most SB_CHUNK) at addr into dst; on a fault, as many
 * whole pages as can be read. Returns the bytes read. */
static __always_inline __u32 read_bytes(__u8 *dst, __u32 want, __u64 addr)
{
	if (want > SB_CHUNK)
		want = SB_CHUNK;
	if (bpf_probe_read_user(dst, want, (const void *)addr) == 0)
		return want;
	__u32 got = 0;
	for (__u32 k = 0; k < SB_CHUNK / SB_PAGE + 1; k++) {
		if (got >= want)
			break;
		__u32 seg = SB_PAGE - ((addr + got) & (SB_PAGE - 1));
		if (seg > want - got)
			seg = want - got;
		if (seg > SB_PAGE)
			seg = SB_PAGE;
		if (got > SB_CHUNK)
			break;
		if (bpf_probe_read_user(dst + got, seg, (const void *)(addr + got)))
			break;
		got += seg;
	}
	return got;
}

/* Reads a piece of a NUL-terminated string: at most want bytes (at most
 * SB_CHUNK) at addr into dst (which has room for want + 1). Returns the
 * bytes before the NUL; *end is 1 when the NUL was found, 0 when it was not
 * within want bytes, -1 when a fault stopped the read. */
static __always_inline __u32 read_string_piece(__u8 *dst, __u32 want, __u64 addr, int *end)
{
	if (want > SB_CHUNK)
		want = SB_CHUNK;
	const long n = bpf_probe_read_user_str(dst, want + 1, (const void *)addr);
	if (n > 0 && n <= want) {
		*end = 1;
		return n - 1;
	}
	if (n == want + 1) {
		/* want bytes without a NUL (or one right after them: the
		 * next piece, empty, says so) */
		*end = 0;
		return want;
	}
	/* A fault somewhere: page by page, so that what lies before it is kept.
	 * A read within a page that finds no NUL overwrites its last byte with
	 * one, so that byte is read again on its own. */
	__u32 got = 0;
	for (__u32 k = 0; k < SB_CHUNK / SB_PAGE + 1; k++) {
		if (got >= want || got > SB_CHUNK) {
			*end = 0;
			return got;
		}
		__u32 seg = SB_PAGE - ((addr + got) & (SB_PAGE - 1));
		if (seg > want - got)
			seg = want - got;
		if (seg > SB_PAGE)
			seg = SB_PAGE;
		const long r = bpf_probe_read_user_str(dst + got, seg, (const void *)(addr + got));
		if (r <= 0) {
			*end = -1;
			return got;
		}
		if (r < seg) {
			*end = 1;
			return got + r - 1;
		}
		const __u32 last_at = got + seg - 1;
		__u8 last = 0;
		if (last_at > SB_CHUNK ||
		    bpf_probe_read_user(&last, 1, (const void *)(addr + last_at))) {
			*end = -1;
			return last_at;
		}
		if (last == 0) {
			*end = 1;
			return last_at;
		}
		dst[last_at] = last;
		got += seg;
	}
	*end = 0;
	return got;
}

/* ---- areas and strings ---- */

/* One piece of the current area (c->area_*), sent as a memory event. */
static long area_piece_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	const __u64 off = c->area_off;
	if (off >= c->area_want)
		return 1;
	__u64 want = c->area_want - off;
	if (want > SB_CHUNK)
		want = SB_CHUNK;
	const __u32 got = read_bytes(s->out + OUT_DATA, (__u32)want, c->area_addr + off);
	c->area_off = off + got;
	const bool done = got < want || c->area_off >= c->area_want;
	if (got < want) {
		c->area_flags |= SB_MEMF_UNREADABLE;
		c->fault_mask |= 1u << (c->arg & 7);
	}
	if (done && c->area_off < c->area_len)
		c->area_flags |= SB_MEMF_TRUNCATED;
	send_piece(s, off, got, done ? SB_MEM_LAST : 0);
	return done;
}

/* Captures len bytes at addr (at most cap) as item of the current argument. */
__noinline int capture_area(__u32 item, __u64 addr, __u64 len, __u64 cap)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	if (!addr)
		return 0;
	c->item = item;
	c->str = 0;
	c->area_addr = addr;
	c->area_len = len;
	c->area_want = len < cap ? len : cap;
	c->area_off = 0;
	c->area_flags = 0;
	if (c->area_want == 0) {
		if (len)
			c->area_flags = SB_MEMF_TRUNCATED;
		send_piece(s, 0, 0, SB_MEM_LAST);
		return 0;
	}
	bpf_loop((__u32)((c->area_want + SB_CHUNK - 1) / SB_CHUNK), area_piece_cb, NULL, 0);
	return 0;
}

/* One piece of the current string. */
static long string_piece_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	const __u64 off = c->area_off;
	__u64 want = c->area_want - off;
	if (want > SB_CHUNK)
		want = SB_CHUNK;
	int end = 0;
	const __u32 got =
	    want ? read_string_piece(s->out + OUT_DATA, (__u32)want, c->area_addr + off, &end) : 0;
	c->area_off = off + got;
	bool done = true;
	if (end > 0) {
		c->area_len = c->area_off; /* terminated: the length is known */
	} else if (end < 0) {
		c->area_flags |= SB_MEMF_UNREADABLE;
		c->area_len = c->area_off + 1;
		c->fault_mask |= 1u << (c->arg & 7);
	} else if (c->area_off >= c->area_want) {
		c->area_flags |= SB_MEMF_TRUNCATED; /* not within the limit */
		c->area_len = c->area_off + 1;
	} else {
		done = false;
	}
	send_piece(s, off, got, done ? SB_MEM_LAST : 0);
	return done;
}

/* A NUL-terminated string of at most max bytes as item of the current
 * argument; full_len counts the bytes without the NUL (plus one when cut). */
__noinline int capture_string(__u32 item, __u64 addr, __u64 max)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	if (!addr)
		return 0;
	c->item = item;
	c->str = 1;
	c->area_addr = addr;
	c->area_len = 0;
	c->area_want = max;
	c->area_off = 0;
	c->area_flags = SB_MEMF_STRING;
	/* a piece that ends exactly at a NUL is followed by an empty one */
	bpf_loop((__u32)(max / SB_CHUNK + 2), string_piece_cb, NULL, 0);
	return 0;
}

/* ---- string vectors: item 0 the pointers, item i + 1 string i ---- */

static long vector_pointer_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= cfg.max_vector)
		return 1;
	__u64 p = 0;
	if (bpf_probe_read_user(&p, sizeof(p), (const void *)(c->vec_addr + (__u64)i * 8))) {
		c->vec_fault = 1;
		return 1;
	}
	if (!p) {
		c->vec_terminated = 1;
		return 1;
	}
	const __u32 at = (i * 8) % SB_CHUNK;
	*(__u64 *)(s->out + OUT_DATA + (at & (SB_CHUNK - 8))) = p;
	c->vec_count = i + 1;
	if (at == SB_CHUNK - 8) /* a full piece of pointers */
		send_piece(s, (__u64)i * 8 + 8 - SB_CHUNK, SB_CHUNK, 0);
	return 0;
}

static long vector_string_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= c->vec_count)
		return 1;
	__u64 p = 0;
	if (bpf_probe_read_user(&p, sizeof(p), (const void *)(c->vec_addr + (__u64)i * 8)))
		return 1;
	capture_string(i + 1, p, cfg.max_string);
	return 0;
}

__noinline int capture_vector(__u64 addr, bool with_strings)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	if (!addr)
		return 0;
	c->item = 0;
	c->str = 0;
	c->vec_addr = addr;
	c->vec_count = 0;
	c->vec_terminated = 0;
	c->vec_fault = 0;
	c->area_addr = addr;
	c->area_flags = 0;
	c->area_len = 0;
	bpf_loop(cfg.max_vector + 1, vector_pointer_cb, NULL, 0);
	const __u64 bytes = (__u64)c->vec_count * 8;
	c->area_len = c->vec_terminated ? bytes : bytes + 8;
	if (c->vec_fault) {
		c->area_flags = SB_MEMF_UNREADABLE;
		c->fault_mask |= 1u << (c->arg & 7);
	} else if (!c->vec_terminated) {
		c->area_flags = SB_MEMF_TRUNCATED;
	}
	const __u64 sent = bytes - bytes % SB_CHUNK;
	send_piece(s, sent, (__u32)(bytes - sent), SB_MEM_LAST);
	/* Never a bpf_loop of a count that may be 0 (here: an empty argv):
	 * where every path the verifier takes to it has no iterations, it
	 * leaves the callback unchecked and then fails to load the program
	 * ("verifier bug: No program to jit"). */
	if (with_strings && c->vec_count)
		bpf_loop(c->vec_count, vector_string_cb, NULL, 0);
	return 0;
}

/* ---- iovec arrays: the array, then the buffers behind it ---- */

static long iov_buffer_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= c->iov_count || c->iov_total == 0)
		return 1;
	__u64 iov[2] = {};
	if (bpf_probe_read_user(iov, sizeof(iov),
				(const void *)(c->iov_addr + (__u64)i * SB_IOV_SIZE)))
		return 1;
	const __u64 len = iov[1] < c->iov_total ? iov[1] : c->iov_total;
	capture_area(c->iov_first_item + i, iov[0], len, cfg.capture_size);
	c->iov_total -= len;
	return 0;
}

/* The array of count iovecs at addr as item array_item; with buffers, up to
 * total bytes of them as items array_item + 1 + i. */
__noinline int capture_iovec(__u64 addr, __u64 count, __u32 array_item, bool with_buffers,
			     __u64 total)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	if (!addr)
		return 0;
	if (count > cfg.max_iov)
		count = cfg.max_iov;
	capture_area(array_item, addr, count * SB_IOV_SIZE, count * SB_IOV_SIZE);
	if (!with_buffers)
		return 0;
	c->iov_addr = addr;
	c->iov_count = (__u32)(c->area_off / SB_IOV_SIZE); /* those that could be read */
	c->iov_total = total;
	c->iov_first_item = array_item + 1;
	if (c->iov_count) /* see capture_vector */
		bpf_loop(c->iov_count, iov_buffer_cb, NULL, 0);
	return 0;
}

/* ---- msghdr: header (base), name (+1), control (+2), iovecs (+3),
 * buffers (+4 + i), as the ptrace engine numbers them ---- */

static __always_inline void capture_msghdr(struct scratch *s, __u64 addr, bool with_data,
					   __u64 total, __u32 base, bool with_header)
{
	struct cap_state *const c = &s->c;
	if (!addr)
		return;
	__u64 mh[7] = {}; /* name, namelen, iov, iovlen, control, controllen, flags */
	const long err = bpf_probe_read_user(mh, sizeof(mh), (const void *)addr);
	if (with_header)
		capture_area(base, addr, SB_MSGHDR_SIZE, SB_MSGHDR_SIZE);
	if (err) {
		c->fault_mask |= 1u << (c->arg & 7);
		return;
	}
	c->msg_name = mh[0];
	c->msg_namelen = (__u32)mh[1];
	c->msg_iov = mh[2];
	c->msg_iovlen = mh[3];
	c->msg_control = mh[4];
	c->msg_controllen = (__u32)mh[5];
	capture_area(base + 1, c->msg_name, c->msg_namelen, cfg.max_sockaddr);
	capture_area(base + 2, c->msg_control, c->msg_controllen, cfg.max_control);
	capture_iovec(c->msg_iov, c->msg_iovlen, base + 3, with_data, total);
}

/* ---- mmsghdr arrays: the array (item 0), then message i's parts from
 * item (i + 1) << 16 ---- */

static long mmsg_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= c->mmsg_count)
		return 1;
	const __u64 at = c->mmsg_addr + (__u64)i * SB_MMSGHDR_SIZE;
	__u64 total = ~0ull;
	if (!c->mmsg_sending) {
		__u32 msg_len = 0;
		if (bpf_probe_read_user(&msg_len, sizeof(msg_len),
					(const void *)(at + SB_MSGHDR_SIZE)))
			return 1;
		total = msg_len;
	}
	capture_msghdr(s, at, true, total, (i + 1) << 16, false);
	return 0;
}

static __always_inline void capture_mmsghdr(struct scratch *s, __u64 addr, __u64 count,
					    bool sending)
{
	struct cap_state *const c = &s->c;
	if (!addr)
		return;
	if (count > cfg.max_mmsg)
		count = cfg.max_mmsg;
	capture_area(0, addr, count * SB_MMSGHDR_SIZE, count * SB_MMSGHDR_SIZE);
	const bool with_parts = sending ? c->stop == 0 : c->stop == 1;
	if (!with_parts)
		return;
	c->mmsg_addr = addr;
	c->mmsg_count = (__u32)count;
	c->mmsg_sending = sending;
	if (count) /* see capture_vector */
		bpf_loop((__u32)count, mmsg_cb, NULL, 0);
}

/* ---- io_submit's iocbs: iocb i as item (i + 1) << 16, a write's data or
 * a vectored call's iovec array as the next item, a vectored write's
 * buffers after it, as the ptrace engine numbers them ---- */

static long iocb_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= c->iocb_count)
		return 1;
	__u64 cb = 0;
	if (bpf_probe_read_user(&cb, sizeof(cb), (const void *)(c->iocb_addr + (__u64)i * 8)))
		return 1;
	const __u32 item = (i + 1) << 16;
	capture_area(item, cb, SB_IOCB_SIZE, SB_IOCB_SIZE);
	__u64 f[3] = {}; /* aio_lio_opcode's word, aio_buf, aio_nbytes */
	if (bpf_probe_read_user(f, sizeof(f), (const void *)(cb + 16)))
		return 0;
	const __u16 op = (__u16)f[0];
	if (op == SB_IOCB_CMD_PWRITE)
		capture_area(item + 1, f[1], f[2], cfg.capture_size);
	else if (op == SB_IOCB_CMD_PREADV || op == SB_IOCB_CMD_PWRITEV)
		capture_iovec(f[1], f[2], item + 1, op == SB_IOCB_CMD_PWRITEV, ~0ull);
	return 0;
}

static __always_inline void capture_iocbs(struct scratch *s, __u64 addr, __u64 count)
{
	struct cap_state *const c = &s->c;
	if (!addr)
		return;
	if (count > cfg.max_iocbs)
		count = cfg.max_iocbs;
	c->iocb_addr = addr;
	c->iocb_count = (__u32)count;
	if (count) /* see capture_vector */
		bpf_loop((__u32)count, iocb_cb, NULL, 0);
}

/* ---- one argument ---- */

/* Argument n's value, 0 for n out of range (bounds the verifier can see,
 * unlike a modulo). */
static __always_inline __u64 arg_value(const struct cap_state *c, __u32 n)
{
	if (n >= SB_MAX_ARGS)
		return 0;
	return c->args[n];
}

/* The length an argument's length source names; false when unknown. */
static __always_inline bool length_of(struct cap_state *c, __u8 len, __u64 *out)
{
	if (len <= SC_LEN_ARG5) {
		*out = arg_value(c, len);
		return true;
	}
	if (len == SC_LEN_RET) {
		if (c->stop != 1 || c->ret < 0)
			return false;
		*out = (__u64)c->ret;
		return true;
	}
	if (len >= SC_LEN_PTR_ARG0 && len <= SC_LEN_PTR_ARG5) {
		__u32 value = 0;
		if (bpf_probe_read_user(
			&value, sizeof(value),
			(const void *)(arg_value(c, len - SC_LEN_PTR_ARG0) + c->a.len_field_off))) {
			c->fault_mask |= 1u << (c->arg & 7);
			return false;
		}
		*out = value;
		return true;
	}
	if (len == SC_LEN_IOC_SIZE) {
		*out = (arg_value(c, 1) >> 16) & 0x3fff;
		return true;
	}
	return false;
}

/* What is behind or after a struct (clone_args' outputs, pselect6's
 * sigset, msgbuf's text, the areas sc_type_pointee describes), as items 1
 * and up. */
static __always_inline void capture_pointees(struct scratch *s, __u64 addr)
{
	struct cap_state *const c = &s->c;
	const __u8 flags = c->a.flags;
	if ((flags & SB_ARG_MSG_TEXT) && c->arg < 5) {
		capture_area(1, addr + 8, arg_value(c, c->arg + 1), cfg.capture_size);
	} else if ((flags & SB_ARG_SIGSET_PACK) && c->stop == 0) {
		__u64 pack[2] = {};
		if (bpf_probe_read_user(pack, sizeof(pack), (const void *)addr) == 0)
			capture_area(1, pack[0], pack[1], cfg.max_sigset);
	} else if (c->a.pointee_stops & (1u << (c->stop & 1))) {
		/* the length read as 8 bytes (within the struct: bpf_plan.c
		 * checks) and cut to its size, little-endian */
		__u64 ptr = c->a.self ? addr : addr + c->a.size, len = 0;
		const __u32 len_size = c->a.len_size;
		if (!c->a.tail && !c->a.self &&
		    bpf_probe_read_user(&ptr, sizeof(ptr), (const void *)(addr + c->a.ptr_off)))
			return;
		if (bpf_probe_read_user(&len, sizeof(len), (const void *)(addr + c->a.len_off)))
			return;
		len >>= c->a.len_shift & 63;
		if (len_size == 0) /* a fixed struct: one unit */
			len = 1;
		else if (len_size < sizeof(len))
			len &= (1ull << ((len_size & 7) * 8)) - 1;
		capture_area(1, ptr, len * c->a.unit, c->a.pointee_cap);
		__u64 str = 0;
		if ((c->a.str_stops & (1u << (c->stop & 1))) &&
		    !bpf_probe_read_user(&str, sizeof(str), (const void *)(addr + c->a.str_off)))
			capture_string(2, str, cfg.capture_size);
	} else if ((flags & SB_ARG_CLONE_ARGS) && c->stop == 1) {
		__u64 head[4] = {}; /* flags, pidfd, child_tid, parent_tid */
		if (bpf_probe_read_user(head, sizeof(head), (const void *)addr))
			return;
		if (head[0] & 0x1000) /* CLONE_PIDFD */
			capture_area(1, head[1], 4, 4);
		if (head[0] & 0x100000) /* CLONE_PARENT_SETTID */
			capture_area(2, head[3], 4, 4);
	}
}

/* Sets c->a to the plan of argument i of the current call, its conditional
 * rules applied. A global function: the verifier walks its loop over the
 * rules once, not once for each path of its callers into it. */
__noinline int effective_arg(__u32 i)
{
	struct scratch *const s = scratch_get();
	if (!s || i >= SB_MAX_ARGS)
		return 0;
	struct cap_state *const c = &s->c;
	c->a = c->p.args[i];
	if (!c->p.cond_count)
		return 0;
	for (__u32 k = 0; k < SB_MAX_CALL_CONDS; k++) {
		if (k >= c->p.cond_count)
			break;
		const __u32 at = c->p.cond_first + k;
		const struct sb_cond_plan *const r = bpf_map_lookup_elem(&conds, &at);
		if (!r)
			break;
		if (r->target == i && r->selector < 6 && r->selector2 < 6 &&
		    (arg_value(c, r->selector) & r->mask) == r->value &&
		    (arg_value(c, r->selector2) & r->mask2) == r->value2) {
			c->a = r->arg;
			return 0;
		}
	}
	return 0;
}

/* Captures argument i at the current stop, as the ptrace engine does
 * (record/capture.c): inputs at entry, outputs at exit. */
static long capture_arg_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (i >= SB_MAX_ARGS || i >= c->p.nargs)
		return 1;
	if (!(c->select_mask & (1u << i)))
		return 0;
	effective_arg(i);
	c->arg = (__u8)i;
	const struct sb_arg_plan a = c->a;
	const __u64 value = c->args[i];
	const bool at_entry = c->stop == 0;
	__u64 len = 0;

	if (a.kind == SC_ARG_MMSGHDR) {
		/* both directions: msg_len is written back even for sends */
		__u64 count = 0;
		if (!at_entry)
			count = c->ret > 0 ? (__u64)c->ret : 0;
		else
			length_of(c, a.len, &count);
		capture_mmsghdr(s, value, count, a.dir == SC_DIR_IN);
		return 0;
	}
	if (a.kind == SC_ARG_IOVEC && at_entry && (a.dir & SC_DIR_OUT)) {
		/* the array of a read is input; only its buffers are output */
		capture_iovec(value, value ? arg_value(c, a.len) : 0, 0, false, 0);
		return 0;
	}
	if (a.kind == SC_ARG_STRUCT && value && (a.flags & SB_ARG_CLONE_ARGS) && !at_entry) {
		capture_pointees(s, value);
		return 0;
	}
	if (!(a.dir & (at_entry ? SC_DIR_IN : SC_DIR_OUT)) ||
	    (value == 0 && a.kind != SC_ARG_SIGFRAME))
		return 0;
	if (!at_entry && c->restarting && !(a.flags & SB_ARG_KEEP_ON_RESTART))
		return 0;
	switch (a.kind) {
	case SC_ARG_PATH:
	case SC_ARG_STR:
		capture_string(0, value, a.cap);
		break;
	case SC_ARG_STRVEC:
		capture_vector(value, !(a.flags & SB_ARG_ENV) || cfg.record_env);
		break;
	case SC_ARG_BUF:
	case SC_ARG_SOCKADDR:
	case SC_ARG_SIGSET:
		if (length_of(c, a.len, &len))
			capture_area(0, value, len, a.cap);
		break;
	case SC_ARG_STRUCT:
		if (a.len != SC_LEN_NONE && length_of(c, a.len, &len))
			capture_area(0, value, len, a.cap); /* an extensible struct */
		else
			capture_area(0, value, a.size, a.size);
		capture_pointees(s, value);
		break;
	case SC_ARG_ARRAY:
		if (length_of(c, a.len, &len)) {
			const __u64 bytes = len > 0xffffffffull ? ~0ull : len * a.size;
			capture_area(0, value, bytes, a.cap);
			if (a.iocbs)
				capture_iocbs(s, value, len);
		}
		break;
	case SC_ARG_IOVEC:
		capture_iovec(value, arg_value(c, a.len), 0, true,
			      at_entry ? ~0ull : (c->ret > 0 ? (__u64)c->ret : 0));
		break;
	case SC_ARG_MSGHDR:
		capture_msghdr(s, value, true,
			       at_entry ? (a.dir == SC_DIR_IN ? ~0ull : 0)
					: (c->ret > 0 ? (__u64)c->ret : 0),
			       0, true);
		break;
	case SC_ARG_SIGFRAME:
		/* at rt_sigreturn's entry sp points at the ucontext, whose
		 * uc_sigmask is at 8 + 8 + sizeof(stack_t) 24 + sigcontext 256 */
		capture_area(0, c->sp + SC_OFF(ucontext_t, uc_sigmask), 8, 8);
		break;
	default:
		break;
	}
	return 0;
}

/* Captures the arguments of c->select_mask at the current stop. A global
 * function: the verifier checks it once, not at each of its calls. */
__noinline int capture_args(__u32 select_mask)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	s->c.select_mask = (__u8)select_mask;
	bpf_loop(SB_MAX_ARGS, capture_arg_cb, NULL, 0);
	return 0;
}

/* ---- paths of kernel objects (-y, exec) ---- */

#define PIPEFS_MAGIC	    0x50495045u
#define SOCKFS_MAGIC	    0x534f434bu
#define ANON_INODE_FS_MAGIC 0x09041934u
#define PID_FS_MAGIC	    0x50494446u
#define NSFS_MAGIC	    0x6e736673u
#define DMA_BUF_MAGIC	    0x444d4142u
#define SB_S_IFMT	    0170000u
#define SB_S_IFCHR	    0020000u
#define SB_S_IFBLK	    0060000u

/* How a path walk ended (c->walk_done; 0: not at all, or out of steps). */
#define SB_WALK_ROOT	 1u
#define SB_WALK_TOO_LONG 2u /* longer than the kernel names: /proc's link fails too */

/* One step of a path walk: prepend the current dentry's name, or cross to
 * the mount it is mounted on. */
static long walk_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	struct dentry *const d = (struct dentry *)c->walk_dentry;
	struct mount *const m = (struct mount *)c->walk_mnt;
	struct dentry *const parent = BPF_CORE_READ(d, d_parent);
	struct dentry *const mnt_root = BPF_CORE_READ(m, mnt.mnt_root);
	if (d == mnt_root || d == parent) {
		struct mount *const up = BPF_CORE_READ(m, mnt_parent);
		if (up == m || d != mnt_root) {
			/* the root of everything, or a disconnected tree */
			c->walk_done = SB_WALK_ROOT;
			return 1;
		}
		c->walk_dentry = (__u64)BPF_CORE_READ(m, mnt_mountpoint);
		c->walk_mnt = (__u64)up;
		return 0;
	}
	__u32 len = BPF_CORE_READ(d, d_name.len);
	const unsigned char *const name = BPF_CORE_READ(d, d_name.name);
	if (len > SB_NAME_MAX)
		len = SB_NAME_MAX;
	const __u32 pos = c->walk_pos;
	if (pos < len + 1 || pos > SB_PATH_END) {
		c->walk_done = SB_WALK_TOO_LONG;
		return 1;
	}
	const __u32 start = pos - len;
	if (start > SB_PATH_END || start < 1)
		return 1;
	bpf_probe_read_kernel(s->path + start, len, name);
	s->path[(start - 1) & (2 * SB_PATH_END - 1)] = '/';
	c->walk_pos = start - 1;
	c->walk_dentry = (__u64)parent;
	return 0;
}

/* The name the kernel gives the struct path at path_addr (as /proc/PID/fd/N
 * shows it), in s->path[c->walk_pos ..], its length returned; 0 when this
 * program cannot make it (a pseudo file system it does not know). Global:
 * verified once. */
__noinline int name_path(__u64 path_addr)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	c->name_as_is = 0;
	c->walk_done = 0;
	const struct path *const path = (const struct path *)path_addr;
	struct dentry *const dentry = BPF_CORE_READ(path, dentry);
	struct vfsmount *const vfsmnt = BPF_CORE_READ(path, mnt);
	if (!dentry || !vfsmnt)
		return 0;
	const struct dentry_operations *const ops = BPF_CORE_READ(dentry, d_op);
	if (ops && BPF_CORE_READ(ops, d_dname)) {
		/* a pseudo file, named by its file system as its d_dname does */
		static const char pipe_fmt[] = "pipe:[%lu]", socket_fmt[] = "socket:[%lu]",
				  anon_fmt[] = "anon_inode:%s", pidfd_fmt[] = "anon_inode:[pidfd]",
				  ns_fmt[] = "%s:[%lu]", deleted_fmt[] = "/%s (deleted)";
		const __u32 magic = (__u32)BPF_CORE_READ(dentry, d_sb, s_magic);
		const __u64 ino = BPF_CORE_READ(dentry, d_inode, i_ino);
		const __u64 name = (__u64)BPF_CORE_READ(dentry, d_name.name);
		__u64 data[2] = {ino, 0};
		long n;
		if (magic == PIPEFS_MAGIC) {
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, pipe_fmt, data, 8);
		} else if (magic == SOCKFS_MAGIC) {
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, socket_fmt, data, 8);
		} else if (magic == ANON_INODE_FS_MAGIC) {
			data[0] = name;
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, anon_fmt, data, 8);
		} else if (magic == PID_FS_MAGIC) {
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, pidfd_fmt, NULL, 0);
		} else if (magic == NSFS_MAGIC) {
			/* "uts:[4026531838]": the namespace type's name, its inode */
			const struct ns_common *const ns =
			    BPF_CORE_READ(dentry, d_inode, i_private);
			data[0] = (__u64)BPF_CORE_READ(ns, ops, name);
			data[1] = ino;
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, ns_fmt, data, 16);
		} else if (magic == DMA_BUF_MAGIC) {
			return 0; /* dmabuffs_dname's own: /proc's link says */
		} else {
			/* the other pseudo files (memfd_create's, a SysV shm
			 * segment, hugetlbfs, aio): alloc_file_pseudo's
			 * simple_dname, as kallsyms shows no other d_dname */
			data[0] = name;
			n = bpf_snprintf((char *)s->path, SB_NAME_BUF, deleted_fmt, data, 8);
		}
		c->walk_pos = 0;
		return n > 1 ? n - 1 : 0;
	}
	c->walk_dentry = (__u64)dentry;
	c->walk_mnt = (__u64)vfsmnt - bpf_core_field_offset(struct mount, mnt);
	c->walk_pos = SB_PATH_END;
	c->walk_done = 0;
	bpf_loop(SB_WALK_MAX, walk_cb, NULL, 0);
	if (c->walk_done != SB_WALK_ROOT)
		return 0;
	__u32 pos = c->walk_pos;
	if (pos >= SB_PATH_END) {
		pos = SB_PATH_END - 1;
		s->path[pos] = '/';
	}
	/* the kernel's d_path has PATH_MAX bytes for the name and its NUL */
	if (pos == 0) {
		c->walk_done = SB_WALK_TOO_LONG;
		return 0;
	}
	__u32 end = SB_PATH_END;
	/* unlinked: unhashed, and not a root */
	c->name_as_is = 0;
	if (!BPF_CORE_READ(dentry, d_hash.pprev) && BPF_CORE_READ(dentry, d_parent) != dentry) {
		__builtin_memcpy(s->path + SB_PATH_END, " (deleted)", 10);
		end += 10;
		if (end - pos >= SB_PATH_END) {
			c->walk_done = SB_WALK_TOO_LONG;
			return 0;
		}
	} else if (SB_PATH_END - pos > 10) {
		/* the name ends so itself */
		__u32 same = 1;
#pragma unroll
		for (__u32 k = 0; k < 10; k++)
			same &= s->path[SB_PATH_END - 10 + k] == " (deleted)"[k];
		c->name_as_is = same;
	}
	c->walk_pos = pos;
	return end - pos;
}

#define SB_RESULT_REMOTE_FD_ITEM 3u /* format/strtrc.h's STRTRC_RESULT_REMOTE_FD_ITEM */
#define SB_RESULT_FD_ITEM	 4u /* STRTRC_RESULT_FD_ITEM */

/* The addr of the records of result item item, descriptor fd: the number
 * for descriptors other than the result and a pipe's pair (items 3 and up,
 * STRTRC_RESULT_REMOTE_FD_ITEM), else 0. */
static __always_inline __u64 result_addr(__u32 item, __s64 fd)
{
	return fd >= 0 && item >= SB_RESULT_REMOTE_FD_ITEM ? (__u64)fd : 0;
}

/* Sends what the struct path at path_addr names as item of the call's
 * result (argument 6), or, when it cannot be named here, asks user space to
 * read the link of descriptor fd (SB_FD_CWD: the working directory) in
 * /proc. Nothing for a path too long to name: the kernel names it no more
 * than this does, and a link read later could be another's (a chdir ".."
 * since). Global: verified once. */
__noinline int send_result_path(__u64 path_addr, __u32 item, __s64 fd)
{
	__u32 len = path_addr ? name_path(path_addr) : 0;
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	if (!len && path_addr && c->walk_done == SB_WALK_TOO_LONG)
		return 0;
	if (!len && item == SB_RESULT_REMOTE_FD_ITEM)
		return 0; /* user space would read the caller's /proc, not the owner's */
	c->arg = SB_ARG_RESULT;
	c->item = item;
	c->area_flags = SB_MEMF_STRING | (len && c->name_as_is ? SB_MEMF_NAME_AS_IS : 0);
	if (!len) {
		c->area_addr = (__u64)fd;
		c->area_len = 0;
		send_piece(s, 0, 0, SB_MEM_LAST | SB_MEM_RESOLVE);
		return 0;
	}
	if (len > SB_PATH_END + 16)
		len = SB_PATH_END + 16;
	c->area_addr = result_addr(item, fd);
	c->area_len = len;
	bpf_probe_read_kernel(s->out + OUT_DATA, len, s->path + (c->walk_pos & (SB_PATH_END - 1)));
	send_piece(s, 0, len, SB_MEM_LAST);
	return 0;
}

/* The open file behind descriptor fd of task, or NULL. */
static __always_inline struct file *file_of(struct task_struct *task, __s64 fd)
{
	struct fdtable *const fdt = BPF_CORE_READ(task, files, fdt);
	if (!fdt || fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	struct file **const fds = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;
	bpf_probe_read_kernel(&f, sizeof(f), fds + fd);
	return f;
}

/* The process a pidfd refers to: pidfs keeps it with the inode, older
 * kernels' anonymous "[pidfd]" files with the file. NULL: not a pidfd. */
static __always_inline const struct pid *pid_of_pidfd(struct file *f)
{
	const __u32 magic = (__u32)BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic);
	if (magic == PID_FS_MAGIC)
		return BPF_CORE_READ(f, f_inode, i_private);
	if (magic != ANON_INODE_FS_MAGIC)
		return NULL;
	__u64 name = 0; /* "[pidfd]" and its NUL, little-endian */
	if (bpf_probe_read_kernel(&name, sizeof(name),
				  BPF_CORE_READ(f, f_path.dentry, d_name.name)) ||
	    name != 0x005d64666469705bull)
		return NULL;
	return BPF_CORE_READ(f, private_data);
}

/* What strace -yy adds to the path of the new descriptor fd (item): a
 * device's type and number, the process a pidfd refers to. Global:
 * verified once. */
__noinline int send_fd_kind(__u64 file_addr, __u32 item, __s64 fd)
{
	struct scratch *const s = scratch_get();
	if (!s || !file_addr)
		return 0;
	struct cap_state *const c = &s->c;
	struct file *const f = (struct file *)file_addr;
	const __u32 mode = BPF_CORE_READ(f, f_inode, i_mode) & SB_S_IFMT;
	__u32 len = 0;
	if (mode == SB_S_IFCHR || mode == SB_S_IFBLK) {
		const struct sb_device dev = {mode, BPF_CORE_READ(f, f_inode, i_rdev)};
		__builtin_memcpy(s->out + OUT_DATA, &dev, sizeof(dev));
		c->arg = SB_ARG_DEVICE;
		len = sizeof(dev);
	} else {
		const struct pid *const pid = pid_of_pidfd(f);
		if (!pid)
			return 0;
		/* /proc/PID/fdinfo's "Pid:": -1 once the process is gone */
		const __s32 nr =
		    BPF_CORE_READ(pid, tasks[0].first) ? BPF_CORE_READ(pid, numbers[0].nr) : -1;
		__builtin_memcpy(s->out + OUT_DATA, &nr, sizeof(nr));
		c->arg = SB_ARG_PIDFD;
		len = sizeof(nr);
	}
	c->item = item;
	c->area_flags = 0;
	c->area_addr = result_addr(item, fd);
	c->area_len = len;
	send_piece(s, 0, len, SB_MEM_LAST);
	return 0;
}

static __always_inline void send_fd_path(struct task_struct *task, __s64 fd, __u32 item)
{
	struct file *const f = file_of(task, fd);
	send_result_path(f ? (__u64)__builtin_preserve_access_index(&f->f_path) : 0, item, fd);
	send_fd_kind((__u64)f, item, fd);
}

/* ---- descriptors a call names besides its result ---- */

#define SB_MAX_PASSED_FDS 256u
#define SB_CMSG_HEADER	  16u /* struct cmsghdr */

/* One step through the control messages in s->control: the next
 * descriptor of an SCM_RIGHTS message, or on to the next message. */
static long passed_fd_cb(__u32 i, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 1;
	struct cap_state *const c = &s->c;
	if (c->fd_item >= SB_RESULT_FD_ITEM + SB_MAX_PASSED_FDS)
		return 1;
	if (c->fd_left) {
		const __u32 at = c->fd_at;
		if (at > sizeof(s->control) - 4)
			return 1;
		const __s32 fd = *(const __s32 *)(s->control + at);
		c->fd_at = at + 4;
		c->fd_left--;
		send_fd_path(bpf_get_current_task_btf(), fd, c->fd_item++);
		return 0;
	}
	const __u32 off = c->cmsg_off;
	if (off > sizeof(s->control) - SB_CMSG_HEADER || off + SB_CMSG_HEADER > c->control_len)
		return 1;
	const __u64 len = *(const __u64 *)(s->control + off);
	const __s32 level = *(const __s32 *)(s->control + off + 8);
	const __s32 type = *(const __s32 *)(s->control + off + 12);
	if (len < SB_CMSG_HEADER || len > c->control_len - off)
		return 1;
	if (level == 1 && type == 1) { /* SOL_SOCKET, SCM_RIGHTS */
		c->fd_at = off + SB_CMSG_HEADER;
		c->fd_left = (__u32)(len - SB_CMSG_HEADER) / 4;
	}
	c->cmsg_off = off + (((__u32)len + 7) & ~7u);
	return 0;
}

/* The descriptors the SCM_RIGHTS messages of the received msghdr at addr
 * handed to the caller, as result items from c->fd_item on. Global:
 * verified once. */
__noinline int send_passed_fds(__u64 addr)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	__u64 mh[6] = {}; /* name, namelen, iov, iovlen, control, controllen */
	if (bpf_probe_read_user(mh, sizeof(mh), (const void *)addr) || !mh[4] ||
	    mh[5] < SB_CMSG_HEADER)
		return 0;
	const __u32 len = mh[5] < sizeof(s->control) ? (__u32)mh[5] : sizeof(s->control);
	if (bpf_probe_read_user(s->control, len, (const void *)mh[4]))
		return 0;
	c->control_len = len;
	c->cmsg_off = 0;
	c->fd_left = 0;
	bpf_loop(2 * SB_MAX_PASSED_FDS, passed_fd_cb, NULL, 0);
	return 0;
}

static long mmsg_fds_cb(__u32 k, void *unused)
{
	struct scratch *const s = scratch_get();
	if (!s || k >= s->c.mmsg_count)
		return 1;
	send_passed_fds(s->c.mmsg_addr + (__u64)k * SB_MMSGHDR_SIZE);
	return 0;
}

/* Descriptor fd of the process the pidfd of the caller names
 * (pidfd_getfd's), as result item 3, whether the call succeeded or not.
 * Global: verified once. */
__noinline int send_remote_fd(__s64 pidfd, __s64 fd)
{
	struct file *const pf = file_of(bpf_get_current_task_btf(), pidfd);
	const struct pid *const pid = pf ? pid_of_pidfd(pf) : NULL;
	if (!pid)
		return 0; /* not a pidfd */
	struct hlist_node *const first = BPF_CORE_READ(pid, tasks[0].first);
	if (!first)
		return 0; /* the process is gone */
	struct task_struct *const owner =
	    (struct task_struct *)((__u64)first -
				   bpf_core_field_offset(struct task_struct, pid_links));
	struct file *const f = file_of(owner, fd);
	if (f) {
		send_result_path((__u64)__builtin_preserve_access_index(&f->f_path),
				 SB_RESULT_REMOTE_FD_ITEM, fd);
		send_fd_kind((__u64)f, SB_RESULT_REMOTE_FD_ITEM, fd);
	}
	return 0;
}

/* ---- sockets' endpoints (strace -yy) ---- */

#define SB_AF_UNIX	   1
#define SB_AF_INET	   2
#define SB_AF_INET6	   10
#define SB_AF_NETLINK	   16
#define SB_IPPROTO_TCP	   6
#define SB_IPPROTO_UDP	   17
#define SB_IPPROTO_UDPLITE 136
#define SB_SOCK_STREAM	   1
#define SB_SOCK_DGRAM	   2
#define SB_SOCK_SEQPACKET  5

/* A unix socket's name as getsockname gives it (the family alone when it
 * is unbound), at out; its length. */
static __always_inline __u16 unix_name(__u8 *out, struct sock *sk)
{
	const struct unix_address *const addr = BPF_CORE_READ((struct unix_sock *)sk, addr);
	__u32 len = addr ? (__u32)BPF_CORE_READ(addr, len) : 0;
	if (!len) {
		*(__u16 *)out = SB_AF_UNIX;
		return 2;
	}
	if (len > sizeof(struct sb_sockaddr_un))
		len = sizeof(struct sb_sockaddr_un);
	bpf_probe_read_kernel(
	    out, len, (const __u8 *)addr + bpf_core_field_offset(struct unix_address, name));
	return (__u16)len;
}

/* An inet socket's endpoint (local: its bound address and port), as
 * sock_diag lists it, at out; its length. */
static __always_inline __u16 inet_endpoint(__u8 *out, struct sock *sk, __u16 family, bool local)
{
	const __u16 port = local ? BPF_CORE_READ((struct inet_sock *)sk, inet_sport)
				 : BPF_CORE_READ(sk, __sk_common.skc_dport);
	if (family == SB_AF_INET) {
		const __u32 a = local ? BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr)
				      : BPF_CORE_READ(sk, __sk_common.skc_daddr);
		if (!local && !port && !a)
			return 0; /* no peer */
		*(__u16 *)out = SB_AF_INET;
		*(__u16 *)(out + 2) = port;
		*(__u32 *)(out + 4) = a;
		return 16; /* sizeof(struct sockaddr_in) */
	}
	__u8 a[16];
	if (!bpf_core_field_exists(sk->__sk_common.skc_v6_rcv_saddr))
		return 0; /* a kernel without IPv6 */
	if (local)
		bpf_probe_read_kernel(
		    a, sizeof(a),
		    __builtin_preserve_access_index(&sk->__sk_common.skc_v6_rcv_saddr));
	else
		bpf_probe_read_kernel(
		    a, sizeof(a), __builtin_preserve_access_index(&sk->__sk_common.skc_v6_daddr));
	__u64 any = 0;
	for (int k = 0; k < 16; k++)
		any |= a[k];
	if (!local && !port && !any)
		return 0;
	*(__u16 *)out = SB_AF_INET6;
	*(__u16 *)(out + 2) = port;
	__builtin_memcpy(out + 8, a, 16); /* after flowinfo; scope_id stays 0 */
	return 28;			  /* sizeof(struct sockaddr_in6) */
}

/* What socket fd of the caller is right after the call (item item, its
 * number in addr), as the ptrace engine asks the kernel (fdinfo.c's
 * rec_socket_query); nothing for what is not a socket. send_only: only a
 * netlink socket (an unaddressed send binds no other). Global: verified
 * once. */
__noinline int send_socket(__s64 fd, __u32 item, bool send_only)
{
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	struct file *const f = file_of(bpf_get_current_task_btf(), fd);
	if (!f || (__u32)BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic) != SOCKFS_MAGIC)
		return 0;
	struct socket *const sock = BPF_CORE_READ(f, private_data);
	struct sock *const sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk)
		return 0;
	struct sb_socket *const so = (void *)(s->out + OUT_DATA);
	__builtin_memset(so, 0, sizeof(*so));
	const __u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (send_only && family != SB_AF_NETLINK)
		return 0;
	so->family = family;
	so->type = BPF_CORE_READ(sk, sk_type);
	so->protocol = BPF_CORE_READ(sk, sk_protocol);
	so->inode = BPF_CORE_READ(f, f_inode, i_ino);
	const struct proto *const prot = BPF_CORE_READ(sk, __sk_common.skc_prot);
	if (prot) {
		const long n = bpf_probe_read_kernel_str(so->proto, sizeof(so->proto), prot->name);
		so->proto_len = n > 1 ? (__u16)(n - 1) : 0;
	}
	if (family == SB_AF_UNIX) {
		so->local_len = unix_name(so->local, sk);
		struct sock *const peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
		if (peer) {
			so->peer_len = unix_name(so->peer, peer);
			/* a connecting socket's peer has no inode until accepted */
			struct socket *const ps = BPF_CORE_READ(peer, sk_socket);
			so->peer_inode = ps ? BPF_CORE_READ(ps, file, f_inode, i_ino) : 0;
		}
	} else if (family == SB_AF_NETLINK) {
		/* struct sockaddr_nl: family, pad, port id, the first groups */
		const struct netlink_sock *const nlk = (const struct netlink_sock *)sk;
		*(__u16 *)so->local = SB_AF_NETLINK;
		*(__u32 *)(so->local + 4) = BPF_CORE_READ(nlk, portid);
		unsigned long *const groups = BPF_CORE_READ(nlk, groups);
		__u32 first = 0;
		if (groups && BPF_CORE_READ(nlk, ngroups))
			bpf_probe_read_kernel(&first, sizeof(first), groups);
		*(__u32 *)(so->local + 8) = first;
		so->local_len = 12;
	} else if ((family == SB_AF_INET || family == SB_AF_INET6) &&
		   ((so->protocol == SB_IPPROTO_TCP && so->type == SB_SOCK_STREAM) ||
		    ((so->protocol == SB_IPPROTO_UDP || so->protocol == SB_IPPROTO_UDPLITE) &&
		     so->type == SB_SOCK_DGRAM)) &&
		   BPF_CORE_READ((struct inet_sock *)sk, inet_sport) &&
		   BPF_CORE_READ(sk, __sk_common.skc_num)) {
		/* listed by sock_diag: bound to a port the kernel holds (a
		 * failed connect keeps the port number but not the port) */
		so->local_len = inet_endpoint(so->local, sk, family, true);
		so->peer_len = inet_endpoint(so->peer, sk, family, false);
	}
	c->arg = SB_ARG_SOCKET;
	c->item = item;
	c->area_flags = 0;
	c->area_addr = (__u64)fd;
	c->area_len = sizeof(*so);
	send_piece(s, 0, sizeof(*so), SB_MEM_LAST);
	return 0;
}

/* The sockets a SOCKET_ENDS call may have given endpoints, as capture.c's
 * record_sockets chooses them: the one it returned, socketpair's two, or
 * the one it was given (failed or not: a connect in progress has them). */
static __always_inline void capture_sockets(struct scratch *s)
{
	struct cap_state *const c = &s->c;
	const __u32 flags = c->p.flags;
	if (flags & SB_PLAN_RET_FD) {
		if (c->ret >= 0)
			send_socket(c->ret, 0, false);
		return;
	}
	if (flags & SB_PLAN_OUT_FDS) {
		__s32 fds[2] = {};
		if (c->ret < 0 ||
		    bpf_probe_read_user(fds, sizeof(fds), (const void *)arg_value(c, 3)))
			return;
		send_socket(fds[0], 0, false);
		send_socket(fds[1], 1, false);
		return;
	}
	const bool addressed = (flags & SB_PLAN_SEND_ADDR4) && arg_value(c, 4);
	if ((flags & SB_PLAN_SEND) && !addressed) {
		if (c->ret >= 0)
			send_socket((__s32)arg_value(c, 0), 0, true);
		return;
	}
	send_socket((__s32)arg_value(c, 0), 0, false);
}

/* What calls that name descriptors besides their result (table class
 * OTHER_FDS) name, in the ptrace engine's order (capture.c): pidfd_getfd's
 * remote descriptor, then those SCM_RIGHTS handed over (recvmsg,
 * recvmmsg) and clone3's pidfd. */
static __always_inline void capture_other_fds(struct scratch *s, struct task_struct *task)
{
	struct cap_state *const c = &s->c;
	for (int i = 0; i < SB_MAX_ARGS; i++) {
		const struct sb_arg_plan *const a = &c->p.args[i];
		if (a->flags & SB_ARG_REMOTE_FD)
			send_remote_fd((__s32)arg_value(c, a->len), (__s32)c->args[i]);
	}
	if (c->ret < 0)
		return;
	c->fd_item = SB_RESULT_FD_ITEM;
	for (int i = 0; i < SB_MAX_ARGS; i++) {
		const struct sb_arg_plan *const a = &c->p.args[i];
		if (a->kind == SC_ARG_MSGHDR && a->dir == SC_DIR_INOUT) {
			send_passed_fds(c->args[i]);
		} else if (a->kind == SC_ARG_MMSGHDR && a->dir == SC_DIR_INOUT) {
			c->mmsg_addr = c->args[i];
			c->mmsg_count = c->ret < cfg.max_mmsg ? (__u32)c->ret : cfg.max_mmsg;
			if (c->mmsg_count) /* see capture_vector */
				bpf_loop(c->mmsg_count, mmsg_fds_cb, NULL, 0);
		} else if (a->kind == SC_ARG_STRUCT && (a->flags & SB_ARG_CLONE_ARGS) &&
			   c->ret > 0) {
			__u64 head[2] = {}; /* flags, pidfd */
			__s32 pidfd = -1;
			if (bpf_probe_read_user(head, sizeof(head), (const void *)c->args[i]) ==
				0 &&
			    (head[0] & 0x1000) && /* CLONE_PIDFD */
			    bpf_probe_read_user(&pidfd, sizeof(pidfd), (const void *)head[1]) == 0)
				send_fd_path(task, pidfd, c->fd_item++);
		}
	}
	/* clone's CLONE_PIDFD descriptor: a conditional rule's output */
	if (c->p.cond_count && c->ret > 0) {
		for (__u32 i = 0; i < SB_MAX_ARGS; i++) {
			effective_arg(i);
			__s32 fd = -1;
			if ((c->a.flags & SB_ARG_NEW_FD) &&
			    bpf_probe_read_user(&fd, sizeof(fd), (const void *)c->args[i]) == 0)
				send_fd_path(task, fd, c->fd_item++);
		}
	}
}

/* What a call's new descriptors or working directory are, for -y (the
 * ptrace engine reads /proc for the same records, capture.c). */
static __always_inline void capture_results(struct scratch *s, struct task_struct *task)
{
	struct cap_state *const c = &s->c;
	const __u32 flags = c->p.flags;
	c->stop = 1;
	if (flags & SB_PLAN_OTHER_FDS)
		capture_other_fds(s, task);
	if (flags & SB_PLAN_SOCKET_ENDS)
		capture_sockets(s);
	if (c->ret < 0)
		return;
	if (flags & SB_PLAN_RET_FD) {
		send_fd_path(task, c->ret, 0);
	} else if (flags & SB_PLAN_SETS_CWD) {
		struct fs_struct *const fs = BPF_CORE_READ(task, fs);
		send_result_path(fs ? (__u64)__builtin_preserve_access_index(&fs->pwd) : 0, 0,
				 SB_FD_CWD);
	} else if (flags & SB_PLAN_OUT_FDS) {
		for (int i = 0; i < SB_MAX_ARGS; i++) {
			if (!(c->p.args[i].flags & SB_ARG_FD_PAIR))
				continue;
			__s32 fds[2] = {};
			if (bpf_probe_read_user(fds, sizeof(fds), (const void *)c->args[i]))
				return;
			send_fd_path(task, fds[0], 1);
			send_fd_path(task, fds[1], 2);
			return;
		}
	}
}

/* ---- the programs ---- */

/* --no-follow, after a thread not traced ran an exec: the new image is not
 * traced either (a tracer of the leader alone does not see it), but the
 * process's end is, as the leader's, when the tracer could wait for it. No
 * tid is this. */
#define SB_TRACE_END_ONLY 0xffffffffu
/* --no-follow, after the thread traced ended before its process: nothing
 * more of the process is (its end was). No tid is this either. */
#define SB_TRACE_DONE 0xfffffffeu

static __always_inline bool is_traced(__u32 tgid, __u32 tid)
{
	const __u32 *const only = bpf_map_lookup_elem(&traced, &tgid);
	return only && (!*only || *only == tid);
}

static __always_inline void fill_head(struct sb_head *h, __u16 type, __u32 tid, __u64 ts,
				      struct sb_task_state *state)
{
	h->type = type;
	h->flags = 0;
	h->tid = tid;
	h->ts = ts;
	h->seq = state ? state->seq : 0;
	h->lost = take_lost(state);
}

/* The capture state of a syscall stop of the task ts is the state of. */
static __always_inline void start_stop(struct cap_state *c, const struct sb_task_state *ts,
				       __u32 tid, __u8 stop)
{
	for (int i = 0; i < 6; i++)
		c->args[i] = ts->args[i];
	c->sp = ts->sp;
	c->nr = (__u32)ts->nr;
	c->tid = tid;
	c->seq = ts->seq;
	c->nmem = 0;
	c->stop = stop;
	c->fault_mask = 0;
	c->select_mask = 0x3f;
}

/* Whether the call returns while the task is being killed (a SIGKILL,
 * another thread's exit_group or exec): a tracer is not told of such a
 * return (ptrace does not stop a dying task), and the call stays
 * unfinished. A fatal signal that the kernel turned into a kill (no tracer,
 * default action) is not one: with a tracer the call would have returned,
 * then the signal been delivered. */
static __always_inline bool killed_in_call(struct task_struct *task)
{
	if (!(BPF_CORE_READ(task, pending.signal.sig[0]) & (1ul << (SB_SIGKILL - 1))))
		return false;
	const __u32 flags = BPF_CORE_READ(task, signal, flags);
	const int code = BPF_CORE_READ(task, signal, group_exit_code);
	return !(flags & SB_SIGNAL_GROUP_EXIT) || code <= 0 || code > SB_NSIG || code == SB_SIGKILL;
}

/* ---- pid namespaces ---- */

/* The id and the namespace of level g of struct pid p. */
static __always_inline void upid_at(const struct pid *p, __u32 g, __u32 *nr, __u64 *ns)
{
	const __u64 at = (__u64)p + bpf_core_field_offset(struct pid, numbers) +
			 (__u64)g * bpf_core_type_size(struct upid);
	bpf_probe_read_kernel(nr, sizeof(*nr),
			      (const void *)(at + bpf_core_field_offset(struct upid, nr)));
	bpf_probe_read_kernel(ns, sizeof(*ns),
			      (const void *)(at + bpf_core_field_offset(struct upid, ns)));
}

/* send_pidns's walk down the levels: the task's struct pid and its
 * process's tgid, group and session ones (addresses), the deepest level. */
struct pidns_walk {
	__u64 own, others[3];
	__u32 level;
};

static long pidns_level_cb(__u32 g, void *ctx)
{
	const struct pidns_walk *const w = ctx;
	struct scratch *const s = scratch_get();
	if (!s || g > w->level || g >= SB_PIDNS_LEVELS)
		return 1;
	struct sb_ev_pidns *const ev = (void *)s->out;
	__u32 nr = 0;
	__u64 ns = 0;
	upid_at((const struct pid *)w->own, g, &nr, &ns);
	ev->ids[0][g] = nr;
	ev->ns[g] = ns ? BPF_CORE_READ((struct pid_namespace *)ns, ns.inum) : 0;
	for (int k = 0; k < 3; k++) {
		const struct pid *const other = (const struct pid *)w->others[k];
		__u32 other_nr = 0;
		__u64 other_ns = 0;
		if (other && g <= BPF_CORE_READ(other, level))
			upid_at(other, g, &other_nr, &other_ns);
		ev->ids[k + 1][g] = other_ns == ns ? other_nr : 0; /* pid_nr_ns */
	}
	return 0;
}

/* The ids of task tid (its thread_pid and signal_struct at those
 * addresses) in each pid namespace from strec's down to its own, as
 * /proc/PID/status lists them (pid_nr_ns of its tid, tgid, process group
 * and session in each), when its namespace is not strec's. Global:
 * verified once. */
__noinline int send_pidns(__u32 tid, __u64 thread_pid_addr, __u64 signal_addr)
{
	const struct pid *const own = (const struct pid *)thread_pid_addr;
	const struct signal_struct *const sig = (const struct signal_struct *)signal_addr;
	const __u32 level = own ? BPF_CORE_READ(own, level) : 0;
	if (!level || level >= SB_PIDNS_LEVELS)
		return 0; /* strec's namespace (or a kernel nesting deeper than 32) */
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct sb_ev_pidns *const ev = (void *)s->out;
	__builtin_memset(ev, 0, sizeof(*ev));
	fill_head(&ev->h, SB_EV_PIDNS, tid, bpf_ktime_get_ns(), NULL);
	ev->level = level;
	struct pidns_walk w = {.own = thread_pid_addr, .level = level};
	if (sig)
		for (int k = 0; k < 3; k++)
			w.others[k] = (__u64)BPF_CORE_READ(sig, pids[k + 1]);
	bpf_loop(SB_PIDNS_LEVELS, pidns_level_cb, &w, 0);
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev), wakeup_flags()) < 0)
		count_lost(NULL);
	return 0;
}

/* At each entry of a task in a pid namespace below strec's: its ids there
 * again when its process group or session changed (another process's
 * setpgid, seen before the task's next line). */
static __always_inline void pidns_at_entry(struct task_struct *task, struct sb_task_state *ts,
					   __u32 tid)
{
	struct pid *const own = BPF_CORE_READ(task, thread_pid);
	if (ts->pidns == SB_TASK_PIDNS_UNKNOWN)
		ts->pidns =
		    own && BPF_CORE_READ(own, level) ? SB_TASK_PIDNS_BELOW : SB_TASK_PIDNS_STRECS;
	if (ts->pidns != SB_TASK_PIDNS_BELOW)
		return;
	const struct signal_struct *const sig = BPF_CORE_READ(task, signal);
	const __u64 pgrp = (__u64)BPF_CORE_READ(sig, pids[2]);
	const __u64 session = (__u64)BPF_CORE_READ(sig, pids[3]);
	if (pgrp == ts->pgrp && session == ts->session)
		return;
	ts->pgrp = pgrp;
	ts->session = session;
	send_pidns(tid, (__u64)own, (__u64)sig);
}

/* After a successful setsid or setpgid: the ids of the caller, and of the
 * process setpgid named, in the namespaces below strec's, before any line
 * that may name them (the named one's next call would be late for its
 * parent's kill(-pgid)). Without bpf_task_from_vpid (before 6.13) that
 * one's ids follow at its next call. */
static __always_inline void pidns_after_call(struct task_struct *task, struct sb_task_state *ts)
{
	if (ts->pidns == SB_TASK_PIDNS_BELOW)
		send_pidns(BPF_CORE_READ(task, pid), (__u64)BPF_CORE_READ(task, thread_pid),
			   (__u64)BPF_CORE_READ(task, signal));
	const __s32 vpid = (__s32)ts->pgrp_target;
	if (vpid <= 0 || !bpf_task_from_vpid || !bpf_task_release)
		return;
	struct task_struct *const other = bpf_task_from_vpid(vpid);
	if (!other)
		return;
	send_pidns(BPF_CORE_READ(other, pid), (__u64)BPF_CORE_READ(other, thread_pid),
		   (__u64)BPF_CORE_READ(other, signal));
	bpf_task_release(other);
}

/* Records the entry of call id of the current task (its registers in
 * regs): the state its exit needs, its input captures, the entry event. A
 * call the filter leaves out costs a plan lookup and a few stores; one
 * without inputs to capture does not touch the scratch map. Registers and
 * the task are read directly: both are the tracepoint's trusted pointers. */
static __always_inline void record_entry(struct pt_regs *regs, long id, struct task_struct *task,
					 struct sb_task_state *ts, __u32 tid)
{
	const bool compat = task->thread_info.status & SB_TS_COMPAT;
	ts->nr = (__u64)id;
	ts->compat = compat;
	ts->in_syscall = 1;
	ts->recorded = 0;
	ts->retry_mask = 0;
	ts->seeded = 0;
	if (ts->pidns != SB_TASK_PIDNS_STRECS)
		pidns_at_entry(task, ts, tid);
	__u32 nr = (__u32)id;
	const struct sb_syscall_plan *const p =
	    id >= 0 && id < SB_MAX_NR ? bpf_map_lookup_elem(&plan, &nr) : NULL;
	/* whatever the filter, as the ptrace engine's pid ns records */
	ts->sets_pgrp = p && !compat && (p->flags & SB_PLAN_SETS_PGRP);
	if (ts->sets_pgrp)
		ts->pgrp_target = p->nargs ? regs->di : 0;
	const bool record =
	    p ? p->flags & (compat ? SB_PLAN_RECORD_I386 : SB_PLAN_RECORD) : cfg.record_unknown;
	if (!record)
		return; /* nor its exit */
	if (compat) {
		ts->args[0] = regs->bx;
		ts->args[1] = regs->cx;
		ts->args[2] = regs->dx;
		ts->args[3] = regs->si;
		ts->args[4] = regs->di;
		ts->args[5] = regs->bp;
	} else {
		ts->args[0] = regs->di;
		ts->args[1] = regs->si;
		ts->args[2] = regs->dx;
		ts->args[3] = regs->r10;
		ts->args[4] = regs->r8;
		ts->args[5] = regs->r9;
	}
	ts->sp = regs->sp;
	ts->seq++;
	__u32 nmem = 0;
	__u8 faults = 0;
	if (p && !compat && (p->flags & SB_PLAN_ENTRY_CAPTURES)) {
		struct scratch *const s = scratch_get();
		if (!s)
			return;
		struct cap_state *const c = &s->c;
		start_stop(c, ts, tid, 0);
		c->p = *p;
		capture_args(0x3f);
		nmem = c->nmem;
		faults = c->fault_mask;
	}
	struct sb_ev_enter *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		count_lost(ts);
		return;
	}
	fill_head(&ev->h, SB_EV_ENTER, tid, bpf_ktime_get_ns(), ts);
	ev->arch = compat ? SC_AUDIT_ARCH_I386 : SC_AUDIT_ARCH_X86_64;
	ev->nmem = nmem;
	ev->nr = (__u64)id;
	for (int i = 0; i < 6; i++)
		ev->args[i] = ts->args[i];
	ev->ip = regs->ip;
	ev->sp = ts->sp;
	ev->retry_mask = faults;
	bpf_ringbuf_submit(ev, wakeup_flags());
	ts->recorded = 1;
	ts->retry_mask = faults;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	const __u64 pid_tgid = bpf_get_current_pid_tgid();
	const __u32 tid = (__u32)pid_tgid, tgid = pid_tgid >> 32;
	if (!is_traced(tgid, tid))
		return 0;
	struct task_struct *const task = bpf_get_current_task_btf();
	struct sb_task_state *const ts =
	    bpf_task_storage_get(&tasks, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts) {
		count_lost(NULL);
		return 0;
	}
	record_entry(regs, id, task, ts, tid);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	const __u64 pid_tgid = bpf_get_current_pid_tgid();
	const __u32 tid = (__u32)pid_tgid, tgid = pid_tgid >> 32;
	if (!is_traced(tgid, tid))
		return 0;
	struct task_struct *const task = bpf_get_current_task_btf();
	struct sb_task_state *const ts = bpf_task_storage_get(&tasks, task, 0, 0);
	if (!ts)
		return 0; /* a call entered before tracing began, or a new task's first return */
	if (ts->seeded) {
		/* the call user space found the thread in at the attach, unless
		 * that one returned before and this one passed no entry
		 * tracepoint (its seccomp filter failed it) */
		ts->seeded = 0;
		if (regs->orig_ax != ts->nr)
			ts->in_syscall = 0;
	}
	if (!ts->in_syscall) {
		/* A task seen before whose call did not pass the entry
		 * tracepoint: its own seccomp filter failed it (ENOSYS for
		 * SECCOMP_RET_TRACE, SECCOMP_RET_ERRNO's errno). A tracer sees
		 * it enter: it is recorded now, its number and registers as
		 * they were. */
		const long nr = (long)regs->orig_ax;
		if (nr < 0)
			return 0;
		record_entry(regs, nr, task, ts, tid);
	}
	ts->in_syscall = 0;
	if (!ts->recorded) {
		if (ts->sets_pgrp && ret >= 0)
			pidns_after_call(task, ts);
		return 0;
	}
	ts->recorded = 0;
	if (killed_in_call(task))
		return 0;
	__u32 nr = (__u32)ts->nr;
	const struct sb_syscall_plan *const p =
	    nr < SB_MAX_NR && !ts->compat ? bpf_map_lookup_elem(&plan, &nr) : NULL;
	__u32 nmem = 0;
	__u8 retried = 0;
	if (p && (p->flags & SB_PLAN_KNOWN) &&
	    ((p->flags & SB_PLAN_EXIT_CAPTURES) || ts->retry_mask)) {
		struct scratch *const s = scratch_get();
		if (!s)
			return 0;
		struct cap_state *const c = &s->c;
		start_stop(c, ts, tid, 1);
		c->ret = ret;
		c->restarting = ret <= -512 && ret >= -516;
		c->p = *p;
		if (ts->retry_mask) {
			/* inputs that were not resident at entry: the call has
			 * touched them by now */
			c->stop = 0;
			capture_args(ts->retry_mask);
			retried = ts->retry_mask;
			ts->retry_mask = 0;
		}
		c->stop = 1;
		/* outputs only on success, but for the time left that an
		 * interrupted sleep writes back before it restarts and the size
		 * an extensible struct's call writes back with E2BIG */
		const bool size_back = ret == -7 /* E2BIG */ && (p->flags & SB_PLAN_SIZE_ON_E2BIG);
		if (!(ret < 0 && ret > -4096 && !c->restarting && !size_back))
			capture_args(0x3f);
		capture_results(s, task);
		nmem = c->nmem;
	}
	struct sb_ev_exit *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		count_lost(ts);
		return 0;
	}
	fill_head(&ev->h, SB_EV_EXIT, tid, bpf_ktime_get_ns(), ts);
	ev->ret = ret;
	ev->nmem = nmem;
	ev->retried_mask = retried;
	bpf_ringbuf_submit(ev, wakeup_flags());
	if (ts->sets_pgrp && ret >= 0)
		pidns_after_call(task, ts); /* after the call, as the ptrace engine has them */
	return 0;
}
#define CLONE_VM    0x100ull
#define CLONE_VFORK 0x4000ull
#define CSIGNAL	    0xffull
#define SB_SIGCHLD  17ull

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	const __u32 ptgid = BPF_CORE_READ(parent, tgid), ptid = BPF_CORE_READ(parent, pid);
	if (!is_traced(ptgid, ptid) || !cfg.follow_forks)
		return 0;
	const __u32 ctgid = BPF_CORE_READ(child, tgid), ctid = BPF_CORE_READ(child, pid);
	if (ctgid != ptgid) {
		/* before the child runs: its first call is traced */
		const __u32 all_threads = 0;
		if (bpf_map_update_elem(&traced, &ctgid, &all_threads, BPF_ANY))
			count_lost(NULL);
	}
	struct sb_task_state *const ts = state_of_current(false);
	/* what the parent's call asked for, as ptrace's events tell it */
	__u64 flags = 0, exit_signal = SB_SIGCHLD;
	__u8 how = 0; /* STRTRC_SPAWN_FORK */
	if (ts && ts->in_syscall) {
		if (ts->nr == cfg.nr_vfork) {
			flags = CLONE_VFORK | CLONE_VM;
		} else if (ts->nr == cfg.nr_clone) {
			flags = ts->args[0];
			exit_signal = flags & CSIGNAL;
		} else if (ts->nr == cfg.nr_clone3) {
			__u64 head[5] = {}; /* flags, pidfd, child_tid, parent_tid, exit_signal */
			if (bpf_probe_read_user(head, sizeof(head), (const void *)ts->args[0]) ==
			    0) {
				flags = head[0];
				exit_signal = head[4];
			}
		}
	}
	if (flags & CLONE_VFORK)
		how = 1; /* STRTRC_SPAWN_VFORK */
	else if (exit_signal != SB_SIGCHLD)
		how = 2; /* STRTRC_SPAWN_CLONE */
	struct sb_ev_spawn *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		count_lost(ts);
		return 0;
	}
	fill_head(&ev->h, SB_EV_SPAWN, ptid, bpf_ktime_get_ns(), ts);
	ev->new_tid = ctid;
	ev->new_tgid = ctgid;
	ev->clone_flags = flags;
	ev->how = how;
	bpf_ringbuf_submit(ev, wakeup_flags());
	send_pidns(ctid, (__u64)BPF_CORE_READ(child, thread_pid),
		   (__u64)BPF_CORE_READ(child, signal));
	return 0;
}

/* What the kernel put before the path argument i of an exec relative to a
 * directory descriptor (execveat(fd, "name") runs "/dev/fd/FD/name", and
 * execveat(fd, "", AT_EMPTY_PATH) "/dev/fd/FD"): the length of that prefix
 * in filename, so that what follows is the path the program passed; 0 when
 * the name is the program's own (an absolute path, AT_FDCWD). */
static __always_inline __u32 exec_name_prefix(struct scratch *s, __u32 i, __u64 filename)
{
	struct cap_state *const c = &s->c;
	if (i == 0 || i >= SB_MAX_ARGS || c->p.args[i - 1].kind != SC_ARG_DIRFD)
		return 0;
	const int dirfd = (int)arg_value(c, i - 1);
	if (dirfd < 0) /* AT_FDCWD */
		return 0;
	static const char prefix_fmt[] = "/dev/fd/%d";
	__u64 data[1] = {(__u64)dirfd};
	const long len = bpf_snprintf((char *)s->path, 32, prefix_fmt, data, sizeof(data));
	char name[32] = {};
	if (len <= 1 || bpf_probe_read_kernel_str(name, sizeof(name), (const char *)filename) <= 0)
		return 0;
	for (__u32 k = 0; k < 31; k++) {
		if (k + 1 >= len)
			break;
		if (name[k] != (char)s->path[k])
			return 0;
	}
	return name[(len - 1) & 31] == '/' ? len : len - 1;
}

/* Argument i of a successful exec that could not be read at entry, from
 * what the kernel kept of it: its copy of the file name (filename), the
 * new image's argument or environment strings (user space fills the
 * vector's strings in from them). A relative name after a directory
 * descriptor is the part after the kernel's "/dev/fd/N/". Global: verified
 * once. */
__noinline int resend_exec_input(__u32 i, __u64 filename)
{
	struct scratch *const s = scratch_get();
	if (!s || i >= SB_MAX_ARGS)
		return 0;
	struct cap_state *const c = &s->c;
	const struct sb_arg_plan a = c->p.args[i];
	c->arg = (__u8)i;
	c->item = 0;
	if (a.kind == SC_ARG_PATH) {
		const __u32 skip = exec_name_prefix(s, i, filename);
		const long n = bpf_probe_read_kernel_str(s->out + OUT_DATA, SB_PATH_END,
							 (const char *)(filename + skip));
		if (n <= 0)
			return 0;
		c->area_addr = arg_value(c, i);
		c->area_len = (__u64)n - 1;
		c->area_flags = SB_MEMF_STRING;
		send_piece(s, 0, (__u32)n - 1, SB_MEM_LAST);
		return 0;
	}
	if (a.kind != SC_ARG_STRVEC)
		return 0;
	const bool env = a.flags & SB_ARG_ENV;
	if (env && !cfg.record_env)
		return 0;
	struct mm_struct *const mm = BPF_CORE_READ(bpf_get_current_task_btf(), mm);
	if (!mm)
		return 0;
	const __u64 start = env ? BPF_CORE_READ(mm, env_start) : BPF_CORE_READ(mm, arg_start);
	const __u64 end = env ? BPF_CORE_READ(mm, env_end) : BPF_CORE_READ(mm, arg_end);
	if (end <= start)
		return 0;
	c->area_addr = start;
	c->area_len = end - start;
	c->area_want = c->area_len < (16u << 20) ? c->area_len : (16u << 20);
	c->area_off = 0;
	c->area_flags = 0;
	c->piece_flags = SB_MEM_EXEC_STRINGS;
	bpf_loop((__u32)((c->area_want + SB_CHUNK - 1) / SB_CHUNK), area_piece_cb, NULL, 0);
	c->piece_flags = 0;
	return 0;
}

/* The instruction pointer of task's user registers (saved at its last
 * entry into the kernel). */
static __always_inline __u64 user_ip(struct task_struct *task)
{
	struct pt_regs *const regs = (struct pt_regs *)bpf_task_pt_regs(task);
	return regs ? BPF_CORE_READ(regs, ip) : 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	const __u32 tgid = BPF_CORE_READ(p, tgid), tid = BPF_CORE_READ(p, pid);
	const __u32 *const only = bpf_map_lookup_elem(&traced, &tgid);
	if (!only)
		return 0;
	if (*only == SB_TRACE_DONE)
		return 0;
	if (*only && *only != (__u32)old_pid) {
		/* --no-follow, and the thread that ran it is not the one traced */
		const __u32 end_only = SB_TRACE_END_ONLY;
		bpf_map_update_elem(&traced, &tgid, &end_only, BPF_EXIST);
		return 0;
	}
	const __u64 now = bpf_ktime_get_ns();
	struct sb_task_state *const ts = state_of_current(false);
	struct scratch *const s = scratch_get();
	if (!s)
		return 0;
	struct cap_state *const c = &s->c;
	struct file *const file = BPF_CORE_READ(bprm, file);
	__u32 len = file ? name_path((__u64)__builtin_preserve_access_index(&file->f_path)) : 0;
	if (len > SB_PATH_END + 16)
		len = SB_PATH_END + 16;
	struct sb_ev_exec *const ev = (void *)s->out;
	fill_head(&ev->h, SB_EV_EXEC, tid, now, ts);
	ev->ip = user_ip(p);
	ev->former_tid = (__u32)old_pid;
	ev->exe_len = len;
	bpf_probe_read_kernel(ev->exe, len, s->path + (c->walk_pos & (SB_PATH_END - 1)));
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev) + len, wakeup_flags()) < 0)
		count_lost(ts);
	if (!ts || !ts->in_syscall || !ts->recorded || !ts->retry_mask)
		return 0;
	/* The execve's inputs that were not resident at entry: the old image is
	 * gone, read the kernel's copies instead, before the call's exit. */
	start_stop(c, ts, tid, 0);
	__u32 nr = c->nr;
	const struct sb_syscall_plan *const plan_of_call =
	    nr < SB_MAX_NR ? bpf_map_lookup_elem(&plan, &nr) : NULL;
	if (!plan_of_call)
		return 0;
	c->p = *plan_of_call;
	const __u64 filename = (__u64)BPF_CORE_READ(bprm, filename);
	for (int i = 0; i < SB_MAX_ARGS; i++) {
		if (ts->retry_mask & (1u << i))
			resend_exec_input(i, filename);
	}
	ts->retry_mask = 0; /* nothing of the old image is left to read at exit */
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p, bool group_dead)
{
	__u32 tgid = BPF_CORE_READ(p, tgid);
	const __u32 tid = BPF_CORE_READ(p, pid);
	/* A leader that a non-leader's exec replaces: its tid lives on in the
	 * exec'ing thread, a tracer is not told of its end. */
	struct task_struct *const exec_task = BPF_CORE_READ(p, signal, group_exec_task);
	const bool superseded = exec_task && exec_task != p && tid == tgid;
	const __u32 *const only = bpf_map_lookup_elem(&traced, &tgid);
	const bool end_only = only && *only == SB_TRACE_END_ONLY;
	if ((!superseded && is_traced(tgid, tid)) || (end_only && group_dead)) {
		struct sb_task_state *const ts = state_of_current(false);
		struct sb_ev_task_exit *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
		if (ev) {
			fill_head(&ev->h, SB_EV_TASK_EXIT, end_only ? tgid : tid,
				  bpf_ktime_get_ns(), ts);
			ev->exit_code = BPF_CORE_READ(p, exit_code);
			ev->group_dead = group_dead;
			bpf_ringbuf_submit(ev, BPF_RB_FORCE_WAKEUP);
		} else {
			count_lost(ts);
		}
	}
	if (group_dead) {
		bpf_map_delete_elem(&traced, &tgid);
	} else if (only && *only == tid && !superseded) {
		/* --no-follow: its end was the one to see */
		const __u32 done = SB_TRACE_DONE;
		bpf_map_update_elem(&traced, &tgid, &done, BPF_EXIST);
	}
	return 0;
}

static __always_inline bool is_stop_signal(int sig)
{
	return sig == 19 || sig == 20 || sig == 21 ||
	       sig == 22; /* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU */
}

/* A signal about to be handled (or to take its default action). SIGKILL
 * never stops a ptraced task, so the ptrace engine never shows it. */
SEC("tp_btf/signal_deliver")
int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	const __u64 pid_tgid = bpf_get_current_pid_tgid();
	const __u32 tid = (__u32)pid_tgid, tgid = pid_tgid >> 32;
	if (sig == SB_SIGKILL || !is_traced(tgid, tid))
		return 0;
	struct sb_task_state *const ts = state_of_current(false);
	const __u64 now = bpf_ktime_get_ns();
	struct sb_ev_signal *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		count_lost(ts);
		return 0;
	}
	fill_head(&ev->h, SB_EV_SIGNAL, tid, now, ts);
	const __u64 ip = user_ip(bpf_get_current_task_btf());
	ev->signo = sig;
	ev->pad = 0;
	ev->ip = ip;
	__builtin_memset(ev->siginfo, 0, sizeof(ev->siginfo));
	const __u32 size = bpf_core_type_size(struct kernel_siginfo);
	bpf_probe_read_kernel(ev->siginfo, size < sizeof(ev->siginfo) ? size : sizeof(ev->siginfo),
			      info);
	bpf_ringbuf_submit(ev, wakeup_flags());
	if (!is_stop_signal(sig) || BPF_CORE_READ(ka, sa.sa_handler))
		return 0;
	/* the default action of a stop signal: the process stops */
	struct sb_ev_group_stop *const gs = bpf_ringbuf_reserve(&events, sizeof(*gs), 0);
	if (!gs) {
		count_lost(ts);
		return 0;
	}
	fill_head(&gs->h, SB_EV_GROUP_STOP, tid, now, ts);
	gs->signo = sig;
	gs->pad = 0;
	gs->ip = ip;
	bpf_ringbuf_submit(gs, BPF_RB_FORCE_WAKEUP);
	return 0;
}

/* Signals that never reach signal_deliver without a tracer, sent here,
 * flagged: one the kernel drops because it is ignored (under ptrace it is
 * queued and shown: a SIGCHLD a shell does not handle), and a fatal one it
 * turns into a kill of the whole process at once (under ptrace it is
 * delivered first: "--- SIGTERM ---", then "+++ killed by SIGTERM +++"). */
SEC("tp_btf/signal_generate")
int BPF_PROG(signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	if (sig == SB_SIGKILL)
		return 0;
	if (result != SB_TRACE_SIGNAL_IGNORED &&
	    !(result == SB_TRACE_SIGNAL_DELIVERED &&
	      (BPF_CORE_READ(task, signal, flags) & SB_SIGNAL_GROUP_EXIT) &&
	      BPF_CORE_READ(task, signal, group_exit_code) == sig))
		return 0;
	const __u32 tgid = BPF_CORE_READ(task, tgid), tid = BPF_CORE_READ(task, pid);
	if (!is_traced(tgid, tid))
		return 0;
	struct sb_task_state *const ts = bpf_task_storage_get(&tasks, task, 0, 0);
	struct sb_ev_signal *const ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		count_lost(ts);
		return 0;
	}
	fill_head(&ev->h, SB_EV_SIGNAL, tid, bpf_ktime_get_ns(), ts);
	ev->h.flags = SB_SIG_AT_RETURN;
	ev->signo = sig;
	ev->pad = 0;
	ev->ip = user_ip(task);
	__builtin_memset(ev->siginfo, 0, sizeof(ev->siginfo));
	__s32 *const head = (__s32 *)ev->siginfo;
	if ((unsigned long)info <= 1) {
		/* SEND_SIG_NOINFO (a user's kill) or SEND_SIG_PRIV (the kernel's) */
		head[0] = sig;
		if (!info) {
			head[2] = 0; /* SI_USER */
			head[4] = (__s32)(bpf_get_current_pid_tgid() >> 32);
			head[5] = (__s32)bpf_get_current_uid_gid();
		} else {
			head[2] = 0x80; /* SI_KERNEL */
		}
	} else {
		const __u32 size = bpf_core_type_size(struct kernel_siginfo);
		bpf_probe_read_kernel(
		    ev->siginfo, size < sizeof(ev->siginfo) ? size : sizeof(ev->siginfo), info);
	}
	bpf_ringbuf_submit(ev, wakeup_flags());
	return 0;
}
