/*
** export_pipe.c — the export walk on two threads: the calling thread does
** all the SQLite work (qk_store_export_walk, its one read snapshot, the
** store's one connection), a writer thread formats and writes what it
** reads (the CSV sink). On a 2-core kiosk the two halves run side by side
** (bench/db: reading 1M answer rows through SQLite is about as long as
** formatting and writing them).
**
** The walk's sessions and answers are copied, values and texts, into
** blocks of records; a full block goes to the writer, which decodes each
** record and calls the real sink with pointers into the block. A few
** blocks in all (bounded memory): the reader waits for a free one when
** the writer is behind. Nothing the writer runs may touch the store or
** SQLite: a sink that fails returns its code and keeps what went wrong
** itself (the CSV sink its errno), the pipe stops the walk at the next
** block and the caller reports it after the writer has ended. A walk that
** fails (a corrupt page) ends the writer the same way. If no thread can
** be started the sink runs on the calling thread, as the plain walk does.
**
** The second thread only pays when a core is idle for it: handing rows
** over costs about a tenth more CPU, and on a busy machine (bench/db at a
** load of 4-10 on 2 cores) the two threads share one core and the export
** took longer than on one. So the writer runs only when the load average
** leaves a core free (a kiosk exporting while its screen waits: load
** ~0.1); qk_store_set_export_threads (QUIZKIOSK_EXPORT_THREADS) decides instead
** (tests, bench/db).
*/
#include "store_int.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 MiB blocks: a hand-over (and a wake-up of the other thread) per MiB;
** at most 4 MiB held. */
enum { BLOCK_BYTES = 1 << 20, N_BLOCKS = 4 };
enum { REC_SESSION = 1, REC_ANSWER = 2 };
#define NO_TEXT UINT32_MAX

typedef struct block {
  struct block *next;
  size_t n, cap;
  unsigned char *b;
} block;

typedef struct {
  qk_store *s;             /* the reader's: errors are set by the reader only */
  const qk_export_sink *k; /* the real sink */
  int direct;              /* no writer thread: calls pass straight on */
  int n_fields, n_scores;
  pthread_t writer;
  int started;
  pthread_mutex_t mu;
  pthread_cond_t changed;
  block *full, **full_tail; /* waiting for the writer, oldest first */
  block *free_list;
  int n_made;
  int done;   /* the reader sent its last block */
  int failed; /* the writer's sink returned failed_rc */
  int failed_rc;
  int writer_oom; /* the writer's failure was its own memory */
  char *text, *wtext; /* responses made text: the reader's (direct), the writer's */
  size_t text_cap, wtext_cap;
  block *cur; /* being filled by the reader */
} pipe_ctx;

/* ---- records ------------------------------------------------------------ */

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static size_t text_size(const char *t) { return 4 + (t ? strlen(t) + 1 : 0); }

/* t (len bytes, NUL after them) with its length before it; NULL as NO_TEXT. */
static unsigned char *put_text_n(unsigned char *w, const char *t, size_t len) {
  uint32_t n = t ? (uint32_t)len : NO_TEXT;
  memcpy(w, &n, 4);
  w += 4;
  if (!t) return w;
  memcpy(w, t, len + 1);
  return w + len + 1;
}

static unsigned char *put_text(unsigned char *w, const char *t) { return put_text_n(w, t, t ? strlen(t) : 0); }

static const unsigned char *get_text(const unsigned char *r, const char **t) {
  uint32_t len;
  memcpy(&len, r, 4);
  r += 4;
  if (len == NO_TEXT) {
    *t = NULL;
    return r;
  }
  *t = (const char *)r;
  return r + len + 1;
}

/* ---- blocks --------------------------------------------------------------- */

static block *block_new(size_t cap) {
  block *b = calloc(1, sizeof *b);
  if (b && !(b->b = malloc(cap))) {
    free(b);
    return NULL;
  }
  if (b) b->cap = cap;
  return b;
}

static void block_free(block *b) {
  if (b) free(b->b);
  free(b);
}

