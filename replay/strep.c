/* strep: prints a strec trace as strace 6.1 would have, or as JSON lines.
 * Usage errors exit 2, damaged traces 1 (after printing every complete
 * record), success 0. */
#include "replay.h"
#include "select.h"
#include "print_perfetto.h"
#include "progress.h"

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
#include <time.h>
#include <unistd.h>

#define OUT_BUFFER_SIZE (1u << 20)

struct opts {
	struct rp_select sel; /* every filter: names, status, signals, pids, paths */
	const char *outfile;
	bool info;
	bool interleaved;
	bool perfetto; /* --format=perfetto */
	const char *ff_dir; /* --ff: one file per task in this directory */
	bool force;         /* outputs may replace traces */
	struct rp_print_opts print;
	const char *file;
};

/* The audit arch a task last made a syscall with: strace tells when a
 * process switches between 64-bit and 32-bit (int 0x80) system calls. */
struct task_arch {
	uint32_t tid;
	uint32_t arch;
};

/* --interleaved: the line left open at a syscall's entry, and the tasks
 * whose entry was cut short with "<unfinished ...>". */
struct cut_call {
	uint32_t tid;
	char *printed; /* what its entry printed, from the call's name on */
	size_t len;
};

struct interleave {
	bool open;
	uint32_t open_tid;
	struct rp_buf printed; /* the open line's text as printed at entry */
	struct cut_call *cut;
	size_t ncut, cut_cap;
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
	struct interleave il;
	struct rp_buf text; /* a rendered line being split */
	struct rp_perfetto *pf;
	struct task_arch *arch; /* each task's current personality */
	size_t narch, arch_cap;
	char error[4200]; /* why an event could not be written, if it says more than errno */
};

static const char *const long_options[] = {
	"--to_trace", "--dont_trace", "--pid",	   "--tree",	"--json", "--info",
	"--interleaved", "--help",    "--version", "--output", "--trace", "--ff", "--format", "--force", NULL,
};

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("strep: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	exit(2);
}

static void usage(FILE *f)
{
	fputs("Usage: strep [OPTIONS] FILE      (FILE '-' reads standard input)\n"
	      "Print a strec trace as strace would have printed it.\n"
	      "\n"
	      "Selection:\n"
	      "  --to_trace NAMES...    only these syscalls (names or %classes, comma or space separated)\n"
	      "  --dont_trace NAMES...  all syscalls but these\n"
	      "  -e trace=EXPR          strace's syscall expression (!, %class, /regex, all, none)\n"
	      "  -e signal=SET          signals to show (names, !negation, all, none)\n"
	      "  -e status=SET          successful,failed,unfinished (-z: successful, -Z: failed)\n"
	      "  --pid PID[,PID...]     only these processes; --tree adds their descendants\n"
	      "  -P PATH                only calls touching PATH: as a path argument, or through\n"
	      "                         a descriptor open on it (repeatable)\n"
	      "Output:\n"
	      "  -o FILE                write to FILE (never the input; not over a trace)\n"
	      "  --force                let -o and --ff replace a trace\n"
	      "  --ff DIR               one file per task, DIR/trace.TID (as strace -ff -o DIR/trace)\n"
	      "  -s N                   string limit (default 32)\n"
	      "  -x, -xx                non-ASCII strings in hex, all strings in hex\n"
	      "  -t, -tt, -ttt          time of day, with microseconds, epoch seconds\n"
	      "  -r                     time relative to the previous event\n"
	      "  -T                     time spent in each syscall\n"
	      "  -y                     descriptor paths\n"
	      "  -v                     structures in full (stat, statx, getdents...)\n"
	      "  -X FORMAT              named constants: abbrev (names, default), raw (numbers),\n"
	      "                         verbose (numbers with the names in a comment)\n"
	      "  -q, -qq                quiet: no detach lines; no exit status lines\n"
	      "  --json                 one JSON object per event\n"
	      "  --format=FMT           text (default), json (as --json), or perfetto: Chrome\n"
	      "                         trace-event JSON for ui.perfetto.dev and chrome://tracing\n"
	      "  --info                 summary of the trace header, then exit\n"
	      "  --interleaved          strace's split lines: a call starts at its entry and ends\n"
	      "                         with <unfinished ...> when another task prints before it\n"
	      "                         returns (<... name resumed> at its exit)\n"
	      "  -h, --help             this help\n"
	      "  --version              version\n"
	      "Exit status: 0 ok (a cut-short trace gives a warning), 1 runtime error or damaged\n"
	      "trace (every complete record is printed first), 2 usage error.\n",
	      f);
}

