/* The BPF recording engine (--backend=bpf): loads the tracepoint programs of
 * bpf/strec.bpf.c with a plan made from common's syscall table, seeds the
 * traced set with the spawned command or the -p processes, and turns the
 * events of their ring buffer into the same trace records as the ptrace
 * engine writes. The traced programs never stop.
 *
 * Events arrive in one ring, in the order the CPUs reserved them; a task's
 * own events are in its order. The memory events of a syscall stop come
 * before the stop's own event, which says how many there were: they are
 * collected per task and written after it, so that a stop's records stay
 * together in the trace as the decoders want them. */
#include "recorder.h"

#include <assert.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/aio_abi.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf_plan.h"
#include "strec.skel.h"
#include "util.h"

_Static_assert(SB_ARG_RESULT == STRTRC_ARG_RESULT, "the result argument's number");
_Static_assert(SB_IOV_SIZE == sizeof(struct iovec) && SB_MSGHDR_SIZE == sizeof(struct msghdr) &&
		   SB_MMSGHDR_SIZE == sizeof(struct mmsghdr) && SB_IOCB_SIZE == sizeof(struct iocb),
	       "the user structs the program reads");
_Static_assert(SB_MEMF_TRUNCATED == STRTRC_MEM_TRUNCATED &&
		   SB_MEMF_UNREADABLE == STRTRC_MEM_UNREADABLE &&
		   SB_MEMF_STRING == STRTRC_MEM_STRING &&
		   SB_MEMF_NAME_AS_IS == STRTRC_MEM_NAME_AS_IS,
	       "the memory flags the program sets");
_Static_assert(SB_IOCB_CMD_PWRITE == IOCB_CMD_PWRITE && SB_IOCB_CMD_PREADV == IOCB_CMD_PREADV &&
		   SB_IOCB_CMD_PWRITEV == IOCB_CMD_PWRITEV,
	       "the aio commands whose data the program reads");
_Static_assert(sizeof(((struct sb_ev_signal *)0)->siginfo) == 128, "siginfo_t's size");
_Static_assert(SB_ARG_DEVICE == STRTRC_ARG_DEVICE && SB_ARG_PIDFD == STRTRC_ARG_PIDFD &&
		   SB_ARG_SOCKET == STRTRC_ARG_SOCKET,
	       "the args of what a descriptor is");
_Static_assert(SB_SOCKADDR_MAX == sizeof(struct sockaddr_storage), "a socket address's room");
_Static_assert(STRTRC_PID_TYPES == 4 && SB_PIDNS_LEVELS <= STRTRC_PIDNS_MAX,
	       "a pid ns event's lists");

#define REC_BPF_RING_DEFAULT	  (16u << 20)
#define REC_BPF_WAKEUP_BYTES	  (1u << 20) /* wake the reader when this much is pending */
#define REC_BPF_POLL_MS		  10	     /* and at least this often */
#define REC_BPF_SIZE_CHECK_EVENTS 256	     /* --max-size: events between two checks */
#define REC_BPF_LOG_SIZE	  (256u << 10)
/* include/linux/proc_ns.h: the first pid namespace's inode, always */
#define REC_INIT_PID_NS_INO 0xEFFFFFFCu

/* A captured area being put together from its pieces. */
struct bpf_area {
	uint8_t stop, arg;
	uint16_t hflags; /* sb_mem_flag of its last piece */
	uint32_t item, flags;
	uint64_t addr, full_len;
	uint8_t *data;
	size_t len, cap;
	bool complete;
	bool gap;     /* a piece was lost */
	bool dropped; /* not written: a re-read that got no more than the held reading */
};

struct area_list {
	struct bpf_area *v;
	size_t n, cap;
};

struct deferred_signal {
	int32_t signo;
	uint64_t ts, ip;
	uint8_t siginfo[128];
};

/* What the engine keeps of a task (rec_task.bpf). */
struct rec_bpf_task {
	uint32_t seq;		/* the stop the collected areas belong to */
	struct area_list areas; /* the memory events of that stop */
	/* Entry captures that met a fault: read again at the exit, or,
	 * after a successful exec, from the kernel's copies. */
	struct area_list held;
	uint8_t held_mask;
	/* Signals the kernel dropped or turned into a kill while the task
	 * was in a call: a tracer would have seen them when it returned. */
	struct deferred_signal *signals;
	size_t nsignals, signals_cap;
	/* The call the task was blocked in at the attach: its entry and entry
	 * captures, written when its exit comes (or the task ends, or strec
	 * detaches while it is in it still), dropped when another entry comes
	 * first (it returned before the program had its state). */
	bool seeded;
	struct strtrc_record seeded_entry;
	struct rec_held_records seeded_mem;
};

struct rec_bpf {
	struct strec_bpf *skel;
	struct ring_buffer *ring;
	int traced_fd;
	uint64_t lost_reported; /* lost events the trace's loss records count */
	uint64_t stale_areas;	/* areas of stops whose own event was lost */
	/* events that came after a later one (two CPUs' clock reads and
	 * reservations crossed): how many, by how much at most */
	uint64_t last_ts, late_events, most_late_ns;
	unsigned since_size_check; /* events handled since --max-size's last check */
	pid_t only_tid;		   /* --no-follow on a command: its first thread only */
};

/* ---- libbpf's messages ---- */

/* libbpf speaks through this (library code here never prints): its
 * messages are kept, to say why a load failed. */
static char libbpf_log[REC_BPF_LOG_SIZE];
static size_t libbpf_log_len;

__attribute__((format(printf, 2, 0))) static int keep_libbpf_message(enum libbpf_print_level level,
								     const char *fmt, va_list ap)
{
	(void)level;
	if (libbpf_log_len + 1 >= sizeof(libbpf_log))
		return 0;
	const int n =
	    vsnprintf(libbpf_log + libbpf_log_len, sizeof(libbpf_log) - libbpf_log_len, fmt, ap);
	if (n > 0)
		libbpf_log_len += (size_t)n < sizeof(libbpf_log) - libbpf_log_len
				      ? (size_t)n
				      : sizeof(libbpf_log) - libbpf_log_len - 1;
	return n;
}

/* How many instructions the verifier walked for each program (-d): the
 * load's cost, and how far from the kernel's limit of a million the
 * programs are (tests/record/test_bpf_fallback.sh keeps them well below). */
static void log_verifier_work(const struct rec_bpf *b)
{
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, b->skel->obj)
	{
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) == 0)
			REC_DEBUG("bpf engine: %s: the verifier walked %u instructions",
				  bpf_program__name(prog), info.verified_insns);
	}
}

/* Under -d: the verifier's log of the program it refused, its first and
 * last lines (where it started, and what it could not prove). */
static void log_verifier_refusal(void)
{
	if (rec_log_level < REC_LOG_INFO)
		return;
	const char *const begin = strstr(libbpf_log, "-- BEGIN PROG LOAD LOG --");
	const char *const end = begin ? strstr(begin, "-- END PROG LOAD LOG --") : NULL;
	if (!begin || !end) {
		rec_log(REC_LOG_INFO, "libbpf: %s", libbpf_log);
		return;
	}
	size_t lines = 0;
	for (const char *p = begin; p < end; p++)
		lines += *p == '\n';
	size_t line = 0;
	const char *p = strchr(begin, '\n') + 1;
	rec_log(REC_LOG_INFO, "the verifier's log (%zu lines):", lines);
	while (p < end) {
		const char *const nl = memchr(p, '\n', (size_t)(end - p));
		const size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (line < 10 || line + 25 >= lines)
			rec_log(REC_LOG_INFO, "  %.*s", (int)len, p);
		else if (line == 10)
			rec_log(REC_LOG_INFO, "  ...");
		line++;
		p += len + 1;
	}
}

