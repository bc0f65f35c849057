/* The syscall table: descriptor arrays built from the .def data files. */
#include "syscall_table.h"

#include <assert.h>
#include <linux/bpf.h>
#include <linux/landlock.h>
#include <string.h>

/* Shorthands the .def files are written in. */
#define C_FILE	      SC_CLASS_FILE
#define C_DESC	      SC_CLASS_DESC
#define C_PROCESS     SC_CLASS_PROCESS
#define C_NETWORK     SC_CLASS_NETWORK
#define C_SIGNAL      SC_CLASS_SIGNAL
#define C_IPC	      SC_CLASS_IPC
#define C_MEMORY      SC_CLASS_MEMORY
#define C_STAT	      SC_CLASS_STAT
#define C_LSTAT	      SC_CLASS_LSTAT
#define C_FSTAT	      SC_CLASS_FSTAT
#define C_STAT_LIKE   SC_CLASS_STAT_LIKE
#define C_STATFS      SC_CLASS_STATFS
#define C_FSTATFS     SC_CLASS_FSTATFS
#define C_STATFS_LIKE SC_CLASS_STATFS_LIKE
#define C_CREDS	      SC_CLASS_CREDS
#define C_CLOCK	      SC_CLASS_CLOCK
#define C_PURE	      SC_CLASS_PURE
#define C_LIFE	      SC_CLASS_LIFECYCLE
#define R_FD	      SC_CLASS_RET_FD
#define R_FDS	      SC_CLASS_OUT_FDS
#define R_CWD	      SC_CLASS_SETS_CWD
#define R_OTHER	      SC_CLASS_OTHER_FDS
#define R_SOCK	      SC_CLASS_SOCKET_ENDS
#define R_CLOEXEC     SC_CLASS_RET_FD_CLOEXEC
#define C_SECCOMP     SC_CLASS_SECCOMP
#define R_PGRP	      SC_CLASS_SETS_PGRP
#define R_E2BIG	      SC_CLASS_SIZE_ON_E2BIG
#define C_NONE	      0u

#define ARG_(k, d, t, l)                                                                           \
	{                                                                                          \
		.kind = (k), .dir = (d), .type = (t), .len = (l)                                   \
	}
#define A_INT	ARG_(SC_ARG_INT, 0, 0, SC_LEN_NONE)
#define A_LONG	ARG_(SC_ARG_LONG, 0, 0, SC_LEN_NONE)
#define A_UINT	ARG_(SC_ARG_UINT, 0, 0, SC_LEN_NONE)
#define A_ULONG ARG_(SC_ARG_ULONG, 0, 0, SC_LEN_NONE)
#define A_HEX	ARG_(SC_ARG_HEX, 0, 0, SC_LEN_NONE)
/* an unsigned int strace prints in hex */
#define A_HEX_INT ARG_(SC_ARG_HEX, 0, SC_T_U32, SC_LEN_NONE)
#define A_OCTAL	  ARG_(SC_ARG_OCTAL, 0, 0, SC_LEN_NONE)
#define A_PTR	  ARG_(SC_ARG_PTR, 0, 0, SC_LEN_NONE)
#define A_FD	  ARG_(SC_ARG_FD, 0, 0, SC_LEN_NONE)
/* a descriptor number in the process the pidfd in argument n names */
#define A_FD_OF_PIDFD(n) ARG_(SC_ARG_FD, 0, SC_T_PIDFD_TARGET_FD, SC_LEN_ARG(n))
/* a descriptor the call reads data from / writes data to */
#define A_FD_SOURCE	ARG_(SC_ARG_FD, 0, SC_T_DATA_SOURCE, SC_LEN_NONE)
#define A_FD_FS_CONTEXT ARG_(SC_ARG_FD, 0, SC_T_FS_CONTEXT, SC_LEN_NONE)
#define A_FD_SINK	ARG_(SC_ARG_FD, 0, SC_T_DATA_SINK, SC_LEN_NONE)
#define A_DIRFD		ARG_(SC_ARG_DIRFD, 0, 0, SC_LEN_NONE)
#define A_PID		ARG_(SC_ARG_PID, 0, SC_PID_NONE, SC_LEN_NONE)
#define A_PID_TID	ARG_(SC_ARG_PID, 0, SC_PID_TID, SC_LEN_NONE)
#define A_PID_TGID	ARG_(SC_ARG_PID, 0, SC_PID_TGID, SC_LEN_NONE)
#define A_PID_PGID	ARG_(SC_ARG_PID, 0, SC_PID_PGID, SC_LEN_NONE)
#define A_PID_KILL	ARG_(SC_ARG_PID, 0, SC_PID_TGID_PGID, SC_LEN_NONE)
#define A_SIGNAL	ARG_(SC_ARG_SIGNAL, 0, 0, SC_LEN_NONE)
#define A_FLAGS(x)	ARG_(SC_ARG_FLAGS, 0, SC_X_##x, SC_LEN_NONE)
#define A_ENUM(x)	ARG_(SC_ARG_ENUM, 0, SC_X_##x, SC_LEN_NONE)
/* flags of a kernel_ulong_t argument: all 64 bits (the others are an int's) */
#define A_FLAGS_LONG(x) ARG_(SC_ARG_FLAGS, 0, SC_X_##x, SC_LEN_WHOLE)
#define A_PATH		ARG_(SC_ARG_PATH, SC_DIR_IN, 0, SC_LEN_NONE)
#define A_STR		ARG_(SC_ARG_STR, SC_DIR_IN, 0, SC_LEN_NONE)
#define A_STRVEC	ARG_(SC_ARG_STRVEC, SC_DIR_IN, 0, SC_LEN_NONE)
/* Buffers: IN sized by an argument; OUT sized by the return value; OUT_ARG
 * sized by an argument (the kernel fills it whole on success). */
