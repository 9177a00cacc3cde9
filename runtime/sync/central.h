/*
** central.h — what the sync module's files share about the central server
** (central.c): connecting, pipelined queries, pushing one outbox batch.
** Not for the rest of the runtime: sync.h is the module's interface.
*/
#ifndef QK_SYNC_CENTRAL_H
#define QK_SYNC_CENTRAL_H

#include <libpq-fe.h>
#include <stdatomic.h>

#include "outbox.h"
#include "sync.h"

/* printf into err, newlines folded so it reads as one log line. */
void qk_central_err(char *err, size_t len, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Connects (non-blocking underneath, at most ~15 s); returns NULL with err
** when it cannot, or as soon as *stop becomes non-zero (stop may be NULL). */
PGconn *qk_central_connect(const char *conninfo, const atomic_int *stop, char *err, size_t errlen);

/* In pipeline mode: queues one query (0, or -1 when libpq refused it). */
int qk_central_send(PGconn *c, const char *sql, int n, const char *const *vals);
/* How a pipelined transaction failed (qk_central_read). */
typedef struct qk_central_fail {
  int query;         /* index of the first query that failed, -1: none, or the connection */
  char code[6];      /* its SQLSTATE, "" when the server gave none (a lost connection) */
  char message[400]; /* the server's message and detail, one line */
  size_t primary;    /* message[0, primary) is the message without the detail */
} qk_central_fail;
/* After PQpipelineSync: reads `queries` results and the sync; 0 when all
** succeeded. *committed (may be NULL) becomes 1 when one of them was a
** COMMIT that committed; f (may be NULL) says which failed and how. */
int qk_central_read(PGconn *c, int queries, int *committed, qk_central_fail *f, char *err, size_t errlen);
/* 1 when SQLSTATE code refuses a row for its content, whatever the server
** or connection: class 22 (data exception), 23 (integrity constraint) and
** P0 (PL/pgSQL RAISE: a server-side check or trigger). Anything else (the
** connection, authentication, a schema mismatch such as class 42, the
** server shutting down, a serialization failure, no code at all) is about
** the server or the link, and is retried. */
int qk_central_content_error(const char *code);

/* What fleet.contact records about this kiosk. */
typedef struct qk_central_contact {
  const char *kiosk, *software, *bundle, *bundle_error; /* bundle*: may be NULL */
} qk_central_contact;

/* One transaction: BEGIN, fleet.apply for up to max oldest outbox records
** to send, fleet.contact with the backlog left, COMMIT; all in one
** pipeline; then the records are marked sent. When the server refuses a
** record for its content (qk_central_content_error), the batch is settled
** in smaller transactions on the same connection, in order: the records
** before it are sent, it is tried alone and, refused alone, set aside in
** the store with the server's reason (outbox.h), and the call returns so
** the next batch is read afresh (a refused session's later records are
** then held). 0: done; *taken records were marked sent and *refused set
** aside (both 0: the outbox had nothing to send; the contact was made).
** -1: the server or the connection failed (what committed before is
** marked; drop the connection and retry later); -2: the local store failed. */
int qk_central_push_batch(PGconn *c, qk_store *st, int max, const qk_central_contact *who,
                          int *taken, int *refused, char *err, size_t errlen);

#endif
