/*
** query.c — reading results back: the leaderboard, the admin screen's
** numbers and latest results, and what rescore and replay-session need
** (sessions of an exam, a session's events in order, and score changes
** that keep a record of what was changed, when and why).
*/
#include "store_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Leaderboard order: higher score, then the earlier finish, then the
** lower id. */
static int ahead(const qk_store_leader *a, const qk_store_leader *b) {
  if (a->score != b->score) return a->score > b->score;
  if (a->finished_at != b->finished_at) return a->finished_at < b->finished_at;
  return a->session_id < b->session_id;
}

/* The exam's versions (content_hash NULL: all of them) into a new array. */
static int exam_versions(qk_store *s, const char *app, const char *exam, const char *hash, int64_t **ids,
                         int *n) {
  *ids = NULL;
  *n = 0;
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXAM_VERSIONS);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, app);
  qk_store_bind_text(st, 2, exam);
  qk_store_bind_text(st, 3, hash);
  int rc, out = QK_STORE_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t *grown = realloc(*ids, (size_t)(*n + 1) * sizeof *grown);
    if (!grown) {
      out = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the leaderboard");
      break;
    }
    *ids = grown;
    (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "reading the leaderboard");
  sqlite3_reset(st);
  if (out) {
    free(*ids);
    *ids = NULL;
    *n = 0;
  }
  return out;
}

/* Each version's first n entries of sessions_board are that version's top
** n in order; the overall top n are among them, merged here. Only then are
** the n names looked up: never one per session of the exam. */
/* since_ms INT64_MIN: the all-time board; else the day's (ST_LEADERBOARD_SINCE). */
static int board(qk_store *s, const char *app, const char *exam, const char *content_hash, qk_ms since_ms,
                 int n, qk_store_leader *out, int *count) {
  *count = 0;
  if (!app || !exam) return qk_store_fail(s, QK_STORE_INVALID, "leaderboard: app and exam are needed");
  if (n <= 0) n = 10;
  int64_t *versions;
  int nv, rc = exam_versions(s, app, exam, content_hash, &versions, &nv);
  for (int v = 0; !rc && v < nv; v++) {
    sqlite3_stmt *st = qk_store_stmt(s, since_ms == INT64_MIN ? ST_LEADERBOARD : ST_LEADERBOARD_SINCE);
    if (!st) {
      rc = QK_STORE_ERROR;
      break;
    }
    sqlite3_bind_int64(st, 1, versions[v]);
    sqlite3_bind_int(st, 2, n);
    if (since_ms != INT64_MIN) sqlite3_bind_int64(st, 3, since_ms);
    int src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
      qk_store_leader l = {0};
      l.session_id = sqlite3_column_int64(st, 0);
      l.score = qk_store_col_real(st, 1);
      l.max_score = qk_store_col_real(st, 2);
      l.finished_at = sqlite3_column_int64(st, 3);
      if (*count == n && !ahead(&l, &out[n - 1])) break; /* this version has no more to add */
      int i = *count < n ? (*count)++ : n - 1;
      for (; i > 0 && ahead(&l, &out[i - 1]); i--) out[i] = out[i - 1];
      out[i] = l;
    }
    if (src != SQLITE_DONE && src != SQLITE_ROW) rc = qk_store_sqlfail(s, src, "reading the leaderboard");
    sqlite3_reset(st);
  }
  free(versions);
  for (int i = 0; !rc && i < *count; i++) {
    sqlite3_stmt *st = qk_store_stmt(s, ST_PUBLIC_NAME);
    if (!st) {
      rc = QK_STORE_ERROR;
      break;
    }
    sqlite3_bind_int64(st, 1, out[i].session_id);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) qk_store_copy_utf8(out[i].name, sizeof out[i].name, qk_store_col_text(st, 0));
    else rc = qk_store_sqlfail(s, src, "reading the leaderboard's names");
    sqlite3_reset(st);
  }
  if (rc) *count = 0;
  return rc;
}

int qk_store_leaderboard(qk_store *s, const char *app, const char *exam, const char *content_hash,
                         int n, qk_store_leader *out, int *count) {
  return board(s, app, exam, content_hash, INT64_MIN, n, out, count);
}

