/* Socket addresses as strace's print_sockaddr shows them: the family, then
 * the family's fields when the address is long enough for its struct, else
 * the bytes as sa_data. One printer per family, in a table by AF_*. */
#include "rp_internal.h"

/* glibc's before the kernel's: <linux/libc-compat.h> then keeps
 * <linux/in.h> (under <linux/rxrpc.h>) from defining its types again */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <inttypes.h>
#include <linux/ax25.h>
#include <linux/if_alg.h>
#include <linux/if_arp.h>
#include <linux/if_xdp.h>
#include <linux/mctp.h>
#include <linux/nfc.h>
#include <linux/qrtr.h>
#include <linux/rxrpc.h>
#include <linux/vm_sockets.h>
#include <linux/x25.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A family's fields from d (len bytes, zeros after them). */
typedef void sockaddr_fn(struct rp_ctx *c, const uint8_t *d, int len);

/* A value named in -X verbose style unless -X raw (strace's
 * PRINT_FIELD_XVAL_VERBOSE, PRINT_FIELD_FLAGS_VERBOSE) */
static enum rp_xlat_style verbose_style(const struct rp_ctx *c)
{
	return rp_e_xstyle(c->e) == RP_XLAT_RAW ? RP_XLAT_RAW : RP_XLAT_VERBOSE;
}

static void verbose_value(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v, bool flags)
{
	struct rp_buf b = {0};
	if (flags)
		rp_xlat_flags_text(&b, verbose_style(c), x, v);
	else
		rp_xlat_enum_text(&b, verbose_style(c), x, v);
	if (!b.oom)
		rp_e_sym(c->e, b.data);
	rp_buf_free(&b);
}

static void verbose_enum(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v)
{
	verbose_value(c, x, v, false);
}

static void verbose_flags(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v)
{
	verbose_value(c, x, v, true);
}

/* Bytes without a field name (text), or as "data" (JSON, whose objects
 * name every member) */
static void unnamed_bytes(struct rp_ctx *c, const uint8_t *p, size_t n)
{
	if (c->e->json)
		rp_e_key(c->e, "data");
	rp_e_bytes_whole(c->e, p, n, false, false);
}

/* A fixed-size char array strace prints with QUOTE_0_TERMINATED |
 * QUOTE_EXPECT_TRAILING_0: up to its NUL within n - 1 bytes, "..." when
 * there was none */
static void expect_trailing_0(struct rp_ctx *c, const char *key, const uint8_t *p, size_t n)
{
	const size_t size = n ? n - 1 : 0;
	const size_t k = strnlen((const char *)p, size);
	rp_e_key(c->e, key);
	rp_e_bytes_whole(c->e, p, k, false, k == size);
}

static void sockaddr_un(struct rp_ctx *c, const uint8_t *d, int len)
{
	/* at most sun_path's 108 bytes, up to a NUL */
	const int ulen =
	    len > (int)sizeof(struct sockaddr_un) ? (int)sizeof(struct sockaddr_un) : len;
	const size_t plen = (size_t)ulen - offsetof(struct sockaddr_un, sun_path);
	rp_e_key(c->e, "sun_path");
	if (d[2]) {
		rp_e_bytes_whole(c->e, d + 2, plen, true, false);
	} else {
		rp_e_glue(c->e, "@");
		rp_e_bytes_whole(c->e, d + 3, plen - 1, false, false);
	}
}

static void sockaddr_in(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	rp_e_key(c->e, "sin_port");
	rp_print_net_port(c, d + offsetof(struct sockaddr_in, sin_port));
	rp_e_key(c->e, "sin_addr");
	rp_print_inet_addr(c, AF_INET, d + offsetof(struct sockaddr_in, sin_addr), 4, NULL);
}

static void sockaddr_in6(struct rp_ctx *c, const uint8_t *d, int len)
{
	const uint8_t *const a = d + offsetof(struct sockaddr_in6, sin6_addr);
	rp_e_key(c->e, "sin6_port");
	rp_print_net_port(c, d + offsetof(struct sockaddr_in6, sin6_port));
	rp_e_key(c->e, "sin6_flowinfo");
	const uint8_t *const f = d + offsetof(struct sockaddr_in6, sin6_flowinfo);
	char flow[32];
	snprintf(flow, sizeof(flow), "htonl(%" PRIu32 ")",
		 (uint32_t)f[0] << 24 | (uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3]);
	rp_print_net_bytes(c, f, 4, flow);
	rp_print_inet_addr(c, AF_INET6, a, 16, "sin6_addr");
	if (len > (int)offsetof(struct sockaddr_in6, sin6_scope_id)) {
		const bool linklocal =
		    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || (a[0] == 0xff && (a[1] & 0xf) == 2);
		const uint32_t scope = rp_get_u32(d + offsetof(struct sockaddr_in6, sin6_scope_id));
		rp_e_key(c->e, "sin6_scope_id");
		if (linklocal)
			rp_print_ifindex(c, scope);
		else
			rp_e_uint(c->e, scope);
	}
}

