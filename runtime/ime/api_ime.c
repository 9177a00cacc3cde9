/*
** api_ime.c — the `ime` Lua module: Chinese input engines for the on-screen
** keyboard. Owns the per-VM engine objects (a libpinyin engine and a zinnia
** recognizer, each a userdata in the registry, loaded on first use and freed
** by __gc with the VM) and the pinyin session userdata. No global state: a
** fresh VM (next candidate) starts with fresh engines and nothing learnt.
**
**   ime.pinyin_available() -> true | false, reason
**   ime.pinyin_session{ learn = false, phrases = { { "张伟", "zhang'wei" }, ... } } -> session
**     session:key(ch) -> accepted       a letter a-z (or ')
**     session:backspace() -> handled    false when nothing is being composed
**     session:candidates([offset [, n]]) -> { "张伟", ... }, total   (offset: how many to skip)
**     session:choose(i) -> text | nil   i is 1-based in the whole list; text when the
**                                       composition is complete (insert it), nil when letters remain
**     session:preedit(), session:raw(), session:active(), session:count()
**     session:commit() -> text          chosen text + remaining letters, as typed
**     session:reset(), session:add_phrase(text, pinyin) -> ok
**   ime.handwriting_available() -> true | false, reason
**   ime.recognize(strokes [, n [, { width =, height = }]]) -> { { char = "十", score = 1.07 }, ... }
**     strokes: { { x1, y1, x2, y2, ... }, ... } in stroke order; the box
**     defaults to a square around the ink.
**
** When data are missing the *_available functions say why (and the reason is
** logged once per VM); the keyboard then leaves those layouts out.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "api.h"
#include "api_ime.h"
#include "ime_handwriting.h"
#include "ime_data.h"
#include "ime_pinyin.h"

#define ENGINE_MT "qk.ime.pinyin_engine"
#define SESSION_MT "qk.ime.pinyin_session"
#define HW_MT "qk.ime.handwriting"
#define ENGINE_KEY "qk.ime.engine"     /* registry: engine userdata, or the reason string */
#define HW_KEY "qk.ime.recognizer"
#define MAX_POINTS 8192
#define MAX_RESULTS 50

typedef struct {
  qk_pinyin_engine *e;
} engine_ud;

typedef struct {
  qk_pinyin *p;
} session_ud;

typedef struct {
  qk_hw *h;
} hw_ud;

static void log_line(lua_State *L, const char *what, const char *reason) {
  qk_app *a = qk_api_app(L);
  if (a) qk_log_write(qk_app_log(a), QK_LOG_WARN, "ime: %s unavailable: %s; the keyboard leaves it out", what, reason);
}

/* ---- engines, cached in the registry ---- */

static int engine_gc(lua_State *L) {
  engine_ud *u = luaL_checkudata(L, 1, ENGINE_MT);
  qk_pinyin_engine_free(u->e);
  u->e = NULL;
  return 0;
}

/* Pushes the engine userdata (loading it the first time), or returns 0
** with the reason pushed. */
static int push_engine(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, ENGINE_KEY);
  if (lua_isuserdata(L, -1)) return 1;
  if (lua_isstring(L, -1)) return 0;
  lua_pop(L, 1);
  char dir[4096], why[4200];
  qk_pinyin_engine *e = NULL;
  if (qk_ime_find_pinyin_data(dir, sizeof dir, why, sizeof why) == 0) {
    const char *user = getenv("QUIZKIOSK_PINYIN_USER_DIR"); /* persistent learning: opt-in */
    e = qk_pinyin_engine_new(dir, user, why, sizeof why);
  }
  if (!e) {
    log_line(L, "pinyin", why);
    lua_pushstring(L, why);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, ENGINE_KEY);
    return 0;
  }
  engine_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
  u->e = e;
  luaL_setmetatable(L, ENGINE_MT);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, ENGINE_KEY);
  return 1;
}

static int hw_gc(lua_State *L) {
  hw_ud *u = luaL_checkudata(L, 1, HW_MT);
  qk_hw_free(u->h);
  u->h = NULL;
  return 0;
}

static qk_hw *get_recognizer(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, HW_KEY);
  if (lua_isuserdata(L, -1)) {
    qk_hw *h = ((hw_ud *)lua_touserdata(L, -1))->h;
    lua_pop(L, 1);
    return h;
  }
  if (lua_isstring(L, -1)) return NULL; /* the reason stays pushed */
  lua_pop(L, 1);
  char path[4096], why[4200];
  qk_hw *h = NULL;
  if (qk_ime_find_zinnia_model(path, sizeof path, why, sizeof why) == 0) h = qk_hw_new(path, why, sizeof why);
  if (!h) {
    log_line(L, "handwriting", why);
    lua_pushstring(L, why);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, HW_KEY);
    return NULL;
  }
  hw_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
  u->h = h;
  luaL_setmetatable(L, HW_MT);
  lua_setfield(L, LUA_REGISTRYINDEX, HW_KEY);
  return h;
}

