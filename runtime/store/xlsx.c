/*
** xlsx.c — the results as a real Excel workbook, for HR: a "sessions"
** sheet (one row per session: its details, the candidate's fields, and
** each section's and competency's score as numbers) and an "answers"
** sheet (one row per answer: the letter(s) and the option text). Headers
** are bold and frozen with a filter on them, times are real Excel dates
** (local time, as the CSV shows them), and each column is as wide as its
** longest cell (a CJK character counting two), within limits.
**
** libxlsxwriter (Debian's libxlsxwriter-dev) writes the file: the format
** is a zip of XML parts with shared styles, and a library made for the job
** beats hand-written zip + XML. Its constant_memory mode streams rows to
** temporary files, so a 100k-session export does not build in memory.
** Rows come from the same walk as the CSV (export.c); a sheet that would
** pass Excel's 1,048,576 rows goes on in "answers 2", "answers 3", ...
**
** Built into the Excel module (xlsx_module.h), not the store library, so
** only an xlsx export maps libxlsxwriter (xlsx_load.c loads it).
*/
#include "store_int.h"
#include "xlsx_module.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_ROWS 1048576  /* Excel's limit per sheet, the header included */
#define MAX_CELL 32767    /* bytes libxlsxwriter takes in one string cell */
#define MAX_COLS 512
#define WIDTH_MIN 6
#define WIDTH_MAX 60

typedef struct {
  lxw_worksheet *ws;
  lxw_row_t row; /* next row to write */
  int ncols;
  double width[MAX_COLS];
} sheet;

typedef struct {
  qk_store *s;
  lxw_workbook *wb;
  lxw_format *bold, *date;
  sheet sessions, answers;
  int answer_sheets;
  int n_fields, n_scores;
  lxw_error err; /* the first libxlsxwriter error */
} xlsx_ctx;

static void note(xlsx_ctx *c, lxw_error e) {
  if (e && !c->err) c->err = e;
}

/* Display width: a CJK (or other wide) character takes two columns. */
static double text_width(const char *t) {
  double w = 0;
  for (const unsigned char *p = (const unsigned char *)t; *p; p++)
    if ((*p & 0xC0) != 0x80) w += *p >= 0xE1 ? 2 : 1; /* U+1000 and up: mostly CJK */
  return w;
}

static void grow(sheet *sh, int col, double w) {
  if (col < MAX_COLS && w > sh->width[col]) sh->width[col] = w;
}

/* A string cell; invalid UTF-8 becomes U+FFFD (the XML must be valid) and
** an over-long text is cut on a character boundary. libxlsxwriter never
** turns a string into a formula, so typed text needs no guard here. */
static void put_text(xlsx_ctx *c, sheet *sh, int col, const char *t) {
  if (!t || !*t) return;
  size_t len = strlen(t);
  char *clean = NULL;
  if (!qk_utf8_valid(t, len) || len > MAX_CELL) {
    clean = malloc(len * 3 + 1);
    if (!clean) {
      note(c, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
      size_t n = qk_utf8_len((const unsigned char *)t + i, len - i);
      if (o + (n ? n : 3) > MAX_CELL) break;
      if (n) memcpy(clean + o, t + i, n), o += n, i += n;
      else memcpy(clean + o, "\xEF\xBF\xBD", 3), o += 3, i++;
    }
    clean[o] = 0;
    t = clean;
  }
  note(c, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, t, NULL));
  grow(sh, col, text_width(t));
  free(clean);
}

static void put_num(xlsx_ctx *c, sheet *sh, int col, double v) {
  if (!isfinite(v)) return;
  note(c, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, v, NULL));
  char buf[40];
  qk_json_number_text(v, buf, sizeof buf);
  grow(sh, col, (double)strlen(buf));
}

static void put_tri(xlsx_ctx *c, sheet *sh, int col, int v) {
  if (v >= 0) put_num(c, sh, col, v);
}

/* A real date-time cell, in local time like the CSV's (Excel dates carry
** no zone). */
static void put_time(xlsx_ctx *c, sheet *sh, int col, qk_ms t) {
  time_t sec = (time_t)(t >= 0 ? t / 1000 : -((-t + 999) / 1000));
  struct tm tm;
  if (!localtime_r(&sec, &tm) || tm.tm_year + 1900 < 1900 || tm.tm_year + 1900 > 9999) return;
  lxw_datetime dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec + (double)(t - (qk_ms)sec * 1000) / 1000.0};
  note(c, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col, &dt, c->date));
  grow(sh, col, 19);
}

