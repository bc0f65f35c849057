/* The system-call table: the one source of truth for numbers, names, classes
 * and argument kinds. The recorder derives its capture rules from it, the
 * decoders their formatting, the filters their names and classes, the stats
 * their row names. The data lives in syscalls_x86_64.def and syscalls_i386.def. */
#ifndef STREC_COMMON_SYSCALL_TABLE_H
#define STREC_COMMON_SYSCALL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Audit architectures as reported by PTRACE_GET_SYSCALL_INFO (AUDIT_ARCH_*). */
#define SC_AUDIT_ARCH_X86_64 0xc000003eu
#define SC_AUDIT_ARCH_I386   0x40000003u
/* An x32 call is an x86_64 call (same audit arch) whose number has this bit. */
#define SC_X32_SYSCALL_BIT 0x40000000u

/* strace's syscall classes (-e trace=%file etc.). */
enum sc_class {
	SC_CLASS_FILE = 1u << 0,	 /* %file: takes a file name */
	SC_CLASS_DESC = 1u << 1,	 /* %desc: takes or returns a descriptor */
	SC_CLASS_PROCESS = 1u << 2,	 /* %process: process lifecycle */
	SC_CLASS_NETWORK = 1u << 3,	 /* %network */
	SC_CLASS_SIGNAL = 1u << 4,	 /* %signal */
	SC_CLASS_IPC = 1u << 5,		 /* %ipc */
	SC_CLASS_MEMORY = 1u << 6,	 /* %memory */
	SC_CLASS_STAT = 1u << 7,	 /* %stat: stat variants */
	SC_CLASS_LSTAT = 1u << 8,	 /* %lstat */
	SC_CLASS_FSTAT = 1u << 9,	 /* %fstat */
	SC_CLASS_STAT_LIKE = 1u << 10,	 /* %%stat */
	SC_CLASS_STATFS = 1u << 11,	 /* %statfs */
	SC_CLASS_FSTATFS = 1u << 12,	 /* %fstatfs */
	SC_CLASS_STATFS_LIKE = 1u << 13, /* %%statfs */
	SC_CLASS_CREDS = 1u << 14,	 /* %creds */
	SC_CLASS_CLOCK = 1u << 15,	 /* %clock */
	SC_CLASS_PURE = 1u << 16,	 /* %pure: no arguments, always succeeds */
	/* Not an strace class: fork/clone/exec/exit, always recorded so that a
	 * decoder can keep its process table whatever the filter. */
	SC_CLASS_LIFECYCLE = 1u << 17,
	/* Nor these: what the kernel hands back, for -y. The recorder reads
	 * /proc/PID/fd/N (or cwd) after such a call succeeds. */
	SC_CLASS_RET_FD = 1u << 18,   /* returns a new descriptor */
	SC_CLASS_OUT_FDS = 1u << 19,  /* its int[2] output holds two (pipe, socketpair) */
	SC_CLASS_SETS_CWD = 1u << 20, /* changes the working directory */
	/* names descriptors besides its return value: SCM_RIGHTS received,
	 * clone3's pidfd, pidfd_getfd's descriptor of another process */
	SC_CLASS_OTHER_FDS = 1u << 21,
	/* may give the calling thread group a seccomp filter of its own
	 * (seccomp, prctl): the recorder must then see every call */
	SC_CLASS_SECCOMP = 1u << 22,
	/* may give a socket its endpoints (bind, connect, accept, socketpair,
	 * an addressed send's implicit bind): the recorder records them after
	 * it, for strace -yy (rec_capture_result) */
	SC_CLASS_SOCKET_ENDS = 1u << 23,
	/* its new descriptor is close-on-exec whatever the flags (pidfds,
	 * io_uring, landlock rulesets) */
	SC_CLASS_RET_FD_CLOEXEC = 1u << 24,
	/* changes a process's group or session (setsid, setpgid): the
	 * recorder re-reads the ids of tasks in other pid namespaces after it,
	 * whatever the filter */
	SC_CLASS_SETS_PGRP = 1u << 25,
	/* fails with E2BIG writing the size of the struct it knows into the
	 * caller's (sched_setattr, perf_event_open): its outputs are recorded
	 * after that failure too */
	SC_CLASS_SIZE_ON_E2BIG = 1u << 26,
	SC_CLASS_LAST = SC_CLASS_SIZE_ON_E2BIG
};
/* The classes that are the recorder's, not strace's. */
#define SC_CLASSES_RECORDER                                                                        \
	(SC_CLASS_LIFECYCLE | SC_CLASS_RET_FD | SC_CLASS_OUT_FDS | SC_CLASS_SETS_CWD |             \
	 SC_CLASS_OTHER_FDS | SC_CLASS_SECCOMP | SC_CLASS_SOCKET_ENDS | SC_CLASS_RET_FD_CLOEXEC |  \
	 SC_CLASS_SETS_PGRP | SC_CLASS_SIZE_ON_E2BIG)
/* The classes after which the recorder asks the kernel what a call's
 * descriptors or working directory are (rec_capture_result). */
#define SC_CLASSES_RESULT                                                                          \
	(SC_CLASS_RET_FD | SC_CLASS_OUT_FDS | SC_CLASS_SETS_CWD | SC_CLASS_OTHER_FDS |             \
	 SC_CLASS_SOCKET_ENDS)

/* How an argument's raw value is to be read and, for pointers, which memory
 * behind it the recorder captures. */
