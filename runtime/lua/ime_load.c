/*
** ime_load.c — see ime_load.h. The one module loader (runtime/base/module.h)
** does the finding, loading and abi check.
*/
#include "ime_load.h"

#include <stdio.h>
#include <string.h>

#include "module.h"

#ifndef QK_IME_MODULE_FILE
#define QK_IME_MODULE_FILE "quizkiosk-ime.so"
#endif

const qk_ime_module *qk_ime_module_load(char *why, size_t whylen) {
  const void *m = qk_module_load(QK_IME_MODULE_FILE, QK_IME_MODULE_SYMBOL, QK_IME_MODULE_ABI, "input-method", why,
                                 whylen);
  if (!m && why && whylen && strstr(why, "is not installed"))
    snprintf(why + strlen(why), whylen - strlen(why), ": this build has no Chinese input");
  return m;
}
