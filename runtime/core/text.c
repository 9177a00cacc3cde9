/*
** text.c — see text.h. Three caches, each bounded:
**   - open fonts per (family set, face, pixel size), least recently used closed;
**   - widths of single characters (most Chinese segments are one character);
**   - laid-out blocks with their run textures, in an LRU by count and bytes.
** Textures are rendered only when a block is first drawn, not when measured.
*/
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"

#define MAX_FACES 16
#define MAX_SETS 8
#define MAX_OPEN 32
#define FALLBACK_SLOTS 512 /* per set, power of two */
#define WIDTH_SLOTS 8192   /* power of two */
#define BUCKETS 1024       /* power of two */
#define MAX_ENTRIES 768

typedef struct {
  char family[128];
  int bold;
  qk_font_file faces[MAX_FACES];
  int nfaces;
  uint32_t fb_cp[FALLBACK_SLOTS]; /* codepoint + 1 (0 = empty) */
  int8_t fb_face[FALLBACK_SLOTS]; /* face, or -1 when no font has it */
  int fb_count;
} font_set;

typedef struct {
  int set, face, px;
  qk_font *font;
  unsigned long used;
} open_font;

typedef struct entry {
  uint64_t hash;
  struct entry *hnext;       /* bucket chain */
  struct entry *prev, *next; /* LRU, most recent first */
  int set, px, max_width, max_lines;
  size_t src_len;            /* the input's length: layout.text starts with it */
  qk_text_layout layout;
  qk_texture **tex;          /* one per run, NULL until drawn */
  float *dy;                 /* per run: baseline shift of a fallback face (set with its texture) */
  qk_color tex_color;        /* the colour the textures were rendered in */
  size_t bytes;
  int line_height, ascent;
} entry;

struct qk_text {
  qk_platform *plat;
  qk_fonts *fonts;
  char default_family[128];
  font_set sets[MAX_SETS];
  int nsets;
  open_font open[MAX_OPEN];
  int nopen;
  unsigned long tick;
  uint64_t wc_key[WIDTH_SLOTS];
  int wc_w[WIDTH_SLOTS];
  entry *buckets[BUCKETS];
  entry lru; /* sentinel */
  size_t nentries, bytes;
  size_t budget;             /* texture bytes kept (qk_text_set_screen) */
  qk_text_stats stats;
  long built_mark;           /* stats.layouts_built at the last qk_text_take_new_layouts */
  char err[256];
};

/* ---- fonts ---- */

/* One open font per face of a set, set to the size asked for: a CJK face
** costs megabytes of tables per open copy, a size change only its (small)
** glyph cache. Layouts and rendered runs are cached above this anyway. */
static qk_font *font_get(qk_text *t, int set, int face, int px) {
  for (int i = 0; i < t->nopen; i++) {
    open_font *o = &t->open[i];
    if (o->set == set && o->face == face) {
      if (o->px != px) {
        if (qk_plat_font_set_size(o->font, px) != 0) {
          snprintf(t->err, sizeof t->err, "cannot size font to %d px", px);
          return NULL;
        }
        o->px = px;
      }
      o->used = ++t->tick;
      return o->font;
    }
  }
  const qk_font_file *ff = &t->sets[set].faces[face];
  qk_font *f = qk_plat_font_open(ff->path, ff->index, px, t->err, sizeof t->err);
  if (!f) return NULL;
  int slot = t->nopen;
  if (slot == MAX_OPEN) {
    slot = 0;
    for (int i = 1; i < MAX_OPEN; i++)
      if (t->open[i].used < t->open[slot].used) slot = i;
    qk_plat_font_close(t->open[slot].font);
  } else {
    t->nopen++;
  }
  t->open[slot] = (open_font){set, face, px, f, ++t->tick};
  return f;
}

