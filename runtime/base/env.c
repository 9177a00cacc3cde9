/*
** env.c — see env.h. The one place that reads QUIZKIOSK_* variables.
*/
#include "env.h"

#include <stdlib.h>

static const char *get(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

const qk_env *qk_env_get(void) {
  static qk_env e;
  static int done;
  if (!done) {
    e.data_dir = get("QUIZKIOSK_DATA");
    e.renderer = get("QUIZKIOSK_RENDERER");
    e.export_dir = get("QUIZKIOSK_EXPORT_DIR");
    e.pinyin_data = get("QUIZKIOSK_PINYIN_DATA");
    e.zinnia_model = get("QUIZKIOSK_ZINNIA_MODEL");
    e.pinyin_user_dir = get("QUIZKIOSK_PINYIN_USER_DIR");
    const char *wall = get("QUIZKIOSK_WALL_START_MS");
    e.wall_start_ms = wall ? strtoll(wall, NULL, 10) : 0;
    e.bench = getenv("QUIZKIOSK_BENCH"); /* set but empty still counts */
    const char *threads = get("QUIZKIOSK_EXPORT_THREADS");
    e.export_threads = threads && (threads[0] == '1' || threads[0] == '2') && !threads[1] ? threads[0] - '0' : 0;
    done = 1;
  }
  return &e;
}
