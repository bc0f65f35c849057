/* Sockets: creation, addresses, options, data transfer and message headers,
 * printed as strace 6.1 does (net.c, sockaddr.c, msghdr.c, mmsghdr.c there).
 * The names come from common/xlat (rp_x_*), taken from strace 6.1's own
 * output value by value, so that they print exactly what it prints. */
#include "rp_internal.h"

#include "names.h"

#include <arpa/inet.h>
#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
/* after glibc's <net/if.h>, which <linux/if.h> (under <linux/icmp.h>)
 * then leaves alone */
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>

/* ---- small printing helpers ---- */

/* strace's printflags: names in table order and the rest in hex; a value
 * with no known bit gets the "XXX_???" comment. */
static void print_flags(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v, const char *unknown)
{
	if (c->e->json || v == 0) {
		rp_e_flags(c->e, x, v);
		return;
	}
	uint64_t known = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (x->e[i].val && (v & x->e[i].val) == x->e[i].val)
			known |= x->e[i].val;
	}
	if (known) {
		rp_e_flags(c->e, x, v);
		return;
	}
	rp_e_hex(c->e, v);
	rp_e_comment(c->e, unknown);
}

/* A socket type: its name, then the flag bits ("SOCK_STREAM|SOCK_CLOEXEC"). */
static void print_sock_type(struct rp_ctx *c, uint32_t type)
{
	const char *tn = rp_xlat_lookup(&rp_x_socket_type, type & 0xf);
	if (!tn) {
		print_flags(c, &rp_x_socket_type_flags, type, "SOCK_???");
		return;
	}
	const uint32_t rest = type & ~0xfu;
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	if (st != RP_XLAT_ABBREV) {
		/* -X raw/verbose: the type and the flags each on its own,
		 * "0x1 /" "* SOCK_STREAM *" "/|0x80800 /" "* SOCK_CLOEXEC|SOCK_NONBLOCK *" "/" */
		struct rp_buf b = {0};
		rp_xlat_enum_text(&b, st, &rp_x_socket_type, type & 0xf);
		if (rest) {
			rp_buf_putc(&b, '|');
			rp_xlat_flags_text(&b, st, &rp_x_socket_type_flags, rest);
		}
		rp_e_raw(c->e, b.data ? b.data : "");
		rp_buf_free(&b);
		return;
	}
	if (!rest || c->e->json) {
		rp_e_flags_pre(c->e, type, tn, &rp_x_socket_type_flags, rest, NULL);
		return;
	}
	struct rp_buf b = {0};
	rp_buf_puts(&b, tn);
	rp_buf_putc(&b, '|');
	uint64_t known = 0;
	for (size_t i = 0; i < rp_x_socket_type_flags.n; i++)
		known |= rp_x_socket_type_flags.e[i].val & rest;
	if (known)
		rp_flags_text(&b, &rp_x_socket_type_flags, rest);
	else
		rp_buf_printf(&b, "%#x /* SOCK_??? */", rest);
	rp_e_raw(c->e, b.data ? b.data : tn);
	rp_buf_free(&b);
}

/* Bytes quoted whole, whatever -s says (strace's print_quoted_string). */
static void print_quoted_whole(struct rp_ctx *c, const uint8_t *d, size_t len, bool cstring)
{
	rp_e_bytes_whole(c->e, d, len, cstring, false);
}

static bool mem_ok(const struct rp_mem *m, size_t need)
{
	return m && m->len >= need;
}

/* ---- socket addresses ---- */

/* decode_sockaddr: the address at addr of len bytes, from memory m. */
static void print_sockaddr_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, int len)
{
	if (len < 2 || !addr || !c->deref) {
		rp_e_ptr(c->e, addr);
		return;
	}
	if (len > 128)
		len = 128;
	if (!mem_ok(m, (size_t)len)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	/* strace's buffer: the address then zeros */
	uint8_t buf[160];
	memset(buf, 0, sizeof(buf));
	memcpy(buf, m->data, (size_t)len);
	rp_print_sockaddr(c, buf, len);
}

static void print_sockaddr_arg(struct rp_ctx *c, unsigned i, int len)
{
	print_sockaddr_mem(c, c->sc->args[i], rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, i, 0), len);
}

/* The socklen_t behind arg li at entry (*ulen) and at exit (*rlen). */
static bool socklen_entry(struct rp_ctx *c, unsigned li, int32_t *ulen)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, li, 0);
	if (!c->sc->args[li] || !mem_ok(m, 4))
		return false;
	*ulen = (int32_t)rp_get_u32(m->data);
	return true;
}

static bool socklen_exit(struct rp_ctx *c, unsigned li, int32_t *rlen)
{
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, li, 0);
	if (!c->exiting_ok || !m || m->stop != STRTRC_AT_EXIT || m->len < 4)
		return false;
	*rlen = (int32_t)rp_get_u32(m->data);
	return true;
}

/* "[ulen]" or "[ulen => rlen]". */
static void print_len_change(struct rp_ctx *c, int32_t ulen, bool changed, int32_t rlen)
{
	if (changed && ulen != rlen)
		rp_e_rawf(c->e, "[%d => %d]", ulen, rlen);
	else
		rp_e_rawf(c->e, "[%d]", changed ? rlen : ulen);
}

/* accept, accept4, getsockname, getpeername: addr (arg ai), [len] (arg li). */
static void print_sockname(struct rp_ctx *c, unsigned ai, unsigned li)
{
	int32_t ulen, rlen;
	if (!c->sc->args[ai] || !socklen_entry(c, li, &ulen) || !c->deref) {
		rp_arg_ptr(c, ai);
		rp_arg_ptr(c, li);
		return;
	}
	if (!socklen_exit(c, li, &rlen)) {
		rp_arg_ptr(c, ai);
		print_len_change(c, ulen, false, 0);
		return;
	}
	print_sockaddr_mem(c, c->sc->args[ai], rp_syscall_mem(c->sc, STRTRC_AT_EXIT, ai, 0),
			   ulen > rlen ? rlen : ulen);
	print_len_change(c, ulen, true, rlen);
}

