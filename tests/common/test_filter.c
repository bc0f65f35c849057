/* Unit test of common/filter.c: list options, strace expressions, errors. */
#include "filter.h"
#include "syscall_table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static bool sel(const struct strec_filter *f, const char *name)
{
	const int nr = sc_number(&sc_table_x86_64, name);
	if (nr < 0) {
		fprintf(stderr, "test needs syscall %s in the table\n", name);
		exit(1);
	}
	return strec_filter_match(f, SC_AUDIT_ARCH_X86_64, (uint64_t)nr);
}

static bool sel32(const struct strec_filter *f, const char *name)
{
	const int nr = sc_number(&sc_table_i386, name);
	return nr >= 0 && strec_filter_match(f, SC_AUDIT_ARCH_I386, (uint64_t)nr);
}

static int add(struct strec_filter *f, enum strec_filter_option opt, const char *text, char *msg)
{
	return strec_filter_add(f, opt, text, msg, 256);
}

static bool never_operand(int argc, char *const argv[], int from)
{
	(void)argc, (void)argv, (void)from;
	return false;
}

static bool always_operand(int argc, char *const argv[], int from)
{
	(void)argv;
	return from < argc;
}

int main(void)
{
	struct strec_filter f;
	char msg[256];

	strec_filter_init(&f);
	CHECK(!f.active);
	CHECK(sel(&f, "read") && sel(&f, "openat"));

	/* --to_trace: only those, in both architectures */
	strec_filter_init(&f);
	CHECK(add(&f, STREC_FILTER_TO_TRACE, "read,close", msg) == 0);
	CHECK(f.active && f.used_to_trace);
	CHECK(sel(&f, "read") && sel(&f, "close"));
	CHECK(!sel(&f, "write") && !sel(&f, "openat"));
	CHECK(sel32(&f, "read") && !sel32(&f, "write"));
	/* a second --to_trace adds */
	CHECK(add(&f, STREC_FILTER_TO_TRACE, "write", msg) == 0);
	CHECK(sel(&f, "write") && sel(&f, "read"));
	/* combining is an error that leaves f unchanged */
	CHECK(add(&f, STREC_FILTER_DONT_TRACE, "read", msg) == -EINVAL);
	CHECK(strcmp(msg, "--to_trace and --dont_trace cannot be combined") == 0);
	CHECK(sel(&f, "read"));

	/* --dont_trace: all but those */
	strec_filter_init(&f);
	CHECK(add(&f, STREC_FILTER_DONT_TRACE, "read", msg) == 0);
	CHECK(!sel(&f, "read") && sel(&f, "write") && sel(&f, "openat"));
	CHECK(!sel32(&f, "read") && sel32(&f, "write"));
	CHECK(add(&f, STREC_FILTER_TO_TRACE, "write", msg) == -EINVAL);

	/* unknown names, with a suggestion */
	strec_filter_init(&f);
	CHECK(add(&f, STREC_FILTER_TO_TRACE, "opnat", msg) == -EINVAL);
	CHECK(strcmp(msg, "unknown syscall 'opnat' (did you mean 'openat'?)") == 0);
	CHECK(!f.active);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "read,zzzzqqqqxxxx", msg) == -EINVAL);
	CHECK(strcmp(msg, "unknown syscall 'zzzzqqqqxxxx'") == 0);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%fil", msg) == -EINVAL);
	CHECK(strcmp(msg, "unknown syscall class '%fil' (did you mean '%file'?)") == 0);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "/read(", msg) == -EINVAL);
	CHECK(strncmp(msg, "invalid regular expression", 26) == 0);
	/* '?' silences unknown names, as in strace */
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "?nosuchcall,read", msg) == 0);
	CHECK(sel(&f, "read") && !sel(&f, "write"));
	strec_filter_init(&f);
	/* empty items are nothing (strace -e ,mmap,,mmap2) */
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, ",close,,mmap,", msg) == 0);
	CHECK(sel(&f, "close") && sel(&f, "mmap") && !sel(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, ",,", msg) == -EINVAL);
	CHECK(strcmp(msg, "empty syscall list") == 0);

	/* -e trace= expressions */
	strec_filter_init(&f);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%file", msg) == 0);
	CHECK(sel(&f, "openat") && sel(&f, "execve") && !sel(&f, "read") && !sel(&f, "close"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "!%desc", msg) == 0); /* replaces */
	CHECK(!sel(&f, "read") && !sel(&f, "openat") && sel(&f, "execve") && sel(&f, "brk"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "file", msg) == 0); /* bare class name */
	CHECK(sel(&f, "openat") && !sel(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%memory,close", msg) == 0);
	CHECK(sel(&f, "mmap") && sel(&f, "close") && !sel(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%stat", msg) == 0);
	CHECK(sel(&f, "stat") && !sel(&f, "fstat"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%%stat", msg) == 0);
	CHECK(sel(&f, "stat") && sel(&f, "fstat") && !sel(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "/^(read|write)$", msg) == 0);
	CHECK(sel(&f, "read") && sel(&f, "write") && !sel(&f, "close"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "/^exit", msg) == 0);
	CHECK(sel(&f, "exit") && sel(&f, "exit_group") && !sel(&f, "execve"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "none", msg) == 0);
	CHECK(!sel(&f, "read") && !sel(&f, "execve"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "all", msg) == 0);
	CHECK(sel(&f, "read") && sel(&f, "execve"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "!all", msg) == 0);
	CHECK(!sel(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "!read,write", msg) == 0);
	CHECK(!sel(&f, "read") && !sel(&f, "write") && sel(&f, "close"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%process", msg) == 0);
	CHECK(sel(&f, "clone") && sel(&f, "exit_group") && !sel(&f, "openat"));
	/* numbers: out-of-range architectures never match */
	CHECK(!strec_filter_match(&f, 0x1234, 0));

	/* strace's personality qualifiers: @64 x86_64, @32 i386, @x32 x32 */
	const uint64_t x32_getcwd =
	    SC_X32_SYSCALL_BIT | (uint64_t)sc_number(&sc_table_x86_64, "getcwd");
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwd@64", msg) == 0);
	CHECK(sel(&f, "getcwd") && !sel32(&f, "getcwd") && !sel(&f, "read"));
	CHECK(!strec_filter_match(&f, SC_AUDIT_ARCH_X86_64, x32_getcwd));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwd@32", msg) == 0);
	CHECK(!sel(&f, "getcwd") && sel32(&f, "getcwd"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwd@x32", msg) == 0);
	CHECK(!sel(&f, "getcwd") && !sel32(&f, "getcwd"));
	CHECK(strec_filter_match(&f, SC_AUDIT_ARCH_X86_64, x32_getcwd));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwd", msg) == 0); /* every personality */
	CHECK(sel(&f, "getcwd") && sel32(&f, "getcwd"));
	CHECK(strec_filter_match(&f, SC_AUDIT_ARCH_X86_64, x32_getcwd));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "all@32", msg) == 0);
	CHECK(!sel(&f, "read") && sel32(&f, "read") && sel32(&f, "execve"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "!all@32", msg) == 0);
	CHECK(sel(&f, "read") && !sel32(&f, "read"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "%statfs@64,/^clock_get@32", msg) == 0);
	CHECK(sel(&f, "statfs") && sel(&f, "fstatfs") == false && !sel32(&f, "statfs"));
	CHECK(sel32(&f, "clock_gettime") && !sel(&f, "clock_gettime"));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "79@64", msg) == 0); /* getcwd's number */
	CHECK(sel(&f, "getcwd") && !strec_filter_match(&f, SC_AUDIT_ARCH_I386, 79));
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwd@16", msg) == -EINVAL);
	CHECK(strstr(msg, "unknown personality in 'getcwd@16'") != NULL);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "@32", msg) == -EINVAL);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "getcwdd@32", msg) == -EINVAL);
	CHECK(strstr(msg, "unknown syscall 'getcwdd@32'") != NULL);
	CHECK(add(&f, STREC_FILTER_TRACE_EXPR, "?getcwdd@32,read@64", msg) == 0);
	CHECK(sel(&f, "read") && !sel32(&f, "read"));
	CHECK(strec_filter_is_name("getcwd@32") && strec_filter_is_name("read@64,%file@x32"));
	CHECK(!strec_filter_is_name("getcwd@16"));

	/* the name test used to take several words after --to_trace */
	CHECK(strec_filter_is_name("read"));
	CHECK(strec_filter_is_name("read,%file"));
	CHECK(strec_filter_is_name("%net"));
	CHECK(strec_filter_is_name("all"));
	CHECK(!strec_filter_is_name("run.trc"));
	CHECK(!strec_filter_is_name("read,"));
	CHECK(!strec_filter_is_name(""));

	/* The rule of space-separated lists: a name continues the list only
	 * when the operand still follows it; when in doubt it is the operand. */
	{
		char *const args[] = {"strep", "--to_trace", "read", "write", "run.trc", NULL};
		CHECK(strec_filter_list_continues(5, args, 3, false, NULL));  /* run.trc follows */
		CHECK(!strec_filter_list_continues(5, args, 4, false, NULL)); /* not a name */
	}
	{
		/* "sync" is a syscall and the only word left: the operand */
		char *const args[] = {"strep", "--to_trace", "read", "sync", NULL};
		CHECK(!strec_filter_list_continues(4, args, 3, false, NULL));
		/* unless the operand was given before */
		CHECK(strec_filter_list_continues(4, args, 3, true, NULL));
	}
	{
		/* options after the name do not make an operand; "--" does */
		char *const args[] = {"strep", "--to_trace", "read", "write",
				      "-y",    "--",	     "-x",   NULL};
		CHECK(strec_filter_list_continues(7, args, 3, false, NULL));
		char *const opts_only[] = {"strep", "--to_trace", "read", "write",
					   "-y",    "-T",	  NULL};
		CHECK(!strec_filter_list_continues(6, opts_only, 3, false, NULL));
	}
	{
		/* a tool's own operand test decides */
		char *const args[] = {"strec", "--to_trace", "read", "uname", "-a", NULL};
		CHECK(!strec_filter_list_continues(5, args, 3, false, never_operand));
		CHECK(strec_filter_list_continues(5, args, 3, false, always_operand));
		CHECK(!strec_filter_list_continues(5, args, 5, false,
						   always_operand)); /* past the end */
	}

	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("test_filter: ok\n");
	return 0;
}