static void *writer_main(void *arg);

/* Hands the reader's block to the writer and takes a free one of at least
** need bytes, waiting while all are in use. 0, or the writer's failure
** code, or QK_STORE_ERROR out of memory (*oom set: the caller says so). */
static int swap_block(pipe_ctx *p, size_t need, int *oom) {
  pthread_mutex_lock(&p->mu);
  if (p->cur && p->cur->n) {
    *p->full_tail = p->cur;
    p->full_tail = &p->cur->next;
    p->cur = NULL;
    pthread_cond_broadcast(&p->changed);
  }
  block *b = p->cur;
  while (!b && !p->failed && !p->free_list && p->n_made >= N_BLOCKS) pthread_cond_wait(&p->changed, &p->mu);
  int rc = p->failed ? p->failed_rc : 0;
  if (!rc && !b && p->free_list) {
    b = p->free_list;
    p->free_list = b->next;
  }
  pthread_mutex_unlock(&p->mu);
  if (rc) return rc;
  if (!b) {
    p->n_made++; /* only the reader makes blocks */
    b = block_new(need > BLOCK_BYTES ? need : BLOCK_BYTES);
  } else if (b->cap < need) { /* a record bigger than a block: this one grows */
    unsigned char *grown = realloc(b->b, need);
    if (grown) {
      b->b = grown;
      b->cap = need;
    } else {
      block_free(b);
      b = NULL;
    }
  }
  if (!b) {
    *oom = 1;
    return QK_STORE_ERROR;
  }
  b->next = NULL;
  b->n = 0;
  p->cur = b;
  return 0;
}

/* Room for a record of size bytes in the reader's block: its start, or
** NULL with *rc set (the writer's failure, or out of memory, set in s). */
static unsigned char *reserve(pipe_ctx *p, size_t size, int *rc) {
  int oom = 0;
  if (!p->cur || p->cur->n + size > p->cur->cap) {
    if ((*rc = swap_block(p, size, &oom))) {
      if (oom) *rc = qk_store_fail(p->s, QK_STORE_ERROR, "out of memory in the export");
      return NULL;
    }
  }
  unsigned char *w = p->cur->b + p->cur->n;
  p->cur->n += size;
  return w;
}

/* ---- the reader's side: the walk's sink -------------------------------- */

static int pipe_head(void *ud, const qk_export_head *h) {
  pipe_ctx *p = ud;
  int rc = p->k->head(p->k->ud, h);
  if (rc) return rc;
  p->n_fields = h->n_fields;
  p->n_scores = h->n_scores;
  /* The head was written by this thread; the writer starts after it. */
  p->started = pthread_create(&p->writer, NULL, writer_main, p) == 0;
  p->direct = !p->started;
  return 0;
}

static int pipe_session(void *ud, const qk_export_session *x) {
  pipe_ctx *p = ud;
  if (p->direct) return p->k->session(p->k->ud, x);
  const qk_store_session_row *r = x->r;
  const char *texts[] = {r->kiosk, r->app, r->exam, r->exam_title, r->content_hash, r->status, r->language, r->mode};
  size_t size = 8 + sizeof *r + 8;
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) size += text_size(texts[i]);
  for (int i = 0; i < p->n_fields; i++) size += text_size(x->field_vals[i]);
  size += (size_t)p->n_scores * 2 * sizeof(double);
  for (int i = 0; i < p->n_scores; i++) size += text_size(x->score_title[i]);
  size = pad8(size);
  int rc = 0;
  unsigned char *w = reserve(p, size, &rc);
  if (!w) return rc;
  uint32_t head[2] = {(uint32_t)size, REC_SESSION};
  int64_t finished = x->finished;
  memcpy(w, head, 8);
  memcpy(w + 8, r, sizeof *r); /* its text pointers are set again from the texts */
  memcpy(w + 8 + sizeof *r, &finished, 8);
  w += 16 + sizeof *r;
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) w = put_text(w, texts[i]);
  for (int i = 0; i < p->n_fields; i++) w = put_text(w, x->field_vals[i]);
  if (p->n_scores) {
    memcpy(w, x->score, (size_t)p->n_scores * sizeof(double));
    w += (size_t)p->n_scores * sizeof(double);
    memcpy(w, x->score_max, (size_t)p->n_scores * sizeof(double));
    w += (size_t)p->n_scores * sizeof(double);
  }
  for (int i = 0; i < p->n_scores; i++) w = put_text(w, x->score_title[i]);
  return 0;
}

