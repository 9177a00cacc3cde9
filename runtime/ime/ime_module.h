/*
** ime_module.h — the input-method engines as a loadable module. The engines
** (libpinyin, zinnia, and what they pull in: Berkeley DB, libstdc++, GLib)
** are built into a shared module of their own (QK_IME_MODULE_FILE, installed
** next to the program or in its lib folder), so a kiosk that never shows a
** Chinese keyboard never maps them. The Lua binding (runtime/lua/api_ime.c)
** dlopens it the first time a keyboard asks for an engine and reaches
** everything through the one table below.
**
** The module exports one symbol, QK_IME_MODULE_SYMBOL: a const
** qk_ime_module whose abi is QK_IME_MODULE_ABI. A loader refuses any other
** abi (a module from another build). Add entries at the end and bump the
** abi when an entry changes.
*/
#ifndef QK_IME_MODULE_H
#define QK_IME_MODULE_H

#include <stddef.h>

#include "ime_engines.h"
#include "ime_handwriting.h"
#include "ime_pinyin.h"

#define QK_IME_MODULE_ABI 2
#define QK_IME_MODULE_SYMBOL "qk_ime_module_v1"

typedef struct {
  int abi; /* QK_IME_MODULE_ABI */
  /* The process's engines (ime_engines.h). */
  qk_pinyin_engine *(*pinyin_engine)(const qk_ime_paths *paths, char *why, size_t whylen);
  qk_hw *(*recognizer)(const qk_ime_paths *paths, char *why, size_t whylen);
  void (*new_candidate)(void);
  /* Pinyin compositions (ime_pinyin.h). */
  qk_pinyin *(*pinyin_new)(qk_pinyin_engine *e, int learn);
  void (*pinyin_free)(qk_pinyin *p);
  int (*pinyin_add_phrase)(qk_pinyin *p, const char *text, const char *pinyin);
  int (*pinyin_key)(qk_pinyin *p, int ch);
  int (*pinyin_backspace)(qk_pinyin *p);
  void (*pinyin_reset)(qk_pinyin *p);
  int (*pinyin_active)(const qk_pinyin *p);
  const char *(*pinyin_preedit)(qk_pinyin *p);
  const char *(*pinyin_raw)(const qk_pinyin *p);
  int (*pinyin_count)(qk_pinyin *p);
  const char *(*pinyin_candidate)(qk_pinyin *p, int i);
  int (*pinyin_choose)(qk_pinyin *p, int i, const char **committed);
  const char *(*pinyin_commit_raw)(qk_pinyin *p);
  /* Handwriting (ime_handwriting.h). */
  int (*hw_recognize)(qk_hw *h, const float *xy, const int *npoints, int nstrokes, int width, int height,
                      qk_hw_result *out, int max);
} qk_ime_module;

#endif
