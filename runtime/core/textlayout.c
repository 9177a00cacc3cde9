/*
** textlayout.c — see textlayout.h. Break opportunities come from libunibreak
** (language "zh", so curly quotes behave as Chinese opening/closing marks);
** the kinsoku tables below then forbid the breaks Chinese typesetting forbids
** even where UAX #14 would allow them. Lines are filled greedily; a run of
** text with no break opportunity that is wider than the line is split between
** characters, still keeping closing punctuation off the start of a line.
** A paragraph's last line never holds a lone Chinese character (孤字, "责？"
** or "榜" alone under a full line): the line above gives it its last
** character when a break is allowed there, which costs one more measure.
** A space between a number and a Chinese character never breaks ("第 13 题").
*/
#include "textlayout.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

/* 行首禁则: characters that must not begin a line. */
int qk_kinsoku_no_start(uint32_t cp) {
  static const uint32_t set[] = {
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, /* 、。，．：；？！ */
    0xFF09, 0xFF3D, 0xFF5D, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B, 0x3017, 0x3019,
    0x301B, 0x301E, 0x201D, 0x2019, 0x2026, 0x2025, 0x30FB, 0x30FC, 0xFF5E, 0x00B7, 0xFF05,
    0x2030, 0x2103, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE, 0xFE50, 0xFE51, 0xFE52, 0xFE54,
    0xFE55, 0xFE56, 0xFE57, ',', '.', ':', ';', '?', '!', ')', ']', '}', '%',
  };
  for (size_t k = 0; k < sizeof set / sizeof set[0]; k++)
    if (set[k] == cp) return 1;
  return 0;
}

/* 行尾禁则: characters that must not end a line. */
int qk_kinsoku_no_end(uint32_t cp) {
  static const uint32_t set[] = {
    0xFF08, 0xFF3B, 0xFF5B, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x300A, 0x3016, 0x3018,
    0x301A, 0x301D, 0x201C, 0x2018, 0xFFE5, 0xFF04, 0x00A5, 0x00A3, '(', '[', '{', '$',
  };
  for (size_t k = 0; k < sizeof set / sizeof set[0]; k++)
    if (set[k] == cp) return 1;
  return 0;
}

static int is_newline(uint32_t cp) { return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85; }

/* The last spans measured: see measure_span. */
#define SPAN_MEMO 8
typedef struct {
  size_t a, b;
  int font, w;
} span_memo;

typedef struct {
  qk_text_layout *out;
  const qk_text_metrics *m;
  const char *s;       /* out->text */
  int line_cap, run_cap;
  span_memo memo[SPAN_MEMO];
  int memo_n, memo_next;
} builder;

/* The width of s[a,b) in font. Measuring is what laying out costs (each
** call shapes the text, and after a font size change loads its glyphs
** again), and the same span is often asked for twice in a row: a segment
** with no trailing space (its trimmed and untrimmed widths), a line
** checked against the width and then emitted. Within one layout the same
** ends of the same buffer are the same bytes (ellipsise, which rewrites
** its part of the buffer, forgets the spans), and a measure callback gives
** the same width for the same bytes: the widths are the ones measuring
** again would give. */
static int measure_span(builder *B, int font, size_t a, size_t b) {
  for (int i = 0; i < B->memo_n; i++)
    if (B->memo[i].a == a && B->memo[i].b == b && B->memo[i].font == font) return B->memo[i].w;
  int w = B->m->measure(B->m->ud, font, B->s + a, b - a);
  B->memo[B->memo_next] = (span_memo){a, b, font, w};
  B->memo_next = (B->memo_next + 1) % SPAN_MEMO;
  if (B->memo_n < SPAN_MEMO) B->memo_n++;
  return w;
}

static int font_of(const qk_text_metrics *m, uint32_t cp) {
  return m->font_for ? m->font_for(m->ud, cp) : 0;
}

/* Calls fn for each maximal span of [a,b) drawn by one font. Combining
** marks, joiners and variation selectors keep the font of what precedes them
** (an emoji sequence stays one run). */
typedef int (*span_fn)(builder *B, size_t a, size_t b, int font, void *arg);
static int for_each_font_span(builder *B, size_t a, size_t b, span_fn fn, void *arg) {
  size_t i = a, start = a;
  int cur = -1;
  while (i < b) {
    size_t at = i;
    uint32_t cp = qk_utf8_next(B->s, b, &i);
    int f = cur;
    if (cur < 0 || !((cp >= 0x300 && cp < 0x370) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)))
      f = font_of(B->m, cp);
    if (cur >= 0 && f != cur) {
      if (fn(B, start, at, cur, arg) != 0) return -1;
      start = at;
    }
    cur = f;
  }
  if (cur >= 0 && start < b) return fn(B, start, b, cur, arg);
  return 0;
}

