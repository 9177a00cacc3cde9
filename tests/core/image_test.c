/*
** image_test.c — images are bounded from their header, before decoding.
** The files are made here: a 68-byte PNG whose IHDR (with a correct CRC)
** declares 30000 x 30000 pixels, the same trick in JPEG, GIF, BMP and WebP
** headers, and real small images written by SDL. The huge ones must be
** refused with a message naming the file and its declared size (decoding
** the PNG took 7.9 GB); the small ones must still load.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "image_probe.h"
#include "platform.h"

static int failures;

static void check(int cond, const char *what, const char *detail) {
  printf("%s %s%s%s\n", cond ? "ok  " : "FAIL", what, detail && !cond ? ": " : "", detail && !cond ? detail : "");
  if (!cond) failures++;
}

static unsigned long crc32_of(const unsigned char *p, size_t n) {
  unsigned long c = 0xFFFFFFFFul;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320ul & (0ul - (c & 1)));
  }
  return c ^ 0xFFFFFFFFul;
}

static size_t put_be32(unsigned char *p, unsigned long v) {
  p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
  return 4;
}

/* One PNG chunk: length, type, data, CRC over type and data. */
static size_t put_chunk(unsigned char *p, const char *type, const unsigned char *data, size_t n) {
  size_t at = put_be32(p, (unsigned long)n);
  memcpy(p + at, type, 4);
  if (n) memcpy(p + at + 4, data, n);
  at += put_be32(p + at + 4 + n, crc32_of(p + 4, 4 + n)) + 4 + n;
  return at;
}

static size_t huge_png(unsigned char *buf, unsigned long w, unsigned long h) {
  size_t n = 0;
  memcpy(buf, "\x89PNG\r\n\x1a\n", 8);
  n = 8;
  unsigned char ihdr[13] = {0};
  put_be32(ihdr, w);
  put_be32(ihdr + 4, h);
  ihdr[8] = 8; /* bit depth */
  ihdr[9] = 6; /* RGBA */
  n += put_chunk(buf + n, "IHDR", ihdr, 13);
  static const unsigned char idat[] = {0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1}; /* a stored empty block */
  n += put_chunk(buf + n, "IDAT", idat, sizeof idat);
  n += put_chunk(buf + n, "IEND", NULL, 0);
  return n;
}

static void write_file(const char *path, const unsigned char *b, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(b, 1, n, f) != n) {
    printf("FAIL cannot write %s\n", path);
    exit(1);
  }
  fclose(f);
}

static void probe_case(const char *what, const unsigned char *b, size_t n, const char *format, long w, long h, int fits) {
  qk_image_info info;
  char err[512] = "";
  int rc = qk_image_probe(b, n, &info, err, sizeof err);
  char detail[700];
  snprintf(detail, sizeof detail, "rc %d, %s %ldx%ld (%s)", rc, info.format ? info.format : "?", info.w, info.h, err);
  check(rc == 0 && strcmp(info.format, format) == 0 && info.w == w && info.h == h, what, detail);
  if (rc == 0) {
    int ok = qk_image_check_size(&info, "x.img", err, sizeof err) == 0;
    snprintf(detail, sizeof detail, "%s", err);
    check(ok == fits, fits ? "  within the bounds" : "  refused by the bounds", detail);
  }
}

