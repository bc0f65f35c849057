/* libstrtrc tests: `test_format NAME` runs one case (see main). */
#include "format_test.h"
#include "strtrc_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cbor.h>
#include <zstd.h>

/* ---- helpers ---- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		CHECK(b->p);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static int memfd_with(const void *p, size_t n)
{
	const int fd = memfd_create("trace", MFD_CLOEXEC);
	CHECK(fd >= 0);
	size_t off = 0;
	while (off < n) {
		const ssize_t k = write(fd, (const uint8_t *)p + off, n - off);
		CHECK(k > 0);
		off += (size_t)k;
	}
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	return fd;
}

static struct buf slurp_fd(int fd)
{
	struct buf b = {0};
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	uint8_t tmp[65536];
	ssize_t k;
	while ((k = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)k);
	CHECK(k == 0);
	return b;
}

static struct strtrc_writer *writer_memfd(int *fd, size_t frame_size)
{
	*fd = memfd_create("w", MFD_CLOEXEC);
	CHECK(*fd >= 0);
	const struct strtrc_writer_options o = {.frame_size = frame_size};
	int err = 0;
	char msg[256];
	struct strtrc_writer *const w = strtrc_writer_open_fd(*fd, &o, &err, msg, sizeof(msg));
	CHECK_MSG(w, "%s", msg);
	return w;
}

static bool bytes_eq(struct strtrc_bytes a, struct strtrc_bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_record_eq(const struct strtrc_record *a, const struct strtrc_record *b)
{
	CHECK_MSG(a->kind == b->kind, "%d vs %d", a->kind, b->kind);
	CHECK_MSG(a->tid == b->tid, "kind %d: tid %u vs %u", a->kind, a->tid, b->tid);
	CHECK_MSG(a->ts_ns == b->ts_ns, "kind %d: ts", a->kind);
	switch (a->kind) {
	case STRTRC_SYSCALL_ENTRY:
		CHECK(a->u.entry.arch == b->u.entry.arch && a->u.entry.nr == b->u.entry.nr);
		for (int i = 0; i < 6; i++)
			CHECK(a->u.entry.args[i] == b->u.entry.args[i]);
		CHECK(a->u.entry.ip == b->u.entry.ip && a->u.entry.sp == b->u.entry.sp);
		break;
	case STRTRC_SYSCALL_EXIT:
		CHECK(a->u.exit.rval == b->u.exit.rval && a->u.exit.is_error == b->u.exit.is_error);
		break;
	case STRTRC_MEMORY: {
		const struct strtrc_memory *x = &a->u.memory, *y = &b->u.memory;
		CHECK(x->stop == y->stop && x->arg == y->arg && x->item == y->item);
		CHECK(x->flags == y->flags && x->addr == y->addr && x->full_len == y->full_len);
		CHECK(bytes_eq(x->data, y->data));
		break;
	}
	case STRTRC_SIGNAL:
		CHECK(a->u.signal.signo == b->u.signal.signo);
		CHECK(bytes_eq(a->u.signal.siginfo, b->u.signal.siginfo));
		CHECK(a->u.signal.has_ip == b->u.signal.has_ip && a->u.signal.ip == b->u.signal.ip);
		break;
	case STRTRC_GROUP_STOP:
		CHECK(a->u.group_stop.signo == b->u.group_stop.signo);
		CHECK(a->u.group_stop.has_ip == b->u.group_stop.has_ip &&
		      a->u.group_stop.ip == b->u.group_stop.ip);
		break;
	case STRTRC_SPAWN:
		CHECK(a->u.spawn.new_tid == b->u.spawn.new_tid && a->u.spawn.how == b->u.spawn.how);
		CHECK(a->u.spawn.clone_flags == b->u.spawn.clone_flags);
		break;
	case STRTRC_EXEC:
		CHECK(a->u.exec.former_tid == b->u.exec.former_tid);
		CHECK(bytes_eq(a->u.exec.exe, b->u.exec.exe));
		break;
	case STRTRC_EXIT:
		CHECK(a->u.task_exit.wait_status == b->u.task_exit.wait_status);
		break;
	case STRTRC_DETACH:
		break;
	case STRTRC_SNAPSHOT: {
		const struct strtrc_snapshot *x = &a->u.snapshot, *y = &b->u.snapshot;
		CHECK(x->pid == y->pid && x->ppid == y->ppid && x->ntids == y->ntids);
		for (size_t i = 0; i < x->ntids; i++)
			CHECK(x->tids[i] == y->tids[i]);
		CHECK(bytes_eq(x->comm, y->comm) && bytes_eq(x->exe, y->exe));
		CHECK(bytes_eq(x->cwd, y->cwd));
		CHECK(x->nfds == y->nfds);
		for (size_t i = 0; i < x->nfds; i++) {
			CHECK(x->fds[i].fd == y->fds[i].fd);
			CHECK(bytes_eq(x->fds[i].path, y->fds[i].path));
			CHECK(x->fds[i].dev_type == y->fds[i].dev_type &&
			      x->fds[i].rdev == y->fds[i].rdev);
		}
		break;
	}
	case STRTRC_END:
		CHECK(a->u.end.records == b->u.end.records && a->u.end.lost == b->u.end.lost);
		break;
	case STRTRC_LOSS:
		CHECK(a->u.loss.count == b->u.loss.count);
		break;
	case STRTRC_PIDNS: {
		const struct strtrc_pidns *x = &a->u.pidns, *y = &b->u.pidns;
		CHECK(x->ns == y->ns && x->nparents == y->nparents);
		for (size_t i = 0; i < x->nparents; i++)
			CHECK(x->parents[i] == y->parents[i]);
		for (int t = 0; t < STRTRC_PID_TYPES; t++) {
			CHECK(x->nids[t] == y->nids[t]);
			for (size_t i = 0; i < x->nids[t]; i++)
				CHECK(x->ids[t][i] == y->ids[t][i]);
		}
		break;
	}
	default:
		CHECK(!"unexpected kind");
	}
}

static void check_header_eq(const struct strtrc_header *a, const struct strtrc_header *b)
{
	CHECK(a->format_version == b->format_version);
	CHECK(str_eq(a->writer, b->writer) && str_eq(a->arch, b->arch));
	CHECK(str_eq(a->backend, b->backend));
	CHECK(str_eq(a->kernel, b->kernel) && str_eq(a->hostname, b->hostname));
	CHECK(str_eq(a->cwd, b->cwd) && str_eq(a->filter, b->filter));
	CHECK(a->recorder_argc == b->recorder_argc);
	for (size_t i = 0; i < a->recorder_argc; i++)
		CHECK(str_eq(a->recorder_argv[i], b->recorder_argv[i]));
	CHECK(a->command_argc == b->command_argc);
	for (size_t i = 0; i < a->command_argc; i++)
		CHECK(str_eq(a->command_argv[i], b->command_argv[i]));
	CHECK(a->env_recorded == b->env_recorded);
	CHECK(a->envc == b->envc);
	for (size_t i = 0; i < a->envc; i++)
		CHECK(str_eq(a->envp[i], b->envp[i]));
	CHECK(a->uid == b->uid && a->gid == b->gid && a->page_size == b->page_size);
	CHECK(a->start_realtime_ns == b->start_realtime_ns);
	CHECK(a->start_monotonic_ns == b->start_monotonic_ns);
	CHECK(a->capture_size == b->capture_size && a->follow_forks == b->follow_forks);
	CHECK(a->attached == b->attached);
	CHECK(a->pid_ns == b->pid_ns && a->pid_ns_level == b->pid_ns_level);
	CHECK(a->npids == b->npids);
	for (size_t i = 0; i < a->npids; i++)
		CHECK(a->pids[i] == b->pids[i]);
}

static struct strtrc_reader *open_buf(const struct buf *b, int *fd, int *err, char *msg,
				      size_t msg_size)
{
	*fd = memfd_with(b->p, b->len);
	return strtrc_reader_open_fd(*fd, err, msg, msg_size);
}

/* ---- cases ---- */

/* The socket and device items strec writes for strep -yy: their bytes
 * read back, and what is not one refused. */
static void test_fdinfo_items(void)
{
	static const uint8_t local[] = {2, 0, 0x1f, 0x90, 127, 0, 0, 1};
	const struct strtrc_socket s = {
	    .family = 2,
	    .type = 1,
	    .protocol = 6,
	    .inode = UINT64_MAX - 1,
	    .peer_inode = 0,
	    .local = {local, sizeof(local)},
	    .peer = {NULL, 0},
	    .proto = {(const uint8_t *)"TCP", 3},
	};
	uint8_t buf[128];
	const size_t n = strtrc_socket_encode(&s, buf, sizeof(buf));
	CHECK(n == 32 + sizeof(local) + 3);
	CHECK(strtrc_socket_encode(&s, buf, n - 1) == 0); /* does not fit */
	struct strtrc_socket t;
	CHECK(strtrc_socket_decode(buf, n, &t) == 0);
	CHECK(t.family == 2 && t.type == 1 && t.protocol == 6 && t.inode == UINT64_MAX - 1);
	CHECK(bytes_eq(t.local, s.local) && t.peer.len == 0 && bytes_eq(t.proto, s.proto));
	CHECK(strtrc_socket_decode(buf, n - 1, &t) == -EBADMSG);
	CHECK(strtrc_socket_decode(buf, 10, &t) == -EBADMSG);
	uint8_t dev[STRTRC_DEVICE_SIZE];
	uint32_t type = 0;
	uint64_t rdev = 0;
	strtrc_device_encode(0020000, (136u << 8) | 4, dev);
	CHECK(strtrc_device_decode(dev, sizeof(dev), &type, &rdev) == 0);
	CHECK(type == 0020000 && rdev == ((136u << 8) | 4));
	CHECK(strtrc_device_decode(dev, sizeof(dev) - 1, &type, &rdev) == -EBADMSG);
}

