/* strec: record every system call of a program tree into a trace file. */
#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
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

#include "util.h"

extern char **environ;

#define EXIT_USAGE 2

static const char usage_text[] =
	"Usage: strec [OPTIONS] [-o FILE] [--] COMMAND [ARG...]\n"
	"       strec [OPTIONS] -o FILE -p PID [-p PID...]\n"
	"Record every system call, signal and process event of COMMAND and its children\n"
	"(or of running processes) into a trace file; decode it with strep, sum it up\n"
	"with strstat.\n"
	"\n"
	"  -o FILE               trace file (default strec.trc; - for stdout, in which case\n"
	"                        the command's stdout goes to stderr)\n"
	"  -p PID                attach to a running process, all its threads (repeatable);\n"
	"                        SIGINT/SIGTERM detach cleanly\n"
	"  -s SIZE               bytes captured per buffer (default 4096); paths and argv\n"
	"                        strings are captured whole (PATH_MAX / 128 KiB)\n"
	"  --no-follow           trace only the first process, not its children\n"
	"  --to_trace NAMES      record only these syscalls (names or %classes, comma-\n"
	"                        separated or several after the flag; end the list with --)\n"
	"  --dont_trace NAMES    record all syscalls but these\n"
	"  -e trace=EXPR         strace's syntax: names, !negation, %file %desc %process\n"
	"                        %network %signal %ipc %memory %stat %lstat %fstat %%stat\n"
	"                        %statfs %fstatfs %%statfs %creds %clock %pure, /regex\n"
	"                        (fork, clone, exec and exit are always recorded)\n"
	"  --no-seccomp          filter in the tracing loop instead of with seccomp-bpf\n"
	"  --spin USEC           while the traced program stops within USEC microseconds\n"
	"                        of being resumed, poll for its next stop instead of\n"
	"                        sleeping (default 20; 0: always sleep; off while the\n"
	"                        traced threads are as many as the CPUs)\n"
	"  --no-aslr             run COMMAND with address-space randomization off\n"
	"  --env                 record the environment (not recorded by default)\n"
	"  --force               overwrite FILE even if it is not a strec trace\n"
	"  -q                    no summary at the end\n"
	"  --progress            show events recorded and trace size as it goes\n"
	"  --backend=ENGINE      ptrace (default): stop the program at every call; bpf:\n"
	"                        record in the kernel (root or CAP_BPF+CAP_PERFMON, a\n"
	"                        kernel with BTF), the program never stops; auto: bpf\n"
	"                        where it can work, else ptrace\n"
	"  --bpf-ring-size SIZE  bytes of the bpf engine's ring buffer (default 16 MiB)\n"
	"  -d                    log what the engine does on stderr (also STREC_LOG=info|debug)\n"
	"  -h, --help            this text\n"
	"  --version             the version\n"
	"\n"
	"Exit status: COMMAND's (a command killed by a signal kills strec with the same\n"
	"signal); with -p, 0 after a clean detach; 1 on a runtime error, 2 on a usage error.\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("strec: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'strec --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static void runtime_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void runtime_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("strec: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAILURE);
}

