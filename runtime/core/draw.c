/*
** draw.c — see draw.h. Everything is scaled from logical units here and
** nowhere else. Drawing calls are recorded as a list of commands (frame.c
** runs them): a frame redraws only where its list differs from the last
** frame's, on renderers that keep their pixels.
*/
#include "draw.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_frame.h"
#include "draw_stroke.h"
#include "paths.h"

#define CLIP_DEPTH 32
#define MAX_IMAGES 64
#define MAX_SHAPE_VERTS 512

typedef struct {
  char *name;
  qk_texture *tex; /* NULL: failed to load (remembered, so it is not retried each frame) */
  unsigned long used;
} image_slot;

typedef qk_irect irect;

struct qk_draw {
  qk_platform *plat;
  qk_text *text;
  qk_view view;
  char *image_root;
  image_slot images[MAX_IMAGES];
  int nimages;
  unsigned long tick;
  unsigned long frame_tick;  /* d->tick when this frame began: images used since are in its list */
  qk_frame *frame;           /* the command lists (draw_frame.h) */
  irect clips[CLIP_DEPTH];
  int nclips;
  /* the frame record */
  char **texts;
  irect *text_boxes;         /* where each recorded text shows, pixels */
  int ntexts, texts_cap;
  qk_element *elems;
  int nelems, elems_cap;
  float verts[2 * (MAX_SHAPE_VERTS + 1)];
  int idx[3 * MAX_SHAPE_VERTS * 2];
  char err[512];
};

void qk_view_compute(qk_view *v, int pw, int ph) {
  int short_side = pw < ph ? pw : ph;
  float logical_short = (float)short_side;
  if (logical_short < 600) logical_short = 600;
  if (logical_short > 800) logical_short = 800;
  v->pw = pw;
  v->ph = ph;
  v->scale = short_side > 0 ? (float)short_side / logical_short : 1.0f;
  v->lw = (float)pw / v->scale;
  v->lh = (float)ph / v->scale;
}

qk_draw *qk_draw_new(qk_platform *p, qk_text *t) {
  qk_draw *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->plat = p;
  d->text = t;
  d->frame = qk_frame_new(p, t);
  if (!d->frame) {
    free(d);
    return NULL;
  }
  qk_draw_update_view(d);
  return d;
}

static void record_clear(qk_draw *d) {
  for (int i = 0; i < d->ntexts; i++) free(d->texts[i]);
  for (int i = 0; i < d->nelems; i++) free(d->elems[i].label);
  d->ntexts = d->nelems = 0;
}

static void images_clear(qk_draw *d) {
  /* Commands of the last frame name these textures: the next frame is drawn
  ** whole, and this frame's list must not run with them freed. */
  qk_frame_forget_images(d->frame);
  for (int i = 0; i < d->nimages; i++) {
    free(d->images[i].name);
    qk_plat_texture_free(d->images[i].tex);
  }
  d->nimages = 0;
}

void qk_draw_free(qk_draw *d) {
  if (!d) return;
  record_clear(d);
  free(d->texts);
  free(d->text_boxes);
  free(d->elems);
  images_clear(d);
  qk_frame_free(d->frame);
  free(d->image_root);
  free(d);
}

void qk_draw_set_image_root(qk_draw *d, const char *dir) {
  images_clear(d);
  free(d->image_root);
  d->image_root = dir ? strdup(dir) : NULL;
}

const qk_view *qk_draw_view(const qk_draw *d) { return &d->view; }

void qk_draw_update_view(qk_draw *d) {
  int w, h;
  qk_plat_drawable_size(d->plat, &w, &h);
  qk_view_compute(&d->view, w, h);
  qk_frame_set_screen(d->frame, w, h);
  qk_text_set_screen(d->text, w, h);
}

const char *qk_draw_error(const qk_draw *d) { return d->err; }

void qk_draw_begin(qk_draw *d) {
  record_clear(d);
  d->nclips = 0;
  d->frame_tick = d->tick;
  qk_frame_begin(d->frame);
}

void qk_draw_end(qk_draw *d) { qk_frame_run(d->frame); }
void qk_draw_present(qk_draw *d) { qk_frame_present(d->frame); }

static irect current_clip(const qk_draw *d);

void qk_draw_clear(qk_draw *d, qk_color c) { qk_frame_clear(d->frame, c); }

static float S(const qk_draw *d, float v) { return v * d->view.scale; }

