/* ptrace(2) as strace 6.1 prints it: the request, then addr and data as the
 * request reads them (user-area offsets, register-set types, signals,
 * options, the registers, siginfos and sigsets behind pointers, what
 * PTRACE_GET_SYSCALL_INFO tells). The recorder captures the memory by the
 * rules in common/syscall_conds_x86_64.def. */
#include "rp_internal.h"

#include "names.h"

#include <assert.h>
#include <inttypes.h>
#include <elf.h>
#include <linux/ptrace.h>
#include <stdio.h>
#include <string.h>

/* An offset into struct user: the field at or below it, "+N" within it;
 * past the struct, the address. -X verbose puts the name in a comment. */
static void print_user_offset(struct rp_ctx *c, uint64_t addr)
{
	const struct rp_xlat *const x = &rp_x_user_offsets;
	const struct rp_xlat_entry *base = NULL;
	for (size_t k = 0; k < x->n && x->e[k].val <= addr; k++)
		base = &x->e[k];
	if (!base || (addr > base->val && base == &x->e[x->n - 1])) {
		rp_e_ptr(c->e, addr);
		return;
	}
	char num[32], name[96];
	if (addr)
		snprintf(num, sizeof(num), "%#" PRIx64, addr);
	else
		snprintf(num, sizeof(num), "NULL");
	if (addr == base->val)
		snprintf(name, sizeof(name), "%s", base->name);
	else
		snprintf(name, sizeof(name), "%s+%" PRIu64, base->name, addr - base->val);
	rp_e_named(c->e, num, name);
}

/* struct user_regs_struct's words in order (<sys/user.h>) */
static const char *const user_regs_names[] = {
    "r15",    "r14", "r13", "r12",     "rbp",	  "rbx", "r11",	     "r10", "r9",
    "r8",     "rax", "rcx", "rdx",     "rsi",	  "rdi", "orig_rax", "rip", "cs",
    "eflags", "rsp", "ss",  "fs_base", "gs_base", "ds",	 "es",	     "fs",  "gs"};
_Static_assert(sizeof(user_regs_names) / sizeof(user_regs_names[0]) * 8 ==
		   SC_OFF(user_regs_struct, gs) + 8,
	       "user_regs_struct is 27 words");

/* The general registers, size bytes of them as the set had (fewer fields
 * when shorter, "..." when longer than the struct). */
static void print_user_regs(struct rp_ctx *c, const uint8_t *data, uint64_t size)
{
	const size_t fetched = size < SC_SIZE(USER_REGS) ? (size_t)size : SC_SIZE(USER_REGS);
	rp_e_open(c->e, '{');
	for (size_t k = 0; (k + 1) * 8 <= fetched; k++) {
		rp_e_key(c->e, user_regs_names[k]);
		rp_e_hex(c->e, rp_get_u64(data + 8 * k));
	}
	if (size > SC_SIZE(USER_REGS))
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

/* One u32 array of struct user_fpregs_struct: as many words as fetched
 * reaches of it. */
static void print_fpregs_words(struct rp_ctx *c, const char *key, const uint8_t *data,
			       size_t fetched, size_t off, size_t words)
{
	if (fetched <= off)
		return;
	const size_t have = (fetched - off) / 4;
	rp_e_key(c->e, key);
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < have && k < words; k++) {
		if (rp_array_cut(c, k))
			break;
		rp_e_hex(c->e, rp_get_u32(data + off + 4 * k));
	}
	rp_e_close(c->e, ']');
}

