/* The argument and return-value printers every decoder builds on: values
 * by the table's argument kinds (descriptors with -y, paths, strings,
 * buffers, signal names and sets, modes) and the plain return styles.
 * Below the decode_<family>.c files, which call them; decode.c dispatches
 * to the families. */
#include "rp_internal.h"

#include "names.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define RP_AT_FDCWD (-100)

/* What the kernel named a descriptor this very call created: the result
 * records of pipe/socketpair's pair (the table's OUT_FDS calls), and the
 * descriptors it added besides its return value (SCM_RIGHTS received,
 * clone3's pidfd: result items STRTRC_RESULT_FD_ITEM and up). */
const struct rp_mem *rp_new_fd_link(const struct rp_ctx *c, int32_t fd)
{
	const struct rp_syscall *const sc = c->sc;
	if (!sc || !sc->desc || !sc->finished || sc->is_error)
		return NULL;
	if (sc->desc->classes & SC_CLASS_OUT_FDS) {
		for (unsigned i = 0; i < sc->desc->nargs; i++) {
			if (sc->desc->args[i].type != SC_T_INT_PAIR)
				continue;
			const struct rp_mem *const pair = rp_syscall_mem(sc, STRTRC_AT_EXIT, i, 0);
			for (uint32_t k = 0; pair && pair->len >= 8 && k < 2; k++) {
				if ((int32_t)rp_get_u32(pair->data + 4 * k) == fd)
					return rp_syscall_mem(sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT,
							      k + 1);
			}
		}
	}
	for (size_t i = 0; i < sc->nmem; i++) {
		const struct rp_mem *const m = &sc->mem[i];
		if (m->arg == STRTRC_ARG_RESULT && m->item >= STRTRC_RESULT_FD_ITEM &&
		    m->addr == (uint64_t)(uint32_t)fd)
			return m;
	}
	return NULL;
}

/* "<path>" as strace -y prints it after a descriptor or AT_FDCWD: a
 * deleted file's " (deleted)" mark goes after the brackets. */
void rp_fd_path_text(struct rp_buf *b, const char *path, size_t len, bool as_is, int xflag)
{
	static const char deleted[] = " (deleted)";
	const size_t mark = sizeof(deleted) - 1;
	const bool gone = !as_is && len >= mark && memcmp(path + len - mark, deleted, mark) == 0;
	rp_buf_putc(b, '<');
	rp_quote_fd_path(b, path, gone ? len - mark : len, xflag);
	rp_buf_putc(b, '>');
	if (gone)
		rp_buf_puts(b, "(deleted)");
}

/* The inode of a socket's path, "socket:[4242]" (path has len bytes). */
static bool socket_inode(const char *path, size_t len, uint64_t *inode)
{
	static const char head[] = "socket:[";
	const size_t h = sizeof(head) - 1;
	if (len < h + 2 || memcmp(path, head, h) != 0 || path[len - 1] != ']')
		return false;
	uint64_t v = 0;
	for (size_t i = h; i < len - 1; i++) {
		if (path[i] < '0' || path[i] > '9' || v > UINT64_MAX / 10)
			return false;
		v = v * 10 + (uint64_t)(path[i] - '0');
	}
	*inode = v;
	return true;
}

/* strace -yy's pidfd: "<pid:N>" while the process lives, else its path
 * (whether paths are asked or not); false for other descriptors. */
static bool pidfd_text(struct rp_buf *b, const char *path, size_t len, int32_t pid,
		       const struct rp_print_opts *o)
{
	if (len != sizeof(STRTRC_PIDFD_LINK) - 1 || memcmp(path, STRTRC_PIDFD_LINK, len) != 0)
		return false;
	if (pid > 0) {
		rp_buf_puts(b, "<pid:");
		rp_buf_mark_id(b, o);
		rp_buf_printf(b, "%" PRId32 ">", pid);
	} else {
		rp_fd_path_text(b, path, len, false, o->xflag);
	}
	return true;
}

struct rp_fd_name rp_fd_name_of_link(const struct rp_syscall *sc, const struct rp_mem *link)
{
	return (struct rp_fd_name){.path = (const char *)link->data,
				   .len = link->len,
				   .pidfd_pid = rp_link_pidfd_pid(sc, link),
				   .as_is = (link->flags & STRTRC_MEM_NAME_AS_IS) != 0};
}

bool rp_fd_name_in_session(const struct rp_session *s, uint32_t tid, int fd, struct rp_fd_name *n)
{
	const char *const path = s ? rp_session_fd_path(s, tid, fd) : NULL;
	if (!path)
		return false;
	*n = (struct rp_fd_name){.path = path,
				 .len = strlen(path),
				 .pidfd_pid = rp_session_fd_pidfd_pid(s, tid, fd),
				 .as_is = rp_session_fd_name_as_is(s, tid, fd)};
	return true;
}

