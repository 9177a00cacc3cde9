/*
** draw_frame.c — see draw_frame.h. Two lists live here: the one being
** recorded and the last one run. Each command carries everything that
** decides its pixels (so equal commands draw equal pixels) plus the box it
** may touch; variable data (text, vertices, image names) sits in the
** list's byte pool and is compared by content.
*/
#include "draw_frame.h"
#include "env.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum { CMD_CLEAR, CMD_FILL, CMD_ROUNDED, CMD_ARC, CMD_TRIANGLES, CMD_TEXT, CMD_IMAGE } cmd_kind;

typedef struct {
  cmd_kind kind;
  qk_color c;
  qk_irect clip;     /* clip in force */
  qk_irect box;      /* the pixels it may touch, inside clip */
  float g[6];        /* geometry: FILL x y w h; ROUNDED x y w h radius line; ARC cx cy ro ri a0 a1;
                        TEXT x y; IMAGE x y w h */
  int n, m;          /* TRIANGLES: vertices, indices. TEXT: align */
  size_t off, len;   /* pool data: TRIANGLES xy then idx; TEXT the string; IMAGE the name */
  size_t family_off; /* TEXT: family name in the pool, or SIZE_MAX for the default */
  int bold, px, max_width, max_lines;
  qk_texture *tex;   /* IMAGE (NULL once forgotten) */
} cmd;

typedef struct {
  cmd *v;
  int n, cap;
  char *pool;
  size_t used, pool_cap;
} cmd_list;

struct qk_frame {
  qk_platform *plat;
  qk_text *text;
  cmd_list lists[2];
  int cur;            /* lists[cur] is being recorded, lists[!cur] was run last */
  int sw, sh;         /* screen */
  int whole;          /* the next run draws everything */
  int always_whole;
  int have_last;      /* lists[!cur] was run on this screen */
  qk_irect damage[QK_FRAME_MAX_DAMAGE];
  int ndamage;
  int bench;          /* QUIZKIOSK_BENCH=frames|whole: one line of cost per frame */
  double cpu_start, cpu_run;  /* when the frame began, when its list began to run */
  qk_frame_stats stats;
};

static double thread_cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

qk_frame *qk_frame_new(qk_platform *p, qk_text *t) {
  qk_frame *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  f->plat = p;
  f->text = t;
  f->whole = 1;
  /* bench/frames reads these lines; see bench/README.md and env.h. */
  const char *b = qk_env_get()->bench;
  if (b && (strcmp(b, "frames") == 0 || strcmp(b, "whole") == 0)) {
    f->bench = 1;
    f->always_whole = strcmp(b, "whole") == 0;
  }
  return f;
}

void qk_frame_free(qk_frame *f) {
  if (!f) return;
  for (int i = 0; i < 2; i++) {
    free(f->lists[i].v);
    free(f->lists[i].pool);
  }
  free(f);
}

void qk_frame_set_screen(qk_frame *f, int w, int h) {
  if (w != f->sw || h != f->sh) f->whole = 1;
  f->sw = w;
  f->sh = h;
}

void qk_frame_forget_images(qk_frame *f) {
  for (int l = 0; l < 2; l++)
    for (int i = 0; i < f->lists[l].n; i++)
      if (f->lists[l].v[i].kind == CMD_IMAGE) f->lists[l].v[i].tex = NULL;
  f->whole = 1;
}

void qk_frame_always_whole(qk_frame *f, int on) { f->always_whole = on; }

void qk_frame_stats_get(const qk_frame *f, qk_frame_stats *out) { *out = f->stats; }

static void empty_list(qk_frame *f) {
  cmd_list *l = &f->lists[f->cur];
  l->n = 0;
  l->used = 0;
}

void qk_frame_begin(qk_frame *f) {
  empty_list(f);
  if (f->bench) f->cpu_start = thread_cpu_ms();
}

/* ---- recording ---- */

