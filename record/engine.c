/* The ptrace event loop: waits for stops of every tracee, records what each
 * stop means, and resumes the tracee exactly as it would have gone on
 * without us (signals re-injected, group-stops kept with PTRACE_LISTEN). */
#include "recorder.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

volatile int rec_detach_requested;
volatile int rec_flush_due;

#define REC_WAIT_BATCH 256

static uint64_t now_ts(const struct recorder *rec)
{
	return strec_monotonic_ns() - rec->start_ns;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Resumes a tracee. Under our seccomp filter, tracees run freely (PTRACE_CONT)
 * except between a traced syscall's seccomp stop and its exit, and except
 * threads with a filter of their own. */
static void resume(struct recorder *rec, struct rec_task *task, int sig)
{
	const bool to_exit = task->in_syscall;
	const enum __ptrace_request how =
	    rec->seccomp_active && !to_exit && !task->own_seccomp ? PTRACE_CONT : PTRACE_SYSCALL;
	if (ptrace(how, task->tid, NULL, (void *)(long)sig) < 0 && errno != ESRCH)
		REC_INFO("resume %d: %s", task->tid, strerror(errno));
}

static void record_simple(struct recorder *rec, enum strtrc_kind kind, pid_t tid, uint64_t ts)
{
	const struct strtrc_record r = {.kind = kind, .tid = (uint32_t)tid, .ts_ns = ts};
	rec_write(rec, &r);
}

static bool is_exec(const struct sc_desc *desc)
{
	/* the lifecycle calls with an argv: execve, execveat */
	return desc && (desc->classes & SC_CLASS_LIFECYCLE) && sc_strvec_arg(desc) >= 0;
}

static void on_syscall_entry(struct recorder *rec, struct rec_task *task,
			     const struct __ptrace_syscall_info *info, uint64_t ts,
			     bool from_seccomp)
{
	const uint64_t nr = from_seccomp ? info->seccomp.nr : info->entry.nr;
	const uint64_t *const args = from_seccomp ? info->seccomp.args : info->entry.args;
	task->arch = info->arch;
	task->nr = nr;
	memcpy(task->args, args, sizeof(task->args));
	task->sp = info->stack_pointer;
	task->in_syscall = true;
	const struct sc_table *const table = sc_table_for_arch(info->arch);
	const struct sc_desc *const desc = table ? sc_lookup(table, nr) : NULL;
	if (task->before_exec && !is_exec(desc)) {
		task->skip_syscall = true; /* strec's own call in the child */
		return;
	}
	task->before_exec = false;
	const bool lifecycle = desc && (desc->classes & SC_CLASS_LIFECYCLE);
	task->skip_syscall = !lifecycle && !strec_filter_match(&rec->opts->filter, info->arch, nr);
	if (task->skip_syscall)
		return;
	const struct strtrc_record r = {
	    .kind = STRTRC_SYSCALL_ENTRY,
	    .tid = (uint32_t)task->tid,
	    .ts_ns = ts,
	    .u.entry = {.arch = info->arch,
			.nr = nr,
			.ip = info->instruction_pointer,
			.sp = info->stack_pointer},
	};
	memcpy((void *)r.u.entry.args, args, sizeof(r.u.entry.args));
	if (rec_write(rec, &r) < 0)
		return;
	rec->stats.syscalls++;
	if (desc)
		rec_capture(rec, task, desc, STRTRC_AT_ENTRY, 0, ts);
}

/* A seccomp or prctl call of task succeeded. If it installed a filter, the
 * program's own filter now runs before ours, and may fail calls
 * (SECCOMP_RET_ERRNO) without our filter's stop: the threads that have it
 * stop at every syscall entry from now on. They are the caller, the tasks
 * it creates from now on and, with SECCOMP_FILTER_FLAG_TSYNC, every thread
 * of its process. */
static void on_seccomp_call_done(struct recorder *rec, struct rec_task *task,
				 const struct sc_desc *desc)
{
	bool all_threads = false;
	if (desc->args[0].type == SC_X_SECCOMP_OP) {
		if (task->args[0] != SECCOMP_SET_MODE_FILTER)
			return;
		all_threads = task->args[1] & SECCOMP_FILTER_FLAG_TSYNC;
	} else {
		assert(desc->args[0].type == SC_X_PRCTL_OPTION);
		if (task->args[0] != PR_SET_SECCOMP || task->args[1] != SECCOMP_MODE_FILTER)
			return;
	}
	task->own_seccomp = true;
	rec->own_seccomp_seen = true;
	REC_INFO("%d: seccomp filter of its own%s", task->tid, all_threads ? ", all threads" : "");
	if (!all_threads)
		return;
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		struct rec_task *const other = rec->tasks.slots[i];
		if (!other || other == task || other->tgid != task->tgid || other->own_seccomp)
			continue;
		other->own_seccomp = true;
		/* It may be running under PTRACE_CONT: stop it, so that it is
		 * resumed with PTRACE_SYSCALL. */
		if (ptrace(PTRACE_INTERRUPT, other->tid, NULL, NULL) < 0 && errno != ESRCH)
			REC_INFO("%d: PTRACE_INTERRUPT: %s", other->tid, strerror(errno));
	}
}

