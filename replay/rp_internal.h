/* Internals shared by the decoding library's files: the value emitter that
 * renders one decoded value as strace text or as JSON, the flag tables and
 * the per-family decoders. */
#ifndef STREC_REPLAY_RP_INTERNAL_H
#define STREC_REPLAY_RP_INTERNAL_H

#include "replay.h"
#include "xlat.h"
#include "xlat_sets.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- xlat: named values and flag bits, in strace's printing order ---- */

/* The set the syscall table's id names, or NULL when it has none (the
 * table test checks that every id a row uses has one). */
const struct rp_xlat *rp_xlat_get(enum sc_xlat_id id);
/* Name of value v in x, or NULL. */
const char *rp_xlat_lookup(const struct rp_xlat *x, uint64_t v);

/* ---- emitter ---- */

#define RP_EMIT_DEPTH 16

enum { RP_EMIT_MAX_ARGS = 7 };

struct rp_emit {
	struct rp_buf *out;
	const struct rp_print_opts *opts;
	bool json;
	int depth;
	bool sep[RP_EMIT_DEPTH]; /* a value was emitted at this depth */
	bool after_key;
	/* JSON: this level is an array, and a key given in it opened a
	 * one-key object that the next value or close ends */
	bool array[RP_EMIT_DEPTH], wrapped[RP_EMIT_DEPTH];
	/* Where in out each top-level value (a call's argument) starts, and
	 * where the level closes: how much strace prints at a call's entry,
	 * without reading the text back. */
	size_t arg_at[RP_EMIT_MAX_ARGS];
	unsigned nargs;
	size_t args_end; /* the closing ')' once printed, else 0 */
};

void rp_e_init(struct rp_emit *e, struct rp_buf *out, const struct rp_print_opts *opts);
/* '(' / '{' / '[' open a level; the matching close ends it. Arguments are
 * '(' ')' in text and a JSON array. */
void rp_e_open(struct rp_emit *e, char c);
void rp_e_close(struct rp_emit *e, char c);
void rp_e_key(struct rp_emit *e, const char *key);
void rp_e_int(struct rp_emit *e, int64_t v);
/* A process, thread, group or session id: an int, RP_ID_MARK before it
 * when opts.mark_ids asks (rp_buf_mark_id). */
void rp_e_id(struct rp_emit *e, int64_t v);
void rp_e_uint(struct rp_emit *e, uint64_t v);
void rp_e_hex(struct rp_emit *e, uint64_t v);
void rp_e_octal(struct rp_emit *e, uint64_t v);
void rp_e_ptr(struct rp_emit *e, uint64_t addr);
/* "key=value" in one call, for struct fields */
/* Whether ids get RP_ID_MARK before them: when o asks, in text only. */
static inline bool rp_marks_ids(const struct rp_print_opts *o)
{
	return o->mark_ids && !o->json;
}
/* RP_ID_MARK, when o asks for it (rp_marks_ids): before an id printed
 * without an emitter (a result, a line of print.c). */
static inline void rp_buf_mark_id(struct rp_buf *b, const struct rp_print_opts *o)
{
	if (rp_marks_ids(o))
		rp_buf_putc(b, RP_ID_MARK);
}
static inline void rp_e_key_int(struct rp_emit *e, const char *key, int64_t v)
{
	rp_e_key(e, key);
	rp_e_int(e, v);
}
static inline void rp_e_key_uint(struct rp_emit *e, const char *key, uint64_t v)
{
	rp_e_key(e, key);
	rp_e_uint(e, v);
}
static inline void rp_e_key_hex(struct rp_emit *e, const char *key, uint64_t v)
{
	rp_e_key(e, key);
	rp_e_hex(e, v);
}
static inline void rp_e_key_ptr(struct rp_emit *e, const char *key, uint64_t addr)
{
	rp_e_key(e, key);
	rp_e_ptr(e, addr);
}
/* A clock_t in USER_HZ ticks: "15 /" "* 0.15 s *" "/" (no comment when 0 or
 * with -X raw), as strace prints times() and SIGCHLD's si_utime. */
