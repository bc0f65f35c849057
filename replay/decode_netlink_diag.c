/* NETLINK_SOCK_DIAG messages, as strace 6.1 prints them (its
 * netlink_sock_diag.c and netlink_*_diag.c): a request (NLM_F_REQUEST) or
 * an answer about the family its first byte names, each a fixed struct
 * and, for answers, attributes. */
#include "netlink.h"

#include <linux/filter.h>
#include <linux/inet_diag.h>
#include <linux/mptcp.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/smc_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <linux/unix_diag.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* ---- shared pieces ---- */

/* A socket cookie: two u32 as [N, N]. */
static void print_cookie(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	rp_e_open(c->e, '[');
	rp_e_uint(c->e, rp_get_u32(p + f->off));
	rp_e_uint(c->e, rp_get_u32(p + f->off + 4));
	rp_e_close(c->e, ']');
}

static const struct nl_field cookie_at_0 = {"cookie", 0, 8, NLF_U, NULL};

/* An address of the sockid: by family, other families as hex. */
static void print_sockid_addr(struct rp_ctx *c, const uint8_t *p, int family, const char *name)
{
	if (family == AF_INET || family == AF_INET6) {
		rp_print_inet_addr(c, family, p, 16, name);
		return;
	}
	rp_e_key(c->e, name);
	rp_e_bytes_hex(c->e, p, 16, false);
}

static void print_sockid_of(struct rp_ctx *c, const uint8_t *id, int family)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "idiag_sport");
	rp_print_net_port(c, id + offsetof(struct inet_diag_sockid, idiag_sport));
	rp_e_key(c->e, "idiag_dport");
	rp_print_net_port(c, id + offsetof(struct inet_diag_sockid, idiag_dport));
	print_sockid_addr(c, id + offsetof(struct inet_diag_sockid, idiag_src), family,
			  "idiag_src");
	print_sockid_addr(c, id + offsetof(struct inet_diag_sockid, idiag_dst), family,
			  "idiag_dst");
	rp_e_key(c->e, "idiag_if");
	rp_print_ifindex(c, rp_get_u32(id + offsetof(struct inet_diag_sockid, idiag_if)));
	rp_e_key(c->e, "idiag_cookie");
	print_cookie(c, id + offsetof(struct inet_diag_sockid, idiag_cookie), &cookie_at_0);
	rp_e_close(c->e, '}');
}

/* The sockid of a struct whose first byte is the family. */
static void print_sockid(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	print_sockid_of(c, p + f->off, p[0]);
}

/* SMC keeps AF_INET addresses. */
static void print_sockid_inet(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	print_sockid_of(c, p + f->off, AF_INET);
}

static void print_x64_elem(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	(void)k;
	rp_e_hex(c->e, rp_get_u64(p));
}

/* One socket memory counter: [SK_MEMINFO_RMEM_ALLOC]=N (JSON: N). */
static void print_meminfo_elem(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	const uint32_t v = rp_get_u32(p);
	if (c->e->json) {
		rp_e_uint(c->e, v);
		return;
	}
	const char *const name = rp_xlat_lookup(&rp_x_sk_meminfo, k);
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	char num[16];
	snprintf(num, sizeof(num), "%u", k);
	struct rp_buf b = {0};
	rp_buf_putc(&b, '[');
	if (name)
		rp_xlat_named_text(&b, st, num, name);
	else if (st == RP_XLAT_RAW)
		rp_buf_puts(&b, num);
	else
		rp_buf_printf(&b, "%s /* SK_MEMINFO_??? */", num);
	rp_buf_printf(&b, "]=%u", v);
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

/* The socket memory counters, each with its index. */
static bool sk_meminfo(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len < 4)
		return false;
	nl_print_elems(c, a, off, len / 4, 4, print_meminfo_elem);
	return true;
}

/* ---- AF_UNIX ---- */

static const struct nl_field unix_req_fields[] = {
    NL_FIELD(unix_diag_req, sdiag_family, NLF_FAMILY, NULL),
    NL_FIELD(unix_diag_req, sdiag_protocol, NLF_U, NULL),
    NL_FIELD(unix_diag_req, udiag_states, NLF_FLAGS, &rp_x_tcp_state_flags),
    NL_FIELD(unix_diag_req, udiag_ino, NLF_U, NULL),
    NL_FIELD(unix_diag_req, udiag_show, NLF_FLAGS, &rp_x_unix_diag_show),
    NL_FIELD_FN(unix_diag_req, udiag_cookie, print_cookie),
};

static const struct nl_field unix_msg_fields[] = {
    NL_FIELD(unix_diag_msg, udiag_family, NLF_FAMILY, NULL),
    NL_FIELD(unix_diag_msg, udiag_type, NLF_XVAL, &rp_x_socket_type),
    NL_FIELD(unix_diag_msg, udiag_state, NLF_XVAL, &rp_x_tcp_states),
    NL_FIELD(unix_diag_msg, udiag_ino, NLF_U, NULL),
    NL_FIELD_FN(unix_diag_msg, udiag_cookie, print_cookie),
};

static void print_dev_field(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	rp_print_dev(c->e, rp_get_u32(p + f->off));
}

static const struct nl_field unix_vfs_fields[] = {
    NL_FIELD_FN(unix_diag_vfs, udiag_vfs_dev, print_dev_field),
    NL_FIELD(unix_diag_vfs, udiag_vfs_ino, NLF_U, NULL),
};
static const struct nl_struct unix_vfs = NL_STRUCT(unix_vfs_fields, unix_diag_vfs);

static const struct nl_field unix_rqlen_fields[] = {
    NL_FIELD(unix_diag_rqlen, udiag_rqueue, NLF_U, NULL),
    NL_FIELD(unix_diag_rqlen, udiag_wqueue, NLF_U, NULL),
};
static const struct nl_struct unix_rqlen = NL_STRUCT(unix_rqlen_fields, unix_diag_rqlen);