static int add_width(builder *B, size_t a, size_t b, int font, void *arg) {
  *(int *)arg += measure_span(B, font, a, b);
  return 0;
}

static int span_width(builder *B, size_t a, size_t b) {
  int w = 0;
  if (a < b) for_each_font_span(B, a, b, add_width, &w);
  return w;
}

/* End of [a,b) once trailing spaces are dropped. */
static size_t trim_end(const char *s, size_t a, size_t b) {
  while (b > a) {
    if (s[b - 1] == ' ' || s[b - 1] == '\t') b--;
    else if (b - a >= 3 && (unsigned char)s[b - 3] == 0xE3 && (unsigned char)s[b - 2] == 0x80 && (unsigned char)s[b - 1] == 0x80) b -= 3;
    else break;
  }
  return b;
}

static int push_run(builder *B, size_t a, size_t b, int font, void *arg) {
  qk_text_layout *o = B->out;
  int *x = arg;
  if (o->nruns == B->run_cap) {
    int cap = B->run_cap ? B->run_cap * 2 : 16;
    qk_text_run *r = realloc(o->runs, (size_t)cap * sizeof *r);
    if (!r) return -1;
    o->runs = r;
    B->run_cap = cap;
  }
  qk_text_run *r = &o->runs[o->nruns++];
  r->start = a;
  r->len = b - a;
  r->font = font;
  r->x = *x;
  r->w = measure_span(B, font, a, b);
  *x += r->w;
  return 0;
}

static int emit_line(builder *B, size_t a, size_t b) {
  qk_text_layout *o = B->out;
  if (o->nlines == B->line_cap) {
    int cap = B->line_cap ? B->line_cap * 2 : 8;
    qk_text_line *l = realloc(o->lines, (size_t)cap * sizeof *l);
    if (!l) return -1;
    o->lines = l;
    B->line_cap = cap;
  }
  size_t end = trim_end(B->s, a, b);
  qk_text_line *l = &o->lines[o->nlines];
  l->start = a;
  l->len = end - a;
  l->first_run = o->nruns;
  int x = 0;
  if (end > a && for_each_font_span(B, a, end, push_run, &x) != 0) return -1;
  l->nruns = o->nruns - l->first_run;
  l->width = x;
  if (x > o->width) o->width = x;
  o->nlines++;
  return 0;
}

/* Byte index just past the character that starts at i. */
static size_t next_char(const char *s, size_t len, size_t i) {
  qk_utf8_next(s, len, &i);
  return i;
}

static uint32_t cp_at(const char *s, size_t len, size_t i) { return qk_utf8_next(s, len, &i); }

/* Longest prefix [a, cut) of [a,b) that fits in max_width (at least one char),
** moved back so the next line does not start with closing punctuation. */
static size_t fit_chars(builder *B, size_t a, size_t b, int max_width, size_t len) {
  size_t cut = next_char(B->s, len, a);
  while (cut < b) {
    size_t nx = next_char(B->s, len, cut);
    if (span_width(B, a, nx) > max_width) break;
    cut = nx;
  }
  if (cut >= b || !qk_kinsoku_no_start(cp_at(B->s, len, cut))) return cut;
  /* The next line would start with closing punctuation. Pull the character
  ** before the punctuation down with it (推入) if that leaves something on
  ** this line; otherwise let the punctuation hang past the line end (悬挂). */
  size_t cluster = cut, prev = a;
  while (cluster > a) {
    size_t i = a;
    prev = a;
    while (i < cluster) { prev = i; i = next_char(B->s, len, i); }
    if (!qk_kinsoku_no_start(cp_at(B->s, len, prev))) break;
    cluster = prev;
  }
  if (cluster > a && prev > a) return prev;
  while (cut < b && qk_kinsoku_no_start(cp_at(B->s, len, cut))) cut = next_char(B->s, len, cut);
  return cut;
}