/* Closes every open font: only when their set slots are reused, and at the
** end. qk_text_flush keeps them: between visitors the same faces are wanted
** again at once, and reopening a CJK face costs ~1.7 ms of the first frame
** (the probe in qk_text_new was opened, closed by app_start's flush and
** opened again). At most MAX_OPEN stay open, one per face of a set. */
static void close_fonts(qk_text *t) {
  for (int i = 0; i < t->nopen; i++) qk_plat_font_close(t->open[i].font);
  t->nopen = 0;
}

static int set_get(qk_text *t, const char *family, int bold) {
  if (!family || !*family) family = t->default_family;
  for (int i = 0; i < t->nsets; i++)
    if (t->sets[i].bold == bold && strcmp(t->sets[i].family, family) == 0) return i;
  qk_font_file ff;
  if (qk_fonts_match(t->fonts, family, bold, &ff) != 0) return -1;
  int i = t->nsets < MAX_SETS ? t->nsets++ : MAX_SETS - 1; /* reuse the last slot */
  if (i == MAX_SETS - 1 && t->nsets == MAX_SETS) { /* the slot's old fonts and blocks go with it */
    qk_text_flush(t);
    close_fonts(t);
  }
  font_set *s = &t->sets[i];
  memset(s, 0, sizeof *s);
  snprintf(s->family, sizeof s->family, "%s", family);
  s->bold = bold;
  s->faces[0] = ff;
  s->nfaces = 1;
  return i;
}

typedef struct {
  qk_text *t;
  int set, px;
} measure_ctx;

static int fallback_face(qk_text *t, int set, uint32_t cp) {
  font_set *s = &t->sets[set];
  unsigned h = (cp * 2654435761u) & (FALLBACK_SLOTS - 1);
  while (s->fb_cp[h]) {
    if (s->fb_cp[h] == cp + 1) return s->fb_face[h];
    h = (h + 1) & (FALLBACK_SLOTS - 1);
  }
  if (s->fb_count >= FALLBACK_SLOTS / 2) { /* keep probing short: start over */
    memset(s->fb_cp, 0, sizeof s->fb_cp);
    s->fb_count = 0;
    h = (cp * 2654435761u) & (FALLBACK_SLOTS - 1);
  }
  int face = -1;
  qk_font_file ff;
  if (qk_fonts_fallback(t->fonts, s->family, s->bold, cp, &ff) == 0) {
    for (int i = 0; i < s->nfaces; i++)
      if (s->faces[i].index == ff.index && strcmp(s->faces[i].path, ff.path) == 0) face = i;
    if (face < 0 && s->nfaces < MAX_FACES) {
      face = s->nfaces++;
      s->faces[face] = ff;
    }
  }
  s->fb_cp[h] = cp + 1;
  s->fb_face[h] = (int8_t)face;
  s->fb_count++;
  return face;
}

static int font_for(void *ud, uint32_t cp) {
  measure_ctx *m = ud;
  qk_font *main_font = font_get(m->t, m->set, 0, m->px);
  if (!main_font || cp < 0x20 || qk_plat_font_has_glyph(main_font, cp)) return 0;
  int face = fallback_face(m->t, m->set, cp);
  return face < 0 ? 0 : face; /* nothing draws it: the main font's box */
}

static int measure(void *ud, int face, const char *s, size_t len) {
  measure_ctx *m = ud;
  qk_text *t = m->t;
  size_t i = 0;
  uint32_t cp = qk_utf8_next(s, len, &i);
  uint64_t key = 0;
  unsigned h = 0;
  if (i == len) { /* one character: cache its width */
    key = ((uint64_t)cp << 32 | (uint64_t)(unsigned)m->px << 12 | (uint64_t)face << 4 | (uint64_t)m->set) + 1;
    h = (unsigned)((key * 0x9E3779B97F4A7C15ull) >> 51) & (WIDTH_SLOTS - 1);
    if (t->wc_key[h] == key) return t->wc_w[h];
  }
  qk_font *f = font_get(t, m->set, face, m->px);
  int w = f ? qk_plat_font_measure(f, s, len) : 0;
  if (key) {
    t->wc_key[h] = key;
    t->wc_w[h] = w;
  }
  return w;
}

