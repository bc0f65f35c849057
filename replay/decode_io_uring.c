/* io_uring: io_uring_setup's parameters, io_uring_enter, and what each
 * io_uring_register opcode passes. Formats follow strace 6.1's output. */
#include "rp_internal.h"

#include <stddef.h>
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

static void key_uint(struct rp_ctx *c, const char *key, uint32_t v)
{
	rp_e_key(c->e, key);
	rp_e_uint(c->e, v);
}

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
		key_uint(c, names[k], rp_get_u32(p + 4 * k));
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
	key_uint(c, "sq_thread_idle", rp_get_u32(p + URP_SQ_THREAD_IDLE));
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
	key_uint(c, "sq_entries", rp_get_u32(p + URP_SQ_ENTRIES));
	key_uint(c, "cq_entries", rp_get_u32(p + URP_CQ_ENTRIES));
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
