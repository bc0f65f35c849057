/* tp_fam_netlink: netlink messages on sendto and recvfrom, for the
 * differential test against strace.
 *
 * Usage: tp_fam_netlink DIR
 * The sockets bind to a port id made from DIR, not the pid: the kernel's
 * answers carry it, and their bytes (-e read=, -e raw=) would differ
 * between the run under strace and the one under strec.
 * Only requests that change nothing: route, neighbour, rule, qdisc, nsid,
 * address and link lookups with attributes (nested ones too), sock_diag
 * lookups of sockets that do not exist, a netfilter conntrack query; the
 * kernel's answers that depend on nothing but the request (NLMSG_ERROR
 * acks echoing the request's header) are read back. Then the edge cases
 * strace prints specially: a message cut short by its buffer, one whose
 * payload lies on an unmapped page, a truncated attribute. Deterministic,
 * no output, exit status 0 (a step that does not fail or succeed as
 * expected makes it 1). */
#include "tp_expect.h"

#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

/* A message under construction: header, fixed struct, attributes. */
struct msg {
	union {
		struct nlmsghdr h;
		uint8_t bytes[512];
	};
};

static void msg_start(struct msg *m, uint16_t type, uint16_t flags, const void *head, size_t len)
{
	memset(m, 0, sizeof(*m));
	m->h.nlmsg_len = NLMSG_LENGTH(len);
	m->h.nlmsg_type = type;
	m->h.nlmsg_flags = flags;
	m->h.nlmsg_seq = 7;
	memcpy(NLMSG_DATA(&m->h), head, len);
	m->h.nlmsg_len = NLMSG_ALIGN(m->h.nlmsg_len);
}

/* Appends an attribute; returns it (for nesting: its length grows with
 * what follows until attr_end). */
static struct nlattr *attr_add(struct msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *const a = (struct nlattr *)(m->bytes + m->h.nlmsg_len);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
	m->h.nlmsg_len += NLA_ALIGN(a->nla_len);
	return a;
}

static void attr_end(struct msg *m, struct nlattr *nest)
{
	nest->nla_len = (uint16_t)(m->bytes + m->h.nlmsg_len - (uint8_t *)nest);
}

static void attr_u32(struct msg *m, uint16_t type, uint32_t v)
{
	attr_add(m, type, &v, sizeof(v));
}

static uint32_t port_base;

/* A port id of DIR's: the same in both runs, another for other runs that
 * may go at the same time (no pid is this high). */
