/* Internal to libstrtrc: constants and helpers shared by writer and reader. */
#ifndef STREC_FORMAT_STRTRC_INTERNAL_H
#define STREC_FORMAT_STRTRC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zstd.h>

#include "strtrc.h"

struct strtrc_reader;
/* On by default: common records are decoded straight from their bytes.
 * Off: every record goes through the general parser (the fuzz targets
 * compare the two). */
void strtrc_reader_set_fast_path(struct strtrc_reader *r, bool on);

/* zstd contexts for the writer and the reader: like ZSTD_createCCtx and
 * ZSTD_createDCtx, but their buffers come from strtrc_mem_alloc (mem.c);
 * freed with ZSTD_freeCCtx/ZSTD_freeDCtx. */
ZSTD_CCtx *strtrc_zstd_cctx_new(void);
ZSTD_DCtx *strtrc_zstd_dctx_new(void);
/* Big buffers: from 2 MiB on, mappings on huge pages; freed blocks of 64
 * KiB and more are kept for the next request they fit (mem.c). */
void *strtrc_mem_alloc(size_t size);
void strtrc_mem_free(void *p);

/* Magic frame: 4-byte magic, 4-byte size, then "STRECTRC", u16 version,
 * u16 flags. */
#define STRTRC_MAGIC_PAYLOAD_SIZE 12u
#define STRTRC_MAGIC_FRAME_SIZE	  (8u + STRTRC_MAGIC_PAYLOAD_SIZE)
/* zstd reserves 0x184D2A50..0x184D2A5F for skippable frames. */
#define STRTRC_SKIPPABLE_MASK 0xFFFFFFF0u
#define STRTRC_SKIPPABLE_BASE 0x184D2A50u

static inline void strtrc_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void strtrc_put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint16_t strtrc_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t strtrc_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A record is the CBOR array [kind, tid, dts, fields...]: how many fields
 * each kind has in version 1 (FORMAT.md), not counting the ip that signal,
 * group-stop and exec records may append. The writer, the reader and its
 * fast path all count from here. */
#define STRTRC_RECORD_HEAD 3
#define STRTRC_RECORD_FIELDS(X)                                                                    \
	X(SYSCALL_ENTRY, 5)                                                                        \
	X(SYSCALL_EXIT, 2)                                                                         \
	X(MEMORY, 7)                                                                               \
	X(SIGNAL, 2)                                                                               \
	X(GROUP_STOP, 1)                                                                           \
	X(SPAWN, 3)                                                                                \
	X(EXEC, 2)                                                                                 \
	X(EXIT, 1)                                                                                 \
	X(DETACH, 0)                                                                               \
	X(SNAPSHOT, 6)                                                                             \
	X(END, 2)                                                                                  \
	X(LOSS, 1)                                                                                 \
	X(PIDNS, 6)
#define STRTRC_FIELDS_ENUM_(kind, n) STRTRC_FIELDS_##kind = (n),
enum strtrc_fields_count { STRTRC_RECORD_FIELDS(STRTRC_FIELDS_ENUM_) };
#undef STRTRC_FIELDS_ENUM_
#define STRTRC_FIELDS_ENTRY_(kind, n) [STRTRC_##kind] = (n),
static const uint8_t strtrc_record_fields[STRTRC_KIND_COUNT] = {
    STRTRC_RECORD_FIELDS(STRTRC_FIELDS_ENTRY_)};
#undef STRTRC_FIELDS_ENTRY_
/* A syscall entry's arguments: an array of six */
#define STRTRC_SYSCALL_ARGS 6

#endif
