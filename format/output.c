/* Opening a tool's output file so that no tool destroys data by mistake:
 * never one of its inputs, never a trace under text (or anything but a
 * trace under a trace) unless forced, and readable by its owner alone. */
#include "strtrc.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether fd (a regular file) starts with a trace's magic: 1 yes, 0 no,
 * negative errno when it cannot be read. */
static int starts_as_trace(const char *path)
{
	const int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	uint8_t magic[4] = {0};
	const ssize_t n = pread(fd, magic, sizeof(magic), 0);
	const int e = errno;
	close(fd);
	if (n < 0)
		return -e;
	const uint32_t value = (uint32_t)magic[0] | (uint32_t)magic[1] << 8 |
			       (uint32_t)magic[2] << 16 | (uint32_t)magic[3] << 24;
	return n == (ssize_t)sizeof(magic) && value == STRTRC_SKIPPABLE_MAGIC;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether the open file out is one of the inputs ("-": standard input). */
static const char *input_named_by(const struct stat *out, const char *const *inputs, size_t ninputs)
{
	for (size_t i = 0; i < ninputs; i++) {
		struct stat in;
		const bool is_stdin = strcmp(inputs[i], "-") == 0;
		if ((is_stdin ? fstat(STDIN_FILENO, &in) : stat(inputs[i], &in)) == 0 &&
		    same_file(out, &in))
			return is_stdin ? "standard input" : inputs[i];
	}
	return NULL;
}

int strtrc_output_open(const char *path, enum strtrc_output_kind kind, bool force,
		       const char *const *inputs, size_t ninputs, char *msg, size_t msg_size)
{
	assert(path && strcmp(path, "-") != 0);
	assert(kind == STRTRC_OUTPUT_TRACE || kind == STRTRC_OUTPUT_OTHER);
	/* Not truncated yet: what is there decides whether it may be. */
	const int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		const int e = errno;
		snprintf(msg, msg_size, "cannot write '%s': %s", path, strerror(e));
		return -e;
	}
	int rc = 0;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		snprintf(msg, msg_size, "cannot write '%s': %s", path, strerror(-rc));
		goto fail;
	}
	const char *const input = input_named_by(&st, inputs, ninputs);
	if (input) {
		rc = -EINVAL;
		if (strcmp(input, path) == 0)
			snprintf(msg, msg_size,
				 "'%s' is the input: the output must be another file", path);
		else
			snprintf(msg, msg_size,
				 "'%s' is the input ('%s'): the output must be another file", path,
				 input);
		goto fail;
	}
	if (!S_ISREG(st.st_mode))
		return fd; /* a terminal, a pipe, /dev/null: written as it is */
	if (st.st_size > 0 && !force) {
		const int trace = starts_as_trace(path);
		if (trace < 0) {
			rc = trace;
			snprintf(msg, msg_size,
				 "cannot read '%s' to check whether it is a strec trace: %s (use "
				 "--force)",
				 path, strerror(-rc));
			goto fail;
		}
		if (kind == STRTRC_OUTPUT_TRACE && !trace) {
			rc = -EEXIST;
			snprintf(
			    msg, msg_size,
			    "refusing to overwrite '%s': it is not a strec trace (use --force)",
			    path);
			goto fail;
		}
		if (kind == STRTRC_OUTPUT_OTHER && trace) {
			rc = -EEXIST;
			snprintf(msg, msg_size,
				 "refusing to overwrite '%s': it is a strec trace (use --force)",
				 path);
			goto fail;
		}
	}
	if (ftruncate(fd, 0) < 0) {
		rc = -errno;
		snprintf(msg, msg_size, "cannot write '%s': %s", path, strerror(-rc));
		goto fail;
	}
	/* What is made from a trace holds the trace's data: an existing
	 * file keeps its mode otherwise. Best effort (it may not be ours). */
	if (st.st_mode & 077)
		(void)fchmod(fd, st.st_mode & 0700);
	return fd;
fail:
	close(fd);
	return rc;
}
