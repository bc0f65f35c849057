/* tp_fam_ioctl: ioctl commands of the device and kernel-object families
 * strace decodes (block, IDE disks, loop, nbd, GPIO, PTP and real-time
 * clocks, file system, namespaces, perf, userfaultfd, seccomp
 * notifications, input devices), for the differential test against strace. (The
 * terminal's and the watchdog's are tp_fam_io's.)
 *
 * Usage: tp_fam_ioctl DIR
 * Most calls go to a descriptor that is not open: the kernel fails them
 * before it reads anything, so what is printed is what the program gave,
 * including the structs behind pointers. A namespace file and a
 * userfaultfd show what successful calls write back. Deterministic, no
 * output, exit status 0 (1 when no memory for a test object). */
#include <errno.h>
#include <fcntl.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/dm-ioctl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/hw_breakpoint.h>
#include <linux/input.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/ptp_clock.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/tee.h>
#include <linux/sockios.h>
#include <linux/userfaultfd.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <scsi/sg.h>
#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tp_expect.h"

#define BADFD  (-1)
#define BADPTR ((void *)8) /* never mapped */

static void block_calls(void)
{
	int ro = 1;
	syscall(SYS_ioctl, BADFD, BLKROSET, &ro);
	syscall(SYS_ioctl, BADFD, BLKROGET, &ro);
	syscall(SYS_ioctl, BADFD, BLKRASET, 256UL);
	syscall(SYS_ioctl, BADFD, BLKGETSIZE64, NULL);
	uint64_t range[2] = {4096, 1u << 20};
	syscall(SYS_ioctl, BADFD, BLKDISCARD, range);
	syscall(SYS_ioctl, BADFD, BLKZEROOUT, BADPTR);
	syscall(SYS_ioctl, BADFD, BLKFLSBUF);
	syscall(SYS_ioctl, BADFD, BLKRRPART);
	struct blkpg_ioctl_arg pg = {.op = BLKPG_DEL_PARTITION, .flags = 0, .datalen = 0};
	syscall(SYS_ioctl, BADFD, BLKPG, &pg);
	pg.op = 0x77;
	syscall(SYS_ioctl, BADFD, BLKPG, &pg);
	/* the partition behind data, read whole whatever datalen says */
	struct blkpg_partition part = {.start = 1 << 20, .length = -1, .pno = 3};
	strcpy(part.devname, "sdz3");
	memset(part.volname, 'v', sizeof(part.volname)); /* no NUL */
	pg = (struct blkpg_ioctl_arg){.op = BLKPG_ADD_PARTITION, .datalen = 1, .data = &part};
	syscall(SYS_ioctl, BADFD, BLKPG, &pg);
	pg.data = BADPTR;
	syscall(SYS_ioctl, BADFD, BLKPG, &pg);
	/* a partition ending where the memory does: its address */
	pg.data = page_tail(sizeof(part) - 8);
	syscall(SYS_ioctl, BADFD, BLKPG, &pg);
	struct blk_user_trace_setup buts = {.act_mask = 3, .buf_size = 4096, .buf_nr = 4};
	syscall(SYS_ioctl, BADFD, BLKTRACESETUP, &buts);
	syscall(SYS_ioctl, BADFD, BLKTRACESTART);
}

static void hdio_calls(void)
{
	struct hd_geometry geo;
	syscall(SYS_ioctl, BADFD, HDIO_GETGEO, &geo);
	unsigned long v;
	syscall(SYS_ioctl, BADFD, HDIO_GET_DMA, &v);
	syscall(SYS_ioctl, BADFD, HDIO_SET_DMA, 1UL);
	syscall(SYS_ioctl, BADFD, HDIO_SET_BUSSTATE, 1UL);
	syscall(SYS_ioctl, BADFD, HDIO_SET_BUSSTATE, 7UL);
	syscall(SYS_ioctl, BADFD, HDIO_SET_NICE, 0x1fUL | 0x100UL);
	unsigned char cmd[4] = {0xec, 0, 0, 1}; /* ATA_CMD_ID_ATA */
	syscall(SYS_ioctl, BADFD, HDIO_DRIVE_CMD, cmd);
	cmd[0] = 0x80;
	syscall(SYS_ioctl, BADFD, HDIO_DRIVE_CMD, cmd);
	unsigned int ints[3] = {1, 2, 0xdeadbeef};
	syscall(SYS_ioctl, BADFD, HDIO_DRIVE_RESET, ints);
	syscall(SYS_ioctl, BADFD, HDIO_GET_IDENTITY, BADPTR);
	syscall(SYS_ioctl, BADFD, HDIO_GET_QDMA, 0x42UL);
}

