/* tp_fam_memory: memory-management system calls, each on a success and a
 * failure path, for the differential test against strace.
 *
 * Usage: tp_fam_memory DIR
 * Works in DIR (file mem.a, removed at the end). Every call is a raw
 * syscall() at a fixed hint address or on a fixed mapping, so that the
 * addresses printed do not depend on what the libc mapped before. No
 * output; exit status 0. */
#include <fcntl.h>
#include <linux/mempolicy.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tp_expect.h"

#define PAGE   4096ul
#define BASE   0x200000000ul /* far from the program, the heap and the libs */
#define BADFD  999
#define BADPTR ((void *)8)

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MADV_COLD
#define MADV_COLD 20
#endif

static unsigned char vec[16];

static void *map(uintptr_t addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int main(int argc, char **argv)
{
	if (argc < 2 || syscall(SYS_chdir, argv[1]) != 0)
		return 2;
	/* descriptors inherited from the caller would shift ours */
	syscall(SYS_close_range, 3, ~0u, 0);

	/* brk: query, grow, shrink back */
	const uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
	syscall(SYS_brk, cur + 2 * PAGE);
	syscall(SYS_brk, cur);

	/* anonymous mappings */
	char *a = map(BASE, 4 * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	a[0] = 1;
	a[PAGE] = 2;
	map(BASE + 16 * PAGE, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
	    -1, 0);
	map(BASE + 16 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
	    -1, 0);
	map(BASE + 32 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE | MAP_POPULATE, -1, 0);
	map(BASE + 40 * PAGE, PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_STACK | MAP_GROWSDOWN, -1, 0);
	map(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	map(0, PAGE, PROT_READ, MAP_PRIVATE, BADFD, 0);
	map(0, PAGE, PROT_READ, 0xf, -1, 0);
	map(BASE + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	map(0, PAGE, PROT_READ | 0x10, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << 26), -1,
	    0);

	/* a file mapping */
	const int fd =
	    (int)syscall(SYS_openat, AT_FDCWD, "mem.a", O_RDWR | O_CREAT | O_TRUNC, 0600);
	syscall(SYS_ftruncate, fd, 2 * PAGE);
	char *f =
	    map(BASE + 48 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	map(BASE + 52 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, PAGE);
	map(0, PAGE, PROT_READ, MAP_SHARED, fd, 3);
	f[0] = 'x';
	syscall(SYS_msync, f, 2 * PAGE, MS_SYNC);
	syscall(SYS_msync, f, PAGE, MS_ASYNC | MS_INVALIDATE);
	syscall(SYS_msync, f + 1, PAGE, MS_SYNC);
	syscall(SYS_msync, f, PAGE, MS_SYNC | MS_ASYNC);
	syscall(SYS_msync, f, PAGE, 0x40);

	/* protection */
	syscall(SYS_mprotect, a, PAGE, PROT_READ);
	syscall(SYS_mprotect, a + PAGE, PAGE, PROT_NONE);
	syscall(SYS_mprotect, a, 2 * PAGE, PROT_READ | PROT_WRITE);
	syscall(SYS_mprotect, a + 1, PAGE, PROT_READ);
	syscall(SYS_mprotect, a, PAGE, 0x100);
	syscall(SYS_mprotect, BASE + 200 * PAGE, PAGE, PROT_READ);

	/* advice */
	syscall(SYS_madvise, a, PAGE, MADV_WILLNEED);
	syscall(SYS_madvise, a, PAGE, MADV_DONTNEED);
	syscall(SYS_madvise, a, 4 * PAGE, MADV_DONTFORK);
	syscall(SYS_madvise, a, 4 * PAGE, MADV_DOFORK);
	syscall(SYS_madvise, a, PAGE, MADV_COLD);
	syscall(SYS_madvise, a, PAGE, MADV_SEQUENTIAL);
	syscall(SYS_madvise, a, PAGE, 999);
	syscall(SYS_madvise, a + 1, PAGE, MADV_NORMAL);

	/* residency */
	syscall(SYS_mincore, a, 4 * PAGE, vec);
	syscall(SYS_mincore, f, 2 * PAGE, vec);
	syscall(SYS_mincore, a, 1, vec);
	syscall(SYS_mincore, a + 1, PAGE, vec);
	syscall(SYS_mincore, a, PAGE, BADPTR);
	syscall(SYS_mincore, BASE + 200 * PAGE, PAGE, vec);

	/* locking */
	syscall(SYS_mlock, a, PAGE);
	syscall(SYS_munlock, a, PAGE);
	syscall(SYS_mlock, BASE + 200 * PAGE, PAGE);
	syscall(SYS_munlock, a, 0);
	syscall(SYS_munlock, BASE + 200 * PAGE, PAGE); /* nothing mapped: ENOMEM */

	/* remapping */
	map(BASE + 56 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	char *r = (char *)syscall(SYS_mremap, BASE + 56 * PAGE, 4 * PAGE, 8 * PAGE,
				  MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 64 * PAGE);
	syscall(SYS_mremap, r, 8 * PAGE, 2 * PAGE, 0, 0);
	map(BASE + 66 * PAGE, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	syscall(SYS_mremap, r, 2 * PAGE, 4 * PAGE, 0, 0);
	syscall(SYS_mremap, r, 2 * PAGE, 4 * PAGE, MREMAP_FIXED, BASE + 100 * PAGE);
	syscall(SYS_mremap, r + 1, PAGE, PAGE, 0, 0);
	syscall(SYS_mremap, r, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
		BASE + 80 * PAGE);
	syscall(SYS_mremap, r, 2 * PAGE, PAGE, 0x80, 0);

	syscall(SYS_remap_file_pages, f, PAGE, 0, 0, 0);
	syscall(SYS_remap_file_pages, a, PAGE, 0xdefaced00000000ull | PROT_READ, 1,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21u << 26));
	/* protection keys: access rights in 64 bits (no keys here: EINVAL or
	 * ENOSPC, as the CPU has them or not) */
	syscall(SYS_pkey_alloc, 0, 0xbadc0ded00000002ull);
	syscall(SYS_pkey_alloc, 0, 0);
	syscall(SYS_lookup_dcookie, 0xf157feeddeadfaceull, NULL, 0);
	syscall(SYS_mlockall, MCL_FUTURE | MCL_ONFAULT);
	syscall(SYS_munlockall);
	syscall(SYS_mlockall, 0x10);

	/* NUMA policies (one node here): node masks, modes with flag bits,
	 * page moves with each page's status */
	static unsigned long nodes[2] = {1, 0}, got[2];
	static int mode, status[2], to_node[2];
	static void *pages[2];
	pages[0] = a;
	pages[1] = BADPTR;
	syscall(SYS_mbind, a, PAGE, MPOL_BIND | MPOL_F_STATIC_NODES, nodes, 65, MPOL_MF_STRICT);
	syscall(SYS_mbind, a, PAGE, MPOL_DEFAULT, NULL, 0, 0);
	syscall(SYS_mbind, a, PAGE, 77, nodes, 65, 0x80);
	syscall(SYS_set_mempolicy, MPOL_PREFERRED, nodes, 65);
	syscall(SYS_get_mempolicy, &mode, got, 129, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_BIND | MPOL_F_RELATIVE_NODES, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, a, MPOL_F_ADDR);
	syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0x10);
	syscall(SYS_migrate_pages, 0, 65, nodes, nodes);
	syscall(SYS_migrate_pages, 0, 65, BADPTR, nodes);
	syscall(SYS_move_pages, 0, 2, pages, NULL, status, MPOL_MF_MOVE);
	syscall(SYS_move_pages, 0, 1, pages, to_node, status, 0x10);
	syscall(SYS_set_mempolicy_home_node, a, PAGE, 0, 3);
	syscall(SYS_set_mempolicy_home_node, a + 1, PAGE, 0, 0);

	/* another process's memory (our own here): the local buffers' bytes,
	 * the remote iovecs as addresses; a vector running into an unmapped
	 * page; process_madvise's vector */
	char *const bytes = a + 3 * PAGE;
	for (int k = 0; k < 32; k++)
		bytes[k] = (char)('a' + k % 26);
	struct iovec *const iov = (struct iovec *)(a + 2 * PAGE);
	iov[0] = (struct iovec){bytes, 4};
	iov[1] = (struct iovec){bytes + 4, 6};
	iov[2] = (struct iovec){bytes + 16, 10};
	const long self = syscall(SYS_getpid);
	syscall(SYS_process_vm_readv, self, iov, 2, iov + 2, 1, 0);
	syscall(SYS_process_vm_writev, self, iov, 2, iov + 2, 1, 0);
	syscall(SYS_process_vm_readv, self, iov, 1, BADPTR, 1, 0);
	syscall(SYS_process_vm_writev, self, iov, 0, iov + 2, 0, 0);
	syscall(SYS_process_vm_readv, self, iov, 2, iov + 2, 1, 1);
	struct iovec *const tail = page_tail(sizeof(*tail));
	if (tail) {
		*tail = iov[2];
		syscall(SYS_process_vm_writev, self, tail, 2, iov, 1, 0);
		syscall(SYS_process_madvise, BADFD, tail, 2, MADV_COLD, 0);
	}
	syscall(SYS_process_madvise, BADFD, iov, 2, MADV_PAGEOUT, 0xdefaced00000001ull);
	syscall(SYS_process_madvise, BADFD, NULL, 0, 999, 0);

	/* unmapping */
	syscall(SYS_munmap, r, 2 * PAGE);
	syscall(SYS_munmap, r + 1, PAGE);
	syscall(SYS_munmap, BASE + 66 * PAGE, PAGE);
	syscall(SYS_munmap, BASE + 80 * PAGE, PAGE);
	syscall(SYS_munmap, a, 4 * PAGE);
	syscall(SYS_munmap, f, 0);
	syscall(SYS_munmap, f, 2 * PAGE);
	syscall(SYS_munmap, BASE + 16 * PAGE, PAGE);
	syscall(SYS_munmap, BASE + 32 * PAGE, 2 * PAGE);
	syscall(SYS_munmap, BASE + 40 * PAGE, PAGE);
	syscall(SYS_munmap, BASE + 52 * PAGE, PAGE);

	syscall(SYS_close, fd);
	syscall(SYS_unlinkat, AT_FDCWD, "mem.a", 0);
	return 0;
}
