/*
** fonts.c — see fonts.h. One FcConfig per instance (no global fontconfig
** state is changed), so two runtimes in one process would not disturb each
** other.
*/
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qk_fonts {
  FcConfig *config;
};

qk_fonts *qk_fonts_new(const char *const *dirs, int ndirs, char *err, size_t errlen) {
  qk_fonts *f = calloc(1, sizeof *f);
  if (!f) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  f->config = FcInitLoadConfigAndFonts();
  if (!f->config) {
    snprintf(err, errlen, "fontconfig could not load its configuration");
    free(f);
    return NULL;
  }
  for (int i = 0; i < ndirs; i++)
    if (dirs[i]) FcConfigAppFontAddDir(f->config, (const FcChar8 *)dirs[i]); /* missing dirs are fine */
  return f;
}

void qk_fonts_free(qk_fonts *f) {
  if (!f) return;
  FcConfigDestroy(f->config);
  free(f);
}

static FcPattern *pattern_for(qk_fonts *f, const char *family, int bold) {
  FcPattern *pat = FcPatternCreate();
  if (!pat) return NULL;
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)(family && *family ? family : "sans-serif"));
  /* Chinese content: prefer Simplified Chinese glyph forms when a family is generic. */
  FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
  FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(f->config, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  return pat;
}

static int file_of(FcPattern *font, qk_font_file *out) {
  FcChar8 *file = NULL;
  int index = 0;
  if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || !file) return -1;
  FcPatternGetInteger(font, FC_INDEX, 0, &index);
  snprintf(out->path, sizeof out->path, "%s", (const char *)file);
  out->index = index;
  return 0;
}

int qk_fonts_match(qk_fonts *f, const char *family, int bold, qk_font_file *out) {
  FcPattern *pat = pattern_for(f, family, bold);
  if (!pat) return -1;
  FcResult res;
  FcPattern *font = FcFontMatch(f->config, pat, &res);
  FcPatternDestroy(pat);
  if (!font) return -1;
  int rc = file_of(font, out);
  FcPatternDestroy(font);
  return rc;
}

static int is_emoji(uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F900 && cp <= 0x1F9FF);
}

int qk_fonts_fallback(qk_fonts *f, const char *family, int bold, uint32_t cp, qk_font_file *out) {
  FcPattern *pat = pattern_for(f, family, bold);
  if (!pat) return -1;
  /* Emoji: prefer a colour font over the black-and-white symbols some
  ** text fonts carry. */
  if (is_emoji(cp)) FcPatternAddBool(pat, FC_COLOR, FcTrue);
  FcResult res;
  FcCharSet *unused = NULL;
  FcFontSet *set = FcFontSort(f->config, pat, FcFalse, &unused, &res);
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
