/* Decoder for bpf(2): the command and its union bpf_attr, field by field as
 * strace 6.1 prints each command's part of the union. */
#include "rp_internal.h"

#include <inttypes.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* How one field of an attr is printed. */
enum bpf_field_kind {
	BF_U32,	  /* unsigned decimal */
	BF_FD,	  /* descriptor (-y names it) */
	BF_ENUM,  /* one value of .x */
	BF_FLAGS, /* bits of .x */
	BF_PTR,	  /* u64 address, not followed */
	BF_NAME,  /* char[16], NUL-terminated within what size gave */
	BF_KVER,  /* KERNEL_VERSION(a, b, c) */
	BF_NUMA,  /* numa_node, only with BPF_F_NUMA_NODE in map_flags */
	BF_U64,	  /* unsigned decimal, 64 bits */
	BF_LEN,	  /* u32 the kernel writes back: "88", or "152 => 104" when it changed */
	BF_STR,	  /* u64 address of a string the recorder captured (item 2: license) */
	BF_LOG,	  /* u64 address of log_size bytes, a string (item 1: the verifier log) */
};

struct bpf_field {
	const char *name;
	uint16_t off;
	uint8_t kind; /* enum bpf_field_kind */
	bool gate;    /* printed only when size reaches past off (a later kernel's field) */
	const struct rp_xlat *x;
};

/* One command's part of the attr: its fields, the size of the part (bytes
 * past it must be zero, else "..."), the name of the struct strace wraps it
 * in ("test={...}") or NULL. */
struct bpf_cmd_layout {
	const struct bpf_field *fields;
	size_t nfields;
	uint16_t size;
	const char *wrap;
};

#define F(name_, kind_, gate_, x_)                                                                 \
	{                                                                                          \
#name_, offsetof(union bpf_attr, name_), kind_, gate_, x_                          \
	}
/* a field under the name strace gives it (its own struct's field name) */
#define FN(label_, name_, kind_, gate_, x_)                                                        \
	{                                                                                          \
		label_, offsetof(union bpf_attr, name_), kind_, gate_, x_                          \
	}
#define LAYOUT(fields_, end_, wrap_)                                                               \
	{                                                                                          \
		fields_, sizeof(fields_) / sizeof(fields_[0]), end_, wrap_                         \
	}
#define END_OF(field_) (offsetof(union bpf_attr, field_) + sizeof(((union bpf_attr *)0)->field_))

static const struct bpf_field map_create[] = {
    F(map_type, BF_ENUM, false, &rp_x_bpf_map_type),
    F(key_size, BF_U32, false, NULL),
    F(value_size, BF_U32, false, NULL),
    F(max_entries, BF_U32, false, NULL),
    F(map_flags, BF_FLAGS, true, &rp_x_bpf_map_flags),
    F(inner_map_fd, BF_FD, true, NULL),
    F(numa_node, BF_NUMA, true, NULL),
    F(map_name, BF_NAME, true, NULL),
    F(map_ifindex, BF_U32, true, NULL),
    F(btf_fd, BF_FD, true, NULL),
    F(btf_key_type_id, BF_U32, false, NULL),
    F(btf_value_type_id, BF_U32, false, NULL),
    F(btf_vmlinux_value_type_id, BF_U32, true, NULL),
    F(map_extra, BF_U64, true, NULL),
};

static const struct bpf_field map_lookup_elem[] = {
    F(map_fd, BF_FD, false, NULL),
    F(key, BF_PTR, false, NULL),
    F(value, BF_PTR, false, NULL),
    F(flags, BF_ENUM, true, &rp_x_bpf_map_update_elem_flags),
};

static const struct bpf_field map_update_elem[] = {
    F(map_fd, BF_FD, false, NULL),
    F(key, BF_PTR, false, NULL),
    F(value, BF_PTR, false, NULL),
    F(flags, BF_ENUM, false, &rp_x_bpf_map_update_elem_flags),
};

static const struct bpf_field map_delete_elem[] = {
    F(map_fd, BF_FD, false, NULL),
    F(key, BF_PTR, false, NULL),
};

static const struct bpf_field map_get_next_key[] = {
    F(map_fd, BF_FD, false, NULL),
    F(key, BF_PTR, false, NULL),
    F(next_key, BF_PTR, false, NULL),
};

static const struct bpf_field map_freeze[] = {
    F(map_fd, BF_FD, false, NULL),
};

/* license and log_buf as the recorders captured them behind the attr
 * (sc_type_pointee); insns still as an address */
