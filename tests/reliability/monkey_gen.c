/*
** monkey_gen.c — writes a random replay for the monkey test (monkey.sh):
** taps, drags, long and dangling presses, keys, typed text and waits all
** over a WxH window, and now and then a visit to the staff screen (the
** corner hold, then the PIN). The same SEED gives the same replay on every
** machine (its own generator, not rand()).
**   qk_monkey_gen SEED EVENTS WxH [PIN]   replay on stdout
** Without PIN the staff visit stops at the PIN screen.
*/
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

/* xorshift64*: small, fast, the same everywhere. */
static uint64_t next(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545F4914F6CDD1DULL;
}
static int below(int n) { return (int)(next() % (uint64_t)n); }
static int between(int lo, int hi) { return lo + below(hi - lo + 1); }

static const char *keys[] = {
  "Return", "Backspace", "Escape", "Tab", "Space", "Left", "Right", "Up", "Down", "Home", "End",
  "Delete", "Keypad Enter", "F1", "A", "1", "PageDown", "PageUp", "AC Back",
};
static const char *texts[] = {
  "a", "Z", "7", "2468", "13800138000", "nihao", "zhangwei", "shi", "xian", "zhongguo",
  "张伟", "你好，世界", "客户服务", "👍", "🔥🔥", "é", "ÿ", "'; DROP TABLE answers; --",
  "=cmd|' /C calc'!A0", "%s%s%n", "\\\\", "\"quoted\"", "<b>x</b>", "nan", "-nan(0x1)", "1e309",
  "-1", "0", "99999999999999999999", "a b c", "ｆｕｌｌ", "\xe2\x80\xae" "rtl", "\xef\xbb\xbf" "bom",
};

static int w, h;

/* A point: mostly on the window, sometimes just off it. */
static void point(int *x, int *y) {
  if (below(50) == 0) {
    *x = between(-40, w + 40);
    *y = between(-40, h + 40);
  } else {
    *x = below(w);
    *y = below(h);
  }
}

static void long_text(void) {
  int n = between(30, 120);
  printf("type ");
  for (int i = 0; i < n; i++) {
    int k = below(4);
    if (k == 0) printf("%s", "中");
    else if (k == 1) putchar('a' + below(26));
    else if (k == 2) putchar('0' + below(10));
    else printf("%s", "。");
  }
  printf("x\n"); /* a replay argument must not end in a blank */
}

int main(int argc, char **argv) {
  if (argc < 4 || sscanf(argv[3], "%dx%d", &w, &h) != 2 || w < 100 || h < 100) {
    fprintf(stderr, "usage: qk_monkey_gen SEED EVENTS WxH [PIN]\n");
    return 2;
  }
  const char *pin = argc > 4 ? argv[4] : NULL;
  state = strtoull(argv[1], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
  long events = strtol(argv[2], NULL, 10);
  int held = 0; /* presses not yet released */
  printf("# qk_monkey_gen %s %ld %dx%d\n", argv[1], events, w, h);
  for (long e = 0; e < events; e++) {
    int r = below(1000), x, y, x2, y2;
    point(&x, &y);
    if (r < 450) {
      printf("tap %d,%d\n", x, y);
    } else if (r < 550) {
      point(&x2, &y2);
      printf("drag %d,%d %d,%d %d\n", x, y, x2, y2, between(1, 250));
    } else if (r < 600) {
      /* a long press, sometimes let go somewhere else */
      printf("press %d,%d\nwait %d\n", x, y, between(100, 2500));
      if (below(3) == 0) point(&x, &y);
      printf("release %d,%d\n", x, y);
    } else if (r < 620) {
      /* a press left down (a second finger), or one let go */
      if (held > 0 && below(2) == 0) {
        printf("release %d,%d\n", x, y);
        held--;
      } else if (held < 3) {
        printf("press %d,%d\n", x, y);
        held++;
      }
    } else if (r < 720) {
      const char *k = keys[below((int)(sizeof keys / sizeof keys[0]))];
      printf("key %s\n", k);
    } else if (r < 830) {
      if (below(50) == 0) long_text();
      else printf("type %s\n", texts[below((int)(sizeof texts / sizeof texts[0]))]);
    } else if (r < 997) {
      /* mostly short, sometimes past an idle or exam time-out */
      printf("wait %d\n", below(60) == 0 ? between(20000, 150000) : between(10, 1200));
    } else {
      /* the staff screen: hold the corner, then the PIN if we have one */
      while (held > 0) {
        printf("release %d,%d\n", x, y);
        held--;
      }
      printf("press 20,20\nwait 3100\nrelease 20,20\n");
      if (pin) printf("wait 300\ntype %s\ntap 完成\n", pin);
    }
  }
  while (held-- > 0) printf("release 1,1\n");
  printf("wait 500\n");
  return 0;
}
