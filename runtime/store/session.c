/*
** session.c — recording a session as it happens: begin, every answer,
** every event, the checkpoint, the candidate's fields and consent, rubric
** scores, the end; and, after a crash or power loss, finding the session to
** resume and marking older unfinished ones interrupted.
**
** Each call is one transaction (BEGIN IMMEDIATE ... COMMIT with
** synchronous=FULL), so what a call recorded is on disk when it returns;
** inside a batch (store.c) each call is a savepoint of the batch's one
** transaction instead, on disk when the batch ends.
*/
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static int need(qk_store *s, const char *v, const char *what) {
  if (!v || !*v) return qk_store_fail(s, QK_STORE_INVALID, "%s is missing", what);
  return QK_STORE_OK;
}

static int need_json(qk_store *s, const char *v, const char *what) {
  if (!v) return qk_store_fail(s, QK_STORE_INVALID, "%s is missing", what);
  if (!qk_json_valid(v, strlen(v)))
    return qk_store_fail(s, QK_STORE_INVALID, "%s is not valid JSON (UTF-8) text", what);
  return QK_STORE_OK;
}

/* Explains why a session cannot be written: missing, or not in progress. */
static int not_in_progress(qk_store *s, int64_t id) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_STATUS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    rc = qk_store_fail(s, QK_STORE_INVALID, "session %lld is %s, not in progress", (long long)id,
                       qk_store_col_text(st, 0));
  else if (rc == SQLITE_DONE)
    rc = qk_store_fail(s, QK_STORE_INVALID, "no session %lld", (long long)id);
  else rc = qk_store_sqlfail(s, rc, "reading a session");
  sqlite3_reset(st);
  return rc;
}

/* Moves the session's last activity on; fails unless it is in progress. */
static int touch(qk_store *s, int64_t id, qk_ms now_ms) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_TOUCH);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int64(st, 2, now_ms);
  int rc = qk_store_step_done(s, st, "recording activity");
  if (rc) return rc;
  return sqlite3_changes(s->db) ? QK_STORE_OK : not_in_progress(s, id);
}

int qk_store_session_begin(qk_store *s, const qk_store_session_info *in, qk_ms now_ms,
                           int64_t *session_id) {
  int rc;
  if (!in) return qk_store_fail(s, QK_STORE_INVALID, "no session info");
  if ((rc = need(s, in->kiosk, "kiosk id")) || (rc = need(s, in->app, "app")) ||
      (rc = need(s, in->exam, "exam id")) || (rc = need(s, in->content_hash, "exam content hash")))
    return rc;
  if ((rc = qk_store_begin(s))) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXAM_UPSERT);
  int64_t exam_ref = 0;
  if (!st) rc = QK_STORE_ERROR;
  else {
    qk_store_bind_text(st, 1, in->app);
    qk_store_bind_text(st, 2, in->exam);
    qk_store_bind_text(st, 3, in->exam_title);
    qk_store_bind_text(st, 4, in->content_hash);
    sqlite3_bind_int64(st, 5, now_ms);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) exam_ref = sqlite3_column_int64(st, 0);
    else rc = qk_store_sqlfail(s, src, "recording the exam");
    sqlite3_reset(st); /* RETURNING: the write completes on reset */
  }
  if (!rc && !(st = qk_store_stmt(s, ST_SESSION_INSERT))) rc = QK_STORE_ERROR;
  if (!rc) {
    qk_store_bind_text(st, 1, in->kiosk);
    sqlite3_bind_int64(st, 2, exam_ref);
    sqlite3_bind_int64(st, 3, now_ms);
    sqlite3_bind_int64(st, 4, in->shuffle_seed);
    qk_store_bind_text(st, 5, in->language);
    qk_store_bind_text(st, 6, in->mode);
    rc = qk_store_step_done(s, st, "starting a session");
  }
  int64_t id = sqlite3_last_insert_rowid(s->db);
  rc = qk_store_end(s, rc);
  if (!rc && session_id) *session_id = id;
  return rc;
}