static const struct bpf_field prog_load[] = {
    F(prog_type, BF_ENUM, false, &rp_x_bpf_prog_type),
    F(insn_cnt, BF_U32, false, NULL),
    F(insns, BF_PTR, false, NULL),
    F(license, BF_STR, false, NULL),
    F(log_level, BF_U32, true, NULL),
    F(log_size, BF_U32, false, NULL),
    F(log_buf, BF_LOG, false, NULL),
    F(kern_version, BF_KVER, true, NULL),
    F(prog_flags, BF_FLAGS, true, &rp_x_bpf_prog_flags),
    F(prog_name, BF_NAME, true, NULL),
    F(prog_ifindex, BF_U32, true, NULL),
    F(expected_attach_type, BF_ENUM, true, &rp_x_bpf_attach_type),
    F(prog_btf_fd, BF_FD, true, NULL),
    F(func_info_rec_size, BF_U32, false, NULL),
    F(func_info, BF_PTR, false, NULL),
    F(func_info_cnt, BF_U32, false, NULL),
    F(line_info_rec_size, BF_U32, false, NULL),
    F(line_info, BF_PTR, false, NULL),
    F(line_info_cnt, BF_U32, false, NULL),
    F(attach_btf_id, BF_U32, true, NULL),
    F(attach_prog_fd, BF_FD, true, NULL),
    F(fd_array, BF_PTR, true, NULL),
};

static const struct bpf_field obj_pin[] = {
    F(pathname, BF_PTR, false, NULL),
    F(bpf_fd, BF_FD, false, NULL),
    F(file_flags, BF_FLAGS, true, &rp_x_bpf_file_mode_flags),
};

static const struct bpf_field prog_attach[] = {
    F(target_fd, BF_FD, false, NULL),
    F(attach_bpf_fd, BF_FD, false, NULL),
    F(attach_type, BF_ENUM, false, &rp_x_bpf_attach_type),
    F(attach_flags, BF_FLAGS, false, &rp_x_bpf_attach_flags),
    F(replace_bpf_fd, BF_FD, true, NULL),
};

static const struct bpf_field prog_detach[] = {
    F(target_fd, BF_FD, false, NULL),
    F(attach_type, BF_ENUM, false, &rp_x_bpf_attach_type),
};

static const struct bpf_field prog_test_run[] = {
    FN("prog_fd", test.prog_fd, BF_FD, false, NULL),
    FN("retval", test.retval, BF_U32, false, NULL),
    FN("data_size_in", test.data_size_in, BF_U32, false, NULL),
    FN("data_size_out", test.data_size_out, BF_U32, false, NULL),
    FN("data_in", test.data_in, BF_PTR, false, NULL),
    FN("data_out", test.data_out, BF_PTR, false, NULL),
    FN("repeat", test.repeat, BF_U32, false, NULL),
    FN("duration", test.duration, BF_U32, false, NULL),
    FN("ctx_size_in", test.ctx_size_in, BF_U32, true, NULL),
    FN("ctx_size_out", test.ctx_size_out, BF_U32, false, NULL),
    FN("ctx_in", test.ctx_in, BF_PTR, false, NULL),
    FN("ctx_out", test.ctx_out, BF_PTR, false, NULL),
    FN("flags", test.flags, BF_FLAGS, true, &rp_x_bpf_test_run_flags),
    FN("cpu", test.cpu, BF_U32, false, NULL),
    FN("batch_size", test.batch_size, BF_U32, true, NULL),
};

static const struct bpf_field get_next_id[] = {
    F(start_id, BF_U32, false, NULL),
    F(next_id, BF_U32, false, NULL),
    F(open_flags, BF_FLAGS, true, &rp_x_bpf_file_mode_flags),
};

static const struct bpf_field prog_get_fd_by_id[] = {
    F(prog_id, BF_U32, false, NULL),
    F(next_id, BF_U32, false, NULL),
    F(open_flags, BF_FLAGS, true, &rp_x_bpf_file_mode_flags),
};

static const struct bpf_field map_get_fd_by_id[] = {
    F(map_id, BF_U32, false, NULL),
    F(next_id, BF_U32, false, NULL),
    F(open_flags, BF_FLAGS, true, &rp_x_bpf_file_mode_flags),
};

static const struct bpf_field obj_get_info_by_fd[] = {
    FN("bpf_fd", info.bpf_fd, BF_FD, false, NULL),
    FN("info_len", info.info_len, BF_LEN, false, NULL),
    FN("info", info.info, BF_PTR, false, NULL),
};

