/*
** audio.h — the kiosk's sounds: the built-in cues (tick, right, wrong,
** streak, fanfare and the music "theme", made at build time by synth.c),
** sound files inside the running app's folder, the staff's volume and mute,
** and the record of what was played that the replay command `expect_sound`
** checks.
**
** Every cue and music change is logged ("audio: cue NAME", "audio: music
** NAME", "audio: music off") and recorded whether or not anything is heard:
** under --headless (no device is ever opened there), when muted, or when
** the device is missing. The sound device is the audio module
** (audio_module.h), loaded and opened on the first sound an app plays; a
** failure is logged once and the kiosk goes on silently.
** Main-loop thread only.
*/
#ifndef QK_AUDIO_H
#define QK_AUDIO_H

#include <stddef.h>

#include "log.h"

#define QK_AUDIO_VOLUME_DEFAULT 70
/* The store's settings the staff screen writes (not an app's: api_store.c). */
#define QK_AUDIO_SETTING_VOLUME "audio_volume"
#define QK_AUDIO_SETTING_MUTE "audio_mute"

typedef struct qk_audio qk_audio;

/* device = 0: never load the module nor open a device (--headless); the
** log and the record work the same. NULL when out of memory. */
qk_audio *qk_audio_new(qk_log *log, int device);
/* Stops the sound and closes the device. NULL is fine. */
void qk_audio_free(qk_audio *au);

/* Volume 0..100 (clamped) and mute, applied at once to what is playing. */
void qk_audio_set_levels(qk_audio *au, int volume, int mute);
void qk_audio_levels(const qk_audio *au, int *volume, int *mute);

/* Whether name is a built-in cue ("tick", ...) or the built-in music
** ("theme" for qk_audio_music). */
int qk_audio_is_builtin(const char *name, int music);

/* Plays a cue: a built-in name, or a sound file (.wav .ogg .mp3 .flac
** .opus) given relative to app_dir and inside it by its real path. 0, or
** -1 with err for a bad name, a file outside the folder or missing (a
** script's mistake: nothing is logged or recorded). A missing device or
** mute is not an error. */
int qk_audio_cue(qk_audio *au, const char *app_dir, const char *name, char *err, size_t errlen);
/* Starts background music (a name as for cues, or "theme"); name NULL
** stops it. 0, or -1 with err as qk_audio_cue. */
int qk_audio_music(qk_audio *au, const char *app_dir, const char *name, char *err, size_t errlen);

/* Stops the music if any plays (logged "audio: music off"); nothing when
** none was started. For a new VM: the music is the app's that started it. */
void qk_audio_stop_music(qk_audio *au);

/* The replay's expect_sound: 1 when a cue or music of that name was
** played since the previous call (or since the start), 0 otherwise. Either
** way the record starts afresh. names (may be NULL) gets what was played,
** for the failure message. */
int qk_audio_take_played(qk_audio *au, const char *name, char *names, size_t nameslen);

#endif
