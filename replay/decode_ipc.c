/* Decoders for System V and POSIX IPC: shm*, sem*, msg*, mq_*. */
#include "rp_internal.h"

bool rp_decode_ipc(struct rp_ctx *c, const char *name)
{
	(void)c;
	(void)name;
	return false; /* table-driven printing until a decoder is written */
}

const struct rp_xlat *rp_xlat_ipc(enum sc_xlat_id id)
{
	(void)id;
	return NULL;
}
