/* tp_fam_ipc: System V shared memory, semaphores and message queues, and
 * POSIX message queues, each on a success and a failure path, for the
 * differential test against strace.
 *
 * Usage: tp_fam_ipc DIR   (DIR is not used: IPC objects are not files)
 * First enters a new IPC namespace (as root) so that the System V ids start
 * afresh and are the same on every run; every object is removed at the end.
 * Calls are raw syscall()s with fixed arguments and IPC_PRIVATE keys. Exit
 * status 0 when every call gave the expected result. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tp_expect.h"

#define BAD_PTR ((void *)8)

static void shm(void)
{
	const long id = syscall(SYS_shmget, IPC_PRIVATE, 8192, IPC_CREAT | IPC_EXCL | 0600);
	expect("shmget", id, 0);
	expect("shmget EINVAL", syscall(SYS_shmget, IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
	expect("shmget ENOENT", syscall(SYS_shmget, 0x1234, 4096, 0), ENOENT);
	/* a huge page size between the flags and the mode: 21<<SHM_HUGE_SHIFT */
	expect("shmget huge ENOENT",
	       syscall(SYS_shmget, 0x1234, 4096, SHM_HUGETLB | (21 << 26) | 0600), ENOENT);
	void *const p = (void *)syscall(SYS_shmat, id, NULL, 0);
	expect("shmat", p == (void *)-1 ? -1 : 0, 0);
	void *const q = (void *)syscall(SYS_shmat, id, NULL, SHM_RDONLY);
	expect("shmat rdonly", q == (void *)-1 ? -1 : 0, 0);
	expect("shmat EINVAL", syscall(SYS_shmat, 99999, NULL, 0), EINVAL);
	struct shmid_ds ds;
	expect("shmctl IPC_STAT", syscall(SYS_shmctl, id, IPC_STAT, &ds), 0);
	ds.shm_perm.mode = 0640;
	expect("shmctl IPC_SET", syscall(SYS_shmctl, id, IPC_SET, &ds), 0);
	struct shminfo info;
	expect("shmctl IPC_INFO", syscall(SYS_shmctl, 0, IPC_INFO, &info) < 0 ? -1 : 0, 0);
	struct shm_info sinfo;
	expect("shmctl SHM_INFO", syscall(SYS_shmctl, 0, SHM_INFO, &sinfo) < 0 ? -1 : 0, 0);
	expect("shmctl SHM_STAT", syscall(SYS_shmctl, 0, SHM_STAT, &ds) < 0 ? -1 : 0, 0);
	expect("shmctl EINVAL", syscall(SYS_shmctl, 99999, IPC_STAT, &ds), EINVAL);
	expect("shmctl EFAULT", syscall(SYS_shmctl, id, IPC_STAT, BAD_PTR), EFAULT);
	expect("shmdt", syscall(SYS_shmdt, p), 0);
	expect("shmdt", syscall(SYS_shmdt, q), 0);
	expect("shmdt EINVAL", syscall(SYS_shmdt, p), EINVAL);
	expect("shmctl IPC_RMID", syscall(SYS_shmctl, id, IPC_RMID, NULL), 0);
}

