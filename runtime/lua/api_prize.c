/*
** api_prize.c — the `prize` module (issue 15): an app gives the visitor of
** a completed session a prize code; the staff screen checks, redeems and
** lists them. The code and its key are the store's (prize_store.h); Lua
** never sees the key, and an app never sees check, redeem or list: they
** are QK_API_STAFF rows, registered only in the staff screen's VM, and
** touching them elsewhere raises "... is for the staff screen only".
**
** "The current session" is the one this VM began or finished last
** (store.begin_session / store.finish call qk_api_set_current_session):
** each visitor gets a fresh VM, so it is this visitor's, never the
** previous visitor's, and a new session begun after a finished one
** (a visitor who plays again) has no code until it is completed.
*/
#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "api.h"
#include "host.h"
#include "store_call.h"
#include "prize_store.h"

#define CURRENT "qk.current_session" /* registry: the session prize.issue means */

void qk_api_set_current_session(lua_State *L, int64_t id) {
  lua_pushinteger(L, (lua_Integer)id);
  lua_setfield(L, LUA_REGISTRYINDEX, CURRENT);
}

int64_t qk_api_current_session(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, CURRENT);
  int64_t id = (int64_t)lua_tointeger(L, -1); /* 0 when unset */
  lua_pop(L, 1);
  return id;
}

/* A storage failure (not a refusal) also tells the runtime, which then
** shows "results cannot be saved" whatever the script does with the error. */
static int raise(lua_State *L, qk_store *s, int rc, const char *what) {
  const qk_services *sv = qk_api_services(L);
  if (rc != QK_STORE_INVALID && rc != QK_STORE_NOTFOUND) sv->store_failed(sv->ctx);
  return luaL_error(L, "%s: %s", what, qk_store_errmsg(s));
}

/* prize.issue() -> { code = "ABCD-EFGH-JKMN", qr = text } */
static int l_issue(lua_State *L) {
  qk_store *s = S(L);
  int64_t id = qk_api_current_session(L);
  if (!id)
    return luaL_error(L, "prize.issue: no session in this run yet (a prize code is for a completed session: "
                         "store.finish(id, { status = \"completed\" }) first)");
  char code[QK_PRIZE_CODE_LEN];
  qk_ms now = wall(L);
  int rc = done(L, qk_store_prize_issue(W(L, s), id, qk_api_services(L)->app_name, now, code));
  if (rc) return raise(L, s, rc, "prize.issue");
  lua_createtable(L, 0, 2);
  lua_pushstring(L, code);
  lua_setfield(L, -2, "code");
  /* The QR holds the code as staff type it: a phone shows it as text. */
  lua_pushstring(L, code);
  lua_setfield(L, -2, "qr");
  return 1;
}

