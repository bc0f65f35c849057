/* What strace -yy shows of descriptors beyond their paths. A device's
 * numbers ("/dev/null<char 1:3>", decode-fds=dev) are kept by path, as the
 * recorder found them (snapshots, new descriptors).
 *
 * strace -yy's socket details (decode-fds=socket): "TCP:[127.0.0.1:80->
 * 127.0.0.1:41234]", "UNIX-STREAM:[4242->4243,"path"]", "NETLINK:[ROUTE:
 * 1234]". strace asks the kernel (sock_diag) when it prints a descriptor;
 * the recorder wrote down what the kernel said after each call that may
 * change it (STRTRC_ARG_SOCKET records), and this tracker
 * answers with what was true at a given time. Like strace, it keeps the
 * first answer the kernel gave for an inode (strace caches it, in 1024
 * slots by inode): a socket shows the endpoints it had when it was first
 * found, and the inode alone until then. */
#include "rp_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#define HISTORY_MAX 8	  /* states kept per socket: it changes a few times */
#define CACHE_SLOTS 1024u /* strace's cache of socket details */

/* What the kernel said of a socket at one time. */
struct sock_state {
	uint64_t ts_ns;
	bool found; /* strace's lookup would succeed (else "PROTO:[inode]") */
	char *details;
};

struct sock {
	uint64_t inode;
	char proto[32]; /* the kernel's protocol name, "" when never recorded */
	struct sock_state history[HISTORY_MAX];
	unsigned n;
	/* AF_UNIX: its own facts, kept to add a peer learned from the other end */
	bool is_unix;
	uint64_t peer_inode;
	char *unix_name; /* ",\"path\"" or ",@\"name\"" quoted as strace quotes it, or NULL */
};

struct device {
	char *path;
	uint32_t type; /* S_IFCHR, S_IFBLK */
	uint64_t rdev;
};

struct rp_fdinfo {
	struct sock *socks;
	size_t n, cap;
	struct device *devs;
	size_t ndevs, devs_cap;
	struct {
		uint64_t inode;
		char *details;
	} cache[CACHE_SLOTS];
};

struct rp_fdinfo *rp_fdinfo_new(void)
{
	return calloc(1, sizeof(struct rp_fdinfo));
}

void rp_fdinfo_free(struct rp_fdinfo *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		for (unsigned k = 0; k < t->socks[i].n; k++)
			free(t->socks[i].history[k].details);
		free(t->socks[i].unix_name);
	}
	free(t->socks);
	for (size_t i = 0; i < t->ndevs; i++)
		free(t->devs[i].path);
	free(t->devs);
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		free(t->cache[i].details);
	free(t);
}

static struct sock *find_sock(const struct rp_fdinfo *t, uint64_t inode)
{
	for (size_t i = t->n; i-- > 0;) {
		if (t->socks[i].inode == inode)
			return &t->socks[i];
	}
	return NULL;
}

static struct sock *get_sock(struct rp_fdinfo *t, uint64_t inode)
{
	struct sock *s = find_sock(t, inode);
	if (s)
		return s;
	if (t->n == t->cap) {
		const size_t cap = t->cap ? t->cap * 2 : 16;
		struct sock *const more = realloc(t->socks, cap * sizeof(*more));
		if (!more)
			return NULL;
		t->socks = more;
		t->cap = cap;
	}
	s = &t->socks[t->n++];
	memset(s, 0, sizeof(*s));
	s->inode = inode;
	return s;
}

/* A new state from ts on, unless it says what the last one did. */
static int add_state(struct sock *s, uint64_t ts, bool found, const char *details)
{
	if (s->n) {
		const struct sock_state *const last = &s->history[s->n - 1];
		if (last->found == found && !strcmp(last->details, details))
			return 0;
	}
	char *const copy = strdup(details);
	if (!copy)
		return -ENOMEM;
	if (s->n == HISTORY_MAX) {
		free(s->history[0].details);
		memmove(s->history, s->history + 1, (HISTORY_MAX - 1) * sizeof(s->history[0]));
		s->n--;
	}
	s->history[s->n++] = (struct sock_state){ts, found, copy};
	return 0;
}

/* The protocols strace 6.1 knows by the kernel's names for them; a socket
 * of another (AF_PACKET...) shows its path. */
static bool strace_knows(const char *proto)
{
	static const char *const known[] = {
	    "UNIX",    "UNIX-STREAM", "TCP",	"UDP",	 "UDPLITE", "DCCP",	 "SCTP",
	    "L2TP/IP", "PING",	      "RAW",	"TCPv6", "UDPv6",   "UDPLITEv6", "DCCPv6",
	    "SCTPv6",  "L2TP/IPv6",   "PINGv6", "RAWv6", "NETLINK", NULL};
	for (unsigned i = 0; known[i]; i++) {
		if (!strcmp(proto, known[i]))
			return true;
	}
	return false;
}