int qk_store_session_finish(qk_store *s, int64_t id, qk_session_status status, double score,
                            double max_score, int passed, qk_ms now_ms) {
  if (status == QK_SESSION_IN_PROGRESS || !strcmp(qk_store_status_name(status), "?"))
    return qk_store_fail(s, QK_STORE_INVALID, "a session cannot finish as %s",
                         qk_store_status_name(status));
  int rc = qk_store_begin(s);
  if (rc) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_FINISH);
  if (!st) rc = QK_STORE_ERROR;
  else {
    sqlite3_bind_int64(st, 1, id);
    qk_store_bind_text(st, 2, qk_store_status_name(status));
    qk_store_bind_real(st, 3, score);
    qk_store_bind_real(st, 4, max_score);
    qk_store_bind_tri(st, 5, passed);
    sqlite3_bind_int64(st, 6, now_ms);
    rc = qk_store_step_done(s, st, "finishing a session");
    if (!rc && !sqlite3_changes(s->db)) rc = not_in_progress(s, id);
  }
  /* The end goes in the log too, so a replay knows how it ended. */
  if (!rc && !(st = qk_store_stmt(s, ST_EVENT_INSERT))) rc = QK_STORE_ERROR;
  if (!rc) {
    char data[64];
    snprintf(data, sizeof data, "{\"status\":\"%s\"}", qk_store_status_name(status));
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_ms);
    qk_store_bind_text(st, 3, "status");
    qk_store_bind_text(st, 4, data);
    sqlite3_bind_int(st, 5, 0);
    rc = qk_store_step_done(s, st, "logging the session's end");
  }
  rc = qk_store_end(s, rc);
  /* A finished session goes into the database file itself (in a batch:
  ** once the batch is committed), so a copy of results.db holds it. */
  if (!rc) qk_store_finished_session(s);
  return rc;
}

int qk_store_answer(qk_store *s, int64_t id, const qk_store_answer_in *a, qk_ms now_ms) {
  int rc;
  if (!a) return qk_store_fail(s, QK_STORE_INVALID, "no answer");
  if ((rc = need(s, a->question, "question id")) || (rc = need_json(s, a->response_json, "response")))
    return rc;
  if ((rc = qk_store_begin(s))) return rc;
  rc = touch(s, id, now_ms);
  sqlite3_stmt *st = NULL;
  if (!rc && !(st = qk_store_stmt(s, ST_ANSWER_UPSERT))) rc = QK_STORE_ERROR;
  if (!rc) {
    sqlite3_bind_int64(st, 1, id);
    qk_store_bind_text(st, 2, a->question);
    qk_store_bind_text(st, 3, a->response_json);
    qk_store_bind_real(st, 4, a->points);
    qk_store_bind_real(st, 5, a->max_points);
    qk_store_bind_tri(st, 6, a->correct);
    sqlite3_bind_int64(st, 7, a->time_ms);
    sqlite3_bind_int64(st, 8, now_ms);
    sqlite3_bind_int(st, 9, a->free_text ? 1 : 0);
    rc = qk_store_step_done(s, st, "saving an answer");
  }
  /* Every answer, including each change of mind, also goes to the log. */
  if (!rc && !(st = qk_store_stmt(s, ST_EVENT_ANSWER))) rc = QK_STORE_ERROR;
  if (!rc) {
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_ms);
    qk_store_bind_text(st, 3, a->question);
    qk_store_bind_text(st, 4, a->response_json);
    qk_store_bind_real(st, 5, a->points);
    qk_store_bind_real(st, 6, a->max_points);
    qk_store_bind_tri(st, 7, a->correct);
    sqlite3_bind_int64(st, 8, a->time_ms);
    sqlite3_bind_int(st, 9, a->free_text ? 1 : 0);
    rc = qk_store_step_done(s, st, "logging an answer");
  }
  return qk_store_end(s, rc);
}

int qk_store_event(qk_store *s, int64_t id, qk_ms now_ms, const char *kind, const char *data_json,
                   int personal) {
  int rc;
  if ((rc = need(s, kind, "event kind"))) return rc;
  if (data_json && (rc = need_json(s, data_json, "event data"))) return rc;
  if ((rc = qk_store_begin(s))) return rc;
  rc = touch(s, id, now_ms);
  sqlite3_stmt *st = NULL;
  if (!rc && !(st = qk_store_stmt(s, ST_EVENT_INSERT))) rc = QK_STORE_ERROR;
  if (!rc) {
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_ms);
    qk_store_bind_text(st, 3, kind);
    qk_store_bind_text(st, 4, data_json);
    sqlite3_bind_int(st, 5, personal ? 1 : 0);
    rc = qk_store_step_done(s, st, "logging an event");
  }
  return qk_store_end(s, rc);
}