/* ---- the block cache ---- */

static uint64_t hash_of(const char *s, size_t len, int set, const qk_text_style *st) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  int k[4] = {set, st->px, st->max_width, st->max_lines};
  for (int i = 0; i < 4; i++) h = (h ^ (uint64_t)(unsigned)k[i]) * 1099511628211ull;
  return h;
}

static void lru_unlink(entry *e) {
  e->prev->next = e->next;
  e->next->prev = e->prev;
}

static void lru_push_front(qk_text *t, entry *e) {
  e->next = t->lru.next;
  e->prev = &t->lru;
  t->lru.next->prev = e;
  t->lru.next = e;
}

static void entry_free(qk_text *t, entry *e) {
  entry **pp = &t->buckets[e->hash & (BUCKETS - 1)];
  while (*pp && *pp != e) pp = &(*pp)->hnext;
  if (*pp) *pp = e->hnext;
  lru_unlink(e);
  if (e->tex)
    for (int i = 0; i < e->layout.nruns; i++) qk_plat_texture_free(e->tex[i]);
  free(e->tex);
  free(e->dy);
  t->bytes -= e->bytes;
  t->nentries--;
  qk_text_layout_free(&e->layout);
  free(e);
}

static void evict(qk_text *t, const entry *keep) {
  while ((t->nentries > MAX_ENTRIES || t->bytes > t->budget) && t->lru.prev != &t->lru) {
    entry *victim = t->lru.prev;
    if (victim == keep) break;
    entry_free(t, victim);
  }
}

static entry *lookup(qk_text *t, const char *s, size_t len, const qk_text_style *st) {
  int set = set_get(t, st->family, st->bold);
  if (set < 0) {
    snprintf(t->err, sizeof t->err, "no font for family '%s'", st->family ? st->family : t->default_family);
    return NULL;
  }
  uint64_t h = hash_of(s, len, set, st);
  for (entry *e = t->buckets[h & (BUCKETS - 1)]; e; e = e->hnext) {
    if (e->hash == h && e->set == set && e->px == st->px && e->max_width == st->max_width &&
        e->max_lines == st->max_lines && e->src_len == len && memcmp(e->layout.text, s, len) == 0) {
      lru_unlink(e);
      lru_push_front(t, e);
      t->stats.layouts_reused++;
      return e;
    }
  }
  qk_font *main_font = font_get(t, set, 0, st->px);
  if (!main_font) return NULL;
  entry *e = calloc(1, sizeof *e);
  if (!e) return NULL;
  measure_ctx mc = {t, set, st->px};
  qk_text_metrics m = {measure, font_for, &mc};
  if (qk_text_layout_build(&e->layout, s, len, st->max_width, st->max_lines, &m) != 0) {
    free(e);
    return NULL;
  }
  main_font = font_get(t, set, 0, st->px); /* layout may have cycled the open fonts */
  if (!main_font) {
    qk_text_layout_free(&e->layout);
    free(e);
    return NULL;
  }
  e->hash = h;
  e->set = set;
  e->px = st->px;
  e->max_width = st->max_width;
  e->max_lines = st->max_lines;
  e->src_len = len;
  e->line_height = qk_plat_font_height(main_font);
  e->ascent = qk_plat_font_ascent(main_font);
  e->hnext = t->buckets[h & (BUCKETS - 1)];
  t->buckets[h & (BUCKETS - 1)] = e;
  lru_push_front(t, e);
  t->nentries++;
  t->stats.layouts_built++;
  evict(t, e);
  return e;
}

/* ---- public ---- */

