/*
** module.c — see module.h.
*/
#include "module.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef QK_MODULE_RELDIR
#define QK_MODULE_RELDIR "../lib/quizkiosk"
#endif

/* One slot per module file: a handful exist, so a small table is enough. */
#define MAX_MODULES 8

static struct {
  const char *file; /* a string literal of the caller's */
  const void *table;
  char why[2048];
} loaded[MAX_MODULES];

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

/* NULL with why "" when path is not there; NULL with why set when it is
** there but unusable. */
static const void *try_load(const char *path, const char *symbol, int abi, const char *what, char *why,
                            size_t whylen) {
  if (access(path, R_OK) != 0) return NULL;
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(why, whylen, "cannot load the %s module %s: %s", what, path, e ? e : "unknown error");
    return NULL;
  }
  const int *table = dlsym(h, symbol);
  if (!table || *table != abi) {
    snprintf(why, whylen, "%s is not this program's %s module (%s)", path, what,
             table ? "another version" : "it has no entry point");
    dlclose(h);
    return NULL;
  }
  return table; /* kept loaded for good: see module.h */
}

static const void *load(const char *file, const char *symbol, int abi, const char *what, char *why,
                        size_t whylen) {
  char dir[2048], beside[2200], installed[2300];
  if (program_dir(dir, sizeof dir) != 0) {
    snprintf(why, whylen, "the %s module cannot be looked for: the program's own path is unknown "
                          "(/proc not mounted?)", what);
    return NULL;
  }
  snprintf(beside, sizeof beside, "%s/%s", dir, file);
  if (QK_MODULE_RELDIR[0] == '/')
    snprintf(installed, sizeof installed, "%s/%s", QK_MODULE_RELDIR, file);
  else
    snprintf(installed, sizeof installed, "%s/%s/%s", dir, QK_MODULE_RELDIR, file);
  why[0] = 0;
  const void *t = try_load(beside, symbol, abi, what, why, whylen);
  if (!t && !why[0]) t = try_load(installed, symbol, abi, what, why, whylen);
  if (!t && !why[0])
    snprintf(why, whylen, "the %s module %s is not installed (looked for %s and %s)", what, file, beside,
             installed);
  return t;
}

const void *qk_module_load(const char *file, const char *symbol, int abi, const char *what, char *why,
                           size_t whylen) {
  int i = 0;
  while (i < MAX_MODULES && loaded[i].file && strcmp(loaded[i].file, file)) i++;
  if (i == MAX_MODULES) { /* a program with more modules than slots: load, do not cache */
    char tmp[2048];
    const void *t = load(file, symbol, abi, what, tmp, sizeof tmp);
    if (!t && why && whylen) snprintf(why, whylen, "%s", tmp);
    return t;
  }
  if (!loaded[i].file) {
    loaded[i].file = file;
    loaded[i].table = load(file, symbol, abi, what, loaded[i].why, sizeof loaded[i].why);
  }
  if (!loaded[i].table && why && whylen) snprintf(why, whylen, "%s", loaded[i].why);
  return loaded[i].table;
}