/* ---- shapes ---- */

static void record_cover_clipped(qk_draw *d, int x, int y, int w, int h);

void qk_draw_rect(qk_draw *d, float x, float y, float w, float h, qk_color c, float radius, float line_width) {
  if (w <= 0 || h <= 0 || c.a == 0) return;
  float px = S(d, x), py = S(d, y), pw = S(d, w), ph = S(d, h), r = S(d, radius);
  if (r < 0.5f && line_width <= 0) {
    qk_frame_fill(d->frame, current_clip(d), px, py, pw, ph, c);
    if (c.a >= 0x80) record_cover_clipped(d, (int)lroundf(px), (int)lroundf(py), (int)lroundf(pw), (int)lroundf(ph));
    return;
  }
  /* Whole pixels: the corners are pieces of a cached circle (platform.h). */
  int x0 = (int)lroundf(px), y0 = (int)lroundf(py), x1 = (int)lroundf(px + pw), y1 = (int)lroundf(py + ph);
  if (x1 <= x0) x1 = x0 + 1;
  if (y1 <= y0) y1 = y0 + 1;
  int lw = 0;
  if (line_width > 0) {
    lw = (int)lroundf(S(d, line_width));
    if (lw < 1) lw = 1;
  }
  qk_frame_rounded(d->frame, current_clip(d), x0, y0, x1 - x0, y1 - y0, (int)lroundf(r), lw, c);
  if (lw == 0 && c.a >= 0x80) record_cover_clipped(d, x0, y0, x1 - x0, y1 - y0);
}

/* Whole physical pixels, for shapes that must land on the pixel grid
** (a QR code's modules: gfx.qr). */
void qk_draw_fill_px(qk_draw *d, int x, int y, int w, int h, qk_color c) {
  if (w <= 0 || h <= 0 || c.a == 0) return;
  qk_frame_fill(d->frame, current_clip(d), (float)x, (float)y, (float)w, (float)h, c);
  if (c.a >= 0x80) record_cover_clipped(d, x, y, w, h);
}

void qk_draw_line(qk_draw *d, float x1, float y1, float x2, float y2, float width, qk_color c) {
  float ax = S(d, x1), ay = S(d, y1), bx = S(d, x2), by = S(d, y2), hw = S(d, width) / 2;
  if (hw < 0.5f) hw = 0.5f;
  float dx = bx - ax, dy = by - ay, len = sqrtf(dx * dx + dy * dy);
  if (len < 1e-3f) {
    qk_frame_fill(d->frame, current_clip(d), ax - hw, ay - hw, 2 * hw, 2 * hw, c);
    return;
  }
  if (dx == 0 || dy == 0) { /* straight across or down: a rectangle */
    float lx = ax < bx ? ax : bx, ly = ay < by ? ay : by;
    if (dy == 0) qk_frame_fill(d->frame, current_clip(d), lx, ly - hw, fabsf(dx), 2 * hw, c);
    else qk_frame_fill(d->frame, current_clip(d), lx - hw, ly, 2 * hw, fabsf(dy), c);
    return;
  }
  float nx = -dy / len * hw, ny = dx / len * hw;
  float v[8] = {ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny};
  int idx[6] = {0, 1, 2, 0, 2, 3};
  qk_frame_triangles(d->frame, current_clip(d), v, 4, idx, 6, c);
}

int qk_draw_stroke(qk_draw *d, const float *xy, int n, float width, qk_color c) {
  if (n <= 0 || c.a == 0) return 0;
  float r = S(d, width) / 2;
  if (r < 0.5f) r = 0.5f;
  float *px = malloc((size_t)n * 2 * sizeof *px);
  qk_irect *rects = NULL;
  int count = 0;
  if (!px || (memcpy(px, xy, (size_t)n * 2 * sizeof *px), 0)) goto oom;
  for (int i = 0; i < 2 * n; i++) px[i] = S(d, px[i]);
  if (qk_stroke_rects(px, n, r, current_clip(d), &rects, &count) != 0) goto oom;
  for (int i = 0; i < count; i++)
    qk_frame_fill(d->frame, current_clip(d), (float)rects[i].x, (float)rects[i].y, (float)rects[i].w,
                  (float)rects[i].h, c);
  free(rects);
  free(px);
  return 0;
oom:
  free(px);
  snprintf(d->err, sizeof d->err, "out of memory drawing a stroke of %d points", n);
  return -1;
}

