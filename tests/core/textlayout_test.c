/*
** textlayout_test.c — line breaking asserted on the produced lines, with a
** fake font: CJK characters and full-width punctuation are 10 px wide,
** everything else 5 px. Also a property check over many widths: no line
** starts with closing punctuation or ends with opening punctuation.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textlayout.h"

static int failures;

static int fake_measure(void *ud, int font, const char *s, size_t len) {
  (void)ud;
  (void)font;
  int w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp = qk_utf8_next(s, len, &i);
    w += cp >= 0x2E80 ? 10 : 5;
  }
  return w;
}

static int fake_font_for(void *ud, uint32_t cp) {
  (void)ud;
  return cp >= 0x1F300 ? 1 : 0; /* "emoji" come from font 1 */
}

static const qk_text_metrics M = {fake_measure, fake_font_for, NULL};

static void line_text(const qk_text_layout *l, int i, char *out, size_t n) {
  size_t len = l->lines[i].len < n - 1 ? l->lines[i].len : n - 1;
  memcpy(out, l->text + l->lines[i].start, len);
  out[len] = 0;
}

/* Lays out s and compares with the expected lines, separated by '|'. */
static void expect_lines(const char *what, const char *s, int width, int max_lines, const char *expected) {
  qk_text_layout l;
  if (qk_text_layout_build(&l, s, strlen(s), width, max_lines, &M) != 0) {
    printf("FAIL %s: layout failed\n", what);
    failures++;
    return;
  }
  char got[2048] = "", line[512];
  for (int i = 0; i < l.nlines; i++) {
    line_text(&l, i, line, sizeof line);
    if (i) strcat(got, "|");
    strncat(got, line, sizeof got - strlen(got) - 1);
    /* Lines may exceed the width only by hanging closing punctuation. */
    size_t body = strlen(line);
    while (body > 0) {
      size_t k = body - 1;
      while (k > 0 && ((unsigned char)line[k] & 0xC0) == 0x80) k--;
      size_t j = k;
      if (!qk_kinsoku_no_start(qk_utf8_next(line, body, &j))) break;
      body = k;
    }
    if (width > 0 && fake_measure(NULL, 0, line, body) > width && body > 1) {
      printf("FAIL %s: line %d is %d px wide, limit %d\n", what, i, l.lines[i].width, width);
      failures++;
    }
  }
  if (strcmp(got, expected) != 0) {
    printf("FAIL %s:\n  got      %s\n  expected %s\n", what, got, expected);
    failures++;
  } else {
    printf("ok   %s\n", what);
  }
  qk_text_layout_free(&l);
}

static void property_kinsoku(void) {
  const char *text =
    "2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？（考察问题解决能力、领导力、沟通技巧）"
    "客户因系统故障无法退款，情绪激动，声称要曝光公司。你如何应对？安抚情绪：先倾听，表示理解（“我明白您很生气，"
    "我们尽快解决”）；责任承担：主动承认系统问题，避免推卸！《个人信息保护法》修订要求。GDPR与国内法规。";
  int checked = 0;
  for (int width = 30; width <= 400; width += 5) {
    qk_text_layout l;
    if (qk_text_layout_build(&l, text, strlen(text), width, 0, &M) != 0) {
      failures++;
      return;
    }
    for (int i = 0; i < l.nlines; i++) {
      const qk_text_line *ln = &l.lines[i];
      size_t p = ln->start, last = p;
      uint32_t first = qk_utf8_next(l.text, ln->start + ln->len, &p), lastcp = first;
      for (size_t q = ln->start; q < ln->start + ln->len;) {
        last = q;
        lastcp = qk_utf8_next(l.text, ln->start + ln->len, &q);
      }
      (void)last;
      if (i > 0 && qk_kinsoku_no_start(first)) {
        printf("FAIL kinsoku: width %d line %d starts with U+%04X\n", width, i, first);
        failures++;
      }
      if (i < l.nlines - 1 && qk_kinsoku_no_end(lastcp)) {
        printf("FAIL kinsoku: width %d line %d ends with U+%04X\n", width, i, lastcp);
        failures++;
      }
      checked++;
    }
    qk_text_layout_free(&l);
  }
  printf("ok   kinsoku property over %d lines\n", checked);
}

/* Fractional advances (5.4 px a character) rounded down per measured span,
** as a shaper at a fractional scale does: a line's words measured one by one
** add up to less than the line measured whole. */
static int fractional_measure(void *ud, int font, const char *s, size_t len) {
  (void)ud;
  (void)font;
  size_t n = 0;
  for (size_t i = 0; i < len; n++) qk_utf8_next(s, len, &i);
  return (int)((double)n * 5.4);
}

