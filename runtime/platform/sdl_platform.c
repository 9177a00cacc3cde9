/*
** sdl_platform.c — window, renderer choice, kiosk lockdown and the input
** stream. Finger and mouse input leave here as one kind of pointer event in
** physical pixels; the mouse events SDL synthesises from touch are dropped so a
** tap never arrives twice.
*/
#include "sdl_internal.h"

#include "image_module.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_ttf.h>

static int driver_blocks(void); /* below, beside qk_plat_wait_event */

/* The SDL event type that a stop signal turns into. Signals are the
** process's, not a window's, so this one value is the process's too; it is
** set once, before the handlers are installed. */
static volatile Uint32 stop_event_type;

/* SIGTERM (systemctl stop, the supervisor), SIGINT, SIGHUP: SDL would make
** them an ordinary close request, which kiosk lockdown ignores, so a stop
** waited for its SIGKILL. Pushing an event is what SDL's own handler does. */
static void on_stop_signal(int sig) {
  SDL_Event e;
  SDL_memset(&e, 0, sizeof e);
  e.type = stop_event_type;
  e.user.code = 2;
  e.user.data1 = (void *)(intptr_t)sig;
  SDL_PushEvent(&e);
}

static void catch_stop_signals(Uint32 type) {
  stop_event_type = type;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
}

static void set_err(char *err, size_t errlen, const char *what) {
  if (err && errlen) snprintf(err, errlen, "%s: %s", what, SDL_GetError());
}

uint64_t qk_plat_ticks(void) { return SDL_GetTicks64(); }

int qk_plat_has_display(void) {
  const char *drv = getenv("SDL_VIDEODRIVER");
  if (drv && *drv) return 1; /* the user chose a driver: let SDL decide */
  if (getenv("DISPLAY") || getenv("WAYLAND_DISPLAY")) return 1;
  /* A console kiosk can run on KMS/DRM with no display server. */
  return access("/dev/dri/card0", R_OK | W_OK) == 0;
}

const char *qk_plat_renderer_name(const qk_platform *p) { return p->renderer_name; }

/* Mesa's llvmpipe/softpipe are "accelerated" renderers that really run on the
** CPU, slower to start and heavier than SDL's own software renderer. */
static int gl_is_software(void) {
  typedef const unsigned char *(*get_string_fn)(unsigned int);
  get_string_fn get_string = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
  if (!get_string) return 0;
  const char *r = (const char *)get_string(0x1F01 /* GL_RENDERER */);
  return r && (strstr(r, "llvmpipe") || strstr(r, "softpipe") || strstr(r, "swrast"));
}

static int has_gpu_device(void) {
  return access("/dev/dri/renderD128", R_OK) == 0 || access("/dev/dri/card0", R_OK) == 0;
}

static SDL_Renderer *make_software_renderer(SDL_Window *w) {
  /* Draw straight into the window's framebuffer, no GL in between. */
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  return SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
}

static SDL_Renderer *make_renderer(SDL_Window *w, qk_render_mode mode) {
  SDL_Renderer *r = NULL;
  if (mode == QK_RENDER_SOFTWARE) return make_software_renderer(w);
  if (mode == QK_RENDER_AUTO && !has_gpu_device()) return make_software_renderer(w);
  r = SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (r && mode == QK_RENDER_AUTO) {
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0 && strstr(info.name, "opengl") && gl_is_software()) {
      SDL_DestroyRenderer(r);
      r = NULL;
    }
  }
  if (!r) r = make_software_renderer(w);
  return r;
}

static void lockdown(qk_platform *p) {
  /* Alt+Tab, Alt+F4 and the Super key must do nothing on a kiosk. */
  SDL_SetWindowKeyboardGrab(p->window, SDL_TRUE);
  SDL_DisableScreenSaver();
}