static qk_irect intersect(qk_irect a, qk_irect b) {
  int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
  int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
  return (qk_irect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

static int empty(qk_irect r) { return r.w <= 0 || r.h <= 0; }

/* The whole pixels a float box touches, grown by pad on each side. */
static qk_irect box_of(float x, float y, float w, float h, int pad) {
  int x0 = (int)floorf(x) - pad, y0 = (int)floorf(y) - pad;
  int x1 = (int)ceilf(x + w) + pad, y1 = (int)ceilf(y + h) + pad;
  return (qk_irect){x0, y0, x1 - x0, y1 - y0};
}

/* Appends bytes to the recording list's pool (8-byte aligned); SIZE_MAX
** when out of memory. */
static size_t pool_add(qk_frame *f, const void *data, size_t len) {
  cmd_list *l = &f->lists[f->cur];
  size_t at = (l->used + 7) & ~(size_t)7;
  if (at + len > l->pool_cap) {
    size_t cap = l->pool_cap ? l->pool_cap : 4096;
    while (cap < at + len) cap *= 2;
    char *p = realloc(l->pool, cap);
    if (!p) return SIZE_MAX;
    l->pool = p;
    l->pool_cap = cap;
  }
  memset(l->pool + l->used, 0, at - l->used); /* padding too: pools are compared bytewise */
  if (len) memcpy(l->pool + at, data, len);
  l->used = at + len;
  return at;
}

/* A new command (zeroed, so equal commands compare equal field by field),
** or NULL when out of memory: then the frame is drawn whole, without it. */
static cmd *push(qk_frame *f, cmd_kind kind, qk_irect clip, qk_irect box, qk_color c) {
  cmd_list *l = &f->lists[f->cur];
  if (l->n == l->cap) {
    int cap = l->cap ? l->cap * 2 : 256;
    cmd *v = realloc(l->v, (size_t)cap * sizeof *v);
    if (!v) {
      f->whole = 1;
      return NULL;
    }
    l->v = v;
    l->cap = cap;
  }
  cmd *k = &l->v[l->n++];
  memset(k, 0, sizeof *k);
  k->kind = kind;
  k->c = c;
  k->clip = clip;
  k->box = intersect(box, clip);
  k->family_off = SIZE_MAX;
  return k;
}

static qk_irect screen(const qk_frame *f) { return (qk_irect){0, 0, f->sw, f->sh}; }

void qk_frame_clear(qk_frame *f, qk_color c) {
  /* Nothing drawn before a clear shows: drop it (the runtime clears, then
  ** the app clears to its own background — one full-screen fill, not two). */
  if (c.a == 255) empty_list(f);
  push(f, CMD_CLEAR, screen(f), screen(f), c);
}

void qk_frame_fill(qk_frame *f, qk_irect clip, float x, float y, float w, float h, qk_color c) {
  if (w <= 0 || h <= 0 || c.a == 0) return;
  cmd *k = push(f, CMD_FILL, clip, box_of(x, y, w, h, 0), c);
  if (!k) return;
  k->g[0] = x, k->g[1] = y, k->g[2] = w, k->g[3] = h;
}

void qk_frame_rounded(qk_frame *f, qk_irect clip, int x, int y, int w, int h, int radius, int line_width, qk_color c) {
  if (w <= 0 || h <= 0 || c.a == 0) return;
  cmd *k = push(f, CMD_ROUNDED, clip, (qk_irect){x, y, w, h}, c);
  if (!k) return;
  k->g[0] = (float)x, k->g[1] = (float)y, k->g[2] = (float)w, k->g[3] = (float)h;
  k->g[4] = (float)radius, k->g[5] = (float)line_width;
}

void qk_frame_arc(qk_frame *f, qk_irect clip, float cx, float cy, float ro, float ri, float a0, float a1, qk_color c) {
  if (ro <= 0 || c.a == 0 || a0 == a1) return;
  cmd *k = push(f, CMD_ARC, clip, box_of(cx - ro, cy - ro, 2 * ro, 2 * ro, 2), c);
  if (!k) return;
  float g[6] = {cx, cy, ro, ri, a0, a1};
  memcpy(k->g, g, sizeof g);
}

void qk_frame_triangles(qk_frame *f, qk_irect clip, const float *xy, int n, const int *idx, int m, qk_color c) {
  if (n <= 0 || m <= 0 || c.a == 0) return;
  float x0 = xy[0], y0 = xy[1], x1 = xy[0], y1 = xy[1];
  for (int i = 1; i < n; i++) {
    x0 = fminf(x0, xy[2 * i]), x1 = fmaxf(x1, xy[2 * i]);
    y0 = fminf(y0, xy[2 * i + 1]), y1 = fmaxf(y1, xy[2 * i + 1]);
  }
  size_t a = pool_add(f, xy, (size_t)n * 2 * sizeof *xy);
  size_t b = a == SIZE_MAX ? SIZE_MAX : pool_add(f, idx, (size_t)m * sizeof *idx);
  if (b == SIZE_MAX) {
    f->whole = 1;
    return;
  }
  cmd *k = push(f, CMD_TRIANGLES, clip, box_of(x0, y0, x1 - x0, y1 - y0, 1), c);
  if (!k) return;
  k->n = n, k->m = m, k->off = a, k->len = b - a;
}

void qk_frame_text(qk_frame *f, qk_irect clip, const char *s, size_t len, const qk_text_style *st, float x, float y,
                   int align, qk_color c, int width, int height) {
  if (len == 0 || c.a == 0) return;
  size_t at = pool_add(f, s, len), fam = SIZE_MAX;
  if (at != SIZE_MAX && st->family) fam = pool_add(f, st->family, strlen(st->family) + 1);
  if (at == SIZE_MAX || (st->family && fam == SIZE_MAX)) {
    f->whole = 1;
    return;
  }
  int bw = st->max_width > 0 && st->max_width > width ? st->max_width : width;
  /* Glyphs may reach past the laid-out box (overhangs, fallback faces'
  ** ascents): a margin of half the size all round. */
  cmd *k = push(f, CMD_TEXT, clip, box_of(x, y, (float)bw, (float)height, st->px / 2 + 2), c);
  if (!k) return;
  k->g[0] = x, k->g[1] = y;
  k->n = align;
  k->off = at, k->len = len, k->family_off = fam;
  k->bold = st->bold, k->px = st->px, k->max_width = st->max_width, k->max_lines = st->max_lines;
}

void qk_frame_image(qk_frame *f, qk_irect clip, qk_texture *tex, const char *name, float x, float y, float w,
                    float h, qk_color tint) {
  if (!tex || w <= 0 || h <= 0 || tint.a == 0) return;
  size_t at = pool_add(f, name, strlen(name) + 1);
  if (at == SIZE_MAX) {
    f->whole = 1;
    return;
  }
  cmd *k = push(f, CMD_IMAGE, clip, box_of(x, y, w, h, 1), tint);
  if (!k) return;
  k->g[0] = x, k->g[1] = y, k->g[2] = w, k->g[3] = h;
  k->tex = tex;
  k->off = at, k->len = strlen(name);
}

/* ---- comparing ---- */

static int same_rect(qk_irect a, qk_irect b) { return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h; }

static int same_pool(const cmd_list *la, size_t oa, const cmd_list *lb, size_t ob, size_t len) {
  return memcmp(la->pool + oa, lb->pool + ob, len) == 0;
}

static int same_cmd(const cmd_list *la, const cmd *a, const cmd_list *lb, const cmd *b) {
  if (a->kind != b->kind || memcmp(&a->c, &b->c, sizeof a->c) != 0 || !same_rect(a->clip, b->clip) ||
      !same_rect(a->box, b->box) || memcmp(a->g, b->g, sizeof a->g) != 0 || a->n != b->n || a->m != b->m ||
      a->len != b->len)
    return 0;
  switch (a->kind) {
  case CMD_TRIANGLES: return same_pool(la, a->off, lb, b->off, a->len + (size_t)a->m * sizeof(int));
  case CMD_TEXT:
    if (a->bold != b->bold || a->px != b->px || a->max_width != b->max_width || a->max_lines != b->max_lines) return 0;
    if ((a->family_off == SIZE_MAX) != (b->family_off == SIZE_MAX)) return 0;
    if (a->family_off != SIZE_MAX && strcmp(la->pool + a->family_off, lb->pool + b->family_off) != 0) return 0;
    return same_pool(la, a->off, lb, b->off, a->len);
  case CMD_IMAGE: return a->tex == b->tex && same_pool(la, a->off, lb, b->off, a->len);
  default: return 1;
  }
}

static long area(qk_irect r) { return empty(r) ? 0 : (long)r.w * r.h; }

static qk_irect bound(qk_irect a, qk_irect b) {
  if (empty(a)) return b;
  if (empty(b)) return a;
  int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
  int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
  return (qk_irect){x0, y0, x1 - x0, y1 - y0};
}

/* Adds r to the damage, merging rectangles that overlap or whose bound
** costs little more than the two apart, and past QK_FRAME_MAX_DAMAGE the
** pair whose bound grows least. */
static void add_damage(qk_frame *f, qk_irect r) {
  r = intersect(r, screen(f));
  if (empty(r)) return;
  for (int i = 0; i < f->ndamage; i++) {
    qk_irect u = bound(f->damage[i], r);
    if (!empty(intersect(f->damage[i], r)) || area(u) <= area(f->damage[i]) + area(r) + 4096) {
      r = u;
      f->damage[i] = f->damage[--f->ndamage];
      i = -1; /* the bigger rectangle may now meet others: look again */
    }
  }
  if (f->ndamage < QK_FRAME_MAX_DAMAGE) {
    f->damage[f->ndamage++] = r;
    return;
  }
  int best = 0;
  long grow = -1;
  for (int i = 0; i < f->ndamage; i++) {
    long g = area(bound(f->damage[i], r)) - area(f->damage[i]);
    if (grow < 0 || g < grow) best = i, grow = g;
  }
  f->damage[best] = bound(f->damage[best], r);
}

/* Where this frame's list differs from the last one's: the commands after
** the common beginning and before the common end; where both middles are
** as long, only the pairs that differ. Each damaged command damages its
** old box and its new one. */
static void find_damage(qk_frame *f) {
  const cmd_list *now = &f->lists[f->cur], *last = &f->lists[!f->cur];
  int n = now->n, o = last->n, pre = 0, suf = 0;
  while (pre < n && pre < o && same_cmd(now, &now->v[pre], last, &last->v[pre])) pre++;
  while (suf < n - pre && suf < o - pre && same_cmd(now, &now->v[n - 1 - suf], last, &last->v[o - 1 - suf])) suf++;
  if (n - pre - suf == o - pre - suf) {
    for (int i = pre; i < n - suf; i++)
      if (!same_cmd(now, &now->v[i], last, &last->v[i])) {
        add_damage(f, now->v[i].box);
        add_damage(f, last->v[i].box);
      }
    return;
  }
  for (int i = pre; i < n - suf; i++) add_damage(f, now->v[i].box);
  for (int i = pre; i < o - suf; i++) add_damage(f, last->v[i].box);
}

/* ---- running ---- */

static void run_cmd(qk_frame *f, const cmd_list *l, const cmd *k, qk_irect visible) {
  switch (k->kind) {
  case CMD_CLEAR: qk_plat_clear(f->plat, k->c); break;
  case CMD_FILL: qk_plat_fill_rect(f->plat, k->g[0], k->g[1], k->g[2], k->g[3], k->c); break;
  case CMD_ROUNDED:
    qk_plat_rounded_rect(f->plat, (int)k->g[0], (int)k->g[1], (int)k->g[2], (int)k->g[3], (int)k->g[4], (int)k->g[5],
                         k->c);
    break;
  case CMD_ARC: qk_plat_arc(f->plat, k->g[0], k->g[1], k->g[2], k->g[3], k->g[4], k->g[5], k->c); break;
  case CMD_TRIANGLES:
    qk_plat_triangles(f->plat, (const float *)(const void *)(l->pool + k->off), k->n,
                      (const int *)(const void *)(l->pool + k->off + k->len), k->m, k->c);
    break;
  case CMD_TEXT: {
    qk_text_style st = {k->family_off == SIZE_MAX ? NULL : l->pool + k->family_off, k->bold, k->px, k->max_width,
                        k->max_lines};
    int vis[4] = {visible.x, visible.y, visible.w, visible.h};
    qk_text_draw_visible(f->text, l->pool + k->off, k->len, &st, k->g[0], k->g[1], k->n, k->c, vis);
    break;
  }
  case CMD_IMAGE:
    if (k->tex) qk_plat_texture_draw(f->plat, k->tex, k->g[0], k->g[1], k->g[2], k->g[3], k->c);
    break;
  }
}

/* Rasterises the text of the commands that touch the damage, grouped by
** style (family, weight, size), before anything is drawn: the text engine
** resizes one font per face for each size and every resize empties its
** glyph cache (text.h, qk_text_prepare_visible), so rendering in paint
** order loaded most glyphs again. Only for a frame with newly laid-out
** text; the styles beyond the first PREP_STYLES are left to drawing. */
#define PREP_STYLES 16
static int same_style(const cmd_list *l, const cmd *a, const cmd *b) {
  if (a->bold != b->bold || a->px != b->px || (a->family_off == SIZE_MAX) != (b->family_off == SIZE_MAX)) return 0;
  return a->family_off == SIZE_MAX || strcmp(l->pool + a->family_off, l->pool + b->family_off) == 0;
}

static qk_text_style style_of_cmd(const cmd_list *l, const cmd *k) {
  return (qk_text_style){k->family_off == SIZE_MAX ? NULL : l->pool + k->family_off, k->bold, k->px, k->max_width,
                         k->max_lines};
}

static void prepare_text(qk_frame *f) {
  const cmd_list *l = &f->lists[f->cur];
  const cmd *style[PREP_STYLES];
  int nstyles = 0, ncurrent = 0;
  for (int i = 0; i < l->n && nstyles < PREP_STYLES; i++) {
    const cmd *k = &l->v[i];
    if (k->kind != CMD_TEXT) continue;
    int s = 0;
    while (s < nstyles && !same_style(l, style[s], k)) s++;
    if (s < nstyles) continue;
    style[nstyles++] = k;
    /* A style its font is sized to now goes first (qk_text_style_is_current). */
    qk_text_style st = style_of_cmd(l, k);
    if (qk_text_style_is_current(f->text, &st)) {
      style[nstyles - 1] = style[ncurrent];
      style[ncurrent++] = k;
    }
  }
  for (int s = 0; s < nstyles; s++)
    for (int i = 0; i < l->n; i++) {
      const cmd *k = &l->v[i];
      if (k->kind != CMD_TEXT || !same_style(l, style[s], k)) continue;
      qk_text_style st = style_of_cmd(l, k);
      for (int d = 0; d < f->ndamage; d++) {
        qk_irect v = intersect(k->box, f->damage[d]);
        if (empty(v)) continue;
        int vis[4] = {v.x, v.y, v.w, v.h};
        qk_text_prepare_visible(f->text, l->pool + k->off, k->len, &st, k->g[0], k->g[1], k->n, k->c, vis);
      }
    }
}

/* Runs every command that touches area, clipped to it. */
static void run_area(qk_frame *f, qk_irect area_rect) {
  const cmd_list *l = &f->lists[f->cur];
  qk_irect set = {-1, -1, -1, -1};
  for (int i = 0; i < l->n; i++) {
    const cmd *k = &l->v[i];
    qk_irect vis = intersect(k->box, area_rect);
    if (empty(vis)) continue;
    qk_irect clip = intersect(k->clip, area_rect);
    if (!same_rect(clip, set)) {
      qk_plat_set_clip(f->plat, 1, clip.x, clip.y, clip.w, clip.h);
      set = clip;
    }
    run_cmd(f, l, k, vis);
  }
  qk_plat_set_clip(f->plat, 0, 0, 0, 0, 0);
}

void qk_frame_run(qk_frame *f) {
  if (f->bench) f->cpu_run = thread_cpu_ms();
  f->ndamage = 0;
  int whole = f->whole || f->always_whole || !f->have_last || !qk_plat_frame_intact(f->plat);
  if (whole) f->damage[f->ndamage++] = screen(f);
  else find_damage(f);
  /* Most of the screen changed: one rectangle is cheaper to present. */
  long total = 0;
  for (int i = 0; i < f->ndamage; i++) total += area(f->damage[i]);
  if (f->ndamage > 1 && total * 10 > area(screen(f)) * 6) {
    qk_irect all = f->damage[0];
    for (int i = 1; i < f->ndamage; i++) all = bound(all, f->damage[i]);
    f->damage[0] = all;
    f->ndamage = 1;
    total = area(all);
  }
  if (qk_text_take_new_layouts(f->text) > 1) prepare_text(f);
  for (int i = 0; i < f->ndamage; i++) run_area(f, f->damage[i]);
  f->stats.frames++;
  if (whole) f->stats.whole_frames++;
  if (f->ndamage == 0) f->stats.unchanged_frames++;
  f->stats.damaged_pixels_last = (double)total;
}

void qk_frame_present(qk_frame *f) {
  int r[4 * QK_FRAME_MAX_DAMAGE];
  for (int i = 0; i < f->ndamage; i++) {
    r[4 * i] = f->damage[i].x, r[4 * i + 1] = f->damage[i].y;
    r[4 * i + 2] = f->damage[i].w, r[4 * i + 3] = f->damage[i].h;
  }
  qk_plat_present_rects(f->plat, r, f->ndamage);
  f->cur = !f->cur;
  f->have_last = 1;
  f->whole = 0;
  if (f->bench) {
    double end = thread_cpu_ms();
    printf("frame-cpu %.3f ms, %.0f px redrawn, %.3f ms recording, %d commands\n", end - f->cpu_start,
           f->stats.damaged_pixels_last, f->cpu_run - f->cpu_start, f->lists[!f->cur].n);
    fflush(stdout);
  }
}
