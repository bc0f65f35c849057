/* NETLINK_ROUTE messages (rtnetlink), as strace 6.1 prints them (its
 * netlink_route.c and rtnl_*.c): each type's fixed struct, then its
 * attributes. The link messages (struct ifinfomsg, IFLA_*) and the link
 * statistics (struct if_stats_msg) are decode_netlink_link.c's. */
#include "netlink.h"

#include <linux/dcbnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/lwtunnel.h>
#include <linux/mroute.h>
#include <linux/mroute6.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/gen_stats.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <sys/socket.h>

/* ---- addresses: struct ifaddrmsg, IFA_* ---- */

static const struct nl_field ifa_cacheinfo_fields[] = {
    NL_FIELD(ifa_cacheinfo, ifa_prefered, NLF_U, NULL),
    NL_FIELD(ifa_cacheinfo, ifa_valid, NLF_U, NULL),
    NL_FIELD(ifa_cacheinfo, cstamp, NLF_U, NULL),
    NL_FIELD(ifa_cacheinfo, tstamp, NLF_U, NULL),
};
static const struct nl_struct ifa_cacheinfo = NL_STRUCT(ifa_cacheinfo_fields, ifa_cacheinfo);

static const struct nl_xval ifa_flags_u32 = {&rp_x_ifaddrflags, 4};

static const struct nl_attr addr_attrs[] = {
    [IFA_ADDRESS] = {nl_a_inet_addr, NULL},   [IFA_LOCAL] = {nl_a_inet_addr, NULL},
    [IFA_LABEL] = {nl_a_str, NULL},	      [IFA_BROADCAST] = {nl_a_inet_addr, NULL},
    [IFA_ANYCAST] = {nl_a_inet_addr, NULL},   [IFA_CACHEINFO] = {nl_a_struct, &ifa_cacheinfo},
    [IFA_MULTICAST] = {nl_a_inet_addr, NULL}, [IFA_FLAGS] = {nl_a_flags, &ifa_flags_u32},
    [IFA_RT_PRIORITY] = {nl_a_u32, NULL},     [IFA_TARGET_NETNSID] = {nl_a_s32, NULL},
};
static const struct nl_attr_set addr_attr_set = NL_ATTR_SET(&rp_x_rtnl_addr_attrs, addr_attrs);

static const struct nl_field ifaddrmsg_fields[] = {
    NL_FIELD(ifaddrmsg, ifa_family, NLF_FAMILY, NULL),
    NL_FIELD(ifaddrmsg, ifa_prefixlen, NLF_U, NULL),
    NL_FIELD(ifaddrmsg, ifa_flags, NLF_FLAGS, &rp_x_ifaddrflags),
    NL_FIELD(ifaddrmsg, ifa_scope, NLF_XVAL, &rp_x_routing_scopes),
    NL_FIELD(ifaddrmsg, ifa_index, NLF_IFINDEX, NULL),
};

/* ---- routes: struct rtmsg, RTA_* ---- */

static const struct nl_attr rta_metrics_attrs[] = {
    [RTAX_LOCK] = {nl_a_u32, NULL},	  [RTAX_MTU] = {nl_a_u32, NULL},
    [RTAX_WINDOW] = {nl_a_u32, NULL},	  [RTAX_RTT] = {nl_a_u32, NULL},
    [RTAX_RTTVAR] = {nl_a_u32, NULL},	  [RTAX_SSTHRESH] = {nl_a_u32, NULL},
    [RTAX_CWND] = {nl_a_u32, NULL},	  [RTAX_ADVMSS] = {nl_a_u32, NULL},
    [RTAX_REORDERING] = {nl_a_u32, NULL}, [RTAX_HOPLIMIT] = {nl_a_u32, NULL},
    [RTAX_INITCWND] = {nl_a_u32, NULL},	  [RTAX_FEATURES] = {nl_a_u32, NULL},
    [RTAX_RTO_MIN] = {nl_a_u32, NULL},	  [RTAX_INITRWND] = {nl_a_u32, NULL},
    [RTAX_QUICKACK] = {nl_a_u32, NULL},	  [RTAX_CC_ALGO] = {nl_a_str, NULL},
};
static const struct nl_attr_set rta_metrics_set =
    NL_ATTR_SET(&rp_x_rtnl_rta_metrics_attrs, rta_metrics_attrs);

static const struct nl_field rta_cacheinfo_fields[] = {
    NL_FIELD(rta_cacheinfo, rta_clntref, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_lastuse, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_expires, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_error, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_used, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_id, NLF_X, NULL),
    NL_FIELD(rta_cacheinfo, rta_ts, NLF_U, NULL),
    NL_FIELD(rta_cacheinfo, rta_tsage, NLF_U, NULL),
};
static const struct nl_struct rta_cacheinfo = NL_STRUCT(rta_cacheinfo_fields, rta_cacheinfo);

static const struct nl_field rta_mfc_stats_fields[] = {
    NL_FIELD(rta_mfc_stats, mfcs_packets, NLF_U, NULL),
    NL_FIELD(rta_mfc_stats, mfcs_bytes, NLF_U, NULL),
    NL_FIELD(rta_mfc_stats, mfcs_wrong_if, NLF_U, NULL),
};
static const struct nl_struct rta_mfc_stats = NL_STRUCT(rta_mfc_stats_fields, rta_mfc_stats);

/* struct rtvia: the family, then the address by it (hex for others). */
static bool rta_via(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const uint32_t at = offsetof(struct rtvia, rtvia_addr);
	if (len < sizeof(struct rtvia))
		return false;
	if (!nl_readable(a, off, sizeof(struct rtvia))) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint16_t family = rp_get_u16(a->data + off);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "rtvia_family");
	rp_e_enum(c->e, &rp_x_address_family, family);
	if (len > at) {
		const uint32_t need = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
		if (need && len - at >= need && nl_readable(a, off + at, need)) {
			rp_print_inet_addr(c, family, a->data + off + at, need, "rtvia_addr");
		} else {
			rp_e_key(c->e, "rtvia_addr");
			nl_print_hex(c, a, off + at, len - at);
		}
	}
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_xval rt_table = {&rp_x_routing_table_ids, 4};
static const struct nl_xval lwt_encap_type = {&rp_x_lwtunnel_encap_types, 2};

