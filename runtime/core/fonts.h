/*
** fonts.h — choosing font FILES: fontconfig, with the kiosk's own fonts/
** folder and the app's folder added first, so a font dropped there overrides
** a system one of the same name. Opening and rasterising is the platform's.
*/
#ifndef QK_FONTS_H
#define QK_FONTS_H

#include <stddef.h>
#include <stdint.h>

typedef struct qk_fonts qk_fonts;

typedef struct {
  char path[1024];
  int index;        /* face index inside a .ttc collection */
} qk_font_file;

/* dirs: folders whose fonts are added to the search (may be missing; at
** most 8). fontconfig's configuration is loaded on the first lookup that
** needs it: a match the cache (fonts.c) vouches for does not. fontconfig
** is the module quizkiosk-fontconfig.so (fontmatch_module.h), loaded
** then; without it such a lookup fails, saying why on stderr. */
qk_fonts *qk_fonts_new(const char *const *dirs, int ndirs, char *err, size_t errlen);
void qk_fonts_free(qk_fonts *f);
/* 1 once fontconfig's configuration was loaded (a match the cache did not
** answer, or a fallback lookup), else 0. For tests and bench/. */
int qk_fonts_config_loaded(const qk_fonts *f);
/* The file for family (e.g. "Noto Sans CJK SC", or "sans-serif") in regular
** or bold weight. Returns 0, or -1 when no usable font exists at all. */
int qk_fonts_match(qk_fonts *f, const char *family, int bold, qk_font_file *out);
/* A file that has a glyph for cp, preferring ones close to family.
** Returns 0, or -1 if no installed font draws cp. */
int qk_fonts_fallback(qk_fonts *f, const char *family, int bold, uint32_t cp, qk_font_file *out);

#endif