/* A received or sent buffer of len bytes (printstrn). */
static void print_strn(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len)
{
	if (!addr || !m || (m->len < len && (m->flags & STRTRC_MEM_UNREADABLE))) {
		rp_e_ptr(c->e, addr);
		return;
	}
	const size_t n = m->len < len ? m->len : (size_t)len;
	rp_e_bytes(c->e, m->data, n, false, len > n);
}

/* Data sent or received on socket fd: netlink messages as such
 * (decode_netlink.c), other data as bytes; under -e verbose=!CALL all as
 * bytes, as strace decodes netlink only for verbose calls. */
static void print_data(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len)
{
	if (!c->deref || !rp_netlink_print(c, (int32_t)c->sc->args[0], addr, m, len))
		print_strn(c, addr, m, len);
}

/* ---- socket options ---- */

/* The names of a level's options, or NULL where strace prints them as numbers
 * (the levels are the trace's numbers, not the host's: SOL_SOCKET is not 1
 * everywhere). */
static const struct rp_xlat *sockopt_names(uint32_t level, bool get)
{
	switch (level) {
	case 1: /* SOL_SOCKET */
		return get ? &rp_x_socket_optname_get : &rp_x_socket_optname_set;
	case 0: /* SOL_IP */
		return get ? &rp_x_ip_optname_get : &rp_x_ip_optname_set;
	case 41: /* SOL_IPV6 */
		return get ? &rp_x_ipv6_optname_get : &rp_x_ipv6_optname_set;
	case 6: /* SOL_TCP */
		return &rp_x_tcp_optname;
	case 17: /* SOL_UDP */
		return &rp_x_udp_optname;
	case 263: /* SOL_PACKET */
		return &rp_x_packet_optname;
	case 255: /* SOL_RAW */
		return &rp_x_raw_optname;
	case 270: /* SOL_NETLINK */
		return &rp_x_netlink_optname;
	default:
		return NULL;
	}
}

static void print_sockopt_head(struct rp_ctx *c, bool get)
{
	const uint32_t level = (uint32_t)c->sc->args[1], optname = (uint32_t)c->sc->args[2];
	rp_arg_fd(c, (int64_t)c->sc->args[0]);
	rp_e_enum(c->e, &rp_x_socket_level, level);
	const struct rp_xlat *x = sockopt_names(level, get);
	if (!x) {
		rp_e_uint(c->e, optname);
		return;
	}
	const char *n = rp_xlat_lookup(x, optname);
	if (n) {
		rp_e_symx(c->e, n, optname);
	} else {
		rp_e_hex(c->e, optname);
		if (rp_e_xstyle(c->e) != RP_XLAT_RAW)
			rp_e_comment(c->e, x->unknown);
	}
}

/* struct ucred (SO_PEERCRED, SCM_CREDENTIALS): its pid is a process's */
static const char *const ucred_names[] = {"pid", "uid", "gid"};
static const bool ucred_signed[] = {true, false, false};
static const enum sc_pid_type ucred_pids[] = {SC_PID_TGID, SC_PID_NONE, SC_PID_NONE};

/* struct fields printed only as far as len covers them, a partly covered
 * one as hex bytes (strace's MAYBE_PRINT_FIELD_LEN); pid_types (or NULL):
 * the fields that are ids --pidns-translation translates. */
static void print_int_fields(struct rp_ctx *c, const uint8_t *d, size_t len,
			     const char *const *names, const bool *is_signed,
			     const enum sc_pid_type *pid_types, size_t nfields)
{
	rp_e_open(c->e, '{');
	for (size_t i = 0; i < nfields && 4 * i < len; i++) {
		rp_e_key(c->e, names[i]);
		if (4 * i + 4 > len) {
			rp_print_hex_whole(c, d + 4 * i, len - 4 * i);
		} else if (pid_types && pid_types[i] != SC_PID_NONE) {
			rp_e_pid(c, (int32_t)rp_get_u32(d + 4 * i), pid_types[i]);
		} else if (is_signed[i]) {
			rp_e_int(c->e, (int32_t)rp_get_u32(d + 4 * i));
		} else {
			const uint32_t v = rp_get_u32(d + 4 * i);
			if (v == UINT32_MAX)
				rp_e_int(c->e, -1);
			else
				rp_e_uint(c->e, v);
		}
	}
	rp_e_close(c->e, '}');
}

/* SO_TXREHASH's int: [SOCK_TXREHASH_ENABLED] */
static void print_txrehash(struct rp_ctx *c, const uint8_t *p)
{
	rp_e_open(c->e, '[');
	rp_e_enum_d(c->e, &rp_x_sockopt_txrehash_vals, (int32_t)rp_get_u32(p));
	rp_e_close(c->e, ']');
}

/* SOL_RAW ICMP_FILTER: the u32 of ICMP types as a bit set ("~[...]" the
 * types not in it when most are), len of its bytes read (an address when
 * they were not) */
