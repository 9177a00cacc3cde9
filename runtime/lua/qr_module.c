/*
** qr_module.c — the QR module's one exported symbol (qr_module.h), built
** into QK_QR_MODULE_FILE, the only file that links libqrencode.
*/
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr_module.h"

static unsigned char *encode_m(const char *text, size_t len, int *width) {
  /* QRcode_encodeString stops at a NUL: gfx.qr refuses texts holding one. */
  if (strlen(text) != len) return NULL;
  QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!q) return NULL;
  size_t n = (size_t)q->width * (size_t)q->width;
  unsigned char *m = malloc(n ? n : 1);
  if (m) {
    for (size_t i = 0; i < n; i++) m[i] = q->data[i] & 1; /* bit 0: dark; the others say which part it is */
    *width = q->width;
  }
  QRcode_free(q);
  return m;
}

__attribute__((visibility("default"))) const qk_qr_module qk_qr_module_v1 = {
  .abi = QK_QR_MODULE_ABI,
  .encode_m = encode_m,
};
