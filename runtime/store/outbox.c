/*
** outbox.c — reading and acknowledging the fleet outbox (outbox.h), and
** writing it to a bundle file for sites with no network. The queue itself
** is filled by the schema's triggers (migrate_fleet.c).
*/
#include "outbox.h"
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

/* Record o waits behind a refused session record of its own session (the
** server needs the session first): a probe of the partial index
** outbox_refused, empty while nothing is refused. */
#define HELD(o)                                                                                   \
  "EXISTS(SELECT 1 FROM outbox r WHERE r.refused_at IS NOT NULL AND r.session_id = " o ".session_id " \
  "AND r.id < " o ".id AND r.kind = 'session')"
/* Record o is to be sent: neither refused nor held. */
#define TO_SEND(o) o ".refused_at IS NULL AND NOT " HELD(o)

/* The current state of what each outbox row names, as JSON whose keys are
** the central tables' column names (runtime/sync/central_schema.c). */
static const char read_sql[] =
    "SELECT o.id, o.kind, CASE o.kind "
    "WHEN 'session' THEN (SELECT json_object('uuid', s.uuid, 'kiosk', s.kiosk, 'app', e.app, "
    "'exam', e.exam, 'exam_title', e.title, 'content_hash', e.content_hash, 'status', s.status, "
    "'started_at', s.started_at, 'finished_at', s.finished_at, 'last_activity', s.last_activity, "
    "'score', s.score, 'max_score', s.max_score, 'passed', s.passed, 'shuffle_seed', s.shuffle_seed, "
    "'language', s.language, 'mode', s.mode, 'purged_at', s.purged_at, 'version', s.version) "
    "FROM sessions s JOIN exams e ON e.id = s.exam_ref WHERE s.id = o.session_id) "
    "WHEN 'answer' THEN (SELECT json_object('session', s.uuid, 'question', a.question, 'seq', a.seq, "
    "'response', json(a.response), 'points', a.points, 'max_points', a.max_points, "
    "'correct', a.correct, 'time_ms', a.time_ms, 'answered_at', a.answered_at, "
    "'free_text', a.free_text, 'revisions', a.revisions, 'version', a.version) "
    "FROM answers a JOIN sessions s ON s.id = a.session_id "
    "WHERE a.session_id = o.session_id AND a.question = o.ref) "
    "WHEN 'event' THEN (SELECT json_object('session', s.uuid, 'seq', v.seq, 't_ms', v.t_ms, "
    "'kind', v.kind, 'data', json(v.data), 'personal', v.personal, 'version', v.version) "
    "FROM events v JOIN sessions s ON s.id = v.session_id WHERE v.id = CAST(o.ref AS INTEGER)) "
    "WHEN 'candidate' THEN (SELECT json_object('session', s.uuid, 'field', o.ref, 'value', "
    /* An emptied value is a purged one (purge keeps the field's name and
    ** empties it): the centre deletes it, as it does a deleted field. */
    "(SELECT NULLIF(value, '') FROM candidates c WHERE c.session_id = o.session_id AND c.field = o.ref)) "
    "FROM sessions s WHERE s.id = o.session_id) END "
    "FROM outbox o WHERE o.id > ?1 AND " TO_SEND("o") " ORDER BY o.id LIMIT ?2";

static int prepare(qk_store *s, const char *sql, sqlite3_stmt **st, const char *what) {
  int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
  return rc == SQLITE_OK ? QK_STORE_OK : qk_store_sqlfail(s, rc, what);
}

int qk_store_outbox_read(qk_store *s, int64_t after_id, int max, qk_outbox_cb cb, void *ud) {
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, read_sql, &st, "reading the outbox");
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, after_id);
  sqlite3_bind_int(st, 2, max > 0 ? max : 1);
  int src, stop = 0;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    qk_outbox_rec r = {sqlite3_column_int64(st, 0), qk_store_col_text(st, 1),
                       sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : qk_store_col_text(st, 2)};
    if ((stop = cb(ud, &r))) break;
  }
  rc = stop ? stop : src == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, src, "reading the outbox");
  sqlite3_finalize(st);
  return rc;
}

int qk_store_outbox_sent(qk_store *s, int64_t upto_id) {
  sqlite3_stmt *st = NULL;
  int rc = qk_store_begin(s);
  if (rc) return rc;
  rc = prepare(s, "DELETE FROM outbox WHERE id <= ?1 AND " TO_SEND("outbox"), &st, "marking the outbox sent");
  if (!rc) {
    sqlite3_bind_int64(st, 1, upto_id);
    rc = qk_store_step_done(s, st, "marking the outbox sent");
  }
  sqlite3_finalize(st);
  return qk_store_end(s, rc);
}