static void sockaddr_nl(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	if (rp_get_u16(d + 2)) {
		rp_e_key(c->e, "nl_pad");
		rp_e_hex(c->e, rp_get_u16(d + 2));
	}
	rp_e_key(c->e, "nl_pid"); /* a port id, a process's as strace takes it */
	rp_e_pid(c, (int32_t)rp_get_u32(d + 4), SC_PID_TGID);
	rp_e_key(c->e, "nl_groups");
	rp_e_rawf(c->e, "%#08" PRIx32, rp_get_u32(d + 8));
}

static void sockaddr_ll(struct rp_ctx *c, const uint8_t *d, int len)
{
	rp_e_key(c->e, "sll_protocol");
	const uint16_t proto = (uint16_t)(d[2] << 8 | d[3]);
	const char *pn = rp_xlat_lookup(&rp_x_ether_protocol, proto);
	char call[64];
	if (pn)
		snprintf(call, sizeof(call), "htons(%s)", pn);
	else
		snprintf(call, sizeof(call), "htons(%#x /* ETH_P_??? */)", proto);
	rp_print_net_bytes(c, d + 2, 2, call);
	rp_e_key(c->e, "sll_ifindex");
	rp_print_ifindex(c, rp_get_u32(d + 4));
	rp_e_key(c->e, "sll_hatype");
	rp_e_enum(c->e, &rp_x_arphrd, rp_get_u16(d + 8));
	rp_e_key(c->e, "sll_pkttype");
	rp_e_enum(c->e, &rp_x_packet_type, d[10]);
	const unsigned halen = d[11];
	rp_e_key(c->e, "sll_halen");
	rp_e_uint(c->e, halen);
	if (halen) {
		rp_e_key(c->e, "sll_addr");
		rp_e_open(c->e, '[');
		const int room = len - 12;
		for (unsigned i = 0; i < halen; i++) {
			if ((int)i >= room) {
				rp_e_ellipsis(c->e);
				break;
			}
			/* sll_addr is 8 bytes; strace reads past it into the
			 * zero padding */
			rp_e_rawf(c->e, "%#02x", i + 12 < 129 ? d[12 + i] : 0);
		}
		rp_e_close(c->e, ']');
	}
}

/* RxRPC: a service and the transport's address, an IPv4 or IPv6 one in
 * full, another family's as bytes */
static void sockaddr_rxrpc(struct rp_ctx *c, const uint8_t *d, int len)
{
	const size_t tr = offsetof(struct sockaddr_rxrpc, transport);
	const uint16_t tlen = rp_get_u16(d + offsetof(struct sockaddr_rxrpc, transport_len));
	const uint16_t family = rp_get_u16(d + tr);
	const int avail = len - (int)tr < tlen ? len - (int)tr : tlen;
	const int rest = avail > 2 ? avail - 2 : 0;
	rp_e_key(c->e, "srx_service");
	verbose_enum(c, &rp_x_rxrpc_services,
		     rp_get_u16(d + offsetof(struct sockaddr_rxrpc, srx_service)));
	rp_e_key(c->e, "transport_type");
	rp_e_enum(c->e, &rp_x_socket_type,
		  rp_get_u16(d + offsetof(struct sockaddr_rxrpc, transport_type)));
	rp_e_key(c->e, "transport_len");
	rp_e_uint(c->e, tlen);
	rp_e_key(c->e, "transport");
	rp_e_open(c->e, '{');
	if (family == AF_INET || family == AF_INET6) {
		const bool v4 = family == AF_INET;
		rp_e_key(c->e, v4 ? "sin" : "sin6");
		rp_e_open(c->e, '{');
		rp_e_key(c->e, v4 ? "sin_family" : "sin6_family");
		rp_e_enum(c->e, &rp_x_address_family, family);
		if (tlen >= (v4 ? sizeof(struct sockaddr_in) : 24 /* SIN6_MIN_LEN */))
			(v4 ? sockaddr_in : sockaddr_in6)(c, d + tr, avail);
		else if (rest > 0)
			unnamed_bytes(c, d + tr + 2, (size_t)rest);
		rp_e_close(c->e, '}');
	} else {
		rp_e_key(c->e, "family");
		rp_e_enum(c->e, &rp_x_address_family, family);
		if (rest > 0)
			unnamed_bytes(c, d + tr + 2, (size_t)rest);
	}
	rp_e_close(c->e, '}');
}

