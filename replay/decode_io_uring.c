/* io_uring: io_uring_setup's parameters, io_uring_enter, and what each
 * io_uring_register opcode passes. Formats follow strace 6.1's output. */
#include "rp_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* struct io_uring_params (120 bytes), offsets of its fields */
enum {
	URP_SQ_ENTRIES = 0,
	URP_CQ_ENTRIES = 4,
	URP_FLAGS = 8,
	URP_SQ_THREAD_CPU = 12,
	URP_SQ_THREAD_IDLE = 16,
	URP_FEATURES = 20,
	URP_WQ_FD = 24,
	URP_RESV = 28,
	URP_SQ_OFF = 40,
	URP_CQ_OFF = 80,
	URP_SIZE = 120,
};
#define IORING_SETUP_ATTACH_WQ_BIT 0x20u

/* The reserved tail of an offsets struct (u32 resv1 at 28, u64 resv2 at
 * 32), shown in hex only when set. */
static void print_ring_offsets_resv(struct rp_ctx *c, const uint8_t *p)
{
	if (rp_get_u32(p + 28)) {
		rp_e_key(c->e, "resv1");
		rp_e_hex(c->e, rp_get_u32(p + 28));
	}
	if (rp_get_u64(p + 32)) {
		rp_e_key(c->e, "resv2");
		rp_e_hex(c->e, rp_get_u64(p + 32));
	}
}

/* struct io_sqring_offsets or io_cqring_offsets: seven u32s named by
 * names, then the reserved fields. */
static void print_ring_offsets(struct rp_ctx *c, const char *key, const uint8_t *p,
			       const char *const names[7])
{
	rp_e_key(c->e, key);
	rp_e_open(c->e, '{');
	for (unsigned k = 0; k < 7; k++)
		rp_e_key_uint(c->e, names[k], rp_get_u32(p + 4 * k));
	print_ring_offsets_resv(c, p);
	rp_e_close(c->e, '}');
}

/* What the caller gives io_uring_setup in its params */
static void print_setup_params_in(struct rp_ctx *c, const uint8_t *p)
{
	const uint32_t flags = rp_get_u32(p + URP_FLAGS);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_io_uring_setup_flags, flags);
	rp_e_key(c->e, "sq_thread_cpu");
	rp_e_hex(c->e, rp_get_u32(p + URP_SQ_THREAD_CPU));
	rp_e_key_uint(c->e, "sq_thread_idle", rp_get_u32(p + URP_SQ_THREAD_IDLE));
	if (flags & IORING_SETUP_ATTACH_WQ_BIT) {
		rp_e_key(c->e, "wq_fd");
		rp_arg_fd(c, (int32_t)rp_get_u32(p + URP_WQ_FD));
	}
	rp_print_nonzero_u32s(c, "resv", p + URP_RESV, 3, true);
}

/* What the kernel filled in on success */
static void print_setup_params_out(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const sq[7] = {"head",  "tail",    "ring_mask", "ring_entries",
					  "flags", "dropped", "array"};
	static const char *const cq[7] = {"head",     "tail", "ring_mask", "ring_entries",
					  "overflow", "cqes", "flags"};
	rp_e_key_uint(c->e, "sq_entries", rp_get_u32(p + URP_SQ_ENTRIES));
	rp_e_key_uint(c->e, "cq_entries", rp_get_u32(p + URP_CQ_ENTRIES));
	rp_e_key(c->e, "features");
	rp_e_flags(c->e, &rp_x_io_uring_setup_features, rp_get_u32(p + URP_FEATURES));
	print_ring_offsets(c, "sq_off", p + URP_SQ_OFF, sq);
	print_ring_offsets(c, "cq_off", p + URP_CQ_OFF, cq);
}

void rp_dec_io_uring_setup(struct rp_ctx *c)
{
	rp_e_uint(c->e, (uint32_t)c->sc->args[0]);
	const struct rp_mem *m = rp_arg_mem(c, 1, false, URP_SIZE);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	print_setup_params_in(c, m->data);
	uint8_t out[URP_SIZE];
	if (rp_arg_written(c, 1, out, sizeof(out)) && c->deref)
		print_setup_params_out(c, out);
	rp_e_close(c->e, '}');
}

void rp_dec_io_uring_enter(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int32_t)a[0]);
	rp_e_uint(c->e, (uint32_t)a[1]);
	rp_e_uint(c->e, (uint32_t)a[2]);
	rp_e_flags(c->e, &rp_x_io_uring_enter_flags, (uint32_t)a[3]);
	rp_print_sigset_arg(c, 4, false, a[5]);
	rp_e_uint(c->e, a[5]);
}

/* ---- io_uring_register ---- */

/* The opcodes whose argument strec decodes (the kernel's values) */
enum {
	URR_BUFFERS = 0x0,
	URR_FILES = 0x2,
	URR_EVENTFD = 0x4,
	URR_EVENTFD_ASYNC = 0x7,
	URR_RESTRICTIONS = 0xb,
	URR_IOWQ_AFF = 0x11,
	URR_RING_FDS = 0x14,
	URR_UNREGISTER_RING_FDS = 0x15,
	URR_PBUF_RING = 0x16,
	URR_UNREGISTER_PBUF_RING = 0x17,
};

/* struct io_uring_restriction's opcodes with a meaningful union member */
enum {
	URR_RESTR_REGISTER_OP = 0,
	URR_RESTR_SQE_OP = 1,
	URR_RESTR_SQE_FLAGS_ALLOWED = 2,
	URR_RESTR_SQE_FLAGS_REQUIRED = 3,
};

