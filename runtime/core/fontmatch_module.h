/*
** fontmatch_module.h — fontconfig as a loadable module, QK_FONTMATCH_MODULE_FILE.
** The font match cache (fonts.c) answers a start whose fontconfig setup is
** unchanged without asking fontconfig, but a linked libfontconfig was still
** mapped and relocated at every start (its libexpat stays: SDL's libgbm
** links it too). So
** every fontconfig call lives in this module, the only file that links
** fontconfig; fonts.c loads it through the one module loader
** (runtime/base/module.h) on a cache miss or a fallback lookup.
**
** The module exports one symbol, QK_FONTMATCH_MODULE_SYMBOL: a const
** qk_fontmatch_module whose abi is QK_FONTMATCH_MODULE_ABI; any other abi
** is refused. Bump it when an entry changes.
*/
#ifndef QK_FONTMATCH_MODULE_H
#define QK_FONTMATCH_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include "fonts.h"

#define QK_FONTMATCH_MODULE_ABI 1
#define QK_FONTMATCH_MODULE_SYMBOL "qk_fontmatch_module_v1"

/* A loaded fontconfig configuration (an FcConfig of its own: no global
** fontconfig state is changed, so two runtimes in a process do not meet). */
typedef struct qk_fontmatch qk_fontmatch;

/* Called for each path a match depends on; with_parent: its folder too
** (a file added beside a configuration file). */
typedef void (*qk_fontmatch_path_fn)(void *ctx, const char *path, int with_parent);

typedef struct {
  int abi; /* QK_FONTMATCH_MODULE_ABI */
  /* fontconfig's configuration and fonts, with dirs (may be missing) added
  ** as application font folders. NULL if fontconfig cannot load it. */
  qk_fontmatch *(*load)(const char *const *dirs, int ndirs);
  void (*free)(qk_fontmatch *m);
  /* Every path the answers depend on: configuration files (with their
  ** folders), configuration folders, font folders, and the fontconfig
  ** library and this module as loaded (their version). 0, or -1 when
  ** fontconfig could not list one of them (then nothing may be cached). */
  int (*paths)(qk_fontmatch *m, qk_fontmatch_path_fn fn, void *ctx);
  /* The file for family in regular or bold weight (fonts.h). 0 or -1. */
  int (*match)(qk_fontmatch *m, const char *family, int bold, qk_font_file *out);
  /* A file drawing cp, preferring ones close to family (fonts.h). 0 or -1. */
  int (*fallback)(qk_fontmatch *m, const char *family, int bold, uint32_t cp, qk_font_file *out);
} qk_fontmatch_module;

#endif
