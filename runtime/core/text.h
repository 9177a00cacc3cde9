/*
** text.h — the text engine: font sets (a main font per family and weight,
** plus fallback fonts found per missing glyph), laid-out text cached in a
** bounded LRU, and glyph-run textures rendered once and reused, so redrawing
** an unchanged screen lays out and rasterises nothing.
*/
#ifndef QK_TEXT_H
#define QK_TEXT_H

#include <stddef.h>

#include "platform.h"
#include "textlayout.h"

typedef struct qk_text qk_text;

typedef struct {
  const char *family; /* NULL = the engine's default family */
  int bold;
  int px;             /* pixel size */
  int max_width;      /* pixels; <= 0 no wrapping */
  int max_lines;      /* <= 0 unlimited */
} qk_text_style;

typedef struct {
  const qk_text_layout *layout;
  int line_height;    /* pixels between baselines */
  int width, height;  /* pixels of the whole block */
} qk_text_block;

enum { QK_ALIGN_LEFT, QK_ALIGN_CENTER, QK_ALIGN_RIGHT };

typedef struct {
  long layouts_built, layouts_reused, runs_rendered;
  size_t entries, texture_bytes;
} qk_text_stats;

/* font_dirs are searched before the system's fonts. Fails (NULL, err) when no
** font can be found at all. */
qk_text *qk_text_new(qk_platform *p, const char *const *font_dirs, int ndirs, const char *default_family,
                     char *err, size_t errlen);
void qk_text_free(qk_text *t);

/* Lays out s (or finds it in the cache). The block stays valid until the next
** call into this engine. Returns -1 when out of memory or fonts fail. */
int qk_text_measure(qk_text *t, const char *s, size_t len, const qk_text_style *st, qk_text_block *out);
/* Draws s with its top-left at (x, y); lines aligned within the block width
** (or within max_width when set). */
int qk_text_draw(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y, int align,
                 qk_color c);
/* The same, drawing (and rasterising) only the runs that meet the visible
** rectangle vis = {x, y, w, h} in pixels (NULL: all): a long text scrolled
** in a small window costs what shows, not its whole length. */
int qk_text_draw_visible(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y, int align,
                         qk_color c, const int *vis);
/* Sizes the texture budget to a screen of w x h pixels: rendered runs for
** three screens' worth of pixels, at least QK_TEXT_MIN_BUDGET. A fixed
** 40 MiB thrashed at 4K (each screen is 32 MiB): scrolling re-rasterised
** the same lines every frame. */
#define QK_TEXT_MIN_BUDGET (24u << 20)
void qk_text_set_screen(qk_text *t, int w, int h);
void qk_text_stats_get(const qk_text *t, qk_text_stats *out);
/* Drops every cached layout, texture and width (renderer reset, a new
** visitor, memory pressure); the open fonts stay open (at most one per face). */
void qk_text_flush(qk_text *t);
const char *qk_text_default_font_path(const qk_text *t);

#endif
