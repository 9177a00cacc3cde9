/*
** audio_module.h — the sound device (SDL2_mixer and its codec libraries)
** as a loadable module, QK_AUDIO_MODULE_FILE (quizkiosk-audio.so): a kiosk
** maps SDL2_mixer, libvorbis, libFLAC, libmpg123 and the rest only once an
** app first plays a sound, never at start-up (issue 11's first frame) and
** never under --headless. audio.c loads it through the one module loader
** (runtime/base/module.h) and calls the table.
**
** The module exports one symbol, QK_AUDIO_MODULE_SYMBOL: a const
** qk_audio_module whose abi is QK_AUDIO_MODULE_ABI; any other abi is
** refused. Bump it when an entry changes. Main thread only.
*/
#ifndef QK_AUDIO_MODULE_H
#define QK_AUDIO_MODULE_H

#include <stddef.h>

#define QK_AUDIO_MODULE_ABI 1
#define QK_AUDIO_MODULE_SYMBOL "qk_audio_module_v1"

typedef struct {
  int abi; /* QK_AUDIO_MODULE_ABI */
  /* Opens the default audio device (SDL's audio subsystem + the mixer).
  ** 0, or -1 with the reason in why (no device, no driver). The driver's
  ** name goes to driver (may be NULL). */
  int (*open)(char *driver, size_t driverlen, char *why, size_t whylen);
  /* Plays the sound file at path once, on a free channel, at volume
  ** 0..100. Decoded files are kept (a handful of cues), so the second
  ** play of a cue reads nothing. 0, or -1 with why (unreadable file). */
  int (*play)(const char *path, int volume, char *why, size_t whylen);
  /* Loops the file at path as background music at volume 0..100 (one at
  ** a time: replaces what plays); NULL fades the music out. 0 or -1. */
  int (*music)(const char *path, int volume, char *why, size_t whylen);
  /* The volume (0..100) of everything playing and everything to come. */
  void (*set_volume)(int volume);
  /* Stops everything, frees the decoded files, closes the device. */
  void (*close)(void);
} qk_audio_module;

#endif
