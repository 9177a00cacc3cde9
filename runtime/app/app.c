/*
** app.c — qk_app_run (app.h): sets the kiosk up — the replay file (read and
** checked before anything opens), the log, the platform, fonts and
** drawing, the results store and the app's first VM — hands over to one
** driver (the main loop, the replay runner or the tool runner) and tears
** everything down again. See app_int.h for who does what in this room.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "audio.h"
#include "paths.h"
#include "replay.h"
#include "store.h"

/* Reads the whole replay before anything opens, so a typo, or a `shot`
** without --shots, is a usage error at start, not a failure halfway. */
static int load_replay(qk_app *a, qk_replay *rp) {
  char err[1024];
  if (qk_replay_load(rp, a->opt.replay_path, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk: %s\n", err);
    return -1;
  }
  int shot = qk_replay_find(rp, QK_RP_SHOT);
  if (shot >= 0 && !a->opt.shots_dir) {
    fprintf(stderr, "quizkiosk: %s:%d: 'shot %s' saves a screenshot, but no --shots DIR was given "
                    "(add --shots DIR, or remove the shot lines)\n",
            a->opt.replay_path, rp->cmds[shot].line, rp->cmds[shot].text);
    return -1;
  }
  return 0;
}

int qk_app_run(const qk_options *opt) {
  qk_app *a = calloc(1, sizeof *a);
  if (!a) {
    fprintf(stderr, "quizkiosk: out of memory\n");
    return 1;
  }
  int rc = 1;
  qk_replay rp = {NULL, 0};
  a->opt = *opt;
  a->virtual_clock = opt->replay_path != NULL || opt->tool != NULL;
  a->bench = opt->env.bench == NULL ? 0 : strcmp(opt->env.bench, "exit") == 0 ? 2 : 1;
  a->wall_at_start = opt->env.wall_start_ms ? opt->env.wall_start_ms : app_real_wall_ms(); /* tests: a fixed date */
  if (opt->has_clock) a->wall_at_start = opt->clock_ms; /* --clock DATE */
  a->vnow = 1000; /* the virtual clock's start; app_wall_ms counts from here */
  if (opt->replay_path && load_replay(a, &rp) != 0) {
    rc = 2;
    goto done;
  }
  /* The log lives beside the database, where HR's export and backups go. */
  char log_path[2100];
  snprintf(log_path, sizeof log_path, "%s", opt->db_path ? opt->db_path : "");
  char *slash = strrchr(log_path, '/');
  if (slash) snprintf(slash + 1, sizeof log_path - (size_t)(slash + 1 - log_path), "quizkiosk.log");
  a->log = qk_log_new(slash && !opt->replay_path && !opt->tool ? log_path : NULL);
  if (!a->log) goto done;
  /* Sounds: never a device under --headless or for a tool (tests, CI); the
  ** cue log that replays check works the same. Nothing of SDL2_mixer is
  ** loaded until the app plays its first sound. */
  a->audio = qk_audio_new(a->log, !opt->headless && !opt->tool);
  if (opt->crashed_at_ms) /* watchdog: staff see it in the log file, which outlives the process */
    qk_log_write(a->log, QK_LOG_WARN, "started again: the previous kiosk froze or crashed %.1f s before", (double)(app_real_wall_ms() - opt->crashed_at_ms) / 1000);
  snprintf(a->data_dir, sizeof a->data_dir, "%s", opt->data_dir);
  snprintf(a->lib_dir, sizeof a->lib_dir, "%s/scripts", a->data_dir);
  snprintf(a->apps_dir, sizeof a->apps_dir, "%s/scripts/apps", a->data_dir);
  if (opt->app_dir) {
    char *real = realpath(opt->app_dir, NULL);
    snprintf(a->app_dir, sizeof a->app_dir, "%s", real ? real : opt->app_dir);
    free(real);
    const char *base = strrchr(a->app_dir, '/');
    snprintf(a->app_name, sizeof a->app_name, "%s", base && base[1] ? base + 1 : a->app_dir);
  } else {
    snprintf(a->app_dir, sizeof a->app_dir, "%s/demo", a->apps_dir);
    snprintf(a->app_name, sizeof a->app_name, "demo");
  }
  char main_lua[2100];
  snprintf(main_lua, sizeof main_lua, "%s/main.lua", a->app_dir);
  if (!qk_is_file(main_lua)) {
    fprintf(stderr, "quizkiosk: %s has no main.lua: an app folder holds main.lua and its modules\n", a->app_dir);
    goto done;
  }
  if (!opt->headless && !qk_plat_has_display()) {
    fprintf(stderr, "quizkiosk: no display found (DISPLAY/WAYLAND_DISPLAY unset, no DRM device); "
                    "to run without a screen use: quizkiosk --headless --window 1280x800 --replay FILE --shots DIR\n");
    goto done;
  }
  qk_platform_config pc = {
    .width = opt->width, .height = opt->height, .fullscreen = opt->fullscreen, .headless = opt->headless,
    .render = opt->render, .title = "quizkiosk",
    .watch_dirs = {a->virtual_clock ? NULL : a->app_dir, a->virtual_clock ? NULL : a->lib_dir},
  };
  char err[1024];
  app_open_store_begin(a); /* beside the window and the fonts; app_open_store below waits for it */
  a->plat = qk_plat_open(&pc, err, sizeof err);
  if (!a->plat) {
    fprintf(stderr, "quizkiosk: %s%s\n", err,
            opt->headless ? "" : " (no usable display? to run without a screen add --headless)");
    goto done;
  }
  char font_dir[2100], app_font_dir[2100];
  snprintf(font_dir, sizeof font_dir, "%s/fonts", a->data_dir);
  snprintf(app_font_dir, sizeof app_font_dir, "%s/fonts", a->app_dir);
  const char *dirs[3] = {app_font_dir, a->app_dir, font_dir};
  a->text = qk_text_new(a->plat, dirs, 3, opt->font_family, err, sizeof err);
  if (!a->text) {
    /* Without any font nothing readable can be drawn; say so loudly. */
    fprintf(stderr, "quizkiosk: %s\n", err);
    goto done;
  }
  a->draw = qk_draw_new(a->plat, a->text);
  if (!a->draw) goto done;
  qk_log_write(a->log, QK_LOG_INFO, "renderer %s, font %s, app %s", qk_plat_renderer_name(a->plat),
               qk_text_default_font_path(a->text), a->app_dir);
  qk_plat_watch_ready(a->plat); /* before the scripts are read: every save after that read reloads */
  if (app_open_store(a) == 0) app_start(a);
  if (opt->tool) {
    rc = app_run_tool(a);
  } else if (opt->replay_path) {
    rc = app_run_replay(a, &rp);
  } else {
    app_run_interactive(a);
    rc = 0;
  }
done:
  qk_replay_free(&rp);
  app_open_store_abandon(a); /* a start that failed before the store was needed */
  if (a->host) qk_host_free(a->host);
  app_fleet_stop(a);
  qk_audio_free(a->audio); /* before SDL goes (qk_plat_close) */
  qk_store_close(a->store);
  qk_draw_free(a->draw);
  qk_text_free(a->text);
  qk_plat_close(a->plat);
  qk_log_free(a->log);
  free(a);
  return rc;
}
