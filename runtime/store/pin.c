/*
** pin.c — the admin PIN that opens HR's hidden screen.
**
** A PIN has few digits, so what protects it is cost and lockout: it is
** stored as an argon2id hash (libsodium crypto_pwhash_str: salted, slow,
** memory-hard) so a copied database does not give it away cheaply, and
** wrong guesses lock the screen: after QK_PIN_LOCK_AFTER failures for
** QK_PIN_LOCK_FIRST_MS, doubling with each further failure up to
** QK_PIN_LOCK_MAX_MS. The failure count and lock end live in the settings
** table ("pin.failures", "pin.locked_until"), so restarting the kiosk (or
** pulling its plug) does not reset them. The clock is the caller's now_ms.
*/
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define KEY_HASH "pin.hash"
#define KEY_FAILS "pin.failures"
#define KEY_UNTIL "pin.locked_until"

static int valid_pin(const char *pin) {
  size_t n = pin ? strlen(pin) : 0;
  if (n < 4 || n > 12) return 0;
  for (size_t i = 0; i < n; i++)
    if (pin[i] < '0' || pin[i] > '9') return 0;
  return 1;
}

static int get_int(qk_store *s, const char *key, int64_t *v) {
  char buf[32];
  int rc = qk_store_setting_raw_get(s, key, buf, sizeof buf);
  *v = 0;
  if (rc == QK_STORE_NOTFOUND) return QK_STORE_OK;
  if (rc) return rc;
  *v = strtoll(buf, NULL, 10);
  return QK_STORE_OK;
}

static int set_int(qk_store *s, const char *key, int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)v);
  return qk_store_setting_raw_set(s, key, buf);
}

int qk_store_set_pin(qk_store *s, const char *pin) {
  char hash[crypto_pwhash_STRBYTES];
  if (!valid_pin(pin)) return qk_store_fail(s, QK_STORE_INVALID, "the admin PIN must be 4 to 12 digits");
  if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return qk_store_fail(s, QK_STORE_ERROR, "hashing the PIN failed (out of memory?)");
  int rc = qk_store_begin(s);
  if (rc) return rc;
  if (!(rc = qk_store_setting_raw_set(s, KEY_HASH, hash)) && !(rc = set_int(s, KEY_FAILS, 0)))
    rc = set_int(s, KEY_UNTIL, 0);
  sodium_memzero(hash, sizeof hash);
  return qk_store_end(s, rc);
}

int qk_store_pin_is_set(qk_store *s) {
  char hash[crypto_pwhash_STRBYTES];
  int rc = qk_store_setting_raw_get(s, KEY_HASH, hash, sizeof hash);
  return rc == QK_STORE_OK ? 1 : rc == QK_STORE_NOTFOUND ? 0 : rc;
}

/* Lock length after the n-th consecutive failure, 0 if none yet. */
static int64_t lock_ms(int64_t failures) {
  if (failures < QK_PIN_LOCK_AFTER) return 0;
  int64_t shift = failures - QK_PIN_LOCK_AFTER, ms = QK_PIN_LOCK_FIRST_MS;
  while (shift-- > 0 && ms < QK_PIN_LOCK_MAX_MS) ms *= 2;
  return ms < QK_PIN_LOCK_MAX_MS ? ms : QK_PIN_LOCK_MAX_MS;
}

/* The verdict (QK_PIN_*) or a negative error; runs inside a transaction. */
static int verify(qk_store *s, const char *pin, qk_ms now_ms, int64_t *remaining) {
  char hash[crypto_pwhash_STRBYTES];
  int64_t fails, until;
  int rc = qk_store_setting_raw_get(s, KEY_HASH, hash, sizeof hash);
  if (rc == QK_STORE_NOTFOUND) return QK_PIN_NOT_SET;
  if (rc || (rc = get_int(s, KEY_FAILS, &fails)) || (rc = get_int(s, KEY_UNTIL, &until))) return rc;
  if (until > now_ms) {
    /* Locked: do not even look at the PIN. A clock set back must not
    ** stretch the lock past the cap, so clamp it (and remember that). */
    if (until - now_ms > QK_PIN_LOCK_MAX_MS) {
      until = now_ms + QK_PIN_LOCK_MAX_MS;
      if ((rc = set_int(s, KEY_UNTIL, until))) return rc;
    }
    *remaining = until - now_ms;
    return QK_PIN_LOCKED;
  }
  int ok = valid_pin(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
  if (ok) {
    if (fails || until) {
      if ((rc = set_int(s, KEY_FAILS, 0)) || (rc = set_int(s, KEY_UNTIL, 0))) return rc;
    }
    return QK_PIN_OK;
  }
  fails++;
  int64_t ms = lock_ms(fails);
  if ((rc = set_int(s, KEY_FAILS, fails))) return rc;
  if (ms && (rc = set_int(s, KEY_UNTIL, now_ms + ms))) return rc;
  *remaining = ms;
  return QK_PIN_WRONG;
}

int qk_store_verify_pin(qk_store *s, const char *pin, qk_ms now_ms, int64_t *remaining_ms) {
  int64_t remaining = 0;
  /* One transaction: the count read and the count written cannot interleave
  ** with another verify. */
  int rc = qk_store_begin(s);
  if (rc) return rc;
  int verdict = verify(s, pin, now_ms, &remaining);
  rc = qk_store_end(s, verdict < 0 ? verdict : QK_STORE_OK);
  if (rc < 0) return rc;
  if (remaining_ms) *remaining_ms = remaining;
  return verdict;
}
