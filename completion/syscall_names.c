/* Prints the words bash completion offers for syscall filters: every
 * x86_64 syscall name, then every class as %name, one per line. Run at
 * build time so that completion/strec.bash follows the syscall table. */
#include "syscall_table.h"

#include <stdio.h>

int main(void)
{
	const struct sc_table *t = &sc_table_x86_64;
	for (unsigned nr = 0; nr < t->count; nr++) {
		if (t->descs[nr].name)
			puts(t->descs[nr].name);
	}
	for (unsigned i = 0; sc_class_names[i]; i++)
		printf("%%%s\n", sc_class_names[i]);
	return ferror(stdout) ? 1 : 0;
}
