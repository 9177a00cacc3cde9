/*
** main.c — the quizkiosk command: reads the command line and hands over to
** the runtime (app.c) or to a maintenance subcommand (export, stats, ...).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "paths.h"
#include "store.h"
#include "supervise.h"
#include "watchdog.h"

#ifndef QK_VERSION
#define QK_VERSION "0.0.0"
#endif

static const char usage[] =
  "usage: quizkiosk [APP_DIR] [--db FILE] [--fullscreen | --window WxH] [--headless]\n"
  "                 [--replay FILE] [--shots DIR] [--kiosk-id NAME]\n"
  "                 [--renderer auto|gpu|software] [--font FAMILY]\n"
  "                 [--time-limit MS] [--memory-limit MIB]\n"
  "                 [--watchdog SEC] [--supervise | --no-supervisor]\n"
  "                 [--seed N] [--clock YYYY-MM-DD]   (replays: fixed draw, fixed date)\n"
  "       quizkiosk export --db FILE --format csv|json [--since DATE] [--out FILE]\n"
  "       quizkiosk stats --db FILE\n"
  "       quizkiosk purge --db FILE --before DATE\n"
  "       quizkiosk set-pin --db FILE PIN\n"
  "       quizkiosk backup --db FILE --out FILE\n"
  "       quizkiosk rescore --db FILE APP_DIR [--exam ID] [--dry-run]\n"
  "       quizkiosk replay-session --db FILE SESSION_ID APP_DIR --shots DIR\n"
  "       quizkiosk --version | --help\n"
  "\n"
  "APP_DIR holds main.lua (default: the bundled demo). Without a display, use\n"
  "--headless with --replay to drive the kiosk from a file and --shots to save PNGs.\n"
  "--watchdog SEC ends a kiosk whose main loop stalls that long (default 10, 0 = off);\n"
  "full screen without systemd, a supervisor process restarts it (--no-supervisor: none).\n";

#define WATCHDOG_DEFAULT_MS 10000

static int parse_size(const char *s, int *w, int *h) {
  char *end;
  long a = strtol(s, &end, 10);
  if (end == s || (*end != 'x' && *end != 'X')) return -1;
  const char *t = end + 1;
  long b = strtol(t, &end, 10);
  if (end == t || *end || a < 100 || b < 100 || a > 16384 || b > 16384) return -1;
  *w = (int)a;
  *h = (int)b;
  return 0;
}

static int bad(const char *what, const char *arg) {
  fprintf(stderr, "quizkiosk: %s '%s'\n%s", what, arg ? arg : "", usage);
  return 2;
}

/* Runs the kiosk with its watchdog; in a supervised child, crashed_at_ms
** says when the previous kiosk died. */
typedef struct {
  qk_options app;
  int watchdog_ms;
} kiosk_run;

static int run_kiosk(void *ctx, int64_t crashed_at_ms) {
  kiosk_run *k = ctx;
  if (crashed_at_ms) k->app.crashed_at_ms = crashed_at_ms;
  char err[256];
  qk_watchdog *w = qk_watchdog_start(k->watchdog_ms, err, sizeof err);
  if (!w) fprintf(stderr, "quizkiosk: %s (running without it)\n", err);
  k->app.watchdog = w;
  int rc = qk_app_run(&k->app);
  qk_watchdog_stop(w);
  k->app.watchdog = NULL;
  return rc;
}

