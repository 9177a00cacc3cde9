/*
** frame_snapshot.h — how the drawing tests read back what they drew: the
** frame ended, written with the platform's own screenshot (the path staff
** and replays use), presented, and loaded again as RGBA32 pixels.
** Included by the tests that inspect pixels (emoji, shapes, strokes).
*/
#ifndef QK_FRAME_SNAPSHOT_H
#define QK_FRAME_SNAPSHOT_H

#include <stdio.h>

#include <SDL_image.h>

#include "draw.h"

/* Ends d's frame, writes it to path and loads it into *frame (the previous
** surface freed). 0, or -1 with the reason on stdout. */
static inline int qk_test_snapshot(qk_platform *p, qk_draw *d, const char *path, SDL_Surface **frame) {
  char err[256];
  qk_draw_end(d);
  if (qk_plat_screenshot(p, path, err, sizeof err) != 0) {
    printf("FAIL screenshot: %s\n", err);
    return -1;
  }
  qk_draw_present(d);
  SDL_Surface *s = IMG_Load(path);
  if (!s) {
    printf("FAIL reading %s back: %s\n", path, IMG_GetError());
    return -1;
  }
  if (*frame) SDL_FreeSurface(*frame);
  *frame = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(s);
  return *frame ? 0 : -1;
}

#endif
