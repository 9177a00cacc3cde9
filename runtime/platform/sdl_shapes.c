/*
** sdl_shapes.c — rounded rectangles and ring segments without triangles.
** SDL 2.26's software renderer draws SDL_RenderGeometry by building and
** blending a temporary surface for each triangle's bounding box, so a
** rounded box drawn as a triangle fan cost more than the rest of the frame.
** Here a shape's curved parts are computed once in their colour (with
** anti-aliased alpha) and kept as textures in a small LRU; straight parts
** are plain rectangles. Owns that cache.
*/
#include "sdl_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SHAPE_SLOTS 64
/* A shape bigger than this a side is not cached as one texture (nothing on
** a kiosk screen comes near it): an arc is then drawn with triangles, a
** rounded box gets square corners. */
#define SHAPE_MAX_SIDE 2048

typedef struct {
  unsigned long long used_tick; /* 0 = empty; 64 bits: a kiosk draws shapes for months */
  int kind;         /* 1 = ring (corners), 2 = arc */
  int key[7];
  SDL_Texture *tex;
  int w, h;
} shape_slot;

struct qk_shapes {
  shape_slot slots[SHAPE_SLOTS];
  unsigned long long tick;
};

qk_shapes *qk_shapes_new(void) { return calloc(1, sizeof(qk_shapes)); }

void qk_shapes_free(qk_shapes *s) {
  if (!s) return;
  for (int i = 0; i < SHAPE_SLOTS; i++)
    if (s->slots[i].tex) SDL_DestroyTexture(s->slots[i].tex);
  free(s);
}

static float clamp01(float v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

/* Coverage of the pixel whose centre is dist from the centre by a ring
** between radii ri and ro (ri <= 0: a disc): one pixel's width of ramp at
** each edge, which is what an edge's exact area coverage is to within a few
** percent for radii of a few pixels up. */
static float ring_cover(float dist, float ro, float ri) {
  float c = clamp01(ro - dist + 0.5f);
  if (ri > 0) c -= clamp01(ri - dist + 0.5f);
  return c < 0 ? 0 : c;
}

/* Angle of (dx, dy) from straight up, clockwise, in [0, 2pi). */
static float angle_of(float dx, float dy) {
  float a = atan2f(dx, -dy);
  return a < 0 ? a + 2.0f * (float)M_PI : a;
}

/* Finds a cached texture for kind+key, or the slot to fill (its old
** texture freed). *hit says which. */
static shape_slot *slot_for(qk_shapes *s, int kind, const int key[7], int *hit) {
  shape_slot *lru = &s->slots[0];
  for (int i = 0; i < SHAPE_SLOTS; i++) {
    shape_slot *sl = &s->slots[i];
    if (sl->used_tick && sl->kind == kind && memcmp(sl->key, key, sizeof sl->key) == 0) {
      sl->used_tick = ++s->tick;
      *hit = 1;
      return sl;
    }
    if (sl->used_tick < lru->used_tick) lru = sl;
  }
  if (lru->tex) SDL_DestroyTexture(lru->tex);
  memset(lru, 0, sizeof *lru);
  *hit = 0;
  return lru;
}

/* Makes a streaming-free static texture from an ARGB coverage buffer. */
static SDL_Texture *mask_texture(SDL_Renderer *r, const Uint32 *px, int w, int h) {
  SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!t) return NULL;
  if (SDL_UpdateTexture(t, NULL, px, w * 4) != 0) {
    SDL_DestroyTexture(t);
    return NULL;
  }
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  return t;
}

