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

/* Up to max records to send with id > after_id, oldest first: refused
** and held records (below) are not among them. */
int qk_store_outbox_read(qk_store *s, int64_t after_id, int max, qk_outbox_cb cb, void *ud);
/* Marks every record to send with id <= upto_id sent (deletes it): call
** only once the server committed them. Ids only grow, so records queued
** meanwhile (larger ids) stay; refused and held ones stay. One small
** transaction. */
int qk_store_outbox_sent(qk_store *s, int64_t upto_id);
/* Marks exactly these records sent (deletes them), in one transaction:
** what the sync worker uses, so a record `fleet resend` queues again
** while a batch is in flight is never taken for sent. */
int qk_store_outbox_sent_ids(qk_store *s, const int64_t *ids, int n);
/* Records to send (neither refused nor held). */
int qk_store_outbox_backlog(qk_store *s, int64_t *n);

/* ---- records the server refused ------------------------------------------
** A record the central server refuses for its content (a data exception,
** a constraint, a server-side check or trigger: sync/central.c tells these
** apart from a server or connection failure) is set aside: it stays in the
** outbox, with the server's SQLSTATE and message and the time, and is not
** sent again until `quizkiosk fleet resend` queues it again. Nothing is
** deleted: its session, answer, event or field stays in this database.
**
** The server needs a session before its answers, events and fields, so a
** refused SESSION record holds back every later record of that session
** ("held": read and counted apart, not marked) until it is resent; a
** refused answer, event or field holds nothing back (each record carries
** its row's current state, so a later one of the same row is complete). */

/* Sets record id aside as refused: code is the SQLSTATE, reason the
** server's message, at the wall clock (ms). A record already set aside
** keeps its first reason. */
int qk_store_outbox_refuse(qk_store *s, int64_t id, const char *code, const char *reason, qk_ms at);

typedef struct qk_outbox_counts {
  int64_t pending;   /* to send (the backlog) */
  int64_t refused;   /* set aside by the server */
  int64_t held;      /* waiting behind a refused session record */
  qk_ms last_at;     /* when the latest refusal was, 0 = none */
  char last_code[8]; /* its SQLSTATE */
  char last_reason[256];
} qk_outbox_counts;
/* One read transaction; cheap while nothing is refused (the index of
** refused records is empty). */
int qk_store_outbox_counts(qk_store *s, qk_outbox_counts *out);

typedef struct qk_outbox_refused_rec {
  int64_t id;
  const char *kind;    /* "session", "answer", "event", "candidate" */
  const char *session; /* the session's uuid ("" if it is gone) */
  const char *ref;     /* question, local event id or field; "" for a session */
  qk_ms refused_at;    /* 0: a held record */
  int64_t held_by;     /* a held record: the refused session record it waits for */
  const char *code, *reason; /* "" for a held record */
} qk_outbox_refused_rec;
/* Every refused and held record, oldest first; cb as qk_outbox_cb. */
int qk_store_outbox_refused(qk_store *s, int (*cb)(void *ud, const qk_outbox_refused_rec *r), void *ud);
/* Queues every refused record again (they keep their place: a session's
** records go in the order they were made); *n how many, *held how many
** waited behind them (either may be NULL). */
int qk_store_outbox_resend(qk_store *s, int64_t *n, int64_t *held);
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
