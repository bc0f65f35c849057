/* Checks the system-call tables (common/syscalls_*.def) against the kernel
 * headers installed on this machine, checks every argument descriptor for
 * consistency, spot-checks strace's classes, and checks the fixed type sizes
 * against the real glibc and kernel types. */
#include "syscall_numbers.h"
#include "syscall_table.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <ucontext.h>
#include <sys/utsname.h>
#include <time.h>
#include <utime.h>

#include <asm/ldt.h>
#include <asm/unistd_64.h>
#include <linux/random.h>
#include <mtd/ubi-user.h>
#include <scsi/sg.h>
#include <linux/tee.h>
#include <linux/keyctl.h>
#include <linux/ioctl.h>
#include <linux/dm-ioctl.h>
#include <linux/aio_abi.h>
#include <linux/blkpg.h>
#include <net/if.h>
#include <linux/hdreg.h>
#include <linux/loop.h>
#include <linux/userfaultfd.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/dqblk_xfs.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/landlock.h>
#include <linux/mount.h>
#include <linux/filter.h>
#include <linux/kexec.h>
#include <linux/openat2.h>
#include <linux/rtc.h>
#include <linux/ptrace.h>
#include <linux/quota.h>
#include <linux/perf_event.h>
#include <linux/rseq.h>
#include <linux/sysctl.h>
#include <linux/sched.h>
/* linux/sched/types.h redefines glibc's struct sched_param. */
#define sched_param linux_sched_param
#include <linux/sched/types.h>
#undef sched_param

#ifndef UNISTD_64_H
#define UNISTD_64_H "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
#endif
#ifndef UNISTD_32_H
#define UNISTD_32_H "/usr/include/x86_64-linux-gnu/asm/unistd_32.h"
#endif

_Static_assert(SC_TEE_MAX_ARG_SIZE == TEE_MAX_ARG_SIZE, "the TEE buffer's most bytes");

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                       \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

/* Where strace names a syscall differently from the kernel's __NR_ macro.
 * With the 6.1 headers and strace 6.1 there is none on x86_64 or i386 (the
 * kernel already says newfstatat, fstatat64, _llseek, _newselect, _sysctl,
 * umount2, pread64 ...); the list stays so that a future header can be
 * reconciled here rather than in the table. */
struct rename {
	const char *arch, *kernel, *strace;
};
static const struct rename renames[] = {
    {NULL, NULL, NULL},
};

/* Numbers newer than the installed 6.1 headers that the tables carry because
 * the running kernel (6.18) has them. */
struct newer {
	unsigned nr;
	const char *name;
};
static const struct newer newer_common[] = {
    {451, "cachestat"},		{452, "fchmodat2"},	   {453, "map_shadow_stack"},
    {454, "futex_wake"},	{455, "futex_wait"},	   {456, "futex_requeue"},
    {457, "statmount"},		{458, "listmount"},	   {459, "lsm_get_self_attr"},
    {460, "lsm_set_self_attr"}, {461, "lsm_list_modules"}, {462, "mseal"},
    {463, "setxattrat"},	{464, "getxattrat"},	   {465, "listxattrat"},
    {466, "removexattrat"},	{467, "open_tree_attr"},   {468, "file_getattr"},
    {469, "file_setattr"},
};
static const struct newer newer_x86_64[] = {
    {335, "uretprobe"},
    {336, "uprobe"},
};

static const char *strace_name(const char *arch, const char *kernel)
{
	for (size_t i = 0; renames[i].arch; i++) {
		if (strcmp(renames[i].arch, arch) == 0 && strcmp(renames[i].kernel, kernel) == 0)
			return renames[i].strace;
	}
	return kernel;
}

static int is_newer(const struct sc_table *t, unsigned nr, const char *name)
{
	for (size_t i = 0; i < sizeof(newer_common) / sizeof(newer_common[0]); i++) {
		if (newer_common[i].nr == nr && strcmp(newer_common[i].name, name) == 0)
			return 1;
	}
	if (t == &sc_table_x86_64) {
		for (size_t i = 0; i < sizeof(newer_x86_64) / sizeof(newer_x86_64[0]); i++) {
			if (newer_x86_64[i].nr == nr && strcmp(newer_x86_64[i].name, name) == 0)
				return 1;
		}
	}
	return 0;
}

#define MAX_NR 1024

/* Reads "#define __NR_name nr" lines; returns how many were found. */
static unsigned read_unistd(const char *path, char *names[MAX_NR])
{
	FILE *f = fopen(path, "r");
	char line[256], name[128];
	unsigned nr, count = 0;

	CHECK(f != NULL, "cannot open %s", path);
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "#define __NR_%127s %u", name, &nr) != 2)
			continue;
		CHECK(nr < MAX_NR, "%s: __NR_%s = %u out of range", path, name, nr);
		if (nr >= MAX_NR)
			continue;
		CHECK(names[nr] == NULL, "%s: number %u defined twice", path, nr);
		free(names[nr]);
		names[nr] = strdup(name);
		count++;
	}
	fclose(f);
	return count;
}

static void check_against_header(const struct sc_table *t, const char *path, unsigned min_count)
{
	char *names[MAX_NR] = {0};
	unsigned count = read_unistd(path, names);

	CHECK(count >= min_count, "%s: only %u syscalls parsed", path, count);
	for (unsigned nr = 0; nr < MAX_NR; nr++) {
		const struct sc_desc *d = sc_lookup(t, nr);
		if (names[nr]) {
			const char *want = strace_name(t->arch_name, names[nr]);
			CHECK(d != NULL, "%s: %u (%s) missing", t->arch_name, nr, want);
			if (d)
				CHECK(strcmp(d->name, want) == 0, "%s: %u is %s, expected %s",
				      t->arch_name, nr, d->name, want);
			CHECK(sc_number(t, want) == (int)nr, "%s: sc_number(%s) != %u",
			      t->arch_name, want, nr);
		} else if (d) {
			CHECK(is_newer(t, nr, d->name), "%s: %u (%s) is not in %s", t->arch_name,
			      nr, d->name, path);
		}
		free(names[nr]);
	}
	/* The newer ones must all be there. */
	for (size_t i = 0; i < sizeof(newer_common) / sizeof(newer_common[0]); i++) {
		const struct sc_desc *d = sc_lookup(t, newer_common[i].nr);
		CHECK(d && strcmp(d->name, newer_common[i].name) == 0, "%s: %u should be %s",
		      t->arch_name, newer_common[i].nr, newer_common[i].name);
	}
	if (t == &sc_table_x86_64) {
		for (size_t i = 0; i < sizeof(newer_x86_64) / sizeof(newer_x86_64[0]); i++) {
			const struct sc_desc *d = sc_lookup(t, newer_x86_64[i].nr);
			CHECK(d && strcmp(d->name, newer_x86_64[i].name) == 0,
			      "x86_64: %u should be %s", newer_x86_64[i].nr, newer_x86_64[i].name);
		}
	}
}

static int is_pointer_kind(unsigned kind)
{
	switch (kind) {
	case SC_ARG_PATH:
	case SC_ARG_STR:
	case SC_ARG_STRVEC:
	case SC_ARG_BUF:
	case SC_ARG_STRUCT:
	case SC_ARG_ARRAY:
	case SC_ARG_IOVEC:
	case SC_ARG_SOCKADDR:
	case SC_ARG_MSGHDR:
	case SC_ARG_MMSGHDR:
	case SC_ARG_SIGFRAME: /* memory at the stack pointer */
	case SC_ARG_SIGSET:
		return 1;
	default:
		return 0;
	}
}

/* Flags and named values: SC_LEN_WHOLE gives their width. */
static bool is_xlat_kind(uint8_t kind)
{
	return kind == SC_ARG_FLAGS || kind == SC_ARG_ENUM;
}