/* ---- pinyin ---- */

static int l_pinyin_available(lua_State *L) {
  if (push_engine(L)) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

static qk_pinyin *S(lua_State *L) {
  session_ud *u = luaL_checkudata(L, 1, SESSION_MT);
  if (!u->p) luaL_error(L, "pinyin session already closed");
  return u->p;
}

static int l_pinyin_session(lua_State *L) {
  int learn = 0;
  if (lua_istable(L, 1)) {
    lua_getfield(L, 1, "learn");
    learn = lua_toboolean(L, -1);
    lua_pop(L, 1);
  } else if (!lua_isnoneornil(L, 1)) {
    luaL_typeerror(L, 1, "table of options");
  }
  if (!push_engine(L)) return luaL_error(L, "pinyin input unavailable: %s", lua_tostring(L, -1));
  engine_ud *eu = lua_touserdata(L, -1);
  session_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
  u->p = NULL;
  luaL_setmetatable(L, SESSION_MT);
  lua_pushvalue(L, -2);
  lua_setiuservalue(L, -2, 1); /* the engine lives as long as its sessions */
  u->p = qk_pinyin_new(eu->e, learn);
  if (!u->p) return luaL_error(L, "out of memory");
  if (lua_istable(L, 1)) {
    lua_getfield(L, 1, "phrases");
    if (lua_istable(L, -1)) {
      lua_Integer n = luaL_len(L, -1);
      for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        if (lua_istable(L, -1)) {
          lua_geti(L, -1, 1);
          lua_geti(L, -2, 2);
          const char *text = lua_tostring(L, -2), *py = lua_tostring(L, -1);
          if (!text || !py || qk_pinyin_add_phrase(u->p, text, py) != 0)
            return luaL_error(L, "phrases[%d]: want { \"汉字\", \"han'zi\" } with one syllable a character", (int)i);
          lua_pop(L, 2);
        }
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
  return 1;
}

static int s_key(lua_State *L) {
  qk_pinyin *p = S(L);
  size_t n;
  const char *k = luaL_checklstring(L, 2, &n);
  lua_pushboolean(L, n == 1 && qk_pinyin_key(p, (unsigned char)k[0]) == 0);
  return 1;
}

static int s_backspace(lua_State *L) {
  lua_pushboolean(L, qk_pinyin_backspace(S(L)));
  return 1;
}

static int s_candidates(lua_State *L) {
  qk_pinyin *p = S(L);
  int total = qk_pinyin_count(p);
  lua_Integer off = luaL_optinteger(L, 2, 0), n = luaL_optinteger(L, 3, total);
  if (off < 0) off = 0;
  if (n < 0) n = 0;
  lua_createtable(L, n < 64 ? (int)n : 64, 0);
  int k = 0;
  for (lua_Integer i = off; i < total && i < off + n; i++) {
    const char *s = qk_pinyin_candidate(p, (int)i);
    lua_pushstring(L, s ? s : "");
    lua_rawseti(L, -2, ++k);
  }
  lua_pushinteger(L, total);
  return 2;
}

static int s_choose(lua_State *L) {
  qk_pinyin *p = S(L);
  lua_Integer i = luaL_checkinteger(L, 2);
  const char *out = NULL;
  int rc = qk_pinyin_choose(p, (int)(i - 1), &out);
  if (rc < 0) return luaL_error(L, "no candidate %d (there are %d)", (int)i, qk_pinyin_count(p));
  if (rc == 1) lua_pushstring(L, out);
  else lua_pushnil(L);
  return 1;
}

static int s_preedit(lua_State *L) {
  lua_pushstring(L, qk_pinyin_preedit(S(L)));
  return 1;
}

static int s_raw(lua_State *L) {
  lua_pushstring(L, qk_pinyin_raw(S(L)));
  return 1;
}

static int s_active(lua_State *L) {
  lua_pushboolean(L, qk_pinyin_active(S(L)));
  return 1;
}

static int s_count(lua_State *L) {
  lua_pushinteger(L, qk_pinyin_count(S(L)));
  return 1;
}

static int s_commit(lua_State *L) {
  lua_pushstring(L, qk_pinyin_commit_raw(S(L)));
  return 1;
}

static int s_reset(lua_State *L) {
  qk_pinyin_reset(S(L));
  return 0;
}

static int s_add_phrase(lua_State *L) {
  qk_pinyin *p = S(L);
  lua_pushboolean(L, qk_pinyin_add_phrase(p, luaL_checkstring(L, 2), luaL_checkstring(L, 3)) == 0);
  return 1;
}

static int s_gc(lua_State *L) {
  session_ud *u = luaL_checkudata(L, 1, SESSION_MT);
  qk_pinyin_free(u->p);
  u->p = NULL;
  return 0;
}

/* ---- handwriting ---- */

static int l_handwriting_available(lua_State *L) {
  if (get_recognizer(L)) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

static int l_recognize(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  int max = (int)luaL_optinteger(L, 2, 10);
  if (max < 1) max = 1;
  if (max > MAX_RESULTS) max = MAX_RESULTS;
  qk_hw *h = get_recognizer(L);
  if (!h) return luaL_error(L, "handwriting unavailable: %s", lua_tostring(L, -1));
  int nstrokes = (int)luaL_len(L, 1);
  if (nstrokes > 256) return luaL_error(L, "too many strokes (%d)", nstrokes);
  float *xy = lua_newuserdatauv(L, sizeof(float) * 2 * MAX_POINTS + sizeof(int) * 256, 0); /* freed by the GC */
  int *npoints = (int *)(xy + 2 * MAX_POINTS);
  int total = 0;
  float minx = FLT_MAX, miny = FLT_MAX, maxx = -FLT_MAX, maxy = -FLT_MAX;
  for (int s = 0; s < nstrokes; s++) {
    lua_geti(L, 1, s + 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "stroke %d: want { x1, y1, x2, y2, ... }", s + 1);
    int n = (int)luaL_len(L, -1) / 2;
    if (total + n > MAX_POINTS) return luaL_error(L, "too many points");
    for (int i = 0; i < n; i++) {
      lua_geti(L, -1, 2 * i + 1);
      lua_geti(L, -2, 2 * i + 2);
      float x = (float)luaL_checknumber(L, -2), y = (float)luaL_checknumber(L, -1);
      lua_pop(L, 2);
      xy[2 * (total + i)] = x, xy[2 * (total + i) + 1] = y;
      minx = fminf(minx, x), maxx = fmaxf(maxx, x), miny = fminf(miny, y), maxy = fmaxf(maxy, y);
    }
    npoints[s] = n;
    total += n;
    lua_pop(L, 1);
  }
  int w = 0, hgt = 0;
  if (lua_istable(L, 3)) {
    lua_getfield(L, 3, "width");
    lua_getfield(L, 3, "height");
    w = (int)luaL_optnumber(L, -2, 0), hgt = (int)luaL_optnumber(L, -1, 0);
    lua_pop(L, 2);
  }
  if (total > 0 && (w <= 0 || hgt <= 0)) {
    /* No box given: a square around the ink, with a margin, so the
    ** character keeps its proportions. */
    float side = fmaxf(maxx - minx, maxy - miny) * 1.2f + 20.0f;
    float ox = (minx + maxx - side) / 2, oy = (miny + maxy - side) / 2;
    for (int i = 0; i < total; i++) xy[2 * i] -= ox, xy[2 * i + 1] -= oy;
    w = hgt = (int)ceilf(side);
  }
  qk_hw_result res[MAX_RESULTS];
  int n = total > 0 ? qk_hw_recognize(h, xy, npoints, nstrokes, w, hgt, res, max) : 0;
  if (n < 0) return luaL_error(L, "handwriting recognition failed");
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, res[i].text);
    lua_setfield(L, -2, "char");
    lua_pushnumber(L, res[i].score);
    lua_setfield(L, -2, "score");
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

int qk_open_ime(lua_State *L) {
  static const luaL_Reg engine_mt[] = {{"__gc", engine_gc}, {NULL, NULL}};
  static const luaL_Reg hw_mt[] = {{"__gc", hw_gc}, {NULL, NULL}};
  static const luaL_Reg session_methods[] = {
    {"key", s_key}, {"backspace", s_backspace}, {"candidates", s_candidates}, {"choose", s_choose},
    {"preedit", s_preedit}, {"raw", s_raw}, {"active", s_active}, {"count", s_count}, {"commit", s_commit},
    {"reset", s_reset}, {"add_phrase", s_add_phrase}, {NULL, NULL}};
  static const luaL_Reg funcs[] = {
    {"pinyin_available", l_pinyin_available}, {"pinyin_session", l_pinyin_session},
    {"handwriting_available", l_handwriting_available}, {"recognize", l_recognize}, {NULL, NULL}};
  luaL_newmetatable(L, ENGINE_MT);
  luaL_setfuncs(L, engine_mt, 0);
  lua_pop(L, 1);
  luaL_newmetatable(L, HW_MT);
  luaL_setfuncs(L, hw_mt, 0);
  lua_pop(L, 1);
  luaL_newmetatable(L, SESSION_MT);
  lua_pushcfunction(L, s_gc);
  lua_setfield(L, -2, "__gc");
  lua_newtable(L);
  luaL_setfuncs(L, session_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  qk_api_newlib(L, funcs);
  return 1;
}
