/* libstrtrc writer: records -> CBOR (libcbor encoders into one growing
 * buffer) -> zstd frames -> fd. Layout in FORMAT.md. */
#include "strtrc.h"
#include "strtrc_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cbor.h>
#include <zstd.h>

#define DEFAULT_LEVEL	       3
#define DEFAULT_FLUSH_INTERVAL (250ull * 1000 * 1000)
/* Traces repeat themselves from afar (every compiler of a build reads the
 * same headers), and each frame starts with an empty history: 8 MiB frames
 * and an 8 MiB window make a make -j2 trace 23 % smaller than 1 MiB frames
 * with level 3's default window, for up to 8 MiB more memory on each side. */
#define DEFAULT_FRAME_SIZE ((size_t)8 << 20)
#define WINDOW_LOG	   23
/* Encoded bytes gathered before handing them to zstd: amortizes the
 * per-call cost of ZSTD_compressStream2 over many small records. */
#define BATCH_SIZE ((size_t)64 << 10)
/* Upper bound of one encoded CBOR head (major type + 8-byte argument). */
#define HEAD_MAX 9

struct index_entry {
	uint64_t offset; /* file offset of the zstd frame */
	uint64_t ts_ns;	 /* timestamp of its first record */
};

struct strtrc_writer {
	int fd;
	bool own_fd;
	ZSTD_CCtx *cctx;
	uint8_t *buf; /* encoded records not yet given to zstd */
	size_t len, cap;
	uint8_t *out; /* zstd output, written out right away */
	size_t out_cap;
	size_t frame_size;
	uint64_t flush_interval_ns;
	uint64_t last_flush_ns;
	uint64_t frame_in; /* uncompressed bytes in the current frame */
	bool frame_open;   /* the current frame has records */
	bool dirty;	   /* records appended since the last flush */
	bool header_written;
	uint64_t prev_ts;
	uint64_t start_mono;
	uint64_t records;
	uint64_t bytes_out;
	struct index_entry *index;
	size_t nindex, index_cap;
	int err;
	char msg[256];
};

static uint64_t now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

__attribute__((format(printf, 3, 4))) static int fail(struct strtrc_writer *w, int err,
						      const char *fmt, ...)
{
	assert(err < 0);
	/* Keep the first error: later ones are usually consequences. */
	if (w->err)
		return w->err;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
	w->err = err;
	return err;
}

static int write_all(struct strtrc_writer *w, const uint8_t *p, size_t n)
{
	while (n > 0) {
		const ssize_t k = write(w->fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			const int e = errno;
			return fail(w, -e, "write failed after %llu bytes: %s",
				    (unsigned long long)w->bytes_out, strerror(e));
		}
		if (k == 0)
			return fail(w, -EIO, "write returned 0 after %llu bytes",
				    (unsigned long long)w->bytes_out);
		p += k;
		n -= (size_t)k;
		w->bytes_out += (uint64_t)k;
	}
	return 0;
}

/* Gives w->buf to zstd with the given directive and writes what comes out. */
static int push(struct strtrc_writer *w, ZSTD_EndDirective mode)
{
	if (w->err)
		return w->err;
	ZSTD_inBuffer in = {w->buf, w->len, 0};
	for (;;) {
		ZSTD_outBuffer out = {w->out, w->out_cap, 0};
		const size_t rem = ZSTD_compressStream2(w->cctx, &out, &in, mode);
		if (ZSTD_isError(rem))
			return fail(w, -EIO, "zstd compression failed: %s", ZSTD_getErrorName(rem));
		if (out.pos > 0) {
			const int r = write_all(w, w->out, out.pos);
			if (r < 0)
				return r;
		}
		/* continue: done once the input is taken; flush/end: once
		 * zstd has nothing left to emit. */
		if (mode == ZSTD_e_continue ? in.pos == in.size : rem == 0)
			break;
	}
	assert(in.pos == in.size);
	w->len = 0;
	if (mode != ZSTD_e_continue) {
		w->dirty = false;
		w->last_flush_ns = now_mono();
	}
	if (mode == ZSTD_e_end) {
		w->frame_open = false;
		w->frame_in = 0;
	}
	return 0;
}

