/* Netlink attributes (struct nlattr and what follows it) and the fixed
 * structs that head netlink payloads, printed as strace 6.1 does (its
 * nlattr.c): each attribute as {nla_len, nla_type} with NLA_F_NESTED and
 * NLA_F_NET_BYTEORDER named, then its payload by the set's decoder for
 * that type, a hex string when there is none or it declines. */
#include "netlink.h"

#include <arpa/inet.h>
#include <assert.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

void nl_print_hex(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t len)
{
	if (!nl_readable(a, off, len)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_bytes_hex(c->e, a->data + off, (size_t)len, false);
}

void nl_print_family_data(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t len)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "family");
	rp_e_enum(c->e, &rp_x_address_family, a->data[off]);
	if (len > 1) {
		rp_e_key(c->e, "data");
		nl_print_hex(c, a, off + 1, len - 1);
	}
	rp_e_close(c->e, '}');
}

/* {nla_len=N, nla_type=NLA_F_NESTED|NAME} (a set without names: the number
 * in hex) */
static void print_attr_header(struct rp_ctx *c, const uint8_t *h, const struct rp_xlat *names)
{
	const uint16_t type = rp_get_u16(h + 2);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "nla_len");
	rp_e_uint(c->e, rp_get_u16(h));
	rp_e_key(c->e, "nla_type");
	const uint16_t bits = type & (NLA_F_NESTED | NLA_F_NET_BYTEORDER);
	if (!bits && !names) {
		rp_e_hex(c->e, type);
	} else if (!bits) {
		rp_e_enum(c->e, names, type & NLA_TYPE_MASK);
	} else {
		/* the flag names joined to the type's: one value in JSON too */
		struct rp_buf b = {0};
		const enum rp_xlat_style st = rp_e_xstyle(c->e);
		struct rp_buf flag = {0};
		if (bits & NLA_F_NESTED) {
			rp_xlat_named_text(&flag, st, "0x8000", "NLA_F_NESTED");
			rp_buf_printf(&b, "%s|", flag.data);
			rp_buf_free(&flag);
		}
		if (bits & NLA_F_NET_BYTEORDER) {
			rp_xlat_named_text(&flag, st, "0x4000", "NLA_F_NET_BYTEORDER");
			rp_buf_printf(&b, "%s|", flag.data);
			rp_buf_free(&flag);
		}
		if (names)
			rp_xlat_enum_text(&b, st, names, type & NLA_TYPE_MASK);
		else
			rp_buf_printf(&b, "%#x", type & NLA_TYPE_MASK);
		rp_e_raw(c->e, b.data);
		rp_buf_free(&b);
	}
	rp_e_close(c->e, '}');
}

void nl_print_attrs(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint64_t len, const struct nl_attr_set *set)
{
	bool array = false;
	for (unsigned k = 0;; k++) {
		if (len < NL_ATTR_HDR) {
			nl_print_hex(c, a, off, len);
			break;
		}
		if (!nl_readable(a, off, NL_ATTR_HDR)) {
			if (array) {
				rp_e_ellipsis(c->e);
				char tmp[32];
				snprintf(tmp, sizeof(tmp), "%#" PRIx64, a->addr + off);
				rp_e_comment(c->e, tmp);
			} else {
				rp_e_ptr(c->e, a->addr + off);
			}
			break;
		}
		if (rp_array_cut(c, k))
			break;
		const uint8_t *const h = a->data + off;
		const uint16_t nla_len = rp_get_u16(h);
		const uint64_t step = NL_ALIGN(nla_len);
		const bool more = nla_len >= NL_ATTR_HDR && len > step;
		if (!array && more) {
			rp_e_open(c->e, '[');
			array = true;
		}
		const uint64_t upto = nla_len < len ? nla_len : len;
		if (upto > NL_ATTR_HDR)
			rp_e_open(c->e, '[');
		print_attr_header(c, h, set->names);
		if (upto > NL_ATTR_HDR) {
			const uint16_t type = rp_get_u16(h + 2) & NLA_TYPE_MASK;
			const struct nl_attr *const at =
			    set->attrs && type < set->n ? &set->attrs[type] : NULL;
			const uint32_t dlen = (uint32_t)(upto - NL_ATTR_HDR);
			if (!at || !at->fn || !at->fn(c, m, a, off + NL_ATTR_HDR, dlen, at->arg))
				nl_print_hex(c, a, off + NL_ATTR_HDR, dlen);
			rp_e_close(c->e, ']');
		}
		if (!more)
			break;
		off += step;
		len -= step;
	}
	if (array)
		rp_e_close(c->e, ']');
}

/* ---- element decoders ---- */

/* The n-byte host-order integer at off as 64 bits, or false (its address
 * printed) when the trace does not hold it. */
