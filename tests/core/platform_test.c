/*
** platform_test.c — the platform layer's input translation: a finger and a
** mouse click reach the core the same way, the mouse events SDL synthesises
** from touch are dropped (no double taps), finger coordinates are normalised
** to pixels, and 32-bit SDL timestamps become the runtime's 64-bit clock.
*/
#include <stdio.h>
#include <string.h>

#include <SDL.h>

#include "platform.h"

static int failures;

static void check(int cond, const char *what) {
  printf("%s %s\n", cond ? "ok  " : "FAIL", what);
  if (!cond) failures++;
}

static void push(SDL_Event *e) {
  e->common.timestamp = SDL_GetTicks();
  SDL_PushEvent(e);
}

static int drain(qk_platform *p, qk_event *evs, int max) {
  int n = 0;
  qk_event ev;
  while (qk_plat_wait_event(p, 0, &ev))
    if (n < max) evs[n++] = ev;
  return n;
}

int main(void) {
  char err[256];
  qk_platform_config cfg = {.width = 800, .height = 600, .headless = 1};
  qk_platform *p = qk_plat_open(&cfg, err, sizeof err);
  if (!p) {
    printf("FAIL cannot open headless platform: %s\n", err);
    return 1;
  }
  qk_event evs[16];
  drain(p, evs, 16); /* window events from start-up */

  /* A finger down/up, with the mouse events SDL would synthesise for it. */
  SDL_Event e;
  memset(&e, 0, sizeof e);
  e.type = SDL_FINGERDOWN;
  e.tfinger.fingerId = 42;
  e.tfinger.x = 0.25f;
  e.tfinger.y = 0.5f;
  push(&e);
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.which = SDL_TOUCH_MOUSEID;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = 200;
  e.button.y = 300;
  push(&e);
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONUP;
  e.button.which = SDL_TOUCH_MOUSEID;
  e.button.button = SDL_BUTTON_LEFT;
  push(&e);
  memset(&e, 0, sizeof e);
  e.type = SDL_FINGERUP;
  e.tfinger.fingerId = 42;
  e.tfinger.x = 0.25f;
  e.tfinger.y = 0.5f;
  push(&e);
  int n = drain(p, evs, 16);
  check(n == 2, "a touch gives exactly one press and one release");
  if (n == 2) {
    check(evs[0].type == QK_EV_PRESS && evs[1].type == QK_EV_RELEASE, "press then release");
    check(evs[0].x == 200.0f && evs[0].y == 300.0f, "finger position normalised to pixels");
    check(evs[0].pointer == 1 && evs[1].pointer == 1, "the finger has a pointer slot");
    check(evs[0].time_ms > 0 && evs[0].time_ms <= qk_plat_ticks(), "timestamp on the runtime clock");
  }

  /* A real mouse click looks the same, with pointer 0. */
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.which = 0;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = 10;
  e.button.y = 20;
  push(&e);
  e.type = SDL_MOUSEBUTTONUP;
  push(&e);
  n = drain(p, evs, 16);
  check(n == 2 && evs[0].type == QK_EV_PRESS && evs[0].pointer == 0 && evs[0].x == 10.0f, "a mouse click is a press too");

  /* Right button and motion from touch are not pointer input. */
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.button = SDL_BUTTON_RIGHT;
  push(&e);
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEMOTION;
  e.motion.which = SDL_TOUCH_MOUSEID;
  push(&e);
  check(drain(p, evs, 16) == 0, "right clicks and touch-synthesised motion are dropped");

  /* Key and text input. */
  memset(&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = SDLK_RETURN;
  e.key.keysym.mod = KMOD_LSHIFT;
  push(&e);
  memset(&e, 0, sizeof e);
  e.type = SDL_TEXTINPUT;
  strcpy(e.text.text, "张");
  push(&e);
  n = drain(p, evs, 16);
  check(n == 2 && evs[0].type == QK_EV_KEY && strcmp(evs[0].key, "Return") == 0 && (evs[0].mods & QK_MOD_SHIFT),
        "key events carry the SDL key name and modifiers");
  check(n == 2 && evs[1].type == QK_EV_TEXT && strcmp(evs[1].text, "张") == 0, "text input is UTF-8");

  /* Eleven fingers: the eleventh is ignored rather than crashing. */
  for (int i = 0; i < 11; i++) {
    memset(&e, 0, sizeof e);
    e.type = SDL_FINGERDOWN;
    e.tfinger.fingerId = 100 + i;
    push(&e);
  }
  check(drain(p, evs, 16) == 10, "ten finger slots, an eleventh finger ignored");

  qk_plat_close(p);
  printf("platform: %d failed\n", failures);
  return failures ? 1 : 0;
}
