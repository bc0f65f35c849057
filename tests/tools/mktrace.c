/* Writes synthetic traces with known answers for the strstat tests:
 *   mktrace DIR  ->  DIR/latency.trc DIR/errors.trc DIR/procs.trc DIR/files.trc
 *                    DIR/manypaths.trc DIR/early.trc DIR/build.trc
 * check_known.py holds the expected values; keep the two in step.
 * And pairs of traces for strdiff's alignment (NAME.a.trc, NAME.b.trc):
 *   mktrace --diff DIR  ->  noise, insert, change, children, threads,
 *                           resync, header, volatile, sigchld, ids,
 *                           ids_count, long
 * diff_known.py holds what strdiff must say of each pair. */
#include "strtrc.h"
#include "syscall_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x)) {                                                                        \
			fprintf(stderr, "mktrace: %s:%d: %s failed\n", __FILE__, __LINE__, #x);    \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

enum {
	NR_READ = 0,
	NR_WRITE = 1,
	NR_CLOSE = 3,
	NR_FSTAT = 5,
	NR_RT_SIGRETURN = 15,
	NR_EXECVE = 59,
	NR_KILL = 62,
	NR_EXIT_GROUP = 231,
	NR_OPENAT = 257
};
#define AT_FDCWD_ARG ((uint64_t)(int64_t)-100)

static struct strtrc_writer *w;
static uint64_t now = 1000000;		       /* ns since trace start */
static const char *kernel = "6.1.0-synthetic"; /* the header's */

static void open_trace(const char *dir, const char *name, const char *cwd)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int err = 0;
	char msg[256];
	w = strtrc_writer_open_path(path, NULL, &err, msg, sizeof(msg));
	if (!w) {
		fprintf(stderr, "mktrace: %s\n", msg);
		exit(1);
	}
	static const char *const argv[] = {"synthetic"};
	const struct strtrc_header h = {
	    .format_version = STRTRC_FORMAT_VERSION,
	    .writer = "mktrace",
	    .arch = "x86_64",
	    .kernel = kernel,
	    .cwd = cwd,
	    .command_argc = 1,
	    .command_argv = argv,
	    .page_size = 4096,
	    .capture_size = 256,
	    .follow_forks = true,
	};
	CHECK(strtrc_write_header(w, &h) == 0);
	now = 1000000;
}

static void rec_put(struct strtrc_record *r, uint32_t tid)
{
	r->tid = tid;
	r->ts_ns = now;
	CHECK(strtrc_write(w, r) == 0);
}

static void entry(uint32_t tid, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct strtrc_record r = {.kind = STRTRC_SYSCALL_ENTRY};
	r.u.entry.arch = SC_AUDIT_ARCH_X86_64;
	r.u.entry.nr = nr;
	r.u.entry.args[0] = a0;
	r.u.entry.args[1] = a1;
	r.u.entry.args[2] = a2;
	rec_put(&r, tid);
}

static void mem(uint32_t tid, unsigned arg, uint32_t item, const void *data, size_t len,
		bool string)
{
	struct strtrc_record r = {.kind = STRTRC_MEMORY};
	r.u.memory.stop = STRTRC_AT_ENTRY;
	r.u.memory.arg = (uint8_t)arg;
	r.u.memory.item = item;
	r.u.memory.flags = string ? STRTRC_MEM_STRING : 0;
	r.u.memory.addr = 0x1000 * (arg + 1) + item * 0x100;
	r.u.memory.full_len = len;
	r.u.memory.data = (struct strtrc_bytes){data, len};
	rec_put(&r, tid);
}

/* What the kernel named the descriptor a call returned (strec's result
 * record), so that -y shows it. */
static void result_link(uint32_t tid, const char *link)
{
	struct strtrc_record r = {.kind = STRTRC_MEMORY};
	r.u.memory.stop = STRTRC_AT_EXIT;
	r.u.memory.arg = STRTRC_ARG_RESULT;
	r.u.memory.flags = STRTRC_MEM_STRING;
	r.u.memory.full_len = strlen(link);
	r.u.memory.data = (struct strtrc_bytes){(const uint8_t *)link, strlen(link)};
	rec_put(&r, tid);
}

