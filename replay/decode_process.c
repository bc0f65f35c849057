/* Process lifecycle and per-process state: exec, clone, wait, credentials,
 * limits, scheduling, prctl, capabilities, namespaces, pidfds. */
#include "rp_internal.h"

#include <sys/resource.h>

#include "names.h"

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <linux/reboot.h>
#include <linux/kcmp.h>
#include <linux/kexec.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/seccomp.h>
#include <linux/sysctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/prctl.h>

#include <asm/ldt.h>
#include <asm/prctl.h>

/* -v: structures in full */
#define RP_VERBOSE(c) ((c)->opts->verbose)

/* envp without -v: its address and how many variables it held. */
static void print_envp(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *vec = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	/* -v shows the variables when they were recorded (strec's record_env) */
	const bool empty =
	    vec && vec->len == 0 && !(vec->flags & (STRTRC_MEM_UNREADABLE | STRTRC_MEM_TRUNCATED));
	if (RP_VERBOSE(c) && vec && (empty || rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 1))) {
		rp_arg_generic_strvec(c, i);
		return;
	}
	rp_arg_ptr(c, i);
	const bool faulted = vec && (vec->flags & STRTRC_MEM_UNREADABLE);
	/* no pointer readable: no count */
	if (!c->sc->args[i] || !vec || !c->deref || (faulted && vec->len < 8))
		return;
	size_t n = vec->len / 8;
	for (size_t k = 0; k < n; k++) {
		if (!rp_get_u64(vec->data + 8 * k)) {
			n = k;
			break;
		}
	}
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%zu var%s%s", n, n == 1 ? "" : "s",
		 faulted && n == vec->len / 8 ? ", unterminated" : "");
	rp_e_comment(c->e, tmp);
}

static void clone_flags(struct rp_ctx *c, uint64_t flags)
{
	const unsigned sig = flags & 0xff;
	const char *sn = sig ? strec_signal_name((int)sig) : NULL;
	char tmp[16];
	if (sig && !sn) {
		snprintf(tmp, sizeof(tmp), "%u", sig);
		sn = tmp;
	}
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st != RP_XLAT_ABBREV) {
		/* strace: the flags, then the exit signal in decimal:
		 * "0x1200000|17" */
		struct rp_buf b = {0};
		if (flags & ~0xffull || !sig)
			rp_xlat_flags_text(&b, st, &rp_x_clone_flags, flags & ~0xffull);
		if (sig) {
			char num[16];
			snprintf(num, sizeof(num), "%u", sig);
			if (flags & ~0xffull)
				rp_buf_putc(&b, '|');
			rp_xlat_named_text(&b, st, num, sn != tmp ? sn : NULL);
		}
		rp_e_raw(c->e, b.data ? b.data : "");
		rp_buf_free(&b);
		return;
	}
	rp_e_flags_pre(c->e, flags, NULL, &rp_x_clone_flags, flags & ~0xffull, sn);
}

/* A tid written by the kernel, shown as [tid] after the call. */
static void print_tid_ptr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	if (m && m->len >= 4 && c->exiting_ok && c->deref)
		rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
	else
		rp_arg_ptr(c, i);
}

/* clone's CLONE_PIDFD: the descriptor written at parent_tid, as [fd] with
 * what -y names it (the recorder names it as a descriptor the call added). */
static void print_pidfd_ptr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	if (!m || m->len < 4 || !c->exiting_ok || !c->deref || c->e->json) {
		print_tid_ptr(c, i);
		return;
	}
	struct rp_buf b = {0};
	rp_buf_putc(&b, '[');
	rp_buf_fd(c, &b, (int32_t)rp_get_u32(m->data));
	rp_buf_putc(&b, ']');
	if (b.oom)
		print_tid_ptr(c, i);
	else
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static void print_clone(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_key(c->e, "child_stack");
	rp_e_ptr(c->e, a[1]);
	rp_e_key(c->e, "flags");
	clone_flags(c, a[0]);
	if (a[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		rp_e_key(c->e, "parent_tid"); /* the pidfd too, as strace 6.1 names it */
		if (a[0] & CLONE_PIDFD)
			print_pidfd_ptr(c, 2);
		else
			print_tid_ptr(c, 2);
	}
	if (a[0] & CLONE_SETTLS) {
		rp_e_key(c->e, "tls");
		rp_e_ptr(c->e, a[4]);
	}
	if (a[0] & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		rp_e_key(c->e, "child_tidptr");
		rp_e_ptr(c->e, a[3]);
	}
}

/* Whether some named bit of x is set in v. */
static bool any_known(const struct rp_xlat *x, uint64_t v)
{
	for (size_t i = 0; i < x->n; i++) {
		if (x->e[i].val && (v & x->e[i].val) == x->e[i].val)
			return true;
	}
	return false;
}

static void print_clone3(struct rp_ctx *c)
{
	/* the struct as far as strace knows it (its fields past the size the
	 * call gave are 0), or its address when smaller than
	 * CLONE_ARGS_SIZE_VER0 or not all readable */
	const uint64_t size = c->sc->args[1];
	const size_t fetch =
	    size < sizeof(struct clone_args) ? (size_t)size : sizeof(struct clone_args);
	const struct rp_mem *m = fetch >= CLONE_ARGS_SIZE_VER0 ? rp_arg_mem(c, 0, false, fetch)
							       : (rp_arg_ptr(c, 0), NULL);
	if (m) {
		uint8_t d[sizeof(struct clone_args)] = {0};
		memcpy(d, m->data, fetch);
		const uint64_t flags = rp_get_u64(d);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "flags");
		if (flags && !any_known(&rp_x_clone_flags, flags)) {
			rp_e_hex(c->e, flags);
			if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
				rp_e_comment(c->e, "CLONE_???");
		} else {
			rp_e_flags_pre(c->e, flags, NULL, &rp_x_clone_flags, flags, NULL);
		}
		if (flags & CLONE_PIDFD) {
			rp_e_key(c->e, "pidfd");
			rp_e_ptr(c->e, rp_get_u64(d + 8));
		}
		if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
			rp_e_key(c->e, "child_tid");
			rp_e_ptr(c->e, rp_get_u64(d + 16));
		}
		if (flags & CLONE_PARENT_SETTID) {
			rp_e_key(c->e, "parent_tid");
			rp_e_ptr(c->e, rp_get_u64(d + 24));
		}
		rp_e_key(c->e, "exit_signal");
		const uint64_t exit_signal = rp_get_u64(d + 32);
		if (exit_signal < INT32_MAX)
			rp_print_signame(c, (int64_t)exit_signal);
		else /* strace: a number, unsigned */
			rp_e_uint(c->e, exit_signal);
		rp_e_key(c->e, "stack");
		rp_e_ptr(c->e, rp_get_u64(d + 40));
		rp_e_key(c->e, "stack_size");
		rp_e_hex(c->e, rp_get_u64(d + 48));
		if (flags & CLONE_SETTLS) {
			rp_e_key(c->e, "tls");
			rp_e_ptr(c->e, rp_get_u64(d + 56));
		}
		/* the second published size adds the tids asked for (the
		 * recorder reads at most strace's 32: item 1), the third the
		 * cgroup */
		const uint64_t set_tid = rp_get_u64(d + offsetof(struct clone_args, set_tid));
		const uint64_t set_tid_size =
		    rp_get_u64(d + offsetof(struct clone_args, set_tid_size));
		if (set_tid || set_tid_size) {
			rp_e_key(c->e, "set_tid");
			if (!set_tid || !set_tid_size || set_tid_size > 32)
				rp_e_ptr(c->e, set_tid);
			else
				rp_print_array_mem(c, set_tid,
						   rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 1),
						   set_tid_size, 4, rp_print_int_elem);
			rp_e_key(c->e, "set_tid_size");
			rp_e_uint(c->e, set_tid_size);
		}
		const uint64_t cgroup = rp_get_u64(d + offsetof(struct clone_args, cgroup));
		if (fetch > offsetof(struct clone_args, cgroup) &&
		    (cgroup || (flags & CLONE_INTO_CGROUP))) {
			rp_e_key(c->e, "cgroup");
			rp_e_uint(c->e, cgroup);
		}
		/* a bigger struct than strace knows: its nonzero bytes, a page at most */
		if (size > fetch)
			rp_print_struct_tail(c, m, fetch,
					     size < SC_EXT_STRUCT_MAX ? size : SC_EXT_STRUCT_MAX);
		rp_e_close(c->e, '}');
		/* what the kernel wrote through the pointers (the recorder reads
		 * them at the exit: items 1 and 2 of the argument) */
		const struct rp_mem *const pidfd = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 0, 1);
		const struct rp_mem *const ptid = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 0, 2);
		const bool show_pidfd = (flags & CLONE_PIDFD) && pidfd && pidfd->len >= 4;
		const bool show_ptid = flags & CLONE_PARENT_SETTID;
		if ((show_pidfd || show_ptid) && c->exiting_ok) {
			struct rp_buf tmp = {0};
			rp_buf_printf(&tmp, " => {");
			if (show_pidfd) {
				rp_buf_printf(&tmp, "pidfd=[");
				rp_buf_fd(c, &tmp, (int32_t)rp_get_u32(pidfd->data));
				rp_buf_printf(&tmp, "]%s", show_ptid ? ", " : "");
			}
			const uint64_t ptid_addr = rp_get_u64(d + 24);
			if (show_ptid && !ptid_addr)
				rp_buf_puts(&tmp, "parent_tid=NULL");
			else if (show_ptid && ptid && ptid->len >= 4)
				rp_buf_printf(&tmp, "parent_tid=[%" PRId32 "]",
					      (int32_t)rp_get_u32(ptid->data));
			else if (show_ptid) /* not read back: the kernel stores the child's tid */
				rp_buf_printf(&tmp, "parent_tid=[%" PRId64 "]", c->sc->rval);
			rp_buf_printf(&tmp, "}");
			if (!tmp.oom)
				rp_e_glue(c->e, tmp.data);
			rp_buf_free(&tmp);
		}
	}
	rp_e_uint(c->e, c->sc->args[1]);
}

