/* strec --progress: a status line on stderr with what was recorded so far,
 * redrawn from the engine loop at the flush period (250 ms), erased before
 * the summary. */
#include "recorder.h"

#include <stdio.h>

void rec_progress_show(const struct recorder *rec)
{
	const uint64_t bytes = strtrc_writer_bytes_out(rec->writer);
	fprintf(stderr, "\rstrec: %llu events, %llu syscalls, %llu processes, %.1f MiB\033[K",
		(unsigned long long)strtrc_writer_records(rec->writer),
		(unsigned long long)rec->stats.syscalls, (unsigned long long)rec->stats.processes,
		(double)bytes / (1 << 20));
	fflush(stderr);
}

void rec_progress_end(void)
{
	fputs("\r\033[K", stderr);
	fflush(stderr);
}
