/*
** bare.c — the baseline for bench/startup: a bare C program that opens an
** SDL2 window and draws the same kind of first screen with SDL_ttf on the
** same renderer choice quizkiosk makes (software framebuffer), the way a
** hand-written kiosk would. Prints "first-frame MS" (MS: the CPU time of all
** its threads so far) after its first present and
** then idles in SDL_WaitEvent like a kiosk waiting for a touch (with
** QUIZKIOSK_BENCH=exit it exits there instead, as quizkiosk does).
**   qk_bare_kiosk FONT_FILE WIDTH HEIGHT
** With a frame count it is instead bench/frames' baseline: it draws the
** question screen of tests/widgets/apps/question (progress, countdown, stem,
** four option boxes, two buttons, at the kiosk's scale for that screen) that
** many times with its text kept as textures, as a hand-written kiosk would
** redraw it, and prints each frame's CPU time (drawing plus present):
**   qk_bare_kiosk FONT_FILE WIDTH HEIGHT FRAMES
** With "question" instead of a count, the question screen is its first
** screen: drawn once, announced and idled on as the chooser is (the
** baseline of `qk_bench_startup` with QK_BENCH_SCREEN=question).
**   qk_bare_kiosk FONT_FILE WIDTH HEIGHT question
** With "demo", its first screen is the demo's chooser as quizkiosk draws it
** at 1280x800 (scripts/apps/demo: the same strings, sizes, bold face from
** the matching Bold file, places and colours; cards as plain rectangles),
** where the default chooser is a lighter screen of the same kind.
**   qk_bare_kiosk FONT_FILE WIDTH HEIGHT demo
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

/* Draws s wrapped at wrap pixels; returns the height drawn (0 on failure). */
static int draw_text(SDL_Renderer *r, TTF_Font *f, const char *s, int x, int y, int wrap, SDL_Color c) {
  SDL_Surface *surf = TTF_RenderUTF8_Blended_Wrapped(f, s, c, (Uint32)wrap);
  if (!surf) return 0;
  int h = surf->h;
  SDL_Texture *t = SDL_CreateTextureFromSurface(r, surf);
  SDL_Rect dst = {x, y, surf->w, surf->h};
  if (t) SDL_RenderCopy(r, t, NULL, &dst);
  SDL_DestroyTexture(t);
  SDL_FreeSurface(surf);
  return h;
}

static double thread_cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct { SDL_Texture *t; SDL_Rect r; } text_piece;

/* Text in its colour, kept as a texture: what a hand-written kiosk keeps. */
static text_piece piece(SDL_Renderer *r, TTF_Font *f, const char *s, int x, int y, int wrap, Uint8 cr, Uint8 cg,
                        Uint8 cb) {
  text_piece p = {NULL, {x, y, 0, 0}};
  SDL_Color fg = {cr, cg, cb, 255};
  SDL_Surface *surf = TTF_RenderUTF8_Blended_Wrapped(f, s, fg, (Uint32)wrap);
  if (!surf) return p;
  p.t = SDL_CreateTextureFromSurface(r, surf);
  p.r.w = surf->w;
  p.r.h = surf->h;
  SDL_FreeSurface(surf);
  return p;
}

static void fill(SDL_Renderer *r, int x, int y, int w, int h, Uint8 cr, Uint8 cg, Uint8 cb) {
  SDL_Rect rc = {x, y, w, h};
  SDL_SetRenderDrawColor(r, cr, cg, cb, 255);
  SDL_RenderFillRect(r, &rc);
}

static void copy(SDL_Renderer *r, text_piece *p) {
  if (p->t) SDL_RenderCopy(r, p->t, NULL, &p->r);
}

