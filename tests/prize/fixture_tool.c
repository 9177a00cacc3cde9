/*
** fixture_tool.c — a kiosk database with prize codes that are the same on
** every run, for the staff screen's references and the CLI test: a fixed
** prize key and fixed session UUIDs (so the codes derive the same), N
** completed trade-fair sessions with nicknames and scores, a code each,
** issued a minute apart, every third redeemed. Prints "CODE <n> <code>"
** for the first five sessions (oldest first) and the last.
** Usage: qk_prize_fixture DB N
*/
#include "prize_store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 ((qk_ms)1764554400000) /* 2025-12-01T10:00:00+08:00 */
#define MIN ((qk_ms)60000)
#define KEY "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static int die(qk_store *s, const char *what) {
  fprintf(stderr, "qk_prize_fixture: %s: %s\n", what, s ? qk_store_errmsg(s) : "");
  qk_store_close(s);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3 || atoi(argv[2]) < 1) {
    fprintf(stderr, "usage: qk_prize_fixture DB N\n");
    return 2;
  }
  const char *path = argv[1];
  int n = atoi(argv[2]);
  char err[400];
  qk_store *s = NULL;
  if (qk_store_open(path, &s, err, sizeof err)) {
    fprintf(stderr, "qk_prize_fixture: %s\n", err);
    return 1;
  }
  int64_t *ids = calloc((size_t)n, sizeof *ids);
  if (!ids) return die(s, "out of memory");
  char hash[65];
  qk_store_content_hash("fair", 4, hash);
  qk_store_session_info in = {"展位-1", "trade_fair", "fair", "展会快问快答", hash, 7, "zh", "game"};
  if (qk_store_batch_begin(s)) return die(s, "batch");
  for (int i = 0; i < n; i++) {
    char nick[32];
    qk_ms t = T0 + i * MIN;
    snprintf(nick, sizeof nick, "玩家%d", i + 1);
    if (qk_store_session_begin(s, &in, t, &ids[i]) || qk_store_candidate_set(s, ids[i], "nickname", nick) ||
        qk_store_session_finish(s, ids[i], QK_SESSION_COMPLETED, 1000 + (i * 37) % 4000, 5000, -1, t + 30000))
      return die(s, "session");
  }
  if (qk_store_batch_end(s)) return die(s, "commit");
  qk_store_close(s);
  s = NULL;

  /* The fixed parts, written as a person with sqlite3 would. */
  sqlite3 *db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK ||
      sqlite3_exec(db,
                   "INSERT INTO settings(key, value) VALUES('prize.key', '" KEY "');"
                   "UPDATE sessions SET uuid = printf('00000000-0000-4000-8000-%012d', id);",
                   NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "qk_prize_fixture: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
  }
  sqlite3_close(db);

  if (qk_store_open(path, &s, err, sizeof err)) {
    fprintf(stderr, "qk_prize_fixture: %s\n", err);
    return 1;
  }
  if (qk_store_batch_begin(s)) return die(s, "batch");
  for (int i = 0; i < n; i++) {
    char code[QK_PRIZE_CODE_LEN];
    qk_ms t = T0 + i * MIN + 40000;
    if (qk_store_prize_issue(s, ids[i], "trade_fair", t, code)) return die(s, "issue");
    if (i % 3 == 2 && qk_store_prize_redeem(s, code, "staff screen", "展位-1", t + 5 * MIN, NULL) != QK_PRIZE_VALID)
      return die(s, "redeem");
    if (i < 5 || i == n - 1) printf("CODE %d %s\n", i + 1, code);
  }
  if (qk_store_batch_end(s)) return die(s, "commit");
  qk_store_close(s);
  free(ids);
  return 0;
}
