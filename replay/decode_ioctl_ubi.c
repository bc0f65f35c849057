/* ioctl: UBI (the 'o' control and device commands, the 'O' volume ones),
 * printed as strace 6.1 does (ubi.c there). */
#include "decode_ioctl.h"

#include <inttypes.h>
#include <linux/ioctl.h> /* before ubi-user.h, which uses _IOW without it */
#include <mtd/ubi-user.h>
#include <string.h>

/* A volume name of at most name_len characters (strace's
 * PRINT_FIELD_CSTRING_SZ with the length clamped to the array) */
static void print_name(struct rp_ctx *c, const char *name, size_t size, int64_t name_len)
{
	const int64_t most = (int64_t)size - 1;
	rp_e_key(c->e, "name");
	rp_print_cstring_field(c, name,
			       1 + (size_t)(name_len < 0      ? 0
					    : name_len > most ? most
							      : name_len));
}

/* " => [N]": the volume or device number the kernel wrote back */
static void print_number_written(struct rp_ctx *c)
{
	int32_t v;
	if (c->e->json || !rp_arg_written(c, 2, &v, sizeof(v)))
		return;
	rp_e_changed(c->e);
	rp_e_rawf(c->e, "[%d]", v);
}

static void mkvol(struct rp_ctx *c)
{
	struct ubi_mkvol_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "vol_id", r.vol_id);
	rp_e_key_int(c->e, "alignment", r.alignment);
	rp_e_key_int(c->e, "bytes", r.bytes);
	rp_e_key(c->e, "vol_type");
	rp_e_enum(c->e, &rp_x_ubi_volume_types, (uint64_t)(int64_t)r.vol_type);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_ubi_volume_flags, r.flags);
	rp_e_key_int(c->e, "name_len", r.name_len);
	print_name(c, r.name, sizeof(r.name), r.name_len);
	rp_e_close(c->e, '}');
	print_number_written(c);
}

static void attach(struct rp_ctx *c)
{
	struct ubi_attach_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "ubi_num", r.ubi_num);
	rp_e_key_int(c->e, "mtd_num", r.mtd_num);
	rp_e_key_int(c->e, "vid_hdr_offset", r.vid_hdr_offset);
	rp_e_key_int(c->e, "max_beb_per1024", r.max_beb_per1024);
	rp_e_close(c->e, '}');
	print_number_written(c);
}

static void rename_volumes(struct rp_ctx *c)
{
	struct ubi_rnvol_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	const size_t most = sizeof(r.ents) / sizeof(r.ents[0]);
	const size_t n = r.count <= 0 ? 0 : (size_t)r.count < most ? (size_t)r.count : most;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "count", r.count);
	rp_e_key(c->e, "ents");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n && !rp_array_cut(c, k); k++) {
		rp_e_open(c->e, '{');
		rp_e_key_int(c->e, "vol_id", r.ents[k].vol_id);
		rp_e_key_int(c->e, "name_len", r.ents[k].name_len);
		print_name(c, r.ents[k].name, sizeof(r.ents[k].name), r.ents[k].name_len);
		rp_e_close(c->e, '}');
	}
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
}

static void resize_volume(struct rp_ctx *c)
{
	struct ubi_rsvol_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "bytes", r.bytes);
	rp_e_key_int(c->e, "vol_id", r.vol_id);
	rp_e_close(c->e, '}');
}

static void change_leb(struct rp_ctx *c)
{
	struct ubi_leb_change_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "lnum", r.lnum);
	rp_e_key_int(c->e, "bytes", r.bytes);
	rp_e_key(c->e, "dtype");
	rp_e_enum(c->e, &rp_x_ubi_data_types, (uint64_t)(int64_t)r.dtype);
	rp_e_close(c->e, '}');
}

static void map_leb(struct rp_ctx *c)
{
	struct ubi_map_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "lnum", r.lnum);
	rp_e_key(c->e, "dtype");
	rp_e_enum(c->e, &rp_x_ubi_data_types, (uint64_t)(int64_t)r.dtype);
	rp_e_close(c->e, '}');
}

static void set_property(struct rp_ctx *c)
{
	struct ubi_set_vol_prop_req r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "property");
	rp_e_enum(c->e, &rp_x_ubi_volume_props, r.property);
	rp_e_key(c->e, "value");
	rp_e_hex(c->e, r.value);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_ubi(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case UBI_IOCMKVOL:
		mkvol(c);
		return true;
	case UBI_IOCATT:
		attach(c);
		return true;
	case UBI_IOCRNVOL:
		rename_volumes(c);
		return true;
	case UBI_IOCRSVOL:
		resize_volume(c);
		return true;
	case UBI_IOCEBCH:
		change_leb(c);
		return true;
	case UBI_IOCEBMAP:
		map_leb(c);
		return true;
	case UBI_IOCSETVOLPROP:
		set_property(c);
		return true;
	case UBI_IOCVOLUP: {
		int64_t bytes;
		if (rp_arg_copy(c, 2, false, &bytes, sizeof(bytes)))
			rp_e_rawf(c->e, "[%" PRId64 "]", bytes);
		return true;
	}
	case UBI_IOCDET:
	case UBI_IOCEBER:
	case UBI_IOCEBISMAP:
	case UBI_IOCEBUNMAP:
	case UBI_IOCRMVOL:
	case UBI_IOCRPEB:
	case UBI_IOCSPEB:
		/* an int the kernel reads (EBISMAP's too: strace shows it so) */
		rp_arg_int_at(c, 2, false);
		return true;
	case UBI_IOCVOLCRBLK:
	case UBI_IOCVOLRMBLK:
		return true; /* no argument shown */
	default:
		return false;
	}
}