static nl_attr_fn rta_multipath;

static const struct nl_attr route_attrs[] = {
    [RTA_DST] = {nl_a_inet_addr, NULL},
    [RTA_SRC] = {nl_a_inet_addr, NULL},
    [RTA_IIF] = {nl_a_ifindex, NULL},
    [RTA_OIF] = {nl_a_ifindex, NULL},
    [RTA_GATEWAY] = {nl_a_inet_addr, NULL},
    [RTA_PRIORITY] = {nl_a_u32, NULL},
    [RTA_PREFSRC] = {nl_a_inet_addr, NULL},
    [RTA_METRICS] = {nl_a_nested, &rta_metrics_set},
    [RTA_MULTIPATH] = {rta_multipath, NULL},
    [RTA_PROTOINFO] = {nl_a_u32, NULL},
    [RTA_FLOW] = {nl_a_u32, NULL},
    [RTA_CACHEINFO] = {nl_a_struct, &rta_cacheinfo},
    [RTA_MP_ALGO] = {nl_a_u32, NULL},
    [RTA_TABLE] = {nl_a_xval, &rt_table},
    [RTA_MARK] = {nl_a_u32, NULL},
    [RTA_MFC_STATS] = {nl_a_struct, &rta_mfc_stats},
    [RTA_VIA] = {rta_via, NULL},
    [RTA_NEWDST] = {nl_a_inet_addr, NULL},
    [RTA_PREF] = {nl_a_u8, NULL},
    [RTA_ENCAP_TYPE] = {nl_a_xval, &lwt_encap_type},
    [RTA_EXPIRES] = {nl_a_u64, NULL},
    [RTA_UID] = {nl_a_u32, NULL},
    [RTA_TTL_PROPAGATE] = {nl_a_u8, NULL},
    [RTA_IP_PROTO] = {nl_a_u8, NULL},
    [RTA_SPORT] = {nl_a_u16, NULL},
    [RTA_DPORT] = {nl_a_u16, NULL},
};
static const struct nl_attr_set route_attr_set = NL_ATTR_SET(&rp_x_rtnl_route_attrs, route_attrs);

static const struct nl_field rtnexthop_fields[] = {
    NL_FIELD(rtnexthop, rtnh_len, NLF_U, NULL),
    NL_FIELD(rtnexthop, rtnh_flags, NLF_FLAGS, &rp_x_route_nexthop_flags),
    NL_FIELD(rtnexthop, rtnh_hops, NLF_U, NULL),
    NL_FIELD(rtnexthop, rtnh_ifindex, NLF_IFINDEX, NULL),
};

/* RTA_MULTIPATH: struct rtnexthop, each followed by its RTA_* attributes
 * (as [{nexthop}, attrs]), one or an array. */
static bool rta_multipath(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const uint32_t head = RTNH_ALIGN(sizeof(struct rtnexthop));
	if (len < sizeof(struct rtnexthop))
		return false;
	bool array = false;
	for (uint64_t cur = off, left = len;;) {
		if (!nl_readable(a, cur, sizeof(struct rtnexthop))) {
			rp_e_ptr(c->e, a->addr + cur);
			break;
		}
		const uint16_t nh_len = rp_get_u16(a->data + cur);
		const uint64_t upto = nh_len < left ? nh_len : left;
		if (cur == off && nh_len < len) {
			rp_e_open(c->e, '[');
			array = true;
		}
		if (upto > head)
			rp_e_open(c->e, '[');
		rp_e_open(c->e, '{');
		nl_print_fields(c, a->data + cur, rtnexthop_fields, 0,
				NL_ARRAY_LEN(rtnexthop_fields));
		rp_e_close(c->e, '}');
		if (upto > head) {
			nl_print_attrs(c, m, a, cur + head, upto - head, &route_attr_set);
			rp_e_close(c->e, ']');
		}
		const uint64_t step = RTNH_ALIGN(upto);
		if (step >= left)
			break;
		cur += step;
		left -= step;
	}
	if (array)
		rp_e_close(c->e, ']');
	return true;
}

static const struct nl_field rtmsg_fields[] = {
    NL_FIELD(rtmsg, rtm_family, NLF_FAMILY, NULL),
    NL_FIELD(rtmsg, rtm_dst_len, NLF_U, NULL),
    NL_FIELD(rtmsg, rtm_src_len, NLF_U, NULL),
    NL_FIELD(rtmsg, rtm_tos, NLF_FLAGS, &rp_x_ip_type_of_services),
    NL_FIELD(rtmsg, rtm_table, NLF_XVAL, &rp_x_routing_table_ids),
    NL_FIELD(rtmsg, rtm_protocol, NLF_XVAL, &rp_x_routing_protocols),
    NL_FIELD(rtmsg, rtm_scope, NLF_XVAL, &rp_x_routing_scopes),
    NL_FIELD(rtmsg, rtm_type, NLF_XVAL, &rp_x_routing_types),
    NL_FIELD(rtmsg, rtm_flags, NLF_FLAGS, &rp_x_routing_flags),
};

/* ---- neighbours: struct ndmsg, NDA_* ---- */

static const struct nl_field nda_cacheinfo_fields[] = {
    NL_FIELD(nda_cacheinfo, ndm_confirmed, NLF_U, NULL),
    NL_FIELD(nda_cacheinfo, ndm_used, NLF_U, NULL),
    NL_FIELD(nda_cacheinfo, ndm_updated, NLF_U, NULL),
    NL_FIELD(nda_cacheinfo, ndm_refcnt, NLF_U, NULL),
};
static const struct nl_struct nda_cacheinfo = NL_STRUCT(nda_cacheinfo_fields, nda_cacheinfo);

