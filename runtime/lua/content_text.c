/*
** content_text.c — see content_text.h. The canonical text of a question
** set's table, byte for byte what kiosk.exam's Lua serialiser made before
** (so stored content hashes still match), written in C because a bank of
** 100,000 questions spent ~1.4 s of CPU (and ~90 MiB of heap in pieces of
** text) building it through Lua tables and table.sort.
**
** The text of a value: a string is itself; a table is "{" then, for each
** key in text order (string keys that start with "_" are the loader's own
** and left out), the key's text, "=", the value's text, ";", then "}"; a
** function is nothing; anything else is tostring(v). Every string added is
** one "part"; PIECE parts make a piece (kiosk.exam hashes a big set piece
** by piece), cut only where a table starts, as the Lua code did.
*/
#include "content_text.h"

#include <lauxlib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 100 /* deeper is a cycle (a set is a shallow tree) */
#define MAX_CUTS 64   /* cuts reported per call (a question is far below one piece) */

typedef struct {
  char *p;
  size_t n, cap;
} text_buf;

/* A content hasher (qk_content_hasher): the text goes straight into
** SHA-256, piece by piece, and is never held. All of it lives in its
** userdata (nothing to free); the finished pieces' hashes are kept, as
** hex text, in the userdata's user value (a Lua list). */
typedef struct {
  crypto_hash_sha256_state sha;
  lua_Integer count, piece;
  int npieces, finished;
} hasher;

typedef struct {
  text_buf *b;     /* in a userdata with __gc: freed even when a call raises */
  hasher *h;       /* or, instead of b: the hasher the text goes to */
  int pieces;      /* with h: stack index of its list of piece hashes */
  lua_Integer count, piece;
  size_t cuts[MAX_CUTS];
  int ncuts;
} walk;

typedef struct {
  const char *s;
  size_t len;
  int key; /* stack index of the key itself */
} key_text;

static int buf_gc(lua_State *L) {
  text_buf *b = lua_touserdata(L, 1);
  free(b->p);
  b->p = NULL;
  return 0;
}

static void add(lua_State *L, walk *w, const char *s, size_t len) {
  if (w->h) {
    crypto_hash_sha256_update(&w->h->sha, (const unsigned char *)s, len);
    w->count++;
    return;
  }
  text_buf *b = w->b;
  if (b->n + len > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + len) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) luaL_error(L, "content text: out of memory");
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, len);
  b->n += len;
  w->count++;
}

/* Lua's own string order (lvm.c l_strcmp): strcoll, segment by segment
** across embedded zeros, as table.sort with < compared the keys. */
static int lua_order(const key_text *a, const key_text *b) {
  const char *l = a->s, *r = b->s;
  size_t ll = a->len, lr = b->len;
  for (;;) {
    int t = strcoll(l, r);
    if (t != 0) return t;
    size_t len = strlen(l);
    if (len == lr) return len == ll ? 0 : 1;
    if (len == ll) return -1;
    len++;
    l += len;
    ll -= len;
    r += len;
    lr -= len;
  }
}

static int by_text(const void *a, const void *b) { return lua_order(a, b); }

static void value_text(lua_State *L, walk *w, int idx, int depth);

/* The hex SHA-256 of what went into h since its last piece; h starts afresh. */
static void sha_hex(hasher *h, char hex[65]) {
  unsigned char bin[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h->sha, bin);
  sodium_bin2hex(hex, 65, bin, sizeof bin);
  crypto_hash_sha256_init(&h->sha);
}

/* Ends h's piece: its hash goes on the list at index pieces. */
static void piece_end(lua_State *L, hasher *h, int pieces) {
  char hex[65];
  sha_hex(h, hex);
  lua_pushstring(L, hex);
  lua_rawseti(L, pieces, ++h->npieces);
}