static int needs_len(unsigned kind)
{
	return kind == SC_ARG_BUF || kind == SC_ARG_ARRAY || kind == SC_ARG_IOVEC ||
	       kind == SC_ARG_SOCKADDR || kind == SC_ARG_SIGSET || kind == SC_ARG_MMSGHDR;
}

static const char *const life_names[] = {"fork",   "vfork",    "clone", "clone3",
					 "execve", "execveat", "exit",	"exit_group"};

static int is_life_name(const char *name)
{
	for (size_t i = 0; i < sizeof(life_names) / sizeof(life_names[0]); i++) {
		if (strcmp(life_names[i], name) == 0)
			return 1;
	}
	return 0;
}

/* A socklen_t or int that a length pointer argument may point to. */
static int is_len_cell(const struct sc_arg *a)
{
	return a->kind == SC_ARG_STRUCT && (a->dir & SC_DIR_IN) &&
	       (a->type == SC_T_SOCKLEN || a->type == SC_T_INT || a->type == SC_T_U32);
}

static unsigned check_table(const struct sc_table *t)
{
	const uint32_t all_classes = (SC_CLASS_LAST << 1) - 1;
	unsigned n = 0;

	CHECK(sc_table_for_arch(t->audit_arch) == t, "sc_table_for_arch(%s)", t->arch_name);
	CHECK(sc_lookup(t, t->count) == NULL, "%s: lookup past the end", t->arch_name);
	CHECK(sc_lookup(t, UINT64_MAX) == NULL, "%s: lookup of ~0", t->arch_name);
	CHECK(sc_number(t, "no_such_syscall") == -1, "%s: sc_number of a bogus name", t->arch_name);

	for (unsigned nr = 0; nr < t->count; nr++) {
		const struct sc_desc *d = &t->descs[nr];
		if (!d->name) {
			CHECK(sc_lookup(t, nr) == NULL, "%s: %u unassigned but found", t->arch_name,
			      nr);
			continue;
		}
		n++;
		CHECK(sc_lookup(t, nr) == d, "%s: lookup %u", t->arch_name, nr);
		CHECK(d->name[0] != '\0', "%s: %u has an empty name", t->arch_name, nr);
		for (const char *p = d->name; *p; p++)
			CHECK(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_',
			      "%s: %u: bad name %s", t->arch_name, nr, d->name);
		CHECK(sc_number(t, d->name) == (int)nr,
		      "%s: %s appears twice (first at %d, again at %u)", t->arch_name, d->name,
		      sc_number(t, d->name), nr);
		CHECK((d->classes & ~all_classes) == 0, "%s: %s: unknown class bits %#x",
		      t->arch_name, d->name, d->classes);
		CHECK(!!(d->classes & SC_CLASS_LIFECYCLE) == is_life_name(d->name),
		      "%s: %s: lifecycle class wrong", t->arch_name, d->name);
		CHECK(!!(d->classes & SC_CLASS_SECCOMP) ==
			  (strcmp(d->name, "seccomp") == 0 || strcmp(d->name, "prctl") == 0),
		      "%s: %s: seccomp class wrong", t->arch_name, d->name);
		/* the recorder tells the two apart by their first argument's set */
		CHECK(!(d->classes & SC_CLASS_SECCOMP) || (d->args[0].kind == SC_ARG_ENUM &&
							   (d->args[0].type == SC_X_SECCOMP_OP ||
							    d->args[0].type == SC_X_PRCTL_OPTION)),
		      "%s: %s: seccomp class without a seccomp or prctl operation", t->arch_name,
		      d->name);
		/* a new descriptor comes from %desc or %network calls */
		CHECK(!(d->classes & (SC_CLASS_RET_FD | SC_CLASS_OUT_FDS)) ||
			  (d->classes & (SC_CLASS_DESC | SC_CLASS_NETWORK)),
		      "%s: %s returns descriptors but is neither desc nor network", t->arch_name,
		      d->name);
		CHECK(!(d->classes & SC_CLASS_OUT_FDS) ||
			  (d->nargs >= 1 &&
			   (d->args[0].type == SC_T_INT_PAIR || d->args[3].type == SC_T_INT_PAIR)),
		      "%s: %s: descriptor pair without an int[2] output", t->arch_name, d->name);
		CHECK(d->nargs <= 6, "%s: %s: nargs %u", t->arch_name, d->name, d->nargs);
		/* data moves through at most one descriptor each way, between it
		 * and the call's data argument if it has one: into memory the
		 * kernel writes (read), out of memory it reads (write) */
		const int src = sc_data_fd_arg(d, SC_T_DATA_SOURCE);
		const int sink = sc_data_fd_arg(d, SC_T_DATA_SINK);
		const int data = sc_data_arg(d);
		unsigned data_fds = 0;
		for (unsigned i = 0; i < d->nargs; i++)
			data_fds +=
			    d->args[i].kind == SC_ARG_FD && (d->args[i].type == SC_T_DATA_SOURCE ||
							     d->args[i].type == SC_T_DATA_SINK);
		CHECK(data_fds == (unsigned)(src >= 0) + (unsigned)(sink >= 0),
		      "%s: %s: two descriptors for one direction", t->arch_name, d->name);
		CHECK(data < 0 || (src < 0) != (sink < 0) || (src < 0 && sink < 0),
		      "%s: %s: a buffer moved both ways", t->arch_name, d->name);
		if (data >= 0 && (src >= 0 || sink >= 0))
			CHECK((src >= 0) == ((d->args[data].dir & SC_DIR_OUT) != 0),
			      "%s: %s: data direction %u against its descriptor", t->arch_name,
			      d->name, d->args[data].dir);
		CHECK(!(d->classes & SC_CLASS_RET_FD_CLOEXEC) || (d->classes & SC_CLASS_RET_FD),
		      "%s: %s: close-on-exec without a new descriptor", t->arch_name, d->name);
		/* the recorder names other descriptors from received messages,
		 * clone_args' pidfd, or another process's descriptor argument */
		bool names_others = false;
		for (unsigned i = 0; i < d->nargs; i++) {
			const struct sc_arg *a = &d->args[i];
			names_others |= ((a->kind == SC_ARG_MSGHDR || a->kind == SC_ARG_MMSGHDR) &&
					 a->dir == SC_DIR_INOUT) ||
					(a->kind == SC_ARG_STRUCT && a->type == SC_T_CLONE_ARGS) ||
					(a->kind == SC_ARG_FD && a->type == SC_T_PIDFD_TARGET_FD);
		}
		/* or a conditional rule's new descriptor (clone's CLONE_PIDFD) */
		for (unsigned k = 0; k < t->nconds; k++)
			names_others |= t->conds[k].nr == nr &&
					t->conds[k].arg.kind == SC_ARG_STRUCT &&
					t->conds[k].arg.type == SC_T_NEW_FD;
		/* and only there: the recorder names it only in those calls */
		for (unsigned k = 0; k < t->nconds; k++)
			CHECK(t->conds[k].nr != nr || t->conds[k].arg.type != SC_T_NEW_FD ||
				  (d->classes & SC_CLASS_OTHER_FDS),
			      "%s: %s: a new descriptor in a rule, but not OTHER_FDS", t->arch_name,
			      d->name);
		/* the calls after which a socket's endpoints are recorded (the
		 * sends: a netlink socket's port id comes with the first) */
		static const char *const socket_ends[] = {
		    "socket",	  "connect", "bind",	"accept",   "accept4",
		    "socketpair", "sendto",  "sendmsg", "sendmmsg", NULL};
		bool ends = false;
		for (unsigned k = 0; socket_ends[k]; k++)
			ends |= strcmp(d->name, socket_ends[k]) == 0;
		CHECK(!!(d->classes & SC_CLASS_SOCKET_ENDS) == ends, "%s: %s: socket class wrong",
		      t->arch_name, d->name);
		/* those that make sockets say where they put them */
		CHECK(!ends || strncmp(d->name, "socket", 6) != 0 ||
			  (d->classes & (SC_CLASS_RET_FD | SC_CLASS_OUT_FDS)),
		      "%s: %s: makes sockets but returns no descriptor", t->arch_name, d->name);
		CHECK(!ends || strncmp(d->name, "accept", 6) != 0 || (d->classes & SC_CLASS_RET_FD),
		      "%s: %s: makes a socket but returns no descriptor", t->arch_name, d->name);
		if (d->classes & SC_CLASS_OTHER_FDS)
			CHECK(names_others, "%s: %s: OTHER_FDS without an argument naming any",
			      t->arch_name, d->name);

		for (unsigned i = 0; i < 6; i++) {
			const struct sc_arg *a = &d->args[i];
			if (i >= d->nargs) {
				CHECK(a->kind == SC_ARG_NONE && a->dir == 0 && a->type == 0 &&
					  a->len == 0,
				      "%s: %s: argument %u beyond nargs %u", t->arch_name, d->name,
				      i, d->nargs);
				continue;
			}
			CHECK(a->kind > SC_ARG_NONE && a->kind < SC_ARG_KIND_COUNT,
			      "%s: %s: arg %u: kind %u", t->arch_name, d->name, i, a->kind);
			CHECK(a->dir <= SC_DIR_INOUT, "%s: %s: arg %u: dir %u", t->arch_name,
			      d->name, i, a->dir);
			if (is_pointer_kind(a->kind))
				CHECK(a->dir != SC_DIR_NONE,
				      "%s: %s: arg %u: pointer without a direction", t->arch_name,
				      d->name, i);
			else
				CHECK(a->dir == SC_DIR_NONE,
				      "%s: %s: arg %u: scalar with a direction", t->arch_name,
				      d->name, i);
			if (a->kind == SC_ARG_PATH || a->kind == SC_ARG_STR ||
			    a->kind == SC_ARG_STRVEC)
				CHECK(a->dir == SC_DIR_IN, "%s: %s: arg %u: string not IN",
				      t->arch_name, d->name, i);

			if (a->kind == SC_ARG_FLAGS || a->kind == SC_ARG_ENUM) {
				CHECK(a->type != SC_X_NONE && a->type < SC_X_COUNT,
				      "%s: %s: arg %u: flags/enum without a set", t->arch_name,
				      d->name, i);
			} else if (a->kind == SC_ARG_STRUCT || a->kind == SC_ARG_ARRAY ||
				   a->kind == SC_ARG_IOVEC || a->kind == SC_ARG_MSGHDR ||
				   a->kind == SC_ARG_MMSGHDR) {
				CHECK(a->type != SC_T_NONE && a->type < SC_T_COUNT &&
					  sc_type_size(a->type) > 0,
				      "%s: %s: arg %u: no sized type", t->arch_name, d->name, i);
			} else if (a->kind == SC_ARG_FD && a->type != 0) {
				/* a descriptor of the process the pidfd in argument len
				 * names, one data moves through, or a filesystem context */
				CHECK((a->type == SC_T_PIDFD_TARGET_FD && a->len <= SC_LEN_ARG5 &&
				       d->args[a->len].kind == SC_ARG_FD) ||
					  a->type == SC_T_DATA_SOURCE ||
					  a->type == SC_T_DATA_SINK || a->type == SC_T_FS_CONTEXT,
				      "%s: %s: arg %u: descriptor type %u", t->arch_name, d->name,
				      i, a->type);
			} else if (a->kind == SC_ARG_PID) {
				/* which id it is, for --pidns-translation */
				CHECK(a->type <= SC_PID_TGID_PGID, "%s: %s: arg %u: pid type %u",
				      t->arch_name, d->name, i, a->type);
			} else if (a->kind == SC_ARG_BUF && a->type != 0) {
				/* The one marker a buffer may carry: read whole. */
				CHECK(a->type == SC_T_DIRENTS && a->dir == SC_DIR_OUT &&
					  strstr(d->name, "getdents") == d->name,
				      "%s: %s: arg %u: buffer type %u", t->arch_name, d->name, i,
				      a->type);
			} else if (a->kind == SC_ARG_HEX && a->type != 0) {
				/* the one width a hex number may carry: an int's */
				CHECK(a->type == SC_T_U32, "%s: %s: arg %u: hex type %u",
				      t->arch_name, d->name, i, a->type);
			} else {
				CHECK(a->type == 0, "%s: %s: arg %u: stray type %u", t->arch_name,
				      d->name, i, a->type);
			}
			if (a->kind == SC_ARG_IOVEC)
				CHECK(a->type == SC_T_IOVEC, "%s: %s: arg %u", t->arch_name,
				      d->name, i);
			if (a->kind == SC_ARG_MSGHDR)
				CHECK(a->type == SC_T_MSGHDR, "%s: %s: arg %u", t->arch_name,
				      d->name, i);
			if (a->kind == SC_ARG_MMSGHDR)
				CHECK(a->type == SC_T_MMSGHDR, "%s: %s: arg %u", t->arch_name,
				      d->name, i);

			if (needs_len(a->kind)) {
				CHECK(a->len != SC_LEN_NONE, "%s: %s: arg %u: no length source",
				      t->arch_name, d->name, i);
			} else if (a->kind != SC_ARG_BUF &&
				   !(a->kind == SC_ARG_FD && a->type == SC_T_PIDFD_TARGET_FD) &&
				   /* an extensible struct's size: an argument */
				   !(a->kind == SC_ARG_STRUCT && a->len <= SC_LEN_ARG5) &&
				   !(is_xlat_kind(a->kind) && a->len == SC_LEN_WHOLE)) {
				CHECK(a->len == SC_LEN_NONE,
				      "%s: %s: arg %u: stray length source %u", t->arch_name,
				      d->name, i, a->len);
			}
			if (a->len <= SC_LEN_ARG5) {
				CHECK(a->len < d->nargs && a->len != i,
				      "%s: %s: arg %u: length argument %u out of range",
				      t->arch_name, d->name, i, a->len);
				if (a->len < d->nargs)
					CHECK(!is_pointer_kind(d->args[a->len].kind),
					      "%s: %s: arg %u: length argument %u is a pointer",
					      t->arch_name, d->name, i, a->len);
			} else if (a->len == SC_LEN_RET) {
				CHECK(a->dir == SC_DIR_OUT,
				      "%s: %s: arg %u: return-value length on a non-OUT",
				      t->arch_name, d->name, i);
			} else if (a->len >= SC_LEN_PTR_ARG0 && a->len <= SC_LEN_PTR_ARG5) {
				unsigned j = a->len - SC_LEN_PTR_ARG0;
				CHECK(j < d->nargs && j != i && is_len_cell(&d->args[j]),
				      "%s: %s: arg %u: length pointer %u is not a socklen/int",
				      t->arch_name, d->name, i, j);
			} else if (a->len == SC_LEN_IOC_SIZE) {
				CHECK(strcmp(d->name, "ioctl") == 0 && i == 2,
				      "%s: %s: arg %u: _IOC_SIZE length outside ioctl's argument",
				      t->arch_name, d->name, i);
			} else if (a->len == SC_LEN_WHOLE) {
				CHECK(is_xlat_kind(a->kind),
				      "%s: %s: arg %u: a width on an argument without names",
				      t->arch_name, d->name, i);
			} else {
				CHECK(a->len == SC_LEN_NONE, "%s: %s: arg %u: length source %u",
				      t->arch_name, d->name, i, a->len);
			}
		}
	}
	return n;
}

