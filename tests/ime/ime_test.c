/*
** ime_test.c — the Chinese input engines without a screen: pinyin
** composition (full, abbreviated, phrases, choosing segment by segment,
** backspace through the preedit, learning off and on) on libpinyin, and
** handwriting recognition of hand-traced strokes (tests/ime/strokes/, one file a character)
** with zinnia. Also the data search: an override pointing at an empty folder
** finds nothing.
**
**   qk_ime_test STROKES_DIR
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ime_data.h"
#include "ime_engines.h"
#include "ime_handwriting.h"
#include "ime_pinyin.h"

static int failures;

#define CHECK(cond, ...)                                                                                       \
  do {                                                                                                         \
    if (!(cond)) {                                                                                             \
      failures++;                                                                                              \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                                   \
      printf(__VA_ARGS__);                                                                                     \
      printf("\n");                                                                                            \
    }                                                                                                          \
  } while (0)

static void type(qk_pinyin *p, const char *s) {
  for (; *s; s++) qk_pinyin_key(p, *s);
}

static int position(qk_pinyin *p, const char *want, int within) {
  for (int i = 0; i < qk_pinyin_count(p) && i < within; i++)
    if (strcmp(qk_pinyin_candidate(p, i), want) == 0) return i;
  return -1;
}

static void test_pinyin(qk_pinyin_engine *e) {
  qk_pinyin *p = qk_pinyin_new(e, 0);
  const char *out = NULL;

  /* Full pinyin: libpinyin's own model offers 张伟 among the first few. */
  type(p, "zhangwei");
  CHECK(qk_pinyin_count(p) > 10, "%d candidates", qk_pinyin_count(p));
  CHECK(position(p, "张伟", 5) >= 0, "张伟 not in the first 5 (first: %s)", qk_pinyin_candidate(p, 0));
  CHECK(strcmp(qk_pinyin_preedit(p), "zhang wei") == 0, "preedit '%s'", qk_pinyin_preedit(p));
  qk_pinyin_reset(p);
  CHECK(!qk_pinyin_active(p) && qk_pinyin_count(p) == 0, "reset");

  /* Phrases: full, abbreviated and mixed pinyin put 张伟 first. */
  CHECK(qk_pinyin_add_phrase(p, "张伟", "zhang'wei") == 0, "add phrase");
  CHECK(qk_pinyin_add_phrase(p, "张伟伟", "zhang'wei") == -1, "syllables must match the characters");
  const char *inputs[] = {"zhangwei", "zw", "zhangw", "zhw"};
  for (int i = 0; i < 4; i++) {
    type(p, inputs[i]);
    CHECK(qk_pinyin_count(p) > 0 && strcmp(qk_pinyin_candidate(p, 0), "张伟") == 0, "%s → %s", inputs[i],
          qk_pinyin_count(p) ? qk_pinyin_candidate(p, 0) : "(none)");
    CHECK(qk_pinyin_choose(p, 0, &out) == 1 && strcmp(out, "张伟") == 0, "%s: committed %s", inputs[i], out ? out : "-");
    CHECK(!qk_pinyin_active(p), "empty after commit");
  }
  /* No duplicates: 张伟 once even though libpinyin offers it too. */
  type(p, "zhangwei");
  int seen = 0;
  for (int i = 0; i < qk_pinyin_count(p); i++) seen += strcmp(qk_pinyin_candidate(p, i), "张伟") == 0;
  CHECK(seen == 1, "张伟 listed %d times", seen);
  qk_pinyin_reset(p);

  /* Segment by segment: a phrase covering the beginning, then the rest. */
  type(p, "zhangweinihao");
  int at = position(p, "张伟", 50);
  CHECK(at >= 0, "张伟 offered for the beginning of zhangweinihao");
  CHECK(qk_pinyin_choose(p, at, &out) == 0, "letters remain");
  CHECK(strncmp(qk_pinyin_preedit(p), "张伟ni hao", strlen("张伟ni hao")) == 0, "preedit '%s'", qk_pinyin_preedit(p));
  at = position(p, "你好", 10);
  CHECK(at >= 0, "你好 offered for nihao (first: %s)", qk_pinyin_candidate(p, 0));
  CHECK(at >= 0 && qk_pinyin_choose(p, at, &out) == 1 && strcmp(out, "张伟你好") == 0, "committed %s", out ? out : "-");

  /* Backspace walks back through the preedit: letters, then the chosen
  ** segment turns back into pinyin. */
  type(p, "zhangweini");
  at = position(p, "张伟", 50);
  qk_pinyin_choose(p, at, &out);
  CHECK(qk_pinyin_backspace(p) == 1 && strcmp(qk_pinyin_preedit(p), "张伟n") == 0, "'%s'", qk_pinyin_preedit(p));
  CHECK(qk_pinyin_backspace(p) == 1 && strcmp(qk_pinyin_preedit(p), "zhang wei") == 0, "'%s'", qk_pinyin_preedit(p));
  CHECK(strcmp(qk_pinyin_candidate(p, 0), "张伟") == 0, "candidates for zhangwei again");
  for (int i = 0; i < 8; i++) qk_pinyin_backspace(p);
  CHECK(!qk_pinyin_active(p) && qk_pinyin_backspace(p) == 0, "empty: backspace goes to the field");

  /* Phrase candidates from libpinyin's dictionary. */
  type(p, "zhongguoren");
  CHECK(position(p, "中国人", 3) >= 0, "中国人 (first: %s)", qk_pinyin_candidate(p, 0));
  CHECK(position(p, "中国", 20) >= 0, "中国 as a phrase candidate");
  qk_pinyin_reset(p);
  type(p, "bjdx");
  CHECK(position(p, "北京大学", 5) >= 0, "bjdx → 北京大学 (first: %s)", qk_pinyin_count(p) ? qk_pinyin_candidate(p, 0) : "-");
  CHECK(strcmp(qk_pinyin_commit_raw(p), "bjdx") == 0, "commit as typed");

  /* Only letters. */
  CHECK(qk_pinyin_key(p, '1') == -1 && qk_pinyin_key(p, '\'') == -1, "digits and a leading ' refused");
  qk_pinyin_free(p);

  /* Learning off: a fresh composition on the same engine knows nothing new. */
  p = qk_pinyin_new(e, 1);
  type(p, "zhangwei");
  at = position(p, "张伟", 10);
  CHECK(at > 0, "张伟 not first before learning (at %d)", at);
  qk_pinyin_choose(p, at, &out);
  type(p, "zhangwei");
  CHECK(strcmp(qk_pinyin_candidate(p, 0), "张伟") == 0, "learnt: %s first", qk_pinyin_candidate(p, 0));
  qk_pinyin_free(p);
  p = qk_pinyin_new(e, 0);
  type(p, "zhangwei");
  CHECK(position(p, "张伟", 10) > 0, "a composition without learning keeps the model's order");
  qk_pinyin_free(p);
}