/* The x87/SSE state (struct user_fpregs_struct), as print_user_regs. */
static void print_user_fpregs(struct rp_ctx *c, const uint8_t *data, uint64_t size)
{
	const size_t fetched = size < SC_SIZE(USER_FPREGS) ? (size_t)size : SC_SIZE(USER_FPREGS);
	static const struct {
		const char *name;
		size_t off, width;
	} fields[] = {
	    {"cwd", SC_OFF(user_fpregs_struct, cwd), 2},
	    {"swd", SC_OFF(user_fpregs_struct, swd), 2},
	    {"ftw", SC_OFF(user_fpregs_struct, ftw), 2},
	    {"fop", SC_OFF(user_fpregs_struct, fop), 2},
	    {"rip", SC_OFF(user_fpregs_struct, rip), 8},
	    {"rdp", SC_OFF(user_fpregs_struct, rdp), 8},
	    {"mxcsr", SC_OFF(user_fpregs_struct, mxcsr), 4},
	    {"mxcr_mask", SC_OFF(user_fpregs_struct, mxcr_mask), 4},
	};
	rp_e_open(c->e, '{');
	for (size_t k = 0;
	     k < sizeof(fields) / sizeof(fields[0]) && fields[k].off + fields[k].width <= fetched;
	     k++) {
		const uint8_t *const p = data + fields[k].off;
		rp_e_key(c->e, fields[k].name);
		rp_e_hex(c->e, fields[k].width == 2   ? rp_get_u16(p)
			       : fields[k].width == 4 ? rp_get_u32(p)
						      : rp_get_u64(p));
	}
	const size_t st = SC_OFF(user_fpregs_struct, st_space),
		     xmm = SC_OFF(user_fpregs_struct, xmm_space),
		     pad = SC_OFF(user_fpregs_struct, padding);
	print_fpregs_words(c, "st_space", data, fetched, st, (xmm - st) / 4);
	print_fpregs_words(c, "xmm_space", data, fetched, xmm, (pad - xmm) / 4);
	print_fpregs_words(c, "padding", data, fetched, pad, (SC_SIZE(USER_FPREGS) - pad) / 4);
	if (size > SC_SIZE(USER_FPREGS))
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

/* A register set of type nt and size bytes at addr, m what was captured of
 * it (NULL: nothing): printed when strace would have read it whole. */
static void print_regset(struct rp_ctx *c, uint64_t nt, uint64_t addr, uint64_t size,
			 const struct rp_mem *m, bool at_exit)
{
	const size_t whole = nt == NT_PRSTATUS	 ? SC_SIZE(USER_REGS)
			     : nt == NT_FPREGSET ? SC_SIZE(USER_FPREGS)
						 : 0;
	const uint64_t fetch = size < whole ? size : whole;
	if (!whole || !size || (size & 7) || !addr || !c->deref || (at_exit && !c->exiting_ok) ||
	    !m || m->len < fetch) {
		rp_e_ptr(c->e, addr);
		return;
	}
	if (nt == NT_PRSTATUS)
		print_user_regs(c, m->data, size);
	else
		print_user_fpregs(c, m->data, size);
}

/* PTRACE_GETREGS and friends: the struct at data, else its address. */
static void print_regs_arg(struct rp_ctx *c, bool at_exit, uint64_t nt)
{
	const size_t size = nt == NT_PRSTATUS ? SC_SIZE(USER_REGS) : SC_SIZE(USER_FPREGS);
	const struct rp_mem *const m = rp_arg_mem(c, 3, at_exit, size);
	if (!m)
		return;
	if (nt == NT_PRSTATUS)
		print_user_regs(c, m->data, size);
	else
		print_user_fpregs(c, m->data, size);
}

/* PTRACE_GETREGSET / SETREGSET's iovec: the set behind it (read at entry
 * for SET, at exit for GET), the length as given and, when the kernel
 * changed it, as left. */
static void print_regset_iovec(struct rp_ctx *c, bool get)
{
	const uint64_t data = c->sc->args[3], nt = c->sc->args[2];
	if (rp_addr_only(c, data)) /* -e verbose=: strace shows the address */
		return;
	const struct sc_pointee *const iov =
	    sc_type_pointee(get ? SC_T_REGSET_OUT : SC_T_REGSET_IN);
	assert(iov && iov->len_size == 8);
	const size_t need = (iov->ptr_off > iov->len_off ? iov->ptr_off : iov->len_off) + 8;
	const struct rp_mem *const given = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 3, 0);
	if (!data || !given || given->len < need) {
		rp_e_ptr(c->e, data);
		return;
	}
	const struct rp_mem *const left =
	    c->exiting_ok ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 3, 0) : NULL;
	const bool has_left = left && left->len >= need;
	const uint64_t len_given = rp_get_u64(given->data + iov->len_off);
	const uint64_t len_left = has_left ? rp_get_u64(left->data + iov->len_off) : len_given;
	const struct rp_mem *const now = get && has_left ? left : given;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "iov_base");
	print_regset(c, nt, rp_get_u64(now->data + iov->ptr_off), get ? len_left : len_given,
		     rp_syscall_mem(c->sc, get ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, 3, 1), get);
	rp_e_key(c->e, "iov_len"); /* JSON: one value, as left */
	if (len_left != len_given && !c->e->json) {
		rp_e_uint(c->e, len_given);
		rp_e_changed(c->e);
	}
	rp_e_uint(c->e, len_left);
	rp_e_close(c->e, '}');
}

