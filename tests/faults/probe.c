/*
** probe.c — the faultfs self-test's stand-in for the kiosk: opens FILE and
** makes the calls named on the command line, one line of output each
** ("write ok", "fsync EIO", ...), so the test sees what the shim did.
**   qk_faultfs_probe FILE CALL...   CALL: write pwrite fsync fdatasync truncate
**                                        (and "ms" after a call: its duration)
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: qk_faultfs_probe FILE CALL...\n");
    return 2;
  }
  int fd = open(argv[1], O_RDWR | O_CREAT | O_APPEND, 0644);
  if (fd < 0) {
    fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  long took = 0;
  for (int i = 2; i < argc; i++) {
    const char *c = argv[i];
    if (strcmp(c, "ms") == 0) {
      printf("ms %ld\n", took);
      continue;
    }
    long t0 = now_ms();
    int rc;
    if (strcmp(c, "write") == 0) rc = write(fd, "w", 1) == 1 ? 0 : -1;
    else if (strcmp(c, "pwrite") == 0) rc = pwrite(fd, "p", 1, 0) == 1 ? 0 : -1;
    else if (strcmp(c, "fsync") == 0) rc = fsync(fd);
    else if (strcmp(c, "fdatasync") == 0) rc = fdatasync(fd);
    else if (strcmp(c, "truncate") == 0) rc = ftruncate(fd, 0);
    else {
      fprintf(stderr, "unknown call %s\n", c);
      return 2;
    }
    took = now_ms() - t0;
    int e = errno;
    printf("%s %s\n", c, rc == 0 ? "ok" : e == EIO ? "EIO" : e == ENOSPC ? "ENOSPC" : strerror(e));
    fflush(stdout);
  }
  return close(fd) == 0 ? 0 : 1;
}
