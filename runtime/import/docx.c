/*
** docx.c — the text of a Word .docx for the document-text importer: one
** line per paragraph of word/document.xml, with automatic list numbering
** written out as Word shows it (numbering.xml, and list styles in
** styles.xml), so "1." and "A." survive whether typed or automatic.
** Plain C on expat: no Lua here (the caller owns the result).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "import_int.h"
#include "importlib.h"

#define NLVL 9

typedef struct {
  int start;
  char fmt[32];
  char text[64];
  char suff; /* 't'ab, 's'pace, 'n'othing */
} lvl_t;

typedef struct {
  int id;
  lvl_t lvl[NLVL];
  int cnt[NLVL];
  unsigned char started[NLVL];
} absnum_t;

typedef struct {
  int id, abs;
  int override[NLVL]; /* startOverride, or 0 */
  int used;
} num_t;

typedef struct {
  char id[64];
  int num, ilvl;
} style_t;

typedef struct {
  char *s;
  size_t len, cap;
  int oom;
} sbuf;

typedef struct {
  absnum_t *abs;
  size_t nabs;
  num_t *num;
  size_t nnum;
  style_t *sty;
  size_t nsty;
  /* parse state */
  int cur_abs, cur_lvl, cur_num, in_num, in_ppr;
  int skip;           /* inside mc:Fallback, field code, deleted text */
  int in_t;           /* inside w:t */
  int p_num, p_ilvl;  /* this paragraph's numbering, -1 = none */
  char p_style[64];
  size_t line_start;  /* offset in out where this paragraph's line began */
  sbuf out;
  XML_Parser p;
  int oom;
} docx;

static const char *local(const char *name) {
  const char *c = strrchr(name, ':');
  return c ? c + 1 : name;
}

static const char *attr(const char **a, const char *lname) {
  for (int i = 0; a[i]; i += 2)
    if (strcmp(local(a[i]), lname) == 0) return a[i + 1];
  return NULL;
}

static int attr_int(const char **a, const char *lname, int def) {
  const char *v = attr(a, lname);
  return v ? atoi(v) : def;
}

static void put(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1) cap *= 2;
    char *t = realloc(b->s, cap);
    if (!t) {
      b->oom = 1;
      return;
    }
    b->s = t;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}
static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

static void *grow(void *arr, size_t *n, size_t each, int *oom) {
  void *t = realloc(arr, (*n + 1) * each);
  if (!t) {
    *oom = 1;
    return arr;
  }
  memset((char *)t + *n * each, 0, each);
  (*n)++;
  return t;
}

static absnum_t *find_abs(docx *d, int id) {
  for (size_t i = 0; i < d->nabs; i++)
    if (d->abs[i].id == id) return &d->abs[i];
  return NULL;
}
static num_t *find_num(docx *d, int id) {
  for (size_t i = 0; i < d->nnum; i++)
    if (d->num[i].id == id) return &d->num[i];
  return NULL;
}

/* ---- numbering.xml and styles.xml ---- */

static void XMLCALL num_start(void *ud, const XML_Char *name, const XML_Char **a) {
  docx *d = ud;
  const char *n = local(name);
  if (strcmp(n, "abstractNum") == 0) {
    size_t before = d->nabs;
    d->abs = grow(d->abs, &d->nabs, sizeof *d->abs, &d->oom);
    if (d->nabs == before) return;
    d->cur_abs = (int)before;
    d->abs[before].id = attr_int(a, "abstractNumId", -1);
    for (int i = 0; i < NLVL; i++) d->abs[before].lvl[i] = (lvl_t){.start = 1, .fmt = "decimal", .suff = 't'};
  } else if (strcmp(n, "num") == 0) {
    size_t before = d->nnum;
    d->num = grow(d->num, &d->nnum, sizeof *d->num, &d->oom);
    if (d->nnum == before) return;
    d->in_num = 1;
    d->cur_num = (int)before;
    d->num[before].id = attr_int(a, "numId", -1);
    d->num[before].abs = -1;
  } else if (d->in_num && d->cur_num >= 0) {
    num_t *nm = &d->num[d->cur_num];
    if (strcmp(n, "abstractNumId") == 0) nm->abs = attr_int(a, "val", -1);
    else if (strcmp(n, "lvlOverride") == 0) d->cur_lvl = attr_int(a, "ilvl", 0);
    else if (strcmp(n, "startOverride") == 0 && d->cur_lvl >= 0 && d->cur_lvl < NLVL)
      nm->override[d->cur_lvl] = attr_int(a, "val", 1) > 0 ? attr_int(a, "val", 1) : 1;
  } else if (d->cur_abs >= 0) {
    absnum_t *ab = &d->abs[d->cur_abs];
    if (strcmp(n, "lvl") == 0) d->cur_lvl = attr_int(a, "ilvl", 0);
    if (d->cur_lvl < 0 || d->cur_lvl >= NLVL) return;
    lvl_t *l = &ab->lvl[d->cur_lvl];
    const char *v = attr(a, "val");
    if (!v) return;
    if (strcmp(n, "start") == 0) l->start = atoi(v);
    else if (strcmp(n, "numFmt") == 0) snprintf(l->fmt, sizeof l->fmt, "%s", v);
    else if (strcmp(n, "lvlText") == 0) snprintf(l->text, sizeof l->text, "%s", v);
    else if (strcmp(n, "suff") == 0) l->suff = v[0];
  }
}

