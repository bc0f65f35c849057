/* What strace -yy shows of descriptors beyond their paths, recorded: a
 * device's type and number, and what the kernel says of a traced process's
 * socket (its family, protocol and name, its addresses as sock_diag lists
 * them, a unix socket's peer) right after a call that may have given it
 * endpoints. A socket is read through a copy of the descriptor
 * (pidfd_getfd), so the tracee's is not touched. */
#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

bool rec_device_of(const char *proc_link, const char *target, size_t len, uint32_t *type,
		   uint64_t *rdev)
{
	/* devices live in /dev: other paths are not worth a stat each */
	if (len < 5 || memcmp(target, "/dev/", 5) != 0)
		return false;
	struct stat st;
	if (stat(proc_link, &st) < 0 || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return false;
	*type = st.st_mode & S_IFMT;
	*rdev = st.st_rdev;
	return true;
}

pid_t rec_pidfd_pid(const struct recorder *rec, pid_t tid, int32_t pidfd)
{
	char path[64], text[512];
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)rec_proc_pid(rec, tid), pidfd);
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	const ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = '\0';
	/* NSpid: its id in the namespace of /proc, then in each below it down
	 * to its own; strec's is pid_ns_level below /proc's (Pid: the first) */
	if (rec->pid_ns_level == 0) { /* /proc's namespace is strec's: Pid: says */
		const char *const pid_line = strstr(text, "\nPid:");
		return pid_line ? (pid_t)strtol(pid_line + 5, NULL, 10) : -1;
	}
	const char *const line = strstr(text, "\nNSpid:");
	if (!line)
		return -1;
	const char *p = line + 7;
	for (uint32_t level = 0;; level++) {
		char *end;
		while (*p == ' ' || *p == '\t')
			p++;
		const long id = strtol(p, &end, 10);
		if (end == p || *p == '\n')
			return -1; /* not in strec's namespace */
		if (level == rec->pid_ns_level)
			return (pid_t)id;
		p = end;
	}
}

/* Whether target, what /proc's link at proc_link says, ends in " (deleted)"
 * as the file's own name: the path is there and is the file (strace -y
 * shows such a name whole, a deleted file's mark after the brackets). */
bool rec_link_name_is_own(const char *proc_link, const char *target, size_t len)
{
	static const char mark[] = " (deleted)";
	const size_t m = sizeof(mark) - 1;
	struct stat file, named;
	return len > m && memcmp(target + len - m, mark, m) == 0 && target[0] == '/' &&
	       stat(proc_link, &file) == 0 && lstat(target, &named) == 0 &&
	       file.st_dev == named.st_dev && file.st_ino == named.st_ino;
}

bool rec_is_pidfd_link(const char *target, size_t len)
{
	return len == sizeof(STRTRC_PIDFD_LINK) - 1 && memcmp(target, STRTRC_PIDFD_LINK, len) == 0;
}

int rec_write_pidfd(struct recorder *rec, pid_t tid, pid_t owner, int32_t fd, uint32_t item,
		    uint64_t addr, uint64_t ts)
{
	uint8_t data[STRTRC_PIDFD_SIZE];
	strtrc_pidfd_encode(rec_pidfd_pid(rec, owner, fd), data);
	const struct strtrc_record r = {
	    .kind = STRTRC_MEMORY,
	    .tid = (uint32_t)tid,
	    .ts_ns = ts,
	    .u.memory = {.stop = STRTRC_AT_EXIT,
			 .arg = STRTRC_ARG_PIDFD,
			 .item = item,
			 .addr = addr,
			 .full_len = sizeof(data),
			 .data = {data, sizeof(data)}},
	};
	return rec_write(rec, &r);
}