/* ---- opening ---- */

static bool has_capability(unsigned cap)
{
	struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2];
	if (syscall(SYS_capget, &header, data) < 0)
		return false;
	return data[cap / 32].effective & (1u << (cap % 32));
}

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static int fill_plan(struct rec_bpf *b, const struct rec_options *o, char *msg, size_t msg_size)
{
	struct rec_bpf_plan *const plan = malloc(sizeof(*plan));
	if (!plan) {
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	int rc = rec_bpf_plan_build(plan, &o->filter, o->capture_size, msg, msg_size);
	const int plan_fd = bpf_map__fd(b->skel->maps.plan);
	const int conds_fd = bpf_map__fd(b->skel->maps.conds);
	for (uint32_t nr = 0; rc == 0 && nr < SB_MAX_NR; nr++) {
		if (bpf_map_update_elem(plan_fd, &nr, &plan->syscalls[nr], BPF_ANY) < 0)
			rc = -errno;
	}
	for (uint32_t k = 0; rc == 0 && k < plan->nconds; k++) {
		if (bpf_map_update_elem(conds_fd, &k, &plan->conds[k], BPF_ANY) < 0)
			rc = -errno;
	}
	if (rc < 0 && rc != -E2BIG)
		snprintf(msg, msg_size, "cannot fill the BPF plan: %s", strerror(-rc));
	free(plan);
	return rc;
}

static void set_config(struct rec_bpf *b, const struct rec_options *o, uint64_t ring_size,
		       size_t max_control)
{
	struct sb_config *const cfg = (struct sb_config *)&b->skel->rodata->cfg;
	const struct sc_table *const t = &sc_table_x86_64;
	*cfg = (struct sb_config){
	    .self_tgid = (uint32_t)getpid(),
	    .follow_forks = o->follow_forks,
	    .record_env = o->record_env,
	    .capture_size = o->capture_size,
	    .max_string = REC_MAX_STRING,
	    .max_path = REC_MAX_PATH,
	    .max_vector = REC_MAX_VECTOR,
	    .max_iov = REC_MAX_IOV,
	    .max_mmsg = REC_MAX_MMSG,
	    .max_iocbs = REC_MAX_IOCBS,
	    .max_sockaddr = REC_MAX_SOCKADDR,
	    .max_sigset = REC_MAX_SIGSET,
	    .max_control = (uint32_t)max_control,
	    .max_dirents = REC_MAX_DIRENTS,
	    .wakeup_bytes =
		ring_size / 4 < REC_BPF_WAKEUP_BYTES ? ring_size / 4 : REC_BPF_WAKEUP_BYTES,
	    .nr_clone = (uint32_t)sc_number(t, "clone"),
	    .nr_clone3 = (uint32_t)sc_number(t, "clone3"),
	    .nr_vfork = (uint32_t)sc_number(t, "vfork"),
	    .record_unknown = !o->filter.active,
	};
}

static int handle_event(void *ctx, void *data, size_t size);

void rec_bpf_close(struct recorder *rec)
{
	struct rec_bpf *const b = rec->bpf;
	if (!b)
		return;
	ring_buffer__free(b->ring);
	strec_bpf__destroy(b->skel);
	free(b);
	rec->bpf = NULL;
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		struct rec_task *const t = rec->tasks.slots ? rec->tasks.slots[i] : NULL;
		if (t && t->bpf) {
			struct rec_bpf_task *const bt = t->bpf;
			for (size_t k = 0; k < bt->areas.cap; k++)
				free(bt->areas.v[k].data);
			for (size_t k = 0; k < bt->held.cap; k++)
				free(bt->held.v[k].data);
			free(bt->areas.v);
			free(bt->held.v);
			free(bt->signals);
			free(bt);
			t->bpf = NULL;
		}
	}
}

int rec_bpf_open(struct recorder *rec, char *msg, size_t msg_size)
{
	assert(rec && !rec->bpf);
	const struct rec_options *const o = rec->opts;
	if (geteuid() != 0 && !(has_capability(CAP_BPF) && has_capability(CAP_PERFMON)) &&
	    !has_capability(CAP_SYS_ADMIN)) {
		snprintf(msg, msg_size,
			 "no privilege: the bpf engine needs root, or CAP_BPF and "
			 "CAP_PERFMON");
		return -EPERM;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) < 0) {
		snprintf(msg, msg_size, "the kernel has no BTF (/sys/kernel/btf/vmlinux: %s)",
			 strerror(errno));
		return -ENOTSUP;
	}
	/* tracepoints see the kernel's global pids: right only where strec's
	 * own are those (its -p PIDs, what strep shows) */
	struct stat pidns;
	if (stat("/proc/self/ns/pid", &pidns) == 0 && pidns.st_ino != REC_INIT_PID_NS_INO) {
		snprintf(msg, msg_size,
			 "strec runs in a pid namespace of its own, and the bpf engine "
			 "sees the kernel's pids, not its");
		return -ENOTSUP;
	}
	libbpf_set_print(keep_libbpf_message);
	libbpf_log_len = 0;
	libbpf_log[0] = '\0';
	struct rec_bpf *const b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	rec->bpf = b;
	int rc = 0;
	b->skel = strec_bpf__open();
	if (!b->skel) {
		rc = -errno;
		snprintf(msg, msg_size, "cannot open the BPF programs: %s", strerror(-rc));
		goto fail;
	}
	const uint64_t ring_size = o->bpf_ring_size ? o->bpf_ring_size : REC_BPF_RING_DEFAULT;
	set_config(b, o, ring_size, rec->max_control);
	const int cpus = libbpf_num_possible_cpus();
	if (cpus <= 0 ||
	    (rc = bpf_map__set_max_entries(b->skel->maps.events, (uint32_t)ring_size)) < 0 ||
	    (rc = bpf_map__set_max_entries(b->skel->maps.scratch, (uint32_t)cpus)) < 0) {
		rc = rc < 0 ? rc : cpus;
		snprintf(msg, msg_size, "cannot size the BPF maps: %s", strerror(-rc));
		goto fail;
	}
	const uint64_t load_start = strec_monotonic_ns();
	if ((rc = strec_bpf__load(b->skel)) < 0) {
		snprintf(msg, msg_size, "the kernel refused the BPF programs: %s%s", strerror(-rc),
			 rec_log_level >= REC_LOG_INFO ? " (the verifier's log above)"
						       : " (-d shows the verifier's log)");
		log_verifier_refusal();
		goto fail;
	}
	if ((rc = fill_plan(b, o, msg, msg_size)) < 0)
		goto fail;
	if ((rc = strec_bpf__attach(b->skel)) < 0) {
		snprintf(msg, msg_size, "cannot attach the BPF programs to their tracepoints: %s",
			 strerror(-rc));
		goto fail;
	}
	b->traced_fd = bpf_map__fd(b->skel->maps.traced);
	b->ring = ring_buffer__new(bpf_map__fd(b->skel->maps.events), handle_event, rec, NULL);
	if (!b->ring) {
		rc = -errno;
		snprintf(msg, msg_size, "cannot read the BPF ring buffer: %s", strerror(-rc));
		goto fail;
	}
	REC_INFO("bpf engine: loaded and attached in %.3f s, a %llu-byte ring, %d CPUs",
		 (double)(strec_monotonic_ns() - load_start) / 1e9, (unsigned long long)ring_size,
		 cpus);
	log_verifier_work(b);
	return 0;
