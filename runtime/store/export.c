/*
** export.c — results out of the kiosk: CSV for HR's Excel and JSON for
** programs.
**
** CSV is written the way Excel reads it right: UTF-8 with a BOM (without it
** Excel guesses a legacy code page and Chinese turns into mojibake), CRLF
** line ends, RFC 4180 quoting. Text a candidate typed that starts like a
** formula (= + - @ tab CR) gets a leading ' so Excel shows it instead of
** evaluating it (CSV injection). One file has a row per session with the
** candidate fields as columns; "<base>_answers.csv" has a row per answer.
**
** JSON is an array of sessions, each with its candidate fields and answers;
** responses are stored as checked JSON text and embedded as they are.
**
** Everything is read inside one read transaction so the files agree with
** each other even while the kiosk keeps writing.
*/
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
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

/* Writes text as UTF-8, bytes that are not UTF-8 as U+FFFD. */
static void put_utf8(FILE *f, const char *text, int double_quotes) {
  const unsigned char *p = (const unsigned char *)text;
  size_t len = strlen(text);
  for (size_t i = 0; i < len;) {
    size_t n = qk_utf8_len(p + i, len - i);
    if (!n) {
      fputs("\xEF\xBF\xBD", f);
      i++;
      continue;
    }
    if (double_quotes && p[i] == '"') fputc('"', f);
    fwrite(p + i, 1, n, f);
    i += n;
  }
}

/* A CSV cell; user=1 for text a candidate typed (formula guard). */
static void cell(FILE *f, const char *text, int user, int first) {
  if (!first) fputc(',', f);
  if (!text) return;
  int guard = user && text[0] && strchr("=+-@\t\r", text[0]) && !looks_numeric(text);
  int quote = strpbrk(text, ",\"\r\n") != NULL;
  if (quote) fputc('"', f);
  if (guard) fputc('\'', f);
  put_utf8(f, text, quote);
  if (quote) fputc('"', f);
}

static void cell_num(FILE *f, double v) {
  char buf[40] = "";
  if (isfinite(v)) qk_json_number_text(v, buf, sizeof buf);
  cell(f, buf, 0, 0);
}

static void cell_int(FILE *f, int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)v);
  cell(f, buf, 0, 0);
}

static void cell_tri(FILE *f, int v) { cell(f, v < 0 ? "" : v ? "1" : "0", 0, 0); }

static void cell_time(FILE *f, qk_ms t, int present) {
  char buf[40] = "";
  if (present) qk_store_format_time(t, buf, sizeof buf);
  cell(f, buf, 0, 0);
}

/* ---- shared reading ------------------------------------------------------ */

typedef struct {
  char **names;
  int n;
} field_list;

static void fields_free(field_list *fl) {
  for (int i = 0; i < fl->n; i++) free(fl->names[i]);
  free(fl->names);
  fl->names = NULL;
  fl->n = 0;
}

/* The union of candidate field names over the exported sessions, sorted
** by bytes (SQLite's BINARY order, the same as strcmp on UTF-8). */
static int fields_load(qk_store *s, qk_ms since_ms, field_list *fl) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_FIELDS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, since_ms);
  int rc, out = QK_STORE_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    char **grown = realloc(fl->names, (size_t)(fl->n + 1) * sizeof *grown);
    char *name = strdup(qk_store_col_text(st, 0));
    if (!grown || !name) {
      free(name);
      if (grown) fl->names = grown;
      out = qk_store_fail(s, QK_STORE_ERROR, "out of memory listing candidate fields");
      break;
    }
    fl->names = grown;
    fl->names[fl->n++] = name;
  }
  if (!out && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "listing candidate fields");
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

static int write_error(qk_store *s, const char *what) {
  return qk_store_fail(s, errno == ENOSPC ? QK_STORE_FULL : QK_STORE_IOERR, "writing the %s failed: %s",
                       what, strerror(errno ? errno : EIO));
}

/* ---- CSV ----------------------------------------------------------------- */

static const char *const session_cols[] = {"id", "kiosk", "app", "exam", "exam_title", "exam_hash",
                                           "status", "score", "max_score", "passed", "started_at",
                                           "finished_at", "language", "mode"};
#define N_SESSION_COLS ((int)(sizeof session_cols / sizeof *session_cols))

static int csv_answer(void *ud, const qk_store_answer_row *a);

typedef struct {
  FILE *f;
  int64_t session_id;
} answer_ctx;