/* A signal in a wait status: its name, else its number (strace's
 * sprintsigname). */
static void wait_signame(struct rp_buf *b, unsigned sig)
{
	const char *const name = strec_signal_name((int)sig);
	if (name)
		rp_buf_puts(b, name);
	else
		rp_buf_printf(b, "%u", sig);
}

/* strace's printstatus: the macro test that holds, then what bits are
 * left ("|PTRACE_EVENT_EXIT<<16" of a ptrace stop). */
static void wait_status(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 4);
	if (!m)
		return;
	/* a zero return (WNOHANG, nothing ready) leaves the status unset */
	if (c->sc->rval == 0) {
		rp_arg_ptr(c, i);
		return;
	}
	uint32_t s = rp_get_u32(m->data);
	struct rp_buf b = {0};
	rp_buf_putc(&b, '[');
	if ((s & 0xff) == 0x7f) {
		const unsigned sig = (s >> 8) & 0xff; /* | 0x80: PTRACE_O_TRACESYSGOOD */
		rp_buf_puts(&b, "{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		wait_signame(&b, sig & 0x7f);
		rp_buf_printf(&b, "%s}", sig & 0x80 ? " | 0x80" : "");
		s &= ~((sig << 8) | 0x7fu);
	} else if ((s & 0x7f) != 0 && (s & 0x7f) != 0x7f) {
		rp_buf_puts(&b, "{WIFSIGNALED(s) && WTERMSIG(s) == ");
		wait_signame(&b, s & 0x7f);
		rp_buf_printf(&b, "%s}", (s & 0x80) ? " && WCOREDUMP(s)" : "");
		s &= ~0xffu;
	} else if ((s & 0x7f) == 0) {
		rp_buf_printf(&b, "{WIFEXITED(s) && WEXITSTATUS(s) == %u}", (s >> 8) & 0xff);
		s &= ~0xff00u;
	} else if (s == 0xffff) {
		rp_buf_puts(&b, "{WIFCONTINUED(s)}");
		s = 0;
	} else { /* none holds: the number alone */
		rp_buf_printf(&b, "%#x", s);
		s = 0;
	}
	/* what is left: a ptrace event (<<16), then any other bits */
	if (s >> 16) {
		rp_buf_putc(&b, '|');
		rp_xlat_enum_text(&b, rp_e_xstyle(c->e), &rp_x_ptrace_events, s >> 16);
		rp_buf_puts(&b, "<<16");
		s &= 0xffff;
	}
	if (s)
		rp_buf_printf(&b, "|%#x", s);
	rp_buf_putc(&b, ']');
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static void rlim_value(struct rp_ctx *c, uint64_t v)
{
	char num[24], k[32];
	snprintf(num, sizeof(num), "%" PRIu64, v);
	/* -X raw/verbose: the number, verbose adding the text as a comment */
	if (v == UINT64_MAX) {
		rp_e_named(c->e, num, "RLIM64_INFINITY");
	} else if (v > 0 && v % 1024 == 0 && !c->e->json) {
		snprintf(k, sizeof(k), "%" PRIu64 "*1024", v / 1024);
		rp_e_named(c->e, num, k);
	} else
		rp_e_uint(c->e, v);
}

static void print_rlimit(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 16);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "rlim_cur");
	rlim_value(c, rp_get_u64(m->data));
	rp_e_key(c->e, "rlim_max");
	rlim_value(c, rp_get_u64(m->data + 8));
	rp_e_close(c->e, '}');
}

static void print_uname(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, true, 390);
	if (!m)
		return;
	static const char *const k[] = {"sysname", "nodename", "release",
					"version", "machine",  "domainname"};
	rp_e_open(c->e, '{');
	for (int i = 0; i < 6; i++) {
		if (i == 2 && !RP_VERBOSE(c)) {
			rp_e_ellipsis(c->e);
			break;
		}
		rp_e_key(c->e, k[i]);
		rp_e_bytes_whole(c->e, m->data + 65 * i, 65, true, false);
	}
	rp_e_close(c->e, '}');
}

static void print_sysinfo(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, true, 112);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "uptime");
	rp_e_int(c->e, (int64_t)rp_get_u64(d));
	rp_e_key(c->e, "loads");
	rp_e_open(c->e, '[');
	for (int i = 0; i < 3; i++)
		rp_e_uint(c->e, rp_get_u64(d + 8 + 8 * i));
	rp_e_close(c->e, ']');
	static const char *const k[] = {"totalram",  "freeram",	  "sharedram",
					"bufferram", "totalswap", "freeswap"};
	for (int i = 0; i < 6; i++) {
		rp_e_key(c->e, k[i]);
		rp_e_uint(c->e, rp_get_u64(d + 32 + 8 * i));
	}
	rp_e_key(c->e, "procs");
	rp_e_uint(c->e, rp_get_u16(d + 80));
	rp_e_key(c->e, "totalhigh");
	rp_e_uint(c->e, rp_get_u64(d + 88));
	rp_e_key(c->e, "freehigh");
	rp_e_uint(c->e, rp_get_u64(d + 96));
	rp_e_key(c->e, "mem_unit");
	rp_e_uint(c->e, rp_get_u32(d + 104));
	rp_e_close(c->e, '}');
}

/* strace's printuid: (uid_t)-1 as -1, others unsigned. */
void rp_print_uid(struct rp_ctx *c, uint32_t v)
{
	if (v == UINT32_MAX)
		rp_e_int(c->e, -1);
	else
		rp_e_uint(c->e, v);
}

/* [value] of an int the kernel wrote, or the address. */
static void print_out_uid(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 4);
	if (!m)
		return;
	const uint32_t v = rp_get_u32(m->data);
	if (v == UINT32_MAX)
		rp_e_raw(c->e, "[-1]");
	else
		rp_e_rawf(c->e, "[%" PRIu32 "]", v);
}

static void print_out_int(struct rp_ctx *c, unsigned i, bool is_unsigned)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 4);
	if (!m)
		return;
	if (is_unsigned)
		rp_e_rawf(c->e, "[%" PRIu32 "]", rp_get_u32(m->data));
	else
		rp_e_rawf(c->e, "[%" PRId32 "]", (int32_t)rp_get_u32(m->data));
}

/* PR_SCHED_CORE_GET's cookie: [0x...] once written, else the address. */
static void print_out_cookie(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 8);
	if (m)
		rp_e_rawf(c->e, "[%#" PRIx64 "]", rp_get_u64(m->data));
}

static void print_out_addr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 8);
	if (!m)
		return;
	const uint64_t v = rp_get_u64(m->data);
	if (v)
		rp_e_rawf(c->e, "[%#" PRIx64 "]", v);
	else
		rp_e_raw(c->e, "[NULL]");
}

static void print_gid_elem(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_print_uid(c, rp_get_u32(p));
}

/* getgroups/setgroups: n gids as strace's print_array shows them, or the
 * address when n is out of range */
