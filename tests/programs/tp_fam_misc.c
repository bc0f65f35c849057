/* tp_fam_misc: the calls of no other family (asynchronous I/O, keys, the
 * clock's discipline, performance counters, seccomp, io_uring), each on a
 * success and a failure path, for the differential test against strace.
 *
 * Usage: tp_fam_misc DIR   (DIR is not used)
 * Every call is a raw syscall() with fixed arguments. Calls the kernel may
 * refuse here (keys, perf events, io_uring in a container) are not checked,
 * only made: strace and strep see the same result either way. Exit status 0
 * when every checked call gave the expected result. */
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <linux/fs.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "tp_expect.h"

#define BAD_PTR ((void *)1)

static void aio(void)
{
	aio_context_t ctx = 0;
	if (syscall(SYS_io_setup, 2, &ctx) < 0)
		return;
	const int fd = open("/dev/zero", O_RDONLY);
	char buf[16];
	struct iocb cb;
	memset(&cb, 0, sizeof(cb));
	cb.aio_data = 0x1234;
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_fildes = (uint32_t)fd;
	cb.aio_buf = (uint64_t)(uintptr_t)buf;
	cb.aio_nbytes = sizeof(buf);
	struct iocb *cbs[1] = {&cb};
	expect("io_submit", syscall(SYS_io_submit, ctx, 1, cbs), 0);
	struct io_event ev[1];
	const struct timespec ts = {1, 0};
	expect("io_getevents", syscall(SYS_io_getevents, ctx, 1, 1, ev, &ts), 0);
	expect("io_getevents EINVAL", syscall(SYS_io_getevents, ctx, 2, 1, ev, NULL), EINVAL);
	/* a write's data, a vectored write's buffers, a vectored read's
	 * addresses; then the three events */
	const int out = open("/dev/null", O_WRONLY);
	char a[2], b[3];
	struct iovec wv[2] = {{"ab", 2}, {"cde", 3}}, rv[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	struct iocb more[3];
	memset(more, 0, sizeof(more));
	more[0] = (struct iocb){.aio_data = 1,
				.aio_lio_opcode = IOCB_CMD_PWRITE,
				.aio_fildes = (uint32_t)out,
				.aio_buf = (uint64_t)(uintptr_t) "hello aio",
				.aio_nbytes = 9};
	more[1] = (struct iocb){.aio_data = 2,
				.aio_lio_opcode = IOCB_CMD_PWRITEV,
				.aio_fildes = (uint32_t)out,
				.aio_buf = (uint64_t)(uintptr_t)wv,
				.aio_nbytes = 2,
				.aio_offset = 8};
	more[2] = (struct iocb){.aio_data = 3,
				.aio_lio_opcode = IOCB_CMD_PREADV,
				.aio_fildes = (uint32_t)fd,
				.aio_buf = (uint64_t)(uintptr_t)rv,
				.aio_nbytes = 2};
	struct iocb *three[3] = {&more[0], &more[1], &more[2]};
	expect("io_submit 3", syscall(SYS_io_submit, ctx, 3, three), 0);
	struct io_event evs[3];
	expect("io_getevents 3", syscall(SYS_io_getevents, ctx, 3, 3, evs, &ts), 0);
	/* nothing to reap: the timeout and the signal mask the kernel read */
	const struct timespec none = {0, 0};
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	const struct {
		const sigset_t *set;
		size_t size;
	} sig = {&mask, 8};
	expect("io_pgetevents", syscall(SYS_io_pgetevents, ctx, 0, 1, ev, &none, &sig), 0);
	/* a request not in flight: its header (key, flags, priority) */
	struct iocb gone = {.aio_data = 5,
			    .aio_key = 7,
			    .aio_rw_flags = RWF_DSYNC,
			    .aio_lio_opcode = IOCB_CMD_FSYNC,
			    .aio_reqprio = (2 << 13) | 4,
			    .aio_fildes = (uint32_t)fd,
			    .aio_flags = IOCB_FLAG_IOPRIO};
	expect("io_cancel EINVAL", syscall(SYS_io_cancel, ctx, &gone, ev), EINVAL);
	expect("io_setup EFAULT", syscall(SYS_io_setup, 1, NULL), EFAULT);
	close(out);
	expect("io_destroy", syscall(SYS_io_destroy, ctx), 0);
	expect("io_destroy EINVAL", syscall(SYS_io_destroy, ctx), EINVAL);
	close(fd);
}

static void keys(void)
{
	/* KEY_SPEC_PROCESS_KEYRING: -2 */
	const long key = syscall(SYS_add_key, "user", "tp_fam_misc", "secret", 6, -2);
	if (key >= 0) {
		char out[16];
		syscall(SYS_keyctl, 11 /* KEYCTL_READ */, key, out, sizeof(out), 0);
		syscall(SYS_keyctl, 3 /* KEYCTL_REVOKE */, key, 0, 0, 0);
	}
	expect("add_key EFAULT", syscall(SYS_add_key, "user", BAD_PTR, "x", 1, -2), EFAULT);
	syscall(SYS_request_key, "user", "tp_fam_misc_absent", "callout", -1);
	expect("request_key EFAULT", syscall(SYS_request_key, BAD_PTR, "d", NULL, 0), EFAULT);
	/* Diffie-Hellman with a KDF: the hash's name and otherinfo behind the
	 * parameters; otherinfo is not read when otherinfolen is 0 */
	const struct keyctl_dh_params dh = {.priv = -2, .prime = -2, .base = -2};
	char secret[32];
	struct keyctl_kdf_params kdf = {
	    .hashname = "sha256", .otherinfo = "\1\2other", .otherinfolen = 7};
	syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, secret, sizeof(secret), &kdf);
	kdf.otherinfolen = 0;
	kdf.__spare[7] = 0xdead;
	syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, secret, sizeof(secret), &kdf);
	syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, secret, sizeof(secret), NULL);
	/* public-key operations: buffers as long as the parameters say */
	struct keyctl_pkey_params pk = {.key_id = -2, .in_len = 5, .out_len = 16};
	char pk_out[16];
	syscall(SYS_keyctl, KEYCTL_PKEY_ENCRYPT, &pk, "enc=pkcs1", "hello", pk_out);
	syscall(SYS_keyctl, KEYCTL_PKEY_SIGN, &pk, "enc=pkcs1 hash=sha256", "hello", pk_out);
	pk.in_len = 3;
	pk.in2_len = 4;
	pk.__spare[0] = 1;
	syscall(SYS_keyctl, KEYCTL_PKEY_VERIFY, &pk, "enc=pkcs1", "abc", "sig!");
	syscall(SYS_keyctl, KEYCTL_PKEY_DECRYPT, NULL, "enc=pkcs1", "abc", pk_out);
	struct keyctl_pkey_query query;
	syscall(SYS_keyctl, KEYCTL_PKEY_QUERY, -2, 0, "enc=pkcs1", &query);
}

