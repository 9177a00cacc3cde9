/*
** app.c — see app.h. The loop sleeps in the platform's wait until something
** can change the screen: input, the next timer, the next animation frame, the
** end of the error screen, or a debounced file change. Under replay the same
** code runs against a virtual clock that jumps straight to the next deadline.
*/
#include "app.h"

#include <dirent.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "host.h"
#include "paths.h"
#include "replay.h"
#include "store.h"
#include "watchdog.h"

#define FRAME_MS 16
#define PRESENT_RING 128
#define RELOAD_DEBOUNCE_MS 200
#define RESUME_WINDOW_DEFAULT_MIN 30
#define STORE_RETRY_MS 5000
#define ADMIN_CORNER 90        /* logical units: the top-left square to hold */
#define ADMIN_HOLD_MS 3000     /* how long to hold it */

/* RUNNING: the app's VM is up. ERROR: a script failed; restart after a pause.
** NO_STORE: the results database cannot be used — it could not be opened, or
** a write failed mid-exam (disk full, I/O error, locked, file moved away).
** No candidate goes on until it works again (probed every few seconds); then
** the app starts again and the candidate who was there continues at once. */
typedef enum { STATE_RUNNING, STATE_ERROR, STATE_NO_STORE } app_state;

struct qk_app {
  qk_options opt;
  char data_dir[2048], lib_dir[2100], apps_dir[2100];
  char app_dir[2048], app_name[64];
  qk_platform *plat;
  qk_text *text;
  qk_draw *draw;
  qk_log *log;
  qk_host *host;
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
  qk_store *store;
  char kiosk_id[128];
  int64_t wall_at_start;       /* epoch ms when the virtual clock was vnow0 */
  int64_t resume_window_ms;
  uint64_t corner_since;       /* a press is held in the admin corner since then (0 = none) */
  char return_app_dir[2048], return_app_name[64]; /* where the admin screen goes back to */
  char shot_pending[128];      /* tools: the frame to save after this call into Lua */
  int tool_done, tool_failed;
  char home_app_name[64];      /* the chooser that launched this app: the next person starts there */
  int bench;                   /* QUIZKIOSK_BENCH: announce the first frame */
  int store_failed;            /* a store write failed during the current call into Lua */
  int64_t continue_session;    /* after storage came back: the session to go on with (0 = none) */
  int staff;                   /* the running app is the staff screen (qk_app_staff) */
};

static const qk_api_module api_modules[] = {
  {"gfx", qk_open_gfx},
  {"kiosk", qk_open_kiosk},
  {"json", qk_open_json},
  {"store", qk_open_store},
#ifdef QK_HAVE_IME
  {"ime", qk_open_ime},
#endif
};

/* ---- services ---- */

uint64_t qk_app_now(qk_app *a) { return a->virtual_clock ? a->vnow : qk_plat_ticks(); }
qk_draw *qk_app_draw(qk_app *a) { return a->draw; }
qk_log *qk_app_log(qk_app *a) { return a->log; }
const qk_options *qk_app_options(const qk_app *a) { return &a->opt; }
const char *qk_app_name(const qk_app *a) { return a->app_name; }
void qk_app_redraw(qk_app *a) { a->dirty = 1; }
void qk_app_new_screen(qk_app *a) { a->dirty = a->new_screen = 1; }

int qk_app_shot(qk_app *a, const char *name) {
  if (!a->opt.shots_dir || !a->opt.tool) return -1;
  snprintf(a->shot_pending, sizeof a->shot_pending, "%s", name);
  a->dirty = 1;
  return 0;
}

void qk_app_tool_done(qk_app *a, int failed) {
  a->tool_done = 1;
  a->tool_failed = failed;
}
/* The next person starts afresh: in the app that launched this one (the
** demo's chooser), else in this app. */
void qk_app_restart(qk_app *a) {
  if (a->home_app_name[0] && strcmp(a->home_app_name, a->app_name) != 0) {
    snprintf(a->launch_pending, sizeof a->launch_pending, "%s", a->home_app_name);
    a->home_app_name[0] = 0;
    return;
  }
  a->restart_pending = 1;
}
void qk_app_quit(qk_app *a) { a->quit = 1; }
uint64_t qk_app_frame(const qk_app *a) { return a->frame_no; }
struct qk_store *qk_app_store(qk_app *a) { return a->store; }
void qk_app_store_failed(qk_app *a) { a->store_failed = 1; }
int64_t qk_app_continue_session(const qk_app *a) { return a->continue_session; }
const char *qk_app_kiosk_id(const qk_app *a) { return a->kiosk_id; }
int64_t qk_app_resume_window_ms(const qk_app *a) { return a->resume_window_ms; }
int qk_app_staff(const qk_app *a) { return a->staff; }

static int64_t real_wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t qk_app_wall_ms(qk_app *a) {
  if (!a->virtual_clock) return real_wall_ms();
  return a->wall_at_start + (int64_t)(a->vnow - 1000);
}

void qk_app_animate(qk_app *a, int ms) {
  uint64_t until = qk_app_now(a) + (uint64_t)(ms > 0 ? ms : 0);
  if (until > a->animate_until) {
    if (a->animate_until <= qk_app_now(a)) a->last_update = qk_app_now(a);
    a->animate_until = until;
  }
}