static void print_groups(struct rp_ctx *c, unsigned i, uint32_t n, bool out)
{
	if (n > 65536) { /* NGROUPS_MAX */
		rp_arg_ptr(c, i);
		return;
	}
	rp_print_array(c, i, out, n, sizeof(uint32_t), print_gid_elem);
}

/* struct rusage: times, then the counters only with -v. */
static void print_rusage(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 144);
	if (!m)
		return;
	const uint8_t *d = m->data;
	rp_e_open(c->e, '{');
	static const char *const tv[] = {"ru_utime", "ru_stime"};
	for (int k = 0; k < 2; k++) {
		rp_e_key(c->e, tv[k]);
		rp_print_timespec_data(c->e, d + 16 * k, "tv_usec");
	}
	if (!RP_VERBOSE(c)) {
		rp_e_ellipsis(c->e);
	} else {
		static const char *const n[] = {
		    "ru_maxrss", "ru_ixrss",	"ru_idrss",   "ru_isrss",   "ru_minflt",
		    "ru_majflt", "ru_nswap",	"ru_inblock", "ru_oublock", "ru_msgsnd",
		    "ru_msgrcv", "ru_nsignals", "ru_nvcsw",   "ru_nivcsw"};
		for (int k = 0; k < 14; k++) {
			rp_e_key(c->e, n[k]);
			rp_e_uint(c->e, rp_get_u64(d + 32 + 8 * k)); /* strace: unsigned */
		}
	}
	rp_e_close(c->e, '}');
}

/* A CPU mask: the numbers of the CPUs set, len bytes of it. */
void rp_print_cpuset(struct rp_ctx *c, unsigned i, uint64_t len, bool out)
{
	const struct rp_mem *m =
	    rp_syscall_mem(c->sc, out ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || (out && !c->exiting_ok) || !c->deref) {
		rp_arg_ptr(c, i);
		return;
	}
	if (!len) { /* strace reads nothing then */
		rp_e_raw(c->e, "[]");
		return;
	}
	if (!m || (m->flags & STRTRC_MEM_UNREADABLE)) {
		rp_arg_ptr(c, i);
		return;
	}
	const size_t n = m->len < len ? m->len : (size_t)len;
	struct rp_buf b = {0};
	rp_buf_putc(&b, '[');
	bool first = true;
	for (size_t bit = 0; bit < n * 8; bit++) {
		if (!((m->data[bit / 8] >> (bit % 8)) & 1))
			continue;
		rp_buf_printf(&b, first ? "%zu" : " %zu", bit);
		first = false;
	}
	rp_buf_putc(&b, ']');
	rp_e_raw(c->e, b.data ? b.data : "[]");
	rp_buf_free(&b);
}

/* A capability set: 1<<CAP_A|1<<CAP_B, unknown bits in hex, 0 when empty. */
static void cap_names(struct rp_buf *b, uint64_t v)
{
	for (size_t k = 0; k < rp_x_cap.n; k++) {
		const uint64_t bit = 1ull << rp_x_cap.e[k].val;
		if (!(v & bit))
			continue;
		rp_buf_printf(b, "%s1<<%s", b->len ? "|" : "", rp_x_cap.e[k].name);
		v &= ~bit;
	}
	if (v)
		rp_buf_printf(b, "%s%#" PRIx64, b->len ? "|" : "", v);
}

static void print_capset(struct rp_ctx *c, uint64_t v)
{
	if (!v) {
		rp_e_uint(c->e, 0);
		return;
	}
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st != RP_XLAT_ABBREV) {
		/* -X: each 32-bit word of the set on its own, "0xfeffffff|0x1ff" */
		struct rp_buf t = {0};
		for (int w = 0; w < 2; w++) {
			const uint64_t part = w ? v & ~0xffffffffull : v & 0xffffffffull;
			if (!part && (w || v >> 32))
				continue;
			struct rp_buf names = {0};
			char num[24];
			cap_names(&names, part);
			snprintf(num, sizeof(num), "%#" PRIx64, part >> (32 * w));
			if (t.len)
				rp_buf_putc(&t, '|');
			rp_xlat_named_text(&t, st, num, names.data ? names.data : "0");
			rp_buf_free(&names);
		}
		rp_e_raw(c->e, t.data ? t.data : "0");
		rp_buf_free(&t);
		return;
	}
	struct rp_buf b = {0};
	cap_names(&b, v);
	rp_e_raw(c->e, b.data ? b.data : "0");
	rp_buf_free(&b);
}

#define CAP_V1 0x19980330u
#define CAP_V2 0x20071026u
#define CAP_V3 0x20080522u

/* The header: false, after its address, when it was not read. */
static bool print_cap_header(struct rp_ctx *c, uint32_t *version)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, false, 8);
	*version = 0;
	if (!m)
		return false;
	*version = rp_get_u32(m->data);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "version");
	switch (*version) {
	case CAP_V1:
		rp_e_symx(c->e, "_LINUX_CAPABILITY_VERSION_1", CAP_V1);
		break;
	case CAP_V2:
		rp_e_symx(c->e, "_LINUX_CAPABILITY_VERSION_2", CAP_V2);
		break;
	case CAP_V3:
		rp_e_symx(c->e, "_LINUX_CAPABILITY_VERSION_3", CAP_V3);
		break;
	default:
		rp_e_hex(c->e, *version);
		if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
			rp_e_comment(c->e, "_LINUX_CAPABILITY_VERSION_???");
	}
	rp_e_key(c->e, "pid");
	rp_e_id(c->e, (int32_t)rp_get_u32(m->data + 4));
	rp_e_close(c->e, '}');
	return true;
}

static void print_cap_data(struct rp_ctx *c, unsigned i, bool out, uint32_t version)
{
	/* two words for versions 2 and 3, one for 1 and for unknown versions */
	const size_t need = version == CAP_V2 || version == CAP_V3 ? 24 : 12;
	const struct rp_mem *m = rp_arg_mem(c, i, out, need);
	if (!m)
		return;
	static const char *const k[] = {"effective", "permitted", "inheritable"};
	rp_e_open(c->e, '{');
	for (int f = 0; f < 3; f++) {
		uint64_t v = rp_get_u32(m->data + 4 * f);
		if (need == 24)
			v |= (uint64_t)rp_get_u32(m->data + 12 + 4 * f) << 32;
		rp_e_key(c->e, k[f]);
		print_capset(c, v);
	}
	rp_e_close(c->e, '}');
}

static void print_capget(struct rp_ctx *c, bool get)
{
	uint32_t version;
	const bool header = print_cap_header(c, &version);
	/* without the header, strace does not know the data's size: its
	 * address; capget refuses an unknown version before it writes the
	 * data; capset's is shown as version 1's, as strace does */
	if (!header || (get && version != CAP_V1 && version != CAP_V2 && version != CAP_V3)) {
		rp_arg_ptr(c, 1);
		return;
	}
	print_cap_data(c, 1, get, version);
}

/* PER_LINUX|ADDR_NO_RANDOMIZE: the type (low byte), then the flags. */
static void personality_text(struct rp_buf *b, enum rp_xlat_style st, uint32_t v)
{
	/* -X: "0 /" "* PER_LINUX *" "/|0x40000 /" "* ADDR_NO_RANDOMIZE *" "/" */
	rp_xlat_enum_text(b, st, &rp_x_personality_type, v & 0xff);
	if (v & ~0xffu) {
		rp_buf_putc(b, '|');
		if (st == RP_XLAT_ABBREV)
			rp_flags_text(b, &rp_x_personality_flags, v & ~0xffu);
		else
			rp_xlat_flags_text(b, st, &rp_x_personality_flags, v & ~0xffu);
	}
}

/* The remaining prctl arguments from first, in hex. */
static void prctl_rest(struct rp_ctx *c, int first)
{
	for (int i = first; i < 5; i++)
		rp_e_hex(c->e, c->sc->args[i]);
}

/* An argument as text in the -X style: text alone, the number with the
 * text in a comment, or the number (num) alone. */
static void prctl_styled(struct rp_ctx *c, const char *num, const struct rp_buf *text)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st == RP_XLAT_ABBREV)
		rp_e_raw(c->e, text->data ? text->data : "");
	else if (st == RP_XLAT_RAW)
		rp_e_raw(c->e, num);
	else
		rp_e_rawf(c->e, "%s /* %s */", num, text->data ? text->data : "");
}