int qk_store_leaderboard_since(qk_store *s, const char *app, const char *exam, qk_ms since_ms, int n,
                               qk_store_leader *out, int *count) {
  return board(s, app, exam, NULL, since_ms, n, out, count);
}

/* Binds the "since" of the stats statements: ?1 the time itself, ?2 the
** first whole UTC hour at or after it (ceil(since / 1 h)), ?3 its start. */
static void bind_since(sqlite3_stmt *st, qk_ms since_ms) {
  const int64_t hour = 3600000;
  int64_t first = since_ms >= 0 ? (since_ms + hour - 1) / hour : -((-since_ms) / hour);
  sqlite3_bind_int64(st, 1, since_ms);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, first * hour);
}

/* Fills st from the STATS_COLS columns starting at column c. */
static void stats_row(sqlite3_stmt *q, int c, qk_store_stats *st) {
  memset(st, 0, sizeof *st);
  st->started = sqlite3_column_int64(q, c);
  st->completed = sqlite3_column_int64(q, c + 1);
  st->abandoned = sqlite3_column_int64(q, c + 2);
  st->timed_out = sqlite3_column_int64(q, c + 3);
  st->interrupted = sqlite3_column_int64(q, c + 4);
  st->in_progress = sqlite3_column_int64(q, c + 5);
  int64_t passed = sqlite3_column_int64(q, c + 6), judged = sqlite3_column_int64(q, c + 7);
  /* Sessions still running have not had the chance to complete yet. */
  int64_t ended = st->started - st->in_progress;
  st->completion_rate = ended > 0 ? (double)st->completed / (double)ended : NAN;
  st->pass_rate = judged > 0 ? (double)passed / (double)judged : NAN;
  st->avg_score_pct = qk_store_col_real(q, c + 8);
}

int qk_store_stats_since(qk_store *s, qk_ms since_ms, qk_store_stats *out) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_STATS);
  if (!st) return QK_STORE_ERROR;
  bind_since(st, since_ms);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    stats_row(st, 0, out);
    rc = QK_STORE_OK;
  } else rc = qk_store_sqlfail(s, rc, "counting sessions");
  sqlite3_reset(st);
  return rc;
}

int qk_store_stats_by_exam(qk_store *s, qk_ms since_ms, qk_store_exam_stats_cb cb, void *ud) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_STATS_BY_EXAM);
  if (!st) return QK_STORE_ERROR;
  bind_since(st, since_ms);
  int rc, stop = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_stats x;
    stats_row(st, 3, &x);
    if ((stop = cb(ud, qk_store_col_text(st, 0), qk_store_col_text(st, 1), qk_store_col_text(st, 2),
                   &x)))
      break;
  }
  int out = stop ? stop : rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "counting sessions");
  sqlite3_reset(st);
  return out;
}

int qk_store_recent(qk_store *s, int n, qk_store_result *out, int *count) {
  *count = 0;
  if (n <= 0) return QK_STORE_OK;
  sqlite3_stmt *st = qk_store_stmt(s, ST_RECENT);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int(st, 1, n);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && *count < n) {
    qk_store_result *r = &out[(*count)++];
    r->session_id = sqlite3_column_int64(st, 0);
    r->time = sqlite3_column_int64(st, 1);
    qk_store_copy_utf8(r->exam, sizeof r->exam, qk_store_col_text(st, 2));
    qk_store_copy_utf8(r->exam_title, sizeof r->exam_title, qk_store_col_text(st, 3));
    qk_store_copy_utf8(r->name, sizeof r->name, qk_store_col_text(st, 4));
    qk_store_copy_utf8(r->status, sizeof r->status, qk_store_col_text(st, 5));
    r->score = qk_store_col_real(st, 6);
    r->max_score = qk_store_col_real(st, 7);
    r->passed = qk_store_col_tri(st, 8);
  }
  int out_rc =
      rc == SQLITE_DONE || rc == SQLITE_ROW ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading results");
  sqlite3_reset(st);
  return out_rc;
}

/* ---- rescore / replay ---------------------------------------------------- */

