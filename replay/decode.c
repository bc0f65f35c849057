/* Dispatch: a call's arguments to the decoder its table row names, its
 * return value to the row's style (the printers: args.c and the
 * decode_<family>.c files). */
#include "rp_internal.h"

#include <assert.h>

#define DECODER(name) [SC_D_##name] = rp_dec_##name,
static const rp_decoder_fn decoders[SC_D_COUNT] = {
#include "syscall_decoders.def"
};
#undef DECODER

#define RVAL_ENTRY_(name) [SC_RV_##name] = rp_rv_##name,
static const rp_rval_fn rval_printers[SC_RV_COUNT] = {SC_RVALS(RVAL_ENTRY_)};
#undef RVAL_ENTRY_

void rp_decode_args(struct rp_ctx *c)
{
	const struct rp_syscall *sc = c->sc;
	if (!sc->desc) {
		/* unknown number: strace shows all six raw */
		for (unsigned i = 0; i < 6; i++)
			rp_e_hex(c->e, sc->args[i]);
		return;
	}
	assert(sc->desc->decoder < SC_D_COUNT);
	decoders[sc->desc->decoder](c);
}

void rp_decode_rval(struct rp_ctx *c, struct rp_buf *b)
{
	/* strace -y: "= 3</etc/passwd>", as the kernel named it then */
	if (c->opts->decode_fds) {
		const struct rp_mem *const link = rp_syscall_returned_fd_link(c->sc);
		if (link) {
			const struct rp_fd_name n = rp_fd_name_of_link(c->sc, link);
			rp_fd_text(b, c->sc->rval, &n, c->opts, c->sc->exit_ts_ns);
			return;
		}
	}
	const enum sc_rval_style style = c->sc->desc ? c->sc->desc->rval : SC_RV_DEC;
	assert(style < SC_RV_COUNT);
	if (!rval_printers[style](c, b))
		rp_rv_DEC(c, b);
}
