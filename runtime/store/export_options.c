/*
** export_options.c — the text of the options a response chose, for the
** export's answers, worked out in C from each question's recorded options
** (exam_questions) instead of by ST_EXPORT_ANSWERS's SQL per session.
**
** ST_EXPORT_ANSWERS stays the definition: for a response that is valid
** JSON, each of its values (the elements of an array, else the value
** itself), in order, joined with every option whose key equals it, in the
** options' order; a text option gives its text, a per-language object its
** value for the session's language (json_extract '$."<lang>"'), else its
** first value; a JSON null nothing; all joined by " | ", "" when none.
** This file does exactly that for what kiosks store (a letter, an array
** of letters, null; options of text or {lang: text}) and says "fall back"
** for anything else (numbers as responses or options, escapes in a
** response, nested values, an odd language name, a NUL in a text): the
** caller then runs ST_EXPORT_ANSWERS for that session, so the output is
** the same bytes either way (tests/store/stream_test.c, golden files
** written by the SQL).
**
** A question's options are read and parsed once per export (a hash table
** keyed by exam version and question), when an answer first needs them.
*/
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* One member of a question's options, in document order; a per-language
** object's members follow it (nsub of them). Offsets into the entry's buf. */
enum { OM_TEXT, OM_NULL, OM_OBJECT, OM_LANG };
typedef struct {
  size_t key, klen, val, vlen;
  int type, nsub;
} omember;

enum { OE_NONE, OE_SIMPLE, OE_COMPLEX }; /* no options; parsed; fall back */
typedef struct {
  int64_t ref;
  char *question; /* NULL: a free slot */
  uint64_t hash;
  int state;
  omember *m;
  int n;
  char *buf;
} oentry;

struct qk_option_cache {
  oentry *slot;
  size_t cap, used; /* cap a power of two, used at most half of it */
  char *out;        /* the last text made */
  size_t out_len, out_cap;
  int out_n; /* texts in it: group_concat puts the separator after an empty one too */
};

qk_option_cache *qk_option_cache_new(void) { return calloc(1, sizeof(qk_option_cache)); }

void qk_option_cache_free(qk_option_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->cap; i++) {
    free(c->slot[i].question);
    free(c->slot[i].m);
    free(c->slot[i].buf);
  }
  free(c->slot);
  free(c->out);
  free(c);
}

static uint64_t hash_of(int64_t ref, const char *q) {
  uint64_t h = 1469598103934665603ull ^ (uint64_t)ref;
  for (const unsigned char *p = (const unsigned char *)q; *p; p++) h = (h ^ *p) * 1099511628211ull;
  return h;
}

/* ---- parsing one question's options ---------------------------------- */

typedef struct {
  omember *m;
  int n, cap;
  char *buf;
  size_t len, bcap;
  int depth, top; /* top: the current top-level member */
  int complex, oom;
} oparse;

/* Appends raw JSON string contents decoded; 0, or -1 when the text holds
** a NUL (a C string would end there: fall back) or memory ran out. */
static int op_text(oparse *p, const char *raw, size_t len, size_t *at, size_t *n) {
  if (p->len + len + 1 > p->bcap) {
    size_t cap = p->bcap ? p->bcap : 256;
    while (cap < p->len + len + 1) cap *= 2;
    char *grown = realloc(p->buf, cap);
    if (!grown) return p->oom = 1, -1;
    p->buf = grown;
    p->bcap = cap;
  }
  size_t got = memchr(raw, '\\', len) ? qk_json_unescape(raw, len, p->buf + p->len) : (memcpy(p->buf + p->len, raw, len), len);
  if (memchr(p->buf + p->len, 0, got)) return p->complex = 1, -1;
  p->buf[p->len + got] = 0;
  *at = p->len;
  *n = got;
  p->len += got + 1;
  return 0;
}

static int op_add(oparse *p, int type) {
  if (p->n == p->cap) {
    int cap = p->cap ? p->cap * 2 : 8;
    omember *grown = realloc(p->m, (size_t)cap * sizeof *grown);
    if (!grown) return p->oom = 1, -1;
    p->m = grown;
    p->cap = cap;
  }
  memset(&p->m[p->n], 0, sizeof *p->m);
  p->m[p->n++].type = type;
  return 0;
}

static int op_begin(void *ud, int array) {
  oparse *p = ud;
  if (array || ++p->depth > 2) return p->complex = 1; /* arrays, deeper objects: fall back */
  if (p->depth == 2) p->m[p->top].type = OM_OBJECT;
  return 0;
}

