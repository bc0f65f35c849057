/* Unit tests of the decoding library's building blocks: strace string
 * quoting and truncation, JSON strings, flag printing, the emitter, clock
 * ticks. */
#include "rp_internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/reg.h>
#include <sys/user.h>

static int failures;

static void expect(const char *what, const struct rp_buf *b, const char *want, int line)
{
	const char *got = b->data ? b->data : "";
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "line %d: %s: got [%s], want [%s]\n", line, what, got, want);
		failures++;
	}
}

#define QUOTE(str, len, max, x, cstr, want)                                                        \
	do {                                                                                       \
		struct rp_buf b = {0};                                                             \
		rp_quote_string(&b, (const uint8_t *)(str), (len), (max), (x), (cstr), false);     \
		expect("quote", &b, (want), __LINE__);                                             \
		rp_buf_free(&b);                                                                   \
	} while (0)

struct unit_print_ctx {
	struct rp_printer *p;
	struct rp_buf *b;
};

/* rp_session_feed's callback: every event printed, one after the other */
static int unit_print_event(const struct rp_event *ev, void *ctx)
{
	const struct unit_print_ctx *const c = ctx;
	rp_print_event(c->p, ev, c->b);
	return 0;
}

/* One x86_64 call with the memory behind one of its arguments, decoded as
 * strep prints it (no pid, no column) under -v (verbose) and -X (xlat). */
struct unit_call {
	unsigned nr;
	uint64_t args[3];
	int64_t rval;
	unsigned mem_arg;
	enum strtrc_mem_stop mem_stop;
	const uint8_t *mem; /* NULL: none */
	size_t mem_len;
	bool verbose;
	enum rp_xlat_style xlat;
};

static void expect_unit_call(const struct unit_call *u, const char *want, int line)
{
	struct strtrc_header h = {0};
	struct rp_session *const s = rp_session_new(&h);
	struct rp_print_opts o;
	rp_print_opts_init(&o);
	o.pid_prefix = false;
	o.column = 0;
	o.verbose = u->verbose;
	o.xlat = u->xlat;
	struct rp_printer *const p = rp_printer_new(&o, s);
	struct rp_buf b = {0};
	const uint64_t *const a = u->args;
	const struct strtrc_record entry = {
	    .kind = STRTRC_SYSCALL_ENTRY,
	    .tid = 7,
	    .u.entry = {.arch = SC_AUDIT_ARCH_X86_64, .nr = u->nr, .args = {a[0], a[1], a[2]}}};
	const struct strtrc_record mem = {.kind = STRTRC_MEMORY,
					  .tid = 7,
					  .u.memory = {.stop = (uint8_t)u->mem_stop,
						       .arg = (uint8_t)u->mem_arg,
						       .addr = a[u->mem_arg],
						       .full_len = u->mem_len,
						       .data = {u->mem, u->mem_len}}};
	const struct strtrc_record exit = {
	    .kind = STRTRC_SYSCALL_EXIT,
	    .tid = 7,
	    .u.exit = {.rval = u->rval, .is_error = u->rval < 0 && u->rval >= -4095}};
	struct unit_print_ctx c = {p, &b};
	/* a memory record belongs to the entry or the exit before it */
	const bool at_entry = u->mem_stop == STRTRC_AT_ENTRY;
	rp_session_feed(s, &entry, unit_print_event, &c);
	if (u->mem && at_entry)
		rp_session_feed(s, &mem, unit_print_event, &c);
	rp_session_feed(s, &exit, unit_print_event, &c);
	if (u->mem && !at_entry)
		rp_session_feed(s, &mem, unit_print_event, &c);
	rp_session_finish(s, unit_print_event, &c);
	expect("call", &b, want, line);
	rp_buf_free(&b);
	rp_printer_free(p);
	rp_session_free(s);
}

/* The same with the sets' names as strace 6.1 prints them; mem, when not
 * NULL, is what argument 1 pointed to at entry. */
static void expect_call_mem(unsigned nr, uint64_t a0, uint64_t a1, uint64_t a2, int64_t rval,
			    const uint8_t *mem, size_t mem_len, const char *want, int line)
{
	const struct unit_call u = {.nr = nr,
				    .args = {a0, a1, a2},
				    .rval = rval,
				    .mem_arg = 1,
				    .mem_stop = STRTRC_AT_ENTRY,
				    .mem = mem,
				    .mem_len = mem_len};
	expect_unit_call(&u, want, line);
}