/* 1 if [a,b) is a widow: exactly one CJK character, plus closing
** punctuation or spaces (so "责？" and "榜" are, "OK" and "13" are not). */
static int is_widow(const char *s, size_t a, size_t b) {
  b = trim_end(s, a, b);
  int ideographs = 0;
  for (size_t i = a; i < b;) {
    uint32_t cp = qk_utf8_next(s, b, &i);
    if (qk_kinsoku_no_start(cp)) continue;
    if (cp < 0x2E80 || ++ideographs > 1) return 0;
  }
  return ideographs == 1;
}

/* Before the last line of a paragraph, [*line_start, end), is emitted: if it
** would be a widow and the paragraph's previous line (an index >= para_first)
** may break before its own last character, that line is re-emitted without
** it and *line_start moves back so the character joins the last line. */
static int avoid_widow(builder *B, const char *brks, int para_first, size_t *line_start, size_t end,
                       int max_width) {
  qk_text_layout *o = B->out;
  if (max_width <= 0 || o->nlines <= para_first || !is_widow(B->s, *line_start, end)) return 0;
  const qk_text_line *prev = &o->lines[o->nlines - 1];
  size_t a = prev->start, b = prev->start + prev->len, last = a;
  for (size_t i = a; i < b; i = next_char(B->s, b, i)) last = i;
  if (last <= a || brks[last - 1] != LINEBREAK_ALLOWBREAK) return 0;
  if (span_width(B, last, trim_end(B->s, last, end)) > max_width) return 0;
  o->nruns = prev->first_run;
  o->nlines--;
  o->width = 0;
  for (int k = 0; k < o->nlines; k++)
    if (o->lines[k].width > o->width) o->width = o->lines[k].width;
  if (emit_line(B, a, last) != 0) return -1;
  *line_start = last;
  return 0;
}

/* Replaces the last line by its text plus "…", trimmed to fit. */
static int ellipsise(builder *B, int max_width) {
  qk_text_layout *o = B->out;
  static const char ell[] = "\xE2\x80\xA6";
  qk_text_line *last = &o->lines[o->nlines - 1];
  size_t a = last->start, b = last->start + last->len;
  size_t base = o->text_len + 1; /* after the input's NUL */
  b = trim_end(o->text, a, b);
  char *t = realloc(o->text, base + (b - a) + sizeof ell);
  if (!t) return -1;
  o->text = t;
  B->s = t;
  for (;;) {
    memcpy(t + base, t + a, b - a);
    memcpy(t + base + (b - a), ell, sizeof ell); /* includes the NUL */
    B->memo_n = B->memo_next = 0; /* these bytes changed: measured spans of them are stale */
    if (max_width <= 0 || b == a || span_width(B, base, base + (b - a) + 3) <= max_width) break;
    size_t prev = a, i = a;
    while (i < b) { prev = i; i = next_char(t, b, i); }
    b = prev;
  }
  o->nruns = last->first_run;
  o->nlines--;
  o->width = 0;
  for (int k = 0; k < o->nlines; k++)
    if (o->lines[k].width > o->width) o->width = o->lines[k].width;
  o->truncated = 1;
  return emit_line(B, base, base + (b - a) + 3);
}

