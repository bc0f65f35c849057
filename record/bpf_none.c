/* The BPF engine's entry points in a build without it (libbpf, bpftool or
 * clang were missing when strec was built): --backend=bpf says so, and
 * --backend=auto records with ptrace. */
#include "recorder.h"

#include <errno.h>
#include <stdio.h>

int rec_bpf_open(struct recorder *rec, char *msg, size_t msg_size)
{
	(void)rec;
	snprintf(msg, msg_size,
		 "this strec was built without the bpf engine (libbpf, bpftool or "
		 "clang were missing)");
	return -ENOTSUP;
}

int rec_bpf_start(struct recorder *rec, const char *command_path, char *const *env,
		  const struct rec_run_as *run_as, char *msg, size_t msg_size)
{
	(void)rec;
	(void)command_path;
	(void)env;
	(void)run_as;
	snprintf(msg, msg_size, "no bpf engine in this strec");
	return -ENOTSUP;
}

int rec_bpf_run(struct recorder *rec)
{
	(void)rec;
	return -ENOTSUP;
}

void rec_bpf_close(struct recorder *rec)
{
	(void)rec;
}