static void sem(void)
{
	const long id = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
	expect("semget", id, 0);
	expect("semget EINVAL", syscall(SYS_semget, IPC_PRIVATE, -1, IPC_CREAT | 0600), EINVAL);
	expect("semctl SETVAL", syscall(SYS_semctl, id, 0, SETVAL, 3), 0);
	expect("semctl GETVAL", syscall(SYS_semctl, id, 0, GETVAL, 0) < 0 ? -1 : 0, 0);
	unsigned short vals[2] = {1, 2};
	expect("semctl SETALL", syscall(SYS_semctl, id, 0, SETALL, vals), 0);
	expect("semctl GETALL", syscall(SYS_semctl, id, 0, GETALL, vals), 0);
	expect("semctl GETNCNT", syscall(SYS_semctl, id, 1, GETNCNT, 0), 0);
	expect("semctl GETPID", syscall(SYS_semctl, id, 1, GETPID, 0) < 0 ? -1 : 0, 0);
	struct semid_ds ds;
	expect("semctl IPC_STAT", syscall(SYS_semctl, id, 0, IPC_STAT, &ds), 0);
	struct seminfo seminfo;
	expect("semctl IPC_INFO", syscall(SYS_semctl, 0, 0, IPC_INFO, &seminfo) < 0 ? -1 : 0, 0);
	expect("semctl SEM_INFO", syscall(SYS_semctl, 0, 0, SEM_INFO, &seminfo) < 0 ? -1 : 0, 0);
	ds.sem_perm.mode = 0666;
	expect("semctl IPC_SET", syscall(SYS_semctl, id, 0, IPC_SET, &ds), 0);
	expect("semctl EINVAL", syscall(SYS_semctl, 99999, 0, GETVAL, 0), EINVAL);

	struct sembuf ops[2] = {{0, -1, 0}, {1, 1, SEM_UNDO}};
	expect("semop", syscall(SYS_semop, id, ops, 2), 0);
	struct sembuf wait_zero = {1, 0, IPC_NOWAIT};
	expect("semop EAGAIN", syscall(SYS_semop, id, &wait_zero, 1), EAGAIN);
	static struct sembuf many[600]; /* more than SEMOPM */
	expect("semop E2BIG", syscall(SYS_semop, id, many, 600), E2BIG);
	/* a count past 32 bits (an unsigned int to the kernel), operations
	 * running into an unmapped page */
	expect("semop E2BIG long", syscall(SYS_semop, id, NULL, 0xdefaced00000600ul), E2BIG);
	struct sembuf *const cut = page_tail(sizeof(*cut));
	if (cut) {
		*cut = ops[0];
		expect("semop EFAULT", syscall(SYS_semop, id, cut, 2), EFAULT);
	}
	const struct timespec zero = {0, 0};
	expect("semtimedop EAGAIN", syscall(SYS_semtimedop, id, &wait_zero, 1, &zero), EAGAIN);
	struct sembuf take = {1, -1, 0};
	expect("semtimedop", syscall(SYS_semtimedop, id, &take, 1, &zero), 0);
	expect("semctl IPC_RMID", syscall(SYS_semctl, id, 0, IPC_RMID, 0), 0);
	expect("semop EINVAL", syscall(SYS_semop, id, ops, 1), EINVAL);
}

struct message {
	long mtype;
	char mtext[16];
};

static void msg(void)
{
	const long id = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
	expect("msgget", id, 0);
	expect("msgget ENOENT", syscall(SYS_msgget, 0x4321, 0), ENOENT);
	struct message m = {7, "hello, queue"};
	expect("msgsnd", syscall(SYS_msgsnd, id, &m, 12, 0), 0);
	expect("msgsnd nowait", syscall(SYS_msgsnd, id, &m, 5, IPC_NOWAIT), 0);
	expect("msgsnd again", syscall(SYS_msgsnd, id, &m, 5, 0), 0);
	/* longer than strace's 32 bytes and the msgbuf type's */
	struct {
		long mtype;
		char mtext[80];
	} big = {9, "a message longer than thirty-two bytes, and longer than forty, too"};
	expect("msgsnd long", syscall(SYS_msgsnd, id, &big, strlen(big.mtext), 0), 0);
	memset(big.mtext, 0, sizeof(big.mtext));
	expect("msgrcv long", syscall(SYS_msgrcv, id, &big, sizeof(big.mtext), 9, 0) < 0 ? -1 : 0,
	       0);
	struct message in;
	memset(&in, 0, sizeof(in));
	expect("msgrcv", syscall(SYS_msgrcv, id, &in, sizeof(in.mtext), 7, 0) < 0 ? -1 : 0, 0);
	expect("msgrcv E2BIG", syscall(SYS_msgrcv, id, &in, 2, 0, IPC_NOWAIT), E2BIG);
	expect("msgrcv noerror",
	       syscall(SYS_msgrcv, id, &in, 2, 0, IPC_NOWAIT | MSG_NOERROR) < 0 ? -1 : 0, 0);
	expect("msgrcv except", syscall(SYS_msgrcv, id, &in, 16, 7, IPC_NOWAIT | MSG_EXCEPT),
	       ENOMSG);
	/* a negative type, a long one: the lowest type up to its magnitude */
	expect("msgrcv negative", syscall(SYS_msgrcv, id, &in, 16, -6L, IPC_NOWAIT), ENOMSG);
	expect("msgrcv bad id", syscall(SYS_msgrcv, -1, &in, 16, -0x7fabcdef01234567L, 0), EINVAL);
	struct msqid_ds ds;
	expect("msgctl IPC_STAT", syscall(SYS_msgctl, id, IPC_STAT, &ds), 0);
	struct msginfo msginfo;
	expect("msgctl IPC_INFO", syscall(SYS_msgctl, 0, IPC_INFO, &msginfo) < 0 ? -1 : 0, 0);
	expect("msgctl MSG_INFO", syscall(SYS_msgctl, 0, MSG_INFO, &msginfo) < 0 ? -1 : 0, 0);
	ds.msg_qbytes = 8192;
	expect("msgctl IPC_SET", syscall(SYS_msgctl, id, IPC_SET, &ds), 0);
	expect("msgctl EINVAL", syscall(SYS_msgctl, 99999, IPC_STAT, &ds), EINVAL);
	expect("msgctl IPC_RMID", syscall(SYS_msgctl, id, IPC_RMID, NULL), 0);
	expect("msgsnd EINVAL", syscall(SYS_msgsnd, id, &m, 5, 0), EINVAL);
}

