/* Shared by fuzz_decode and fuzz_stat: an input is either a whole trace
 * file (it starts with the magic frame) or, for mutations that reach the
 * decoders instead of dying in zstd, a bare CBOR record sequence, which is
 * wrapped here into a trace (magic frame + one zstd frame). */
#ifndef STREC_TESTS_FUZZ_INPUT_H
#define STREC_TESTS_FUZZ_INPUT_H

#include "fuzz_common.h"
#include "strtrc_internal.h"

#include <zstd.h>

/* Opens a reader on the input; NULL when it is not a readable trace. */
static struct strtrc_reader *open_input(const uint8_t *data, size_t size)
{
	static uint8_t *buf;
	static size_t cap;
	const uint8_t magic[4] = {0x53, 0x2A, 0x4D, 0x18};
	if (size < 4 || memcmp(data, magic, 4) != 0) {
		if (size > 1 << 20)
			return NULL;
		const size_t need = STRTRC_MAGIC_FRAME_SIZE + ZSTD_compressBound(size);
		if (need > cap) {
			free(buf);
			cap = need;
			if (!(buf = malloc(cap)))
				abort();
		}
		strtrc_put_le32(buf, STRTRC_SKIPPABLE_MAGIC);
		strtrc_put_le32(buf + 4, STRTRC_MAGIC_PAYLOAD_SIZE);
		memcpy(buf + 8, STRTRC_MAGIC_TEXT, 8);
		strtrc_put_le16(buf + 16, STRTRC_FORMAT_VERSION);
		strtrc_put_le16(buf + 18, 0);
		const size_t z = compress_once(buf + STRTRC_MAGIC_FRAME_SIZE,
					       cap - STRTRC_MAGIC_FRAME_SIZE, data, size, 1);
		if (ZSTD_isError(z))
			abort();
		data = buf;
		size = STRTRC_MAGIC_FRAME_SIZE + z;
	}
	const int fd = input_fd(data, size);
	int err = 0;
	char msg[256];
	return strtrc_reader_open_fd(fd, &err, msg, sizeof(msg));
}

#endif
