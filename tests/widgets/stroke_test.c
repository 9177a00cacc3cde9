/*
** stroke_test.c — handwriting ink (qk_draw_stroke) is one continuous line
** (issue 14: the pad drew each segment as its own quad, leaving white
** wedges where a stroke turned). Sparse curved and zigzag paths are drawn
** at several widths and scales through qk_draw on the headless software
** renderer; the frame is read back and every pixel within the stroke's
** half-width of its centre line (less a pixel for the edge) must be ink,
** and every pixel clearly outside it must stay white.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#include "draw.h"
#include "../frame_snapshot.h"

static int failures;
static SDL_Surface *frame;

static Uint8 grey_at(int x, int y) {
  Uint8 *p = (Uint8 *)frame->pixels + y * frame->pitch + x * 4;
  return p[0]; /* drawn in greys: red is enough */
}

static int snapshot(qk_platform *p, qk_draw *d, const char *path) { return qk_test_snapshot(p, d, path, &frame); }

/* Distance from (px, py) to the polyline xy (n points), all in pixels. */
static float dist_to_path(const float *xy, int n, float px, float py) {
  float best = 1e30f;
  for (int i = 0; i < n; i++) {
    float ax = xy[2 * i], ay = xy[2 * i + 1];
    float bx = i + 1 < n ? xy[2 * i + 2] : ax, by = i + 1 < n ? xy[2 * i + 3] : ay;
    float dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) t = ((px - ax) * dx + (py - ay) * dy) / l2;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    float ex = ax + t * dx - px, ey = ay + t * dy - py, e = sqrtf(ex * ex + ey * ey);
    if (e < best) best = e;
  }
  return best;
}

/* Draws the path (logical units) at width w and checks the pixels. */
static void check_path(qk_platform *p, qk_draw *d, const char *shot, const char *name, const float *xy, int n,
                       float w) {
  const qk_color white = {255, 255, 255, 255}, ink = {0, 0, 0, 255};
  float s = qk_draw_view(d)->scale;
  qk_draw_begin(d);
  qk_draw_clear(d, white);
  if (qk_draw_stroke(d, xy, n, w, ink) != 0) {
    printf("FAIL %s: %s\n", name, qk_draw_error(d));
    failures++;
    return;
  }
  if (snapshot(p, d, shot) != 0) {
    printf("FAIL %s: no frame\n", name);
    failures++;
    return;
  }
  float *px = malloc((size_t)n * 2 * sizeof *px);
  if (!px) exit(1);
  for (int i = 0; i < 2 * n; i++) px[i] = xy[i] * s;
  float r = w * s / 2;
  int holes = 0, spill = 0, centre_holes = 0;
  for (int y = 0; y < frame->h; y++)
    for (int x = 0; x < frame->w; x++) {
      float e = dist_to_path(px, n, (float)x + 0.5f, (float)y + 0.5f);
      Uint8 g = grey_at(x, y);
      if (e <= 0.75f && g != 0) centre_holes++;
      if (e <= r - 1.0f && g != 0) {
        if (holes < 4) printf("  hole at %d,%d (grey %d, %.1f px from the centre line)\n", x, y, g, e);
        holes++;
      }
      if (e >= r + 1.5f && g != 255) spill++;
    }
  free(px);
  if (centre_holes || holes || spill) {
    printf("FAIL %s (width %.1f, scale %.2f): %d uncovered pixels on the centre line, %d inside the stroke, "
           "%d painted outside it\n",
           name, w, s, centre_holes, holes, spill);
    failures++;
  }
}

static int run_at(int pw, int ph, const char *shot) {
  char err[512];
  qk_platform_config cfg = {.width = pw, .height = ph, .headless = 1};
  qk_platform *p = qk_plat_open(&cfg, err, sizeof err);
  if (!p) {
    printf("FAIL %s\n", err);
    return -1;
  }
  qk_text *t = qk_text_new(p, NULL, 0, NULL, err, sizeof err);
  qk_draw *d = t ? qk_draw_new(p, t) : NULL;
  if (!d) {
    printf("FAIL %s\n", t ? "out of memory" : err);
    return -1;
  }
  /* A curve sampled sparsely (20 degrees a point) and a zigzag with sharp
  ** turns: the shapes that opened wedges between separate segments. */
  float curve[2 * 14], zig[2 * 7];
  for (int i = 0; i < 14; i++) {
    float a = (float)i * 20.0f * 3.14159265f / 180.0f;
    curve[2 * i] = 300 + 180 * cosf(a);
    curve[2 * i + 1] = 300 + 180 * sinf(a);
  }
  for (int i = 0; i < 7; i++) {
    zig[2 * i] = 60 + (float)i * 80;
    zig[2 * i + 1] = i % 2 ? 120 : 480;
  }
  const float dot[2] = {300, 300};
  const float widths[] = {3, 6, 14, 25};
  for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
    check_path(p, d, shot, "curve", curve, 14, widths[k]);
    check_path(p, d, shot, "zigzag", zig, 7, widths[k]);
    check_path(p, d, shot, "dot", dot, 1, widths[k]);
  }
  qk_draw_free(d);
  qk_text_free(t);
  qk_plat_close(p);
  return 0;
}

int main(void) {
  char shot[64];
  snprintf(shot, sizeof shot, "/tmp/qk-stroke-%d.png", (int)getpid());
  /* One logical unit a pixel (600x600), and 1.5 pixels a unit (900x900). */
  if (run_at(600, 600, shot) != 0 || run_at(900, 900, shot) != 0) failures++;
  if (frame) SDL_FreeSurface(frame);
  unlink(shot);
  if (failures) return 1;
  printf("ok: strokes are continuous at every width and scale\n");
  return 0;
}