static void on_syscall_exit(struct recorder *rec, struct rec_task *task,
			    const struct __ptrace_syscall_info *info, uint64_t ts)
{
	if (!task->in_syscall) {
		/* Attached in the middle of a call: its entry was never seen. */
		REC_DEBUG("%d: exit without entry, not recorded", task->tid);
		return;
	}
	task->in_syscall = false;
	const struct sc_table *const table = sc_table_for_arch(task->arch);
	const struct sc_desc *const desc = table ? sc_lookup(table, task->nr) : NULL;
	if (desc && (desc->classes & SC_CLASS_SECCOMP) && !info->exit.is_error)
		on_seccomp_call_done(rec, task, desc);
	/* a process's group or session changed: its ids in other pid
	 * namespaces too, recorded whatever the filter */
	const bool ids_changed =
	    desc && (desc->classes & SC_CLASS_SETS_PGRP) && !info->exit.is_error;
	if (task->skip_syscall) {
		if (ids_changed)
			rec_pidns_after_call(rec, task, ts);
		return;
	}
	const struct strtrc_record r = {
	    .kind = STRTRC_SYSCALL_EXIT,
	    .tid = (uint32_t)task->tid,
	    .ts_ns = ts,
	    .u.exit = {.rval = info->exit.rval, .is_error = info->exit.is_error != 0},
	};
	if (rec_write(rec, &r) < 0)
		return;
	if (desc && rec_capture(rec, task, desc, STRTRC_AT_EXIT, info->exit.rval, ts) == 0 &&
	    (desc->classes & SC_CLASSES_RESULT))
		rec_capture_result(rec, task, desc, info->exit.rval, ts);
	if (ids_changed)
		rec_pidns_after_call(rec, task, ts);
}

static void on_syscall_stop(struct recorder *rec, struct rec_task *task, uint64_t ts)
{
	struct __ptrace_syscall_info info;
	memset(&info, 0, sizeof(info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, task->tid, (void *)sizeof(info), &info) < 0) {
		if (errno != ESRCH)
			REC_INFO("%d: PTRACE_GET_SYSCALL_INFO: %s", task->tid, strerror(errno));
		return;
	}
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		REC_DEBUG("%d: entry nr=%llu", task->tid, (unsigned long long)info.entry.nr);
		on_syscall_entry(rec, task, &info, ts, false);
		break;
	case PTRACE_SYSCALL_INFO_SECCOMP:
		REC_DEBUG("%d: seccomp entry nr=%llu", task->tid,
			  (unsigned long long)info.seccomp.nr);
		on_syscall_entry(rec, task, &info, ts, true);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		REC_DEBUG("%d: exit rval=%lld", task->tid, (long long)info.exit.rval);
		on_syscall_exit(rec, task, &info, ts);
		break;
	default:
		REC_DEBUG("%d: syscall stop with op %u", task->tid, info.op);
		break;
	}
}

/* Makes the call task is stopped in fail with ENOSYS without running, as
 * the kernel does when a filter returns SECCOMP_RET_TRACE and no tracer
 * asked for seccomp stops. */
static void fail_with_enosys(pid_t tid)
{
	if (ptrace(PTRACE_POKEUSER, tid, (void *)offsetof(struct user_regs_struct, orig_rax),
		   (void *)-1L) < 0 ||
	    ptrace(PTRACE_POKEUSER, tid, (void *)offsetof(struct user_regs_struct, rax),
		   (void *)(long)-ENOSYS) < 0) {
		if (errno != ESRCH)
			REC_INFO("%d: cannot skip the call: %s", tid, strerror(errno));
	}
}