qk_platform *qk_plat_open(const qk_platform_config *cfg, char *err, size_t errlen) {
  qk_platform *p = calloc(1, sizeof *p);
  if (!p) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  if (cfg->headless) {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    p->headless = 1;
  }
  /* Touch must not also fire mouse events we would have to guess about, and a
  ** mouse must not turn into a fake finger. */
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); /* ours: catch_stop_signals */
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    if (cfg->headless) {
      SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
      if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) goto video_ok;
    }
    set_err(err, errlen, "cannot start video");
    free(p);
    return NULL;
  }
video_ok:
  SDL_StopTextInput(); /* off until a text field asks for it */
  if (TTF_Init() != 0) {
    set_err(err, errlen, "cannot start the font rasteriser");
    goto fail;
  }
  /* SDL2_image is the image module (image_module.h), loaded with the first image. */

  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
  int w = cfg->width > 0 ? cfg->width : 1280, h = cfg->height > 0 ? cfg->height : 800;
  /* Headless there is no desktop to fill: the window is the simulated screen. */
  if (cfg->fullscreen && !cfg->headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  if (cfg->headless) flags &= ~(Uint32)SDL_WINDOW_RESIZABLE;
  p->window = SDL_CreateWindow(cfg->title ? cfg->title : "quizkiosk", SDL_WINDOWPOS_CENTERED,
                               SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (!p->window) {
    set_err(err, errlen, "cannot open a window");
    goto fail;
  }
  p->renderer = make_renderer(p->window, cfg->headless ? QK_RENDER_SOFTWARE : cfg->render);
  if (!p->renderer) {
    set_err(err, errlen, "cannot create a renderer");
    goto fail;
  }
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(p->renderer, &info) == 0) {
    snprintf(p->renderer_name, sizeof p->renderer_name, "%s", info.name);
    /* SDL's software renderer draws into the window's surface, which keeps
    ** its pixels between frames: a frame may redraw only what changed. */
    p->software = strcmp(info.name, "software") == 0;
  }
  p->frame_lost = 1;
  p->shapes = qk_shapes_new();
  if (!p->shapes) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  SDL_SetRenderDrawBlendMode(p->renderer, SDL_BLENDMODE_BLEND);
  p->wake_event = SDL_RegisterEvents(1);
  if (p->wake_event == (Uint32)-1) {
    set_err(err, errlen, "cannot register events");
    goto fail;
  }
  catch_stop_signals(p->wake_event);
  p->paced_wait = !driver_blocks();
  p->fullscreen = cfg->fullscreen;
  if (cfg->fullscreen) lockdown(p);
  if (cfg->watch_dirs[0] || cfg->watch_dirs[1]) p->watch = qk_watch_start(cfg->watch_dirs, 2, p->wake_event);
  return p;
fail:
  qk_plat_close(p);
  return NULL;
}

void qk_plat_watch_ready(qk_platform *p) { qk_watch_ready(p->watch); }

void qk_plat_close(qk_platform *p) {
  if (!p) return;
  if (p->watch) qk_watch_stop(p->watch);
  free(p->verts);
  qk_shapes_free(p->shapes); /* its textures belong to the renderer: before it goes */
  if (p->renderer) SDL_DestroyRenderer(p->renderer);
  if (p->window) SDL_DestroyWindow(p->window);
  if (TTF_WasInit()) TTF_Quit();
  const qk_image_module *img = qk_image_module_if_loaded();
  if (img) img->quit();
  SDL_Quit();
  free(p);
}

/* ---- input ---- */

static int finger_slot(qk_platform *p, SDL_FingerID id, int create) {
  for (int i = 0; i < 10; i++)
    if (p->finger_used[i] && p->fingers[i] == id) return i + 1;
  if (!create) return 0;
  for (int i = 0; i < 10; i++)
    if (!p->finger_used[i]) {
      p->finger_used[i] = 1;
      p->fingers[i] = id;
      return i + 1;
    }
  return 0; /* an eleventh finger is ignored */
}