/* The inode of the peer of unix socket inode, or 0. */
static uint64_t unix_peer_inode(uint64_t inode)
{
	const int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (nl < 0)
		return 0;
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req udr;
	} req = {
	    .nlh = {.nlmsg_len = sizeof(req),
		    .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		    .nlmsg_flags = NLM_F_REQUEST},
	    .udr = {.sdiag_family = AF_UNIX,
		    .udiag_ino = (uint32_t)inode,
		    .udiag_states = ~0u,
		    .udiag_show = UDIAG_SHOW_PEER,
		    .udiag_cookie = {~0u, ~0u}},
	};
	uint64_t peer = 0;
	long reply[1024];
	ssize_t n = -1;
	if (send(nl, &req, sizeof(req), 0) == (ssize_t)sizeof(req))
		n = recv(nl, reply, sizeof(reply), 0);
	close(nl);
	const struct nlmsghdr *h = (const struct nlmsghdr *)reply;
	if (n < 0 || !NLMSG_OK(h, (size_t)n) || h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(struct unix_diag_msg)))
		return 0;
	const struct unix_diag_msg *const msg = NLMSG_DATA(h);
	if (msg->udiag_ino != (uint32_t)inode)
		return 0;
	size_t left = h->nlmsg_len - NLMSG_LENGTH(sizeof(*msg));
	const struct nlattr *a = (const struct nlattr *)(msg + 1);
	while (left >= sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= left) {
		if (a->nla_type == UNIX_DIAG_PEER && a->nla_len >= NLA_HDRLEN + sizeof(uint32_t)) {
			uint32_t v;
			memcpy(&v, (const uint8_t *)a + NLA_HDRLEN, sizeof(v));
			peer = v;
		}
		const size_t step = NLA_ALIGN(a->nla_len);
		if (step >= left)
			break;
		left -= step;
		a = (const struct nlattr *)((const uint8_t *)a + step);
	}
	return peer;
}

/* An inet socket as sock_diag lists it, which is what strace prints: its
 * source and destination, found among the sockets of its protocol on its
 * port. false when the kernel lists it not (unbound, or closed: a failed
 * connect keeps the port number but not the port). */