qk_text *qk_text_new(qk_platform *p, const char *const *font_dirs, int ndirs, const char *default_family,
                     char *err, size_t errlen) {
  qk_text *t = calloc(1, sizeof *t);
  if (!t) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  t->plat = p;
  t->lru.next = t->lru.prev = &t->lru;
  t->budget = QK_TEXT_MIN_BUDGET;
  snprintf(t->default_family, sizeof t->default_family, "%s",
           default_family && *default_family ? default_family : "Noto Sans CJK SC");
  t->fonts = qk_fonts_new(font_dirs, ndirs, err, errlen);
  if (!t->fonts) {
    free(t);
    return NULL;
  }
  int set = set_get(t, NULL, 0);
  qk_font *probe = set < 0 ? NULL : font_get(t, set, 0, 16);
  if (!probe) {
    snprintf(err, errlen,
             "no usable font found (wanted '%s'%s%s): install fonts-noto-cjk or put a .ttf/.otf/.ttc file in fonts/",
             t->default_family, set < 0 ? "" : ": ", set < 0 ? "" : t->err);
    qk_text_free(t);
    return NULL;
  }
  return t;
}

void qk_text_flush(qk_text *t) {
  while (t->lru.next != &t->lru) entry_free(t, t->lru.next);
  memset(t->wc_key, 0, sizeof t->wc_key);
}

void qk_text_free(qk_text *t) {
  if (!t) return;
  qk_text_flush(t);
  close_fonts(t);
  qk_fonts_free(t->fonts);
  free(t);
}

const char *qk_text_default_font_path(const qk_text *t) { return t->nsets ? t->sets[0].faces[0].path : ""; }

int qk_text_measure(qk_text *t, const char *s, size_t len, const qk_text_style *st, qk_text_block *out) {
  entry *e = lookup(t, s, len, st);
  if (!e) return -1;
  out->layout = &e->layout;
  out->line_height = e->line_height;
  out->width = e->layout.width;
  out->height = e->layout.nlines * e->line_height;
  return 0;
}

