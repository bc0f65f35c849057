/* The kernel's key management: add_key, request_key, keyctl. */
#include "rp_internal.h"

#include <inttypes.h>

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