/* The commands decoded, by number; the others print the attr's address. */
static const struct bpf_cmd_layout *layout_of(uint64_t cmd)
{
	static const struct bpf_cmd_layout map_create_l =
	    LAYOUT(map_create, END_OF(map_extra), NULL);
	static const struct bpf_cmd_layout lookup_l = LAYOUT(map_lookup_elem, END_OF(flags), NULL);
	static const struct bpf_cmd_layout update_l = LAYOUT(map_update_elem, END_OF(flags), NULL);
	static const struct bpf_cmd_layout delete_l = LAYOUT(map_delete_elem, END_OF(key), NULL);
	static const struct bpf_cmd_layout next_key_l =
	    LAYOUT(map_get_next_key, END_OF(next_key), NULL);
	static const struct bpf_cmd_layout freeze_l = LAYOUT(map_freeze, END_OF(map_fd), NULL);
	static const struct bpf_cmd_layout prog_load_l = LAYOUT(prog_load, END_OF(fd_array), NULL);
	static const struct bpf_cmd_layout obj_pin_l = LAYOUT(obj_pin, END_OF(file_flags), NULL);
	static const struct bpf_cmd_layout attach_l =
	    LAYOUT(prog_attach, END_OF(replace_bpf_fd), NULL);
	static const struct bpf_cmd_layout detach_l =
	    LAYOUT(prog_detach, END_OF(attach_type), NULL);
	static const struct bpf_cmd_layout test_run_l =
	    LAYOUT(prog_test_run, END_OF(test.batch_size), "test");
	static const struct bpf_cmd_layout next_id_l =
	    LAYOUT(get_next_id, END_OF(open_flags), NULL);
	static const struct bpf_cmd_layout prog_fd_l =
	    LAYOUT(prog_get_fd_by_id, END_OF(open_flags), NULL);
	static const struct bpf_cmd_layout map_fd_l =
	    LAYOUT(map_get_fd_by_id, END_OF(open_flags), NULL);
	static const struct bpf_cmd_layout info_l =
	    LAYOUT(obj_get_info_by_fd, END_OF(info.info), "info");
	switch (cmd) {
	case BPF_MAP_CREATE:
		return &map_create_l;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		return &lookup_l;
	case BPF_MAP_UPDATE_ELEM:
		return &update_l;
	case BPF_MAP_DELETE_ELEM:
		return &delete_l;
	case BPF_MAP_GET_NEXT_KEY:
		return &next_key_l;
	case BPF_MAP_FREEZE:
		return &freeze_l;
	case BPF_PROG_LOAD:
		return &prog_load_l;
	case BPF_OBJ_PIN:
	case BPF_OBJ_GET:
		return &obj_pin_l;
	case BPF_PROG_ATTACH:
		return &attach_l;
	case BPF_PROG_DETACH:
		return &detach_l;
	case BPF_PROG_TEST_RUN:
		return &test_run_l;
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
	case BPF_BTF_GET_NEXT_ID:
	case BPF_LINK_GET_NEXT_ID:
		return &next_id_l;
	case BPF_PROG_GET_FD_BY_ID:
		return &prog_fd_l;
	case BPF_MAP_GET_FD_BY_ID:
		return &map_fd_l;
	case BPF_OBJ_GET_INFO_BY_FD:
		return &info_l;
	default:
		return NULL;
	}
}

/* A char[16] name: up to its NUL within n bytes, else n - 1 bytes and
 * "..." (strace's print_quoted_cstring, which -s does not cut). */
static void print_name(struct rp_emit *e, const uint8_t *p, size_t n)
{
	const uint8_t *const nul = memchr(p, 0, n);
	if (nul)
		rp_e_bytes_whole(e, p, (size_t)(nul - p), false, false);
	else
		rp_e_bytes_whole(e, p, n ? n - 1 : 0, false, true);
}

