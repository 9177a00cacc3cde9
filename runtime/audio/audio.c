/*
** audio.c — see audio.h. Owns the record of played sounds, the levels and
** the link to the audio module (loaded with the one module loader).
*/
#include "audio.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio_module.h"
#include "module.h"
#include "paths.h"

#ifndef QK_AUDIO_MODULE_FILE
#define QK_AUDIO_MODULE_FILE "quizkiosk-audio.so"
#endif
#ifndef QK_INSTALL_DATADIR
#define QK_INSTALL_DATADIR "/usr/local/share/quizkiosk"
#endif

#define RECORD_MAX 2048 /* names played since the last expect_sound, one a line */

static const char *const CUES[] = {"tick", "right", "wrong", "streak", "fanfare", NULL};
static const char *const MUSIC[] = {"theme", NULL};
static const char *const EXTS[] = {".wav", ".ogg", ".mp3", ".flac", ".opus", NULL};

struct qk_audio {
  qk_log *log;
  int device;                  /* 0: never open one (--headless) */
  int tried;                   /* the module and device were tried (once) */
  const qk_audio_module *m;    /* set once the device is open */
  int volume, mute;
  int music_on;                /* an app started music and has not stopped it */
  char record[RECORD_MAX];
  int record_full;             /* a name did not fit: everything counts as played */
};

qk_audio *qk_audio_new(qk_log *log, int device) {
  qk_audio *au = calloc(1, sizeof *au);
  if (!au) return NULL;
  au->log = log;
  au->device = device;
  au->volume = QK_AUDIO_VOLUME_DEFAULT;
  return au;
}

void qk_audio_free(qk_audio *au) {
  if (!au) return;
  if (au->m) au->m->close();
  free(au);
}

static int effective(const qk_audio *au) { return au->mute ? 0 : au->volume; }

void qk_audio_set_levels(qk_audio *au, int volume, int mute) {
  au->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
  au->mute = mute != 0;
  if (au->m) au->m->set_volume(effective(au));
}

void qk_audio_levels(const qk_audio *au, int *volume, int *mute) {
  *volume = au->volume;
  *mute = au->mute;
}

static int in_list(const char *const *list, const char *name) {
  for (; *list; list++)
    if (strcmp(*list, name) == 0) return 1;
  return 0;
}

int qk_audio_is_builtin(const char *name, int music) { return in_list(music ? MUSIC : CUES, name); }

static int has_sound_ext(const char *name) {
  size_t n = strlen(name);
  for (const char *const *e = EXTS; *e; e++) {
    size_t k = strlen(*e);
    if (n > k && strcasecmp(name + n - k, *e) == 0) return 1;
  }
  return 0;
}

/* The built-in sounds' folder: "sounds" next to the program (the build
** folder, where synth.c writes them), else the installed data folder. */
static int builtin_path(const char *name, char *out, size_t outlen) {
  char exe[2048];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0 && (size_t)n < sizeof exe - 1) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      snprintf(out, outlen, "%s/sounds/%s.wav", exe, name);
      if (qk_is_file(out)) return 0;
      snprintf(out, outlen, "%s/../share/quizkiosk/sounds/%s.wav", exe, name);
      if (qk_is_file(out)) return 0;
    }
  }
  snprintf(out, outlen, "%s/sounds/%s.wav", QK_INSTALL_DATADIR, name);
  return qk_is_file(out) ? 0 : -1;
}

/* Checks name as a script gave it; path gets the file to play when it is
** an app's file ("" for a built-in one, found only when a device needs it). */
static int resolve(const char *app_dir, const char *name, int music, char *path, size_t pathlen, char *err,
                   size_t errlen) {
  path[0] = 0;
  if (qk_audio_is_builtin(name, music)) return 0;
  const char *kind = music ? "music" : "cue";
  const char *builtins = music ? "\"theme\"" : "\"tick\", \"right\", \"wrong\", \"streak\", \"fanfare\"";
  if (!has_sound_ext(name)) {
    snprintf(err, errlen, "unknown %s \"%s\": use a built-in one (%s) or a sound file in the app folder "
             "(.wav, .ogg, .mp3, .flac, .opus), such as \"sounds/x.ogg\"", kind, name, builtins);
    return -1;
  }
  if (name[0] == '/' || !app_dir || !app_dir[0]) {
    snprintf(err, errlen, "sound file \"%s\": give it relative to the app folder (\"sounds/x.ogg\"); "
             "nothing outside the app folder is played", name);
    return -1;
  }
  snprintf(path, pathlen, "%s/%s", app_dir, name);
  int in = qk_path_within(path, app_dir);
  if (in == 0) {
    snprintf(err, errlen, "sound file \"%s\" is outside the app folder; only files inside it are played", name);
    return -1;
  }
  if (in < 0 || !qk_is_file(path)) {
    snprintf(err, errlen, "sound file \"%s\" not found in the app folder", name);
    return -1;
  }
  return 0;
}