static void loop_calls(void)
{
	struct loop_info64 info = {
	    .lo_offset = 512, .lo_number = 7, .lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR};
	strcpy((char *)info.lo_file_name, "/tmp/disk.img");
	syscall(SYS_ioctl, BADFD, LOOP_SET_STATUS64, &info);
	info.lo_encrypt_type = LO_CRYPT_XOR;
	info.lo_encrypt_key_size = 3;
	memcpy(info.lo_encrypt_key, "k\0y", 3);
	info.lo_flags |= 0x400;
	syscall(SYS_ioctl, BADFD, LOOP_SET_STATUS64, &info);
	syscall(SYS_ioctl, BADFD, LOOP_GET_STATUS64, &info);
	struct loop_info old = {.lo_number = 2, .lo_offset = 1024, .lo_flags = LO_FLAGS_READ_ONLY};
	memset(old.lo_name, 'n', sizeof(old.lo_name)); /* no NUL: cut */
	syscall(SYS_ioctl, BADFD, LOOP_SET_STATUS, &old);
	syscall(SYS_ioctl, BADFD, LOOP_GET_STATUS, NULL);
	struct loop_config cfg = {.fd = 0, .block_size = 4096};
	memcpy(&cfg.info, &info, sizeof(info));
	syscall(SYS_ioctl, BADFD, LOOP_CONFIGURE, &cfg);
	cfg.__reserved[7] = 0xfe;
	syscall(SYS_ioctl, BADFD, LOOP_CONFIGURE, &cfg);
	syscall(SYS_ioctl, BADFD, LOOP_SET_FD, 0);
	syscall(SYS_ioctl, BADFD, LOOP_CLR_FD);
	syscall(SYS_ioctl, BADFD, LOOP_SET_BLOCK_SIZE, 4096UL);
	syscall(SYS_ioctl, BADFD, LOOP_CTL_REMOVE, 3);
}

static void nbd_calls(void)
{
	syscall(SYS_ioctl, BADFD, NBD_SET_SOCK, 0);
	syscall(SYS_ioctl, BADFD, NBD_SET_SIZE, 1UL << 30);
	syscall(SYS_ioctl, BADFD, NBD_SET_FLAGS, 0x3UL | 0x80000UL);
	syscall(SYS_ioctl, BADFD, NBD_SET_FLAGS, 0UL);
	syscall(SYS_ioctl, BADFD, NBD_DISCONNECT);
}

/* RNDADDENTROPY: the bytes after the header, buf_size of them (cut at -s) */
static void random_calls(void)
{
	/* rand_pool_info ends in a flexible array: the pool is a header and its bytes */
	static const char bytes[] = "12345678abcdefghijklmnopqrstuvwxyz0123456789ABCD";
	struct rand_pool_info *const pool = malloc(sizeof(*pool) + sizeof(bytes));
	if (!pool)
		return;
	*pool = (struct rand_pool_info){.entropy_count = 3, .buf_size = 8};
	memcpy(pool->buf, bytes, sizeof(bytes));
	syscall(SYS_ioctl, BADFD, RNDADDENTROPY, pool);
	pool->buf_size = sizeof(bytes) - 1;
	syscall(SYS_ioctl, BADFD, RNDADDENTROPY, pool);
	free(pool);
	syscall(SYS_ioctl, BADFD, RNDGETENTCNT, NULL);
}

/* UBI: requests read at entry; names as long as name_len says */
static void ubi_calls(void)
{
	struct ubi_attach_req att = {
	    .ubi_num = 1, .mtd_num = 2, .vid_hdr_offset = 512, .max_beb_per1024 = 20};
	syscall(SYS_ioctl, BADFD, UBI_IOCATT, &att);
	struct ubi_mkvol_req mk = {.vol_id = UBI_VOL_NUM_AUTO,
				   .alignment = 1,
				   .bytes = 1 << 20,
				   .vol_type = UBI_DYNAMIC_VOLUME,
				   .flags = UBI_VOL_SKIP_CRC_CHECK_FLG,
				   .name_len = 6,
				   .name = "rootfs"};
	syscall(SYS_ioctl, BADFD, UBI_IOCMKVOL, &mk);
	mk.name_len = 4; /* the name cut where name_len says */
	syscall(SYS_ioctl, BADFD, UBI_IOCMKVOL, &mk);
	static struct ubi_rnvol_req rn = {.count = 2};
	rn.ents[0].vol_id = 0;
	rn.ents[0].name_len = 1;
	memcpy(rn.ents[0].name, "a", 2);
	rn.ents[1].vol_id = 1;
	rn.ents[1].name_len = 3;
	memcpy(rn.ents[1].name, "bcd", 4);
	syscall(SYS_ioctl, BADFD, UBI_IOCRNVOL, &rn);
	const struct ubi_rsvol_req rs = {.bytes = 4096, .vol_id = 3};
	syscall(SYS_ioctl, BADFD, UBI_IOCRSVOL, &rs);
	const struct ubi_leb_change_req ch = {.lnum = 5, .bytes = 128, .dtype = 3};
	syscall(SYS_ioctl, BADFD, UBI_IOCEBCH, &ch);
	const struct ubi_map_req map = {.lnum = 6, .dtype = 1};
	syscall(SYS_ioctl, BADFD, UBI_IOCEBMAP, &map);
	const struct ubi_set_vol_prop_req prop = {.property = UBI_VOL_PROP_DIRECT_WRITE,
						  .value = 1};
	syscall(SYS_ioctl, BADFD, UBI_IOCSETVOLPROP, &prop);
	const int32_t leb = 7;
	syscall(SYS_ioctl, BADFD, UBI_IOCEBISMAP, &leb);
	syscall(SYS_ioctl, BADFD, UBI_IOCRMVOL, &leb);
	const int64_t size = 1 << 16;
	syscall(SYS_ioctl, BADFD, UBI_IOCVOLUP, &size);
	syscall(SYS_ioctl, BADFD, UBI_IOCVOLCRBLK, NULL);
	syscall(SYS_ioctl, BADFD, UBI_IOCVOLRMBLK);
	syscall(SYS_ioctl, BADFD, UBI_IOCATT, NULL);
}

