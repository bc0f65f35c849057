/* strec's command line: strace's options where strace has them, errors
 * that name the option, the rule of space-separated syscall lists
 * (strec_filter_list_continues, shared with strep and strstat), and a hint
 * when strec's options were written after the command. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static const char usage_text[] =
    "Usage: strec [OPTIONS] [-o FILE] [--] COMMAND [ARG...]\n"
    "       strec [OPTIONS] -o FILE -p PID [-p PID...]\n"
    "Record every system call, signal and process event of COMMAND and its children\n"
    "(or of running processes) into a trace file; decode it with strep, sum it up\n"
    "with strstat. As with strace, strec's options come before COMMAND: the words\n"
    "after it are COMMAND's.\n"
    "\n"
    "  -o FILE               trace file (default strec.trc; - for stdout, in which case\n"
    "                        the command's stdout goes to stderr)\n"
    "  -p PID                attach to a running process, all its threads (repeatable);\n"
    "                        SIGINT/SIGTERM/SIGHUP detach cleanly\n"
    "  -E VAR=VAL            put VAR=VAL in COMMAND's environment (repeatable)\n"
    "  -E VAR                remove VAR from COMMAND's environment\n"
    "  -u, --user USER       run COMMAND as USER: its uid, gid and groups, a setuid or\n"
    "                        setgid COMMAND with its owner's (root only)\n"
    "  -s SIZE               bytes captured per buffer (default 4096); paths and argv\n"
    "                        strings are captured whole (PATH_MAX / 128 KiB)\n"
    "  --no-follow           trace only the first process, not its children\n"
    "  -f                    accepted for strace habits: children are followed\n"
    "  --to_trace NAMES      record only these syscalls (names or %classes, comma-\n"
    "                        separated, or several words: a word that can start the\n"
    "                        command is the command; end the list with -- to be sure)\n"
    "  --dont_trace NAMES    record all syscalls but these\n"
    "  -e trace=EXPR         strace's syntax: names, !negation, %file %desc %process\n"
    "                        %network %signal %ipc %memory %stat %lstat %fstat %%stat\n"
    "                        %statfs %fstatfs %%statfs %creds %clock %pure, /regex\n"
    "                        (fork, clone, exec and exit are always recorded)\n"
    "  --duration TIME       stop recording after TIME (seconds, or 90s, 5m, 2h, 1d)\n"
    "  --max-size SIZE       stop recording before the trace exceeds SIZE bytes (or 512K,\n"
    "                        10M, 1G; at least 16K); either way the trace is complete,\n"
    "                        -p's processes are detached and go on, and COMMAND goes on\n"
    "                        untraced while strec waits for it\n"
    "  --no-seccomp          ptrace: filter in the tracing loop instead of with seccomp\n"
    "  --spin USEC           ptrace: while the traced program stops within USEC microseconds\n"
    "                        of being resumed, poll for its next stop instead of\n"
    "                        sleeping (default 20; 0: always sleep; off while the\n"
    "                        traced threads are as many as the CPUs)\n"
    "  --no-aslr             run COMMAND with address-space randomization off\n"
    "  --env                 record the environment (not recorded by default)\n"
    "  --force               overwrite FILE even if it is not a strec trace\n"
    "  -q                    no summary at the end, no notice of an early stop\n"
    "  --progress            show events recorded and trace size as it goes\n"
    "  --backend=ENGINE      auto (default): bpf where it can work, else ptrace;\n"
    "                        ptrace: stop the program at every call; bpf: record\n"
    "                        in the kernel (root or CAP_BPF+CAP_PERFMON, a kernel\n"
    "                        with BTF), the program never stops\n"
    "  --bpf-ring-size SIZE  bytes of the bpf engine's ring buffer, a power of two\n"
    "                        (default 16M)\n"
    "  -d                    log what the engine does on stderr (also STREC_LOG=info|debug)\n"
    "  -h, --help            this text\n"
    "  --version             the version\n"
    "\n"
    "Exit status: COMMAND's (a command killed by a signal kills strec with the same\n"
    "signal), also after --duration or --max-size; with -p, 0 after a clean detach;\n"
    "1 on a runtime error, 2 on a usage error.\n";

__attribute__((format(printf, 1, 0))) static void verror(const char *fmt, va_list ap)
{
	fputs("strec: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void rec_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	fputs("Try 'strec --help' for more information.\n", stderr);
	exit(2);
}

void rec_runtime_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
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
	OPT_VERSION,
	OPT_DURATION,
	OPT_MAX_SIZE,
	OPT_BACKEND,
	OPT_BPF_RING_SIZE,
};

/* '+': the options end at the command, whose options are its own (as
 * strace's); ':': a missing argument is told apart from an unknown option. */
