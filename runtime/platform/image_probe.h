/*
** image_probe.h — what an image file says about itself before it is
** decoded. A decoder allocates width × height × 4 bytes up front, so a small
** file that declares a huge picture (an 875 KB PNG of 30000 × 30000 pixels
** took 7.9 GB) must be refused from its header alone. Plain C, no SDL.
*/
#ifndef QK_IMAGE_PROBE_H
#define QK_IMAGE_PROBE_H

#include <stddef.h>

/* The largest picture the kiosk decodes: 8192 px a side and 32 megapixels
** (128 MiB decoded), far more than any kiosk screen shows. */
#define QK_IMAGE_MAX_SIDE 8192
#define QK_IMAGE_MAX_PIXELS (32L * 1024 * 1024)
/* The largest image file read (compressed bytes). */
#define QK_IMAGE_MAX_FILE (32L * 1024 * 1024)

typedef struct {
  const char *format; /* "PNG", "JPG", "GIF", "BMP" or "WEBP" (SDL_image's type names) */
  long w, h;          /* as declared; for a GIF the larger of screen and first frame */
} qk_image_info;

/* Reads the format and declared size from the first bytes of a file (the
** whole file may be given). Returns 0, or -1 with the reason in err: a
** format other than the five above, or a header cut short. */
int qk_image_probe(const unsigned char *buf, size_t len, qk_image_info *out, char *err, size_t errlen);
/* 0 when the declared size is within the bounds above (and not empty),
** else -1 with a message naming the file (shown) and its declared size. */
int qk_image_check_size(const qk_image_info *info, const char *shown, char *err, size_t errlen);

#endif
