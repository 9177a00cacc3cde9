/*
** synth_test.c — the built-in sounds' synthesiser (runtime/audio/synth.h):
** each sound has its length, never clips, starts and ends at exact zero,
** has no click (no jump between neighbouring samples), and is not silent;
** the WAV writer writes a header that matches the samples.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

static int failed;

#define CHECK(cond, ...)                   \
  do {                                     \
    if (!(cond)) {                         \
      printf("FAIL %s: ", name);           \
      printf(__VA_ARGS__);                 \
      printf("\n");                        \
      failed++;                            \
    }                                      \
  } while (0)

/* Lengths in seconds: short cues, a fanfare under two seconds, an 8 s loop. */
static const struct {
  const char *name;
  double min_s, max_s;
} LENGTHS[] = {{"tick", 0.05, 0.15}, {"right", 0.3, 0.7},   {"wrong", 0.3, 0.7},
               {"streak", 0.4, 0.9}, {"fanfare", 1.0, 2.0}, {"theme", 8.0, 8.0}};

static uint32_t le(const unsigned char *p, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; i--) v = v << 8 | p[i];
  return v;
}

static void check_wav(const char *name, const char *dir, const float *s, size_t n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.wav", dir, name);
  CHECK(qk_synth_write_wav(path, s, n, QK_SYNTH_RATE) == 0, "cannot write %s", path);
  FILE *f = fopen(path, "rb");
  if (!f) return;
  unsigned char h[44];
  size_t got = fread(h, 1, sizeof h, f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fclose(f);
  remove(path);
  CHECK(got == 44 && !memcmp(h, "RIFF", 4) && !memcmp(h + 8, "WAVEfmt ", 8) && !memcmp(h + 36, "data", 4), "bad header");
  CHECK(le(h + 22, 2) == 1 && le(h + 24, 4) == QK_SYNTH_RATE && le(h + 34, 2) == 16, "not 16-bit mono at the rate");
  CHECK(le(h + 40, 4) == n * 2 && (size_t)size == 44 + n * 2 && le(h + 4, 4) == (uint32_t)size - 8,
        "sizes: data %u for %zu samples, file %ld", (unsigned)le(h + 40, 4), n, size);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  int count = 0;
  for (const char *const *np = qk_synth_names; *np; np++, count++) {
    const char *name = *np;
    float *s;
    size_t n;
    if (qk_synth_render(name, &s, &n)) {
      CHECK(0, "not rendered");
      continue;
    }
    double secs = (double)n / QK_SYNTH_RATE;
    int known = 0;
    for (size_t i = 0; i < sizeof LENGTHS / sizeof LENGTHS[0]; i++)
      if (!strcmp(LENGTHS[i].name, name)) {
        known = 1;
        CHECK(secs >= LENGTHS[i].min_s - 0.001 && secs <= LENGTHS[i].max_s + 0.001, "%.3f s, wanted %.2f..%.2f s", secs,
              LENGTHS[i].min_s, LENGTHS[i].max_s);
      }
    CHECK(known, "no expected length in this test");
    float peak = 0, jump = 0, energy = 0;
    for (size_t i = 0; i < n; i++) {
      peak = fmaxf(peak, fabsf(s[i]));
      energy += s[i] * s[i];
      if (i) jump = fmaxf(jump, fabsf(s[i] - s[i - 1]));
    }
    CHECK(peak <= QK_SYNTH_PEAK + 1e-4f && peak >= QK_SYNTH_PEAK - 1e-3f, "peak %.4f, wanted %.2f (never clipped)", peak,
          QK_SYNTH_PEAK);
    /* 16-bit zero at both ends: a sound that starts or stops mid-wave clicks. */
    CHECK(lrintf(s[0] * 32767) == 0 && lrintf(s[n - 1] * 32767) == 0, "ends at %.5f and %.5f, not zero", s[0], s[n - 1]);
    /* The first and last half millisecond stay quiet (the envelope's rise
    ** and fall: a sound at full level there would click). */
    size_t edge = QK_SYNTH_RATE / 2000;
    float edge_peak = 0;
    for (size_t i = 0; i < edge; i++) edge_peak = fmaxf(edge_peak, fmaxf(fabsf(s[i]), fabsf(s[n - 1 - i])));
    CHECK(edge_peak < 0.1f, "%.3f within 0.5 ms of an end: a click", edge_peak);
    /* A click is a jump between neighbours far bigger than any tone here makes. */
    CHECK(jump < 0.2f, "a jump of %.3f between two samples: a click", jump);
    CHECK(sqrtf(energy / (float)n) > 0.02f, "nearly silent (rms %.4f)", sqrtf(energy / (float)n));
    check_wav(name, dir, s, n);
    printf("%-8s %.3f s, peak %.3f, largest step %.3f, rms %.3f\n", name, secs, peak, jump, sqrtf(energy / (float)n));
    free(s);
  }
  {
    const char *name = "unknown";
    float *s;
    size_t n;
    CHECK(qk_synth_render("boom", &s, &n) == -1 && s == NULL && n == 0, "an unknown name rendered");
  }
  const char *name = "all";
  CHECK(count == 6, "%d sounds, wanted 6", count);
  printf("synth: %d failed\n", failed);
  return failed ? 1 : 0;
}