static const char short_options[] = "+:o:p:s:e:E:u:fqdh";

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"attach", required_argument, NULL, 'p'},
    {"string-limit", required_argument, NULL, 's'},
    {"user", required_argument, NULL, 'u'},
    {"to_trace", required_argument, NULL, OPT_TO_TRACE},
    {"dont_trace", required_argument, NULL, OPT_DONT_TRACE},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"no-follow", no_argument, NULL, OPT_NO_FOLLOW},
    {"no-aslr", no_argument, NULL, OPT_NO_ASLR},
    {"no-seccomp", no_argument, NULL, OPT_NO_SECCOMP},
    {"spin", required_argument, NULL, OPT_SPIN},
    {"env", no_argument, NULL, OPT_ENV},
    {"force", no_argument, NULL, OPT_FORCE},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"backend", required_argument, NULL, OPT_BACKEND},
    {"bpf-ring-size", required_argument, NULL, OPT_BPF_RING_SIZE},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* The long option that name (len bytes, without "--") means, as
 * getopt_long finds it: exactly, or as the prefix of one option only. */
static const struct option *find_long_option(const char *name, size_t len, bool *ambiguous)
{
	const struct option *found = NULL;
	*ambiguous = false;
	for (const struct option *opt = long_options; opt->name; opt++) {
		if (strncmp(opt->name, name, len) != 0)
			continue;
		if (strlen(opt->name) == len)
			return opt;
		*ambiguous = found != NULL;
		found = opt;
	}
	return *ambiguous ? NULL : found;
}

/* The long option of word ("--name" or "--name=value"), or NULL. */
static const struct option *long_option_of(const char *word, bool *ambiguous, bool *has_value)
{
	const char *const eq = strchr(word + 2, '=');
	*has_value = eq != NULL;
	return find_long_option(word + 2, eq ? (size_t)(eq - word - 2) : strlen(word + 2),
				ambiguous);
}

/* How many of the next words an option of strec's takes (0 or 1), as
 * getopt_long reads it; -1 when word is not an option of strec's. */
static int option_arity(const char *word)
{
	if (word[1] == '-') {
		bool ambiguous, has_value;
		const struct option *const opt = long_option_of(word, &ambiguous, &has_value);
		if (!opt || (has_value && opt->has_arg == no_argument))
			return -1;
		return opt->has_arg == required_argument && !has_value ? 1 : 0;
	}
	for (const char *p = word + 1; *p; p++) {
		const char *const spec = *p == ':' ? NULL : strchr(short_options + 2, *p);
		if (!spec)
			return -1;
		if (spec[1] == ':')
			return p[1] ? 0 : 1;
	}
	return 0;
}

/* --to_trace or --dont_trace with its list in the next word. */
static bool starts_list(const char *word)
{
	bool ambiguous, has_value;
	const struct option *const opt =
	    word[0] == '-' && word[1] == '-' ? long_option_of(word, &ambiguous, &has_value) : NULL;
	return opt && !has_value && (opt->val == OPT_TO_TRACE || opt->val == OPT_DONT_TRACE);
}

int rec_find_command(const char *name, char **path)
{
	if (!*name)
		return -ENOENT;
	if (strchr(name, '/')) {
		struct stat st;
		if (stat(name, &st) < 0 || access(name, X_OK) < 0)
			return -errno;
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
		if (path && !(*path = strdup(name)))
			return -ENOMEM;
		return 0;
	}
	const char *const search = getenv("PATH") ? getenv("PATH") : "/usr/local/bin:/usr/bin:/bin";
	for (const char *dir = search; dir;) {
		const char *const colon = strchr(dir, ':');
		const size_t dir_len = colon ? (size_t)(colon - dir) : strlen(dir);
		char candidate[PATH_MAX];
		if ((size_t)snprintf(candidate, sizeof(candidate), "%.*s%s%s", (int)dir_len, dir,
				     dir_len ? "/" : "", name) < sizeof(candidate)) {
			struct stat st;
			if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(candidate, X_OK) == 0) {
				if (path && !(*path = strdup(candidate)))
					return -ENOMEM;
				return 0;
			}
		}
		dir = colon ? colon + 1 : NULL;
	}
	return -ENOENT;
}

