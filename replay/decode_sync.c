/* Decoders for Synchronisation: futex, futex_waitv, membarrier. */
#include "rp_internal.h"

bool rp_decode_sync(struct rp_ctx *c, const char *name)
{
	(void)c;
	(void)name;
	return false; /* table-driven printing until a decoder is written */
}

const struct rp_xlat *rp_xlat_sync(enum sc_xlat_id id)
{
	(void)id;
	return NULL;
}