static void XMLCALL num_end(void *ud, const XML_Char *name) {
  docx *d = ud;
  const char *n = local(name);
  if (strcmp(n, "abstractNum") == 0) d->cur_abs = -1;
  else if (strcmp(n, "num") == 0) d->in_num = 0, d->cur_num = -1;
}

static void XMLCALL sty_start(void *ud, const XML_Char *name, const XML_Char **a) {
  docx *d = ud;
  const char *n = local(name);
  if (strcmp(n, "style") == 0) {
    size_t before = d->nsty;
    d->sty = grow(d->sty, &d->nsty, sizeof *d->sty, &d->oom);
    if (d->nsty == before) return;
    const char *id = attr(a, "styleId");
    snprintf(d->sty[before].id, sizeof d->sty[before].id, "%s", id ? id : "");
    d->sty[before].num = -1;
  } else if (d->nsty > 0 && strcmp(n, "numId") == 0) {
    d->sty[d->nsty - 1].num = attr_int(a, "val", -1);
  } else if (d->nsty > 0 && strcmp(n, "ilvl") == 0) {
    d->sty[d->nsty - 1].ilvl = attr_int(a, "val", 0);
  }
}

/* ---- number formats ---- */

static void fmt_letter(char *o, size_t n, int v, char base) {
  /* A..Z, then AA, BB, ... as Word does */
  if (v < 1) v = 1;
  int reps = (v - 1) / 26 + 1;
  if (reps > 8) reps = 8;
  size_t i = 0;
  for (; i < (size_t)reps && i + 1 < n; i++) o[i] = (char)(base + (v - 1) % 26);
  o[i] = '\0';
}

