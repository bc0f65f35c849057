/* Sockets: creation, addresses, data transfer. */
#include "rp_internal.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IS(n) (strcmp(name, (n)) == 0)

static const struct rp_xlat_entry ipproto_e[] = {
	{ 0, "IPPROTO_IP" },   { 1, "IPPROTO_ICMP" },	{ 6, "IPPROTO_TCP" },
	{ 17, "IPPROTO_UDP" }, { 58, "IPPROTO_ICMPV6" }, { 255, "IPPROTO_RAW" },
};
static const struct rp_xlat ipproto = { ipproto_e, 6, false, "IPPROTO_???" };

static void print_sockaddr_data(struct rp_ctx *c, const uint8_t *d, size_t len)
{
	if (len < 2) {
		rp_e_raw(c->e, "{}");
		return;
	}
	const uint16_t fam = rp_get_u16(d);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sa_family");
	rp_e_enum(c->e, &rp_x_address_family, fam);
	char tmp[INET6_ADDRSTRLEN + 64];
	if (fam == 1) { /* AF_UNIX */
		if (len > 2) {
			rp_e_key(c->e, "sun_path");
			if (d[2] == 0 && len > 3) {
				rp_e_glue(c->e, "@");
				rp_e_bytes(c->e, d + 3, len - 3, false, false);
			} else {
				rp_e_bytes(c->e, d + 2, len - 2, true, false);
			}
		}
	} else if (fam == 2 && len >= 8) { /* AF_INET */
		rp_e_key(c->e, "sin_port");
		rp_e_rawf(c->e, "htons(%u)", (unsigned)(d[2] << 8 | d[3]));
		rp_e_key(c->e, "sin_addr");
		inet_ntop(AF_INET, d + 4, tmp, sizeof(tmp));
		rp_e_rawf(c->e, "inet_addr(\"%s\")", tmp);
	} else if (fam == 10 && len >= 24) { /* AF_INET6 */
		rp_e_key(c->e, "sin6_port");
		rp_e_rawf(c->e, "htons(%u)", (unsigned)(d[2] << 8 | d[3]));
		rp_e_key(c->e, "sin6_flowinfo");
		rp_e_rawf(c->e, "htonl(%u)",
			  (unsigned)((uint32_t)d[4] << 24 | d[5] << 16 | d[6] << 8 | d[7]));
		inet_ntop(AF_INET6, d + 8, tmp, sizeof(tmp));
		char t2[sizeof(tmp) + 40];
		snprintf(t2, sizeof(t2), "inet_pton(AF_INET6, \"%s\", &sin6_addr)", tmp);
		rp_e_raw(c->e, t2);
		if (len >= 28) {
			rp_e_key(c->e, "sin6_scope_id");
			rp_e_uint(c->e, rp_get_u32(d + 24));
		}
	} else if (len > 2) {
		rp_e_key(c->e, "sa_data");
		rp_e_bytes(c->e, d + 2, len - 2, false, false);
	}
	rp_e_close(c->e, '}');
}

static void print_sockaddr_in(struct rp_ctx *c, unsigned i, uint64_t len)
{
	const struct rp_mem *m = rp_arg_mem(c, i, false, 2);
	if (m)
		print_sockaddr_data(c, m->data, m->len < len ? m->len : (size_t)len);
}

/* accept/getsockname: the address and [in => out] length. */
static void print_sockaddr_out(struct rp_ctx *c, unsigned i, unsigned li)
{
	const struct rp_mem *lm_in = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, li, 0);
	const struct rp_mem *lm_out = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, li, 0);
	const uint32_t outlen = lm_out && lm_out->len >= 4 ? rp_get_u32(lm_out->data) : 0;
	const struct rp_mem *m = rp_arg_mem(c, i, true, 2);
	if (m)
		print_sockaddr_data(c, m->data, m->len < outlen ? m->len : outlen);
	if (!c->sc->args[li] || !lm_in || lm_in->len < 4) {
		rp_arg_ptr(c, li);
	} else if (c->exiting_ok && lm_out && lm_out->stop == STRTRC_AT_EXIT &&
		   rp_get_u32(lm_in->data) != outlen) {
		rp_e_rawf(c->e, "[%u => %u]", rp_get_u32(lm_in->data), outlen);
	} else {
		rp_e_rawf(c->e, "[%u]", rp_get_u32(lm_in->data));
	}
}

