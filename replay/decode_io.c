/* Reading and writing: read/write families, vectors, pipes, getrandom. */
#include "rp_internal.h"

#include <inttypes.h>
#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

/* struct iovec[cnt]: item 0 is the array, item k+1 the buffer of iov[k].
 * Output vectors show only what the call filled (up to its return). */
static void print_iovec(struct rp_ctx *c, unsigned i, uint64_t cnt, bool out)
{
	const struct rp_mem *arr =
		rp_syscall_mem(c->sc, out ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !arr || (out && !c->exiting_ok)) {
		rp_arg_ptr(c, i);
		return;
	}
	uint64_t left = out ? (uint64_t)c->sc->rval : UINT64_MAX;
	size_t n = arr->len / 16;
	if (n > cnt)
		n = (size_t)cnt;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n; k++) {
		if (k >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			break;
		}
		const uint64_t base = rp_get_u64(arr->data + 16 * k);
		const uint64_t len = rp_get_u64(arr->data + 16 * k + 8);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "iov_base");
		const struct rp_mem *b = rp_syscall_mem(c->sc, out ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY,
							i, (uint32_t)k + 1);
		const uint64_t show = len < left ? len : left;
		if (b && base) {
			const size_t have = b->len < show ? b->len : (size_t)show;
			rp_e_bytes(c->e, b->data, have, false, show > have);
		} else {
			rp_e_ptr(c->e, base);
		}
		left -= show;
		rp_e_key(c->e, "iov_len");
		rp_e_uint(c->e, len);
		rp_e_close(c->e, '}');
	}
	if (cnt > n && n < c->opts->max_strlen && arr->len / 16 < cnt)
		rp_e_ellipsis(c->e);
	rp_e_close(c->e, ']');
}

static void print_int_pair(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_arg_mem(c, i, true, 8);
	if (m)
		rp_e_rawf(c->e, "[%d, %d]", (int32_t)rp_get_u32(m->data),
			  (int32_t)rp_get_u32(m->data + 4));
}

bool rp_decode_io(struct rp_ctx *c, const char *name)
{
	const struct rp_syscall *sc = c->sc;
	const uint64_t *a = sc->args;
	const uint64_t ret = c->exiting_ok ? (uint64_t)sc->rval : 0;
	if (IS("read") || IS("pread64")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_buf(c, 1, ret, true, false);
		rp_e_uint(c->e, a[2]);
		if (IS("pread64"))
			rp_e_int(c->e, (int64_t)a[3]);
	} else if (IS("write") || IS("pwrite64")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_buf(c, 1, a[2], false, false);
		rp_e_uint(c->e, a[2]);
		if (IS("pwrite64"))
			rp_e_int(c->e, (int64_t)a[3]);
	} else if (IS("readv") || IS("writev") || IS("preadv") || IS("pwritev") ||
		   IS("preadv2") || IS("pwritev2")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_iovec(c, 1, a[2], strstr(name, "read") != NULL);
		rp_e_uint(c->e, a[2]);
		if (name[0] == 'p') {
			rp_e_int(c->e, (int64_t)a[3]);
			if (name[strlen(name) - 1] == '2')
				rp_e_flags(c->e, rp_xlat_get(SC_X_RWF_FLAGS), (uint32_t)a[5]);
		}
	} else if (IS("getrandom")) {
		rp_arg_buf(c, 0, ret, true, true);
		rp_e_uint(c->e, a[1]);
		rp_e_flags(c->e, &rp_x_grnd, (uint32_t)a[2]);
	} else if (IS("pipe")) {
		print_int_pair(c, 0);
	} else if (IS("pipe2")) {
		print_int_pair(c, 0);
		rp_e_flags(c->e, rp_xlat_get(SC_X_PIPE_FLAGS), (uint32_t)a[1]);
	} else if (IS("close")) {
		rp_arg_fd(c, (int64_t)a[0]);
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_io(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
