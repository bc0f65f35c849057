/* The BPF engine's capture plan (record/bpf_plan.c), alone: every syscall's
 * plan says what the table says, with the limits the ptrace engine uses,
 * and the record-time filter's choice. Runs without BPF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_plan.h"
#include "recorder.h"

static int failures;
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static const struct sb_syscall_plan *plan_of(const struct rec_bpf_plan *p, const char *name)
{
	const int nr = sc_number(&sc_table_x86_64, name);
	if (nr < 0 || nr >= SB_MAX_NR) {
		fprintf(stderr, "no syscall %s\n", name);
		exit(1);
	}
	return &p->syscalls[nr];
}

/* Every argument of every call: kind, direction and length source as in
 * the table; nothing past nargs. */
static void test_follows_the_table(const struct rec_bpf_plan *p)
{
	const struct sc_table *const t = &sc_table_x86_64;
	unsigned known = 0;
	for (unsigned nr = 0; nr < t->count; nr++) {
		const struct sc_desc *const d = sc_lookup(t, nr);
		const struct sb_syscall_plan *const s = &p->syscalls[nr];
		CHECK(!!d == !!(s->flags & SB_PLAN_KNOWN));
		if (!d)
			continue;
		known++;
		CHECK(s->nargs == d->nargs);
		for (unsigned i = 0; i < 6; i++) {
			const struct sb_arg_plan *const a = &s->args[i];
			if (i >= d->nargs) {
				CHECK(a->kind == 0 && a->cap == 0);
				continue;
			}
			CHECK(a->kind == d->args[i].kind && a->dir == d->args[i].dir &&
			      a->len == d->args[i].len);
			CHECK(a->size == sc_type_size((enum sc_type_id)d->args[i].type));
		}
		CHECK(!!(d->classes & SC_CLASS_RET_FD) == !!(s->flags & SB_PLAN_RET_FD));
		CHECK(!!(d->classes & SC_CLASS_OUT_FDS) == !!(s->flags & SB_PLAN_OUT_FDS));
		CHECK(!!(d->classes & SC_CLASS_SETS_CWD) == !!(s->flags & SB_PLAN_SETS_CWD));
		CHECK(!!(d->classes & SC_CLASS_OTHER_FDS) == !!(s->flags & SB_PLAN_OTHER_FDS));
		CHECK(!!(d->classes & SC_CLASS_SOCKET_ENDS) == !!(s->flags & SB_PLAN_SOCKET_ENDS));
	}
	CHECK(known > 300);
	/* the conditional rules, in the table's order, found from their call */
	CHECK(p->nconds == t->nconds);
	for (unsigned k = 0; k < t->nconds; k++) {
		const struct sb_syscall_plan *const s = &p->syscalls[t->conds[k].nr];
		CHECK(k >= s->cond_first && k < (unsigned)s->cond_first + s->cond_count);
		CHECK(p->conds[k].selector == t->conds[k].selector);
		CHECK(p->conds[k].target == t->conds[k].target);
		CHECK(p->conds[k].mask == t->conds[k].mask &&
		      p->conds[k].value == t->conds[k].value);
		CHECK(p->conds[k].arg.kind == t->conds[k].arg.kind);
	}
}