static int op_end(void *ud, int array) {
  (void)array;
  ((oparse *)ud)->depth--;
  return 0;
}

static int op_key(void *ud, const char *raw, size_t len) {
  oparse *p = ud;
  /* A language name is matched as json_extract's path matches it, on its
  ** raw text; only names without escapes are the same decoded. */
  if (p->depth == 2 && memchr(raw, '\\', len)) return p->complex = 1;
  if (op_add(p, p->depth == 1 ? OM_NULL : OM_LANG)) return 1;
  if (p->depth == 1) p->top = p->n - 1;
  else p->m[p->top].nsub++;
  omember *m = &p->m[p->n - 1];
  return op_text(p, raw, len, &m->key, &m->klen) ? 1 : 0;
}

static int op_string(void *ud, const char *raw, size_t len) {
  oparse *p = ud;
  if (p->depth == 0) return p->complex = 1; /* options that are one string */
  omember *m = &p->m[p->n - 1];
  if (p->depth == 1) m->type = OM_TEXT;
  return op_text(p, raw, len, &m->val, &m->vlen) ? 1 : 0;
}

static int op_number(void *ud, const char *text, size_t len) {
  (void)text, (void)len;
  return ((oparse *)ud)->complex = 1; /* SQLite's own number text: fall back */
}

static int op_literal(void *ud, qk_json_literal what) {
  oparse *p = ud;
  if (p->depth == 1 && what == QK_JSON_NULL) return 0; /* OM_NULL as added */
  return p->complex = 1;
}

/* Reads question's options for version ref into e (state set). */
static int entry_load(qk_store *s, oentry *e, int64_t ref, const char *question) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_EXPORT_QUESTION_OPTIONS);
  if (!st) return QK_STORE_ERROR;
  sqlite3_bind_int64(st, 1, ref);
  qk_store_bind_text(st, 2, question);
  int rc = sqlite3_step(st), out = QK_STORE_OK;
  e->state = OE_NONE;
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    const char *json = (const char *)sqlite3_column_text(st, 0);
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    oparse p;
    memset(&p, 0, sizeof p);
    static const qk_json_handler h = {op_begin, op_end, op_key, op_string, op_number, op_literal, NULL};
    int bad = !json || qk_json_parse(json, len, &h, &p, NULL) != 0;
    if (p.oom) out = qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the options of %s", question);
    if (!out && !bad && !p.complex) {
      e->state = OE_SIMPLE;
      e->m = p.m;
      e->n = p.n;
      e->buf = p.buf;
    } else {
      e->state = OE_COMPLEX; /* or invalid JSON to this reader: SQL decides */
      free(p.m);
      free(p.buf);
    }
  } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) out = qk_store_sqlfail(s, rc, "reading a question's options");
  sqlite3_reset(st);
  return out;
}

static int cache_grow(qk_option_cache *c) {
  size_t cap = c->cap ? c->cap * 2 : 256;
  oentry *slot = calloc(cap, sizeof *slot);
  if (!slot) return -1;
  for (size_t i = 0; i < c->cap; i++)
    if (c->slot[i].question) {
      size_t j = c->slot[i].hash & (cap - 1);
      while (slot[j].question) j = (j + 1) & (cap - 1);
      slot[j] = c->slot[i];
    }
  free(c->slot);
  c->slot = slot;
  c->cap = cap;
  return 0;
}

/* The entry of (ref, question), read on first use; NULL on error (set). */
static oentry *entry_get(qk_store *s, qk_option_cache *c, int64_t ref, const char *question) {
  uint64_t h = hash_of(ref, question);
  if (c->cap) {
    for (size_t i = h & (c->cap - 1); c->slot[i].question; i = (i + 1) & (c->cap - 1))
      if (c->slot[i].hash == h && c->slot[i].ref == ref && !strcmp(c->slot[i].question, question))
        return &c->slot[i];
  }
  if ((c->used + 1) * 2 > c->cap && cache_grow(c)) {
    qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the exam's options");
    return NULL;
  }
  size_t i = h & (c->cap - 1);
  while (c->slot[i].question) i = (i + 1) & (c->cap - 1);
  oentry *e = &c->slot[i];
  memset(e, 0, sizeof *e);
  if (entry_load(s, e, ref, question)) return NULL;
  if (!(e->question = strdup(question))) {
    free(e->m);
    free(e->buf);
    memset(e, 0, sizeof *e);
    qk_store_fail(s, QK_STORE_ERROR, "out of memory reading the exam's options");
    return NULL;
  }
  e->ref = ref;
  e->hash = h;
  c->used++;
  return e;
}