static void print_icmp_filter(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, int32_t len)
{
	if (len <= 0 || !mem_ok(m, len > 4 ? 4 : (size_t)len)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	uint8_t bytes[4] = {0xff, 0xff, 0xff, 0xff}; /* strace's ~0U under a short read */
	memcpy(bytes, m->data, len > 4 ? 4 : (size_t)len);
	uint32_t bits = rp_get_u32(bytes);
	struct rp_buf b = {0};
	if (__builtin_popcount(bits) > 16) {
		bits = ~bits;
		rp_buf_putc(&b, '~');
	}
	rp_buf_putc(&b, '[');
	bool first = true;
	for (unsigned i = 0; i < 32; i++) {
		if (!(bits & 1u << i))
			continue;
		if (!first)
			rp_buf_putc(&b, ' ');
		first = false;
		rp_xlat_enum_text(&b, rp_e_xstyle(c->e), &rp_x_icmp_filter_flags, i);
	}
	rp_buf_putc(&b, ']');
	if (!b.oom)
		rp_e_sym(c->e, b.data);
	rp_buf_free(&b);
}

static void print_getsockopt_val(struct rp_ctx *c, int32_t ulen, int32_t rlen)
{
	const uint64_t addr = c->sc->args[3];
	const uint32_t level = (uint32_t)c->sc->args[1], optname = (uint32_t)c->sc->args[2];
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 3, 0);
	if (ulen <= 0 || rlen <= 0 || !addr) {
		rp_e_ptr(c->e, addr);
		return;
	}
	if (level == SOL_RAW && optname == ICMP_FILTER) {
		print_icmp_filter(c, addr, m, rlen);
		return;
	}
	static const char *const linger_f[] = {"l_onoff", "l_linger"};
	static const bool linger_s[] = {true, true};
	size_t len = (size_t)rlen;
	if (level == SOL_SOCKET && optname == SO_ERROR && len < 4) {
		/* shorter than the int: its bytes in hex, as strace */
		if (!mem_ok(m, len))
			rp_e_ptr(c->e, addr);
		else
			rp_e_bytes_hex(c->e, m->data, len, false);
		return;
	}
	if (level == 1 && (optname == 13 || optname == 17 || optname == 4)) {
		const size_t max = optname == 13 ? 8 : optname == 17 ? 12 : 4;
		if (len > max)
			len = max;
		if (!mem_ok(m, len)) {
			rp_e_ptr(c->e, addr);
		} else if (optname == 13) {
			print_int_fields(c, m->data, len, linger_f, linger_s, NULL, 2);
		} else if (optname == 17) {
			print_int_fields(c, m->data, len, ucred_names, ucred_signed, ucred_pids, 3);
		} else {
			uint8_t v[4] = {0};
			memcpy(v, m->data, len);
			const uint32_t err = rp_get_u32(v);
			const char *en = err ? strec_errno_name((int)err) : NULL;
			if (en)
				rp_e_rawf(c->e, "[%s]", en);
			else
				rp_e_rawf(c->e, "[%" PRIu32 "]", err);
		}
		return;
	}
	if (level == 270) {	    /* SOL_NETLINK */
		if (optname == 9) { /* NETLINK_LIST_MEMBERSHIPS */
			const size_t n = (size_t)(ulen < rlen ? ulen : rlen) / 4;
			if (!mem_ok(m, 4 * n)) {
				rp_e_ptr(c->e, addr);
				return;
			}
			rp_e_open(c->e, '[');
			for (size_t i = 0; i < n; i++) {
				if (i >= c->opts->max_strlen) {
					rp_e_ellipsis(c->e);
					break;
				}
				rp_e_uint(c->e, rp_get_u32(m->data + 4 * i));
			}
			rp_e_close(c->e, ']');
		} else if (mem_ok(m, 4)) {
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		} else {
			rp_e_ptr(c->e, addr);
		}
		return;
	}
	if (level == SOL_SOCKET && optname == SO_GET_FILTER) {
		/* the instructions under -v: rlen of them (a sock_fprog's u16
		 * count) */
		if (c->opts->verbose && (uint16_t)rlen == (uint32_t)rlen)
			rp_print_socket_filter(c, 3, (uint64_t)rlen);
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	if (level == SOL_SOCKET && optname == SO_TXREHASH && rlen >= 4) {
		if (mem_ok(m, 4))
			print_txrehash(c, m->data);
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	/* an int-like SOL_SOCKET option shorter than an int: its bytes in hex;
	 * any other option of another length: its bytes as a string */
	const bool int_like =
	    level == SOL_SOCKET &&
	    (rp_xlat_lookup(&rp_x_socket_int_optname, optname) || optname == SO_TXREHASH);
	if (rlen == 4 || (int_like && rlen > 4)) {
		if (mem_ok(m, 4))
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	if (!m || (m->len < len && (m->flags & STRTRC_MEM_UNREADABLE))) {
		rp_e_ptr(c->e, addr);
		return;
	}
	const size_t n = m->len < len ? m->len : len;
	if (int_like)
		rp_e_bytes_hex(c->e, m->data, n, len > n);
	else
		rp_e_bytes(c->e, m->data, n, false, len > n);
}

static void decode_getsockopt(struct rp_ctx *c)
{
	print_sockopt_head(c, true);
	int32_t ulen, rlen;
	if (!socklen_entry(c, 4, &ulen) || !c->deref) {
		rp_arg_ptr(c, 3);
		rp_arg_ptr(c, 4);
		return;
	}
	if (!socklen_exit(c, 4, &rlen)) {
		rp_arg_ptr(c, 3);
		print_len_change(c, ulen, false, 0);
		return;
	}
	print_getsockopt_val(c, ulen, rlen);
	print_len_change(c, ulen, true, rlen);
}

static void print_setsockopt_val(struct rp_ctx *c)
{
	const uint64_t addr = c->sc->args[3];
	const uint32_t level = (uint32_t)c->sc->args[1], optname = (uint32_t)c->sc->args[2];
	const int32_t len = (int32_t)c->sc->args[4];
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 3, 0);
	if (rp_addr_only(c, addr))
		return;
	if (addr && level == 1 && optname == 13) { /* SO_LINGER */
		if (len < 8 || !mem_ok(m, 8)) {
			rp_e_ptr(c->e, addr);
			return;
		}
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "l_onoff");
		rp_e_int(c->e, (int32_t)rp_get_u32(m->data));
		rp_e_key(c->e, "l_linger");
		rp_e_int(c->e, (int32_t)rp_get_u32(m->data + 4));
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && ((level == 0 && (optname == 35 || optname == 36)))) { /* ip_mreq */
		if (len < 8 || !mem_ok(m, 8)) {
			rp_e_ptr(c->e, addr);
			return;
		}
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "imr_multiaddr");
		rp_print_inet_addr(c, AF_INET, m->data, 4, NULL);
		rp_e_key(c->e, "imr_interface");
		rp_print_inet_addr(c, AF_INET, m->data + 4, 4, NULL);
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && level == SOL_IPV6 &&
	    (optname == IPV6_ADD_MEMBERSHIP || optname == IPV6_DROP_MEMBERSHIP ||
	     optname == IPV6_JOIN_ANYCAST || optname == IPV6_LEAVE_ANYCAST)) {
		/* struct ipv6_mreq, whatever longer length is given */
		struct ipv6_mreq mreq;
		if (len < (int)sizeof(mreq) || !mem_ok(m, sizeof(mreq))) {
			rp_e_ptr(c->e, addr);
			return;
		}
		memcpy(&mreq, m->data, sizeof(mreq));
		rp_e_open(c->e, '{');
		rp_print_inet_addr(c, AF_INET6, mreq.ipv6mr_multiaddr.s6_addr, 16,
				   "ipv6mr_multiaddr");
		rp_e_key(c->e, "ipv6mr_interface");
		rp_print_ifindex(c, mreq.ipv6mr_interface);
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && (level == 0 || level == 41) && (optname == 42 || optname == 45)) {
		/* MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP: struct group_req, an
		 * interface and a sockaddr_storage after 4 bytes of padding */
		const int group_req_size = 136, group_offset = 8;
		if (len < group_req_size || !mem_ok(m, (size_t)group_req_size)) {
			rp_e_ptr(c->e, addr);
			return;
		}
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "gr_interface");
		rp_print_ifindex(c, rp_get_u32(m->data));
		rp_e_key(c->e, "gr_group");
		rp_print_sockaddr(c, m->data + group_offset, group_req_size - group_offset);
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && level == 263 && (optname == 1 || optname == 2)) {
		/* PACKET_ADD_MEMBERSHIP, PACKET_DROP_MEMBERSHIP: struct packet_mreq */
		const int mreq_size = 16;
		if (len != mreq_size || !mem_ok(m, (size_t)mreq_size)) {
			rp_e_ptr(c->e, addr);
			return;
		}
		const unsigned alen = rp_get_u16(m->data + 6);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "mr_ifindex");
		rp_print_ifindex(c, rp_get_u32(m->data));
		rp_e_key(c->e, "mr_type");
		rp_e_enum(c->e, &rp_x_packet_mr_type, rp_get_u16(m->data + 4));
		rp_e_key(c->e, "mr_alen");
		rp_e_uint(c->e, alen);
		rp_e_key(c->e, "mr_address");
		rp_print_hwaddr(c, m->data + 8, alen < 8 ? alen : 8, SIZE_MAX);
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && level == SOL_PACKET &&
	    (optname == PACKET_RX_RING || optname == PACKET_TX_RING)) {
		/* struct tpacket_req, of that exact length (not tpacket_req3) */
		struct tpacket_req req;
		if (len != (int)sizeof(req) || !mem_ok(m, sizeof(req))) {
			rp_e_ptr(c->e, addr);
			return;
		}
		memcpy(&req, m->data, sizeof(req));
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "tp_block_size");
		rp_e_uint(c->e, req.tp_block_size);
		rp_e_key(c->e, "tp_block_nr");
		rp_e_uint(c->e, req.tp_block_nr);
		rp_e_key(c->e, "tp_frame_size");
		rp_e_uint(c->e, req.tp_frame_size);
		rp_e_key(c->e, "tp_frame_nr");
		rp_e_uint(c->e, req.tp_frame_nr);
		rp_e_close(c->e, '}');
		return;
	}
	if (addr && level == SOL_RAW && optname == ICMP_FILTER) {
		print_icmp_filter(c, addr, m, len);
		return;
	}
	if (addr && level == SOL_SOCKET &&
	    (optname == SO_ATTACH_FILTER || optname == SO_ATTACH_REUSEPORT_CBPF)) {
		if (len == SC_SIZE(SOCK_FPROG))
			rp_print_socket_fprog(c, 3);
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	if (addr && level == SOL_SOCKET && optname == SO_TXREHASH) {
		if (len < 4 || !mem_ok(m, 4)) {
			rp_e_ptr(c->e, addr);
			return;
		}
		print_txrehash(c, m->data);
		return;
	}
	if (addr && level == SOL_SOCKET && rp_xlat_lookup(&rp_x_socket_int_optname, optname)) {
		/* an int, whatever the length says beyond its 4 bytes */
		if (len < 4 || !mem_ok(m, 4))
			rp_e_ptr(c->e, addr);
		else
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		return;
	}
	if (addr && level == 270) { /* SOL_NETLINK */
		if (len < 4 || !mem_ok(m, 4))
			rp_e_ptr(c->e, addr);
		else
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		return;
	}
	if (len == 4) {
		if (addr && mem_ok(m, 4))
			rp_e_rawf(c->e, "[%d]", (int32_t)rp_get_u32(m->data));
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	/* strace takes a negative length as a huge one */
	print_strn(c, addr, m, (uint64_t)(int64_t)len);
}

/* ---- message headers ---- */

/* Where a message header's parts are in the trace: the call's arg, and the
 * item numbers of the header and of its parts (RP_MSG_*, rp_internal.h). */
struct msg_loc {
	unsigned arg;
	uint32_t item; /* of the header; 0 for a lone msghdr */
	int stop;
};

static const struct rp_mem *msg_part(struct rp_ctx *c, const struct msg_loc *l, uint32_t k)
{
	return rp_syscall_mem(c->sc, l->stop, l->arg, l->item + k);
}

/* tprint_iov_upto with strings: at most data_size bytes in all. */
static void print_msg_iov(struct rp_ctx *c, const struct msg_loc *l, uint64_t iov, uint64_t iovlen,
			  uint64_t data_size)
{
	if (!iov) {
		rp_e_ptr(c->e, iov);
		return;
	}
	if (!iovlen) {
		rp_e_raw(c->e, "[]");
		return;
	}
	const struct rp_mem *arr = msg_part(c, l, RP_MSG_IOV);
	if (!arr || arr->len < 16) {
		rp_e_ptr(c->e, iov);
		return;
	}
	const size_t have = arr->len / 16;
	rp_e_open(c->e, '[');
	for (uint64_t k = 0; k < iovlen; k++) {
		if (k >= c->opts->max_strlen) {
			rp_e_ellipsis(c->e);
			break;
		}
		if (k >= have) {
			rp_e_ellipsis(c->e);
			rp_e_comment(c->e, "?");
			break;
		}
		const uint64_t base = rp_get_u64(arr->data + 16 * k);
		const uint64_t len = rp_get_u64(arr->data + 16 * k + 8);
		const uint64_t show = len < data_size ? len : data_size;
		data_size -= show;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "iov_base");
		const struct rp_mem *b = msg_part(c, l, RP_MSG_BUF + (uint32_t)k);
		if (!show && base)
			rp_e_bytes(c->e, (const uint8_t *)"", 0, false, false);
		else
			print_strn(c, base, b, show);
		rp_e_key(c->e, "iov_len");
		rp_e_uint(c->e, len);
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, ']');
}

