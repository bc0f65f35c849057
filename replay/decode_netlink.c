/* Netlink messages in the data of sendto and recvfrom on AF_NETLINK
 * sockets (strace 6.1 leaves sendmsg's iovecs as bytes), printed as strace 6.1 does (netlink.c
 * there): each struct nlmsghdr with its type and flags named by the socket's protocol, then its
 * payload. The protocol comes from the recorder's socket records (rp_session_netlink_protocol); a
 * socket of unknown protocol, or of one decoded here not at all, keeps its bytes.
 *
 * Decoded: the header for NETLINK_ROUTE and NETLINK_SOCK_DIAG, NLMSG_ERROR's
 * struct nlmsgerr (its message again, without the extended ack's
 * attributes) and NLMSG_DONE's int. Other payloads print as hex strings. */
#include "rp_internal.h"

#include "names.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define NLMSG_HDR_SIZE 16u
#define NLMSG_MIN_TYPE 0x10u
#define NL_ROUTE       0u
#define NL_SOCK_DIAG   4u
#define TYPE_ERROR     2u /* NLMSG_ERROR */
#define TYPE_DONE      3u /* NLMSG_DONE */
#define RTM_DELACTION  49u
#define NL_UNKNOWN     0xffffffffu /* a socket strace cannot find yet */

/* The message bytes the trace holds: data[0..have) of an area of len bytes
 * at addr; beyond have the tracee's memory could not be read. */
struct nl_area {
	uint64_t addr;
	const uint8_t *data;
	size_t have;
};

static bool nl_readable(const struct nl_area *a, uint64_t off, uint64_t n)
{
	return off <= a->have && n <= a->have - off;
}

/* A payload's bytes as strace's netlink decoder prints them: a hex string
 * (its address when unreadable). */
