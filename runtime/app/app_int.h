/*
** app_int.h — inside the composition root (runtime/app): the one qk_app
** every file of the room shares, and who does what with it.
**
**   app.c          set-up and tear-down (qk_app_run): log, platform, fonts,
**                  drawing, then one of the three drivers below
**   loop.c         the main loop: drawing a frame, events, timers and
**                  animation, the next deadline, the interactive loop
**   vm.c           the app's VM: starting it, the store batch around every
**                  call into it, the error and storage-failure states,
**                  launching and restarting apps
**   services.c     the services the Lua bindings get (lua/services.h)
**   vclock.c       the virtual clock that replays and tools run on
**   replay_run.c   the replay runner (commands of a replay file)
**   tool.c         the tool runner (rescore, replay-session)
**   error_screen.c the error and "results cannot be saved" screens
**   staff.c        the staff gesture and the way to and from the staff screen
**   store_open.c   opening the results database and probing it after a failure
**
** Single-threaded: everything here runs on the main loop's thread.
*/
#ifndef QK_APP_INT_H
#define QK_APP_INT_H

#include <stdint.h>

#include "app.h"
#include "draw.h"
#include "host.h"
#include "log.h"
#include "platform.h"
#include "services.h"
#include "text.h"

#define FRAME_MS 16
#define PRESENT_RING 128
#define STORE_RETRY_MS 5000

/* RUNNING: the app's VM is up. ERROR: a script failed; restart after a pause.
** NO_STORE: the results database cannot be used — it could not be opened, or
** a write failed mid-exam (disk full, I/O error, locked, file moved away).
** No candidate goes on until it works again (probed every few seconds); then
** the app starts again and the candidate who was there continues at once. */
typedef enum { STATE_RUNNING, STATE_ERROR, STATE_NO_STORE } app_state;

typedef struct qk_app {
  qk_options opt;
  char data_dir[2048], lib_dir[2100], apps_dir[2100];
  char app_dir[2048], app_name[64];
  qk_platform *plat;
  qk_text *text;
  qk_draw *draw;
  qk_log *log;
  qk_host *host;
  qk_services svc;             /* what the running VM's bindings see (services.c) */
  app_state state;
  char error[8192];
  uint64_t error_until;
  int dirty;
  int new_screen;              /* the next frame shows a new screen (kiosk.redraw(true)) */
  uint64_t last_wait_frame;    /* virtual time of the last frame drawn inside a replay wait */
  uint64_t animate_until, last_update;
  int restart_pending, quit;
  char launch_pending[64];
  uint64_t reload_at;          /* 0 = none */
  int virtual_clock;
  uint64_t vnow;
  uint64_t frame_no;
  uint64_t present_frame[PRESENT_RING], present_time[PRESENT_RING];
  int pointers_down;
  int text_input_on;
  float text_rect[4];
  unsigned restarts;
  struct qk_store *store;
  struct app_store_opening *opening; /* the first open, running on its own thread (store_open.c) */
  struct {                     /* the first start's stale sessions, marked on that thread */
    int done, rc, n;           /* done: app_mark_stale reports rc and n once instead of marking */
    char why[512];
  } stale_at_open;
  char kiosk_id[128];
  int64_t wall_at_start;       /* epoch ms when the virtual clock was vnow0 */
  int64_t resume_window_ms;
  uint64_t corner_since;       /* a press is held in the staff corner since then (0 = none) */
  char return_app_dir[2048], return_app_name[64]; /* where the staff screen goes back to */
  char shot_pending[128];      /* tools: the frame to save after this call into Lua */
  int tool_done, tool_failed;
  char home_app_name[64];      /* the chooser that launched this app: the next person starts there */
  int bench;                   /* QUIZKIOSK_BENCH: 1 announce the first frame, 2 and exit there */
  int store_failed;            /* a store write failed during the current call into Lua */
  int64_t continue_session;    /* after storage came back: the session to go on with (0 = none) */
  int staff;                   /* the running app is the staff screen */
  struct qk_sync *sync;        /* the fleet's sync worker, NULL without a server (fleet.c) */
  uint64_t fleet_input_at;     /* last input: a published set waits for a quiet kiosk (fleet.c) */
  struct qk_audio *audio;      /* sounds (runtime/audio): no device under --headless */
} qk_app;

