/* strec: record every system call of a program tree into a trace file. */
#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

extern char **environ;

/* The trace's descriptor. A typo in -o must not destroy a source file:
 * only traces (and empty files) are overwritten without --force. A trace
 * is no use on a terminal. */
static int open_output(const char *path, bool force)
{
	if (strcmp(path, "-") == 0) {
		if (isatty(STDOUT_FILENO))
			rec_runtime_error("standard output is a terminal: not writing a compressed "
					  "trace there (use -o FILE, or redirect it)");
		return STDOUT_FILENO;
	}
	char msg[512];
	const int fd =
	    strtrc_output_open(path, STRTRC_OUTPUT_TRACE, force, NULL, 0, msg, sizeof(msg));
	if (fd < 0)
		rec_runtime_error("%s", msg);
	return fd;
}

/* The command's path as execve wants it: searched in PATH like the shell. */
static char *resolve_command(const char *name)
{
	char *path = NULL;
	const int rc = rec_find_command(name, &path);
	if (rc == -ENOENT && !strchr(name, '/'))
		rec_runtime_error("cannot run '%s': command not found", name);
	if (rc < 0)
		rec_runtime_error("cannot run '%s': %s", name, strerror(-rc));
	return path;
}

/* COMMAND's environment: strec's, changed by each -E in turn as strace's
 * -E: VAR=VAL replaces VAR or adds it, VAR removes it. */
static char **command_environment(char *const *changes, size_t nchanges)
{
	size_t count = 0;
	while (environ[count])
		count++;
	char **const env = calloc(count + nchanges + 1, sizeof(*env));
	if (!env)
		rec_runtime_error("out of memory");
	memcpy(env, environ, count * sizeof(*env));
	for (size_t k = 0; k < nchanges; k++) {
		char *const change = changes[k];
		const char *const eq = strchr(change, '=');
		const size_t name_len = eq ? (size_t)(eq - change) : strlen(change);
		bool placed = false;
		size_t kept = 0;
		for (size_t i = 0; i < count; i++) {
			const bool same = strncmp(env[i], change, name_len) == 0 &&
					  (env[i][name_len] == '=' || env[i][name_len] == '\0');
			if (same && eq && !placed) {
				env[kept++] = change; /* in the place of the first */
				placed = true;
			} else if (!same) {
				env[kept++] = env[i];
			}
		}
		count = kept;
		if (eq && !placed)
			env[count++] = change;
		env[count] = NULL;
	}
	return env;
}

/* -u USER, as strace's: COMMAND runs with USER's uid, gid and groups; a
 * setuid or setgid COMMAND with its owner's effective uid or gid, as it
 * would without a tracer. strec stays root, to trace it. */
static void resolve_user(const char *name, const char *command_path, struct rec_run_as *r)
{
	if (getuid() != 0 || geteuid() != 0)
		rec_runtime_error("-u %s: only root can run a command as another user (strec runs "
				  "as uid %u)",
				  name, (unsigned)getuid());
	errno = 0;
	const struct passwd *const pw = getpwnam(name);
	if (!pw && errno && errno != ENOENT && errno != ESRCH)
		rec_runtime_error("-u %s: cannot look the user up: %s", name, strerror(errno));
	if (!pw)
		rec_usage_error("-u: unknown user '%s'", name);
	r->active = true;
	r->name = name;
	r->uid = r->euid = pw->pw_uid;
	r->gid = r->egid = pw->pw_gid;
	int n = 0;
	getgrouplist(name, r->gid, NULL, &n);
	r->groups = calloc((size_t)n + 1, sizeof(*r->groups));
	if (!r->groups)
		rec_runtime_error("out of memory");
	if (getgrouplist(name, r->gid, r->groups, &n) < 0)
		rec_runtime_error("-u %s: cannot list the user's groups", name);
	r->ngroups = n;
	struct stat st;
	if (stat(command_path, &st) == 0) {
		if (st.st_mode & S_ISUID)
			r->euid = st.st_uid;
		if (st.st_mode & S_ISGID)
			r->egid = st.st_gid;
	}
}

/* Forks the command stopped, seizes it, and lets it go on to its execve.
 * Before that, the child is strec's: it takes on -u's user (the groups
 * before the seize, the uid after the seccomp filter, which needs root
 * not to set no_new_privs), and the engine records none of its calls
 * (before_exec). */