/* A selection option's error is a usage error. */
static void select_or_die(int rc, const char *msg)
{
	if (rc < 0)
		usage_error("%s", msg);
}

static void add_filter(struct opts *o, enum strec_filter_option kind, const char *text)
{
	char msg[256];
	select_or_die(strec_filter_add(&o->sel.filter, kind, text, msg, sizeof(msg)), msg);
}

static unsigned parse_uint(const char *opt, const char *text)
{
	char *end;
	errno = 0;
	const unsigned long v = strtoul(text, &end, 10);
	if (errno || *end || !*text || v > 1u << 30)
		usage_error("invalid number '%s' for %s", text, opt);
	return (unsigned)v;
}

/* The argument of an option: "--opt=VALUE", "-sVALUE" or the next word. */
static const char *opt_value(int argc, char **argv, int *i, const char *inline_val)
{
	if (inline_val)
		return inline_val;
	if (*i + 1 >= argc)
		usage_error("option '%s' needs an argument", argv[*i]);
	return argv[++*i];
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			if (o->file)
				usage_error("more than one trace file ('%s' and '%s')", o->file, a);
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
				add_filter(o, k, opt_value(argc, argv, &i, val));
				/* several names may follow the flag */
				while (!val && i + 1 < argc && strec_filter_is_name(argv[i + 1]))
					add_filter(o, k, argv[++i]);
			} else if (!strcmp(name, "--trace")) {
				add_filter(o, STREC_FILTER_TRACE_EXPR, opt_value(argc, argv, &i, val));
			} else if (!strcmp(name, "--pid")) {
				char msg[256];
				select_or_die(rp_select_pids(&o->sel, opt_value(argc, argv, &i, val), msg,
							     sizeof(msg)),
					      msg);
			} else if (!strcmp(name, "--output")) {
				o->outfile = opt_value(argc, argv, &i, val);
			} else if (!strcmp(name, "--ff")) {
				o->ff_dir = opt_value(argc, argv, &i, val);
			} else if (!strcmp(name, "--force") && !val) {
				o->force = true;
			} else if (!strcmp(name, "--tree") && !val) {
				o->sel.tree = true;
			} else if (!strcmp(name, "--format")) {
				const char *f = opt_value(argc, argv, &i, val);
				if (strcmp(f, "text") && strcmp(f, "json") && strcmp(f, "perfetto"))
					usage_error("--format: '%s' is not text, json or perfetto", f);
				o->print.json = !strcmp(f, "json");
				o->perfetto = !strcmp(f, "perfetto");
			} else if (!strcmp(name, "--json") && !val) {
				o->print.json = true;
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
					usage_error("unknown option '%s' (did you mean '%s'?)", name,
						    near);
				usage_error("unknown option '%s' (see strep --help)", name);
			}
			continue;
		}
		/* clusters of short options: -tt, -xx, -yT, -s64, -e trace=... */
		for (const char *p = a + 1; *p; p++) {
			const char *rest = p[1] ? p + 1 : NULL;
			switch (*p) {
			case 't':
				o->print.ts = o->print.ts == RP_TS_NONE	   ? RP_TS_TIME
					      : o->print.ts == RP_TS_TIME ? RP_TS_TIME_US
									   : RP_TS_EPOCH_US;
				continue;
			case 'x':
				o->print.xflag++;
				continue;
			case 'q':
				o->print.quiet++;
				continue;
			case 'r':
				o->print.relative = true;
				continue;
			case 'T':
				o->print.show_duration = true;
				continue;
			case 'y':
				o->print.yflag = true;
				continue;
			case 'v':
				o->print.verbose = true;
				continue;
			case 'z':
				o->sel.status = RP_STATUS_SUCCESSFUL;
				continue;
			case 'Z':
				o->sel.status = RP_STATUS_FAILED;
				continue;
			case 'f':
				continue; /* strace habit: forks are always in the trace */
			case 'h':
				usage(stdout);
				exit(0);
			case 's':
				o->print.max_strlen = parse_uint("-s", opt_value(argc, argv, &i, rest));
				break;
			case 'o':
				o->outfile = opt_value(argc, argv, &i, rest);
				break;
			case 'e': {
				char msg[256];
				select_or_die(rp_select_expr(&o->sel, opt_value(argc, argv, &i, rest), msg,
							     sizeof(msg)),
					      msg);
				break;
			}
			case 'p': {
				char msg[256];
				select_or_die(rp_select_pids(&o->sel, opt_value(argc, argv, &i, rest), msg,
							     sizeof(msg)),
					      msg);
				break;
			}
			case 'X': {
				const char *x = opt_value(argc, argv, &i, rest);
				if (!strcmp(x, "abbrev"))
					o->print.xlat = RP_XLAT_ABBREV;
				else if (!strcmp(x, "raw"))
					o->print.xlat = RP_XLAT_RAW;
				else if (!strcmp(x, "verbose"))
					o->print.xlat = RP_XLAT_VERBOSE;
				else
					usage_error("-X: '%s' is not raw, abbrev or verbose", x);
				break;
			}
			case 'P': {
				char msg[256];
				select_or_die(rp_select_path(&o->sel, opt_value(argc, argv, &i, rest), msg,
							     sizeof(msg)),
					      msg);
				break;
			}
			default:
				usage_error("unknown option '-%c' (see strep --help)", *p);
			}
			break; /* the rest of the word was the option's value */
		}
	}
	if (!o->file)
		usage_error("no trace file given (see strep --help)");
}

