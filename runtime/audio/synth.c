/*
** synth.c — see synth.h. Additive voices (a few sine partials) under an
** envelope: a raised-cosine attack from zero, an exponential decay and a
** raised-cosine release to zero at the note's end. Notes are mixed into one
** buffer, which is then scaled so its peak is QK_SYNTH_PEAK.
*/
#include "synth.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const qk_synth_names[] = {"tick", "right", "wrong", "streak", "fanfare", "theme", NULL};

typedef struct {
  int partials;
  float mult[4], amp[4]; /* frequency multiples and their levels */
  float attack, decay;   /* seconds: rise time, time constant of the fall */
} voice;

/* Bell: bright but round (no high odd harmonics that make a beep shrill). */
static const voice BELL = {3, {1.0f, 2.0f, 3.0f, 0}, {1.0f, 0.35f, 0.12f, 0}, 0.006f, 0.28f};
/* Pluck: short, for the music's arpeggio. */
static const voice PLUCK = {3, {1.0f, 2.0f, 4.0f, 0}, {1.0f, 0.25f, 0.06f, 0}, 0.004f, 0.18f};
/* Low and soft, for "wrong": a muted, falling pair. */
static const voice SOFT = {2, {1.0f, 2.0f, 0, 0}, {1.0f, 0.15f, 0, 0}, 0.012f, 0.20f};
/* Wood: the lead-in tick, very short. */
static const voice WOOD = {3, {1.0f, 2.76f, 5.4f, 0}, {1.0f, 0.3f, 0.08f, 0}, 0.003f, 0.022f};
/* Pad: slow swell under the music. */
static const voice PAD = {2, {1.0f, 2.0f, 0, 0}, {1.0f, 0.2f, 0, 0}, 0.30f, 3.0f};

#define RELEASE 0.012f /* seconds of raised-cosine fade at every note's end */

static float note_hz(int midi) { return 440.0f * powf(2.0f, (float)(midi - 69) / 12.0f); }

/* Adds one note to buf (n samples): starts at t0 s, lasts len s. */
static void add_note(float *buf, size_t n, const voice *v, int midi, float t0, float len, float gain) {
  const float rate = (float)QK_SYNTH_RATE, hz = note_hz(midi);
  size_t start = (size_t)(t0 * rate), count = (size_t)(len * rate);
  size_t rel = (size_t)(RELEASE * rate), att = (size_t)(v->attack * rate);
  if (att < 1) att = 1;
  if (count < rel + att + 2) return;
  for (size_t i = 0; i < count && start + i < n; i++) {
    float t = (float)i / rate, env = expf(-t / v->decay);
    if (i < att) env *= 0.5f - 0.5f * cosf((float)M_PI * (float)i / (float)att);
    size_t left = count - 1 - i; /* the last sample of the note is exactly zero */
    if (left < rel) env *= 0.5f - 0.5f * cosf((float)M_PI * (float)left / (float)rel);
    float s = 0;
    for (int p = 0; p < v->partials; p++) {
      float f = hz * v->mult[p];
      if (f >= rate / 2) continue; /* nothing above Nyquist: it would alias into a whine */
      /* Higher partials die sooner, as in a struck bar. */
      s += v->amp[p] * expf(-t * (float)p * 6.0f) * sinf(2.0f * (float)M_PI * f * t);
    }
    buf[start + i] += gain * env * s;
  }
}

typedef struct {
  const voice *v;
  int midi;
  float t0, len, gain;
} note;

/* C major around C5 (midi 72): warm, not high. */
static const note TICK[] = {{&WOOD, 84, 0.0f, 0.09f, 1.0f}};
static const note RIGHT[] = {{&BELL, 76, 0.0f, 0.16f, 0.8f}, {&BELL, 83, 0.10f, 0.40f, 1.0f}};
static const note WRONG[] = {{&SOFT, 55, 0.0f, 0.22f, 1.0f}, {&SOFT, 50, 0.16f, 0.34f, 1.0f}};
static const note STREAK[] = {{&BELL, 72, 0.00f, 0.20f, 0.7f}, {&BELL, 76, 0.07f, 0.20f, 0.75f},
                              {&BELL, 79, 0.14f, 0.20f, 0.8f}, {&BELL, 84, 0.21f, 0.40f, 0.9f}};
