/*
** qr_module.h — the QR matrix (libqrencode) as a loadable module,
** QK_QR_MODULE_FILE, loaded by gfx.qr (api_qr.c) through the one module
** loader (runtime/base/module.h) the first time a code is drawn. Only the
** trade fair's prize screen draws one, so a kiosk's first frame does not
** map libqrencode: mapping it cost ~0.2 ms of CPU at every start (an empty
** program linked with and without it, 1,000 interleaved starts each;
** bench/README.md, "perf-launch").
**
** The module exports one symbol, QK_QR_MODULE_SYMBOL: a const qk_qr_module
** whose abi is QK_QR_MODULE_ABI; any other abi is refused. Bump it when an
** entry changes.
*/
#ifndef QK_QR_MODULE_H
#define QK_QR_MODULE_H

#include <stddef.h>

#define QK_QR_MODULE_ABI 1
#define QK_QR_MODULE_SYMBOL "qk_qr_module_v1"

typedef struct {
  int abi; /* QK_QR_MODULE_ABI */
  /* The code of len bytes of text (8-bit mode, the smallest version that
  ** holds it, error correction level M): its side in modules in *width and
  ** a malloc'd width x width array, row by row, 1 = dark, 0 = light (the
  ** caller frees it). NULL when libqrencode fails (out of memory, too long). */
  unsigned char *(*encode_m)(const char *text, size_t len, int *width);
} qk_qr_module;

#endif