static void print_u32_array(struct rp_ctx *c, const uint8_t *d, size_t n, bool fds, bool hex8)
{
	rp_e_open(c->e, '[');
	for (size_t i = 0; i < n; i++) {
		if (rp_array_cut(c, i)) /* -s elements, all under -v */
			break;
		if (hex8)
			rp_e_hex(c->e, d[i]);
		else if (fds)
			rp_arg_fd(c, (int32_t)rp_get_u32(d + 4 * i));
		else
			rp_e_uint(c->e, rp_get_u32(d + 4 * i));
	}
	rp_e_close(c->e, ']');
}

/* The SOL_SOCKET timestamps of a cmsg: a timeval or timespec of two s64
 * (the old and new layouts are one on x86_64), or SO_TIMESTAMPING's three
 * timespecs; "???" when the data is shorter. */
static void print_cmsg_timestamp(struct rp_ctx *c, int type, const uint8_t *d, size_t len)
{
	const bool usec = type == SO_TIMESTAMP_OLD || type == SO_TIMESTAMP_NEW;
	const bool triple = type == SO_TIMESTAMPING_OLD || type == SO_TIMESTAMPING_NEW;
	const size_t one = 2 * sizeof(int64_t), n = triple ? 3 : 1;
	rp_e_key(c->e, "cmsg_data");
	if (len < n * one) {
		rp_e_raw(c->e, "???");
		return;
	}
	if (triple)
		rp_e_open(c->e, '[');
	for (size_t k = 0; k < n; k++) {
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "tv_sec");
		rp_e_int(c->e, (int64_t)rp_get_u64(d + k * one));
		rp_e_key(c->e, usec ? "tv_usec" : "tv_nsec");
		rp_e_int(c->e, (int64_t)rp_get_u64(d + k * one + 8));
		rp_e_close(c->e, '}');
	}
	if (triple)
		rp_e_close(c->e, ']');
}

