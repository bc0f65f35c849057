/* Unit tests of the session (replay/session.c) fed with records made here:
 * descriptor tables (sparse, shared at fork, close-on-exec at exec,
 * close_range, dup), tasks (threads, snapshots, the id and snapshot
 * bounds), exec by a thread while the leader is in a call, and the order
 * of what never returned. */
#include "replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "line %d: %s\n", __LINE__, #cond);                         \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void check_path(const char *got, const char *want, int line)
{
	if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0)) {
		fprintf(stderr, "line %d: got %s, want %s\n", line, got ? got : "(none)",
			want ? want : "(none)");
		failures++;
	}
}
#define PATH(s, tid, fd, want) check_path(rp_session_fd_path((s), (tid), (fd)), (want), __LINE__)

/* What the session emitted, one line per event. */
static char events[8192];

static int on_event(const struct rp_event *ev, void *ctx)
{
	(void)ctx;
	char line[256];
	if (ev->kind == RP_EV_GROUP_STOP && ev->tid == 1)
		return 0; /* flush()'s */
	switch (ev->kind) {
	case RP_EV_SYSCALL:
		snprintf(line, sizeof(line), "%u:%u %s %s\n", ev->tid, ev->pid,
			 rp_syscall_name(&ev->u.sc) ? rp_syscall_name(&ev->u.sc) : "?",
			 ev->u.sc.finished ? "done" : "unfinished");
		break;
	case RP_EV_EXEC:
		snprintf(line, sizeof(line), "%u exec from %u\n", ev->tid, ev->u.exec.former_tid);
		break;
	case RP_EV_EXIT:
		snprintf(line, sizeof(line), "%u exit\n", ev->tid);
		break;
	default:
		snprintf(line, sizeof(line), "%u kind %d\n", ev->tid, (int)ev->kind);
		break;
	}
	strncat(events, line, sizeof(events) - strlen(events) - 1);
	return 0;
}

enum {
	NR_OPENAT = 257,
	NR_CLOSE = 3,
	NR_DUP2 = 33,
	NR_FCNTL = 72,
	NR_EXECVE = 59,
	NR_CLOSE_RANGE = 436,
	NR_NANOSLEEP = 230,
	NR_GETPID = 39
};

static uint64_t now;

static int feed(struct rp_session *s, struct strtrc_record *r)
{
	r->ts_ns = now += 1000;
	return rp_session_feed(s, r, on_event, NULL);
}

/* A record of no consequence, after which a returned call is out (the
 * session waits for the exit-time captures that may follow its exit). */
static void flush(struct rp_session *s)
{
	struct strtrc_record r = {.kind = STRTRC_GROUP_STOP, .tid = 1};
	CHECK(feed(s, &r) == 0);
}

static void entry(struct rp_session *s, uint32_t tid, uint64_t nr, uint64_t a0, uint64_t a1,
		  uint64_t a2)
{
	struct strtrc_record r = {.kind = STRTRC_SYSCALL_ENTRY, .tid = tid};
	r.u.entry.arch = SC_AUDIT_ARCH_X86_64;
	r.u.entry.nr = nr;
	r.u.entry.args[0] = a0;
	r.u.entry.args[1] = a1;
	r.u.entry.args[2] = a2;
	CHECK(feed(s, &r) == 0);
}

static void exit_rec(struct rp_session *s, uint32_t tid, int64_t rval)
{
	struct strtrc_record r = {.kind = STRTRC_SYSCALL_EXIT, .tid = tid};
	r.u.exit.rval = rval;
	r.u.exit.is_error = rval < 0;
	CHECK(feed(s, &r) == 0);
}

/* openat(AT_FDCWD, path, flags) = fd, with the kernel's name of the new
 * descriptor, as the recorder writes it. */
static void open_fd(struct rp_session *s, uint32_t tid, int fd, const char *path, bool cloexec)
{
	entry(s, tid, NR_OPENAT, (uint64_t)-100, 0x1000, cloexec ? 02000000 : 0);
	exit_rec(s, tid, fd);
	struct strtrc_record r = {.kind = STRTRC_MEMORY, .tid = tid};
	r.u.memory.stop = STRTRC_AT_EXIT;
	r.u.memory.arg = STRTRC_ARG_RESULT;
	r.u.memory.flags = STRTRC_MEM_STRING;
	r.u.memory.full_len = strlen(path) + 1;
	r.u.memory.data = (struct strtrc_bytes){(const uint8_t *)path, strlen(path)};
	CHECK(feed(s, &r) == 0);
	flush(s);
}

