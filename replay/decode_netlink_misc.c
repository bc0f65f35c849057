/* The smaller netlink protocols as strace 6.1 prints them (its netlink.c,
 * netlink_selinux.c and netlink_kobject_uevent.c): NETLINK_AUDIT,
 * NETLINK_XFRM and NETLINK_GENERIC by type name alone (payloads as
 * bytes), NETLINK_SELINUX with its two one-field structs, and
 * NETLINK_KOBJECT_UEVENT, whose data is no netlink message but udev's
 * monitor header and its properties. */
#include "netlink.h"

#include <linux/selinux_netlink.h>
#include <linux/xfrm.h>
#include <stdio.h>
#include <string.h>

/* ---- NETLINK_AUDIT, NETLINK_GENERIC ---- */

const struct nl_protocol nl_audit_protocol = {.types = &rp_x_nl_audit_types};

/* strace asks the kernel for the generic families' ids while it runs; the
 * trace does not hold them, so only the fixed one (nlctrl) is named. */
const struct nl_protocol nl_generic_protocol = {.types = &rp_x_nl_generic_types};

/* ---- NETLINK_XFRM ---- */

static const struct rp_xlat *xfrm_flag_names(uint16_t type)
{
	switch (type) {
	case XFRM_MSG_NEWSA:
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_NEWAE:
	case XFRM_MSG_NEWSADINFO:
	case XFRM_MSG_NEWSPDINFO:
		return &rp_x_netlink_new_flags;
	case XFRM_MSG_DELSA:
	case XFRM_MSG_DELPOLICY:
		return &rp_x_netlink_delete_flags;
	case XFRM_MSG_GETSA:
	case XFRM_MSG_GETPOLICY:
	case XFRM_MSG_GETAE:
	case XFRM_MSG_GETSADINFO:
	case XFRM_MSG_GETSPDINFO:
		return &rp_x_netlink_get_flags;
	default:
		return NULL;
	}
}

const struct nl_protocol nl_xfrm_protocol = {
    .types = &rp_x_nl_xfrm_types,
    .flag_names = xfrm_flag_names,
};

/* ---- NETLINK_SELINUX ---- */

/* {val=N} / {seqno=N}: a 4-byte struct (what follows it unshown). */
static bool selinux_payload(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
			    uint64_t off, uint64_t len)
{
	const bool setenforce = m->type == SELNL_MSG_SETENFORCE;
	if (!setenforce && m->type != SELNL_MSG_POLICYLOAD)
		return false;
	if (len < 4) {
		nl_print_hex(c, a, off, len);
		return true;
	}
	if (!nl_readable(a, off, 4)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	const uint32_t v = rp_get_u32(a->data + off);
	rp_e_open(c->e, '{');
	rp_e_key(c->e, setenforce ? "val" : "seqno");
	if (setenforce)
		rp_e_int(c->e, (int32_t)v);
	else
		rp_e_uint(c->e, v);
	rp_e_close(c->e, '}');
	return true;
}

const struct nl_protocol nl_selinux_protocol = {
    .types = &rp_x_nl_selinux_types,
    .payload = selinux_payload,
};

/* ---- NETLINK_KOBJECT_UEVENT ---- */

/* struct udev_monitor_netlink_header (libudev's, not in the uapi). */
#define UEVENT_HDR_SIZE 40u
static const char uevent_prefix[8] = "libudev";

static void print_htonl(struct rp_ctx *c, const char *key, const uint8_t *p)
{
	const uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	rp_e_key(c->e, key);
	if (c->e->json)
		rp_e_uint(c->e, v);
	else
		rp_e_rawf(c->e, v ? "htonl(%#x)" : "htonl(%u)", v);
}

static void print_uevent_header(struct rp_ctx *c, const uint8_t *h)
{
	static const char *const counts[] = {"header_size", "properties_off", "properties_len"};
	static const char *const hashes[] = {"filter_subsystem_hash", "filter_devtype_hash",
					     "filter_tag_bloom_hi", "filter_tag_bloom_lo"};
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "prefix");
	rp_e_bytes_whole(c->e, h, strlen(uevent_prefix), true, false);
	print_htonl(c, "magic", h + 8);
	for (size_t k = 0; k < NL_ARRAY_LEN(counts); k++) {
		rp_e_key(c->e, counts[k]);
		rp_e_uint(c->e, rp_get_u32(h + 12 + 4 * k));
	}
	for (size_t k = 0; k < NL_ARRAY_LEN(hashes); k++)
		print_htonl(c, hashes[k], h + 24 + 4 * k);
	rp_e_close(c->e, '}');
}

/* len bytes of data of which the trace holds have (strace's printstrn:
 * it reads no more than -s bytes, so a shorter readable prefix will do). */
static void print_strn(struct rp_ctx *c, uint64_t addr, const uint8_t *data, size_t have,
		       uint64_t len, bool unreadable)
{
	const uint64_t need = len < c->opts->max_strlen ? len : c->opts->max_strlen;
	if (have < need && unreadable)
		rp_e_ptr(c->e, addr);
	else
		rp_e_bytes(c->e, data, have < len ? have : (size_t)len, false, have < len);
}

bool nl_print_kobject_uevent(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len)
{
	const bool unreadable = m->flags & STRTRC_MEM_UNREADABLE;
	if (len < UEVENT_HDR_SIZE || m->len < UEVENT_HDR_SIZE ||
	    memcmp(m->data, uevent_prefix, sizeof(uevent_prefix)) != 0) {
		if (m->len >= len || !unreadable)
			return false; /* the bytes, as any data */
		print_strn(c, addr, m->data, m->len, len, unreadable);
		return true;
	}
	if (len > UEVENT_HDR_SIZE)
		rp_e_open(c->e, '[');
	print_uevent_header(c, m->data);
	if (len > UEVENT_HDR_SIZE) {
		const uint64_t rest = len - UEVENT_HDR_SIZE;
		const size_t have = m->len - UEVENT_HDR_SIZE;
		if (have < rest && (m->flags & STRTRC_MEM_UNREADABLE))
			rp_e_ptr(c->e, addr + UEVENT_HDR_SIZE);
		else
			rp_e_bytes(c->e, m->data + UEVENT_HDR_SIZE,
				   have < rest ? have : (size_t)rest, false, have < rest);
		rp_e_close(c->e, ']');
	}
	return true;
}