/* The limits: the ptrace engine's (capture.c) for the same kinds. */
static void test_limits(const struct rec_bpf_plan *p)
{
	const struct sb_syscall_plan *const read = plan_of(p, "read");
	CHECK(read->args[1].kind == SC_ARG_BUF && read->args[1].dir == SC_DIR_OUT);
	CHECK(read->args[1].len == SC_LEN_RET && read->args[1].cap == 300);
	CHECK(plan_of(p, "openat")->args[1].cap == REC_MAX_PATH);
	/* which socket a call may give endpoints: connect's argument, an
	 * addressed sendto's, an unaddressed send's if it is netlink */
	CHECK((plan_of(p, "connect")->flags & (SB_PLAN_SOCKET_ENDS | SB_PLAN_SEND)) ==
	      SB_PLAN_SOCKET_ENDS);
	CHECK((plan_of(p, "sendto")->flags & (SB_PLAN_SEND | SB_PLAN_SEND_ADDR4)) ==
	      (SB_PLAN_SEND | SB_PLAN_SEND_ADDR4));
	CHECK(!(plan_of(p, "accept4")->flags & SB_PLAN_SEND) &&
	      (plan_of(p, "accept4")->flags & SB_PLAN_RET_FD));
	CHECK(plan_of(p, "getdents64")->args[1].cap == REC_MAX_DIRENTS);
	const struct sb_syscall_plan *const execve = plan_of(p, "execve");
	CHECK(execve->args[1].cap == REC_MAX_STRING && !(execve->args[1].flags & SB_ARG_ENV));
	CHECK(execve->args[2].flags & SB_ARG_ENV); /* the second vector: the environment */
	CHECK(plan_of(p, "execveat")->args[3].flags & SB_ARG_ENV);
	CHECK(plan_of(p, "connect")->args[1].cap == REC_MAX_SOCKADDR);
	CHECK(plan_of(p, "rt_sigprocmask")->args[1].cap == REC_MAX_SIGSET);
	/* small arrays are read whole even with a small -s */
	CHECK(plan_of(p, "poll")->args[0].cap == 4096);
	/* what the BPF side does beyond the kind, from the type */
	CHECK(plan_of(p, "nanosleep")->args[1].flags & SB_ARG_KEEP_ON_RESTART);
	CHECK(!(plan_of(p, "wait4")->args[1].flags & SB_ARG_KEEP_ON_RESTART));
	CHECK(plan_of(p, "pipe2")->args[0].flags & SB_ARG_FD_PAIR);
	CHECK(plan_of(p, "msgsnd")->args[1].flags & SB_ARG_MSG_TEXT);
	CHECK(plan_of(p, "pselect6")->args[5].flags & SB_ARG_SIGSET_PACK);
	CHECK(plan_of(p, "clone3")->args[0].flags & SB_ARG_CLONE_ARGS);
	/* a sized struct keeps its own cap, its area (set_tid) has its own */
	CHECK(plan_of(p, "clone3")->args[0].cap == SC_EXT_STRUCT_MAX &&
	      plan_of(p, "clone3")->args[0].pointee_cap == sc_type_pointee(SC_T_CLONE_ARGS)->cap);
	CHECK(plan_of(p, "rt_sigreturn")->args[0].kind == SC_ARG_SIGFRAME);
	CHECK(plan_of(p, "rt_sigreturn")->nargs == 1);
	/* which stops capture anything: none for getpid, the exit for read
	 * and for a call whose result is a descriptor, both for ioctl */
	const uint32_t both = SB_PLAN_ENTRY_CAPTURES | SB_PLAN_EXIT_CAPTURES;
	CHECK(!(plan_of(p, "getppid")->flags & both));
	CHECK(!(plan_of(p, "close")->flags & both));
	CHECK((plan_of(p, "read")->flags & both) == SB_PLAN_EXIT_CAPTURES);
	CHECK((plan_of(p, "write")->flags & both) == SB_PLAN_ENTRY_CAPTURES);
	CHECK((plan_of(p, "openat")->flags & both) == both);
	CHECK((plan_of(p, "dup")->flags & both) == SB_PLAN_EXIT_CAPTURES);
	CHECK((plan_of(p, "readv")->flags & both) == both); /* the array at entry */
	CHECK((plan_of(p, "ioctl")->flags & both) == both);
	CHECK((plan_of(p, "rt_sigreturn")->flags & both) == SB_PLAN_ENTRY_CAPTURES);
	CHECK((plan_of(p, "clone3")->flags & both) == both);
	/* no call has more conditional rules than the program looks at */
	for (unsigned nr = 0; nr < SB_MAX_NR; nr++)
		CHECK(p->syscalls[nr].cond_count <= SB_MAX_CALL_CONDS);
	CHECK(plan_of(p, "ioctl")->cond_count > 10);
}

/* The record-time filter: what it selects, and the lifecycle always. */
static void test_filter(void)
{
	struct strec_filter f;
	strec_filter_init(&f);
	char msg[256];
	CHECK(strec_filter_add(&f, STREC_FILTER_TO_TRACE, "openat", msg, sizeof(msg)) == 0);
	static struct rec_bpf_plan p;
	CHECK(rec_bpf_plan_build(&p, &f, 4096, msg, sizeof(msg)) == 0);
	CHECK(plan_of(&p, "openat")->flags & SB_PLAN_RECORD);
	CHECK(!(plan_of(&p, "read")->flags & SB_PLAN_RECORD));
	CHECK(plan_of(&p, "execve")->flags & SB_PLAN_RECORD);
	CHECK(plan_of(&p, "clone3")->flags & SB_PLAN_RECORD);
	CHECK(plan_of(&p, "exit_group")->flags & SB_PLAN_RECORD);
	/* i386's openat has another number (295, x86_64's preadv): its own bit */
	const int i386_openat = sc_number(&sc_table_i386, "openat");
	CHECK(i386_openat > 0 && i386_openat != sc_number(&sc_table_x86_64, "openat"));
	CHECK(p.syscalls[i386_openat].flags & SB_PLAN_RECORD_I386);
	CHECK(!(p.syscalls[i386_openat].flags & SB_PLAN_RECORD));
	CHECK(!(plan_of(&p, "openat")->flags & SB_PLAN_RECORD_I386));
	CHECK(!p.record_unknown);

	strec_filter_init(&f);
	CHECK(rec_bpf_plan_build(&p, &f, 4096, msg, sizeof(msg)) == 0);
	for (unsigned nr = 0; nr < SB_MAX_NR; nr++)
		CHECK(p.syscalls[nr].flags & SB_PLAN_RECORD);
	CHECK(p.record_unknown);
}

int main(void)
{
	struct strec_filter f;
	strec_filter_init(&f);
	static struct rec_bpf_plan p;
	char msg[256];
	CHECK(rec_bpf_plan_build(&p, &f, 300, msg, sizeof(msg)) == 0);
	test_follows_the_table(&p);
	test_limits(&p);
	test_filter();
	if (failures) {
		fprintf(stderr, "%d checks failed\n", failures);
		return 1;
	}
	puts("all checks passed");
	return 0;
}
