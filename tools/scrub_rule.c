/* The scrubbing rule of memory records (see scrub_rule.h). */
#include "scrub_rule.h"

#include "syscall_table.h"

enum scrub_action scrub_mem_action(const struct scrub_call *c, const struct strtrc_memory *m,
				   bool drop_argv, bool drop_env)
{
	const struct sc_table *const table = sc_table_for_arch(c->arch);
	const struct sc_desc *const d = table ? sc_lookup(table, c->nr) : NULL;
	/* what the kernel named a new descriptor or the new cwd: a path */
	if (c->in_call && m->arg == STRTRC_ARG_RESULT)
		return SCRUB_MASK;
	if (!c->in_call || !d || m->arg >= d->nargs || m->arg >= 6)
		return SCRUB_DROP;
	const struct sc_arg a = sc_arg_effective(table, c->nr, d, m->arg, c->args);
	switch (a.kind) {
	case SC_ARG_PATH:
		return m->item == 0 ? SCRUB_MASK : SCRUB_DROP;
	case SC_ARG_STRVEC: {
		if (m->item == 0)
			return SCRUB_KEEP; /* the pointers */
		/* the first vector is argv, a second one the environment */
		bool env = false;
		for (unsigned i = 0; i < m->arg; i++)
			env |= d->args[i].kind == SC_ARG_STRVEC;
		return (env ? drop_env : drop_argv) ? SCRUB_DROP : SCRUB_MASK;
	}
	case SC_ARG_STRUCT:
	case SC_ARG_ARRAY:
	case SC_ARG_SIGSET:
	case SC_ARG_SOCKADDR:
	case SC_ARG_IOVEC:
	case SC_ARG_MSGHDR:
	case SC_ARG_MMSGHDR:
		return m->item == 0 ? SCRUB_KEEP : SCRUB_DROP;
	default:
		return SCRUB_DROP;
	}
}

void scrub_mem_drop(struct strtrc_memory *m)
{
	if (!m->data.len)
		return;
	m->data.len = 0;
	m->flags |= STRTRC_MEM_SCRUBBED | STRTRC_MEM_TRUNCATED;
}
