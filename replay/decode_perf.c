/* perf_event_open: struct perf_event_attr as strace 6.1 prints it, as far
 * as the size it gives says (the fields after a size strace does not know
 * are not shown; "..." when the struct is longer than what was read). */
#include "rp_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The one-bit flags of the struct, in their order, as strace prints them:
 * without -v only those set. */
#define PERF_ATTR_FLAGS_1(X)                                                                       \
	X(disabled)                                                                                \
	X(inherit)                                                                                 \
	X(pinned)                                                                                  \
	X(exclusive)                                                                               \
	X(exclude_user)                                                                            \
	X(exclude_kernel)                                                                          \
	X(exclude_hv)                                                                              \
	X(exclude_idle)                                                                            \
	X(mmap)                                                                                    \
	X(comm)                                                                                    \
	X(freq)                                                                                    \
	X(inherit_stat)                                                                            \
	X(enable_on_exec)                                                                          \
	X(task)                                                                                    \
	X(watermark)
/* ... precise_ip, two bits, comes between ... */
#define PERF_ATTR_FLAGS_2(X)                                                                       \
	X(mmap_data)                                                                               \
	X(sample_id_all)                                                                           \
	X(exclude_host)                                                                            \
	X(exclude_guest)                                                                           \
	X(exclude_callchain_kernel)                                                                \
	X(exclude_callchain_user)                                                                  \
	X(mmap2)                                                                                   \
	X(comm_exec)                                                                               \
	X(use_clockid)                                                                             \
	X(context_switch)                                                                          \
	X(write_backward)                                                                          \
	X(namespaces)                                                                              \
	X(ksymbol)                                                                                 \
	X(bpf_event)                                                                               \
	X(aux_output)                                                                              \
	X(cgroup)                                                                                  \
	X(text_poke)                                                                               \
	X(build_id)                                                                                \
	X(inherit_thread)                                                                          \
	X(remove_on_exec)                                                                          \
	X(sigtrap)

/* A value of a set inside a composed config ("...<<16|"). */
static void config_part(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			uint64_t v)
{
	rp_xlat_enum_text(b, st, x, v);
}

/* config as its type says: hardware and cache events by name (with the
 * PMU type in the high half), software ones by name, tracepoints'
 * decimal, the others' hex. */
static void print_config(struct rp_ctx *c, const struct perf_event_attr *a)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	const uint64_t config = a->config;
	rp_e_key(c->e, "config");
	struct rp_buf b = {0};
	switch (a->type) {
	case PERF_TYPE_HARDWARE:
		if (config >> 32)
			rp_buf_printf(&b, "%#" PRIx64 "<<32|", config >> 32);
		config_part(&b, st, &rp_x_perf_hw_id, config & 0xffffffffu);
		break;
	case PERF_TYPE_SOFTWARE:
		rp_e_enum(c->e, &rp_x_perf_sw_ids, config);
		return;
	case PERF_TYPE_TRACEPOINT:
		rp_e_uint(c->e, config);
		return;
	case PERF_TYPE_HW_CACHE:
		if (config >> 32)
			rp_buf_printf(&b, "%#" PRIx64 "<<32|", config >> 32);
		if ((config & 0xffffffffu) >> 24)
			rp_buf_printf(&b, "%#" PRIx64 "<<24|", (config & 0xffffffffu) >> 24);
		config_part(&b, st, &rp_x_perf_hw_cache_op_result_id, (config >> 16) & 0xff);
		rp_buf_puts(&b, "<<16|");
		config_part(&b, st, &rp_x_perf_hw_cache_op_id, (config >> 8) & 0xff);
		rp_buf_puts(&b, "<<8|");
		config_part(&b, st, &rp_x_perf_hw_cache_id, config & 0xff);
		break;
	default:
		rp_e_hex(c->e, config);
		return;
	}
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static void print_breakpoint_type(struct rp_ctx *c, uint32_t type)
{
	rp_e_key(c->e, "bp_type");
	if (rp_xlat_lookup(&rp_x_hw_breakpoint_type, type)) {
		rp_e_enum(c->e, &rp_x_hw_breakpoint_type, type);
		return;
	}
	/* any other combination of R, W and X is invalid */
	char num[16];
	snprintf(num, sizeof(num), "%#" PRIx32, type);
	rp_e_raw(c->e, num);
	if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
		rp_e_comment(c->e, type <= (HW_BREAKPOINT_X | HW_BREAKPOINT_RW)
				       ? "HW_BREAKPOINT_INVALID"
				       : "HW_BREAKPOINT_???");
}

