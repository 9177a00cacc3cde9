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
/* Rasterises, without drawing, the runs qk_text_draw_visible would draw
** with the same arguments, so that drawing finds them ready. Why: the text
** engine keeps one open font per face and resizes it to each size asked
** for, and every resize empties SDL_ttf's glyph cache; drawing a screen in
** paint order switches sizes at nearly every label, so each glyph was
** loaded again (FT_Load_Glyph, the first frame's largest cost) after every
** switch. Preparing a frame's texts grouped by style switches once per
** size. A block that already has textures in another colour is left to
** drawing (it renders in the colour it is drawn in, as before). */
int qk_text_prepare_visible(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y,
                            int align, qk_color c, const int *vis);
/* 1 if the main font of st's family and weight is open at st's size now:
** its glyphs measured since it was last resized are still in SDL_ttf's
** cache, so rasterising this style first loads each of them once, not twice. */
int qk_text_style_is_current(const qk_text *t, const qk_text_style *st);
/* How many blocks were laid out since the last call (a frame with new text
** is worth preparing; an unchanged or animated one is not). */
long qk_text_take_new_layouts(qk_text *t);
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
