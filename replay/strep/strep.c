/* strep: prints a strec trace as strace 6.1 would have, or as JSON lines.
 * Usage errors exit 2, damaged traces 1 (after printing every complete
 * record), success 0. */
#include "replay.h"
#include "cli.h"
#include "select.h"
#include "perfetto.h"
#include "read_progress.h"

#include "filter.h"
#include "names.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUT_BUFFER_SIZE (1u << 20)

struct opts {
	struct rp_select sel; /* every filter: names, status, signals, pids, paths */
	const char *outfile;
	bool info;
	bool interleaved;
	bool perfetto;	       /* --format=perfetto */
	bool with_trace_id;    /* --with-trace-id: the trace's identity on every JSON line */
	const char *ff_dir;    /* --ff: one file per task in this directory */
	const char *ff_prefix; /* -ff -o PREFIX: one file per task, PREFIX.TID */
	unsigned fcount;       /* -f, -ff */
	bool separately;       /* --output-separately (-ff's second f) */
	unsigned qcount;       /* -q, -qq, -qqq */
	unsigned tcount;       /* -t, -tt, -ttt */
	bool timestamps_long;  /* --timestamps=, which -t may not join */
	struct rp_fdset dump_read, dump_write;		      /* -e read=, -e write= */
	struct strec_filter raw_set, abbrev_set, verbose_set; /* -e raw=, abbrev=, verbose= */
	/* -c: strace's summary table only; -C: the trace, then the table */
	enum { SUMMARY_NONE, SUMMARY_ONLY, SUMMARY_AFTER } summary;
	/* what strstat, which makes the table, is given: the selection
	 * options as they were given to strep, -S, -U, -w */
	char **stat_argv;
	size_t stat_argc, stat_cap;
	bool force; /* outputs may replace traces */
	struct rp_print_opts print;
	const char *file;
};

/* --interleaved: the line left open at a syscall's entry, and the tasks
 * whose entry was cut short with "<unfinished ...>". */
struct cut_call {
	size_t len;
	char printed[]; /* what its entry printed, from the call's name on */
};

struct interleave {
	bool open;
	uint32_t open_tid;
	struct rp_buf printed;	 /* the open line's text as printed at entry */
	struct strec_u32map cut; /* by tid: struct cut_call * */
};

/* --ff: a task's file; f is NULL while closed to stay under the fd limit. */
struct ff_file {
	uint32_t tid;
	bool created; /* the file exists: reopen it for appending */
	FILE *f;
};

struct run {
	struct opts *o;
	const struct rp_session *session;
	struct rp_printer *printer;
	struct rp_buf line;
	FILE *out;
	bool write_failed;
	struct ff_file *ff;
	size_t nff, ff_cap, ff_open;
	struct strec_u32map ff_of; /* by tid: the index in ff */
	struct interleave il;
	struct rp_buf text; /* a rendered line being split */
	struct rp_perfetto *pf;
	/* by tid: the audit arch its last call had (strace tells when a
	 * process switches between 64-bit and 32-bit int 0x80 calls) */
	struct strec_u32map arch;
	char error[4200]; /* why an event could not be written, if it says more than errno */
};

static const char *const long_options[] = {
    "--to_trace",
    "--dont_trace",
    "--pid",
    "--tree",
    "--json",
    "--info",
    "--interleaved",
    "--help",
    "--version",
    "--output",
    "--trace",
    "--ff",
    "--format",
    "--force",
    "--quiet",
    "--output-separately",
    "--decode-fds",
    "--decode-pids",
    "--pidns-translation",
    "--with-trace-id",
    "--timestamps",
    "--absolute-timestamps",
    "--relative-timestamps",
    "--syscall-times",
    "--signal",
    "--status",
    "--abbrev",
    "--verbose",
    "--raw",
    "--read",
    "--write",
    NULL,
};

/* strace's long forms of -e KEY=SET: --signal=SET is -e signal=SET. */
static const char *const e_long_options[] = {
    "--signal", "--status", "--abbrev", "--verbose", "--raw", "--read", "--write", NULL,
};

static bool is_e_long_option(const char *name)
{
	for (unsigned k = 0; e_long_options[k]; k++) {
		if (!strcmp(name, e_long_options[k]))
			return true;
	}
	return false;
}

/* --ff DIR or -ff -o PREFIX: a file per task */
static bool separate_files(const struct opts *o)
{
	return o->ff_dir || o->ff_prefix;
}

