/*
** watchdog_test.c — the watchdog module on its own (runtime/core/watchdog.c):
** each case that must end a process runs in a forked child, so the real
** _exit is what is checked; the systemd messages go to a real datagram
** socket named by NOTIFY_SOCKET, as systemd would receive them.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "watchdog.h"

static int failures;

#define CHECK(cond, ...) do { \
    if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
  } while (0)

static void sleep_ms(int ms) {
  struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* Runs body in a child with its stderr in a pipe; returns the wait status
** and what it wrote. */
static int in_child(void (*body)(void), char *out, size_t outlen) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    body();
    _exit(0);
  }
  close(fds[1]);
  size_t used = 0;
  ssize_t n;
  while ((n = read(fds[0], out + used, outlen - 1 - used)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) used += (size_t)n;
  out[used] = 0;
  close(fds[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return status;
}

/* Kicked more often than the timeout for longer than it: never fires; stop
** ends the thread. */
static void kicked_steadily(void) {
  char err[200];
  qk_watchdog *w = qk_watchdog_start(1000, err, sizeof err);
  if (!w) _exit(3);
  for (int i = 0; i < 150; i++) {
    qk_watchdog_kick(w);
    sleep_ms(10);
  }
  qk_watchdog_stop(w);
  _exit(0);
}

/* Kicks stop: the process ends with QK_EXIT_WATCHDOG and says why. */
static void kicks_stop(void) {
  char err[200];
  qk_watchdog *w = qk_watchdog_start(300, err, sizeof err);
  if (!w) _exit(3);
  qk_watchdog_note(w, "stuck_app");
  qk_watchdog_kick(w);
  for (;;) pause(); /* frozen for good, as in a C loop */
}

/* Before the first kick the start-up allowance applies, not the timeout;
** once kicks begin, the timeout counts. */
static void slow_start(void) {
  char err[200];
  qk_watchdog *w = qk_watchdog_start(200, err, sizeof err);
  if (!w) _exit(3);
  sleep_ms(1000); /* five timeouts without a kick: still alive */
  fprintf(stderr, "alive after start-up\n");
  qk_watchdog_kick(w);
  for (;;) pause();
}

static void test_cap_wait(void) {
  char err[200];
  CHECK(qk_watchdog_cap_wait(NULL, -1) == -1, "NULL leaves the wait alone");
  CHECK(qk_watchdog_cap_wait(NULL, 50) == 50, "NULL leaves the wait alone");
  qk_watchdog *w = qk_watchdog_start(3000, err, sizeof err);
  CHECK(w != NULL, "start: %s", err);
  if (!w) return;
  CHECK(qk_watchdog_cap_wait(w, -1) == 1000, "forever becomes a third of the timeout, got %d", qk_watchdog_cap_wait(w, -1));
  CHECK(qk_watchdog_cap_wait(w, 60000) == 1000, "long waits are capped");
  CHECK(qk_watchdog_cap_wait(w, 400) == 400, "short waits stay");
  qk_watchdog_stop(w);
  w = qk_watchdog_start(0, err, sizeof err); /* off, and no systemd */
  CHECK(w != NULL, "start(0): %s", err);
  CHECK(qk_watchdog_cap_wait(w, -1) == -1, "nothing watching: the wait stays");
  qk_watchdog_kick(w);
  qk_watchdog_stop(w);
}

static int recv_msg(int fd, char *buf, size_t len) {
  ssize_t n = recv(fd, buf, len - 1, MSG_DONTWAIT);
  if (n < 0) return -1;
  buf[n] = 0;
  return 0;
}

/* systemd's side: READY=1 with the first kick, WATCHDOG=1 at most every
** WATCHDOG_USEC/2, STOPPING=1 at the end. */
static void test_systemd(void) {
  char path[] = "/tmp/qk-notify-XXXXXX", sock[200];
  if (!mkdtemp(path)) {
    CHECK(0, "mkdtemp");
    return;
  }
  snprintf(sock, sizeof sock, "%s/notify", path);
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
  CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0, "bind %s", sock);
  setenv("NOTIFY_SOCKET", sock, 1);
  setenv("WATCHDOG_USEC", "2000000", 1);
  char err[200], msg[256];
  qk_watchdog *w = qk_watchdog_start(0, err, sizeof err); /* systemd's watchdog only */
  CHECK(w != NULL, "start: %s", err);
  if (w) {
    CHECK(recv_msg(fd, msg, sizeof msg) != 0, "nothing before the first kick (the first frame)");
    CHECK(qk_watchdog_cap_wait(w, -1) == 666, "waits capped at a third of WatchdogSec, got %d", qk_watchdog_cap_wait(w, -1));
    qk_watchdog_kick(w);
    CHECK(recv_msg(fd, msg, sizeof msg) == 0 && strcmp(msg, "READY=1\nWATCHDOG=1") == 0, "first kick: READY=1");
    qk_watchdog_kick(w);
    CHECK(recv_msg(fd, msg, sizeof msg) != 0, "a kick right after: nothing (rate limit)");
    sleep_ms(1050);
    qk_watchdog_kick(w);
    CHECK(recv_msg(fd, msg, sizeof msg) == 0 && strcmp(msg, "WATCHDOG=1") == 0, "after half the interval: WATCHDOG=1");
    qk_watchdog_stop(w);
    CHECK(recv_msg(fd, msg, sizeof msg) == 0 && strcmp(msg, "STOPPING=1") == 0, "stop: STOPPING=1");
  }
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  close(fd);
  unlink(sock);
  rmdir(path);
}

int main(void) {
  char out[4096];
  int st = in_child(kicked_steadily, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "kicked steadily: status %d, stderr: %s", st, out);

  st = in_child(kicks_stop, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == QK_EXIT_WATCHDOG, "stalled: status %d", st);
  CHECK(strstr(out, "watchdog: the main loop has not come round") && strstr(out, "in stuck_app"),
        "stalled: the line names the stall: %s", out);

  st = in_child(slow_start, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == QK_EXIT_WATCHDOG, "slow start then stall: status %d", st);
  CHECK(strstr(out, "alive after start-up") != NULL, "the start-up allowance: %s", out);

  test_cap_wait();
  test_systemd();
  if (failures) return 1;
  printf("watchdog: all held\n");
  return 0;
}