static const struct nl_attr unix_attrs[] = {
    [UNIX_DIAG_NAME] = {nl_a_str, NULL},
    [UNIX_DIAG_VFS] = {nl_a_struct, &unix_vfs},
    [UNIX_DIAG_PEER] = {nl_a_u32, NULL},
    [UNIX_DIAG_ICONS] = {nl_a_u32_array, NULL},
    [UNIX_DIAG_RQLEN] = {nl_a_struct, &unix_rqlen},
    [UNIX_DIAG_MEMINFO] = {sk_meminfo, NULL},
    [UNIX_DIAG_SHUTDOWN] = {nl_a_u8, NULL},
    [UNIX_DIAG_UID] = {nl_a_uid, NULL},
};
static const struct nl_attr_set unix_attr_set = NL_ATTR_SET(&rp_x_unix_diag_attrs, unix_attrs);

/* ---- AF_NETLINK ---- */

static void print_netlink_proto(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	const uint8_t v = p[f->off];
	if (v == NDIAG_PROTO_ALL)
		rp_e_symx(c->e, "NDIAG_PROTO_ALL", v);
	else
		rp_e_enum(c->e, &rp_x_netlink_protocol, v);
}

static const struct nl_field netlink_req_fields[] = {
    NL_FIELD(netlink_diag_req, sdiag_family, NLF_FAMILY, NULL),
    NL_FIELD_FN(netlink_diag_req, sdiag_protocol, print_netlink_proto),
    NL_FIELD(netlink_diag_req, ndiag_ino, NLF_U, NULL),
    NL_FIELD(netlink_diag_req, ndiag_show, NLF_FLAGS, &rp_x_netlink_diag_show),
    NL_FIELD_FN(netlink_diag_req, ndiag_cookie, print_cookie),
};

static const struct nl_field netlink_msg_fields[] = {
    NL_FIELD(netlink_diag_msg, ndiag_family, NLF_FAMILY, NULL),
    NL_FIELD(netlink_diag_msg, ndiag_type, NLF_XVAL, &rp_x_socket_type),
    NL_FIELD(netlink_diag_msg, ndiag_protocol, NLF_XVAL, &rp_x_netlink_protocol),
    NL_FIELD(netlink_diag_msg, ndiag_state, NLF_XVAL, &rp_x_netlink_states),
    NL_FIELD(netlink_diag_msg, ndiag_portid, NLF_U, NULL),
    NL_FIELD(netlink_diag_msg, ndiag_dst_portid, NLF_U, NULL),
    NL_FIELD(netlink_diag_msg, ndiag_dst_group, NLF_U, NULL),
    NL_FIELD(netlink_diag_msg, ndiag_ino, NLF_U, NULL),
    NL_FIELD_FN(netlink_diag_msg, ndiag_cookie, print_cookie),
};

/* Multicast group bitmaps: unsigned longs in hex. */
static bool netlink_groups(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len < 8)
		return false;
	nl_print_elems(c, a, off, len / 8, 8, print_x64_elem);
	return true;
}

static const struct nl_field netlink_ring_fields[] = {
    NL_FIELD(netlink_diag_ring, ndr_block_size, NLF_U, NULL),
    NL_FIELD(netlink_diag_ring, ndr_block_nr, NLF_U, NULL),
    NL_FIELD(netlink_diag_ring, ndr_frame_size, NLF_U, NULL),
    NL_FIELD(netlink_diag_ring, ndr_frame_nr, NLF_U, NULL),
};
static const struct nl_struct netlink_ring = NL_STRUCT(netlink_ring_fields, netlink_diag_ring);

static const struct nl_xval netlink_flags_u32 = {&rp_x_netlink_socket_flags, 4};

static const struct nl_attr netlink_attrs[] = {
    [NETLINK_DIAG_MEMINFO] = {sk_meminfo, NULL},
    [NETLINK_DIAG_GROUPS] = {netlink_groups, NULL},
    [NETLINK_DIAG_RX_RING] = {nl_a_struct, &netlink_ring},
    [NETLINK_DIAG_TX_RING] = {nl_a_struct, &netlink_ring},
    [NETLINK_DIAG_FLAGS] = {nl_a_flags, &netlink_flags_u32},
};
static const struct nl_attr_set netlink_attr_set =
    NL_ATTR_SET(&rp_x_netlink_diag_attrs, netlink_attrs);

/* ---- AF_PACKET ---- */

static const struct nl_field packet_req_fields[] = {
    NL_FIELD(packet_diag_req, sdiag_family, NLF_FAMILY, NULL),
    NL_FIELD(packet_diag_req, sdiag_protocol, NLF_X, NULL),
    NL_FIELD(packet_diag_req, pdiag_ino, NLF_U, NULL),
    NL_FIELD(packet_diag_req, pdiag_show, NLF_FLAGS, &rp_x_packet_diag_show),
    NL_FIELD_FN(packet_diag_req, pdiag_cookie, print_cookie),
};

static const struct nl_field packet_msg_fields[] = {
    NL_FIELD(packet_diag_msg, pdiag_family, NLF_FAMILY, NULL),
    NL_FIELD(packet_diag_msg, pdiag_type, NLF_XVAL, &rp_x_socket_type),
    NL_FIELD(packet_diag_msg, pdiag_num, NLF_XVAL, &rp_x_ether_protocol),
    NL_FIELD(packet_diag_msg, pdiag_ino, NLF_U, NULL),
    NL_FIELD_FN(packet_diag_msg, pdiag_cookie, print_cookie),
};