static void usage(FILE *f)
{
	fputs(
	    "Usage: strep [OPTIONS] FILE      (FILE '-' reads standard input)\n"
	    "Print a strec trace as strace would have printed it.\n"
	    "\n"
	    "Selection:\n"
	    "  --to_trace NAMES...    only these syscalls (names or %classes, comma or space "
	    "separated)\n"
	    "  --dont_trace NAMES...  all syscalls but these\n"
	    "  -e trace=EXPR          strace's syscall expression (!, %class, /regex, all, none,\n"
	    "                         @64/@32/@x32 personality qualifiers)\n"
	    "                         (a syscall filter replaces the one the trace was recorded\n"
	    "                         with, which applies by default: -e trace=all shows all)\n"
	    "  -e signal=SET          signals to show (names, !negation, all, none)\n"
	    "  -e status=SET          successful,failed,unfinished,detached (-z: successful,\n"
	    "                         -Z: failed)\n"
	    "  --pid PID[,PID...]     only these processes; --tree adds their descendants\n"
	    "  -P PATH                only calls touching PATH: as a path argument, or through\n"
	    "                         a descriptor open on it (repeatable)\n"
	    "Output:\n"
	    "  -o FILE                write to FILE (never the input; not over a trace)\n"
	    "  --force                let -o and --ff replace a trace\n"
	    "  -ff -o PREFIX          one file per task, PREFIX.TID, as strace -ff -o PREFIX\n"
	    "                         (--output-separately: as the second f); -ff alone is -f\n"
	    "  --ff DIR               the same as DIR/trace.TID, creating DIR\n"
	    "  -s N                   string limit (default 32)\n"
	    "  -x, -xx                non-ASCII strings in hex, all strings in hex\n"
	    "  -t, -tt, -ttt          time of day, with microseconds, epoch seconds\n"
	    "  --timestamps=[FORMAT][,PRECISION]\n"
	    "                         as -t: FORMAT time, unix or none; PRECISION s, ms,\n"
	    "                         us or ns (also --absolute-timestamps)\n"
	    "  -r                     time relative to the previous event (with -t: both)\n"
	    "  --relative-timestamps[=PRECISION]  -r with s, ms, us or ns digits\n"
	    "  -T                     time spent in each syscall\n"
	    "  --syscall-times[=PRECISION]  -T with s, ms, us or ns digits\n"
	    "  -i                     instruction pointer at each call, signal and stop\n"
	    "  -n                     syscall numbers\n"
	    "  -a COLUMN              column of the ' = ' before return values (default 40)\n"
	    "  -y                     descriptor paths\n"
	    "  -yy                    also sockets' protocols and endpoints (TCP:[a:p->b:q],\n"
	    "                         UNIX-STREAM:[ino->peer,\"path\"]) and devices' numbers\n"
	    "  --decode-fds=SET       what -y/-yy show: path, socket, dev, pidfd, all, none\n"
	    "                         (also -e decode-fds=SET; --decode-fds alone is -y)\n"
	    "  --decode-pids=pidns    ids a task in another pid namespace saw followed by\n"
	    "                         /* N in strace's PID NS */ (also --pidns-translation,\n"
	    "                         -e decode-pids=pidns; traces of the ptrace engine)\n"
	    "  -v                     structures in full (stat, statx, getdents...)\n"
	    "  -X FORMAT              named constants: abbrev (names, default), raw (numbers),\n"
	    "                         verbose (numbers with the names in a comment)\n"
	    "  -e raw=SET             these syscalls' arguments and results undecoded, in hex\n"
	    "  -e abbrev=SET          abbreviate only these syscalls' structures (-v: none)\n"
	    "  -e verbose=SET         dereference only these syscalls' pointers (others: "
	    "addresses)\n"
	    "  -e read=SET            hex dumps of the data read from the descriptors in SET\n"
	    "  -e write=SET           ... and written to them (numbers, all, none, !negation)\n"
	    "  --trace=, --signal=, --status=, --raw=, --abbrev=, --verbose=, --read=, --write=\n"
	    "                         strace's long forms of -e trace=, -e signal= ...\n"
	    "  -q, -qq, -qqq          quiet: no attach/detach and personality messages; no\n"
	    "                         exit lines either; nothing (as --quiet=all)\n"
	    "  --quiet=SET            strace's -e quiet=SET: attach, exit, personality,\n"
	    "                         thread-execve, path-resolution, all, none, !negation\n"
	    "  --json                 one JSON object per event (docs/json-schema.md)\n"
	    "  --with-trace-id        with --json: the trace's identity on every line:\n"
	    "                         trace_id (HOST/START/PROGRAM), trace_host, trace_start,\n"
	    "                         trace_command, from the trace's header\n"
	    "  --format=FMT           text (default), json (as --json), or perfetto: Chrome\n"
	    "                         trace-event JSON for ui.perfetto.dev and chrome://tracing\n"
	    "  --info                 summary of the trace header, then exit\n"
	    "  --interleaved          strace's split lines: a call starts at its entry and ends\n"
	    "                         with <unfinished ...> when another task prints before it\n"
	    "                         returns (<... name resumed> at its exit)\n"
	    "Summary (strace -c's table, made by strstat, which must be next to strep):\n"
	    "  -c                     the table only: calls, errors and time per syscall\n"
	    "  -C                     the trace, then the table\n"
	    "  -S SORTBY              sort the table (strstat -S: time, calls, errors, name...)\n"
	    "  -U COLUMNS             its columns (strstat -U: time-percent, total-time,\n"
	    "                         min-time, max-time, avg-time, calls, errors, name)\n"
	    "  -w                     accepted: the table's times are always wall-clock\n"
	    "  -h, --help             this help\n"
	    "  --version              version\n"
	    "Exit status: 0 ok (a cut-short trace gives a warning), 1 runtime error or damaged\n"
	    "trace (every complete record is printed first), 2 usage error.\n",
	    f);
}

