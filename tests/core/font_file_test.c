/*
** font_file_test.c — the font file reader (runtime/platform/font_file.h),
** without a window: every read gives exactly the bytes pread gives for the
** file as it is now or was when a window was cached, small reads within
** and across windows and tables read whole; the end of the file gives
** short reads; a file truncated under the reader (cp over a font in place)
** and grown again gives short reads, then the new bytes, never a signal;
** small reads make far fewer system calls than reads; and a truncated copy
** of a real font opened through the platform gives a clean error or
** missing glyphs (SDL_ttf without a window).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "font_file.h"
#include "platform.h"

static int failures;

static void check(int cond, const char *what) {
  printf("%s %s\n", cond ? "ok  " : "FAIL", what);
  if (!cond) failures++;
}

/* The byte the test file holds at off (generation gen): not periodic in
** the window size, so a window served from the wrong place shows. */
static unsigned char byte_at(int64_t off, int gen) {
  uint64_t x = (uint64_t)off * 0x9E3779B97F4A7C15ull + (uint64_t)gen * 77;
  return (unsigned char)(x >> 56);
}

static void write_pattern(const char *path, int64_t size, int gen) {
  FILE *o = fopen(path, "wb");
  if (!o) {
    printf("FAIL cannot write %s: %s\n", path, strerror(errno));
    exit(1);
  }
  for (int64_t i = 0; i < size; i++) fputc(byte_at(i, gen), o);
  if (fclose(o) != 0) exit(1);
}

/* Reads n at off and compares with the pattern up to size (the file's
** end): the count must be min(n, size - off) and the bytes the pattern's. */
static int read_ok(qk_font_file_reader *r, int64_t off, size_t n, int64_t size, int gen) {
  unsigned char *buf = malloc(n + 1);
  if (!buf) return 0;
  memset(buf, 0xEE, n + 1);
  size_t got = qk_font_file_read(r, off, buf, n);
  size_t expect = off >= size ? 0 : (size_t)(size - off) < n ? (size_t)(size - off) : n;
  int ok = got == expect && buf[n] == 0xEE;
  for (size_t i = 0; ok && i < got; i++) ok = buf[i] == byte_at(off + (int64_t)i, gen);
  free(buf);
  return ok;
}

static void copy_truncated(const char *from, const char *to, long keep) {
  FILE *in = fopen(from, "rb"), *o = fopen(to, "wb");
  if (!in || !o) {
    printf("FAIL cannot copy %s\n", from);
    exit(1);
  }
  char buf[65536];
  long left = keep;
  size_t k;
  while (left > 0 && (k = fread(buf, 1, left < (long)sizeof buf ? (size_t)left : sizeof buf, in)) > 0) {
    fwrite(buf, 1, k, o);
    left -= (long)k;
  }
  fclose(in);
  if (fclose(o) != 0) exit(1);
}

