/* ioctl's command families of small devices and kernel objects, as strace
 * 6.1 prints them: counters, inotify, the random device, watchdogs,
 * namespaces, perf events, PTP clocks, userfaultfd, seccomp notifications. */
#include "decode_ioctl.h"
#include "names.h"

#include <inttypes.h>
#include <linux/counter.h>
#include <linux/inotify.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/ptp_clock.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <linux/watchdog.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- counter ('>') ---- */

static void print_counter_watch(struct rp_ctx *c)
{
	struct counter_watch w;
	if (!rp_arg_copy(c, 2, false, &w, sizeof(w)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "component");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "type");
	rp_e_enum(c->e, &rp_x_counter_component_type, w.component.type);
	rp_e_key(c->e, "scope");
	rp_e_enum(c->e, &rp_x_counter_scope, w.component.scope);
	rp_e_key(c->e, "parent");
	rp_e_uint(c->e, w.component.parent);
	rp_e_key(c->e, "id");
	rp_e_uint(c->e, w.component.id);
	rp_e_close(c->e, '}');
	rp_e_key(c->e, "event");
	rp_e_enum(c->e, &rp_x_counter_event, w.event);
	rp_e_key(c->e, "channel");
	rp_e_uint(c->e, w.channel);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_counter(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case COUNTER_ADD_WATCH_IOCTL:
		print_counter_watch(c);
		return true;
	case COUNTER_ENABLE_EVENTS_IOCTL:
	case COUNTER_DISABLE_EVENTS_IOCTL:
		return true;
	default:
		return false;
	}
}

/* ---- inotify ('I') ---- */

bool rp_ioctl_inotify(struct rp_ctx *c, uint32_t cmd)
{
	if (cmd != INOTIFY_IOC_SETNEXTWD)
		return false;
	rp_e_int(c->e, (int32_t)c->sc->args[2]); /* the next descriptor itself */
	return true;
}

/* ---- random ('R') ---- */

bool rp_ioctl_random(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case RNDGETENTCNT:
		rp_arg_int_at(c, 2, true);
		return true;
	case RNDADDTOENTCNT:
		rp_arg_int_at(c, 2, false);
		return true;
	case RNDADDENTROPY: {
		struct rand_pool_info info;
		if (!rp_arg_copy(c, 2, false, &info, sizeof(info)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "entropy_count");
		rp_e_int(c->e, info.entropy_count);
		rp_e_key(c->e, "buf_size");
		rp_e_int(c->e, info.buf_size);
		/* buf_size bytes after the header (sc_type_pointee: item 1) */
		rp_e_key(c->e, "buf");
		rp_print_buf_mem(c, c->sc->args[2] + offsetof(struct rand_pool_info, buf),
				 rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 1),
				 (uint64_t)(int64_t)info.buf_size,
				 false); /* as strace, -1 is huge */
		rp_e_close(c->e, '}');
		return true;
	}
	case RNDZAPENTCNT:
	case RNDCLEARPOOL:
	case RNDRESEEDCRNG:
		return true;
	default:
		return false;
	}
}

/* ---- watchdogs ('W') ---- */

bool rp_ioctl_watchdog(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case WDIOC_GETSTATUS:
	case WDIOC_GETBOOTSTATUS:
	case WDIOC_GETTEMP:
	case WDIOC_GETTIMEOUT:
	case WDIOC_GETPRETIMEOUT:
	case WDIOC_GETTIMELEFT:
		rp_arg_int_at(c, 2, true);
		return true;
	case WDIOC_SETTIMEOUT:
	case WDIOC_SETPRETIMEOUT:
		rp_arg_int_at(c, 2, false);
		return true;
	case WDIOC_SETOPTIONS:
		rp_e_hex(c->e, c->sc->args[2]);
		return true;
	case WDIOC_KEEPALIVE:
		return true;
	default:
		return false;
	}
}

/* ---- namespaces (0xb7) ---- */

