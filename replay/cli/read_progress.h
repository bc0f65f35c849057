/* A progress line on stderr for strep and strstat reading a trace: bytes
 * read / file size, redrawn at most 4 times a second, only when stderr is a
 * terminal, erased at the end. Tool code (it prints), not in the library. */
#ifndef STREC_REPLAY_PROGRESS_H
#define STREC_REPLAY_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct rp_progress {
	const char *tool;
	bool on;
	bool shown;	  /* a line is on the terminal */
	unsigned calls;	  /* the clock is read every few calls only */
	uint64_t total;	  /* file size, 0 when unknown (a pipe) */
	uint64_t next_ns; /* CLOCK_MONOTONIC of the next redraw */
};

/* path: the trace file ("-" for stdin). */
void rp_progress_start(struct rp_progress *p, const char *tool, const char *path);
/* bytes: strtrc_reader_bytes_in(). Cheap when nothing is to be drawn. */
void rp_progress_update(struct rp_progress *p, uint64_t bytes);
/* Erases the line (before the tool prints to a terminal or exits). */
void rp_progress_end(struct rp_progress *p);

#endif
