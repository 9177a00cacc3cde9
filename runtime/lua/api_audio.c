/*
** api_audio.c — the `audio` Lua module: cues and background music
** (runtime/audio through the services), and for the staff screen only the
** volume and mute. Declared once, in qk_api_audio at the end (`quizkiosk
** --api` prints it).
**
** A script never learns whether anything was heard: a missing device, a
** headless run or mute are not errors (the cue is logged either way, which
** is what replays check with expect_sound). A name that is neither built in
** nor a sound file inside the app folder is the script's mistake and
** raises, naming what is allowed.
*/
#include <string.h>

#include <lauxlib.h>

#include "api.h"
#include "host.h"

static int sound(lua_State *L, int music) {
  const qk_services *sv = qk_api_services(L);
  const char *name = music && lua_isnoneornil(L, 1) ? NULL : luaL_checkstring(L, 1);
  char err[1024];
  if (!sv->sound) return luaL_error(L, "audio is not available in this host");
  if (name && strlen(name) != lua_rawlen(L, 1)) return luaL_error(L, "audio.%s: the name holds a NUL byte", music ? "music" : "play");
  /* The first sound loads the audio module and opens the device: not the
  ** script's time. */
  qk_host_budget_pause(qk_host_of(L));
  int rc = sv->sound(sv->ctx, music, name, err, sizeof err);
  qk_host_budget_resume(qk_host_of(L));
  if (rc != 0)
    return luaL_error(L, "audio.%s: %s", music ? "music" : "play", err);
  lua_pushboolean(L, 1);
  return 1;
}

static int l_play(lua_State *L) { return sound(L, 0); }
static int l_music(lua_State *L) { return sound(L, 1); }

/* ---- staff screen only ---- */

static int levels(lua_State *L, int set, int volume, int mute) {
  const qk_services *sv = qk_api_services(L);
  char err[512];
  if (!sv->audio_levels) return luaL_error(L, "audio is not available in this host");
  qk_host_budget_pause(qk_host_of(L)); /* a store write waits for the disk */
  int rc = sv->audio_levels(sv->ctx, set, &volume, &mute, err, sizeof err);
  qk_host_budget_resume(qk_host_of(L));
  if (rc != 0)
    return luaL_error(L, "audio: the setting was not saved: %s", err);
  lua_pushinteger(L, volume);
  lua_pushboolean(L, mute);
  return 2;
}

static int l_levels(lua_State *L) { return levels(L, 0, 0, 0); }

static int l_set_volume(lua_State *L) {
  lua_Integer v = luaL_checkinteger(L, 1);
  luaL_argcheck(L, v >= 0 && v <= 100, 1, "the volume is 0 to 100");
  int volume, mute;
  levels(L, 0, 0, 0);
  mute = lua_toboolean(L, -1);
  lua_pop(L, 2);
  volume = (int)v;
  return levels(L, 1, volume, mute);
}

static int l_set_mute(lua_State *L) {
  luaL_checktype(L, 1, LUA_TBOOLEAN);
  int mute = lua_toboolean(L, 1);
  levels(L, 0, 0, 0);
  int volume = (int)lua_tointeger(L, -2);
  lua_pop(L, 2);
  return levels(L, 1, volume, mute);
}

static int staff_index(lua_State *L) {
  return qk_api_staff_index(L, &qk_api_audio, lua_tostring(L, 2), "volume and mute are set on the staff screen");
}

static const qk_api_fn audio_fns[] = {
  {"play", l_play, "audio.play(cue) -> true",
   "play \"tick\", \"right\", \"wrong\", \"streak\", \"fanfare\" or a sound file in the app folder (\"sounds/x.ogg\")", 0},
  {"music", l_music, "audio.music(name_or_nil) -> true",
   "loop background music (\"theme\" or a sound file in the app folder); nil stops it", 0},
  {"levels", l_levels, "audio.levels() -> volume, muted", "the kiosk's volume (0-100) and mute", QK_API_STAFF},
  {"set_volume", l_set_volume, "audio.set_volume(v) -> volume, muted", "store and apply the volume, 0-100",
   QK_API_STAFF},
  {"set_mute", l_set_mute, "audio.set_mute(on) -> volume, muted", "store and apply mute", QK_API_STAFF},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_audio = {"audio", "sound cues and background music (volume and mute are staff settings)",
                                  audio_fns};

int qk_open_audio(lua_State *L) {
  qk_api_newlib(L, &qk_api_audio);
  qk_api_staff_part(L, &qk_api_audio, staff_index);
  return 1;
}
