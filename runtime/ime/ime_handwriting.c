/*
** ime_handwriting.c — see ime_handwriting.h. Owns one zinnia recognizer (the opened
** model) and a character buffer reused between recognitions.
**
** Why zinnia: a small, fast SVM recognizer (the one behind ibus-handwrite
** and tegaki) with a freely licensed, packaged Simplified Chinese model;
** recognising a character takes milliseconds on kiosk hardware and needs no
** network.
*/
#include "ime_handwriting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zinnia.h>

struct qk_hw {
  zinnia_recognizer_t *rec;
  zinnia_character_t *ch;
};

qk_hw *qk_hw_new(const char *model_path, char *err, size_t errlen) {
  qk_hw *h = calloc(1, sizeof *h);
  if (!h) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  h->rec = zinnia_recognizer_new();
  h->ch = zinnia_character_new();
  if (!h->rec || !h->ch) {
    snprintf(err, errlen, "out of memory");
    qk_hw_free(h);
    return NULL;
  }
  if (!zinnia_recognizer_open(h->rec, model_path)) {
    snprintf(err, errlen, "zinnia cannot open %s: %s", model_path, zinnia_recognizer_strerror(h->rec));
    qk_hw_free(h);
    return NULL;
  }
  return h;
}

void qk_hw_free(qk_hw *h) {
  if (!h) return;
  if (h->ch) zinnia_character_destroy(h->ch);
  if (h->rec) zinnia_recognizer_destroy(h->rec);
  free(h);
}

void qk_hw_reset(qk_hw *h) {
  if (h) zinnia_character_clear(h->ch);
}

static int clampi(float v, int hi) {
  int i = (int)(v + 0.5f);
  return i < 0 ? 0 : i > hi ? hi : i;
}

int qk_hw_recognize(qk_hw *h, const float *xy, const int *npoints, int nstrokes, int width, int height,
                    qk_hw_result *out, int max) {
  if (width <= 0 || height <= 0 || max <= 0) return -1;
  zinnia_character_clear(h->ch);
  zinnia_character_set_width(h->ch, (size_t)width);
  zinnia_character_set_height(h->ch, (size_t)height);
  int id = 0, points = 0;
  for (int s = 0; s < nstrokes; s++) {
    if (npoints[s] <= 0) continue;
    for (int i = 0; i < npoints[s]; i++, points++)
      zinnia_character_add(h->ch, (size_t)id, clampi(xy[2 * points], width), clampi(xy[2 * points + 1], height));
    id++;
  }
  if (id == 0) return 0;
  zinnia_result_t *r = zinnia_recognizer_classify(h->rec, h->ch, (size_t)max);
  if (!r) return -1;
  int n = (int)zinnia_result_size(r);
  if (n > max) n = max;
  for (int i = 0; i < n; i++) {
    snprintf(out[i].text, sizeof out[i].text, "%s", zinnia_result_value(r, (size_t)i));
    out[i].score = zinnia_result_score(r, (size_t)i);
  }
  zinnia_result_destroy(r);
  return n;
}
