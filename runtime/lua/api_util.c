/*
** api_util.c — helpers shared by the C modules of the Lua API.
*/
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

const qk_services *qk_api_services(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

#ifndef NDEBUG
/* The debug builds' stack check (api.h): upvalue 1 the services, as the
** binding expects, 2 the binding, 3 its name. The binding runs in this
** frame, so it sees the same arguments and upvalue 1. */
static int balanced_call(lua_State *L) {
  int base = lua_gettop(L);
  lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(2));
  int n = f(L);
  /* Arguments may be dropped (lua_settop(L, 0) is fine); nothing may be
  ** left over besides the n results. */
  if (n < 0 || lua_gettop(L) < n || lua_gettop(L) > base + n) {
    fprintf(stderr, "binding %s: Lua stack unbalanced: %d argument(s) in, %d value(s) on the stack, returned %d\n",
            lua_tostring(L, lua_upvalueindex(3)), base, lua_gettop(L), n);
    abort();
  }
  return n;
}
#endif

/* Pushes binding fn named name as a closure over the running module's
** upvalue 1 (the services); in debug builds wrapped in the stack check. */
static void push_binding(lua_State *L, const char *name, lua_CFunction fn) {
  lua_pushvalue(L, lua_upvalueindex(1));
#ifdef NDEBUG
  (void)name;
  lua_pushcclosure(L, fn, 1);
#else
  lua_pushcfunction(L, fn);
  lua_pushstring(L, name);
  lua_pushcclosure(L, balanced_call, 3);
#endif
}

void qk_api_setregs(lua_State *L, const luaL_Reg *funcs) {
  for (const luaL_Reg *r = funcs; r->name; r++) {
    push_binding(L, r->name, r->func);
    lua_setfield(L, -2, r->name);
  }
}

int qk_api_setfuncs(lua_State *L, const qk_api_decl *m, unsigned with) {
  int n = 0;
  for (const qk_api_fn *f = m->fns; f->name; f++) {
    if (!f->fn || (f->flags & (QK_API_FIELD | QK_API_METHOD)) || (f->flags & ~with)) continue;
    push_binding(L, f->name, f->fn);
    lua_setfield(L, -2, f->name);
    n++;
  }
  return n;
}

int qk_api_setmethods(lua_State *L, const qk_api_decl *m) {
  int n = 0;
  for (const qk_api_fn *f = m->fns; f->name; f++) {
    if (!f->fn || !(f->flags & QK_API_METHOD)) continue;
    push_binding(L, f->name, f->fn);
    lua_setfield(L, -2, f->name);
    n++;
  }
  return n;
}

void qk_api_newlib(lua_State *L, const qk_api_decl *m) {
  lua_newtable(L);
  qk_api_setfuncs(L, m, 0);
}

int qk_api_staff_index(lua_State *L, const qk_api_decl *m, const char *key, const char *how) {
  for (const qk_api_fn *f = m->fns; key && f->name; f++)
    if ((f->flags & QK_API_STAFF) && strcmp(f->name, key) == 0)
      return luaL_error(L, "%s.%s is for the staff screen only (%s)", m->name, key, how);
  return 0;
}

void qk_api_staff_part(lua_State *L, const qk_api_decl *m, lua_CFunction refuse) {
  const qk_services *sv = qk_api_services(L); /* NULL in a host without services: not staff */
  if (sv && sv->staff) {
    qk_api_setfuncs(L, m, QK_API_STAFF);
    return;
  }
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, refuse);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
}

void qk_api_print(FILE *f, const qk_api_decl *const *mods) {
  for (int i = 0; mods[i]; i++) {
    const qk_api_decl *m = mods[i];
    fprintf(f, "%s%s — %s\n", i ? "\n" : "", m->name, m->doc);
    for (const qk_api_fn *fn = m->fns; fn->name; fn++) {
      char note[40] = "";
      if (fn->flags & QK_API_STAFF) snprintf(note, sizeof note, " [staff screen only]");
      if (strlen(fn->sig) > 44) fprintf(f, "  %s\n  %-44s   %s%s\n", fn->sig, "", fn->doc, note);
      else fprintf(f, "  %-44s   %s%s\n", fn->sig, fn->doc, note);
    }
  }
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int parse_hex(const char *s, qk_color *out) {
  size_t n = strlen(s);
  int v[8];
  if (s[0] != '#' || (n != 4 && n != 5 && n != 7 && n != 9)) return 0;
  for (size_t i = 1; i < n; i++)
    if ((v[i - 1] = hexval(s[i])) < 0) return 0;
  if (n == 4 || n == 5) {
    out->r = (uint8_t)(v[0] * 17);
    out->g = (uint8_t)(v[1] * 17);
    out->b = (uint8_t)(v[2] * 17);
    out->a = n == 5 ? (uint8_t)(v[3] * 17) : 255;
  } else {
    out->r = (uint8_t)(v[0] * 16 + v[1]);
    out->g = (uint8_t)(v[2] * 16 + v[3]);
    out->b = (uint8_t)(v[4] * 16 + v[5]);
    out->a = n == 9 ? (uint8_t)(v[6] * 16 + v[7]) : 255;
  }
  return 1;
}

static uint8_t byte_of(lua_State *L, int t, int i, int def) {
  lua_rawgeti(L, t, i);
  lua_Number n = lua_isnil(L, -1) ? def : luaL_checknumber(L, -1);
  lua_pop(L, 1);
  return (uint8_t)(n < 0 ? 0 : n > 255 ? 255 : n);
}

qk_color qk_api_color(lua_State *L, int idx, qk_color def) {
  qk_color c = def;
  switch (lua_type(L, idx)) {
  case LUA_TNONE:
  case LUA_TNIL: return def;
  case LUA_TSTRING:
    if (!parse_hex(lua_tostring(L, idx), &c))
      luaL_error(L, "bad colour '%s' (use \"#rrggbb\" or \"#rrggbbaa\")", lua_tostring(L, idx));
    return c;
  case LUA_TNUMBER: {
    lua_Integer v = luaL_checkinteger(L, idx);
    c.r = (uint8_t)(v >> 16);
    c.g = (uint8_t)(v >> 8);
    c.b = (uint8_t)v;
    c.a = 255;
    return c;
  }
  case LUA_TTABLE: {
    int t = lua_absindex(L, idx);
    c.r = byte_of(L, t, 1, 0);
    c.g = byte_of(L, t, 2, 0);
    c.b = byte_of(L, t, 3, 0);
    c.a = byte_of(L, t, 4, 255);
    return c;
  }
  default: luaL_typeerror(L, idx, "colour"); return def;
  }
}