/* IEEE 802.15.4 (not in the uapi headers): sa_family, then struct
 * ieee802154_addr_sa {int addr_type; u16 pan_id; union {u8 hwaddr[8];
 * u16 short_addr;}} at 4 */
enum { IEEE802154_ADDR = 4, IEEE802154_PAN_ID = 8, IEEE802154_UNION = 10 };

static void sockaddr_ieee802154(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	const uint32_t type = rp_get_u32(d + IEEE802154_ADDR);
	rp_e_key(c->e, "addr");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "addr_type");
	verbose_enum(c, &rp_x_ieee802154_addr_types, type);
	rp_e_key(c->e, "pan_id");
	verbose_enum(c, &rp_x_ieee802154_pan_ids, rp_get_u16(d + IEEE802154_PAN_ID));
	if (type == 2) { /* IEEE802154_ADDR_SHORT */
		rp_e_key(c->e, "short_addr");
		verbose_enum(c, &rp_x_ieee802154_addrs, rp_get_u16(d + IEEE802154_UNION));
	} else if (type != 0) { /* not IEEE802154_ADDR_NONE: a long one */
		rp_e_key(c->e, "hwaddr");
		rp_print_hwaddr(c, d + IEEE802154_UNION, 8, 8);
	}
	rp_e_close(c->e, '}');
}

static void sockaddr_alg(struct rp_ctx *c, const uint8_t *d, int len)
{
	const size_t name = offsetof(struct sockaddr_alg_new, salg_name);
	expect_trailing_0(c, "salg_type", d + offsetof(struct sockaddr_alg_new, salg_type),
			  sizeof(((struct sockaddr_alg_new *)0)->salg_type));
	rp_e_key(c->e, "salg_feat");
	verbose_flags(c, &rp_x_alg_sockaddr_flags,
		      rp_get_u32(d + offsetof(struct sockaddr_alg_new, salg_feat)));
	rp_e_key(c->e, "salg_mask");
	verbose_flags(c, &rp_x_alg_sockaddr_flags,
		      rp_get_u32(d + offsetof(struct sockaddr_alg_new, salg_mask)));
	expect_trailing_0(c, "salg_name", d + name, (size_t)len - name);
}

/* NFC: the device, target and protocol; the LLCP fields when the address
 * is a whole struct sockaddr_nfc_llcp, "..." when longer than
 * sockaddr_nfc but not that */
static void sockaddr_nfc(struct rp_ctx *c, const uint8_t *d, int len)
{
	rp_e_key(c->e, "dev_idx");
	rp_print_ifindex(c, rp_get_u32(d + offsetof(struct sockaddr_nfc, dev_idx)));
	rp_e_key(c->e, "target_idx");
	rp_e_hex(c->e, rp_get_u32(d + offsetof(struct sockaddr_nfc, target_idx)));
	rp_e_key(c->e, "nfc_protocol");
	rp_e_enum(c->e, &rp_x_nfc_sockaddr_protocols,
		  rp_get_u32(d + offsetof(struct sockaddr_nfc, nfc_protocol)));
	if ((size_t)len < sizeof(struct sockaddr_nfc_llcp)) {
		if ((size_t)len > sizeof(struct sockaddr_nfc))
			rp_e_ellipsis(c->e);
		return;
	}
	const uint64_t name_len =
	    rp_get_u64(d + offsetof(struct sockaddr_nfc_llcp, service_name_len));
	const size_t name_max = sizeof(((struct sockaddr_nfc_llcp *)0)->service_name);
	rp_e_key(c->e, "dsap");
	verbose_enum(c, &rp_x_nfc_saps, d[offsetof(struct sockaddr_nfc_llcp, dsap)]);
	rp_e_key(c->e, "ssap");
	verbose_enum(c, &rp_x_nfc_saps, d[offsetof(struct sockaddr_nfc_llcp, ssap)]);
	rp_e_key(c->e, "service_name");
	rp_e_bytes_whole(c->e, d + offsetof(struct sockaddr_nfc_llcp, service_name),
			 name_len < name_max ? (size_t)name_len : name_max, false, false);
	rp_e_key(c->e, "service_name_len");
	rp_e_uint(c->e, name_len);
}

