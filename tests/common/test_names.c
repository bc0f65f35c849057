/* Tests for common/names.c: the strings must be exactly what strace 6.1
 * prints, since the decoder's output is compared with strace's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static int failures;

/* Not assert(): the default build type defines NDEBUG. */
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static int str_eq(const char *const a, const char *const b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void test_errno_known(void)
{
	CHECK(str_eq(strec_errno_name(1), "EPERM"));
	CHECK(str_eq(strec_errno_name(2), "ENOENT"));
	CHECK(str_eq(strec_errno_text(2), "No such file or directory"));
	CHECK(str_eq(strec_errno_name(13), "EACCES"));
	CHECK(str_eq(strec_errno_text(13), "Permission denied"));
	CHECK(str_eq(strec_errno_name(11), "EAGAIN"));
	CHECK(str_eq(strec_errno_text(11), "Resource temporarily unavailable"));
	CHECK(str_eq(strec_errno_name(35), "EDEADLK"));
	CHECK(str_eq(strec_errno_name(95), "EOPNOTSUPP"));
	CHECK(str_eq(strec_errno_text(95), "Operation not supported"));
	CHECK(str_eq(strec_errno_text(109), "Too many references: cannot splice"));
	CHECK(str_eq(strec_errno_name(133), "EHWPOISON"));
	CHECK(str_eq(strec_errno_text(133), "Memory page has hardware error"));
	CHECK(str_eq(strec_errno_name(512), "ERESTARTSYS"));
	CHECK(str_eq(strec_errno_text(512), "To be restarted if SA_RESTART is set"));
	CHECK(str_eq(strec_errno_name(513), "ERESTARTNOINTR"));
	CHECK(str_eq(strec_errno_text(513), "To be restarted"));
	CHECK(str_eq(strec_errno_name(514), "ERESTARTNOHAND"));
	CHECK(str_eq(strec_errno_text(514), "To be restarted if no handler"));
	CHECK(str_eq(strec_errno_name(516), "ERESTART_RESTARTBLOCK"));
	CHECK(str_eq(strec_errno_text(516), "Interrupted by signal"));
	/* strace prints glibc's strerror() for the other internal codes. */
	CHECK(str_eq(strec_errno_name(515), "ENOIOCTLCMD"));
	CHECK(str_eq(strec_errno_text(515), "Unknown error 515"));
	CHECK(str_eq(strec_errno_name(524), "ENOTSUPP"));
	CHECK(str_eq(strec_errno_text(524), "Unknown error 524"));
	CHECK(str_eq(strec_errno_name(530), "ERECALLCONFLICT"));
}

static void test_errno_unknown(void)
{
	/* strace 6.1 prints "-1 (errno N)" for these: no name, no text. */
	const int unnamed[] = {0, -1, -2, 41, 58, 134, 511, 519, 520, 531, 4095, 100000};

	for (size_t i = 0; i < sizeof(unnamed) / sizeof(unnamed[0]); i++) {
		CHECK(strec_errno_name(unnamed[i]) == NULL);
		CHECK(strec_errno_text(unnamed[i]) == NULL);
	}
	CHECK(strec_errno_from_name("ENOSUCH") == -1);
	CHECK(strec_errno_from_name("") == -1);
	CHECK(strec_errno_from_name("E") == -1);
	CHECK(strec_errno_from_name(NULL) == -1);
}

static void test_errno_round_trip(void)
{
	int named = 0;

	for (int e = 1; e < 4096; e++) {
		const char *const name = strec_errno_name(e);

		/* Every name has a text and vice versa. */
		CHECK((name == NULL) == (strec_errno_text(e) == NULL));
		if (name == NULL)
			continue;
		named++;
		CHECK(name[0] == 'E');
		CHECK(strec_errno_from_name(name) == e);
	}
	/* 1..133 less 41 and 58, plus 512..518 and 521..530. */
	CHECK(named == 131 + 7 + 10);
	for (int e = 1; e <= 133; e++)
		CHECK(strec_errno_name(e) != NULL || e == 41 || e == 58);
}

static void test_errno_aliases(void)
{
	CHECK(strec_errno_from_name("eagain") == 11);
	CHECK(strec_errno_from_name("EWOULDBLOCK") == 11);
	CHECK(strec_errno_from_name("EDEADLOCK") == 35);
	CHECK(strec_errno_from_name("ENOTSUP") == 95);
	CHECK(strec_errno_from_name("ENOPARAM") == 519);
	CHECK(strec_errno_from_name("ENOGRACE") == 531);
	CHECK(strec_errno_from_name("ERESTARTSYS") == 512);
}

static void test_signal_names(void)
{
	CHECK(str_eq(strec_signal_name(1), "SIGHUP"));
	CHECK(str_eq(strec_signal_name(6), "SIGABRT"));
	CHECK(str_eq(strec_signal_name(9), "SIGKILL"));
	CHECK(str_eq(strec_signal_name(11), "SIGSEGV"));
	CHECK(str_eq(strec_signal_name(16), "SIGSTKFLT"));
	CHECK(str_eq(strec_signal_name(17), "SIGCHLD"));
	CHECK(str_eq(strec_signal_name(29), "SIGIO"));
	CHECK(str_eq(strec_signal_name(31), "SIGSYS"));
	/* As strace 6.1 printed them for tgkill(2) of 32..64. */
	CHECK(str_eq(strec_signal_name(32), "SIGRTMIN"));
	CHECK(str_eq(strec_signal_name(33), "SIGRT_1"));
	CHECK(str_eq(strec_signal_name(34), "SIGRT_2"));
	CHECK(str_eq(strec_signal_name(35), "SIGRT_3"));
	CHECK(str_eq(strec_signal_name(64), "SIGRT_32"));
	CHECK(strec_signal_name(0) == NULL);
	CHECK(strec_signal_name(-1) == NULL);
	CHECK(strec_signal_name(65) == NULL);
}

static void test_signal_from_name(void)
{
	for (int s = 1; s <= 64; s++) {
		const char *const name = strec_signal_name(s);
		char buf[32];

		CHECK(name != NULL && strncmp(name, "SIG", 3) == 0);
		if (name == NULL)
			continue;
		CHECK(strec_signal_from_name(name) == s);
		/* Without the prefix and in lower case. */
		CHECK(strec_signal_from_name(name + 3) == s);
		snprintf(buf, sizeof(buf), "%s", name);
		for (char *p = buf; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		CHECK(strec_signal_from_name(buf) == s);
		CHECK(strec_signal_from_name(buf + 3) == s);
		snprintf(buf, sizeof(buf), "%d", s);
		CHECK(strec_signal_from_name(buf) == s);
	}
	CHECK(strec_signal_from_name("SIGCHLD") == 17);
	CHECK(strec_signal_from_name("CHLD") == 17);
	CHECK(strec_signal_from_name("chld") == 17);
	CHECK(strec_signal_from_name("SIGRT_2") == 34);
	CHECK(strec_signal_from_name("SIGRT_0") == 32);
	CHECK(strec_signal_from_name("SIGIOT") == 6);
	CHECK(strec_signal_from_name("09") == 9);
	CHECK(strec_signal_from_name("0") == -1);
	CHECK(strec_signal_from_name("65") == -1);
	CHECK(strec_signal_from_name("99999999999999999999") == -1);
	CHECK(strec_signal_from_name("-9") == -1);
	CHECK(strec_signal_from_name("9x") == -1);
	CHECK(strec_signal_from_name("SIG") == -1);
	CHECK(strec_signal_from_name("SIGFOO") == -1);
	CHECK(strec_signal_from_name("SIGRT_33") == -1);
	CHECK(strec_signal_from_name("") == -1);
	CHECK(strec_signal_from_name(NULL) == -1);
}

int main(void)
{
	test_errno_known();
	test_errno_unknown();
	test_errno_round_trip();
	test_errno_aliases();
	test_signal_names();
	test_signal_from_name();
	if (failures != 0) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