void rp_fd_text(struct rp_buf *b, int64_t fd, const struct rp_fd_name *n,
		const struct rp_print_opts *o, uint64_t ts)
{
	const char *const path = n->path;
	const size_t len = n->len;
	rp_buf_printf(b, "%" PRId64, fd);
	/* a socket ("socket:[4242]"): -yy's protocol and endpoints */
	uint64_t inode;
	if ((o->decode_fds & RP_DECODE_FD_SOCKET) && socket_inode(path, len, &inode)) {
		struct rp_buf details = {0};
		const bool known = rp_fdinfo_socket(o->fdinfo, inode, ts, &details);
		if (known && !details.oom) {
			rp_buf_printf(b, "<%s>", details.data);
			rp_buf_free(&details);
			return;
		}
		rp_buf_free(&details);
	}
	/* a device: its path and "<char 1:3>", whether paths are asked or not */
	struct rp_buf dev = {0};
	if ((o->decode_fds & RP_DECODE_FD_DEV) && rp_fdinfo_device(o->fdinfo, path, len, &dev) &&
	    !dev.oom) {
		rp_buf_putc(b, '<');
		rp_quote_fd_path(b, path, len, o->xflag);
		rp_buf_printf(b, "%s>", dev.data);
		rp_buf_free(&dev);
		return;
	}
	rp_buf_free(&dev);
	if ((o->decode_fds & RP_DECODE_FD_PIDFD) && pidfd_text(b, path, len, n->pidfd_pid, o))
		return;
	if (o->decode_fds & RP_DECODE_FD_PATH)
		rp_fd_path_text(b, path, len, n->as_is, o->xflag);
}

/* text as made for fd, or the bare number when it could not be made */
static void emit_fd_text(struct rp_ctx *c, int32_t fd, struct rp_buf *text)
{
	if (text->oom)
		rp_e_int(c->e, fd);
	else
		rp_e_rawf(c->e, "%.*s", (int)text->len, text->data);
	rp_buf_free(text);
}

static void emit_fd(struct rp_ctx *c, int32_t fd, const struct rp_mem *link)
{
	struct rp_buf text = {0};
	const struct rp_fd_name n = rp_fd_name_of_link(c->sc, link);
	rp_fd_text(&text, fd, &n, c->opts, c->sc->entry_ts_ns);
	emit_fd_text(c, fd, &text);
}

void rp_arg_fd(struct rp_ctx *c, int64_t fd)
{
	const int32_t v = (int32_t)fd;
	if (!rp_fd_names(c)) {
		rp_e_int(c->e, v);
		return;
	}
	struct rp_buf text = {0};
	rp_buf_fd(c, &text, v);
	emit_fd_text(c, v, &text);
}

/* A descriptor of another process (pidfd_getfd's target): with -y, what
 * the recorder read of it in that process. */
void rp_arg_remote_fd(struct rp_ctx *c, int64_t fd)
{
	const int32_t v = (int32_t)fd;
	const struct rp_mem *const link =
	    rp_fd_names(c) ? rp_syscall_mem(c->sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT,
					    STRTRC_RESULT_REMOTE_FD_ITEM)
			   : NULL;
	if (link && link->addr == (uint64_t)(uint32_t)v)
		emit_fd(c, v, link);
	else
		rp_e_int(c->e, v);
}

/* fd as rp_arg_fd prints it, appended to a buffer (for text glued whole) */
void rp_buf_fd(const struct rp_ctx *c, struct rp_buf *b, int32_t fd)
{
	const bool named = rp_fd_names(c) != NULL;
	const struct rp_mem *const created = named ? rp_new_fd_link(c, fd) : NULL;
	struct rp_fd_name n;
	/* strace looks a descriptor up when it prints it: an argument at the
	 * call's entry, what the call created at its exit */
	if (created) {
		n = rp_fd_name_of_link(c->sc, created);
		rp_fd_text(b, fd, &n, c->opts, c->sc->exit_ts_ns);
	} else if (named && rp_fd_name_in_session(c->session, c->ev->tid, fd, &n))
		rp_fd_text(b, fd, &n, c->opts, c->sc->entry_ts_ns);
	else
		rp_buf_printf(b, "%d", fd);
}

void rp_print_nonzero_u32s(struct rp_ctx *c, const char *key, const void *words, size_t n, bool cut)
{
	const uint8_t *const p = words;
	size_t k = 0;
	while (k < n && !rp_get_u32(p + 4 * k))
		k++;
	if (k == n)
		return;
	rp_e_key(c->e, key);
	rp_e_open(c->e, '[');
	for (k = 0; k < n && !(cut && rp_array_cut(c, k)); k++)
		rp_e_hex(c->e, rp_get_u32(p + 4 * k));
	rp_e_close(c->e, ']');
}

