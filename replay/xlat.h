/* Named values and flag bits, in strace's printing order. The sets are
 * generated from common/xlat/<set>.in (scripts/gen_xlat.py) into the build tree:
 * xlat_sets.h declares each as rp_x_<set>. */
#ifndef STREC_REPLAY_XLAT_H
#define STREC_REPLAY_XLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rp_xlat_entry {
	uint64_t val;
	const char *name;
};

struct rp_xlat {
	const struct rp_xlat_entry *e;
	size_t n;
	bool flags;	     /* bit set (printed A|B|0x..) rather than one value */
	const char *unknown; /* "AF_???" comment for unknown values, or NULL */
};

#endif