/* PTRACE_PEEKSIGINFO's {off, flags, nr} at addr */
static void print_peeksiginfo_args(struct rp_ctx *c)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, false, SC_SIZE(PEEKSIGINFO_ARGS));
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "off");
	rp_e_uint(c->e, rp_get_u64(m->data));
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_ptrace_peeksiginfo_flags, rp_get_u32(m->data + 8));
	rp_e_key(c->e, "nr");
	rp_e_uint(c->e, rp_get_u32(m->data + 12));
	rp_e_close(c->e, '}');
}

static void print_siginfo_elem(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	const struct rp_si_names names = rp_si_names_of(c);
	rp_print_siginfo(c->e, elem, size, &names);
}

/* The siginfo at data, as the kernel read it (at entry) or wrote it. */
static void print_siginfo_arg(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *const m = rp_arg_mem(c, 3, at_exit, SC_SIZE(SIGINFO));
	if (m)
		print_siginfo_elem(c, m->data, m->len);
}

/* PTRACE_SECCOMP_GET_METADATA's {filter_off, flags}: the offset given, the
 * flags written back when the call said it wrote them (its result is the
 * size it wrote); "..." for a longer struct than this one. */
static void print_seccomp_metadata(struct rp_ctx *c)
{
	const uint64_t size = c->sc->args[2];
	if (size < 8) {
		rp_e_ptr(c->e, c->sc->args[3]);
		return;
	}
	const struct rp_mem *const m = rp_arg_mem(c, 3, false, 8);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "filter_off");
	rp_e_uint(c->e, rp_get_u64(m->data));
	const uint64_t written = (uint64_t)c->sc->rval;
	if (c->exiting_ok && written > 8) {
		const struct rp_mem *const out = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 3, 0);
		if (written < 16 || !out || out->len < 16) {
			if (!c->e->json) /* strace's "???": not written, or not read */
				rp_e_raw(c->e, "???");
		} else {
			rp_e_key(c->e, "flags");
			rp_e_flags(c->e, &rp_x_seccomp_filter_flags, rp_get_u64(out->data + 8));
			if (written > 16)
				rp_e_ellipsis(c->e);
		}
	}
	rp_e_close(c->e, '}');
}

/* struct ptrace_syscall_info's unions (<linux/ptrace.h>): entry {nr,
 * args[6]}, exit {rval, is_error}, seccomp {nr, args[6], ret_data} */
#define PSI_ARGS	 (SC_OFF(ptrace_syscall_info, entry) + 8)
#define PSI_IS_ERROR	 (SC_OFF(ptrace_syscall_info, entry) + 8)
#define PSI_RET_DATA	 (PSI_ARGS + 6 * 8)
#define PSI_EXIT_SIZE	 (PSI_IS_ERROR + 1)
#define PSI_SECCOMP_SIZE (PSI_RET_DATA + 4)

static void print_psi_call(struct rp_ctx *c, const uint8_t *p, size_t fetched, uint32_t arch,
			   bool seccomp)
{
	const size_t nr_at = SC_OFF(ptrace_syscall_info, entry);
	const uint64_t nr = rp_get_u64(p + nr_at);
	char num[32], name[64];
	snprintf(num, sizeof(num), "%" PRIu64, nr);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "nr");
	rp_e_named(c->e, num, rp_syscall_nr_name(arch, (int64_t)nr, name, sizeof(name)));
	const size_t nargs = fetched > PSI_ARGS ? (fetched - PSI_ARGS) / 8 : 0;
	if (nargs) {
		rp_e_key(c->e, "args");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < nargs && k < 6; k++) {
			if (rp_array_cut(c, k))
				break;
			rp_e_hex(c->e, rp_get_u64(p + PSI_ARGS + 8 * k));
		}
		rp_e_close(c->e, ']');
	}
	if (seccomp && fetched >= PSI_SECCOMP_SIZE) {
		rp_e_key(c->e, "ret_data");
		rp_e_uint(c->e, rp_get_u32(p + PSI_RET_DATA));
	}
	rp_e_close(c->e, '}');
}

