/*
** draw_frame.h — a frame as a list of drawing commands (draw.c records them
** in physical pixels, with the clip in force and the box each may touch).
** Running a frame compares its list with the last frame's: where they
** differ is the damage, and on a renderer that keeps its pixels (SDL's
** software renderer, platform.h qk_plat_frame_intact) only the damaged
** rectangles are redrawn — every command that touches them, clipped to
** them — and presented. Anywhere else, or after the window lost its pixels,
** the whole list runs. Nothing here knows about Lua.
*/
#ifndef QK_DRAW_FRAME_H
#define QK_DRAW_FRAME_H

#include <stddef.h>

#include "platform.h"
#include "text.h"

typedef struct { int x, y, w, h; } qk_irect;
typedef struct qk_frame qk_frame;

/* The most damage rectangles a frame keeps apart (more are merged). */
#define QK_FRAME_MAX_DAMAGE 8

qk_frame *qk_frame_new(qk_platform *p, qk_text *t);
void qk_frame_free(qk_frame *f);
/* The drawable's size; a change makes the next frame whole. */
void qk_frame_set_screen(qk_frame *f, int w, int h);
/* Images are being freed: no list may name them any more; next frame whole. */
void qk_frame_forget_images(qk_frame *f);
/* Every frame from now on is drawn whole (bench: the cost of a full redraw). */
void qk_frame_always_whole(qk_frame *f, int on);

/* A new, empty list (the last frame's stays for comparison). */
void qk_frame_begin(qk_frame *f);
/* Recording, in physical pixels; clip is the clip rectangle in force. A
** failed allocation drops the command and makes the frame whole. */
void qk_frame_clear(qk_frame *f, qk_color c); /* the whole screen, whatever the clip */
void qk_frame_fill(qk_frame *f, qk_irect clip, float x, float y, float w, float h, qk_color c);
void qk_frame_rounded(qk_frame *f, qk_irect clip, int x, int y, int w, int h, int radius, int line_width, qk_color c);
void qk_frame_arc(qk_frame *f, qk_irect clip, float cx, float cy, float ro, float ri, float a0, float a1, qk_color c);
void qk_frame_triangles(qk_frame *f, qk_irect clip, const float *xy, int n, const int *idx, int m, qk_color c);
/* width/height: the laid-out block's size (qk_text_measure). */
void qk_frame_text(qk_frame *f, qk_irect clip, const char *s, size_t len, const qk_text_style *st, float x, float y,
                   int align, qk_color c, int width, int height);
/* name identifies the picture; tex must stay alive until the next begin. */
void qk_frame_image(qk_frame *f, qk_irect clip, qk_texture *tex, const char *name, float x, float y, float w,
                    float h, qk_color tint);

/* Runs the list where it differs from the last frame's (or whole). */
void qk_frame_run(qk_frame *f);
/* Presents what qk_frame_run drew; the list becomes the last frame's. */
void qk_frame_present(qk_frame *f);

typedef struct {
  long frames, whole_frames, unchanged_frames;
  double damaged_pixels_last;  /* pixels redrawn by the last frame */
} qk_frame_stats;
void qk_frame_stats_get(const qk_frame *f, qk_frame_stats *out);

#endif
