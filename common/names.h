/* errno and signal names as strace prints them. */
#ifndef STREC_COMMON_NAMES_H
#define STREC_COMMON_NAMES_H

/* "ENOENT", or NULL when err (positive) has no name. Includes the kernel's
 * internal restart codes (ERESTARTSYS 512 ...), which tracers can see. */
const char *strec_errno_name(int err);
/* strace's text for it: "No such file or directory",
 * "To be restarted if SA_RESTART is set"; NULL when unknown. */
const char *strec_errno_text(int err);
/* The number of an errno name ("ENOENT"), or -1. */
int strec_errno_from_name(const char *name);
/* Whether err (positive) is one of the kernel's restart codes, ERESTARTSYS
 * (512) .. ERESTART_RESTARTBLOCK (516): the call was interrupted by a
 * signal and never returned this to the program. */
static inline int strec_errno_is_restart(int err)
{
	return err >= 512 && err <= 516;
}

/* "SIGCHLD"; real-time signals as strace 6.1 prints them on x86_64: 32 is
 * "SIGRTMIN", 33.. are "SIGRT_1".."SIGRT_32"; NULL when out of range. */
const char *strec_signal_name(int sig);
/* The number of "SIGCHLD", "CHLD", "chld", "SIGRT_2" or a decimal, or -1. */
int strec_signal_from_name(const char *name);

#endif