struct class_spot {
	const char *name;
	uint32_t classes;
};

/* strace 6.1's classes (sysent flags), checked with `strace -e trace=%class`. */
static const struct class_spot spots_x86_64[] = {
    {"openat", SC_CLASS_FILE | SC_CLASS_DESC},
    {"read", SC_CLASS_DESC},
    {"newfstatat", SC_CLASS_FILE | SC_CLASS_DESC | SC_CLASS_FSTAT | SC_CLASS_STAT_LIKE},
    {"stat", SC_CLASS_FILE | SC_CLASS_STAT | SC_CLASS_STAT_LIKE},
    {"lstat", SC_CLASS_FILE | SC_CLASS_LSTAT | SC_CLASS_STAT_LIKE},
    {"statx", SC_CLASS_FILE | SC_CLASS_DESC | SC_CLASS_FSTAT | SC_CLASS_STAT_LIKE},
    {"statfs", SC_CLASS_FILE | SC_CLASS_STATFS | SC_CLASS_STATFS_LIKE},
    {"fstatfs", SC_CLASS_DESC | SC_CLASS_FSTATFS | SC_CLASS_STATFS_LIKE},
    {"ustat", SC_CLASS_STATFS_LIKE},
    {"getuid", SC_CLASS_CREDS | SC_CLASS_PURE},
    {"getpid", SC_CLASS_PURE},
    {"clock_gettime", SC_CLASS_CLOCK},
    {"kill", SC_CLASS_SIGNAL | SC_CLASS_PROCESS},
    {"mmap", SC_CLASS_DESC | SC_CLASS_MEMORY},
    {"socket", SC_CLASS_NETWORK},
    {"sendfile", SC_CLASS_DESC | SC_CLASS_NETWORK},
    {"shmat", SC_CLASS_IPC | SC_CLASS_MEMORY},
    {"prctl", SC_CLASS_CREDS},
    {"execve", SC_CLASS_FILE | SC_CLASS_PROCESS | SC_CLASS_LIFECYCLE},
    {"clone3", SC_CLASS_PROCESS | SC_CLASS_LIFECYCLE},
    {"pidfd_send_signal", SC_CLASS_DESC | SC_CLASS_SIGNAL | SC_CLASS_PROCESS},
    {"io_uring_register", SC_CLASS_DESC | SC_CLASS_MEMORY},
    {"futex", 0},
};
static const struct class_spot spots_i386[] = {
    {"waitpid", SC_CLASS_PROCESS},
    {"stat64", SC_CLASS_FILE | SC_CLASS_STAT | SC_CLASS_STAT_LIKE},
    {"fstatat64", SC_CLASS_FILE | SC_CLASS_DESC | SC_CLASS_FSTAT | SC_CLASS_STAT_LIKE},
    {"statfs64", SC_CLASS_FILE | SC_CLASS_STATFS | SC_CLASS_STATFS_LIKE},
    {"getuid32", SC_CLASS_CREDS | SC_CLASS_PURE},
    {"clock_gettime64", SC_CLASS_CLOCK},
    {"mmap2", SC_CLASS_DESC | SC_CLASS_MEMORY},
    {"socketcall", SC_CLASS_DESC},
    {"ipc", SC_CLASS_IPC},
    {"shmat", SC_CLASS_IPC | SC_CLASS_MEMORY},
    {"exit", SC_CLASS_PROCESS | SC_CLASS_LIFECYCLE},
};

