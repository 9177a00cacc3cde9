/*
** export.c — results out of the kiosk: CSV for HR's Excel and JSON for
** programs (xlsx.c writes a real workbook from the same walk).
**
** CSV is written the way Excel reads it right: UTF-8 with a BOM (without it
** Excel guesses a legacy code page and Chinese turns into mojibake), CRLF
** line ends, RFC 4180 quoting. Text a candidate typed that starts like a
** formula (= + - @ tab CR) gets a leading ' so Excel shows it instead of
** evaluating it (CSV injection). One file has a row per session with the
** candidate fields and the section and competency scores as columns;
** "<base>_answers.csv" has a row per answer, with the chosen option's text.
** An unanswered or purged answer is an empty cell; a purge empties the
** personal cells and keeps the columns.
**
** JSON is an array of sessions, each with its candidate fields, scores and
** answers; responses are stored as checked JSON text and embedded as they
** are.
**
** Everything is read inside one read transaction so the files agree with
** each other even while the kiosk keeps writing. Candidates, scores and
** answers are read as forward streams merged with the sessions (see
** "streams" below), not by a statement per session; the chosen options'
** text comes from each question's recorded options, read once per export
** (export_options.c). The CSV goes through
** a MiB buffer of its own (no stdio call per cell) and numbers and times
** are formatted by hand (bench/db: 100k sessions, 69 MiB, in ~0.6 s CPU).
*/
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- CSV cells -------------------------------------------------------------- */

/* A plain finite decimal number: [+-] digits [. digits] [e [+-] digits],
** with at least one digit before the exponent. Not strtod: it also takes
** "nan", "-nan(0x8000)", "-inf", "infinity" and hex floats, which a
** spreadsheet does not read as numbers, so they must be guarded. */
static int looks_numeric(const char *t) {
  const char *p = t;
  int digits = 0;
  if (*p == '+' || *p == '-') p++;
  for (; *p >= '0' && *p <= '9'; p++) digits++;
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++) digits++;
  if (!digits) return 0;
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') p++;
  }
  return *p == 0 && isfinite(strtod(t, NULL)); /* 1e999 is no number either */
}

/* The CSV output buffer: one fwrite per MiB, which stdio passes on to one
** write (its own buffer is a MiB too, qk_store_open_part) instead of
** copying it. The first failed write's errno is kept (the writer thread's
** errno is its own, export_pipe.c) and stops the export; ferror is
** checked at the end too, as before. */
typedef struct {
  FILE *f;
  size_t n;
  int err;
  char b[1 << 20];
} obuf;

static void ob_write(obuf *o, const void *p, size_t n) {
  errno = 0;
  if (fwrite(p, 1, n, o->f) != n && !o->err) o->err = errno ? errno : EIO;
}

static void ob_flush(obuf *o) {
  if (o->n) ob_write(o, o->b, o->n);
  o->n = 0;
}

static void ob_put(obuf *o, const void *p, size_t n) {
  if (o->n + n > sizeof o->b) {
    ob_flush(o);
    if (n > sizeof o->b) {
      ob_write(o, p, n);
      return;
    }
  }
  memcpy(o->b + o->n, p, n);
  o->n += n;
}

static void ob_c(obuf *o, char c) {
  if (o->n == sizeof o->b) ob_flush(o);
  o->b[o->n++] = c;
}

static void ob_s(obuf *o, const char *t) { ob_put(o, t, strlen(t)); }

/* Writes text as UTF-8, bytes that are not UTF-8 as U+FFFD, a '"' twice
** when double_quotes; valid runs are copied whole. */
static void put_utf8(obuf *o, const char *text, int double_quotes) {
  const unsigned char *p = (const unsigned char *)text;
  size_t len = strlen(text), run = 0, i = 0;
  while (i < len) {
    size_t n = p[i] < 0x80 ? 1 : qk_utf8_len(p + i, len - i);
    if (n && !(double_quotes && p[i] == '"')) {
      i += n;
      continue;
    }
    ob_put(o, p + run, i - run);
    ob_s(o, n ? "\"\"" : "\xEF\xBF\xBD");
    run = ++i;
  }
  ob_put(o, p + run, i - run);
}

/* A byte a cell copies as it is (ASCII, nothing that makes it quoted),
** as put_utf8 would after cell found nothing to quote. */
static int plain_byte(unsigned char c) {
  return c - 1u < 0x7Fu && c != ',' && c != '"' && c != '\r' && c != '\n';
}

/* A CSV cell; user=1 for text a candidate typed (formula guard). */
static void cell(obuf *o, const char *text, int user, int first) {
  if (!first) ob_c(o, ',');
  if (!text || !*text) return;
  /* Most cells are plain ASCII or valid UTF-8 (names, option texts) with
  ** nothing to quote or guard: copied into the buffer as they are
  ** checked, as put_utf8 copies valid runs; anything else (or a buffer
  ** about to fill) takes back the copy and goes the long way. */
  if (!(user && strchr("=+-@\t", text[0]))) {
    const unsigned char *p = (const unsigned char *)text;
    char *w = o->b + o->n, *end = o->b + sizeof o->b;
    while (w < end) {
      if (plain_byte(*p)) {
        *w++ = (char)*p++;
        continue;
      }
      /* Three bytes, U+0800..U+FFFF without surrogates (CJK) checked
      ** here; others by the one decoder, given 4: it stops at the first
      ** byte that is no continuation (the NUL at the latest), so it never
      ** reads past the text. */
      size_t n = *p < 0x80 ? 0
                 : (p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
                         (p[0] != 0xE0 || p[1] >= 0xA0) && (p[0] != 0xED || p[1] < 0xA0)
                     ? 3
                     : qk_utf8_len(p, 4);
      if (!n || n > (size_t)(end - w)) break;
      for (size_t i = 0; i < n; i++) *w++ = (char)*p++;
    }
    if (!*p) {
      o->n = (size_t)(w - o->b);
      return;
    }
  }
  int guard = user && strchr("=+-@\t\r", text[0]) && !looks_numeric(text);
  int quote = strpbrk(text, ",\"\r\n") != NULL;
  if (quote) ob_c(o, '"');
  if (guard) ob_c(o, '\'');
  put_utf8(o, text, quote);
  if (quote) ob_c(o, '"');
}

/* Numbers, flags and times are never quoted (digits, '.', '-', '+', 'e',
** ':', 'T'; the number format turns a locale's ',' into '.') and never
** guarded (not typed by a candidate): written without cell()'s checks. */
static void cell_int(obuf *o, int64_t v, int first);

static void cell_num(obuf *o, double v) {
  char buf[40];
  /* Whole numbers as qk_json_number_text writes them (digits, '-' when
  ** below zero, so -0 is "0"), without its call and a strlen. */
  if (v == floor(v) && fabs(v) < 9007199254740992.0) {
    cell_int(o, (int64_t)v, 0);
    return;
  }
  ob_c(o, ',');
  if (!isfinite(v)) return;
  qk_json_number_text(v, buf, sizeof buf);
  ob_s(o, buf);
}

/* Digits of v, by hand (snprintf per cell showed in the profile). */
static void cell_int(obuf *o, int64_t v, int first) {
  char buf[24], *e = buf + sizeof buf, *p = e;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0) *--p = '-';
  if (!first) ob_c(o, ',');
  if (o->n + sizeof buf <= sizeof o->b) /* a few bytes: no memcpy call */
    for (; p < e; p++) o->b[o->n++] = *p;
  else ob_put(o, p, (size_t)(e - p));
}

