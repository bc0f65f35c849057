/* Decoders for System V and POSIX IPC: shm*, sem*, msg*, mq_*. Structures
 * are the x86_64 kernel's (struct ipc64_perm, shmid64_ds, semid64_ds,
 * msqid64_ds), printed in strace 6.1's field order. */
#include "rp_internal.h"

#include <asm-generic/hugetlb_encode.h> /* shm.h's SHM_HUGE_SHIFT/MASK, without its ipc.h */
#include <inttypes.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define IPC_64	      0x100u
#define IPC_PERM_SIZE 48

static void print_key(struct rp_ctx *c, uint64_t key)
{
	if ((int32_t)key == 0)
		rp_e_symx(c->e, "IPC_PRIVATE", 0);
	else
		rp_e_hex(c->e, (uint32_t)key);
}

/* "IPC_CREAT|IPC_EXCL|0600": the flag bits, then the permission bits in
 * octal (always shown); shmget puts the huge page size in between. */
static void print_get_flags(struct rp_ctx *c, uint32_t v, bool shm)
{
	struct rp_buf b = {0};
	uint32_t bits = v & ~0777u;
	const uint32_t huge =
	    shm ? (bits >> HUGETLB_FLAG_ENCODE_SHIFT) & HUGETLB_FLAG_ENCODE_MASK : 0;
	bits &= shm ? ~((uint32_t)HUGETLB_FLAG_ENCODE_MASK << HUGETLB_FLAG_ENCODE_SHIFT) : ~0u;
	if (bits) {
		rp_xlat_flags_text(&b, rp_e_xstyle(c->e),
				   shm ? &rp_x_shm_resource_flags : &rp_x_ipc_resource_flags, bits);
		rp_buf_putc(&b, '|');
	}
	if (huge) {
		/* the shift by name (abbrev), by number (raw), or both */
		const enum rp_xlat_style st = rp_e_xstyle(c->e);
		if (st == RP_XLAT_ABBREV)
			rp_buf_printf(&b, "%" PRIu32 "<<SHM_HUGE_SHIFT|", huge);
		else
			rp_buf_printf(&b, "%" PRIu32 "<<%d%s|", huge, HUGETLB_FLAG_ENCODE_SHIFT,
				      st == RP_XLAT_VERBOSE ? " /* SHM_HUGE_SHIFT */" : "");
	}
	rp_buf_printf(&b, "%#03" PRIo32, v & 0777);
	rp_e_raw(c->e, b.data ? b.data : "");
	rp_buf_free(&b);
}

/* A ctl command: "IPC_STAT", "IPC_64|IPC_STAT" or "0x4d /" "* SHM_??? *" "/". */
static void print_ctl_cmd(struct rp_ctx *c, const struct rp_xlat *x, uint32_t cmd)
{
	const char *name = rp_xlat_lookup(x, cmd & ~IPC_64);
	if (name && (cmd & IPC_64)) {
		struct rp_buf b = {0};
		rp_buf_printf(&b, "IPC_64|%s", name);
		rp_e_raw(c->e, b.data ? b.data : "");
		rp_buf_free(&b);
	} else {
		rp_e_enum(c->e, x, cmd);
	}
}

/* struct ipc64_perm; the settable part only for IPC_SET. */
static void print_perm(struct rp_ctx *c, const char *key, const uint8_t *p, bool set_only)
{
	rp_e_key(c->e, key);
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "uid", rp_get_u32(p + 4));
	rp_e_key_uint(c->e, "gid", rp_get_u32(p + 8));
	rp_e_key(c->e, "mode");
	rp_e_octal(c->e, rp_get_u32(p + 20));
	if (!set_only) {
		rp_e_key_int(c->e, "key", (int32_t)rp_get_u32(p));
		rp_e_key_uint(c->e, "cuid", rp_get_u32(p + 12));
		rp_e_key_uint(c->e, "cgid", rp_get_u32(p + 16));
	}
	rp_e_close(c->e, '}');
}

