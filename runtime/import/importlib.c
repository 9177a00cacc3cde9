/*
** importlib.c — the Lua face of importlib (contract in importlib.h): the
** guard userdata that owns C resources while Lua may raise, and the
** bindings for zip, decode and docx_text. XML is in xmltree.c.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "import_int.h"
#include "importlib.h"

#define GUARD_MT "qk.import.guard"

static int guard_gc(lua_State *L) {
  qk_guard_release(lua_touserdata(L, 1));
  return 0;
}

qk_guard *qk_guard_push(lua_State *L, void (*release)(void *p)) {
  qk_guard *g = lua_newuserdatauv(L, sizeof *g, 0);
  g->p = NULL;
  g->release = release;
  if (luaL_newmetatable(L, GUARD_MT)) {
    lua_pushcfunction(L, guard_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, guard_gc);
    lua_setfield(L, -2, "__close");
  }
  lua_setmetatable(L, -2);
  return g;
}

void qk_guard_release(qk_guard *g) {
  if (g && g->p) {
    void *p = g->p;
    g->p = NULL;
    g->release(p);
  }
}

static int fail(lua_State *L, const char *msg) {
  lua_pushnil(L);
  lua_pushstring(L, msg);
  return 2;
}

/* Opens the zip named by argument 1 into a new guard (pushed). NULL after
** pushing nil, message. */
static zip_t *open_guarded(lua_State *L, qk_guard **g) {
  const char *path = luaL_checkstring(L, 1);
  *g = qk_guard_push(L, qk_zip_close);
  char err[600];
  zip_t *z = qk_zip_open(path, err, sizeof err);
  if (!z) {
    fail(L, err);
    return NULL;
  }
  (*g)->p = z;
  return z;
}

/* importlib.zip_list(path) -> { names } */
static int l_zip_list(lua_State *L) {
  qk_guard *g;
  zip_t *z = open_guarded(L, &g);
  if (!z) return 2;
  zip_int64_t n = zip_get_num_entries(z, 0);
  if (n < 0 || n > 100000) {
    char err[200];
    snprintf(err, sizeof err, "%s: %lld entries, more than a question bank has (damaged archive?)",
             lua_tostring(L, 1), (long long)n);
    qk_guard_release(g);
    return fail(L, err);
  }
  lua_createtable(L, (int)n, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
    if (!name) continue;
    lua_pushstring(L, name);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
  }
  qk_guard_release(g);
  return 1;
}

static void free_buf(void *p) { free(p); }

/* importlib.zip_read(path, entry [, max_bytes]) -> bytes */
static int l_zip_read(lua_State *L) {
  const char *entry = luaL_checkstring(L, 2);
  lua_Integer max = luaL_optinteger(L, 3, QK_IMPORT_MAX_ENTRY);
  if (max < 0 || max > (lua_Integer)QK_IMPORT_MAX_ENTRY) max = QK_IMPORT_MAX_ENTRY;
  qk_guard *buf = qk_guard_push(L, free_buf);
  qk_guard *g;
  zip_t *z = open_guarded(L, &g);
  if (!z) return 2;
  char err[600], *data = NULL;
  size_t len = 0;
  if (qk_zip_entry(z, entry, (size_t)max, 0, &data, &len, err, sizeof err) != 0) {
    qk_guard_release(g);
    char msg[800];
    snprintf(msg, sizeof msg, "%s: %s", lua_tostring(L, 1), err);
    return fail(L, msg);
  }
  buf->p = data;
  qk_guard_release(g);
  lua_pushlstring(L, data, len);
  qk_guard_release(buf);
  return 1;
}

/* importlib.decode(bytes, encoding) -> utf8 */
static int l_decode(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *enc = luaL_checkstring(L, 2);
  qk_guard *buf = qk_guard_push(L, free_buf);
  char err[300];
  size_t len;
  char *out = qk_decode(s, n, enc, &len, err, sizeof err);
  if (!out) return fail(L, err);
  buf->p = out;
  lua_pushlstring(L, out, len);
  qk_guard_release(buf);
  return 1;
}

/* importlib.docx_text(path) -> text */
static int l_docx_text(lua_State *L) {
  qk_guard *buf = qk_guard_push(L, free_buf);
  qk_guard *g;
  zip_t *z = open_guarded(L, &g);
  if (!z) return 2;
  char err[600];
  size_t len = 0;
  char *text = qk_docx_text(z, &len, err, sizeof err);
  qk_guard_release(g);
  if (!text) {
    char msg[800];
    snprintf(msg, sizeof msg, "%s: %s", lua_tostring(L, 1), err);
    return fail(L, msg);
  }
  buf->p = text;
  lua_pushlstring(L, text, len);
  qk_guard_release(buf);
  return 1;
}

int luaopen_importlib(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"zip_list", l_zip_list},
    {"zip_read", l_zip_read},
    {"xml_parse", qk_import_xml_parse},
    {"decode", l_decode},
    {"docx_text", l_docx_text},
    {NULL, NULL},
  };
  luaL_newlib(L, funcs);
  return 1;
}