static void cell_tri(obuf *o, int v) {
  ob_c(o, ',');
  if (v >= 0) ob_c(o, v ? '1' : '0');
}

/* Local times without asking the time zone per cell (localtime_r was a
** tenth of a big export's CPU): when localtime_r gives the first and the
** last second of a UTC hour exactly as "UTC + one offset" (no DST change,
** no leap second inside), every second of that hour is that arithmetic.
** Any other time goes through qk_store_format_time; the text is the same
** either way (tests/store/stream_test compares it with the store's). */
typedef struct {
  int64_t hour; /* the UTC hour last checked (seconds, a multiple of 3600) */
  int ok;       /* its seconds are UTC + gmtoff */
  long gmtoff;
  int64_t day;  /* the local day last turned into a date: y-m-d */
  long y;
  int m, d;
  int64_t minute; /* the local minute of text (valid while hour stays) */
  char text[32];  /* the last time written this way */
} time_cache;

static int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* Days since 1970-01-01 as a proleptic Gregorian date (H. Hinnant's
** civil_from_days). */
static void civil(int64_t days, long *y, int *m, int *d) {
  days += 719468;
  int64_t era = floor_div(days, 146097), doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (long)(yoe + era * 400 + (*m <= 2));
}

/* 1 if localtime_r gives sec as UTC + gmtoff, field by field. */
static int arithmetic_agrees(int64_t sec, long gmtoff) {
  time_t tt = (time_t)sec;
  struct tm tm;
  if ((int64_t)tt != sec || !localtime_r(&tt, &tm) || tm.tm_gmtoff != gmtoff) return 0;
  int64_t l = sec + gmtoff, day = floor_div(l, 86400), s = l - day * 86400;
  long y;
  int m, d;
  civil(day, &y, &m, &d);
  return y == tm.tm_year + 1900L && m == tm.tm_mon + 1 && d == tm.tm_mday && s / 3600 == tm.tm_hour &&
         s / 60 % 60 == tm.tm_min && s % 60 == tm.tm_sec;
}

/* qk_store_format_time's text for t, through the cache when it can;
** returns its length. */
static size_t format_time(time_cache *c, qk_ms t, char *buf, size_t len) {
  int64_t sec = floor_div(t, 1000), hour = floor_div(sec, 3600) * 3600;
  if (hour != c->hour) {
    time_t tt = (time_t)hour;
    struct tm tm;
    c->hour = hour;
    c->ok = (int64_t)tt == hour && localtime_r(&tt, &tm) != NULL;
    c->gmtoff = c->ok ? tm.tm_gmtoff : 0;
    c->ok = c->ok && arithmetic_agrees(hour, c->gmtoff) && arithmetic_agrees(hour + 3599, c->gmtoff);
    c->minute = INT64_MIN;
  }
  int64_t l = sec + c->gmtoff, day = floor_div(l, 86400), s = l - day * 86400;
  /* An answer's time is mostly in the minute of the one before: that
  ** text with its seconds written again. */
  if (c->ok && floor_div(l, 60) == c->minute && len >= 26) {
    int ss = (int)(l - c->minute * 60);
    memcpy(buf, c->text, 26);
    buf[17] = (char)('0' + ss / 10);
    buf[18] = (char)('0' + ss % 10);
    return 25;
  }
  if (c->ok && day != c->day) {
    c->day = day;
    civil(day, &c->y, &c->m, &c->d);
  }
  long y = c->ok ? c->y : -1;
  int m = c->m, d = c->d;
  if (y < 0 || y > 9999 || len < 26) {
    qk_store_format_time(t, buf, len);
    return strlen(buf);
  }
  long off = c->gmtoff / 60; /* as qk_store_format_time writes it */
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  const long parts[] = {y / 100, y % 100, m, d, (long)(s / 3600), (long)(s / 60 % 60), (long)(s % 60),
                        off / 60 % 100, off % 60};
  static const char seps[9] = {0, 0, '-', '-', 'T', ':', ':', 0, ':'}; /* before each part */
  char *p = buf;
  for (int i = 0; i < 9; i++) {
    if (i == 7) *p++ = sign;
    else if (seps[i]) *p++ = seps[i];
    *p++ = (char)('0' + parts[i] / 10);
    *p++ = (char)('0' + parts[i] % 10);
  }
  *p = 0;
  if (p - buf == 25) { /* "YYYY-MM-DDTHH:MM:SS+hh:mm": the seconds at 17 */
    c->minute = floor_div(l, 60);
    memcpy(c->text, buf, 26);
  }
  return (size_t)(p - buf);
}

static void cell_time(obuf *o, time_cache *c, qk_ms t, int present) {
  char buf[40];
  ob_c(o, ',');
  if (!present) return;
  ob_put(o, buf, format_time(c, t, buf, sizeof buf));
}

/* ---- the walk ------------------------------------------------------------ */

typedef struct {
  char **names;
  int n;
} name_list;