enum sc_arg_kind {
	SC_ARG_NONE = 0,
	SC_ARG_INT,	 /* signed decimal (int-sized: truncated to 32 bits) */
	SC_ARG_LONG,	 /* signed decimal, full 64 bits */
	SC_ARG_UINT,	 /* unsigned decimal (32 bits) */
	SC_ARG_ULONG,	 /* unsigned decimal, full 64 bits (sizes, counts) */
	SC_ARG_HEX,	 /* hexadecimal */
	SC_ARG_OCTAL,	 /* mode_t: 0644 */
	SC_ARG_PTR,	 /* an address that is not followed */
	SC_ARG_FD,	 /* file descriptor */
	SC_ARG_DIRFD,	 /* dirfd: AT_FDCWD or a descriptor */
	SC_ARG_PID,	 /* process or thread id; .type is an sc_pid_type */
	SC_ARG_SIGNAL,	 /* signal number */
	SC_ARG_FLAGS,	 /* bit set; .type is an sc_xlat_id */
	SC_ARG_ENUM,	 /* one value of a set; .type is an sc_xlat_id */
	SC_ARG_PATH,	 /* NUL-terminated path, captured whole up to PATH_MAX */
	SC_ARG_STR,	 /* NUL-terminated string, captured up to the capture size */
	SC_ARG_STRVEC,	 /* NULL-terminated vector of strings (argv, envp) */
	SC_ARG_BUF,	 /* byte buffer; length from .len, capped at the capture size */
	SC_ARG_STRUCT,	 /* one struct of type .type (sc_type_id) */
	SC_ARG_ARRAY,	 /* .len elements of type .type */
	SC_ARG_IOVEC,	 /* struct iovec[.len]; the buffers behind them too */
	SC_ARG_SOCKADDR, /* socket address; length from .len (a value, or a socklen_t pointer) */
	SC_ARG_MSGHDR,	 /* struct msghdr, its iovecs, name and control data */
	SC_ARG_MMSGHDR,	 /* struct mmsghdr[.len] */
	SC_ARG_SIGSET,	 /* sigset_t of the size in .len */
	/* Not a register argument: the signal frame at the stack pointer that
	 * rt_sigreturn restores; the recorder captures its uc_sigmask. */
	SC_ARG_SIGFRAME,
	SC_ARG_KIND_COUNT
};

/* When the memory behind a pointer argument is meaningful. */
enum sc_arg_dir {
	SC_DIR_NONE = 0,
	SC_DIR_IN = 1,	  /* read by the kernel: captured at syscall entry */
	SC_DIR_OUT = 2,	  /* written by the kernel: captured at exit on success */
	SC_DIR_INOUT = 3, /* both */
};

/* Where a buffer's length or an array's element count comes from. */
enum sc_len_source {
	SC_LEN_ARG0 = 0, /* 0..5: the value of that argument */
	SC_LEN_ARG5 = 5,
	SC_LEN_RET = 6,	     /* the return value (output buffers) */
	SC_LEN_NONE = 7,     /* not applicable, or implied by the type */
	SC_LEN_PTR_ARG0 = 8, /* 8..13: a socklen_t/int in memory behind that argument */
	SC_LEN_PTR_ARG5 = 13,
	/* an ioctl's: the size field of its command (argument 1), _IOC_SIZE */
	SC_LEN_IOC_SIZE = 14,
	/* FLAGS/ENUM: the whole register, not the int the others are */
	SC_LEN_WHOLE = 15,
};
#define SC_LEN_ARG(n)	  ((uint8_t)(SC_LEN_ARG0 + (n)))
#define SC_LEN_PTR_ARG(n) ((uint8_t)(SC_LEN_PTR_ARG0 + (n)))

