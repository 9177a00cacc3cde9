/*
** api_kiosk.c — the `kiosk` module: time, timers, frames and the runtime's
** services. Its functions are declared once, in qk_api_kiosk at the end
** (`quizkiosk --api` prints them).
*/
#include <dirent.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.h"
#include "content_text.h"
#include "env.h"
#include "host.h"
#include "store.h"

static int l_now(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  lua_pushinteger(L, (lua_Integer)sv->now(sv->ctx));
  return 1;
}

static int add_timer(lua_State *L, int repeat) {
  const qk_services *sv = qk_api_services(L);
  lua_Number ms = luaL_checknumber(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  if (ms < 0) ms = 0;
  if (repeat && ms < 1) return luaL_error(L, "kiosk.every needs an interval of at least 1 ms");
  uint64_t now = sv->now(sv->ctx);
  int id = qk_host_timer_add(qk_host_of(L), L, now + (uint64_t)ms, repeat ? (uint64_t)ms : 0, 2);
  if (id < 0) return luaL_error(L, "too many timers (cancel the ones you no longer need)");
  lua_pushinteger(L, id);
  return 1;
}

static int l_after(lua_State *L) { return add_timer(L, 0); }
static int l_every(lua_State *L) { return add_timer(L, 1); }

static int l_cancel(lua_State *L) {
  if (!lua_isnoneornil(L, 1)) qk_host_timer_cancel(qk_host_of(L), (int)luaL_checkinteger(L, 1));
  return 0;
}

static int l_redraw(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  if (lua_toboolean(L, 1)) sv->new_screen(sv->ctx);
  else sv->redraw(sv->ctx);
  return 0;
}

static int l_animate(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->animate(sv->ctx, (int)luaL_optinteger(L, 1, 250));
  return 0;
}

static int l_element(lua_State *L) {
  const char *label = luaL_checkstring(L, 1);
  float x = (float)luaL_checknumber(L, 2), y = (float)luaL_checknumber(L, 3);
  float w = (float)luaL_checknumber(L, 4), h = (float)luaL_checknumber(L, 5);
  qk_draw_element(qk_api_services(L)->draw, label, x, y, w, h);
  return 0;
}

static int l_text_input(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  int on = lua_toboolean(L, 1);
  sv->text_input(sv->ctx, on, (float)luaL_optnumber(L, 2, 0), (float)luaL_optnumber(L, 3, 0),
                    (float)luaL_optnumber(L, 4, 0), (float)luaL_optnumber(L, 5, 0));
  return 0;
}

static int l_frame(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  lua_pushinteger(L, (lua_Integer)sv->frame(sv->ctx));
  return 1;
}

static int l_presented_at(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  uint64_t when;
  if (sv->presented_at(sv->ctx, (uint64_t)luaL_checkinteger(L, 1), &when) != 0) return 0;
  lua_pushinteger(L, (lua_Integer)when);
  return 1;
}

static int l_shot(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  const char *name = luaL_checkstring(L, 1);
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\\') return luaL_error(L, "kiosk.shot: a name, not a path");
  lua_pushboolean(L, sv->shot(sv->ctx, name) == 0);
  return 1;
}

static int l_report(lua_State *L) {
  size_t n;
  const char *line = luaL_checklstring(L, 1, &n);
  fwrite(line, 1, n, stdout);
  fputc('\n', stdout);
  fflush(stdout);
  return 0;
}

static int l_tool_done(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->tool_done(sv->ctx, lua_toboolean(L, 1));
  return 0;
}

static int l_restart(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->restart(sv->ctx);
  return 0;
}

static int l_launch(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  char err[256];
  if (sv->launch(sv->ctx, luaL_checkstring(L, 1), err, sizeof err) != 0) return luaL_error(L, "%s", err);
  return 0;
}

static int l_apps(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  char names[64][64];
  int n = sv->list_bundled(sv->ctx, names, 64);
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_pushstring(L, names[i]);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int l_log(lua_State *L) {
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(&b, ' ');
    luaL_tolstring(L, i, NULL);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  qk_log_write(qk_api_services(L)->log, QK_LOG_INFO, "[%s] %s", qk_api_services(L)->app_name, lua_tostring(L, -1));
  lua_pop(L, 1); /* the line: a binding leaves the stack balanced (api.h) */
  return 0;
}

static int l_hash(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char hex[65];
  qk_store_content_hash(s, len, hex);
  lua_pushstring(L, hex);
  return 1;
}

static int l_wall_time(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  lua_pushinteger(L, (lua_Integer)sv->wall_ms(sv->ctx));
  return 1;
}

static int l_return_to_app(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->return_to_app(sv->ctx);
  return 0;
}

static int l_reload_app(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->reload_app(sv->ctx);
  return 0;
}

/* Folders where a USB stick shows up when mounted (udisks: /media/USER/X or
** /run/media/USER/X; by hand: /mnt/X), for the staff screen's export. */
static int l_removable_media(lua_State *L) {
  static const char *const roots[] = {"/media", "/run/media", "/mnt"};
  lua_newtable(L);
  int n = 0;
  for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++) {
    DIR *d = opendir(roots[r]);
    if (!d) continue;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 32) {
      if (de->d_name[0] == '.') continue;
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", roots[r], de->d_name);
      struct stat st;
      if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
      /* /media/USER holds the sticks one level down. */
      DIR *sub = opendir(path);
      int nested = 0;
      if (sub && r < 2) {
        struct dirent *se;
        while ((se = readdir(sub)) != NULL && n < 32) {
          char p2[2048];
          if (se->d_name[0] == '.') continue;
          snprintf(p2, sizeof p2, "%s/%s", path, se->d_name);
          if (stat(p2, &st) == 0 && S_ISDIR(st.st_mode) && access(p2, W_OK) == 0) {
            lua_pushstring(L, p2);
            lua_rawseti(L, -2, ++n);
            nested = 1;
          }
        }
      }
      if (sub) closedir(sub);
      if (!nested && access(path, W_OK) == 0 && strcmp(path, "/run/media") != 0) {
        lua_pushstring(L, path);
        lua_rawseti(L, -2, ++n);
      }
    }
    closedir(d);
  }
  /* Tests and trainers' dry runs point it at a folder of their own. */
  const char *extra = qk_env_get()->export_dir; /* QUIZKIOSK_EXPORT_DIR */
  if (extra) {
    lua_pushstring(L, extra);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

static int l_quit(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  sv->quit(sv->ctx);
  return 0;
}

/* An app that is not the staff screen: kiosk.quit raises (leaving the kiosk
** with exit code 0 would leave it down: the unit does not restart it). */
static int staff_index(lua_State *L) {
  return qk_api_staff_index(L, &qk_api_kiosk, lua_tostring(L, 2), "hold the top-left corner for 3 s");
}

static const qk_api_fn kiosk_fns[] = {
  {"now", l_now, "kiosk.now() -> ms", "the runtime clock (virtual under replay)", 0},
  {"after", l_after, "kiosk.after(ms, fn) -> id", "run fn once, ms from now", 0},
  {"every", l_every, "kiosk.every(ms, fn) -> id", "run fn every ms", 0},
  {"cancel", l_cancel, "kiosk.cancel(id)", "stop a timer", 0},
  {"redraw", l_redraw, "kiosk.redraw([new_screen])", "ask for a new frame (true: it shows a new screen)", 0},
  {"animate", l_animate, "kiosk.animate([ms])", "keep frames and update(dt) coming for ms (250)", 0},
  {"element", l_element, "kiosk.element(label, x, y, w, h)", "this frame shows an interactive element", 0},
  {"text_input", l_text_input, "kiosk.text_input(on [, x, y, w, h])", "show/hide text input (IME near the rect)", 0},
  {"frame", l_frame, "kiosk.frame() -> n", "the number of the frame being drawn", 0},
  {"presented_at", l_presented_at, "kiosk.presented_at(frame) -> ms | nil", "when that frame reached the screen", 0},
  {"restart", l_restart, "kiosk.restart()", "fresh app state (a new VM) after this call", 0},
  {"launch", l_launch, "kiosk.launch(name)", "switch to a bundled app (scripts/apps/<name>)", 0},
  {"apps", l_apps, "kiosk.apps() -> { names }", "the bundled apps", 0},
  {"log", l_log, "kiosk.log(...)", "write to the kiosk log (print does too)", 0},
  {"hash", l_hash, "kiosk.hash(s) -> hex", "SHA-256 of s (content hash of a question set)", 0},
  {"content_text", qk_content_text, "kiosk.content_text(v [, count, piece]) -> text, count, cut...",
   "a question set's canonical text, what its content hash is made of (kiosk.content_hasher hashes it)", 0},
  {"content_hasher", qk_content_hasher, "kiosk.content_hasher([piece]) -> h",
   "a question set's content hash made as its text is written, never holding it: h:put(s), h:table_start(), "
   "h:add(v), h:finish() -> hex (kiosk.exam's fingerprint)", 0},
  {"wall_time", l_wall_time, "kiosk.wall_time() -> ms", "ms since 1970 (what the store records)", 0},
  {"return_to_app", l_return_to_app, "kiosk.return_to_app()", "from the staff screen: back to the app", 0},
  {"reload_app", l_reload_app, "kiosk.reload_app()", "from the staff screen: restart the app", 0},
  {"removable_media", l_removable_media, "kiosk.removable_media() -> { folders }", "where USB sticks are mounted", 0},
  {"shot", l_shot, "kiosk.shot(name)", "tools: save the screen as NAME.png in --shots DIR", 0},
  {"report", l_report, "kiosk.report(line)", "tools: a line of the tool's output (stdout)", 0},
  {"tool_done", l_tool_done, "kiosk.tool_done([failed])", "tools: the work is finished", 0},
  {"quit", l_quit, "kiosk.quit()", "leave the kiosk", QK_API_STAFF},
  {"config", NULL, "kiosk.config", "{ kiosk_id, app, headless, replay, fullscreen, tool, tool_exam, tool_session, "
   "dry_run, restarted_after_crash, continue_session, seed }", QK_API_FIELD},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_kiosk = {"kiosk", "time, timers, frames and the runtime's services", kiosk_fns};

int qk_open_kiosk(lua_State *L) {
  const qk_services *sv = qk_api_services(L);
  qk_api_newlib(L, &qk_api_kiosk);
  if (sv->staff) qk_api_setfuncs(L, &qk_api_kiosk, QK_API_STAFF);
  else {
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, staff_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
  }
  lua_createtable(L, 0, 6);
  lua_pushstring(L, sv->app_name);
  lua_setfield(L, -2, "app");
  lua_pushboolean(L, sv->headless);
  lua_setfield(L, -2, "headless");
  lua_pushboolean(L, sv->replay);
  lua_setfield(L, -2, "replay");
  lua_pushboolean(L, sv->fullscreen);
  lua_setfield(L, -2, "fullscreen");
  lua_pushstring(L, sv->kiosk_id);
  lua_setfield(L, -2, "kiosk_id");
  if (sv->continue_session > 0) { /* storage came back: this candidate goes on without being asked */
    lua_pushinteger(L, (lua_Integer)sv->continue_session);
    lua_setfield(L, -2, "continue_session");
  }
  if (sv->has_seed) { /* --seed N: every session draws its paper with this seed (replays, tests) */
    lua_pushinteger(L, (lua_Integer)sv->seed);
    lua_setfield(L, -2, "seed");
  }
  if (sv->restarted_after_crash) { lua_pushboolean(L, 1); lua_setfield(L, -2, "restarted_after_crash"); } /* supervisor or unit restarted this kiosk after a crash */
  if (sv->tool) {
    lua_pushstring(L, sv->tool);
    lua_setfield(L, -2, "tool");
    if (sv->tool_exam) {
      lua_pushstring(L, sv->tool_exam);
      lua_setfield(L, -2, "tool_exam");
    }
    lua_pushinteger(L, (lua_Integer)sv->tool_session);
    lua_setfield(L, -2, "tool_session");
    lua_pushboolean(L, sv->tool_dry_run);
    lua_setfield(L, -2, "dry_run");
  }
  lua_setfield(L, -2, "config");
  return 1;
}
