/*
** main.c — the quizkiosk command: the program's commands that run the kiosk
** runtime (the kiosk itself, rescore, replay-session), declared for the one
** command-line parser (runtime/base/args.h; the table is in cli.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "app.h"
#include "cli.h"
#include "env.h"
#include "paths.h"
#include "store.h"
#include "supervise.h"
#include "watchdog.h"

#ifndef QK_VERSION
#define QK_VERSION "0.0.0"
#endif

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

/* The data folder (scripts/ ...) into o->data_dir. Returns 0, or 1 after
** saying why not. */
static int find_data_dir(qk_options *o, char *buf, size_t len) {
  if (qk_paths_data_dir(buf, len) != 0) {
    fprintf(stderr, "quizkiosk: cannot find the kiosk's scripts folder (set QUIZKIOSK_DATA to the folder holding scripts/)\n");
    return 1;
  }
  o->data_dir = buf;
  return 0;
}

static int window_opt(const qk_args *a, qk_options *o) {
  const char *w = qk_args_str(a, "window");
  if (w && parse_size(w, &o->width, &o->height) != 0)
    return qk_args_usage_error(a, "bad window size '%.40s' (want WxH, e.g. 1280x800)", w);
  return 0;
}

/* rescore / replay-session: the app runs headless and its scripts do the
** work (kiosk/flow/tools.lua), so scoring is exactly the app's own. */
static int run_tool(const qk_args *a, qk_options o, const char *session, const char *app_dir) {
  o.env = *qk_env_get();
  o.render = QK_RENDER_SOFTWARE;
  o.tool = a->cmd->name;
  o.headless = 1;
  o.width = 1280;
  o.height = 800;
  o.db_path = qk_args_str(a, "db");
  o.shots_dir = qk_args_str(a, "shots");
  o.app_dir = app_dir;
  int rc = window_opt(a, &o);
  if (rc) return rc;
  if (session) {
    char *end = NULL;
    o.tool_session = strtoll(session, &end, 10);
    if (!end || *end || o.tool_session <= 0)
      return qk_args_usage_error(a, "SESSION_ID must be a session's number, not '%.40s'", session);
  }
  if (access(o.db_path, R_OK) != 0) {
    fprintf(stderr, "quizkiosk %s: cannot read %s\n", o.tool, o.db_path);
    return 1;
  }
  char data_dir[2048];
  if (find_data_dir(&o, data_dir, sizeof data_dir)) return 1;
  kiosk_run k = {o, WATCHDOG_DEFAULT_MS};
  return run_kiosk(&k, 0);
}

static int run_rescore(const qk_args *a) {
  qk_options o = {0};
  o.tool_exam = qk_args_str(a, "exam");
  o.tool_dry_run = qk_args_has(a, "dry-run");
  return run_tool(a, o, NULL, a->pos[0]);
}

static int run_replay_session(const qk_args *a) {
  qk_options o = {0};
  return run_tool(a, o, a->pos[0], a->pos[1]);
}

