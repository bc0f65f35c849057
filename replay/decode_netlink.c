/* Netlink messages in the data of sendto and recvfrom on AF_NETLINK
 * sockets (strace 6.1 leaves sendmsg's iovecs as bytes), printed as strace 6.1 does (netlink.c
 * there): each struct nlmsghdr with its type and flags named by the socket's protocol, then its
 * payload. The protocol comes from the recorder's socket records (rp_session_netlink_protocol); a
 * socket of unknown protocol, or of one decoded here not at all, keeps its bytes.
 *
 * This file frames the messages and decodes what all protocols share
 * (NLMSG_ERROR's struct nlmsgerr and its extended-ack attributes,
 * NLMSG_DONE's int); the payloads of each protocol's own types are its
 * file's (struct nl_protocol in netlink.h). */
#include "netlink.h"

#include <assert.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>

#define NL_UNKNOWN 0xffffffffu /* a socket strace cannot find yet */

/* The protocols whose messages are decoded, by NETLINK_* number. */
static const struct nl_protocol *const protocols[] = {
    [NETLINK_ROUTE] = &nl_route_protocol,	  [NETLINK_SOCK_DIAG] = &nl_sock_diag_protocol,
    [NETLINK_NETFILTER] = &nl_netfilter_protocol, [NETLINK_AUDIT] = &nl_audit_protocol,
    [NETLINK_GENERIC] = &nl_generic_protocol,	  [NETLINK_XFRM] = &nl_xfrm_protocol,
    [NETLINK_SELINUX] = &nl_selinux_protocol,
};

static const struct nl_protocol *protocol_of(uint32_t protocol)
{
	return protocol < NL_ARRAY_LEN(protocols) ? protocols[protocol] : NULL;
}

static void print_type(struct rp_ctx *c, uint32_t protocol, uint16_t type)
{
	const struct nl_protocol *const p = protocol_of(protocol);
	if (type < NLMSG_MIN_TYPE || !p)
		rp_e_enum(c->e, &rp_x_netlink_types, type);
	else if (p->print_type)
		p->print_type(c, type);
	else
		rp_e_enum(c->e, p->types, type);
}

/* The flags' second table, for the bits above 0xff, by protocol and type. */
static const struct rp_xlat *flag_names(uint32_t protocol, uint16_t type)
{
	if (type < NLMSG_MIN_TYPE)
		return type == NLMSG_ERROR ? &rp_x_netlink_ack_flags : NULL;
	const struct nl_protocol *const p = protocol_of(protocol);
	return p && p->flag_names ? p->flag_names(type) : NULL;
}

/* Names of x's set bits, taken out of *left, appended to names[*n]. */
static void flag_names_take(const char **names, size_t *n, const struct rp_xlat *x, uint16_t *left)
{
	for (size_t i = 0; x && i < x->n; i++) {
		const uint16_t bits = (uint16_t)x->e[i].val;
		if (!bits || (*left & bits) != bits)
			continue;
		assert(*n < 16);
		names[(*n)++] = x->e[i].name;
		*left &= (uint16_t)~bits;
	}
}

/* nlmsg_flags: the generic names, then those of the protocol and type for
 * the bits above 0xff, in each -X style as strace's printflags does. */
static void print_nl_flags(struct rp_ctx *c, uint32_t protocol, uint16_t type, uint16_t flags)
{
	if (!flags) {
		rp_e_flags(c->e, &rp_x_netlink_flags, 0);
		return;
	}
	const char *names[16];
	size_t n = 0;
	uint16_t left = flags;
	flag_names_take(names, &n, &rp_x_netlink_flags, &left);
	flag_names_take(names, &n, flag_names(protocol, type), &left);
	if (c->e->json) {
		rp_e_open(c->e, '[');
		for (size_t i = 0; i < n; i++)
			rp_e_sym(c->e, names[i]);
		if (left)
			rp_e_hex(c->e, left);
		rp_e_close(c->e, ']');
		return;
	}
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	struct rp_buf b = {0};
	if (st != RP_XLAT_ABBREV || !n)
		rp_buf_printf(&b, "%#x", flags);
	if (st == RP_XLAT_RAW) {
		/* the number alone */
	} else if (!n) {
		rp_buf_puts(&b, " /* NLM_F_??? */");
	} else {
		if (st == RP_XLAT_VERBOSE)
			rp_buf_puts(&b, " /* ");
		for (size_t i = 0; i < n; i++)
			rp_buf_printf(&b, "%s%s", i ? "|" : "", names[i]);
		if (left)
			rp_buf_printf(&b, "|%#x", left);
		if (st == RP_XLAT_VERBOSE)
			rp_buf_puts(&b, " */");
	}
	rp_e_raw(c->e, b.data ? b.data : "");
	rp_buf_free(&b);
}

