/* The BPF engine's capture plan, from common's syscall table: what the
 * BPF program captures for each argument is decided here, by the same rules
 * as the ptrace engine's capture.c, so that the program itself stays
 * generic (it knows argument kinds, never syscalls or types). */
#include "bpf_plan.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "recorder.h"
#include "syscall_table.h"

struct sb_arg_plan rec_bpf_arg_plan(const struct sc_arg *arg, unsigned strvecs_before,
				    uint32_t capture_size)
{
	assert(arg);
	const uint32_t size = (uint32_t)sc_type_size((enum sc_type_id)arg->type);
	struct sb_arg_plan p = {
	    .kind = arg->kind,
	    .dir = arg->dir,
	    .len = arg->len,
	    .size = size,
	    .len_field_off = arg->len_off,
	};
	switch (arg->kind) {
	case SC_ARG_PATH:
		p.cap = REC_MAX_PATH;
		break;
	case SC_ARG_STR:
		p.cap = capture_size;
		break;
	case SC_ARG_STRVEC:
		p.cap = REC_MAX_STRING;
		if (strvecs_before > 0)
			p.flags |= SB_ARG_ENV;
		break;
	case SC_ARG_BUF:
		/* directory entries whole: the decoder counts them */
		p.cap = arg->type == SC_T_DIRENTS ? REC_MAX_DIRENTS : capture_size;
		break;
	case SC_ARG_STRUCT:
		/* an extensible struct: as much as its size argument says */
		p.cap = arg->len != SC_LEN_NONE ? SC_EXT_STRUCT_MAX : size;
		switch (arg->type) {
		case SC_T_TIMESPEC:
			/* the time left, written back by a sleep that restarts */
			p.flags |= SB_ARG_KEEP_ON_RESTART;
			break;
		case SC_T_MSGBUF:
			p.flags |= SB_ARG_MSG_TEXT;
			break;
		case SC_T_SIGSET_PACK:
			p.flags |= SB_ARG_SIGSET_PACK;
			break;
		case SC_T_CLONE_ARGS:
			p.flags |= SB_ARG_CLONE_ARGS;
			break;
		case SC_T_INT_PAIR:
			p.flags |= SB_ARG_FD_PAIR;
			break;
		case SC_T_NEW_FD:
			p.flags |= SB_ARG_NEW_FD;
			break;
		default:
			break;
		}
		const struct sc_pointee *const pointee = sc_type_pointee(arg->type);
		if (pointee) {
			/* the program reads the length as 8 bytes within the
			 * struct: from the field on, or ending where it ends */
			assert(pointee->len_size <= 8 && size >= 8);
			p.pointee_stops = pointee->stops;
			p.ptr_off = pointee->ptr_off;
			p.tail = pointee->ptr_off == SC_POINTEE_TAIL;
			p.self = pointee->ptr_off == SC_POINTEE_SELF;
			p.len_off = pointee->len_off;
			p.len_size = pointee->len_size;
			if (pointee->len_off + 8u > size) {
				assert(pointee->len_off + pointee->len_size >= 8u);
				p.len_off = (uint8_t)(pointee->len_off + pointee->len_size - 8);
				p.len_shift = (uint8_t)(8 * (8 - pointee->len_size));
			}
			p.unit = pointee->unit;
			p.pointee_cap = pointee->cap;
			p.str_off = pointee->str_off;
			p.str_stops = pointee->str_stops;
		}
		break;
	case SC_ARG_ARRAY:
		p.cap = sc_array_cap((enum sc_type_id)arg->type, capture_size);
		p.iocbs = arg->type == SC_T_IOCB_PTR;
		break;
	case SC_ARG_IOVEC:
	case SC_ARG_MSGHDR:
	case SC_ARG_MMSGHDR:
		p.cap = capture_size; /* per buffer */
		break;
	case SC_ARG_SOCKADDR:
		p.cap = REC_MAX_SOCKADDR;
		break;
	case SC_ARG_SIGSET:
		p.cap = REC_MAX_SIGSET;
		break;
	case SC_ARG_SIGFRAME:
		p.cap = 8;
		break;
	case SC_ARG_FD:
		if (arg->type == SC_T_PIDFD_TARGET_FD)
			p.flags |= SB_ARG_REMOTE_FD; /* named at exit, for -y */
		break;
	default:
		break; /* not a pointer: nothing to capture */
	}
	return p;
}

/* Whether the BPF program captures anything for argument a at entry (or at
 * exit): what capture_arg_cb does, kind by kind. */
static bool captures(const struct sc_arg *a, bool at_entry)
{
	switch (a->kind) {
	case SC_ARG_MMSGHDR:
		return true; /* both: msg_len is written back even for sends */
	case SC_ARG_SIGFRAME:
		return at_entry;
	case SC_ARG_IOVEC:
		/* the array of a read is input, its buffers output */
		return at_entry ? a->dir != SC_DIR_NONE : (a->dir & SC_DIR_OUT);
	case SC_ARG_STRUCT:
		if (!at_entry && a->type == SC_T_CLONE_ARGS) /* pidfd, parent_tid */
			return true;
		/* fall through */
	case SC_ARG_PATH:
	case SC_ARG_STR:
	case SC_ARG_STRVEC:
	case SC_ARG_BUF:
	case SC_ARG_ARRAY:
	case SC_ARG_SOCKADDR:
	case SC_ARG_MSGHDR:
	case SC_ARG_SIGSET:
		return a->dir & (at_entry ? SC_DIR_IN : SC_DIR_OUT);
	default:
		return false;
	}
}

