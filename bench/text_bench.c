/*
** text_bench.c — bench/text: lays out and draws the 10 single-choice
** questions of the customer-service seed one after another, as question
** screens (stem + four options) at 1280x800 and 1080x1920, through the real
** text engine and software renderer (headless). Reports the per-screen time
** with a cold cache (first showing) and a warm cache (showing them again),
** medians of several passes.
**   qk_bench_text [PASSES=7]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "paths.h"
#include "text.h"

static const struct { const char *stem; const char *opts[4]; } questions[10] = {
  {"1.根据2026年客户服务行业规范,以下哪项不属于客户服务专员的核心职责?",
   {"A.处理客户投诉并达成解决方案", "B.定期向客户发送营销推广信息", "C.收集客户反馈并优化服务流程", "D.协助销售团队完成业绩指标"}},
  {"2.2026年客户服务规范强调“首问负责制”,以下哪项最能体现该原则?",
   {"A.将客户问题转交给其他部门后不再跟进", "B.无论问题复杂与否,均由受理人全程负责", "C.仅在客户情绪激动时才提供重点服务", "D.对超出权限的问题直接拒绝客户请求"}},
  {"3.针对地域差异(如方言问题),2026年客户服务专员应采取哪种策略?",
   {"A.仅服务普通话客户以简化流程", "B.使用方言工具辅助沟通,但优先推荐普通话", "C.要求客户必须使用标准普通话", "D.放弃服务方言地区客户"}},
  {"4.根据2026年行业数据,客户满意度提升的关键因素中,以下哪项权重最高?",
   {"A.问题解决速度", "B.服务人员专业度", "C.客户等待时长", "D.服务态度亲和力"}},
  {"5.客户服务专员在记录服务日志时,以下哪项最符合规范?",
   {"A.仅记录客户投诉内容", "B.详细记录沟通过程及解决方案", "C.删除敏感客户信息后记录", "D.使用非正式语言描述事件"}},
  {"6.针对VIP客户(如2026年新增的“银卡”级别),服务专员应优先采取哪种沟通方式?",
   {"A.标准电话客服渠道", "B.等待客户主动联系", "C.主动发起多渠道沟通(如微信+专属热线)", "D.仅邮件回复"}},
  {"7.客户服务专员在处理跨部门协作时,以下哪项行为最规范?",
   {"A.将问题转交后不再询问进展", "B.通过内部协作系统实时更新进度", "C.仅在问题升级时才联系相关部门", "D.要求其他部门必须立即响应"}},
  {"8.针对复杂技术问题,2026年客户服务专员应遵循的流程是?",
   {"A.直接承诺解决时限", "B.告知客户“稍后联系”", "C.评估后分步骤沟通解决方案", "D.仅提供通用操作指南"}},
  {"9.客户服务专员在收到客户表扬时,以下哪项处理最恰当?",
   {"A.忽略表扬以专注处理投诉", "B.向直属上级汇报并感谢客户", "C.在社交媒体公开感谢客户", "D.要求客户提供更多个人信息"}},
  {"10.根据2026年合规要求,客户服务专员在处理敏感信息(如健康咨询)时,以下哪项最符合隐私保护?",
   {"A.与同事讨论客户病情细节", "B.仅在授权系统内记录并加密存储", "C.通过语音留言转达信息", "D.要求客户自行提供完整病历"}},
};

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void draw_question(qk_draw *d, int i) {
  const qk_view *v = qk_draw_view(d);
  float w = v->lw - 80, tw, th, y = 40;
  qk_draw_clear(d, (qk_color){244, 246, 250, 255});
  qk_text_opts stem = {.size = 30, .width = w, .bold = 1};
  qk_draw_text(d, questions[i].stem, strlen(questions[i].stem), &stem, 40, y, (qk_color){20, 30, 50, 255}, &tw, &th);
  y += th + 30;
  for (int k = 0; k < 4; k++) {
    qk_text_opts o = {.size = 26, .width = w - 48};
    float ow, oh;
    qk_draw_measure(d, questions[i].opts[k], strlen(questions[i].opts[k]), &o, &ow, &oh, NULL);
    qk_draw_rect(d, 40, y, w, oh + 32, (qk_color){255, 255, 255, 255}, 14, 0);
    qk_draw_rect(d, 40, y, w, oh + 32, (qk_color){200, 208, 220, 255}, 14, 2);
    qk_draw_text(d, questions[i].opts[k], strlen(questions[i].opts[k]), &o, 64, y + 16, (qk_color){20, 30, 50, 255}, &tw, &th);
    y += oh + 32 + 16;
  }
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void run(int width, int height, int passes) {
  char err[512], data[2048], fonts[2200];
  qk_platform_config pc = {.width = width, .height = height, .headless = 1};
  qk_platform *p = qk_plat_open(&pc, err, sizeof err);
  if (!p) {
    fprintf(stderr, "%s\n", err);
    exit(1);
  }
  if (qk_paths_data_dir(data, sizeof data) != 0) data[0] = 0;
  snprintf(fonts, sizeof fonts, "%s/fonts", data);
  const char *dirs[1] = {fonts};
  double cold[64], warm[64];
  for (int pass = 0; pass < passes; pass++) {
    /* A new text engine per pass: nothing cached, fonts opened again. */
    qk_text *t = qk_text_new(p, dirs, 1, NULL, err, sizeof err);
    qk_draw *d = t ? qk_draw_new(p, t) : NULL;
    if (!d) {
      fprintf(stderr, "%s\n", err);
      exit(1);
    }
    double c = 0, w = 0;
    for (int round = 0; round < 2; round++)
      for (int i = 0; i < 10; i++) {
        double t0 = now_ms();
        qk_draw_begin(d);
        draw_question(d, i);
        qk_plat_present(p);
        double dt = now_ms() - t0;
        if (round == 0) c += dt; else w += dt;
      }
    cold[pass] = c / 10;
    warm[pass] = w / 10;
    qk_text_stats st;
    qk_text_stats_get(t, &st);
    if (pass == 0)
      printf("  %dx%d: %ld layouts built, %ld reused, %ld runs rasterised, %.1f MiB of run textures\n", width, height,
             st.layouts_built, st.layouts_reused, st.runs_rendered, (double)st.texture_bytes / (1 << 20));
    qk_draw_free(d);
    qk_text_free(t);
  }
  qsort(cold, (size_t)passes, sizeof cold[0], cmp);
  qsort(warm, (size_t)passes, sizeof warm[0], cmp);
  printf("  %dx%d per question screen: cold %.2f ms, warm %.2f ms (median of %d passes; warm/cold %.2f)\n", width,
         height, cold[passes / 2], warm[passes / 2], passes, warm[passes / 2] / cold[passes / 2]);
  qk_plat_close(p);
}

int main(int argc, char **argv) {
  int passes = argc > 1 ? atoi(argv[1]) : 7;
  if (passes < 1 || passes > 64) passes = 7;
  printf("text bench: the seed's 10 single-choice questions as screens\n");
  run(1280, 800, passes);
  run(1080, 1920, passes);
  return 0;
}