enum {
	OPT_TO_TRACE = 256,
	OPT_DONT_TRACE,
	OPT_NO_FOLLOW,
	OPT_NO_ASLR,
	OPT_NO_SECCOMP,
	OPT_SPIN,
	OPT_ENV,
	OPT_FORCE,
	OPT_PROGRESS,
	OPT_BACKEND,
	OPT_BPF_RING_SIZE,
	OPT_VERSION,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "attach", required_argument, NULL, 'p' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "to_trace", required_argument, NULL, OPT_TO_TRACE },
	{ "dont_trace", required_argument, NULL, OPT_DONT_TRACE },
	{ "no-follow", no_argument, NULL, OPT_NO_FOLLOW },
	{ "no-aslr", no_argument, NULL, OPT_NO_ASLR },
	{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
	{ "spin", required_argument, NULL, OPT_SPIN },
	{ "env", no_argument, NULL, OPT_ENV },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "bpf-ring-size", required_argument, NULL, OPT_BPF_RING_SIZE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Appends text to the filter description kept in the header. */
static void note_filter(char *buf, size_t size, const char *option, const char *text)
{
	const size_t used = strlen(buf);
	snprintf(buf + used, size - used, "%s%s %s", used ? " " : "", option, text);
}

static void add_filter(struct rec_options *o, enum strec_filter_option kind, const char *text)
{
	char msg[256];
	if (strec_filter_add(&o->filter, kind, text, msg, sizeof(msg)) < 0)
		usage_error("%s", msg);
}

static unsigned long parse_number(const char *text, const char *what, unsigned long max)
{
	char *end;
	errno = 0;
	const unsigned long value = strtoul(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || value > max)
		usage_error("invalid %s '%s'", what, text);
	return value;
}

static void parse_options(int argc, char **argv, struct rec_options *o, char *filter_text,
			  size_t filter_size)
{
	opterr = 0;
	int c;
	/* '+': stop at the command, whose options are its own. */
	while ((c = getopt_long(argc, argv, "+:o:p:s:e:qdh", long_options, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'p': {
			const pid_t pid = (pid_t)parse_number(optarg, "pid", INT_MAX);
			if (pid <= 0)
				usage_error("invalid pid '%s'", optarg);
			bool seen = false;
			for (size_t i = 0; i < o->nattach; i++)
				seen |= o->attach_pids[i] == pid;
			if (seen)
				break; /* -p N -p N: one process, traced once */
			pid_t *const more = realloc(o->attach_pids, (o->nattach + 1) * sizeof(pid_t));
			if (!more)
				runtime_error("out of memory");
			o->attach_pids = more;
			o->attach_pids[o->nattach++] = pid;
			break;
		}
		case 's':
			o->capture_size = (uint32_t)parse_number(optarg, "capture size", 1u << 30);
			break;
		case 'e':
			if (strncmp(optarg, "trace=", 6) == 0) {
				add_filter(o, STREC_FILTER_TRACE_EXPR, optarg + 6);
				note_filter(filter_text, filter_size, "-e", optarg);
			} else if (strchr(optarg, '=')) {
				usage_error("-e %s: only trace= is a record-time filter (use strep for "
					    "the others)",
					    optarg);
			} else {
				add_filter(o, STREC_FILTER_TRACE_EXPR, optarg);
				note_filter(filter_text, filter_size, "-e trace=", optarg);
			}
			break;
		case OPT_TO_TRACE:
		case OPT_DONT_TRACE: {
			const enum strec_filter_option kind =
				c == OPT_TO_TRACE ? STREC_FILTER_TO_TRACE : STREC_FILTER_DONT_TRACE;
			const char *const name = c == OPT_TO_TRACE ? "--to_trace" : "--dont_trace";
			add_filter(o, kind, optarg);
			note_filter(filter_text, filter_size, name, optarg);
			/* Several names may follow the flag. */
			while (optind < argc && strec_filter_is_name(argv[optind])) {
				add_filter(o, kind, argv[optind]);
				note_filter(filter_text, filter_size, name, argv[optind]);
				optind++;
			}
			break;
		}
		case OPT_NO_FOLLOW:
			o->follow_forks = false;
			break;
		case OPT_NO_ASLR:
			o->no_aslr = true;
			break;
		case OPT_NO_SECCOMP:
			o->seccomp = false;
			break;
		case OPT_SPIN:
			o->spin_us = (uint32_t)parse_number(optarg, "spin time", 1000000);
			break;
		case OPT_ENV:
			o->record_env = true;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_PROGRESS:
			o->progress = true;
			break;
		case OPT_BACKEND:
			if (strcmp(optarg, "ptrace") == 0)
				o->backend = REC_BACKEND_PTRACE;
			else if (strcmp(optarg, "bpf") == 0)
				o->backend = REC_BACKEND_BPF;
			else if (strcmp(optarg, "auto") == 0)
				o->backend = REC_BACKEND_AUTO;
			else
				usage_error("invalid backend '%s' (ptrace, bpf or auto)", optarg);
			break;
		case OPT_BPF_RING_SIZE: {
			/* the kernel wants a power of two, at least a page */
			const unsigned long size = parse_number(optarg, "ring size", 1ul << 30);
			if (size < 4096 || (size & (size - 1)))
				usage_error("invalid ring size '%s' (a power of two, 4096 to 2^30)", optarg);
			o->bpf_ring_size = size;
			break;
		}
		case 'q':
			o->quiet = true;
			break;
		case 'd':
			rec_log_level = REC_LOG_DEBUG;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(EXIT_SUCCESS);
		case OPT_VERSION:
			printf("strec %s (trace format %d)\n", STREC_VERSION, STRTRC_FORMAT_VERSION);
			exit(EXIT_SUCCESS);
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc && strcmp(argv[optind], "--") == 0)
		optind++;
	o->command = optind < argc ? argv + optind : NULL;
	if (!o->command && o->nattach == 0)
		usage_error("no command given and no -p PID to attach to");
	if (o->command && o->nattach > 0)
		usage_error("give either a command or -p PID, not both");
	if (filter_text[0])
		o->filter_text = filter_text;
}

/* The trace's descriptor. A typo in -o must not destroy a source file:
 * only traces (and empty files) are overwritten without --force. A trace
 * is no use on a terminal. */
static int open_output(const char *path, bool force)
{
	if (strcmp(path, "-") == 0) {
		if (isatty(STDOUT_FILENO))
			runtime_error("standard output is a terminal: not writing a compressed trace "
				      "there (use -o FILE, or redirect it)");
		return STDOUT_FILENO;
	}
	char msg[512];
	const int fd = strtrc_output_open(path, STRTRC_OUTPUT_TRACE, force, NULL, 0, msg, sizeof(msg));
	if (fd < 0)
		runtime_error("%s", msg);
	return fd;
}

/* The command's path as execve wants it: searched in PATH like the shell. */
static char *resolve_command(const char *name)
{
	if (strchr(name, '/')) {
		if (access(name, X_OK) < 0)
			runtime_error("cannot run '%s': %s", name, strerror(errno));
		return strdup(name);
	}
	const char *const path = getenv("PATH") ? getenv("PATH") : "/usr/local/bin:/usr/bin:/bin";
	for (const char *dir = path; dir;) {
		const char *const colon = strchr(dir, ':');
		const size_t dir_len = colon ? (size_t)(colon - dir) : strlen(dir);
		char candidate[PATH_MAX];
		if ((size_t)snprintf(candidate, sizeof(candidate), "%.*s%s%s", (int)dir_len, dir,
				     dir_len ? "/" : "", name) < sizeof(candidate)) {
			struct stat st;
			if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0)
				return strdup(candidate);
		}
		dir = colon ? colon + 1 : NULL;
	}
	runtime_error("cannot run '%s': command not found", name);
}

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
 * SIGINT and SIGQUIT, a parent's ignored SIGPIPE). */
static const int handled_signals[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
static struct sigaction original_actions[sizeof(handled_signals) / sizeof(handled_signals[0])];

static void install_signal_handlers(bool attach_mode)
{
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++) {
		const int sig = handled_signals[i];
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sigemptyset(&sa.sa_mask);
		if (sig == SIGALRM)
			sa.sa_handler = on_flush_timer; /* no SA_RESTART: waitpid returns to flush */
		else if (sig == SIGPIPE)
			sa.sa_handler = SIG_IGN; /* a closed output is a write error, not a death */
		else
			sa.sa_handler = attach_mode ? on_detach_signal : on_ignored_signal;
		sigaction(sig, &sa, &original_actions[i]);
	}
}

/* SIGALRM four times a second: flush the trace. Not before the engine is
 * loaded: a signal makes the BPF verifier start over. */
static void start_flush_timer(void)
{
	const struct itimerval every_quarter = { { 0, 250000 }, { 0, 250000 } };
	setitimer(ITIMER_REAL, &every_quarter, NULL);
}

static void restore_original_signal_actions(void)
{
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++)
		sigaction(handled_signals[i], &original_actions[i], NULL);
}

static void stop_flush_timer(void)
{
	const struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
}

void rec_prepare_command(const struct rec_options *o)
{
	restore_original_signal_actions();
	if (o->output && strcmp(o->output, "-") == 0)
		dup2(STDERR_FILENO, STDOUT_FILENO); /* stdout carries the trace */
	if (o->no_aslr && personality(ADDR_NO_RANDOMIZE | personality(0xffffffff)) < 0)
		fprintf(stderr, "strec: cannot turn off address randomization: %s\n", strerror(errno));
}

/* Forks the command stopped, seizes it, and lets it go on to its execve. */
static pid_t spawn_command(struct recorder *rec, const char *path, bool use_seccomp)
{
	const struct rec_options *const o = rec->opts;
	const pid_t pid = fork();
	if (pid < 0)
		runtime_error("fork: %s", strerror(errno));
	if (pid == 0) {
		rec_prepare_command(o);
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
		execve(path, o->command, environ);
		fprintf(stderr, "strec: cannot run '%s': %s\n", path, strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, WSTOPPED) < 0) {
		if (errno != EINTR)
			runtime_error("waitpid: %s", strerror(errno));
	}
	if (!WIFSTOPPED(status)) {
		runtime_error("the command did not start (status %#x)", status);
	}
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL;
	if (o->follow_forks)
		opts |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (use_seccomp)
		opts |= PTRACE_O_TRACESECCOMP;
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)opts) < 0) {
		const int err = errno;
		kill(pid, SIGKILL);
		runtime_error("cannot trace the command: %s", strerror(err));
	}
	struct rec_task *const task = rec_task_add(&rec->tasks, pid);
	if (!task)
		runtime_error("out of memory");
	task->startup = true;
	task->tgid = pid;
	rec->stats.processes++;
	/* What the command starts with (stdin, stdout, ...), for -y. */
	rec_write_snapshot(rec, pid, true);
	kill(pid, SIGCONT);
	return pid;
}