bool rp_ioctl_nsfs(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case NS_GET_USERNS: /* these return a descriptor, or the type (rp_rv_IOCTL) */
	case NS_GET_PARENT:
	case NS_GET_NSTYPE:
		return true;
	case NS_GET_OWNER_UID: {
		const struct rp_mem *m = rp_arg_mem(c, 2, true, 4);
		if (m)
			rp_e_rawf(c->e, "[%" PRIu32 "]", rp_get_u32(m->data));
		return true;
	}
	default:
		return false;
	}
}

/* ---- perf events ('$') ---- */

bool rp_ioctl_perf(struct rp_ctx *c, uint32_t cmd)
{
	const uint64_t arg = c->sc->args[2];
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
	case PERF_EVENT_IOC_DISABLE:
	case PERF_EVENT_IOC_RESET:
		rp_e_flags(c->e, &rp_x_perf_ioctl_flags, (uint32_t)arg);
		return true;
	case PERF_EVENT_IOC_REFRESH:
		rp_e_int(c->e, (int32_t)arg);
		return true;
	case PERF_EVENT_IOC_PERIOD:
		rp_arg_u64_at(c, 2, false, false);
		return true;
	case PERF_EVENT_IOC_ID:
		rp_arg_u64_at(c, 2, true, false);
		return true;
	case PERF_EVENT_IOC_SET_OUTPUT:
	case PERF_EVENT_IOC_SET_BPF:
		rp_arg_fd(c, (int32_t)arg);
		return true;
	case PERF_EVENT_IOC_PAUSE_OUTPUT:
		rp_e_uint(c->e, arg);
		return true;
	case PERF_EVENT_IOC_MODIFY_ATTRIBUTES:
		rp_print_perf_event_attr(c, 2);
		return true;
	case PERF_EVENT_IOC_SET_FILTER:
		rp_arg_str(c, 2);
		return true;
	case PERF_EVENT_IOC_QUERY_BPF: {
		/* what the kernel read: the room for ids; the rest strec does
		 * not capture */
		const struct rp_mem *m = rp_arg_mem(c, 2, false, 4);
		if (!m)
			return true;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "ids_len");
		rp_e_uint(c->e, rp_get_u32(m->data));
		rp_e_ellipsis(c->e);
		rp_e_close(c->e, '}');
		return true;
	}
	default:
		return false;
	}
}

/* ---- PTP hardware clocks ('=') ---- */

/* {sec=S, nsec=N[, reserved=0x..]}, and (a point in time rather than a
 * span) its date in a comment, but not under -X raw */
static void print_ptp_time(struct rp_ctx *c, const struct ptp_clock_time *t, bool date)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "sec");
	rp_e_int(c->e, t->sec);
	rp_e_key(c->e, "nsec");
	rp_e_uint(c->e, t->nsec);
	if (t->reserved) {
		rp_e_key(c->e, "reserved");
		rp_e_hex(c->e, t->reserved);
	}
	rp_e_close(c->e, '}');
	if (date && rp_e_xstyle(c->e) != RP_XLAT_RAW)
		rp_e_time_comment(c->e, t->sec, t->nsec, 9);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void print_ptp_caps(struct rp_ctx *c)
{
	struct ptp_clock_caps caps;
	if (!rp_arg_copy(c, 2, true, &caps, sizeof(caps)))
		return;
	static const char *const keys[] = {
	    "max_adj", "n_alarm", "n_ext_ts",		"n_per_out",
	    "pps",     "n_pins",  "cross_timestamping", "adjust_phase"};
	const int values[] = {
	    caps.max_adj, caps.n_alarm, caps.n_ext_ts,		 caps.n_per_out,
	    caps.pps,	  caps.n_pins,	caps.cross_timestamping, caps.adjust_phase};
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < NELEM(keys); k++) {
		rp_e_key(c->e, keys[k]);
		rp_e_int(c->e, values[k]);
	}
	rp_print_nonzero_u32s(c, "rsv", caps.rsv, NELEM(caps.rsv), true);
	rp_e_close(c->e, '}');
}