/* rescore / replay-session: the app runs headless and its scripts do the
** work (kiosk/flow/tools.lua), so scoring is exactly the app's own. */
static int tool_main(int argc, char **argv, qk_options *o) {
  const char *tool = argv[1];
  const char *session = NULL;
  o->tool = tool;
  o->headless = 1;
  o->width = 1280;
  o->height = 800;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--db") == 0 && next) o->db_path = argv[++i];
    else if (strcmp(a, "--exam") == 0 && next && strcmp(tool, "rescore") == 0) o->tool_exam = argv[++i];
    else if (strcmp(a, "--dry-run") == 0 && strcmp(tool, "rescore") == 0) o->tool_dry_run = 1;
    else if (strcmp(a, "--shots") == 0 && next) o->shots_dir = argv[++i];
    else if (strcmp(a, "--window") == 0 && next) {
      if (parse_size(argv[++i], &o->width, &o->height) != 0) return bad("bad window size (want WxH, e.g. 1280x800)", next);
    } else if (a[0] == '-') return bad("unknown option", a);
    else if (strcmp(tool, "replay-session") == 0 && !session) session = a;
    else if (!o->app_dir) o->app_dir = a;
    else return bad("unexpected argument", a);
  }
  if (!o->db_path) return bad("missing --db FILE for", tool);
  if (!o->app_dir) return bad("missing APP_DIR for", tool);
  if (strcmp(tool, "replay-session") == 0) {
    char *end = NULL;
    o->tool_session = session ? strtoll(session, &end, 10) : 0;
    if (!session || !end || *end || o->tool_session <= 0) return bad("replay-session needs a SESSION_ID, got", session);
    if (!o->shots_dir) return bad("replay-session needs --shots DIR", "");
  }
  if (access(o->db_path, R_OK) != 0) {
    fprintf(stderr, "quizkiosk %s: cannot read %s\n", tool, o->db_path);
    return 1;
  }
  return -1; /* go on to run the app */
}