/* strec's operand test for strec_filter_list_continues: whether
 * argv[from...] are options strec would take followed by a command it can
 * run. Right after a list item, a syscall name that is no command may be
 * one more item before the command. */
static bool command_follows(int argc, char *const argv[], int from)
{
	bool after_item = true;
	for (int i = from; i < argc; i++) {
		const char *const word = argv[i];
		if (strcmp(word, "--") == 0)
			return i + 1 < argc && rec_find_command(argv[i + 1], NULL) == 0;
		if (word[0] == '-' && word[1] != '\0') {
			const int arity = option_arity(word);
			if (arity < 0 || i + arity >= argc)
				return false;
			after_item = arity == 1 && starts_list(word);
			i += arity;
			continue;
		}
		if (rec_find_command(word, NULL) == 0)
			return true;
		if (!after_item || !strec_filter_is_name(word))
			return false;
	}
	return false;
}

/* Appends word to f, quoted for a shell if it needs it. */
static void put_shell_word(FILE *f, const char *word)
{
	const char *const safe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				 "_@%+=:,./-";
	if (*word && strspn(word, safe) == strlen(word)) {
		fputs(word, f);
		return;
	}
	fputc('\'', f);
	for (const char *p = word; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", f);
		else
			fputc(*p, f);
	}
	fputc('\'', f);
}

/* "strec ls --to_trace lstat read -- -alh" gives ls those options, as
 * strace would: options end at the command. When the words after the
 * command, up to a "--" or the end, are all options of strec's, one of them
 * a long one of its own, they were most likely meant for strec: the hint
 * to show if the command fails, with the command line in the right order. */