int qk_store_checkpoint(qk_store *s, int64_t id, const char *state_json, int64_t remaining_ms,
                        qk_ms now_ms) {
  int rc = need_json(s, state_json, "checkpoint state");
  if (rc || (rc = qk_store_begin(s))) return rc;
  rc = touch(s, id, now_ms);
  sqlite3_stmt *st = NULL;
  if (!rc && !(st = qk_store_stmt(s, ST_CHECKPOINT_UPSERT))) rc = QK_STORE_ERROR;
  if (!rc) {
    sqlite3_bind_int64(st, 1, id);
    qk_store_bind_text(st, 2, state_json);
    if (remaining_ms < 0) sqlite3_bind_null(st, 3);
    else sqlite3_bind_int64(st, 3, remaining_ms);
    sqlite3_bind_int64(st, 4, now_ms);
    rc = qk_store_step_done(s, st, "saving the checkpoint");
  }
  return qk_store_end(s, rc);
}

/* One-statement writes keyed by session: a foreign-key failure there means
** the session does not exist. */
static int write_one(qk_store *s, sqlite3_stmt *st, int64_t id, const char *what) {
  int rc = qk_store_step_done(s, st, what);
  if (rc == QK_STORE_INVALID &&
      sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
    rc = qk_store_fail(s, QK_STORE_INVALID, "%s: no session %lld", what, (long long)id);
  return qk_store_end(s, rc);
}

int qk_store_candidate_set(qk_store *s, int64_t id, const char *field, const char *value) {
  int rc;
  if ((rc = need(s, field, "candidate field name"))) return rc;
  if (!value) return qk_store_fail(s, QK_STORE_INVALID, "candidate field %s: value is NULL", field);
  if ((rc = qk_store_begin(s))) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_CANDIDATE_UPSERT);
  if (!st) return qk_store_end(s, QK_STORE_ERROR);
  sqlite3_bind_int64(st, 1, id);
  qk_store_bind_text(st, 2, field);
  qk_store_bind_text(st, 3, value);
  return write_one(s, st, id, "saving a candidate field");
}

int qk_store_consent(qk_store *s, int64_t id, const char *text, const char *version,
                     qk_ms given_at_ms) {
  int rc;
  if ((rc = need(s, text, "consent text")) || (rc = need(s, version, "consent version"))) return rc;
  if ((rc = qk_store_begin(s))) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_CONSENT_UPSERT);
  if (!st) return qk_store_end(s, QK_STORE_ERROR);
  sqlite3_bind_int64(st, 1, id);
  qk_store_bind_text(st, 2, text);
  qk_store_bind_text(st, 3, version);
  sqlite3_bind_int64(st, 4, given_at_ms);
  return write_one(s, st, id, "saving the consent");
}

int qk_store_rubric(qk_store *s, int64_t id, const char *question, const char *scores_json,
                    double points, const char *reviewer, qk_ms now_ms) {
  int rc;
  if ((rc = need(s, question, "question id")) || (rc = need_json(s, scores_json, "rubric scores")))
    return rc;
  if ((rc = qk_store_begin(s))) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_RUBRIC_UPSERT);
  if (!st) return qk_store_end(s, QK_STORE_ERROR);
  sqlite3_bind_int64(st, 1, id);
  qk_store_bind_text(st, 2, question);
  qk_store_bind_text(st, 3, scores_json);
  qk_store_bind_real(st, 4, points);
  qk_store_bind_text(st, 5, reviewer);
  sqlite3_bind_int64(st, 6, now_ms);
  return write_one(s, st, id, "saving a rubric score");
}

/* ---- reading answers back ------------------------------------------------ */

static void answer_row(sqlite3_stmt *st, qk_store_answer_row *r) {
  r->question = qk_store_col_text(st, 0);
  r->response = qk_store_col_text(st, 1);
  r->points = qk_store_col_real(st, 2);
  r->max_points = qk_store_col_real(st, 3);
  r->correct = qk_store_col_tri(st, 4);
  r->time_ms = sqlite3_column_int64(st, 5);
  r->answered_at = sqlite3_column_int64(st, 6);
  r->free_text = sqlite3_column_int(st, 7);
  r->response_text = qk_store_col_text(st, 8);
}