void rp_e_clock_ticks(struct rp_emit *e, uint64_t ticks);
/* A symbolic name: bare in text, a JSON string. */
void rp_e_sym(struct rp_emit *e, const char *name);
/* Preformatted text: as is in text, a JSON string. */
void rp_e_raw(struct rp_emit *e, const char *text);
void rp_e_rawf(struct rp_emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flag set: "A|B|0x40" in text, ["A","B","0x40"] in JSON. */
void rp_e_flags(struct rp_emit *e, const struct rp_xlat *x, uint64_t v);
/* pre|flags|post, each part optional (the flags are left out when v is
 * 0 and pre or post is given): open's access mode, mmap's type, clone's
 * exit signal. With -X raw or verbose the text is whole in hex (verbose:
 * then the names in a comment). */
void rp_e_flags_pre(struct rp_emit *e, uint64_t whole, const char *pre, const struct rp_xlat *x,
		    uint64_t v, const char *post);
/* One of a set: "SEEK_SET" or "0x63 /" "* SEEK_??? *" "/". */
void rp_e_enum(struct rp_emit *e, const struct rp_xlat *x, uint64_t v);
/* The same with an unknown value in signed decimal (strace's printxval_d). */
void rp_e_enum_d(struct rp_emit *e, const struct rp_xlat *x, int64_t v);
/* -X: a named value as its name (abbrev, and always in JSON), its number
 * (raw) or "number /" "* name *" "/" (verbose); num is the number's text.
 * name NULL: the number alone. symx: the number in hex, symd: decimal. */
void rp_e_named(struct rp_emit *e, const char *num, const char *name);
void rp_e_symx(struct rp_emit *e, const char *name, uint64_t v);
void rp_e_symd(struct rp_emit *e, const char *name, int64_t v);
/* The -X style of e's output (JSON: always names). */
enum rp_xlat_style rp_e_xstyle(const struct rp_emit *e);
/* The same as text, for composed values: a named number; a flag set; one
 * of a set (hex). */
void rp_xlat_named_text(struct rp_buf *b, enum rp_xlat_style st, const char *num, const char *name);
void rp_xlat_flags_text(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
			uint64_t v);
void rp_xlat_enum_text(struct rp_buf *b, enum rp_xlat_style st, const struct rp_xlat *x,
		       uint64_t v);
/* Quoted bytes; more: add "..." even when not cut here. */
void rp_e_bytes(struct rp_emit *e, const uint8_t *data, size_t len, bool cstring, bool more);
void rp_e_bytes_hex(struct rp_emit *e, const uint8_t *data, size_t len, bool more);
/* rp_e_bytes whatever -s says: paths, names, fixed-size fields */
void rp_e_bytes_whole(struct rp_emit *e, const uint8_t *data, size_t len, bool cstring, bool more);
/* Text-only " /" "* c *" "/" after the previous value; nothing in JSON. */
void rp_e_comment(struct rp_emit *e, const char *c);
/* The "..." that ends an abbreviated struct or array (text only). */
void rp_e_ellipsis(struct rp_emit *e);
/* Text-only fragment glued to the previous value (" => ", "*1024"). */
void rp_e_glue(struct rp_emit *e, const char *text);
/* strace's " => " between a value as the call was given it and as the call
 * left it (text only: JSON callers print the value once): the next value
 * or key follows with no separator. */
void rp_e_changed(struct rp_emit *e);
/* text between two values printed as one (text only), the next value with
 * no separator: swapon's "SWAP_FLAG_PREFER" "|" "42" */
void rp_e_join(struct rp_emit *e, const char *text);

/* Flags and sets as text, for composing raw values. */
void rp_flags_text(struct rp_buf *b, const struct rp_xlat *x, uint64_t v);
/* Whether some named bit of x is set in v (flag tables whose unknown is
 * set print "0x80 /" "* X_??? *" "/" when none is). */
bool rp_flags_any_known(const struct rp_xlat *x, uint64_t v);

/* siginfo_t as strace prints it in "--- SIG ... ---" and rt_sigqueueinfo. */
/* What a siginfo's descriptor and pids are named from: the session for -y
 * (NULL: numbers only) and for --pidns-translation (NULL: no translation),
 * and the task whose view that is. */
struct rp_si_names {
	const struct rp_session *fds, *pids;
	uint32_t tid;
};
void rp_print_siginfo(struct rp_emit *e, const uint8_t *si, size_t len,
		      const struct rp_si_names *names);

/* ---- decoding ---- */

struct rp_ctx {
	struct rp_emit *e;
	const struct rp_event *ev;
	const struct rp_syscall *sc;
	const struct rp_session *session;
	const struct rp_print_opts *opts;
	bool exiting_ok; /* finished and not failed: OUT memory is meaningful */
	/* strace's verbose(tcp): structures, arrays, sets and the values
	 * behind pointers are printed (else their addresses; strings, paths
	 * and buffers are printed either way); -e verbose=SET */
	bool deref;
};

/* The pid ns records of a trace (pidns.c): the latest of each task. */
struct rp_pidns;
/* own_ns, own_level: the header's pid_ns and pid_ns_level. NULL: no memory. */
struct rp_pidns *rp_pidns_new(uint64_t own_ns, uint32_t own_level);
void rp_pidns_free(struct rp_pidns *p);
/* Task tid's record: 0, or -ENOMEM. */
int rp_pidns_put(struct rp_pidns *p, uint32_t tid, const struct strtrc_pidns *r);
/* Id v of the given type as task tid saw it, in the recorder's namespace:
 * 0 when no record says (tid in the recorder's namespace, v unknown). */
uint32_t rp_pidns_translate(const struct rp_pidns *p, uint32_t tid, int64_t v,
			    enum sc_pid_type type);
/* strace --pidns-translation's " /" "* N in strace's PID NS *" "/" after id
 * v of type t the task of c saw (nothing when the recorder saw it as v, or
 * nothing says); the text without the comment marks into buf, else "". */
const char *rp_pid_translation(const struct rp_ctx *c, int64_t v, enum sc_pid_type t, char *buf,
			       size_t size);
/* An id: v, then its translation (rp_pid_translation) as a comment. */
void rp_e_pid(struct rp_ctx *c, int64_t v, enum sc_pid_type t);
/* Argument i, a SC_ARG_PID of its row, by rp_e_pid (kill's -PGID too). */
void rp_arg_pid(struct rp_ctx *c, unsigned i);

/* Decodes the arguments of ctx->sc into ctx->e (inside the open '(') by the
 * decoder its table row names. */
void rp_decode_args(struct rp_ctx *c);
/* The text after "= " of a call that succeeded: the descriptor it returned
 * as -y names it, else as its row's return-value style says. */
void rp_decode_rval(struct rp_ctx *c, struct rp_buf *b);
/* "N<path>" as strace -y prints a descriptor (-x, -xx: xflag). */
/* "N<...>" as strace prints descriptor fd of that path under the decode
 * modes of o (-y, -yy): a socket's details (as they were at ts), else its
 * path; "N" alone when the modes show nothing of it. */
struct rp_fd_name {
	const char *path;
	size_t len;
	int32_t pidfd_pid; /* a pidfd's process (-yy's "<pid:N>"), else 0 */
	bool as_is;	   /* a " (deleted)" ending is part of the name */
};
void rp_fd_text(struct rp_buf *b, int64_t fd, const struct rp_fd_name *n,
		const struct rp_print_opts *o, uint64_t ts);
/* The name a result record gives (its link) of a descriptor of call sc */
struct rp_fd_name rp_fd_name_of_link(const struct rp_syscall *sc, const struct rp_mem *link);
/* The name the session knows of fd of tid's process; false when none. */
bool rp_fd_name_in_session(const struct rp_session *s, uint32_t tid, int fd, struct rp_fd_name *n);
/* The process a pidfd named by result record link refers to, as the
 * recorder read it (STRTRC_ARG_PIDFD; -yy's "<pid:N>"), or 0. */
int32_t rp_link_pidfd_pid(const struct rp_syscall *sc, const struct rp_mem *link);
/* "<path>", the part after the number: a deleted file's " (deleted)"
 * after the brackets, unless as_is (the name ends so). */
void rp_fd_path_text(struct rp_buf *b, const char *path, size_t len, bool as_is, int xflag);

/* Generic printing of argument i per its table kind. */
void rp_arg_generic(struct rp_ctx *c, unsigned i);
void rp_arg_fd(struct rp_ctx *c, int64_t fd);
/* Flag argument i's value as its row says: an int's 32 bits, or all 64
 * (A_FLAGS_LONG). */
uint64_t rp_flags_arg(const struct rp_ctx *c, unsigned i);
void rp_arg_remote_fd(struct rp_ctx *c, int64_t fd);
/* Whether an array printed k elements already, as many as -s allows
 * without -v: then it says "..." and the caller stops. */
bool rp_array_cut(struct rp_ctx *c, size_t k);
/* The same rule alone, for arrays composed as text: whether element k is
 * past what -s allows (the text then says "..."). */
bool rp_array_cut_at(const struct rp_print_opts *o, size_t k);
/* strace's print_array over argument i's memory (at its entry, or its exit
 * for an output): NULL; [] for no elements; the address when not even the
 * first element can be read (or -e verbose= says not to, or an output of
 * a failed call); the elements until -s cuts them or the memory ends,
 * "... /" "* address *" "/" then. */
/* strace's print_nonzero_bytes for an extensible struct given more bytes
 * than strec knows (openat2's how): inside the struct, bytes [from, to) of
 * the capture m: nothing when all zero, "???" when not all were read, else
 * "/" "* bytes FROM..TO-1 *" "/ " and the bytes in hex (cut by -s). */
void rp_print_struct_tail(struct rp_ctx *c, const struct rp_mem *m, size_t from, uint64_t to);
typedef void (*rp_elem_fn)(struct rp_ctx *c, const uint8_t *elem, size_t size);
/* An element that is an int (print_int_array_member). */
void rp_print_int_elem(struct rp_ctx *c, const uint8_t *elem, size_t size);
void rp_print_array(struct rp_ctx *c, unsigned i, bool at_exit, uint64_t nmemb, size_t elem_size,
		    rp_elem_fn print_elem);
/* An element of an array of struct iovec whose buffers strace does not
 * show: "{iov_base=ADDR, iov_len=N}" */
void rp_print_iovec_addr(struct rp_ctx *c, const uint8_t *p, size_t size);
/* The same for an array at addr that the recorder captured as m (NULL:
 * not captured, or not to be shown). */
void rp_print_array_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t nmemb,
			size_t elem_size, rp_elem_fn print_elem);
