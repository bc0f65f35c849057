/* tp_stopcont: group-stop and continue of a child.
 *
 * The child sleeps 30 times 10 ms in nanosleep and exits 7. The parent waits
 * 20 ms, sends SIGSTOP, waits with WUNTRACED, sends SIGCONT, waits with
 * WCONTINUED, then waits for the exit. stdout:
 *   stopped by signal 19
 *   continued
 *   exited 7
 * Exit status 0 when the child went through all three, 1 otherwise.
 * A correct trace (-f) shows in the child "--- SIGSTOP ..." and "--- stopped
 * by SIGSTOP ---", then "--- SIGCONT ..." and the interrupted nanosleep
 * continued through restart_syscall; in the parent wait4 calls returning
 * WIFSTOPPED, WIFCONTINUED and WIFEXITED statuses.
 * glibc implements nanosleep() with the clock_nanosleep syscall. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int wait_for(const pid_t pid, const int options, int *const status)
{
	const pid_t got = waitpid(pid, status, options);

	if (got != pid) {
		perror("waitpid");
		return 0;
	}
	return 1;
}

int main(void)
{
	const struct timespec tick = {0, 10 * 1000 * 1000};
	int status;
	int ok = 1;

	const pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		for (int i = 0; i < 30; i++)
			nanosleep(&tick, NULL);
		_exit(7);
	}

	/* Let the child get into nanosleep first. */
	nanosleep(&tick, NULL);
	nanosleep(&tick, NULL);
	kill(pid, SIGSTOP);
	if (!wait_for(pid, WUNTRACED, &status))
		return 1;
	if (WIFSTOPPED(status))
		printf("stopped by signal %d\n", WSTOPSIG(status));
	else
		printf("not stopped: status %#x\n", (unsigned)status);
	ok &= WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP;

	kill(pid, SIGCONT);
	if (!wait_for(pid, WCONTINUED, &status))
		return 1;
	puts(WIFCONTINUED(status) ? "continued" : "not continued");
	ok &= WIFCONTINUED(status);

	if (!wait_for(pid, 0, &status))
		return 1;
	if (WIFEXITED(status))
		printf("exited %d\n", WEXITSTATUS(status));
	else
		printf("status %#x\n", (unsigned)status);
	ok &= WIFEXITED(status) && WEXITSTATUS(status) == 7;
	return ok ? 0 : 1;
}