static void sockaddr_vm(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	const uint16_t reserved1 = rp_get_u16(d + offsetof(struct sockaddr_vm, svm_reserved1));
	const uint8_t *const zero = d + offsetof(struct sockaddr_vm, svm_zero);
	const size_t nzero = sizeof(((struct sockaddr_vm *)0)->svm_zero);
	if (reserved1) {
		rp_e_key(c->e, "svm_reserved1");
		rp_e_hex(c->e, reserved1);
	}
	rp_e_key(c->e, "svm_cid");
	rp_e_enum(c->e, &rp_x_vsock_cids, rp_get_u32(d + offsetof(struct sockaddr_vm, svm_cid)));
	rp_e_key(c->e, "svm_port");
	rp_e_enum(c->e, &rp_x_vsock_ports, rp_get_u32(d + offsetof(struct sockaddr_vm, svm_port)));
	rp_e_key(c->e, "svm_flags");
	rp_e_flags(c->e, &rp_x_vsock_flags, d[offsetof(struct sockaddr_vm, svm_flags)]);
	for (size_t k = 0; k < nzero; k++) {
		if (zero[k]) {
			rp_e_key(c->e, "svm_zero");
			rp_e_bytes_hex(c->e, zero, nzero, false);
			break;
		}
	}
}

static void sockaddr_qrtr(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	rp_e_key(c->e, "sq_node");
	rp_e_enum(c->e, &rp_x_qipcrtr_nodes,
		  rp_get_u32(d + offsetof(struct sockaddr_qrtr, sq_node)));
	rp_e_key(c->e, "sq_port");
	rp_e_enum(c->e, &rp_x_qipcrtr_ports,
		  rp_get_u32(d + offsetof(struct sockaddr_qrtr, sq_port)));
}

static void sockaddr_xdp(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	const uint16_t flags = rp_get_u16(d + offsetof(struct sockaddr_xdp, sxdp_flags));
	const uint32_t umem_fd = rp_get_u32(d + offsetof(struct sockaddr_xdp, sxdp_shared_umem_fd));
	rp_e_key(c->e, "sxdp_flags");
	rp_e_flags(c->e, &rp_x_xdp_sockaddr_flags, flags);
	rp_e_key(c->e, "sxdp_ifindex");
	rp_print_ifindex(c, rp_get_u32(d + offsetof(struct sockaddr_xdp, sxdp_ifindex)));
	rp_e_key(c->e, "sxdp_queue_id");
	rp_e_uint(c->e, rp_get_u32(d + offsetof(struct sockaddr_xdp, sxdp_queue_id)));
	if (flags & XDP_SHARED_UMEM) {
		rp_e_key(c->e, "sxdp_shared_umem_fd");
		rp_arg_fd(c, (int32_t)umem_fd);
	} else if (umem_fd) {
		rp_e_key(c->e, "sxdp_shared_umem_fd");
		rp_e_hex(c->e, umem_fd);
	}
}

static void sockaddr_mctp(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	const uint16_t pad0 = rp_get_u16(d + offsetof(struct sockaddr_mctp, __smctp_pad0));
	const uint8_t pad1 = d[offsetof(struct sockaddr_mctp, __smctp_pad1)];
	if (pad0) {
		rp_e_key(c->e, "__smctp_pad0");
		rp_e_hex(c->e, pad0);
	}
	rp_e_key(c->e, "smctp_network");
	rp_e_enum(c->e, &rp_x_mctp_nets,
		  rp_get_u32(d + offsetof(struct sockaddr_mctp, smctp_network)));
	rp_e_key(c->e, "smctp_addr");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "s_addr");
	rp_e_enum(c->e, &rp_x_mctp_addrs, d[offsetof(struct sockaddr_mctp, smctp_addr)]);
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "smctp_type");
	rp_e_hex(c->e, d[offsetof(struct sockaddr_mctp, smctp_type)]);
	rp_e_key(c->e, "smctp_tag");
	rp_e_hex(c->e, d[offsetof(struct sockaddr_mctp, smctp_tag)]);
	if (pad1) {
		rp_e_key(c->e, "__smctp_pad1");
		rp_e_hex(c->e, pad1);
	}
}

