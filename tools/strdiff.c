/* strdiff: what did the failing run do differently? Compares two recordings
 * of (roughly) the same command: matches their processes by place in the
 * tree and what they exec'd, threads by creation order, aligns each pair's
 * normalized calls and reports a summary, then the first divergence and the
 * other differences in strep's text, diff -u style.
 * Exit: 0 no differences, 1 differences, 2 trouble (usage, unreadable or
 * damaged trace: what was read is compared first). */
#include "diff_align.h"
#include "diff_norm.h"
#include "diff_trace.h"
#include "cli.h"
#include "select.h"
#include "stat.h"

#include "filter.h"
#include "names.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_SAME    0
#define EXIT_DIFFER  1
#define EXIT_TROUBLE 2

/* Calls shown per side of one block of changes; the rest are counted. */
#define MAX_BLOCK_LINES 50
/* How far ahead in B a changed call of A looks for its counterpart (the
 * same syscall) within one block of changes. */
#define PAIR_LOOKAHEAD 64

struct opts {
	struct rp_select sel_a, sel_b; /* the same filters; --pid only in A's */
	bool pids_given;
	struct dt_opts trace;
	struct strec_filter volatile_calls;
	bool volatile_given;
	char **volatile_keys;
	size_t nvolatile_keys;
	unsigned context;
	unsigned top;
	bool timing;
	bool summary_only;
	bool json;
	const char *outfile;
	bool force;
	const char *files[2];
};

static void usage(FILE *f)
{
	fputs("Usage: strdiff [OPTIONS] A.trc B.trc   (one of them may be '-', standard input)\n"
	      "What did run B do differently from run A? Matches the processes of two strec\n"
	      "traces by their place in the tree and what they exec'd (threads by creation\n"
	      "order), aligns each pair's calls after normalization (thread ids, addresses,\n"
	      "clocks, descriptor numbers as the files they refer to, random bytes) and prints\n"
	      "a summary, then the first divergence and the other differences, diff -u style,\n"
	      "in strep's text ('-' only in A, '+' only in B).\n"
	      "\n"
	      "Filters (as strep's; --pid names processes of A, and their matches in B):\n"
	      "  --to_trace NAMES...    only these syscalls (names or %classes)\n"
	      "  --dont_trace NAMES...  all syscalls but these\n"
	      "  -e trace=EXPR          strace's syscall expression; -e signal=SET, -e status=SET\n"
	      "  -z, -Z                 only successful / only failed calls\n"
	      "  --pid PID[,PID...]     only these processes of A; --tree adds their descendants\n"
	      "  -P PATH                only calls that access PATH (may be repeated)\n"
	      "Comparison:\n"
	      "  --volatile WHAT        also ignore WHAT (repeatable; comma-separated): a syscall\n"
	      "                         name or %class, compared by name and outcome only, or\n"
	      "                         a field FIELD= whose values are ignored (st_size=)\n"
	      "Output:\n"
	      "  --context N            calls of context around each difference (default 3)\n"
	      "  --summary              the summary only, no differences listed\n"
	      "  --timing               add the syscalls whose time changed most (totals,\n"
	      "                         medians and 99th percentiles of both runs)\n"
	      "  --top N                rows of the summary's lists (default 10)\n"
	      "  -s N                   string limit of decoded calls (default 32)\n"
	      "  -y, -yy                descriptors always show their paths (they are compared by\n"
	      "                         them); -yy adds sockets' endpoints and devices' numbers\n"
	      "  --json                 one JSON object instead of text\n"
	      "  -o, --output FILE      write to FILE (never an input; not over a trace)\n"
	      "  --force                let -o replace a trace\n"
	      "  -h, --help             this help\n"
	      "  --version              version\n"
	      "Exit status: 0 no differences (after normalization), 1 differences, 2 trouble\n"
	      "(usage, unreadable or damaged trace: what was read is compared first).\n",
	      f);
}

/* ---- options ---- */

static const char *const long_options[] = {
    "--to_trace", "--dont_trace", "--trace",   "--pid", "--tree", "--volatile",
    "--context",  "--summary",	  "--timing",  "--top", "--json", "--output",
    "--force",	  "--help",	  "--version", NULL,
};

static void add_filter(struct opts *o, enum strec_filter_option kind, const char *text)
{
	char msg[256];
	cli_select_or_die(strec_filter_add(&o->sel_a.filter, kind, text, msg, sizeof(msg)), msg);
	cli_select_or_die(strec_filter_add(&o->sel_b.filter, kind, text, msg, sizeof(msg)), msg);
}

static void parse_e(struct opts *o, const char *expr)
{
	char msg[256];
	cli_select_or_die(rp_select_expr(&o->sel_a, expr, msg, sizeof(msg)), msg);
	cli_select_or_die(rp_select_expr(&o->sel_b, expr, msg, sizeof(msg)), msg);
}

static void parse_status(struct opts *o, const char *set)
{
	char msg[256];
	cli_select_or_die(rp_select_status(&o->sel_a, set, msg, sizeof(msg)), msg);
	cli_select_or_die(rp_select_status(&o->sel_b, set, msg, sizeof(msg)), msg);
}

static void parse_path(struct opts *o, const char *path)
{
	char msg[256];
	cli_select_or_die(rp_select_path(&o->sel_a, path, msg, sizeof(msg)), msg);
	cli_select_or_die(rp_select_path(&o->sel_b, path, msg, sizeof(msg)), msg);
}

static void parse_pids(struct opts *o, const char *list)
{
	char msg[256];
	cli_select_or_die(rp_select_pids(&o->sel_a, list, msg, sizeof(msg)), msg);
	o->pids_given = true;
}

/* --volatile: FIELD= items name fields, the others syscalls. */
static void parse_volatile(struct opts *o, const char *text)
{
	char *copy = strdup(text);
	if (!copy)
		cli_oom();
	for (char *save = NULL, *item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		const size_t len = strlen(item);
		if (len > 1 && item[len - 1] == '=') {
			char **v = realloc(o->volatile_keys, (o->nvolatile_keys + 1) * sizeof(*v));
			if (!v || !(v[o->nvolatile_keys] = strndup(item, len - 1)))
				cli_oom();
			o->volatile_keys = v;
			o->nvolatile_keys++;
			continue;
		}
		char msg[256];
		if (strec_filter_add(&o->volatile_calls, STREC_FILTER_TO_TRACE, item, msg,
				     sizeof(msg)) < 0)
			cli_usage_error("--volatile: %s", msg);
		o->volatile_given = true;
	}
	free(copy);
}

/* How many trace operands are still to come (set while parsing). */
static int operands_missing = 2;

/* Whether the words from argv[from] on still hold the missing operands:
 * the rule of space-separated lists (strec_filter_list_continues). */
static bool operands_follow(int argc, char *const argv[], int from)
{
	int files = 0;
	for (int i = from; i < argc; i++) {
		if (argv[i][0] != '-' || !strcmp(argv[i], "-"))
			files++;
	}
	return files >= operands_missing;
}