static void expect_call(unsigned nr, uint64_t a0, uint64_t a1, uint64_t a2, int64_t rval,
			const char *want, int line)
{
	expect_call_mem(nr, a0, a1, a2, rval, NULL, 0, want, line);
}

/* The ids no set serves yet: their arguments print as numbers. The list is
 * exact (a set added for one of them fails the test until it leaves the
 * list), so it only shrinks. */
static const enum sc_xlat_id ids_without_set[] = {
    SC_X_PERSONALITY,  SC_X_IPC_FLAGS,	  SC_X_IPC_CMD,	  SC_X_MQ_OPEN_FLAGS,
    SC_X_QUOTACTL_CMD, SC_X_MODE_T,	  SC_X_LSM_FLAGS, SC_X_MAP_SHADOW_STACK_FLAGS,
    SC_X_RSEQ_FLAGS,   SC_X_FUTEX2_FLAGS,
};

static bool id_without_set(enum sc_xlat_id id)
{
	for (size_t k = 0; k < sizeof(ids_without_set) / sizeof(ids_without_set[0]); k++)
		if (ids_without_set[k] == id)
			return true;
	return false;
}

static void note_id(bool used[SC_X_COUNT], const struct sc_arg *a)
{
	if ((a->kind == SC_ARG_FLAGS || a->kind == SC_ARG_ENUM) && a->type < SC_X_COUNT)
		used[a->type] = true;
}

/* Every set id an argument of the tables (or of a conditional rule) names
 * has its set, but those listed above. */
static void check_xlat_sets(void)
{
	bool used[SC_X_COUNT] = {false};
	const struct sc_table *const tables[] = {&sc_table_x86_64, &sc_table_i386};
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (unsigned nr = 0; nr < tables[t]->count; nr++)
			for (unsigned i = 0; i < tables[t]->descs[nr].nargs && i < 6; i++)
				note_id(used, &tables[t]->descs[nr].args[i]);
		for (unsigned k = 0; k < tables[t]->nconds; k++)
			note_id(used, &tables[t]->conds[k].arg);
	}
	for (unsigned id = 1; id < SC_X_COUNT; id++) {
		const bool has = rp_xlat_get((enum sc_xlat_id)id) != NULL;
		if (used[id] && !has && !id_without_set((enum sc_xlat_id)id)) {
			fprintf(stderr, "SC_X_%s is used by the table and has no set\n",
				sc_xlat_name((enum sc_xlat_id)id));
			failures++;
		}
		if (has && id_without_set((enum sc_xlat_id)id)) {
			fprintf(stderr, "SC_X_%s has a set now: take it off ids_without_set\n",
				sc_xlat_name((enum sc_xlat_id)id));
			failures++;
		}
		const struct rp_xlat *const x = rp_xlat_get((enum sc_xlat_id)id);
		for (size_t k = 0; x && k < x->n; k++) {
			if (!x->e[k].name || !*x->e[k].name) {
				fprintf(stderr, "SC_X_%s: entry %zu has no name\n",
					sc_xlat_name((enum sc_xlat_id)id), k);
				failures++;
			}
		}
	}
}

/* PTRACE_PEEKUSER's names of struct user offsets are the headers' offsets,
 * in ascending order. */