static void call(struct rp_session *s, uint32_t tid, uint64_t nr, uint64_t a0, uint64_t a1,
		 uint64_t a2, int64_t rval)
{
	entry(s, tid, nr, a0, a1, a2);
	exit_rec(s, tid, rval);
	flush(s);
}

static void spawn(struct rp_session *s, uint32_t parent, uint32_t child, uint64_t flags)
{
	struct strtrc_record r = {.kind = STRTRC_SPAWN, .tid = parent};
	r.u.spawn.new_tid = child;
	r.u.spawn.how = flags ? STRTRC_SPAWN_CLONE : STRTRC_SPAWN_FORK;
	r.u.spawn.clone_flags = flags;
	CHECK(feed(s, &r) == 0);
}

static int exec_rec(struct rp_session *s, uint32_t tid, uint32_t former)
{
	struct strtrc_record r = {.kind = STRTRC_EXEC, .tid = tid};
	r.u.exec.former_tid = former;
	r.u.exec.exe = (struct strtrc_bytes){(const uint8_t *)"/bin/true", 9};
	return feed(s, &r);
}

static void test_fd_tables(void)
{
	const struct strtrc_header h = {.cwd = "/home"};
	struct rp_session *s = rp_session_new(&h);
	/* a sparse table: the largest descriptors cost no more than small ones */
	open_fd(s, 10, 3, "/a", false);
	open_fd(s, 10, 1048576, "/big", false);
	open_fd(s, 10, 2147483647, "/max", true);
	PATH(s, 10, 3, "/a");
	PATH(s, 10, 1048576, "/big");
	PATH(s, 10, 2147483647, "/max");
	PATH(s, 10, 1048577, NULL);
	PATH(s, 10, -1, NULL);
	/* fork: the child sees the parent's table; changes stay on one side */
	spawn(s, 10, 11, 0);
	call(s, 11, NR_CLOSE, 3, 0, 0, 0);
	open_fd(s, 10, 4, "/parent-only", false);
	PATH(s, 11, 3, NULL);
	PATH(s, 10, 3, "/a");
	PATH(s, 11, 4, NULL);
	PATH(s, 11, 1048576, "/big");
	/* a thread shares its process's table */
	spawn(s, 11, 12, 0x10000 | 0x400 | 0x100);
	open_fd(s, 12, 5, "/thread", false);
	PATH(s, 11, 5, "/thread");
	CHECK(rp_session_pid(s, 12) == 11);
	/* dup2 shares the name; F_SETFD marks close-on-exec */
	call(s, 11, NR_DUP2, 5, 7, 0, 7);
	PATH(s, 11, 7, "/thread");
	call(s, 11, NR_FCNTL, 7, 2 /* F_SETFD */, 1, 0);
	/* exec: close-on-exec descriptors go, in this process only */
	entry(s, 11, NR_EXECVE, 0, 0, 0);
	CHECK(exec_rec(s, 11, 11) == 0);
	PATH(s, 11, 7, "/thread"); /* still there while execve's line is printed */
	exit_rec(s, 11, 0);
	flush(s); /* execve printed: now the table changes */
	PATH(s, 11, 7, NULL);
	PATH(s, 11, 2147483647, NULL);
	PATH(s, 11, 5, "/thread");
	PATH(s, 10, 2147483647, "/max");
	/* a descriptor opened after the exec survives it */
	open_fd(s, 11, 8, "/after", true);
	PATH(s, 11, 8, "/after");
	/* close_range(3, ~0U): one call, whatever the range */
	call(s, 10, NR_CLOSE_RANGE, 4, 0xffffffff, 0, 0);
	PATH(s, 10, 3, "/a");
	PATH(s, 10, 4, NULL);
	PATH(s, 10, 1048576, NULL);
	PATH(s, 10, 2147483647, NULL);
	PATH(s, 11, 1048576, "/big");
	CHECK(strcmp(rp_session_cwd(s, 11), "/home") == 0);
	CHECK(rp_session_warning(s, 0) == NULL);
	rp_session_free(s); /* asserts that every node and name was freed */
}