static int reserve(struct strtrc_writer *w, size_t extra)
{
	if (extra <= w->cap - w->len)
		return 0;
	size_t cap = w->cap ? w->cap : BATCH_SIZE * 2;
	while (cap - w->len < extra) {
		if (cap > SIZE_MAX / 2)
			return fail(w, -ENOMEM, "record too large");
		cap *= 2;
	}
	uint8_t *const nb = realloc(w->buf, cap);
	if (!nb)
		return fail(w, -ENOMEM, "out of memory for a %zu-byte buffer", cap);
	w->buf = nb;
	w->cap = cap;
	return 0;
}

/* Encoders appending to w->buf; the caller reserved room beforehand, so a
 * short encode is a bug. */
static void put_uint(struct strtrc_writer *w, uint64_t v)
{
	const size_t n = cbor_encode_uint(v, w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
}

static void put_int(struct strtrc_writer *w, int64_t v)
{
	size_t n;
	if (v >= 0)
		n = cbor_encode_uint((uint64_t)v, w->buf + w->len, w->cap - w->len);
	else /* CBOR negative ints store -1 - v, which fits u64 for INT64_MIN */
		n = cbor_encode_negint((uint64_t)(-(v + 1)), w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
}

static void put_bool(struct strtrc_writer *w, bool v)
{
	const size_t n = cbor_encode_bool(v, w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
}

static void put_array(struct strtrc_writer *w, size_t count)
{
	const size_t n = cbor_encode_array_start(count, w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
}

static void put_map(struct strtrc_writer *w, size_t count)
{
	const size_t n = cbor_encode_map_start(count, w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
}

static void put_bytes(struct strtrc_writer *w, const void *p, size_t len)
{
	const size_t n = cbor_encode_bytestring_start(len, w->buf + w->len, w->cap - w->len);
	assert(n > 0 && w->cap - w->len - n >= len);
	w->len += n;
	if (len)
		memcpy(w->buf + w->len, p, len);
	w->len += len;
}

static void put_text(struct strtrc_writer *w, const char *s)
{
	const size_t len = strlen(s);
	const size_t n = cbor_encode_string_start(len, w->buf + w->len, w->cap - w->len);
	assert(n > 0 && w->cap - w->len - n >= len);
	w->len += n;
	memcpy(w->buf + w->len, s, len);
	w->len += len;
}

static struct strtrc_writer *open_common(int fd, bool own_fd,
					 const struct strtrc_writer_options *opts, int *err,
					 char *msg, size_t msg_size)
{
	struct strtrc_writer *const w = calloc(1, sizeof(*w));
	int e = -ENOMEM;
	if (!w)
		goto fail_nomem;
	w->fd = fd;
	w->own_fd = own_fd;
	w->frame_size = opts && opts->frame_size ? opts->frame_size : DEFAULT_FRAME_SIZE;
	w->flush_interval_ns =
	    opts && opts->flush_interval_ns ? opts->flush_interval_ns : DEFAULT_FLUSH_INTERVAL;
	const int level = opts && opts->level ? opts->level : DEFAULT_LEVEL;
	w->out_cap = ZSTD_CStreamOutSize();
	w->out = malloc(w->out_cap);
	w->cctx = strtrc_zstd_cctx_new();
	if (!w->out || !w->cctx || reserve(w, BATCH_SIZE * 2) < 0)
		goto fail_nomem;
	size_t zr = ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel, level);
	if (!ZSTD_isError(zr))
		zr = ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_windowLog, WINDOW_LOG);
	if (!ZSTD_isError(zr))
		/* Lets the reader notice corruption at the end of each frame. */
		zr = ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_checksumFlag, 1);
	if (ZSTD_isError(zr)) {
		e = -EINVAL;
		if (msg && msg_size)
			snprintf(msg, msg_size, "zstd level %d: %s", level, ZSTD_getErrorName(zr));
		goto fail;
	}
	/* The magic skippable frame (FORMAT.md "Magic"). */
	uint8_t magic[STRTRC_MAGIC_FRAME_SIZE];
	strtrc_put_le32(magic, STRTRC_SKIPPABLE_MAGIC);
	strtrc_put_le32(magic + 4, STRTRC_MAGIC_PAYLOAD_SIZE);
	memcpy(magic + 8, STRTRC_MAGIC_TEXT, 8);
	strtrc_put_le16(magic + 16, STRTRC_FORMAT_VERSION);
	strtrc_put_le16(magic + 18, 0);
	if (write_all(w, magic, sizeof(magic)) < 0) {
		e = w->err;
		if (msg && msg_size)
			snprintf(msg, msg_size, "%s", w->msg);
		goto fail;
	}
	w->last_flush_ns = now_mono();
	return w;

fail_nomem:
	if (msg && msg_size)
		snprintf(msg, msg_size, "out of memory");
fail:
	if (w) {
		ZSTD_freeCCtx(w->cctx);
		free(w->out);
		free(w->buf);
		free(w);
	}
	if (err)
		*err = e;
	return NULL;
}

struct strtrc_writer *strtrc_writer_open_path(const char *path,
					      const struct strtrc_writer_options *opts, int *err,
					      char *msg, size_t msg_size)
{
	assert(path);
	const int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		const int e = errno;
		if (err)
			*err = -e;
		if (msg && msg_size)
			snprintf(msg, msg_size, "%s: %s", path, strerror(e));
		return NULL;
	}
	/* Traces hold argv, env and memory: an existing file keeps its mode
	 * under O_TRUNC, so narrow it. Best effort (may not be ours). */
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077))
		(void)fchmod(fd, 0600);
	struct strtrc_writer *const w = open_common(fd, true, opts, err, msg, msg_size);
	if (!w)
		close(fd);
	return w;
}

