/* Signal calls: handlers, masks, sending. */
#include "rp_internal.h"

#include "names.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define SA_RESTORER 0x04000000u

static void print_sigaction(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 32);
	if (!m)
		return;
	const uint64_t handler = rp_get_u64(m->data), flags = rp_get_u64(m->data + 8);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sa_handler");
	if (handler == 0)
		rp_e_symx(c->e, "SIG_DFL", 0);
	else if (handler == 1)
		rp_e_symx(c->e, "SIG_IGN", 1);
	else
		rp_e_hex(c->e, handler);
	rp_e_key(c->e, "sa_mask");
	rp_print_sigset(c, m->data + 24, 8);
	rp_e_key(c->e, "sa_flags");
	rp_e_flags(c->e, &rp_x_sa_flags, flags);
	if (flags & SA_RESTORER) {
		rp_e_key(c->e, "sa_restorer");
		rp_e_ptr(c->e, rp_get_u64(m->data + 16));
	}
	rp_e_close(c->e, '}');
}

void rp_print_sigset_arg(struct rp_ctx *c, unsigned i, bool out, uint64_t size)
{
	if (size != 8) {
		rp_arg_ptr(c, i);
		return;
	}
	const struct rp_mem *m = rp_arg_mem(c, i, out, 8);
	if (m)
		rp_print_sigset(c, m->data, 8);
}

#define SS_AUTODISARM (1u << 31) /* <linux/signal.h>, not glibc's */

static void print_stack_t(struct rp_ctx *c, unsigned i, bool out)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 24);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "ss_sp");
	rp_e_ptr(c->e, rp_get_u64(m->data));
	rp_e_key(c->e, "ss_flags");
	uint32_t f = rp_get_u32(m->data + 8);
	struct rp_buf b = {0};
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {{SS_ONSTACK, "SS_ONSTACK"},
		     {SS_DISABLE, "SS_DISABLE"},
		     {SS_AUTODISARM, "SS_AUTODISARM"}};
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (f & names[k].bit) {
			rp_buf_printf(&b, "%s%s", b.len ? "|" : "", names[k].name);
			f &= ~names[k].bit;
		}
	}
	if (f || !b.len)
		rp_buf_printf(&b, b.len ? "|%#x" : (f ? "%#x /* SS_??? */" : "0"), f);
	const uint32_t all = rp_get_u32(m->data + 8);
	if (rp_e_xstyle(c->e) == RP_XLAT_RAW || (rp_e_xstyle(c->e) == RP_XLAT_VERBOSE && !all)) {
		rp_e_rawf(c->e, "%#x", all);
	} else if (rp_e_xstyle(c->e) == RP_XLAT_VERBOSE) {
		/* -X verbose: "0x2 /" "* SS_DISABLE *" "/" */
		rp_e_rawf(c->e, "%#x /* %s */", all, b.data);
	} else {
		rp_e_raw(c->e, b.data);
	}
	rp_buf_free(&b);
	rp_e_key(c->e, "ss_size");
	rp_e_uint(c->e, rp_get_u64(m->data + 16));
	rp_e_close(c->e, '}');
}

void rp_dec_rt_sigaction(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_signame(c, (int32_t)a[0]);
	print_sigaction(c, 1, false);
	print_sigaction(c, 2, true);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_rt_sigprocmask(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_sigprocmask_how, (uint32_t)a[0]);
	rp_print_sigset_arg(c, 1, false, a[3]);
	rp_print_sigset_arg(c, 2, true, a[3]);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_rt_sigsuspend(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_sigset_arg(c, 0, false, a[1]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_rt_sigreturn(struct rp_ctx *c)
{
	/* strace reads the mask from the signal frame */
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 0, 0);
	if (m && m->len >= 8) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "mask");
		if (c->deref)
			rp_print_sigset(c, m->data, 8);
		else /* -e verbose=: where the mask is in the frame */
			rp_e_ptr(c->e, m->addr);
		rp_e_close(c->e, '}');
	} else {
		rp_e_raw(c->e, "{mask=?}"); /* the frame could not be read */
	}
}

