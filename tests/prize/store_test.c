/*
** store_test.c — the store's prize codes (runtime/store/prize.c) on real
** SQLite: only a completed session of the calling app gets a code, the
** same every call; the key is made on the first issue, kept where no
** setting call reaches, and not made by a check; check and redeem with
** their verdicts (valid, redeemed with when and who, not ours, malformed),
** redeeming twice; a row whose session no longer derives to its code is
** refused; another kiosk's codes fail; the list pages latest first; and an
** old database (the fleet's schema-3 fixture) upgrades and issues codes.
** Usage: qk_prize_store_test SOURCE_DIR WORK_DIR
*/
#include "check.h"
#include "fixture.h"
#include "prize_store.h"

#define T_ISSUE ((qk_ms)1714550000000)

static int count_rows(void *ud, const qk_prize_row *r) {
  int *n = ud;
  (void)r;
  (*n)++;
  return 0;
}

typedef struct {
  qk_prize_row rows[200];
  int n;
} rows_t;

static int keep_row(void *ud, const qk_prize_row *r) {
  rows_t *k = ud;
  if (k->n < 200) k->rows[k->n++] = *r;
  return 0;
}

static void copy_file(const char *from, const char *to) {
  FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
  char buf[65536];
  size_t n;
  CHECK(a && b);
  while (a && b && (n = fread(buf, 1, sizeof buf, a)) > 0) CHECK(fwrite(buf, 1, n, b) == n);
  if (a) fclose(a);
  if (b) fclose(b);
}

