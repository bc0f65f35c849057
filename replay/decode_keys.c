/* The kernel's key management: add_key, request_key, keyctl. */
#include "names.h"
#include "rp_internal.h"

#include <inttypes.h>
#include <linux/keyctl.h>
#include <string.h>

/* A key serial: the special keyrings by name (KEY_SPEC_*), others decimal. */
static void print_key_serial(struct rp_ctx *c, uint64_t v)
{
	const int32_t id = (int32_t)v;
	const char *const name = rp_xlat_lookup(&rp_x_key_spec, (uint64_t)(int64_t)id);
	if (name)
		rp_e_symd(c->e, name, id);
	else
		rp_e_int(c->e, id);
}

void rp_dec_add_key(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_str(c, 0);
	rp_arg_str(c, 1);
	rp_arg_buf(c, 2, a[3], false, false);
	rp_e_uint(c->e, a[3]);
	print_key_serial(c, a[4]);
}

void rp_dec_request_key(struct rp_ctx *c)
{
	rp_arg_str(c, 0);
	rp_arg_str(c, 1);
	rp_arg_str(c, 2);
	print_key_serial(c, c->sc->args[3]);
}

/* keyctl(2)'s command numbers (linux/keyctl.h). */
enum {
	KC_GET_KEYRING_ID = 0,
	KC_JOIN_SESSION_KEYRING = 1,
	KC_UPDATE = 2,
	KC_REVOKE = 3,
	KC_CHOWN = 4,
	KC_SETPERM = 5,
	KC_DESCRIBE = 6,
	KC_CLEAR = 7,
	KC_LINK = 8,
	KC_UNLINK = 9,
	KC_SEARCH = 10,
	KC_READ = 11,
	KC_INSTANTIATE = 12,
	KC_NEGATE = 13,
	KC_SET_REQKEY_KEYRING = 14,
	KC_SET_TIMEOUT = 15,
	KC_ASSUME_AUTHORITY = 16,
	KC_GET_SECURITY = 17,
	KC_SESSION_TO_PARENT = 18,
	KC_REJECT = 19,
	KC_INSTANTIATE_IOV = 20,
	KC_INVALIDATE = 21,
	KC_GET_PERSISTENT = 22,
	KC_DH_COMPUTE = 23,
	KC_PKEY_QUERY = 24,
	KC_PKEY_ENCRYPT = 25,
	KC_PKEY_DECRYPT = 26,
	KC_PKEY_SIGN = 27,
	KC_PKEY_VERIFY = 28,
	KC_RESTRICT_KEYRING = 29,
	KC_MOVE = 30,
	KC_CAPABILITIES = 31,
};

/* How many bytes of an output buffer of len bytes the call filled: its
 * return value, at most len. */
static uint64_t filled_len(const struct rp_ctx *c, uint64_t len)
{
	const uint64_t rv = (uint64_t)c->sc->rval;
	return rv < len ? rv : len;
}

/* KEYCTL_DESCRIBE / READ / GET_SECURITY: the key, the buffer the call
 * filled (a description's trailing NUL left out) and its size. */
static void keyctl_read(struct rp_ctx *c, bool omit_nul)
{
	const uint64_t *a = c->sc->args;
	print_key_serial(c, a[1]);
	uint64_t n = c->exiting_ok ? filled_len(c, a[3]) : 0;
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 2, 0);
	if (omit_nul && n && m && m->len >= n && m->data[n - 1] == 0)
		n--;
	rp_arg_buf(c, 2, n, true, false);
	rp_e_uint(c->e, a[3]);
}

/* KEYCTL_REJECT's error: its errno name, else the number unsigned. */
static void print_reject_error(struct rp_ctx *c, uint32_t err)
{
	const char *name = err < 4096 ? strec_errno_name((int)err) : NULL;
	if (name)
		rp_e_symd(c->e, name, err);
	else
		rp_e_uint(c->e, err);
}

/* KEYCTL_DH_COMPUTE's struct keyctl_dh_params: three key serials. */
static void print_dh_params(struct rp_ctx *c)
{
	static const char *const keys[] = {"private", "prime", "base"};
	const struct rp_mem *m = rp_arg_mem(c, 1, false, 12);
	if (!m)
		return;
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < 3; k++) {
		rp_e_key(c->e, keys[k]);
		print_key_serial(c, rp_get_u32(m->data + 4 * k));
	}
	rp_e_close(c->e, '}');
}

/* ", __spare=[...]" of a struct's reserved u32s, when one is not zero */
static void print_spare(struct rp_ctx *c, const uint32_t *spare, size_t n)
{
	size_t k = 0;
	while (k < n && !spare[k])
		k++;
	if (k == n)
		return;
	rp_e_key(c->e, "__spare");
	rp_e_open(c->e, '[');
	for (k = 0; k < n && !rp_array_cut(c, k); k++)
		rp_e_hex(c->e, spare[k]);
	rp_e_close(c->e, ']');
}

