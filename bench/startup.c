/*
** startup.c — bench/startup: time from process start to first presented
** frame (wall clock; CPU of the main thread; CPU of all threads, as the
** program reports it in its "first-frame MS" line), PSS after it, and CPU
** used over an idle period, for quizkiosk (its
** demo's first screen) and for the bare SDL2 + SDL_ttf program, run
** alternately so both see the same machine. Reports medians and ratios.
**   qk_bench_startup QUIZKIOSK BARE FONT [RUNS=7] [IDLE_S=10] [WxH=1280x800]
** The bare program's default first screen is a chooser lighter than the
** demo's (8 strings in one regular face). QK_BENCH_SCREEN picks a bare
** screen that is the same as the kiosk's:
**   demo      the demo's chooser as quizkiosk draws it at 1280x800 (the same
**             strings, sizes, bold face, places)
**   question  the question screen of bench/frames: the kiosk runs
**             tests/widgets/apps/question under $QUIZKIOSK_DATA
** QK_BENCH_APP=DIR: another app than the demo.
** The kiosk's results database is the bench's own (a fresh folder under
** $TMPDIR), made by one start before the measured ones. Each start is
** stopped as systemd stops a kiosk (SIGTERM: the database is closed
** cleanly), so the next one is a normal start; QK_BENCH_UNCLEAN=1 stops
** it with SIGKILL instead, so every start follows an unclean shutdown (the
** write-ahead log recovered, PRAGMA quick_check), as after a power cut.
** Needs a display (run it under Xvfb: see bench/README.md).
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long pss_kib(pid_t pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
  FILE *f = fopen(path, "r");
  long v = -1;
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "Pss: %ld kB", &v) == 1) break;
  fclose(f);
  return v;
}

static double cpu_ms(pid_t pid) {
  char path[64], buf[2048];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  unsigned long ut = 0, st = 0;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2) return -1;
  return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/* CPU time the process's main thread has run, in ms, from the scheduler's
** nanosecond count: on a loaded machine the wall-clock time to the first
** frame mostly measures waiting for a core, this what the program costs. */
static double sched_cpu_ms(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
  FILE *f = fopen(path, "r");
  unsigned long long ns = 0;
  int ok = f && fscanf(f, "%llu", &ns) == 1;
  if (f) fclose(f);
  return ok ? (double)ns / 1e6 : -1;
}

typedef struct { double first_ms, first_cpu_ms, first_all_cpu_ms; long pss; double idle_cpu_ms; } sample;

static int unclean; /* QK_BENCH_UNCLEAN: stop with SIGKILL (main sets it once) */

