/*
** ime_handwriting.h — handwritten character recognition with zinnia and the
** Simplified Chinese model (tegaki-zinnia-simplified-chinese). No Lua, no
** screen: strokes in, ranked characters out.
*/
#ifndef QK_IME_HANDWRITING_H
#define QK_IME_HANDWRITING_H

#include <stddef.h>

typedef struct qk_hw qk_hw;

typedef struct {
  char text[8];   /* one character, UTF-8 */
  float score;    /* higher is better (zinnia's SVM score) */
} qk_hw_result;

/* Opens the model (zinnia maps it: fast, shared with other processes).
** NULL with a message in err when it cannot be used. */
qk_hw *qk_hw_new(const char *model_path, char *err, size_t errlen);
void qk_hw_free(qk_hw *h);
/* Forgets the last strokes (kept between recognitions otherwise). */
void qk_hw_reset(qk_hw *h);

/* Recognises strokes written in a width x height box: stroke s has
** npoints[s] points, all of them in xy as x, y pairs one stroke after the
** other. Fills up to max results, best first; returns how many (0 when
** nothing was written), or -1 on error. */
int qk_hw_recognize(qk_hw *h, const float *xy, const int *npoints, int nstrokes, int width, int height,
                    qk_hw_result *out, int max);

#endif