void rp_print_dev(struct rp_emit *e, uint64_t dev)
{
	/* glibc's major() and minor(): unsigned ints, as strace prints them */
	const uint32_t major = (uint32_t)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
	const uint32_t minor = (uint32_t)((dev & 0xff) | ((dev >> 12) & ~0xffull));
	char md[64], num[24];
	snprintf(md, sizeof(md), "makedev(%#" PRIx32 ", %#" PRIx32 ")", major, minor);
	snprintf(num, sizeof(num), "%#" PRIx64, dev);
	rp_e_named(e, num, md); /* -X raw: the number */
}

void rp_print_cstring_field(struct rp_ctx *c, const void *field, size_t size)
{
	assert(size > 0);
	const uint8_t *const p = field;
	const uint8_t *const nul = memchr(p, 0, size);
	if (nul)
		rp_e_bytes_whole(c->e, p, (size_t)(nul - p), true, false);
	else
		rp_e_bytes_whole(c->e, p, size - 1, true, true);
}

const char *rp_syscall_nr_name(uint32_t arch, int64_t nr, char *buf, size_t size)
{
	const struct sc_table *const table = sc_table_for_arch(arch);
	const struct sc_desc *const desc = table && nr >= 0 ? sc_lookup(table, (uint64_t)nr) : NULL;
	if (!desc)
		return NULL;
	snprintf(buf, size, "__NR_%s", desc->name);
	return buf;
}

void rp_arg_dirfd(struct rp_ctx *c, int64_t fd)
{
	if ((int32_t)fd != RP_AT_FDCWD) {
		rp_arg_fd(c, fd);
		return;
	}
	/* strace -y: AT_FDCWD</the process's working directory> */
	const char *const cwd = (c->opts->decode_fds & RP_DECODE_FD_PATH) && !c->e->json
				    ? rp_session_cwd(c->session, c->ev->tid)
				    : NULL;
	/* -X raw: -100, verbose: -100 /" "* AT_FDCWD *" "/; a directory the
	 * kernel cannot name (PATH_MAX or longer: readlink of /proc/PID/cwd
	 * fails) has no path, as under strace */
	if (cwd && strlen(cwd) < PATH_MAX) {
		struct rp_buf text = {0};
		rp_buf_puts(&text, rp_e_xstyle(c->e) == RP_XLAT_ABBREV ? "AT_FDCWD"
				   : rp_e_xstyle(c->e) == RP_XLAT_RAW  ? "-100"
								       : "-100 /* AT_FDCWD */");
		rp_fd_path_text(&text, cwd, strlen(cwd), false, c->opts->xflag);
		if (text.oom)
			rp_e_symd(c->e, "AT_FDCWD", RP_AT_FDCWD);
		else
			rp_e_raw(c->e, text.data);
		rp_buf_free(&text);
	} else
		rp_e_symd(c->e, "AT_FDCWD", RP_AT_FDCWD);
}

void rp_arg_int(struct rp_ctx *c, unsigned i)
{
	rp_e_int(c->e, (int32_t)c->sc->args[i]);
}

void rp_arg_uint(struct rp_ctx *c, unsigned i)
{
	rp_e_uint(c->e, (uint32_t)c->sc->args[i]);
}

void rp_arg_ulong(struct rp_ctx *c, unsigned i)
{
	rp_e_uint(c->e, c->sc->args[i]);
}

void rp_arg_ptr(struct rp_ctx *c, unsigned i)
{
	rp_e_ptr(c->e, c->sc->args[i]);
}

static bool mem_usable(const struct rp_mem *m)
{
	return m && !(m->len == 0 && (m->flags & STRTRC_MEM_UNREADABLE));
}

/* A fault ended the read of the bytes strace would read (for a string its
 * -s limit and the byte after, for a path PATH_MAX): strace then prints the address alone. */
static bool mem_faulted_within(const struct rp_mem *m, uint64_t want)
{
	return (m->flags & STRTRC_MEM_UNREADABLE) && m->len < want;
}

void rp_arg_path(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !mem_usable(m) || mem_faulted_within(m, PATH_MAX)) {
		rp_arg_ptr(c, i);
		return;
	}
	/* paths are printed whole, whatever -s says, up to strace's PATH_MAX - 1
	 * characters: a path with no NUL in its first PATH_MAX bytes is cut there */
	const bool cut = m->len > PATH_MAX - 1;
	rp_e_bytes_whole(c->e, m->data, cut ? PATH_MAX - 1 : m->len, true,
			 cut || (m->flags & STRTRC_MEM_TRUNCATED) != 0);
}

uint64_t rp_flags_arg(const struct rp_ctx *c, unsigned i)
{
	assert(i < 6);
	const uint64_t v = c->sc->args[i];
	return c->sc->desc && c->sc->desc->args[i].len == SC_LEN_WHOLE ? v : (uint32_t)v;
}