static pid_t spawn_command(struct recorder *rec, const char *path, char *const *env,
			   const struct rec_run_as *run_as, bool use_seccomp)
{
	const struct rec_options *const o = rec->opts;
	const pid_t pid = fork();
	if (pid < 0)
		rec_runtime_error("fork: %s", strerror(errno));
	if (pid == 0) {
		rec_prepare_command(o, run_as);
		/* Stop until the tracer has seized us; kill(2) directly so that
		 * nothing but its exit happens between here and execve. */
		syscall(SYS_kill, getpid(), SIGSTOP);
		if (use_seccomp) {
			char msg[256];
			if (rec_seccomp_install(&o->filter, msg, sizeof(msg)) < 0) {
				fprintf(stderr, "strec: %s\n", msg);
				_exit(127);
			}
		}
		rec_become_user(run_as);
		execve(path, o->command, env);
		fprintf(stderr, "strec: cannot run '%s': %s\n", path, strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, WSTOPPED) < 0) {
		if (errno != EINTR)
			rec_runtime_error("waitpid: %s", strerror(errno));
	}
	if (!WIFSTOPPED(status)) {
		rec_runtime_error("the command did not start (status %#x)", status);
	}
	long opts =
	    PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL;
	if (o->follow_forks)
		opts |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (use_seccomp)
		opts |= PTRACE_O_TRACESECCOMP;
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)opts) < 0) {
		const int err = errno;
		kill(pid, SIGKILL);
		rec_runtime_error("cannot trace the command: %s", strerror(err));
	}
	struct rec_task *const task = rec_task_add(&rec->tasks, pid);
	if (!task)
		rec_runtime_error("out of memory");
	task->startup = true;
	task->before_exec = true;
	task->tgid = pid;
	rec->stats.processes++;
	/* What the command starts with (stdin, stdout, ...), for -y. */
	rec_write_snapshot(rec, pid, true);
	kill(pid, SIGCONT);
	return pid;
}

static void fill_header(struct strtrc_header *h, const struct recorder *rec,
			char *const *recorder_argv, char *const *env, struct utsname *uts,
			char *hostname, size_t hostname_size, char *cwd, size_t cwd_size,
			uint32_t *pids)
{
	const struct rec_options *const o = rec->opts;
	memset(h, 0, sizeof(*h));
	h->format_version = STRTRC_FORMAT_VERSION;
	h->writer = "strec " STREC_VERSION;
	h->arch = "x86_64";
	h->backend = o->backend == REC_BACKEND_BPF ? "bpf" : "ptrace";
	if (uname(uts) == 0)
		h->kernel = uts->release;
	if (gethostname(hostname, hostname_size) == 0) {
		hostname[hostname_size - 1] = '\0';
		h->hostname = hostname;
	}
	if (getcwd(cwd, cwd_size))
		h->cwd = cwd;
	h->recorder_argc = (size_t)o->argc;
	h->recorder_argv = (const char *const *)recorder_argv;
	if (o->command) {
		size_t n = 0;
		while (o->command[n])
			n++;
		h->command_argc = n;
		h->command_argv = (const char *const *)o->command;
	}
	if (o->record_env) {
		size_t n = 0;
		while (env[n])
			n++;
		h->envc = n;
		h->envp = (const char *const *)env;
		h->env_recorded = true;
	}
	h->uid = getuid();
	h->gid = getgid();
	h->page_size = (uint32_t)sysconf(_SC_PAGESIZE);
	h->start_realtime_ns = rec->start_realtime_ns;
	h->start_monotonic_ns = rec->start_ns;
	h->capture_size = o->capture_size;
	h->follow_forks = o->follow_forks;
	h->attached = o->nattach > 0;
	h->filter = o->filter_text;
	for (size_t i = 0; i < o->nattach; i++)
		pids[i] = (uint32_t)o->attach_pids[i];
	h->npids = o->nattach;
	h->pids = pids;
	h->pid_ns = rec->pid_ns;
	h->pid_ns_level = rec->pid_ns_level;
}

/* Recording stopped before the end (--duration, --max-size): why, and
 * what goes on. */