/* A seccomp stop: our filter's (the entry of a call to record), or the
 * program's own filter's SECCOMP_RET_TRACE, which we answer as the kernel
 * would without a tracer. A thread that stops at every entry has had its
 * entry stop for this call already. */
static void on_seccomp_stop(struct recorder *rec, struct rec_task *task, uint64_t ts)
{
	unsigned long data = REC_SECCOMP_TAG;
	if (ptrace(PTRACE_GETEVENTMSG, task->tid, NULL, &data) < 0 && errno == ESRCH)
		return;
	if (!task->in_syscall)
		on_syscall_stop(rec, task, ts);
	if (data != REC_SECCOMP_TAG) {
		REC_DEBUG("%d: SECCOMP_RET_TRACE of the program's filter (data %#lx): ENOSYS",
			  task->tid, data);
		fail_with_enosys(task->tid);
	}
}

static void on_new_task(struct recorder *rec, struct rec_task *parent, pid_t new_tid, int event,
			uint64_t ts)
{
	struct rec_task *const child = rec_task_add(&rec->tasks, new_tid);
	if (!child) {
		rec->stats.lost++;
		return;
	}
	/* The parent's fork/clone syscall decides what the child is. */
	uint64_t flags = 0;
	uint8_t how = STRTRC_SPAWN_CLONE;
	if (event == PTRACE_EVENT_FORK) {
		how = STRTRC_SPAWN_FORK;
	} else if (event == PTRACE_EVENT_VFORK) {
		how = STRTRC_SPAWN_VFORK;
		flags = 0x4000 | 0x100; /* CLONE_VFORK | CLONE_VM */
	}
	if (parent->in_syscall && parent->arch == SC_AUDIT_ARCH_X86_64) {
		if (parent->nr == 56) { /* clone: flags are the first argument */
			flags = parent->args[0];
		} else if (parent->nr == 435 && parent->args[0]) { /* clone3: struct clone_args */
			size_t got = 0;
			uint64_t clone3_flags = 0;
			if (rec_mem_read(parent->tid, parent->args[0], &clone3_flags, 8, &got) ==
			    REC_READ_OK)
				flags = clone3_flags;
		}
	}
	const bool thread = sc_clone_makes_thread(flags);
	if (thread)
		rec->stats.threads++;
	else
		rec->stats.processes++;
	child->tgid = thread ? parent->tgid : new_tid;
	child->own_seccomp = parent->own_seccomp; /* filters are inherited */
	const struct strtrc_record r = {
	    .kind = STRTRC_SPAWN,
	    .tid = (uint32_t)parent->tid,
	    .ts_ns = ts,
	    .u.spawn = {.new_tid = (uint32_t)new_tid, .how = how, .clone_flags = flags},
	};
	rec_write(rec, &r);
	rec_pidns_check(rec, child, ts);
	REC_INFO("%d: new task %d (flags %#llx)", parent->tid, new_tid, (unsigned long long)flags);
}

/* Where a stopped task is, for strace -i's "[ip] --- SIGx ... ---"
 * (and the new image's entry before "+++ superseded by execve"): the
 * kernel reports it at any ptrace stop. false when it does not. */
static bool stopped_ip(pid_t tid, uint64_t *ip)
{
	struct __ptrace_syscall_info info;
	memset(&info, 0, sizeof(info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof(info), &info) < 0)
		return false;
	*ip = info.instruction_pointer;
	return true;
}