/* One more word for strstat's command line (see run_strstat). */
static void stat_arg(struct opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void stat_arg(struct opts *o, const char *fmt, ...)
{
	if (o->stat_argc == o->stat_cap) {
		const size_t cap = o->stat_cap ? o->stat_cap * 2 : 16;
		char **const more = realloc(o->stat_argv, cap * sizeof(*more));
		if (!more) {
			fputs("strep: out of memory\n", stderr);
			exit(1);
		}
		o->stat_argv = more;
		o->stat_cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	const int n = vasprintf(&o->stat_argv[o->stat_argc], fmt, ap);
	va_end(ap);
	if (n < 0) {
		fputs("strep: out of memory\n", stderr);
		exit(1);
	}
	o->stat_argc++;
}

static void add_filter(struct opts *o, enum strec_filter_option kind, const char *text)
{
	char msg[256];
	cli_select_or_die(strec_filter_add(&o->sel.filter, kind, text, msg, sizeof(msg)), msg);
	stat_arg(o, "%s=%s",
		 kind == STREC_FILTER_TO_TRACE	   ? "--to_trace"
		 : kind == STREC_FILTER_DONT_TRACE ? "--dont_trace"
						   : "--trace",
		 text);
}

/* --decode-pids=SET, strace's: pidns (or none); comm is not recorded */
static void parse_decode_pids(struct opts *o, const char *set)
{
	char item[64];
	bool on = false;
	for (const char *p = set;;) {
		const size_t n = strcspn(p, ",");
		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		if (!strcmp(item, "pidns"))
			on = true;
		else if (strcmp(item, "none") != 0)
			cli_usage_error("--decode-pids: '%s' is not supported (only pidns, none)",
					item);
		if (!p[n])
			break;
		p += n + 1;
	}
	o->print.pidns_translation = on;
}

/* -e KEY=VALUE: the output qualifiers here, the selection ones (trace=,
 * signal=, status=, or a bare syscall expression) in rp_select_expr. */
static void parse_e(struct opts *o, const char *expr)
{
	char msg[256];
	if (!strncmp(expr, "decode-fds=", 11)) {
		cli_select_or_die(
		    rp_decode_fds_parse(expr + 11, &o->print.decode_fds, msg, sizeof(msg)), msg);
		return;
	}
	if (!strncmp(expr, "decode-pids=", 12)) {
		parse_decode_pids(o, expr + 12);
		return;
	}
	if (!strncmp(expr, "quiet=", 6)) {
		cli_select_or_die(rp_quiet_parse(expr + 6, &o->print.quiet, msg, sizeof(msg)), msg);
		return;
	}
	if (!strncmp(expr, "raw=", 4) || !strncmp(expr, "abbrev=", 7) ||
	    !strncmp(expr, "verbose=", 8)) {
		struct strec_filter *const set = expr[0] == 'r'	  ? &o->raw_set
						 : expr[0] == 'a' ? &o->abbrev_set
								  : &o->verbose_set;
		cli_select_or_die(strec_filter_add(set, STREC_FILTER_TRACE_EXPR,
						   strchr(expr, '=') + 1, msg, sizeof(msg)),
				  msg);
		if (set == &o->raw_set)
			o->print.raw_set = set;
		else if (set == &o->abbrev_set)
			o->print.abbrev_set = set;
		else
			o->print.verbose_set = set;
		return;
	}
	if (!strncmp(expr, "read=", 5) || !strncmp(expr, "write=", 6)) {
		const bool rd = expr[0] == 'r';
		struct rp_fdset *const set = rd ? &o->dump_read : &o->dump_write;
		cli_select_or_die(rp_fdset_parse(set, strchr(expr, '=') + 1, msg, sizeof(msg)),
				  msg);
		if (rd)
			o->print.dump_read = set;
		else
			o->print.dump_write = set;
		return;
	}
	cli_select_or_die(rp_select_expr(&o->sel, expr, msg, sizeof(msg)), msg);
	stat_arg(o, "-e");
	stat_arg(o, "%s", expr);
}

static void add_pids(struct opts *o, const char *list)
{
	char msg[256];
	cli_select_or_die(rp_select_pids(&o->sel, list, msg, sizeof(msg)), msg);
	stat_arg(o, "--pid=%s", list);
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			if (o->file)
				cli_usage_error("more than one trace file ('%s' and '%s')", o->file,
						a);
			o->file = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_files = true;
			continue;
		}
		if (a[1] == '-') {
			char name[64];
			const char *eq = strchr(a, '=');
			const size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
			snprintf(name, sizeof(name), "%.*s", (int)nlen, a);
			const char *val = eq ? eq + 1 : NULL;
			if (!strcmp(name, "--to_trace") || !strcmp(name, "--dont_trace")) {
				const enum strec_filter_option k = name[2] == 't'
								       ? STREC_FILTER_TO_TRACE
								       : STREC_FILTER_DONT_TRACE;
				add_filter(o, k, cli_opt_value(argc, argv, &i, val));
				/* several names may follow the flag */
				while (!val && strec_filter_list_continues(argc, argv, i + 1,
									   o->file != NULL, NULL))
					add_filter(o, k, argv[++i]);
			} else if (!strcmp(name, "--trace")) {
				add_filter(o, STREC_FILTER_TRACE_EXPR,
					   cli_opt_value(argc, argv, &i, val));
			} else if (is_e_long_option(name)) {
				char expr[4200];
				const char *const set = cli_opt_value(argc, argv, &i, val);
				if ((size_t)snprintf(expr, sizeof(expr), "%s=%s", name + 2, set) >=
				    sizeof(expr))
					cli_usage_error("%s: value too long", name);
				parse_e(o, expr);
			} else if (!strcmp(name, "--pid")) {
				add_pids(o, cli_opt_value(argc, argv, &i, val));
			} else if (!strcmp(name, "--output")) {
				o->outfile = cli_opt_value(argc, argv, &i, val);
			} else if (!strcmp(name, "--ff")) {
				o->ff_dir = cli_opt_value(argc, argv, &i, val);
			} else if (!strcmp(name, "--decode-fds")) {
				char msg[256];
				if (!val) /* as -y */
					o->print.decode_fds = RP_DECODE_FD_PATH;
				else
					cli_select_or_die(rp_decode_fds_parse(val,
									      &o->print.decode_fds,
									      msg, sizeof(msg)),
							  msg);
			} else if (!strcmp(name, "--decode-pids")) {
				parse_decode_pids(o, cli_opt_value(argc, argv, &i, val));
			} else if (!strcmp(name, "--pidns-translation")) {
				if (val)
					cli_usage_error("--pidns-translation takes no value");
				o->print.pidns_translation = true;
			} else if (!strcmp(name, "--quiet")) {
				char msg[256];
				if (!val) /* as -q */
					o->print.quiet |= RP_QUIET_Q;
				else
					cli_select_or_die(
					    rp_quiet_parse(val, &o->print.quiet, msg, sizeof(msg)),
					    msg);
			} else if (!strcmp(name, "--timestamps") ||
				   !strcmp(name, "--absolute-timestamps")) {
				char msg[256];
				cli_select_or_die(rp_timestamps_parse(val ? val : "", &o->print,
								      msg, sizeof(msg)),
						  msg);
				o->timestamps_long = true;
			} else if (!strcmp(name, "--relative-timestamps") ||
				   !strcmp(name, "--syscall-times")) {
				const bool relative = name[2] == 'r';
				unsigned *const digits = relative ? &o->print.relative_digits
								  : &o->print.duration_digits;
				*digits = 6;
				if (val && rp_time_precision_parse(val, digits))
					cli_usage_error(
					    "%s: '%s' is not a precision (s, ms, us, ns)", name,
					    val);
				if (relative)
					o->print.relative = true;
				else
					o->print.show_duration = true;
			} else if (!strcmp(name, "--output-separately") && !val) {
				o->separately = true;
			} else if (!strcmp(name, "--force") && !val) {
				o->force = true;
			} else if (!strcmp(name, "--tree") && !val) {
				o->sel.tree = true;
				stat_arg(o, "--tree");
			} else if (!strcmp(name, "--format")) {
				const char *f = cli_opt_value(argc, argv, &i, val);
				if (strcmp(f, "text") && strcmp(f, "json") && strcmp(f, "perfetto"))
					cli_usage_error(
					    "--format: '%s' is not text, json or perfetto", f);
				o->print.json = !strcmp(f, "json");
				o->perfetto = !strcmp(f, "perfetto");
			} else if (!strcmp(name, "--json") && !val) {
				o->print.json = true;
			} else if (!strcmp(name, "--with-trace-id") && !val) {
				o->with_trace_id = true;
			} else if (!strcmp(name, "--info") && !val) {
				o->info = true;
			} else if (!strcmp(name, "--interleaved") && !val) {
				o->interleaved = true;
			} else if (!strcmp(name, "--help") && !val) {
				usage(stdout);
				exit(0);
			} else if (!strcmp(name, "--version") && !val) {
				printf("strep (strec) %s\n", STREC_VERSION);
				exit(0);
			} else {
				const char *near = strec_closest(name, long_options, 0);
				if (near)
					cli_usage_error("unknown option '%s' (did you mean '%s'?)",
							name, near);
				cli_usage_error("unknown option '%s' (see strep --help)", name);
			}
			continue;
		}
		/* clusters of short options: -tt, -xx, -yT, -s64, -e trace=... */
		for (const char *p = a + 1; *p; p++) {
			const char *rest = p[1] ? p + 1 : NULL;
			switch (*p) {
			case 't':
				o->tcount++;
				continue;
			case 'x':
				o->print.xflag++;
				continue;
			case 'q':
				o->qcount++;
				continue;
			case 'r':
				o->print.relative = true;
				o->print.relative_digits = 6;
				continue;
			case 'T':
				o->print.show_duration = true;
				o->print.duration_digits = 6;
				continue;
			case 'i':
				o->print.show_ip = true;
				continue;
			case 'n':
				o->print.show_nr = true;
				continue;
			case 'y': /* -y paths, -yy all strace can tell */
				o->print.decode_fds =
				    o->print.decode_fds ? RP_DECODE_FD_ALL : RP_DECODE_FD_PATH;
				continue;
			case 'v': /* as strace's -e abbrev=none, replacing one given before */
				o->print.verbose = true;
				o->print.abbrev_set = NULL;
				continue;
			case 'z':
				o->sel.status = RP_STATUS_SUCCESSFUL;
				stat_arg(o, "-z");
				continue;
			case 'Z':
				o->sel.status = RP_STATUS_FAILED;
				stat_arg(o, "-Z");
				continue;
			case 'c':
			case 'C': {
				const unsigned want = *p == 'c' ? SUMMARY_ONLY : SUMMARY_AFTER;
				if (o->summary != SUMMARY_NONE && o->summary != want)
					cli_usage_error(
					    "-c and -C cannot be combined (-c: the summary "
					    "only, -C: the trace and the summary)");
				o->summary = want;
				continue;
			}
			case 'w': /* the summary's times are always wall-clock (strstat's) */
				stat_arg(o, "-w");
				continue;
			case 'f': /* forks are always in the trace; -ff splits it */
				o->fcount++;
				continue;
			case 'h':
				usage(stdout);
				exit(0);
			case 's':
				o->print.max_strlen =
				    cli_parse_uint("-s", cli_opt_value(argc, argv, &i, rest));
				break;
			case 'a':
				o->print.column =
				    cli_parse_uint("-a", cli_opt_value(argc, argv, &i, rest));
				break;
			case 'o':
				o->outfile = cli_opt_value(argc, argv, &i, rest);
				break;
			case 'e':
				parse_e(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'p':
				add_pids(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'S':
			case 'U':
				/* the summary's sort order and columns, checked by strstat */
				stat_arg(o, "-%c", *p);
				stat_arg(o, "%s", cli_opt_value(argc, argv, &i, rest));
				break;
			case 'X': {
				const char *x = cli_opt_value(argc, argv, &i, rest);
				if (!strcmp(x, "abbrev"))
					o->print.xlat = RP_XLAT_ABBREV;
				else if (!strcmp(x, "raw"))
					o->print.xlat = RP_XLAT_RAW;
				else if (!strcmp(x, "verbose"))
					o->print.xlat = RP_XLAT_VERBOSE;
				else
					cli_usage_error("-X: '%s' is not raw, abbrev or verbose",
							x);
				break;
			}
			case 'P': {
				char msg[256];
				const char *const path = cli_opt_value(argc, argv, &i, rest);
				cli_select_or_die(rp_select_path(&o->sel, path, msg, sizeof(msg)),
						  msg);
				stat_arg(o, "-P");
				stat_arg(o, "%s", path);
				break;
			}
			default:
				cli_usage_error("unknown option '-%c' (see strep --help)", *p);
			}
			break; /* the rest of the word was the option's value */
		}
	}
	if (!o->file)
		cli_usage_error("no trace file given (see strep --help)");
	/* strace -ff -o PREFIX: PREFIX.TID files; without -o, as -f */
	if ((o->fcount >= 2 || o->separately) && o->outfile) {
		if (o->ff_dir)
			cli_usage_error("-ff -o PREFIX and --ff DIR cannot be combined");
		if (!strcmp(o->outfile, "-"))
			cli_usage_error(
			    "-ff writes a file per task, PREFIX.TID: give -o PREFIX, not -");
		o->ff_prefix = o->outfile;
		o->outfile = NULL;
	}
	if (o->tcount) {
		/* strace: -t is format:time, -tt adds precision:us, -ttt is
		 * format:unix,precision:us */
		if (o->timestamps_long)
			cli_usage_error("-t and --timestamps cannot be given together");
		o->print.ts = o->tcount >= 3 ? RP_TS_UNIX : RP_TS_TIME;
		o->print.ts_digits = o->tcount >= 2 ? 6 : 0;
	}
	if (o->qcount)
		o->print.quiet |= o->qcount == 1   ? RP_QUIET_Q
				  : o->qcount == 2 ? RP_QUIET_QQ
						   : RP_QUIET_ALL;
}

/* ---- output ---- */

static void put(struct run *r, FILE *out, const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, out) != len)
		r->write_failed = true;
}

