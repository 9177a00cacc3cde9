/*
** api_store.c — the `store` module: results recorded through the runtime.
** Scripts never see SQL; every call is one durable transaction in the store.
** A store failure (disk full, medium pulled) raises an error: the kiosk shows
** its error screen rather than let a candidate go on with answers that
** cannot be kept.
**
** Its functions are declared once, in qk_api_store at the end (`quizkiosk
** --api` prints them); the staff-only ones (QK_API_STAFF) exist only in the
** staff screen's VM (scripts/kiosk/admin): in every other app touching them
** raises "... is for the staff screen only". Any setting is the staff
** screen's too; an app reads "kiosk_id" and its own keys "<app>.<name>".
**
** Each app's store is scoped to its own sessions: every call that names a
** session raises "session N is not one of this app's" for another app's.
** Waiting on the database (an fsync can take 60-200 ms on cheap flash) is
** not the script's work: the time limit pauses for it (W/done below).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "api.h"
#include "outbox.h"
#include "sync.h"
#include "host.h"
#include "store_call.h"
#include "json.h"
#include "lua_json.h"
#include "store.h"

#define OWN_SESSIONS "qk.own_sessions" /* registry: session ids checked to be this app's */

/* Raises the store's message unless rc is OK (or NOTFOUND when allowed).
** Anything but a bad argument is the storage failing (disk full, I/O error,
** locked, moved away): the runtime is told, so it shows "results cannot be
** saved — call staff" after this call whatever the script does with the
** error (a pcall cannot hide it). */
static void check(lua_State *L, qk_store *s, int rc, const char *what) {
  const qk_services *sv = qk_api_services(L);
  if (rc == QK_STORE_OK || rc == QK_STORE_NOTFOUND) return;
  if (rc != QK_STORE_INVALID) sv->store_failed(sv->ctx);
  luaL_error(L, "cannot save %s: %s", what, qk_store_errmsg(s));
}

static const char *opt_field(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  const char *v = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
  lua_pop(L, 1); /* the string stays alive in the table */
  return v;
}

static double num_field(lua_State *L, int t, const char *k, double def) {
  lua_getfield(L, t, k);
  double v = lua_isnil(L, -1) ? def : luaL_checknumber(L, -1);
  lua_pop(L, 1);
  return v;
}

static int tristate_field(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  int v = lua_isnil(L, -1) ? -1 : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

static int copy_app_name(void *ud, const qk_store_session_row *row) {
  snprintf(ud, 64, "%s", row->app ? row->app : "");
  return 0;
}

/* The registry's table of this VM's own session ids (created on first use). */
static void push_own_table(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, OWN_SESSIONS) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, OWN_SESSIONS);
}

static void mark_own(lua_State *L, int64_t id) {
  push_own_table(L);
  lua_pushboolean(L, 1);
  lua_rawseti(L, -2, (lua_Integer)id);
  lua_pop(L, 1);
}

/* 1 if the session is this app's, 0 if it belongs to another app, -1 if
** there is no such session. A session's app never changes: the answer is
** remembered. */
static int session_owner(lua_State *L, qk_store *s, int64_t id) {
  push_own_table(L);
  int known = lua_rawgeti(L, -1, (lua_Integer)id) == LUA_TBOOLEAN;
  lua_pop(L, 2);
  if (known) return 1;
  char app[64] = "";
  int rc = done(L, qk_store_session_get(W(L, s), id, copy_app_name, app));
  if (rc == QK_STORE_NOTFOUND) return -1;
  check(L, s, rc, "(reading a session)");
  if (strcmp(app, qk_api_services(L)->app_name) != 0) return 0;
  mark_own(L, id);
  return 1;
}

/* Argument 1: a session of this app (anything else raises). */
static int64_t session_arg(lua_State *L) {
  int64_t id = (int64_t)luaL_checkinteger(L, 1);
  if (session_owner(L, S(L), id) != 1) luaL_error(L, "session %I is not one of this app's", (lua_Integer)id);
  return id;
}

static int l_begin_session(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const qk_services *sv = qk_api_services(L);
  qk_store *s = S(L);
  qk_store_session_info info = {
    .kiosk = sv->kiosk_id,
    .app = sv->app_name,
    .exam = opt_field(L, 1, "exam"),
    .exam_title = opt_field(L, 1, "exam_title"),
    .content_hash = opt_field(L, 1, "content_hash"),
    .shuffle_seed = (int64_t)num_field(L, 1, "seed", 0),
    .language = opt_field(L, 1, "lang"),
    .mode = opt_field(L, 1, "mode"),
  };
  if (!info.exam) return luaL_error(L, "store.begin_session needs exam (the exam's id)");
  if (!info.content_hash) return luaL_error(L, "store.begin_session needs content_hash");
  int64_t id = 0;
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_session_begin(W(L, s), &info, now, &id)), "the new session");
  mark_own(L, id);
  qk_api_set_current_session(L, id); /* prize.issue's session (api_prize.c) */
  lua_pushinteger(L, (lua_Integer)id);
  return 1;
}

static int l_candidate(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  qk_store *s = S(L);
  if (lua_istable(L, 3)) {
    const char *text = opt_field(L, 3, "text"), *version = opt_field(L, 3, "version");
    qk_ms now = wall(L);
    check(L, s, done(L, qk_store_consent(W(L, s), id, text ? text : "", version ? version : "1", now)), "the consent");
  }
  lua_pushnil(L);
  while (lua_next(L, 2)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      const char *v = luaL_tolstring(L, -1, NULL);
      check(L, s, done(L, qk_store_candidate_set(W(L, s), id, lua_tostring(L, -3), v)), "a candidate field");
      lua_pop(L, 1); /* the tolstring copy */
    }
    lua_pop(L, 1);
  }
  return 0;
}