/* MTD ('M'): strace names each _IOR / _IOW of the type MIXER_READ(N) /
 * MIXER_WRITE(N) "or" the MTD command; structs read at entry */
static void mtd_calls(void)
{
	static struct mtd_info_user info;
	syscall(SYS_ioctl, BADFD, MEMGETINFO, &info);
	const struct erase_info_user erase = {.start = 0x1000, .length = 0x2000};
	syscall(SYS_ioctl, BADFD, MEMERASE, &erase);
	syscall(SYS_ioctl, BADFD, MEMISLOCKED, &erase);
	const struct erase_info_user64 erase64 = {.start = 1ULL << 40, .length = 0x4000};
	syscall(SYS_ioctl, BADFD, MEMERASE64, &erase64);
	const struct mtd_oob_buf oob = {.start = 64, .length = 16, .ptr = (unsigned char *)0x1234};
	syscall(SYS_ioctl, BADFD, MEMWRITEOOB, &oob);
	const struct mtd_oob_buf64 oob64 = {.start = 128, .length = 32, .usr_ptr = 0};
	syscall(SYS_ioctl, BADFD, MEMREADOOB64, &oob64);
	struct mtd_write_req req = {
	    .start = 4096, .len = 512, .ooblen = 16, .usr_data = 0xabcd, .mode = MTD_OPS_RAW};
	syscall(SYS_ioctl, BADFD, MEMWRITE, &req);
	req.mode = 7;
	syscall(SYS_ioctl, BADFD, MEMWRITE, &req);
	const int64_t block = 1 << 20;
	syscall(SYS_ioctl, BADFD, MEMGETBADBLOCK, &block);
	unsigned otp = MTD_OTP_USER;
	syscall(SYS_ioctl, BADFD, OTPSELECT, &otp);
	otp = 9;
	syscall(SYS_ioctl, BADFD, OTPSELECT, &otp);
	const struct otp_info lock = {.start = 0, .length = 64, .locked = 1};
	syscall(SYS_ioctl, BADFD, OTPLOCK, &lock);
	syscall(SYS_ioctl, BADFD, OTPGETREGIONCOUNT, &otp);
	struct region_info_user region = {.regionindex = 3};
	syscall(SYS_ioctl, BADFD, MEMGETREGIONINFO, &region);
	syscall(SYS_ioctl, BADFD, MTDFILEMODE, MTD_FILE_MODE_RAW);
	syscall(SYS_ioctl, BADFD, MTDFILEMODE, 7);
	syscall(SYS_ioctl, BADFD, _IOR('M', 40, int), NULL);
	syscall(SYS_ioctl, BADFD, _IOWR('M', 40, int), NULL);
}

/* SCSI generic (0x22): ints read or written, SG_SCSI_RESET's modes */
static void scsi_calls(void)
{
	syscall(SYS_ioctl, BADFD, SG_GET_TIMEOUT, 0);
	int v = 3000;
	syscall(SYS_ioctl, BADFD, SG_SET_TIMEOUT, &v);
	syscall(SYS_ioctl, BADFD, SG_GET_VERSION_NUM, &v);
	v = SG_SCSI_RESET_BUS | 0x100; /* SG_SCSI_RESET_NO_ESCALATE */
	syscall(SYS_ioctl, BADFD, SG_SCSI_RESET, &v);
	v = SG_SCSI_RESET_DEVICE;
	syscall(SYS_ioctl, BADFD, SG_SCSI_RESET, &v);
	v = 7;
	syscall(SYS_ioctl, BADFD, SG_SCSI_RESET, &v);
	syscall(SYS_ioctl, BADFD, SG_SET_TRANSFORM, 1);
	syscall(SYS_ioctl, BADFD, SG_IO, NULL);
	static struct sg_scsi_id id;
	syscall(SYS_ioctl, BADFD, SG_GET_SCSI_ID, &id);
	syscall(SYS_ioctl, BADFD, SG_GET_REQUEST_TABLE, NULL);
	syscall(SYS_ioctl, BADFD, _IO(0x22, 0xff), 0);
}

/* TEE (0xa4): a parameter call's buffer shown when its length is the head
 * and its parameters exactly, else its address */
