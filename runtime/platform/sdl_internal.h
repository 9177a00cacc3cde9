/*
** sdl_internal.h — state shared by the SDL implementation files of the
** platform layer (window/renderer/events, rasterisers, file watcher).
** Nothing outside runtime/platform/ includes this.
*/
#ifndef QK_SDL_INTERNAL_H
#define QK_SDL_INTERNAL_H

#include <SDL.h>
#include "platform.h"

typedef struct qk_watch qk_watch;
typedef struct qk_shapes qk_shapes;

struct qk_platform {
  SDL_Window *window;
  SDL_Renderer *renderer;
  char renderer_name[64];
  int fullscreen;
  int headless;
  int text_input_on;
  int touch_seen;            /* hide the cursor once touch is used in kiosk mode */
  SDL_FingerID fingers[10];  /* finger id per slot (slot = index + 1) */
  unsigned char finger_used[10];
  SDL_Vertex *verts;         /* scratch for qk_plat_triangles */
  int verts_cap;
  Uint32 wake_event;         /* SDL user event type used by other threads */
  int paced_wait;            /* the video driver cannot block for events: wait in steps (qk_plat_wait_event) */
  qk_watch *watch;
  qk_shapes *shapes;         /* sdl_shapes.c: cached circle and arc pieces */
  int software;              /* SDL's software renderer drawing into the window surface */
  int frame_lost;            /* the window's pixels were lost or resized: redraw all */
};

struct qk_texture {
  SDL_Texture *tex;
  int w, h;      /* size to draw at */
  int colour;    /* has its own colours (emoji, or text rendered in its colour): tint only its alpha */
};

/* sdl_watch.c: watches a directory tree for *.lua changes; pushes wake_event
** with code 1 (reload) on the SDL queue from its own thread, which also
** walks the tree to put the watches in place; qk_watch_ready waits for that
** (at once after the first time; NULL: returns). */
qk_watch *qk_watch_start(const char *const *dirs, int ndirs, Uint32 event_type);
void qk_watch_ready(qk_watch *w);
void qk_watch_stop(qk_watch *w);

/* Sets the draw colour, and blending only when it is translucent. */
void qk_plat_draw_color(qk_platform *p, qk_color c);

/* sdl_shapes.c: the cache of anti-aliased circle and arc textures. */
qk_shapes *qk_shapes_new(void);
void qk_shapes_free(qk_shapes *s);

#endif