/* pid (and tid), signal, siginfo: the signal is argument n */
static void sigqueueinfo(struct rp_ctx *c, unsigned n)
{
	const uint64_t *a = c->sc->args;
	for (unsigned k = 0; k < n; k++)
		rp_arg_pid(c, k);
	rp_print_signame(c, (int32_t)a[n]);
	const struct rp_mem *m = rp_arg_mem(c, n + 1, false, SC_SIZE(SIGINFO));
	if (m) {
		const struct rp_si_names names = rp_si_names_of(c);
		rp_print_siginfo(c->e, m->data, m->len, &names);
	}
}

void rp_dec_rt_sigqueueinfo(struct rp_ctx *c)
{
	sigqueueinfo(c, 1);
}

void rp_dec_rt_tgsigqueueinfo(struct rp_ctx *c)
{
	sigqueueinfo(c, 2);
}

void rp_dec_rt_sigtimedwait(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_print_sigset_arg(c, 0, false, a[3]);
	const struct rp_mem *m = rp_arg_mem(c, 1, true, SC_SIZE(SIGINFO));
	if (m) {
		const struct rp_si_names names = rp_si_names_of(c);
		rp_print_siginfo(c->e, m->data, m->len, &names);
	}
	rp_print_timespec_arg(c, 2, false);
	rp_e_uint(c->e, a[3]);
}

void rp_dec_sigaltstack(struct rp_ctx *c)
{
	print_stack_t(c, 0, false);
	print_stack_t(c, 1, true);
}

void rp_dec_alarm(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_uint(c->e, (uint32_t)a[0]);
}

void rp_dec_kill(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_print_signame(c, (int32_t)a[1]);
}

void rp_dec_tgkill(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_arg_pid(c, 1);
	rp_print_signame(c, (int32_t)a[2]);
}

/* the signal taken: "12 (SIGUSR2)" */
bool rp_rv_SIGNAL(struct rp_ctx *c, struct rp_buf *b)
{
	const int64_t r = c->sc->rval;
	const char *const name = r > 0 && r <= 64 ? strec_signal_name((int)r) : NULL;
	if (!name)
		return false;
	rp_buf_printf(b, "%" PRId64 " (%s)", r, name);
	return true;
}

/* ---- siginfo: signal events and the calls that carry one ---- */

/* A signal as a value: its name, or with -X its number (decimal). */
static void sig_value(struct rp_emit *e, int sig)
{
	const char *s = strec_signal_name(sig);
	if (s)
		rp_e_symd(e, s, sig);
	else
		rp_e_int(e, sig);
}

/* Names of the kernel's positive si_codes, which depend on the signal. */
static const char *rp_si_code_name(int signo, int code)
{
	static const char *const segv[] = {"SEGV_MAPERR",  "SEGV_ACCERR",  "SEGV_BNDERR",
					   "SEGV_PKUERR",  "SEGV_ACCADI",  "SEGV_ADIDERR",
					   "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR"};
	static const char *const bus[] = {"BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR",
					  "BUS_MCEERR_AO"};
	static const char *const ill[] = {"ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR",
					  "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
					  "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR"};
	static const char *const fpe[] = {"FPE_INTDIV", "FPE_INTOVF",  "FPE_FLTDIV", "FPE_FLTOVF",
					  "FPE_FLTUND", "FPE_FLTRES",  "FPE_FLTINV", "FPE_FLTSUB",
					  "FPE_FLTUNK", "FPE_CONDTRAP"};
	static const char *const trap[] = {"TRAP_BRKPT",  "TRAP_TRACE", "TRAP_BRANCH",
					   "TRAP_HWBKPT", "TRAP_UNK",	"TRAP_PERF"};
	static const char *const poll[] = {"POLL_IN",  "POLL_OUT", "POLL_MSG",
					   "POLL_ERR", "POLL_PRI", "POLL_HUP"};
	static const char *const sys[] = {"SYS_SECCOMP", "SYS_USER_DISPATCH"};
#define PICK(arr) ((size_t)code <= sizeof(arr) / sizeof(arr[0]) ? arr[code - 1] : NULL)
	switch (signo) {
	case 11:
		return PICK(segv);
	case 7:
		return PICK(bus);
	case 4:
		return PICK(ill);
	case 8:
		return PICK(fpe);
	case 5:
		return PICK(trap);
	case 29:
		return PICK(poll);
	case 31:
		return PICK(sys);
	case 17:
		return rp_xlat_lookup(&rp_x_si_code_chld, (uint64_t)code);
	default:
		return NULL;
	}
#undef PICK
}