static void exit_(uint32_t tid, int64_t rval, uint64_t dur)
{
	now += dur;
	struct strtrc_record r = {.kind = STRTRC_SYSCALL_EXIT};
	r.u.exit.rval = rval;
	r.u.exit.is_error = rval < 0 && rval > -4096;
	rec_put(&r, tid);
	now += 1000; /* user time between calls */
}

/* A whole call: entry, an optional path for argument parg, exit. */
static void call(uint32_t tid, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, int parg,
		 const char *path, int64_t rval, uint64_t dur)
{
	entry(tid, nr, a0, a1, a2);
	if (path)
		mem(tid, (unsigned)parg, 0, path, strlen(path), true);
	exit_(tid, rval, dur);
}

static void execve_(uint32_t tid, const char *file, const char *const *argv)
{
	entry(tid, NR_EXECVE, 0x1000, 0x2000, 0x3000);
	mem(tid, 0, 0, file, strlen(file), true);
	uint64_t vec[8] = {0};
	size_t n = 0;
	while (argv[n])
		n++;
	CHECK(n < 8);
	for (size_t i = 0; i < n; i++)
		vec[i] = 0x5000 + i * 0x100;
	mem(tid, 1, 0, vec, (n + 1) * 8, false);
	for (size_t i = 0; i < n; i++)
		mem(tid, 1, (uint32_t)i + 1, argv[i], strlen(argv[i]), true);
	struct strtrc_record r = {.kind = STRTRC_EXEC};
	r.u.exec.former_tid = tid;
	r.u.exec.exe = (struct strtrc_bytes){(const uint8_t *)file, strlen(file)};
	rec_put(&r, tid);
	exit_(tid, 0, 50000);
}

static void task_exit(uint32_t tid, int32_t wait_status)
{
	struct strtrc_record r = {.kind = STRTRC_EXIT};
	r.u.task_exit.wait_status = wait_status;
	rec_put(&r, tid);
}

static void spawn(uint32_t parent, uint32_t child, uint8_t how, uint64_t flags)
{
	struct strtrc_record r = {.kind = STRTRC_SPAWN};
	r.u.spawn.new_tid = child;
	r.u.spawn.how = how;
	r.u.spawn.clone_flags = flags;
	rec_put(&r, parent);
}

static void close_trace(void)
{
	CHECK(strtrc_writer_close(w, 0) == 0);
}

/* read: 100 calls taking 1..100 us; write: 3 calls of 5, 6, 7 ms. */
static void latency(const char *dir)
{
	open_trace(dir, "latency.trc", "/");
	for (uint64_t i = 1; i <= 100; i++) {
		/* a fixed shuffle so the order says nothing */
		const uint64_t d = (i * 37) % 101;
		call(100, NR_READ, 0, 0x7000, 64, -1, NULL, 10, d * 1000);
	}
	for (uint64_t ms = 5; ms <= 7; ms++)
		call(100, NR_WRITE, 1, 0x7000, 3, -1, NULL, 3, ms * 1000000);
	task_exit(100, 0);
	close_trace();
}

/* openat: 5 x ENOENT on /nope, 2 x EACCES on secret (cwd /home/u), 3 ok. */
static void errors(const char *dir)
{
	open_trace(dir, "errors.trc", "/home/u");
	for (int i = 0; i < 5; i++)
		call(100, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "/nope", -2, 2000);
	for (int i = 0; i < 2; i++)
		call(100, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "secret", -13, 2000);
	for (int i = 0; i < 3; i++) {
		call(100, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "/etc/passwd", 3, 2000);
		call(100, NR_CLOSE, 3, 0, 0, -1, NULL, 0, 1000);
	}
	call(100, NR_CLOSE, 99, 0, 0, -1, NULL, -9, 1000); /* EBADF */
	task_exit(100, 0);
	close_trace();
}

