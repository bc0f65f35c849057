/* tp_seccomp: a program with a seccomp filter of its own.
 *
 * Its filter fails getpgid with EXDEV (SECCOMP_RET_ERRNO) and asks a tracer
 * about getppid (SECCOMP_RET_TRACE, data 7): with no tracer that asked for
 * seccomp stops, getppid fails with ENOSYS. The filter is installed with
 * SECCOMP_FILTER_FLAG_TSYNC while a first thread waits in read(), so it
 * has the filter too; a second thread and a forked child inherit it.
 * Each of the four tasks then calls getppid and getpgid (raw syscalls) and
 * the main thread prints, in a fixed order:
 *   main: getppid ENOSYS, getpgid EXDEV
 *   tsync thread: getppid ENOSYS, getpgid EXDEV
 *   new thread: getppid ENOSYS, getpgid EXDEV
 *   child: getppid ENOSYS, getpgid EXDEV
 * A recorder must leave all of this as it is natively and record the eight
 * failed calls. Exit status 0, or 1 when something could not be set up. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRACE_DATA 7u

static int start_pipe[2];

static const char *error_name(long rc, int err)
{
	if (rc != -1)
		return "no error";
	return err == ENOSYS ? "ENOSYS" : err == EXDEV ? "EXDEV" : strerror(err);
}

/* The two calls, described into line. */
static void try_calls(const char *who, char *line, size_t size)
{
	const long ppid = syscall(SYS_getppid);
	const int ppid_errno = errno;
	const long pgid = syscall(SYS_getpgid, 0);
	const int pgid_errno = errno;
	snprintf(line, size, "%s: getppid %s, getpgid %s", who, error_name(ppid, ppid_errno),
		 error_name(pgid, pgid_errno));
}

static void *tsync_thread(void *line)
{
	char go;
	if (read(start_pipe[0], &go, 1) != 1)
		return NULL;
	try_calls("tsync thread", line, 128);
	return NULL;
}

static void *new_thread(void *line)
{
	try_calls("new thread", line, 128);
	return NULL;
}

static int install_filter(void)
{
	struct sock_filter code[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpgid, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EXDEV),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | TRACE_DATA),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	const struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]), .filter = code};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		perror("PR_SET_NO_NEW_PRIVS");
		return -1;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0) {
		perror("seccomp");
		return -1;
	}
	return 0;
}

int main(void)
{
	static char main_line[128], tsync_line[128], new_line[128], child_line[128];
	pthread_t waiting, created;
	int child_pipe[2];

	if (pipe(start_pipe) < 0 || pipe(child_pipe) < 0) {
		perror("pipe");
		return 1;
	}
	if (pthread_create(&waiting, NULL, tsync_thread, tsync_line) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	if (install_filter() < 0)
		return 1;
	try_calls("main", main_line, sizeof(main_line));
	if (write(start_pipe[1], "g", 1) != 1 || pthread_join(waiting, NULL) != 0)
		return 1;
	if (pthread_create(&created, NULL, new_thread, new_line) != 0 ||
	    pthread_join(created, NULL) != 0)
		return 1;
	const pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		try_calls("child", child_line, sizeof(child_line));
		const ssize_t len = (ssize_t)strlen(child_line);
		_exit(write(child_pipe[1], child_line, (size_t)len) == len ? 0 : 1);
	}
	close(child_pipe[1]);
	const ssize_t got = read(child_pipe[0], child_line, sizeof(child_line) - 1);
	int status;
	if (got <= 0 || waitpid(child, &status, 0) != child || status != 0)
		return 1;
	printf("%s\n%s\n%s\n%s\n", main_line, tsync_line, new_line, child_line);
	return 0;
}