static void set_str(lua_State *L, const char *k, const char *v) {
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

static void set_time(lua_State *L, const char *k, qk_ms t) {
  char when[40];
  qk_store_format_time(t, when, sizeof when);
  set_str(L, k, when);
}

/* The row's fields into the table on top of the stack. */
static void set_row(lua_State *L, const qk_prize_row *r) {
  set_str(L, "code", r->code);
  lua_pushinteger(L, (lua_Integer)r->session_id);
  lua_setfield(L, -2, "session_id");
  set_str(L, "app", r->app);
  set_str(L, "exam", r->exam);
  set_str(L, "name", r->name);
  if (!isnan(r->score)) {
    lua_pushnumber(L, r->score);
    lua_setfield(L, -2, "score");
  }
  set_time(L, "issued_at", r->issued_at);
  if (r->redeemed_at) {
    set_time(L, "redeemed_at", r->redeemed_at);
    set_str(L, "redeemed_by", r->redeemed_by);
    set_str(L, "redeemed_kiosk", r->redeemed_kiosk);
  }
}

static const char *const VERDICT[] = {"valid", "redeemed", "not_ours", "malformed"};

/* prize.check(typed) -> { result = "valid"|"redeemed"|"not_ours"|"malformed", code, ... } */
static int l_check(lua_State *L) {
  qk_store *s = S(L);
  const char *typed = luaL_checkstring(L, 1);
  qk_prize_row r;
  int v = done(L, qk_store_prize_check(W(L, s), typed, &r));
  if (v < 0) return raise(L, s, v, "prize.check");
  lua_newtable(L);
  set_str(L, "result", VERDICT[v]);
  if (v == QK_PRIZE_VALID || v == QK_PRIZE_REDEEMED) set_row(L, &r);
  return 1;
}

/* prize.redeem(typed) -> { result = "redeemed"|"already_redeemed"|"not_ours"|"malformed", ... } */
static int l_redeem(lua_State *L) {
  qk_store *s = S(L);
  const qk_services *sv = qk_api_services(L);
  const char *typed = luaL_checkstring(L, 1);
  qk_prize_row r;
  qk_ms now = wall(L);
  int v = done(L, qk_store_prize_redeem(W(L, s), typed, "staff screen", sv->kiosk_id[0] ? sv->kiosk_id : "?", now, &r));
  if (v < 0) return raise(L, s, v, "prize.redeem");
  static const char *const RESULT[] = {"redeemed", "already_redeemed", "not_ours", "malformed"};
  lua_newtable(L);
  set_str(L, "result", RESULT[v]);
  if (v == QK_PRIZE_VALID || v == QK_PRIZE_REDEEMED) set_row(L, &r);
  return 1;
}

/* Rows are collected into a buffer Lua owns (a userdata) and pushed after
** the walk: nothing that can raise runs while the store holds a statement. */
typedef struct {
  qk_prize_row *rows;
  int n, cap;
} list_ud;

static int keep_row(void *ud, const qk_prize_row *r) {
  list_ud *u = ud;
  if (u->n < u->cap) u->rows[u->n++] = *r;
  return 0;
}

/* prize.list([offset [, n]]) -> { total, redeemed, codes = { ... } } */
static int l_list(lua_State *L) {
  qk_store *s = S(L);
  lua_Integer offset = luaL_optinteger(L, 1, 0), n = luaL_optinteger(L, 2, 50);
  luaL_argcheck(L, offset >= 0 && offset <= 1000000000, 1, "offset from 0");
  luaL_argcheck(L, n >= 1 && n <= 1000, 2, "1 to 1000 codes a page");
  int64_t total = 0, redeemed = 0;
  list_ud u = {lua_newuserdatauv(L, (size_t)n * sizeof(qk_prize_row), 0), 0, (int)n};
  int buf = lua_gettop(L);
  int rc = done(L, qk_store_prize_list(W(L, s), (int)offset, (int)n, keep_row, &u));
  if (!rc) rc = done(L, qk_store_prize_count(W(L, s), &total, &redeemed));
  if (rc) return raise(L, s, rc, "prize.list");
  lua_createtable(L, 0, 3);
  lua_createtable(L, u.n, 0);
  for (int i = 0; i < u.n; i++) {
    lua_createtable(L, 0, 12);
    set_row(L, &u.rows[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "codes");
  lua_pushinteger(L, (lua_Integer)total);
  lua_setfield(L, -2, "total");
  lua_pushinteger(L, (lua_Integer)redeemed);
  lua_setfield(L, -2, "redeemed");
  lua_remove(L, buf); /* the buffer: the stack as it came in plus the result (api.h) */
  return 1;
}

static int staff_index(lua_State *L) {
  return qk_api_staff_index(L, &qk_api_prize, lua_tostring(L, 2),
                            "staff check and redeem codes on the staff screen or with `quizkiosk prize`");
}

static const qk_api_fn prize_fns[] = {
  {"issue", l_issue, "prize.issue() -> { code, qr }",
   "the prize code of this run's completed session (the same every call) and the text of its QR", 0},
  {"check", l_check, "prize.check(code) -> { result = \"valid\"|\"redeemed\"|\"not_ours\"|\"malformed\", ... }",
   "what a typed code is (case, O/0, I/L/1 folded)", QK_API_STAFF},
  {"redeem", l_redeem, "prize.redeem(code) -> { result = \"redeemed\"|\"already_redeemed\"|\"not_ours\"|\"malformed\", ... }",
   "mark a valid code redeemed, once", QK_API_STAFF},
  {"list", l_list, "prize.list([offset [, n]]) -> { total, redeemed, codes }",
   "issued codes, latest first, n (1-1000, default 50) from offset", QK_API_STAFF},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_prize = {"prize", "prize codes: issued by apps, checked and redeemed by staff", prize_fns};

int qk_open_prize(lua_State *L) {
  qk_api_newlib(L, &qk_api_prize);
  qk_api_staff_part(L, &qk_api_prize, staff_index);
  return 1;
}