static void names_free(name_list *l) {
  for (int i = 0; i < l->n; i++) free(l->names[i]);
  free(l->names);
  l->names = NULL;
  l->n = 0;
}

static int names_add(qk_store *s, name_list *l, const char *name) {
  char **grown = realloc(l->names, (size_t)(l->n + 1) * sizeof *grown);
  if (grown) l->names = grown;
  char *copy = grown ? strdup(name) : NULL;
  if (!copy) return qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the export's columns");
  l->names[l->n++] = copy;
  return QK_STORE_OK;
}

/* The candidate field names of the exported sessions, distinct, sorted by
** bytes (SQLite's BINARY order, the same as strcmp on UTF-8): a handful of
** names over every row of the table, kept in order by binary search, then
** those no exported session has dropped (ST_EXPORT_FIELD_USED: at once
** for a name in use, a scan only for one that is not). */
static int fields_load(qk_store *s, qk_ms since_ms, name_list *l) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_FIELDS), *used = qk_store_stmt(s, ST_EXPORT_FIELD_USED);
  if (!st || !used) return QK_STORE_ERROR;
  int rc, out = QK_STORE_OK;
  while (!out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *name = qk_store_col_text(st, 0);
    int lo = 0, hi = l->n, c = 1;
    while (lo < hi) {
      int mid = lo + (hi - lo) / 2;
      if (!(c = strcmp(l->names[mid], name))) break;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (!c) continue;
    if (!(out = names_add(s, l, name))) { /* appended: move it to lo */
      char *added = l->names[l->n - 1];
      memmove(l->names + lo + 1, l->names + lo, (size_t)(l->n - 1 - lo) * sizeof *l->names);
      l->names[lo] = added;
    }
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing the export's columns");
  sqlite3_reset(st);
  int kept = 0;
  for (int i = 0; i < l->n; i++) {
    if (!out) {
      sqlite3_bind_int64(used, 1, since_ms);
      qk_store_bind_text(used, 2, l->names[i]);
      rc = sqlite3_step(used);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing the export's columns");
      sqlite3_reset(used);
    }
    if (!out && rc == SQLITE_ROW) l->names[kept++] = l->names[i];
    else free(l->names[i]);
  }
  l->n = kept;
  return out;
}

/* The rows of a statement bound to since_ms, column 0 (and 1) into lists:
** the score columns (kind, key) in the statement's order. */
static int columns_load(qk_store *s, qk_stmt_id id, qk_ms since_ms, name_list *a, name_list *b) {
  sqlite3_stmt *st = qk_store_stmt(s, id);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, since_ms);
  int rc, out = QK_STORE_OK;
  while (!out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    out = names_add(s, a, qk_store_col_text(st, 0));
    if (!out && b) out = names_add(s, b, qk_store_col_text(st, 1));
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing the export's columns");
  sqlite3_reset(st);
  return out;
}

/* Read transaction: one snapshot for the whole export. A savepoint, not
** BEGIN, so it also works inside a batch's open transaction (where it
** nests, and its release commits nothing of the batch). */
static int snapshot_begin(qk_store *s) {
  return qk_store_exec(s, "SAVEPOINT qk_export", "starting the export");
}
static void snapshot_end(qk_store *s) { sqlite3_exec(s->db, "RELEASE qk_export", NULL, NULL, NULL); }

int qk_store_write_error(qk_store *s, const char *what) {
  return qk_store_fail(s, errno == ENOSPC ? QK_STORE_FULL : QK_STORE_IOERR, "writing the %s failed: %s",
                       what, strerror(errno ? errno : EIO));
}

static const char *const session_cols[] = {"id", "kiosk", "app", "exam", "exam_title", "exam_hash",
                                           "status", "score", "max_score", "passed", "started_at",
                                           "finished_at", "language", "mode"};
#define N_SESSION_COLS ((int)(sizeof session_cols / sizeof *session_cols))

/* ---- streams: a table read once in primary-key order --------------------- */

/* Candidates, scores and answers are keyed by (session_id, ...): one
** statement per table walks it forward from the first exported session,
** and each session takes its rows off the front. While sessions come in
** id order (started_at order on a kiosk, which numbers them as they start)
** that is a merge: no seek, no sort, no statement run per session. A
** session out of that order (a clock set back) or after a gap of rows of
** sessions not exported re-seeks the statement at its id, which is what
** a lookup per session costs, so the result is the same either way. */
typedef struct {
  sqlite3_stmt *st;
  int rc;         /* the last sqlite3_step: SQLITE_ROW on the current row */
  int started;
  int64_t passed; /* every row of sessions <= this was taken or skipped */
} stream;

/* Column i as text, NULL as "" (qk_store_col_text), through its value: one
** SQLite call that checks the statement instead of two. */
static const char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_value_text(sqlite3_column_value(st, i));
  return t ? (const char *)t : "";
}

/* Positions x on session id's first row: 1 there is one, 0 none, else
** the SQLite error code's negative. */
static int stream_at(stream *x, int64_t id) {
  if (!x->started || id <= x->passed || (x->rc == SQLITE_ROW && sqlite3_column_int64(x->st, 0) < id)) {
    sqlite3_reset(x->st);
    sqlite3_bind_int64(x->st, 1, id);
    x->rc = sqlite3_step(x->st);
    x->started = 1;
  }
  x->passed = id;
  if (x->rc == SQLITE_ROW) return sqlite3_column_int64(x->st, 0) == id;
  return x->rc == SQLITE_DONE ? 0 : -x->rc;
}

/* The next row of the same session: 1, 0 at its end, or an error. */
static int stream_next(stream *x, int64_t id) {
  x->rc = sqlite3_step(x->st);
  if (x->rc == SQLITE_ROW) return sqlite3_column_int64(x->st, 0) == id;
  return x->rc == SQLITE_DONE ? 0 : -x->rc;
}

static int stream_open(qk_store *s, stream *x, qk_stmt_id id) {
  memset(x, 0, sizeof *x);
  x->st = qk_store_stmt(s, id);
  return x->st ? QK_STORE_OK : QK_STORE_ERROR;
}

static void stream_close(stream *x) {
  if (x->st) sqlite3_reset(x->st);
}

