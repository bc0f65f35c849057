/* zstd contexts whose big buffers ask for transparent huge pages.
 *
 * A trace's 8 MiB window is one allocation in each context. With 4 KiB
 * pages its first use costs ~2,000 page faults, and in a VM that doubled
 * the time strstat took on a 500k-call trace (it halves again with huge
 * pages: 2 MiB faults). Where THP is off or unavailable, madvise fails
 * and nothing changes. The allocator goes through ZSTD_customMem, part of
 * zstd's experimental API that libzstd.so exports. */
#define ZSTD_STATIC_LINKING_ONLY
#include "strtrc_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <zstd.h>

#define HUGE_PAGE ((size_t)2 << 20)

static void *zstd_mem_alloc(void *opaque, size_t size)
{
	(void)opaque;
	if (size < HUGE_PAGE)
		return malloc(size);
	const size_t rounded = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	void *const p = aligned_alloc(HUGE_PAGE, rounded);
	if (p)
		(void)madvise(p, rounded, MADV_HUGEPAGE); /* a hint: failure is fine */
	return p;
}

static void zstd_mem_free(void *opaque, void *p)
{
	(void)opaque;
	free(p);
}

static const ZSTD_customMem zstd_mem = {zstd_mem_alloc, zstd_mem_free, NULL};

ZSTD_CCtx *strtrc_zstd_cctx_new(void)
{
	return ZSTD_createCCtx_advanced(zstd_mem);
}

ZSTD_DCtx *strtrc_zstd_dctx_new(void)
{
	return ZSTD_createDCtx_advanced(zstd_mem);
}