bool rp_array_cut_at(const struct rp_print_opts *o, size_t k)
{
	return !o->verbose && k >= o->max_strlen;
}

bool rp_array_cut(struct rp_ctx *c, size_t k)
{
	if (!rp_array_cut_at(c->opts, k))
		return false;
	rp_e_ellipsis(c->e);
	return true;
}

void rp_print_struct_tail(struct rp_ctx *c, const struct rp_mem *m, size_t from, uint64_t to)
{
	if (from >= to)
		return;
	struct rp_buf text = {0};
	bool more = false;
	if (m && m->len < to && !(m->flags & STRTRC_MEM_UNREADABLE) && m->len > from) {
		/* readable, but the capture was cut (strec -s): what it holds */
		to = m->len;
		more = true;
	}
	if (!m || m->len < to) {
		rp_buf_puts(&text, "???");
	} else {
		const uint8_t *const tail = m->data + from;
		const size_t len = (size_t)to - from;
		size_t k = 0;
		while (k < len && !tail[k])
			k++;
		if (k == len)
			return;
		rp_buf_printf(&text, "/* bytes %zu..%zu */ ", from, (size_t)to - 1);
		rp_quote_string(&text, tail, len, c->opts->max_strlen, 2, false, more);
	}
	if (c->e->json) /* no member without a name there */
		rp_e_key(c->e, "trailing_bytes");
	rp_e_raw(c->e, text.data ? text.data : "");
	rp_buf_free(&text);
}

void rp_print_array(struct rp_ctx *c, unsigned i, bool at_exit, uint64_t nmemb, size_t elem_size,
		    rp_elem_fn print_elem)
{
	const struct rp_mem *const m =
	    c->deref && (!at_exit || c->exiting_ok)
		? rp_syscall_mem(c->sc, at_exit ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0)
		: NULL;
	rp_print_array_mem(c, c->sc->args[i], m, nmemb, elem_size, print_elem);
}

void rp_print_int_elem(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	assert(size == 4);
	rp_e_int(c->e, (int32_t)rp_get_u32(elem));
}

void rp_print_hex_array(struct rp_ctx *c, const void *base, size_t n, size_t elem, bool cut)
{
	assert(elem == 1 || elem == 2 || elem == 4 || elem == 8);
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n && !(cut && rp_array_cut(c, k)); k++) {
		const uint8_t *const p = (const uint8_t *)base + k * elem;
		rp_e_hex(c->e, elem == 8   ? rp_get_u64(p)
			       : elem == 4 ? rp_get_u32(p)
			       : elem == 2 ? rp_get_u16(p)
					   : *p);
	}
	rp_e_close(c->e, ']');
}

void rp_print_array_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t nmemb,
			size_t elem_size, rp_elem_fn print_elem)
{
	rp_print_array_mem_max(c, addr, m, nmemb, UINT64_MAX, elem_size, print_elem);
}

void rp_print_array_mem_max(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t nmemb,
			    uint64_t max_elems, size_t elem_size, rp_elem_fn print_elem)
{
	assert(elem_size > 0);
	if (!addr) {
		rp_e_ptr(c->e, 0);
		return;
	}
	if (!nmemb) {
		rp_e_raw(c->e, "[]");
		return;
	}
	if (nmemb > UINT64_MAX / elem_size || addr + nmemb * elem_size <= addr) {
		rp_e_ptr(c->e, addr);
		return;
	}
	/* elements the recorder read; a capture cut by its size limit (not
	 * by a fault) is as good as the -s cut that comes first */
	const uint64_t have = m ? m->len / elem_size : 0;
	const bool faulted = !m || (m->flags & STRTRC_MEM_UNREADABLE);
	if (!have) {
		rp_e_ptr(c->e, addr);
		return;
	}
	rp_e_open(c->e, '[');
	for (uint64_t k = 0; k < nmemb; k++) {
		if (k >= have) {
			rp_e_ellipsis(c->e);
			if (faulted) {
				char where[32];
				snprintf(where, sizeof(where), "%#" PRIx64, addr + k * elem_size);
				rp_e_comment(c->e, where);
			}
			break;
		}
		if (rp_array_cut(c, (size_t)k))
			break;
		if (k >= max_elems) { /* the call's own limit */
			rp_e_ellipsis(c->e);
			break;
		}
		print_elem(c, m->data + k * elem_size, elem_size);
	}
	rp_e_close(c->e, ']');
}

void rp_print_str_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m)
{
	if (m && m->addr != addr) /* read from another address than shown */
		m = NULL;
	if (!addr || !mem_usable(m) || mem_faulted_within(m, (uint64_t)c->opts->max_strlen + 1)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	rp_e_bytes(c->e, m->data, m->len, true, (m->flags & STRTRC_MEM_TRUNCATED) != 0);
}

void rp_arg_str(struct rp_ctx *c, unsigned i)
{
	rp_print_str_mem(c, c->sc->args[i], rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0));
}

