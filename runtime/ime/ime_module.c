/*
** ime_module.c — the module's one exported symbol (ime_module.h): the table
** of the engines' functions. Everything else in the module is hidden
** (-fvisibility=hidden), so its names cannot clash with the program's.
*/
#include "ime_module.h"

#include "ime_engines.h"

__attribute__((visibility("default"))) extern const qk_ime_module qk_ime_module_v1;

const qk_ime_module qk_ime_module_v1 = {
  .abi = QK_IME_MODULE_ABI,
  .pinyin_engine = qk_ime_pinyin_engine,
  .recognizer = qk_ime_recognizer,
  .new_candidate = qk_ime_engines_new_candidate,
  .pinyin_new = qk_pinyin_new,
  .pinyin_free = qk_pinyin_free,
  .pinyin_add_phrase = qk_pinyin_add_phrase,
  .pinyin_key = qk_pinyin_key,
  .pinyin_backspace = qk_pinyin_backspace,
  .pinyin_reset = qk_pinyin_reset,
  .pinyin_active = qk_pinyin_active,
  .pinyin_preedit = qk_pinyin_preedit,
  .pinyin_raw = qk_pinyin_raw,
  .pinyin_count = qk_pinyin_count,
  .pinyin_candidate = qk_pinyin_candidate,
  .pinyin_choose = qk_pinyin_choose,
  .pinyin_commit_raw = qk_pinyin_commit_raw,
  .hw_recognize = qk_hw_recognize,
};
