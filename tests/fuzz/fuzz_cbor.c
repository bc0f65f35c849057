/* libFuzzer target for the record layer: the input is the decompressed
 * CBOR sequence (header record first). The harness wraps it as a trace:
 * magic frame, then the input compressed into zstd frames. Mutations thus
 * reach the CBOR parser instead of dying in zstd's checksums. The first
 * input byte picks where to cut the input into frames and whether to cut
 * the compressed file short. */
#include "fuzz_common.h"
#include "strtrc_internal.h"

#include <zstd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const uint8_t mode = data[0];
	data++;
	size--;
	/* The decompressed stream may be large compared to the input; the
	 * harness does not need more than this. */
	if (size > 1 << 20)
		return 0;
	const size_t split = mode & 0x80 ? size / ((mode & 7) + 2) : size;
	const size_t cap = STRTRC_MAGIC_FRAME_SIZE + 2 * ZSTD_compressBound(size) + 64;
	uint8_t *const out = malloc(cap);
	if (!out)
		abort();
	strtrc_put_le32(out, STRTRC_SKIPPABLE_MAGIC);
	strtrc_put_le32(out + 4, STRTRC_MAGIC_PAYLOAD_SIZE);
	memcpy(out + 8, STRTRC_MAGIC_TEXT, 8);
	strtrc_put_le16(out + 16, STRTRC_FORMAT_VERSION);
	strtrc_put_le16(out + 18, 0);
	size_t len = STRTRC_MAGIC_FRAME_SIZE;
	const size_t parts[2][2] = {{0, split}, {split, size - split}};
	for (int i = 0; i < 2; i++) {
		if (i == 1 && parts[1][1] == 0)
			break;
		const size_t z =
		    compress_once(out + len, cap - len, data + parts[i][0], parts[i][1], 1);
		if (ZSTD_isError(z))
			abort();
		len += z;
	}
	if (mode & 0x40) /* cut short */
		len -= (len - STRTRC_MAGIC_FRAME_SIZE) * ((mode >> 3) & 7) / 8;
	read_trace(out, len);
	free(out);
	return 0;
}