static void on_exec(struct recorder *rec, struct rec_task *task, uint64_t ts)
{
	unsigned long former = (unsigned long)task->tid;
	ptrace(PTRACE_GETEVENTMSG, task->tid, NULL, &former);
	if ((pid_t)former != task->tid) {
		/* A non-leader thread exec'd: it takes over the leader's tid,
		 * and the syscall in progress is the former thread's execve. */
		const struct rec_task *const old = rec_task_find(&rec->tasks, (pid_t)former);
		if (old) {
			const pid_t tid = task->tid;
			*task = *old;
			task->tid = tid;
			rec_task_remove(&rec->tasks, (pid_t)former);
		}
	}
	task->startup = false;
	task->before_exec = false;
	char path[64], exe[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)rec_proc_pid(rec, task->tid));
	const ssize_t n = readlink(path, exe, sizeof(exe));
	struct strtrc_record r = {
	    .kind = STRTRC_EXEC,
	    .tid = (uint32_t)task->tid,
	    .ts_ns = ts,
	    .u.exec = {.former_tid = (uint32_t)former,
		       .exe = {.data = (const uint8_t *)exe, .len = n > 0 ? (size_t)n : 0}},
	};
	r.u.exec.has_ip = stopped_ip(task->tid, &r.u.exec.ip);
	rec_write(rec, &r);
	REC_INFO("%d: exec (former tid %lu)", task->tid, former);
}

static void on_task_gone(struct recorder *rec, pid_t tid, int status, uint64_t ts)
{
	const struct strtrc_record r = {
	    .kind = STRTRC_EXIT,
	    .tid = (uint32_t)tid,
	    .ts_ns = ts,
	    .u.task_exit = {.wait_status = status},
	};
	rec_write(rec, &r);
	rec_pidns_forget(rec, rec_task_find(&rec->tasks, tid));
	rec_task_remove(&rec->tasks, tid);
	if (tid == rec->main_pid) {
		rec->main_status = status;
		rec->main_done = true;
	}
	REC_INFO("%d: gone, status %#x", tid, status);
}

static void on_signal(struct recorder *rec, struct rec_task *task, int sig, uint64_t ts)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	if (ptrace(PTRACE_GETSIGINFO, task->tid, NULL, &si) < 0) {
		if (errno == EINVAL) {
			/* No siginfo: this is a group-stop (non-SEIZE semantics). */
			resume(rec, task, 0);
			return;
		}
		if (errno == ESRCH)
			return;
	}
	if (task->startup && sig == SIGCONT && si.si_code == SI_USER && si.si_pid == getpid()) {
		/* Our own SIGCONT that released the command at start. */
		task->startup = false;
		resume(rec, task, sig);
		return;
	}
	struct strtrc_record r = {
	    .kind = STRTRC_SIGNAL,
	    .tid = (uint32_t)task->tid,
	    .ts_ns = ts,
	    .u.signal = {.signo = sig,
			 .siginfo = {.data = (const uint8_t *)&si, .len = sizeof(si)}},
	};
	r.u.signal.has_ip = stopped_ip(task->tid, &r.u.signal.ip);
	rec_write(rec, &r);
	rec->stats.signals++;
	REC_DEBUG("%d: signal %d", task->tid, sig);
	resume(rec, task, sig);
}

static void on_event_stop(struct recorder *rec, struct rec_task *task, int sig, uint64_t ts)
{
	if (is_stop_signal(sig)) {
		/* Group-stop: stay stopped, but keep receiving events (SIGCONT). */
		/* The stop strec itself caused before the command's exec is not
		 * the command's. */
		if (!task->group_stopped && !task->startup) {
			struct strtrc_record r = {
			    .kind = STRTRC_GROUP_STOP,
			    .tid = (uint32_t)task->tid,
			    .ts_ns = ts,
			    .u.group_stop = {.signo = sig},
			};
			r.u.group_stop.has_ip = stopped_ip(task->tid, &r.u.group_stop.ip);
			rec_write(rec, &r);
		}
		task->group_stopped = true;
		REC_DEBUG("%d: group-stop %d, listening", task->tid, sig);
		if (ptrace(PTRACE_LISTEN, task->tid, NULL, NULL) < 0 && errno != ESRCH)
			REC_INFO("%d: PTRACE_LISTEN: %s", task->tid, strerror(errno));
		return;
	}
	/* New child's first stop, PTRACE_INTERRUPT, or wake-up after SIGCONT. */
	task->group_stopped = false;
	REC_DEBUG("%d: event stop (sig %d), resuming", task->tid, sig);
	resume(rec, task, 0);
}

