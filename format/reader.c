/* libstrtrc reader: fd -> zstd frames (skippable ones skipped) -> one
 * continuous CBOR sequence -> records. Streams with bounded memory and no
 * allocation per record; every length from the file is checked. */
#include "strtrc.h"
#include "strtrc_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cbor.h>
#include <zstd.h>

#define IN_CHUNK       ((size_t)256 << 10)
#define DBUF_INITIAL   ((size_t)512 << 10)
#define CHUNK	       ((size_t)128 << 10) /* decompressed bytes handed on at a time */
#define NCHUNKS	       8		   /* read-ahead: chunks in flight */
#define MAX_RECORD     ((size_t)64 << 20)  /* one record, encoded */
#define MAX_DEPTH      8
#define MAX_NODES      ((size_t)1 << 21) /* items in one record */
#define INITIAL_NODES  256
#define WINDOW_LOG_MAX 27 /* bounds zstd's window memory to 128 MiB */
#define MSG_SIZE       320
#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))

enum node_type { N_UINT, N_NEGINT, N_BYTES, N_TEXT, N_ARRAY, N_MAP, N_BOOL, N_OTHER };

/* One CBOR item of a record, in preorder; containers know where their
 * subtree ends so fields can be skipped without recursion. */
struct node {
	uint64_t v;    /* int value, string length, element count (pairs for maps) */
	uint32_t off;  /* a string's bytes: offset from the record's first byte */
	uint32_t next; /* index of the node after this subtree */
	uint8_t type;
};

/* An array or map, or a tag (which holds one item), still open. */
#define TAG_ENTRY UINT32_MAX
struct open_container {
	uint32_t node; /* its node, or TAG_ENTRY */
	uint64_t left; /* items still to come */
};

/* The parse of one record into r->nodes. When the record is not whole in
 * the buffer yet, the parse stops at the item that is not and resumes
 * there once more bytes came: every byte is parsed once, however many
 * chunks a record spans. */
struct parse_ctx {
	struct strtrc_reader *r;
	const uint8_t *base; /* the record's first byte (dbuf moves between calls) */
	size_t len;	     /* bytes parsed */
	size_t n;	     /* nodes */
	size_t items;	     /* nodes and tags: what MAX_NODES bounds */
	struct open_container stack[MAX_DEPTH];
	int depth;
	const char *error; /* set by a callback */
};

enum zstate { Z_BETWEEN, Z_FRAME, Z_SKIP };

/* The part of a zstd frame (RFC 8878 3.1.1) that zstd is being given. */
enum zunit { U_START, U_HEADER, U_BLOCK, U_LAST_BLOCK, U_CHECKSUM };

/* The compressed side: the file, its zstd frames, where reading is. Used
 * by one thread at a time: the reader's caller, or the read-ahead thread
 * once that runs. */
struct source {
	int fd;
	uint8_t *ibuf;
	size_t ipos, ilen;
	uint64_t ibase; /* file offset of ibuf[0] */
	bool eof;
	ZSTD_DCtx *dctx;
	enum zstate zstate;
	uint64_t skip_left;
	uint64_t frame_off; /* file offset of the frame being read */
	/* Inside a frame, zstd gets one part (header, block, checksum) at a
	 * time, the next only once it handed on all it decoded: a damaged
	 * block, or a second trace where a block should start, then costs
	 * nothing that came before it (zstd reports no output from a call
	 * that fails). */
	enum zunit unit;
	uint64_t unit_end;  /* file offset where the part ends */
	bool checksum;	    /* the frame ends with a content checksum */
	bool drained;	    /* zstd's last call stopped for want of input */
	const char *cut;    /* where the input was cut short, once it ended */
	char msg[MSG_SIZE]; /* why it failed (without the file name) */
};

/* Decompressed bytes as the source hands them on: always CHUNK of them
 * unless the input ends or fails, so that the stream is cut into the same
 * chunks (and errors say the same) with read-ahead or without. */
struct chunk {
	uint8_t *data;
	size_t len, pos;	  /* bytes in data; bytes taken by the parser */
	uint64_t fpos, frame_off; /* the source's file offset and frame after them */
	int status;		  /* 1: more follows; 0: the input ended; negative errno */
	const char *cut;	  /* status 0: where the input was cut short, or NULL */
	char msg[MSG_SIZE];	  /* status < 0: why */
};

/* Read-ahead: a thread decompresses into a ring of chunks while the
 * caller parses. chunks[head] is the one being parsed once taken; count
 * counts it and the filled ones after it. */
struct readahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	struct chunk chunks[NCHUNKS];
	unsigned head, count;
	bool stop;
};

struct strtrc_reader {
	bool own_fd;
	char *name;
	struct source src;
	struct chunk solo; /* the chunk without read-ahead (and before it) */
	struct chunk *cur; /* the chunk being parsed */
	struct readahead *ra;
	uint64_t fpos;	    /* file bytes consumed, as of cur */
	uint64_t frame_off; /* the frame being read, as of cur */
	/* decompressed CBOR sequence */
	uint8_t *dbuf;
	size_t dpos, dlen, dcap;
	bool no_fast_path; /* strtrc_reader_set_fast_path(r, false) */
	uint64_t dbase;	   /* stream offset of dbuf[0] */
	/* record parsing */
	struct node *nodes;
	size_t nodes_cap;
	uint32_t *tids;
	size_t tids_cap;
	struct strtrc_fd_entry *fds;
	size_t fds_cap;
	uint64_t pidns_parents[STRTRC_PIDNS_MAX];
	uint32_t pidns_ids[STRTRC_PID_TYPES][STRTRC_PIDNS_MAX];
	struct strtrc_header header;
	void *header_mem;
	uint64_t ts;
	bool complete;			    /* the END record was read */
	bool done;			    /* and what follows it checked, or the input ended */
	uint64_t lost_in_gaps, lost_at_end; /* loss records' counts; END's lost */
	int err;
	char msg[MSG_SIZE];
	char warning[MSG_SIZE];
};

__attribute__((format(printf, 3, 4))) static int fail(struct strtrc_reader *r, int err,
						      const char *fmt, ...)
{
	assert(err < 0);
	if (r->err)
		return r->err;
	int n = snprintf(r->msg, sizeof(r->msg), "%s: ", r->name ? r->name : "trace");
	if (n < 0 || (size_t)n >= sizeof(r->msg))
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->msg + n, sizeof(r->msg) - (size_t)n, fmt, ap);
	va_end(ap);
	r->err = err;
	return err;
}

__attribute__((format(printf, 2, 3))) static void warn(struct strtrc_reader *r, const char *fmt,
						       ...)
{
	if (r->warning[0])
		return;
	int n = snprintf(r->warning, sizeof(r->warning), "%s: ", r->name ? r->name : "trace");
	if (n < 0 || (size_t)n >= sizeof(r->warning))
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->warning + n, sizeof(r->warning) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* ---- compressed input: the source, cut into chunks ---- */

__attribute__((format(printf, 3, 4))) static int source_fail(struct source *s, int err,
							     const char *fmt, ...)
{
	assert(err < 0);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	return err;
}

static uint64_t source_pos(const struct source *s)
{
	return s->ibase + s->ipos;
}

/* Makes at least want (<= IN_CHUNK) unread bytes available unless EOF.
 * Returns the number available, or a negative errno. */
static ssize_t fill(struct source *s, size_t want)
{
	assert(want <= IN_CHUNK);
	while (s->ilen - s->ipos < want && !s->eof) {
		if (s->ipos > 0) { /* slide the unread tail to the front */
			memmove(s->ibuf, s->ibuf + s->ipos, s->ilen - s->ipos);
			s->ibase += s->ipos;
			s->ilen -= s->ipos;
			s->ipos = 0;
		}
		const ssize_t k = read(s->fd, s->ibuf + s->ilen, IN_CHUNK - s->ilen);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			const int e = errno;
			return source_fail(s, -e, "read error at byte %" PRIu64 ": %s",
					   s->ibase + s->ilen, strerror(e));
		}
		if (k == 0)
			s->eof = true;
		s->ilen += (size_t)k;
	}
	return (ssize_t)(s->ilen - s->ipos);
}

__attribute__((format(printf, 2, 3))) static int corrupt(struct source *s, const char *fmt, ...)
{
	char what[MSG_SIZE / 2];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return source_fail(s, -EBADMSG,
			   "corrupt zstd data at byte %" PRIu64
			   " (in the frame starting at byte %" PRIu64 "): %s",
			   source_pos(s), s->frame_off, what);
}

/* The frame's next part after the one zstd finished (RFC 8878 3.1.1):
 * sets unit and unit_end. 1: there is one; 0: the input ends first (cut
 * short); negative: error. zstd still checks every part itself. */