/* No line of an English paragraph is wider, measured whole, than the width
** (issue 14: "You can go" cut at the right edge of the 800x480
** instructions: its words added up to 954 of 960 units, the line to 966). */
static void property_whole_line_fits(void) {
  static const qk_text_metrics F = {fractional_measure, NULL, NULL};
  const char *t = "Answer on your own. Single choice: one right answer. Multiple choice: points only when "
                  "every right option and no wrong one is chosen. You can go back and change answers.";
  int bad = 0;
  for (int width = 40; width <= 600; width++) {
    qk_text_layout l;
    if (qk_text_layout_build(&l, t, strlen(t), width, 0, &F) != 0) { bad++; continue; }
    for (int i = 0; i < l.nlines; i++)
      if (fractional_measure(NULL, 0, l.text + l.lines[i].start, l.lines[i].len) > width) bad++;
    qk_text_layout_free(&l);
  }
  if (bad) {
    printf("FAIL %d lines wider than their width when measured whole\n", bad);
    failures++;
  } else {
    printf("ok   every line fits measured whole (widths 40-600)\n");
  }
}

/* Measuring is the cost of a layout (each call shapes text in the real
** engine): one layout measures each span of its text once, even where it
** needs the width twice (a segment without trailing spaces, a line tested
** against the width and then emitted), and its lines are the same as
** ever. The texts repeat no span, so a span measured twice is a repeat. */
typedef struct {
  int calls, repeats;
  struct { char s[128]; size_t len; int font; } seen[128];
} measure_log;

static int logging_measure(void *ud, int font, const char *s, size_t len) {
  measure_log *g = ud;
  for (int i = 0; i < g->calls && i < 128; i++)
    if (g->seen[i].font == font && g->seen[i].len == len && memcmp(g->seen[i].s, s, len) == 0) g->repeats++;
  if (g->calls < 128 && len < 128) {
    memcpy(g->seen[g->calls].s, s, len);
    g->seen[g->calls].len = len;
    g->seen[g->calls].font = font;
  }
  g->calls++;
  return fake_measure(NULL, font, s, len);
}

static void property_measured_once(void) {
  static const struct { const char *s; int width, max_lines; const char *lines; } cases[] = {
    {"Customer-service specialist screening", 140, 0, "Customer-service specialist|screening"},
    {"单选 + 多选 · 13 题 · 20 分钟 · 招聘模式（不显示正确答案）", 120, 0,
     "单选 + 多选 · 13 题 ·|20 分钟 · 招聘模式（不显|示正确答案）"},
    {"展会互动 · 5 题 · 答得快分就高 · 排行榜", 100, 0, "展会互动 · 5 题 · 答|得快分就高 · 排行榜"},
    {"one two three four five six", 60, 2, "one two|three four…"},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    qk_text_layout l;
    measure_log g;
    memset(&g, 0, sizeof g);
    qk_text_metrics logged = {logging_measure, fake_font_for, &g};
    if (qk_text_layout_build(&l, cases[c].s, strlen(cases[c].s), cases[c].width, cases[c].max_lines, &logged) != 0) {
      printf("FAIL measured once: layout failed\n");
      failures++;
      continue;
    }
    char got[512] = "", line[256];
    for (int i = 0; i < l.nlines; i++) {
      line_text(&l, i, line, sizeof line);
      if (i) strcat(got, "|");
      strncat(got, line, sizeof got - strlen(got) - 1);
    }
    if (g.repeats || strcmp(got, cases[c].lines) != 0) {
      printf("FAIL measured once: \"%s\": %d of %d measures repeated, lines %s\n", cases[c].s, g.repeats, g.calls, got);
      failures++;
    } else {
      printf("ok   each span measured once (%d measures): %s\n", g.calls, got);
    }
    qk_text_layout_free(&l);
  }
}

