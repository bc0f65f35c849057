/* The values of network calls as strace shows them (htons(80),
 * inet_addr("127.0.0.1"), if_nametoindex("lo")) in each -X style: shared
 * by the socket decoders and the netlink ones. */
#include "rp_internal.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <linux/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

void rp_print_hex_whole(struct rp_ctx *c, const uint8_t *d, size_t len)
{
	struct rp_print_opts o = *c->e->opts;
	o.max_strlen = UINT32_MAX;
	const struct rp_print_opts *const saved = c->e->opts;
	c->e->opts = &o;
	rp_e_bytes_hex(c->e, d, len, false);
	c->e->opts = saved;
}
/* pre"text"post into b, the text quoted as strace quotes it (-xx: hex). */
void rp_call_str_text(const struct rp_ctx *c, struct rp_buf *b, const char *pre, const char *text,
		      const char *post)
{
	rp_buf_puts(b, pre);
	rp_quote_string(b, (const uint8_t *)text, strlen(text), UINT32_MAX,
			c->e->json ? 0 : c->opts->xflag, true, false);
	rp_buf_puts(b, post);
}
void rp_print_call_str(struct rp_ctx *c, const char *pre, const char *text, const char *post)
{
	struct rp_buf b = {0};
	rp_call_str_text(c, &b, pre, text, post);
	rp_e_raw(c->e, b.data ? b.data : "");
	rp_buf_free(&b);
}
/* A value in network byte order that strace shows as the call making it
 * (htons(80), inet_addr("127.0.0.1")): -X raw shows its bytes instead,
 * -X verbose the bytes with the call as a comment. */
void rp_print_net_bytes(struct rp_ctx *c, const uint8_t *d, size_t n, const char *call)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st == RP_XLAT_ABBREV) {
		rp_e_raw(c->e, call);
		return;
	}
	rp_print_hex_whole(c, d, n);
	if (st == RP_XLAT_VERBOSE)
		rp_e_comment(c->e, call);
}
/* A number strace shows as a call (if_nametoindex("lo")): the number under
 * -X raw, both under -X verbose. */
void rp_print_num_call(struct rp_ctx *c, uint64_t v, const char *call)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st == RP_XLAT_ABBREV) {
		rp_e_raw(c->e, call);
		return;
	}
	rp_e_uint(c->e, v);
	if (st == RP_XLAT_VERBOSE)
		rp_e_comment(c->e, call);
}
/* An interface index as if_nametoindex("lo") when this machine knows it
 * (strace asks the kernel at trace time; a replay asks at decode time). */
void rp_print_ifindex(struct rp_ctx *c, uint32_t idx)
{
	char name[IF_NAMESIZE + 1];
	if (!idx || !if_indextoname(idx, name)) {
		rp_e_uint(c->e, idx);
		return;
	}
	struct rp_buf b = {0};
	rp_call_str_text(c, &b, "if_nametoindex(", name, ")");
	rp_print_num_call(c, idx, b.data ? b.data : "");
	rp_buf_free(&b);
}
void rp_print_inet_addr(struct rp_ctx *c, int family, const uint8_t *p, size_t n, const char *var)
{
	char tmp[INET6_ADDRSTRLEN];
	inet_ntop(family, p, tmp, sizeof(tmp));
	struct rp_buf b = {0};
	if (family == AF_INET) {
		if (var)
			rp_e_key(c->e, var);
		rp_call_str_text(c, &b, "inet_addr(", tmp, ")");
		rp_print_net_bytes(c, p, n, b.data ? b.data : "");
	} else if (rp_e_xstyle(c->e) == RP_XLAT_ABBREV) {
		/* strace's text names the variable inside the call instead */
		if (var && c->e->json)
			rp_e_key(c->e, var);
		char post[64];
		snprintf(post, sizeof(post), "%s%s)", var ? ", &" : "", var ? var : "");
		rp_print_call_str(c, "inet_pton(AF_INET6, ", tmp, post);
	} else {
		/* -X raw/verbose: var="..." /" "* inet_pton(AF_INET6, "::1") *" "/ */
		if (var)
			rp_e_key(c->e, var);
		rp_call_str_text(c, &b, "inet_pton(AF_INET6, ", tmp, ")");
		rp_print_net_bytes(c, p, n, b.data ? b.data : "");
	}
	rp_buf_free(&b);
}
/* A port (or other 16-bit value) in network order: htons(N). */
void rp_print_net_port(struct rp_ctx *c, const uint8_t *p)
{
	char call[32];
	snprintf(call, sizeof(call), "htons(%u)", (unsigned)(p[0] << 8 | p[1]));
	rp_print_net_bytes(c, p, 2, call);
}

size_t rp_hwaddr_size(unsigned devtype)
{
	switch (devtype) {
	case ARPHRD_NETROM:
	case ARPHRD_AX25:
		return 7;
	case ARPHRD_ETHER:
	case ARPHRD_IEEE802:
	case ARPHRD_LOOPBACK:
	case ARPHRD_FDDI:
	case ARPHRD_HIPPI:
	case ARPHRD_IEEE80211:
	case ARPHRD_IEEE80211_PRISM:
	case ARPHRD_IEEE80211_RADIOTAP:
		return 6;
	case ARPHRD_ARCNET:
	case ARPHRD_MCTP:
	case ARPHRD_LOCALTLK:
	case ARPHRD_PHONET:
	case ARPHRD_PHONET_PIPE:
		return 1;
	case ARPHRD_DLCI:
		return 2;
	case ARPHRD_TUNNEL:
	case ARPHRD_SIT:
	case ARPHRD_IPGRE:
	case ARPHRD_IRDA:
		return 4;
	case ARPHRD_ROSE:
		return 5;
	case ARPHRD_IEEE1394:
	case ARPHRD_TUNNEL6:
	case ARPHRD_IP6GRE:
		return 16;
	case ARPHRD_EUI64:
	case ARPHRD_IEEE802154:
	case ARPHRD_IEEE802154_MONITOR:
	case ARPHRD_6LOWPAN:
		return 8;
	case ARPHRD_INFINIBAND:
		return 20;
	case ARPHRD_SLIP:
	case ARPHRD_X25:
	case ARPHRD_CAN:
	case ARPHRD_PPP:
	case ARPHRD_RAWHDLC:
	case ARPHRD_RAWIP:
	case ARPHRD_IPDDP:
	case ARPHRD_PIMREG:
	case ARPHRD_CAIF:
	case ARPHRD_NETLINK:
	case ARPHRD_VSOCKMON:
		return 0;
	default:
		return 255;
	}
}

void rp_print_hwaddr(struct rp_ctx *c, const uint8_t *p, size_t n, size_t show)
{
	struct rp_buf mac = {0}, bytes = {0};
	for (size_t k = 0; k < n && k < show; k++)
		rp_buf_printf(&mac, k ? ":%02x" : "%02x", p[k]);
	rp_quote_string(&bytes, p, n, (unsigned)n, 2, false, false);
	rp_e_named(c->e, bytes.data ? bytes.data : "\"\"", mac.data ? mac.data : "");
	rp_buf_free(&mac);
	rp_buf_free(&bytes);
}
