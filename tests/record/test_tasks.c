/* Unit test of record/tasks.c: the task table against a plain array, over
 * random adds and removes with many colliding tids, and the promise the
 * event loop relies on: a task's address survives the table growing. */
#include "recorder.h"

#include <stdio.h>
#include <stdlib.h>

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			if (++failures > 20)                                                       \
				exit(1);                                                           \
		}                                                                                  \
	} while (0)

enum { MAX_TID = 4096, ROUNDS = 200000 };

/* The reference: which tids are in the table, and the address each got. */
static struct rec_task *expected[MAX_TID + 1];

static void check_all(const struct rec_task_table *t)
{
	size_t live = 0;
	for (pid_t tid = 1; tid <= MAX_TID; tid++) {
		CHECK(rec_task_find(t, tid) == expected[tid]);
		live += expected[tid] != NULL;
	}
	CHECK(t->count == live);
}

int main(void)
{
	struct rec_task_table t = {0};
	CHECK(rec_task_find(&t, 1) == NULL);
	rec_task_remove(&t, 1); /* removing from an empty table is harmless */

	/* A task kept across growth keeps its address and its state. */
	struct rec_task *const first = rec_task_add(&t, 7);
	CHECK(first && first->tid == 7 && !first->in_syscall);
	first->nr = 59;
	expected[7] = first;
	for (pid_t tid = 100; tid < 100 + 300; tid++)
		CHECK((expected[tid] = rec_task_add(&t, tid)) != NULL);
	CHECK(t.capacity >= 1024);
	CHECK(rec_task_find(&t, 7) == first && first->nr == 59 && first->tid == 7);
	CHECK(rec_task_add(&t, 7) == first); /* adding a present tid finds it */
	check_all(&t);

	/* Random adds and removes; tids multiple of 64 collide often. */
	srand(12345);
	for (int round = 0; round < ROUNDS; round++) {
		const pid_t tid =
		    rand() % 2 ? 1 + rand() % MAX_TID : 64 * (1 + rand() % (MAX_TID / 64));
		if (rand() % 3) {
			struct rec_task *const task = rec_task_add(&t, tid);
			CHECK(task && task->tid == tid);
			CHECK(!expected[tid] || expected[tid] == task);
			expected[tid] = task;
		} else {
			rec_task_remove(&t, tid);
			expected[tid] = NULL;
		}
		if (round % 10000 == 0)
			check_all(&t);
	}
	check_all(&t);
	for (pid_t tid = 1; tid <= MAX_TID; tid++) {
		rec_task_remove(&t, tid);
		expected[tid] = NULL;
	}
	check_all(&t);
	rec_task_table_free(&t);
	CHECK(t.capacity == 0 && t.count == 0);
	if (failures)
		return 1;
	printf("task table: all checks passed\n");
	return 0;
}
