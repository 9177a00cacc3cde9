/*
** image_probe.c — see image_probe.h. Each reader follows its format's
** specification only as far as the declared size: PNG's IHDR, JPEG's SOFn
** segment, GIF's logical screen and first image descriptor, BMP's info
** header and WebP's VP8 / VP8L / VP8X chunk.
*/
#include "image_probe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long be16(const unsigned char *p) { return (unsigned long)p[0] << 8 | p[1]; }
static unsigned long le16(const unsigned char *p) { return (unsigned long)p[1] << 8 | p[0]; }
static unsigned long be32(const unsigned char *p) { return be16(p) << 16 | be16(p + 2); }
static unsigned long le32(const unsigned char *p) { return le16(p + 2) << 16 | le16(p); }
static unsigned long le24(const unsigned char *p) { return (unsigned long)p[2] << 16 | le16(p); }

static int cut_short(const char *format, char *err, size_t errlen) {
  snprintf(err, errlen, "%s header is cut short or malformed", format);
  return -1;
}

static int probe_png(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  if (len < 24 || memcmp(b + 12, "IHDR", 4) != 0) return cut_short("PNG", err, errlen);
  o->w = (long)be32(b + 16);
  o->h = (long)be32(b + 20);
  return 0;
}

static int probe_jpeg(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  size_t p = 2;
  while (p + 4 <= len) {
    if (b[p] != 0xFF) return cut_short("JPEG", err, errlen);
    while (p < len && b[p] == 0xFF) p++; /* fill bytes */
    if (p >= len) break;
    unsigned m = b[p++];
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) continue; /* markers without a segment */
    if (m == 0xD9 || m == 0xDA || p + 2 > len) break;    /* image data before any frame header */
    unsigned long seg = be16(b + p);
    /* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      if (seg < 7 || p + 7 > len) break;
      o->h = (long)be16(b + p + 3);
      o->w = (long)be16(b + p + 5);
      return 0;
    }
    if (seg < 2) break;
    p += seg;
  }
  return cut_short("JPEG", err, errlen);
}

static int probe_gif(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  if (len < 13) return cut_short("GIF", err, errlen);
  o->w = (long)le16(b + 6);
  o->h = (long)le16(b + 8);
  size_t p = 13;
  if (b[10] & 0x80) p += 3u * (2u << (b[10] & 7)); /* global colour table */
  /* The decoder allocates the first frame's own size: find its descriptor. */
  while (p < len) {
    if (b[p] == 0x2C) {
      if (p + 9 > len) break;
      long fw = (long)le16(b + p + 5), fh = (long)le16(b + p + 7);
      if (fw > o->w) o->w = fw;
      if (fh > o->h) o->h = fh;
      return 0;
    }
    if (b[p] != 0x21 || p + 2 > len) break; /* extensions come before the frame */
    p += 2;
    while (p < len && b[p] != 0) p += 1u + b[p]; /* sub-blocks */
    p++;
  }
  return cut_short("GIF", err, errlen);
}

static int probe_bmp(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  if (len < 26) return cut_short("BMP", err, errlen);
  if (le32(b + 14) == 12) { /* OS/2 core header: 16-bit sizes */
    o->w = (long)le16(b + 18);
    o->h = (long)le16(b + 20);
    return 0;
  }
  long w = (long)(int32_t)le32(b + 18), h = (long)(int32_t)le32(b + 22);
  o->w = w < 0 ? -w : w;
  o->h = h < 0 ? -h : h; /* negative: stored top-down */
  return 0;
}

static int probe_webp(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  if (len < 30) return cut_short("WebP", err, errlen);
  if (memcmp(b + 12, "VP8 ", 4) == 0) {
    if (b[23] != 0x9D || b[24] != 0x01 || b[25] != 0x2A) return cut_short("WebP", err, errlen);
    o->w = (long)(le16(b + 26) & 0x3FFF);
    o->h = (long)(le16(b + 28) & 0x3FFF);
    return 0;
  }
  if (memcmp(b + 12, "VP8L", 4) == 0) {
    if (b[20] != 0x2F) return cut_short("WebP", err, errlen);
    unsigned long bits = le32(b + 21);
    o->w = (long)(bits & 0x3FFF) + 1;
    o->h = (long)((bits >> 14) & 0x3FFF) + 1;
    return 0;
  }
  if (memcmp(b + 12, "VP8X", 4) == 0) {
    o->w = (long)le24(b + 24) + 1;
    o->h = (long)le24(b + 27) + 1;
    return 0;
  }
  return cut_short("WebP", err, errlen);
}

int qk_image_probe(const unsigned char *b, size_t len, qk_image_info *o, char *err, size_t errlen) {
  memset(o, 0, sizeof *o);
  if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
    o->format = "PNG";
    return probe_png(b, len, o, err, errlen);
  }
  if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
    o->format = "JPG";
    return probe_jpeg(b, len, o, err, errlen);
  }
  if (len >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)) {
    o->format = "GIF";
    return probe_gif(b, len, o, err, errlen);
  }
  if (len >= 2 && b[0] == 'B' && b[1] == 'M') {
    o->format = "BMP";
    return probe_bmp(b, len, o, err, errlen);
  }
  if (len >= 16 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0) {
    o->format = "WEBP";
    return probe_webp(b, len, o, err, errlen);
  }
  snprintf(err, errlen, "not a PNG, JPEG, GIF, BMP or WebP image");
  return -1;
}

int qk_image_check_size(const qk_image_info *info, const char *shown, char *err, size_t errlen) {
  if (info->w <= 0 || info->h <= 0) {
    snprintf(err, errlen, "image %s declares %ldx%ld pixels: an empty picture", shown, info->w, info->h);
    return -1;
  }
  if (info->w > QK_IMAGE_MAX_SIDE || info->h > QK_IMAGE_MAX_SIDE || info->w * info->h > QK_IMAGE_MAX_PIXELS) {
    snprintf(err, errlen,
             "image %s declares %ldx%ld pixels: too large to decode (at most %d px a side and %ld pixels; "
             "scale it down)",
             shown, info->w, info->h, QK_IMAGE_MAX_SIDE, (long)QK_IMAGE_MAX_PIXELS);
    return -1;
  }
  return 0;
}