fail:
	rec_bpf_close(rec);
	return rc < 0 ? rc : -EINVAL;
}

/* ---- per-task state ---- */

static struct rec_task *task_get(struct recorder *rec, uint32_t tid)
{
	struct rec_task *const t = rec_task_add(&rec->tasks, (pid_t)tid);
	if (!t)
		return NULL;
	if (!t->bpf) {
		t->bpf = calloc(1, sizeof(*t->bpf));
		if (!t->bpf)
			return NULL;
		t->tgid = (pid_t)tid;
	}
	return t;
}

static void task_free(struct recorder *rec, struct rec_task *t)
{
	struct rec_bpf_task *const bt = t->bpf;
	if (bt) {
		for (size_t k = 0; k < bt->areas.cap; k++)
			free(bt->areas.v[k].data);
		for (size_t k = 0; k < bt->held.cap; k++)
			free(bt->held.v[k].data);
		free(bt->areas.v);
		free(bt->held.v);
		free(bt->signals);
		rec_held_clear(&bt->seeded_mem);
		free(bt->seeded_mem.v);
		free(bt);
	}
	rec_pidns_forget(rec, t);
	rec_task_remove(&rec->tasks, t->tid);
}

/* A new area at the end of l, its buffer kept from earlier use. */
static struct bpf_area *area_append(struct area_list *l)
{
	if (l->n == l->cap) {
		const size_t cap = l->cap ? l->cap * 2 : 4;
		struct bpf_area *const v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		memset(v + l->cap, 0, (cap - l->cap) * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	struct bpf_area *const a = &l->v[l->n++];
	uint8_t *const data = a->data;
	const size_t cap = a->cap;
	*a = (struct bpf_area){.data = data, .cap = cap};
	return a;
}

/* Moves area a (of another list) to the end of l, swapping buffers. */
static bool area_move(struct area_list *l, struct bpf_area *a)
{
	struct bpf_area *const to = area_append(l);
	if (!to)
		return false;
	const struct bpf_area spare = *to;
	*to = *a;
	a->data = spare.data;
	a->cap = spare.cap;
	a->len = 0;
	return true;
}

static bool area_put(struct bpf_area *a, const uint8_t *data, size_t len)
{
	if (!len)
		return true; /* an empty piece: a->data may not exist yet */
	if (a->len + len > a->cap) {
		size_t cap = a->cap ? a->cap : 256;
		while (cap < a->len + len)
			cap *= 2;
		uint8_t *const bigger = realloc(a->data, cap);
		if (!bigger)
			return false;
		a->data = bigger;
		a->cap = cap;
	}
	memcpy(a->data + a->len, data, len);
	a->len += len;
	return true;
}

/* ---- writing records ---- */

static uint64_t ts_of(const struct recorder *rec, uint64_t ktime)
{
	return ktime > rec->start_ns ? ktime - rec->start_ns : 0;
}

static void write_loss(struct recorder *rec, uint32_t tid, uint64_t ts, uint64_t count)
{
	if (!count)
		return;
	const struct strtrc_record r = {
	    .kind = STRTRC_LOSS, .tid = tid, .ts_ns = ts, .u.loss = {.count = count}};
	rec_write(rec, &r);
	rec->bpf->lost_reported += count;
	REC_INFO("%u: %llu events lost", tid, (unsigned long long)count);
}

/* The link of /proc/TID/WHAT (a descriptor's path the program could not
 * name, or the working directory) as a result record. */
static void write_resolved(struct recorder *rec, uint32_t tid, const struct bpf_area *a,
			   uint64_t ts)
{
	char path[64], target[PATH_MAX];
	const int64_t fd = (int64_t)a->addr;
	if (fd == SB_FD_CWD)
		snprintf(path, sizeof(path), "/proc/%u/cwd", tid);
	else
		snprintf(path, sizeof(path), "/proc/%u/fd/%lld", tid, (long long)fd);
	const ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		REC_DEBUG("%u: %s: %s", tid, path, strerror(errno));
		return; /* closed already, or gone */
	}
	target[n] = '\0';
	const struct strtrc_record r = {
	    .kind = STRTRC_MEMORY,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.memory = {.stop = STRTRC_AT_EXIT,
			 .arg = STRTRC_ARG_RESULT,
			 .item = a->item,
			 .flags = STRTRC_MEM_STRING | (rec_link_name_is_own(path, target, (size_t)n)
							   ? STRTRC_MEM_NAME_AS_IS
							   : 0),
			 .addr = a->item >= STRTRC_RESULT_REMOTE_FD_ITEM ? (uint64_t)fd : 0,
			 .full_len = (uint64_t)n,
			 .data = {(const uint8_t *)target, (size_t)n}},
	};
	rec_write(rec, &r);
}

static void write_area(struct recorder *rec, uint32_t tid, const struct bpf_area *a, uint64_t ts)
{
	uint32_t flags = a->flags;
	if (a->gap || !a->complete)
		flags |= STRTRC_MEM_UNREADABLE; /* a piece was lost */
	const struct strtrc_record r = {
	    .kind = STRTRC_MEMORY,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.memory = {.stop = a->stop,
			 .arg = a->arg,
			 .item = a->item,
			 .flags = flags,
			 .addr = a->addr,
			 .full_len = a->full_len > a->len ? a->full_len : a->len,
			 .data = {a->data, a->len}},
	};
	rec_write(rec, &r);
}

/* A device's type and number, a pidfd's process or a socket's endpoints
 * (SB_ARG_DEVICE, SB_ARG_PIDFD, SB_ARG_SOCKET), as the ptrace engine
 * records them (fdinfo.c). */
static void write_fd_kind(struct recorder *rec, uint32_t tid, const struct bpf_area *a, uint64_t ts)
{
	uint8_t data[sizeof(struct sb_socket) + 32];
	size_t len;
	if (a->arg == SB_ARG_SOCKET) {
		struct sb_socket so;
		if (a->len != sizeof(so) || a->gap)
			return;
		memcpy(&so, a->data, sizeof(so));
		const struct strtrc_socket s = {
		    .family = so.family,
		    .type = so.type,
		    .protocol = so.protocol,
		    .inode = so.inode,
		    .peer_inode = so.peer_inode,
		    .local = {so.local, so.local_len <= sizeof(so.local) ? so.local_len : 0},
		    .peer = {so.peer, so.peer_len <= sizeof(so.peer) ? so.peer_len : 0},
		    .proto = {(const uint8_t *)so.proto,
			      so.proto_len < sizeof(so.proto) ? so.proto_len : 0},
		};
		if (!(len = strtrc_socket_encode(&s, data, sizeof(data))))
			return;
	} else if (a->arg == SB_ARG_DEVICE) {
		struct sb_device dev;
		if (a->len != sizeof(dev) || a->gap)
			return;
		memcpy(&dev, a->data, sizeof(dev));
		/* the kernel's 12-bit major and 20-bit minor, as stat gives them */
		strtrc_device_encode(dev.mode, makedev(dev.rdev >> 20, dev.rdev & 0xfffff), data);
		len = STRTRC_DEVICE_SIZE;
	} else {
		int32_t pid;
		if (a->len != sizeof(pid) || a->gap)
			return;
		memcpy(&pid, a->data, sizeof(pid));
		strtrc_pidfd_encode(pid, data);
		len = STRTRC_PIDFD_SIZE;
	}
	const struct strtrc_record r = {
	    .kind = STRTRC_MEMORY,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.memory = {.stop = STRTRC_AT_EXIT,
			 .arg = a->arg,
			 .item = a->item,
			 .addr = a->addr,
			 .full_len = len,
			 .data = {data, len}},
	};
	rec_write(rec, &r);
}

/* ip: where the signal found the task, if known (has_ip). */
static void write_signal(struct recorder *rec, uint32_t tid, int32_t signo, const uint8_t *siginfo,
			 bool has_ip, uint64_t ip, uint64_t ts)
{
	const struct strtrc_record r = {
	    .kind = STRTRC_SIGNAL,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.signal = {.signo = signo, .siginfo = {siginfo, 128}, .has_ip = has_ip, .ip = ip},
	};
	rec_write(rec, &r);
	rec->stats.signals++;
}

/* ---- events ---- */

/* The areas collected for a stop other than seq are of a stop whose own
 * event was lost: dropped (the program counted the loss). */
static void areas_for(struct recorder *rec, struct rec_bpf_task *bt, uint32_t seq)
{
	if (bt->seq != seq) {
		rec->bpf->stale_areas += bt->areas.n;
		bt->areas.n = 0;
		bt->seq = seq;
	}
}

static void on_mem(struct recorder *rec, const struct sb_ev_mem *ev, size_t size)
{
	if (size < sizeof(*ev) || size - sizeof(*ev) < ev->len)
		return;
	struct rec_task *const t = task_get(rec, ev->h.tid);
	if (!t)
		return;
	struct rec_bpf_task *const bt = t->bpf;
	areas_for(rec, bt, ev->h.seq);
	struct bpf_area *a = bt->areas.n ? &bt->areas.v[bt->areas.n - 1] : NULL;
	if (!a || a->complete || a->stop != ev->stop || a->arg != ev->arg || a->item != ev->item) {
		if (!(a = area_append(&bt->areas)))
			return;
		a->stop = ev->stop;
		a->arg = ev->arg;
		a->item = ev->item;
		a->gap = ev->offset != 0;
	}
	if (ev->offset == a->len && !a->gap)
		a->gap = !area_put(a, ev->data, ev->len);
	else
		a->gap = true;
	if (ev->h.flags & SB_MEM_LAST) {
		a->complete = true;
		a->hflags = ev->h.flags;
		a->flags = ev->mem_flags;
		a->addr = ev->addr;
		a->full_len = ev->full_len;
	}
}

/* The call task t was blocked in at the attach is in the trace: its entry
 * and captures, before what its exit or end brings. */
static void write_seeded(struct recorder *rec, struct rec_task *t)
{
	struct rec_bpf_task *const bt = t->bpf;
	if (!bt->seeded)
		return;
	bt->seeded = false;
	const struct strtrc_record *const r = &bt->seeded_entry;
	if (rec_write(rec, r) < 0) {
		rec_held_clear(&bt->seeded_mem);
		return;
	}
	rec->stats.syscalls++;
	t->in_syscall = true;
	t->arch = r->u.entry.arch;
	t->nr = r->u.entry.nr;
	memcpy(t->args, r->u.entry.args, sizeof(t->args));
	t->sp = r->u.entry.sp;
	rec_held_write(rec, &bt->seeded_mem);
}

static void drop_seeded(struct rec_task *t)
{
	struct rec_bpf_task *const bt = t->bpf;
	if (bt->seeded)
		REC_DEBUG("%d: the call it was in at the attach had returned", t->tid);
	bt->seeded = false;
	rec_held_clear(&bt->seeded_mem);
}

static void on_syscall_entry(struct recorder *rec, const struct sb_ev_enter *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	struct rec_task *const t = task_get(rec, ev->h.tid);
	if (!t)
		return;
	struct rec_bpf_task *const bt = t->bpf;
	drop_seeded(t);
	write_loss(rec, ev->h.tid, ts, ev->h.lost);
	areas_for(rec, bt, ev->h.seq);
	struct strtrc_record r = {
	    .kind = STRTRC_SYSCALL_ENTRY,
	    .tid = ev->h.tid,
	    .ts_ns = ts,
	    .u.entry = {.arch = ev->arch, .nr = ev->nr, .ip = ev->ip, .sp = ev->sp},
	};
	memcpy(r.u.entry.args, ev->args, sizeof(r.u.entry.args));
	rec_write(rec, &r);
	rec->stats.syscalls++;
	t->in_syscall = true;
	t->arch = ev->arch;
	t->nr = ev->nr;
	memcpy(t->args, ev->args, sizeof(t->args));
	/* captures that met a fault wait for the exit's second reading */
	bt->held.n = 0;
	bt->held_mask = ev->retry_mask;
	if (ev->retry_mask)
		REC_DEBUG(
		    "%u: nr %llu: arguments %#x not resident at entry: read again at the exit",
		    ev->h.tid, (unsigned long long)ev->nr, ev->retry_mask);
	for (size_t i = 0; i < bt->areas.n; i++) {
		struct bpf_area *const a = &bt->areas.v[i];
		if (a->arg < 6 && (ev->retry_mask & (1u << a->arg)) && area_move(&bt->held, a))
			continue;
		write_area(rec, ev->h.tid, a, ts);
	}
	bt->areas.n = 0;
}

/* Fills the vector strings of held (an argument whose strings could not be
 * read at the exec's entry) from the new image's copies in strings. */
static void fill_exec_strings(struct rec_bpf_task *bt, const struct bpf_area *strings)
{
	size_t at = 0;
	for (uint32_t item = 1; at < strings->len; item++) {
		const uint8_t *const s = strings->data + at;
		const uint8_t *const nul = memchr(s, '\0', strings->len - at);
		const size_t len = nul ? (size_t)(nul - s) : strings->len - at;
		at += len + 1;
		for (size_t i = 0; i < bt->held.n; i++) {
			struct bpf_area *const h = &bt->held.v[i];
			if (h->arg != strings->arg || h->item != item ||
			    !(h->flags & STRTRC_MEM_UNREADABLE))
				continue;
			h->len = 0;
			if (area_put(h, s, len)) {
				h->flags = STRTRC_MEM_STRING;
				h->full_len = len;
				h->gap = false;
			}
		}
	}
}

/* Whether held area h is superseded by a second reading in this exit's
 * areas. A second reading of the same item that got no more bytes, and met
 * a fault as the first did, is dropped instead: the fault was no residency
 * problem but the end of the mapping (an fd_set at the end of a page), and
 * the first reading is the call's input, not what the call left there. */
static bool read_again(struct rec_bpf_task *bt, const struct bpf_area *h, uint8_t retried)
{
	for (size_t i = 0; i < bt->areas.n; i++) {
		struct bpf_area *const a = &bt->areas.v[i];
		if (a->stop != STRTRC_AT_ENTRY || (a->hflags & SB_MEM_EXEC_STRINGS) ||
		    a->arg != h->arg || a->item != h->item)
			continue;
		if (a->len > h->len || (a->len == h->len && !(a->flags & STRTRC_MEM_UNREADABLE) &&
					(h->flags & STRTRC_MEM_UNREADABLE)))
			return true;
		a->dropped = true;
		return false;
	}
	return (retried & (1u << h->arg)) != 0;
}

static void write_held(struct recorder *rec, struct rec_task *t, uint8_t retried, uint64_t ts)
{
	struct rec_bpf_task *const bt = t->bpf;
	for (size_t i = 0; i < bt->held.n; i++) {
		if (!read_again(bt, &bt->held.v[i], retried))
			write_area(rec, (uint32_t)t->tid, &bt->held.v[i], ts);
	}
	bt->held.n = 0;
	bt->held_mask = 0;
}

static void flush_signals(struct recorder *rec, struct rec_task *t)
{
	struct rec_bpf_task *const bt = t->bpf;
	for (size_t i = 0; i < bt->nsignals; i++) {
		const struct deferred_signal *const d = &bt->signals[i];
		write_signal(rec, (uint32_t)t->tid, d->signo, d->siginfo, true, d->ip, d->ts);
	}
	bt->nsignals = 0;
}

static void on_syscall_exit(struct recorder *rec, const struct sb_ev_exit *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	struct rec_task *const t = task_get(rec, ev->h.tid);
	if (!t)
		return;
	struct rec_bpf_task *const bt = t->bpf;
	const uint32_t tid = ev->h.tid;
	write_seeded(rec, t);
	write_loss(rec, tid, ts, ev->h.lost);
	areas_for(rec, bt, ev->h.seq);
	/* 1. the entry's captures: those read again, the new image's strings */
	for (size_t i = 0; i < bt->areas.n; i++) {
		const struct bpf_area *const a = &bt->areas.v[i];
		if (a->hflags & SB_MEM_EXEC_STRINGS) {
			REC_DEBUG("%u: exec's argument %u read from the new image", tid, a->arg);
			fill_exec_strings(bt, a);
		}
	}
	write_held(rec, t, ev->retried_mask, ts);
	for (size_t i = 0; i < bt->areas.n; i++) {
		const struct bpf_area *const a = &bt->areas.v[i];
		if (a->stop == STRTRC_AT_ENTRY && !(a->hflags & SB_MEM_EXEC_STRINGS) && !a->dropped)
			write_area(rec, tid, a, ts);
	}
	/* 2. the exit, 3. its captures */
	const struct strtrc_record r = {
	    .kind = STRTRC_SYSCALL_EXIT,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.exit = {.rval = ev->ret, .is_error = ev->ret < 0 && ev->ret >= -4095},
	};
	rec_write(rec, &r);
	for (size_t i = 0; i < bt->areas.n; i++) {
		const struct bpf_area *const a = &bt->areas.v[i];
		if (a->stop != STRTRC_AT_EXIT)
			continue;
		if (a->hflags & SB_MEM_RESOLVE)
			write_resolved(rec, tid, a, ts);
		else if (a->arg == SB_ARG_DEVICE || a->arg == SB_ARG_PIDFD ||
			 a->arg == SB_ARG_SOCKET)
			write_fd_kind(rec, tid, a, ts);
		else
			write_area(rec, tid, a, ts);
	}
	bt->areas.n = 0;
	t->in_syscall = false;
	flush_signals(rec, t);
}

static void on_spawn(struct recorder *rec, const struct sb_ev_spawn *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	write_loss(rec, ev->h.tid, ts, ev->h.lost);
	const struct strtrc_record r = {
	    .kind = STRTRC_SPAWN,
	    .tid = ev->h.tid,
	    .ts_ns = ts,
	    .u.spawn = {.new_tid = ev->new_tid, .how = ev->how, .clone_flags = ev->clone_flags},
	};
	rec_write(rec, &r);
	const bool thread = ev->new_tid != ev->new_tgid;
	struct rec_task *const child = task_get(rec, ev->new_tid);
	if (child)
		child->tgid = (pid_t)ev->new_tgid;
	if (thread)
		rec->stats.threads++;
	else
		rec->stats.processes++;
	REC_INFO("%u: new task %u (flags %#llx)", ev->h.tid, ev->new_tid,
		 (unsigned long long)ev->clone_flags);
}

static void on_exec(struct recorder *rec, const struct sb_ev_exec *ev, size_t size)
{
	if (size < sizeof(*ev) || size - sizeof(*ev) < ev->exe_len)
		return;
	const uint64_t ts = ts_of(rec, ev->h.ts);
	const uint32_t tid = ev->h.tid;
	write_loss(rec, tid, ts, ev->h.lost);
	if (ev->former_tid != tid) {
		/* A thread exec'd: it has the leader's tid now, and its pending
		 * execve, held captures and collected areas come along. */
		struct rec_task *const former = rec_task_find(&rec->tasks, (pid_t)ev->former_tid);
		struct rec_task *const old = rec_task_find(&rec->tasks, (pid_t)tid);
		if (old)
			task_free(rec, old);
		if (former) {
			struct rec_task *const t = rec_task_add(&rec->tasks, (pid_t)tid);
			if (t) {
				*t = *former;
				t->tid = (pid_t)tid;
				former->bpf = NULL;
			}
			rec_task_remove(&rec->tasks, (pid_t)ev->former_tid);
		}
	}
	char exe[PATH_MAX];
	size_t exe_len = ev->exe_len < sizeof(exe) ? ev->exe_len : sizeof(exe);
	memcpy(exe, ev->exe, exe_len);
	if (!exe_len) {
		/* a file the program could not name */
		char path[64];
		snprintf(path, sizeof(path), "/proc/%u/exe", tid);
		const ssize_t n = readlink(path, exe, sizeof(exe));
		exe_len = n > 0 ? (size_t)n : 0;
	}
	const struct strtrc_record r = {
	    .kind = STRTRC_EXEC,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.exec = {.former_tid = ev->former_tid,
		       .exe = {(const uint8_t *)exe, exe_len},
		       .has_ip = ev->ip != 0,
		       .ip = ev->ip},
	};
	rec_write(rec, &r);
	REC_INFO("%u: exec (former tid %u)", tid, ev->former_tid);
}

static void on_task_exit(struct recorder *rec, const struct sb_ev_task_exit *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	const uint32_t tid = ev->h.tid;
	write_loss(rec, tid, ts, ev->h.lost);
	struct rec_task *const t = rec_task_find(&rec->tasks, (pid_t)tid);
	if (t && t->bpf) {
		/* the call it never returned from keeps what it read */
		write_seeded(rec, t);
		write_held(rec, t, 0, ts);
		t->bpf->nsignals = 0; /* never delivered */
	}
	const struct strtrc_record r = {
	    .kind = STRTRC_EXIT,
	    .tid = tid,
	    .ts_ns = ts,
	    .u.task_exit = {.wait_status = ev->exit_code},
	};
	rec_write(rec, &r);
	if (t)
		task_free(rec, t);
	REC_INFO("%u: gone, status %#x%s", tid, (unsigned)ev->exit_code,
		 ev->group_dead ? " (its process too)" : "");
}

/* A task in a pid namespace below strec's, at its start or after a call
 * that may have changed its process group or session: a pid ns record,
 * as the ptrace engine writes from /proc (pidns.c). */
static void on_pidns(struct recorder *rec, const struct sb_ev_pidns *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	write_loss(rec, ev->h.tid, ts, ev->h.lost);
	struct rec_task *const t = task_get(rec, ev->h.tid);
	const uint32_t level = ev->level;
	if (!t || !rec->pid_ns || !level || level >= SB_PIDNS_LEVELS)
		return;
	uint64_t parents[SB_PIDNS_LEVELS];
	for (uint32_t i = 0; i < level; i++)
		parents[i] = ev->ns[level - 1 - i]; /* nearest first, strec's last */
	size_t nids[STRTRC_PID_TYPES];
	const uint32_t *ids[STRTRC_PID_TYPES];
	for (int k = 0; k < STRTRC_PID_TYPES; k++) {
		nids[k] = level + 1;
		ids[k] = ev->ids[k];
	}
	rec_pidns_record(rec, t, ev->ns[level], parents, level, nids, ids, ts);
}

static void on_signal(struct recorder *rec, const struct sb_ev_signal *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	const uint32_t tid = ev->h.tid;
	write_loss(rec, tid, ts, ev->h.lost);
	struct rec_task *const t = task_get(rec, tid);
	if (t)
		write_seeded(rec, t); /* the signal came in it */
	if (t && t->in_syscall && (ev->h.flags & SB_SIG_AT_RETURN)) {
		/* shown when the call returns, where a tracer would see it */
		struct rec_bpf_task *const bt = t->bpf;
		if (bt->nsignals == bt->signals_cap) {
			const size_t cap = bt->signals_cap ? bt->signals_cap * 2 : 4;
			struct deferred_signal *const v = realloc(bt->signals, cap * sizeof(*v));
			if (!v) {
				rec->stats.lost++;
				return;
			}
			bt->signals = v;
			bt->signals_cap = cap;
		}
		struct deferred_signal *const d = &bt->signals[bt->nsignals++];
		d->signo = ev->signo;
		d->ts = ts;
		d->ip = ev->ip; /* where the call returns to */
		memcpy(d->siginfo, ev->siginfo, sizeof(d->siginfo));
		return;
	}
	/* a signal generated for a task in user space: where it was then
	 * running is not known (its registers are saved at kernel entries) */
	write_signal(rec, tid, ev->signo, ev->siginfo, !(ev->h.flags & SB_SIG_AT_RETURN), ev->ip,
		     ts);
	REC_DEBUG("%u: signal %d", tid, ev->signo);
}

static void on_group_stop(struct recorder *rec, const struct sb_ev_group_stop *ev)
{
	const uint64_t ts = ts_of(rec, ev->h.ts);
	write_loss(rec, ev->h.tid, ts, ev->h.lost);
	const struct strtrc_record r = {
	    .kind = STRTRC_GROUP_STOP,
	    .tid = ev->h.tid,
	    .ts_ns = ts,
	    .u.group_stop = {.signo = ev->signo, .has_ip = true, .ip = ev->ip},
	};
	rec_write(rec, &r);
}

static int handle_event(void *ctx, void *data, size_t size)
{
	struct recorder *const rec = ctx;
	if (size < sizeof(struct sb_head))
		return 0;
	const struct sb_head *const h = data;
	struct rec_bpf *const b = rec->bpf;
	if (rec->stop == REC_STOP_MAX_SIZE)
		return 0; /* what came after the limit is not recorded */
	if (h->type != SB_EV_MEM) {
		if (h->ts >= b->last_ts) {
			b->last_ts = h->ts;
		} else {
			b->late_events++;
			if (b->last_ts - h->ts > b->most_late_ns)
				b->most_late_ns = b->last_ts - h->ts;
		}
	}
	switch (h->type) {
	case SB_EV_MEM:
		on_mem(rec, data, size);
		break;
	case SB_EV_ENTER:
		if (size >= sizeof(struct sb_ev_enter))
			on_syscall_entry(rec, data);
		break;
	case SB_EV_EXIT:
		if (size >= sizeof(struct sb_ev_exit))
			on_syscall_exit(rec, data);
		break;
	case SB_EV_SPAWN:
		if (size >= sizeof(struct sb_ev_spawn))
			on_spawn(rec, data);
		break;
	case SB_EV_EXEC:
		on_exec(rec, data, size);
		break;
	case SB_EV_TASK_EXIT:
		if (size >= sizeof(struct sb_ev_task_exit))
			on_task_exit(rec, data);
		break;
	case SB_EV_SIGNAL:
		if (size >= sizeof(struct sb_ev_signal))
			on_signal(rec, data);
		break;
	case SB_EV_GROUP_STOP:
		if (size >= sizeof(struct sb_ev_group_stop))
			on_group_stop(rec, data);
		break;
	case SB_EV_PIDNS:
		if (size >= sizeof(struct sb_ev_pidns))
			on_pidns(rec, data);
		break;
	default:
		break;
	}
	/* --max-size: asked every so many events, since one read of the ring
	 * may hold many thousands */
	if (rec->opts->max_bytes && ++b->since_size_check >= REC_BPF_SIZE_CHECK_EVENTS) {
		b->since_size_check = 0;
		if (rec_size_limit_reached(rec)) {
			rec->stop = REC_STOP_MAX_SIZE;
			return -ECANCELED; /* the rest of this read is left out */
		}
	}
	/* a write error stops the reading; rec_bpf_run sees it */
	return rec->write_failed ? -EIO : 0;
}

/* ---- starting ---- */

static int trace_process(struct rec_bpf *b, pid_t tgid, pid_t only_tid)
{
	const uint32_t key = (uint32_t)tgid, value = (uint32_t)only_tid;
	return bpf_map_update_elem(b->traced_fd, &key, &value, BPF_ANY) < 0 ? -errno : 0;
}

/* What /proc/PID/task/TID/syscall says of a thread blocked in a call. */
struct proc_call {
	uint64_t nr, args[6], sp, ip;
};

/* Whether thread tid of process pid is blocked in a call, which *call says:
 * "NR ARG1 .. ARG6 SP PC" ("running", or -1 outside a call, otherwise). */
static bool read_proc_call(pid_t pid, pid_t tid, struct proc_call *call)
{
	char path[64], text[256];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	const ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return false;
	text[n] = '\0';
	long long nr;
	const int got = sscanf(text,
			       "%lld %" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64
			       " %" SCNx64 " %" SCNx64 " %" SCNx64,
			       &nr, &call->args[0], &call->args[1], &call->args[2], &call->args[3],
			       &call->args[4], &call->args[5], &call->sp, &call->ip);
	if (got != 9 || nr < 0)
		return false;
	call->nr = (uint64_t)nr;
	return true;
}

/* Whether pid is blocked in read(fd, ...). */
static bool blocked_in_read(pid_t pid, int fd)
{
	struct proc_call call;
	return read_proc_call(pid, pid, &call) &&
	       call.nr == (uint64_t)sc_number(&sc_table_x86_64, "read") &&
	       call.args[0] == (uint64_t)fd;
}

/* Waits until the child is blocked reading fd, so that the calls it made
 * before (its fork's return, the signal dispositions strec restores) are
 * not the command's and are not recorded: tracing starts inside that read,
 * whose return is not recorded either (its entry was not). */
static int wait_until_blocked(pid_t pid, int fd)
{
	for (unsigned waited_us = 0; !blocked_in_read(pid, fd); waited_us += 200) {
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return -ECHILD;
		if (waited_us > 10 * 1000 * 1000)
			return -ETIMEDOUT;
		usleep(200);
	}
	return 0;
}

/* Forks the command, which waits on a pipe until it is in the traced set,
 * then runs: its first recorded call is its execve. It takes on -u's user
 * before it waits (nothing needs root after that, and no call of strec's
 * own is recorded). */
static int spawn_held(struct recorder *rec, const char *path, char *const *env,
		      const struct rec_run_as *run_as, char *msg, size_t msg_size)
{
	const struct rec_options *const o = rec->opts;
	int go[2];
	if (pipe2(go, O_CLOEXEC) < 0) {
		snprintf(msg, msg_size, "pipe: %s", strerror(errno));
		return -errno;
	}
	const pid_t pid = fork();
	if (pid < 0) {
		const int err = errno;
		close(go[0]);
		close(go[1]);
		snprintf(msg, msg_size, "fork: %s", strerror(err));
		return -err;
	}
	if (pid == 0) {
		rec_prepare_command(o, run_as);
		rec_become_user(run_as);
		close(go[1]);
		char byte;
		ssize_t n;
		while ((n = read(go[0], &byte, 1)) < 0 && errno == EINTR) {
		}
		if (n != 1)
			_exit(127); /* strec gave up */
		execve(path, o->command, env);
		fprintf(stderr, "strec: cannot run '%s': %s\n", path, strerror(errno));
		_exit(127);
	}
	const int child_fd = go[0];
	close(go[0]);
	rec->main_pid = pid;
	int rc = wait_until_blocked(pid, child_fd);
	if (rc == 0)
		rc = trace_process(rec->bpf, pid, o->follow_forks ? 0 : pid);
	if (rc < 0) {
		close(go[1]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		snprintf(msg, msg_size, "cannot trace the command: %s", strerror(-rc));
		return rc;
	}
	struct rec_task *const t = task_get(rec, (uint32_t)pid);
	if (t)
		t->tgid = pid;
	rec->stats.processes++;
	/* what the command starts with (stdin, stdout, ...), for -y */
	rec_write_snapshot(rec, pid, true);
	if (write(go[1], "g", 1) != 1) {
		const int err = errno;
		close(go[1]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		snprintf(msg, msg_size, "cannot start the command: %s", strerror(err));
		return -err;
	}
	close(go[1]);
	return 0;
}

/* ---- a call in progress at the attach ---- */

/* The seq of the entry recorded here: the program counts on from it. */
#define REC_BPF_ATTACH_SEQ 1u
/* Whether process pid runs a 64-bit program (its exe's ELF class): the
 * numbers /proc gives of a blocked call are of its table. */
static bool is_64bit_process(pid_t pid)
{
	char path[64];
	unsigned char ident[5];
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	const bool elf64 = read(fd, ident, sizeof(ident)) == (ssize_t)sizeof(ident) &&
			   !memcmp(ident, ELFMAG, SELFMAG) && ident[EI_CLASS] == ELFCLASS64;
	close(fd);
	return elf64;
}

/* Thread tid of process pid, attached to while blocked in a call (read,
 * accept, a wait): that call is recorded as the ptrace engine records it
 * (the attach interrupts it and a tracer sees it enter again): its entry
 * with its inputs as they are now, and its exit when it returns, which the
 * program records from the state written here into its task storage, as
 * if it had seen the entry. Whether the call was still in progress then is
 * known at the thread's next event (write_seeded, drop_seeded). */
static void record_call_in_progress(struct recorder *rec, pid_t pid, pid_t tid)
{
	struct rec_bpf *const b = rec->bpf;
	const uint64_t ts = strec_monotonic_ns() - rec->start_ns;
	struct proc_call call;
	if (!read_proc_call(pid, tid, &call) || call.nr >= SB_MAX_NR || !is_64bit_process(pid))
		return;
	const uint32_t nr = (uint32_t)call.nr;
	struct sb_syscall_plan plan;
	if (bpf_map_lookup_elem(bpf_map__fd(b->skel->maps.plan), &nr, &plan) < 0 ||
	    !(plan.flags & SB_PLAN_RECORD))
		return;
	struct rec_task *const t = task_get(rec, (uint32_t)tid);
	const int pidfd = t ? rec_pidfd_open(tid) : -1;
	if (pidfd < 0) {
		REC_INFO("%d: its call in progress is not recorded: pidfd_open: %s", tid,
			 strerror(errno));
		return;
	}
	struct sb_task_state st = {.sp = call.sp,
				   .nr = call.nr,
				   .seq = REC_BPF_ATTACH_SEQ,
				   .in_syscall = 1,
				   .recorded = 1,
				   .seeded = 1};
	memcpy(st.args, call.args, sizeof(st.args));
	/* none there: the program has seen no call of the thread since the
	 * attach began */
	const int rc =
	    bpf_map_update_elem(bpf_map__fd(b->skel->maps.tasks), &pidfd, &st, BPF_NOEXIST);
	close(pidfd);
	if (rc < 0)
		return;
	struct rec_bpf_task *const bt = t->bpf;
	bt->seeded_entry = (struct strtrc_record){
	    .kind = STRTRC_SYSCALL_ENTRY,
	    .tid = (uint32_t)tid,
	    .ts_ns = ts,
	    .u.entry = {.arch = SC_AUDIT_ARCH_X86_64, .nr = call.nr, .ip = call.ip, .sp = call.sp},
	};
	memcpy(bt->seeded_entry.u.entry.args, call.args, sizeof(call.args));
	t->arch = SC_AUDIT_ARCH_X86_64;
	t->nr = call.nr;
	memcpy(t->args, call.args, sizeof(t->args));
	const struct sc_desc *const desc =
	    sc_lookup(sc_table_for_arch(SC_AUDIT_ARCH_X86_64), call.nr);
	rec->hold = &bt->seeded_mem;
	if (desc)
		rec_capture(rec, t, desc, STRTRC_AT_ENTRY, 0, ts);
	rec->hold = NULL;
	bt->seeded = true;
	REC_INFO("%d: attached in a call (nr %u)", tid, nr);
}

/* Whether thread tid is in the call it was blocked in at the attach
 * still: the program's state of it is the one written then. */
static bool in_seeded_call(const struct rec_bpf *b, pid_t tid)
{
	const int pidfd = rec_pidfd_open(tid);
	if (pidfd < 0)
		return false;
	struct sb_task_state st;
	const bool in = bpf_map_lookup_elem(bpf_map__fd(b->skel->maps.tasks), &pidfd, &st) == 0 &&
			st.seeded && st.in_syscall;
	close(pidfd);
	return in;
}

/* -p: the process and every thread it has or will have, without stopping
 * it (a debugger may be attached already). */
static int attach_process(struct recorder *rec, pid_t pid, char *msg, size_t msg_size)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	struct stat st;
	if (stat(path, &st) < 0 || kill(pid, 0) < 0) {
		snprintf(msg, msg_size, "cannot attach to %d: no such process", pid);
		return -ESRCH;
	}
	char status_path[64], status[4096];
	snprintf(status_path, sizeof(status_path), "/proc/%d/status", pid);
	FILE *const f = fopen(status_path, "re");
	const size_t n = f ? fread(status, 1, sizeof(status) - 1, f) : 0;
	if (f)
		fclose(f);
	status[n] = '\0';
	const char *const tgid_line = strstr(status, "\nTgid:");
	if (tgid_line && (pid_t)strtol(tgid_line + 6, NULL, 10) != pid) {
		snprintf(msg, msg_size,
			 "cannot attach to %d: a thread, not a process (its process "
			 "is %ld)",
			 pid, strtol(tgid_line + 6, NULL, 10));
		return -EINVAL;
	}
	const int rc = trace_process(rec->bpf, pid, 0);
	if (rc < 0) {
		snprintf(msg, msg_size, "cannot attach to %d: %s", pid, strerror(-rc));
		return rc;
	}
	rec->stats.processes++;
	/* its threads, known from now on: detaching names them */
	DIR *const dir = opendir(path);
	const struct dirent *d;
	while (dir && (d = readdir(dir))) {
		const long tid = strtol(d->d_name, NULL, 10);
		struct rec_task *const t = tid > 0 ? task_get(rec, (uint32_t)tid) : NULL;
		if (t)
			t->tgid = pid;
	}
	if (dir)
		closedir(dir);
	const int rc_snapshot = rec_write_snapshot(rec, pid, false);
	if (rc_snapshot < 0)
		return rc_snapshot;
	/* its threads' ids in a pid namespace below strec's, and the calls they
	 * are blocked in, after the snapshot as the ptrace engine has them */
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		struct rec_task *const t = rec->tasks.slots[i];
		if (t && t->tgid == pid) {
			rec_pidns_check(rec, t, 0);
			record_call_in_progress(rec, pid, t->tid);
		}
	}
	REC_INFO("%d: attached", pid);
	return 0;
}

int rec_bpf_start(struct recorder *rec, const char *command_path, char *const *env,
		  const struct rec_run_as *run_as, char *msg, size_t msg_size)
{
	assert(rec && rec->bpf);
	const struct rec_options *const o = rec->opts;
	if (o->command)
		return spawn_held(rec, command_path, env, run_as, msg, msg_size);
	for (size_t i = 0; i < o->nattach; i++) {
		const int rc = attach_process(rec, o->attach_pids[i], msg, msg_size);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- the loop ---- */

static bool anything_traced(const struct rec_bpf *b)
{
	uint32_t key;
	return bpf_map_get_next_key(b->traced_fd, NULL, &key) == 0;
}

/* Stops tracing every process and says so for every task known alive. */
static void detach_all(struct recorder *rec)
{
	struct rec_bpf *const b = rec->bpf;
	uint32_t key;
	while (bpf_map_get_next_key(b->traced_fd, NULL, &key) == 0)
		bpf_map_delete_elem(b->traced_fd, &key);
	ring_buffer__consume(b->ring);
	const uint64_t ts = strec_monotonic_ns() - rec->start_ns;
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		struct rec_task *const t = rec->tasks.slots[i];
		if (!t)
			continue;
		if (t->bpf && t->bpf->seeded) {
			if (in_seeded_call(b, t->tid))
				write_seeded(rec, t);
			else
				drop_seeded(t);
		}
		write_held(rec, t, 0, ts);
		const struct strtrc_record r = {
		    .kind = STRTRC_DETACH, .tid = (uint32_t)t->tid, .ts_ns = ts};
		rec_write(rec, &r);
		REC_INFO("%d: detached", t->tid);
	}
	while (rec->tasks.count) {
		for (size_t i = 0; i < rec->tasks.capacity; i++) {
			if (rec->tasks.slots[i]) {
				task_free(rec, rec->tasks.slots[i]);
				break;
			}
		}
	}
}

/* Events lost that no loss record names (their task's next event was lost
 * too, or the task is gone): one record for them, tid 0. */
static void account_losses(struct recorder *rec)
{
	struct rec_bpf *const b = rec->bpf;
	const int cpus = libbpf_num_possible_cpus();
	uint64_t *const per_cpu = cpus > 0 ? calloc((size_t)cpus, sizeof(*per_cpu)) : NULL;
	const uint32_t zero = 0;
	uint64_t total = 0;
	if (per_cpu &&
	    bpf_map_lookup_elem(bpf_map__fd(b->skel->maps.lost_events), &zero, per_cpu) == 0) {
		for (int c = 0; c < cpus; c++) {
			total += per_cpu[c];
			if (per_cpu[c])
				REC_INFO("cpu %d: %llu events lost", c,
					 (unsigned long long)per_cpu[c]);
		}
	}
	free(per_cpu);
	/* a program that could not run (nested on one CPU) lost its event */
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, b->skel->obj)
	{
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) == 0 &&
		    info.recursion_misses) {
			REC_INFO("%s: %llu runs missed", bpf_program__name(prog),
				 (unsigned long long)info.recursion_misses);
			total += info.recursion_misses;
		}
	}
	if (total > b->lost_reported)
		write_loss(rec, 0, strec_monotonic_ns() - rec->start_ns, total - b->lost_reported);
	rec->stats.lost += total > b->lost_reported ? total : b->lost_reported;
	if (b->stale_areas)
		REC_INFO("%llu captures dropped with their lost syscall stops",
			 (unsigned long long)b->stale_areas);
	if (b->late_events)
		REC_INFO("%llu events came after a later one, by %llu ns at most (the trace evens "
			 "them out)",
			 (unsigned long long)b->late_events, (unsigned long long)b->most_late_ns);
}