/* Fixed-size types that arguments point to. Sizes are x86_64 ABI sizes. */
#define SC_TYPES(X)                                                                                \
	X(NONE, 0)                                                                                 \
	X(INT, 4)                                                                                  \
	X(U32, 4)                                                                                  \
	X(U64, 8)                                                                                  \
	X(LONG, 8)                                                                                 \
	X(INT_PAIR, 8) /* int[2]: pipe, socketpair */                                              \
	X(NEW_FD, 4)   /* int: a descriptor the call made (clone's CLONE_PIDFD) */                 \
	X(STAT, 144)   /* struct stat */                                                           \
	X(STATX, 256)  /* struct statx */                                                          \
	X(STATFS, 120) /* struct statfs */                                                         \
	X(TIMESPEC, 16)                                                                            \
	X(TIMESPEC_PAIR, 32) /* utimensat times[2] */                                              \
	X(TIMEVAL, 16)                                                                             \
	X(TIMEVAL_PAIR, 32) /* utimes times[2] */                                                  \
	X(TIMEZONE, 8)                                                                             \
	X(ITIMERVAL, 32)                                                                           \
	X(ITIMERSPEC, 32)                                                                          \
	X(TIMEX, 208)                                                                              \
	X(TMS, 32)                                                                                 \
	X(UTIMBUF, 16)                                                                             \
	X(RLIMIT, 16)                                                                              \
	X(RUSAGE, 144)                                                                             \
	X(SYSINFO, 112)                                                                            \
	X(UTSNAME, 390)                                                                            \
	X(SIGACTION, 32) /* kernel struct sigaction */                                             \
	X(STACK_T, 24)                                                                             \
	X(SIGINFO, 128)                                                                            \
	X(SIGEVENT, 64)                                                                            \
	X(POLLFD, 8)                                                                               \
	X(EPOLL_EVENT, 12) /* packed on x86_64 */                                                  \
	X(FD_SET, 128)	   /* fd_set; the decoder uses nfds */                                     \
	X(IOVEC, 16)                                                                               \
	X(MSGHDR, 56)                                                                              \
	X(MMSGHDR, 64)                                                                             \
	X(SOCKLEN, 4)                                                                              \
	X(LINGER, 8)                                                                               \
	X(SCHED_PARAM, 4)                                                                          \
	X(SCHED_ATTR, 56)                                                                          \
	X(KCMP_EPOLL_SLOT, 12)	  /* kcmp's KCMP_EPOLL_TFD: efd, tfd, toff */                      \
	X(SECCOMP_NOTIF_SIZES, 6) /* three u16 */                                                  \
	X(IF_DQBLK, 68)		  /* strace's packed struct if_dqblk */                            \
	X(IF_NEXTDQBLK, 72)                                                                        \
	X(IF_DQINFO, 24)                                                                           \
	X(FS_DISK_QUOTA, 112)                                                                      \
	X(FS_QUOTA_STAT, 80)                                                                       \
	X(FS_QUOTA_STATV, 160)                                                                     \
	X(CAP_HEADER, 8)                                                                           \
	X(CAP_DATA, 24) /* two struct __user_cap_data_struct */                                    \
	X(RSEQ, 32)                                                                                \
	X(ROBUST_LIST_HEAD, 24)                                                                    \
	X(CLONE_ARGS, 88)                                                                          \
	X(SYSCTL_ARGS, 80) /* struct __sysctl_args (_sysctl) */                                    \
	X(OPEN_HOW, 24)                                                                            \
	X(SEMBUF, 6)                                                                               \
	X(MQ_ATTR, 64)                                                                             \
	X(SHMID_DS, 112)                                                                           \
	X(MSQID_DS, 120)                                                                           \
	X(SEMID_DS, 104)                                                                           \
	X(SHMINFO, 72)	/* struct shminfo64 (shmctl IPC_INFO) */                                   \
	X(SHM_INFO, 48) /* struct shm_info (shmctl SHM_INFO) */                                    \
	X(SEMINFO, 40)	/* struct seminfo (semctl IPC_INFO) */                                     \
	X(MSGINFO, 32)	/* struct msginfo (msgctl IPC_INFO) */                                     \
	X(MSGBUF, 40)	/* mtype, 32 bytes of mtext (item 1: msgsz) */                             \
	X(USER_DESC, 16)                                                                           \
	X(FILE_HANDLE, 8) /* header only: handle_bytes, handle_type */                             \
	X(GID, 4)                                                                                  \
	X(CPU_SET, 128) /* the decoder uses the size argument */                                   \
	X(LOFF, 8)	/* loff_t in/out (splice, copy_file_range) */                              \
	X(IO_EVENT, 32)                                                                            \
	X(IOCB_PTR, 8) /* io_submit's iocb pointers, the iocbs behind */                           \
	X(IOCB, 64)    /* struct iocb (io_cancel) */                                               \
	X(MOUNT_ATTR, 32)                                                                          \
	X(LANDLOCK_RULESET_ATTR, 24)                                                               \
	X(LANDLOCK_PATH_BENEATH, 12) /* struct landlock_path_beneath_attr (packed) */              \
	X(PERF_EVENT_ATTR, 128)                                                                    \
	X(BPF_ATTR, 144)                                                                           \
	X(IO_URING_PARAMS, 120)                                                                    \
	X(IO_URING_RESTRICTION, 16)                                                                \
	X(IO_URING_RSRC_UPDATE, 16)                                                                \
	X(IO_URING_BUF_REG, 40)                                                                    \
	X(CACHESTAT_RANGE, 16)                                                                     \
	X(CACHESTAT, 40)                                                                           \
	X(FUTEX_WAITV, 24)                                                                         \
	X(MOUNT_ATTR_SIZE, 32)                                                                     \
	X(LSM_CTX, 32)                                                                             \
	X(MNT_ID_REQ, 32)                                                                          \
	X(XATTR_ARGS, 16)                                                                          \
	X(FILE_ATTR, 24)                                                                           \
	X(TERMIOS, 36) /* struct termios (kernel, TCGETS) */                                       \
	X(TERMIO, 18)  /* the old struct termio (TCGETA) */                                        \
	X(U16, 2)                                                                                  \
	X(U64_PAIR, 16)		/* BLKDISCARD's range, struct uffdio_range */                      \
	X(LOOP_INFO, 168)	/* struct loop_info (LOOP_SET_STATUS) */                           \
	X(LOOP_INFO64, 232)	/* struct loop_info64 (LOOP_SET_STATUS64) */                       \
	X(LOOP_CONFIG, 304)	/* struct loop_config (LOOP_CONFIGURE) */                          \
	X(BLKPG_ARG, 24)	/* struct blkpg_ioctl_arg (BLKPG) */                               \
	X(BLKPG_PARTITION, 152) /* struct blkpg_partition, behind BLKPG's data */                  \
	X(U32_TRIPLE, 12)	/* HDIO_DRIVE_RESET's, HDIO_SCAN_HWIF's three ints */              \
	X(HD_GEOMETRY, 16)	/* struct hd_geometry (HDIO_GETGEO) */                             \
	X(HD_IDENTITY, 512)	/* HDIO_GET_IDENTITY's drive identity */                           \
	X(HD_OLD_IDENTITY, 142) /* HDIO_OBSOLETE_IDENTITY's */                                     \
	X(WINSIZE, 8)                                                                              \
	X(RTC_PARAM, 24)	/* struct rtc_param (RTC_PARAM_GET reads and writes it) */         \
	X(PEEKSIGINFO_ARGS, 16) /* PTRACE_PEEKSIGINFO's {off, flags, nr} */                        \
	X(USER_REGS, 216)	/* struct user_regs_struct (PTRACE_GETREGS) */                     \
	X(USER_FPREGS, 512)	/* struct user_fpregs_struct (PTRACE_GETFPREGS) */                 \
	/* PTRACE_SETREGSET's / GETREGSET's struct iovec, and its buffer (up to the */             \
	/* largest set strace prints, USER_FPREGS) at entry / at exit as items 1 */                \
	X(REGSET_IN, 16)                                                                           \
	X(REGSET_OUT, 16)                                                                          \
	/* a classic BPF program, {u16 len, struct sock_filter *filter}, and its */                \
	/* instructions (seccomp filters) */                                                       \
	X(SOCK_FPROG, 16)                                                                          \
	X(SOCK_FILTER, 8) /* one classic BPF instruction */                                        \
	X(KEXEC_SEGMENT, 32)                                                                       \
	X(SIGSET_PACK, 16)	 /* pselect6's {const sigset_t *ss, size_t len} */                 \
	X(DIRENTS, 0)		 /* getdents buffers: BUF type, read whole */                      \
	X(FUTEX_WAITV_PAIR, 48)	 /* futex_requeue waiters[2] */                                    \
	X(TASK_COMM, 16)	 /* prctl PR_GET_NAME */                                           \
	X(IFREQ, 40)		 /* struct ifreq (socket ioctls) */                                \
	X(IFCONF, 16)		 /* struct ifconf (SIOCGIFCONF), its requests behind */            \
	X(UBI_RNVOL_REQ, 4368)	 /* struct ubi_rnvol_req (UBI_IOCRNVOL), past its number's size */ \
	X(RAND_POOL_INFO, 8)	 /* struct rand_pool_info (RNDADDENTROPY), its bytes after */      \
	X(SG_SCSI_ID, 32)	 /* struct sg_scsi_id (SG_GET_SCSI_ID) */                          \
	X(SG_REQ_INFO, 24)	 /* struct sg_req_info, SG_GET_REQUEST_TABLE's first */            \
	X(TEE_BUF_DATA, 16)	 /* struct tee_ioctl_buf_data, its buffer behind */                \
	X(KEYCTL_KDF_PARAMS, 56) /* struct keyctl_kdf_params (KEYCTL_DH_COMPUTE), its two areas */ \
	X(KEYCTL_PKEY_PARAMS, 40) /* struct keyctl_pkey_params */                                  \
	X(BPF_PROG_LOAD_ATTR, 48) /* bpf_attr's BPF_PROG_LOAD part: log_buf and license behind */  \
	X(DM_IOCTL, 312)	  /* struct dm_ioctl, its whole buffer behind (data_size bytes) */ \
	X(KEYCTL_PKEY_QUERY, 56)  /* struct keyctl_pkey_query (KEYCTL_PKEY_QUERY) */               \
	X(FLOCK, 32)		  /* struct flock (fcntl F_GETLK, F_SETLK) */                      \
	X(PIDFD_TARGET_FD, 0)	  /* FD: a descriptor of the pidfd's process */                    \
	X(FS_CONTEXT, 0)	  /* FD: fsopen's context, which strace -P does not match */       \
	X(DATA_SOURCE, 0) /* FD: the call reads data from it (read, recvmsg, splice's in) */       \
	X(DATA_SINK, 0)	  /* FD: the call writes data to it (write, sendmsg, splice's out) */