static void print_cmsg_data(struct rp_ctx *c, int level, int type, const uint8_t *d, size_t len)
{
	if (level == 1) {
		rp_e_enum(c->e, &rp_x_scm_type, (uint32_t)type);
		if (type == 1 && len >= 4) { /* SCM_RIGHTS */
			rp_e_key(c->e, "cmsg_data");
			print_u32_array(c, d, len / 4, true, false);
		} else if (type == 2 && len >= 12) { /* SCM_CREDENTIALS */
			rp_e_key(c->e, "cmsg_data");
			print_int_fields(c, d, 12, ucred_names, ucred_signed, ucred_pids, 3);
		} else if (type == 3 && len >= 1) { /* SCM_SECURITY */
			rp_e_key(c->e, "cmsg_data");
			print_quoted_whole(c, d, len, false);
		} else if (type == SO_TIMESTAMP_OLD || type == SO_TIMESTAMP_NEW ||
			   type == SO_TIMESTAMPNS_OLD || type == SO_TIMESTAMPNS_NEW ||
			   type == SO_TIMESTAMPING_OLD || type == SO_TIMESTAMPING_NEW) {
			print_cmsg_timestamp(c, type, d, len);
		}
	} else if (level == 0) {
		rp_e_enum(c->e, &rp_x_ip_cmsg_type, (uint32_t)type);
		if (type == 8 && len >= 12) { /* IP_PKTINFO */
			rp_e_key(c->e, "cmsg_data");
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "ipi_ifindex");
			rp_print_ifindex(c, rp_get_u32(d));
			rp_e_key(c->e, "ipi_spec_dst");
			rp_print_inet_addr(c, AF_INET, d + 4, 4, NULL);
			rp_e_key(c->e, "ipi_addr");
			rp_print_inet_addr(c, AF_INET, d + 8, 4, NULL);
			rp_e_close(c->e, '}');
		} else if ((type == 2 || type == 23) && len >= 4) { /* IP_TTL, IP_CHECKSUM */
			rp_e_key(c->e, "cmsg_data");
			print_u32_array(c, d, len / 4, false, false);
		} else if ((type == 1 || type == 6 || type == 7) && len >= 1) { /* TOS, options */
			rp_e_key(c->e, "cmsg_data");
			print_u32_array(c, d, len, false, true);
		} else if (type == IP_RECVERR && len >= sizeof(struct sock_extended_err) + 16) {
			/* the error, then the offender's sockaddr_in */
			static const char *const ee_names[] = {"ee_errno", "ee_origin", "ee_type",
							       "ee_code",  "ee_info",	"ee_data"};
			const uint64_t ee_values[] = {
			    rp_get_u32(d + offsetof(struct sock_extended_err, ee_errno)),
			    d[offsetof(struct sock_extended_err, ee_origin)],
			    d[offsetof(struct sock_extended_err, ee_type)],
			    d[offsetof(struct sock_extended_err, ee_code)],
			    rp_get_u32(d + offsetof(struct sock_extended_err, ee_info)),
			    rp_get_u32(d + offsetof(struct sock_extended_err, ee_data))};
			rp_e_key(c->e, "cmsg_data");
			rp_e_open(c->e, '{');
			for (size_t k = 0; k < sizeof(ee_names) / sizeof(ee_names[0]); k++) {
				rp_e_key(c->e, ee_names[k]);
				rp_e_uint(c->e, ee_values[k]);
			}
			rp_e_key(c->e, "offender");
			rp_print_sockaddr(c, d + sizeof(struct sock_extended_err), 16);
			rp_e_close(c->e, '}');
		} else if (type == 20 && len >= 16) { /* IP_ORIGDSTADDR */
			uint8_t buf[160];
			memset(buf, 0, sizeof(buf));
			const size_t n = len > 128 ? 128 : len;
			memcpy(buf, d, n);
			rp_e_key(c->e, "cmsg_data");
			rp_print_sockaddr(c, buf, (int)n);
		} else if (type == 3 && len >= 1) {
			rp_e_key(c->e, "cmsg_data");
			print_quoted_whole(c, d, len, false);
		}
	} else {
		rp_e_hex(c->e, (uint32_t)type);
	}
}

