/*
** api_gfx.c — the `gfx` module: drawing in logical units. Its functions are
** declared once, in qk_api_gfx at the end (`quizkiosk --api` prints them).
** Colours are "#rgb", "#rrggbb", "#rrggbbaa", 0xRRGGBB or {r, g, b [, a]}.
*/
#include <lauxlib.h>
#include <string.h>

#include "api.h"
#include "host.h"

static const qk_color INK = {34, 34, 34, 255};

static qk_draw *D(lua_State *L) { return qk_api_services(L)->draw; }

static float num(lua_State *L, int i) { return (float)luaL_checknumber(L, i); }
static float optnum(lua_State *L, int i, float def) { return (float)luaL_optnumber(L, i, def); }

static int l_size(lua_State *L) {
  const qk_view *v = qk_draw_view(D(L));
  lua_pushnumber(L, v->lw);
  lua_pushnumber(L, v->lh);
  return 2;
}

static int l_scale(lua_State *L) {
  lua_pushnumber(L, qk_draw_view(D(L))->scale);
  return 1;
}

static int l_clear(lua_State *L) {
  qk_draw_clear(D(L), qk_api_color(L, 1, (qk_color){255, 255, 255, 255}));
  return 0;
}

static int l_rect(lua_State *L) {
  float x = num(L, 1), y = num(L, 2), w = num(L, 3), h = num(L, 4);
  qk_color c = qk_api_color(L, 5, INK);
  qk_draw_rect(D(L), x, y, w, h, c, optnum(L, 6, 0), optnum(L, 7, 0));
  return 0;
}

static int l_circle(lua_State *L) {
  float cx = num(L, 1), cy = num(L, 2), r = num(L, 3);
  qk_color c = qk_api_color(L, 4, INK);
  qk_draw_rect(D(L), cx - r, cy - r, 2 * r, 2 * r, c, r, optnum(L, 5, 0));
  return 0;
}

static int l_line(lua_State *L) {
  float x1 = num(L, 1), y1 = num(L, 2), x2 = num(L, 3), y2 = num(L, 4);
  qk_color c = qk_api_color(L, 5, INK);
  qk_draw_line(D(L), x1, y1, x2, y2, optnum(L, 6, 2), c);
  return 0;
}