/* [v, ...] of n unsigned elem-byte values (1, 2, 4 or 8) at base, in hex:
 * an array strace prints whole (PRINT_FIELD_X_ARRAY), or one -s cuts
 * (print_array: cut). */
void rp_print_hex_array(struct rp_ctx *c, const void *base, size_t n, size_t elem, bool cut);
/* The same, "..." after max_elems elements however big -s is (a limit of
 * the call's: futex_waitv's FUTEX_WAITV_MAX). */
void rp_print_array_mem_max(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t nmemb,
			    uint64_t max_elems, size_t elem_size, rp_elem_fn print_elem);
/* struct perf_event_attr at arg i as strace prints it, read as far as its
 * size says (decode_perf.c): perf_event_open's, PERF_EVENT_IOC_MODIFY_ATTRIBUTES'. */
void rp_print_perf_event_attr(struct rp_ctx *c, unsigned i);
/* Classic BPF (decode_bpf_filter.c): the struct sock_fprog of a seccomp
 * or socket filter at arg i, "{len=N, filter=[BPF_STMT(...), ...]}" (the
 * instructions under -v only, as strace); n instructions at arg i that the
 * exit wrote (PTRACE_SECCOMP_GET_FILTER, SO_GET_FILTER). */
void rp_print_seccomp_fprog(struct rp_ctx *c, unsigned i);
void rp_print_socket_fprog(struct rp_ctx *c, unsigned i);
void rp_print_seccomp_filter(struct rp_ctx *c, unsigned i, uint64_t n);
void rp_print_socket_filter(struct rp_ctx *c, unsigned i, uint64_t n);
/* One socket filter instruction (8 bytes at p) as BPF_STMT(...) or
 * BPF_JUMP(...), absolute loads from special areas as SKF_AD_OFF+... */
