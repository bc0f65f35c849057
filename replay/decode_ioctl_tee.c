/* ioctl: TEE devices (0xa4, OP-TEE and AMD-TEE), printed as strace 6.1
 * does (tee.c there). The calls that carry parameters pass a buffer
 * (struct tee_ioctl_buf_data) whose bytes the recorders capture at entry
 * and exit (sc_type_pointee: item 1). */
#include "decode_ioctl.h"

#include <linux/tee.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A TEE_IOC_SHM_REGISTER_FD's struct: strace decodes the command without
 * naming it (it was not upstream then), so its number prints as _IOC() */
struct tee_shm_register_fd_data {
	int64_t fd;
	uint64_t size;
	uint32_t flags;
	uint8_t pad1[4];
	int32_t id;
	uint8_t pad2[4];
};
#define TEE_SHM_REGISTER_FD _IOWR(TEE_IOC_MAGIC, 8, struct tee_shm_register_fd_data)

/* {buf_len=N, buf_ptr=0x...}: a buffer not shown */
static void print_buf_data(struct rp_ctx *c, const struct tee_ioctl_buf_data *b)
{
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "buf_len", b->buf_len);
	rp_e_key(c->e, "buf_ptr");
	rp_e_ptr(c->e, b->buf_ptr);
	rp_e_close(c->e, '}');
}

/* What a parameter call's buffer holds at a stop: its fixed head (head
 * bytes, num_params at num_off) and the parameters after it, or NULL when
 * strace would print the buffer's address instead: a length out of the
 * kernel's bounds, bytes that could not be read, or (at entry) a length
 * that is not the head and num_params parameters exactly, which the
 * kernel refuses. */
struct tee_args {
	const uint8_t *head;
	uint32_t num_params;
	const uint8_t *params; /* captured bytes of the parameters */
	size_t params_len;
	uint64_t params_addr;
};

static bool fetch_args(struct rp_ctx *c, const struct tee_ioctl_buf_data *b, int stop, size_t head,
		       size_t num_off, struct tee_args *out)
{
	if (b->buf_len > TEE_MAX_ARG_SIZE || b->buf_len < head)
		return false;
	const struct rp_mem *const m = rp_syscall_mem(c->sc, stop, 2, 1);
	if (!m || m->len < head)
		return false;
	memcpy(&out->num_params, m->data + num_off, sizeof(out->num_params));
	if (stop == STRTRC_AT_ENTRY &&
	    head + sizeof(struct tee_ioctl_param) * (uint64_t)out->num_params != b->buf_len)
		return false;
	out->head = m->data;
	out->params = m->data + head;
	out->params_len = m->len - head;
	out->params_addr = out->num_params ? b->buf_ptr + head : 0;
	return true;
}

static uint32_t head_u32(const struct tee_args *a, size_t off)
{
	uint32_t v;
	memcpy(&v, a->head + off, sizeof(v));
	return v;
}

static void print_param(struct rp_ctx *c, const struct tee_ioctl_param *p)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "attr");
	if (c->e->json) { /* a number: JSON has no "A|B" */
		rp_e_hex(c->e, p->attr);
	} else {
		rp_e_enum(c->e, &rp_x_tee_ioctl_param_attr_types,
			  p->attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_META);
		if (p->attr & TEE_IOCTL_PARAM_ATTR_META) {
			rp_e_join(c->e, "|");
			rp_e_sym(c->e, "TEE_IOCTL_PARAM_ATTR_META");
		}
	}
	switch (p->attr) {
	case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
		break;
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
		rp_e_key_hex(c->e, "shm_offs", p->a);
		rp_e_key_hex(c->e, "size", p->b);
		rp_e_key_uint(c->e, "shm_id", p->c);
		break;
	default: /* values, and anything with the META bit */
		rp_e_key_hex(c->e, "a", p->a);
		rp_e_key_hex(c->e, "b", p->b);
		rp_e_key_hex(c->e, "c", p->c);
		break;
	}
	rp_e_close(c->e, '}');
}