static void test_roundtrip(void)
{
	test_fdinfo_items();
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 0);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	struct strtrc_record recs[SAMPLE_RECORDS + 2];
	sample_records(recs);
	/* A large memory record (bigger than the reader's first buffer). */
	const size_t big = 3u << 20;
	uint8_t *const bigdata = malloc(big);
	CHECK(bigdata);
	for (size_t i = 0; i < big; i++)
		bigdata[i] = (uint8_t)(i * 7 + (i >> 13));
	recs[SAMPLE_RECORDS] = recs[2];
	recs[SAMPLE_RECORDS].u.memory.data = (struct strtrc_bytes){bigdata, big};
	recs[SAMPLE_RECORDS].u.memory.full_len = big;
	recs[SAMPLE_RECORDS].u.memory.flags = 0;
	recs[SAMPLE_RECORDS].ts_ns = UINT64_MAX;
	/* A snapshot with many fds. */
	enum { NFDS = 5000 };
	struct strtrc_fd_entry *const fds = calloc(NFDS, sizeof(*fds));
	char(*paths)[32] = calloc(NFDS, 32);
	CHECK(fds && paths);
	for (int i = 0; i < NFDS; i++) {
		const int n = snprintf(paths[i], 32, "/proc/self/fd/%d", i * 3);
		fds[i] =
		    (struct strtrc_fd_entry){i * 3, {(const uint8_t *)paths[i], (size_t)n}, 0, 0};
	}
	recs[SAMPLE_RECORDS + 1] = recs[0];
	recs[SAMPLE_RECORDS + 1].u.snapshot.fds = fds;
	recs[SAMPLE_RECORDS + 1].u.snapshot.nfds = NFDS;
	recs[SAMPLE_RECORDS + 1].ts_ns = UINT64_MAX;
	const size_t n = SAMPLE_RECORDS + 2;
	for (size_t i = 0; i < n; i++)
		CHECK_MSG(strtrc_write(w, &recs[i]) == 0, "%s", strtrc_writer_error(w));
	CHECK(strtrc_writer_records(w) == n);
	/* The API refuses header and end records and a second header. */
	struct strtrc_record bad = {.kind = STRTRC_END};
	CHECK(strtrc_write(w, &bad) == -EINVAL);
	CHECK(strtrc_writer_error(w) != NULL);
	strtrc_writer_abandon(w);
	close(fd);

	/* Again without the refused write (it makes the writer sticky). */
	struct strtrc_writer *const w2 = writer_memfd(&fd, 0);
	CHECK(strtrc_write_header(w2, &h) == 0);
	CHECK(strtrc_write_header(w2, &h) == -EINVAL);
	strtrc_writer_abandon(w2);
	close(fd);

	struct strtrc_writer *const w3 = writer_memfd(&fd, 0);
	CHECK(strtrc_write_header(w3, &h) == 0);
	for (size_t i = 0; i < n; i++)
		CHECK(strtrc_write(w3, &recs[i]) == 0);
	CHECK(strtrc_writer_bytes_out(w3) > 0);
	CHECK(strtrc_writer_close(w3, 42) == 0);

	int err = 0;
	char msg[256];
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	struct strtrc_reader *const r = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	check_header_eq(strtrc_reader_header(r), &h);
	struct strtrc_record got;
	for (size_t i = 0; i < n; i++) {
		const int k = strtrc_reader_next(r, &got);
		CHECK_MSG(k == 1, "record %zu: %d %s", i, k, strtrc_reader_error(r));
		check_record_eq(&got, &recs[i]);
	}
	CHECK(strtrc_reader_next(r, &got) == 1);
	CHECK(got.kind == STRTRC_END && got.tid == 0 && got.ts_ns == UINT64_MAX);
	CHECK(got.u.end.records == n && got.u.end.lost == 42);
	CHECK(strtrc_reader_complete(r));
	CHECK(strtrc_reader_next(r, &got) == 0);
	CHECK(strtrc_reader_warning(r) == NULL && strtrc_reader_error(r) == NULL);
	CHECK(strtrc_reader_bytes_in(r) > 0);
	strtrc_reader_close(r);
	close(fd);

	/* The writer refuses a pid namespace list longer than the kernel's
	 * 33 levels. */
	{
		struct strtrc_writer *const w5 = writer_memfd(&fd, 0);
		CHECK(strtrc_write_header(w5, &h) == 0);
		struct strtrc_record deep = recs[SAMPLE_RECORDS - 1];
		CHECK(deep.kind == STRTRC_PIDNS);
		uint32_t many[STRTRC_PIDNS_MAX + 1] = {0};
		deep.u.pidns.ids[STRTRC_PID_SID] = many;
		deep.u.pidns.nids[STRTRC_PID_SID] = STRTRC_PIDNS_MAX + 1;
		CHECK(strtrc_write(w5, &deep) == -EINVAL);
		strtrc_writer_abandon(w5);
		close(fd);
	}

	/* A minimal header: absent strings stay NULL, empty arrays. */
	struct strtrc_writer *const w4 = writer_memfd(&fd, 0);
	const struct strtrc_header h0 = {.format_version = STRTRC_FORMAT_VERSION,
					 .filter = "open*"};
	CHECK(strtrc_write_header(w4, &h0) == 0);
	CHECK(strtrc_writer_close(w4, 0) == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	struct strtrc_reader *const r4 = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	CHECK_MSG(r4, "%s", msg);
	check_header_eq(strtrc_reader_header(r4), &h0);
	CHECK(strtrc_reader_header(r4)->writer == NULL);
	CHECK(strtrc_reader_next(r4, &got) == 1 && got.kind == STRTRC_END);
	CHECK(got.u.end.records == 0);
	CHECK(strtrc_reader_next(r4, &got) == 0 && strtrc_reader_complete(r4));
	strtrc_reader_close(r4);
	close(fd);
	free(bigdata);
	free(fds);
	free(paths);
	for (int k = 0; k < STRTRC_KIND_COUNT; k++)
		CHECK(strcmp(strtrc_kind_name(k), "unknown") != 0);
	CHECK(strcmp(strtrc_kind_name(STRTRC_KIND_COUNT), "unknown") == 0);
}

/* Record i of a deterministic stream. */
static void make_record(uint64_t i, struct strtrc_record *r, uint8_t *scratch)
{
	memset(r, 0, sizeof(*r));
	r->tid = (uint32_t)(1000 + i % 7);
	r->ts_ns = i * 5 + (i % 5); /* non-decreasing, uneven deltas */
	switch (i % 4) {
	case 0:
		r->kind = STRTRC_SYSCALL_ENTRY;
		r->u.entry.arch = 0xc000003e;
		r->u.entry.nr = i % 450;
		for (int k = 0; k < 6; k++)
			r->u.entry.args[k] = i * 0x9e3779b97f4a7c15ull + (uint64_t)k;
		r->u.entry.ip = i;
		r->u.entry.sp = ~i;
		break;
	case 1:
		r->kind = STRTRC_MEMORY;
		r->u.memory.addr = i << 12;
		r->u.memory.full_len = i % 61;
		for (size_t k = 0; k < i % 61; k++)
			scratch[k] = (uint8_t)(i + k);
		r->u.memory.data = (struct strtrc_bytes){scratch, i % 61};
		break;
	case 2:
		r->kind = STRTRC_SYSCALL_EXIT;
		r->u.exit.rval = (i & 8) ? -(int64_t)(i % 133) : (int64_t)i;
		r->u.exit.is_error = (i & 8) != 0;
		break;
	default:
		r->kind = STRTRC_SPAWN;
		r->u.spawn.new_tid = (uint32_t)i;
		r->u.spawn.clone_flags = i;
		break;
	}
}

static struct buf write_stream(uint64_t count, size_t frame_size, uint64_t flush_every)
{
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, frame_size);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	uint8_t scratch[64];
	struct strtrc_record rec;
	for (uint64_t i = 0; i < count; i++) {
		make_record(i, &rec, scratch);
		CHECK(strtrc_write(w, &rec) == 0);
		if (flush_every && i % flush_every == flush_every - 1)
			CHECK(strtrc_writer_flush(w) == 0);
	}
	CHECK(strtrc_writer_close(w, 0) == 0);
	struct buf b = slurp_fd(fd);
	close(fd);
	return b;
}

static bool is_skippable(const uint8_t *p)
{
	return (strtrc_get_le32(p) & STRTRC_SKIPPABLE_MASK) == STRTRC_SKIPPABLE_BASE;
}

/* Counts zstd frames by walking frame headers (zstd's own API). */
static size_t count_zstd_frames(const struct buf *b, size_t *skippable)
{
	size_t off = 0, n = 0;
	*skippable = 0;
	while (off < b->len) {
		const size_t sz = ZSTD_findFrameCompressedSize(b->p + off, b->len - off);
		CHECK(!ZSTD_isError(sz) && sz > 0);
		if (is_skippable(b->p + off))
			(*skippable)++;
		else
			n++;
		off += sz;
	}
	CHECK(off == b->len);
	return n;
}