void qk_draw_arc(qk_draw *d, float cx, float cy, float r, float thickness, float a0, float a1, qk_color c) {
  float ri = S(d, r - thickness);
  qk_frame_arc(d->frame, current_clip(d), S(d, cx), S(d, cy), S(d, r), ri < 0 ? 0 : ri, a0, a1, c);
}

void qk_draw_polygon(qk_draw *d, const float *xy, int n, qk_color c) {
  if (n < 3) return;
  if (n > MAX_SHAPE_VERTS) n = MAX_SHAPE_VERTS;
  float sx = 0, sy = 0;
  for (int i = 0; i < n; i++) {
    d->verts[2 * (i + 1)] = S(d, xy[2 * i]);
    d->verts[2 * (i + 1) + 1] = S(d, xy[2 * i + 1]);
    sx += d->verts[2 * (i + 1)];
    sy += d->verts[2 * (i + 1) + 1];
  }
  d->verts[0] = sx / (float)n;
  d->verts[1] = sy / (float)n;
  for (int i = 0; i < n; i++) {
    d->idx[3 * i] = 0;
    d->idx[3 * i + 1] = 1 + i;
    d->idx[3 * i + 2] = 1 + (i + 1) % n;
  }
  qk_frame_triangles(d->frame, current_clip(d), d->verts, n + 1, d->idx, 3 * n, c);
}

/* ---- clipping ---- */

static irect current_clip(const qk_draw *d) {
  if (d->nclips) return d->clips[d->nclips - 1];
  return (irect){0, 0, d->view.pw, d->view.ph};
}

void qk_draw_push_clip(qk_draw *d, float x, float y, float w, float h) {
  irect p = current_clip(d);
  int x0 = (int)floorf(S(d, x)), y0 = (int)floorf(S(d, y));
  int x1 = (int)ceilf(S(d, x + w)), y1 = (int)ceilf(S(d, y + h));
  if (x0 < p.x) x0 = p.x;
  if (y0 < p.y) y0 = p.y;
  if (x1 > p.x + p.w) x1 = p.x + p.w;
  if (y1 > p.y + p.h) y1 = p.y + p.h;
  irect r = {x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
  if (d->nclips < CLIP_DEPTH) d->clips[d->nclips++] = r;
  else d->clips[CLIP_DEPTH - 1] = r;
}

void qk_draw_pop_clip(qk_draw *d) {
  if (d->nclips > 0) d->nclips--;
}

/* Visible part of a logical rectangle, in logical units; 0 if none shows. */
static int visible_part(const qk_draw *d, float *x, float *y, float *w, float *h) {
  irect c = current_clip(d);
  float x0 = S(d, *x), y0 = S(d, *y), x1 = S(d, *x + *w), y1 = S(d, *y + *h);
  if (x0 < (float)c.x) x0 = (float)c.x;
  if (y0 < (float)c.y) y0 = (float)c.y;
  if (x1 > (float)(c.x + c.w)) x1 = (float)(c.x + c.w);
  if (y1 > (float)(c.y + c.h)) y1 = (float)(c.y + c.h);
  if (x1 - x0 < 1 || y1 - y0 < 1) return 0;
  *x = x0 / d->view.scale;
  *y = y0 / d->view.scale;
  *w = (x1 - x0) / d->view.scale;
  *h = (y1 - y0) / d->view.scale;
  return 1;
}

/* ---- text ---- */

static void style_of(const qk_draw *d, const qk_text_opts *o, qk_text_style *st) {
  st->family = o->family;
  st->bold = o->bold;
  st->px = (int)lroundf(o->size * d->view.scale);
  if (st->px < 4) st->px = 4;
  if (st->px > 1000) st->px = 1000;
  st->max_width = o->width > 0 ? (int)floorf(S(d, o->width)) : 0;
  if (o->width > 0 && st->max_width < 1) st->max_width = 1;
  st->max_lines = o->max_lines;
}

/* A copy of s[0..len) for the frame record, with no-break spaces (U+00A0,
** which keep "13 题" on one line) as plain spaces: replays are written with
** plain ones. NULL when out of memory. */
static char *plain_copy(const char *s, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy) return NULL;
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if ((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
      copy[n++] = ' ';
      i++;
    } else {
      copy[n++] = s[i];
    }
  }
  copy[n] = 0;
  return copy;
}