/* "127.0.0.1:80" or "[::1]:80" of an inet address; false when it is not one. */
static bool inet_text(struct rp_buf *b, const struct strtrc_bytes *a, uint16_t *port)
{
	char text[INET6_ADDRSTRLEN];
	if (a->len >= sizeof(struct sockaddr_in) && rp_get_u16(a->data) == AF_INET) {
		struct sockaddr_in sin;
		memcpy(&sin, a->data, sizeof(sin));
		if (!inet_ntop(AF_INET, &sin.sin_addr, text, sizeof(text)))
			return false;
		*port = ntohs(sin.sin_port);
		rp_buf_printf(b, "%s:%u", text, *port);
		return true;
	}
	if (a->len >= sizeof(struct sockaddr_in6) && rp_get_u16(a->data) == AF_INET6) {
		struct sockaddr_in6 sin6;
		memcpy(&sin6, a->data, sizeof(sin6));
		if (!inet_ntop(AF_INET6, &sin6.sin6_addr, text, sizeof(text)))
			return false;
		*port = ntohs(sin6.sin6_port);
		rp_buf_printf(b, "[%s]:%u", text, *port);
		return true;
	}
	return false;
}

/* A unix socket's state, from its facts: found when it has a peer or a
 * name, as strace's unix_diag parser requires. */
static int unix_state(struct sock *s, uint64_t ts)
{
	struct rp_buf b = {0};
	rp_buf_printf(&b, "%s:[%" PRIu64, s->proto, s->inode);
	if (s->peer_inode)
		rp_buf_printf(&b, "->%" PRIu64, s->peer_inode);
	if (s->unix_name)
		rp_buf_puts(&b, s->unix_name);
	rp_buf_putc(&b, ']');
	const int rc = b.oom ? -ENOMEM : add_state(s, ts, s->peer_inode || s->unix_name, b.data);
	rp_buf_free(&b);
	return rc;
}

/* One socket item of a call that returned at ts. */
/* A netlink protocol's name without its NETLINK_ ("ROUTE"), or NULL. */
static const char *netlink_protocol_name(uint32_t protocol)
{
	const char *const name = rp_xlat_lookup(&rp_x_netlink_protocol, protocol);
	return name ? name + strlen("NETLINK_") : NULL;
}

static int feed_item(struct rp_fdinfo *t, const struct rp_mem *m, uint64_t ts)
{
	struct strtrc_socket so;
	if (strtrc_socket_decode(m->data, m->len, &so) < 0 || !so.inode)
		return 0; /* not one: nothing to learn */
	struct sock *const s = get_sock(t, so.inode);
	if (!s)
		return -ENOMEM;
	snprintf(s->proto, sizeof(s->proto), "%.*s", (int)so.proto.len,
		 (const char *)so.proto.data);
	if (so.family == AF_UNIX) {
		s->is_unix = true;
		s->peer_inode = so.peer_inode;
		/* its name: the path after sun_family, to its NUL; "@" and
		 * the rest for an abstract one */
		free(s->unix_name);
		s->unix_name = NULL;
		if (so.local.len > 2) {
			const uint8_t *const path = so.local.data + 2;
			size_t len = so.local.len - 2;
			const bool abstract = path[0] == '\0';
			const uint8_t *const from = abstract ? path + 1 : path;
			if (abstract)
				len--;
			else
				len = strnlen((const char *)from, len);
			struct rp_buf b = {0};
			rp_buf_puts(&b, abstract ? ",@" : ",");
			rp_quote_string(&b, from, len, UINT32_MAX, 0, true, false);
			if (b.oom)
				return -ENOMEM;
			s->unix_name = b.data;
		}
		int rc = unix_state(s, ts);
		/* a connection's other end learns its peer too (a connecting
		 * socket's peer has no inode until it is accepted); a datagram
		 * socket's peer does not send back */
		const bool connection = so.type == SOCK_STREAM || so.type == SOCK_SEQPACKET;
		struct sock *const peer =
		    so.peer_inode && connection ? find_sock(t, so.peer_inode) : NULL;
		if (!rc && peer && peer->is_unix && !peer->peer_inode) {
			peer->peer_inode = so.inode;
			rc = unix_state(peer, ts);
		}
		return rc;
	}
	struct rp_buf b = {0};
	bool found = false;
	if (so.family == AF_NETLINK) {
		/* found once bound (its port id assigned) */
		const uint32_t portid = so.local.len >= 8 ? rp_get_u32(so.local.data + 4) : 0;
		const char *const name = netlink_protocol_name(so.protocol);
		found = portid != 0;
		if (name)
			rp_buf_printf(&b, "%s:[%s:%" PRIu32 "]", s->proto, name, portid);
		else
			rp_buf_printf(&b, "%s:[%" PRIu32 "]", s->proto, so.protocol);
	} else {
		/* inet: found when sock_diag listed it (the recorder wrote its
		 * addresses then); the peer after "->" */
		uint16_t lport = 0, pport = 0;
		rp_buf_printf(&b, "%s:[", s->proto);
		if (inet_text(&b, &so.local, &lport)) {
			found = true;
			if (so.peer.len) {
				rp_buf_puts(&b, "->");
				found = inet_text(&b, &so.peer, &pport);
			}
		}
		rp_buf_putc(&b, ']');
	}
	const int rc = b.oom ? -ENOMEM : add_state(s, ts, found, b.data);
	rp_buf_free(&b);
	return rc;
}