/* AF_IPX's struct sockaddr_ipx (Debian's headers no longer carry it). */
enum {
	IPX_PORT = 2,
	IPX_NETWORK = 4,
	IPX_NODE = 8,
	IPX_NODE_LEN = 6,
	IPX_TYPE = 14,
	IPX_ZERO = 15,
	IPX_SIZE = 16,
};

/* strace's PRINT_VAL_0X: %#x at least twice the field's size wide */
static void hex_wide(struct rp_ctx *c, uint64_t v, unsigned size)
{
	rp_e_rawf(c->e, "%#0*" PRIx64, (int)size * 2, v);
}

static void sockaddr_ipx(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	rp_e_key(c->e, "sipx_port");
	rp_print_net_port(c, d + IPX_PORT);
	rp_e_key(c->e, "sipx_network");
	const uint8_t *const net = d + IPX_NETWORK;
	rp_e_rawf(c->e, "htonl(%#" PRIx32 ")",
		  (uint32_t)net[0] << 24 | (uint32_t)net[1] << 16 | (uint32_t)net[2] << 8 | net[3]);
	rp_e_key(c->e, "sipx_node");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < IPX_NODE_LEN; k++)
		hex_wide(c, d[IPX_NODE + k], 1);
	rp_e_close(c->e, ']');
	rp_e_key(c->e, "sipx_type");
	hex_wide(c, d[IPX_TYPE], 1);
	if (d[IPX_ZERO]) {
		rp_e_key(c->e, "sipx_zero");
		rp_e_hex(c->e, d[IPX_ZERO]);
	}
}

/* How an AX.25 callsign can be shown (strace's rules): as text when it is
 * upper case letters and digits padded with spaces, each shifted left by
 * one, and an SSID byte of its bits 1-4 only; the bytes with the text in a
 * comment when it is text of another sort; the bytes only when it holds
 * what cannot be printed. */
enum ax25_style { AX25_TEXT, AX25_COMMENT, AX25_BYTES };

static enum ax25_style ax25_style_of(const uint8_t call[7])
{
	enum ax25_style style = AX25_TEXT;
	bool space = false, text = false;
	for (size_t i = 0; i < 6; i++) {
		const unsigned ch = call[i] >> 1;
		if (call[i] & 1)
			style = AX25_COMMENT;
		if (ch == ' ')
			space = true;
		else
			text = true;
		const bool sane = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || ch == ' ';
		if (!sane || (ch != ' ' && space))
			style = AX25_COMMENT;
		if (ch < ' ' || ch > 0x7e || ch == '*' || ch == '/')
			return AX25_BYTES;
	}
	if ((call[6] & ~0x1e) || (!text && call[6]))
		style = AX25_COMMENT;
	return style;
}

/* "CALL-SSID" without the padding, "*" for an empty call of SSID 0. */
static void ax25_text(const uint8_t call[7], char buf[12])
{
	size_t end = 6, n = 0;
	while (end && (call[end - 1] >> 1) == ' ')
		end--;
	for (size_t i = 0; i < end; i++)
		buf[n++] = (char)(call[i] >> 1);
	const unsigned ssid = (call[6] >> 1) & 0xf;
	snprintf(buf + n, 12 - n, "-%u", ssid);
	if (!strcmp(buf, "-0"))
		strcpy(buf, "*");
}

static void ax25_call(struct rp_ctx *c, const uint8_t *call)
{
	enum ax25_style style = ax25_style_of(call);
	const enum rp_xlat_style x = rp_e_xstyle(c->e);
	if (style == AX25_TEXT)
		style = x == RP_XLAT_ABBREV ? AX25_TEXT
			: x == RP_XLAT_RAW  ? AX25_BYTES
					    : AX25_COMMENT;
	char text[12];
	ax25_text(call, text);
	if (style == AX25_TEXT) {
		rp_e_sym(c->e, text);
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "ax25_call");
	rp_e_bytes_hex(c->e, call, 7, false);
	rp_e_close(c->e, '}');
	if (style == AX25_COMMENT)
		rp_e_comment(c->e, text);
}

/* struct sockaddr_ax25, or a full_sockaddr_ax25 with the digipeaters the
 * address is long enough for (and "..." for those it is not). */
