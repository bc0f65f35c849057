/* Memory mapping calls. */
#include "rp_internal.h"

#include <stdio.h>
#include <string.h>

#define E(v, n) { (v), (n) }
#define MEM_XLAT(id, isflags, unk, ...)                                                           \
	static const struct rp_xlat_entry id##_e[] = { __VA_ARGS__ };                             \
	static const struct rp_xlat id = { id##_e, sizeof(id##_e) / sizeof(id##_e[0]), isflags, unk }

/* strace 6.1's tables and orders, with their unknown-value comments */
MEM_XLAT(x_prot, true, "PROT_???", E(0, "PROT_NONE"), E(1, "PROT_READ"), E(2, "PROT_WRITE"),
	 E(4, "PROT_EXEC"), E(8, "PROT_SEM"), E(0x01000000, "PROT_GROWSDOWN"),
	 E(0x02000000, "PROT_GROWSUP"));
MEM_XLAT(x_msync, true, "MS_???", E(4, "MS_SYNC"), E(1, "MS_ASYNC"), E(2, "MS_INVALIDATE"));
MEM_XLAT(x_mremap, true, "MREMAP_???", E(1, "MREMAP_MAYMOVE"), E(2, "MREMAP_FIXED"),
	 E(4, "MREMAP_DONTUNMAP"));
MEM_XLAT(x_mlock2, true, "MLOCK_???", E(1, "MLOCK_ONFAULT"));
MEM_XLAT(x_madvise, false, "MADV_???", E(0, "MADV_NORMAL"), E(1, "MADV_RANDOM"),
	 E(2, "MADV_SEQUENTIAL"), E(3, "MADV_WILLNEED"), E(4, "MADV_DONTNEED"), E(8, "MADV_FREE"),
	 E(9, "MADV_REMOVE"), E(10, "MADV_DONTFORK"), E(11, "MADV_DOFORK"),
	 E(12, "MADV_MERGEABLE"), E(13, "MADV_UNMERGEABLE"), E(14, "MADV_HUGEPAGE"),
	 E(15, "MADV_NOHUGEPAGE"), E(16, "MADV_DONTDUMP"), E(17, "MADV_DODUMP"),
	 E(18, "MADV_WIPEONFORK"), E(19, "MADV_KEEPONFORK"), E(20, "MADV_COLD"),
	 E(21, "MADV_PAGEOUT"), E(22, "MADV_POPULATE_READ"), E(23, "MADV_POPULATE_WRITE"),
	 E(24, "MADV_DONTNEED_LOCKED"), E(25, "MADV_COLLAPSE"), E(100, "MADV_HWPOISON"),
	 E(101, "MADV_SOFT_OFFLINE"));

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
	rp_e_flags(c->e, &x_prot, (uint32_t)a[2]);
	mmap_flags(c, a[3]);
	rp_arg_fd(c, (int64_t)a[4]);
	rp_e_hex(c->e, a[5]);
}

void rp_dec_mprotect(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &x_prot, (uint32_t)a[2]);
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
	rp_e_flags(c->e, &x_mremap, (uint32_t)a[3]);
	/* the new address means something only with both flags */
	if ((a[3] & 3) == 3)
		rp_e_ptr(c->e, a[4]);
}

void rp_dec_madvise(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_enum(c->e, &x_madvise, (uint32_t)a[2]);
}

void rp_dec_msync(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &x_msync, (uint32_t)a[2]);
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
	rp_e_flags(c->e, &x_mlock2, (uint32_t)a[2]);
}

void rp_dec_mincore(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	print_mincore_vec(c);
}

const struct rp_xlat *rp_xlat_memory(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