static void print_ifindex_field(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	rp_print_ifindex(c, rp_get_u32(p + f->off));
}

static const struct nl_field packet_info_fields[] = {
    NL_FIELD_FN(packet_diag_info, pdi_index, print_ifindex_field),
    NL_FIELD(packet_diag_info, pdi_version, NLF_XVAL, &rp_x_af_packet_versions),
    NL_FIELD(packet_diag_info, pdi_reserve, NLF_U, NULL),
    NL_FIELD(packet_diag_info, pdi_copy_thresh, NLF_U, NULL),
    NL_FIELD(packet_diag_info, pdi_tstamp, NLF_U, NULL),
    NL_FIELD(packet_diag_info, pdi_flags, NLF_FLAGS, &rp_x_packet_diag_info_flags),
};
static const struct nl_struct packet_info = NL_STRUCT(packet_info_fields, packet_diag_info);

/* The link-layer address: its first pdmc_alen bytes. */
static void print_mc_addr(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	const size_t alen = p[offsetof(struct packet_diag_mclist, pdmc_alen)];
	rp_e_bytes_hex(c->e, p + f->off, alen < f->size ? alen : f->size, false);
}

static const struct nl_field packet_mclist_fields[] = {
    NL_FIELD_FN(packet_diag_mclist, pdmc_index, print_ifindex_field),
    NL_FIELD(packet_diag_mclist, pdmc_count, NLF_U, NULL),
    NL_FIELD(packet_diag_mclist, pdmc_type, NLF_U, NULL),
    NL_FIELD(packet_diag_mclist, pdmc_alen, NLF_U, NULL),
    NL_FIELD_FN(packet_diag_mclist, pdmc_addr, print_mc_addr),
};

static void print_mclist_elem(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	(void)k;
	rp_e_open(c->e, '{');
	nl_print_fields(c, p, packet_mclist_fields, 0, NL_ARRAY_LEN(packet_mclist_fields));
	rp_e_close(c->e, '}');
}

static bool packet_mclist(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct packet_diag_mclist);
	if (len < size)
		return false;
	nl_print_elems(c, a, off, (uint32_t)(len / size), size, print_mclist_elem);
	return true;
}

static const struct nl_field packet_ring_fields[] = {
    NL_FIELD(packet_diag_ring, pdr_block_size, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_block_nr, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_frame_size, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_frame_nr, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_retire_tmo, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_sizeof_priv, NLF_U, NULL),
    NL_FIELD(packet_diag_ring, pdr_features, NLF_U, NULL),
};
static const struct nl_struct packet_ring = NL_STRUCT(packet_ring_fields, packet_diag_ring);

static void print_filter_insn(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	(void)k;
	rp_print_socket_filter_insn(c, p);
}

/* The socket's filter: its instructions under -v, else their address. */
static bool packet_filter(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const uint32_t n = len / sizeof(struct sock_filter);
	if (!n || n > UINT16_MAX)
		return false;
	if (!c->opts->verbose)
		rp_e_ptr(c->e, a->addr + off);
	else
		nl_print_elems(c, a, off, n, sizeof(struct sock_filter), print_filter_insn);
	return true;
}

static const struct nl_attr packet_attrs[] = {
    [PACKET_DIAG_INFO] = {nl_a_struct, &packet_info},
    [PACKET_DIAG_MCLIST] = {packet_mclist, NULL},
    [PACKET_DIAG_RX_RING] = {nl_a_struct, &packet_ring},
    [PACKET_DIAG_TX_RING] = {nl_a_struct, &packet_ring},
    [PACKET_DIAG_FANOUT] = {nl_a_u32, NULL},
    [PACKET_DIAG_UID] = {nl_a_uid, NULL},
    [PACKET_DIAG_MEMINFO] = {sk_meminfo, NULL},
    [PACKET_DIAG_FILTER] = {packet_filter, NULL},
};
static const struct nl_attr_set packet_attr_set =
    NL_ATTR_SET(&rp_x_packet_diag_attrs, packet_attrs);

/* ---- AF_INET, AF_INET6 ---- */

static const struct nl_field inet_req_compat_fields[] = {
    NL_FIELD(inet_diag_req, idiag_family, NLF_FAMILY, NULL),
    NL_FIELD(inet_diag_req, idiag_src_len, NLF_U, NULL),
    NL_FIELD(inet_diag_req, idiag_dst_len, NLF_U, NULL),
    NL_FIELD(inet_diag_req, idiag_ext, NLF_FLAGS, &rp_x_inet_diag_extended_flags),
    NL_FIELD_FN(inet_diag_req, id, print_sockid),
    NL_FIELD(inet_diag_req, idiag_states, NLF_FLAGS, &rp_x_tcp_state_flags),
    NL_FIELD(inet_diag_req, idiag_dbs, NLF_U, NULL),
};

static const struct nl_field inet_req_v2_fields[] = {
    NL_FIELD(inet_diag_req_v2, sdiag_family, NLF_FAMILY, NULL),
    NL_FIELD(inet_diag_req_v2, sdiag_protocol, NLF_XVAL, &rp_x_ip_protocol),
    NL_FIELD(inet_diag_req_v2, idiag_ext, NLF_FLAGS, &rp_x_inet_diag_extended_flags),
    NL_FIELD(inet_diag_req_v2, idiag_states, NLF_FLAGS, &rp_x_tcp_state_flags),
    NL_FIELD_FN(inet_diag_req_v2, id, print_sockid),
};

