/*
** api_ime.c — the `ime` Lua module: Chinese input engines for the on-screen
** keyboard. Owns the pinyin session userdata and, per VM, a "candidate"
** token in the registry. The engines themselves are the process's
** (ime_engines.h: loaded once, kept across candidates); the token's __gc,
** when the VM closes, tells them this candidate is done, so the next one
** (a fresh VM) starts with nothing learnt and nothing left over.
**
** Its functions and the session's methods are declared once, in
** qk_api_ime at the end (`quizkiosk --api` prints them).
**
** The engines are a module of their own (runtime/ime, ime_module.h), loaded
** the first time a keyboard asks for one (ime_load.h): a kiosk that shows no
** Chinese keyboard never maps libpinyin, zinnia and their libraries. When
** the module or the data are missing the *_available functions say why (and
** the reason is logged once per VM); the keyboard then leaves those layouts
** out and keeps its letters and digits.
** Learning (learn = true) lasts until this VM closes: the next candidate's
** VM finds the engine as it was loaded.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "api.h"
#include "env.h"
#include "ime_load.h"

#define SESSION_MT "qk.ime.pinyin_session"
#define CANDIDATE_MT "qk.ime.candidate"
#define CANDIDATE_KEY "qk.ime.candidate_token" /* registry: this VM's token (set on first use) */
#define PINYIN_WHY_KEY "qk.ime.pinyin_why" /* registry: why pinyin is unavailable (logged) */
#define HW_WHY_KEY "qk.ime.hw_why"
#define MAX_POINTS 8192
#define MAX_RESULTS 50

typedef struct {
  qk_pinyin *p;
  const qk_ime_module *m; /* the engines' module (loaded before any session exists) */
} session_ud;

static void log_line(lua_State *L, const char *what, const char *reason) {
  const qk_services *sv = qk_api_services(L);
  if (sv) qk_log_write(sv->log, QK_LOG_WARN, "ime: %s unavailable: %s; the keyboard leaves it out", what, reason);
}

/* ---- the process's engines, used by this VM ---- */

/* The token exists only once the module is loaded (use_engines), and the
** loader remembers it: asking again here loads nothing. */
static int candidate_gc(lua_State *L) {
  char why[8];
  const qk_ime_module *m = qk_ime_module_load(why, sizeof why);
  (void)L;
  if (m) m->new_candidate();
  return 0;
}

/* Before this VM first touches the engines: the token whose __gc wipes
** them when the VM closes. Wiping now too costs nothing when the previous
** VM's token already did (and covers one whose close was cut short). */
static void use_engines(lua_State *L, const qk_ime_module *m) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, CANDIDATE_KEY) != LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  lua_pop(L, 1);
  lua_newuserdatauv(L, 1, 0);
  luaL_setmetatable(L, CANDIDATE_MT);
  lua_setfield(L, LUA_REGISTRYINDEX, CANDIDATE_KEY);
  m->new_candidate();
}

/* Logs why an engine is unavailable, once per VM, and pushes the reason. */
static void push_unavailable(lua_State *L, const char *key, const char *what, const char *why) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, key) == LUA_TNIL) log_line(L, what, why);
  lua_pop(L, 1);
  lua_pushstring(L, why);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, key);
}

/* Where staff put the engines' data (the environment's overrides). */
static const qk_ime_paths *ime_paths(qk_ime_paths *p) {
  const qk_env *env = qk_env_get();
  p->pinyin_data = env->pinyin_data;
  p->pinyin_user_dir = env->pinyin_user_dir;
  p->zinnia_model = env->zinnia_model;
  return p;
}

/* The engine (and in *m its module), or NULL with the reason pushed. The
** first call in the process loads the module. */
static qk_pinyin_engine *get_engine(lua_State *L, const qk_ime_module **m) {
  char why[4200];
  qk_ime_paths paths;
  *m = qk_ime_module_load(why, sizeof why);
  if (!*m) {
    push_unavailable(L, PINYIN_WHY_KEY, "pinyin", why);
    return NULL;
  }
  use_engines(L, *m);
  qk_pinyin_engine *e = (*m)->pinyin_engine(ime_paths(&paths), why, sizeof why);
  if (!e) push_unavailable(L, PINYIN_WHY_KEY, "pinyin", why);
  return e;
}

