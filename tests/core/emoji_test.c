/*
** emoji_test.c — colour emoji keep their colours at every size (issue 14:
** at 3840x2160 🏆 came out black and 🔥 maroon, the text's colour: runs
** were rasterised white and tinted, and only emoji fonts taller than twice
** the size — under 64 px — were marked as colour bitmaps; at 4K text sizes
** the emoji were tinted). Draws 🏆 and 🔥 through qk_draw in a dark red
** text colour on a 3840x2160 headless screen at sizes from 8 to 100 units
** (2.7 pixels a unit), reads the frame back and checks each emoji's box: it
** holds gold/orange pixels, its inked pixels are not one flat tint of the
** text colour, and it is about as tall as the text (the 109-px bitmap
** strike scaled to the line, up or down). Skipped (77) when the machine has
** no colour emoji font.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#include "draw.h"
#include "../frame_snapshot.h"

static SDL_Surface *frame;

static int snapshot(qk_platform *p, qk_draw *d, const char *path) { return qk_test_snapshot(p, d, path, &frame); }

typedef struct { int x, y, w, h; const char *name; float size; } box;

/* The emoji in box b: warm bright pixels (gold trophy, orange flame), and
** inked pixels that are not all the text colour's hue. */
static int check_box(const box *b, const qk_color ink, float scale) {
  long inked = 0, warm = 0, tinted = 0;
  int top = -1, bottom = -1;
  for (int y = b->y; y < b->y + b->h && y < frame->h; y++)
    for (int x = b->x; x < b->x + b->w && x < frame->w; x++) {
      Uint8 *p = (Uint8 *)frame->pixels + y * frame->pitch + x * 4;
      int r = p[0], g = p[1], bl = p[2];
      if (r > 240 && g > 240 && bl > 240) continue; /* background */
      inked++;
      if (top < 0) top = y;
      bottom = y;
      if (r > 200 && g > 110 && bl < 120) warm++;
      /* On the line from the text colour to white: a tinted mask. */
      int dr = 255 - ink.r, dg = 255 - ink.g, db = 255 - ink.b;
      float t = (float)(255 - r) / (float)dr;
      if (abs((int)(255 - t * (float)dg) - g) < 12 && abs((int)(255 - t * (float)db) - bl) < 12) tinted++;
    }
  if (inked < 20 || warm * 10 < inked || tinted * 10 > inked * 9) {
    printf("FAIL %s at %.0f units: %ld inked pixels, %ld gold/orange, %ld in the text colour's tint\n", b->name,
           b->size, inked, warm, tinted);
    return 1;
  }
  /* As tall as the text around it: the bitmap strike scaled to the line. */
  float px = b->size * scale, tall = (float)(bottom - top + 1);
  if (tall < 0.6f * px || tall > 1.4f * px) {
    printf("FAIL %s at %.0f units: %.0f pixels tall for %.0f-pixel text\n", b->name, b->size, tall, px);
    return 1;
  }
  return 0;
}

int main(void) {
  char err[512], path[64];
  snprintf(path, sizeof path, "/tmp/qk-emoji-%d.png", (int)getpid());
  qk_platform_config cfg = {.width = 3840, .height = 2160, .headless = 1};
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
  if (system("fc-list :color=true | grep -q .") != 0) {
    printf("skip: no colour emoji font on this machine\n");
    return 77;
  }
  const qk_color white = {255, 255, 255, 255}, ink = {122, 22, 22, 255};
  const char *emoji[] = {"🏆", "🔥"};
  const qk_view *v = qk_draw_view(d);
  float s = v->scale;
  /* Every size from small print to a large-text heading and beyond (8..100
  ** units, 22..270 pixels), as many to a frame as fit; each frame is read. */
  int failures = 0, next = 0, nsizes = 0;
  float sizes[40];
  for (float z = 8; z <= 100; z += z < 32 ? 2 : 6) sizes[nsizes++] = z;
  while (next < nsizes) {
    box boxes[4 * 40];
    int nb = 0;
    float x = 10, y = 10, rowh = 0;
    qk_draw_begin(d);
    qk_draw_clear(d, white);
    for (; next < nsizes; next++) {
      qk_text_opts o = {.size = sizes[next]};
      float w, h;
      if (qk_draw_measure(d, "🏆", strlen("🏆"), &o, &w, &h, NULL) != 0) {
        printf("FAIL %s\n", qk_draw_error(d));
        return 1;
      }
      float need = 4 * (w + 30);
      if (x + need > v->lw) x = 10, y += rowh + 10, rowh = 0;
      if (y + h > v->lh) break; /* the next frame */
      for (int k = 0; k < 4; k++) { /* 🏆 🔥, regular and bold (the leaderboard's heading is bold) */
        o.bold = k >= 2;
        if (qk_draw_text(d, emoji[k % 2], strlen(emoji[k % 2]), &o, x, y, ink, &w, &h) != 0) {
          printf("FAIL %s\n", qk_draw_error(d));
          return 1;
        }
        boxes[nb++] = (box){(int)(x * s), (int)(y * s), (int)(w * s), (int)(h * s),
                            k % 2 ? (k >= 2 ? "bold fire" : "fire") : (k >= 2 ? "bold trophy" : "trophy"),
                            sizes[next]};
        x += w + 30;
        if (h > rowh) rowh = h;
      }
    }
    if (snapshot(p, d, path) != 0) {
      printf("FAIL no frame\n");
      return 1;
    }
    for (int i = 0; i < nb; i++) failures += check_box(&boxes[i], ink, s);
  }
  if (getenv("QK_EMOJI_KEEP")) printf("frame kept at %s\n", path);
  else unlink(path);
  SDL_FreeSurface(frame);
  qk_draw_free(d);
  qk_text_free(t);
  qk_plat_close(p);
  if (failures) return 1;
  printf("ok: 🏆 and 🔥 keep their colours at every size on a 3840x2160 screen\n");
  return 0;
}
