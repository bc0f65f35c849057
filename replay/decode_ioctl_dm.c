/* ioctl: device mapper (0xfd), printed as strace 6.1 does (dm.c there):
 * "[{header}, payload]" as the kernel read it, and " => [...]" what it
 * wrote back on success. The payload (targets, device names, versions,
 * messages) lies in the buffer the header heads, data_size bytes from the
 * header on, which the recorders capture whole (sc_type_pointee: item 1);
 * it is shown under -v only, "..." otherwise. */
#include "decode_ioctl.h"

#include <linux/ioctl.h>
#include <linux/dm-ioctl.h>
#include <stddef.h>
#include <string.h>

#ifndef DM_EXISTS_FLAG
#define DM_EXISTS_FLAG 0x4
#endif

/* What one stop holds: the header, the buffer behind it, and where. */
struct dm_view {
	struct dm_ioctl ioc;
	const struct rp_mem *buf; /* the buffer from the header on, or NULL */
	uint64_t addr;
	bool at_exit;
};

/* The size bytes at offset off of the buffer, or NULL when they were not
 * read (a fault, or past what was captured) */
static const uint8_t *bytes_at(const struct dm_view *v, uint64_t off, size_t size)
{
	if (!v->buf || off > v->buf->len || size > v->buf->len - off)
		return NULL;
	return v->buf->data + off;
}

/* The same for a payload struct, which -e verbose= also shows as its
 * address (strace's umove_or_printaddr) */
static const uint8_t *buf_at(const struct rp_ctx *c, const struct dm_view *v, uint64_t off,
			     size_t size)
{
	return c->deref ? bytes_at(v, off, size) : NULL;
}

/* strace's printstr_ex(addr + off, data_size - off, QUOTE_0_TERMINATED) */
static void print_string_at(struct rp_ctx *c, const struct dm_view *v, uint64_t off)
{
	struct rp_mem rest = {0};
	const struct rp_mem *m = NULL;
	if (v->buf) {
		rest = *v->buf;
		const size_t skip = off < rest.len ? (size_t)off : rest.len;
		rest.data += skip;
		rest.len -= skip;
		rest.addr = v->addr + off;
		/* past what was captured (a fault, or the capture's limit):
		 * unknown bytes, which strace would have read */
		if (skip < off || (rest.flags & STRTRC_MEM_TRUNCATED))
			rest.flags |= STRTRC_MEM_UNREADABLE;
		m = &rest;
	}
	rp_print_str_len_mem(c, v->addr + off, m, v->ioc.data_size - off);
}

/* "??? /" "* misplaced struct NAME *" "/" */
static void print_misplaced(struct rp_ctx *c, const char *what)
{
	rp_e_raw(c->e, "???");
	rp_e_comment(c->e, what);
}

static bool has_params(uint32_t cmd)
{
	switch (cmd) {
	case DM_VERSION:
	case DM_REMOVE_ALL:
	case DM_DEV_CREATE:
	case DM_DEV_REMOVE:
	case DM_DEV_SUSPEND:
	case DM_DEV_STATUS:
	case DM_TABLE_CLEAR:
	case DM_DEV_ARM_POLL:
		return false;
	default:
		return true;
	}
}

static void print_device(struct rp_ctx *c, uint32_t cmd, const struct dm_ioctl *ioc)
{
	if (cmd == DM_REMOVE_ALL || cmd == DM_LIST_DEVICES || cmd == DM_LIST_VERSIONS)
		return;
	if (ioc->dev) {
		rp_e_key(c->e, "dev");
		rp_print_dev(c->e, ioc->dev);
	}
	if (ioc->name[0]) {
		rp_e_key(c->e, "name");
		rp_print_cstring_field(c, ioc->name, sizeof(ioc->name));
	}
	if (ioc->uuid[0]) {
		rp_e_key(c->e, "uuid");
		rp_print_cstring_field(c, ioc->uuid, sizeof(ioc->uuid));
	}
}