/* PR_SET_TAGGED_ADDR_CTRL's control: "[!]PR_TAGGED_ADDR_ENABLE", the tag
 * check fault mode, the tag mask shifted, any other bits in hex. */
static void print_tagged_addr_ctrl(struct rp_ctx *c, uint64_t v)
{
	struct rp_buf b = {0};
	const struct rp_xlat *const en = &rp_x_pr_tagged_addr;
	rp_buf_printf(&b, "%s%s", v & PR_TAGGED_ADDR_ENABLE ? "" : "!",
		      rp_xlat_lookup(en, PR_TAGGED_ADDR_ENABLE));
	rp_buf_printf(&b, "|%s", rp_xlat_lookup(&rp_x_pr_mte_tcf, v & PR_MTE_TCF_MASK));
	const uint64_t tags = (v & PR_MTE_TAG_MASK) >> PR_MTE_TAG_SHIFT;
	if (tags)
		rp_buf_printf(&b, "|%#" PRIx64 "<<PR_MTE_TAG_SHIFT", tags);
	const uint64_t rest =
	    v & ~(uint64_t)(PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_MASK | PR_MTE_TAG_MASK);
	if (rest)
		rp_buf_printf(&b, "|%#" PRIx64, rest);
	char num[32];
	snprintf(num, sizeof(num), v ? "%#" PRIx64 : "%" PRIu64, v);
	prctl_styled(c, num, &b);
	rp_buf_free(&b);
}

/* PR_SVE_SET_VL / PR_SME_SET_VL: the flags above the vector length (in
 * set x), "|", then the length in hex; the length alone in hex when no
 * flag is set. */
static void print_vector_length(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v)
{
	const uint64_t flags = v & ~(uint64_t)PR_SVE_VL_LEN_MASK;
	if (!flags) {
		rp_e_hex(c->e, v);
		return;
	}
	struct rp_buf b = {0};
	rp_flags_text(&b, x, flags);
	const uint64_t len = v & PR_SVE_VL_LEN_MASK;
	rp_buf_printf(&b, len ? "|%#" PRIx64 : "|%" PRIu64, len);
	char num[32];
	snprintf(num, sizeof(num), "%#" PRIx64, v);
	prctl_styled(c, num, &b);
	rp_buf_free(&b);
}

/* PR_SET_PTRACER's process: an int, -1 being PR_SET_PTRACER_ANY. */
static void print_ptracer(struct rp_ctx *c, uint64_t v)
{
	const int32_t pid = (int32_t)v;
	const char *const name = rp_xlat_lookup(&rp_x_pr_set_ptracer, (uint64_t)(int64_t)pid);
	if (!name && rp_marks_ids(c->opts))
		rp_e_id(c->e, pid);
	else
		rp_e_symd(c->e, name, pid);
}

/* What kind of id PR_SCHED_CORE's pid is, by its scope (PIDTYPE_*). */
static enum sc_pid_type sched_core_pid_type(uint32_t scope)
{
	static const enum sc_pid_type by_scope[] = {SC_PID_TID, SC_PID_TGID, SC_PID_PGID,
						    SC_PID_SID};
	return scope < sizeof(by_scope) / sizeof(by_scope[0]) ? by_scope[scope] : SC_PID_NONE;
}

/* PR_SCHED_CORE's scope: a pid type, always with its name in a comment
 * (strace prints it in the verbose style), the number alone under -X raw. */
static void print_pidtype(struct rp_ctx *c, uint64_t v)
{
	const char *const name = rp_xlat_lookup(&rp_x_pidtype, v);
	struct rp_buf b = {0};
	char num[32];
	snprintf(num, sizeof(num), v ? "%#" PRIx64 : "%" PRIu64, v);
	rp_buf_puts(&b, num);
	if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
		rp_buf_printf(&b, " /* %s */", name ? name : rp_x_pidtype.unknown);
	rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

/* The options strace 6.1 decodes, each as it prints it; the others show
 * their four arguments in hex. */
static void print_prctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const uint32_t option = (uint32_t)a[0];
	const char *name = rp_xlat_lookup(&rp_x_prctl, option);
	if (!name) {
		rp_e_enum(c->e, &rp_x_prctl, option);
		prctl_rest(c, 1);
		return;
	}
	rp_e_symx(c->e, name, option);
	switch (option) {
	case PR_GET_DUMPABLE:
	case PR_GET_KEEPCAPS:
	case PR_GET_TIMING:
	case PR_GET_SECCOMP:
	case PR_GET_SECUREBITS:
	case PR_GET_TIMERSLACK:
	case PR_TASK_PERF_EVENTS_DISABLE:
	case PR_TASK_PERF_EVENTS_ENABLE:
	case PR_GET_FP_MODE:
	case PR_SVE_GET_VL:
	case PR_SME_GET_VL:
		break;
	case PR_SET_TSC:
		rp_e_enum(c->e, &rp_x_pr_tsc, (uint32_t)a[1]);
		break;
	case PR_GET_TSC: {
		const struct rp_mem *m = rp_arg_mem(c, 1, true, 4);
		if (m) {
			struct rp_buf b = {0};
			rp_buf_putc(&b, '[');
			rp_xlat_enum_text(&b, rp_e_xstyle(c->e), &rp_x_pr_tsc, rp_get_u32(m->data));
			rp_buf_putc(&b, ']');
			rp_e_raw(c->e, b.data ? b.data : "");
			rp_buf_free(&b);
		}
		break;
	}
	case PR_MCE_KILL:
		rp_e_enum(c->e, &rp_x_pr_mce_kill, a[1]);
		if (a[1] == PR_MCE_KILL_SET) {
			rp_e_enum(c->e, &rp_x_pr_mce_kill_policy, a[2]);
			prctl_rest(c, 3);
		} else {
			prctl_rest(c, 2);
		}
		break;
	case PR_SET_PDEATHSIG:
		/* strace names a signal only up to 128, else the number unsigned */
		if (a[1] > 128)
			rp_e_uint(c->e, a[1]);
		else
			rp_print_signame(c, (int64_t)a[1]);
		break;
	case PR_GET_PDEATHSIG: {
		const struct rp_mem *m = rp_arg_mem(c, 1, true, 4);
		if (m) {
			const int sig = (int32_t)rp_get_u32(m->data);
			const char *sn = sig > 0 && sig < 32 ? strec_signal_name(sig) : NULL;
			struct rp_buf b = {0};
			char num[16];
			snprintf(num, sizeof(num), "%d", sig);
			rp_buf_putc(&b, '[');
			/* -X: [15 /" "* SIGTERM *" "/] */
			rp_xlat_named_text(&b, rp_e_xstyle(c->e), num, sn);
			rp_buf_putc(&b, ']');
			rp_e_raw(c->e, b.data);
			rp_buf_free(&b);
		}
		break;
	}
	case PR_SET_DUMPABLE:
		rp_e_enum(c->e, &rp_x_dumpable, a[1]);
		break;
	case PR_SET_KEEPCAPS:
	case PR_SET_TIMING:
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_ENDIAN:
	case PR_SET_FPEMU:
	case PR_SET_FPEXC:
		rp_e_uint(c->e, a[1]);
		break;
	case PR_SET_UNALIGN:
		rp_e_flags(c->e, &rp_x_pr_unalign_flags, a[1]);
		break;
	case PR_SET_NAME:
		rp_arg_str_max(c, 1, sc_type_size(SC_T_TASK_COMM) - 1);
		break;
	case PR_GET_NAME: {
		const struct rp_mem *m = rp_arg_mem_str(c, 1, true, sc_type_size(SC_T_TASK_COMM));
		if (m)
			rp_e_bytes(c->e, m->data, sc_type_size(SC_T_TASK_COMM), true, false);
		break;
	}
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP:
		rp_e_enum(c->e, &rp_x_cap, a[1]);
		break;
	case PR_CAP_AMBIENT:
		rp_e_enum(c->e, &rp_x_pr_cap_ambient, a[1]);
		switch (a[1]) {
		case PR_CAP_AMBIENT_IS_SET:
		case PR_CAP_AMBIENT_RAISE:
		case PR_CAP_AMBIENT_LOWER:
			rp_e_enum(c->e, &rp_x_cap, a[2]);
			prctl_rest(c, 3);
			break;
		default:
			prctl_rest(c, 2);
		}
		break;
	case PR_SET_SECUREBITS:
		rp_e_flags(c->e, &rp_x_secbits, a[1]);
		break;
	case PR_SET_FP_MODE:
		rp_e_flags(c->e, &rp_x_pr_fp_mode, a[1]);
		break;
	case PR_GET_SPECULATION_CTRL:
		rp_e_enum(c->e, &rp_x_pr_spec_cmds, a[1]);
		break;
	case PR_SET_SPECULATION_CTRL:
		rp_e_enum(c->e, &rp_x_pr_spec_cmds, a[1]);
		if (rp_xlat_lookup(&rp_x_pr_spec_cmds, a[1]))
			rp_e_enum(c->e, &rp_x_pr_spec_set_flags, a[2]);
		else
			rp_e_hex(c->e, a[2]);
		break;
	case PR_SET_PTRACER:
		print_ptracer(c, a[1]);
		break;
	case PR_SET_TIMERSLACK:
		rp_e_int(c->e, (int64_t)a[1]);
		break;
	case PR_GET_CHILD_SUBREAPER:
		print_out_int(c, 1, true);
		break;
	case PR_GET_ENDIAN:
	case PR_GET_FPEMU:
	case PR_GET_FPEXC:
	case PR_GET_UNALIGN:
		print_out_int(c, 1, true);
		break;
	case PR_GET_TID_ADDRESS:
		print_out_addr(c, 1);
		break;
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		rp_e_uint(c->e, a[1]);
		prctl_rest(c, 2);
		break;
	case PR_SET_TAGGED_ADDR_CTRL:
		print_tagged_addr_ctrl(c, a[1]);
		prctl_rest(c, 2);
		break;
	case PR_SVE_SET_VL:
		print_vector_length(c, &rp_x_pr_sve_vl_flags, a[1]);
		break;
	case PR_SME_SET_VL:
		print_vector_length(c, &rp_x_pr_sme_vl_flags, a[1]);
		break;
	case PR_PAC_RESET_KEYS:
		rp_e_flags(c->e, &rp_x_pr_pac_keys, a[1]);
		prctl_rest(c, 2);
		break;
	case PR_PAC_SET_ENABLED_KEYS:
		rp_e_flags(c->e, &rp_x_pr_pac_enabled_keys, a[1]);
		rp_e_flags(c->e, &rp_x_pr_pac_enabled_keys, a[2]);
		prctl_rest(c, 3);
		break;
	case PR_SET_SECCOMP:
		rp_e_enum(c->e, &rp_x_seccomp_mode, a[1]);
		if (a[1] == SECCOMP_MODE_FILTER)
			rp_print_seccomp_fprog(c, 2);
		else if (a[1] != SECCOMP_MODE_STRICT)
			prctl_rest(c, 2);
		break;
	case PR_SET_MM:
		rp_e_enum(c->e, &rp_x_pr_set_mm, a[1]);
		prctl_rest(c, 2);
		break;
	case PR_SCHED_CORE:
		/* the command and the scope are ints to the kernel (and strace) */
		rp_e_enum(c->e, &rp_x_pr_sched_core, (uint32_t)a[1]);
		rp_e_pid(c, (int32_t)a[2], sched_core_pid_type((uint32_t)a[3]));
		print_pidtype(c, (uint32_t)a[3]);
		if ((uint32_t)a[1] == PR_SCHED_CORE_GET)
			print_out_cookie(c, 4);
		else
			rp_e_ptr(c->e, a[4]);
		break;
	case PR_SET_VMA:
		rp_e_enum(c->e, &rp_x_pr_set_vma, a[1]);
		if (a[1] == PR_SET_VMA_ANON_NAME) {
			rp_e_ptr(c->e, a[2]);
			rp_e_uint(c->e, a[3]);
			rp_arg_str(c, 4);
		} else {
			prctl_rest(c, 2);
		}
		break;
	case PR_SET_SYSCALL_USER_DISPATCH:
		rp_e_enum(c->e, &rp_x_pr_sys_dispatch, a[1]);
		if (rp_xlat_lookup(&rp_x_pr_sys_dispatch, a[1])) {
			rp_e_hex(c->e, a[2]);
			rp_e_hex(c->e, a[3]);
			rp_e_ptr(c->e, a[4]);
		} else {
			prctl_rest(c, 2);
		}
		break;
	default:
		prctl_rest(c, 1);
	}
}