static void print_header(struct rp_ctx *c, uint32_t protocol, const uint8_t *h)
{
	const uint16_t type = rp_get_u16(h + 4), flags = rp_get_u16(h + 6);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "nlmsg_len");
	rp_e_uint(c->e, rp_get_u32(h));
	rp_e_key(c->e, "nlmsg_type");
	print_type(c, protocol, type);
	rp_e_key(c->e, "nlmsg_flags");
	print_nl_flags(c, protocol, type, flags);
	rp_e_key(c->e, "nlmsg_seq");
	rp_e_uint(c->e, rp_get_u32(h + 8));
	rp_e_key(c->e, "nlmsg_pid");
	/* a port id that is usually the sender's pid: printed as one */
	rp_e_pid(c, (int32_t)rp_get_u32(h + 12), SC_PID_TGID);
	rp_e_close(c->e, '}');
}

static void print_message(struct rp_ctx *c, uint32_t protocol, const struct nl_area *a,
			  uint64_t off, uint64_t len, uint64_t upto);

static const struct nl_attr nlmsgerr_attrs[] = {
    [NLMSGERR_ATTR_MSG] = {nl_a_str, NULL},
    [NLMSGERR_ATTR_OFFS] = {nl_a_u32, NULL},
    [NLMSGERR_ATTR_COOKIE] = {nl_a_u8_array, NULL},
};
static const struct nl_attr_set nlmsgerr_attr_set =
    NL_ATTR_SET(&rp_x_nlmsgerr_attrs, nlmsgerr_attrs);

/* struct nlmsgerr: the error, then the message it answers (its header
 * alone when the kernel capped it), then the extended ack's attributes. */
static void print_nlmsgerr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint64_t len)
{
	if (len < 4 + NL_HDR_SIZE) {
		nl_print_hex(c, a, off, len);
		return;
	}
	if (!nl_readable(a, off, 4 + NL_HDR_SIZE)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	const int32_t err = (int32_t)rp_get_u32(a->data + off);
	const uint32_t inner_len = rp_get_u32(a->data + off + 4);
	off += 4;
	len -= 4;
	/* an invalid inner length counts as a bare header */
	const uint64_t inner = m->flags & NLM_F_CAPPED	 ? NL_HDR_SIZE
			       : inner_len > NL_HDR_SIZE ? inner_len
							 : NL_HDR_SIZE;
	const uint64_t payload = len < inner ? len : inner;
	if (len > payload)
		rp_e_open(c->e, '[');
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "error");
	/* -EACCES; -13 under -X raw, both under -X verbose */
	const char *const name = err < 0 ? strec_errno_name(-err) : NULL;
	char neg_name[40];
	if (name)
		snprintf(neg_name, sizeof(neg_name), "-%s", name);
	rp_e_symd(c->e, name ? neg_name : NULL, err);
	rp_e_key(c->e, "msg");
	print_message(c, m->protocol, a, off, payload, payload);
	rp_e_close(c->e, '}');
	if (len > payload) {
		nl_print_attrs(c, m, a, off + payload, len - payload, &nlmsgerr_attr_set);
		rp_e_close(c->e, ']');
	}
}

