/*
** app.h — the program's composition root (runtime/app): one kiosk app on one
** screen, put together from the platform, core, store and Lua rooms. This
** header is what main.c needs: the options and qk_app_run. How the work is
** split inside the room is in app_int.h. No SDL in here.
*/
#ifndef QK_APP_H
#define QK_APP_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "platform.h"

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
  int time_limit_ms;        /* per call into Lua; 0 = the host's default (host.h) */
  size_t mem_limit;         /* per VM; 0 = the host's default (host.h) */
  int error_restart_ms;     /* error screen shows this long; 0 = 8000 (vm.c) */
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
  /* Replays and tests: --seed N fixes the seed every session draws its
  ** paper with (kiosk.config.seed); --clock DATE the wall-clock time the
  ** virtual clock starts at (ms since 1970). has_* = 0: not given. */
  int has_seed;
  long long seed;
  int has_clock;
  int64_t clock_ms;
  /* The QUIZKIOSK_* environment, read once by main() (env.h lists them,
  ** with the test-only hooks marked as such). */
  qk_env env;
  const char *sync_url;     /* --sync URL: the fleet's server (NULL: the sync_url setting, or none) */
} qk_options;

/* Runs until quit (windowed), the end of a replay, or forever (kiosk).
** Returns the process exit code. */
int qk_app_run(const qk_options *opt);

#endif