static int next_unit(struct source *s)
{
	static const uint8_t did_size[4] = {0, 1, 2, 4}, fcs_size[4] = {0, 2, 4, 8};
	size_t need;
	switch (s->unit) {
	case U_START: /* magic, descriptor, window, dictionary id, content size */
		need = 5;
		break;
	case U_LAST_BLOCK:
		if (s->checksum) {
			s->unit = U_CHECKSUM;
			s->unit_end = source_pos(s) + 4;
			return 1;
		}
		return corrupt(s, "the frame does not end with its last block");
	case U_CHECKSUM: /* zstd ends the frame with it */
		return corrupt(s, "the frame does not end with its checksum");
	default: /* a block header; 4 bytes to tell the magic of a trace */
		need = 4;
		break;
	}
	const ssize_t avail = fill(s, need);
	if (avail < 0)
		return (int)avail;
	const uint8_t *const p = s->ibuf + s->ipos;
	if (s->unit == U_START) {
		if (avail < 5) {
			s->cut = "inside a zstd frame header";
			return 0;
		}
		const uint8_t fhd = p[4];
		const bool single = fhd & 0x20;
		s->checksum = fhd & 0x04;
		const size_t fcs = fhd >> 6 == 0 ? single : fcs_size[fhd >> 6];
		s->unit = U_HEADER;
		s->unit_end = source_pos(s) + 5 + !single + did_size[fhd & 3] + fcs;
		return 1;
	}
	if (avail >= 4 && strtrc_get_le32(p) == STRTRC_SKIPPABLE_MAGIC)
		return source_fail(s, -EBADMSG,
				   "a second trace starts at byte %" PRIu64
				   " (concatenated traces are read one at a time: split the file "
				   "there); the first was cut short inside a zstd frame",
				   source_pos(s));
	if (avail < 3) {
		s->cut = "inside a zstd frame";
		return 0;
	}
	const uint32_t head = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
	const unsigned type = head >> 1 & 3;
	const uint32_t size = head >> 3;
	if (type == 3 || size > ZSTD_BLOCKSIZE_MAX)
		return corrupt(s, "bad block header 0x%06" PRIx32, head);
	s->unit = head & 1 ? U_LAST_BLOCK : U_BLOCK;
	s->unit_end = source_pos(s) + 3 + (type == 1 ? 1 : size); /* RLE: one byte */
	return 1;
}

/* Decompresses more of the CBOR sequence into out (cap > 0 bytes), adding
 * to *len. 1: got bytes; 0: end of input (s->cut says where, if inside
 * something); negative: error (s->msg). */
static int source_pump(struct source *s, uint8_t *out, size_t cap, size_t *len)
{
	assert(cap > 0);
	for (;;) {
		if (s->zstate == Z_BETWEEN) {
			const ssize_t avail = fill(s, 8);
			if (avail < 0)
				return (int)avail;
			if (avail == 0)
				return 0;
			if (avail < 4) {
				s->cut = "inside a frame header";
				return 0;
			}
			const uint32_t magic = strtrc_get_le32(s->ibuf + s->ipos);
			s->frame_off = source_pos(s);
			if (magic == STRTRC_SKIPPABLE_MAGIC) /* the first was read at open */
				return source_fail(s, -EBADMSG,
						   "a second trace starts at byte %" PRIu64
						   " (concatenated traces are read one at a time: "
						   "split the file there)",
						   s->frame_off);
			if ((magic & STRTRC_SKIPPABLE_MASK) == STRTRC_SKIPPABLE_BASE) {
				if (avail < 8) {
					s->cut = "inside a skippable frame header";
					return 0;
				}
				s->skip_left = strtrc_get_le32(s->ibuf + s->ipos + 4);
				s->ipos += 8;
				s->zstate = Z_SKIP;
			} else if (magic == ZSTD_MAGICNUMBER) {
				ZSTD_DCtx_reset(s->dctx, ZSTD_reset_session_only);
				s->zstate = Z_FRAME;
				s->unit = U_START;
				s->unit_end = s->frame_off;
				s->drained = true;
			} else {
				return source_fail(s, -EBADMSG,
						   "corrupt zstd data at byte %" PRIu64
						   ": expected a frame, found magic 0x%08" PRIx32,
						   s->frame_off, magic);
			}
		} else if (s->zstate == Z_SKIP) {
			const ssize_t avail = fill(s, 1);
			if (avail < 0)
				return (int)avail;
			if (avail == 0) {
				s->cut = "inside a skippable frame";
				return 0;
			}
			const size_t k =
			    s->skip_left < (uint64_t)avail ? (size_t)s->skip_left : (size_t)avail;
			s->ipos += k;
			s->skip_left -= k;
			if (s->skip_left == 0)
				s->zstate = Z_BETWEEN;
		} else {
			if (source_pos(s) == s->unit_end && s->drained) {
				const int u = next_unit(s);
				if (u <= 0)
					return u;
			}
			/* Even without input zstd may hold output back. */
			const ssize_t avail = fill(s, 1);
			if (avail < 0)
				return (int)avail;
			const uint64_t left = s->unit_end - source_pos(s);
			const size_t give = left < (uint64_t)avail ? (size_t)left : (size_t)avail;
			ZSTD_inBuffer in = {s->ibuf, s->ipos + give, s->ipos};
			ZSTD_outBuffer o = {out, cap, 0};
			const size_t ret = ZSTD_decompressStream(s->dctx, &o, &in);
			if (ZSTD_isError(ret))
				return source_fail(
				    s, -EBADMSG,
				    "corrupt zstd data at byte %" PRIu64
				    " (in the frame starting at byte %" PRIu64 "): %s",
				    source_pos(s), s->frame_off, ZSTD_getErrorName(ret));
			const bool progress = in.pos > s->ipos || o.pos > 0;
			s->ipos = in.pos;
			s->drained = o.pos < cap;
			*len += o.pos;
			if (ret == 0)
				s->zstate = Z_BETWEEN;
			if (o.pos > 0)
				return 1;
			if (ret != 0 && avail == 0) {
				s->cut = "inside a zstd frame";
				return 0;
			}
			if (!progress && ret != 0 && source_pos(s) < s->unit_end)
				return source_fail(s, -EBADMSG,
						   "corrupt zstd data at byte %" PRIu64
						   " (in the frame starting at byte %" PRIu64
						   "): decompression stalled",
						   source_pos(s), s->frame_off);
		}
	}
}

/* Fills c with the next CHUNK decompressed bytes, or fewer where the input
 * ends or fails (c->status says which). */
static void produce(struct source *s, struct chunk *c)
{
	c->len = c->pos = 0;
	c->status = 1;
	c->cut = NULL;
	while (c->len < CHUNK) {
		const int m = source_pump(s, c->data + c->len, CHUNK - c->len, &c->len);
		if (m <= 0) {
			c->status = m;
			c->cut = s->cut;
			if (m < 0)
				memcpy(c->msg, s->msg, sizeof(c->msg));
			break;
		}
	}
	c->fpos = source_pos(s);
	c->frame_off = s->frame_off;
}

/* The read-ahead thread: fills free chunks until the input ends or fails,
 * or the reader is closed. */
static void *readahead_main(void *arg)
{
	struct strtrc_reader *const r = arg;
	struct readahead *const ra = r->ra;
	bool last = false;
	while (!last) {
		pthread_mutex_lock(&ra->mu);
		while (ra->count == NCHUNKS && !ra->stop)
			pthread_cond_wait(&ra->freed, &ra->mu);
		if (ra->stop) {
			pthread_mutex_unlock(&ra->mu);
			break;
		}
		struct chunk *const c = &ra->chunks[(ra->head + ra->count) % NCHUNKS];
		pthread_mutex_unlock(&ra->mu);
		/* c is no one else's until counted */
		produce(&r->src, c);
		last = c->status <= 0;
		pthread_mutex_lock(&ra->mu);
		ra->count++;
		pthread_cond_signal(&ra->filled);
		pthread_mutex_unlock(&ra->mu);
	}
	return NULL;
}

/* Makes the next chunk the current one: decompressed here, or taken from
 * the read-ahead thread (the current one goes back to it). */
static void next_chunk(struct strtrc_reader *r)
{
	struct readahead *const ra = r->ra;
	if (!ra) {
		produce(&r->src, &r->solo);
		r->cur = &r->solo;
	} else {
		pthread_mutex_lock(&ra->mu);
		if (r->cur != &r->solo) {
			assert(ra->count > 0 && r->cur == &ra->chunks[ra->head]);
			ra->head = (ra->head + 1) % NCHUNKS;
			ra->count--;
			/* A waiting thread is woken once half the ring is free, not
			 * for every chunk: each wake-up costs a system call or two. */
			if (ra->count == NCHUNKS / 2)
				pthread_cond_signal(&ra->freed);
		}
		while (ra->count == 0)
			pthread_cond_wait(&ra->filled, &ra->mu);
		r->cur = &ra->chunks[ra->head];
		pthread_mutex_unlock(&ra->mu);
	}
	r->fpos = r->cur->fpos;
	r->frame_off = r->cur->frame_off;
}

