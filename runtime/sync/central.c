/*
** central.c — talking to the central PostgreSQL with libpq: the connection
** string (TLS by default for remote hosts, the password file's mode), and
** the pipelined transactions that carry outbox records through fleet.apply.
** Shared by the worker thread (worker.c) and the commands (fleet_cli.c).
**
** A batch the server refuses for one record's content (SQLSTATE class 22,
** 23 or P0) must not stop the kiosk's results for good: the record is
** found — the pipeline says which query failed; what came before it is
** committed on its own, then it alone — and set aside in the store with
** the server's reason, and the rest goes on. Every other failure is the
** server's or the link's and leaves everything queued, to be retried.
*/
#include "central.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void qk_central_err(char *err, size_t len, const char *fmt, ...) {
  if (!err || !len) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, len, fmt, ap);
  va_end(ap);
  /* libpq messages end in a newline; one line reads better in a log. */
  size_t n = strlen(err);
  while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = 0;
  for (char *p = err; *p; p++)
    if (*p == '\n') *p = ' ';
}

/* A host that needs no TLS: a unix socket folder, localhost, loopback. */
static int local_host(const char *h) {
  if (!h || !*h || h[0] == '/' || h[0] == '@') return 1;
  return !strcmp(h, "localhost") || !strncmp(h, "127.", 4) || !strcmp(h, "::1");
}

/* Every host of a comma list is local. */
static int all_local(const char *hosts) {
  if (!hosts || !*hosts) return 1;
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", hosts);
  char *save = NULL;
  for (char *h = strtok_r(buf, ",", &save); h; h = strtok_r(NULL, ",", &save))
    if (!local_host(h)) return 0;
  return 1;
}

/* Appends key='value' (libpq quoting) to a growing string. */
static int append_kv(char **buf, size_t *len, const char *key, const char *val) {
  size_t need = strlen(key) + 2 * strlen(val) + 6;
  char *grown = realloc(*buf, *len + need + 1);
  if (!grown) return -1;
  *buf = grown;
  char *p = grown + *len;
  p += sprintf(p, "%s%s='", *len ? " " : "", key);
  for (const char *v = val; *v; v++) {
    if (*v == '\'' || *v == '\\') *p++ = '\\';
    *p++ = *v;
  }
  *p++ = '\'';
  *p = 0;
  *len = (size_t)(p - grown);
  return 0;
}

int qk_sync_conninfo(const char *url, const char *passfile, char **out, char *err, size_t errlen) {
  *out = NULL;
  if (!url || !*url) {
    qk_central_err(err, errlen, "no server given (--pg URL, --sync URL or the sync_url setting)");
    return -1;
  }
  if (passfile && *passfile) {
    struct stat st;
    if (stat(passfile, &st) != 0) {
      qk_central_err(err, errlen, "password file %s: %s", passfile, strerror(errno));
      return -1;
    }
    if (!S_ISREG(st.st_mode) || (st.st_mode & 077) || st.st_uid != geteuid()) {
      qk_central_err(err, errlen,
                     "password file %s must be a file of this user readable by it alone "
                     "(chmod 600 %s)", passfile, passfile);
      return -1;
    }
  }
  char *perr = NULL;
  PQconninfoOption *opts = PQconninfoParse(url, &perr);
  if (!opts) {
    qk_central_err(err, errlen, "bad server address %s: %s", url, perr ? perr : "out of memory");
    PQfreemem(perr);
    return -1;
  }
  const char *host = NULL, *sslmode = NULL, *timeout = NULL, *app = NULL;
  for (PQconninfoOption *o = opts; o->keyword; o++) {
    if (!o->val) continue;
    if (!strcmp(o->keyword, "host")) host = o->val;
    else if (!strcmp(o->keyword, "sslmode")) sslmode = o->val;
    else if (!strcmp(o->keyword, "connect_timeout")) timeout = o->val;
    else if (!strcmp(o->keyword, "application_name")) app = o->val;
  }
  char *buf = NULL;
  size_t len = 0;
  int rc = 0;
  for (PQconninfoOption *o = opts; o->keyword && !rc; o++)
    if (o->val && (!passfile || !*passfile || strcmp(o->keyword, "passfile")))
      rc = append_kv(&buf, &len, o->keyword, o->val);
  /* Results are personal data: off the local machine they travel
  ** encrypted unless the URL says otherwise. */
  if (!rc && !sslmode && !all_local(host)) rc = append_kv(&buf, &len, "sslmode", "require");
  if (!rc && !timeout) rc = append_kv(&buf, &len, "connect_timeout", "5");
  if (!rc && !app) rc = append_kv(&buf, &len, "application_name", "quizkiosk");
  if (!rc && passfile && *passfile) rc = append_kv(&buf, &len, "passfile", passfile);
  /* A dead server is noticed within ~30 s even mid-batch. */
  if (!rc) rc = append_kv(&buf, &len, "keepalives_idle", "10");
  if (!rc) rc = append_kv(&buf, &len, "keepalives_interval", "5");
  if (!rc) rc = append_kv(&buf, &len, "keepalives_count", "3");
  PQconninfoFree(opts);
  if (rc) {
    free(buf);
    qk_central_err(err, errlen, "out of memory");
    return -1;
  }
  *out = buf;
  return 0;
}

