/* The seccomp-bpf prefilter for spawned commands with a record-time filter:
 * selected syscalls (and the process lifecycle, and the calls that may
 * install a filter of the program's own) stop the tracee with
 * SECCOMP_RET_TRACE, all others run without a single ptrace stop. */
#include "recorder.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int rec_seccomp_install(const struct strec_filter *filter, char *msg, size_t msg_size)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		snprintf(msg, msg_size, "seccomp_init failed");
		return -ENOMEM;
	}
	int rc = 0;
	/* i386 calls of a 64-bit process are not in the filter's arch list:
	 * they all stop, and the loop filters them. */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRACE(REC_SECCOMP_TAG));
	/* Root needs no no_new_privs, which would change setuid programs. */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, geteuid() != 0);
	const struct sc_table *const table = &sc_table_x86_64;
	for (unsigned nr = 0; rc == 0 && nr < table->count; nr++) {
		const struct sc_desc *const desc = sc_lookup(table, nr);
		if (!desc)
			continue;
		if (!(desc->classes &
		      (SC_CLASS_LIFECYCLE | SC_CLASS_SECCOMP | SC_CLASS_SETS_PGRP)) &&
		    !strec_filter_match(filter, SC_AUDIT_ARCH_X86_64, nr))
			continue;
		rc = seccomp_rule_add(ctx, SCMP_ACT_TRACE(REC_SECCOMP_TAG), (int)nr, 0);
		if (rc == -EDOM || rc == -EINVAL)
			rc = 0; /* a number this libseccomp does not know: it cannot be filtered */
	}
	if (rc == 0)
		rc = seccomp_load(ctx);
	if (rc < 0)
		snprintf(msg, msg_size, "cannot install the seccomp filter: %s", strerror(-rc));
	seccomp_release(ctx);
	return rc;
}