void rp_print_socket_filter_insn(struct rp_ctx *c, const uint8_t *p);
void rp_buf_fd(const struct rp_ctx *c, struct rp_buf *b, int32_t fd);
/* The session to name descriptors from under -y/-yy (text only), else
 * NULL. */
static inline const struct rp_session *rp_fd_names(const struct rp_ctx *c)
{
	return c->opts->decode_fds && !c->e->json ? c->session : NULL;
}
/* A call's rp_si_names */
static inline struct rp_si_names rp_si_names_of(const struct rp_ctx *c)
{
	const struct rp_si_names n = {rp_fd_names(c),
				      c->opts->pidns_translation ? c->session : NULL, c->ev->tid};
	return n;
}
const struct rp_mem *rp_new_fd_link(const struct rp_ctx *c, int32_t fd);
void rp_arg_dirfd(struct rp_ctx *c, int64_t fd);
/* open's flags: the access mode, then the other flags ("O_WRONLY|O_CREAT");
 * an int's, or all 64 bits (openat2's open_how) */
void rp_print_open_modes(struct rp_ctx *c, uint64_t v);
void rp_print_open_flags64(struct rp_ctx *c, uint64_t f);
/* Flags of open's set without an access mode (dup3's, pipe2's, seccomp's
 * newfd_flags), with the "O_???" comment strace gives their unknown bits
 * (open's own flags have none). */
