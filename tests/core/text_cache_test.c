/*
** text_cache_test.c — the text engine's caches: a redraw of an unchanged
** screen lays out and rasterises nothing; new text does; the caches stay
** within their bounds when many different texts pass through.
*/
#include <stdio.h>
#include <string.h>

#include "platform.h"
#include "text.h"

static int failures;

static void check(int cond, const char *what) {
  printf("%s %s\n", cond ? "ok  " : "FAIL", what);
  if (!cond) failures++;
}

static void screen(qk_text *t, const char *stem) {
  qk_text_style body = {.px = 28, .max_width = 900};
  qk_text_style bold = {.px = 34, .bold = 1, .max_width = 900};
  qk_color ink = {20, 20, 20, 255};
  qk_text_draw(t, stem, strlen(stem), &bold, 20, 20, QK_ALIGN_LEFT, ink);
  const char *opts[] = {"A.处理客户投诉并达成解决方案", "B.定期向客户发送营销推广信息", "C.收集客户反馈并优化服务流程",
                        "D.协助销售团队完成业绩指标"};
  for (int i = 0; i < 4; i++) qk_text_draw(t, opts[i], strlen(opts[i]), &body, 20, 200 + 80 * i, QK_ALIGN_LEFT, ink);
}

int main(void) {
  char err[512];
  qk_platform_config cfg = {.width = 1280, .height = 800, .headless = 1};
  qk_platform *p = qk_plat_open(&cfg, err, sizeof err);
  if (!p) {
    printf("FAIL %s\n", err);
    return 1;
  }
  qk_text *t = qk_text_new(p, NULL, 0, NULL, err, sizeof err);
  if (!t) {
    printf("FAIL %s\n", err);
    qk_plat_close(p);
    return 1;
  }
  qk_text_stats a, b, c;
  screen(t, "1.根据2026年客户服务行业规范，以下哪项不属于客户服务专员的核心职责？");
  qk_text_stats_get(t, &a);
  check(a.layouts_built == 5 && a.runs_rendered >= 5, "first showing lays out and rasterises each text");
  screen(t, "1.根据2026年客户服务行业规范，以下哪项不属于客户服务专员的核心职责？");
  qk_text_stats_get(t, &b);
  check(b.layouts_built == a.layouts_built && b.runs_rendered == a.runs_rendered, "an unchanged redraw re-renders no text");
  check(b.layouts_reused == a.layouts_reused + 5, "every text of the redraw came from the cache");
  screen(t, "2.2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？");
  qk_text_stats_get(t, &c);
  check(c.layouts_built == b.layouts_built + 1, "a new question lays out only its new text");

  /* Thousands of distinct texts: the cache stays bounded. */
  for (int i = 0; i < 3000; i++) {
    char s[64];
    snprintf(s, sizeof s, "第 %d 题：请选择正确答案", i);
    qk_text_style st = {.px = 24};
    qk_text_draw(t, s, strlen(s), &st, 0, 0, QK_ALIGN_LEFT, (qk_color){0, 0, 0, 255});
  }
  qk_text_stats_get(t, &c);
  check(c.entries <= 768 && c.texture_bytes <= (40u << 20), "cache bounded in entries and texture bytes");

  /* Preparing rasterises what drawing would, so drawing renders nothing
  ** more; a block prepared in one colour and drawn in another renders
  ** again, as it always did; one that has its textures is not prepared. */
  {
    qk_text_style st = {.px = 30, .max_width = 600};
    qk_color ink = {20, 30, 50, 255}, grey = {90, 100, 120, 255};
    const char *s1 = "准备好的文字", *s2 = "另一种颜色的文字";
    qk_text_stats p0, p1, p2, p3, p4;
    qk_text_stats_get(t, &p0);
    check(qk_text_prepare_visible(t, s1, strlen(s1), &st, 10, 10, QK_ALIGN_LEFT, ink, NULL) == 0 &&
            qk_text_prepare_visible(t, s2, strlen(s2), &st, 10, 60, QK_ALIGN_LEFT, ink, NULL) == 0,
          "prepare succeeds");
    qk_text_stats_get(t, &p1);
    check(p1.runs_rendered > p0.runs_rendered, "preparing rasterises the runs");
    qk_text_draw(t, s1, strlen(s1), &st, 10, 10, QK_ALIGN_LEFT, ink);
    qk_text_stats_get(t, &p2);
    check(p2.runs_rendered == p1.runs_rendered, "drawing a prepared text renders nothing more");
    qk_text_prepare_visible(t, s2, strlen(s2), &st, 10, 60, QK_ALIGN_LEFT, grey, NULL);
    qk_text_stats_get(t, &p3);
    check(p3.runs_rendered == p2.runs_rendered, "a text with textures in another colour is left to drawing");
    qk_text_draw(t, s2, strlen(s2), &st, 10, 60, QK_ALIGN_LEFT, grey);
    qk_text_stats_get(t, &p4);
    check(p4.runs_rendered > p3.runs_rendered, "drawing it in the other colour renders it again");
    check(qk_text_style_is_current(t, &st), "the style last rasterised is the current one");
    qk_text_style other = {.px = 31};
    check(!qk_text_style_is_current(t, &other), "another size is not");
    check(qk_text_take_new_layouts(t) > 0 && qk_text_take_new_layouts(t) == 0, "new layouts are counted once");
  }

  qk_text_block blk;
  qk_text_style narrow = {.px = 28, .max_width = 200, .max_lines = 2};
  const char *long_text = "客户服务专员在处理跨部门协作时，以下哪项行为最规范？请仔细阅读后作答。";
  check(qk_text_measure(t, long_text, strlen(long_text), &narrow, &blk) == 0 && blk.layout->nlines == 2 &&
          blk.layout->truncated && blk.width <= 200,
        "measured before drawing: two lines, ellipsised, within the width");
  qk_text_free(t);
  qk_plat_close(p);
  printf("text cache: %d failed\n", failures);
  return failures ? 1 : 0;
}