/* Field offsets in the x86_64 structs that decoders read field by field and
 * the recorder reaches into, by struct and field name: SC_OFF(stat,
 * st_mode). The table test checks each with offsetof against the system's
 * headers, so none is a bare number anywhere else. */
#define SC_STRUCT_OFFSETS(X)                                                                       \
	X(stat, st_dev, 0)                                                                         \
	X(stat, st_ino, 8)                                                                         \
	X(stat, st_nlink, 16)                                                                      \
	X(stat, st_mode, 24)                                                                       \
	X(stat, st_uid, 28)                                                                        \
	X(stat, st_gid, 32)                                                                        \
	X(stat, st_rdev, 40)                                                                       \
	X(stat, st_size, 48)                                                                       \
	X(stat, st_blksize, 56)                                                                    \
	X(stat, st_blocks, 64)                                                                     \
	X(stat, st_atim, 72) /* then st_mtim, st_ctim: 16 bytes each */                            \
	X(statx, stx_mask, 0)                                                                      \
	X(statx, stx_blksize, 4)                                                                   \
	X(statx, stx_attributes, 8)                                                                \
	X(statx, stx_nlink, 16)                                                                    \
	X(statx, stx_uid, 20)                                                                      \
	X(statx, stx_gid, 24)                                                                      \
	X(statx, stx_mode, 28)                                                                     \
	X(statx, stx_ino, 32)                                                                      \
	X(statx, stx_size, 40)                                                                     \
	X(statx, stx_blocks, 48)                                                                   \
	X(statx, stx_attributes_mask, 56)                                                          \
	X(statx, stx_atime, 64)                                                                    \
	X(statx, stx_btime, 80)                                                                    \
	X(statx, stx_ctime, 96)                                                                    \
	X(statx, stx_mtime, 112)                                                                   \
	X(statx, stx_rdev_major, 128) /* then rdev_minor, dev_major, dev_minor: u32 */             \
	X(statx, stx_mnt_id, 144)                                                                  \
	X(statx, stx_dio_mem_align, 152)                                                           \
	X(statx, stx_dio_offset_align, 156)                                                        \
	X(dirent64, d_ino, 0)                                                                      \
	X(dirent64, d_off, 8)                                                                      \
	X(dirent64, d_reclen, 16)                                                                  \
	X(dirent64, d_type, 18)                                                                    \
	X(dirent64, d_name, 19)                                                                    \
	X(user_fpregs_struct, cwd, 0)                                                              \
	X(user_fpregs_struct, swd, 2)                                                              \
	X(user_fpregs_struct, ftw, 4)                                                              \
	X(user_fpregs_struct, fop, 6)                                                              \
	X(user_fpregs_struct, rip, 8)                                                              \
	X(user_fpregs_struct, rdp, 16)                                                             \
	X(user_fpregs_struct, mxcsr, 24)                                                           \
	X(user_fpregs_struct, mxcr_mask, 28)                                                       \
	X(user_fpregs_struct, st_space, 32)                                                        \
	X(user_fpregs_struct, xmm_space, 160)                                                      \
	X(user_fpregs_struct, padding, 416)                                                        \
	X(user_regs_struct, orig_rax, 120)                                                         \
	X(user_regs_struct, gs, 208) /* the last of its 27 words */                                \
	/* PTRACE_GET_SYSCALL_INFO's: then the entry, exit or seccomp union */                     \
	X(ptrace_syscall_info, arch, 4)                                                            \
	X(ptrace_syscall_info, instruction_pointer, 8)                                             \
	X(ptrace_syscall_info, stack_pointer, 16)                                                  \
	X(ptrace_syscall_info, entry, 24)                                                          \
	/* rt_sigreturn's frame: the ucontext at the stack pointer */                              \
	X(ucontext_t, uc_sigmask, 296)