static void set_port_base(const char *dir)
{
	uint32_t h = 2166136261u;
	for (const char *p = dir; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	port_base = 0x40000000u | (h & 0x3fffff00u);
}

static int nl_socket_at(int protocol, uint32_t port)
{
	const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (fd < 0)
		return fd;
	const struct sockaddr_nl sa = {.nl_family = AF_NETLINK, .nl_pid = port};
	expect("bind", bind(fd, (const struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static int nl_socket(int protocol, uint32_t port)
{
	const int fd = nl_socket_at(protocol, port);
	expect("socket", fd, 0);
	return fd;
}

static void send_msg(int fd, const struct msg *m)
{
	expect("sendto", sendto(fd, m->bytes, m->h.nlmsg_len, MSG_DONTWAIT, NULL, 0), 0);
}

/* Reads one answer: an NLMSG_ERROR ack of the request just sent. */
static void recv_ack(int fd)
{
	uint8_t buf[1024];
	expect("recvfrom", recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL), 0);
}

static void route_requests(void)
{
	const int fd = nl_socket(NETLINK_ROUTE, port_base + 1);
	struct msg m;

	/* no interface has this name: -ENODEV, acked */
	const struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
	msg_start(&m, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi, sizeof(ifi));
	attr_add(&m, IFLA_IFNAME, "tp-nosuch0", sizeof("tp-nosuch0"));
	attr_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	send_msg(fd, &m);
	recv_ack(fd);

	/* a route lookup to 127.0.0.1 through an interface that does not
	 * exist: -ENODEV (a route found would carry cache times that differ
	 * from run to run) */
	const struct rtmsg rtm = {.rtm_family = AF_INET,
				  .rtm_dst_len = 32,
				  .rtm_table = RT_TABLE_MAIN,
				  .rtm_type = RTN_UNICAST};
	msg_start(&m, RTM_GETROUTE, NLM_F_REQUEST, &rtm, sizeof(rtm));
	const struct in_addr lo = {htonl(INADDR_LOOPBACK)};
	attr_add(&m, RTA_DST, &lo, sizeof(lo));
	attr_u32(&m, RTA_OIF, 0x7ffffff0);
	attr_u32(&m, RTA_MARK, 0x2a);
	struct nlattr *const metrics = attr_add(&m, RTA_METRICS | NLA_F_NESTED, NULL, 0);
	attr_u32(&m, RTAX_MTU, 1400);
	attr_add(&m, RTAX_CC_ALGO, "cubic", sizeof("cubic"));
	attr_end(&m, metrics);
	send_msg(fd, &m);
	recv_ack(fd);

	/* the addresses of lo, dumped (not read) */
	const struct ifaddrmsg ifa = {.ifa_family = AF_INET6,
				      .ifa_prefixlen = 128,
				      .ifa_flags = IFA_F_PERMANENT,
				      .ifa_scope = RT_SCOPE_HOST,
				      .ifa_index = 1};
	msg_start(&m, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, &ifa, sizeof(ifa));
	const struct in6_addr any6 = IN6ADDR_LOOPBACK_INIT;
	attr_add(&m, IFA_ADDRESS, &any6, sizeof(any6));
	attr_add(&m, IFA_LABEL, "lo", sizeof("lo"));
	const struct ifa_cacheinfo ci = {.ifa_prefered = 0xffffffff, .ifa_valid = 0xffffffff};
	attr_add(&m, IFA_CACHEINFO, &ci, sizeof(ci));
	send_msg(fd, &m);

	/* a neighbour on no interface: -EINVAL or -ENODEV, acked */
	const struct ndmsg ndm = {.ndm_family = AF_INET,
				  .ndm_ifindex = 0x7ffffff0,
				  .ndm_state = NUD_REACHABLE,
				  .ndm_flags = NTF_ROUTER,
				  .ndm_type = RTN_UNICAST};
	msg_start(&m, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_ACK, &ndm, sizeof(ndm));
	attr_add(&m, NDA_DST, &lo, sizeof(lo));
	const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x2a};
	attr_add(&m, NDA_LLADDR, mac, sizeof(mac));
	send_msg(fd, &m);
	recv_ack(fd);

	/* a network namespace id of a process that does not exist */
	const struct rtgenmsg gen = {.rtgen_family = AF_UNSPEC};
	msg_start(&m, RTM_GETNSID, NLM_F_REQUEST | NLM_F_ACK, &gen, sizeof(gen));
	attr_u32(&m, NETNSA_PID, 0x7ffffff0);
	send_msg(fd, &m);
	recv_ack(fd);

	/* a type strace has no decoder for, then one it has no name for */
	msg_start(&m, RTM_NEWPREFIX, NLM_F_REQUEST, "\x0a\x01\x02\x03", 4);
	send_msg(fd, &m);
	msg_start(&m, 0x7f, NLM_F_REQUEST, "\x02", 1);
	send_msg(fd, &m);

	/* an attribute longer than its message: the rest as bytes */
	msg_start(&m, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, &ifa, sizeof(ifa));
	struct nlattr *const cut = attr_add(&m, IFA_LABEL, "lo", sizeof("lo"));
	cut->nla_len = 40;
	send_msg(fd, &m);
	close(fd);
}

static void sock_diag_requests(void)
{
	const int fd = nl_socket(NETLINK_SOCK_DIAG, port_base + 2);
	struct msg m;

	/* a unix socket that does not exist: -ENOENT, acked */
	const struct unix_diag_req ureq = {
	    .sdiag_family = AF_UNIX,
	    .udiag_states = -1,
	    .udiag_ino = 0x7ffffff0,
	    .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
	    .udiag_cookie = {INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE}};
	msg_start(&m, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, &ureq, sizeof(ureq));
	send_msg(fd, &m);
	recv_ack(fd);

	/* a TCP socket between two ports nothing listens on: -ENOENT */
	struct inet_diag_req_v2 ireq = {.sdiag_family = AF_INET,
					.sdiag_protocol = IPPROTO_TCP,
					.idiag_ext = 1 << (INET_DIAG_INFO - 1),
					.idiag_states = 1 << 1 /* TCP_ESTABLISHED */};
	ireq.id.idiag_sport = htons(1);
	ireq.id.idiag_dport = htons(2);
	ireq.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	ireq.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	ireq.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	ireq.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	msg_start(&m, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, &ireq, sizeof(ireq));
	send_msg(fd, &m);
	recv_ack(fd);
	close(fd);
}

static void netfilter_requests(void)
{
	const int fd = nl_socket_at(NETLINK_NETFILTER, port_base + 3);
	if (fd < 0)
		return; /* no nfnetlink here: nothing to compare */
	struct msg m;
	const struct nfgenmsg nfg = {
	    .nfgen_family = AF_INET, .version = NFNETLINK_V0, .res_id = htons(0)};
	msg_start(&m, NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET, NLM_F_REQUEST | NLM_F_DUMP,
		  &nfg, sizeof(nfg));
	attr_u32(&m, CTA_MARK, htonl(0x2a));
	send_msg(fd, &m);
	close(fd);
}

/* The edge cases: a buffer shorter than its messages say, a payload on an
 * unmapped page (the call fails with EFAULT). */
static void edge_cases(void)
{
	const int fd = nl_socket(NETLINK_ROUTE, port_base + 4);
	uint8_t *const tail = page_tail(NLMSG_HDRLEN);
	if (!tail)
		return;
	/* a header at the end of the page, its ifaddrmsg beyond it */
	struct nlmsghdr *const h = (struct nlmsghdr *)tail;
	*h = (struct nlmsghdr){.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg)),
			       .nlmsg_type = RTM_GETADDR,
			       .nlmsg_flags = NLM_F_REQUEST};
	errno = 0;
	expect("sendto EFAULT", sendto(fd, h, h->nlmsg_len, MSG_DONTWAIT, NULL, 0), EFAULT);

	/* two messages, the buffer cut in the second's header */
	struct msg m;
	const struct rtgenmsg gen = {.rtgen_family = AF_INET};
	msg_start(&m, RTM_GETNSID, NLM_F_REQUEST, &gen, sizeof(gen));
	const size_t first = m.h.nlmsg_len;
	memcpy(m.bytes + first, m.bytes, first);
	expect("sendto short", sendto(fd, m.bytes, first + 8, MSG_DONTWAIT, NULL, 0), 0);
	close(fd);
}

int main(int argc, char **argv)
{
	set_port_base(argc > 1 ? argv[1] : "");
	route_requests();
	sock_diag_requests();
	netfilter_requests();
	edge_cases();
	return failures != 0;
}