/* KEYCTL_DH_COMPUTE's struct keyctl_kdf_params: the hash's name (item 2)
 * and otherinfo's otherinfolen bytes (item 1), as strace shows them. */
static void print_kdf_params(struct rp_ctx *c)
{
	/* read whatever -e verbose= says, as strace's fetch_keyctl_kdf_params */
	const uint64_t addr = c->sc->args[4];
	const struct rp_mem *const m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 4, 0);
	struct keyctl_kdf_params kdf;
	if (!addr || !m || m->addr != addr || m->len < sizeof(kdf)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	memcpy(&kdf, m->data, sizeof(kdf));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "hashname");
	rp_print_str_mem(c, (uintptr_t)kdf.hashname, rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 4, 2));
	rp_e_key(c->e, "otherinfo");
	if (kdf.otherinfolen) /* the kernel reads it only then */
		rp_print_buf_mem(c, (uintptr_t)kdf.otherinfo,
				 rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 4, 1), kdf.otherinfolen,
				 false);
	else
		rp_e_ptr(c->e, (uintptr_t)kdf.otherinfo);
	rp_e_key(c->e, "otherinfolen");
	rp_e_uint(c->e, kdf.otherinfolen);
	print_spare(c, kdf.__spare, sizeof(kdf.__spare) / sizeof(kdf.__spare[0]));
	rp_e_close(c->e, '}');
}

/* KEYCTL_PKEY_QUERY's result, when the call succeeded */
static void print_pkey_query(struct rp_ctx *c)
{
	struct keyctl_pkey_query q;
	if (!rp_arg_copy(c, 4, true, &q, sizeof(q)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "supported_ops");
	rp_e_flags(c->e, &rp_x_keyctl_pkey_ops, q.supported_ops);
	rp_e_key(c->e, "key_size");
	rp_e_uint(c->e, q.key_size);
	rp_e_key(c->e, "max_data_size");
	rp_e_uint(c->e, q.max_data_size);
	rp_e_key(c->e, "max_sig_size");
	rp_e_uint(c->e, q.max_sig_size);
	rp_e_key(c->e, "max_enc_size");
	rp_e_uint(c->e, q.max_enc_size);
	rp_e_key(c->e, "max_dec_size");
	rp_e_uint(c->e, q.max_dec_size);
	print_spare(c, q.__spare, sizeof(q.__spare) / sizeof(q.__spare[0]));
	rp_e_close(c->e, '}');
}

/* KEYCTL_PKEY_ENCRYPT, _DECRYPT, _SIGN (an output buffer of out_len bytes
 * at the exit) and _VERIFY (a second input of in2_len bytes): the
 * parameters, the info string, the input of in_len bytes; the buffers'
 * addresses when the parameters cannot be read. */
static void keyctl_pkey_op(struct rp_ctx *c, bool verify)
{
	struct keyctl_pkey_params params;
	const bool have = rp_arg_copy(c, 1, false, &params, sizeof(params));
	if (have) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "key_id");
		print_key_serial(c, (uint32_t)params.key_id);
		rp_e_key(c->e, "in_len");
		rp_e_uint(c->e, params.in_len);
		rp_e_key(c->e, verify ? "in2_len" : "out_len");
		rp_e_uint(c->e, params.out_len);
		print_spare(c, params.__spare, sizeof(params.__spare) / sizeof(params.__spare[0]));
		rp_e_close(c->e, '}');
	}
	rp_arg_str(c, 2);
	if (!have) {
		rp_arg_ptr(c, 3);
		rp_arg_ptr(c, 4);
		return;
	}
	rp_arg_buf(c, 3, params.in_len, false, false);
	rp_arg_buf(c, 4, params.out_len, !verify, false);
}

/* KEYCTL_CAPABILITIES: the bytes the call filled, the first two as their
 * capability flag sets, the rest in hex. */
static void keyctl_capabilities(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_mem *m = rp_arg_mem(c, 1, true, 0);
	if (m) {
		const uint64_t n = filled_len(c, a[2]);
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < n && k < m->len; k++) {
			if (k == 0)
				rp_e_flags(c->e, &rp_x_keyctl_caps0, m->data[k]);
			else if (k == 1)
				rp_e_flags(c->e, &rp_x_keyctl_caps1, m->data[k]);
			else
				rp_e_hex(c->e, m->data[k]);
		}
		rp_e_close(c->e, ']');
	}
	rp_e_uint(c->e, a[2]);
}