int strtrc_reader_readahead(struct strtrc_reader *r)
{
	assert(r);
	struct stat st;
	if (fstat(r->src.fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -ESPIPE; /* a pipe's writer may never end: no thread to stop */
	if (r->ra || r->err || r->cur->status <= 0)
		return 0; /* running, or nothing left to read */
	struct readahead *const ra = calloc(1, sizeof(*ra));
	if (!ra)
		return -ENOMEM;
	uint8_t *const mem = strtrc_mem_alloc(NCHUNKS * CHUNK);
	if (!mem) {
		free(ra);
		return -ENOMEM;
	}
	for (unsigned i = 0; i < NCHUNKS; i++)
		ra->chunks[i].data = mem + i * CHUNK;
	pthread_mutex_init(&ra->mu, NULL);
	pthread_cond_init(&ra->filled, NULL);
	pthread_cond_init(&ra->freed, NULL);
	r->ra = ra;
	/* The thread takes no signals: they stay the caller's business. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	const int e = pthread_create(&ra->thread, NULL, readahead_main, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		r->ra = NULL;
		pthread_cond_destroy(&ra->freed);
		pthread_cond_destroy(&ra->filled);
		pthread_mutex_destroy(&ra->mu);
		strtrc_mem_free(mem);
		free(ra);
		return -e;
	}
	return 0;
}

static void readahead_stop(struct strtrc_reader *r)
{
	struct readahead *const ra = r->ra;
	if (!ra)
		return;
	pthread_mutex_lock(&ra->mu);
	ra->stop = true;
	pthread_cond_signal(&ra->freed);
	pthread_mutex_unlock(&ra->mu);
	pthread_join(ra->thread, NULL);
	pthread_cond_destroy(&ra->freed);
	pthread_cond_destroy(&ra->filled);
	pthread_mutex_destroy(&ra->mu);
	strtrc_mem_free(ra->chunks[0].data);
	free(ra);
	r->ra = NULL;
}

/* ---- decompressed input ---- */

static void warn_cut(struct strtrc_reader *r, const char *where)
{
	const size_t partial = r->dlen - r->dpos;
	if (r->complete)
		warn(r,
		     "trace cut short at byte %" PRIu64
		     " (%s), after its end record: no record lost",
		     r->fpos, where);
	else if (partial)
		warn(r,
		     "trace cut short at byte %" PRIu64 " (%s): the last %zu decompressed bytes "
		     "(an incomplete record) lost",
		     r->fpos, where, partial);
	else
		warn(r, "trace cut short at byte %" PRIu64 " (%s): the rest of the trace lost",
		     r->fpos, where);
}

/* Room for more decompressed bytes: drops consumed ones, grows only while
 * one record does not fit. */
static int make_room(struct strtrc_reader *r)
{
	if (r->dpos > 0 && (r->dlen == r->dcap || r->dpos == r->dlen)) {
		memmove(r->dbuf, r->dbuf + r->dpos, r->dlen - r->dpos);
		r->dbase += r->dpos;
		r->dlen -= r->dpos;
		r->dpos = 0;
	}
	if (r->dlen < r->dcap)
		return 0;
	if (r->dcap >= MAX_RECORD + DBUF_INITIAL)
		return fail(r, -EFBIG,
			    "bad record at byte %" PRIu64
			    " of the decompressed stream (frame at byte %" PRIu64
			    "): larger than %zu MiB",
			    r->dbase + r->dpos, r->frame_off, MAX_RECORD >> 20);
	size_t cap = r->dcap * 2;
	if (cap > MAX_RECORD + DBUF_INITIAL)
		cap = MAX_RECORD + DBUF_INITIAL;
	uint8_t *const nb = strtrc_mem_alloc(cap);
	if (!nb)
		return fail(r, -ENOMEM, "out of memory for a %zu-byte record buffer", cap);
	memcpy(nb, r->dbuf, r->dlen);
	strtrc_mem_free(r->dbuf);
	r->dbuf = nb;
	r->dcap = cap;
	return 0;
}

/* More of the CBOR sequence into dbuf, from the current chunk or the next.
 * 1: got bytes; 0: end of input (clean or cut short, warning set);
 * negative: error. */
static int pump(struct strtrc_reader *r)
{
	for (;;) {
		struct chunk *const c = r->cur;
		if (c->pos < c->len) {
			const int m = make_room(r);
			if (m < 0)
				return m;
			size_t k = c->len - c->pos;
			if (k > r->dcap - r->dlen)
				k = r->dcap - r->dlen;
			memcpy(r->dbuf + r->dlen, c->data + c->pos, k);
			c->pos += k;
			r->dlen += k;
			return 1;
		}
		if (c->status < 0)
			return fail(r, c->status, "%s", c->msg);
		if (c->status == 0) {
			if (c->cut)
				warn_cut(r, c->cut);
			return 0;
		}
		next_chunk(r);
	}
}

/* ---- CBOR heads, read straight from the bytes (by the fast path below,
 * and for what a string claims) ---- */

struct cursor {
	const uint8_t *p, *end;
};

/* The next head of major type major: its argument. false when the head
 * is of another type, not plain, or past the end. */
static inline __attribute__((always_inline)) bool take(struct cursor *c, unsigned major,
						       uint64_t *arg)
{
	if (c->p >= c->end || (*c->p >> 5) != major)
		return false;
	const unsigned info = *c->p & 31;
	if (info < 24) {
		*arg = info;
		c->p++;
		return true;
	}
	if (info > 27)
		return false;
	const size_t n = (size_t)1 << (info - 24);
	if ((size_t)(c->end - c->p) < 1 + n)
		return false;
	const uint8_t *const b = c->p + 1;
	switch (n) {
	case 1:
		*arg = b[0];
		break;
	case 2:
		*arg = (uint64_t)b[0] << 8 | b[1];
		break;
	case 4: {
		uint32_t v;
		memcpy(&v, b, sizeof(v));
		*arg = __builtin_bswap32(v);
		break;
	}
	default: {
		uint64_t v;
		memcpy(&v, b, sizeof(v));
		*arg = __builtin_bswap64(v);
		break;
	}
	}
	c->p += 1 + n;
	return true;
}

static inline __attribute__((always_inline)) bool take_u(struct cursor *c, uint64_t max,
							 uint64_t *out)
{
	return take(c, 0, out) && *out <= max;
}

/* ---- CBOR items -> nodes (libcbor streaming callbacks) ---- */

/* Counts one more item of the record (a node or a tag). */
static bool count_item(struct parse_ctx *c)
{
	if (c->items == MAX_NODES) {
		c->error = "too many items in one record";
		return false;
	}
	c->items++;
	return true;
}

static struct node *add_node(struct parse_ctx *c, uint8_t type, uint64_t v, const uint8_t *p)
{
	if (c->error)
		return NULL;
	struct strtrc_reader *const r = c->r;
	if (c->n > 0 && c->depth == 0) {
		c->error = "more than one item"; /* cannot happen: decode stops */
		return NULL;
	}
	if (!count_item(c))
		return NULL;
	if (c->n == r->nodes_cap) {
		assert(r->nodes_cap < MAX_NODES); /* nodes <= items */
		const size_t cap = r->nodes_cap * 2;
		struct node *const nn = realloc(r->nodes, cap * sizeof(*nn));
		if (!nn) {
			c->error = "out of memory for record items";
			return NULL;
		}
		r->nodes = nn;
		r->nodes_cap = cap;
	}
	/* p lies inside the record: at most MAX_RECORD plus a buffer away */
	const size_t off = p ? (size_t)(p - c->base) : 0;
	assert(off <= UINT32_MAX);
	struct node *const nd = &r->nodes[c->n];
	*nd = (struct node){.v = v, .off = (uint32_t)off, .next = (uint32_t)c->n + 1, .type = type};
	c->n++;
	return nd;
}

/* A complete item was added: counts it against the open containers. */
static void item_done(struct parse_ctx *c)
{
	while (c->depth > 0) {
		struct open_container *const top = &c->stack[c->depth - 1];
		assert(top->left > 0);
		if (--top->left > 0)
			return;
		if (top->node != TAG_ENTRY)
			c->r->nodes[top->node].next = (uint32_t)c->n;
		c->depth--;
	}
}

/* Opens a container (or a tag) that waits for `items` more items. */
static void open_container(struct parse_ctx *c, uint32_t node, uint64_t items)
{
	if (c->depth == MAX_DEPTH) {
		c->error = "items nested too deeply";
		return;
	}
	c->stack[c->depth++] = (struct open_container){node, items};
	/* The items the open containers still wait for, at least: each entry
	 * but the outermost is one of its parent's, already counted. A record
	 * that claims more than a record may hold is damaged whether or not
	 * the file goes on, not cut short. */
	uint64_t owed = 0;
	for (int i = 0; i < c->depth; i++)
		owed += c->stack[i].left;
	owed -= (uint64_t)(c->depth - 1);
	if (owed > MAX_NODES - c->items)
		c->error = "too many items in one record";
}

static void leaf(void *ctx, uint8_t type, uint64_t v, const uint8_t *p)
{
	struct parse_ctx *const c = ctx;
	if (add_node(c, type, v, p))
		item_done(c);
}

static void container(void *ctx, uint8_t type, size_t count)
{
	struct parse_ctx *const c = ctx;
	/* A map of n pairs holds 2n items; neither may exceed what a
	 * record can hold (also keeps 2n from overflowing). */
	if (count > MAX_NODES) {
		if (!c->error)
			c->error = "array or map with too many elements";
		return;
	}
	const size_t items = type == N_MAP ? 2 * count : count;
	if (!add_node(c, type, count, NULL))
		return;
	if (items == 0)
		item_done(c);
	else
		open_container(c, (uint32_t)c->n - 1, items);
}

static void cb_u8(void *ctx, uint8_t v)
{
	leaf(ctx, N_UINT, v, NULL);
}
static void cb_u16(void *ctx, uint16_t v)
{
	leaf(ctx, N_UINT, v, NULL);
}
static void cb_u32(void *ctx, uint32_t v)
{
	leaf(ctx, N_UINT, v, NULL);
}
static void cb_u64(void *ctx, uint64_t v)
{
	leaf(ctx, N_UINT, v, NULL);
}
static void cb_n8(void *ctx, uint8_t v)
{
	leaf(ctx, N_NEGINT, v, NULL);
}
static void cb_n16(void *ctx, uint16_t v)
{
	leaf(ctx, N_NEGINT, v, NULL);
}
static void cb_n32(void *ctx, uint32_t v)
{
	leaf(ctx, N_NEGINT, v, NULL);
}
static void cb_n64(void *ctx, uint64_t v)
{
	leaf(ctx, N_NEGINT, v, NULL);
}
static void cb_bytes(void *ctx, cbor_data p, size_t len)
{
	leaf(ctx, N_BYTES, len, p);
}
static void cb_text(void *ctx, cbor_data p, size_t len)
{
	leaf(ctx, N_TEXT, len, p);
}
static void cb_array(void *ctx, size_t count)
{
	container(ctx, N_ARRAY, count);
}
static void cb_map(void *ctx, size_t count)
{
	container(ctx, N_MAP, count);
}
static void cb_indef(void *ctx)
{
	struct parse_ctx *const c = ctx;
	if (!c->error)
		c->error = "indefinite-length item";
}
static void cb_tag(void *ctx, uint64_t tag)
{
	/* The tagged item stands for itself. The tag still counts as an
	 * item, and as the container of one, against the nesting depth: a
	 * run of tags is no cheaper to read than a run of arrays. */
	struct parse_ctx *const c = ctx;
	(void)tag;
	if (!c->error && count_item(c))
		open_container(c, TAG_ENTRY, 1);
}
static void cb_float(void *ctx, float v)
{
	(void)v;
	leaf(ctx, N_OTHER, 0, NULL);
}
static void cb_double(void *ctx, double v)
{
	(void)v;
	leaf(ctx, N_OTHER, 0, NULL);
}
static void cb_simple(void *ctx)
{
	leaf(ctx, N_OTHER, 0, NULL);
}
static void cb_bool(void *ctx, bool v)
{
	leaf(ctx, N_BOOL, v, NULL);
}

/* libcbor 0.8 names: byte_string/string/array_start/map_start are the
 * definite forms, the *_start simple ones the indefinite forms. */
static const struct cbor_callbacks callbacks = {
    .uint8 = cb_u8,
    .uint16 = cb_u16,
    .uint32 = cb_u32,
    .uint64 = cb_u64,
    .negint8 = cb_n8,
    .negint16 = cb_n16,
    .negint32 = cb_n32,
    .negint64 = cb_n64,
    .byte_string = cb_bytes,
    .byte_string_start = cb_indef,
    .string = cb_text,
    .string_start = cb_indef,
    .array_start = cb_array,
    .indef_array_start = cb_indef,
    .map_start = cb_map,
    .indef_map_start = cb_indef,
    .tag = cb_tag,
    .float2 = cb_float,
    .float4 = cb_float,
    .float8 = cb_double,
    .undefined = cb_simple,
    .null = cb_simple,
    .boolean = cb_bool,
    .indef_break = cb_indef,
};

/* The length a definite-length string's head at the start of p..end
 * claims, and the head's size; false when there is no such head there, or
 * not all of it. */
static bool string_head(const uint8_t *p, const uint8_t *end, uint64_t *len, size_t *head)
{
	struct cursor cur = {p, end};
	if (!take(&cur, 2, len) && !take(&cur, 3, len))
		return false;
	*head = (size_t)(cur.p - p);
	return true;
}

static int record_too_large(struct strtrc_reader *r)
{
	return fail(r, -EFBIG,
		    "bad record at byte %" PRIu64
		    " of the decompressed stream (frame at byte %" PRIu64 "): larger than %zu MiB",
		    r->dbase + r->dpos, r->frame_off, MAX_RECORD >> 20);
}

/* Parses on the record at dpos into r->nodes, from where c stopped. 1:
 * complete (*size set); 0: needs more bytes; negative: error. */
static int parse_item(struct strtrc_reader *r, struct parse_ctx *c, size_t *size)
{
	c->base = r->dbuf + r->dpos;
	const size_t avail = r->dlen - r->dpos;
	while (c->depth > 0 || c->n == 0) {
		if (c->len == avail)
			return 0;
		const uint8_t *const at = c->base + c->len;
		const struct cbor_decoder_result res =
		    cbor_stream_decode(at, avail - c->len, &callbacks, c);
		if (res.status == CBOR_DECODER_NEDATA) {
			/* A string longer than a record may be is damage, not a
			 * file that ends early: say so now. */
			uint64_t len;
			size_t head;
			if (string_head(at, c->base + avail, &len, &head) &&
			    (len > MAX_RECORD || c->len + head + len > MAX_RECORD))
				return fail(r, -EFBIG,
					    "bad record at byte %" PRIu64
					    " of the decompressed stream (frame at byte %" PRIu64
					    "): a string of %" PRIu64 " bytes at byte %" PRIu64
					    ", longer than a record may be (%zu MiB)",
					    r->dbase + r->dpos, r->frame_off, len,
					    r->dbase + r->dpos + c->len, MAX_RECORD >> 20);
			return 0;
		}
		if (res.status == CBOR_DECODER_ERROR)
			c->error = "malformed CBOR";
		else if (res.read == 0 || res.read > avail - c->len)
			c->error = "CBOR decoder made no progress";
		if (c->error)
			return fail(r, -EBADMSG,
				    "bad record at byte %" PRIu64
				    " of the decompressed stream (frame at byte %" PRIu64
				    "): %s at byte %" PRIu64,
				    r->dbase + r->dpos, r->frame_off, c->error,
				    r->dbase + r->dpos + c->len);
		c->len += res.read;
		if (c->len > MAX_RECORD)
			return record_too_large(r);
	}
	*size = c->len;
	return 1;
}

/* Reads the next complete top-level item into r->nodes. 1: got one (the
 * caller advances dpos by *size; *nnodes: its nodes); 0: end of input;
 * negative: error. */
static int next_item(struct strtrc_reader *r, size_t *size, size_t *nnodes)
{
	struct parse_ctx c = {.r = r};
	for (;;) {
		const int p = parse_item(r, &c, size);
		if (p < 0)
			return p;
		if (p == 1) {
			*nnodes = c.n;
			return 1;
		}
		if (r->dlen - r->dpos > MAX_RECORD)
			return record_too_large(r);
		const int m = pump(r);
		if (m < 0)
			return m;
		if (m == 0) {
			if (r->dlen > r->dpos)
				warn_cut(r, "between frames");
			return 0;
		}
	}
}

/* ---- nodes -> record fields ---- */

struct fields {
	struct strtrc_reader *r;
	const struct node *n;
	const char *kind;
	uint64_t off;	     /* stream offset of the record, for messages */
	const uint8_t *base; /* its first byte: strings are at node offsets from it */
};

static const uint8_t *node_bytes(const struct fields *f, const struct node *nd)
{
	return f->base + nd->off;
}

static int bad(const struct fields *f, const char *what, const char *field)
{
	struct strtrc_reader *const r = f->r;
	return fail(r, -EBADMSG,
		    "bad record at byte %" PRIu64
		    " of the decompressed stream (frame at byte %" PRIu64
		    "): %s record: expected %s for %s",
		    f->off, r->frame_off, f->kind, what, field);
}

static int get_u64(const struct fields *f, uint32_t i, const char *field, uint64_t max,
		   uint64_t *out)
{
	const struct node *const nd = &f->n[i];
	if (nd->type != N_UINT || nd->v > max)
		return bad(f,
			   max == UINT64_MAX ? "an unsigned integer" : "a small unsigned integer",
			   field);
	*out = nd->v;
	return 0;
}

static int get_i64(const struct fields *f, uint32_t i, const char *field, int64_t min, int64_t max,
		   int64_t *out)
{
	const struct node *const nd = &f->n[i];
	int64_t v;
	if (nd->type == N_UINT && nd->v <= (uint64_t)INT64_MAX)
		v = (int64_t)nd->v;
	else if (nd->type == N_NEGINT && nd->v <= (uint64_t)INT64_MAX)
		v = -1 - (int64_t)nd->v;
	else
		return bad(f, "an integer", field);
	if (v < min || v > max)
		return bad(f, "an integer in range", field);
	*out = v;
	return 0;
}

static int get_bool(const struct fields *f, uint32_t i, const char *field, bool *out)
{
	if (f->n[i].type != N_BOOL)
		return bad(f, "a boolean", field);
	*out = f->n[i].v != 0;
	return 0;
}

static int get_bytes(const struct fields *f, uint32_t i, const char *field,
		     struct strtrc_bytes *out)
{
	if (f->n[i].type != N_BYTES)
		return bad(f, "a byte string", field);
	*out = (struct strtrc_bytes){node_bytes(f, &f->n[i]), (size_t)f->n[i].v};
	return 0;
}

static int grow(struct strtrc_reader *r, void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *const np = realloc(*p, c * elem);
	if (!np)
		return fail(r, -ENOMEM, "out of memory for %zu snapshot entries", need);
	*p = np;
	*cap = c;
	return 0;
}

#define U(i, name, max, dst)                                                                       \
	do {                                                                                       \
		uint64_t v_ = 0;                                                                   \
		if ((e = get_u64(&f, i, name, max, &v_)) < 0)                                      \
			return e;                                                                  \
		dst = v_;                                                                          \
	} while (0)
#define I(i, name, min, max, dst)                                                                  \
	do {                                                                                       \
		int64_t v_ = 0;                                                                    \
		if ((e = get_i64(&f, i, name, min, max, &v_)) < 0)                                 \
			return e;                                                                  \
		dst = v_;                                                                          \
	} while (0)

static int snapshot_fields(struct strtrc_reader *r, const struct fields *fp, uint32_t i,
			   struct strtrc_record *rec)
{
	const struct fields f = *fp;
	struct strtrc_snapshot *const sn = &rec->u.snapshot;
	int e;
	sn->pid = rec->tid;
	U(i, "ppid", UINT32_MAX, sn->ppid);
	i = f.n[i].next;
	if (f.n[i].type != N_ARRAY)
		return bad(&f, "an array", "tids");
	const size_t ntids = f.n[i].v;
	if ((e = grow(r, (void **)&r->tids, &r->tids_cap, ntids, sizeof(*r->tids))) < 0)
		return e;
	uint32_t j = i + 1;
	for (size_t k = 0; k < ntids; k++) {
		U(j, "tids", UINT32_MAX, r->tids[k]);
		j = f.n[j].next;
	}
	sn->ntids = ntids;
	sn->tids = r->tids;
	i = f.n[i].next;
	if ((e = get_bytes(&f, i, "comm", &sn->comm)) < 0)
		return e;
	i = f.n[i].next;
	if ((e = get_bytes(&f, i, "exe", &sn->exe)) < 0)
		return e;
	i = f.n[i].next;
	if ((e = get_bytes(&f, i, "cwd", &sn->cwd)) < 0)
		return e;
	i = f.n[i].next;
	if (f.n[i].type != N_ARRAY)
		return bad(&f, "an array", "fds");
	const size_t nfds = f.n[i].v;
	if ((e = grow(r, (void **)&r->fds, &r->fds_cap, nfds, sizeof(*r->fds))) < 0)
		return e;
	j = i + 1;
	for (size_t k = 0; k < nfds; k++) {
		if (f.n[j].type != N_ARRAY || f.n[j].v < 2)
			return bad(&f, "an [fd, path] array", "fds");
		I(j + 1, "fd", INT32_MIN, INT32_MAX, r->fds[k].fd);
		const uint32_t path_node = f.n[j + 1].next;
		if ((e = get_bytes(&f, path_node, "fd path", &r->fds[k].path)) < 0)
			return e;
		r->fds[k].dev_type = 0;
		r->fds[k].rdev = 0;
		if (f.n[j].v >= 4) { /* appended: a device's type and number */
			U(f.n[path_node].next, "fd device type", UINT32_MAX, r->fds[k].dev_type);
			U(f.n[f.n[path_node].next].next, "fd device", UINT64_MAX, r->fds[k].rdev);
		}
		j = f.n[j].next;
	}
	sn->nfds = nfds;
	sn->fds = r->fds;
	return 0;
}

/* [ns, [parent...], [NSpid...], [NStgid...], [NSpgid...], [NSsid...]] */
static int pidns_fields(struct strtrc_reader *r, const struct fields *fp, uint32_t i,
			struct strtrc_record *rec)
{
	static const char *const lists[STRTRC_PID_TYPES] = {"NSpid", "NStgid", "NSpgid", "NSsid"};
	const struct fields f = *fp;
	struct strtrc_pidns *const p = &rec->u.pidns;
	int e;
	U(i, "ns", UINT64_MAX, p->ns);
	i = f.n[i].next;
	if (f.n[i].type != N_ARRAY || f.n[i].v > STRTRC_PIDNS_MAX)
		return bad(&f, "an array of at most 33", "parents");
	p->nparents = f.n[i].v;
	uint32_t j = i + 1;
	for (size_t k = 0; k < p->nparents; k++, j = f.n[j].next)
		U(j, "parents", UINT64_MAX, r->pidns_parents[k]);
	p->parents = r->pidns_parents;
	for (int t = 0; t < STRTRC_PID_TYPES; t++) {
		i = f.n[i].next;
		if (f.n[i].type != N_ARRAY || f.n[i].v > STRTRC_PIDNS_MAX)
			return bad(&f, "an array of at most 33", lists[t]);
		p->nids[t] = f.n[i].v;
		j = i + 1;
		for (size_t k = 0; k < p->nids[t]; k++, j = f.n[j].next)
			U(j, lists[t], UINT32_MAX, r->pidns_ids[t][k]);
		p->ids[t] = r->pidns_ids[t];
	}
	return 0;
}

/* Fills rec from the nodes of one record. 1: filled; 2: unknown kind,
 * skip; negative: error. */
static int map_record(struct strtrc_reader *r, size_t nnodes, struct strtrc_record *rec)
{
	const struct node *const n = r->nodes;
	struct fields f = {r, n, "a", r->dbase + r->dpos, r->dbuf + r->dpos};
	int e;
	assert(nnodes > 0);
	(void)nnodes;
	if (n[0].type != N_ARRAY || n[0].v < 3)
		return bad(&f, "an array [kind, tid, dts, ...]", "the record");
	uint64_t kind, tid, dts;
	U(1, "the kind", UINT64_MAX, kind);
	const bool known = kind > STRTRC_HEADER && kind < STRTRC_KIND_COUNT;
	f.kind = known ? strtrc_kind_name((enum strtrc_kind)kind) : "unknown";
	if (kind == STRTRC_HEADER)
		return fail(r, -EBADMSG,
			    "bad record at byte %" PRIu64
			    " of the decompressed stream (frame at byte %" PRIu64
			    "): a second header",
			    f.off, r->frame_off);
	U(n[1].next, "tid", UINT32_MAX, tid);
	U(n[n[1].next].next, "dts", UINT64_MAX, dts);
	r->ts += dts;
	if (!known)
		return 2;
	if (n[0].v < STRTRC_RECORD_HEAD + (uint64_t)strtrc_record_fields[kind])
		return bad(&f, "more elements", "the record");
	memset(rec, 0, sizeof(*rec));
	rec->kind = (enum strtrc_kind)kind;
	rec->tid = (uint32_t)tid;
	rec->ts_ns = r->ts;
	uint32_t i = n[n[n[1].next].next].next; /* first kind field */
#define NEXT (i = n[i].next)
	switch (rec->kind) {
	case STRTRC_SYSCALL_ENTRY: {
		struct strtrc_syscall_entry *const en = &rec->u.entry;
		U(i, "arch", UINT32_MAX, en->arch);
		NEXT;
		U(i, "nr", UINT64_MAX, en->nr);
		NEXT;
		if (n[i].type != N_ARRAY || n[i].v < 6)
			return bad(&f, "an array of 6", "args");
		uint32_t j = i + 1;
		for (int k = 0; k < 6; k++, j = n[j].next)
			U(j, "args", UINT64_MAX, en->args[k]);
		NEXT;
		U(i, "ip", UINT64_MAX, en->ip);
		NEXT;
		U(i, "sp", UINT64_MAX, en->sp);
		break;
	}
	case STRTRC_SYSCALL_EXIT:
		I(i, "rval", INT64_MIN, INT64_MAX, rec->u.exit.rval);
		NEXT;
		if ((e = get_bool(&f, i, "is_error", &rec->u.exit.is_error)) < 0)
			return e;
		break;
	case STRTRC_MEMORY: {
		struct strtrc_memory *const m = &rec->u.memory;
		U(i, "stop", UINT8_MAX, m->stop);
		NEXT;
		U(i, "arg", UINT8_MAX, m->arg);
		NEXT;
		U(i, "item", UINT32_MAX, m->item);
		NEXT;
		U(i, "flags", UINT32_MAX, m->flags);
		NEXT;
		U(i, "addr", UINT64_MAX, m->addr);
		NEXT;
		U(i, "full_len", UINT64_MAX, m->full_len);
		NEXT;
		if ((e = get_bytes(&f, i, "data", &m->data)) < 0)
			return e;
		break;
	}
	case STRTRC_SIGNAL:
		I(i, "signo", INT32_MIN, INT32_MAX, rec->u.signal.signo);
		NEXT;
		if ((e = get_bytes(&f, i, "siginfo", &rec->u.signal.siginfo)) < 0)
			return e;
		if (n[0].v > 3 + 2) { /* appended: ip */
			NEXT;
			U(i, "ip", UINT64_MAX, rec->u.signal.ip);
			rec->u.signal.has_ip = true;
		}
		break;
	case STRTRC_GROUP_STOP:
		I(i, "signo", INT32_MIN, INT32_MAX, rec->u.group_stop.signo);
		if (n[0].v > 3 + 1) { /* appended: ip */
			NEXT;
			U(i, "ip", UINT64_MAX, rec->u.group_stop.ip);
			rec->u.group_stop.has_ip = true;
		}
		break;
	case STRTRC_SPAWN:
		U(i, "new_tid", UINT32_MAX, rec->u.spawn.new_tid);
		NEXT;
		U(i, "how", UINT8_MAX, rec->u.spawn.how);
		NEXT;
		U(i, "clone_flags", UINT64_MAX, rec->u.spawn.clone_flags);
		break;
	case STRTRC_EXEC:
		U(i, "former_tid", UINT32_MAX, rec->u.exec.former_tid);
		NEXT;
		if ((e = get_bytes(&f, i, "exe", &rec->u.exec.exe)) < 0)
			return e;
		if (n[0].v > 3 + 2) { /* appended: ip */
			NEXT;
			U(i, "ip", UINT64_MAX, rec->u.exec.ip);
			rec->u.exec.has_ip = true;
		}
		break;
	case STRTRC_EXIT:
		I(i, "wait_status", INT32_MIN, INT32_MAX, rec->u.task_exit.wait_status);
		break;
	case STRTRC_DETACH:
		break;
	case STRTRC_SNAPSHOT:
		if ((e = snapshot_fields(r, &f, i, rec)) < 0)
			return e;
		break;
	case STRTRC_END:
		U(i, "records", UINT64_MAX, rec->u.end.records);
		NEXT;
		U(i, "lost", UINT64_MAX, rec->u.end.lost);
		break;
	case STRTRC_LOSS:
		U(i, "count", UINT64_MAX, rec->u.loss.count);
		break;
	case STRTRC_PIDNS:
		if ((e = pidns_fields(r, &f, i, rec)) < 0)
			return e;
		break;
	default:
		assert(!"unreachable");
	}
#undef NEXT
	return 1;
}

/* ---- header ---- */

/* Bump allocator for the header's copies: sized in a first pass. */
struct arena {
	uint8_t *p;
	size_t used, size;
};

static void *arena_take(struct arena *a, size_t n, size_t align)
{
	const size_t at = (a->used + align - 1) & ~(align - 1);
	assert(at + n <= a->size);
	a->used = at + n;
	return a->p + at;
}

static const char *arena_str(struct arena *a, const struct fields *f, const struct node *nd)
{
	char *const s = arena_take(a, nd->v + 1, 1);
	memcpy(s, node_bytes(f, nd), nd->v);
	s[nd->v] = '\0';
	return s;
}

static bool key_is(const struct fields *f, const struct node *k, const char *name)
{
	return k->type == N_TEXT && k->v == strlen(name) &&
	       memcmp(node_bytes(f, k), name, k->v) == 0;
}

/* Checks an array of text strings; adds their storage needs. */
static int text_array(const struct fields *f, uint32_t i, const char *field, size_t *need)
{
	if (f->n[i].type != N_ARRAY)
		return bad(f, "an array of text strings", field);
	uint32_t j = i + 1;
	*need += (f->n[i].v + 2) * sizeof(char *); /* + NULL + alignment */
	for (uint64_t k = 0; k < f->n[i].v; k++, j = f->n[j].next) {
		if (f->n[j].type != N_TEXT)
			return bad(f, "an array of text strings", field);
		*need += f->n[j].v + 1;
	}
	return 0;
}

static const char *const *copy_argv(struct arena *a, const struct fields *f, uint32_t i,
				    size_t *count)
{
	const struct node *const n = f->n;
	const char **const v = arena_take(a, (n[i].v + 1) * sizeof(char *), sizeof(char *));
	uint32_t j = i + 1;
	for (uint64_t k = 0; k < n[i].v; k++, j = n[j].next)
		v[k] = arena_str(a, f, &n[j]);
	v[n[i].v] = NULL;
	*count = n[i].v;
	return v;
}

/* The "scrubbed" map: checks its known keys, adds their storage needs. */
static int scrub_size(const struct fields *f, uint32_t m, size_t *need)
{
	const struct node *const n = f->n;
	if (n[m].type != N_MAP)
		return bad(f, "a map", "scrubbed");
	uint32_t i = m + 1;
	int e;
	for (uint64_t k = 0; k < n[m].v; k++) {
		const uint32_t val = n[i].next;
		if (key_is(f, &n[i], "tool")) {
			if (n[val].type != N_TEXT)
				return bad(f, "a text string", "scrubbed.tool");
			*need += n[val].v + 1;
		} else if (key_is(f, &n[i], "mask_paths") &&
			   (e = text_array(f, val, "scrubbed.mask_paths", need)) < 0) {
			return e;
		} else if (key_is(f, &n[i], "dropped_pids")) {
			if (n[val].type != N_ARRAY)
				return bad(f, "an array", "scrubbed.dropped_pids");
			*need += (n[val].v + 2) * sizeof(uint32_t);
		}
		i = n[val].next;
	}
	return 0;
}

static int scrub_copy(const struct fields *fp, struct arena *a, uint32_t m, struct strtrc_scrub *s)
{
	const struct fields f = *fp; /* for U() */
	const struct node *const n = f.n;
	uint32_t i = m + 1;
	int e = 0;
	for (uint64_t k = 0; k < n[m].v && !e; k++) {
		const uint32_t val = n[i].next;
		if (key_is(&f, &n[i], "tool")) {
			s->tool = arena_str(a, &f, &n[val]);
		} else if (key_is(&f, &n[i], "buffers")) {
			e = get_bool(&f, val, "scrubbed.buffers", &s->buffers);
		} else if (key_is(&f, &n[i], "argv")) {
			e = get_bool(&f, val, "scrubbed.argv", &s->argv);
		} else if (key_is(&f, &n[i], "env")) {
			e = get_bool(&f, val, "scrubbed.env", &s->env);
		} else if (key_is(&f, &n[i], "hostname")) {
			e = get_bool(&f, val, "scrubbed.hostname", &s->hostname);
		} else if (key_is(&f, &n[i], "mask_paths")) {
			s->masks = copy_argv(a, &f, val, &s->nmasks);
		} else if (key_is(&f, &n[i], "dropped_pids")) {
			uint32_t *const pids =
			    arena_take(a, (n[val].v + 1) * sizeof(uint32_t), sizeof(uint32_t));
			uint32_t j = val + 1;
			for (uint64_t p = 0; p < n[val].v; p++, j = n[j].next)
				U(j, "scrubbed.dropped_pids", UINT32_MAX, pids[p]);
			s->dropped_pids = pids;
			s->ndropped = n[val].v;
		}
		i = n[val].next;
	}
	return e;
}

static const char *const header_texts[] = {"writer", "arch",   "kernel", "hostname",
					   "cwd",    "filter", "backend"};
static const char *const header_argvs[] = {"recorder_argv", "command", "env"};

static int parse_header(struct strtrc_reader *r, size_t nnodes)
{
	const struct node *const n = r->nodes;
	const struct fields f = {r, n, "header", r->dbase + r->dpos, r->dbuf + r->dpos};
	struct strtrc_header *const h = &r->header;
	int e;
	(void)nnodes;
	if (n[0].type != N_ARRAY || n[0].v < 2 || n[1].type != N_UINT || n[1].v != STRTRC_HEADER)
		return bad(&f, "[0, {...}]", "the first record (the header)");
	const uint32_t map = n[1].next;
	if (n[map].type != N_MAP)
		return bad(&f, "a map", "the header fields");
	/* Pass 1: validate types, size the copies. */
	size_t need = 0;
	uint32_t i = map + 1;
	for (uint64_t k = 0; k < n[map].v; k++) {
		const struct node *const key = &n[i];
		const uint32_t val = key->next;
		for (size_t t = 0; t < ARRAY_SIZE(header_texts); t++)
			if (key_is(&f, key, header_texts[t])) {
				if (n[val].type != N_TEXT)
					return bad(&f, "a text string", header_texts[t]);
				need += n[val].v + 1;
			}
		for (size_t t = 0; t < ARRAY_SIZE(header_argvs); t++)
			if (key_is(&f, key, header_argvs[t]) &&
			    (e = text_array(&f, val, header_argvs[t], &need)) < 0)
				return e;
		if (key_is(&f, key, "pids")) {
			if (n[val].type != N_ARRAY)
				return bad(&f, "an array", "pids");
			need += (n[val].v + 2) * sizeof(uint32_t); /* + alignment */
		}
		if (key_is(&f, key, "scrubbed") && (e = scrub_size(&f, val, &need)) < 0)
			return e;
		i = n[val].next;
	}
	struct arena a = {.size = need + 16 * sizeof(char *)};
	a.p = calloc(1, a.size);
	if (!a.p)
		return fail(r, -ENOMEM, "out of memory for the header");
	r->header_mem = a.p;
	/* Pass 2: copy. */
	i = map + 1;
	for (uint64_t k = 0; k < n[map].v; k++) {
		const struct node *const key = &n[i];
		const uint32_t val = key->next;
		e = 0;
		const char **const texts[] = {&h->writer, &h->arch,   &h->kernel, &h->hostname,
					      &h->cwd,	  &h->filter, &h->backend};
		for (size_t t = 0; t < ARRAY_SIZE(header_texts); t++)
			if (key_is(&f, key, header_texts[t]))
				*texts[t] = arena_str(&a, &f, &n[val]);
		if (key_is(&f, key, "recorder_argv"))
			h->recorder_argv = copy_argv(&a, &f, val, &h->recorder_argc);
		else if (key_is(&f, key, "command"))
			h->command_argv = copy_argv(&a, &f, val, &h->command_argc);
		else if (key_is(&f, key, "env"))
			h->envp = copy_argv(&a, &f, val, &h->envc);
		else if (key_is(&f, key, "format"))
			U(val, "format", UINT32_MAX, h->format_version);
		else if (key_is(&f, key, "env_recorded"))
			e = get_bool(&f, val, "env_recorded", &h->env_recorded);
		else if (key_is(&f, key, "follow_forks"))
			e = get_bool(&f, val, "follow_forks", &h->follow_forks);
		else if (key_is(&f, key, "attached"))
			e = get_bool(&f, val, "attached", &h->attached);
		else if (key_is(&f, key, "uid"))
			U(val, "uid", UINT32_MAX, h->uid);
		else if (key_is(&f, key, "gid"))
			U(val, "gid", UINT32_MAX, h->gid);
		else if (key_is(&f, key, "page_size"))
			U(val, "page_size", UINT32_MAX, h->page_size);
		else if (key_is(&f, key, "pid_ns"))
			U(val, "pid_ns", UINT64_MAX, h->pid_ns);
		else if (key_is(&f, key, "pid_ns_level"))
			U(val, "pid_ns_level", UINT32_MAX, h->pid_ns_level);
		else if (key_is(&f, key, "capture_size"))
			U(val, "capture_size", UINT32_MAX, h->capture_size);
		else if (key_is(&f, key, "start_realtime_ns"))
			I(val, "start_realtime_ns", INT64_MIN, INT64_MAX, h->start_realtime_ns);
		else if (key_is(&f, key, "start_monotonic_ns"))
			U(val, "start_monotonic_ns", UINT64_MAX, h->start_monotonic_ns);
		else if (key_is(&f, key, "pids")) {
			uint32_t *const pids =
			    arena_take(&a, (n[val].v + 1) * sizeof(uint32_t), sizeof(uint32_t));
			uint32_t j = val + 1;
			for (uint64_t p = 0; p < n[val].v; p++, j = n[j].next)
				U(j, "pids", UINT32_MAX, pids[p]);
			h->pids = pids;
			h->npids = n[val].v;
		} else if (key_is(&f, key, "scrubbed")) {
			e = scrub_copy(&f, &a, val, &h->scrub);
			h->scrubbed = true;
		}
		if (e < 0)
			return e;
		i = n[val].next;
	}
	return 0;
}

/* ---- open / next / close ---- */

static struct strtrc_reader *open_common(int fd, bool own_fd, const char *name, int *err, char *msg,
					 size_t msg_size)
{
	struct strtrc_reader *const r = calloc(1, sizeof(*r));
	if (!r) {
		if (err)
			*err = -ENOMEM;
		if (msg && msg_size)
			snprintf(msg, msg_size, "%s: out of memory", name);
		return NULL;
	}
	struct source *const src = &r->src;
	src->fd = fd;
	r->own_fd = own_fd;
	r->name = strdup(name);
	/* big buffers, likely those the last reader closed left (mem.c) */
	src->ibuf = strtrc_mem_alloc(IN_CHUNK);
	r->solo.data = strtrc_mem_alloc(CHUNK);
	r->solo.status = 1; /* empty, more to come */
	r->cur = &r->solo;
	r->dbuf = strtrc_mem_alloc(DBUF_INITIAL);
	r->dcap = DBUF_INITIAL;
	r->nodes = malloc(INITIAL_NODES * sizeof(*r->nodes));
	r->nodes_cap = INITIAL_NODES;
	src->dctx = strtrc_zstd_dctx_new();
	int e = 0;
	if (!r->name || !src->ibuf || !r->solo.data || !r->dbuf || !r->nodes || !src->dctx) {
		e = fail(r, -ENOMEM, "out of memory");
		goto out;
	}
	if (ZSTD_isError(ZSTD_DCtx_setParameter(src->dctx, ZSTD_d_windowLogMax, WINDOW_LOG_MAX))) {
		e = fail(r, -EINVAL, "cannot configure zstd");
		goto out;
	}
	/* The magic frame. */
	const ssize_t avail = fill(src, STRTRC_MAGIC_FRAME_SIZE);
	if (avail < 0) {
		e = fail(r, (int)avail, "%s", src->msg);
		goto out;
	}
	const uint8_t *const m = src->ibuf;
	if (avail == 0) {
		e = fail(r, -EPROTO, "not a strec trace (empty file)");
		goto out;
	}
	uint8_t want[16];
	strtrc_put_le32(want, STRTRC_SKIPPABLE_MAGIC);
	memcpy(want + 8, STRTRC_MAGIC_TEXT, 8);
	const size_t cmp = (size_t)avail < 16 ? (size_t)avail : 16;
	if (memcmp(m, want, cmp < 4 ? cmp : 4) != 0 ||
	    (cmp > 8 && memcmp(m + 8, want + 8, cmp - 8) != 0)) {
		e = fail(r, -EPROTO, "not a strec trace");
		goto out;
	}
	if ((size_t)avail < STRTRC_MAGIC_FRAME_SIZE) {
		e = fail(r, -EPROTO, "not a strec trace (cut short at byte %zd, inside its magic)",
			 avail);
		goto out;
	}
	const uint32_t psize = strtrc_get_le32(m + 4);
	const uint16_t version = strtrc_get_le16(m + 16);
	if (psize < STRTRC_MAGIC_PAYLOAD_SIZE) {
		e = fail(r, -EPROTO, "not a strec trace (magic frame of %" PRIu32 " bytes)", psize);
		goto out;
	}
	if (version != STRTRC_FORMAT_VERSION) {
		e = fail(r, -EPROTO, "unsupported format version %u (this reader knows %d)",
			 (unsigned)version, STRTRC_FORMAT_VERSION);
		goto out;
	}
	/* The rest of the magic frame (newer writers may add to it). */
	src->ipos += 8;
	src->skip_left = psize;
	src->zstate = Z_SKIP;
	src->frame_off = 0;
	/* The header record. */
	size_t size, nnodes;
	const int p = next_item(r, &size, &nnodes);
	if (p < 0) {
		e = p;
		goto out;
	}
	if (p == 0) {
		r->warning[0] = '\0';
		e = fail(r, -ENODATA,
			 "trace cut short at byte %" PRIu64 ", before its header ended", r->fpos);
		goto out;
	}
	e = parse_header(r, nnodes);
	if (e < 0)
		goto out;
	r->dpos += size;
	if (!r->header.format_version)
		r->header.format_version = version;
out:
	if (e < 0) {
		if (err)
			*err = e;
		if (msg && msg_size)
			snprintf(msg, msg_size, "%s", r->msg);
		r->own_fd = false; /* the caller's path opener closes it */
		strtrc_reader_close(r);
		return NULL;
	}
	return r;
}

struct strtrc_reader *strtrc_reader_open_path(const char *path, int *err, char *msg,
					      size_t msg_size)
{
	assert(path);
	if (strcmp(path, "-") == 0)
		return open_common(STDIN_FILENO, false, "stdin", err, msg, msg_size);
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		const int e = errno;
		if (err)
			*err = -e;
		if (msg && msg_size)
			snprintf(msg, msg_size, "%s: %s", path, strerror(e));
		return NULL;
	}
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	struct strtrc_reader *const r = open_common(fd, true, path, err, msg, msg_size);
	if (!r)
		close(fd);
	return r;
}

struct strtrc_reader *strtrc_reader_open_fd(int fd, int *err, char *msg, size_t msg_size)
{
	assert(fd >= 0);
	char name[32];
	snprintf(name, sizeof(name), "fd %d", fd);
	return open_common(fd, false, name, err, msg, msg_size);
}

const struct strtrc_header *strtrc_reader_header(const struct strtrc_reader *r)
{
	assert(r);
	return &r->header;
}

/* ---- fast path: the common records, decoded straight from the bytes ----
 *
 * Syscall entries, exits and memory records are most of a trace. When one
 * is encoded the plain way (definite lengths, no tags, no extra elements,
 * every field in range) and lies whole in the buffer, it is decoded here
 * without building nodes; anything else goes the general way, which gives
 * the same record or the error message. */

/* 1: rec filled from the record at dpos (*size: its length); 0: not a
 * plain common record, or not whole in the buffer. */
static int fast_record(struct strtrc_reader *r, struct strtrc_record *rec, size_t *size)
{
	struct cursor c = {r->dbuf + r->dpos, r->dbuf + r->dlen};
	uint64_t n, kind, tid, dts, v;
	/* CBOR arrays of fewer than 24 items: one byte, 0x80 | count */
	enum {
		ENTRY_ITEMS = STRTRC_RECORD_HEAD + STRTRC_FIELDS_SYSCALL_ENTRY,
		EXIT_ITEMS = STRTRC_RECORD_HEAD + STRTRC_FIELDS_SYSCALL_EXIT,
		MEMORY_ITEMS = STRTRC_RECORD_HEAD + STRTRC_FIELDS_MEMORY,
	};
	static_assert(ENTRY_ITEMS < 24 && EXIT_ITEMS < 24 && MEMORY_ITEMS < 24, "one-byte heads");
	if (c.p >= c.end || (*c.p != (0x80 | ENTRY_ITEMS) && *c.p != (0x80 | EXIT_ITEMS) &&
			     *c.p != (0x80 | MEMORY_ITEMS)))
		return 0;
	n = *c.p++ & 31;
	if (!take_u(&c, UINT64_MAX, &kind) || !take_u(&c, UINT32_MAX, &tid) ||
	    !take_u(&c, UINT64_MAX, &dts))
		return 0;
	/* rec is filled as the fields come: when the record turns out not to be
	 * plain, the general path fills it again from scratch */
	struct strtrc_record *const out = rec;
	out->kind = (enum strtrc_kind)kind;
	out->tid = (uint32_t)tid;
	if (kind == STRTRC_SYSCALL_ENTRY && n == ENTRY_ITEMS) {
		struct strtrc_syscall_entry *const en = &out->u.entry;
		if (!take_u(&c, UINT32_MAX, &v))
			return 0;
		en->arch = (uint32_t)v;
		if (!take_u(&c, UINT64_MAX, &en->nr) || c.p >= c.end ||
		    *c.p++ != (0x80 | STRTRC_SYSCALL_ARGS))
			return 0;
		for (int k = 0; k < 6; k++) {
			if (!take_u(&c, UINT64_MAX, &en->args[k]))
				return 0;
		}
		if (!take_u(&c, UINT64_MAX, &en->ip) || !take_u(&c, UINT64_MAX, &en->sp))
			return 0;
	} else if (kind == STRTRC_SYSCALL_EXIT && n == EXIT_ITEMS) {
		if (take(&c, 0, &v) && v <= INT64_MAX)
			out->u.exit.rval = (int64_t)v;
		else if (take(&c, 1, &v) && v <= INT64_MAX)
			out->u.exit.rval = -1 - (int64_t)v;
		else
			return 0;
		if (c.p >= c.end || (*c.p != 0xf4 && *c.p != 0xf5))
			return 0;
		out->u.exit.is_error = *c.p++ == 0xf5;
	} else if (kind == STRTRC_MEMORY && n == MEMORY_ITEMS) {
		struct strtrc_memory *const m = &out->u.memory;
		uint64_t stop, arg, item, flags, len;
		if (!take_u(&c, UINT8_MAX, &stop) || !take_u(&c, UINT8_MAX, &arg) ||
		    !take_u(&c, UINT32_MAX, &item) || !take_u(&c, UINT32_MAX, &flags) ||
		    !take_u(&c, UINT64_MAX, &m->addr) || !take_u(&c, UINT64_MAX, &m->full_len) ||
		    !take(&c, 2, &len) || len > (uint64_t)(c.end - c.p))
			return 0;
		m->stop = (uint8_t)stop;
		m->arg = (uint8_t)arg;
		m->item = (uint32_t)item;
		m->flags = (uint32_t)flags;
		m->data.data = c.p;
		m->data.len = (size_t)len;
		c.p += len;
	} else {
		return 0;
	}
	if ((size_t)(c.p - (r->dbuf + r->dpos)) > MAX_RECORD)
		return 0;
	r->ts += dts;
	out->ts_ns = r->ts;
	*size = (size_t)(c.p - (r->dbuf + r->dpos));
	return 1;
}

/* After the END record only skippable frames (the index) may follow:
 * records after it would be dropped without a word, and a second trace
 * (files concatenated) is a source error. 0: nothing follows; negative:
 * error. */
static int check_after_end(struct strtrc_reader *r)
{
	r->done = true;
	const uint64_t at = r->dbase + r->dpos;
	if (r->dpos == r->dlen) {
		const int m = pump(r);
		if (m <= 0)
			return m;
	}
	return fail(r, -EBADMSG,
		    "data after the end record at byte %" PRIu64
		    " of the decompressed stream (frame at byte %" PRIu64
		    "): the end record must be the last",
		    at, r->frame_off);
}

int strtrc_reader_next(struct strtrc_reader *r, struct strtrc_record *rec)
{
	assert(r && rec);
	if (r->err)
		return r->err;
	if (r->done)
		return 0;
	if (r->complete)
		return check_after_end(r);
	for (;;) {
		size_t size, nnodes;
		if (!r->no_fast_path && fast_record(r, rec, &size)) {
			r->dpos += size;
			return 1;
		}
		const int p = next_item(r, &size, &nnodes);
		if (p < 0)
			return p;
		if (p == 0) {
			r->done = true;
			if (!r->warning[0])
				warn(r, "no end record: the recorder did not finish (killed?)");
			return 0;
		}
		const int m = map_record(r, nnodes, rec);
		if (m < 0)
			return m;
		/* rec's strings point at dpos..: they stay put until the
		 * next call, which may move dbuf. */
		r->dpos += size;
		if (m == 2)
			continue;
		if (rec->kind == STRTRC_END) {
			r->complete = true;
			r->lost_at_end = rec->u.end.lost;
		} else if (rec->kind == STRTRC_LOSS) {
			r->lost_in_gaps += rec->u.loss.count;
		}
		return 1;
	}
}

void strtrc_reader_set_fast_path(struct strtrc_reader *r, bool on)
{
	assert(r);
	r->no_fast_path = !on;
}

const char *strtrc_reader_error(const struct strtrc_reader *r)
{
	assert(r);
	return r->err ? r->msg : NULL;
}

const char *strtrc_reader_warning(const struct strtrc_reader *r)
{
	assert(r);
	return r->warning[0] ? r->warning : NULL;
}

bool strtrc_reader_complete(const struct strtrc_reader *r)
{
	assert(r);
	return r->complete;
}

uint64_t strtrc_reader_lost(const struct strtrc_reader *r)
{
	assert(r);
	return r->lost_at_end > r->lost_in_gaps ? r->lost_at_end : r->lost_in_gaps;
}

uint64_t strtrc_reader_bytes_in(const struct strtrc_reader *r)
{
	assert(r);
	return r->fpos;
}

void strtrc_reader_close(struct strtrc_reader *r)
{
	if (!r)
		return;
	readahead_stop(r); /* before the fd it reads goes */
	if (r->own_fd)
		close(r->src.fd);
	ZSTD_freeDCtx(r->src.dctx);
	strtrc_mem_free(r->src.ibuf);
	strtrc_mem_free(r->solo.data);
	strtrc_mem_free(r->dbuf);
	free(r->nodes);
	free(r->tids);
	free(r->fds);
	free(r->header_mem);
	free(r->name);
	free(r);
}
