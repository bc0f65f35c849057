/* libFuzzer target for the trace reader: the input is a whole trace file. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_trace(data, size);
	return 0;
}
