/* Capture rules: which tracee memory to record for a syscall, derived from
 * the syscall table's argument kinds. Inputs at entry, outputs at exit. */
#include "recorder.h"

#include "names.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/aio_abi.h>
#include <linux/netlink.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif

static int ensure_scratch(struct recorder *rec, size_t size)
{
	if (size <= rec->scratch_size)
		return 0;
	size_t new_size = rec->scratch_size ? rec->scratch_size : 8192;
	while (new_size < size)
		new_size *= 2;
	uint8_t *const bigger = realloc(rec->scratch, new_size);
	if (!bigger)
		return -1;
	rec->scratch = bigger;
	rec->scratch_size = new_size;
	return 0;
}

struct capture_ctx {
	struct recorder *rec;
	pid_t tid;
	uint64_t ts;
	uint8_t stop;
	uint8_t arg;
};

static int emit(const struct capture_ctx *c, uint32_t item, uint64_t addr, const void *data,
		size_t len, uint64_t full_len, uint32_t flags)
{
	const struct strtrc_record r = {
	    .kind = STRTRC_MEMORY,
	    .tid = (uint32_t)c->tid,
	    .ts_ns = c->ts,
	    .u.memory =
		{
		    .stop = c->stop,
		    .arg = c->arg,
		    .item = item,
		    .flags = flags,
		    .addr = addr,
		    .full_len = full_len,
		    .data = {.data = data, .len = len},
		},
	};
	return rec_write(c->rec, &r);
}

/* Reads len bytes at addr (capped at cap) and records them as item. */
size_t rec_control_cap(void)
{
	FILE *const f = fopen("/proc/sys/net/core/optmem_max", "re");
	unsigned long v = 0;
	const bool ok = f && fscanf(f, "%lu", &v) == 1 && v > 0;
	if (f)
		fclose(f);
	if (!ok)
		return REC_MAX_CONTROL_DEFAULT;
	return v < REC_MAX_CONTROL_LIMIT ? (size_t)v : REC_MAX_CONTROL_LIMIT;
}

static int capture_area(const struct capture_ctx *c, uint32_t item, uint64_t addr, uint64_t len,
			uint64_t cap)
{
	if (!addr)
		return 0;
	const size_t want = (size_t)(len < cap ? len : cap);
	if (ensure_scratch(c->rec, want ? want : 1) < 0)
		return -1;
	size_t got = 0;
	const enum rec_read_status s = rec_mem_read(c->tid, addr, c->rec->scratch, want, &got);
	uint32_t flags = 0;
	if (s != REC_READ_OK)
		flags |= STRTRC_MEM_UNREADABLE;
	if (got < len)
		flags |= STRTRC_MEM_TRUNCATED;
	return emit(c, item, addr, c->rec->scratch, got, len, flags);
}

static int capture_string(const struct capture_ctx *c, uint32_t item, uint64_t addr, size_t max)
{
	if (!addr)
		return 0;
	if (ensure_scratch(c->rec, max + 1) < 0)
		return -1;
	size_t got = 0;
	bool terminated = false;
	const enum rec_read_status s =
	    rec_mem_read_string(c->tid, addr, (char *)c->rec->scratch, max, &got, &terminated);
	uint32_t flags = STRTRC_MEM_STRING;
	if (s != REC_READ_OK)
		flags |= STRTRC_MEM_UNREADABLE;
	else if (!terminated)
		flags |= STRTRC_MEM_TRUNCATED;
	return emit(c, item, addr, c->rec->scratch, got, terminated ? got : got + 1, flags);
}

/* argv/envp: item 0 is the pointer array, item i+1 the string argv[i].
 * Strings are captured only when with_strings (envp needs --env). */