static void tee_calls(void)
{
	static struct tee_ioctl_version_data version;
	syscall(SYS_ioctl, BADFD, TEE_IOC_VERSION, &version);
	const struct tee_ioctl_cancel_arg cancel = {.cancel_id = 7, .session = 0x42};
	syscall(SYS_ioctl, BADFD, TEE_IOC_CANCEL, &cancel);
	const struct tee_ioctl_close_session_arg close_arg = {.session = 0x43};
	syscall(SYS_ioctl, BADFD, TEE_IOC_CLOSE_SESSION, &close_arg);
	const struct tee_ioctl_shm_alloc_data alloc = {.size = 4096, .flags = 0x3};
	syscall(SYS_ioctl, BADFD, TEE_IOC_SHM_ALLOC, &alloc);
	const struct tee_ioctl_shm_register_data reg = {
	    .addr = 0x10000, .length = 8192, .flags = 0x81};
	syscall(SYS_ioctl, BADFD, TEE_IOC_SHM_REGISTER, &reg);
	/* the heads end in flexible arrays: each buffer is a head and its
	 * parameters, copied in one after the other */
	static uint64_t
	    invoke[(sizeof(struct tee_ioctl_invoke_arg) + 3 * sizeof(struct tee_ioctl_param)) / 8];
	const struct tee_ioctl_invoke_arg invoke_head = {
	    .func = 5, .session = 0x44, .cancel_id = 9, .num_params = 3};
	const struct tee_ioctl_param invoke_params[3] = {
	    {.attr = TEE_IOCTL_PARAM_ATTR_TYPE_NONE, .a = 1},
	    {.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT | TEE_IOCTL_PARAM_ATTR_META,
	     .a = 1,
	     .b = 2,
	     .c = 3},
	    {.attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT, .a = 16, .b = 32, .c = 4}};
	memcpy(invoke, &invoke_head, sizeof(invoke_head));
	memcpy((char *)invoke + sizeof(invoke_head), invoke_params, sizeof(invoke_params));
	struct tee_ioctl_buf_data buf = {.buf_ptr = (uintptr_t)invoke, .buf_len = sizeof(invoke)};
	syscall(SYS_ioctl, BADFD, TEE_IOC_INVOKE, &buf);
	buf.buf_len = sizeof(invoke) - 1; /* not the parameters' length */
	syscall(SYS_ioctl, BADFD, TEE_IOC_INVOKE, &buf);
	static uint64_t
	    open_arg[(sizeof(struct tee_ioctl_open_session_arg) + sizeof(struct tee_ioctl_param)) /
		     8];
	struct tee_ioctl_open_session_arg open_head = {
	    .uuid = {0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
	    .clnt_uuid = {100},
	    .clnt_login = TEE_IOCTL_LOGIN_GROUP,
	    .num_params = 1};
	const struct tee_ioctl_param open_param = {.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT};
	memcpy(open_arg, &open_head, sizeof(open_head));
	memcpy((char *)open_arg + sizeof(open_head), &open_param, sizeof(open_param));
	buf = (struct tee_ioctl_buf_data){.buf_ptr = (uintptr_t)open_arg,
					  .buf_len = sizeof(open_arg)};
	syscall(SYS_ioctl, BADFD, TEE_IOC_OPEN_SESSION, &buf);
	open_head.clnt_login = 0x33;
	memcpy(open_arg, &open_head, sizeof(open_head));
	syscall(SYS_ioctl, BADFD, TEE_IOC_OPEN_SESSION, &buf);
	static struct tee_iocl_supp_recv_arg recv = {.func = 1};
	buf = (struct tee_ioctl_buf_data){.buf_ptr = (uintptr_t)&recv, .buf_len = sizeof(recv)};
	syscall(SYS_ioctl, BADFD, TEE_IOC_SUPPL_RECV, &buf);
	buf.buf_len = TEE_MAX_ARG_SIZE + 1;
	syscall(SYS_ioctl, BADFD, TEE_IOC_SUPPL_SEND, &buf);
	buf = (struct tee_ioctl_buf_data){.buf_ptr = 0, .buf_len = 8};
	syscall(SYS_ioctl, BADFD, TEE_IOC_SUPPL_SEND, &buf);
}

/* device mapper (0xfd): the header, and under -v the targets, message or
 * string in the buffer it heads */
static void dm_calls(void)
{
	static union {
		struct dm_ioctl ioc;
		char bytes[1024];
	} dm;
	const struct dm_ioctl head = {.version = {4, 1, 2},
				      .data_size = sizeof(dm),
				      .data_start = sizeof(struct dm_ioctl),
				      .dev = 0x1234,
				      .name = "vg0-root",
				      .uuid = "LVM-abc"};
	dm.ioc = head;
	syscall(SYS_ioctl, BADFD, DM_VERSION, &dm);
	dm.ioc.flags = DM_READONLY_FLAG | DM_PERSISTENT_DEV_FLAG | 0x80000000u;
	syscall(SYS_ioctl, BADFD, DM_DEV_CREATE, &dm);
	dm.ioc.flags = 0;
	dm.ioc.target_count = 2;
	struct dm_target_spec spec = {.sector_start = 0, .length = 2048, .next = 0};
	memcpy(spec.target_type, "linear", 7);
	spec.next = sizeof(spec) + 16;
	memcpy(dm.bytes + sizeof(struct dm_ioctl), &spec, sizeof(spec));
	memcpy(dm.bytes + sizeof(struct dm_ioctl) + sizeof(spec), "/dev/sda 0", 11);
	spec.sector_start = 2048;
	spec.next = 0;
	memcpy(spec.target_type, "zero", 5);
	memcpy(dm.bytes + sizeof(struct dm_ioctl) + sizeof(spec) + 16, &spec, sizeof(spec));
	dm.bytes[sizeof(struct dm_ioctl) + 2 * sizeof(spec) + 16] = 0;
	syscall(SYS_ioctl, BADFD, DM_TABLE_LOAD, &dm);
	dm.ioc.target_count = 0;
	const struct dm_target_msg msg = {.sector = 7};
	memcpy(dm.bytes + sizeof(struct dm_ioctl), &msg, sizeof(msg));
	memcpy(dm.bytes + sizeof(struct dm_ioctl) + sizeof(msg), "@cancel_reshape", 16);
	syscall(SYS_ioctl, BADFD, DM_TARGET_MSG, &dm);
	memcpy(dm.bytes + sizeof(struct dm_ioctl), "vg0-new", 8);
	syscall(SYS_ioctl, BADFD, DM_DEV_RENAME, &dm);
	dm.ioc.data_start = 4000; /* past the buffer */
	syscall(SYS_ioctl, BADFD, DM_DEV_RENAME, &dm);
	dm.ioc.data_size = 12; /* too small for a header */
	syscall(SYS_ioctl, BADFD, DM_DEV_STATUS, &dm);
	dm.ioc.version[0] = 5;
	syscall(SYS_ioctl, BADFD, DM_DEV_STATUS, &dm);
	syscall(SYS_ioctl, BADFD, DM_LIST_DEVICES, NULL);
}

static void fs_calls(void)
{
	syscall(SYS_ioctl, BADFD, FIFREEZE, 0);
	syscall(SYS_ioctl, BADFD, FITHAW, 0);
	struct fstrim_range trim = {.start = 0x1000, .len = UINT64_MAX, .minlen = 512};
	syscall(SYS_ioctl, BADFD, FITRIM, &trim);
	syscall(SYS_ioctl, BADFD, FITRIM, BADPTR);
	struct fsxattr fx = {.fsx_xflags = FS_XFLAG_IMMUTABLE | FS_XFLAG_APPEND | 0x100000,
			     .fsx_extsize = 4096,
			     .fsx_projid = 42};
	syscall(SYS_ioctl, BADFD, FS_IOC_FSSETXATTR, &fx);
	syscall(SYS_ioctl, BADFD, FS_IOC_FSGETXATTR, &fx);
	struct fiemap fm = {.fm_length = UINT64_MAX, .fm_flags = FIEMAP_FLAG_SYNC};
	syscall(SYS_ioctl, BADFD, FS_IOC_FIEMAP, &fm);
}

/* The calling process's user namespace: its type, owner, and (the initial
 * namespace has no parent) the failures of the others. */
static void nsfs_calls(void)
{
	const int ns = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/ns/user", O_RDONLY);
	uint32_t uid = 12345;
	syscall(SYS_ioctl, ns, NS_GET_NSTYPE);
	syscall(SYS_ioctl, ns, NS_GET_OWNER_UID, &uid);
	syscall(SYS_ioctl, ns, NS_GET_PARENT);
	syscall(SYS_ioctl, BADFD, NS_GET_OWNER_UID, &uid);
	syscall(SYS_close, ns);
}

static void perf_calls(void)
{
	uint64_t v = 100000;
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_DISABLE, 6UL);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_REFRESH, -1L);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_PERIOD, &v);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_ID, &v);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_SET_OUTPUT, 0);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_SET_FILTER, "filter: pid == 1");
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_PAUSE_OUTPUT, 1UL);
	/* the attributes themselves, not the pointer the number sizes */
	struct perf_event_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_BREAKPOINT;
	attr.size = PERF_ATTR_SIZE_VER1;
	attr.bp_type = HW_BREAKPOINT_RW;
	attr.bp_addr = 0x4000;
	attr.bp_len = 8;
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, &attr);
	syscall(SYS_ioctl, BADFD, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, BADPTR);
}