void rp_arg_str_len(struct rp_ctx *c, unsigned i, size_t len)
{
	rp_print_str_len_mem(c, c->sc->args[i], rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0), len);
}

void rp_print_str_len_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, size_t len)
{
	const size_t s = c->opts->max_strlen;
	if (m && m->addr != addr) /* read from another address than shown */
		m = NULL;
	if (addr && !len) { /* nothing to read: "", not cut */
		rp_e_bytes(c->e, (const uint8_t *)"", 0, true, false);
		return;
	}
	/* up to a NUL in what strace reads */
	if (!addr || !mem_usable(m) || mem_faulted_within(m, rp_str_read_len(c->opts, len))) {
		rp_e_ptr(c->e, addr);
		return;
	}
	const size_t size = len < s ? len : s;
	const size_t n = strnlen((const char *)m->data, m->len < size ? m->len : size);
	rp_e_bytes(c->e, m->data, n, true, n == size);
}

void rp_arg_str_max(struct rp_ctx *c, unsigned i, size_t max)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	if (!c->sc->args[i] || !mem_usable(m) || mem_faulted_within(m, max)) {
		rp_arg_ptr(c, i);
		return;
	}
	/* strace reads max bytes: "..." when no NUL came within them */
	const size_t len = strnlen((const char *)m->data, m->len);
	const bool whole = len < max && !(len == m->len && (m->flags & STRTRC_MEM_TRUNCATED));
	/* never past the capture (cut shorter than max by strec -s) */
	rp_e_bytes(c->e, m->data, whole ? len : (m->len < max ? m->len : max), true, !whole);
}

void rp_arg_buf(struct rp_ctx *c, unsigned i, uint64_t len, bool at_exit, bool hex)
{
	if (at_exit && !c->exiting_ok) {
		rp_arg_ptr(c, i);
		return;
	}
	const struct rp_mem *m =
	    rp_syscall_mem(c->sc, at_exit ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
	rp_print_buf_mem(c, c->sc->args[i], m, len, hex);
}

void rp_print_buf_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len,
		      bool hex)
{
	if (!addr || !mem_usable(m) || mem_faulted_within(m, rp_str_read_len(c->opts, len))) {
		rp_e_ptr(c->e, addr);
		return;
	}
	size_t n = m->len < len ? m->len : (size_t)len;
	const bool more = len > n;
	if (hex)
		rp_e_bytes_hex(c->e, m->data, n, more);
	else
		rp_e_bytes(c->e, m->data, n, false, more);
}

static const struct rp_mem *arg_mem(struct rp_ctx *c, unsigned i, bool at_exit, size_t need,
				    bool is_string)
{
	const uint64_t addr = c->sc->args[i];
	const struct rp_mem *m =
	    rp_syscall_mem(c->sc, at_exit ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
	if (!addr || (!c->deref && !is_string) || (at_exit && !c->exiting_ok) || !m ||
	    m->len < need) {
		rp_e_ptr(c->e, addr);
		return NULL;
	}
	return m;
}

const struct rp_mem *rp_arg_mem(struct rp_ctx *c, unsigned i, bool at_exit, size_t need)
{
	return arg_mem(c, i, at_exit, need, false);
}

bool rp_arg_copy(struct rp_ctx *c, unsigned i, bool at_exit, void *out, size_t size)
{
	const struct rp_mem *const m = rp_arg_mem(c, i, at_exit, size);
	if (!m)
		return false;
	memcpy(out, m->data, size);
	return true;
}

bool rp_arg_written(const struct rp_ctx *c, unsigned i, void *out, size_t size)
{
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, i, 0);
	if (!c->exiting_ok || !m || m->len < size)
		return false;
	memcpy(out, m->data, size);
	return true;
}

const struct rp_mem *rp_arg_mem_str(struct rp_ctx *c, unsigned i, bool at_exit, size_t need)
{
	return arg_mem(c, i, at_exit, need, true);
}

void rp_print_signame(struct rp_ctx *c, int64_t sig)
{
	const char *const n = sig >= 1 && sig <= 64 ? strec_signal_name((int)sig) : NULL;
	/* -X: signals are decimal ("10 /" "* SIGUSR1 *" "/") */
	if (n)
		rp_e_symd(c->e, n, sig);
	else
		rp_e_int(c->e, sig);
}

/* strace's sigset: "[INT TERM]", or "~[...]" listing the absent ones when
 * more than half are present. */