#define A_BUF_IN(n) ARG_(SC_ARG_BUF, SC_DIR_IN, 0, SC_LEN_ARG(n))
/* read by the kernel and written back: a struct of the size argument n gives */
#define A_BUF_INOUT(n) ARG_(SC_ARG_BUF, SC_DIR_INOUT, 0, SC_LEN_ARG(n))
#define A_BUF_OUT      ARG_(SC_ARG_BUF, SC_DIR_OUT, 0, SC_LEN_RET)
/* Directory entries: the decoder needs them all to count them. */
#define A_DIRENTS_OUT	 ARG_(SC_ARG_BUF, SC_DIR_OUT, SC_T_DIRENTS, SC_LEN_RET)
#define A_BUF_OUT_ARG(n) ARG_(SC_ARG_BUF, SC_DIR_OUT, 0, SC_LEN_ARG(n))
/* sized by the u32 at offset off of the struct argument n points at */
#define A_BUF_IN_FIELD(n, off)                                                                     \
	{                                                                                          \
		.kind = SC_ARG_BUF, .dir = SC_DIR_IN, .len = SC_LEN_PTR_ARG(n), .len_off = (off)   \
	}
#define A_BUF_OUT_FIELD(n, off)                                                                    \
	{                                                                                          \
		.kind = SC_ARG_BUF, .dir = SC_DIR_OUT, .len = SC_LEN_PTR_ARG(n), .len_off = (off)  \
	}
/* An ioctl's argument as its command's _IOC bits describe it: _IOC_SIZE
 * bytes read by the kernel (_IOC_WRITE), written by it (_IOC_READ) or both. */
#define A_IOC_IN	  ARG_(SC_ARG_BUF, SC_DIR_IN, 0, SC_LEN_IOC_SIZE)
#define A_IOC_OUT	  ARG_(SC_ARG_BUF, SC_DIR_OUT, 0, SC_LEN_IOC_SIZE)
#define A_IOC_INOUT	  ARG_(SC_ARG_BUF, SC_DIR_INOUT, 0, SC_LEN_IOC_SIZE)
#define A_STRUCT_IN(t)	  ARG_(SC_ARG_STRUCT, SC_DIR_IN, SC_T_##t, SC_LEN_NONE)
#define A_STRUCT_OUT(t)	  ARG_(SC_ARG_STRUCT, SC_DIR_OUT, SC_T_##t, SC_LEN_NONE)
#define A_STRUCT_INOUT(t) ARG_(SC_ARG_STRUCT, SC_DIR_INOUT, SC_T_##t, SC_LEN_NONE)
/* an extensible struct whose size argument n says how much the kernel
 * reads (clone3): that much, up to SC_EXT_STRUCT_MAX, the bytes past the
 * type's size too */
