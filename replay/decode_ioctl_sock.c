/* ioctl's socket commands (_IOC type 0x89, <linux/sockios.h>) as strace
 * 6.1 prints them: owners and marks as ints, bridge names, and the network
 * interface requests (struct ifreq: the name, then the field the command
 * reads or writes) and lists (struct ifconf). Their numbers carry no size:
 * common/syscall_conds_<arch>.def's rules say what the recorder captures. */
#include "decode_ioctl.h"

#include <inttypes.h>
#include <linux/ioctl.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* [value] of the int argument points to (at the entry or the exit) */
static void print_int_ptr(struct rp_ctx *c, bool at_exit, bool is_id)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, sizeof(int32_t));
	if (!m)
		return;
	rp_e_open(c->e, '[');
	if (is_id) /* a process, or -N the group N */
		rp_e_id(c->e, (int32_t)rp_get_u32(m->data));
	else
		rp_e_int(c->e, (int32_t)rp_get_u32(m->data));
	rp_e_close(c->e, ']');
}

/* A struct sockaddr field: a copy followed by zeros, as the family
 * printers read it. */
static void print_ifr_sockaddr(struct rp_ctx *c, const char *key, const uint8_t *ifr)
{
	uint8_t sa[128] = {0};
	memcpy(sa, ifr + offsetof(struct ifreq, ifr_addr), sizeof(struct sockaddr));
	rp_e_key(c->e, key);
	rp_print_sockaddr(c, sa, (int)sizeof(struct sockaddr));
}

static void print_ifr_hwaddr(struct rp_ctx *c, const uint8_t *ifr)
{
	const uint8_t *const sa = ifr + offsetof(struct ifreq, ifr_hwaddr);
	const uint16_t family = rp_get_u16(sa);
	rp_e_key(c->e, "ifr_hwaddr");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sa_family");
	rp_e_enum(c->e, &rp_x_arphrd, family);
	rp_e_key(c->e, "sa_data");
	rp_print_hwaddr(c, sa + offsetof(struct sockaddr, sa_data),
			sizeof(((struct sockaddr *)0)->sa_data), rp_hwaddr_size(family));
	rp_e_close(c->e, '}');
}

static void print_ifr_map(struct rp_ctx *c, const uint8_t *ifr)
{
	const uint8_t *const map = ifr + offsetof(struct ifreq, ifr_map);
	rp_e_key(c->e, "ifr_map");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "mem_start");
	rp_e_hex(c->e, rp_get_u64(map + offsetof(struct ifmap, mem_start)));
	rp_e_key(c->e, "mem_end");
	rp_e_hex(c->e, rp_get_u64(map + offsetof(struct ifmap, mem_end)));
	rp_e_key(c->e, "base_addr");
	rp_e_hex(c->e, rp_get_u16(map + offsetof(struct ifmap, base_addr)));
	rp_e_key(c->e, "irq");
	rp_e_hex(c->e, map[offsetof(struct ifmap, irq)]);
	rp_e_key(c->e, "dma");
	rp_e_hex(c->e, map[offsetof(struct ifmap, dma)]);
	rp_e_key(c->e, "port");
	rp_e_hex(c->e, map[offsetof(struct ifmap, port)]);
	rp_e_close(c->e, '}');
}

static void print_ifr_int(struct rp_ctx *c, const char *key, const uint8_t *ifr)
{
	rp_e_key(c->e, key);
	rp_e_int(c->e, (int32_t)rp_get_u32(ifr + offsetof(struct ifreq, ifr_ifindex)));
}

static void print_ifr_cstring(struct rp_ctx *c, const char *key, const uint8_t *field)
{
	rp_e_key(c->e, key);
	rp_print_cstring_field(c, field, IFNAMSIZ);
}