static const struct nl_field inet_msg_fields[] = {
    NL_FIELD(inet_diag_msg, idiag_family, NLF_FAMILY, NULL),
    NL_FIELD(inet_diag_msg, idiag_state, NLF_XVAL, &rp_x_tcp_states),
    NL_FIELD(inet_diag_msg, idiag_timer, NLF_U, NULL),
    NL_FIELD(inet_diag_msg, idiag_retrans, NLF_U, NULL),
    NL_FIELD_FN(inet_diag_msg, id, print_sockid),
    NL_FIELD(inet_diag_msg, idiag_expires, NLF_U, NULL),
    NL_FIELD(inet_diag_msg, idiag_rqueue, NLF_U, NULL),
    NL_FIELD(inet_diag_msg, idiag_wqueue, NLF_U, NULL),
    NL_FIELD(inet_diag_msg, idiag_uid, NLF_U, NULL),
    NL_FIELD(inet_diag_msg, idiag_inode, NLF_U, NULL),
};

static const struct nl_field bc_op_fields[] = {
    NL_FIELD(inet_diag_bc_op, code, NLF_XVAL, &rp_x_inet_diag_bytecodes),
    NL_FIELD(inet_diag_bc_op, yes, NLF_U, NULL),
    NL_FIELD(inet_diag_bc_op, no, NLF_U, NULL),
};
static const struct nl_struct bc_op = NL_STRUCT(bc_op_fields, inet_diag_bc_op);

static const struct nl_field hostcond_fields[] = {
    NL_FIELD(inet_diag_hostcond, family, NLF_FAMILY, NULL),
    NL_FIELD(inet_diag_hostcond, prefix_len, NLF_U, NULL),
    NL_FIELD(inet_diag_hostcond, port, NLF_U, NULL),
};

/* The address after a hostcond: by its family when whole, else hex. */
static void print_hostcond_addr(struct rp_ctx *c, const struct nl_area *a, uint64_t off,
				uint32_t len, int family)
{
	const uint32_t size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
	if (!size || len < size) {
		rp_e_key(c->e, "addr");
		nl_print_hex(c, a, off, len);
	} else if (!nl_readable(a, off, size)) {
		rp_e_key(c->e, "addr");
		rp_e_ptr(c->e, a->addr + off);
	} else {
		rp_print_inet_addr(c, family, a->data + off, size, "addr");
	}
}

static void print_hostcond(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len)
{
	const size_t size = sizeof(struct inet_diag_hostcond);
	if (len < size) {
		nl_print_hex(c, a, off, len);
		return;
	}
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, hostcond_fields, 0, NL_ARRAY_LEN(hostcond_fields));
	if (len > size)
		print_hostcond_addr(c, a, off + size, (uint32_t)(len - size), a->data[off]);
	rp_e_close(c->e, '}');
}

static const struct nl_field markcond_fields[] = {
    NL_FIELD(inet_diag_markcond, mark, NLF_U, NULL),
    NL_FIELD(inet_diag_markcond, mask, NLF_U, NULL),
};
static const struct nl_struct markcond = NL_STRUCT(markcond_fields, inet_diag_markcond);

/* What follows a bytecode op: by its code, hex when short or unknown. */
static void print_bc_data(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
			  uint8_t code)
{
	bool done = false;
	switch (code) {
	case INET_DIAG_BC_S_COND:
	case INET_DIAG_BC_D_COND:
		print_hostcond(c, a, off, len);
		done = true;
		break;
	case INET_DIAG_BC_DEV_COND:
		done = len >= 4 && nl_a_ifindex(c, NULL, a, off, len, NULL);
		break;
	case INET_DIAG_BC_S_GE:
	case INET_DIAG_BC_S_LE:
	case INET_DIAG_BC_D_GE:
	case INET_DIAG_BC_D_LE:
		done = nl_a_struct(c, NULL, a, off, len, &bc_op);
		break;
	case INET_DIAG_BC_MARK_COND:
		done = nl_a_struct(c, NULL, a, off, len, &markcond);
		break;
	}
	if (!done)
		nl_print_hex(c, a, off, len);
}

/* A bytecode op, then, in the same list, its data */
static bool inet_bytecode(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const size_t size = sizeof(struct inet_diag_bc_op);
	if (!nl_a_struct(c, m, a, off, len, &bc_op))
		return false;
	if (len > size && nl_readable(a, off, size))
		print_bc_data(c, a, off + size, (uint32_t)(len - size), a->data[off]);
	return true;
}

static const struct nl_attr inet_req_attrs[] = {
    [INET_DIAG_REQ_BYTECODE] = {inet_bytecode, NULL},
    [INET_DIAG_REQ_PROTOCOL] = {nl_a_ip_proto, NULL},
};
static const struct nl_attr_set inet_req_attr_set =
    NL_ATTR_SET(&rp_x_inet_diag_req_attrs, inet_req_attrs);

static const struct nl_field inet_meminfo_fields[] = {
    NL_FIELD(inet_diag_meminfo, idiag_rmem, NLF_U, NULL),
    NL_FIELD(inet_diag_meminfo, idiag_wmem, NLF_U, NULL),
    NL_FIELD(inet_diag_meminfo, idiag_fmem, NLF_U, NULL),
    NL_FIELD(inet_diag_meminfo, idiag_tmem, NLF_U, NULL),
};
static const struct nl_struct inet_meminfo = NL_STRUCT(inet_meminfo_fields, inet_diag_meminfo);

/* The congestion control algorithms' state. */
static const struct nl_field vegas_fields[] = {
    NL_FIELD(tcpvegas_info, tcpv_enabled, NLF_U, NULL),
    NL_FIELD(tcpvegas_info, tcpv_rttcnt, NLF_U, NULL),
    NL_FIELD(tcpvegas_info, tcpv_rtt, NLF_U, NULL),
    NL_FIELD(tcpvegas_info, tcpv_minrtt, NLF_U, NULL),
};
static const struct nl_struct inet_vegas = NL_STRUCT(vegas_fields, tcpvegas_info);