/* Window coordinates to drawable pixels (they differ on HiDPI displays). */
static void to_pixels(qk_platform *p, int wx, int wy, float *x, float *y) {
  int ww, wh, dw, dh;
  SDL_GetWindowSize(p->window, &ww, &wh);
  SDL_GetRendererOutputSize(p->renderer, &dw, &dh);
  *x = ww > 0 ? (float)wx * (float)dw / (float)ww : (float)wx;
  *y = wh > 0 ? (float)wy * (float)dh / (float)wh : (float)wy;
}

static unsigned mods_of(Uint16 m) {
  unsigned r = 0;
  if (m & KMOD_SHIFT) r |= QK_MOD_SHIFT;
  if (m & KMOD_CTRL) r |= QK_MOD_CTRL;
  if (m & KMOD_ALT) r |= QK_MOD_ALT;
  if (m & KMOD_GUI) r |= QK_MOD_GUI;
  return r;
}

static void pointer_seen(qk_platform *p, int touch) {
  if (touch && !p->touch_seen && p->fullscreen) SDL_ShowCursor(SDL_DISABLE);
  p->touch_seen |= touch;
}

/* Translates one SDL event; returns 0 for events scripts never see. */
static int translate(qk_platform *p, const SDL_Event *e, qk_event *ev) {
  memset(ev, 0, sizeof *ev);
  /* SDL stamps events with 32-bit milliseconds, which wrap after 49 days; a
  ** kiosk runs longer, so rebuild the 64-bit time from the current ticks. */
  Uint64 now = SDL_GetTicks64();
  ev->time_ms = now - (Uint32)((Uint32)now - e->common.timestamp);
  switch (e->type) {
  case SDL_MOUSEBUTTONDOWN:
  case SDL_MOUSEBUTTONUP:
    if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) return 0;
    ev->type = e->type == SDL_MOUSEBUTTONDOWN ? QK_EV_PRESS : QK_EV_RELEASE;
    to_pixels(p, e->button.x, e->button.y, &ev->x, &ev->y);
    pointer_seen(p, 0);
    return 1;
  case SDL_MOUSEMOTION:
    if (e->motion.which == SDL_TOUCH_MOUSEID) return 0;
    ev->type = QK_EV_MOVE;
    to_pixels(p, e->motion.x, e->motion.y, &ev->x, &ev->y);
    return 1;
  case SDL_MOUSEWHEEL:
    if (e->wheel.which == SDL_TOUCH_MOUSEID) return 0;
    ev->type = QK_EV_WHEEL;
    ev->x = e->wheel.preciseX;
    ev->y = e->wheel.preciseY;
    return 1;
  case SDL_FINGERDOWN:
  case SDL_FINGERMOTION:
  case SDL_FINGERUP: {
    int slot = finger_slot(p, e->tfinger.fingerId, e->type == SDL_FINGERDOWN);
    if (!slot) return 0;
    int dw, dh;
    SDL_GetRendererOutputSize(p->renderer, &dw, &dh);
    ev->type = e->type == SDL_FINGERDOWN ? QK_EV_PRESS : e->type == SDL_FINGERUP ? QK_EV_RELEASE : QK_EV_MOVE;
    ev->x = e->tfinger.x * (float)dw;
    ev->y = e->tfinger.y * (float)dh;
    ev->pointer = slot;
    if (e->type == SDL_FINGERUP) p->finger_used[slot - 1] = 0;
    pointer_seen(p, 1);
    return 1;
  }
  case SDL_KEYDOWN:
    ev->type = QK_EV_KEY;
    ev->repeat = e->key.repeat;
    ev->mods = mods_of(e->key.keysym.mod);
    snprintf(ev->key, sizeof ev->key, "%s", SDL_GetKeyName(e->key.keysym.sym));
    return 1;
  case SDL_TEXTINPUT:
    ev->type = QK_EV_TEXT;
    snprintf(ev->text, sizeof ev->text, "%s", e->text.text);
    return 1;
  case SDL_TEXTEDITING:
    ev->type = QK_EV_EDIT;
    snprintf(ev->text, sizeof ev->text, "%s", e->edit.text);
    return 1;
  case SDL_WINDOWEVENT:
    switch (e->window.event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED: p->frame_lost = 1; ev->type = QK_EV_RESIZE; return 1;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESTORED: p->frame_lost = 1; ev->type = QK_EV_EXPOSE; return 1;
    default: return 0;
    }
  case SDL_RENDER_TARGETS_RESET:
  case SDL_RENDER_DEVICE_RESET: p->frame_lost = 1; ev->type = QK_EV_EXPOSE; return 1;
  case SDL_QUIT: ev->type = QK_EV_QUIT; return 1;
  default:
    if (e->type == p->wake_event) {
      ev->type = e->user.code == 1 ? QK_EV_RELOAD : e->user.code == 2 ? QK_EV_STOP : QK_EV_WAKE;
      return 1;
    }
    return 0;
  }
}