static const struct nl_xval fdb_notify_flags = {&rp_x_fdb_notify_flags, 1};
static const struct nl_attr fdb_ext_attrs[] = {
    [NFEA_ACTIVITY_NOTIFY] = {nl_a_flags, &fdb_notify_flags},
};
static const struct nl_attr_set fdb_ext_set =
    NL_ATTR_SET(&rp_x_rtnl_neigh_fdb_ext_attrs, fdb_ext_attrs);

static const struct nl_xval ntf_ext_flags = {&rp_x_neighbor_cache_entry_ext_flags, 4};
static const struct nl_xval nud_states = {&rp_x_neighbor_cache_entry_states, 2};
static const struct nl_xval ntf_flags = {&rp_x_neighbor_cache_entry_flags, 1};

static const struct nl_attr neigh_attrs[] = {
    [NDA_DST] = {nl_a_inet_addr, NULL},
    [NDA_LLADDR] = {nl_a_hwaddr, NULL},
    [NDA_CACHEINFO] = {nl_a_struct, &nda_cacheinfo},
    [NDA_PROBES] = {nl_a_u32, NULL},
    [NDA_VLAN] = {nl_a_u16, NULL},
    [NDA_PORT] = {nl_a_be16, NULL},
    [NDA_VNI] = {nl_a_u32, NULL},
    [NDA_IFINDEX] = {nl_a_ifindex, NULL},
    [NDA_MASTER] = {nl_a_ifindex, NULL},
    [NDA_LINK_NETNSID] = {nl_a_u32, NULL},
    [NDA_SRC_VNI] = {nl_a_u32, NULL},
    [NDA_PROTOCOL] = {nl_a_ip_proto, NULL},
    [NDA_NH_ID] = {nl_a_u32, NULL},
    [NDA_FDB_EXT_ATTRS] = {nl_a_nested, &fdb_ext_set},
    [NDA_FLAGS_EXT] = {nl_a_flags, &ntf_ext_flags},
    [NDA_NDM_STATE_MASK] = {nl_a_flags, &nud_states},
    [NDA_NDM_FLAGS_MASK] = {nl_a_flags, &ntf_flags},
};
static const struct nl_attr_set neigh_attr_set = NL_ATTR_SET(&rp_x_rtnl_neigh_attrs, neigh_attrs);

static const struct nl_field ndmsg_fields[] = {
    NL_FIELD(ndmsg, ndm_family, NLF_FAMILY, NULL),
    NL_FIELD(ndmsg, ndm_ifindex, NLF_IFINDEX, NULL),
    NL_FIELD(ndmsg, ndm_state, NLF_FLAGS, &rp_x_neighbor_cache_entry_states),
    NL_FIELD(ndmsg, ndm_flags, NLF_FLAGS, &rp_x_neighbor_cache_entry_flags),
    NL_FIELD(ndmsg, ndm_type, NLF_XVAL, &rp_x_routing_types),
};

/* ---- rules: struct fib_rule_hdr, FRA_* ---- */

static const struct nl_field fib_rule_range_fields[] = {
    NL_FIELD(fib_rule_uid_range, start, NLF_U, NULL),
    NL_FIELD(fib_rule_uid_range, end, NLF_U, NULL),
};
static const struct nl_struct fib_rule_uid_range =
    NL_STRUCT(fib_rule_range_fields, fib_rule_uid_range);
static const struct nl_field fib_rule_port_fields[] = {
    NL_FIELD(fib_rule_port_range, start, NLF_U, NULL),
    NL_FIELD(fib_rule_port_range, end, NLF_U, NULL),
};
static const struct nl_struct fib_rule_port_range =
    NL_STRUCT(fib_rule_port_fields, fib_rule_port_range);
static const struct nl_xval rt_protocol = {&rp_x_routing_protocols, 1};

static const struct nl_attr rule_attrs[] = {
    [FRA_DST] = {nl_a_inet_addr, NULL},
    [FRA_SRC] = {nl_a_inet_addr, NULL},
    [FRA_IIFNAME] = {nl_a_str, NULL},
    [FRA_GOTO] = {nl_a_u32, NULL},
    [FRA_PRIORITY] = {nl_a_u32, NULL},
    [FRA_FWMARK] = {nl_a_u32, NULL},
    [FRA_FLOW] = {nl_a_u32, NULL},
    [FRA_TUN_ID] = {nl_a_be64, NULL},
    [FRA_SUPPRESS_IFGROUP] = {nl_a_u32, NULL},
    [FRA_SUPPRESS_PREFIXLEN] = {nl_a_u32, NULL},
    [FRA_TABLE] = {nl_a_xval, &rt_table},
    [FRA_FWMASK] = {nl_a_u32, NULL},
    [FRA_OIFNAME] = {nl_a_str, NULL},
    [FRA_L3MDEV] = {nl_a_u8, NULL},
    [FRA_UID_RANGE] = {nl_a_struct, &fib_rule_uid_range},
    [FRA_PROTOCOL] = {nl_a_xval, &rt_protocol},
    [FRA_IP_PROTO] = {nl_a_ip_proto, NULL},
    [FRA_SPORT_RANGE] = {nl_a_struct, &fib_rule_port_range},
    [FRA_DPORT_RANGE] = {nl_a_struct, &fib_rule_port_range},
};
static const struct nl_attr_set rule_attr_set = NL_ATTR_SET(&rp_x_rtnl_rule_attrs, rule_attrs);

static const struct nl_field fib_rule_fields[] = {
    NL_FIELD(fib_rule_hdr, family, NLF_FAMILY, NULL),
    NL_FIELD(fib_rule_hdr, dst_len, NLF_U, NULL),
    NL_FIELD(fib_rule_hdr, src_len, NLF_U, NULL),
    NL_FIELD(fib_rule_hdr, tos, NLF_FLAGS, &rp_x_ip_type_of_services),
    NL_FIELD(fib_rule_hdr, table, NLF_XVAL, &rp_x_routing_table_ids_fib_rule),
    NL_FIELD(fib_rule_hdr, action, NLF_XVAL, &rp_x_fib_rule_actions),
    NL_FIELD(fib_rule_hdr, flags, NLF_FLAGS, &rp_x_fib_rule_flags),
};