void rp_print_open_flags(struct rp_ctx *c, uint64_t v);
/* strace's sprinttime_nsec/_usec comment after a time: local time, the
 * fraction of digits digits (9: ns, 6: us) only when nonzero; none at all
 * for the epoch itself or a fraction not below a second. */
void rp_e_time_comment(struct rp_emit *e, int64_t sec, uint64_t frac, int digits);
/* A reserved or padding field of n u32s, "key=[0x.., ...]", when any is
 * nonzero: whole (strace's PRINT_FIELD_X_ARRAY) or cut by -s (cut:
 * PRINT_FIELD_ARRAY). */
void rp_print_nonzero_u32s(struct rp_ctx *c, const char *key, const void *words, size_t n,
			   bool cut);
/* A device number as strace prints st_rdev: makedev(0x8, 0x1). */
void rp_print_dev(struct rp_emit *e, uint64_t dev);
/* A fixed-size char array field as strace's print_quoted_cstring: up to
 * its NUL, else its first size - 1 bytes and "..."; -s does not apply. */
void rp_print_cstring_field(struct rp_ctx *c, const void *field, size_t size);
/* "__NR_name" of syscall nr of an audit arch into buf, or NULL when the
 * arch or the number is unknown. */
const char *rp_syscall_nr_name(uint32_t arch, int64_t nr, char *buf, size_t size);
void rp_arg_path(struct rp_ctx *c, unsigned i);
void rp_arg_generic_strvec(struct rp_ctx *c, unsigned i);
void rp_arg_str(struct rp_ctx *c, unsigned i);
/* The same for the string at addr captured as m (a pointee): the address
 * when there is nothing to show. */