/* A growing byte store for one session's copied texts; offsets, not
** pointers, until it stops growing. */
typedef struct {
  char *b;
  size_t n, cap;
} arena;

/* Appends text with its NUL; returns its offset, or (size_t)-1 when out
** of memory. */
static size_t arena_add(arena *a, const char *text, size_t len) {
  if (a->n + len + 1 > a->cap) {
    size_t cap = a->cap ? a->cap : 4096;
    while (cap < a->n + len + 1) cap *= 2;
    char *grown = realloc(a->b, cap);
    if (!grown) return (size_t)-1;
    a->b = grown;
    a->cap = cap;
  }
  size_t at = a->n;
  memcpy(a->b + at, text, len);
  a->b[at + len] = 0;
  a->n += len + 1;
  return at;
}

/* Column i's text (NULL as ""), through its value: one SQLite call that
** checks the statement instead of two. */
static size_t arena_col(arena *a, sqlite3_stmt *st, int i) {
  sqlite3_value *v = sqlite3_column_value(st, i);
  const char *t = (const char *)sqlite3_value_text(v);
  return t ? arena_add(a, t, (size_t)sqlite3_value_bytes(v)) : arena_add(a, "", 0);
}

/* One session's candidate values, aligned with the field columns (both
** sorted: walked together); vals point into a, valid until the next call. */
static int load_fields(qk_store *s, stream *x, int64_t id, const name_list *fl, const char **vals, arena *a,
                       size_t *at) {
  int rc = stream_at(x, id), out = QK_STORE_OK;
  a->n = 0;
  for (int i = 0; i < fl->n; i++) at[i] = (size_t)-2; /* not asked */
  for (int i = 0; i < fl->n && !out; i++) {
    int c = 0;
    while (rc == 1 && (c = strcmp(col_text(x->st, 1), fl->names[i])) < 0) rc = stream_next(x, id);
    if (rc == 1 && !c) {
      if ((at[i] = arena_col(a, x->st, 2)) == (size_t)-1)
        out = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading candidate fields");
      rc = stream_next(x, id);
    }
  }
  while (!out && rc == 1) rc = stream_next(x, id);
  if (!out && rc < 0) out = qk_store_sqlfail(s, -rc, "reading candidate fields");
  for (int i = 0; i < fl->n; i++) vals[i] = out || at[i] == (size_t)-2 ? NULL : a->b + at[i];
  return out;
}

/* One session's section and competency scores into the score columns;
** titles point into a, valid until the next call. */
static int load_scores(qk_store *s, stream *x, int64_t id, const name_list *kinds, const name_list *keys,
                       double *score, double *max, const char **title, arena *a, size_t *at) {
  int rc, out = QK_STORE_OK;
  a->n = 0;
  for (int i = 0; i < keys->n; i++) at[i] = (size_t)-2; /* no title */
  for (rc = stream_at(x, id); !out && rc == 1; rc = stream_next(x, id))
    for (int i = 0; i < keys->n; i++)
      if (!strcmp(kinds->names[i], qk_store_col_text(x->st, 1)) &&
          !strcmp(keys->names[i], qk_store_col_text(x->st, 2))) {
        score[i] = qk_store_col_real(x->st, 4);
        max[i] = qk_store_col_real(x->st, 5);
        if (sqlite3_column_type(x->st, 3) != SQLITE_NULL && (at[i] = arena_col(a, x->st, 3)) == (size_t)-1)
          out = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading scores");
        break;
      }
  if (!out && rc < 0) out = qk_store_sqlfail(s, -rc, "reading section and competency scores");
  for (int i = 0; i < keys->n; i++) title[i] = out || at[i] == (size_t)-2 ? NULL : a->b + at[i];
  return out;
}

/* The response as a person reads it: a JSON string without its quotes and
** escapes (the one codec's unescape, runtime/base/json.h), JSON null
** (unanswered, or purged) as "", anything else as its JSON text. Responses
** were checked JSON on the way in; what is not a valid JSON string (a file
** edited by hand), or holds a \u0000, is shown as it is stored. buf grows. */
const char *qk_export_response_text(const char *json, char **buf, size_t *cap) {
  size_t n = strlen(json);
  if (n == 4 && !memcmp(json, "null", 4)) return "";
  if (n < 2 || json[0] != '"' || json[n - 1] != '"') return json;
  /* Plain text needs no copy: the common case of a letter or a typed
  ** answer without escapes. */
  if (!memchr(json + 1, '\\', n - 2)) {
    if (n - 1 > *cap) {
      char *grown = realloc(*buf, n - 1);
      if (!grown) return json;
      *buf = grown;
      *cap = n - 1;
    }
    memcpy(*buf, json + 1, n - 2);
    (*buf)[n - 2] = 0;
    return *buf;
  }
  if (!qk_json_valid(json, n)) return json;
  if (n + 1 > *cap) {
    char *grown = realloc(*buf, n + 1);
    if (!grown) return json;
    *buf = grown;
    *cap = n + 1;
  }
  size_t len = qk_json_unescape(json + 1, n - 2, *buf); /* never longer than its escapes */
  (*buf)[len] = 0;
  return strlen(*buf) == len ? *buf : json; /* a \u0000 would end the text early */
}

/* A session's answers by ST_EXPORT_ANSWERS, one statement for the session
** that also looks up the chosen options' text in SQL: for the rare answer
** export_options.c does not reproduce exactly (it says "fall back"). */
static int walk_answers_lookup(qk_store *s, int64_t id, const qk_export_sink *k, char **buf, size_t *cap) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_ANSWERS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc, out = QK_STORE_OK;
  while (!out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    qk_export_answer a;
    a.session_id = id;
    a.question = qk_store_col_text(st, 0);
    a.response = qk_store_col_text(st, 1);
    a.points = qk_store_col_real(st, 2);
    a.max_points = qk_store_col_real(st, 3);
    a.correct = qk_store_col_tri(st, 4);
    a.time_ms = sqlite3_column_int64(st, 5);
    a.answered_at = sqlite3_column_int64(st, 6);
    a.text = k->raw_response ? NULL : qk_export_response_text(a.response, buf, cap);
    a.option_text = qk_store_col_text(st, 9);
    out = k->answer(k->ud, &a);
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "reading answers");
  sqlite3_reset(st);
  return out;
}

