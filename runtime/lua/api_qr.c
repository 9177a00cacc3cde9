/*
** api_qr.c — gfx.qr: a QR code drawn as crisp modules. libqrencode makes
** the matrix (Debian's libqrencode, made for exactly this); this file only
** lays it onto the pixel grid: every module the same whole number of
** physical pixels, dark runs on a white quiet zone of 4 modules (the
** standard's), so a phone reads it at any screen size. Declared as a row of
** the gfx module (api_gfx.c); the widget is ui.qr (scripts/kiosk/ui).
** libqrencode is the QR module (qr_module.h), loaded with the first code.
*/
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "module.h"
#include "qr_module.h"

#ifndef QK_QR_MODULE_FILE
#define QK_QR_MODULE_FILE "quizkiosk-qr.so"
#endif

#define QUIET 4           /* modules of white around the code */
#define QR_TEXT_MAX 1024  /* bytes: a prize code or a link; far below QR's own limit */

static qk_draw *D(lua_State *L) { return qk_api_services(L)->draw; }

/* The module, loaded by the first gfx.qr (the module loader keeps it, and a
** failure with its reason: the disk is asked once). */
static const qk_qr_module *qr_module(char *why, size_t whylen) {
  return qk_module_load(QK_QR_MODULE_FILE, QK_QR_MODULE_SYMBOL, QK_QR_MODULE_ABI, "QR code", why, whylen);
}

/* gfx.qr(text, x, y, size [, dark [, light]]) -> drawn, modules */
int qk_api_gfx_qr(lua_State *L) {
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  float x = (float)luaL_checknumber(L, 2), y = (float)luaL_checknumber(L, 3);
  float size = (float)luaL_checknumber(L, 4);
  qk_color dark = qk_api_color(L, 5, (qk_color){0, 0, 0, 255});
  qk_color light = qk_api_color(L, 6, (qk_color){255, 255, 255, 255});
  if (len == 0) return luaL_error(L, "gfx.qr: the text is empty");
  if (len > QR_TEXT_MAX) return luaL_error(L, "gfx.qr: %d bytes is more than a QR code here holds (%d)", (int)len, QR_TEXT_MAX);
  if (strlen(text) != len) return luaL_error(L, "gfx.qr: the text holds a zero byte");
  char why[512];
  const qk_qr_module *qr = qr_module(why, sizeof why);
  if (!qr) return luaL_error(L, "gfx.qr: %s", why);
  /* Level M: 15% of the code may be smudged or glared and it still reads. */
  int width = 0;
  unsigned char *code = qr->encode_m(text, len, &width);
  if (!code) return luaL_error(L, "gfx.qr: libqrencode could not encode %d bytes (out of memory?)", (int)len);
  const qk_view *v = qk_draw_view(D(L));
  int n = width + 2 * QUIET;
  int box = (int)floorf(size * v->scale);
  int m = box / n; /* whole pixels per module */
  if (m < 1) {
    free(code);
    return luaL_error(L, "gfx.qr: %g units is %d pixels, too small for a code of %d modules", (double)size, box, n);
  }
  int side = m * n;
  int x0 = (int)lroundf(x * v->scale) + (box - side) / 2, y0 = (int)lroundf(y * v->scale) + (box - side) / 2;
  qk_draw_fill_px(D(L), x0, y0, side, side, light);
  for (int r = 0; r < width; r++) {
    const unsigned char *row = code + (size_t)r * (size_t)width;
    for (int c = 0; c < width;) {
      if (!row[c]) {
        c++;
        continue;
      }
      int c1 = c;
      while (c1 < width && row[c1]) c1++;
      /* One fill per dark run of a row: 10-20 per row instead of a fill per module. */
      qk_draw_fill_px(D(L), x0 + (QUIET + c) * m, y0 + (QUIET + r) * m, (c1 - c) * m, m, dark);
      c = c1;
    }
  }
  free(code);
  lua_pushnumber(L, side / v->scale);
  lua_pushinteger(L, width);
  return 2;
}
