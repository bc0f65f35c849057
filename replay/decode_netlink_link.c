/* NETLINK_ROUTE's link messages (struct ifinfomsg and its IFLA_*
 * attributes) and link statistics (struct if_stats_msg, IFLA_STATS_*), as
 * strace 6.1 prints them (its rtnl_link.c and rtnl_stats.c). */
#include "netlink.h"

#include <inttypes.h>
#include <linux/if_arp.h>
#include <linux/if_bonding.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/mpls.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* ---- shared pieces ---- */

#define MAX_HWADDR 32 /* MAX_ADDR_LEN */

static bool print_hwaddr(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
			 size_t show)
{
	if (len > MAX_HWADDR)
		return false;
	if (!nl_readable(a, off, len))
		rp_e_ptr(c->e, a->addr + off);
	else
		rp_print_hwaddr(c, a->data + off, len, show);
	return true;
}

static bool a_hwaddr_family(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			    uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	return print_hwaddr(c, a, off, len, rp_hwaddr_size(m->family));
}

static bool a_hwaddr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		     uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_hwaddr(c, a, off, len, 255);
}

/* An array of 4- or 8-byte numbers each with its index named: [[NAME] =
 * v, ...] (strace's print_array_ex with PAF_PRINT_INDICES; in JSON the
 * values alone). */
struct indexed {
	const struct rp_xlat *x;
	uint8_t size;
	bool is_signed;
};

static void print_index(struct rp_ctx *c, const struct rp_xlat *x, uint64_t k, const char *value)
{
	struct rp_buf b = {0}, num = {0};
	rp_buf_printf(&num, "%" PRIu64, k);
	const char *const name = rp_xlat_lookup(x, k);
	rp_buf_puts(&b, "[");
	if (name) {
		rp_xlat_named_text(&b, rp_e_xstyle(c->e), num.data, name);
	} else {
		rp_buf_puts(&b, num.data);
		if (rp_e_xstyle(c->e) != RP_XLAT_RAW && x->unknown)
			rp_buf_printf(&b, " /* %s */", x->unknown);
	}
	rp_buf_printf(&b, "]=%s", value);
	rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
	rp_buf_free(&num);
}

