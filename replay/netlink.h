/* What the netlink decoders share (internal to the decoding library):
 * the message bytes a call left in the trace, the per-protocol
 * descriptions decode_netlink.c dispatches on, the attribute walker and
 * its element decoders (decode_nlattr.c), and fixed-struct field lists.
 *
 * A protocol's file (decode_netlink_route.c, ...) describes its messages
 * as data: which struct heads each type's payload, which attribute set
 * follows, and how each attribute's payload prints. Values come from the
 * kernel's uapi headers, names from common/xlat. */
#ifndef STREC_REPLAY_NETLINK_H
#define STREC_REPLAY_NETLINK_H

#include "rp_internal.h"

#include "names.h"

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NL_HDR_SIZE	16u /* struct nlmsghdr */
#define NL_ATTR_HDR	4u  /* struct nlattr */
#define NL_ALIGN(n)	(((uint64_t)(n) + 3) & ~(uint64_t)3)
#define NL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The bytes of an area of memory as the trace holds them: data[0..have) of
 * what was at addr; beyond have the tracee's memory could not be read. */
struct nl_area {
	uint64_t addr;
	const uint8_t *data;
	size_t have;
};

static inline bool nl_readable(const struct nl_area *a, uint64_t off, uint64_t n)
{
	return off <= a->have && n <= a->have - off;
}

/* len bytes at off as a hex string (strace's QUOTE_FORCE_HEX), or their
 * address when the trace does not hold them all. */
void nl_print_hex(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t len);

/* The message an attribute or payload belongs to: what its decoders may
 * look at (the protocol, type and flags, the family byte and the fixed
 * header before the attributes). */
struct nl_msg {
	uint32_t protocol;
	uint16_t type, flags;
	uint8_t family;
	const uint8_t *head; /* the payload's fixed header, when read */
	size_t head_len;
	/* state a decoder keeps across sibling attributes (a link's kind,
	 * which decides how its IFLA_INFO_DATA prints), or NULL */
	void *ctx;
};

/* One protocol's messages (strace's per-family tables in netlink.c). */
struct nl_protocol {
	/* the names of types >= NLMSG_MIN_TYPE ("RTM_???" unknown) */
	const struct rp_xlat *types;
	/* or, when set, how a type prints (netfilter's SUBSYS<<8|MSG) */
	void (*print_type)(struct rp_ctx *c, uint16_t type);
	/* the names of the flag bits above 0xff for a type, or NULL */
	const struct rp_xlat *(*flag_names)(uint16_t type);
	/* A payload of a type >= NLMSG_MIN_TYPE or NLMSG_DONE, len > 0 bytes at
	 * off: printed, or false when it prints as the generic decoder's. */
	bool (*payload)(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint64_t len);
};

extern const struct nl_protocol nl_route_protocol;     /* decode_netlink_route.c */
extern const struct nl_protocol nl_sock_diag_protocol; /* decode_netlink_diag.c */
extern const struct nl_protocol nl_netfilter_protocol; /* decode_netlink_netfilter.c */
/* decode_netlink_misc.c */
extern const struct nl_protocol nl_audit_protocol, nl_generic_protocol, nl_xfrm_protocol,
    nl_selinux_protocol;
/* NETLINK_KOBJECT_UEVENT's data (udev's header, then its properties), or
 * false when it prints as plain bytes. */
bool nl_print_kobject_uevent(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len);

/* A payload strace knows only the first byte of (readable at off):
 * {family=F, data="..."}. */
void nl_print_family_data(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint64_t len);
/* NETLINK_ROUTE's link and statistics messages (decode_netlink_link.c) and
 * multicast-routing cache reports, each a payload of len > 0 bytes. */
void nl_print_link_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint64_t len);
void nl_print_stats_msg(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint64_t len);
void nl_print_cachereport(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			  uint64_t off, uint64_t len);

/* ---- attributes (decode_nlattr.c) ---- */

/* An attribute payload's decoder: prints len bytes at off and returns true,
 * or returns false (before printing anything) for the hex string. arg is
 * the nl_attr's. */
