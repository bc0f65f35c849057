/* The task table: per-thread state found by tid (open addressing).
 *
 * Each task lives in an allocation of its own and the table holds pointers,
 * so a task's address is stable until rec_task_remove frees it: the event
 * loop keeps pointers to the stopped task and to a parent while adding new
 * tasks, and adding may grow the table at any time. */
#include "recorder.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(const struct rec_task_table *t, pid_t tid)
{
	return ((size_t)tid * 2654435761u) & (t->capacity - 1);
}

static size_t next_slot(const struct rec_task_table *t, size_t i)
{
	return (i + 1) & (t->capacity - 1);
}

/* The slot holding tid, or the free slot ending its probe run. */
static size_t probe(const struct rec_task_table *t, pid_t tid)
{
	size_t i = slot_of(t, tid);
	while (t->slots[i] && t->slots[i]->tid != tid)
		i = next_slot(t, i);
	return i;
}

struct rec_task *rec_task_find(const struct rec_task_table *t, pid_t tid)
{
	assert(tid > 0);
	if (!t->capacity)
		return NULL;
	return t->slots[probe(t, tid)];
}

static int grow(struct rec_task_table *t)
{
	const size_t new_capacity = t->capacity ? t->capacity * 2 : 64;
	struct rec_task **const slots = calloc(new_capacity, sizeof(*slots));
	if (!slots)
		return -1;
	struct rec_task_table bigger = {
	    .slots = slots, .capacity = new_capacity, .count = t->count};
	for (size_t i = 0; i < t->capacity; i++) {
		if (t->slots[i])
			bigger.slots[probe(&bigger, t->slots[i]->tid)] = t->slots[i];
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
	/* Keep the load under one half so probes stay short (and a free slot
	 * always ends a probe run). */
	if ((t->count + 1) * 2 > t->capacity && grow(t) < 0)
		return NULL;
	struct rec_task *const task = calloc(1, sizeof(*task));
	if (!task)
		return NULL;
	task->tid = tid;
	t->slots[probe(t, tid)] = task;
	t->count++;
	return task;
}

void rec_task_remove(struct rec_task_table *t, pid_t tid)
{
	assert(tid > 0);
	if (!t->capacity)
		return;
	size_t hole = probe(t, tid);
	if (!t->slots[hole])
		return;
	free(t->slots[hole]);
	t->slots[hole] = NULL;
	t->count--;
	/* Move later members of the probe run into the hole when their home
	 * slot does not lie cyclically in (hole, j], so lookups never stop
	 * early at the hole. */
	for (size_t j = next_slot(t, hole); t->slots[j]; j = next_slot(t, j)) {
		const size_t home = slot_of(t, t->slots[j]->tid);
		const bool home_after_hole =
		    hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
		if (home_after_hole)
			continue;
		t->slots[hole] = t->slots[j];
		t->slots[j] = NULL;
		hole = j;
	}
}

void rec_task_table_free(struct rec_task_table *t)
{
	for (size_t i = 0; i < t->capacity; i++)
		free(t->slots[i]);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