#define SC_OFF_ENUM_(type, field, off) SC_OFF_##type##_##field = (off),
enum sc_struct_offset { SC_STRUCT_OFFSETS(SC_OFF_ENUM_) };
#undef SC_OFF_ENUM_
#define SC_OFF(type, field) SC_OFF_##type##_##field

#define SC_TYPE_ENUM_(name, size) SC_T_##name,
enum sc_type_id { SC_TYPES(SC_TYPE_ENUM_) SC_T_COUNT };
#undef SC_TYPE_ENUM_
/* The same sizes as constants, for array bounds and static checks:
 * SC_SIZE(STAT) is sc_type_size(SC_T_STAT). */
#define SC_TYPE_SIZE_ENUM_(name, size) SC_SIZE_##name = (size),
enum sc_type_size_const { SC_TYPES(SC_TYPE_SIZE_ENUM_) };
#undef SC_TYPE_SIZE_ENUM_
#define SC_SIZE(name) SC_SIZE_##name

/* Named value and flag sets that arguments use. The decoder owns the
 * contents (replay/), the table only names them. */
#define SC_XLATS(X)                                                                                \
	X(NONE)                                                                                    \
	X(OPEN_FLAGS)                                                                              \
	X(AT_FLAGS)	/* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, ... */                              \
	X(ACCESS_MODES) /* F_OK R_OK W_OK X_OK */                                                  \
	X(MMAP_PROT)                                                                               \
	X(MMAP_FLAGS)                                                                              \
	X(MREMAP_FLAGS)                                                                            \
	X(MADVISE_ADVICE)                                                                          \
	X(MSYNC_FLAGS)                                                                             \
	X(MLOCK_FLAGS)                                                                             \
	X(CLONE_FLAGS)                                                                             \
	X(WAIT_OPTIONS)                                                                            \
	X(WAITID_WHICH)                                                                            \
	X(SEEK_WHENCE)                                                                             \
	X(FCNTL_CMD)                                                                               \
	X(FLOCK_OP)                                                                                \
	X(IOCTL_CMD)                                                                               \
	X(SIGPROCMASK_HOW)                                                                         \
	X(SA_FLAGS)                                                                                \
	X(SOCKET_DOMAIN)                                                                           \
	X(SOCKET_TYPE) /* type | SOCK_NONBLOCK | SOCK_CLOEXEC */                                   \
	X(SOCKET_LEVEL)                                                                            \
	X(SOCKET_OPTNAME)                                                                          \
	X(MSG_FLAGS)                                                                               \
	X(SHUTDOWN_HOW)                                                                            \
	X(ACCEPT4_FLAGS) /* SOCK_NONBLOCK | SOCK_CLOEXEC */                                        \
	X(PIPE_FLAGS)	 /* O_CLOEXEC | O_NONBLOCK | O_DIRECT */                                   \
	X(MEMFD_SECRET_FLAGS)                                                                      \
	X(DUP3_FLAGS)                                                                              \
	X(EPOLL_CTL_OP)                                                                            \
	X(EPOLL_CREATE_FLAGS)                                                                      \
	X(EVENTFD_FLAGS)                                                                           \
	X(TIMERFD_FLAGS)                                                                           \
	X(TIMERFD_SETTIME_FLAGS)                                                                   \
	X(SIGNALFD_FLAGS)                                                                          \
	X(INOTIFY_INIT_FLAGS)                                                                      \
	X(INOTIFY_MASK)                                                                            \
	X(MEMFD_FLAGS)                                                                             \
	X(CLOCK_ID)                                                                                \
	X(TIMER_FLAGS) /* TIMER_ABSTIME */                                                         \
	X(ITIMER_WHICH)                                                                            \
	X(RLIMIT_RESOURCE)                                                                         \
	X(RUSAGE_WHO)                                                                              \
	X(PRCTL_OPTION)                                                                            \
	X(ARCH_PRCTL_CODE)                                                                         \
	X(FUTEX_OP)                                                                                \
	X(MEMBARRIER_CMD)                                                                          \
	X(GETRANDOM_FLAGS)                                                                         \
	X(RENAME_FLAGS)                                                                            \
	X(UNLINKAT_FLAGS)                                                                          \
	X(STATX_MASK)                                                                              \
	X(FALLOCATE_MODE)                                                                          \
	X(XATTR_FLAGS)                                                                             \
	X(PERSONALITY)                                                                             \
	X(UNSHARE_FLAGS) /* CLONE_NEW* */                                                          \
	X(SCHED_POLICY)                                                                            \
	X(PRIO_WHICH)                                                                              \
	X(IPC_FLAGS)                                                                               \
	X(IPC_CMD)                                                                                 \
	X(SHMAT_FLAGS)                                                                             \
	X(MOUNT_FLAGS)                                                                             \
	X(UMOUNT_FLAGS)                                                                            \
	X(SPLICE_FLAGS)                                                                            \
	X(CLOSE_RANGE_FLAGS)                                                                       \
	X(RWF_FLAGS) /* preadv2/pwritev2 */                                                        \
	X(MQ_OPEN_FLAGS)                                                                           \
	X(REBOOT_MAGIC1)                                                                           \
	X(KEXEC_FILE_FLAGS)                                                                        \
	X(REBOOT_MAGIC2)                                                                           \
	X(SYSLOG_ACTION)                                                                           \
	X(PTRACE_REQUEST)                                                                          \
	X(SECCOMP_OP)                                                                              \
	X(KEYCTL_CMD)                                                                              \
	X(BPF_CMD)                                                                                 \
	X(FANOTIFY_FLAGS)                                                                          \
	X(PIDFD_FLAGS)                                                                             \
	X(MODULE_INIT_FLAGS)                                                                       \
	X(SWAP_FLAGS)                                                                              \
	X(QUOTACTL_CMD)                                                                            \
	X(IOPRIO_WHICH)                                                                            \
	X(NAME_TO_HANDLE_FLAGS)                                                                    \
	X(OPEN_TREE_FLAGS)                                                                         \
	X(MOVE_MOUNT_FLAGS)                                                                        \
	X(FSOPEN_FLAGS)                                                                            \
	X(FSCONFIG_CMD)                                                                            \
	X(FSMOUNT_FLAGS)                                                                           \
	X(MOUNT_SETATTR_FLAGS)                                                                     \
	X(LANDLOCK_FLAGS)                                                                          \
	X(KCMP_TYPE)                                                                               \
	X(MPOL_MODE)                                                                               \
	X(MPOL_FLAGS)                                                                              \
	X(PKEY_ACCESS)                                                                             \
	X(IO_URING_ENTER_FLAGS)                                                                    \
	X(IO_URING_REGISTER_OP)                                                                    \
	X(SYNC_FILE_RANGE_FLAGS)                                                                   \
	X(FADVISE_ADVICE)                                                                          \
	X(TEE_FLAGS)                                                                               \
	X(MODE_T) /* S_IF* | permission bits (mknod) */                                            \
	X(LSM_FLAGS)                                                                               \
	X(MAP_SHADOW_STACK_FLAGS)                                                                  \
	X(MLOCKALL_FLAGS) /* MCL_* (mlockall); MLOCK_FLAGS is mlock2 */                            \
	X(REBOOT_CMD)                                                                              \
	X(DELETE_MODULE_FLAGS)                                                                     \
	X(FANOTIFY_MARK_FLAGS)                                                                     \
	X(FANOTIFY_MASK)                                                                           \
	X(SECCOMP_FLAGS) /* SECCOMP_FILTER_FLAG_* */                                               \
	X(RSEQ_FLAGS)                                                                              \
	X(GET_MEMPOLICY_FLAGS) /* MPOL_F_* */                                                      \
	X(USERFAULTFD_FLAGS)                                                                       \
	X(MOUNT_ATTR_FLAGS) /* MOUNT_ATTR_* (fsmount) */                                           \
	X(FSPICK_FLAGS)                                                                            \
	X(LANDLOCK_RULE_TYPE)                                                                      \
	X(PERF_EVENT_FLAGS) /* PERF_FLAG_* */                                                      \
	X(FUTEX2_FLAGS)	    /* FUTEX2_SIZE_* | FUTEX2_NUMA | FUTEX2_PRIVATE */