static void print_values(struct rp_ctx *c, uint32_t cmd, const struct dm_view *v)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	if (!v->at_exit) {
		switch (cmd) {
		case DM_TABLE_LOAD:
			rp_e_key_uint(c->e, "target_count", ioc->target_count);
			break;
		case DM_DEV_SUSPEND:
			if (ioc->flags & DM_SUSPEND_FLAG)
				break;
			/* fall through */
		case DM_DEV_RENAME:
		case DM_DEV_REMOVE:
		case DM_DEV_WAIT:
			rp_e_key_uint(c->e, "event_nr", ioc->event_nr);
			break;
		}
		return;
	}
	switch (cmd) {
	case DM_DEV_CREATE:
	case DM_DEV_RENAME:
	case DM_DEV_SUSPEND:
	case DM_DEV_STATUS:
	case DM_DEV_WAIT:
	case DM_TABLE_LOAD:
	case DM_TABLE_CLEAR:
	case DM_TABLE_DEPS:
	case DM_TABLE_STATUS:
	case DM_TARGET_MSG:
		rp_e_key_uint(c->e, "target_count", ioc->target_count);
		rp_e_key_uint(c->e, "open_count", (uint32_t)ioc->open_count);
		rp_e_key_uint(c->e, "event_nr", ioc->event_nr);
		break;
	}
}

/* {version=[...], data_size=..., ...}: false when the version or the size
 * stops it short (the payload is not shown then) */
static bool print_header(struct rp_ctx *c, uint32_t cmd, const struct dm_view *v)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	bool whole = false;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "version");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < 3; k++)
		rp_e_uint(c->e, ioc->version[k]);
	rp_e_close(c->e, ']');
	if (ioc->version[0] != DM_VERSION_MAJOR) {
		rp_e_comment(c->e, "unsupported device mapper ABI version");
	} else {
		rp_e_key_uint(c->e, "data_size", ioc->data_size);
		if (ioc->data_size < offsetof(struct dm_ioctl, data)) {
			rp_e_comment(c->e, "data_size too small");
		} else {
			if (has_params(cmd))
				rp_e_key_uint(c->e, "data_start", ioc->data_start);
			print_device(c, cmd, ioc);
			print_values(c, cmd, v);
			rp_e_key(c->e, "flags");
			rp_e_flags(c->e, &rp_x_dm_flags, ioc->flags);
			whole = true;
		}
	}
	rp_e_close(c->e, '}');
	return whole;
}

static void target_specs(struct rp_ctx *c, const struct dm_view *v)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	if (!c->opts->verbose) {
		if (ioc->target_count)
			rp_e_ellipsis(c->e);
		return;
	}
	uint32_t offset = ioc->data_start, offset_end = 0;
	for (uint32_t i = 0; i < ioc->target_count; i++) {
		if (i && offset <= offset_end) {
			print_misplaced(c, "misplaced struct dm_target_spec");
			return;
		}
		offset_end = offset + (uint32_t)sizeof(struct dm_target_spec);
		if (offset_end <= offset || offset_end > ioc->data_size) {
			print_misplaced(c, "misplaced struct dm_target_spec");
			return;
		}
		if (i >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			return;
		}
		const uint8_t *const at = buf_at(c, v, offset, sizeof(struct dm_target_spec));
		if (!at) {
			rp_e_ptr(c->e, v->addr + offset);
			return;
		}
		struct dm_target_spec s;
		memcpy(&s, at, sizeof(s));
		rp_e_open(c->e, '{');
		rp_e_key_uint(c->e, "sector_start", s.sector_start);
		rp_e_key_uint(c->e, "length", s.length);
		if (v->at_exit) {
			rp_e_key(c->e, "status");
			rp_e_int(c->e, s.status);
		}
		rp_e_key(c->e, "target_type");
		rp_print_cstring_field(c, s.target_type, sizeof(s.target_type));
		rp_e_key(c->e, "string");
		print_string_at(c, v, offset_end);
		rp_e_close(c->e, '}');
		/* at entry next is from this spec, at exit from data_start */
		offset = v->at_exit ? ioc->data_start + s.next : offset + s.next;
	}
}

static void target_deps(struct rp_ctx *c, const struct dm_view *v)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	if (ioc->data_start == ioc->data_size)
		return;
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		return;
	}
	const uint32_t offset = ioc->data_start;
	const uint32_t offset_end = offset + (uint32_t)offsetof(struct dm_target_deps, dev);
	if (offset_end <= offset || offset_end > ioc->data_size) {
		print_misplaced(c, "misplaced struct dm_target_deps");
		return;
	}
	const uint8_t *const at = buf_at(c, v, offset, offsetof(struct dm_target_deps, dev));
	if (!at) {
		rp_e_ptr(c->e, v->addr + offset);
		return;
	}
	uint32_t count;
	memcpy(&count, at, sizeof(count));
	if (count > (ioc->data_size - offset_end) / sizeof(uint64_t)) {
		print_misplaced(c, "misplaced struct dm_target_deps");
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "count", count);
	rp_e_key(c->e, "deps");
	if (!count) {
		rp_e_open(c->e, '[');
		rp_e_close(c->e, ']');
	} else {
		rp_e_open(c->e, '[');
		for (uint32_t k = 0; k < count && !rp_array_cut(c, k); k++) {
			const uint8_t *const dev =
			    bytes_at(v, offset_end + 8ull * k, sizeof(uint64_t));
			if (!dev) {
				rp_e_ptr(c->e, v->addr + offset_end + 8ull * k);
				break;
			}
			uint64_t d;
			memcpy(&d, dev, sizeof(d));
			rp_print_dev(c->e, d);
		}
		rp_e_close(c->e, ']');
	}
	rp_e_close(c->e, '}');
}

