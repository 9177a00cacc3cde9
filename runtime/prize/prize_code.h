/*
** prize_code.h — the prize code: a short, typeable code derived from a
** session's UUID with a key kept on the kiosk, so a visitor cannot make one
** up. This module owns only the arithmetic (derive, normalise, check); the
** key's keeping and the record of issued codes are the store's
** (runtime/store/prize.c).
**
** A code is 12 Crockford base32 characters (digits and capitals without I,
** L, O, U), shown in three groups: "ABCD-EFGH-JKMN". Its 60 bits are
**   h (45 bits) = keyed BLAKE2b (libsodium crypto_generichash) of the UUID
**   t (15 bits) = keyed BLAKE2b of h, under another label
** so a code can be checked with the key alone before anything is looked up:
** a made-up or mistyped code passes that check with odds 1 in 32,768, and
** even then names no issued code unless its 45 bits match one (an issued
** code is confirmed by deriving it again from its session's UUID). Forging
** a valid code means guessing 60 keyed bits: with 10,000 codes issued,
** about 1 chance in 10^14 per try. Two sessions share a code only if their
** 45-bit h collide (about 1 in 3 million for 5,000 codes: 5000^2/2 pairs in 2^45).
**
** Reading a typed code is forgiving: case does not matter, O reads as 0,
** I and L as 1, and spaces and dashes are ignored.
*/
#ifndef QK_PRIZE_CODE_H
#define QK_PRIZE_CODE_H

#include <stddef.h>

#define QK_PRIZE_KEY_BYTES 32    /* the kiosk's secret */
#define QK_PRIZE_CODE_CHARS 12   /* without the dashes */
#define QK_PRIZE_CODE_LEN 15     /* "ABCD-EFGH-JKMN": 14 characters + NUL */

/* The code of uuid (any text; a session's UUID) under key, formatted with
** its dashes into out. Returns 0, or -1 when libsodium cannot start (out is
** then ""). */
int qk_prize_code(const unsigned char key[QK_PRIZE_KEY_BYTES], const char *uuid, char out[QK_PRIZE_CODE_LEN]);

/* Reads what a person typed into the canonical form ("ABCD-EFGH-JKMN"):
** returns 0, or -1 when it is not 12 base32 characters after folding case,
** O/0, I/L/1 and dropping spaces and dashes (out is then ""). */
int qk_prize_normalize(const char *typed, char out[QK_PRIZE_CODE_LEN]);

/* 1 when the canonical code's check part matches its first part under key
** (the code may have come from this kiosk), 0 when it cannot have (forged,
** mistyped, another kiosk's key), -1 when libsodium cannot start. Constant
** time in the check part. */
int qk_prize_code_plausible(const unsigned char key[QK_PRIZE_KEY_BYTES], const char *canonical);

/* A new random key (libsodium's randombytes). Returns 0, or -1 when
** libsodium cannot start. */
int qk_prize_new_key(unsigned char key[QK_PRIZE_KEY_BYTES]);

#endif