int rec_bpf_plan_build(struct rec_bpf_plan *plan, const struct strec_filter *filter,
		       uint32_t capture_size, char *msg, size_t msg_size)
{
	assert(plan && filter);
	memset(plan, 0, sizeof(*plan));
	const struct sc_table *const table = &sc_table_x86_64;
	if (table->count > SB_MAX_NR || table->nconds > SB_MAX_CONDS) {
		snprintf(msg, msg_size,
			 "the syscall table (%u numbers, %u conditional rules) outgrows the BPF "
			 "plan (%d, %d)",
			 table->count, table->nconds, SB_MAX_NR, SB_MAX_CONDS);
		return -E2BIG;
	}
	/* Every number of both tables gets its filter bit: unknown numbers
	 * too, as the ptrace engine's filter matches them. */
	for (unsigned nr = 0; nr < SB_MAX_NR; nr++) {
		struct sb_syscall_plan *const p = &plan->syscalls[nr];
		const struct sc_desc *const desc = sc_lookup(table, nr);
		const struct sc_desc *const desc_i386 = sc_lookup(&sc_table_i386, nr);
		const bool lifecycle = desc && (desc->classes & SC_CLASS_LIFECYCLE);
		const bool lifecycle_i386 = desc_i386 && (desc_i386->classes & SC_CLASS_LIFECYCLE);
		if (lifecycle || strec_filter_match(filter, SC_AUDIT_ARCH_X86_64, nr))
			p->flags |= SB_PLAN_RECORD;
		if (lifecycle_i386 || strec_filter_match(filter, SC_AUDIT_ARCH_I386, nr))
			p->flags |= SB_PLAN_RECORD_I386;
		if (!desc)
			continue;
		p->flags |= SB_PLAN_KNOWN;
		if (desc->classes & SC_CLASS_RET_FD)
			p->flags |= SB_PLAN_RET_FD;
		if (desc->classes & SC_CLASS_OUT_FDS)
			p->flags |= SB_PLAN_OUT_FDS;
		if (desc->classes & SC_CLASS_SETS_CWD)
			p->flags |= SB_PLAN_SETS_CWD;
		if (desc->classes & SC_CLASS_OTHER_FDS)
			p->flags |= SB_PLAN_OTHER_FDS;
		if (desc->classes & SC_CLASS_SIZE_ON_E2BIG)
			p->flags |= SB_PLAN_SIZE_ON_E2BIG;
		if (desc->classes & SC_CLASS_SETS_PGRP)
			p->flags |= SB_PLAN_SETS_PGRP;
		if (desc->classes & SC_CLASS_SOCKET_ENDS) {
			/* capture.c's record_sockets: the same choice */
			p->flags |= SB_PLAN_SOCKET_ENDS;
			if (desc->nargs > 0 && desc->args[0].type == SC_T_DATA_SINK)
				p->flags |= SB_PLAN_SEND;
			if (desc->nargs > 4 && desc->args[4].kind == SC_ARG_SOCKADDR)
				p->flags |= SB_PLAN_SEND_ADDR4;
		}
		p->nargs = desc->nargs < SB_MAX_ARGS ? desc->nargs : SB_MAX_ARGS;
		unsigned strvecs = 0;
		for (unsigned i = 0; i < p->nargs; i++) {
			p->args[i] = rec_bpf_arg_plan(&desc->args[i], strvecs, capture_size);
			strvecs += desc->args[i].kind == SC_ARG_STRVEC;
			if (captures(&desc->args[i], true))
				p->flags |= SB_PLAN_ENTRY_CAPTURES;
			if (captures(&desc->args[i], false))
				p->flags |= SB_PLAN_EXIT_CAPTURES;
		}
		if (desc->classes & SC_CLASSES_RESULT)
			p->flags |= SB_PLAN_EXIT_CAPTURES;
		if (sc_has_conds(table, nr))
			p->flags |=
			    SB_PLAN_ENTRY_CAPTURES | SB_PLAN_EXIT_CAPTURES; /* by the rules */
	}
	/* The conditional rules, sorted by number as in the table. */
	for (unsigned k = 0; k < table->nconds; k++) {
		const struct sc_cond *const c = &table->conds[k];
		if (c->nr >= SB_MAX_NR)
			continue;
		struct sb_syscall_plan *const p = &plan->syscalls[c->nr];
		if (!p->cond_count)
			p->cond_first = (uint16_t)plan->nconds;
		if (++p->cond_count > SB_MAX_CALL_CONDS) {
			snprintf(msg, msg_size,
				 "syscall %u has more than %d conditional rules: the BPF program "
				 "looks at no more",
				 c->nr, SB_MAX_CALL_CONDS);
			return -E2BIG;
		}
		plan->conds[plan->nconds++] = (struct sb_cond_plan){
		    .mask = c->mask,
		    .value = c->value,
		    .mask2 = c->mask2,
		    .value2 = c->value2,
		    .selector = c->selector,
		    .selector2 = c->selector2,
		    .target = c->target,
		    .arg = rec_bpf_arg_plan(&c->arg, 0, capture_size),
		};
	}
	plan->record_unknown = !filter->active;
	return 0;
}
