/*
** log.c — see log.h. The file is reopened in append mode for each line so a
** USB-stick copy or logrotate never fights an open descriptor; when it grows
** past 4 MiB it is renamed to .1 and started again.
*/
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define RING 64
#define LINE 512
#define MAX_FILE (4L << 20)

struct qk_log {
  char *path;
  char ring[RING][LINE];
  int head, count;
  int quiet;
};

qk_log *qk_log_new(const char *file_path) {
  qk_log *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  if (file_path && !(l->path = strdup(file_path))) {
    free(l);
    return NULL;
  }
  return l;
}

void qk_log_free(qk_log *l) {
  if (!l) return;
  free(l->path);
  free(l);
}

void qk_log_quiet(qk_log *l, int quiet) { l->quiet = quiet; }

static void to_file(qk_log *l, const char *line) {
  struct stat st;
  if (stat(l->path, &st) == 0 && st.st_size > MAX_FILE) {
    char old[4200];
    snprintf(old, sizeof old, "%s.1", l->path);
    rename(l->path, old);
  }
  FILE *f = fopen(l->path, "a");
  if (!f) return; /* a log that cannot be written must not stop the kiosk */
  fputs(line, f);
  fputc('\n', f);
  fclose(f);
}

void qk_log_write(qk_log *l, int level, const char *fmt, ...) {
  static const char *const names[] = {"info", "warn", "error"};
  char msg[LINE - 40], line[LINE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  snprintf(line, sizeof line, "%s %s: %s", stamp, names[level < 0 || level > 2 ? 0 : level], msg);
  if (!l) {
    fprintf(stderr, "quizkiosk: %s\n", line);
    return;
  }
  if (level > QK_LOG_INFO || !l->quiet) fprintf(stderr, "quizkiosk: %s\n", line);
  if (l->path) to_file(l, line);
  memcpy(l->ring[l->head], line, LINE);
  l->head = (l->head + 1) % RING;
  if (l->count < RING) l->count++;
}

const char *qk_log_recent(const qk_log *l, int i) {
  if (!l || i < 0 || i >= l->count) return NULL;
  return l->ring[(l->head - 1 - i + RING) % RING];
}
