/* Pid namespaces: for a task in another pid namespace
 * than strec's, what strace --pidns-translation reads live from /proc when
 * it prints an id, written as a pid ns record (FORMAT.md, kind 13): the
 * task's namespace, those above it, and its NSpid/NStgid/NSpgid/NSsid
 * lists, when the task appears and after each call that may change them. */
#include "recorder.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct pidns_ids {
	size_t n[STRTRC_PID_TYPES];
	uint32_t id[STRTRC_PID_TYPES][STRTRC_PIDNS_MAX];
};

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t got = 0;
	while (got + 1 < size) {
		const ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return (ssize_t)got;
}

/* The numbers after "key:" in text (tab-separated), at most
 * STRTRC_PIDNS_MAX; the count, or 0 when the line is missing. */
static size_t id_list(const char *text, const char *key, uint32_t *out)
{
	const size_t klen = strlen(key);
	for (const char *line = text; line && *line;) {
		if (strncmp(line, key, klen) == 0) {
			size_t n = 0;
			const char *p = line + klen;
			while (n < STRTRC_PIDNS_MAX) {
				char *end;
				while (*p == ' ' || *p == '\t')
					p++;
				if (*p < '0' || *p > '9')
					break;
				const unsigned long v = strtoul(p, &end, 10);
				out[n++] = (uint32_t)v;
				p = end;
			}
			return n;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return 0;
}

static bool read_ids(pid_t proc_pid, const char *sub, struct pidns_ids *ids)
{
	static const char *const keys[STRTRC_PID_TYPES] = {
	    "NSpid:", "NStgid:", "NSpgid:", "NSsid:"};
	char path[96], text[4096];
	snprintf(path, sizeof(path), "/proc/%d/%sstatus", (int)proc_pid, sub);
	if (read_file(path, text, sizeof(text)) <= 0)
		return false;
	for (int t = 0; t < STRTRC_PID_TYPES; t++)
		if (!(ids->n[t] = id_list(text, keys[t], ids->id[t])))
			return false;
	return true;
}

int rec_pidns_init(struct recorder *rec)
{
	struct stat st;
	if (stat("/proc/self/ns/pid", &st) < 0)
		return -errno;
	/* /proc/self is strec whatever the namespace of /proc: its NSpid
	 * starts there and ends in strec's own */
	uint32_t nspid[STRTRC_PIDNS_MAX];
	char text[4096];
	size_t n;
	if (read_file("/proc/self/status", text, sizeof(text)) <= 0 ||
	    !(n = id_list(text, "NSpid:", nspid)))
		return -ENOENT;
	rec->pid_ns = (uint64_t)st.st_ino;
	rec->pid_ns_level = (uint32_t)(n - 1);
	return 0;
}

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* <linux/pidfd.h> of Linux 6.9 */
#endif

int rec_pidfd_open(pid_t tid)
{
	const int pidfd = (int)syscall(SYS_pidfd_open, tid, 0);
	if (pidfd >= 0 || errno != EINVAL)
		return pidfd;
	return (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD); /* not a leader */
}

pid_t rec_proc_pid(const struct recorder *rec, pid_t tid)
{
	if (rec->pid_ns_level == 0)
		return tid; /* /proc is of strec's namespace */
	/* A pidfd's fdinfo says its task's id in the namespace of the /proc
	 * it is read from (a thread's own pidfd since Linux 6.9). */
	const int pidfd = rec_pidfd_open(tid);
	if (pidfd < 0)
		return 0;
	char path[64], text[1024];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pidfd);
	const ssize_t got = read_file(path, text, sizeof(text));
	close(pidfd);
	uint32_t pid[STRTRC_PIDNS_MAX];
	if (got <= 0 || id_list(text, "Pid:", pid) != 1 || (int32_t)pid[0] <= 0)
		return 0;
	return (pid_t)pid[0];
}

/* The id of task in the namespace of /proc (its directory there), and
 * sub: "" for a process's leader, "task/TID/" for another thread. 0 when
 * it cannot be found. */
static pid_t proc_pid_of(const struct recorder *rec, const struct rec_task *task, char *sub,
			 size_t sub_size)
{
	sub[0] = '\0';
	if (rec->pid_ns_level == 0)
		return task->tid; /* /proc is of strec's namespace */
	const pid_t leader = rec_proc_pid(rec, task->tgid);
	if (!leader || task->tid == task->tgid)
		return leader;
	char path[64];
	/* another thread: the one whose id at strec's level is tid */
	snprintf(path, sizeof(path), "/proc/%d/task", (int)leader);
	DIR *const dir = opendir(path);
	if (!dir)
		return 0;
	pid_t found = 0;
	for (struct dirent *d; !found && (d = readdir(dir));) {
		const long t = strtol(d->d_name, NULL, 10);
		if (t <= 0)
			continue;
		struct pidns_ids ids;
		snprintf(sub, sub_size, "task/%ld/", t);
		if (read_ids(leader, sub, &ids) && ids.n[STRTRC_PID_TID] > rec->pid_ns_level &&
		    ids.id[STRTRC_PID_TID][rec->pid_ns_level] == (uint32_t)task->tid)
			found = leader;
	}
	closedir(dir);
	if (!found)
		sub[0] = '\0';
	return found;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ull;
}

void rec_pidns_check(struct recorder *rec, struct rec_task *task, uint64_t ts)
{
	if (!rec->pid_ns)
		return;
	char sub[48], path[96];
	const pid_t proc_pid = proc_pid_of(rec, task, sub, sizeof(sub));
	if (!proc_pid)
		return;
	snprintf(path, sizeof(path), "/proc/%d/%sns/pid", (int)proc_pid, sub);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || (uint64_t)st.st_ino == rec->pid_ns) {
		close(fd);
		return;
	}
	/* the namespaces above, up to strec's (the kernel refuses to go
	 * above the caller's own) */
	uint64_t parents[STRTRC_PIDNS_MAX];
	size_t nparents = 0;
	while (nparents < STRTRC_PIDNS_MAX) {
		const int up = ioctl(fd, NS_GET_PARENT);
		if (up < 0)
			break;
		close(fd);
		fd = up;
		struct stat pst;
		if (fstat(fd, &pst) < 0)
			break;
		parents[nparents++] = (uint64_t)pst.st_ino;
		if ((uint64_t)pst.st_ino == rec->pid_ns)
			break;
	}
	close(fd);
	struct pidns_ids ids;
	if (!read_ids(proc_pid, sub, &ids))
		return;
	const uint32_t *lists[STRTRC_PID_TYPES];
	for (int t = 0; t < STRTRC_PID_TYPES; t++)
		lists[t] = ids.id[t];
	rec_pidns_record(rec, task, (uint64_t)st.st_ino, parents, nparents, ids.n, lists, ts);
}

