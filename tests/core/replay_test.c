/*
** replay_test.c — the replay file reader: commands, comments, and errors
** that name the file and line.
*/
#include <stdio.h>
#include <string.h>

#include "replay.h"

static int failures;

static void check(int cond, const char *what) {
  printf("%s %s\n", cond ? "ok  " : "FAIL", what);
  if (!cond) failures++;
}

int main(void) {
  qk_replay r;
  char err[256];
  const char *good =
    "# a comment\n"
    "\n"
    "tap 开始测试\n"
    "tap 100,200\n"
    "drag 10,20 30,40 500\n"
    "key Return\n"
    "type 张伟 13800138000\n"
    "   wait 1500   \n"
    "expect 第 1 题\n"
    "expect-not 错误\n"
    "shot welcome\n"
    "press 1,2\n"
    "release 3,4\n"
    "crash\n";
  check(qk_replay_parse(&r, good, "good.txt", err, sizeof err) == 0, "a good file parses");
  check(r.n == 12, "twelve commands, comments and blanks skipped");
  if (r.n == 12) {
    check(r.cmds[11].kind == QK_RP_CRASH, "crash");
    check(r.cmds[0].kind == QK_RP_TAP_LABEL && strcmp(r.cmds[0].text, "开始测试") == 0 && r.cmds[0].line == 3,
          "tap LABEL with its line number");
    check(r.cmds[1].kind == QK_RP_TAP_AT && r.cmds[1].x1 == 100 && r.cmds[1].y1 == 200, "tap X,Y");
    check(r.cmds[2].kind == QK_RP_DRAG && r.cmds[2].x2 == 30 && r.cmds[2].y2 == 40 && r.cmds[2].ms == 500, "drag");
    check(r.cmds[4].kind == QK_RP_TYPE && strcmp(r.cmds[4].text, "张伟 13800138000") == 0, "type keeps spaces");
    check(r.cmds[5].kind == QK_RP_WAIT && r.cmds[5].ms == 1500, "wait with surrounding blanks");
    check(r.cmds[7].kind == QK_RP_EXPECT_NOT, "expect-not");
    check(r.cmds[10].kind == QK_RP_RELEASE && r.cmds[10].line == 13, "release with its line");
  }
  qk_replay_free(&r);

  check(qk_replay_parse(&r, "tap a\nfly away\n", "bad.txt", err, sizeof err) != 0 && strstr(err, "bad.txt:2") &&
          strstr(err, "fly"), "unknown command names file:line");
  check(qk_replay_parse(&r, "wait soon\n", "w.txt", err, sizeof err) != 0 && strstr(err, "w.txt:1"), "bad wait");
  check(qk_replay_parse(&r, "drag 1,2 3\n", "d.txt", err, sizeof err) != 0, "drag missing parts");
  check(qk_replay_parse(&r, "shot ../escape\n", "s.txt", err, sizeof err) != 0, "shot names stay in the shots folder");
  check(qk_replay_parse(&r, "expect\n", "e.txt", err, sizeof err) != 0, "expect needs text");
  check(qk_replay_parse(&r, "drag-from 项目 1 0,-600 300\n", "f.txt", err, sizeof err) == 0 && r.n == 1 &&
          r.cmds[0].kind == QK_RP_DRAG_FROM && strcmp(r.cmds[0].text, "项目 1") == 0 && r.cmds[0].y2 == -600 &&
          r.cmds[0].ms == 300, "drag-from with a label holding spaces");
  qk_replay_free(&r);
  check(qk_replay_parse(&r, "wait 5", "n.txt", err, sizeof err) == 0 && r.n == 1 && r.cmds[0].ms == 5,
        "last line without newline");
  qk_replay_free(&r);
  printf("replay: %d failed\n", failures);
  return failures ? 1 : 0;
}
