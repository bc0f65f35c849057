/* trcfacts: prints the facts of a strec trace, one per line, in a stable form
 * that the end-to-end tests assert on with grep and awk.
 *
 * Usage: trcfacts FILE|-
 * Lines (fields separated by one space, numbers in decimal unless 0x):
 *   header command=ARGV... capture_size=N attached=0|1 follow=0|1 npids=N backend=NAME|-
 *          filter=TEXT|-
 *   env VAR=VALUE (the header's environment, recorded with --env)
 *   spawn PARENT CHILD how=fork|vfork|clone flags=0xHEX thread=0|1 (CLONE_THREAD)
 *   exec TID former=TID exe=PATH
 *   exit TID exited=N | exit TID killed=SIG core=0|1
 *   signal TID SIGNO code=N
 *   groupstop TID SIGNO
 *   detach TID
 *   snapshot PID ppid=N tids=N fds=N
 *   syscall TID NAME ret=N args=0xA,...     (at the exit, paired per tid)
 *   unfinished TID NAME                     (an entry that never got its exit)
 *   mem TID NAME stop=entry|exit arg=N item=N flags=F len=N full_len=N data="ESC"
 *   loss TID count=N                         (a gap: events of TID lost before here)
 *   end records=N lost=N
 *   incomplete                              (no end record)
 *   warning MSG / error MSG
 * Exit status 0, 1 on a read error, 2 on usage. */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "strtrc.h"
#include "syscall_table.h"

/* What each tid is doing: the syscall whose entry was seen (pending) and the
 * last one that finished, so that memory records can name their syscall. */
struct tid_state {
	uint32_t tid;
	bool pending;
	uint32_t arch;
	uint64_t nr;
	uint64_t args[6];
	bool have_last;
	uint32_t last_arch;
	uint64_t last_nr;
};

static struct tid_state *tids;
static size_t ntids, tids_cap;

static struct tid_state *tid_get(uint32_t tid)
{
	for (size_t i = 0; i < ntids; i++) {
		if (tids[i].tid == tid)
			return &tids[i];
	}
	if (ntids == tids_cap) {
		tids_cap = tids_cap ? tids_cap * 2 : 64;
		tids = realloc(tids, tids_cap * sizeof(*tids));
		if (!tids) {
			fputs("error out of memory\n", stdout);
			exit(1);
		}
	}
	memset(&tids[ntids], 0, sizeof(tids[ntids]));
	tids[ntids].tid = tid;
	return &tids[ntids++];
}

static const char *sc_name(uint32_t arch, uint64_t nr, char *buf, size_t size)
{
	const struct sc_table *const table = sc_table_for_arch(arch);
	const struct sc_desc *const desc = table ? sc_lookup(table, nr) : NULL;
	if (desc && desc->name)
		return desc->name;
	snprintf(buf, size, "nr_%llu", (unsigned long long)nr);
	return buf;
}