/* ---- loop.c ---- */
/* Draws one frame; shot (may be NULL) receives a PNG of it. 0, or -1 when
** the screenshot failed (err says why). */
int app_render(qk_app *a, const char *shot, char *err, size_t errlen);
void app_handle_event(qk_app *a, const qk_event *ev);
/* Timers, animation frames, the staff gesture, pending restarts. */
void app_tick(qk_app *a);
/* Milliseconds until something is due; -1 = nothing (sleep until input). */
int64_t app_next_deadline(qk_app *a);
void app_run_interactive(qk_app *a);

/* ---- vm.c ---- */
uint64_t app_now(qk_app *a);           /* runtime clock (virtual under replay) */
int64_t app_wall_ms(qk_app *a);        /* what the store records */
int64_t app_real_wall_ms(void);
void app_start(qk_app *a);             /* a fresh VM for the current app */
/* Every call into the VM: batch_open before, checked(rc) after. */
void app_batch_open(qk_app *a);
void app_checked(qk_app *a, int rc);
/* Restarts, launches, reloads and retries that are due. */
void app_apply_pending(qk_app *a);
void app_text_input(qk_app *a, int on, float x, float y, float w, float h);
void app_tool_done(qk_app *a, int failed);
/* kiosk.restart, kiosk.launch, kiosk.apps (services.c passes them on). */
void app_restart(qk_app *a);
int app_launch(qk_app *a, const char *name, char *err, size_t errlen);
int app_list_bundled(const qk_app *a, char names[][64], int max);
/* The candidate who was at the kiosk when its VM went goes on in the next
** VM: the app's unfinished session at most max_idle_ms old. */
void app_keep_live_session(qk_app *a, int64_t max_idle_ms);

/* ---- services.c ---- */
/* Fills a->svc for the VM about to start (its fixed fields from a). */
void app_services_fill(qk_app *a);

/* ---- audio (services.c) ---- */
/* The staff's volume and mute from the store's settings, applied. */
void app_audio_levels_load(qk_app *a);

/* ---- vclock.c ---- */
/* Lets the virtual clock run to target, stopping at every deadline. */
void app_advance_to(qk_app *a, uint64_t target);
/* Runs what is due now and draws the frame if anything changed. */
void app_settle(qk_app *a);
/* A tool asked for a picture of the screen as it is now. */
void app_save_pending_shot(qk_app *a);

/* ---- replay_run.c, tool.c: the drivers under a virtual clock ---- */
struct qk_replay;
/* Runs rp (loaded and checked by qk_app_run). The process exit code. */
int app_run_replay(qk_app *a, const struct qk_replay *rp);
int app_run_tool(qk_app *a);

/* ---- error_screen.c ---- */
void app_draw_error_screen(qk_app *a);

/* ---- staff.c ---- */
/* Follows a pointer event for the staff gesture (hold the top-left corner). */
void app_staff_gesture_event(qk_app *a, const qk_event *ev);
/* Opens the staff screen once the corner was held long enough. */
void app_staff_gesture_tick(qk_app *a);
/* When the gesture completes, if a press is being held; UINT64_MAX = none. */
uint64_t app_staff_gesture_due(const qk_app *a);
void app_return_to_app(qk_app *a);
void app_reload_app(qk_app *a);

/* ---- store_open.c ---- */
/* Starts opening the results database (qk_store_open: the schema, the
** unclean-shutdown check), then reading the kiosk id and the resume window
** and marking the stale sessions, on a thread of its own, so the time they
** take runs beside the window's and the fonts' set-up instead of before
** the first frame. Nothing can use the store before app_open_store, which
** waits for it. Without a thread the open simply happens there. */
void app_open_store_begin(qk_app *a);
/* Waits for an open begun and not taken (the start failed before it was
** needed) and closes what it opened. */
void app_open_store_abandon(qk_app *a);
/* Opens the results database (takes the one begun above, if any): 0, or -1
** and the "cannot be saved" state. */
int app_open_store(qk_app *a);
/* After a storage failure: 1 when the store works again. */
int app_store_back(qk_app *a);
/* Between candidates: unfinished sessions past resuming become interrupted. */
void app_mark_stale(qk_app *a);

/* ---- fleet.c ---- */
/* Starts the sync worker once the store is open, when a server is
** configured (--sync URL or the sync_url setting); a no-op after that. */
void app_fleet_start(qk_app *a);
/* Input arrived (a published set waits for a quiet kiosk). */
void app_fleet_input(qk_app *a);
/* Between candidates: switch to a published question set if one is ready. */
void app_fleet_switch(qk_app *a);
void app_fleet_stop(qk_app *a);

#endif
