/* Attach mode (-p): seize every thread of a process and record a snapshot
 * of it, so that a decoder can name descriptors it never saw opened. When
 * a process cannot be traced, say why: the kernel only says EPERM. */
#include "recorder.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define REC_MAX_THREADS 65536
#define PF_KTHREAD	0x00200000 /* include/linux/sched.h: a kernel thread */
#define CAP_SYS_PTRACE	19

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

/* The value of the line "NAME:\t..." of /proc/PID/status (pid 0: strec's
 * own), without its newline; false if there is none. */
static bool status_field(pid_t pid, const char *name, char *value, size_t size)
{
	char path[64], status[8192];
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	if (read_small_file(path, status, sizeof(status)) < 0)
		return false;
	const size_t len = strlen(name);
	for (const char *line = status; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, name, len) == 0 && line[len] == ':') {
			const char *v = line + len + 1;
			v += strspn(v, " \t");
			snprintf(value, size, "%.*s", (int)strcspn(v, "\n"), v);
			return true;
		}
	}
	return false;
}

static uint32_t parent_of(pid_t pid)
{
	char ppid[32];
	return status_field(pid, "PPid", ppid, sizeof(ppid)) ? (uint32_t)strtoul(ppid, NULL, 10)
							     : 0;
}

pid_t rec_tracer_of(pid_t tid)
{
	char tracer[32];
	return status_field(tid, "TracerPid", tracer, sizeof(tracer))
		   ? (pid_t)strtol(tracer, NULL, 10)
		   : -1;
}

static size_t read_link(const char *path, char *buf, size_t size)
{
	const ssize_t n = readlink(path, buf, size);
	return n > 0 ? (size_t)n : 0;
}

/* "1234 (name)" for messages. */
static const char *describe(pid_t pid, char *buf, size_t size)
{
	char path[64], comm[64] = "";
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (read_small_file(path, comm, sizeof(comm)) > 0)
		comm[strcspn(comm, "\n")] = '\0';
	if (comm[0])
		snprintf(buf, size, "%d (%s)", pid, comm);
	else
		snprintf(buf, size, "%d", pid);
	return buf;
}

/* "uid 1000 (alice)" */
static const char *describe_uid(unsigned long uid, char *buf, size_t size)
{
	const struct passwd *const pw = getpwuid((uid_t)uid);
	if (pw)
		snprintf(buf, size, "uid %lu (%s)", uid, pw->pw_name);
	else
		snprintf(buf, size, "uid %lu", uid);
	return buf;
}

static bool has_cap_sys_ptrace(void)
{
	char caps[32];
	return status_field(0, "CapEff", caps, sizeof(caps)) &&
	       (strtoull(caps, NULL, 16) >> CAP_SYS_PTRACE & 1);
}

/* Processes that cannot be traced whatever the privileges, said plainly
 * before trying: strec itself, a thread (not a process), a kernel thread, a
 * zombie, a pid that does not exist. */
static int check_attachable(pid_t pid, char *msg, size_t msg_size)
{
	char who[96], parent[96], field[64];
	if (pid == getpid()) {
		snprintf(msg, msg_size, "cannot attach to %d: it is strec itself", pid);
		return -EPERM;
	}
	char path[64], stat[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	const int n = read_small_file(path, stat, sizeof(stat));
	if (n < 0) {
		snprintf(msg, msg_size, "cannot attach to %d: %s", pid,
			 n == -ENOENT ? "no such process" : strerror(-n));
		return n;
	}
	/* "pid (comm) state ppid pgrp session tty_nr tpgid flags ...": comm
	 * may hold spaces and parentheses, the last ')' ends it. */
	const char *const close = strrchr(stat, ')');
	char state = '?';
	unsigned long flags = 0;
	if (close)
		sscanf(close + 1, " %c %*d %*d %*d %*d %*d %lu", &state, &flags);
	describe(pid, who, sizeof(who));
	if (flags & PF_KTHREAD) {
		snprintf(msg, msg_size,
			 "cannot attach to %s: it is a kernel thread, which makes no system calls",
			 who);
		return -EPERM;
	}
	if (state == 'Z' || state == 'X') {
		const pid_t ppid = (pid_t)parent_of(pid);
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: it is a zombie: it has exited, and its parent %s has "
		    "not waited for it yet",
		    who, describe(ppid, parent, sizeof(parent)));
		return -ESRCH;
	}
	if (status_field(pid, "Tgid", field, sizeof(field)) && strtol(field, NULL, 10) != pid) {
		const pid_t tgid = (pid_t)strtol(field, NULL, 10);
		snprintf(msg, msg_size,
			 "cannot attach to %d: it is a thread of process %s; -p %d traces all its "
			 "threads",
			 pid, describe(tgid, parent, sizeof(parent)), tgid);
		return -EINVAL;
	}
	return 0;
}

