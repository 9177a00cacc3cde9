/*
** services.c — what the Lua bindings get of the program (lua/services.h):
** the fields fixed for one VM, copied here before it starts, and the calls,
** each a thin door into the app.
*/
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "app_int.h"
#include "audio.h"
#include "store.h"

static qk_app *A(void *ctx) { return ctx; }

static uint64_t s_now(void *ctx) { return app_now(A(ctx)); }
static int64_t s_wall_ms(void *ctx) { return app_wall_ms(A(ctx)); }
static void s_redraw(void *ctx) { A(ctx)->dirty = 1; }
static void s_new_screen(void *ctx) { A(ctx)->dirty = A(ctx)->new_screen = 1; }

static void s_animate(void *ctx, int ms) {
  qk_app *a = A(ctx);
  uint64_t until = app_now(a) + (uint64_t)(ms > 0 ? ms : 0);
  if (until > a->animate_until) {
    if (a->animate_until <= app_now(a)) a->last_update = app_now(a);
    a->animate_until = until;
  }
}

static void s_text_input(void *ctx, int on, float x, float y, float w, float h) { app_text_input(A(ctx), on, x, y, w, h); }
static uint64_t s_frame(void *ctx) { return A(ctx)->frame_no; }

static int s_presented_at(void *ctx, uint64_t frame, uint64_t *when) {
  qk_app *a = A(ctx);
  int slot = (int)(frame % PRESENT_RING);
  if (a->present_frame[slot] != frame || frame == 0) return -1;
  *when = a->present_time[slot];
  return 0;
}

/* The frame is drawn after the current call into Lua returns (vclock.c). */
static int s_shot(void *ctx, const char *name) {
  qk_app *a = A(ctx);
  if (!a->opt.shots_dir || !a->opt.tool) return -1;
  snprintf(a->shot_pending, sizeof a->shot_pending, "%s", name);
  a->dirty = 1;
  return 0;
}

static void s_tool_done(void *ctx, int failed) { app_tool_done(A(ctx), failed); }
static void s_restart(void *ctx) { app_restart(A(ctx)); }
static int s_launch(void *ctx, const char *name, char *err, size_t errlen) { return app_launch(A(ctx), name, err, errlen); }
static int s_list_bundled(void *ctx, char names[][64], int max) { return app_list_bundled(A(ctx), names, max); }
static void s_return_to_app(void *ctx) { app_return_to_app(A(ctx)); }
static void s_reload_app(void *ctx) { app_reload_app(A(ctx)); }
static void s_quit(void *ctx) { A(ctx)->quit = 1; }
static void s_store_failed(void *ctx) { A(ctx)->store_failed = 1; }

static int s_sound(void *ctx, int music, const char *name, char *err, size_t errlen) {
  qk_app *a = A(ctx);
  if (!a->audio) return 0; /* out of memory at start: silent, as with no device */
  return music ? qk_audio_music(a->audio, a->app_dir, name, err, errlen)
               : qk_audio_cue(a->audio, a->app_dir, name, err, errlen);
}

void app_audio_levels_load(qk_app *a) {
  char v[32], m[32];
  int volume = QK_AUDIO_VOLUME_DEFAULT, mute = 0;
  if (!a->audio || !a->store) return;
  if (qk_store_setting_get(a->store, QK_AUDIO_SETTING_VOLUME, v, sizeof v) == QK_STORE_OK) {
    char *end;
    long n = strtol(v, &end, 10);
    if (end != v && n >= 0 && n <= 100) volume = (int)n;
  }
  if (qk_store_setting_get(a->store, QK_AUDIO_SETTING_MUTE, m, sizeof m) == QK_STORE_OK) mute = strcmp(m, "1") == 0;
  qk_audio_set_levels(a->audio, volume, mute);
}

/* The staff screen's volume row: stored first, applied once stored, so
** what the screen shows is what the next start will use. */
static int s_audio_levels(void *ctx, int set, int *volume, int *mute, char *err, size_t errlen) {
  qk_app *a = A(ctx);
  if (!a->audio) {
    snprintf(err, errlen, "audio is not available (out of memory at start)");
    return -1;
  }
  if (set) {
    char v[16];
    if (!a->store) {
      snprintf(err, errlen, "the results database cannot be used");
      return -1;
    }
    snprintf(v, sizeof v, "%d", *volume < 0 ? 0 : *volume > 100 ? 100 : *volume);
    if (qk_store_setting_set(a->store, QK_AUDIO_SETTING_VOLUME, v) != QK_STORE_OK ||
        qk_store_setting_set(a->store, QK_AUDIO_SETTING_MUTE, *mute ? "1" : "0") != QK_STORE_OK) {
      snprintf(err, errlen, "%s", qk_store_errmsg(a->store));
      return -1;
    }
    qk_audio_set_levels(a->audio, *volume, *mute);
    qk_log_write(a->log, QK_LOG_INFO, "audio: staff set volume %d%s", *volume, *mute ? ", muted" : "");
  }
  qk_audio_levels(a->audio, volume, mute);
  return 0;
}

void app_services_fill(qk_app *a) {
  qk_services *s = &a->svc;
  memset(s, 0, sizeof *s);
  s->ctx = a;
  snprintf(s->app_name, sizeof s->app_name, "%s", a->app_name);
  snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", a->kiosk_id);
  s->staff = a->staff;
  s->draw = a->draw;
  s->log = a->log;
  s->store = a->store;
  s->sync = a->sync;
  s->continue_session = a->continue_session;
  s->resume_window_ms = a->resume_window_ms;
  s->headless = a->opt.headless;
  s->replay = a->opt.replay_path != NULL;
  s->fullscreen = a->opt.fullscreen;
  s->restarted_after_crash = a->opt.crashed_at_ms != 0;
  s->tool = a->opt.tool;
  s->tool_exam = a->opt.tool_exam;
  s->tool_session = a->opt.tool_session;
  s->tool_dry_run = a->opt.tool_dry_run;
  s->has_seed = a->opt.has_seed;
  s->seed = a->opt.seed;
  s->now = s_now;
  s->wall_ms = s_wall_ms;
  s->redraw = s_redraw;
  s->new_screen = s_new_screen;
  s->animate = s_animate;
  s->text_input = s_text_input;
  s->frame = s_frame;
  s->presented_at = s_presented_at;
  s->shot = s_shot;
  s->tool_done = s_tool_done;
  s->restart = s_restart;
  s->launch = s_launch;
  s->list_bundled = s_list_bundled;
  s->return_to_app = s_return_to_app;
  s->reload_app = s_reload_app;
  s->quit = s_quit;
  s->store_failed = s_store_failed;
  s->sound = s_sound;
  s->audio_levels = s_audio_levels;
}