/* An answer's values, copied as one piece. */
typedef struct {
  int64_t session_id, time_ms, answered_at;
  double points, max_points;
  int32_t correct, pad;
} answer_vals;

static int pipe_answer(void *ud, const qk_export_answer *a) {
  pipe_ctx *p = ud;
  if (p->direct) {
    qk_export_answer t = *a; /* the walk left the text to this sink */
    t.text = qk_export_response_text(a->response, &p->text, &p->text_cap);
    return p->k->answer(p->k->ud, &t);
  }
  /* The text for people is worked out by the writer, from the response. */
  size_t lq = strlen(a->question), lr = strlen(a->response), lo = strlen(a->option_text);
  size_t size = pad8(8 + sizeof(answer_vals) + 12 + lq + lr + lo + 3);
  int rc = 0;
  unsigned char *w = reserve(p, size, &rc);
  if (!w) return rc;
  uint32_t head[2] = {(uint32_t)size, REC_ANSWER};
  answer_vals v = {a->session_id, a->time_ms, a->answered_at, a->points, a->max_points, a->correct, 0};
  memcpy(w, head, 8);
  memcpy(w + 8, &v, sizeof v);
  w += 8 + sizeof v;
  w = put_text_n(w, a->question, lq);
  w = put_text_n(w, a->response, lr);
  put_text_n(w, a->option_text, lo);
  return 0;
}

/* ---- the writer's side ----------------------------------------------------- */

/* Decodes a block's records into the real sink's calls; its code. */
static int writer_block(pipe_ctx *p, const block *b, const char **texts, double *nums) {
  const qk_export_sink *k = p->k;
  int rc = 0;
  for (size_t at = 0; at < b->n && !rc;) {
    const unsigned char *r = b->b + at;
    uint32_t head[2];
    memcpy(head, r, 8);
    at += head[0];
    r += 8;
    if (head[1] == REC_ANSWER) {
      answer_vals v;
      memcpy(&v, r, sizeof v);
      r += sizeof v;
      qk_export_answer a = {v.session_id, NULL, NULL, NULL, NULL, v.points, v.max_points,
                            v.correct, v.time_ms, v.answered_at};
      r = get_text(r, &a.question);
      r = get_text(r, &a.response);
      get_text(r, &a.option_text);
      a.text = qk_export_response_text(a.response, &p->wtext, &p->wtext_cap);
      rc = k->answer(k->ud, &a);
      continue;
    }
    qk_store_session_row row;
    int64_t finished;
    memcpy(&row, r, sizeof row);
    memcpy(&finished, r + sizeof row, 8);
    r += sizeof row + 8;
    const char **t[] = {&row.kiosk, &row.app, &row.exam, &row.exam_title, &row.content_hash, &row.status,
                        &row.language, &row.mode};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) r = get_text(r, t[i]);
    const char **fields = texts, **titles = texts + p->n_fields;
    for (int i = 0; i < p->n_fields; i++) r = get_text(r, &fields[i]);
    double *score = nums, *max = nums + p->n_scores;
    memcpy(nums, r, (size_t)p->n_scores * 2 * sizeof(double));
    r += (size_t)p->n_scores * 2 * sizeof(double);
    for (int i = 0; i < p->n_scores; i++) r = get_text(r, &titles[i]);
    qk_export_session x = {&row, (int)finished, fields, score, max, titles};
    rc = k->session(k->ud, &x);
  }
  return rc;
}

