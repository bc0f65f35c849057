/* What strace -yy shows of a descriptor, as the recorder writes it down
 * (FORMAT.md "Socket endpoints", "Devices"): fixed little-endian fields,
 * then a socket's two addresses and its protocol name. */
#include "strtrc.h"

#include <assert.h>
#include <errno.h>
#include <string.h>

enum { SOCKET_HEAD = 32 };

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

size_t strtrc_socket_encode(const struct strtrc_socket *s, uint8_t *buf, size_t cap)
{
	assert(s && buf);
	if (s->local.len > UINT16_MAX || s->peer.len > UINT16_MAX || s->proto.len > UINT16_MAX)
		return 0;
	const size_t len = SOCKET_HEAD + s->local.len + s->peer.len + s->proto.len;
	if (len > cap)
		return 0;
	put_le(buf, s->family, 2);
	put_le(buf + 2, s->local.len, 2);
	put_le(buf + 4, s->peer.len, 2);
	put_le(buf + 6, s->proto.len, 2);
	put_le(buf + 8, s->protocol, 4);
	put_le(buf + 12, s->type, 4);
	put_le(buf + 16, s->inode, 8);
	put_le(buf + 24, s->peer_inode, 8);
	uint8_t *p = buf + SOCKET_HEAD;
	if (s->local.len)
		memcpy(p, s->local.data, s->local.len);
	p += s->local.len;
	if (s->peer.len)
		memcpy(p, s->peer.data, s->peer.len);
	p += s->peer.len;
	if (s->proto.len)
		memcpy(p, s->proto.data, s->proto.len);
	return len;
}

int strtrc_socket_decode(const uint8_t *data, size_t len, struct strtrc_socket *s)
{
	assert(s);
	memset(s, 0, sizeof(*s));
	if (!data || len < SOCKET_HEAD)
		return -EBADMSG;
	const size_t l = (size_t)get_le(data + 2, 2), pl = (size_t)get_le(data + 4, 2),
		     nl = (size_t)get_le(data + 6, 2);
	if (len != SOCKET_HEAD + l + pl + nl)
		return -EBADMSG;
	s->family = (uint16_t)get_le(data, 2);
	s->protocol = (uint32_t)get_le(data + 8, 4);
	s->type = (uint32_t)get_le(data + 12, 4);
	s->inode = get_le(data + 16, 8);
	s->peer_inode = get_le(data + 24, 8);
	s->local = (struct strtrc_bytes){data + SOCKET_HEAD, l};
	s->peer = (struct strtrc_bytes){data + SOCKET_HEAD + l, pl};
	s->proto = (struct strtrc_bytes){data + SOCKET_HEAD + l + pl, nl};
	return 0;
}

void strtrc_device_encode(uint32_t type, uint64_t rdev, uint8_t buf[STRTRC_DEVICE_SIZE])
{
	put_le(buf, type, 4);
	put_le(buf + 4, rdev, 8);
}

int strtrc_device_decode(const uint8_t *data, size_t len, uint32_t *type, uint64_t *rdev)
{
	if (!data || len != STRTRC_DEVICE_SIZE)
		return -EBADMSG;
	*type = (uint32_t)get_le(data, 4);
	*rdev = get_le(data + 4, 8);
	return 0;
}

void strtrc_pidfd_encode(int32_t pid, uint8_t buf[STRTRC_PIDFD_SIZE])
{
	put_le(buf, (uint32_t)pid, 4);
}

int strtrc_pidfd_decode(const uint8_t *data, size_t len, int32_t *pid)
{
	if (!data || len != STRTRC_PIDFD_SIZE)
		return -EBADMSG;
	*pid = (int32_t)(uint32_t)get_le(data, 4);
	return 0;
}