/* ---- output ---- */

/* Where the arguments of the rendered call in text start ('(' + 1), and
 * where the name starts; false when the text is not a call. */
static bool find_call(const struct rp_buf *text, const char *name, size_t *name_at, size_t *args_at)
{
	const size_t n = strlen(name);
	for (size_t i = 0; i + n < text->len; i++) {
		if (memcmp(text->data + i, name, n) == 0 && text->data[i + n] == '(') {
			*name_at = i;
			*args_at = i + n + 1;
			return true;
		}
	}
	return false;
}

/* The offset in text where argument k starts, or where the argument list
 * ends (its ')') when there are fewer: a scan outside strings and nested
 * brackets for the separating ", ". */
static size_t arg_offset(const struct rp_buf *text, size_t args_at, unsigned k)
{
	unsigned depth = 0, arg = 0;
	bool in_string = false;
	if (k == 0)
		return args_at;
	for (size_t i = args_at; i < text->len; i++) {
		const char ch = text->data[i];
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
			continue;
		}
		if (arg == k && depth == 0 && i > args_at && text->data[i - 1] == ' ' &&
		    text->data[i - 2] == ',')
			return i;
		switch (ch) {
		case '"':
			in_string = true;
			break;
		case '(':
		case '[':
		case '{':
			depth++;
			break;
		case ')':
			if (depth == 0)
				return i;
			depth--;
			break;
		case ']':
		case '}':
			if (depth)
				depth--;
			break;
		case ',':
			if (depth == 0)
				arg++;
			break;
		}
	}
	return text->len;
}