static void issue_and_check(const char *dir) {
  char path[4200], code[QK_PRIZE_CODE_LEN], again[QK_PRIZE_CODE_LEN], value[200], sql[400];
  int64_t ids[5];
  test_db(dir, "prize.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  CHECK(fixture_fill(s, ids) == 0);

  /* A check before any code was issued: not ours, and no key is made. */
  CHECK(qk_store_prize_check(s, "ABCD-EFGH-JKMN", NULL) == QK_PRIZE_NOT_OURS);
  CHECK(test_sql(path, "SELECT count(*) FROM settings WHERE key = 'prize.key'", NULL, 0) == 0);

  /* Only a completed session of the calling app. */
  CHECK_RC(s, qk_store_prize_issue(s, ids[2], "recruit", T_ISSUE, code), QK_STORE_INVALID); /* abandoned */
  CHECK(strstr(qk_store_errmsg(s), "not completed") != NULL && code[0] == 0);
  CHECK_RC(s, qk_store_prize_issue(s, ids[3], "recruit", T_ISSUE, code), QK_STORE_INVALID); /* in progress */
  CHECK_RC(s, qk_store_prize_issue(s, ids[1], "other_app", T_ISSUE, code), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "not one of this app's") != NULL);
  CHECK_RC(s, qk_store_prize_issue(s, 9999, "recruit", T_ISSUE, code), QK_STORE_NOTFOUND);
  CHECK(test_sql(path, "SELECT count(*) FROM prize_codes", NULL, 0) == 0);

  CHECK_RC(s, qk_store_prize_issue(s, ids[1], "recruit", T_ISSUE, code), QK_STORE_OK);
  CHECK(strlen(code) == 14);
  /* The same code every call (and the first issue time kept). */
  CHECK_RC(s, qk_store_prize_issue(s, ids[1], "recruit", T_ISSUE + 5000, again), QK_STORE_OK);
  CHECK_STR(again, code);
  snprintf(sql, sizeof sql, "SELECT issued_at FROM prize_codes WHERE session_id = %lld", (long long)ids[1]);
  test_sql(path, sql, value, sizeof value);
  CHECK(strtoll(value, NULL, 10) == T_ISSUE);
  /* Inside a batch (as the runtime calls it): committed with the batch. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_prize_issue(s, ids[4], "recruit", T_ISSUE + 1000, again), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(strcmp(again, code) != 0); /* distinct sessions, distinct codes */
  CHECK(test_sql(path, "SELECT count(*) FROM prize_codes", NULL, 0) == 2);

  /* The key: 64 hex digits in settings, out of every setting call's reach. */
  CHECK(test_sql(path, "SELECT length(value) FROM settings WHERE key = 'prize.key'", NULL, 0) == 64);
  CHECK_RC(s, qk_store_setting_get(s, "prize.key", value, sizeof value), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "reserved") != NULL);
  CHECK_RC(s, qk_store_setting_set(s, "prize.key", "00"), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_setting_set(s, "prize.other", "00"), QK_STORE_INVALID);

  /* Check: valid, folded typing, mutated, garbage. */
  qk_prize_row r;
  CHECK(qk_store_prize_check(s, code, &r) == QK_PRIZE_VALID);
  CHECK(r.session_id == ids[1] && !strcmp(r.code, code) && !strcmp(r.app, "recruit") && !strcmp(r.exam, "gk"));
  CHECK(r.issued_at == T_ISSUE && r.redeemed_at == 0 && r.score == 3);
  char lower[QK_PRIZE_CODE_LEN];
  for (int i = 0; i < QK_PRIZE_CODE_LEN; i++) lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
  CHECK(qk_store_prize_check(s, lower, NULL) == QK_PRIZE_VALID);
  char forged[QK_PRIZE_CODE_LEN];
  memcpy(forged, code, sizeof forged);
  forged[2] = forged[2] == 'X' ? 'Y' : 'X';
  CHECK(qk_store_prize_check(s, forged, NULL) == QK_PRIZE_NOT_OURS);
  CHECK(qk_store_prize_check(s, "hello", NULL) == QK_PRIZE_MALFORMED);
  CHECK(qk_store_prize_check(s, "", NULL) == QK_PRIZE_MALFORMED);

  /* Redeem once; the second time says when and who. */
  CHECK(qk_store_prize_redeem(s, forged, "staff screen", "kiosk-A", T_ISSUE + 60000, &r) == QK_PRIZE_NOT_OURS);
  CHECK_RC(s, qk_store_prize_redeem(s, code, "", "kiosk-A", T_ISSUE, &r), QK_STORE_INVALID);
  CHECK(qk_store_prize_redeem(s, lower, "staff screen", "kiosk-A", T_ISSUE + 60000, &r) == QK_PRIZE_VALID);
  CHECK(r.redeemed_at == T_ISSUE + 60000);
  CHECK(qk_store_prize_redeem(s, code, "command line", "kiosk-B", T_ISSUE + 90000, &r) == QK_PRIZE_REDEEMED);
  CHECK(r.redeemed_at == T_ISSUE + 60000 && !strcmp(r.redeemed_by, "staff screen") && !strcmp(r.redeemed_kiosk, "kiosk-A"));
  CHECK(qk_store_prize_check(s, code, &r) == QK_PRIZE_REDEEMED && r.redeemed_at == T_ISSUE + 60000);
  /* The other code is untouched. */
  CHECK(qk_store_prize_check(s, again, NULL) == QK_PRIZE_VALID);
  int64_t issued = 0, redeemed = 0;
  CHECK_RC(s, qk_store_prize_count(s, &issued, &redeemed), QK_STORE_OK);
  CHECK(issued == 2 && redeemed == 1);

  /* A record the key does not vouch for: the session's UUID changed under
  ** it (a hand-edited database). Its code passes the key check and is in
  ** the table, but no longer derives from its session. */
  qk_store_close(s);
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  snprintf(sql, sizeof sql, "UPDATE sessions SET uuid = 'edited' WHERE id = %lld", (long long)ids[4]);
  CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  s = test_open(path);
  if (!s) return;
  CHECK(qk_store_prize_check(s, again, NULL) == QK_PRIZE_NOT_OURS);
  CHECK(qk_store_prize_redeem(s, again, "staff screen", "kiosk-A", T_ISSUE, NULL) == QK_PRIZE_NOT_OURS);

  /* Another kiosk (its own database, its own key): our code is not its. */
  char path2[4200], code2[QK_PRIZE_CODE_LEN];
  int64_t ids2[5];
  test_db(dir, "other_kiosk.db", path2, sizeof path2);
  qk_store *s2 = test_open(path2);
  if (s2) {
    CHECK(fixture_fill(s2, ids2) == 0);
    CHECK_RC(s2, qk_store_prize_issue(s2, ids2[1], "recruit", T_ISSUE, code2), QK_STORE_OK);
    CHECK(strcmp(code2, code) != 0);
    CHECK(qk_store_prize_check(s2, code, NULL) == QK_PRIZE_NOT_OURS);
    CHECK(qk_store_prize_check(s, code2, NULL) == QK_PRIZE_NOT_OURS);
    qk_store_close(s2);
  }

  /* The list: 150 more completed sessions, issued a second apart; pages
  ** of 50, latest first, nothing twice, nothing missing. */
  for (int i = 0; i < 150; i++) {
    int64_t id = fix_session(s, "gk", FIX_T0 + i * 1000);
    CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, i % 7, 6, 1, FIX_T0 + i * 1000 + 500), QK_STORE_OK);
    CHECK_RC(s, qk_store_prize_issue(s, id, "recruit", T_ISSUE + 100000 + i * 1000, code2), QK_STORE_OK);
  }
  rows_t *k = calloc(1, sizeof *k);
  if (k) {
    for (int page = 0; page < 4; page++) CHECK_RC(s, qk_store_prize_list(s, page * 50, 50, keep_row, k), QK_STORE_OK);
    CHECK(k->n == 152);
    int ordered = 1;
    for (int i = 1; i < k->n; i++) {
      if (k->rows[i - 1].issued_at < k->rows[i].issued_at) ordered = 0;
      for (int j = 0; j < i; j++)
        if (!strcmp(k->rows[i].code, k->rows[j].code)) ordered = 0;
    }
    CHECK(ordered);
    CHECK(k->n == 152 && k->rows[0].issued_at == T_ISSUE + 100000 + 149 * 1000);
    CHECK(k->n == 152 && k->rows[151].issued_at == T_ISSUE);
    free(k);
  }
  int n = 0;
  CHECK_RC(s, qk_store_prize_list(s, 150, 50, count_rows, &n), QK_STORE_OK);
  CHECK(n == 2);
  CHECK_RC(s, qk_store_prize_list(s, 0, 0, count_rows, &n), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_prize_list(s, -1, 10, count_rows, &n), QK_STORE_INVALID);
  /* The list is served by its index, not a sort of the table. */
  sqlite3 *ro = NULL;
  sqlite3_stmt *st = NULL;
  int indexed = 0;
  if (sqlite3_open_v2(path, &ro, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(ro, "EXPLAIN QUERY PLAN SELECT p.session_id FROM prize_codes p JOIN sessions s "
                             "ON s.id = p.session_id ORDER BY p.issued_at DESC, p.session_id DESC LIMIT 50",
                         -1, &st, NULL) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW) {
      const char *detail = (const char *)sqlite3_column_text(st, 3);
      if (detail && strstr(detail, "prize_codes_by_issue")) indexed = 1;
      if (detail && strstr(detail, "TEMP B-TREE")) indexed = 0, printf("plan sorts: %s\n", detail);
    }
  sqlite3_finalize(st);
  sqlite3_close(ro);
  CHECK(indexed);
  qk_store_close(s);
}

