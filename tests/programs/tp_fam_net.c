/* tp_fam_net: the socket family's syscalls, on success and failure paths,
 * for the differential test against strace.
 *
 * Usage: tp_fam_net DIR
 * AF_UNIX path sockets live in DIR (no pid in their names, so that two runs
 * print the same text). AF_INET/AF_INET6 traffic stays on loopback and uses
 * fixed ports 47311..47319 (SO_REUSEADDR) so that addresses printed are the
 * same in every run; TCP clients are closed with SO_LINGER {1, 0} (reset) so
 * that no TIME_WAIT keeps the next run from reusing the same ports.
 * AF_PACKET needs CAP_NET_RAW: without it those steps expect EPERM.
 * Every call is a raw syscall() so that each libc makes exactly that call.
 * Prints nothing but unexpected results (to stderr); exit status 0 when
 * every step gave the expected result. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/ax25.h>
#include <linux/if_alg.h>
#include <linux/if_xdp.h>
#include <linux/mctp.h>
#include <linux/nfc.h>
#include <linux/qrtr.h>
#include <linux/rxrpc.h>
#include <linux/vm_sockets.h>
#include <linux/x25.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define PORT_TCP_SERVER	 47311
#define PORT_TCP_CLIENT	 47312
#define PORT_UDP_A	 47313
#define PORT_UDP_B	 47314
#define PORT_UDP6	 47315
#define PORT_TCP_CLIENT2 47316
#define PORT_CLOSED	 47319

static int failures;

/* Checks the outcome of a syscall() that returned ret; want_errno 0 means
 * success is expected. Returns ret. */
static long check(const char *const label, const long ret, const int want_errno)
{
	const int got = ret == -1 ? errno : 0;
	if (got != want_errno) {
		fprintf(stderr, "%s: errno %d, expected %d\n", label, got, want_errno);
		failures++;
	}
	return ret;
}

static void expect(const char *const what, const int good)
{
	if (!good) {
		fprintf(stderr, "%s: expected otherwise\n", what);
		failures++;
	}
}

