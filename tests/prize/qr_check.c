/*
** qr_check.c — is the QR code in a screenshot exactly libqrencode's
** matrix of TEXT? No QR reader is installed on this machine (no zbarimg,
** no python3 zbar), so instead of decoding, this compares pixel by pixel:
** the pure black pixels' bounding box must be the code (its finder
** patterns reach three corners), a whole number m of pixels per module;
** every pixel of every module must be exactly black where the matrix
** (QRcode_encodeString, level M, as gfx.qr asks) is dark and exactly
** white where it is light; and a quiet zone of 4 modules around it must
** be all white. A reader reads a code that meets all of that.
** Usage: qk_prize_qr_check SHOT.png TEXT   (exit 0 match, 1 mismatch)
*/
#include <SDL.h>
#include <SDL_image.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

static int px(SDL_Surface *s, int x, int y) { /* 0 black, 1 white, 2 other */
  const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
  Uint8 r, g, b, a;
  SDL_GetRGBA(*(const Uint32 *)(const void *)p, s->format, &r, &g, &b, &a);
  if (r == 0 && g == 0 && b == 0) return 0;
  if (r == 255 && g == 255 && b == 255) return 1;
  return 2;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: qk_prize_qr_check SHOT.png TEXT\n");
    return 2;
  }
  SDL_Surface *raw = IMG_Load(argv[1]);
  if (!raw) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], IMG_GetError());
    return 1;
  }
  SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(raw);
  QRcode *q = QRcode_encodeString(argv[2], 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!s || !q) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
  for (int y = 0; y < s->h; y++)
    for (int x = 0; x < s->w; x++)
      if (px(s, x, y) == 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  int n = q->width, bw = x1 - x0 + 1, bh = y1 - y0 + 1, bad = 0;
  if (x1 < 0 || bw != bh || bw % n) {
    fprintf(stderr, "%s: black area %dx%d is not a %d-module code in whole pixels\n", argv[1], bw, bh, n);
    return 1;
  }
  int m = bw / n, quiet = 4 * m;
  if (x0 < quiet || y0 < quiet || x1 + quiet >= s->w || y1 + quiet >= s->h) {
    fprintf(stderr, "%s: no room for the quiet zone\n", argv[1]);
    return 1;
  }
  long checked = 0;
  for (int y = y0 - quiet; y <= y1 + quiet; y++)
    for (int x = x0 - quiet; x <= x1 + quiet; x++) {
      int want = 1;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) want = (q->data[((y - y0) / m) * n + (x - x0) / m] & 1) ? 0 : 1;
      int got = px(s, x, y);
      checked++;
      if (got != want && bad++ < 5)
        fprintf(stderr, "%s: pixel %d,%d (module %d,%d) is %s, wanted %s\n", argv[1], x, y, (x - x0) / m,
                (y - y0) / m, got == 0 ? "black" : got == 1 ? "white" : "neither", want ? "white" : "black");
    }
  if (!bad)
    printf("%s: a %dx%d-module code, %d px a module, at %d,%d: all %ld pixels (with the quiet zone) match\n",
           argv[1], n, n, m, x0, y0, checked);
  QRcode_free(q);
  SDL_FreeSurface(s);
  return bad ? 1 : 0;
}