static int run_kiosk_command(const qk_args *a) {
  if (qk_args_has(a, "version")) {
    printf("quizkiosk %s\n", QK_VERSION);
    return 0;
  }
  if (qk_args_has(a, "api")) {
    static const qk_api_decl *const modules[] = {&qk_api_gfx, &qk_api_kiosk, &qk_api_json, &qk_api_store,
                                                   &qk_api_ime, &qk_api_audio, &qk_api_prize, NULL};
    qk_api_print(stdout, modules);
    return 0;
  }
  qk_options o = {0};
  o.env = *qk_env_get();
  o.app_dir = a->npos ? a->pos[0] : NULL;
  o.db_path = qk_args_str(a, "db");
  o.fullscreen = qk_args_has(a, "fullscreen");
  o.headless = qk_args_has(a, "headless");
  o.replay_path = qk_args_str(a, "replay");
  o.shots_dir = qk_args_str(a, "shots");
  o.kiosk_id = qk_args_str(a, "kiosk-id");
  o.sync_url = qk_args_str(a, "sync");
  o.font_family = qk_args_str(a, "font");
  o.time_limit_ms = (int)qk_args_int(a, "time-limit", 0);
  o.mem_limit = (size_t)qk_args_int(a, "memory-limit", 0) << 20;
  o.crashed_at_ms = qk_args_int(a, "restarted-after-crash", 0);
  if ((o.has_seed = qk_args_has(a, "seed"))) o.seed = qk_args_int(a, "seed", 0);
  if ((o.has_clock = qk_args_has(a, "clock")) && qk_store_parse_date(qk_args_str(a, "clock"), &o.clock_ms) != 0)
    return qk_args_usage_error(a, "bad --clock date '%.40s' (want YYYY-MM-DD)", qk_args_str(a, "clock"));
  int rc = window_opt(a, &o);
  if (rc) return rc;
  double sec = qk_args_num(a, "watchdog", WATCHDOG_DEFAULT_MS / 1000.0);
  if (!(sec == 0 || sec >= 0.1)) return qk_args_usage_error(a, "bad watchdog time (0 = off, or 0.1..3600 s)");
  int watchdog_ms = (int)(sec * 1000 + 0.5);
  int supervise = qk_args_has(a, "supervise"), no_supervisor = qk_args_has(a, "no-supervisor");
  /* Headless, --window is the size of the screen a full-screen kiosk is
  ** simulated on (tests picture kiosk-mode screens at every size). */
  if (o.fullscreen && o.width && !o.headless)
    return qk_args_usage_error(a, "choose --fullscreen or --window, not both");
  /* The flag wins over the environment's default. */
  const char *render = qk_args_has(a, "renderer") ? qk_args_str(a, "renderer") : o.env.renderer;
  o.render = QK_RENDER_AUTO;
  if (render) {
    if (strcmp(render, "gpu") == 0) o.render = QK_RENDER_GPU;
    else if (strcmp(render, "software") == 0) o.render = QK_RENDER_SOFTWARE;
    else if (strcmp(render, "auto") != 0)
      return qk_args_usage_error(a, "bad renderer '%.40s' (auto, gpu or software)", render);
  }
  if (o.shots_dir && !o.replay_path) return qk_args_usage_error(a, "--shots needs --replay");
  if ((o.has_seed || o.has_clock) && !o.replay_path)
    return qk_args_usage_error(a, "--seed and --clock are for replays: add --replay FILE");
  if (supervise && no_supervisor) return qk_args_usage_error(a, "choose --supervise or --no-supervisor, not both");
  if (!o.width && !o.fullscreen) {
    o.width = 1280;
    o.height = 800;
  }
  char data_dir[2048];
  if (find_data_dir(&o, data_dir, sizeof data_dir)) return 1;
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

/* ---- the declarations ---- */

static const qk_opt kiosk_opts[] = {
  QK_STR("db", "FILE", "the results database (default: $XDG_DATA_HOME/quizkiosk/results.db)", 0),
  QK_FLAG("fullscreen", "kiosk mode: full screen, keyboard grabbed, close requests ignored"),
  QK_STR("window", "WxH", "a window of that size (default 1280x800); headless with --fullscreen, the simulated screen", 0),
  QK_FLAG("headless", "no window: with --replay, for tests"),
  QK_STR("replay", "FILE", "drive the kiosk from a replay file (virtual clock)", 0),
  QK_STR("shots", "DIR", "where a replay's `shot NAME` saves NAME.png (needs --replay)", 0),
  QK_STR("kiosk-id", "NAME", "this kiosk's name in the results", 0),
  QK_STR("sync", "URL", "the fleet's PostgreSQL server (default: the sync_url setting; none: no sync)", 0),
  QK_STR("renderer", "auto|gpu|software", "how to draw (default: $QUIZKIOSK_RENDERER, else auto)", 0),
  QK_STR("font", "FAMILY", "the text font (default Noto Sans CJK SC)", 0),
  QK_INT("time-limit", "MS", "how long one call into Lua may run (default 250)", 0, 10, 60000),
  QK_INT("memory-limit", "MIB", "how much memory an app's Lua may use (default 256)", 0, 4, 4096),
  QK_NUM("watchdog", "SEC", "end a kiosk whose main loop stalls this long (default 10, 0 = off)", 0, 0, 3600),
  QK_FLAG("supervise", "run under the kiosk's own supervisor, which restarts it (tests)"),
  QK_FLAG("no-supervisor", "full screen without systemd: no supervisor"),
  QK_INT("seed", "N", "replays: the seed every session draws its paper with (a fixed shuffle)", 0, 1, 2147483647),
  QK_STR("clock", "YYYY-MM-DD", "replays: the date the virtual clock starts at (local midnight)", 0),
  QK_INT("restarted-after-crash", "MS", "when the previous kiosk died, ms since 1970 (set by the supervisor "
         "or the systemd unit)", QK_OPT_HIDDEN, 1, 9e15),
  QK_FLAG("version", "print the version and stop"),
  QK_FLAG("api", "print the reference of the Lua modules written in C and stop"),
  QK_OPT_END};
static const qk_posarg kiosk_args[] = {
  {"APP_DIR", "a folder holding main.lua (default: the bundled demo, which lets a visitor choose)", QK_ARG_OPTIONAL},
  {0}};
const qk_command qk_cmd_kiosk = {
  "", "run the kiosk: the app in APP_DIR on this screen", kiosk_opts, kiosk_args, run_kiosk_command,
  "Without a display, use --headless with --replay to drive the kiosk from a file and --shots to\n"
  "save PNGs. Full screen without systemd, a supervisor process restarts a kiosk that froze or\n"
  "crashed (--no-supervisor: none). Environment: see the README (\"Environment\")."};

static const qk_opt rescore_opts[] = {
  QK_STR("db", "FILE", "the results database", QK_OPT_REQUIRED),
  QK_STR("exam", "ID", "only this exam's sessions", 0),
  QK_FLAG("dry-run", "print what would change, change nothing"),
  QK_STR("window", "WxH", "the headless screen's size (default 1280x800)", 0),
  QK_STR("shots", "DIR", "where the app's tool script may save pictures", 0),
  QK_OPT_END};
static const qk_posarg app_dir_arg[] = {{"APP_DIR", "the app whose sessions to score again", 0}, {0}};
const qk_command qk_cmd_rescore = {
  "rescore", "score stored sessions again with the app's current scoring (fixed keys)", rescore_opts,
  app_dir_arg, run_rescore,
  "Prints each change (session 12 (...): 16/29 -> 18/29, not passed -> passed) before writing it\n"
  "with an audit record."};

static const qk_opt replay_session_opts[] = {
  QK_STR("db", "FILE", "the results database", QK_OPT_REQUIRED),
  QK_STR("shots", "DIR", "where to save a picture of every step", QK_OPT_REQUIRED),
  QK_STR("window", "WxH", "the headless screen's size (default 1280x800)", 0),
  QK_OPT_END};
static const qk_posarg replay_session_args[] = {
  {"SESSION_ID", "the stored session to play again", 0}, {"APP_DIR", "the app it was taken in", 0}, {0}};
const qk_command qk_cmd_replay_session = {
  "replay-session", "play one stored session again headless, from its seed and event log", replay_session_opts,
  replay_session_args, run_replay_session, NULL};

int main(int argc, char **argv) { return qk_cli_main(argc, argv); }
