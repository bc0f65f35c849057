/* tp_killed: processes dying from signals.
 *
 * Without arguments, three children die one after the other:
 *   kill child   raise(SIGKILL)
 *   segv child   a store through a NULL pointer (SIGSEGV, SEGV_MAPERR)
 *   abort child  abort() (SIGABRT)
 * Core dumps are disabled first (RLIMIT_CORE 0 and PR_SET_DUMPABLE 0, the
 * latter because a "|handler" core_pattern ignores RLIMIT_CORE) so that
 * dying is quick. stdout:
 *   kill child killed by signal 9
 *   segv child killed by signal 11
 *   abort child killed by signal 6
 * Exit status 0 when all three died so, 1 otherwise.
 * A correct trace (-f) has "+++ killed by SIGKILL +++", "--- SIGSEGV
 * {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---" followed by
 * "+++ killed by SIGSEGV +++" and "--- SIGABRT ..." then "+++ killed by
 * SIGABRT +++" (no "(core dumped)").
 *
 * "tp_killed self": the process sends itself SIGTERM; the shell sees 143 and a
 * trace ends "+++ killed by SIGTERM +++". stdout: "terminating". */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void no_core_dumps(void)
{
	const struct rlimit zero = {0, 0};

	if (setrlimit(RLIMIT_CORE, &zero) != 0)
		perror("setrlimit");
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		perror("prctl");
}

/* Forks a child that runs die(); waits and reports its end. */
static int run(const char *const who, void (*const die)(void), const int sig)
{
	int status;

	fflush(stdout);
	const pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 0;
	}
	if (pid == 0) {
		die();
		_exit(99); /* Not reached. */
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		return 0;
	}
	if (WIFSIGNALED(status))
		printf("%s killed by signal %d\n", who, WTERMSIG(status));
	else
		printf("%s exited %d\n", who, WEXITSTATUS(status));
	fflush(stdout);
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static void die_kill(void)
{
	raise(SIGKILL);
}

static void die_segv(void)
{
	/* volatile: the store must really happen. */
	*(volatile int *)NULL = 1;
}

static void die_abort(void)
{
	abort();
}

/* Dies from SIGTERM whatever the inherited disposition and mask. */
static int self_term(void)
{
	sigset_t set;

	printf("terminating\n");
	fflush(stdout);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), SIGTERM);
	return 1; /* Not reached. */
}

int main(const int argc, char **const argv)
{
	int ok = 1;

	if (argc > 1 && strcmp(argv[1], "self") == 0)
		return self_term();
	if (argc > 1) {
		fprintf(stderr, "usage: tp_killed [self]\n");
		return 2;
	}
	no_core_dumps();
	ok &= run("kill child", die_kill, SIGKILL);
	ok &= run("segv child", die_segv, SIGSEGV);
	ok &= run("abort child", die_abort, SIGABRT);
	return ok ? 0 : 1;
}