static struct sockaddr_in in4(const unsigned port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void set_int(const long fd, const int level, const int name, const int value)
{
	check("setsockopt int", syscall(SYS_setsockopt, fd, level, name, &value, sizeof(value)), 0);
}

/* Resets the connection on close: no TIME_WAIT for the next run. */
static void close_reset(const long fd)
{
	const struct linger l = {.l_onoff = 1, .l_linger = 0};
	check("setsockopt SO_LINGER",
	      syscall(SYS_setsockopt, fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
	check("close", syscall(SYS_close, fd), 0);
}

static void tcp4(void)
{
	char buf[64];
	int v = 0;
	socklen_t len;
	struct sockaddr_storage ss;
	struct sockaddr_in addr = in4(PORT_TCP_SERVER);

	const long s = check("socket", syscall(SYS_socket, AF_INET, SOCK_STREAM, IPPROTO_TCP), 0);
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	check("bind", syscall(SYS_bind, s, &addr, sizeof(addr)), 0);
	check("listen", syscall(SYS_listen, s, 8), 0);
	len = sizeof(addr);
	check("getsockname", syscall(SYS_getsockname, s, &addr, &len), 0);
	check("getsockname EBADF", syscall(SYS_getsockname, -1, &addr, &len), EBADF);

	const long c =
	    check("socket client", syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), 0);
	set_int(c, SOL_SOCKET, SO_REUSEADDR, 1);
	addr = in4(PORT_TCP_CLIENT);
	check("bind client", syscall(SYS_bind, c, &addr, sizeof(addr)), 0);
	set_int(c, IPPROTO_TCP, TCP_NODELAY, 1);
	len = sizeof(ss);
	check("getpeername unconnected", syscall(SYS_getpeername, c, &ss, &len), ENOTCONN);
	addr = in4(PORT_TCP_SERVER);
	check("connect", syscall(SYS_connect, c, &addr, sizeof(addr)), 0);
	len = sizeof(ss);
	const long a = check("accept", syscall(SYS_accept, s, &ss, &len), 0);
	len = sizeof(ss);
	check("getpeername", syscall(SYS_getpeername, c, &ss, &len), 0);

	static const char hello[] = "hello, net\n";
	check("sendto", syscall(SYS_sendto, c, hello, sizeof(hello) - 1, MSG_NOSIGNAL, NULL, 0), 0);
	expect("recvfrom hello",
	       check("recvfrom", syscall(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL), 0) ==
		   (long)sizeof(hello) - 1);

	len = sizeof(v);
	check("getsockopt SO_TYPE", syscall(SYS_getsockopt, a, SOL_SOCKET, SO_TYPE, &v, &len), 0);
	len = sizeof(v);
	check("getsockopt SO_ERROR", syscall(SYS_getsockopt, a, SOL_SOCKET, SO_ERROR, &v, &len), 0);
	len = 3; /* shorter than the int: its bytes */
	check("getsockopt SO_ERROR short",
	      syscall(SYS_getsockopt, a, SOL_SOCKET, SO_ERROR, &v, &len), 0);
	len = sizeof(v);
	check("getsockopt SO_REUSEADDR",
	      syscall(SYS_getsockopt, s, SOL_SOCKET, SO_REUSEADDR, &v, &len), 0);
	len = sizeof(v);
	check("getsockopt TCP_NODELAY",
	      syscall(SYS_getsockopt, c, IPPROTO_TCP, TCP_NODELAY, &v, &len), 0);
	set_int(c, IPPROTO_TCP, TCP_KEEPIDLE, 60);
	set_int(c, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(c, IPPROTO_IP, IP_TOS, 0x10);
	len = sizeof(v);
	check("getsockopt IP_TOS", syscall(SYS_getsockopt, c, IPPROTO_IP, IP_TOS, &v, &len), 0);
	len = sizeof(v);
	check("getsockopt IP_TTL", syscall(SYS_getsockopt, c, IPPROTO_IP, IP_TTL, &v, &len), 0);
	struct linger lg;
	len = sizeof(lg);
	check("getsockopt SO_LINGER", syscall(SYS_getsockopt, c, SOL_SOCKET, SO_LINGER, &lg, &len),
	      0);
	long big[2] = {0, 0};
	len = sizeof(big);
	check("getsockopt SO_RCVLOWAT",
	      syscall(SYS_getsockopt, c, SOL_SOCKET, SO_RCVLOWAT, big, &len), 0);
	expect("SO_RCVLOWAT length", len == sizeof(int));
	/* an int option given more bytes than an int: strace shows the int */
	const char debug_bytes[5] = {0};
	check("setsockopt SO_KEEPALIVE long",
	      syscall(SYS_setsockopt, c, SOL_SOCKET, SO_KEEPALIVE, debug_bytes, 5), 0);
	/* an option that is not int-like, read short: its bytes as a string */
	char type_bytes[3];
	len = sizeof(type_bytes);
	check("getsockopt SO_TYPE short",
	      syscall(SYS_getsockopt, c, SOL_SOCKET, SO_TYPE, type_bytes, &len), 0);
	const struct timeval tv = {.tv_sec = 1, .tv_usec = 500000};
	check("setsockopt SO_RCVTIMEO",
	      syscall(SYS_setsockopt, a, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	check("setsockopt unknown", syscall(SYS_setsockopt, c, SOL_SOCKET, 9999, &v, sizeof(v)),
	      ENOPROTOOPT);
	len = sizeof(v);
	check("getsockopt unknown", syscall(SYS_getsockopt, c, IPPROTO_TCP, 9999, &v, &len),
	      ENOPROTOOPT);

	check("shutdown", syscall(SYS_shutdown, c, SHUT_WR), 0);
	expect("recvfrom eof",
	       check("recvfrom eof", syscall(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL),
		     0) == 0);
	check("shutdown bad how", syscall(SYS_shutdown, c, 7), EINVAL);

	/* a second client, taken by accept4 with flags and no address */
	const long c2 = check("socket client2", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0), 0);
	set_int(c2, SOL_SOCKET, SO_REUSEADDR, 1);
	addr = in4(PORT_TCP_CLIENT2);
	check("bind client2", syscall(SYS_bind, c2, &addr, sizeof(addr)), 0);
	addr = in4(PORT_TCP_SERVER);
	check("connect client2", syscall(SYS_connect, c2, &addr, sizeof(addr)), 0);
	const long a2 =
	    check("accept4", syscall(SYS_accept4, s, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK), 0);
	check("recvfrom nothing",
	      syscall(SYS_recvfrom, a2, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL), EAGAIN);
	len = sizeof(ss);
	check("accept4 not listening", syscall(SYS_accept4, c2, &ss, &len, SOCK_CLOEXEC), EINVAL);
	check("accept bad fd", syscall(SYS_accept, 1000, NULL, NULL), EBADF);

	close_reset(c);
	close_reset(c2);
	check("close", syscall(SYS_close, a2), 0);
	check("close", syscall(SYS_close, a), 0);
	check("close", syscall(SYS_close, s), 0);

	/* nobody listens there */
	const long r = check("socket", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0), 0);
	addr = in4(PORT_CLOSED);
	check("connect refused", syscall(SYS_connect, r, &addr, sizeof(addr)), ECONNREFUSED);
	check("sendto unconnected",
	      syscall(SYS_sendto, r, hello, sizeof(hello) - 1, MSG_NOSIGNAL, NULL, 0), EPIPE);
	check("close", syscall(SYS_close, r), 0);
	check("listen bad fd", syscall(SYS_listen, 1000, 1), EBADF);
}

static void udp4(void)
{
	char buf[64], b1[3], b2[8];
	socklen_t len;
	int v0 = 0;
	struct sockaddr_in from;
	struct sockaddr_in a_addr = in4(PORT_UDP_A), b_addr = in4(PORT_UDP_B);

	const long a =
	    check("socket udp", syscall(SYS_socket, AF_INET, SOCK_DGRAM, IPPROTO_UDP), 0);
	set_int(a, SOL_SOCKET, SO_REUSEADDR, 1);
	check("bind udp", syscall(SYS_bind, a, &a_addr, sizeof(a_addr)), 0);
	const long b = check("socket udp", syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0), 0);
	set_int(b, SOL_SOCKET, SO_REUSEADDR, 1);
	check("bind udp", syscall(SYS_bind, b, &b_addr, sizeof(b_addr)), 0);
	check("bind again", syscall(SYS_bind, b, &b_addr, sizeof(b_addr)), EINVAL);
	/* a multicast group on lo (interface 1): struct group_req, too short */
	struct group_req gr = {.gr_interface = 1};
	struct sockaddr_in *const group = (struct sockaddr_in *)&gr.gr_group;
	group->sin_family = AF_INET;
	group->sin_addr.s_addr = htonl(0xe0000003); /* 224.0.0.3 */
	check("join group", syscall(SYS_setsockopt, a, SOL_IP, MCAST_JOIN_GROUP, &gr, sizeof(gr)),
	      0);
	check("leave group", syscall(SYS_setsockopt, a, SOL_IP, MCAST_LEAVE_GROUP, &gr, sizeof(gr)),
	      0);
	check("join group short",
	      syscall(SYS_setsockopt, a, SOL_IP, MCAST_JOIN_GROUP, &gr, sizeof(gr) - 1), EINVAL);
	/* a socket filter: attached, given with a short length, read back
	 * (SO_GET_FILTER counts instructions), dropped */
	static const struct sock_filter insns[] = {
	    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
	    BPF_JUMP(BPF_JMP | BPF_K | BPF_JEQ, IPPROTO_UDP, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, 0xffff),
	    BPF_STMT(BPF_RET | BPF_K, 0),
	};
	const struct sock_fprog prog = {.len = 4, .filter = (struct sock_filter *)insns};
	struct sock_filter got[8];
	socklen_t ninsns = 8;
	check("attach filter",
	      syscall(SYS_setsockopt, b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)), 0);
	check("attach filter short",
	      syscall(SYS_setsockopt, b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog) - 4),
	      EINVAL);
	check("get filter", syscall(SYS_getsockopt, b, SOL_SOCKET, SO_GET_FILTER, got, &ninsns), 0);
	ninsns = 1;
	check("get filter short",
	      syscall(SYS_getsockopt, b, SOL_SOCKET, SO_GET_FILTER, got, &ninsns), EINVAL);
	check("detach filter", syscall(SYS_setsockopt, b, SOL_SOCKET, SO_DETACH_FILTER, &v0, 4), 0);

	check("sendto udp", syscall(SYS_sendto, b, "dgram", 5, 0, &a_addr, sizeof(a_addr)), 0);
	len = sizeof(from);
	expect("recvfrom udp",
	       check("recvfrom udp", syscall(SYS_recvfrom, a, buf, sizeof(buf), 0, &from, &len),
		     0) == 5);
	len = sizeof(from);
	check("recvfrom empty",
	      syscall(SYS_recvfrom, a, buf, sizeof(buf), MSG_DONTWAIT, &from, &len), EAGAIN);

	/* two iovecs out, a name; read back into a short and a long iovec */
	struct iovec out[2] = {{"ab", 2}, {"cdefg", 5}};
	struct msghdr mh = {
	    .msg_name = &a_addr, .msg_namelen = sizeof(a_addr), .msg_iov = out, .msg_iovlen = 2};
	check("sendmsg udp", syscall(SYS_sendmsg, b, &mh, 0), 0);
	check("sendmsg EBADF", syscall(SYS_sendmsg, -1, &mh, 0), EBADF);
	/* control messages strace decodes: timestamps (one too short), an
	 * extended error with its offender */
	static const int stamp_types[] = {SO_TIMESTAMP_OLD, SO_TIMESTAMPNS_NEW,
					  SO_TIMESTAMPING_OLD};
	union {
		struct cmsghdr h;
		char bytes[CMSG_SPACE(3 * sizeof(struct timespec))];
	} control;
	for (size_t k = 0; k < sizeof(stamp_types) / sizeof(stamp_types[0]); k++) {
		memset(&control, 0, sizeof(control));
		const size_t data = k == 2 ? 3 * sizeof(struct timespec) : sizeof(struct timespec);
		control.h.cmsg_len = CMSG_LEN(data - (k == 1 ? 8 : 0));
		control.h.cmsg_level = SOL_SOCKET;
		control.h.cmsg_type = stamp_types[k];
		struct timespec *const ts = (struct timespec *)CMSG_DATA(&control.h);
		ts[0] = (struct timespec){123456789, 987654};
		const struct msghdr cm = {.msg_control = &control,
					  .msg_controllen = CMSG_SPACE(data)};
		check("sendmsg timestamp", syscall(SYS_sendmsg, -1, &cm, 0), EBADF);
	}
	struct {
		struct sock_extended_err ee;
		struct sockaddr_in offender;
	} err = {{.ee_errno = EHOSTUNREACH,
		  .ee_origin = SO_EE_ORIGIN_ICMP,
		  .ee_type = 3,
		  .ee_code = 1,
		  .ee_info = 7,
		  .ee_data = 9},
		 in4(PORT_UDP_A)};
	union {
		struct cmsghdr h;
		char bytes[CMSG_SPACE(sizeof(err))];
	} errctl;
	memset(&errctl, 0, sizeof(errctl));
	errctl.h.cmsg_len = CMSG_LEN(sizeof(err));
	errctl.h.cmsg_level = SOL_IP;
	errctl.h.cmsg_type = IP_RECVERR;
	memcpy(CMSG_DATA(&errctl.h), &err, sizeof(err));
	const struct msghdr em = {.msg_control = &errctl, .msg_controllen = sizeof(errctl)};
	check("sendmsg IP_RECVERR", syscall(SYS_sendmsg, -1, &em, 0), EBADF);
	/* IP options longer than -s: all of them under -v */
	union {
		struct cmsghdr h;
		char bytes[CMSG_SPACE(40)];
	} opts;
	memset(&opts, 0, sizeof(opts));
	opts.h.cmsg_len = CMSG_LEN(40);
	opts.h.cmsg_level = SOL_IP;
	opts.h.cmsg_type = IP_RETOPTS;
	for (int k = 0; k < 40; k++)
		CMSG_DATA(&opts.h)[k] = (unsigned char)(0x41 + k);
	const struct msghdr om = {.msg_control = &opts, .msg_controllen = sizeof(opts)};
	check("sendmsg IP_RETOPTS", syscall(SYS_sendmsg, -1, &om, 0), EBADF);
	/* control messages past 4 KiB: strace shows up to net.core.optmem_max
	 * bytes of them (all 3000 descriptors under -v) */
	enum { MANY_FDS = 3000 };
	static union {
		struct cmsghdr h;
		char bytes[CMSG_SPACE(MANY_FDS * sizeof(int))];
	} rights;
	rights.h.cmsg_len = CMSG_LEN(MANY_FDS * sizeof(int));
	rights.h.cmsg_level = SOL_SOCKET;
	rights.h.cmsg_type = SCM_RIGHTS;
	memset(CMSG_DATA(&rights.h), 0xff, MANY_FDS * sizeof(int));
	const struct msghdr rm = {.msg_control = &rights, .msg_controllen = sizeof(rights)};
	check("sendmsg SCM_RIGHTS 3000", syscall(SYS_sendmsg, -1, &rm, 0), EBADF);
	struct iovec in[2] = {{b1, sizeof(b1)}, {b2, sizeof(b2)}};
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = in;
	mh.msg_iovlen = 2;
	check("recvmsg udp", syscall(SYS_recvmsg, a, &mh, 0), 0);
	check("recvmsg empty", syscall(SYS_recvmsg, a, &mh, MSG_DONTWAIT), EAGAIN);

	/* the destination address as a control message, a larger name buffer */
	set_int(a, IPPROTO_IP, IP_PKTINFO, 1);
	check("sendto udp", syscall(SYS_sendto, b, "info", 4, 0, &a_addr, sizeof(a_addr)), 0);
	union {
		char buf[64];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_storage ss;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &ss;
	mh.msg_namelen = sizeof(ss);
	mh.msg_iov = in;
	mh.msg_iovlen = 2;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = sizeof(ctl.buf);
	check("recvmsg IP_PKTINFO", syscall(SYS_recvmsg, a, &mh, 0), 0);
	set_int(a, IPPROTO_IP, IP_PKTINFO, 0);

	/* two datagrams at once each way */
	struct iovec m0 = {"one", 3}, m1 = {"two!", 4};
	struct mmsghdr mm[2];
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &m0;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = &m1;
	mm[1].msg_hdr.msg_iovlen = 1;
	check("connect udp", syscall(SYS_connect, b, &a_addr, sizeof(a_addr)), 0);
	expect("sendmmsg 2", check("sendmmsg", syscall(SYS_sendmmsg, b, mm, 2, 0), 0) == 2);
	char r0[8], r1[8];
	struct iovec i0 = {r0, sizeof(r0)}, i1 = {r1, sizeof(r1)};
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &i0;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = &i1;
	mm[1].msg_hdr.msg_iovlen = 1;
	expect("recvmmsg 2",
	       check("recvmmsg", syscall(SYS_recvmmsg, a, mm, 2, MSG_DONTWAIT, NULL), 0) == 2);
	check("recvmmsg empty", syscall(SYS_recvmmsg, a, mm, 2, MSG_DONTWAIT, NULL), EAGAIN);
	/* a timeout of nothing: the message there, then the time left (none) */
	check("send one", syscall(SYS_sendto, b, "one", 3, 0, NULL, 0), 0);
	struct timespec none = {0, 0};
	check("recvmmsg timeout", syscall(SYS_recvmmsg, a, mm, 2, MSG_DONTWAIT, &none), 0);
	/* an invalid timeout: strace prints tv_nsec unsigned */
	struct timespec bad = {0, -1};
	check("recvmmsg bad timeout", syscall(SYS_recvmmsg, a, mm, 2, MSG_DONTWAIT, &bad), EINVAL);
	/* a send that stops at its second message (whose address is too
	 * short): strace shows both, msg_len for the one sent */
	struct sockaddr_in short_addr = {.sin_family = AF_INET};
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &m0;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = &m1;
	mm[1].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_name = &short_addr;
	mm[1].msg_hdr.msg_namelen = 1;
	expect("sendmmsg partial 1",
	       check("sendmmsg partial", syscall(SYS_sendmmsg, b, mm, 2, 0), 0) == 1);
	check("recvfrom partial",
	      syscall(SYS_recvfrom, a, r0, sizeof(r0), MSG_DONTWAIT, NULL, NULL), 0);
	check("sendmmsg bad fd", syscall(SYS_sendmmsg, 1000, mm, 2, 0), EBADF);
	/* the second message on an unmapped page */
	const size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *const two =
	    mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two != MAP_FAILED) {
		munmap(two + page, page);
		struct mmsghdr *const last = (struct mmsghdr *)(two + page) - 1;
		*last = mm[0];
		check("sendmmsg cut", syscall(SYS_sendmmsg, 1000, last, 2, 0), EBADF);
	}

	check("close", syscall(SYS_close, b), 0);
	check("close", syscall(SYS_close, a), 0);
}

