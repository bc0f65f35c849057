/* ioctl: the SCSI generic driver's commands (0x22), printed as strace 6.1
 * does (scsi.c there). SG_IO's request and reply are not decoded yet: its
 * address is printed. */
#include "decode_ioctl.h"

#include <scsi/sg.h>

/* <scsi/sg.h> of glibc lacks these the kernel's sg.h has */
#ifndef SG_GET_ACCESS_COUNT
#define SG_GET_ACCESS_COUNT 0x2289
#endif
#ifndef SG_SCSI_RESET_NO_ESCALATE
#define SG_SCSI_RESET_NO_ESCALATE 0x100
#endif

static void scsi_id(struct rp_ctx *c)
{
	struct sg_scsi_id r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "host_no", r.host_no);
	rp_e_key_int(c->e, "channel", r.channel);
	rp_e_key(c->e, "scsi_id");
	rp_e_hex(c->e, (uint32_t)r.scsi_id);
	rp_e_key_int(c->e, "lun", r.lun);
	rp_e_key(c->e, "scsi_type");
	rp_e_hex(c->e, (uint32_t)r.scsi_type);
	rp_e_key_int(c->e, "h_cmd_per_lun", r.h_cmd_per_lun);
	rp_e_key_int(c->e, "d_queue_depth", r.d_queue_depth);
	rp_e_close(c->e, '}');
}

/* the table's first request, as strace shows it */
static void request_table(struct rp_ctx *c)
{
	struct sg_req_info r;
	if (!rp_arg_copy(c, 2, true, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "req_state", r.req_state);
	rp_e_key_int(c->e, "orphan", r.orphan);
	rp_e_key_int(c->e, "sg_io_owned", r.sg_io_owned);
	rp_e_key_int(c->e, "problem", r.problem);
	rp_e_key_int(c->e, "pack_id", r.pack_id);
	rp_e_key(c->e, "usr_ptr");
	rp_e_ptr(c->e, (uintptr_t)r.usr_ptr);
	rp_e_key(c->e, "duration");
	rp_e_uint(c->e, r.duration);
	rp_e_close(c->e, '}');
}

/* [SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_DEVICE]: the escalation bit,
 * then what is reset */
static void scsi_reset(struct rp_ctx *c)
{
	uint32_t v;
	if (!rp_arg_copy(c, 2, false, &v, sizeof(v)))
		return;
	rp_e_open(c->e, '[');
	if (c->e->json) { /* a number: JSON has no "A|B" */
		rp_e_hex(c->e, v);
		rp_e_close(c->e, ']');
		return;
	}
	if (v & SG_SCSI_RESET_NO_ESCALATE) {
		rp_e_enum(c->e, &rp_x_sg_scsi_reset, SG_SCSI_RESET_NO_ESCALATE);
		rp_e_join(c->e, "|");
	}
	rp_e_enum(c->e, &rp_x_sg_scsi_reset, v & ~(uint32_t)SG_SCSI_RESET_NO_ESCALATE);
	rp_e_close(c->e, ']');
}

bool rp_ioctl_scsi(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case SG_GET_SCSI_ID:
		scsi_id(c);
		return true;
	case SG_GET_REQUEST_TABLE:
		request_table(c);
		return true;
	case SG_SCSI_RESET:
		scsi_reset(c);
		return true;
	case SG_NEXT_CMD_LEN: /* an int the kernel reads */
	case SG_SET_COMMAND_Q:
	case SG_SET_DEBUG:
	case SG_SET_FORCE_LOW_DMA:
	case SG_SET_FORCE_PACK_ID:
	case SG_SET_KEEP_ORPHAN:
	case SG_SET_RESERVED_SIZE:
	case SG_SET_TIMEOUT:
		rp_arg_int_at(c, 2, false);
		return true;
	case SG_EMULATED_HOST: /* an int it writes */
	case SG_GET_ACCESS_COUNT:
	case SG_GET_COMMAND_Q:
	case SG_GET_KEEP_ORPHAN:
	case SG_GET_LOW_DMA:
	case SG_GET_NUM_WAITING:
	case SG_GET_PACK_ID:
	case SG_GET_RESERVED_SIZE:
	case SG_GET_SG_TABLESIZE:
	case SG_GET_TRANSFORM:
	case SG_GET_VERSION_NUM:
		rp_arg_int_at(c, 2, true);
		return true;
	case SG_SET_TRANSFORM: /* a value, not a pointer */
		rp_e_hex(c->e, (uint32_t)c->sc->args[2]);
		return true;
	case SG_IO: /* its request and reply: to do; the address meanwhile */
		rp_e_ptr(c->e, c->sc->args[2]);
		return true;
	case SG_GET_TIMEOUT: /* the result is the timeout: no argument shown */
		return true;
	default:
		return false;
	}
}
