/*
** supervise.c — see supervise.h.
*/
#include "supervise.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "watchdog.h"

#define FIRST_PAUSE_MS 1000
#define MAX_PAUSE_MS 30000
#define QUICK_DEATH_MS 10000   /* a child dying this soon after starting doubles the pause */
#define HEALTHY_MS 60000       /* a child that lived this long resets it */
#define STOP_GRACE_MS 10000    /* after passing on a stop signal, then SIGKILL */
#define TEST_RESTARTS 3

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

static int64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms) {
  struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000};
  nanosleep(&ts, NULL); /* a stop signal cuts it short: the caller checks */
}

static int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

static void describe(int status, char *out, size_t len) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == QK_EXIT_WATCHDOG)
    snprintf(out, len, "was ended by its watchdog (status %d)", QK_EXIT_WATCHDOG);
  else if (WIFEXITED(status))
    snprintf(out, len, "exited with status %d", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    snprintf(out, len, "was killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
  else
    snprintf(out, len, "ended (wait status %d)", status);
}

/* Waits for the child, passing on a stop signal and killing it if it does
** not end within the grace period. Returns its wait status, or -1. */
static int wait_child(pid_t pid) {
  int passed_on = 0;
  int64_t kill_at = 0;
  for (;;) {
    if (stop_signal && !passed_on) {
      kill(pid, stop_signal);
      passed_on = 1;
      kill_at = mono_ms() + STOP_GRACE_MS;
    }
    int status;
    pid_t r = waitpid(pid, &status, passed_on ? WNOHANG : 0);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) {
      fprintf(stderr, "quizkiosk: supervisor: cannot wait for the kiosk (pid %ld): %s\n", (long)pid, strerror(errno));
      return -1;
    }
    if (passed_on) {
      if (mono_ms() >= kill_at) {
        fprintf(stderr, "quizkiosk: supervisor: the kiosk did not stop within %d s; killing it\n", STOP_GRACE_MS / 1000);
        kill(pid, SIGKILL);
        kill_at = INT64_MAX;
      }
      sleep_ms(50);
    }
  }
}

static int run_child(qk_child_main run, void *ctx, pid_t parent, int64_t crashed_at) {
  /* The kiosk must not outlive its supervisor (a second one would find it
  ** holding the screen and the database). */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(1);
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  return run(ctx, crashed_at);
}

int qk_supervise(qk_child_main run, void *ctx, int test_run) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop; /* no SA_RESTART: waitpid returns to look at it */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  fflush(NULL); /* nothing buffered twice */

  int64_t crashed_at = 0, pause = FIRST_PAUSE_MS;
  int restarts = 0;
  pid_t self = getpid();
  for (;;) {
    int64_t born = mono_ms();
    pid_t pid = fork();
    if (pid < 0) {
      fprintf(stderr, "quizkiosk: supervisor: cannot start the kiosk: %s\n", strerror(errno));
      if (stop_signal) return 128 + stop_signal;
      sleep_ms(pause);
      continue;
    }
    if (pid == 0) exit(run_child(run, ctx, self, crashed_at));
    int status = wait_child(pid);
    if (status < 0) return 1;
    int code = exit_code(status);
    if (stop_signal) return code;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0; /* staff quit, or the replay ended */
    int64_t lived = mono_ms() - born;
    crashed_at = wall_ms();
    char what[160];
    describe(status, what, sizeof what);
    int by_watchdog = WIFEXITED(status) && WEXITSTATUS(status) == QK_EXIT_WATCHDOG;
    if (test_run && ((!by_watchdog && !WIFSIGNALED(status)) || restarts >= TEST_RESTARTS)) {
      fprintf(stderr, "quizkiosk: supervisor: the kiosk (pid %ld) %s; not restarted (replay)\n", (long)pid, what);
      return code;
    }
    if (lived >= HEALTHY_MS) pause = FIRST_PAUSE_MS;
    fprintf(stderr, "quizkiosk: supervisor: the kiosk (pid %ld) %s after %lld.%01lld s; restarting it in %lld.%01lld s\n",
            (long)pid, what, (long long)(lived / 1000), (long long)(lived % 1000 / 100), (long long)(pause / 1000),
            (long long)(pause % 1000 / 100));
    sleep_ms(pause);
    if (stop_signal) return code;
    if (lived < QUICK_DEATH_MS) pause = pause * 2 > MAX_PAUSE_MS ? MAX_PAUSE_MS : pause * 2;
    restarts++;
  }
}
