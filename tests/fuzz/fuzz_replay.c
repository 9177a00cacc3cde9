/*
** fuzz_replay.c — libFuzzer harness for the replay parser: any bytes as a
** replay file's text (qk_replay_parse, what qk_replay_load calls after
** reading the file). A parse either fails with a message or gives commands
** whose text arguments are all there.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = 0; /* a NUL inside ends the text, as it would for the file */
  qk_replay r;
  char err[256];
  if (qk_replay_parse(&r, text, "fuzz", err, sizeof err) == 0) {
    for (int i = 0; i < r.n; i++) {
      qk_replay_cmd *c = &r.cmds[i];
      int needs_text = c->kind == QK_RP_TAP_LABEL || c->kind == QK_RP_DRAG_FROM || c->kind == QK_RP_KEY ||
                       c->kind == QK_RP_TYPE || c->kind == QK_RP_EXPECT || c->kind == QK_RP_EXPECT_NOT ||
                       c->kind == QK_RP_SHOT;
      if (needs_text && (!c->text || !*c->text)) abort();
      if (c->line < 1) abort();
    }
    qk_replay_free(&r);
  } else if (!err[0]) {
    abort(); /* a failure must say why */
  }
  free(text);
  return 0;
}
