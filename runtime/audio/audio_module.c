/*
** audio_module.c — the audio module (audio_module.h) on SDL2_mixer: the
** only file that includes SDL_mixer.h. Built as quizkiosk-audio.so and
** loaded by audio.c with the one module loader when an app first plays a
** sound. SDL itself is the program's (already loaded): the module starts
** only SDL's audio subsystem.
*/
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "audio_module.h"

#define MAX_CHUNKS 32   /* decoded cues kept: the built-in five and an app's own few */
#define CHANNELS 8      /* cues that may overlap (a tick under a fanfare) */

static struct {
  char path[1024];
  Mix_Chunk *chunk;
} chunks[MAX_CHUNKS];
static int nchunks, opened;
static Mix_Music *music;

/* 0..100 to SDL_mixer's 0..MIX_MAX_VOLUME. */
static int mix_volume(int v) { return (v < 0 ? 0 : v > 100 ? 100 : v) * MIX_MAX_VOLUME / 100; }

static int a_open(char *driver, size_t driverlen, char *why, size_t whylen) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    snprintf(why, whylen, "SDL audio: %s", SDL_GetError());
    return -1;
  }
  /* 44.1 kHz stereo with a 1024-frame buffer: about 23 ms from tap to ear. */
  if (Mix_OpenAudio(44100, MIX_DEFAULT_FORMAT, 2, 1024) != 0) {
    snprintf(why, whylen, "%s", Mix_GetError());
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return -1;
  }
  Mix_AllocateChannels(CHANNELS);
  opened = 1;
  if (driver && driverlen) snprintf(driver, driverlen, "%s", SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?");
  return 0;
}

static Mix_Chunk *chunk_of(const char *path, char *why, size_t whylen) {
  for (int i = 0; i < nchunks; i++)
    if (strcmp(chunks[i].path, path) == 0) return chunks[i].chunk;
  Mix_Chunk *c = Mix_LoadWAV(path);
  if (!c) {
    snprintf(why, whylen, "%s", Mix_GetError());
    return NULL;
  }
  if (nchunks == MAX_CHUNKS) { /* an app with many sounds: the oldest goes */
    Mix_HaltChannel(-1);       /* none may still play the one freed */
    Mix_FreeChunk(chunks[0].chunk);
    memmove(&chunks[0], &chunks[1], sizeof chunks[0] * (MAX_CHUNKS - 1));
    nchunks--;
  }
  snprintf(chunks[nchunks].path, sizeof chunks[nchunks].path, "%s", path);
  chunks[nchunks++].chunk = c;
  return c;
}

static int a_play(const char *path, int volume, char *why, size_t whylen) {
  if (!opened) {
    snprintf(why, whylen, "the device is not open");
    return -1;
  }
  Mix_Chunk *c = chunk_of(path, why, whylen);
  if (!c) return -1;
  Mix_VolumeChunk(c, MIX_MAX_VOLUME);
  Mix_Volume(-1, mix_volume(volume));
  /* All channels busy: the oldest cue gives way rather than the new one. */
  if (Mix_PlayChannel(-1, c, 0) < 0) {
    Mix_HaltChannel(Mix_GroupOldest(-1));
    if (Mix_PlayChannel(-1, c, 0) < 0) {
      snprintf(why, whylen, "%s", Mix_GetError());
      return -1;
    }
  }
  return 0;
}

static int a_music(const char *path, int volume, char *why, size_t whylen) {
  if (!opened) {
    snprintf(why, whylen, "the device is not open");
    return -1;
  }
  if (!path) {
    if (music) Mix_FadeOutMusic(400);
    return 0;
  }
  Mix_HaltMusic();
  if (music) Mix_FreeMusic(music);
  music = Mix_LoadMUS(path);
  if (!music) {
    snprintf(why, whylen, "%s", Mix_GetError());
    return -1;
  }
  Mix_VolumeMusic(mix_volume(volume) / 2); /* under the cues, not over them */
  if (Mix_FadeInMusic(music, -1, 600) != 0) {
    snprintf(why, whylen, "%s", Mix_GetError());
    return -1;
  }
  return 0;
}

static void a_set_volume(int volume) {
  if (!opened) return;
  Mix_Volume(-1, mix_volume(volume));
  Mix_VolumeMusic(mix_volume(volume) / 2);
}

static void a_close(void) {
  if (!opened) return;
  Mix_HaltChannel(-1);
  Mix_HaltMusic();
  if (music) Mix_FreeMusic(music);
  music = NULL;
  for (int i = 0; i < nchunks; i++) Mix_FreeChunk(chunks[i].chunk);
  nchunks = 0;
  Mix_CloseAudio();
  Mix_Quit();
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
  opened = 0;
}

__attribute__((visibility("default"))) const qk_audio_module qk_audio_module_v1 = {
  QK_AUDIO_MODULE_ABI, a_open, a_play, a_music, a_set_volume, a_close,
};
