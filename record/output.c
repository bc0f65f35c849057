/* The trace's writer as the engines use it: the first failure (a full
 * disk, a closed pipe) is kept with its message and ends all writing. */
#include "recorder.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hold_record(struct rec_held_records *held, const struct strtrc_record *r)
{
	assert(r->kind == STRTRC_MEMORY);
	if (held->n == held->cap) {
		const size_t cap = held->cap ? held->cap * 2 : 8;
		struct strtrc_record *const v = realloc(held->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		held->v = v;
		held->cap = cap;
	}
	const size_t len = r->u.memory.data.len;
	uint8_t *const copy = malloc(len ? len : 1);
	if (!copy)
		return -ENOMEM;
	if (len)
		memcpy(copy, r->u.memory.data.data, len);
	held->v[held->n] = *r;
	held->v[held->n++].u.memory.data.data = copy;
	return 0;
}

void rec_held_clear(struct rec_held_records *held)
{
	for (size_t i = 0; i < held->n; i++)
		free((void *)held->v[i].u.memory.data.data);
	held->n = 0;
}

int rec_held_write(struct recorder *rec, struct rec_held_records *held)
{
	int rc = 0;
	for (size_t i = 0; i < held->n && rc == 0; i++)
		rc = rec_write(rec, &held->v[i]);
	rec_held_clear(held);
	return rc;
}

int rec_write(struct recorder *rec, const struct strtrc_record *r)
{
	if (rec->hold && r->kind == STRTRC_MEMORY)
		return hold_record(rec->hold, r);
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
