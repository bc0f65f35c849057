/* Writes a small trace with one record of each kind to argv[1], for the
 * python interop test and the fuzz seeds; argv[2]: frame size (small ones
 * give several frames). */
#include "format_test.h"

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: %s OUT.trc [FRAME_SIZE]\n", argv[0]);
		return 2;
	}
	int err = 0;
	char msg[256];
	const struct strtrc_writer_options o = {.frame_size =
						    argc == 3 ? strtoul(argv[2], NULL, 0) : 0};
	struct strtrc_writer *const w =
	    strtrc_writer_open_path(argv[1], &o, &err, msg, sizeof(msg));
	if (!w) {
		fprintf(stderr, "%s\n", msg);
		return 1;
	}
	const struct strtrc_header h = sample_header();
	CHECK(strtrc_write_header(w, &h) == 0);
	struct strtrc_record recs[SAMPLE_RECORDS];
	sample_records(recs);
	for (int i = 0; i < SAMPLE_RECORDS; i++)
		CHECK(strtrc_write(w, &recs[i]) == 0);
	CHECK(strtrc_writer_close(w, 3) == 0);
	return 0;
}
