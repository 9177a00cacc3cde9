/*
** sdl_raster.c — turning fonts and image files into textures. Glyph runs are
** rasterised white and tinted at draw time, so one cached texture serves every
** colour. Shaping (HarfBuzz) happens inside SDL_ttf.
*/
#include "sdl_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "font_file.h"
#include "image_module.h"
#include "image_probe.h"

struct qk_font {
  TTF_Font *ttf;
  int px;       /* the size it is set to now */
  /* Colour emoji fonts come as fixed-size bitmaps (Noto Color Emoji: 109 px)
  ** whatever size is asked for; their glyphs are scaled to the line, down
  ** or up, at every size (issue 14: only fonts taller than twice the size
  ** were scaled, so from 64 px on emoji stayed at the strike's size). */
  int fixed;    /* bitmap strikes only: the height does not follow the size */
  float scale;
};

/* The scale that brings a fixed-size font's line to pixel_size (1: scalable). */
static float line_scale(const qk_font *f, int pixel_size) {
  int h = TTF_FontHeight(f->ttf);
  return f->fixed && h > 0 ? (float)pixel_size * 1.15f / (float)h : 1.0f;
}

static qk_texture *texture_from_surface(qk_platform *p, SDL_Surface *s) {
  qk_texture *t = malloc(sizeof *t);
  if (!t) return NULL;
  t->tex = SDL_CreateTextureFromSurface(p->renderer, s);
  if (!t->tex) {
    free(t);
    return NULL;
  }
  t->w = s->w;
  t->h = s->h;
  t->colour = 0;
  SDL_SetTextureBlendMode(t->tex, SDL_BLENDMODE_BLEND);
  return t;
}

/* Reads the whole file (at most QK_IMAGE_MAX_FILE bytes) into *out. */
static int read_image_file(const char *path, unsigned char **out, size_t *len, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "cannot load image %s: %s", path, strerror(errno));
    return -1;
  }
  unsigned char *buf = NULL;
  long n = -1;
  if (fseek(f, 0, SEEK_END) == 0) n = ftell(f);
  if (n < 0 || fseek(f, 0, SEEK_SET) != 0) snprintf(err, errlen, "cannot load image %s: %s", path, strerror(errno));
  else if (n > QK_IMAGE_MAX_FILE)
    snprintf(err, errlen, "image %s is %ld bytes: too large (at most %ld)", path, n, (long)QK_IMAGE_MAX_FILE);
  else if (!(buf = malloc(n > 0 ? (size_t)n : 1)))
    snprintf(err, errlen, "cannot load image %s: out of memory", path);
  else if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
    snprintf(err, errlen, "cannot load image %s: read error", path);
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *out = buf;
  *len = (size_t)n;
  return buf ? 0 : -1;
}

/* The file is read once: its header is checked (format and declared size,
** before the decoder allocates anything) and the same bytes are decoded
** with the decoder of the format that was checked. */
qk_texture *qk_plat_image_load(qk_platform *p, const char *path, char *err, size_t errlen) {
  unsigned char *buf;
  size_t len;
  if (read_image_file(path, &buf, &len, err, errlen) != 0) return NULL;
  qk_image_info info;
  char why[256];
  if (qk_image_probe(buf, len, &info, why, sizeof why) != 0) {
    snprintf(err, errlen, "cannot load image %s: %s", path, why);
    free(buf);
    return NULL;
  }
  if (qk_image_check_size(&info, path, err, errlen) != 0) {
    free(buf);
    return NULL;
  }
  char whym[1024];
  const qk_image_module *img = qk_image_module_get(whym, sizeof whym);
  SDL_RWops *rw = img ? SDL_RWFromConstMem(buf, (int)len) : NULL;
  SDL_Surface *s = rw ? img->load_typed(rw, 1, info.format) : NULL;
  free(buf);
  if (!s) {
    snprintf(err, errlen, "cannot load image %s: %s", path, SDL_GetError());
    return NULL;
  }
  qk_texture *t = texture_from_surface(p, s);
  SDL_FreeSurface(s);
  if (!t) snprintf(err, errlen, "cannot upload image %s: %s", path, SDL_GetError());
  else SDL_SetTextureScaleMode(t->tex, SDL_ScaleModeBest);
  return t;
}

