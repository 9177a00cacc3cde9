/*
** vm.c — the app's VM lifecycle: a fresh VM for every start (each candidate,
** each launch, each reload), the group commit around every call into it, and
** what happens when a call fails: the error screen (a script error) or the
** "results cannot be saved" screen (the store failing), each followed by a
** new VM once the pause is over. Also the app clock and the launch and
** restart requests the scripts make.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "app_int.h"
#include "audio.h"
#include "paths.h"
#include "store.h"
#include "watchdog.h"

#define ERROR_RESTART_DEFAULT_MS 8000

/* The C modules of the Lua API every app gets (runtime/lua). */
static const qk_api_module api_modules[] = {
  {"gfx", qk_open_gfx},
  {"kiosk", qk_open_kiosk},
  {"json", qk_open_json},
  {"store", qk_open_store},
  {"ime", qk_open_ime},
  {"audio", qk_open_audio},
  {"prize", qk_open_prize},
};

/* ---- clocks ---- */

uint64_t app_now(qk_app *a) { return a->virtual_clock ? a->vnow : qk_plat_ticks(); }

int64_t app_real_wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Under a virtual clock the wall clock runs on from the start time with it
** (vnow starts at 1000: see app.c). */
int64_t app_wall_ms(qk_app *a) {
  if (!a->virtual_clock) return app_real_wall_ms();
  return a->wall_at_start + (int64_t)(a->vnow - 1000);
}

void app_text_input(qk_app *a, int on, float x, float y, float w, float h) {
  float s = qk_draw_view(a->draw)->scale;
  a->text_input_on = on;
  a->text_rect[0] = x, a->text_rect[1] = y, a->text_rect[2] = w, a->text_rect[3] = h;
  qk_plat_text_input(a->plat, on, (int)(x * s), (int)(y * s), (int)(w * s), (int)(h * s));
}

void app_tool_done(qk_app *a, int failed) {
  a->tool_done = 1;
  a->tool_failed = failed;
}

/* ---- launching and restarting ---- */

/* The next person starts afresh: in the app that launched this one (the
** demo's chooser), else in this app. */
void app_restart(qk_app *a) {
  if (a->home_app_name[0] && strcmp(a->home_app_name, a->app_name) != 0) {
    snprintf(a->launch_pending, sizeof a->launch_pending, "%s", a->home_app_name);
    a->home_app_name[0] = 0;
    return;
  }
  a->restart_pending = 1;
}

static int valid_app_name(const char *n) {
  if (!*n || strlen(n) >= 64) return 0;
  for (const char *p = n; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return 0;
  return 1;
}

int app_launch(qk_app *a, const char *name, char *err, size_t errlen) {
  char main_lua[4300];
  if (!valid_app_name(name)) {
    snprintf(err, errlen, "bad app name '%s'", name);
    return -1;
  }
  snprintf(main_lua, sizeof main_lua, "%s/%s/main.lua", a->apps_dir, name);
  if (!qk_is_file(main_lua)) {
    snprintf(err, errlen, "no bundled app '%s' (looked for %s)", name, main_lua);
    return -1;
  }
  snprintf(a->launch_pending, sizeof a->launch_pending, "%s", name);
  /* The launcher is home: kiosk.restart() after a session goes back there. */
  if (!a->home_app_name[0] && strcmp(a->app_name, name) != 0)
    snprintf(a->home_app_name, sizeof a->home_app_name, "%s", a->app_name);
  return 0;
}

static int cmp_names(const void *x, const void *y) { return strcmp((const char *)x, (const char *)y); }

int app_list_bundled(const qk_app *a, char names[][64], int max) {
  DIR *d = opendir(a->apps_dir);
  if (!d) return 0;
  int n = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL && n < max) {
    char p[4400];
    if (!valid_app_name(de->d_name)) continue;
    snprintf(p, sizeof p, "%s/%s/main.lua", a->apps_dir, de->d_name);
    if (qk_is_file(p)) snprintf(names[n++], 64, "%s", de->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, 64, cmp_names);
  return n;
}

/* ---- the app's VM ---- */

/* The host's callbacks get the services (the modules' upvalue): ctx is the app. */
static uint64_t host_now(void *ctx) { return app_now(((qk_services *)ctx)->ctx); }
static void host_log(void *ctx, const char *msg) {
  qk_app *a = ((qk_services *)ctx)->ctx;
  qk_log_write(a->log, QK_LOG_INFO, "[%s] %s", a->app_name, msg);
}

/* The candidate who was at the kiosk when its VM went (a script error, the
** results storage failing) goes on in the next VM without being asked who
** they are (kiosk.config.continue_session): the app's unfinished session
** whose last activity is at most max_idle_ms old. */
void app_keep_live_session(qk_app *a, int64_t max_idle_ms) {
  a->continue_session = 0;
  if (!a->store || a->opt.tool) return;
  qk_store_resume r;
  memset(&r, 0, sizeof r);
  int64_t now = app_wall_ms(a);
  if (qk_store_find_resumable(a->store, a->kiosk_id, a->app_name, now, a->resume_window_ms, &r) != QK_STORE_OK)
    return;
  if (now - r.last_activity <= max_idle_ms) a->continue_session = r.session_id;
  qk_store_resume_free(&r);
}

static void enter_error(qk_app *a, const char *msg) {
  snprintf(a->error, sizeof a->error, "%s", msg);
  qk_log_write(a->log, QK_LOG_ERROR, "[%s] script error: %s", a->app_name, msg);
  qk_host_free(a->host);
  a->host = NULL;
  a->state = STATE_ERROR;
  app_keep_live_session(a, 60000); /* the error screen lasts seconds: the same person is there */
  a->error_until = app_now(a) + (uint64_t)(a->opt.error_restart_ms > 0 ? a->opt.error_restart_ms : ERROR_RESTART_DEFAULT_MS);
  a->animate_until = 0;
  a->dirty = 1;
  if (a->text_input_on) app_text_input(a, 0, 0, 0, 0, 0);
  if (a->opt.tool) { /* a maintenance tool stops on the first error */
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, msg);
    app_tool_done(a, 1);
  }
}