static void print_waitid(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, rp_xlat_get(SC_X_WAITID_WHICH), (uint32_t)a[0]);
	if ((uint32_t)a[0] == 3) /* P_PIDFD */
		rp_arg_fd(c, (int64_t)a[1]);
	else
		rp_e_pid(c, (int32_t)a[1],
			 (uint32_t)a[0] == P_PID    ? SC_PID_TGID
			 : (uint32_t)a[0] == P_PGID ? SC_PID_PGID
						    : SC_PID_NONE);
	const struct rp_mem *m = rp_arg_mem(c, 2, true, SC_SIZE(SIGINFO));
	if (m) {
		if (rp_get_u32(m->data) == 0) /* WNOHANG, nothing ready */
			rp_e_raw(c->e, "{}");
		else {
			const struct rp_si_names names = rp_si_names_of(c);
			rp_print_siginfo(c->e, m->data, m->len, &names);
		}
	}
	rp_e_flags(c->e, &rp_x_wait_options, (uint32_t)a[3]);
	print_rusage(c, 4);
}

void rp_dec_execve(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
	rp_arg_generic_strvec(c, 1);
	print_envp(c, 2);
}

void rp_dec_execveat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_dirfd(c, (int64_t)a[0]);
	rp_arg_path(c, 1);
	rp_arg_generic_strvec(c, 2);
	print_envp(c, 3);
	rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[4]);
}

void rp_dec_clone(struct rp_ctx *c)
{
	print_clone(c);
}

void rp_dec_clone3(struct rp_ctx *c)
{
	print_clone3(c);
}

void rp_dec_wait4(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	wait_status(c, 1);
	rp_e_flags(c->e, &rp_x_wait_options, (uint32_t)a[2]);
	if (c->sc->rval > 0) /* no child changed (WNOHANG's 0): the address */
		print_rusage(c, 3);
	else
		rp_arg_ptr(c, 3);
}

void rp_dec_waitid(struct rp_ctx *c)
{
	print_waitid(c);
}

void rp_dec_prlimit64(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_enum(c->e, &rp_x_rlimit, (uint32_t)a[1]);
	print_rlimit(c, 2, false);
	print_rlimit(c, 3, true);
}

void rp_dec_getrlimit(struct rp_ctx *c)
{
	rp_e_enum(c->e, &rp_x_rlimit, (uint32_t)c->sc->args[0]);
	print_rlimit(c, 1, true);
}

void rp_dec_setrlimit(struct rp_ctx *c)
{
	rp_e_enum(c->e, &rp_x_rlimit, (uint32_t)c->sc->args[0]);
	print_rlimit(c, 1, false);
}

void rp_dec_getrusage(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	/* -X prints RUSAGE_CHILDREN as the int it is: 0xffffffff */
	if (rp_e_xstyle(c->e) == RP_XLAT_ABBREV)
		rp_e_enum(c->e, rp_xlat_get(SC_X_RUSAGE_WHO), (uint64_t)(int64_t)(int32_t)a[0]);
	else
		rp_e_symx(
		    c->e,
		    rp_xlat_lookup(rp_xlat_get(SC_X_RUSAGE_WHO), (uint64_t)(int64_t)(int32_t)a[0])
			?: rp_xlat_get(SC_X_RUSAGE_WHO)->unknown,
		    (uint32_t)a[0]);
	print_rusage(c, 1);
}

void rp_dec_arch_prctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_arch_prctl, (uint32_t)a[0]);
	/* strace names the xfeatures in a comment even without -X verbose */
	const enum rp_xlat_style st =
	    rp_e_xstyle(c->e) == RP_XLAT_RAW ? RP_XLAT_RAW : RP_XLAT_VERBOSE;
	struct rp_buf b = {0};
	switch (a[0]) {
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		print_out_addr(c, 1);
		break;
	case ARCH_GET_CPUID: /* no argument */
		break;
	case ARCH_GET_XCOMP_SUPP:
	case ARCH_GET_XCOMP_PERM:
	case ARCH_GET_XCOMP_GUEST_PERM: {
		const struct rp_mem *m = rp_arg_mem(c, 1, true, 8);
		if (!m)
			break;
		rp_buf_putc(&b, '[');
		rp_xlat_flags_text(&b, st, &rp_x_x86_xfeatures, rp_get_u64(m->data));
		rp_buf_putc(&b, ']');
		rp_e_raw(c->e, b.data ? b.data : "");
		break;
	}
	case ARCH_REQ_XCOMP_PERM:
	case ARCH_REQ_XCOMP_GUEST_PERM:
		rp_xlat_enum_text(&b, st, &rp_x_x86_xfeature_bits, a[1]);
		rp_e_raw(c->e, b.data ? b.data : "");
		break;
	default:
		rp_e_hex(c->e, a[1]);
	}
	rp_buf_free(&b);
}

