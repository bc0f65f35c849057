/* Process lifecycle and per-process state: exec, clone, wait, limits,
 * futex, identification. */
#include "rp_internal.h"

#include "names.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

#define CLONE_PIDFD          0x1000u
#define CLONE_SETTLS         0x80000u
#define CLONE_PARENT_SETTID  0x100000u
#define CLONE_CHILD_CLEARTID 0x200000u
#define CLONE_CHILD_SETTID   0x1000000u

/* envp without -v: its address and how many variables it held. */
static void print_envp(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *vec = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	rp_arg_ptr(c, i);
	if (!c->sc->args[i] || !vec)
		return;
	size_t n = vec->len / 8;
	for (size_t k = 0; k < n; k++) {
		if (!rp_get_u64(vec->data + 8 * k)) {
			n = k;
			break;
		}
	}
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%zu var%s", n, n == 1 ? "" : "s");
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
	rp_e_flags_pre(c->e, NULL, &rp_x_clone_flags, flags & ~0xffull, sn);
}

/* A tid written by the kernel, shown as [tid] after the call. */
static void print_tid_ptr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	if (m && m->len >= 4 && c->exiting_ok)
		rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
	else
		rp_arg_ptr(c, i);
}

static void print_clone(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_key(c->e, "child_stack");
	rp_e_ptr(c->e, a[1]);
	rp_e_key(c->e, "flags");
	clone_flags(c, a[0]);
	if (a[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		rp_e_key(c->e, (a[0] & CLONE_PIDFD) ? "parent_tid" : "parent_tid");
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

static void print_clone3(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, false, 64);
	if (m) {
		const uint8_t *d = m->data;
		const uint64_t flags = rp_get_u64(d);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "flags");
		rp_e_flags_pre(c->e, NULL, &rp_x_clone_flags, flags, NULL);
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
		rp_print_signame(c, (int64_t)rp_get_u64(d + 32));
		rp_e_key(c->e, "stack");
		rp_e_ptr(c->e, rp_get_u64(d + 40));
		rp_e_key(c->e, "stack_size");
		rp_e_hex(c->e, rp_get_u64(d + 48));
		if (flags & CLONE_SETTLS) {
			rp_e_key(c->e, "tls");
			rp_e_ptr(c->e, rp_get_u64(d + 56));
		}
		rp_e_close(c->e, '}');
		if ((flags & CLONE_PARENT_SETTID) && c->exiting_ok) {
			char tmp[64];
			snprintf(tmp, sizeof(tmp), " => {parent_tid=[%" PRId64 "]}", c->sc->rval);
			rp_e_glue(c->e, tmp);
		}
	}
	rp_e_uint(c->e, c->sc->args[1]);
}

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
	const int s = (int32_t)rp_get_u32(m->data);
	const char *sig;
	char tmp[128];
	if ((s & 0x7f) == 0) {
		snprintf(tmp, sizeof(tmp), "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		sig = strec_signal_name((s >> 8) & 0xff);
		snprintf(tmp, sizeof(tmp), "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]", sig ? sig : "?");
	} else if (s == 0xffff) {
		snprintf(tmp, sizeof(tmp), "[{WIFCONTINUED(s)}]");
	} else {
		sig = strec_signal_name(s & 0x7f);
		snprintf(tmp, sizeof(tmp), "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
			 sig ? sig : "?", (s & 0x80) ? " && WCOREDUMP(s)" : "");
	}
	rp_e_raw(c->e, tmp);
}

static void rlim_value(struct rp_ctx *c, uint64_t v)
{
	if (v == UINT64_MAX)
		rp_e_sym(c->e, "RLIM64_INFINITY");
	else if (v > 0 && v % 1024 == 0 && !c->e->json)
		rp_e_rawf(c->e, "%" PRIu64 "*1024", v / 1024);
	else
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

static void print_timespec_ptr(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, 16);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "tv_sec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data));
	rp_e_key(c->e, "tv_nsec");
	rp_e_int(c->e, (int64_t)rp_get_u64(m->data + 8));
	rp_e_close(c->e, '}');
}

static void print_futex(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	const uint32_t op = (uint32_t)a[1];
	const uint32_t cmd = op & 127;
	char tmp[96];
	const char *cn = rp_xlat_lookup(&rp_x_futex_op, cmd);
	if (cn)
		snprintf(tmp, sizeof(tmp), "%s%s%s", cn, (op & 128) ? "_PRIVATE" : "",
			 (op & 256) ? "|FUTEX_CLOCK_REALTIME" : "");
	else
		snprintf(tmp, sizeof(tmp), "%#x /* FUTEX_??? */", op);
	rp_e_raw(c->e, tmp);
	rp_e_uint(c->e, (uint32_t)a[2]);
	switch (cmd) {
	case 0:  /* WAIT */
	case 11: /* WAIT_REQUEUE_PI */
		print_timespec_ptr(c, 3);
		if (cmd == 11)
			rp_e_ptr(c->e, a[4]);
		break;
	case 9: /* WAIT_BITSET */
		print_timespec_ptr(c, 3);
		if ((uint32_t)a[5] == 0xffffffffu)
			rp_e_sym(c->e, "FUTEX_BITSET_MATCH_ANY");
		else
			rp_e_hex(c->e, (uint32_t)a[5]);
		break;
	case 10: /* WAKE_BITSET */
		if ((uint32_t)a[5] == 0xffffffffu)
			rp_e_sym(c->e, "FUTEX_BITSET_MATCH_ANY");
		else
			rp_e_hex(c->e, (uint32_t)a[5]);
		break;
	case 3: /* REQUEUE */
		rp_e_uint(c->e, (uint32_t)a[3]);
		rp_e_ptr(c->e, a[4]);
		break;
	case 4:
	case 12:
		rp_e_uint(c->e, (uint32_t)a[3]);
		rp_e_ptr(c->e, a[4]);
		rp_e_uint(c->e, (uint32_t)a[5]);
		break;
	case 6:
	case 13:
		print_timespec_ptr(c, 3);
		break;
	default:
		break;
	}
}

static void print_uname(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 0, true, 130);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sysname");
	rp_e_bytes(c->e, m->data, 65, true, false);
	rp_e_key(c->e, "nodename");
	rp_e_bytes(c->e, m->data + 65, 65, true, false);
	rp_e_ellipsis(c->e);
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
	static const char *const k[] = { "totalram", "freeram", "sharedram", "bufferram",
					 "totalswap", "freeswap" };
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

static void print_prctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_xlat *x = rp_xlat_get(SC_X_PRCTL_OPTION);
	const char *name = rp_xlat_lookup(x, (uint32_t)a[0]);
	if (!name) {
		rp_e_enum(c->e, x, (uint32_t)a[0]);
		for (int i = 1; i < 5; i++)
			rp_e_hex(c->e, a[i]);
		return;
	}
	rp_e_sym(c->e, name);
	static const char *const dump[] = { "SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT" };
	switch (a[0]) {
	case 3:  /* PR_GET_DUMPABLE */
	case 21: /* PR_GET_SECCOMP */
	case 37:
	case 39: /* PR_GET_NO_NEW_PRIVS */
		break;
	case 4: /* PR_SET_DUMPABLE */
		if (a[1] < 3)
			rp_e_sym(c->e, dump[a[1]]);
		else
			rp_e_uint(c->e, a[1]);
		break;
	case 1: /* PR_SET_PDEATHSIG */
		rp_print_signame(c, (int64_t)a[1]);
		break;
	case 2: { /* PR_GET_PDEATHSIG */
		const struct rp_mem *m = rp_arg_mem(c, 1, true, 4);
		if (m) {
			const int sig = (int32_t)rp_get_u32(m->data);
			const char *sn = strec_signal_name(sig);
			if (sn && sig)
				rp_e_rawf(c->e, "[%s]", sn);
			else
				rp_e_rawf(c->e, "[%d]", sig);
		}
		break;
	}
	case 15: /* PR_SET_NAME */
		rp_arg_str(c, 1);
		break;
	case 16: { /* PR_GET_NAME */
		const struct rp_mem *m = rp_arg_mem(c, 1, true, 1);
		if (m)
			rp_e_bytes(c->e, m->data, m->len, true, false);
		break;
	}
	case 36: /* PR_SET_CHILD_SUBREAPER */
		rp_e_uint(c->e, a[1]);
		break;
	default:
		for (int i = 1; i < 5; i++)
			rp_e_uint(c->e, a[i]);
	}
}

