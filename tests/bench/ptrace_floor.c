/* The floor of any ptrace-based recorder: runs a command under a bare
 * PTRACE_SYSCALL loop that records nothing (waitpid + resume per stop).
 * The benchmark compares strec with it to show what ptrace itself costs.
 *   ptrace_floor COMMAND [ARG...] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: ptrace_floor COMMAND [ARG...]\n", stderr);
		return 2;
	}
	const pid_t child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	ptrace(PTRACE_SETOPTIONS, child, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK |
			      PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL));
	ptrace(PTRACE_SYSCALL, child, NULL, NULL);
	int exit_code = 0;
	for (;;) {
		const pid_t pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == child)
				exit_code = WIFEXITED(status) ? WEXITSTATUS(status)
							      : 128 + WTERMSIG(status);
			continue;
		}
		int sig = WSTOPSIG(status);
		/* syscall and event stops carry no signal to deliver */
		if (sig == (SIGTRAP | 0x80) || status >> 16 || sig == SIGSTOP)
			sig = 0;
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	return exit_code;
}