/* 200 execs sh, starts a thread (202) and forks 201, which execs sleep and
 * is killed by SIGKILL; 200 exits with 3. */
static void procs(const char *dir)
{
	static const char *const sh[] = {"sh", "-c", "sleep 10 &", NULL};
	static const char *const sl[] = {"sleep", "10", NULL};
	open_trace(dir, "procs.trc", "/");
	execve_(200, "/bin/sh", sh);
	now = 10000000; /* 10 ms */
	spawn(200, 202, STRTRC_SPAWN_CLONE, 0x10000 | 0x100 | 0x800 | 0x400);
	now = 20000000;
	spawn(200, 201, STRTRC_SPAWN_FORK, 0);
	now = 30000000;
	execve_(201, "/bin/sleep", sl);
	now = 40000000;
	task_exit(202, 0);
	now = 50000000;
	task_exit(201, 9); /* WIFSIGNALED, SIGKILL */
	now = 60000000;
	entry(200, NR_EXIT_GROUP, 3, 0, 0);
	task_exit(200, 3 << 8);
	close_trace();
}

/* Records of new tasks before their parent's spawn record, as strec writes
 * them when a task's first stops come before its parent's fork event: 500
 * enters clone3 (a vfork), its child 501 makes two calls, execs true and
 * exits 0 before the spawn record; 500's thread 502 makes a call before its
 * own spawn record. One process 500 with two threads and 1 + 1 calls of its
 * own, one child 501 with its command and 2 + 1 calls. */
