/*
** sync.h — the kiosk's link to the fleet's central PostgreSQL (issue 12).
**
** The kiosk's SQLite file stays the source of truth. The sync worker is a
** thread of its own with its own store connection and its own libpq
** connection: it reads the outbox (runtime/store/outbox.h), sends it in
** batches (pipeline mode, one transaction, every row through the
** idempotent fleet.apply), and marks rows sent only after the server's
** COMMIT. It backs off while the server is unreachable and starts again
** where it stopped after a dropped connection, a server restart or a
** power cut (at worst a committed batch is sent again: a no-op). A record
** the server refuses for its content (not for the server's or the link's
** sake) is set aside with the server's reason, and the rest goes on
** (central.h, outbox.h); `quizkiosk fleet resend` queues it again.
**
** It also keeps a cache of the central leaderboards the UI asked for,
** refreshed on LISTEN/NOTIFY and after each reconnect; the UI thread reads
** that cache under a mutex and never waits on the network.
**
** With no server configured none of this runs.
*/
#ifndef QK_SYNC_H
#define QK_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct qk_sync qk_sync;

typedef struct qk_sync_config {
  const char *url;       /* libpq URL or key=value string, required */
  const char *passfile;  /* password file (mode 0600), may be NULL */
  const char *db_path;   /* the kiosk's SQLite file */
  const char *kiosk_id;  /* reported in fleet.kiosks */
  const char *software;  /* version string, reported in fleet.kiosks */
  int batch;             /* records per transaction; <= 0: 200 */
  /* Question sets from the centre: the app's name, where versions are
  ** unpacked, and the quizkiosk binary that checks one before it is
  ** offered (NULL: this program). app or bundles_dir NULL: no pulling. */
  const char *app, *bundles_dir, *validator;
} qk_sync_config;

/* ---- connection ---------------------------------------------------------- */

/* The conninfo actually used for url: TLS is required (sslmode=require)
** unless the URL names one, or the host is a unix socket folder, localhost
** or a loopback address; passfile (may be NULL) must be a regular file
** readable by its owner only, else -1 with the reason in err. Returns 0
** and a malloc'd keyword/value connection string in *out. */
int qk_sync_conninfo(const char *url, const char *passfile, char **out, char *err, size_t errlen);

/* ---- one-shot operations (command line, tests) ------------------------- */

/* Pushes the whole backlog of the store at db_path once (batches of
** cfg->batch), reports the kiosk's contact, and returns 0; -1 with err
** when the server cannot be reached or failed (what was committed before
** stays marked sent). Records the server refused for their content are
** set aside (outbox.h) and counted in *refused; the rest goes on. *sent
** and *refused may be NULL. */
int qk_sync_push_once(const qk_sync_config *cfg, int64_t *sent, int64_t *refused, char *err, size_t errlen);

/* Creates or upgrades the central schema, roles and views. */
int qk_fleet_init(const char *url, const char *passfile, char *err, size_t errlen);

/* Loads a bundle file (qk_store_outbox_export) through fleet.apply, in
** one transaction; *applied may be NULL. Importing it again adds nothing. */
int qk_fleet_import(const char *url, const char *passfile, const char *path, int64_t *applied,
                    char *err, size_t errlen);

/* ---- the worker thread ---------------------------------------------------- */

/* Starts the worker (strings are copied). NULL with err on failure (bad
** URL, insecure passfile, thread). */
qk_sync *qk_sync_start(const qk_sync_config *cfg, char *err, size_t errlen);
/* For the running kiosk (kiosk_hook.c): starts the worker when a server
** is configured (url_option from --sync, else the sync_url setting; the
** sync_passfile setting), else returns NULL with err "" (no fleet: nothing
** changes). NULL with err set when it is configured but cannot start. */
qk_sync *qk_sync_for_kiosk(qk_store *st, const char *db_path, const char *url_option,
                           const char *kiosk_id, const char *app_name, char *err, size_t errlen);
/* Stops and joins the worker: when connected, it first sends what is
** queued for up to 5 s (a planned shutdown leaves nothing behind); a
** connect in progress is abandoned. NULL is fine. */
void qk_sync_stop(qk_sync *s);

typedef struct qk_sync_state {
  int connected;          /* the last attempt reached the server */
  int64_t backlog;        /* records not yet sent, as last counted */
  int64_t last_contact_ms;/* wall clock of the last committed batch/contact, 0 = never */
  int64_t sent_total;     /* records committed since start */
  char error[256];        /* why the last attempt failed, "" when fine */
  char bundle[160];       /* the published question set running: "app vN hash", "" = the local one */
  char bundle_error[512]; /* the last published version refused, and why */
  /* Records the server refused for their content, set aside (outbox.h),
  ** and those waiting behind a refused session; counted from the store. */
  int64_t refused, held;
  int64_t refused_at_ms;    /* wall clock of the latest refusal, 0 = none */
  char refused_reason[280]; /* its SQLSTATE and the server's message */
} qk_sync_state;
/* A copy of the worker's state (never blocks on the network). */
void qk_sync_get_state(qk_sync *s, qk_sync_state *out);

/* A published question set checked and ready (sync thread: fetched,
** hash checked, unpacked, started once headless without an error screen):
** 1 and its app folder in dir, once per version; the caller switches to
** it only between candidates. 0 when there is none. */
int qk_sync_bundle_take(qk_sync *s, char *dir, size_t len);

/* Central leaderboard for app/exam (all content versions), merged into a
** local board: rows[0..*count) holds the local top (qk_store_leaderboard
** with n rows, room for n). When the worker is connected and holds the
** central board for app/exam, the central rows of other sessions are
** merged in, in leaderboard order, and cut to n; this kiosk's own rows
** keep their local session ids, others have session_id 0. Returns 1 when
** the central board was used, 0 when the local board stands (first
** request: the worker fetches it from now on; not connected). */
int qk_sync_board_merge(qk_sync *s, const char *app, const char *exam, int n, qk_store_leader *rows,
                        int *count);

/* The central schema (central_schema.c). */
extern const char qk_fleet_schema_sql[];

#endif