static int64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

PGconn *qk_central_connect(const char *conninfo, const atomic_int *stop, char *err, size_t errlen) {
  PGconn *c = PQconnectStart(conninfo);
  if (!c) {
    qk_central_err(err, errlen, "out of memory");
    return NULL;
  }
  /* connect_timeout is libpq's per host; this is the overall cap, and the
  ** slices let a stop request end a connect in progress. */
  int64_t deadline = mono_ms() + 15000;
  PostgresPollingStatusType ps = PGRES_POLLING_WRITING;
  while (PQstatus(c) != CONNECTION_BAD) {
    if (ps == PGRES_POLLING_OK) break;
    if (stop && atomic_load(stop)) {
      qk_central_err(err, errlen, "stopped");
      PQfinish(c);
      return NULL;
    }
    if (mono_ms() > deadline) {
      qk_central_err(err, errlen, "timed out connecting");
      PQfinish(c);
      return NULL;
    }
    struct pollfd p = {PQsocket(c), ps == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0};
    if (p.fd < 0) break;
    int n = poll(&p, 1, 200);
    if (n < 0 && errno != EINTR) break;
    if (n > 0) ps = PQconnectPoll(c);
  }
  if (PQstatus(c) != CONNECTION_OK) {
    qk_central_err(err, errlen, "%s", PQerrorMessage(c));
    PQfinish(c);
    return NULL;
  }
  return c;
}

/* ---- pipelines ------------------------------------------------------------ */

int qk_central_send(PGconn *c, const char *sql, int n, const char *const *vals) {
  return PQsendQueryParams(c, sql, n, NULL, vals, NULL, NULL, 0) ? 0 : -1;
}

int qk_central_content_error(const char *code) {
  return code && (!strncmp(code, "22", 2) || !strncmp(code, "23", 2) || !strncmp(code, "P0", 2));
}

/* The server's primary message and detail (not its CONTEXT lines). */
static void describe(const PGresult *r, ExecStatusType st, qk_central_fail *f) {
  const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  const char *d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
  const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  snprintf(f->code, sizeof f->code, "%s", code ? code : "");
  if (!m || !*m) m = PQresultErrorMessage(r);
  if (!m || !*m) m = PQresStatus(st);
  qk_central_err(f->message, sizeof f->message, "%s", m);
  f->primary = strlen(f->message);
  if (d && *d) {
    char detail[sizeof f->message];
    qk_central_err(detail, sizeof detail, " — %s", d);
    snprintf(f->message + f->primary, sizeof f->message - f->primary, "%s", detail);
  }
}

int qk_central_read(PGconn *c, int queries, int *committed, qk_central_fail *f, char *err, size_t errlen) {
  int failed = 0;
  qk_central_fail own;
  if (!f) f = &own;
  f->query = -1;
  f->code[0] = f->message[0] = 0;
  f->primary = 0;
  for (int i = 0; i < queries; i++) {
    PGresult *r = PQgetResult(c);
    if (!r) {
      if (!failed) {
        qk_central_err(err, errlen, "connection lost: %s", PQerrorMessage(c));
        f->code[0] = 0; /* whatever came before, the link is what failed */
      }
      return -1;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      if (!failed) {
        const char *m = PQresultErrorMessage(r);
        qk_central_err(err, errlen, "%s", m && *m ? m : PQresStatus(st));
        f->query = i;
        describe(r, st, f);
      }
      failed = 1;
    } else if (committed && !strcmp(PQcmdStatus(r), "COMMIT")) *committed = 1;
    PQclear(r);
    /* Each query's results end with a NULL. */
    while ((r = PQgetResult(c))) PQclear(r);
  }
  PGresult *r = PQgetResult(c);
  int synced = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
  PQclear(r);
  if (!synced && !failed) {
    qk_central_err(err, errlen, "connection lost: %s", PQerrorMessage(c));
    failed = 1;
  }
  if (!synced) f->code[0] = 0;
  return failed ? -1 : 0;
}

/* ---- one batch of the outbox -------------------------------------------- */