static bool fetch_uint(struct rp_ctx *c, const struct nl_area *a, uint64_t off, unsigned n,
		       uint64_t *v)
{
	if (!nl_readable(a, off, n)) {
		rp_e_ptr(c->e, a->addr + off);
		return false;
	}
	uint64_t r = 0;
	memcpy(&r, a->data + off, n); /* little-endian host */
	*v = r;
	return true;
}

static bool print_int(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
		      unsigned size, char style)
{
	if (len < size)
		return false;
	uint64_t v;
	if (!fetch_uint(c, a, off, size, &v))
		return true;
	const unsigned shift = 64 - 8 * size;
	switch (style) {
	case 'u':
		rp_e_uint(c->e, v);
		break;
	case 'd':
		rp_e_int(c->e, (int64_t)(v << shift) >> shift);
		break;
	default:
		rp_e_hex(c->e, v);
		break;
	}
	return true;
}

#define NL_INT_DECODER(name, size, style)                                                          \
	bool nl_a_##name(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,        \
			 uint64_t off, uint32_t len, const void *arg)                              \
	{                                                                                          \
		(void)m;                                                                           \
		(void)arg;                                                                         \
		return print_int(c, a, off, len, size, style);                                     \
	}
NL_INT_DECODER(u8, 1, 'u')
NL_INT_DECODER(u16, 2, 'u')
NL_INT_DECODER(u32, 4, 'u')
NL_INT_DECODER(u64, 8, 'u')
NL_INT_DECODER(s8, 1, 'd')
NL_INT_DECODER(s16, 2, 'd')
NL_INT_DECODER(s32, 4, 'd')
NL_INT_DECODER(s64, 8, 'd')
NL_INT_DECODER(x8, 1, 'x')
NL_INT_DECODER(x16, 2, 'x')
NL_INT_DECODER(x32, 4, 'x')
NL_INT_DECODER(x64, 8, 'x')
#undef NL_INT_DECODER

bool nl_a_xint(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	       uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len != 1 && len != 2 && len != 4 && len != 8)
		return false;
	return print_int(c, a, off, len, len, 'x');
}

bool nl_a_str(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	      uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (!nl_readable(a, off, len)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	/* strace's QUOTE_OMIT_TRAILING_0 | QUOTE_EXPECT_TRAILING_0: a NUL
	 * ending what -s shows is dropped, unless the string goes out in \x
	 * escapes (-x, -xx), which show it; anything else is cut: "..." */
	const uint8_t *const p = a->data + off;
	const size_t size = len < c->opts->max_strlen ? len : c->opts->max_strlen;
	const bool hex = !c->e->json && rp_quotes_as_hex(p, size, c->opts->xflag);
	if (size && !p[size - 1] && !hex)
		rp_e_bytes(c->e, p, size - 1, false, false);
	else
		rp_e_bytes(c->e, p, size, false, true);
	return true;
}

bool nl_a_strn(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	       uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (!nl_readable(a, off, len))
		rp_e_ptr(c->e, a->addr + off);
	else
		rp_e_bytes(c->e, a->data + off, len, true, false);
	return true;
}

void nl_print_elems(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t n,
		    size_t size, nl_elem_fn *print_elem)
{
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_open(c->e, '[');
	for (uint32_t k = 0; k < n && !rp_array_cut(c, k); k++) {
		const uint64_t at = off + (uint64_t)k * size;
		if (!nl_readable(a, at, size)) {
			char tmp[32];
			snprintf(tmp, sizeof(tmp), "%#" PRIx64, a->addr + at);
			rp_e_ellipsis(c->e);
			rp_e_comment(c->e, tmp);
			break;
		}
		print_elem(c, a->data + at, k);
	}
	rp_e_close(c->e, ']');
}

static void print_u8_elem(struct rp_ctx *c, const uint8_t *p, uint32_t index)
{
	(void)index;
	rp_e_uint(c->e, *p);
}

static void print_u16_elem(struct rp_ctx *c, const uint8_t *p, uint32_t index)
{
	(void)index;
	rp_e_uint(c->e, rp_get_u16(p));
}

static void print_u32_elem(struct rp_ctx *c, const uint8_t *p, uint32_t index)
{
	(void)index;
	rp_e_uint(c->e, rp_get_u32(p));
}

/* An array attribute of n-byte unsigned numbers: false when it holds
 * none. */
static bool print_uint_array(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
			     size_t size, nl_elem_fn *print_elem)
{
	if (len < size)
		return false;
	nl_print_elems(c, a, off, (uint32_t)(len / size), size, print_elem);
	return true;
}

bool nl_a_u8_array(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		   uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_uint_array(c, a, off, len, 1, print_u8_elem);
}

bool nl_a_u16_array(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_uint_array(c, a, off, len, 2, print_u16_elem);
}

bool nl_a_u32_array(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_uint_array(c, a, off, len, 4, print_u32_elem);
}

bool nl_a_ifindex(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		  uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	uint64_t v;
	if (len < 4)
		return false;
	if (fetch_uint(c, a, off, 4, &v))
		rp_print_ifindex(c, (uint32_t)v);
	return true;
}

bool nl_a_fd(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	     uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	uint64_t v;
	if (len < 4)
		return false;
	if (fetch_uint(c, a, off, 4, &v))
		rp_arg_fd(c, (int32_t)v);
	return true;
}

bool nl_a_uid(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	      uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	uint64_t v;
	if (len < 4)
		return false;
	if (fetch_uint(c, a, off, 4, &v))
		rp_print_uid(c, (uint32_t)v);
	return true;
}

bool nl_a_clock_t(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		  uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	uint64_t v;
	if (len > 8)
		return false;
	if (fetch_uint(c, a, off, len, &v))
		rp_e_clock_ticks(c->e, v);
	return true;
}

/* A network-order number as the call that makes it: htons(N). */
static void print_net_call(struct rp_ctx *c, const char *fn, uint64_t v)
{
	char call[48];
	snprintf(call, sizeof(call), "%s(%" PRIu64 ")", fn, v);
	rp_e_raw(c->e, call);
}

bool nl_a_be16(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	       uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len < 2)
		return false;
	if (!nl_readable(a, off, 2))
		rp_e_ptr(c->e, a->addr + off);
	else if (c->e->json)
		rp_e_uint(c->e, (uint64_t)a->data[off] << 8 | a->data[off + 1]);
	else
		print_net_call(c, "htons", (uint64_t)a->data[off] << 8 | a->data[off + 1]);
	return true;
}