/* Ends the open entry line with strace's marker. */
static int interleave_cut_open(struct run *r, FILE *out)
{
	struct interleave *const il = &r->il;
	if (!il->open)
		return 0;
	il->open = false;
	put(r, out, " <unfinished ...>\n", 18);
	struct cut_call *const c = malloc(sizeof(*c) + il->printed.len);
	if (!c)
		return -ENOMEM;
	c->len = il->printed.len;
	memcpy(c->printed, il->printed.data, il->printed.len);
	uint64_t old;
	if (strec_u32map_get(&il->cut, il->open_tid, &old))
		free((struct cut_call *)(uintptr_t)old); /* a call whose end never came */
	if (strec_u32map_put(&il->cut, il->open_tid, (uintptr_t)c) < 0) {
		free(c);
		return -ENOMEM;
	}
	return 0;
}

/* Takes tid's cut call out of the list (the caller frees it), or NULL. */
static struct cut_call *interleave_take_cut(struct interleave *il, uint32_t tid)
{
	uint64_t c;
	if (!strec_u32map_get(&il->cut, tid, &c))
		return NULL;
	strec_u32map_remove(&il->cut, tid);
	return (struct cut_call *)(uintptr_t)c;
}

/* The open line and cut call of tid from now belong to to_tid. */
static int interleave_rename(struct interleave *il, uint32_t tid, uint32_t to_tid)
{
	if (il->open && il->open_tid == tid)
		il->open_tid = to_tid;
	struct cut_call *const c = interleave_take_cut(il, tid);
	if (!c)
		return 0;
	struct cut_call *const gone = interleave_take_cut(il, to_tid);
	free(gone);
	if (strec_u32map_put(&il->cut, to_tid, (uintptr_t)c) < 0) {
		free(c);
		return -ENOMEM;
	}
	return 0;
}

/* strace's view: a call's line starts at its entry; if another task prints
 * before it returns, the line ends with "<unfinished ...>" and goes on at
 * the exit as "<... name resumed>". */