/* strace decodes arguments at entry up to the first one the kernel fills. */
static unsigned first_output_arg(const struct rp_syscall *sc)
{
	const struct sc_table *const table = sc_table_for_arch(sc->arch);
	if (!sc->desc || !table)
		return 6;
	for (unsigned i = 0; i < sc->desc->nargs && i < 6; i++) {
		const struct sc_arg a = sc_arg_effective(table, sc->nr, sc->desc, i, sc->args);
		if (a.dir == SC_DIR_OUT)
			return i;
	}
	return 6;
}

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
	if (il->ncut == il->cut_cap) {
		const size_t cap = il->cut_cap ? il->cut_cap * 2 : 16;
		struct cut_call *const more = realloc(il->cut, cap * sizeof(*more));
		if (!more)
			return -ENOMEM;
		il->cut = more;
		il->cut_cap = cap;
	}
	char *const printed = malloc(il->printed.len + 1);
	if (!printed)
		return -ENOMEM;
	memcpy(printed, il->printed.data, il->printed.len);
	il->cut[il->ncut++] = (struct cut_call){ il->open_tid, printed, il->printed.len };
	return 0;
}

/* Takes tid's cut call out of the list: true, with what its entry printed
 * in *printed (the caller frees it). */
static bool interleave_take_cut(struct interleave *il, uint32_t tid, char **printed, size_t *len)
{
	for (size_t i = 0; i < il->ncut; i++) {
		if (il->cut[i].tid == tid) {
			*printed = il->cut[i].printed;
			*len = il->cut[i].len;
			il->cut[i] = il->cut[--il->ncut];
			return true;
		}
	}
	return false;
}

/* strace's view: a call's line starts at its entry; if another task prints
 * before it returns, the line ends with "<unfinished ...>" and goes on at
 * the exit as "<... name resumed>". */
static int print_interleaved(struct run *r, const struct rp_event *ev, FILE *out)
{
	struct interleave *const il = &r->il;
	const char *const name = ev->kind == RP_EV_SYSCALL || ev->kind == RP_EV_SYSCALL_ENTRY
					 ? rp_syscall_name(&ev->u.sc)
					 : NULL;
	size_t name_at = 0, args_at = 0;
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
	const bool call = name && find_call(&r->text, name, &name_at, &args_at);
	const bool same_task = il->open && il->open_tid == ev->tid;
	int rc = 0;
	/* Events that print nothing (exec) leave the open line alone. */
	if (il->open && r->text.len && !(same_task && ev->kind == RP_EV_SYSCALL))
		rc = interleave_cut_open(r, out);
	if (rc)
		return rc;
	char *cut_printed = NULL;
	size_t cut_len = 0;
	const bool was_cut = ev->kind == RP_EV_SYSCALL &&
			     interleave_take_cut(il, ev->tid, &cut_printed, &cut_len);
	if (!call) {
		free(cut_printed);
		put(r, out, r->text.data, r->text.len);
		return 0;
	}
	const size_t split = arg_offset(&r->text, args_at, first_output_arg(&ev->u.sc));
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
	const char *const printed = was_cut ? cut_printed : il->printed.data;
	const size_t printed_len = was_cut ? cut_len : il->printed.len;
	size_t resume = name_at;
	while (resume < r->text.len && resume - name_at < printed_len &&
	       r->text.data[resume] == printed[resume - name_at])
		resume++;
	free(cut_printed);
	if (same_task) {
		il->open = false;
		put(r, out, r->text.data + resume, r->text.len - resume);
	} else if (was_cut) {
		/* never returned (the task died): strace resumes nothing */
		if (!ev->u.sc.finished)
			return 0;
		put(r, out, r->text.data, name_at);
		char resumed[128];
		const int n = snprintf(resumed, sizeof(resumed), "<... %s resumed>", name);
		put(r, out, resumed, (size_t)n);
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
	struct ff_file *entry = NULL;
	for (size_t i = 0; i < r->nff && !entry; i++) {
		if (r->ff[i].tid == tid)
			entry = &r->ff[i];
	}
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
		entry = &r->ff[r->nff++];
		entry->tid = tid;
		entry->created = false;
		entry->f = NULL;
	}
	if (r->ff_open >= FF_MAX_OPEN)
		ff_close_all(r);
	char path[4096];
	snprintf(path, sizeof(path), "%s/trace.%u", r->o->ff_dir, tid);
	if (entry->created) {
		entry->f = fopen(path, "a");
	} else {
		const int fd = strtrc_output_open(path, STRTRC_OUTPUT_OTHER, r->o->force, &r->o->file, 1,
						  r->error, sizeof(r->error));
		entry->f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (fd >= 0 && !entry->f)
			close(fd);
	}
	if (!entry->f && !r->error[0])
		snprintf(r->error, sizeof(r->error), "cannot write '%s': %s", path, strerror(errno));
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
	if (ev->kind != RP_EV_SYSCALL && ev->kind != RP_EV_SYSCALL_ENTRY)
		return 0;
	struct task_arch *entry = NULL;
	for (size_t i = 0; i < r->narch && !entry; i++) {
		if (r->arch[i].tid == ev->tid)
			entry = &r->arch[i];
	}
	if (!entry) {
		if (r->narch == r->arch_cap) {
			const size_t cap = r->arch_cap ? r->arch_cap * 2 : 16;
			struct task_arch *const more = realloc(r->arch, cap * sizeof(*more));
			if (!more)
				return -ENOMEM;
			r->arch = more;
			r->arch_cap = cap;
		}
		entry = &r->arch[r->narch++];
		*entry = (struct task_arch){ ev->tid, SC_AUDIT_ARCH_X86_64 };
	}
	if (entry->arch == ev->u.sc.arch)
		return 0;
	entry->arch = ev->u.sc.arch;
	const struct sc_table *const table = sc_table_for_arch(ev->u.sc.arch);
	const char *const mode = !table ? "unknown" : table == &sc_table_i386 ? "32 bit" : "64 bit";
	if (!r->o->print.quiet)
		fprintf(stderr, "strep: [ Process PID=%u runs in %s mode. ]\n", ev->pid, mode);
	return 0;
}