static bool a_indexed(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	const struct indexed *const ix = arg;
	const uint32_t cnt = len / ix->size;
	if (!cnt)
		return false;
	if (!nl_readable(a, off, ix->size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	rp_e_open(c->e, '[');
	for (uint32_t k = 0; k < cnt; k++) {
		if (rp_array_cut(c, k))
			break;
		const uint64_t at = off + (uint64_t)k * ix->size;
		if (!nl_readable(a, at, ix->size)) {
			rp_e_ellipsis(c->e);
			char tmp[32];
			snprintf(tmp, sizeof(tmp), "%#" PRIx64, a->addr + at);
			rp_e_comment(c->e, tmp);
			break;
		}
		uint64_t v = 0;
		memcpy(&v, a->data + at, ix->size);
		char val[32];
		if (ix->is_signed)
			snprintf(val, sizeof(val), "%" PRId64,
				 ix->size == 4 ? (int64_t)(int32_t)v : (int64_t)v);
		else
			snprintf(val, sizeof(val), "%" PRIu64, v);
		if (c->e->json)
			rp_e_raw(c->e, val);
		else
			print_index(c, ix->x, k, val);
	}
	rp_e_close(c->e, ']');
	return true;
}

#define NESTED(set)                                                                                \
	{                                                                                          \
		nl_a_nested, &(set)                                                                \
	}
#define XVAL(name, x, size) static const struct nl_xval name = {&(x), (size)}

/* ---- link statistics structs (IFLA_STATS, IFLA_STATS64) ---- */

#define STATS_FIELDS(type)                                                                         \
	NL_FIELD(type, rx_packets, NLF_U, NULL), NL_FIELD(type, tx_packets, NLF_U, NULL),          \
	    NL_FIELD(type, rx_bytes, NLF_U, NULL), NL_FIELD(type, tx_bytes, NLF_U, NULL),          \
	    NL_FIELD(type, rx_errors, NLF_U, NULL), NL_FIELD(type, tx_errors, NLF_U, NULL),        \
	    NL_FIELD(type, rx_dropped, NLF_U, NULL), NL_FIELD(type, tx_dropped, NLF_U, NULL),      \
	    NL_FIELD(type, multicast, NLF_U, NULL), NL_FIELD(type, collisions, NLF_U, NULL),       \
	    NL_FIELD(type, rx_length_errors, NLF_U, NULL),                                         \
	    NL_FIELD(type, rx_over_errors, NLF_U, NULL),                                           \
	    NL_FIELD(type, rx_crc_errors, NLF_U, NULL),                                            \
	    NL_FIELD(type, rx_frame_errors, NLF_U, NULL),                                          \
	    NL_FIELD(type, rx_fifo_errors, NLF_U, NULL),                                           \
	    NL_FIELD(type, rx_missed_errors, NLF_U, NULL),                                         \
	    NL_FIELD(type, tx_aborted_errors, NLF_U, NULL),                                        \
	    NL_FIELD(type, tx_carrier_errors, NLF_U, NULL),                                        \
	    NL_FIELD(type, tx_fifo_errors, NLF_U, NULL),                                           \
	    NL_FIELD(type, tx_heartbeat_errors, NLF_U, NULL),                                      \
	    NL_FIELD(type, tx_window_errors, NLF_U, NULL),                                         \
	    NL_FIELD(type, rx_compressed, NLF_U, NULL),                                            \
	    NL_FIELD(type, tx_compressed, NLF_U, NULL), NL_FIELD(type, rx_nohandler, NLF_U, NULL)

#define STATS_OLD_FIELDS 23 /* up to tx_compressed: the oldest kernels' size */

static const struct nl_field stats32_fields[] = {STATS_FIELDS(rtnl_link_stats)};
static const struct nl_field stats64_fields[] = {
    STATS_FIELDS(rtnl_link_stats64),
    NL_FIELD(rtnl_link_stats64, rx_otherhost_dropped, NLF_U, NULL),
};

/* The whole struct, or exactly one of its older sizes. */
static bool a_stats32(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t old = NL_END_OF(rtnl_link_stats, tx_compressed);
	if (len >= sizeof(struct rtnl_link_stats))
		nl_print_struct(c, a, off, sizeof(struct rtnl_link_stats), stats32_fields,
				NL_ARRAY_LEN(stats32_fields));
	else if (len == old)
		nl_print_struct(c, a, off, old, stats32_fields, STATS_OLD_FIELDS);
	else
		return false;
	return true;
}

static bool a_stats64(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t old = NL_END_OF(rtnl_link_stats64, tx_compressed);
	const size_t nohandler = NL_END_OF(rtnl_link_stats64, rx_nohandler);
	if (len >= sizeof(struct rtnl_link_stats64))
		nl_print_struct(c, a, off, sizeof(struct rtnl_link_stats64), stats64_fields,
				NL_ARRAY_LEN(stats64_fields));
	else if (len == nohandler)
		nl_print_struct(c, a, off, nohandler, stats64_fields, STATS_OLD_FIELDS + 1);
	else if (len == old)
		nl_print_struct(c, a, off, old, stats64_fields, STATS_OLD_FIELDS);
	else
		return false;
	return true;
}

/* ---- bridge ports (IFLA_BRPORT_*) ---- */

/* struct ifla_bridge_id: {prio=[P, P], addr=MAC} */
static bool a_bridge_id(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct ifla_bridge_id);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint8_t *const p = a->data + off;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "prio");
	rp_e_open(c->e, '[');
	rp_e_uint(c->e, p[offsetof(struct ifla_bridge_id, prio)]);
	rp_e_uint(c->e, p[offsetof(struct ifla_bridge_id, prio) + 1]);
	rp_e_close(c->e, ']');
	rp_e_key(c->e, "addr");
	rp_print_hwaddr(c, p + offsetof(struct ifla_bridge_id, addr), 6, 6);
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_attr brport_attrs[] = {
    [IFLA_BRPORT_STATE] = {nl_a_u8, NULL},
    [IFLA_BRPORT_PRIORITY] = {nl_a_u16, NULL},
    [IFLA_BRPORT_COST] = {nl_a_u32, NULL},
    [IFLA_BRPORT_MODE] = {nl_a_u8, NULL},
    [IFLA_BRPORT_GUARD] = {nl_a_u8, NULL},
    [IFLA_BRPORT_PROTECT] = {nl_a_u8, NULL},
    [IFLA_BRPORT_FAST_LEAVE] = {nl_a_u8, NULL},
    [IFLA_BRPORT_LEARNING] = {nl_a_u8, NULL},
    [IFLA_BRPORT_UNICAST_FLOOD] = {nl_a_u8, NULL},
    [IFLA_BRPORT_PROXYARP] = {nl_a_u8, NULL},
    [IFLA_BRPORT_LEARNING_SYNC] = {nl_a_u8, NULL},
    [IFLA_BRPORT_PROXYARP_WIFI] = {nl_a_u8, NULL},
    [IFLA_BRPORT_ROOT_ID] = {a_bridge_id, NULL},
    [IFLA_BRPORT_BRIDGE_ID] = {a_bridge_id, NULL},
    [IFLA_BRPORT_DESIGNATED_PORT] = {nl_a_u16, NULL},
    [IFLA_BRPORT_DESIGNATED_COST] = {nl_a_u16, NULL},
    [IFLA_BRPORT_ID] = {nl_a_u16, NULL},
    [IFLA_BRPORT_NO] = {nl_a_u16, NULL},
    [IFLA_BRPORT_TOPOLOGY_CHANGE_ACK] = {nl_a_u8, NULL},
    [IFLA_BRPORT_CONFIG_PENDING] = {nl_a_u8, NULL},
    [IFLA_BRPORT_MESSAGE_AGE_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BRPORT_FORWARD_DELAY_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BRPORT_HOLD_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BRPORT_MULTICAST_ROUTER] = {nl_a_u8, NULL},
    [IFLA_BRPORT_MCAST_FLOOD] = {nl_a_u8, NULL},
    [IFLA_BRPORT_MCAST_TO_UCAST] = {nl_a_u8, NULL},
    [IFLA_BRPORT_VLAN_TUNNEL] = {nl_a_u8, NULL},
    [IFLA_BRPORT_BCAST_FLOOD] = {nl_a_u8, NULL},
    [IFLA_BRPORT_GROUP_FWD_MASK] = {nl_a_x16, NULL},
    [IFLA_BRPORT_NEIGH_SUPPRESS] = {nl_a_u8, NULL},
    [IFLA_BRPORT_ISOLATED] = {nl_a_u8, NULL},
    [IFLA_BRPORT_BACKUP_PORT] = {nl_a_ifindex, NULL},
    [IFLA_BRPORT_MRP_RING_OPEN] = {nl_a_u8, NULL},
    [IFLA_BRPORT_MRP_IN_OPEN] = {nl_a_u8, NULL},
    [IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = {nl_a_u32, NULL},
    [IFLA_BRPORT_MCAST_EHT_HOSTS_CNT] = {nl_a_u32, NULL},
    [IFLA_BRPORT_LOCKED] = {nl_a_u8, NULL},
};
static const struct nl_attr_set brport_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_brport_attrs, brport_attrs);

/* ---- IPv4 and IPv6 per-device attributes (IFLA_INET_*, IFLA_INET6_*) ---- */

static const struct indexed inet_conf = {&rp_x_inet_devconf_indices, 4, true};
static const struct nl_attr inet_attrs[] = {
    [IFLA_INET_CONF] = {a_indexed, &inet_conf},
};
static const struct nl_attr_set inet_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_af_spec_inet_attrs, inet_attrs);

static const struct nl_field ifla_cacheinfo_fields[] = {
    NL_FIELD(ifla_cacheinfo, max_reasm_len, NLF_U, NULL),
    NL_FIELD(ifla_cacheinfo, tstamp, NLF_U, NULL),
    NL_FIELD(ifla_cacheinfo, reachable_time, NLF_U, NULL),
    NL_FIELD(ifla_cacheinfo, retrans_time, NLF_U, NULL),
};
static const struct nl_struct ifla_cacheinfo = NL_STRUCT(ifla_cacheinfo_fields, ifla_cacheinfo);

XVAL(inet6_flags, rp_x_inet6_if_flags, 4);
XVAL(inet6_agm, rp_x_in6_addr_gen_mode, 1);
static const struct indexed inet6_conf = {&rp_x_inet6_devconf_indices, 4, true};
static const struct indexed inet6_stats = {&rp_x_snmp_ip_stats, 8, false};
static const struct indexed icmp6_stats = {&rp_x_snmp_icmp6_stats, 8, false};