static void print_ptp_perout(struct rp_ctx *c, bool v2)
{
	struct ptp_perout_request p;
	if (!rp_arg_copy(c, 2, false, &p, sizeof(p)))
		return;
	rp_e_open(c->e, '{');
	if (p.flags & PTP_PEROUT_PHASE) {
		rp_e_key(c->e, "phase");
		print_ptp_time(c, &p.phase, false);
	} else {
		rp_e_key(c->e, "start");
		print_ptp_time(c, &p.start, true);
	}
	rp_e_key(c->e, "period");
	print_ptp_time(c, &p.period, false);
	rp_e_key(c->e, "index");
	rp_e_uint(c->e, p.index);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_ptp_perout_flags, p.flags);
	if (p.flags & PTP_PEROUT_DUTY_CYCLE) {
		rp_e_key(c->e, "on");
		print_ptp_time(c, &p.on, false);
	} else if (v2) {
		rp_print_nonzero_u32s(c, "rsv", p.rsv, NELEM(p.rsv), true);
	}
	rp_e_close(c->e, '}');
}

/* PTP_SYS_OFFSET{,_EXTENDED}: the samples asked for, then (when the call
 * succeeded) the times: 2n + 1 alternating clock readings, or n triples */
static void print_ptp_sys_offset(struct rp_ctx *c, bool extended)
{
	struct ptp_sys_offset in;
	struct ptp_sys_offset_extended ext;
	/* strace reads the whole struct; n_samples and rsv lead both */
	if (!rp_arg_mem(c, 2, false, extended ? sizeof(ext) : sizeof(in)) ||
	    !rp_arg_copy(c, 2, false, &in, offsetof(struct ptp_sys_offset, ts)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "n_samples");
	rp_e_uint(c->e, in.n_samples);
	rp_print_nonzero_u32s(c, "rsv", in.rsv, NELEM(in.rsv), true);
	const unsigned n = in.n_samples < PTP_MAX_SAMPLES ? in.n_samples : PTP_MAX_SAMPLES;
	if (!extended && rp_arg_written(c, 2, &in, sizeof(in))) {
		rp_e_key(c->e, "ts");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < 2 * n + 1 && !rp_array_cut(c, k); k++)
			print_ptp_time(c, &in.ts[k], true);
		rp_e_close(c->e, ']');
	} else if (extended && rp_arg_written(c, 2, &ext, sizeof(ext))) {
		rp_e_key(c->e, "ts");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < n && !rp_array_cut(c, k); k++) {
			rp_e_open(c->e, '[');
			for (size_t j = 0; j < 3; j++)
				print_ptp_time(c, &ext.ts[k][j], true);
			rp_e_close(c->e, ']');
		}
		rp_e_close(c->e, ']');
	}
	rp_e_close(c->e, '}');
}

/* PTP_PIN_GETFUNC: the pin asked for, then what the call wrote; the
 * setters: what was given */