static int new_sheet(xlsx_ctx *c, sheet *sh, const char *name, const char *const *head, int n) {
  memset(sh, 0, sizeof *sh);
  if (n > MAX_COLS)
    return qk_store_fail(c->s, QK_STORE_INVALID, "the export has %d columns, more than the %d a sheet here takes",
                         n, MAX_COLS);
  sh->ws = workbook_add_worksheet(c->wb, name);
  if (!sh->ws) return qk_store_fail(c->s, QK_STORE_ERROR, "could not add the sheet %s to the workbook", name);
  sh->ncols = n;
  for (int i = 0; i < n; i++) {
    note(c, worksheet_write_string(sh->ws, 0, (lxw_col_t)i, head[i], c->bold));
    grow(sh, i, text_width(head[i]) + 2); /* room for the filter button */
  }
  worksheet_freeze_panes(sh->ws, 1, 0);
  sh->row = 1;
  return QK_STORE_OK;
}

/* Widths and the header filter, once every row is in. */
static void finish_sheet(xlsx_ctx *c, sheet *sh) {
  if (!sh->ws) return;
  for (int i = 0; i < sh->ncols; i++) {
    double w = sh->width[i] + 1;
    w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
    note(c, worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL));
  }
  note(c, worksheet_autofilter(sh->ws, 0, 0, sh->row > 1 ? sh->row - 1 : 1, (lxw_col_t)(sh->ncols - 1)));
}

static const char *const answer_cols[] = {"session_id", "question", "response", "option_text", "points",
                                          "max_points", "correct", "time_ms", "answered_at"};
#define N_ANSWER_COLS ((int)(sizeof answer_cols / sizeof *answer_cols))

static int x_head(void *ud, const qk_export_head *h) {
  xlsx_ctx *c = ud;
  int n = h->n_session_cols + h->n_fields + 2 * h->n_scores;
  char **names = calloc((size_t)n + 1, sizeof *names);
  if (!names) return qk_store_fail(c->s, QK_STORE_ERROR, "out of memory starting the workbook");
  int k = 0, rc = QK_STORE_OK;
  for (int i = 0; i < h->n_session_cols; i++) names[k++] = strdup(h->session_cols[i]);
  for (int i = 0; i < h->n_fields; i++) names[k++] = strdup(h->fields[i]);
  for (int i = 0; i < h->n_scores; i++) {
    size_t len = strlen(h->score_kind[i]) + strlen(h->score_key[i]) + 8;
    if ((names[k] = malloc(len))) snprintf(names[k], len, "%s:%s", h->score_kind[i], h->score_key[i]);
    k++;
    if ((names[k] = malloc(len))) snprintf(names[k], len, "%s:%s:max", h->score_kind[i], h->score_key[i]);
    k++;
  }
  for (int i = 0; i < n; i++)
    if (!names[i]) rc = qk_store_fail(c->s, QK_STORE_ERROR, "out of memory starting the workbook");
  if (!rc) rc = new_sheet(c, &c->sessions, "sessions", (const char *const *)names, n);
  if (!rc) {
    rc = new_sheet(c, &c->answers, "answers", answer_cols, N_ANSWER_COLS);
    c->answer_sheets = 1;
  }
  c->n_fields = h->n_fields;
  c->n_scores = h->n_scores;
  for (int i = 0; i < n; i++) free(names[i]);
  free(names);
  return rc;
}

