/* strep --format=perfetto: the trace as Chrome trace-event JSON, which
 * ui.perfetto.dev and chrome://tracing open. Streamed: rp_perfetto_begin,
 * then rp_perfetto_event for each selected event, then rp_perfetto_end; each
 * appends its text to out, which the caller writes. Memory grows with the
 * number of tasks, not of events. */
#ifndef STREC_REPLAY_PRINT_PERFETTO_H
#define STREC_REPLAY_PRINT_PERFETTO_H

#include "replay.h"

struct rp_perfetto;

/* print: -s, -x, -y, -v apply to the decoded text in each slice's args. */
struct rp_perfetto *rp_perfetto_new(const struct rp_print_opts *print, const struct rp_session *s,
				    const struct strtrc_header *h);
void rp_perfetto_free(struct rp_perfetto *pf);
void rp_perfetto_begin(struct rp_perfetto *pf, struct rp_buf *out);
void rp_perfetto_event(struct rp_perfetto *pf, const struct rp_event *ev, struct rp_buf *out);
void rp_perfetto_end(struct rp_perfetto *pf, struct rp_buf *out);

#endif