#define A_STRUCT_IN_SIZED(t, n) ARG_(SC_ARG_STRUCT, SC_DIR_IN, SC_T_##t, SC_LEN_ARG(n))
#define A_ARRAY_IN(t, n)	ARG_(SC_ARG_ARRAY, SC_DIR_IN, SC_T_##t, SC_LEN_ARG(n))
#define A_ARRAY_OUT(t, n)	ARG_(SC_ARG_ARRAY, SC_DIR_OUT, SC_T_##t, SC_LEN_ARG(n))
#define A_ARRAY_OUT_RET(t)	ARG_(SC_ARG_ARRAY, SC_DIR_OUT, SC_T_##t, SC_LEN_RET)
/* as many as the int argument n points to says after the call */
#define A_ARRAY_OUT_PTRLEN(t, n) ARG_(SC_ARG_ARRAY, SC_DIR_OUT, SC_T_##t, SC_LEN_PTR_ARG(n))
#define A_ARRAY_INOUT(t, n)	 ARG_(SC_ARG_ARRAY, SC_DIR_INOUT, SC_T_##t, SC_LEN_ARG(n))
#define A_IOVEC_IN(n)		 ARG_(SC_ARG_IOVEC, SC_DIR_IN, SC_T_IOVEC, SC_LEN_ARG(n))
#define A_IOVEC_OUT(n)		 ARG_(SC_ARG_IOVEC, SC_DIR_OUT, SC_T_IOVEC, SC_LEN_ARG(n))
#define A_SOCKADDR_IN(n)	 ARG_(SC_ARG_SOCKADDR, SC_DIR_IN, 0, SC_LEN_ARG(n))
#define A_SOCKADDR_OUT(n)	 ARG_(SC_ARG_SOCKADDR, SC_DIR_OUT, 0, SC_LEN_PTR_ARG(n))
#define A_MSGHDR_IN		 ARG_(SC_ARG_MSGHDR, SC_DIR_IN, SC_T_MSGHDR, SC_LEN_NONE)
#define A_MSGHDR_OUT		 ARG_(SC_ARG_MSGHDR, SC_DIR_INOUT, SC_T_MSGHDR, SC_LEN_NONE)
#define A_MMSGHDR_IN(n)		 ARG_(SC_ARG_MMSGHDR, SC_DIR_IN, SC_T_MMSGHDR, SC_LEN_ARG(n))
#define A_MMSGHDR_OUT(n)	 ARG_(SC_ARG_MMSGHDR, SC_DIR_INOUT, SC_T_MMSGHDR, SC_LEN_ARG(n))
#define A_SIGSET_IN(n)		 ARG_(SC_ARG_SIGSET, SC_DIR_IN, 0, SC_LEN_ARG(n))
#define A_SIGSET_OUT(n)		 ARG_(SC_ARG_SIGSET, SC_DIR_OUT, 0, SC_LEN_ARG(n))
#define A_SIGFRAME		 ARG_(SC_ARG_SIGFRAME, SC_DIR_IN, 0, SC_LEN_NONE)

/* A row printed by the generic decoder with a decimal return value, and
 * one that names its decoder (SC_D_*) and return-value style (SC_RV_*). */
#define SYSCALL(nr_, name_, classes_, nargs_, ...)                                                 \
	SYSCALL_D(nr_, name_, GENERIC, DEC, classes_, nargs_, __VA_ARGS__)
#define SYSCALL_D(nr_, name_, decoder_, rval_, classes_, nargs_, ...)                              \
	[nr_] = {.name = #name_,                                                                   \
		 .classes = (classes_),                                                            \
		 .decoder = SC_D_##decoder_,                                                       \
		 .rval = SC_RV_##rval_,                                                            \
		 .nargs = (nargs_),                                                                \
		 .args = {__VA_ARGS__}},

static const struct sc_desc descs_x86_64[] = {
#include "syscalls_x86_64.def"
};

static const struct sc_desc descs_i386[] = {
#include "syscalls_i386.def"
};