static void check_user_offsets(void)
{
#define UOFF_(f)                                                                                   \
	{                                                                                          \
		offsetof(struct user, f), "offsetof(struct user, " #f ")"                          \
	}
	static const struct {
		uint64_t off;
		const char *name;
	} want[] = {
	    {8 * R15, "8*R15"},	   {8 * R14, "8*R14"},
	    {8 * R13, "8*R13"},	   {8 * R12, "8*R12"},
	    {8 * RBP, "8*RBP"},	   {8 * RBX, "8*RBX"},
	    {8 * R11, "8*R11"},	   {8 * R10, "8*R10"},
	    {8 * R9, "8*R9"},	   {8 * R8, "8*R8"},
	    {8 * RAX, "8*RAX"},	   {8 * RCX, "8*RCX"},
	    {8 * RDX, "8*RDX"},	   {8 * RSI, "8*RSI"},
	    {8 * RDI, "8*RDI"},	   {8 * ORIG_RAX, "8*ORIG_RAX"},
	    {8 * RIP, "8*RIP"},	   {8 * CS, "8*CS"},
	    {8 * EFLAGS, "8*EFL"}, {8 * RSP, "8*RSP"},
	    {8 * SS, "8*SS"},	   UOFF_(u_fpvalid),
	    UOFF_(i387),	   UOFF_(u_tsize),
	    UOFF_(u_dsize),	   UOFF_(u_ssize),
	    UOFF_(start_code),	   UOFF_(start_stack),
	    UOFF_(signal),	   UOFF_(reserved),
	    UOFF_(u_ar0),	   UOFF_(u_fpstate),
	    UOFF_(magic),	   UOFF_(u_comm),
	    UOFF_(u_debugreg),	   {sizeof(struct user), "sizeof(struct user)"},
	};
#undef UOFF_
	const struct rp_xlat *const x = &rp_x_user_offsets;
	const size_t n = sizeof(want) / sizeof(want[0]);
	if (x->n != n) {
		fprintf(stderr, "user_offsets: %zu entries, the headers %zu\n", x->n, n);
		failures++;
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (x->e[k].val != want[k].off || strcmp(x->e[k].name, want[k].name) != 0) {
			fprintf(stderr, "user_offsets[%zu]: %s %llu, the headers: %s %llu\n", k,
				x->e[k].name, (unsigned long long)x->e[k].val, want[k].name,
				(unsigned long long)want[k].off);
			failures++;
		}
	}
}