static int print_interleaved(struct run *r, const struct rp_event *ev, FILE *out)
{
	struct interleave *const il = &r->il;
	r->text.len = 0;
	if (ev->kind == RP_EV_SYSCALL_ENTRY) {
		struct rp_event whole = *ev;
		whole.kind = RP_EV_SYSCALL;
		rp_print_event(r->printer, &whole, &r->text);
	} else {
		rp_print_event(r->printer, ev, &r->text);
	}
	if (r->text.oom)
		return -ENOMEM;
	struct rp_call_span span;
	const bool call = rp_printer_last_call(r->printer, &span);
	const size_t name_at = call ? span.name_at : 0;
	const bool same_task = il->open && il->open_tid == ev->tid;
	int rc = 0;
	/* Events that print nothing (exec) leave the open line alone. */
	if (il->open && r->text.len && !(same_task && ev->kind == RP_EV_SYSCALL))
		rc = interleave_cut_open(r, out);
	if (rc)
		return rc;
	/* a thread's exec: its execve goes on under the leader's tid */
	if (ev->kind == RP_EV_EXEC && ev->u.exec.former_tid && ev->u.exec.former_tid != ev->tid &&
	    (rc = interleave_rename(il, ev->u.exec.former_tid, ev->tid)))
		return rc;
	struct cut_call *const cut =
	    ev->kind == RP_EV_SYSCALL ? interleave_take_cut(il, ev->tid) : NULL;
	const bool was_cut = cut != NULL;
	if (!call) {
		free(cut);
		put(r, out, r->text.data, r->text.len);
		return 0;
	}
	const size_t split = span.entry_end;
	if (ev->kind == RP_EV_SYSCALL_ENTRY) {
		put(r, out, r->text.data, split);
		il->printed.len = 0;
		rp_buf_put(&il->printed, r->text.data + name_at, split - name_at);
		il->open = true;
		il->open_tid = ev->tid;
		return 0;
	}
	/* The exit's text goes on where it stops agreeing with what the entry
	 * printed: after it, or earlier when a decoder rewrote an argument at
	 * exit (clone3's "{...} => {parent_tid=...}", as strace resumes it). */
	const char *const printed = was_cut ? cut->printed : il->printed.data;
	const size_t printed_len = was_cut ? cut->len : il->printed.len;
	size_t resume = name_at;
	while (resume < r->text.len && resume - name_at < printed_len &&
	       r->text.data[resume] == printed[resume - name_at])
		resume++;
	free(cut);
	if (same_task) {
		il->open = false;
		put(r, out, r->text.data + resume, r->text.len - resume);
	} else if (was_cut) {
		/* what never returned resumes too: "<... read resumed> <unfinished
		 * ...>) = ?", as strace prints it when the task goes */
		put(r, out, r->text.data, name_at);
		put(r, out, "<... ", 5);
		put(r, out, r->text.data + name_at, span.name_len);
		put(r, out, " resumed>", 9);
		put(r, out, r->text.data + resume, r->text.len - resume);
	} else {
		put(r, out, r->text.data, r->text.len);
	}
	return 0;
}

#define FF_MAX_OPEN 256

static void ff_close_all(struct run *r)
{
	for (size_t i = 0; i < r->nff; i++) {
		if (r->ff[i].f && fclose(r->ff[i].f) != 0)
			r->write_failed = true;
		r->ff[i].f = NULL;
	}
	r->ff_open = 0;
}

/* The file of task tid under --ff: created on its first line, reopened for
 * appending when it had to be closed to stay under the descriptor limit. */
static FILE *ff_stream(struct run *r, uint32_t tid)
{
	uint64_t at;
	struct ff_file *entry = strec_u32map_get(&r->ff_of, tid, &at) ? &r->ff[at] : NULL;
	if (entry && entry->f)
		return entry->f;
	if (!entry) {
		if (r->nff == r->ff_cap) {
			const size_t cap = r->ff_cap ? r->ff_cap * 2 : 16;
			struct ff_file *const more = realloc(r->ff, cap * sizeof(*more));
			if (!more)
				return NULL;
			r->ff = more;
			r->ff_cap = cap;
		}
		if (strec_u32map_put(&r->ff_of, tid, r->nff) < 0)
			return NULL;
		entry = &r->ff[r->nff++];
		entry->tid = tid;
		entry->created = false;
		entry->f = NULL;
	}
	if (r->ff_open >= FF_MAX_OPEN)
		ff_close_all(r);
	char path[4096];
	if (r->o->ff_dir)
		snprintf(path, sizeof(path), "%s/trace.%u", r->o->ff_dir, tid);
	else
		snprintf(path, sizeof(path), "%s.%u", r->o->ff_prefix, tid);
	if (entry->created) {
		entry->f = fopen(path, "a");
	} else {
		const int fd = strtrc_output_open(path, STRTRC_OUTPUT_OTHER, r->o->force,
						  &r->o->file, 1, r->error, sizeof(r->error));
		entry->f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (fd >= 0 && !entry->f)
			close(fd);
	}
	if (!entry->f && !r->error[0])
		snprintf(r->error, sizeof(r->error), "cannot write '%s': %s", path,
			 strerror(errno));
	if (entry->f) {
		entry->created = true;
		r->ff_open++;
	}
	return entry->f;
}

/* strace's "[ Process PID=N runs in 32 bit mode. ]", on its error
 * channel, when a task's calls change personality (tasks start 64-bit). */
static int note_personality(struct run *r, const struct rp_event *ev)
{
	if (ev->kind == RP_EV_EXIT || ev->kind == RP_EV_DETACH)
		strec_u32map_remove(&r->arch, ev->tid); /* the tid may come back, 64-bit */
	if (ev->kind != RP_EV_SYSCALL && ev->kind != RP_EV_SYSCALL_ENTRY)
		return 0;
	uint64_t arch = SC_AUDIT_ARCH_X86_64;
	strec_u32map_get(&r->arch, ev->tid, &arch);
	if (arch == ev->u.sc.arch)
		return 0;
	if (strec_u32map_put(&r->arch, ev->tid, ev->u.sc.arch) < 0)
		return -ENOMEM;
	const struct sc_table *const table = sc_table_for_arch(ev->u.sc.arch);
	const char *const mode = !table ? "unknown" : table == &sc_table_i386 ? "32 bit" : "64 bit";
	if (!(r->o->print.quiet & RP_QUIET_PERSONALITY))
		fprintf(stderr, "strep: [ Process PID=%u runs in %s mode. ]\n", ev->pid, mode);
	return 0;
}

/* strace's "Process N attached [with M threads]", on its error channel,
 * for each process a -p recording attached to. */