int qk_text_layout_build(qk_text_layout *out, const char *s, size_t len, int max_width, int max_lines,
                         const qk_text_metrics *m) {
  memset(out, 0, sizeof *out);
  builder B = {out, m, NULL, 0, 0, {{0, 0, 0, 0}}, 0, 0};
  out->text = malloc(len + 1);
  char *brks = malloc(len ? len : 1);
  if (!out->text || !brks) goto oom;
  memcpy(out->text, s, len);
  out->text[len] = 0;
  out->text_len = len;
  B.s = out->text;
  if (len == 0) {
    free(brks);
    return 0;
  }
  set_linebreaks_utf8((const utf8_t *)s, len, "zh", brks);

  /* Kinsoku: forbid allowed breaks that would start a line with closing
  ** punctuation or end one with opening punctuation. */
  for (size_t i = 0, prev_cp = 0; i < len;) {
    size_t at = i;
    uint32_t cp = qk_utf8_next(s, len, &i);
    if (at > 0 && brks[at - 1] == LINEBREAK_ALLOWBREAK && (qk_kinsoku_no_start(cp) || qk_kinsoku_no_end((uint32_t)prev_cp)))
      brks[at - 1] = LINEBREAK_NOBREAK;
    prev_cp = cp;
  }

  /* A number stays with the Chinese word beside it: the kiosk writes "第 13 题",
  ** "20 秒", and a break at either space would leave "13 /" and "题" apart. */
  for (size_t i = 0, prev_cp = 0; i < len;) {
    size_t at = i;
    uint32_t cp = qk_utf8_next(s, len, &i);
    if (cp == ' ' && at > 0 && i < len) {
      size_t j = i;
      uint32_t next = qk_utf8_next(s, len, &j);
      int digit_before = prev_cp >= '0' && prev_cp <= '9', digit_after = next >= '0' && next <= '9';
      if ((digit_before && next >= 0x2E80) || (prev_cp >= 0x2E80 && digit_after)) {
        brks[at] = LINEBREAK_NOBREAK;                                   /* after the space */
        if (brks[at - 1] == LINEBREAK_ALLOWBREAK) brks[at - 1] = LINEBREAK_NOBREAK; /* before it */
      }
    }
    prev_cp = cp;
  }

  size_t line_start = 0, pos = 0;
  int line_w = 0, para_first = 0; /* para_first: the current paragraph's first line */
  int line_segs = 0;                /* segments on the line so far */
  while (pos < len) {
    /* The next segment: pos up to and including the next break opportunity. */
    size_t end = pos;
    while (end < len && (brks[end] == LINEBREAK_NOBREAK || brks[end] == LINEBREAK_INSIDEACHAR)) end++;
    int must = end < len && brks[end] == LINEBREAK_MUSTBREAK;
    end = end < len ? end + 1 : len;
    /* Content excludes the newline that forces the break. */
    size_t content_end = end;
    if (must) {
      size_t i = pos, last = pos;
      while (i < end) { last = i; i = next_char(s, len, i); }
      if (is_newline(cp_at(s, len, last))) {
        content_end = last;
        if (last > pos && s[last - 1] == '\r' && s[last] == '\n') content_end = last - 1;
      } else if (end >= len) {
        must = 0; /* the end of the text is not a newline */
      }
    }
    int seg_w = span_width(&B, pos, trim_end(s, pos, content_end));
    /* line_w sums the segments' widths, each measured (and rounded to a
    ** pixel) on its own; the line is drawn shaped whole, which can be a
    ** pixel wider per segment (an English paragraph at 0.8 scale overflowed
    ** its 960 units by 6). Near the edge, the line as it would be drawn
    ** decides. */
    if (max_width > 0 && line_w > 0 && line_w + seg_w > max_width - line_segs - 1 &&
        (line_w + seg_w > max_width || span_width(&B, line_start, trim_end(s, pos, content_end)) > max_width)) {
      if (emit_line(&B, line_start, pos) != 0) goto oom;
      line_start = pos;
      line_w = 0;
      line_segs = 0;
    }
    if (max_width > 0 && line_w == 0 && seg_w > max_width) {
      /* No break opportunity fits: split between characters. */
      size_t cut = fit_chars(&B, pos, content_end, max_width, len);
      if (cut < content_end) {
        if (emit_line(&B, line_start, cut) != 0) goto oom;
        line_start = pos = cut;
        continue;
      }
    }
    line_w += span_width(&B, pos, content_end);
    line_segs++;
    if (must) {
      if (avoid_widow(&B, brks, para_first, &line_start, content_end, max_width) != 0) goto oom;
      if (emit_line(&B, line_start, content_end) != 0) goto oom;
      line_start = end;
      line_w = 0;
      line_segs = 0;
      para_first = out->nlines;
    }
    pos = end;
  }
  if (line_start < len) {
    if (avoid_widow(&B, brks, para_first, &line_start, len, max_width) != 0) goto oom;
    if (emit_line(&B, line_start, len) != 0) goto oom;
  }
  free(brks);
  brks = NULL;

  if (max_lines > 0 && out->nlines > max_lines) {
    /* Keep max_lines lines; the last one is re-laid as its text plus "…".
    ** When the cut falls right after a line, the kept line already ends with
    ** content, so the ellipsis marks that more text followed. */
    out->nruns = out->lines[max_lines].first_run;
    out->nlines = max_lines;
    if (ellipsise(&B, max_width) != 0) goto oom;
  }
  return 0;
oom:
  free(brks);
  qk_text_layout_free(out);
  return -1;
}

void qk_text_layout_free(qk_text_layout *l) {
  free(l->text);
  free(l->lines);
  free(l->runs);
  memset(l, 0, sizeof *l);
}