/* ---- traffic control: struct tcmsg, TCA_*; struct tcamsg, TCA_ACT_* ---- */

/* The counters' structs are read only up to their last member (no tail
 * padding), as strace does: NL_STRUCT_TO. */

static const struct nl_field tc_stats_fields[] = {
    NL_FIELD(tc_stats, bytes, NLF_U, NULL), NL_FIELD(tc_stats, packets, NLF_U, NULL),
    NL_FIELD(tc_stats, drops, NLF_U, NULL), NL_FIELD(tc_stats, overlimits, NLF_U, NULL),
    NL_FIELD(tc_stats, bps, NLF_U, NULL),   NL_FIELD(tc_stats, pps, NLF_U, NULL),
    NL_FIELD(tc_stats, qlen, NLF_U, NULL),  NL_FIELD(tc_stats, backlog, NLF_U, NULL),
};
static const struct nl_struct tc_stats = NL_STRUCT_TO(tc_stats_fields, tc_stats, backlog);

static const struct nl_field tc_estimator_fields[] = {
    NL_FIELD(tc_estimator, interval, NLF_D, NULL),
    NL_FIELD(tc_estimator, ewma_log, NLF_U, NULL),
};
static const struct nl_struct tc_estimator = NL_STRUCT(tc_estimator_fields, tc_estimator);

static const struct nl_field gnet_stats_basic_fields[] = {
    NL_FIELD(gnet_stats_basic, bytes, NLF_U, NULL),
    NL_FIELD(gnet_stats_basic, packets, NLF_U, NULL),
};
static const struct nl_struct gnet_stats_basic =
    NL_STRUCT_TO(gnet_stats_basic_fields, gnet_stats_basic, packets);

static const struct nl_field gnet_stats_rate_est_fields[] = {
    NL_FIELD(gnet_stats_rate_est, bps, NLF_U, NULL),
    NL_FIELD(gnet_stats_rate_est, pps, NLF_U, NULL),
};
static const struct nl_struct gnet_stats_rate_est =
    NL_STRUCT(gnet_stats_rate_est_fields, gnet_stats_rate_est);

static const struct nl_field gnet_stats_queue_fields[] = {
    NL_FIELD(gnet_stats_queue, qlen, NLF_U, NULL),
    NL_FIELD(gnet_stats_queue, backlog, NLF_U, NULL),
    NL_FIELD(gnet_stats_queue, drops, NLF_U, NULL),
    NL_FIELD(gnet_stats_queue, requeues, NLF_U, NULL),
    NL_FIELD(gnet_stats_queue, overlimits, NLF_U, NULL),
};
static const struct nl_struct gnet_stats_queue =
    NL_STRUCT(gnet_stats_queue_fields, gnet_stats_queue);

static const struct nl_field gnet_stats_rate_est64_fields[] = {
    NL_FIELD(gnet_stats_rate_est64, bps, NLF_U, NULL),
    NL_FIELD(gnet_stats_rate_est64, pps, NLF_U, NULL),
};
static const struct nl_struct gnet_stats_rate_est64 =
    NL_STRUCT(gnet_stats_rate_est64_fields, gnet_stats_rate_est64);

static const struct nl_attr tca_stats_attrs[] = {
    [TCA_STATS_BASIC] = {nl_a_struct, &gnet_stats_basic},
    [TCA_STATS_RATE_EST] = {nl_a_struct, &gnet_stats_rate_est},
    [TCA_STATS_QUEUE] = {nl_a_struct, &gnet_stats_queue},
    [TCA_STATS_RATE_EST64] = {nl_a_struct, &gnet_stats_rate_est64},
    [TCA_STATS_BASIC_HW] = {nl_a_struct, &gnet_stats_basic},
    [TCA_STATS_PKT64] = {nl_a_u64, NULL},
};
static const struct nl_attr_set tca_stats_set =
    NL_ATTR_SET(&rp_x_rtnl_tca_stats_attrs, tca_stats_attrs);

static const struct nl_field tc_sizespec_fields[] = {
    NL_FIELD(tc_sizespec, cell_log, NLF_U, NULL),   NL_FIELD(tc_sizespec, size_log, NLF_U, NULL),
    NL_FIELD(tc_sizespec, cell_align, NLF_D, NULL), NL_FIELD(tc_sizespec, overhead, NLF_D, NULL),
    NL_FIELD(tc_sizespec, linklayer, NLF_U, NULL),  NL_FIELD(tc_sizespec, mpu, NLF_U, NULL),
    NL_FIELD(tc_sizespec, mtu, NLF_U, NULL),	    NL_FIELD(tc_sizespec, tsize, NLF_U, NULL),
};
static const struct nl_struct tc_sizespec = NL_STRUCT(tc_sizespec_fields, tc_sizespec);

static const struct nl_attr tca_stab_attrs[] = {
    [TCA_STAB_BASE] = {nl_a_struct, &tc_sizespec},
    [TCA_STAB_DATA] = {nl_a_u16_array, NULL},
};
static const struct nl_attr_set tca_stab_set =
    NL_ATTR_SET(&rp_x_rtnl_tca_stab_attrs, tca_stab_attrs);

static const struct nl_attr tc_attrs[] = {
    [TCA_KIND] = {nl_a_str, NULL},
    [TCA_STATS] = {nl_a_struct, &tc_stats},
    [TCA_RATE] = {nl_a_struct, &tc_estimator},
    [TCA_FCNT] = {nl_a_u32, NULL},
    [TCA_STATS2] = {nl_a_nested, &tca_stats_set},
    [TCA_STAB] = {nl_a_nested, &tca_stab_set},
    [TCA_CHAIN] = {nl_a_u32, NULL},
    [TCA_HW_OFFLOAD] = {nl_a_u8, NULL},
    [TCA_INGRESS_BLOCK] = {nl_a_u32, NULL},
    [TCA_EGRESS_BLOCK] = {nl_a_u32, NULL},
    [TCA_DUMP_FLAGS] = {nl_a_u32, NULL},
};
static const struct nl_attr_set tc_attr_set = NL_ATTR_SET(&rp_x_rtnl_tc_attrs, tc_attrs);

