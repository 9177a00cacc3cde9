/*
** draw.h — drawing in LOGICAL units, the coordinates scripts use. Owns the
** view (logical size and the scale to physical pixels), the clip stack, the
** image cache, and the record of what the current frame shows: every visible
** text and every interactive element with its label. Replay's `expect` and
** `tap TEXT` read that record, so tests see what a person would see.
*/
#ifndef QK_DRAW_H
#define QK_DRAW_H

#include <stddef.h>

#include "platform.h"
#include "text.h"

typedef struct qk_draw qk_draw;

/* The most text one call may lay out (bytes of UTF-8). Layout time grows
** with the length, and scripts' calls must stay within their time limit:
** 2 million characters took 1.7 s. A screen shows far less than this. */
#define QK_DRAW_TEXT_MAX 65536

typedef struct {
  int pw, ph;       /* physical pixels */
  float scale;      /* physical pixels per logical unit */
  float lw, lh;     /* logical size */
} qk_view;

typedef struct {
  float size;          /* logical font size */
  const char *family;  /* NULL = default */
  int bold;
  float width;         /* wrap width, <= 0 none */
  int max_lines;
  int align;           /* QK_ALIGN_* */
} qk_text_opts;

typedef struct {
  char *label;
  float x, y, w, h;
} qk_element;

/* Picks the logical size for a physical one: the short side is 600..800 logical
** units, so one layout serves 800x480 panels up to 4K screens. */
void qk_view_compute(qk_view *v, int pw, int ph);

qk_draw *qk_draw_new(qk_platform *p, qk_text *t);
void qk_draw_free(qk_draw *d);
/* Images resolve inside dir only, by their real path (a symlink that leads
** out of it is refused). */
void qk_draw_set_image_root(qk_draw *d, const char *dir);
const qk_view *qk_draw_view(const qk_draw *d);
void qk_draw_update_view(qk_draw *d);

/* A frame: begin, drawing calls (recorded, see draw_frame.h), end (draws
** what changed since the last frame — all of it on a GPU), then present. A
** screenshot of the frame is taken between end and present. */
void qk_draw_begin(qk_draw *d); /* new frame: forgets the last frame's record */
void qk_draw_end(qk_draw *d);
void qk_draw_present(qk_draw *d);
void qk_draw_clear(qk_draw *d, qk_color c);
/* line_width <= 0: filled. radius: rounded corners. */
void qk_draw_rect(qk_draw *d, float x, float y, float w, float h, qk_color c, float radius, float line_width);
/* A filled rectangle in PHYSICAL pixels (whole ones: crisp edges at any
** scale), under the current clip. */
void qk_draw_fill_px(qk_draw *d, int x, int y, int w, int h, qk_color c);
void qk_draw_line(qk_draw *d, float x1, float y1, float x2, float y2, float width, qk_color c);
/* One continuous stroke of ink through n points (xy pairs, logical units),
** width wide, with round joins and caps (the union of a capsule per segment,
** filled as pixel spans: draw_stroke.h), so no gap opens where the path
** turns (handwriting). n == 1 draws a dot. Returns 0, or -1 with d's error
** set when there is no memory for the shape (nothing is drawn then). */
int qk_draw_stroke(qk_draw *d, const float *xy, int n, float width, qk_color c);
/* A ring segment from angle a0 to a1 (degrees, 0 = up, clockwise). */
void qk_draw_arc(qk_draw *d, float cx, float cy, float r, float thickness, float a0, float a1, qk_color c);
/* Filled convex or star-shaped polygon (xy pairs), fanned from its centroid. */
void qk_draw_polygon(qk_draw *d, const float *xy, int n, qk_color c);
/* Returns 0 and the logical size drawn; -1 with d's error set (also for
** text longer than QK_DRAW_TEXT_MAX bytes). */
int qk_draw_text(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, float x, float y, qk_color c,
                 float *w, float *h);
int qk_draw_measure(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, float *w, float *h, int *lines);
/* Lays s out exactly as qk_draw_text would (same wrapping, same line breaks)
** and gives its lines in *out (byte offsets into s), valid until the next
** call into the text engine: a text field places its caret and hit-tests
** taps on the lines the reader sees. Returns 0; -1 with d's error set. */
int qk_draw_layout(qk_draw *d, const char *s, size_t len, const qk_text_opts *o, const qk_text_layout **out);
int qk_draw_image(qk_draw *d, const char *name, float x, float y, float w, float h, qk_color tint);
int qk_draw_image_size(qk_draw *d, const char *name, float *w, float *h);
/* Whether name is in the image cache (loaded, or remembered as failed):
** drawing it then reads no file. */
int qk_draw_image_cached(const qk_draw *d, const char *name);
void qk_draw_push_clip(qk_draw *d, float x, float y, float w, float h);
void qk_draw_pop_clip(qk_draw *d);
/* Records an interactive element drawn this frame (clipped to what shows). */
void qk_draw_element(qk_draw *d, const char *label, float x, float y, float w, float h);
const char *qk_draw_error(const qk_draw *d);

/* ---- the frame record ---- */
int qk_draw_text_visible(const qk_draw *d, const char *needle);
/* Elements whose label equals label (whitespace-insensitive). Returns the
** count and the first match in *out. */
int qk_draw_find_element(const qk_draw *d, const char *label, qk_element *out);
int qk_draw_element_count(const qk_draw *d);
const qk_element *qk_draw_element_at(const qk_draw *d, int i);
/* Writes the visible texts, one per line, into buf (for failure messages). */
void qk_draw_describe(const qk_draw *d, char *buf, size_t len);

#endif