static void fill_header(struct strtrc_header *h, const struct recorder *rec, struct utsname *uts,
			char *hostname, size_t hostname_size, char *cwd, size_t cwd_size, uint32_t *pids)
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
	h->recorder_argv = (const char *const *)o->argv;
	if (o->command) {
		size_t n = 0;
		while (o->command[n])
			n++;
		h->command_argc = n;
		h->command_argv = (const char *const *)o->command;
	}
	if (o->record_env) {
		size_t n = 0;
		while (environ[n])
			n++;
		h->envc = n;
		h->envp = (const char *const *)environ;
		h->env_recorded = true;
	}
	h->uid = getuid();
	h->gid = getgid();
	h->page_size = (uint32_t)sysconf(_SC_PAGESIZE);
	h->start_realtime_ns = strec_realtime_ns();
	h->start_monotonic_ns = rec->start_ns;
	h->capture_size = o->capture_size;
	h->follow_forks = o->follow_forks;
	h->attached = o->nattach > 0;
	h->filter = o->filter_text;
	for (size_t i = 0; i < o->nattach; i++)
		pids[i] = (uint32_t)o->attach_pids[i];
	h->npids = o->nattach;
	h->pids = pids;
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_summary(const struct recorder *rec, const char *output, uint64_t bytes)
{
	const double seconds = (double)(strec_monotonic_ns() - rec->start_ns) / 1e9;
	const char *const unit = bytes >= 10u << 20 ? "MiB" : "KiB";
	const double size = bytes >= 10u << 20 ? (double)bytes / (1 << 20) : (double)bytes / 1024;
	const struct rec_stats *const st = &rec->stats;
	fprintf(stderr, "strec: %s: %.1f %s, %llu %s, %llu %s, %llu %s, %llu %s, %.2f s\n",
		strcmp(output, "-") == 0 ? "<stdout>" : output, size, unit,
		(unsigned long long)st->syscalls, plural(st->syscalls, "syscall", "syscalls"),
		(unsigned long long)st->processes, plural(st->processes, "process", "processes"),
		(unsigned long long)st->threads, plural(st->threads, "thread", "threads"),
		(unsigned long long)st->signals, plural(st->signals, "signal", "signals"), seconds);
}

