/* What strec says about a recording, in one style: the --progress status
 * line on stderr (redrawn from the engine loop at the flush period, 250 ms,
 * erased before the summary), the summary, and sizes, always in binary units
 * with one decimal (812 B, 7.7 KiB, 12.3 MiB). */
#include "recorder.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

void rec_format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
	if (bytes < 1024) {
		snprintf(buf, size, "%llu B", (unsigned long long)bytes);
		return;
	}
	double value = (double)bytes / 1024;
	size_t unit = 0;
	/* 1023.96 KiB would print as "1024.0 KiB" */
	while (value >= 1024 - 0.05 && unit + 1 < STREC_ARRAY_SIZE(units)) {
		value /= 1024;
		unit++;
	}
	snprintf(buf, size, "%.1f %s", value, units[unit]);
}

const char *rec_plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void rec_progress_show(const struct recorder *rec)
{
	char size[32];
	rec_format_size(strtrc_writer_bytes_out(rec->writer), size, sizeof(size));
	const uint64_t events = strtrc_writer_records(rec->writer);
	const struct rec_stats *const st = &rec->stats;
	fprintf(stderr, "\rstrec: %llu %s, %llu %s, %llu %s, %s\033[K", (unsigned long long)events,
		rec_plural(events, "event", "events"), (unsigned long long)st->syscalls,
		rec_plural(st->syscalls, "syscall", "syscalls"), (unsigned long long)st->processes,
		rec_plural(st->processes, "process", "processes"), size);
	fflush(stderr);
}

void rec_progress_end(void)
{
	fputs("\r\033[K", stderr);
	fflush(stderr);
}

void rec_print_summary(const struct recorder *rec, const char *output, uint64_t bytes)
{
	const double seconds = (double)(strec_monotonic_ns() - rec->start_ns) / 1e9;
	char size[32];
	rec_format_size(bytes, size, sizeof(size));
	const struct rec_stats *const st = &rec->stats;
	fprintf(stderr, "strec: %s: %s, %llu %s, %llu %s, %llu %s, %llu %s, %.2f s\n",
		strcmp(output, "-") == 0 ? "<stdout>" : output, size,
		(unsigned long long)st->syscalls, rec_plural(st->syscalls, "syscall", "syscalls"),
		(unsigned long long)st->processes,
		rec_plural(st->processes, "process", "processes"), (unsigned long long)st->threads,
		rec_plural(st->threads, "thread", "threads"), (unsigned long long)st->signals,
		rec_plural(st->signals, "signal", "signals"), seconds);
}
