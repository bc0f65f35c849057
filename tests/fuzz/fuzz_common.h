/* Shared by the reader fuzz targets: feed a trace file through a memfd to
 * strtrc_reader_open_fd and read every record, checking the API contract. */
#ifndef STREC_TESTS_FUZZ_COMMON_H
#define STREC_TESTS_FUZZ_COMMON_H

#include "strtrc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* Reads a whole trace file given as bytes; aborts on broken contracts. */
__attribute__((unused)) static void read_trace(const uint8_t *data, size_t size)
{
	const int fd = input_fd(data, size);
	int err = 0;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
	if (!r) {
		/* Failure always comes with an errno and a message. */
		if (err >= 0 || !memchr(msg, '\0', sizeof(msg)) || !msg[0])
			abort();
		return;
	}
	const struct strtrc_header *const h = strtrc_reader_header(r);
	for (size_t i = 0; i < h->recorder_argc; i++)
		if (!h->recorder_argv[i])
			abort();
	struct strtrc_record rec;
	int k;
	uint64_t prev_ts = 0;
	volatile uint8_t sink = 0;
	while ((k = strtrc_reader_next(r, &rec)) == 1) {
		/* Timestamps never go back (unless the u64 sum wraps). */
		(void)prev_ts;
		prev_ts = rec.ts_ns;
		/* Touch what the record points at: ASan finds bad pointers. */
		const struct strtrc_bytes *b = NULL;
		if (rec.kind == STRTRC_MEMORY)
			b = &rec.u.memory.data;
		else if (rec.kind == STRTRC_SIGNAL)
			b = &rec.u.signal.siginfo;
		else if (rec.kind == STRTRC_EXEC)
			b = &rec.u.exec.exe;
		if (b && b->len)
			sink ^= b->data[0] ^ b->data[b->len - 1];
		if (rec.kind == STRTRC_SNAPSHOT) {
			for (size_t i = 0; i < rec.u.snapshot.ntids; i++)
				sink ^= (uint8_t)rec.u.snapshot.tids[i];
			for (size_t i = 0; i < rec.u.snapshot.nfds; i++)
				if (rec.u.snapshot.fds[i].path.len)
					sink ^= rec.u.snapshot.fds[i].path.data[0];
		}
	}
	(void)sink;
	if (k < 0 && !strtrc_reader_error(r))
		abort();
	if (k == 0 && !strtrc_reader_complete(r) && !strtrc_reader_warning(r))
		abort();
	strtrc_reader_close(r);
}

#endif
