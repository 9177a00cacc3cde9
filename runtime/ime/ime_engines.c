/*
** ime_engines.c — see ime_engines.h. Owns the process's one libpinyin engine
** and one zinnia recognizer (or the reason each could not be loaded), and
** the atexit handler that frees them.
*/
#include "ime_engines.h"

#include <stdio.h>
#include <stdlib.h>

#include "ime_data.h"

/* One slot per engine: not tried yet, loaded, or failed with a reason. */
typedef enum { SLOT_UNTRIED, SLOT_LOADED, SLOT_FAILED } slot_state;

static struct {
  slot_state pinyin_state, hw_state;
  qk_pinyin_engine *pinyin;
  qk_hw *hw;
  char pinyin_why[4200], hw_why[4200]; /* as long as ime_data.c's reasons (the places tried) */
  int pinyin_loads;
  int exit_handler; /* the atexit handler is registered */
} engines;

static void free_at_exit(void) { qk_ime_engines_free(); }

/* Registers the exit handler once, before the first engine is kept. If
** that fails (atexit's table is full) the engine is still used; it is then
** reclaimed by the end of the process like any other memory. */
static void want_exit_handler(void) {
  if (!engines.exit_handler && atexit(free_at_exit) == 0) engines.exit_handler = 1;
}

qk_pinyin_engine *qk_ime_pinyin_engine(const qk_ime_paths *paths, char *why, size_t whylen) {
  if (engines.pinyin_state == SLOT_UNTRIED) {
    char dir[4096], reason[4200];
    qk_pinyin_engine *e = NULL;
    if (qk_ime_find_pinyin_data(paths->pinyin_data, dir, sizeof dir, reason, sizeof reason) == 0)
      e = qk_pinyin_engine_new(dir, paths->pinyin_user_dir, reason, sizeof reason);
    if (e) {
      want_exit_handler();
      engines.pinyin = e;
      engines.pinyin_state = SLOT_LOADED;
      engines.pinyin_loads++;
    } else {
      snprintf(engines.pinyin_why, sizeof engines.pinyin_why, "%s", reason);
      engines.pinyin_state = SLOT_FAILED;
    }
  }
  if (engines.pinyin_state == SLOT_FAILED) snprintf(why, whylen, "%s", engines.pinyin_why);
  return engines.pinyin;
}

qk_hw *qk_ime_recognizer(const qk_ime_paths *paths, char *why, size_t whylen) {
  if (engines.hw_state == SLOT_UNTRIED) {
    char path[4096], reason[4200];
    qk_hw *h = NULL;
    if (qk_ime_find_zinnia_model(paths->zinnia_model, path, sizeof path, reason, sizeof reason) == 0) h = qk_hw_new(path, reason, sizeof reason);
    if (h) {
      want_exit_handler();
      engines.hw = h;
      engines.hw_state = SLOT_LOADED;
    } else {
      snprintf(engines.hw_why, sizeof engines.hw_why, "%s", reason);
      engines.hw_state = SLOT_FAILED;
    }
  }
  if (engines.hw_state == SLOT_FAILED) snprintf(why, whylen, "%s", engines.hw_why);
  return engines.hw;
}

void qk_ime_engines_new_candidate(void) {
  if (engines.pinyin) qk_pinyin_engine_candidate_done(engines.pinyin);
  if (engines.hw) qk_hw_reset(engines.hw);
  /* Data installed since a failed load are found by the next candidate
  ** (looking again costs a few stat calls). */
  if (engines.pinyin_state == SLOT_FAILED) engines.pinyin_state = SLOT_UNTRIED;
  if (engines.hw_state == SLOT_FAILED) engines.hw_state = SLOT_UNTRIED;
}

int qk_ime_pinyin_loads(void) { return engines.pinyin_loads; }

void qk_ime_engines_free(void) {
  qk_pinyin_engine_free(engines.pinyin);
  qk_hw_free(engines.hw);
  engines.pinyin = NULL;
  engines.hw = NULL;
  engines.pinyin_state = engines.hw_state = SLOT_UNTRIED;
}
