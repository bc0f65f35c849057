/* tp_fam_bpfcall: the bpf(2) system call with the commands strep decodes,
 * each on a success or a failure path, with attrs of several sizes (shorter
 * than a command's part, longer with bytes that are not zero), a NULL and
 * an unreadable attr and an unknown command, for the differential test
 * against strace. (The family is "bpfcall": thresholds.d/bpf.txt is the
 * bpf recording engine's.)
 *
 * Usage: tp_fam_bpfcall DIR   (DIR is not used: these calls touch no files)
 * Needs CAP_BPF (root) for the map; without it the calls fail with EPERM
 * and the program says so and exits 0, as the comparison still holds.
 * Exit status 0 when every call gave the expected result. */
#include <errno.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tp_expect.h"

#define END_OF(field) (offsetof(union bpf_attr, field) + sizeof(((union bpf_attr *)0)->field))

/* a call that must fail, whichever errno this kernel's checks give first */
static void expect_failure(const char *what, long rc)
{
	if (rc >= 0) {
		fprintf(stderr, "%s: succeeded, expected a failure\n", what);
		failures++;
	}
}

static long sys_bpf(uint64_t cmd, const void *attr, uint64_t size)
{
	return syscall(SYS_bpf, cmd, attr, size);
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	union bpf_attr a;

	/* an array map of four 8-byte values, named */
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 4;
	a.map_flags = BPF_F_RDONLY_PROG;
	strcpy(a.map_name, "tp_map");
	const long map = sys_bpf(BPF_MAP_CREATE, &a, END_OF(map_extra));
	if (map < 0 && errno == EPERM) {
		fprintf(stderr, "tp_fam_bpfcall: no CAP_BPF, the calls fail\n");
		return 0;
	}
	expect("map_create", map, 0);
	/* only the first four fields: the rest reads as zero */
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_HASH;
	a.key_size = 8;
	a.value_size = 16;
	a.max_entries = 2;
	const long hash = sys_bpf(BPF_MAP_CREATE, &a, END_OF(max_entries));
	expect("map_create short", hash, 0);
	/* a name that fills its 16 bytes, cut by the size after 5 of them */
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 4;
	a.max_entries = 1;
	memcpy(a.map_name, "0123456789abcdef", 16);
	const long cut = sys_bpf(BPF_MAP_CREATE, &a, offsetof(union bpf_attr, map_name) + 5);
	expect("map_create cut name", cut, 0);
	a.map_type = 0x7fff;
	a.map_flags = 0x80000000u;
	expect("map_create unknown type", sys_bpf(BPF_MAP_CREATE, &a, END_OF(map_flags)), EINVAL);

	uint32_t key = 1;
	uint64_t value = 0x1122334455667788ull;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)map;
	a.key = ptr(&key);
	a.value = ptr(&value);
	a.flags = BPF_ANY;
	expect("update", sys_bpf(BPF_MAP_UPDATE_ELEM, &a, END_OF(flags)), 0);
	a.flags = BPF_NOEXIST;
	expect("update noexist", sys_bpf(BPF_MAP_UPDATE_ELEM, &a, END_OF(flags)), EEXIST);
	a.flags = 0;
	expect("lookup", sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, END_OF(flags)), 0);
	a.flags = BPF_F_LOCK;
	expect("lookup lock", sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, END_OF(flags)), EINVAL);
	/* the whole union, and a byte past the command's part that is not zero */
	a.flags = 0;
	expect("lookup whole", sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)), 0);
	((unsigned char *)&a)[100] = 0x5a;
	expect("lookup extra", sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)), EINVAL);
	((unsigned char *)&a)[100] = 0;
	key = 99;
	expect("lookup missing", sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, END_OF(value)), ENOENT);

	uint32_t next = 0;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)map;
	a.key = ptr(&key);
	a.next_key = ptr(&next);
	key = 1;
	expect("next_key", sys_bpf(BPF_MAP_GET_NEXT_KEY, &a, END_OF(next_key)), 0);
	a.key = 0;
	expect("first key", sys_bpf(BPF_MAP_GET_NEXT_KEY, &a, END_OF(next_key)), 0);
	a.key = ptr(&key);
	expect("delete array", sys_bpf(BPF_MAP_DELETE_ELEM, &a, END_OF(key)), EINVAL);
	a.map_fd = (uint32_t)-1;
	expect("delete bad fd", sys_bpf(BPF_MAP_DELETE_ELEM, &a, END_OF(key)), EBADF);

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)hash;
	expect("freeze", sys_bpf(BPF_MAP_FREEZE, &a, END_OF(map_fd)), 0);
	a.map_fd = (uint32_t)-1;
	expect("freeze bad fd", sys_bpf(BPF_MAP_FREEZE, &a, END_OF(map_fd)), EBADF);

	/* an info buffer of a descriptor that is none */
	uint8_t info[64];
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = (uint32_t)-1;
	a.info.info_len = sizeof(info);
	a.info.info = ptr(info);
	expect_failure("info bad fd", sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a, END_OF(info.info)));

	memset(&a, 0, sizeof(a));
	a.map_id = 0xfffffff0u;
	expect("map by id", sys_bpf(BPF_MAP_GET_FD_BY_ID, &a, END_OF(map_id)), ENOENT);
	a.prog_id = 0xfffffff0u;
	a.open_flags = BPF_F_RDONLY;
	expect("prog by id", sys_bpf(BPF_PROG_GET_FD_BY_ID, &a, END_OF(open_flags)), EINVAL);

	/* a program without instructions */
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.prog_flags = BPF_F_STRICT_ALIGNMENT;
	strcpy(a.prog_name, "tp_prog");
	expect_failure("prog_load", sys_bpf(BPF_PROG_LOAD, &a, END_OF(prog_name)));
	expect_failure("prog_load short", sys_bpf(BPF_PROG_LOAD, &a, END_OF(license)));
	/* the license and the verifier's log buffer behind the attr: on the
	 * stack, mapped (the bpf engine reads at the exit of a call the kernel
	 * refused before reading them, and cannot fault pages in) */
	char log[64] = "stale log";
	char license[] = "GPL";
	a.license = ptr(license);
	a.log_level = 1;
	a.log_size = sizeof(log);
	a.log_buf = ptr(log);
	expect_failure("prog_load log", sys_bpf(BPF_PROG_LOAD, &a, END_OF(prog_name)));
	a.log_size = 5; /* no NUL within it */
	expect_failure("prog_load log cut", sys_bpf(BPF_PROG_LOAD, &a, END_OF(prog_name)));

	memset(&a, 0, sizeof(a));
	a.bpf_fd = (uint32_t)map;
	expect_failure("obj_get NULL path", sys_bpf(BPF_OBJ_GET, &a, END_OF(file_flags)));

	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)-1;
	a.attach_bpf_fd = (uint32_t)-1;
	a.attach_type = BPF_CGROUP_INET_EGRESS;
	a.attach_flags = BPF_F_ALLOW_MULTI;
	expect("prog_attach", sys_bpf(BPF_PROG_ATTACH, &a, END_OF(attach_flags)), EBADF);
	expect("prog_detach", sys_bpf(BPF_PROG_DETACH, &a, END_OF(attach_type)), EBADF);

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)-1;
	a.test.repeat = 3;
	expect("test_run", sys_bpf(BPF_PROG_TEST_RUN, &a, END_OF(test.duration)), EBADF);

	/* NULL, unreadable, empty and longer than a page */
	expect("NULL attr", sys_bpf(BPF_MAP_CREATE, NULL, sizeof(a)), EFAULT);
	expect("bad attr", sys_bpf(BPF_MAP_LOOKUP_ELEM, (const void *)8, END_OF(flags)), EFAULT);
	expect("zero size", sys_bpf(BPF_MAP_FREEZE, &a, 0), EINVAL);
	expect("unknown cmd", sys_bpf(0xdead, &a, sizeof(a)), EINVAL);

	close((int)cut);
	close((int)hash);
	close((int)map);
	return failures ? 1 : 0;
}