int main(void)
{
	check_xlat_sets();
	check_user_offsets();

	/* escapes as strace: C escapes, shortest octal unless a digit follows */
	QUOTE("hi\n", 3, 32, 0, false, "\"hi\\n\"");
	QUOTE("a\"b\\c\t\r\v\f", 9, 32, 0, false, "\"a\\\"b\\\\c\\t\\r\\v\\f\"");
	QUOTE("\177ELF\2\1\1\3\0\0", 10, 32, 0, false, "\"\\177ELF\\2\\1\\1\\3\\0\\0\"");
	QUOTE("\0001", 2, 32, 0, false, "\"\\0001\"");
	QUOTE("\0008", 2, 32, 0, false, "\"\\08\"");
	/* -s truncation adds ... after the quote */
	QUOTE("abcdefgh", 8, 4, 0, false, "\"abcd\"...");
	QUOTE("abcd", 4, 4, 0, false, "\"abcd\"");
	/* C strings stop at NUL */
	QUOTE("ab\0cd", 5, 32, 0, true, "\"ab\"");
	/* -x: hex only when something is not printable; -xx always */
	QUOTE("plain text\n", 11, 32, 1, false, "\"plain text\\n\"");
	QUOTE("a\001", 2, 32, 1, false, "\"\\x61\\x01\"");
	QUOTE("ab", 2, 32, 2, false, "\"\\x61\\x62\"");
	QUOTE("\xff", 1, 32, 0, false, "\"\\377\"");

	/* JSON strings: control chars and invalid UTF-8 as \u00XX */
	{
		struct rp_buf b = {0};
		rp_json_string(&b, (const uint8_t *)"a\x01\xff\"\\\xc3\xa9", 7);
		expect("json", &b, "\"a\\u0001\\u00ff\\\"\\\\\xc3\xa9\"", __LINE__);
		rp_buf_free(&b);
	}

	/* flags in table order, leftovers in hex, zero names */
	{
		struct rp_buf b = {0};
		rp_flags_text(&b, rp_xlat_get(SC_X_MMAP_PROT), 3);
		expect("prot", &b, "PROT_READ|PROT_WRITE", __LINE__);
		b.len = 0;
		rp_flags_text(&b, rp_xlat_get(SC_X_MMAP_PROT), 0);
		expect("prot 0", &b, "PROT_NONE", __LINE__);
		b.len = 0;
		rp_flags_text(&b, &rp_x_open_flags, 02000000 | 0200000 | 04000);
		expect("open", &b, "O_NONBLOCK|O_CLOEXEC|O_DIRECTORY", __LINE__);
		b.len = 0;
		rp_flags_text(&b, rp_xlat_get(SC_X_GETRANDOM_FLAGS), 0x11);
		expect("grnd", &b, "GRND_NONBLOCK|0x10", __LINE__);
		b.len = 0;
		rp_flags_text(&b, &rp_x_sa_flags, 0x04000000 | 0x10000000 | 4);
		expect("sa", &b, "SA_RESTORER|SA_RESTART|SA_SIGINFO", __LINE__);
		rp_buf_free(&b);
	}

	/* sets shared between decoders: each call prints its set's names as
	 * strace 6.1 does (dup3 and fcntl know __O_SYNC as open does; fcntl
	 * has no names for the write-hint commands; timerfd_create knows every
	 * clock clock_gettime does) */
	expect_call(292, 3, 100, 04000000, -EINVAL,
		    "dup3(3, 100, __O_SYNC) = -1 EINVAL (Invalid argument)\n", __LINE__);
	expect_call(292, 3, 100, 0x10, -EINVAL,
		    "dup3(3, 100, 0x10 /* O_??? */) = -1 EINVAL (Invalid argument)\n", __LINE__);
	expect_call(72, 3, 4, 04000000, 0, "fcntl(3, F_SETFL, O_RDONLY|__O_SYNC) = 0\n", __LINE__);
	expect_call(72, 3, 1035, 0, -EFAULT,
		    "fcntl(3, 0x40b /* F_??? */, 0) = -1 EFAULT (Bad address)\n", __LINE__);
	expect_call(283, 10, 0, 0, -EINVAL,
		    "timerfd_create(CLOCK_SGI_CYCLE, 0) = -1 EINVAL (Invalid argument)\n",
		    __LINE__);

	/* what strace 6.1 prints with the sets: the scheduler policies of the
	 * calls that have no decoder of their own, PER_MASK, the "TC???" and
	 * "O_???" of the terminal ioctls and of mq_attr's mq_flags */
	/* ptrace's user-area offsets: a field, within one, past the struct */
	expect_call(101, 3, 1, 8 * 10 + 4, -EIO,
		    "ptrace(PTRACE_PEEKUSER, 1, 8*RAX+4, NULL) = -1 EIO (Input/output error)\n",
		    __LINE__);
	expect_call(101, 6, 1, 848 + 8, 0,
		    "ptrace(PTRACE_POKEUSER, 1, offsetof(struct user, u_debugreg)+8, NULL) = 0\n",
		    __LINE__);
	expect_call(101, 3, 1, 920, -EIO,
		    "ptrace(PTRACE_PEEKUSER, 1, 0x398, NULL) = -1 EIO (Input/output error)\n",
		    __LINE__);
	expect_call(146, 1, 0, 0, 99, "sched_get_priority_max(SCHED_FIFO) = 99\n", __LINE__);
	expect_call(147, 7, 0, 0, 0, "sched_get_priority_min(0x7 /* SCHED_??? */) = 0\n", __LINE__);
	expect_call(135, 0xff, 0, 0, 0x40000,
		    "personality(PER_MASK) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)\n", __LINE__);
	expect_call(16, 12, 0x540b, 3, -EINVAL,
		    "ioctl(12, TCFLSH, 0x3 /* TC??? */) = -1 EINVAL (Invalid argument)\n",
		    __LINE__);
	expect_call(16, 12, 0x540a, 4, -EINVAL,
		    "ioctl(12, TCXONC, 0x4 /* TC??? */) = -1 EINVAL (Invalid argument)\n",
		    __LINE__);
	{
		static const uint8_t attr[64] = {1};
		expect_call_mem(
		    245, 3, 0x1000, 0, -EINVAL, attr, sizeof(attr),
		    "mq_getsetattr(3, {mq_flags=0x1 /* O_??? */, mq_maxmsg=0, mq_msgsize=0, "
		    "mq_curmsgs=0}, NULL) = -1 EINVAL (Invalid argument)\n",
		    __LINE__);
	}

	{
		/* input devices: what the kernel wrote, at exit (strace's
		 * ioctl_evdev-success cases) */
		static const uint8_t keys[8] = {0x3e}; /* KEY_ESC, KEY_1..KEY_4 */
		struct unit_call u = {.nr = 16,
				      .args = {3, 0x80084521 /* EVIOCGBIT(EV_KEY, 8) */, 0x1000},
				      .rval = 8,
				      .mem_arg = 2,
				      .mem_stop = STRTRC_AT_EXIT,
				      .mem = keys,
				      .mem_len = sizeof(keys)};
		expect_unit_call(
		    &u, "ioctl(3, EVIOCGBIT(EV_KEY, 8), [KEY_ESC KEY_1 KEY_2 KEY_3 ...]) = 8\n",
		    __LINE__);
		u.verbose = true;
		expect_unit_call(
		    &u, "ioctl(3, EVIOCGBIT(EV_KEY, 8), [KEY_ESC KEY_1 KEY_2 KEY_3 KEY_4]) = 8\n",
		    __LINE__);
		u.xlat = RP_XLAT_RAW;
		expect_unit_call(&u, "ioctl(3, 0x80084521, [0x3e]) = 8\n", __LINE__);
		u.xlat = RP_XLAT_VERBOSE;
		u.rval = 1; /* 8 bits of the long */
		expect_unit_call(
		    &u,
		    "ioctl(3, 0x80084521 /* EVIOCGBIT(EV_KEY, 8) */, [0x1 /* KEY_ESC */ "
		    "0x2 /* KEY_1 */ 0x3 /* KEY_2 */ 0x4 /* KEY_3 */ 0x5 /* KEY_4 */] "
		    "/* [0x3e] */) = 1\n",
		    __LINE__);
		u.rval = -EBADF;
		expect_unit_call(&u,
				 "ioctl(3, 0x80084521 /* EVIOCGBIT(EV_KEY, 8) */, 0x1000) = -1 "
				 "EBADF (Bad file descriptor)\n",
				 __LINE__);
		/* an axis: EVIOCGABS(ABS_Y) of 24 bytes; an unknown axis */
		static const int32_t abs[6] = {1, -2, 3, 4, 5, 6};
		u = (struct unit_call){.nr = 16,
				       .args = {3, 0x80184541, 0x1000},
				       .mem_arg = 2,
				       .mem_stop = STRTRC_AT_EXIT,
				       .mem = (const uint8_t *)abs,
				       .mem_len = sizeof(abs)};
		expect_unit_call(
		    &u, "ioctl(3, EVIOCGABS(ABS_Y), {value=1, minimum=4294967294, ...}) = 0\n",
		    __LINE__);
		u.verbose = true;
		expect_unit_call(
		    &u,
		    "ioctl(3, EVIOCGABS(ABS_Y), {value=1, minimum=4294967294, maximum=3, "
		    "fuzz=4, flat=5, resolution=6}) = 0\n",
		    __LINE__);
		u.args[1] = 0x8018454e;
		u.rval = -EINVAL;
		expect_unit_call(
		    &u,
		    "ioctl(3, EVIOCGABS(0xe /* ABS_??? */), 0x1000) = -1 EINVAL (Invalid "
		    "argument)\n",
		    __LINE__);
		/* the device's name, as long as the call said */
		static const char name[16] = "strec test pad";
		u = (struct unit_call){.nr = 16,
				       .args = {3, 0x80104506 /* EVIOCGNAME(16) */, 0x1000},
				       .rval = 15,
				       .mem_arg = 2,
				       .mem_stop = STRTRC_AT_EXIT,
				       .mem = (const uint8_t *)name,
				       .mem_len = sizeof(name)};
		expect_unit_call(&u, "ioctl(3, EVIOCGNAME(16), \"strec test pad\\0\") = 15\n",
				 __LINE__);
		/* multitouch slots: the code, then len / 4 - 1 values */
		static const int32_t slots[3] = {0x2f /* ABS_MT_SLOT */, 1, -3};
		u.args[1] = 0x800c450a; /* EVIOCGMTSLOTS(12) */
		u.rval = 0;
		u.mem = (const uint8_t *)slots;
		u.mem_len = sizeof(slots);
		expect_unit_call(
		    &u, "ioctl(3, EVIOCGMTSLOTS(12), {code=ABS_MT_SLOT, values=[1, -3]}) = 0\n",
		    __LINE__);
	}

	/* the emitter: the same calls as strace text and as JSON */
	for (int json = 0; json < 2; json++) {
		struct rp_print_opts o;
		rp_print_opts_init(&o);
		o.json = json;
		struct rp_buf b = {0};
		struct rp_emit e;
		rp_e_init(&e, &b, &o);
		rp_e_open(&e, '(');
		rp_e_sym(&e, "AT_FDCWD");
		rp_e_bytes(&e, (const uint8_t *)"/etc", 4, true, false);
		rp_e_open(&e, '{');
		rp_e_key(&e, "st_mode");
		rp_e_raw(&e, "S_IFREG|0644");
		rp_e_key(&e, "st_size");
		rp_e_int(&e, 12);
		rp_e_ellipsis(&e);
		rp_e_close(&e, '}');
		rp_e_flags_pre(&e, 02000000, "O_RDONLY", &rp_x_open_flags, 02000000, NULL);
		rp_e_ptr(&e, 0);
		rp_e_close(&e, ')');
		expect(json ? "emit json" : "emit text", &b,
		       json
			   ? "[\"AT_FDCWD\",\"/etc\",{\"st_mode\":\"S_IFREG|0644\",\"st_size\":12},"
			     "[\"O_RDONLY\",\"O_CLOEXEC\"],null]"
			   : "(AT_FDCWD, \"/etc\", {st_mode=S_IFREG|0644, st_size=12, ...}, "
			     "O_RDONLY|O_CLOEXEC, NULL)",
		       __LINE__);
		rp_buf_free(&b);
	}

	/* clock_t ticks: seconds in a comment unless 0 or -X raw (strace 6.1's
	 * times() and SIGCHLD si_utime) */
	{
		static const struct {
			enum rp_xlat_style st;
			uint64_t ticks;
			const char *want;
		} cases[] = {
		    {RP_XLAT_ABBREV, 15, "(15 /* 0.15 s */)"},
		    {RP_XLAT_ABBREV, 1234, "(1234 /* 12.34 s */)"},
		    {RP_XLAT_ABBREV, 0, "(0)"},
		    {RP_XLAT_VERBOSE, 7, "(7 /* 0.07 s */)"},
		    {RP_XLAT_RAW, 15, "(15)"},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct rp_print_opts o;
			rp_print_opts_init(&o);
			o.xlat = cases[i].st;
			struct rp_buf b = {0};
			struct rp_emit e;
			rp_e_init(&e, &b, &o);
			rp_e_open(&e, '(');
			rp_e_clock_ticks(&e, cases[i].ticks);
			rp_e_close(&e, ')');
			expect("clock ticks", &b, cases[i].want, __LINE__);
			rp_buf_free(&b);
		}
	}

	/* -y paths: < and > escaped in octal, \x with -x only when the path
	 * holds a non-printable (strace 6.1) */
	{
		static const struct {
			const char *path;
			int xflag;
			const char *want;
		} cases[] = {
		    {"/tmp/a<b>c", 0, "3</tmp/a\\74b\\76c>"},
		    {"/tmp/a<b>c", 1, "3</tmp/a\\74b\\76c>"},
		    {"/x\xe9"
		     "7",
		     0, "3</x\\3517>"},
		    {"/x\xe9", 1, "3<\\x2f\\x78\\xe9>"},
		    {"/x", 2, "3<\\x2f\\x78>"},
		    {"/tmp/f (deleted)", 0, "3</tmp/f>(deleted)"},
		};
		/* a name that ends so itself (STRTRC_MEM_NAME_AS_IS) stays whole */
		{
			struct rp_buf b = {0};
			struct rp_print_opts o;
			rp_print_opts_init(&o);
			o.decode_fds = RP_DECODE_FD_PATH;
			static const char own[] = "/tmp/f (deleted)";
			const struct rp_fd_name n = {
			    .path = own, .len = strlen(own), .as_is = true};
			rp_fd_text(&b, 3, &n, &o, 0);
			expect("fd path as is", &b, "3</tmp/f (deleted)>", __LINE__);
			rp_buf_free(&b);
		}
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct rp_buf b = {0};
			struct rp_print_opts o;
			rp_print_opts_init(&o);
			o.xflag = cases[i].xflag;
			o.decode_fds = RP_DECODE_FD_PATH;
			const struct rp_fd_name n = {.path = cases[i].path,
						     .len = strlen(cases[i].path)};
			rp_fd_text(&b, 3, &n, &o, 0);
			expect("fd path", &b, cases[i].want, __LINE__);
			rp_buf_free(&b);
		}
	}

	/* a pidfd: -yy (decode-fds=pidfd) names its process while it lives,
	 * with or without paths; -y alone the path */
	{
		static const char pidfd[] = "anon_inode:[pidfd]";
		const struct {
			const char *path;
			int32_t pid;
			unsigned modes;
			const char *want;
		} cases[] = {
		    {pidfd, 1234, RP_DECODE_FD_ALL, "3<pid:1234>"},
		    {pidfd, 1234, RP_DECODE_FD_PIDFD, "3<pid:1234>"},
		    {pidfd, 1234, RP_DECODE_FD_PATH, "3<anon_inode:[pidfd]>"},
		    {pidfd, -1, RP_DECODE_FD_PIDFD, "3<anon_inode:[pidfd]>"},
		    {pidfd, 0, RP_DECODE_FD_ALL, "3<anon_inode:[pidfd]>"},
		    {"/x", 1234, RP_DECODE_FD_PIDFD, "3"},
		    {"/x", 1234, RP_DECODE_FD_ALL, "3</x>"},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct rp_buf b = {0};
			struct rp_print_opts o;
			rp_print_opts_init(&o);
			o.decode_fds = cases[i].modes;
			const struct rp_fd_name n = {.path = cases[i].path,
						     .len = strlen(cases[i].path),
						     .pidfd_pid = cases[i].pid};
			rp_fd_text(&b, 3, &n, &o, 0);
			expect("pidfd", &b, cases[i].want, __LINE__);
			rp_buf_free(&b);
		}
	}

	/* a SIGSYS from a seccomp filter's SECCOMP_RET_TRAP, as strace 6.1
	 * prints it with each -X style */
	{
		uint8_t si[128] = {0};
		const uint32_t head[3] = {31, 5, 1}; /* SIGSYS, EIO, SYS_SECCOMP */
		const uint64_t call_addr = 0x7f5ed3832b07;
		const uint32_t nr_arch[2] = {63, 0xc000003e}; /* uname, AUDIT_ARCH_X86_64 */
		memcpy(si, head, sizeof(head));
		memcpy(si + 16, &call_addr, sizeof(call_addr));
		memcpy(si + 24, nr_arch, sizeof(nr_arch));
		static const struct {
			enum rp_xlat_style st;
			const char *want;
		} cases[] = {
		    {RP_XLAT_ABBREV, "{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=EIO, "
				     "si_call_addr=0x7f5ed3832b07, "
				     "si_syscall=__NR_uname, si_arch=AUDIT_ARCH_X86_64}"},
		    {RP_XLAT_RAW,
		     "{si_signo=31, si_code=0x1, si_errno=5, si_call_addr=0x7f5ed3832b07, "
		     "si_syscall=63, si_arch=0xc000003e}"},
		    {RP_XLAT_VERBOSE,
		     "{si_signo=31 /* SIGSYS */, si_code=0x1 /* SYS_SECCOMP */, si_errno=5 /* EIO "
		     "*/, "
		     "si_call_addr=0x7f5ed3832b07, si_syscall=63 /* __NR_uname */, "
		     "si_arch=0xc000003e /* AUDIT_ARCH_X86_64 */}"},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct rp_print_opts o;
			rp_print_opts_init(&o);
			o.xlat = cases[i].st;
			struct rp_buf b = {0};
			struct rp_emit e;
			rp_e_init(&e, &b, &o);
			const struct rp_si_names names = {NULL, NULL, 1};
			rp_print_siginfo(&e, si, sizeof(si), &names);
			expect("SIGSYS siginfo", &b, cases[i].want, __LINE__);
			rp_buf_free(&b);
		}
	}

	/* -n -i: a signal and an exit show the task's last call's number; a
	 * signal recorded without its ip (older traces) and an exit show
	 * question marks; a task with no call yet shows 0, as strace's new
	 * tasks do */
	{
		struct strtrc_header h = {0};
		struct rp_session *const s = rp_session_new(&h);
		struct rp_print_opts o;
		rp_print_opts_init(&o);
		o.show_nr = true;
		o.show_ip = true;
		o.column = 0;
		struct rp_printer *const p = rp_printer_new(&o, s);
		struct rp_buf b = {0};
		static uint8_t si[128] = {10}; /* SIGUSR1, SI_USER */
		const struct strtrc_record recs[] = {
		    {.kind = STRTRC_SIGNAL,
		     .tid = 7,
		     .u.signal = {.signo = 10, .siginfo = {si, 128}}},
		    {.kind = STRTRC_SYSCALL_ENTRY,
		     .tid = 7,
		     .u.entry = {.arch = SC_AUDIT_ARCH_X86_64, .nr = 39, .ip = 0x7f0000001234}},
		    {.kind = STRTRC_SYSCALL_EXIT, .tid = 7, .u.exit = {.rval = 7}},
		    {.kind = STRTRC_SIGNAL,
		     .tid = 7,
		     .u.signal =
			 {.signo = 10, .siginfo = {si, 128}, .has_ip = true, .ip = 0x401000}},
		    {.kind = STRTRC_EXIT, .tid = 7},
		};
		struct unit_print_ctx c = {p, &b};
		for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++)
			rp_session_feed(s, &recs[i], unit_print_event, &c);
		rp_session_finish(s, unit_print_event, &c);
		expect("-n -i", &b,
		       "7     [   0] [????????????????] --- SIGUSR1 {si_signo=SIGUSR1, "
		       "si_code=SI_USER, "
		       "si_pid=0, si_uid=0} ---\n"
		       "7     [  39] [00007f0000001234] getpid() = 7\n"
		       "7     [  39] [0000000000401000] --- SIGUSR1 {si_signo=SIGUSR1, "
		       "si_code=SI_USER, "
		       "si_pid=0, si_uid=0} ---\n"
		       "7     [  39] [????????????????] +++ exited with 0 +++\n",
		       __LINE__);
		rp_buf_free(&b);
		rp_printer_free(p);
		rp_session_free(s);
	}

	/* -e read=/write= sets as strace parses them */
	{
		static const struct {
			const char *text;
			int rc;
			bool has3, has4, has5;
		} cases[] = {
		    {"3", 0, true, false, false},     {"!3", 0, false, true, true},
		    {"3,,4", 0, true, true, false},   {"all", 0, true, true, true},
		    {"none", 0, false, false, false}, {"!all", 0, false, false, false},
		    {"", -EINVAL, 0, 0, 0},	      {"x", -EINVAL, 0, 0, 0},
		    {"-1", -EINVAL, 0, 0, 0},	      {"2147483648", -EINVAL, 0, 0, 0},
		    {"1-3", -EINVAL, 0, 0, 0},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct rp_fdset set = {0};
			char msg[64] = "";
			const int rc = rp_fdset_parse(&set, cases[i].text, msg, sizeof(msg));
			if (rc != cases[i].rc || (!rc && (rp_fdset_has(&set, 3) != cases[i].has3 ||
							  rp_fdset_has(&set, 4) != cases[i].has4 ||
							  rp_fdset_has(&set, 5) != cases[i].has5 ||
							  rp_fdset_has(&set, -1)))) {
				fprintf(stderr, "fdset '%s': rc %d (%s)\n", cases[i].text, rc, msg);
				failures++;
			}
			rp_fdset_free(&set);
		}
	}

	/* -e write=: strace's dump of a write, and what the recording did not
	 * keep (strec -s 18 of 20 bytes) said where it is missing */
	{
		struct strtrc_header h = {0};
		struct rp_session *const s = rp_session_new(&h);
		struct rp_fdset all = {.negated = true};
		struct rp_print_opts o;
		rp_print_opts_init(&o);
		o.pid_prefix = false;
		o.dump_write = &all;
		struct rp_printer *const p = rp_printer_new(&o, s);
		struct rp_buf b = {0};
		static const uint8_t data[] = "hello, dumps\n\0\1\x7f\xff!";
		const struct strtrc_record recs[] = {
		    {.kind = STRTRC_SYSCALL_ENTRY,
		     .tid = 7,
		     .u.entry = {.arch = SC_AUDIT_ARCH_X86_64, .nr = 1, .args = {1, 0x1000, 20}}},
		    {.kind = STRTRC_MEMORY,
		     .tid = 7,
		     .u.memory = {.stop = STRTRC_AT_ENTRY,
				  .arg = 1,
				  .flags = STRTRC_MEM_TRUNCATED,
				  .addr = 0x1000,
				  .full_len = 20,
				  .data = {data, 18}}},
		    {.kind = STRTRC_SYSCALL_EXIT, .tid = 7, .u.exit = {.rval = 20}},
		    {.kind = STRTRC_EXIT, .tid = 7},
		};
		struct unit_print_ctx c = {p, &b};
		for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++)
			rp_session_feed(s, &recs[i], unit_print_event, &c);
		expect("-e write=", &b,
		       "write(1, \"hello, dumps\\n\\0\\1\\177\\377!\"..., 20) = 20\n"
		       " | 00000  68 65 6c 6c 6f 2c 20 64  75 6d 70 73 0a 00 01 7f  hello, "
		       "dumps.... |\n"
		       " | 00010  ff 21                                             .!             "
		       "  |\n"
		       " | <Cannot fetch 2 bytes from pid 7 @0x1012>\n"
		       "+++ exited with 0 +++\n",
		       __LINE__);
		rp_buf_free(&b);
		rp_printer_free(p);
		rp_session_free(s);
	}

	if (failures) {
		fprintf(stderr, "%d failure(s)\n", failures);
		return 1;
	}
	printf("test_replay_unit: ok\n");
	return 0;
}
