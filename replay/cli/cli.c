#include "cli.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char *tool = "strep";
static int runtime_status = 1;

void cli_init(const char *name, int runtime_error_status)
{
	assert(name && runtime_error_status > 0);
	tool = name;
	runtime_status = runtime_error_status;
}

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", tool);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

void cli_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", tool);
	exit(runtime_status);
}

void cli_select_or_die(int rc, const char *msg)
{
	if (rc == -ENOMEM)
		cli_oom();
	if (rc < 0)
		cli_usage_error("%s", msg);
}

unsigned cli_parse_uint(const char *opt, const char *text)
{
	char *end;
	errno = 0;
	const unsigned long v = strtoul(text, &end, 10);
	if (errno || *end || !*text || v > 1u << 30)
		cli_usage_error("invalid number '%s' for %s", text, opt);
	return (unsigned)v;
}

const char *cli_opt_value(int argc, char **argv, int *i, const char *inline_val)
{
	if (inline_val)
		return inline_val;
	if (*i + 1 >= argc)
		cli_usage_error("option '%s' needs an argument", argv[*i]);
	return argv[++*i];
}