int main(int argc, char **argv) {
  if (argc > 1 && qk_cli_handles(argv[1])) return qk_cli_run(argc - 1, argv + 1);
  if (argc > 1 && (strcmp(argv[1], "rescore") == 0 || strcmp(argv[1], "replay-session") == 0)) {
    qk_options t = {0};
    t.render = QK_RENDER_SOFTWARE;
    int rc = tool_main(argc, argv, &t);
    if (rc >= 0) return rc;
    char data_dir[2048];
    if (qk_paths_data_dir(data_dir, sizeof data_dir) != 0) {
      fprintf(stderr, "quizkiosk: cannot find the kiosk's scripts folder (set QUIZKIOSK_DATA to the folder holding scripts/)\n");
      return 1;
    }
    t.data_dir = data_dir;
    kiosk_run k = {t, WATCHDOG_DEFAULT_MS};
    return run_kiosk(&k, 0);
  }

  qk_options o = {0};
  o.render = QK_RENDER_AUTO;
  int watchdog_ms = WATCHDOG_DEFAULT_MS, supervise = 0, no_supervisor = 0;
  const char *env_render = getenv("QUIZKIOSK_RENDERER");
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG() do { if (!next) return bad("missing value after", a); i++; } while (0)
    if (strcmp(a, "--version") == 0) {
      printf("quizkiosk %s\n", QK_VERSION);
      return 0;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--db") == 0) { NEED_ARG(); o.db_path = next; }
    else if (strcmp(a, "--fullscreen") == 0) o.fullscreen = 1;
    else if (strcmp(a, "--headless") == 0) o.headless = 1;
    else if (strcmp(a, "--window") == 0) {
      NEED_ARG();
      if (parse_size(next, &o.width, &o.height) != 0) return bad("bad window size (want WxH, e.g. 1280x800)", next);
    } else if (strcmp(a, "--replay") == 0) { NEED_ARG(); o.replay_path = next; }
    else if (strcmp(a, "--shots") == 0) { NEED_ARG(); o.shots_dir = next; }
    else if (strcmp(a, "--kiosk-id") == 0) { NEED_ARG(); o.kiosk_id = next; }
    else if (strcmp(a, "--font") == 0) { NEED_ARG(); o.font_family = next; }
    else if (strcmp(a, "--renderer") == 0) { NEED_ARG(); env_render = next; }
    else if (strcmp(a, "--time-limit") == 0) {
      NEED_ARG();
      o.time_limit_ms = atoi(next);
      if (o.time_limit_ms < 10 || o.time_limit_ms > 60000) return bad("bad time limit (10..60000 ms)", next);
    } else if (strcmp(a, "--memory-limit") == 0) {
      NEED_ARG();
      long mib = atol(next);
      if (mib < 4 || mib > 4096) return bad("bad memory limit (4..4096 MiB)", next);
      o.mem_limit = (size_t)mib << 20;
    } else if (strcmp(a, "--watchdog") == 0) {
      NEED_ARG();
      char *end;
      double sec = strtod(next, &end);
      if (end == next || *end || !(sec == 0 || (sec >= 0.1 && sec <= 3600))) return bad("bad watchdog time (0 = off, or 0.1..3600 s)", next);
      watchdog_ms = (int)(sec * 1000 + 0.5);
    } else if (strcmp(a, "--seed") == 0) {
      NEED_ARG();
      char *end;
      o.seed = strtoll(next, &end, 10);
      if (end == next || *end || o.seed <= 0 || o.seed > 2147483647) return bad("bad seed (1..2147483647)", next);
      o.has_seed = 1;
    } else if (strcmp(a, "--clock") == 0) {
      NEED_ARG();
      if (qk_store_parse_date(next, &o.clock_ms) != 0) return bad("bad --clock date (want YYYY-MM-DD)", next);
      o.has_clock = 1;
    } else if (strcmp(a, "--supervise") == 0) supervise = 1;
    else if (strcmp(a, "--no-supervisor") == 0) no_supervisor = 1;
    else if (strcmp(a, "--restarted-after-crash") == 0) {
      /* Set by the supervisor's or systemd's restart (see the unit file):
      ** when the previous kiosk died, in ms since 1970. */
      NEED_ARG();
      char *end;
      long long ms = strtoll(next, &end, 10);
      if (end == next || *end || ms <= 0) return bad("bad time for --restarted-after-crash (ms since 1970)", next);
      o.crashed_at_ms = ms;
    } else if (a[0] == '-') return bad("unknown option", a);
    else if (!o.app_dir) o.app_dir = a;
    else return bad("more than one APP_DIR", a);
#undef NEED_ARG
  }
  if (o.fullscreen && o.width) return bad("choose --fullscreen or --window, not both", "");
  if (env_render) {
    if (strcmp(env_render, "gpu") == 0) o.render = QK_RENDER_GPU;
    else if (strcmp(env_render, "software") == 0) o.render = QK_RENDER_SOFTWARE;
    else if (strcmp(env_render, "auto") != 0) return bad("bad renderer (auto, gpu or software)", env_render);
  }
  if (o.shots_dir && !o.replay_path) return bad("--shots needs --replay", o.shots_dir);
  if ((o.has_seed || o.has_clock) && !o.replay_path) return bad("--seed and --clock are for replays: add --replay FILE", "");
  if (supervise && no_supervisor) return bad("choose --supervise or --no-supervisor, not both", "");
  if (!o.width && !o.fullscreen) {
    o.width = 1280;
    o.height = 800;
  }
  char data_dir[2048];
  if (qk_paths_data_dir(data_dir, sizeof data_dir) != 0) {
    fprintf(stderr, "quizkiosk: cannot find the kiosk's scripts folder (set QUIZKIOSK_DATA to the folder holding scripts/)\n");
    return 1;
  }
  o.data_dir = data_dir;
  char db[2048];
  if (!o.db_path) {
    if (qk_paths_default_db(db, sizeof db) != 0) {
      fprintf(stderr, "quizkiosk: cannot work out a database path; pass --db FILE\n");
      return 1;
    }
    o.db_path = db;
  }
  kiosk_run k = {o, watchdog_ms};
  /* A full-screen kiosk restarts itself after a freeze or a crash, unless
  ** systemd does that (NOTIFY_SOCKET: it runs the unit with WatchdogSec=).
  ** Tests and replays run unsupervised unless they ask. */
  const char *notify = getenv("NOTIFY_SOCKET");
  if (supervise || (o.fullscreen && !no_supervisor && !o.replay_path && !(notify && *notify)))
    return qk_supervise(run_kiosk, &k, o.replay_path != NULL);
  return run_kiosk(&k, 0);
}
