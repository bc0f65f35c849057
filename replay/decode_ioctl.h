/* ioctl's decoders (decode_ioctl*.c), one per command family as strace 6.1
 * groups them: by the command's _IOC type. decode_ioctl.c prints the
 * descriptor and the command (its name from common/xlat/ioctl_cmd*.in),
 * then asks the family of the command's type for the argument. A family
 * prints the argument of a command it decodes (after the comma the caller
 * printed, nothing for a command without one) and returns true; for any
 * other command it prints nothing and returns false, and the caller prints
 * the argument in hex, as strace does for commands it does not know.
 *
 * The recorder captures what the families print by the ioctl rules of
 * common/syscall_conds_<arch>.def: the _IOC_SIZE bytes the command's
 * direction bits name, or a struct a rule names for the commands whose
 * number does not say (loop's, BLKPG's). */
#ifndef STREC_REPLAY_DECODE_IOCTL_H
#define STREC_REPLAY_DECODE_IOCTL_H

#include "rp_internal.h"

#include <stdbool.h>
#include <stdint.h>

#define RP_IOC_TYPE(cmd) (((cmd) >> 8) & 0xffu)

/* Families, by _IOC type. */
bool rp_ioctl_tty(struct rp_ctx *c, uint32_t cmd);	/* 'T': terminals */
bool rp_ioctl_block(struct rp_ctx *c, uint32_t cmd);	/* 0x12: block devices */
bool rp_ioctl_hdio(struct rp_ctx *c, uint32_t cmd);	/* 0x03: IDE disks */
bool rp_ioctl_loop(struct rp_ctx *c, uint32_t cmd);	/* 'L': loop devices */
bool rp_ioctl_nbd(struct rp_ctx *c, uint32_t cmd);	/* 0xab: network block devices */
bool rp_ioctl_fs_x(struct rp_ctx *c, uint32_t cmd);	/* 'X': freeze, trim, fsxattr */
bool rp_ioctl_fs_f(struct rp_ctx *c, uint32_t cmd);	/* 'f': inode flags, fiemap */
bool rp_ioctl_btrfs(struct rp_ctx *c, uint32_t cmd);	/* 0x94: clones */
bool rp_ioctl_gpio(struct rp_ctx *c, uint32_t cmd);	/* 0xb4: GPIO chips and lines */
bool rp_ioctl_counter(struct rp_ctx *c, uint32_t cmd);	/* '>' */
bool rp_ioctl_inotify(struct rp_ctx *c, uint32_t cmd);	/* 'I' */
bool rp_ioctl_random(struct rp_ctx *c, uint32_t cmd);	/* 'R' */
bool rp_ioctl_watchdog(struct rp_ctx *c, uint32_t cmd); /* 'W' */
bool rp_ioctl_ubi(struct rp_ctx *c, uint32_t cmd);	/* 'o', 'O' (decode_ioctl_ubi.c) */
bool rp_ioctl_mtd(struct rp_ctx *c, uint32_t cmd);	/* 'M' (decode_ioctl_mtd.c) */
bool rp_ioctl_scsi(struct rp_ctx *c, uint32_t cmd);   /* 0x22: SCSI generic (decode_ioctl_scsi.c) */
bool rp_ioctl_tee(struct rp_ctx *c, uint32_t cmd);    /* 0xa4: TEE (decode_ioctl_tee.c) */
bool rp_ioctl_dm(struct rp_ctx *c, uint32_t cmd);     /* 0xfd: device mapper (decode_ioctl_dm.c) */
bool rp_ioctl_nsfs(struct rp_ctx *c, uint32_t cmd);   /* 0xb7: namespaces */
bool rp_ioctl_perf(struct rp_ctx *c, uint32_t cmd);   /* '$': perf events */
bool rp_ioctl_ptp(struct rp_ctx *c, uint32_t cmd);    /* '=': PTP hardware clocks */
bool rp_ioctl_rtc(struct rp_ctx *c, uint32_t cmd);    /* 'p': real-time clocks */
bool rp_ioctl_uffdio(struct rp_ctx *c, uint32_t cmd); /* 0xaa: userfaultfd */
bool rp_ioctl_seccomp(struct rp_ctx *c, uint32_t cmd); /* '!': seccomp notifications */
bool rp_ioctl_evdev(struct rp_ctx *c, uint32_t cmd);   /* 'E': input devices */
bool rp_ioctl_sock(struct rp_ctx *c, uint32_t cmd);    /* 0x89: sockets, interfaces */

/* The name of a command whose number holds a parameter, as strace spells
 * it (EVIOCGABS(ABS_X)), into b in the -X style st: false when cmd is not
 * one. */
bool rp_ioctl_evdev_name(uint32_t cmd, enum rp_xlat_style st, struct rp_buf *b);
/* 'M': the sound mixer's MIXER_READ(N) and MIXER_WRITE(N), which strace
 * names every _IOR and _IOW of the type by (MTD's commands share it) */
bool rp_ioctl_mixer_name(uint32_t cmd, enum rp_xlat_style st, struct rp_buf *b);

#endif