/* A userfaultfd (root may make one): the API handshake, a registered page,
 * a wake, then the failures of a bad descriptor. */
static void uffd_calls(void)
{
	const int u = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = {.api = UFFD_API, .features = 0};
	syscall(SYS_ioctl, u, UFFDIO_API, &api);
	void *const page = (void *)syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_WRITE,
					   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct uffdio_register reg = {
	    .range = {.start = (uint64_t)(uintptr_t)page, .len = 4096},
	    .mode = UFFDIO_REGISTER_MODE_MISSING,
	};
	syscall(SYS_ioctl, u, UFFDIO_REGISTER, &reg);
	struct uffdio_range range = reg.range;
	syscall(SYS_ioctl, u, UFFDIO_WAKE, &range);
	syscall(SYS_ioctl, u, UFFDIO_UNREGISTER, &range);
	struct uffdio_copy copy = {.dst = range.start,
				   .src = 0x1000,
				   .len = 4096,
				   .mode = UFFDIO_COPY_MODE_DONTWAKE | 0x100};
	syscall(SYS_ioctl, BADFD, UFFDIO_COPY, &copy);
	struct uffdio_zeropage zero = {.range = range, .mode = UFFDIO_ZEROPAGE_MODE_DONTWAKE};
	syscall(SYS_ioctl, BADFD, UFFDIO_ZEROPAGE, &zero);
	syscall(SYS_ioctl, BADFD, UFFDIO_WAKE, &range);
	syscall(SYS_ioctl, u, UFFDIO_API, NULL);
	syscall(SYS_munmap, page, 4096);
	syscall(SYS_close, u);
}