static void test_many(void)
{
	const uint64_t count = 300000;
	struct buf b = write_stream(count, 64 << 10, 10007);
	size_t skippable;
	const size_t frames = count_zstd_frames(&b, &skippable);
	CHECK_MSG(frames >= 10, "%zu frames", frames);
	CHECK(skippable == 2); /* magic and index */
	int fd, err;
	char msg[256];
	struct strtrc_reader *const r = open_buf(&b, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	uint8_t scratch[64];
	struct strtrc_record want, got;
	for (uint64_t i = 0; i < count; i++) {
		make_record(i, &want, scratch);
		const int k = strtrc_reader_next(r, &got);
		CHECK_MSG(k == 1, "record %llu: %s", (unsigned long long)i, strtrc_reader_error(r));
		check_record_eq(&got, &want);
	}
	CHECK(strtrc_reader_next(r, &got) == 1 && got.kind == STRTRC_END);
	CHECK(got.u.end.records == count);
	CHECK(strtrc_reader_next(r, &got) == 0 && strtrc_reader_complete(r));
	strtrc_reader_close(r);
	close(fd);

	/* The index frame lists every zstd frame with its first timestamp;
	 * its last 4 bytes give its own size. */
	const uint32_t isize = strtrc_get_le32(b.p + b.len - 4);
	CHECK(isize < b.len);
	const uint8_t *const idx = b.p + b.len - isize;
	CHECK(strtrc_get_le32(idx) == STRTRC_INDEX_MAGIC);
	CHECK(strtrc_get_le32(idx + 4) == isize - 8);
	struct cbor_load_result lr;
	cbor_item_t *const item = cbor_load(idx + 8, isize - 12, &lr);
	CHECK(item && lr.error.code == CBOR_ERR_NONE && cbor_isa_array(item));
	CHECK(cbor_array_size(item) == frames);
	uint64_t prev_ts = 0;
	for (size_t i = 0; i < frames; i++) {
		cbor_item_t *e = cbor_array_get(item, i);
		cbor_item_t *off = cbor_array_get(e, 0), *ts = cbor_array_get(e, 1);
		const uint64_t o = cbor_get_int(off), t = cbor_get_int(ts);
		CHECK(o < b.len && strtrc_get_le32(b.p + o) == ZSTD_MAGICNUMBER);
		CHECK(i > 0 || o == STRTRC_MAGIC_FRAME_SIZE);
		CHECK(t >= prev_ts);
		prev_ts = t;
		cbor_decref(&off);
		cbor_decref(&ts);
		cbor_decref(&e);
	}
	cbor_item_t *it = item;
	cbor_decref(&it);
	free(b.p);
}

/* Reads everything from p; records are compared with expect[] while still
 * valid (their strings live in the reader). */
static void read_all(const uint8_t *p, size_t n, size_t *count, int *open_err, int *next_err,
		     bool *complete, bool *warned, const struct strtrc_record *expect,
		     size_t nexpect)
{
	int fd = memfd_with(p, n), err = 0;
	char msg[256] = "";
	struct strtrc_reader *const r = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	*count = 0;
	*next_err = 0;
	*open_err = 0;
	*complete = false;
	*warned = false;
	if (!r) {
		CHECK(err < 0 && msg[0]);
		*open_err = err;
		close(fd);
		return;
	}
	struct strtrc_record rec;
	int k;
	while ((k = strtrc_reader_next(r, &rec)) == 1) {
		if (*count < nexpect)
			check_record_eq(&rec, &expect[*count]);
		(*count)++;
		/* Touch every byte string: ASan catches dangling pointers. */
		volatile uint8_t sink = 0;
		if (rec.kind == STRTRC_MEMORY)
			for (size_t i = 0; i < rec.u.memory.data.len; i++)
				sink ^= rec.u.memory.data.data[i];
		if (rec.kind == STRTRC_SNAPSHOT)
			for (size_t i = 0; i < rec.u.snapshot.nfds; i++)
				for (size_t j = 0; j < rec.u.snapshot.fds[i].path.len; j++)
					sink ^= rec.u.snapshot.fds[i].path.data[j];
		(void)sink;
	}
	if (k < 0) {
		*next_err = k;
		const char *const e = strtrc_reader_error(r);
		CHECK(e && strstr(e, "byte"));
	}
	/* Sticky end/error. */
	CHECK(strtrc_reader_next(r, &rec) == k);
	*complete = strtrc_reader_complete(r);
	*warned = strtrc_reader_warning(r) != NULL;
	strtrc_reader_close(r);
	close(fd);
}

static uint64_t rng_state = 0x853c49e6748fea9bull;
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/* Traces repeat themselves from afar: the same files are read by every
 * process of a build. The default writer must find a repeat 4 MiB back
 * (its frames and window are 8 MiB), so 4 MiB of random bytes written twice
 * compresses to about 4 MiB, not 8. Also checks the data reads back. */
static void test_long_range(void)
{
	enum { AREA = 4096, AREAS = 4 * 256 };
	uint8_t *const data = malloc((size_t)AREA * AREAS);
	CHECK(data);
	for (size_t i = 0; i < (size_t)AREA * AREAS; i++)
		data[i] = (uint8_t)rng();
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 0);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < AREAS; i++) {
			const struct strtrc_record rec = {
			    .kind = STRTRC_MEMORY,
			    .tid = 7,
			    .ts_ns = 1000 * (pass * AREAS + i),
			    .u.memory = {.addr = 0x1000 * i,
					 .full_len = AREA,
					 .data = {data + (size_t)AREA * i, AREA}},
			};
			CHECK(strtrc_write(w, &rec) == 0);
		}
	CHECK(strtrc_writer_close(w, 0) == 0);
	struct buf b = slurp_fd(fd);
	close(fd);
	CHECK_MSG(b.len < (size_t)AREA * AREAS * 11 / 10, "%zu bytes for twice %d", b.len,
		  AREA * AREAS);

	int rfd, err;
	char msg[256];
	struct strtrc_reader *const r = open_buf(&b, &rfd, &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	struct strtrc_record got;
	for (size_t i = 0; i < 2 * (size_t)AREAS; i++) {
		CHECK_MSG(strtrc_reader_next(r, &got) == 1, "%s", strtrc_reader_error(r));
		CHECK(got.kind == STRTRC_MEMORY && got.u.memory.data.len == AREA);
		CHECK(memcmp(got.u.memory.data.data, data + (size_t)AREA * (i % AREAS), AREA) == 0);
	}
	CHECK(strtrc_reader_next(r, &got) == 1 && got.kind == STRTRC_END);
	CHECK(strtrc_reader_next(r, &got) == 0 && strtrc_reader_complete(r));
	strtrc_reader_close(r);
	close(rfd);
	free(b.p);
	free(data);
}

static void test_truncate(void)
{
	/* Small frames and flushes: cuts land in every structure. */
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 300);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	struct strtrc_record recs[SAMPLE_RECORDS];
	sample_records(recs);
	enum { N = 60 };
	struct strtrc_record all[N];
	for (int i = 0; i < N; i++) {
		all[i] = recs[i % SAMPLE_RECORDS];
		all[i].ts_ns = (uint64_t)i * 10;
		CHECK(strtrc_write(w, &all[i]) == 0);
		if (i % 7 == 3)
			CHECK(strtrc_writer_flush(w) == 0);
	}
	CHECK(strtrc_writer_close(w, 0) == 0);
	struct buf b = slurp_fd(fd);
	close(fd);
	size_t skippable;
	CHECK(count_zstd_frames(&b, &skippable) >= 3);

	size_t prev = 0;
	bool opened_before = false;
	for (size_t cut = 0; cut <= b.len; cut++) {
		size_t count;
		int open_err, next_err;
		bool complete, warned;
		read_all(b.p, cut, &count, &open_err, &next_err, &complete, &warned, all, N);
		CHECK_MSG(next_err == 0, "cut at %zu: error %d", cut, next_err);
		if (open_err) {
			/* Only before the header is complete. */
			CHECK_MSG(!opened_before, "cut at %zu: open failed after succeeding before",
				  cut);
			CHECK(open_err == -EPROTO || open_err == -ENODATA);
			continue;
		}
		opened_before = true;
		CHECK_MSG(count >= prev, "cut at %zu: %zu records after %zu", cut, count, prev);
		CHECK(count <= N + 1);
		CHECK_MSG(complete || warned, "cut at %zu: no warning", cut);
		if (cut < b.len && !complete)
			CHECK(warned);
		prev = count;
	}
	CHECK(prev == N + 1);
	CHECK(opened_before);

	/* The warnings say what happened. */
	const size_t cuts[] = {b.len / 2, b.len / 3};
	for (size_t c = 0; c < 2; c++) {
		const int mfd = memfd_with(b.p, cuts[c]);
		int err;
		char msg[256];
		struct strtrc_reader *const r = strtrc_reader_open_fd(mfd, &err, msg, sizeof(msg));
		CHECK(r);
		struct strtrc_record rec;
		while (strtrc_reader_next(r, &rec) == 1)
			;
		CHECK(!strtrc_reader_complete(r));
		const char *const wmsg = strtrc_reader_warning(r);
		CHECK(wmsg && strstr(wmsg, "cut short at byte"));
		strtrc_reader_close(r);
		close(mfd);
	}
	free(b.p);
}