static int capture_strvec(const struct capture_ctx *c, uint64_t addr, bool with_strings)
{
	if (!addr)
		return 0;
	/* Read the pointers a page at a time until the NULL. */
	size_t count = 0;
	bool terminated = false, fault = false;
	for (;;) {
		if (ensure_scratch(c->rec, (count + 512) * 8) < 0)
			return -1;
		size_t got = 0;
		const enum rec_read_status s = rec_mem_read(
		    c->tid, addr + count * 8, c->rec->scratch + count * 8, 512 * 8, &got);
		const size_t words = got / 8;
		for (size_t i = 0; i < words; i++) {
			uint64_t p;
			memcpy(&p, c->rec->scratch + (count + i) * 8, 8);
			if (p == 0) {
				count += i;
				terminated = true;
				break;
			}
		}
		if (terminated)
			break;
		count += words;
		if (s != REC_READ_OK) {
			fault = true;
			break;
		}
		if (count >= REC_MAX_VECTOR)
			break;
	}
	if (count > REC_MAX_VECTOR)
		count = REC_MAX_VECTOR;
	/* The strings are read into the same scratch buffer: keep the pointers. */
	uint64_t *const pointers = malloc(count ? count * 8 : 1);
	if (!pointers)
		return -1;
	memcpy(pointers, c->rec->scratch, count * 8);
	uint32_t flags = 0;
	if (fault)
		flags |= STRTRC_MEM_UNREADABLE;
	else if (!terminated)
		flags |= STRTRC_MEM_TRUNCATED;
	int rc =
	    emit(c, 0, addr, pointers, count * 8, terminated ? count * 8 : count * 8 + 8, flags);
	for (size_t i = 0; rc == 0 && with_strings && i < count; i++)
		rc = capture_string(c, (uint32_t)i + 1, pointers[i], REC_MAX_STRING);
	free(pointers);
	return rc;
}

/* An iovec array (item 0) and, when with_buffers, the buffers behind it
 * (item i+1), total bytes limited to total (the return value for reads). */
static int capture_iovec(const struct capture_ctx *c, uint32_t base, uint64_t addr, uint64_t count,
			 bool with_buffers, uint64_t total)
{
	if (!addr)
		return 0;
	if (count > REC_MAX_IOV)
		count = REC_MAX_IOV;
	struct iovec iov[REC_MAX_IOV];
	size_t got = 0;
	const enum rec_read_status s =
	    rec_mem_read(c->tid, addr, iov, count * sizeof(iov[0]), &got);
	const size_t n = got / sizeof(iov[0]);
	int rc = emit(c, base, addr, iov, got, count * sizeof(iov[0]),
		      s == REC_READ_OK ? 0 : STRTRC_MEM_UNREADABLE);
	const uint32_t cap = c->rec->opts->capture_size;
	for (size_t i = 0; rc == 0 && with_buffers && i < n && total > 0; i++) {
		const uint64_t len = iov[i].iov_len < total ? iov[i].iov_len : total;
		rc = capture_area(c, base + (uint32_t)i + 1, (uint64_t)(uintptr_t)iov[i].iov_base,
				  len, cap);
		total -= len;
	}
	return rc;
}

/* io_submit's iocbs, behind the count pointers at addr: iocb i as item
 * (i+1) << 16, then what it points to as strace shows it: a write's data
 * (+1), a vectored read's or write's iovec array (+1) and a vectored
 * write's buffers (+2+k). */
static int capture_iocbs(const struct capture_ctx *c, uint64_t addr, uint64_t count)
{
	if (count > REC_MAX_IOCBS)
		count = REC_MAX_IOCBS;
	uint64_t ptrs[REC_MAX_IOCBS];
	size_t got = 0;
	(void)rec_mem_read(c->tid, addr, ptrs, count * sizeof(ptrs[0]), &got);
	const uint32_t cap = c->rec->opts->capture_size;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < got / sizeof(ptrs[0]); i++) {
		struct iocb cb;
		size_t cb_got = 0;
		const uint32_t item = ((uint32_t)i + 1) << 16;
		const enum rec_read_status s =
		    rec_mem_read(c->tid, ptrs[i], &cb, sizeof(cb), &cb_got);
		rc = emit(c, item, ptrs[i], &cb, cb_got, sizeof(cb),
			  s == REC_READ_OK ? 0 : STRTRC_MEM_UNREADABLE);
		if (rc || s != REC_READ_OK)
			continue;
		if (cb.aio_lio_opcode == IOCB_CMD_PWRITE)
			rc = capture_area(c, item + 1, cb.aio_buf, cb.aio_nbytes, cap);
		else if (cb.aio_lio_opcode == IOCB_CMD_PREADV ||
			 cb.aio_lio_opcode == IOCB_CMD_PWRITEV)
			rc = capture_iovec(c, item + 1, cb.aio_buf, cb.aio_nbytes,
					   cb.aio_lio_opcode == IOCB_CMD_PWRITEV, UINT64_MAX);
	}
	return rc;
}

/* struct msghdr: item base+0 the header (unless with_header is false), +1
 * the name, +2 the control data, +3 the iovec array, +4+i the buffer of
 * iov[i]; buffers limited to total bytes (the return value for reads). */