/* Why PTRACE_SEIZE of tid (a thread of pid) failed with EPERM, as far as
 * /proc tells: another tracer, other uids or gids without CAP_SYS_PTRACE,
 * a process that is not dumpable, yama's ptrace_scope. */
static void explain_eperm(pid_t pid, pid_t tid, char *msg, size_t msg_size)
{
	char who[96], tracer_who[96], them[128], me[96], field[128];
	describe(pid, who, sizeof(who));
	const pid_t tracer = rec_tracer_of(tid);
	if (tracer > 0) {
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: it is already traced by %s (a process has one tracer "
		    "at a time)",
		    who, describe(tracer, tracer_who, sizeof(tracer_who)));
		return;
	}
	int scope = -1; /* yama's ptrace_scope, -1 without yama */
	char text[16];
	if (read_small_file("/proc/sys/kernel/yama/ptrace_scope", text, sizeof(text)) > 0)
		scope = atoi(text);
	if (scope == 3) {
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: kernel.yama.ptrace_scope is 3: no process may attach "
		    "until the next boot",
		    who);
		return;
	}
	const bool capable = has_cap_sys_ptrace();
	const char *const needs =
	    getuid() == 0 ? "needs CAP_SYS_PTRACE, which strec, root, lacks here (a container "
			    "that drops it?)"
			  : "needs root (CAP_SYS_PTRACE)";
	/* Without the capability, the kernel wants strec's real uid and gid
	 * to be the process's real, effective and saved ones. */
	unsigned long ids[3] = {0, 0, 0};
	if (!capable && status_field(pid, "Uid", field, sizeof(field)) &&
	    sscanf(field, "%lu %lu %lu", &ids[0], &ids[1], &ids[2]) == 3 &&
	    (ids[0] != getuid() || ids[1] != getuid() || ids[2] != getuid())) {
		describe_uid(ids[0], them, sizeof(them));
		if (ids[1] != ids[0]) {
			const size_t used = strlen(them);
			snprintf(them + used, sizeof(them) - used, " with effective uid %lu",
				 ids[1]);
		}
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: it runs as %s and strec as %s: tracing another user's "
		    "process %s",
		    who, them, describe_uid(getuid(), me, sizeof(me)), needs);
		return;
	}
	if (!capable && status_field(pid, "Gid", field, sizeof(field)) &&
	    sscanf(field, "%lu %lu %lu", &ids[0], &ids[1], &ids[2]) == 3 &&
	    (ids[0] != getgid() || ids[1] != getgid() || ids[2] != getgid())) {
		snprintf(msg, msg_size,
			 "cannot attach to %s: it runs as gid %lu (effective %lu) and strec as gid "
			 "%u: tracing a process of another group (a setgid program?) %s",
			 who, ids[0], ids[1], (unsigned)getgid(), needs);
		return;
	}
	/* A process that is not dumpable (it changed its uids, or called
	 * prctl(PR_SET_DUMPABLE, 0)) has its /proc directory owned by root. */
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (!capable && getuid() != 0 && stat(path, &st) == 0 && st.st_uid == 0) {
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: it is not dumpable (it changed its user ids, or made "
		    "itself undumpable with prctl(PR_SET_DUMPABLE, 0)): tracing it %s",
		    who, needs);
		return;
	}
	if (!capable && scope == 1) {
		snprintf(
		    msg, msg_size,
		    "cannot attach to %s: kernel.yama.ptrace_scope is 1: without CAP_SYS_PTRACE "
		    "a process can only be traced by its ancestors (start it under strec, or run "
		    "strec as root)",
		    who);
		return;
	}
	if (!capable && scope == 2) {
		snprintf(msg, msg_size,
			 "cannot attach to %s: kernel.yama.ptrace_scope is 2: only root "
			 "(CAP_SYS_PTRACE) may attach",
			 who);
		return;
	}
	snprintf(msg, msg_size,
		 "cannot attach to %s: Operation not permitted (not for its user, a tracer or "
		 "yama's ptrace_scope: a security module such as SELinux or AppArmor may forbid "
		 "it)",
		 who);
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
		const long opts =
		    PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT |
		    (rec->opts->follow_forks
			 ? PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK
			 : 0);
		if (ptrace(PTRACE_SEIZE, tid, NULL, (void *)opts) < 0) {
			const int err = errno;
			if (err == ESRCH)
				continue; /* the thread exited meanwhile */
			closedir(dir);
			if (err == EPERM) {
				explain_eperm(pid, tid, msg, msg_size);
			} else {
				char who[96];
				snprintf(msg, msg_size, "cannot attach to %s: %s",
					 describe(pid, who, sizeof(who)), strerror(err));
			}
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
		rec_pidns_check(rec, task, 0);
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
	int rc = check_attachable(pid, msg, msg_size);
	if (rc < 0)
		return rc;
	/* New threads may appear while we seize: scan until nothing is new. */
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
	/* pid's directory in /proc, which may be of a namespace above strec's
	 * (the ids there are of that namespace: only the leader's is known) */
	const pid_t proc = rec_proc_pid(rec, pid);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/task", (int)proc);
	DIR *dir = opendir(path);
	const struct dirent *d;
	while (dir && (d = readdir(dir)) && ntids < rec->tasks.count + 1) {
		const long tid = strtol(d->d_name, NULL, 10);
		if (tid > 0 && (proc == pid || tid == proc))
			tids[ntids++] = (uint32_t)(tid == proc ? pid : tid);
	}
	if (dir)
		closedir(dir);
	rec->stats.threads += ntids ? ntids - 1 : 0;

	/* Descriptors and what they refer to. */
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)proc);
	dir = opendir(path);
	size_t cap = 0, used = 0;
	while (dir && (d = readdir(dir))) {
		const long fd = strtol(d->d_name, NULL, 10);
		if (d->d_name[0] == '.' || fd < 0)
			continue;
		/* the command will not have them once it has exec'd */
		if (before_exec && is_cloexec(proc, fd))
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
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)proc, fd);
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
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)proc);
	if (read_small_file(path, comm, sizeof(comm)) > 0)
		comm[strcspn(comm, "\n")] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)proc);
	const size_t exe_len = read_link(path, exe, sizeof(exe));
	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)proc);
	const size_t cwd_len = read_link(path, cwd, sizeof(cwd));

	const struct strtrc_record r = {
	    .kind = STRTRC_SNAPSHOT,
	    .tid = (uint32_t)pid,
	    .ts_ns = strec_monotonic_ns() - rec->start_ns,
	    .u.snapshot =
		{
		    .pid = (uint32_t)pid,
		    .ppid = parent_of(pid),
		    .ntids = ntids,
		    .tids = tids,
		    .comm = {(const uint8_t *)comm, strlen(comm)},
		    .exe = {(const uint8_t *)exe, exe_len},
		    .cwd = {(const uint8_t *)cwd, cwd_len},
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