/* A thread execs while the leader sleeps: the leader's call never
 * returns, the execve goes on under the leader's tid. */
static void test_exec_from_thread(void)
{
	struct rp_session *s = rp_session_new(NULL);
	events[0] = '\0';
	spawn(s, 20, 21, 0x10000 | 0x400 | 0x100);
	entry(s, 20, NR_NANOSLEEP, 0, 0, 0);
	entry(s, 21, NR_EXECVE, 0, 0, 0);
	CHECK(exec_rec(s, 20, 21) == 0);
	exit_rec(s, 20, 0);
	call(s, 20, NR_GETPID, 0, 0, 0, 20);
	CHECK(rp_session_finish(s, on_event, NULL) == 0);
	const char *const want = "20 kind 4\n" /* the spawn */
				 "20:20 clock_nanosleep unfinished\n"
				 "20 exec from 21\n"
				 "20:20 execve done\n"
				 "20:20 getpid done\n";
	if (strcmp(events, want) != 0) {
		fprintf(stderr, "exec from a thread: got\n%swant\n%s", events, want);
		failures++;
	}
	CHECK(rp_session_pid(s, 21) == 21); /* the thread's tid is gone */
	rp_session_free(s);
}

/* What never returned comes out oldest first, whatever the tids. */
static void test_finish_order(void)
{
	struct rp_session *s = rp_session_new(NULL);
	events[0] = '\0';
	entry(s, 3000, NR_NANOSLEEP, 0, 0, 0);
	entry(s, 10, NR_GETPID, 0, 0, 0);
	entry(s, 200, NR_CLOSE, 0, 0, 0);
	CHECK(rp_session_finish(s, on_event, NULL) == 0);
	CHECK(strcmp(events, "3000:3000 clock_nanosleep unfinished\n10:10 getpid unfinished\n"
			     "200:200 close unfinished\n") == 0);
	rp_session_free(s);
}

static void test_bounds(void)
{
	struct rp_session *s = rp_session_new(NULL);
	/* a tid the kernel cannot have */
	struct strtrc_record r = {.kind = STRTRC_GROUP_STOP, .tid = STRTRC_TID_LIMIT};
	CHECK(feed(s, &r) == -EPROTO);
	CHECK(rp_session_error(s) && strstr(rp_session_error(s), "4194304"));
	r.tid = STRTRC_TID_LIMIT - 1;
	CHECK(feed(s, &r) == 0);
	/* records that need no state make no task */
	for (uint32_t tid = 1; tid < 1000; tid++) {
		r.tid = tid;
		CHECK(feed(s, &r) == 0);
	}
	/* a snapshot: its threads up to the bound */
	const size_t n = STRTRC_SNAPSHOT_MAX_TIDS + 10;
	uint32_t *tids = malloc(n * sizeof(*tids));
	for (size_t i = 0; i < n; i++)
		tids[i] = (uint32_t)(100000 + i);
	struct strtrc_record sn = {.kind = STRTRC_SNAPSHOT, .tid = 100000};
	sn.u.snapshot.pid = 100000;
	sn.u.snapshot.ntids = n;
	sn.u.snapshot.tids = tids;
	CHECK(feed(s, &sn) == 0);
	CHECK(rp_session_pid(s, 100000 + STRTRC_SNAPSHOT_MAX_TIDS - 1) == 100000);
	CHECK(rp_session_pid(s, 100000 + STRTRC_SNAPSHOT_MAX_TIDS) ==
	      100000 + STRTRC_SNAPSHOT_MAX_TIDS);
	const char *const w = rp_session_warning(s, 0);
	CHECK(w && strstr(w, "65536") && strstr(w, "10 thread ids"));
	CHECK(rp_session_warning(s, 1) == NULL);
	free(tids);
	rp_session_free(s);
}

int main(void)
{
	test_fd_tables();
	test_exec_from_thread();
	test_finish_order();
	test_bounds();
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	return failures ? 1 : 0;
}
