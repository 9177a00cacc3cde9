/*
** code_test.c — the prize code's arithmetic (runtime/prize/prize_code.c):
** derivation stable across calls and equal to a value computed here from
** libsodium directly (so a change of format or labels cannot slip by),
** distinct sessions get distinct codes, every single-character change and
** random codes fail the key check, another key's codes fail it, and typing
** is forgiving: lower case, O for 0, I and L for 1, spaces and dashes.
*/
#include "prize_code.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define CHECK(c)                                                              \
  do {                                                                        \
    if (!(c)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
      failures++;                                                             \
    }                                                                         \
  } while (0)

static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The derivation written out again from prize_code.h's description. */
static void reference(const unsigned char *key, const char *uuid, char out[QK_PRIZE_CODE_LEN]) {
  unsigned char a[16], b[16], hb[6];
  crypto_generichash_state st;
  crypto_generichash_init(&st, key, 32, 16);
  crypto_generichash_update(&st, (const unsigned char *)"quizkiosk prize code v1\n", 24);
  crypto_generichash_update(&st, (const unsigned char *)uuid, strlen(uuid));
  crypto_generichash_final(&st, a, 16);
  uint64_t h = 0;
  for (int i = 0; i < 8; i++) h = h << 8 | a[i];
  h >>= 64 - 45;
  for (int i = 0; i < 6; i++) hb[i] = (unsigned char)(h >> (40 - 8 * i));
  crypto_generichash_init(&st, key, 32, 16);
  crypto_generichash_update(&st, (const unsigned char *)"quizkiosk prize check v1\n", 25);
  crypto_generichash_update(&st, hb, 6);
  crypto_generichash_final(&st, b, 16);
  uint64_t t = ((uint64_t)b[0] << 8 | b[1]) >> 1;
  uint64_t v = h << 15 | t;
  int o = 0;
  for (int i = 0; i < 12; i++) {
    if (i == 4 || i == 8) out[o++] = '-';
    out[o++] = ALPHABET[(v >> (5 * (11 - i))) & 31];
  }
  out[o] = 0;
}

