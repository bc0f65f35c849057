/* Memory mapping calls. */
#include "rp_internal.h"

#include "names.h"

#include <inttypes.h>

#include <stdio.h>
#include <string.h>

/* mincore's vector: one byte per page of the range, bit 0 resident. */
static void print_mincore_vec(struct rp_ctx *c)
{
	const struct rp_mem *m = rp_arg_mem(c, 2, true, 0);
	if (!m)
		return;
	const uint64_t pages = (c->sc->args[1] + 4095) / 4096;
	const size_t n = m->len < pages ? m->len : (size_t)pages;
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n; k++) {
		if (rp_array_cut(c, k))
			break;
		rp_e_uint(c->e, m->data[k] & 1);
	}
	rp_e_close(c->e, ']');
}

static void mmap_flags(struct rp_ctx *c, uint64_t v)
{
	const uint32_t f = (uint32_t)v;
	const char *type = rp_xlat_lookup(&rp_x_mmap_type, f & 0xf);
	char tmp[48];
	if (!type) {
		snprintf(tmp, sizeof(tmp), "%#x /* MAP_??? */", f & 0xf);
		type = tmp;
	}
	/* the huge page size lives in the top bits */
	const uint32_t huge = f >> 26;
	char post[32];
	if (huge)
		snprintf(post, sizeof(post), "%u<<MAP_HUGE_SHIFT", huge);
	rp_e_flags_pre(c->e, f, type, &rp_x_mmap_flags, f & ~0xfu & ~(0x3fu << 26),
		       huge ? post : NULL);
}

void rp_dec_mmap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mmap_prot, (uint32_t)a[2]);
	mmap_flags(c, a[3]);
	rp_arg_fd(c, (int64_t)a[4]);
	rp_e_hex(c->e, a[5]);
}

/* remap_file_pages: as mmap's, but the protection in 64 bits */
void rp_dec_remap_file_pages(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mmap_prot, a[2]);
	rp_e_uint(c->e, a[3]);
	mmap_flags(c, a[4]);
}

void rp_dec_pkey_alloc(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_hex(c->e, a[0]);
	rp_e_flags(c->e, &rp_x_pkey_access, a[1]); /* all 64 bits, as strace */
}

void rp_dec_mprotect(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mmap_prot, rp_flags_arg(c, 2));
}

void rp_dec_pkey_mprotect(struct rp_ctx *c)
{
	rp_dec_mprotect(c);
	rp_e_int(c->e, (int32_t)c->sc->args[3]);
}

void rp_dec_munmap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_brk(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
}

void rp_dec_mremap(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_uint(c->e, a[2]);
	rp_e_flags(c->e, &rp_x_mremap, (uint32_t)a[3]);
	/* the new address means something only with both flags */
	if ((a[3] & 3) == 3)
		rp_e_ptr(c->e, a[4]);
}

void rp_dec_madvise(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_enum(c->e, &rp_x_madvise, (uint32_t)a[2]);
}

void rp_dec_msync(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_msync, (uint32_t)a[2]);
}

void rp_dec_mlock(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
}

void rp_dec_mlock2(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_mlock, (uint32_t)a[2]);
}

void rp_dec_mincore(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	print_mincore_vec(c);
}

/* ---- NUMA memory policies ---- */

/* A node mask's word, as strace prints it ("0x0000000000000003", or sixteen
 * zeros: C's "#" flag adds no 0x to a zero). */
static void print_node_word(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	(void)size;
	rp_e_rawf(c->e, "%#0*" PRIx64, 16, rp_get_u64(elem));
}

/* The node mask behind argument i: maxnode - 1 bits in 64-bit words. */
static void print_nodemask(struct rp_ctx *c, unsigned i, uint64_t maxnode, bool at_exit)
{
	const unsigned bits_per_word = 64;
	const uint64_t words = (maxnode + bits_per_word - 2) / bits_per_word;
	/* the sum wrapped: strace gives the address */
	if (words < maxnode / bits_per_word || (maxnode && !words)) {
		rp_arg_ptr(c, i);
		return;
	}
	rp_print_array(c, i, at_exit, words, 8, print_node_word);
}

/* A policy with its optional flag bits: "MPOL_BIND|MPOL_F_STATIC_NODES" (the
 * whole in hex under -X raw, with that comment under -X verbose). */