/* One entry of a list the kernel wrote (device names, target versions):
 * printed from its fixed head (at offset) and the name after it (at
 * offset_end); returns the head's next, the distance to the next entry. */
typedef uint32_t (*dm_entry_fn)(struct rp_ctx *c, const struct dm_view *v, uint32_t offset,
				uint32_t offset_end, const uint8_t *head);

/* The entries from data_start on, each where the one before says, as
 * strace walks them: "..." without -v, at most -s of them, "???" for one
 * out of place */
static void walk_entries(struct rp_ctx *c, const struct dm_view *v, uint32_t head_size,
			 const char *misplaced, dm_entry_fn entry)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	if (ioc->data_start == ioc->data_size)
		return;
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		return;
	}
	uint32_t offset = ioc->data_start, offset_end = 0;
	for (uint32_t count = 0;; count++) {
		if (count && offset <= offset_end) {
			print_misplaced(c, misplaced);
			return;
		}
		offset_end = offset + head_size;
		if (offset_end <= offset || offset_end > ioc->data_size) {
			print_misplaced(c, misplaced);
			return;
		}
		if (count >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			return;
		}
		const uint8_t *const head = buf_at(c, v, offset, head_size);
		if (!head) {
			rp_e_ptr(c->e, v->addr + offset);
			return;
		}
		const uint32_t next = entry(c, v, offset, offset_end, head);
		if (!next)
			return;
		offset += next;
	}
}

static uint32_t name_entry(struct rp_ctx *c, const struct dm_view *v, uint32_t offset,
			   uint32_t offset_end, const uint8_t *head)
{
	struct dm_name_list s;
	memcpy(&s, head, offsetof(struct dm_name_list, name));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "dev");
	rp_print_dev(c->e, s.dev);
	rp_e_key(c->e, "name");
	print_string_at(c, v, offset_end);
	/* since 4.37 an event number follows the name, at the next 8-aligned
	 * address, when there is room for it before the next entry; strace
	 * looks for it when the name ended within what it read of it */
	const uint8_t *const name = bytes_at(v, offset_end, 1);
	const size_t read = rp_str_read_len(c->opts, v->ioc.data_size - offset_end);
	const size_t room = name ? v->buf->len - offset_end : 0;
	const size_t seen = read < room ? read : room;
	const size_t name_len = name ? strnlen((const char *)name, seen) : 0;
	if (name && name_len < seen && v->ioc.version[1] >= 37) {
		const uint64_t event_addr = (v->addr + offset_end + name_len + 1 + 7) & ~7ull;
		const uint64_t event_off = event_addr - v->addr;
		const uint8_t *const ev = bytes_at(v, event_off, sizeof(uint32_t));
		if (ev && event_off + sizeof(uint32_t) <= (uint64_t)offset + s.next) {
			uint32_t event_nr;
			memcpy(&event_nr, ev, sizeof(event_nr));
			rp_e_key_uint(c->e, "event_nr", event_nr);
		}
	}
	rp_e_close(c->e, '}');
	return s.next;
}

static uint32_t version_entry(struct rp_ctx *c, const struct dm_view *v, uint32_t offset,
			      uint32_t offset_end, const uint8_t *head)
{
	(void)offset;
	struct dm_target_versions s;
	memcpy(&s, head, offsetof(struct dm_target_versions, name));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "name");
	print_string_at(c, v, offset_end);
	rp_e_key(c->e, "version");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < 3; k++)
		rp_e_uint(c->e, s.version[k]);
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
	return s.next;
}