static void print_ptp_pin(struct rp_ctx *c, uint32_t cmd)
{
	const bool get = cmd == PTP_PIN_GETFUNC || cmd == PTP_PIN_GETFUNC2;
	const bool v2 = cmd == PTP_PIN_GETFUNC2 || cmd == PTP_PIN_SETFUNC2;
	struct ptp_pin_desc pin;
	if (!rp_arg_copy(c, 2, false, &pin, sizeof(pin)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "index");
	rp_e_uint(c->e, pin.index);
	if (get && v2)
		rp_print_nonzero_u32s(c, "rsv", pin.rsv, NELEM(pin.rsv), true);
	if (!get || rp_arg_written(c, 2, &pin, sizeof(pin))) {
		if (get) {
			rp_e_key(c->e, "name");
			rp_print_cstring_field(c, pin.name, sizeof(pin.name));
		}
		rp_e_key(c->e, "func");
		rp_e_enum(c->e, &rp_x_ptp_pin_funcs, pin.func);
		rp_e_key(c->e, "chan");
		rp_e_uint(c->e, pin.chan);
		if (cmd == PTP_PIN_SETFUNC2)
			rp_print_nonzero_u32s(c, "rsv", pin.rsv, NELEM(pin.rsv), true);
	}
	rp_e_close(c->e, '}');
}

static void print_ptp_precise(struct rp_ctx *c)
{
	struct ptp_sys_offset_precise p;
	if (!rp_arg_copy(c, 2, true, &p, sizeof(p)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "device");
	print_ptp_time(c, &p.device, true);
	rp_e_key(c->e, "sys_realtime");
	print_ptp_time(c, &p.sys_realtime, true);
	rp_e_key(c->e, "sys_monoraw");
	print_ptp_time(c, &p.sys_monoraw, false);
	rp_print_nonzero_u32s(c, "rsv", p.rsv, NELEM(p.rsv), true);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_ptp(struct rp_ctx *c, uint32_t cmd)
{
	if (!c->deref) /* -e verbose=: strace leaves them all undecoded */
		return false;
	switch (cmd) {
	case PTP_CLOCK_GETCAPS:
	case PTP_CLOCK_GETCAPS2:
		print_ptp_caps(c);
		return true;
	case PTP_EXTTS_REQUEST:
	case PTP_EXTTS_REQUEST2: {
		struct ptp_extts_request e;
		if (!rp_arg_copy(c, 2, false, &e, sizeof(e)))
			return true;
		rp_e_open(c->e, '{');
		rp_e_key(c->e, "index");
		rp_e_uint(c->e, e.index);
		rp_e_key(c->e, "flags");
		rp_e_flags(c->e, &rp_x_ptp_extts_flags, e.flags);
		if (cmd == PTP_EXTTS_REQUEST2)
			rp_print_nonzero_u32s(c, "rsv", e.rsv, NELEM(e.rsv), true);
		rp_e_close(c->e, '}');
		return true;
	}
	case PTP_PEROUT_REQUEST:
	case PTP_PEROUT_REQUEST2:
		print_ptp_perout(c, cmd == PTP_PEROUT_REQUEST2);
		return true;
	case PTP_ENABLE_PPS:
	case PTP_ENABLE_PPS2:
		rp_e_hex(c->e, c->sc->args[2]);
		return true;
	case PTP_PIN_GETFUNC:
	case PTP_PIN_GETFUNC2:
	case PTP_PIN_SETFUNC:
	case PTP_PIN_SETFUNC2:
		print_ptp_pin(c, cmd);
		return true;
	case PTP_SYS_OFFSET:
	case PTP_SYS_OFFSET2:
	case PTP_SYS_OFFSET_EXTENDED:
	case PTP_SYS_OFFSET_EXTENDED2:
		print_ptp_sys_offset(c, cmd == PTP_SYS_OFFSET_EXTENDED ||
					    cmd == PTP_SYS_OFFSET_EXTENDED2);
		return true;
	case PTP_SYS_OFFSET_PRECISE:
	case PTP_SYS_OFFSET_PRECISE2:
		print_ptp_precise(c);
		return true;
	default:
		return false;
	}
}

/* ---- userfaultfd (0xaa) ---- */

static void print_uffdio_range(struct rp_ctx *c, const struct uffdio_range *r)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "start");
	rp_e_hex(c->e, r->start);
	rp_e_key(c->e, "len");
	rp_e_hex(c->e, r->len);
	rp_e_close(c->e, '}');
}

static void print_uffdio_api(struct rp_ctx *c)
{
	struct uffdio_api in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "api");
	rp_e_hex(c->e, in.api);
	rp_e_key(c->e, "features");
	rp_e_flags(c->e, &rp_x_uffd_api_features, in.features);
	if (rp_arg_written(c, 2, &out, sizeof(out))) {
		if (out.features != in.features && !c->e->json) {
			rp_e_changed(c->e);
			rp_e_key(c->e, "features");
			rp_e_flags(c->e, &rp_x_uffd_api_features, out.features);
		}
		rp_e_key(c->e, "ioctls");
		rp_e_flags(c->e, &rp_x_uffd_api_ioctls, out.ioctls);
	}
	rp_e_close(c->e, '}');
}

static void print_uffdio_register(struct rp_ctx *c)
{
	struct uffdio_register in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "range");
	print_uffdio_range(c, &in.range);
	rp_e_key(c->e, "mode");
	rp_e_flags(c->e, &rp_x_uffd_register_mode, in.mode);
	if (rp_arg_written(c, 2, &out, sizeof(out))) {
		rp_e_key(c->e, "ioctls");
		rp_e_flags(c->e, &rp_x_uffd_register_ioctls, out.ioctls);
	}
	rp_e_close(c->e, '}');
}