/* The candidates for letters, joined with '|', into out. */
static void candidates_of(qk_pinyin_engine *e, int learn, const char *letters, char *out, size_t outlen) {
  qk_pinyin *p = qk_pinyin_new(e, learn);
  type(p, letters);
  size_t at = 0;
  out[0] = 0;
  for (int i = 0; i < qk_pinyin_count(p) && at + 1 < outlen; i++) {
    int k = snprintf(out + at, outlen - at, "%s|", qk_pinyin_candidate(p, i));
    if (k < 0) break;
    at += (size_t)k;
  }
  qk_pinyin_free(p);
}

/* One engine serves one candidate after another (ime_engines.h): whatever
** a candidate does with a learning keyboard, the next one's candidate lists
** are exactly those of a freshly loaded engine. */
static void test_next_candidate(qk_pinyin_engine *e) {
  static char fresh[16384], fresh2[16384], now[16384];
  candidates_of(e, 0, "zhangwei", fresh, sizeof fresh);
  candidates_of(e, 0, "wangxiaoming", fresh2, sizeof fresh2);
  CHECK(strstr(fresh2, "王小明") == NULL, "王小明 is no phrase of libpinyin's: %.200s", fresh2);
  /* The previous person, with a learning keyboard, picks phrases further down. */
  qk_pinyin *p = qk_pinyin_new(e, 1);
  const char *out = NULL;
  type(p, "zhangwei");
  int at = position(p, "张伟", 20);
  CHECK(at > 0, "张伟 not first before learning (at %d)", at);
  if (at > 0) qk_pinyin_choose(p, at, &out);
  /* Chosen as 王 + 小明, it is learnt as one phrase. */
  type(p, "wangxiaoming");
  at = position(p, "王", 40);
  CHECK(at >= 0 && qk_pinyin_choose(p, at, &out) == 0, "王 for wang");
  at = position(p, "小明", 20);
  CHECK(at >= 0 && qk_pinyin_choose(p, at, &out) == 1 && strcmp(out, "王小明") == 0, "王小明 committed");
  type(p, "wangxiaoming"); /* learnt: first, for this person */
  CHECK(qk_pinyin_count(p) > 0 && strcmp(qk_pinyin_candidate(p, 0), "王小明") == 0, "learnt: %s first",
        qk_pinyin_count(p) ? qk_pinyin_candidate(p, 0) : "-");
  qk_pinyin_free(p);
  qk_pinyin_engine_candidate_done(e);
  /* The next person, learning keyboard or not: the stock lists, in full. */
  for (int learn = 0; learn < 2; learn++) {
    candidates_of(e, learn, "zhangwei", now, sizeof now);
    CHECK(strcmp(now, fresh) == 0, "next person: %.200s\nfresh: %.200s", now, fresh);
    candidates_of(e, learn, "wangxiaoming", now, sizeof now);
    CHECK(strcmp(now, fresh2) == 0, "next person: %.200s\nfresh: %.200s", now, fresh2);
  }
}