#define SC_XLAT_ENUM_(name) SC_X_##name,
enum sc_xlat_id { SC_XLATS(SC_XLAT_ENUM_) SC_X_COUNT };
#undef SC_XLAT_ENUM_

/* The decoder a syscall's row names (SYSCALL_D in the .def files): the
 * decoding library's function for calls that need more than the generic
 * printing of each argument by its kind. The table only names them. */
#define DECODER(name) SC_D_##name,
enum sc_decoder_id {
#include "syscall_decoders.def"
	SC_D_COUNT
};
#undef DECODER

/* How a successful call's return value is printed, as strace's RVAL_*
 * styles: decimal, hex (addresses), octal (umask), or by a printer of its
 * own that names what the value means (fcntl's flags, poll's ready set,
 * time's date); the printers fall back on decimal. */
#define SC_RVALS(X)                                                                                \
	X(DEC)                                                                                     \
	X(PID)	    /* a process id, decimal (fork, getpid, wait4) */                              \
	X(PID_TID)  /* a thread id (clone, gettid) */                                              \
	X(PID_PGID) /* a process group id (getpgid) */                                             \
	X(PID_SID)  /* a session id (getsid, setsid) */                                            \
	X(HEX)                                                                                     \
	X(OCTAL)                                                                                   \
	X(RESTORED) /* sigreturn's: what the interrupted context's register held */                \
	X(FCNTL)    /* F_GETFD's flags, F_GETFL's, F_DUPFD's descriptor */                         \
	X(POLL)	    /* "1 ([{fd=3, revents=POLLIN}])" */                                           \
	X(PPOLL)    /* the same with the time left */                                              \
	X(SELECT)   /* "1 (in [3], left {tv_sec=..})" */                                           \
	X(PSELECT6)                                                                                \
	X(TIME)		/* "N (date)" */                                                           \
	X(SCHED_POLICY) /* "0 (SCHED_OTHER)" */                                                    \
	X(PERSONALITY)	/* "0x400000 (PER_LINUX|...)" */                                           \
	X(SIGNAL)	/* "10 (SIGUSR1)" */                                                       \
	X(TIMEX_STATE)	/* adjtimex's "5 (TIME_ERROR)" */                                          \
	X(MEMBARRIER)	/* QUERY's command set */                                                  \
	X(PRCTL)	/* PR_GET_DUMPABLE's "1 (SUID_DUMP_USER)" */                               \
	X(IOPRIO)	/* ioprio_get's "0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0))" */           \
	X(IOCTL)	/* by the command: NS_GET_NSTYPE's "268435456 (CLONE_NEWUSER)" */          \
	X(UINT_ERRNO)	/* an int error the kernel returns as unsigned (modify_ldt) */             \
	X(RECVMMSG)	/* "1 (left {tv_sec=0, tv_nsec=12340188})": the timeout left */

