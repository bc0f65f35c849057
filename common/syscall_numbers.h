/* Each syscall's number by name, for code that must single one out (and
 * look its row up by number): SC_NR_<name> on x86_64, SC_NR32_<name> on
 * i386. Generated from the rows of the syscall table; no name is compared
 * at run time. Not installed: the numbers are this build's. */
#ifndef STREC_COMMON_SYSCALL_NUMBERS_H
#define STREC_COMMON_SYSCALL_NUMBERS_H

#define SYSCALL(nr_, name_, ...)   SC_NR_##name_ = (nr_),
#define SYSCALL_D(nr_, name_, ...) SC_NR_##name_ = (nr_),
enum sc_nr_x86_64 {
#include "syscalls_x86_64.def"
};
#undef SYSCALL
#undef SYSCALL_D
#define SYSCALL(nr_, name_, ...)   SC_NR32_##name_ = (nr_),
#define SYSCALL_D(nr_, name_, ...) SC_NR32_##name_ = (nr_),
enum sc_nr_i386 {
#include "syscalls_i386.def"
};
#undef SYSCALL
#undef SYSCALL_D

#endif