/* Reads a row of SESSION_COLS (see stmt.c). */
void qk_store_session_row_read(sqlite3_stmt *st, qk_store_session_row *r) {
  r->id = sqlite3_column_int64(st, 0);
  r->kiosk = qk_store_col_text(st, 1);
  r->app = qk_store_col_text(st, 2);
  r->exam = qk_store_col_text(st, 3);
  r->exam_title = qk_store_col_text(st, 4);
  r->content_hash = qk_store_col_text(st, 5);
  r->status = qk_store_col_text(st, 6);
  r->language = qk_store_col_text(st, 7);
  r->mode = qk_store_col_text(st, 8);
  r->shuffle_seed = sqlite3_column_int64(st, 9);
  r->started_at = sqlite3_column_int64(st, 10);
  r->finished_at = sqlite3_column_int64(st, 11);
  r->last_activity = sqlite3_column_int64(st, 12);
  r->score = qk_store_col_real(st, 13);
  r->max_score = qk_store_col_real(st, 14);
  r->passed = qk_store_col_tri(st, 15);
}

static int each_session(qk_store *s, sqlite3_stmt *st, qk_store_session_cb cb, void *ud, int *seen) {
  int rc, stop = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_session_row r;
    qk_store_session_row_read(st, &r);
    if (seen) (*seen)++;
    if ((stop = cb(ud, &r))) break;
  }
  int out = stop ? stop : rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading sessions");
  sqlite3_reset(st);
  return out;
}

int qk_store_exam_sessions(qk_store *s, const char *app, const char *exam, qk_store_session_cb cb,
                           void *ud) {
  if (!app) return qk_store_fail(s, QK_STORE_INVALID, "listing sessions: app is needed");
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXAM_SESSIONS);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, app);
  qk_store_bind_text(st, 2, exam);
  return each_session(s, st, cb, ud, NULL);
}

int qk_store_session_get(qk_store *s, int64_t id, qk_store_session_cb cb, void *ud) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_GET);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int seen = 0, rc = each_session(s, st, cb, ud, &seen);
  return rc == QK_STORE_OK && !seen ? QK_STORE_NOTFOUND : rc;
}

int qk_store_session_events(qk_store *s, int64_t id, qk_store_event_cb cb, void *ud) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SESSION_EVENTS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc, stop = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_event_row r;
    r.id = sqlite3_column_int64(st, 0);
    r.t_ms = sqlite3_column_int64(st, 1);
    r.kind = qk_store_col_text(st, 2);
    r.data = (const char *)sqlite3_column_text(st, 3);
    if ((stop = cb(ud, &r))) break;
  }
  int out = stop ? stop : rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading events");
  sqlite3_reset(st);
  return out;
}

/* The first four parameters of both the record and the apply statement:
** session, then (question, points, correct) or (score, max_score, passed). */
static void bind_change(sqlite3_stmt *st, int64_t id, const char *question, double a, double b, int tri) {
  sqlite3_bind_int64(st, 1, id);
  if (question) {
    qk_store_bind_text(st, 2, question);
    qk_store_bind_real(st, 3, a);
  } else {
    qk_store_bind_real(st, 2, a);
    qk_store_bind_real(st, 3, b);
  }
  qk_store_bind_tri(st, 4, tri);
}