/* What kind of id a pid argument or result is (strace's PT_*), which
 * --pidns-translation looks up in the task's pid namespace: a SC_ARG_PID's
 * .type, and the SC_RV_PID* styles. */
enum sc_pid_type {
	SC_PID_NONE = 0,  /* not translated */
	SC_PID_TID,	  /* a thread */
	SC_PID_TGID,	  /* a process */
	SC_PID_PGID,	  /* a process group */
	SC_PID_SID,	  /* a session */
	SC_PID_TGID_PGID, /* kill's: a process, or -N the process group N */
};

#define SC_RVAL_ENUM_(name) SC_RV_##name,
enum sc_rval_style { SC_RVALS(SC_RVAL_ENUM_) SC_RV_COUNT };
/* The kind of id a return style prints (SC_PID_NONE: not an id). */
static inline enum sc_pid_type sc_rval_pid_type(enum sc_rval_style style)
{
	switch (style) {
	case SC_RV_PID:
		return SC_PID_TGID;
	case SC_RV_PID_TID:
		return SC_PID_TID;
	case SC_RV_PID_PGID:
		return SC_PID_PGID;
	case SC_RV_PID_SID:
		return SC_PID_SID;
	default:
		return SC_PID_NONE;
	}
}
#undef SC_RVAL_ENUM_

struct sc_arg {
	uint8_t kind; /* enum sc_arg_kind */
	uint8_t dir;  /* enum sc_arg_dir, for pointer kinds */
	uint8_t type; /* enum sc_type_id for STRUCT/ARRAY/FD, enum sc_xlat_id for FLAGS/ENUM */
	uint8_t len;  /* enum sc_len_source for BUF/ARRAY/IOVEC/SOCKADDR/SIGSET/MMSGHDR, a sized
		       * STRUCT's size, FD's pidfd, FLAGS/ENUM's width */
	/* a BUF whose len is SC_LEN_PTR_ARG(n): where in the struct argument n
	 * points at its u32 length is (keyctl's pkey params); 0 otherwise */
	uint8_t len_off;
};

struct sc_desc {
	const char *name; /* NULL for an unassigned number */
	uint32_t classes; /* enum sc_class bits */
	uint16_t decoder; /* enum sc_decoder_id */
	uint8_t rval;	  /* enum sc_rval_style */
	uint8_t nargs;
	struct sc_arg args[6];
};

struct sc_table {
	const char *arch_name;	     /* "x86_64", "i386" */
	uint32_t audit_arch;	     /* SC_AUDIT_ARCH_* */
	unsigned count;		     /* number of slots (highest number + 1) */
	const struct sc_desc *descs; /* indexed by syscall number */
	const struct sc_cond *conds; /* sorted by nr */
	unsigned nconds;
};

/* Conditional argument kinds: where an argument's meaning depends on another
 * argument (ioctl's by its request, fcntl's by its command, futex's by its
 * operation), syscall_conds_<arch>.def says so, for the recorder's capture
 * and the decoders alike: when (args[selector] & mask) == value, and
 * (args[selector2] & mask2) == value2 too, argument target is described by
 * arg instead of the base entry. The second test is for options a pair
 * names (setsockopt's level and name); a rule of one test has mask2 0. */
struct sc_cond {
	uint16_t nr;
	uint8_t selector, target, selector2;
	uint64_t mask, value, mask2, value2;
	struct sc_arg arg;
};

/* Whether rule c applies to a call with these arguments. */
static inline int sc_cond_applies(const struct sc_cond *c, const uint64_t args[6])
{
	return c->selector < 6 && c->selector2 < 6 && (args[c->selector] & c->mask) == c->value &&
	       (args[c->selector2] & c->mask2) == c->value2;
}