static void print_psi_exit(struct rp_ctx *c, const uint8_t *p, size_t fetched)
{
	const int64_t rval = (int64_t)rp_get_u64(p + SC_OFF(ptrace_syscall_info, entry));
	const bool whole = fetched >= PSI_EXIT_SIZE;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "rval");
	const char *const err = whole && p[PSI_IS_ERROR] && rval < 0 && rval > -4096
				    ? strec_errno_name((int)-rval)
				    : NULL;
	if (err) {
		char num[32], name[64];
		snprintf(num, sizeof(num), "%" PRId64, rval);
		snprintf(name, sizeof(name), "-%s", err);
		rp_e_named(c->e, num, name);
	} else {
		rp_e_int(c->e, rval);
	}
	if (whole) {
		rp_e_key(c->e, "is_error");
		rp_e_uint(c->e, p[PSI_IS_ERROR]);
	}
	rp_e_close(c->e, '}');
}

/* PTRACE_GET_SYSCALL_INFO's struct: as much as both the caller's size (addr)
 * and the kernel's (the result) cover. */
static void print_syscall_info(struct rp_ctx *c)
{
	const uint64_t data = c->sc->args[3], user_len = c->sc->args[2];
	const uint64_t kernel_len = (uint64_t)c->sc->rval;
	uint64_t fetch = user_len < kernel_len ? user_len : kernel_len;
	if (fetch > PSI_SECCOMP_SIZE)
		fetch = PSI_SECCOMP_SIZE;
	const struct rp_mem *const m =
	    c->exiting_ok && c->deref ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 3, 0) : NULL;
	if (!fetch || !data || !m || m->len < fetch) {
		rp_e_ptr(c->e, data);
		return;
	}
	const uint8_t *const p = m->data;
	const bool has_arch = fetch >= SC_OFF(ptrace_syscall_info, arch) + 4;
	const uint32_t arch = has_arch ? rp_get_u32(p + SC_OFF(ptrace_syscall_info, arch)) : 0;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "op");
	rp_e_enum(c->e, &rp_x_ptrace_syscall_info_op, p[0]);
	if (has_arch) {
		rp_e_key(c->e, "arch");
		rp_e_enum(c->e, &rp_x_audit_arch, arch);
	}
	if (fetch >= SC_OFF(ptrace_syscall_info, instruction_pointer) + 8) {
		rp_e_key(c->e, "instruction_pointer");
		rp_e_ptr(c->e, rp_get_u64(p + SC_OFF(ptrace_syscall_info, instruction_pointer)));
	}
	if (fetch >= SC_OFF(ptrace_syscall_info, stack_pointer) + 8) {
		rp_e_key(c->e, "stack_pointer");
		rp_e_ptr(c->e, rp_get_u64(p + SC_OFF(ptrace_syscall_info, stack_pointer)));
	}
	if (fetch >= SC_OFF(ptrace_syscall_info, entry) + 8) {
		switch (p[0]) {
		case PTRACE_SYSCALL_INFO_ENTRY:
			rp_e_key(c->e, "entry");
			print_psi_call(c, p, (size_t)fetch, arch, false);
			break;
		case PTRACE_SYSCALL_INFO_SECCOMP:
			rp_e_key(c->e, "seccomp");
			print_psi_call(c, p, (size_t)fetch, arch, true);
			break;
		case PTRACE_SYSCALL_INFO_EXIT:
			rp_e_key(c->e, "exit");
			print_psi_exit(c, p, (size_t)fetch);
			break;
		default:
			break;
		}
	}
	rp_e_close(c->e, '}');
}

/* "[word]" written at data by the PEEK requests (hex, NULL for 0) */
static void print_peeked_word(struct rp_ctx *c)
{
	const struct rp_mem *const m = rp_arg_mem(c, 3, true, 8);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_ptr(c->e, rp_get_u64(m->data));
	rp_e_close(c->e, ']');
}

