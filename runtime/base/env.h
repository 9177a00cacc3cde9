/*
** env.h — every QUIZKIOSK_* environment variable the program reads, read
** here and nowhere else (env.c is the only file that names them). main()
** copies the snapshot into qk_options.env, where the runtime and the Lua
** bindings find it; the process-wide parts that have no options at hand
** (the Chinese input engines, the data folder lookup) call qk_env_get().
**
** For people running a kiosk:
**   QUIZKIOSK_DATA            the folder holding scripts/, assets/, fonts/
**                             (default: beside the binary, then the installed one)
**   QUIZKIOSK_RENDERER        auto | gpu | software: the default of --renderer
**   QUIZKIOSK_EXPORT_DIR      one more folder the staff screen offers for
**                             exports, besides removable media
**   QUIZKIOSK_PINYIN_DATA     the libpinyin data folder (default: pkg-config's,
**                             then the usual Debian/Fedora places)
**   QUIZKIOSK_ZINNIA_MODEL    the zinnia handwriting model, or a folder holding
**                             handwriting-zh_CN.model
**   QUIZKIOSK_PINYIN_USER_DIR where pinyin keeps what it learnt (opt-in;
**                             default: learning lasts one candidate)
** Test-only hooks (never set on a kiosk):
**   QUIZKIOSK_WALL_START_MS   the wall clock at start, ms since 1970: a test's
**                             stored dates are its own (replays only run on it)
**   QUIZKIOSK_EXPORT_THREADS  1 or 2: the CSV export on one thread or with
**                             its writer thread, instead of deciding by the
**                             load average (store tests, bench/db)
**   QUIZKIOSK_BENCH           set: print a line when the first frame is shown
**                             (bench/startup.c measures start-up with it);
**                             "frames": also one cost line per frame; "whole":
**                             that, and every frame drawn whole (bench/frames.c);
**                             "exit": exit right after that line, so `perf
**                             stat -r N` counts one start to the first frame
** Set by the systemd unit, not read here: QUIZKIOSK_RESTART holds the
** --restarted-after-crash argument for the next start (assets/systemd).
*/
#ifndef QK_ENV_H
#define QK_ENV_H

#include <stdint.h>

typedef struct {
  const char *data_dir;        /* QUIZKIOSK_DATA, NULL when unset or empty */
  const char *renderer;        /* QUIZKIOSK_RENDERER */
  const char *export_dir;      /* QUIZKIOSK_EXPORT_DIR */
  const char *pinyin_data;     /* QUIZKIOSK_PINYIN_DATA */
  const char *zinnia_model;    /* QUIZKIOSK_ZINNIA_MODEL */
  const char *pinyin_user_dir; /* QUIZKIOSK_PINYIN_USER_DIR */
  int64_t wall_start_ms;       /* QUIZKIOSK_WALL_START_MS, 0 = the real clock (test hook) */
  const char *bench;           /* QUIZKIOSK_BENCH, NULL when unset (test hook) */
  int export_threads;          /* QUIZKIOSK_EXPORT_THREADS: 1 or 2, 0 = decide (test hook) */
} qk_env;

/* The environment as it was at the first call (read once; the strings are
** the process's environment's own). */
const qk_env *qk_env_get(void);

#endif