static void parse_long(struct opts *o, int argc, char **argv, int *i, int nfiles)
{
	const char *a = argv[*i];
	char name[64];
	const char *eq = strchr(a, '=');
	const size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
	snprintf(name, sizeof(name), "%.*s", (int)nlen, a);
	const char *val = eq ? eq + 1 : NULL;
	if (!strcmp(name, "--to_trace") || !strcmp(name, "--dont_trace")) {
		const enum strec_filter_option k =
		    name[2] == 't' ? STREC_FILTER_TO_TRACE : STREC_FILTER_DONT_TRACE;
		add_filter(o, k, cli_opt_value(argc, argv, i, val));
		operands_missing = 2 - nfiles;
		while (!val && strec_filter_list_continues(argc, argv, *i + 1, nfiles == 2,
							   operands_follow))
			add_filter(o, k, argv[++*i]);
	} else if (!strcmp(name, "--trace")) {
		add_filter(o, STREC_FILTER_TRACE_EXPR, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--pid")) {
		parse_pids(o, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--tree") && !val) {
		o->sel_a.tree = true;
	} else if (!strcmp(name, "--volatile")) {
		parse_volatile(o, cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--context")) {
		o->context = cli_parse_uint("--context", cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--summary") && !val) {
		o->summary_only = true;
	} else if (!strcmp(name, "--timing") && !val) {
		o->timing = true;
	} else if (!strcmp(name, "--top")) {
		o->top = cli_parse_uint("--top", cli_opt_value(argc, argv, i, val));
	} else if (!strcmp(name, "--json") && !val) {
		o->json = true;
	} else if (!strcmp(name, "--output")) {
		o->outfile = cli_opt_value(argc, argv, i, val);
	} else if (!strcmp(name, "--force") && !val) {
		o->force = true;
	} else if (!strcmp(name, "--help") && !val) {
		usage(stdout);
		exit(EXIT_SAME);
	} else if (!strcmp(name, "--version") && !val) {
		printf("strdiff (strec) %s\n", STREC_VERSION);
		exit(EXIT_SAME);
	} else {
		const char *near = strec_closest(name, long_options, 0);
		if (near)
			cli_usage_error("unknown option '%s' (did you mean '%s'?)", name, near);
		cli_usage_error("unknown option '%s' (see strdiff --help)", name);
	}
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	bool only_files = false;
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			if (nfiles == 2)
				cli_usage_error("more than two trace files ('%s', '%s' and '%s')",
						o->files[0], o->files[1], a);
			o->files[nfiles++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_files = true;
			continue;
		}
		if (a[1] == '-') {
			parse_long(o, argc, argv, &i, nfiles);
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			const char *rest = p[1] ? p + 1 : NULL;
			switch (*p) {
			case 'z':
				parse_status(o, "successful");
				continue;
			case 'Z':
				parse_status(o, "failed");
				continue;
			case 'y':
				o->trace.print.decode_fds =
				    p[1] == 'y' ? RP_DECODE_FD_ALL : RP_DECODE_FD_PATH;
				if (p[1] == 'y')
					p++;
				continue;
			case 'h':
				usage(stdout);
				exit(EXIT_SAME);
			case 's':
				o->trace.print.max_strlen =
				    cli_parse_uint("-s", cli_opt_value(argc, argv, &i, rest));
				break;
			case 'o':
				o->outfile = cli_opt_value(argc, argv, &i, rest);
				break;
			case 'e':
				parse_e(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'p':
				parse_pids(o, cli_opt_value(argc, argv, &i, rest));
				break;
			case 'P':
				parse_path(o, cli_opt_value(argc, argv, &i, rest));
				break;
			default:
				cli_usage_error("unknown option '-%c' (see strdiff --help)", *p);
			}
			break; /* the rest of the word was the option's value */
		}
	}
	if (nfiles != 2)
		cli_usage_error("two trace files are needed (see strdiff --help)");
	if (!strcmp(o->files[0], "-") && !strcmp(o->files[1], "-"))
		cli_usage_error("only one of the traces can be standard input");
}

/* ---- matching processes ---- */

/* A line of the report's process table: a matched pair, or a process of
 * one trace only (the other index SIZE_MAX). */
struct entry {
	size_t a, b;
	bool shown;
	uint64_t only_a, only_b, changed;
	uint64_t calls_a, calls_b;
};

/* The alignment of one pair of threads (or one thread alone). */
struct tscript {
	size_t entry;
	unsigned thread;
	size_t ta, tb; /* task indices, SIZE_MAX: none */
	struct da_script s;
};

/* Differences close enough to show together: runs r0..r1 of a script,
 * the first and last equal ones cut to the context. */
struct hunk {
	size_t script;
	size_t r0, r1;
	uint64_t ts; /* of its first change, in its trace */
};

/* A call whose outcome changed (success and failure, or the errno). */
struct rchange {
	size_t script;
	size_t ai, bi;
	int rank; /* 0 succeeded in A, failed in B; 1 the reverse; 2 another errno */
};

struct diff {
	struct opts *o;
	struct dt_trace t[2];
	size_t *match[2]; /* per process: the other trace's match, or SIZE_MAX */
	struct entry *entries;
	size_t nentries, entries_cap;
	struct tscript *scripts;
	size_t nscripts, scripts_cap;
	struct hunk *hunks;
	size_t nhunks, hunks_cap;
	struct rchange *rchanges;
	size_t nrchanges, rchanges_cap;
	size_t first; /* the first divergence (index in hunks), or SIZE_MAX */
	uint64_t gave_up;
	bool differ;
};

static void push(void **v, size_t *cap, size_t n, size_t elem)
{
	if (st_grow(v, cap, n, elem) < 0)
		cli_oom();
}

static size_t add_entry(struct diff *d, size_t a, size_t b, bool shown)
{
	push((void **)&d->entries, &d->entries_cap, d->nentries, sizeof(*d->entries));
	d->entries[d->nentries] = (struct entry){.a = a, .b = b, .shown = shown};
	if (a != SIZE_MAX)
		d->match[0][a] = b;
	if (b != SIZE_MAX)
		d->match[1][b] = a;
	return d->nentries++;
}

static bool shown_in_a(const struct diff *d, size_t a)
{
	return rp_select_has_pid(&d->t[0].sel, d->t[0].procs[a].pid);
}

/* Pairs the processes la[0..na) of A with lb[0..nb) of B (siblings, in
 * creation order): by what they exec'd, aligned as calls are; in a block
 * of unpaired ones, those that ran the same images (other arguments) in
 * order. Appends an entry for each, shown as parent_shown says for those
 * of B alone. */
static void match_siblings(struct diff *d, const size_t *la, size_t na, const size_t *lb, size_t nb,
			   bool parent_shown)
{
	uint64_t *ka = malloc((na + 1) * sizeof(*ka)), *kb = malloc((nb + 1) * sizeof(*kb));
	if (!ka || !kb)
		cli_oom();
	for (size_t i = 0; i < na; i++)
		ka[i] = d->t[0].procs[la[i]].sig;
	for (size_t j = 0; j < nb; j++)
		kb[j] = d->t[1].procs[lb[j]].sig;
	struct da_script s = {0};
	if (da_align(ka, na, kb, nb, NULL, &s) < 0)
		cli_oom();
	for (size_t r = 0; r < s.n;) {
		if (s.v[r].op == DA_EQUAL) {
			for (size_t k = 0; k < s.v[r].n; k++)
				add_entry(d, la[s.v[r].a + k], lb[s.v[r].b + k],
					  shown_in_a(d, la[s.v[r].a + k]));
			r++;
			continue;
		}
		/* a block of unpaired siblings */
		size_t a0 = SIZE_MAX, a1 = 0, b0 = SIZE_MAX, b1 = 0;
		for (; r < s.n && s.v[r].op != DA_EQUAL; r++) {
			const struct da_run *run = &s.v[r];
			if (run->op == DA_DELETE) {
				a0 = a0 == SIZE_MAX ? run->a : a0;
				a1 = run->a + run->n;
			} else {
				b0 = b0 == SIZE_MAX ? run->b : b0;
				b1 = run->b + run->n;
			}
		}
		size_t j = b0;
		for (size_t i = a0; a0 != SIZE_MAX && i < a1; i++) {
			const uint64_t exe = d->t[0].procs[la[i]].exe_sig;
			size_t found = SIZE_MAX;
			for (size_t k = j; b0 != SIZE_MAX && k < b1 && found == SIZE_MAX; k++) {
				if (d->t[1].procs[lb[k]].exe_sig == exe)
					found = k;
			}
			if (found == SIZE_MAX) {
				add_entry(d, la[i], SIZE_MAX, shown_in_a(d, la[i]));
				continue;
			}
			for (; j < found; j++)
				add_entry(d, SIZE_MAX, lb[j], parent_shown);
			add_entry(d, la[i], lb[found], shown_in_a(d, la[i]));
			j = found + 1;
		}
		for (; b0 != SIZE_MAX && j < b1; j++)
			add_entry(d, SIZE_MAX, lb[j], parent_shown);
	}
	da_script_free(&s);
	free(ka);
	free(kb);
}

static size_t *roots(const struct dt_trace *t, size_t *n)
{
	size_t *v = malloc((t->nprocs + 1) * sizeof(*v));
	if (!v)
		cli_oom();
	*n = 0;
	for (size_t i = 0; i < t->nprocs; i++) {
		if (t->procs[i].parent == SIZE_MAX && !t->procs[i].merged)
			v[(*n)++] = i;
	}
	return v;
}

/* Entries for every process, breadth first from the roots: each matched
 * pair's children are matched in turn; an unmatched process's children
 * are unmatched too. */
static void match_processes(struct diff *d)
{
	for (int s = 0; s < 2; s++) {
		d->match[s] = malloc((d->t[s].nprocs + 1) * sizeof(size_t));
		if (!d->match[s])
			cli_oom();
		for (size_t i = 0; i < d->t[s].nprocs; i++)
			d->match[s][i] = SIZE_MAX;
	}
	size_t na, nb;
	size_t *ra = roots(&d->t[0], &na), *rb = roots(&d->t[1], &nb);
	match_siblings(d, ra, na, rb, nb, !d->o->pids_given);
	free(ra);
	free(rb);
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry en = d->entries[e];
		const struct dt_proc *pa = en.a != SIZE_MAX ? &d->t[0].procs[en.a] : NULL;
		const struct dt_proc *pb = en.b != SIZE_MAX ? &d->t[1].procs[en.b] : NULL;
		if (pa && pb) {
			match_siblings(d, pa->children, pa->nchildren, pb->children, pb->nchildren,
				       en.shown);
			continue;
		}
		const struct dt_proc *p = pa ? pa : pb;
		for (size_t k = 0; k < p->nchildren; k++) {
			if (pa)
				add_entry(d, p->children[k], SIZE_MAX,
					  shown_in_a(d, p->children[k]));
			else
				add_entry(d, SIZE_MAX, p->children[k], en.shown);
		}
	}
}

/* ---- aligning calls ---- */

static const struct dt_task *task(const struct diff *d, int side, size_t ti)
{
	return ti == SIZE_MAX ? NULL : &d->t[side].tasks[ti];
}

static bool same_kind(const struct dt_call *a, const struct dt_call *b)
{
	return a->nr == b->nr;
}

/* A block of changes: A's calls [a0, a1) against B's [b0, b1). Pairs the
 * calls of the same syscall, in order, as changed; the rest are only in
 * one run. */
static void count_block(struct diff *d, size_t si, size_t a0, size_t a1, size_t b0, size_t b1)
{
	struct tscript *ts = &d->scripts[si];
	struct entry *en = &d->entries[ts->entry];
	const struct dt_task *ta = task(d, 0, ts->ta), *tb = task(d, 1, ts->tb);
	size_t j = b0;
	uint64_t changed = 0;
	for (size_t i = a0; i < a1; i++) {
		size_t found = SIZE_MAX;
		for (size_t k = j; k < b1 && k < j + PAIR_LOOKAHEAD && found == SIZE_MAX; k++) {
			if (same_kind(&ta->calls[i], &tb->calls[k]))
				found = k;
		}
		if (found == SIZE_MAX)
			continue;
		changed++;
		const struct dt_call *ca = &ta->calls[i], *cb = &tb->calls[found];
		int rank = -1;
		if (ca->nr != DT_NO_NR && ca->finished && cb->finished) {
			if (!ca->failed && cb->failed)
				rank = 0;
			else if (ca->failed && !cb->failed)
				rank = 1;
			else if (ca->failed && ca->err != cb->err)
				rank = 2;
		}
		if (rank >= 0) {
			push((void **)&d->rchanges, &d->rchanges_cap, d->nrchanges,
			     sizeof(*d->rchanges));
			d->rchanges[d->nrchanges++] =
			    (struct rchange){.script = si, .ai = i, .bi = found, .rank = rank};
		}
		j = found + 1;
	}
	en->changed += changed;
	en->only_a += (a1 - a0) - changed;
	en->only_b += (b1 - b0) - changed;
}

static uint64_t block_ts(const struct diff *d, const struct tscript *ts, size_t a0, size_t a1,
			 size_t b0)
{
	if (a0 < a1)
		return d->t[0].tasks[ts->ta].calls[a0].ts_ns;
	/* only in B: when A was where B diverged (its previous call) */
	if (ts->ta != SIZE_MAX && a0 > 0)
		return d->t[0].tasks[ts->ta].calls[a0 - 1].ts_ns;
	return d->t[1].tasks[ts->tb].calls[b0].ts_ns;
}

/* The hunks of script si: blocks of changes with the equal runs between
 * them when those are short enough to show whole. */
static void make_hunks(struct diff *d, size_t si)
{
	const struct da_script *s = &d->scripts[si].s;
	const size_t join = 2 * (size_t)d->o->context;
	const size_t first_hunk = d->nhunks;
	size_t open = SIZE_MAX; /* the hunk being built */
	for (size_t r = 0; r < s->n;) {
		if (s->v[r].op == DA_EQUAL) {
			r++;
			continue;
		}
		const size_t start = r;
		size_t a0 = s->v[r].a, b0 = s->v[r].b, a1 = a0, b1 = b0;
		for (; r < s->n && s->v[r].op != DA_EQUAL; r++) {
			if (s->v[r].op == DA_DELETE)
				a1 = s->v[r].a + s->v[r].n;
			else
				b1 = s->v[r].b + s->v[r].n;
		}
		count_block(d, si, a0, a1, b0, b1);
		d->differ = true;
		if (open != SIZE_MAX && start > 0 && s->v[start - 1].n <= join &&
		    d->hunks[open].r1 == start - 1) {
			d->hunks[open].r1 = r;
			continue;
		}
		push((void **)&d->hunks, &d->hunks_cap, d->nhunks, sizeof(*d->hunks));
		open = d->nhunks++;
		d->hunks[open] = (struct hunk){.script = si,
					       .r0 = start > 0 ? start - 1 : start,
					       .r1 = r,
					       .ts = block_ts(d, &d->scripts[si], a0, a1, b0)};
	}
	/* the equal run after the last change closes a hunk (context) */
	for (size_t h = first_hunk; h < d->nhunks; h++) {
		if (d->hunks[h].r1 < s->n && s->v[d->hunks[h].r1].op == DA_EQUAL)
			d->hunks[h].r1++;
	}
}

static void align_tasks(struct diff *d, size_t e, unsigned thread, size_t ta, size_t tb)
{
	push((void **)&d->scripts, &d->scripts_cap, d->nscripts, sizeof(*d->scripts));
	const size_t si = d->nscripts++;
	struct tscript *ts = &d->scripts[si];
	*ts = (struct tscript){.entry = e, .thread = thread, .ta = ta, .tb = tb};
	const struct dt_task *a = task(d, 0, ta), *b = task(d, 1, tb);
	struct entry *en = &d->entries[e];
	en->calls_a += a ? a->n : 0;
	en->calls_b += b ? b->n : 0;
	if (da_align(a ? a->keys : NULL, a ? a->n : 0, b ? b->keys : NULL, b ? b->n : 0, NULL,
		     &ts->s) < 0)
		cli_oom();
	d->gave_up += ts->s.gave_up;
	make_hunks(d, si);
}

static void align_all(struct diff *d)
{
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry en = d->entries[e];
		if (!en.shown)
			continue;
		const struct dt_proc *pa = en.a != SIZE_MAX ? &d->t[0].procs[en.a] : NULL;
		const struct dt_proc *pb = en.b != SIZE_MAX ? &d->t[1].procs[en.b] : NULL;
		/* a process in one run only differs even when it made no selected call */
		if (!pa || !pb)
			d->differ = true;
		const size_t nt = (pa ? pa->ntasks : 0) > (pb ? pb->ntasks : 0) ? pa->ntasks
				  : pb						? pb->ntasks
										: 0;
		for (size_t k = 0; k < nt; k++) {
			const size_t ta = pa && k < pa->ntasks ? pa->tasks[k] : SIZE_MAX;
			const size_t tb = pb && k < pb->ntasks ? pb->tasks[k] : SIZE_MAX;
			if (ta == SIZE_MAX || tb == SIZE_MAX)
				d->differ = true; /* a thread in one run only */
			align_tasks(d, e, (unsigned)k, ta, tb);
		}
	}
	d->first = SIZE_MAX;
	for (size_t h = 0; h < d->nhunks; h++) {
		if (d->first == SIZE_MAX || d->hunks[h].ts < d->hunks[d->first].ts)
			d->first = h;
	}
}

static int cmp_rchange(const void *x, const void *y)
{
	const struct rchange *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->script != b->script)
		return a->script < b->script ? -1 : 1;
	return a->ai < b->ai ? -1 : a->ai > b->ai;
}

static bool exit_differs(const struct diff *d, const struct entry *en)
{
	if (en->a == SIZE_MAX || en->b == SIZE_MAX)
		return false;
	const struct dt_proc *pa = &d->t[0].procs[en->a], *pb = &d->t[1].procs[en->b];
	return pa->has_status != pb->has_status ||
	       (pa->has_status && pa->wait_status != pb->wait_status);
}

static bool threads_differ(const struct diff *d, const struct entry *en)
{
	return en->a != SIZE_MAX && en->b != SIZE_MAX &&
	       d->t[0].procs[en->a].ntasks != d->t[1].procs[en->b].ntasks;
}

/* ---- what the report says besides the calls ---- */

/* Files touched by the shown processes of trace s (flags per path). */
static bool *touched_paths(const struct diff *d, int s)
{
	const struct dt_trace *t = &d->t[s];
	bool *v = calloc(t->npaths + 1, sizeof(*v));
	bool *proc_shown = calloc(t->nprocs + 1, sizeof(*proc_shown));
	if (!v || !proc_shown)
		cli_oom();
	for (size_t e = 0; e < d->nentries; e++) {
		const size_t p = s ? d->entries[e].b : d->entries[e].a;
		if (p != SIZE_MAX)
			proc_shown[p] = d->entries[e].shown;
	}
	for (size_t i = 0; i < t->ntouches; i++) {
		if (proc_shown[t->touches[i].proc])
			v[t->touches[i].path] = true;
	}
	free(proc_shown);
	return v;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Paths touched in run s and not in the other, sorted. */
static const char **files_only(const struct diff *d, int s, size_t *n)
{
	bool *mine = touched_paths(d, s), *theirs = touched_paths(d, !s);
	const struct dt_trace *t = &d->t[s], *u = &d->t[!s];
	const char **v = malloc((t->npaths + 1) * sizeof(*v));
	if (!v)
		cli_oom();
	*n = 0;
	for (size_t i = 0; i < t->npaths; i++) {
		if (!mine[i])
			continue;
		const size_t j = st_map_get_str(&u->paths, t->pathv[i]);
		if (j == SIZE_MAX || !theirs[j])
			v[(*n)++] = t->pathv[i];
	}
	qsort(v, *n, sizeof(*v), cmp_str);
	free(mine);
	free(theirs);
	return v;
}

/* --timing: one syscall's time in both runs. */
struct timing {
	char *name;
	uint64_t calls[2], total_us[2];
	uint64_t min_us[2], max_us[2];
	struct st_hist hist[2];
};

static int64_t timing_delta(const struct timing *t)
{
	return (int64_t)t->total_us[1] - (int64_t)t->total_us[0];
}

static int cmp_timing(const void *x, const void *y)
{
	const struct timing *a = x, *b = y;
	const int64_t da = timing_delta(a), db = timing_delta(b);
	const uint64_t ma = (uint64_t)(da < 0 ? -da : da), mb = (uint64_t)(db < 0 ? -db : db);
	if (ma != mb)
		return ma > mb ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Per syscall (by name), the time of the shown calls of both runs,
 * biggest change of the total first. */
static struct timing *timings(const struct diff *d, size_t *n)
{
	struct st_map by_name = {0};
	struct timing *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t si = 0; si < d->nscripts; si++) {
		for (int s = 0; s < 2; s++) {
			const struct dt_task *tk =
			    task(d, s, s ? d->scripts[si].tb : d->scripts[si].ta);
			for (size_t i = 0; tk && i < tk->n; i++) {
				const struct dt_call *c = &tk->calls[i];
				if (c->nr == DT_NO_NR || !c->finished)
					continue;
				const char *text = dt_text(&d->t[s], c);
				char name[64];
				snprintf(name, sizeof(name), "%.*s", (int)strcspn(text, "("), text);
				size_t k = st_map_get_str(&by_name, name);
				if (k == SIZE_MAX) {
					push((void **)&v, &cap, *n, sizeof(*v));
					k = (*n)++;
					memset(&v[k], 0, sizeof(v[k]));
					v[k].min_us[0] = v[k].min_us[1] = UINT64_MAX;
					if (!(v[k].name = strdup(name)) ||
					    st_map_put_str(&by_name, v[k].name, k) < 0)
						cli_oom();
				}
				struct timing *tm = &v[k];
				tm->calls[s]++;
				tm->total_us[s] += c->dur_us;
				if (c->dur_us < tm->min_us[s])
					tm->min_us[s] = c->dur_us;
				if (c->dur_us > tm->max_us[s])
					tm->max_us[s] = c->dur_us;
				if (st_hist_add(&tm->hist[s], c->dur_us) < 0)
					cli_oom();
			}
		}
	}
	st_map_free(&by_name);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_timing);
	return v;
}

static void timings_free(struct timing *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		st_hist_free(&v[i].hist[0]);
		st_hist_free(&v[i].hist[1]);
	}
	free(v);
}

