/* Writes a trace in which a 64-bit process makes int 0x80 (i386) calls,
 * which this test machine's kernel refuses to run for real:
 *   mk_i386 FILE
 * pid 100: write(1, "a\n", 2) (x86_64), getpid() and write(1, "b\n", 2)
 * (i386 numbers 20 and 4), then exit_group(0) (x86_64). */
#include "strtrc.h"
#include "syscall_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct strtrc_writer *w;
static uint64_t now = 1000;

static void put(struct strtrc_record *r)
{
	r->tid = 100;
	r->ts_ns = now += 1000;
	if (strtrc_write(w, r) < 0) {
		fprintf(stderr, "mk_i386: %s\n", strtrc_writer_error(w));
		exit(1);
	}
}

static void call(uint32_t arch, uint64_t nr, uint64_t a0, const char *buf, int64_t rval)
{
	struct strtrc_record r = {.kind = STRTRC_SYSCALL_ENTRY};
	r.u.entry.arch = arch;
	r.u.entry.nr = nr;
	r.u.entry.args[0] = a0;
	r.u.entry.args[1] = buf ? 0x1000 : 0;
	r.u.entry.args[2] = buf ? strlen(buf) : 0;
	put(&r);
	if (buf) {
		struct strtrc_record m = {.kind = STRTRC_MEMORY};
		m.u.memory = (struct strtrc_memory){.stop = STRTRC_AT_ENTRY,
						    .arg = 1,
						    .addr = 0x1000,
						    .full_len = strlen(buf),
						    .data = {(const uint8_t *)buf, strlen(buf)}};
		put(&m);
	}
	if (nr == 231 && arch == SC_AUDIT_ARCH_X86_64)
		return; /* exit_group does not return */
	struct strtrc_record x = {.kind = STRTRC_SYSCALL_EXIT, .u.exit = {.rval = rval}};
	put(&x);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: mk_i386 FILE\n", stderr);
		return 2;
	}
	int err = 0;
	char msg[256];
	w = strtrc_writer_open_path(argv[1], NULL, &err, msg, sizeof(msg));
	if (!w) {
		fprintf(stderr, "mk_i386: %s\n", msg);
		return 1;
	}
	const struct strtrc_header h = {.format_version = STRTRC_FORMAT_VERSION,
					.writer = "mk_i386",
					.arch = "x86_64",
					.cwd = "/",
					.capture_size = 4096,
					.follow_forks = true};
	if (strtrc_write_header(w, &h) < 0)
		return 1;
	call(SC_AUDIT_ARCH_X86_64, 1, 1, "a\n", 2);
	call(SC_AUDIT_ARCH_I386, 20, 0, NULL, 100);
	call(SC_AUDIT_ARCH_I386, 4, 1, "b\n", 2);
	call(SC_AUDIT_ARCH_X86_64, 231, 0, NULL, 0);
	struct strtrc_record e = {.kind = STRTRC_EXIT, .u.task_exit = {.wait_status = 0}};
	put(&e);
	return strtrc_writer_close(w, 0) < 0;
}
