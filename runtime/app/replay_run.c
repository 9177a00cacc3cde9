/*
** replay_run.c — the replay runner: executes a replay file's commands
** (replay.h) against the running app on the virtual clock — taps by label
** or by an option's letter, drags, keys, typed text, waits, checks of what
** is on screen, screenshots — and says which line failed and why.
*/
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app_int.h"
#include "audio.h"
#include "paths.h"
#include "replay.h"
#include "textlayout.h"
#include "watchdog.h"

typedef struct {
  qk_app *a;
  const char *file;
  char msg[4096];
} replayer;

static void send_pointer(qk_app *a, qk_event_type type, float lx, float ly) {
  float s = qk_draw_view(a->draw)->scale;
  qk_event ev = {.type = type, .time_ms = a->vnow, .x = lx * s, .y = ly * s, .pointer = 1};
  app_handle_event(a, &ev);
  app_settle(a);
}

static int replay_tap_at(qk_app *a, float x, float y) {
  send_pointer(a, QK_EV_PRESS, x, y);
  app_advance_to(a, a->vnow + 50); /* a finger rests ~50 ms on the glass */
  send_pointer(a, QK_EV_RELEASE, x, y);
  return 0;
}

static int replay_drag(qk_app *a, float x1, float y1, float x2, float y2, int ms) {
  send_pointer(a, QK_EV_PRESS, x1, y1);
  int steps = ms / FRAME_MS;
  if (steps < 1) steps = 1;
  uint64_t t0 = a->vnow;
  for (int i = 1; i <= steps; i++) {
    app_advance_to(a, t0 + (uint64_t)ms * (uint64_t)i / (uint64_t)steps);
    float f = (float)i / (float)steps;
    send_pointer(a, QK_EV_MOVE, x1 + (x2 - x1) * f, y1 + (y2 - y1) * f);
  }
  send_pointer(a, QK_EV_RELEASE, x2, y2);
  return 0;
}

/* An option's letter: "C" finds the element labelled "C. 降到地面" (or
** "C．…", "C、…", "C)…"), so a replay can answer by letter whatever the
** widget registered. Only tried when no element has the exact label. */
static int letter_of(const char *label, const char *letter) {
  size_t n = strlen(letter);
  if (n == 0 || n > 2 || strncmp(label, letter, n) != 0) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((letter[i] >= 'A' && letter[i] <= 'Z') || (letter[i] >= 'a' && letter[i] <= 'z') || (letter[i] >= '0' && letter[i] <= '9')))
      return 0;
  const char *rest = label + n;
  static const char *const marks[] = {".", ")", ":", "\xEF\xBC\x8E" /* ． */, "\xE3\x80\x81" /* 、 */, "\xEF\xBC\x9A" /* ： */};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (strncmp(rest, marks[i], strlen(marks[i])) == 0) return 1;
  return 0;
}

static int same_rect(const qk_element *x, const qk_element *y) {
  return x->x == y->x && x->y == y->y && x->w == y->w && x->h == y->h;
}