static void print_uffdio_copy(struct rp_ctx *c)
{
	struct uffdio_copy in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "dst");
	rp_e_hex(c->e, in.dst);
	rp_e_key(c->e, "src");
	rp_e_hex(c->e, in.src);
	rp_e_key(c->e, "len");
	rp_e_hex(c->e, in.len);
	rp_e_key(c->e, "mode");
	rp_e_flags(c->e, &rp_x_uffd_copy_mode, in.mode);
	if (rp_arg_written(c, 2, &out, sizeof(out))) {
		rp_e_key(c->e, "copy");
		rp_e_hex(c->e, (uint64_t)out.copy);
	}
	rp_e_close(c->e, '}');
}

static void print_uffdio_zeropage(struct rp_ctx *c)
{
	struct uffdio_zeropage in, out;
	if (!rp_arg_copy(c, 2, false, &in, sizeof(in)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "range");
	print_uffdio_range(c, &in.range);
	rp_e_key(c->e, "mode");
	rp_e_flags(c->e, &rp_x_uffd_zeropage_mode, in.mode);
	if (rp_arg_written(c, 2, &out, sizeof(out))) {
		rp_e_key(c->e, "zeropage");
		rp_e_hex(c->e, (uint64_t)out.zeropage);
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_uffdio(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case UFFDIO_API:
		print_uffdio_api(c);
		return true;
	case UFFDIO_REGISTER:
		print_uffdio_register(c);
		return true;
	case UFFDIO_COPY:
		print_uffdio_copy(c);
		return true;
	case UFFDIO_ZEROPAGE:
		print_uffdio_zeropage(c);
		return true;
	case UFFDIO_UNREGISTER:
	case UFFDIO_WAKE: {
		/* _IOR by their numbers, yet the kernel reads them: captured
		 * at entry by their own rules */
		struct uffdio_range r;
		if (rp_arg_copy(c, 2, false, &r, sizeof(r)))
			print_uffdio_range(c, &r);
		return true;
	}
	default:
		return false;
	}
}

/* ---- seccomp notifications ('!') ---- */

/* The old number of SECCOMP_IOCTL_NOTIF_ID_VALID, _IOR though the kernel
 * reads it; kernels still take it. */
#define NOTIF_ID_VALID_WRONG_DIR SECCOMP_IOR(2, __u64)

static void print_seccomp_notif(struct rp_ctx *c, const struct seccomp_notif *n)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "id");
	rp_e_hex(c->e, n->id);
	rp_e_key(c->e, "pid");
	rp_e_pid(c, n->pid, SC_PID_TGID);
	rp_e_key(c->e, "flags");
	rp_e_hex(c->e, n->flags);
	rp_e_key(c->e, "data");
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "nr");
	char num[16], name[64];
	snprintf(num, sizeof(num), "%u", (unsigned)n->data.nr);
	rp_e_named(c->e, num, rp_syscall_nr_name(n->data.arch, n->data.nr, name, sizeof(name)));
	rp_e_key(c->e, "arch");
	rp_e_enum(c->e, &rp_x_audit_arch, n->data.arch);
	rp_e_key(c->e, "instruction_pointer");
	rp_e_ptr(c->e, n->data.instruction_pointer);
	rp_e_key(c->e, "args");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < sizeof(n->data.args) / sizeof(n->data.args[0]); k++) {
		if (rp_array_cut(c, k))
			break;
		rp_e_hex(c->e, n->data.args[k]);
	}
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
	rp_e_close(c->e, '}');
}

/* SECCOMP_IOCTL_NOTIF_RECV: the kernel wants the struct zeroed and fills
 * it. strace shows a nonzero one as given, then " => " and what the call
 * left (the address when it failed). */
static void print_notif_recv(struct rp_ctx *c)
{
	static const struct seccomp_notif zero;
	struct seccomp_notif in, out;
	const uint64_t addr = c->sc->args[2];
	const struct rp_mem *m = rp_syscall_mem(c->sc, STRTRC_AT_ENTRY, 2, 0);
	/* JSON has one value: the notification received (the call's point) */
	if (!c->e->json && addr && c->deref && m && m->len >= sizeof(in)) {
		memcpy(&in, m->data, sizeof(in));
		if (memcmp(&in, &zero, sizeof(in)) != 0) {
			print_seccomp_notif(c, &in);
			rp_e_changed(c->e);
		}
	}
	if (rp_arg_copy(c, 2, true, &out, sizeof(out)))
		print_seccomp_notif(c, &out);
}