static const struct nl_field dctcp_fields[] = {
    NL_FIELD(tcp_dctcp_info, dctcp_enabled, NLF_U, NULL),
    NL_FIELD(tcp_dctcp_info, dctcp_ce_state, NLF_U, NULL),
    NL_FIELD(tcp_dctcp_info, dctcp_alpha, NLF_U, NULL),
    NL_FIELD(tcp_dctcp_info, dctcp_ab_ecn, NLF_U, NULL),
    NL_FIELD(tcp_dctcp_info, dctcp_ab_tot, NLF_U, NULL),
};
static const struct nl_struct inet_dctcp = NL_STRUCT(dctcp_fields, tcp_dctcp_info);

static const struct nl_field bbr_fields[] = {
    NL_FIELD(tcp_bbr_info, bbr_bw_lo, NLF_X, NULL),
    NL_FIELD(tcp_bbr_info, bbr_bw_hi, NLF_X, NULL),
    NL_FIELD(tcp_bbr_info, bbr_min_rtt, NLF_U, NULL),
    NL_FIELD(tcp_bbr_info, bbr_pacing_gain, NLF_U, NULL),
    NL_FIELD(tcp_bbr_info, bbr_cwnd_gain, NLF_U, NULL),
};
static const struct nl_struct inet_bbr = NL_STRUCT(bbr_fields, tcp_bbr_info);

/* RCV_SHUTDOWN and SEND_SHUTDOWN are not uapi's: the number first. */
static const struct nl_xval inet_shutdown_u8 = {&rp_x_inet_diag_shutdown_flags, 1};

/* A struct sockaddr_storage as strace's print_sockaddr. */
static void print_sockaddr_elem(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	(void)k;
	uint8_t buf[sizeof(struct sockaddr_storage) + 32] = {0}; /* then zeros */
	memcpy(buf, p, sizeof(struct sockaddr_storage));
	rp_print_sockaddr(c, buf, (int)sizeof(struct sockaddr_storage));
}

/* INET_DIAG_LOCALS, INET_DIAG_PEERS: SCTP's addresses. */
static bool inet_sockaddrs(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct sockaddr_storage);
	if (len < size)
		return false;
	nl_print_elems(c, a, off, (uint32_t)(len / size), size, print_sockaddr_elem);
	return true;
}

/* The key: its first tcpm_keylen bytes (at most the array's), whatever -s says. */
static void print_md5_key(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	const size_t keylen = rp_get_u16(p + offsetof(struct tcp_diag_md5sig, tcpm_keylen));
	rp_print_hex_whole(c, p + f->off, keylen < f->size ? keylen : f->size);
}

static const struct nl_field md5sig_fields[] = {
    NL_FIELD(tcp_diag_md5sig, tcpm_family, NLF_FAMILY, NULL),
    NL_FIELD(tcp_diag_md5sig, tcpm_prefixlen, NLF_U, NULL),
    NL_FIELD(tcp_diag_md5sig, tcpm_keylen, NLF_U, NULL),
    NL_FIELD_FN(tcp_diag_md5sig, tcpm_key, print_md5_key),
};

/* The fields, tcpm_addr (whose name the family decides where to put)
 * before the key. */
static void print_md5sig_elem(struct rp_ctx *c, const uint8_t *p, uint32_t k)
{
	(void)k;
	const size_t nf = NL_ARRAY_LEN(md5sig_fields);
	rp_e_open(c->e, '{');
	nl_print_fields(c, p, md5sig_fields, 0, nf - 1);
	print_sockid_addr(c, p + offsetof(struct tcp_diag_md5sig, tcpm_addr), p[0], "tcpm_addr");
	nl_print_fields(c, p, md5sig_fields, nf - 1, nf);
	rp_e_close(c->e, '}');
}

static bool inet_md5sig(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct tcp_diag_md5sig);
	if (len < size)
		return false;
	nl_print_elems(c, a, off, (uint32_t)(len / size), size, print_md5sig_elem);
	return true;
}

/* The upper layer protocol's state: TLS's or MPTCP's attributes. */
static const struct nl_xval tls_version_u16 = {&rp_x_tls_info_versions, 2};
static const struct nl_xval tls_cipher_u16 = {&rp_x_tls_info_ciphers, 2};
static const struct nl_xval tls_config_u16 = {&rp_x_tls_info_configs, 2};

static const struct nl_attr ulp_tls_attrs[] = {
    [TLS_INFO_VERSION] = {nl_a_xval, &tls_version_u16},
    [TLS_INFO_CIPHER] = {nl_a_xval, &tls_cipher_u16},
    [TLS_INFO_TXCONF] = {nl_a_xval, &tls_config_u16},
    [TLS_INFO_RXCONF] = {nl_a_xval, &tls_config_u16},
};
static const struct nl_attr_set ulp_tls_set =
    NL_ATTR_SET(&rp_x_inet_diag_ulp_info_tls_attrs, ulp_tls_attrs);

static const struct nl_xval mptcp_flags_u32 = {&rp_x_mptcp_subflow_flags, 4};

static const struct nl_attr ulp_mptcp_attrs[] = {
    [MPTCP_SUBFLOW_ATTR_TOKEN_REM] = {nl_a_x32, NULL},
    [MPTCP_SUBFLOW_ATTR_TOKEN_LOC] = {nl_a_x32, NULL},
    [MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ] = {nl_a_u32, NULL},
    [MPTCP_SUBFLOW_ATTR_MAP_SEQ] = {nl_a_u64, NULL},
    [MPTCP_SUBFLOW_ATTR_MAP_SFSEQ] = {nl_a_u32, NULL},
    [MPTCP_SUBFLOW_ATTR_SSN_OFFSET] = {nl_a_u32, NULL},
    [MPTCP_SUBFLOW_ATTR_MAP_DATALEN] = {nl_a_u16, NULL},
    [MPTCP_SUBFLOW_ATTR_FLAGS] = {nl_a_flags, &mptcp_flags_u32},
    [MPTCP_SUBFLOW_ATTR_ID_REM] = {nl_a_u8, NULL},
    [MPTCP_SUBFLOW_ATTR_ID_LOC] = {nl_a_u8, NULL},
};
static const struct nl_attr_set ulp_mptcp_set =
    NL_ATTR_SET(&rp_x_inet_diag_ulp_info_mptcp_attrs, ulp_mptcp_attrs);

