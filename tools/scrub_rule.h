/* What strscrub does to a memory record: the one home of the rule, which
 * strscrub applies when it writes a copy and strdiff when it compares a
 * trace with a scrubbed one (so that buffers read alike on both sides). */
#ifndef STREC_TOOLS_SCRUB_RULE_H
#define STREC_TOOLS_SCRUB_RULE_H

#include "strtrc.h"

#include <stdbool.h>
#include <stdint.h>

enum scrub_action {
	SCRUB_KEEP, /* fixed-layout values: structures, arrays, addresses */
	SCRUB_DROP, /* buffers, other strings, unknown calls: the data goes */
	SCRUB_MASK, /* paths and argv/env strings: kept, or masked (--mask-paths) */
};

/* The call a task is in when a memory record comes (its entry's values). */
struct scrub_call {
	bool in_call;
	uint32_t arch;
	uint64_t nr;
	uint64_t args[6];
};

/* What becomes of m, a memory record of a task in call c (c->in_call
 * false: a stray record); argv and environment strings are dropped as
 * drop_argv and drop_env say. */
enum scrub_action scrub_mem_action(const struct scrub_call *c, const struct strtrc_memory *m,
				   bool drop_argv, bool drop_env);

/* Empties a record SCRUB_DROP decided on, as a scrubbed copy holds it. */
void scrub_mem_drop(struct strtrc_memory *m);

#endif
