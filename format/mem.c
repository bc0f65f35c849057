/* libstrtrc's big blocks: zstd's buffers and the reader's. Blocks of 2 MiB
 * and more are mappings of their own that ask for transparent huge pages;
 * freed blocks are kept for the next request they fit.
 *
 * A trace's 8 MiB window is one allocation in each zstd context. With 4
 * KiB pages its first use costs ~2,000 page faults, and in a VM that made
 * strstat 1.5-2x slower (measured on a 500k-call loop and a build). Where
 * THP is off, madvise fails or does nothing and only that is lost; where
 * it is "madvise", the kernel may compact memory at those few faults.
 * Big blocks are mmap'd rather than taken from malloc: glibc serves them
 * from its heap once an earlier one was freed, and the huge-page advice
 * would then stay on heap memory after free.
 *
 * A program that reads trace after trace (the fuzz targets read thousands
 * a second, most of them small) would map, fault in and unmap a window and
 * a megabyte of buffers for each: freed blocks of 64 KiB and more are kept
 * (the last KEEP_BLOCKS of them, KEEP_BYTES in all) and handed out again
 * for the next request they fit. zstd still gets a block of the size it asked for
 * (its buffers are sized by the frames it reads, not by what this process
 * read before), so what it decodes, and how it fails, does not change.
 *
 * ZSTD_customMem is part of zstd's experimental API; libzstd.so exports
 * the functions that take it. */
#define ZSTD_STATIC_LINKING_ONLY
#include "strtrc_internal.h"

#include <assert.h>
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <zstd.h>

#if defined(__SANITIZE_ADDRESS__)
#define STRTRC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STRTRC_ASAN 1
#endif
#endif
#ifdef STRTRC_ASAN
#include <sanitizer/asan_interface.h>
/* A kept block is out of bounds until handed out again. */
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define HUGE_PAGE   ((size_t)2 << 20)
#define KEEP_MIN    ((size_t)64 << 10) /* smaller blocks: malloc's business */
#define KEEP_BLOCKS 8
#define KEEP_BYTES  ((size_t)48 << 20) /* a reader's and a writer's, and more */

/* In front of every block: how to give it back. */
struct block_head {
	void *map; /* start of the mapping; NULL: the block came from malloc */
	size_t map_len;
	size_t cap;	  /* bytes of data */
	uint64_t kept_at; /* when it was kept, to let the oldest go first */
	alignas(max_align_t) unsigned char data[];
};

static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;
static struct block_head *kept[KEEP_BLOCKS];
static size_t kept_bytes;
static uint64_t kept_clock;

static void release(struct block_head *b)
{
	if (b->map)
		munmap(b->map, b->map_len);
	else
		free(b);
}

static struct block_head *head_of(void *p)
{
	return (struct block_head *)((unsigned char *)p - offsetof(struct block_head, data));
}

/* The smallest kept block that holds size bytes, taken out of the cache;
 * NULL when there is none. */
static struct block_head *take_kept(size_t size)
{
	struct block_head *best = NULL;
	unsigned at = 0;
	pthread_mutex_lock(&kept_mu);
	for (unsigned i = 0; i < KEEP_BLOCKS; i++) {
		struct block_head *const b = kept[i];
		if (b && b->cap >= size && (!best || b->cap < best->cap)) {
			best = b;
			at = i;
		}
	}
	if (best) {
		kept[at] = NULL;
		kept_bytes -= best->cap;
	}
	pthread_mutex_unlock(&kept_mu);
	if (best && !best->map)
		UNPOISON(best->data, best->cap);
	return best;
}

/* Keeps b for a later request, letting the blocks kept longest go to make
 * room; false when b is not worth keeping. */
static bool keep(struct block_head *b)
{
	if (b->cap < KEEP_MIN || b->cap > KEEP_BYTES)
		return false;
	struct block_head *let_go[KEEP_BLOCKS];
	unsigned nlet = 0, slot = KEEP_BLOCKS;
	pthread_mutex_lock(&kept_mu);
	for (;;) {
		unsigned oldest = KEEP_BLOCKS;
		slot = KEEP_BLOCKS;
		for (unsigned i = 0; i < KEEP_BLOCKS; i++) {
			if (!kept[i])
				slot = i;
			else if (oldest == KEEP_BLOCKS || kept[i]->kept_at < kept[oldest]->kept_at)
				oldest = i;
		}
		if (slot < KEEP_BLOCKS && kept_bytes + b->cap <= KEEP_BYTES)
			break;
		assert(oldest < KEEP_BLOCKS); /* something is kept, or b would fit */
		let_go[nlet++] = kept[oldest];
		kept_bytes -= kept[oldest]->cap;
		kept[oldest] = NULL;
	}
	b->kept_at = ++kept_clock;
	kept[slot] = b;
	kept_bytes += b->cap;
	/* Only malloc's blocks are poisoned: the mappings are zstd's windows,
	 * which only zstd touches, and poisoning their shadow (an eighth of
	 * their size) would cost about what a new mapping does. */
	if (!b->map)
		POISON(b->data, b->cap);
	pthread_mutex_unlock(&kept_mu);
	for (unsigned i = 0; i < nlet; i++)
		release(let_go[i]);
	return true;
}

void *strtrc_mem_alloc(size_t size)
{
	const size_t head = offsetof(struct block_head, data);
	if (size >= KEEP_MIN) {
		struct block_head *const b = take_kept(size);
		if (b)
			return b->data;
	}
	if (size < HUGE_PAGE) {
		struct block_head *const b = malloc(head + size);
		if (!b)
			return NULL;
		b->map = NULL;
		b->cap = size;
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
	b->cap = data_len;
	return b->data;
}

void strtrc_mem_free(void *p)
{
	if (!p)
		return;
	struct block_head *const b = head_of(p);
	if (!keep(b))
		release(b);
}

static void *zstd_mem_alloc(void *opaque, size_t size)
{
	(void)opaque;
	return strtrc_mem_alloc(size);
}

static void zstd_mem_free(void *opaque, void *p)
{
	(void)opaque;
	strtrc_mem_free(p);
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
