/*
** fonts.c — see fonts.h. One FcConfig per instance (no global fontconfig
** state is changed), so two runtimes in one process would not disturb each
** other.
**
** The match cache: loading fontconfig's configuration and caches
** (FcInitLoadConfigAndFonts) cost ~3.7 ms of a ~38 ms start, to learn the
** one file the default family resolves to. Each match is therefore kept in
** a small file ($XDG_CACHE_HOME/quizkiosk/fontmatch, else ~/.cache/...)
** with a stamp of everything the answer depended on: fontconfig's library,
** its environment variables, every configuration file and the folder
** holding it, every font folder (configured, found and the kiosk's own),
** the user's configuration places that may appear later, and the matched
** file itself (device, inode, size, mtime in ns). A later start stats
** those paths; when all are as stamped it uses the file without loading
** fontconfig, otherwise (or without the file, or on any doubt) it loads
** fontconfig, matches in full and writes the cache again. Fallback lookups
** for missing glyphs always load fontconfig. Font folders are checked by
** their mtime, as fontconfig checks its own caches.
**
** fontconfig itself is a module (fontmatch_module.h), loaded with the
** first lookup the cache does not answer: a start the cache answers does
** not map libfontconfig. Its version is stamped as the
** library file and the module the loader mapped.
*/
#include "fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fontmatch_module.h"
#include "module.h"
#include "paths.h"

#define MAX_DIRS 8
#define CACHE_MAX (256 * 1024) /* a stamp of a few hundred paths; more is not ours */

struct qk_fonts {
  const qk_fontmatch_module *fc; /* the fontconfig module, loaded on first need */
  qk_fontmatch *config;      /* NULL until a lookup needs fontconfig */
  int config_failed;
  char *dirs[MAX_DIRS];      /* the kiosk's font folders, added to the config */
  int ndirs;
  char cache_path[1100];     /* "" = no cache (no HOME) */
  char *cache;               /* the cache file's text, when its stamp held */
  int cache_read;
};

/* Environment variables fontconfig reads to find its configuration, and
** the dynamic loader's, which may pick another libfontconfig. */
static const char *const env_keys[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
                                       "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "LD_LIBRARY_PATH",
                                       "LD_PRELOAD"};

qk_fonts *qk_fonts_new(const char *const *dirs, int ndirs, char *err, size_t errlen) {
  qk_fonts *f = calloc(1, sizeof *f);
  if (!f) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  for (int i = 0; i < ndirs && f->ndirs < MAX_DIRS; i++)
    if (dirs[i] && !(f->dirs[f->ndirs++] = strdup(dirs[i]))) {
      qk_fonts_free(f);
      snprintf(err, errlen, "out of memory");
      return NULL;
    }
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  if (xdg && xdg[0] == '/') snprintf(f->cache_path, sizeof f->cache_path, "%s/quizkiosk/fontmatch", xdg);
  else if (home && home[0] == '/') snprintf(f->cache_path, sizeof f->cache_path, "%s/.cache/quizkiosk/fontmatch", home);
  return f;
}

void qk_fonts_free(qk_fonts *f) {
  if (!f) return;
  if (f->config) f->fc->free(f->config);
  for (int i = 0; i < f->ndirs; i++) free(f->dirs[i]);
  free(f->cache);
  free(f);
}

int qk_fonts_config_loaded(const qk_fonts *f) { return f->config != NULL; }

/* fontconfig's configuration with the kiosk's folders added, loaded (with
** the module) on first need. NULL when either cannot be loaded: the reason
** goes to stderr once (the journal, under systemd; fonts.c has no log),
** and the lookup fails as with no font installed. */
static qk_fontmatch *config_of(qk_fonts *f) {
  if (f->config || f->config_failed) return f->config;
  char why[1024];
  f->fc = qk_module_load(QK_FONTMATCH_MODULE_FILE, QK_FONTMATCH_MODULE_SYMBOL, QK_FONTMATCH_MODULE_ABI, "fontconfig",
                         why, sizeof why);
  if (!f->fc) fprintf(stderr, "quizkiosk: fonts: %s\n", why);
  else if (!(f->config = f->fc->load((const char *const *)f->dirs, f->ndirs)))
    fprintf(stderr, "quizkiosk: fonts: fontconfig cannot load its configuration\n");
  f->config_failed = f->config == NULL;
  return f->config;
}

/* ---- the match cache ---- */