static void check_spots(const struct sc_table *t, const struct class_spot *spots, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int nr = sc_number(t, spots[i].name);
		CHECK(nr >= 0, "%s: %s missing", t->arch_name, spots[i].name);
		if (nr >= 0)
			/* strace's classes only (and our lifecycle, in the spots) */
			CHECK((sc_lookup(t, (unsigned)nr)->classes &
			       ~(uint32_t)(SC_CLASSES_RECORDER & ~SC_CLASS_LIFECYCLE)) ==
				  spots[i].classes,
			      "%s: %s classes %#x, strace says %#x", t->arch_name, spots[i].name,
			      sc_lookup(t, (unsigned)nr)->classes, spots[i].classes);
	}
}

static void check_classes(void)
{
	static const struct {
		const char *name;
		uint32_t bit;
	} want[] = {
	    {"file", SC_CLASS_FILE},
	    {"desc", SC_CLASS_DESC},
	    {"process", SC_CLASS_PROCESS},
	    {"network", SC_CLASS_NETWORK},
	    {"net", SC_CLASS_NETWORK},
	    {"signal", SC_CLASS_SIGNAL},
	    {"ipc", SC_CLASS_IPC},
	    {"memory", SC_CLASS_MEMORY},
	    {"stat", SC_CLASS_STAT},
	    {"lstat", SC_CLASS_LSTAT},
	    {"fstat", SC_CLASS_FSTAT},
	    {"%stat", SC_CLASS_STAT_LIKE},
	    {"statfs", SC_CLASS_STATFS},
	    {"fstatfs", SC_CLASS_FSTATFS},
	    {"%statfs", SC_CLASS_STATFS_LIKE},
	    {"creds", SC_CLASS_CREDS},
	    {"clock", SC_CLASS_CLOCK},
	    {"pure", SC_CLASS_PURE},
	};
	unsigned count = 0;
	uint32_t seen = 0;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(sc_class_from_name(want[i].name) == want[i].bit, "class %s -> %#x, want %#x",
		      want[i].name, sc_class_from_name(want[i].name), want[i].bit);
	for (unsigned i = 0; sc_class_names[i]; i++) {
		uint32_t bit = sc_class_from_name(sc_class_names[i]);
		CHECK(bit != 0 && (bit & (bit - 1)) == 0, "class name %s has no single bit",
		      sc_class_names[i]);
		CHECK((seen & bit) == 0, "class name %s repeats a bit", sc_class_names[i]);
		seen |= bit;
		count++;
	}
	CHECK(count == 17, "%u class names", count);
	CHECK(sc_class_from_name("bogus") == 0, "unknown class name");
	CHECK(sc_class_from_name("") == 0, "empty class name");
}

struct size_check {
	enum sc_type_id type;
	size_t want;
	int at_least; /* the kernel's struct grew past the installed headers */
};