/* An old database (schema 3, from before the fleet) upgrades to the latest
** schema and its completed sessions get codes like any other. */
static void upgrade(const char *src, const char *dir) {
  char fixture[4200], path[4200], code[QK_PRIZE_CODE_LEN];
  snprintf(fixture, sizeof fixture, "%s/tests/fleet/fixtures/v3.db", src);
  test_db(dir, "upgraded.db", path, sizeof path);
  copy_file(fixture, path);
  CHECK(test_sql(path, "PRAGMA user_version", NULL, 0) == 3);
  qk_store *s = test_open(path);
  if (!s) return;
  CHECK(qk_store_schema_version(s) == qk_store_latest_schema_version());
  CHECK(test_sql(path, "SELECT count(*) FROM prize_codes", NULL, 0) == 0);
  CHECK_RC(s, qk_store_prize_issue(s, 1, "recruit", T_ISSUE, code), QK_STORE_OK);
  CHECK(qk_store_prize_check(s, code, NULL) == QK_PRIZE_VALID);
  CHECK_RC(s, qk_store_prize_issue(s, 3, "recruit", T_ISSUE, code), QK_STORE_INVALID); /* abandoned */
  qk_store_close(s);
  /* Reopened: nothing migrates twice, the code stays. */
  s = test_open(path);
  if (!s) return;
  CHECK(test_sql(path, "SELECT count(*) FROM prize_codes", NULL, 0) == 1);
  char again[QK_PRIZE_CODE_LEN];
  CHECK_RC(s, qk_store_prize_issue(s, 1, "recruit", T_ISSUE + 1, again), QK_STORE_OK);
  qk_store_close(s);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: qk_prize_store_test SOURCE_DIR WORK_DIR\n");
    return 2;
  }
  char dir[4200];
  snprintf(dir, sizeof dir, "%s/issue", argv[2]);
  issue_and_check(dir);
  snprintf(dir, sizeof dir, "%s/upgrade", argv[2]);
  upgrade(argv[1], dir);
  return check_result("prize_store");
}