bool nl_a_be64(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	       uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len < 8)
		return false;
	if (!nl_readable(a, off, 8)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	uint64_t v = 0;
	for (unsigned k = 0; k < 8; k++)
		v = v << 8 | a->data[off + k];
	if (c->e->json)
		rp_e_uint(c->e, v);
	else
		print_net_call(c, "htobe64", v);
	return true;
}

static bool print_addr_of(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
			  int family)
{
	const uint32_t size = family == AF_INET ? 4 : 16;
	if (len < size)
		return false;
	if (!nl_readable(a, off, size))
		rp_e_ptr(c->e, a->addr + off);
	else
		rp_print_inet_addr(c, family, a->data + off, size, NULL);
	return true;
}

bool nl_a_in_addr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		  uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_addr_of(c, a, off, len, AF_INET);
}

bool nl_a_in6_addr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		   uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	return print_addr_of(c, a, off, len, AF_INET6);
}

bool nl_a_inet_addr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)arg;
	/* strace's decode_inet_addr: hex for other families or short data */
	if ((m->family != AF_INET && m->family != AF_INET6) ||
	    !print_addr_of(c, a, off, len, m->family))
		nl_print_hex(c, a, off, len);
	return true;
}

bool nl_a_hwaddr(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		 uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len > 32) /* MAX_ADDR_LEN */
		return false;
	if (!nl_readable(a, off, len))
		rp_e_ptr(c->e, a->addr + off);
	else
		rp_print_hwaddr(c, a->data + off, len, SIZE_MAX);
	return true;
}

bool nl_a_nested(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		 uint32_t len, const void *arg)
{
	assert(arg);
	nl_print_attrs(c, m, a, off, len, arg);
	return true;
}

