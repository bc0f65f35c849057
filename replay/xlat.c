/* The named-value and flag sets by the syscall table's SC_X_* ids. The sets
 * themselves are generated from common/xlat/<set>.in into the build tree. */
#include "rp_internal.h"

#include <assert.h>

/* xlat_index.c (generated): each set under the ids its .in file serves */
extern const struct rp_xlat *const rp_xlat_sets[SC_X_COUNT];

const struct rp_xlat *rp_xlat_get(enum sc_xlat_id id)
{
	assert((unsigned)id < SC_X_COUNT);
	return (unsigned)id < SC_X_COUNT ? rp_xlat_sets[id] : NULL;
}
