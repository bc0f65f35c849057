/* Decoders for the native AIO calls (io_setup, io_submit, io_cancel,
 * io_getevents, io_pgetevents), printed as strace 6.1 does (aio.c there).
 * io_submit's iocbs are the recorder's items (i+1) << 16 of its array,
 * what each points to the items after (record/capture.c). */
#include "rp_internal.h"

#include <assert.h>
#include <linux/aio_abi.h>
#include <stddef.h>
#include <string.h>

/* Items of io_submit's argument 2: iocb i, then its buffer or iovec array */
#define IOCB_ITEM(i) (((uint32_t)(i) + 1) << 16)

enum iocb_sub { SUB_NONE, SUB_COMMON, SUB_VECTOR, SUB_POLL };

static enum iocb_sub iocb_sub(uint16_t op)
{
	switch (op) {
	case IOCB_CMD_PREAD:
	case IOCB_CMD_PWRITE:
		return SUB_COMMON;
	case IOCB_CMD_PREADV:
	case IOCB_CMD_PWRITEV:
		return SUB_VECTOR;
	case IOCB_CMD_POLL:
		return SUB_POLL;
	default:
		return SUB_NONE;
	}
}

/* aio_data up to aio_fildes: what io_cancel shows; the opcode's kind of
 * rest */
static enum iocb_sub print_iocb_header(struct rp_ctx *c, const struct iocb *cb)
{
	rp_e_key_hex(c->e, "aio_data", cb->aio_data);
	if (cb->aio_key) {
		rp_e_key(c->e, "aio_key");
		rp_e_uint(c->e, cb->aio_key);
	}
	if (cb->aio_rw_flags) {
		rp_e_key(c->e, "aio_rw_flags");
		rp_e_flags(c->e, &rp_x_rwf, (uint32_t)cb->aio_rw_flags);
	}
	rp_e_key(c->e, "aio_lio_opcode");
	rp_e_enum_d(c->e, &rp_x_aio_cmds, cb->aio_lio_opcode);
	if (cb->aio_flags & IOCB_FLAG_IOPRIO) {
		rp_e_key(c->e, "aio_reqprio");
		rp_print_ioprio(c, (uint16_t)cb->aio_reqprio, true);
	} else if (cb->aio_reqprio) {
		rp_e_key(c->e, "aio_reqprio");
		rp_e_int(c->e, cb->aio_reqprio);
	}
	rp_e_key(c->e, "aio_fildes");
	rp_arg_fd(c, (int32_t)cb->aio_fildes);
	return iocb_sub(cb->aio_lio_opcode);
}

static void print_common_flags(struct rp_ctx *c, const struct iocb *cb)
{
	if (cb->aio_flags) {
		rp_e_key(c->e, "aio_flags");
		rp_e_flags(c->e, &rp_x_aio_iocb_flags, cb->aio_flags);
	}
	if (cb->aio_flags & IOCB_FLAG_RESFD) {
		rp_e_key(c->e, "aio_resfd");
		rp_arg_fd(c, (int32_t)cb->aio_resfd);
	} else if (cb->aio_resfd) {
		rp_e_key_hex(c->e, "aio_resfd", cb->aio_resfd);
	}
}