/* addr, as the request reads it */
static void print_addr(struct rp_ctx *c, uint64_t request)
{
	const uint64_t addr = c->sc->args[2];
	switch (request) {
	case PTRACE_PEEKUSR:
	case PTRACE_POKEUSR:
		print_user_offset(c, addr);
		break;
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		rp_e_enum(c->e, &rp_x_nt_types, addr);
		break;
	case PTRACE_GETSIGMASK:
	case PTRACE_SETSIGMASK:
	case PTRACE_SECCOMP_GET_FILTER:
	case PTRACE_SECCOMP_GET_METADATA:
	case PTRACE_GET_SYSCALL_INFO:
		rp_e_uint(c->e, addr);
		break;
	case PTRACE_PEEKSIGINFO:
		print_peeksiginfo_args(c);
		break;
	default:
		rp_e_ptr(c->e, addr);
		break;
	}
}

/* data, as the request reads or the kernel writes it */
static void print_data(struct rp_ctx *c, uint64_t request)
{
	const uint64_t addr = c->sc->args[2], data = c->sc->args[3];
	switch (request) {
	case PTRACE_CONT:
	case PTRACE_DETACH:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
	case PTRACE_SINGLEBLOCK:
	case PTRACE_SYSEMU:
	case PTRACE_SYSEMU_SINGLESTEP:
		rp_print_signame(c, (int32_t)data);
		return;
	case PTRACE_SEIZE:
	case PTRACE_SETOPTIONS:
	case PTRACE_OLDSETOPTIONS:
		rp_e_flags(c->e, &rp_x_ptrace_options, data);
		return;
	case PTRACE_SETSIGINFO:
		print_siginfo_arg(c, false);
		return;
	case PTRACE_SETSIGMASK:
		rp_print_sigset_arg(c, 3, false, addr);
		return;
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		print_regset_iovec(c, request == PTRACE_GETREGSET);
		return;
	case PTRACE_SECCOMP_GET_METADATA:
		print_seccomp_metadata(c);
		return;
	default:
		break;
	}
	/* what the kernel writes at data: shown from the exit, verbose only */
	if (!c->deref) {
		rp_e_ptr(c->e, data);
		return;
	}
	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSR:
		print_peeked_word(c);
		break;
	case PTRACE_GETEVENTMSG:
		rp_arg_u64_at(c, 3, true, false);
		break;
	case PTRACE_GETSIGINFO:
		print_siginfo_arg(c, true);
		break;
	case PTRACE_GETSIGMASK:
		rp_print_sigset_arg(c, 3, true, addr);
		break;
	case PTRACE_PEEKSIGINFO:
		if (c->exiting_ok)
			rp_print_array(c, 3, true, (uint64_t)c->sc->rval, SC_SIZE(SIGINFO),
				       print_siginfo_elem);
		else
			rp_e_ptr(c->e, data);
		break;
	case PTRACE_GET_SYSCALL_INFO:
		print_syscall_info(c);
		break;
	case PTRACE_SECCOMP_GET_FILTER: /* the result is its length; -v only */
		if (c->opts->verbose && c->exiting_ok)
			rp_print_seccomp_filter(c, 3, (uint64_t)c->sc->rval);
		else
			rp_e_ptr(c->e, data);
		break;
	default:
		rp_e_ptr(c->e, data);
		break;
	}
}

void rp_dec_ptrace(struct rp_ctx *c)
{
	const uint64_t request = c->sc->args[0];
	rp_e_enum(c->e, &rp_x_ptrace_request, request);
	if (request == PTRACE_TRACEME)
		return; /* pid, addr and data are ignored */
	rp_arg_pid(c, 1);
	switch (request) {
	case PTRACE_ATTACH:
	case PTRACE_INTERRUPT:
	case PTRACE_KILL:
	case PTRACE_LISTEN:
		return;	     /* addr and data are ignored */
	case PTRACE_GETREGS: /* x86 reads or writes data, ignores addr */
	case PTRACE_GETFPREGS:
		print_regs_arg(c, true, request == PTRACE_GETREGS ? NT_PRSTATUS : NT_FPREGSET);
		return;
	case PTRACE_SETREGS:
	case PTRACE_SETFPREGS:
		print_regs_arg(c, false, request == PTRACE_SETREGS ? NT_PRSTATUS : NT_FPREGSET);
		return;
	default:
		break;
	}
	print_addr(c, request);
	print_data(c, request);
}
