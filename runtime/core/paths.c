/*
** paths.c — see paths.h.
*/
#include "paths.h"
#include "env.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef QK_SOURCE_DIR
#define QK_SOURCE_DIR ""
#endif
#ifndef QK_INSTALL_DATADIR
#define QK_INSTALL_DATADIR "/usr/local/share/quizkiosk"
#endif

int qk_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int qk_is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int has_scripts(const char *dir) {
  char p[4096];
  if (!dir || !*dir) return 0;
  snprintf(p, sizeof p, "%s/scripts/kiosk", dir);
  return qk_is_dir(p);
}

static int use(char *out, size_t len, const char *dir) {
  char real[PATH_MAX];
  if (!realpath(dir, real)) snprintf(real, sizeof real, "%s", dir);
  return snprintf(out, len, "%s", real) < (int)len ? 0 : -1;
}

int qk_paths_data_dir(char *out, size_t len) {
  const char *env = qk_env_get()->data_dir; /* QUIZKIOSK_DATA */
  if (has_scripts(env)) return use(out, len, env);
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      char cand[PATH_MAX + 32];
      snprintf(cand, sizeof cand, "%s/../share/quizkiosk", exe);
      if (has_scripts(cand)) return use(out, len, cand);
      snprintf(cand, sizeof cand, "%s/..", exe); /* build dir inside the source tree */
      if (has_scripts(cand)) return use(out, len, cand);
    }
  }
  if (has_scripts(QK_SOURCE_DIR)) return use(out, len, QK_SOURCE_DIR);
  if (has_scripts(QK_INSTALL_DATADIR)) return use(out, len, QK_INSTALL_DATADIR);
  return -1;
}

int qk_paths_default_db(char *out, size_t len) {
  const char *xdg = getenv("XDG_DATA_HOME");
  const char *home = getenv("HOME");
  int n;
  if (xdg && *xdg == '/') n = snprintf(out, len, "%s/quizkiosk/results.db", xdg);
  else if (home && *home) n = snprintf(out, len, "%s/.local/share/quizkiosk/results.db", home);
  else n = snprintf(out, len, "/var/lib/quizkiosk/results.db");
  return n > 0 && (size_t)n < len ? 0 : -1;
}

int qk_path_within(const char *path, const char *dir) {
  char real_path[PATH_MAX], real_dir[PATH_MAX];
  if (!realpath(path, real_path) || !realpath(dir, real_dir)) return -1;
  size_t n = strlen(real_dir);
  if (n == 1) return 1; /* the root folder holds everything */
  return strncmp(real_path, real_dir, n) == 0 && real_path[n] == '/';
}

int qk_mkdirs(const char *dir, int mode) {
  char p[4096];
  if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p) {
    errno = ENAMETOOLONG;
    return -1;
  }
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = 0;
    if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) return -1;
    *s = '/';
  }
  if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) return -1;
  return qk_is_dir(p) ? 0 : -1;
}