static uint64_t timing_pct(const struct timing *t, int s, double p)
{
	return t->calls[s] ? st_hist_percentile(&t->hist[s], p, t->min_us[s], t->max_us[s]) : 0;
}

/* ---- the report ---- */

struct out {
	struct diff *d;
	FILE *f;
	bool json;
	struct rp_buf b;	 /* JSON: the whole document */
	bool first_item;	 /* JSON: no comma before the next value */
	const struct hunk *hunk; /* the hunk whose lines are being emitted */
};

static void jstr(struct rp_buf *b, const char *s)
{
	if (!s) {
		rp_buf_puts(b, "null");
		return;
	}
	rp_json_string(b, (const uint8_t *)s, strlen(s));
}

static const char *side_name(int s)
{
	return s ? "B" : "A";
}

static const char *command_of(const struct dt_proc *p)
{
	return p && p->command ? p->command : p && p->exe ? p->exe : NULL;
}

/* "pid 1234|5678 (cmd)" or "pid 1234|- (cmd)". */
static void entry_label(const struct diff *d, const struct entry *en, struct rp_buf *b)
{
	const struct dt_proc *pa = en->a != SIZE_MAX ? &d->t[0].procs[en->a] : NULL;
	const struct dt_proc *pb = en->b != SIZE_MAX ? &d->t[1].procs[en->b] : NULL;
	rp_buf_puts(b, "pid ");
	if (pa)
		rp_buf_printf(b, "%u", pa->pid);
	else
		rp_buf_putc(b, '-');
	rp_buf_putc(b, '|');
	if (pb)
		rp_buf_printf(b, "%u", pb->pid);
	else
		rp_buf_putc(b, '-');
	const char *ca = command_of(pa), *cb = command_of(pb);
	if (ca && cb && strcmp(ca, cb) != 0)
		rp_buf_printf(b, " (%s | %s)", ca, cb);
	else if (ca || cb)
		rp_buf_printf(b, " (%s)", ca ? ca : cb);
}