static void udp6(void)
{
	char buf[64];
	int v = 0;
	socklen_t len;
	struct sockaddr_in6 addr, from;
	memset(&addr, 0, sizeof(addr));
	addr.sin6_family = AF_INET6;
	addr.sin6_port = htons(PORT_UDP6);
	addr.sin6_addr = in6addr_loopback;

	const long s = check("socket6", syscall(SYS_socket, AF_INET6, SOCK_DGRAM, IPPROTO_UDP), 0);
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	len = sizeof(v);
	check("getsockopt IPV6_V6ONLY",
	      syscall(SYS_getsockopt, s, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len), 0);
	set_int(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 32);
	check("bind6", syscall(SYS_bind, s, &addr, sizeof(addr)), 0);
	len = sizeof(from);
	check("getsockname6", syscall(SYS_getsockname, s, &from, &len), 0);
	check("sendto6", syscall(SYS_sendto, s, "six", 3, 0, &addr, sizeof(addr)), 0);
	len = sizeof(from);
	check("recvfrom6", syscall(SYS_recvfrom, s, buf, sizeof(buf), 0, &from, &len), 0);
	check("close", syscall(SYS_close, s), 0);
	/* group memberships on no descriptor: the struct, whatever longer
	 * length is given; its address when shorter */
	struct ipv6_mreq mreq6 = {.ipv6mr_interface = 1};
	inet_pton(AF_INET6, "ff01::c", &mreq6.ipv6mr_multiaddr);
	check("join6",
	      syscall(SYS_setsockopt, -1, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &mreq6, sizeof(mreq6)),
	      EBADF);
	check("leave6 long", syscall(SYS_setsockopt, -1, SOL_IPV6, IPV6_LEAVE_ANYCAST, &mreq6, 64),
	      EBADF);
	check(
	    "drop6 short",
	    syscall(SYS_setsockopt, -1, SOL_IPV6, IPV6_DROP_MEMBERSHIP, &mreq6, sizeof(mreq6) - 1),
	    EBADF);

	const long t = check("socket6 tcp", syscall(SYS_socket, AF_INET6, SOCK_STREAM, 0), 0);
	addr.sin6_port = htons(PORT_CLOSED);
	check("connect6 refused", syscall(SYS_connect, t, &addr, sizeof(addr)), ECONNREFUSED);
	check("close", syscall(SYS_close, t), 0);
}

