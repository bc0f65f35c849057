/* Reading tracee memory: process_vm_readv, falling back to PTRACE_PEEKDATA
 * where process_vm_readv is not allowed. */
#include "recorder.h"

#include <assert.h>
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#define REC_PAGE_SIZE 4096u

static bool vm_readv_works = true;

static enum rec_read_status peek_read(pid_t tid, uint64_t addr, uint8_t *buf, size_t len,
				      size_t *got)
{
	size_t done = 0;
	while (done < len) {
		const uint64_t word_addr = (addr + done) & ~(uint64_t)7;
		const size_t skip = (size_t)((addr + done) - word_addr);
		errno = 0;
		const long word = ptrace(PTRACE_PEEKDATA, tid, (void *)word_addr, NULL);
		if (errno) {
			*got = done;
			return done ? REC_READ_PARTIAL : REC_READ_FAULT;
		}
		size_t n = sizeof(word) - skip;
		if (n > len - done)
			n = len - done;
		memcpy(buf + done, (const uint8_t *)&word + skip, n);
		done += n;
	}
	*got = done;
	return REC_READ_OK;
}

enum rec_read_status rec_mem_read(pid_t tid, uint64_t addr, void *buf, size_t len, size_t *got)
{
	assert(buf && got);
	*got = 0;
	if (len == 0)
		return REC_READ_OK;
	if (!vm_readv_works)
		return peek_read(tid, addr, buf, len, got);
	size_t done = 0;
	while (done < len) {
		const struct iovec local = {.iov_base = (uint8_t *)buf + done,
					    .iov_len = len - done};
		const struct iovec remote = {.iov_base = (void *)(uintptr_t)(addr + done),
					     .iov_len = len - done};
		const ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == ENOSYS || errno == EPERM) && done == 0) {
			vm_readv_works = false;
			return peek_read(tid, addr, buf, len, got);
		}
		if (n < 0 && errno == EFAULT && done == 0) {
			/* A range that starts readable but crosses into an
			 * unmapped page fails whole: retry up to the page end. */
			const size_t to_page_end =
			    REC_PAGE_SIZE - (size_t)((addr + done) % REC_PAGE_SIZE);
			if (to_page_end < len - done) {
				size_t part = 0;
				const enum rec_read_status s = rec_mem_read(
				    tid, addr + done, (uint8_t *)buf + done, to_page_end, &part);
				done += part;
				if (s != REC_READ_OK || part == 0)
					break;
				continue;
			}
		}
		break;
	}
	*got = done;
	if (done == len)
		return REC_READ_OK;
	return done ? REC_READ_PARTIAL : REC_READ_FAULT;
}

enum rec_read_status rec_mem_read_string(pid_t tid, uint64_t addr, char *buf, size_t max,
					 size_t *got, bool *terminated)
{
	assert(buf && got && terminated);
	*got = 0;
	*terminated = false;
	size_t done = 0;
	/* One page at a time: the page after the string may be unmapped. */
	while (done < max) {
		size_t chunk = REC_PAGE_SIZE - (size_t)((addr + done) % REC_PAGE_SIZE);
		if (chunk > max - done)
			chunk = max - done;
		size_t n = 0;
		const enum rec_read_status s =
		    rec_mem_read(tid, addr + done, buf + done, chunk, &n);
		const char *const nul = memchr(buf + done, '\0', n);
		if (nul) {
			*got = (size_t)(nul - buf);
			*terminated = true;
			return REC_READ_OK;
		}
		done += n;
		if (s != REC_READ_OK) {
			*got = done;
			return done ? REC_READ_PARTIAL : REC_READ_FAULT;
		}
	}
	*got = done;
	return REC_READ_OK;
}