/* GPIO requests on a bad descriptor: what the program gave */
static void gpio_calls(void)
{
	struct gpioline_info li = {.line_offset = 7};
	syscall(SYS_ioctl, BADFD, GPIO_GET_LINEINFO_IOCTL, &li);
	struct gpiohandle_request hr = {.lines = 3,
					.lineoffsets = {1, 2, 3},
					.flags = GPIOHANDLE_REQUEST_OUTPUT | 0x1000,
					.default_values = {1, 0, 1}};
	strcpy(hr.consumer_label, "tp");
	syscall(SYS_ioctl, BADFD, GPIO_GET_LINEHANDLE_IOCTL, &hr);
	struct gpioevent_request er = {.lineoffset = 4, .eventflags = GPIOEVENT_REQUEST_BOTH_EDGES};
	syscall(SYS_ioctl, BADFD, GPIO_GET_LINEEVENT_IOCTL, &er);
	struct gpiohandle_data hd = {.values = {1, 1}};
	syscall(SYS_ioctl, BADFD, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &hd);
	syscall(SYS_ioctl, BADFD, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &hd);
	struct gpio_v2_line_request lr = {
	    .num_lines = 2, .offsets = {5, 6}, .event_buffer_size = 16};
	strcpy(lr.consumer, "tp v2");
	lr.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING;
	lr.config.num_attrs = 2;
	lr.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	lr.config.attrs[0].attr.debounce_period_us = 500;
	lr.config.attrs[0].mask = 1;
	lr.config.attrs[1].attr.id = 9;
	lr.config.attrs[1].mask = 2;
	syscall(SYS_ioctl, BADFD, GPIO_V2_GET_LINE_IOCTL, &lr);
	struct gpio_v2_line_values vals = {.bits = 1, .mask = 3};
	syscall(SYS_ioctl, BADFD, GPIO_V2_LINE_SET_VALUES_IOCTL, &vals);
	syscall(SYS_ioctl, BADFD, GPIO_V2_LINE_GET_VALUES_IOCTL, &vals);
	struct gpio_v2_line_info v2li = {.offset = 9};
	syscall(SYS_ioctl, BADFD, GPIO_V2_GET_LINEINFO_IOCTL, &v2li);
	uint32_t offset = 9;
	syscall(SYS_ioctl, BADFD, GPIO_GET_LINEINFO_UNWATCH_IOCTL, &offset);
}

/* PTP clock requests on a bad descriptor */
static void ptp_calls(void)
{
	struct ptp_extts_request extts = {.index = 1,
					  .flags = PTP_ENABLE_FEATURE | PTP_RISING_EDGE};
	syscall(SYS_ioctl, BADFD, PTP_EXTTS_REQUEST, &extts);
	extts.rsv[1] = 0xfe;
	syscall(SYS_ioctl, BADFD, PTP_EXTTS_REQUEST2, &extts);
	struct ptp_perout_request perout = {.start = {.sec = 1700000000, .nsec = 5},
					    .period = {.sec = 1},
					    .index = 2,
					    .flags = PTP_PEROUT_ONE_SHOT};
	syscall(SYS_ioctl, BADFD, PTP_PEROUT_REQUEST, &perout);
	perout.flags = PTP_PEROUT_DUTY_CYCLE | PTP_PEROUT_PHASE;
	perout.on.nsec = 500;
	syscall(SYS_ioctl, BADFD, PTP_PEROUT_REQUEST2, &perout);
	syscall(SYS_ioctl, BADFD, PTP_ENABLE_PPS, 1UL);
	struct ptp_pin_desc pin = {.index = 3, .func = PTP_PF_EXTTS, .chan = 1};
	syscall(SYS_ioctl, BADFD, PTP_PIN_SETFUNC, &pin);
	syscall(SYS_ioctl, BADFD, PTP_PIN_GETFUNC, &pin);
	struct ptp_sys_offset off = {.n_samples = 3};
	syscall(SYS_ioctl, BADFD, PTP_SYS_OFFSET, &off);
	struct ptp_clock_caps caps;
	syscall(SYS_ioctl, BADFD, PTP_CLOCK_GETCAPS, &caps);
}