static const struct nl_attr inet6_attrs[] = {
    [IFLA_INET6_FLAGS] = {nl_a_flags, &inet6_flags},
    [IFLA_INET6_CONF] = {a_indexed, &inet6_conf},
    [IFLA_INET6_STATS] = {a_indexed, &inet6_stats},
    [IFLA_INET6_CACHEINFO] = {nl_a_struct, &ifla_cacheinfo},
    [IFLA_INET6_ICMP6STATS] = {a_indexed, &icmp6_stats},
    [IFLA_INET6_TOKEN] = {nl_a_in6_addr, NULL},
    [IFLA_INET6_ADDR_GEN_MODE] = {nl_a_xval, &inet6_agm},
    [IFLA_INET6_RA_MTU] = {nl_a_u32, NULL},
};
static const struct nl_attr_set inet6_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_af_spec_inet6_attrs, inet6_attrs);

static const struct nl_attr mctp_attrs[] = {
    [IFLA_MCTP_NET] = {nl_a_u32, NULL},
};
static const struct nl_attr_set mctp_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_af_spec_mctp_attrs, mctp_attrs);

/* IFLA_PROTINFO: bridge port or IPv6 attributes by the message's family,
 * other families' as hex. */
static bool a_protinfo(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	if (m->family == AF_BRIDGE)
		nl_print_attrs(c, m, a, off, len, &brport_set);
	else if (m->family == AF_INET6)
		nl_print_attrs(c, m, a, off, len, &inet6_set);
	else
		nl_print_hex(c, a, off, len);
	return true;
}

/* ---- IFLA_MAP ---- */

static const struct nl_field ifmap_fields[] = {
    NL_FIELD(rtnl_link_ifmap, mem_start, NLF_X, NULL),
    NL_FIELD(rtnl_link_ifmap, mem_end, NLF_X, NULL),
    NL_FIELD(rtnl_link_ifmap, base_addr, NLF_X, NULL),
    NL_FIELD(rtnl_link_ifmap, irq, NLF_U, NULL),
    NL_FIELD(rtnl_link_ifmap, dma, NLF_U, NULL),
    NL_FIELD(rtnl_link_ifmap, port, NLF_U, NULL),
};

static bool a_ifmap(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = NL_END_OF(rtnl_link_ifmap, port); /* not its padding */
	if (len < size)
		return false;
	nl_print_struct(c, a, off, size, ifmap_fields, NL_ARRAY_LEN(ifmap_fields));
	return true;
}

/* ---- IFLA_LINKINFO: by the kind string ---- */

#define KIND_SIZE 16
struct link_kinds {
	char kind[KIND_SIZE], slave_kind[KIND_SIZE];
};

/* The kind as strace keeps it: "" unless a NUL ends it within its length
 * and it fits. */
static void keep_kind(char *dst, const struct nl_area *a, uint64_t off, uint32_t len)
{
	memset(dst, 0, KIND_SIZE);
	if (len >= KIND_SIZE || !nl_readable(a, off, len))
		return;
	if (memchr(a->data + off, 0, len))
		memcpy(dst, a->data + off, len);
}

static bool print_kind(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint32_t len, bool slave)
{
	struct link_kinds *const k = m->ctx;
	if (k)
		keep_kind(slave ? k->slave_kind : k->kind, a, off, len);
	return nl_a_str(c, m, a, off, len, NULL);
}

static bool a_kind(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		   uint32_t len, const void *arg)
{
	(void)arg;
	return print_kind(c, m, a, off, len, false);
}

static bool a_slave_kind(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			 uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	return print_kind(c, m, a, off, len, true);
}

static const struct nl_field can_stats_fields[] = {
    {"bus_error", 0, 4, NLF_U, NULL},	      {"error_warning", 4, 4, NLF_U, NULL},
    {"error_passive", 8, 4, NLF_U, NULL},     {"bus_off", 12, 4, NLF_U, NULL},
    {"arbitration_lost", 16, 4, NLF_U, NULL}, {"restarts", 20, 4, NLF_U, NULL},
};

static bool a_xstats(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		     uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const struct link_kinds *const k = m->ctx;
	if (!k || strcmp(k->kind, "can") || len < 24)
		return false;
	nl_print_struct(c, a, off, 24, can_stats_fields, NL_ARRAY_LEN(can_stats_fields));
	return true;
}

static const struct nl_field boolopt_fields[] = {
    NL_FIELD(br_boolopt_multi, optval, NLF_FLAGS, &rp_x_rtnl_ifla_br_boolopt_flags),
    NL_FIELD(br_boolopt_multi, optmask, NLF_FLAGS, &rp_x_rtnl_ifla_br_boolopt_flags),
};
static const struct nl_struct boolopt = NL_STRUCT(boolopt_fields, br_boolopt_multi);

static const struct nl_attr querier_attrs[] = {
    [BRIDGE_QUERIER_IP_ADDRESS] = {nl_a_in_addr, NULL},
    [BRIDGE_QUERIER_IP_PORT] = {nl_a_ifindex, NULL},
    [BRIDGE_QUERIER_IP_OTHER_TIMER] = {nl_a_clock_t, NULL},
    [BRIDGE_QUERIER_IPV6_ADDRESS] = {nl_a_in6_addr, NULL},
    [BRIDGE_QUERIER_IPV6_PORT] = {nl_a_ifindex, NULL},
    [BRIDGE_QUERIER_IPV6_OTHER_TIMER] = {nl_a_clock_t, NULL},
};
static const struct nl_attr_set querier_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_br_mcast_querier_attrs, querier_attrs);

