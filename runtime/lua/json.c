/*
** json.c — Lua values to JSON text and back, for what scripts hand to the
** store (responses, event data, checkpoints) and what they read from it.
** Tables whose keys are exactly 1..n become arrays, other tables objects
** (keys must be strings or integers). Depth is limited (cycles end there).
** Both directions run inside Lua calls and raise Lua errors on bad input;
** memory they hold meanwhile belongs to Lua objects, so an error frees it.
** The grammar, the string escaping, the number format and the depth limit
** are the one codec's (runtime/base/json.h), the store's too: what a script
** encodes is always what the store takes.
*/
#include "lua_json.h"
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>


/* ---- encoding ---- */

/* The output grows in a C buffer owned by a userdata with a __gc, so an
** error raised halfway (a function inside a table...) frees it: luaL_Buffer
** cannot be used here because encoding pushes table values above it. */
typedef struct {
  char *p;
  size_t n, cap;
} jbuf;

#define MAX_OUTPUT (16u << 20)

static int jbuf_gc(lua_State *L) {
  jbuf *jb = lua_touserdata(L, 1);
  free(jb->p);
  jb->p = NULL;
  return 0;
}

static void add(lua_State *L, jbuf *jb, const char *s, size_t len) {
  if (jb->n + len > jb->cap) {
    size_t cap = jb->cap ? jb->cap : 256;
    while (cap < jb->n + len) cap *= 2;
    if (cap > MAX_OUTPUT) luaL_error(L, "value too large to store (over 16 MiB as JSON)");
    char *p = realloc(jb->p, cap);
    if (!p) luaL_error(L, "out of memory");
    jb->p = p;
    jb->cap = cap;
  }
  memcpy(jb->p + jb->n, s, len);
  jb->n += len;
}

static void addz(lua_State *L, jbuf *jb, const char *s) { add(L, jb, s, strlen(s)); }

/* The codec's sink: the buffer box's add (which raises on overflow). */
typedef struct {
  lua_State *L;
  jbuf *b;
} sink;

static void to_jbuf(void *ud, const char *s, size_t len) {
  sink *k = ud;
  add(k->L, k->b, s, len);
}

static void encode_string(lua_State *L, jbuf *b, const char *s, size_t len) {
  sink k = {L, b};
  qk_json_write_string(to_jbuf, &k, s, len);
}

/* 1..n keys with nothing else: an array of length n. */
static int array_length(lua_State *L, int idx) {
  lua_Integer n = 0, count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TNUMBER || !lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
      lua_pop(L, 1);
      return -1;
    }
    lua_Integer k = lua_tointeger(L, -1);
    if (k > n) n = k;
    count++;
  }
  return n == count && n < 1000000 ? (int)n : -1;
}

static void encode(lua_State *L, int idx, jbuf *b, int depth) {
  switch (lua_type(L, idx)) {
  case LUA_TNIL: addz(L, b, "null"); return;
  case LUA_TBOOLEAN: addz(L, b, lua_toboolean(L, idx) ? "true" : "false"); return;
  case LUA_TNUMBER: {
    char num[64];
    if (lua_isinteger(L, idx)) snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, idx));
    else {
      qk_json_number_text(lua_tonumber(L, idx), num, sizeof num); /* NaN, inf: null */
    }
    addz(L, b, num);
    return;
  }
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    encode_string(L, b, s, len);
    return;
  }
  case LUA_TTABLE: break;
  default: luaL_error(L, "cannot store a %s value (only tables, strings, numbers, booleans)", luaL_typename(L, idx));
  }
  if (depth >= QK_JSON_MAX_DEPTH) luaL_error(L, "table nested too deeply to store (a table inside itself?)");
  luaL_checkstack(L, 4, "JSON");
  int n = array_length(L, idx);
  if (n >= 0) { /* an empty table is written as an array: [] */
    add(L, b, "[", 1);
    for (int i = 1; i <= n; i++) {
      if (i > 1) add(L, b, ",", 1);
      lua_rawgeti(L, idx, i);
      encode(L, lua_gettop(L), b, depth + 1);
      lua_pop(L, 1);
    }
    add(L, b, "]", 1);
    return;
  }
  add(L, b, "{", 1);
  int first = 1;
  lua_pushnil(L);
  while (lua_next(L, idx)) { /* stack: ... key value */
    char keybuf[32];
    const char *key;
    size_t klen;
    if (lua_type(L, -2) == LUA_TSTRING) key = lua_tolstring(L, -2, &klen);
    else if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
      snprintf(keybuf, sizeof keybuf, "%lld", (long long)lua_tointeger(L, -2));
      key = keybuf;
      klen = strlen(keybuf);
    } else {
      luaL_error(L, "cannot store a table with %s keys", luaL_typename(L, -2));
      return;
    }
    if (!first) add(L, b, ",", 1);
    first = 0;
    encode_string(L, b, key, klen);
    add(L, b, ":", 1);
    encode(L, lua_gettop(L), b, depth + 1);
    lua_pop(L, 1); /* the value; the key stays for lua_next */
  }
  add(L, b, "}", 1);
}