void qk_plat_texture_size(const qk_texture *t, int *w, int *h) {
  *w = t->w;
  *h = t->h;
}

size_t qk_plat_texture_bytes(const qk_texture *t) { return (size_t)t->w * (size_t)t->h * 4u; }

void qk_plat_texture_draw(qk_platform *p, qk_texture *t, float x, float y, float w, float h, qk_color tint) {
  SDL_FRect dst = {x, y, w, h};
  if (t->colour) SDL_SetTextureColorMod(t->tex, 255, 255, 255); /* keep its own colours */
  else SDL_SetTextureColorMod(t->tex, tint.r, tint.g, tint.b);
  SDL_SetTextureAlphaMod(t->tex, tint.a);
  SDL_RenderCopyF(p->renderer, t->tex, NULL, &dst);
}

void qk_plat_texture_free(qk_texture *t) {
  if (!t) return;
  if (t->tex) SDL_DestroyTexture(t->tex);
  free(t);
}

/* ---- font files: an RWops on font_file.h's reader ----
** SDL_ttf reads a font through an SDL_RWops; SDL's file RWops is stdio, so
** each table and glyph FreeType loads was an fseek (an lseek call, and the
** 4 KiB buffer thrown away) and a read of a whole buffer. This one keeps the
** offset itself and reads through font_file.h: small reads from a bounded
** cache of pread-filled windows, tables with one pread. */
typedef struct {
  qk_font_file_reader *r;
  Sint64 pos;
} font_rw;

static Sint64 SDLCALL pf_size(SDL_RWops *rw) { return qk_font_file_size(((font_rw *)rw->hidden.unknown.data1)->r); }

static Sint64 SDLCALL pf_seek(SDL_RWops *rw, Sint64 off, int whence) {
  font_rw *f = rw->hidden.unknown.data1;
  Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? f->pos : qk_font_file_size(f->r);
  if (off < -base) return SDL_SetError("seek before the start of a font file");
  f->pos = base + off;
  return f->pos;
}

static size_t SDLCALL pf_read(SDL_RWops *rw, void *ptr, size_t size, size_t n) {
  font_rw *f = rw->hidden.unknown.data1;
  if (size == 0 || n == 0) return 0;
  size_t want = size * n;
  if (want / size != n) return 0;
  size_t got = qk_font_file_read(f->r, f->pos, ptr, want); /* short: end of file or an error, as stdio's */
  f->pos += (Sint64)got;
  return got / size;
}

static size_t SDLCALL pf_write(SDL_RWops *rw, const void *ptr, size_t size, size_t n) {
  (void)rw, (void)ptr, (void)size, (void)n;
  SDL_SetError("font files are read-only");
  return 0;
}

static int SDLCALL pf_close(SDL_RWops *rw) {
  font_rw *f = rw->hidden.unknown.data1;
  int rc = qk_font_file_close(f->r);
  free(f);
  SDL_FreeRW(rw);
  return rc;
}

/* A read-only RWops on path, or NULL with SDL's error set. */
static SDL_RWops *font_rwops(const char *path) {
  qk_font_file_reader *r = qk_font_file_open(path);
  if (!r) {
    SDL_SetError("%s", errno == EINVAL ? "not a font file" : strerror(errno));
    return NULL;
  }
  font_rw *f = malloc(sizeof *f);
  SDL_RWops *rw = f ? SDL_AllocRW() : NULL;
  if (!rw) {
    SDL_OutOfMemory();
    free(f);
    qk_font_file_close(r);
    return NULL;
  }
  *f = (font_rw){r, 0};
  rw->size = pf_size;
  rw->seek = pf_seek;
  rw->read = pf_read;
  rw->write = pf_write;
  rw->close = pf_close;
  rw->type = SDL_RWOPS_UNKNOWN;
  rw->hidden.unknown.data1 = f;
  return rw;
}