static void check_sizes(void)
{
	const struct size_check sizes[] = {
	    {SC_T_INT, sizeof(int), 0},
	    {SC_T_U32, sizeof(uint32_t), 0},
	    {SC_T_U64, sizeof(uint64_t), 0},
	    {SC_T_LONG, sizeof(long), 0},
	    {SC_T_INT_PAIR, 2 * sizeof(int), 0},
	    {SC_T_STAT, sizeof(struct stat), 0},
	    {SC_T_STATX, sizeof(struct statx), 0},
	    {SC_T_STATFS, sizeof(struct statfs), 0},
	    {SC_T_TIMESPEC, sizeof(struct timespec), 0},
	    {SC_T_TIMESPEC_PAIR, 2 * sizeof(struct timespec), 0},
	    /* strace packs if_dqblk: the kernel's without its tail padding */
	    {SC_T_IF_DQBLK, offsetof(struct if_dqblk, dqb_valid) + 4, 0},
	    {SC_T_IF_NEXTDQBLK, sizeof(struct if_nextdqblk), 0},
	    {SC_T_IF_DQINFO, sizeof(struct if_dqinfo), 0},
	    {SC_T_FS_DISK_QUOTA, sizeof(struct fs_disk_quota), 0},
	    {SC_T_FS_QUOTA_STAT, sizeof(struct fs_quota_stat), 0},
	    {SC_T_FS_QUOTA_STATV, sizeof(struct fs_quota_statv), 0},
	    {SC_T_TIMEVAL, sizeof(struct timeval), 0},
	    {SC_T_TIMEVAL_PAIR, 2 * sizeof(struct timeval), 0},
	    {SC_T_TIMEZONE, sizeof(struct timezone), 0},
	    {SC_T_ITIMERVAL, sizeof(struct itimerval), 0},
	    {SC_T_ITIMERSPEC, sizeof(struct itimerspec), 0},
	    {SC_T_TIMEX, sizeof(struct timex), 0},
	    {SC_T_TMS, sizeof(struct tms), 0},
	    {SC_T_UTIMBUF, sizeof(struct utimbuf), 0},
	    {SC_T_RLIMIT, sizeof(struct rlimit), 0},
	    {SC_T_RUSAGE, sizeof(struct rusage), 0},
	    {SC_T_SYSINFO, sizeof(struct sysinfo), 0},
	    {SC_T_UTSNAME, sizeof(struct utsname), 0},
	    /* kernel struct sigaction: handler, flags, restorer, 64-bit mask */
	    {SC_T_SIGACTION, 3 * sizeof(void *) + sizeof(uint64_t), 0},
	    {SC_T_STACK_T, sizeof(stack_t), 0},
	    {SC_T_SIGINFO, sizeof(siginfo_t), 0},
	    {SC_T_SIGEVENT, sizeof(struct sigevent), 0},
	    {SC_T_POLLFD, sizeof(struct pollfd), 0},
	    {SC_T_EPOLL_EVENT, sizeof(struct epoll_event), 0},
	    {SC_T_FD_SET, sizeof(fd_set), 0},
	    {SC_T_IOVEC, sizeof(struct iovec), 0},
	    {SC_T_MSGHDR, sizeof(struct msghdr), 0},
	    {SC_T_MMSGHDR, sizeof(struct mmsghdr), 0},
	    {SC_T_SOCKLEN, sizeof(socklen_t), 0},
	    {SC_T_LINGER, sizeof(struct linger), 0},
	    {SC_T_SCHED_PARAM, sizeof(struct sched_param), 0},
	    {SC_T_SCHED_ATTR, sizeof(struct sched_attr), 0},
	    {SC_T_SCHED_ATTR, SCHED_ATTR_SIZE_VER1, 0},
	    {SC_T_CAP_HEADER, sizeof(struct __user_cap_header_struct), 0},
	    {SC_T_CAP_DATA, 2 * sizeof(struct __user_cap_data_struct), 0},
	    {SC_T_RSEQ, sizeof(struct rseq), 0},
	    {SC_T_ROBUST_LIST_HEAD, sizeof(struct robust_list_head), 0},
	    {SC_T_CLONE_ARGS, CLONE_ARGS_SIZE_VER2, 0},
	    {SC_T_CLONE_ARGS, sizeof(struct clone_args), 0},
	    {SC_T_SYSCTL_ARGS, sizeof(struct __sysctl_args), 0},
	    {SC_T_OPEN_HOW, sizeof(struct open_how), 0},
	    {SC_T_SEMBUF, sizeof(struct sembuf), 0},
	    {SC_T_MQ_ATTR, sizeof(struct mq_attr), 0},
	    {SC_T_SHMID_DS, sizeof(struct shmid_ds), 0},
	    {SC_T_MSQID_DS, sizeof(struct msqid_ds), 0},
	    {SC_T_SEMID_DS, sizeof(struct semid_ds), 0},
	    {SC_T_USER_DESC, sizeof(struct user_desc), 0},
	    {SC_T_FILE_HANDLE, sizeof(struct file_handle), 0},
	    {SC_T_GID, sizeof(gid_t), 0},
	    {SC_T_CPU_SET, sizeof(cpu_set_t), 0},
	    {SC_T_LOFF, sizeof(loff_t), 0},
	    {SC_T_IO_EVENT, sizeof(struct io_event), 0},
	    {SC_T_IOCB, sizeof(struct iocb), 0},
	    {SC_T_IOCB_PTR, sizeof(struct iocb *), 0},
	    {SC_T_MOUNT_ATTR, sizeof(struct mount_attr), 0},
	    {SC_T_MOUNT_ATTR_SIZE, MOUNT_ATTR_SIZE_VER0, 0},
	    {SC_T_LANDLOCK_RULESET_ATTR, sizeof(struct landlock_ruleset_attr), 1},
	    {SC_T_LANDLOCK_PATH_BENEATH, sizeof(struct landlock_path_beneath_attr), 0},
	    {SC_T_PERF_EVENT_ATTR, sizeof(struct perf_event_attr), 1},
	    {SC_T_BPF_ATTR, sizeof(union bpf_attr), 1},
	    {SC_T_IO_URING_PARAMS, sizeof(struct io_uring_params), 0},
	    {SC_T_IO_URING_RESTRICTION, sizeof(struct io_uring_restriction), 0},
	    {SC_T_IO_URING_RSRC_UPDATE, sizeof(struct io_uring_rsrc_update), 0},
	    {SC_T_IO_URING_BUF_REG, sizeof(struct io_uring_buf_reg), 0},
	    {SC_T_FUTEX_WAITV, sizeof(struct futex_waitv), 0},
	    {SC_T_FUTEX_WAITV_PAIR, 2 * sizeof(struct futex_waitv), 0},
	    {SC_T_U16, sizeof(uint16_t), 0},
	    {SC_T_TERMIO, sizeof(struct termio), 0},
	    {SC_T_U64_PAIR, 2 * sizeof(uint64_t), 0},
	    {SC_T_U64_PAIR, sizeof(struct uffdio_range), 0},
	    {SC_T_LOOP_INFO, sizeof(struct loop_info), 0},
	    {SC_T_LOOP_INFO64, sizeof(struct loop_info64), 0},
	    {SC_T_LOOP_CONFIG, sizeof(struct loop_config), 0},
	    {SC_T_BLKPG_ARG, sizeof(struct blkpg_ioctl_arg), 0},
	    {SC_T_BLKPG_PARTITION, sizeof(struct blkpg_partition), 0},
	    {SC_T_IFREQ, sizeof(struct ifreq), 0},
	    {SC_T_IFCONF, sizeof(struct ifconf), 0},
	    {SC_T_RAND_POOL_INFO, sizeof(struct rand_pool_info), 0},
	    {SC_T_UBI_RNVOL_REQ, sizeof(struct ubi_rnvol_req), 0},
	    {SC_T_SG_SCSI_ID, sizeof(struct sg_scsi_id), 0},
	    {SC_T_SG_REQ_INFO, sizeof(struct sg_req_info), 0},
	    {SC_T_TEE_BUF_DATA, sizeof(struct tee_ioctl_buf_data), 0},
	    {SC_T_KEYCTL_KDF_PARAMS, sizeof(struct keyctl_kdf_params), 0},
	    {SC_T_DM_IOCTL, sizeof(struct dm_ioctl), 0},
	    {SC_T_BPF_PROG_LOAD_ATTR, offsetof(union bpf_attr, prog_flags) + 4, 0},
	    {SC_T_KEYCTL_PKEY_PARAMS, sizeof(struct keyctl_pkey_params), 0},
	    {SC_T_KEYCTL_PKEY_QUERY, sizeof(struct keyctl_pkey_query), 0},
	    {SC_T_U32_TRIPLE, 3 * sizeof(uint32_t), 0},
	    {SC_T_HD_GEOMETRY, sizeof(struct hd_geometry), 0},
	    {SC_T_PEEKSIGINFO_ARGS, sizeof(struct ptrace_peeksiginfo_args), 0},
	    {SC_T_USER_REGS, sizeof(struct user_regs_struct), 0},
	    {SC_T_USER_FPREGS, sizeof(struct user_fpregs_struct), 0},
	    {SC_T_REGSET_IN, sizeof(struct iovec), 0},
	    {SC_T_REGSET_OUT, sizeof(struct iovec), 0},
	    {SC_T_SOCK_FPROG, sizeof(struct sock_fprog), 0},
	    {SC_T_SOCK_FILTER, sizeof(struct sock_filter), 0},
	    {SC_T_KEXEC_SEGMENT, sizeof(struct kexec_segment), 0},
	    {SC_T_RTC_PARAM, sizeof(struct rtc_param), 0},
	    /* Not in the 6.1 headers; sizes from the current uapi definitions:
	     * cachestat_range {u64 off, len}; cachestat {5 x u64};
	     * lsm_ctx {u64 id, flags, len, ctx_len; u8 ctx[]};
	     * mnt_id_req {u32 size, spare; u64 mnt_id, param, mnt_ns_id} (VER1);
	     * xattr_args {u64 value; u32 size, flags};
	     * file_attr {u64 fa_xflags; u32 extsize, nextents, projid, cowextsize};
	     * landlock_ruleset_attr {u64 fs, net, scoped}. */
	    {SC_T_CACHESTAT_RANGE, 16, 0},
	    {SC_T_CACHESTAT, 40, 0},
	    {SC_T_LSM_CTX, 32, 0},
	    {SC_T_MNT_ID_REQ, 32, 0},
	    {SC_T_XATTR_ARGS, 16, 0},
	    {SC_T_FILE_ATTR, 24, 0},
	    {SC_T_LANDLOCK_RULESET_ATTR, 24, 0},
	};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t have = sc_type_size(sizes[i].type);
		if (sizes[i].at_least)
			CHECK(have >= sizes[i].want, "type %s: %zu < %zu",
			      sc_type_name(sizes[i].type), have, sizes[i].want);
		else
			CHECK(have == sizes[i].want, "type %s: %zu != %zu",
			      sc_type_name(sizes[i].type), have, sizes[i].want);
	}
	CHECK(sc_type_size(SC_T_NONE) == 0, "NONE has a size");
	for (unsigned t = 1; t < SC_T_COUNT; t++)
		CHECK(sc_type_size(t) > 0 || t == SC_T_DIRENTS || t == SC_T_PIDFD_TARGET_FD ||
			  t == SC_T_DATA_SOURCE || t == SC_T_DATA_SINK || t == SC_T_FS_CONTEXT,
		      "type %s has no size", sc_type_name(t));
	for (unsigned x = 0; x < SC_X_COUNT; x++)
		CHECK(sc_xlat_name(x) && sc_xlat_name(x)[0], "set %u has no name", x);
}