static void print_notif_resp(struct rp_ctx *c)
{
	struct seccomp_notif_resp r;
	if (!rp_arg_copy(c, 2, false, &r, sizeof(r)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "id");
	rp_e_hex(c->e, r.id);
	rp_e_key(c->e, "val");
	rp_e_int(c->e, r.val);
	rp_e_key(c->e, "error");
	const char *const err = r.error < 0 ? strec_errno_name(-r.error) : NULL;
	char num[16], name[48];
	snprintf(num, sizeof(num), "%d", r.error);
	if (err)
		snprintf(name, sizeof(name), "-%s", err);
	rp_e_named(c->e, num, err ? name : NULL);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_seccomp_notif_resp_flags, r.flags);
	rp_e_close(c->e, '}');
}

static void print_notif_addfd(struct rp_ctx *c)
{
	struct seccomp_notif_addfd a;
	if (!rp_arg_copy(c, 2, false, &a, sizeof(a)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "id");
	rp_e_hex(c->e, a.id);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_seccomp_addfd_flags, a.flags);
	rp_e_key(c->e, "srcfd");
	rp_arg_fd(c, (int32_t)a.srcfd);
	rp_e_key(c->e, "newfd");
	rp_e_int(c->e, (int32_t)a.newfd);
	rp_e_key(c->e, "newfd_flags");
	rp_print_open_flags(c, a.newfd_flags);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_seccomp(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case SECCOMP_IOCTL_NOTIF_RECV:
		print_notif_recv(c);
		return true;
	case SECCOMP_IOCTL_NOTIF_SEND:
		print_notif_resp(c);
		return true;
	case SECCOMP_IOCTL_NOTIF_ID_VALID:
	case NOTIF_ID_VALID_WRONG_DIR:
		rp_arg_u64_at(c, 2, false, true);
		return true;
	case SECCOMP_IOCTL_NOTIF_ADDFD:
		print_notif_addfd(c);
		return true;
	default:
		return false;
	}
}

/* ---- real-time clocks ('p') ---- */

/* struct rtc_time: nine ints, the last three (week day, year day, DST)
 * under -v only */
static void print_rtc_time(struct rp_ctx *c, const uint8_t *p)
{
	static const char *const names[] = {"tm_sec",  "tm_min",  "tm_hour", "tm_mday", "tm_mon",
					    "tm_year", "tm_wday", "tm_yday", "tm_isdst"};
	_Static_assert(sizeof(names) / sizeof(names[0]) * 4 == sizeof(struct rtc_time),
		       "rtc_time is nine ints");
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (k == 6 && !c->opts->verbose) {
			rp_e_ellipsis(c->e);
			break;
		}
		rp_e_key(c->e, names[k]);
		rp_e_int(c->e, (int32_t)rp_get_u32(p + 4 * k));
	}
	rp_e_close(c->e, '}');
}

static void print_rtc_time_arg(struct rp_ctx *c, bool at_exit)
{
	const struct rp_mem *const m = rp_arg_mem(c, 2, at_exit, sizeof(struct rtc_time));
	if (m)
		print_rtc_time(c, m->data);
}

static void print_rtc_wkalrm(struct rp_ctx *c, bool at_exit)
{
	struct rtc_wkalrm wk;
	if (!rp_arg_copy(c, 2, at_exit, &wk, sizeof(wk)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "enabled");
	rp_e_uint(c->e, wk.enabled);
	rp_e_key(c->e, "pending");
	rp_e_uint(c->e, wk.pending);
	rp_e_key(c->e, "time");
	print_rtc_time(c, (const uint8_t *)&wk.time);
	rp_e_close(c->e, '}');
}

static void print_rtc_pll_info(struct rp_ctx *c, bool at_exit)
{
	struct rtc_pll_info pll;
	if (!rp_arg_copy(c, 2, at_exit, &pll, sizeof(pll)))
		return;
	const int64_t values[] = {pll.pll_ctrl,	   pll.pll_value,   pll.pll_max,  pll.pll_min,
				  pll.pll_posmult, pll.pll_negmult, pll.pll_clock};
	static const char *const names[] = {"pll_ctrl",	   "pll_value",	  "pll_max",  "pll_min",
					    "pll_posmult", "pll_negmult", "pll_clock"};
	rp_e_open(c->e, '{');
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		rp_e_key(c->e, names[k]);
		rp_e_int(c->e, values[k]);
	}
	rp_e_close(c->e, '}');
}