/* Rasterises a run; control characters (tabs in tracebacks...) would come
** out as missing-glyph boxes, so they are drawn as spaces. */
static qk_texture *render_run(qk_text *t, qk_font *f, const char *s, size_t len, qk_color c) {
  size_t i = 0;
  while (i < len && (unsigned char)s[i] >= 0x20) i++;
  if (i == len) return qk_plat_font_render(t->plat, f, s, len, c);
  char *copy = malloc(len);
  if (!copy) return NULL;
  for (i = 0; i < len; i++) copy[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
  qk_texture *tex = qk_plat_font_render(t->plat, f, copy, len, c);
  free(copy);
  return tex;
}

void qk_text_set_screen(qk_text *t, int w, int h) {
  size_t want = (size_t)(w > 0 ? w : 0) * (size_t)(h > 0 ? h : 0) * 4u * 3u;
  t->budget = want > QK_TEXT_MIN_BUDGET ? want : QK_TEXT_MIN_BUDGET;
  evict(t, NULL);
}

int qk_text_draw(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y, int align,
                 qk_color c) {
  return qk_text_draw_visible(t, s, len, st, x, y, align, c, NULL);
}

/* Draws s (draw = 1), or only rasterises the runs drawing would need
** (draw = 0: qk_text_prepare_visible), rendering only the runs that meet vis. */
static int draw_runs(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y, int align,
                     qk_color c, const int *vis, int draw) {
  entry *e = lookup(t, s, len, st);
  if (!e) return -1;
  const qk_text_layout *l = &e->layout;
  /* Preparing renders a block once, in its first colour: a block drawn
  ** in a second colour as well renders again while drawing, as it did. */
  if (!draw && e->tex && (e->tex_color.r != c.r || e->tex_color.g != c.g || e->tex_color.b != c.b)) return 0;
  if (!e->tex && l->nruns > 0) {
    e->tex = calloc((size_t)l->nruns, sizeof *e->tex);
    e->dy = calloc((size_t)l->nruns, sizeof *e->dy);
    if (!e->tex || !e->dy) {
      free(e->tex);
      free(e->dy);
      e->tex = NULL;
      e->dy = NULL;
      return -1;
    }
  }
  /* Runs are rendered in their colour (platform.h): another colour than
  ** last time renders them again. */
  if (e->tex && (e->tex_color.r != c.r || e->tex_color.g != c.g || e->tex_color.b != c.b)) {
    for (int i = 0; i < l->nruns; i++) {
      qk_plat_texture_free(e->tex[i]);
      e->tex[i] = NULL;
    }
    t->bytes -= e->bytes;
    e->bytes = 0;
  }
  e->tex_color = c;
  int box = st->max_width > 0 ? st->max_width : l->width;
  for (int li = 0; li < l->nlines; li++) {
    const qk_text_line *ln = &l->lines[li];
    float lx = x;
    if (align == QK_ALIGN_CENTER) lx += (float)(box - ln->width) / 2.0f;
    else if (align == QK_ALIGN_RIGHT) lx += (float)(box - ln->width);
    float ly = y + (float)(li * e->line_height);
    /* A line wholly above or below what shows (with a line's margin for
    ** fallback faces' taller glyphs) is neither drawn nor rasterised. */
    if (vis && (ly + 2.0f * (float)e->line_height < (float)vis[1] || ly - (float)e->line_height > (float)(vis[1] + vis[3])))
      continue;
    for (int ri = ln->first_run; ri < ln->first_run + ln->nruns; ri++) {
      const qk_text_run *r = &l->runs[ri];
      if (!e->tex[ri]) {
        /* The font only for rasterising: sizing a shared face to another
        ** size (TTF_SetFontSize) for every run drawn cost more than the
        ** drawing itself on a warm screen with several text sizes. */
        qk_font *f = font_get(t, e->set, r->font, e->px);
        if (!f) continue;
        e->tex[ri] = render_run(t, f, l->text + r->start, r->len, c);
        if (!e->tex[ri]) continue; /* e.g. only spaces: nothing to draw */
        /* Fallback faces have other ascents: align baselines with the main font. */
        e->dy[ri] = r->font ? (float)(e->ascent - qk_plat_font_ascent(f)) : 0.0f;
        size_t b = qk_plat_texture_bytes(e->tex[ri]);
        e->bytes += b;
        t->bytes += b;
        t->stats.runs_rendered++;
      }
      if (!draw) continue;
      int tw, th;
      qk_plat_texture_size(e->tex[ri], &tw, &th);
      qk_plat_texture_draw(t->plat, e->tex[ri], lx + (float)r->x, ly + e->dy[ri], (float)tw, (float)th, c);
    }
  }
  evict(t, e);
  return 0;
}

int qk_text_draw_visible(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y, int align,
                         qk_color c, const int *vis) {
  return draw_runs(t, s, len, st, x, y, align, c, vis, 1);
}

int qk_text_prepare_visible(qk_text *t, const char *s, size_t len, const qk_text_style *st, float x, float y,
                            int align, qk_color c, const int *vis) {
  return draw_runs(t, s, len, st, x, y, align, c, vis, 0);
}

int qk_text_style_is_current(const qk_text *t, const qk_text_style *st) {
  const char *family = st->family && *st->family ? st->family : t->default_family;
  for (int i = 0; i < t->nopen; i++) {
    const open_font *o = &t->open[i];
    const font_set *s = &t->sets[o->set];
    if (o->face == 0 && o->px == st->px && s->bold == st->bold && strcmp(s->family, family) == 0) return 1;
  }
  return 0;
}

long qk_text_take_new_layouts(qk_text *t) {
  long n = t->stats.layouts_built - t->built_mark;
  t->built_mark = t->stats.layouts_built;
  return n;
}

void qk_text_stats_get(const qk_text *t, qk_text_stats *out) {
  *out = t->stats;
  out->entries = t->nentries;
  out->texture_bytes = t->bytes;
}