/* The areas structs point at: where the headers put the pointer and the
 * length. */
static void check_pointees(void)
{
	const struct {
		enum sc_type_id type;
		size_t ptr_off, len_off, len_size, unit;
	} want[] = {
	    {SC_T_REGSET_IN, offsetof(struct iovec, iov_base), offsetof(struct iovec, iov_len),
	     sizeof(((struct iovec *)0)->iov_len), 1},
	    {SC_T_REGSET_OUT, offsetof(struct iovec, iov_base), offsetof(struct iovec, iov_len),
	     sizeof(((struct iovec *)0)->iov_len), 1},
	    {SC_T_SOCK_FPROG, offsetof(struct sock_fprog, filter), offsetof(struct sock_fprog, len),
	     sizeof(((struct sock_fprog *)0)->len), sizeof(struct sock_filter)},
	    {SC_T_CLONE_ARGS, offsetof(struct clone_args, set_tid),
	     offsetof(struct clone_args, set_tid_size),
	     sizeof(((struct clone_args *)0)->set_tid_size), sizeof(pid_t)},
	    /* one whole partition, no length */
	    {SC_T_BLKPG_ARG, offsetof(struct blkpg_ioctl_arg, data), 0, 0,
	     sizeof(struct blkpg_partition)},
	    {SC_T_IFCONF, offsetof(struct ifconf, ifc_buf), offsetof(struct ifconf, ifc_len),
	     sizeof(((struct ifconf *)0)->ifc_len), 1},
	    /* the bytes after the header */
	    {SC_T_RAND_POOL_INFO, SC_POINTEE_TAIL, offsetof(struct rand_pool_info, buf_size),
	     sizeof(((struct rand_pool_info *)0)->buf_size), 1},
	    {SC_T_TEE_BUF_DATA, offsetof(struct tee_ioctl_buf_data, buf_ptr),
	     offsetof(struct tee_ioctl_buf_data, buf_len),
	     sizeof(((struct tee_ioctl_buf_data *)0)->buf_len), 1},
	    {SC_T_KEYCTL_KDF_PARAMS, offsetof(struct keyctl_kdf_params, otherinfo),
	     offsetof(struct keyctl_kdf_params, otherinfolen),
	     sizeof(((struct keyctl_kdf_params *)0)->otherinfolen), 1},
	    {SC_T_DM_IOCTL, SC_POINTEE_SELF, offsetof(struct dm_ioctl, data_size),
	     sizeof(((struct dm_ioctl *)0)->data_size), 1},
	    {SC_T_BPF_PROG_LOAD_ATTR, offsetof(union bpf_attr, log_buf),
	     offsetof(union bpf_attr, log_size), sizeof(((union bpf_attr *)0)->log_size), 1},
	};
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		const struct sc_pointee *const p = sc_type_pointee(want[k].type);
		CHECK(p && p->ptr_off == want[k].ptr_off && p->len_off == want[k].len_off &&
			  p->len_size == want[k].len_size && p->unit == want[k].unit && p->stops &&
			  p->cap > 0,
		      "pointee of %s", sc_type_name(want[k].type));
	}
	/* the strings pointees name: the KDF's hash name, BPF_PROG_LOAD's license */
	const struct sc_pointee *const kdf = sc_type_pointee(SC_T_KEYCTL_KDF_PARAMS);
	CHECK(kdf && kdf->str_off == offsetof(struct keyctl_kdf_params, hashname) &&
		  kdf->str_stops == SC_STOP_ENTRY,
	      "the KDF's hash name");
	const struct sc_pointee *const prog = sc_type_pointee(SC_T_BPF_PROG_LOAD_ATTR);
	CHECK(prog && prog->str_off == offsetof(union bpf_attr, license) &&
		  prog->str_stops == SC_STOP_ENTRY,
	      "BPF_PROG_LOAD's license");
	unsigned n = 0, strings = 0;
	for (unsigned t = 0; t < SC_T_COUNT; t++) {
		const struct sc_pointee *const p = sc_type_pointee((enum sc_type_id)t);
		n += p != NULL;
		strings += p && p->str_stops;
	}
	CHECK(strings == 2, "%u pointees name a string", strings);
	CHECK(n == sizeof(want) / sizeof(want[0]), "%u types have pointees", n);
}

