/*
** ime_engines.h — the process's input engines: one libpinyin engine and one
** zinnia recognizer, each loaded on first use and kept until the process
** exits. No Lua here: the module's table (ime_module.c) exports them and
** the `ime` binding (runtime/lua/api_ime.c) hands them to each VM.
**
** Why one per process and not one per VM: a kiosk starts a fresh VM for
** every candidate. Loading libpinyin costs tens of milliseconds and, worse,
** leaks about 16 KB inside libpinyin every time (Bigram::load_db never
** closes the Berkeley DB handle it opens for the user bigram file that a
** kiosk never has), so a VM per candidate made memory grow without end.
** The engines hold only the dictionaries and the model, which are the same
** for everybody; what one candidate typed, chose or (with a learning
** keyboard) taught lives in their pinyin sessions, freed with their VM.
** The recognizer keeps the last strokes it read until the next reading;
** qk_ime_engines_new_candidate clears them.
**
** Freed at exit: the first load registers an atexit handler that frees
** both engines (after main returns or exit(); LeakSanitizer's own exit
** check runs after it, because it registered earlier). A process that is
** killed frees nothing and needs nothing freed.
**
** Single-threaded, like the runtime's main loop: call only from there.
*/
#ifndef QK_IME_ENGINES_H
#define QK_IME_ENGINES_H

#include <stddef.h>

#include "ime_handwriting.h"
#include "ime_pinyin.h"

/* Where the engines' data are, as staff set them (the QUIZKIOSK_PINYIN_DATA,
** QUIZKIOSK_PINYIN_USER_DIR and QUIZKIOSK_ZINNIA_MODEL overrides, read by the
** program's one environment reader, runtime/base/env.h). NULL = not set. */
typedef struct {
  const char *pinyin_data;     /* the libpinyin data folder */
  const char *pinyin_user_dir; /* persistent learning, opt-in */
  const char *zinnia_model;    /* the handwriting model, or its folder */
} qk_ime_paths;

/* The libpinyin engine, loaded the first time (its data found by
** qk_ime_find_pinyin_data; paths->pinyin_user_dir opts in to persistent
** learning). NULL with the reason in why when it cannot be loaded; a
** failure is remembered until the next candidate, so one VM asking
** repeatedly gets the same reason without searching again. */
qk_pinyin_engine *qk_ime_pinyin_engine(const qk_ime_paths *paths, char *why, size_t whylen);

/* The zinnia recognizer, the same way. */
qk_hw *qk_ime_recognizer(const qk_ime_paths *paths, char *why, size_t whylen);

/* A candidate is done (their VM is closing): whatever they left in the
** engines is wiped — the recognizer's last strokes — or, with persistent
** learning (QUIZKIOSK_PINYIN_USER_DIR), what they taught libpinyin is saved.
** Engines not loaded yet are left alone; one that failed is looked for
** again on the next request. */
void qk_ime_engines_new_candidate(void);

/* How many times the libpinyin engine has been loaded in this process
** (0 or 1 unless a test freed it): for tests. */
int qk_ime_pinyin_loads(void);

/* Frees both engines now (the atexit handler does this at exit; tests
** call it to check a later load works). */
void qk_ime_engines_free(void);

#endif
