/*
** ime_data.c — finds the engines' data files (see ime_data.h). Owns only the
** lists of places to look; ime.cmake adds libpinyin's pkg-config data
** folder as QK_PINYIN_PKGDATADIR. QK_ZINNIA_MODEL_DIR is never set by our
** build (zinnia's pkg-config file names no model folder): a packager whose
** model lives elsewhere passes it with -DQK_ZINNIA_MODEL_DIR=...
*/
#include "ime_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The files libpinyin cannot start without (pinyin_init reads table.conf
** first, then maps the indexes and the bigram). */
static const char *const pinyin_files[] = {"table.conf", "pinyin_index.bin", "phrase_index.bin", "gb_char.bin",
                                           "bigram.db"};

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int pinyin_dir_ok(const char *dir) {
  char path[4096];
  for (size_t i = 0; i < sizeof pinyin_files / sizeof pinyin_files[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, pinyin_files[i]);
    if (!is_file(path)) return 0;
  }
  return 1;
}

int qk_ime_find_pinyin_data(const char *env, char *out, size_t outlen, char *why, size_t whylen) {
  if (env) {
    if (pinyin_dir_ok(env)) {
      snprintf(out, outlen, "%s", env);
      return 0;
    }
    snprintf(why, whylen, "QUIZKIOSK_PINYIN_DATA=%s holds no libpinyin data (table.conf, *_index.bin, bigram.db)", env);
    return -1;
  }
  const char *candidates[] = {
#ifdef QK_PINYIN_PKGDATADIR
    QK_PINYIN_PKGDATADIR "/data",
#endif
#ifdef QK_MULTIARCH
    "/usr/lib/" QK_MULTIARCH "/libpinyin/data",
#endif
    "/usr/lib/x86_64-linux-gnu/libpinyin/data",
    "/usr/lib/aarch64-linux-gnu/libpinyin/data",
    "/usr/lib/arm-linux-gnueabihf/libpinyin/data",
    "/usr/lib/riscv64-linux-gnu/libpinyin/data",
    "/usr/lib64/libpinyin/data",
    "/usr/lib/libpinyin/data",
    "/usr/local/lib/libpinyin/data",
    "/usr/share/libpinyin/data",
  };
  for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
    if (pinyin_dir_ok(candidates[i])) {
      snprintf(out, outlen, "%s", candidates[i]);
      return 0;
    }
  }
  snprintf(why, whylen, "no libpinyin data found (install libpinyin-data, or set QUIZKIOSK_PINYIN_DATA)");
  return -1;
}

#define ZINNIA_MODEL "handwriting-zh_CN.model"

int qk_ime_find_zinnia_model(const char *env, char *out, size_t outlen, char *why, size_t whylen) {
  char path[4096];
  if (env) {
    if (is_dir(env)) {
      snprintf(path, sizeof path, "%s/%s", env, ZINNIA_MODEL);
      env = path;
    }
    if (is_file(env)) {
      snprintf(out, outlen, "%s", env);
      return 0;
    }
    snprintf(why, whylen, "QUIZKIOSK_ZINNIA_MODEL=%s: no zinnia model there", env);
    return -1;
  }
  const char *dirs[] = {
#ifdef QK_ZINNIA_MODEL_DIR
    QK_ZINNIA_MODEL_DIR,
#endif
    "/usr/share/tegaki/models/zinnia",        /* tegaki-zinnia-simplified-chinese */
    "/usr/local/share/tegaki/models/zinnia",
    "/usr/lib/zinnia/model/tomoe",             /* zinnia-tomoe (handwriting-zh_CN from tomoe) */
    "/usr/share/zinnia/model/tomoe",
    "/usr/lib64/zinnia/model/tomoe",
  };
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dirs[i], ZINNIA_MODEL);
    if (is_file(path)) {
      snprintf(out, outlen, "%s", path);
      return 0;
    }
  }
  snprintf(why, whylen, "no zinnia Simplified Chinese model found (install tegaki-zinnia-simplified-chinese, "
                        "or set QUIZKIOSK_ZINNIA_MODEL)");
  return -1;
}