static void key_hex_if(struct rp_ctx *c, const char *key, uint64_t v)
{
	if (!v)
		return;
	rp_e_key(c->e, key);
	rp_e_hex(c->e, v);
}

static void print_fd_elem(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_arg_fd(c, (int32_t)rp_get_u32(p));
}

/* The union member of a restriction as its opcode says what it is */
static void print_restriction_member(struct rp_ctx *c, uint16_t opcode, uint8_t v)
{
	switch (opcode) {
	case URR_RESTR_REGISTER_OP:
		rp_e_key(c->e, "register_op");
		rp_e_enum(c->e, &rp_x_io_uring_register_op, v);
		break;
	case URR_RESTR_SQE_OP:
		rp_e_key(c->e, "sqe_op");
		rp_e_enum(c->e, &rp_x_io_uring_ops, v);
		break;
	case URR_RESTR_SQE_FLAGS_ALLOWED:
	case URR_RESTR_SQE_FLAGS_REQUIRED:
		rp_e_key(c->e, "sqe_flags");
		rp_e_flags(c->e, &rp_x_io_uring_sqe_flags, v);
		break;
	default: {
		char op[16];
		snprintf(op, sizeof(op), v ? "op: %#x" : "op: %u", v);
		rp_e_comment(c->e, op);
	}
	}
}

/* struct io_uring_restriction: u16 opcode, u8 union, u8 resv, u32 resv2[3] */
static void print_restriction_elem(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	const uint16_t opcode = (uint16_t)(p[0] | p[1] << 8);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "opcode");
	rp_e_enum(c->e, &rp_x_io_uring_restriction_op, opcode);
	print_restriction_member(c, opcode, p[2]);
	key_hex_if(c, "resv", p[3]);
	rp_print_nonzero_u32s(c, "resv2", p + 4, 3, true);
	rp_e_close(c->e, '}');
}

/* struct io_uring_rsrc_update of IORING_REGISTER_RING_FDS: u32 offset (-1:
 * the first free slot), u32 resv, u64 data (the descriptor) */
static void print_ring_fd_register_elem(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	const uint32_t offset = rp_get_u32(p);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "offset");
	if (offset == UINT32_MAX)
		rp_e_int(c->e, -1);
	else
		rp_e_uint(c->e, offset);
	key_hex_if(c, "resv", rp_get_u32(p + 4));
	rp_e_key(c->e, "data");
	rp_arg_fd(c, (int32_t)rp_get_u64(p + 8));
	rp_e_close(c->e, '}');
}

/* The same for IORING_UNREGISTER_RING_FDS: data is unused */
static void print_ring_fd_unregister_elem(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "offset", rp_get_u32(p));
	key_hex_if(c, "resv", rp_get_u32(p + 4));
	key_hex_if(c, "data", rp_get_u64(p + 8));
	rp_e_close(c->e, '}');
}

/* struct io_uring_buf_reg: u64 ring_addr, u32 ring_entries, u16 bgid,
 * u16 pad, u64 resv[3] */
static void print_buf_reg(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, false, SC_SIZE(IO_URING_BUF_REG));
	if (!m)
		return;
	const uint8_t *p = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "ring_addr");
	rp_e_ptr(c->e, rp_get_u64(p));
	rp_e_key_uint(c->e, "ring_entries", rp_get_u32(p + 8));
	rp_e_key_uint(c->e, "bgid", (uint16_t)(p[12] | p[13] << 8));
	key_hex_if(c, "pad", (uint16_t)(p[14] | p[15] << 8));
	if (rp_get_u64(p + 16) || rp_get_u64(p + 24) || rp_get_u64(p + 32)) {
		rp_e_key(c->e, "resv");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < 3 && !rp_array_cut(c, k); k++)
			rp_e_hex(c->e, rp_get_u64(p + 16 + 8 * k));
		rp_e_close(c->e, ']');
	}
	rp_e_close(c->e, '}');
}

/* arg (item 2) as the opcode says; nr its count */
static void print_register_arg(struct rp_ctx *c, uint32_t opcode, uint32_t nr)
{
	switch (opcode) {
	case URR_BUFFERS:
		rp_print_array(c, 2, false, nr, SC_SIZE(IOVEC), rp_print_iovec_addr);
		break;
	case URR_FILES:
	case URR_EVENTFD:
	case URR_EVENTFD_ASYNC:
		rp_print_array(c, 2, false, nr, 4, print_fd_elem);
		break;
	case URR_RESTRICTIONS:
		rp_print_array(c, 2, false, nr, SC_SIZE(IO_URING_RESTRICTION),
			       print_restriction_elem);
		break;
	case URR_IOWQ_AFF:
		rp_print_cpuset(c, 2, nr, false);
		break;
	case URR_RING_FDS:
		rp_print_array(c, 2, false, nr, SC_SIZE(IO_URING_RSRC_UPDATE),
			       print_ring_fd_register_elem);
		break;
	case URR_UNREGISTER_RING_FDS:
		rp_print_array(c, 2, false, nr, SC_SIZE(IO_URING_RSRC_UPDATE),
			       print_ring_fd_unregister_elem);
		break;
	case URR_PBUF_RING:
	case URR_UNREGISTER_PBUF_RING:
		print_buf_reg(c);
		break;
	default:
		rp_arg_ptr(c, 2);
	}
}

void rp_dec_io_uring_register(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int32_t)a[0]);
	rp_e_enum(c->e, &rp_x_io_uring_register_op, (uint32_t)a[1]);
	print_register_arg(c, (uint32_t)a[1], (uint32_t)a[3]);
	rp_e_uint(c->e, (uint32_t)a[3]);
}