/* One outbox record, copied out of the store for the batch's lifetime
** (parts of it may be sent again in transactions of their own). */
typedef struct {
  int64_t id;
  char *kind, *row; /* row NULL: the row is gone, nothing to send */
} rec;

typedef struct {
  PGconn *c;
  qk_store *st;
  rec *v;
  int n, cap, oom;
  int taken, refused;
  char *err;
  size_t errlen;
} batch;

static int keep_rec(void *ud, const qk_outbox_rec *r) {
  batch *b = ud;
  if (b->n == b->cap) {
    int cap = b->cap ? 2 * b->cap : 64;
    rec *v = realloc(b->v, (size_t)cap * sizeof *v);
    if (!v) return b->oom = 1;
    b->v = v;
    b->cap = cap;
  }
  rec *k = &b->v[b->n];
  k->id = r->id;
  k->kind = strdup(r->kind);
  k->row = r->row ? strdup(r->row) : NULL;
  if (!k->kind || (r->row && !k->row)) {
    free(k->kind);
    free(k->row);
    return b->oom = 1;
  }
  b->n++;
  return 0;
}

/* Outcomes of sending part of a batch. */
enum { PART_SENT = 0, PART_REFUSED = 1, PART_SERVER = -1, PART_STORE = -2 };

/* v[from, from + n) as one transaction (and the contact when who is not
** NULL). PART_SENT: committed, and marked sent; PART_REFUSED: refused for
** its content, f says how and *at which record (-1: not at one, e.g. a
** deferred check at COMMIT); PART_SERVER with err; PART_STORE. */
static int send_part(batch *b, int from, int n, const qk_central_contact *who, int64_t left,
                     qk_central_fail *f, int *at) {
  PGconn *c = b->c;
  int queries = 0, *rec_of = malloc(((size_t)n + 3) * sizeof *rec_of);
  *at = -1;
  if (!rec_of) {
    qk_central_err(b->err, b->errlen, "out of memory");
    return PART_STORE;
  }
  int bad = qk_central_send(c, "BEGIN", 0, NULL);
  rec_of[queries++] = -1;
  for (int i = from; i < from + n && !bad; i++) {
    if (!b->v[i].row) continue; /* a row that is gone says nothing (candidates come as value null) */
    const char *vals[2] = {b->v[i].kind, b->v[i].row};
    bad = qk_central_send(c, "SELECT fleet.apply($1, $2::jsonb)", 2, vals);
    rec_of[queries++] = i;
  }
  if (!bad && who) {
    /* What is left after this batch, reported in the same transaction. */
    char lefts[32];
    snprintf(lefts, sizeof lefts, "%lld", (long long)(left > 0 ? left : 0));
    const char *vals[5] = {who->kiosk, lefts, who->software, who->bundle, who->bundle_error};
    bad = qk_central_send(c, "SELECT fleet.contact($1, $2::bigint, $3, $4, $5)", 5, vals);
    rec_of[queries++] = -1;
  }
  if (!bad) {
    bad = qk_central_send(c, "COMMIT", 0, NULL);
    rec_of[queries++] = -1;
  }
  if (!bad && !PQpipelineSync(c)) bad = 1;
  if (bad) {
    free(rec_of);
    qk_central_err(b->err, b->errlen, "sending: %s", PQerrorMessage(c));
    return PART_SERVER;
  }
  int committed = 0;
  int rc = qk_central_read(c, queries, &committed, f, b->err, b->errlen);
  if (!rc && !committed) {
    qk_central_err(b->err, b->errlen, "the server did not commit the batch");
    rc = -1;
  }
  if (rc && f->query >= 0 && f->query < queries) *at = rec_of[f->query];
  free(rec_of);
  if (!rc) {
    int64_t *ids = malloc(((size_t)n + 1) * sizeof *ids);
    if (!ids) {
      qk_central_err(b->err, b->errlen, "out of memory");
      return PART_STORE;
    }
    for (int i = 0; i < n; i++) ids[i] = b->v[from + i].id;
    /* Marked sent only now that the server has committed. A power cut
    ** between the two sends them again: a no-op there. */
    int src = qk_store_outbox_sent_ids(b->st, ids, n);
    free(ids);
    if (src != QK_STORE_OK) {
      qk_central_err(b->err, b->errlen, "marking sent: %s", qk_store_errmsg(b->st));
      return PART_STORE;
    }
    b->taken += n;
    return PART_SENT;
  }
  if (PQstatus(c) != CONNECTION_OK) return PART_SERVER;
  /* A transaction the error left open (aborted) is rolled back, so this
  ** connection can go on with the next one. */
  if (PQtransactionStatus(c) == PQTRANS_INERROR) {
    char e2[200];
    if (qk_central_send(c, "ROLLBACK", 0, NULL) || !PQpipelineSync(c) ||
        qk_central_read(c, 1, NULL, NULL, e2, sizeof e2))
      return PART_SERVER;
  }
  return qk_central_content_error(f->code) ? PART_REFUSED : PART_SERVER;
}

