/*
** xmltree.c — importlib.xml_parse: expat turns XML text into Lua tables
** (the node shape and limits are in importlib.h). Every Lua operation made
** from inside an expat callback runs in its own lua_pcall, so a memory
** error or a failing streaming callback stops the parser instead of
** longjmp-ing through expat; the parser and the pending-text buffer belong
** to a guard userdata until they are released.
**
** The open elements are kept in a Lua table (stk[1..depth]) because a
** protected call cannot see its caller's stack slots.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <lauxlib.h>

#include "import_int.h"
#include "importlib.h"

#define XT_DEPTH_CEILING 1000

typedef struct {
  lua_State *L;
  XML_Parser p;
  int stk;                      /* stack index of the open-elements table */
  int fn;                       /* stack index of the streaming callback, or 0 */
  const char *each;             /* element name handed to fn, or NULL */
  int keep_ws;
  int depth, max_depth;
  long nodes, max_nodes;
  unsigned char has_child[XT_DEPTH_CEILING + 2]; /* per open element: saw an element child */
  char *text;                   /* pending character data */
  size_t tlen, tcap;
  /* what the current callback hands to its protected half */
  const char *name;
  const char **attrs;
  int stopped_by_fn;
  int failed;
  char err[512];
} xt;

static void xt_release(void *p) {
  xt *x = p;
  if (x->p) XML_ParserFree(x->p);
  free(x->text);
  free(x);
}

static void xt_fail(xt *x, const char *msg) {
  if (x->failed) return;
  x->failed = 1;
  snprintf(x->err, sizeof x->err, "line %lu, column %lu: %s", (unsigned long)XML_GetCurrentLineNumber(x->p),
           (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1, msg);
  XML_StopParser(x->p, XML_FALSE);
}

static int all_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i])) return 0;
  return 1;
}

/* Protected: appends the pending text to stk[depth] (if any and wanted).
** closing: the text ends the element (whitespace that is its whole content
** is kept). */
static void flush_text(lua_State *L, xt *x, int closing) {
  if (x->tlen == 0) return;
  size_t n = x->tlen;
  x->tlen = 0;
  if (x->depth == 0) return; /* text outside the root: only whitespace is legal there */
  if (!x->keep_ws && all_space(x->text, n) && (!closing || x->has_child[x->depth])) return;
  if (++x->nodes > x->max_nodes) luaL_error(L, "more than %I nodes (raise opts.max_nodes?)", (lua_Integer)x->max_nodes);
  lua_rawgeti(L, 1, x->depth);
  lua_pushlstring(L, x->text, n);
  lua_rawseti(L, -2, (lua_Integer)luaL_len(L, -2) + 1);
  lua_pop(L, 1);
}

/* Protected half of the start-tag callback. Stack: 1 = stk. */
static int start_impl(lua_State *L) {
  xt *x = lua_touserdata(L, 2);
  flush_text(L, x, 0);
  if (x->depth >= x->max_depth) return luaL_error(L, "elements nested deeper than %d", x->max_depth);
  if (++x->nodes > x->max_nodes) return luaL_error(L, "more than %I nodes (raise opts.max_nodes?)", (lua_Integer)x->max_nodes);
  x->has_child[x->depth] = 1;
  lua_createtable(L, 0, 2);
  lua_pushstring(L, x->name);
  lua_setfield(L, -2, "name");
  int na = 0;
  while (x->attrs[2 * na]) na++;
  lua_createtable(L, 0, na);
  for (int i = 0; i < na; i++) {
    lua_pushstring(L, x->attrs[2 * i + 1]);
    lua_setfield(L, -2, x->attrs[2 * i]);
  }
  lua_setfield(L, -2, "attr");
  x->depth++;
  x->has_child[x->depth] = 0;
  lua_rawseti(L, 1, x->depth);
  return 0;
}

/* Protected half of the end-tag callback. Stack: 1 = stk, 3 = fn or nil. */
static int end_impl(lua_State *L) {
  xt *x = lua_touserdata(L, 2);
  flush_text(L, x, 1);
  int d = x->depth;
  lua_rawgeti(L, 1, d); /* the closing node */
  lua_pushnil(L);
  lua_rawseti(L, 1, d);
  x->depth--;
  const char *colon = strchr(x->name, ':'), *lname = colon ? colon + 1 : x->name;
  if (x->each && (strcmp(x->name, x->each) == 0 || strcmp(lname, x->each) == 0) && lua_isfunction(L, 3)) {
    lua_pushvalue(L, 3);
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1); /* errors propagate to our lua_pcall */
    if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) x->stopped_by_fn = 1;
    return 0; /* streamed elements are not kept */
  }
  if (x->depth > 0) {
    lua_rawgeti(L, 1, x->depth);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, (lua_Integer)luaL_len(L, -2) + 1);
  } else {
    lua_setfield(L, 1, "root");
  }
  return 0;
}