void rp_print_str_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m);
/* rp_arg_str_len's string of at most len bytes at addr, captured as m */
void rp_print_str_len_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, size_t len);
/* The same, as strace's printstr_ex of a NUL-terminated string of at most
 * len bytes (reboot's command line): up to -s of them, "..." when no NUL
 * came within what is shown. */
void rp_arg_str_len(struct rp_ctx *c, unsigned i, size_t len);
/* The same, read as strace reads a string of at most max bytes (prctl's
 * PR_SET_NAME: 15): those bytes and "..." when no NUL is among them. */
void rp_arg_str_max(struct rp_ctx *c, unsigned i, size_t max);
/* Buffer arg i of len bytes (entry or exit memory as dir says). */
void rp_arg_buf(struct rp_ctx *c, unsigned i, uint64_t len, bool at_exit, bool hex);
/* The same for len bytes at addr captured as m (a pointee): the address
 * when there is nothing to show. */
void rp_print_buf_mem(struct rp_ctx *c, uint64_t addr, const struct rp_mem *m, uint64_t len,
		      bool hex);
void rp_arg_int(struct rp_ctx *c, unsigned i);
void rp_arg_uint(struct rp_ctx *c, unsigned i);
void rp_arg_ulong(struct rp_ctx *c, unsigned i);
void rp_arg_ptr(struct rp_ctx *c, unsigned i);
/* Out struct: its memory when the call succeeded, else the address;
 * NULL as NULL. Returns the memory or NULL when the caller printed nothing
 * more to do. */
const struct rp_mem *rp_arg_mem(struct rp_ctx *c, unsigned i, bool at_exit, size_t need);
/* "[N]" of the int behind arg i: as the kernel read it (at entry) or
 * wrote it (at exit, when the call succeeded); the address, or NULL, when
 * there is nothing to show. The same for a 32-bit flag word ("[FLAGS]")
 * and a u64 (in decimal or hex). */
void rp_arg_int_at(struct rp_ctx *c, unsigned i, bool at_exit);
/* The same for an int that is a process, group or session id (rp_e_id). */
void rp_arg_id_at(struct rp_ctx *c, unsigned i, bool at_exit);
void rp_arg_flags_at(struct rp_ctx *c, unsigned i, const struct rp_xlat *x, bool at_exit);
void rp_arg_u64_at(struct rp_ctx *c, unsigned i, bool at_exit, bool hex);
/* rp_arg_mem's struct of size bytes copied into out: false after printing
 * the address (or NULL) when there is nothing to show. */
bool rp_arg_copy(struct rp_ctx *c, unsigned i, bool at_exit, void *out, size_t size);
/* What a successful call wrote back into the struct behind arg i, copied
 * into out; false, printing nothing, when the call failed or that memory
 * was not captured (the " => {...}" strace adds to an in/out struct). */
bool rp_arg_written(const struct rp_ctx *c, unsigned i, void *out, size_t size);
/* The same for a string the kernel wrote (getcwd, PR_GET_NAME): printed
 * under -e verbose= too, as strace prints strings. */
const struct rp_mem *rp_arg_mem_str(struct rp_ctx *c, unsigned i, bool at_exit, size_t need);
/* How many bytes of a len-byte string strace reads before it prints it
 * (printstr_ex): -s + 1, to know whether "..." follows, at most len. When
 * they cannot all be read, it prints the address instead. */
static inline uint64_t rp_str_read_len(const struct rp_print_opts *o, uint64_t len)
{
	return len < (uint64_t)o->max_strlen + 1 ? len : (uint64_t)o->max_strlen + 1;
}
/* strace's !verbose(tcp) (-e verbose=): the address rather than what is
 * behind it; true when that was printed and the caller prints no more. */
static inline bool rp_addr_only(struct rp_ctx *c, uint64_t addr)
{
	if (c->deref)
		return false;
	rp_e_ptr(c->e, addr);
	return true;
}
/* struct iovec[cnt] of arg i with the buffers' bytes (out: as the call
 * filled them, up to its return) (decode_io.c). */
