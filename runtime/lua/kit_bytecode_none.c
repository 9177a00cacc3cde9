/*
** kit_bytecode_none.c — kit_bytecode.h for a program built without the
** kiosk library's bytecode (the fuzz harnesses, which compile the host on
** its own): every kit file loads from its source.
*/
#include "kit_bytecode.h"

const unsigned char *qk_kit_bytecode(const char *rel, const char *src, size_t len, size_t *bclen) {
  (void)rel, (void)src, (void)len, (void)bclen;
  return NULL;
}

int qk_kit_bytecode_count(void) { return 0; }