/* The process's engines: loaded once however often asked for. */
static void test_process_engines(void) {
  static const qk_ime_paths defaults = {NULL, NULL, NULL}; /* where the packages put the data */
  char why[512];
  qk_pinyin_engine *e = qk_ime_pinyin_engine(&defaults, why, sizeof why);
  CHECK(e != NULL, "%s", why);
  for (int vm = 0; vm < 5; vm++) {
    CHECK(qk_ime_pinyin_engine(&defaults, why, sizeof why) == e, "the same engine for every candidate");
    qk_ime_engines_new_candidate();
  }
  CHECK(qk_ime_pinyin_loads() == 1, "loaded %d times", qk_ime_pinyin_loads());
  qk_hw *h = qk_ime_recognizer(&defaults, why, sizeof why);
  CHECK(h != NULL && qk_ime_recognizer(&defaults, why, sizeof why) == h, "one recognizer: %s", why);
  /* The rest is freed by the exit handler (the ASan build checks it). */
}

typedef struct {
  char want[8];
  float xy[4096];
  int npoints[64];
  int nstrokes;
} strokes;

static int load_strokes(const char *path, strokes *s) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  memset(s, 0, sizeof *s);
  char line[2048];
  int total = 0;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "char ", 5) == 0) sscanf(line + 5, "%7s", s->want);
    if (strncmp(line, "stroke ", 7) != 0 || s->nstrokes >= 64) continue;
    const char *p = line + 7;
    int x, y, n, k = 0;
    while (sscanf(p, " %d,%d%n", &x, &y, &n) == 2 && total < 2047) {
      s->xy[2 * total] = (float)x, s->xy[2 * total + 1] = (float)y;
      total++, k++, p += n;
    }
    s->npoints[s->nstrokes++] = k;
  }
  fclose(f);
  return s->nstrokes > 0 && s->want[0] ? 0 : -1;
}

static void test_handwriting(qk_hw *h, const char *dir) {
  static const char *const files[] = {"shi", "ren", "da", "kou", "wang", "zhong", "mu", "ri"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, files[i]);
    static strokes s;
    CHECK(load_strokes(path, &s) == 0, "cannot read %s", path);
    qk_hw_result r[10];
    int n = qk_hw_recognize(h, s.xy, s.npoints, s.nstrokes, 300, 300, r, 10);
    int rank = -1;
    for (int k = 0; k < n; k++)
      if (strcmp(r[k].text, s.want) == 0 && rank < 0) rank = k;
    CHECK(rank >= 0 && rank < 5, "%s: %s at rank %d (first %s)", files[i], s.want, rank, n > 0 ? r[0].text : "-");
    printf("  %s %s: rank %d of %d\n", files[i], s.want, rank + 1, n);
  }
  qk_hw_result r[4];
  CHECK(qk_hw_recognize(h, NULL, NULL, 0, 300, 300, r, 4) == 0, "no strokes, no result");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_ime_test STROKES_DIR\n");
    return 2;
  }
  char dir[4096], why[4200];
  if (qk_ime_find_pinyin_data(NULL, dir, sizeof dir, why, sizeof why) != 0) {
    printf("FAIL no pinyin data: %s\n", why);
    return 1;
  }
  qk_pinyin_engine *e = qk_pinyin_engine_new(dir, NULL, why, sizeof why);
  CHECK(e != NULL, "%s", why);
  if (e) test_next_candidate(e); /* first: on an engine nobody has used */
  if (e) test_pinyin(e);
  qk_pinyin_engine_free(e);
  test_process_engines();

  char model[4096];
  CHECK(qk_ime_find_zinnia_model(NULL, model, sizeof model, why, sizeof why) == 0, "%s", why);
  qk_hw *h = qk_hw_new(model, why, sizeof why);
  CHECK(h != NULL, "%s", why);
  if (h) test_handwriting(h, argv[1]);
  qk_hw_free(h);
  CHECK(qk_hw_new("/nonexistent/model", why, sizeof why) == NULL, "a missing model is refused");

  /* Overrides: an empty folder has no data, and says so. */
  CHECK(qk_ime_find_pinyin_data(argv[1], dir, sizeof dir, why, sizeof why) == -1 && strstr(why, "QUIZKIOSK_PINYIN_DATA"), "%s", why);
  CHECK(qk_ime_find_zinnia_model(argv[1], model, sizeof model, why, sizeof why) == -1 && strstr(why, "QUIZKIOSK_ZINNIA_MODEL"), "%s", why);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