/* The description of argument i of a call of desc (number nr) with these
 * raw arguments: the conditional one if a rule applies, else the base. */
struct sc_arg sc_arg_effective(const struct sc_table *table, uint64_t nr,
			       const struct sc_desc *desc, unsigned i, const uint64_t args[6]);
/* Whether syscall nr has any conditional rule (cheap test for hot paths). */
int sc_has_conds(const struct sc_table *table, uint64_t nr);

extern const struct sc_table sc_table_x86_64;
extern const struct sc_table sc_table_i386;

/* CLONE_THREAD: the clone made a thread of the caller's process rather than
 * a process of its own (the table test checks it against <sched.h>). */
#define SC_CLONE_THREAD 0x10000u
static inline int sc_clone_makes_thread(uint64_t clone_flags)
{
	return (clone_flags & SC_CLONE_THREAD) != 0;
}

/* The table for an audit arch, or NULL when unknown. */
const struct sc_table *sc_table_for_arch(uint32_t audit_arch);

/* The table of the native calls of machine (uname -m, as a trace header's
 * "arch" names it; its compat calls have their tables by audit arch), or
 * NULL when there is none: such a trace cannot be decoded. */
const struct sc_table *sc_table_for_machine(const char *machine);

/* The descriptor of syscall nr, or NULL when the number is unassigned. */
const struct sc_desc *sc_lookup(const struct sc_table *table, uint64_t nr);

/* The number of the syscall called name, or -1. */
int sc_number(const struct sc_table *table, const char *name);

/* The descriptor argument a call moves data through, -1 if none: end is
 * SC_T_DATA_SOURCE (read from: -e read=, bytes read) or SC_T_DATA_SINK. */
int sc_data_fd_arg(const struct sc_desc *d, enum sc_type_id end);
/* The argument holding the data a call moves (a buffer, iovec array,
 * msghdr or mmsghdr array), -1 if none (sendfile, splice). */
int sc_data_arg(const struct sc_desc *d);
/* The argument of the first vector of strings (execve's argv), -1 if none. */
int sc_strvec_arg(const struct sc_desc *d);

/* Whether a successful call of d with these arguments returned a new
 * descriptor: its RET_FD class, narrowed for calls whose commands differ
 * (bpf's BPF_MAP_CREATE does, BPF_MAP_UPDATE_ELEM does not). */
bool sc_returns_fd(const struct sc_desc *d, const uint64_t args[6]);

/* Size in bytes of a fixed-size type; 0 for SC_T_NONE. */
size_t sc_type_size(enum sc_type_id type);

/* Structs that point at an area the kernel reads or writes (a register
 * set, a BPF program's instructions, BLKPG's partition): where the pointer and the length are
 * in the struct, the length's size in bytes and its unit (bytes per unit),
 * the most bytes worth capturing, and at which stops (1: entry, 2: exit)
 * the area holds what the call read or wrote. The recorders capture it as
 * item 1 of the argument; the decoders read it there. */
struct sc_pointee {
	/* len_size 0: one unit, whatever the struct says (a fixed struct);
	 * ptr_off SC_POINTEE_TAIL: the area follows the struct (a flexible
	 * array member); SC_POINTEE_SELF: the area starts with the struct */
	uint8_t ptr_off, len_off, len_size, unit;
	uint8_t stops; /* SC_STOP_ENTRY | SC_STOP_EXIT */
	uint32_t cap;
	/* a NUL-terminated string the struct points at too (its pointer at
	 * str_off), captured as item 2 at the stops in str_stops (0: none) */
	uint8_t str_off, str_stops;
};
#define SC_POINTEE_TAIL 0xffu
/* ptr_off SC_POINTEE_SELF: the area starts where the struct does and is as
 * long as its length field says (device mapper's buffers, header included) */
#define SC_POINTEE_SELF 0xfeu
/* A stop's bit: 1 << the trace format's stop (STRTRC_AT_ENTRY 0, AT_EXIT 1) */
#define SC_STOP_ENTRY 1u
#define SC_STOP_EXIT  2u
/* The pointee of type, or NULL when it points at nothing captured. */
const struct sc_pointee *sc_type_pointee(enum sc_type_id type);

/* A TEE call's argument buffer's most bytes (<linux/tee.h>'s
 * TEE_MAX_ARG_SIZE; the table test checks it) */
#define SC_TEE_MAX_ARG_SIZE 1024u

/* The most bytes of an extensible struct captured (A_STRUCT_IN_SIZED): a
 * page, as far as strace looks for nonzero bytes past what it knows. */
#define SC_EXT_STRUCT_MAX 4096u

/* A classic BPF program's most instructions (<linux/bpf_common.h>): strace
 * prints a seccomp filter whole under -v, so that many are captured. */
#define SC_BPF_MAXINSNS 4096u
/* The most bytes worth capturing of an array of elem (capture_size: the
 * recorder's -s): BPF programs whole, others 4 KiB or -s if more. */
uint32_t sc_array_cap(enum sc_type_id elem, uint32_t capture_size);
const char *sc_type_name(enum sc_type_id type);
const char *sc_xlat_name(enum sc_xlat_id xlat);

/* The class bit for a class name without its '%' ("file", "desc", ...),
 * or 0 when unknown. */
uint32_t sc_class_from_name(const char *name);
/* Class names, NULL-terminated, for error messages and completion. */
extern const char *const sc_class_names[];

#endif