/* decode_msg_control: the cmsghdr chain of controllen bytes at addr. */
static void print_msg_control(struct rp_ctx *c, const struct msg_loc *l, uint64_t addr,
			      uint64_t controllen)
{
	const struct rp_mem *m = msg_part(c, l, RP_MSG_CONTROL);
	const size_t cmsg_size = 16;
	if (controllen < cmsg_size || !addr || !m || m->len < controllen) {
		if (!(m && controllen >= cmsg_size && m->len >= cmsg_size &&
		      (m->flags & STRTRC_MEM_TRUNCATED) && !(m->flags & STRTRC_MEM_UNREADABLE))) {
			rp_e_ptr(c->e, addr);
			return;
		}
	}
	/* more than the recorder keeps: shown as cut short */
	const size_t control_len = m->len < controllen ? m->len : (size_t)controllen;
	size_t buf_len = control_len;
	const uint8_t *p = m->data;
	rp_e_open(c->e, '[');
	while (buf_len >= cmsg_size) {
		const uint64_t cmsg_len = rp_get_u64(p);
		const int level = (int32_t)rp_get_u32(p + 8), type = (int32_t)rp_get_u32(p + 12);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "cmsg_len");
		rp_e_uint(c->e, cmsg_len);
		rp_e_key(c->e, "cmsg_level");
		const char *ln = rp_xlat_lookup(&rp_x_socket_level, (uint32_t)level);
		if (ln) {
			rp_e_symx(c->e, ln, (uint32_t)level);
		} else {
			rp_e_hex(c->e, (uint32_t)level);
			rp_e_comment(c->e, "SOL_???");
		}
		rp_e_key(c->e, "cmsg_type");
		uint64_t len = cmsg_len > buf_len ? buf_len : cmsg_len;
		print_cmsg_data(c, level, type, p + cmsg_size,
				len > cmsg_size ? len - cmsg_size : 0);
		rp_e_close(c->e, '}');
		if (len < cmsg_size) {
			buf_len -= cmsg_size;
			break;
		}
		len = (cmsg_len + 7) & ~(uint64_t)7;
		if (len >= buf_len) {
			buf_len = 0;
			break;
		}
		p += len;
		buf_len -= len;
	}
	if (buf_len) {
		rp_e_ellipsis(c->e);
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%#" PRIx64, addr + (control_len - buf_len));
		rp_e_comment(c->e, tmp);
	} else if (control_len < controllen) {
		rp_e_ellipsis(c->e);
	}
	rp_e_close(c->e, ']');
}

/* print_struct_msghdr: user_namelen is the msg_namelen given at entry (for
 * receiving calls) or NULL; data_size bounds the bytes shown in the iovecs. */
static void print_msghdr_data(struct rp_ctx *c, const struct msg_loc *l, const uint8_t *h,
			      const int32_t *user_namelen, uint64_t data_size)
{
	const uint64_t name = rp_get_u64(h), iov = rp_get_u64(h + 16), iovlen = rp_get_u64(h + 24);
	const uint64_t control = rp_get_u64(h + 32), controllen = rp_get_u64(h + 40);
	const int32_t namelen_k = (int32_t)rp_get_u32(h + 8);
	const int32_t namelen =
	    user_namelen && namelen_k > *user_namelen ? *user_namelen : namelen_k;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "msg_name");
	print_sockaddr_mem(c, name, msg_part(c, l, RP_MSG_NAME), namelen);
	rp_e_key(c->e, "msg_namelen");
	if (user_namelen && *user_namelen != namelen_k)
		rp_e_rawf(c->e, "%d => %d", *user_namelen, namelen_k);
	else
		rp_e_int(c->e, namelen_k);
	rp_e_key(c->e, "msg_iov");
	print_msg_iov(c, l, iov, iovlen, data_size);
	rp_e_key(c->e, "msg_iovlen");
	rp_e_uint(c->e, iovlen);
	if (controllen) {
		rp_e_key(c->e, "msg_control");
		print_msg_control(c, l, control, controllen);
	}
	rp_e_key(c->e, "msg_controllen");
	rp_e_uint(c->e, controllen);
	rp_e_key(c->e, "msg_flags");
	print_flags(c, &rp_x_msg_flags, rp_get_u32(h + 48), "MSG_???");
	rp_e_close(c->e, '}');
}