/* The struct read from a (have bytes of it: what strace reads), the size
 * the caller gave, and the one the kernel wrote back on E2BIG (0: none). */
static void print_attr(struct rp_ctx *c, const struct perf_event_attr *a, size_t have,
		       const uint32_t *size_back)
{
	static const char *const precise_ip[] = {"arbitrary skid", "constant skid",
						 "requested to have 0 skid", "must have 0 skid"};
	const bool verbose = c->opts->verbose;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "type");
	rp_e_enum(c->e, &rp_x_perf_type_id, a->type);
	rp_e_key(c->e, "size");
	rp_e_enum(c->e, &rp_x_perf_attr_size, a->size);
	if (size_back && !c->e->json) { /* JSON: the value as given */
		rp_e_changed(c->e);
		rp_e_enum(c->e, &rp_x_perf_attr_size, *size_back);
	}
	print_config(c, a);
	rp_e_key(c->e, a->freq ? "sample_freq" : "sample_period");
	rp_e_uint(c->e, a->sample_period);
	rp_e_key(c->e, "sample_type");
	rp_e_flags(c->e, &rp_x_perf_event_sample_format, a->sample_type);
	rp_e_key(c->e, "read_format");
	rp_e_flags(c->e, &rp_x_perf_event_read_format, a->read_format);