void rp_dec_set_robust_list(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_get_robust_list(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	print_out_addr(c, 1);
	const struct rp_mem *m = rp_arg_mem(c, 2, true, 8);
	if (m)
		rp_e_rawf(c->e, "[%" PRIu64 "]", rp_get_u64(m->data));
}

void rp_dec_set_tid_address(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_hex(c->e, a[0]);
}

void rp_dec_rseq(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	/* strace 6.1 has no rseq decoder: all four in hex */
	for (int i = 0; i < 4; i++)
		rp_e_hex(c->e, i == 1 || i == 2 ? (uint32_t)a[i] : a[i]);
}

void rp_dec_prctl(struct rp_ctx *c)
{
	print_prctl(c);
}

/* seccomp(op, flags, args): the flags by name only for SECCOMP_SET_MODE_FILTER;
 * the action SECCOMP_GET_ACTION_AVAIL asks about; the sizes
 * SECCOMP_GET_NOTIF_SIZES answers with. */
void rp_dec_seccomp(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const uint32_t op = (uint32_t)a[0];
	rp_e_enum(c->e, &rp_x_seccomp_ops, op);
	if (op == 1) /* SECCOMP_SET_MODE_FILTER */
		rp_e_flags(c->e, &rp_x_seccomp_filter_flags, (uint32_t)a[1]);
	else
		rp_e_hex(c->e, (uint32_t)a[1]);
	if (op == 2) { /* SECCOMP_GET_ACTION_AVAIL */
		const struct rp_mem *m = rp_arg_mem(c, 2, false, 4);
		if (m) {
			rp_e_open(c->e, '[');
			rp_e_enum(c->e, &rp_x_seccomp_ret_action, rp_get_u32(m->data));
			rp_e_close(c->e, ']');
		}
	} else if (op == 3) { /* SECCOMP_GET_NOTIF_SIZES */
		static const char *const k[] = {"seccomp_notif", "seccomp_notif_resp",
						"seccomp_data"};
		const struct rp_mem *m = rp_arg_mem(c, 2, true, 6);
		if (m) {
			rp_e_open(c->e, '{');
			for (unsigned j = 0; j < 3; j++) {
				rp_e_key(c->e, k[j]);
				rp_e_uint(c->e,
					  (uint16_t)(m->data[2 * j] | m->data[2 * j + 1] << 8));
			}
			rp_e_close(c->e, '}');
		}
	} else if (op == 1) { /* SECCOMP_SET_MODE_FILTER */
		rp_print_seccomp_fprog(c, 2);
	} else
		rp_e_ptr(c->e, a[2]);
}

void rp_dec_uname(struct rp_ctx *c)
{
	print_uname(c);
}

void rp_dec_sysinfo(struct rp_ctx *c)
{
	print_sysinfo(c);
}

void rp_dec_exit(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
}

void rp_dec_getresuid(struct rp_ctx *c)
{
	for (unsigned i = 0; i < 3; i++)
		print_out_uid(c, i);
}

void rp_dec_setuid(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_uid(c, (uint32_t)a[0]);
}

void rp_dec_setreuid(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	for (unsigned i = 0; i < 2; i++)
		rp_print_uid(c, (uint32_t)a[i]);
}

void rp_dec_setresuid(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	for (unsigned i = 0; i < 3; i++)
		rp_print_uid(c, (uint32_t)a[i]);
}

void rp_dec_getgroups(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	if (c->exiting_ok)
		print_groups(c, 1, (uint32_t)c->sc->rval, true);
	else
		rp_arg_ptr(c, 1);
}

void rp_dec_setgroups(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	print_groups(c, 1, (uint32_t)a[0], false);
}

void rp_dec_sched_setaffinity(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_uint(c->e, (uint32_t)a[1]);
	rp_print_cpuset(c, 2, a[1], false);
}

void rp_dec_sched_getaffinity(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_uint(c->e, (uint32_t)a[1]);
	rp_print_cpuset(c, 2, c->exiting_ok ? (uint64_t)c->sc->rval : 0, true);
}

void rp_dec_sched_getparam(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	print_out_int(c, 1, false);
}

void rp_dec_getcpu(struct rp_ctx *c)
{
	print_out_int(c, 0, true);
	print_out_int(c, 1, true);
	rp_arg_ptr(c, 2);
}

void rp_dec_capget(struct rp_ctx *c)
{
	print_capget(c, true);
}

void rp_dec_capset(struct rp_ctx *c)
{
	print_capget(c, false);
}

void rp_dec_personality(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	if ((uint32_t)a[0] == 0xffffffffu) {
		rp_e_hex(c->e, (uint32_t)a[0]);
	} else {
		struct rp_buf b = {0};
		personality_text(&b, rp_e_xstyle(c->e), (uint32_t)a[0]);
		rp_e_raw(c->e, b.data ? b.data : "");
		rp_buf_free(&b);
	}
}

void rp_dec_unshare(struct rp_ctx *c)
{
	rp_e_flags(c->e, &rp_x_unshare, rp_flags_arg(c, 0));
}

void rp_dec_setns(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_flags(c->e, &rp_x_setns_types, (uint32_t)a[1]);
}

void rp_dec_pidfd_open(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_flags(c->e, &rp_x_pidfd, (uint32_t)a[1]);
}

void rp_dec_pidfd_send_signal(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_print_signame(c, (int32_t)a[1]);
	const struct rp_mem *m = rp_arg_mem(c, 2, false, SC_SIZE(SIGINFO));
	if (m) {
		const struct rp_si_names names = rp_si_names_of(c);
		rp_print_siginfo(c->e, m->data, m->len, &names);
	}
	rp_e_hex(c->e, (uint32_t)a[3]);
}

void rp_dec_pidfd_getfd(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_remote_fd(c, (int64_t)a[1]);
	rp_e_hex(c->e, (uint32_t)a[2]);
}

bool rp_rv_SCHED_POLICY(struct rp_ctx *c, struct rp_buf *b)
{
	const int64_t r = c->sc->rval;
	const char *p = rp_xlat_lookup(&rp_x_sched_policy, (uint64_t)r & ~0x40000000ull);
	if (!p)
		return false;
	rp_buf_printf(b, "%" PRId64 " (%s%s)", r, (r & 0x40000000) ? "SCHED_RESET_ON_FORK|" : "",
		      p);
	return true;
}

bool rp_rv_PERSONALITY(struct rp_ctx *c, struct rp_buf *b)
{
	const int64_t r = c->sc->rval;
	rp_buf_printf(b, "%#" PRIx64 " (", (uint64_t)r);
	personality_text(b, rp_e_xstyle(c->e), (uint32_t)r);
	rp_buf_putc(b, ')');
	return true;
}

/* An I/O priority: "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)", the class in
 * the -X style. */
void rp_ioprio_text(struct rp_buf *b, enum rp_xlat_style st, uint32_t ioprio)
{
	const unsigned class_shift = 13;
	rp_buf_puts(b, "IOPRIO_PRIO_VALUE(");
	rp_xlat_enum_text(b, st, &rp_x_ioprio_class, ioprio >> class_shift);
	rp_buf_printf(b, ", %d)", (int)(ioprio & ((1u << class_shift) - 1)));
}

static void print_ioprio_who(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_ioprio_who, (uint32_t)a[0]);
	switch ((uint32_t)a[0]) {
	case 1: /* IOPRIO_WHO_PROCESS */
		rp_e_pid(c, (int32_t)a[1], SC_PID_TGID);
		break;
	case 2: /* IOPRIO_WHO_PGRP */
		rp_e_pid(c, (int32_t)a[1], SC_PID_PGID);
		break;
	default:
		rp_e_int(c->e, (int32_t)a[1]);
	}
}

void rp_dec_ioprio_get(struct rp_ctx *c)
{
	print_ioprio_who(c);
}

void rp_dec_ioprio_set(struct rp_ctx *c)
{
	print_ioprio_who(c);
	rp_print_ioprio(c, (uint32_t)c->sc->args[2], false);
}

