/* Decoders for Synchronisation: futex, membarrier. */
#include "rp_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum {
	FUTEX_WAIT = 0,
	FUTEX_WAKE = 1,
	FUTEX_FD = 2,
	FUTEX_REQUEUE = 3,
	FUTEX_CMP_REQUEUE = 4,
	FUTEX_WAKE_OP = 5,
	FUTEX_LOCK_PI = 6,
	FUTEX_UNLOCK_PI = 7,
	FUTEX_TRYLOCK_PI = 8,
	FUTEX_WAIT_BITSET = 9,
	FUTEX_WAKE_BITSET = 10,
	FUTEX_WAIT_REQUEUE_PI = 11,
	FUTEX_CMP_REQUEUE_PI = 12,
	FUTEX_LOCK_PI2 = 13,
	FUTEX_PRIVATE = 128,
	FUTEX_REALTIME = 256,
};

/* strace names whole operation words: each command, its _PRIVATE form, and
 * FUTEX_CLOCK_REALTIME only with the commands it had when strace 6.1 was
 * written (others print as unknown). */
static const struct rp_xlat_entry futex_ops_e[] = {
    {0, "FUTEX_WAIT"},
    {1, "FUTEX_WAKE"},
    {2, "FUTEX_FD"},
    {3, "FUTEX_REQUEUE"},
    {4, "FUTEX_CMP_REQUEUE"},
    {5, "FUTEX_WAKE_OP"},
    {6, "FUTEX_LOCK_PI"},
    {7, "FUTEX_UNLOCK_PI"},
    {8, "FUTEX_TRYLOCK_PI"},
    {9, "FUTEX_WAIT_BITSET"},
    {10, "FUTEX_WAKE_BITSET"},
    {11, "FUTEX_WAIT_REQUEUE_PI"},
    {12, "FUTEX_CMP_REQUEUE_PI"},
    {13, "FUTEX_LOCK_PI2"},
    {128 + 0, "FUTEX_WAIT_PRIVATE"},
    {128 + 1, "FUTEX_WAKE_PRIVATE"},
    {128 + 2, "FUTEX_FD_PRIVATE"},
    {128 + 3, "FUTEX_REQUEUE_PRIVATE"},
    {128 + 4, "FUTEX_CMP_REQUEUE_PRIVATE"},
    {128 + 5, "FUTEX_WAKE_OP_PRIVATE"},
    {128 + 6, "FUTEX_LOCK_PI_PRIVATE"},
    {128 + 7, "FUTEX_UNLOCK_PI_PRIVATE"},
    {128 + 8, "FUTEX_TRYLOCK_PI_PRIVATE"},
    {128 + 9, "FUTEX_WAIT_BITSET_PRIVATE"},
    {128 + 10, "FUTEX_WAKE_BITSET_PRIVATE"},
    {128 + 11, "FUTEX_WAIT_REQUEUE_PI_PRIVATE"},
    {128 + 12, "FUTEX_CMP_REQUEUE_PI_PRIVATE"},
    {128 + 13, "FUTEX_LOCK_PI2_PRIVATE"},
    {256 + 0, "FUTEX_WAIT|FUTEX_CLOCK_REALTIME"},
    {256 + 128 + 0, "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME"},
    {256 + 9, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME"},
    {256 + 128 + 9, "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"},
    {256 + 11, "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME"},
    {256 + 128 + 11, "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME"},
};
static const struct rp_xlat futex_ops = {futex_ops_e, N(futex_ops_e), false, "FUTEX_???"};

static const struct rp_xlat_entry wake_op_e[] = {
    {0, "FUTEX_OP_SET"},  {1, "FUTEX_OP_ADD"}, {2, "FUTEX_OP_OR"},
    {3, "FUTEX_OP_ANDN"}, {4, "FUTEX_OP_XOR"},
};
static const struct rp_xlat_entry wake_cmp_e[] = {
    {0, "FUTEX_OP_CMP_EQ"}, {1, "FUTEX_OP_CMP_NE"}, {2, "FUTEX_OP_CMP_LT"},
    {3, "FUTEX_OP_CMP_LE"}, {4, "FUTEX_OP_CMP_GT"}, {5, "FUTEX_OP_CMP_GE"},
};
static const struct rp_xlat wake_op = {wake_op_e, N(wake_op_e), false, NULL};
static const struct rp_xlat wake_cmp = {wake_cmp_e, N(wake_cmp_e), false, NULL};

static const struct rp_xlat_entry membarrier_cmds_e[] = {
    {0, "MEMBARRIER_CMD_QUERY"},
    {1, "MEMBARRIER_CMD_GLOBAL"},
    {2, "MEMBARRIER_CMD_GLOBAL_EXPEDITED"},
    {4, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED"},
    {8, "MEMBARRIER_CMD_PRIVATE_EXPEDITED"},
    {16, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED"},
    {32, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE"},
    {64, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE"},
    {128, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ"},
    {256, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ"},
};
/* The same names as a command and as the QUERY result's bit set. */
static const struct rp_xlat membarrier_cmds = {membarrier_cmds_e, N(membarrier_cmds_e), false,
					       "MEMBARRIER_CMD_???"};
static const struct rp_xlat membarrier_cmd_bits = {membarrier_cmds_e + 1, N(membarrier_cmds_e) - 1,
						   true, NULL};
static const struct rp_xlat_entry membarrier_flags_e[] = {{1, "MEMBARRIER_CMD_FLAG_CPU"}};
static const struct rp_xlat membarrier_flags = {membarrier_flags_e, 1, true,
						"MEMBARRIER_CMD_FLAG_???"};

/* A 12-bit field as strace prints it: 0 bare, else hex. */
static void wake_op_field(struct rp_buf *b, uint32_t v)
{
	if (v)
		rp_buf_printf(b, "%#" PRIx32, v);
	else
		rp_buf_putc(b, '0');
}

/* A named field of FUTEX_WAKE_OP, "FUTEX_OP_ADD<<28"; -X raw keeps the
 * "???" comment even for known values (strace 6.1). */
static void wake_op_named(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			  uint32_t v, unsigned shift, const char *unknown)
{
	char num[16];
	snprintf(num, sizeof(num), "%#" PRIx32, v);
	const char *const name = rp_xlat_lookup(x, v);
	if (name && st != RP_XLAT_RAW) {
		rp_xlat_named_text(b, st, num, name);
		rp_buf_printf(b, "<<%u", shift);
	} else {
		rp_buf_printf(b, "%s<<%u /* %s */", num, shift, unknown);
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
	wake_op_named(&b, st, &wake_op, (v >> 28) & 7, 28, "FUTEX_OP_???");
	rp_buf_putc(&b, '|');
	wake_op_field(&b, (v >> 12) & 0xfff);
	rp_buf_puts(&b, "<<12|");
	wake_op_named(&b, st, &wake_cmp, (v >> 24) & 15, 24, "FUTEX_OP_CMP_???");
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
	rp_e_enum(c->e, &futex_ops, op);
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
	rp_e_enum(c->e, &membarrier_cmds, (uint32_t)a[0]);
	rp_e_flags(c->e, &membarrier_flags, (uint32_t)a[1]);
	if (a[1] & 1) /* MEMBARRIER_CMD_FLAG_CPU */
		rp_e_int(c->e, (int32_t)a[2]);
}

bool rp_rv_MEMBARRIER(struct rp_ctx *c, struct rp_buf *b)
{
	/* QUERY answers with the set of supported commands */
	if (c->sc->args[0] == 0 && c->sc->rval > 0) {
		rp_buf_printf(b, "%#" PRIx64 " (", (uint64_t)c->sc->rval);
		rp_xlat_flags_text(b, rp_e_xstyle(c->e), &membarrier_cmd_bits,
				   (uint64_t)c->sc->rval);
		rp_buf_putc(b, ')');
		return true;
	}
	return false;
}