static struct device *find_device(const struct rp_fdinfo *t, const char *path, size_t len)
{
	for (size_t i = 0; i < t->ndevs; i++) {
		if (strlen(t->devs[i].path) == len && !memcmp(t->devs[i].path, path, len))
			return &t->devs[i];
	}
	return NULL;
}

static int learn_device(struct rp_fdinfo *t, const uint8_t *path, size_t len, uint32_t type,
			uint64_t rdev)
{
	if (type != S_IFCHR && type != S_IFBLK)
		return 0;
	struct device *d = find_device(t, (const char *)path, len);
	if (!d) {
		if (t->ndevs == t->devs_cap) {
			const size_t cap = t->devs_cap ? t->devs_cap * 2 : 8;
			struct device *const more = realloc(t->devs, cap * sizeof(*more));
			if (!more)
				return -ENOMEM;
			t->devs = more;
			t->devs_cap = cap;
		}
		char *const copy = strndup((const char *)path, len);
		if (!copy)
			return -ENOMEM;
		d = &t->devs[t->ndevs++];
		d->path = copy;
	}
	d->type = type;
	d->rdev = rdev;
	return 0;
}

int rp_fdinfo_snapshot(struct rp_fdinfo *t, const struct strtrc_snapshot *sn)
{
	for (size_t i = 0; t && i < sn->nfds; i++) {
		const struct strtrc_fd_entry *const fd = &sn->fds[i];
		const int rc = learn_device(t, fd->path.data, fd->path.len, fd->dev_type, fd->rdev);
		if (rc < 0)
			return rc;
	}
	return 0;
}

bool rp_fdinfo_device(const struct rp_fdinfo *t, const char *path, size_t len, struct rp_buf *out)
{
	const struct device *const d = t ? find_device(t, path, len) : NULL;
	if (!d)
		return false;
	rp_buf_printf(out, "<%s %u:%u>", d->type == S_IFBLK ? "block" : "char", major(d->rdev),
		      minor(d->rdev));
	return true;
}

int rp_fdinfo_feed(struct rp_fdinfo *t, const struct rp_event *ev)
{
	if (!t || ev->kind != RP_EV_SYSCALL || !ev->u.sc.finished)
		return 0;
	const struct rp_syscall *const sc = &ev->u.sc;
	for (size_t i = 0; i < sc->nmem; i++) {
		const struct rp_mem *const m = &sc->mem[i];
		int rc = 0;
		if (m->arg == STRTRC_ARG_SOCKET && m->stop == STRTRC_AT_EXIT) {
			rc = feed_item(t, m, sc->exit_ts_ns);
		} else if (m->arg == STRTRC_ARG_DEVICE) {
			/* the device behind the link of the same item */
			uint32_t type;
			uint64_t rdev;
			const struct rp_mem *const link =
			    rp_syscall_mem(sc, STRTRC_AT_EXIT, STRTRC_ARG_RESULT, m->item);
			if (link && strtrc_device_decode(m->data, m->len, &type, &rdev) == 0)
				rc = learn_device(t, link->data, link->len, type, rdev);
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

bool rp_fdinfo_socket(struct rp_fdinfo *t, uint64_t inode, uint64_t ts, struct rp_buf *out)
{
	if (!t)
		return false;
	const unsigned slot = (unsigned)(inode & (CACHE_SLOTS - 1));
	if (t->cache[slot].details && t->cache[slot].inode == inode) {
		rp_buf_puts(out, t->cache[slot].details);
		return true;
	}
	const struct sock *const s = find_sock(t, inode);
	if (!s || !strace_knows(s->proto))
		return false;
	const struct sock_state *state = NULL;
	for (unsigned k = 0; k < s->n && s->history[k].ts_ns <= ts; k++)
		state = &s->history[k];
	if (!state || !state->found) {
		/* not found (yet): the protocol and the inode, not kept */
		rp_buf_printf(out, "%s:[%" PRIu64 "]", s->proto, inode);
		return true;
	}
	/* strace keeps what it found first */
	char *const copy = strdup(state->details);
	if (copy) {
		free(t->cache[slot].details);
		t->cache[slot].inode = inode;
		t->cache[slot].details = copy;
	}
	rp_buf_puts(out, state->details);
	return true;
}