/* A pixel of colour c covering cover of it. The colour is baked in rather
** than tinted at draw time: an unmodulated static texture blits on SDL's
** run-length-encoded fast path. */
static Uint32 pixel(qk_color c, float cover) {
  return (Uint32)(cover * (float)c.a + 0.5f) << 24 | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

static int packed(qk_color c) { return (int)((unsigned)c.r << 24 | (unsigned)c.g << 16 | (unsigned)c.b << 8 | c.a); }

/* A circle of radius R in colour c centred in a 2R x 2R texture: a disc
** (line == 0) or a ring line px wide. Its quadrants are the four corners. */
static shape_slot *ring_texture(qk_platform *p, int R, int line, qk_color c) {
  int key[7] = {R, line, packed(c), 0, 0, 0, 0}, hit;
  if (!p->shapes || R < 1 || 2 * R > SHAPE_MAX_SIDE) return NULL;
  shape_slot *sl = slot_for(p->shapes, 1, key, &hit);
  if (hit) return sl;
  int D = 2 * R;
  Uint32 *px = malloc((size_t)D * (size_t)D * sizeof *px);
  if (!px) return NULL;
  float ro = (float)R, ri = line > 0 ? (float)(R - line) : 0;
  for (int y = 0; y < D; y++)
    for (int x = 0; x < D; x++) {
      float dx = (float)x + 0.5f - ro, dy = (float)y + 0.5f - ro;
      px[y * D + x] = pixel(c, ring_cover(sqrtf(dx * dx + dy * dy), ro, ri));
    }
  sl->tex = mask_texture(p->renderer, px, D, D);
  free(px);
  if (!sl->tex) return NULL;
  sl->kind = 1;
  memcpy(sl->key, key, sizeof key);
  sl->w = sl->h = D;
  sl->used_tick = ++p->shapes->tick;
  return sl;
}


static void fill(qk_platform *p, int x, int y, int w, int h) {
  if (w <= 0 || h <= 0) return;
  SDL_Rect r = {x, y, w, h};
  SDL_RenderFillRect(p->renderer, &r);
}

/* The straight parts of a rounded rectangle: for a filled one the middle
** column and the two side bands between the corners; for an outline the
** four edges, with the inner corner squares (line > R) counted once. */
static void straight_parts(qk_platform *p, int x, int y, int w, int h, int R, int L) {
  if (L <= 0) {
    fill(p, x + R, y, w - 2 * R, h);
    fill(p, x, y + R, R, h - 2 * R);
    fill(p, x + w - R, y + R, R, h - 2 * R);
    return;
  }
  int side = L < R ? L : R;
  fill(p, x + R, y, w - 2 * R, L);
  fill(p, x + R, y + h - L, w - 2 * R, L);
  fill(p, x, y + R, side, h - 2 * R);
  fill(p, x + w - side, y + R, side, h - 2 * R);
  if (L > R) {
    fill(p, x + R, y + L, L - R, h - 2 * L);
    fill(p, x + w - L, y + L, L - R, h - 2 * L);
  }
}

void qk_plat_rounded_rect(qk_platform *p, int x, int y, int w, int h, int radius, int line_width, qk_color c) {
  if (w <= 0 || h <= 0 || c.a == 0) return;
  int R = radius;
  if (R > w / 2) R = w / 2;
  if (R > h / 2) R = h / 2;
  if (R < 0) R = 0;
  int L = line_width;
  if (L > 0 && (2 * L >= w || 2 * L >= h)) L = 0; /* an outline that thick is the whole box */
  qk_plat_draw_color(p, c);
  shape_slot *ring = R > 0 ? ring_texture(p, R, L, c) : NULL;
  if (R > 0 && !ring) R = 0; /* no texture (out of memory): square corners rather than none */
  straight_parts(p, x, y, w, h, R, L);
  if (!ring) return;
  const int qx[4] = {0, R, 0, R}, qy[4] = {0, 0, R, R};
  const int dx[4] = {x, x + w - R, x, x + w - R}, dy[4] = {y, y, y + h - R, y + h - R};
  for (int i = 0; i < 4; i++) {
    SDL_Rect src = {qx[i], qy[i], R, R}, dst = {dx[i], dy[i], R, R};
    SDL_RenderCopy(p->renderer, ring->tex, &src, &dst);
  }
}

/* An arc as a strip of quads, 4 degrees a segment (no anti-aliasing). */
static void arc_triangles(qk_platform *p, float cx, float cy, float ro, float ri, float a0, float span, qk_color c) {
  enum { MAX_SEG = 90 };
  float xy[4 * (MAX_SEG + 1)];
  int idx[6 * MAX_SEG];
  int seg = (int)(span / 4.0f) + 1;
  if (seg > MAX_SEG) seg = MAX_SEG;
  for (int k = 0; k <= seg; k++) {
    float a = (a0 + span * (float)k / (float)seg - 90.0f) * (float)M_PI / 180.0f;
    xy[4 * k] = cx + ro * cosf(a), xy[4 * k + 1] = cy + ro * sinf(a);
    xy[4 * k + 2] = cx + ri * cosf(a), xy[4 * k + 3] = cy + ri * sinf(a);
  }
  for (int k = 0; k < seg; k++) {
    int *q = &idx[6 * k], o = 2 * k;
    q[0] = o, q[1] = o + 2, q[2] = o + 1, q[3] = o + 2, q[4] = o + 3, q[5] = o + 1;
  }
  qk_plat_triangles(p, xy, 2 * (seg + 1), idx, 6 * seg, c);
}

/* The arc's texture covers its whole circle's box from a whole pixel; the
** centre's fraction of a pixel, the radii and angles are the key (to 1/4 px
** and 1/10 degree), so a ticking countdown makes one new texture a tick and
** an unchanged one none. */
void qk_plat_arc(qk_platform *p, float cx, float cy, float ro, float ri, float a0, float a1, qk_color c) {
  if (ro <= 0 || c.a == 0) return;
  if (ri < 0) ri = 0;
  if (a1 < a0) {
    float t = a0;
    a0 = a1;
    a1 = t;
  }
  float span = a1 - a0;
  if (span <= 0) return;
  if (span >= 360.0f) a0 = 0, span = 360.0f;
  a0 = fmodf(a0, 360.0f);
  if (a0 < 0) a0 += 360.0f;
  int ox = (int)floorf(cx - ro), oy = (int)floorf(cy - ro);
  int side = (int)ceilf(2 * ro) + 2;
  if (side > SHAPE_MAX_SIDE || !p->shapes) {
    arc_triangles(p, cx, cy, ro, ri, a0, span, c);
    return;
  }
  float fx = cx - (float)ox, fy = cy - (float)oy;
  int key[7] = {(int)lroundf(fx * 4), (int)lroundf(fy * 4), (int)lroundf(ro * 4), (int)lroundf(ri * 4),
                (int)lroundf(a0 * 10), (int)lroundf(span * 10), packed(c)};
  int hit;
  shape_slot *sl = slot_for(p->shapes, 2, key, &hit);
  if (!hit) {
    Uint32 *px = malloc((size_t)side * (size_t)side * sizeof *px);
    if (!px) return;
    float qfx = (float)key[0] / 4, qfy = (float)key[1] / 4, qro = (float)key[2] / 4, qri = (float)key[3] / 4;
    float start = (float)key[4] / 10 * (float)M_PI / 180.0f, sp = (float)key[5] / 10 * (float)M_PI / 180.0f;
    const float full = 2.0f * (float)M_PI;
    for (int y = 0; y < side; y++)
      for (int x = 0; x < side; x++) {
        float dx = (float)x + 0.5f - qfx, dy = (float)y + 0.5f - qfy, d = sqrtf(dx * dx + dy * dy);
        float cov = ring_cover(d, qro, qri);
        if (cov > 0 && sp < full) {
          float rel = angle_of(dx, dy) - start;
          if (rel < 0) rel += full;
          /* Distance in pixels to the nearer straight edge, along the arc. */
          float edge = rel <= sp ? (rel < sp - rel ? rel : sp - rel) * d + 0.5f
                                 : 0.5f - (rel - sp < full - rel ? rel - sp : full - rel) * d;
          cov *= clamp01(edge);
        }
        px[y * side + x] = pixel(c, cov);
      }
    sl->tex = mask_texture(p->renderer, px, side, side);
    free(px);
    if (!sl->tex) return;
    sl->kind = 2;
    memcpy(sl->key, key, sizeof key);
    sl->w = sl->h = side;
    sl->used_tick = ++p->shapes->tick;
  }
  SDL_Rect dst = {ox, oy, sl->w, sl->h};
  SDL_RenderCopy(p->renderer, sl->tex, NULL, &dst);
}