/* After the first present: print "first-frame MS" (the CPU time of all
** threads so far, as quizkiosk prints it), then exit (QUIZKIOSK_BENCH=exit)
** or idle in SDL_WaitEvent like a kiosk waiting for a touch. */
static void first_frame_then_idle(void) {
  struct timespec cpu = {0, 0};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  printf("first-frame %.2f\n", (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6);
  fflush(stdout);
  const char *bench = getenv("QUIZKIOSK_BENCH");
  if (bench && strcmp(bench, "exit") == 0) _exit(0);
  SDL_Event e;
  while (SDL_WaitEvent(&e))
    if (e.type == SDL_QUIT) break;
}

/* The question screen, redrawn frames times from cached text textures;
** frames 0: drawn once as the first screen (first_frame_then_idle). */
static int question_frames(SDL_Renderer *r, const char *font, int w, int h, int frames) {
  int first_screen = frames == 0;
  if (first_screen) frames = 1;
  int shorter = w < h ? w : h;
  double logical = shorter < 600 ? 600 : shorter > 800 ? 800 : shorter, k = shorter / logical;
#define P(v) ((int)((v) * k + 0.5))
  TTF_Font *heading = TTF_OpenFont(font, P(34)), *body = TTF_OpenFont(font, P(28)), *small = TTF_OpenFont(font, P(22));
  if (!heading || !body || !small) return 1;
  TTF_SetFontStyle(heading, TTF_STYLE_BOLD);
  int m = P(40), cw = w - 2 * m, y = m;
  const char *opts[4] = {"将客户问题转交给其他部门后不再跟进", "无论问题复杂与否，均由受理人全程负责", "仅在客户情绪激动时才提供重点服务",
                         "对超出权限的问题直接拒绝客户请求"};
  const char *letters[4] = {"A", "B", "C", "D"};
  text_piece progress = piece(r, small, "第 2 题 / 共 13 题 · 单选题（每题 2 分）", m, y, cw - P(100), 90, 100, 120);
  text_piece clock = piece(r, body, "45", w - m - P(56), y + P(20), 0, 37, 99, 235);
  text_piece stem = piece(r, heading, "2.2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？", m, y + P(100), cw, 20, 30, 50);
  text_piece opt[4], let[4];
  int oy = stem.r.y + stem.r.h + P(24), oh = P(80);
  for (int i = 0; i < 4; i++) {
    opt[i] = piece(r, body, opts[i], m + P(84), oy + i * (oh + P(14)) + P(22), cw - P(120), 20, 30, 50);
    let[i] = piece(r, body, letters[i], m + P(32), oy + i * (oh + P(14)) + P(22), 0, i == 1 ? 255 : 90,
                   i == 1 ? 255 : 100, i == 1 ? 255 : 120);
  }
  text_piece chosen = piece(r, small, "已选择 B", m, oy + 4 * (oh + P(14)), 0, 90, 100, 120);
  text_piece prev = piece(r, body, "上一题", m + P(130), h - m - P(50), 0, 20, 30, 50);
  text_piece next = piece(r, body, "下一题", m + cw / 2 + P(180), h - m - P(50), 0, 255, 255, 255);
  for (int f = 0; f < frames; f++) {
    double t0 = thread_cpu_ms();
    SDL_SetRenderDrawColor(r, 244, 246, 250, 255);
    SDL_RenderClear(r);
    copy(r, &progress);
    fill(r, m, y + P(44), cw - P(100), P(12), 226, 232, 240);
    fill(r, m, y + P(44), (cw - P(100)) * 2 / 13, P(12), 37, 99, 235);
    fill(r, w - m - P(76), y, P(76), P(76), 37, 99, 235);
    fill(r, w - m - P(70), y + P(6), P(64), P(64), 244, 246, 250);
    copy(r, &clock);
    copy(r, &stem);
    for (int i = 0; i < 4; i++) {
      int by = oy + i * (oh + P(14));
      fill(r, m, by, cw, oh, 200, 208, 220);
      fill(r, m + P(2), by + P(2), cw - P(4), oh - P(4), i == 1 ? 232 : 255, i == 1 ? 240 : 255, 255);
      fill(r, m + P(20), by + P(18), P(44), P(44), i == 1 ? 37 : 226, i == 1 ? 99 : 232, i == 1 ? 235 : 240);
      copy(r, &let[i]);
      copy(r, &opt[i]);
    }
    copy(r, &chosen);
    fill(r, m, h - m - P(64), cw * 3 / 10, P(64), 226, 232, 240);
    fill(r, m + cw * 3 / 10 + P(20), h - m - P(64), cw * 7 / 10 - P(20), P(64), 37, 99, 235);
    copy(r, &prev);
    copy(r, &next);
    SDL_RenderPresent(r);
    if (first_screen) first_frame_then_idle();
    else printf("frame-cpu %.3f ms\n", thread_cpu_ms() - t0);
  }
#undef P
  fflush(stdout);
  return 0;
}

/* Centred text in a box (the demo's Start buttons). */
static void draw_centred(SDL_Renderer *r, TTF_Font *f, const char *s, SDL_Rect box, SDL_Color c) {
  int tw = 0, th = 0;
  if (TTF_SizeUTF8(f, s, &tw, &th) != 0) return;
  draw_text(r, f, s, box.x + (box.w - tw) / 2, box.y + (box.h - th) / 2, 0, c);
}

/* The demo's chooser as quizkiosk lays it out at 1280x800 (its places
** read off tests/ref/flows_demo_1280x800.png): theme sizes title 44 and
** heading 34 in bold, body 28, small 22; muted text, 2-unit card borders. */
static int demo_chooser(SDL_Renderer *r, const char *regular, int w, int h) {
  char bold[4096];
  const char *at = strstr(regular, "Regular");
  if (!at || snprintf(bold, sizeof bold, "%.*sBold%s", (int)(at - regular), regular, at + 7) >= (int)sizeof bold)
    return 1;
  TTF_Font *title = TTF_OpenFont(bold, 44), *heading = TTF_OpenFont(bold, 34), *button = TTF_OpenFont(bold, 28);
  TTF_Font *body = TTF_OpenFont(regular, 28), *small = TTF_OpenFont(regular, 22);
  if (!title || !heading || !button || !body || !small) return 1;
  static const char *const titles[3] = {"客户服务专员筛选测试", "客服经理面试", "服务达人快问快答"};
  static const char *const en[3] = {"Customer-service specialist screening", "Customer-service manager interview",
                                    "Service pro quick quiz"};
  static const char *const texts[3] = {"单选 + 多选 · 13 题 · 20 分钟 · 招聘模式（不显示正确答案）",
                                       "行为 · 情景 · 业务能力题 · 书面作答，面试官按要点评分",
                                       "展会互动 · 5 题 · 答得越快分越高 · 排行榜"};
  SDL_Color ink = {20, 30, 50, 255}, muted = {90, 100, 120, 255}, white = {255, 255, 255, 255};
  int x0 = (w - 1000) / 2;
  SDL_SetRenderDrawColor(r, 243, 245, 249, 255);
  SDL_RenderClear(r);
  draw_text(r, title, "欢迎 · Welcome", x0, 38, 1000, ink);
  draw_text(r, body, "请选择一个测试 · Choose a kiosk", x0, 130, 1000, muted);
  for (int i = 0; i < 3; i++) {
    SDL_Rect card = {x0 + i * 340, 201, 320, 440};
    fill(r, card.x, card.y, card.w, card.h, 112, 122, 140);
    fill(r, card.x + 2, card.y + 2, card.w - 4, card.h - 4, 255, 255, 255);
    int y = card.y + 22;
    y += draw_text(r, heading, titles[i], card.x + 20, y, 280, ink) + 6;
    y += draw_text(r, small, en[i], card.x + 20, y, 280, muted) + 10;
    draw_text(r, body, texts[i], card.x + 20, y, 280, muted);
    SDL_Rect start = {card.x + 20, card.y + card.h - 84, 280, 64};
    fill(r, start.x, start.y, start.w, start.h, 37, 99, 235);
    draw_centred(r, button, "开始 · Start", start, white);
  }
  const char *shot = getenv("QK_BARE_SHOT"); /* a BMP of the screen, to compare it with quizkiosk's */
  SDL_Surface *pix = shot ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
  if (pix && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, pix->pixels, pix->pitch) == 0)
    SDL_SaveBMP(pix, shot);
  SDL_FreeSurface(pix);
  SDL_RenderPresent(r);
  first_frame_then_idle();
  TTF_CloseFont(title), TTF_CloseFont(heading), TTF_CloseFont(button), TTF_CloseFont(body), TTF_CloseFont(small);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int w = atoi(argv[2]), h = atoi(argv[3]);
  int question = argc > 4 && strcmp(argv[4], "question") == 0, demo = argc > 4 && strcmp(argv[4], "demo") == 0;
  int frames = argc > 4 && !question && !demo ? atoi(argv[4]) : 0;
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) return 1;
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_Window *win = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, 0);
  SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
  if (r && (frames > 0 || question)) return question_frames(r, argv[1], w, h, frames);
  if (r && demo) return demo_chooser(r, argv[1], w, h);
  TTF_Font *title = TTF_OpenFont(argv[1], 44), *body = TTF_OpenFont(argv[1], 26), *small = TTF_OpenFont(argv[1], 20);
  if (!r || !title || !body || !small) return 1;
  SDL_SetRenderDrawColor(r, 244, 246, 250, 255);
  SDL_RenderClear(r);
  SDL_Color ink = {20, 30, 50, 255}, grey = {90, 100, 120, 255}, white = {255, 255, 255, 255};
  draw_text(r, title, "欢迎使用 quizkiosk 答题终端", 60, 60, w - 120, ink);
  draw_text(r, body, "请选择要参加的测试：客户服务专员筛选测试、客服经理面试题、展会趣味问答。", 60, 150, w - 120, grey);
  for (int i = 0; i < 3; i++) {
    SDL_Rect card = {60 + i * ((w - 120) / 3), 260, (w - 120) / 3 - 24, 220};
    SDL_SetRenderDrawColor(r, 37, 99, 235, 255);
    SDL_RenderFillRect(r, &card);
    draw_text(r, body, i == 0 ? "客户服务专员" : i == 1 ? "客服经理面试" : "展会问答", card.x + 24, card.y + 24, card.w - 48, white);
    draw_text(r, small, "轻触开始", card.x + 24, card.y + 160, card.w - 48, white);
  }
  SDL_RenderPresent(r);
  first_frame_then_idle();
  TTF_CloseFont(title);
  TTF_CloseFont(body);
  TTF_CloseFont(small);
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(win);
  TTF_Quit();
  SDL_Quit();
  return 0;
}