/* gfx.stroke({x1, y1, x2, y2, ...}, colour [, width]): one continuous line
** with round joins and caps (handwriting ink). The points are read into a
** buffer sized to the table, so a long stroke is never cut short. */
static int l_stroke(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  qk_color c = qk_api_color(L, 2, INK);
  float width = optnum(L, 3, 2);
  lua_Integer n = luaL_len(L, 1);
  if (n % 2) return luaL_error(L, "gfx.stroke wants x, y pairs");
  if (n == 0) return 0;
  if (n > 2 * 65536) return luaL_error(L, "gfx.stroke: %d points is more than a stroke can hold", (int)(n / 2));
  float *xy = lua_newuserdatauv(L, (size_t)n * sizeof *xy, 0); /* freed by Lua, also on error */
  for (lua_Integer i = 0; i < n; i++) {
    lua_rawgeti(L, 1, i + 1);
    int ok;
    lua_Number v = lua_tonumberx(L, -1, &ok);
    if (!ok) return luaL_error(L, "gfx.stroke: point %d is not a number", (int)(i + 1));
    xy[i] = (float)v;
    lua_pop(L, 1);
  }
  if (qk_draw_stroke(D(L), xy, (int)(n / 2), width, c) != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  lua_pop(L, 1); /* the buffer: the stack as it came in (api.h) */
  return 0;
}

static int l_arc(lua_State *L) {
  float cx = num(L, 1), cy = num(L, 2), r = num(L, 3), t = num(L, 4), a0 = num(L, 5), a1 = num(L, 6);
  qk_draw_arc(D(L), cx, cy, r, t, a0, a1, qk_api_color(L, 7, INK));
  return 0;
}

static int l_polygon(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  qk_color c = qk_api_color(L, 2, INK);
  float xy[512];
  int n = (int)luaL_len(L, 1);
  if (n % 2) return luaL_error(L, "gfx.polygon wants x, y pairs");
  if (n > 512) n = 512;
  for (int i = 0; i < n; i++) {
    lua_rawgeti(L, 1, i + 1);
    xy[i] = (float)luaL_checknumber(L, -1);
    lua_pop(L, 1);
  }
  qk_draw_polygon(D(L), xy, n / 2, c);
  return 0;
}

/* Reads text options from the table at idx (may be absent). */
static void text_opts(lua_State *L, int idx, qk_text_opts *o, qk_color *c) {
  memset(o, 0, sizeof *o);
  o->size = 24;
  *c = INK;
  if (lua_isnoneornil(L, idx)) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "size") != LUA_TNIL) o->size = (float)luaL_checknumber(L, -1);
  if (lua_getfield(L, idx, "width") != LUA_TNIL) o->width = (float)luaL_checknumber(L, -1);
  if (lua_getfield(L, idx, "max_lines") != LUA_TNIL) o->max_lines = (int)luaL_checkinteger(L, -1);
  if (lua_getfield(L, idx, "bold") != LUA_TNIL) o->bold = lua_toboolean(L, -1);
  if (lua_getfield(L, idx, "font") != LUA_TNIL) o->family = luaL_checkstring(L, -1); /* kept alive by opts */
  if (lua_getfield(L, idx, "align") != LUA_TNIL) {
    static const char *const names[] = {"left", "center", "right", NULL};
    const char *a = luaL_checkstring(L, -1);
    int k = 0;
    while (names[k] && strcmp(names[k], a) != 0) k++;
    if (!names[k]) luaL_error(L, "bad align '%s' (left, center or right)", a);
    o->align = k;
  }
  lua_getfield(L, idx, "colour");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_getfield(L, idx, "color");
  }
  *c = qk_api_color(L, -1, INK);
  lua_pop(L, 7);
  if (o->size <= 0 || o->size > 500) luaL_error(L, "text size %f out of range (1..500)", (double)o->size);
}