static const struct nl_attr bridge_data_attrs[] = {
    [IFLA_BR_FORWARD_DELAY] = {nl_a_clock_t, NULL},
    [IFLA_BR_HELLO_TIME] = {nl_a_clock_t, NULL},
    [IFLA_BR_MAX_AGE] = {nl_a_clock_t, NULL},
    [IFLA_BR_AGEING_TIME] = {nl_a_clock_t, NULL},
    [IFLA_BR_STP_STATE] = {nl_a_u32, NULL},
    [IFLA_BR_PRIORITY] = {nl_a_u16, NULL},
    [IFLA_BR_VLAN_FILTERING] = {nl_a_u8, NULL},
    [IFLA_BR_VLAN_PROTOCOL] = {nl_a_ether_proto, NULL},
    [IFLA_BR_GROUP_FWD_MASK] = {nl_a_x16, NULL},
    [IFLA_BR_ROOT_ID] = {a_bridge_id, NULL},
    [IFLA_BR_BRIDGE_ID] = {a_bridge_id, NULL},
    [IFLA_BR_ROOT_PORT] = {nl_a_u16, NULL},
    [IFLA_BR_ROOT_PATH_COST] = {nl_a_u32, NULL},
    [IFLA_BR_TOPOLOGY_CHANGE] = {nl_a_u8, NULL},
    [IFLA_BR_TOPOLOGY_CHANGE_DETECTED] = {nl_a_u8, NULL},
    [IFLA_BR_HELLO_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BR_TCN_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BR_TOPOLOGY_CHANGE_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BR_GC_TIMER] = {nl_a_clock_t, NULL},
    [IFLA_BR_GROUP_ADDR] = {a_hwaddr, NULL},
    [IFLA_BR_MCAST_ROUTER] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_SNOOPING] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_QUERY_USE_IFADDR] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_QUERIER] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_HASH_ELASTICITY] = {nl_a_u32, NULL},
    [IFLA_BR_MCAST_HASH_MAX] = {nl_a_u32, NULL},
    [IFLA_BR_MCAST_LAST_MEMBER_CNT] = {nl_a_u32, NULL},
    [IFLA_BR_MCAST_STARTUP_QUERY_CNT] = {nl_a_u32, NULL},
    [IFLA_BR_MCAST_LAST_MEMBER_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_MCAST_MEMBERSHIP_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_MCAST_QUERIER_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_MCAST_QUERY_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_MCAST_QUERY_RESPONSE_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_MCAST_STARTUP_QUERY_INTVL] = {nl_a_clock_t, NULL},
    [IFLA_BR_NF_CALL_IPTABLES] = {nl_a_u8, NULL},
    [IFLA_BR_NF_CALL_IP6TABLES] = {nl_a_u8, NULL},
    [IFLA_BR_NF_CALL_ARPTABLES] = {nl_a_u8, NULL},
    [IFLA_BR_VLAN_DEFAULT_PVID] = {nl_a_u16, NULL},
    [IFLA_BR_VLAN_STATS_ENABLED] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_STATS_ENABLED] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_IGMP_VERSION] = {nl_a_u8, NULL},
    [IFLA_BR_MCAST_MLD_VERSION] = {nl_a_u8, NULL},
    [IFLA_BR_VLAN_STATS_PER_PORT] = {nl_a_u8, NULL},
    [IFLA_BR_MULTI_BOOLOPT] = {nl_a_struct, &boolopt},
    [IFLA_BR_MCAST_QUERIER_STATE] = NESTED(querier_set),
};
static const struct nl_attr_set bridge_data_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_info_data_bridge_attrs, bridge_data_attrs);

XVAL(tun_type, rp_x_tun_device_types, 1);
static const struct nl_attr tun_data_attrs[] = {
    [IFLA_TUN_OWNER] = {nl_a_uid, NULL},
    [IFLA_TUN_GROUP] = {nl_a_uid, NULL},
    [IFLA_TUN_TYPE] = {nl_a_xval, &tun_type},
    [IFLA_TUN_PI] = {nl_a_u8, NULL},
    [IFLA_TUN_VNET_HDR] = {nl_a_u8, NULL},
    [IFLA_TUN_PERSIST] = {nl_a_u8, NULL},
    [IFLA_TUN_MULTI_QUEUE] = {nl_a_u8, NULL},
    [IFLA_TUN_NUM_QUEUES] = {nl_a_u32, NULL},
    [IFLA_TUN_NUM_DISABLED_QUEUES] = {nl_a_u32, NULL},
};
static const struct nl_attr_set tun_data_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_info_data_tun_attrs, tun_data_attrs);

static bool a_info_data(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const struct link_kinds *const k = m->ctx;
	if (k && !strcmp(k->kind, "bridge"))
		nl_print_attrs(c, m, a, off, len, &bridge_data_set);
	else if (k && !strcmp(k->kind, "tun"))
		nl_print_attrs(c, m, a, off, len, &tun_data_set);
	else
		return false;
	return true;
}

static bool a_slave_data(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			 uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const struct link_kinds *const k = m->ctx;
	if (!k || strcmp(k->slave_kind, "bridge"))
		return false;
	nl_print_attrs(c, m, a, off, len, &brport_set);
	return true;
}

static const struct nl_attr linkinfo_attrs[] = {
    [IFLA_INFO_KIND] = {a_kind, NULL},
    [IFLA_INFO_DATA] = {a_info_data, NULL},
    [IFLA_INFO_XSTATS] = {a_xstats, NULL},
    [IFLA_INFO_SLAVE_KIND] = {a_slave_kind, NULL},
    [IFLA_INFO_SLAVE_DATA] = {a_slave_data, NULL},
};
static const struct nl_attr_set linkinfo_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_info_attrs, linkinfo_attrs);

/* The kinds seen so far decide how the data after them prints. */
static bool a_linkinfo(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	struct link_kinds kinds = {{0}, {0}};
	struct nl_msg with_kinds = *m;
	with_kinds.ctx = &kinds;
	nl_print_attrs(c, &with_kinds, a, off, len, &linkinfo_set);
	return true;
}

/* ---- virtual functions (IFLA_VFINFO_LIST) ---- */

static const struct nl_field vf_mac_fields[] = {
    NL_FIELD(ifla_vf_mac, vf, NLF_U, NULL),
};

/* struct ifla_vf_mac: {vf=N, mac=MAC of all 32 bytes} */
static bool a_vf_mac(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		     uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct ifla_vf_mac);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, vf_mac_fields, 0, 1);
	rp_e_key(c->e, "mac");
	rp_print_hwaddr(c, a->data + off + offsetof(struct ifla_vf_mac, mac), 32, 32);
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_field vf_vlan_fields[] = {
    NL_FIELD(ifla_vf_vlan, vf, NLF_U, NULL),
    NL_FIELD(ifla_vf_vlan, vlan, NLF_U, NULL),
    NL_FIELD(ifla_vf_vlan, qos, NLF_U, NULL),
};
static const struct nl_struct vf_vlan = NL_STRUCT(vf_vlan_fields, ifla_vf_vlan);

static const struct nl_field vf_tx_rate_fields[] = {
    NL_FIELD(ifla_vf_tx_rate, vf, NLF_U, NULL),
    NL_FIELD(ifla_vf_tx_rate, rate, NLF_U, NULL),
};
static const struct nl_struct vf_tx_rate = NL_STRUCT(vf_tx_rate_fields, ifla_vf_tx_rate);

/* {vf, setting}: spoofchk, rss_query_en and trust share the layout */
static const struct nl_field vf_setting_fields[] = {
    NL_FIELD(ifla_vf_spoofchk, vf, NLF_U, NULL),
    NL_FIELD(ifla_vf_spoofchk, setting, NLF_U, NULL),
};
static const struct nl_struct vf_setting = NL_STRUCT(vf_setting_fields, ifla_vf_spoofchk);

