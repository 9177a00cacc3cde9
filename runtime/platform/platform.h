/*
** platform.h — the only door to the operating system's display, input and
** rasterisers. Everything above this header (scheduler, text layout, Lua host,
** store) is plain C and never includes SDL; sdl_platform.c and sdl_text.c are
** the one implementation today. Coordinates here are PHYSICAL pixels; the core
** converts from the logical units scripts use (see view.h).
*/
#ifndef QK_PLATFORM_H
#define QK_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

typedef struct qk_platform qk_platform;
typedef struct qk_font qk_font;       /* a face opened at one pixel size */
typedef struct qk_texture qk_texture; /* pixels living on the renderer */

typedef struct { uint8_t r, g, b, a; } qk_color;

typedef enum {
  QK_RENDER_AUTO,     /* GPU when one is there, else software framebuffer */
  QK_RENDER_GPU,      /* force an accelerated renderer */
  QK_RENDER_SOFTWARE  /* force SDL's software renderer */
} qk_render_mode;

typedef struct {
  int width, height;     /* window size in screen coordinates (0 = display's) */
  int fullscreen;        /* desktop full screen + kiosk lockdown */
  int headless;          /* offscreen/dummy driver, software renderer */
  qk_render_mode render;
  const char *title;
  const char *watch_dirs[2]; /* directories to watch for *.lua changes, or NULL */
} qk_platform_config;

typedef enum {
  QK_EV_NONE = 0,
  QK_EV_PRESS,    /* finger or mouse button down */
  QK_EV_MOVE,     /* pointer moved (with or without a press) */
  QK_EV_RELEASE,  /* finger or mouse button up */
  QK_EV_WHEEL,    /* mouse wheel: dx, dy in wheel steps */
  QK_EV_KEY,      /* key pressed: key holds the SDL key name */
  QK_EV_TEXT,     /* committed text input (UTF-8) */
  QK_EV_EDIT,     /* IME composition (preedit) text */
  QK_EV_RESIZE,   /* drawable size changed */
  QK_EV_EXPOSE,   /* window needs redrawing */
  QK_EV_QUIT,     /* close request (ignored in kiosk lockdown) */
  QK_EV_RELOAD,   /* a watched script file changed */
  QK_EV_STOP,     /* SIGTERM/SIGINT/SIGHUP: the system stops the kiosk (obeyed even in lockdown) */
  QK_EV_WAKE      /* woken by another thread for no input reason */
} qk_event_type;

typedef struct {
  qk_event_type type;
  uint64_t time_ms;   /* the event's own timestamp on the runtime clock */
  float x, y;         /* physical pixels, or wheel steps for QK_EV_WHEEL */
  int pointer;        /* 0 = mouse, 1.. = finger slot */
  int repeat;         /* key auto-repeat */
  unsigned mods;      /* QK_MOD_* */
  char key[32];       /* SDL key name for QK_EV_KEY */
  char text[64];      /* UTF-8 for QK_EV_TEXT / QK_EV_EDIT */
} qk_event;

enum { QK_MOD_SHIFT = 1, QK_MOD_CTRL = 2, QK_MOD_ALT = 4, QK_MOD_GUI = 8 };

/* ---- lifecycle ---- */
/* Returns NULL and fills err on failure (no display, no renderer...). */
qk_platform *qk_plat_open(const qk_platform_config *cfg, char *err, size_t errlen);
void qk_plat_close(qk_platform *p);
/* Waits until the watch over cfg->watch_dirs is in place (it is put in
** place on a thread beside the rest of the start): call before the scripts
** are first read, so every later save is seen. At once without a watch. */
void qk_plat_watch_ready(qk_platform *p);
/* 1 when a display server is reachable (checked before opening a window). */
int qk_plat_has_display(void);
const char *qk_plat_renderer_name(const qk_platform *p);

/* ---- time and events ---- */
uint64_t qk_plat_ticks(void);                       /* ms since start, monotonic */
/* Waits up to timeout_ms (-1 = forever) for one event. Returns 1 with *ev
** filled, 0 on timeout. Synthetic mouse events from touch are dropped here. */
int qk_plat_wait_event(qk_platform *p, int timeout_ms, qk_event *ev);
void qk_plat_text_input(qk_platform *p, int on, int x, int y, int w, int h);