static void record_text(qk_draw *d, const char *s, size_t len, irect box) {
  if (d->ntexts == d->texts_cap) {
    int cap = d->texts_cap ? d->texts_cap * 2 : 64;
    char **t = realloc(d->texts, (size_t)cap * sizeof *t);
    if (!t) return;
    d->texts = t;
    irect *b = realloc(d->text_boxes, (size_t)cap * sizeof *b);
    if (!b) return; /* texts grew but not the boxes: cap stays, the next call retries */
    d->text_boxes = b;
    d->texts_cap = cap;
  }
  char *copy = plain_copy(s, len);
  if (!copy) return;
  d->text_boxes[d->ntexts] = box;
  d->texts[d->ntexts++] = copy;
}

/* Overlap of two rectangles, in square pixels. */
static long overlap(irect a, irect b) {
  int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
  int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
  return x1 > x0 && y1 > y0 ? (long)(x1 - x0) * (y1 - y0) : 0;
}

/* A mostly opaque fill drawn over recorded texts (a dialog's dim, a sheet,
** a fade) covers them: texts and tap targets at least half under it are
** dropped from the frame record, so `expect` and taps see what a person
** sees. Small fills (a text cursor) cover less than half of any line. */
static void record_cover(qk_draw *d, irect cover) {
  int n = 0;
  for (int i = 0; i < d->ntexts; i++) {
    irect b = d->text_boxes[i];
    if (2 * overlap(b, cover) >= (long)b.w * b.h) {
      free(d->texts[i]);
      continue;
    }
    d->texts[n] = d->texts[i];
    d->text_boxes[n++] = b;
  }
  d->ntexts = n;
  n = 0;
  for (int i = 0; i < d->nelems; i++) {
    qk_element *e = &d->elems[i];
    irect b = {(int)S(d, e->x), (int)S(d, e->y), (int)S(d, e->w), (int)S(d, e->h)};
    if (b.w > 0 && b.h > 0 && 2 * overlap(b, cover) >= (long)b.w * b.h) {
      free(e->label);
      continue;
    }
    d->elems[n++] = *e;
  }
  d->nelems = n;
}

/* What a replay's `expect` may find: only the lines of a block that lie
** wholly inside the current clip (a scroll, the area above the keyboard).
** A wrapped stem whose last line alone peeks out does not count as shown.
** The visible lines of one block are consecutive (the clip is a
** rectangle), so they are recorded as one piece, from the first visible
** line's start to the last one's end; a phrase wrapped over two visible
** lines is still found. x, y: the block's top left in pixels; box: the
** width lines are aligned in (as text.c's drawing does). */
static void record_visible_lines(qk_draw *d, const qk_text_block *b, int box, float x, float y, int align) {
  const qk_text_layout *l = b->layout;
  irect c = current_clip(d);
  int first = -1, last = -1;
  for (int i = 0; i < l->nlines; i++) {
    float top = y + (float)(i * b->line_height), bottom = top + (float)b->line_height;
    if (i == l->nlines - 1 && y + (float)b->height > top) bottom = y + (float)b->height;
    /* The line's own horizontal extent, as qk_frame_text places it. */
    float lx = x, lw = (float)l->lines[i].width;
    if (align == QK_ALIGN_CENTER) lx = x + (float)(box - l->lines[i].width) / 2;
    else if (align == QK_ALIGN_RIGHT) lx = x + (float)(box - l->lines[i].width);
    /* Half a pixel of slack: positions are rounded when drawn. */
    int inside = top >= (float)c.y - 0.5f && bottom <= (float)(c.y + c.h) + 0.5f &&
                 lx >= (float)c.x - 0.5f && lx + lw <= (float)(c.x + c.w) + 0.5f && c.w > 0 && c.h > 0;
    if (inside) {
      if (first < 0) first = i;
      last = i;
    } else if (first >= 0) {
      break;
    }
  }
  if (first < 0) return;
  size_t from = l->lines[first].start, to = l->lines[last].start + l->lines[last].len;
  float lo = y + (float)(first * b->line_height), hi = y + (float)((last + 1) * b->line_height);
  if (last == l->nlines - 1 && y + (float)b->height > hi) hi = y + (float)b->height;
  irect where = {(int)x, (int)lo, box > 0 ? box : 1, hi - lo >= 1 ? (int)(hi - lo) : 1};
  record_text(d, l->text + from, to - from, where);
}