/* real-time clocks: no /dev/rtc here, so what each command was given */
static void rtc_calls(void)
{
	struct rtc_time tm = {.tm_sec = 5,
			      .tm_min = 4,
			      .tm_hour = 3,
			      .tm_mday = 2,
			      .tm_mon = 1,
			      .tm_year = 126,
			      .tm_wday = 4,
			      .tm_yday = 32};
	syscall(SYS_ioctl, BADFD, RTC_SET_TIME, &tm);
	syscall(SYS_ioctl, BADFD, RTC_RD_TIME, &tm);
	struct rtc_wkalrm wk = {.enabled = 1, .pending = 0, .time = tm};
	syscall(SYS_ioctl, BADFD, RTC_WKALM_SET, &wk);
	struct rtc_pll_info pll = {.pll_ctrl = 1, .pll_value = -2, .pll_clock = 32768};
	syscall(SYS_ioctl, BADFD, RTC_PLL_SET, &pll);
	syscall(SYS_ioctl, BADFD, RTC_IRQP_SET, 64UL);
	syscall(SYS_ioctl, BADFD, RTC_EPOCH_READ, BADPTR);
	syscall(SYS_ioctl, BADFD, RTC_AIE_ON);
	syscall(SYS_ioctl, BADFD, RTC_VL_READ, NULL);
	struct rtc_param param = {.param = RTC_PARAM_FEATURES, .uvalue = 3, .index = 1};
	syscall(SYS_ioctl, BADFD, RTC_PARAM_SET, &param);
	param.param = RTC_PARAM_BACKUP_SWITCH_MODE;
	param.uvalue = RTC_BSM_LEVEL;
	syscall(SYS_ioctl, BADFD, RTC_PARAM_SET, &param);
	param.param = RTC_PARAM_CORRECTION;
	param.svalue = -7;
	syscall(SYS_ioctl, BADFD, RTC_PARAM_SET, &param);
	param.param = 9;
	syscall(SYS_ioctl, BADFD, RTC_PARAM_GET, &param);
}

static void seccomp_calls(void)
{
	struct seccomp_notif notif;
	memset(&notif, 0, sizeof(notif));
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	notif.id = 7;
	notif.pid = 1;
	notif.data.nr = __NR_getpid;
	notif.data.arch = 0xc000003e; /* AUDIT_ARCH_X86_64 */
	notif.data.args[0] = 0xdead;
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	struct seccomp_notif_resp resp = {
	    .id = 7, .val = -1, .error = -EPERM, .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE};
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	resp.error = 5;
	resp.flags = 6;
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	uint64_t id = 0xfeedface;
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_ID_VALID, &id);
	struct seccomp_notif_addfd addfd = {.id = 7,
					    .flags = SECCOMP_ADDFD_FLAG_SETFD,
					    .srcfd = 0,
					    .newfd = 9,
					    .newfd_flags = O_CLOEXEC};
	syscall(SYS_ioctl, BADFD, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
}

static void input_calls(void)
{
	syscall(SYS_ioctl, BADFD, EVIOCGVERSION, NULL);
	syscall(SYS_ioctl, BADFD, EVIOCGID, BADPTR);
	syscall(SYS_ioctl, BADFD, EVIOCGBIT(0, 4), NULL);
	syscall(SYS_ioctl, BADFD, EVIOCGBIT(EV_KEY, 96), BADPTR);
	syscall(SYS_ioctl, BADFD, EVIOCGBIT(0x1f, 8), NULL); /* no such type */
	syscall(SYS_ioctl, BADFD, EVIOCGABS(ABS_MT_POSITION_X), NULL);
	syscall(SYS_ioctl, BADFD, EVIOCGABS(0xe), NULL); /* no such axis */
	syscall(SYS_ioctl, BADFD, EVIOCGNAME(64), NULL);
	syscall(SYS_ioctl, BADFD, EVIOCGKEY(96), NULL);
	syscall(SYS_ioctl, BADFD, EVIOCGMTSLOTS(16), NULL);
	struct input_absinfo abs = {
	    .value = 5, .minimum = -100, .maximum = 100, .fuzz = 1, .flat = 2, .resolution = 3};
	syscall(SYS_ioctl, BADFD, EVIOCSABS(ABS_Y), &abs);
	/* the first struct, without resolution; one longer than any */
	syscall(SYS_ioctl, BADFD, _IOC(_IOC_WRITE, 'E', 0xc0 + ABS_X, 20), &abs);
	syscall(SYS_ioctl, BADFD, _IOC(_IOC_WRITE, 'E', 0xc0 + ABS_X, 16), &abs);
	unsigned int pair[2] = {250, 33};
	syscall(SYS_ioctl, BADFD, EVIOCSREP, pair);
	pair[0] = 0x70004;
	pair[1] = KEY_A;
	syscall(SYS_ioctl, BADFD, EVIOCSKEYCODE, pair);
	struct input_keymap_entry ike = {.flags = INPUT_KEYMAP_BY_INDEX,
					 .len = 4,
					 .index = 3,
					 .keycode = BTN_LEFT,
					 .scancode = {0x1, 0x2, 0xff}};
	syscall(SYS_ioctl, BADFD, EVIOCSKEYCODE_V2, &ike);
	struct ff_effect ffe;
	memset(&ffe, 0, sizeof(ffe));
	ffe.type = FF_PERIODIC;
	ffe.id = -1;
	ffe.direction = 0x4000;
	ffe.trigger.button = 1;
	ffe.replay.length = 500;
	ffe.u.periodic.waveform = FF_SINE;
	ffe.u.periodic.period = 100;
	ffe.u.periodic.magnitude = -3000;
	ffe.u.periodic.envelope.attack_length = 10;
	ffe.u.periodic.envelope.fade_level = 0x7fff;
	syscall(SYS_ioctl, BADFD, EVIOCSFF, &ffe);
	ffe.type = FF_RUMBLE;
	ffe.u.rumble.strong_magnitude = 0x8000;
	ffe.u.rumble.weak_magnitude = 0x4000;
	syscall(SYS_ioctl, BADFD, EVIOCSFF, &ffe);
	ffe.type = FF_SPRING; /* its parameters are not printed */
	syscall(SYS_ioctl, BADFD, EVIOCSFF, &ffe);
	syscall(SYS_ioctl, BADFD, EVIOCRMFF, 3);
	syscall(SYS_ioctl, BADFD, EVIOCGRAB, 1);
	syscall(SYS_ioctl, BADFD, EVIOCREVOKE, 0);
	int clock = 1; /* CLOCK_MONOTONIC */
	syscall(SYS_ioctl, BADFD, EVIOCSCLOCKID, &clock);
	syscall(SYS_ioctl, BADFD, _IOC(_IOC_READ | _IOC_WRITE, 'E', 0xfe, 0xff), 0x1234);
	syscall(SYS_ioctl, BADFD, _IOC(_IOC_WRITE, 'E', 0x1, 0xff), 0); /* unknown: NULL */
}

