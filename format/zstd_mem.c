/* zstd contexts whose big buffers are mappings of their own that ask for
 * transparent huge pages.
 *
 * A trace's 8 MiB window is one allocation in each context. With 4 KiB
 * pages its first use costs ~2,000 page faults, and in a VM that made
 * strstat 1.5-2x slower (measured on a 500k-call loop and a build). Where
 * THP is off, madvise fails or does nothing and only that is lost; where
 * it is "madvise", the kernel may compact memory at those few faults.
 * Big blocks are mmap'd rather than taken from malloc: glibc serves them
 * from its heap once an earlier one was freed, and the huge-page advice
 * would then stay on heap memory after free.
 *
 * ZSTD_customMem is part of zstd's experimental API; libzstd.so exports
 * the functions that take it. */
#define ZSTD_STATIC_LINKING_ONLY
#include "strtrc_internal.h"

#include <assert.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <zstd.h>

#define HUGE_PAGE ((size_t)2 << 20)

/* In front of every block: how to give it back. */
struct block_head {
	void *map; /* start of the mapping; NULL: the block came from malloc */
	size_t map_len;
	alignas(max_align_t) unsigned char data[];
};

static void *zstd_mem_alloc(void *opaque, size_t size)
{
	(void)opaque;
	const size_t head = offsetof(struct block_head, data);
	if (size < HUGE_PAGE) {
		struct block_head *const b = malloc(head + size);
		if (!b)
			return NULL;
		b->map = NULL;
		return b->data;
	}
	if (size > SIZE_MAX / 2)
		return NULL;
	/* Room to put the data at a huge-page boundary, the head just before. */
	const size_t data_len = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	const size_t map_len = data_len + HUGE_PAGE;
	void *const map =
	    mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return NULL;
	const uintptr_t data =
	    ((uintptr_t)map + head + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	assert(data + data_len <= (uintptr_t)map + map_len);
	/* Hints, failure is fine. The head's page must stay small: with THP
	 * "always", writing it would fault in a whole unused huge page. */
	(void)madvise(map, data - (uintptr_t)map, MADV_NOHUGEPAGE);
	(void)madvise((void *)data, data_len, MADV_HUGEPAGE);
	struct block_head *const b = (struct block_head *)(data - head);
	b->map = map;
	b->map_len = map_len;
	return b->data;
}

static void zstd_mem_free(void *opaque, void *p)
{
	(void)opaque;
	if (!p)
		return;
	struct block_head *const b =
	    (struct block_head *)((unsigned char *)p - offsetof(struct block_head, data));
	if (b->map)
		munmap(b->map, b->map_len);
	else
		free(b);
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