int qk_store_session_answers(qk_store *s, int64_t id, qk_store_answer_cb cb, void *ud) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_ANSWERS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc, stop = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_answer_row r;
    answer_row(st, &r);
    if ((stop = cb(ud, &r))) break;
  }
  int out = stop ? stop : rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading answers");
  sqlite3_reset(st);
  return out;
}

/* ---- resume after a crash ------------------------------------------------ */

#define OUT_OF_MEMORY 2 /* a callback's "stop", told apart from store codes */

static char *dup_or_null(const char *v) { return v ? strdup(v) : NULL; }

static int collect_answer(void *ud, const qk_store_answer_row *a) {
  qk_store_resume *r = ud;
  qk_store_answer_row *grown = realloc(r->answers, (size_t)(r->n_answers + 1) * sizeof *grown);
  if (!grown) return OUT_OF_MEMORY;
  r->answers = grown;
  qk_store_answer_row *c = &r->answers[r->n_answers];
  *c = *a;
  c->question = strdup(a->question);
  c->response = strdup(a->response);
  c->response_text = strdup(a->response_text);
  r->n_answers++; /* counted even if a strdup failed, so free sees it */
  return c->question && c->response && c->response_text ? 0 : OUT_OF_MEMORY;
}

void qk_store_resume_free(qk_store_resume *r) {
  if (!r) return;
  for (int i = 0; i < r->n_answers; i++) {
    free((char *)r->answers[i].question);
    free((char *)r->answers[i].response);
    free((char *)r->answers[i].response_text);
  }
  free(r->answers);
  free(r->checkpoint);
  memset(r, 0, sizeof *r);
}

/* Parameters 3..5 of STALE (stmt.c). */
static void bind_window(sqlite3_stmt *st, qk_ms now_ms, qk_ms window_ms) {
  if (window_ms < 0) window_ms = 0;
  sqlite3_bind_int64(st, 3, now_ms - window_ms);
  sqlite3_bind_int64(st, 4, now_ms + window_ms);
  sqlite3_bind_int64(st, 5, now_ms - QK_STORE_NO_CHECKPOINT_MS);
}

int qk_store_find_resumable(qk_store *s, const char *kiosk, const char *app, qk_ms now_ms,
                            qk_ms window_ms, qk_store_resume *out) {
  memset(out, 0, sizeof *out);
  int rc = need(s, kiosk, "kiosk id");
  if (rc) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_RESUME_FIND);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, kiosk);
  qk_store_bind_text(st, 2, app);
  bind_window(st, now_ms, window_ms);
  int src = sqlite3_step(st);
  if (src == SQLITE_DONE) rc = QK_STORE_NOTFOUND;
  else if (src != SQLITE_ROW) rc = qk_store_sqlfail(s, src, "looking for a session to resume");
  else {
    out->session_id = sqlite3_column_int64(st, 0);
    out->remaining_ms = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
    out->last_activity = sqlite3_column_int64(st, 3);
    if (sqlite3_column_type(st, 1) != SQLITE_NULL &&
        !(out->checkpoint = dup_or_null(qk_store_col_text(st, 1))))
      rc = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the checkpoint");
  }
  sqlite3_reset(st);
  if (!rc) {
    rc = qk_store_session_answers(s, out->session_id, collect_answer, out);
    if (rc == OUT_OF_MEMORY)
      rc = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the answers to resume");
  }
  if (rc && rc != QK_STORE_NOTFOUND) qk_store_resume_free(out);
  return rc;
}

int qk_store_interrupt_stale(qk_store *s, const char *kiosk, const char *app, qk_ms now_ms,
                             qk_ms window_ms, int *n_marked) {
  if (n_marked) *n_marked = 0;
  int rc = need(s, kiosk, "kiosk id");
  if (rc || (rc = qk_store_begin(s))) return rc;
  /* Log first: the event selects the sessions the update then changes. */
  for (int i = 0; i < 2 && !rc; i++) {
    sqlite3_stmt *st = qk_store_stmt(s, i == 0 ? ST_STALE_EVENTS : ST_STALE_MARK);
    if (!st) {
      rc = QK_STORE_ERROR;
      break;
    }
    qk_store_bind_text(st, 1, kiosk);
    qk_store_bind_text(st, 2, app);
    bind_window(st, now_ms, window_ms);
    if (i == 0) sqlite3_bind_int64(st, 6, now_ms);
    rc = qk_store_step_done(s, st, "marking unfinished sessions interrupted");
    if (!rc && i == 1 && n_marked) *n_marked = sqlite3_changes(s->db);
  }
  return qk_store_end(s, rc);
}

