/*
** ime_load.c — see ime_load.h.
*/
#include "ime_load.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef QK_IME_MODULE_FILE
#define QK_IME_MODULE_FILE "quizkiosk-ime.so"
#endif
#ifndef QK_IME_MODULE_RELDIR
#define QK_IME_MODULE_RELDIR "../lib/quizkiosk"
#endif

static struct {
  int tried;
  const qk_ime_module *module;
  char why[2048];
} loaded;

/* The folder of the running program, or -1. */
static int program_dir(char *out, size_t outlen) {
  ssize_t n = readlink("/proc/self/exe", out, outlen - 1);
  if (n <= 0 || (size_t)n >= outlen - 1) return -1;
  out[n] = 0;
  char *slash = strrchr(out, '/');
  if (!slash) return -1;
  *slash = 0;
  return 0;
}

static const qk_ime_module *try_load(const char *path, char *why, size_t whylen) {
  if (access(path, R_OK) != 0) return NULL;
  /* RTLD_LOCAL: the engines' libraries stay out of the program's namespace. */
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(why, whylen, "cannot load the input-method module %s: %s", path, e ? e : "unknown error");
    return NULL;
  }
  const qk_ime_module *m = dlsym(h, QK_IME_MODULE_SYMBOL);
  if (!m || m->abi != QK_IME_MODULE_ABI) {
    snprintf(why, whylen, "%s is not this program's input-method module (%s)", path,
             m ? "another version" : "no " QK_IME_MODULE_SYMBOL);
    dlclose(h);
    return NULL;
  }
  return m; /* kept loaded for good: see ime_load.h */
}

const qk_ime_module *qk_ime_module_load(char *why, size_t whylen) {
  if (!loaded.tried) {
    loaded.tried = 1;
    char dir[2048], beside[2200], installed[2300];
    if (program_dir(dir, sizeof dir) != 0) {
      snprintf(loaded.why, sizeof loaded.why, "the input-method module cannot be looked for: "
                                              "the program's own path is unknown (/proc not mounted?)");
    } else {
      snprintf(beside, sizeof beside, "%s/%s", dir, QK_IME_MODULE_FILE);
      if (QK_IME_MODULE_RELDIR[0] == '/')
        snprintf(installed, sizeof installed, "%s/%s", QK_IME_MODULE_RELDIR, QK_IME_MODULE_FILE);
      else
        snprintf(installed, sizeof installed, "%s/%s/%s", dir, QK_IME_MODULE_RELDIR, QK_IME_MODULE_FILE);
      loaded.why[0] = 0;
      loaded.module = try_load(beside, loaded.why, sizeof loaded.why);
      if (!loaded.module && !loaded.why[0]) loaded.module = try_load(installed, loaded.why, sizeof loaded.why);
      if (!loaded.module && !loaded.why[0])
        snprintf(loaded.why, sizeof loaded.why,
                 "the input-method module %s is not installed (looked for %s and %s): "
                 "this build has no Chinese input", QK_IME_MODULE_FILE, beside, installed);
    }
  }
  if (!loaded.module) snprintf(why, whylen, "%s", loaded.why);
  return loaded.module;
}
