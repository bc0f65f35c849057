/* strdiff's normalization of a decoded call (strep's text) into what two
 * runs of the same program have in common: thread ids, addresses, clocks
 * and descriptor numbers are replaced by placeholders or by what they
 * refer to, so that equal keys mean "the same call". Library code. */
#ifndef STREC_TOOLS_DIFF_NORM_H
#define STREC_TOOLS_DIFF_NORM_H

#include "replay.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dn_opts {
	/* More field names whose values vary from run to run (--volatile
	 * KEY=), besides the built-in ones (dn_key_volatile). */
	const char *const *keys;
	size_t nkeys;
};

/* Whether a field named name (len bytes), as in "name=value", holds a
 * value that changes between runs: clocks (tv_sec, tv_nsec, tv_usec, any
 * *time), resource usage (ru_*), or one of o's keys. */
bool dn_key_volatile(const struct dn_opts *o, const char *name, size_t len);

/* Appends the normalized form of text (len bytes, strep's rendering of
 * one event with descriptor paths, ids marked (rp_print_opts.mark_ids), no
 * timestamps) to out:
 *   - N<path> (a descriptor and what it refers to) becomes <path>;
 *   - /proc/N in paths and strings becomes /proc/PID, and inode numbers
 *     in pipe:[N], socket:[N] become [N];
 *   - marked ids other than 0, 1 and -1 become PID, and so does what the
 *     kernel wrote at clone3's parent_tid;
 *   - hexadecimal numbers from 0x10000 up (addresses) become 0x?;
 *   - the values of volatile fields (dn_key_volatile) become ?;
 *   - with mask_strings (random bytes), every quoted string becomes "?".
 * Other numbers stay: a count that happens to equal a thread id is still
 * a count. So do ids the decoder cannot tell from other values: futex's
 * value (pthread_join waits on the thread's tid), PTRACE_GETEVENTMSG's
 * message, semctl GETPID's result. */
void dn_normalize(const struct dn_opts *o, const char *text, size_t len, bool mask_strings,
		  struct rp_buf *out);

/* Appends a path (len bytes, not quoted) with /proc/N as /proc/PID. */
void dn_normalize_path(const char *path, size_t len, struct rp_buf *out);

/* Replaces the result (all after the last " = ") of out by "?": a
 * sigreturn's, which is whatever the interrupted call had returned. */
void dn_mask_result(struct rp_buf *out);

/* A 64-bit hash of len bytes (the key the alignment compares). */
uint64_t dn_hash(const void *data, size_t len);

#endif
