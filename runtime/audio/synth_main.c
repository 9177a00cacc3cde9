/*
** synth_main.c — qk_synth_sounds OUTDIR: writes every built-in sound
** (synth.h) as OUTDIR/NAME.wav. Run by the build (runtime/audio/audio.cmake).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: qk_synth_sounds OUTDIR\n");
    return 2;
  }
  for (const char *const *name = qk_synth_names; *name; name++) {
    float *s;
    size_t n;
    char path[4096];
    if (qk_synth_render(*name, &s, &n)) {
      fprintf(stderr, "qk_synth_sounds: cannot render %s (out of memory)\n", *name);
      return 1;
    }
    snprintf(path, sizeof path, "%s/%s.wav", argv[1], *name);
    int rc = qk_synth_write_wav(path, s, n, QK_SYNTH_RATE);
    free(s);
    if (rc) {
      fprintf(stderr, "qk_synth_sounds: cannot write %s: %s\n", path, strerror(errno));
      return 1;
    }
  }
  return 0;
}
