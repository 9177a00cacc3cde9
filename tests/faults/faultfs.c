/*
** faultfs.c — a storage-fault shim for tests (never shipped). Built as a
** shared module (qk_faultfs) and loaded into the kiosk with LD_PRELOAD, it
** wraps the calls that make data durable and can slow them down, fail them,
** count them, or kill the process at one of them: a power cut at an exact
** write call, a full disk, a dying SD card, cheap flash.
**
** Only the shim reads these environment variables (all optional):
**   FAULTFS_MATCH=SUFFIX     the files it acts on: a path ending in SUFFIX,
**                            SUFFIX-wal or SUFFIX-journal (e.g. results.db).
**                            Unset: every regular file the process writes.
**   FAULTFS_FSYNC_DELAY_MS=N sleep N ms in each fsync/fdatasync of a
**                            matching file.
**   FAULTFS_KILL_AT=N        SIGKILL the process itself at the N-th
**                            write-ish call (write, pwrite, pwrite64, fsync,
**                            fdatasync, ftruncate, ftruncate64) to a
**                            matching file, before that call reaches the
**                            file: the power goes at that call.
**   FAULTFS_FAIL_FILE=PATH   while PATH exists, write-ish calls to matching
**                            files fail. Its content (first word) says how:
**                            "EIO" (default) fails writes, truncates and
**                            syncs with EIO; "ENOSPC" fails writes and
**                            truncates with ENOSPC (a full disk; syncs pass).
**                            Tests create and remove PATH while the kiosk
**                            runs to make storage fail and come back.
**   FAULTFS_COUNT_FILE=PATH  kept up to date at every counted call, before
**                            the call goes ahead (a kill leaves it current:
**                            the last call it counts may be unfinished):
**                              syncs N    fsync + fdatasync calls
**                              writes N   write + pwrite calls
**                              calls N    every write-ish call (as KILL_AT
**                                         counts them)
**                            on matching files.
**
** The real functions are found with dlsym(RTLD_NEXT). With an ASan build of
** the kiosk, LD_PRELOAD needs ASAN_OPTIONS=verify_asan_link_order=0 (the
** shim is built without sanitizers, and so comes before libasan).
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* The exported wrappers have no header: they replace libc's at load time. */
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off);
int fsync(int fd);
int fdatasync(int fd);
int ftruncate(int fd, off_t len);
int ftruncate64(int fd, off64_t len);

enum call { C_WRITE, C_SYNC, C_TRUNC };

static const char *match;       /* FAULTFS_MATCH, NULL = every file */
static long delay_ms, kill_at;  /* 0 = off */
static const char *fail_file;   /* FAULTFS_FAIL_FILE */
static int count_fd = -1;       /* FAULTFS_COUNT_FILE, kept open */
static atomic_long n_writeish, n_syncs, n_writes;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_fsync)(int), (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t), (*real_ftruncate64)(int, off64_t);

static void save_counts(void);

static long env_long(const char *name) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : 0;
}