static int capture_msghdr(const struct capture_ctx *c, uint64_t addr, bool with_data,
			  uint64_t total, uint32_t base, bool with_header)
{
	if (!addr)
		return 0;
	struct msghdr mh;
	size_t got = 0;
	const enum rec_read_status s = rec_mem_read(c->tid, addr, &mh, sizeof(mh), &got);
	int rc = with_header ? emit(c, base, addr, &mh, got, sizeof(mh),
				    s == REC_READ_OK ? 0 : STRTRC_MEM_UNREADABLE)
			     : 0;
	if (rc || s != REC_READ_OK)
		return rc;
	rc = capture_area(c, base + 1, (uint64_t)(uintptr_t)mh.msg_name, mh.msg_namelen,
			  REC_MAX_SOCKADDR);
	if (!rc)
		rc = capture_area(c, base + 2, (uint64_t)(uintptr_t)mh.msg_control,
				  mh.msg_controllen, c->rec->max_control);
	if (rc || !mh.msg_iov)
		return rc;
	const uint64_t count = mh.msg_iovlen < REC_MAX_IOV ? mh.msg_iovlen : REC_MAX_IOV;
	struct iovec iov[REC_MAX_IOV];
	const enum rec_read_status si = rec_mem_read(c->tid, (uint64_t)(uintptr_t)mh.msg_iov, iov,
						     count * sizeof(iov[0]), &got);
	rc = emit(c, base + 3, (uint64_t)(uintptr_t)mh.msg_iov, iov, got, count * sizeof(iov[0]),
		  si == REC_READ_OK ? 0 : STRTRC_MEM_UNREADABLE);
	const uint32_t cap = c->rec->opts->capture_size;
	for (size_t i = 0; rc == 0 && with_data && i < got / sizeof(iov[0]) && total > 0; i++) {
		const uint64_t len = iov[i].iov_len < total ? iov[i].iov_len : total;
		rc = capture_area(c, base + 4 + (uint32_t)i, (uint64_t)(uintptr_t)iov[i].iov_base,
				  len, cap);
		total -= len;
	}
	return rc;
}

/* struct mmsghdr[count]: item 0 the array (at exit too, for msg_len); the
 * parts of message i as a lone msghdr's, from item (i+1) << 16: what is sent
 * at entry, what was received (count: the return value) at exit. */
static int capture_mmsghdr(const struct capture_ctx *c, uint64_t addr, uint64_t count, bool sending,
			   enum strtrc_mem_stop stop)
{
	const size_t size = sc_type_size(SC_T_MMSGHDR);
	if (!addr)
		return 0;
	if (count > REC_MAX_MMSG)
		count = REC_MAX_MMSG;
	int rc = capture_area(c, 0, addr, count * size, count * size);
	const bool with_parts = sending ? stop == STRTRC_AT_ENTRY : stop == STRTRC_AT_EXIT;
	for (uint64_t i = 0; rc == 0 && with_parts && i < count; i++) {
		uint32_t msg_len = 0;
		size_t got = 0;
		/* msg_len follows the msghdr in struct mmsghdr */
		if (!sending && rec_mem_read(c->tid, addr + i * size + sizeof(struct msghdr),
					     &msg_len, sizeof(msg_len), &got) != REC_READ_OK)
			break;
		rc = capture_msghdr(c, addr + i * size, true, sending ? UINT64_MAX : msg_len,
				    ((uint32_t)i + 1) << 16, false);
	}
	return rc;
}

/* Structs holding pointers, or longer than their type: what is behind or
 * after them, as items 1 and up of argument i. pselect6's sigmask pair is
 * read by the kernel at entry; clone_args' pidfd and parent_tid are written
 * by the exit; msgbuf's text is as long as the argument after it says;
 * sc_type_pointee says where the others point (ptrace's register sets,
 * BPF programs). */
