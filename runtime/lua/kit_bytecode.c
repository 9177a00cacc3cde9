/*
** kit_bytecode.c — see kit_bytecode.h: looks a kit file up in the table
** kit_compile.c generated at build time and checks it against the source.
*/
#include "kit_bytecode.h"

#include <string.h>

#include <sodium.h>

const unsigned char *qk_kit_bytecode(const char *rel, const char *src, size_t len, size_t *bclen) {
  for (int i = 0; i < qk_kit_nchunks; i++) {
    if (strcmp(qk_kit_chunks[i].rel, rel) != 0) continue;
    /* sodium_init picks the fast BLAKE2b for this CPU; it is idempotent
    ** and safe to call again (the store calls it too). On failure the
    ** file is loaded from its source. */
    if (sodium_init() < 0) return NULL;
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)src, len, NULL, 0);
    if (sodium_memcmp(hash, qk_kit_chunks[i].hash, sizeof hash) != 0) return NULL; /* edited since the build */
    *bclen = qk_kit_chunks[i].len;
    return qk_kit_chunks[i].code;
  }
  return NULL;
}

int qk_kit_bytecode_count(void) { return qk_kit_nchunks; }
