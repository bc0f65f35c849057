/* Makes a big trace out of a real one, for memory measurements at sizes a
 * benchmark run cannot record in reasonable time:
 *   trc_repeat IN OUT K
 * writes IN's header, its syscall entry, exit and memory records K times
 * over (timestamps keep going forward), then its other records once. */
#include "strtrc.h"

#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, const char *msg)
{
	fprintf(stderr, "trc_repeat: %s: %s\n", what, msg);
	return 1;
}

static bool is_call_record(enum strtrc_kind kind)
{
	return kind == STRTRC_SYSCALL_ENTRY || kind == STRTRC_SYSCALL_EXIT || kind == STRTRC_MEMORY;
}

/* Copies IN's records to w: the call records (calls true) or the others. */
static int copy(const char *in, struct strtrc_writer *w, bool calls, uint64_t *ts)
{
	int err = 0;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_path(in, &err, msg, sizeof(msg));
	if (!r)
		return fail(in, msg);
	struct strtrc_record rec;
	uint64_t first = 0, last = 0;
	int k;
	while ((k = strtrc_reader_next(r, &rec)) == 1) {
		if (!first) {
			first = rec.ts_ns;
			if (!*ts)
				*ts = first;
		}
		last = rec.ts_ns;
		if (is_call_record(rec.kind) != calls || rec.kind == STRTRC_END)
			continue;
		rec.ts_ns = *ts + (rec.ts_ns - first);
		if (strtrc_write(w, &rec) < 0) {
			strtrc_reader_close(r);
			return fail("write", strtrc_writer_error(w));
		}
	}
	if (k < 0) {
		const int rc = fail(in, strtrc_reader_error(r));
		strtrc_reader_close(r);
		return rc;
	}
	*ts += last - first + 1;
	strtrc_reader_close(r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4 || atol(argv[3]) < 1) {
		fputs("usage: trc_repeat IN OUT K\n", stderr);
		return 2;
	}
	const long times = atol(argv[3]);
	int err = 0;
	char msg[256];
	struct strtrc_reader *const r = strtrc_reader_open_path(argv[1], &err, msg, sizeof(msg));
	if (!r)
		return fail(argv[1], msg);
	struct strtrc_writer *const w =
	    strtrc_writer_open_path(argv[2], NULL, &err, msg, sizeof(msg));
	if (!w)
		return fail(argv[2], msg);
	if (strtrc_write_header(w, strtrc_reader_header(r)) < 0)
		return fail("write", strtrc_writer_error(w));
	strtrc_reader_close(r);
	uint64_t ts = 0; /* 0: start where IN starts */
	for (long i = 0; i < times; i++) {
		if (copy(argv[1], w, true, &ts))
			return 1;
	}
	if (copy(argv[1], w, false, &ts))
		return 1;
	if (strtrc_writer_close(w, 0) < 0)
		return fail(argv[2], "could not finish the trace");
	return 0;
}