static void print_rtc_param_value(struct rp_ctx *c, const struct rtc_param *p)
{
	switch (p->param) {
	case RTC_PARAM_FEATURES:
		rp_e_key(c->e, "uvalue");
		rp_e_flags(c->e, &rp_x_rtc_features, p->uvalue);
		break;
	case RTC_PARAM_CORRECTION:
		rp_e_key(c->e, "svalue");
		rp_e_int(c->e, p->svalue);
		break;
	case RTC_PARAM_BACKUP_SWITCH_MODE:
		rp_e_key(c->e, "uvalue");
		rp_e_enum(c->e, &rp_x_rtc_bsm, p->uvalue);
		break;
	default:
		rp_e_key(c->e, "uvalue");
		rp_e_hex(c->e, p->uvalue);
		break;
	}
}

/* struct rtc_param: what is asked (param, index), and the value given
 * (SET) or got (GET, at exit: "given => got"). */
static void print_rtc_param(struct rp_ctx *c, bool get)
{
	struct rtc_param given, got;
	if (!rp_arg_copy(c, 2, false, &given, sizeof(given)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "param");
	rp_e_enum(c->e, &rp_x_rtc_params, given.param);
	if (!get)
		print_rtc_param_value(c, &given);
	rp_e_key(c->e, "index");
	rp_e_uint(c->e, given.index);
	if (given.__pad) {
		rp_e_key(c->e, "__pad");
		rp_e_hex(c->e, given.__pad);
	}
	rp_e_close(c->e, '}');
	if (!get || c->e->json)
		return;
	rp_e_changed(c->e);
	if (!rp_arg_written(c, 2, &got, sizeof(got))) { /* failed: its address */
		rp_e_ptr(c->e, c->sc->args[2]);
		return;
	}
	rp_e_open(c->e, '{');
	print_rtc_param_value(c, &got);
	if (got.__pad) {
		rp_e_key(c->e, "__pad");
		rp_e_hex(c->e, got.__pad);
	}
	rp_e_close(c->e, '}');
}

bool rp_ioctl_rtc(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case RTC_ALM_READ:
	case RTC_RD_TIME:
		print_rtc_time_arg(c, true);
		return true;
	case RTC_ALM_SET:
	case RTC_SET_TIME:
		print_rtc_time_arg(c, false);
		return true;
	case RTC_IRQP_SET:
	case RTC_EPOCH_SET:
		rp_e_uint(c->e, c->sc->args[2]);
		return true;
	case RTC_IRQP_READ:
	case RTC_EPOCH_READ:
		rp_arg_u64_at(c, 2, true, false);
		return true;
	case RTC_WKALM_RD:
	case RTC_WKALM_SET:
		print_rtc_wkalrm(c, cmd == RTC_WKALM_RD);
		return true;
	case RTC_PLL_GET:
	case RTC_PLL_SET:
		print_rtc_pll_info(c, cmd == RTC_PLL_GET);
		return true;
	case RTC_VL_READ:
		rp_arg_flags_at(c, 2, &rp_x_rtc_vl_flags, true);
		return true;
	case RTC_PARAM_GET:
	case RTC_PARAM_SET:
		print_rtc_param(c, cmd == RTC_PARAM_GET);
		return true;
	case RTC_AIE_ON:
	case RTC_AIE_OFF:
	case RTC_UIE_ON:
	case RTC_UIE_OFF:
	case RTC_PIE_ON:
	case RTC_PIE_OFF:
	case RTC_WIE_ON:
	case RTC_WIE_OFF:
	case RTC_VL_CLR:
		return true; /* no argument */
	default:
		return false;
	}
}