static const struct nl_attr ulp_info_attrs[] = {
    [INET_ULP_INFO_NAME] = {nl_a_str, NULL},
    [INET_ULP_INFO_TLS] = {nl_a_nested, &ulp_tls_set},
    [INET_ULP_INFO_MPTCP] = {nl_a_nested, &ulp_mptcp_set},
};
static const struct nl_attr_set ulp_info_set =
    NL_ATTR_SET(&rp_x_inet_diag_ulp_info_attrs, ulp_info_attrs);

/* The socket's BPF storages: each a map id and a value. */
static const struct nl_attr bpf_storage_attrs[] = {
    [SK_DIAG_BPF_STORAGE_MAP_ID] = {nl_a_u32, NULL},
    [SK_DIAG_BPF_STORAGE_MAP_VALUE] = {nl_a_xint, NULL},
};
static const struct nl_attr_set bpf_storage_set =
    NL_ATTR_SET(&rp_x_inet_diag_bpf_storage_attrs, bpf_storage_attrs);

static const struct nl_attr bpf_storages_attrs[] = {
    [SK_DIAG_BPF_STORAGE] = {nl_a_nested, &bpf_storage_set},
};
static const struct nl_attr_set bpf_storages_set =
    NL_ATTR_SET(&rp_x_inet_diag_bpf_storages_attrs, bpf_storages_attrs);

/* The socket options of struct inet_diag_sockopt's bits, in order: the
 * first byte's from bit 0, then the second's. */
static const char *const sockopt_bits[] = {
    "recverr",	       "is_icsk",	"freebind",
    "hdrincl",	       "mc_loop",	"transparent",
    "mc_all",	       "nodefrag",	"bind_address_no_port",
    "recverr_rfc4884", "defer_connect",
};

/* Bytes after the struct that are not all zero: ", /" "* bytes N..M *" "/
 * "\x.."" (cut by -s). */
