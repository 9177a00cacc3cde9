/*
** ime_bench.c — bench/ime: how fast the Chinese input engines answer.
**   pinyin: the time from a keystroke to the updated candidate list (the
**   composition re-parsed, the first page of 12 candidates and the preedit
**   read out), per keystroke, typing several words letter by letter; also
**   the time to load libpinyin (once per app VM).
**   handwriting: the time to recognise one character (the stroke files of
**   tests/ime/strokes) with zinnia, 10 candidates; and opening the model.
** Medians of several passes, in milliseconds.
**   qk_ime_bench STROKES_DIR [PASSES=9]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "env.h"
#include "ime_data.h"
#include "ime_handwriting.h"
#include "ime_pinyin.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double percentile(double *v, int n, double p) { /* v sorted */
  int i = (int)(p * (n - 1) + 0.5);
  return v[i];
}

#define MAX_SAMPLES 20000

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_ime_bench STROKES_DIR [PASSES]\n");
    return 2;
  }
  int passes = argc > 2 ? atoi(argv[2]) : 9;
  if (passes < 1) passes = 1;
  char dir[4096], why[4200];
  static double t[MAX_SAMPLES];

  /* ---- pinyin ---- */
  if (qk_ime_find_pinyin_data(qk_env_get()->pinyin_data, dir, sizeof dir, why, sizeof why) != 0) {
    printf("pinyin: %s\n", why);
    return 1;
  }
  int n = 0;
  qk_pinyin_engine *e = NULL;
  for (int p = 0; p < passes; p++) {
    double t0 = now_ms();
    qk_pinyin_engine *x = qk_pinyin_engine_new(dir, NULL, why, sizeof why);
    t[n++] = now_ms() - t0;
    if (!x) {
      printf("pinyin: %s\n", why);
      return 1;
    }
    if (p == passes - 1) e = x;
    else qk_pinyin_engine_free(x);
  }
  printf("pinyin engine load:        median %7.2f ms (%d passes)\n", median(t, n), n);

  static const char *const words[] = {"zhangwei", "zw", "zhongguoren", "nihaoshijie", "bjdx",
                                      "woaibeijingtiananmen", "shi", "xuexiaojiaoyu", "kaoshichengji"};
  qk_pinyin *c = qk_pinyin_new(e, 0);
  qk_pinyin_add_phrase(c, "张伟", "zhang'wei");
  int per_len[32] = {0};
  static double by_len[32][2000];
  n = 0;
  for (int p = 0; p < passes; p++) {
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
      qk_pinyin_reset(c);
      const char *s = words[w];
      for (int i = 0; s[i]; i++) {
        double t0 = now_ms();
        qk_pinyin_key(c, s[i]);
        int k = qk_pinyin_count(c);
        for (int j = 0; j < 12 && j < k; j++) (void)qk_pinyin_candidate(c, j);
        (void)qk_pinyin_preedit(c);
        double dt = now_ms() - t0;
        if (n < MAX_SAMPLES) t[n++] = dt;
        if (i < 32 && per_len[i] < 2000) by_len[i][per_len[i]++] = dt;
      }
    }
  }
  double med = median(t, n);
  printf("pinyin keystroke → candidates: median %6.2f ms, p90 %6.2f ms, max %6.2f ms (%d keystrokes)\n", med,
         percentile(t, n, 0.9), t[n - 1], n);
  printf("  by letters typed so far:");
  for (int i = 0; i < 20; i++)
    if (per_len[i]) printf(" %d:%.1f", i + 1, median(by_len[i], per_len[i]));
  printf(" (ms)\n");
  /* Choosing a candidate (commit), from a full word. */
  n = 0;
  for (int p = 0; p < passes; p++) {
    qk_pinyin_reset(c);
    for (const char *s = "zhongguoren"; *s; s++) qk_pinyin_key(c, *s);
    const char *out;
    double t0 = now_ms();
    qk_pinyin_choose(c, 0, &out);
    t[n++] = now_ms() - t0;
  }
  printf("pinyin choose (commit):    median %7.2f ms\n", median(t, n));
  qk_pinyin_free(c);
  qk_pinyin_engine_free(e);

  /* ---- handwriting ---- */
  char model[4096];
  if (qk_ime_find_zinnia_model(qk_env_get()->zinnia_model, model, sizeof model, why, sizeof why) != 0) {
    printf("handwriting: %s\n", why);
    return 1;
  }
  n = 0;
  qk_hw *h = NULL;
  for (int p = 0; p < passes; p++) {
    double t0 = now_ms();
    qk_hw *x = qk_hw_new(model, why, sizeof why);
    t[n++] = now_ms() - t0;
    if (!x) {
      printf("handwriting: %s\n", why);
      return 1;
    }
    if (p == passes - 1) h = x;
    else qk_hw_free(x);
  }
  printf("zinnia model open:         median %7.2f ms\n", median(t, n));
  static const char *const files[] = {"shi", "ren", "da", "kou", "wang", "zhong", "mu", "ri"};
  n = 0;
  for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
    char path[4200], line[2048];
    snprintf(path, sizeof path, "%s/%s.txt", argv[1], files[f]);
    FILE *fp = fopen(path, "r");
    if (!fp) continue;
    static float xy[4096];
    int np[64], ns = 0, total = 0;
    while (fgets(line, sizeof line, fp)) {
      if (strncmp(line, "stroke ", 7) != 0 || ns >= 64) continue;
      const char *s = line + 7;
      int x, y, used, k = 0;
      while (sscanf(s, " %d,%d%n", &x, &y, &used) == 2 && total < 2047) {
        xy[2 * total] = (float)x, xy[2 * total + 1] = (float)y;
        total++, k++, s += used;
      }
      np[ns++] = k;
    }
    fclose(fp);
    for (int p = 0; p < passes; p++) {
      qk_hw_result r[10];
      double t0 = now_ms();
      qk_hw_recognize(h, xy, np, ns, 300, 300, r, 10);
      if (n < MAX_SAMPLES) t[n++] = now_ms() - t0;
    }
  }
  med = median(t, n);
  printf("handwriting recognise:     median %7.2f ms, max %6.2f ms (%d recognitions)\n", med, t[n - 1], n);
  qk_hw_free(h);
  return 0;
}