static bool inet_diag_find(int family, int protocol, uint16_t port, uint64_t inode,
			   struct sockaddr_storage *local, socklen_t *llen,
			   struct sockaddr_storage *peer, socklen_t *plen)
{
	const int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (nl < 0)
		return false;
	/* every state, source port == port (a filter like ss's "sport = :N") */
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
		struct nlattr nla;
		struct inet_diag_bc_op op[2];
	} req = {
	    .nlh = {.nlmsg_len = sizeof(req),
		    .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		    .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
	    .req = {.sdiag_family = (uint8_t)family,
		    .sdiag_protocol = (uint8_t)protocol,
		    .idiag_states = ~0u},
	    .nla = {.nla_len = NLA_HDRLEN + sizeof(req.op), .nla_type = INET_DIAG_REQ_BYTECODE},
	    .op = {{.code = INET_DIAG_BC_S_EQ, .yes = sizeof(req.op), .no = sizeof(req.op) + 4},
		   {.no = port}},
	};
	bool found = false, done = false;
	if (send(nl, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		done = true;
	long reply[2048];
	while (!done) {
		const ssize_t got = recv(nl, reply, sizeof(reply), 0);
		if (got <= 0)
			break;
		size_t n = (size_t)got;
		for (const struct nlmsghdr *h = (const struct nlmsghdr *)reply; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
			    h->nlmsg_len < NLMSG_LENGTH(sizeof(struct inet_diag_msg))) {
				done = true; /* NLMSG_DONE, or an error */
				break;
			}
			const struct inet_diag_msg *const m = NLMSG_DATA(h);
			if (found || m->idiag_inode != (uint32_t)inode)
				continue;
			found = true;
			const bool v6 = m->idiag_family == AF_INET6;
			const size_t alen = v6 ? 16 : 4;
			static const uint8_t zero[16];
			memset(local, 0, sizeof(*local));
			memset(peer, 0, sizeof(*peer));
			if (v6) {
				struct sockaddr_in6 *const l = (struct sockaddr_in6 *)local;
				l->sin6_family = AF_INET6;
				l->sin6_port = m->id.idiag_sport;
				memcpy(&l->sin6_addr, m->id.idiag_src, alen);
				*llen = sizeof(*l);
			} else {
				struct sockaddr_in *const l = (struct sockaddr_in *)local;
				l->sin_family = AF_INET;
				l->sin_port = m->id.idiag_sport;
				memcpy(&l->sin_addr, m->id.idiag_src, alen);
				*llen = sizeof(*l);
			}
			*plen = 0;
			if (m->id.idiag_dport || memcmp(m->id.idiag_dst, zero, alen)) {
				if (v6) {
					struct sockaddr_in6 *const p = (struct sockaddr_in6 *)peer;
					p->sin6_family = AF_INET6;
					p->sin6_port = m->id.idiag_dport;
					memcpy(&p->sin6_addr, m->id.idiag_dst, alen);
					*plen = sizeof(*p);
				} else {
					struct sockaddr_in *const p = (struct sockaddr_in *)peer;
					p->sin_family = AF_INET;
					p->sin_port = m->id.idiag_dport;
					memcpy(&p->sin_addr, m->id.idiag_dst, alen);
					*plen = sizeof(*p);
				}
			}
		}
	}
	close(nl);
	return found;
}

int rec_socket_query(pid_t tgid, int32_t fd, uint8_t *buf, size_t cap, size_t *len)
{
	*len = 0;
	const int pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);
	if (pidfd < 0)
		return -errno;
	const int sock = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	const int err = errno;
	close(pidfd);
	if (sock < 0)
		return -err;
	struct stat st;
	int family = 0, type = 0, protocol = 0;
	socklen_t olen = sizeof(int);
	int rc = 0;
	if (fstat(sock, &st) < 0 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &family, &olen) < 0)
		rc = -ENOTSOCK;
	olen = sizeof(int);
	if (!rc && getsockopt(sock, SOL_SOCKET, SO_PROTOCOL, &protocol, &olen) < 0)
		protocol = 0;
	olen = sizeof(int);
	if (!rc && getsockopt(sock, SOL_SOCKET, SO_TYPE, &type, &olen) < 0)
		type = 0;
	struct sockaddr_storage local, peer;
	socklen_t llen = sizeof(local), plen = sizeof(peer);
	if (!rc && getsockname(sock, (struct sockaddr *)&local, &llen) < 0)
		llen = 0;
	if (!rc && getpeername(sock, (struct sockaddr *)&peer, &plen) < 0)
		plen = 0; /* not connected */
	char name[64];
	const ssize_t nlen = rc ? -1 : fgetxattr(sock, "system.sockprotoname", name, sizeof(name));
	close(sock);
	if (rc)
		return rc;
	/* inet: the addresses sock_diag lists, none when it lists it not */
	if (family == AF_INET || family == AF_INET6) {
		const uint16_t port = llen >= sizeof(struct sockaddr_in)
					  ? ntohs(((const struct sockaddr_in *)&local)->sin_port)
					  : 0;
		if (!port ||
		    !inet_diag_find(family, protocol, port, st.st_ino, &local, &llen, &peer, &plen))
			llen = plen = 0;
	}
	const struct strtrc_socket s = {
	    .family = (uint16_t)family,
	    .type = (uint32_t)type,
	    .protocol = (uint32_t)protocol,
	    .inode = st.st_ino,
	    .peer_inode = family == AF_UNIX ? unix_peer_inode(st.st_ino) : 0,
	    .local = {(const uint8_t *)&local, llen < sizeof(local) ? llen : sizeof(local)},
	    .peer = {(const uint8_t *)&peer, plen < sizeof(peer) ? plen : sizeof(peer)},
	    .proto = {(const uint8_t *)name, nlen > 0 ? (size_t)nlen : 0},
	};
	*len = strtrc_socket_encode(&s, buf, cap);
	return *len ? 0 : -ENOBUFS;
}