static void decode_sendmsg(struct rp_ctx *c)
{
	rp_arg_fd(c, (int64_t)c->sc->args[0]);
	const struct msg_loc l = {1, 0, STRTRC_AT_ENTRY};
	const struct rp_mem *h = msg_part(c, &l, 0);
	if (!c->sc->args[1] || !mem_ok(h, 56) || !c->deref)
		rp_arg_ptr(c, 1);
	else
		print_msghdr_data(c, &l, h->data, NULL, UINT64_MAX);
	print_flags(c, &rp_x_msg_flags, (uint32_t)c->sc->args[2], "MSG_???");
}

static void decode_recvmsg(struct rp_ctx *c)
{
	rp_arg_fd(c, (int64_t)c->sc->args[0]);
	const struct rp_mem *hin = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 0);
	const struct msg_loc l = {1, 0, STRTRC_AT_EXIT};
	const struct rp_mem *hout = msg_part(c, &l, 0);
	if (!c->sc->args[1] || !mem_ok(hin, 56) || !c->deref) {
		rp_arg_ptr(c, 1);
	} else {
		const int32_t user_namelen = (int32_t)rp_get_u32(hin->data + 8);
		if (!c->sc->finished) {
			rp_arg_ptr(c, 1);
		} else if (c->sc->is_error) {
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "msg_namelen");
			rp_e_int(c->e, user_namelen);
			rp_e_close(c->e, '}');
		} else if (!mem_ok(hout, 56) || hout->stop != STRTRC_AT_EXIT) {
			rp_arg_ptr(c, 1);
		} else {
			print_msghdr_data(c, &l, hout->data, &user_namelen, (uint64_t)c->sc->rval);
		}
	}
	print_flags(c, &rp_x_msg_flags, (uint32_t)c->sc->args[2], "MSG_???");
}

/* mmsghdr arrays: item 0 is the array, message i's parts from
 * RP_MMSG_ITEM(i) (rp_internal.h). */

static void print_mmsgvec(struct rp_ctx *c, int stop, uint64_t vlen, uint64_t msg_len_vlen,
			  bool use_msg_len, const struct rp_mem *namelens)
{
	const uint64_t addr = c->sc->args[1];
	const struct rp_mem *arr = rp_syscall_mem(c->sc, stop, 1, 0);
	if (rp_addr_only(c, addr))
		return;
	if (!addr || !arr || arr->len < 64 || !vlen) {
		if (addr && !vlen)
			rp_e_raw(c->e, "[]");
		else
			rp_e_ptr(c->e, addr);
		return;
	}
	/* a send's exit rewrote msg_len of the messages it sent only: those
	 * after them are as the entry saw them */
	const struct rp_mem *before =
	    stop == STRTRC_AT_EXIT && arr->stop == STRTRC_AT_EXIT && !use_msg_len
		? rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 0)
		: NULL;
	if (before && (before->stop != STRTRC_AT_ENTRY || before->len <= arr->len))
		before = NULL;
	const struct rp_mem *const whole = before ? before : arr;
	const size_t have = whole->len / 64;
	rp_e_open(c->e, '[');
	for (uint64_t i = 0; i < vlen; i++) {
		/* a fault shows before the -s cut, as in strace's print_array */
		if (i >= have) {
			rp_e_ellipsis(c->e);
			if (whole->flags & STRTRC_MEM_UNREADABLE) { /* where it could not read */
				char where[32];
				snprintf(where, sizeof(where), "%#" PRIx64, addr + 64 * i);
				rp_e_comment(c->e, where);
			}
			break;
		}
		/* all under -v, but never more than the kernel takes (UIO_MAXIOV) */
		if (rp_array_cut(c, i))
			break;
		if (i >= IOV_MAX) {
			rp_e_ellipsis(c->e);
			break;
		}
		const uint8_t *e =
		    64 * (i + 1) <= arr->len ? arr->data + 64 * i : before->data + 64 * i;
		const uint32_t msg_len = rp_get_u32(e + 56);
		const struct msg_loc l = {1, RP_MMSG_ITEM(i), stop};
		int32_t user_namelen = 0;
		const bool have_user = namelens && namelens->len >= 64 * (i + 1);
		if (have_user)
			user_namelen = (int32_t)rp_get_u32(namelens->data + 64 * i + 8);
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "msg_hdr");
		print_msghdr_data(c, &l, e, have_user ? &user_namelen : NULL,
				  use_msg_len ? msg_len : UINT64_MAX);
		if (i < msg_len_vlen) {
			rp_e_key(c->e, "msg_len");
			rp_e_uint(c->e, msg_len);
		}
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, ']');
}

static void print_timespec_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m)
{
	if (!addr || !mem_ok(m, 16) || !c->deref) {
		rp_e_ptr(c->e, addr);
		return;
	}
	rp_print_timespec_data(c->e, m->data, "tv_nsec");
}