/* record_cover for a fill at x, y, w, h pixels, as far as the clip lets it show. */
static void record_cover_clipped(qk_draw *d, int x, int y, int w, int h) {
  irect c = current_clip(d), r = {x, y, w, h};
  if (overlap(c, r) == 0) return;
  int x0 = x > c.x ? x : c.x, y0 = y > c.y ? y : c.y;
  int x1 = x + w < c.x + c.w ? x + w : c.x + c.w, y1 = y + h < c.y + c.h ? y + h : c.y + c.h;
  record_cover(d, (irect){x0, y0, x1 - x0, y1 - y0});
}

static int text_too_long(qk_draw *d, size_t len) {
  if (len <= QK_DRAW_TEXT_MAX) return 0;
  snprintf(d->err, sizeof d->err, "text too long: %zu bytes in one call (at most %d; show long texts in parts)", len,
           QK_DRAW_TEXT_MAX);
  return 1;
}

int qk_draw_measure(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, float *w, float *h, int *lines) {
  qk_text_style st;
  qk_text_block b;
  if (text_too_long(d, len)) return -1;
  style_of(d, o, &st);
  if (qk_text_measure(d->text, s, len, &st, &b) != 0) {
    snprintf(d->err, sizeof d->err, "text layout failed (font or memory)");
    return -1;
  }
  *w = (float)b.width / d->view.scale;
  *h = (float)b.height / d->view.scale;
  if (lines) *lines = b.layout->nlines;
  return 0;
}

int qk_draw_layout(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, const qk_text_layout **out) {
  qk_text_style st;
  qk_text_block b;
  if (text_too_long(d, len)) return -1;
  style_of(d, o, &st);
  if (qk_text_measure(d->text, s, len, &st, &b) != 0) {
    snprintf(d->err, sizeof d->err, "text layout failed (font or memory)");
    return -1;
  }
  *out = b.layout;
  return 0;
}

int qk_draw_text(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, float x, float y, qk_color c,
                 float *w, float *h) {
  qk_text_style st;
  qk_text_block b;
  if (text_too_long(d, len)) return -1;
  style_of(d, o, &st);
  if (qk_text_measure(d->text, s, len, &st, &b) != 0) {
    snprintf(d->err, sizeof d->err, "text drawing failed (font or memory)");
    return -1;
  }
  /* Rasterised when the frame runs, and only the runs that show. */
  qk_frame_text(d->frame, current_clip(d), s, len, &st, S(d, x), S(d, y), o->align, c, b.width, b.height);
  *w = (float)b.width / d->view.scale;
  *h = (float)b.height / d->view.scale;
  if (c.a > 0) record_visible_lines(d, &b, st.max_width > 0 ? st.max_width : b.layout->width, S(d, x), S(d, y), o->align);
  return 0;
}

/* ---- images ---- */

static int safe_name(const char *name) {
  if (!name || !*name || name[0] == '/' || strlen(name) > 512) return 0;
  for (const char *p = name; *p; p++) {
    if (p[0] == '.' && p[1] == '.' && (p == name || p[-1] == '/') && (p[2] == '/' || p[2] == 0)) return 0;
    if (*p == '\\') return 0;
  }
  return 1;
}

int qk_draw_image_cached(const qk_draw *d, const char *name) {
  for (int i = 0; i < d->nimages; i++)
    if (strcmp(d->images[i].name, name) == 0) return 1;
  return 0;
}