static void print_stop_notice(const struct recorder *rec, const struct rec_cli *cli,
			      uint64_t trace_size)
{
	const struct rec_options *const o = rec->opts;
	const char *const then = o->command ? "the command goes on untraced, and strec waits for "
					      "it"
					    : "detached, the processes go on";
	char size[32], max[32];
	rec_format_size(trace_size, size, sizeof(size));
	if (rec->stop == REC_STOP_DURATION) {
		fprintf(stderr,
			"strec: --duration %s: stopped recording (trace complete, %s); %s\n",
			cli->duration_text, size, then);
	} else if (rec->stop == REC_STOP_MAX_SIZE) {
		rec_format_size(o->max_bytes, max, sizeof(max));
		fprintf(stderr,
			"strec: --max-size %s: stopped recording (trace complete, %s); %s\n", max,
			size, then);
	}
}

/* After recording stopped early, the spawned command goes on: strec stays
 * its parent (and, under the seccomp filter, its tracer) until it ends. */
static void wait_for_command(struct recorder *rec)
{
	if (rec->untraced)
		rec_run_untraced(rec);
	while (!rec->main_done) {
		int status;
		const pid_t pid = waitpid(rec->main_pid, &status, 0);
		if (pid < 0 && errno != EINTR)
			break;
		if (pid == rec->main_pid && (WIFEXITED(status) || WIFSIGNALED(status))) {
			rec->main_status = status;
			rec->main_done = true;
		}
	}
}

/* Ends strec as the command ended: same exit code, or the same signal. */
static void pass_status_through(int status)
{
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		const int sig = WTERMSIG(status);
		/* Our own core would be misleading: the command already dumped. */
		const struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		signal(sig, SIG_DFL);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
		exit(128 + sig);
	}
	exit(EXIT_FAILURE);
}