static void table_text(lua_State *L, walk *w, int t, int depth) {
  if (depth > MAX_DEPTH) luaL_error(L, "content text: tables nested more than %d deep (a table inside itself?)", MAX_DEPTH);
  if (luaL_getmetafield(L, t, "__pairs") != LUA_TNIL)
    luaL_error(L, "content text: a table of the set has __pairs (question data must be plain tables)");
  /* Where a piece ends: before a table, once the piece is full. */
  if (w->count >= w->piece) {
    if (w->h) {
      piece_end(L, w->h, w->pieces);
    } else {
      if (w->ncuts == MAX_CUTS) luaL_error(L, "content text: one value is more than %d pieces", MAX_CUTS);
      w->cuts[w->ncuts++] = w->b->n;
    }
    w->count = 0;
  }
  int nk = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || lua_tostring(L, -1)[0] != '_') nk++;
  }
  /* Per key: the key and its text on the stack (alive while sorted and walked). */
  luaL_checkstack(L, 2 * nk + 8, "content text: a table with too many keys");
  int base = lua_gettop(L);
  key_text small[16]; /* a question's keys: no garbage for the collector */
  key_text *keys = nk <= 16 ? small : lua_newuserdatauv(L, (size_t)nk * sizeof *keys, 0);
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING && lua_tostring(L, -1)[0] == '_') continue;
    if (n == nk) luaL_error(L, "content text: the table changed while it was read");
    lua_pushvalue(L, -1); /* the key, kept; the copy stays for lua_next */
    lua_insert(L, -2);
    keys[n].key = lua_gettop(L) - 1;
    if (lua_type(L, keys[n].key) == LUA_TSTRING) {
      keys[n].s = lua_tolstring(L, keys[n].key, &keys[n].len);
    } else {
      keys[n].s = luaL_tolstring(L, keys[n].key, &keys[n].len); /* tostring(k), as the Lua did */
      lua_insert(L, -2);
    }
    n++;
  }
  qsort(keys, (size_t)n, sizeof *keys, by_text);
  add(L, w, "{", 1);
  for (int i = 0; i < n; i++) {
    add(L, w, keys[i].s, keys[i].len);
    add(L, w, "=", 1);
    lua_pushvalue(L, keys[i].key);
    lua_rawget(L, t);
    value_text(L, w, lua_gettop(L), depth + 1);
    lua_pop(L, 1);
    add(L, w, ";", 1);
  }
  add(L, w, "}", 1);
  lua_settop(L, base);
}

static void value_text(lua_State *L, walk *w, int idx, int depth) {
  switch (lua_type(L, idx)) {
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    add(L, w, s, len);
    break;
  }
  case LUA_TTABLE: table_text(L, w, idx, depth); break;
  case LUA_TFUNCTION: break;
  default: {
    size_t len;
    const char *s = luaL_tolstring(L, idx, &len);
    add(L, w, s, len);
    lua_pop(L, 1);
  }
  }
}

/* The VM's text buffer: one userdata kept in the registry and reused by
** every call. A userdata with __gc made per call (100,000 for a bank) sits
** on the collector's list of objects to finalise, which its indivisible
** phase walks whole. Each call writes after what is there and takes its
** text back off, and only offsets are kept across a write, so a call made
** while another writes (from a __tostring) is safe too. A call that raises
** leaves its part written; the next call writes after it (a few KiB kept
** until the VM ends, only for a set with an error). */
static text_buf *get_buf(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, "qk.content_text.buf") == LUA_TUSERDATA) return lua_touserdata(L, -1);
  lua_pop(L, 1);
  text_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  if (luaL_newmetatable(L, "qk.content_text")) {
    lua_pushcfunction(L, buf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "qk.content_text.buf");
  return b;
}

int qk_content_text(lua_State *L) {
  luaL_checkany(L, 1);
  walk w = {0};
  w.count = luaL_optinteger(L, 2, 0);
  w.piece = luaL_optinteger(L, 3, LUA_MAXINTEGER);
  w.b = get_buf(L);
  lua_pop(L, 1); /* the registry keeps the box alive (api.h: a binding returns only its results) */
  size_t start = w.b->n;
  value_text(L, &w, 1, 0);
  lua_pushlstring(L, w.b->p ? w.b->p + start : "", w.b->n - start);
  w.b->n = start;
  lua_pushinteger(L, w.count);
  for (int i = 0; i < w.ncuts; i++) lua_pushinteger(L, (lua_Integer)(w.cuts[i] - start));
  return 2 + w.ncuts;
}