static int l_answer(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  qk_store *s = S(L);
  lua_getfield(L, 2, "response");
  qk_json_push_encoded(L, -1); /* stack: response, json */
  qk_store_answer_in in = {
    .question = opt_field(L, 2, "question"),
    .response_json = lua_tostring(L, -1),
    .points = num_field(L, 2, "points", NAN),
    .max_points = num_field(L, 2, "max_points", NAN),
    .correct = tristate_field(L, 2, "correct"),
    .time_ms = (int64_t)num_field(L, 2, "time_ms", -1),
    .free_text = tristate_field(L, 2, "free_text") == 1,
  };
  if (!in.question) return luaL_error(L, "store.answer needs question (the question's id)");
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_answer(W(L, s), id, &in, now)), "the answer");
  lua_pop(L, 2); /* response, json: a binding leaves the stack balanced (api.h) */
  return 0;
}

static int l_event(lua_State *L) {
  int64_t id = session_arg(L);
  const char *kind = luaL_checkstring(L, 2);
  qk_store *s = S(L);
  const char *data = NULL;
  if (!lua_isnoneornil(L, 3)) {
    qk_json_push_encoded(L, 3);
    data = lua_tostring(L, -1);
  }
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_event(W(L, s), id, now, kind, data, lua_toboolean(L, 4))), "an event");
  if (data) lua_pop(L, 1); /* the json */
  return 0;
}

static int l_checkpoint(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checkany(L, 2);
  qk_store *s = S(L);
  int64_t remaining = (int64_t)luaL_optinteger(L, 3, -1);
  qk_json_push_encoded(L, 2);
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_checkpoint(W(L, s), id, lua_tostring(L, -1), remaining, now)), "the checkpoint");
  lua_pop(L, 1); /* the json */
  return 0;
}

/* A string field, else NULL (a title may be a { zh=, en= } table). */
static const char *str_field(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  const char *v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  lua_pop(L, 1); /* the string stays alive in the table */
  return v;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The breakdown in table arg (store.finish, store.rescore): sections =
** { { id=, title=, score=, max_score= }, ... } in the exam's order;
** competencies = { [name] = { score=, max_score= } }, recorded in name
** order (pairs has none). The exports' section and competency columns. */
static void record_scores(lua_State *L, qk_store *s, int64_t id, int arg) {
  lua_getfield(L, arg, "sections");
  for (lua_Integer i = 1; lua_istable(L, -1) && lua_rawgeti(L, -1, i) == LUA_TTABLE; i++) {
    int t = lua_gettop(L);
    const char *key = str_field(L, t, "id"), *title = str_field(L, t, "title");
    if (!key) key = title;
    if (key)
      check(L, s, done(L, qk_store_session_score(W(L, s), id, "section", key, title,
                                                 num_field(L, t, "score", NAN), num_field(L, t, "max_score", NAN))),
            "a section's score");
    lua_settop(L, t - 1);
  }
  lua_settop(L, arg);
  lua_getfield(L, arg, "competencies");
  if (lua_istable(L, -1)) {
    int c = lua_gettop(L), n = 0;
    const char *names[64]; /* the table keeps the strings alive */
    for (lua_pushnil(L); lua_next(L, c) && n < 64; lua_pop(L, 1))
      if (lua_type(L, -2) == LUA_TSTRING && lua_istable(L, -1)) names[n++] = lua_tostring(L, -2);
    lua_settop(L, c); /* at the cap of 64, lua_next left a key and value */
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    for (int i = 0; i < n; i++) {
      lua_getfield(L, c, names[i]);
      int t = lua_gettop(L);
      check(L, s, done(L, qk_store_session_score(W(L, s), id, "competency", names[i], NULL,
                                                 num_field(L, t, "score", NAN), num_field(L, t, "max_score", NAN))),
            "a competency's score");
      lua_settop(L, c);
    }
  }
  lua_settop(L, arg);
}

static int l_finish(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  qk_store *s = S(L);
  const char *name = opt_field(L, 2, "status");
  qk_session_status st;
  if (!name || qk_store_status_parse(name, &st) != 0 || st == QK_SESSION_IN_PROGRESS)
    return luaL_error(L, "store.finish needs status = completed, abandoned, timed_out or interrupted");
  double score = num_field(L, 2, "score", NAN), max_score = num_field(L, 2, "max_score", NAN);
  int passed = tristate_field(L, 2, "passed");
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_session_finish(W(L, s), id, st, score, max_score, passed, now)),
        "the end of the session");
  record_scores(L, s, id, 2);
  qk_api_set_current_session(L, id); /* prize.issue's session (api_prize.c) */
  return 0;
}

/* store.questions_known(id): whether the option texts of the session's
** exam version were recorded completely (qk_store_exam_questions_known). */
static int l_questions_known(lua_State *L) {
  int64_t id = session_arg(L);
  qk_store *s = S(L);
  int known = 0;
  check(L, s, done(L, qk_store_exam_questions_known(W(L, s), id, &known)), "(reading the exam's questions)");
  lua_pushboolean(L, known);
  return 1;
}

/* store.questions(id, set [, from [, count]]) -> next | nil
** Records the option texts of questions from..from+count-1 of set (a
** kiosk.exam set, complete: its questions numbered from 1 through its
** sections in order; count: all that are left when nil) for the session's
** exam version, in one transaction: id, section id and { letter = text }
** as the exports want them (options as written: a string or { zh =, en = }
** gets A, B, C… by position, { id =, text = } its own id). Returns the
** number of the next question, or nil once the last one is recorded: that
** call also marks the version's list complete (store.h), in the same
** transaction, so a crash between calls leaves it to be completed by the
** next session (store.questions_known says whether it is).
**
** The set is read in C straight from its tables: no list of 100,000 items
** is built in Lua first. The call runs with its clock paused (recording a
** slice is the database's work, and a session completes whatever is left
** in one call before storing an answer); no script code can run meanwhile:
** every table is read raw, ids are strings or numbers (no __tostring), and
** the JSON encoder calls no metamethod, so the pause cannot shelter a loop.
** The text of a call goes to one buffer kept per VM (no garbage per call). */
typedef struct {
  char *p;
  size_t n, cap;
  qk_exam_question *rows;
  size_t *at; /* per row: offsets of question, section, options (SIZE_MAX: NULL) */
  size_t nrows;
} questions_buf;