int qk_store_outbox_sent_ids(qk_store *s, const int64_t *ids, int n) {
  if (n <= 0) return QK_STORE_OK;
  sqlite3_stmt *st = NULL;
  int rc = qk_store_begin(s);
  if (rc) return rc;
  /* A record set aside meanwhile is not one the server took. */
  rc = prepare(s, "DELETE FROM outbox WHERE id = ?1 AND refused_at IS NULL", &st, "marking the outbox sent");
  for (int i = 0; !rc && i < n; i++) {
    sqlite3_bind_int64(st, 1, ids[i]);
    rc = qk_store_step_done(s, st, "marking the outbox sent");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return qk_store_end(s, rc);
}

int qk_store_outbox_refuse(qk_store *s, int64_t id, const char *code, const char *reason, qk_ms at) {
  sqlite3_stmt *st = NULL;
  int rc = qk_store_begin(s);
  if (rc) return rc;
  rc = prepare(s, "UPDATE outbox SET refused_at = ?2, refused_code = ?3, refused_reason = ?4 "
                  "WHERE id = ?1 AND refused_at IS NULL", &st, "setting a refused record aside");
  if (!rc) {
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at > 0 ? at : 1);
    qk_store_bind_text(st, 3, code ? code : "");
    qk_store_bind_text(st, 4, reason ? reason : "");
    rc = qk_store_step_done(s, st, "setting a refused record aside");
  }
  sqlite3_finalize(st);
  return qk_store_end(s, rc);
}

int qk_store_outbox_counts(qk_store *s, qk_outbox_counts *out) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = NULL;
  /* One statement, one snapshot: the held count only when something is
  ** refused (else every record would probe the empty index for nothing). */
  int rc = prepare(s,
                   "WITH r AS (SELECT count(*) n FROM outbox WHERE refused_at IS NOT NULL), "
                   "l AS (SELECT refused_at, refused_code, refused_reason FROM outbox "
                   "WHERE refused_at IS NOT NULL ORDER BY refused_at DESC, id DESC LIMIT 1) "
                   "SELECT (SELECT count(*) FROM outbox), r.n, "
                   "CASE WHEN r.n > 0 THEN (SELECT count(*) FROM outbox o WHERE o.refused_at IS NULL AND "
                   HELD("o") ") ELSE 0 END, l.refused_at, l.refused_code, l.refused_reason "
                   "FROM r LEFT JOIN l ON true",
                   &st, "counting the outbox");
  if (rc) return rc;
  int src = sqlite3_step(st);
  if (src == SQLITE_ROW) {
    int64_t total = sqlite3_column_int64(st, 0);
    out->refused = sqlite3_column_int64(st, 1);
    out->held = sqlite3_column_int64(st, 2);
    out->pending = total - out->refused - out->held;
    out->last_at = sqlite3_column_int64(st, 3);
    snprintf(out->last_code, sizeof out->last_code, "%s", qk_store_col_text(st, 4));
    snprintf(out->last_reason, sizeof out->last_reason, "%s", qk_store_col_text(st, 5));
  } else rc = qk_store_sqlfail(s, src, "counting the outbox");
  sqlite3_finalize(st);
  return rc;
}

int qk_store_outbox_refused(qk_store *s, int (*cb)(void *ud, const qk_outbox_refused_rec *r), void *ud) {
  sqlite3_stmt *st = NULL;
  int rc = prepare(s,
                   "SELECT id, kind, uuid, ref, refused_at, held_by, refused_code, refused_reason FROM "
                   "(SELECT o.id, o.kind, coalesce(s.uuid, '') uuid, o.ref, coalesce(o.refused_at, 0) refused_at, "
                   "CASE WHEN o.refused_at IS NULL THEN (SELECT min(r.id) FROM outbox r WHERE r.refused_at IS NOT NULL "
                   "AND r.session_id = o.session_id AND r.id < o.id AND r.kind = 'session') END held_by, "
                   "coalesce(o.refused_code, '') refused_code, coalesce(o.refused_reason, '') refused_reason "
                   "FROM outbox o LEFT JOIN sessions s ON s.id = o.session_id "
                   /* Only sessions with a refused record can hold one. */
                   "WHERE o.session_id IN (SELECT session_id FROM outbox WHERE refused_at IS NOT NULL)) "
                   "WHERE refused_at <> 0 OR held_by IS NOT NULL ORDER BY id",
                   &st, "listing refused records");
  if (rc) return rc;
  int src, stop = 0;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    qk_outbox_refused_rec r = {sqlite3_column_int64(st, 0), qk_store_col_text(st, 1), qk_store_col_text(st, 2),
                               qk_store_col_text(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
                               qk_store_col_text(st, 6), qk_store_col_text(st, 7)};
    if ((stop = cb(ud, &r))) break;
  }
  rc = stop ? stop : src == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, src, "listing refused records");
  sqlite3_finalize(st);
  return rc;
}