/* A wrapper may run before the constructor (another library's
** constructor writing): resolve lazily as well. */
static void resolve(void) {
  if (real_write) return;
  real_pwrite = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
  real_pwrite64 = (ssize_t(*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");
  real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  real_ftruncate = (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate");
  real_ftruncate64 = (int (*)(int, off64_t))dlsym(RTLD_NEXT, "ftruncate64");
  real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  if (!real_write || !real_pwrite || !real_pwrite64 || !real_fsync || !real_fdatasync ||
      !real_ftruncate || !real_ftruncate64) {
    static const char msg[] = "faultfs: cannot find the real libc functions\n";
    if (real_write) real_write(2, msg, sizeof msg - 1);
    abort();
  }
}

__attribute__((constructor)) static void faultfs_init(void) {
  resolve();
  match = getenv("FAULTFS_MATCH");
  if (match && !*match) match = NULL;
  delay_ms = env_long("FAULTFS_FSYNC_DELAY_MS");
  kill_at = env_long("FAULTFS_KILL_AT");
  fail_file = getenv("FAULTFS_FAIL_FILE");
  if (fail_file && !*fail_file) fail_file = NULL;
  const char *count = getenv("FAULTFS_COUNT_FILE");
  if (count && *count) {
    count_fd = open(count, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (count_fd < 0) {
      fprintf(stderr, "faultfs: cannot write the count file %s: %s\n", count, strerror(errno));
      abort(); /* a test that asked for counts must not get silence */
    }
  }
  save_counts(); /* zeros until the first counted call */
}

static int ends_with(const char *s, size_t n, const char *suffix, const char *extra) {
  size_t a = strlen(suffix), b = strlen(extra);
  if (n < a + b) return 0;
  return memcmp(s + n - a - b, suffix, a) == 0 && memcmp(s + n - b, extra, b) == 0;
}

/* Whether fd names a file the shim acts on (looked up per call: fds are
** reused, and a file moved away stops matching, as it should). */
static int matches(int fd) {
  if (fd < 0 || fd == count_fd) return 0;
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0 || path[0] != '/') return 0; /* pipes, sockets, ttys: never */
  path[n] = 0;
  if (!match) return 1;
  return ends_with(path, (size_t)n, match, "") || ends_with(path, (size_t)n, match, "-wal") ||
         ends_with(path, (size_t)n, match, "-journal");
}

static void save_counts(void) {
  if (count_fd < 0) return;
  char text[128];
  int len = snprintf(text, sizeof text, "syncs %ld\nwrites %ld\ncalls %ld\n", atomic_load(&n_syncs),
                     atomic_load(&n_writes), atomic_load(&n_writeish));
  /* Best effort by design: a count file that cannot be written shows as
  ** a short file, which the test reading it reports. */
  if (real_pwrite(count_fd, text, (size_t)len, 0) == len) (void)real_ftruncate(count_fd, len);
}

/* The fault, if any, for one call on fd: 0 = go ahead, else an errno. */
static int before(int fd, enum call kind) {
  resolve();
  if (!matches(fd)) return 0;
  long call = atomic_fetch_add(&n_writeish, 1) + 1;
  if (kind == C_SYNC) atomic_fetch_add(&n_syncs, 1);
  if (kind == C_WRITE) atomic_fetch_add(&n_writes, 1);
  save_counts();
  if (kill_at > 0 && call == kill_at) raise(SIGKILL);
  if (kind == C_SYNC && delay_ms > 0) {
    struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
  }
  if (fail_file) {
    int saved = errno;
    int c = open(fail_file, O_RDONLY | O_CLOEXEC);
    errno = saved;
    if (c >= 0) {
      char how[16] = {0};
      ssize_t got = read(c, how, sizeof how - 1);
      close(c);
      errno = saved;
      int enospc = got > 0 && strncmp(how, "ENOSPC", 6) == 0;
      if (!enospc) return EIO;
      if (kind != C_SYNC) return ENOSPC;
    }
  }
  return 0;
}

ssize_t write(int fd, const void *buf, size_t n) {
  int e = before(fd, C_WRITE);
  if (e) return errno = e, -1;
  return real_write(fd, buf, n);
}
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  int e = before(fd, C_WRITE);
  if (e) return errno = e, -1;
  return real_pwrite(fd, buf, n, off);
}
ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off) {
  int e = before(fd, C_WRITE);
  if (e) return errno = e, -1;
  return real_pwrite64(fd, buf, n, off);
}
int fsync(int fd) {
  int e = before(fd, C_SYNC);
  if (e) return errno = e, -1;
  return real_fsync(fd);
}
int fdatasync(int fd) {
  int e = before(fd, C_SYNC);
  if (e) return errno = e, -1;
  return real_fdatasync(fd);
}
int ftruncate(int fd, off_t len) {
  int e = before(fd, C_TRUNC);
  if (e) return errno = e, -1;
  return real_ftruncate(fd, len);
}
int ftruncate64(int fd, off64_t len) {
  int e = before(fd, C_TRUNC);
  if (e) return errno = e, -1;
  return real_ftruncate64(fd, len);
}
