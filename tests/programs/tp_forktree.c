/* tp_forktree: a small process tree.
 *
 * The parent forks child1 (exits 11), waits for it, then forks child2, which
 * forks a grandchild (exits 13), waits for it and exits 12. The forks are
 * serialised so that stdout is deterministic:
 *   parent
 *   child1
 *   child1 exited 11
 *   child2
 *   grandchild
 *   grandchild exited 13
 *   child2 exited 12
 * Exit status 0 when every status was as expected, 1 otherwise.
 * With --clone-parent it only makes one child with CLONE_PARENT (exits 42,
 * reaped by its grandparent) and exits 0 once the child is a zombie (with
 * --clone-parent reaped: once it is gone, exit 3 if it is still there after
 * 10 s); with --clone-ptrace, one child made with CLONE_PTRACE that exits 43.
 *
 * A correct trace (-f) has three clone/fork calls' children: two in the
 * parent's wait4 results and one in child2's, "+++ exited with 11/12/13 +++"
 * for the three children, and SIGCHLD deliveries to the two parents. */
#include <assert.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* One write(2) per line: nothing is buffered across fork(). */
static void __attribute__((format(printf, 1, 2))) say(const char *const fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	const int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert(n >= 0 && (size_t)n < sizeof(buf));
	if (write(STDOUT_FILENO, buf, (size_t)n) != n)
		_exit(100);
}

/* Waits for pid, prints how it ended and says whether it exited with code. */
static int reap(const pid_t pid, const char *const who, const int code)
{
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		say("%s: waitpid failed\n", who);
		return 0;
	}
	if (WIFEXITED(status))
		say("%s exited %d\n", who, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		say("%s killed by signal %d\n", who, WTERMSIG(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static pid_t fork_or_die(void)
{
	const pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	return pid;
}

/* A child made by clone with these flags, which exits with code at once;
 * its pid, or -1. */
static long clone_child(const unsigned long flags, const int code)
{
	say("parent\n");
	const long child = syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, 0);
	if (child == 0)
		_exit(code);
	return child;
}

/* --clone-parent: one child made with CLONE_PARENT, a sibling rather than
 * a child (of the tracer, under one), which exits 42 unwaited. */
static int clone_parent(const bool until_reaped)
{
	const long child = clone_child(CLONE_PARENT, 42);
	if (child < 0)
		return 1;
	/* until it is a zombie, so that its parent has its status to reap
	 * before this process ends */
	char path[64], stat[256];
	snprintf(path, sizeof(path), "/proc/%ld/stat", child);
	for (int tries = 0; tries < 5000; tries++) {
		FILE *const f = fopen(path, "r");
		const bool zombie = f && fgets(stat, sizeof(stat), f) && strstr(stat, ") Z ");
		if (f)
			fclose(f);
		if (zombie)
			break;
		usleep(1000);
	}
	/* its parent (strec, or the shell) must reap it, as strace does: a
	 * program waiting for that never ends otherwise */
	for (int tries = 0; until_reaped && kill((pid_t)child, 0) == 0; tries++) {
		if (tries == 10000)
			return 3;
		usleep(1000);
	}
	return 0;
}

/* --clone-ptrace: one child made with CLONE_PTRACE (traced by this
 * process's tracer, if any), which exits 43 and is reaped. */
static int clone_ptrace(void)
{
	const long child = clone_child(CLONE_PTRACE, 43);
	return child > 0 && reap((pid_t)child, "child", 43) ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--clone-parent") == 0)
		return clone_parent(argc == 3 && strcmp(argv[2], "reaped") == 0);
	if (argc == 2 && strcmp(argv[1], "--clone-ptrace") == 0)
		return clone_ptrace();
	int ok = 1;

	say("parent\n");
	const pid_t child1 = fork_or_die();
	if (child1 == 0) {
		say("child1\n");
		_exit(11);
	}
	ok &= reap(child1, "child1", 11);

	const pid_t child2 = fork_or_die();
	if (child2 == 0) {
		say("child2\n");
		const pid_t grandchild = fork_or_die();
		if (grandchild == 0) {
			say("grandchild\n");
			_exit(13);
		}
		_exit(reap(grandchild, "grandchild", 13) ? 12 : 2);
	}
	ok &= reap(child2, "child2", 12);
	return ok ? 0 : 1;
}