/* Random cuts of a larger trace: crosses read-chunk and buffer boundaries. */
static void test_truncate_large(void)
{
	const uint64_t count = 60000;
	struct buf b = write_stream(count, 20000, 997);
	uint64_t prev_cut = 0, prev_n = 0;
	for (int t = 0; t < 120; t++) {
		/* Increasing cuts, so the record count must not decrease. */
		const uint64_t cut = prev_cut + 1 + (uint64_t)rand() % (b.len / 100);
		if (cut > b.len)
			break;
		const int fd = memfd_with(b.p, cut);
		int err;
		char msg[256];
		struct strtrc_reader *const r = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
		uint64_t n = 0;
		if (r) {
			uint8_t scratch[64];
			struct strtrc_record want, got;
			int k;
			while ((k = strtrc_reader_next(r, &got)) == 1 && got.kind != STRTRC_END) {
				make_record(n, &want, scratch);
				check_record_eq(&got, &want);
				n++;
			}
			CHECK_MSG(k >= 0, "cut at %llu: %s", (unsigned long long)cut,
				  strtrc_reader_error(r));
			CHECK(strtrc_reader_complete(r) || strtrc_reader_warning(r));
			strtrc_reader_close(r);
		}
		CHECK(n >= prev_n);
		prev_n = n;
		prev_cut = cut;
		close(fd);
	}
	CHECK(prev_n > count / 2);
	free(b.p);
}

/* A trace killed after a flush: clean frames, no end record. */
static void test_killed(void)
{
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 0);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	struct strtrc_record recs[SAMPLE_RECORDS];
	sample_records(recs);
	for (int i = 0; i < 3; i++)
		CHECK(strtrc_write(w, &recs[i]) == 0);
	/* tick: not before the interval, then after it. */
	CHECK(strtrc_writer_tick(w, 0) == 0);
	struct buf before = slurp_fd(fd);
	CHECK(strtrc_writer_tick(w, UINT64_MAX / 2) == 0);
	struct buf after = slurp_fd(fd);
	CHECK(after.len > before.len);
	CHECK(lseek(fd, 0, SEEK_END) > 0);
	strtrc_writer_abandon(w); /* as if killed: nothing more written */
	size_t count;
	int open_err, next_err;
	bool complete, warned;
	read_all(after.p, after.len, &count, &open_err, &next_err, &complete, &warned, NULL, 0);
	CHECK(open_err == 0 && next_err == 0 && count == 3 && !complete && warned);
	const int mfd = memfd_with(after.p, after.len);
	int err;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_fd(mfd, &err, msg, sizeof(msg));
	struct strtrc_record rec;
	while (strtrc_reader_next(r, &rec) == 1)
		;
	const char *const wm = strtrc_reader_warning(r);
	/* A flush leaves the frame open, so the cut is inside a frame. */
	CHECK_MSG(wm && (strstr(wm, "cut short") || strstr(wm, "no end record")), "%s", wm);
	strtrc_reader_close(r);
	close(mfd);
	close(fd);
	free(before.p);
	free(after.p);

	/* Frames all closed but no END record: the "killed?" warning. */
	struct buf b = {0};
	struct buf full = write_stream(5, 1, 0); /* every record ends its frame */
	/* Drop the END frame and the index: find the last zstd frame. */
	size_t off = 0, last = 0;
	while (off < full.len) {
		const size_t sz = ZSTD_findFrameCompressedSize(full.p + off, full.len - off);
		CHECK(!ZSTD_isError(sz));
		if (!is_skippable(full.p + off))
			last = off;
		off += sz;
	}
	buf_add(&b, full.p, last);
	const int kfd = memfd_with(b.p, b.len);
	struct strtrc_reader *const kr = strtrc_reader_open_fd(kfd, &err, msg, sizeof(msg));
	CHECK(kr);
	count = 0;
	while (strtrc_reader_next(kr, &rec) == 1)
		count++;
	CHECK(count == 5 && !strtrc_reader_complete(kr));
	CHECK(strtrc_reader_warning(kr) && strstr(strtrc_reader_warning(kr), "no end record"));
	strtrc_reader_close(kr);
	close(kfd);
	free(b.p);
	free(full.p);
}

static void test_corrupt(void)
{
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 500);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	struct strtrc_record recs[SAMPLE_RECORDS];
	sample_records(recs);
	for (int i = 0; i < 40; i++) {
		CHECK(strtrc_write(w, &recs[i % SAMPLE_RECORDS]) == 0);
		if (i % 9 == 0)
			CHECK(strtrc_writer_flush(w) == 0);
	}
	CHECK(strtrc_writer_close(w, 0) == 0);
	struct buf b = slurp_fd(fd);
	close(fd);
	uint8_t *const copy = malloc(b.len + 4096);
	CHECK(copy);
	size_t errors = 0, ok = 0;
	for (int t = 0; t < 3000; t++) {
		memcpy(copy, b.p, b.len);
		size_t n = b.len;
		const int mode = t % 4;
		if (mode < 2) { /* bit flips */
			const int flips = 1 + (int)(rng() % 4);
			for (int i = 0; i < flips; i++) {
				const size_t at = rng() % n;
				copy[at] ^= (uint8_t)(1u << (rng() % 8));
			}
		} else if (mode == 2) { /* garbage run inside */
			const size_t at = rng() % n, len = 1 + rng() % 64;
			for (size_t i = at; i < at + len && i < n; i++)
				copy[i] = (uint8_t)rng();
		} else { /* garbage after the magic frame */
			n = STRTRC_MAGIC_FRAME_SIZE + rng() % 4096;
			for (size_t i = STRTRC_MAGIC_FRAME_SIZE; i < n; i++)
				copy[i] = (uint8_t)rng();
		}
		size_t count;
		int open_err, next_err;
		bool complete, warned;
		read_all(copy, n, &count, &open_err, &next_err, &complete, &warned, NULL, 0);
		if (open_err || next_err)
			errors++;
		else
			ok++;
	}
	CHECK(errors > 0 && ok > 0);
	/* Pure garbage. */
	for (int t = 0; t < 200; t++) {
		const size_t n = rng() % 4096;
		for (size_t i = 0; i < n; i++)
			copy[i] = (uint8_t)rng();
		size_t count;
		int open_err, next_err;
		bool complete, warned;
		read_all(copy, n, &count, &open_err, &next_err, &complete, &warned, NULL, 0);
		CHECK(open_err == -EPROTO);
	}
	free(copy);
	free(b.p);
}

/* ---- raw CBOR traces (what a future writer might produce) ---- */

struct raw {
	uint8_t cbor[4096];
	size_t len;
};

#define RAW(fn, ...)                                                                               \
	do {                                                                                       \
		const size_t n_ = fn(__VA_ARGS__, r->cbor + r->len, sizeof(r->cbor) - r->len);     \
		CHECK(n_ > 0);                                                                     \
		r->len += n_;                                                                      \
	} while (0)

static void raw_uint(struct raw *r, uint64_t v)
{
	RAW(cbor_encode_uint, v);
}
static void raw_array(struct raw *r, size_t n)
{
	RAW(cbor_encode_array_start, n);
}
static void raw_map(struct raw *r, size_t n)
{
	RAW(cbor_encode_map_start, n);
}
static void raw_text(struct raw *r, const char *s)
{
	RAW(cbor_encode_string_start, strlen(s));
	memcpy(r->cbor + r->len, s, strlen(s));
	r->len += strlen(s);
}
static void raw_bool(struct raw *r, bool v)
{
	const size_t n = cbor_encode_bool(v, r->cbor + r->len, sizeof(r->cbor) - r->len);
	CHECK(n > 0);
	r->len += n;
}
static void raw_negint(struct raw *r, uint64_t v)
{
	RAW(cbor_encode_negint, v);
}

/* Magic frame (given version) + one zstd frame holding cbor[0..n). */
static struct buf cbor_trace(const uint8_t *cbor, size_t n, uint16_t version)
{
	struct buf b = {0};
	uint8_t magic[STRTRC_MAGIC_FRAME_SIZE];
	strtrc_put_le32(magic, STRTRC_SKIPPABLE_MAGIC);
	strtrc_put_le32(magic + 4, STRTRC_MAGIC_PAYLOAD_SIZE);
	memcpy(magic + 8, STRTRC_MAGIC_TEXT, 8);
	strtrc_put_le16(magic + 16, version);
	strtrc_put_le16(magic + 18, 0);
	buf_add(&b, magic, sizeof(magic));
	const size_t zcap = ZSTD_compressBound(n);
	uint8_t *const z = malloc(zcap);
	CHECK(z);
	const size_t zn = ZSTD_compress(z, zcap, cbor, n, 3);
	CHECK(!ZSTD_isError(zn));
	buf_add(&b, z, zn);
	free(z);
	return b;
}

static struct buf raw_trace(const struct raw *r, uint16_t version)
{
	return cbor_trace(r->cbor, r->len, version);
}

static void raw_header(struct raw *r, bool extra)
{
	raw_array(r, extra ? 3 : 2);
	raw_uint(r, 0);
	raw_map(r, extra ? 4 : 2);
	raw_text(r, "format");
	raw_uint(r, 1);
	raw_text(r, "writer");
	raw_text(r, "future strec 9");
	if (extra) {
		raw_text(r, "future_key");
		raw_map(r, 1);
		raw_text(r, "nested");
		raw_array(r, 2);
		raw_uint(r, 1);
		raw_bool(r, false);
		raw_uint(r, 12345); /* a non-text key */
		raw_text(r, "x");
		raw_text(r, "trailing element of the header");
	}
}

