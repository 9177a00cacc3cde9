/*
** results.c — what a session's result means beyond its total, kept for the
** exports: the section and competency scores it ended with, and the text
** of each question's options per exam version, so an answers sheet can
** show "B 投诉升级" and not only "B".
*/
#include "store_int.h"

#include <string.h>

int qk_store_session_score(qk_store *s, int64_t session_id, const char *kind, const char *key,
                           const char *title, double score, double max_score) {
  if (!kind || (strcmp(kind, "section") && strcmp(kind, "competency")))
    return qk_store_fail(s, QK_STORE_INVALID, "a score's kind must be \"section\" or \"competency\"");
  if (!key || !*key) return qk_store_fail(s, QK_STORE_INVALID, "a %s score needs its name", kind);
  int rc = qk_store_begin(s);
  if (rc) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_SCORE_UPSERT);
  if (!st) return qk_store_end(s, QK_STORE_ERROR);
  sqlite3_bind_int64(st, 1, session_id);
  qk_store_bind_text(st, 2, kind);
  qk_store_bind_text(st, 3, key);
  qk_store_bind_text(st, 4, title);
  qk_store_bind_real(st, 5, score);
  qk_store_bind_real(st, 6, max_score);
  return qk_store_end(s, qk_store_step_done(s, st, "saving a section or competency score"));
}

/* One question's row, inside the caller's transaction. */
static int question_row(qk_store *s, int64_t session_id, const char *question, const char *section,
                        const char *options_json) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_QUESTION_INSERT);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, session_id);
  qk_store_bind_text(st, 2, question);
  qk_store_bind_text(st, 3, section);
  qk_store_bind_text(st, 4, options_json);
  return qk_store_step_done(s, st, "saving a question's options");
}

int qk_store_exam_question(qk_store *s, int64_t session_id, const char *question, const char *section,
                           const char *options_json) {
  if (!question || !*question) return qk_store_fail(s, QK_STORE_INVALID, "question id is missing");
  if (options_json && !qk_json_valid(options_json, strlen(options_json)))
    return qk_store_fail(s, QK_STORE_INVALID, "options of %s are not valid JSON (UTF-8) text", question);
  int rc = qk_store_begin(s);
  if (rc) return rc;
  return qk_store_end(s, question_row(s, session_id, question, section, options_json));
}

int qk_store_exam_questions(qk_store *s, int64_t session_id, const qk_exam_question *q, size_t n, int complete) {
  if (n && !q) return qk_store_fail(s, QK_STORE_INVALID, "no questions given");
  /* Checked before anything is written: a bad row fails the whole call. */
  for (size_t i = 0; i < n; i++) {
    if (!q[i].question || !*q[i].question) return qk_store_fail(s, QK_STORE_INVALID, "question id is missing");
    if (q[i].options_json && !qk_json_valid(q[i].options_json, strlen(q[i].options_json)))
      return qk_store_fail(s, QK_STORE_INVALID, "options of %s are not valid JSON (UTF-8) text", q[i].question);
  }
  int rc = qk_store_begin(s);
  if (rc) return rc;
  for (size_t i = 0; i < n && !rc; i++) rc = question_row(s, session_id, q[i].question, q[i].section, q[i].options_json);
  if (!rc && complete) rc = question_row(s, session_id, "", NULL, NULL); /* the mark (store.h) */
  return qk_store_end(s, rc);
}

int qk_store_exam_questions_known(qk_store *s, int64_t session_id, int *known) {
  *known = 0;
  sqlite3_stmt *st = qk_store_stmt(s, ST_QUESTIONS_KNOWN);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, session_id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *known = sqlite3_column_int(st, 0);
    rc = QK_STORE_OK;
  } else rc = qk_store_sqlfail(s, rc, "reading the exam's questions");
  sqlite3_reset(st);
  return rc;
}