static void header_label(const struct dt_trace *t, struct rp_buf *b)
{
	const struct strtrc_header *h = t->header;
	for (size_t i = 0; i < h->command_argc; i++) {
		if (i)
			rp_buf_putc(b, ' ');
		rp_shell_word(b, h->command_argv[i], strlen(h->command_argv[i]));
	}
	if (!h->command_argc)
		rp_buf_puts(b, h->attached ? "(attached)" : "(no command)");
}

/* Header fields that differ (they are shown, not counted). */
struct hdiff {
	const char *field;
	char a[256], b[256];
};

static size_t header_diffs(const struct diff *d, struct hdiff *v, size_t cap)
{
	const struct strtrc_header *h[2] = {d->t[0].header, d->t[1].header};
	size_t n = 0;
#define STR_FIELD(f)                                                                               \
	do {                                                                                       \
		const char *x = h[0]->f ? h[0]->f : "", *y = h[1]->f ? h[1]->f : "";               \
		if (strcmp(x, y) != 0 && n < cap) {                                                \
			v[n].field = #f;                                                           \
			snprintf(v[n].a, sizeof(v[n].a), "%s", x);                                 \
			snprintf(v[n].b, sizeof(v[n].b), "%s", y);                                 \
			n++;                                                                       \
		}                                                                                  \
	} while (0)
#define NUM_FIELD(f)                                                                               \
	do {                                                                                       \
		if ((uint64_t)h[0]->f != (uint64_t)h[1]->f && n < cap) {                           \
			v[n].field = #f;                                                           \
			snprintf(v[n].a, sizeof(v[n].a), "%" PRIu64, (uint64_t)h[0]->f);           \
			snprintf(v[n].b, sizeof(v[n].b), "%" PRIu64, (uint64_t)h[1]->f);           \
			n++;                                                                       \
		}                                                                                  \
	} while (0)
	STR_FIELD(writer);
	STR_FIELD(arch);
	STR_FIELD(kernel);
	STR_FIELD(hostname);
	STR_FIELD(cwd);
	STR_FIELD(filter);
	NUM_FIELD(uid);
	NUM_FIELD(gid);
	NUM_FIELD(page_size);
	NUM_FIELD(capture_size);
	NUM_FIELD(follow_forks);
	NUM_FIELD(attached);
	NUM_FIELD(env_recorded);
	NUM_FIELD(scrubbed);
#undef STR_FIELD
#undef NUM_FIELD
	struct rp_buf ca = {0}, cb = {0};
	header_label(&d->t[0], &ca);
	header_label(&d->t[1], &cb);
	rp_buf_putc(&ca, '\0');
	rp_buf_putc(&cb, '\0');
	if (ca.oom || cb.oom)
		cli_oom();
	if (strcmp(ca.data, cb.data) != 0 && n < cap) {
		v[n].field = "command";
		snprintf(v[n].a, sizeof(v[n].a), "%s", ca.data);
		snprintf(v[n].b, sizeof(v[n].b), "%s", cb.data);
		n++;
	}
	rp_buf_free(&ca);
	rp_buf_free(&cb);
	return n;
}