void qk_app_text_input(qk_app *a, int on, float x, float y, float w, float h) {
  float s = qk_draw_view(a->draw)->scale;
  a->text_input_on = on;
  a->text_rect[0] = x, a->text_rect[1] = y, a->text_rect[2] = w, a->text_rect[3] = h;
  qk_plat_text_input(a->plat, on, (int)(x * s), (int)(y * s), (int)(w * s), (int)(h * s));
}

int qk_app_presented_at(const qk_app *a, uint64_t frame, uint64_t *when) {
  int slot = (int)(frame % PRESENT_RING);
  if (a->present_frame[slot] != frame || frame == 0) return -1;
  *when = a->present_time[slot];
  return 0;
}

static int valid_app_name(const char *n) {
  if (!*n || strlen(n) >= 64) return 0;
  for (const char *p = n; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return 0;
  return 1;
}

/* Opens the staff screen (scripts/kiosk/admin) as an app of its own,
** remembering which app to go back to. */
static void open_admin(qk_app *a) {
  if (strcmp(a->app_name, "admin") == 0) return;
  snprintf(a->return_app_dir, sizeof a->return_app_dir, "%s", a->app_dir);
  snprintf(a->return_app_name, sizeof a->return_app_name, "%s", a->app_name);
  snprintf(a->app_dir, sizeof a->app_dir, "%s/kiosk/admin", a->lib_dir);
  snprintf(a->app_name, sizeof a->app_name, "admin");
  qk_log_write(a->log, QK_LOG_INFO, "admin screen opened");
  a->restart_pending = 1;
}

void qk_app_return(qk_app *a) {
  if (!a->return_app_dir[0]) return;
  snprintf(a->app_dir, sizeof a->app_dir, "%s", a->return_app_dir);
  snprintf(a->app_name, sizeof a->app_name, "%s", a->return_app_name);
  a->return_app_dir[0] = 0;
  a->restart_pending = 1;
}

void qk_app_reload(qk_app *a) {
  qk_app_return(a);
  a->restart_pending = 1;
}

int qk_app_launch(qk_app *a, const char *name, char *err, size_t errlen) {
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

int qk_app_list_bundled(const qk_app *a, char names[][64], int max) {
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

static uint64_t host_now(void *ctx) { return qk_app_now(ctx); }
static void host_log(void *ctx, const char *msg) {
  qk_app *a = ctx;
  qk_log_write(a->log, QK_LOG_INFO, "[%s] %s", a->app_name, msg);
}

/* The candidate who was at the kiosk when its VM went (a script error, the
** results storage failing) goes on in the next VM without being asked who
** they are (kiosk.config.continue_session): the app's unfinished session
** whose last activity is at most max_idle_ms old. */
static void keep_live_session(qk_app *a, int64_t max_idle_ms) {
  a->continue_session = 0;
  if (!a->store || a->opt.tool) return;
  qk_store_resume r;
  memset(&r, 0, sizeof r);
  int64_t now = qk_app_wall_ms(a);
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
  keep_live_session(a, 60000); /* the error screen lasts seconds: the same person is there */
  a->error_until = qk_app_now(a) + (uint64_t)a->opt.error_restart_ms;
  a->animate_until = 0;
  a->dirty = 1;
  if (a->text_input_on) qk_app_text_input(a, 0, 0, 0, 0, 0);
  if (a->opt.tool) { /* a maintenance tool stops on the first error */
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, msg);
    qk_app_tool_done(a, 1);
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
  a->error_until = qk_app_now(a) + STORE_RETRY_MS;
  a->animate_until = 0;
  a->dirty = 1;
  if (a->text_input_on) qk_app_text_input(a, 0, 0, 0, 0, 0);
  if (a->opt.tool) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, why);
    qk_app_tool_done(a, 1);
  }
}

/* Every call into the scripts is one group commit: what one tap, timer or
** frame writes (an answer, its event, the checkpoint) is committed once,
** after the call and before anything is drawn, so the screen never runs
** ahead of the disk and one tap costs one fsync. */
static void batch_open(qk_app *a) {
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

/* Between candidates (each fresh VM): unfinished sessions that can no
** longer be resumed are kept as interrupted, not left "in progress". */
static void mark_stale(qk_app *a) {
  int n = 0;
  if (qk_store_interrupt_stale(a->store, a->kiosk_id, NULL, qk_app_wall_ms(a), a->resume_window_ms, &n) != QK_STORE_OK)
    qk_log_write(a->log, QK_LOG_WARN, "could not mark stale sessions: %s", qk_store_errmsg(a->store));
  else if (n > 0)
    qk_log_write(a->log, QK_LOG_WARN, "%d unfinished session(s) that can no longer resume marked interrupted", n);
}

/* Opens the results database; on failure the kiosk shows why and retries
** instead of letting a candidate start answers that could not be kept. */
static int open_store(qk_app *a) {
  char err[1024];
  qk_store_close(a->store);
  a->store = NULL;
  int rc = qk_store_open(a->opt.db_path, &a->store, err, sizeof err);
  if (rc != QK_STORE_OK) {
    a->store = NULL;
    snprintf(a->error, sizeof a->error, "%s\n数据库文件 · database: %s", err, a->opt.db_path);
    qk_log_write(a->log, QK_LOG_ERROR, "results database unusable: %s (%s)", err, a->opt.db_path);
    qk_host_free(a->host);
    a->host = NULL;
    a->state = STATE_NO_STORE;
    a->error_until = qk_app_now(a) + STORE_RETRY_MS;
    a->dirty = 1;
    return -1;
  }
  if (a->opt.kiosk_id) snprintf(a->kiosk_id, sizeof a->kiosk_id, "%s", a->opt.kiosk_id);
  else if (qk_store_kiosk_id(a->store, a->kiosk_id, sizeof a->kiosk_id) != QK_STORE_OK)
    snprintf(a->kiosk_id, sizeof a->kiosk_id, "kiosk");
  char minutes[32];
  long m = RESUME_WINDOW_DEFAULT_MIN;
  if (qk_store_setting_get(a->store, "resume_window_min", minutes, sizeof minutes) == QK_STORE_OK) {
    char *end;
    long v = strtol(minutes, &end, 10);
    if (end != minutes && v >= 0 && v <= 24 * 60) m = v;
  }
  a->resume_window_ms = (int64_t)m * 60000;
  return 0;
}

/* The results store failed mid-exam: is it back? On success the candidate
** who was there goes on with their session without being asked again. */
static int store_back(qk_app *a) {
  if (!a->store) return open_store(a) == 0;
  if (qk_store_probe(a->store) != QK_STORE_OK) {
    snprintf(a->error, sizeof a->error, "%s\n数据库文件 · database: %s", qk_store_errmsg(a->store), a->opt.db_path);
    return 0;
  }
  /* Staff came and fixed it: the candidate who waited goes on. */
  keep_live_session(a, a->resume_window_ms);
  qk_log_write(a->log, QK_LOG_INFO, "results storage works again%s", a->continue_session ? ": continuing the session" : "");
  return 1;
}

static void start_app(qk_app *a) {
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
  if (a->text_input_on) qk_app_text_input(a, 0, 0, 0, 0, 0);
  qk_draw_set_image_root(a->draw, a->app_dir);
  char staff_dir[2200]; /* the staff screen is the kiosk library's admin app, nothing else */
  snprintf(staff_dir, sizeof staff_dir, "%s/kiosk/admin", a->lib_dir);
  a->staff = strcmp(a->app_dir, staff_dir) == 0;
  qk_host_config cfg = {
    .app_dir = a->app_dir, .lib_dir = a->lib_dir, .app_name = a->app_name,
    .mem_limit = a->opt.mem_limit, .time_limit_ms = a->opt.time_limit_ms,
    .now = host_now, .log = host_log, .ctx = a,
    .modules = api_modules, .nmodules = (int)(sizeof api_modules / sizeof api_modules[0]),
  };
  char err[8192];
  a->restarts++;
  if (a->store) mark_stale(a);
  batch_open(a);
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
static void checked(qk_app *a, int rc) {
  if (batch_close(a)) return;
  if (rc != 0 && a->host) enter_error(a, qk_host_error(a->host));
}

static void apply_pending(qk_app *a) {
  if (a->launch_pending[0]) {
    snprintf(a->app_name, sizeof a->app_name, "%s", a->launch_pending);
    snprintf(a->app_dir, sizeof a->app_dir, "%s/%s", a->apps_dir, a->launch_pending);
    a->launch_pending[0] = 0;
    qk_log_write(a->log, QK_LOG_INFO, "launching bundled app '%s'", a->app_name);
    start_app(a);
  }
  if (a->reload_at && qk_app_now(a) >= a->reload_at) {
    a->reload_at = 0;
    qk_log_write(a->log, QK_LOG_INFO, "scripts changed: restarting '%s'", a->app_name);
    start_app(a);
  }
  if (a->restart_pending) start_app(a);
  if (a->state == STATE_ERROR && qk_app_now(a) >= a->error_until) start_app(a);
  if (a->state == STATE_NO_STORE && qk_app_now(a) >= a->error_until) {
    if (store_back(a)) start_app(a);
    else a->error_until = qk_app_now(a) + STORE_RETRY_MS;
  }
}

/* ---- drawing ---- */

static void draw_error_screen(qk_app *a) {
  int no_store = a->state == STATE_NO_STORE;
  /* In full-screen kiosk mode the public is in front of it: a calm word and
  ** no traceback (the log has it, and a windowed run shows it to staff). */
  int calm = a->opt.fullscreen && !no_store;
  const char *title = no_store ? "无法保存结果 · Results cannot be saved"
                      : calm   ? "请稍候 · One moment, please"
                               : "脚本出错 · Script error";
  const char *message = calm ? "出了点小问题，马上重新开始。需要帮助请联系工作人员。\n"
                               "Something went wrong; starting again in a moment. Please ask staff if you need help."
                             : a->error;
  const qk_view *v = qk_draw_view(a->draw);
  qk_color bg = {32, 22, 24, 255}, band = {190, 40, 40, 255}, white = {255, 255, 255, 255};
  if (calm) bg = (qk_color){24, 32, 48, 255}, band = (qk_color){90, 120, 180, 255};
  qk_color soft = {255, 214, 214, 255}, grey = {190, 190, 196, 255};
  float pad = 32, w = v->lw - 2 * pad, tw, th, y = pad;
  qk_draw_clear(a->draw, bg);
  qk_draw_rect(a->draw, 0, 0, v->lw, 12, band, 0, 0);
  qk_text_opts o = {.size = 34, .bold = 1, .width = w};
  if (qk_draw_text(a->draw, title, strlen(title), &o, pad, y + 20, white, &tw, &th) != 0)
    return; /* no font: the red band still tells something is wrong; the log has the text */
  y += 20 + th + 16;
  /* First line of the message large, the traceback below it small. */
  const char *nl = calm ? NULL : strchr(message, '\n');
  size_t first = nl ? (size_t)(nl - message) : strlen(message);
  o = (qk_text_opts){.size = 24, .width = w, .max_lines = 4};
  qk_draw_text(a->draw, message, first, &o, pad, y, calm ? white : soft, &tw, &th);
  y += th + 20;
  uint64_t now = qk_app_now(a);
  int secs = a->error_until > now ? (int)((a->error_until - now + 999) / 1000) : 0;
  char footer[400];
  if (no_store)
    snprintf(footer, sizeof footer,
             "请联系工作人员。已保存的答案不会丢失，恢复后自动继续（%d 秒后重试）\n"
             "Please call staff. Saved answers are safe; the test goes on once storage works (retry in %d s)",
             secs, secs);
  else
    snprintf(footer, sizeof footer, "轻触屏幕重新开始（%d 秒后自动重新开始）· Tap to restart (automatically in %d s)", secs, secs);
  qk_text_opts fo = {.size = 22, .width = w, .align = QK_ALIGN_CENTER};
  float fw, fh;
  qk_draw_measure(a->draw, footer, strlen(footer), &fo, &fw, &fh, NULL);
  float footer_y = v->lh - pad - fh;
  if (nl) {
    qk_text_opts to = {.size = 17, .width = w};
    float room = footer_y - 16 - y;
    float line_h;
    qk_draw_measure(a->draw, "Ag", 2, &to, &fw, &line_h, NULL);
    to.max_lines = line_h > 0 ? (int)(room / line_h) : 1;
    if (to.max_lines > 0) qk_draw_text(a->draw, nl + 1, strlen(nl + 1), &to, pad, y, grey, &tw, &th);
  }
  qk_draw_text(a->draw, footer, strlen(footer), &fo, pad, footer_y, white, &tw, &th);
  qk_draw_element(a->draw, "Tap to restart", 0, 0, v->lw, v->lh);
}

/* Draws one frame; shot (may be NULL) receives a PNG of it. Returns 0, or -1
** when the screenshot failed. */
static int render(qk_app *a, const char *shot, char *err, size_t errlen) {
  a->frame_no++;
  qk_draw_begin(a->draw);
  if (a->state == STATE_RUNNING && a->host) {
    qk_draw_clear(a->draw, (qk_color){255, 255, 255, 255});
    batch_open(a);
    checked(a, qk_host_draw(a->host));
    if (a->state == STATE_ERROR) qk_draw_begin(a->draw); /* drop the half-drawn frame's record */
  }
  if (a->state != STATE_RUNNING) draw_error_screen(a);
  int rc = 0;
  qk_draw_end(a->draw); /* draws what changed since the last frame */
  if (shot) rc = qk_plat_screenshot(a->plat, shot, err, errlen);
  qk_draw_present(a->draw);
  int slot = (int)(a->frame_no % PRESENT_RING);
  a->present_frame[slot] = a->frame_no;
  a->present_time[slot] = qk_app_now(a);
  a->dirty = 0;
  if (a->frame_no == 1 && a->bench) { /* bench/startup waits for this line */
    printf("first-frame\n");
    fflush(stdout);
  }
  return rc;
}

/* ---- input ---- */

static const char *event_name(qk_event_type t) {
  switch (t) {
  case QK_EV_PRESS: return "press";
  case QK_EV_MOVE: return "move";
  case QK_EV_RELEASE: return "release";
  case QK_EV_WHEEL: return "wheel";
  case QK_EV_KEY: return "key";
  case QK_EV_TEXT: return "text";
  case QK_EV_EDIT: return "edit";
  case QK_EV_RESIZE: return "resize";
  default: return NULL;
  }
}

static void handle_event(qk_app *a, const qk_event *ev) {
  switch (ev->type) {
  case QK_EV_STOP: /* systemctl stop, the supervisor, Ctrl+C: a clean exit (the store closes) */
    qk_log_write(a->log, QK_LOG_INFO, "stop requested by a signal");
    a->quit = 1;
    return;
  case QK_EV_QUIT:
    if (a->opt.fullscreen) qk_log_write(a->log, QK_LOG_WARN, "quit request ignored (kiosk mode: use the admin screen)");
    else a->quit = 1;
    return;
  case QK_EV_RELOAD:
    a->reload_at = qk_app_now(a) + RELOAD_DEBOUNCE_MS;
    return;
  case QK_EV_EXPOSE:
  case QK_EV_WAKE:
    a->dirty = 1;
    return;
  case QK_EV_RESIZE:
    qk_draw_update_view(a->draw);
    qk_text_flush(a->text); /* new scale: new pixel sizes */
    a->dirty = 1;
    break;
  case QK_EV_KEY:
    if (!a->opt.fullscreen && strcmp(ev->key, "F5") == 0) {
      a->reload_at = qk_app_now(a);
      return;
    }
    break;
  default: break;
  }
  /* The hidden way to the staff screen: hold the top-left corner. It works
  ** on the error screens too, so staff can always get in. */
  if (ev->type == QK_EV_PRESS || ev->type == QK_EV_MOVE || ev->type == QK_EV_RELEASE) {
    float s = qk_draw_view(a->draw)->scale;
    int in_corner = ev->x / s < ADMIN_CORNER && ev->y / s < ADMIN_CORNER;
    if (ev->type == QK_EV_PRESS && in_corner) a->corner_since = qk_app_now(a);
    else if (ev->type == QK_EV_RELEASE || !in_corner) a->corner_since = 0;
  }
  if (ev->type == QK_EV_PRESS) a->pointers_down++;
  if (ev->type == QK_EV_RELEASE && a->pointers_down > 0) a->pointers_down--;
  if (ev->type == QK_EV_PRESS || ev->type == QK_EV_RELEASE || ev->type == QK_EV_KEY || ev->type == QK_EV_TEXT ||
      ev->type == QK_EV_EDIT || ev->type == QK_EV_WHEEL || (ev->type == QK_EV_MOVE && a->pointers_down > 0))
    a->dirty = 1;

  if (a->state != STATE_RUNNING) {
    if (ev->type == QK_EV_RELEASE || (ev->type == QK_EV_KEY && !ev->repeat)) a->error_until = qk_app_now(a);
    return;
  }
  const char *name = event_name(ev->type);
  if (!name || !a->host) return;
  float s = qk_draw_view(a->draw)->scale;
  qk_host_input he = {
    .type = name, .pointer = ev->pointer, .t = ev->time_ms, .mods = ev->mods,
    .key = ev->type == QK_EV_KEY ? ev->key : NULL,
    .text = (ev->type == QK_EV_TEXT || ev->type == QK_EV_EDIT) ? ev->text : NULL,
  };
  if (ev->type == QK_EV_WHEEL) {
    he.x = ev->x;
    he.y = ev->y;
  } else if (ev->type == QK_EV_RESIZE) {
    he.x = qk_draw_view(a->draw)->lw;
    he.y = qk_draw_view(a->draw)->lh;
  } else {
    he.x = ev->x / s;
    he.y = ev->y / s;
  }
  batch_open(a);
  checked(a, qk_host_event(a->host, &he));
}

/* Timers, animation frames and the error screen's clock. */
static void tick(qk_app *a) {
  uint64_t now = qk_app_now(a);
  if (a->corner_since && now >= a->corner_since + ADMIN_HOLD_MS) {
    a->corner_since = 0;
    if (a->store) open_admin(a);
  }
  if (a->state == STATE_RUNNING && a->host && qk_host_next_timer(a->host) <= now) {
    batch_open(a);
    checked(a, qk_host_run_timers(a->host, now));
    a->dirty = 1;
  }
  if (a->state == STATE_RUNNING && a->host && a->animate_until > a->last_update) {
    double dt = (double)(now - a->last_update);
    a->last_update = now;
    if (dt > 0 || a->animate_until > now) {
      batch_open(a);
      checked(a, qk_host_update(a->host, dt));
      a->dirty = 1;
    }
  }
  apply_pending(a);
}

/* Frame pacing: an animation frame is due FRAME_MS after the last one was
** stepped (tick() sets last_update), not FRAME_MS after the frame's drawing
** ended; drawing time added to the interval made 16 ms of work a 32 ms
** frame. A frame that ran late is due at once. */
static uint64_t next_animation_frame(const qk_app *a, uint64_t now) {
  uint64_t due = a->last_update + FRAME_MS;
  return due > now ? due : now;
}

/* Milliseconds until something is due; -1 = nothing (sleep until input). */
static int64_t next_deadline(qk_app *a) {
  uint64_t now = qk_app_now(a), next = UINT64_MAX;
  if (a->state == STATE_RUNNING && a->host) {
    uint64_t t = qk_host_next_timer(a->host);
    if (t < next) next = t;
    if (a->animate_until > now) {
      uint64_t f = next_animation_frame(a, now);
      if (f < next) next = f;
    }
  }
  if (a->state != STATE_RUNNING) {
    /* The countdown on the error screen changes each second. */
    uint64_t t = a->error_until < now + 1000 ? a->error_until : now + 1000 - (now - a->error_until % 1000) % 1000;
    if (t < next) next = t;
  }
  if (a->reload_at && a->reload_at < next) next = a->reload_at;
  if (a->corner_since && a->corner_since + ADMIN_HOLD_MS < next) next = a->corner_since + ADMIN_HOLD_MS;
  if (next == UINT64_MAX) return -1;
  return next > now ? (int64_t)(next - now) : 0;
}

static void run_interactive(qk_app *a) {
  while (!a->quit) {
    if (a->dirty) {
      char err[256];
      if (render(a, NULL, err, sizeof err) != 0) qk_log_write(a->log, QK_LOG_WARN, "%s", err);
    }
    qk_watchdog_kick(a->opt.watchdog); /* watchdog: the loop came round (the first kick, after the first frame, is READY=1) */
    int64_t wait = next_deadline(a);
    qk_event ev;
    int timeout = wait < 0 ? -1 : wait > 60000 ? 60000 : (int)wait;
    timeout = qk_watchdog_cap_wait(a->opt.watchdog, timeout); /* watchdog: an idle kiosk still kicks */
    if (qk_plat_wait_event(a->plat, timeout, &ev)) {
      handle_event(a, &ev);
      /* Take everything already queued before drawing once. */
      while (!a->quit && qk_plat_wait_event(a->plat, 0, &ev)) handle_event(a, &ev);
    }
    tick(a);
    if (a->state != STATE_RUNNING) a->dirty = 1; /* keep the countdown current */
  }
}

/* ---- replay ---- */

typedef struct {
  qk_app *a;
  const char *file;
  char msg[4096];
} replayer;

/* Lets the virtual clock run to target, stopping at every deadline. */
#define WAIT_FRAME_MS 10000

/* A tool asked for a picture of the screen as it is now. */
static void save_pending_shot(qk_app *a) {
  char path[4400], err[512];
  snprintf(path, sizeof path, "%s/%s.png", a->opt.shots_dir, a->shot_pending);
  a->shot_pending[0] = 0;
  if (render(a, path, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk: %s\n", err);
    qk_app_tool_done(a, 1);
  }
}

static void advance_to(qk_app *a, uint64_t target) {
  for (int guard = 0; guard < 10000000 && !a->quit; guard++) {
    qk_watchdog_kick(a->opt.watchdog); /* watchdog: long virtual waits are not a stall */
    int64_t wait = next_deadline(a);
    uint64_t next = wait < 0 ? target : a->vnow + (uint64_t)wait;
    if (next > target) next = target;
    if (next < a->vnow) next = a->vnow;
    int animating = a->animate_until > a->vnow;
    a->vnow = next;
    tick(a);
    /* A new screen is presented at once, so the time recorded for it
    ** (presented_at, fair answer timing) is right. Other changes inside a
    ** wait — a countdown ticking, an animation — are drawn at most every
    ** WAIT_FRAME_MS of virtual time and at the end: a wait of an hour costs
    ** a few hundred frames, not thousands. */
    if (a->shot_pending[0]) save_pending_shot(a);
    if (a->dirty && ((a->new_screen && !animating) || a->vnow >= a->last_wait_frame + WAIT_FRAME_MS)) {
      char err[256];
      render(a, NULL, err, sizeof err);
      a->new_screen = 0;
      a->last_wait_frame = a->vnow;
    }
    if (a->vnow >= target) break;
  }
}

static void settle(qk_app *a) {
  advance_to(a, a->vnow);
  if (a->dirty) {
    char err[256];
    render(a, NULL, err, sizeof err);
    a->new_screen = 0;
  }
}

static void send_pointer(qk_app *a, qk_event_type type, float lx, float ly) {
  float s = qk_draw_view(a->draw)->scale;
  qk_event ev = {.type = type, .time_ms = a->vnow, .x = lx * s, .y = ly * s, .pointer = 1};
  handle_event(a, &ev);
  settle(a);
}

static int replay_tap_at(qk_app *a, float x, float y) {
  send_pointer(a, QK_EV_PRESS, x, y);
  advance_to(a, a->vnow + 50); /* a finger rests ~50 ms on the glass */
  send_pointer(a, QK_EV_RELEASE, x, y);
  return 0;
}

static int replay_drag(qk_app *a, float x1, float y1, float x2, float y2, int ms) {
  send_pointer(a, QK_EV_PRESS, x1, y1);
  int steps = ms / FRAME_MS;
  if (steps < 1) steps = 1;
  uint64_t t0 = a->vnow;
  for (int i = 1; i <= steps; i++) {
    advance_to(a, t0 + (uint64_t)ms * (uint64_t)i / (uint64_t)steps);
    float f = (float)i / (float)steps;
    send_pointer(a, QK_EV_MOVE, x1 + (x2 - x1) * f, y1 + (y2 - y1) * f);
  }
  send_pointer(a, QK_EV_RELEASE, x2, y2);
  return 0;
}

/* The one visible element labelled label, or -1 with the reason in r->msg. */
static int find_one(replayer *r, const char *label, qk_element *el) {
  qk_app *a = r->a;
  int n = qk_draw_find_element(a->draw, label, el);
  if (n == 1) return 0;
  if (n > 1) {
    snprintf(r->msg, sizeof r->msg, "%d interactive elements are labelled \"%s\"", n, label);
    return -1;
  }
  char seen[2048] = "";
  size_t used = 0;
  for (int i = 0; i < qk_draw_element_count(a->draw) && used + 80 < sizeof seen; i++) {
    int k = snprintf(seen + used, sizeof seen - used, "%s\"%s\"", i ? ", " : "", qk_draw_element_at(a->draw, i)->label);
    if (k > 0) used += (size_t)k;
  }
  snprintf(r->msg, sizeof r->msg, "no interactive element labelled \"%s\" (tappable now: %s)", label, seen);
  return -1;
}

/* Under ASan malloc is the sanitizer's, which glibc's mallinfo2 never sees:
** its own counter is asked instead (a weak reference, NULL in a plain build). */
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

/* "memory LABEL: vms N lua B heap B rss B" on stdout, for soak tests: the
** Lua heap of the current VM, the bytes malloc has handed out and not got
** back (in use, plus the large blocks it mmaps), and the resident set. */
static void print_memory(qk_app *a, const char *label) {
  size_t heap;
  if (__sanitizer_get_current_allocated_bytes) {
    heap = __sanitizer_get_current_allocated_bytes();
  } else {
    struct mallinfo2 mi = mallinfo2();
    heap = mi.uordblks + mi.hblkhd;
  }
  long pages = 0, rss = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
    fclose(f);
  }
  printf("memory %s: vms %u lua %zu heap %zu rss %ld\n", label ? label : "-", a->restarts,
         a->host ? qk_host_memory(a->host) : 0, heap, rss * sysconf(_SC_PAGESIZE));
  fflush(stdout);
}

static int run_command(replayer *r, const qk_replay_cmd *c, const char *shots_dir) {
  qk_app *a = r->a;
  settle(a);
  switch (c->kind) {
  case QK_RP_TAP_LABEL: {
    qk_element el;
    if (find_one(r, c->text, &el) != 0) return -1;
    return replay_tap_at(a, el.x + el.w / 2, el.y + el.h / 2);
  }
  case QK_RP_DRAG_FROM: {
    qk_element el;
    if (find_one(r, c->text, &el) != 0) return -1;
    float x = el.x + el.w / 2, y = el.y + el.h / 2;
    return replay_drag(a, x, y, x + c->x2, y + c->y2, c->ms);
  }
  case QK_RP_TAP_AT: return replay_tap_at(a, c->x1, c->y1);
  case QK_RP_PRESS: send_pointer(a, QK_EV_PRESS, c->x1, c->y1); return 0;
  case QK_RP_RELEASE: send_pointer(a, QK_EV_RELEASE, c->x1, c->y1); return 0;
  case QK_RP_DRAG: return replay_drag(a, c->x1, c->y1, c->x2, c->y2, c->ms);
  case QK_RP_KEY: {
    qk_event ev = {.type = QK_EV_KEY, .time_ms = a->vnow};
    snprintf(ev.key, sizeof ev.key, "%s", c->text);
    handle_event(a, &ev);
    return 0;
  }
  case QK_RP_TYPE: {
    /* One text event per character, as a keyboard would send them. */
    const char *s = c->text;
    while (*s) {
      size_t i = 0;
      qk_utf8_next(s, strlen(s), &i);
      qk_event ev = {.type = QK_EV_TEXT, .time_ms = a->vnow};
      memcpy(ev.text, s, i);
      handle_event(a, &ev);
      settle(a);
      s += i;
    }
    return 0;
  }
  case QK_RP_WAIT: advance_to(a, a->vnow + (uint64_t)c->ms); return 0;
  case QK_RP_MEMORY: print_memory(a, c->text); return 0;
  case QK_RP_CRASH:
    /* As sudden as a pulled power cord: no cleanup, no flush, no exit path. */
    fflush(stdout);
    raise(SIGKILL);
    return -1;
  case QK_RP_HANG: /* watchdog tests: stuck in C for good, as in Lua's pattern matcher */
    for (;;) pause();
  case QK_RP_RESTART_POINT: return 0; /* where a restarted kiosk's replay starts (run_replay) */
  case QK_RP_HOLD: {
    /* Tests: stop here in real time until the file exists, so a test script
    ** can break something (fill the disk, move the database) at an exact
    ** point of the replay. The loop keeps the watchdog fed: a hold is not a
    ** stall. */
    printf("hold: waiting for %s\n", c->text);
    fflush(stdout);
    for (int tick = 0; !qk_is_file(c->text); tick++) {
      if (tick >= 6000) {
        snprintf(r->msg, sizeof r->msg, "hold: %s did not appear within 2 minutes", c->text);
        return -1;
      }
      qk_watchdog_kick(a->opt.watchdog);
      struct timespec ts = {0, 20 * 1000000L};
      nanosleep(&ts, NULL);
    }
    return 0;
  }
  case QK_RP_EXPECT:
  case QK_RP_EXPECT_NOT: {
    render(a, NULL, r->msg, sizeof r->msg); /* what is on screen right now */
    int seen = qk_draw_text_visible(a->draw, c->text);
    if (seen == (c->kind == QK_RP_EXPECT)) return 0;
    char texts[3000];
    qk_draw_describe(a->draw, texts, sizeof texts);
    snprintf(r->msg, sizeof r->msg, "%s \"%s\" %s (on screen: %s)", c->kind == QK_RP_EXPECT ? "expect" : "expect-not",
             c->text, c->kind == QK_RP_EXPECT ? "is not visible" : "is visible", texts);
    return -1;
  }
  case QK_RP_SHOT: {
    if (!shots_dir) {
      snprintf(r->msg, sizeof r->msg, "shot: no --shots DIR given");
      return -1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.png", shots_dir, c->text);
    return render(a, path, r->msg, sizeof r->msg);
  }
  }
  return 0;
}

/* rescore / replay-session: the app's own scripts do the work on a virtual
** clock (a stored session of an hour replays in moments) until they say
** they are done. Virtual time is capped so a script that never finishes
** cannot hang a maintenance job. */
static int run_tool(qk_app *a) {
  if (a->opt.shots_dir && qk_mkdirs(a->opt.shots_dir, 0755) != 0) {
    fprintf(stderr, "quizkiosk: cannot create shots folder %s\n", a->opt.shots_dir);
    return 1;
  }
  if (a->state == STATE_NO_STORE) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, a->error);
    return 1;
  }
  const uint64_t limit = a->vnow + 24ull * 3600 * 1000;
  while (!a->tool_done && !a->quit && a->vnow < limit) {
    advance_to(a, a->vnow + 100);
    if (a->shot_pending[0]) save_pending_shot(a);
  }
  if (!a->tool_done && !a->quit) {
    fprintf(stderr, "quizkiosk %s: the app's scripts did not finish (a day of virtual time)\n", a->opt.tool);
    return 1;
  }
  return a->tool_failed ? 1 : 0;
}

static int run_replay(qk_app *a) {
  qk_replay rp;
  char err[1024];
  if (qk_replay_load(&rp, a->opt.replay_path, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk: %s\n", err);
    return 2;
  }
  if (a->opt.shots_dir && qk_mkdirs(a->opt.shots_dir, 0755) != 0) {
    fprintf(stderr, "quizkiosk: cannot create shots folder %s\n", a->opt.shots_dir);
    qk_replay_free(&rp);
    return 2;
  }
  replayer r = {a, a->opt.replay_path, ""};
  int rc = 0, i;
  int from = a->opt.crashed_at_ms ? qk_replay_after_restart_point(&rp) : 0; /* watchdog tests: a restarted kiosk */
  if (from < 0) {
    fprintf(stderr, "quizkiosk: %s: restarted after a crash, but the replay has no restart-point\n", a->opt.replay_path);
    qk_replay_free(&rp);
    return 2;
  }
  for (i = from; i < rp.n && !a->quit; i++) {
    if (run_command(&r, &rp.cmds[i], a->opt.shots_dir) != 0) {
      fprintf(stderr, "replay %s:%d: %s\n", a->opt.replay_path, rp.cmds[i].line, r.msg);
      rc = 1;
      break;
    }
    /* Keep the real event queue drained (headless has none; a window might). */
    qk_event ev;
    while (qk_plat_wait_event(a->plat, 0, &ev))
      if ((ev.type == QK_EV_QUIT && !a->opt.fullscreen) || ev.type == QK_EV_STOP) a->quit = 1;
  }
  /* The app quitting is only an end when nothing was left to check. */
  if (rc == 0 && i < rp.n && i > from) {
    fprintf(stderr, "replay %s:%d: the app quit after this command; %d command(s) after it were not run\n",
            a->opt.replay_path, rp.cmds[i - 1].line, rp.n - i);
    rc = 1;
  }
  if (rc == 0) printf("replay %s: %d commands, all held\n", a->opt.replay_path, rp.n);
  qk_replay_free(&rp);
  return rc;
}

/* ---- set-up ---- */

int qk_app_run(const qk_options *opt) {
  qk_app *a = calloc(1, sizeof *a);
  if (!a) {
    fprintf(stderr, "quizkiosk: out of memory\n");
    return 1;
  }
  int rc = 1;
  a->opt = *opt;
  if (a->opt.error_restart_ms <= 0) a->opt.error_restart_ms = 8000;
  a->virtual_clock = opt->replay_path != NULL || opt->tool != NULL;
  a->bench = opt->env.bench != NULL;
  a->wall_at_start = opt->env.wall_start_ms ? opt->env.wall_start_ms : real_wall_ms(); /* tests: a fixed date */
  a->vnow = 1000;
  /* The log lives beside the database, where HR's export and backups go. */
  char log_path[2100];
  snprintf(log_path, sizeof log_path, "%s", opt->db_path ? opt->db_path : "");
  char *slash = strrchr(log_path, '/');
  if (slash) snprintf(slash + 1, sizeof log_path - (size_t)(slash + 1 - log_path), "quizkiosk.log");
  a->log = qk_log_new(slash && !opt->replay_path && !opt->tool ? log_path : NULL);
  if (!a->log) goto done;
  if (opt->crashed_at_ms) /* watchdog: staff see it in the log file, which outlives the process */
    qk_log_write(a->log, QK_LOG_WARN, "started again: the previous kiosk froze or crashed %.1f s before", (double)(real_wall_ms() - opt->crashed_at_ms) / 1000);
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
  if (open_store(a) == 0) start_app(a);
  if (opt->tool) {
    rc = run_tool(a);
  } else if (opt->replay_path) {
    rc = run_replay(a);
  } else {
    run_interactive(a);
    rc = 0;
  }
done:
  if (a->host) qk_host_free(a->host);
  qk_store_close(a->store);
  qk_draw_free(a->draw);
  qk_text_free(a->text);
  qk_plat_close(a->plat);
  qk_log_free(a->log);
  free(a);
  return rc;
}