typedef bool nl_attr_fn(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			uint64_t off, uint32_t len, const void *arg);

struct nl_attr {
	nl_attr_fn *fn;
	const void *arg;
};

/* An attribute set: its type names (NULL: numbers) and a decoder per type (indexed by the
 * type without NLA_F_NESTED / NLA_F_NET_BYTEORDER; missing: hex). */
struct nl_attr_set {
	const struct rp_xlat *names;
	const struct nl_attr *attrs;
	size_t n;
};
#define NL_ATTR_SET(names_, attrs_)                                                                \
	{                                                                                          \
		(names_), (attrs_), NL_ARRAY_LEN(attrs_)                                           \
	}

/* The attributes in len bytes at off: one as [{nla_len, nla_type}, data],
 * several as an array of those (strace's decode_nlattr). */
void nl_print_attrs(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a, uint64_t off,
		    uint64_t len, const struct nl_attr_set *set);

/* Element decoders. Integers need at least their size (more is ignored). */
nl_attr_fn nl_a_u8, nl_a_u16, nl_a_u32, nl_a_u64, nl_a_s8, nl_a_s16, nl_a_s32, nl_a_s64;
nl_attr_fn nl_a_x8, nl_a_x16, nl_a_x32, nl_a_x64;
nl_attr_fn nl_a_xint; /* x8..x64 by the length */
nl_attr_fn nl_a_str;  /* "name" (a trailing NUL dropped, "..." when none) */
nl_attr_fn nl_a_strn; /* the bytes as a string */
/* Arrays of unsigned numbers: [1, 2, 3], cut by -s, then "... /" "* ADDR
 * *" "/" where the trace ends (strace's print_array); false when empty. */
nl_attr_fn nl_a_u8_array, nl_a_u16_array, nl_a_u32_array;
/* n elements of size bytes at off, each by print_elem (given its index),
 * as above (its address when not even the first is there). */
typedef void nl_elem_fn(struct rp_ctx *c, const uint8_t *elem, uint32_t index);
void nl_print_elems(struct rp_ctx *c, const struct nl_area *a, uint64_t off, uint32_t n,
		    size_t size, nl_elem_fn *print_elem);
nl_attr_fn nl_a_ifindex;     /* if_nametoindex("lo") */
nl_attr_fn nl_a_fd;	     /* a descriptor (with -y its path) */
nl_attr_fn nl_a_uid;	     /* uid/gid: -1 for all ones */
nl_attr_fn nl_a_clock_t;     /* up to 8 bytes of clock ticks */
nl_attr_fn nl_a_be16;	     /* htons(N) */
nl_attr_fn nl_a_be64;	     /* htobe64(N) */
nl_attr_fn nl_a_in_addr;     /* inet_addr("...") */
nl_attr_fn nl_a_in6_addr;    /* inet_pton(AF_INET6, "...") */
nl_attr_fn nl_a_inet_addr;   /* by the message's family; other families hex */
nl_attr_fn nl_a_hwaddr;	     /* ab:cd:ef:01:02:03, any length up to 32 */
nl_attr_fn nl_a_nested;	     /* arg: const struct nl_attr_set * */
nl_attr_fn nl_a_ether_proto; /* htons(ETH_P_IP) */
nl_attr_fn nl_a_ip_proto;    /* IPPROTO_TCP */
/* One named value or a flag set of an integer of at least size bytes (and
 * at most 8; size 0: any length up to 8). arg: const struct nl_xval *. */
struct nl_xval {
	const struct rp_xlat *x;
	uint8_t size;
};
nl_attr_fn nl_a_xval, nl_a_flags;
/* flags as the number, the names in a comment, whatever -X says but raw
 * (names that are not uapi's: strace's XLAT_STYLE_VERBOSE) */
nl_attr_fn nl_a_flags_num;

/* ---- fixed structs ---- */

