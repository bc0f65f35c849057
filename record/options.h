/* strec's command line: options.c reads it, strec.c carries it out. */
#ifndef STREC_RECORD_OPTIONS_H
#define STREC_RECORD_OPTIONS_H

#include <stddef.h>
#include <sys/types.h>

#include "recorder.h"

/* What the command line says beyond struct rec_options. */
struct rec_cli {
	char **env_changes; /* -E VAR=VAL and -E VAR, in order */
	size_t nenv_changes;
	const char *user;	   /* -u USER */
	const char *duration_text; /* --duration as given, for the message */
	/* strec's argv as the header keeps it: the values of -E hidden unless
	 * --env, since the environment is not recorded unless asked. */
	char **recorder_argv;
	/* When COMMAND's first arguments are strec's own options (strec ls
	 * --to_trace read -- -l): the command line in the right order, to
	 * show if the command fails. NULL otherwise. */
	char *misplaced_hint;
	char filter_text[4096]; /* the filter options, for the header */
};

/* Reads argv into o and cli. A usage error prints a message naming the
 * option and exits 2. */
void rec_parse_command_line(int argc, char **argv, struct rec_options *o, struct rec_cli *cli);

/* Finds a command as execve wants it: a name with a '/' as it is, others
 * in PATH as the shell does. 0 and, if path is not NULL, the path
 * (malloc'ed); or -errno (-ENOENT: not found). */
int rec_find_command(const char *name, char **path);

/* "strec: message" on stderr, then exit 2 with a pointer to --help, or 1. */
void rec_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void rec_runtime_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