struct strtrc_writer *strtrc_writer_open_fd(int fd, const struct strtrc_writer_options *opts,
					    int *err, char *msg, size_t msg_size)
{
	assert(fd >= 0);
	return open_common(fd, false, opts, err, msg, msg_size);
}

/* Bookkeeping after a record went into w->buf: frame index, frame end,
 * batching. */
static int appended(struct strtrc_writer *w, size_t size, uint64_t ts)
{
	if (!w->frame_open) {
		if (w->nindex == w->index_cap) {
			const size_t cap = w->index_cap ? w->index_cap * 2 : 64;
			struct index_entry *const ni = realloc(w->index, cap * sizeof(*ni));
			if (!ni)
				return fail(w, -ENOMEM, "out of memory for the frame index");
			w->index = ni;
			w->index_cap = cap;
		}
		/* Everything before was written out by the ZSTD_e_end of
		 * the previous frame, so bytes_out is this frame's offset. */
		w->index[w->nindex++] = (struct index_entry){w->bytes_out, ts};
		w->frame_open = true;
	}
	w->frame_in += size;
	w->dirty = true;
	if (w->frame_in >= w->frame_size)
		return push(w, ZSTD_e_end);
	if (w->len >= BATCH_SIZE)
		return push(w, ZSTD_e_continue);
	return 0;
}

static size_t text_size(const char *s)
{
	return s ? HEAD_MAX + strlen(s) : 0;
}

static size_t argv_size(size_t n, const char *const *v)
{
	size_t s = HEAD_MAX;
	for (size_t i = 0; i < n; i++)
		s += text_size(v[i]);
	return s;
}