/* Socket commands: the loopback interface's name, index, flags, MTU,
 * addresses and queue length asked of a datagram socket; the interface
 * list, its size first; owners; requests that change things, on no
 * descriptor */
static void sock_calls(void)
{
	const int s = (int)syscall(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	static const unsigned long asks[] = {SIOCGIFFLAGS,   SIOCGIFINDEX,  SIOCGIFMTU,
					     SIOCGIFHWADDR,  SIOCGIFADDR,   SIOCGIFNETMASK,
					     SIOCGIFTXQLEN,  SIOCGIFMETRIC, SIOCGIFBRDADDR,
					     SIOCGIFDSTADDR, SIOCGIFMAP};
	for (size_t k = 0; k < sizeof(asks) / sizeof(asks[0]); k++)
		syscall(SYS_ioctl, s, asks[k], &ifr);
	ifr.ifr_ifindex = 1;
	syscall(SYS_ioctl, s, SIOCGIFNAME, &ifr);
	ifr.ifr_ifindex = 0x7fffffff; /* no such interface */
	syscall(SYS_ioctl, s, SIOCGIFNAME, &ifr);
	strcpy(ifr.ifr_name, "nosuchif0");
	syscall(SYS_ioctl, s, SIOCGIFFLAGS, &ifr);
	syscall(SYS_ioctl, s, SIOCGIFINDEX, BADPTR);
	struct ifreq reqs[8];
	struct ifconf ifc = {.ifc_len = 0, .ifc_buf = NULL};
	syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	ifc.ifc_len = sizeof(reqs);
	ifc.ifc_req = reqs;
	syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	ifc.ifc_len = sizeof(reqs[0]) + 3;
	syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	int owner = 0;
	syscall(SYS_ioctl, s, FIOGETOWN, &owner);
	syscall(SYS_ioctl, s, FIOSETOWN, &owner);
	syscall(SYS_ioctl, s, SIOCGPGRP, &owner);
	syscall(SYS_ioctl, s, SIOCATMARK, &owner);
	syscall(SYS_ioctl, s, SIOCGSTAMP, BADPTR);
	syscall(SYS_close, s);
	/* what would change the system: refused for the descriptor first */
	memset(&ifr, 0, sizeof(ifr));
	memset(ifr.ifr_name, 'x', sizeof(ifr.ifr_name));	     /* no NUL */
	ifr.ifr_flags = (short)(IFF_UP | IFF_RUNNING | IFF_DYNAMIC); /* the sign bit too */
	syscall(SYS_ioctl, BADFD, SIOCSIFFLAGS, &ifr);
	strcpy(ifr.ifr_name, "eth9");
	ifr.ifr_mtu = 9000;
	syscall(SYS_ioctl, BADFD, SIOCSIFMTU, &ifr);
	strcpy(ifr.ifr_newname, "renamed0");
	syscall(SYS_ioctl, BADFD, SIOCSIFNAME, &ifr);
	ifr.ifr_hwaddr.sa_family = 1; /* ARPHRD_ETHER */
	memcpy(ifr.ifr_hwaddr.sa_data, "\x02\x00\x5e\x10\x20\x30", 6);
	syscall(SYS_ioctl, BADFD, SIOCSIFHWADDR, &ifr);
	syscall(SYS_ioctl, BADFD, SIOCBRADDBR, "br-test");
	syscall(SYS_ioctl, BADFD, SIOCBRDELBR, "0123456789abcdefgh");
	syscall(SYS_ioctl, BADFD, SIOCADDRT, BADPTR);
	syscall(SYS_ioctl, BADFD, SIOCDEVPRIVATE, 0x1234);
}

int main(int argc, char **argv)
{
	if (argc < 2 || syscall(SYS_chdir, argv[1]) != 0)
		return 2;
	/* descriptors inherited from the caller would shift ours */
	syscall(SYS_close_range, 3, ~0u, 0);
	block_calls();
	hdio_calls();
	loop_calls();
	nbd_calls();
	random_calls();
	ubi_calls();
	mtd_calls();
	scsi_calls();
	tee_calls();
	dm_calls();
	fs_calls();
	nsfs_calls();
	perf_calls();
	uffd_calls();
	gpio_calls();
	ptp_calls();
	rtc_calls();
	seccomp_calls();
	input_calls();
	sock_calls();
	return failures ? 1 : 0;
}
