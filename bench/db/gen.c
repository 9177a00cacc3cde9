/*
** gen.c — makes a big results database for bench/db/run.sh: N sessions of
** a trade-fair quiz (two versions of the question set, so the leaderboard
** merges versions), each with its answers and the candidate's nickname,
** name and phone, spread over a year. The schema is the store's own
** (qk_store_open creates or migrates it); the rows then go in through plain
** SQLite in one transaction, since a million sessions through the store's
** one-fsync-per-call API would take hours. The data is fixed by the seed,
** so every run of the bench reads the same database.
**
** With --options the sessions are what a kiosk records today: each exam
** version's option texts are in exam_questions (what store.questions
** writes once per version, recorder.lua: a JSON object letter -> text,
** version 1 plain Chinese text, version 2 {zh, en} per language), and each
** session answers PER questions drawn from the version's bank of 40, every
** fifth question a multiple choice (a JSON array of letters). A store
** older than exam_questions (the bench's base) cannot hold the texts: the
** sessions and answers go in without them and --record-options adds them
** once the new store has migrated a copy.
**
**   qk_db_gen OUT.db SESSIONS [ANSWERS_PER_SESSION] [--options]
**   qk_db_gen --record-options DB
*/
#include "store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next(void) { /* xorshift64*: fixed seed, same data every run */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (uint32_t)((rng * 0x2545F4914F6CDD1Dull) >> 32);
}

static int must(int rc, sqlite3 *db, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "qk_db_gen: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
  return rc;
}

static void run(sqlite3_stmt *st, sqlite3 *db, const char *what) {
  must(sqlite3_step(st), db, what);
  sqlite3_reset(st);
}

enum { BANK = 40 }; /* questions per exam version with --options */