int qk_store_outbox_resend(qk_store *s, int64_t *n, int64_t *held) {
  if (n) *n = 0;
  if (held) *held = 0;
  qk_outbox_counts c;
  int rc = qk_store_begin(s);
  if (!rc) rc = qk_store_outbox_counts(s, &c);
  sqlite3_stmt *st = NULL;
  if (!rc)
    rc = prepare(s, "UPDATE outbox SET refused_at = NULL, refused_code = NULL, refused_reason = NULL "
                    "WHERE refused_at IS NOT NULL", &st, "queueing refused records again");
  if (!rc) rc = qk_store_step_done(s, st, "queueing refused records again");
  sqlite3_finalize(st);
  rc = qk_store_end(s, rc);
  if (!rc && n) *n = c.refused;
  if (!rc && held) *held = c.held;
  return rc;
}

static int one_int(qk_store *s, const char *sql, const char *text, int64_t *out, const char *what) {
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, sql, &st, what);
  if (rc) return rc;
  if (text) qk_store_bind_text(st, 1, text);
  int src = sqlite3_step(st);
  if (src == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
  else if (src == SQLITE_DONE) rc = QK_STORE_NOTFOUND;
  else rc = qk_store_sqlfail(s, src, what);
  sqlite3_finalize(st);
  return rc;
}

int qk_store_outbox_backlog(qk_store *s, int64_t *n) {
  *n = 0;
  qk_outbox_counts c;
  int rc = qk_store_outbox_counts(s, &c);
  if (!rc) *n = c.pending;
  return rc;
}

int qk_store_session_by_uuid(qk_store *s, const char *uuid, int64_t *id) {
  *id = 0;
  return one_int(s, "SELECT id FROM sessions WHERE uuid = ?1", uuid, id, "finding a session by uuid");
}

/* ---- bundle file ------------------------------------------------------- */

typedef struct {
  FILE *f;
  int64_t n;
} bundle_out;

static int write_rec(void *ud, const qk_outbox_rec *r) {
  bundle_out *b = ud;
  if (!r->row) return 0; /* nothing to say about a row that is not there */
  fprintf(b->f, "{\"id\":%lld,\"kind\":\"%s\",\"row\":%s}\n", (long long)r->id, r->kind, r->row);
  b->n++;
  return 0;
}

int qk_store_outbox_export(qk_store *s, const char *kiosk, const char *path, int64_t *n_out) {
  char part[4200];
  if (n_out) *n_out = 0;
  if (!path || !*path) return qk_store_fail(s, QK_STORE_INVALID, "bundle export: no output file given");
  if (!kiosk || !*kiosk) return qk_store_fail(s, QK_STORE_INVALID, "bundle export: no kiosk id");
  int64_t total = 0;
  int rc = qk_store_outbox_backlog(s, &total);
  if (rc) return rc;
  snprintf(part, sizeof part, "%s.part", path);
  FILE *f = fopen(part, "w");
  if (!f) return qk_store_fail(s, QK_STORE_CANTOPEN, "cannot write %s: %s", part, strerror(errno));
  /* One read: the header counts what the body holds, so a reader can tell
  ** a truncated file. */
  bundle_out b = {f, 0};
  char *body = NULL;
  size_t body_len = 0;
  FILE *mem = open_memstream(&body, &body_len);
  if (!mem) rc = qk_store_fail(s, QK_STORE_ERROR, "bundle export: out of memory");
  else {
    b.f = mem;
    rc = qk_store_outbox_read(s, 0, total > 0 ? (int)(total < 2000000000 ? total : 2000000000) : 1,
                              write_rec, &b);
    if (fclose(mem) != 0 && !rc) rc = qk_store_fail(s, QK_STORE_ERROR, "bundle export: out of memory");
  }
  if (!rc) {
    fputs("{\"quizkiosk_bundle\":1,\"kiosk\":", f);
    qk_sjson_string(f, kiosk);
    fprintf(f, ",\"records\":%lld}\n", (long long)b.n);
    if (body_len) fwrite(body, 1, body_len, f);
    if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
      rc = qk_store_fail(s, QK_STORE_IOERR, "cannot write %s: %s", part, strerror(errno));
  }
  free(body);
  if (fclose(f) != 0 && !rc) rc = qk_store_fail(s, QK_STORE_IOERR, "cannot write %s: %s", part, strerror(errno));
  if (!rc && rename(part, path) != 0)
    rc = qk_store_fail(s, QK_STORE_IOERR, "cannot rename %s to %s: %s", part, path, strerror(errno));
  if (rc) {
    unlink(part);
    return rc;
  }
  qk_store_sync_dir(path);
  if (n_out) *n_out = b.n;
  return QK_STORE_OK;
}

