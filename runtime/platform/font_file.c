/*
** font_file.c — see font_file.h.
*/
#include "font_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  int64_t win;   /* window number (offset / FONT_FILE_WINDOW), -1: empty */
  size_t len;    /* bytes the file held there when it was filled (< window: its end) */
  unsigned long used; /* tick of the last use, for least recently used out */
} slot;

struct qk_font_file_reader {
  int fd;
  int64_t size;
  unsigned long calls, tick;
  unsigned char *buf; /* FONT_FILE_WINDOWS windows, allocated with the first small read */
  slot slots[FONT_FILE_WINDOWS];
};

qk_font_file_reader *qk_font_file_open(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  int e = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
  if (e) {
    close(fd);
    errno = e;
    return NULL;
  }
  qk_font_file_reader *r = calloc(1, sizeof *r);
  if (!r) {
    close(fd);
    errno = ENOMEM;
    return NULL;
  }
  r->fd = fd;
  r->size = (int64_t)st.st_size;
  for (int i = 0; i < FONT_FILE_WINDOWS; i++) r->slots[i].win = -1;
  return r;
}

int64_t qk_font_file_size(const qk_font_file_reader *r) { return r->size; }
unsigned long qk_font_file_calls(const qk_font_file_reader *r) { return r->calls; }

/* pread until n bytes, the end of the file (0) or an error: the bytes read. */
static size_t pread_full(qk_font_file_reader *r, void *dst, size_t n, int64_t off, int *error) {
  size_t got = 0;
  *error = 0;
  while (got < n) {
    ssize_t k = pread(r->fd, (char *)dst + got, n - got, (off_t)(off + (int64_t)got));
    r->calls++;
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) *error = 1;
    if (k <= 0) break;
    got += (size_t)k;
  }
  return got;
}

/* The slot holding window win with at least need bytes, filled now if it
** was not; NULL on a read error. Windows of a set are FONT_FILE_WAYS
** consecutive slots; which set by a multiplicative hash of the window
** number, so tables far apart in the file do not keep evicting each other. */
static slot *window(qk_font_file_reader *r, int64_t win, size_t need) {
  size_t set = (size_t)(((uint64_t)win * 0x9E3779B97F4A7C15ull) >> 32) % FONT_FILE_SETS;
  slot *ways = r->slots + set * FONT_FILE_WAYS, *s = NULL;
  for (int i = 0; i < FONT_FILE_WAYS && !s; i++)
    if (ways[i].win == win) s = &ways[i];
  /* Cached with the file's end inside it, but more is asked: the file may
  ** have grown since (a font copied in), so read the window again. */
  if (!s || s->len < need) {
    if (!s) {
      s = &ways[0];
      for (int i = 1; i < FONT_FILE_WAYS; i++)
        if (ways[i].used < s->used) s = &ways[i]; /* empty slots have used 0 */
    }
    int error;
    s->len = pread_full(r, r->buf + (size_t)(s - r->slots) * FONT_FILE_WINDOW, FONT_FILE_WINDOW,
                        win * FONT_FILE_WINDOW, &error);
    if (error) { /* nothing half-read is kept */
      s->win = -1;
      s->used = 0;
      return NULL;
    }
    s->win = win;
  }
  s->used = ++r->tick;
  return s;
}

size_t qk_font_file_read(qk_font_file_reader *r, int64_t off, void *dst, size_t n) {
  if (n == 0 || off < 0 || n > (size_t)(INT64_MAX - off)) return 0;
  if (n >= FONT_FILE_WINDOW) { /* a table: straight into dst */
    int error;
    return pread_full(r, dst, n, off, &error);
  }
  if (!r->buf && !(r->buf = malloc((size_t)FONT_FILE_WINDOWS * FONT_FILE_WINDOW))) {
    int error; /* no memory for the cache: read as without one */
    return pread_full(r, dst, n, off, &error);
  }
  size_t got = 0;
  while (got < n) {
    int64_t pos = off + (int64_t)got;
    size_t in = (size_t)(pos % FONT_FILE_WINDOW), want = n - got;
    if (want > FONT_FILE_WINDOW - in) want = FONT_FILE_WINDOW - in;
    slot *s = window(r, pos / FONT_FILE_WINDOW, in + want);
    if (!s || s->len <= in) break; /* a read error, or the end of the file */
    size_t take = s->len - in < want ? s->len - in : want;
    memcpy((char *)dst + got, r->buf + (size_t)(s - r->slots) * FONT_FILE_WINDOW + in, take);
    got += take;
    if (take < want) break; /* the file ends inside this window */
  }
  return got;
}

int qk_font_file_close(qk_font_file_reader *r) {
  if (!r) return 0;
  int rc = close(r->fd);
  free(r->buf);
  free(r);
  return rc == 0 ? 0 : -1;
}
