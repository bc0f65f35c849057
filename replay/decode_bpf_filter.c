/* Classic BPF programs (seccomp filters) as strace 6.1 prints them: each
 * instruction as BPF_STMT(code, k) or, when it jumps, BPF_JUMP(code, k, jt,
 * jf); the code as its class and the fields the class has; a seccomp
 * return's k as its action. */
#include "rp_internal.h"

#include <assert.h>
#include <inttypes.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>

static void code_part(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x, uint64_t v)
{
	rp_buf_putc(b, '|');
	rp_xlat_enum_text(b, st, x, v);
}

/* bits no field of the class explains */
static void code_rest(struct rp_buf *b, unsigned rest)
{
	if (rest)
		rp_buf_printf(b, "|%#x /* BPF_??? */", rest);
}

static void code_text(struct rp_buf *b, enum rp_xlat_style st, unsigned code)
{
	const unsigned rest = code & ~(unsigned)BPF_CLASS(code);
	rp_xlat_enum_text(b, st, &rp_x_bpf_class, BPF_CLASS(code));
	switch (BPF_CLASS(code)) {
	case BPF_ST:
	case BPF_STX:
		code_rest(b, rest);
		break;
	case BPF_LD:
	case BPF_LDX:
		code_part(b, st, &rp_x_bpf_size, BPF_SIZE(code));
		code_part(b, st, &rp_x_bpf_mode, BPF_MODE(code));
		break;
	case BPF_MISC:
		code_part(b, st, &rp_x_bpf_miscop, BPF_MISCOP(code));
		code_rest(b, rest & ~(unsigned)BPF_MISCOP(code));
		break;
	case BPF_ALU:
	case BPF_JMP:
		code_part(b, st, &rp_x_bpf_src, BPF_SRC(code));
		code_part(b, st, BPF_ALU == BPF_CLASS(code) ? &rp_x_bpf_op_alu : &rp_x_bpf_op_jmp,
			  BPF_OP(code));
		break;
	case BPF_RET:
		code_part(b, st, &rp_x_bpf_rval, BPF_RVAL(code));
		code_rest(b, rest & ~(unsigned)BPF_RVAL(code));
		break;
	}
}

/* A seccomp return's k: the action and its data. */
static void seccomp_k_text(struct rp_buf *b, enum rp_xlat_style st, unsigned code, uint32_t k)
{
	if (BPF_CLASS(code) != BPF_RET) {
		rp_buf_printf(b, "%#x", k);
		return;
	}
	const uint32_t action = k & SECCOMP_RET_ACTION_FULL, data = k & ~action;
	rp_xlat_enum_text(b, st, &rp_x_seccomp_ret_action, action);
	if (data)
		rp_buf_printf(b, "|%#x", data);
}

/* A socket filter's absolute load k: an offset from one of the special
 * areas (SKF_AD_OFF + an ancillary datum, SKF_NET_OFF, SKF_LL_OFF). */
static void socket_k_text(struct rp_buf *b, enum rp_xlat_style st, unsigned code, uint32_t k)
{
	static const struct {
		uint32_t base;
		const char *num, *name;
	} areas[] = {
	    {(uint32_t)SKF_AD_OFF, "0xfffff000", "SKF_AD_OFF"},
	    {(uint32_t)SKF_NET_OFF, "0xfff00000", "SKF_NET_OFF"},
	    {(uint32_t)SKF_LL_OFF, "0xffe00000", "SKF_LL_OFF"},
	};
	if (BPF_CLASS(code) == BPF_LD && BPF_MODE(code) == BPF_ABS) {
		for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
			if (k < areas[i].base)
				continue;
			rp_xlat_named_text(b, st, areas[i].num, areas[i].name);
			rp_buf_putc(b, '+');
			if (i == 0)
				rp_xlat_enum_text(b, st, &rp_x_skf_ad, k - areas[i].base);
			else
				rp_buf_printf(b, "%u", k - areas[i].base);
			return;
		}
	}
	rp_buf_printf(b, "%#x", k);
}

typedef void k_text_fn(struct rp_buf *b, enum rp_xlat_style st, unsigned code, uint32_t k);

/* One struct sock_filter {u16 code; u8 jt, jf; u32 k}: a statement's k by
 * k_text */
static void print_insn(struct rp_ctx *c, const uint8_t *p, k_text_fn *k_text)
{
	const unsigned code = rp_get_u16(p), jt = p[2], jf = p[3];
	const uint32_t k = rp_get_u32(p + 4);
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	struct rp_buf b = {0};
	rp_buf_puts(&b, jt || jf ? "BPF_JUMP(" : "BPF_STMT(");
	code_text(&b, st, code);
	if (jt || jf) {
		rp_buf_printf(&b, ", %#x, %#x, %#x)", k, jt, jf);
	} else {
		rp_buf_puts(&b, ", ");
		k_text(&b, st, code, k);
		rp_buf_putc(&b, ')');
	}
	if (!b.oom)
		rp_e_sym(c->e, b.data);
	rp_buf_free(&b);
}

static void print_seccomp_insn(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	print_insn(c, p, seccomp_k_text);
}

static void print_socket_insn(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	print_insn(c, p, socket_k_text);
}

void rp_print_socket_filter_insn(struct rp_ctx *c, const uint8_t *p)
{
	print_insn(c, p, socket_k_text);
}

void rp_print_seccomp_filter(struct rp_ctx *c, unsigned i, uint64_t n)
{
	const struct rp_mem *const m =
	    c->deref && c->exiting_ok ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0) : NULL;
	rp_print_array_mem(c, c->sc->args[i], m, n, SC_SIZE(SOCK_FILTER), print_seccomp_insn);
}

void rp_print_socket_filter(struct rp_ctx *c, unsigned i, uint64_t n)
{
	rp_print_array(c, i, true, n, SC_SIZE(SOCK_FILTER), print_socket_insn);
}

/* struct sock_fprog at arg i: its instructions (item 1 of the capture)
 * under -v only, as strace */
static void print_fprog(struct rp_ctx *c, unsigned i, rp_elem_fn print_elem)
{
	const struct rp_mem *const m = rp_arg_mem(c, i, false, SC_SIZE(SOCK_FPROG));
	if (!m)
		return;
	const struct sc_pointee *const p = sc_type_pointee(SC_T_SOCK_FPROG);
	assert(p && p->len_size == 2);
	const uint16_t len = rp_get_u16(m->data + p->len_off);
	const uint64_t filter = rp_get_u64(m->data + p->ptr_off);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "len");
	rp_e_uint(c->e, len);
	rp_e_key(c->e, "filter");
	if (c->opts->verbose)
		rp_print_array_mem(c, filter, rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 1), len,
				   SC_SIZE(SOCK_FILTER), print_elem);
	else
		rp_e_ptr(c->e, filter);
	rp_e_close(c->e, '}');
}

void rp_print_seccomp_fprog(struct rp_ctx *c, unsigned i)
{
	print_fprog(c, i, print_seccomp_insn);
}

void rp_print_socket_fprog(struct rp_ctx *c, unsigned i)
{
	print_fprog(c, i, print_socket_insn);
}
