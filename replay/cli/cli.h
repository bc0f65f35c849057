/* Command-line helpers strep, strstat and strdiff share: errors are told as
 * the tool ("strstat: invalid number '-1' for -s") and end it. Tool code (it
 * prints and exits), not in the library, as read_progress.h. */
#ifndef STREC_REPLAY_CLI_H
#define STREC_REPLAY_CLI_H

/* The tool's name for messages, and its status for a runtime error (1;
 * strdiff's is 2, its 1 meaning "different"). Call first. */
void cli_init(const char *name, int runtime_error_status);

/* "NAME: message" on stderr, exit 2. */
void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "NAME: out of memory", the runtime error status. */
void cli_oom(void) __attribute__((noreturn));
/* A library call's result: -ENOMEM ends as cli_oom, another error as a
 * usage error with its message. */
void cli_select_or_die(int rc, const char *msg);

/* A count for option opt: decimal, at most 2^30. */
unsigned cli_parse_uint(const char *opt, const char *text);
/* The argument of argv[*i]: inline_val ("--opt=VALUE", "-sVALUE") or the
 * next word, which *i then moves to. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *inline_val);

#endif