/* Records the change (the INSERT ... SELECT reads the old values, so it
** finds nothing when the row does not exist), applies it, logs an event. */
static int rescore(qk_store *s, qk_stmt_id record, qk_stmt_id apply, int64_t id, const char *question,
                   double a, double b, int tri, const char *reason, qk_ms now_ms) {
  int rc = qk_store_begin(s);
  if (rc) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, record);
  if (!st) rc = QK_STORE_ERROR;
  else {
    bind_change(st, id, question, a, b, tri);
    qk_store_bind_text(st, 5, reason);
    sqlite3_bind_int64(st, 6, now_ms);
    rc = qk_store_step_done(s, st, "recording a score change");
    if (!rc && !sqlite3_changes(s->db))
      rc = question ? qk_store_fail(s, QK_STORE_NOTFOUND, "session %lld has no answer to %s",
                                    (long long)id, question)
                    : qk_store_fail(s, QK_STORE_NOTFOUND, "no session %lld", (long long)id);
  }
  /* The event reads the score_changes row just inserted (last_insert_rowid),
  ** so it runs before the update. */
  if (!rc && !(st = qk_store_stmt(s, ST_RESCORE_EVENT))) rc = QK_STORE_ERROR;
  if (!rc) rc = qk_store_step_done(s, st, "logging a score change");
  if (!rc && !(st = qk_store_stmt(s, apply))) rc = QK_STORE_ERROR;
  if (!rc) {
    bind_change(st, id, question, a, b, tri);
    rc = qk_store_step_done(s, st, "changing a score");
  }
  /* NOTFOUND changed nothing; roll back rather than commit nothing. */
  if (rc == QK_STORE_NOTFOUND) {
    qk_store_end(s, QK_STORE_ERROR);
    return QK_STORE_NOTFOUND;
  }
  return qk_store_end(s, rc);
}

int qk_store_rescore_answer(qk_store *s, int64_t id, const char *question, double points, int correct,
                            const char *reason, qk_ms now_ms) {
  if (!question || !*question) return qk_store_fail(s, QK_STORE_INVALID, "rescore: question id is missing");
  return rescore(s, ST_SCORE_CHANGE_ANSWER, ST_ANSWER_SET_POINTS, id, question, points, NAN, correct,
                 reason, now_ms);
}

int qk_store_rescore_session(qk_store *s, int64_t id, double score, double max_score, int passed,
                             const char *reason, qk_ms now_ms) {
  return rescore(s, ST_SCORE_CHANGE_SESSION, ST_SESSION_SET_SCORE, id, NULL, score, max_score, passed,
                 reason, now_ms);
}

int qk_store_score_changes(qk_store *s, int64_t id, int *count) {
  *count = 0;
  sqlite3_stmt *st = qk_store_stmt(s, ST_SCORE_CHANGES_COUNT);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *count = sqlite3_column_int(st, 0);
    rc = QK_STORE_OK;
  } else rc = qk_store_sqlfail(s, rc, "counting score changes");
  sqlite3_reset(st);
  return rc;
}

/* since_ms INT64_MIN: the all-time board (ST_RANK, over board_counts). */
static int rank_of(qk_store *s, const char *app, const char *exam, int64_t session_id, qk_ms since_ms,
                   int *rank, int *total) {
  if (!rank || !total) return qk_store_fail(s, QK_STORE_INVALID, "leader rank: no room for the answer");
  *rank = *total = 0;
  if (!app || !exam) return qk_store_fail(s, QK_STORE_INVALID, "leader rank: app and exam are needed");
  sqlite3_stmt *st = qk_store_stmt(s, since_ms == INT64_MIN ? ST_RANK : ST_RANK_SINCE);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, app);
  qk_store_bind_text(st, 2, exam);
  sqlite3_bind_int64(st, 3, session_id);
  if (since_ms != INT64_MIN) sqlite3_bind_int64(st, 4, since_ms);
  int src = sqlite3_step(st), rc;
  if (src == SQLITE_ROW) {
    *rank = sqlite3_column_int(st, 0);
    *total = sqlite3_column_int(st, 1);
    rc = QK_STORE_OK;
  } else if (src == SQLITE_DONE)
    rc = qk_store_fail(s, QK_STORE_NOTFOUND, "session %lld is not a completed, scored session of %s/%s",
                       (long long)session_id, app, exam);
  else rc = qk_store_sqlfail(s, src, "ranking a session");
  sqlite3_reset(st);
  return rc;
}

int qk_store_leader_rank(qk_store *s, const char *app, const char *exam, int64_t session_id, int *rank,
                         int *total) {
  return rank_of(s, app, exam, session_id, INT64_MIN, rank, total);
}

int qk_store_leader_rank_since(qk_store *s, const char *app, const char *exam, int64_t session_id,
                               qk_ms since_ms, int *rank, int *total) {
  return rank_of(s, app, exam, session_id, since_ms, rank, total);
}