bool rp_decode_net(struct rp_ctx *c, const char *name)
{
	const uint64_t *a = c->sc->args;
	if (IS("socket")) {
		const uint32_t fam = (uint32_t)a[0], type = (uint32_t)a[1];
		rp_e_enum(c->e, &rp_x_address_family, fam);
		const char *tn = rp_xlat_lookup(&rp_x_socket_type, type & 0xf);
		char tmp[32];
		if (!tn) {
			snprintf(tmp, sizeof(tmp), "%#x /* SOCK_??? */", type & 0xf);
			tn = tmp;
		}
		rp_e_flags_pre(c->e, tn, &rp_x_socket_type_flags, type & ~0xfu, NULL);
		if (fam == 2 || fam == 10)
			rp_e_enum(c->e, &ipproto, (uint32_t)a[2]);
		else
			rp_e_int(c->e, (int32_t)a[2]);
	} else if (IS("connect") || IS("bind")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_sockaddr_in(c, 1, a[2]);
		rp_e_uint(c->e, (uint32_t)a[2]);
	} else if (IS("getsockname") || IS("getpeername") || IS("accept")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_sockaddr_out(c, 1, 2);
	} else if (IS("accept4")) {
		rp_arg_fd(c, (int64_t)a[0]);
		print_sockaddr_out(c, 1, 2);
		rp_e_flags(c->e, &rp_x_socket_type_flags, (uint32_t)a[3]);
	} else if (IS("sendto")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_buf(c, 1, a[2], false, false);
		rp_e_uint(c->e, a[2]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_MSG_FLAGS), (uint32_t)a[3]);
		print_sockaddr_in(c, 4, a[5]);
		rp_e_uint(c->e, (uint32_t)a[5]);
	} else if (IS("recvfrom")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_arg_buf(c, 1, c->exiting_ok ? (uint64_t)c->sc->rval : 0, true, false);
		rp_e_uint(c->e, a[2]);
		rp_e_flags(c->e, rp_xlat_get(SC_X_MSG_FLAGS), (uint32_t)a[3]);
		if (a[4])
			print_sockaddr_out(c, 4, 5);
		else {
			rp_arg_ptr(c, 4);
			rp_arg_ptr(c, 5);
		}
	} else if (IS("shutdown")) {
		rp_arg_fd(c, (int64_t)a[0]);
		rp_e_enum(c->e, rp_xlat_get(SC_X_SHUTDOWN_HOW), (uint32_t)a[1]);
	} else if (IS("socketpair")) {
		rp_e_enum(c->e, &rp_x_address_family, (uint32_t)a[0]);
		const uint32_t type = (uint32_t)a[1];
		const char *tn = rp_xlat_lookup(&rp_x_socket_type, type & 0xf);
		rp_e_flags_pre(c->e, tn ? tn : "SOCK_???", &rp_x_socket_type_flags, type & ~0xfu,
			       NULL);
		rp_e_int(c->e, (int32_t)a[2]);
		const struct rp_mem *m = rp_arg_mem(c, 3, true, 8);
		if (m)
			rp_e_rawf(c->e, "[%d, %d]", (int32_t)rp_get_u32(m->data),
				  (int32_t)rp_get_u32(m->data + 4));
	} else {
		return false;
	}
	return true;
}

const struct rp_xlat *rp_xlat_net(enum sc_xlat_id id)
{
	(void)id; /* this family's own SC_X_* tables go here */
	return NULL;
}
