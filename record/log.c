/* The engine's log on stderr (STREC_LOG=info|debug or -d): for debugging
 * strec itself and odd tracees. */
#include "recorder.h"

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

enum rec_log_level rec_log_level = REC_LOG_OFF;

void rec_log(enum rec_log_level level, const char *fmt, ...)
{
	static uint64_t start;
	const uint64_t now = strec_monotonic_ns();
	if (!start)
		start = now;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "strec: %s %6.3f %s\n", level == REC_LOG_DEBUG ? "debug" : "info ",
		(double)(now - start) / 1e9, line);
}