static void print_mpol_mode(struct rp_ctx *c, uint64_t arg)
{
	const uint64_t flag_bits = 0xe000; /* MPOL_F_STATIC_NODES|_RELATIVE_NODES|_NUMA_BALANCING */
	const uint64_t mode = arg & ~flag_bits;
	if (!(arg & flag_bits)) {
		rp_e_enum(c->e, &rp_x_mpol_mode, mode);
		return;
	}
	const char *const name = rp_xlat_lookup(&rp_x_mpol_mode, mode);
	if (!name) {
		rp_e_flags(c->e, &rp_x_mpol_mode_flags, arg);
		return;
	}
	struct rp_buf names = {0};
	rp_buf_printf(&names, "%s|", name);
	rp_xlat_flags_text(&names, RP_XLAT_ABBREV, &rp_x_mpol_mode_flags, arg & flag_bits);
	char num[32];
	snprintf(num, sizeof(num), "%#" PRIx64, arg);
	rp_e_named(c->e, num, names.data ? names.data : "");
	rp_buf_free(&names);
}

void rp_dec_mbind(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
	rp_e_uint(c->e, a[1]);
	print_mpol_mode(c, a[2]);
	print_nodemask(c, 3, a[4], false);
	rp_e_uint(c->e, a[4]);
	rp_e_flags(c->e, &rp_x_mbind_flags, (uint32_t)a[5]);
}

void rp_dec_set_mempolicy(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_mpol_mode(c, (uint32_t)a[0]);
	print_nodemask(c, 1, a[2], false);
	rp_e_uint(c->e, a[2]);
}

void rp_dec_get_mempolicy(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const struct rp_mem *const mode = rp_arg_mem(c, 0, true, 4);
	if (mode) {
		rp_e_open(c->e, '[');
		rp_e_enum(c->e, &rp_x_mpol_mode, (uint32_t)rp_get_u32(mode->data));
		rp_e_close(c->e, ']');
	}
	print_nodemask(c, 1, a[2], true);
	rp_e_uint(c->e, a[2]);
	rp_e_ptr(c->e, a[3]);
	rp_e_flags(c->e, &rp_x_get_mempolicy_flags, a[4]);
}

void rp_dec_migrate_pages(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_uint(c->e, a[1]);
	print_nodemask(c, 2, a[1], false);
	print_nodemask(c, 3, a[1], false);
}

static void print_page_addr(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	(void)size;
	rp_e_ptr(c->e, rp_get_u64(elem));
}

/* move_pages' status: a node, or a negative errno by name */
static void print_page_status(struct rp_ctx *c, const uint8_t *elem, size_t size)
{
	(void)size;
	const int32_t status = (int32_t)rp_get_u32(elem);
	const char *const name =
	    status < 0 && status > INT32_MIN ? strec_errno_name(-status) : NULL;
	if (name) {
		char text[48];
		snprintf(text, sizeof(text), "-%s", name);
		char num[16];
		snprintf(num, sizeof(num), "%d", status);
		rp_e_named(c->e, num, text);
	} else {
		rp_e_int(c->e, status);
	}
}

void rp_dec_move_pages(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_e_uint(c->e, a[1]);
	rp_print_array(c, 2, false, a[1], 8, print_page_addr);
	rp_print_array(c, 3, false, a[1], 4, rp_print_int_elem);
	rp_print_array(c, 4, true, a[1], 4, print_page_status);
	rp_e_flags(c->e, &rp_x_move_pages_flags, (uint32_t)a[5]);
}

/* process_vm_readv/writev: the local buffers as readv/writev show them,
 * the remote iovecs (another process's addresses) as addresses */
static void process_vm_io(struct rp_ctx *c, bool is_read)
{
	const uint64_t *a = c->sc->args;
	rp_arg_pid(c, 0);
	rp_print_iovec(c, 1, a[2], is_read);
	rp_e_uint(c->e, a[2]);
	rp_print_array(c, 3, false, a[4], SC_SIZE(IOVEC), rp_print_iovec_addr);
	rp_e_uint(c->e, a[4]);
	rp_e_uint(c->e, a[5]);
}

void rp_dec_process_vm_readv(struct rp_ctx *c)
{
	process_vm_io(c, true);
}

void rp_dec_process_vm_writev(struct rp_ctx *c)
{
	process_vm_io(c, false);
}
