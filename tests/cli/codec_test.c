/*
** codec_test.c — the one UTF-8 decoder and the one JSON codec
** (runtime/base/utf8.h, json.h) on their own: the strict rules the store
** relies on, the depth limit both users share, unescaping, the writer's
** output always being JSON the reader takes, and numbers that read back.
*/
#include "json.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static size_t ulen(const char *s) { return qk_utf8_len((const unsigned char *)s, strlen(s)); }

static void test_utf8(void) {
  CHECK(ulen("A") == 1 && ulen("\xC3\xA9") == 2 && ulen("\xE5\xBC\xA0") == 3 && ulen("\xF0\x9F\x98\x80") == 4);
  CHECK(ulen("\xC0\xAF") == 0);         /* overlong '/' */
  CHECK(ulen("\xE0\x80\xAF") == 0);     /* overlong, 3 bytes */
  CHECK(ulen("\xED\xA0\x80") == 0);     /* a surrogate */
  CHECK(ulen("\xF4\x90\x80\x80") == 0); /* above U+10FFFF */
  CHECK(ulen("\xE5\xBC") == 0);         /* truncated */
  CHECK(ulen("\x80") == 0 && ulen("\xFF") == 0);
  CHECK(qk_utf8_valid("张伟😀", strlen("张伟😀")) && !qk_utf8_valid("a\xFF", 2));
  /* next: code points, U+FFFD one byte at a time for what is not UTF-8. */
  const char *s = "a\xE5\xBC\xA0\xFF\xF0\x9F\x98\x80\xE5\xBC";
  size_t i = 0, len = strlen(s);
  uint32_t want[] = {'a', 0x5F20, 0xFFFD, 0x1F600, 0xFFFD, 0xFFFD};
  for (size_t k = 0; k < sizeof want / sizeof *want; k++) CHECK(i < len && qk_utf8_next(s, len, &i) == want[k]);
  CHECK(i == len);
  char out[4];
  CHECK(qk_utf8_encode(0x5F20, out) == 3 && !memcmp(out, "\xE5\xBC\xA0", 3));
  CHECK(qk_utf8_encode(0xD800, out) == 3 && !memcmp(out, "\xEF\xBF\xBD", 3));
  CHECK(qk_utf8_encode(0x1F600, out) == 4 && qk_utf8_len((unsigned char *)out, 4) == 4);
}

static int valid(const char *s) { return qk_json_valid(s, strlen(s)); }

static void test_reader(void) {
  const char *good[] = {"0", "-0.5e+3", "\"\"", "\"a\\u00e9\\/\\b\"", "[]", "{}", " [1, {\"a\": [true, false, null]}] ",
                        "\"张伟\"", "1E5", "\"\\ud800\""};
  const char *bad[] = {"", " ", "01", "1.", ".5", "+1", "[1,]", "{\"a\"}", "{1:2}", "[1] x", "tru", "\"\\x\"",
                       "\"a\nb\"", "\"\xFF\"", "\"\xC0\xAF\"", "\"\\u12\"", "NaN", "[", "\"open"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) CHECK(valid(good[i]) || !printf("  good: %s\n", good[i]));
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) CHECK(!valid(bad[i]) || !printf("  bad: %s\n", bad[i]));
  /* Exactly the depth limit reads; one more does not, and says why. */
  char deep[2 * QK_JSON_MAX_DEPTH + 8];
  int d = QK_JSON_MAX_DEPTH;
  memset(deep, '[', (size_t)d);
  memset(deep + d, ']', (size_t)d);
  CHECK(qk_json_valid(deep, 2 * (size_t)d));
  memset(deep, '[', (size_t)d + 1);
  memset(deep + d + 1, ']', (size_t)d + 1);
  qk_json_error err = {0, NULL};
  CHECK(qk_json_parse(deep, 2 * (size_t)d + 2, NULL, NULL, &err) == -1 && err.why && !strcmp(err.why, "nested too deeply"));
  CHECK(qk_json_parse("[1, x]", 6, NULL, NULL, &err) == -1 && err.offset == 4);
}