static void print_sockopt_rest(struct rp_ctx *c, const uint8_t *p, uint32_t from, uint32_t len)
{
	bool zero = true;
	for (uint32_t i = from; i < len; i++)
		zero = zero && !p[i];
	if (zero)
		return;
	const uint32_t n = len - from, shown = n < c->opts->max_strlen ? n : c->opts->max_strlen;
	if (c->e->json) {
		rp_e_bytes_hex(c->e, p + from, shown, shown < n);
		return;
	}
	struct rp_buf b = {0};
	rp_buf_printf(&b, "/* bytes %u..%u */ \"", from, len - 1);
	for (uint32_t i = 0; i < shown; i++)
		rp_buf_printf(&b, "\\x%02x", p[from + i]);
	rp_buf_puts(&b, shown < n ? "\"..." : "\"");
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

/* The bits of struct inet_diag_sockopt (without -v only those set), then
 * any bytes after it that are not zero. */
static bool inet_sockopt(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			 uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const uint32_t size = sizeof(struct inet_diag_sockopt);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint8_t *const p = a->data + off;
	const unsigned bits = p[0] | (unsigned)p[1] << 8;
	rp_e_open(c->e, '{');
	for (unsigned i = 0; i < NL_ARRAY_LEN(sockopt_bits); i++) {
		if (!c->opts->verbose && !(bits >> i & 1))
			continue;
		rp_e_key(c->e, sockopt_bits[i]);
		rp_e_uint(c->e, bits >> i & 1);
	}
	const unsigned unused = p[1] >> 3;
	if (c->opts->verbose || unused) {
		rp_e_key(c->e, "unused");
		rp_e_hex(c->e, unused);
		rp_e_comment(c->e, "bits 3..8");
	}
	rp_e_close(c->e, '}');
	if (len > size && !nl_readable(a, off, len))
		rp_e_raw(c->e, "???");
	else if (len > size)
		print_sockopt_rest(c, p, size, len);
	return true;
}

static const struct nl_attr inet_attrs[] = {
    [INET_DIAG_VEGASINFO] = {nl_a_struct, &inet_vegas},
    [INET_DIAG_SHUTDOWN] = {nl_a_flags_num, &inet_shutdown_u8},
    [INET_DIAG_DCTCPINFO] = {nl_a_struct, &inet_dctcp},
    [INET_DIAG_LOCALS] = {inet_sockaddrs, NULL},
    [INET_DIAG_PEERS] = {inet_sockaddrs, NULL},
    [INET_DIAG_BBRINFO] = {nl_a_struct, &inet_bbr},
    [INET_DIAG_MD5SIG] = {inet_md5sig, NULL},
    [INET_DIAG_ULP_INFO] = {nl_a_nested, &ulp_info_set},
    [INET_DIAG_SK_BPF_STORAGES] = {nl_a_nested, &bpf_storages_set},
    [INET_DIAG_SOCKOPT] = {inet_sockopt, NULL},
    [INET_DIAG_MEMINFO] = {nl_a_struct, &inet_meminfo},
    [INET_DIAG_CONG] = {nl_a_str, NULL},
    [INET_DIAG_TOS] = {nl_a_u8, NULL},
    [INET_DIAG_TCLASS] = {nl_a_u8, NULL},
    [INET_DIAG_SKMEMINFO] = {sk_meminfo, NULL},
    [INET_DIAG_PROTOCOL] = {nl_a_ip_proto, NULL},
    [INET_DIAG_SKV6ONLY] = {nl_a_u8, NULL},
    [INET_DIAG_MARK] = {nl_a_u32, NULL},
    [INET_DIAG_CLASS_ID] = {nl_a_u32, NULL},
    [INET_DIAG_CGROUP_ID] = {nl_a_u64, NULL},
};
static const struct nl_attr_set inet_attr_set = NL_ATTR_SET(&rp_x_inet_diag_attrs, inet_attrs);

/* ---- AF_SMC ---- */

static const struct nl_field smc_req_fields[] = {
    NL_FIELD(smc_diag_req, diag_family, NLF_FAMILY, NULL),
    NL_FIELD(smc_diag_req, diag_ext, NLF_FLAGS, &rp_x_smc_diag_extended_flags),
    NL_FIELD_FN(smc_diag_req, id, print_sockid_inet),
};

static const struct nl_field smc_msg_fields[] = {
    NL_FIELD(smc_diag_msg, diag_family, NLF_FAMILY, NULL),
    NL_FIELD(smc_diag_msg, diag_state, NLF_XVAL, &rp_x_smc_states),
    NL_FIELD(smc_diag_msg, diag_fallback, NLF_XVAL, &rp_x_smc_diag_mode),
    NL_FIELD(smc_diag_msg, diag_shutdown, NLF_U, NULL),
    NL_FIELD_FN(smc_diag_msg, id, print_sockid_inet),
    NL_FIELD(smc_diag_msg, diag_uid, NLF_U, NULL),
    NL_FIELD(smc_diag_msg, diag_inode, NLF_U, NULL),
};

static const struct nl_xval smc_shutdown_u8 = {&rp_x_sock_shutdown_flags, 1};

static const struct nl_field smc_dmbinfo_fields[] = {
    NL_FIELD(smcd_diag_dmbinfo, linkid, NLF_U, NULL),
    NL_FIELD(smcd_diag_dmbinfo, peer_gid, NLF_X, NULL),
    NL_FIELD(smcd_diag_dmbinfo, my_gid, NLF_X, NULL),
    NL_FIELD(smcd_diag_dmbinfo, token, NLF_X, NULL),
    NL_FIELD(smcd_diag_dmbinfo, peer_token, NLF_X, NULL),
};
static const struct nl_struct smc_dmbinfo = NL_STRUCT(smc_dmbinfo_fields, smcd_diag_dmbinfo);

static const struct nl_field smc_cursor_fields[] = {
    NL_FIELD(smc_diag_cursor, reserved, NLF_U, NULL),
    NL_FIELD(smc_diag_cursor, wrap, NLF_U, NULL),
    NL_FIELD(smc_diag_cursor, count, NLF_U, NULL),
};

static void print_smc_cursor(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	rp_e_open(c->e, '{');
	nl_print_fields(c, p + f->off, smc_cursor_fields, 0, NL_ARRAY_LEN(smc_cursor_fields));
	rp_e_close(c->e, '}');
}

static const struct nl_field smc_conninfo_fields[] = {
    NL_FIELD(smc_diag_conninfo, token, NLF_U, NULL),
    NL_FIELD(smc_diag_conninfo, sndbuf_size, NLF_U, NULL),
    NL_FIELD(smc_diag_conninfo, rmbe_size, NLF_U, NULL),
    NL_FIELD(smc_diag_conninfo, peer_rmbe_size, NLF_U, NULL),
    NL_FIELD_FN(smc_diag_conninfo, rx_prod, print_smc_cursor),
    NL_FIELD_FN(smc_diag_conninfo, rx_cons, print_smc_cursor),
    NL_FIELD_FN(smc_diag_conninfo, tx_prod, print_smc_cursor),
    NL_FIELD_FN(smc_diag_conninfo, tx_cons, print_smc_cursor),
    NL_FIELD(smc_diag_conninfo, rx_prod_flags, NLF_0X, NULL),
    NL_FIELD(smc_diag_conninfo, rx_conn_state_flags, NLF_0X, NULL),
    NL_FIELD(smc_diag_conninfo, tx_prod_flags, NLF_0X, NULL),
    NL_FIELD(smc_diag_conninfo, tx_conn_state_flags, NLF_0X, NULL),
    NL_FIELD_FN(smc_diag_conninfo, tx_prep, print_smc_cursor),
    NL_FIELD_FN(smc_diag_conninfo, tx_sent, print_smc_cursor),
    NL_FIELD_FN(smc_diag_conninfo, tx_fin, print_smc_cursor),
};
static const struct nl_struct smc_conninfo = NL_STRUCT(smc_conninfo_fields, smc_diag_conninfo);

static void print_cstring(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	rp_print_cstring_field(c, p + f->off, f->size);
}

static const struct nl_field smc_linkinfo_fields[] = {
    NL_FIELD(smc_diag_linkinfo, link_id, NLF_U, NULL),
    NL_FIELD_FN(smc_diag_linkinfo, ibname, print_cstring),
    NL_FIELD(smc_diag_linkinfo, ibport, NLF_U, NULL),
    NL_FIELD_FN(smc_diag_linkinfo, gid, print_cstring),
    NL_FIELD_FN(smc_diag_linkinfo, peer_gid, print_cstring),
};

/* lnk[1]: the links as an array */
static void print_smc_links(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	const size_t size = sizeof(struct smc_diag_linkinfo);
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < f->size / size; k++) {
		rp_e_open(c->e, '{');
		nl_print_fields(c, p + f->off + k * size, smc_linkinfo_fields, 0,
				NL_ARRAY_LEN(smc_linkinfo_fields));
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, ']');
}