/* Reaps strec's children that ended: the command, and the processes it
 * cloned with CLONE_PARENT, whose parent strec is (strace reaps them too: a
 * program that waits for such a child to go would otherwise never end). */
static void reap_children(struct recorder *rec)
{
	for (;;) {
		int status;
		const pid_t w = waitpid(-1, &status, WNOHANG);
		if (w <= 0)
			return;
		if (w == rec->main_pid && !rec->main_done) {
			rec->main_status = status;
			rec->main_done = true;
		}
	}
}

int rec_bpf_run(struct recorder *rec)
{
	struct rec_bpf *const b = rec->bpf;
	const struct rec_options *const o = rec->opts;
	assert(b);
	int rc = 0;
	for (;;) {
		int n = ring_buffer__poll(b->ring, REC_BPF_POLL_MS);
		/* The programs wake strec only when much is pending: what came
		 * since, taken at the poll's timeout (poll takes only what woke
		 * it), so that nothing waits longer than that. */
		if (n == 0 || n == -EINTR)
			n = ring_buffer__consume(b->ring);
		if (rec->stop == REC_STOP_MAX_SIZE)
			n = 0; /* the handler stopped the reading */
		if (rec->write_failed)
			break;
		if (n < 0 && n != -EINTR) {
			rc = n;
			break;
		}
		reap_children(rec);
		if (rec_flush_due) {
			rec_flush_due = 0;
			if (strtrc_writer_flush(rec->writer) < 0 && !rec->write_failed) {
				rec->write_failed = true;
				snprintf(rec->write_error, sizeof(rec->write_error), "%s",
					 strtrc_writer_error(rec->writer));
			}
			if (rec->opts->progress)
				rec_progress_show(rec);
		}
		if (!rec->stop && rec_detach_requested)
			rec->stop = REC_STOP_SIGNAL;
		if (!rec->stop && o->duration_ns &&
		    strec_monotonic_ns() - rec->start_ns >= o->duration_ns)
			rec->stop = REC_STOP_DURATION;
		if (rec->stop) {
			/* the processes go on untraced; strec waits for its
			 * command after closing the trace */
			REC_INFO("recording stops (reason %d)", (int)rec->stop);
			detach_all(rec);
			break;
		}
		if (!anything_traced(b)) {
			/* all gone: what they sent last is in the ring */
			ring_buffer__consume(b->ring);
			break;
		}
	}
	if (rec->write_failed) {
		/* stop tracing: the programs go on untraced */
		uint32_t key;
		while (bpf_map_get_next_key(b->traced_fd, NULL, &key) == 0)
			bpf_map_delete_elem(b->traced_fd, &key);
		return 0;
	}
	/* the command itself may still be a zombie: reap it */
	while (rec->main_pid && !rec->main_done && !rec->stop) {
		int status;
		const pid_t w = waitpid(rec->main_pid, &status, 0);
		if (w == rec->main_pid) {
			rec->main_status = status;
			rec->main_done = true;
		} else if (w < 0 && errno != EINTR) {
			break;
		}
	}
	account_losses(rec);
	return rc;
}
