/* Decoders for Synchronisation: futex, membarrier. */
#include "rp_internal.h"

#include <inttypes.h>
#include <stddef.h>
#include <linux/futex.h>
#include <stdio.h>
#include <string.h>

#ifndef FUTEX_LOCK_PI2 /* Linux 5.14 */
#define FUTEX_LOCK_PI2 13
#endif

/* A 12-bit field as strace prints it: 0 bare, else hex. */
static void wake_op_field(struct rp_buf *b, uint32_t v)
{
	if (v)
		rp_buf_printf(b, "%#" PRIx32, v);
	else
		rp_buf_putc(b, '0');
}

/* A named field of FUTEX_WAKE_OP, "FUTEX_OP_ADD<<28"; -X raw keeps the
 * set's "???" comment even for known values (strace 6.1). */
static void wake_op_named(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			  uint32_t v, unsigned shift)
{
	char num[16];
	snprintf(num, sizeof(num), "%#" PRIx32, v);
	const char *const name = rp_xlat_lookup(x, v);
	if (name && st != RP_XLAT_RAW) {
		rp_xlat_named_text(b, st, num, name);
		rp_buf_printf(b, "<<%u", shift);
	} else {
		rp_buf_printf(b, "%s<<%u /* %s */", num, shift, x->unknown);
	}
}

/* FUTEX_WAKE_OP's encoded operation, "FUTEX_OP_ADD<<28|0x1<<12|
 * FUTEX_OP_CMP_GT<<24|0" (the fields in that order, as strace prints). */
static void print_wake_op(struct rp_ctx *c, uint32_t v)
{
	struct rp_buf b = {0};
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (v & 0x80000000u) {
		rp_xlat_named_text(&b, st, "0x8", "FUTEX_OP_OPARG_SHIFT");
		rp_buf_puts(&b, "<<28|");
	}
	wake_op_named(&b, st, &rp_x_futex_wake_op, (v >> 28) & 7, 28);
	rp_buf_putc(&b, '|');
	wake_op_field(&b, (v >> 12) & 0xfff);
	rp_buf_puts(&b, "<<12|");
	wake_op_named(&b, st, &rp_x_futex_wake_cmp, (v >> 24) & 15, 24);
	rp_buf_putc(&b, '|');
	wake_op_field(&b, v & 0xfff);
	rp_e_raw(c->e, b.data ? b.data : "");
	rp_buf_free(&b);
}

static void print_bitset(struct rp_ctx *c, uint32_t v)
{
	if (v == 0xffffffffu)
		rp_e_symx(c->e, "FUTEX_BITSET_MATCH_ANY", v);
	else
		rp_e_hex(c->e, v);
}

/* The arguments strace shows depend on the command (op & 127): the
 * timeout slot is a timespec, a second count (val2) or unused. */
static void decode_futex(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const uint32_t op = (uint32_t)a[1], val = (uint32_t)a[2], val2 = (uint32_t)a[3];
	const uint32_t val3 = (uint32_t)a[5];
	rp_e_ptr(c->e, a[0]);
	rp_e_enum(c->e, &rp_x_futex_op, op);
	switch (op & 127) {
	case FUTEX_WAIT:
		rp_e_uint(c->e, val);
		rp_print_timespec_arg(c, 3, false);
		break;
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		rp_print_timespec_arg(c, 3, false);
		break;
	case FUTEX_WAIT_BITSET:
		rp_e_uint(c->e, val);
		rp_print_timespec_arg(c, 3, false);
		print_bitset(c, val3);
		break;
	case FUTEX_WAKE_BITSET:
		rp_e_uint(c->e, val);
		print_bitset(c, val3);
		break;
	case FUTEX_WAKE:
	case FUTEX_FD:
		rp_e_uint(c->e, val);
		break;
	case FUTEX_REQUEUE:
		rp_e_uint(c->e, val);
		rp_e_uint(c->e, val2);
		rp_e_ptr(c->e, a[4]);
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		rp_e_uint(c->e, val);
		rp_e_uint(c->e, val2);
		rp_e_ptr(c->e, a[4]);
		rp_e_uint(c->e, val3);
		break;
	case FUTEX_WAKE_OP:
		rp_e_uint(c->e, val);
		rp_e_uint(c->e, val2);
		rp_e_ptr(c->e, a[4]);
		print_wake_op(c, val3);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		rp_e_uint(c->e, val);
		rp_print_timespec_arg(c, 3, false);
		rp_e_ptr(c->e, a[4]);
		break;
	default:
		rp_e_uint(c->e, val);
		rp_e_ptr(c->e, a[3]);
		rp_e_ptr(c->e, a[4]);
		rp_e_hex(c->e, val3);
		break;
	}
}

void rp_dec_futex(struct rp_ctx *c)
{
	decode_futex(c);
}

void rp_dec_membarrier(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_membarrier, (uint32_t)a[0]);
	rp_e_flags(c->e, &rp_x_membarrier_flags, (uint32_t)a[1]);
	if (a[1] & 1) /* MEMBARRIER_CMD_FLAG_CPU */
		rp_e_int(c->e, (int32_t)a[2]);
}

bool rp_rv_MEMBARRIER(struct rp_ctx *c, struct rp_buf *b)
{
	/* QUERY answers with the set of supported commands: the commands'
	 * set as bits (QUERY, 0, names no bit), without its comment */
	if (c->sc->args[0] == 0 && c->sc->rval > 0) {
		struct rp_xlat bits = rp_x_membarrier;
		bits.unknown = NULL;
		rp_buf_printf(b, "%#" PRIx64 " (", (uint64_t)c->sc->rval);
		rp_xlat_flags_text(b, rp_e_xstyle(c->e), &bits, (uint64_t)c->sc->rval);
		rp_buf_putc(b, ')');
		return true;
	}
	return false;
}

/* struct futex_waitv: val in hex, __reserved only when set */
static void print_futex_waiter(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "val");
	rp_e_hex(c->e, rp_get_u64(p + offsetof(struct futex_waitv, val)));
	rp_e_key(c->e, "uaddr");
	rp_e_ptr(c->e, rp_get_u64(p + offsetof(struct futex_waitv, uaddr)));
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_futex_waiter_flags,
		   rp_get_u32(p + offsetof(struct futex_waitv, flags)));
	const uint32_t reserved = rp_get_u32(p + offsetof(struct futex_waitv, __reserved));
	if (reserved) {
		rp_e_key(c->e, "__reserved");
		rp_e_hex(c->e, reserved);
	}
	rp_e_close(c->e, '}');
}

void rp_dec_futex_waitv(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_mem *const m =
	    c->deref ? rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 0) : NULL;
	rp_print_array_mem_max(c, a[0], m, (uint32_t)a[1], FUTEX_WAITV_MAX, SC_SIZE(FUTEX_WAITV),
			       print_futex_waiter);
	rp_e_uint(c->e, (uint32_t)a[1]);
	rp_e_hex(c->e, (uint32_t)a[2]);
	rp_print_timespec_arg(c, 3, false);
	rp_e_enum(c->e, rp_xlat_get(SC_X_CLOCK_ID), (uint32_t)a[4]);
}