static void dispatch(struct recorder *rec, pid_t tid, int status)
{
	const uint64_t ts = now_ts(rec);
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		/* without following, a child the command made with CLONE_PARENT
		 * is ours but untraced: strace says nothing of its end */
		if (rec->opts->follow_forks || rec_task_find(&rec->tasks, tid))
			on_task_gone(rec, tid, status, ts);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	struct rec_task *task = rec_task_find(&rec->tasks, tid);
	if (!task && !rec->opts->follow_forks) {
		/* a child made with CLONE_PTRACE, attached to us by the kernel
		 * though not followed: its only stop is the initial one */
		if (ptrace(PTRACE_DETACH, tid, NULL, NULL) < 0)
			REC_INFO("%d: PTRACE_DETACH: %s", tid, strerror(errno));
		REC_INFO("%d: detached unknown pid", tid);
		return;
	}
	if (!task) {
		/* A new child whose parent's fork event has not come yet. */
		task = rec_task_add(&rec->tasks, tid);
		if (!task) {
			rec->stats.lost++;
			return;
		}
		/* Until the parent's event says what it is: its own process,
		 * stopping at every call if its parent might have a filter. */
		task->tgid = tid;
		task->own_seccomp = rec->own_seccomp_seen;
		REC_DEBUG("%d: stop from a task not seen yet", tid);
	}
	const int sig = WSTOPSIG(status);
	const int event = (unsigned)status >> 16;
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_stop(rec, task, ts);
		resume(rec, task, 0);
		return;
	}
	switch (event) {
	case 0:
		on_signal(rec, task, sig, ts);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE: {
		unsigned long new_tid = 0;
		if (ptrace(PTRACE_GETEVENTMSG, tid, NULL, &new_tid) == 0 && new_tid)
			on_new_task(rec, task, (pid_t)new_tid, event, ts);
		break;
	}
	case PTRACE_EVENT_EXEC:
		on_exec(rec, task, ts);
		break;
	case PTRACE_EVENT_SECCOMP:
		on_seccomp_stop(rec, task, ts);
		break;
	case PTRACE_EVENT_EXIT:
		REC_DEBUG("%d: exiting", tid);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(rec, task, sig, ts);
		return;
	default:
		REC_DEBUG("%d: unknown event %d", tid, event);
		break;
	}
	if (task)
		resume(rec, task, 0);
}

/* Detaches from every tracee: interrupt each, wait for its stop, detach
 * with any pending signal so the processes go on as if never traced. A
 * child created meanwhile is traced already: it is detached too, at its
 * first stop, whether that comes before or after its parent's event. */
static void detach_all(struct recorder *rec)
{
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		const struct rec_task *const task = rec->tasks.slots[i];
		if (task && ptrace(PTRACE_INTERRUPT, task->tid, NULL, NULL) < 0 && errno == ESRCH)
			REC_DEBUG("%d: gone before detach", task->tid);
	}
	while (rec->tasks.count > 0) {
		int status;
		const pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nothing left to wait for */
		}
		const uint64_t ts = now_ts(rec);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (rec_task_find(&rec->tasks, tid))
				on_task_gone(rec, tid, status, ts);
			continue;
		}
		struct rec_task *const task = rec_task_find(&rec->tasks, tid);
		const int event = (unsigned)status >> 16;
		if (task && (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
			     event == PTRACE_EVENT_CLONE)) {
			/* Wait for the child's first stop, unless it came first
			 * and the child is detached already. */
			unsigned long child = 0;
			ptrace(PTRACE_GETEVENTMSG, tid, NULL, &child);
			if (child && !rec_task_find(&rec->tasks, (pid_t)child) &&
			    rec_tracer_of((pid_t)child) == getpid())
				on_new_task(rec, task, (pid_t)child, event, ts);
		} else if (task && event == PTRACE_EVENT_EXEC) {
			/* A thread that exec'd took the leader's tid: the former
			 * tid reports nothing more. */
			unsigned long former = (unsigned long)tid;
			ptrace(PTRACE_GETEVENTMSG, tid, NULL, &former);
			if ((pid_t)former != tid)
				rec_task_remove(&rec->tasks, (pid_t)former);
		}
		int sig = 0;
		if (WSTOPSIG(status) != (SIGTRAP | 0x80) && event == 0)
			sig = WSTOPSIG(status); /* signal-delivery-stop: hand the signal back */
		if (task && event == PTRACE_EVENT_STOP && is_stop_signal(WSTOPSIG(status)) &&
		    !task->group_stopped)
			REC_DEBUG("%d: detaching in group-stop", tid);
		if (ptrace(PTRACE_DETACH, tid, NULL, (void *)(long)sig) < 0 && errno != ESRCH)
			REC_INFO("%d: PTRACE_DETACH: %s", tid, strerror(errno));
		if (!task) {
			REC_INFO("%d: detached (a new child)", tid);
			continue;
		}
		record_simple(rec, STRTRC_DETACH, tid, ts);
		REC_INFO("%d: detached", tid);
		rec_task_remove(&rec->tasks, tid);
	}
}

