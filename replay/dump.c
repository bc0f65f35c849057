/* strace's -e read=SET and -e write=SET: after the line of a call that moved
 * data through a descriptor in the set, that data in hex and ASCII, 16 bytes
 * a line, as strace's dumpio prints it. The data is what the recorder
 * captured (strec -s bytes per buffer): what it did not keep is said where
 * it is missing, in the words strace uses for memory it cannot read. */
#include "rp_internal.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- descriptor sets ---- */

int rp_fdset_parse(struct rp_fdset *set, const char *text, char *msg, size_t msg_size)
{
	struct rp_fdset parsed = {0};
	while (*text == '!') {
		parsed.negated = !parsed.negated;
		text++;
	}
	if (!*text) {
		snprintf(msg, msg_size, "invalid descriptor ''");
		return -EINVAL;
	}
	const char *p = text;
	for (;;) {
		const char *const comma = strchr(p, ',');
		const size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char word[32];
		bool ok = len < sizeof(word);
		if (ok) {
			memcpy(word, p, len);
			word[len] = '\0';
		}
		if (ok && !strcmp(word, "all")) {
			parsed.negated = !parsed.negated; /* "all" is "none" negated */
			parsed.n = 0;
		} else if (ok && len && strcmp(word, "none") != 0) {
			char *end;
			errno = 0;
			const long v = strtol(word, &end, 10);
			ok = !errno && !*end && v >= 0 && v <= INT32_MAX;
			if (ok) {
				int32_t *const more =
				    realloc(parsed.fds, (parsed.n + 1) * sizeof(*more));
				if (!more) {
					free(parsed.fds);
					snprintf(msg, msg_size, "out of memory");
					return -ENOMEM;
				}
				parsed.fds = more;
				parsed.fds[parsed.n++] = (int32_t)v;
			}
		}
		if (!ok) {
			snprintf(msg, msg_size, "invalid descriptor '%.*s'", (int)len, p);
			free(parsed.fds);
			return -EINVAL;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	rp_fdset_free(set);
	*set = parsed;
	return 0;
}

bool rp_fdset_has(const struct rp_fdset *set, int64_t fd)
{
	if (!set || fd < 0)
		return false;
	for (size_t i = 0; i < set->n; i++) {
		if (set->fds[i] == fd)
			return !set->negated;
	}
	return set->negated;
}

void rp_fdset_free(struct rp_fdset *set)
{
	if (!set)
		return;
	free(set->fds);
	memset(set, 0, sizeof(*set));
}

/* ---- the calls strace dumps ---- */

/* A call strace dumps: one that moves data between a descriptor and its
 * buffer, iovecs or messages (the table marks the descriptor). */
struct dump_call {
	bool writes; /* -e write=; else -e read= */
	unsigned fd_arg, data_arg;
	enum sc_arg_kind shape; /* SC_ARG_BUF, _IOVEC, _MSGHDR or _MMSGHDR */
};

static bool dump_call_of(const struct rp_syscall *sc, struct dump_call *call)
{
	const int data = sc_data_arg(sc->desc);
	if (data < 0)
		return false;
	int fd = sc_data_fd_arg(sc->desc, SC_T_DATA_SOURCE);
	call->writes = fd < 0;
	if (fd < 0)
		fd = sc_data_fd_arg(sc->desc, SC_T_DATA_SINK);
	if (fd < 0)
		return false;
	call->fd_arg = (unsigned)fd;
	call->data_arg = (unsigned)data;
	call->shape = sc->desc->args[data].kind;
	return true;
}

/* ---- dumping ---- */

enum { DUMP_LINE_BYTES = 16, DUMP_GROUP_BYTES = 8, DUMP_FETCH_BYTES = 1 << 16 };

/* len bytes at addr, of which m holds the first ones (NULL: none): " | "
 * offset, two groups of eight bytes in hex, the bytes as ASCII, " |"; the
 * offset has 5 hex digits, more for buffers over 1 MiB. */
static void dump_bytes(struct rp_buf *out, const struct rp_mem *m, uint64_t addr, uint64_t len,
		       uint32_t tid)
{
	static const char hex[] = "0123456789abcdef";
	if (!len)
		return;
	const bool unreadable = !m || (m->flags & STRTRC_MEM_UNREADABLE);
	size_t have = !m ? 0 : m->len < len ? m->len : (size_t)len;
	/* strace reads what it dumps in 64 KiB pieces: a piece it cannot
	 * read whole is not shown at all */
	if (unreadable && have < len)
		have -= have % DUMP_FETCH_BYTES;
	int width = 5;
	if (len > (uint64_t)1 << 20) {
		int bits = 0;
		for (uint64_t v = len - 1; v > 1; v >>= 1)
			bits++;
		width = 1 + bits / 4;
	}
	for (size_t off = 0; off < have; off += DUMP_LINE_BYTES) {
		/* "xx " per byte, a space more after each group, then ASCII */
		char line[DUMP_LINE_BYTES * 3 + 2 + DUMP_LINE_BYTES + 1];
		memset(line, ' ', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\0';
		char *const text = line + DUMP_LINE_BYTES * 3 + 2;
		for (size_t k = 0; k < DUMP_LINE_BYTES && off + k < have; k++) {
			const uint8_t byte = m->data[off + k];
			char *const at = line + 3 * k + k / DUMP_GROUP_BYTES;
			at[0] = hex[byte >> 4];
			at[1] = hex[byte & 15];
			text[k] = byte >= 0x20 && byte < 0x7f ? (char)byte : '.';
		}
		rp_buf_printf(out, " | %0*zx  %s |\n", width, off, line);
	}
	/* Bytes the trace does not hold: where the recorder could not read
	 * them either, strace could not, and it says nothing when it could
	 * read none; what the recorder read but did not keep (strec -s, a
	 * scrubbed trace) is said, in strace's words for a failed read. */
	if (have < len && !(unreadable && !have))
		rp_buf_printf(out,
			      " | <Cannot fetch %" PRIu64 " byte%s from pid %u @%#" PRIx64 ">\n",
			      len - have, len - have == 1 ? "" : "s", tid, addr + have);
}

/* An iovec array of cnt elements: its buffers in turn, data_size bytes in
 * all, each after " * N bytes in buffer K"; an empty one ends the dump, as
 * in strace. items: the array's item; the buffers follow it. */
static void dump_iov(struct rp_buf *out, const struct rp_syscall *sc, int stop, unsigned arg,
		     uint32_t array_item, uint32_t first_buf_item, uint64_t cnt, uint64_t data_size,
		     uint32_t tid)
{
	const struct rp_mem *const arr = rp_syscall_mem(sc, stop, arg, array_item);
	if (!arr)
		return;
	const size_t have = arr->len / 16;
	/* strace reads the whole array first: nothing when part of it is not
	 * there (a capture cut by its size limit still dumps what it holds) */
	if (have < cnt && (arr->flags & STRTRC_MEM_UNREADABLE))
		return;
	for (uint64_t k = 0; k < cnt && k < have; k++) {
		const uint64_t base = rp_get_u64(arr->data + 16 * k);
		uint64_t len = rp_get_u64(arr->data + 16 * k + 8);
		if (len > data_size)
			len = data_size;
		if (!len)
			break;
		data_size -= len;
		rp_buf_printf(out, " * %" PRIu64 " bytes in buffer %" PRIu64 "\n", len, k);
		dump_bytes(out, rp_syscall_mem(sc, stop, arg, first_buf_item + (uint32_t)k), base,
			   len, tid);
	}
}

void rp_print_io_dumps(const struct rp_print_opts *o, const struct rp_event *ev, struct rp_buf *out)
{
	const struct rp_syscall *const sc = &ev->u.sc;
	assert(ev->kind == RP_EV_SYSCALL);
	if (!sc->finished)
		return; /* strace dumps at the exit */
	struct dump_call call;
	if (!dump_call_of(sc, &call) || !rp_fdset_has(call.writes ? o->dump_write : o->dump_read,
						      (int32_t)sc->args[call.fd_arg]))
		return;
	/* what was written is dumped whether the call failed or not */
	if (!call.writes && sc->is_error)
		return;
	const int stop = call.writes ? STRTRC_AT_ENTRY : STRTRC_AT_EXIT;
	const uint64_t size = call.writes ? UINT64_MAX : (uint64_t)sc->rval;
	const unsigned arg = call.data_arg;
	switch (call.shape) {
	case SC_ARG_BUF: {
		const uint8_t len_src = sc->desc->args[arg].len;
		dump_bytes(out, rp_syscall_mem(sc, stop, arg, 0), sc->args[arg],
			   call.writes && len_src <= SC_LEN_ARG5 ? sc->args[len_src]
								 : (uint64_t)sc->rval,
			   ev->tid);
		break;
	}
	case SC_ARG_IOVEC:
		dump_iov(out, sc, stop, arg, 0, RP_IOV_BUF(0), sc->args[sc->desc->args[arg].len],
			 size, ev->tid);
		break;
	case SC_ARG_MSGHDR: {
		const struct rp_mem *const h = rp_syscall_mem(sc, stop, arg, 0);
		if (h && h->len >= 56)
			dump_iov(out, sc, stop, arg, RP_MSG_IOV, RP_MSG_BUF,
				 rp_get_u64(h->data + 24), size, ev->tid);
		break;
	}
	case SC_ARG_MMSGHDR: {
		/* the messages the call handled, each up to its msg_len as the
		 * kernel set it (a failed sendmmsg: as they were given) */
		const struct rp_mem *const arr = rp_syscall_mem(sc, STRTRC_AT_EXIT, arg, 0);
		const uint64_t n =
		    sc->is_error ? sc->args[sc->desc->args[arg].len] : (uint64_t)sc->rval;
		for (uint64_t i = 0; arr && i < n && 64 * (i + 1) <= arr->len; i++) {
			const uint8_t *const e = arr->data + 64 * i;
			const uint64_t iovlen = rp_get_u64(e + 24);
			rp_buf_printf(out, " = %" PRIu64 " buffers in vector %" PRIu64 "\n", iovlen,
				      i);
			dump_iov(out, sc, STRTRC_AT_EXIT, arg, RP_MMSG_ITEM(i) + RP_MSG_IOV,
				 RP_MMSG_ITEM(i) + RP_MSG_BUF, iovlen, rp_get_u32(e + 56), ev->tid);
		}
		break;
	}
	default:
		assert(!"a data argument of another kind");
	}
}