void rp_print_sigset(struct rp_ctx *c, const uint8_t *data, size_t len)
{
	if (len > 16)
		len = 16;
	const unsigned nsig = (unsigned)len * 8;
	unsigned set = 0;
	for (unsigned s = 0; s < nsig; s++)
		set += (data[s / 8] >> (s % 8)) & 1;
	const bool invert = set * 2 > nsig;
	struct rp_buf b = {0};
	rp_buf_puts(&b, invert ? "~[" : "[");
	bool first = true;
	for (unsigned s = 0; s < nsig; s++) {
		const bool on = ((data[s / 8] >> (s % 8)) & 1) != invert;
		if (!on)
			continue;
		const int sig = (int)s + 1;
		if (!first)
			rp_buf_putc(&b, ' ');
		first = false;
		/* "USR1", "RTMIN", "RT_1": the name without its "SIG" */
		const char *const n = strec_signal_name(sig);
		char name[16], num[16];
		if (n)
			snprintf(name, sizeof(name), "%s", n + 3);
		else
			snprintf(name, sizeof(name), sig > 32 ? "RT_%d" : "%d",
				 sig > 32 ? sig - 32 : sig);
		/* -X: "[10]", "[10 /" "* USR1 *" "/]" */
		snprintf(num, sizeof(num), "%d", sig);
		rp_xlat_named_text(&b, rp_e_xstyle(c->e), num, n || sig >= 32 ? name : NULL);
	}
	rp_buf_putc(&b, ']');
	rp_e_raw(c->e, b.data ? b.data : "[]");
	rp_buf_free(&b);
}

void rp_print_mode(struct rp_ctx *c, uint32_t mode)
{
	static const char *const types[16] = {
	    [1] = "S_IFIFO", [2] = "S_IFCHR",  [4] = "S_IFDIR",	  [6] = "S_IFBLK",
	    [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK",
	};
	char buf[96];
	size_t k = 0;
	buf[0] = '\0';
	const unsigned type = (mode >> 12) & 15;
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if ((type && !types[type]) || st == RP_XLAT_RAW) {
		/* print_symbolic_mode_t: an unknown type leaves it all
		 * numeric, as does -X raw */
		rp_e_rawf(c->e, "%#03o", mode);
		return;
	}
	if (type)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s|", types[type]);
	if (mode & 04000)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "S_ISUID|");
	if (mode & 02000)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "S_ISGID|");
	if (mode & 01000)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "S_ISVTX|");
	snprintf(buf + k, sizeof(buf) - k, "%#03o", mode & 0777);
	if (st == RP_XLAT_VERBOSE)
		rp_e_rawf(c->e, "%#03o /* %s */", mode, buf);
	else
		rp_e_raw(c->e, buf);
}

void rp_print_iovec_addr(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "iov_base");
	rp_e_ptr(c->e, rp_get_u64(p));
	rp_e_key(c->e, "iov_len");
	rp_e_uint(c->e, rp_get_u64(p + 8));
	rp_e_close(c->e, '}');
}

/* How the generic decoder prints an element of an A_ARRAY_* argument of
 * this type (NULL: the array's address) */
static rp_elem_fn array_elem_printer(enum sc_type_id type)
{
	switch (type) {
	case SC_T_IOVEC:
		return rp_print_iovec_addr;
	default:
		return NULL;
	}
}

static uint64_t len_from(struct rp_ctx *c, uint8_t src)
{
	if (src <= SC_LEN_ARG5)
		return c->sc->args[src];
	if (src == SC_LEN_RET)
		return c->sc->finished && !c->sc->is_error ? (uint64_t)c->sc->rval : 0;
	return 0;
}

/* argv/envp: strings from items 1..n, the vector from item 0. */
void rp_arg_generic_strvec(struct rp_ctx *c, unsigned i)
{
	const struct rp_mem *vec = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0);
	const bool faulted = vec && (vec->flags & STRTRC_MEM_UNREADABLE);
	/* no pointer readable: the address, as strace */
	if (!c->sc->args[i] || !vec || !c->deref || (faulted && vec->len < 8)) {
		rp_arg_ptr(c, i);
		return;
	}
	size_t n = vec->len / 8;
	for (size_t k = 0; k < n; k++) {
		if (!rp_get_u64(vec->data + 8 * k)) {
			n = k;
			break;
		}
	}
	/* cut by the recorder (REC_MAX_VECTOR) or by -s: "..." once, as
	 * strace ends a cut array */
	bool cut = vec->flags & STRTRC_MEM_TRUNCATED;
	rp_e_open(c->e, '[');
	size_t k = 0;
	for (; k < n; k++) {
		if (rp_array_cut_at(c->opts, k)) { /* -v: all of them */
			cut = true;
			break;
		}
		const struct rp_mem *s = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, (uint32_t)k + 1);
		/* a string strace cannot read up to -s: its address */
		if (s && !mem_faulted_within(s, (uint64_t)c->opts->max_strlen + 1))
			rp_e_bytes(c->e, s->data, s->len, true,
				   (s->flags & STRTRC_MEM_TRUNCATED) != 0);
		else
			rp_e_ptr(c->e, rp_get_u64(vec->data + 8 * k));
	}
	if (cut) {
		rp_e_ellipsis(c->e);
	} else if (faulted) { /* no NULL before the unreadable memory: where */
		rp_e_ellipsis(c->e);
		char where[32];
		snprintf(where, sizeof(where), "%#" PRIx64, c->sc->args[i] + 8 * (uint64_t)k);
		rp_e_comment(c->e, where);
	}
	rp_e_close(c->e, ']');
}