/* Recording stops, but the tracees stay attached (rec->untraced): each gets
 * a detach record, as a detach would give it. */
static void leave_untraced(struct recorder *rec)
{
	const uint64_t ts = now_ts(rec);
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		const struct rec_task *const task = rec->tasks.slots[i];
		if (task)
			record_simple(rec, STRTRC_DETACH, task->tid, ts);
	}
	rec->untraced = true;
}

/* Stops recording: attached processes, and a spawned command without the
 * seccomp filter, are detached and go on untraced; a spawned command under
 * the filter stays traced, recording nothing (see rec_run_untraced). */
static void stop_recording(struct recorder *rec)
{
	REC_INFO("recording stops (reason %d)", (int)rec->stop);
	if (rec->seccomp_active)
		leave_untraced(rec);
	else
		detach_all(rec);
}

/* --max-size: whether the events to come could take the trace past the
 * limit. Far from it, the bytes written out so far tell. Near it, every
 * check writes everything out first, so that bytes_out is the file's size,
 * and judges what the next events may add by the largest growth between two
 * checks seen so far (the first: what was waiting to be written out); a
 * reserve covers the detach and end records and the frame index. */
#define REC_SIZE_NEAR ((uint64_t)256 << 10)

bool rec_size_limit_reached(struct recorder *rec)
{
	const uint64_t max = rec->opts->max_bytes;
	const uint64_t out = strtrc_writer_bytes_out(rec->writer);
	if (out + REC_SIZE_NEAR < max)
		return false;
	if (strtrc_writer_flush(rec->writer) < 0) {
		rec->write_failed = true;
		snprintf(rec->write_error, sizeof(rec->write_error), "%s",
			 strtrc_writer_error(rec->writer));
		return false;
	}
	const uint64_t size = strtrc_writer_bytes_out(rec->writer);
	const uint64_t growth = size - (rec->size_checked ? rec->size_checked : out);
	rec->size_checked = size;
	if (growth > rec->size_growth)
		rec->size_growth = growth;
	const uint64_t reserve = 1024 + 64 * (uint64_t)rec->tasks.count + size / 1024;
	return size + rec->size_growth + reserve > max;
}

/* Waits for the next stop or exit of any tracee, as waitpid(-1, status,
 * __WALL). A tracee that makes system calls back to back stops again a few
 * microseconds after it is resumed. Sleeping in waitpid then costs two
 * cross-CPU wake-ups per stop (on a VM each one is an exit to the
 * hypervisor), more than the stop itself; so while stops keep coming
 * within spin_ns, the tracer polls for the next one instead of sleeping.
 * One slow stop turns polling off until stops come quickly again, which
 * bounds the CPU polling can waste to spin_ns per slow stop. Polling needs
 * a CPU to itself: with as many tracees as CPUs it would take one from
 * them (measured: no faster with 4 threads on 2 CPUs, 20 % more CPU). */
static pid_t wait_next(struct recorder *rec, int *status)
{
	if (!rec->spin_ns) {
		rec->stats.slept++;
		return waitpid(-1, status, __WALL);
	}
	const uint64_t start = strec_monotonic_ns();
	if (rec->spin_next && rec->tasks.count < rec->cpus) {
		do {
			const pid_t tid = waitpid(-1, status, __WALL | WNOHANG);
			if (tid > 0)
				rec->stats.polled++;
			if (tid != 0)
				return tid;
			if (rec_detach_requested || rec_flush_due) {
				errno = EINTR; /* as the signal would have made waitpid */
				return -1;
			}
		} while (strec_monotonic_ns() - start < rec->spin_ns);
	}
	const pid_t tid = waitpid(-1, status, __WALL);
	rec->stats.slept++;
	rec->spin_next = strec_monotonic_ns() - start < rec->spin_ns;
	return tid;
}

