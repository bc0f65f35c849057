/* Memory mapping calls. */
#include "rp_internal.h"

#include <stdio.h>
#include <string.h>

/* mincore's vector: one byte per page of the range, bit 0 resident. */
static void print_mincore_vec(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, true, 0);
	if (!m)
		return;
	const uint64_t pages = (c->sc->args[1] + 4095) / 4096;
	const size_t n = m->len < pages ? m->len : (size_t)pages;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n; k++) {
		if (!c->opts->verbose && k >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			break;
		}
		rp_e_uint(c->e, m->data[k] & 1);
	}
	rp_e_close(c->e, ']');
}

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
	rp_e_flags_pre(c->e, f, type, &rp_x_mmap_flags, f & ~0xfu & ~(0x3fu << 26),
		       huge ? post : NULL);
}

void rp_dec_mmap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mmap_prot, (uint32_t)a[2]);
	mmap_flags(c, a[3]);
	rp_arg_fd(c, (int64_t)a[4]);
	rp_e_hex(c->e, a[5]);
}

void rp_dec_mprotect(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mmap_prot, (uint32_t)a[2]);
}

void rp_dec_pkey_mprotect(struct rp_ctx *c)
{
	rp_dec_mprotect(c);
	rp_e_int(c->e, (int32_t)c->sc->args[3]);
}

void rp_dec_munmap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_brk(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
}

void rp_dec_mremap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_uint(c->e, a[2]);
	rp_e_flags(c->e, &rp_x_mremap, (uint32_t)a[3]);
	/* the new address means something only with both flags */
	if ((a[3] & 3) == 3)
		rp_e_ptr(c->e, a[4]);
}

void rp_dec_madvise(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_enum(c->e, &rp_x_madvise, (uint32_t)a[2]);
}

void rp_dec_msync(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_msync, (uint32_t)a[2]);
}

void rp_dec_mlock(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_mlock2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mlock, (uint32_t)a[2]);
}

void rp_dec_mincore(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	print_mincore_vec(c);
}