void rp_print_ioprio(struct rp_ctx *c, uint32_t ioprio, bool hex)
{
	struct rp_buf text = {0};
	rp_ioprio_text(&text, rp_e_xstyle(c->e), ioprio);
	char num[16];
	if (hex)
		snprintf(num, sizeof(num), "%#" PRIx32, ioprio);
	else
		snprintf(num, sizeof(num), "%" PRId32, (int32_t)ioprio);
	rp_e_named(c->e, num, text.data ? text.data : "");
	rp_buf_free(&text);
}

bool rp_rv_IOPRIO(struct rp_ctx *c, struct rp_buf *b)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st == RP_XLAT_RAW)
		return false;
	rp_buf_printf(b, "%" PRId64 " (", c->sc->rval);
	rp_ioprio_text(b, st, (uint32_t)c->sc->rval);
	rp_buf_putc(b, ')');
	return true;
}

bool rp_rv_PRCTL(struct rp_ctx *c, struct rp_buf *b)
{
	const int64_t r = c->sc->rval;
	const uint64_t option = c->sc->args[0];
	/* results that are bit sets: "0x11 (SECBIT_NOROOT|SECBIT_KEEP_CAPS)",
	 * the number alone under -X raw */
	const struct rp_xlat *bits = NULL;
	if (option == PR_GET_SECUREBITS)
		bits = &rp_x_secbits;
	else if (option == PR_GET_FP_MODE)
		bits = &rp_x_pr_fp_mode;
	else if (option == PR_GET_SPECULATION_CTRL &&
		 rp_xlat_lookup(&rp_x_pr_spec_cmds, c->sc->args[1]))
		bits = &rp_x_pr_spec_get_flags;
	if (bits && r > 0) {
		rp_buf_printf(b, "%#" PRIx64, (uint64_t)r);
		if (rp_e_xstyle(c->e) != RP_XLAT_RAW) {
			rp_buf_puts(b, " (");
			rp_flags_text(b, bits, (uint64_t)r);
			rp_buf_putc(b, ')');
		}
		return true;
	}
	const struct rp_xlat *const x = option == PR_GET_DUMPABLE   ? &rp_x_dumpable
					: option == PR_MCE_KILL_GET ? &rp_x_pr_mce_kill_policy
								    : NULL;
	const char *const name = r >= 0 && x ? rp_xlat_lookup(x, (uint64_t)r) : NULL;
	if (!name)
		return false;
	rp_buf_printf(b, "%" PRId64 " (%s)", r, name);
	return true;
}

/* ---- scheduling ---- */

/* A struct sched_param: [sched_priority]. */
static void print_sched_param(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, sc_type_size(SC_T_SCHED_PARAM));
	if (m)
		rp_e_rawf(c->e, "[%" PRId32 "]", (int32_t)rp_get_u32(m->data));
}

void rp_dec_sched_setparam(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	print_sched_param(c, 1);
}

void rp_dec_sched_setscheduler(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	rp_arg_generic(c, 1);
	print_sched_param(c, 2);
}

void rp_dec_sched_rr_get_interval(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	rp_print_timespec_arg(c, 1, true);
}

/* struct sched_attr as strace prints it: the fields up to the size the caller
 * gave (sched_setattr; 0 means VER0) or the kernel wrote (sched_getattr);
 * what sched_setattr keeps (SCHED_FLAG_KEEP_*) left out; ", ..." when the
 * caller's size exceeds the struct strace knows. */
static void print_sched_attr(struct rp_ctx *c, const uint8_t *p, size_t have, bool is_set)
{
	const uint32_t attr_size = rp_get_u32(p);
	uint32_t size, usize = 0;
	if (is_set) {
		usize = attr_size ? attr_size : SCHED_ATTR_SIZE_VER0;
		size = usize < SCHED_ATTR_SIZE_VER1 ? usize : SCHED_ATTR_SIZE_VER1;
	} else {
		size = attr_size; /* what the kernel wrote */
	}
	if (size > have)
		size = (uint32_t)have;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "size");
	rp_e_uint(c->e, attr_size);
	if (size >= SCHED_ATTR_SIZE_VER0) {
		const uint32_t policy = rp_get_u32(p + 4);
		const uint64_t flags = rp_get_u64(p + 8);
		const uint64_t keep = SCHED_FLAG_KEEP_POLICY | SCHED_FLAG_KEEP_PARAMS;
		if (!is_set || (int32_t)policy < 0 || !(flags & keep)) {
			rp_e_key(c->e, "sched_policy");
			rp_e_enum(c->e, rp_xlat_get(SC_X_SCHED_POLICY), policy);
		}
		rp_e_key(c->e, "sched_flags");
		rp_e_flags(c->e, &rp_x_sched_flags, flags);
		if (!is_set || !(flags & SCHED_FLAG_KEEP_PARAMS)) {
			rp_e_key(c->e, "sched_nice");
			rp_e_int(c->e, (int32_t)rp_get_u32(p + 16));
			rp_e_key(c->e, "sched_priority");
			rp_e_uint(c->e, rp_get_u32(p + 20));
			rp_e_key(c->e, "sched_runtime");
			rp_e_uint(c->e, rp_get_u64(p + 24));
			rp_e_key(c->e, "sched_deadline");
			rp_e_uint(c->e, rp_get_u64(p + 32));
			rp_e_key(c->e, "sched_period");
			rp_e_uint(c->e, rp_get_u64(p + 40));
		}
		if (size >= SCHED_ATTR_SIZE_VER1) {
			rp_e_key(c->e, "sched_util_min");
			rp_e_uint(c->e, rp_get_u32(p + 48));
			rp_e_key(c->e, "sched_util_max");
			rp_e_uint(c->e, rp_get_u32(p + 52));
		}
	}
	if ((is_set ? usize : attr_size) > size)
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, '}');
}

void rp_dec_sched_setattr(struct rp_ctx *c)
{
	rp_arg_pid(c, 0);
	const struct rp_mem *m = rp_arg_mem(c, 1, false, 4);
	if (m) {
		/* strace reads the size, then the struct up to it: an address
		 * when that second read faults */
		const uint32_t usize =
		    rp_get_u32(m->data) ? rp_get_u32(m->data) : SCHED_ATTR_SIZE_VER0;
		const uint32_t need = usize < SCHED_ATTR_SIZE_VER1 ? usize : SCHED_ATTR_SIZE_VER1;
		if (m->len < need && (m->flags & STRTRC_MEM_UNREADABLE)) {
			rp_arg_ptr(c, 1);
			rp_e_uint(c->e, (uint32_t)c->sc->args[2]);
			return;
		}
		print_sched_attr(c, m->data, m->len, true);
		/* E2BIG: the kernel wrote the size it knows */
		const struct rp_mem *x = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 1, 0);
		if (c->sc->finished && c->sc->rval == -E2BIG && x && x->stop == STRTRC_AT_EXIT &&
		    x->len >= 4) {
			rp_e_glue(c->e, " => ");
			if (!c->e->json)
				rp_buf_printf(c->e->out, "{size=%" PRIu32 "}", rp_get_u32(x->data));
		}
	}
	rp_e_uint(c->e, (uint32_t)c->sc->args[2]);
}

void rp_dec_sched_getattr(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	const struct rp_mem *m = (uint32_t)a[2] ? rp_arg_mem(c, 1, true, 4) : NULL;
	if (!(uint32_t)a[2])
		rp_arg_ptr(c, 1);
	else if (m)
		print_sched_attr(c, m->data, m->len < (uint32_t)a[2] ? m->len : (uint32_t)a[2],
				 false);
	rp_e_uint(c->e, (uint32_t)a[2]);
	rp_e_uint(c->e, (uint32_t)a[3]);
}

/* A descriptor of process pid: with its path (-y) when it is the
 * caller's, as the trace knows the caller's descriptors only. */
static void print_pid_fd(struct rp_ctx *c, int32_t pid, int64_t fd)
{
	/* the caller's own descriptors (the recorder knows no other's), the
	 * pid as the caller's pid namespace numbers it */
	const uint32_t seen =
	    pid > 0 && c->session
		? rp_session_pid_translate(c->session, c->ev->tid, pid, SC_PID_TGID)
		: 0;
	if (pid > 0 && (seen ? seen : (uint32_t)pid) == c->ev->pid)
		rp_arg_fd(c, (int32_t)fd);
	else
		rp_e_int(c->e, (int32_t)fd);
}

