/*
** prize.c — prize codes in the store (prize_store.h): the kiosk's key, the
** prize_codes table and its migration, issue / check / redeem / list. The
** code arithmetic is runtime/prize/prize_code.c.
**
** Its statements are prepared per call rather than in the store's cache
** (stmt.c): a code is issued once per visitor and checked by staff now and
** then, so a prepare (microseconds) costs nothing worth a cache slot.
*/
#include "store_int.h"
#include "prize_store.h"

#include <math.h>
#include <sodium.h>
#include <string.h>

#define KEY_SETTING "prize.key"

/* 5 -> 6. Shipped SQL is never edited (schema.c). session_id is the key:
** one code per session. The index serves the staff list, latest first. */
const char qk_store_migration_prize[] =
    "CREATE TABLE prize_codes(\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions(id),\n"
    "  code TEXT NOT NULL UNIQUE,\n"
    "  issued_at INTEGER NOT NULL,\n"
    "  redeemed_at INTEGER,\n"
    "  redeemed_by TEXT,\n"
    "  redeemed_kiosk TEXT);\n"
    "CREATE INDEX prize_codes_by_issue ON prize_codes(issued_at, session_id);\n";

#define NAME_SQL                                                                                 \
  "coalesce((SELECT nullif(value, '') FROM candidates WHERE session_id = s.id AND field = 'nickname'), " \
  "(SELECT nullif(value, '') FROM candidates WHERE session_id = s.id AND field = 'name'), '')"
#define ROW_COLS                                                                       \
  "p.session_id, p.code, e.app, e.exam, " NAME_SQL ", s.score, p.issued_at, p.redeemed_at, " \
  "p.redeemed_by, p.redeemed_kiosk, s.uuid"
#define ROW_FROM " FROM prize_codes p JOIN sessions s ON s.id = p.session_id JOIN exams e ON e.id = s.exam_ref"

static sqlite3_stmt *prepare(qk_store *s, const char *sql, const char *what) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) {
    qk_store_sqlfail(s, rc, what);
    sqlite3_finalize(st);
    return NULL;
  }
  return st;
}

static void read_row(sqlite3_stmt *st, qk_prize_row *r) {
  memset(r, 0, sizeof *r);
  r->session_id = sqlite3_column_int64(st, 0);
  snprintf(r->code, sizeof r->code, "%s", qk_store_col_text(st, 1));
  snprintf(r->app, sizeof r->app, "%s", qk_store_col_text(st, 2));
  snprintf(r->exam, sizeof r->exam, "%s", qk_store_col_text(st, 3));
  qk_store_copy_utf8(r->name, sizeof r->name, qk_store_col_text(st, 4));
  r->score = qk_store_col_real(st, 5);
  r->issued_at = sqlite3_column_int64(st, 6);
  r->redeemed_at = sqlite3_column_int64(st, 7);
  qk_store_copy_utf8(r->redeemed_by, sizeof r->redeemed_by, qk_store_col_text(st, 8));
  qk_store_copy_utf8(r->redeemed_kiosk, sizeof r->redeemed_kiosk, qk_store_col_text(st, 9));
}

/* The key into key: QK_STORE_OK, NOTFOUND when none was made yet and
** create is 0, else an error. Making one writes a setting: call inside a
** transaction. */
static int get_key(qk_store *s, unsigned char key[QK_PRIZE_KEY_BYTES], int create) {
  char hex[2 * QK_PRIZE_KEY_BYTES + 1];
  size_t n = 0;
  int rc = qk_store_setting_raw_get(s, KEY_SETTING, hex, sizeof hex);
  if (rc == QK_STORE_OK) {
    if (sodium_hex2bin(key, QK_PRIZE_KEY_BYTES, hex, strlen(hex), NULL, &n, NULL) != 0 || n != QK_PRIZE_KEY_BYTES)
      rc = qk_store_fail(s, QK_STORE_CORRUPT, "the kiosk's prize key (setting %s) is damaged", KEY_SETTING);
    sodium_memzero(hex, sizeof hex);
    return rc;
  }
  if (rc != QK_STORE_NOTFOUND || !create) return rc;
  if (qk_prize_new_key(key)) return qk_store_fail(s, QK_STORE_ERROR, "libsodium could not start: no prize key");
  sodium_bin2hex(hex, sizeof hex, key, QK_PRIZE_KEY_BYTES);
  rc = qk_store_setting_raw_set(s, KEY_SETTING, hex);
  sodium_memzero(hex, sizeof hex);
  return rc;
}