/* The field of the union a command reads or writes. */
static void print_ifreq_field(struct rp_ctx *c, uint32_t cmd, const uint8_t *ifr)
{
	switch (cmd) {
	case SIOCSIFADDR:
	case SIOCGIFADDR:
		print_ifr_sockaddr(c, "ifr_addr", ifr);
		break;
	case SIOCSIFDSTADDR:
	case SIOCGIFDSTADDR:
		print_ifr_sockaddr(c, "ifr_dstaddr", ifr);
		break;
	case SIOCSIFBRDADDR:
	case SIOCGIFBRDADDR:
		print_ifr_sockaddr(c, "ifr_broadaddr", ifr);
		break;
	case SIOCSIFNETMASK:
	case SIOCGIFNETMASK:
		print_ifr_sockaddr(c, "ifr_netmask", ifr);
		break;
	case SIOCADDMULTI:
	case SIOCDELMULTI:
	case SIOCGIFHWADDR:
	case SIOCSIFHWADDR:
	case SIOCSIFHWBROADCAST:
		print_ifr_hwaddr(c, ifr);
		break;
	case SIOCSIFFLAGS:
	case SIOCGIFFLAGS:
		rp_e_key(c->e, "ifr_flags");
		rp_e_flags(c->e, &rp_x_iffflags,
			   rp_get_u16(ifr + offsetof(struct ifreq, ifr_flags)));
		break;
	case SIOCGIFINDEX:
		print_ifr_int(c, "ifr_ifindex", ifr);
		break;
	case SIOCSIFMETRIC:
	case SIOCGIFMETRIC:
		print_ifr_int(c, "ifr_metric", ifr);
		break;
	case SIOCSIFMTU:
	case SIOCGIFMTU:
		print_ifr_int(c, "ifr_mtu", ifr);
		break;
	case SIOCSIFSLAVE:
	case SIOCGIFSLAVE:
		print_ifr_cstring(c, "ifr_slave", ifr + offsetof(struct ifreq, ifr_slave));
		break;
	case SIOCSIFNAME:
		print_ifr_cstring(c, "ifr_newname", ifr + offsetof(struct ifreq, ifr_newname));
		break;
	case SIOCGIFNAME:
		print_ifr_cstring(c, "ifr_name", ifr);
		break;
	case SIOCSIFTXQLEN:
	case SIOCGIFTXQLEN:
		print_ifr_int(c, "ifr_qlen", ifr);
		break;
	case SIOCSIFMAP:
	case SIOCGIFMAP:
		print_ifr_map(c, ifr);
		break;
	}
}

/* A request the kernel reads: the name, then the field. */
static void print_ifreq_in(struct rp_ctx *c, uint32_t cmd)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, false, sizeof(struct ifreq));
	if (!m)
		return;
	rp_e_open(c->e, '{');
	print_ifr_cstring(c, "ifr_name", m->data);
	print_ifreq_field(c, cmd, m->data);
	rp_e_close(c->e, '}');
}

/* A request the kernel answers: the name it was given (SIOCGIFNAME: the
 * index), then the field it wrote when the call succeeded. */
static void print_ifreq_inout(struct rp_ctx *c, uint32_t cmd)
{
	const struct rp_mem *const in = rp_arg_mem(c, 2, false, sizeof(struct ifreq));
	if (!in)
		return;
	rp_e_open(c->e, '{');
	if (cmd == SIOCGIFNAME)
		print_ifr_int(c, "ifr_ifindex", in->data);
	else
		print_ifr_cstring(c, "ifr_name", in->data);
	struct ifreq out;
	if (!c->sc->is_error && rp_arg_written(c, 2, &out, sizeof(out)))
		print_ifreq_field(c, cmd, (const uint8_t *)&out);
	rp_e_close(c->e, '}');
}

/* ifc_len, with "N * sizeof(struct ifreq)" when it is a whole number of them */
static void print_ifc_len(struct rp_ctx *c, int32_t len)
{
	rp_e_int(c->e, len);
	const uint32_t n = (uint32_t)len / sizeof(struct ifreq);
	if (len > 0 && n * sizeof(struct ifreq) == (uint32_t)len) {
		char text[48];
		snprintf(text, sizeof(text), "%" PRIu32 " * sizeof(struct ifreq)", n);
		rp_e_comment(c->e, text);
	}
}

/* SIOCGIFCONF: without a buffer the kernel says how long one must be; with
 * one it fills it with a request per address (item 1 of the argument: the
 * bytes ifc_len says at the exit). */