static void fmt_roman(char *o, size_t n, int v, int lower) {
  static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *const up[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  static const char *const lo[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
  o[0] = '\0';
  if (v < 1 || v > 3999) {
    snprintf(o, n, "%d", v);
    return;
  }
  for (int i = 0; i < 13; i++)
    while (v >= val[i]) {
      strncat(o, lower ? lo[i] : up[i], n - strlen(o) - 1);
      v -= val[i];
    }
}

static void fmt_chinese(char *o, size_t n, int v) {
  static const char *const dig[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (v < 1 || v > 99) {
    snprintf(o, n, "%d", v);
    return;
  }
  int t = v / 10, u = v % 10;
  snprintf(o, n, "%s%s%s", t > 1 ? dig[t] : "", t > 0 ? "十" : "", u > 0 || t == 0 ? dig[u] : "");
}

static void fmt_value(char *o, size_t n, const char *fmt, int v) {
  if (strcmp(fmt, "upperLetter") == 0) fmt_letter(o, n, v, 'A');
  else if (strcmp(fmt, "lowerLetter") == 0) fmt_letter(o, n, v, 'a');
  else if (strcmp(fmt, "upperRoman") == 0) fmt_roman(o, n, v, 0);
  else if (strcmp(fmt, "lowerRoman") == 0) fmt_roman(o, n, v, 1);
  else if (strcmp(fmt, "decimalZero") == 0) snprintf(o, n, "%02d", v);
  else if (strncmp(fmt, "chineseCounting", 15) == 0 || strcmp(fmt, "japaneseCounting") == 0 ||
           strcmp(fmt, "chineseLegalSimplified") == 0)
    fmt_chinese(o, n, v);
  else if (strcmp(fmt, "ideographTraditional") == 0 && v >= 1 && v <= 10) {
    static const char *const tg[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    snprintf(o, n, "%s", tg[v - 1]);
  } else if (strncmp(fmt, "decimalEnclosedCircle", 21) == 0 && v >= 1 && v <= 20) {
    unsigned cp = 0x2460u + (unsigned)v - 1; /* ① .. ⑳ */
    snprintf(o, n, "%c%c%c", (char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F)));
  } else if (strcmp(fmt, "decimalFullWidth") == 0 && v >= 0 && v < 1000) {
    char ascii[8];
    snprintf(ascii, sizeof ascii, "%d", v);
    o[0] = '\0';
    for (char *c = ascii; *c; c++) { /* U+FF10 + digit */
      char w[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + (*c - '0')), 0};
      strncat(o, w, n - strlen(o) - 1);
    }
  } else snprintf(o, n, "%d", v);
}

/* Writes the paragraph's automatic number, if it has one. */
static void number_paragraph(docx *d) {
  int numid = d->p_num, ilvl = d->p_ilvl;
  if (numid < 0 && d->p_style[0]) {
    for (size_t i = 0; i < d->nsty; i++)
      if (strcmp(d->sty[i].id, d->p_style) == 0 && d->sty[i].num >= 0) {
        numid = d->sty[i].num;
        if (ilvl < 0) ilvl = d->sty[i].ilvl;
      }
  }
  if (numid <= 0) return; /* numId 0 means "no numbering" */
  if (ilvl < 0 || ilvl >= NLVL) ilvl = 0;
  num_t *nm = find_num(d, numid);
  absnum_t *ab = nm ? find_abs(d, nm->abs) : NULL;
  if (!ab) return;
  if (!nm->used) {
    nm->used = 1;
    for (int i = 0; i < NLVL; i++)
      if (nm->override[i]) ab->cnt[i] = nm->override[i] - 1, ab->started[i] = 1;
  }
  lvl_t *l = &ab->lvl[ilvl];
  ab->cnt[ilvl] = ab->started[ilvl] ? ab->cnt[ilvl] + 1 : l->start;
  ab->started[ilvl] = 1;
  for (int i = ilvl + 1; i < NLVL; i++) ab->started[i] = 0;
  if (strcmp(l->fmt, "bullet") == 0 || strcmp(l->fmt, "none") == 0) return;
  char label[160] = "";
  for (const char *c = l->text; *c && strlen(label) < sizeof label - 40; c++) {
    if (c[0] == '%' && c[1] >= '1' && c[1] <= '9') {
      int k = c[1] - '1';
      char v[32];
      fmt_value(v, sizeof v, ab->lvl[k].fmt, ab->started[k] ? ab->cnt[k] : ab->lvl[k].start);
      strncat(label, v, sizeof label - strlen(label) - 1);
      c++;
    } else {
      size_t at = strlen(label);
      label[at] = *c;
      label[at + 1] = '\0';
    }
  }
  if (!label[0]) return;
  puts_(&d->out, label);
  if (l->suff != 'n') puts_(&d->out, " ");
}

/* ---- document.xml ---- */

static void end_line(docx *d) { puts_(&d->out, "\n"); d->line_start = d->out.len; }

static void XMLCALL doc_start(void *ud, const XML_Char *name, const XML_Char **a) {
  docx *d = ud;
  const char *n = local(name);
  if (d->skip) {
    d->skip++;
    return;
  }
  /* Left out: fallback copies of text boxes, field codes, deleted text, and
  ** the old properties kept by tracked changes (their pPr would number the
  ** paragraph a second time). */
  if (strcmp(n, "Fallback") == 0 || strcmp(n, "instrText") == 0 || strcmp(n, "delText") == 0 ||
      strcmp(n, "delInstrText") == 0 || strcmp(n, "pPrChange") == 0 || strcmp(n, "rPrChange") == 0) {
    d->skip = 1;
  } else if (strcmp(n, "p") == 0) {
    if (d->out.len > d->line_start) end_line(d); /* a paragraph inside a paragraph (text box) */
    d->p_num = d->p_ilvl = -1;
    d->p_style[0] = '\0';
  } else if (strcmp(n, "pPr") == 0) {
    d->in_ppr = 1;
  } else if (d->in_ppr) {
    if (strcmp(n, "pStyle") == 0) snprintf(d->p_style, sizeof d->p_style, "%s", attr(a, "val") ? attr(a, "val") : "");
    else if (strcmp(n, "numId") == 0) d->p_num = attr_int(a, "val", -1);
    else if (strcmp(n, "ilvl") == 0) d->p_ilvl = attr_int(a, "val", 0);
  } else if (strcmp(n, "t") == 0) {
    d->in_t = 1;
  } else if (strcmp(n, "tab") == 0) {
    puts_(&d->out, "\t");
  } else if (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) {
    puts_(&d->out, "\n");
  } else if (strcmp(n, "noBreakHyphen") == 0) {
    puts_(&d->out, "-");
  }
}

static void XMLCALL doc_end(void *ud, const XML_Char *name) {
  docx *d = ud;
  if (d->skip) {
    d->skip--;
    return;
  }
  const char *n = local(name);
  if (strcmp(n, "p") == 0) end_line(d);
  else if (strcmp(n, "pPr") == 0) {
    d->in_ppr = 0;
    number_paragraph(d);
  } else if (strcmp(n, "t") == 0) d->in_t = 0;
}

static void XMLCALL doc_text(void *ud, const XML_Char *s, int len) {
  docx *d = ud;
  if (d->in_t && !d->skip && len > 0) put(&d->out, s, (size_t)len);
}

static void XMLCALL no_entities(void *ud, const XML_Char *name, int is_param, const XML_Char *value, int value_len,
                                const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *nota) {
  (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sys, (void)pub, (void)nota;
  docx *d = ud;
  XML_StopParser(d->p, XML_FALSE);
}

/* Parses one part with the given handlers. 0 or -1 with err. */
static int parse_part(docx *d, const char *part, const char *xml, size_t len, XML_StartElementHandler st,
                      XML_EndElementHandler en, XML_CharacterDataHandler tx, char *err, size_t errlen) {
  d->p = XML_ParserCreate(NULL);
  if (!d->p) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  XML_SetUserData(d->p, d);
  XML_SetElementHandler(d->p, st, en);
  if (tx) XML_SetCharacterDataHandler(d->p, tx);
  XML_SetEntityDeclHandler(d->p, no_entities);
  int rc = 0;
  if (XML_Parse(d->p, xml, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
    enum XML_Error e = XML_GetErrorCode(d->p);
    snprintf(err, errlen, "%s line %lu, column %lu: %s", part, (unsigned long)XML_GetCurrentLineNumber(d->p),
             (unsigned long)XML_GetCurrentColumnNumber(d->p) + 1,
             e == XML_ERROR_ABORTED ? "entity declarations are not accepted" : XML_ErrorString(e));
    rc = -1;
  }
  XML_ParserFree(d->p);
  d->p = NULL;
  return rc;
}

char *qk_docx_text(zip_t *z, size_t *len, char *err, size_t errlen) {
  docx d;
  memset(&d, 0, sizeof d);
  d.cur_abs = d.cur_num = d.cur_lvl = -1;
  char *xml = NULL;
  size_t n = 0;
  int rc = 0;
  static const char *const parts[] = {"word/numbering.xml", "word/styles.xml"};
  for (int i = 0; i < 2 && rc == 0; i++) {
    rc = qk_zip_entry(z, parts[i], QK_IMPORT_MAX_ENTRY, 1, &xml, &n, err, errlen);
    if (rc == 1) {
      rc = 0; /* a document without lists or styles */
      continue;
    }
    if (rc == 0)
      rc = parse_part(&d, parts[i], xml, n, i == 0 ? num_start : sty_start, i == 0 ? num_end : NULL, NULL, err, errlen);
    free(xml);
    xml = NULL;
  }
  if (rc == 0) {
    rc = qk_zip_entry(z, "word/document.xml", QK_IMPORT_MAX_ENTRY, 1, &xml, &n, err, errlen);
    if (rc == 1) {
      snprintf(err, errlen, "no word/document.xml: not a Word .docx document");
      rc = -1;
    }
  }
  if (rc == 0) rc = parse_part(&d, "word/document.xml", xml, n, doc_start, doc_end, doc_text, err, errlen);
  free(xml);
  free(d.abs);
  free(d.num);
  free(d.sty);
  if (rc == 0 && (d.oom || d.out.oom)) {
    snprintf(err, errlen, "out of memory");
    rc = -1;
  }
  if (rc != 0) {
    free(d.out.s);
    return NULL;
  }
  if (!d.out.s) put(&d.out, "", 0);
  if (d.out.oom) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  *len = d.out.len;
  return d.out.s;
}