static void early(const char *dir)
{
	static const char *const tr[] = {"true", NULL};
	open_trace(dir, "early.trc", "/");
	call(500, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
	now = 10000000;
	entry(500, 435, 0x7000, 88, 0); /* clone3 */
	now = 11000000;
	call(501, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
	call(501, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
	execve_(501, "/bin/true", tr);
	entry(501, NR_EXIT_GROUP, 0, 0, 0);
	task_exit(501, 0);
	now = 12000000;
	spawn(500, 501, STRTRC_SPAWN_CLONE, 0x4000 | 0x100 | 17); /* CLONE_VFORK|CLONE_VM|SIGCHLD */
	exit_(500, 501, 1000);
	now = 20000000;
	entry(500, 435, 0x7000, 88, 0);
	call(502, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
	spawn(500, 502, STRTRC_SPAWN_CLONE, 0x10000 | 0x100 | 0x800 | 0x400);
	exit_(500, 502, 1000);
	task_exit(502, 0);
	now = 30000000;
	entry(500, NR_EXIT_GROUP, 0, 0, 0);
	task_exit(500, 0);
	close_trace();
}

/* cwd /work: data.txt read twice (100 bytes each) and fstat'ed; out.log
 * written three times (50 bytes each); missing fails with ENOENT. */
static void files(const char *dir)
{
	open_trace(dir, "files.trc", "/work");
	call(300, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "data.txt", 3, 3000);
	call(300, NR_READ, 3, 0x7000, 100, -1, NULL, 100, 3000);
	call(300, NR_READ, 3, 0x7000, 100, -1, NULL, 100, 3000);
	call(300, NR_READ, 3, 0x7000, 100, -1, NULL, 0, 3000);
	call(300, NR_FSTAT, 3, 0x7000, 0, -1, NULL, 0, 3000);
	call(300, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0x241, 1, "./out.log", 4, 3000);
	for (int i = 0; i < 3; i++)
		call(300, NR_WRITE, 4, 0x7000, 50, -1, NULL, 50, 3000);
	call(300, NR_CLOSE, 4, 0, 0, -1, NULL, 0, 3000);
	call(300, NR_CLOSE, 3, 0, 0, -1, NULL, 0, 3000);
	call(300, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "missing", -2, 3000);
	task_exit(300, 0);
	close_trace();
}

/* /hot fails 3 times, then 300000 other paths fail once each, then /hot
 * twice more: more paths than --errors and --files keep (2^18), so both
 * drop the half touched least when full (131072 paths), and /hot stays. */
static void manypaths(const char *dir)
{
	open_trace(dir, "manypaths.trc", "/");
	for (int i = 0; i < 3; i++)
		call(400, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "/hot", -2, 1000);
	for (unsigned i = 0; i < 300000; i++) {
		char path[32];
		snprintf(path, sizeof(path), "/cold/%u", i);
		call(400, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, path, -2, 1000);
	}
	for (int i = 0; i < 2; i++)
		call(400, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "/hot", -2, 1000);
	task_exit(400, 0);
	close_trace();
}

/* ---- pairs for strdiff ---- */

static void open_pair(const char *dir, const char *name, char side)
{
	char file[256];
	snprintf(file, sizeof(file), "%s.%c.trc", name, side);
	open_trace(dir, file, "/work");
}

/* openat of path returning fd (the kernel's link: the path under /work),
 * then a read of it and its close: descriptor numbers differ per side. */
static void open_read_close(uint32_t tid, const char *path, int fd, uint64_t dur)
{
	char link[256];
	snprintf(link, sizeof(link), "/work/%s", path);
	entry(tid, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0);
	mem(tid, 1, 0, path, strlen(path), true);
	exit_(tid, fd, 0);
	now -= 1000;
	result_link(tid, link);
	now += 1000 + dur;
	call(tid, NR_READ, (uint64_t)fd, 0x7000, 64, -1, NULL, 0, dur);
	call(tid, NR_CLOSE, (uint64_t)fd, 0, 0, -1, NULL, 0, dur);
}

/* The same calls with other tids, descriptors, addresses and times. */
static void pair_noise(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		const uint32_t pid = side == 'a' ? 100 : 4000;
		const int fd = side == 'a' ? 3 : 7;
		const uint64_t addr = side == 'a' ? 0x7f0000001000 : 0x7fabcdef2000;
		open_pair(dir, "noise", side);
		for (int i = 0; i < 20; i++) {
			char path[32];
			snprintf(path, sizeof(path), "file%d", i);
			open_read_close(pid, path, fd, side == 'a' ? 1000 : 5000 + (uint64_t)i);
			call(pid, NR_WRITE, 1, addr, 5, -1, NULL, 5, 2000);
			call(pid, 39 /* getpid */, 0, 0, 0, -1, NULL, pid, 500);
		}
		entry(pid, NR_EXIT_GROUP, 0, 0, 0);
		task_exit(pid, 0);
		close_trace();
	}
}

/* 1000 distinct writes (count i); B has one more call after the 500th:
 * an openat of "extra" that fails. */
static void pair_insert(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "insert", side);
		for (uint64_t i = 1; i <= 1000; i++) {
			call(100, NR_WRITE, 1, 0x7000, i, -1, NULL, (int64_t)i, 1000);
			if (side == 'b' && i == 500)
				call(100, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "extra", -2, 1000);
		}
		task_exit(100, 0);
		close_trace();
	}
}

/* The 10th of 20 calls opens "conf": 3 in A, ENOENT in B; B's 15th write
 * writes 7 bytes instead of 15 (an argument changed, the outcome not). */
static void pair_change(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "change", side);
		for (uint64_t i = 1; i <= 20; i++) {
			if (i == 10)
				call(100, NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "conf",
				     side == 'a' ? 3 : -2, 1000);
			else if (i == 15 && side == 'b')
				call(100, NR_WRITE, 1, 0x7000, 7, -1, NULL, 7, 1000);
			else
				call(100, NR_WRITE, 1, 0x7000, i, -1, NULL, (int64_t)i, 1000);
		}
		task_exit(100, 0);
		close_trace();
	}
}

/* A's root forks three children that exec /bin/x, /bin/y and /bin/z; B's
 * root forks two, /bin/x and /bin/z (other pids): y ran only in A. Each
 * child makes the same 5 calls; /bin/z exits 1 in B. */
