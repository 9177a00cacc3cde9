/*
** services.h — what the Lua bindings (api_*.c) may ask of the program that
** runs them: one struct, filled by whoever hosts the VM (runtime/app for a
** kiosk; a test harness may pass NULL and open only modules that need
** nothing, such as json). The bindings see nothing else of the program, so
** runtime/lua depends on no header of runtime/app.
**
** The fields are fixed for the life of one VM (the app refills the struct
** before it starts the next VM); the calls act on the running program and
** get ctx back as their first argument.
*/
#ifndef QK_SERVICES_H
#define QK_SERVICES_H

#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "log.h"

struct qk_store;
struct qk_sync;

typedef struct qk_services {
  void *ctx;                    /* the program's own: passed back to every call */

  /* ---- fixed for this VM ---- */
  char app_name[64];            /* the running app (kiosk.config.app) */
  char kiosk_id[128];
  int staff;                    /* 1: the staff screen, which gets the staff-only calls */
  qk_draw *draw;                /* the frame being drawn (gfx, kiosk.element) */
  qk_log *log;
  struct qk_store *store;       /* NULL while the results database cannot be used */
  struct qk_sync *sync;         /* the fleet's sync worker (runtime/sync), NULL without a server */
  int64_t continue_session;     /* session to go on with without asking; 0 = none */
  int64_t resume_window_ms;     /* how long after a crash a session may resume */
  /* kiosk.config: how the program was started */
  int headless, replay, fullscreen, restarted_after_crash;
  const char *tool;             /* "rescore" / "replay-session", NULL for a kiosk */
  const char *tool_exam;        /* rescore --exam ID, or NULL */
  long long tool_session;       /* replay-session SESSION_ID */
  int tool_dry_run;
  int has_seed;                 /* --seed N given: every session draws with seed */
  long long seed;

  /* ---- calls ---- */
  uint64_t (*now)(void *ctx);   /* runtime clock, ms (virtual under replay) */
  int64_t (*wall_ms)(void *ctx); /* wall clock, ms since 1970 (runs on from --clock under replay) */
  void (*redraw)(void *ctx);
  void (*new_screen)(void *ctx); /* the next frame shows a new screen: presented at once under replay */
  void (*animate)(void *ctx, int ms);
  void (*text_input)(void *ctx, int on, float x, float y, float w, float h);
  uint64_t (*frame)(void *ctx); /* number of the frame being drawn */
  /* 0 and when frame was presented, or -1 when it is not known (any more). */
  int (*presented_at)(void *ctx, uint64_t frame, uint64_t *when);
  /* Saves the next frame as NAME.png in --shots DIR (tools only); -1 without DIR. */
  int (*shot)(void *ctx, const char *name);
  void (*tool_done)(void *ctx, int failed);
  void (*restart)(void *ctx);   /* fresh VM once the current call returns */
  /* Starts a bundled app once the current call returns; -1 with err when there is none. */
  int (*launch)(void *ctx, const char *name, char *err, size_t errlen);
  int (*list_bundled)(void *ctx, char names[][64], int max);
  void (*return_to_app)(void *ctx); /* staff screen: back to the app it was opened over */
  void (*reload_app)(void *ctx);
  void (*quit)(void *ctx);
  /* A store call failed for a reason other than a bad argument: the kiosk
  ** shows "results cannot be saved" once the current call returns. */
  void (*store_failed)(void *ctx);
  /* audio (runtime/audio/audio.h): plays a cue (music = 0) or starts the
  ** music (name NULL stops it); logged and recorded for the replay's
  ** expect_sound even with no device. -1 with err for a bad name or a file
  ** outside the app folder. */
  int (*sound)(void *ctx, int music, const char *name, char *err, size_t errlen);
  /* Staff screen: the volume (0..100) and mute; set = 1 stores them in the
  ** staff settings and applies them. -1 with err when they were not stored. */
  int (*audio_levels)(void *ctx, int set, int *volume, int *mute, char *err, size_t errlen);
} qk_services;

#endif