static void note_attach(const struct opts *o, const struct strtrc_snapshot *sn)
{
	if (o->print.json || o->perfetto || (o->print.quiet & RP_QUIET_ATTACH))
		return;
	if (!rp_select_has_pid(&o->sel, sn->pid))
		return;
	if (sn->ntids > 1)
		fprintf(stderr, "strep: Process %u attached with %zu threads\n", sn->pid,
			sn->ntids);
	else
		fprintf(stderr, "strep: Process %u attached\n", sn->pid);
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct run *r = ctx;
	if (note_personality(r, ev) < 0)
		return -ENOMEM;
	/* -yy: what each socket was, from every call, printed or not */
	if (rp_fdinfo_feed(r->o->print.fdinfo, ev) < 0)
		return -ENOMEM;
	if (rp_select_follow(&r->o->sel, r->session, ev) < 0)
		return -ENOMEM;
	if (!rp_select_event(&r->o->sel, r->session, ev))
		return 0;
	/* strace says this on its error channel, not in the trace */
	if (ev->kind == RP_EV_DETACH && !r->o->print.json && !r->pf &&
	    !(r->o->print.quiet & RP_QUIET_ATTACH))
		fprintf(stderr, "strep: Process %u detached\n", ev->tid);
	if (ev->kind == RP_EV_SYSCALL_ENTRY)
		return print_interleaved(r, ev, r->out);
	if (r->o->interleaved)
		return print_interleaved(r, ev, r->out);
	r->line.len = 0;
	if (r->pf)
		rp_perfetto_event(r->pf, ev, &r->line);
	else
		rp_print_event(r->printer, ev, &r->line);
	if (r->line.oom)
		return -ENOMEM;
	FILE *const out = separate_files(r->o) ? ff_stream(r, ev->tid) : r->out;
	if (!out)
		return -EIO; /* r->error says why */
	if (r->line.len && fwrite(r->line.data, 1, r->line.len, out) != r->line.len)
		r->write_failed = true;
	return 0;
}

/* ---- -c, -C: strace's summary table ---- */

/* The table is strstat's: strep runs the strstat installed next to it
 * (in the same directory as /proc/self/exe), with the selection strep was
 * given, on the same trace. The table's code stays in tools/ and the
 * decoding library's programs do not link it; 0, or -1 with msg set. */
static int strstat_path(char *path, size_t size, char *msg, size_t msg_size)
{
	char self[4096];
	const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		snprintf(msg, msg_size, "cannot find strep's own directory: %s", strerror(errno));
		return -1;
	}
	self[n] = '\0';
	char *const slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	if (snprintf(path, size, "%s/strstat", slash ? self : ".") >= (int)size ||
	    access(path, X_OK) != 0) {
		snprintf(msg, msg_size,
			 "-c and -C print strstat's table, and '%s' cannot be run (%s): strstat is "
			 "installed next to strep",
			 path, strerror(errno ? errno : ENAMETOOLONG));
		return -1;
	}
	return 0;
}

/* strstat's argv: the selection, the table's options, extra (NULL-ended),
 * then the trace. NULL when out of memory. */
static char **strstat_argv(const struct opts *o, const char *const *extra)
{
	size_t nextra = 0;
	while (extra[nextra])
		nextra++;
	char **const v = calloc(o->stat_argc + nextra + 4, sizeof(*v));
	if (!v)
		return NULL;
	size_t k = 0;
	v[k++] = (char *)"strstat";
	for (size_t i = 0; i < o->stat_argc; i++)
		v[k++] = o->stat_argv[i];
	for (size_t i = 0; i < nextra; i++)
		v[k++] = (char *)extra[i];
	v[k++] = (char *)"--";
	v[k++] = (char *)o->file;
	return v;
}

/* -c: strep becomes strstat, which reads the trace itself (standard input
 * too, untouched so far). */
static void exec_summary(const struct opts *o) __attribute__((noreturn));
static void exec_summary(const struct opts *o)
{
	char path[4096], msg[4300];
	if (strstat_path(path, sizeof(path), msg, sizeof(msg)) < 0) {
		fprintf(stderr, "strep: %s\n", msg);
		exit(1);
	}
	const char *extra[7];
	size_t k = 0;
	if (o->outfile) {
		extra[k++] = "-o";
		extra[k++] = o->outfile;
	}
	if (o->force)
		extra[k++] = "--force";
	if (o->print.json)
		extra[k++] = "--json";
	if (o->with_trace_id)
		extra[k++] = "--with-trace-id";
	extra[k] = NULL;
	char **const argv = strstat_argv(o, extra);
	if (!argv) {
		fputs("strep: out of memory\n", stderr);
		exit(1);
	}
	execv(path, argv);
	fprintf(stderr, "strep: cannot run '%s': %s\n", path, strerror(errno));
	exit(1);
}

/* -C: the table after the trace, where the trace went (standard output
 * when it went to a file per task, as strace's goes to its error channel
 * then). Returns strep's exit status as the table makes it. */
static int run_summary(const struct opts *o, FILE *out)
{
	char path[4096], msg[4300];
	if (strstat_path(path, sizeof(path), msg, sizeof(msg)) < 0) {
		fprintf(stderr, "strep: %s\n", msg);
		return 1;
	}
	static const char *const none[] = {NULL};
	char **const argv = strstat_argv(o, none);
	if (!argv) {
		fputs("strep: out of memory\n", stderr);
		return 1;
	}
	if (fflush(out) != 0) {
		free(argv);
		fprintf(stderr, "strep: write error: %s\n", strerror(errno));
		return 1;
	}
	const pid_t pid = fork();
	if (pid == 0) {
		/* a trace on standard input is read again from its start */
		if ((fileno(out) == STDOUT_FILENO || dup2(fileno(out), STDOUT_FILENO) >= 0) &&
		    (strcmp(o->file, "-") != 0 || lseek(STDIN_FILENO, 0, SEEK_SET) == 0))
			execv(path, argv);
		_exit(127);
	}
	free(argv);
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == 127) {
		fprintf(stderr, "strep: cannot run '%s' for the summary\n", path);
		return 1;
	}
	return WEXITSTATUS(status);
}

/* An argv as a shell command line that runs it again (--info). */
static void print_shell_words(FILE *out, const char *label, const char *const *argv, size_t argc)
{
	struct rp_buf b = {0};
	rp_buf_puts(&b, label);
	for (size_t i = 0; i < argc; i++) {
		if (i)
			rp_buf_putc(&b, ' ');
		rp_shell_word(&b, argv[i], strlen(argv[i]));
	}
	rp_buf_putc(&b, '\n');
	if (b.oom)
		fputs("strep: out of memory\n", stderr);
	else
		fwrite(b.data, 1, b.len, out);
	rp_buf_free(&b);
}