/* Whether SDL 2.26's current video driver waits for events in the kernel.
** X11 and Wayland do (SDL's WaitEventTimeout hook); the others (offscreen,
** KMSDRM on a kiosk without X, dummy) make SDL_WaitEvent* poll and sleep
** 1 ms at a time: ~1,000 wake-ups and ~17 ms of CPU a second on a still
** screen (bench/attract, bench/fair). */
static int driver_blocks(void) {
  const char *d = SDL_GetCurrentVideoDriver();
  return d && (!strcmp(d, "x11") || !strcmp(d, "wayland") || !strcmp(d, "windows") || !strcmp(d, "cocoa"));
}

/* Where the driver cannot block, the wait polls every PACE_MS instead of
** every millisecond: a touch or another thread's wake-up waits at most
** that long (under half a 60 Hz frame), and a still screen wakes 125
** times a second instead of 1,000. */
#define PACE_MS 8

int qk_plat_wait_event(qk_platform *p, int timeout_ms, qk_event *ev) {
  SDL_Event e;
  if (p->paced_wait) {
    Uint64 deadline = timeout_ms >= 0 ? SDL_GetTicks64() + (Uint64)timeout_ms : 0;
    for (;;) {
      while (SDL_PollEvent(&e))
        if (translate(p, &e, ev)) return 1;
      Uint64 now = SDL_GetTicks64();
      if (timeout_ms >= 0 && now >= deadline) return 0;
      Uint64 left = timeout_ms >= 0 ? deadline - now : PACE_MS;
      SDL_Delay((Uint32)(left < PACE_MS ? left : PACE_MS));
    }
  }
  Uint64 deadline = timeout_ms >= 0 ? SDL_GetTicks64() + (Uint64)timeout_ms : 0;
  for (;;) {
    int got;
    if (timeout_ms < 0) got = SDL_WaitEvent(&e);
    else {
      Uint64 now = SDL_GetTicks64();
      int left = now >= deadline ? 0 : (int)(deadline - now);
      got = left == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, left);
    }
    if (!got) return 0;
    if (translate(p, &e, ev)) return 1;
  }
}

void qk_plat_text_input(qk_platform *p, int on, int x, int y, int w, int h) {
  if (on) {
    SDL_Rect r = {x, y, w, h};
    SDL_SetTextInputRect(&r); /* the IME puts its window beside the field */
    if (!p->text_input_on) SDL_StartTextInput();
  } else if (p->text_input_on) {
    SDL_StopTextInput();
  }
  p->text_input_on = on;
}

/* ---- drawing ---- */

void qk_plat_drawable_size(qk_platform *p, int *w, int *h) {
  if (SDL_GetRendererOutputSize(p->renderer, w, h) != 0) SDL_GetWindowSize(p->window, w, h);
}

void qk_plat_clear(qk_platform *p, qk_color c) {
  SDL_SetRenderDrawColor(p->renderer, c.r, c.g, c.b, c.a);
  if (!SDL_RenderIsClipEnabled(p->renderer)) {
    SDL_RenderClear(p->renderer);
    return;
  }
  /* SDL_RenderClear ignores the clip; a partial redraw clears only its part. */
  SDL_Rect r;
  SDL_RenderGetClipRect(p->renderer, &r);
  SDL_SetRenderDrawBlendMode(p->renderer, SDL_BLENDMODE_NONE);
  SDL_RenderFillRect(p->renderer, &r);
  SDL_SetRenderDrawBlendMode(p->renderer, SDL_BLENDMODE_BLEND);
}

