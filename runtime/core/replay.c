/*
** replay.c — see replay.h.
*/
#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
  return s;
}

static int parse_xy(const char *s, float *x, float *y, const char **rest) {
  char *end;
  *x = strtof(s, &end);
  if (end == s || *end != ',') return -1;
  s = end + 1;
  *y = strtof(s, &end);
  if (end == s) return -1;
  if (rest) *rest = end;
  else if (*trim(end)) return -1;
  return 0;
}

static int parse_ms(const char *s, int *ms) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *trim(end) || v < 0 || v > 24L * 3600 * 1000) return -1;
  *ms = (int)v;
  return 0;
}

static int push(qk_replay *r, int *cap, const qk_replay_cmd *c) {
  if (r->n == *cap) {
    int nc = *cap ? *cap * 2 : 32;
    qk_replay_cmd *m = realloc(r->cmds, (size_t)nc * sizeof *m);
    if (!m) return -1;
    r->cmds = m;
    *cap = nc;
  }
  r->cmds[r->n++] = *c;
  return 0;
}

int qk_replay_parse(qk_replay *r, const char *text, const char *name, char *err, size_t errlen) {
  memset(r, 0, sizeof *r);
  char *copy = strdup(text);
  if (!copy) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  int cap = 0, lineno = 0, rc = 0;
  for (char *ln = copy, *next; ln; ln = next) {
    char *nl = strchr(ln, '\n');
    next = nl ? nl + 1 : NULL;
    if (nl) *nl = 0;
    lineno++;
    char *s = trim(ln);
    if (!*s || *s == '#') continue;
    char *arg = s;
    while (*arg && *arg != ' ' && *arg != '\t') arg++;
    if (*arg) *arg++ = 0;
    arg = trim(arg);
    qk_replay_cmd c = {0};
    c.line = lineno;
    int bad = 0;
    if (strcmp(s, "tap") == 0) {
      if (!*arg) bad = 1;
      else if (parse_xy(arg, &c.x1, &c.y1, NULL) == 0) c.kind = QK_RP_TAP_AT;
      else c.kind = QK_RP_TAP_LABEL, c.text = strdup(arg);
    } else if (strcmp(s, "press") == 0 || strcmp(s, "release") == 0 || strcmp(s, "move") == 0) {
      c.kind = s[0] == 'p' ? QK_RP_PRESS : s[0] == 'm' ? QK_RP_MOVE : QK_RP_RELEASE;
      bad = parse_xy(arg, &c.x1, &c.y1, NULL) != 0;
    } else if (strcmp(s, "drag") == 0) {
      const char *rest;
      c.kind = QK_RP_DRAG;
      bad = parse_xy(arg, &c.x1, &c.y1, &rest) != 0;
      if (!bad) {
        while (*rest == ' ') rest++;
        bad = parse_xy(rest, &c.x2, &c.y2, &rest) != 0 || parse_ms(rest, &c.ms) != 0;
      }
    } else if (strcmp(s, "drag-from") == 0) {
      /* The label may hold spaces: the offset and duration are the last two words. */
      c.kind = QK_RP_DRAG_FROM;
      char *ms = strrchr(arg, ' ');
      bad = !ms;
      if (!bad) {
        *ms++ = 0;
        char *off = strrchr(arg, ' ');
        bad = !off || parse_ms(ms, &c.ms) != 0;
        if (!bad) {
          *off++ = 0;
          bad = parse_xy(off, &c.x2, &c.y2, NULL) != 0 || !*trim(arg);
          if (!bad) c.text = strdup(trim(arg));
        }
      }
    } else if (strcmp(s, "key") == 0 || strcmp(s, "type") == 0 || strcmp(s, "expect") == 0 ||
               strcmp(s, "expect-not") == 0 || strcmp(s, "shot") == 0) {
      c.kind = strcmp(s, "key") == 0 ? QK_RP_KEY : strcmp(s, "type") == 0 ? QK_RP_TYPE
             : strcmp(s, "expect") == 0 ? QK_RP_EXPECT : strcmp(s, "shot") == 0 ? QK_RP_SHOT : QK_RP_EXPECT_NOT;
      bad = !*arg;
      if (c.kind == QK_RP_SHOT && (strchr(arg, '/') || arg[0] == '.')) bad = 1;
      if (!bad) c.text = strdup(arg);
    } else if (strcmp(s, "crash") == 0 || strcmp(s, "hang") == 0 || strcmp(s, "restart-point") == 0) {
      c.kind = s[0] == 'c' ? QK_RP_CRASH : s[0] == 'h' ? QK_RP_HANG : QK_RP_RESTART_POINT;
      bad = *arg != 0;
    } else if (strcmp(s, "memory") == 0) {
      c.kind = QK_RP_MEMORY;
      if (*arg && !(c.text = strdup(arg))) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
        break;
      }
    } else if (strcmp(s, "expect_sound") == 0) {
      c.kind = QK_RP_EXPECT_SOUND;
      bad = !*arg;
      if (!bad) c.text = strdup(arg);
    } else if (strcmp(s, "hold") == 0) {
      c.kind = QK_RP_HOLD;
      bad = !*arg;
      if (!bad) c.text = strdup(arg);
    } else if (strcmp(s, "wait") == 0) {
      c.kind = QK_RP_WAIT;
      bad = parse_ms(arg, &c.ms) != 0;
    } else {
      snprintf(err, errlen, "%s:%d: unknown command '%s'", name, lineno, s);
      rc = -1;
      break;
    }
    if (bad) {
      snprintf(err, errlen, "%s:%d: bad arguments for '%s'", name, lineno, s);
      rc = -1;
      break;
    }
    if ((c.kind == QK_RP_TAP_LABEL || c.kind == QK_RP_DRAG_FROM || c.kind == QK_RP_KEY || c.kind == QK_RP_TYPE || c.kind == QK_RP_EXPECT ||
         c.kind == QK_RP_EXPECT_NOT || c.kind == QK_RP_EXPECT_SOUND || c.kind == QK_RP_HOLD || c.kind == QK_RP_SHOT) && !c.text) {
      snprintf(err, errlen, "out of memory");
      rc = -1;
      break;
    }
    if (push(r, &cap, &c) != 0) {
      free(c.text);
      snprintf(err, errlen, "out of memory");
      rc = -1;
      break;
    }
  }
  free(copy);
  if (rc != 0) qk_replay_free(r);
  return rc;
}

int qk_replay_load(qk_replay *r, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "cannot open replay file %s", path);
    return -1;
  }
  char *buf = NULL;
  size_t len = 0, cap = 0;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (len + n + 1 > cap) {
      cap = (len + n + 1) * 2;
      char *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
      }
      buf = b;
    }
    memcpy(buf + len, chunk, n);
    len += n;
  }
  fclose(f);
  int rc = qk_replay_parse(r, buf ? (buf[len] = 0, buf) : "", path, err, errlen);
  free(buf);
  return rc;
}

void qk_replay_free(qk_replay *r) {
  for (int i = 0; i < r->n; i++) free(r->cmds[i].text);
  free(r->cmds);
  memset(r, 0, sizeof *r);
}

int qk_replay_after_restart_point(const qk_replay *r) {
  for (int i = 0; i < r->n; i++)
    if (r->cmds[i].kind == QK_RP_RESTART_POINT) return i + 1;
  return -1;
}

int qk_replay_find(const qk_replay *r, qk_replay_kind kind) {
  for (int i = 0; i < r->n; i++)
    if (r->cmds[i].kind == kind) return i;
  return -1;
}