static void print_shmid_ds(struct rp_ctx *c, const uint8_t *p, bool set_only)
{
	rp_e_open(c->e, '{');
	print_perm(c, "shm_perm", p, set_only);
	if (!set_only) {
		rp_e_key_uint(c->e, "shm_segsz", rp_get_u64(p + 48));
		rp_e_key(c->e, "shm_cpid");
		rp_e_id(c->e, (int32_t)rp_get_u32(p + 80));
		rp_e_key(c->e, "shm_lpid");
		rp_e_id(c->e, (int32_t)rp_get_u32(p + 84));
		rp_e_key_uint(c->e, "shm_nattch", rp_get_u64(p + 88));
		rp_e_key_int(c->e, "shm_atime", (int64_t)rp_get_u64(p + 56));
		rp_e_key_int(c->e, "shm_dtime", (int64_t)rp_get_u64(p + 64));
		rp_e_key_int(c->e, "shm_ctime", (int64_t)rp_get_u64(p + 72));
	}
	rp_e_close(c->e, '}');
}

static void print_semid_ds(struct rp_ctx *c, const uint8_t *p, bool set_only)
{
	rp_e_open(c->e, '{');
	print_perm(c, "sem_perm", p, set_only);
	if (!set_only) {
		rp_e_key_int(c->e, "sem_otime", (int64_t)rp_get_u64(p + 48));
		rp_e_key_int(c->e, "sem_ctime", (int64_t)rp_get_u64(p + 64));
		rp_e_key_uint(c->e, "sem_nsems", rp_get_u64(p + 80));
	}
	rp_e_close(c->e, '}');
}

static void print_msqid_ds(struct rp_ctx *c, const uint8_t *p, bool set_only)
{
	rp_e_open(c->e, '{');
	print_perm(c, "msg_perm", p, set_only);
	if (!set_only) {
		rp_e_key_int(c->e, "msg_stime", (int64_t)rp_get_u64(p + 48));
		rp_e_key_int(c->e, "msg_rtime", (int64_t)rp_get_u64(p + 56));
		rp_e_key_int(c->e, "msg_ctime", (int64_t)rp_get_u64(p + 64));
		rp_e_key_uint(c->e, "msg_qnum", rp_get_u64(p + 80));
	}
	rp_e_key_uint(c->e, "msg_qbytes", rp_get_u64(p + 88));
	if (!set_only) {
		rp_e_key(c->e, "msg_lspid");
		rp_e_id(c->e, (int32_t)rp_get_u32(p + 96));
		rp_e_key(c->e, "msg_lrpid");
		rp_e_id(c->e, (int32_t)rp_get_u32(p + 100));
	}
	rp_e_close(c->e, '}');
}

/* Named fields of one type at consecutive offsets. */
static void print_fields(struct rp_ctx *c, const uint8_t *p, const char *const *names, size_t n,
			 size_t width)
{
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < n; k++) {
		if (width == 8)
			rp_e_key_uint(c->e, names[k], rp_get_u64(p + 8 * k));
		else
			rp_e_key_int(c->e, names[k], (int32_t)rp_get_u32(p + 4 * k));
	}
	rp_e_close(c->e, '}');
}

static void print_shminfo(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const k[] = {"shmmax", "shmmin", "shmmni", "shmseg", "shmall"};
	print_fields(c, p, k, N(k), 8);
}

static void print_shm_info(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const k[] = {"shm_tot", "shm_rss", "shm_swp", "swap_attempts",
					"swap_successes"};
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "used_ids", (int32_t)rp_get_u32(p));
	for (size_t j = 0; j < N(k); j++)
		rp_e_key_uint(c->e, k[j], rp_get_u64(p + 8 + 8 * j));
	rp_e_close(c->e, '}');
}

static void print_seminfo(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const k[] = {"semmap", "semmni", "semmns", "semmnu", "semmsl",
					"semopm", "semume", "semusz", "semvmx", "semaem"};
	print_fields(c, p, k, N(k), 4);
}

static void print_msginfo(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const k[] = {"msgpool", "msgmap", "msgmax", "msgmnb",
					"msgmni",  "msgssz", "msgtql"};
	rp_e_open(c->e, '{');
	for (size_t j = 0; j < N(k); j++)
		rp_e_key_int(c->e, k[j], (int32_t)rp_get_u32(p + 4 * j));
	rp_e_key_uint(c->e, "msgseg", rp_get_u16(p + 28));
	rp_e_close(c->e, '}');
}

enum ctl_struct { CTL_NONE, CTL_DS, CTL_SET, CTL_INFO, CTL_INFO2 };