/* v as a number, its names in a comment (none under -X raw) */
static void print_xval_number(struct rp_ctx *c, const struct rp_xlat *x, uint64_t v, bool flags)
{
	const enum rp_xlat_style st =
	    rp_e_xstyle(c->e) == RP_XLAT_RAW ? RP_XLAT_RAW : RP_XLAT_VERBOSE;
	struct rp_buf b = {0};
	if (flags)
		rp_xlat_flags_text(&b, st, x, v);
	else
		rp_xlat_enum_text(&b, st, x, v);
	if (!b.oom)
		rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

static bool print_xval(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t len,
		       const struct nl_xval *xv, bool flags, bool number)
{
	assert(xv && xv->x);
	if (len > 8 || len < xv->size)
		return false;
	const unsigned n = xv->size ? xv->size : len;
	uint64_t v;
	if (!fetch_uint(c, a, off, n, &v))
		return true;
	if (number && !c->e->json) {
		print_xval_number(c, xv->x, v, flags);
		return true;
	}
	if (flags)
		rp_e_flags(c->e, xv->x, v);
	else
		rp_e_enum(c->e, xv->x, v);
	return true;
}

bool nl_a_xval(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
	       uint32_t len, const void *arg)
{
	(void)m;
	return print_xval(c, a, off, len, arg, false, false);
}

bool nl_a_flags(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		uint32_t len, const void *arg)
{
	(void)m;
	return print_xval(c, a, off, len, arg, true, false);
}

bool nl_a_flags_num(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint32_t len, const void *arg)
{
	(void)m;
	return print_xval(c, a, off, len, arg, true, true);
}

bool nl_a_ether_proto(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		      uint64_t off, uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len < 2 || len > 8)
		return false;
	if (!nl_readable(a, off, 2)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint16_t v = (uint16_t)(a->data[off] << 8 | a->data[off + 1]);
	if (c->e->json) {
		rp_e_enum(c->e, &rp_x_ether_protocol, v);
		return true;
	}
	struct rp_buf b = {0};
	rp_buf_puts(&b, "htons(");
	rp_xlat_enum_text(&b, rp_e_xstyle(c->e), &rp_x_ether_protocol, v);
	rp_buf_puts(&b, ")");
	rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
	return true;
}

bool nl_a_ip_proto(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		   uint32_t len, const void *arg)
{
	(void)m;
	(void)arg;
	if (len > 8)
		return false;
	uint64_t v;
	if (fetch_uint(c, a, off, len, &v))
		rp_e_enum(c->e, &rp_x_ip_protocol, v);
	return true;
}

/* ---- fixed structs ---- */

void nl_print_fields(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f, size_t from,
		     size_t n)
{
	for (size_t k = from; k < n; k++) {
		if (f[k].kind == NLF_FN) {
			rp_e_key(c->e, f[k].name);
			((const struct nl_field_print *)f[k].x)->fn(c, p, &f[k]);
			continue;
		}
		uint64_t v = 0;
		assert(f[k].size == 1 || f[k].size == 2 || f[k].size == 4 || f[k].size == 8);
		memcpy(&v, p + f[k].off, f[k].size);
		if (f[k].kind == NLF_X_NONZERO && !v)
			continue;
		rp_e_key(c->e, f[k].name);
		switch ((enum nl_field_kind)f[k].kind) {
		case NLF_U:
			rp_e_uint(c->e, v);
			break;
		case NLF_D: {
			const unsigned shift = 64 - 8 * f[k].size;
			rp_e_int(c->e, (int64_t)(v << shift) >> shift);
			break;
		}
		case NLF_X:
		case NLF_X_NONZERO:
			rp_e_hex(c->e, v);
			break;
		case NLF_0X:
			if (c->e->json)
				rp_e_hex(c->e, v);
			else
				rp_e_rawf(c->e, "%#0*" PRIx64, 2 + 2 * f[k].size, v);
			break;
		case NLF_XVAL:
			rp_e_enum(c->e, f[k].x, v);
			break;
		case NLF_FLAGS:
			rp_e_flags(c->e, f[k].x, v);
			break;
		case NLF_IFINDEX:
			rp_print_ifindex(c, (uint32_t)v);
			break;
		case NLF_FAMILY:
			rp_e_enum(c->e, &rp_x_address_family, v);
			break;
		case NLF_FN:
			break;
		}
	}
}

void nl_print_struct(struct rp_ctx *c, const struct nl_area *a, uint64_t off, size_t size,
		     const struct nl_field *f, size_t n)
{
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return;
	}
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, f, 0, n);
	rp_e_close(c->e, '}');
}

bool nl_a_struct(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		 uint32_t len, const void *arg)
{
	(void)m;
	const struct nl_struct *const st = arg;
	assert(st);
	if (len < st->size)
		return false;
	nl_print_struct(c, a, off, st->size, st->f, st->n);
	if (st->tail && len > st->size && nl_readable(a, off, st->size))
		nl_print_hex(c, a, off + st->size, len - st->size);
	return true;
}

bool nl_print_head_attrs(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			 uint64_t off, uint64_t len, const struct nl_field *f, size_t nf,
			 size_t size, const struct nl_attr_set *attrs)
{
	assert(nf >= 1 && f[0].off == 0 && f[0].size == 1 && size <= 256);
	assert(nl_readable(a, off, 1)); /* the caller read the family */
	rp_e_open(c->e, '{');
	nl_print_fields(c, a->data + off, f, 0, 1);
	bool whole = false;
	if (len < size) {
		rp_e_ellipsis(c->e);
	} else if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off + 1); /* strace reads the rest after the family */
	} else {
		nl_print_fields(c, a->data + off, f, 1, nf);
		whole = true;
	}
	rp_e_close(c->e, '}');
	const uint64_t at = NL_ALIGN(size);
	if (whole && attrs && len > at) {
		struct nl_msg with_head = *m;
		with_head.head = a->data + off;
		with_head.head_len = size;
		nl_print_attrs(c, &with_head, a, off + at, len - at, attrs);
	}
	return whole;
}