static void decode_sendmmsg(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	const bool ok = c->exiting_ok;
	/* decoded at exit, where the kernel has set msg_len */
	print_mmsgvec(c, ok ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, (uint32_t)a[2],
		      ok ? (uint64_t)c->sc->rval : 0, false, NULL);
	rp_e_uint(c->e, (uint32_t)a[2]);
	print_flags(c, &rp_x_msg_flags, (uint32_t)a[3], "MSG_???");
}

static void decode_recvmmsg(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	if (c->exiting_ok) {
		const struct rp_mem *in = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 0);
		print_mmsgvec(c, STRTRC_AT_EXIT, (uint64_t)c->sc->rval, (uint64_t)c->sc->rval, true,
			      in && in->stop == STRTRC_AT_ENTRY ? in : NULL);
	} else {
		rp_arg_ptr(c, 1);
	}
	rp_e_uint(c->e, (uint32_t)a[2]);
	print_flags(c, &rp_x_msg_flags, (uint32_t)a[3], "MSG_???");
	print_timespec_mem(c, a[4], rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 4, 0));
}

/* ---- the calls ---- */

static void print_protocol(struct rp_ctx *c, uint32_t fam, uint32_t proto)
{
	if (fam == AF_INET || fam == AF_INET6) {
		rp_e_enum(c->e, &rp_x_ip_protocol, proto);
	} else if (fam == AF_NETLINK) {
		rp_e_enum(c->e, &rp_x_netlink_protocol, proto);
	} else if (fam == AF_PACKET) {
		const uint16_t p = ntohs((uint16_t)proto);
		const char *n = rp_xlat_lookup(&rp_x_ether_protocol, p);
		const enum rp_xlat_style st = rp_e_xstyle(c->e);
		if (n && st == RP_XLAT_ABBREV)
			rp_e_rawf(c->e, "htons(%s)", n);
		else if (n && st == RP_XLAT_VERBOSE)
			rp_e_rawf(c->e, "htons(%#x /* %s */)", p, n);
		else if (st == RP_XLAT_RAW)
			rp_e_rawf(c->e, "htons(%#x)", p);
		else
			rp_e_rawf(c->e, "htons(%#x /* ETH_P_??? */)", p);
	} else {
		rp_e_uint(c->e, proto);
	}
}

void rp_dec_socket(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_address_family, (uint32_t)a[0]);
	print_sock_type(c, (uint32_t)a[1]);
	print_protocol(c, (uint32_t)a[0], (uint32_t)a[2]);
}

void rp_dec_socketpair(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_enum(c->e, &rp_x_address_family, (uint32_t)a[0]);
	print_sock_type(c, (uint32_t)a[1]);
	rp_e_uint(c->e, a[2]);
	const struct rp_mem *m = rp_arg_mem(c, 3, true, 8);
	if (m) {
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < 2 && !rp_array_cut(c, k); k++)
			rp_arg_fd(c, (int32_t)rp_get_u32(m->data + 4 * k));
		rp_e_close(c->e, ']');
	}
}

void rp_dec_connect(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_sockaddr_arg(c, 1, (int32_t)a[2]);
	rp_e_int(c->e, (int32_t)a[2]);
}

void rp_dec_getsockname(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_sockname(c, 1, 2);
}

void rp_dec_accept4(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_sockname(c, 1, 2);
	print_flags(c, &rp_x_socket_type_flags, (uint32_t)a[3], "SOCK_???");
}

void rp_dec_sendto(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_data(c, a[1], rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 1, 0), a[2]);
	rp_e_uint(c->e, a[2]);
	print_flags(c, &rp_x_msg_flags, (uint32_t)a[3], "MSG_???");
	print_sockaddr_arg(c, 4, (int32_t)a[5]);
	rp_e_int(c->e, (int32_t)a[5]);
}

void rp_dec_recvfrom(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	if (c->exiting_ok) {
		const uint64_t n = (uint64_t)c->sc->rval < a[2] ? (uint64_t)c->sc->rval : a[2];
		print_data(c, a[1], rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 1, 0), n);
	} else {
		rp_arg_ptr(c, 1);
	}
	rp_e_uint(c->e, a[2]);
	print_flags(c, &rp_x_msg_flags, (uint32_t)a[3], "MSG_???");
	print_sockname(c, 4, 5);
}

void rp_dec_sendmsg(struct rp_ctx *c)
{
	decode_sendmsg(c);
}

void rp_dec_recvmsg(struct rp_ctx *c)
{
	decode_recvmsg(c);
}

void rp_dec_sendmmsg(struct rp_ctx *c)
{
	decode_sendmmsg(c);
}

void rp_dec_recvmmsg(struct rp_ctx *c)
{
	decode_recvmmsg(c);
}

/* The timeout the call left, which the kernel wrote back */
bool rp_rv_RECVMMSG(struct rp_ctx *c, struct rp_buf *b)
{
	const uint64_t timeout = c->sc->args[4];
	const struct rp_mem *const t = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 4, 0);
	/* not under -e verbose= either */
	if (!c->exiting_ok || !timeout || !c->deref || !t || t->len < 16)
		return false;
	rp_buf_printf(b, "%" PRId64 " (left ", c->sc->rval);
	struct rp_emit e;
	rp_e_init(&e, b, c->opts);
	e.json = false;
	rp_print_timespec_data(&e, t->data, "tv_nsec");
	rp_buf_putc(b, ')');
	return true;
}

void rp_dec_shutdown(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_enum(c->e, rp_xlat_get(SC_X_SHUTDOWN_HOW), (uint32_t)a[1]);
}

void rp_dec_setsockopt(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_sockopt_head(c, false);
	print_setsockopt_val(c);
	rp_e_int(c->e, (int32_t)a[4]);
}

void rp_dec_getsockopt(struct rp_ctx *c)
{
	decode_getsockopt(c);
}

void rp_dec_listen(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_e_int(c->e, (int32_t)a[1]);
}