/* What a ctl command's buffer holds. */
static enum ctl_struct ctl_kind(uint32_t cmd, uint32_t stat2, uint32_t stat_any, uint32_t info2)
{
	cmd &= ~IPC_64;
	if (cmd == 2 || cmd == stat2 || cmd == stat_any)
		return CTL_DS;
	if (cmd == 1)
		return CTL_SET;
	if (cmd == 3)
		return CTL_INFO;
	if (cmd == info2)
		return CTL_INFO2;
	return CTL_NONE;
}

/* The buffer argument i of shmctl/semctl/msgctl. type: 's', 'e', 'm'. */
static void print_ctl_buf(struct rp_ctx *c, unsigned i, enum ctl_struct k, char type)
{
	static const size_t ds_size[] = {['s'] = 112, ['e'] = 104, ['m'] = 120};
	static const size_t info_size[] = {['s'] = 72, ['e'] = 40, ['m'] = 32};
	const size_t need = k == CTL_DS || k == CTL_SET	    ? ds_size[(unsigned char)type]
			    : k == CTL_INFO2 && type == 's' ? 48
							    : info_size[(unsigned char)type];
	if (k == CTL_NONE) {
		rp_e_ptr(c->e, c->sc->args[i]);
		return;
	}
	const struct rp_mem *m = rp_arg_mem(c, i, k != CTL_SET, need);
	if (!m)
		return;
	if (k == CTL_DS || k == CTL_SET) {
		const bool set = k == CTL_SET;
		if (type == 's')
			print_shmid_ds(c, m->data, set);
		else if (type == 'e')
			print_semid_ds(c, m->data, set);
		else
			print_msqid_ds(c, m->data, set);
	} else if (type == 's') {
		if (k == CTL_INFO)
			print_shminfo(c, m->data);
		else
			print_shm_info(c, m->data);
	} else if (type == 'e') {
		print_seminfo(c, m->data);
	} else {
		print_msginfo(c, m->data);
	}
}

/* struct sembuf[n]: strace shows max_strlen elements unless -v. */
static void print_sembuf(struct rp_ctx *c, const uint8_t *p, size_t size)
{
	(void)size;
	rp_e_open(c->e, '{');
	rp_e_key_uint(c->e, "sem_num", rp_get_u16(p));
	rp_e_key_int(c->e, "sem_op", (int16_t)rp_get_u16(p + 2));
	rp_e_key(c->e, "sem_flg");
	rp_e_flags(c->e, &rp_x_semop_flags, rp_get_u16(p + 4));
	rp_e_close(c->e, '}');
}

/* {mtype=7, mtext="..."}: strace shows msgsz bytes of mtext, whatever
 * msgrcv returned. The recorder keeps mtype and 32 bytes of the text, and
 * msgsz bytes of it (up to its -s) as item 1; older traces have only the 32. */
static void print_msgbuf(struct rp_ctx *c, unsigned i, bool out, uint64_t msgsz)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, 8);
	if (!m)
		return;
	const struct rp_mem *const text =
	    rp_syscall_mem(c->sc, out ? STRTRC_AT_EXIT : STRTRC_AT_ENTRY, i, 1);
	const uint8_t *const d = text ? text->data : m->data + 8;
	const size_t have = text ? text->len : m->len - 8;
	const size_t n = msgsz < have ? (size_t)msgsz : have;
	rp_e_open(c->e, '{');
	rp_e_key_int(c->e, "mtype", (int64_t)rp_get_u64(m->data));
	rp_e_key(c->e, "mtext");
	rp_e_bytes(c->e, d, n, false, msgsz > n);
	rp_e_close(c->e, '}');
}

/* struct mq_attr: strace reads all of it, reserved longs too; mq_open's
 * flags in hex (the kernel ignores them there), mq_getsetattr's named */
static void print_mq_attr(struct rp_ctx *c, unsigned i, bool out, bool named_flags)
{
	const struct rp_mem *m = rp_arg_mem(c, i, out, SC_SIZE(MQ_ATTR));
	if (!m)
		return;
	static const char *const k[] = {"mq_maxmsg", "mq_msgsize", "mq_curmsgs"};
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "mq_flags");
	if (named_flags)
		rp_e_flags(c->e, &rp_x_mq_attr_flags, rp_get_u64(m->data));
	else
		rp_e_hex(c->e, rp_get_u64(m->data));
	for (size_t j = 0; j < N(k); j++)
		rp_e_key_int(c->e, k[j], (int64_t)rp_get_u64(m->data + 8 + 8 * j));
	rp_e_close(c->e, '}');
}