static void *writer_main(void *arg) {
  pipe_ctx *p = arg;
  const char **texts = malloc(((size_t)p->n_fields + (size_t)p->n_scores + 1) * sizeof *texts);
  double *nums = malloc(((size_t)p->n_scores * 2 + 1) * sizeof *nums);
  int rc = texts && nums ? 0 : QK_STORE_ERROR; /* the reader names it (writer_oom) */
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->full && !p->done && !rc) pthread_cond_wait(&p->changed, &p->mu);
    block *b = rc ? NULL : p->full;
    if (!b) break; /* done and drained, or failed */
    if (!(p->full = b->next)) p->full_tail = &p->full;
    pthread_mutex_unlock(&p->mu);
    rc = writer_block(p, b, texts, nums);
    pthread_mutex_lock(&p->mu);
    b->next = p->free_list;
    p->free_list = b;
    pthread_cond_broadcast(&p->changed);
  }
  if (rc) {
    p->failed = 1;
    p->failed_rc = rc;
    p->writer_oom = !texts || !nums;
    pthread_cond_broadcast(&p->changed);
  }
  pthread_mutex_unlock(&p->mu);
  free(texts);
  free(nums);
  return NULL;
}

/* After the walk's last row (rc its result so far): the last block goes
** out, the writer ends; the writer's failure if the walk had none. */
static int pipe_end(void *ud, int rc) {
  pipe_ctx *p = ud;
  if (!p->started) return rc;
  pthread_mutex_lock(&p->mu);
  if (!rc && p->cur && p->cur->n) {
    *p->full_tail = p->cur;
    p->full_tail = &p->cur->next;
    p->cur = NULL;
  }
  if (rc) { /* the walk failed: what is left is not written */
    while (p->full) {
      block *b = p->full;
      p->full = b->next;
      b->next = p->free_list;
      p->free_list = b;
    }
    p->full_tail = &p->full;
  }
  p->done = 1;
  pthread_cond_broadcast(&p->changed);
  pthread_mutex_unlock(&p->mu);
  pthread_join(p->writer, NULL);
  p->started = 0;
  if (!rc && p->writer_oom) return qk_store_fail(p->s, QK_STORE_ERROR, "out of memory in the export");
  return rc ? rc : p->failed ? p->failed_rc : 0;
}

/* 1 when a second thread would have a core: the store's export_threads
** (1 or 2) when set, else at least 2 cores online and a 1-minute load
** average below cores - 1. */
static int writer_wanted(const qk_store *s) {
  if (s->export_threads) return s->export_threads == 2;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  double load;
  return cores >= 2 && getloadavg(&load, 1) == 1 && load < (double)(cores - 1);
}

void qk_store_set_export_threads(qk_store *s, int threads) {
  assert(threads >= 0 && threads <= 2);
  s->export_threads = threads;
}

int qk_store_export_walk_piped(qk_store *s, qk_ms since_ms, const qk_export_sink *k) {
  if (!writer_wanted(s)) return qk_store_export_walk(s, since_ms, k);
  pipe_ctx p;
  memset(&p, 0, sizeof p);
  p.s = s;
  p.k = k;
  p.full_tail = &p.full;
  if (pthread_mutex_init(&p.mu, NULL)) return qk_store_export_walk(s, since_ms, k);
  if (pthread_cond_init(&p.changed, NULL)) {
    pthread_mutex_destroy(&p.mu);
    return qk_store_export_walk(s, since_ms, k);
  }
  qk_export_sink pk = {&p, pipe_head, pipe_session, k->answer ? pipe_answer : NULL, pipe_end, 1};
  int rc = qk_store_export_walk(s, since_ms, &pk);
  if (p.started) rc = pipe_end(&p, rc); /* the walk calls end; this is only a guard */
  block_free(p.cur);
  while (p.full) {
    block *b = p.full;
    p.full = b->next;
    block_free(b);
  }
  while (p.free_list) {
    block *b = p.free_list;
    p.free_list = b->next;
    block_free(b);
  }
  free(p.text);
  free(p.wtext);
  pthread_cond_destroy(&p.changed);
  pthread_mutex_destroy(&p.mu);
  return rc;
}