int main(void) {
  /* Width 50 = five CJK characters. */
  expect_lines("plain CJK wraps by character", "一二三四五六七八", 50, 0, "一二三四五|六七八");
  expect_lines("comma never starts a line", "一二三四五，六七", 50, 0, "一二三四|五，六七");
  /* (四 comes down too: 五 would otherwise be a lone character, see the widow rule below.) */
  expect_lines("full stop never starts a line", "一二三四五。", 50, 0, "一二三|四五。");
  expect_lines("question mark and bang", "一二三四五？！", 50, 0, "一二三|四五？！");
  /* Widow rule (issue 14: "责？" and "榜" alone on a last line). */
  expect_lines("no lone character on a last line", "一二三四五六", 50, 0, "一二三四|五六");
  expect_lines("no lone character with its mark", "客户服务专员的职责?", 80, 0, "客户服务专员的|职责?");
  expect_lines("each paragraph keeps its own last line", "一二三四五六\n甲乙", 50, 0, "一二三四|五六|甲乙");
  expect_lines("a one-character paragraph stays", "一二三\n榜", 50, 0, "一二三|榜");
  expect_lines("latin last words are not widows", "一二三四五ok", 50, 0, "一二三四五|ok");
  expect_lines("no pull across a forbidden break", "一二三四“五”六", 50, 0, "一二三四|“五”六");
  /* A number keeps the Chinese word beside it (issue 14: "13 / 题"). */
  expect_lines("number keeps its measure word", "一二三四 13 题", 65, 0, "一二三|四 13 题");
  expect_lines("number keeps the word before it", "一二三四五六 第 13", 70, 0, "一二三四五六|第 13");
  expect_lines("spaces between latin words still break", "ab 12 cd", 30, 0, "ab 12|cd");
  expect_lines("opening bracket never ends a line", "一二三四（五六）", 50, 0, "一二三四|（五六）");
  expect_lines("closing bracket kept with text", "一二三四（五）六", 50, 0, "一二三四|（五）六");
  expect_lines("curly quotes behave as CJK brackets", "一二三四“五六”七", 50, 0, "一二三四|“五六”七");
  expect_lines("book title marks", "一二三四《五六》", 50, 0, "一二三四|《五六》");
  expect_lines("enumeration comma", "一二三四五、六", 50, 0, "一二三四|五、六");
  expect_lines("explicit newlines", "第一行\n第二行\n\n第四行", 0, 0, "第一行|第二行||第四行");
  expect_lines("CRLF newlines", "甲\r\n乙", 0, 0, "甲|乙");
  /* Latin words stay whole: "email" is 25 px, spaces 5. */
  expect_lines("mixed scripts keep words whole", "请输入email地址", 50, 0, "请输入|email地址");
  expect_lines("a latin word moves down whole", "请输入地址email", 50, 0, "请输入地址|email");
  expect_lines("latin words break at spaces", "hello world again", 60, 0, "hello world|again");
  expect_lines("digits stay together", "共100题每题2分", 40, 0, "共100题|每题2分");
  expect_lines("word longer than the line is split", "abcdefghijklmnop", 30, 0, "abcdef|ghijkl|mnop");
  expect_lines("long URL in Chinese text", "访问https://abc.de/fghij页面", 50, 0, "访问|https://|abc.de/|fghij页面");
  expect_lines("emergency split keeps punctuation off line starts", "决”）；好", 30, 0, "决”）；|好");
  expect_lines("emergency split pulls a character down", "abcdef，gh", 30, 0, "abcde|f，gh");
  expect_lines("max lines adds an ellipsis", "一二三四五六七八九十一二三四五", 50, 2, "一二三四五|六七八九…");
  expect_lines("ellipsis not needed when it fits", "一二三", 50, 2, "一二三");
  expect_lines("no wrap without width", "一二三四五六七八九十", 0, 0, "一二三四五六七八九十");
  expect_lines("empty text has no lines", "", 50, 0, "");
  expect_lines("trailing spaces do not count", "abc    def", 30, 0, "abc|def");
  expect_lines("invalid UTF-8 does not crash", "ab\xff\xfe" "cd", 50, 0, "ab\xff\xfe" "cd");
  property_whole_line_fits();

  /* Font runs: a fallback glyph gets its own run. */
  qk_text_layout l;
  const char *mix = "好\xF0\x9F\x98\x80好"; /* 好😀好 */
  if (qk_text_layout_build(&l, mix, strlen(mix), 0, 0, &M) == 0 && l.nlines == 1 && l.nruns == 3 &&
      l.runs[1].font == 1 && l.runs[2].x == l.runs[0].w + l.runs[1].w) {
    printf("ok   fallback font gets its own run\n");
  } else {
    printf("FAIL fallback runs: %d lines, %d runs\n", l.nlines, l.nruns);
    failures++;
  }
  qk_text_layout_free(&l);

  property_kinsoku();
  property_measured_once();
  printf("textlayout: %d failed\n", failures);
  return failures ? 1 : 0;
}
