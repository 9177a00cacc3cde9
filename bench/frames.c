/*
** frames.c — bench/frames: the CPU cost of a frame, quizkiosk against the
** bare SDL2 + SDL_ttf program, run alternately (bare, then each quizkiosk
** case, RUNS times over) at each screen size, headless on SDL's software
** renderer. Both print one "frame-cpu MS ..." line per presented frame
** (quizkiosk with QUIZKIOSK_BENCH=frames or =whole, see draw_frame.c; the
** bare program in its frame mode, see bare.c). Cases:
**   whole  — the question screen of tests/widgets/apps/question redrawn
**            whole, warm (QUIZKIOSK_BENCH=whole): against bare redrawing it
**   press  — the same taps drawn as they are: a press highlight and a
**            changed choice per frame (only the changed region redrawn)
**   clock  — the countdown ticking, one frame a second
**   scroll — dragging a long explanation (bench/frames/explain): frame
**            times against 16.7 ms (60 fps) and 33.3 ms (30 fps)
**   animate — real time, not a replay (bench/frames/animate): frames
**            presented during 3 s of animation, i.e. the frame rate the
**            loop's pacing and the work together give
** Prints medians over runs, with the range, and ratios.
**   qk_bench_frames QUIZKIOSK BARE FONT SOURCE_DIR [RUNS=5] [SIZES=1280x800,1920x1080,3840x2160]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FRAMES 1024
#define MAX_RUNS 25

typedef struct {
  double ms[MAX_FRAMES];
  double px[MAX_FRAMES]; /* pixels redrawn; -1 when the program does not say */
  int n;
} frames;

/* Runs argv with QUIZKIOSK_BENCH=bench (NULL: unset) and collects its
** frame lines. Returns 0 when it exited 0. */
static int collect(char *const argv[], const char *bench, frames *out) {
  int fds[2];
  out->n = 0;
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 2);
    if (bench) setenv("QUIZKIOSK_BENCH", bench, 1);
    else unsetenv("QUIZKIOSK_BENCH");
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    execv(argv[0], argv);
    _exit(127);
  }
  close(fds[1]);
  FILE *in = fdopen(fds[0], "r");
  char line[512];
  while (in && fgets(line, sizeof line, in)) {
    double ms, px = -1;
    if (sscanf(line, "frame-cpu %lf ms, %lf px", &ms, &px) >= 1 && out->n < MAX_FRAMES) {
      out->ms[out->n] = ms;
      out->px[out->n] = px;
      out->n++;
    }
  }
  if (in) fclose(in);
  int status = 0;
  waitpid(pid, &status, 0);
  /* timeout(1) ends a real-time run: its 124 is the expected end. */
  return WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 124) ? 0 : -1;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The q-quantile (0.5 = median) of v[0..n), sorted in place. */
static double quantile(double *v, int n, double q) {
  if (n <= 0) return -1;
  qsort(v, (size_t)n, sizeof *v, cmp);
  int i = (int)(q * (n - 1) + 0.5);
  return v[i];
}

/* Frames from index skip on (the first ones are cold: start-up, first
** layout), only those that redrew something when changed_only. */
static double frame_quantile(const frames *f, int skip, int changed_only, double q) {
  double v[MAX_FRAMES];
  int n = 0;
  for (int i = skip; i < f->n; i++)
    if (!changed_only || f->px[i] != 0) v[n++] = f->ms[i];
  return quantile(v, n, q);
}

typedef struct {
  double v[MAX_RUNS];
  int n;
} series;

static void add(series *s, double x) {
  if (x >= 0 && s->n < MAX_RUNS) s->v[s->n++] = x;
}

static void summary(char *buf, size_t len, series *s, const char *unit) {
  if (s->n == 0) {
    snprintf(buf, len, "n/a");
    return;
  }
  double c[MAX_RUNS];
  memcpy(c, s->v, sizeof c);
  double med = quantile(c, s->n, 0.5);
  snprintf(buf, len, "%.2f%s (%.2f-%.2f)", med, unit, c[0], c[s->n - 1]);
}

