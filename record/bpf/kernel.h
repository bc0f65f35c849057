/* The few kernel structures strec's BPF program reads, declared by hand
 * with only the fields it uses. preserve_access_index makes every access a
 * CO-RE relocation: libbpf finds each field by name in the running kernel's
 * BTF (/sys/kernel/btf/vmlinux) at load time, so neither layout nor member
 * order here has to match the kernel's, and no generated vmlinux.h is
 * needed. */
#ifndef STREC_RECORD_BPF_KERNEL_H
#define STREC_RECORD_BPF_KERNEL_H

#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;
typedef int pid_t;
typedef _Bool bool;
#define true 1
#define false 0

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax, ip, cs, flags, sp, ss;
};

struct thread_info {
	u32 status; /* TS_COMPAT: an int 0x80 / 32-bit call */
};

struct qstr {
	u32 len;
	const unsigned char *name;
};

struct super_block {
	unsigned long s_magic;
};

struct inode {
	unsigned short i_mode;
	unsigned int i_rdev;
	unsigned long i_ino;
	struct super_block *i_sb;
	void *i_private;
};

struct hlist_bl_node {
	struct hlist_bl_node *next, **pprev;
};

struct dentry;
struct dentry_operations {
	char *(*d_dname)(struct dentry *, char *, int);
};

struct dentry {
	struct hlist_bl_node d_hash;
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
};

struct proc_ns_operations {
	const char *name;
};

struct ns_common {
	const struct proc_ns_operations *ops;
	unsigned int inum; /* the namespace's inode (/proc/PID/ns/...) */
};

struct pid_namespace {
	struct ns_common ns;
};

struct vfsmount {
	struct dentry *mnt_root;
};

struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	void *private_data;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct upid {
	int nr;
	struct pid_namespace *ns;
};

struct pid {
	unsigned int level;	    /* of the namespace it was made in */
	struct hlist_head tasks[4]; /* PIDTYPE_PID first */
	struct upid numbers[1];	    /* the id in each namespace, the initial one's first */
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
};

struct files_struct {
	struct fdtable *fdt;
};

struct fs_struct {
	struct path root, pwd;
};

struct mm_struct {
	unsigned long arg_start, arg_end, env_start, env_end;
};

typedef struct {
	unsigned long sig[1];
} sigset_t;

struct sigpending {
	sigset_t signal;
};

struct task_struct;

struct signal_struct {
	unsigned int flags; /* SIGNAL_GROUP_EXIT */
	int group_exit_code;
	struct task_struct *group_exec_task; /* the thread a non-leader exec runs in */
	struct pid *pids[4];		     /* PIDTYPE_PID, _TGID, _PGID, _SID */
};

struct task_struct {
	struct thread_info thread_info;
	pid_t pid;
	pid_t tgid;
	int exit_code;
	struct mm_struct *mm;
	struct files_struct *files;
	struct fs_struct *fs;
	struct sigpending pending;
	struct signal_struct *signal;
	struct hlist_node pid_links[4];
	struct pid *thread_pid;
};

/* Sockets (strace -yy): what getsockname, getpeername, SO_TYPE,
 * SO_PROTOCOL and the protocol's name would say. */
struct sb_in6 {
	u8 bytes[16];
};

struct proto {
	char name[32];
};

struct sock_common {
	u32 skc_daddr, skc_rcv_saddr; /* big-endian */
	u16 skc_dport;		      /* big-endian */
	u16 skc_num;		      /* the bound port: 0 once the kernel let it go */
	unsigned short skc_family;
	struct sb_in6 skc_v6_daddr, skc_v6_rcv_saddr;
	struct proto *skc_prot;
};

struct socket;
struct sock {
	struct sock_common __sk_common;
	u16 sk_type;
	u16 sk_protocol;
	struct socket *sk_socket;
};

struct socket {
	struct sock *sk;
	struct file *file;
};

struct inet_sock {
	struct sock sk;
	u16 inet_sport; /* big-endian: what getsockname says */
};

struct sb_sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
};

struct unix_address {
	int len;
	struct sb_sockaddr_un name[1]; /* len bytes of it */
};

struct unix_sock {
	struct sock sk;
	struct unix_address *addr;
	struct sock *peer;
};

struct netlink_sock {
	struct sock sk;
	u32 portid;
	u32 ngroups;
	unsigned long *groups;
};

struct linux_binprm {
	struct file *file;
	const char *filename;
};

typedef void (*__sighandler_t)(int);
struct sigaction {
	__sighandler_t sa_handler;
};

struct k_sigaction {
	struct sigaction sa;
};

struct kernel_siginfo {
	int si_signo;
};

#pragma clang attribute pop

#endif