/* ---- the other way: central rows into a local file (export --pg) ------ */

/* The record's JSON is ?1; sessions are matched by uuid. */
static const char *const apply_sql[] = {
    "INSERT INTO exams(app, exam, title, content_hash, created_at) SELECT ?1 ->> 'app', ?1 ->> 'exam', "
    "?1 ->> 'exam_title', ?1 ->> 'content_hash', ?1 ->> 'started_at' "
    "WHERE true ON CONFLICT(app, exam, content_hash) DO NOTHING",
    "INSERT INTO sessions(uuid, kiosk, exam_ref, status, started_at, finished_at, last_activity, score, "
    "max_score, passed, shuffle_seed, language, mode, purged_at, version) SELECT ?1 ->> 'uuid', "
    "?1 ->> 'kiosk', (SELECT id FROM exams WHERE app = ?1 ->> 'app' AND exam = ?1 ->> 'exam' "
    "AND content_hash = ?1 ->> 'content_hash'), ?1 ->> 'status', ?1 ->> 'started_at', "
    "?1 ->> 'finished_at', coalesce(?1 ->> 'last_activity', ?1 ->> 'started_at'), ?1 ->> 'score', "
    "?1 ->> 'max_score', ?1 ->> 'passed', ?1 ->> 'shuffle_seed', ?1 ->> 'language', ?1 ->> 'mode', "
    "?1 ->> 'purged_at', ?1 ->> 'version'",
    "INSERT INTO answers(session_id, question, response, points, max_points, correct, time_ms, "
    "answered_at, free_text, revisions) SELECT id, ?1 ->> 'question', coalesce(?1 -> 'response', 'null'), "
    "?1 ->> 'points', ?1 ->> 'max_points', ?1 ->> 'correct', ?1 ->> 'time_ms', ?1 ->> 'answered_at', "
    "?1 ->> 'free_text', ?1 ->> 'revisions' FROM sessions WHERE uuid = ?1 ->> 'session'",
    "INSERT INTO events(session_id, t_ms, kind, data, personal) SELECT id, ?1 ->> 't_ms', ?1 ->> 'kind', "
    "CASE WHEN json_type(?1, '$.data') = 'null' THEN NULL ELSE ?1 -> 'data' END, ?1 ->> 'personal' "
    "FROM sessions WHERE uuid = ?1 ->> 'session'",
    "INSERT INTO candidates(session_id, field, value) SELECT id, ?1 ->> 'field', ?1 ->> 'value' "
    "FROM sessions WHERE uuid = ?1 ->> 'session' AND ?1 ->> 'value' IS NOT NULL",
};

int qk_store_outbox_apply(qk_store *s, const char *kind, const char *json) {
  int first, last;
  if (!kind || !json) return qk_store_fail(s, QK_STORE_INVALID, "apply: no record");
  if (!strcmp(kind, "session")) first = 0, last = 1;
  else if (!strcmp(kind, "answer")) first = last = 2;
  else if (!strcmp(kind, "event")) first = last = 3;
  else if (!strcmp(kind, "candidate")) first = last = 4;
  else return qk_store_fail(s, QK_STORE_INVALID, "apply: unknown kind %s", kind);
  if (!qk_json_valid(json, strlen(json))) return qk_store_fail(s, QK_STORE_INVALID, "apply: not JSON");
  int rc = qk_store_begin(s);
  for (int i = first; i <= last && !rc; i++) {
    sqlite3_stmt *st = NULL;
    rc = prepare(s, apply_sql[i], &st, "loading a central row");
    if (!rc) {
      qk_store_bind_text(st, 1, json);
      rc = qk_store_step_done(s, st, "loading a central row");
    }
    sqlite3_finalize(st);
  }
  return qk_store_end(s, rc);
}
