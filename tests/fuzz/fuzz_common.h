/* Shared by the reader fuzz targets: feed a trace file through a memfd to
 * strtrc_reader_open_fd and read every record, checking the API contract. */
#ifndef STREC_TESTS_FUZZ_COMMON_H
#define STREC_TESTS_FUZZ_COMMON_H

#include "strtrc.h"
#include "strtrc_internal.h"

#include <stdbool.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <zstd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int input_fd(const uint8_t *data, size_t size)
{
	/* One memfd reused across inputs: cheap and no file system. */
	static int fd = -1;
	if (fd < 0)
		fd = memfd_create("fuzz-trace", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 0) < 0)
		abort();
	size_t off = 0;
	while (off < size) {
		const ssize_t k = pwrite(fd, data + off, size - off, (off_t)off);
		if (k <= 0)
			abort();
		off += (size_t)k;
	}
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

/* ZSTD_compress with one context for the process: a new one per input
 * costs more than the rest of a small input's run. */
__attribute__((unused)) static size_t compress_once(void *dst, size_t cap, const void *src,
						    size_t size, int level)
{
	static ZSTD_CCtx *cctx;
	if (!cctx && !(cctx = ZSTD_createCCtx()))
		abort();
	return ZSTD_compressCCtx(cctx, dst, cap, src, size, level);
}

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull; /* FNV-1a */
	return h;
}

static uint64_t mix_bytes(uint64_t h, const struct strtrc_bytes *b)
{
	h = mix(h, &b->len, sizeof(b->len));
	return b->len ? mix(h, b->data, b->len) : h;
}

/* A digest of what a record says (the pointers' bytes, not the pointers). */
static uint64_t record_digest(uint64_t h, const struct strtrc_record *rec)
{
	h = mix(h, &rec->kind, sizeof(rec->kind));
	h = mix(h, &rec->tid, sizeof(rec->tid));
	h = mix(h, &rec->ts_ns, sizeof(rec->ts_ns));
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY: {
		/* field by field: padding is no part of what a record says */
		const struct strtrc_syscall_entry *e = &rec->u.entry;
		const uint64_t f[] = {e->arch, e->nr, e->ip, e->sp};
		return mix(mix(h, f, sizeof(f)), e->args, sizeof(e->args));
	}
	case STRTRC_SYSCALL_EXIT:
		h = mix(h, &rec->u.exit.rval, sizeof(rec->u.exit.rval));
		return mix(h, &rec->u.exit.is_error, sizeof(rec->u.exit.is_error));
	case STRTRC_MEMORY: {
		const struct strtrc_memory *m = &rec->u.memory;
		const uint64_t f[] = {m->stop, m->arg, m->item, m->flags, m->addr, m->full_len};
		return mix_bytes(mix(h, f, sizeof(f)), &m->data);
	}
	case STRTRC_SIGNAL:
		h = mix(h, &rec->u.signal.signo, sizeof(rec->u.signal.signo));
		return mix_bytes(h, &rec->u.signal.siginfo);
	case STRTRC_EXEC:
		return mix_bytes(h, &rec->u.exec.exe);
	case STRTRC_SNAPSHOT:
		for (size_t i = 0; i < rec->u.snapshot.ntids; i++)
			h = mix(h, &rec->u.snapshot.tids[i], sizeof(rec->u.snapshot.tids[i]));
		for (size_t i = 0; i < rec->u.snapshot.nfds; i++)
			h = mix_bytes(h, &rec->u.snapshot.fds[i].path);
		return h;
	default:
		return h;
	}
}

/* Reads a whole trace file given as bytes; aborts on broken contracts.
 * fast: whether the reader may take its fast path for common records;
 * ahead: whether it decompresses ahead in its thread. Returns a digest of
 * the records read and how the reading ended. */
static uint64_t read_trace_as(const uint8_t *data, size_t size, bool fast, bool ahead)
{
	const int fd = input_fd(data, size);
	int err = 0;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	if (!r) {
		/* Failure always comes with an errno and a message. */
		if (err >= 0 || !memchr(msg, '\0', sizeof(msg)) || !msg[0])
			abort();
		return mix(0, msg, strlen(msg));
	}
	strtrc_reader_set_fast_path(r, fast);
	if (ahead && strtrc_reader_readahead(r) != 0) /* a memfd is a regular file */
		abort();
	const struct strtrc_header *const h = strtrc_reader_header(r);
	for (size_t i = 0; i < h->recorder_argc; i++)
		if (!h->recorder_argv[i])
			abort();
	struct strtrc_record rec;
	int k;
	uint64_t digest = 0xcbf29ce484222325ull;
	/* record_digest touches every byte a record points at: ASan finds
	 * bad pointers */
	while ((k = strtrc_reader_next(r, &rec)) == 1)
		digest = record_digest(digest, &rec);
	if (k < 0 && !strtrc_reader_error(r))
		abort();
	if (k == 0 && !strtrc_reader_complete(r) && !strtrc_reader_warning(r))
		abort();
	digest = mix(digest, &k, sizeof(k));
	const char *const e = strtrc_reader_error(r);
	if (e)
		digest = mix(digest, e, strlen(e));
	strtrc_reader_close(r);
	return digest;
}

/* Reads the trace with the reader's fast path and without, and with
 * read-ahead: all must read the same records and end the same way. */
__attribute__((unused)) static void read_trace(const uint8_t *data, size_t size)
{
	const uint64_t fast = read_trace_as(data, size, true, false);
	if (fast != read_trace_as(data, size, false, false) ||
	    fast != read_trace_as(data, size, true, true))
		abort();
}

#endif