static char *misplaced_options_hint(int argc, char *const argv[], int cmd)
{
	int end = cmd + 1;
	bool long_option = false;
	while (end < argc && strcmp(argv[end], "--") != 0) {
		const char *const word = argv[end];
		const int arity = word[0] == '-' && word[1] ? option_arity(word) : -1;
		if (arity < 0 || end + arity >= argc)
			return NULL;
		long_option |= word[1] == '-';
		end += 1 + arity;
		if (arity == 1 && starts_list(word)) {
			while (end < argc && strec_filter_is_name(argv[end]))
				end++;
		}
	}
	if (end == cmd + 1 || !long_option)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *const f = open_memstream(&text, &size);
	if (!f)
		return NULL;
	fprintf(f, "%s took '", argv[cmd]);
	for (int i = cmd + 1; i < end; i++)
		fprintf(f, "%s%s", i > cmd + 1 ? " " : "", argv[i]);
	fputs("' as options of its own: strec's options go before the command, as strace's "
	      "do:\n  strec",
	      f);
	const int before = cmd - 1 >= 1 && strcmp(argv[cmd - 1], "--") == 0 ? cmd - 1 : cmd;
	for (int i = 1; i < before; i++) {
		fputc(' ', f);
		put_shell_word(f, argv[i]);
	}
	for (int i = cmd + 1; i < end; i++) {
		fputc(' ', f);
		put_shell_word(f, argv[i]);
	}
	fputs(" --", f);
	for (int i = cmd; i < argc; i++) {
		if (i == end)
			continue; /* the "--" that ended them */
		if (i > cmd && i < end)
			continue;
		fputc(' ', f);
		put_shell_word(f, argv[i]);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Hints for strace's options that strec has not: strec records everything,
 * the decoding and summing up are strep's and strstat's. */
static void unknown_short_option(int c)
{
	if (c && strchr("tTrvxXyzZPina", c))
		rec_usage_error("unknown option '-%c': strec records everything, and strep chooses "
				"what to show (strep -%c TRACE)",
				c, c);
	if (c && strchr("cCwSUO", c))
		rec_usage_error("unknown option '-%c': strstat TRACE prints strace -c's table of a "
				"recording",
				c);
	if (c == 'V')
		rec_usage_error("unknown option '-V' (did you mean '--version'?)");
	if (c == 'F')
		rec_usage_error("unknown option '-F': strec follows forks unless --no-follow");
	if (c > ' ' && c < 127)
		rec_usage_error("unknown option '-%c'", c);
	rec_usage_error("unknown option");
}

/* getopt_long returned '?' or ':' for argv[word]: the message names the
 * option as the user meant it. */
static void bad_option(int c, char *const argv[], int word)
{
	const char *const text = argv[word];
	if (text[0] != '-' || text[1] != '-') {
		if (c == ':')
			rec_usage_error("option '-%c' needs an argument", optopt);
		unknown_short_option(optopt);
	}
	bool ambiguous, has_value;
	const struct option *const opt = long_option_of(text, &ambiguous, &has_value);
	const int len = (int)strcspn(text, "=");
	if (opt && c == ':')
		rec_usage_error("option '--%s' needs an argument", opt->name);
	if (opt && opt->val == OPT_ENV && has_value)
		rec_usage_error("option '--env' takes no value: it records the environment in the "
				"trace; -E VAR=VAL puts a variable in the command's");
	if (opt && has_value)
		rec_usage_error("option '--%s' takes no value", opt->name);
	if (ambiguous) {
		char names[256] = "";
		for (const struct option *o = long_options; o->name; o++) {
			const size_t used = strlen(names);
			if (strncmp(o->name, text + 2, (size_t)len - 2) == 0)
				snprintf(names + used, sizeof(names) - used, "%s--%s",
					 used ? ", " : "", o->name);
		}
		rec_usage_error("ambiguous option '%.*s' (%s)", len, text, names);
	}
	char spelled[STREC_ARRAY_SIZE(long_options)][32];
	const char *candidates[STREC_ARRAY_SIZE(long_options)];
	size_t n = 0;
	for (const struct option *o = long_options; o->name; o++) {
		snprintf(spelled[n], sizeof(spelled[n]), "--%s", o->name);
		candidates[n] = spelled[n];
		n++;
	}
	char name[128];
	snprintf(name, sizeof(name), "%.*s", len, text);
	const char *const near = strec_closest(name, candidates, n);
	if (near)
		rec_usage_error("unknown option '%s' (did you mean '%s'?)", name, near);
	rec_usage_error("unknown option '%s'", name);
}

/* "-s" or "--duration": an option as messages name it. */
static void option_name(int c, int index, char *buf, size_t size)
{
	if (index >= 0)
		snprintf(buf, size, "--%s", long_options[index].name);
	else
		snprintf(buf, size, "-%c", c);
}

static unsigned long parse_number(const char *option, const char *text, const char *what,
				  unsigned long max)
{
	char *end;
	errno = 0;
	const unsigned long value = strtoul(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || value > max)
		rec_usage_error("%s: '%s' is not %s", option, text, what);
	return value;
}

/* --duration: seconds, or a number with s, m, h or d, as timeout(1). */
static uint64_t parse_duration(const char *option, const char *text)
{
	static const struct {
		char unit;
		double seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
	char *end;
	errno = 0;
	double seconds = strtod(text, &end);
	bool ok = !errno && end != text && isfinite(seconds) && seconds > 0 &&
		  strspn(text, "0123456789.") == (size_t)(end - text);
	if (ok && *end) {
		ok = false;
		for (size_t i = 0; i < STREC_ARRAY_SIZE(units); i++) {
			if (end[0] == units[i].unit && end[1] == '\0') {
				seconds *= units[i].seconds;
				ok = true;
			}
		}
	}
	if (!ok || seconds > 1e9)
		rec_usage_error("%s: '%s' is not a time (seconds, or a number with s, m, h or d: "
				"90, 1.5m, 2h)",
				option, text);
	return (uint64_t)(seconds * 1e9);
}

#define REC_MIN_MAX_SIZE ((uint64_t)16 << 10)

/* --max-size, --bpf-ring-size: bytes, or a number with K, M, G or T
 * (binary units, as strec's messages; "KiB" and "KB" spellings too). */
static uint64_t parse_size(const char *option, const char *text)
{
	static const char units[] = "KMGT";
	char *end;
	errno = 0;
	uint64_t value = strtoull(text, &end, 10);
	bool ok = !errno && end != text && text[0] >= '0' && text[0] <= '9';
	if (ok && *end) {
		const char upper = *end >= 'a' && *end <= 'z' ? (char)(*end - 'a' + 'A') : *end;
		const char *const unit = upper ? strchr(units, upper) : NULL;
		const unsigned shift = unit ? 10 * (unsigned)(unit - units + 1) : 0;
		ok = unit && (!end[1] || strcmp(end + 1, "iB") == 0 || strcmp(end + 1, "B") == 0) &&
		     value <= UINT64_MAX >> shift;
		value = ok ? value << shift : 0;
	}
	if (!ok)
		rec_usage_error("%s: '%s' is not a size (bytes, or a number with K, M or G: 512K, "
				"10M, 1G)",
				option, text);
	return value;
}

/* Appends an option to the filter description kept in the header. */
static void note_filter(struct rec_cli *cli, const char *option, const char *text)
{
	const size_t used = strlen(cli->filter_text);
	snprintf(cli->filter_text + used, sizeof(cli->filter_text) - used, "%s%s %s",
		 used ? " " : "", option, text);
}

static void add_filter(struct rec_options *o, struct rec_cli *cli, enum strec_filter_option kind,
		       const char *option, const char *text)
{
	char msg[256];
	if (strec_filter_add(&o->filter, kind, text, msg, sizeof(msg)) < 0)
		rec_usage_error("%s: %s", option, msg);
	if (kind == STREC_FILTER_TRACE_EXPR) {
		char expr[4096];
		snprintf(expr, sizeof(expr), "trace=%s", text);
		note_filter(cli, option, expr);
	} else {
		note_filter(cli, option, text);
	}
}

/* strec's argv for the header: a -E value is the environment, recorded
 * only with --env; without it, the variable's name stays. */
static char **hide_env_values(int argc, char **argv, const int *env_words, size_t n,
			      bool record_env)
{
	char **const copy = calloc((size_t)argc + 1, sizeof(*copy));
	if (!copy)
		rec_runtime_error("out of memory");
	memcpy(copy, argv, (size_t)argc * sizeof(*copy));
	for (size_t k = 0; k < n && !record_env; k++) {
		const char *const word = argv[env_words[k]];
		const char *const eq = strchr(word, '=');
		if (!eq)
			continue;
		if (asprintf(&copy[env_words[k]], "%.*s=<not recorded>", (int)(eq - word), word) <
		    0)
			rec_runtime_error("out of memory");
	}
	return copy;
}

void rec_parse_command_line(int argc, char **argv, struct rec_options *o, struct rec_cli *cli)
{
	cli->env_changes = calloc((size_t)argc + 1, sizeof(*cli->env_changes));
	int *const env_words = calloc((size_t)argc + 1, sizeof(*env_words));
	if (!cli->env_changes || !env_words)
		rec_runtime_error("out of memory");
	unsigned follow_flags = 0;
	opterr = 0;
	for (;;) {
		const int word = optind; /* where getopt is: the word of an error */
		int index = -1;
		const int c = getopt_long(argc, argv, short_options, long_options, &index);
		if (c == -1)
			break;
		char name[32];
		option_name(c, index, name, sizeof(name));
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'p': {
			const pid_t pid =
			    (pid_t)parse_number(name, optarg, "a process id", INT_MAX);
			if (pid <= 0)
				rec_usage_error("%s: '%s' is not a process id", name, optarg);
			bool seen = false;
			for (size_t i = 0; i < o->nattach; i++)
				seen |= o->attach_pids[i] == pid;
			if (seen)
				break; /* -p N -p N: one process, traced once */
			pid_t *const more =
			    realloc(o->attach_pids, (o->nattach + 1) * sizeof(pid_t));
			if (!more)
				rec_runtime_error("out of memory");
			o->attach_pids = more;
			o->attach_pids[o->nattach++] = pid;
			break;
		}
		case 'E':
			if (optarg[0] == '\0' || optarg[0] == '=')
				rec_usage_error(
				    "%s: '%s' names no variable (-E VAR=VAL, or -E VAR to "
				    "remove VAR)",
				    name, optarg);
			env_words[cli->nenv_changes] = optind - 1;
			cli->env_changes[cli->nenv_changes++] = optarg;
			break;
		case 'u':
			cli->user = optarg;
			break;
		case 's':
			o->capture_size = (uint32_t)parse_number(
			    name, optarg, "a size in bytes (at most 1073741824)", 1u << 30);
			break;
		case 'e':
			if (strncmp(optarg, "trace=", 6) == 0) {
				add_filter(o, cli, STREC_FILTER_TRACE_EXPR, "-e", optarg + 6);
			} else if (strchr(optarg, '=')) {
				rec_usage_error("-e %s: only trace= is a record-time filter (strep "
						"applies the others to the trace)",
						optarg);
			} else {
				add_filter(o, cli, STREC_FILTER_TRACE_EXPR, "-e", optarg);
			}
			break;
		case OPT_TO_TRACE:
		case OPT_DONT_TRACE: {
			const enum strec_filter_option kind =
			    c == OPT_TO_TRACE ? STREC_FILTER_TO_TRACE : STREC_FILTER_DONT_TRACE;
			add_filter(o, cli, kind, name, optarg);
			/* Several words may follow a list in a word of its own
			 * (not --to_trace=LIST), as long as a command follows. */
			if (optarg != argv[optind - 1])
				break;
			while (
			    strec_filter_list_continues(argc, argv, optind, false, command_follows))
				add_filter(o, cli, kind, name, argv[optind++]);
			break;
		}
		case OPT_DURATION:
			o->duration_ns = parse_duration(name, optarg);
			cli->duration_text = optarg;
			break;
		case OPT_MAX_SIZE:
			o->max_bytes = parse_size(name, optarg);
			if (o->max_bytes < REC_MIN_MAX_SIZE)
				rec_usage_error(
				    "%s: '%s' is too small: at least 16K (the header and "
				    "the closing records take a few KiB)",
				    name, optarg);
			break;
		case 'f':
			follow_flags++;
			break;
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
			o->spin_us = (uint32_t)parse_number(
			    name, optarg, "a time in microseconds (at most 1000000)", 1000000);
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
				rec_usage_error("%s: '%s' is not an engine (ptrace, bpf or auto)",
						name, optarg);
			break;
		case OPT_BPF_RING_SIZE: {
			/* the kernel wants a power of two, at least a page */
			const uint64_t size = parse_size(name, optarg);
			if (size < 4096 || size > (1ull << 30) || (size & (size - 1)))
				rec_usage_error("%s: '%s' is not a power of two from 4K to 1G",
						name, optarg);
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
			printf("strec %s (trace format %d)\n", STREC_VERSION,
			       STRTRC_FORMAT_VERSION);
			exit(EXIT_SUCCESS);
		default: /* '?' and ':' */
			bad_option(c, argv, word);
		}
	}
	if (follow_flags > 1)
		rec_usage_error("-ff: strec records every process into one trace; strep --ff DIR "
				"TRACE writes a file per process from it");
	if (optind < argc && strcmp(argv[optind], "--") == 0)
		optind++;
	o->command = optind < argc ? argv + optind : NULL;
	if (!o->command && o->nattach == 0)
		rec_usage_error("no command given and no -p PID to attach to");
	if (o->command && o->nattach > 0)
		rec_usage_error("give either a command or -p PID, not both");
	if (o->nattach > 0 && cli->nenv_changes > 0)
		rec_usage_error("-E sets the environment of a command strec starts, not of -p's");
	if (o->nattach > 0 && cli->user)
		rec_usage_error("-u runs a command strec starts as another user; it does not apply "
				"to -p");
	if (o->nattach > 0 && o->no_aslr)
		rec_usage_error("--no-aslr applies to a command strec starts, not to -p");
	if (cli->filter_text[0])
		o->filter_text = cli->filter_text;
	cli->recorder_argv =
	    hide_env_values(argc, argv, env_words, cli->nenv_changes, o->record_env);
	free(env_words);
	if (o->command)
		cli->misplaced_hint = misplaced_options_hint(argc, argv, optind);
}
