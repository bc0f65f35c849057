/* NETLINK_ROUTE's link messages (struct ifinfomsg and its IFLA_*
 * attributes) and link statistics (struct if_stats_msg, IFLA_STATS_*), as
 * strace 6.1 prints them (its rtnl_link.c and rtnl_stats.c). */
#include "netlink.h"

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stddef.h>

#define FIELD(type, member, kind, x)                                                               \
	{                                                                                          \
#member, offsetof(struct type, member), sizeof(((struct type *)0)->member),        \
		    (kind), (x)                                                                    \
	}

static const struct nl_attr_set link_attr_set = {&rp_x_rtnl_link_attrs, NULL, 0};

static const struct nl_field ifinfomsg_fields[] = {
    FIELD(ifinfomsg, ifi_family, NLF_FAMILY, NULL),
    FIELD(ifinfomsg, ifi_type, NLF_XVAL, &rp_x_arphrd),
    FIELD(ifinfomsg, ifi_index, NLF_IFINDEX, NULL),
    FIELD(ifinfomsg, ifi_flags, NLF_FLAGS, &rp_x_iffflags),
    FIELD(ifinfomsg, ifi_change, NLF_X, NULL),
};

void nl_print_link_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint64_t len)
{
	nl_print_head_attrs(c, m, a, off, len, ifinfomsg_fields, NL_ARRAY_LEN(ifinfomsg_fields),
			    sizeof(struct ifinfomsg), &link_attr_set);
}

static const struct nl_attr_set stats_attr_set = {&rp_x_ifstats_attrs, NULL, 0};

static const struct nl_field if_stats_msg_fields[] = {
    FIELD(if_stats_msg, family, NLF_FAMILY, NULL),  FIELD(if_stats_msg, pad1, NLF_X_NONZERO, NULL),
    FIELD(if_stats_msg, pad2, NLF_X_NONZERO, NULL), FIELD(if_stats_msg, ifindex, NLF_IFINDEX, NULL),
    FIELD(if_stats_msg, filter_mask, NLF_X, NULL),
};

void nl_print_stats_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint64_t len)
{
	nl_print_head_attrs(c, m, a, off, len, if_stats_msg_fields,
			    NL_ARRAY_LEN(if_stats_msg_fields), sizeof(struct if_stats_msg),
			    &stats_attr_set);
}