/* Counts then encodes the header map: absent strings are left out. */
static void put_header_map(struct strtrc_writer *w, const struct strtrc_header *h, bool count_only,
			   size_t *count)
{
	size_t n = 0;
#define KEY(k) (n++, count_only ? (void)0 : put_text(w, k))
#define TEXT(k, v)                                                                                 \
	do {                                                                                       \
		if (v) {                                                                           \
			KEY(k);                                                                    \
			if (!count_only)                                                           \
				put_text(w, v);                                                    \
		}                                                                                  \
	} while (0)
#define ARGV(k, c, v)                                                                              \
	do {                                                                                       \
		KEY(k);                                                                            \
		if (!count_only) {                                                                 \
			put_array(w, c);                                                           \
			for (size_t i = 0; i < (c); i++)                                           \
				put_text(w, (v)[i] ? (v)[i] : "");                                 \
		}                                                                                  \
	} while (0)
#define VAL(k, put, v)                                                                             \
	do {                                                                                       \
		KEY(k);                                                                            \
		if (!count_only)                                                                   \
			put(w, v);                                                                 \
	} while (0)
	VAL("format", put_uint, STRTRC_FORMAT_VERSION);
	TEXT("writer", h->writer);
	TEXT("arch", h->arch);
	TEXT("backend", h->backend);
	TEXT("kernel", h->kernel);
	TEXT("hostname", h->hostname);
	TEXT("cwd", h->cwd);
	ARGV("recorder_argv", h->recorder_argc, h->recorder_argv);
	ARGV("command", h->command_argc, h->command_argv);
	if (h->env_recorded)
		ARGV("env", h->envc, h->envp);
	VAL("env_recorded", put_bool, h->env_recorded);
	VAL("uid", put_uint, h->uid);
	VAL("gid", put_uint, h->gid);
	VAL("page_size", put_uint, h->page_size);
	VAL("start_realtime_ns", put_int, h->start_realtime_ns);
	VAL("start_monotonic_ns", put_uint, h->start_monotonic_ns);
	VAL("capture_size", put_uint, h->capture_size);
	VAL("follow_forks", put_bool, h->follow_forks);
	VAL("attached", put_bool, h->attached);
	TEXT("filter", h->filter);
	if (h->pid_ns) {
		VAL("pid_ns", put_uint, h->pid_ns);
		VAL("pid_ns_level", put_uint, h->pid_ns_level);
	}
	KEY("pids");
	if (!count_only) {
		put_array(w, h->npids);
		for (size_t i = 0; i < h->npids; i++)
			put_uint(w, h->pids[i]);
	}
	if (h->scrubbed) {
		const struct strtrc_scrub *const sc = &h->scrub;
		KEY("scrubbed");
		if (!count_only) {
			put_map(w, sc->tool ? 7 : 6);
			if (sc->tool) {
				put_text(w, "tool");
				put_text(w, sc->tool);
			}
			put_text(w, "buffers");
			put_bool(w, sc->buffers);
			put_text(w, "argv");
			put_bool(w, sc->argv);
			put_text(w, "env");
			put_bool(w, sc->env);
			put_text(w, "hostname");
			put_bool(w, sc->hostname);
			put_text(w, "mask_paths");
			put_array(w, sc->nmasks);
			for (size_t i = 0; i < sc->nmasks; i++)
				put_text(w, sc->masks[i]);
			put_text(w, "dropped_pids");
			put_array(w, sc->ndropped);
			for (size_t i = 0; i < sc->ndropped; i++)
				put_uint(w, sc->dropped_pids[i]);
		}
	}
#undef KEY
#undef TEXT
#undef ARGV
#undef VAL
	*count = n;
}

int strtrc_write_header(struct strtrc_writer *w, const struct strtrc_header *h)
{
	assert(w && h);
	if (w->err)
		return w->err;
	if (w->header_written)
		return fail(w, -EINVAL, "the header was already written");
	assert(!h->recorder_argc || h->recorder_argv);
	assert(!h->command_argc || h->command_argv);
	assert(!h->envc || h->envp || !h->env_recorded);
	assert(!h->npids || h->pids);
	size_t size = 64 * HEAD_MAX + 400 /* keys */ + text_size(h->writer) + text_size(h->arch) +
		      text_size(h->backend) + text_size(h->kernel) + text_size(h->hostname) +
		      text_size(h->cwd) + text_size(h->filter) +
		      argv_size(h->recorder_argc, h->recorder_argv) +
		      argv_size(h->command_argc, h->command_argv) + h->npids * HEAD_MAX;
	if (h->env_recorded)
		size += argv_size(h->envc, h->envp);
	if (h->scrubbed)
		size += 16 * HEAD_MAX + 80 + text_size(h->scrub.tool) +
			argv_size(h->scrub.nmasks, h->scrub.masks) + h->scrub.ndropped * HEAD_MAX;
	const int r = reserve(w, size);
	if (r < 0)
		return r;
	const size_t start = w->len;
	size_t count;
	put_header_map(w, h, true, &count);
	put_array(w, 2);
	put_uint(w, STRTRC_HEADER);
	const size_t n = cbor_encode_map_start(count, w->buf + w->len, w->cap - w->len);
	assert(n > 0);
	w->len += n;
	put_header_map(w, h, false, &count);
	assert(w->len - start <= size);
	w->header_written = true;
	w->start_mono = h->start_monotonic_ns;
	const int a = appended(w, w->len - start, 0);
	if (a < 0)
		return a;
	/* Get the header to disk now: a trace killed early still says what
	 * it is. */
	return strtrc_writer_flush(w);
}