static int questions_buf_gc(lua_State *L) {
  questions_buf *b = lua_touserdata(L, 1);
  free(b->p);
  free(b->rows);
  free(b->at);
  memset(b, 0, sizeof *b);
  return 0;
}

static questions_buf *questions_box(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, "qk.store.questions_buf") != LUA_TUSERDATA) {
    lua_pop(L, 1);
    questions_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, questions_buf_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "qk.store.questions_buf");
  }
  questions_buf *b = lua_touserdata(L, -1);
  lua_pop(L, 1); /* the registry keeps it */
  return b;
}

/* Raises with the clock running again (host.h: resume before raising);
** fmt may have one %I: the number of the question in hand. */
static int questions_fail(lua_State *L, const char *fmt, lua_Integer n) {
  qk_host_budget_resume(qk_host_of(L));
  return luaL_error(L, fmt, n);
}

static void qb_add(lua_State *L, questions_buf *b, const char *s, size_t len) {
  if (b->n + len + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->n + len + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) questions_fail(L, "store.questions: out of memory (%I)", (lua_Integer)cap);
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, len);
  b->n += len;
}

static void qb_sink(void *ud, const char *s, size_t len) {
  void **k = ud;
  qb_add(k[0], k[1], s, len);
}

/* The string or number at idx as text into b, ended by a zero; returns its
** offset, or SIZE_MAX for nil. Anything else raises (what names it: what). */
static size_t qb_id(lua_State *L, questions_buf *b, int idx, const char *what, lua_Integer n) {
  int t = lua_type(L, idx);
  if (t == LUA_TNIL) return SIZE_MAX;
  if (t != LUA_TSTRING && t != LUA_TNUMBER) questions_fail(L, what, n);
  size_t at = b->n, len;
  lua_pushvalue(L, idx); /* a number is turned into text on the copy only */
  const char *s = lua_tolstring(L, -1, &len);
  qb_add(L, b, s, len);
  qb_add(L, b, "", 1);
  lua_pop(L, 1);
  return at;
}

static int raw_field_type(lua_State *L, int t, const char *k) {
  lua_pushstring(L, k);
  return lua_rawget(L, t);
}

/* The options of the question at q as a JSON object into b; its offset, or
** SIZE_MAX when it has none. */
static size_t qb_options(lua_State *L, questions_buf *b, int q, lua_Integer n) {
  if (raw_field_type(L, q, "options") != LUA_TTABLE) {
    lua_pop(L, 1);
    return SIZE_MAX;
  }
  int opts = lua_gettop(L);
  lua_Unsigned count = lua_rawlen(L, opts);
  if (count == 0) {
    lua_pop(L, 1);
    return SIZE_MAX; /* as the Lua list made it: no options, no object */
  }
  size_t at = b->n;
  void *sink[2] = {L, b};
  qb_add(L, b, "{", 1);
  for (lua_Unsigned i = 1; i <= count; i++) {
    if (i > 1) qb_add(L, b, ",", 1);
    int o = (lua_rawgeti(L, opts, (lua_Integer)i), lua_gettop(L));
    int text = o;
    if (lua_type(L, o) == LUA_TTABLE && raw_field_type(L, o, "id") != LUA_TNIL) {
      if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
        questions_fail(L, "store.questions: question %I: an option id must be a string or a number", n);
      size_t len;
      const char *id = lua_tolstring(L, -1, &len); /* the copy on the stack */
      qk_json_write_string(qb_sink, sink, id, len);
      raw_field_type(L, o, "text");
      text = lua_gettop(L);
    } else {
      if (i > 191) questions_fail(L, "store.questions: question %I has more than 191 options", n);
      char letter = (char)(64 + i); /* string.char(64 + i), as exam.options names it */
      qk_json_write_string(qb_sink, sink, &letter, 1);
    }
    qb_add(L, b, ":", 1);
    if (lua_type(L, text) == LUA_TSTRING) {
      size_t len;
      const char *v = lua_tolstring(L, text, &len);
      qk_json_write_string(qb_sink, sink, v, len);
    } else if (lua_isnil(L, text)) {
      qb_add(L, b, "null", 4);
    } else {
      qk_json_push_encoded(L, text);
      size_t len;
      const char *v = lua_tolstring(L, -1, &len);
      qb_add(L, b, v, len);
      lua_pop(L, 1);
    }
    lua_settop(L, o - 1);
  }
  qb_add(L, b, "}", 2); /* with its ending zero */
  lua_pop(L, 1);
  return at;
}