static void run(xt *x, lua_CFunction f) {
  lua_State *L = x->L;
  /* Room for these pushes was reserved before parsing began (lua_checkstack). */
  lua_pushcfunction(L, f);
  lua_pushvalue(L, x->stk);
  lua_pushlightuserdata(L, x);
  if (x->fn) lua_pushvalue(L, x->fn);
  else lua_pushnil(L);
  if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    char msg[400];
    snprintf(msg, sizeof msg, "%s", m ? m : "error in the XML callback");
    lua_pop(L, 1);
    xt_fail(x, msg);
  } else if (x->stopped_by_fn) {
    XML_StopParser(x->p, XML_FALSE);
  }
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs) {
  xt *x = ud;
  if (x->failed || x->stopped_by_fn) return;
  x->name = name;
  x->attrs = attrs;
  run(x, start_impl);
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  xt *x = ud;
  if (x->failed || x->stopped_by_fn) return;
  x->name = name;
  run(x, end_impl);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len) {
  xt *x = ud;
  if (x->failed || len <= 0) return;
  if (x->tlen + (size_t)len + 1 > x->tcap) {
    size_t cap = x->tcap ? x->tcap : 256;
    while (cap < x->tlen + (size_t)len + 1) cap *= 2;
    char *t = realloc(x->text, cap);
    if (!t) {
      xt_fail(x, "out of memory for text");
      return;
    }
    x->text = t;
    x->tcap = cap;
  }
  memcpy(x->text + x->tlen, s, (size_t)len);
  x->tlen += (size_t)len;
}

/* Entity declarations are how "billion laughs" and external-entity tricks
** start; no question bank needs them. */
static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value, int value_len,
                              const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *notation) {
  (void)is_param, (void)value, (void)value_len, (void)base, (void)sys, (void)pub, (void)notation;
  char msg[200];
  snprintf(msg, sizeof msg, "the document declares an entity (%.60s); entity declarations are not accepted", name);
  xt_fail(ud, msg);
}

static lua_Integer opt_int(lua_State *L, const char *key, lua_Integer def) {
  if (!lua_istable(L, 2)) return def;
  lua_getfield(L, 2, key);
  lua_Integer v = lua_isnil(L, -1) ? def : luaL_checkinteger(L, -1);
  lua_pop(L, 1);
  return v;
}

int qk_import_xml_parse(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  if (len > 4 * (size_t)QK_IMPORT_MAX_ENTRY) {
    lua_pushnil(L);
    lua_pushfstring(L, "XML text of %I bytes is more than the %I accepted", (lua_Integer)len,
                    (lua_Integer)(4 * (size_t)QK_IMPORT_MAX_ENTRY));
    return 2;
  }
  lua_Integer max_depth = opt_int(L, "max_depth", 256), max_nodes = opt_int(L, "max_nodes", 4000000);
  if (max_depth < 1 || max_depth > XT_DEPTH_CEILING) return luaL_error(L, "max_depth must be 1..%d", XT_DEPTH_CEILING);
  if (max_nodes < 1) return luaL_error(L, "max_nodes must be positive");
  int keep_ws = 0;
  const char *each = NULL;
  if (lua_istable(L, 2)) {
    lua_getfield(L, 2, "keep_ws");
    keep_ws = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 2, "fn");   /* index 3 */
    lua_getfield(L, 2, "each"); /* index 4: kept on the stack, so fn cannot free it by changing opts */
    if (!lua_isnil(L, 4)) {
      each = luaL_checkstring(L, 4);
      if (!lua_isfunction(L, 3)) return luaL_error(L, "opts.each needs opts.fn, a function");
    }
  } else {
    lua_pushnil(L); /* index 3 */
    lua_pushnil(L); /* index 4 */
  }
  luaL_checkstack(L, 12, "xml_parse");
  lua_createtable(L, 16, 1); /* index 5: open elements, and .root */
  qk_guard *g = qk_guard_push(L, xt_release); /* index 6 */
  xt *x = calloc(1, sizeof *x);
  if (!x) return luaL_error(L, "out of memory");
  g->p = x;
  x->L = L;
  x->stk = 5;
  x->fn = lua_isfunction(L, 3) ? 3 : 0;
  x->each = each;
  x->keep_ws = keep_ws;
  x->max_depth = (int)max_depth;
  x->max_nodes = (long)max_nodes;
  x->p = XML_ParserCreate(NULL); /* encoding from the XML declaration: UTF-8, UTF-16, ISO-8859-1 */
  if (!x->p) return luaL_error(L, "out of memory");
  XML_SetUserData(x->p, x);
  XML_SetElementHandler(x->p, on_start, on_end);
  XML_SetCharacterDataHandler(x->p, on_text);
  XML_SetEntityDeclHandler(x->p, on_entity);
  enum XML_Status st = XML_Parse(x->p, s, (int)len, XML_TRUE);
  if (x->failed || (st == XML_STATUS_ERROR && !x->stopped_by_fn)) {
    if (!x->failed)
      snprintf(x->err, sizeof x->err, "line %lu, column %lu: %s", (unsigned long)XML_GetCurrentLineNumber(x->p),
               (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1, XML_ErrorString(XML_GetErrorCode(x->p)));
    lua_pushnil(L);
    lua_pushstring(L, x->err);
    qk_guard_release(g);
    return 2;
  }
  int stopped = x->stopped_by_fn;
  qk_guard_release(g);
  if (stopped) lua_rawgeti(L, 5, 1); /* the unfinished root */
  else lua_getfield(L, 5, "root");
  if (lua_isnil(L, -1)) {
    lua_pushnil(L);
    lua_pushstring(L, "no root element");
    return 2;
  }
  return 1;
}