void rp_arg_generic(struct rp_ctx *c, unsigned i)
{
	/* The kind as the conditional rules make it for these arguments (the
	 * recorder captured by the same rule). */
	const struct sc_table *const table = sc_table_for_arch(c->sc->arch);
	const struct sc_arg effective =
	    table ? sc_arg_effective(table, c->sc->nr, c->sc->desc, i, c->sc->args)
		  : c->sc->desc->args[i];
	const struct sc_arg *const a = &effective;
	const uint64_t v = c->sc->args[i];
	switch (a->kind) {
	case SC_ARG_INT:
		rp_e_int(c->e, (int32_t)v);
		break;
	case SC_ARG_LONG:
		rp_e_int(c->e, (int64_t)v);
		break;
	case SC_ARG_UINT:
		rp_e_uint(c->e, (uint32_t)v);
		break;
	case SC_ARG_ULONG:
		rp_e_uint(c->e, v);
		break;
	case SC_ARG_OCTAL:
		rp_e_octal(c->e, v);
		break;
	case SC_ARG_FD:
		if (a->type == SC_T_PIDFD_TARGET_FD)
			rp_arg_remote_fd(c, (int64_t)v);
		else
			rp_arg_fd(c, (int64_t)v);
		break;
	case SC_ARG_DIRFD:
		rp_arg_dirfd(c, (int64_t)v);
		break;
	case SC_ARG_PID:
		rp_arg_pid(c, i);
		break;
	case SC_ARG_SIGNAL:
		rp_print_signame(c, (int32_t)v);
		break;
	case SC_ARG_FLAGS: {
		const struct rp_xlat *x = rp_xlat_get(a->type);
		if (x)
			rp_e_flags(c->e, x, rp_flags_arg(c, i));
		else
			rp_e_hex(c->e, v);
		break;
	}
	case SC_ARG_ENUM: {
		const struct rp_xlat *x = rp_xlat_get(a->type);
		if (x)
			rp_e_enum(c->e, x, (uint32_t)v);
		else
			rp_e_int(c->e, (int32_t)v);
		break;
	}
	case SC_ARG_PATH:
		rp_arg_path(c, i);
		break;
	case SC_ARG_STR:
		rp_arg_str(c, i);
		break;
	case SC_ARG_STRVEC:
		rp_arg_generic_strvec(c, i);
		break;
	case SC_ARG_BUF:
		rp_arg_buf(c, i, len_from(c, a->len), a->dir == SC_DIR_OUT, false);
		break;
	case SC_ARG_ARRAY: {
		const rp_elem_fn print_elem = array_elem_printer((enum sc_type_id)a->type);
		if (print_elem)
			rp_print_array(c, i, a->dir == SC_DIR_OUT, len_from(c, a->len),
				       sc_type_size(a->type), print_elem);
		else
			rp_e_ptr(c->e, v);
		break;
	}
	case SC_ARG_SIGSET: {
		const bool out = a->dir == SC_DIR_OUT;
		const struct rp_mem *m =
		    rp_syscall_mem(c->sc, out ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 0);
		if (!v || !m || !m->len || !c->deref || (out && !c->exiting_ok))
			rp_e_ptr(c->e, v);
		else
			rp_print_sigset(c, m->data, m->len);
		break;
	}
	case SC_ARG_HEX:
	case SC_ARG_PTR:
	default:
		if (a->kind == SC_ARG_HEX)
			rp_e_hex(c->e, a->type == SC_T_U32 ? (uint32_t)v : v);
		else
			rp_e_ptr(c->e, v);
		break;
	}
}

void rp_dec_GENERIC(struct rp_ctx *c)
{
	for (unsigned i = 0; i < c->sc->desc->nargs && i < 6; i++)
		rp_arg_generic(c, i);
}

bool rp_rv_DEC(struct rp_ctx *c, struct rp_buf *b)
{
	rp_buf_printf(b, "%" PRId64, c->sc->rval);
	return true;
}

const char *rp_pid_translation(const struct rp_ctx *c, int64_t v, enum sc_pid_type t, char *buf,
			       size_t size)
{
	if (!c->opts->pidns_translation || !c->session)
		return "";
	if (t == SC_PID_TGID_PGID) { /* kill's: a process, or -N the group N */
		if (v < -1) {
			v = -v;
			t = SC_PID_PGID;
		} else {
			t = SC_PID_TGID;
		}
	}
	const uint32_t n = rp_session_pid_translate(c->session, c->ev->tid, v, t);
	if (!n || n == v)
		return "";
	snprintf(buf, size, "%" PRIu32 " in strace's PID NS", n);
	return buf;
}