static const struct nl_field vf_link_state_fields[] = {
    NL_FIELD(ifla_vf_link_state, vf, NLF_U, NULL),
    NL_FIELD(ifla_vf_link_state, link_state, NLF_XVAL, &rp_x_rtnl_ifla_vf_link_states),
};
static const struct nl_struct vf_link_state = NL_STRUCT(vf_link_state_fields, ifla_vf_link_state);

static const struct nl_field vf_rate_fields[] = {
    NL_FIELD(ifla_vf_rate, vf, NLF_U, NULL),
    NL_FIELD(ifla_vf_rate, min_tx_rate, NLF_U, NULL),
    NL_FIELD(ifla_vf_rate, max_tx_rate, NLF_U, NULL),
};
static const struct nl_struct vf_rate = NL_STRUCT(vf_rate_fields, ifla_vf_rate);

static const struct nl_attr vf_stats_attrs[] = {
    [IFLA_VF_STATS_RX_PACKETS] = {nl_a_u64, NULL}, [IFLA_VF_STATS_TX_PACKETS] = {nl_a_u64, NULL},
    [IFLA_VF_STATS_RX_BYTES] = {nl_a_u64, NULL},   [IFLA_VF_STATS_TX_BYTES] = {nl_a_u64, NULL},
    [IFLA_VF_STATS_BROADCAST] = {nl_a_u64, NULL},  [IFLA_VF_STATS_MULTICAST] = {nl_a_u64, NULL},
    [IFLA_VF_STATS_RX_DROPPED] = {nl_a_u64, NULL}, [IFLA_VF_STATS_TX_DROPPED] = {nl_a_u64, NULL},
};
static const struct nl_attr_set vf_stats_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_vf_stats_attrs, vf_stats_attrs);

/* struct ifla_vf_guid: {vf, guid} packed (12 bytes) or with guid aligned
 * (16), as the attribute's length says. */
static bool a_vf_guid(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	static const struct nl_field packed[] = {
	    {"vf", 0, 4, NLF_U, NULL},
	    {"guid", 4, 8, NLF_X, NULL},
	};
	static const struct nl_field aligned[] = {
	    {"vf", 0, 4, NLF_U, NULL},
	    {"guid", 8, 8, NLF_X, NULL},
	};
	if (len != 12 && len != 16)
		return false;
	nl_print_struct(c, a, off, len, len == 12 ? packed : aligned, 2);
	return true;
}

/* struct ifla_vf_vlan_info: {vf, vlan, qos, vlan_proto=htons(ETH_P_8021Q)} */
static bool a_vf_vlan_info(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	static const struct nl_field f[] = {
	    NL_FIELD(ifla_vf_vlan_info, vf, NLF_U, NULL),
	    NL_FIELD(ifla_vf_vlan_info, vlan, NLF_U, NULL),
	    NL_FIELD(ifla_vf_vlan_info, qos, NLF_U, NULL),
	};
	const size_t size = sizeof(struct ifla_vf_vlan_info);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, f, 0, NL_ARRAY_LEN(f));
	rp_e_key(c->e, "vlan_proto");
	nl_a_ether_proto(c, m, a, off + offsetof(struct ifla_vf_vlan_info, vlan_proto), 2, NULL);
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_attr vf_vlan_list_attrs[] = {
    [IFLA_VF_VLAN_INFO] = {a_vf_vlan_info, NULL},
};
static const struct nl_attr_set vf_vlan_list_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_vf_vlan_list_attrs, vf_vlan_list_attrs);

/* struct ifla_vf_broadcast: {broadcast=MAC of all 32 bytes} */
static bool a_vf_broadcast(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct ifla_vf_broadcast);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "broadcast");
	rp_print_hwaddr(c, a->data + off, size, size);
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_attr vf_info_attrs[] = {
    [IFLA_VF_MAC] = {a_vf_mac, NULL},
    [IFLA_VF_VLAN] = {nl_a_struct, &vf_vlan},
    [IFLA_VF_TX_RATE] = {nl_a_struct, &vf_tx_rate},
    [IFLA_VF_SPOOFCHK] = {nl_a_struct, &vf_setting},
    [IFLA_VF_LINK_STATE] = {nl_a_struct, &vf_link_state},
    [IFLA_VF_RATE] = {nl_a_struct, &vf_rate},
    [IFLA_VF_RSS_QUERY_EN] = {nl_a_struct, &vf_setting},
    [IFLA_VF_STATS] = NESTED(vf_stats_set),
    [IFLA_VF_TRUST] = {nl_a_struct, &vf_setting},
    [IFLA_VF_IB_NODE_GUID] = {a_vf_guid, NULL},
    [IFLA_VF_IB_PORT_GUID] = {a_vf_guid, NULL},
    [IFLA_VF_VLAN_LIST] = NESTED(vf_vlan_list_set),
    [IFLA_VF_BROADCAST] = {a_vf_broadcast, NULL},
};
static const struct nl_attr_set vf_info_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_vf_info_attrs, vf_info_attrs);

static const struct nl_attr vfinfo_list_attrs[] = {
    [IFLA_VF_INFO] = NESTED(vf_info_set),
};
static const struct nl_attr_set vfinfo_list_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_vfinfo_list_attrs, vfinfo_list_attrs);

/* ---- port profiles (IFLA_VF_PORTS, IFLA_PORT_SELF) ---- */

/* struct ifla_port_vsi: {vsi_mgr_id, vsi_type_id="\x..", vsi_type_version,
 * pad=[...] only when not all 0} */
static bool a_port_vsi(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t size = sizeof(struct ifla_port_vsi);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint8_t *const p = a->data + off;
	const struct ifla_port_vsi *const v = NULL;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "vsi_mgr_id");
	rp_e_uint(c->e, p[offsetof(struct ifla_port_vsi, vsi_mgr_id)]);
	rp_e_key(c->e, "vsi_type_id");
	rp_e_bytes_hex(c->e, p + offsetof(struct ifla_port_vsi, vsi_type_id),
		       sizeof(v->vsi_type_id), false);
	rp_e_key(c->e, "vsi_type_version");
	rp_e_uint(c->e, p[offsetof(struct ifla_port_vsi, vsi_type_version)]);
	const uint8_t *const pad = p + offsetof(struct ifla_port_vsi, pad);
	bool zero = true;
	for (size_t k = 0; k < sizeof(v->pad); k++)
		zero = zero && !pad[k];
	if (!zero) {
		rp_e_key(c->e, "pad");
		rp_e_bytes_hex(c->e, pad, sizeof(v->pad), false);
	}
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_attr port_attrs[] = {
    [IFLA_PORT_VF] = {nl_a_u32, NULL},	       [IFLA_PORT_PROFILE] = {nl_a_str, NULL},
    [IFLA_PORT_VSI_TYPE] = {a_port_vsi, NULL}, [IFLA_PORT_REQUEST] = {nl_a_u8, NULL},
    [IFLA_PORT_RESPONSE] = {nl_a_u16, NULL},
};
static const struct nl_attr_set port_set = NL_ATTR_SET(&rp_x_rtnl_ifla_port_attrs, port_attrs);