static void mq(void)
{
	struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 32};
	const long fd = syscall(SYS_mq_open, "tp_fam_ipc", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	expect("mq_open", fd, 0);
	expect("mq_open EEXIST",
	       syscall(SYS_mq_open, "tp_fam_ipc", O_RDWR | O_CREAT | O_EXCL, 0600, NULL), EEXIST);
	expect("mq_open ENOENT", syscall(SYS_mq_open, "tp_fam_missing", O_RDONLY, 0, NULL), ENOENT);
	/* a mode past umode_t's 16 bits, mq_flags set (mq_open ignores them),
	 * attributes cut by an unmapped page */
	struct mq_attr odd = {.mq_flags = O_NONBLOCK | 0x10000, .mq_maxmsg = 4, .mq_msgsize = 32};
	expect("mq_open EEXIST mode",
	       syscall(SYS_mq_open, "tp_fam_ipc", O_RDWR | O_CREAT | O_EXCL, 0xfaceb1edul, &odd),
	       EEXIST);
	struct mq_attr *const cut = page_tail(sizeof(*cut) - 8);
	if (cut)
		expect("mq_open EFAULT",
		       syscall(SYS_mq_open, "tp_fam_ipc", O_RDWR | O_CREAT, 0600, cut), EFAULT);
	expect("mq_timedsend", syscall(SYS_mq_timedsend, fd, "first", 5, 1, NULL), 0);
	const struct timespec past = {1, 0};
	expect("mq_timedsend abs", syscall(SYS_mq_timedsend, fd, "second!", 7, 3, &past), 0);
	expect("mq_timedsend EMSGSIZE", syscall(SYS_mq_timedsend, fd, "x", 100, 0, NULL), EMSGSIZE);
	char buf[32];
	unsigned prio = 0;
	expect("mq_timedreceive",
	       syscall(SYS_mq_timedreceive, fd, buf, sizeof(buf), &prio, NULL) < 0 ? -1 : 0, 0);
	expect("mq_timedreceive NULL prio",
	       syscall(SYS_mq_timedreceive, fd, buf, sizeof(buf), NULL, &past) < 0 ? -1 : 0, 0);
	expect("mq_timedreceive ETIMEDOUT",
	       syscall(SYS_mq_timedreceive, fd, buf, sizeof(buf), &prio, &past), ETIMEDOUT);
	expect("mq_timedreceive EMSGSIZE", syscall(SYS_mq_timedreceive, fd, buf, 4, &prio, NULL),
	       EMSGSIZE);
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 5;
	expect("mq_notify", syscall(SYS_mq_notify, fd, &sev), 0);
	expect("mq_notify EBUSY", syscall(SYS_mq_notify, fd, &sev), EBUSY);
	expect("mq_notify off", syscall(SYS_mq_notify, fd, NULL), 0);
	expect("mq_notify EBADF", syscall(SYS_mq_notify, 99, NULL), EBADF);
	struct mq_attr old;
	expect("mq_getsetattr get", syscall(SYS_mq_getsetattr, fd, NULL, &old), 0);
	const struct mq_attr nb = {.mq_flags = O_NONBLOCK};
	expect("mq_getsetattr set", syscall(SYS_mq_getsetattr, fd, &nb, &old), 0);
	expect("mq_getsetattr EBADF", syscall(SYS_mq_getsetattr, 99, NULL, &old), EBADF);
	expect("close", close((int)fd), 0);
	expect("mq_unlink", syscall(SYS_mq_unlink, "tp_fam_ipc"), 0);
	expect("mq_unlink ENOENT", syscall(SYS_mq_unlink, "tp_fam_ipc"), ENOENT);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* a private IPC namespace: fresh ids (needs root; else ids vary) */
	syscall(SYS_unshare, CLONE_NEWIPC);
	shm();
	sem();
	msg();
	mq();
	return failures ? 1 : 0;
}