static void record(qk_audio *au, const char *name) {
  size_t used = strlen(au->record), n = strlen(name);
  if (used + n + 2 > sizeof au->record) {
    au->record_full = 1;
    return;
  }
  if (used) au->record[used++] = '\n'; /* names may hold spaces, never a newline that matters */
  memcpy(au->record + used, name, n + 1);
}

/* The module and the device, tried once: a kiosk without either plays
** silently after one log line. */
static const qk_audio_module *device(qk_audio *au) {
  if (!au->device) return NULL;
  if (au->tried) return au->m;
  au->tried = 1;
  char why[2048], driver[64] = "";
  const qk_audio_module *m = qk_module_load(QK_AUDIO_MODULE_FILE, QK_AUDIO_MODULE_SYMBOL, QK_AUDIO_MODULE_ABI, "audio",
                                            why, sizeof why);
  if (!m) {
    qk_log_write(au->log, QK_LOG_WARN, "audio: off (%s); the kiosk runs silently", why);
    return NULL;
  }
  if (m->open(driver, sizeof driver, why, sizeof why) != 0) {
    qk_log_write(au->log, QK_LOG_WARN, "audio: no sound device (%s); the kiosk runs silently", why);
    return NULL;
  }
  au->m = m;
  m->set_volume(effective(au));
  qk_log_write(au->log, QK_LOG_INFO, "audio: device open (driver %s, volume %d%s)", driver, au->volume,
               au->mute ? ", muted" : "");
  return m;
}

/* The file behind a name; "" (and a log line) when a built-in one is missing. */
static int file_of(qk_audio *au, const char *name, const char *resolved, char *path, size_t pathlen) {
  if (resolved[0]) {
    snprintf(path, pathlen, "%s", resolved);
    return 0;
  }
  if (builtin_path(name, path, pathlen) == 0) return 0;
  qk_log_write(au->log, QK_LOG_WARN, "audio: the built-in sound %s.wav is not installed (looked next to the "
               "program and in %s/sounds)", name, QK_INSTALL_DATADIR);
  return -1;
}

int qk_audio_cue(qk_audio *au, const char *app_dir, const char *name, char *err, size_t errlen) {
  char resolved[PATH_MAX + 512], path[PATH_MAX + 512], why[1024];
  if (resolve(app_dir, name, 0, resolved, sizeof resolved, err, errlen)) return -1;
  qk_log_write(au->log, QK_LOG_INFO, "audio: cue %s", name);
  record(au, name);
  const qk_audio_module *m = au->mute ? NULL : device(au);
  if (m && file_of(au, name, resolved, path, sizeof path) == 0 && m->play(path, effective(au), why, sizeof why))
    qk_log_write(au->log, QK_LOG_WARN, "audio: cannot play %s: %s", name, why);
  return 0;
}

int qk_audio_music(qk_audio *au, const char *app_dir, const char *name, char *err, size_t errlen) {
  char resolved[PATH_MAX + 512], path[PATH_MAX + 512], why[1024];
  if (name && resolve(app_dir, name, 1, resolved, sizeof resolved, err, errlen)) return -1;
  qk_log_write(au->log, QK_LOG_INFO, "audio: music %s", name ? name : "off");
  if (name) record(au, name);
  au->music_on = name != NULL;
  /* Music starts even while muted (at volume 0): unmuting brings it in. */
  const qk_audio_module *m = name ? device(au) : au->m;
  if (!m) return 0;
  if (!name) {
    m->music(NULL, 0, why, sizeof why);
    return 0;
  }
  if (file_of(au, name, resolved, path, sizeof path) == 0 && m->music(path, effective(au), why, sizeof why))
    qk_log_write(au->log, QK_LOG_WARN, "audio: cannot play the music %s: %s", name, why);
  return 0;
}

void qk_audio_stop_music(qk_audio *au) {
  char err[8];
  if (au->music_on) qk_audio_music(au, NULL, NULL, err, sizeof err);
}

int qk_audio_take_played(qk_audio *au, const char *name, char *names, size_t nameslen) {
  int found = au->record_full;
  for (const char *p = au->record; *p && !found;) {
    size_t n = strcspn(p, "\n");
    if (n == strlen(name) && strncmp(p, name, n) == 0) found = 1;
    p += n;
    if (*p) p++;
  }
  if (names && nameslen) {
    snprintf(names, nameslen, "%s", au->record[0] ? au->record : "nothing");
    for (char *c = names; *c; c++)
      if (*c == '\n') *c = ',';
  }
  au->record[0] = 0;
  au->record_full = 0;
  return found;
}