/* Addresses of the other families strace decodes, given to connect on no
 * descriptor (EBADF): each struct whole, one short of it, one with stray
 * bits */
static void other_families(void)
{
	const struct sockaddr_vm vm = {.svm_family = AF_VSOCK,
				       .svm_cid = VMADDR_CID_HOST,
				       .svm_port = 1234,
				       .svm_flags = VMADDR_FLAG_TO_HOST | 0x40};
	check("connect vsock", syscall(SYS_connect, -1, &vm, sizeof(vm)), EBADF);
	const struct sockaddr_qrtr qrtr = {
	    .sq_family = AF_QIPCRTR, .sq_node = 5, .sq_port = QRTR_PORT_CTRL};
	check("connect qrtr", syscall(SYS_connect, -1, &qrtr, sizeof(qrtr)), EBADF);
	const struct sockaddr_xdp xdp = {.sxdp_family = AF_XDP,
					 .sxdp_flags = XDP_SHARED_UMEM | XDP_COPY,
					 .sxdp_ifindex = 1,
					 .sxdp_queue_id = 3,
					 .sxdp_shared_umem_fd = 0};
	check("connect xdp", syscall(SYS_connect, -1, &xdp, sizeof(xdp)), EBADF);
	const struct sockaddr_mctp mctp = {.smctp_family = AF_MCTP,
					   .smctp_network = MCTP_NET_ANY,
					   .smctp_addr = {MCTP_ADDR_ANY},
					   .smctp_type = 1,
					   .smctp_tag = 8};
	check("connect mctp", syscall(SYS_connect, -1, &mctp, sizeof(mctp)), EBADF);
	/* IPX: {family, port, network (both big-endian), node[6], type, zero} */
	uint8_t ipx[16] = {AF_IPX, 0,	0x30, 0x39, 0xfa, 0xce, 0xfe, 0xed,
			   'A',	   'B', 'C',  'D',  'E',  'F',	0xff, 0};
	check("connect ipx", syscall(SYS_connect, -1, ipx, sizeof(ipx)), EBADF);
	ipx[15] = 0x42;
	check("connect ipx zero", syscall(SYS_connect, -1, ipx, sizeof(ipx)), EBADF);
	/* AX.25 callsigns are ASCII shifted left by one, space-padded, the
	 * SSID in bits 1-4 of the seventh byte: a plain one, one with
	 * digipeaters (text, an empty call, one with a space inside, one that
	 * cannot be printed), the digipeaters cut by the length */
	struct full_sockaddr_ax25 ax = {.fsa_ax25 = {.sax25_family = AF_AX25, .sax25_ndigis = 0}};
	static const char *const calls[] = {"VALID", "RELAY", "      ", "SPA CE", "\x01"};
	static const uint8_t ssids[] = {13, 7, 0, 2, 3};
	for (size_t k = 0; k < 5; k++) {
		ax25_address *const a = k ? &ax.fsa_digipeater[k - 1] : &ax.fsa_ax25.sax25_call;
		memset(a->ax25_call, ' ' << 1, 6);
		for (size_t i = 0; calls[k][i] && i < 6; i++)
			a->ax25_call[i] = (char)(calls[k][i] << 1);
		a->ax25_call[6] = (char)(ssids[k] << 1);
	}
	check("connect ax25", syscall(SYS_connect, -1, &ax, sizeof(struct sockaddr_ax25)), EBADF);
	ax.fsa_ax25.sax25_ndigis = 4;
	check("connect ax25 digis", syscall(SYS_connect, -1, &ax, sizeof(ax)), EBADF);
	check("connect ax25 cut",
	      syscall(SYS_connect, -1, &ax,
		      sizeof(struct sockaddr_ax25) + 2 * sizeof(ax25_address) + 3),
	      EBADF);
	/* X.25: its address a NUL-terminated string in 16 bytes, or not */
	struct sockaddr_x25 x25 = {.sx25_family = AF_X25};
	memcpy(x25.sx25_addr.x25_addr, "0123456789", 10);
	check("connect x25", syscall(SYS_connect, -1, &x25, sizeof(x25)), EBADF);
	memcpy(x25.sx25_addr.x25_addr, "0123456789abcdef", 16);
	check("connect x25 unterminated", syscall(SYS_connect, -1, &x25, sizeof(x25)), EBADF);
	const struct sockaddr_alg alg = {
	    .salg_family = AF_ALG, .salg_type = "hash", .salg_feat = 0x1000, .salg_name = "sha256"};
	check("connect alg", syscall(SYS_connect, -1, &alg, sizeof(alg)), EBADF);
	check("connect alg cut",
	      syscall(SYS_connect, -1, &alg, offsetof(struct sockaddr_alg, salg_name) + 3), EBADF);
	const struct sockaddr_nfc nfc = {
	    .sa_family = AF_NFC, .dev_idx = 1, .target_idx = 2, .nfc_protocol = NFC_PROTO_NFC_DEP};
	check("connect nfc", syscall(SYS_connect, -1, &nfc, sizeof(nfc)), EBADF);
	check("connect nfc long", syscall(SYS_connect, -1, &nfc, sizeof(nfc) + 1), EBADF);
	struct sockaddr_rxrpc rx = {.srx_family = AF_RXRPC,
				    .srx_service = 1,
				    .transport_type = SOCK_DGRAM,
				    .transport_len = sizeof(struct sockaddr_in)};
	rx.transport.sin = in4(PORT_CLOSED);
	check("connect rxrpc", syscall(SYS_connect, -1, &rx, sizeof(rx)), EBADF);
	rx.transport.family = AF_UNIX;
	rx.transport_len = 6;
	check("connect rxrpc unix", syscall(SYS_connect, -1, &rx, sizeof(rx)), EBADF);
	/* IEEE 802.15.4: sa_family, then {int addr_type; u16 pan_id; u16
	 * short_addr or u8 hwaddr[8]} (not in the uapi headers) */
	uint8_t wpan[20] = {AF_IEEE802154, 0,	 0,    0,   2 /* IEEE802154_ADDR_SHORT */, 0, 0, 0,
			    0xff,	   0xff, 0x34, 0x12};
	check("connect wpan", syscall(SYS_connect, -1, wpan, sizeof(wpan)), EBADF);
	wpan[4] = 3; /* IEEE802154_ADDR_LONG */
	check("connect wpan long", syscall(SYS_connect, -1, wpan, sizeof(wpan)), EBADF);
	/* a unix path filling sun_path, the length past the struct */
	struct {
		struct sockaddr_un un;
		char beyond[8];
	} long_un;
	memset(&long_un, '1', sizeof(long_un));
	long_un.un.sun_family = AF_UNIX;
	check("connect unix long", syscall(SYS_connect, -1, &long_un, sizeof(long_un)), EBADF);
	/* a raw socket's ICMP type filter: the types in it, or those not */
	uint32_t icmp_types = 1u << ICMP_ECHOREPLY | 1u << ICMP_DEST_UNREACH | 1u << 20;
	check("icmp filter", syscall(SYS_setsockopt, -1, SOL_RAW, ICMP_FILTER, &icmp_types, 4),
	      EBADF);
	icmp_types = ~icmp_types;
	check("icmp filter ~", syscall(SYS_setsockopt, -1, SOL_RAW, ICMP_FILTER, &icmp_types, 4),
	      EBADF);
}