static const note FANFARE[] = {
  {&BELL, 67, 0.00f, 0.20f, 0.8f}, {&BELL, 72, 0.15f, 0.20f, 0.8f}, {&BELL, 76, 0.30f, 0.20f, 0.85f},
  {&BELL, 79, 0.45f, 1.10f, 1.0f}, {&BELL, 72, 0.45f, 1.10f, 0.6f}, {&BELL, 76, 0.45f, 1.10f, 0.6f},
  {&PAD, 48, 0.45f, 1.10f, 0.5f}};

static int render_notes(const note *ns, size_t count, float **out, size_t *n) {
  float end = 0;
  for (size_t i = 0; i < count; i++)
    if (ns[i].t0 + ns[i].len > end) end = ns[i].t0 + ns[i].len;
  *n = (size_t)(end * QK_SYNTH_RATE) + 1;
  *out = calloc(*n, sizeof **out);
  if (!*out) return -1;
  for (size_t i = 0; i < count; i++) add_note(*out, *n, ns[i].v, ns[i].midi, ns[i].t0, ns[i].len, ns[i].gain);
  return 0;
}

/* The music: C – Am – F – G, two seconds each, a plucked arpeggio over a
** pad, 8 s that loop seamlessly (every note ends inside the loop). */
static int render_theme(float **out, size_t *n) {
  static const int chords[4][3] = {{60, 64, 67}, {57, 60, 64}, {53, 57, 60}, {55, 59, 62}};
  static const int order[8] = {0, 1, 2, 1, 0, 1, 2, 1}; /* up and down the chord, 8 steps */
  const float bar = 2.0f, step = bar / 8;
  *n = (size_t)(4 * bar * QK_SYNTH_RATE);
  *out = calloc(*n, sizeof **out);
  if (!*out) return -1;
  for (int c = 0; c < 4; c++) {
    float t = (float)c * bar;
    for (int k = 0; k < 3; k++) add_note(*out, *n, &PAD, chords[c][k] - 12, t, bar - 0.01f, 0.22f);
    for (int s = 0; s < 8; s++) {
      /* Each pluck rings over the next one, but ends inside its chord. */
      float at = (float)s * step, len = fminf(step * 1.6f, bar - at - 0.01f);
      add_note(*out, *n, &PLUCK, chords[c][order[s]] + 12 * (s >= 4), t + at, len, 0.5f);
    }
  }
  return 0;
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

int qk_synth_render(const char *name, float **out, size_t *n) {
  int rc;
  *out = NULL;
  *n = 0;
  if (!strcmp(name, "tick")) rc = render_notes(TICK, COUNT(TICK), out, n);
  else if (!strcmp(name, "right")) rc = render_notes(RIGHT, COUNT(RIGHT), out, n);
  else if (!strcmp(name, "wrong")) rc = render_notes(WRONG, COUNT(WRONG), out, n);
  else if (!strcmp(name, "streak")) rc = render_notes(STREAK, COUNT(STREAK), out, n);
  else if (!strcmp(name, "fanfare")) rc = render_notes(FANFARE, COUNT(FANFARE), out, n);
  else if (!strcmp(name, "theme")) rc = render_theme(out, n);
  else return -1;
  if (rc) return -1;
  float peak = 0;
  for (size_t i = 0; i < *n; i++) peak = fmaxf(peak, fabsf((*out)[i]));
  if (peak > 0)
    for (size_t i = 0; i < *n; i++) (*out)[i] *= QK_SYNTH_PEAK / peak;
  return 0;
}

static int put(FILE *f, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; i++)
    if (fputc((int)((v >> (8 * i)) & 0xff), f) == EOF) return -1;
  return 0;
}

int qk_synth_write_wav(const char *path, const float *s, size_t n, int rate) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  uint32_t data = (uint32_t)(n * 2);
  int bad = fwrite("RIFF", 1, 4, f) != 4 || put(f, 36 + data, 4) || fwrite("WAVEfmt ", 1, 8, f) != 8 ||
            put(f, 16, 4) || put(f, 1, 2) || put(f, 1, 2) || put(f, (uint32_t)rate, 4) ||
            put(f, (uint32_t)rate * 2, 4) || put(f, 2, 2) || put(f, 16, 2) || fwrite("data", 1, 4, f) != 4 ||
            put(f, data, 4);
  for (size_t i = 0; i < n && !bad; i++) {
    float v = s[i] > 1 ? 1 : s[i] < -1 ? -1 : s[i];
    bad = put(f, (uint32_t)(uint16_t)(int16_t)lrintf(v * 32767.0f), 2);
  }
  if (fclose(f) != 0) bad = 1;
  if (bad) remove(path);
  return bad ? -1 : 0;
}