static qk_hw *get_recognizer(lua_State *L, const qk_ime_module **m) {
  char why[4200];
  qk_ime_paths paths;
  *m = qk_ime_module_load(why, sizeof why);
  if (!*m) {
    push_unavailable(L, HW_WHY_KEY, "handwriting", why);
    return NULL;
  }
  use_engines(L, *m);
  qk_hw *h = (*m)->recognizer(ime_paths(&paths), why, sizeof why);
  if (!h) push_unavailable(L, HW_WHY_KEY, "handwriting", why);
  return h;
}

/* ---- pinyin ---- */

static int l_pinyin_available(lua_State *L) {
  const qk_ime_module *m;
  if (get_engine(L, &m)) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

static session_ud *S(lua_State *L) {
  session_ud *u = luaL_checkudata(L, 1, SESSION_MT);
  if (!u->p) luaL_error(L, "pinyin session already closed");
  return u;
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
  const qk_ime_module *m;
  qk_pinyin_engine *e = get_engine(L, &m);
  if (!e) return luaL_error(L, "pinyin input unavailable: %s", lua_tostring(L, -1));
  session_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
  u->p = NULL;
  u->m = m;
  luaL_setmetatable(L, SESSION_MT);
  u->p = m->pinyin_new(e, learn); /* the engine is the process's: it outlives every VM */
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
          if (!text || !py || m->pinyin_add_phrase(u->p, text, py) != 0)
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
  session_ud *u = S(L);
  size_t n;
  const char *k = luaL_checklstring(L, 2, &n);
  lua_pushboolean(L, n == 1 && u->m->pinyin_key(u->p, (unsigned char)k[0]) == 0);
  return 1;
}

static int s_backspace(lua_State *L) {
  session_ud *u = S(L);
  lua_pushboolean(L, u->m->pinyin_backspace(u->p));
  return 1;
}

static int s_candidates(lua_State *L) {
  session_ud *u = S(L);
  int total = u->m->pinyin_count(u->p);
  lua_Integer off = luaL_optinteger(L, 2, 0), n = luaL_optinteger(L, 3, total);
  if (off < 0) off = 0;
  if (n < 0) n = 0;
  lua_createtable(L, n < 64 ? (int)n : 64, 0);
  int k = 0;
  for (lua_Integer i = off; i < total && i < off + n; i++) {
    const char *s = u->m->pinyin_candidate(u->p, (int)i);
    lua_pushstring(L, s ? s : "");
    lua_rawseti(L, -2, ++k);
  }
  lua_pushinteger(L, total);
  return 2;
}

static int s_choose(lua_State *L) {
  session_ud *u = S(L);
  lua_Integer i = luaL_checkinteger(L, 2);
  const char *out = NULL;
  int rc = u->m->pinyin_choose(u->p, (int)(i - 1), &out);
  if (rc < 0) return luaL_error(L, "no candidate %d (there are %d)", (int)i, u->m->pinyin_count(u->p));
  if (rc == 1) lua_pushstring(L, out);
  else lua_pushnil(L);
  return 1;
}

static int s_preedit(lua_State *L) {
  session_ud *u = S(L);
  lua_pushstring(L, u->m->pinyin_preedit(u->p));
  return 1;
}

static int s_raw(lua_State *L) {
  session_ud *u = S(L);
  lua_pushstring(L, u->m->pinyin_raw(u->p));
  return 1;
}

static int s_active(lua_State *L) {
  session_ud *u = S(L);
  lua_pushboolean(L, u->m->pinyin_active(u->p));
  return 1;
}

static int s_count(lua_State *L) {
  session_ud *u = S(L);
  lua_pushinteger(L, u->m->pinyin_count(u->p));
  return 1;
}

static int s_commit(lua_State *L) {
  session_ud *u = S(L);
  lua_pushstring(L, u->m->pinyin_commit_raw(u->p));
  return 1;
}

static int s_reset(lua_State *L) {
  session_ud *u = S(L);
  u->m->pinyin_reset(u->p);
  return 0;
}

static int s_add_phrase(lua_State *L) {
  session_ud *u = S(L);
  lua_pushboolean(L, u->m->pinyin_add_phrase(u->p, luaL_checkstring(L, 2), luaL_checkstring(L, 3)) == 0);
  return 1;
}

static int s_gc(lua_State *L) {
  session_ud *u = luaL_checkudata(L, 1, SESSION_MT);
  if (u->p) u->m->pinyin_free(u->p);
  u->p = NULL;
  return 0;
}

/* ---- handwriting ---- */

static int l_handwriting_available(lua_State *L) {
  const qk_ime_module *m;
  if (get_recognizer(L, &m)) {
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
  const qk_ime_module *m;
  qk_hw *h = get_recognizer(L, &m);
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
  int n = total > 0 ? m->hw_recognize(h, xy, npoints, nstrokes, w, hgt, res, max) : 0;
  if (n < 0) return luaL_error(L, "handwriting recognition failed");
  lua_pop(L, 1); /* the points (xy): read; a binding leaves the stack balanced (api.h) */
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

static const qk_api_fn ime_fns[] = {
  {"pinyin_available", l_pinyin_available, "ime.pinyin_available() -> true | false, reason",
   "whether pinyin input works here, and why not", 0},
  {"pinyin_session", l_pinyin_session, "ime.pinyin_session{ learn = false, phrases = { { text, pinyin }, ... } } -> session",
   "a pinyin composition", 0},
  {"handwriting_available", l_handwriting_available, "ime.handwriting_available() -> true | false, reason",
   "whether handwriting works here, and why not", 0},
  {"recognize", l_recognize, "ime.recognize(strokes [, n [, { width, height }]]) -> { { char, score }, ... }",
   "strokes { { x1, y1, x2, y2, ... }, ... } to characters, best first", 0},
  {"key", s_key, "session:key(ch) -> accepted", "a letter a-z (or ')", QK_API_METHOD},
  {"backspace", s_backspace, "session:backspace() -> handled", "false when nothing is being composed", QK_API_METHOD},
  {"candidates", s_candidates, "session:candidates([offset [, n]]) -> { texts }, total", "the candidate list",
   QK_API_METHOD},
  {"choose", s_choose, "session:choose(i) -> text | nil", "i is 1-based; text when the composition is complete",
   QK_API_METHOD},
  {"preedit", s_preedit, "session:preedit() -> text", "what is being composed, as shown", QK_API_METHOD},
  {"raw", s_raw, "session:raw() -> text", "the letters typed", QK_API_METHOD},
  {"active", s_active, "session:active() -> boolean", "whether something is being composed", QK_API_METHOD},
  {"count", s_count, "session:count() -> n", "how many candidates", QK_API_METHOD},
  {"commit", s_commit, "session:commit() -> text", "chosen text + remaining letters, as typed", QK_API_METHOD},
  {"reset", s_reset, "session:reset()", "drop the composition", QK_API_METHOD},
  {"add_phrase", s_add_phrase, "session:add_phrase(text, pinyin) -> ok", "teach a phrase (this VM only)",
   QK_API_METHOD},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_ime = {"ime", "Chinese input engines for the on-screen keyboard (when built)", ime_fns};

int qk_open_ime(lua_State *L) {
  static const luaL_Reg candidate_mt[] = {{"__gc", candidate_gc}, {NULL, NULL}};
  luaL_newmetatable(L, CANDIDATE_MT);
  qk_api_setregs(L, candidate_mt);
  lua_pop(L, 1);
  luaL_newmetatable(L, SESSION_MT);
  lua_pushcfunction(L, s_gc);
  lua_setfield(L, -2, "__gc");
  lua_newtable(L);
  qk_api_setmethods(L, &qk_api_ime);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  qk_api_newlib(L, &qk_api_ime);
  return 1;
}