/* The sender: its pid signed, its uid unsigned but -1 (strace's printpid
 * and PRINT_FIELD_ID) */
static void print_si_source(struct rp_emit *e, uint32_t pid, uint32_t uid,
			    const struct rp_si_names *names)
{
	rp_e_key(e, "si_pid");
	rp_e_id(e, (int32_t)pid);
	const uint32_t seen = names->pids ? rp_session_pid_translate(names->pids, names->tid,
								     (int32_t)pid, SC_PID_TGID)
					  : 0;
	if (seen && seen != pid) {
		char note[48];
		snprintf(note, sizeof(note), "%" PRIu32 " in strace's PID NS", seen);
		rp_e_comment(e, note);
	}
	rp_e_key(e, "si_uid");
	if (uid == UINT32_MAX)
		rp_e_int(e, -1);
	else
		rp_e_uint(e, uid);
}

/* POLL_*'s (F_SETSIG) and SI_SIGIO's band and descriptor, named under -y */
static void print_si_band_fd(struct rp_emit *e, const uint8_t *si, const struct rp_si_names *names)
{
	rp_e_key(e, "si_band");
	rp_e_int(e, (int64_t)rp_get_u64(si + 16));
	rp_e_key(e, "si_fd");
	const int32_t fd = (int32_t)rp_get_u32(si + 24);
	struct rp_fd_name n;
	const bool named = rp_fd_name_in_session(names->fds, names->tid, fd, &n);
	struct rp_buf text = {0};
	if (named)
		rp_fd_text(&text, fd, &n, e->opts, UINT64_MAX);
	if (named && !text.oom)
		rp_e_rawf(e, "%.*s", (int)text.len, text.data);
	else
		rp_e_int(e, fd);
	rp_buf_free(&text);
}

