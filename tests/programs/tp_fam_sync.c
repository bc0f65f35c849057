/* tp_fam_sync: futex with every operation and flag, and membarrier, each on
 * a success and a failure path, for the differential test against strace.
 *
 * Usage: tp_fam_sync DIR   (DIR is not used: these calls touch no files)
 * Single-threaded: waits either find the futex word changed (EAGAIN) or
 * time out at once (a zero relative or a past absolute timeout), and PI
 * locks are taken uncontended, so the output does not depend on timing.
 * Exit status 0 when every call gave the expected result. */
#include <errno.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tp_expect.h"

#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif
#define MEMBARRIER_QUERY		      0
#define MEMBARRIER_GLOBAL		      1
#define MEMBARRIER_PRIVATE_EXPEDITED	      8
#define MEMBARRIER_REGISTER_PRIVATE_EXPEDITED 16

static long futex(uint32_t *uaddr, int op, uint32_t val, const void *timeout_or_val2,
		  uint32_t *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

#define VAL2(n) ((const void *)(uintptr_t)(n))

static uint32_t word = 1, word2 = 2, pi_lock, pi_target;

static void waits_and_wakes(void)
{
	const struct timespec zero = {0, 0};
	const struct timespec past = {1, 0};
	const struct timespec bad = {0, -1};

	expect("wait changed", futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0), EAGAIN);
	expect("wait timeout", futex(&word, FUTEX_WAIT, 1, &zero, NULL, 0), ETIMEDOUT);
	expect("wait private", futex(&word, FUTEX_WAIT_PRIVATE, 1, &zero, NULL, 0), ETIMEDOUT);
	expect("wait bad timeout", futex(&word, FUTEX_WAIT_PRIVATE, 1, &bad, NULL, 0), EINVAL);
	expect("wait EFAULT", futex((uint32_t *)8, FUTEX_WAIT, 1, NULL, NULL, 0), EFAULT);
	/* the kernel takes FUTEX_CLOCK_REALTIME only with the bitset waits */
	expect("wait realtime", futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, &zero, NULL, 0),
	       ENOSYS);

	expect("wake", futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	expect("wake private", futex(&word, FUTEX_WAKE_PRIVATE, INT32_MAX, NULL, NULL, 0), 0);

	expect("wait_bitset",
	       futex(&word, FUTEX_WAIT_BITSET, 1, &past, NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	expect("wait_bitset realtime",
	       futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &past, NULL, 0x5),
	       ETIMEDOUT);
	expect("wait_bitset zero", futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL, NULL, 0),
	       EINVAL);
	expect("wake_bitset",
	       futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY), 0);
	expect("wake_bitset private", futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 3, NULL, NULL, 0x10),
	       0);

	expect("requeue", futex(&word, FUTEX_REQUEUE, 1, VAL2(2), &word2, 0), 0);
	expect("requeue private",
	       futex(&word, FUTEX_REQUEUE_PRIVATE, 0, VAL2(INT32_MAX), &word2, 0), 0);
	expect("cmp_requeue", futex(&word, FUTEX_CMP_REQUEUE, 1, VAL2(1), &word2, 1), 0);
	expect("cmp_requeue changed",
	       futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, VAL2(1), &word2, 7), EAGAIN);

	expect("wake_op",
	       futex(&word, FUTEX_WAKE_OP, 1, VAL2(1), &word2,
		     FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0)),
	       0);
	expect("wake_op private",
	       futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2,
		     FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 3, FUTEX_OP_CMP_EQ, 4)),
	       0);
	expect("wake_op or",
	       futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2,
		     FUTEX_OP(FUTEX_OP_OR, 0xfff, FUTEX_OP_CMP_LE, 0xfff)),
	       0);
	expect("wake_op andn xor",
	       futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2,
		     FUTEX_OP(FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_NE, 1)),
	       0);
	expect("wake_op xor",
	       futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2,
		     FUTEX_OP(FUTEX_OP_XOR, 2, FUTEX_OP_CMP_LT, 2)),
	       0);
	expect("wake_op ge",
	       futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2,
		     FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GE, 0)),
	       0);
	expect("wake_op bad", futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(0), &word2, 0x70000000),
	       ENOSYS);
	expect("wake_op EFAULT",
	       futex(&word, FUTEX_WAKE_OP, 1, VAL2(0), (uint32_t *)8,
		     FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_EQ, 0)),
	       EFAULT);
}

