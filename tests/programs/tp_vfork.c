/* tp_vfork: vfork() followed by execve and by _exit.
 *
 * First child: vfork + execve("/bin/true"); second: vfork + _exit(3).
 * stdout:
 *   exec child exited 0
 *   exit child exited 3
 * Exit status 0 when both statuses were as expected, 1 otherwise.
 * A correct trace (-f) shows vfork() returning each child's pid, with the
 * parent suspended ("<unfinished ...>" / "resumed") until the child execs or
 * exits, an execve of /bin/true in the first child and exit_group(3) in the
 * second. SIGCHLD is blocked: whether a child's came before its parent's
 * wait4 or during it is the scheduler's choice, and a tracer shows it
 * where it came (a line that moved in one run of strace's and ours). */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int reap(const pid_t pid, const char *const who, const int code)
{
	int status;

	if (pid < 0) {
		perror("vfork");
		return 0;
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		return 0;
	}
	if (WIFEXITED(status))
		printf("%s exited %d\n", who, WEXITSTATUS(status));
	else
		printf("%s killed by signal %d\n", who, WTERMSIG(status));
	fflush(stdout);
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

int main(void)
{
	char *const argv[] = {"true", NULL};
	int ok = 1;
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	/* The vfork child may only exec or _exit: no stdio, no returning. */
	pid_t pid = vfork();
	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	ok &= reap(pid, "exec child", 0);

	pid = vfork();
	if (pid == 0)
		_exit(3);
	ok &= reap(pid, "exit child", 3);
	return ok ? 0 : 1;
}