/* The struct offsets decoders and the recorder use are the headers'. */
static void check_struct_offsets(void)
{
	typedef struct dirent64 dirent64;
	typedef struct stat stat;
	typedef struct statx statx;
	typedef struct user_fpregs_struct user_fpregs_struct;
	typedef struct user_regs_struct user_regs_struct;
	typedef struct ptrace_syscall_info ptrace_syscall_info;
#define CHECK_OFFSET_(type, field, off)                                                            \
	CHECK(offsetof(type, field) == (off), "offsetof(%s, %s) is %zu, the table says %d", #type, \
	      #field, offsetof(type, field), (off));
	SC_STRUCT_OFFSETS(CHECK_OFFSET_)
#undef CHECK_OFFSET_
}

static void check_specific(void)
{
	const struct sc_table *t = &sc_table_x86_64;
	const struct sc_desc *d;

	CHECK(sc_number(t, "openat") == 257, "openat is %d", sc_number(t, "openat"));
	CHECK(sc_number(t, "openat") == __NR_openat, "openat vs __NR_openat");
	d = sc_lookup(t, 257);
	CHECK(d && d->args[1].kind == SC_ARG_PATH, "openat path");
	CHECK(d && d->args[0].kind == SC_ARG_DIRFD, "openat dirfd");
	CHECK(sc_number(t, "newfstatat") == __NR_newfstatat, "newfstatat");
	CHECK(sc_number(t, "_sysctl") == 156, "_sysctl");
	CHECK(sc_number(t, "mseal") == 462, "mseal");
	CHECK(sc_number(t, "file_setattr") == 469, "file_setattr");
	CHECK(sc_lookup(t, 400) == NULL, "x86_64 400 is unassigned");

	d = sc_lookup(t, __NR_read);
	CHECK(d && d->args[1].kind == SC_ARG_BUF && d->args[1].dir == SC_DIR_OUT &&
		  d->args[1].len == SC_LEN_RET,
	      "read buffer is OUT by return value");
	d = sc_lookup(t, __NR_write);
	CHECK(d && d->args[1].kind == SC_ARG_BUF && d->args[1].dir == SC_DIR_IN &&
		  d->args[1].len == SC_LEN_ARG(2),
	      "write buffer is IN by arg 2");
	d = sc_lookup(t, __NR_newfstatat);
	CHECK(d && d->args[2].kind == SC_ARG_STRUCT && d->args[2].type == SC_T_STAT &&
		  d->args[2].dir == SC_DIR_OUT,
	      "newfstatat stat OUT");
	d = sc_lookup(t, __NR_accept);
	CHECK(d && d->args[1].kind == SC_ARG_SOCKADDR && d->args[1].len == SC_LEN_PTR_ARG(2) &&
		  d->args[2].type == SC_T_SOCKLEN && d->args[2].dir == SC_DIR_INOUT,
	      "accept sockaddr OUT by socklen pointer");
	d = sc_lookup(t, __NR_rt_sigprocmask);
	CHECK(d && d->args[1].kind == SC_ARG_SIGSET && d->args[1].len == SC_LEN_ARG(3),
	      "rt_sigprocmask sigset by arg 3");
	d = sc_lookup(t, __NR_execve);
	CHECK(d && d->args[1].kind == SC_ARG_STRVEC && d->args[2].kind == SC_ARG_STRVEC,
	      "execve argv");

	/* the generated numbers are the kernel's */
	CHECK(SC_NR_openat == __NR_openat && SC_NR_recvmmsg == __NR_recvmmsg &&
		  SC_NR_close_range == __NR_close_range && SC_NR32_openat == 295,
	      "SC_NR_ constants");
	/* facts the decoders and tools derive from the rows */
	d = sc_lookup(t, __NR_sendfile);
	CHECK(sc_data_fd_arg(d, SC_T_DATA_SOURCE) == 1 && sc_data_fd_arg(d, SC_T_DATA_SINK) == 0 &&
		  sc_data_arg(d) < 0,
	      "sendfile reads arg 1, writes arg 0, through no buffer");
	d = sc_lookup(t, __NR_recvmsg);
	CHECK(sc_data_fd_arg(d, SC_T_DATA_SOURCE) == 0 && sc_data_arg(d) == 1, "recvmsg");
	d = sc_lookup(t, __NR_getdents64);
	CHECK(sc_data_fd_arg(d, SC_T_DATA_SOURCE) < 0,
	      "getdents64 moves no data (strace dumps none)");
	CHECK(sc_lookup(t, __NR_getppid)->rval == SC_RV_PID &&
		  sc_lookup(t, __NR_clone3)->rval == SC_RV_PID_TID &&
		  sc_rval_pid_type(sc_lookup(t, __NR_getsid)->rval) == SC_PID_SID &&
		  sc_lookup(t, __NR_getuid)->rval == SC_RV_DEC,
	      "process ids returned");
	CHECK(sc_strvec_arg(sc_lookup(t, __NR_execveat)) == 2, "execveat argv");
	CHECK((sc_lookup(t, __NR_pidfd_open)->classes & SC_CLASS_RET_FD_CLOEXEC) &&
		  !(sc_lookup(t, __NR_openat)->classes & SC_CLASS_RET_FD_CLOEXEC),
	      "pidfds are close-on-exec");

	/* No x86_64-sized struct is captured for an i386 call unless the layout
	 * is the same on both. */
	t = &sc_table_i386;
	CHECK(sc_number(t, "openat") == 295, "i386 openat");
	CHECK(sc_number(t, "_llseek") == 140, "i386 _llseek");
	CHECK(sc_number(t, "mmap2") == 192, "i386 mmap2");
	CHECK(sc_number(t, "socketcall") == 102, "i386 socketcall");
	for (unsigned nr = 0; nr < t->count; nr++) {
		d = sc_lookup(t, nr);
		if (!d)
			continue;
		for (unsigned i = 0; i < d->nargs; i++) {
			const struct sc_arg *a = &d->args[i];
			CHECK(a->kind != SC_ARG_IOVEC && a->kind != SC_ARG_MSGHDR &&
				  a->kind != SC_ARG_MMSGHDR && a->kind != SC_ARG_STRVEC,
			      "i386 %s arg %u has a 64-bit pointer layout", d->name, i);
			if (a->kind == SC_ARG_STRUCT || a->kind == SC_ARG_ARRAY)
				CHECK(a->type != SC_T_STAT && a->type != SC_T_STATFS &&
					  a->type != SC_T_TIMEVAL && a->type != SC_T_RUSAGE &&
					  a->type != SC_T_SIGACTION && a->type != SC_T_SIGINFO &&
					  a->type != SC_T_IOVEC && a->type != SC_T_LONG &&
					  a->type != SC_T_U64 && a->type != SC_T_STACK_T &&
					  a->type != SC_T_SYSINFO && a->type != SC_T_TMS,
				      "i386 %s arg %u uses x86_64 type %s", d->name, i,
				      sc_type_name(a->type));
		}
	}
	d = sc_lookup(t, sc_number(t, "clock_gettime"));
	CHECK(d && d->args[1].kind == SC_ARG_PTR, "i386 clock_gettime has a 32-bit timespec");
	d = sc_lookup(t, sc_number(t, "clock_gettime64"));
	CHECK(d && d->args[1].kind == SC_ARG_STRUCT && d->args[1].type == SC_T_TIMESPEC,
	      "i386 clock_gettime64 has a 64-bit timespec");
}

/* Conditional rules: sorted, in range, naming real syscalls, and applied
 * by sc_arg_effective only when their selector matches. */
static void check_conds(const struct sc_table *t)
{
	for (unsigned k = 0; k < t->nconds; k++) {
		const struct sc_cond *const c = &t->conds[k];
		const struct sc_desc *const d = sc_lookup(t, c->nr);
		CHECK(d != NULL, "%s: cond %u: unknown syscall %u", t->arch_name, k, c->nr);
		if (!d)
			continue;
		CHECK(k == 0 || t->conds[k - 1].nr <= c->nr, "%s: cond %u (%s) out of order",
		      t->arch_name, k, d->name);
		CHECK(c->selector < d->nargs && c->target < d->nargs && c->selector != c->target,
		      "%s: %s: cond %u: bad argument index", t->arch_name, d->name, k);
		CHECK(c->arg.kind != SC_ARG_NONE && c->arg.kind < SC_ARG_KIND_COUNT,
		      "%s: %s: cond %u: no kind", t->arch_name, d->name, k);
		CHECK((c->value & ~c->mask) == 0, "%s: %s: cond %u: value outside mask",
		      t->arch_name, d->name, k);
		/* a second test names another argument, or is none (mask2 0) */
		CHECK((c->value2 & ~c->mask2) == 0 &&
			  (c->mask2 == 0 ? c->selector2 == 0
					 : c->selector2 < d->nargs && c->selector2 != c->selector &&
					       c->selector2 != c->target),
		      "%s: %s: cond %u: bad second test", t->arch_name, d->name, k);
		CHECK(sc_has_conds(t, c->nr), "%s: %s: sc_has_conds", t->arch_name, d->name);
		uint64_t args[6] = {0};
		args[c->selector] = c->value;
		if (c->mask2) {
			/* both tests must hold: either alone is not enough */
			const struct sc_arg first_only =
			    sc_arg_effective(t, c->nr, d, c->target, args);
			CHECK(memcmp(&first_only, &c->arg, sizeof(first_only)) != 0 ||
				  c->value2 == 0,
			      "%s: %s: cond %u applies without its second test", t->arch_name,
			      d->name, k);
			args[c->selector2] = c->value2;
		}
		const struct sc_arg got = sc_arg_effective(t, c->nr, d, c->target, args);
		CHECK(memcmp(&got, &c->arg, sizeof(got)) == 0,
		      "%s: %s: cond %u shadowed by another", t->arch_name, d->name, k);
	}
}

/* Every decoder a row may name is named by one (a decoder no row names is
 * dead code), each row's decoder and return-value style are in range, and
 * the calls whose value is an address print it in hex. */
static void check_decoders(void)
{
	bool named[SC_D_COUNT] = {false};
	const struct sc_table *const tables[] = {&sc_table_x86_64, &sc_table_i386};
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (unsigned nr = 0; nr < tables[t]->count; nr++) {
			const struct sc_desc *const d = &tables[t]->descs[nr];
			if (!d->name)
				continue;
			CHECK(d->decoder < SC_D_COUNT, "%s: decoder %u", d->name, d->decoder);
			CHECK(d->rval < SC_RV_COUNT, "%s: return-value style %u", d->name, d->rval);
			if (d->decoder < SC_D_COUNT)
				named[d->decoder] = true;
		}
	}
	static const char *const decoder_names[] = {
#define DECODER(name) #name,
#include "syscall_decoders.def"
#undef DECODER
	};
	for (unsigned k = 1; k < SC_D_COUNT; k++)
		CHECK(named[k], "decoder %s is named by no row", decoder_names[k]);
	static const char *const hex_calls[] = {"mmap", "brk", "mremap", "shmat"};
	for (size_t k = 0; k < sizeof(hex_calls) / sizeof(hex_calls[0]); k++) {
		const int nr = sc_number(&sc_table_x86_64, hex_calls[k]);
		CHECK(nr >= 0 && sc_lookup(&sc_table_x86_64, (uint64_t)nr)->rval == SC_RV_HEX,
		      "%s returns an address: hex", hex_calls[k]);
	}
}

