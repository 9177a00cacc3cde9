/*
** textlayout.h — breaking UTF-8 text into lines. Unicode's line breaking
** rules (UAX #14 via libunibreak, with its Chinese tailoring) plus the Chinese
** kinsoku rules (禁则): no line starts with closing punctuation such as ，。、；：？！）」
** and no line ends with opening punctuation such as （「《. Also splits each line
** into runs by font, so glyphs the main font lacks come from a fallback font.
** Pure: widths come from a callback, so this is testable without a rasteriser.
*/
#ifndef QK_TEXTLAYOUT_H
#define QK_TEXTLAYOUT_H

#include "utf8.h"
#include <stddef.h>
#include <stdint.h>

typedef struct {
  /* Width in pixels of text s[0..len) drawn with font number `font`. */
  int (*measure)(void *ud, int font, const char *s, size_t len);
  /* Which font (0 = the main one) draws codepoint cp. NULL: always 0. */
  int (*font_for)(void *ud, uint32_t cp);
  void *ud;
} qk_text_metrics;

typedef struct {
  size_t start, len; /* bytes of qk_text_layout.text */
  int font;
  int x, w;          /* offset within the line and width, pixels */
} qk_text_run;

typedef struct {
  size_t start, len; /* bytes of qk_text_layout.text, without the line break */
  int width;         /* pixels, trailing spaces excluded */
  int first_run, nruns;
} qk_text_line;

typedef struct {
  char *text;        /* the input, plus an ellipsised last line if truncated */
  size_t text_len;
  qk_text_line *lines;
  int nlines;
  qk_text_run *runs;
  int nruns;
  int width;         /* widest line */
  int truncated;     /* max_lines cut the text (an ellipsis was added) */
} qk_text_layout;

enum { QK_NO_WRAP = 0 };

/* Lays out s[0..len). max_width <= 0: no wrapping (explicit newlines still
** break). max_lines <= 0: unlimited. Returns 0, or -1 when out of memory. */
int qk_text_layout_build(qk_text_layout *out, const char *s, size_t len, int max_width, int max_lines,
                         const qk_text_metrics *m);
void qk_text_layout_free(qk_text_layout *l);

/* qk_utf8_next (decoding one code point) is the one decoder's: utf8.h. */

/* 1 if a line must not start with cp / must not end with cp (禁则). */
int qk_kinsoku_no_start(uint32_t cp);
int qk_kinsoku_no_end(uint32_t cp);

#endif