/* One answer read off the stream; texts are offsets into the arena until
** the session's rows are all read. */
typedef struct {
  size_t q, r, o;
  const char *question, *response, *option_text;
  double points, max_points;
  int correct;
  int64_t time_ms, answered_at;
} arow;

/* ST_EXPORT_ANSWERS's order: answered_at, then question in SQLite's BINARY
** collation (bytes, as strcmp on text without NULs). The pair is unique
** (one row per question), so the order is total. */
static int arow_cmp(const void *pa, const void *pb) {
  const arow *a = pa, *b = pb;
  if (a->answered_at != b->answered_at) return a->answered_at < b->answered_at ? -1 : 1;
  return strcmp(a->question, b->question);
}

typedef struct {
  stream x;
  arena a;
  arow *rows;
  size_t cap;
  char *text; /* a decoded response */
  size_t text_cap;
  qk_option_cache *opts; /* the recorded options, read as answers need them */
} answer_reader;

/* A session's answers off the stream, put in ST_EXPORT_ANSWERS's order in
** memory instead of by a sort in SQLite. Their option texts: "" when the
** exam version recorded none (ref < 0), else from export_options.c, all
** made before the first answer is passed on, so that a session with an
** answer it cannot reproduce exactly goes to walk_answers_lookup whole. */
static int walk_answers_stream(qk_store *s, int64_t id, const qk_export_sink *k, answer_reader *ar,
                               int64_t ref, const char *language) {
  size_t n = 0;
  int rc, out = QK_STORE_OK;
  ar->a.n = 0;
  for (rc = stream_at(&ar->x, id); rc == 1; rc = stream_next(&ar->x, id)) {
    sqlite3_stmt *st = ar->x.st;
    if (n == ar->cap) {
      size_t cap = ar->cap ? ar->cap * 2 : 64;
      arow *grown = realloc(ar->rows, cap * sizeof *grown);
      if (!grown) return qk_store_fail(s, QK_STORE_ERROR, "out of memory reading answers");
      ar->rows = grown;
      ar->cap = cap;
    }
    arow *w = &ar->rows[n++];
    w->q = arena_col(&ar->a, st, 1);
    w->r = arena_col(&ar->a, st, 2);
    if (w->q == (size_t)-1 || w->r == (size_t)-1) return qk_store_fail(s, QK_STORE_ERROR, "out of memory reading answers");
    /* Values, not sqlite3_column_type + sqlite3_column_double: one API
    ** call per column instead of two (a million rows). Same meaning as
    ** qk_store_col_real and qk_store_col_tri. */
    sqlite3_value *pts = sqlite3_column_value(st, 3), *mx = sqlite3_column_value(st, 4),
                  *ok = sqlite3_column_value(st, 5);
    w->points = sqlite3_value_type(pts) == SQLITE_NULL ? NAN : sqlite3_value_double(pts);
    w->max_points = sqlite3_value_type(mx) == SQLITE_NULL ? NAN : sqlite3_value_double(mx);
    w->correct = sqlite3_value_type(ok) == SQLITE_NULL ? -1 : sqlite3_value_int(ok) != 0;
    w->time_ms = sqlite3_column_int64(st, 6);
    w->answered_at = sqlite3_column_int64(st, 7);
  }
  if (rc < 0) return qk_store_sqlfail(s, -rc, "reading answers");
  for (size_t i = 0; i < n; i++) {
    arow *w = &ar->rows[i];
    const char *text = "";
    size_t len = 0;
    int fall_back = 0;
    if (ref >= 0 && (out = qk_export_option_text(s, ar->opts, ref, ar->a.b + w->q, ar->a.b + w->r, language,
                                                 &text, &len, &fall_back)))
      return out;
    if (fall_back) return walk_answers_lookup(s, id, k, &ar->text, &ar->text_cap);
    if ((w->o = arena_add(&ar->a, text, len)) == (size_t)-1)
      return qk_store_fail(s, QK_STORE_ERROR, "out of memory reading answers");
  }
  for (size_t i = 0; i < n; i++) {
    ar->rows[i].question = ar->a.b + ar->rows[i].q;
    ar->rows[i].response = ar->a.b + ar->rows[i].r;
    ar->rows[i].option_text = ar->a.b + ar->rows[i].o;
  }
  if (n > 16) qsort(ar->rows, n, sizeof *ar->rows, arow_cmp);
  else /* a session's few answers, mostly near their order already */
    for (size_t i = 1; i < n; i++) {
      arow r = ar->rows[i];
      size_t j = i;
      for (; j > 0 && arow_cmp(&ar->rows[j - 1], &r) > 0; j--) ar->rows[j] = ar->rows[j - 1];
      ar->rows[j] = r;
    }
  for (size_t i = 0; i < n && !out; i++) {
    const arow *w = &ar->rows[i];
    qk_export_answer a = {id, w->question, w->response, NULL, w->option_text, w->points, w->max_points,
                          w->correct, w->time_ms, w->answered_at};
    a.text = k->raw_response ? NULL : qk_export_response_text(w->response, &ar->text, &ar->text_cap);
    out = k->answer(k->ud, &a);
  }
  return out;
}

/* The exam versions with options recorded, ascending (ST_EXPORT_OPTION_EXAMS). */
typedef struct {
  int64_t *ref;
  int n;
} ref_set;

static int option_exams_load(qk_store *s, ref_set *set) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_OPTION_EXAMS);
  if (!st) return QK_STORE_ERROR;
  int rc, out = QK_STORE_OK;
  while (!out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t *grown = realloc(set->ref, (size_t)(set->n + 1) * sizeof *grown);
    if (!grown) out = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the exam versions");
    else (set->ref = grown)[set->n++] = sqlite3_column_int64(st, 0);
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing the exam versions with options");
  sqlite3_reset(st);
  return out;
}