void rp_print_iovec(struct rp_ctx *c, unsigned i, uint64_t cnt, bool out);
/* pselect6's and io_pgetevents' {sigmask=[...], sigsetsize=N} at arg i */
void rp_print_sigset_pack(struct rp_ctx *c, unsigned i);
/* An I/O priority: "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)", the class in
 * the -X style (decode_process.c). */
void rp_ioprio_text(struct rp_buf *b, enum rp_xlat_style st, uint32_t ioprio);
/* The same as a value: under -X raw its number (hex: 0x4004, else
 * decimal), under -X verbose both */
void rp_print_ioprio(struct rp_ctx *c, uint32_t ioprio, bool hex);
/* The same for an iovec array at addr captured as item base_item of arg i,
 * its buffers as the items after it (io_submit's vectored iocbs). */
void rp_print_iovec_items(struct rp_ctx *c, unsigned i, uint32_t base_item, uint64_t addr,
			  uint64_t cnt, bool out);
void rp_print_sigset(struct rp_ctx *c, const uint8_t *data, size_t len);
/* Sigset arg i of size bytes (as the kernel read it, or wrote it when out):
 * strace reads one only when the size is the kernel's (8 on x86_64), else
 * shows the address. */
void rp_print_sigset_arg(struct rp_ctx *c, unsigned i, bool out, uint64_t size);
void rp_print_signame(struct rp_ctx *c, int64_t sig);
void rp_print_mode(struct rp_ctx *c, uint32_t mode); /* S_IFREG|0644 */
/* A CPU mask at arg i: the numbers of the CPUs set in its len bytes (out:
 * as the call left it) */
void rp_print_cpuset(struct rp_ctx *c, unsigned i, uint64_t len, bool out);

/* The per-syscall decoders the table rows name (SC_D_*): each prints the
 * arguments of ctx->sc into ctx->e (inside the open '('). */
typedef void (*rp_decoder_fn)(struct rp_ctx *c);
#define DECODER(name) void rp_dec_##name(struct rp_ctx *c);
#include "syscall_decoders.def"
#undef DECODER
/* The return-value printers of the table's styles (SC_RV_*): the text after
 * "= " of a successful call; false when the value means nothing more than
 * its decimal (the caller prints that). */
typedef bool (*rp_rval_fn)(struct rp_ctx *c, struct rp_buf *b);
#define RP_RVAL_DECL_(name) bool rp_rv_##name(struct rp_ctx *c, struct rp_buf *b);
SC_RVALS(RP_RVAL_DECL_)
#undef RP_RVAL_DECL_

/* A uid or gid as strace's printuid: (uid_t)-1 as -1, others unsigned
 * (decode_process.c). */
void rp_print_uid(struct rp_ctx *c, uint32_t v);
/* Network values as strace shows them (print_net.c). Bytes in hex whole,
 * whatever -s says; pre"text"post with the text quoted (-xx: hex) into b
 * or printed; a network-order value as the call making it (-X raw: its
 * bytes, -X verbose: both); a number shown as a call likewise; an
 * interface index as if_nametoindex("lo"); an AF_INET or AF_INET6 address
 * (4 or 16 bytes at p) as inet_addr("...") or inet_pton(AF_INET6, "..."[,
 * &var]) (-X raw and verbose show the n bytes of the field), var the field's name (keyed here, as
 * strace places it) or NULL; a port as htons(N). */
void rp_print_hex_whole(struct rp_ctx *c, const uint8_t *d, size_t len);
void rp_call_str_text(const struct rp_ctx *c, struct rp_buf *b, const char *pre, const char *text,
		      const char *post);
