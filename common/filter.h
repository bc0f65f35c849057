/* Syscall selection shared by strec (record-time filters), strep and strstat:
 * --to_trace NAMES, --dont_trace NAMES and strace's -e trace=EXPR. A name,
 * %class, /regex, number or "all" may end in strace's personality qualifier
 * @64, @32 or @x32 to select the calls of that personality only. */
#ifndef STREC_COMMON_FILTER_H
#define STREC_COMMON_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STREC_FILTER_MAX_NR 1024 /* bits per architecture */

enum strec_filter_option {
	STREC_FILTER_TO_TRACE,	 /* --to_trace: only these (names or %classes, comma-separated) */
	STREC_FILTER_DONT_TRACE, /* --dont_trace: all but these */
	STREC_FILTER_TRACE_EXPR, /* -e trace=EXPR (EXPR without "trace="): strace syntax */
};

struct strec_filter {
	bool active;	    /* false: everything is selected */
	bool used_to_trace; /* for the "both lists at once" error */
	bool used_dont_trace;
	uint64_t x86_64[STREC_FILTER_MAX_NR / 64];
	uint64_t i386[STREC_FILTER_MAX_NR / 64];
	/* x32 calls by their number without SC_X32_SYSCALL_BIT. There is no x32
	 * table: names resolve to their x86_64 numbers, which x32 shares except
	 * for the calls it numbers from 512 on (selected by number only). */
	uint64_t x32[STREC_FILTER_MAX_NR / 64];
};

/* Everything selected. */
void strec_filter_init(struct strec_filter *f);

/* Adds one option's text. 0, or -EINVAL with a one-line message such as
 * "unknown syscall 'opnat' (did you mean 'openat'?)",
 * "--to_trace and --dont_trace cannot be combined". */
int strec_filter_add(struct strec_filter *f, enum strec_filter_option opt, const char *text,
		     char *msg, size_t msg_size);

/* Whether word is a syscall name (either arch), a %class, or a trace=
 * keyword, or a comma-separated list of them. */
bool strec_filter_is_name(const char *word);

/* Whether the words from argv[from] on still hold the tool's operand (the
 * command to run, the trace file to read). */
typedef bool strec_operand_follows_fn(int argc, char *const argv[], int from);

/* The one rule of space-separated lists (--to_trace read write CMD), for
 * every tool: argv[i], after a list's first item, continues the list only
 * when it is a syscall name or %class (strec_filter_is_name) and the tool's
 * operand still comes after it: operand_given (already seen), or
 * operand_follows(argc, argv, i + 1), or, when that is NULL, a later word
 * that is not an option (or any word after "--"). When in doubt, the word
 * is the operand: "--to_trace read sync" runs sync. */
bool strec_filter_list_continues(int argc, char *const argv[], int i, bool operand_given,
				 strec_operand_follows_fn *operand_follows);

bool strec_filter_match(const struct strec_filter *f, uint32_t audit_arch, uint64_t nr);

#endif
