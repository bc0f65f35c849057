/* NETLINK_NETFILTER messages (nfnetlink), as strace 6.1 prints them (its
 * netlink.c and netlink_netfilter.c): a type is a subsystem and that
 * subsystem's message (SUBSYS<<8|MSG) unless it is one of the batch
 * markers; the payload is a struct nfgenmsg, then attributes strace names
 * only by number. */
#include "netlink.h"

#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_acct.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <linux/netfilter/nfnetlink_cttimeout.h>
#include <linux/netfilter/nfnetlink_hook.h>
#include <stdio.h>

/* A subsystem's message names, by NFNL_SUBSYS_* (none: hex). */
static const struct rp_xlat *const subsys_msgs[] = {
    [NFNL_SUBSYS_CTNETLINK] = &rp_x_nf_ctnetlink_msg_types,
    [NFNL_SUBSYS_CTNETLINK_EXP] = &rp_x_nf_ctnetlink_exp_msg_types,
    [NFNL_SUBSYS_QUEUE] = &rp_x_nf_queue_msg_types,
    [NFNL_SUBSYS_ULOG] = &rp_x_nf_ulog_msg_types,
    [NFNL_SUBSYS_OSF] = &rp_x_nf_osf_msg_types,
    [NFNL_SUBSYS_IPSET] = &rp_x_nf_ipset_msg_types,
    [NFNL_SUBSYS_ACCT] = &rp_x_nf_acct_msg_types,
    [NFNL_SUBSYS_CTNETLINK_TIMEOUT] = &rp_x_nf_cttimeout_msg_types,
    [NFNL_SUBSYS_CTHELPER] = &rp_x_nf_cthelper_msg_types,
    [NFNL_SUBSYS_NFTABLES] = &rp_x_nf_nftables_msg_types,
    [NFNL_SUBSYS_NFT_COMPAT] = &rp_x_nf_nft_compat_msg_types,
    [NFNL_SUBSYS_HOOK] = &rp_x_nf_hook_msg_types,
};

/* "NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_NEW", one value in JSON too. */
static void nf_print_type(struct rp_ctx *c, uint16_t type)
{
	const enum rp_xlat_style st = rp_e_xstyle(c->e);
	const char *const batch = rp_xlat_lookup(&rp_x_nl_netfilter_msg_types, type);
	if (batch) {
		rp_e_symx(c->e, batch, type);
		return;
	}
	const uint8_t subsys = (uint8_t)(type >> 8), msg = (uint8_t)type;
	struct rp_buf b = {0};
	rp_xlat_enum_text(&b, st, &rp_x_nl_netfilter_subsys_ids, subsys);
	rp_buf_puts(&b, "<<8|");
	if (subsys < NL_ARRAY_LEN(subsys_msgs) && subsys_msgs[subsys])
		rp_xlat_enum_text(&b, st, subsys_msgs[subsys], msg);
	else
		rp_buf_printf(&b, "%#x", msg);
	rp_e_raw(c->e, b.data);
	rp_buf_free(&b);
}

/* Which flag names a message's bits above 0xff take. */
enum { NF_NONE, NF_NEW, NF_GET, NF_DEL };

static const uint8_t ct_flags[] = {
    [IPCTNL_MSG_CT_NEW] = NF_NEW,
    [IPCTNL_MSG_CT_GET] = NF_GET,
    [IPCTNL_MSG_CT_GET_CTRZERO] = NF_GET,
    [IPCTNL_MSG_CT_GET_STATS_CPU] = NF_GET,
    [IPCTNL_MSG_CT_GET_STATS] = NF_GET,
    [IPCTNL_MSG_CT_GET_DYING] = NF_GET,
    [IPCTNL_MSG_CT_GET_UNCONFIRMED] = NF_GET,
    [IPCTNL_MSG_CT_DELETE] = NF_DEL,
};
static const uint8_t exp_flags[] = {
    [IPCTNL_MSG_EXP_NEW] = NF_NEW,
    [IPCTNL_MSG_EXP_GET] = NF_GET,
    [IPCTNL_MSG_EXP_GET_STATS_CPU] = NF_GET,
    [IPCTNL_MSG_EXP_DELETE] = NF_DEL,
};
static const uint8_t acct_flags[] = {
    [NFNL_MSG_ACCT_NEW] = NF_NEW,
    [NFNL_MSG_ACCT_GET] = NF_GET,
    [NFNL_MSG_ACCT_GET_CTRZERO] = NF_GET,
    [NFNL_MSG_ACCT_DEL] = NF_DEL,
};
static const uint8_t timeout_flags[] = {
    [IPCTNL_MSG_TIMEOUT_NEW] = NF_NEW,
    [IPCTNL_MSG_TIMEOUT_GET] = NF_GET,
    [IPCTNL_MSG_TIMEOUT_DELETE] = NF_DEL,
};
static const uint8_t helper_flags[] = {
    [NFNL_MSG_CTHELPER_NEW] = NF_NEW,
    [NFNL_MSG_CTHELPER_GET] = NF_GET,
    [NFNL_MSG_CTHELPER_DEL] = NF_DEL,
};
static const uint8_t nft_flags[] = {
    [NFT_MSG_NEWTABLE] = NF_NEW,     [NFT_MSG_NEWCHAIN] = NF_NEW,
    [NFT_MSG_NEWRULE] = NF_NEW,	     [NFT_MSG_NEWSET] = NF_NEW,
    [NFT_MSG_NEWSETELEM] = NF_NEW,   [NFT_MSG_NEWGEN] = NF_NEW,
    [NFT_MSG_NEWOBJ] = NF_NEW,	     [NFT_MSG_NEWFLOWTABLE] = NF_NEW,
    [NFT_MSG_GETTABLE] = NF_GET,     [NFT_MSG_GETCHAIN] = NF_GET,
    [NFT_MSG_GETRULE] = NF_GET,	     [NFT_MSG_GETSET] = NF_GET,
    [NFT_MSG_GETSETELEM] = NF_GET,   [NFT_MSG_GETGEN] = NF_GET,
    [NFT_MSG_GETOBJ] = NF_GET,	     [NFT_MSG_GETOBJ_RESET] = NF_GET,
    [NFT_MSG_GETFLOWTABLE] = NF_GET, [NFT_MSG_DELTABLE] = NF_DEL,
    [NFT_MSG_DELCHAIN] = NF_DEL,     [NFT_MSG_DELRULE] = NF_DEL,
    [NFT_MSG_DELSET] = NF_DEL,	     [NFT_MSG_DELSETELEM] = NF_DEL,
    [NFT_MSG_DELOBJ] = NF_DEL,	     [NFT_MSG_DELFLOWTABLE] = NF_DEL,
};
static const uint8_t compat_flags[] = {[NFNL_MSG_COMPAT_GET] = NF_GET};
static const uint8_t hook_flags[] = {[NFNL_MSG_HOOK_GET] = NF_GET};