/* One stamp line for path: "S\tpath\tdev ino size sec nsec", or "S\tpath\t-"
** when it does not exist. Paths with a tab or newline are not cached. */
static int stamp_line(const char *path, char *out, size_t len) {
  if (strpbrk(path, "\t\n")) return -1;
  struct stat st;
  int n;
  if (stat(path, &st) != 0)
    n = snprintf(out, len, "S\t%s\t-\n", path);
  else
    n = snprintf(out, len, "S\t%s\t%llu %llu %lld %lld %ld\n", path, (unsigned long long)st.st_dev,
                 (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                 (long)st.st_mtim.tv_nsec);
  return n > 0 && (size_t)n < len ? 0 : -1;
}

/* The environment and version lines, the same in the stamp and the check. */
static int env_lines(char *out, size_t len) {
  /* Q: this file's own format and the pattern pattern_for builds (in
  ** fontmatch_module.c); change it with either so older answers are not
  ** trusted. */
  int n = snprintf(out, len, "Q\tfontmatch 2 zh-cn scalable\n");
  for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0] && n > 0 && (size_t)n < len; i++) {
    const char *v = getenv(env_keys[i]);
    if (v && strpbrk(v, "\t\n")) return -1;
    n += snprintf(out + n, len - (size_t)n, "E\t%s\t%s\n", env_keys[i], v ? v : "-");
  }
  return n > 0 && (size_t)n < len ? 0 : -1;
}

typedef struct {
  char *s;
  size_t n, cap;
  int bad;
} sbuf;

static void put(sbuf *b, const char *s) {
  size_t l = strlen(s);
  if (b->bad) return;
  if (b->n + l + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    while (cap < b->n + l + 1) cap *= 2;
    char *p = cap <= CACHE_MAX ? realloc(b->s, cap) : NULL;
    if (!p) {
      b->bad = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, l + 1);
  b->n += l;
}

static void put_stamp(sbuf *b, const char *path) {
  char line[1400];
  if (stamp_line(path, line, sizeof line) != 0) b->bad = 1;
  else put(b, line);
}

/* The parent folder of path (a file added beside a config file or font). */
static void put_parent(sbuf *b, const char *path) {
  char dir[1100];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash || slash == dir) return;
  *slash = 0;
  put_stamp(b, dir);
}

static void put_path(void *ctx, const char *path, int with_parent) {
  put_stamp(ctx, path);
  if (with_parent) put_parent(ctx, path);
}

/* Everything a match depends on, as stamp lines (config must be loaded). */
static void put_stamps(qk_fonts *f, sbuf *b) {
  char env[2048];
  if (env_lines(env, sizeof env) != 0) b->bad = 1;
  else put(b, env);
  if (f->fc->paths(f->config, put_path, b) != 0) b->bad = 1;
  put_stamp(b, "/etc/ld.so.cache"); /* where the loader finds libfontconfig */
  for (int i = 0; i < f->ndirs; i++) put_stamp(b, f->dirs[i]);
  /* The user's configuration places: a file appearing there changes matches. */
  const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
  char p[1100];
  if (xdg && *xdg) {
    snprintf(p, sizeof p, "%s/fontconfig", xdg);
    put_stamp(b, p);
  }
  if (home && *home) {
    const char *rel[] = {".config/fontconfig", ".fonts.conf", ".fonts.conf.d", ".fonts", ".local/share/fonts"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
      snprintf(p, sizeof p, "%s/%s", home, rel[i]);
      put_stamp(b, p);
    }
  }
}

/* Reads the cache and keeps it only if every stamp line still holds. */
static void cache_load(qk_fonts *f) {
  f->cache_read = 1;
  if (!f->cache_path[0]) return;
  FILE *in = fopen(f->cache_path, "r");
  if (!in) return;
  char *text = malloc(CACHE_MAX + 1);
  size_t n = text ? fread(text, 1, CACHE_MAX + 1, in) : 0;
  fclose(in);
  if (!text || n == 0 || n > CACHE_MAX) {
    free(text);
    return;
  }
  text[n] = 0;
  char env[2048];
  int ok = env_lines(env, sizeof env) == 0 && strncmp(text, env, strlen(env)) == 0;
  /* Each S line: stat the path again and compare the whole line. */
  for (char *line = text; ok && *line; ) {
    char *end = strchr(line, '\n');
    if (!end) {
      ok = 0;
      break;
    }
    if (line[0] == 'S' && line[1] == '\t') {
      char *tab = memchr(line + 2, '\t', (size_t)(end - line - 2)), path[1100], now[1400];
      size_t pl = tab ? (size_t)(tab - line - 2) : 0;
      if (!tab || pl >= sizeof path) {
        ok = 0;
        break;
      }
      memcpy(path, line + 2, pl);
      path[pl] = 0;
      ok = stamp_line(path, now, sizeof now) == 0 && strlen(now) == (size_t)(end - line + 1) &&
           memcmp(now, line, (size_t)(end - line + 1)) == 0;
    }
    line = end + 1;
  }
  if (ok) f->cache = text;
  else free(text);
}

