/* The task table: per-thread state found by tid (open addressing). */
#include "recorder.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(const struct rec_task_table *t, pid_t tid)
{
	return ((size_t)tid * 2654435761u) & (t->capacity - 1);
}

struct rec_task *rec_task_find(struct rec_task_table *t, pid_t tid)
{
	assert(tid > 0);
	if (!t->capacity)
		return NULL;
	for (size_t i = slot_of(t, tid), n = 0; n < t->capacity; i = (i + 1) & (t->capacity - 1), n++) {
		if (t->slots[i].tid == tid)
			return &t->slots[i];
		if (t->slots[i].tid == 0)
			return NULL;
	}
	return NULL;
}

static int grow(struct rec_task_table *t)
{
	const size_t new_capacity = t->capacity ? t->capacity * 2 : 64;
	struct rec_task *const slots = calloc(new_capacity, sizeof(*slots));
	if (!slots)
		return -1;
	struct rec_task_table bigger = { .slots = slots, .capacity = new_capacity };
	for (size_t i = 0; i < t->capacity; i++) {
		if (t->slots[i].tid) {
			struct rec_task *const copy = rec_task_add(&bigger, t->slots[i].tid);
			assert(copy);
			*copy = t->slots[i];
		}
	}
	free(t->slots);
	*t = bigger;
	return 0;
}

struct rec_task *rec_task_add(struct rec_task_table *t, pid_t tid)
{
	assert(tid > 0);
	struct rec_task *const found = rec_task_find(t, tid);
	if (found)
		return found;
	/* Keep the load under one half so probes stay short. */
	if ((t->count + 1) * 2 > t->capacity && grow(t) < 0)
		return NULL;
	size_t i = slot_of(t, tid);
	while (t->slots[i].tid)
		i = (i + 1) & (t->capacity - 1);
	memset(&t->slots[i], 0, sizeof(t->slots[i]));
	t->slots[i].tid = tid;
	t->count++;
	return &t->slots[i];
}

void rec_task_remove(struct rec_task_table *t, pid_t tid)
{
	struct rec_task *const victim = rec_task_find(t, tid);
	if (!victim)
		return;
	size_t i = (size_t)(victim - t->slots);
	t->slots[i].tid = 0;
	t->count--;
	/* Re-insert the rest of the probe run so lookups never stop early. */
	for (size_t j = (i + 1) & (t->capacity - 1); t->slots[j].tid; j = (j + 1) & (t->capacity - 1)) {
		const struct rec_task moved = t->slots[j];
		t->slots[j].tid = 0;
		t->count--;
		struct rec_task *const again = rec_task_add(t, moved.tid);
		assert(again);
		*again = moved;
	}
}

void rec_task_table_free(struct rec_task_table *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
