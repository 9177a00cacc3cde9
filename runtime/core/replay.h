/*
** replay.h — reading replay files: one command a line, '#' starts a comment.
**   tap TEXT | tap X,Y | press X,Y | move X,Y | release X,Y | drag X1,Y1 X2,Y2 MS
**   (move: the pointer moves there, pressed after press: a path of any shape)
**   drag-from TEXT DX,DY MS  (from the centre of the element labelled TEXT)
**   key NAME | type TEXT | wait MS | expect TEXT | expect-not TEXT | shot NAME
**   crash      (the process kills itself with SIGKILL: power-cut tests)
**   hang       (the main loop blocks for good in C: watchdog tests)
**   restart-point  (watchdog tests: a kiosk restarted after a crash — by the
**              supervisor, --supervise — starts its replay after the first
**              restart-point; a kiosk that did not crash runs on past it)
**   memory [LABEL]  (prints the Lua heap, malloc'ed bytes and RSS: soak tests)
**   expect_sound NAME  (holds when the cue or music NAME was played since
**              the previous expect_sound, or since the start: the kiosk
**              log's "audio: cue NAME"; runtime/audio/audio.h)
**   hold PATH  (test facility: prints "hold: waiting for PATH", then waits in
**              real time, at most 2 minutes, until the file PATH exists)
** Coordinates are logical units. `tap TEXT` also finds an answer option by
** its letter alone ("tap C" for the option labelled "C. 降到地面"). A `shot`
** needs --shots DIR, checked before the replay starts. Executing the
** commands is runtime/app's (replay_run.c).
*/
#ifndef QK_REPLAY_H
#define QK_REPLAY_H

#include <stddef.h>

typedef enum {
  QK_RP_TAP_LABEL, QK_RP_TAP_AT, QK_RP_PRESS, QK_RP_RELEASE, QK_RP_DRAG, QK_RP_DRAG_FROM, QK_RP_KEY, QK_RP_TYPE,
  QK_RP_WAIT, QK_RP_EXPECT, QK_RP_EXPECT_NOT, QK_RP_SHOT, QK_RP_CRASH, QK_RP_HANG, QK_RP_RESTART_POINT, QK_RP_MEMORY,
  QK_RP_HOLD, QK_RP_MOVE, QK_RP_EXPECT_SOUND
} qk_replay_kind;

typedef struct {
  qk_replay_kind kind;
  int line;          /* 1-based line in the file */
  char *text;        /* label, key name, text, shot name, or memory label (may be NULL) */
  float x1, y1, x2, y2;
  int ms;
} qk_replay_cmd;

typedef struct qk_replay {
  qk_replay_cmd *cmds;
  int n;
} qk_replay;

/* Parses the whole file first, so a typo fails before anything runs.
** Returns 0, or -1 with "FILE:LINE: reason" in err. */
int qk_replay_load(qk_replay *r, const char *path, char *err, size_t errlen);
int qk_replay_parse(qk_replay *r, const char *text, const char *name, char *err, size_t errlen);
void qk_replay_free(qk_replay *r);
/* The index of the command after the first restart-point, or -1 if none. */
int qk_replay_after_restart_point(const qk_replay *r);
/* The index of the first command of that kind, or -1 if none. */
int qk_replay_find(const qk_replay *r, qk_replay_kind kind);

#endif
