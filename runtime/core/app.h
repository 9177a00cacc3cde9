/*
** app.h — the runtime: one kiosk app on one screen. Owns the main loop (event
** driven: it sleeps until input, a timer, an animation frame or a file change),
** the app's VM lifecycle (fresh VM per restart, error screen on any script
** failure, hot reload), the virtual clock and replay driver, and the services
** the Lua modules reach through qk_app_* below. No SDL in here.
*/
#ifndef QK_APP_H
#define QK_APP_H

#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "env.h"
#include "log.h"
#include "platform.h"

typedef struct qk_app qk_app;

typedef struct {
  const char *app_dir;      /* NULL = the bundled demo */
  const char *data_dir;     /* holds scripts/, assets/, fonts/ */
  const char *db_path;      /* NULL = per-user default */
  const char *kiosk_id;
  const char *replay_path;
  const char *shots_dir;
  const char *font_family;  /* NULL = Noto Sans CJK SC */
  int fullscreen, headless;
  int width, height;        /* window size; 0 = default/display */
  qk_render_mode render;
  int time_limit_ms;        /* per call into Lua */
  size_t mem_limit;         /* per VM */
  int error_restart_ms;     /* error screen shows this long */
  /* Maintenance tools run the app headless on a virtual clock, scripted by
  ** the kiosk library (kiosk/flow/tools.lua): "rescore" or "replay-session". */
  const char *tool;
  const char *tool_exam;    /* rescore --exam ID */
  long long tool_session;   /* replay-session SESSION_ID */
  int tool_dry_run;         /* rescore --dry-run: print, change nothing */
  /* The watchdog (watchdog.h) the loops kick; NULL = none. */
  struct qk_watchdog *watchdog;
  /* Set when this process was started because the previous kiosk died
  ** abnormally (watchdog, signal, crash): the wall-clock ms of that death.
  ** A replay then starts after its first restart-point. 0 = a normal start. */
  int64_t crashed_at_ms;
  /* The QUIZKIOSK_* environment, read once by main() (env.h lists them,
  ** with the test-only hooks marked as such). */
  qk_env env;
  const char *sync_url;     /* --sync URL: the fleet's server (NULL: the sync_url setting, or none) */
} qk_options;

/* Runs until quit (windowed), the end of a replay, or forever (kiosk).
** Returns the process exit code. */
int qk_app_run(const qk_options *opt);

/* ---- services for the Lua modules ---- */
uint64_t qk_app_now(qk_app *a);
qk_draw *qk_app_draw(qk_app *a);
qk_log *qk_app_log(qk_app *a);
const qk_options *qk_app_options(const qk_app *a);
const char *qk_app_name(const qk_app *a);
void qk_app_redraw(qk_app *a);
/* The next frame shows a new screen: under replay it is drawn at once, so
** its presented_at time is exact even inside a long wait. */
void qk_app_new_screen(qk_app *a);
/* Saves the next frame as NAME.png in --shots DIR (tools only; the frame is
** drawn after the current call into Lua returns). Returns -1 without DIR. */
int qk_app_shot(qk_app *a, const char *name);
/* A tool script is finished: exit code 0 (ok) or 1. */
void qk_app_tool_done(qk_app *a, int failed);
void qk_app_animate(qk_app *a, int ms);   /* keep frames coming for ms */
void qk_app_text_input(qk_app *a, int on, float x, float y, float w, float h);
void qk_app_restart(qk_app *a);           /* fresh VM once the current call returns */
int qk_app_launch(qk_app *a, const char *bundled_app, char *err, size_t errlen);
void qk_app_quit(qk_app *a);
/* From the staff screen: back to the app it was opened over / restart it. */
void qk_app_return(qk_app *a);
void qk_app_reload(qk_app *a);
uint64_t qk_app_frame(const qk_app *a);   /* number of the frame being drawn */
int qk_app_presented_at(const qk_app *a, uint64_t frame, uint64_t *when);
/* The results store (NULL only while it cannot be opened: the kiosk then
** shows why instead of starting a candidate). */
struct qk_store *qk_app_store(qk_app *a);
/* A store call failed for a reason other than a bad argument: once the
** current call into Lua returns, the kiosk shows "results cannot be saved —
** call staff" (the VM is dropped) and probes the store until it works. */
void qk_app_store_failed(qk_app *a);
/* The session to continue without asking (storage came back after a failure
** mid-exam), 0 for none; set for the first VM started afterwards only. */
int64_t qk_app_continue_session(const qk_app *a);
/* Wall-clock time in ms since the epoch, for what is stored: under replay it
** runs on from the start time with the virtual clock. */
int64_t qk_app_wall_ms(qk_app *a);
const char *qk_app_kiosk_id(const qk_app *a);
/* How long after a crash an unfinished session may still resume. */
int64_t qk_app_resume_window_ms(const qk_app *a);
/* 1 while the running app is the staff screen (scripts/kiosk/admin, opened
** with the corner gesture): only its VM gets the staff-only calls. */
int qk_app_staff(const qk_app *a);
/* The fleet's sync worker (runtime/sync), NULL when no server is set. */
struct qk_sync *qk_app_sync(qk_app *a);
/* Names of the bundled apps (folders of scripts/apps with a main.lua). */
int qk_app_list_bundled(const qk_app *a, char names[][64], int max);

#endif