enum nl_field_kind {
	NLF_U,	       /* unsigned decimal */
	NLF_D,	       /* signed decimal */
	NLF_X,	       /* hex */
	NLF_XVAL,      /* one of x */
	NLF_FLAGS,     /* bits of x */
	NLF_IFINDEX,   /* if_nametoindex("lo") */
	NLF_FAMILY,    /* AF_INET */
	NLF_X_NONZERO, /* hex, only when not 0 (padding strace shows if set) */
	NLF_0X,	       /* hex zero-padded to the field's width: 0x0000abcd */
	NLF_FN,	       /* by fn (any size): arrays, nested structs */
};

struct nl_field;
/* Prints the value of field f of the struct at p (its key printed). */
typedef void nl_field_fn(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f);
struct nl_field_print {
	nl_field_fn *fn;
};

/* A field of a fixed struct: name, where, how wide (1, 2, 4, 8 bytes,
 * host order), how it prints. */
struct nl_field {
	const char *name;
	uint16_t off;
	uint8_t size;
	uint8_t kind; /* enum nl_field_kind */
	/* NLF_XVAL, NLF_FLAGS: const struct rp_xlat *; NLF_FN: const struct
	 * nl_field_print * */
	const void *x;
};

/* A field list entry for member of struct type (the kernel's uapi struct:
 * offset and size from it), and where a member ends. */
#define NL_FIELD(type, member, kind, x)                                                            \
	{                                                                                          \
#member, offsetof(struct type, member), sizeof(((struct type *)0)->member),        \
		    (kind), (x)                                                                    \
	}
/* A field printed by fn (struct nl_field_print), any size. */
#define NL_FIELD_FN(type, member, fn)                                                              \
	{                                                                                          \
#member, offsetof(struct type, member), sizeof(((struct type *)0)->member),        \
		    NLF_FN, &(const struct nl_field_print)                                         \
		{                                                                                  \
			(fn)                                                                       \
		}                                                                                  \
	}
#define NL_END_OF(type, member) (offsetof(struct type, member) + sizeof(((struct type *)0)->member))

/* A fixed struct as an attribute's payload: {fields} when the payload
 * holds at least size bytes (more are ignored, or follow as a hex string
 * with tail), else the hex string. arg: const struct nl_struct *. */
struct nl_struct {
	const struct nl_field *f;
	size_t n, size;
	bool tail;
};
#define NL_STRUCT(fields_, type)                                                                   \
	{                                                                                          \
		(fields_), NL_ARRAY_LEN(fields_), sizeof(struct type), false                       \
	}
#define NL_STRUCT_TAIL(fields_, type)                                                              \
	{                                                                                          \
		(fields_), NL_ARRAY_LEN(fields_), sizeof(struct type), true                        \
	}
/* size bytes up to the struct's member last (no tail padding) */
#define NL_STRUCT_TO(fields_, type, last)                                                          \
	{                                                                                          \
		(fields_), NL_ARRAY_LEN(fields_), NL_END_OF(type, last), false                     \
	}
nl_attr_fn nl_a_struct;
/* The fields of a struct of size bytes at off as {...}, or its address
 * when the trace does not hold it all. */
void nl_print_struct(struct rp_ctx *c, const struct nl_area *a, uint64_t off, size_t size,
		     const struct nl_field *f, size_t n);

/* Prints fields [from, n) of a struct at p (key = value each, no braces). */
void nl_print_fields(struct rp_ctx *c, const uint8_t *p, const struct nl_field *f, size_t from,
		     size_t n);

/* A message payload that begins with a fixed struct of size bytes whose
 * first field (the family byte) strace always prints: "{family, rest}"
 * when the payload holds the whole struct and the trace has it, "{family,
 * ...}" when the payload is shorter, "{family, 0xADDR}" when unreadable;
 * then, when the struct was printed whole and attributes follow, ", " and
 * the attribute set. m->head is set to the struct while the attributes
 * print. Returns whether the struct printed whole. */
bool nl_print_head_attrs(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			 uint64_t off, uint64_t len, const struct nl_field *f, size_t nf,
			 size_t size, const struct nl_attr_set *attrs);

#endif