/* A reader's message without its "fd N: " prefix. */
static const char *unprefixed(const char *m)
{
	const char *const colon = m ? strstr(m, ": ") : NULL;
	return colon ? colon + 2 : m;
}

/* Reads the same bytes with read-ahead and without, side by side: the same
 * records, the same end, the same warning or error, word for word. */
static void check_readahead_same(const uint8_t *p, size_t n, const char *what)
{
	const int fd1 = memfd_with(p, n), fd2 = memfd_with(p, n);
	int err1 = 0, err2 = 0;
	char msg1[256] = "", msg2[256] = "";
	struct strtrc_reader *const plain = strtrc_reader_open_fd(fd1, &err1, msg1, sizeof(msg1));
	struct strtrc_reader *const ahead = strtrc_reader_open_fd(fd2, &err2, msg2, sizeof(msg2));
	CHECK_MSG(!plain == !ahead && err1 == err2 && str_eq(unprefixed(msg1), unprefixed(msg2)),
		  "%s: open differs", what);
	if (plain && ahead) {
		CHECK(strtrc_reader_readahead(ahead) == 0);
		struct strtrc_record a, b;
		int k1, k2;
		do {
			k1 = strtrc_reader_next(plain, &a);
			k2 = strtrc_reader_next(ahead, &b);
			CHECK_MSG(k1 == k2, "%s: next gave %d and %d", what, k1, k2);
			if (k1 == 1 && k2 == 1)
				check_record_eq(&a, &b);
		} while (k1 == 1 && k2 == 1);
		CHECK(strtrc_reader_complete(plain) == strtrc_reader_complete(ahead));
		CHECK_MSG(str_eq(unprefixed(strtrc_reader_warning(plain)),
				 unprefixed(strtrc_reader_warning(ahead))),
			  "%s: warnings '%s' and '%s'", what, strtrc_reader_warning(plain),
			  strtrc_reader_warning(ahead));
		CHECK_MSG(str_eq(unprefixed(strtrc_reader_error(plain)),
				 unprefixed(strtrc_reader_error(ahead))),
			  "%s: errors '%s' and '%s'", what, strtrc_reader_error(plain),
			  strtrc_reader_error(ahead));
		CHECK(strtrc_reader_bytes_in(plain) == strtrc_reader_bytes_in(ahead));
	}
	strtrc_reader_close(plain);
	strtrc_reader_close(ahead);
	close(fd1);
	close(fd2);
}

static void test_readahead(void)
{
	/* Several read-ahead rings' worth of records, in small frames. */
	const uint64_t count = 80000;
	struct buf b = write_stream(count, 30000, 5003);
	check_readahead_same(b.p, b.len, "whole");
	uint8_t *const copy = malloc(b.len);
	CHECK(copy);
	char what[64];
	for (int t = 0; t < 60; t++) {
		const size_t cut =
		    STRTRC_MAGIC_FRAME_SIZE + rng() % (b.len - STRTRC_MAGIC_FRAME_SIZE);
		snprintf(what, sizeof(what), "cut at %zu", cut);
		check_readahead_same(b.p, cut, what);
		memcpy(copy, b.p, b.len);
		const size_t at =
		    STRTRC_MAGIC_FRAME_SIZE + rng() % (b.len - STRTRC_MAGIC_FRAME_SIZE);
		copy[at] ^= (uint8_t)(1u << (rng() % 8));
		snprintf(what, sizeof(what), "bit flipped at %zu", at);
		check_readahead_same(copy, b.len, what);
	}
	free(copy);

	/* A pipe: no read-ahead (its writer could hold the thread forever),
	 * and reading goes on as before. */
	struct buf small = write_stream(200, 0, 0);
	CHECK(small.len < 60000); /* fits in the pipe */
	int pfd[2];
	CHECK(pipe(pfd) == 0);
	CHECK(write(pfd[1], small.p, small.len) == (ssize_t)small.len);
	close(pfd[1]);
	int err;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_fd(pfd[0], &err, msg, sizeof(msg));
	CHECK(r);
	CHECK(strtrc_reader_readahead(r) == -ESPIPE);
	struct strtrc_record rec;
	uint64_t n = 0;
	while (strtrc_reader_next(r, &rec) == 1)
		n++;
	CHECK(n == 200 + 1 && strtrc_reader_complete(r)); /* and the end record */
	strtrc_reader_close(r);
	close(pfd[0]);
	free(small.p);

	/* Closing a reader whose thread is still ahead: no hang, no leak. */
	const int fd = memfd_with(b.p, b.len);
	struct strtrc_reader *const early = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	CHECK(early && strtrc_reader_readahead(early) == 0);
	CHECK(strtrc_reader_next(early, &rec) == 1);
	strtrc_reader_close(early);
	close(fd);
	free(b.p);
}

