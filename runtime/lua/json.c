/*
** json.c — Lua values to JSON text and back, for what scripts hand to the
** store (responses, event data, checkpoints) and what they read from it.
** Tables whose keys are exactly 1..n become arrays, other tables objects
** (keys must be strings or integers). Depth is limited (cycles end there).
** Both directions run inside Lua calls and raise Lua errors on bad input;
** memory they hold meanwhile belongs to Lua objects, so an error frees it.
*/
#include "json.h"
#include "store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#define MAX_DEPTH 32

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

static void encode_string(lua_State *L, jbuf *b, const char *s, size_t len) {
  add(L, b, "\"", 1);
  size_t run = 0; /* bytes that need no escaping, added in one go */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    char u[8];
    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    default:
      if (c < 0x20) {
        snprintf(u, sizeof u, "\\u%04x", c);
        esc = u;
      }
    }
    size_t n = 1;
    if (c >= 0x80 && (n = qk_store_utf8_len((const unsigned char *)s + i, len - i)) == 0)
      esc = "\xEF\xBF\xBD"; /* not UTF-8: U+FFFD, so the store takes what we write */
    if (esc) {
      add(L, b, s + i - run, run);
      run = 0;
      addz(L, b, esc);
    } else {
      run += n; /* UTF-8 passes through */
      i += n - 1;
    }
  }
  add(L, b, s + len - run, run);
  add(L, b, "\"", 1);
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
      double d = lua_tonumber(L, idx);
      if (!isfinite(d)) snprintf(num, sizeof num, "null");
      else snprintf(num, sizeof num, "%.14g", d);
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
  if (depth >= MAX_DEPTH) luaL_error(L, "table nested too deeply to store (a table inside itself?)");
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

void qk_json_push_encoded(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  jbuf *jb = lua_newuserdatauv(L, sizeof *jb, 0);
  memset(jb, 0, sizeof *jb);
  if (luaL_newmetatable(L, "qk.jsonbuf")) {
    lua_pushcfunction(L, jbuf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  encode(L, idx, jb, 0);
  lua_pushlstring(L, jb->p ? jb->p : "", jb->n);
  free(jb->p);
  jb->p = NULL;
  lua_remove(L, -2); /* the buffer box */
}

/* ---- decoding ---- */

typedef struct {
  const char *s, *end;
} cursor;

static void skip_ws(cursor *c) {
  while (c->s < c->end && (*c->s == ' ' || *c->s == '\n' || *c->s == '\r' || *c->s == '\t')) c->s++;
}

static int decode(lua_State *L, cursor *c, int depth);

static void add_utf8(luaL_Buffer *b, unsigned long cp) {
  char out[4];
  int n;
  if (cp < 0x80) { out[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  luaL_addlstring(b, out, (size_t)n);
}

static unsigned long hex4(lua_State *L, cursor *c) {
  unsigned long v = 0;
  for (int i = 0; i < 4; i++) {
    if (c->s >= c->end) luaL_error(L, "bad JSON: short \\u escape");
    char h = *c->s++;
    v <<= 4;
    if (h >= '0' && h <= '9') v |= (unsigned long)(h - '0');
    else if (h >= 'a' && h <= 'f') v |= (unsigned long)(h - 'a' + 10);
    else if (h >= 'A' && h <= 'F') v |= (unsigned long)(h - 'A' + 10);
    else luaL_error(L, "bad JSON: bad \\u escape");
  }
  return v;
}

static void decode_string(lua_State *L, cursor *c) {
  luaL_Buffer b;
  c->s++; /* opening quote */
  luaL_buffinit(L, &b);
  for (;;) {
    if (c->s >= c->end) luaL_error(L, "bad JSON: unterminated string");
    char ch = *c->s++;
    if (ch == '"') break;
    if (ch != '\\') {
      luaL_addchar(&b, ch);
      continue;
    }
    if (c->s >= c->end) luaL_error(L, "bad JSON: unterminated escape");
    ch = *c->s++;
    switch (ch) {
    case 'n': luaL_addchar(&b, '\n'); break;
    case 'r': luaL_addchar(&b, '\r'); break;
    case 't': luaL_addchar(&b, '\t'); break;
    case 'b': luaL_addchar(&b, '\b'); break;
    case 'f': luaL_addchar(&b, '\f'); break;
    case 'u': {
      unsigned long cp = hex4(L, c);
      if (cp >= 0xD800 && cp < 0xDC00 && c->end - c->s >= 6 && c->s[0] == '\\' && c->s[1] == 'u') {
        const char *at = c->s;
        c->s += 2;
        unsigned long lo = hex4(L, c);
        if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        else c->s = at; /* not a pair: the next escape stands on its own */
      }
      /* A surrogate left alone is not a character: U+FFFD, never CESU bytes. */
      add_utf8(&b, cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp);
      break;
    }
    default: luaL_addchar(&b, ch);
    }
  }
  luaL_pushresult(&b);
}

static int decode(lua_State *L, cursor *c, int depth) {
  if (depth > MAX_DEPTH) return luaL_error(L, "bad JSON: nested too deeply");
  luaL_checkstack(L, 4, "JSON");
  skip_ws(c);
  if (c->s >= c->end) return luaL_error(L, "bad JSON: unexpected end");
  char ch = *c->s;
  if (ch == '"') {
    decode_string(L, c);
  } else if (ch == '{' || ch == '[') {
    int array = ch == '[';
    c->s++;
    lua_newtable(L);
    lua_Integer i = 1;
    skip_ws(c);
    if (c->s < c->end && *c->s == (array ? ']' : '}')) {
      c->s++;
      return 1;
    }
    for (;;) {
      if (array) {
        decode(L, c, depth + 1);
        lua_rawseti(L, -2, i++);
      } else {
        skip_ws(c);
        if (c->s >= c->end || *c->s != '"') return luaL_error(L, "bad JSON: object key must be a string");
        decode_string(L, c);
        skip_ws(c);
        if (c->s >= c->end || *c->s != ':') return luaL_error(L, "bad JSON: ':' expected");
        c->s++;
        decode(L, c, depth + 1);
        lua_rawset(L, -3);
      }
      skip_ws(c);
      if (c->s < c->end && *c->s == ',') { c->s++; continue; }
      if (c->s < c->end && *c->s == (array ? ']' : '}')) { c->s++; break; }
      return luaL_error(L, "bad JSON: ',' or closing bracket expected");
    }
  } else if (c->end - c->s >= 4 && memcmp(c->s, "true", 4) == 0) {
    c->s += 4;
    lua_pushboolean(L, 1);
  } else if (c->end - c->s >= 5 && memcmp(c->s, "false", 5) == 0) {
    c->s += 5;
    lua_pushboolean(L, 0);
  } else if (c->end - c->s >= 4 && memcmp(c->s, "null", 4) == 0) {
    c->s += 4;
    lua_pushnil(L);
  } else {
    char num[64];
    size_t n = 0;
    while (c->s < c->end && n < sizeof num - 1 && strchr("+-0123456789.eE", *c->s)) num[n++] = *c->s++;
    num[n] = 0;
    if (n == 0 || lua_stringtonumber(L, num) == 0) return luaL_error(L, "bad JSON near '%c'", ch);
  }
  return 1;
}

void qk_json_push_decoded(lua_State *L, const char *s, size_t len) {
  cursor c = {s, s + len};
  decode(L, &c, 0);
  skip_ws(&c);
  if (c.s != c.end) luaL_error(L, "bad JSON: trailing characters");
}