static const struct nl_field tcmsg_fields[] = {
    NL_FIELD(tcmsg, tcm_family, NLF_FAMILY, NULL), NL_FIELD(tcmsg, tcm_ifindex, NLF_IFINDEX, NULL),
    NL_FIELD(tcmsg, tcm_handle, NLF_U, NULL),	   NL_FIELD(tcmsg, tcm_parent, NLF_U, NULL),
    NL_FIELD(tcmsg, tcm_info, NLF_U, NULL),
};

static const struct nl_xval tca_act_flags = {&rp_x_rtnl_tca_act_flags, 4};
static const struct nl_xval tca_act_hw_stats = {&rp_x_rtnl_tca_act_hw_stats, 4};
static const struct nl_attr tc_action_attrs[] = {
    [TCA_ACT_KIND] = {nl_a_str, NULL},
    [TCA_ACT_INDEX] = {nl_a_u32, NULL},
    [TCA_ACT_STATS] = {nl_a_nested, &tca_stats_set},
    [TCA_ACT_FLAGS] = {nl_a_flags, &tca_act_flags},
    [TCA_ACT_HW_STATS] = {nl_a_flags, &tca_act_hw_stats},
    [TCA_ACT_USED_HW_STATS] = {nl_a_flags, &tca_act_hw_stats},
    [TCA_ACT_IN_HW_COUNT] = {nl_a_u32, NULL},
};
static const struct nl_attr_set tc_action_attr_set =
    NL_ATTR_SET(&rp_x_rtnl_tc_action_attrs, tc_action_attrs);

static const struct nl_field tcamsg_fields[] = {
    NL_FIELD(tcamsg, tca_family, NLF_FAMILY, NULL),
};

/* ---- address labels, DCB, netconf, bridge mdb, neighbour tables,
 * nexthops, namespace ids ---- */

static const struct nl_attr_set addrlabel_attr_set = {&rp_x_rtnl_addrlabel_attrs, NULL, 0};

static const struct nl_field ifaddrlblmsg_fields[] = {
    NL_FIELD(ifaddrlblmsg, ifal_family, NLF_FAMILY, NULL),
    NL_FIELD(ifaddrlblmsg, ifal_prefixlen, NLF_U, NULL),
    NL_FIELD(ifaddrlblmsg, ifal_flags, NLF_U, NULL),
    NL_FIELD(ifaddrlblmsg, ifal_index, NLF_IFINDEX, NULL),
    NL_FIELD(ifaddrlblmsg, ifal_seq, NLF_U, NULL),
};

static const struct nl_attr_set dcb_attr_set = {&rp_x_rtnl_dcb_attrs, NULL, 0};

static const struct nl_field dcbmsg_fields[] = {
    NL_FIELD(dcbmsg, dcb_family, NLF_FAMILY, NULL),
    NL_FIELD(dcbmsg, cmd, NLF_XVAL, &rp_x_dcb_commands),
};

static const struct nl_attr_set netconf_attr_set = {&rp_x_rtnl_netconf_attrs, NULL, 0};

static const struct nl_field netconfmsg_fields[] = {
    NL_FIELD(netconfmsg, ncm_family, NLF_FAMILY, NULL),
};

static const struct nl_attr mdb_eattr_attrs[] = {
    [MDBA_MDB_EATTR_TIMER] = {nl_a_clock_t, NULL},
};
static const struct nl_attr_set mdb_eattr_set =
    NL_ATTR_SET(&rp_x_rtnl_mdba_mdb_eattr_attrs, mdb_eattr_attrs);

static const struct nl_field br_mdb_entry_fields[] = {
    NL_FIELD(br_mdb_entry, ifindex, NLF_IFINDEX, NULL),
    NL_FIELD(br_mdb_entry, state, NLF_XVAL, &rp_x_mdb_states),
    NL_FIELD(br_mdb_entry, flags, NLF_FLAGS, &rp_x_mdb_flags),
    NL_FIELD(br_mdb_entry, vid, NLF_U, NULL),
};

/* struct br_mdb_entry: its group address by the family in addr.proto
 * (network order), then the entry's attributes. */