static void pair_children(const char *dir)
{
	static const char *const xs[] = {"x", NULL}, *const ys[] = {"y", NULL},
				 *const zs[] = {"z", "--flag", NULL};
	for (char side = 'a'; side <= 'b'; side++) {
		const uint32_t root = side == 'a' ? 100 : 500;
		open_pair(dir, "children", side);
		call(root, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
		const char *const *argvs[] = {xs, ys, zs};
		const char *files[] = {"/bin/x", "/bin/y", "/bin/z"};
		for (int k = 0; k < 3; k++) {
			if (side == 'b' && k == 1)
				continue;
			const uint32_t child = root + 1 + (uint32_t)k * (side == 'a' ? 1 : 17);
			spawn(root, child, STRTRC_SPAWN_FORK, 0);
			execve_(child, files[k], argvs[k]);
			for (uint64_t i = 0; i < 5; i++)
				call(child, NR_WRITE, 1, 0x7000, 10 + i, -1, NULL, 10 + (int64_t)i,
				     1000);
			entry(child, NR_EXIT_GROUP, 0, 0, 0);
			task_exit(child, side == 'b' && k == 2 ? 1 << 8 : 0);
		}
		task_exit(root, 0);
		close_trace();
	}
}

/* Two threads each: A creates 101 then 102, B 302 then 301; the first
 * thread created writes 3 bytes three times, the second 4 bytes once.
 * Matched by creation order: no difference. */
static void pair_threads(const char *dir)
{
	const uint64_t thread_flags = 0x10000 | 0x100 | 0x800 | 0x400;
	for (char side = 'a'; side <= 'b'; side++) {
		const uint32_t pid = side == 'a' ? 100 : 300;
		const uint32_t first = side == 'a' ? 101 : 302, second = side == 'a' ? 102 : 301;
		open_pair(dir, "threads", side);
		spawn(pid, first, STRTRC_SPAWN_CLONE, thread_flags);
		spawn(pid, second, STRTRC_SPAWN_CLONE, thread_flags);
		/* the threads' calls interleave differently in each run */
		if (side == 'a') {
			for (int i = 0; i < 3; i++)
				call(first, NR_WRITE, 1, 0x7000, 3, -1, NULL, 3, 1000);
			call(second, NR_WRITE, 1, 0x7000, 4, -1, NULL, 4, 1000);
		} else {
			call(second, NR_WRITE, 1, 0x7000, 4, -1, NULL, 4, 1000);
			for (int i = 0; i < 3; i++)
				call(first, NR_WRITE, 1, 0x7000, 3, -1, NULL, 3, 1000);
		}
		task_exit(first, 0);
		task_exit(second, 0);
		task_exit(pid, 0);
		close_trace();
	}
}

/* 3000 common calls, then 20000 calls in A and 20000 others in B, none in
 * common (too different to align call by call: replaced whole), then 3000
 * common calls again. */
static void pair_resync(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "resync", side);
		for (uint64_t i = 0; i < 3000; i++)
			call(100, NR_WRITE, 1, 0x7000, i, -1, NULL, (int64_t)i, 1000);
		for (uint64_t i = 0; i < 20000; i++) {
			const uint64_t n = side == 'a' ? 100000 + i : 200000 + i;
			call(100, NR_READ, 0, 0x7000, n, -1, NULL, 0, 1000);
		}
		for (uint64_t i = 0; i < 3000; i++)
			call(100, NR_WRITE, 2, 0x7000, i, -1, NULL, (int64_t)i, 1000);
		task_exit(100, 0);
		close_trace();
	}
}

/* The same calls, recorded by other kernels. */
static void pair_header(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		kernel = side == 'a' ? "6.1.0-synthetic" : "6.9.0-other";
		open_pair(dir, "header", side);
		for (uint64_t i = 0; i < 10; i++)
			call(100, NR_WRITE, 1, 0x7000, i, -1, NULL, (int64_t)i, 1000);
		task_exit(100, 0);
		close_trace();
	}
	kernel = "6.1.0-synthetic";
}