static int on_event(const struct rp_event *ev, void *ctx)
{
	struct run *r = ctx;
	if (note_personality(r, ev) < 0)
		return -ENOMEM;
	if (rp_select_follow(&r->o->sel, ev) < 0)
		return -ENOMEM;
	if (!rp_select_event(&r->o->sel, r->session, ev))
		return 0;
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
	FILE *const out = r->o->ff_dir ? ff_stream(r, ev->tid) : r->out;
	if (!out)
		return -EIO; /* r->error says why */
	if (r->line.len && fwrite(r->line.data, 1, r->line.len, out) != r->line.len)
		r->write_failed = true;
	return 0;
}

static void print_info(FILE *out, const struct strtrc_header *h, const char *file)
{
	fprintf(out, "file:            %s\n", file);
	fprintf(out, "format version:  %u\n", h->format_version);
	fprintf(out, "writer:          %s\n", h->writer ? h->writer : "?");
	fprintf(out, "arch:            %s\n", h->arch ? h->arch : "?");
	fprintf(out, "recorded with:   %s\n", h->backend ? h->backend : "ptrace");
	fprintf(out, "kernel:          %s\n", h->kernel ? h->kernel : "?");
	fprintf(out, "hostname:        %s\n", h->hostname ? h->hostname : "?");
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
		fputs("command:        ", out);
		for (size_t i = 0; i < h->command_argc; i++)
			fprintf(out, " %s", h->command_argv[i]);
		fputs("\n", out);
	}
	fputs("recorder argv:  ", out);
	for (size_t i = 0; i < h->recorder_argc; i++)
		fprintf(out, " %s", h->recorder_argv[i]);
	fputs("\n", out);
	fprintf(out, "environment:     %s\n",
		h->env_recorded ? "recorded" : "not recorded");
	if (!h->scrubbed)
		return;
	const struct strtrc_scrub *const sc = &h->scrub;
	fprintf(out, "scrubbed:        by %s:%s%s%s\n", sc->tool ? sc->tool : "?",
		sc->buffers ? " buffer contents dropped" : "", sc->argv ? ", argv dropped" : "",
		sc->env ? ", environment dropped" : "");
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
	uint64_t kinds[STRTRC_KIND_COUNT] = { 0 }, threads = 0, last_ts = 0;
	struct strtrc_record rec;
	int rc;
	while ((rc = strtrc_reader_next(rd, &rec)) > 0) {
		if ((unsigned)rec.kind < STRTRC_KIND_COUNT)
			kinds[rec.kind]++;
		if (rec.kind == STRTRC_SPAWN && (rec.u.spawn.clone_flags & 0x10000)) /* CLONE_THREAD */
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
	struct opts o = { 0 };
	rp_select_init(&o.sel);
	rp_print_opts_init(&o.print);
	parse_args(&o, argc, argv);
	if (o.interleaved && (o.print.json || o.ff_dir))
		usage_error("--interleaved is for the text view of all tasks (not --json or --ff)");
	if (o.interleaved && o.sel.status != RP_STATUS_ALL)
		usage_error("--interleaved cannot be combined with -z, -Z or -e status= (a call's "
			    "status is not known at its entry)");
	if (o.perfetto && (o.interleaved || o.ff_dir || o.print.json))
		usage_error("--format=perfetto is one JSON document: not with --interleaved, --ff "
			    "or --json");

	int err = 0;
	char msg[512];
	struct strtrc_reader *rd = strtrc_reader_open_path(o.file, &err, msg, sizeof(msg));
	if (!rd) {
		fprintf(stderr, "strep: %s\n", msg);
		return 1;
	}
	(void)strtrc_reader_readahead(rd); /* where it cannot run, reading goes on here */
	const struct strtrc_header *h = strtrc_reader_header(rd);
	FILE *out = stdout;
	if (o.outfile && strcmp(o.outfile, "-") != 0) {
		const int fd = strtrc_output_open(o.outfile, STRTRC_OUTPUT_OTHER, o.force, &o.file, 1,
						  msg, sizeof(msg));
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
	if (o.ff_dir) {
		/* strace -ff: no pid before each line, the file names the task */
		o.print.pid_prefix = false;
		if (mkdir(o.ff_dir, 0700) < 0 && errno != EEXIST) {
			fprintf(stderr, "strep: cannot create '%s': %s\n", o.ff_dir, strerror(errno));
			strtrc_reader_close(rd);
			return 1;
		}
	}

	struct rp_session *s = rp_session_new(h);
	struct run r = { .o = &o, .out = out, .session = s };
	if (o.interleaved && s)
		rp_session_set_entry_events(s, true);
	r.printer = s ? rp_printer_new(&o.print, s) : NULL;
	if (o.perfetto && s)
		r.pf = rp_perfetto_new(&o.print, s, h);
	if (!s || !r.printer || (o.perfetto && !r.pf)) {
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
		const int frc = rp_session_feed(s, &rec, on_event, &r);
		if (frc < 0) {
			fprintf(stderr, "strep: %s\n", r.error[0] ? r.error : strerror(-frc));
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
	if (r.il.open)
		put(&r, out, " <unfinished ...>\n", 18);
	ff_close_all(&r);
	free(r.ff);
	for (size_t i = 0; i < r.il.ncut; i++)
		free(r.il.cut[i].printed);
	free(r.il.cut);
	free(r.arch);
	rp_buf_free(&r.il.printed);
	rp_buf_free(&r.text);
	if (r.write_failed && o.ff_dir)
		status = 1;
	rp_printer_free(r.printer);
	rp_session_free(s);
	rp_buf_free(&r.line);
	strtrc_reader_close(rd);
	rp_select_free(&o.sel);
	if (out != stdout && fclose(out) != 0)
		status = 1;
	return status;
}