/* The commands taking key serials and plain numbers only. */
static bool keyctl_simple(struct rp_ctx *c, int cmd)
{
	const uint64_t *a = c->sc->args;
	switch (cmd) {
	case KC_GET_KEYRING_ID:
		print_key_serial(c, a[1]);
		rp_e_int(c->e, (int32_t)a[2]);
		return true;
	case KC_REVOKE:
	case KC_CLEAR:
	case KC_INVALIDATE:
	case KC_ASSUME_AUTHORITY:
		print_key_serial(c, a[1]);
		return true;
	case KC_LINK:
	case KC_UNLINK:
		print_key_serial(c, a[1]);
		print_key_serial(c, a[2]);
		return true;
	case KC_CHOWN:
		print_key_serial(c, a[1]);
		rp_print_uid(c, (uint32_t)a[2]);
		rp_print_uid(c, (uint32_t)a[3]);
		return true;
	case KC_SETPERM:
		print_key_serial(c, a[1]);
		rp_e_flags(c->e, &rp_x_key_perms, (uint32_t)a[2]);
		return true;
	case KC_NEGATE:
		print_key_serial(c, a[1]);
		rp_e_uint(c->e, (uint32_t)a[2]);
		print_key_serial(c, a[3]);
		return true;
	case KC_SET_REQKEY_KEYRING:
		rp_e_enum_d(c->e, &rp_x_key_reqkeys, (int32_t)a[1]);
		return true;
	case KC_SET_TIMEOUT:
		print_key_serial(c, a[1]);
		rp_e_uint(c->e, (uint32_t)a[2]);
		return true;
	case KC_SESSION_TO_PARENT:
		return true;
	case KC_REJECT:
		print_key_serial(c, a[1]);
		rp_e_uint(c->e, (uint32_t)a[2]);
		print_reject_error(c, (uint32_t)a[3]);
		print_key_serial(c, a[4]);
		return true;
	case KC_GET_PERSISTENT:
		rp_print_uid(c, (uint32_t)a[1]);
		print_key_serial(c, a[2]);
		return true;
	case KC_MOVE:
		print_key_serial(c, a[1]);
		print_key_serial(c, a[2]);
		print_key_serial(c, a[3]);
		rp_e_flags(c->e, &rp_x_keyctl_move_flags, (uint32_t)a[4]);
		return true;
	}
	return false;
}

/* The commands with strings and buffers. */
static bool keyctl_with_memory(struct rp_ctx *c, int cmd)
{
	const uint64_t *a = c->sc->args;
	switch (cmd) {
	case KC_JOIN_SESSION_KEYRING:
		rp_arg_str(c, 1);
		return true;
	case KC_UPDATE:
		print_key_serial(c, a[1]);
		rp_arg_buf(c, 2, a[3], false, false);
		rp_e_uint(c->e, a[3]);
		return true;
	case KC_DESCRIBE:
	case KC_GET_SECURITY:
	case KC_READ:
		keyctl_read(c, cmd != KC_READ);
		return true;
	case KC_SEARCH:
	case KC_RESTRICT_KEYRING:
		print_key_serial(c, a[1]);
		rp_arg_str(c, 2);
		rp_arg_str(c, 3);
		if (cmd == KC_SEARCH)
			print_key_serial(c, a[4]);
		return true;
	case KC_INSTANTIATE:
	case KC_INSTANTIATE_IOV:
		print_key_serial(c, a[1]);
		if (cmd == KC_INSTANTIATE)
			rp_arg_buf(c, 2, a[3], false, false);
		else
			rp_print_iovec(c, 2, a[3], false);
		rp_e_uint(c->e, a[3]);
		print_key_serial(c, a[4]);
		return true;
	case KC_CAPABILITIES:
		keyctl_capabilities(c);
		return true;
	}
	return false;
}

/* The commands with structures. */
static bool keyctl_with_structs(struct rp_ctx *c, int cmd)
{
	const uint64_t *a = c->sc->args;
	switch (cmd) {
	case KC_DH_COMPUTE:
		print_dh_params(c);
		rp_arg_buf(c, 2, c->exiting_ok ? filled_len(c, a[3]) : 0, true, false);
		rp_e_uint(c->e, a[3]);
		print_kdf_params(c);
		return true;
	case KC_PKEY_QUERY:
		print_key_serial(c, a[1]);
		rp_e_hex(c->e, a[2]);
		rp_arg_str(c, 3);
		print_pkey_query(c);
		return true;
	case KC_PKEY_ENCRYPT:
	case KC_PKEY_DECRYPT:
	case KC_PKEY_SIGN:
	case KC_PKEY_VERIFY:
		keyctl_pkey_op(c, cmd == KC_PKEY_VERIFY);
		return true;
	}
	return false;
}

void rp_dec_keyctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const int cmd = (int)a[0];
	rp_e_enum(c->e, &rp_x_keyctl_commands, (uint32_t)cmd);
	if (keyctl_simple(c, cmd) || keyctl_with_memory(c, cmd) || keyctl_with_structs(c, cmd))
		return;
	for (unsigned i = 1; i < 5; i++)
		rp_e_hex(c->e, a[i]);
}