/* The one visible element labelled label (or, failing that, the one option
** whose label starts with the letter label), or -1 with the reason in r->msg. */
static int find_one(replayer *r, const char *label, qk_element *el) {
  qk_app *a = r->a;
  int n = qk_draw_find_element(a->draw, label, el);
  if (n == 1) return 0;
  if (n > 1) {
    snprintf(r->msg, sizeof r->msg, "%d interactive elements are labelled \"%s\"", n, label);
    return -1;
  }
  int found = 0;
  for (int i = 0; i < qk_draw_element_count(a->draw); i++) {
    const qk_element *e = qk_draw_element_at(a->draw, i);
    if (!letter_of(e->label, label) || (found && same_rect(e, el))) continue;
    if (found++) {
      snprintf(r->msg, sizeof r->msg, "more than one option has the letter \"%s\" (\"%s\" and \"%s\")", label, el->label,
               e->label);
      return -1;
    }
    *el = *e;
  }
  if (found == 1) return 0;
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
  app_settle(a);
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
  case QK_RP_MOVE: send_pointer(a, QK_EV_MOVE, c->x1, c->y1); return 0;
  case QK_RP_DRAG: return replay_drag(a, c->x1, c->y1, c->x2, c->y2, c->ms);
  case QK_RP_KEY: {
    qk_event ev = {.type = QK_EV_KEY, .time_ms = a->vnow};
    snprintf(ev.key, sizeof ev.key, "%s", c->text);
    app_handle_event(a, &ev);
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
      app_handle_event(a, &ev);
      app_settle(a);
      s += i;
    }
    return 0;
  }
  case QK_RP_WAIT: app_advance_to(a, a->vnow + (uint64_t)c->ms); return 0;
  case QK_RP_MEMORY: print_memory(a, c->text); return 0;
  case QK_RP_CRASH:
    /* As sudden as a pulled power cord: no cleanup, no flush, no exit path. */
    fflush(stdout);
    raise(SIGKILL);
    return -1;
  case QK_RP_HANG: /* watchdog tests: stuck in C for good, as in Lua's pattern matcher */
    for (;;) pause();
  case QK_RP_RESTART_POINT: return 0; /* where a restarted kiosk's replay starts (app_run_replay) */
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
    app_render(a, NULL, r->msg, sizeof r->msg); /* what is on screen right now */
    int seen = qk_draw_text_visible(a->draw, c->text);
    if (seen == (c->kind == QK_RP_EXPECT)) return 0;
    char texts[3000];
    qk_draw_describe(a->draw, texts, sizeof texts);
    snprintf(r->msg, sizeof r->msg, "%s \"%s\" %s (on screen: %s)", c->kind == QK_RP_EXPECT ? "expect" : "expect-not",
             c->text, c->kind == QK_RP_EXPECT ? "is not visible" : "is visible", texts);
    return -1;
  }
  case QK_RP_EXPECT_SOUND: {
    char played[1024];
    if (a->audio && qk_audio_take_played(a->audio, c->text, played, sizeof played)) return 0;
    snprintf(r->msg, sizeof r->msg, "expect_sound \"%s\": not played since the previous expect_sound (played: %s)",
             c->text, a->audio ? played : "nothing: no audio");
    return -1;
  }
  case QK_RP_SHOT: {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.png", shots_dir, c->text);
    return app_render(a, path, r->msg, sizeof r->msg);
  }
  }
  return 0;
}

/* Runs the commands in order; the first that fails ends the replay with
** its line and the reason. */
int app_run_replay(qk_app *a, const qk_replay *rp) {
  if (a->opt.shots_dir && qk_mkdirs(a->opt.shots_dir, 0755) != 0) {
    fprintf(stderr, "quizkiosk: cannot create shots folder %s\n", a->opt.shots_dir);
    return 2;
  }
  replayer r = {a, a->opt.replay_path, ""};
  int rc = 0, i;
  int from = a->opt.crashed_at_ms ? qk_replay_after_restart_point(rp) : 0; /* watchdog tests: a restarted kiosk */
  if (from < 0) {
    fprintf(stderr, "quizkiosk: %s: restarted after a crash, but the replay has no restart-point\n", a->opt.replay_path);
    return 2;
  }
  for (i = from; i < rp->n && !a->quit; i++) {
    if (run_command(&r, &rp->cmds[i], a->opt.shots_dir) != 0) {
      fprintf(stderr, "replay %s:%d: %s\n", a->opt.replay_path, rp->cmds[i].line, r.msg);
      rc = 1;
      break;
    }
    /* Keep the real event queue drained (headless has none; a window might). */
    qk_event ev;
    while (qk_plat_wait_event(a->plat, 0, &ev))
      if ((ev.type == QK_EV_QUIT && !a->opt.fullscreen) || ev.type == QK_EV_STOP) a->quit = 1;
  }
  /* The app quitting is only an end when nothing was left to check. */
  if (rc == 0 && i < rp->n && i > from) {
    fprintf(stderr, "replay %s:%d: the app quit after this command; %d command(s) after it were not run\n",
            a->opt.replay_path, rp->cmds[i - 1].line, rp->n - i);
    rc = 1;
  }
  if (rc == 0) printf("replay %s: %d commands, all held\n", a->opt.replay_path, rp->n);
  return rc;
}