/* The lines of a hunk, as diff -u shows them; emit(op, side, call) for
 * each, op ' ', '-', '+', or '.' for "n more" (call: the count). */
typedef void (*line_fn)(struct out *o, char op, int side, size_t call, size_t more);

/* The range of runs of h to show: first and last equal runs cut to the
 * context. Gives the A and B starts and lengths. */
static void hunk_range(const struct diff *d, const struct hunk *h, size_t *as, size_t *al,
		       size_t *bs, size_t *bl)
{
	const struct da_script *s = &d->scripts[h->script].s;
	const size_t ctx = d->o->context;
	*as = SIZE_MAX;
	*al = *bl = 0;
	for (size_t r = h->r0; r < h->r1; r++) {
		const struct da_run *run = &s->v[r];
		size_t a = run->a, b = run->b, n = run->n;
		if (run->op == DA_EQUAL && r == h->r0 && r + 1 < h->r1) {
			const size_t keep = n < ctx ? n : ctx;
			a += n - keep;
			b += n - keep;
			n = keep;
		} else if (run->op == DA_EQUAL && r + 1 == h->r1) {
			n = n < ctx ? n : ctx;
		}
		if (*as == SIZE_MAX) {
			*as = a;
			*bs = b;
		}
		if (run->op != DA_INSERT)
			*al += n;
		if (run->op != DA_DELETE)
			*bl += n;
	}
	if (*as == SIZE_MAX)
		*as = *bs = 0;
}

static void hunk_lines(struct out *o, const struct hunk *h, line_fn emit)
{
	const struct diff *d = o->d;
	const struct da_script *s = &d->scripts[h->script].s;
	const size_t ctx = d->o->context;
	for (size_t r = h->r0; r < h->r1;) {
		const struct da_run *run = &s->v[r];
		if (run->op == DA_EQUAL) {
			size_t a = run->a, n = run->n;
			if (r == h->r0 && r + 1 < h->r1) {
				const size_t keep = n < ctx ? n : ctx;
				a += n - keep;
				n = keep;
			} else if (r + 1 == h->r1) {
				n = n < ctx ? n : ctx;
			}
			for (size_t k = 0; k < n; k++)
				emit(o, ' ', 0, a + k, 0);
			r++;
			continue;
		}
		/* a block: what only A has, then what only B has */
		size_t end = r;
		while (end < h->r1 && s->v[end].op != DA_EQUAL)
			end++;
		for (int side = 0; side < 2; side++) {
			const enum da_op op = side ? DA_INSERT : DA_DELETE;
			size_t shown = 0, more = 0;
			for (size_t q = r; q < end; q++) {
				if (s->v[q].op != op)
					continue;
				const size_t first = side ? s->v[q].b : s->v[q].a;
				for (size_t k = 0; k < s->v[q].n; k++) {
					if (shown < MAX_BLOCK_LINES) {
						emit(o, side ? '+' : '-', side, first + k, 0);
						shown++;
					} else {
						more++;
					}
				}
			}
			if (more)
				emit(o, side ? '+' : '-', side, SIZE_MAX, more);
		}
		r = end;
	}
}

static const struct dt_call *call_at(const struct diff *d, const struct tscript *ts, int side,
				     size_t i)
{
	return &task(d, side, side ? ts->tb : ts->ta)->calls[i];
}

static void text_line(struct out *o, char op, int side, size_t call, size_t more)
{
	if (more) {
		fprintf(o->f, "%c... %zu more only in %s\n", op, more, side_name(side));
		return;
	}
	const struct tscript *ts = &o->d->scripts[o->hunk->script];
	fprintf(o->f, "%c%s\n", op, dt_text(&o->d->t[side], call_at(o->d, ts, side, call)));
}

static void json_line(struct out *o, char op, int side, size_t call, size_t more)
{
	rp_buf_puts(&o->b, o->first_item ? "" : ",");
	o->first_item = false;
	const char opstr[2] = {op, '\0'};
	rp_buf_puts(&o->b, "{\"op\":");
	jstr(&o->b, opstr);
	if (more) {
		rp_buf_printf(&o->b, ",\"more\":%zu}", more);
		return;
	}
	const struct tscript *ts = &o->d->scripts[o->hunk->script];
	rp_buf_printf(&o->b, ",\"call\":%zu,\"text\":", call + 1);
	jstr(&o->b, dt_text(&o->d->t[side], call_at(o->d, ts, side, call)));
	rp_buf_putc(&o->b, '}');
}