static void print_field(struct rp_ctx *c, const struct bpf_field *f, const uint8_t *attr,
			size_t len)
{
	const uint8_t *const p = attr + f->off;
	switch ((enum bpf_field_kind)f->kind) {
	case BF_U32:
		rp_e_key(c->e, f->name);
		rp_e_uint(c->e, rp_get_u32(p));
		break;
	case BF_FD:
		rp_e_key(c->e, f->name);
		rp_arg_fd(c, (int32_t)rp_get_u32(p));
		break;
	case BF_ENUM:
		rp_e_key(c->e, f->name);
		rp_e_enum(c->e, f->x, rp_get_u32(p));
		break;
	case BF_FLAGS:
		rp_e_key(c->e, f->name);
		rp_e_flags(c->e, f->x, rp_get_u32(p));
		break;
	case BF_PTR:
		rp_e_key(c->e, f->name);
		rp_e_ptr(c->e, rp_get_u64(p));
		break;
	case BF_NAME: {
		const size_t room = len - f->off;
		rp_e_key(c->e, f->name);
		print_name(c->e, p, room < BPF_OBJ_NAME_LEN ? room : BPF_OBJ_NAME_LEN);
		break;
	}
	case BF_KVER: {
		/* -X raw: the number in hex; -X verbose: both */
		const uint32_t v = rp_get_u32(p);
		char name[64];
		snprintf(name, sizeof(name),
			 "KERNEL_VERSION(%" PRIu32 ", %" PRIu32 ", %" PRIu32 ")", v >> 16,
			 (v >> 8) & 0xff, v & 0xff);
		rp_e_key(c->e, f->name);
		rp_e_symx(c->e, name, v);
		break;
	}
	case BF_NUMA: {
		if (!(rp_get_u32(attr + offsetof(union bpf_attr, map_flags)) & BPF_F_NUMA_NODE))
			break;
		const uint32_t v = rp_get_u32(p);
		rp_e_key(c->e, f->name);
		rp_e_uint(c->e, v);
		if (v == UINT32_MAX)
			rp_e_comment(c->e, "NUMA_NO_NODE");
		break;
	}
	case BF_U64:
		rp_e_key(c->e, f->name);
		rp_e_uint(c->e, rp_get_u64(p));
		break;
	case BF_STR:
		rp_e_key(c->e, f->name);
		rp_print_str_mem(c, rp_get_u64(p), rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 2));
		break;
	case BF_LOG: /* strace's printstr_ex(log_buf, log_size, QUOTE_0_TERMINATED) */
		rp_e_key(c->e, f->name);
		rp_print_str_len_mem(c, rp_get_u64(p), rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 1),
				     rp_get_u32(attr + offsetof(union bpf_attr, log_size)));
		break;
	case BF_LEN: {
		const uint32_t v = rp_get_u32(p);
		rp_e_key(c->e, f->name);
		rp_e_uint(c->e, v);
		/* what the recorder read back at the exit of a call that succeeded */
		const struct rp_mem *const out = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 1, 0);
		if (c->exiting_ok && out && out->stop == STRTRC_AT_EXIT &&
		    out->len >= f->off + 4u && rp_get_u32(out->data + f->off) != v) {
			char now[32];
			snprintf(now, sizeof(now), " => %" PRIu32, rp_get_u32(out->data + f->off));
			rp_e_glue(c->e, now);
		}
		break;
	}
	}
}

/* Bytes past the command's part that are not zero: "..." (strace -v: their
 * hex and which bytes they are). */
static void print_extra(struct rp_ctx *c, const uint8_t *attr, size_t size, size_t end)
{
	if (size <= end)
		return;
	size_t k = end;
	while (k < size && !attr[k])
		k++;
	if (k == size)
		return;
	if (!c->opts->verbose) {
		rp_e_ellipsis(c->e);
		return;
	}
	/* all of them, whatever -s says */
	struct rp_buf hex = {0};
	rp_quote_string(&hex, attr + end, size - end, (unsigned)(size - end), 2, false, false);
	rp_e_key(c->e, "extra_data");
	if (!hex.oom)
		rp_e_raw(c->e, hex.data);
	rp_buf_free(&hex);
	char range[64];
	snprintf(range, sizeof(range), "bytes %zu..%zu", end, size - 1);
	rp_e_comment(c->e, range);
}

void rp_dec_bpf(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const uint32_t size = (uint32_t)a[2];
	rp_e_enum(c->e, &rp_x_bpf_cmd, (uint32_t)a[0]);
	const struct bpf_cmd_layout *const l = layout_of((uint32_t)a[0]);
	/* the attr as the recorder read it at entry: all of size, or its
	 * address (strace reads no more than a page) */
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 0);
	if (a[1] && rp_addr_only(c, a[1])) { /* -e verbose=: strace reads no attr */
		rp_e_uint(c->e, size);
		return;
	}
	if (!l || !a[1] || !size || size > 4096 || !m ||
	    (m->flags & (STRTRC_MEM_UNREADABLE | STRTRC_MEM_TRUNCATED)) || m->len < size) {
		rp_e_ptr(c->e, a[1]);
		rp_e_uint(c->e, size);
		return;
	}
	/* what size leaves out reads as zero */
	uint8_t attr[sizeof(union bpf_attr)] = {0};
	const size_t len = size < sizeof(attr) ? size : sizeof(attr);
	memcpy(attr, m->data, len);
	rp_e_open(c->e, '{');
	if (l->wrap) {
		rp_e_key(c->e, l->wrap);
		rp_e_open(c->e, '{');
	}
	for (size_t k = 0; k < l->nfields; k++) {
		const struct bpf_field *const f = &l->fields[k];
		if (f->gate && len <= f->off)
			break;
		print_field(c, f, attr, len);
	}
	if (l->wrap)
		rp_e_close(c->e, '}');
	print_extra(c, m->data, size, l->size);
	rp_e_close(c->e, '}');
	rp_e_uint(c->e, size);
}