/* A read returns 10 bytes in A and 12 in B: a difference unless read is
 * named volatile. */
static void pair_volatile(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "volatile", side);
		call(100, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
		call(100, NR_READ, 0, 0x7000, 64, -1, NULL, side == 'a' ? 10 : 12, 1000);
		call(100, NR_WRITE, 1, 0x7000, 2, -1, NULL, 2, 1000);
		task_exit(100, 0);
		close_trace();
	}
}

/* A child exits while its parent writes: SIGCHLD reaches the parent
 * before its second write in A, after it in B; then the parent waits. */
static void pair_sigchld(const char *dir)
{
	uint8_t siginfo[128] = {17 /* si_signo SIGCHLD */};
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "sigchld", side);
		spawn(100, 101, STRTRC_SPAWN_FORK, 0);
		call(100, NR_WRITE, 1, 0x7000, 1, -1, NULL, 1, 1000);
		entry(101, NR_EXIT_GROUP, 0, 0, 0);
		task_exit(101, 0);
		struct strtrc_record r = {.kind = STRTRC_SIGNAL};
		r.u.signal.signo = 17;
		r.u.signal.siginfo = (struct strtrc_bytes){siginfo, sizeof(siginfo)};
		/* its handler's sigreturn returns what the call it interrupted
		 * did: the first write's 1 in A, the second's 2 in B */
		if (side == 'a') {
			rec_put(&r, 100);
			call(100, NR_RT_SIGRETURN, 0, 0, 0, -1, NULL, 1, 1000);
		}
		call(100, NR_WRITE, 1, 0x7000, 2, -1, NULL, 2, 1000);
		if (side == 'b') {
			rec_put(&r, 100);
			call(100, NR_RT_SIGRETURN, 0, 0, 0, -1, NULL, 2, 1000);
		}
		call(100, 61 /* wait4 */, 101, 0, 0, -1, NULL, 101, 1000);
		task_exit(100, 0);
		close_trace();
	}
}

/* Ids: pid 100 in A, 4000 in B, each killing itself with 0 and writing
 * 100 bytes ("ids": the same, the count is not a pid though it equals A's)
 * or as many bytes as its pid ("ids_count": a count that differs). */
static void pair_ids(const char *dir, const char *name, bool count_is_pid)
{
	for (char side = 'a'; side <= 'b'; side++) {
		const uint32_t pid = side == 'a' ? 100 : 4000;
		const uint64_t count = count_is_pid ? pid : 100;
		open_pair(dir, name, side);
		call(pid, NR_KILL, pid, 0, 0, -1, NULL, 0, 1000);
		call(pid, NR_WRITE, 1, 0x7000, count, -1, NULL, (int64_t)count, 1000);
		task_exit(pid, 0);
		close_trace();
	}
}

/* 10^6 calls a side in a loop of 100 distinct ones (no unique call to
 * anchor on), B with one call changed every 10^5: 10 changed calls. */
static void pair_long(const char *dir)
{
	for (char side = 'a'; side <= 'b'; side++) {
		open_pair(dir, "long", side);
		for (uint64_t i = 0; i < 1000000; i++) {
			const bool changed = side == 'b' && i % 100000 == 50000;
			call(100, NR_WRITE, 1, 0x7000, i % 100, -1, NULL,
			     changed ? -5 : (int64_t)(i % 100), 1000);
		}
		task_exit(100, 0);
		close_trace();
	}
}

/* A make -j2 of 500 files: make 1000 runs two compiles at a time, each
 * sh -c -> cc -> cc1 then as (2,000 processes, 4 deep); the compile of
 * f275.c fails (cc1's openat of missing.h fails, cc and sh exit 1); then
 * ld 9000 runs 40 threads, 4 at a time. svg_layout.py checks the picture. */