struct nf_flag_table {
	const uint8_t *kind;
	size_t n;
};
#define NF_FLAG_TABLE(t)                                                                           \
	{                                                                                          \
		(t), NL_ARRAY_LEN(t)                                                               \
	}
static const struct nf_flag_table subsys_flags[] = {
    [NFNL_SUBSYS_CTNETLINK] = NF_FLAG_TABLE(ct_flags),
    [NFNL_SUBSYS_CTNETLINK_EXP] = NF_FLAG_TABLE(exp_flags),
    [NFNL_SUBSYS_ACCT] = NF_FLAG_TABLE(acct_flags),
    [NFNL_SUBSYS_CTNETLINK_TIMEOUT] = NF_FLAG_TABLE(timeout_flags),
    [NFNL_SUBSYS_CTHELPER] = NF_FLAG_TABLE(helper_flags),
    [NFNL_SUBSYS_NFTABLES] = NF_FLAG_TABLE(nft_flags),
    [NFNL_SUBSYS_NFT_COMPAT] = NF_FLAG_TABLE(compat_flags),
    [NFNL_SUBSYS_HOOK] = NF_FLAG_TABLE(hook_flags),
};

static const struct rp_xlat *nf_flag_names(uint16_t type)
{
	const uint8_t subsys = (uint8_t)(type >> 8), msg = (uint8_t)type;
	if (subsys >= NL_ARRAY_LEN(subsys_flags) || msg >= subsys_flags[subsys].n)
		return NULL;
	switch (subsys_flags[subsys].kind[msg]) {
	case NF_NEW:
		return &rp_x_netlink_new_flags;
	case NF_GET:
		return &rp_x_netlink_get_flags;
	case NF_DEL:
		return &rp_x_netlink_delete_flags;
	default:
		return NULL;
	}
}

/* res_id, network order but for nftables' messages that put their
 * subsystem there in host order (a kernel bug strace works around). */
static void print_res_id(struct rp_ctx *c, uint8_t subsys, const uint8_t *p)
{
	const uint16_t raw = rp_get_u16(p), host = (uint16_t)(p[0] << 8 | p[1]);
	if (subsys == NFNL_SUBSYS_NFTABLES && host == NFNL_SUBSYS_NFTABLES)
		rp_e_symx(c->e, "htons(NFNL_SUBSYS_NFTABLES)", raw);
	else if (subsys == NFNL_SUBSYS_NFTABLES && raw == NFNL_SUBSYS_NFTABLES)
		rp_e_symx(c->e, "NFNL_SUBSYS_NFTABLES", raw);
	else if (c->e->json)
		rp_e_uint(c->e, host);
	else
		rp_e_rawf(c->e, "htons(%u)", host);
}

static void print_nfgenmsg(struct rp_ctx *c, uint16_t type, const uint8_t *p)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "nfgen_family");
	rp_e_enum(c->e, &rp_x_address_family, p[0]);
	rp_e_key(c->e, "version");
	rp_e_enum(c->e, &rp_x_netfilter_versions, p[1]);
	rp_e_key(c->e, "res_id");
	print_res_id(c, (uint8_t)(type >> 8), p + 2);
	rp_e_close(c->e, '}');
}

static const struct nl_attr_set nf_attr_set = {NULL, NULL, 0};

static bool nf_payload(struct rp_ctx *c, const struct nl_msg *m, const struct nl_area *a,
		       uint64_t off, uint64_t len)
{
	const size_t size = sizeof(struct nfgenmsg);
	if (m->type == NLMSG_DONE)
		return false;
	if (len < size) {
		nl_print_hex(c, a, off, len);
		return true;
	}
	if (!nl_readable(a, off, size)) {
		rp_e_ptr(c->e, a->addr + off);
		return true;
	}
	print_nfgenmsg(c, m->type, a->data + off);
	const uint64_t at = NL_ALIGN(size);
	if (len <= at)
		return true;
	if (m->type == NFNL_MSG_BATCH_BEGIN || m->type == NFNL_MSG_BATCH_END)
		nl_print_hex(c, a, off + at, len - at);
	else
		nl_print_attrs(c, m, a, off + at, len - at, &nf_attr_set);
	return true;
}

const struct nl_protocol nl_netfilter_protocol = {
    .print_type = nf_print_type,
    .flag_names = nf_flag_names,
    .payload = nf_payload,
};