static void print_ifconf(struct rp_ctx *c)
{
	/* the struct itself whatever -e verbose= says (strace reads it so);
	 * the requests only when verbose */
	const uint64_t addr = c->sc->args[2];
	const struct rp_mem *const in = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 0);
	if (!addr || !in || in->len < sizeof(struct ifconf)) {
		rp_e_ptr(c->e, addr);
		return;
	}
	const int32_t len_in = (int32_t)rp_get_u32(in->data + offsetof(struct ifconf, ifc_len));
	const uint64_t buf_in = rp_get_u64(in->data + offsetof(struct ifconf, ifc_buf));
	struct ifconf out;
	const bool written = c->exiting_ok && rp_arg_written(c, 2, &out, sizeof(out));
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "ifc_len");
	if (c->e->json) { /* one value: the kernel's when it wrote one */
		rp_e_int(c->e, written ? out.ifc_len : len_in);
	} else {
		/* strace: the length given with a buffer, "=> " what the kernel
		 * made of it when that differs; without a buffer only the answer */
		if (buf_in)
			print_ifc_len(c, len_in);
		if (written && buf_in && out.ifc_len != len_in)
			rp_e_changed(c->e);
		if (written && (!buf_in || out.ifc_len != len_in))
			print_ifc_len(c, out.ifc_len);
		else if (!written && !buf_in)
			print_ifc_len(c, len_in);
	}
	rp_e_key(c->e, "ifc_buf");
	if (!buf_in || !written || c->sc->is_error) {
		rp_e_ptr(c->e, buf_in);
		rp_e_close(c->e, '}');
		return;
	}
	const struct rp_mem *const reqs = rp_syscall_mem(c->sc, STRTRC_AT_EXIT, 2, 1);
	const size_t n = out.ifc_len > 0 ? (size_t)out.ifc_len / sizeof(struct ifreq) : 0;
	if (!reqs || !c->deref) {
		rp_e_ptr(c->e, buf_in);
	} else {
		rp_e_open(c->e, '[');
		size_t k = 0;
		for (; k < n && (k + 1) * sizeof(struct ifreq) <= reqs->len && !rp_array_cut(c, k);
		     k++) {
			const uint8_t *const ifr = reqs->data + k * sizeof(struct ifreq);
			rp_e_open(c->e, '{');
			print_ifr_cstring(c, "ifr_name", ifr);
			print_ifr_sockaddr(c, "ifr_addr", ifr);
			rp_e_close(c->e, '}');
		}
		if (k < n && (k + 1) * sizeof(struct ifreq) > reqs->len) /* past what was kept */
			rp_e_ellipsis(c->e);
		rp_e_close(c->e, ']');
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_sock(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case SIOCGIFCONF:
		print_ifconf(c);
		return true;
	case SIOCBRADDBR:
	case SIOCBRDELBR:
		rp_arg_str_len(c, 2, IFNAMSIZ);
		return true;
	case FIOGETOWN:
	case SIOCGPGRP:
		print_int_ptr(c, true, true);
		return true;
	case FIOSETOWN:
	case SIOCSPGRP:
		print_int_ptr(c, false, true);
		return true;
	case SIOCATMARK:
	case SIOCGIFENCAP:
	case SIOCOUTQNSD:
		print_int_ptr(c, true, false);
		return true;
	case SIOCSIFENCAP:
		print_int_ptr(c, false, false);
		return true;
	case SIOCBRADDIF:
	case SIOCBRDELIF: {
		const struct rp_mem *const m = rp_arg_mem(c, 2, false, sizeof(struct ifreq));
		if (m) {
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "ifr_ifindex");
			rp_print_ifindex(c,
					 rp_get_u32(m->data + offsetof(struct ifreq, ifr_ifindex)));
			rp_e_close(c->e, '}');
		}
		return true;
	}
	case SIOCADDMULTI:
	case SIOCDELMULTI:
	case SIOCSIFADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFDSTADDR:
	case SIOCSIFFLAGS:
	case SIOCSIFHWADDR:
	case SIOCSIFHWBROADCAST:
	case SIOCSIFMAP:
	case SIOCSIFMETRIC:
	case SIOCSIFMTU:
	case SIOCSIFNAME:
	case SIOCSIFNETMASK:
	case SIOCSIFSLAVE:
	case SIOCSIFTXQLEN:
		print_ifreq_in(c, cmd);
		return true;
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFDSTADDR:
	case SIOCGIFFLAGS:
	case SIOCGIFHWADDR:
	case SIOCGIFINDEX:
	case SIOCGIFMAP:
	case SIOCGIFMETRIC:
	case SIOCGIFMTU:
	case SIOCGIFNAME:
	case SIOCGIFNETMASK:
	case SIOCGIFSLAVE:
	case SIOCGIFTXQLEN:
		print_ifreq_inout(c, cmd);
		return true;
	/* routes, ARP, bonding, bridges, MII, time stamps, ethtool...:
	 * their address, strace decodes no more */
	case SIOCADDDLCI:
	case SIOCADDRT:
	case SIOCBONDCHANGEACTIVE:
	case SIOCBONDENSLAVE:
	case SIOCBONDINFOQUERY:
	case SIOCBONDRELEASE:
	case SIOCBONDSETHWADDR:
	case SIOCBONDSLAVEINFOQUERY:
	case SIOCDARP:
	case SIOCDELDLCI:
	case SIOCDELRT:
	case SIOCDIFADDR:
	case SIOCDRARP:
	case SIOCETHTOOL:
	case SIOCGARP:
	case SIOCGHWTSTAMP:
	case SIOCGIFBR:
	case SIOCGIFCOUNT:
	case SIOCGIFMEM:
	case SIOCGIFPFLAGS:
	case SIOCGIFVLAN:
	case SIOCGMIIPHY:
	case SIOCGMIIREG:
	case SIOCGRARP:
	case SIOCGSKNS:
	case SIOCGSTAMP_OLD:
	case SIOCGSTAMP_NEW:
	case SIOCGSTAMPNS_OLD:
	case SIOCGSTAMPNS_NEW:
	case SIOCRTMSG:
	case SIOCSARP:
	case SIOCSHWTSTAMP:
	case SIOCSIFBR:
	case SIOCSIFLINK:
	case SIOCSIFMEM:
	case SIOCSIFPFLAGS:
	case SIOCSIFVLAN:
	case SIOCSMIIREG:
	case SIOCSRARP:
	case SIOCWANDEV:
		rp_e_ptr(c->e, c->sc->args[2]);
		return true;
	default:
		return false;
	}
}