void rp_e_pid(struct rp_ctx *c, int64_t v, enum sc_pid_type t)
{
	if (t == SC_PID_NONE) /* not an id after all: PRIO_USER's uid, waitid's P_ALL */
		rp_e_int(c->e, (int32_t)v);
	else
		rp_e_id(c->e, (int32_t)v);
	char text[48];
	const char *const note = rp_pid_translation(c, (int32_t)v, t, text, sizeof(text));
	if (*note)
		rp_e_comment(c->e, note);
}

void rp_arg_pid(struct rp_ctx *c, unsigned i)
{
	assert(i < 6 && c->sc->desc && c->sc->desc->args[i].kind == SC_ARG_PID);
	rp_e_pid(c, (int32_t)c->sc->args[i], (enum sc_pid_type)c->sc->desc->args[i].type);
}

/* an id returned: "N", and its translation */
static bool rv_pid(struct rp_ctx *c, struct rp_buf *b)
{
	rp_buf_mark_id(b, c->opts);
	rp_rv_DEC(c, b);
	char text[48];
	const char *const note = rp_pid_translation(
	    c, c->sc->rval, sc_rval_pid_type(c->sc->desc->rval), text, sizeof(text));
	if (*note && !c->opts->json)
		rp_buf_printf(b, " /* %s */", note);
	return true;
}

bool rp_rv_PID(struct rp_ctx *c, struct rp_buf *b)
{
	return rv_pid(c, b);
}

bool rp_rv_PID_TID(struct rp_ctx *c, struct rp_buf *b)
{
	return rv_pid(c, b);
}

bool rp_rv_PID_PGID(struct rp_ctx *c, struct rp_buf *b)
{
	return rv_pid(c, b);
}

bool rp_rv_PID_SID(struct rp_ctx *c, struct rp_buf *b)
{
	return rv_pid(c, b);
}

bool rp_rv_UINT_ERRNO(struct rp_ctx *c, struct rp_buf *b)
{
	/* modify_ldt returns (unsigned int)ret: "4294967258 ENOSYS (...)" */
	rp_rv_DEC(c, b);
	const int32_t v = (int32_t)c->sc->rval;
	const char *const name = v < 0 && v >= -4095 ? strec_errno_name(-v) : NULL;
	if (name)
		rp_buf_printf(b, " %s (%s)", name, strec_errno_text(-v));
	return true;
}

bool rp_rv_RESTORED(struct rp_ctx *c, struct rp_buf *b)
{
	return rp_rv_DEC(c, b);
}

bool rp_rv_HEX(struct rp_ctx *c, struct rp_buf *b)
{
	rp_buf_printf(b, "%#" PRIx64, (uint64_t)c->sc->rval);
	return true;
}

bool rp_rv_OCTAL(struct rp_ctx *c, struct rp_buf *b)
{
	rp_buf_printf(b, "%#03" PRIo64, (uint64_t)c->sc->rval);
	return true;
}

/* "[N]" of the int argument i points to, N marked as an id when is_id */
static void arg_int_at(struct rp_ctx *c, unsigned i, bool at_exit, bool is_id)
{
	const struct rp_mem *m = rp_arg_mem(c, i, at_exit, 4);
	if (!m)
		return;
	const char mark[2] = {is_id && rp_marks_ids(c->opts) ? RP_ID_MARK : '\0', '\0'};
	rp_e_rawf(c->e, "[%s%d]", mark, (int32_t)rp_get_u32(m->data));
}

void rp_arg_int_at(struct rp_ctx *c, unsigned i, bool at_exit)
{
	arg_int_at(c, i, at_exit, false);
}

void rp_arg_id_at(struct rp_ctx *c, unsigned i, bool at_exit)
{
	arg_int_at(c, i, at_exit, true);
}

void rp_arg_flags_at(struct rp_ctx *c, unsigned i, const struct rp_xlat *x, bool at_exit)
{
	const struct rp_mem *m = rp_arg_mem(c, i, at_exit, 4);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	rp_e_flags(c->e, x, rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

void rp_arg_u64_at(struct rp_ctx *c, unsigned i, bool at_exit, bool hex)
{
	const struct rp_mem *m = rp_arg_mem(c, i, at_exit, 8);
	if (!m)
		return;
	rp_e_open(c->e, '[');
	if (hex)
		rp_e_hex(c->e, rp_get_u64(m->data));
	else
		rp_e_uint(c->e, rp_get_u64(m->data));
	rp_e_close(c->e, ']');
}