/* Ends strec as the command ended: same exit code, or the same signal. */
static void pass_status_through(int status)
{
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		const int sig = WTERMSIG(status);
		/* Our own core would be misleading: the command already dumped. */
		const struct rlimit no_core = { 0, 0 };
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
		.argc = argc,
		.argv = argv,
	};
	const char *const log_env = getenv("STREC_LOG");
	if (log_env && strcmp(log_env, "debug") == 0)
		rec_log_level = REC_LOG_DEBUG;
	else if (log_env && strcmp(log_env, "info") == 0)
		rec_log_level = REC_LOG_INFO;
	strec_filter_init(&opts.filter);
	static char filter_text[4096];
	parse_options(argc, argv, &opts, filter_text, sizeof(filter_text));

	struct recorder rec = { .opts = &opts, .start_ns = strec_monotonic_ns() };
	cpu_set_t cpus;
	rec.spin_ns = (uint64_t)opts.spin_us * 1000;
	rec.cpus = sched_getaffinity(0, sizeof(cpus), &cpus) == 0 ? (size_t)CPU_COUNT(&cpus) : 1;
	char *const command_path = opts.command ? resolve_command(opts.command[0]) : NULL;

	char msg[2048];
	/* Before anything slow (loading BPF programs takes a while): a SIGINT
	 * meant to detach must not find it ignored, as a shell's background
	 * job has it. */
	install_signal_handlers(opts.nattach > 0);
	/* The engine, before the output is touched: a failure leaves it be. */
	if (opts.backend != REC_BACKEND_PTRACE) {
		if (rec_bpf_open(&rec, msg, sizeof(msg)) == 0)
			opts.backend = REC_BACKEND_BPF;
		else if (opts.backend == REC_BACKEND_BPF)
			runtime_error("--backend=bpf: %s", msg);
		else {
			REC_INFO("--backend=auto: recording with ptrace: %s", msg);
			opts.backend = REC_BACKEND_PTRACE;
		}
	}
	int err = 0;
	const int out_fd = open_output(opts.output, opts.force);
	rec.writer = strtrc_writer_open_fd(out_fd, NULL, &err, msg, sizeof(msg));
	if (!rec.writer)
		runtime_error("%s", msg);

	struct utsname uts;
	char hostname[256], cwd[PATH_MAX];
	uint32_t *const pids = calloc(opts.nattach + 1, sizeof(uint32_t));
	struct strtrc_header header;
	fill_header(&header, &rec, &uts, hostname, sizeof(hostname), cwd, sizeof(cwd), pids);
	if (strtrc_write_header(rec.writer, &header) < 0)
		runtime_error("%s", strtrc_writer_error(rec.writer));
	free(pids);

	start_flush_timer();
	if (opts.backend == REC_BACKEND_BPF) {
		if (rec_bpf_start(&rec, command_path, msg, sizeof(msg)) < 0) {
			strtrc_writer_abandon(rec.writer);
			if (strcmp(opts.output, "-") != 0)
				unlink(opts.output);
			runtime_error("%s", msg);
		}
	} else if (opts.command) {
		rec.seccomp_active = opts.seccomp && opts.filter.active;
		rec.main_pid = spawn_command(&rec, command_path, rec.seccomp_active);
	} else {
		for (size_t i = 0; i < opts.nattach; i++) {
			if (rec_attach_process(&rec, opts.attach_pids[i], msg, sizeof(msg)) < 0) {
				/* Never leave a partial trace looking complete. */
				strtrc_writer_abandon(rec.writer);
				if (strcmp(opts.output, "-") != 0)
					unlink(opts.output);
				runtime_error("%s", msg);
			}
		}
	}

	const int run_rc = opts.backend == REC_BACKEND_BPF ? rec_bpf_run(&rec) : rec_run(&rec);
	rec_bpf_close(&rec);
	stop_flush_timer();
	if (opts.progress)
		rec_progress_end();
	if (rec.write_failed) {
		/* Detached already: the command goes on untraced. */
		fprintf(stderr, "strec: cannot write the trace: %s; stopped recording, the command "
				"goes on untraced\n",
			rec.write_error);
		strtrc_writer_abandon(rec.writer);
		exit(EXIT_FAILURE);
	}
	const uint64_t records = strtrc_writer_records(rec.writer);
	(void)records;
	int close_rc = strtrc_writer_close(rec.writer, rec.stats.lost);
	if (out_fd != STDOUT_FILENO && close(out_fd) < 0 && close_rc == 0)
		close_rc = -errno;
	if (close_rc < 0)
		runtime_error("cannot finish the trace: %s", strerror(-close_rc));
	if (run_rc < 0)
		runtime_error("tracing failed: %s", strerror(-run_rc));
	if (!opts.quiet) {
		struct stat st;
		const uint64_t size = strcmp(opts.output, "-") != 0 && stat(opts.output, &st) == 0
					      ? (uint64_t)st.st_size
					      : 0;
		print_summary(&rec, opts.output, size);
	}
	if (rec.stats.lost) {
		/* a trace with gaps is not the run: say so, whatever -q says */
		fprintf(stderr,
			"strec: %llu %s lost: the trace has gaps (strep and strstat say where)%s\n",
			(unsigned long long)rec.stats.lost, plural(rec.stats.lost, "event", "events"),
			opts.backend == REC_BACKEND_BPF ? "; a larger --bpf-ring-size may help" : "");
		exit(EXIT_FAILURE);
	}
	rec_task_table_free(&rec.tasks);
	free(rec.scratch);
	free(command_path);
	free(opts.attach_pids);
	if (opts.command)
		pass_status_through(rec.main_done ? rec.main_status : 0);
	return EXIT_SUCCESS;
}