static const struct nl_attr vf_port_attrs[] = {
    [IFLA_VF_PORT] = NESTED(port_set),
};
static const struct nl_attr_set vf_ports_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_vf_port_attrs, vf_port_attrs);

/* ---- IFLA_XDP ---- */

XVAL(xdp_attached, rp_x_rtnl_ifla_xdp_attached_mode, 1);
XVAL(xdp_flags, rp_x_xdp_flags, 4);
static const struct nl_attr xdp_attrs[] = {
    [IFLA_XDP_FD] = {nl_a_fd, NULL},
    [IFLA_XDP_ATTACHED] = {nl_a_xval, &xdp_attached},
    [IFLA_XDP_FLAGS] = {nl_a_flags, &xdp_flags},
    [IFLA_XDP_PROG_ID] = {nl_a_u32, NULL},
    [IFLA_XDP_DRV_PROG_ID] = {nl_a_u32, NULL},
    [IFLA_XDP_SKB_PROG_ID] = {nl_a_u32, NULL},
    [IFLA_XDP_HW_PROG_ID] = {nl_a_u32, NULL},
    [IFLA_XDP_EXPECTED_FD] = {nl_a_fd, NULL},
};
static const struct nl_attr_set xdp_set = NL_ATTR_SET(&rp_x_rtnl_ifla_xdp_attrs, xdp_attrs);

/* ---- IFLA_AF_SPEC: bridge attributes for AF_BRIDGE, else one nested
 * attribute per address family ---- */

XVAL(bridge_flags, rp_x_rtnl_ifla_bridge_flags, 2);
XVAL(bridge_mode, rp_x_rtnl_ifla_bridge_modes, 2);
XVAL(vlan_flags, rp_x_nl_bridge_vlan_flags, 2);

static const struct nl_field bridge_vlan_info_fields[] = {
    NL_FIELD(bridge_vlan_info, flags, NLF_FLAGS, &rp_x_nl_bridge_vlan_flags),
    NL_FIELD(bridge_vlan_info, vid, NLF_U, NULL),
};
static const struct nl_struct bridge_vlan_info =
    NL_STRUCT_TAIL(bridge_vlan_info_fields, bridge_vlan_info);

static const struct nl_attr vlan_tunnel_attrs[] = {
    [IFLA_BRIDGE_VLAN_TUNNEL_ID] = {nl_a_u32, NULL},
    [IFLA_BRIDGE_VLAN_TUNNEL_VID] = {nl_a_u16, NULL},
    [IFLA_BRIDGE_VLAN_TUNNEL_FLAGS] = {nl_a_flags, &vlan_flags},
};
static const struct nl_attr_set vlan_tunnel_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs, vlan_tunnel_attrs);

static const struct nl_attr af_spec_bridge_attrs[] = {
    [IFLA_BRIDGE_FLAGS] = {nl_a_flags, &bridge_flags},
    [IFLA_BRIDGE_MODE] = {nl_a_xval, &bridge_mode},
    [IFLA_BRIDGE_VLAN_INFO] = {nl_a_struct, &bridge_vlan_info},
    [IFLA_BRIDGE_VLAN_TUNNEL_INFO] = NESTED(vlan_tunnel_set),
};
static const struct nl_attr_set af_spec_bridge_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_af_spec_bridge_attrs, af_spec_bridge_attrs);

static const struct nl_attr af_spec_family_attrs[] = {
    [AF_INET] = NESTED(inet_set),
    [AF_INET6] = NESTED(inet6_set),
    [AF_MCTP] = NESTED(mctp_set),
};
static const struct nl_attr_set af_spec_family_set =
    NL_ATTR_SET(&rp_x_address_family, af_spec_family_attrs);

static bool a_af_spec(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	nl_print_attrs(c, m, a, off, len,
		       m->family == AF_BRIDGE ? &af_spec_bridge_set : &af_spec_family_set);
	return true;
}

/* ---- the rest of IFLA_* ---- */

XVAL(ext_mask, rp_x_rtnl_ifla_ext_filter_flags, 4);
XVAL(event, rp_x_rtnl_ifla_events, 4);

/* IFLA_PROP_LIST holds IFLA_* attributes, of which strace decodes
 * IFLA_ALT_IFNAME only. */
static const struct nl_attr prop_list_attrs[] = {
    [IFLA_ALT_IFNAME] = {nl_a_str, NULL},
};
static const struct nl_attr_set prop_list_set = NL_ATTR_SET(&rp_x_rtnl_link_attrs, prop_list_attrs);

static const struct nl_attr proto_down_reason_attrs[] = {
    [IFLA_PROTO_DOWN_REASON_MASK] = {nl_a_x32, NULL},
    [IFLA_PROTO_DOWN_REASON_VALUE] = {nl_a_x32, NULL},
};
static const struct nl_attr_set proto_down_reason_set =
    NL_ATTR_SET(&rp_x_rtnl_ifla_proto_down_reason_attrs, proto_down_reason_attrs);

