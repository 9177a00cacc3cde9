/*
** draw_stroke.c — see draw_stroke.h. Row by row: each point's disc and each
** segment's rectangle (both convex) cut the row's centre line in one
** interval; the intervals are merged into spans, and identical span sets on
** consecutive rows become one taller rectangle (a vertical stroke is a few
** rectangles, not one a row).
*/
#include "draw_stroke.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct { float a, b; } span;

typedef struct {
  qk_irect *r;
  int n, cap;
} rect_list;

static int push_rect(rect_list *l, qk_irect r) {
  if (l->n == l->cap) {
    int cap = l->cap ? 2 * l->cap : 64;
    qk_irect *m = realloc(l->r, (size_t)cap * sizeof *m);
    if (!m) return -1;
    l->r = m, l->cap = cap;
  }
  l->r[l->n++] = r;
  return 0;
}

static int by_start(const void *x, const void *y) {
  float a = ((const span *)x)->a, b = ((const span *)y)->a;
  return (a > b) - (a < b);
}

/* Where the row at height yc cuts the convex polygon q (4 points): *a..*b. */
static int cut_quad(const float *q, float yc, float *a, float *b) {
  int hit = 0;
  for (int i = 0; i < 4; i++) {
    float x0 = q[2 * i], y0 = q[2 * i + 1], x1 = q[2 * ((i + 1) % 4)], y1 = q[2 * ((i + 1) % 4) + 1];
    if ((yc < y0 && yc < y1) || (yc > y0 && yc > y1)) continue;
    float x = y1 == y0 ? x0 : x0 + (x1 - x0) * (yc - y0) / (y1 - y0);
    float lo = y1 == y0 ? fminf(x0, x1) : x, hi = y1 == y0 ? fmaxf(x0, x1) : x;
    if (!hit || lo < *a) *a = lo;
    if (!hit || hi > *b) *b = hi;
    hit = 1;
  }
  return hit;
}

int qk_stroke_rects(const float *xy, int n, float r, qk_irect clip, qk_irect **out, int *count) {
  *out = NULL;
  *count = 0;
  if (n <= 0 || r <= 0) return 0;
  float top = xy[1], bottom = xy[1];
  for (int i = 1; i < n; i++) top = fminf(top, xy[2 * i + 1]), bottom = fmaxf(bottom, xy[2 * i + 1]);
  int y0 = (int)floorf(top - r), y1 = (int)ceilf(bottom + r);
  if (y0 < clip.y) y0 = clip.y;
  if (y1 > clip.y + clip.h) y1 = clip.y + clip.h;
  /* The segments' rectangles (4 corners each), made once. */
  float *quads = n > 1 ? malloc((size_t)(n - 1) * 8 * sizeof *quads) : NULL;
  span *row = malloc((size_t)(2 * n) * sizeof *row);
  int *open = malloc((size_t)(2 * n) * sizeof *open); /* rect index of each span of the last row */
  span *last = malloc((size_t)(2 * n) * sizeof *last);
  rect_list l = {0};
  if ((n > 1 && !quads) || !row || !open || !last) goto oom;
  for (int i = 0; i + 1 < n; i++) {
    float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
    float dx = bx - ax, dy = by - ay, len = sqrtf(dx * dx + dy * dy);
    float nx = len > 1e-4f ? -dy / len * r : 0, ny = len > 1e-4f ? dx / len * r : 0;
    float q[8] = {ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny};
    memcpy(quads + 8 * i, q, sizeof q);
  }
  int nlast = 0;
  for (int y = y0; y < y1; y++) {
    float yc = (float)y + 0.5f;
    int m = 0;
    for (int i = 0; i < n; i++) {
      float dy = yc - xy[2 * i + 1];
      if (dy * dy > r * r) continue;
      float h = sqrtf(r * r - dy * dy);
      row[m++] = (span){xy[2 * i] - h, xy[2 * i] + h};
    }
    for (int i = 0; i + 1 < n; i++) {
      float a = 0, b = 0;
      if (cut_quad(quads + 8 * i, yc, &a, &b)) row[m++] = (span){a, b};
    }
    /* Merged, in whole pixels (a pixel is in when its centre is), clipped. */
    qsort(row, (size_t)m, sizeof *row, by_start);
    int k = 0;
    for (int i = 0; i < m; i++) {
      float a = ceilf(row[i].a - 0.5f), b = floorf(row[i].b - 0.5f) + 1; /* pixels a..b-1 */
      if (a < (float)clip.x) a = (float)clip.x;
      if (b > (float)(clip.x + clip.w)) b = (float)(clip.x + clip.w);
      if (b <= a) continue;
      if (k > 0 && a <= row[k - 1].b) {
        if (b > row[k - 1].b) row[k - 1].b = b;
      } else {
        row[k++] = (span){a, b};
      }
    }
    int same = k == nlast && k > 0;
    for (int i = 0; same && i < k; i++) same = row[i].a == last[i].a && row[i].b == last[i].b;
    if (same) {
      for (int i = 0; i < k; i++) l.r[open[i]].h++;
      continue;
    }
    for (int i = 0; i < k; i++) {
      open[i] = l.n;
      if (push_rect(&l, (qk_irect){(int)row[i].a, y, (int)(row[i].b - row[i].a), 1}) != 0) goto oom;
      last[i] = row[i];
    }
    nlast = k;
  }
  free(quads);
  free(row);
  free(open);
  free(last);
  *out = l.r;
  *count = l.n;
  return 0;
oom:
  free(quads);
  free(row);
  free(open);
  free(last);
  free(l.r);
  return -1;
}
