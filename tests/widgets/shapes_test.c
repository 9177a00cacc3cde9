/*
** shapes_test.c — rounded boxes, outlines and rings are drawn at every
** radius (issue 14: outlines drew nothing at radii 12-13 and 40-41 px, where
** the old triangle code's outer and inner segment counts differed), corners
** are round, and an arc covers its angles only. Draws through qk_draw on the
** headless software renderer, saves the frame and reads its pixels back.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#include "draw.h"
#include "../frame_snapshot.h"

static int failures;

static void check(int cond, const char *what, int r) {
  if (!cond) {
    printf("FAIL %s (radius %d)\n", what, r);
    failures++;
  }
}

static SDL_Surface *frame;

static Uint8 grey_at(int x, int y) {
  Uint8 *p = (Uint8 *)frame->pixels + y * frame->pitch + x * 4;
  return p[0]; /* RGBA32, drawn in greys: red is enough */
}

/* Darkest pixel within d of (x, y). */
static Uint8 darkest_near(int x, int y, int d) {
  Uint8 m = 255;
  for (int j = -d; j <= d; j++)
    for (int i = -d; i <= d; i++) {
      Uint8 g = grey_at(x + i, y + j);
      if (g < m) m = g;
    }
  return m;
}

static int snapshot(qk_platform *p, qk_draw *d, const char *path) { return qk_test_snapshot(p, d, path, &frame); }

int main(void) {
  char err[512], path[64];
  snprintf(path, sizeof path, "/tmp/qk-shapes-%d.png", (int)getpid());
  /* 800x800: the short side is 800, so one logical unit is one pixel. */
  qk_platform_config cfg = {.width = 800, .height = 800, .headless = 1};
  qk_platform *p = qk_plat_open(&cfg, err, sizeof err);
  if (!p) {
    printf("FAIL %s\n", err);
    return 1;
  }
  qk_text *t = qk_text_new(p, NULL, 0, NULL, err, sizeof err);
  qk_draw *d = t ? qk_draw_new(p, t) : NULL;
  if (!d) {
    printf("FAIL %s\n", t ? "out of memory" : err);
    return 1;
  }
  const qk_color white = {255, 255, 255, 255}, ink = {0, 0, 0, 255};
  const float x = 100, y = 100, w = 400, h = 300;
  int radii[] = {1, 3, 6, 11, 12, 13, 20, 39, 40, 41, 60, 100};
  for (size_t k = 0; k < sizeof radii / sizeof *radii; k++) {
    int r = radii[k];
    for (int lw = 1; lw <= 4; lw += 3) {
      qk_draw_begin(d);
      qk_draw_clear(d, white);
      qk_draw_rect(d, x, y, w, h, ink, (float)r, (float)lw);
      if (snapshot(p, d, path) != 0) return 1;
      /* The straight edges, the middle of each corner's curve, the inside. */
      check(grey_at((int)x + lw / 2, (int)(y + h / 2)) < 64, "left edge of an outline drawn", r);
      check(grey_at((int)(x + w / 2), (int)(y + h) - 1 - lw / 2) < 64, "bottom edge of an outline drawn", r);
      float off = (float)r * (1.0f - 0.7071f) + (float)lw / 2.0f;
      check(darkest_near((int)(x + off), (int)(y + off), 1) < 96, "top-left curve of an outline drawn", r);
      check(darkest_near((int)(x + w - off), (int)(y + h - off), 1) < 96, "bottom-right curve of an outline drawn", r);
      check(grey_at((int)(x + w / 2), (int)(y + h / 2)) == 255, "an outline leaves the inside alone", r);
      if (r >= 6) check(grey_at((int)x, (int)y) > 200, "an outline's corner is round", r);
    }
    qk_draw_begin(d);
    qk_draw_clear(d, white);
    qk_draw_rect(d, x, y, w, h, ink, (float)r, 0);
    if (snapshot(p, d, path) != 0) return 1;
    check(grey_at((int)(x + w / 2), (int)(y + h / 2)) == 0, "a filled box is filled", r);
    check(grey_at((int)(x + w / 2), (int)y) < 64 && grey_at((int)x, (int)(y + h / 2)) < 64, "a filled box reaches its edges", r);
    if (r >= 6) check(grey_at((int)x, (int)y) > 200, "a filled box's corner is round", r);
    /* A ring (gfx.circle with a line width): the whole circle. */
    qk_draw_begin(d);
    qk_draw_clear(d, white);
    float cx = 400, cy = 400;
    qk_draw_rect(d, cx - (float)r, cy - (float)r, 2.0f * (float)r, 2.0f * (float)r, ink, (float)r, 2);
    if (snapshot(p, d, path) != 0) return 1;
    if (r >= 6) {
      check(darkest_near((int)cx, (int)(cy - (float)r) + 1, 1) < 96, "a ring's top drawn", r);
      check(darkest_near((int)(cx + (float)r * 0.7071f) - 1, (int)(cy + (float)r * 0.7071f) - 1, 1) < 96,
            "a ring's lower right drawn", r);
      check(grey_at((int)cx, (int)cy) == 255, "a ring's centre left alone", r);
    }
  }
  /* An arc from 0 (up) to 90 degrees (right): the upper-right quarter only. */
  qk_draw_begin(d);
  qk_draw_clear(d, white);
  qk_draw_arc(d, 400, 400, 100, 20, 0, 90, ink);
  if (snapshot(p, d, path) != 0) return 1;
  check(grey_at(400 + 64, 400 - 64) < 32, "an arc covers its angles", 100);
  check(grey_at(400 - 64, 400 - 64) == 255 && grey_at(400 + 64, 400 + 64) == 255, "an arc leaves other angles alone", 100);
  check(grey_at(400 + 30, 400 - 30) == 255, "an arc leaves the inside of the ring alone", 100);
  unlink(path);
  SDL_FreeSurface(frame);
  qk_draw_free(d);
  qk_text_free(t);
  qk_plat_close(p);
  printf("%s\n", failures ? "shapes: FAILED" : "shapes: all drawn");
  return failures ? 1 : 0;
}