static size_t record_bound(const struct strtrc_record *rec)
{
	size_t s = 16 * HEAD_MAX;
	switch (rec->kind) {
	case STRTRC_MEMORY:
		s += rec->u.memory.data.len;
		break;
	case STRTRC_SIGNAL:
		s += rec->u.signal.siginfo.len;
		break;
	case STRTRC_EXEC:
		s += rec->u.exec.exe.len;
		break;
	case STRTRC_SNAPSHOT: {
		const struct strtrc_snapshot *const sn = &rec->u.snapshot;
		s += sn->ntids * HEAD_MAX + sn->comm.len + sn->exe.len + sn->cwd.len;
		for (size_t i = 0; i < sn->nfds; i++)
			s += 5 * HEAD_MAX + sn->fds[i].path.len;
		break;
	}
	case STRTRC_PIDNS:
		s += (rec->u.pidns.nparents + 4 * STRTRC_PIDNS_MAX) * HEAD_MAX;
		break;
	default:
		break;
	}
	return s;
}

static void put_record(struct strtrc_writer *w, const struct strtrc_record *rec, uint64_t dts)
{
	/* fields appended since: the ip of signals, group stops and execs */
	const bool appended_ip = (rec->kind == STRTRC_SIGNAL && rec->u.signal.has_ip) ||
				 (rec->kind == STRTRC_GROUP_STOP && rec->u.group_stop.has_ip) ||
				 (rec->kind == STRTRC_EXEC && rec->u.exec.has_ip);
	put_array(w, STRTRC_RECORD_HEAD + strtrc_record_fields[rec->kind] + appended_ip);
	put_uint(w, rec->kind);
	put_uint(w, rec->kind == STRTRC_SNAPSHOT ? rec->u.snapshot.pid : rec->tid);
	put_uint(w, dts);
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY: {
		const struct strtrc_syscall_entry *const e = &rec->u.entry;
		put_uint(w, e->arch);
		put_uint(w, e->nr);
		put_array(w, 6);
		for (int i = 0; i < 6; i++)
			put_uint(w, e->args[i]);
		put_uint(w, e->ip);
		put_uint(w, e->sp);
		break;
	}
	case STRTRC_SYSCALL_EXIT:
		put_int(w, rec->u.exit.rval);
		put_bool(w, rec->u.exit.is_error);
		break;
	case STRTRC_MEMORY: {
		const struct strtrc_memory *const m = &rec->u.memory;
		put_uint(w, m->stop);
		put_uint(w, m->arg);
		put_uint(w, m->item);
		put_uint(w, m->flags);
		put_uint(w, m->addr);
		put_uint(w, m->full_len);
		put_bytes(w, m->data.data, m->data.len);
		break;
	}
	case STRTRC_SIGNAL:
		put_int(w, rec->u.signal.signo);
		put_bytes(w, rec->u.signal.siginfo.data, rec->u.signal.siginfo.len);
		if (rec->u.signal.has_ip)
			put_uint(w, rec->u.signal.ip);
		break;
	case STRTRC_GROUP_STOP:
		put_int(w, rec->u.group_stop.signo);
		if (rec->u.group_stop.has_ip)
			put_uint(w, rec->u.group_stop.ip);
		break;
	case STRTRC_SPAWN:
		put_uint(w, rec->u.spawn.new_tid);
		put_uint(w, rec->u.spawn.how);
		put_uint(w, rec->u.spawn.clone_flags);
		break;
	case STRTRC_EXEC:
		put_uint(w, rec->u.exec.former_tid);
		put_bytes(w, rec->u.exec.exe.data, rec->u.exec.exe.len);
		if (rec->u.exec.has_ip)
			put_uint(w, rec->u.exec.ip);
		break;
	case STRTRC_EXIT:
		put_int(w, rec->u.task_exit.wait_status);
		break;
	case STRTRC_DETACH:
		break;
	case STRTRC_SNAPSHOT: {
		const struct strtrc_snapshot *const sn = &rec->u.snapshot;
		put_uint(w, sn->ppid);
		put_array(w, sn->ntids);
		for (size_t i = 0; i < sn->ntids; i++)
			put_uint(w, sn->tids[i]);
		put_bytes(w, sn->comm.data, sn->comm.len);
		put_bytes(w, sn->exe.data, sn->exe.len);
		put_bytes(w, sn->cwd.data, sn->cwd.len);
		put_array(w, sn->nfds);
		for (size_t i = 0; i < sn->nfds; i++) {
			/* a device's type and number appended (readers of [fd,
			 * path] entries skip them) */
			const bool dev = sn->fds[i].dev_type != 0;
			put_array(w, dev ? 4 : 2);
			put_int(w, sn->fds[i].fd);
			put_bytes(w, sn->fds[i].path.data, sn->fds[i].path.len);
			if (dev) {
				put_uint(w, sn->fds[i].dev_type);
				put_uint(w, sn->fds[i].rdev);
			}
		}
		break;
	}
	case STRTRC_END:
		put_uint(w, rec->u.end.records);
		put_uint(w, rec->u.end.lost);
		break;
	case STRTRC_LOSS:
		put_uint(w, rec->u.loss.count);
		break;
	case STRTRC_PIDNS: {
		const struct strtrc_pidns *const p = &rec->u.pidns;
		put_uint(w, p->ns);
		put_array(w, p->nparents);
		for (size_t i = 0; i < p->nparents; i++)
			put_uint(w, p->parents[i]);
		for (int t = 0; t < STRTRC_PID_TYPES; t++) {
			put_array(w, p->nids[t]);
			for (size_t i = 0; i < p->nids[t]; i++)
				put_uint(w, p->ids[t][i]);
		}
		break;
	}
	default:
		assert(!"unreachable");
	}
}