void rp_print_call_str(struct rp_ctx *c, const char *pre, const char *text, const char *post);
void rp_print_net_bytes(struct rp_ctx *c, const uint8_t *d, size_t n, const char *call);
void rp_print_num_call(struct rp_ctx *c, uint64_t v, const char *call);
void rp_print_ifindex(struct rp_ctx *c, uint32_t idx);
void rp_print_inet_addr(struct rp_ctx *c, int family, const uint8_t *p, size_t n, const char *var);
void rp_print_net_port(struct rp_ctx *c, const uint8_t *p);
/* A hardware address of n bytes: ab:cd:ef:01:02:03, at most show of them
 * (strace's per-device-type sizes); -X raw: all n bytes in hex, -X
 * verbose: both. */
void rp_print_hwaddr(struct rp_ctx *c, const uint8_t *p, size_t n, size_t show);
/* The address length of an ARPHRD_* device type (strace's hwaddr_sizes;
 * 255: as long as the field). */
size_t rp_hwaddr_size(unsigned devtype);
/* A sockaddr of len bytes as strace's print_sockaddr: {sa_family=AF_INET,
 * sin_port=htons(N), ...}; d holds at least len bytes followed by zeros. */
void rp_print_sockaddr(struct rp_ctx *c, const uint8_t *d, int len);

/* Netlink messages (decode_netlink.c), for the socket decoders: prints the
 * len bytes at addr (memory m) sent or received on descriptor fd as
 * netlink messages when fd is a netlink socket of a protocol decoded
 * there; false, printing nothing, otherwise. */
bool rp_netlink_print(struct rp_ctx *c, int64_t fd, uint64_t addr, const struct rp_mem *m,
		      uint64_t len);

/* Time values (decode_time.c), shared with the sync and IPC decoders:
 * {tv_sec=S, <frac>=N} from 16 bytes; an IN/OUT timespec argument; a
 * struct sigevent argument. */
void rp_print_timespec_data(struct rp_emit *e, const uint8_t *p, const char *frac);
/* "2026-11-22T11:09:24.000005+0000" as strace's sprinttime* (local time):
 * the fraction frac of digits digits only when nonzero. false when the
 * time cannot be shown. */
bool rp_format_time(int64_t sec, uint64_t frac, int digits, char *buf, size_t size);
void rp_print_timespec_arg(struct rp_ctx *c, unsigned i, bool out);
/* {it_interval={...}, it_value={...}} of two timespecs (frac "tv_nsec") or
 * timevals ("tv_usec") */
void rp_print_interval_pair(struct rp_emit *e, const uint8_t *p, const char *frac);
/* The struct itimerspec behind arg i (out: as the call left it) */
void rp_print_itimerspec_arg(struct rp_ctx *c, unsigned i, bool out);
void rp_print_sigevent(struct rp_ctx *c, unsigned i);
/* The syscall tid made before the current one (restart_syscall's
 * "resuming interrupted nanosleep"), or NULL. */
const char *rp_session_prev_syscall(const struct rp_session *s, uint32_t tid);

/* Where the recorder puts a message header's parts (its capture_msghdr):
 * item numbers counted from the header's own (0 for a lone msghdr). */
enum {
	RP_MSG_NAME = 1,    /* msg_name */
	RP_MSG_CONTROL = 2, /* msg_control */
	RP_MSG_IOV = 3,	    /* the iovec array */
	RP_MSG_BUF = 4,	    /* + k: iov[k]'s buffer */
};
/* Message i of an mmsghdr array (item 0: the array) starts at this item. */
#define RP_MMSG_ITEM(i) (((uint32_t)(i) + 1) << 16)
/* An iovec argument: item 0 is the array, item k + 1 the buffer of iov[k]. */
#define RP_IOV_BUF(k) ((uint32_t)(k) + 1)

/* strace's -e read=SET / -e write=SET: the hex dumps of the data ev read
 * from or wrote to a descriptor in the sets, appended to out after the
 * call's line (dump.c). */
void rp_print_io_dumps(const struct rp_print_opts *o, const struct rp_event *ev,
		       struct rp_buf *out);

/* Reading captured memory. */
static inline uint64_t rp_get_u64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}
static inline uint32_t rp_get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint16_t rp_get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

#endif