static void build(const char *dir)
{
	static const char *const mk[] = {"make", "-j2", NULL};
	open_trace(dir, "build.trc", "/src");
	execve_(1000, "/usr/bin/make", mk);
	uint32_t next = 2000;
	for (int round = 0; round < 250; round++) {
		uint32_t sh[2], cc[2], cc1[2], as[2];
		char src[2][32], cmd[2][48];
		for (int k = 0; k < 2; k++) {
			const int file = 2 * round + k;
			snprintf(src[k], sizeof(src[k]), "f%d.c", file);
			snprintf(cmd[k], sizeof(cmd[k]), "cc -c f%d.c", file);
			sh[k] = next++;
			cc[k] = next++;
			cc1[k] = next++;
			as[k] = next++;
		}
		const bool fails[2] = {false, round == 137};
		for (int k = 0; k < 2; k++) {
			const char *const a_sh[] = {"sh", "-c", cmd[k], NULL};
			spawn(1000, sh[k], STRTRC_SPAWN_FORK, 0);
			execve_(sh[k], "/bin/sh", a_sh);
		}
		for (int k = 0; k < 2; k++) {
			const char *const a_cc[] = {"cc", "-c", src[k], NULL};
			spawn(sh[k], cc[k], STRTRC_SPAWN_FORK, 0);
			execve_(cc[k], "/usr/bin/cc", a_cc);
		}
		for (int k = 0; k < 2; k++) {
			const char *const a_cc1[] = {"cc1", src[k], NULL};
			spawn(cc[k], cc1[k], STRTRC_SPAWN_FORK, 0);
			execve_(cc1[k], "/usr/libexec/cc1", a_cc1);
			if (fails[k])
				call(cc1[k], NR_OPENAT, AT_FDCWD_ARG, 0x1000, 0, 1, "missing.h", -2,
				     5000);
		}
		now += 400000;
		for (int k = 0; k < 2; k++)
			task_exit(cc1[k], fails[k] ? 1 << 8 : 0);
		for (int k = 0; k < 2; k++) {
			static const char *const a_as[] = {"as", "-o", "x.o", NULL};
			if (fails[k])
				continue;
			spawn(cc[k], as[k], STRTRC_SPAWN_FORK, 0);
			execve_(as[k], "/usr/bin/as", a_as);
		}
		now += 100000;
		for (int k = 0; k < 2; k++) {
			if (!fails[k])
				task_exit(as[k], 0);
			task_exit(cc[k], fails[k] ? 1 << 8 : 0);
			task_exit(sh[k], fails[k] ? 1 << 8 : 0);
		}
	}
	static const char *const a_ld[] = {"ld", "-o", "prog", NULL};
	spawn(1000, 9000, STRTRC_SPAWN_FORK, 0);
	execve_(9000, "/usr/bin/ld", a_ld);
	for (uint32_t t = 0; t < 40; t += 4) {
		for (uint32_t k = 0; k < 4; k++)
			spawn(9000, 9001 + t + k, STRTRC_SPAWN_CLONE,
			      0x10000 | 0x100 | 0x800 | 0x400);
		now += 2000000;
		for (uint32_t k = 0; k < 4; k++)
			task_exit(9001 + t + k, 0);
	}
	task_exit(9000, 0);
	now += 100000;
	task_exit(1000, 0);
	close_trace();
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--diff")) {
		pair_noise(argv[2]);
		pair_insert(argv[2]);
		pair_change(argv[2]);
		pair_children(argv[2]);
		pair_threads(argv[2]);
		pair_resync(argv[2]);
		pair_header(argv[2]);
		pair_volatile(argv[2]);
		pair_sigchld(argv[2]);
		pair_ids(argv[2], "ids", false);
		pair_ids(argv[2], "ids_count", true);
		pair_long(argv[2]);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: mktrace DIR | mktrace --diff DIR\n");
		return 2;
	}
	latency(argv[1]);
	errors(argv[1]);
	procs(argv[1]);
	files(argv[1]);
	manypaths(argv[1]);
	early(argv[1]);
	build(argv[1]);
	return 0;
}