/* One buffer box per VM, kept in the registry and reused: a box with __gc
** made per call (a bank's 100,000 option lists) would sit on the
** collector's list of objects to finalise, which its indivisible phase
** walks whole. The encoder runs no script code (no metamethods), so no
** call can start while another writes; each starts from empty. */
void qk_json_push_encoded(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  jbuf *jb;
  if (lua_getfield(L, LUA_REGISTRYINDEX, "qk.jsonbuf.box") == LUA_TUSERDATA) {
    jb = lua_touserdata(L, -1);
  } else {
    lua_pop(L, 1);
    jb = lua_newuserdatauv(L, sizeof *jb, 0);
    memset(jb, 0, sizeof *jb);
    if (luaL_newmetatable(L, "qk.jsonbuf")) {
      lua_pushcfunction(L, jbuf_gc);
      lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "qk.jsonbuf.box");
  }
  jb->n = 0; /* what a raise left behind is dropped */
  encode(L, idx, jb, 0);
  lua_pushlstring(L, jb->p ? jb->p : "", jb->n);
  if (jb->cap > (64u << 10)) { /* a big value's room is not kept */
    free(jb->p);
    jb->p = NULL;
    jb->cap = 0;
  }
  jb->n = 0;
  lua_remove(L, -2); /* the buffer box (the registry keeps it) */
}

/* ---- decoding ---- */

/* The codec's reader builds the value on the Lua stack: containers are
** pushed at begin, keys and values above them, members stored as they end. */
static void push_text(lua_State *L, const char *raw, size_t len) {
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, len);
  luaL_pushresultsize(&b, qk_json_unescape(raw, len, p));
}

static int on_begin(void *ud, int array) {
  lua_State *L = ud;
  (void)array;
  luaL_checkstack(L, 4, "JSON");
  lua_newtable(L);
  return 0;
}

static int on_string(void *ud, const char *raw, size_t len) {
  push_text(ud, raw, len);
  return 0;
}

static int on_number(void *ud, const char *text, size_t len) {
  lua_State *L = ud;
  lua_pushlstring(L, text, len); /* NUL-terminated for lua_stringtonumber */
  if (lua_stringtonumber(L, lua_tostring(L, -1)) == 0) return luaL_error(L, "bad JSON: bad number");
  lua_remove(L, -2);
  return 0;
}

static int on_literal(void *ud, qk_json_literal what) {
  lua_State *L = ud;
  if (what == QK_JSON_NULL) lua_pushnil(L);
  else lua_pushboolean(L, what == QK_JSON_TRUE);
  return 0;
}

static int on_member(void *ud, int array, size_t index) {
  lua_State *L = ud;
  if (array) lua_rawseti(L, -2, (lua_Integer)index);
  else lua_rawset(L, -3);
  return 0;
}

void qk_json_push_decoded(lua_State *L, const char *s, size_t len) {
  static const qk_json_handler build = {on_begin, NULL, on_string, on_string, on_number, on_literal, on_member};
  int top = lua_gettop(L);
  qk_json_error err;
  luaL_checkstack(L, 4, "JSON");
  if (qk_json_parse(s, len, &build, L, &err) != 0) {
    lua_settop(L, top);
    luaL_error(L, "bad JSON: %s (at byte %d)", err.why, (int)err.offset + 1);
  }
}