/* Stops a program: SIGTERM and up to 5 s to close cleanly (then SIGKILL), or
** SIGKILL at once with QK_BENCH_UNCLEAN. */
static void stop(pid_t pid) {
  kill(pid, unclean ? SIGKILL : SIGTERM);
  for (int i = 0; !unclean && i < 500; i++) {
    if (waitpid(pid, NULL, WNOHANG) == pid) return;
    usleep(10 * 1000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

/* Removes the bench's database folder: the database, what SQLite keeps
** beside it, and the kiosk's log (quizkiosk.log, beside its database). */
static void remove_bench_dir(const char *dir, const char *db) {
  static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
  char p[4300];
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    snprintf(p, sizeof p, "%s%s", db, sides[i]);
    unlink(p);
  }
  snprintf(p, sizeof p, "%s/quizkiosk.log", dir);
  unlink(p);
  if (rmdir(dir) != 0) fprintf(stderr, "qk_bench_startup: %s left behind (not empty)\n", dir);
}

static int run_once(char *const argv[], int idle_s, sample *out) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  double t0 = now_ms();
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execv(argv[0], argv);
    _exit(127);
  }
  close(fds[1]);
  FILE *in = fdopen(fds[0], "r");
  char line[256];
  int ok = 0;
  while (in && fgets(line, sizeof line, in))
    if (strncmp(line, "first-frame", 11) == 0) {
      ok = 1;
      /* "first-frame MS": the CPU time of all its threads, as the program read it (-1: not given) */
      if (sscanf(line + 11, "%lf", &out->first_all_cpu_ms) != 1) out->first_all_cpu_ms = -1;
      break;
    }
  out->first_ms = now_ms() - t0;
  out->first_cpu_ms = sched_cpu_ms(pid);
  usleep(300 * 1000); /* let it settle into its idle wait */
  out->pss = pss_kib(pid);
  out->idle_cpu_ms = -1;
  if (ok && idle_s > 0) {
    double c0 = cpu_ms(pid);
    sleep((unsigned)idle_s);
    out->idle_cpu_ms = cpu_ms(pid) - c0;
  }
  stop(pid);
  if (in) fclose(in);
  return ok ? 0 : -1;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: qk_bench_startup QUIZKIOSK BARE FONT [RUNS] [IDLE_S] [WxH]\n");
    return 2;
  }
  int runs = argc > 4 ? atoi(argv[4]) : 7, idle_s = argc > 5 ? atoi(argv[5]) : 10;
  const char *size = argc > 6 ? argv[6] : "1280x800";
  char w[16], h[16];
  if (sscanf(size, "%15[0-9]x%15[0-9]", w, h) != 2 || runs < 1 || runs > 50) return 2;
  setenv("QUIZKIOSK_BENCH", "1", 1);
  /* QK_BENCH_APP: another app than the demo (its first screen is measured). */
  const char *app = getenv("QK_BENCH_APP"), *screen = getenv("QK_BENCH_SCREEN"), *data = getenv("QUIZKIOSK_DATA");
  int question = screen && strcmp(screen, "question") == 0, demo = screen && strcmp(screen, "demo") == 0;
  if (screen && !question && !demo && strcmp(screen, "chooser") != 0) {
    fprintf(stderr, "QK_BENCH_SCREEN: chooser, demo or question\n");
    return 2;
  }
  char question_app[4096];
  if (question && !app) {
    if (!data || snprintf(question_app, sizeof question_app, "%s/tests/widgets/apps/question", data) >= (int)sizeof question_app) {
      fprintf(stderr, "QK_BENCH_SCREEN=question needs QUIZKIOSK_DATA (the checkout)\n");
      return 2;
    }
    app = question_app;
  }
  const char *unc = getenv("QK_BENCH_UNCLEAN");
  unclean = unc && *unc && strcmp(unc, "0") != 0;
  const char *tmp = getenv("TMPDIR");
  char dir[4096], db[4200];
  snprintf(dir, sizeof dir, "%s/qk-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    perror("qk_bench_startup: a folder for the results database");
    return 1;
  }
  snprintf(db, sizeof db, "%s/results.db", dir);
  char *qk[] = {argv[1], "--window", (char *)size, "--db", db, (char *)app, NULL};
  char *bare[] = {argv[2], argv[3], w, h, question ? "question" : demo ? "demo" : NULL, NULL};
  double qf[50], bf[50], qp[50], bp[50], qc[50], bc[50], qu[50], bu[50], qa[50], ba[50];
  int nq = 0, nb = 0;
  sample warm; /* not measured: makes the database, fills the font match cache */
  if (run_once(qk, 0, &warm) != 0) fprintf(stderr, "qk_bench_startup: the warm-up start showed no frame\n");
  for (int i = 0; i < runs; i++) {
    sample s;
    int idle = i == 0 ? idle_s : 0; /* idle CPU from the first run of each */
    if (run_once(bare, idle, &s) == 0) {
      bf[nb] = s.first_ms, bp[nb] = (double)s.pss, bc[nb] = s.idle_cpu_ms, bu[nb] = s.first_cpu_ms, ba[nb] = s.first_all_cpu_ms;
      nb++;
    }
    if (run_once(qk, idle, &s) == 0) {
      qf[nq] = s.first_ms, qp[nq] = (double)s.pss, qc[nq] = s.idle_cpu_ms, qu[nq] = s.first_cpu_ms, qa[nq] = s.first_all_cpu_ms;
      nq++;
    }
  }
  if (!nq || !nb) {
    fprintf(stderr, "no successful runs (quizkiosk %d, bare %d): is there a display?\n", nq, nb);
    remove_bench_dir(dir, db);
    return 1;
  }
  /* The idle CPU comes from the first run of each: read it before sorting. */
  double qc0 = qc[0], bc0 = bc[0];
  double lo_q = qf[0], hi_q = qf[0], lo_b = bf[0], hi_b = bf[0];
  for (int i = 1; i < nq; i++) lo_q = qf[i] < lo_q ? qf[i] : lo_q, hi_q = qf[i] > hi_q ? qf[i] : hi_q;
  for (int i = 1; i < nb; i++) lo_b = bf[i] < lo_b ? bf[i] : lo_b, hi_b = bf[i] > hi_b ? bf[i] : hi_b;
  double mqf = median(qf, nq), mbf = median(bf, nb), mqp = median(qp, nq), mbp = median(bp, nb);
  double mqu = median(qu, nq), mbu = median(bu, nb), mqa = median(qa, nq), mba = median(ba, nb);
  remove_bench_dir(dir, db);
  printf("startup at %s, %s, %s screen, %d runs each (medians)\n", size,
         unclean ? "each start after an unclean shutdown" : "normal starts",
         question ? "question" : demo ? "demo chooser (the same in both)" : "kiosk: demo chooser, bare: lighter chooser", runs);
  printf("  first frame, wall: quizkiosk %.1f ms (%.1f-%.1f), bare %.1f ms (%.1f-%.1f), ratio %.2f (target <= 1.2)\n", mqf,
         lo_q, hi_q, mbf, lo_b, hi_b, mqf / mbf);
  printf("  first frame, CPU:  quizkiosk %.1f ms, bare %.1f ms, ratio %.2f\n", mqu, mbu, mqu / mbu);
  /* The main thread's time is the start-up latency's share; work moved to
  ** another thread (the database open) still costs CPU: all threads too. */
  if (mqa >= 0 && mba >= 0)
    printf("  first frame, CPU of all threads: quizkiosk %.1f ms, bare %.1f ms, ratio %.2f\n", mqa, mba, mqa / mba);
  printf("  PSS:         quizkiosk %.1f MiB, bare %.1f MiB, ratio %.2f (target <= 1.3)\n", mqp / 1024, mbp / 1024, mqp / mbp);
  if (idle_s > 0)
    printf("  idle CPU over %d s: quizkiosk %.0f ms (%.2f%%), bare %.0f ms (%.2f%%)\n", idle_s, qc0,
           qc0 / (idle_s * 10.0), bc0, bc0 / (idle_s * 10.0));
  return 0;
}
