/*
** draw_stroke.h — the pixels of a stroke of ink: the union of a capsule per
** segment (round joins and caps), as whole-pixel rectangles. Pure geometry:
** draw.c fills the rectangles. Spans rather than triangles because SDL's
** software renderer leaves one-pixel cracks along the shared edges of
** adjacent triangles (seen as white hairlines inside the ink), and filled
** rectangles have none.
*/
#ifndef QK_DRAW_STROKE_H
#define QK_DRAW_STROKE_H

#include "draw_frame.h"

/* The pixels whose centres lie within r of the polyline xy (n >= 1 points,
** physical pixels), inside clip, as rectangles: rows with the same spans as
** the row above extend its rectangles. On success returns 0 with *out (free
** it) and *count; -1 when out of memory (*out NULL). */
int qk_stroke_rects(const float *xy, int n, float r, qk_irect clip, qk_irect **out, int *count);

#endif