static void target_msg(struct rp_ctx *c, const struct dm_view *v)
{
	const struct dm_ioctl *const ioc = &v->ioc;
	if (ioc->data_start == ioc->data_size)
		return;
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		return;
	}
	const uint32_t offset = ioc->data_start;
	const uint32_t offset_end = offset + (uint32_t)offsetof(struct dm_target_msg, message);
	if (offset_end <= offset || offset_end > ioc->data_size) {
		print_misplaced(c, "misplaced struct dm_target_msg");
		return;
	}
	const uint8_t *const at = buf_at(c, v, offset, offsetof(struct dm_target_msg, message));
	if (!at) {
		rp_e_ptr(c->e, v->addr + offset);
		return;
	}
	uint64_t sector;
	memcpy(&sector, at, sizeof(sector));
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "sector", sector);
	rp_e_key(c->e, "message");
	print_string_at(c, v, offset_end);
	rp_e_close(c->e, '}');
}

static void dm_string(struct rp_ctx *c, const struct dm_view *v)
{
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		return;
	}
	if (v->ioc.data_start > v->ioc.data_size) {
		print_misplaced(c, "misplaced string");
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "string");
	print_string_at(c, v, v->ioc.data_start);
	rp_e_close(c->e, '}');
}

static void print_payload(struct rp_ctx *c, uint32_t cmd, const struct dm_view *v)
{
	switch (cmd) {
	case DM_DEV_WAIT:
	case DM_TABLE_STATUS:
		if (v->at_exit)
			target_specs(c, v);
		break;
	case DM_TABLE_LOAD:
		if (!v->at_exit)
			target_specs(c, v);
		break;
	case DM_TABLE_DEPS:
		if (v->at_exit)
			target_deps(c, v);
		break;
	case DM_LIST_DEVICES:
		if (v->at_exit)
			walk_entries(c, v, offsetof(struct dm_name_list, name),
				     "misplaced struct dm_name_list", name_entry);
		break;
	case DM_LIST_VERSIONS:
		if (v->at_exit)
			walk_entries(c, v, offsetof(struct dm_target_versions, name),
				     "misplaced struct dm_target_versions", version_entry);
		break;
	case DM_TARGET_MSG:
		if (!v->at_exit)
			target_msg(c, v);
		else if (v->ioc.flags & DM_DATA_OUT_FLAG)
			dm_string(c, v);
		break;
	case DM_DEV_RENAME:
	case DM_DEV_SET_GEOMETRY:
		if (!v->at_exit)
			dm_string(c, v);
		break;
	}
}

/* The header as one stop holds it: false when strace would not have read
 * it (the bytes before its data could not be read, or data_size does not
 * even cover the version) */
static bool view_at(struct rp_ctx *c, int stop, struct dm_view *v)
{
	const struct rp_mem *const m = rp_syscall_mem(c->sc, stop, 2, 0);
	if (!c->sc->args[2] || !m || m->len < offsetof(struct dm_ioctl, data))
		return false;
	memset(v, 0, sizeof(*v));
	memcpy(&v->ioc, m->data, m->len < sizeof(v->ioc) ? m->len : sizeof(v->ioc));
	if (v->ioc.data_size < offsetof(struct dm_ioctl, data_size))
		return false;
	v->buf = rp_syscall_mem(c->sc, stop, 2, 1);
	v->addr = c->sc->args[2];
	v->at_exit = stop == STRTRC_AT_EXIT;
	return true;
}

static void print_view(struct rp_ctx *c, uint32_t cmd, const struct dm_view *v)
{
	rp_e_open(c->e, '[');
	if (print_header(c, cmd, v))
		print_payload(c, cmd, v);
	rp_e_close(c->e, ']');
}

bool rp_ioctl_dm(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case DM_VERSION:
	case DM_REMOVE_ALL:
	case DM_LIST_DEVICES:
	case DM_DEV_CREATE:
	case DM_DEV_REMOVE:
	case DM_DEV_RENAME:
	case DM_DEV_SUSPEND:
	case DM_DEV_STATUS:
	case DM_DEV_WAIT:
	case DM_TABLE_LOAD:
	case DM_TABLE_CLEAR:
	case DM_TABLE_DEPS:
	case DM_TABLE_STATUS:
	case DM_LIST_VERSIONS:
	case DM_TARGET_MSG:
	case DM_DEV_SET_GEOMETRY:
	case DM_DEV_ARM_POLL:
		break;
	default:
		return false;
	}
	struct dm_view v;
	if (!view_at(c, STRTRC_AT_ENTRY, &v))
		return false; /* the argument in hex, as strace prints it */
	print_view(c, cmd, &v);
	/* what a successful call wrote back (strace also shows a failed one
	 * whose header changed, which the recorders do not read) */
	if (!c->e->json && c->exiting_ok && view_at(c, STRTRC_AT_EXIT, &v)) {
		rp_e_changed(c->e);
		print_view(c, cmd, &v);
	}
	return true;
}
