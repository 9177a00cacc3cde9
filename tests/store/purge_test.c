/*
** purge_test.c — purge removes personal data only: candidate fields, typed
** answers, events that copy them and checkpoints of the old sessions go;
** scores, choice answers, other events and the consent record stay; newer
** sessions are untouched; the removed text is gone from the file itself.
** Usage: qk_store_purge_test DIR
*/
#include "check.h"
#include "fixture.h"

#include <math.h>
#include <sqlite3.h>

/* One integer or text from a side connection (plain SQLite, read-only). */
static sqlite3 *side;

static long long q_int(const char *sql) {
  sqlite3_stmt *st = NULL;
  long long v = -999;
  if (sqlite3_prepare_v2(side, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else fprintf(stderr, "query failed: %s: %s\n", sql, sqlite3_errmsg(side));
  sqlite3_finalize(st);
  return v;
}

static void q_text(const char *sql, char *out, size_t len) {
  sqlite3_stmt *st = NULL;
  snprintf(out, len, "(none)");
  if (sqlite3_prepare_v2(side, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    snprintf(out, len, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "(null)");
  sqlite3_finalize(st);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-purge-test";
  char path[4200], err[300], buf[300];
  qk_store *s = NULL;
  int64_t ids[5];
  test_db(dir, "purge.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return 1;
  CHECK_RC(s, fixture_fill(s, ids), QK_STORE_OK);
  /* More personal traces in session 1: a flagged keyboard event, an event
  ** that repeats the phone number unflagged, an event without personal data. */
  CHECK_RC(s, qk_store_event(s, ids[3], FIX_T0 + 11 * FIX_HOUR + 5, "keys", "{\"k\":\"A\"}", 1), QK_STORE_OK);
  qk_store_close(s);
  s = NULL;

  CHECK(sqlite3_open_v2(path, &side, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  long long events_before = q_int("SELECT count(*) FROM events");
  long long answers_before = q_int("SELECT count(*) FROM answers");
  sqlite3_close(side);
  side = NULL;

  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return 1;
  /* Before 2024-05-01: only the day-before session (1). */
  qk_store_purge_report r;
  CHECK_RC(s, qk_store_purge(s, FIX_T0, FIX_T0 + 30 * FIX_DAY, &r), QK_STORE_OK);
  CHECK(r.sessions == 1);
  CHECK(r.candidate_fields == 4);
  CHECK(r.answers_scrubbed == 1); /* the typed q2 */
  /* Scrubbed events: the q2 answer event (free text), "typed" (holds the
  ** name) and "keys" (flagged personal); the screen event and the choice
  ** answer events stay. */
  CHECK(r.events_scrubbed == 3);
  CHECK(r.wal_truncated == 1);
  if (r.events_scrubbed != 3) fprintf(stderr, "events scrubbed: %d\n", r.events_scrubbed);

  /* Idempotent: nothing left to purge. */
  qk_store_purge_report again;
  CHECK_RC(s, qk_store_purge(s, FIX_T0, FIX_T0 + 30 * FIX_DAY, &again), QK_STORE_OK);
  CHECK(again.sessions == 0 && again.candidate_fields == 0);
  /* Results stay: the leaderboard still has session 1, without a name. */
  qk_store_leader top[5];
  int n = 0;
  CHECK_RC(s, qk_store_leaderboard(s, "recruit", "gk", NULL, 5, top, &n), QK_STORE_OK);
  int seen = 0;
  for (int i = 0; i < n; i++)
    if (top[i].session_id == ids[0]) {
      seen = 1;
      CHECK(top[i].score == 2 && top[i].max_score == 3);
      CHECK_STR(top[i].name, "");
    }
  CHECK(seen);
  qk_store_close(s);
  s = NULL;

  CHECK(sqlite3_open_v2(path, &side, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  /* The values are gone; the field names stay, so exports keep their columns. */
  CHECK(q_int("SELECT count(*) FROM candidates WHERE session_id = 1 AND value <> ''") == 0);
  CHECK(q_int("SELECT count(*) FROM candidates WHERE session_id = 1") == 4);
  CHECK(q_int("SELECT count(*) FROM candidates WHERE session_id = 2") == 2); /* newer: kept */
  CHECK(q_int("SELECT count(*) FROM candidates WHERE session_id = 5") == 1);
  CHECK(q_int("SELECT count(*) FROM events") == events_before);             /* none deleted */
  CHECK(q_int("SELECT count(*) FROM answers") == answers_before);
  CHECK(q_int("SELECT count(*) FROM checkpoints WHERE session_id = 1") == 0);
  CHECK(q_int("SELECT count(*) FROM consents WHERE session_id = 1") == 1);
  CHECK(q_int("SELECT purged_at FROM sessions WHERE id = 1") == FIX_T0 + 30 * FIX_DAY);
  CHECK(q_int("SELECT count(*) FROM sessions WHERE purged_at IS NOT NULL") == 1);
  q_text("SELECT score || '/' || max_score || ' ' || passed || ' ' || status FROM sessions WHERE id = 1",
         buf, sizeof buf);
  CHECK_STR(buf, "2.0/3.0 1 completed");
  q_text("SELECT response FROM answers WHERE session_id = 1 AND question = 'q1'", buf, sizeof buf);
  CHECK_STR(buf, "\"b\"");
  q_text("SELECT response || ' ' || points FROM answers WHERE session_id = 1 AND question = 'q2'", buf,
         sizeof buf);
  CHECK_STR(buf, "null 1.0"); /* the typed text goes, its points stay */
  q_text("SELECT response FROM answers WHERE session_id = 1 AND question = 'q3'", buf, sizeof buf);
  CHECK_STR(buf, "-5");
  q_text("SELECT data FROM events WHERE session_id = 1 AND kind = 'typed'", buf, sizeof buf);
  CHECK_STR(buf, "{\"purged\":true}");
  q_text("SELECT data FROM events WHERE session_id = 1 AND kind = 'keys'", buf, sizeof buf);
  CHECK_STR(buf, "{\"purged\":true}");
  q_text("SELECT data FROM events WHERE session_id = 1 AND kind = 'screen'", buf, sizeof buf);
  CHECK_STR(buf, "{\"screen\":\"q1\"}");
  CHECK(q_int("SELECT count(*) FROM events WHERE session_id = 1 AND kind = 'answer' AND "
              "data LIKE '%\"response\":\"b\"%'") == 1);
  CHECK(q_int("SELECT count(*) FROM events WHERE session_id = 1 AND data LIKE '%王伟%'") == 0);
  /* Session 4 (in progress, after the date): its flagged event is kept. */
  q_text("SELECT data FROM events WHERE session_id = 4 AND kind = 'keys'", buf, sizeof buf);
  CHECK_STR(buf, "{\"k\":\"A\"}");
  sqlite3_close(side);

  /* The bytes are gone from the file (secure_delete, WAL truncated). */
  size_t len = 0;
  char *raw = slurp(path, &len);
  CHECK(raw != NULL);
  if (raw) {
    CHECK(!contains_bytes(raw, len, "138 0000 1234"));
    CHECK(!contains_bytes(raw, len, "王伟"));
    CHECK(!contains_bytes(raw, len, "He said"));
    CHECK(contains_bytes(raw, len, "a,b@example.com")); /* not purged: proves the scan sees text */
    free(raw);
  }
  char wal[4300];
  snprintf(wal, sizeof wal, "%s-wal", path);
  raw = slurp(wal, &len);
  if (raw) { /* usually deleted at close; if present it must be clean too */
    CHECK(!contains_bytes(raw, len, "138 0000 1234"));
    free(raw);
  }

  /* Purge everything: all sessions lose their fields, none their results. */
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (s) {
    CHECK_RC(s, qk_store_purge(s, FIX_T0 + 100 * FIX_DAY, FIX_T0 + 100 * FIX_DAY, &r), QK_STORE_OK);
    CHECK(r.sessions == 4 && r.candidate_fields == 3);
    qk_store_stats st;
    CHECK_RC(s, qk_store_stats_since(s, 0, &st), QK_STORE_OK);
    CHECK(st.started == 5 && st.completed == 3);
    qk_store_close(s);
  }
  return check_result("store_purge");
}