static qk_texture *image_get(qk_draw *d, const char *name) {
  for (int i = 0; i < d->nimages; i++)
    if (strcmp(d->images[i].name, name) == 0) {
      d->images[i].used = ++d->tick;
      if (!d->images[i].tex) snprintf(d->err, sizeof d->err, "image '%s' could not be loaded", name);
      return d->images[i].tex;
    }
  if (!safe_name(name) || !d->image_root) {
    snprintf(d->err, sizeof d->err, "image '%s': only files inside the app folder can be shown", name);
    return NULL;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", d->image_root, name);
  qk_texture *tex = NULL;
  int inside = qk_path_within(path, d->image_root);
  if (inside == 1) tex = qk_plat_image_load(d->plat, path, d->err, sizeof d->err);
  else if (inside == 0)
    snprintf(d->err, sizeof d->err, "image '%s' leads outside the app folder (a symlink?): refused", name);
  else snprintf(d->err, sizeof d->err, "cannot load image %s: %s", path, strerror(errno));
  int slot = d->nimages;
  if (slot == MAX_IMAGES) {
    slot = 0;
    for (int i = 1; i < MAX_IMAGES; i++)
      if (d->images[i].used < d->images[slot].used) slot = i;
    if (d->images[slot].tex && d->images[slot].used > d->frame_tick) { /* this frame's list draws it */
      qk_plat_texture_free(tex);
      snprintf(d->err, sizeof d->err, "image '%s': more than %d images in one frame", name, MAX_IMAGES);
      return NULL;
    }
    free(d->images[slot].name);
    qk_plat_texture_free(d->images[slot].tex);
  } else {
    d->nimages++;
  }
  d->images[slot] = (image_slot){strdup(name), tex, ++d->tick};
  if (!d->images[slot].name) { /* out of memory: forget the slot */
    qk_plat_texture_free(tex);
    d->images[slot] = d->images[--d->nimages];
    return NULL;
  }
  return tex;
}

int qk_draw_image_size(qk_draw *d, const char *name, float *w, float *h) {
  qk_texture *t = image_get(d, name);
  if (!t) return -1;
  int iw, ih;
  qk_plat_texture_size(t, &iw, &ih);
  /* Image pixels are logical units: a 200 px image is 200 units wide. */
  *w = (float)iw;
  *h = (float)ih;
  return 0;
}

int qk_draw_image(qk_draw *d, const char *name, float x, float y, float w, float h, qk_color tint) {
  qk_texture *t = image_get(d, name);
  if (!t) return -1;
  int iw, ih;
  qk_plat_texture_size(t, &iw, &ih);
  if (w <= 0 && h <= 0) { w = (float)iw; h = (float)ih; }
  else if (w <= 0) w = h * (float)iw / (float)(ih ? ih : 1);
  else if (h <= 0) h = w * (float)ih / (float)(iw ? iw : 1);
  qk_frame_image(d->frame, current_clip(d), t, name, S(d, x), S(d, y), S(d, w), S(d, h), tint);
  return 0;
}

/* ---- the frame record ---- */

void qk_draw_element(qk_draw *d, const char *label, float x, float y, float w, float h) {
  if (!label || !*label || !visible_part(d, &x, &y, &w, &h)) return;
  if (d->nelems == d->elems_cap) {
    int cap = d->elems_cap ? d->elems_cap * 2 : 32;
    qk_element *e = realloc(d->elems, (size_t)cap * sizeof *e);
    if (!e) return;
    d->elems = e;
    d->elems_cap = cap;
  }
  char *copy = plain_copy(label, strlen(label));
  if (!copy) return;
  d->elems[d->nelems++] = (qk_element){copy, x, y, w, h};
}

int qk_draw_text_visible(const qk_draw *d, const char *needle) {
  for (int i = 0; i < d->ntexts; i++)
    if (strstr(d->texts[i], needle)) return 1;
  /* A phrase may be split over two drawn pieces of one line: try labels too. */
  for (int i = 0; i < d->nelems; i++)
    if (strstr(d->elems[i].label, needle)) return 1;
  return 0;
}

/* Compares ignoring whitespace differences (labels may carry newlines). */
static int same_label(const char *a, const char *b) {
  for (;;) {
    while (*a == ' ' || *a == '\n' || *a == '\t') a++;
    while (*b == ' ' || *b == '\n' || *b == '\t') b++;
    if (*a != *b) return 0;
    if (!*a) return 1;
    a++;
    b++;
  }
}

int qk_draw_find_element(const qk_draw *d, const char *label, qk_element *out) {
  int n = 0;
  for (int i = 0; i < d->nelems; i++)
    if (same_label(d->elems[i].label, label)) {
      if (n++ == 0 && out) *out = d->elems[i];
    }
  return n;
}

int qk_draw_element_count(const qk_draw *d) { return d->nelems; }
const qk_element *qk_draw_element_at(const qk_draw *d, int i) { return i >= 0 && i < d->nelems ? &d->elems[i] : NULL; }

void qk_draw_describe(qk_draw const *d, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = 0;
  for (int i = 0; i < d->ntexts && used + 4 < len; i++) {
    int n = snprintf(buf + used, len - used, "%s\"%s\"", i ? ", " : "", d->texts[i]);
    if (n < 0) break;
    used += (size_t)n;
  }
  if (used >= len) buf[len - 1] = 0;
}