void rec_pidns_record(struct recorder *rec, struct rec_task *task, uint64_t ns,
		      const uint64_t *parents, size_t nparents, const size_t nids[STRTRC_PID_TYPES],
		      const uint32_t *const ids[STRTRC_PID_TYPES], uint64_t ts)
{
	assert(nparents <= STRTRC_PIDNS_MAX);
	uint64_t sig = mix(0xcbf29ce484222325ull, ns);
	for (size_t i = 0; i < nparents; i++)
		sig = mix(sig, parents[i]);
	for (int t = 0; t < STRTRC_PID_TYPES; t++) {
		sig = mix(sig, nids[t]);
		for (size_t i = 0; i < nids[t]; i++)
			sig = mix(sig, ids[t][i]);
	}
	if (sig == 0)
		sig = 1;
	if (task->pidns_sig == sig)
		return; /* nothing changed since its last record */
	if (!task->pidns_sig)
		rec->pidns_tasks++;
	task->pidns_sig = sig;
	struct strtrc_record r = {
	    .kind = STRTRC_PIDNS,
	    .tid = (uint32_t)task->tid,
	    .ts_ns = ts,
	    .u.pidns = {.ns = ns, .nparents = nparents, .parents = parents},
	};
	for (int t = 0; t < STRTRC_PID_TYPES; t++) {
		r.u.pidns.nids[t] = nids[t];
		r.u.pidns.ids[t] = ids[t];
	}
	rec_write(rec, &r);
}

void rec_pidns_after_call(struct recorder *rec, struct rec_task *task, uint64_t ts)
{
	if (!rec->pid_ns || !rec->pidns_tasks)
		return; /* every task is in strec's namespace */
	rec_pidns_check(rec, task, ts);
	/* setpgid(pid, ...) may have moved another process (a child) */
	const struct sc_table *const table = sc_table_for_arch(task->arch);
	const struct sc_desc *const desc = table ? sc_lookup(table, task->nr) : NULL;
	if (!desc || !desc->nargs || !task->args[0])
		return;
	for (size_t i = 0; i < rec->tasks.capacity; i++) {
		struct rec_task *const other = rec->tasks.slots[i];
		if (other && other != task && other->pidns_sig && other->tid == other->tgid)
			rec_pidns_check(rec, other, ts);
	}
}

void rec_pidns_forget(struct recorder *rec, const struct rec_task *task)
{
	if (task && task->pidns_sig && rec->pidns_tasks)
		rec->pidns_tasks--;
}
