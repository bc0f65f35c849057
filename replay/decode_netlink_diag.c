/* NETLINK_SOCK_DIAG messages, as strace 6.1 prints them (its
 * netlink_sock_diag.c and netlink_*_diag.c): requests and answers by the
 * family they are about. */
#include "netlink.h"

#include <linux/sock_diag.h>
#include <sys/socket.h>

/* The families strace 6.1 decodes sock_diag messages of (by their structs,
 * which are not decoded here yet). */
static bool family_decoded(uint8_t family)
{
	return family == AF_UNIX || family == AF_INET || family == AF_INET6 ||
	       family == AF_NETLINK || family == AF_PACKET || family == AF_SMC;
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
	if (len > 1 && family_decoded(a->data[off]))
		return false;
	nl_print_family_data(c, a, off, len);
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