static void pi(void)
{
	const struct timespec past = {1, 0};
	expect("lock_pi", futex(&pi_lock, FUTEX_LOCK_PI, 0, NULL, NULL, 0), 0);
	expect("trylock_pi own", futex(&pi_lock, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0),
	       EDEADLK);
	expect("lock_pi own", futex(&pi_lock, FUTEX_LOCK_PI_PRIVATE, 0, &past, NULL, 0), EDEADLK);
	expect("unlock_pi", futex(&pi_lock, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0), 0);
	expect("unlock_pi again", futex(&pi_lock, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0),
	       EPERM);
	expect("trylock_pi", futex(&pi_lock, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0), 0);
	expect("unlock_pi", futex(&pi_lock, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0), 0);
	expect("lock_pi2", futex(&pi_lock, FUTEX_LOCK_PI2 | FUTEX_PRIVATE_FLAG, 0, &past, NULL, 0),
	       0);
	expect("lock_pi2 own",
	       futex(&pi_lock, FUTEX_LOCK_PI2 | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 0, &past,
		     NULL, 0),
	       EDEADLK);
	expect("unlock_pi", futex(&pi_lock, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0), 0);

	expect("wait_requeue_pi changed",
	       futex(&word, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 0, NULL, &pi_target, 0), EAGAIN);
	expect("wait_requeue_pi same", futex(&word, FUTEX_WAIT_REQUEUE_PI, 1, &past, &word, 0),
	       EINVAL);
	expect("cmp_requeue_pi",
	       futex(&word, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, VAL2(0), &pi_target, 1), 0);
	expect("cmp_requeue_pi bad", futex(&word, FUTEX_CMP_REQUEUE_PI, 2, VAL2(0), &pi_target, 1),
	       EINVAL);
}

static void others(void)
{
	expect("futex_fd", futex(&word, 2 /* FUTEX_FD */, 0, NULL, NULL, 0), ENOSYS);
	expect("futex_fd private", futex(&word, 2 | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0), ENOSYS);
	/* futex_waitv: waiters with their flags, none, one running into an
	 * unmapped page, a timeout that has passed */
	static uint32_t words[2] = {5, 6};
	struct futex_waitv waiters[2] = {
	    {.val = 5, .uaddr = (uintptr_t)&words[0], .flags = FUTEX_32 | FUTEX_PRIVATE_FLAG},
	    {.val = 0, .uaddr = (uintptr_t)&words[1], .flags = FUTEX_32, .__reserved = 1}};
	const struct timespec past = {0, 0};
	expect("futex_waitv EINVAL",
	       syscall(SYS_futex_waitv, waiters, 2, 0, &past, CLOCK_MONOTONIC), EINVAL);
	waiters[1].__reserved = 0;
	expect("futex_waitv EAGAIN",
	       syscall(SYS_futex_waitv, waiters, 2, 0, &past, CLOCK_MONOTONIC), EAGAIN);
	expect("futex_waitv none", syscall(SYS_futex_waitv, waiters, 0, 1, NULL, 99), EINVAL);
	struct futex_waitv *const tail = page_tail(sizeof(*tail));
	if (tail) {
		*tail = waiters[0];
		expect("futex_waitv EFAULT",
		       syscall(SYS_futex_waitv, tail, 2, 0, NULL, CLOCK_REALTIME), EFAULT);
	}
	expect("unknown op", futex(&word, 99, 0, NULL, NULL, 0), ENOSYS);
	expect("unknown op private", futex(&word, 0x7f | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0),
	       ENOSYS);

	const long mask = syscall(SYS_membarrier, MEMBARRIER_QUERY, 0, 0);
	expect("membarrier query", mask, 0);
	expect("membarrier register",
	       syscall(SYS_membarrier, MEMBARRIER_REGISTER_PRIVATE_EXPEDITED, 0, 0), 0);
	expect("membarrier private", syscall(SYS_membarrier, MEMBARRIER_PRIVATE_EXPEDITED, 0, 0),
	       0);
	expect("membarrier bad cmd", syscall(SYS_membarrier, 1 << 12, 0, 0), EINVAL);
	expect("membarrier bad flags", syscall(SYS_membarrier, MEMBARRIER_QUERY, 4, 0), EINVAL);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	waits_and_wakes();
	pi();
	others();
	return failures ? 1 : 0;
}