static const struct nl_attr link_attrs[] = {
    [IFLA_ADDRESS] = {a_hwaddr_family, NULL},
    [IFLA_BROADCAST] = {a_hwaddr_family, NULL},
    [IFLA_IFNAME] = {nl_a_str, NULL},
    [IFLA_MTU] = {nl_a_u32, NULL},
    [IFLA_LINK] = {nl_a_u32, NULL},
    [IFLA_QDISC] = {nl_a_str, NULL},
    [IFLA_STATS] = {a_stats32, NULL},
    [IFLA_MASTER] = {nl_a_u32, NULL},
    [IFLA_PROTINFO] = {a_protinfo, NULL},
    [IFLA_TXQLEN] = {nl_a_u32, NULL},
    [IFLA_MAP] = {a_ifmap, NULL},
    [IFLA_WEIGHT] = {nl_a_u32, NULL},
    [IFLA_OPERSTATE] = {nl_a_u8, NULL},
    [IFLA_LINKMODE] = {nl_a_u8, NULL},
    [IFLA_LINKINFO] = {a_linkinfo, NULL},
    [IFLA_NET_NS_PID] = {nl_a_u32, NULL},
    [IFLA_IFALIAS] = {nl_a_str, NULL},
    [IFLA_NUM_VF] = {nl_a_u32, NULL},
    [IFLA_VFINFO_LIST] = NESTED(vfinfo_list_set),
    [IFLA_STATS64] = {a_stats64, NULL},
    [IFLA_VF_PORTS] = NESTED(vf_ports_set),
    [IFLA_PORT_SELF] = NESTED(port_set),
    [IFLA_AF_SPEC] = {a_af_spec, NULL},
    [IFLA_GROUP] = {nl_a_u32, NULL},
    [IFLA_NET_NS_FD] = {nl_a_fd, NULL},
    [IFLA_EXT_MASK] = {nl_a_flags, &ext_mask},
    [IFLA_PROMISCUITY] = {nl_a_u32, NULL},
    [IFLA_NUM_TX_QUEUES] = {nl_a_u32, NULL},
    [IFLA_NUM_RX_QUEUES] = {nl_a_u32, NULL},
    [IFLA_CARRIER] = {nl_a_u8, NULL},
    [IFLA_CARRIER_CHANGES] = {nl_a_u32, NULL},
    [IFLA_LINK_NETNSID] = {nl_a_s32, NULL},
    [IFLA_PHYS_PORT_NAME] = {nl_a_str, NULL},
    [IFLA_PROTO_DOWN] = {nl_a_u8, NULL},
    [IFLA_GSO_MAX_SEGS] = {nl_a_u32, NULL},
    [IFLA_GSO_MAX_SIZE] = {nl_a_u32, NULL},
    [IFLA_XDP] = NESTED(xdp_set),
    [IFLA_EVENT] = {nl_a_xval, &event},
    [IFLA_NEW_NETNSID] = {nl_a_s32, NULL},
    [IFLA_IF_NETNSID] = {nl_a_s32, NULL},
    [IFLA_CARRIER_UP_COUNT] = {nl_a_u32, NULL},
    [IFLA_CARRIER_DOWN_COUNT] = {nl_a_u32, NULL},
    [IFLA_NEW_IFINDEX] = {nl_a_ifindex, NULL},
    [IFLA_MIN_MTU] = {nl_a_u32, NULL},
    [IFLA_MAX_MTU] = {nl_a_u32, NULL},
    [IFLA_PROP_LIST] = NESTED(prop_list_set),
    [IFLA_ALT_IFNAME] = {nl_a_str, NULL},
    [IFLA_PERM_ADDRESS] = {a_hwaddr_family, NULL},
    [IFLA_PROTO_DOWN_REASON] = NESTED(proto_down_reason_set),
    [IFLA_PARENT_DEV_NAME] = {nl_a_str, NULL},
    [IFLA_PARENT_DEV_BUS_NAME] = {nl_a_str, NULL},
    [IFLA_GRO_MAX_SIZE] = {nl_a_u32, NULL},
    [IFLA_TSO_MAX_SIZE] = {nl_a_u32, NULL},
    [IFLA_TSO_MAX_SEGS] = {nl_a_u32, NULL},
    [IFLA_ALLMULTI] = {nl_a_u32, NULL},
};
static const struct nl_attr_set link_attr_set = NL_ATTR_SET(&rp_x_rtnl_link_attrs, link_attrs);

static const struct nl_field ifinfomsg_fields[] = {
    NL_FIELD(ifinfomsg, ifi_family, NLF_FAMILY, NULL),
    NL_FIELD(ifinfomsg, ifi_type, NLF_XVAL, &rp_x_arphrd),
    NL_FIELD(ifinfomsg, ifi_index, NLF_IFINDEX, NULL),
    NL_FIELD(ifinfomsg, ifi_flags, NLF_FLAGS, &rp_x_iffflags),
    NL_FIELD(ifinfomsg, ifi_change, NLF_X, NULL),
};

void nl_print_link_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint64_t len)
{
	nl_print_head_attrs(c, m, a, off, len, ifinfomsg_fields, NL_ARRAY_LEN(ifinfomsg_fields),
			    sizeof(struct ifinfomsg), &link_attr_set);
}

/* ---- link statistics: struct if_stats_msg, IFLA_STATS_* ---- */

static const struct nl_field bridge_vlan_xstats_fields[] = {
    NL_FIELD(bridge_vlan_xstats, rx_bytes, NLF_U, NULL),
    NL_FIELD(bridge_vlan_xstats, rx_packets, NLF_U, NULL),
    NL_FIELD(bridge_vlan_xstats, tx_bytes, NLF_U, NULL),
    NL_FIELD(bridge_vlan_xstats, tx_packets, NLF_U, NULL),
    NL_FIELD(bridge_vlan_xstats, vid, NLF_U, NULL),
    NL_FIELD(bridge_vlan_xstats, flags, NLF_FLAGS, &rp_x_nl_bridge_vlan_flags),
    NL_FIELD(bridge_vlan_xstats, pad2, NLF_X_NONZERO, NULL),
};
static const struct nl_struct bridge_vlan_xstats =
    NL_STRUCT_TAIL(bridge_vlan_xstats_fields, bridge_vlan_xstats);

static const struct nl_field bridge_stp_xstats_fields[] = {
    NL_FIELD(bridge_stp_xstats, transition_blk, NLF_U, NULL),
    NL_FIELD(bridge_stp_xstats, transition_fwd, NLF_U, NULL),
    NL_FIELD(bridge_stp_xstats, rx_bpdu, NLF_U, NULL),
    NL_FIELD(bridge_stp_xstats, tx_bpdu, NLF_U, NULL),
    NL_FIELD(bridge_stp_xstats, rx_tcn, NLF_U, NULL),
    NL_FIELD(bridge_stp_xstats, tx_tcn, NLF_U, NULL),
};
static const struct nl_struct bridge_stp_xstats =
    NL_STRUCT_TAIL(bridge_stp_xstats_fields, bridge_stp_xstats);

/* struct br_mcast_stats: its arrays indexed by BR_MCAST_DIR_* */
static void print_mcast_dirs(struct rp_ctx *c, const char *name, const uint8_t *p)
{
	rp_e_key(c->e, name);
	rp_e_open(c->e, '[');
	for (unsigned k = 0; k < BR_MCAST_DIR_SIZE; k++) {
		uint64_t v;
		memcpy(&v, p + 8 * k, 8);
		char val[24];
		snprintf(val, sizeof(val), "%" PRIu64, v);
		if (c->e->json)
			rp_e_raw(c->e, val);
		else
			print_index(c, &rp_x_ifstats_xstats_bridge_mcast_indices, k, val);
	}
	rp_e_close(c->e, ']');
}