static double median_of(series *s) {
  double c[MAX_RUNS];
  memcpy(c, s->v, sizeof c);
  return quantile(c, s->n, 0.5);
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: qk_bench_frames QUIZKIOSK BARE FONT SOURCE_DIR [RUNS] [SIZES]\n");
    return 2;
  }
  const char *qk = argv[1], *bare = argv[2], *font = argv[3], *src = argv[4];
  int runs = argc > 5 ? atoi(argv[5]) : 5;
  char sizes[256];
  snprintf(sizes, sizeof sizes, "%s", argc > 6 ? argv[6] : "1280x800,1920x1080,3840x2160");
  if (runs < 1 || runs > MAX_RUNS) return 2;
  char animate[4096], question[4096], explain[4096], taps[4096], clock_rp[4096], scroll[4096], db[64];
  snprintf(question, sizeof question, "%s/tests/widgets/apps/question", src);
  snprintf(explain, sizeof explain, "%s/bench/frames/explain", src);
  snprintf(animate, sizeof animate, "%s/bench/frames/animate", src);
  snprintf(taps, sizeof taps, "%s/bench/frames/taps.replay", src);
  snprintf(clock_rp, sizeof clock_rp, "%s/bench/frames/clock.replay", src);
  snprintf(scroll, sizeof scroll, "%s/bench/frames/scroll.replay", src);
  snprintf(db, sizeof db, "/tmp/qk-bench-frames-%d.db", (int)getpid());
  printf("frames: CPU ms per frame, medians of %d interleaved runs (range), software renderer, headless\n", runs);
  int failed = 0;
  for (char *size = strtok(sizes, ","); size; size = strtok(NULL, ",")) {
    char w[16], h[16], frames_arg[] = "40";
    if (sscanf(size, "%15[0-9]x%15[0-9]", w, h) != 2) return 2;
    char *bare_argv[] = {(char *)bare, (char *)font, w, h, frames_arg, NULL};
    char *q_taps[] = {(char *)qk, question, "--headless", "--window", size, "--replay", taps, "--db", db, NULL};
    char *q_clock[] = {(char *)qk, question, "--headless", "--window", size, "--replay", clock_rp, "--db", db, NULL};
    char *q_scroll[] = {(char *)qk, explain, "--headless", "--window", size, "--replay", scroll, "--db", db, NULL};
    /* Windowed on the offscreen driver, so the loop runs in real time. */
    char *q_anim[] = {"/usr/bin/timeout", "4", (char *)qk, animate, "--window", size, "--db", db, NULL};
    series sb = {0}, sw = {0}, sp = {0}, sc = {0}, s50 = {0}, s90 = {0}, smax = {0}, rw = {0}, sfps = {0}, sacpu = {0};
    for (int r = 0; r < runs; r++) {
      frames f;
      double b = -1;
      if (collect(bare_argv, NULL, &f) == 0) add(&sb, b = frame_quantile(&f, 5, 0, 0.5));
      else failed = 1;
      unlink(db);
      if (collect(q_taps, "whole", &f) == 0) {
        double x = frame_quantile(&f, 6, 0, 0.5);
        add(&sw, x);
        if (b > 0) add(&rw, x / b);
      } else failed = 1;
      unlink(db);
      if (collect(q_taps, "frames", &f) == 0) add(&sp, frame_quantile(&f, 6, 1, 0.5));
      else failed = 1;
      unlink(db);
      if (collect(q_clock, "frames", &f) == 0) add(&sc, frame_quantile(&f, 4, 1, 0.5));
      else failed = 1;
      unlink(db);
      if (collect(q_scroll, "frames", &f) == 0) {
        add(&s50, frame_quantile(&f, 3, 1, 0.5));
        add(&s90, frame_quantile(&f, 3, 1, 0.9));
        add(&smax, frame_quantile(&f, 3, 1, 1.0));
      } else failed = 1;
      unlink(db);
      if (collect(q_anim, "frames", &f) == 0) {
        int n = 0;
        for (int i = 1; i < f.n; i++) n += f.px[i] != 0; /* after the first frame: the animation's */
        add(&sfps, n / 3.0);
        add(&sacpu, frame_quantile(&f, 1, 1, 0.5));
      } else failed = 1;
      unlink(db);
      char journal[80];
      snprintf(journal, sizeof journal, "%s-wal", db);
      unlink(journal);
      snprintf(journal, sizeof journal, "%s-shm", db);
      unlink(journal);
    }
    char a[64], b2[64], c[64], d[64], e[64], g[64], k[64], m[64], fps[64], acpu[64];
    summary(fps, sizeof fps, &sfps, " fps");
    summary(acpu, sizeof acpu, &sacpu, " ms");
    summary(a, sizeof a, &sb, " ms");
    summary(b2, sizeof b2, &sw, " ms");
    summary(k, sizeof k, &rw, "x");
    summary(c, sizeof c, &sp, " ms");
    summary(d, sizeof d, &sc, " ms");
    summary(e, sizeof e, &s50, " ms");
    summary(g, sizeof g, &s90, " ms");
    summary(m, sizeof m, &smax, " ms");
    double bare_med = median_of(&sb), whole_med = median_of(&sw);
    int big = atoi(w) * atoi(h) > 1920 * 1080;
    double budget = big ? 1000.0 / 30 : 1000.0 / 60;
    printf("%s:\n", size);
    printf("  warm redraw, whole screen: quizkiosk %s, bare %s, ratio %s (goal <= 1.5)\n", b2, a, k);
    printf("  press highlight + choice:  %s = %.2f of a whole frame, %.2fx bare (goal < 1 whole frame)\n", c,
           median_of(&sp) / whole_med, median_of(&sp) / bare_med);
    printf("  countdown tick:            %s = %.2f of a whole frame, %.2fx bare\n", d, median_of(&sc) / whole_med,
           median_of(&sc) / bare_med);
    printf("  scrolling (drag) frames:   median %s, p90 %s, max %s; p90 %s %.1f ms (%d fps)\n", e, g, m,
           median_of(&s90) <= budget ? "within" : "OVER", budget, big ? 30 : 60);
    printf("  animation, real time:      %s, %s of CPU a frame (goal %d fps)\n", fps, acpu, big ? 30 : 60);
  }
  if (failed) fprintf(stderr, "some runs failed (see the programs' own output by running them by hand)\n");
  return failed;
}