/* ---- one answer ------------------------------------------------------ */

static int out_add(qk_option_cache *c, const char *t, size_t n) {
  size_t sep = c->out_n++ ? 3 : 0;
  if (c->out_len + sep + n + 1 > c->out_cap) {
    size_t cap = c->out_cap ? c->out_cap : 256;
    while (cap < c->out_len + sep + n + 1) cap *= 2;
    char *grown = realloc(c->out, cap);
    if (!grown) return -1;
    c->out = grown;
    c->out_cap = cap;
  }
  if (sep) memcpy(c->out + c->out_len, " | ", 3);
  memcpy(c->out + c->out_len + sep, t, n);
  c->out_len += sep + n;
  c->out[c->out_len] = 0;
  return 0;
}

/* A language name json_extract's '$."<lang>"' reads as that name. */
static int plain_language(const char *lang) {
  if (!*lang) return 0;
  for (const char *p = lang; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
          *p == '_'))
      return 0;
  return 1;
}

/* Adds the texts of the options keyed v[0..n); 1: fall back. */
static int join_value(qk_option_cache *c, const oentry *e, const char *v, size_t n, const char *lang,
                      int *oom) {
  for (int i = 0; i < e->n; i += 1 + (e->m[i].type == OM_OBJECT ? e->m[i].nsub : 0)) {
    const omember *m = &e->m[i];
    if (m->klen != n || memcmp(e->buf + m->key, v, n)) continue;
    const omember *pick = NULL;
    if (m->type == OM_TEXT) pick = m;
    else if (m->type == OM_OBJECT && m->nsub) {
      if (lang && !plain_language(lang)) return 1;
      pick = m + 1; /* no value in the language (or none): the first */
      for (int j = 1; lang && j <= m->nsub; j++)
        if (!strcmp(e->buf + m[j].key, lang)) {
          pick = m + j;
          break;
        }
    }
    if (pick && out_add(c, e->buf + pick->val, pick->vlen)) return *oom = 1, 1;
  }
  return 0;
}

/* A JSON string with nothing to decode and nothing json_valid could
** disagree on: its contents' length, or -1. */
static long simple_string(const char *p) {
  const char *q = p + 1;
  while (*q && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
  return *p == '"' && *q == '"' ? (long)(q - p - 1) : -1;
}

int qk_export_option_text(qk_store *s, qk_option_cache *c, int64_t ref, const char *question,
                          const char *response, const char *lang, const char **text, size_t *len,
                          int *fall_back) {
  *fall_back = 0;
  *text = "";
  *len = 0;
  oentry *e = entry_get(s, c, ref, question);
  if (!e) return QK_STORE_ERROR;
  if (e->state == OE_NONE) return QK_STORE_OK; /* no options: "" whatever the response */
  if (e->state == OE_COMPLEX) return *fall_back = 1, QK_STORE_OK;
  c->out_len = 0;
  c->out_n = 0;
  int oom = 0;
  const char *p = response;
  if (*p == 'n' && !strcmp(p, "null")) return QK_STORE_OK;
  if (*p == '"') {
    long n = simple_string(p);
    if (n < 0 || p[n + 2] || join_value(c, e, p + 1, (size_t)n, lang, &oom)) *fall_back = 1;
  } else if (*p == '[') {
    p++;
    while (*p != ']' && !*fall_back) {
      long n;
      if (!strncmp(p, "null", 4)) p += 4; /* matches no key */
      else if ((n = simple_string(p)) >= 0) {
        if (join_value(c, e, p + 1, (size_t)n, lang, &oom)) *fall_back = 1;
        p += n + 2;
      } else *fall_back = 1;
      if (*p == ',' && p[1] != ']') p++;
      else if (*p != ']') *fall_back = 1;
    }
    if (!*fall_back && p[1]) *fall_back = 1;
  } else *fall_back = 1; /* numbers, objects, flags, white space: SQL decides */
  if (oom) return qk_store_fail(s, QK_STORE_ERROR, "out of memory writing an option's text");
  if (!*fall_back && c->out_len) {
    *text = c->out;
    *len = c->out_len;
  }
  return QK_STORE_OK;
}