static void print_payload(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint64_t len)
{
	if (m->type == NLMSG_ERROR) {
		print_nlmsgerr(c, m, a, off, len);
		return;
	}
	const struct nl_protocol *const p = protocol_of(m->protocol);
	if ((m->type >= NLMSG_MIN_TYPE || m->type == NLMSG_DONE) && p && p->payload &&
	    p->payload(c, m, a, off, len))
		return;
	if (m->type == NLMSG_DONE && len == 4) {
		if (nl_readable(a, off, 4))
			rp_e_int(c->e, (int32_t)rp_get_u32(a->data + off));
		else
			rp_e_ptr(c->e, a->addr + off);
		return;
	}
	nl_print_hex(c, a, off, len);
}

/* One message at off: its header alone, or "[header, payload]" when its
 * length covers some of the len bytes left (upto: of those, how many the
 * message may take). */
static void print_message(struct rp_ctx *c, uint32_t protocol, const struct nl_area *a,
			  uint64_t off, uint64_t len, uint64_t upto)
{
	const uint8_t *const h = a->data + off;
	const uint32_t msg_len = rp_get_u32(h);
	if (msg_len < upto)
		upto = msg_len;
	if (upto > len)
		upto = len;
	if (upto <= NL_HDR_SIZE) {
		print_header(c, protocol, h);
		return;
	}
	rp_e_open(c->e, '[');
	print_header(c, protocol, h);
	const struct nl_msg m = {
	    .protocol = protocol,
	    .type = rp_get_u16(h + 4),
	    .flags = rp_get_u16(h + 6),
	    .family = nl_readable(a, off + NL_HDR_SIZE, 1) ? a->data[off + NL_HDR_SIZE] : 0,
	};
	print_payload(c, &m, a, off + NL_HDR_SIZE, upto - NL_HDR_SIZE);
	rp_e_close(c->e, ']');
}

bool rp_netlink_print(struct rp_ctx *c, int64_t fd, uint64_t addr, const struct rp_mem *m,
		      uint64_t len)
{
	if (!addr || !m || !c->session || fd < 0 || fd > INT32_MAX)
		return false;
	const int found = rp_session_netlink_protocol(c->session, c->ev->tid, (int)fd);
	if (found == NETLINK_KOBJECT_UEVENT)
		return nl_print_kobject_uevent(c, addr, m, len);
	if (found == -1 || (found >= 0 && !protocol_of((uint32_t)found)))
		return false;
	const uint32_t protocol = found == -2 ? NL_UNKNOWN : (uint32_t)found;
	/* bytes the recorder left out (not unreadable ones) would be guessed */
	if (m->len < len && !(m->flags & STRTRC_MEM_UNREADABLE))
		return false;
	const struct nl_area a = {addr, m->data, m->len < len ? m->len : (size_t)len};
	if (len < NL_HDR_SIZE && nl_readable(&a, 0, len)) {
		rp_e_bytes_hex(c->e, a.data, (size_t)len, false); /* no header: hex */
		return true;
	}
	if (!nl_readable(&a, 0, NL_HDR_SIZE))
		return false; /* its address, as any unreadable buffer */
	uint64_t off = 0;
	bool array = false;
	for (unsigned k = 0;; k++) {
		const uint64_t left = len - off;
		if (left < NL_HDR_SIZE) {
			nl_print_hex(c, &a, off, left);
			break;
		}
		if (!nl_readable(&a, off, NL_HDR_SIZE)) {
			rp_e_ellipsis(c->e);
			char tmp[32];
			snprintf(tmp, sizeof(tmp), "%#" PRIx64, addr + off);
			rp_e_comment(c->e, tmp);
			break;
		}
		if (rp_array_cut(c, k))
			break;
		const uint32_t msg_len = rp_get_u32(a.data + off);
		const uint64_t step = NL_ALIGN(msg_len);
		const bool more = msg_len >= NL_HDR_SIZE && step < left;
		if (!array && more) {
			rp_e_open(c->e, '[');
			array = true;
		}
		print_message(c, protocol, &a, off, left, left);
		if (!more)
			break;
		off += step;
	}
	if (array)
		rp_e_close(c->e, ']');
	return true;
}
