/*
** ime_data.h — where the input engines' data live. Owns the search for the
** libpinyin data folder and the zinnia Simplified Chinese model: an
** environment override first (QUIZKIOSK_PINYIN_DATA, QUIZKIOSK_ZINNIA_MODEL:
** when set, only that place is tried, so tests can point at an empty folder),
** then what the build found through pkg-config, then the usual Debian,
** Fedora and Arch locations. Nothing here keeps state.
*/
#ifndef QK_IME_DATA_H
#define QK_IME_DATA_H

#include <stddef.h>

/* 0 and the folder holding libpinyin's table.conf and tables in out, or -1
** with a reason (what was tried) in why. override: QUIZKIOSK_PINYIN_DATA
** (qk_env_get()->pinyin_data, env.h), used alone when set; NULL = none. */
int qk_ime_find_pinyin_data(const char *override, char *out, size_t outlen, char *why, size_t whylen);

/* 0 and the path of the zinnia model file in out, or -1 with a reason. The
** override (QUIZKIOSK_ZINNIA_MODEL, NULL = none) may name the model file or
** a folder holding handwriting-zh_CN.model. */
int qk_ime_find_zinnia_model(const char *override, char *out, size_t outlen, char *why, size_t whylen);

#endif