static socklen_t unix_addr(struct sockaddr_un *const a, const char *const path, const int abstract)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	const size_t n = strlen(path);
	memcpy(a->sun_path + (abstract ? 1 : 0), path, n);
	/* the path's NUL, or the abstract name's leading one */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
}

/* Raw inet sockets given TCP's and UDP's protocol numbers: sock_diag lists
 * them under neither, so strace -yy names them RAW:[inode], bound and
 * connected or not. Skipped without CAP_NET_RAW. */
static void raw_inet(void)
{
	static const int protocols[] = {IPPROTO_TCP, IPPROTO_UDP};
	for (size_t k = 0; k < sizeof(protocols) / sizeof(protocols[0]); k++) {
		const long fd = syscall(SYS_socket, AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocols[k]);
		if (fd < 0)
			continue;
		const struct sockaddr_in a = in4(0);
		check("bind raw", syscall(SYS_bind, fd, &a, sizeof(a)), 0);
		check("connect raw", syscall(SYS_connect, fd, &a, sizeof(a)), 0);
		check("close raw", syscall(SYS_close, fd), 0);
	}
}

static void unix_sockets(void)
{
	char buf[64];
	socklen_t len;
	struct sockaddr_un addr, got;
	struct ucred cred;

	unlink("net.sock");
	const long s = check("socket unix", syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0), 0);
	const socklen_t alen = unix_addr(&addr, "net.sock", 0);
	check("bind unix", syscall(SYS_bind, s, &addr, alen), 0);
	check("listen unix", syscall(SYS_listen, s, 4), 0);
	len = sizeof(got);
	check("getsockname unix", syscall(SYS_getsockname, s, &got, &len), 0);
	const long c = check("socket unix client",
			     syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), 0);
	check("connect unix", syscall(SYS_connect, c, &addr, alen), 0);
	len = sizeof(got);
	const long a = check("accept4 unix", syscall(SYS_accept4, s, &got, &len, SOCK_CLOEXEC), 0);
	len = sizeof(got);
	check("getpeername unix", syscall(SYS_getpeername, c, &got, &len), 0);
	len = sizeof(cred);
	check("getsockopt SO_PEERCRED",
	      syscall(SYS_getsockopt, a, SOL_SOCKET, SO_PEERCRED, &cred, &len), 0);

	/* a descriptor passed with SCM_RIGHTS */
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct iovec iov = {"fd", 2};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl.buf,
			    .msg_controllen = sizeof(ctl.buf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	const int passed = 0;
	memcpy(CMSG_DATA(cm), &passed, sizeof(passed));
	check("sendmsg SCM_RIGHTS", syscall(SYS_sendmsg, c, &mh, 0), 0);
	memset(&ctl, 0, sizeof(ctl));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_controllen = sizeof(ctl.buf);
	const long n =
	    check("recvmsg SCM_RIGHTS", syscall(SYS_recvmsg, a, &mh, MSG_CMSG_CLOEXEC), 0);
	expect("recvmsg fd", n == 2);
	cm = CMSG_FIRSTHDR(&mh);
	if (cm && cm->cmsg_type == SCM_RIGHTS) {
		int fd;
		memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
		check("close passed", syscall(SYS_close, fd), 0);
	} else {
		expect("SCM_RIGHTS received", 0);
	}

	const long d = check("socket unix", syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0), 0);
	check("bind in use", syscall(SYS_bind, d, &addr, alen), EADDRINUSE);
	const socklen_t mlen = unix_addr(&got, "missing.sock", 0);
	check("connect missing", syscall(SYS_connect, d, &got, mlen), ENOENT);
	check("close", syscall(SYS_close, d), 0);
	check("close", syscall(SYS_close, a), 0);
	check("close", syscall(SYS_close, c), 0);
	check("close", syscall(SYS_close, s), 0);
	check("unlink", unlink("net.sock"), 0);

	/* abstract datagram sockets, credentials */
	const long x = check("socket abstract", syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 0);
	const socklen_t xlen = unix_addr(&addr, "strec-tp-fam-net", 1);
	check("bind abstract", syscall(SYS_bind, x, &addr, xlen), 0);
	set_int(x, SOL_SOCKET, SO_PASSCRED, 1);
	len = sizeof(got);
	check("getsockname abstract", syscall(SYS_getsockname, x, &got, &len), 0);
	const long y = check("socket abstract", syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 0);
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} cctl;
	memset(&cctl, 0, sizeof(cctl));
	iov.iov_base = "cred";
	iov.iov_len = 4;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &addr;
	mh.msg_namelen = xlen;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cctl.buf;
	mh.msg_controllen = sizeof(cctl.buf);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(struct ucred));
	cred.pid = getpid();
	cred.uid = getuid();
	cred.gid = getgid();
	memcpy(CMSG_DATA(cm), &cred, sizeof(cred));
	check("sendmsg SCM_CREDENTIALS", syscall(SYS_sendmsg, y, &mh, 0), 0);
	memset(&cctl, 0, sizeof(cctl));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_name = &got;
	mh.msg_namelen = sizeof(got);
	mh.msg_controllen = sizeof(cctl.buf);
	check("recvmsg SCM_CREDENTIALS", syscall(SYS_recvmsg, x, &mh, 0), 0);
	check("close", syscall(SYS_close, y), 0);
	check("close", syscall(SYS_close, x), 0);

	int sv[2];
	check("socketpair", syscall(SYS_socketpair, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv),
	      0);
	check("sendto pair", syscall(SYS_sendto, sv[0], "pair\0\1\377", 7, 0, NULL, 0), 0);
	check("recvfrom pair", syscall(SYS_recvfrom, sv[1], buf, sizeof(buf), 0, NULL, NULL), 0);
	check("close", syscall(SYS_close, sv[0]), 0);
	check("close", syscall(SYS_close, sv[1]), 0);
	check("socketpair inet", syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
}