/* iocb i of io_submit: a write's data and vectors as strace shows them */
static void print_iocb(struct rp_ctx *c, const struct iocb *cb, size_t i)
{
	rp_e_open(c->e, '{');
	const enum iocb_sub sub = print_iocb_header(c, cb);
	/* what the kernel would take as a length */
	const bool valid = (int64_t)cb->aio_nbytes >= 0;
	const uint32_t behind = IOCB_ITEM(i) + 1;
	switch (sub) {
	case SUB_COMMON:
		rp_e_key(c->e, "aio_buf");
		if (cb->aio_lio_opcode == IOCB_CMD_PWRITE && valid)
			rp_print_buf_mem(c, cb->aio_buf,
					 rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, behind),
					 cb->aio_nbytes, false);
		else
			rp_e_hex(c->e, cb->aio_buf);
		rp_e_key(c->e, "aio_nbytes");
		rp_e_uint(c->e, cb->aio_nbytes);
		rp_e_key(c->e, "aio_offset");
		rp_e_int(c->e, cb->aio_offset);
		print_common_flags(c, cb);
		break;
	case SUB_VECTOR:
		if (valid) {
			rp_e_key(c->e, "aio_buf");
			/* a write's data; a read's buffers were not recorded:
			 * their addresses */
			rp_print_iovec_items(c, 2, behind, cb->aio_buf, cb->aio_nbytes, false);
		} else {
			rp_e_key_hex(c->e, "aio_buf", cb->aio_buf);
			rp_e_key(c->e, "aio_nbytes");
			rp_e_uint(c->e, cb->aio_nbytes);
		}
		rp_e_key(c->e, "aio_offset");
		rp_e_int(c->e, cb->aio_offset);
		print_common_flags(c, cb);
		break;
	case SUB_POLL:
		rp_e_key(c->e, "aio_buf");
		rp_e_flags(c->e, &rp_x_poll_events, cb->aio_buf);
		print_common_flags(c, cb);
		break;
	case SUB_NONE:
		break;
	}
	rp_e_close(c->e, '}');
}

/* An element of io_submit's array: the iocb it points to, else its address */
static void print_iocb_ptr(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	assert(size == 8);
	const struct rp_mem *const arr = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 0);
	assert(arr && elem >= arr->data);
	const size_t i = (size_t)(elem - arr->data) / size;
	const uint64_t addr = rp_get_u64(elem);
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, IOCB_ITEM(i));
	struct iocb cb;
	if (!addr || !m || m->len < sizeof(cb)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	memcpy(&cb, m->data, sizeof(cb));
	print_iocb(c, &cb, i);
}

static void print_io_event(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	assert(size == sizeof(struct io_event));
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "data", rp_get_u64(p + offsetof(struct io_event, data)));
	rp_e_key_hex(c->e, "obj", rp_get_u64(p + offsetof(struct io_event, obj)));
	rp_e_key(c->e, "res");
	rp_e_int(c->e, (int64_t)rp_get_u64(p + offsetof(struct io_event, res)));
	rp_e_key(c->e, "res2");
	rp_e_int(c->e, (int64_t)rp_get_u64(p + offsetof(struct io_event, res2)));
	rp_e_close(c->e, '}');
}

void rp_dec_io_setup(struct rp_ctx *c)
{
	rp_e_uint(c->e, (uint32_t)c->sc->args[0]);
	/* the context the kernel wrote: [0x7f...] */
	uint64_t ctx;
	if (!c->sc->args[1])
		rp_e_ptr(c->e, 0);
	else if (rp_arg_copy(c, 1, true, &ctx, sizeof(ctx))) {
		rp_e_open(c->e, '[');
		rp_e_ptr(c->e, ctx);
		rp_e_close(c->e, ']');
	}
}

void rp_dec_io_submit(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	const int64_t nr = (int64_t)a[1];
	rp_e_int(c->e, nr);
	if (nr < 0)
		rp_arg_ptr(c, 2);
	else
		rp_print_array(c, 2, false, (uint64_t)nr, 8, print_iocb_ptr);
}

void rp_dec_io_cancel(struct rp_ctx *c)
{
	rp_e_ptr(c->e, c->sc->args[0]);
	struct iocb cb;
	if (rp_arg_copy(c, 1, false, &cb, sizeof(cb))) {
		rp_e_open(c->e, '{');
		print_iocb_header(c, &cb);
		rp_e_close(c->e, '}');
	}
	uint8_t event[sizeof(struct io_event)];
	if (rp_arg_copy(c, 2, true, event, sizeof(event)))
		print_io_event(c, event, sizeof(event));
}

/* io_getevents and io_pgetevents: the events the call returned, then what
 * the kernel read at the entry whether the call failed or not */
void rp_dec_io_getevents(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_int(c->e, (int64_t)a[1]);
	rp_e_int(c->e, (int64_t)a[2]);
	/* a failed call's -1 events: its address, as strace's print_array */
	rp_print_array(c, 3, true, (uint64_t)c->sc->rval, sizeof(struct io_event), print_io_event);
	rp_print_timespec_arg(c, 4, false);
	if (c->sc->desc && c->sc->desc->nargs > 5)
		rp_print_sigset_pack(c, 5);
}