static int l_questions(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_Integer from = luaL_optinteger(L, 3, 1), count = luaL_optinteger(L, 4, LUA_MAXINTEGER);
  luaL_argcheck(L, from >= 1, 3, "questions are numbered from 1");
  luaL_argcheck(L, count >= 1, 4, "count must be at least 1");
  qk_store *s = S(L);
  questions_buf *b = questions_box(L);
  b->n = b->nrows = 0;
  qk_host_budget_pause(qk_host_of(L));
  if (raw_field_type(L, 2, "sections") != LUA_TTABLE) questions_fail(L, "store.questions: the set has no sections", 0);
  int secs = lua_gettop(L);
  lua_Integer n = 0, next = 0; /* n: the number of the question in hand; next: one left after the slice */
  for (lua_Integer si = 1; !next && lua_rawgeti(L, secs, si) == LUA_TTABLE; si++) {
    int sec = lua_gettop(L);
    if (raw_field_type(L, sec, "questions") != LUA_TTABLE) {
      lua_settop(L, sec - 1);
      continue;
    }
    int qs = lua_gettop(L);
    lua_Integer len = (lua_Integer)lua_rawlen(L, qs);
    if (n + len < from) { /* wholly before the slice */
      n += len;
      lua_settop(L, sec - 1);
      continue;
    }
    raw_field_type(L, sec, "id");
    int sec_id = lua_gettop(L);
    for (lua_Integer qi = from > n ? from - n : 1; qi <= len; qi++) {
      if (n + qi - from >= count) { /* (not from + count: count may be the largest integer) */
        next = n + qi;
        break;
      }
      if (lua_rawgeti(L, qs, qi) != LUA_TTABLE)
        questions_fail(L, "store.questions: question %I is not a table", n + qi);
      int q = lua_gettop(L);
      if (b->nrows % 1024 == 0) {
        size_t want = b->nrows + 1024;
        qk_exam_question *rows = realloc(b->rows, want * sizeof *rows);
        if (rows) b->rows = rows;
        size_t *at = realloc(b->at, want * 3 * sizeof *at);
        if (at) b->at = at;
        if (!rows || !at) questions_fail(L, "store.questions: out of memory", 0);
      }
      size_t *at = b->at + 3 * b->nrows;
      raw_field_type(L, q, "id");
      at[0] = qb_id(L, b, -1, "store.questions: question %I: its id must be a string or a number", n + qi);
      if (at[0] == SIZE_MAX) questions_fail(L, "store.questions: question %I has no id", n + qi);
      lua_pop(L, 1);
      at[1] = qb_id(L, b, sec_id, "store.questions: question %I: its section's id must be a string or a number",
                    n + qi);
      at[2] = qb_options(L, b, q, n + qi);
      b->nrows++;
      lua_settop(L, q - 1);
    }
    if (!next) n += len;
    lua_settop(L, sec - 1);
  }
  lua_settop(L, secs - 1);
  if (!next && n < from && from > 1) questions_fail(L, "store.questions: the set has no question %I", from);
  /* Offsets become pointers once the buffer holds everything. */
  for (size_t i = 0; i < b->nrows; i++) {
    const size_t *at = b->at + 3 * i;
    b->rows[i].question = b->p + at[0];
    b->rows[i].section = at[1] == SIZE_MAX ? NULL : b->p + at[1];
    b->rows[i].options_json = at[2] == SIZE_MAX ? NULL : b->p + at[2];
  }
  int rc = qk_store_exam_questions(s, id, b->rows, b->nrows, !next);
  qk_host_budget_resume(qk_host_of(L));
  check(L, s, rc, "(recording the exam's questions)");
  if (next) lua_pushinteger(L, next);
  else lua_pushnil(L);
  return 1;
}

static int l_rubric(lua_State *L) {
  int64_t id = session_arg(L);
  const char *q = luaL_checkstring(L, 2);
  luaL_checktype(L, 3, LUA_TTABLE);
  qk_store *s = S(L);
  lua_getfield(L, 3, "scores");
  qk_json_push_encoded(L, -1);
  const char *reviewer = opt_field(L, 3, "reviewer");
  double points = num_field(L, 3, "points", 0);
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_rubric(W(L, s), id, q, lua_tostring(L, -1), points, reviewer ? reviewer : "", now)),
        "the rubric score");
  lua_pop(L, 2); /* scores, json: the stack stays balanced (api.h) */
  return 0;
}