bool rp_decode_process(struct rp_ctx *c, const char *name)
{
	const uint64_t *a = c->sc->args;
	if (IS("execve")) {
		rp_arg_path(c, 0);
		rp_arg_generic_strvec(c, 1);
		print_envp(c, 2);
	} else if (IS("execveat")) {
		rp_arg_dirfd(c, (int64_t)a[0]);
		rp_arg_path(c, 1);
		rp_arg_generic_strvec(c, 2);
		print_envp(c, 3);
		rp_e_flags(c->e, &rp_x_at_flags, (uint32_t)a[4]);
	} else if (IS("clone")) {
		print_clone(c);
	} else if (IS("clone3")) {
		print_clone3(c);
	} else if (IS("wait4")) {
		rp_e_int(c->e, (int32_t)a[0]);
		wait_status(c, 1);
		rp_e_flags(c->e, &rp_x_wait_options, (uint32_t)a[2]);
		rp_arg_ptr(c, 3);
	} else if (IS("prlimit64")) {
		rp_e_int(c->e, (int32_t)a[0]);
		rp_e_enum(c->e, &rp_x_rlimit, (uint32_t)a[1]);
		print_rlimit(c, 2, false);
		print_rlimit(c, 3, true);
	} else if (IS("getrlimit") || IS("setrlimit")) {
		rp_e_enum(c->e, &rp_x_rlimit, (uint32_t)a[0]);
		print_rlimit(c, 1, name[0] == 'g');
	} else if (IS("arch_prctl")) {
		rp_e_enum(c->e, &rp_x_arch_prctl, (uint32_t)a[0]);
		if (a[0] == 0x1003 || a[0] == 0x1004) {
			const struct rp_mem *m = rp_arg_mem(c, 1, true, 8);
			if (m)
				rp_e_rawf(c->e, "[%#" PRIx64 "]", rp_get_u64(m->data));
		} else {
			rp_e_hex(c->e, a[1]);
		}
	} else if (IS("set_robust_list")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
	} else if (IS("set_tid_address")) {
		rp_e_ptr(c->e, a[0]);
	} else if (IS("rseq")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_hex(c->e, (uint32_t)a[1]);
		rp_e_int(c->e, (int32_t)a[2]);
		rp_e_hex(c->e, (uint32_t)a[3]);
	} else if (IS("prctl")) {
		print_prctl(c);
	} else if (IS("futex")) {
		print_futex(c);
	} else if (IS("uname")) {
		print_uname(c);
	} else if (IS("sysinfo")) {
		print_sysinfo(c);
	} else if (IS("exit") || IS("exit_group")) {
		rp_e_int(c->e, (int32_t)a[0]);
	} else if (IS("getpid") || IS("getppid") || IS("getuid") || IS("geteuid") || IS("getgid") ||
		   IS("getegid") || IS("gettid") || IS("getpgrp") || IS("fork") || IS("vfork") ||
		   IS("setsid") || IS("sched_yield") || IS("pause")) {
		/* no arguments */
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_process(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