int main(int argc, char **argv)
{
	struct rec_options opts = {
	    .output = "strec.trc",
	    .capture_size = 4096,
	    .follow_forks = true,
	    .seccomp = true,
	    .spin_us = 20,
	    .backend = REC_BACKEND_AUTO,
	    .argc = argc,
	    .argv = argv,
	};
	const char *const log_env = getenv("STREC_LOG");
	if (log_env && strcmp(log_env, "debug") == 0)
		rec_log_level = REC_LOG_DEBUG;
	else if (log_env && strcmp(log_env, "info") == 0)
		rec_log_level = REC_LOG_INFO;
	strec_filter_init(&opts.filter);
	static struct rec_cli cli;
	rec_parse_command_line(argc, argv, &opts, &cli);

	struct recorder rec = {.opts = &opts};
	rec.start_ns = strec_monotonic_ns();
	rec.start_realtime_ns = strec_realtime_ns();
	cpu_set_t cpus;
	rec.spin_ns = (uint64_t)opts.spin_us * 1000;
	rec.max_control = rec_control_cap();
	rec.cpus = sched_getaffinity(0, sizeof(cpus), &cpus) == 0 ? (size_t)CPU_COUNT(&cpus) : 1;
	char *const command_path = opts.command ? resolve_command(opts.command[0]) : NULL;
	struct rec_run_as run_as = {.active = false};
	if (cli.user)
		resolve_user(cli.user, command_path, &run_as);
	char **const command_env =
	    opts.command ? command_environment(cli.env_changes, cli.nenv_changes) : environ;

	char msg[2048];
	/* Before anything slow (loading BPF programs takes a while): a SIGINT
	 * meant to detach must not find it ignored, as a shell's background
	 * job has it. */
	rec_install_signal_handlers(opts.nattach > 0);
	/* The engine, before the output is touched: a failure leaves it be. */
	if (opts.backend != REC_BACKEND_PTRACE) {
		if (rec_bpf_open(&rec, msg, sizeof(msg)) == 0) {
			if (opts.backend == REC_BACKEND_AUTO)
				REC_INFO("--backend=auto: recording with bpf");
			opts.backend = REC_BACKEND_BPF;
		} else if (opts.backend == REC_BACKEND_BPF)
			rec_runtime_error("--backend=bpf: %s", msg);
		else {
			REC_INFO("--backend=auto: recording with ptrace: %s", msg);
			opts.backend = REC_BACKEND_PTRACE;
		}
	}
	/* ids in other pid namespaces: both engines record them */
	if (rec_pidns_init(&rec) < 0)
		REC_INFO("no pid namespace of strec's own: ids are not translated");
	int err = 0;
	const int out_fd = open_output(opts.output, opts.force);
	rec.writer = strtrc_writer_open_fd(out_fd, NULL, &err, msg, sizeof(msg));
	if (!rec.writer)
		rec_runtime_error("%s", msg);

	struct utsname uts;
	char hostname[256], cwd[PATH_MAX];
	uint32_t *const pids = calloc(opts.nattach + 1, sizeof(uint32_t));
	struct strtrc_header header;
	fill_header(&header, &rec, cli.recorder_argv, command_env, &uts, hostname, sizeof(hostname),
		    cwd, sizeof(cwd), pids);
	if (strtrc_write_header(rec.writer, &header) < 0)
		rec_runtime_error("%s", strtrc_writer_error(rec.writer));
	free(pids);

	rec_start_flush_timer();
	if (opts.backend == REC_BACKEND_BPF) {
		if (rec_bpf_start(&rec, command_path, command_env, &run_as, msg, sizeof(msg)) < 0) {
			strtrc_writer_abandon(rec.writer);
			if (strcmp(opts.output, "-") != 0)
				unlink(opts.output);
			rec_runtime_error("%s", msg);
		}
	} else if (opts.command) {
		rec.seccomp_active = opts.seccomp && opts.filter.active;
		rec.main_pid =
		    spawn_command(&rec, command_path, command_env, &run_as, rec.seccomp_active);
	} else {
		for (size_t i = 0; i < opts.nattach; i++) {
			if (rec_attach_process(&rec, opts.attach_pids[i], msg, sizeof(msg)) < 0) {
				/* Never leave a partial trace looking complete. */
				strtrc_writer_abandon(rec.writer);
				if (strcmp(opts.output, "-") != 0)
					unlink(opts.output);
				rec_runtime_error("%s", msg);
			}
		}
	}

	const int run_rc = opts.backend == REC_BACKEND_BPF ? rec_bpf_run(&rec) : rec_run(&rec);
	rec_bpf_close(&rec);
	rec_stop_flush_timer();
	if (opts.progress)
		rec_progress_end();
	if (rec.write_failed) {
		fprintf(stderr, "strec: cannot write the trace: %s; stopped recording, %s\n",
			rec.write_error,
			opts.command ? "the command goes on untraced"
				     : "detached, the processes go on");
		strtrc_writer_abandon(rec.writer);
		rec.writer = NULL;
		if (opts.command)
			wait_for_command(&rec);
		exit(EXIT_FAILURE);
	}
	/* The size for the summary: the file's, or what went down the pipe. */
	struct stat st;
	const bool regular = fstat(out_fd, &st) == 0 && S_ISREG(st.st_mode);
	uint64_t size = 0;
	if (!regular && strtrc_writer_flush(rec.writer) == 0)
		size = strtrc_writer_bytes_out(rec.writer);
	int close_rc = strtrc_writer_close(rec.writer, rec.stats.lost);
	rec.writer = NULL;
	if (regular && fstat(out_fd, &st) == 0)
		size = (uint64_t)st.st_size;
	if (out_fd != STDOUT_FILENO && close(out_fd) < 0 && close_rc == 0)
		close_rc = -errno;
	if (close_rc < 0)
		rec_runtime_error("cannot finish the trace: %s", strerror(-close_rc));
	if (run_rc < 0)
		rec_runtime_error("tracing failed: %s", strerror(-run_rc));
	if (!opts.quiet) {
		print_stop_notice(&rec, &cli, size);
		rec_print_summary(&rec, opts.output, size);
	}
	if (opts.command && rec.stop)
		wait_for_command(&rec);
	if (rec.stats.lost) {
		/* a trace with gaps is not the run: say so, whatever -q says */
		fprintf(stderr,
			"strec: %llu %s lost: the trace has gaps (strep and strstat say where)%s\n",
			(unsigned long long)rec.stats.lost,
			rec_plural(rec.stats.lost, "event", "events"),
			opts.backend == REC_BACKEND_BPF
			    ? "; a larger --bpf-ring-size may help, and --backend=ptrace loses "
			      "nothing (it stops the program instead)"
			    : "");
		exit(EXIT_FAILURE);
	}
	rec_task_table_free(&rec.tasks);
	free(rec.scratch);
	free(command_path);
	if (command_env != environ)
		free(command_env);
	free(opts.attach_pids);
	if (!opts.command)
		return EXIT_SUCCESS;
	const int status = rec.main_done ? rec.main_status : 0;
	if (cli.misplaced_hint && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		fprintf(stderr, "strec: %s\n", cli.misplaced_hint);
	pass_status_through(status);
}
