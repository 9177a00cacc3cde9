/*
** pin_test.c — the admin PIN: validation, argon2id storage, verify, and the
** lockout growing 30 s, 60 s, 120 s ... up to the cap, kept across a
** restart, clamped when the clock goes back, reset by a right PIN. Uses an
** explicit clock (now_ms) throughout.
** Usage: qk_store_pin_test DIR
*/
#include "check.h"

#include <sqlite3.h>

#define SEC ((qk_ms)1000)

static qk_store *reopen(qk_store *s, const char *path) {
  char err[300];
  qk_store_close(s);
  s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  return s;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-pin-test";
  char path[4200], err[300];
  qk_store *s = NULL;
  int64_t rem = -1;
  test_db(dir, "pin.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return 1;

  CHECK(qk_store_pin_is_set(s) == 0);
  CHECK(qk_store_verify_pin(s, "1234", 0, &rem) == QK_PIN_NOT_SET);
  CHECK_RC(s, qk_store_set_pin(s, "123"), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "4 to 12 digits") != NULL);
  CHECK_RC(s, qk_store_set_pin(s, "12a4"), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_set_pin(s, "1234567890123"), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_set_pin(s, NULL), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_set_pin(s, "246810"), QK_STORE_OK);
  CHECK(qk_store_pin_is_set(s) == 1);

  /* Stored as an argon2id hash, never as the PIN. */
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = 'pin.hash'", -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  const char *hash = (const char *)sqlite3_column_text(st, 0);
  CHECK(hash && !strncmp(hash, "$argon2id$", 10) && !strstr(hash, "246810"));
  sqlite3_finalize(st);
  sqlite3_close(db);

  qk_ms t = 1000000000;
  CHECK(qk_store_verify_pin(s, "246810", t, &rem) == QK_PIN_OK && rem == 0);
  /* Two wrong: no lock yet. */
  CHECK(qk_store_verify_pin(s, "000000", t, &rem) == QK_PIN_WRONG && rem == 0);
  CHECK(qk_store_verify_pin(s, "", t, &rem) == QK_PIN_WRONG && rem == 0);
  /* Third: locked 30 s. */
  CHECK(qk_store_verify_pin(s, "111111", t, &rem) == QK_PIN_WRONG && rem == 30 * SEC);
  /* Locked: even the right PIN is not accepted, and time counts down. */
  CHECK(qk_store_verify_pin(s, "246810", t + 10 * SEC, &rem) == QK_PIN_LOCKED && rem == 20 * SEC);
  /* A restart (or power cut) does not lift it. */
  s = reopen(s, path);
  if (!s) return 1;
  CHECK(qk_store_verify_pin(s, "246810", t + 29 * SEC, &rem) == QK_PIN_LOCKED && rem == 1 * SEC);
  /* Each further failure doubles: 60 s, 120 s, ... up to 15 min. */
  t += 30 * SEC;
  int64_t want = 60 * SEC;
  for (int i = 0; i < 8; i++) {
    CHECK(qk_store_verify_pin(s, "999999", t, &rem) == QK_PIN_WRONG);
    CHECK(rem == want);
    if (rem != want) fprintf(stderr, "failure %d: lock %lld, wanted %lld\n", i + 4, (long long)rem, (long long)want);
    CHECK(qk_store_verify_pin(s, "246810", t + rem - 1, &rem) == QK_PIN_LOCKED && rem == 1);
    t += want;
    want = want * 2 > QK_PIN_LOCK_MAX_MS ? QK_PIN_LOCK_MAX_MS : want * 2;
  }
  CHECK(want == QK_PIN_LOCK_MAX_MS);
  /* Clock set back a day while locked: the lock is capped, not a day long. */
  CHECK(qk_store_verify_pin(s, "999999", t, &rem) == QK_PIN_WRONG && rem == QK_PIN_LOCK_MAX_MS);
  qk_ms back = t - 24 * 3600 * SEC;
  CHECK(qk_store_verify_pin(s, "246810", back, &rem) == QK_PIN_LOCKED && rem == QK_PIN_LOCK_MAX_MS);
  CHECK(qk_store_verify_pin(s, "246810", back + 5 * SEC, &rem) == QK_PIN_LOCKED &&
        rem == QK_PIN_LOCK_MAX_MS - 5 * SEC);
  back += QK_PIN_LOCK_MAX_MS;
  /* Right PIN after the lock: ok, and the count starts again. */
  CHECK(qk_store_verify_pin(s, "246810", back, &rem) == QK_PIN_OK);
  CHECK(qk_store_verify_pin(s, "000000", back, &rem) == QK_PIN_WRONG && rem == 0);
  CHECK(qk_store_verify_pin(s, "000000", back, &rem) == QK_PIN_WRONG && rem == 0);
  /* Setting a new PIN resets the lockout too. */
  CHECK(qk_store_verify_pin(s, "000000", back, &rem) == QK_PIN_WRONG && rem == 30 * SEC);
  CHECK_RC(s, qk_store_set_pin(s, "1357"), QK_STORE_OK);
  CHECK(qk_store_verify_pin(s, "246810", back, &rem) == QK_PIN_WRONG && rem == 0);
  CHECK(qk_store_verify_pin(s, "1357", back, &rem) == QK_PIN_OK);
  /* Scripts cannot reach the PIN's settings. */
  CHECK_RC(s, qk_store_setting_set(s, "pin.locked_until", "0"), QK_STORE_INVALID);
  qk_store_close(s);
  return check_result("store_pin");
}