static void print_info(FILE *out, const struct strtrc_header *h, const char *file)
{
	fprintf(out, "file:            %s\n", file);
	fprintf(out, "format version:  %u\n", h->format_version);
	fprintf(out, "writer:          %s\n", h->writer ? h->writer : "?");
	fprintf(out, "arch:            %s\n", h->arch ? h->arch : "?");
	fprintf(out, "recorded with:   %s\n", h->backend ? h->backend : "ptrace");
	fprintf(out, "kernel:          %s\n", h->kernel ? h->kernel : "?");
	fprintf(out, "hostname:        %s\n",
		h->hostname			   ? h->hostname
		: h->scrubbed && h->scrub.hostname ? "(dropped by strscrub)"
						   : "?");
	fprintf(out, "cwd:             %s\n", h->cwd ? h->cwd : "?");
	const time_t t = (time_t)(h->start_realtime_ns / 1000000000);
	struct tm tm;
	char when[64];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(out, "started:         %s\n", when);
	fprintf(out, "uid/gid:         %u/%u\n", h->uid, h->gid);
	fprintf(out, "capture size:    %u\n", h->capture_size);
	fprintf(out, "follow forks:    %s\n", h->follow_forks ? "yes" : "no");
	fprintf(out, "filter:          %s\n", h->filter ? h->filter : "(none)");
	if (h->attached) {
		fputs("attached pids:  ", out);
		for (size_t i = 0; i < h->npids; i++)
			fprintf(out, " %u", h->pids[i]);
		fputs("\n", out);
	} else {
		print_shell_words(out, "command:         ", h->command_argv, h->command_argc);
	}
	print_shell_words(out, "recorder argv:   ", h->recorder_argv, h->recorder_argc);
	fprintf(out, "environment:     %s\n", h->env_recorded ? "recorded" : "not recorded");
	if (!h->scrubbed)
		return;
	const struct strtrc_scrub *const sc = &h->scrub;
	fprintf(out, "scrubbed:        by %s:%s%s%s%s\n", sc->tool ? sc->tool : "?",
		sc->buffers ? " buffer contents dropped" : "", sc->argv ? ", argv dropped" : "",
		sc->env ? ", environment dropped" : "", sc->hostname ? ", hostname dropped" : "");
	for (size_t i = 0; i < sc->nmasks; i++)
		fprintf(out, "masked paths:    %s\n", sc->masks[i]);
	if (sc->ndropped) {
		fputs("dropped pids:   ", out);
		for (size_t i = 0; i < sc->ndropped; i++)
			fprintf(out, " %u", sc->dropped_pids[i]);
		fputs("\n", out);
	}
}

/* --info's counts: a pass over the records, no decoding. */
static int print_counts(FILE *out, struct strtrc_reader *rd)
{
	uint64_t kinds[STRTRC_KIND_COUNT] = {0}, threads = 0, last_ts = 0;
	struct strtrc_record rec;
	int rc;
	while ((rc = strtrc_reader_next(rd, &rec)) > 0) {
		if ((unsigned)rec.kind < STRTRC_KIND_COUNT)
			kinds[rec.kind]++;
		if (rec.kind == STRTRC_SPAWN && sc_clone_makes_thread(rec.u.spawn.clone_flags))
			threads++;
		last_ts = rec.ts_ns;
	}
	fprintf(out, "records:         %" PRIu64 "\n",
		kinds[STRTRC_SYSCALL_ENTRY] + kinds[STRTRC_SYSCALL_EXIT] + kinds[STRTRC_MEMORY] +
		    kinds[STRTRC_SIGNAL] + kinds[STRTRC_GROUP_STOP] + kinds[STRTRC_SPAWN] +
		    kinds[STRTRC_EXEC] + kinds[STRTRC_EXIT] + kinds[STRTRC_DETACH] +
		    kinds[STRTRC_SNAPSHOT]);
	fprintf(out, "syscalls:        %" PRIu64 "\n", kinds[STRTRC_SYSCALL_ENTRY]);
	fprintf(out, "memory captures: %" PRIu64 "\n", kinds[STRTRC_MEMORY]);
	fprintf(out, "signals:         %" PRIu64 "\n", kinds[STRTRC_SIGNAL]);
	fprintf(out, "tasks created:   %" PRIu64 " (%" PRIu64 " threads)\n", kinds[STRTRC_SPAWN],
		threads);
	fprintf(out, "execs:           %" PRIu64 "\n", kinds[STRTRC_EXEC]);
	fprintf(out, "duration:        %.6f s\n", (double)last_ts / 1e9);
	fprintf(out, "complete:        %s\n",
		strtrc_reader_complete(rd) ? "yes" : "no (the recorder did not finish)");
	const uint64_t lost = strtrc_reader_lost(rd);
	if (lost)
		fprintf(out, "lost:            %" PRIu64 " events (%" PRIu64 " gaps)\n", lost,
			kinds[STRTRC_LOSS]);
	else
		fputs("lost:            0\n", out);
	if (rc < 0) {
		fprintf(stderr, "strep: %s\n", strtrc_reader_error(rd));
		return 1;
	}
	if (strtrc_reader_warning(rd))
		fprintf(stderr, "strep: warning: %s\n", strtrc_reader_warning(rd));
	return 0;
}

