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
/* After PQpipelineSync: reads `queries` results and the sync; 0 when all
** succeeded. *committed (may be NULL) becomes 1 when one of them was a
** COMMIT that committed. */
int qk_central_read(PGconn *c, int queries, int *committed, char *err, size_t errlen);

/* What fleet.contact records about this kiosk. */
typedef struct qk_central_contact {
  const char *kiosk, *software, *bundle, *bundle_error; /* bundle*: may be NULL */
} qk_central_contact;

/* One transaction: BEGIN, fleet.apply for up to max oldest outbox records,
** fleet.contact with the backlog left, COMMIT; all in one pipeline. On 0
** the server committed: *upto is the last outbox id it covered (0 when the
** outbox was empty) and *taken how many records; mark them sent. -1: the
** server or the connection failed (nothing to mark; drop the connection);
** -2: the local store failed. */
int qk_central_push_batch(PGconn *c, qk_store *st, int max, const qk_central_contact *who,
                          int64_t *upto, int *taken, char *err, size_t errlen);

#endif
