/*
** central.c — talking to the central PostgreSQL with libpq: the connection
** string (TLS by default for remote hosts, the password file's mode), and
** the pipelined transactions that carry outbox records through fleet.apply.
** Shared by the worker thread (worker.c) and the commands (fleet_cli.c).
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

int qk_central_read(PGconn *c, int queries, int *committed, char *err, size_t errlen) {
  int failed = 0;
  for (int i = 0; i < queries; i++) {
    PGresult *r = PQgetResult(c);
    if (!r) {
      if (!failed) qk_central_err(err, errlen, "connection lost: %s", PQerrorMessage(c));
      return -1;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      if (!failed) {
        const char *m = PQresultErrorMessage(r);
        qk_central_err(err, errlen, "%s", m && *m ? m : PQresStatus(st));
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
  return failed ? -1 : 0;
}

/* ---- one batch of the outbox -------------------------------------------- */

typedef struct {
  PGconn *c;
  int taken; /* outbox records read (sent, or skipped as gone) */
  int sent;  /* queries sent for them */
  int64_t last_id;
  int failed;
} batch_ctx;

static int send_rec(void *ud, const qk_outbox_rec *r) {
  batch_ctx *b = ud;
  b->last_id = r->id;
  b->taken++;
  if (!r->row) return 0; /* a row that is gone says nothing (candidates come as value null) */
  const char *vals[2] = {r->kind, r->row};
  if (qk_central_send(b->c, "SELECT fleet.apply($1, $2::jsonb)", 2, vals)) {
    b->failed = 1;
    return 1;
  }
  b->sent++;
  return 0;
}

int qk_central_push_batch(PGconn *c, qk_store *st, int max, const qk_central_contact *who,
                          int64_t *upto, int *taken, char *err, size_t errlen) {
  *upto = 0;
  *taken = 0;
  if (err && errlen) err[0] = 0;
  int64_t before = 0;
  if (qk_store_outbox_backlog(st, &before) != QK_STORE_OK) {
    qk_central_err(err, errlen, "reading the outbox: %s", qk_store_errmsg(st));
    return -2;
  }
  if (!PQenterPipelineMode(c)) {
    qk_central_err(err, errlen, "cannot enter pipeline mode: %s", PQerrorMessage(c));
    return -1;
  }
  batch_ctx b = {c, 0, 0, 0, 0};
  int rc = qk_central_send(c, "BEGIN", 0, NULL);
  if (!rc) {
    int src = qk_store_outbox_read(st, 0, max, send_rec, &b);
    if (src < 0) {
      qk_central_err(err, errlen, "reading the outbox: %s", qk_store_errmsg(st));
      rc = -2;
    } else if (src > 0 || b.failed) rc = -1;
  }
  if (!rc) {
    /* What is left after this batch, reported in the same transaction. */
    char left[32];
    snprintf(left, sizeof left, "%lld", (long long)(before > b.taken ? before - b.taken : 0));
    const char *vals[5] = {who->kiosk, left, who->software, who->bundle, who->bundle_error};
    if (qk_central_send(c, "SELECT fleet.contact($1, $2::bigint, $3, $4, $5)", 5, vals) ||
        qk_central_send(c, "COMMIT", 0, NULL) || !PQpipelineSync(c))
      rc = -1;
  }
  if (rc == -1 && err && !*err) qk_central_err(err, errlen, "sending: %s", PQerrorMessage(c));
  if (!rc) {
    int committed = 0;
    /* BEGIN, the applies, contact, COMMIT */
    rc = qk_central_read(c, 3 + b.sent, &committed, err, errlen);
    if (!rc && !committed) {
      qk_central_err(err, errlen, "the server did not commit the batch");
      rc = -1;
    }
  }
  if (!rc) {
    *upto = b.last_id;
    *taken = b.taken;
  }
  PQexitPipelineMode(c); /* fails unless idle; the caller drops the connection after an error */
  return rc;
}
