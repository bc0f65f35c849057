/* Opening a trace for decoding: the check every decoding tool needs. */
#include "replay.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct strtrc_reader *rp_trace_open(const char *path, int *err, char *msg, size_t msg_size)
{
	assert(path && err && msg);
	struct strtrc_reader *const r = strtrc_reader_open_path(path, err, msg, msg_size);
	if (!r)
		return NULL;
	const char *const arch = strtrc_reader_header(r)->arch;
	if (!sc_table_for_machine(arch)) {
		*err = -ENOTSUP;
		const char *const name = strcmp(path, "-") == 0 ? "stdin" : path;
		if (arch)
			snprintf(msg, msg_size,
				 "%s: recorded on %s, and only %s traces can be decoded", name,
				 arch, sc_table_x86_64.arch_name);
		else
			snprintf(msg, msg_size,
				 "%s: the header names no architecture, and only %s traces can be "
				 "decoded",
				 name, sc_table_x86_64.arch_name);
		strtrc_reader_close(r);
		return NULL;
	}
	(void)strtrc_reader_readahead(r); /* where it cannot run, reading goes on here */
	return r;
}