static int x_session(void *ud, const qk_export_session *x) {
  xlsx_ctx *c = ud;
  sheet *sh = &c->sessions;
  const qk_store_session_row *r = x->r;
  if (sh->row >= MAX_ROWS)
    return qk_store_fail(c->s, QK_STORE_INVALID,
                         "more than %d sessions: too many for one Excel sheet; export a shorter period "
                         "(--since) or as CSV",
                         MAX_ROWS - 1);
  int col = 0;
  put_num(c, sh, col++, (double)r->id);
  const char *texts[] = {r->kiosk, r->app, r->exam, r->exam_title, r->content_hash, r->status};
  for (int i = 0; i < 6; i++) put_text(c, sh, col++, texts[i]);
  put_num(c, sh, col++, r->score);
  put_num(c, sh, col++, r->max_score);
  put_tri(c, sh, col++, r->passed);
  put_time(c, sh, col++, r->started_at);
  if (x->finished) put_time(c, sh, col, r->finished_at);
  col++;
  put_text(c, sh, col++, r->language);
  put_text(c, sh, col++, r->mode);
  for (int i = 0; i < c->n_fields; i++) put_text(c, sh, col++, x->field_vals[i]);
  for (int i = 0; i < c->n_scores; i++) {
    put_num(c, sh, col++, x->score[i]);
    put_num(c, sh, col++, x->score_max[i]);
  }
  sh->row++;
  return c->err ? qk_store_fail(c->s, QK_STORE_ERROR, "writing the workbook: %s", lxw_strerror(c->err))
                : QK_STORE_OK;
}

static int x_answer(void *ud, const qk_export_answer *a) {
  xlsx_ctx *c = ud;
  sheet *sh = &c->answers;
  if (sh->row >= MAX_ROWS) { /* Excel's last row: go on in the next sheet */
    char name[32];
    finish_sheet(c, sh);
    snprintf(name, sizeof name, "answers %d", ++c->answer_sheets);
    int rc = new_sheet(c, sh, name, answer_cols, N_ANSWER_COLS);
    if (rc) return rc;
  }
  put_num(c, sh, 0, (double)a->session_id);
  put_text(c, sh, 1, a->question);
  put_text(c, sh, 2, a->text);
  put_text(c, sh, 3, a->option_text);
  put_num(c, sh, 4, a->points);
  put_num(c, sh, 5, a->max_points);
  put_tri(c, sh, 6, a->correct);
  put_num(c, sh, 7, (double)a->time_ms);
  put_time(c, sh, 8, a->answered_at);
  sh->row++;
  return c->err ? qk_store_fail(c->s, QK_STORE_ERROR, "writing the workbook: %s", lxw_strerror(c->err))
                : QK_STORE_OK;
}

int qk_xlsx_export(qk_store *s, const char *path, qk_ms since_ms) {
  char part[4200];
  if (!path || !*path) return qk_store_fail(s, QK_STORE_INVALID, "export: no output file given");
  snprintf(part, sizeof part, "%s.part", path);
  /* libxlsxwriter reports a folder it cannot write only at close, and
  ** vaguely: try the file first for a clear message. */
  int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return qk_store_fail(s, errno == EROFS || errno == EACCES ? QK_STORE_READONLY : QK_STORE_CANTOPEN,
                         "cannot write %s: %s", part, strerror(errno));
  close(fd);
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
  xlsx_ctx *c = calloc(1, sizeof *c);
  if (!c) {
    unlink(part);
    return qk_store_fail(s, QK_STORE_ERROR, "out of memory starting the workbook");
  }
  c->s = s;
  c->wb = workbook_new_opt(part, &opt);
  if (!c->wb) {
    free(c);
    unlink(part);
    return qk_store_fail(s, QK_STORE_ERROR, "could not start the workbook %s", part);
  }
  c->bold = workbook_add_format(c->wb);
  c->date = workbook_add_format(c->wb);
  format_set_bold(c->bold);
  format_set_num_format(c->date, "yyyy-mm-dd hh:mm:ss");
  qk_export_sink k = {c, x_head, x_session, x_answer, NULL, 0};
  int rc = qk_store_export_walk(s, since_ms, &k);
  finish_sheet(c, &c->sessions);
  finish_sheet(c, &c->answers);
  lxw_error e = workbook_close(c->wb); /* writes the zip; frees the workbook */
  if (!rc && (e || c->err))
    rc = qk_store_fail(s, e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ? QK_STORE_IOERR
                                                                                              : QK_STORE_ERROR,
                       "writing the workbook %s: %s", part, lxw_strerror(e ? e : c->err));
  free(c);
  /* On the stick before anyone pulls it, then under its name. */
  if (!rc) {
    fd = open(part, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) rc = qk_store_write_error(s, part);
    if (fd >= 0) close(fd);
  }
  if (!rc && rename(part, path) != 0) rc = qk_store_write_error(s, path);
  if (rc) {
    unlink(part);
    return rc;
  }
  qk_store_sync_dir(path);
  return QK_STORE_OK;
}