static void netlink_packet(void)
{
	socklen_t len;
	struct sockaddr_nl nl, nlgot;
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;

	const long n =
	    check("socket netlink",
		  syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), 0);
	check("bind netlink", syscall(SYS_bind, n, &nl, sizeof(nl)), 0);
	len = sizeof(nlgot);
	check("getsockname netlink", syscall(SYS_getsockname, n, &nlgot, &len), 0);
	check("close", syscall(SYS_close, n), 0);
	check("socket bad family", syscall(SYS_socket, 12345, SOCK_STREAM, 0), EAFNOSUPPORT);

	const int root = geteuid() == 0;
	const long p =
	    check("socket packet", syscall(SYS_socket, AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL)),
		  root ? 0 : EPERM);
	if (p < 0)
		return;
	struct sockaddr_ll ll, llgot;
	memset(&ll, 0, sizeof(ll));
	ll.sll_family = AF_PACKET;
	ll.sll_protocol = htons(ETH_P_IP);
	ll.sll_ifindex = 1; /* lo */
	check("bind packet", syscall(SYS_bind, p, &ll, sizeof(ll)), 0);
	len = sizeof(llgot);
	check("getsockname packet", syscall(SYS_getsockname, p, &llgot, &len), 0);
	/* all multicast on lo, while the socket lives; a 17-byte request */
	struct packet_mreq mreq = {.mr_ifindex = 1, .mr_type = PACKET_MR_ALLMULTI, .mr_alen = 6};
	memset(mreq.mr_address, 0xff, 6);
	check("packet membership",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq)),
	      0);
	check("packet membership drop",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mreq, sizeof(mreq)),
	      0);
	mreq.mr_type = 0xffff;
	mreq.mr_alen = 9;
	check("packet membership odd",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq)),
	      EINVAL);
	/* rings: sizes the kernel refuses (not a multiple of the page) */
	struct tpacket_req ring = {
	    .tp_block_size = 100, .tp_block_nr = 2, .tp_frame_size = 50, .tp_frame_nr = 4};
	check("packet rx ring",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_RX_RING, &ring, sizeof(ring)), EINVAL);
	check("packet tx ring",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_TX_RING, &ring, sizeof(ring)), EINVAL);
	check("packet ring short",
	      syscall(SYS_setsockopt, p, SOL_PACKET, PACKET_RX_RING, &ring, 12), EINVAL);
	check("close", syscall(SYS_close, p), 0);
}