int main(void) {
  unsigned char key[QK_PRIZE_KEY_BYTES], other[QK_PRIZE_KEY_BYTES];
  for (int i = 0; i < QK_PRIZE_KEY_BYTES; i++) key[i] = (unsigned char)(i * 7 + 1), other[i] = key[i];
  other[31] ^= 1; /* one bit apart */
  const char *uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
  char c1[QK_PRIZE_CODE_LEN], c2[QK_PRIZE_CODE_LEN], ref[QK_PRIZE_CODE_LEN], n[QK_PRIZE_CODE_LEN];

  /* Stable, and the documented construction. */
  CHECK(qk_prize_code(key, uuid, c1) == 0);
  CHECK(qk_prize_code(key, uuid, c2) == 0);
  CHECK(!strcmp(c1, c2));
  CHECK(strlen(c1) == 14 && c1[4] == '-' && c1[9] == '-');
  reference(key, uuid, ref);
  CHECK(!strcmp(c1, ref));
  printf("code of %s: %s\n", uuid, c1);
  CHECK(qk_prize_code_plausible(key, c1) == 1);
  /* Another kiosk's key: a different code, and ours fails its check. */
  CHECK(qk_prize_code(other, uuid, c2) == 0 && strcmp(c1, c2) != 0);
  CHECK(qk_prize_code_plausible(other, c1) == 0);

  /* Folding: lower case, O->0, I/L->1, spaces and dashes ignored. */
  char typed[64];
  size_t o = 0;
  for (const char *p = c1; *p; p++) {
    char ch = *p;
    if (ch == '-') { typed[o++] = ' '; continue; }
    if (ch == '0') ch = (o % 2) ? 'O' : 'o';
    else if (ch == '1') ch = (o % 3 == 0) ? 'I' : (o % 3 == 1) ? 'l' : 'L';
    else if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    typed[o++] = ch;
  }
  typed[o] = 0;
  CHECK(qk_prize_normalize(typed, n) == 0 && !strcmp(n, c1));
  CHECK(qk_prize_normalize("oil0-1LIO-0000", n) == 0 && !strcmp(n, "0110-1110-0000"));
  CHECK(qk_prize_normalize("ABCD-EFGH-JKMN", n) == 0 && !strcmp(n, "ABCD-EFGH-JKMN"));
  CHECK(qk_prize_normalize("abcdefghjkmn", n) == 0 && !strcmp(n, "ABCD-EFGH-JKMN"));
  /* Not codes: too short, too long, U (not in the alphabet), punctuation, empty, NULL. */
  CHECK(qk_prize_normalize("ABCD-EFGH-JKM", n) == -1 && n[0] == 0);
  CHECK(qk_prize_normalize("ABCD-EFGH-JKMNP", n) == -1);
  CHECK(qk_prize_normalize("ABCD-EFGH-JKMU", n) == -1);
  CHECK(qk_prize_normalize("ABCD_EFGH_JKMN", n) == -1);
  CHECK(qk_prize_normalize("", n) == -1);
  CHECK(qk_prize_normalize(NULL, n) == -1);
  CHECK(qk_prize_code_plausible(key, "not a code") == 0);

  /* Every one-character change (a mistype or a tampering) fails the check:
  ** 12 positions x 31 other characters. */
  int mutated = 0, passed = 0;
  for (int i = 0; i < 14; i++) {
    if (c1[i] == '-') continue;
    for (int d = 0; d < 32; d++) {
      if (ALPHABET[d] == c1[i]) continue;
      char m[QK_PRIZE_CODE_LEN];
      memcpy(m, c1, sizeof m);
      m[i] = ALPHABET[d];
      mutated++;
      passed += qk_prize_code_plausible(key, m) == 1;
    }
  }
  CHECK(mutated == 12 * 31);
  CHECK(passed == 0);
  printf("one-character changes: %d tried, %d passed the key check\n", mutated, passed);
  /* Two swapped neighbours (the commonest slip) fail too. */
  int swaps = 0, swap_pass = 0;
  for (int i = 0; i + 1 < 14; i++) {
    if (c1[i] == '-' || c1[i + 1] == '-' || c1[i] == c1[i + 1]) continue;
    char m[QK_PRIZE_CODE_LEN];
    memcpy(m, c1, sizeof m);
    m[i] = c1[i + 1], m[i + 1] = c1[i];
    swaps++;
    swap_pass += qk_prize_code_plausible(key, m) == 1;
  }
  CHECK(swaps > 0 && swap_pass == 0);

  /* Random codes (a visitor making one up) pass the check about 1 in 2^15
  ** times: 200,000 tries. The draw is seeded, so the count is fixed; it
  ** must be near 200000 / 32768 = 6.1 (and far from 0 or thousands). */
  int random_pass = 0;
  unsigned char seed[randombytes_SEEDBYTES] = {42};
  unsigned char buf[8 * 4096];
  for (int round = 0; round < 50; round++) {
    seed[1] = (unsigned char)round;
    randombytes_buf_deterministic(buf, sizeof buf, seed);
    for (int k = 0; k < 4096; k++) {
      uint64_t v = 0;
      for (int j = 0; j < 8; j++) v = v << 8 | buf[8 * k + j];
      char m[QK_PRIZE_CODE_LEN];
      int q = 0;
      for (int i = 0; i < 12; i++) {
        if (i == 4 || i == 8) m[q++] = '-';
        m[q++] = ALPHABET[(v >> (5 * (11 - i))) & 31];
      }
      m[q] = 0;
      random_pass += qk_prize_code_plausible(key, m) == 1;
    }
  }
  printf("random codes: %d of 204800 passed the key check (expected about 6)\n", random_pass);
  CHECK(random_pass < 40);

  /* Distinct sessions, distinct codes: 20,000 UUIDs of the store's form. */
  enum { N = 20000 };
  static char codes[N][QK_PRIZE_CODE_LEN];
  int bad = 0;
  for (int i = 0; i < N; i++) {
    char u[40];
    snprintf(u, sizeof u, "%08x-1234-4abc-9def-%012x", (unsigned)i * 2654435761u, (unsigned)i);
    bad += qk_prize_code(key, u, codes[i]) != 0 || qk_prize_code_plausible(key, codes[i]) != 1;
  }
  CHECK(bad == 0);
  qsort(codes, N, QK_PRIZE_CODE_LEN, (int (*)(const void *, const void *))strcmp);
  int dup = 0;
  for (int i = 1; i < N; i++) dup += !strcmp(codes[i - 1], codes[i]);
  CHECK(dup == 0);

  /* Keys are random and 32 bytes. */
  unsigned char k1[QK_PRIZE_KEY_BYTES], k2[QK_PRIZE_KEY_BYTES];
  CHECK(qk_prize_new_key(k1) == 0 && qk_prize_new_key(k2) == 0 && memcmp(k1, k2, sizeof k1) != 0);

  if (failures) fprintf(stderr, "prize_code: %d check(s) failed\n", failures);
  else printf("prize_code: all checks passed\n");
  return failures ? 1 : 0;
}