static int csv_candidates(qk_store *s, FILE *f, int64_t id, const field_list *fl) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_CANDIDATE);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  /* Both lists are sorted: walk them together. */
  int rc = sqlite3_step(st);
  for (int i = 0; i < fl->n; i++) {
    while (rc == SQLITE_ROW && strcmp(qk_store_col_text(st, 0), fl->names[i]) < 0) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && !strcmp(qk_store_col_text(st, 0), fl->names[i])) {
      cell(f, qk_store_col_text(st, 1), 1, 0);
      rc = sqlite3_step(st);
    } else cell(f, "", 0, 0);
  }
  while (rc == SQLITE_ROW) rc = sqlite3_step(st);
  int out = rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading candidate fields");
  sqlite3_reset(st);
  return out;
}

int qk_store_export_csv(qk_store *s, FILE *sf, FILE *af, qk_ms since_ms) {
  field_list fl = {0};
  int rc = snapshot_begin(s);
  if (rc) return rc;
  if ((rc = fields_load(s, since_ms, &fl))) goto done;

  fputs("\xEF\xBB\xBF", sf);
  for (int i = 0; i < N_SESSION_COLS; i++) cell(sf, session_cols[i], 0, i == 0);
  for (int i = 0; i < fl.n; i++) {
    int clash = 0;
    for (int j = 0; j < N_SESSION_COLS; j++) clash |= !strcmp(fl.names[i], session_cols[j]);
    if (clash) {
      fputs(",candidate_", sf);
      put_utf8(sf, fl.names[i], 0); /* plain names need no quoting; odd ones below */
    } else cell(sf, fl.names[i], 1, 0);
  }
  fputs("\r\n", sf);
  fputs("\xEF\xBB\xBF", af);
  fputs("session_id,question,response,points,max_points,correct,time_ms,answered_at\r\n", af);

  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_SESSIONS);
  if (!st) {
    rc = QK_STORE_ERROR;
    goto done;
  }
  sqlite3_bind_int64(st, 1, since_ms);
  int src;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_session_row r;
    qk_store_session_row_read(st, &r);
    char idtext[32];
    snprintf(idtext, sizeof idtext, "%lld", (long long)r.id);
    cell(sf, idtext, 0, 1);
    cell(sf, r.kiosk, 0, 0);
    cell(sf, r.app, 0, 0);
    cell(sf, r.exam, 0, 0);
    cell(sf, r.exam_title, 0, 0);
    cell(sf, r.content_hash, 0, 0);
    cell(sf, r.status, 0, 0);
    cell_num(sf, r.score);
    cell_num(sf, r.max_score);
    cell_tri(sf, r.passed);
    cell_time(sf, r.started_at, 1);
    cell_time(sf, r.finished_at, sqlite3_column_type(st, 11) != SQLITE_NULL);
    cell(sf, r.language, 0, 0);
    cell(sf, r.mode, 0, 0);
    if ((rc = csv_candidates(s, sf, r.id, &fl))) break;
    fputs("\r\n", sf);
    answer_ctx ac = {af, r.id};
    if ((rc = qk_store_session_answers(s, r.id, csv_answer, &ac))) break;
  }
  if (!rc && src != SQLITE_DONE) rc = qk_store_sqlfail(s, src, "reading sessions");
  sqlite3_reset(st);
done:
  fields_free(&fl);
  snapshot_end(s);
  if (!rc && (fflush(sf) || ferror(sf))) rc = write_error(s, "sessions file");
  if (!rc && (fflush(af) || ferror(af))) rc = write_error(s, "answers file");
  return rc;
}

static int csv_answer(void *ud, const qk_store_answer_row *a) {
  answer_ctx *ac = ud;
  char id[32];
  snprintf(id, sizeof id, "%lld", (long long)ac->session_id);
  cell(ac->f, id, 0, 1);
  cell(ac->f, a->question, 0, 0);
  cell(ac->f, a->response_text, 1, 0);
  cell_num(ac->f, a->points);
  cell_num(ac->f, a->max_points);
  cell_tri(ac->f, a->correct);
  cell_int(ac->f, a->time_ms);
  cell_time(ac->f, a->answered_at, 1);
  fputs("\r\n", ac->f);
  return 0;
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
  FILE *f;
  int n;
} jlist;

static int json_answer_out(void *ud, const qk_store_answer_row *a) {
  jlist *l = ud;
  FILE *f = l->f;
  fputs(l->n++ ? ",{" : "{", f);
  key(f, "question", 1);
  qk_sjson_string(f, a->question);
  key(f, "response", 0);
  /* Checked on the way in; checked again in case the file was edited. */
  if (qk_json_valid(a->response, strlen(a->response))) fputs(a->response, f);
  else qk_sjson_string(f, a->response);
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

static int json_candidate(qk_store *s, FILE *f, int64_t id) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_CANDIDATE);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, id);
  int rc, n = 0;
  key(f, "candidate", 0);
  fputc('{', f);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    key(f, qk_store_col_text(st, 0), n++ == 0);
    qk_sjson_string(f, qk_store_col_text(st, 1));
  }
  fputc('}', f);
  int out = rc == SQLITE_DONE ? QK_STORE_OK : qk_store_sqlfail(s, rc, "reading candidate fields");
  sqlite3_reset(st);
  return out;
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