static int ref_set_has(const ref_set *set, int64_t ref) {
  int lo = 0, hi = set->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (set->ref[mid] == ref) return 1;
    if (set->ref[mid] < ref) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

int qk_store_export_walk(qk_store *s, qk_ms since_ms, const qk_export_sink *k) {
  name_list fl = {0}, kinds = {0}, keys = {0};
  const char **vals = NULL, **titles = NULL;
  double *score = NULL, *max = NULL;
  size_t *at = NULL;
  ref_set with_options = {0};
  stream cand = {0}, scores = {0};
  arena cand_a = {0}, score_a = {0};
  answer_reader ar;
  memset(&ar, 0, sizeof ar);
  int rc = snapshot_begin(s);
  if (rc) return rc;
  if ((rc = fields_load(s, since_ms, &fl)) ||
      (rc = columns_load(s, ST_EXPORT_SCORE_COLS, since_ms, &kinds, &keys)) ||
      (k->answer && (rc = option_exams_load(s, &with_options))) ||
      (with_options.n && !(ar.opts = qk_option_cache_new()) &&
       (rc = qk_store_fail(s, QK_STORE_ERROR, "out of memory starting the export"))) ||
      (rc = stream_open(s, &cand, ST_EXPORT_CANDIDATE_STREAM)) ||
      (keys.n && (rc = stream_open(s, &scores, ST_EXPORT_SCORE_STREAM))) ||
      (k->answer && (rc = stream_open(s, &ar.x, ST_EXPORT_ANSWER_STREAM))))
    goto done;
  vals = calloc((size_t)fl.n + 1, sizeof *vals);
  titles = calloc((size_t)keys.n + 1, sizeof *titles);
  score = calloc((size_t)keys.n + 1, sizeof *score);
  max = calloc((size_t)keys.n + 1, sizeof *max);
  at = calloc((size_t)(fl.n > keys.n ? fl.n : keys.n) + 1, sizeof *at);
  if (!vals || !titles || !score || !max || !at) {
    rc = qk_store_fail(s, QK_STORE_ERROR, "out of memory starting the export");
    goto done;
  }
  qk_export_head h = {session_cols, N_SESSION_COLS, fl.names, fl.n, kinds.names, keys.names, keys.n};
  if ((rc = k->head(k->ud, &h))) goto done;
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_SESSIONS);
  if (!st) {
    rc = QK_STORE_ERROR;
    goto done;
  }
  sqlite3_bind_int64(st, 1, since_ms);
  int src;
  while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_session_row r;
    qk_store_session_row_read(st, &r);
    int64_t exam_ref = sqlite3_column_int64(st, 16);
    for (int i = 0; i < keys.n; i++) score[i] = max[i] = NAN;
    rc = load_fields(s, &cand, r.id, &fl, vals, &cand_a, at);
    if (!rc && keys.n) rc = load_scores(s, &scores, r.id, &kinds, &keys, score, max, titles, &score_a, at);
    if (!rc) {
      qk_export_session x = {&r, sqlite3_column_type(st, 11) != SQLITE_NULL, vals, score, max, titles};
      rc = k->session(k->ud, &x);
    }
    if (!rc && k->answer)
      rc = walk_answers_stream(s, r.id, k, &ar, ref_set_has(&with_options, exam_ref) ? exam_ref : -1,
                               sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : r.language);
  }
  if (!rc && src != SQLITE_DONE) rc = qk_store_sqlfail(s, src, "reading sessions");
  sqlite3_reset(st);
done:
  if (k->end) rc = k->end(k->ud, rc);
  stream_close(&cand);
  stream_close(&scores);
  stream_close(&ar.x);
  free(cand_a.b);
  free(score_a.b);
  free(ar.a.b);
  free(ar.rows);
  free(ar.text);
  qk_option_cache_free(ar.opts);
  free(with_options.ref);
  free(vals);
  free(titles);
  free(score);
  free(max);
  free(at);
  names_free(&fl);
  names_free(&kinds);
  names_free(&keys);
  snapshot_end(s);
  return rc;
}

/* ---- CSV ----------------------------------------------------------------- */

typedef struct {
  obuf *so, *ao; /* ao NULL: sessions only (standard output) */
  int n_fields, n_scores;
  time_cache tc;
} csv_ctx;

static int csv_head(void *ud, const qk_export_head *h) {
  csv_ctx *c = ud;
  obuf *o = c->so;
  c->n_fields = h->n_fields;
  c->n_scores = h->n_scores;
  ob_s(o, "\xEF\xBB\xBF");
  for (int i = 0; i < h->n_session_cols; i++) cell(o, h->session_cols[i], 0, i == 0);
  for (int i = 0; i < h->n_fields; i++) {
    int clash = 0;
    for (int j = 0; j < h->n_session_cols; j++) clash |= !strcmp(h->fields[i], h->session_cols[j]);
    if (clash) {
      ob_s(o, ",candidate_");
      put_utf8(o, h->fields[i], 0); /* plain names need no quoting; odd ones below */
    } else cell(o, h->fields[i], 1, 0);
  }
  for (int i = 0; i < h->n_scores; i++) {
    char name[600];
    snprintf(name, sizeof name, "%s:%s", h->score_kind[i], h->score_key[i]);
    cell(o, name, 1, 0);
    snprintf(name, sizeof name, "%s:%s:max", h->score_kind[i], h->score_key[i]);
    cell(o, name, 1, 0);
  }
  ob_s(o, "\r\n");
  if (c->ao) {
    ob_s(c->ao, "\xEF\xBB\xBF");
    ob_s(c->ao, "session_id,question,response,option_text,points,max_points,correct,time_ms,answered_at\r\n");
  }
  return 0;
}

static int csv_session(void *ud, const qk_export_session *x) {
  csv_ctx *c = ud;
  obuf *o = c->so;
  const qk_store_session_row *r = x->r;
  cell_int(o, r->id, 1);
  cell(o, r->kiosk, 0, 0);
  cell(o, r->app, 0, 0);
  cell(o, r->exam, 0, 0);
  cell(o, r->exam_title, 0, 0);
  cell(o, r->content_hash, 0, 0);
  cell(o, r->status, 0, 0);
  cell_num(o, r->score);
  cell_num(o, r->max_score);
  cell_tri(o, r->passed);
  cell_time(o, &c->tc, r->started_at, 1);
  cell_time(o, &c->tc, r->finished_at, x->finished);
  cell(o, r->language, 0, 0);
  cell(o, r->mode, 0, 0);
  for (int i = 0; i < c->n_fields; i++) cell(o, x->field_vals[i], 1, 0);
  for (int i = 0; i < c->n_scores; i++) {
    cell_num(o, x->score[i]);
    cell_num(o, x->score_max[i]);
  }
  ob_s(o, "\r\n");
  return o->err ? QK_STORE_IOERR : 0; /* named by qk_store_export_csv */
}