static const struct nl_field smc_lgrinfo_fields[] = {
    NL_FIELD_FN(smc_diag_lgrinfo, lnk, print_smc_links),
    NL_FIELD(smc_diag_lgrinfo, role, NLF_XVAL, &rp_x_smc_link_group_roles),
};
static const struct nl_struct smc_lgrinfo = NL_STRUCT(smc_lgrinfo_fields, smc_diag_lgrinfo);

/* A CLC decline code: always with its name in a comment (the names are not
 * uapi's), the number alone under -X raw. */
static void print_smc_decl_code(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f)
{
	const uint32_t v = rp_get_u32(p + f->off);
	if (c->e->json) {
		rp_e_enum(c->e, &rp_x_smc_decl_codes, v);
		return;
	}
	const enum rp_xlat_style st =
	    rp_e_xstyle(c->e) == RP_XLAT_RAW ? RP_XLAT_RAW : RP_XLAT_VERBOSE;
	struct rp_buf b = {0};
	rp_xlat_enum_text(&b, st, &rp_x_smc_decl_codes, v);
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static const struct nl_field smc_fallback_fields[] = {
    NL_FIELD_FN(smc_diag_fallback, reason, print_smc_decl_code),
    NL_FIELD_FN(smc_diag_fallback, peer_diagnosis, print_smc_decl_code),
};
static const struct nl_struct smc_fallback = NL_STRUCT(smc_fallback_fields, smc_diag_fallback);

static const struct nl_attr smc_attrs[] = {
    [SMC_DIAG_CONNINFO] = {nl_a_struct, &smc_conninfo},
    [SMC_DIAG_LGRINFO] = {nl_a_struct, &smc_lgrinfo},
    [SMC_DIAG_FALLBACK] = {nl_a_struct, &smc_fallback},
    [SMC_DIAG_SHUTDOWN] = {nl_a_flags, &smc_shutdown_u8},
    [SMC_DIAG_DMBINFO] = {nl_a_struct, &smc_dmbinfo},
};
static const struct nl_attr_set smc_attr_set = NL_ATTR_SET(&rp_x_smc_diag_attrs, smc_attrs);

/* ---- dispatch ---- */

/* A message kind: its fixed struct and the attributes after it. */
struct diag_msg {
	const struct nl_field *fields;
	size_t nfields, size;
	const struct nl_attr_set *attrs;
};
#define DIAG_MSG(fields_, type, attrs_)                                                            \
	{                                                                                          \
		(fields_), NL_ARRAY_LEN(fields_), sizeof(struct type), (attrs_)                    \
	}

/* Requests and answers by family (strace decodes no request's attributes
 * but inet's). */
static const struct {
	struct diag_msg req, msg;
} diag_msgs[] = {
    [AF_UNIX] = {DIAG_MSG(unix_req_fields, unix_diag_req, NULL),
		 DIAG_MSG(unix_msg_fields, unix_diag_msg, &unix_attr_set)},
    [AF_INET] = {DIAG_MSG(inet_req_v2_fields, inet_diag_req_v2, &inet_req_attr_set),
		 DIAG_MSG(inet_msg_fields, inet_diag_msg, &inet_attr_set)},
    [AF_INET6] = {DIAG_MSG(inet_req_v2_fields, inet_diag_req_v2, &inet_req_attr_set),
		  DIAG_MSG(inet_msg_fields, inet_diag_msg, &inet_attr_set)},
    [AF_NETLINK] = {DIAG_MSG(netlink_req_fields, netlink_diag_req, NULL),
		    DIAG_MSG(netlink_msg_fields, netlink_diag_msg, &netlink_attr_set)},
    [AF_PACKET] = {DIAG_MSG(packet_req_fields, packet_diag_req, NULL),
		   DIAG_MSG(packet_msg_fields, packet_diag_msg, &packet_attr_set)},
    [AF_SMC] = {DIAG_MSG(smc_req_fields, smc_diag_req, NULL),
		DIAG_MSG(smc_msg_fields, smc_diag_msg, &smc_attr_set)},
};

static const struct diag_msg inet_req_compat =
    DIAG_MSG(inet_req_compat_fields, inet_diag_req, &inet_req_attr_set);

static const struct diag_msg *diag_msg_of(const struct nl_msg *m, uint8_t family)
{
	if (family >= NL_ARRAY_LEN(diag_msgs) || !diag_msgs[family].req.fields)
		return NULL;
	if (!(m->flags & NLM_F_REQUEST))
		return &diag_msgs[family].msg;
	/* the old TCP/DCCP requests carry struct inet_diag_req */
	if ((family == AF_INET || family == AF_INET6) &&
	    (m->type == TCPDIAG_GETSOCK || m->type == DCCPDIAG_GETSOCK))
		return &inet_req_compat;
	return &diag_msgs[family].req;
}

static bool sock_diag_payload(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			      uint64_t off, uint64_t len)
{
	if (m->type == NLMSG_DONE)
		return false;
	if (!nl_readable(a, off, 1)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const struct diag_msg *const d = len > 1 ? diag_msg_of(m, a->data[off]) : NULL;
	if (!d) {
		nl_print_family_data(c, a, off, len);
		return true;
	}
	nl_print_head_attrs(c, m, a, off, len, d->fields, d->nfields, d->size, d->attrs);
	return true;
}

static const struct rp_xlat *sock_diag_flag_names(uint16_t type)
{
	(void)type;
	return &rp_x_netlink_get_flags;
}

const struct nl_protocol nl_sock_diag_protocol = {
    .types = &rp_x_nl_sock_diag_types,
    .flag_names = sock_diag_flag_names,
    .payload = sock_diag_payload,
};