static int capture_pointees(const struct capture_ctx *c, const struct rec_task *task, unsigned i,
			    uint8_t type, uint64_t addr, enum strtrc_mem_stop stop)
{
	size_t got = 0;
	if (type == SC_T_MSGBUF && i + 1 < 6) {
		/* mtext: msgsz (the next argument) bytes, up to -s */
		const uint32_t cap = c->rec->opts->capture_size;
		return capture_area(c, 1, addr + 8, task->args[i + 1], cap);
	}
	if (type == SC_T_SIGSET_PACK && stop == STRTRC_AT_ENTRY) {
		uint64_t pack[2];
		if (rec_mem_read(c->tid, addr, pack, sizeof(pack), &got) != REC_READ_OK)
			return 0;
		return capture_area(c, 1, pack[0], pack[1], REC_MAX_SIGSET);
	}
	_Static_assert(SC_STOP_ENTRY == 1u << STRTRC_AT_ENTRY &&
			   SC_STOP_EXIT == 1u << STRTRC_AT_EXIT,
		       "a pointee's stops are bits by the trace's stop");
	const struct sc_pointee *const p = sc_type_pointee(type);
	if (p && (p->stops & (1u << stop))) {
		uint64_t ptr = addr + sc_type_size(type), len = 1; /* len_size 0: one unit */
		assert(p->len_size <= sizeof(len));
		if (p->ptr_off == SC_POINTEE_SELF)
			ptr = addr;
		else if (p->ptr_off != SC_POINTEE_TAIL &&
			 rec_mem_read(c->tid, addr + p->ptr_off, &ptr, sizeof(ptr), &got) !=
			     REC_READ_OK)
			return 0;
		if (p->len_size) {
			len = 0; /* little-endian: a shorter length fits */
			if (rec_mem_read(c->tid, addr + p->len_off, &len, p->len_size, &got) !=
			    REC_READ_OK)
				return 0;
		}
		int rc = capture_area(c, 1, ptr, len * p->unit, p->cap);
		uint64_t str = 0;
		if (!rc && (p->str_stops & (1u << stop)) &&
		    rec_mem_read(c->tid, addr + p->str_off, &str, sizeof(str), &got) == REC_READ_OK)
			rc = capture_string(c, 2, str, c->rec->opts->capture_size);
		return rc;
	}
	if (type == SC_T_CLONE_ARGS && stop == STRTRC_AT_EXIT) {
		uint64_t head[4]; /* flags, pidfd, child_tid, parent_tid */
		if (rec_mem_read(c->tid, addr, head, sizeof(head), &got) != REC_READ_OK)
			return 0;
		int rc = 0;
		if (head[0] & CLONE_PIDFD)
			rc = capture_area(c, 1, head[1], sizeof(int32_t), sizeof(int32_t));
		if (!rc && (head[0] & 0x100000)) /* CLONE_PARENT_SETTID */
			rc = capture_area(c, 2, head[3], sizeof(int32_t), sizeof(int32_t));
		return rc;
	}
	return 0;
}

/* The length an argument's len source names, or false when unknown. */
static bool length_of(const struct rec_task *task, const struct sc_arg *a, int64_t rval,
		      enum strtrc_mem_stop stop, uint64_t *out)
{
	const uint8_t len = a->len;
	if (len <= SC_LEN_ARG5) {
		*out = task->args[len];
		return true;
	}
	if (len == SC_LEN_RET) {
		if (stop != STRTRC_AT_EXIT || rval < 0)
			return false;
		*out = (uint64_t)rval;
		return true;
	}
	if (len >= SC_LEN_PTR_ARG0 && len <= SC_LEN_PTR_ARG5) {
		uint32_t value = 0;
		size_t got = 0;
		if (rec_mem_read(task->tid, task->args[len - SC_LEN_PTR_ARG0] + a->len_off, &value,
				 sizeof(value), &got) != REC_READ_OK)
			return false;
		*out = value;
		return true;
	}
	if (len == SC_LEN_IOC_SIZE) {
		*out = (task->args[1] >> 16) & 0x3fff;
		return true;
	}
	return false;
}

