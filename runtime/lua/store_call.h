/*
** store_call.h — how a binding calls the results store (api_store.c,
** api_prize.c): the store from the services, and the bracket that pauses
** the script's time limit while the store waits on the disk.
**
** Brackets one store call: W(L, s) as its first argument pauses the time
** limit, done(L, rc) around the call resumes it with the call's result.
** Arguments that can raise are read before, never inside, the call.
*/
#ifndef QK_STORE_CALL_H
#define QK_STORE_CALL_H

#include <lauxlib.h>

#include "api.h"
#include "host.h"
#include "store.h"

/* The open store; raises when there is none. Stack: unchanged. */
static inline qk_store *S(lua_State *L) {
  qk_store *s = qk_api_services(L)->store;
  if (!s) luaL_error(L, "the results database is not open");
  return s;
}

static inline qk_store *W(lua_State *L, qk_store *s) {
  qk_host_budget_pause(qk_host_of(L));
  return s;
}

static inline int done(lua_State *L, int rc) {
  qk_host_budget_resume(qk_host_of(L));
  return rc;
}

/* The wall clock the program runs on (a test's own under replays). */
static inline qk_ms wall(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  return (qk_ms)sv->wall_ms(sv->ctx);
}

#endif