/* A handler that records what it saw, one letter each. */
static char trace[256];
static void put(const char *t) { strncat(trace, t, sizeof trace - strlen(trace) - 1); }
static int h_begin(void *ud, int array) { (void)ud; put(array ? "[" : "{"); return 0; }
static int h_end(void *ud, int array) { (void)ud; put(array ? "]" : "}"); return 0; }
static int h_key(void *ud, const char *raw, size_t len) { (void)ud; (void)raw; (void)len; put("k"); return 0; }
static int h_str(void *ud, const char *raw, size_t len) { (void)ud; (void)raw; (void)len; put("s"); return 0; }
static int h_num(void *ud, const char *t, size_t len) { (void)ud; put(len == 2 && !memcmp(t, "12", 2) ? "N" : "n"); return 0; }
static int h_lit(void *ud, qk_json_literal w) { (void)ud; put(w == QK_JSON_NULL ? "0" : w == QK_JSON_TRUE ? "T" : "F"); return 0; }
static int h_member(void *ud, int array, size_t index) {
  (void)ud;
  char b[8];
  snprintf(b, sizeof b, "%c%zu", array ? '#' : '.', index);
  put(b);
  return 0;
}
static int h_stop(void *ud, const char *t, size_t len) { (void)ud; (void)t; (void)len; return 1; }

static void test_handler(void) {
  qk_json_handler h = {h_begin, h_end, h_key, h_str, h_num, h_lit, h_member};
  trace[0] = 0;
  const char *doc = "{\"a\": [12, true, null], \"b\": \"x\"}";
  CHECK(qk_json_parse(doc, strlen(doc), &h, NULL, NULL) == 0);
  CHECK(!strcmp(trace, "{k[N#1T#20#3].0ks.0}") || !printf("  trace %s\n", trace));
  h.number = h_stop; /* a handler that says stop */
  qk_json_error err = {0, NULL};
  CHECK(qk_json_parse(doc, strlen(doc), &h, NULL, &err) == -1 && !strcmp(err.why, "stopped"));
}

static int unescaped(const char *raw, const char *want) {
  char out[64];
  size_t n = qk_json_unescape(raw, strlen(raw), out);
  return n == strlen(want) && !memcmp(out, want, n) && n <= strlen(raw);
}

static void test_unescape(void) {
  CHECK(unescaped("a\\\"b\\\\c\\/\\n\\t", "a\"b\\c/\n\t"));
  CHECK(unescaped("\\u5f20\\u4f1f", "张伟"));
  CHECK(unescaped("\\ud83d\\ude00", "😀"));
  CHECK(unescaped("\\ud800", "\xEF\xBF\xBD"));       /* a lone high surrogate */
  CHECK(unescaped("\\udc00x", "\xEF\xBF\xBDx"));     /* a lone low one */
  CHECK(unescaped("\\ud800\\u0041", "\xEF\xBF\xBD" "A")); /* not a pair: the letter stays */
}

typedef struct {
  char buf[512];
  size_t n;
} mem;

static void to_mem(void *ud, const char *s, size_t len) {
  mem *m = ud;
  if (m->n + len < sizeof m->buf) memcpy(m->buf + m->n, s, len), m->n += len;
}

static void test_writer(void) {
  mem m = {{0}, 0};
  const char in[] = "a\"\\\n\x01\xE5\xBC\xA0\xFF\xED\xA0\x80z";
  qk_json_write_string(to_mem, &m, in, sizeof in - 1);
  m.buf[m.n] = 0;
  CHECK(!strcmp(m.buf, "\"a\\\"\\\\\\n\\u0001张\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz\"") ||
        !printf("  wrote %s\n", m.buf));
  CHECK(qk_json_valid(m.buf, m.n));
  /* Every byte value alone still writes valid JSON. */
  for (int c = 0; c < 256; c++) {
    char one = (char)c;
    m.n = 0;
    qk_json_write_string(to_mem, &m, &one, 1);
    CHECK(qk_json_valid(m.buf, m.n) || !printf("  byte %d\n", c));
  }
  char num[40];
  double vals[] = {0, -3, 0.1, 1.0 / 3, 1e300, -2.5e-8, 9007199254740993.0};
  for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
    qk_json_number_text(vals[i], num, sizeof num);
    CHECK((qk_json_valid(num, strlen(num)) && strtod(num, NULL) == vals[i]) || !printf("  %s\n", num));
  }
  qk_json_number_text(12, num, sizeof num);
  CHECK(!strcmp(num, "12"));
  qk_json_number_text(0.0 / 0.0, num, sizeof num);
  CHECK(!strcmp(num, "null"));
}

int main(void) {
  test_utf8();
  test_reader();
  test_handler();
  test_unescape();
  test_writer();
  printf(failures ? "codec: %d failure(s)\n" : "codec: all checks passed\n", failures);
  return failures ? 1 : 0;
}
