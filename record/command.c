/* strec's own signals (the flush timer, detach on a signal in attach
 * mode) and the command's start: what the forked command takes back or on
 * before its execve, under either engine. */
#include "recorder.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/time.h>
#include <unistd.h>

static void on_flush_timer(int sig)
{
	(void)sig;
	rec_flush_due = 1;
}

static void on_detach_signal(int sig)
{
	(void)sig;
	rec_detach_requested = 1;
}

static void on_ignored_signal(int sig)
{
	/* Spawned mode: the terminal's signals reach the command too; strec
	 * records until the tree is gone. */
	(void)sig;
}

/* The signals strec handles, and the dispositions it found for them: the
 * command gets those back before its execve, so that it starts as it would
 * have without strec (nohup's ignored SIGHUP, a background job's ignored
 * SIGINT and SIGQUIT, a parent's ignored SIGPIPE or SIGCHLD). */
static const int handled_signals[] = {SIGALRM, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD};
static struct sigaction original_actions[sizeof(handled_signals) / sizeof(handled_signals[0])];

void rec_install_signal_handlers(bool attach_mode)
{
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++) {
		const int sig = handled_signals[i];
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sigemptyset(&sa.sa_mask);
		if (sig == SIGALRM)
			sa.sa_handler =
			    on_flush_timer; /* no SA_RESTART: waitpid returns to flush */
		else if (sig == SIGPIPE)
			sa.sa_handler = SIG_IGN; /* a closed output is a write error, not a death */
		else if (sig == SIGCHLD)
			sa.sa_handler = SIG_DFL; /* ignored, the kernel would reap the command
						    before strec had its status */
		else
			sa.sa_handler = attach_mode ? on_detach_signal : on_ignored_signal;
		sigaction(sig, &sa, &original_actions[i]);
	}
}

/* SIGALRM four times a second: flush the trace. Not before the engine is
 * loaded: a signal makes the BPF verifier start over. */
void rec_start_flush_timer(void)
{
	const struct itimerval every_quarter = {{0, 250000}, {0, 250000}};
	setitimer(ITIMER_REAL, &every_quarter, NULL);
}

static void restore_original_signal_actions(void)
{
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++)
		sigaction(handled_signals[i], &original_actions[i], NULL);
}

void rec_stop_flush_timer(void)
{
	const struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
}

void rec_prepare_command(const struct rec_options *o, const struct rec_run_as *run_as)
{
	restore_original_signal_actions();
	if (o->output && strcmp(o->output, "-") == 0)
		dup2(STDERR_FILENO, STDOUT_FILENO); /* stdout carries the trace */
	if (o->no_aslr && personality(ADDR_NO_RANDOMIZE | personality(0xffffffff)) < 0)
		fprintf(stderr, "strec: cannot turn off address randomization: %s\n",
			strerror(errno));
	if (run_as->active && (setgroups((size_t)run_as->ngroups, run_as->groups) < 0 ||
			       setregid(run_as->gid, run_as->egid) < 0)) {
		fprintf(stderr, "strec: cannot take the groups of %s: %s\n", run_as->name,
			strerror(errno));
		_exit(127);
	}
}

void rec_become_user(const struct rec_run_as *run_as)
{
	if (run_as->active && setreuid(run_as->uid, run_as->euid) < 0) {
		fprintf(stderr, "strec: cannot become %s: %s\n", run_as->name, strerror(errno));
		_exit(127);
	}
}
