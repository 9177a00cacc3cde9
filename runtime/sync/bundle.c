/*
** bundle.c — question sets from the centre (issue 12 item 7): an app
** folder packed into one versioned, hashed blob (quizkiosk publish), and
** unpacked on a kiosk into a folder of its own.
**
** Format: "QKB1\n", then per file (sorted by path, so the same folder
** always packs to the same bytes and hash): "<relative path>\n<size>\n"
** and the bytes. Hidden files and anything not a regular file or folder
** are left out. The hash is SHA-256 of the whole blob
** (qk_store_content_hash).
*/
#include "bundle.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "central.h"

#define MAGIC "QKB1\n"
#define MAX_BUNDLE (64u << 20) /* a question set with its pictures, not a video library */

typedef struct {
  char *buf;
  size_t len, cap;
  int failed;
} blob;

static void put(blob *b, const void *p, size_t n) {
  if (b->failed) return;
  if (b->len + n > MAX_BUNDLE) {
    b->failed = 1;
    return;
  }
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 65536;
    while (cap < b->len + n) cap *= 2;
    char *g = realloc(b->buf, cap);
    if (!g) {
      b->failed = 1;
      return;
    }
    b->buf = g;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, p, n);
  b->len += n;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static int pack_dir(blob *b, const char *root, const char *rel, char *err, size_t errlen) {
  char path[4096];
  snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
  struct dirent **names = NULL;
  int n = scandir(path, &names, NULL, by_name);
  if (n < 0) {
    qk_central_err(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    char sub[4096], full[8192];
    if (!rc && name[0] != '.') {
      snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
      snprintf(full, sizeof full, "%s/%s", root, sub);
      struct stat st;
      if (lstat(full, &st) != 0) {
        qk_central_err(err, errlen, "cannot read %s: %s", full, strerror(errno));
        rc = -1;
      } else if (S_ISDIR(st.st_mode)) rc = pack_dir(b, root, sub, err, errlen);
      else if (S_ISREG(st.st_mode)) {
        FILE *f = fopen(full, "rb");
        char head[4200];
        int hn = snprintf(head, sizeof head, "%s\n%lld\n", sub, (long long)st.st_size);
        put(b, head, (size_t)hn);
        size_t got = 0;
        char chunk[65536];
        while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0) put(b, chunk, got);
        if (!f || ferror(f)) {
          qk_central_err(err, errlen, "cannot read %s: %s", full, strerror(errno));
          rc = -1;
        }
        if (f) fclose(f);
      }
    }
    free(names[i]);
  }
  free(names);
  if (!rc && b->failed) {
    qk_central_err(err, errlen, "%s: the bundle is over %u MiB or memory ran out", root, MAX_BUNDLE >> 20);
    rc = -1;
  }
  return rc;
}

int qk_bundle_pack(const char *dir, char **data, size_t *len, char hash[65], char *err, size_t errlen) {
  blob b = {0};
  *data = NULL;
  *len = 0;
  char main_lua[4200];
  snprintf(main_lua, sizeof main_lua, "%s/main.lua", dir);
  if (access(main_lua, R_OK) != 0) {
    qk_central_err(err, errlen, "%s has no main.lua: an app folder holds main.lua and its modules", dir);
    return -1;
  }
  put(&b, MAGIC, strlen(MAGIC));
  if (pack_dir(&b, dir, "", err, errlen) != 0) {
    free(b.buf);
    return -1;
  }
  qk_store_content_hash(b.buf, b.len, hash);
  *data = b.buf;
  *len = b.len;
  return 0;
}

/* Makes the folders of path (a file's) below dest. */
static int make_parents(char *path) {
  for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = 0;
    int rc = mkdir(path, 0755) != 0 && errno != EEXIST;
    *p = '/';
    if (rc) return -1;
  }
  return 0;
}

/* A path from a bundle may only name a file inside its folder. */
static int safe_path(const char *rel) {
  if (!*rel || rel[0] == '/') return 0;
  for (const char *p = rel; *p; p++)
    if ((p == rel || p[-1] == '/') && p[0] == '.') return 0; /* "..", hidden files */
  return 1;
}

int qk_bundle_unpack(const char *data, size_t len, const char *dest, char *err, size_t errlen) {
  size_t m = strlen(MAGIC), at = m;
  if (len < m || memcmp(data, MAGIC, m) != 0) {
    qk_central_err(err, errlen, "not a quizkiosk bundle");
    return -1;
  }
  if (mkdir(dest, 0755) != 0 && errno != EEXIST) {
    qk_central_err(err, errlen, "cannot make %s: %s", dest, strerror(errno));
    return -1;
  }
  while (at < len) {
    const char *nl = memchr(data + at, '\n', len - at);
    if (!nl || nl - (data + at) >= 4000) break;
    char rel[4096];
    memcpy(rel, data + at, (size_t)(nl - (data + at)));
    rel[nl - (data + at)] = 0;
    at = (size_t)(nl - data) + 1;
    char *end = NULL;
    unsigned long long size = strtoull(data + at, &end, 10);
    if (!end || *end != '\n' || !safe_path(rel)) break;
    at = (size_t)(end - data) + 1;
    if (size > len - at) break;
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dest, rel);
    FILE *f = make_parents(path) == 0 ? fopen(path, "wb") : NULL;
    int ok = f && fwrite(data + at, 1, (size_t)size, f) == size;
    if (f && (fflush(f) != 0 || fsync(fileno(f)) != 0)) ok = 0;
    if (f) fclose(f);
    if (!ok) {
      qk_central_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
      return -1;
    }
    at += (size_t)size;
  }
  if (at != len) {
    qk_central_err(err, errlen, "the bundle is damaged near byte %zu", at);
    return -1;
  }
  return 0;
}
