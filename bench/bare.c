/*
** bare.c — the baseline for bench/startup: a bare C program that opens an
** SDL2 window and draws the same kind of first screen with SDL_ttf on the
** same renderer choice quizkiosk makes (software framebuffer), the way a
** hand-written kiosk would. Prints "first-frame" after its first present and
** then idles in SDL_WaitEvent like a kiosk waiting for a touch.
**   qk_bare_kiosk FONT_FILE WIDTH HEIGHT
*/
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>
#include <SDL_ttf.h>

static void draw_text(SDL_Renderer *r, TTF_Font *f, const char *s, int x, int y, int wrap, SDL_Color c) {
  SDL_Surface *surf = TTF_RenderUTF8_Blended_Wrapped(f, s, c, (Uint32)wrap);
  if (!surf) return;
  SDL_Texture *t = SDL_CreateTextureFromSurface(r, surf);
  SDL_Rect dst = {x, y, surf->w, surf->h};
  if (t) SDL_RenderCopy(r, t, NULL, &dst);
  SDL_DestroyTexture(t);
  SDL_FreeSurface(surf);
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int w = atoi(argv[2]), h = atoi(argv[3]);
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) return 1;
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_Window *win = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, 0);
  SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
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
  printf("first-frame\n");
  fflush(stdout);
  SDL_Event e;
  while (SDL_WaitEvent(&e))
    if (e.type == SDL_QUIT) break;
  TTF_CloseFont(title);
  TTF_CloseFont(body);
  TTF_CloseFont(small);
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(win);
  TTF_Quit();
  SDL_Quit();
  return 0;
}