/* params=[...] as strace's print_array: NULL for none; a parameter whose
 * bytes were not captured ends the array with its address */
static void print_params(struct rp_ctx *c, const struct tee_args *a)
{
	rp_e_key(c->e, "params");
	if (!a->params_addr) {
		rp_e_ptr(c->e, 0);
		return;
	}
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < a->num_params && !rp_array_cut(c, k); k++) {
		const size_t at = k * sizeof(struct tee_ioctl_param);
		if (at + sizeof(struct tee_ioctl_param) > a->params_len) {
			rp_e_ptr(c->e, a->params_addr + at);
			break;
		}
		struct tee_ioctl_param p;
		memcpy(&p, a->params + at, sizeof(p));
		print_param(c, &p);
	}
	rp_e_close(c->e, ']');
}

/* The 16 bytes as strace's PRINT_FIELD_UUID: 8-4-4-4-12 hex digits */
static void print_uuid(struct rp_ctx *c, const uint8_t *u)
{
	char text[37];
	size_t at = 0;
	for (size_t k = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			text[at++] = '-';
		snprintf(text + at, sizeof(text) - at, "%02x", u[k]);
		at += 2;
	}
	rp_e_sym(c->e, text);
}

enum tee_op { TEE_OP_OPEN, TEE_OP_INVOKE, TEE_OP_RECV, TEE_OP_SEND };

static const struct {
	size_t head, num_off;
} tee_heads[] = {
    [TEE_OP_OPEN] = {sizeof(struct tee_ioctl_open_session_arg),
		     offsetof(struct tee_ioctl_open_session_arg, num_params)},
    [TEE_OP_INVOKE] = {sizeof(struct tee_ioctl_invoke_arg),
		       offsetof(struct tee_ioctl_invoke_arg, num_params)},
    [TEE_OP_RECV] = {sizeof(struct tee_iocl_supp_recv_arg),
		     offsetof(struct tee_iocl_supp_recv_arg, num_params)},
    [TEE_OP_SEND] = {sizeof(struct tee_iocl_supp_send_arg),
		     offsetof(struct tee_iocl_supp_send_arg, num_params)},
};

static void print_open_entry(struct rp_ctx *c, const struct tee_args *a)
{
	struct tee_ioctl_open_session_arg s;
	memcpy(&s, a->head, sizeof(s));
	rp_e_key(c->e, "uuid");
	print_uuid(c, s.uuid);
	rp_e_key(c->e, "clnt_login");
	rp_e_enum(c->e, &rp_x_tee_ioctl_login_types, s.clnt_login);
	/* clnt_uuid is no uuid: the group a GROUP login asks to be */
	switch (s.clnt_login) {
	case TEE_IOCTL_LOGIN_PUBLIC:
	case TEE_IOCTL_LOGIN_USER:
	case TEE_IOCTL_LOGIN_APPLICATION:
	case TEE_IOCTL_LOGIN_USER_APPLICATION:
		break;
	case TEE_IOCTL_LOGIN_GROUP:
	case TEE_IOCTL_LOGIN_GROUP_APPLICATION: {
		uint32_t gid;
		memcpy(&gid, s.clnt_uuid, sizeof(gid));
		rp_e_key(c->e, "clnt_uuid");
		rp_print_uid(c, gid);
		break;
	}
	default:
		rp_e_key(c->e, "clnt_uuid");
		rp_e_open(c->e, '[');
		/* whole, as strace's PRINT_FIELD_X_ARRAY: -s does not cut it */
		for (size_t k = 0; k < sizeof(s.clnt_uuid); k++)
			rp_e_hex(c->e, s.clnt_uuid[k]);
		rp_e_close(c->e, ']');
		break;
	}
	rp_e_key_uint(c->e, "cancel_id", s.cancel_id);
	rp_e_key_uint(c->e, "num_params", s.num_params);
}