static bool mdb_entry_info(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			   uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	const size_t size = sizeof(struct br_mdb_entry);
	if (len < size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint8_t *const p = a->data + off;
	const size_t at = offsetof(struct br_mdb_entry, addr);
	const size_t proto_at = at + offsetof(__typeof__(((struct br_mdb_entry *)0)->addr), proto);
	const uint16_t proto = (uint16_t)(p[proto_at] << 8 | p[proto_at + 1]);
	rp_e_open(c->e, '{');
	nl_print_fields(c, p, br_mdb_entry_fields, 0, NL_ARRAY_LEN(br_mdb_entry_fields));
	rp_e_key(c->e, "addr");
	rp_e_open(c->e, '{');
	if (proto == AF_INET || proto == AF_INET6) {
		rp_print_inet_addr(c, proto, p + at, proto_at - at, "u");
	} else {
		rp_e_key(c->e, "u");
		rp_e_bytes_hex(c->e, p + at, proto_at - at, false);
	}
	rp_e_key(c->e, "proto");
	if (c->e->json) {
		rp_e_enum(c->e, &rp_x_address_family, proto);
	} else {
		struct rp_buf b = {0};
		rp_buf_puts(&b, "htons(");
		rp_xlat_enum_text(&b, rp_e_xstyle(c->e), &rp_x_address_family, proto);
		rp_buf_puts(&b, ")");
		rp_e_raw(c->e, b.data);
		rp_buf_free(&b);
	}
	rp_e_close(c->e, '}');
	rp_e_close(c->e, '}');
	if (len > NL_ALIGN(size))
		nl_print_attrs(c, m, a, off + NL_ALIGN(size), len - NL_ALIGN(size), &mdb_eattr_set);
	return true;
}

static const struct nl_attr mdb_entry_attrs[] = {
    [MDBA_MDB_ENTRY_INFO] = {mdb_entry_info, NULL},
};
static const struct nl_attr_set mdb_entry_set =
    NL_ATTR_SET(&rp_x_rtnl_mdba_mdb_entry_attrs, mdb_entry_attrs);
static const struct nl_attr mdb_mdb_attrs[] = {
    [MDBA_MDB_ENTRY] = {nl_a_nested, &mdb_entry_set},
};
static const struct nl_attr_set mdb_mdb_set = NL_ATTR_SET(&rp_x_rtnl_mdba_mdb_attrs, mdb_mdb_attrs);

static const struct nl_xval mdb_router_type = {&rp_x_multicast_router_types, 1};
static const struct nl_attr mdb_router_pattr_attrs[] = {
    [MDBA_ROUTER_PATTR_TIMER] = {nl_a_clock_t, NULL},
    [MDBA_ROUTER_PATTR_TYPE] = {nl_a_xval, &mdb_router_type},
    [MDBA_ROUTER_PATTR_INET_TIMER] = {nl_a_clock_t, NULL},
    [MDBA_ROUTER_PATTR_INET6_TIMER] = {nl_a_clock_t, NULL},
};
static const struct nl_attr_set mdb_router_pattr_set =
    NL_ATTR_SET(&rp_x_rtnl_mdba_router_pattr_attrs, mdb_router_pattr_attrs);

/* MDBA_ROUTER_PORT: an interface index, then the port's attributes. */
static bool mdb_router_port(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			    uint64_t off, uint32_t len, const void *arg)
{
	(void)arg;
	if (!nl_a_ifindex(c, m, a, off, len, NULL))
		return false;
	if (len > NL_ALIGN(4))
		nl_print_attrs(c, m, a, off + NL_ALIGN(4), len - NL_ALIGN(4),
			       &mdb_router_pattr_set);
	return true;
}

static const struct nl_attr mdb_router_attrs[] = {
    [MDBA_ROUTER_PORT] = {mdb_router_port, NULL},
};
static const struct nl_attr_set mdb_router_set =
    NL_ATTR_SET(&rp_x_rtnl_mdba_router_attrs, mdb_router_attrs);

static const struct nl_attr mdb_attrs[] = {
    [MDBA_MDB] = {nl_a_nested, &mdb_mdb_set},
    [MDBA_ROUTER] = {nl_a_nested, &mdb_router_set},
};
static const struct nl_attr_set mdb_attr_set = NL_ATTR_SET(&rp_x_rtnl_mdb_attrs, mdb_attrs);

static const struct nl_field br_port_msg_fields[] = {
    NL_FIELD(br_port_msg, family, NLF_FAMILY, NULL),
    NL_FIELD(br_port_msg, ifindex, NLF_IFINDEX, NULL),
};

static const struct nl_attr neightbl_parms_attrs[] = {
    [NDTPA_IFINDEX] = {nl_a_ifindex, NULL},	 [NDTPA_REFCNT] = {nl_a_u32, NULL},
    [NDTPA_REACHABLE_TIME] = {nl_a_u64, NULL},	 [NDTPA_BASE_REACHABLE_TIME] = {nl_a_u64, NULL},
    [NDTPA_RETRANS_TIME] = {nl_a_u64, NULL},	 [NDTPA_GC_STALETIME] = {nl_a_u64, NULL},
    [NDTPA_DELAY_PROBE_TIME] = {nl_a_u64, NULL}, [NDTPA_QUEUE_LEN] = {nl_a_u32, NULL},
    [NDTPA_APP_PROBES] = {nl_a_u32, NULL},	 [NDTPA_UCAST_PROBES] = {nl_a_u32, NULL},
    [NDTPA_MCAST_PROBES] = {nl_a_u32, NULL},	 [NDTPA_ANYCAST_DELAY] = {nl_a_u64, NULL},
    [NDTPA_PROXY_DELAY] = {nl_a_u64, NULL},	 [NDTPA_PROXY_QLEN] = {nl_a_u32, NULL},
    [NDTPA_LOCKTIME] = {nl_a_u64, NULL},	 [NDTPA_QUEUE_LENBYTES] = {nl_a_u32, NULL},
    [NDTPA_MCAST_REPROBES] = {nl_a_u32, NULL},	 [NDTPA_INTERVAL_PROBE_TIME_MS] = {nl_a_u64, NULL},
};
static const struct nl_attr_set neightbl_parms_set =
    NL_ATTR_SET(&rp_x_rtnl_neightbl_parms_attrs, neightbl_parms_attrs);

static const struct nl_field ndt_config_fields[] = {
    NL_FIELD(ndt_config, ndtc_key_len, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_entry_size, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_entries, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_last_flush, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_last_rand, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_hash_rnd, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_hash_mask, NLF_0X, NULL),
    NL_FIELD(ndt_config, ndtc_hash_chain_gc, NLF_U, NULL),
    NL_FIELD(ndt_config, ndtc_proxy_qlen, NLF_U, NULL),
};
static const struct nl_struct ndt_config = NL_STRUCT(ndt_config_fields, ndt_config);

static const struct nl_field ndt_stats_fields[] = {
    NL_FIELD(ndt_stats, ndts_allocs, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_destroys, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_hash_grows, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_res_failed, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_lookups, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_hits, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_rcv_probes_mcast, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_rcv_probes_ucast, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_periodic_gc_runs, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_forced_gc_runs, NLF_U, NULL),
    NL_FIELD(ndt_stats, ndts_table_fulls, NLF_U, NULL),
};

/* struct ndt_stats: whole, or without ndts_table_fulls (older kernels')
 * when exactly that short. */
static bool ndt_stats(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	const size_t whole = sizeof(struct ndt_stats);
	const size_t old = offsetof(struct ndt_stats, ndts_table_fulls);
	const size_t size = len >= whole ? whole : len == old ? old : 0;
	if (!size)
		return false;
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const size_t n = NL_ARRAY_LEN(ndt_stats_fields) - (size == old);
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, ndt_stats_fields, 0, n);
	rp_e_close(c->e, '}');
	return true;
}