static void hunk_title(const struct diff *d, const struct hunk *h, struct rp_buf *b)
{
	const struct tscript *ts = &d->scripts[h->script];
	entry_label(d, &d->entries[ts->entry], b);
	if (ts->thread)
		rp_buf_printf(b, ", thread %u", ts->thread + 1);
	if (ts->ta == SIZE_MAX || ts->tb == SIZE_MAX)
		rp_buf_printf(b, ", %s only in %s", ts->thread ? "thread" : "process",
			      side_name(ts->ta == SIZE_MAX));
}

static void text_hunk(struct out *o, const struct hunk *h)
{
	size_t as, al, bs, bl;
	hunk_range(o->d, h, &as, &al, &bs, &bl);
	struct rp_buf t = {0};
	hunk_title(o->d, h, &t);
	rp_buf_putc(&t, '\0');
	if (t.oom)
		cli_oom();
	fprintf(o->f, "@@ -%zu,%zu +%zu,%zu @@ %s\n", al ? as + 1 : as, al, bl ? bs + 1 : bs, bl,
		t.data);
	rp_buf_free(&t);
	o->hunk = h;
	hunk_lines(o, h, text_line);
}

static void json_hunk(struct out *o, const struct hunk *h)
{
	const struct diff *d = o->d;
	const struct tscript *ts = &d->scripts[h->script];
	const struct entry *en = &d->entries[ts->entry];
	size_t as, al, bs, bl;
	hunk_range(d, h, &as, &al, &bs, &bl);
	rp_buf_puts(&o->b, "{\"a_pid\":");
	if (en->a != SIZE_MAX)
		rp_buf_printf(&o->b, "%u", d->t[0].procs[en->a].pid);
	else
		rp_buf_puts(&o->b, "null");
	rp_buf_puts(&o->b, ",\"b_pid\":");
	if (en->b != SIZE_MAX)
		rp_buf_printf(&o->b, "%u", d->t[1].procs[en->b].pid);
	else
		rp_buf_puts(&o->b, "null");
	rp_buf_printf(&o->b,
		      ",\"thread\":%u,\"a_start\":%zu,\"a_count\":%zu,\"b_start\":%zu,"
		      "\"b_count\":%zu,\"lines\":[",
		      ts->thread + 1, al ? as + 1 : as, al, bl ? bs + 1 : bs, bl);
	o->first_item = true;
	o->hunk = h;
	hunk_lines(o, h, json_line);
	rp_buf_puts(&o->b, "]}");
}

struct totals {
	size_t matched, only[2];
	uint64_t only_a, only_b, changed;
};

static struct totals totals(const struct diff *d)
{
	struct totals t = {0};
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry *en = &d->entries[e];
		if (!en->shown)
			continue;
		if (en->a != SIZE_MAX && en->b != SIZE_MAX)
			t.matched++;
		else
			t.only[en->a == SIZE_MAX]++;
		t.only_a += en->only_a;
		t.only_b += en->only_b;
		t.changed += en->changed;
	}
	return t;
}

static void text_report(struct out *o)
{
	struct diff *d = o->d;
	FILE *f = o->f;
	const unsigned top = d->o->top;
	for (int s = 0; s < 2; s++) {
		const struct dt_trace *t = &d->t[s];
		struct rp_buf b = {0};
		header_label(t, &b);
		rp_buf_putc(&b, '\0');
		if (b.oom)
			cli_oom();
		fprintf(f, "%s %s: %s (%" PRIu64 " events%s%s)\n", s ? "+++" : "---", t->file,
			b.data, t->events, t->header->hostname ? ", on " : "",
			t->header->hostname ? t->header->hostname : "");
		rp_buf_free(&b);
	}
	for (int s = 0; s < 2; s++) {
		if (d->t[s].error)
			fprintf(f, "note: %s (%s) stops here: %s; compared what was read\n",
				side_name(s), d->t[s].file, d->t[s].error);
		if (d->t[s].warning)
			fprintf(f, "note: %s (%s): %s; compared what was read\n", side_name(s),
				d->t[s].file, d->t[s].warning);
	}
	struct hdiff hd[32];
	const size_t nhd = header_diffs(d, hd, STREC_ARRAY_SIZE(hd));
	if (nhd) {
		fputs("headers differ (not compared as calls):\n", f);
		for (size_t i = 0; i < nhd; i++)
			fprintf(f, "  %-14s %s | %s\n", hd[i].field, hd[i].a, hd[i].b);
	}
	if (d->gave_up)
		fprintf(f,
			"note: %" PRIu64 " stretch%s of calls too different to align call by call "
			"were compared as replaced whole\n",
			d->gave_up, d->gave_up == 1 ? "" : "es");
	const struct totals tt = totals(d);
	if (!d->differ) {
		fprintf(f, "no differences: %zu process%s matched\n", tt.matched,
			tt.matched == 1 ? "" : "es");
		return;
	}
	fprintf(f,
		"summary: %zu process%s matched, %zu only in A, %zu only in B; calls: %" PRIu64
		" only in A, %" PRIu64 " only in B, %" PRIu64 " changed\n",
		tt.matched, tt.matched == 1 ? "" : "es", tt.only[0], tt.only[1], tt.only_a,
		tt.only_b, tt.changed);
	fprintf(f, "  %7s %7s %8s %8s %8s  %s\n", "A pid", "B pid", "only A", "only B", "changed",
		"command");
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry *en = &d->entries[e];
		if (!en->shown)
			continue;
		const bool both = en->a != SIZE_MAX && en->b != SIZE_MAX;
		if (both && !en->only_a && !en->only_b && !en->changed && !exit_differs(d, en) &&
		    !threads_differ(d, en))
			continue;
		char pa[16] = "-", pb[16] = "-";
		if (en->a != SIZE_MAX)
			snprintf(pa, sizeof(pa), "%u", d->t[0].procs[en->a].pid);
		if (en->b != SIZE_MAX)
			snprintf(pb, sizeof(pb), "%u", d->t[1].procs[en->b].pid);
		const char *cmd =
		    command_of(en->a != SIZE_MAX ? &d->t[0].procs[en->a] : &d->t[1].procs[en->b]);
		fprintf(f, "  %7s %7s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "  %s%s\n", pa, pb,
			en->only_a, en->only_b, en->changed, cmd ? cmd : "?",
			both		    ? ""
			: en->a == SIZE_MAX ? "  (only in B)"
					    : "  (only in A)");
	}
	if (d->nrchanges) {
		fputs("result changes:\n", f);
		for (size_t i = 0; i < d->nrchanges && i < top; i++) {
			const struct rchange *rc = &d->rchanges[i];
			const struct tscript *ts = &d->scripts[rc->script];
			struct rp_buf b = {0};
			entry_label(d, &d->entries[ts->entry], &b);
			rp_buf_putc(&b, '\0');
			if (b.oom)
				cli_oom();
			fprintf(f, "  %s, call %zu|%zu:\n    A: %s\n    B: %s\n", b.data,
				rc->ai + 1, rc->bi + 1,
				dt_text(&d->t[0], call_at(d, ts, 0, rc->ai)),
				dt_text(&d->t[1], call_at(d, ts, 1, rc->bi)));
			rp_buf_free(&b);
		}
		if (d->nrchanges > top)
			fprintf(f, "  ... and %zu more\n", d->nrchanges - top);
	}
	for (int s = 0; s < 2; s++) {
		size_t n;
		const char **v = files_only(d, s, &n);
		if (n) {
			fprintf(f, "files touched only in %s (%zu):\n", side_name(s), n);
			for (size_t i = 0; i < n && i < top; i++)
				fprintf(f, "  %s\n", v[i]);
			if (n > top)
				fprintf(f, "  ... and %zu more\n", n - top);
		}
		free(v);
	}
	bool exit_title = false;
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry *en = &d->entries[e];
		if (!en->shown || !exit_differs(d, en))
			continue;
		if (!exit_title)
			fputs("exit status differences:\n", f);
		exit_title = true;
		struct rp_buf b = {0};
		entry_label(d, en, &b);
		rp_buf_puts(&b, ": ");
		dt_exit_text(&d->t[0].procs[en->a], &b);
		rp_buf_puts(&b, " | ");
		dt_exit_text(&d->t[1].procs[en->b], &b);
		rp_buf_putc(&b, '\0');
		if (b.oom)
			cli_oom();
		fprintf(f, "  %s\n", b.data);
		rp_buf_free(&b);
	}
	bool threads_title = false;
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry *en = &d->entries[e];
		if (!en->shown || !threads_differ(d, en))
			continue;
		if (!threads_title)
			fputs("thread count differences:\n", f);
		threads_title = true;
		struct rp_buf b = {0};
		entry_label(d, en, &b);
		rp_buf_printf(&b, ": %zu | %zu threads", d->t[0].procs[en->a].ntasks,
			      d->t[1].procs[en->b].ntasks);
		rp_buf_putc(&b, '\0');
		if (b.oom)
			cli_oom();
		fprintf(f, "  %s\n", b.data);
		rp_buf_free(&b);
	}
}