/* In a transaction: the recorded code of the session, or a new one. */
static int issue(qk_store *s, int64_t session_id, const char *app, qk_ms now_ms, char code[QK_PRIZE_CODE_LEN]) {
  sqlite3_stmt *st = prepare(s,
                             "SELECT s.status, e.app, s.uuid, (SELECT code FROM prize_codes WHERE session_id = s.id) "
                             "FROM sessions s JOIN exams e ON e.id = s.exam_ref WHERE s.id = ?1",
                             "reading the session for its prize code");
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, session_id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    sqlite3_finalize(st);
    return qk_store_fail(s, QK_STORE_NOTFOUND, "there is no session %lld", (long long)session_id);
  }
  if (rc != SQLITE_ROW) {
    rc = qk_store_sqlfail(s, rc, "reading the session for its prize code");
    sqlite3_finalize(st);
    return rc;
  }
  char uuid[64];
  int is_app = !strcmp(qk_store_col_text(st, 1), app);
  int completed = !strcmp(qk_store_col_text(st, 0), "completed");
  snprintf(uuid, sizeof uuid, "%s", qk_store_col_text(st, 2));
  int have = sqlite3_column_type(st, 3) != SQLITE_NULL;
  if (have) snprintf(code, QK_PRIZE_CODE_LEN, "%s", qk_store_col_text(st, 3));
  sqlite3_finalize(st);
  if (!is_app) return qk_store_fail(s, QK_STORE_INVALID, "session %lld is not one of this app's", (long long)session_id);
  if (!completed)
    return qk_store_fail(s, QK_STORE_INVALID, "session %lld is not completed: only a completed session gets a prize code",
                         (long long)session_id);
  if (have) return QK_STORE_OK;
  if (!uuid[0]) return qk_store_fail(s, QK_STORE_ERROR, "session %lld has no UUID", (long long)session_id);

  unsigned char key[QK_PRIZE_KEY_BYTES];
  if ((rc = get_key(s, key, 1))) return rc;
  rc = qk_prize_code(key, uuid, code);
  sodium_memzero(key, sizeof key);
  if (rc) return qk_store_fail(s, QK_STORE_ERROR, "libsodium could not start: no prize code");
  if (!(st = prepare(s, "INSERT INTO prize_codes(session_id, code, issued_at) VALUES(?1, ?2, ?3)",
                     "recording the prize code")))
    return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, session_id);
  sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, now_ms);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc == SQLITE_CONSTRAINT)
    /* Two sessions' 45-bit first parts collided (prize_code.h: about 1 in
    ** 3 million at 5,000 codes). Said plainly rather than given twice. */
    return qk_store_fail(s, QK_STORE_ERROR, "session %lld's prize code equals another session's; none was issued",
                         (long long)session_id);
  if (rc != SQLITE_DONE) return qk_store_sqlfail(s, rc, "recording the prize code");
  return QK_STORE_OK;
}

int qk_store_prize_issue(qk_store *s, int64_t session_id, const char *app, qk_ms now_ms,
                         char code[QK_PRIZE_CODE_LEN]) {
  code[0] = 0;
  if (!app || !*app) return qk_store_fail(s, QK_STORE_INVALID, "prize code: no app named");
  int rc = qk_store_begin(s);
  if (rc) return rc;
  rc = qk_store_end(s, issue(s, session_id, app, now_ms, code));
  if (rc) code[0] = 0;
  return rc;
}

/* The verdict on typed text (row filled for VALID / REDEEMED), reading only. */
static int check(qk_store *s, const char *typed, qk_prize_row *row) {
  char canon[QK_PRIZE_CODE_LEN], again[QK_PRIZE_CODE_LEN];
  unsigned char key[QK_PRIZE_KEY_BYTES];
  if (qk_prize_normalize(typed, canon)) return QK_PRIZE_MALFORMED;
  int rc = get_key(s, key, 0);
  if (rc == QK_STORE_NOTFOUND) return QK_PRIZE_NOT_OURS; /* no code was ever issued here */
  if (rc) return rc;
  int plausible = qk_prize_code_plausible(key, canon);
  if (plausible <= 0) {
    sodium_memzero(key, sizeof key);
    return plausible < 0 ? qk_store_fail(s, QK_STORE_ERROR, "libsodium could not start") : QK_PRIZE_NOT_OURS;
  }
  sqlite3_stmt *st = prepare(s, "SELECT " ROW_COLS ROW_FROM " WHERE p.code = ?1", "looking up a prize code");
  if (!st) {
    sodium_memzero(key, sizeof key);
    return QK_STORE_ERROR;
  }
  sqlite3_bind_text(st, 1, canon, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    read_row(st, row);
    /* The record must be the code its session derives to: a row written
    ** by hand into the database proves nothing. */
    rc = qk_prize_code(key, qk_store_col_text(st, 10), again) == 0 && !strcmp(again, canon)
             ? (row->redeemed_at ? QK_PRIZE_REDEEMED : QK_PRIZE_VALID)
             : QK_PRIZE_NOT_OURS;
  } else if (rc == SQLITE_DONE) {
    rc = QK_PRIZE_NOT_OURS;
  } else {
    rc = qk_store_sqlfail(s, rc, "looking up a prize code");
  }
  sqlite3_finalize(st);
  sodium_memzero(key, sizeof key);
  return rc;
}