/* The cached answer for (family, bold): "M\tbold\tfamily\tindex\tpath". */
static int cache_find(qk_fonts *f, const char *family, int bold, qk_font_file *out) {
  if (strpbrk(family, "\t\n")) return -1;
  if (!f->cache_read) cache_load(f);
  if (!f->cache) return -1;
  char key[300];
  int kn = snprintf(key, sizeof key, "M\t%d\t%s\t", bold, family);
  if (kn <= 0 || (size_t)kn >= sizeof key) return -1;
  for (char *line = f->cache; *line; ) {
    char *end = strchr(line, '\n');
    if (!end) return -1;
    if (strncmp(line, key, (size_t)kn) == 0) {
      char *p = line + kn, *tab = strchr(p, '\t');
      if (!tab || tab > end) return -1;
      int index = atoi(p);
      size_t pl = (size_t)(end - tab - 1);
      if (pl == 0 || pl >= sizeof out->path) return -1;
      memcpy(out->path, tab + 1, pl);
      out->path[pl] = 0;
      out->index = index;
      return 0;
    }
    line = end + 1;
  }
  return -1;
}

/* Writes the cache again after a full match: a fresh stamp, the answers
** the old cache still vouched for, and this one with its file's stamp.
** Best effort: a kiosk that cannot write it only starts slower. */
static void cache_store(qk_fonts *f, const char *family, int bold, const qk_font_file *ff) {
  if (!f->cache_path[0] || strpbrk(family, "\t\n") || strpbrk(ff->path, "\t\n")) return;
  sbuf b = {0};
  put_stamps(f, &b);
  put_stamp(&b, ff->path);
  char line[1400];
  snprintf(line, sizeof line, "M\t%d\t%s\t%d\t%s\n", bold, family, ff->index, ff->path);
  put(&b, line);
  if (f->cache) /* the other answers stay, with their files' stamps */
    for (char *l = f->cache; *l; ) {
      char *end = strchr(l, '\n');
      if (!end) break;
      if (l[0] == 'M' && end - l < (long)sizeof line) {
        memcpy(line, l, (size_t)(end - l + 1));
        line[end - l + 1] = 0;
        char *path = strrchr(line, '\t');
        char key[300];
        snprintf(key, sizeof key, "M\t%d\t%s\t", bold, family);
        if (path && strncmp(line, key, strlen(key)) != 0) {
          path[strlen(path) - 1] = 0;
          put_stamp(&b, path + 1);
          path[strlen(path)] = '\n';
          put(&b, line);
        }
      }
      l = end + 1;
    }
  char dir[1100], tmp[1200];
  snprintf(dir, sizeof dir, "%s", f->cache_path);
  char *slash = strrchr(dir, '/');
  if (b.bad || !slash) goto out;
  *slash = 0;
  if (qk_mkdirs(dir, 0755) != 0) goto out;
  snprintf(tmp, sizeof tmp, "%s.%ld", f->cache_path, (long)getpid());
  FILE *o = fopen(tmp, "w");
  if (!o) goto out;
  int ok = fwrite(b.s, 1, b.n, o) == b.n;
  ok = fclose(o) == 0 && ok;
  if (!ok || rename(tmp, f->cache_path) != 0) unlink(tmp);
  else { /* this process's later matches read the file it just wrote */
    free(f->cache);
    f->cache = b.s;
    b.s = NULL;
  }
out:
  free(b.s);
}

int qk_fonts_match(qk_fonts *f, const char *family, int bold, qk_font_file *out) {
  const char *fam = family && *family ? family : "sans-serif";
  if (cache_find(f, fam, bold, out) == 0) return 0;
  if (!config_of(f)) return -1;
  int rc = f->fc->match(f->config, family, bold, out);
  if (rc == 0) cache_store(f, fam, bold, out);
  return rc;
}

int qk_fonts_fallback(qk_fonts *f, const char *family, int bold, uint32_t cp, qk_font_file *out) {
  if (!config_of(f)) return -1;
  return f->fc->fallback(f->config, family, bold, cp, out);
}
