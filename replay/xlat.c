/* Named values and flag bits, keyed by the syscall table's SC_X_* ids.
 * Entries are in strace 6.1's printing order (checked against its output),
 * values are the x86_64 kernel ABI's. */
#include "rp_internal.h"

#include <linux/audit.h>

#define E(v, n)                                                                                    \
	{                                                                                          \
		(v), (n)                                                                           \
	}
#define XLAT_FLAGS(id, ...)                                                                        \
	static const struct rp_xlat_entry id##_e[] = {__VA_ARGS__};                                \
	const struct rp_xlat id = {id##_e, sizeof(id##_e) / sizeof(id##_e[0]), true, NULL}
#define XLAT_ENUM(id, unk, ...)                                                                    \
	static const struct rp_xlat_entry id##_e[] = {__VA_ARGS__};                                \
	const struct rp_xlat id = {id##_e, sizeof(id##_e) / sizeof(id##_e[0]), false, unk}

XLAT_ENUM(rp_x_open_accmode, NULL, E(0, "O_RDONLY"), E(1, "O_WRONLY"), E(2, "O_RDWR"),
	  E(3, "O_ACCMODE"));
XLAT_FLAGS(rp_x_open_flags, E(0100, "O_CREAT"), E(0200, "O_EXCL"), E(0400, "O_NOCTTY"),
	   E(01000, "O_TRUNC"), E(02000, "O_APPEND"), E(04000, "O_NONBLOCK"), E(04010000, "O_SYNC"),
	   E(04000000, "__O_SYNC"), E(010000, "O_DSYNC"), E(040000, "O_DIRECT"),
	   E(0100000, "O_LARGEFILE"), E(0400000, "O_NOFOLLOW"), E(01000000, "O_NOATIME"),
	   E(02000000, "O_CLOEXEC"), E(010000000, "O_PATH"), E(020200000, "O_TMPFILE"),
	   E(020000000, "__O_TMPFILE"), E(0200000, "O_DIRECTORY"), E(020000, "FASYNC"));
XLAT_FLAGS(rp_x_at_flags, E(0x100, "AT_SYMLINK_NOFOLLOW"), E(0x200, "AT_REMOVEDIR"),
	   E(0x400, "AT_SYMLINK_FOLLOW"), E(0x800, "AT_NO_AUTOMOUNT"), E(0x1000, "AT_EMPTY_PATH"),
	   E(0x8000, "AT_RECURSIVE"));
XLAT_FLAGS(rp_x_faccessat_flags, E(0x100, "AT_SYMLINK_NOFOLLOW"), E(0x200, "AT_EACCESS"),
	   E(0x1000, "AT_EMPTY_PATH"));
XLAT_FLAGS(rp_x_access, E(0, "F_OK"), E(4, "R_OK"), E(2, "W_OK"), E(1, "X_OK"));
XLAT_FLAGS(rp_x_mmap_prot, E(0, "PROT_NONE"), E(1, "PROT_READ"), E(2, "PROT_WRITE"),
	   E(4, "PROT_EXEC"), E(8, "PROT_SEM"), E(0x01000000, "PROT_GROWSDOWN"),
	   E(0x02000000, "PROT_GROWSUP"));
XLAT_ENUM(rp_x_mmap_type, "MAP_???", E(0, "MAP_FILE"), E(1, "MAP_SHARED"), E(2, "MAP_PRIVATE"),
	  E(3, "MAP_SHARED_VALIDATE"));
XLAT_FLAGS(rp_x_mmap_flags, E(0x10, "MAP_FIXED"), E(0x20, "MAP_ANONYMOUS"), E(0x40, "MAP_32BIT"),
	   E(0x4000, "MAP_NORESERVE"), E(0x8000, "MAP_POPULATE"), E(0x10000, "MAP_NONBLOCK"),
	   E(0x100, "MAP_GROWSDOWN"), E(0x800, "MAP_DENYWRITE"), E(0x1000, "MAP_EXECUTABLE"),
	   E(0x2000, "MAP_LOCKED"), E(0x20000, "MAP_STACK"), E(0x40000, "MAP_HUGETLB"),
	   E(0x80000, "MAP_SYNC"), E(0x100000, "MAP_FIXED_NOREPLACE"));
XLAT_FLAGS(rp_x_mremap, E(1, "MREMAP_MAYMOVE"), E(2, "MREMAP_FIXED"), E(4, "MREMAP_DONTUNMAP"));
XLAT_ENUM(rp_x_madvise, "MADV_???", E(0, "MADV_NORMAL"), E(1, "MADV_RANDOM"),
	  E(2, "MADV_SEQUENTIAL"), E(3, "MADV_WILLNEED"), E(4, "MADV_DONTNEED"), E(8, "MADV_FREE"),
	  E(9, "MADV_REMOVE"), E(10, "MADV_DONTFORK"), E(11, "MADV_DOFORK"),
	  E(12, "MADV_MERGEABLE"), E(13, "MADV_UNMERGEABLE"), E(14, "MADV_HUGEPAGE"),
	  E(15, "MADV_NOHUGEPAGE"), E(16, "MADV_DONTDUMP"), E(17, "MADV_DODUMP"),
	  E(18, "MADV_WIPEONFORK"), E(19, "MADV_KEEPONFORK"), E(20, "MADV_COLD"),
	  E(21, "MADV_PAGEOUT"), E(22, "MADV_POPULATE_READ"), E(23, "MADV_POPULATE_WRITE"),
	  E(100, "MADV_HWPOISON"));
XLAT_FLAGS(rp_x_msync, E(1, "MS_ASYNC"), E(4, "MS_SYNC"), E(2, "MS_INVALIDATE"));
XLAT_FLAGS(rp_x_mlock, E(1, "MLOCK_ONFAULT"));
XLAT_FLAGS(rp_x_clone_flags, E(0x80, "CLONE_NEWTIME"), E(0x100, "CLONE_VM"), E(0x200, "CLONE_FS"),
	   E(0x400, "CLONE_FILES"), E(0x800, "CLONE_SIGHAND"), E(0x1000, "CLONE_PIDFD"),
	   E(0x2000, "CLONE_PTRACE"), E(0x4000, "CLONE_VFORK"), E(0x8000, "CLONE_PARENT"),
	   E(0x10000, "CLONE_THREAD"), E(0x20000, "CLONE_NEWNS"), E(0x40000, "CLONE_SYSVSEM"),
	   E(0x80000, "CLONE_SETTLS"), E(0x100000, "CLONE_PARENT_SETTID"),
	   E(0x200000, "CLONE_CHILD_CLEARTID"), E(0x400000, "CLONE_DETACHED"),
	   E(0x800000, "CLONE_UNTRACED"), E(0x1000000, "CLONE_CHILD_SETTID"),
	   E(0x2000000, "CLONE_NEWCGROUP"), E(0x4000000, "CLONE_NEWUTS"),
	   E(0x8000000, "CLONE_NEWIPC"), E(0x10000000, "CLONE_NEWUSER"),
	   E(0x20000000, "CLONE_NEWPID"), E(0x40000000, "CLONE_NEWNET"),
	   E(0x80000000ull, "CLONE_IO"), E(0x100000000ull, "CLONE_CLEAR_SIGHAND"),
	   E(0x200000000ull, "CLONE_INTO_CGROUP"));
XLAT_FLAGS(rp_x_wait_options, E(1, "WNOHANG"), E(4, "WEXITED"), E(2, "WSTOPPED"),
	   E(8, "WCONTINUED"), E(0x1000000, "WNOWAIT"), E(0x80000000ull, "__WCLONE"),
	   E(0x40000000, "__WALL"), E(0x20000000, "__WNOTHREAD"));
XLAT_ENUM(rp_x_waitid_which, "P_???", E(0, "P_ALL"), E(1, "P_PID"), E(2, "P_PGID"),
	  E(3, "P_PIDFD"));
XLAT_ENUM(rp_x_seek, "SEEK_???", E(0, "SEEK_SET"), E(1, "SEEK_CUR"), E(2, "SEEK_END"),
	  E(3, "SEEK_DATA"), E(4, "SEEK_HOLE"));
XLAT_ENUM(rp_x_fcntl_cmd, "F_???", E(0, "F_DUPFD"), E(1, "F_GETFD"), E(2, "F_SETFD"),
	  E(3, "F_GETFL"), E(4, "F_SETFL"), E(5, "F_GETLK"), E(6, "F_SETLK"), E(7, "F_SETLKW"),
	  E(8, "F_SETOWN"), E(9, "F_GETOWN"), E(10, "F_SETSIG"), E(11, "F_GETSIG"),
	  E(15, "F_SETOWN_EX"), E(16, "F_GETOWN_EX"), E(17, "F_GETOWNER_UIDS"),
	  E(36, "F_OFD_GETLK"), E(37, "F_OFD_SETLK"), E(38, "F_OFD_SETLKW"), E(1024, "F_SETLEASE"),
	  E(1025, "F_GETLEASE"), E(1026, "F_NOTIFY"), E(1030, "F_DUPFD_CLOEXEC"),
	  E(1031, "F_SETPIPE_SZ"), E(1032, "F_GETPIPE_SZ"), E(1033, "F_ADD_SEALS"),
	  E(1034, "F_GET_SEALS"));
XLAT_FLAGS(rp_x_fd_flags, E(1, "FD_CLOEXEC"));
XLAT_FLAGS(rp_x_flock, E(1, "LOCK_SH"), E(2, "LOCK_EX"), E(4, "LOCK_NB"), E(8, "LOCK_UN"),
	   E(32, "LOCK_MAND"), E(192, "LOCK_RW"));
XLAT_ENUM(rp_x_ioctl_cmd, NULL, E(0x5401, "TCGETS"), E(0x5402, "TCSETS"), E(0x5403, "TCSETSW"),
	  E(0x5404, "TCSETSF"), E(0x5409, "TCSBRK"), E(0x540b, "TCFLSH"), E(0x540e, "TIOCSCTTY"),
	  E(0x540f, "TIOCGPGRP"), E(0x5410, "TIOCSPGRP"), E(0x5413, "TIOCGWINSZ"),
	  E(0x5414, "TIOCSWINSZ"), E(0x541b, "FIONREAD"), E(0x5421, "FIONBIO"),
	  E(0x5422, "TIOCNOTTY"), E(0x5429, "TIOCGSID"), E(0x5450, "FIONCLEX"),
	  E(0x5451, "FIOCLEX"), E(0x5452, "FIOASYNC"), E(0x80045430, "TIOCGPTN"),
	  E(0x40045431, "TIOCSPTLCK"), E(0x40049409, "BTRFS_IOC_CLONE or FICLONE"),
	  E(0x4020940d, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE"), E(0x80086601, "FS_IOC_GETFLAGS"),
	  E(0x40086602, "FS_IOC_SETFLAGS"), E(0x5460, "TIOCGPTPEER"));
XLAT_ENUM(rp_x_sigprocmask_how, "SIG_???", E(0, "SIG_BLOCK"), E(1, "SIG_UNBLOCK"),
	  E(2, "SIG_SETMASK"));
XLAT_FLAGS(rp_x_sa_flags, E(0x04000000, "SA_RESTORER"), E(0x08000000, "SA_ONSTACK"),
	   E(0x10000000, "SA_RESTART"), E(0x20000000, "SA_INTERRUPT"), E(0x40000000, "SA_NODEFER"),
	   E(0x80000000ull, "SA_RESETHAND"), E(4, "SA_SIGINFO"), E(1, "SA_NOCLDSTOP"),
	   E(2, "SA_NOCLDWAIT"));
XLAT_ENUM(rp_x_address_family, "AF_???", E(0, "AF_UNSPEC"), E(1, "AF_UNIX"), E(2, "AF_INET"),
	  E(3, "AF_AX25"), E(4, "AF_IPX"), E(5, "AF_APPLETALK"), E(10, "AF_INET6"),
	  E(16, "AF_NETLINK"), E(17, "AF_PACKET"), E(31, "AF_BLUETOOTH"), E(38, "AF_ALG"),
	  E(40, "AF_VSOCK"), E(44, "AF_XDP"));
XLAT_ENUM(rp_x_socket_type, "SOCK_???", E(1, "SOCK_STREAM"), E(2, "SOCK_DGRAM"), E(3, "SOCK_RAW"),
	  E(4, "SOCK_RDM"), E(5, "SOCK_SEQPACKET"), E(6, "SOCK_DCCP"), E(10, "SOCK_PACKET"));
XLAT_FLAGS(rp_x_socket_type_flags, E(0x80000, "SOCK_CLOEXEC"), E(0x800, "SOCK_NONBLOCK"));
XLAT_ENUM(rp_x_socket_level, "SOL_???", E(0, "SOL_IP"), E(1, "SOL_SOCKET"), E(6, "SOL_TCP"),
	  E(17, "SOL_UDP"), E(41, "SOL_IPV6"), E(255, "SOL_RAW"), E(263, "SOL_PACKET"),
	  E(270, "SOL_NETLINK"));
XLAT_ENUM(rp_x_socket_optname, "SO_???", E(1, "SO_DEBUG"), E(2, "SO_REUSEADDR"), E(3, "SO_TYPE"),
	  E(4, "SO_ERROR"), E(5, "SO_DONTROUTE"), E(6, "SO_BROADCAST"), E(7, "SO_SNDBUF"),
	  E(8, "SO_RCVBUF"), E(9, "SO_KEEPALIVE"), E(10, "SO_OOBINLINE"), E(13, "SO_LINGER"),
	  E(15, "SO_REUSEPORT"), E(16, "SO_PASSCRED"), E(17, "SO_PEERCRED"), E(18, "SO_RCVLOWAT"),
	  E(20, "SO_RCVTIMEO_OLD"), E(21, "SO_SNDTIMEO_OLD"), E(32, "SO_SNDBUFFORCE"),
	  E(33, "SO_RCVBUFFORCE"), E(38, "SO_PROTOCOL"), E(39, "SO_DOMAIN"));
XLAT_FLAGS(rp_x_msg_flags, E(1, "MSG_OOB"), E(2, "MSG_PEEK"), E(4, "MSG_DONTROUTE"),
	   E(8, "MSG_CTRUNC"), E(0x10, "MSG_PROBE"), E(0x20, "MSG_TRUNC"), E(0x40, "MSG_DONTWAIT"),
	   E(0x80, "MSG_EOR"), E(0x100, "MSG_WAITALL"), E(0x200, "MSG_FIN"), E(0x400, "MSG_SYN"),
	   E(0x800, "MSG_CONFIRM"), E(0x1000, "MSG_RST"), E(0x2000, "MSG_ERRQUEUE"),
	   E(0x4000, "MSG_NOSIGNAL"), E(0x8000, "MSG_MORE"), E(0x10000, "MSG_WAITFORONE"),
	   E(0x20000, "MSG_SENDPAGE_NOTLAST"), E(0x40000, "MSG_BATCH"),
	   E(0x80000, "MSG_NO_SHARED_FRAGS"), E(0x4000000, "MSG_ZEROCOPY"),
	   E(0x20000000, "MSG_FASTOPEN"), E(0x40000000, "MSG_CMSG_CLOEXEC"),
	   E(0x80000000ull, "MSG_CMSG_COMPAT"));
XLAT_ENUM(rp_x_shutdown, "SHUT_???", E(0, "SHUT_RD"), E(1, "SHUT_WR"), E(2, "SHUT_RDWR"));
XLAT_FLAGS(rp_x_pipe_flags, E(02000000, "O_CLOEXEC"), E(040000, "O_DIRECT"),
	   E(04000, "O_NONBLOCK"));
XLAT_ENUM(rp_x_epoll_ctl, "EPOLL_CTL_???", E(1, "EPOLL_CTL_ADD"), E(2, "EPOLL_CTL_DEL"),
	  E(3, "EPOLL_CTL_MOD"));
XLAT_FLAGS(rp_x_epoll_create, E(02000000, "EPOLL_CLOEXEC"));
XLAT_FLAGS(rp_x_eventfd, E(1, "EFD_SEMAPHORE"), E(02000000, "EFD_CLOEXEC"),
	   E(04000, "EFD_NONBLOCK"));
XLAT_FLAGS(rp_x_timerfd, E(02000000, "TFD_CLOEXEC"), E(04000, "TFD_NONBLOCK"));
XLAT_FLAGS(rp_x_timerfd_settime, E(1, "TFD_TIMER_ABSTIME"), E(2, "TFD_TIMER_CANCEL_ON_SET"));
XLAT_FLAGS(rp_x_signalfd, E(02000000, "SFD_CLOEXEC"), E(04000, "SFD_NONBLOCK"));
XLAT_FLAGS(rp_x_inotify_init, E(04000, "IN_NONBLOCK"), E(02000000, "IN_CLOEXEC"));
XLAT_FLAGS(rp_x_memfd, E(1, "MFD_CLOEXEC"), E(2, "MFD_ALLOW_SEALING"), E(4, "MFD_HUGETLB"));
XLAT_ENUM(rp_x_clockid, "CLOCK_???", E(0, "CLOCK_REALTIME"), E(1, "CLOCK_MONOTONIC"),
	  E(2, "CLOCK_PROCESS_CPUTIME_ID"), E(3, "CLOCK_THREAD_CPUTIME_ID"),
	  E(4, "CLOCK_MONOTONIC_RAW"), E(5, "CLOCK_REALTIME_COARSE"),
	  E(6, "CLOCK_MONOTONIC_COARSE"), E(7, "CLOCK_BOOTTIME"), E(8, "CLOCK_REALTIME_ALARM"),
	  E(9, "CLOCK_BOOTTIME_ALARM"), E(10, "CLOCK_SGI_CYCLE"), E(11, "CLOCK_TAI"));
XLAT_FLAGS(rp_x_timer_flags, E(1, "TIMER_ABSTIME"));
XLAT_ENUM(rp_x_itimer_which, "ITIMER_???", E(0, "ITIMER_REAL"), E(1, "ITIMER_VIRTUAL"),
	  E(2, "ITIMER_PROF"));
XLAT_ENUM(rp_x_rlimit, "RLIMIT_???", E(0, "RLIMIT_CPU"), E(1, "RLIMIT_FSIZE"), E(2, "RLIMIT_DATA"),
	  E(3, "RLIMIT_STACK"), E(4, "RLIMIT_CORE"), E(5, "RLIMIT_RSS"), E(6, "RLIMIT_NPROC"),
	  E(7, "RLIMIT_NOFILE"), E(8, "RLIMIT_MEMLOCK"), E(9, "RLIMIT_AS"), E(10, "RLIMIT_LOCKS"),
	  E(11, "RLIMIT_SIGPENDING"), E(12, "RLIMIT_MSGQUEUE"), E(13, "RLIMIT_NICE"),
	  E(14, "RLIMIT_RTPRIO"), E(15, "RLIMIT_RTTIME"));
XLAT_ENUM(rp_x_rusage_who, "RUSAGE_???", E(0, "RUSAGE_SELF"), E(-1ull, "RUSAGE_CHILDREN"),
	  E(1, "RUSAGE_THREAD"));
XLAT_ENUM(rp_x_arch_prctl, "ARCH_???", E(0x1001, "ARCH_SET_GS"), E(0x1002, "ARCH_SET_FS"),
	  E(0x1003, "ARCH_GET_FS"), E(0x1004, "ARCH_GET_GS"), E(0x1011, "ARCH_GET_CPUID"),
	  E(0x1012, "ARCH_SET_CPUID"), E(0x2001, "ARCH_MAP_VDSO_X32"),
	  E(0x2002, "ARCH_MAP_VDSO_32"), E(0x2003, "ARCH_MAP_VDSO_64"));
XLAT_ENUM(rp_x_futex_op, "FUTEX_???", E(0, "FUTEX_WAIT"), E(1, "FUTEX_WAKE"), E(2, "FUTEX_FD"),
	  E(3, "FUTEX_REQUEUE"), E(4, "FUTEX_CMP_REQUEUE"), E(5, "FUTEX_WAKE_OP"),
	  E(6, "FUTEX_LOCK_PI"), E(7, "FUTEX_UNLOCK_PI"), E(8, "FUTEX_TRYLOCK_PI"),
	  E(9, "FUTEX_WAIT_BITSET"), E(10, "FUTEX_WAKE_BITSET"), E(11, "FUTEX_WAIT_REQUEUE_PI"),
	  E(12, "FUTEX_CMP_REQUEUE_PI"), E(13, "FUTEX_LOCK_PI2"));
static const struct rp_xlat_entry rp_x_grnd_e[] = {E(1, "GRND_NONBLOCK"), E(2, "GRND_RANDOM"),
						   E(4, "GRND_INSECURE")};
const struct rp_xlat rp_x_grnd = {rp_x_grnd_e, 3, true, "GRND_???"};
XLAT_FLAGS(rp_x_rename, E(1, "RENAME_NOREPLACE"), E(2, "RENAME_EXCHANGE"), E(4, "RENAME_WHITEOUT"));
XLAT_FLAGS(rp_x_statx_mask, E(0xfff, "STATX_ALL"), E(0x7ff, "STATX_BASIC_STATS"),
	   E(1, "STATX_TYPE"), E(2, "STATX_MODE"), E(4, "STATX_NLINK"), E(8, "STATX_UID"),
	   E(0x10, "STATX_GID"), E(0x20, "STATX_ATIME"), E(0x40, "STATX_MTIME"),
	   E(0x80, "STATX_CTIME"), E(0x100, "STATX_INO"), E(0x200, "STATX_SIZE"),
	   E(0x400, "STATX_BLOCKS"), E(0x800, "STATX_BTIME"), E(0x1000, "STATX_MNT_ID"),
	   E(0x2000, "STATX_DIOALIGN"));
XLAT_FLAGS(rp_x_statx_attrs, E(0x4, "STATX_ATTR_COMPRESSED"), E(0x10, "STATX_ATTR_IMMUTABLE"),
	   E(0x20, "STATX_ATTR_APPEND"), E(0x40, "STATX_ATTR_NODUMP"),
	   E(0x800, "STATX_ATTR_ENCRYPTED"), E(0x1000, "STATX_ATTR_AUTOMOUNT"),
	   E(0x2000, "STATX_ATTR_MOUNT_ROOT"), E(0x100000, "STATX_ATTR_VERITY"),
	   E(0x200000, "STATX_ATTR_DAX"));
XLAT_ENUM(rp_x_fadvise, "POSIX_FADV_???", E(0, "POSIX_FADV_NORMAL"), E(1, "POSIX_FADV_RANDOM"),
	  E(2, "POSIX_FADV_SEQUENTIAL"), E(3, "POSIX_FADV_WILLNEED"), E(4, "POSIX_FADV_DONTNEED"),
	  E(5, "POSIX_FADV_NOREUSE"));
XLAT_FLAGS(rp_x_close_range, E(2, "CLOSE_RANGE_UNSHARE"), E(4, "CLOSE_RANGE_CLOEXEC"));
XLAT_FLAGS(rp_x_rwf, E(1, "RWF_HIPRI"), E(2, "RWF_DSYNC"), E(4, "RWF_SYNC"), E(8, "RWF_NOWAIT"),
	   E(0x10, "RWF_APPEND"));
XLAT_FLAGS(rp_x_pidfd, E(04000, "PIDFD_NONBLOCK"));
XLAT_FLAGS(rp_x_splice, E(1, "SPLICE_F_MOVE"), E(2, "SPLICE_F_NONBLOCK"), E(4, "SPLICE_F_MORE"),
	   E(8, "SPLICE_F_GIFT"));
XLAT_ENUM(rp_x_prio_which, "PRIO_???", E(0, "PRIO_PROCESS"), E(1, "PRIO_PGRP"), E(2, "PRIO_USER"));
XLAT_ENUM(rp_x_membarrier, "MEMBARRIER_CMD_???", E(0, "MEMBARRIER_CMD_QUERY"),
	  E(1, "MEMBARRIER_CMD_GLOBAL"), E(2, "MEMBARRIER_CMD_GLOBAL_EXPEDITED"),
	  E(4, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED"),
	  E(8, "MEMBARRIER_CMD_PRIVATE_EXPEDITED"),
	  E(16, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED"));
XLAT_ENUM(rp_x_prctl, "PR_???", E(1, "PR_SET_PDEATHSIG"), E(2, "PR_GET_PDEATHSIG"),
	  E(3, "PR_GET_DUMPABLE"), E(4, "PR_SET_DUMPABLE"), E(15, "PR_SET_NAME"),
	  E(16, "PR_GET_NAME"), E(22, "PR_SET_SECCOMP"), E(21, "PR_GET_SECCOMP"),
	  E(23, "PR_CAPBSET_READ"), E(36, "PR_SET_CHILD_SUBREAPER"),
	  E(37, "PR_GET_CHILD_SUBREAPER"), E(38, "PR_SET_NO_NEW_PRIVS"),
	  E(39, "PR_GET_NO_NEW_PRIVS"), E(47, "PR_CAP_AMBIENT"), E(0x59616d61, "PR_SET_PTRACER"),
	  E(1398164801, "PR_SET_VMA"));
XLAT_FLAGS(rp_x_unshare, E(0x80, "CLONE_NEWTIME"), E(0x100, "CLONE_VM"), E(0x200, "CLONE_FS"),
	   E(0x400, "CLONE_FILES"), E(0x800, "CLONE_SIGHAND"), E(0x10000, "CLONE_THREAD"),
	   E(0x20000, "CLONE_NEWNS"), E(0x40000, "CLONE_SYSVSEM"), E(0x2000000, "CLONE_NEWCGROUP"),
	   E(0x4000000, "CLONE_NEWUTS"), E(0x8000000, "CLONE_NEWIPC"),
	   E(0x10000000, "CLONE_NEWUSER"), E(0x20000000, "CLONE_NEWPID"),
	   E(0x40000000, "CLONE_NEWNET"));
XLAT_ENUM(rp_x_si_code_chld, NULL, E(1, "CLD_EXITED"), E(2, "CLD_KILLED"), E(3, "CLD_DUMPED"),
	  E(4, "CLD_TRAPPED"), E(5, "CLD_STOPPED"), E(6, "CLD_CONTINUED"));
/* siginfo's si_arch (SIGSYS from seccomp): AUDIT_ARCH_* of <linux/audit.h> */
XLAT_ENUM(rp_x_audit_arch, "AUDIT_ARCH_???", E(AUDIT_ARCH_X86_64, "AUDIT_ARCH_X86_64"),
	  E(AUDIT_ARCH_I386, "AUDIT_ARCH_I386"), E(AUDIT_ARCH_AARCH64, "AUDIT_ARCH_AARCH64"),
	  E(AUDIT_ARCH_ARM, "AUDIT_ARCH_ARM"), E(AUDIT_ARCH_RISCV64, "AUDIT_ARCH_RISCV64"),
	  E(AUDIT_ARCH_PPC64LE, "AUDIT_ARCH_PPC64LE"), E(AUDIT_ARCH_S390X, "AUDIT_ARCH_S390X"));
XLAT_ENUM(rp_x_si_code, NULL, E(0, "SI_USER"), E(0x80, "SI_KERNEL"), E(-1ull, "SI_QUEUE"),
	  E(-2ull, "SI_TIMER"), E(-3ull, "SI_MESGQ"), E(-4ull, "SI_ASYNCIO"), E(-5ull, "SI_SIGIO"),
	  E(-6ull, "SI_TKILL"), E(-7ull, "SI_DETHREAD"), E(-60ull, "SI_ASYNCNL"));

const struct rp_xlat *rp_xlat_get(enum sc_xlat_id id)
{
	switch (id) {
	case SC_X_OPEN_FLAGS:
		return &rp_x_open_flags;
	case SC_X_AT_FLAGS:
	case SC_X_UNLINKAT_FLAGS:
		return &rp_x_at_flags;
	case SC_X_ACCESS_MODES:
		return &rp_x_access;
	case SC_X_MMAP_PROT:
	case SC_X_PKEY_ACCESS:
		return &rp_x_mmap_prot;
	case SC_X_MMAP_FLAGS:
		return &rp_x_mmap_flags;
	case SC_X_MREMAP_FLAGS:
		return &rp_x_mremap;
	case SC_X_MADVISE_ADVICE:
		return &rp_x_madvise;
	case SC_X_MSYNC_FLAGS:
		return &rp_x_msync;
	case SC_X_MLOCK_FLAGS:
		return &rp_x_mlock;
	case SC_X_CLONE_FLAGS:
		return &rp_x_clone_flags;
	case SC_X_UNSHARE_FLAGS:
		return &rp_x_unshare;
	case SC_X_WAIT_OPTIONS:
		return &rp_x_wait_options;
	case SC_X_WAITID_WHICH:
		return &rp_x_waitid_which;
	case SC_X_SEEK_WHENCE:
		return &rp_x_seek;
	case SC_X_FCNTL_CMD:
		return &rp_x_fcntl_cmd;
	case SC_X_FLOCK_OP:
		return &rp_x_flock;
	case SC_X_IOCTL_CMD:
		return &rp_x_ioctl_cmd;
	case SC_X_SIGPROCMASK_HOW:
		return &rp_x_sigprocmask_how;
	case SC_X_SA_FLAGS:
		return &rp_x_sa_flags;
	case SC_X_SOCKET_DOMAIN:
		return &rp_x_address_family;
	case SC_X_SOCKET_TYPE:
		return &rp_x_socket_type;
	case SC_X_SOCKET_LEVEL:
		return &rp_x_socket_level;
	case SC_X_SOCKET_OPTNAME:
		return &rp_x_socket_optname;
	case SC_X_MSG_FLAGS:
		return &rp_x_msg_flags;
	case SC_X_SHUTDOWN_HOW:
		return &rp_x_shutdown;
	case SC_X_ACCEPT4_FLAGS:
		return &rp_x_socket_type_flags;
	case SC_X_PIPE_FLAGS:
	case SC_X_DUP3_FLAGS:
		return &rp_x_open_flags;
	case SC_X_EPOLL_CTL_OP:
		return &rp_x_epoll_ctl;
	case SC_X_EPOLL_CREATE_FLAGS:
		return &rp_x_epoll_create;
	case SC_X_EVENTFD_FLAGS:
		return &rp_x_eventfd;
	case SC_X_TIMERFD_FLAGS:
		return &rp_x_timerfd;
	case SC_X_TIMERFD_SETTIME_FLAGS:
		return &rp_x_timerfd_settime;
	case SC_X_SIGNALFD_FLAGS:
		return &rp_x_signalfd;
	case SC_X_INOTIFY_INIT_FLAGS:
		return &rp_x_inotify_init;
	case SC_X_MEMFD_FLAGS:
		return &rp_x_memfd;
	case SC_X_CLOCK_ID:
		return &rp_x_clockid;
	case SC_X_TIMER_FLAGS:
		return &rp_x_timer_flags;
	case SC_X_ITIMER_WHICH:
		return &rp_x_itimer_which;
	case SC_X_RLIMIT_RESOURCE:
		return &rp_x_rlimit;
	case SC_X_RUSAGE_WHO:
		return &rp_x_rusage_who;
	case SC_X_PRCTL_OPTION:
		return &rp_x_prctl;
	case SC_X_ARCH_PRCTL_CODE:
		return &rp_x_arch_prctl;
	case SC_X_FUTEX_OP:
		return &rp_x_futex_op;
	case SC_X_MEMBARRIER_CMD:
		return &rp_x_membarrier;
	case SC_X_GETRANDOM_FLAGS:
		return &rp_x_grnd;
	case SC_X_RENAME_FLAGS:
		return &rp_x_rename;
	case SC_X_STATX_MASK:
		return &rp_x_statx_mask;
	case SC_X_CLOSE_RANGE_FLAGS:
		return &rp_x_close_range;
	case SC_X_RWF_FLAGS:
		return &rp_x_rwf;
	case SC_X_PIDFD_FLAGS:
		return &rp_x_pidfd;
	case SC_X_SPLICE_FLAGS:
	case SC_X_TEE_FLAGS:
		return &rp_x_splice;
	case SC_X_PRIO_WHICH:
		return &rp_x_prio_which;
	case SC_X_FADVISE_ADVICE:
		return &rp_x_fadvise;
	default:
		break;
	}
	static const rp_xlat_hook_fn family_hooks[] = {
	    rp_xlat_file, rp_xlat_io,	rp_xlat_memory, rp_xlat_process, rp_xlat_signal,
	    rp_xlat_net,  rp_xlat_time, rp_xlat_ipc,	rp_xlat_sync,
	};
	for (size_t i = 0; i < sizeof(family_hooks) / sizeof(family_hooks[0]); i++) {
		const struct rp_xlat *const x = family_hooks[i](id);
		if (x)
			return x;
	}
	return NULL;
}