/* siginfo as strace prints it: fields depend on the signal and code. */
void rp_print_siginfo(struct rp_emit *e, const uint8_t *si, size_t len,
		      const struct rp_si_names *names)
{
	if (!si || len < 48) {
		rp_e_raw(e, "{...}");
		return;
	}
	const int signo = (int32_t)rp_get_u32(si);
	const int err = (int32_t)rp_get_u32(si + 4);
	const int code = (int32_t)rp_get_u32(si + 8);
	rp_e_open(e, '{');
	rp_e_key(e, "si_signo");
	sig_value(e, signo);
	rp_e_key(e, "si_code");
	const char *cn = NULL;
	if (code > 0 && code != 0x80)
		cn = rp_si_code_name(signo, code);
	else if (code <= 0 || code == 0x80)
		cn = rp_xlat_lookup(&rp_x_si_code, (uint64_t)(int64_t)code);
	if (cn)
		rp_e_symx(e, cn, (uint32_t)code); /* -X: 0xfffffffa for SI_TKILL */
	else
		rp_e_hex(e, (uint32_t)code);
	if (err) { /* unsigned: an unknown one is 4294967294, not -2 */
		rp_e_key(e, "si_errno");
		char num[16];
		snprintf(num, sizeof(num), "%u", (uint32_t)err);
		const char *const en = err > 0 ? strec_errno_name(err) : NULL;
		if (en)
			rp_e_named(e, num, en);
		else
			rp_e_uint(e, (uint32_t)err);
	}
	/* strace's print_si_info: a code <= 0 says who sent it (a process, a
	 * timer, the I/O signal machinery); a kernel code, the signal says
	 * which fields are set */
	const uint32_t pid = rp_get_u32(si + 16), uid = rp_get_u32(si + 20);
	const uint64_t word = rp_get_u64(si + 24); /* si_ptr's (si_int's) place */
	bool source = false, value = false;
	if (code <= 0) {
		switch (code) {
		case SI_USER:
		case SI_TKILL:
			source = true;
			break;
		case SI_TIMER:
			rp_e_key(e, "si_timerid");
			rp_e_hex(e, rp_get_u32(si + 16));
			rp_e_key(e, "si_overrun");
			rp_e_int(e, (int32_t)rp_get_u32(si + 20));
			value = true;
			break;
		case SI_SIGIO:
			print_si_band_fd(e, si, names);
			break;
		default: /* SI_QUEUE, SI_MESGQ, SI_ASYNCIO...: a value if set */
			source = true;
			value = word != 0;
			break;
		}
	} else {
		switch (signo) {
		case SIGCHLD:
			print_si_source(e, pid, uid, names);
			rp_e_key(e, "si_status");
			if (code == CLD_EXITED)
				rp_e_int(e, (int32_t)rp_get_u32(si + 24));
			else
				sig_value(e, (int32_t)rp_get_u32(si + 24));
			rp_e_key(e, "si_utime");
			rp_e_clock_ticks(e, rp_get_u64(si + 32));
			rp_e_key(e, "si_stime");
			rp_e_clock_ticks(e, rp_get_u64(si + 40));
			break;
		case SIGILL:
		case SIGFPE:
		case SIGBUS:
		case SIGSEGV:
		case SIGTRAP:
			rp_e_key(e, "si_addr");
			rp_e_ptr(e, rp_get_u64(si + 16));
			if (signo == SIGBUS && (code == BUS_MCEERR_AR || code == BUS_MCEERR_AO)) {
				rp_e_key(e, "si_addr_lsb");
				rp_e_hex(e, rp_get_u16(si + 24));
			} else if (signo == SIGSEGV && code == SEGV_BNDERR) {
				rp_e_key(e, "si_lower");
				rp_e_ptr(e, rp_get_u64(si + 32));
				rp_e_key(e, "si_upper");
				rp_e_ptr(e, rp_get_u64(si + 40));
			} else if (signo == SIGSEGV && code == SEGV_PKUERR) {
				rp_e_key(e, "si_pkey");
				rp_e_uint(e, rp_get_u32(si + 32));
			}
			break;
		case SIGIO:
			if (code >= POLL_IN && code <= POLL_HUP)
				print_si_band_fd(e, si, names);
			break;
		case SIGSYS: { /* the call a seccomp filter refused, in its arch */
			rp_e_key(e, "si_call_addr");
			rp_e_ptr(e, rp_get_u64(si + 16));
			const uint32_t nr = rp_get_u32(si + 24), arch = rp_get_u32(si + 28);
			char num[16], name[64];
			snprintf(num, sizeof(num), "%u", nr);
			rp_e_key(e, "si_syscall");
			rp_e_named(e, num, rp_syscall_nr_name(arch, nr, name, sizeof(name)));
			rp_e_key(e, "si_arch");
			rp_e_enum(e, &rp_x_audit_arch, arch);
			break;
		}
		default: /* SI_KERNEL and the like: a sender, a value, if set */
			source = pid || uid;
			value = word != 0;
			break;
		}
	}
	if (source)
		print_si_source(e, pid, uid, names);
	if (value) {
		rp_e_key(e, "si_int");
		rp_e_int(e, (int32_t)rp_get_u32(si + 24));
		rp_e_key(e, "si_ptr");
		rp_e_ptr(e, word);
	}
	rp_e_close(e, '}');
}