/* OPEN_SESSION, INVOKE, SUPPL_RECV, SUPPL_SEND: {buf_len=N, buf_ptr={...}}
 * as the kernel read it, and " => {...}" what it wrote back on success */
static void param_call(struct rp_ctx *c, enum tee_op op)
{
	struct tee_ioctl_buf_data b;
	if (!rp_arg_copy(c, 2, false, &b, sizeof(b)))
		return;
	const size_t head = tee_heads[op].head, num_off = tee_heads[op].num_off;
	struct tee_args a;
	if (!fetch_args(c, &b, STRTRC_AT_ENTRY, head, num_off, &a)) {
		print_buf_data(c, &b);
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "buf_len", b.buf_len);
	rp_e_key(c->e, "buf_ptr");
	rp_e_open(c->e, '{');
	switch (op) {
	case TEE_OP_OPEN:
		print_open_entry(c, &a);
		break;
	case TEE_OP_INVOKE:
		rp_e_key_uint(c->e, "func",
			      head_u32(&a, offsetof(struct tee_ioctl_invoke_arg, func)));
		rp_e_key_hex(c->e, "session",
			     head_u32(&a, offsetof(struct tee_ioctl_invoke_arg, session)));
		rp_e_key_uint(c->e, "cancel_id",
			      head_u32(&a, offsetof(struct tee_ioctl_invoke_arg, cancel_id)));
		rp_e_key_uint(c->e, "num_params", a.num_params);
		break;
	case TEE_OP_RECV:
		rp_e_key_uint(c->e, "func",
			      head_u32(&a, offsetof(struct tee_iocl_supp_recv_arg, func)));
		rp_e_key_uint(c->e, "num_params", a.num_params);
		break;
	case TEE_OP_SEND:
		rp_e_key_uint(c->e, "num_params", a.num_params);
		break;
	}
	print_params(c, &a);
	rp_e_close(c->e, '}');
	struct tee_ioctl_buf_data out;
	if (!c->e->json && rp_arg_written(c, 2, &out, sizeof(out))) {
		rp_e_changed(c->e);
		if (!fetch_args(c, &out, STRTRC_AT_EXIT, head, num_off, &a)) {
			print_buf_data(c, &out);
		} else {
			rp_e_open(c->e, '{');
			switch (op) {
			case TEE_OP_OPEN:
				rp_e_key_hex(
				    c->e, "session",
				    head_u32(&a,
					     offsetof(struct tee_ioctl_open_session_arg, session)));
				rp_e_key_uint(
				    c->e, "ret",
				    head_u32(&a, offsetof(struct tee_ioctl_open_session_arg, ret)));
				rp_e_key(c->e, "ret_origin");
				rp_e_enum(c->e, &rp_x_tee_ioctl_origins,
					  head_u32(&a, offsetof(struct tee_ioctl_open_session_arg,
								ret_origin)));
				break;
			case TEE_OP_INVOKE:
				rp_e_key_uint(
				    c->e, "ret",
				    head_u32(&a, offsetof(struct tee_ioctl_invoke_arg, ret)));
				rp_e_key(c->e, "ret_origin");
				rp_e_enum(c->e, &rp_x_tee_ioctl_origins,
					  head_u32(&a, offsetof(struct tee_ioctl_invoke_arg,
								ret_origin)));
				break;
			case TEE_OP_RECV: /* num_params is in and out for it only */
				rp_e_key_uint(c->e, "num_params", a.num_params);
				break;
			case TEE_OP_SEND:
				rp_e_key_uint(
				    c->e, "ret",
				    head_u32(&a, offsetof(struct tee_iocl_supp_send_arg, ret)));
				break;
			}
			print_params(c, &a);
			rp_e_close(c->e, '}');
		}
	}
	rp_e_close(c->e, '}');
}

