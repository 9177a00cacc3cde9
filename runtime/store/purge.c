/*
** purge.c — the data officer's purge: personal data of old sessions goes,
** results stay. What exactly is removed, and why, is in store.h above
** qk_store_purge. The matching of candidate values inside answers and
** events is SQL (HOLDS_PERSONAL in stmt.c) so it sees JSON text decoded.
**
** Order matters: answers and events are scrubbed while the candidate rows
** still exist (they are what is searched for), then those rows go. All of
** it is one transaction: a power cut leaves either nothing or everything
** purged. Afterwards the WAL is checkpointed and truncated, because until
** then the old pages, names included, still sit in the -wal file.
*/
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static int run(qk_store *s, qk_stmt_id id, int64_t session, qk_ms now_ms, int *count, const char *what) {
  sqlite3_stmt *st = qk_store_stmt(s, id);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, session);
  if (id == ST_PURGE_MARK) sqlite3_bind_int64(st, 2, now_ms);
  int rc = qk_store_step_done(s, st, what);
  if (!rc && count) *count += sqlite3_changes(s->db);
  return rc;
}

/* The sessions to purge, read before any write so no cursor is open on the
** tables being changed. */
static int list_sessions(qk_store *s, qk_ms before_ms, int64_t **ids, int *n) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_PURGE_SESSIONS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, before_ms);
  int rc, out = QK_STORE_OK, cap = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 64;
      int64_t *grown = realloc(*ids, (size_t)cap * sizeof *grown);
      if (!grown) {
        out = qk_store_fail(s, QK_STORE_ERROR, "out of memory listing sessions to purge");
        break;
      }
      *ids = grown;
    }
    (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing sessions to purge");
  sqlite3_reset(st);
  return out;
}

int qk_store_purge(qk_store *s, qk_ms before_ms, qk_ms now_ms, qk_store_purge_report *rep) {
  qk_store_purge_report local;
  if (!rep) rep = &local;
  memset(rep, 0, sizeof *rep);
  int64_t *ids = NULL;
  int n = 0;
  int rc = qk_store_begin(s);
  if (rc) return rc;
  rc = list_sessions(s, before_ms, &ids, &n);
  for (int i = 0; i < n && !rc; i++) {
    int64_t id = ids[i];
    if ((rc = run(s, ST_PURGE_EVENTS, id, now_ms, &rep->events_scrubbed, "scrubbing events")) ||
        (rc = run(s, ST_PURGE_ANSWERS, id, now_ms, &rep->answers_scrubbed, "scrubbing typed answers")) ||
        (rc = run(s, ST_PURGE_CANDIDATES, id, now_ms, &rep->candidate_fields,
                  "deleting candidate fields")) ||
        (rc = run(s, ST_PURGE_CHECKPOINT, id, now_ms, NULL, "deleting the checkpoint")) ||
        (rc = run(s, ST_PURGE_MARK, id, now_ms, NULL, "marking the session purged")))
      break;
  }
  free(ids);
  rc = qk_store_end(s, rc);
  if (rc) {
    memset(rep, 0, sizeof *rep); /* rolled back: nothing was purged */
    return rc;
  }
  rep->sessions = n;
  /* Busy (another connection still reading old pages) is not a failure:
  ** the purge is committed; the report says the WAL still holds copies. */
  int log = -1, done = -1;
  int crc = sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
  rep->wal_truncated = crc == SQLITE_OK && log == 0;
  return QK_STORE_OK;
}