static int settle(batch *b, int from, int n, int at, const qk_central_fail *f);

/* v[from, from + n) in a transaction of its own, settled if refused. */
static int try_part(batch *b, int from, int n) {
  if (n <= 0) return PART_SENT;
  qk_central_fail f;
  int at;
  int rc = send_part(b, from, n, NULL, 0, &f, &at);
  return rc == PART_REFUSED ? settle(b, from, n, at, &f) : rc;
}

/* v[from, from + n) was refused together for its content, at record `at`
** (-1: not at one record). Finds the record the server refuses by itself,
** keeping the order: what came before it goes first, then it alone; a
** record refused alone is set aside and everything stops there
** (PART_REFUSED), so the caller reads the outbox again and a refused
** session's later records are held. PART_SENT: it all went through after
** all (the refusal came from the records together). */
static int settle(batch *b, int from, int n, int at, const qk_central_fail *f) {
  if (n == 1 && (at == from || at < 0)) {
    if (!b->v[from].row) return PART_SERVER; /* nothing was sent for it: not its content */
    /* A personal field's refusal keeps no detail: PostgreSQL's "Failing
    ** row contains (...)" would copy the name or phone into the outbox,
    ** where a purge of the field would not reach it. */
    char reason[sizeof f->message];
    snprintf(reason, sizeof reason, "%.*s", strcmp(b->v[from].kind, "candidate") ? (int)strlen(f->message)
                                                                                   : (int)f->primary, f->message);
    if (qk_store_outbox_refuse(b->st, b->v[from].id, f->code, reason, (qk_ms)wall_ms()) != QK_STORE_OK) {
      qk_central_err(b->err, b->errlen, "setting a refused record aside: %s", qk_store_errmsg(b->st));
      return PART_STORE;
    }
    b->refused++;
    return PART_REFUSED;
  }
  int rc;
  if (at >= from && at < from + n) {
    /* The records before it went through in that transaction. */
    if ((rc = try_part(b, from, at - from)) != PART_SENT) return rc;
    if ((rc = try_part(b, at, 1)) != PART_SENT) return rc;
    return try_part(b, at + 1, from + n - at - 1);
  }
  /* Not at one record: by halves, in order. */
  if ((rc = try_part(b, from, n / 2)) != PART_SENT) return rc;
  return try_part(b, from + n / 2, n - n / 2);
}

int qk_central_push_batch(PGconn *c, qk_store *st, int max, const qk_central_contact *who,
                          int *taken, int *refused, char *err, size_t errlen) {
  *taken = *refused = 0;
  if (err && errlen) err[0] = 0;
  int64_t before = 0;
  if (qk_store_outbox_backlog(st, &before) != QK_STORE_OK) {
    qk_central_err(err, errlen, "reading the outbox: %s", qk_store_errmsg(st));
    return -2;
  }
  batch b = {c, st, NULL, 0, 0, 0, 0, 0, err, errlen};
  int src = qk_store_outbox_read(st, 0, max, keep_rec, &b);
  int rc = 0;
  if (src < 0 || (src > 0 && !b.oom)) {
    qk_central_err(err, errlen, "reading the outbox: %s", qk_store_errmsg(st));
    rc = -2;
  } else if (b.oom) {
    qk_central_err(err, errlen, "reading the outbox: out of memory");
    rc = -2;
  }
  if (!rc && !PQenterPipelineMode(c)) {
    qk_central_err(err, errlen, "cannot enter pipeline mode: %s", PQerrorMessage(c));
    rc = -1;
  }
  if (!rc) {
    qk_central_fail f;
    int at;
    rc = send_part(&b, 0, b.n, who, before - b.n, &f, &at);
    if (rc == PART_REFUSED) {
      /* The contact alone (no record to blame) is the server's matter. */
      int rows = 0;
      for (int i = 0; i < b.n; i++) rows += b.v[i].row != NULL;
      rc = rows ? settle(&b, 0, b.n, at, &f) : PART_SERVER;
      if (rc == PART_REFUSED) rc = 0;
    }
    if (rc == PART_SERVER) rc = -1;
    else if (rc == PART_STORE) rc = -2;
    PQexitPipelineMode(c); /* fails unless idle; the caller drops the connection after an error */
  }
  *taken = b.taken;
  *refused = b.refused;
  for (int i = 0; i < b.n; i++) {
    free(b.v[i].kind);
    free(b.v[i].row);
  }
  free(b.v);
  return rc;
}