static int l_rescore(lua_State *L) {
  int64_t id = session_arg(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  qk_store *s = S(L);
  const char *reason = opt_field(L, 2, "reason");
  if (!reason) reason = "rescore";
  lua_getfield(L, 2, "answers");
  if (lua_istable(L, -1)) {
    int t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
      if (lua_type(L, -2) == LUA_TSTRING && lua_istable(L, -1)) {
        int row = lua_gettop(L);
        double points = num_field(L, row, "points", NAN);
        int correct = tristate_field(L, row, "correct");
        qk_ms now = wall(L);
        int rc = done(L, qk_store_rescore_answer(W(L, s), id, lua_tostring(L, -2), points, correct, reason, now));
        if (rc != QK_STORE_NOTFOUND) check(L, s, rc, "an answer's new score"); /* unanswered: no row */
      }
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  double score = num_field(L, 2, "score", NAN), max_score = num_field(L, 2, "max_score", NAN);
  int passed = tristate_field(L, 2, "passed");
  qk_ms now = wall(L);
  check(L, s, done(L, qk_store_rescore_session(W(L, s), id, score, max_score, passed, reason, now)),
        "the session's new score");
  record_scores(L, s, id, 2);
  qk_api_set_current_session(L, id); /* prize.issue's session (api_prize.c) */
  return 0;
}

/* ---- reading back ---- */

static void push_opt_number(lua_State *L, double v, const char *k) {
  if (isnan(v)) return;
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static void push_opt_string(lua_State *L, const char *v, const char *k) {
  if (!v) return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/* Callbacks run inside the store's statement loop: they only build Lua
** tables, and a lua_checkstack failure stops the loop with NO_STACK (a
** value no store call returns) to be raised after it, never inside it. */
#define NO_STACK 100
static int push_session_row(void *ud, const qk_store_session_row *r) {
  lua_State *L = ud;
  if (!lua_checkstack(L, 6)) return NO_STACK;
  lua_createtable(L, 0, 14);
  lua_pushinteger(L, (lua_Integer)r->id);
  lua_setfield(L, -2, "id");
  push_opt_string(L, r->app, "app");
  push_opt_string(L, r->exam, "exam");
  push_opt_string(L, r->exam_title, "exam_title");
  push_opt_string(L, r->content_hash, "content_hash");
  push_opt_string(L, r->status, "status");
  push_opt_string(L, r->language, "lang");
  push_opt_string(L, r->mode, "mode");
  lua_pushinteger(L, (lua_Integer)r->shuffle_seed);
  lua_setfield(L, -2, "seed");
  lua_pushinteger(L, (lua_Integer)r->started_at);
  lua_setfield(L, -2, "started_at");
  if (r->finished_at) {
    lua_pushinteger(L, (lua_Integer)r->finished_at);
    lua_setfield(L, -2, "finished_at");
  }
  push_opt_number(L, r->score, "score");
  push_opt_number(L, r->max_score, "max_score");
  if (r->passed >= 0) {
    lua_pushboolean(L, r->passed);
    lua_setfield(L, -2, "passed");
  }
  return 0;
}

static int append_session(void *ud, const qk_store_session_row *r) {
  lua_State *L = ud;
  if (push_session_row(L, r) != 0) return NO_STACK;
  lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
  return 0;
}

/* After a read into the table on top: raises what went wrong, else returns it. */
static int read_done(lua_State *L, qk_store *s, int rc, const char *what) {
  if (rc == NO_STACK) return luaL_error(L, "out of memory %s", what);
  check(L, s, rc, what);
  return 1;
}

static int l_sessions(lua_State *L) {
  qk_store *s = S(L);
  const char *exam = luaL_optstring(L, 1, NULL);
  lua_newtable(L);
  return read_done(L, s, done(L, qk_store_exam_sessions(W(L, s), qk_api_services(L)->app_name, exam, append_session, L)),
                   "(reading sessions)");
}

static int l_session(lua_State *L) {
  qk_store *s = S(L);
  int64_t id = (int64_t)luaL_checkinteger(L, 1);
  int owner = session_owner(L, s, id);
  if (owner < 0) return 0; /* no such session */
  if (owner == 0) return luaL_error(L, "session %I is not one of this app's", (lua_Integer)id);
  int top = lua_gettop(L);
  int rc = done(L, qk_store_session_get(W(L, s), id, push_session_row, L));
  if (rc == NO_STACK) return luaL_error(L, "out of memory reading a session");
  if (rc == QK_STORE_NOTFOUND) return 0;
  check(L, s, rc, "(reading a session)");
  return lua_gettop(L) > top ? 1 : 0;
}

static int set_answer(void *ud, const qk_store_answer_row *r) {
  lua_State *L = ud;
  if (!lua_checkstack(L, 6)) return NO_STACK;
  lua_createtable(L, 0, 4);
  qk_json_push_decoded(L, r->response, strlen(r->response));
  lua_setfield(L, -2, "response");
  push_opt_number(L, r->points, "points");
  if (r->correct >= 0) {
    lua_pushboolean(L, r->correct);
    lua_setfield(L, -2, "correct");
  }
  lua_pushinteger(L, (lua_Integer)r->time_ms);
  lua_setfield(L, -2, "time_ms");
  lua_setfield(L, -2, r->question);
  return 0;
}

static int l_answers(lua_State *L) {
  qk_store *s = S(L);
  int64_t id = session_arg(L);
  lua_newtable(L);
  return read_done(L, s, done(L, qk_store_session_answers(W(L, s), id, set_answer, L)), "(reading answers)");
}

static int append_event(void *ud, const qk_store_event_row *r) {
  lua_State *L = ud;
  if (!lua_checkstack(L, 6)) return NO_STACK;
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, (lua_Integer)r->t_ms);
  lua_setfield(L, -2, "t_ms");
  lua_pushstring(L, r->kind);
  lua_setfield(L, -2, "kind");
  if (r->data) {
    qk_json_push_decoded(L, r->data, strlen(r->data));
    lua_setfield(L, -2, "data");
  }
  lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
  return 0;
}

static int l_events(lua_State *L) {
  qk_store *s = S(L);
  int64_t id = session_arg(L);
  lua_newtable(L);
  return read_done(L, s, done(L, qk_store_session_events(W(L, s), id, append_event, L)), "(reading events)");
}

/* Builds the resume table; the C struct is freed before anything raises.
** store.resumable(true) looks at every app of this kiosk (a chooser app
** sends the person back into the app whose session was cut short). */
static int l_resumable(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  qk_store *s = S(L);
  int any_app = lua_toboolean(L, 1);
  lua_settop(L, 0);
  qk_store_resume r;
  memset(&r, 0, sizeof r);
  qk_ms now = wall(L);
  int rc = done(L, qk_store_find_resumable(W(L, s), sv->kiosk_id, any_app ? NULL : sv->app_name, now,
                                           sv->resume_window_ms, &r));
  if (rc == QK_STORE_NOTFOUND) return 0;
  check(L, s, rc, "(reading the session to resume)");
  char app_name[64] = "";
  int grc = done(L, qk_store_session_get(W(L, s), r.session_id, copy_app_name, app_name));
  if (grc != QK_STORE_OK) {
    qk_store_resume_free(&r);
    check(L, s, grc, "(reading the session to resume)");
  }
  if (strcmp(app_name, sv->app_name) != 0) {
    /* Another app's session: the chooser learns where to send the person,
    ** nothing of what they answered or who they are. */
    qk_store_resume_free(&r);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, app_name);
    lua_setfield(L, -2, "app");
    return 1;
  }
  /* Copy what is needed onto the Lua stack as strings first, then free. */
  int base = lua_gettop(L);
  lua_pushinteger(L, (lua_Integer)r.session_id);
  lua_pushinteger(L, (lua_Integer)r.remaining_ms);
  lua_pushstring(L, r.checkpoint ? r.checkpoint : "null");
  int n = r.n_answers;
  for (int i = 0; i < n; i++) {
    lua_pushstring(L, r.answers[i].question);
    lua_pushstring(L, r.answers[i].response);
  }
  int64_t session_id = r.session_id;
  qk_ms last_activity = r.last_activity;
  qk_store_resume_free(&r);
  char who[QK_STORE_NAME_MAX] = "";
  int has_phone = 0;
  check(L, s, done(L, qk_store_resume_identity(W(L, s), session_id, who, sizeof who, &has_phone)),
        "(reading whose session it is)");
  lua_createtable(L, 0, 8);
  int t = lua_gettop(L);
  lua_pushvalue(L, base + 1);
  lua_setfield(L, t, "session_id");
  lua_pushstring(L, who);
  lua_setfield(L, t, "who");
  lua_pushboolean(L, has_phone);
  lua_setfield(L, t, "has_phone");
  lua_pushinteger(L, (lua_Integer)(now > last_activity ? now - last_activity : 0));
  lua_setfield(L, t, "idle_ms");
  lua_pushstring(L, app_name);
  lua_setfield(L, t, "app");
  if (lua_tointeger(L, base + 2) >= 0) {
    lua_pushvalue(L, base + 2);
    lua_setfield(L, t, "remaining_ms");
  }
  size_t len;
  const char *cp = lua_tolstring(L, base + 3, &len);
  qk_json_push_decoded(L, cp, len);
  lua_setfield(L, t, "checkpoint");
  lua_createtable(L, 0, n);
  for (int i = 0; i < n; i++) {
    lua_pushvalue(L, base + 4 + 2 * i);
    const char *resp = lua_tolstring(L, base + 5 + 2 * i, &len);
    qk_json_push_decoded(L, resp, len);
    lua_settable(L, -3);
  }
  lua_setfield(L, t, "answers");
  lua_replace(L, base + 1); /* the table in place of the copies: the stack stays balanced (api.h) */
  lua_settop(L, base + 1);
  return 1;
}

static int l_leaderboard(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  qk_store *s = S(L);
  const char *exam = luaL_checkstring(L, 1);
  int n = (int)luaL_optinteger(L, 2, 10);
  if (n < 1 || n > 100) return luaL_error(L, "leaderboard size must be 1..100");
  int day = !lua_isnoneornil(L, 3); /* since: wall-clock ms (the day's board) */
  qk_ms since = day ? (qk_ms)luaL_checkinteger(L, 3) : 0;
  qk_store_leader rows[100];
  int count = 0;
  check(L, s,
        done(L, day ? qk_store_leaderboard_since(W(L, s), sv->app_name, exam, since, n, rows, &count)
                    : qk_store_leaderboard(W(L, s), sv->app_name, exam, NULL, n, rows, &count)),
        "(reading the leaderboard)");
  /* Fleet: the other kiosks' scores from the sync worker's cache (never
  ** the network); without a server, or while it is away, the local board.
  ** The cache is the all-time board, so the day's board stays this kiosk's. */
  if (!day) qk_sync_board_merge(sv->sync, sv->app_name, exam, n, rows, &count);
  lua_createtable(L, count, 0);
  for (int i = 0; i < count; i++) {
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)rows[i].session_id);
    lua_setfield(L, -2, "session_id");
    lua_pushstring(L, rows[i].name);
    lua_setfield(L, -2, "name");
    lua_pushnumber(L, rows[i].score);
    lua_setfield(L, -2, "score");
    lua_pushnumber(L, rows[i].max_score);
    lua_setfield(L, -2, "max_score");
    lua_pushinteger(L, (lua_Integer)rows[i].finished_at);
    lua_setfield(L, -2, "finished_at");
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int l_rank(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  qk_store *s = S(L);
  const char *exam = luaL_checkstring(L, 1);
  int64_t id = (int64_t)luaL_checkinteger(L, 2);
  int day = !lua_isnoneornil(L, 3);
  qk_ms since = day ? (qk_ms)luaL_checkinteger(L, 3) : 0;
  int rank = 0, total = 0;
  int rc = done(L, day ? qk_store_leader_rank_since(W(L, s), sv->app_name, exam, id, since, &rank, &total)
                       : qk_store_leader_rank(W(L, s), sv->app_name, exam, id, &rank, &total));
  if (rc == QK_STORE_NOTFOUND) return 0; /* not a completed session of this app's exam */
  check(L, s, rc, "(reading the leaderboard)");
  lua_pushinteger(L, rank);
  lua_pushinteger(L, total);
  return 2;
}

static int l_resume_check(lua_State *L) {
  int64_t id = session_arg(L);
  const char *digits = luaL_checkstring(L, 2);
  qk_store *s = S(L);
  int match = 0;
  check(L, s, done(L, qk_store_resume_check_phone(W(L, s), id, digits, &match)), "(checking the phone digits)");
  lua_pushboolean(L, match);
  return 1;
}

static int l_verify_pin(lua_State *L) {
  qk_store *s = S(L);
  const char *pin = luaL_checkstring(L, 1);
  int64_t remaining = 0;
  qk_ms now = wall(L);
  int rc = done(L, qk_store_verify_pin(W(L, s), pin, now, &remaining));
  static const char *const names[] = {"ok", "wrong", "locked", "not_set"};
  if (rc < 0 || rc > 3) return luaL_error(L, "cannot check the PIN: %s", qk_store_errmsg(s));
  lua_pushstring(L, names[rc]);
  /* A wrong PIN that started a lock also says for how long. */
  if (rc == QK_PIN_LOCKED || (rc == QK_PIN_WRONG && remaining > 0)) {
    lua_pushinteger(L, (lua_Integer)remaining);
    return 2;
  }
  return 1;
}

static void set_num(lua_State *L, const char *k, double v) {
  if (isnan(v)) lua_pushnil(L);
  else lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static int l_stats_today(lua_State *L) {
  qk_store *s = S(L);
  qk_store_stats st;
  qk_ms day = qk_store_local_day_start(wall(L));
  check(L, s, done(L, qk_store_stats_since(W(L, s), day, &st)), "(reading today's numbers)");
  qk_store_result recent[10];
  int count = 0;
  check(L, s, done(L, qk_store_recent(W(L, s), 10, recent, &count)), "(reading the last results)");
  lua_createtable(L, 0, 10);
  const struct { const char *k; int64_t v; } counts[] = {
    {"started", st.started}, {"completed", st.completed}, {"abandoned", st.abandoned},
    {"timed_out", st.timed_out}, {"interrupted", st.interrupted}, {"in_progress", st.in_progress},
  };
  for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
    lua_pushinteger(L, (lua_Integer)counts[i].v);
    lua_setfield(L, -2, counts[i].k);
  }
  set_num(L, "completion_rate", st.completion_rate);
  set_num(L, "pass_rate", st.pass_rate);
  set_num(L, "avg_score_pct", st.avg_score_pct);
  lua_createtable(L, count, 0);
  for (int i = 0; i < count; i++) {
    char when[40];
    qk_store_format_time(recent[i].time, when, sizeof when);
    lua_createtable(L, 0, 8);
    lua_pushstring(L, when);
    lua_setfield(L, -2, "time");
    lua_pushstring(L, recent[i].exam_title[0] ? recent[i].exam_title : recent[i].exam);
    lua_setfield(L, -2, "exam");
    lua_pushstring(L, recent[i].name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, recent[i].status);
    lua_setfield(L, -2, "status");
    set_num(L, "score", recent[i].score);
    set_num(L, "max_score", recent[i].max_score);
    if (recent[i].passed >= 0) {
      lua_pushboolean(L, recent[i].passed);
      lua_setfield(L, -2, "passed");
    }
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "recent");
  return 1;
}

static int l_export(lua_State *L) {
  qk_store *s = S(L);
  const char *dir = luaL_checkstring(L, 1);
  const char *format = luaL_optstring(L, 2, "csv");
  int bundle = strcmp(format, "bundle") == 0;
  if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 && !bundle)
    return luaL_error(L, "export format is csv, json or bundle");
  char path[4096], stamp[32], answers[4096];
  time_t now = (time_t)(wall(L) / 1000);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  snprintf(path, sizeof path, "%s/quizkiosk-%s-%s.%s", dir, qk_api_services(L)->kiosk_id, stamp, format);
  if (bundle) /* fleet: the outbox for `quizkiosk fleet import` (outbox.h) */
    check(L, s, done(L, qk_store_outbox_export(W(L, s), qk_api_services(L)->kiosk_id, path, NULL)), "the export");
  else
    check(L, s, done(L, qk_store_export_file(W(L, s), path, format, 0, answers, sizeof answers)), "the export");
  lua_pushstring(L, path);
  return 1;
}

/* Fleet: the sync worker's state for the staff screen (no network wait). */
static int l_sync_status(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  qk_sync *sync = sv->sync;
  qk_sync_state st;
  qk_sync_get_state(sync, &st);
  /* No worker but a reason (a server is set and the fleet module is
  ** missing: sync_load.h): configured and offline, with the reason as the
  ** error, and the backlog counted here so staff see what waits. */
  int broken = !sync && st.error[0];
  if (broken && sv->store) {
    qk_outbox_counts n;
    if (done(L, qk_store_outbox_counts(W(L, sv->store), &n)) == QK_STORE_OK) {
      st.backlog = n.pending;
      st.refused = n.refused;
      st.held = n.held;
      if (n.refused) snprintf(st.refused_reason, sizeof st.refused_reason, "%s %s", n.last_code, n.last_reason);
    }
  }
  lua_createtable(L, 0, 9);
  lua_pushboolean(L, sync != NULL || broken);
  lua_setfield(L, -2, "configured");
  lua_pushboolean(L, st.connected);
  lua_setfield(L, -2, "connected");
  lua_pushinteger(L, (lua_Integer)st.backlog);
  lua_setfield(L, -2, "backlog");
  lua_pushinteger(L, (lua_Integer)st.sent_total);
  lua_setfield(L, -2, "sent");
  /* Records the server refused for their content (set aside, outbox.h),
  ** those waiting behind them, and the latest reason. */
  lua_pushinteger(L, (lua_Integer)st.refused);
  lua_setfield(L, -2, "refused");
  lua_pushinteger(L, (lua_Integer)st.held);
  lua_setfield(L, -2, "held");
  if (st.refused_reason[0]) {
    lua_pushstring(L, st.refused_reason);
    lua_setfield(L, -2, "refused_reason");
  }
  if (st.last_contact_ms) {
    char when[40];
    qk_store_format_time(st.last_contact_ms, when, sizeof when);
    lua_pushstring(L, when);
    lua_setfield(L, -2, "last_contact");
  }
  if (st.error[0]) {
    lua_pushstring(L, st.error);
    lua_setfield(L, -2, "error");
  }
  if (st.bundle[0]) {
    lua_pushstring(L, st.bundle);
    lua_setfield(L, -2, "question_set");
  }
  if (st.bundle_error[0]) {
    lua_pushstring(L, st.bundle_error);
    lua_setfield(L, -2, "question_set_refused");
  }
  return 1;
}

static int l_set_pin(lua_State *L) {
  qk_store *s = S(L);
  const char *pin = luaL_checkstring(L, 1);
  int rc = done(L, qk_store_set_pin(W(L, s), pin));
  if (rc != QK_STORE_OK) return luaL_error(L, "cannot set the PIN: %s", qk_store_errmsg(s));
  return 0;
}

static int l_pin_is_set(lua_State *L) {
  qk_store *s = S(L);
  lua_pushboolean(L, done(L, qk_store_pin_is_set(W(L, s))) == 1);
  return 1;
}

/* What an ordinary app may do with a setting: read "kiosk_id", read and
** write its own keys ("<app>.<name>"). The staff screen may do anything
** the store allows (it keeps the PIN's keys to itself). */
static int own_setting(lua_State *L, const char *key) {
  const char *app = qk_api_services(L)->app_name;
  size_t n = strlen(app);
  return strncmp(key, app, n) == 0 && key[n] == '.' && key[n + 1] != 0;
}

static int l_setting(lua_State *L) {
  qk_store *s = S(L);
  const char *key = luaL_checkstring(L, 1);
  if (!qk_api_services(L)->staff && strcmp(key, "kiosk_id") != 0 && !own_setting(L, key))
    return luaL_error(L, "setting '%s' is not this app's (an app reads kiosk_id and its own keys '%s.NAME')", key,
                      qk_api_services(L)->app_name);
  char value[1024];
  int rc = done(L, qk_store_setting_get(W(L, s), key, value, sizeof value));
  if (rc == QK_STORE_NOTFOUND) return 0;
  check(L, s, rc, "(reading a setting)");
  lua_pushstring(L, value);
  return 1;
}

static int l_set_setting(lua_State *L) {
  qk_store *s = S(L);
  const char *key = luaL_checkstring(L, 1), *value = luaL_checkstring(L, 2);
  if (!qk_api_services(L)->staff && !own_setting(L, key))
    return luaL_error(L, "setting '%s' is for the staff screen only (an app writes only its own keys '%s.NAME')", key,
                      qk_api_services(L)->app_name);
  check(L, s, done(L, qk_store_setting_set(W(L, s), key, value)), "a setting");
  return 0;
}

/* In an ordinary app, store.<staff call> raises instead of reading nil. */
static int staff_index(lua_State *L) {
  return qk_api_staff_index(L, &qk_api_store, lua_tostring(L, 2),
                            "hold the top-left corner for 3 s; or the quizkiosk command line");
}

static const qk_api_fn store_fns[] = {
  {"begin_session", l_begin_session, "store.begin_session{ exam, exam_title, content_hash, seed, lang, mode } -> id",
   "a new session", 0},
  {"candidate", l_candidate, "store.candidate(id, fields [, consent])",
   "personal fields (and the consent text and version)", 0},
  {"answer", l_answer, "store.answer(id, { question, response, points, max_points, correct, time_ms, free_text })",
   "an answer, durably, now", 0},
  {"event", l_event, "store.event(id, kind [, data [, personal]])", "the session's event log", 0},
  {"checkpoint", l_checkpoint, "store.checkpoint(id, state [, remaining_ms])", "the resume point", 0},
  {"finish", l_finish, "store.finish(id, { status, score, max_score, passed, sections, competencies })",
   "the end of a session (sections = { { id, title, score, max_score } }, competencies = { [name] = { score, max_score } })", 0},
  {"questions_known", l_questions_known, "store.questions_known(id) -> boolean",
   "whether the option texts of this session's exam version are recorded, completely", 0},
  {"questions", l_questions, "store.questions(id, set [, from [, count]]) -> next | nil",
   "record the option texts of the session's exam version, for the exports, in slices (nil: all recorded)", 0},
  {"rubric", l_rubric, "store.rubric(id, question, { scores, points, reviewer })", "interviewer scores", 0},
  {"rescore", l_rescore, "store.rescore(id, { score, max_score, passed, reason, answers, sections, competencies })",
   "a finished session's new score, with an audit record", 0},
  {"sessions", l_sessions, "store.sessions([exam]) -> { sessions }", "this app's sessions, oldest first", 0},
  {"session", l_session, "store.session(id) -> session | nil", "one of this app's sessions", 0},
  {"answers", l_answers, "store.answers(id) -> { [question] = answer }", "a session's answers", 0},
  {"events", l_events, "store.events(id) -> { events }", "a session's events in order", 0},
  {"resumable", l_resumable, "store.resumable([any_app]) -> nil | { session_id, ... }",
   "the unfinished session to offer", 0},
  {"resume_check", l_resume_check, "store.resume_check(id, digits) -> boolean",
   "the last four digits of the candidate's phone?", 0},
  {"leaderboard", l_leaderboard, "store.leaderboard(exam [, n [, since]]) -> { entries }",
   "the top n (at most 100); with a fleet server every kiosk's (other kiosks' rows have session_id 0); "
   "since (wall ms): only this kiosk's sessions finished since then (the day's board)", 0},
  {"rank", l_rank, "store.rank(exam, id [, since]) -> rank, total | nil",
   "a completed session's place (since: among the sessions finished since then)", 0},
  {"verify_pin", l_verify_pin, "store.verify_pin(pin) -> \"ok\"|\"wrong\"|\"locked\"|\"not_set\" [, ms]",
   "check the staff PIN (wrong ones lock out)", 0},
  {"pin_is_set", l_pin_is_set, "store.pin_is_set() -> boolean", "whether a staff PIN exists", 0},
  {"setting", l_setting, "store.setting(key) -> value | nil", "kiosk_id and the app's own \"<app>.<name>\" keys", 0},
  {"set_setting", l_set_setting, "store.set_setting(key, value)", "the app's own \"<app>.<name>\" keys", 0},
  {"stats_today", l_stats_today, "store.stats_today() -> { started, completed, ..., recent }", "today's figures",
   QK_API_STAFF},
  {"export", l_export, "store.export(folder [, \"csv\"|\"json\"|\"bundle\"]) -> path",
   "write the results to a folder (bundle: the fleet outbox, for `quizkiosk fleet import`)", QK_API_STAFF},
  {"sync_status", l_sync_status, "store.sync_status() -> { configured, connected, backlog, sent, last_contact, ... }",
   "the fleet sync worker's state (configured = false without a server)", QK_API_STAFF},
  {"set_pin", l_set_pin, "store.set_pin(pin)", "set the staff PIN", QK_API_STAFF},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_store = {"store", "results recorded through the runtime (no SQL)", store_fns};

int qk_open_store(lua_State *L) {
  qk_api_newlib(L, &qk_api_store);
  qk_api_staff_part(L, &qk_api_store, staff_index);
  return 1;
}