/* C-like escaping so that any data stays on one line. */
static void print_escaped(const uint8_t *data, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		const uint8_t c = data[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\\' || c == '"')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_text(const struct strtrc_bytes *b)
{
	fwrite(b->data, 1, b->len, stdout);
}

static void print_header(const struct strtrc_header *h)
{
	fputs("header command=", stdout);
	for (size_t i = 0; i < h->command_argc; i++)
		printf("%s%s", i ? " " : "", h->command_argv[i]);
	printf(" capture_size=%u attached=%d follow=%d npids=%zu backend=%s filter=%s\n",
	       h->capture_size, h->attached, h->follow_forks, h->npids,
	       h->backend ? h->backend : "-", h->filter ? h->filter : "-");
	for (size_t i = 0; i < h->envc; i++)
		printf("env %s\n", h->envp[i]);
}

static void print_unfinished(struct tid_state *t)
{
	char buf[32];
	if (!t->pending)
		return;
	printf("unfinished %u %s\n", t->tid, sc_name(t->arch, t->nr, buf, sizeof(buf)));
	t->pending = false;
}

static void on_entry(const struct strtrc_record *r)
{
	struct tid_state *const t = tid_get(r->tid);
	print_unfinished(t); /* a second entry: the first never returned */
	t->pending = true;
	t->arch = r->u.entry.arch;
	t->nr = r->u.entry.nr;
	memcpy(t->args, r->u.entry.args, sizeof(t->args));
}

static void on_exit_record(const struct strtrc_record *r)
{
	struct tid_state *const t = tid_get(r->tid);
	if (!t->pending) {
		printf("orphan-exit %u ret=%lld\n", r->tid, (long long)r->u.exit.rval);
		return;
	}
	char buf[32];
	printf("syscall %u %s ret=%lld args=", r->tid, sc_name(t->arch, t->nr, buf, sizeof(buf)),
	       (long long)r->u.exit.rval);
	for (int i = 0; i < 6; i++)
		printf("%s0x%llx", i ? "," : "", (unsigned long long)t->args[i]);
	putchar('\n');
	t->pending = false;
	t->have_last = true;
	t->last_arch = t->arch;
	t->last_nr = t->nr;
}

static void on_memory(const struct strtrc_record *r)
{
	const struct strtrc_memory *const m = &r->u.memory;
	struct tid_state *const t = tid_get(r->tid);
	char buf[32];
	const char *name = "?";
	/* Entry captures belong to the pending call, exit captures to the one
	 * that just finished. */
	if (m->stop == STRTRC_AT_ENTRY && t->pending)
		name = sc_name(t->arch, t->nr, buf, sizeof(buf));
	else if (m->stop == STRTRC_AT_EXIT && t->have_last)
		name = sc_name(t->last_arch, t->last_nr, buf, sizeof(buf));
	printf("mem %u %s stop=%s arg=%u item=%u flags=", r->tid, name,
	       m->stop == STRTRC_AT_ENTRY ? "entry" : "exit", m->arg, m->item);
	static const char *const flag_names[] = {"truncated", "unreadable", "string"};
	bool any = false;
	for (unsigned i = 0; i < 3; i++) {
		if (m->flags & (1u << i)) {
			printf("%s%s", any ? "|" : "", flag_names[i]);
			any = true;
		}
	}
	if (m->flags & ~7u)
		printf("%s0x%x", any ? "|" : "", m->flags & ~7u);
	else if (!any)
		putchar('-');
	printf(" len=%zu full_len=%llu data=", m->data.len, (unsigned long long)m->full_len);
	print_escaped(m->data.data, m->data.len);
	putchar('\n');
}

static void on_exec(const struct strtrc_record *r)
{
	const uint32_t former = r->u.exec.former_tid;
	if (former != r->tid) {
		/* A non-leader exec: the leader's pending call never returns,
		 * and the execve goes on under the leader's tid. */
		struct tid_state *const leader = tid_get(r->tid);
		print_unfinished(leader);
		struct tid_state *const old = tid_get(former);
		struct tid_state moved = *old;
		old->pending = false;
		struct tid_state *const now = tid_get(r->tid); /* tid_get may have moved it */
		moved.tid = r->tid;
		*now = moved;
	}
	printf("exec %u former=%u exe=", r->tid, former);
	print_text(&r->u.exec.exe);
	putchar('\n');
}

static void on_task_exit(const struct strtrc_record *r)
{
	print_unfinished(tid_get(r->tid));
	const int st = r->u.task_exit.wait_status;
	if (WIFEXITED(st))
		printf("exit %u exited=%d\n", r->tid, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("exit %u killed=%d core=%d\n", r->tid, WTERMSIG(st), WCOREDUMP(st) ? 1 : 0);
	else
		printf("exit %u status=0x%x\n", r->tid, (unsigned)st);
}

static void on_signal(const struct strtrc_record *r)
{
	/* siginfo_t starts with si_signo, si_errno, si_code (ints). */
	int32_t code = 0;
	if (r->u.signal.siginfo.len >= 12)
		memcpy(&code, r->u.signal.siginfo.data + 8, sizeof(code));
	printf("signal %u %d code=%d\n", r->tid, r->u.signal.signo, code);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: trcfacts FILE|-\n", stderr);
		return 2;
	}
	int err = 0;
	char msg[512];
	struct strtrc_reader *const rd = strtrc_reader_open_path(argv[1], &err, msg, sizeof(msg));
	if (!rd) {
		printf("error %s\n", msg);
		return 1;
	}
	print_header(strtrc_reader_header(rd));
	struct strtrc_record r;
	int rc;
	static const char *const how_names[] = {"fork", "vfork", "clone"};
	while ((rc = strtrc_reader_next(rd, &r)) > 0) {
		switch (r.kind) {
		case STRTRC_SYSCALL_ENTRY:
			on_entry(&r);
			break;
		case STRTRC_SYSCALL_EXIT:
			on_exit_record(&r);
			break;
		case STRTRC_MEMORY:
			on_memory(&r);
			break;
		case STRTRC_SIGNAL:
			on_signal(&r);
			break;
		case STRTRC_GROUP_STOP:
			printf("groupstop %u %d\n", r.tid, r.u.group_stop.signo);
			break;
		case STRTRC_SPAWN:
			printf("spawn %u %u how=%s flags=0x%llx thread=%d\n", r.tid,
			       r.u.spawn.new_tid,
			       r.u.spawn.how < 3 ? how_names[r.u.spawn.how] : "?",
			       (unsigned long long)r.u.spawn.clone_flags,
			       (r.u.spawn.clone_flags & 0x10000) != 0); /* CLONE_THREAD */
			break;
		case STRTRC_EXEC:
			on_exec(&r);
			break;
		case STRTRC_EXIT:
			on_task_exit(&r);
			break;
		case STRTRC_DETACH:
			print_unfinished(tid_get(r.tid));
			printf("detach %u\n", r.tid);
			break;
		case STRTRC_SNAPSHOT:
			printf("snapshot %u ppid=%u tids=%zu fds=%zu\n", r.u.snapshot.pid,
			       r.u.snapshot.ppid, r.u.snapshot.ntids, r.u.snapshot.nfds);
			break;
		case STRTRC_END:
			printf("end records=%llu lost=%llu\n", (unsigned long long)r.u.end.records,
			       (unsigned long long)r.u.end.lost);
			break;
		case STRTRC_LOSS:
			printf("loss %u count=%llu\n", r.tid, (unsigned long long)r.u.loss.count);
			break;
		default:
			printf("record %s %u\n", strtrc_kind_name(r.kind), r.tid);
			break;
		}
	}
	/* Calls still open at the end of the trace. */
	for (size_t i = 0; i < ntids; i++)
		print_unfinished(&tids[i]);
	if (rc < 0) {
		printf("error %s\n", strtrc_reader_error(rd));
		strtrc_reader_close(rd);
		return 1;
	}
	if (!strtrc_reader_complete(rd))
		puts("incomplete");
	if (strtrc_reader_warning(rd))
		printf("warning %s\n", strtrc_reader_warning(rd));
	strtrc_reader_close(rd);
	free(tids);
	return 0;
}