static int l_text(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  float x = num(L, 2), y = num(L, 3), w, h;
  qk_text_opts o;
  qk_color c;
  text_opts(L, 4, &o, &c);
  if (qk_draw_text(D(L), s, len, &o, x, y, c, &w, &h) != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  lua_pushnumber(L, w);
  lua_pushnumber(L, h);
  return 2;
}

static int l_measure(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  float w, h;
  int lines;
  qk_text_opts o;
  qk_color c;
  text_opts(L, 2, &o, &c);
  if (qk_draw_measure(D(L), s, len, &o, &w, &h, &lines) != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  lua_pushnumber(L, w);
  lua_pushnumber(L, h);
  lua_pushinteger(L, lines);
  return 3;
}

/* gfx.line_starts(s [, opts]) -> { 0, b2, b3, ... }: the byte offset where
** each line of s begins when drawn with opts (0-based; the spaces at a break
** belong to the line before). The text field's caret and taps use it. */
static int l_line_starts(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  const qk_text_layout *lay;
  qk_text_opts o;
  qk_color c;
  text_opts(L, 2, &o, &c);
  if (qk_draw_layout(D(L), s, len, &o, &lay) != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  lua_createtable(L, lay->nlines > 0 ? lay->nlines : 1, 0);
  lua_pushinteger(L, 0);
  lua_rawseti(L, -2, 1);
  int n = 1;
  for (int i = 1; i < lay->nlines; i++) {
    size_t start = lay->lines[i].start;
    if (start > len) break; /* an ellipsis line (max_lines) is not part of s */
    lua_pushinteger(L, (lua_Integer)start);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* The first use of an image reads and decodes its file: waiting on the
** storage is not the script's work, so the time limit pauses for it (the
** decoded size is bounded before decoding: see qk_plat_image_load). Drawing
** a cached image counts as the script's own work. */
static void loading_begins(lua_State *L, const char *name, int *paused) {
  *paused = !qk_draw_image_cached(D(L), name);
  if (*paused) qk_host_budget_pause(qk_host_of(L));
}

static void loading_ends(lua_State *L, int paused) {
  if (paused) qk_host_budget_resume(qk_host_of(L));
}

static int l_image(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  float x = num(L, 2), y = num(L, 3), w = optnum(L, 4, 0), h = optnum(L, 5, 0);
  qk_color tint = qk_api_color(L, 6, (qk_color){255, 255, 255, 255});
  int paused;
  loading_begins(L, name, &paused);
  int rc = qk_draw_image(D(L), name, x, y, w, h, tint);
  loading_ends(L, paused);
  if (rc != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  return 0;
}

static int l_image_size(lua_State *L) {
  float w, h;
  const char *name = luaL_checkstring(L, 1);
  int paused;
  loading_begins(L, name, &paused);
  int rc = qk_draw_image_size(D(L), name, &w, &h);
  loading_ends(L, paused);
  if (rc != 0) return luaL_error(L, "%s", qk_draw_error(D(L)));
  lua_pushnumber(L, w);
  lua_pushnumber(L, h);
  return 2;
}

static int l_clip(lua_State *L) {
  qk_draw_push_clip(D(L), num(L, 1), num(L, 2), num(L, 3), num(L, 4));
  return 0;
}

static int l_unclip(lua_State *L) {
  qk_draw_pop_clip(D(L));
  return 0;
}

static const qk_api_fn gfx_fns[] = {
  {"size", l_size, "gfx.size() -> w, h", "logical size of the screen", 0},
  {"scale", l_scale, "gfx.scale() -> s", "physical pixels per logical unit", 0},
  {"clear", l_clear, "gfx.clear(colour)", "fill the screen", 0},
  {"rect", l_rect, "gfx.rect(x, y, w, h, colour [, radius [, line_width]])", "filled, rounded, or outlined", 0},
  {"circle", l_circle, "gfx.circle(cx, cy, r, colour [, line_width])", "disc or ring", 0},
  {"line", l_line, "gfx.line(x1, y1, x2, y2, colour [, width])", "thick line", 0},
  {"stroke", l_stroke, "gfx.stroke({x1, y1, x2, y2, ...}, colour [, width])",
   "one continuous line through the points, round joins and caps (ink)", 0},
  {"arc", l_arc, "gfx.arc(cx, cy, r, thickness, from, to, colour)", "ring segment, degrees, 0 = up, clockwise", 0},
  {"polygon", l_polygon, "gfx.polygon({x1, y1, ...}, colour)", "filled polygon", 0},
  {"text", l_text, "gfx.text(s, x, y [, opts]) -> w, h",
   "text; opts: size, colour, width, align, max_lines, font, bold", 0},
  {"measure", l_measure, "gfx.measure(s [, opts]) -> w, h, lines", "the size text will take", 0},
  {"line_starts", l_line_starts, "gfx.line_starts(s [, opts]) -> { 0, ... }",
   "byte offsets where the lines of s begin, wrapped as gfx.text would", 0},
  {"image", l_image, "gfx.image(name, x, y [, w [, h [, tint]]])", "an image file from the app's folder", 0},
  {"image_size", l_image_size, "gfx.image_size(name) -> w, h", "an image's size", 0},
  {"clip", l_clip, "gfx.clip(x, y, w, h)", "clip drawing (nested clips intersect)", 0},
  {"unclip", l_unclip, "gfx.unclip()", "end the innermost clip", 0},
  {"qr", qk_api_gfx_qr, "gfx.qr(text, x, y, size [, dark [, light]]) -> drawn, modules",
   "a QR code of text (libqrencode, level M) in a size x size box: whole-pixel modules on a quiet zone (api_qr.c)", 0},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_gfx = {"gfx", "drawing in logical units", gfx_fns};

int qk_open_gfx(lua_State *L) {
  qk_api_newlib(L, &qk_api_gfx);
  return 1;
}