static int write_record(struct strtrc_writer *w, const struct strtrc_record *rec)
{
	const int r = reserve(w, record_bound(rec));
	if (r < 0)
		return r;
	/* Timestamps are stored as unsigned deltas: one going backwards
	 * (should not happen with one monotonic clock) is clamped. */
	const uint64_t ts = rec->ts_ns > w->prev_ts ? rec->ts_ns : w->prev_ts;
	const size_t start = w->len;
	put_record(w, rec, ts - w->prev_ts);
	w->prev_ts = ts;
	return appended(w, w->len - start, ts);
}

int strtrc_write(struct strtrc_writer *w, const struct strtrc_record *rec)
{
	assert(w && rec);
	if (w->err)
		return w->err;
	if (!w->header_written)
		return fail(w, -EINVAL, "a record before the header");
	if (rec->kind <= STRTRC_HEADER || rec->kind == STRTRC_END || rec->kind >= STRTRC_KIND_COUNT)
		return fail(w, -EINVAL, "strtrc_write: bad record kind %d", (int)rec->kind);
	assert(rec->kind != STRTRC_SNAPSHOT || !rec->u.snapshot.ntids || rec->u.snapshot.tids);
	assert(rec->kind != STRTRC_SNAPSHOT || !rec->u.snapshot.nfds || rec->u.snapshot.fds);
	if (rec->kind == STRTRC_PIDNS) {
		const struct strtrc_pidns *const p = &rec->u.pidns;
		bool ok = p->nparents <= STRTRC_PIDNS_MAX;
		for (int t = 0; t < STRTRC_PID_TYPES; t++)
			ok = ok && p->nids[t] <= STRTRC_PIDNS_MAX;
		if (!ok)
			return fail(w, -EINVAL,
				    "strtrc_write: a pid namespace list of more than %u",
				    STRTRC_PIDNS_MAX);
	}
	const int r = write_record(w, rec);
	if (r == 0)
		w->records++;
	return r;
}

int strtrc_writer_flush(struct strtrc_writer *w)
{
	assert(w);
	if (w->err)
		return w->err;
	if (!w->dirty)
		return 0;
	return push(w, ZSTD_e_flush);
}