int rec_capture(struct recorder *rec, const struct rec_task *task, const struct sc_desc *desc,
		enum strtrc_mem_stop stop, int64_t rval, uint64_t ts)
{
	assert(rec && task && desc);
	/* Outputs are meaningful only when the call succeeded, except the
	 * remaining time a sleep interrupted by a signal writes back before it
	 * returns a restart code (ERESTARTSYS .. ERESTART_RESTARTBLOCK), and
	 * the size an extensible struct's call writes back with E2BIG. */
	const bool restarting = rval < 0 && rval >= -4095 && strec_errno_is_restart((int)-rval);
	const bool size_back = rval == -E2BIG && (desc->classes & SC_CLASS_SIZE_ON_E2BIG);
	if (stop == STRTRC_AT_EXIT && rval < 0 && rval > -4096 && !restarting && !size_back)
		return 0;
	const uint8_t want = stop == STRTRC_AT_ENTRY ? SC_DIR_IN : SC_DIR_OUT;
	const uint32_t cap = rec->opts->capture_size;
	unsigned strvecs_seen = 0;
	const struct sc_table *const table = sc_table_for_arch(task->arch);
	const bool conditional = table && sc_has_conds(table, task->nr);
	for (unsigned i = 0; i < desc->nargs && i < 6; i++) {
		const struct sc_arg effective =
		    conditional ? sc_arg_effective(table, task->nr, desc, i, task->args)
				: desc->args[i];
		const struct sc_arg *const a = &effective;
		const uint64_t value = task->args[i];
		const struct capture_ctx c = {rec, task->tid, ts, (uint8_t)stop, (uint8_t)i};
		int rc = 0;
		uint64_t len = 0;
		if (a->kind == SC_ARG_STRVEC)
			strvecs_seen++;
		/* Vectors of iovecs are read at entry even for reads: the
		 * array is input, only the buffers are output. */
		if (a->kind == SC_ARG_MMSGHDR) {
			/* Both directions: msg_len is written back even for sends. */
			const bool sending = a->dir == SC_DIR_IN;
			uint64_t count = 0;
			if (stop == STRTRC_AT_EXIT)
				count = rval > 0 ? (uint64_t)rval : 0;
			else
				length_of(task, a, rval, stop, &count);
			rc = capture_mmsghdr(&c, value, count, sending, stop);
			if (rc)
				return rc;
			continue;
		}
		if (a->kind == SC_ARG_IOVEC && stop == STRTRC_AT_ENTRY && (a->dir & SC_DIR_OUT)) {
			rc = capture_iovec(&c, 0, value, value ? task->args[a->len] : 0, false, 0);
			if (rc)
				return rc;
			continue;
		}
		if (a->kind == SC_ARG_STRUCT && value && a->type == SC_T_CLONE_ARGS &&
		    stop == STRTRC_AT_EXIT) {
			rc = capture_pointees(&c, task, i, a->type, value, stop);
			if (rc)
				return rc;
			continue;
		}
		if (!(a->dir & want) || (value == 0 && a->kind != SC_ARG_SIGFRAME))
			continue;
		if (stop == STRTRC_AT_EXIT && restarting &&
		    !(a->kind == SC_ARG_STRUCT && a->type == SC_T_TIMESPEC))
			continue;
		switch (a->kind) {
		case SC_ARG_PATH:
			rc = capture_string(&c, 0, value, REC_MAX_PATH);
			break;
		case SC_ARG_STR:
			rc = capture_string(&c, 0, value, cap);
			break;
		case SC_ARG_STRVEC:
			/* The second vector of a call is the environment. */
			rc = capture_strvec(&c, value, strvecs_seen < 2 || rec->opts->record_env);
			break;
		case SC_ARG_BUF:
			if (length_of(task, a, rval, stop, &len))
				rc = capture_area(&c, 0, value, len,
						  a->type == SC_T_DIRENTS ? REC_MAX_DIRENTS : cap);
			break;
		case SC_ARG_STRUCT:
			if (a->len != SC_LEN_NONE && length_of(task, a, rval, stop, &len))
				rc = capture_area(&c, 0, value, len, SC_EXT_STRUCT_MAX);
			else
				rc = capture_area(&c, 0, value, sc_type_size(a->type),
						  sc_type_size(a->type));
			if (!rc)
				rc = capture_pointees(&c, task, i, a->type, value, stop);
			break;
		case SC_ARG_ARRAY:
			if (length_of(task, a, rval, stop, &len)) {
				const uint64_t size = sc_type_size(a->type);
				const uint64_t bytes = len > UINT32_MAX ? UINT64_MAX : len * size;
				rc = capture_area(&c, 0, value, bytes,
						  sc_array_cap((enum sc_type_id)a->type, cap));
				if (!rc && a->type == SC_T_IOCB_PTR)
					rc = capture_iocbs(&c, value, len);
			}
			break;
		case SC_ARG_IOVEC:
			if (stop == STRTRC_AT_ENTRY)
				rc = capture_iovec(&c, 0, value, task->args[a->len], true,
						   UINT64_MAX);
			else
				rc = capture_iovec(&c, 0, value, task->args[a->len], true,
						   rval > 0 ? (uint64_t)rval : 0);
			break;
		case SC_ARG_SOCKADDR:
			if (length_of(task, a, rval, stop, &len))
				rc = capture_area(&c, 0, value, len, REC_MAX_SOCKADDR);
			break;
		case SC_ARG_MSGHDR:
			rc = capture_msghdr(&c, value, true,
					    stop == STRTRC_AT_ENTRY
						? (a->dir == SC_DIR_IN ? UINT64_MAX : 0)
						: (rval > 0 ? (uint64_t)rval : 0),
					    0, true);
			break;
		case SC_ARG_SIGSET:
			if (length_of(task, a, rval, stop, &len))
				rc = capture_area(&c, 0, value, len, REC_MAX_SIGSET);
			break;
		case SC_ARG_SIGFRAME:
			/* x86_64: at rt_sigreturn's entry sp points at the ucontext
			 * (the handler's ret popped the return address) */
			if (task->arch == SC_AUDIT_ARCH_X86_64)
				rc = capture_area(&c, 0, task->sp + SC_OFF(ucontext_t, uc_sigmask),
						  8, 8);
			break;
		default:
			break;
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* Reads /proc/TID/<what> into a memory record of argument 6 (the call's
 * result), item item: what the kernel says a new descriptor or the new
 * working directory is, for -y. */
static int record_link(struct recorder *rec, const struct rec_task *task, pid_t owner,
		       const char *what, uint32_t item, uint64_t addr, uint64_t ts)
{
	char path[64], target[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)rec_proc_pid(rec, owner), what);
	const ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return 0; /* gone already (closed by another thread), or not ours to see */
	target[n] = '\0';
	const struct capture_ctx c = {rec, task->tid, ts, STRTRC_AT_EXIT, STRTRC_ARG_RESULT};
	int rc =
	    emit(&c, item, addr, target, (size_t)n, (uint64_t)n,
		 STRTRC_MEM_STRING |
		     (rec_link_name_is_own(path, target, (size_t)n) ? STRTRC_MEM_NAME_AS_IS : 0));
	/* a device: its type and number too (strace -yy) */
	uint32_t type;
	uint64_t rdev;
	if (!rc && rec_device_of(path, target, (size_t)n, &type, &rdev)) {
		uint8_t dev[STRTRC_DEVICE_SIZE];
		strtrc_device_encode(type, rdev, dev);
		const struct capture_ctx d = {rec, task->tid, ts, STRTRC_AT_EXIT,
					      STRTRC_ARG_DEVICE};
		rc = emit(&d, item, addr, dev, sizeof(dev), sizeof(dev), 0);
	}
	/* a pidfd: the process it refers to (strace -yy's "<pid:N>") */
	int32_t fd;
	if (!rc && rec_is_pidfd_link(target, (size_t)n) && sscanf(what, "fd/%" SCNd32, &fd) == 1)
		rc = rec_write_pidfd(rec, task->tid, owner, fd, item, addr, ts);
	return rc;
}

/* The link of descriptor fd of process owner, its number in addr. */
static int record_fd_link(struct recorder *rec, const struct rec_task *task, pid_t owner,
			  uint32_t item, int32_t fd, uint64_t ts)
{
	char what[32];
	snprintf(what, sizeof(what), "fd/%d", fd);
	return record_link(rec, task, owner, what, item, (uint64_t)(uint32_t)fd, ts);
}

#define REC_MAX_PASSED_FDS 256u

/* The descriptors an SCM_RIGHTS message handed to the receiver. */
static int record_passed_fds(struct recorder *rec, const struct rec_task *task,
			     uint64_t msghdr_addr, uint32_t *item, uint64_t ts)
{
	struct msghdr mh;
	size_t got = 0;
	if (rec_mem_read(task->tid, msghdr_addr, &mh, sizeof(mh), &got) != REC_READ_OK ||
	    !mh.msg_control || mh.msg_controllen < sizeof(struct cmsghdr))
		return 0;
	uint8_t control[REC_MAX_RECEIVED_CONTROL];
	const size_t want =
	    mh.msg_controllen < sizeof(control) ? mh.msg_controllen : sizeof(control);
	if (rec_mem_read(task->tid, (uint64_t)(uintptr_t)mh.msg_control, control, want, &got) !=
		REC_READ_OK &&
	    got == 0)
		return 0;
	size_t off = 0;
	while (off + sizeof(struct cmsghdr) <= got &&
	       *item < STRTRC_RESULT_FD_ITEM + REC_MAX_PASSED_FDS) {
		struct cmsghdr h;
		memcpy(&h, control + off, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > got - off)
			break;
		if (h.cmsg_level == SOL_SOCKET && h.cmsg_type == SCM_RIGHTS) {
			for (size_t at = sizeof(h); at + sizeof(int32_t) <= h.cmsg_len;
			     at += sizeof(int32_t)) {
				int32_t fd;
				memcpy(&fd, control + off + at, sizeof(fd));
				const int rc =
				    record_fd_link(rec, task, task->tid, (*item)++, fd, ts);
				if (rc)
					return rc;
			}
		}
		off += (h.cmsg_len + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
	}
	return 0;
}

/* Descriptor arguments that are not the caller's (pidfd_getfd's target
 * descriptor): what they are in their own process, failed call or not. */
static int record_remote_fds(struct recorder *rec, const struct rec_task *task,
			     const struct sc_desc *desc, uint64_t ts)
{
	for (unsigned i = 0; i < desc->nargs; i++) {
		const struct sc_arg *const a = &desc->args[i];
		if (a->kind != SC_ARG_FD || a->type != SC_T_PIDFD_TARGET_FD)
			continue;
		const pid_t owner = rec_pidfd_pid(rec, task->tid, (int32_t)task->args[a->len]);
		if (owner > 0)
			return record_fd_link(rec, task, owner, STRTRC_RESULT_REMOTE_FD_ITEM,
					      (int32_t)task->args[i], ts);
	}
	return 0;
}

/* Descriptors the call added besides its return value: SCM_RIGHTS
 * received by recvmsg/recvmmsg, clone3's pidfd, clone's (CLONE_PIDFD). */
static int record_extra_fds(struct recorder *rec, const struct rec_task *task,
			    const struct sc_desc *desc, int64_t rval, uint64_t ts)
{
	uint32_t item = STRTRC_RESULT_FD_ITEM;
	int rc = 0;
	const struct sc_table *const table = sc_table_for_arch(task->arch);
	const bool conditional = table && sc_has_conds(table, task->nr);
	for (unsigned i = 0; rc == 0 && i < desc->nargs; i++) {
		const struct sc_arg effective =
		    conditional ? sc_arg_effective(table, task->nr, desc, i, task->args)
				: desc->args[i];
		const struct sc_arg *const a = &effective;
		const uint64_t value = task->args[i];
		if (a->kind == SC_ARG_STRUCT && a->type == SC_T_NEW_FD && rval > 0) {
			/* the parent's: the child has no pidfd */
			int32_t fd;
			size_t got = 0;
			if (rec_mem_read(task->tid, value, &fd, sizeof(fd), &got) == REC_READ_OK)
				rc = record_fd_link(rec, task, task->tid, item++, fd, ts);
		} else if (a->kind == SC_ARG_MSGHDR && a->dir == SC_DIR_INOUT) {
			rc = record_passed_fds(rec, task, value, &item, ts);
		} else if (a->kind == SC_ARG_MMSGHDR && a->dir == SC_DIR_INOUT) {
			const uint64_t n =
			    (uint64_t)rval < REC_MAX_MMSG ? (uint64_t)rval : REC_MAX_MMSG;
			for (uint64_t k = 0; rc == 0 && k < n; k++)
				rc = record_passed_fds(
				    rec, task, value + k * sc_type_size(SC_T_MMSGHDR), &item, ts);
		} else if (a->kind == SC_ARG_STRUCT && a->type == SC_T_CLONE_ARGS && rval > 0) {
			/* the parent's: the child has no pidfd */
			uint64_t head[2]; /* flags, pidfd */
			int32_t pidfd;
			size_t got = 0;
			if (rec_mem_read(task->tid, value, head, sizeof(head), &got) ==
				REC_READ_OK &&
			    (head[0] & CLONE_PIDFD) &&
			    rec_mem_read(task->tid, head[1], &pidfd, sizeof(pidfd), &got) ==
				REC_READ_OK)
				rc = record_fd_link(rec, task, task->tid, item++, pidfd, ts);
		}
	}
	return rc;
}

/* The slot of netlink socket fd of tgid seen unbound, or NULL. */
static struct rec_fd_ref *nl_unbound_find(struct recorder *rec, pid_t tgid, int32_t fd)
{
	for (size_t k = 0; k < sizeof(rec->nl_unbound) / sizeof(rec->nl_unbound[0]); k++) {
		struct rec_fd_ref *const r = &rec->nl_unbound[k];
		if (r->tgid == tgid && r->fd == fd)
			return r;
	}
	return NULL;
}

/* Notes whether the socket just recorded is a netlink socket without a
 * port id (nl_pid, after the family and the pad, is 0). */
static void nl_unbound_note(struct recorder *rec, pid_t tgid, int32_t fd, const uint8_t *blob,
			    size_t len)
{
	struct strtrc_socket s;
	uint32_t port_id = 1;
	if (strtrc_socket_decode(blob, len, &s) == 0 && s.family == AF_NETLINK &&
	    s.local.len >= offsetof(struct sockaddr_nl, nl_pid) + sizeof(port_id))
		memcpy(&port_id, s.local.data + offsetof(struct sockaddr_nl, nl_pid),
		       sizeof(port_id));
	const bool unbound = !port_id;
	struct rec_fd_ref *slot = nl_unbound_find(rec, tgid, fd);
	if (!unbound) {
		if (slot)
			*slot = (struct rec_fd_ref){0, 0};
		return;
	}
	if (slot)
		return;
	const size_t n = sizeof(rec->nl_unbound) / sizeof(rec->nl_unbound[0]);
	rec->nl_unbound[rec->nl_unbound_next] = (struct rec_fd_ref){tgid, fd};
	rec->nl_unbound_next = (unsigned)((rec->nl_unbound_next + 1) % n);
}

/* strace -yy: the endpoints of socket fd right after the call, as item k
 * of argument STRTRC_ARG_SOCKET, the descriptor in addr. A socket
 * the kernel will not show (pidfd_getfd refused, not a socket) is left
 * out: strep then prints what it has. */
static int record_socket(struct recorder *rec, const struct rec_task *task, uint32_t k, int64_t fd,
			 uint64_t ts)
{
	uint8_t blob[512];
	size_t len = 0;
	if (fd < 0 || fd > INT32_MAX ||
	    rec_socket_query(task->tgid, (int32_t)fd, blob, sizeof(blob), &len) < 0)
		return 0;
	nl_unbound_note(rec, task->tgid, (int32_t)fd, blob, len);
	const struct capture_ctx c = {rec, task->tid, ts, STRTRC_AT_EXIT, STRTRC_ARG_SOCKET};
	return emit(&c, k, (uint64_t)fd, blob, len, len, 0);
}

/* The sockets a SOCKET_ENDS call may have given endpoints: the one it was
 * given (failed or not: a connect in progress has them), the one accept
 * returned, socketpair's two. */
static int record_sockets(struct recorder *rec, const struct rec_task *task,
			  const struct sc_desc *desc, int64_t rval, uint64_t ts)
{
	if (desc->classes & SC_CLASS_RET_FD)
		return rval >= 0 ? record_socket(rec, task, 0, rval, ts) : 0;
	if (desc->classes & SC_CLASS_OUT_FDS) {
		int32_t fds[2];
		size_t got = 0;
		if (rval < 0 ||
		    rec_mem_read(task->tid, task->args[3], fds, sizeof(fds), &got) != REC_READ_OK)
			return 0;
		const int rc = record_socket(rec, task, 0, fds[0], ts);
		return rc ? rc : record_socket(rec, task, 1, fds[1], ts);
	}
	/* sends: an addressed sendto may bind an inet socket implicitly, any
	 * successful send a netlink socket (asked only for those seen
	 * unbound: asking costs more than most sends) */
	const bool send = desc->args[0].type == SC_T_DATA_SINK;
	const bool addressed =
	    desc->nargs > 4 && desc->args[4].kind == SC_ARG_SOCKADDR && task->args[4];
	if (send && !addressed &&
	    (rval < 0 || !nl_unbound_find(rec, task->tgid, (int32_t)task->args[0])))
		return 0;
	return record_socket(rec, task, 0, (int32_t)task->args[0], ts);
}

int rec_capture_result(struct recorder *rec, const struct rec_task *task,
		       const struct sc_desc *desc, int64_t rval, uint64_t ts)
{
	assert(rec && task && desc);
	int rc = record_remote_fds(rec, task, desc, ts);
	if (!rc && (desc->classes & SC_CLASS_SOCKET_ENDS))
		rc = record_sockets(rec, task, desc, rval, ts);
	if (rc || rval < 0)
		return rc;
	if ((rc = record_extra_fds(rec, task, desc, rval, ts)))
		return rc;
	char what[32];
	if (sc_returns_fd(desc, task->args)) {
		snprintf(what, sizeof(what), "fd/%lld", (long long)rval);
		return record_link(rec, task, task->tid, what, 0, 0, ts);
	}
	if (desc->classes & SC_CLASS_SETS_CWD)
		return record_link(rec, task, task->tid, "cwd", 0, 0, ts);
	if (desc->classes & SC_CLASS_OUT_FDS) {
		for (unsigned i = 0; i < desc->nargs; i++) {
			if (desc->args[i].kind != SC_ARG_STRUCT ||
			    desc->args[i].type != SC_T_INT_PAIR)
				continue;
			int32_t fds[2];
			size_t got = 0;
			if (rec_mem_read(task->tid, task->args[i], fds, sizeof(fds), &got) !=
			    REC_READ_OK)
				return 0;
			for (unsigned k = 0; k < 2; k++) {
				snprintf(what, sizeof(what), "fd/%d", fds[k]);
				if ((rc = record_link(rec, task, task->tid, what, k + 1, 0, ts)))
					return rc;
			}
			return 0;
		}
	}
	return 0;
}