int main(void) {
  char dir[] = "/tmp/qk-image-test-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  unsigned char buf[256];
  char path[512], err[1024];

  /* The PNG of the report: tiny file, 30000 x 30000 declared. */
  size_t n = huge_png(buf, 30000, 30000);
  snprintf(path, sizeof path, "%s/huge.png", dir);
  write_file(path, buf, n);
  printf("     huge.png is %zu bytes\n", n);
  probe_case("PNG header read", buf, n, "PNG", 30000, 30000, 0);
  probe_case("PNG at the side bound", buf, huge_png(buf, 8192, 4096), "PNG", 8192, 4096, 1);
  probe_case("PNG over the pixel bound", buf, huge_png(buf, 8192, 4097), "PNG", 8192, 4097, 0);

  static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1,
                                       0, 0, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x75, 0x30, 0x4E, 0x20, 0x03,
                                       1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9};
  probe_case("JPEG SOF read after APP0", jpeg, sizeof jpeg, "JPG", 20000, 30000, 0);
  static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0,
                                      0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 0x30, 0x75, 0x30, 0x75, 0,
                                      2, 2, 0x44, 1, 0, 0x3B};
  probe_case("GIF: a 1x1 screen with a 30000x30000 frame", gif, sizeof gif, "GIF", 30000, 30000, 0);
  unsigned char bmp[54] = {'B', 'M'};
  bmp[14] = 40;
  bmp[18] = 0x30, bmp[19] = 0x75;             /* width 30000 */
  bmp[22] = 0xD0, bmp[23] = 0x8A, bmp[24] = 0xFF, bmp[25] = 0xFF; /* height -30000: top-down */
  probe_case("BMP info header (top-down)", bmp, sizeof bmp, "BMP", 30000, 30000, 0);
  unsigned char webp[32] = {'R', 'I', 'F', 'F', 24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0};
  webp[24] = 0x2F, webp[25] = 0x75, webp[26] = 0; /* canvas width - 1 = 29999 */
  webp[27] = 0x2F, webp[28] = 0x75, webp[29] = 0;
  probe_case("WebP VP8X canvas", webp, sizeof webp, "WEBP", 30000, 30000, 0);
  unsigned char vp8l[32] = {'R', 'I', 'F', 'F', 24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 10, 0, 0, 0, 0x2F};
  unsigned long bits = (100 - 1) | (unsigned long)(50 - 1) << 14;
  vp8l[21] = (unsigned char)bits, vp8l[22] = (unsigned char)(bits >> 8), vp8l[23] = (unsigned char)(bits >> 16);
  probe_case("WebP VP8L", vp8l, sizeof vp8l, "WEBP", 100, 50, 1);
  qk_image_info info;
  check(qk_image_probe((const unsigned char *)"<svg xmlns=", 11, &info, err, sizeof err) != 0, "other formats refused", NULL);
  check(qk_image_probe(buf, 12, &info, err, sizeof err) != 0, "a cut-short PNG refused", NULL);

  /* Through the loader the kiosk uses. */
  char perr[256];
  qk_platform_config cfg = {.width = 320, .height = 240, .headless = 1};
  qk_platform *p = qk_plat_open(&cfg, perr, sizeof perr);
  check(p != NULL, "headless platform", perr);
  if (p) {
    qk_texture *t = qk_plat_image_load(p, path, err, sizeof err);
    check(t == NULL && strstr(err, "huge.png") && strstr(err, "30000x30000"),
          "the huge PNG is refused before decoding, naming the file and its size", err);
    printf("     (%s)\n", err);
    qk_plat_texture_free(t);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 7, 5, 32, SDL_PIXELFORMAT_RGBA32);
    const char *kinds[] = {"png", "jpg", "bmp"};
    for (int i = 0; s && i < 3; i++) {
      snprintf(path, sizeof path, "%s/small.%s", dir, kinds[i]);
      int saved = i == 0 ? IMG_SavePNG(s, path) : i == 1 ? IMG_SaveJPG(s, path, 90) : SDL_SaveBMP(s, path);
      t = saved == 0 ? qk_plat_image_load(p, path, err, sizeof err) : NULL;
      int w = 0, h = 0;
      if (t) qk_plat_texture_size(t, &w, &h);
      char what[64];
      snprintf(what, sizeof what, "a real 7x5 %s still loads", kinds[i]);
      check(t && w == 7 && h == 5, what, t ? NULL : err);
      qk_plat_texture_free(t);
      unlink(path);
    }
    SDL_FreeSurface(s);
    qk_plat_close(p);
  }
  snprintf(path, sizeof path, "%s/huge.png", dir);
  unlink(path);
  rmdir(dir);
  printf("image: %s\n", failures ? "FAILED" : "all passed");
  return failures ? 1 : 0;
}