static void text_timing(struct out *o)
{
	size_t n;
	struct timing *v = timings(o->d, &n);
	fputs("timing (microseconds; biggest change of the total first):\n", o->f);
	fprintf(o->f, "  %-16s %9s %9s %12s %12s %12s %9s %9s %9s %9s\n", "syscall", "calls A",
		"calls B", "total A", "total B", "B - A", "p50 A", "p50 B", "p99 A", "p99 B");
	for (size_t i = 0; i < n && i < o->d->o->top; i++) {
		const struct timing *t = &v[i];
		fprintf(o->f,
			"  %-16s %9" PRIu64 " %9" PRIu64 " %12" PRIu64 " %12" PRIu64 " %+12" PRId64
			" %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 "\n",
			t->name, t->calls[0], t->calls[1], t->total_us[0], t->total_us[1],
			timing_delta(t), timing_pct(t, 0, 50), timing_pct(t, 1, 50),
			timing_pct(t, 0, 99), timing_pct(t, 1, 99));
	}
	timings_free(v, n);
}

static void text_hunks(struct out *o)
{
	struct diff *d = o->d;
	if (d->first == SIZE_MAX)
		return;
	const struct hunk *h = &d->hunks[d->first];
	struct rp_buf t = {0};
	hunk_title(d, h, &t);
	rp_buf_putc(&t, '\0');
	if (t.oom)
		cli_oom();
	fprintf(o->f, "\nfirst divergence: %s\n", t.data);
	rp_buf_free(&t);
	text_hunk(o, h);
	if (d->nhunks > 1)
		fputs("\nother differences:\n", o->f);
	for (size_t i = 0; i < d->nhunks; i++) {
		if (i != d->first)
			text_hunk(o, &d->hunks[i]);
	}
}

static void json_trace(struct out *o, int s)
{
	const struct dt_trace *t = &o->d->t[s];
	struct rp_buf c = {0};
	header_label(t, &c);
	rp_buf_putc(&c, '\0');
	if (c.oom)
		cli_oom();
	rp_buf_puts(&o->b, "{\"file\":");
	jstr(&o->b, t->file);
	rp_buf_puts(&o->b, ",\"command\":");
	jstr(&o->b, c.data);
	rp_buf_printf(&o->b, ",\"events\":%" PRIu64 ",\"complete\":%s,\"error\":", t->events,
		      strtrc_reader_complete(t->rd) ? "true" : "false");
	jstr(&o->b, t->error);
	rp_buf_puts(&o->b, ",\"warning\":");
	jstr(&o->b, t->warning);
	rp_buf_putc(&o->b, '}');
	rp_buf_free(&c);
}

static void json_report(struct out *o)
{
	struct diff *d = o->d;
	struct rp_buf *b = &o->b;
	const struct totals tt = totals(d);
	rp_buf_printf(b, "{\"same\":%s,\"a\":", d->differ ? "false" : "true");
	json_trace(o, 0);
	rp_buf_puts(b, ",\"b\":");
	json_trace(o, 1);
	struct hdiff hd[32];
	const size_t nhd = header_diffs(d, hd, STREC_ARRAY_SIZE(hd));
	rp_buf_puts(b, ",\"header_differences\":[");
	for (size_t i = 0; i < nhd; i++) {
		rp_buf_puts(b, i ? ",{\"field\":" : "{\"field\":");
		jstr(b, hd[i].field);
		rp_buf_puts(b, ",\"a\":");
		jstr(b, hd[i].a);
		rp_buf_puts(b, ",\"b\":");
		jstr(b, hd[i].b);
		rp_buf_putc(b, '}');
	}
	rp_buf_printf(b,
		      "],\"summary\":{\"processes_matched\":%zu,\"processes_only_a\":%zu,"
		      "\"processes_only_b\":%zu,\"only_a\":%" PRIu64 ",\"only_b\":%" PRIu64
		      ",\"changed\":%" PRIu64 ",\"gave_up\":%" PRIu64 "},\"processes\":[",
		      tt.matched, tt.only[0], tt.only[1], tt.only_a, tt.only_b, tt.changed,
		      d->gave_up);
	bool first = true;
	for (size_t e = 0; e < d->nentries; e++) {
		const struct entry *en = &d->entries[e];
		if (!en->shown)
			continue;
		rp_buf_puts(b, first ? "{" : ",{");
		first = false;
		for (int s = 0; s < 2; s++) {
			const size_t p = s ? en->b : en->a;
			const struct dt_proc *pr = p != SIZE_MAX ? &d->t[s].procs[p] : NULL;
			if (s)
				rp_buf_putc(b, ',');
			rp_buf_printf(b, "\"%s_pid\":", s ? "b" : "a");
			if (pr)
				rp_buf_printf(b, "%u", pr->pid);
			else
				rp_buf_puts(b, "null");
			rp_buf_printf(b, ",\"%s_command\":", s ? "b" : "a");
			jstr(b, command_of(pr));
			rp_buf_printf(b, ",\"%s_exit\":", s ? "b" : "a");
			if (pr) {
				struct rp_buf x = {0};
				dt_exit_text(pr, &x);
				rp_buf_putc(&x, '\0');
				if (x.oom)
					cli_oom();
				jstr(b, x.data);
				rp_buf_free(&x);
			} else {
				rp_buf_puts(b, "null");
			}
			rp_buf_printf(b, ",\"%s_calls\":%" PRIu64 ",\"%s_threads\":%zu",
				      s ? "b" : "a", s ? en->calls_b : en->calls_a, s ? "b" : "a",
				      pr ? pr->ntasks : 0);
		}
		rp_buf_printf(b,
			      ",\"only_a\":%" PRIu64 ",\"only_b\":%" PRIu64 ",\"changed\":%" PRIu64
			      ",\"exit_differs\":%s}",
			      en->only_a, en->only_b, en->changed,
			      exit_differs(d, en) ? "true" : "false");
	}
	rp_buf_puts(b, "],\"result_changes\":[");
	for (size_t i = 0; i < d->nrchanges; i++) {
		const struct rchange *rc = &d->rchanges[i];
		const struct tscript *ts = &d->scripts[rc->script];
		const struct entry *en = &d->entries[ts->entry];
		static const char *const kinds[] = {"failed", "succeeded", "errno"};
		rp_buf_printf(b,
			      "%s{\"a_pid\":%u,\"b_pid\":%u,\"thread\":%u,\"kind\":\"%s\","
			      "\"a_call\":%zu,\"b_call\":%zu,\"a\":",
			      i ? "," : "", d->t[0].procs[en->a].pid, d->t[1].procs[en->b].pid,
			      ts->thread + 1, kinds[rc->rank], rc->ai + 1, rc->bi + 1);
		jstr(b, dt_text(&d->t[0], call_at(d, ts, 0, rc->ai)));
		rp_buf_puts(b, ",\"b\":");
		jstr(b, dt_text(&d->t[1], call_at(d, ts, 1, rc->bi)));
		rp_buf_putc(b, '}');
	}
	rp_buf_putc(b, ']');
	for (int s = 0; s < 2; s++) {
		size_t n;
		const char **v = files_only(d, s, &n);
		rp_buf_printf(b, ",\"files_only_%s\":[", s ? "b" : "a");
		for (size_t i = 0; i < n; i++) {
			if (i)
				rp_buf_putc(b, ',');
			jstr(b, v[i]);
		}
		rp_buf_putc(b, ']');
		free(v);
	}
	if (d->o->timing) {
		size_t n;
		struct timing *v = timings(d, &n);
		rp_buf_puts(b, ",\"timing\":[");
		for (size_t i = 0; i < n; i++) {
			const struct timing *t = &v[i];
			rp_buf_printf(b, "%s{\"syscall\":", i ? "," : "");
			jstr(b, t->name);
			for (int s = 0; s < 2; s++) {
				const char *key = s ? "b" : "a";
				rp_buf_printf(b,
					      ",\"%s_calls\":%" PRIu64 ",\"%s_total_us\":%" PRIu64
					      ",\"%s_p50_us\":%" PRIu64 ",\"%s_p99_us\":%" PRIu64,
					      key, t->calls[s], key, t->total_us[s], key,
					      timing_pct(t, s, 50), key, timing_pct(t, s, 99));
			}
			rp_buf_putc(b, '}');
		}
		rp_buf_putc(b, ']');
		timings_free(v, n);
	}
	rp_buf_puts(b, ",\"first_divergence\":");
	if (d->first != SIZE_MAX && !d->o->summary_only)
		rp_buf_printf(b, "%zu", d->first);
	else
		rp_buf_puts(b, "null");
	rp_buf_puts(b, ",\"hunks\":[");
	for (size_t i = 0; i < d->nhunks && !d->o->summary_only; i++) {
		if (i)
			rp_buf_putc(b, ',');
		json_hunk(o, &d->hunks[i]);
	}
	rp_buf_puts(b, "]}\n");
	if (b->oom)
		cli_oom();
	fwrite(b->data, 1, b->len, o->f);
}