/* A write to the results database failed (the store's message says why).
** The VM goes — whatever it showed after the failed write must not stay on
** screen, since the candidate would take it for saved — and the kiosk shows
** "results cannot be saved — call staff" until a probe of the store
** succeeds. The connection stays open: a database moved away is still
** reachable through it, and a lock or a full disk may pass. */
static void enter_storage_failure(qk_app *a) {
  const char *why = a->store ? qk_store_errmsg(a->store) : "";
  snprintf(a->error, sizeof a->error, "%s\n数据库文件 · database: %s", why, a->opt.db_path);
  qk_log_write(a->log, QK_LOG_ERROR, "[%s] results cannot be saved: %s", a->app_name, why);
  a->store_failed = 0;
  qk_host_free(a->host);
  a->host = NULL;
  a->state = STATE_NO_STORE;
  a->error_until = app_now(a) + STORE_RETRY_MS;
  a->animate_until = 0;
  a->dirty = 1;
  if (a->text_input_on) app_text_input(a, 0, 0, 0, 0, 0);
  if (a->opt.tool) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, why);
    app_tool_done(a, 1);
  }
}

/* Every call into the scripts is one group commit: what one tap, timer or
** frame writes (an answer, its event, the checkpoint) is committed once,
** after the call and before anything is drawn, so the screen never runs
** ahead of the disk and one tap costs one fsync. */
void app_batch_open(qk_app *a) {
  if (a->store && qk_store_batch_begin(a->store) != QK_STORE_OK) a->store_failed = 1;
}

/* Closes the call's batch; a failed commit (or a failed write the script
** caught with pcall) means the results storage is failing. Returns 1 then. */
static int batch_close(qk_app *a) {
  if (a->store && qk_store_batch_end(a->store) != QK_STORE_OK) a->store_failed = 1;
  if (!a->store_failed) return 0;
  enter_storage_failure(a);
  return 1;
}

void app_start(qk_app *a) {
  qk_host_free(a->host);
  a->host = NULL;
  /* The text cache holds what the last person saw (their name, score and
  ** rank among them): every visitor's new strings added blocks up to its
  ** bound (768 blocks, 40 MiB of textures), so memory grew for hundreds of
  ** visitors. Each VM starts with it empty; refilling costs a few ms. */
  qk_text_flush(a->text);
  a->restart_pending = 0;
  a->animate_until = 0;
  a->pointers_down = 0;
  if (a->text_input_on) app_text_input(a, 0, 0, 0, 0, 0);
  /* The music belongs to the VM that started it: the next person, another
  ** app or the staff screen starts in quiet (an app restarts its own). */
  if (a->audio) qk_audio_stop_music(a->audio);
  qk_draw_set_image_root(a->draw, a->app_dir);
  char staff_dir[2200]; /* the staff screen is the kiosk library's admin app, nothing else */
  snprintf(staff_dir, sizeof staff_dir, "%s/kiosk/admin", a->lib_dir);
  a->staff = strcmp(a->app_dir, staff_dir) == 0;
  char err[8192];
  a->restarts++;
  if (a->store) app_mark_stale(a);
  app_services_fill(a); /* after the stale sessions are marked: its continue_session is current */
  qk_host_config cfg = {
    .app_dir = a->app_dir, .lib_dir = a->lib_dir, .app_name = a->app_name,
    .mem_limit = a->opt.mem_limit, .time_limit_ms = a->opt.time_limit_ms,
    .now = host_now, .log = host_log, .ctx = &a->svc,
    .modules = api_modules, .nmodules = (int)(sizeof api_modules / sizeof api_modules[0]),
  };
  app_batch_open(a);
  qk_watchdog_note(a->opt.watchdog, a->app_name); /* watchdog: named on a stall */
  a->host = qk_host_new(&cfg, err, sizeof err);
  a->continue_session = 0; /* main.lua has read it (kiosk.config.continue_session) */
  a->dirty = 1;
  a->state = STATE_RUNNING;
  if (batch_close(a)) return;
  if (!a->host) enter_error(a, err);
}

/* Checks a call's result (batch_open was called before it): a failed store
** write shows the storage screen, else a failed call the error screen. */
void app_checked(qk_app *a, int rc) {
  if (batch_close(a)) return;
  if (rc != 0 && a->host) enter_error(a, qk_host_error(a->host));
}

void app_apply_pending(qk_app *a) {
  if (a->launch_pending[0]) {
    snprintf(a->app_name, sizeof a->app_name, "%s", a->launch_pending);
    snprintf(a->app_dir, sizeof a->app_dir, "%s/%s", a->apps_dir, a->launch_pending);
    a->launch_pending[0] = 0;
    qk_log_write(a->log, QK_LOG_INFO, "launching bundled app '%s'", a->app_name);
    app_start(a);
  }
  if (a->reload_at && app_now(a) >= a->reload_at) {
    a->reload_at = 0;
    qk_log_write(a->log, QK_LOG_INFO, "scripts changed: restarting '%s'", a->app_name);
    app_start(a);
  }
  if (a->restart_pending) app_start(a);
  app_fleet_switch(a);
  if (a->state == STATE_ERROR && app_now(a) >= a->error_until) app_start(a);
  if (a->state == STATE_NO_STORE && app_now(a) >= a->error_until) {
    if (app_store_back(a)) app_start(a);
    else a->error_until = app_now(a) + STORE_RETRY_MS;
  }
}