static int csv_answer(void *ud, const qk_export_answer *a) {
  csv_ctx *c = ud;
  obuf *o = c->ao;
  cell_int(o, a->session_id, 1);
  cell(o, a->question, 0, 0);
  cell(o, a->text, 1, 0);
  cell(o, a->option_text, 1, 0);
  cell_num(o, a->points);
  cell_num(o, a->max_points);
  cell_tri(o, a->correct);
  cell_int(o, a->time_ms, 0);
  cell_time(o, &c->tc, a->answered_at, 1);
  ob_s(o, "\r\n");
  return o->err ? QK_STORE_IOERR : 0; /* named by qk_store_export_csv */
}

int qk_store_export_csv(qk_store *s, FILE *sf, FILE *af, qk_ms since_ms) {
  obuf *so = malloc(sizeof *so), *ao = af ? malloc(sizeof *ao) : NULL;
  if (!so || (af && !ao)) {
    free(so);
    free(ao);
    return qk_store_fail(s, QK_STORE_ERROR, "out of memory starting the export");
  }
  so->f = sf;
  so->n = 0;
  so->err = 0;
  if (ao) {
    ao->f = af;
    ao->n = 0;
    ao->err = 0;
  }
  csv_ctx c = {so, ao, 0, 0, {INT64_MIN, 0, 0, INT64_MIN, 0, 0, 0, INT64_MIN, ""}};
  qk_export_sink k = {&c, csv_head, csv_session, af ? csv_answer : NULL, NULL, 0};
  /* The rows are formatted and written on a second thread while this one
  ** reads the next (export_pipe.c); the writer is done when it returns. */
  int rc = qk_store_export_walk_piped(s, since_ms, &k);
  ob_flush(so);
  if (ao) ob_flush(ao);
  int werr = 0, wfile = 0;
  if (!rc || rc == QK_STORE_IOERR) { /* not a reading error (a corrupt page): that one is said */
    werr = so->err ? so->err : ao ? ao->err : 0;
    wfile = !so->err && ao && ao->err;
  }
  free(so);
  free(ao);
  if (werr) { /* the write that failed, as ferror below would report it */
    errno = werr;
    return qk_store_write_error(s, wfile ? "answers file" : "sessions file");
  }
  if (!rc && (fflush(sf) || ferror(sf))) rc = qk_store_write_error(s, "sessions file");
  if (!rc && af && (fflush(af) || ferror(af))) rc = qk_store_write_error(s, "answers file");
  return rc;
}

/* ---- JSON ---------------------------------------------------------------- */

static void key(FILE *f, const char *k, int first) {
  if (!first) fputc(',', f);
  qk_sjson_string(f, k);
  fputc(':', f);
}

static void jtext(FILE *f, const char *k, const char *v, int null_if_empty) {
  key(f, k, 0);
  if (null_if_empty && (!v || !*v)) fputs("null", f);
  else qk_sjson_string(f, v ? v : "");
}

static void jtime(FILE *f, const char *k, qk_ms t, int present) {
  char buf[40];
  key(f, k, 0);
  if (!present) {
    fputs("null", f);
    return;
  }
  qk_store_format_time(t, buf, sizeof buf);
  qk_sjson_string(f, buf);
}

static void jtri(FILE *f, const char *k, int v) {
  key(f, k, 0);
  fputs(v < 0 ? "null" : v ? "true" : "false", f);
}

typedef struct {
  qk_store *s;
  FILE *f;
  int started; /* the head was written */
  char **fields, **kinds, **keys; /* the head's lists, kept for the sessions */
  int n_fields, n_scores;
  int n_sessions, n_answers;
} json_ctx;

static int json_head(void *ud, const qk_export_head *h) {
  json_ctx *c = ud;
  c->fields = h->fields;
  c->n_fields = h->n_fields;
  c->kinds = h->score_kind;
  c->keys = h->score_key;
  c->n_scores = h->n_scores;
  c->started = 1;
  fputc('[', c->f);
  return 0;
}

static int json_consent(qk_store *s, FILE *f, int64_t id) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_CONSENT);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  key(f, "consent", 0);
  if (rc == SQLITE_ROW) {
    fputc('{', f);
    key(f, "version", 1);
    qk_sjson_string(f, qk_store_col_text(st, 0));
    jtime(f, "given_at", sqlite3_column_int64(st, 1), 1);
    fputc('}', f);
    rc = SQLITE_DONE;
  } else fputs("null", f);
  int out = rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading the consent");
  sqlite3_reset(st);
  return out;
}

/* "sections" or "competencies": [{key, title, score, max_score}, ...]. */
static void json_scores(json_ctx *c, const qk_export_session *x, const char *kind, const char *name) {
  FILE *f = c->f;
  int n = 0;
  key(f, name, 0);
  fputc('[', f);
  for (int i = 0; i < c->n_scores; i++) {
    if (strcmp(c->kinds[i], kind) || (isnan(x->score[i]) && isnan(x->score_max[i]) && !x->score_title[i]))
      continue;
    fputs(n++ ? ",{" : "{", f);
    key(f, "key", 1);
    qk_sjson_string(f, c->keys[i]);
    jtext(f, "title", x->score_title[i], 1);
    key(f, "score", 0);
    qk_sjson_number(f, x->score[i]);
    key(f, "max_score", 0);
    qk_sjson_number(f, x->score_max[i]);
    fputc('}', f);
  }
  fputc(']', f);
}