static void sockaddr_ax25(struct rp_ctx *c, const uint8_t *d, int len)
{
	const size_t head = sizeof(struct sockaddr_ax25), each = sizeof(ax25_address);
	const int32_t ndigis =
	    (int32_t)rp_get_u32(d + offsetof(struct sockaddr_ax25, sax25_ndigis));
	const bool full = ndigis || (size_t)len > head;
	if (full) {
		rp_e_key(c->e, "fsa_ax25");
		rp_e_open(c->e, '{');
	}
	rp_e_key(c->e, "sax25_call");
	ax25_call(c, d + offsetof(struct sockaddr_ax25, sax25_call));
	rp_e_key(c->e, "sax25_ndigis");
	rp_e_int(c->e, ndigis);
	if (!full)
		return;
	rp_e_close(c->e, '}');
	const size_t has = ((size_t)len - head) / each < AX25_MAX_DIGIS
			       ? ((size_t)len - head) / each
			       : AX25_MAX_DIGIS;
	const size_t want = ndigis <= 0		      ? 0
			    : ndigis < AX25_MAX_DIGIS ? (size_t)ndigis
						      : AX25_MAX_DIGIS;
	if (want) {
		rp_e_key(c->e, "fsa_digipeater");
		rp_e_open(c->e, '[');
		size_t k = 0;
		for (; k < want && k < has && !rp_array_cut(c, k); k++)
			ax25_call(c, d + head + k * each);
		if (k == (want < has ? want : has) && want > has)
			rp_e_ellipsis(c->e);
		rp_e_close(c->e, ']');
	}
	if ((size_t)len > head + has * each)
		rp_e_ellipsis(c->e);
}

/* struct sockaddr_x25: its address, a string of at most 15 digits */
static void sockaddr_x25(struct rp_ctx *c, const uint8_t *d, int len)
{
	(void)len;
	rp_e_key(c->e, "sx25_addr");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "x25_addr");
	rp_print_cstring_field(c, d + offsetof(struct sockaddr_x25, sx25_addr),
			       sizeof(struct x25_address));
	rp_e_close(c->e, '}');
}

/* Each family's printer and the length its struct needs (strace's) */
static const struct {
	sockaddr_fn *print;
	int min_len;
} families[] = {
    [AF_UNIX] = {sockaddr_un, 3},
    [AF_AX25] = {sockaddr_ax25, sizeof(struct sockaddr_ax25)},
    [AF_IPX] = {sockaddr_ipx, IPX_SIZE},
    [AF_X25] = {sockaddr_x25, sizeof(struct sockaddr_x25)},
    [AF_INET] = {sockaddr_in, sizeof(struct sockaddr_in)},
    [AF_INET6] = {sockaddr_in6, 24 /* SIN6_MIN_LEN: without the scope */},
    [AF_NETLINK] = {sockaddr_nl, 12},
    [AF_PACKET] = {sockaddr_ll, 20},
    [AF_RXRPC] = {sockaddr_rxrpc, sizeof(struct sockaddr_rxrpc)},
    [AF_IEEE802154] = {sockaddr_ieee802154, 20},
    [AF_ALG] = {sockaddr_alg, sizeof(struct sockaddr_alg_new) + 1},
    [AF_NFC] = {sockaddr_nfc, sizeof(struct sockaddr_nfc)},
    [AF_VSOCK] = {sockaddr_vm, sizeof(struct sockaddr_vm)},
    [AF_QIPCRTR] = {sockaddr_qrtr, sizeof(struct sockaddr_qrtr)},
    [AF_XDP] = {sockaddr_xdp, sizeof(struct sockaddr_xdp)},
    [AF_MCTP] = {sockaddr_mctp, sizeof(struct sockaddr_mctp)},
};

void rp_print_sockaddr(struct rp_ctx *c, const uint8_t *d, int len)
{
	const uint16_t fam = rp_get_u16(d);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sa_family");
	rp_e_enum(c->e, &rp_x_address_family, fam);
	if (len > 2) {
		if (fam < sizeof(families) / sizeof(families[0]) && families[fam].print &&
		    len >= families[fam].min_len) {
			families[fam].print(c, d, len);
		} else {
			rp_e_key(c->e, "sa_data");
			rp_e_bytes_whole(c->e, d + 2, (size_t)len - 2, false, false);
		}
	}
	rp_e_close(c->e, '}');
}
