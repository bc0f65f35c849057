/* A user of the installed libstrtrc: counts a trace's syscalls by name. */
#include <stdio.h>
#include <strtrc.h>
#include <strtrc/syscall_table.h>

int main(int argc, char **argv)
{
	int err;
	char msg[256];
	struct strtrc_reader *r =
	    strtrc_reader_open_path(argc > 1 ? argv[1] : "-", &err, msg, sizeof(msg));
	if (!r)
		return fprintf(stderr, "%s\n", msg), 1;
	struct strtrc_record rec;
	unsigned long calls = 0, opens = 0;
	int k;
	while ((k = strtrc_reader_next(r, &rec)) > 0) {
		if (rec.kind != STRTRC_SYSCALL_ENTRY)
			continue;
		const struct sc_desc *d = sc_lookup(&sc_table_x86_64, rec.u.entry.nr);
		calls++;
		opens += d && d->name && sc_number(&sc_table_x86_64, d->name) == 257; /* openat */
	}
	printf("%s: %lu syscalls, %lu openat, complete=%d\n", strtrc_reader_header(r)->writer,
	       calls, opens, strtrc_reader_complete(r));
	if (k < 0) /* damaged, or a second trace in the file: what was read is above */
		fprintf(stderr, "%s\n", strtrc_reader_error(r));
	strtrc_reader_close(r);
	return k < 0;
}
