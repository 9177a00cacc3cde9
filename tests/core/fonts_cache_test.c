/*
** fonts_cache_test.c — the font match cache (runtime/core/fonts.c): a
** start whose fontconfig setup is unchanged resolves the family from the
** cache without loading fontconfig, and gets the same file as a full
** match; a font folder that changed, a missing or corrupt cache file, or
** a changed fontconfig environment make it match in full again, with the
** same answer. The cache lives in a temporary XDG_CACHE_HOME of its own.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"

static int failures;

static void check(int cond, const char *what) {
  printf("%s %s\n", cond ? "ok  " : "FAIL", what);
  if (!cond) failures++;
}

/* One start: a new instance matching family in regular and bold. Returns
** whether it had to load fontconfig; the answers go to reg and bold. */
static int start(const char *dir, qk_font_file *reg, qk_font_file *bold) {
  char err[256];
  const char *dirs[1] = {dir};
  qk_fonts *f = qk_fonts_new(dirs, 1, err, sizeof err);
  if (!f) {
    printf("FAIL qk_fonts_new: %s\n", err);
    exit(1);
  }
  int ok = qk_fonts_match(f, "Noto Sans CJK SC", 0, reg) == 0 && qk_fonts_match(f, "Noto Sans CJK SC", 1, bold) == 0;
  if (!ok) {
    printf("FAIL no match for Noto Sans CJK SC (is fonts-noto-cjk installed?)\n");
    exit(1);
  }
  int loaded = qk_fonts_config_loaded(f);
  qk_fonts_free(f);
  return loaded;
}

static int same(const qk_font_file *a, const qk_font_file *b) {
  return strcmp(a->path, b->path) == 0 && a->index == b->index;
}

static void write_file(const char *path, const char *text) {
  FILE *o = fopen(path, "w");
  if (!o || fputs(text, o) < 0 || fclose(o) != 0) {
    printf("FAIL cannot write %s\n", path);
    exit(1);
  }
}

int main(void) {
  char tmpl[] = "/tmp/qk-fontcache-XXXXXX";
  char *root = mkdtemp(tmpl);
  if (!root) return 1;
  char fonts[256], cache[256], extra[256], cmd[300];
  snprintf(fonts, sizeof fonts, "%s/fonts", root);
  snprintf(cache, sizeof cache, "%s/quizkiosk/fontmatch", root);
  snprintf(extra, sizeof extra, "%s/fonts/readme.txt", root);
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", fonts);
  if (system(cmd) != 0) return 1;
  setenv("XDG_CACHE_HOME", root, 1);

  qk_font_file r0, b0, r, b;
  check(start(fonts, &r0, &b0) == 1, "no cache file: fontconfig loaded for a full match");
  check(strstr(r0.path, "NotoSansCJK") != NULL && strcmp(r0.path, b0.path) != 0, "regular and bold are different files");
  FILE *c = fopen(cache, "r");
  check(c != NULL, "the match was written to the cache");
  if (c) fclose(c);

  check(start(fonts, &r, &b) == 0, "same setup: answered from the cache without loading fontconfig");
  check(same(&r, &r0) && same(&b, &b0), "  with the full match's files");

  write_file(extra, "a file added to a font folder changes its mtime\n");
  check(start(fonts, &r, &b) == 1, "a font folder changed: full match again");
  check(same(&r, &r0) && same(&b, &b0), "  same files");
  check(start(fonts, &r, &b) == 0, "  and the rewritten cache is trusted next time");

  write_file(cache, "S\tgarbage");
  check(start(fonts, &r, &b) == 1, "corrupt cache: full match");
  check(same(&r, &r0) && same(&b, &b0), "  same files");

  write_file(cache, "");
  check(start(fonts, &r, &b) == 1, "empty cache: full match");

  setenv("FONTCONFIG_PATH", "/etc/fonts", 1); /* the same files, but another environment */
  check(start(fonts, &r, &b) == 1, "fontconfig's environment changed: full match");
  check(same(&r, &r0) && same(&b, &b0), "  same files");
  unsetenv("FONTCONFIG_PATH");

  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  if (system(cmd) != 0) failures++;
  printf("%s\n", failures ? "FAILED" : "all passed");
  return failures != 0;
}
