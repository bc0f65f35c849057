/* Attach mode (-p): seize every thread of a process and record a snapshot
 * of it, so that a decoder can name descriptors it never saw opened. */
#include "recorder.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "util.h"

#define REC_MAX_THREADS 65536

static int read_small_file(const char *path, char *buf, size_t size)
{
	FILE *const f = fopen(path, "re");
	if (!f)
		return -errno;
	const size_t n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (int)n;
}

static uint32_t parent_of(pid_t pid)
{
	char path[64], status[4096];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_small_file(path, status, sizeof(status)) < 0)
		return 0;
	const char *const ppid = strstr(status, "\nPPid:");
	return ppid ? (uint32_t)strtoul(ppid + 6, NULL, 10) : 0;
}

static size_t read_link(const char *path, char *buf, size_t size)
{
	const ssize_t n = readlink(path, buf, size);
	return n > 0 ? (size_t)n : 0;
}

/* Seizes the threads of pid not seized yet; returns how many were new. */
static int seize_threads(struct recorder *rec, pid_t pid, char *msg, size_t msg_size)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *const dir = opendir(path);
	if (!dir) {
		const int err = errno;
		snprintf(msg, msg_size, "cannot attach to %d: %s", pid,
			 err == ENOENT ? "no such process" : strerror(err));
		return -err;
	}
	int added = 0;
	const struct dirent *d;
	while ((d = readdir(dir))) {
		const pid_t tid = (pid_t)strtol(d->d_name, NULL, 10);
		if (tid <= 0 || rec_task_find(&rec->tasks, tid))
			continue;
		const long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT |
				  (rec->opts->follow_forks ? PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
								     PTRACE_O_TRACEVFORK
							   : 0);
		if (ptrace(PTRACE_SEIZE, tid, NULL, (void *)opts) < 0) {
			const int err = errno;
			if (err == ESRCH)
				continue; /* the thread exited meanwhile */
			closedir(dir);
			if (err == EPERM)
				snprintf(msg, msg_size,
					 "cannot attach to %d: Operation not permitted (are you allowed to "
					 "ptrace it? see /proc/sys/kernel/yama/ptrace_scope; is it already "
					 "traced?)",
					 tid);
			else
				snprintf(msg, msg_size, "cannot attach to %d: %s", tid, strerror(err));
			return -err;
		}
		/* Stop it so the loop can resume it with PTRACE_SYSCALL. */
		ptrace(PTRACE_INTERRUPT, tid, NULL, NULL);
		struct rec_task *const task = rec_task_add(&rec->tasks, tid);
		if (!task) {
			closedir(dir);
			snprintf(msg, msg_size, "out of memory");
			return -ENOMEM;
		}
		task->tgid = pid;
		added++;
		REC_INFO("%d: attached (process %d)", tid, pid);
	}
	closedir(dir);
	return added;
}

/* Whether descriptor fd of pid is close-on-exec (fdinfo's flags, octal). */
static bool is_cloexec(pid_t pid, long fd)
{
	char path[64], info[512];
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%ld", pid, fd);
	if (read_small_file(path, info, sizeof(info)) < 0)
		return false;
	const char *const flags = strstr(info, "flags:");
	return flags && (strtoul(flags + 6, NULL, 8) & O_CLOEXEC);
}

int rec_attach_process(struct recorder *rec, pid_t pid, char *msg, size_t msg_size)
{
	/* New threads may appear while we seize: scan until nothing is new. */
	int rc;
	while ((rc = seize_threads(rec, pid, msg, msg_size)) > 0) {
	}
	if (rc < 0)
		return rc;
	rec->stats.processes++;
	return rec_write_snapshot(rec, pid, false);
}

int rec_write_snapshot(struct recorder *rec, pid_t pid, bool before_exec)
{
	int rc;
	uint32_t *tids = malloc((rec->tasks.count + 1) * sizeof(*tids));
	struct strtrc_fd_entry *fds = NULL;
	char *paths = NULL;
	size_t ntids = 0, nfds = 0;
	if (!tids)
		return -ENOMEM;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *dir = opendir(path);
	const struct dirent *d;
	while (dir && (d = readdir(dir)) && ntids < rec->tasks.count + 1) {
		const long tid = strtol(d->d_name, NULL, 10);
		if (tid > 0)
			tids[ntids++] = (uint32_t)tid;
	}
	if (dir)
		closedir(dir);
	rec->stats.threads += ntids ? ntids - 1 : 0;

	/* Descriptors and what they refer to. */
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	size_t cap = 0, used = 0;
	while (dir && (d = readdir(dir))) {
		const long fd = strtol(d->d_name, NULL, 10);
		if (d->d_name[0] == '.' || fd < 0)
			continue;
		/* the command will not have them once it has exec'd */
		if (before_exec && is_cloexec(pid, fd))
			continue;
		if (nfds == cap) {
			cap = cap ? cap * 2 : 64;
			struct strtrc_fd_entry *const more = realloc(fds, cap * sizeof(*fds));
			char *const more_paths = realloc(paths, cap * PATH_MAX);
			if (!more || !more_paths) {
				free(more ? more : fds);
				free(more_paths ? more_paths : paths);
				free(tids);
				closedir(dir);
				return -ENOMEM;
			}
			fds = more;
			paths = more_paths;
		}
		char link[PATH_MAX + 64];
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", pid, fd);
		const size_t n = read_link(link, paths + used, PATH_MAX);
		fds[nfds].fd = (int32_t)fd;
		fds[nfds].dev_type = 0;
		fds[nfds].rdev = 0;
		(void)rec_device_of(link, paths + used, n, &fds[nfds].dev_type, &fds[nfds].rdev);
		fds[nfds].path.len = n;
		fds[nfds].path.data = (const uint8_t *)(uintptr_t)used; /* rebased below */
		used += n;
		nfds++;
	}
	if (dir)
		closedir(dir);
	for (size_t i = 0; i < nfds; i++)
		fds[i].path.data = (const uint8_t *)paths + (uintptr_t)fds[i].path.data;

	char comm[64] = "", exe[PATH_MAX], cwd[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (read_small_file(path, comm, sizeof(comm)) > 0)
		comm[strcspn(comm, "\n")] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	const size_t exe_len = read_link(path, exe, sizeof(exe));
	snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
	const size_t cwd_len = read_link(path, cwd, sizeof(cwd));

	const struct strtrc_record r = {
		.kind = STRTRC_SNAPSHOT,
		.tid = (uint32_t)pid,
		.ts_ns = strec_monotonic_ns() - rec->start_ns,
		.u.snapshot = {
			.pid = (uint32_t)pid,
			.ppid = parent_of(pid),
			.ntids = ntids,
			.tids = tids,
			.comm = { (const uint8_t *)comm, strlen(comm) },
			.exe = { (const uint8_t *)exe, exe_len },
			.cwd = { (const uint8_t *)cwd, cwd_len },
			.nfds = nfds,
			.fds = fds,
		},
	};
	rc = rec_write(rec, &r);
	free(tids);
	free(fds);
	free(paths);
	return rc < 0 ? -EIO : 0;
}