#define PRINT_FLAG(f)                                                                              \
	if (verbose || a->f) {                                                                     \
		rp_e_key(c->e, #f);                                                                \
		rp_e_uint(c->e, a->f);                                                             \
	}
	PERF_ATTR_FLAGS_1(PRINT_FLAG)
	rp_e_key(c->e, "precise_ip");
	rp_e_uint(c->e, a->precise_ip);
	rp_e_comment(c->e, precise_ip[a->precise_ip & 3]);
	PERF_ATTR_FLAGS_2(PRINT_FLAG)
#undef PRINT_FLAG
	if (a->__reserved_1) {
		rp_e_key(c->e, "__reserved_1");
		rp_e_hex(c->e, a->__reserved_1);
		rp_e_comment(c->e, "Bits 63..38");
	}
	/* the fields from offset off on, when what was read holds them */
#define HAS(field) (offsetof(struct perf_event_attr, field) < have)
	if (!verbose)
		goto out;
	rp_e_key(c->e, a->watermark ? "wakeup_watermark" : "wakeup_events");
	rp_e_uint(c->e, a->wakeup_events);
	if (a->type == PERF_TYPE_BREAKPOINT) {
		print_breakpoint_type(c, a->bp_type);
		rp_e_key(c->e, "bp_addr");
		rp_e_hex(c->e, a->bp_addr);
	} else {
		rp_e_key(c->e, "config1");
		rp_e_hex(c->e, a->config1);
	}
	if (!HAS(bp_len))
		goto out;
	if (a->type == PERF_TYPE_BREAKPOINT) {
		rp_e_key(c->e, "bp_len");
		rp_e_uint(c->e, a->bp_len);
	} else {
		rp_e_key(c->e, "config2");
		rp_e_hex(c->e, a->config2);
	}
	if (!HAS(branch_sample_type))
		goto out;
	if (a->sample_type & PERF_SAMPLE_BRANCH_STACK) {
		rp_e_key(c->e, "branch_sample_type");
		rp_e_flags(c->e, &rp_x_perf_branch_sample_type, a->branch_sample_type);
	}
	if (!HAS(sample_regs_user))
		goto out;
	rp_e_key(c->e, "sample_regs_user");
	rp_e_hex(c->e, a->sample_regs_user);
	if (!HAS(sample_stack_user))
		goto out;
	if (a->sample_type & PERF_SAMPLE_STACK_USER) {
		rp_e_key(c->e, "sample_stack_user");
		rp_e_hex(c->e, a->sample_stack_user);
	}
	if (a->use_clockid) {
		if (!HAS(clockid))
			goto out;
		rp_e_key(c->e, "clockid");
		rp_e_enum(c->e, &rp_x_clockid, (uint32_t)a->clockid);
	}
	if (!HAS(sample_regs_intr))
		goto out;
	rp_e_key(c->e, "sample_regs_intr");
	rp_e_hex(c->e, a->sample_regs_intr);
	if (!HAS(aux_watermark))
		goto out;
	rp_e_key(c->e, "aux_watermark");
	rp_e_uint(c->e, a->aux_watermark);
	if (!HAS(sample_max_stack))
		goto out;
	rp_e_key(c->e, "sample_max_stack");
	rp_e_uint(c->e, a->sample_max_stack);
	if (!HAS(__reserved_2))
		goto out;
	if (a->__reserved_2) {
		char text[40];
		snprintf(text, sizeof(text), "bytes 110..111: %#hx", a->__reserved_2);
		rp_e_comment(c->e, text);
	}
	if (!HAS(aux_sample_size))
		goto out;
	rp_e_key(c->e, "aux_sample_size");
	rp_e_uint(c->e, a->aux_sample_size);
	if (!HAS(__reserved_3))
		goto out;
	if (a->__reserved_3) {
		char text[40];
		snprintf(text, sizeof(text), "bytes 116..119: %#x", a->__reserved_3);
		rp_e_comment(c->e, text);
	}
	if (!HAS(sig_data))
		goto out;
	rp_e_key(c->e, "sig_data");
	rp_e_hex(c->e, a->sig_data);
#undef HAS
out:
	if ((a->size && a->size > have) || (!a->size && have < PERF_ATTR_SIZE_VER0))
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

void rp_print_perf_event_attr(struct rp_ctx *c, unsigned i)
{
	const uint64_t addr = c->sc->args[i];
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	const size_t size_off = offsetof(struct perf_event_attr, size);
	/* strace reads the size, then the struct as far as the size and the
	 * struct it knows go (to wakeup_events without -v): the address when
	 * either read fails, or the size is below the first published one */
	struct perf_event_attr attr;
	uint32_t size = 0;
	if (addr && m && m->len >= size_off + 4)
		size = rp_get_u32(m->data + size_off);
	if (size > sizeof(attr))
		size = sizeof(attr);
	if (!size)
		size = PERF_ATTR_SIZE_VER0;
	const size_t fetch =
	    c->opts->verbose ? size : offsetof(struct perf_event_attr, wakeup_events);
	if (!addr || !m || m->len < size_off + 4 || size < PERF_ATTR_SIZE_VER0 || !c->deref ||
	    m->len < fetch) {
		rp_arg_ptr(c, i);
		return;
	}
	memset(&attr, 0, sizeof(attr));
	memcpy(&attr, m->data, fetch);
	/* E2BIG: the kernel wrote the size it knows */
	const struct rp_mem *const x = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	uint32_t back = 0;
	const bool size_back = c->sc->finished && c->sc->rval == -E2BIG && x &&
			       x->stop == STRTRC_AT_EXIT && x->len >= size_off + 4;
	if (size_back)
		back = rp_get_u32(x->data + size_off);
	print_attr(c, &attr, fetch, size_back ? &back : NULL);
}

void rp_dec_perf_event_open(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_perf_event_attr(c, 0);
	/* a process, or with PERF_FLAG_PID_CGROUP a cgroup's descriptor */
	if (a[4] & PERF_FLAG_PID_CGROUP)
		rp_e_int(c->e, (int32_t)a[1]);
	else
		rp_e_id(c->e, (int32_t)a[1]);
	rp_e_int(c->e, (int32_t)a[2]);
	rp_arg_fd(c, (int32_t)a[3]);
	rp_e_flags(c->e, &rp_x_perf_event_open_flags, a[4]);
}