void qk_plat_draw_color(qk_platform *p, qk_color c) {
  SDL_SetRenderDrawColor(p->renderer, c.r, c.g, c.b, c.a);
  /* An opaque colour needs no blending: the software renderer then fills
  ** rows at memory speed instead of blending pixel by pixel. */
  SDL_SetRenderDrawBlendMode(p->renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

void qk_plat_fill_rect(qk_platform *p, float x, float y, float w, float h, qk_color c) {
  SDL_FRect r = {x, y, w, h};
  qk_plat_draw_color(p, c);
  SDL_RenderFillRectF(p->renderer, &r);
}

void qk_plat_triangles(qk_platform *p, const float *xy, int n, const int *idx, int m, qk_color c) {
  if (n <= 0 || m <= 0) return;
  if (n > p->verts_cap) {
    int cap = n < 64 ? 64 : n;
    SDL_Vertex *v = realloc(p->verts, (size_t)cap * sizeof *v);
    if (!v) return; /* out of memory: skip this shape, keep running */
    p->verts = v;
    p->verts_cap = cap;
  }
  SDL_Color col = {c.r, c.g, c.b, c.a};
  for (int i = 0; i < n; i++) {
    p->verts[i].position.x = xy[2 * i];
    p->verts[i].position.y = xy[2 * i + 1];
    p->verts[i].color = col;
    p->verts[i].tex_coord.x = p->verts[i].tex_coord.y = 0;
  }
  qk_plat_draw_color(p, c); /* untextured geometry blends by the draw blend mode */
  SDL_RenderGeometry(p->renderer, NULL, p->verts, n, idx, m);
}

void qk_plat_set_clip(qk_platform *p, int on, int x, int y, int w, int h) {
  if (!on) {
    SDL_RenderSetClipRect(p->renderer, NULL);
    return;
  }
  SDL_Rect r = {x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
  SDL_RenderSetClipRect(p->renderer, &r);
}

void qk_plat_present(qk_platform *p) {
  SDL_RenderPresent(p->renderer);
  p->frame_lost = 0;
}

int qk_plat_frame_intact(const qk_platform *p) { return p->software && !p->frame_lost; }

void qk_plat_present_rects(qk_platform *p, const int *xywh, int n) {
  if (!qk_plat_frame_intact(p)) {
    qk_plat_present(p);
    return;
  }
  if (n <= 0) return;
  /* The software renderer queues its drawing: run the queue into the window
  ** surface, then copy only the changed rectangles to the screen (with
  ** X11's shared memory, one put per rectangle instead of the whole window). */
  SDL_Rect rects[16];
  if (n > 16) n = 16;
  for (int i = 0; i < n; i++) rects[i] = (SDL_Rect){xywh[4 * i], xywh[4 * i + 1], xywh[4 * i + 2], xywh[4 * i + 3]};
  if (SDL_RenderFlush(p->renderer) != 0 || SDL_UpdateWindowSurfaceRects(p->window, rects, n) != 0) qk_plat_present(p);
}

int qk_plat_screenshot(qk_platform *p, const char *path, char *err, size_t errlen) {
  int w, h;
  qk_plat_drawable_size(p, &w, &h);
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
  if (!s) {
    set_err(err, errlen, "screenshot");
    return -1;
  }
  int rc = SDL_RenderReadPixels(p->renderer, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch);
  char why[1024];
  const qk_image_module *img = rc == 0 ? qk_image_module_get(why, sizeof why) : NULL;
  if (rc == 0) rc = img ? img->save_png(s, path) : -1;
  if (rc != 0) set_err(err, errlen, path);
  SDL_FreeSurface(s);
  return rc == 0 ? 0 : -1;
}