/* Records both versions' option texts (exams 1 and 2) as the runtime's
** first session of each version does; 0, or 1 when the schema has no
** exam_questions (a store older than option texts). */
static int record_options(sqlite3 *db) {
  sqlite3_stmt *qs = NULL;
  if (sqlite3_prepare_v2(db,
                         "INSERT OR IGNORE INTO exam_questions(exam_ref, question, section, options) "
                         "VALUES(?1, ?2, 'trade_fair', ?3)",
                         -1, &qs, NULL) != SQLITE_OK) {
    fprintf(stderr, "qk_db_gen: no option texts recorded (%s)\n", sqlite3_errmsg(db));
    return 1;
  }
  static const char *const zh[] = {"展台", "新品", "合作伙伴", "抽奖"};
  static const char *const en[] = {"The booth", "New product", "Partner", "Lucky draw"};
  for (int v = 1; v <= 2; v++)
    for (int q = 1; q <= BANK; q++) {
      char id[16], json[1024], *w = json, *end = json + sizeof json;
      snprintf(id, sizeof id, "q%d", q);
      for (int k = 0; k < 4; k++) {
        int room = (int)(end - w);
        w += v == 1 ? snprintf(w, (size_t)room, "%s\"%c\":\"%s %d-%c：第%d展区\"", k ? "," : "{", 'A' + k, zh[k], q,
                               'A' + k, (q * 7 + k) % 12 + 1)
                    : snprintf(w, (size_t)room, "%s\"%c\":{\"zh\":\"%s %d-%c\",\"en\":\"%s %d-%c\"}", k ? "," : "{",
                               'A' + k, zh[k], q, 'A' + k, en[k], q, 'A' + k);
      }
      snprintf(w, (size_t)(end - w), "}");
      sqlite3_bind_int(qs, 1, v);
      sqlite3_bind_text(qs, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(qs, 3, json, -1, SQLITE_TRANSIENT);
      run(qs, db, "exam question");
    }
  sqlite3_finalize(qs);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--record-options")) {
    sqlite3 *db = NULL;
    must(sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE, NULL), db, "open");
    must(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), db, "begin");
    int rc = record_options(db);
    must(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), db, "commit");
    sqlite3_close(db);
    if (!rc) printf("%s: option texts of %d questions in 2 versions recorded\n", argv[2], BANK);
    return rc;
  }
  int options = argc > 3 && !strcmp(argv[argc - 1], "--options");
  if (options) argc--;
  if (argc < 3) {
    fprintf(stderr, "usage: qk_db_gen OUT.db SESSIONS [ANSWERS_PER_SESSION] [--options]\n"
                    "       qk_db_gen --record-options DB\n");
    return 2;
  }
  const char *path = argv[1];
  long n = atol(argv[2]), per = argc > 3 ? atol(argv[3]) : 5;
  if (options && (per < 1 || per > BANK)) {
    fprintf(stderr, "qk_db_gen: with --options a session answers 1 to %d questions\n", BANK);
    return 2;
  }
  char err[600];
  qk_store *s = NULL;
  if (qk_store_open(path, &s, err, sizeof err)) {
    fprintf(stderr, "qk_db_gen: %s\n", err);
    return 1;
  }
  qk_store_close(s);

  sqlite3 *db = NULL;
  must(sqlite3_open(path, &db), db, "open");
  must(sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL), db, "begin");
  must(sqlite3_exec(db,
                    "INSERT INTO exams(app, exam, title, content_hash, created_at) VALUES"
                    "('trade_fair', 'trade_fair', '展会快问快答', 'v1-hash', 1700000000000),"
                    "('trade_fair', 'trade_fair', '展会快问快答', 'v2-hash', 1710000000000)",
                    NULL, NULL, NULL),
       db, "exams");
  sqlite3_stmt *ss, *as, *cs;
  must(sqlite3_prepare_v2(db,
                          "INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, "
                          "last_activity, score, max_score, passed, shuffle_seed, language, mode) "
                          "VALUES('kiosk-bench', ?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, 'zh', 'trade_fair')",
                          -1, &ss, NULL),
       db, "prepare sessions");
  must(sqlite3_prepare_v2(db,
                          "INSERT INTO answers(session_id, question, response, points, max_points, "
                          "correct, time_ms, answered_at, free_text) VALUES(?1, ?2, ?3, ?4, 100, ?5, ?6, ?7, 0)",
                          -1, &as, NULL),
       db, "prepare answers");
  must(sqlite3_prepare_v2(db, "INSERT INTO candidates(session_id, field, value) VALUES(?1, ?2, ?3)", -1,
                          &cs, NULL),
       db, "prepare candidates");
  static const char *const status[] = {"completed", "abandoned", "timed_out", "interrupted"};
  const int64_t t0 = 1735689600000; /* 2025-01-01T00:00:00Z; a year of sessions from here */
  for (long i = 0; i < n; i++) {
    uint32_t r = next() % 100;
    int st = r < 85 ? 0 : r < 93 ? 1 : r < 97 ? 2 : 3;
    int64_t start = t0 + (int64_t)i * (365LL * 86400000 / (n ? n : 1)) + next() % 60000;
    int64_t end = start + 30000 + next() % 90000;
    int score = 0;
    sqlite3_bind_int(ss, 1, i < n / 4 ? 1 : 2);
    sqlite3_bind_text(ss, 2, status[st], -1, SQLITE_STATIC);
    sqlite3_bind_int64(ss, 3, start);
    for (long q = 0; q < per; q++) score += (int)(next() % 101);
    if (st == 0) {
      sqlite3_bind_int64(ss, 4, end);
      sqlite3_bind_int(ss, 5, score);
      sqlite3_bind_int(ss, 6, (int)(100 * per));
      sqlite3_bind_int(ss, 7, score >= 60 * per);
    } else {
      sqlite3_bind_int64(ss, 4, end);
      sqlite3_bind_null(ss, 5);
      sqlite3_bind_null(ss, 6);
      sqlite3_bind_null(ss, 7);
    }
    sqlite3_bind_int64(ss, 8, (int64_t)next());
    run(ss, db, "session");
    int64_t id = sqlite3_last_insert_rowid(db);
    char q[16], resp[24], v[64];
    long first = options ? (long)(next() % BANK) : 0; /* the draw: PER in a row from here */
    for (long k = 0; k < per; k++) {
      long qn = (first + k) % (options ? BANK : per) + 1;
      snprintf(q, sizeof q, "q%ld", qn);
      if (options && qn % 5 == 0) /* multiple choice: two letters, as chosen */
        snprintf(resp, sizeof resp, "[\"%c\",\"%c\"]", 'A' + (int)(next() % 2), 'C' + (int)(next() % 2));
      else snprintf(resp, sizeof resp, "\"%c\"", 'A' + (int)(next() % 4));
      sqlite3_bind_int64(as, 1, id);
      sqlite3_bind_text(as, 2, q, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(as, 3, resp, -1, SQLITE_TRANSIENT);
      int pts = (int)(next() % 101);
      sqlite3_bind_int(as, 4, pts);
      sqlite3_bind_int(as, 5, pts > 0);
      sqlite3_bind_int(as, 6, 1000 + (int)(next() % 19000));
      sqlite3_bind_int64(as, 7, start + 5000 * (k + 1));
      run(as, db, "answer");
    }
    static const char *const fields[] = {"name", "nickname", "phone"};
    for (int k = 0; k < 3; k++) {
      if (k == 0) snprintf(v, sizeof v, "张伟%ld", i);
      else if (k == 1) snprintf(v, sizeof v, "玩家%ld", i);
      else snprintf(v, sizeof v, "138%08ld", i % 100000000);
      sqlite3_bind_int64(cs, 1, id);
      sqlite3_bind_text(cs, 2, fields[k], -1, SQLITE_STATIC);
      sqlite3_bind_text(cs, 3, v, -1, SQLITE_TRANSIENT);
      run(cs, db, "candidate");
    }
  }
  sqlite3_finalize(ss);
  sqlite3_finalize(as);
  sqlite3_finalize(cs);
  if (options) record_options(db); /* not in an older schema: --record-options later */
  must(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), db, "commit");
  sqlite3_close(db); /* the last connection: the -wal goes, a clean shutdown */
  printf("%s: %ld sessions, %ld answers each%s\n", path, n, per, options ? ", option texts" : "");
  return 0;
}
