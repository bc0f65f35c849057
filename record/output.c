/* The trace's writer as the engines use it: the first failure (a full
 * disk, a closed pipe) is kept with its message and ends all writing. */
#include "recorder.h"

#include <stdio.h>

int rec_write(struct recorder *rec, const struct strtrc_record *r)
{
	if (rec->write_failed)
		return -1;
	const int rc = strtrc_write(rec->writer, r);
	if (rc < 0) {
		rec->write_failed = true;
		snprintf(rec->write_error, sizeof(rec->write_error), "%s",
			 strtrc_writer_error(rec->writer));
		return -1;
	}
	return 0;
}
