/*
** synth.h — the kiosk's built-in sounds, made by code at build time
** (synth_main.c writes them as WAV files into the build folder; they are
** installed with the kiosk; sounds/README.md records their origin and
** licence, CC0). Soft bell and pluck voices: each note rises from silence
** in a few milliseconds and falls back to exact silence, so a sound never
** clicks at its ends, and the whole is scaled to a peak of QK_SYNTH_PEAK,
** well under full scale.
*/
#ifndef QK_SYNTH_H
#define QK_SYNTH_H

#include <stddef.h>

#define QK_SYNTH_RATE 44100
#define QK_SYNTH_PEAK 0.5f /* about -6 dBFS: loud enough, never clipped, not shrill */

/* The names, NULL-terminated: tick, right, wrong, streak, fanfare, theme. */
extern const char *const qk_synth_names[];

/* Renders the sound name at QK_SYNTH_RATE, mono, into *out (malloc'ed,
** the caller frees) of *n samples in -1..1. 0, or -1 for an unknown name
** or out of memory. */
int qk_synth_render(const char *name, float **out, size_t *n);

/* Writes samples as a 16-bit mono PCM WAV file. 0 or -1 (errno set). */
int qk_synth_write_wav(const char *path, const float *s, size_t n, int rate);

#endif