static const struct nl_attr neightbl_attrs[] = {
    [NDTA_NAME] = {nl_a_str, NULL},
    [NDTA_THRESH1] = {nl_a_u32, NULL},
    [NDTA_THRESH2] = {nl_a_u32, NULL},
    [NDTA_THRESH3] = {nl_a_u32, NULL},
    [NDTA_CONFIG] = {nl_a_struct, &ndt_config},
    [NDTA_PARMS] = {nl_a_nested, &neightbl_parms_set},
    [NDTA_STATS] = {ndt_stats, NULL},
    [NDTA_GC_INTERVAL] = {nl_a_u64, NULL},
};
static const struct nl_attr_set neightbl_attr_set =
    NL_ATTR_SET(&rp_x_rtnl_neightbl_attrs, neightbl_attrs);

static const struct nl_field ndtmsg_fields[] = {
    NL_FIELD(ndtmsg, ndtm_family, NLF_FAMILY, NULL),
};

static const struct nl_attr_set nexthop_attr_set = {&rp_x_rtnl_nexthop_attrs, NULL, 0};

static const struct nl_field nhmsg_fields[] = {
    NL_FIELD(nhmsg, nh_family, NLF_FAMILY, NULL),
    NL_FIELD(nhmsg, nh_scope, NLF_XVAL, &rp_x_routing_scopes),
    NL_FIELD(nhmsg, nh_protocol, NLF_XVAL, &rp_x_routing_protocols),
    NL_FIELD(nhmsg, resvd, NLF_X_NONZERO, NULL),
    NL_FIELD(nhmsg, nh_flags, NLF_FLAGS, &rp_x_route_nexthop_flags),
};

static const struct nl_attr nsid_attrs[] = {
    [NETNSA_NSID] = {nl_a_s32, NULL},
    [NETNSA_PID] = {nl_a_u32, NULL},
    [NETNSA_FD] = {nl_a_fd, NULL},
    [NETNSA_TARGET_NSID] = {nl_a_s32, NULL},
    [NETNSA_CURRENT_NSID] = {nl_a_s32, NULL},
};
static const struct nl_attr_set nsid_attr_set = NL_ATTR_SET(&rp_x_rtnl_nsid_attrs, nsid_attrs);

static const struct nl_field rtgenmsg_fields[] = {
    NL_FIELD(rtgenmsg, rtgen_family, NLF_FAMILY, NULL),
};

/* ---- multicast routing cache reports ---- */

static const struct nl_xval ipmra_msg_type = {&rp_x_rtnl_ipmra_msg_types, 1};
static const struct nl_attr ipmra_creport_attrs[] = {
    [IPMRA_CREPORT_MSGTYPE] = {nl_a_xval, &ipmra_msg_type},
    [IPMRA_CREPORT_VIF_ID] = {nl_a_u32, NULL},
    [IPMRA_CREPORT_SRC_ADDR] = {nl_a_in_addr, NULL},
    [IPMRA_CREPORT_DST_ADDR] = {nl_a_in_addr, NULL},
    [IPMRA_CREPORT_TABLE] = {nl_a_u32, NULL},
};
static const struct nl_attr_set ipmra_creport_set =
    NL_ATTR_SET(&rp_x_rtnl_ipmra_creport_attr, ipmra_creport_attrs);

static const struct nl_xval ip6mra_msg_type = {&rp_x_rtnl_ip6mra_msg_types, 1};
static const struct nl_attr ip6mra_creport_attrs[] = {
    [IP6MRA_CREPORT_MSGTYPE] = {nl_a_xval, &ip6mra_msg_type},
    [IP6MRA_CREPORT_MIF_ID] = {nl_a_u32, NULL},
    [IP6MRA_CREPORT_SRC_ADDR] = {nl_a_in6_addr, NULL},
    [IP6MRA_CREPORT_DST_ADDR] = {nl_a_in6_addr, NULL},
};
static const struct nl_attr_set ip6mra_creport_set =
    NL_ATTR_SET(&rp_x_rtnl_ip6mra_creport_attr, ip6mra_creport_attrs);

static const struct nl_field cachereport_fields[] = {
    NL_FIELD(rtgenmsg, rtgen_family, NLF_XVAL, &rp_x_rtnl_family),
};

/* RTM_NEWCACHEREPORT: a struct rtgenmsg whose family (RTNL_FAMILY_IPMR or
 * _IP6MR) says which attributes follow; other families' are hex. */
void nl_print_cachereport(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint64_t len)
{
	static const struct nl_attr_set hex = {NULL, NULL, 0};
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, cachereport_fields, 0, 1);
	rp_e_close(c->e, '}');
	const uint64_t at = NL_ALIGN(sizeof(struct rtgenmsg));
	if (len <= at)
		return;
	const uint8_t family = a->data[off];
	const struct nl_attr_set *const set = family == RTNL_FAMILY_IPMR    ? &ipmra_creport_set
					      : family == RTNL_FAMILY_IP6MR ? &ip6mra_creport_set
									    : &hex;
	if (set == &hex)
		nl_print_hex(c, a, off + at, len - at);
	else
		nl_print_attrs(c, m, a, off + at, len - at, set);
}

/* ---- dispatch ---- */

/* A message kind: its fixed struct and the attributes after it. */
struct route_msg {
	const struct nl_field *fields;
	size_t nfields, size;
	const struct nl_attr_set *attrs;
};
#define ROUTE_MSG(fields_, type, attrs_)                                                           \
	{                                                                                          \
		(fields_), NL_ARRAY_LEN(fields_), sizeof(struct type), (attrs_)                    \
	}