/* ---- main ---- */

static void opts_free(struct opts *o)
{
	for (size_t i = 0; i < o->nvolatile_keys; i++)
		free(o->volatile_keys[i]);
	free(o->volatile_keys);
	rp_select_free(&o->sel_a);
	rp_select_free(&o->sel_b);
}

struct read_job {
	struct dt_trace *t;
	int rc;
};

static void *read_trace(void *arg)
{
	struct read_job *job = arg;
	job->rc = dt_read(job->t);
	return NULL;
}

static FILE *open_output(const struct opts *o)
{
	if (!o->outfile || !strcmp(o->outfile, "-"))
		return stdout;
	char msg[512];
	const int fd = strtrc_output_open(o->outfile, STRTRC_OUTPUT_OTHER, o->force, o->files, 2,
					  msg, sizeof(msg));
	FILE *const f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f)
		return f;
	if (fd >= 0)
		fprintf(stderr, "strdiff: cannot write '%s': %s\n", o->outfile, strerror(errno));
	else
		fprintf(stderr, "strdiff: %s\n", msg);
	exit(EXIT_TROUBLE);
}

int main(int argc, char **argv)
{
	cli_init("strdiff", EXIT_TROUBLE);
	struct opts o = {.context = 3, .top = 10};
	rp_select_init(&o.sel_a);
	rp_select_init(&o.sel_b);
	strec_filter_init(&o.volatile_calls);
	rp_print_opts_init(&o.trace.print);
	parse_args(&o, argc, argv);
	/* descriptors are compared by what they refer to: always their paths */
	o.trace.print.decode_fds |= RP_DECODE_FD_PATH;
	o.trace.print.pid_prefix = false; /* the hunks name the processes */
	o.trace.norm.keys = (const char *const *)o.volatile_keys;
	o.trace.norm.nkeys = o.nvolatile_keys;
	o.trace.volatile_calls = o.volatile_given ? &o.volatile_calls : NULL;

	struct diff d = {.o = &o};
	struct rp_select *sels[2] = {&o.sel_a, &o.sel_b};
	for (int s = 0; s < 2; s++) {
		char msg[512];
		if (dt_open(&d.t[s], o.files[s], &o.trace, sels[s], msg, sizeof(msg)) < 0) {
			fprintf(stderr, "strdiff: %s\n", msg);
			for (int k = 0; k <= s; k++)
				dt_close(&d.t[k]);
			opts_free(&o);
			return EXIT_TROUBLE;
		}
	}
	FILE *const out = open_output(&o);
	/* against a scrubbed copy, the other trace is read as one would be:
	 * buffers that one lacks would otherwise all differ */
	for (int s = 0; s < 2; s++) {
		const struct strtrc_header *mine = d.t[s].header, *other = d.t[!s].header;
		if (other->scrubbed && !mine->scrubbed) {
			d.t[s].scrub = true;
			d.t[s].scrub_argv = other->scrub.argv;
			d.t[s].scrub_env = other->scrub.env;
		}
	}
	/* the two traces are read at once, B in a thread of its own */
	pthread_t reader_b;
	struct read_job job_b = {.t = &d.t[1]};
	const bool threaded = pthread_create(&reader_b, NULL, read_trace, &job_b) == 0;
	if (!threaded)
		read_trace(&job_b);
	const int rc_a = dt_read(&d.t[0]);
	if (threaded)
		pthread_join(reader_b, NULL);
	if (rc_a < 0 || job_b.rc < 0)
		cli_oom();
	match_processes(&d);
	align_all(&d);
	if (d.nrchanges)
		qsort(d.rchanges, d.nrchanges, sizeof(*d.rchanges), cmp_rchange);
	/* exit statuses that differ are differences even when the exits are
	 * filtered out of the calls */
	for (size_t e = 0; e < d.nentries; e++) {
		if (d.entries[e].shown && exit_differs(&d, &d.entries[e]))
			d.differ = true;
	}

	struct out rep = {.d = &d, .f = out, .json = o.json};
	if (o.json) {
		json_report(&rep);
	} else {
		text_report(&rep);
		if (o.timing)
			text_timing(&rep);
		if (!o.summary_only)
			text_hunks(&rep);
	}
	int status = d.differ ? EXIT_DIFFER : EXIT_SAME;
	for (int s = 0; s < 2; s++) {
		if (d.t[s].error) {
			fprintf(stderr, "strdiff: %s: %s\n", d.t[s].file, d.t[s].error);
			status = EXIT_TROUBLE;
		} else if (d.t[s].warning) {
			fprintf(stderr, "strdiff: warning: %s: %s\n", d.t[s].file, d.t[s].warning);
		}
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "strdiff: write error: %s\n", strerror(errno));
		status = EXIT_TROUBLE;
	}
	if (out != stdout && fclose(out) != 0)
		status = EXIT_TROUBLE;
	rp_buf_free(&rep.b);
	for (size_t i = 0; i < d.nscripts; i++)
		da_script_free(&d.scripts[i].s);
	free(d.scripts);
	free(d.hunks);
	free(d.rchanges);
	free(d.entries);
	for (int s = 0; s < 2; s++) {
		free(d.match[s]);
		dt_close(&d.t[s]);
	}
	opts_free(&o);
	return status;
}