static void test_forward_compat(void)
{
	struct raw raw = {.len = 0}, *const r = &raw;
	raw_header(r, true);
	/* Unknown kind 99 with a delta and odd contents. */
	raw_array(r, 5);
	raw_uint(r, 99);
	raw_uint(r, 7);
	raw_uint(r, 5);
	raw_map(r, 1);
	raw_text(r, "k");
	raw_array(r, 0);
	raw_negint(r, 3);
	/* Syscall exit with two extra trailing elements. */
	raw_array(r, 7);
	raw_uint(r, STRTRC_SYSCALL_EXIT);
	raw_uint(r, 7);
	raw_uint(r, 10);
	raw_negint(r, 1); /* -2 */
	raw_bool(r, true);
	raw_text(r, "extra");
	raw_array(r, 1);
	raw_uint(r, 1);
	/* Detach with an extra element. */
	raw_array(r, 4);
	raw_uint(r, STRTRC_DETACH);
	raw_uint(r, 8);
	raw_uint(r, 1);
	raw_uint(r, 0);
	/* Unknown kind at the end: its delta still counts. */
	raw_array(r, 3);
	raw_uint(r, 200);
	raw_uint(r, 0);
	raw_uint(r, 100);
	raw_array(r, 5);
	raw_uint(r, STRTRC_END);
	raw_uint(r, 0);
	raw_uint(r, 1);
	raw_uint(r, 4);
	raw_uint(r, 0);
	struct buf b = raw_trace(r, STRTRC_FORMAT_VERSION);
	int fd, err;
	char msg[256];
	struct strtrc_reader *const rd = open_buf(&b, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(rd, "%s", msg);
	const struct strtrc_header *const h = strtrc_reader_header(rd);
	CHECK(h->format_version == 1 && str_eq(h->writer, "future strec 9") && h->arch == NULL);
	struct strtrc_record rec;
	CHECK(strtrc_reader_next(rd, &rec) == 1);
	CHECK(rec.kind == STRTRC_SYSCALL_EXIT && rec.tid == 7 && rec.ts_ns == 15);
	CHECK(rec.u.exit.rval == -2 && rec.u.exit.is_error);
	CHECK(strtrc_reader_next(rd, &rec) == 1);
	CHECK(rec.kind == STRTRC_DETACH && rec.tid == 8 && rec.ts_ns == 16);
	CHECK(strtrc_reader_next(rd, &rec) == 1);
	CHECK(rec.kind == STRTRC_END && rec.ts_ns == 117 && rec.u.end.records == 4);
	CHECK(strtrc_reader_next(rd, &rec) == 0 && strtrc_reader_complete(rd));
	strtrc_reader_close(rd);
	close(fd);
	free(b.p);

	/* A wrong field type is a clear error naming the byte offset. */
	raw.len = 0;
	raw_header(r, false);
	const size_t at = raw.len;
	raw_array(r, 5);
	raw_uint(r, STRTRC_SYSCALL_EXIT);
	raw_uint(r, 1);
	raw_uint(r, 0);
	raw_text(r, "not an int");
	raw_bool(r, false);
	b = raw_trace(r, STRTRC_FORMAT_VERSION);
	struct strtrc_reader *const rd2 = open_buf(&b, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(rd2, "%s", msg);
	CHECK(strtrc_reader_next(rd2, &rec) == -EBADMSG);
	char want[64];
	snprintf(want, sizeof(want), "bad record at byte %zu of the decompressed stream", at);
	const char *const e = strtrc_reader_error(rd2);
	CHECK_MSG(strstr(e, want) && strstr(e, "rval"), "%s", e);
	strtrc_reader_close(rd2);
	close(fd);
	free(b.p);

	/* A pid namespace record: lists of up to 33 entries read, more are an
	 * error. */
	for (int over = 0; over < 2; over++) {
		raw.len = 0;
		raw_header(r, false);
		raw_array(r, 9);
		raw_uint(r, STRTRC_PIDNS);
		raw_uint(r, 7);
		raw_uint(r, 1);
		raw_uint(r, 4026532000u);
		raw_array(r, 1);
		raw_uint(r, 4026531836u);
		const size_t len = over ? STRTRC_PIDNS_MAX + 1 : STRTRC_PIDNS_MAX;
		for (int t = 0; t < STRTRC_PID_TYPES; t++) {
			raw_array(r, t == STRTRC_PID_SID ? len : 2);
			for (size_t k = 0; k < (t == STRTRC_PID_SID ? len : 2); k++)
				raw_uint(r, 100 * t + k);
		}
		b = raw_trace(r, STRTRC_FORMAT_VERSION);
		struct strtrc_reader *const rp = open_buf(&b, &fd, &err, msg, sizeof(msg));
		CHECK_MSG(rp, "%s", msg);
		if (over) {
			CHECK(strtrc_reader_next(rp, &rec) == -EBADMSG);
			CHECK_MSG(strstr(strtrc_reader_error(rp), "NSsid"), "%s",
				  strtrc_reader_error(rp));
		} else {
			CHECK(strtrc_reader_next(rp, &rec) == 1);
			const struct strtrc_pidns *const p = &rec.u.pidns;
			CHECK(rec.kind == STRTRC_PIDNS && rec.tid == 7 && p->ns == 4026532000u);
			CHECK(p->nparents == 1 && p->parents[0] == 4026531836u);
			CHECK(p->nids[STRTRC_PID_TID] == 2 && p->ids[STRTRC_PID_TGID][1] == 101);
			CHECK(p->nids[STRTRC_PID_SID] == STRTRC_PIDNS_MAX);
			CHECK(p->ids[STRTRC_PID_SID][STRTRC_PIDNS_MAX - 1] ==
			      300 + STRTRC_PIDNS_MAX - 1);
		}
		strtrc_reader_close(rp);
		close(fd);
		free(b.p);
	}

	/* Tags are ignored, also on a whole record. */
	raw.len = 0;
	raw_header(r, false);
	RAW(cbor_encode_tag, 55799); /* self-described CBOR */
	RAW(cbor_encode_tag, 1);
	raw_array(r, 3);
	raw_uint(r, STRTRC_DETACH);
	RAW(cbor_encode_tag, 2);
	raw_uint(r, 9);
	raw_uint(r, 4);
	RAW(cbor_encode_tag, 3); /* a dangling tag at the end: cut short */
	b = raw_trace(r, STRTRC_FORMAT_VERSION);
	struct strtrc_reader *const rt = open_buf(&b, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(rt, "%s", msg);
	CHECK(strtrc_reader_next(rt, &rec) == 1);
	CHECK(rec.kind == STRTRC_DETACH && rec.tid == 9 && rec.ts_ns == 4);
	CHECK(strtrc_reader_next(rt, &rec) == 0 && !strtrc_reader_complete(rt));
	CHECK(strstr(strtrc_reader_warning(rt), "cut short"));
	strtrc_reader_close(rt);
	close(fd);
	free(b.p);

	/* Too few fields, indefinite lengths, nesting too deep: errors. */
	for (int v = 0; v < 3; v++) {
		raw.len = 0;
		raw_header(r, false);
		if (v == 0) {
			raw_array(r, 4);
			raw_uint(r, STRTRC_SPAWN);
			raw_uint(r, 1);
			raw_uint(r, 0);
			raw_uint(r, 5);
		} else if (v == 1) {
			r->cbor[r->len++] = 0x9f; /* indefinite array */
			raw_uint(r, STRTRC_DETACH);
			raw_uint(r, 1);
			raw_uint(r, 0);
			r->cbor[r->len++] = 0xff; /* break */
		} else {
			raw_array(r, 4);
			raw_uint(r, 77);
			raw_uint(r, 1);
			raw_uint(r, 0);
			for (int d = 0; d < 20; d++)
				raw_array(r, 1);
			raw_uint(r, 0);
		}
		b = raw_trace(r, STRTRC_FORMAT_VERSION);
		struct strtrc_reader *const rd3 = open_buf(&b, &fd, &err, msg, sizeof(msg));
		CHECK(rd3);
		CHECK(strtrc_reader_next(rd3, &rec) == -EBADMSG);
		CHECK(strstr(strtrc_reader_error(rd3), "bad record at byte"));
		strtrc_reader_close(rd3);
		close(fd);
		free(b.p);
	}

	/* Any machine's trace reads: which machine's calls a decoder can
	 * name is the decoder's business (rp_trace_open). */
	raw.len = 0;
	raw_array(r, 2);
	raw_uint(r, 0);
	raw_map(r, 2);
	raw_text(r, "format");
	raw_uint(r, 1);
	raw_text(r, "arch");
	raw_text(r, "aarch64");
	raw_array(r, 3);
	raw_uint(r, STRTRC_DETACH);
	raw_uint(r, 5);
	raw_uint(r, 0);
	b = raw_trace(r, STRTRC_FORMAT_VERSION);
	struct strtrc_reader *const ra = open_buf(&b, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(ra, "%s", msg);
	CHECK(str_eq(strtrc_reader_header(ra)->arch, "aarch64"));
	CHECK(strtrc_reader_next(ra, &rec) == 1 && rec.kind == STRTRC_DETACH && rec.tid == 5);
	strtrc_reader_close(ra);
	close(fd);
	free(b.p);

	/* Unsupported version. */
	raw.len = 0;
	raw_header(r, false);
	b = raw_trace(r, 2);
	CHECK(open_buf(&b, &fd, &err, msg, sizeof(msg)) == NULL);
	CHECK(err == -EPROTO && strstr(msg, "unsupported format version 2"));
	close(fd);
	free(b.p);
}

/* ---- what may follow the end record ---- */

/* Reads a trace to its end: the records before the first error, whether
 * END was among them, and how reading ended (0 or the error, whose
 * message goes to msg). */
static int read_counting(const struct buf *b, uint64_t *count, bool *complete, char *msg,
			 size_t msg_size)
{
	int fd, err;
	struct strtrc_reader *const r = open_buf(b, &fd, &err, msg, msg_size);
	CHECK_MSG(r, "%s", msg);
	struct strtrc_record rec;
	int k;
	*count = 0;
	while ((k = strtrc_reader_next(r, &rec)) == 1)
		(*count)++;
	CHECK(strtrc_reader_next(r, &rec) == k); /* sticky */
	*complete = strtrc_reader_complete(r);
	const char *const said = k < 0 ? strtrc_reader_error(r) : strtrc_reader_warning(r);
	snprintf(msg, msg_size, "%s", said ? said : "");
	strtrc_reader_close(r);
	close(fd);
	return k;
}

static struct buf concat(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	struct buf c = {0};
	buf_add(&c, a, na);
	buf_add(&c, b, nb);
	return c;
}

/* `cat a.trc b.trc > c.trc` is not one trace: the reader returns every
 * record of the first, then says where the second starts. Records after
 * the END record are an error too, not dropped without a word. */
static void test_sequence(void)
{
	struct buf a = write_stream(3000, 20000, 0), b = write_stream(10, 0, 0);
	const size_t index_size = strtrc_get_le32(a.p + a.len - 4);
	CHECK(index_size < a.len && is_skippable(a.p + a.len - index_size));
	const size_t a_bare = a.len - index_size; /* without its index */
	char want[128], msg[256];
	uint64_t n;
	bool complete;

	/* whole + whole, and whole without index + whole */
	for (int v = 0; v < 2; v++) {
		const size_t na = v == 0 ? a.len : a_bare;
		struct buf ab = concat(a.p, na, b.p, b.len);
		CHECK(read_counting(&ab, &n, &complete, msg, sizeof(msg)) == -EBADMSG);
		CHECK(n == 3000 + 1 && complete);
		snprintf(want, sizeof(want), "a second trace starts at byte %zu", na);
		CHECK_MSG(strstr(msg, want) && strstr(msg, "one at a time"), "%s", msg);
		check_readahead_same(ab.p, ab.len, "concatenated");
		free(ab.p);
	}

	/* a killed recorder's trace (no END) + another */
	int fd;
	struct strtrc_writer *const w = writer_memfd(&fd, 0);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	uint8_t scratch[64];
	struct strtrc_record rec;
	for (uint64_t i = 0; i < 500; i++) {
		make_record(i, &rec, scratch);
		CHECK(strtrc_write(w, &rec) == 0);
	}
	CHECK(strtrc_writer_flush(w) == 0);
	strtrc_writer_abandon(w);
	struct buf killed = slurp_fd(fd);
	close(fd);
	struct buf kb = concat(killed.p, killed.len, b.p, b.len);
	CHECK(read_counting(&kb, &n, &complete, msg, sizeof(msg)) == -EBADMSG);
	CHECK(n == 500 && !complete);
	snprintf(want, sizeof(want), "a second trace starts at byte %zu", killed.len);
	CHECK_MSG(strstr(msg, want), "%s", msg);
	free(kb.p);
	free(killed.p);

	/* a frame with one more record after the END record's frame */
	struct raw raw = {.len = 0}, *const r = &raw;
	raw_array(r, 3);
	raw_uint(r, STRTRC_DETACH);
	raw_uint(r, 1);
	raw_uint(r, 0);
	uint8_t z[256];
	const size_t zn = ZSTD_compress(z, sizeof(z), raw.cbor, raw.len, 3);
	CHECK(!ZSTD_isError(zn));
	struct buf after = concat(a.p, a_bare, z, zn);
	CHECK(read_counting(&after, &n, &complete, msg, sizeof(msg)) == -EBADMSG);
	CHECK(n == 3000 + 1 && complete);
	snprintf(want, sizeof(want), "(frame at byte %zu): the end record must be the last",
		 a_bare);
	CHECK_MSG(strstr(msg, "data after the end record at byte") && strstr(msg, want), "%s", msg);
	free(after.p);

	/* a record after END in END's own frame */
	raw.len = 0;
	raw_header(r, false);
	raw_array(r, 5);
	raw_uint(r, STRTRC_END);
	raw_uint(r, 0);
	raw_uint(r, 0);
	raw_uint(r, 0);
	raw_uint(r, 0);
	const size_t at = raw.len;
	raw_array(r, 3);
	raw_uint(r, STRTRC_DETACH);
	raw_uint(r, 1);
	raw_uint(r, 0);
	struct buf t = raw_trace(r, STRTRC_FORMAT_VERSION);
	CHECK(read_counting(&t, &n, &complete, msg, sizeof(msg)) == -EBADMSG);
	CHECK(n == 1 && complete);
	snprintf(want, sizeof(want), "data after the end record at byte %zu ", at);
	CHECK_MSG(strstr(msg, want), "%s", msg);
	free(t.p);

	/* the index cut short: every record read, and a warning that says so */
	struct buf cut = {0};
	buf_add(&cut, a.p, a.len - 3);
	CHECK(read_counting(&cut, &n, &complete, msg, sizeof(msg)) == 0);
	CHECK(n == 3000 + 1 && complete);
	CHECK_MSG(strstr(msg, "cut short") && strstr(msg, "after its end record: no record lost"),
		  "%s", msg);
	free(cut.p);
	free(a.p);
	free(b.p);
}

/* ---- records of any size, and what the reader bounds ---- */

/* A CBOR head (major type, argument) appended to b. */
static void big_head(struct buf *b, unsigned major, uint64_t v)
{
	uint8_t h[9];
	size_t n;
	if (v < 24) {
		h[0] = (uint8_t)(major << 5 | v);
		n = 1;
	} else {
		size_t len = 1; /* bytes of the argument: 1, 2, 4 or 8 (info 24..27) */
		unsigned info = 24;
		while (len < 8 && v >> (8 * len) != 0) {
			len *= 2;
			info++;
		}
		h[0] = (uint8_t)(major << 5 | info);
		for (size_t i = 0; i < len; i++)
			h[1 + i] = (uint8_t)(v >> (8 * (len - 1 - i)));
		n = 1 + len;
	}
	buf_add(b, h, n);
}

static void big_bytes(struct buf *b, const char *s)
{
	big_head(b, 2, strlen(s));
	buf_add(b, s, strlen(s));
}

/* The header (as raw_header writes it) at the start of b. */
static void big_header(struct buf *b)
{
	struct raw raw = {.len = 0};
	raw_header(&raw, false);
	buf_add(b, raw.cbor, raw.len);
}

/* Reads b's trace to its end: the records (up to max) are passed to fn,
 * the reader is handed back for checks on how it ended. */
static struct strtrc_reader *read_to_end(const struct buf *trace, int *fd, int *last)
{
	int err;
	char msg[256];
	struct strtrc_reader *const r = open_buf(trace, fd, &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	struct strtrc_record rec;
	while ((*last = strtrc_reader_next(r, &rec)) == 1)
		;
	return r;
}

/* A record that spans many chunks, starting in the middle of the buffer,
 * with strings throughout and tags where a writer may put them: read
 * whole and right (the parse resumes as bytes come; its strings must
 * follow the buffer as it moves and grows). */
static void test_big_records(void)
{
	struct buf c = {0};
	big_header(&c);
	for (int i = 0; i < 1000; i++) { /* so that the big one starts mid-buffer */
		big_head(&c, 4, 3);
		big_head(&c, 0, STRTRC_DETACH);
		big_head(&c, 0, 5);
		big_head(&c, 0, 1);
	}
	const uint32_t ntids = 100000, nfds = 150000;
	big_head(&c, 4, 9);
	big_head(&c, 0, STRTRC_SNAPSHOT);
	big_head(&c, 0, 42);
	big_head(&c, 0, 7);
	big_head(&c, 0, 1);
	big_head(&c, 4, ntids);
	for (uint32_t i = 0; i < ntids; i++)
		big_head(&c, 0, 1000000u + i);
	big_bytes(&c, "comm");
	big_bytes(&c, "/usr/bin/exe");
	big_bytes(&c, "/");
	big_head(&c, 4, nfds);
	char path[64];
	for (uint32_t i = 0; i < nfds; i++) {
		big_head(&c, 4, 2);
		big_head(&c, 0, i);
		if (i % 3 == 0)
			big_head(&c, 6, 42); /* a tagged path reads as the path */
		snprintf(path, sizeof(path), "/some/longer/path/to/file/%u", i);
		big_bytes(&c, path);
	}
	big_head(&c, 4, 5);
	big_head(&c, 0, STRTRC_END);
	big_head(&c, 0, 0);
	big_head(&c, 0, 0);
	big_head(&c, 0, 1001);
	big_head(&c, 0, 0);
	CHECK(c.len > 4 * 1024 * 1024); /* 32 chunks and more */
	struct buf t = cbor_trace(c.p, c.len, STRTRC_FORMAT_VERSION);
	int fd, err;
	char msg[256];
	struct strtrc_reader *const r = open_buf(&t, &fd, &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	struct strtrc_record rec;
	for (int i = 0; i < 1000; i++)
		CHECK(strtrc_reader_next(r, &rec) == 1 && rec.kind == STRTRC_DETACH);
	CHECK_MSG(strtrc_reader_next(r, &rec) == 1, "%s", strtrc_reader_error(r));
	CHECK(rec.kind == STRTRC_SNAPSHOT && rec.tid == 42 && rec.u.snapshot.ppid == 1);
	const struct strtrc_snapshot *const sn = &rec.u.snapshot;
	CHECK(sn->ntids == ntids && sn->nfds == nfds);
	for (uint32_t i = 0; i < ntids; i++)
		CHECK(sn->tids[i] == 1000000u + i);
	CHECK(bytes_eq(sn->exe, (struct strtrc_bytes){(const uint8_t *)"/usr/bin/exe", 12}));
	for (uint32_t i = 0; i < nfds; i++) {
		const int n = snprintf(path, sizeof(path), "/some/longer/path/to/file/%u", i);
		CHECK(sn->fds[i].fd == (int32_t)i);
		CHECK_MSG(bytes_eq(sn->fds[i].path,
				   (struct strtrc_bytes){(const uint8_t *)path, (size_t)n}),
			  "fd %u", i);
	}
	CHECK(strtrc_reader_next(r, &rec) == 1 && rec.kind == STRTRC_END);
	CHECK(strtrc_reader_next(r, &rec) == 0 && strtrc_reader_complete(r));
	CHECK(!strtrc_reader_warning(r) && !strtrc_reader_error(r));
	strtrc_reader_close(r);
	close(fd);
	free(t.p);
	free(c.p);
}

/* The record [77, 1, 0, ...] (unknown kind) that body() completes. */
static struct buf unknown_record(void (*body)(struct buf *, uint64_t), uint64_t arg)
{
	struct buf c = {0};
	big_header(&c);
	big_head(&c, 4, 4);
	big_head(&c, 0, 77);
	big_head(&c, 0, 1);
	big_head(&c, 0, 0);
	body(&c, arg);
	struct buf t = cbor_trace(c.p, c.len, STRTRC_FORMAT_VERSION);
	free(c.p);
	return t;
}

static void tags_then_zero(struct buf *c, uint64_t ntags)
{
	for (uint64_t i = 0; i < ntags; i++)
		big_head(c, 6, 1);
	big_head(c, 0, 0);
}

static void tagged_array(struct buf *c, uint64_t n)
{
	big_head(c, 4, n);
	for (uint64_t i = 0; i < n; i++) {
		big_head(c, 6, 0);
		big_head(c, 0, 1);
	}
}

static void array_claim(struct buf *c, uint64_t n)
{
	big_head(c, 4, n);
	big_head(c, 0, 1); /* and the file ends: cut short, were it not for the claim */
}

static void bytes_claim(struct buf *c, uint64_t n)
{
	big_head(c, 2, n);
	buf_add(c, "data", 4);
}

/* What the reader says at the end of a trace: 0 with a warning containing
 * want, or an error containing it. */
static void check_ends(const struct buf *t, int want_k, const char *want)
{
	int fd, k;
	struct strtrc_reader *const r = read_to_end(t, &fd, &k);
	const char *const said = k < 0 ? strtrc_reader_error(r) : strtrc_reader_warning(r);
	CHECK_MSG(k == want_k && said && strstr(said, want), "ended with %d: %s (want %d: %s)", k,
		  said ? said : "nothing", want_k, want);
	strtrc_reader_close(r);
	close(fd);
}

/* Every CBOR item counts against the limits, tags included, and a claim
 * beyond them is an error however soon the file ends: tags cost nothing
 * to write (megabytes of them compress to a few hundred bytes). */
static void test_limits(void)
{
	/* as many tags as the nesting depth leaves room for: read */
	struct buf t = unknown_record(tags_then_zero, 7);
	check_ends(&t, 0, "no end record");
	free(t.p);
	/* one more: too deep, as arrays would be */
	t = unknown_record(tags_then_zero, 8);
	check_ends(&t, -EBADMSG, "items nested too deeply");
	free(t.p);
	/* a megabyte of tags: the same, at once */
	t = unknown_record(tags_then_zero, 1 << 20);
	check_ends(&t, -EBADMSG, "items nested too deeply");
	free(t.p);
	/* a tag counts as an item: 2^20 tagged integers are 2^21 items, and
	 * with the record's own five too many */
	t = unknown_record(tagged_array, (uint64_t)1 << 20);
	check_ends(&t, -EBADMSG, "too many items in one record");
	free(t.p);
	t = unknown_record(tagged_array, ((uint64_t)1 << 20) - 3);
	check_ends(&t, 0, "no end record");
	free(t.p);
	/* an array claiming more items than a record may hold, in a file
	 * that ends: damage, not a cut */
	t = unknown_record(array_claim, ((uint64_t)1 << 21) - 4); /* 2^21 + 1 with the record's 5 */
	check_ends(&t, -EBADMSG, "too many items in one record");
	free(t.p);
	t = unknown_record(array_claim, ((uint64_t)1 << 21) - 5);
	check_ends(&t, 0, "cut short");
	free(t.p);
	/* a string claiming more than a record may hold: the same */
	t = unknown_record(bytes_claim, ((uint64_t)64 << 20) + 1);
	check_ends(&t, -EFBIG, "a string of 67108865 bytes");
	free(t.p);
	t = unknown_record(bytes_claim, UINT64_MAX);
	check_ends(&t, -EFBIG, "longer than a record may be");
	free(t.p);
	t = unknown_record(bytes_claim, (uint64_t)60 << 20);
	check_ends(&t, 0, "cut short");
	free(t.p);
}

static void test_not_a_trace(void)
{
	char path[] = "/tmp/strtrc-test-XXXXXX";
	const int fd = mkstemp(path);
	CHECK(fd >= 0);
	const char text[] = "hello, this is not a trace\n";
	CHECK(write(fd, text, sizeof(text) - 1) == (ssize_t)sizeof(text) - 1);
	close(fd);
	int err = 0;
	char msg[256] = "";
	CHECK(strtrc_reader_open_path(path, &err, msg, sizeof(msg)) == NULL);
	CHECK(err == -EPROTO);
	char want[300];
	snprintf(want, sizeof(want), "%s: not a strec trace", path);
	CHECK_MSG(strcmp(msg, want) == 0, "%s", msg);
	/* Empty file. */
	CHECK(truncate(path, 0) == 0);
	CHECK(strtrc_reader_open_path(path, &err, msg, sizeof(msg)) == NULL);
	CHECK(err == -EPROTO && strstr(msg, "not a strec trace"));
	/* A plain zstd file is not a trace either. */
	uint8_t z[64];
	const size_t zn = ZSTD_compress(z, sizeof(z), "abc", 3, 1);
	const int zfd = memfd_with(z, zn);
	CHECK(strtrc_reader_open_fd(zfd, &err, msg, sizeof(msg)) == NULL);
	CHECK(err == -EPROTO && strstr(msg, "not a strec trace"));
	close(zfd);
	/* Missing file. */
	unlink(path);
	CHECK(strtrc_reader_open_path(path, &err, msg, sizeof(msg)) == NULL);
	CHECK(err == -ENOENT && strstr(msg, path));
}

static void test_writer_errors(void)
{
	/* Mode 0600, even over an existing file with a wider mode. */
	char path[] = "/tmp/strtrc-test-XXXXXX";
	const int tfd = mkstemp(path);
	CHECK(tfd >= 0);
	close(tfd);
	unlink(path);
	const mode_t old = umask(0);
	int err = 0;
	char msg[256];
	struct strtrc_writer *w = strtrc_writer_open_path(path, NULL, &err, msg, sizeof(msg));
	umask(old);
	CHECK_MSG(w, "%s", msg);
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	CHECK(strtrc_writer_close(w, 0) == 0);
	CHECK(chmod(path, 0644) == 0);
	w = strtrc_writer_open_path(path, NULL, &err, msg, sizeof(msg));
	CHECK(w);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	strtrc_writer_abandon(w);
	/* "-" style stdin read of a path works through open_path too. */
	unlink(path);
	CHECK(strtrc_writer_open_path("/nonexistent-dir/x.trc", NULL, &err, msg, sizeof(msg)) ==
	      NULL);
	CHECK(err == -ENOENT && strstr(msg, "/nonexistent-dir/x.trc"));

	/* A closed pipe: EPIPE (at open, or at the first write after). */
	signal(SIGPIPE, SIG_IGN);
	int p[2];
	CHECK(pipe(p) == 0);
	close(p[0]);
	w = strtrc_writer_open_fd(p[1], NULL, &err, msg, sizeof(msg));
	if (w) {
		int e = strtrc_write_header(w, &h);
		CHECK(e == -EPIPE);
		CHECK(strstr(strtrc_writer_error(w), "Broken pipe"));
		struct strtrc_record recs[SAMPLE_RECORDS];
		sample_records(recs);
		CHECK(strtrc_write(w, &recs[0]) == -EPIPE); /* sticky */
		CHECK(strtrc_writer_close(w, 0) == -EPIPE);
	} else {
		CHECK(err == -EPIPE && strstr(msg, "Broken pipe"));
	}
	close(p[1]);

	/* A reader closing the pipe while we write. */
	CHECK(pipe(p) == 0);
	int fl = fcntl(p[1], F_GETFL);
	CHECK(fl >= 0);
	w = strtrc_writer_open_fd(p[1], NULL, &err, msg, sizeof(msg));
	CHECK(w);
	close(p[0]);
	CHECK(strtrc_write_header(w, &h) == -EPIPE);
	CHECK(strtrc_writer_close(w, 0) == -EPIPE);
	close(p[1]);

	/* A full disk: ENOSPC. */
	const int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
	if (full >= 0) {
		w = strtrc_writer_open_fd(full, NULL, &err, msg, sizeof(msg));
		CHECK(w == NULL && err == -ENOSPC && strstr(msg, "No space left"));
		w = strtrc_writer_open_path("/dev/full", NULL, &err, msg, sizeof(msg));
		CHECK(w == NULL && err == -ENOSPC);
		close(full);
	}
}

/* Reading from stdin with "-" and a pipe (no seeking, short reads). */
static void test_stdin(void)
{
	struct buf b = write_stream(20000, 32 << 10, 0);
	int p[2];
	CHECK(pipe(p) == 0);
	const pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		size_t off = 0;
		while (off < b.len) { /* dribble in odd pieces */
			const size_t n = b.len - off < 777 ? b.len - off : 777;
			const ssize_t k = write(p[1], b.p + off, n);
			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
		_exit(0);
	}
	close(p[1]);
	const int saved = dup(STDIN_FILENO);
	CHECK(dup2(p[0], STDIN_FILENO) == STDIN_FILENO);
	close(p[0]);
	int err;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_path("-", &err, msg, sizeof(msg));
	CHECK_MSG(r, "%s", msg);
	struct strtrc_record rec;
	size_t n = 0;
	while (strtrc_reader_next(r, &rec) == 1)
		n++;
	CHECK(n == 20001 && strtrc_reader_complete(r));
	CHECK(strtrc_reader_bytes_in(r) <= b.len);
	strtrc_reader_close(r);
	CHECK(dup2(saved, STDIN_FILENO) == STDIN_FILENO);
	close(saved);
	free(b.p);
}

/* Not a ctest: `test_format bench [N]` times N records through a file. */
static void test_bench(void)
{
	const char *const n_env = getenv("STRTRC_BENCH_N");
	const uint64_t count = n_env ? strtoull(n_env, NULL, 0) : 10000000;
	char path[] = "/tmp/strtrc-bench-XXXXXX";
	const int tfd = mkstemp(path);
	CHECK(tfd >= 0);
	close(tfd);
	int err;
	char msg[256];
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct strtrc_writer *const w = strtrc_writer_open_path(path, NULL, &err, msg, sizeof(msg));
	CHECK(w);
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	uint8_t scratch[64];
	struct strtrc_record rec;
	for (uint64_t i = 0; i < count; i++) {
		make_record(i, &rec, scratch);
		CHECK(strtrc_write(w, &rec) == 0);
	}
	CHECK(strtrc_writer_close(w, 0) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct strtrc_reader *const r = strtrc_reader_open_path(path, &err, msg, sizeof(msg));
	CHECK(r);
	uint64_t n = 0;
	while (strtrc_reader_next(r, &rec) == 1)
		n++;
	CHECK(n == count + 1 && strtrc_reader_complete(r));
	const uint64_t bytes = strtrc_reader_bytes_in(r);
	strtrc_reader_close(r);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	unlink(path);
	const double tw = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	const double tr = (double)(t2.tv_sec - t1.tv_sec) + (double)(t2.tv_nsec - t1.tv_nsec) / 1e9;
	printf("%llu records, %llu bytes: write %.2f s (%.0f ns/record), read %.2f s (%.0f "
	       "ns/record)\n",
	       (unsigned long long)count, (unsigned long long)bytes, tw, tw * 1e9 / (double)count,
	       tr, tr * 1e9 / (double)count);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} cases[] = {
	    {"roundtrip", test_roundtrip},
	    {"many", test_many},
	    {"long_range", test_long_range},
	    {"truncate", test_truncate},
	    {"truncate_large", test_truncate_large},
	    {"killed", test_killed},
	    {"corrupt", test_corrupt},
	    {"readahead", test_readahead},
	    {"forward_compat", test_forward_compat},
	    {"big_records", test_big_records},
	    {"limits", test_limits},
	    {"sequence", test_sequence},
	    {"not_a_trace", test_not_a_trace},
	    {"writer_errors", test_writer_errors},
	    {"stdin", test_stdin},
	    {"bench", test_bench},
	};
	int ran = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (argc < 2 ? strcmp(cases[i].name, "bench") != 0
			     : strcmp(argv[1], cases[i].name) == 0) {
			cases[i].fn();
			ran++;
		}
	if (!ran) {
		fprintf(stderr, "unknown test %s\n", argv[1]);
		return 2;
	}
	return 0;
}