void rp_dec_kcmp(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const int32_t pid1 = (int32_t)a[0], pid2 = (int32_t)a[1];
	rp_arg_pid(c, 0);
	rp_arg_pid(c, 1);
	rp_arg_generic(c, 2);
	switch ((uint32_t)a[2]) {
	case KCMP_FILE:
		print_pid_fd(c, pid1, (int64_t)a[3]);
		print_pid_fd(c, pid2, (int64_t)a[4]);
		break;
	case KCMP_EPOLL_TFD: {
		print_pid_fd(c, pid1, (int64_t)a[3]);
		const struct rp_mem *m =
		    rp_arg_mem(c, 4, false, sc_type_size(SC_T_KCMP_EPOLL_SLOT));
		if (!m)
			break;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "efd");
		print_pid_fd(c, pid2, (int32_t)rp_get_u32(m->data));
		rp_e_key(c->e, "tfd");
		print_pid_fd(c, pid2, (int32_t)rp_get_u32(m->data + 4));
		rp_e_key(c->e, "toff");
		rp_e_uint(c->e, rp_get_u32(m->data + 8));
		rp_e_close(c->e, '}');
		break;
	}
	case KCMP_VM:
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_SIGHAND:
	case KCMP_IO:
	case KCMP_SYSVSEM:
		break; /* no more arguments */
	default:
		rp_e_hex(c->e, a[3]);
		rp_e_hex(c->e, a[4]);
	}
}

/* getpriority/setpriority's who: a process, a process group (both with
 * their --pidns-translation), or a user. */
static void print_prio_who(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const int32_t which = (int32_t)a[0], who = (int32_t)a[1];
	rp_e_enum(c->e, &rp_x_prio_which, (uint32_t)which);
	rp_e_pid(c, who,
		 which == PRIO_PROCESS ? SC_PID_TGID
		 : which == PRIO_PGRP  ? SC_PID_PGID
				       : SC_PID_NONE);
}

void rp_dec_getpriority(struct rp_ctx *c)
{
	print_prio_who(c);
}

void rp_dec_setpriority(struct rp_ctx *c)
{
	print_prio_who(c);
	rp_e_int(c->e, (int32_t)c->sc->args[2]);
}

/* process_mrelease: the pidfd and the (unsigned int) flags in hex */
void rp_dec_process_mrelease(struct rp_ctx *c)
{
	rp_arg_fd(c, (int32_t)c->sc->args[0]);
	rp_e_hex(c->e, (uint32_t)c->sc->args[1]);
}

/* _sysctl (which kernels no longer have): struct __sysctl_args, its
 * pointers as addresses, as strace */
void rp_dec_sysctl(struct rp_ctx *c)
{
	struct __sysctl_args a;
	if (!rp_arg_copy(c, 0, false, &a, sizeof(a)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "name");
	rp_e_ptr(c->e, (uint64_t)(uintptr_t)a.name);
	rp_e_key(c->e, "nlen");
	rp_e_int(c->e, a.nlen);
	rp_e_key(c->e, "oldval");
	rp_e_ptr(c->e, (uint64_t)(uintptr_t)a.oldval);
	rp_e_key(c->e, "oldlenp");
	rp_e_ptr(c->e, (uint64_t)(uintptr_t)a.oldlenp);
	rp_e_key(c->e, "newval");
	rp_e_ptr(c->e, (uint64_t)(uintptr_t)a.newval);
	rp_e_key(c->e, "newlen");
	rp_e_uint(c->e, a.newlen);
	rp_e_close(c->e, '}');
}

/* reboot: LINUX_REBOOT_CMD_RESTART2's argument is a string of at most 256
 * bytes with its NUL, the other commands take none */
void rp_dec_reboot(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_reboot_magic1, (uint32_t)a[0]);
	rp_e_enum(c->e, &rp_x_reboot_magic2, (uint32_t)a[1]);
	rp_e_enum(c->e, &rp_x_reboot_cmd, (uint32_t)a[2]);
	if ((uint32_t)a[2] == LINUX_REBOOT_CMD_RESTART2)
		rp_arg_str_len(c, 3, 255);
}

/* struct kexec_segment */
static void print_kexec_segment(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "buf");
	rp_e_ptr(c->e, rp_get_u64(p + offsetof(struct kexec_segment, buf)));
	rp_e_key(c->e, "bufsz");
	rp_e_uint(c->e, rp_get_u64(p + offsetof(struct kexec_segment, bufsz)));
	rp_e_key(c->e, "mem");
	rp_e_ptr(c->e, rp_get_u64(p + offsetof(struct kexec_segment, mem)));
	rp_e_key(c->e, "memsz");
	rp_e_uint(c->e, rp_get_u64(p + offsetof(struct kexec_segment, memsz)));
	rp_e_close(c->e, '}');
}

/* kexec_load: the segments (their address past KEXEC_SEGMENT_MAX), the
 * architecture in the flags' high half, then the flags */
void rp_dec_kexec_load(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	if (a[1] > KEXEC_SEGMENT_MAX)
		rp_e_ptr(c->e, a[2]);
	else
		rp_print_array(c, 2, false, a[1], SC_SIZE(KEXEC_SEGMENT), print_kexec_segment);
	const uint64_t flags = a[3] & ~(uint64_t)KEXEC_ARCH_MASK;
	if (c->e->json) {
		rp_e_hex(c->e, a[3]);
		return;
	}
	rp_e_enum(c->e, &rp_x_kexec_arch, a[3] & KEXEC_ARCH_MASK);
	if (flags) {
		rp_e_join(c->e, "|");
		rp_e_flags(c->e, &rp_x_kexec_load_flags, flags);
	}
}

/* struct user_desc after its entry_number: base and limit as %#08x, then
 * the flag bits (lm: a 64-bit process's) */
static void print_user_desc_rest(struct rp_ctx *c, const uint8_t *p)
{
	static const struct {
		const char *name;
		unsigned shift, bits;
	} flags[] = {{"seg_32bit", 0, 1},
		     {"contents", 1, 2},
		     {"read_exec_only", 3, 1},
		     {"limit_in_pages", 4, 1},
		     {"seg_not_present", 5, 1},
		     {"useable", 6, 1},
		     {"lm", 7, 1}};
	rp_e_key(c->e, "base_addr");
	rp_e_rawf(c->e, "%#08" PRIx32, rp_get_u32(p + offsetof(struct user_desc, base_addr)));
	rp_e_key(c->e, "limit");
	rp_e_rawf(c->e, "%#08" PRIx32, rp_get_u32(p + offsetof(struct user_desc, limit)));
	const uint32_t word = rp_get_u32(p + offsetof(struct user_desc, limit) + 4);
	for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
		rp_e_key(c->e, flags[k].name);
		rp_e_uint(c->e, word >> flags[k].shift & ((1u << flags[k].bits) - 1));
	}
}

/* entry_number: -1 as such, other values unsigned */
static void print_entry_number(struct rp_ctx *c, uint32_t n)
{
	rp_e_key(c->e, "entry_number");
	if (n == UINT32_MAX)
		rp_e_int(c->e, -1);
	else
		rp_e_uint(c->e, n);
}

/* A whole struct user_desc at arg i as the call was given it */
static void print_user_desc(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *const m = rp_arg_mem(c, i, false, sizeof(struct user_desc));
	if (!m)
		return;
	rp_e_open(c->e, '{');
	print_entry_number(c, rp_get_u32(m->data));
	print_user_desc_rest(c, m->data);
	rp_e_close(c->e, '}');
}

void rp_dec_modify_ldt(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	if (a[2] == sizeof(struct user_desc))
		print_user_desc(c, 1);
	else
		rp_arg_ptr(c, 1);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_set_thread_area(struct rp_ctx *c)
{
	print_user_desc(c, 0);
}

/* get_thread_area: the entry asked for; what the kernel filled in (-v),
 * "..." when it filled nothing */
void rp_dec_get_thread_area(struct rp_ctx *c)
{
	const struct rp_mem *const m = rp_arg_mem(c, 0, false, sizeof(uint32_t));
	if (!m)
		return;
	const uint32_t asked = rp_get_u32(m->data);
	const struct rp_mem *const x =
	    c->exiting_ok && c->opts->verbose ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 0, 0) : NULL;
	rp_e_open(c->e, '{');
	print_entry_number(c, asked);
	if (x && x->len >= sizeof(struct user_desc)) {
		const uint32_t got = rp_get_u32(x->data);
		if (got != asked && !c->e->json) {
			rp_e_changed(c->e);
			rp_e_rawf(c->e, got == UINT32_MAX ? "-1" : "%" PRIu32, got);
		}
		print_user_desc_rest(c, x->data);
	} else {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, '}');
}
