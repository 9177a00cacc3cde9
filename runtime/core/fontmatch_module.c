/*
** fontmatch_module.c — the fontconfig module's one exported symbol
** (fontmatch_module.h), built into QK_FONTMATCH_MODULE_FILE, the only file
** that links fontconfig. Everything else here is hidden.
*/
#define _GNU_SOURCE /* dladdr */
#include "fontmatch_module.h"

#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>

__attribute__((visibility("default"))) extern const qk_fontmatch_module qk_fontmatch_module_v1;

static qk_fontmatch *load(const char *const *dirs, int ndirs) {
  FcConfig *c = FcInitLoadConfigAndFonts();
  if (!c) return NULL;
  for (int i = 0; i < ndirs; i++) FcConfigAppFontAddDir(c, (const FcChar8 *)dirs[i]); /* missing dirs are fine */
  return (qk_fontmatch *)c;
}

static void destroy(qk_fontmatch *m) {
  if (m) FcConfigDestroy((FcConfig *)m);
}

static int put_list(FcStrList *l, int parents, qk_fontmatch_path_fn fn, void *ctx) {
  if (!l) return -1;
  FcChar8 *p;
  while ((p = FcStrListNext(l))) fn(ctx, (const char *)p, parents);
  FcStrListDone(l);
  return 0;
}

/* The file the dynamic loader mapped addr from, or -1. */
static int put_object(const void *addr, qk_fontmatch_path_fn fn, void *ctx) {
  Dl_info info;
  if (!dladdr(addr, &info) || !info.dli_fname || info.dli_fname[0] != '/') return -1;
  fn(ctx, info.dli_fname, 0);
  return 0;
}

static int paths(qk_fontmatch *m, qk_fontmatch_path_fn fn, void *ctx) {
  FcConfig *c = (FcConfig *)m;
  int rc = put_list(FcConfigGetConfigFiles(c), 1, fn, ctx);
  rc |= put_list(FcConfigGetConfigDirs(c), 0, fn, ctx);
  rc |= put_list(FcConfigGetFontDirs(c), 0, fn, ctx);
  /* The stamp once held FcGetVersion(); a cache hit no longer loads the
  ** library to ask, so the library file itself (replaced by an upgrade)
  ** and this module (rebuilt with the program) stand for the version. */
  rc |= put_object((const void *)FcGetVersion, fn, ctx);
  rc |= put_object(&qk_fontmatch_module_v1, fn, ctx);
  return rc ? -1 : 0;
}

static FcPattern *pattern_for(FcConfig *c, const char *family, int bold) {
  FcPattern *pat = FcPatternCreate();
  if (!pat) return NULL;
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)(family && *family ? family : "sans-serif"));
  /* Chinese content: prefer Simplified Chinese glyph forms when a family is generic. */
  FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
  FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(c, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  return pat;
}

static int file_of(FcPattern *font, qk_font_file *out) {
  FcChar8 *file = NULL;
  int index = 0;
  if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || !file) return -1;
  FcPatternGetInteger(font, FC_INDEX, 0, &index);
  int n = snprintf(out->path, sizeof out->path, "%s", (const char *)file);
  if (n < 0 || (size_t)n >= sizeof out->path) return -1; /* a cut path would name another file */
  out->index = index;
  return 0;
}

static int match(qk_fontmatch *m, const char *family, int bold, qk_font_file *out) {
  FcConfig *c = (FcConfig *)m;
  FcPattern *pat = pattern_for(c, family, bold);
  if (!pat) return -1;
  FcResult res;
  FcPattern *font = FcFontMatch(c, pat, &res);
  FcPatternDestroy(pat);
  if (!font) return -1;
  int rc = file_of(font, out);
  FcPatternDestroy(font);
  return rc;
}

static int is_emoji(uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F900 && cp <= 0x1F9FF);
}

static int fallback(qk_fontmatch *m, const char *family, int bold, uint32_t cp, qk_font_file *out) {
  FcConfig *c = (FcConfig *)m;
  FcPattern *pat = pattern_for(c, family, bold);
  if (!pat) return -1;
  /* Emoji: prefer a colour font over the black-and-white symbols some
  ** text fonts carry. */
  if (is_emoji(cp)) FcPatternAddBool(pat, FC_COLOR, FcTrue);
  FcResult res;
  FcCharSet *unused = NULL;
  FcFontSet *set = FcFontSort(c, pat, FcFalse, &unused, &res);
  FcPatternDestroy(pat);
  if (unused) FcCharSetDestroy(unused);
  if (!set) return -1;
  int rc = -1;
  for (int i = 0; i < set->nfont && rc != 0; i++) {
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch && cs && FcCharSetHasChar(cs, cp))
      rc = file_of(set->fonts[i], out);
  }
  FcFontSetDestroy(set);
  return rc;
}

const qk_fontmatch_module qk_fontmatch_module_v1 = {
  .abi = QK_FONTMATCH_MODULE_ABI,
  .load = load,
  .free = destroy,
  .paths = paths,
  .match = match,
  .fallback = fallback,
};
