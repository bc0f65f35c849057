/* Memory mapping calls. */
#include "rp_internal.h"

#include <stdio.h>
#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

static void mmap_flags(struct rp_ctx *c, uint64_t v)
{
	const uint32_t f = (uint32_t)v;
	const char *type = rp_xlat_lookup(&rp_x_mmap_type, f & 0xf);
	char tmp[48];
	if (!type) {
		snprintf(tmp, sizeof(tmp), "%#x /* MAP_??? */", f & 0xf);
		type = tmp;
	}
	/* the huge page size lives in the top bits */
	const uint32_t huge = f >> 26;
	char post[32];
	if (huge)
		snprintf(post, sizeof(post), "%u<<MAP_HUGE_SHIFT", huge);
	rp_e_flags_pre(c->e, type, &rp_x_mmap_flags, f & ~0xfu & ~(0x3fu << 26),
		       huge ? post : NULL);
}

bool rp_decode_memory(struct rp_ctx *c, const char *name)
{
	const uint64_t *a = c->sc->args;
	if (IS("mmap")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_MMAP_PROT), (uint32_t)a[2]);
		mmap_flags(c, a[3]);
		rp_arg_fd(c, (int64_t)a[4]);
		rp_e_hex(c->e, a[5]);
	} else if (IS("mprotect") || IS("pkey_mprotect")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_MMAP_PROT), (uint32_t)a[2]);
		if (IS("pkey_mprotect"))
			rp_e_int(c->e, (int32_t)a[3]);
	} else if (IS("munmap")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
	} else if (IS("brk")) {
		rp_e_ptr(c->e, a[0]);
	} else if (IS("mremap")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
		rp_e_uint(c->e, a[2]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_MREMAP_FLAGS), (uint32_t)a[3]);
		rp_e_ptr(c->e, a[4]);
	} else if (IS("madvise")) {
		rp_e_ptr(c->e, a[0]);
		rp_e_uint(c->e, a[1]);
		rp_e_enum(c->e, rp_xlat_get(SC_X_MADVISE_ADVICE), (uint32_t)a[2]);
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_memory(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