/* ---- whose session it is, for the resume offer --------------------------- */

/* The candidate's field, or "" (NOTFOUND when the session does not exist). */
static int candidate_field(qk_store *s, int64_t id, const char *field, char *out, size_t len) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_CANDIDATE_GET);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  qk_store_bind_text(st, 2, field);
  int src = sqlite3_step(st), rc = QK_STORE_OK;
  if (src == SQLITE_ROW) qk_store_copy_utf8(out, len, qk_store_col_text(st, 0));
  else if (src == SQLITE_DONE) out[0] = 0;
  else rc = qk_store_sqlfail(s, src, "reading the candidate's details");
  sqlite3_reset(st);
  return rc;
}

static int session_exists(qk_store *s, int64_t id) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_STATUS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int src = sqlite3_step(st);
  int rc = src == SQLITE_ROW    ? QK_STORE_OK
           : src == SQLITE_DONE ? qk_store_fail(s, QK_STORE_NOTFOUND, "no session %lld", (long long)id)
                                : qk_store_sqlfail(s, src, "reading a session");
  sqlite3_reset(st);
  return rc;
}

/* The phone's digits, the rest dropped ("138 0000-1234" -> "13800001234"). */
static size_t phone_digits(const char *phone, char *out, size_t len) {
  size_t n = 0;
  for (const char *p = phone; *p && n + 1 < len; p++)
    if (*p >= '0' && *p <= '9') out[n++] = *p;
  out[n] = 0;
  return n;
}

int qk_store_resume_identity(qk_store *s, int64_t id, char *masked, size_t len, int *has_phone) {
  char name[512], phone[128], digits[128];
  if (!masked || !len || !has_phone)
    return qk_store_fail(s, QK_STORE_INVALID, "resume identity: no room for the answer");
  masked[0] = 0;
  *has_phone = 0;
  int rc = session_exists(s, id);
  if (rc || (rc = candidate_field(s, id, "name", name, sizeof name)) ||
      (rc = candidate_field(s, id, "phone", phone, sizeof phone)))
    return rc;
  /* The first character as it is, then one '*' per further character
  ** (whole UTF-8 characters: "张伟" is two, not six). Bytes that are not
  ** UTF-8 count one each, so nothing of them is shown. */
  size_t n = strlen(name), out = 0;
  for (size_t i = 0; i < n;) {
    size_t c = qk_utf8_len((const unsigned char *)name + i, n - i);
    if (!c) c = 1;
    size_t add = i == 0 ? c : 1;
    if (out + add >= len) {
      masked[0] = 0;
      return qk_store_fail(s, QK_STORE_INVALID, "resume identity: %zu bytes are too few for the masked name",
                           len);
    }
    if (i == 0) memcpy(masked + out, name, c);
    else masked[out] = '*';
    out += add;
    i += c;
  }
  masked[out] = 0;
  /* Four digits are what the check asks for; fewer cannot be checked. */
  *has_phone = phone_digits(phone, digits, sizeof digits) >= 4;
  sodium_memzero(phone, sizeof phone);
  sodium_memzero(digits, sizeof digits);
  return QK_STORE_OK;
}

int qk_store_resume_check_phone(qk_store *s, int64_t id, const char *digits, int *match) {
  char phone[128], all[128];
  if (!match) return qk_store_fail(s, QK_STORE_INVALID, "resume phone check: no room for the answer");
  *match = 0;
  if (!digits) return qk_store_fail(s, QK_STORE_INVALID, "resume phone check: no digits given");
  int rc = session_exists(s, id);
  if (rc || (rc = candidate_field(s, id, "phone", phone, sizeof phone))) return rc;
  size_t n = phone_digits(phone, all, sizeof all);
  if (n >= 4 && strlen(digits) == 4 && strspn(digits, "0123456789") == 4)
    *match = sodium_memcmp(all + n - 4, digits, 4) == 0;
  sodium_memzero(phone, sizeof phone);
  sodium_memzero(all, sizeof all);
  return QK_STORE_OK;
}