#define SYSCALL_COND(nr_, selector_, mask_, value_, target_, ...)                                  \
	SYSCALL_COND2(nr_, selector_, mask_, value_, 0, 0, 0, target_, __VA_ARGS__)
#define SYSCALL_COND2(nr_, selector_, mask_, value_, selector2_, mask2_, value2_, target_, ...)    \
	{.nr = (nr_),                                                                              \
	 .selector = (selector_),                                                                  \
	 .target = (target_),                                                                      \
	 .selector2 = (selector2_),                                                                \
	 .mask = (mask_),                                                                          \
	 .value = (value_),                                                                        \
	 .mask2 = (mask2_),                                                                        \
	 .value2 = (value2_),                                                                      \
	 .arg = __VA_ARGS__},

static const struct sc_cond conds_x86_64[] = {
#include "syscall_conds_x86_64.def"
};

const struct sc_table sc_table_x86_64 = {
    .arch_name = "x86_64",
    .audit_arch = SC_AUDIT_ARCH_X86_64,
    .count = sizeof(descs_x86_64) / sizeof(descs_x86_64[0]),
    .descs = descs_x86_64,
    .conds = conds_x86_64,
    .nconds = sizeof(conds_x86_64) / sizeof(conds_x86_64[0]),
};

/* i386 has no conditional rules yet: structs differ there, and the
 * recorder captures none for 32-bit calls. */
const struct sc_table sc_table_i386 = {
    .arch_name = "i386",
    .audit_arch = SC_AUDIT_ARCH_I386,
    .count = sizeof(descs_i386) / sizeof(descs_i386[0]),
    .descs = descs_i386,
    .conds = NULL,
    .nconds = 0,
};

const struct sc_table *sc_table_for_arch(uint32_t audit_arch)
{
	switch (audit_arch) {
	case SC_AUDIT_ARCH_X86_64:
		return &sc_table_x86_64;
	case SC_AUDIT_ARCH_I386:
		return &sc_table_i386;
	default:
		return NULL;
	}
}

const struct sc_table *sc_table_for_machine(const char *machine)
{
	if (machine && strcmp(machine, sc_table_x86_64.arch_name) == 0)
		return &sc_table_x86_64;
	return NULL;
}

const struct sc_desc *sc_lookup(const struct sc_table *table, uint64_t nr)
{
	assert(table);
	if (nr >= table->count || !table->descs[nr].name)
		return NULL;
	return &table->descs[nr];
}