static bool a_bridge_mcast(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
#define MCAST_ARRAY(f)                                                                             \
	{                                                                                          \
#f, offsetof(struct br_mcast_stats, f), false                                      \
	}
#define MCAST_U64(f)                                                                               \
	{                                                                                          \
#f, offsetof(struct br_mcast_stats, f), true                                       \
	}
	static const struct {
		const char *name;
		size_t off;
		bool scalar;
	} f[] = {
	    MCAST_ARRAY(igmp_v1queries), MCAST_ARRAY(igmp_v2queries),  MCAST_ARRAY(igmp_v3queries),
	    MCAST_ARRAY(igmp_leaves),	 MCAST_ARRAY(igmp_v1reports),  MCAST_ARRAY(igmp_v2reports),
	    MCAST_ARRAY(igmp_v3reports), MCAST_U64(igmp_parse_errors), MCAST_ARRAY(mld_v1queries),
	    MCAST_ARRAY(mld_v2queries),	 MCAST_ARRAY(mld_leaves),      MCAST_ARRAY(mld_v1reports),
	    MCAST_ARRAY(mld_v2reports),	 MCAST_U64(mld_parse_errors),  MCAST_ARRAY(mcast_bytes),
	    MCAST_ARRAY(mcast_packets),
	};
#undef MCAST_ARRAY
#undef MCAST_U64
	const size_t size = sizeof(struct br_mcast_stats);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint8_t *const p = a->data + off;
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < NL_ARRAY_LEN(f); k++) {
		if (f[k].scalar) {
			uint64_t v;
			memcpy(&v, p + f[k].off, 8);
			rp_e_key(c->e, f[k].name);
			rp_e_uint(c->e, v);
		} else {
			print_mcast_dirs(c, f[k].name, p + f[k].off);
		}
	}
	rp_e_close(c->e, '}');
	if (len > size)
		nl_print_hex(c, a, off + size, len - size);
	return true;
}

static const struct nl_attr xstats_bridge_attrs[] = {
    [BRIDGE_XSTATS_VLAN] = {nl_a_struct, &bridge_vlan_xstats},
    [BRIDGE_XSTATS_MCAST] = {a_bridge_mcast, NULL},
    [BRIDGE_XSTATS_STP] = {nl_a_struct, &bridge_stp_xstats},
};
static const struct nl_attr_set xstats_bridge_set =
    NL_ATTR_SET(&rp_x_ifstats_xstats_bridge_attrs, xstats_bridge_attrs);

static const struct nl_attr bond_3ad_attrs[] = {
    [BOND_3AD_STAT_LACPDU_RX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_LACPDU_TX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_LACPDU_UNKNOWN_RX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_LACPDU_ILLEGAL_RX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_MARKER_RX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_MARKER_TX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_MARKER_RESP_RX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_MARKER_RESP_TX] = {nl_a_u64, NULL},
    [BOND_3AD_STAT_MARKER_UNKNOWN_RX] = {nl_a_u64, NULL},
};
static const struct nl_attr_set bond_3ad_set =
    NL_ATTR_SET(&rp_x_ifstats_xstats_bond_3ad_attrs, bond_3ad_attrs);

static const struct nl_attr xstats_bond_attrs[] = {
    [BOND_XSTATS_3AD] = NESTED(bond_3ad_set),
};
static const struct nl_attr_set xstats_bond_set =
    NL_ATTR_SET(&rp_x_ifstats_xstats_bond_attrs, xstats_bond_attrs);

static const struct nl_attr xstats_attrs[] = {
    [LINK_XSTATS_TYPE_BRIDGE] = NESTED(xstats_bridge_set),
    [LINK_XSTATS_TYPE_BOND] = NESTED(xstats_bond_set),
};
static const struct nl_attr_set xstats_set =
    NL_ATTR_SET(&rp_x_ifstats_xstats_type_attrs, xstats_attrs);

static const struct nl_attr offload_attrs[] = {
    [IFLA_OFFLOAD_XSTATS_CPU_HIT] = {a_stats64, NULL},
};
static const struct nl_attr_set offload_set =
    NL_ATTR_SET(&rp_x_ifstats_offload_attrs, offload_attrs);

static const struct nl_field mpls_link_stats_fields[] = {
    NL_FIELD(mpls_link_stats, rx_packets, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, tx_packets, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, rx_bytes, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, tx_bytes, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, rx_errors, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, tx_errors, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, rx_dropped, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, tx_dropped, NLF_U, NULL),
    NL_FIELD(mpls_link_stats, rx_noroute, NLF_U, NULL),
};
static const struct nl_struct mpls_link_stats =
    NL_STRUCT_TAIL(mpls_link_stats_fields, mpls_link_stats);

static const struct nl_attr mpls_stats_attrs[] = {
    [MPLS_STATS_LINK] = {nl_a_struct, &mpls_link_stats},
};
static const struct nl_attr_set mpls_stats_set =
    NL_ATTR_SET(&rp_x_ifstats_af_spec_mpls_attrs, mpls_stats_attrs);

static const struct nl_attr stats_af_attrs[] = {
    [AF_MPLS] = NESTED(mpls_stats_set),
};
static const struct nl_attr_set stats_af_set = NL_ATTR_SET(&rp_x_address_family, stats_af_attrs);

static const struct nl_attr stats_attrs[] = {
    [IFLA_STATS_LINK_64] = {a_stats64, NULL},
    [IFLA_STATS_LINK_XSTATS] = NESTED(xstats_set),
    [IFLA_STATS_LINK_XSTATS_SLAVE] = NESTED(xstats_set),
    [IFLA_STATS_LINK_OFFLOAD_XSTATS] = NESTED(offload_set),
    [IFLA_STATS_AF_SPEC] = NESTED(stats_af_set),
};
static const struct nl_attr_set stats_attr_set = NL_ATTR_SET(&rp_x_ifstats_attrs, stats_attrs);

static const struct nl_field if_stats_msg_fields[] = {
    NL_FIELD(if_stats_msg, family, NLF_FAMILY, NULL),
    NL_FIELD(if_stats_msg, pad1, NLF_X_NONZERO, NULL),
    NL_FIELD(if_stats_msg, pad2, NLF_X_NONZERO, NULL),
    NL_FIELD(if_stats_msg, ifindex, NLF_IFINDEX, NULL),
    NL_FIELD(if_stats_msg, filter_mask, NLF_FLAGS, &rp_x_ifstats_attr_flags),
};

void nl_print_stats_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint64_t len)
{
	nl_print_head_attrs(c, m, a, off, len, if_stats_msg_fields,
			    NL_ARRAY_LEN(if_stats_msg_fields), sizeof(struct if_stats_msg),
			    &stats_attr_set);
}