int qk_store_export_json(qk_store *s, FILE *f, qk_ms since_ms) {
  int rc = snapshot_begin(s), src, n = 0;
  if (rc) return rc;
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_SESSIONS);
  if (!st) {
    snapshot_end(s);
    return QK_STORE_ERROR;
  }
  sqlite3_bind_int64(st, 1, since_ms);
  fputc('[', f);
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    qk_store_session_row r;
    qk_store_session_row_read(st, &r);
    fputs(n++ ? ",\n{" : "\n{", f);
    key(f, "id", 1);
    fprintf(f, "%lld", (long long)r.id);
    jtext(f, "kiosk", r.kiosk, 0);
    jtext(f, "app", r.app, 0);
    jtext(f, "exam", r.exam, 0);
    jtext(f, "exam_title", r.exam_title, 1);
    jtext(f, "exam_hash", r.content_hash, 0);
    jtext(f, "status", r.status, 0);
    key(f, "score", 0);
    qk_sjson_number(f, r.score);
    key(f, "max_score", 0);
    qk_sjson_number(f, r.max_score);
    jtri(f, "passed", r.passed);
    jtime(f, "started_at", r.started_at, 1);
    jtime(f, "finished_at", r.finished_at, sqlite3_column_type(st, 11) != SQLITE_NULL);
    jtext(f, "language", r.language, 1);
    jtext(f, "mode", r.mode, 1);
    key(f, "shuffle_seed", 0);
    fprintf(f, "%lld", (long long)r.shuffle_seed);
    if ((rc = json_candidate(s, f, r.id)) || (rc = json_consent(s, f, r.id))) break;
    key(f, "answers", 0);
    fputc('[', f);
    jlist l = {f, 0};
    if ((rc = qk_store_session_answers(s, r.id, json_answer_out, &l))) break;
    fputs("]}", f);
  }
  if (!rc && src != SQLITE_DONE) rc = qk_store_sqlfail(s, src, "reading sessions");
  sqlite3_reset(st);
  snapshot_end(s);
  fputs(n ? "\n]\n" : "]\n", f);
  if (!rc && (fflush(f) || ferror(f))) rc = write_error(s, "JSON export");
  return rc;
}

/* ---- to files ------------------------------------------------------------ */

static FILE *open_part(qk_store *s, const char *path, char *part, size_t len, int *rc) {
  snprintf(part, len, "%s.part", path);
  FILE *f = fopen(part, "wb");
  if (!f)
    *rc = qk_store_fail(s, errno == EROFS || errno == EACCES ? QK_STORE_READONLY : QK_STORE_CANTOPEN,
                        "cannot write %s: %s", part, strerror(errno));
  return f;
}

/* fsync and close; the data must be on the stick before anyone pulls it. */
static int close_part(qk_store *s, FILE *f, const char *part, int rc) {
  if (!f) return rc;
  if (!rc && (fflush(f) || fsync(fileno(f)) != 0)) rc = write_error(s, part);
  if (fclose(f) != 0 && !rc) rc = write_error(s, part);
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
  if (format && !strcmp(format, "csv")) csv = 1;
  else if (format && !strcmp(format, "json")) csv = 0;
  else return qk_store_fail(s, QK_STORE_INVALID, "export format must be csv or json, not %s",
                            format ? format : "(none)");
  if (csv) {
    size_t n = strlen(path);
    int ext = n > 4 && !strcmp(path + n - 4, ".csv");
    snprintf(apath, sizeof apath, "%.*s_answers.csv", (int)(ext ? n - 4 : n), path);
    if (!strcmp(apath, path)) return qk_store_fail(s, QK_STORE_INVALID, "export: odd file name %s", path);
  }
  FILE *f = open_part(s, path, part, sizeof part, &rc), *af = NULL;
  if (f && csv) af = open_part(s, apath, apart, sizeof apart, &rc);
  if (!rc) rc = csv ? qk_store_export_csv(s, f, af, since_ms) : qk_store_export_json(s, f, since_ms);
  rc = close_part(s, f, part, rc);
  rc = close_part(s, af, apart, rc);
  if (!rc && rename(part, path) != 0) rc = write_error(s, path);
  if (!rc && csv && rename(apart, apath) != 0) rc = write_error(s, apath);
  if (rc) {
    if (f) unlink(part);
    if (af) unlink(apart);
    return rc;
  }
  qk_store_sync_dir(path);
  if (csv && answers_path) snprintf(answers_path, answers_len, "%s", apath);
  return QK_STORE_OK;
}