static int json_session(void *ud, const qk_export_session *x) {
  json_ctx *c = ud;
  FILE *f = c->f;
  const qk_store_session_row *r = x->r;
  if (c->n_sessions) fputs("]},", f); /* the previous session's answers end */
  fputs("\n{", f);
  c->n_sessions++;
  c->n_answers = 0;
  key(f, "id", 1);
  fprintf(f, "%lld", (long long)r->id);
  jtext(f, "kiosk", r->kiosk, 0);
  jtext(f, "app", r->app, 0);
  jtext(f, "exam", r->exam, 0);
  jtext(f, "exam_title", r->exam_title, 1);
  jtext(f, "exam_hash", r->content_hash, 0);
  jtext(f, "status", r->status, 0);
  key(f, "score", 0);
  qk_sjson_number(f, r->score);
  key(f, "max_score", 0);
  qk_sjson_number(f, r->max_score);
  jtri(f, "passed", r->passed);
  jtime(f, "started_at", r->started_at, 1);
  jtime(f, "finished_at", r->finished_at, x->finished);
  jtext(f, "language", r->language, 1);
  jtext(f, "mode", r->mode, 1);
  key(f, "shuffle_seed", 0);
  fprintf(f, "%lld", (long long)r->shuffle_seed);
  /* The fields the session was asked; after a purge they are "". */
  key(f, "candidate", 0);
  fputc('{', f);
  for (int i = 0, n = 0; i < c->n_fields; i++)
    if (x->field_vals[i]) {
      key(f, c->fields[i], n++ == 0);
      qk_sjson_string(f, x->field_vals[i]);
    }
  fputc('}', f);
  int rc = json_consent(c->s, f, r->id);
  if (rc) return rc;
  json_scores(c, x, "section", "sections");
  json_scores(c, x, "competency", "competencies");
  key(f, "answers", 0);
  fputc('[', f);
  return 0;
}

static int json_answer(void *ud, const qk_export_answer *a) {
  json_ctx *c = ud;
  FILE *f = c->f;
  fputs(c->n_answers++ ? ",{" : "{", f);
  key(f, "question", 1);
  qk_sjson_string(f, a->question);
  key(f, "response", 0);
  /* Checked on the way in; checked again in case the file was edited. */
  if (qk_json_valid(a->response, strlen(a->response))) fputs(a->response, f);
  else qk_sjson_string(f, a->response);
  jtext(f, "option_text", a->option_text, 1);
  key(f, "points", 0);
  qk_sjson_number(f, a->points);
  key(f, "max_points", 0);
  qk_sjson_number(f, a->max_points);
  jtri(f, "correct", a->correct);
  key(f, "time_ms", 0);
  fprintf(f, "%lld", (long long)a->time_ms);
  jtime(f, "answered_at", a->answered_at, 1);
  fputc('}', f);
  return 0;
}

int qk_store_export_json(qk_store *s, FILE *f, qk_ms since_ms) {
  json_ctx c = {s, f, 0, NULL, NULL, NULL, 0, 0, 0, 0};
  qk_export_sink k = {&c, json_head, json_session, json_answer, NULL, 0}; /* consent read per session */
  int rc = qk_store_export_walk(s, since_ms, &k);
  if (!c.started) fputc('[', f);
  if (c.n_sessions) fputs("]}", f);
  fputs(c.n_sessions ? "\n]\n" : "]\n", f);
  if (!rc && (fflush(f) || ferror(f))) rc = qk_store_write_error(s, "JSON export");
  return rc;
}

/* ---- to files ------------------------------------------------------------ */

FILE *qk_store_open_part(qk_store *s, const char *path, char *part, size_t len, int *rc) {
  snprintf(part, len, "%s.part", path);
  FILE *f = fopen(part, "wb");
  if (f) setvbuf(f, NULL, _IOFBF, 1 << 20); /* one system call per MiB */
  if (!f)
    *rc = qk_store_fail(s, errno == EROFS || errno == EACCES ? QK_STORE_READONLY : QK_STORE_CANTOPEN,
                        "cannot write %s: %s", part, strerror(errno));
  return f;
}

/* fsync and close; the data must be on the stick before anyone pulls it. */
int qk_store_close_part(qk_store *s, FILE *f, const char *part, int rc) {
  if (!f) return rc;
  if (!rc && (fflush(f) || fsync(fileno(f)) != 0)) rc = qk_store_write_error(s, part);
  if (fclose(f) != 0 && !rc) rc = qk_store_write_error(s, part);
  return rc;
}

void qk_store_sync_dir(const char *path) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash) *(slash == dir ? slash + 1 : slash) = 0;
  else snprintf(dir, sizeof dir, ".");
  int fd = open(dir, O_RDONLY);
  if (fd >= 0) {
    fsync(fd); /* some file systems refuse; the files are synced anyway */
    close(fd);
  }
}

int qk_store_export_file(qk_store *s, const char *path, const char *format, qk_ms since_ms,
                         char *answers_path, size_t answers_len) {
  char part[4200], apart[4200], apath[4200];
  int rc = QK_STORE_OK, csv;
  if (!path || !*path) return qk_store_fail(s, QK_STORE_INVALID, "export: no output file given");
  if (format && !strcmp(format, "xlsx")) return qk_store_export_xlsx(s, path, since_ms);
  if (format && !strcmp(format, "csv")) csv = 1;
  else if (format && !strcmp(format, "json")) csv = 0;
  else return qk_store_fail(s, QK_STORE_INVALID, "export format must be csv, json or xlsx, not %s",
                            format ? format : "(none)");
  if (csv) {
    size_t n = strlen(path);
    int ext = n > 4 && !strcmp(path + n - 4, ".csv");
    snprintf(apath, sizeof apath, "%.*s_answers.csv", (int)(ext ? n - 4 : n), path);
    if (!strcmp(apath, path)) return qk_store_fail(s, QK_STORE_INVALID, "export: odd file name %s", path);
  }
  FILE *f = qk_store_open_part(s, path, part, sizeof part, &rc), *af = NULL;
  if (f && csv) af = qk_store_open_part(s, apath, apart, sizeof apart, &rc);
  if (!rc) rc = csv ? qk_store_export_csv(s, f, af, since_ms) : qk_store_export_json(s, f, since_ms);
  rc = qk_store_close_part(s, f, part, rc);
  rc = qk_store_close_part(s, af, apart, rc);
  if (!rc && rename(part, path) != 0) rc = qk_store_write_error(s, path);
  if (!rc && csv && rename(apart, apath) != 0) rc = qk_store_write_error(s, apath);
  if (rc) {
    if (f) unlink(part);
    if (af) unlink(apart);
    return rc;
  }
  qk_store_sync_dir(path);
  if (csv && answers_path) snprintf(answers_path, answers_len, "%s", apath);
  return QK_STORE_OK;
}