/* The first rule for nr (binary search), or table->nconds. */
static unsigned first_cond(const struct sc_table *table, uint64_t nr)
{
	unsigned lo = 0, hi = table->nconds;
	while (lo < hi) {
		const unsigned mid = lo + (hi - lo) / 2;
		if (table->conds[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int sc_has_conds(const struct sc_table *table, uint64_t nr)
{
	assert(table);
	const unsigned i = first_cond(table, nr);
	return i < table->nconds && table->conds[i].nr == nr;
}

struct sc_arg sc_arg_effective(const struct sc_table *table, uint64_t nr,
			       const struct sc_desc *desc, unsigned i, const uint64_t args[6])
{
	assert(table && desc && i < 6 && args);
	for (unsigned k = first_cond(table, nr); k < table->nconds && table->conds[k].nr == nr;
	     k++) {
		const struct sc_cond *const c = &table->conds[k];
		if (c->target == i && sc_cond_applies(c, args))
			return c->arg;
	}
	return desc->args[i];
}

bool sc_returns_fd(const struct sc_desc *d, const uint64_t args[6])
{
	assert(d && args);
	if (!(d->classes & SC_CLASS_RET_FD))
		return false;
	/* asked for the ABI version, it returns that */
	if (d->decoder == SC_D_landlock_create_ruleset)
		return !(args[2] & LANDLOCK_CREATE_RULESET_VERSION);
	if (d->decoder != SC_D_bpf)
		return true;
	switch (args[0]) {
	case BPF_MAP_CREATE:
	case BPF_PROG_LOAD:
	case BPF_OBJ_GET:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_RAW_TRACEPOINT_OPEN:
	case BPF_BTF_LOAD:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_LINK_CREATE:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_ENABLE_STATS:
	case BPF_ITER_CREATE:
		return true;
	default:
		return false;
	}
}

int sc_number(const struct sc_table *table, const char *name)
{
	assert(table && name);
	for (unsigned nr = 0; nr < table->count; nr++) {
		if (table->descs[nr].name && strcmp(table->descs[nr].name, name) == 0)
			return (int)nr;
	}
	return -1;
}

#define SC_TYPE_SIZE_(name, size) [SC_T_##name] = (size),
static const size_t type_sizes[SC_T_COUNT] = {SC_TYPES(SC_TYPE_SIZE_)};
#define SC_TYPE_NAME_(name, size) [SC_T_##name] = #name,
static const char *const type_names[SC_T_COUNT] = {SC_TYPES(SC_TYPE_NAME_)};
#define SC_XLAT_NAME_(name) [SC_X_##name] = #name,
static const char *const xlat_names[SC_X_COUNT] = {SC_XLATS(SC_XLAT_NAME_)};

int sc_data_fd_arg(const struct sc_desc *d, enum sc_type_id end)
{
	assert(end == SC_T_DATA_SOURCE || end == SC_T_DATA_SINK);
	for (unsigned i = 0; d && i < d->nargs; i++) {
		if (d->args[i].kind == SC_ARG_FD && d->args[i].type == end)
			return (int)i;
	}
	return -1;
}

int sc_data_arg(const struct sc_desc *d)
{
	for (unsigned i = 0; d && i < d->nargs; i++) {
		switch (d->args[i].kind) {
		case SC_ARG_BUF:
		case SC_ARG_IOVEC:
		case SC_ARG_MSGHDR:
		case SC_ARG_MMSGHDR:
			return (int)i;
		default:
			break;
		}
	}
	return -1;
}

int sc_strvec_arg(const struct sc_desc *d)
{
	for (unsigned i = 0; d && i < d->nargs; i++) {
		if (d->args[i].kind == SC_ARG_STRVEC)
			return (int)i;
	}
	return -1;
}

size_t sc_type_size(enum sc_type_id type)
{
	return (unsigned)type < SC_T_COUNT ? type_sizes[type] : 0;
}

const struct sc_pointee *sc_type_pointee(enum sc_type_id type)
{
	/* iovec {iov_base, iov_len}: the register sets strace prints are at
	 * most a user_fpregs_struct; sock_fprog {u16 len, filter}: BPF
	 * instructions; blkpg_ioctl_arg's data: one struct blkpg_partition
	 * whatever its datalen says, as the kernel and strace read it;
	 * clone_args' set_tid: the pids asked for (its outputs, pidfd and
	 * parent_tid, are the recorders' own rule at the exit) */
	static const struct sc_pointee
	    regset_in = {.ptr_off = 0,
			 .len_off = 8,
			 .len_size = 8,
			 .unit = 1,
			 .stops = SC_STOP_ENTRY,
			 .cap = SC_SIZE(USER_FPREGS)},
	    regset_out = {.ptr_off = 0,
			  .len_off = 8,
			  .len_size = 8,
			  .unit = 1,
			  .stops = SC_STOP_EXIT,
			  .cap = SC_SIZE(USER_FPREGS)},
	    fprog = {.ptr_off = 8,
		     .len_off = 0,
		     .len_size = 2,
		     .unit = SC_SIZE(SOCK_FILTER),
		     .stops = SC_STOP_ENTRY,
		     .cap = SC_BPF_MAXINSNS * SC_SIZE(SOCK_FILTER)},
	    set_tid = {.ptr_off = 64, /* clone_args' set_tid */
		       .len_off = 72,
		       .len_size = 8,
		       .unit = 4,
		       .stops = SC_STOP_ENTRY,
		       .cap = 32 * 4}, /* strace's most */
	    blkpg = {.ptr_off = 16,    /* blkpg_ioctl_arg's data */
		     .len_size = 0,
		     .unit = SC_SIZE(BLKPG_PARTITION),
		     .stops = SC_STOP_ENTRY,
		     .cap = SC_SIZE(BLKPG_PARTITION)},
	    /* ifconf's ifc_buf: the requests the kernel wrote, ifc_len bytes of
	     * them at the exit (strace's -s 32 of them, and more) */
	    ifconf = {.ptr_off = 8,
		      .len_off = 0,
		      .len_size = 4,
		      .unit = 1,
		      .stops = SC_STOP_EXIT,
		      .cap = 256 * SC_SIZE(IFREQ)},
	    /* rand_pool_info's buf: buf_size bytes (strace's -s of them) */
	    rand_pool = {.ptr_off = SC_POINTEE_TAIL,
			 .len_off = 4,
			 .len_size = 4,
			 .unit = 1,
			 .stops = SC_STOP_ENTRY,
			 .cap = 4096},
	    /* tee_ioctl_buf_data's buffer: buf_len bytes, which the kernel reads
	     * and writes back (TEE_MAX_ARG_SIZE at most) */
	    tee_buf = {.ptr_off = 0,
		       .len_off = 8,
		       .len_size = 8,
		       .unit = 1,
		       .stops = SC_STOP_ENTRY | SC_STOP_EXIT,
		       .cap = SC_TEE_MAX_ARG_SIZE},
	    /* keyctl_kdf_params' otherinfo (otherinfolen bytes) and hashname */
	    kdf = {.ptr_off = 8,
		   .len_off = 16,
		   .len_size = 4,
		   .unit = 1,
		   .stops = SC_STOP_ENTRY,
		   .cap = 4096,
		   .str_off = 0,
		   .str_stops = SC_STOP_ENTRY},
	    /* a device mapper request's whole buffer, data_size bytes from its
	     * header on: the targets, names and messages after the header */
	    dm_buffer = {.ptr_off = SC_POINTEE_SELF,
			 .len_off = 12,
			 .len_size = 4,
			 .unit = 1,
			 .stops = SC_STOP_ENTRY | SC_STOP_EXIT,
			 .cap = 16384},
	    /* BPF_PROG_LOAD's verifier log buffer (log_size bytes, as the
	     * program handed it over) and license */
	    prog_load = {.ptr_off = 32,
			 .len_off = 28,
			 .len_size = 4,
			 .unit = 1,
			 .stops = SC_STOP_ENTRY,
			 .cap = 4096,
			 .str_off = 16,
			 .str_stops = SC_STOP_ENTRY};
	switch (type) {
	case SC_T_REGSET_IN:
		return &regset_in;
	case SC_T_REGSET_OUT:
		return &regset_out;
	case SC_T_SOCK_FPROG:
		return &fprog;
	case SC_T_BLKPG_ARG:
		return &blkpg;
	case SC_T_CLONE_ARGS:
		return &set_tid;
	case SC_T_IFCONF:
		return &ifconf;
	case SC_T_RAND_POOL_INFO:
		return &rand_pool;
	case SC_T_TEE_BUF_DATA:
		return &tee_buf;
	case SC_T_KEYCTL_KDF_PARAMS:
		return &kdf;
	case SC_T_DM_IOCTL:
		return &dm_buffer;
	case SC_T_BPF_PROG_LOAD_ATTR:
		return &prog_load;
	default:
		return NULL;
	}
}

uint32_t sc_array_cap(enum sc_type_id elem, uint32_t capture_size)
{
	if (elem == SC_T_SOCK_FILTER)
		return SC_BPF_MAXINSNS * SC_SIZE(SOCK_FILTER);
	return capture_size > 4096 ? capture_size : 4096;
}

const char *sc_type_name(enum sc_type_id type)
{
	return (unsigned)type < SC_T_COUNT ? type_names[type] : "?";
}

const char *sc_xlat_name(enum sc_xlat_id xlat)
{
	return (unsigned)xlat < SC_X_COUNT ? xlat_names[xlat] : "?";
}

const char *const sc_class_names[] = {
    "file",  "desc",  "process", "network", "signal",  "ipc",	"memory", "stat", "lstat",
    "fstat", "%stat", "statfs",	 "fstatfs", "%statfs", "creds", "clock",  "pure", NULL,
};

uint32_t sc_class_from_name(const char *name)
{
	assert(name);
	for (unsigned i = 0; sc_class_names[i]; i++) {
		if (strcmp(sc_class_names[i], name) == 0)
			return 1u << i;
	}
	/* strace's aliases */
	if (strcmp(name, "net") == 0)
		return SC_CLASS_NETWORK;
	if (strcmp(name, "clock") == 0)
		return SC_CLASS_CLOCK;
	return 0;
}
