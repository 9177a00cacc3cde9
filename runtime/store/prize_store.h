/*
** prize_store.h — the store's record of prize codes (issue 15): which
** completed session got which code and when, and whether and by whom it was
** redeemed; and the kiosk's prize key, which never leaves the store.
**
** The key: 32 random bytes made on the first issue and kept in the settings
** table under "prize.key", a name the setting calls refuse (as they refuse
** "pin."), so no script, not even the staff screen's, can read or replace
** it. Each kiosk makes its own: settings are not synced, so in a fleet a
** code verifies only on the kiosk that issued it ("not a code of this
** kiosk" elsewhere) and one kiosk's key leaking forges nothing at another.
** A backup holds the key with the codes, so a restored kiosk still
** verifies the codes it gave.
**
** The table is local to the kiosk, not queued in the fleet outbox: a code
** means something only with its kiosk's key, and redeeming it is the
** booth's business. The session it belongs to (with its UUID) is synced as
** ever.
*/
#ifndef QK_PRIZE_STORE_H
#define QK_PRIZE_STORE_H

#include "prize_code.h"
#include "store.h"

/* What checking or redeeming a typed code found (>= 0; errors are < 0). */
enum {
  QK_PRIZE_VALID = 0,     /* issued here and not redeemed (redeem: redeemed now) */
  QK_PRIZE_REDEEMED = 1,  /* issued here, redeemed already (row says when, by whom) */
  QK_PRIZE_NOT_OURS = 2,  /* forged, mistyped, or another kiosk's: fails the key check or names no issued code */
  QK_PRIZE_MALFORMED = 3  /* not 12 code characters at all */
};

typedef struct qk_prize_row {
  int64_t session_id;
  char code[QK_PRIZE_CODE_LEN];
  char app[64], exam[64];
  char name[QK_STORE_NAME_MAX]; /* the session's nickname, else name, else "" */
  double score;                 /* NAN when not scored */
  qk_ms issued_at;
  qk_ms redeemed_at;            /* 0: not redeemed */
  char redeemed_by[128], redeemed_kiosk[128];
} qk_prize_row;

/* The code of a completed session of app, the same every call: the first
** call makes the kiosk's key if there is none, derives the code from the
** session's UUID and records it (issued_at = now_ms); later calls return
** the recorded code. QK_STORE_NOTFOUND: no such session; QK_STORE_INVALID
** (message says which): the session is another app's or not completed. */
int qk_store_prize_issue(qk_store *s, int64_t session_id, const char *app, qk_ms now_ms,
                         char code[QK_PRIZE_CODE_LEN]);

/* Checks what staff typed: returns a QK_PRIZE_* verdict (row filled for
** VALID and REDEEMED; row may be NULL) or a negative QK_STORE_* error. A
** code that fails the key check is NOT_OURS before the table is read; one
** that passes must also be a recorded code that derives again from its
** session's UUID. Writes nothing (no key is made for a check). */
int qk_store_prize_check(qk_store *s, const char *typed, qk_prize_row *row);

/* Marks the code redeemed, once: QK_PRIZE_VALID when this call redeemed it
** (stamped now_ms, who, kiosk), QK_PRIZE_REDEEMED when it was already (the
** row keeps the first redemption), NOT_OURS / MALFORMED as check, or a
** negative error. who and kiosk: short texts ("staff screen", the kiosk id). */
int qk_store_prize_redeem(qk_store *s, const char *typed, const char *who, const char *kiosk, qk_ms now_ms,
                          qk_prize_row *row);

/* Issued codes, latest first, skipping offset and at most limit (1..1000).
** cb returns 0 to go on; the row is valid during the call. */
typedef int (*qk_prize_cb)(void *ud, const qk_prize_row *row);
int qk_store_prize_list(qk_store *s, int offset, int limit, qk_prize_cb cb, void *ud);
/* How many codes were issued and how many of them redeemed. */
int qk_store_prize_count(qk_store *s, int64_t *issued, int64_t *redeemed);

/* schema.c: the step that adds the prize_codes table. */
extern const char qk_store_migration_prize[];

#endif