int strtrc_writer_tick(struct strtrc_writer *w, uint64_t now_ns)
{
	assert(w);
	if (w->err)
		return w->err;
	if (!w->dirty || now_ns <= w->last_flush_ns ||
	    now_ns - w->last_flush_ns < w->flush_interval_ns)
		return 0;
	return push(w, ZSTD_e_flush);
}

/* The index skippable frame (FORMAT.md "Index"). */
static int write_index(struct strtrc_writer *w)
{
	assert(w->len == 0);
	int r = reserve(w, 8 + HEAD_MAX + w->nindex * (1 + 2 * HEAD_MAX) + 4);
	if (r < 0)
		return r;
	w->len = 8;
	put_array(w, w->nindex);
	for (size_t i = 0; i < w->nindex; i++) {
		put_array(w, 2);
		put_uint(w, w->index[i].offset);
		put_uint(w, w->index[i].ts_ns);
	}
	w->len += 4;
	if (w->len > UINT32_MAX)
		return 0; /* absurdly many frames: the index is optional */
	strtrc_put_le32(w->buf, STRTRC_INDEX_MAGIC);
	strtrc_put_le32(w->buf + 4, (uint32_t)(w->len - 8));
	strtrc_put_le32(w->buf + w->len - 4, (uint32_t)w->len);
	r = write_all(w, w->buf, w->len);
	w->len = 0;
	return r;
}

int strtrc_writer_close(struct strtrc_writer *w, uint64_t lost)
{
	assert(w);
	int r = w->err;
	if (!r && !w->header_written)
		r = fail(w, -EINVAL, "closing a trace without a header");
	if (!r) {
		struct strtrc_record end = {.kind = STRTRC_END, .tid = 0};
		const uint64_t now = now_mono();
		end.ts_ns = now > w->start_mono ? now - w->start_mono : 0;
		end.u.end.records = w->records;
		end.u.end.lost = lost;
		r = write_record(w, &end);
	}
	if (!r && w->frame_open)
		r = push(w, ZSTD_e_end);
	/* The index is for seeking: a pipe cannot seek, and its reader may
	 * already be gone once it has read the END record. */
	if (!r && lseek(w->fd, 0, SEEK_CUR) >= 0)
		r = write_index(w);
	if (w->own_fd && close(w->fd) < 0 && !r) {
		const int e = errno;
		r = fail(w, -e, "close: %s", strerror(e));
	}
	w->own_fd = false;
	strtrc_writer_abandon(w);
	return r;
}

void strtrc_writer_abandon(struct strtrc_writer *w)
{
	if (!w)
		return;
	if (w->own_fd)
		close(w->fd);
	ZSTD_freeCCtx(w->cctx);
	free(w->buf);
	free(w->out);
	free(w->index);
	free(w);
}

const char *strtrc_writer_error(const struct strtrc_writer *w)
{
	assert(w);
	return w->err ? w->msg : NULL;
}

uint64_t strtrc_writer_records(const struct strtrc_writer *w)
{
	assert(w);
	return w->records;
}

uint64_t strtrc_writer_bytes_out(const struct strtrc_writer *w)
{
	assert(w);
	return w->bytes_out;
}

const char *strtrc_kind_name(enum strtrc_kind kind)
{
	static const char *const names[STRTRC_KIND_COUNT] = {
	    [STRTRC_HEADER] = "header",
	    [STRTRC_SYSCALL_ENTRY] = "syscall_entry",
	    [STRTRC_SYSCALL_EXIT] = "syscall_exit",
	    [STRTRC_MEMORY] = "memory",
	    [STRTRC_SIGNAL] = "signal",
	    [STRTRC_GROUP_STOP] = "group_stop",
	    [STRTRC_SPAWN] = "spawn",
	    [STRTRC_EXEC] = "exec",
	    [STRTRC_EXIT] = "exit",
	    [STRTRC_DETACH] = "detach",
	    [STRTRC_SNAPSHOT] = "snapshot",
	    [STRTRC_END] = "end",
	    [STRTRC_LOSS] = "loss",
	    [STRTRC_PIDNS] = "pidns",
	};
	if ((unsigned)kind < STRTRC_KIND_COUNT)
		return names[kind];
	return "unknown";
}