/* ---- drawing (physical pixels) ---- */
void qk_plat_drawable_size(qk_platform *p, int *w, int *h);
/* Sets every pixel inside the clip rectangle (the whole target when none is
** set) to c, without blending. */
void qk_plat_clear(qk_platform *p, qk_color c);
void qk_plat_fill_rect(qk_platform *p, float x, float y, float w, float h, qk_color c);
/* Filled triangles: xy holds n vertices (x,y pairs), idx holds m indices. */
void qk_plat_triangles(qk_platform *p, const float *xy, int n, const int *idx, int m, qk_color c);
void qk_plat_set_clip(qk_platform *p, int on, int x, int y, int w, int h);
/* A rectangle with rounded corners on whole pixels: filled when line_width
** <= 0, else an outline line_width px wide drawn inside the rectangle.
** radius is clamped to half the shorter side. The corners are quadrants of
** one cached anti-aliased circle texture (nine-slice) and the straight parts
** plain rectangles, so no pixel is blended twice: SDL 2.26's software
** renderer makes and blends a temporary surface for every triangle, which
** cost more than the rest of a frame. */
void qk_plat_rounded_rect(qk_platform *p, int x, int y, int w, int h, int radius, int line_width, qk_color c);
/* A ring segment centred on (cx, cy): outer radius ro, inner radius ri (0:
** a pie slice), from angle a0 to a1 in degrees (0 = up, clockwise; a span of
** 360 or more is the whole ring). Rasterised anti-aliased into a cached
** texture, so an unchanged ring costs one copy. */
void qk_plat_arc(qk_platform *p, float cx, float cy, float ro, float ri, float a0, float a1, qk_color c);
void qk_plat_present(qk_platform *p);
/* 1 when the pixels drawn so far survive a present and nothing has spoilt
** them since (SDL's software renderer draws into the window's own surface;
** an expose, a resize or a lost render target clears this): then a frame
** may redraw and present only what changed. Always 0 on a GPU renderer,
** whose back buffer is undefined after a present. */
int qk_plat_frame_intact(const qk_platform *p);
/* Presents only the n rectangles xywh[4*i..] (physical pixels) when the
** frame is intact, else the whole frame. n == 0 presents nothing. Either
** way the frame counts as intact afterwards on the software renderer. */
void qk_plat_present_rects(qk_platform *p, const int *xywh, int n);
/* Writes the current back buffer (after drawing, before present) as PNG. */
int qk_plat_screenshot(qk_platform *p, const char *path, char *err, size_t errlen);

/* ---- textures ---- */
/* Loads a PNG, JPEG, GIF, BMP or WebP file. Its header is checked first
** (image_probe.h): a picture declaring more than QK_IMAGE_MAX_SIDE px a
** side or QK_IMAGE_MAX_PIXELS is refused before anything is decoded, with
** the path and the declared size in err. NULL on failure. */
qk_texture *qk_plat_image_load(qk_platform *p, const char *path, char *err, size_t errlen);
void qk_plat_texture_size(const qk_texture *t, int *w, int *h);
void qk_plat_texture_draw(qk_platform *p, qk_texture *t, float x, float y, float w, float h, qk_color tint);
void qk_plat_texture_free(qk_texture *t);
size_t qk_plat_texture_bytes(const qk_texture *t);

/* ---- fonts (rasteriser only; choosing files is core/fonts.c) ---- */
qk_font *qk_plat_font_open(const char *path, int face_index, int pixel_size, char *err, size_t errlen);
void qk_plat_font_close(qk_font *f);
/* Changes the size of an open font. One open font per face, resized as
** needed, keeps a single copy of a large CJK face's tables (a few MiB each)
** instead of one per size. */
int qk_plat_font_set_size(qk_font *f, int pixel_size);
int qk_plat_font_height(const qk_font *f);     /* line advance */
int qk_plat_font_ascent(const qk_font *f);
int qk_plat_font_has_glyph(const qk_font *f, uint32_t codepoint);
/* Width in pixels of UTF-8 text s[0..len) shaped as one run. */
int qk_plat_font_measure(qk_font *f, const char *s, size_t len);
/* Rasterises one run in colour c (its alpha is applied when drawn, from
** the draw's tint). Drawn later, such a texture takes only the tint's
** alpha: a texture without colour modulation blits on SDL's fast path,
** which made text 2-3x cheaper to draw than white glyphs tinted. NULL on
** failure. */
qk_texture *qk_plat_font_render(qk_platform *p, qk_font *f, const char *s, size_t len, qk_color c);

#endif