static void version(struct rp_ctx *c)
{
	struct tee_ioctl_version_data v;
	if (!rp_arg_copy(c, 2, true, &v, sizeof(v)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "impl_id");
	rp_e_enum(c->e, &rp_x_tee_ioctl_impl_ids, v.impl_id);
	rp_e_key(c->e, "gen_caps");
	rp_e_flags(c->e, &rp_x_tee_ioctl_gen_caps, v.gen_caps);
	rp_e_key(c->e, "impl_caps");
	if (v.impl_id == TEE_IMPL_ID_OPTEE)
		rp_e_flags(c->e, &rp_x_tee_ioctl_optee_caps, v.impl_caps);
	else
		rp_e_hex(c->e, v.impl_caps);
	rp_e_close(c->e, '}');
}

static void shm_flags(struct rp_ctx *c, uint32_t flags)
{
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_tee_ioctl_shm_flags, flags);
}

/* " => " before what a successful call wrote back (JSON: what it read) */
static bool written_back(struct rp_ctx *c, void *out, size_t size)
{
	if (c->e->json || !rp_arg_written(c, 2, out, size))
		return false;
	rp_e_changed(c->e);
	return true;
}

static void shm_alloc(struct rp_ctx *c)
{
	struct tee_ioctl_shm_alloc_data d;
	if (!rp_arg_copy(c, 2, false, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "size", d.size);
	shm_flags(c, d.flags);
	rp_e_close(c->e, '}');
	if (!written_back(c, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "size", d.size);
	shm_flags(c, d.flags);
	rp_e_key(c->e, "id");
	rp_e_int(c->e, d.id);
	rp_e_close(c->e, '}');
}

static void shm_register(struct rp_ctx *c)
{
	struct tee_ioctl_shm_register_data d;
	if (!rp_arg_copy(c, 2, false, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "addr");
	rp_e_ptr(c->e, d.addr);
	rp_e_key_hex(c->e, "length", d.length);
	shm_flags(c, d.flags);
	rp_e_close(c->e, '}');
	if (!written_back(c, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "length", d.length);
	shm_flags(c, d.flags);
	rp_e_key(c->e, "id");
	rp_e_int(c->e, d.id);
	rp_e_close(c->e, '}');
}

static void shm_register_fd(struct rp_ctx *c)
{
	struct tee_shm_register_fd_data d;
	if (!rp_arg_copy(c, 2, false, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fd");
	rp_arg_fd(c, d.fd);
	shm_flags(c, d.flags);
	rp_e_close(c->e, '}');
	if (!written_back(c, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_hex(c->e, "size", d.size);
	rp_e_key(c->e, "id");
	rp_e_int(c->e, d.id);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_tee(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case TEE_IOC_VERSION:
		version(c);
		return true;
	case TEE_IOC_OPEN_SESSION:
		param_call(c, TEE_OP_OPEN);
		return true;
	case TEE_IOC_INVOKE:
		param_call(c, TEE_OP_INVOKE);
		return true;
	case TEE_IOC_SUPPL_RECV:
		param_call(c, TEE_OP_RECV);
		return true;
	case TEE_IOC_SUPPL_SEND:
		param_call(c, TEE_OP_SEND);
		return true;
	case TEE_IOC_CANCEL: {
		struct tee_ioctl_cancel_arg a;
		if (!rp_arg_copy(c, 2, false, &a, sizeof(a)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key_uint(c->e, "cancel_id", a.cancel_id);
		rp_e_key_hex(c->e, "session", a.session);
		rp_e_close(c->e, '}');
		return true;
	}
	case TEE_IOC_CLOSE_SESSION: {
		struct tee_ioctl_close_session_arg a;
		if (!rp_arg_copy(c, 2, false, &a, sizeof(a)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key_hex(c->e, "session", a.session);
		rp_e_close(c->e, '}');
		return true;
	}
	case TEE_IOC_SHM_ALLOC:
		shm_alloc(c);
		return true;
	case TEE_IOC_SHM_REGISTER:
		shm_register(c);
		return true;
	case TEE_SHM_REGISTER_FD:
		shm_register_fd(c);
		return true;
	default:
		return false;
	}
}
