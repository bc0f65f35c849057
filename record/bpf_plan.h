/* The BPF engine's capture plan: common's syscall table, the record-time
 * filter and the capture limits turned into the maps the BPF program reads
 * (record/bpf/strec_bpf.h). Plain data, no libbpf: built and tested
 * everywhere. */
#ifndef STREC_RECORD_BPF_PLAN_H
#define STREC_RECORD_BPF_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "bpf/strec_bpf.h"
#include "filter.h"
#include "syscall_table.h"

struct rec_bpf_plan {
	struct sb_syscall_plan syscalls[SB_MAX_NR];
	struct sb_cond_plan conds[SB_MAX_CONDS];
	unsigned nconds;
	bool record_unknown; /* numbers past the plan are recorded (no filter) */
};

/* Fills plan for x86_64 (and the i386 filter bits) from the syscall table,
 * capturing up to capture_size bytes per buffer. 0, or -E2BIG with a
 * message when the table outgrows the plan's fixed sizes. */
int rec_bpf_plan_build(struct rec_bpf_plan *plan, const struct strec_filter *filter,
		       uint32_t capture_size, char *msg, size_t msg_size);

/* The plan of one argument as the ptrace engine captures it (capture.c):
 * strvecs_before counts the string vectors before it in the call (the
 * second one is the environment). */
struct sb_arg_plan rec_bpf_arg_plan(const struct sc_arg *arg, unsigned strvecs_before,
				    uint32_t capture_size);

#endif
