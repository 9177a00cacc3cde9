/*
** imgdiff.c — compares a screenshot with a stored reference image:
**   qk_imgdiff ACTUAL.png REFERENCE.png [MAX_BAD_FRACTION [CHANNEL_TOLERANCE]]
** A pixel is bad when any channel differs by more than CHANNEL_TOLERANCE
** (default 48: anti-aliasing and hinting may differ a little between font
** builds); fails when more than MAX_BAD_FRACTION (default 0.01) of pixels are
** bad or the sizes differ. With QK_UPDATE_REFS=1 it copies ACTUAL over
** REFERENCE instead (after you have looked at it).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

static SDL_Surface *load(const char *path) {
  SDL_Surface *s = IMG_Load(path);
  if (!s) {
    fprintf(stderr, "cannot load %s: %s\n", path, IMG_GetError());
    return NULL;
  }
  SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(s);
  return c;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: qk_imgdiff ACTUAL.png REFERENCE.png [MAX_BAD_FRACTION [TOLERANCE]]\n");
    return 2;
  }
  double max_bad = argc > 3 ? atof(argv[3]) : 0.01;
  int tol = argc > 4 ? atoi(argv[4]) : 48;
  const char *update = getenv("QK_UPDATE_REFS");
  SDL_Surface *a = load(argv[1]);
  if (!a) return 1;
  if (update && strcmp(update, "1") == 0) {
    int rc = IMG_SavePNG(a, argv[2]);
    SDL_FreeSurface(a);
    printf("updated %s\n", argv[2]);
    return rc == 0 ? 0 : 1;
  }
  SDL_Surface *b = load(argv[2]);
  if (!b) {
    SDL_FreeSurface(a);
    return 1;
  }
  int rc = 0;
  if (a->w != b->w || a->h != b->h) {
    printf("size differs: %dx%d vs reference %dx%d\n", a->w, a->h, b->w, b->h);
    rc = 1;
  } else {
    long bad = 0, total = (long)a->w * a->h;
    for (int y = 0; y < a->h; y++) {
      const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch, *pb = (const Uint8 *)b->pixels + y * b->pitch;
      for (int x = 0; x < a->w * 4; x += 4)
        for (int k = 0; k < 3; k++)
          if (abs(pa[x + k] - pb[x + k]) > tol) {
            bad++;
            break;
          }
    }
    double frac = (double)bad / (double)total;
    printf("%s vs %s: %.4f%% pixels differ (limit %.4f%%)\n", argv[1], argv[2], frac * 100, max_bad * 100);
    rc = frac > max_bad;
  }
  SDL_FreeSurface(a);
  SDL_FreeSurface(b);
  IMG_Quit();
  return rc;
}