qk_font *qk_plat_font_open(const char *path, int face_index, int pixel_size, char *err, size_t errlen) {
  qk_font *f = malloc(sizeof *f);
  if (!f) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  SDL_RWops *rw = font_rwops(path);
  f->ttf = rw ? TTF_OpenFontIndexRW(rw, 1, pixel_size, face_index) : NULL; /* frees rw, also on failure */
  if (!f->ttf) {
    snprintf(err, errlen, "cannot open font %s: %s", path, TTF_GetError());
    free(f);
    return NULL;
  }
  /* Light hinting keeps CJK strokes even without distorting their shapes. */
  TTF_SetFontHinting(f->ttf, TTF_HINTING_LIGHT);
  /* A scalable font's height follows the size; a bitmap font's stays at its
  ** strike's. Asked once, at a size clearly apart from this one. */
  int h = TTF_FontHeight(f->ttf), other = pixel_size > 40 ? pixel_size / 2 : pixel_size * 2;
  f->fixed = TTF_SetFontSize(f->ttf, other) == 0 && TTF_FontHeight(f->ttf) == h;
  if (TTF_SetFontSize(f->ttf, pixel_size) != 0) {
    snprintf(err, errlen, "cannot size font %s to %d px: %s", path, pixel_size, TTF_GetError());
    TTF_CloseFont(f->ttf);
    free(f);
    return NULL;
  }
  f->px = pixel_size;
  f->scale = line_scale(f, pixel_size);
  return f;
}

int qk_plat_font_set_size(qk_font *f, int pixel_size) {
  if (f->px == pixel_size) return 0;
  if (TTF_SetFontSize(f->ttf, pixel_size) != 0) return -1;
  f->px = pixel_size;
  f->scale = line_scale(f, pixel_size);
  return 0;
}

void qk_plat_font_close(qk_font *f) {
  if (!f) return;
  TTF_CloseFont(f->ttf);
  free(f);
}

int qk_plat_font_height(const qk_font *f) { return (int)((float)TTF_FontLineSkip(f->ttf) * f->scale); }
int qk_plat_font_ascent(const qk_font *f) { return (int)((float)TTF_FontAscent(f->ttf) * f->scale); }

int qk_plat_font_has_glyph(const qk_font *f, uint32_t cp) { return TTF_GlyphIsProvided32(f->ttf, cp) != 0; }

/* SDL_ttf wants NUL-terminated strings; runs are slices of a larger text. */
#define RUN_STACK 512
static const char *terminated(const char *s, size_t len, char *stackbuf, char **heap) {
  *heap = NULL;
  if (len < RUN_STACK) {
    memcpy(stackbuf, s, len);
    stackbuf[len] = 0;
    return stackbuf;
  }
  *heap = malloc(len + 1);
  if (!*heap) return NULL;
  memcpy(*heap, s, len);
  (*heap)[len] = 0;
  return *heap;
}

int qk_plat_font_measure(qk_font *f, const char *s, size_t len) {
  char buf[RUN_STACK], *heap;
  const char *z = terminated(s, len, buf, &heap);
  int w = 0, h = 0;
  if (z && TTF_SizeUTF8(f->ttf, z, &w, &h) != 0) w = 0;
  free(heap);
  return (int)((float)w * f->scale + 0.5f);
}

qk_texture *qk_plat_font_render(qk_platform *p, qk_font *f, const char *s, size_t len, qk_color c) {
  char buf[RUN_STACK], *heap;
  const char *z = terminated(s, len, buf, &heap);
  if (!z) return NULL;
  SDL_Color fg = {c.r, c.g, c.b, 255};
  SDL_Surface *surf = TTF_RenderUTF8_Blended(f->ttf, z, fg);
  free(heap);
  if (!surf) return NULL;
  qk_texture *t = texture_from_surface(p, surf);
  SDL_FreeSurface(surf);
  if (t) t->colour = 1; /* already in its colour */
  if (t && f->scale != 1.0f) {
    /* A colour bitmap: drawn at the line's size, in its own colours, smoothly scaled. */
    t->w = (int)((float)t->w * f->scale + 0.5f);
    t->h = (int)((float)t->h * f->scale + 0.5f);
    t->colour = 1;
    SDL_SetTextureScaleMode(t->tex, SDL_ScaleModeBest);
  }
  return t;
}