/* A netlink header of len bytes (what follows it is the caller's). */
static void nl_header(unsigned char *const at, const unsigned len, const unsigned type,
		      const unsigned flags, const unsigned seq, const unsigned pid)
{
	const struct nlmsghdr h = {len, (unsigned short)type, (unsigned short)flags, seq, pid};
	memcpy(at, &h, sizeof(h));
}

/* Netlink messages on NETLINK_ROUTE and NETLINK_SOCK_DIAG: headers, an ack
 * received (struct nlmsgerr), a batch, short and overlong lengths. The
 * socket binds a fixed port id so that the ack reads the same every run. */
static void netlink_messages(void)
{
	unsigned char buf[256];
	struct sockaddr_nl nl;
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	nl.nl_pid = 0x7e57a11;
	const long n = check("socket netlink route",
			     syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), 0);
	check("bind netlink route", syscall(SYS_bind, n, &nl, sizeof(nl)), 0);
	/* a no-op asking for an ack, which comes back as NLMSG_ERROR 0 */
	nl_header(buf, 16, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 1, 0x7e57a11);
	check("sendto noop", syscall(SYS_sendto, n, buf, 16, 0, NULL, 0), 0);
	memset(buf, 0, sizeof(buf));
	check("recvfrom ack", syscall(SYS_recvfrom, n, buf, sizeof(buf), 0, NULL, NULL), 0);
	/* two messages and 4 bytes too few for a third; the first's flags
	 * with bits no table names */
	memset(buf, 0, sizeof(buf));
	nl_header(buf, 20, NLMSG_NOOP, NLM_F_REQUEST | 0x4000, 2, 0);
	memcpy(buf + 16, "abcd", 4);
	nl_header(buf + 20, 16, NLMSG_DONE, NLM_F_MULTI, 3, 0);
	memcpy(buf + 36, "\x01\x02\x03\x04", 4);
	check("sendto batch", syscall(SYS_sendto, n, buf, 40, MSG_DONTWAIT, NULL, 0), 0);
	/* a length below the header's, one beyond the data, a DONE with its int */
	nl_header(buf, 8, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 4, 0);
	check("sendto short", syscall(SYS_sendto, n, buf, 20, MSG_DONTWAIT, NULL, 0), 0);
	nl_header(buf, 64, RTM_DELLINK, NLM_F_NONREC | NLM_F_ECHO, 5, 0);
	check("sendto long", syscall(SYS_sendto, n, buf, 16, MSG_DONTWAIT, NULL, 0), 0);
	nl_header(buf, 20, NLMSG_DONE, 0, 6, 0);
	memcpy(buf + 16, "\xff\xff\xff\xff", 4);
	check("sendto done", syscall(SYS_sendto, n, buf, 20, MSG_DONTWAIT, NULL, 0), 0);
	/* an error message of our own, its message echoed; unknown types */
	nl_header(buf, 36, NLMSG_ERROR, NLM_F_REQUEST | NLM_F_ACK_TLVS, 7, 0);
	const int err = -EACCES;
	memcpy(buf + 16, &err, 4);
	nl_header(buf + 20, 16, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, 8, 42);
	check("sendto error", syscall(SYS_sendto, n, buf, 36, MSG_DONTWAIT, NULL, 0), 0);
	nl_header(buf, 16, 0xffff, NLM_F_REQUEST, 9, 0);
	nl_header(buf + 16, 16, 0x0f, 0x100, 10, 0);
	check("sendto unknown", syscall(SYS_sendto, n, buf, 32, MSG_DONTWAIT, NULL, 0), 0);
	/* sendmsg: strace 6.1 leaves the iovec's data as bytes */
	nl_header(buf, 16, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, 11, 0x7e57a11);
	struct iovec iov = {buf, 16};
	struct msghdr mh;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	check("sendmsg getaddr", syscall(SYS_sendmsg, n, &mh, 0), 0);
	check("close", syscall(SYS_close, n), 0);

	const long d = check("socket netlink sock_diag",
			     syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG), 0);
	nl_header(buf, 16, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 12, 0);
	nl_header(buf + 16, 16, 0x30, NLM_F_REQUEST | NLM_F_ATOMIC, 13, 0);
	check("sendto sock_diag", syscall(SYS_sendto, d, buf, 32, MSG_DONTWAIT, NULL, 0), 0);
	check("close", syscall(SYS_close, d), 0);

	/* an unbound socket's first sendmsg binds it (the kernel picks the
	 * port id): the sendto after it is decoded by NETLINK_ROUTE's names,
	 * and -yy shows the port id from there on */
	const long u = check("socket netlink unbound",
			     syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), 0);
	nl_header(buf, 16, NLMSG_NOOP, NLM_F_REQUEST, 14, 0);
	iov = (struct iovec){buf, 16};
	check("sendmsg autobind", syscall(SYS_sendmsg, u, &mh, 0), 0);
	nl_header(buf, 16, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 15, 0);
	check("sendto bound", syscall(SYS_sendto, u, buf, 16, MSG_DONTWAIT, NULL, 0), 0);
	check("close", syscall(SYS_close, u), 0);
}

int main(const int argc, char **const argv)
{
	if (argc < 2 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: tp_fam_net DIR\n");
		return 2;
	}
	tcp4();
	udp4();
	udp6();
	raw_inet();
	unix_sockets();
	netlink_packet();
	other_families();
	netlink_messages();
	return failures ? 1 : 0;
}