static void print_hexstr(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t n)
{
	if (!nl_readable(a, off, n)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_bytes_hex(c->e, a->data + off, (size_t)n, false);
}

static const struct rp_xlat *type_names(uint32_t protocol, uint16_t type)
{
	if (type < NLMSG_MIN_TYPE || protocol == NL_UNKNOWN)
		return &rp_x_netlink_types;
	return protocol == NL_ROUTE ? &rp_x_nl_route_types : &rp_x_nl_sock_diag_types;
}

/* The flags' second table, for the bits above 0xff, by protocol and type. */
static const struct rp_xlat *flag_names(uint32_t protocol, uint16_t type)
{
	if (type == TYPE_ERROR)
		return &rp_x_netlink_ack_flags;
	if (type < NLMSG_MIN_TYPE || protocol == NL_UNKNOWN)
		return NULL;
	if (protocol == NL_SOCK_DIAG || type == RTM_DELACTION)
		return &rp_x_netlink_get_flags;
	switch (type & 3) {
	case 0:
		return &rp_x_netlink_new_flags;
	case 1:
		return &rp_x_netlink_delete_flags;
	case 2:
		return &rp_x_netlink_get_flags;
	default:
		return NULL;
	}
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
	rp_e_enum(c->e, type_names(protocol, type), type);
	rp_e_key(c->e, "nlmsg_flags");
	print_nl_flags(c, protocol, type, flags);
	rp_e_key(c->e, "nlmsg_seq");
	rp_e_uint(c->e, rp_get_u32(h + 8));
	rp_e_key(c->e, "nlmsg_pid");
	rp_e_uint(c->e, rp_get_u32(h + 12));
	rp_e_close(c->e, '}');
}

static void print_message(struct rp_ctx *c, uint32_t protocol, const struct nl_area *a,
			  uint64_t off, uint64_t len);

/* struct nlmsgerr: the error, then the message it answers. */
static void print_nlmsgerr(struct rp_ctx *c, uint32_t protocol, const struct nl_area *a,
			   uint64_t off, uint64_t len)
{
	if (len < 4 + NLMSG_HDR_SIZE) {
		print_hexstr(c, a, off, len);
		return;
	}
	if (!nl_readable(a, off, 4 + NLMSG_HDR_SIZE)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	const int32_t err = (int32_t)rp_get_u32(a->data + off);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "error");
	/* -EACCES; -13 under -X raw, both under -X verbose */
	const char *const name = err < 0 ? strec_errno_name(-err) : NULL;
	char neg_name[40];
	if (name)
		snprintf(neg_name, sizeof(neg_name), "-%s", name);
	rp_e_symd(c->e, name ? neg_name : NULL, err);
	rp_e_key(c->e, "msg");
	print_message(c, protocol, a, off + 4, len - 4);
	rp_e_close(c->e, '}');
}

/* The families strace 6.1 decodes sock_diag messages of (by their structs,
 * which are not decoded here yet). */
static bool sock_diag_family_decoded(uint8_t family)
{
	return family == AF_UNIX || family == AF_INET || family == AF_INET6 ||
	       family == AF_NETLINK || family == AF_PACKET || family == AF_SMC;
}

/* A payload strace knows only the first byte of: {family=F, data="..."}. */
static void print_family_only(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t len)
{
	if (!nl_readable(a, off, len)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "family");
	rp_e_enum(c->e, &rp_x_address_family, a->data[off]);
	if (len > 1) {
		rp_e_key(c->e, "data");
		rp_e_bytes_hex(c->e, a->data + off + 1, (size_t)len - 1, false);
	}
	rp_e_close(c->e, '}');
}

/* Whether a protocol's message payload is shown as its family alone: a
 * route message of a type strace has no name for, a sock_diag one of a
 * family it has no decoder for or too short to tell more. */
static bool family_only(uint32_t protocol, uint16_t type, const struct nl_area *a, uint64_t off,
			uint64_t len)
{
	if (type < NLMSG_MIN_TYPE || !len || protocol == NL_UNKNOWN)
		return false;
	if (protocol == NL_ROUTE)
		return !rp_xlat_lookup(&rp_x_nl_route_types, type);
	if (!nl_readable(a, off, 1))
		return true; /* its address */
	return len == 1 || !sock_diag_family_decoded(a->data[off]);
}

static void print_payload(struct rp_ctx *c, uint32_t protocol, uint16_t type,
			  const struct nl_area *a, uint64_t off, uint64_t len)
{
	if (family_only(protocol, type, a, off, len)) {
		print_family_only(c, a, off, len);
	} else if (type == TYPE_ERROR) {
		print_nlmsgerr(c, protocol, a, off, len);
	} else if (type == TYPE_DONE && len >= 4) {
		if (nl_readable(a, off, 4))
			rp_e_int(c->e, (int32_t)rp_get_u32(a->data + off));
		else
			rp_e_ptr(c->e, a->addr + off);
	} else {
		print_hexstr(c, a, off, len);
	}
}

/* One message at off of the len bytes left: its header alone, or
 * "[header, payload]" when its length covers some of what follows. */
static void print_message(struct rp_ctx *c, uint32_t protocol, const struct nl_area *a,
			  uint64_t off, uint64_t len)
{
	const uint8_t *const h = a->data + off;
	const uint32_t msg_len = rp_get_u32(h);
	const uint64_t upto = msg_len < len ? msg_len : len;
	if (msg_len < NLMSG_HDR_SIZE || upto <= NLMSG_HDR_SIZE) {
		print_header(c, protocol, h);
		return;
	}
	rp_e_open(c->e, '[');
	print_header(c, protocol, h);
	print_payload(c, protocol, rp_get_u16(h + 4), a, off + NLMSG_HDR_SIZE,
		      upto - NLMSG_HDR_SIZE);
	rp_e_close(c->e, ']');
}

bool rp_netlink_print(struct rp_ctx *c, int64_t fd, uint64_t addr, const struct rp_mem *m,
		      uint64_t len)
{
	if (!addr || !m || !c->session || fd < 0 || fd > INT32_MAX)
		return false;
	const int found = rp_session_netlink_protocol(c->session, c->ev->tid, (int)fd);
	if (found != (int)NL_ROUTE && found != (int)NL_SOCK_DIAG && found != -2)
		return false;
	const uint32_t protocol = found == -2 ? NL_UNKNOWN : (uint32_t)found;
	/* bytes the recorder left out (not unreadable ones) would be guessed */
	if (m->len < len && !(m->flags & STRTRC_MEM_UNREADABLE))
		return false;
	const struct nl_area a = {addr, m->data, m->len < len ? m->len : (size_t)len};
	if (len < NLMSG_HDR_SIZE && nl_readable(&a, 0, len)) {
		rp_e_bytes_hex(c->e, a.data, (size_t)len, false); /* no header: hex */
		return true;
	}
	if (!nl_readable(&a, 0, NLMSG_HDR_SIZE))
		return false; /* its address, as any unreadable buffer */
	uint64_t off = 0;
	bool array = false;
	for (unsigned k = 0;; k++) {
		const uint64_t left = len - off;
		if (left < NLMSG_HDR_SIZE) {
			print_hexstr(c, &a, off, left);
			break;
		}
		if (!nl_readable(&a, off, NLMSG_HDR_SIZE)) {
			rp_e_ellipsis(c->e);
			char tmp[32];
			snprintf(tmp, sizeof(tmp), "%#" PRIx64, addr + off);
			rp_e_comment(c->e, tmp);
			break;
		}
		if (k == c->opts->max_strlen && !c->opts->verbose) {
			rp_e_ellipsis(c->e);
			break;
		}
		const uint32_t msg_len = rp_get_u32(a.data + off);
		const uint64_t step = ((uint64_t)msg_len + 3) & ~(uint64_t)3;
		const bool more = msg_len >= NLMSG_HDR_SIZE && step < left;
		if (!array && more) {
			rp_e_open(c->e, '[');
			array = true;
		}
		print_message(c, protocol, &a, off, left);
		if (!more)
			break;
		off += step;
	}
	if (array)
		rp_e_close(c->e, ']');
	return true;
}