/* ---- the hasher ---- */

#define HASHER "qk.content_hasher"

/* The hasher at 1 (still open) and its list of pieces pushed on the stack. */
static hasher *check_hasher(lua_State *L) {
  hasher *h = luaL_checkudata(L, 1, HASHER);
  if (h->finished) luaL_error(L, "content hasher: already finished");
  lua_getiuservalue(L, 1, 1);
  return h;
}

/* h:put(s): one part of the text, as it is. */
static int hasher_put(lua_State *L) {
  hasher *h = check_hasher(L);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  crypto_hash_sha256_update(&h->sha, (const unsigned char *)s, len);
  h->count++;
  return 0;
}

/* h:table_start(): where a table starts; a full piece ends here. */
static int hasher_table_start(lua_State *L) {
  hasher *h = check_hasher(L);
  if (h->count >= h->piece) {
    piece_end(L, h, lua_gettop(L));
    h->count = 0;
  }
  return 0;
}

/* h:add(v): the text of v, as kiosk.content_text writes it. */
static int hasher_add(lua_State *L) {
  hasher *h = check_hasher(L);
  luaL_checkany(L, 2);
  walk w = {0};
  w.h = h;
  w.pieces = lua_gettop(L);
  w.count = h->count;
  w.piece = h->piece;
  value_text(L, &w, 2, 0);
  h->count = w.count;
  return 0;
}

/* h:finish() -> hex: a text of one piece has the SHA-256 of its text (as
** kiosk.hash(text)); one of several, the SHA-256 of "pieces:" and its
** pieces' hashes joined by ",", the last piece ended here (empty or not). */
static int hasher_finish(lua_State *L) {
  hasher *h = check_hasher(L);
  int pieces = lua_gettop(L);
  char hex[65];
  h->finished = 1;
  if (h->npieces == 0) {
    sha_hex(h, hex);
  } else {
    piece_end(L, h, pieces);
    crypto_hash_sha256_update(&h->sha, (const unsigned char *)"pieces:", 7);
    for (int i = 1; i <= h->npieces; i++) {
      size_t len;
      lua_rawgeti(L, pieces, i);
      const char *p = lua_tolstring(L, -1, &len);
      if (i > 1) crypto_hash_sha256_update(&h->sha, (const unsigned char *)",", 1);
      crypto_hash_sha256_update(&h->sha, (const unsigned char *)p, len);
      lua_pop(L, 1);
    }
    sha_hex(h, hex);
  }
  lua_pushstring(L, hex);
  return 1;
}

int qk_content_hasher(lua_State *L) {
  lua_Integer piece = luaL_optinteger(L, 1, LUA_MAXINTEGER);
  luaL_argcheck(L, piece >= 1, 1, "a piece is at least one part");
  hasher *h = lua_newuserdatauv(L, sizeof *h, 1);
  memset(h, 0, sizeof *h);
  crypto_hash_sha256_init(&h->sha);
  h->piece = piece;
  lua_newtable(L);
  lua_setiuservalue(L, -2, 1);
  if (luaL_newmetatable(L, HASHER)) {
    static const luaL_Reg methods[] = {{"put", hasher_put},
                                       {"table_start", hasher_table_start},
                                       {"add", hasher_add},
                                       {"finish", hasher_finish},
                                       {NULL, NULL}};
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
  }
  lua_setmetatable(L, -2);
  return 1;
}

int qk_open_content_text(lua_State *L) {
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, qk_content_text);
  lua_setfield(L, -2, "text");
  lua_pushcfunction(L, qk_content_hasher);
  lua_setfield(L, -2, "hasher");
  return 1;
}
