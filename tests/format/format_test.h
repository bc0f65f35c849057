/* Helpers shared by the libstrtrc tests: checks that fail loudly, and a
 * sample of every record kind with edge values. */
#ifndef STREC_TESTS_FORMAT_TEST_H
#define STREC_TESTS_FORMAT_TEST_H

#include "strtrc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)
#define CHECK_MSG(cond, ...)                                                                       \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);   \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

static const char *const sample_recorder_argv[] = {"strec", "record", "-o", "t.trc", "--", "true"};
static const char *const sample_command_argv[] = {"true"};
static const char *const sample_env[] = {"PATH=/usr/bin", "LANG=C.UTF-8", "EMPTY="};
static const uint32_t sample_pids[] = {1, 4194304, 77};

static inline struct strtrc_header sample_header(void)
{
	return (struct strtrc_header){
	    .format_version = STRTRC_FORMAT_VERSION,
	    .writer = "strec 0.1.0",
	    .arch = "x86_64",
	    .backend = "bpf",
	    .kernel = "6.1.0-test",
	    .hostname = "h\xc3\xb6st", /* UTF-8 */
	    .cwd = "/tmp/work dir",
	    .recorder_argc = 6,
	    .recorder_argv = sample_recorder_argv,
	    .command_argc = 1,
	    .command_argv = sample_command_argv,
	    .envc = 3,
	    .envp = sample_env,
	    .env_recorded = true,
	    .uid = 1000,
	    .gid = UINT32_MAX,
	    .page_size = 4096,
	    .start_realtime_ns = -1234567890123LL,
	    .start_monotonic_ns = 987654321,
	    .capture_size = 256,
	    .follow_forks = true,
	    .attached = false,
	    .filter = NULL,
	    .npids = 3,
	    .pids = sample_pids,
	    .pid_ns = UINT64_MAX,
	    .pid_ns_level = 1,
	};
}

static const struct strtrc_fd_entry sample_fds[] = {
    {0, {(const uint8_t *)"/dev/pts/0", 10}, 0020000 /* S_IFCHR */, (136u << 8) | 0},
    {1, {(const uint8_t *)"pipe:[1234]", 11}, 0, 0},
    {-1, {NULL, 0}, 0, 0},
    {2147483647, {(const uint8_t *)"/a\xff\x00z", 5}, 0060000 /* S_IFBLK */, UINT64_MAX},
};
static const uint32_t sample_tids[] = {100, 101, UINT32_MAX};
/* a task two levels below the recorder's namespace, itself one below /proc's */
static const uint64_t sample_ns_parents[] = {4026532999ull, UINT64_MAX};
static const uint32_t sample_nspid[] = {4194303, 77, 1}, sample_nstgid[] = {4194303, 77, 1},
		      sample_nspgid[] = {0, 0, 0}, sample_nssid[] = {UINT32_MAX, 5, 0};
static const uint8_t sample_siginfo[128] = {11, 0, 0, 0, 0xff, 1, 2, 3};

/* One record of each kind but header and end, with edge values. */
#define SAMPLE_RECORDS 12
static inline void sample_records(struct strtrc_record *r)
{
	memset(r, 0, sizeof(*r) * SAMPLE_RECORDS);
	r[0] = (struct strtrc_record){.kind = STRTRC_SNAPSHOT, .tid = 100, .ts_ns = 0};
	r[0].u.snapshot = (struct strtrc_snapshot){
	    .pid = 100,
	    .ppid = 1,
	    .ntids = 3,
	    .tids = sample_tids,
	    .comm = {(const uint8_t *)"bash", 4},
	    .exe = {(const uint8_t *)"/usr/bin/bash", 13},
	    .cwd = {(const uint8_t *)"", 0},
	    .nfds = 4,
	    .fds = sample_fds,
	};
	r[1] = (struct strtrc_record){.kind = STRTRC_SYSCALL_ENTRY, .tid = 100, .ts_ns = 5};
	r[1].u.entry = (struct strtrc_syscall_entry){
	    .arch = 0xc000003e,
	    .nr = 59,
	    .args = {0, 1, UINT64_MAX, 0x7fffffffffffffffull, 0x8000000000000000ull, 255},
	    .ip = 0x7f0000001234,
	    .sp = UINT64_MAX - 7,
	};
	r[2] = (struct strtrc_record){.kind = STRTRC_MEMORY, .tid = 100, .ts_ns = 5};
	r[2].u.memory = (struct strtrc_memory){
	    .stop = STRTRC_AT_ENTRY,
	    .arg = 5,
	    .item = UINT32_MAX,
	    .flags = STRTRC_MEM_STRING | STRTRC_MEM_TRUNCATED,
	    .addr = UINT64_MAX,
	    .full_len = UINT64_MAX,
	    .data = {(const uint8_t *)"/bin/tr\x00ue", 10},
	};
	r[3] = (struct strtrc_record){.kind = STRTRC_SYSCALL_EXIT, .tid = 100, .ts_ns = 1000};
	r[3].u.exit = (struct strtrc_syscall_exit){.rval = INT64_MIN, .is_error = true};
	r[4] = (struct strtrc_record){.kind = STRTRC_SIGNAL, .tid = 101, .ts_ns = 1001};
	r[4].u.signal = (struct strtrc_signal){
	    .signo = 11, .siginfo = {sample_siginfo, 128}, .has_ip = true, .ip = UINT64_MAX};
	/* the group stop as traces before the appended ip wrote it */
	r[5] = (struct strtrc_record){.kind = STRTRC_GROUP_STOP, .tid = UINT32_MAX, .ts_ns = 1001};
	r[5].u.group_stop.signo = -2147483647 - 1;
	r[6] = (struct strtrc_record){.kind = STRTRC_SPAWN, .tid = 100, .ts_ns = UINT64_MAX / 2};
	r[6].u.spawn = (struct strtrc_spawn){.new_tid = 102, .how = 2, .clone_flags = UINT64_MAX};
	r[7] = (struct strtrc_record){.kind = STRTRC_EXEC, .tid = 100, .ts_ns = UINT64_MAX / 2 + 1};
	r[7].u.exec = (struct strtrc_exec){.former_tid = 102, .exe = {NULL, 0}};
	r[8] = (struct strtrc_record){.kind = STRTRC_EXIT, .tid = 102, .ts_ns = UINT64_MAX - 1};
	r[8].u.task_exit.wait_status = 0x8b; /* killed by SIGSEGV, core */
	r[9] = (struct strtrc_record){.kind = STRTRC_DETACH, .tid = 101, .ts_ns = UINT64_MAX};
	r[10] = (struct strtrc_record){.kind = STRTRC_LOSS, .tid = 0, .ts_ns = UINT64_MAX};
	r[10].u.loss.count = UINT64_MAX;
	r[11] = (struct strtrc_record){.kind = STRTRC_PIDNS, .tid = 102, .ts_ns = UINT64_MAX};
	r[11].u.pidns = (struct strtrc_pidns){
	    .ns = 4026533000ull,
	    .nparents = 2,
	    .parents = sample_ns_parents,
	    .nids = {3, 3, 3, 3},
	    .ids = {sample_nspid, sample_nstgid, sample_nspgid, sample_nssid},
	};
}

#endif