static void clock_discipline(void)
{
	struct timex tx;
	memset(&tx, 0, sizeof(tx));
	syscall(SYS_adjtimex, &tx); /* modes 0: read only */
	expect("adjtimex EFAULT", syscall(SYS_adjtimex, BAD_PTR), EFAULT);
	memset(&tx, 0, sizeof(tx));
	syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
	expect("clock_adjtime EINVAL", syscall(SYS_clock_adjtime, 123, &tx), EINVAL);
}

static void perf(void)
{
	struct perf_event_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_TASK_CLOCK;
	attr.disabled = 1;
	attr.exclude_kernel = 1;
	const long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd >= 0)
		close((int)fd);
	expect("perf_event_open EFAULT", syscall(SYS_perf_event_open, BAD_PTR, 0, -1, -1, 0),
	       EFAULT);
	/* a cache event by its three parts; a breakpoint; a frequency and a
	 * clock; none the kernel takes from a bad group descriptor (EBADF) */
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HW_CACHE;
	attr.size = PERF_ATTR_SIZE_VER5;
	attr.config = PERF_COUNT_HW_CACHE_L1D | PERF_COUNT_HW_CACHE_OP_WRITE << 8 |
		      PERF_COUNT_HW_CACHE_RESULT_MISS << 16 | 0x7ull << 32;
	attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_BRANCH_STACK | PERF_SAMPLE_STACK_USER;
	attr.branch_sample_type = PERF_SAMPLE_BRANCH_ANY | PERF_SAMPLE_BRANCH_USER;
	attr.sample_stack_user = 4096;
	attr.freq = 1;
	attr.sample_freq = 4000;
	attr.precise_ip = 2;
	attr.use_clockid = 1;
	attr.clockid = CLOCK_MONOTONIC;
	expect("perf_event_open cache", syscall(SYS_perf_event_open, &attr, 0, -1, 1000, 0), EBADF);
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_BREAKPOINT;
	attr.size = sizeof(attr);
	attr.bp_type = HW_BREAKPOINT_W;
	attr.bp_addr = 0x1000;
	attr.bp_len = HW_BREAKPOINT_LEN_4;
	attr.watermark = 1;
	attr.wakeup_watermark = 7;
	expect("perf_event_open breakpoint", syscall(SYS_perf_event_open, &attr, 0, -1, 1000, 0),
	       EBADF);
	attr.bp_type = HW_BREAKPOINT_R | HW_BREAKPOINT_X; /* no such combination */
	expect("perf_event_open bad breakpoint",
	       syscall(SYS_perf_event_open, &attr, 0, -1, 1000, 0), EBADF);
	/* a bigger struct than the kernel's with a byte set past it: E2BIG,
	 * and the size it knows written back */
	struct {
		struct perf_event_attr attr;
		uint8_t more[64];
	} big;
	memset(&big, 0, sizeof(big));
	big.attr.type = PERF_TYPE_SOFTWARE;
	big.attr.size = sizeof(big);
	big.more[60] = 1;
	expect("perf_event_open E2BIG", syscall(SYS_perf_event_open, &big, 0, -1, -1, 0), E2BIG);
	/* below the first published size: the address */
	attr.size = 16;
	expect("perf_event_open small", syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0), E2BIG);
}

static void seccomp(void)
{
	uint32_t action = SECCOMP_RET_ALLOW;
	expect("seccomp GET_ACTION_AVAIL",
	       syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action), 0);
	action = 0x12345678;
	expect("seccomp GET_ACTION_AVAIL EOPNOTSUPP",
	       syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action), EOPNOTSUPP);
	expect("seccomp EINVAL", syscall(SYS_seccomp, 99, 0, NULL), EINVAL);
	uint16_t sizes[3];
	expect("seccomp GET_NOTIF_SIZES", syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, sizes),
	       0);
	expect("seccomp GET_NOTIF_SIZES EFAULT",
	       syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, BAD_PTR), EFAULT);
}

static void uring(void)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	const long fd = syscall(SYS_io_uring_setup, 4, &p);
	if (fd >= 0)
		close((int)fd);
	expect("io_uring_setup EFAULT", syscall(SYS_io_uring_setup, 4, BAD_PTR), EFAULT);
}

int main(void)
{
	aio();
	keys();
	clock_discipline();
	perf();
	seccomp();
	uring();
	return failures ? 1 : 0;
}