int qk_store_prize_check(qk_store *s, const char *typed, qk_prize_row *row) {
  qk_prize_row scratch;
  return check(s, typed, row ? row : &scratch);
}

static int redeem(qk_store *s, const char *typed, const char *who, const char *kiosk, qk_ms now_ms,
                  qk_prize_row *row) {
  int verdict = check(s, typed, row);
  if (verdict != QK_PRIZE_VALID) return verdict;
  sqlite3_stmt *st = prepare(s,
                             "UPDATE prize_codes SET redeemed_at = ?2, redeemed_by = ?3, redeemed_kiosk = ?4 "
                             "WHERE session_id = ?1 AND redeemed_at IS NULL",
                             "marking a prize code redeemed");
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, row->session_id);
  sqlite3_bind_int64(st, 2, now_ms);
  sqlite3_bind_text(st, 3, who, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, kiosk, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return qk_store_sqlfail(s, rc, "marking a prize code redeemed");
  row->redeemed_at = now_ms;
  qk_store_copy_utf8(row->redeemed_by, sizeof row->redeemed_by, who);
  qk_store_copy_utf8(row->redeemed_kiosk, sizeof row->redeemed_kiosk, kiosk);
  return QK_PRIZE_VALID;
}

int qk_store_prize_redeem(qk_store *s, const char *typed, const char *who, const char *kiosk, qk_ms now_ms,
                          qk_prize_row *row) {
  qk_prize_row scratch;
  if (!who || !*who || !kiosk || !*kiosk)
    return qk_store_fail(s, QK_STORE_INVALID, "redeeming a prize code needs who and which kiosk");
  /* One write transaction: two staff redeeming the same code at once
  ** cannot both see it unredeemed. */
  int rc = qk_store_begin(s);
  if (rc) return rc;
  int verdict = redeem(s, typed, who, kiosk, now_ms, row ? row : &scratch);
  rc = qk_store_end(s, verdict < 0 ? verdict : QK_STORE_OK);
  return rc < 0 ? rc : verdict;
}

int qk_store_prize_list(qk_store *s, int offset, int limit, qk_prize_cb cb, void *ud) {
  if (offset < 0 || limit < 1 || limit > 1000)
    return qk_store_fail(s, QK_STORE_INVALID, "prize list: offset %d, limit %d (1 to 1000)", offset, limit);
  sqlite3_stmt *st = prepare(s,
                             "SELECT " ROW_COLS ROW_FROM " ORDER BY p.issued_at DESC, p.session_id DESC "
                             "LIMIT ?1 OFFSET ?2",
                             "listing prize codes");
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int(st, 1, limit);
  sqlite3_bind_int(st, 2, offset);
  int rc, stop = 0;
  qk_prize_row r;
  while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    read_row(st, &r);
    stop = cb(ud, &r);
  }
  if (stop) rc = stop;
  else if (rc == SQLITE_DONE) rc = QK_STORE_OK;
  else rc = qk_store_sqlfail(s, rc, "listing prize codes");
  sqlite3_finalize(st);
  return rc;
}

int qk_store_prize_count(qk_store *s, int64_t *issued, int64_t *redeemed) {
  sqlite3_stmt *st = prepare(s, "SELECT count(*), count(redeemed_at) FROM prize_codes", "counting prize codes");
  if (!st) return QK_STORE_ERROR;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *issued = sqlite3_column_int64(st, 0);
    *redeemed = sqlite3_column_int64(st, 1);
    rc = QK_STORE_OK;
  } else {
    rc = qk_store_sqlfail(s, rc, "counting prize codes");
  }
  sqlite3_finalize(st);
  return rc;
}
