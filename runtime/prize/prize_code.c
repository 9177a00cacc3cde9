/*
** prize_code.c — deriving, reading and checking prize codes (prize_code.h).
** Keyed BLAKE2b through libsodium's crypto_generichash: a MAC made for
** this (a key of 32 bytes, any output length), already linked for the PIN.
** Each of the two hashes starts with its own label, so the first part and
** the check part are independent functions of the key.
*/
#include "prize_code.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#define H_BITS 45
#define T_BITS 15

/* Crockford's base32: the digits, then the capitals without I, L, O, U. */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static const char CODE_LABEL[] = "quizkiosk prize code v1\n";
static const char CHECK_LABEL[] = "quizkiosk prize check v1\n";

static int ready(void) { return sodium_init() >= 0 ? 0 : -1; }

/* The first `bits` bits of the keyed hash of label || data, as an integer. */
static uint64_t keyed_bits(const unsigned char *key, const char *label, const void *data, size_t len, int bits) {
  unsigned char out[crypto_generichash_BYTES_MIN];
  crypto_generichash_state st;
  crypto_generichash_init(&st, key, QK_PRIZE_KEY_BYTES, sizeof out);
  crypto_generichash_update(&st, (const unsigned char *)label, strlen(label));
  crypto_generichash_update(&st, data, len);
  crypto_generichash_final(&st, out, sizeof out);
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v = v << 8 | out[i];
  sodium_memzero(&st, sizeof st);
  return v >> (64 - bits);
}

static uint64_t check_of(const unsigned char *key, uint64_t h) {
  unsigned char b[6];
  for (int i = 0; i < 6; i++) b[i] = (unsigned char)(h >> (8 * (5 - i)));
  return keyed_bits(key, CHECK_LABEL, b, sizeof b, T_BITS);
}

/* 60 bits as "XXXX-XXXX-XXXX". */
static void format(uint64_t v, char out[QK_PRIZE_CODE_LEN]) {
  int o = 0;
  for (int i = 0; i < QK_PRIZE_CODE_CHARS; i++) {
    if (i == 4 || i == 8) out[o++] = '-';
    out[o++] = ALPHABET[(v >> (5 * (QK_PRIZE_CODE_CHARS - 1 - i))) & 31];
  }
  out[o] = 0;
}

/* The value of one typed character, folded; -1 when it is no code character. */
static int digit_of(char c) {
  if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  for (int i = 0; i < 32; i++)
    if (ALPHABET[i] == c) return i;
  return -1;
}

/* The 60-bit value of typed text, or -1 (as all bits set) when it is not a code. */
static int parse(const char *typed, uint64_t *v) {
  int n = 0;
  *v = 0;
  for (const char *p = typed; p && *p; p++) {
    if (*p == '-' || *p == ' ') continue;
    int d = digit_of(*p);
    if (d < 0 || ++n > QK_PRIZE_CODE_CHARS) return -1;
    *v = *v << 5 | (uint64_t)d;
  }
  return n == QK_PRIZE_CODE_CHARS ? 0 : -1;
}

int qk_prize_code(const unsigned char key[QK_PRIZE_KEY_BYTES], const char *uuid, char out[QK_PRIZE_CODE_LEN]) {
  out[0] = 0;
  if (ready() || !uuid) return -1;
  uint64_t h = keyed_bits(key, CODE_LABEL, uuid, strlen(uuid), H_BITS);
  format(h << T_BITS | check_of(key, h), out);
  return 0;
}

int qk_prize_normalize(const char *typed, char out[QK_PRIZE_CODE_LEN]) {
  uint64_t v;
  out[0] = 0;
  if (parse(typed, &v)) return -1;
  format(v, out);
  return 0;
}

int qk_prize_code_plausible(const unsigned char key[QK_PRIZE_KEY_BYTES], const char *canonical) {
  uint64_t v;
  if (ready()) return -1;
  if (parse(canonical, &v)) return 0;
  unsigned char want[2], got[2];
  uint64_t t = check_of(key, v >> T_BITS);
  want[0] = (unsigned char)(t >> 8), want[1] = (unsigned char)t;
  got[0] = (unsigned char)((v >> 8) & 0x7f), got[1] = (unsigned char)v;
  return sodium_memcmp(want, got, sizeof want) == 0;
}

int qk_prize_new_key(unsigned char key[QK_PRIZE_KEY_BYTES]) {
  if (ready()) return -1;
  randombytes_buf(key, QK_PRIZE_KEY_BYTES);
  return 0;
}