int main(int argc, char **argv)
{
	cli_init("strep", 1);
	struct opts o = {0};
	rp_select_init(&o.sel);
	strec_filter_init(&o.raw_set);
	strec_filter_init(&o.abbrev_set);
	strec_filter_init(&o.verbose_set);
	rp_print_opts_init(&o.print);
	parse_args(&o, argc, argv);
	if (o.with_trace_id && !o.print.json)
		cli_usage_error("--with-trace-id is for --json");
	if (o.interleaved && (o.print.json || separate_files(&o)))
		cli_usage_error(
		    "--interleaved is for the text view of all tasks (not --json or --ff)");
	if (o.interleaved && o.sel.status != RP_STATUS_ALL)
		cli_usage_error(
		    "--interleaved cannot be combined with -z, -Z or -e status= (a call's "
		    "status is not known at its entry)");
	if (o.perfetto && (o.interleaved || separate_files(&o) || o.print.json))
		cli_usage_error(
		    "--format=perfetto is one JSON document: not with --interleaved, --ff "
		    "or --json");
	if (o.summary != SUMMARY_NONE && (o.perfetto || o.info || o.interleaved))
		cli_usage_error(
		    "-c and -C print strace's summary table: not with --format=perfetto, "
		    "--info or --interleaved");
	if (o.summary == SUMMARY_ONLY) {
		if (separate_files(&o))
			cli_usage_error("-c prints only the summary: not with -ff or --ff");
		exec_summary(&o);
	}
	if (o.summary == SUMMARY_AFTER) {
		struct stat st;
		if (o.print.json)
			cli_usage_error(
			    "-C puts the summary table after the trace: text only, not --json "
			    "(-c --json gives the table as JSON)");
		if (!strcmp(o.file, "-") && (fstat(STDIN_FILENO, &st) < 0 || !S_ISREG(st.st_mode)))
			cli_usage_error(
			    "-C reads the trace twice: give a file, or redirect standard input "
			    "from one");
	}

	int err = 0;
	char msg[512];
	struct strtrc_reader *rd = rp_trace_open(o.file, &err, msg, sizeof(msg));
	if (!rd) {
		fprintf(stderr, "strep: %s\n", msg);
		return 1;
	}
	const struct strtrc_header *h = strtrc_reader_header(rd);
	FILE *out = stdout;
	if (o.outfile && strcmp(o.outfile, "-") != 0) {
		const int fd = strtrc_output_open(o.outfile, STRTRC_OUTPUT_OTHER, o.force, &o.file,
						  1, msg, sizeof(msg));
		out = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!out) {
			if (fd >= 0)
				snprintf(msg, sizeof(msg), "cannot write '%s': %s", o.outfile,
					 strerror(errno));
			fprintf(stderr, "strep: %s\n", msg);
			strtrc_reader_close(rd);
			return fd == -EINVAL ? 2 : 1;
		}
	}
	static char outbuf[OUT_BUFFER_SIZE];
	setvbuf(out, outbuf, _IOFBF, sizeof(outbuf));
	if (o.info) {
		print_info(out, h, o.file);
		const int rc = print_counts(out, rd);
		strtrc_reader_close(rd);
		return fclose(out) == 0 && rc == 0 ? 0 : 1;
	}
	o.print.start_realtime_ns = h->start_realtime_ns;
	/* strace -o prints the pid before each line under -f or with several
	 * -p pids, not for one process recorded without -f */
	o.print.pid_prefix = h->follow_forks || h->npids > 1;
	/* as strace would have shown the recording (strec -e trace=...) */
	if (rp_select_recorded_filter(&o.sel, h->filter, msg, sizeof(msg)) < 0)
		fprintf(stderr, "strep: warning: %s: showing every call\n", msg);
	/* static: the printers use it until the process exits */
	static struct rp_buf trace_id;
	if (o.with_trace_id) {
		rp_trace_id_json(h, &trace_id);
		rp_buf_putc(&trace_id, '\0');
		if (trace_id.oom) {
			fputs("strep: out of memory\n", stderr);
			return 1;
		}
		o.print.json_extra = trace_id.data;
	}
	if (separate_files(&o)) {
		/* strace -ff: no pid before each line, the file names the task */
		o.print.pid_prefix = false;
		if (o.ff_dir && mkdir(o.ff_dir, 0700) < 0 && errno != EEXIST) {
			fprintf(stderr, "strep: cannot create '%s': %s\n", o.ff_dir,
				strerror(errno));
			strtrc_reader_close(rd);
			return 1;
		}
	}

	if (o.print.decode_fds & (RP_DECODE_FD_SOCKET | RP_DECODE_FD_DEV))
		o.print.fdinfo = rp_fdinfo_new();
	struct rp_session *s = rp_session_new(h);
	struct run r = {.o = &o, .out = out, .session = s};
	if (o.interleaved && s)
		rp_session_set_entry_events(s, true);
	r.printer = s ? rp_printer_new(&o.print, s) : NULL;
	if (o.perfetto && s)
		r.pf = rp_perfetto_new(&o.print, s, h);
	if (!s || !r.printer || (o.perfetto && !r.pf) ||
	    ((o.print.decode_fds & (RP_DECODE_FD_SOCKET | RP_DECODE_FD_DEV)) && !o.print.fdinfo)) {
		fputs("strep: out of memory\n", stderr);
		return 1;
	}
	if (r.pf) {
		rp_perfetto_begin(r.pf, &r.line);
		put(&r, out, r.line.data, r.line.len);
	}
	struct rp_progress progress;
	rp_progress_start(&progress, "strep", o.file);
	int status = 0;
	struct strtrc_record rec;
	int rc;
	while ((rc = strtrc_reader_next(rd, &rec)) > 0) {
		rp_progress_update(&progress, strtrc_reader_bytes_in(rd));
		if (rec.kind == STRTRC_SNAPSHOT && h->attached)
			note_attach(&o, &rec.u.snapshot);
		if (rec.kind == STRTRC_SNAPSHOT &&
		    rp_fdinfo_snapshot(o.print.fdinfo, &rec.u.snapshot) < 0) {
			fputs("strep: out of memory\n", stderr);
			status = 1;
			break;
		}
		const int frc = rp_session_feed(s, &rec, on_event, &r);
		if (frc < 0) {
			const char *const why = frc == -EPROTO ? rp_session_error(s) : NULL;
			if (why)
				fprintf(stderr, "strep: damaged trace: %s\n", why);
			else
				fprintf(stderr, "strep: %s\n",
					r.error[0] ? r.error : strerror(-frc));
			status = 1;
			break;
		}
	}
	/* what never returned is printed as " = ?", as strace does at exit */
	if (rp_session_finish(s, on_event, &r) < 0)
		status = 1;
	rp_progress_end(&progress);
	if (r.pf) {
		r.line.len = 0;
		rp_perfetto_end(r.pf, &r.line);
		put(&r, out, r.line.data, r.line.len);
		rp_perfetto_free(r.pf);
	}
	if (fflush(out) != 0 || r.write_failed) {
		fprintf(stderr, "strep: write error: %s\n", strerror(errno));
		status = 1;
	}
	if (rc < 0) {
		fprintf(stderr, "strep: %s\n", strtrc_reader_error(rd));
		status = 1;
	} else if (strtrc_reader_warning(rd)) {
		fprintf(stderr, "strep: warning: %s\n", strtrc_reader_warning(rd));
	}
	char lost_msg[160];
	if (rp_loss_warning(strtrc_reader_lost(rd), lost_msg, sizeof(lost_msg)))
		fprintf(stderr, "strep: warning: %s\n", lost_msg);
	for (size_t i = 0; rp_session_warning(s, i); i++)
		fprintf(stderr, "strep: warning: %s\n", rp_session_warning(s, i));
	bool none_seen;
	if (rc >= 0 && rp_select_unseen_text(&o.sel, msg, sizeof(msg), &none_seen)) {
		fprintf(stderr, "strep: %s%s\n", none_seen ? "" : "warning: ", msg);
		if (none_seen)
			status = 1;
	}
	if (r.il.open)
		put(&r, out, " <unfinished ...>\n", 18);
	ff_close_all(&r);
	free(r.ff);
	for (size_t i = 0; i < r.il.cut.cap; i++) {
		uint64_t c;
		if (strec_u32map_at(&r.il.cut, i, NULL, &c))
			free((struct cut_call *)(uintptr_t)c);
	}
	strec_u32map_free(&r.il.cut);
	strec_u32map_free(&r.arch);
	strec_u32map_free(&r.ff_of);
	rp_buf_free(&r.il.printed);
	rp_buf_free(&r.text);
	if (r.write_failed && separate_files(&o))
		status = 1;
	rp_printer_free(r.printer);
	rp_fdinfo_free(o.print.fdinfo);
	rp_session_free(s);
	rp_buf_free(&r.line);
	strtrc_reader_close(rd);
	rp_select_free(&o.sel);
	if (o.summary == SUMMARY_AFTER) {
		const int table = run_summary(&o, out);
		status = table > status ? table : status;
	}
	rp_fdset_free(&o.dump_read);
	rp_fdset_free(&o.dump_write);
	for (size_t i = 0; i < o.stat_argc; i++)
		free(o.stat_argv[i]);
	free(o.stat_argv);
	if (out != stdout && fclose(out) != 0)
		status = 1;
	return status;
}