/* The -y bits on the calls strace shows them for. */
static void check_descriptor_bits(void)
{
	static const char *const ret_fd[] = {
	    "open",   "openat",	 "creat",	  "dup",	  "dup3",
	    "socket", "accept4", "epoll_create1", "memfd_create", "pidfd_open"};
	for (size_t i = 0; i < sizeof(ret_fd) / sizeof(ret_fd[0]); i++) {
		const int nr = sc_number(&sc_table_x86_64, ret_fd[i]);
		CHECK(nr >= 0 &&
			  (sc_lookup(&sc_table_x86_64, (uint64_t)nr)->classes & SC_CLASS_RET_FD),
		      "%s should be marked as returning a descriptor", ret_fd[i]);
	}
	const int read_nr = sc_number(&sc_table_x86_64, "read");
	CHECK(!(sc_lookup(&sc_table_x86_64, (uint64_t)read_nr)->classes & SC_CLASS_RET_FD),
	      "read returns a count, not a descriptor");
	const int pipe_nr = sc_number(&sc_table_x86_64, "pipe2");
	CHECK(sc_lookup(&sc_table_x86_64, (uint64_t)pipe_nr)->classes & SC_CLASS_OUT_FDS,
	      "pipe2 outputs two descriptors");
	/* only rt_sigreturn restores a signal frame */
	for (unsigned nr = 0; nr < sc_table_x86_64.count; nr++) {
		const struct sc_desc *const d = sc_lookup(&sc_table_x86_64, nr);
		const int frame = d && d->nargs == 1 && d->args[0].kind == SC_ARG_SIGFRAME;
		CHECK(!d || frame == (strcmp(d->name, "rt_sigreturn") == 0), "%s: signal frame",
		      d ? d->name : "?");
	}
	const int chdir_nr = sc_number(&sc_table_x86_64, "chdir");
	CHECK(sc_lookup(&sc_table_x86_64, (uint64_t)chdir_nr)->classes & SC_CLASS_SETS_CWD,
	      "chdir changes the working directory");
}

static void check_cond_lookup(void)
{
	const int ioctl_nr = sc_number(&sc_table_x86_64, "ioctl");
	const struct sc_desc *const d = sc_lookup(&sc_table_x86_64, (uint64_t)ioctl_nr);
	uint64_t args[6] = {1, 0x5401 /* TCGETS */, 0x1000, 0, 0, 0};
	struct sc_arg a = sc_arg_effective(&sc_table_x86_64, (uint64_t)ioctl_nr, d, 2, args);
	CHECK(a.kind == SC_ARG_STRUCT && a.type == SC_T_TERMIOS && a.dir == SC_DIR_OUT,
	      "ioctl TCGETS: arg 2 is not struct termios out");
	args[1] = 0x5409; /* TCSBRK: no rule */
	a = sc_arg_effective(&sc_table_x86_64, (uint64_t)ioctl_nr, d, 2, args);
	CHECK(memcmp(&a, &d->args[2], sizeof(a)) == 0, "ioctl TCSBRK: base kind expected");
	CHECK(!sc_has_conds(&sc_table_x86_64, 0), "read has no conditional rules");
}

int main(void)
{
	unsigned n64, n32;

	n64 = check_table(&sc_table_x86_64);
	n32 = check_table(&sc_table_i386);
	check_against_header(&sc_table_x86_64, UNISTD_64_H, 350);
	check_against_header(&sc_table_i386, UNISTD_32_H, 420);
	check_spots(&sc_table_x86_64, spots_x86_64, sizeof(spots_x86_64) / sizeof(spots_x86_64[0]));
	check_spots(&sc_table_i386, spots_i386, sizeof(spots_i386) / sizeof(spots_i386[0]));
	check_classes();
	check_sizes();
	check_specific();
	check_struct_offsets();
	check_pointees();
	check_conds(&sc_table_x86_64);
	check_conds(&sc_table_i386);
	check_cond_lookup();
	check_descriptor_bits();
	check_decoders();
	CHECK(SC_CLONE_THREAD == CLONE_THREAD, "SC_CLONE_THREAD is <sched.h>'s CLONE_THREAD");
	CHECK(sc_clone_makes_thread(CLONE_THREAD | CLONE_VM) && !sc_clone_makes_thread(CLONE_VM),
	      "sc_clone_makes_thread");
	CHECK(sc_table_for_arch(0) == NULL, "unknown arch");

	printf("x86_64: %u syscalls, i386: %u syscalls\n", n64, n32);
	if (failures) {
		fprintf(stderr, "%d failures\n", failures);
		return 1;
	}
	return 0;
}