static const struct route_msg addr_msg = ROUTE_MSG(ifaddrmsg_fields, ifaddrmsg, &addr_attr_set);
static const struct route_msg route_msg = ROUTE_MSG(rtmsg_fields, rtmsg, &route_attr_set);
static const struct route_msg neigh_msg = ROUTE_MSG(ndmsg_fields, ndmsg, &neigh_attr_set);
static const struct route_msg rule_msg = ROUTE_MSG(fib_rule_fields, fib_rule_hdr, &rule_attr_set);
static const struct route_msg tc_msg = ROUTE_MSG(tcmsg_fields, tcmsg, &tc_attr_set);
static const struct route_msg tca_msg = ROUTE_MSG(tcamsg_fields, tcamsg, &tc_action_attr_set);
static const struct route_msg addrlabel_msg =
    ROUTE_MSG(ifaddrlblmsg_fields, ifaddrlblmsg, &addrlabel_attr_set);
static const struct route_msg dcb_msg = ROUTE_MSG(dcbmsg_fields, dcbmsg, &dcb_attr_set);
static const struct route_msg netconf_msg =
    ROUTE_MSG(netconfmsg_fields, netconfmsg, &netconf_attr_set);
static const struct route_msg mdb_msg = ROUTE_MSG(br_port_msg_fields, br_port_msg, &mdb_attr_set);
static const struct route_msg neightbl_msg = ROUTE_MSG(ndtmsg_fields, ndtmsg, &neightbl_attr_set);
static const struct route_msg nexthop_msg = ROUTE_MSG(nhmsg_fields, nhmsg, &nexthop_attr_set);
static const struct route_msg nsid_msg = ROUTE_MSG(rtgenmsg_fields, rtgenmsg, &nsid_attr_set);

/* The message kind of each type (RTM_GETNEIGH with AF_BRIDGE is a link
 * message, chosen below). */
static const struct route_msg *const route_msgs[] = {
    [RTM_NEWADDR] = &addr_msg,
    [RTM_DELADDR] = &addr_msg,
    [RTM_GETADDR] = &addr_msg,
    [RTM_GETMULTICAST] = &addr_msg,
    [RTM_GETANYCAST] = &addr_msg,
    [RTM_NEWROUTE] = &route_msg,
    [RTM_DELROUTE] = &route_msg,
    [RTM_GETROUTE] = &route_msg,
    [RTM_NEWNEIGH] = &neigh_msg,
    [RTM_DELNEIGH] = &neigh_msg,
    [RTM_GETNEIGH] = &neigh_msg,
    [RTM_NEWRULE] = &rule_msg,
    [RTM_DELRULE] = &rule_msg,
    [RTM_GETRULE] = &rule_msg,
    [RTM_NEWQDISC] = &tc_msg,
    [RTM_DELQDISC] = &tc_msg,
    [RTM_GETQDISC] = &tc_msg,
    [RTM_NEWTCLASS] = &tc_msg,
    [RTM_DELTCLASS] = &tc_msg,
    [RTM_GETTCLASS] = &tc_msg,
    [RTM_NEWTFILTER] = &tc_msg,
    [RTM_DELTFILTER] = &tc_msg,
    [RTM_GETTFILTER] = &tc_msg,
    [RTM_NEWCHAIN] = &tc_msg,
    [RTM_DELCHAIN] = &tc_msg,
    [RTM_GETCHAIN] = &tc_msg,
    [RTM_NEWACTION] = &tca_msg,
    [RTM_DELACTION] = &tca_msg,
    [RTM_GETACTION] = &tca_msg,
    [RTM_NEWNEIGHTBL] = &neightbl_msg,
    [RTM_GETNEIGHTBL] = &neightbl_msg,
    [RTM_SETNEIGHTBL] = &neightbl_msg,
    [RTM_NEWADDRLABEL] = &addrlabel_msg,
    [RTM_DELADDRLABEL] = &addrlabel_msg,
    [RTM_GETADDRLABEL] = &addrlabel_msg,
    [RTM_GETDCB] = &dcb_msg,
    [RTM_SETDCB] = &dcb_msg,
    [RTM_NEWNETCONF] = &netconf_msg,
    [RTM_DELNETCONF] = &netconf_msg,
    [RTM_GETNETCONF] = &netconf_msg,
    [RTM_NEWMDB] = &mdb_msg,
    [RTM_DELMDB] = &mdb_msg,
    [RTM_GETMDB] = &mdb_msg,
    [RTM_NEWNSID] = &nsid_msg,
    [RTM_DELNSID] = &nsid_msg,
    [RTM_GETNSID] = &nsid_msg,
    [RTM_NEWNEXTHOP] = &nexthop_msg,
    [RTM_DELNEXTHOP] = &nexthop_msg,
    [RTM_GETNEXTHOP] = &nexthop_msg,
};

static bool route_payload(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint64_t len)
{
	if (m->type == NLMSG_DONE)
		return false;
	if (!nl_readable(a, off, 1)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	if ((m->type >= RTM_NEWLINK && m->type <= RTM_SETLINK) ||
	    (m->type == RTM_GETNEIGH && m->family == AF_BRIDGE)) {
		nl_print_link_msg(c, m, a, off, len);
		return true;
	}
	if (m->type == RTM_NEWSTATS || m->type == RTM_GETSTATS) {
		nl_print_stats_msg(c, m, a, off, len);
		return true;
	}
	if (m->type == RTM_NEWCACHEREPORT) {
		nl_print_cachereport(c, m, a, off, len);
		return true;
	}
	const struct route_msg *const r =
	    m->type < NL_ARRAY_LEN(route_msgs) ? route_msgs[m->type] : NULL;
	if (!r) {
		nl_print_family_data(c, a, off, len);
		return true;
	}
	nl_print_head_attrs(c, m, a, off, len, r->fields, r->nfields, r->size, r->attrs);
	return true;
}

static const struct rp_xlat *route_flag_names(uint16_t type)
{
	if (type == RTM_DELACTION) /* NLM_F_ROOT's bits */
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

const struct nl_protocol nl_route_protocol = {
    .types = &rp_x_nl_route_types,
    .flag_names = route_flag_names,
    .payload = route_payload,
};