int rec_run(struct recorder *rec)
{
	static pid_t ready_tid[REC_WAIT_BATCH];
	static int ready_status[REC_WAIT_BATCH];
	const struct rec_options *const o = rec->opts;
	while (rec->tasks.count > 0) {
		if (!rec->stop && rec_detach_requested)
			rec->stop = REC_STOP_SIGNAL;
		if (!rec->stop && rec->write_failed)
			rec->stop = REC_STOP_WRITE_ERROR;
		if (rec->stop) {
			stop_recording(rec);
			break;
		}
		if (rec_flush_due) {
			rec_flush_due = 0;
			if (!rec->write_failed && strtrc_writer_flush(rec->writer) < 0) {
				rec->write_failed = true;
				snprintf(rec->write_error, sizeof(rec->write_error), "%s",
					 strtrc_writer_error(rec->writer));
			}
			if (o->progress)
				rec_progress_show(rec);
			if (o->duration_ns && now_ts(rec) >= o->duration_ns) {
				rec->stop = REC_STOP_DURATION;
				continue;
			}
		}
		int status;
		const pid_t tid = wait_next(rec, &status);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			return -errno;
		}
		/* Take every ready stop before handling any, so that one busy
		 * thread cannot starve the others. With one tracee there is
		 * nothing else to take (a new child's first stop waits for the
		 * next round), and asking would cost a syscall per stop. */
		size_t n = 0;
		ready_tid[n] = tid;
		ready_status[n++] = status;
		while (rec->tasks.count > 1 && n < REC_WAIT_BATCH) {
			const pid_t more = waitpid(-1, &status, __WALL | WNOHANG);
			if (more <= 0)
				break;
			ready_tid[n] = more;
			ready_status[n++] = status;
		}
		for (size_t i = 0; i < n; i++)
			dispatch(rec, ready_tid[i], ready_status[i]);
		if (o->max_bytes && !rec->stop && rec->tasks.count > 0 &&
		    rec_size_limit_reached(rec))
			rec->stop = REC_STOP_MAX_SIZE;
	}
	REC_INFO("waits ended polling: %llu, sleeping: %llu", (unsigned long long)rec->stats.polled,
		 (unsigned long long)rec->stats.slept);
	return 0;
}

/* A stop of a tracee after recording stopped: resumed as if untraced, as
 * the kernel would have let it go on without a tracer. */
static void dispatch_untraced(struct recorder *rec, pid_t tid, int status)
{
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		rec_task_remove(&rec->tasks, tid);
		if (tid == rec->main_pid) {
			rec->main_status = status;
			rec->main_done = true;
		}
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (!rec_task_find(&rec->tasks, tid) && !rec_task_add(&rec->tasks, tid))
		REC_INFO("%d: out of memory for a new task", tid); /* resumed all the same */
	const int sig = WSTOPSIG(status);
	const int event = (unsigned)status >> 16;
	enum __ptrace_request how = PTRACE_CONT;
	int inject = 0;
	switch (event) {
	case 0:
		/* a syscall stop asked for before recording stopped, or a
		 * signal to deliver */
		if (sig != (SIGTRAP | 0x80))
			inject = sig;
		break;
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig))
			how = PTRACE_LISTEN; /* group-stop: stay stopped */
		break;
	case PTRACE_EVENT_EXEC: {
		unsigned long former = (unsigned long)tid;
		ptrace(PTRACE_GETEVENTMSG, tid, NULL, &former);
		if ((pid_t)former != tid)
			rec_task_remove(&rec->tasks, (pid_t)former);
		break;
	}
	case PTRACE_EVENT_SECCOMP: {
		unsigned long data = REC_SECCOMP_TAG;
		ptrace(PTRACE_GETEVENTMSG, tid, NULL, &data);
		if (data != REC_SECCOMP_TAG)
			fail_with_enosys(tid);
		break; /* our filter's: the call runs */
	}
	default:
		break; /* fork, clone, exit: a new child reports its own stops */
	}
	if (ptrace(how, tid, NULL, (void *)(long)inject) < 0 && errno != ESRCH)
		REC_INFO("%d: resume untraced: %s", tid, strerror(errno));
}

void rec_run_untraced(struct recorder *rec)
{
	assert(rec->untraced && !rec->writer);
	while (rec->tasks.count > 0) {
		int status;
		const pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD */
		}
		dispatch_untraced(rec, tid, status);
	}
}