void rp_dec_shmget(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_key(c, a[0]);
	rp_e_uint(c->e, a[1]);
	print_get_flags(c, (uint32_t)a[2], true);
}

void rp_dec_semget(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_key(c, a[0]);
	rp_e_int(c->e, (int32_t)a[1]);
	print_get_flags(c, (uint32_t)a[2], false);
}

void rp_dec_msgget(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	print_key(c, a[0]);
	print_get_flags(c, (uint32_t)a[1], false);
}

void rp_dec_shmat(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_e_ptr(c->e, a[1]);
	rp_e_flags(c->e, &rp_x_shmat_flags, (uint32_t)a[2]);
}

void rp_dec_shmdt(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_ptr(c->e, a[0]);
}

void rp_dec_shmctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	print_ctl_cmd(c, &rp_x_shmctl_cmd, (uint32_t)a[1]);
	print_ctl_buf(c, 2, ctl_kind((uint32_t)a[1], 13, 15, 14), 's');
}

void rp_dec_semctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_e_int(c->e, (int32_t)a[1]);
	print_ctl_cmd(c, &rp_x_semctl_cmd, (uint32_t)a[2]);
	print_ctl_buf(c, 3, ctl_kind((uint32_t)a[2], 18, 20, 19), 'e');
}

void rp_dec_msgctl(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	print_ctl_cmd(c, &rp_x_msgctl_cmd, (uint32_t)a[1]);
	print_ctl_buf(c, 2, ctl_kind((uint32_t)a[1], 11, 13, 12), 'm');
}

void rp_dec_semop(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	rp_print_array(c, 1, false, (uint32_t)a[2], SC_SIZE(SEMBUF), print_sembuf);
	rp_e_uint(c->e, (uint32_t)a[2]); /* an unsigned int */
}

void rp_dec_semtimedop(struct rp_ctx *c)
{
	rp_dec_semop(c);
	rp_print_timespec_arg(c, 3, false);
}

void rp_dec_msgsnd(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	print_msgbuf(c, 1, false, a[2]);
	rp_e_uint(c->e, a[2]);
	rp_e_flags(c->e, &rp_x_ipc_msg_flags, (uint32_t)a[3]);
}

void rp_dec_msgrcv(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_e_int(c->e, (int32_t)a[0]);
	print_msgbuf(c, 1, true, a[2]);
	rp_e_uint(c->e, a[2]);
	rp_e_int(c->e, (int64_t)a[3]); /* a long */
	rp_e_flags(c->e, &rp_x_ipc_msg_flags, (uint32_t)a[4]);
}

void rp_dec_mq_open(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	const uint32_t f = (uint32_t)a[1];
	rp_arg_path(c, 0); /* names are printed whole, as paths */
	rp_e_flags_pre(c->e, f, rp_xlat_lookup(&rp_x_open_accmode, f & 3), &rp_x_open_flags,
		       f & ~3u, NULL);
	if (f & 0100) {				  /* O_CREAT: the mode and attributes follow */
		rp_e_octal(c->e, (uint16_t)a[2]); /* umode_t */
		print_mq_attr(c, 3, false, false);
	}
}

void rp_dec_mq_unlink(struct rp_ctx *c)
{
	rp_arg_path(c, 0);
}

void rp_dec_mq_timedsend(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_buf(c, 1, a[2], false, false);
	rp_e_uint(c->e, a[2]);
	rp_e_uint(c->e, (uint32_t)a[3]);
	rp_print_timespec_arg(c, 4, false);
}

void rp_dec_mq_timedreceive(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_arg_buf(c, 1, c->exiting_ok ? (uint64_t)c->sc->rval : 0, true, false);
	rp_e_uint(c->e, a[2]);
	const struct rp_mem *m = rp_arg_mem(c, 3, true, 4);
	if (m) {
		rp_e_open(c->e, '[');
		rp_e_uint(c->e, rp_get_u32(m->data));
		rp_e_close(c->e, ']');
	}
	rp_print_timespec_arg(c, 4, false);
}

void rp_dec_mq_getsetattr(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	print_mq_attr(c, 1, false, true);
	print_mq_attr(c, 2, true, true);
}

void rp_dec_mq_notify(struct rp_ctx *c)
{
	const uint64_t *a = c->sc->args;
	rp_arg_fd(c, (int64_t)a[0]);
	rp_print_sigevent(c, 1);
}