int main(void) {
  char tmpl[] = "/tmp/qk-fontfile-XXXXXX";
  char *root = mkdtemp(tmpl);
  if (!root) return 1;
  char path[256];
  snprintf(path, sizeof path, "%s/font.bin", root);
  const int W = FONT_FILE_WINDOW;
  const int64_t size = (int64_t)W * FONT_FILE_WINDOWS * 3 + 123; /* three times the cache, a ragged end */
  write_pattern(path, size, 1);

  qk_font_file_reader *r = qk_font_file_open(path);
  check(r != NULL && qk_font_file_size(r) == size, "opens a file and knows its size");
  if (!r) return 1;
  check(read_ok(r, 0, 4, size, 1) && read_ok(r, 4, 8, size, 1) && read_ok(r, 13, 1, size, 1),
        "small reads inside a window");
  check(read_ok(r, W - 3, 8, size, 1), "a small read across two windows");
  check(read_ok(r, (int64_t)W * 5 - 1, (size_t)W - 1, size, 1), "a read just under a window, across two");
  check(read_ok(r, 17, (size_t)W, size, 1) && read_ok(r, 100, (size_t)W * 3 + 7, size, 1),
        "reads of a window and more (tables) straight from the file");
  check(read_ok(r, size - 5, 4, size, 1) && read_ok(r, size - 3, 8, size, 1), "the end of the file: short reads");
  check(read_ok(r, size, 4, size, 1) && read_ok(r, size + W * 7, 4, size, 1), "past the end: nothing");
  check(qk_font_file_read(r, -1, path, 1) == 0 && qk_font_file_read(r, INT64_MAX - 1, path, 4) == 0,
        "negative and overflowing offsets: nothing");

  /* Reads all over the file, many times more windows than the cache
  ** holds, small and large: always the file's bytes. */
  srand(7);
  int all = 1;
  unsigned long before = qk_font_file_calls(r);
  for (int i = 0; i < 20000 && all; i++) {
    int64_t off = (int64_t)(((uint64_t)rand() << 16 ^ (uint64_t)rand()) % (uint64_t)(size + 64));
    size_t n = rand() % 10 == 0 ? (size_t)(rand() % (3 * W)) : (size_t)(rand() % 300);
    all = read_ok(r, off, n, size, 1);
  }
  check(all, "20,000 random reads of 0..3 windows: the file's bytes, short at its end");
  check(qk_font_file_calls(r) > before, "  (which made system calls)");

  /* Locality: reads of 4..300 bytes inside 40 windows (under the cache's
  ** size) cost at most a call per window the first time, none after. */
  before = qk_font_file_calls(r);
  for (int pass = 0; pass < 10 && all; pass++)
    for (int w = 0; w < 40 && all; w++)
      for (int k = 0; k < 8 && all; k++) all = read_ok(r, (int64_t)(w * 9) * W + k * 200, 4 + k * 37, size, 1);
  unsigned long calls = qk_font_file_calls(r) - before;
  check(all && calls <= 40 * 2, "3,200 small reads in 40 windows: at most a call per window");
  printf("     (%lu calls)\n", calls);

  /* cp over the font in place: truncated to nothing, then written again,
  ** longer, with other bytes. While it is short, reads past its new end
  ** are short (windows cached before keep their old bytes, as documented);
  ** once it is whole again, uncached windows have the new bytes. */
  FILE *t = fopen(path, "wb"); /* truncates, as cp does */
  check(t != NULL, "the file truncated under the reader");
  if (t) fclose(t);
  all = 1;
  for (int w = 0; w < FONT_FILE_WINDOWS * 3 && all; w++) {
    unsigned char b[16];
    size_t got = qk_font_file_read(r, (int64_t)w * W + 100, b, sizeof b);
    /* 0 (not cached) or the old bytes (cached): never a crash, never garbage */
    for (size_t i = 0; i < got && all; i++) all = b[i] == byte_at((int64_t)w * W + 100 + (int64_t)i, 1);
  }
  check(all, "  small reads after the truncation: nothing, or the bytes cached before");
  unsigned char big[3 * 2048];
  check(qk_font_file_read(r, 0, big, sizeof big) == 0, "  a table read after the truncation: nothing");
  write_pattern(path, size + W * 2, 2); /* the new font, longer */
  int64_t far = size + W; /* beyond the old end: never cached */
  check(read_ok(r, far, 16, size + W * 2, 2), "  the new file: its bytes past the old end");
  check(read_ok(r, size + W * 2 - 6, 16, size + W * 2, 2), "  and its new end");
  check(read_ok(r, 0, (size_t)W * 2, size + W * 2, 2), "  tables from the new file");
  check(qk_font_file_close(r) == 0, "closes");

  /* Not a regular file, or missing: NULL with errno. */
  errno = 0;
  check(qk_font_file_open(root) == NULL && errno == EINVAL, "a folder is refused (EINVAL)");
  char missing[300];
  snprintf(missing, sizeof missing, "%s/none.ttf", root);
  errno = 0;
  check(qk_font_file_open(missing) == NULL && errno == ENOENT, "a missing file: ENOENT");

  /* A real font, truncated: the platform opens it with a clean error, or
  ** opens it and draws what it can (missing glyphs), never crashes. */
  const char *font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  if (access(font, R_OK) == 0 && TTF_Init() == 0) {
    char cut[300], err[512];
    snprintf(cut, sizeof cut, "%s/cut.ttc", root);
    const long keeps[] = {0, 10, 700, 4096, 1 << 20, 14200000, 17100000, 19300000};
    for (size_t i = 0; i < sizeof keeps / sizeof keeps[0]; i++) {
      copy_truncated(font, cut, keeps[i]);
      qk_font *f = qk_plat_font_open(cut, 0, 32, err, sizeof err);
      int w = f ? qk_plat_font_measure(f, "Hello 你好世界", strlen("Hello 你好世界")) : -1;
      printf("     truncated to %ld bytes: %s (width %d)\n", keeps[i], f ? "opened" : err, w);
      qk_plat_font_close(f);
    }
    check(1, "a font truncated at 8 places: a clean error or missing glyphs, no crash");
    /* The kiosk's case: the font is open, a trainer copies another font
    ** over it in place; glyphs not loaded yet come from a cut, then a
    ** different file. */
    copy_truncated(font, cut, 1L << 30);
    qk_font *f = qk_plat_font_open(cut, 0, 32, err, sizeof err);
    check(f != NULL, "a whole copy of the font opens");
    if (f) {
      int w0 = qk_plat_font_measure(f, "Hello", 5);
      copy_truncated(font, cut, 0); /* cp truncates first */
      int w1 = qk_plat_font_measure(f, "考试题目答案", strlen("考试题目答案"));
      copy_truncated("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", cut, 1L << 30);
      int w2 = qk_plat_font_measure(f, "奖品领取规则", strlen("奖品领取规则"));
      printf("     widths: before %d, truncated %d, another font copied in %d\n", w0, w1, w2);
      check(w0 > 0, "  measured before, and after the cp: no crash");
      qk_plat_font_close(f);
    }
    TTF_Quit();
  } else {
    printf("skip the truncated real font: %s not installed\n", font);
  }

  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  if (system(cmd) != 0) failures++;
  printf("%s\n", failures ? "FAILED" : "all passed");
  return failures != 0;
}
