/*
** outbox.h — the store's queue of changes for the fleet's central server
** (issue 12). Every write that records a session, an answer, an event or a
** candidate field also queues an outbox row in the same transaction (the
** schema's triggers, migrate_fleet.c), so no row is ever recorded but not
** queued or queued but not recorded. The sync worker (runtime/sync) reads
** the queue in order, sends it, and only after the server's COMMIT marks
** it sent.
**
** A record is one JSON object holding the row's CURRENT state (read when
** the queue is read, not when it was queued) with its keys (session uuid,
** question / seq / field) and version, so sending a record twice, or an
** old one after a newer one, changes nothing centrally. A candidate field
** deleted since (purge) comes with "value": null.
**
** These calls are for a connection of its own (the sync worker's, or a
** command-line tool's), never the UI's: none of them joins a batch.
*/
#ifndef QK_STORE_OUTBOX_H
#define QK_STORE_OUTBOX_H

#include "store.h"

typedef struct qk_outbox_rec {
  int64_t id;       /* outbox id: ascending in the order things happened */
  const char *kind; /* "session", "answer", "event" or "candidate" */
  const char *row;  /* JSON object, or NULL if the row is gone (never for
                       session/answer/event: those are never deleted) */
} qk_outbox_rec;

/* Return 0 to go on, non-zero to stop (the call returns that value).
** Pointers are valid during the callback only. */
typedef int (*qk_outbox_cb)(void *ud, const qk_outbox_rec *r);

/* Up to max records with id > after_id, oldest first. */
int qk_store_outbox_read(qk_store *s, int64_t after_id, int max, qk_outbox_cb cb, void *ud);
/* Marks every record with id <= upto_id sent (deletes it): call only once
** the server committed them. Ids only grow, so records queued meanwhile
** (larger ids) stay. One small transaction. */
int qk_store_outbox_sent(qk_store *s, int64_t upto_id);
/* Records not sent yet. */
int qk_store_outbox_backlog(qk_store *s, int64_t *n);
/* The local session id of a session uuid (NOTFOUND if not from here). */
int qk_store_session_by_uuid(qk_store *s, const char *uuid, int64_t *id);

/* Sites with no network: writes the whole outbox to path as JSON lines, a
** header line {"quizkiosk_bundle":1,"kiosk":...,"records":N} then one
** {"id":..,"kind":..,"row":{..}} per record; through "<path>.part",
** fsync'ed and renamed so a USB stick never holds half a bundle. The
** records stay queued (the kiosk cannot know the file arrived); importing
** them, and syncing them later, are both idempotent. *n_out may be NULL. */
int qk_store_outbox_export(qk_store *s, const char *kiosk, const char *path, int64_t *n_out);

/* The other way (quizkiosk export --pg): loads one central record, in
** the JSON of outbox_read, into this database (a scratch one: the central
** rows then go through the same exports as a kiosk's). Sessions come
** before their answers, events and fields. */
int qk_store_outbox_apply(qk_store *s, const char *kind, const char *json);

#endif
