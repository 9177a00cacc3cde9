/*
** error_screen.c — paints the two screens the kiosk shows instead of the
** app: "script error" (the message large, the traceback small) and "results
** cannot be saved — call staff", each with the seconds left until the next
** try. The whole screen is one element, "Tap to restart". In full-screen
** kiosk mode the public sees a calm "one moment" instead of the traceback
** (it stays in the log); windowed development runs show it.
*/
#include <stdio.h>
#include <string.h>

#include "app_int.h"

void app_draw_error_screen(qk_app *a) {
  int no_store = a->state == STATE_NO_STORE;
  int calm = a->opt.fullscreen && !no_store; /* kiosk mode: no traceback for the public */
  const char *title = no_store ? "无法保存结果 · Results cannot be saved"
                      : calm   ? "请稍候 · One moment, please"
                               : "脚本出错 · Script error";
  const char *message = calm ? "出了点小问题，马上重新开始。需要帮助请联系工作人员。\n"
                               "Something went wrong; starting again in a moment. Please ask staff if you need help."
                             : a->error;
  const qk_view *v = qk_draw_view(a->draw);
  qk_color bg = {32, 22, 24, 255}, band = {190, 40, 40, 255}, white = {255, 255, 255, 255};
  qk_color soft = {255, 214, 214, 255}, grey = {190, 190, 196, 255};
  if (calm) bg = (qk_color){24, 32, 48, 255}, band = (qk_color){90, 120, 180, 255};
  float pad = 32, w = v->lw - 2 * pad, tw, th, y = pad;
  qk_draw_clear(a->draw, bg);
  qk_draw_rect(a->draw, 0, 0, v->lw, 12, band, 0, 0);
  qk_text_opts o = {.size = 34, .bold = 1, .width = w};
  if (qk_draw_text(a->draw, title, strlen(title), &o, pad, y + 20, white, &tw, &th) != 0)
    return; /* no font: the red band still tells something is wrong; the log has the text */
  y += 20 + th + 16;
  /* First line of the message large, the traceback below it small. */
  const char *nl = calm ? NULL : strchr(message, '\n');
  size_t first = nl ? (size_t)(nl - message) : strlen(message);
  o = (qk_text_opts){.size = 24, .width = w, .max_lines = 4};
  qk_draw_text(a->draw, message, first, &o, pad, y, calm ? white : soft, &tw, &th);
  y += th + 20;
  uint64_t now = app_now(a);
  int secs = a->error_until > now ? (int)((a->error_until - now + 999) / 1000) : 0;
  char footer[400];
  if (no_store)
    snprintf(footer, sizeof footer,
             "请联系工作人员。已保存的答案不会丢失，恢复后自动继续（%d 秒后重试）\n"
             "Please call staff. Saved answers are safe; the test goes on once storage works (retry in %d s)",
             secs, secs);
  else
    /* Chinese and English on lines of their own: one run-on line broke
    ** "(automatically / in 8 s)" across lines on a portrait screen. */
    snprintf(footer, sizeof footer, "轻触屏幕重新开始（%d 秒后自动重新开始）\nTap to restart (automatically in %d s)", secs,
             secs);
  qk_text_opts fo = {.size = 22, .width = w, .align = QK_ALIGN_CENTER};
  float fw, fh;
  qk_draw_measure(a->draw, footer, strlen(footer), &fo, &fw, &fh, NULL);
  float footer_y = v->lh - pad - fh;
  if (nl) {
    qk_text_opts to = {.size = 17, .width = w};
    float room = footer_y - 16 - y;
    float line_h;
    qk_draw_measure(a->draw, "Ag", 2, &to, &fw, &line_h, NULL);
    to.max_lines = line_h > 0 ? (int)(room / line_h) : 1;
    if (to.max_lines > 0) qk_draw_text(a->draw, nl + 1, strlen(nl + 1), &to, pad, y, grey, &tw, &th);
  }
  qk_draw_text(a->draw, footer, strlen(footer), &fo, pad, footer_y, white, &tw, &th);
  qk_draw_element(a->draw, "Tap to restart", 0, 0, v->lw, v->lh);
}
