/*
** sdl_watch.c — hot reload's eyes: an inotify watch over the app folder on a
** thread of its own, so the main loop can sleep with no timeout and still wake
** when a trainer saves a .lua file. The thread only pushes an SDL event.
**
** The thread also puts the watches in place (a walk of the app folder and
** the kiosk library: ~16 folders, ~100 entries), beside the window's and
** the fonts' set-up instead of on the main thread before the first frame.
** qk_watch_ready waits for that walk: the caller calls it before the
** scripts are first read, so a save after that read is always seen, as when
** the walk ran before it.
*/
#include "sdl_internal.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

struct qk_watch {
  int ifd;         /* inotify descriptor */
  int stop[2];     /* pipe: writing to stop[1] ends the thread */
  Uint32 event_type;
  SDL_Thread *thread;
  SDL_sem *ready;  /* posted once the watches are in place */
  int waited;      /* qk_watch_ready has returned once (main thread only) */
  char **dirs;     /* the folders to watch, copied for the thread */
  int ndirs;
};

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM)

/* Watches dir and its subfolders (an app keeps its modules in folders). The
** entry's type from readdir spares a stat per file; a link, or a file
** system that does not say, is asked with stat (which follows links, so a
** linked folder is watched too). */
static void add_tree(int ifd, const char *dir, int depth) {
  if (depth > 8 || inotify_add_watch(ifd, dir, WATCH_MASK) < 0) return;
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.') continue;
    if (de->d_type != DT_DIR && de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) continue;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path) continue;
    struct stat st;
    if (de->d_type == DT_DIR || (stat(path, &st) == 0 && S_ISDIR(st.st_mode))) add_tree(ifd, path, depth + 1);
  }
  closedir(d);
}

static int is_script(const struct inotify_event *ie) {
  if (ie->len == 0) return 0;
  size_t n = strlen(ie->name);
  return n > 4 && strcmp(ie->name + n - 4, ".lua") == 0;
}

static int watch_thread(void *arg) {
  qk_watch *w = arg;
  for (int i = 0; i < w->ndirs; i++)
    if (w->dirs[i]) add_tree(w->ifd, w->dirs[i], 0);
  SDL_SemPost(w->ready);
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  struct pollfd fds[2] = {{w->ifd, POLLIN, 0}, {w->stop[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    if (fds[1].revents) return 0;
    ssize_t n = read(w->ifd, buf, sizeof buf);
    if (n <= 0) continue;
    int changed = 0;
    for (char *q = buf; q < buf + n;) {
      const struct inotify_event *ie = (const struct inotify_event *)q;
      if (is_script(ie)) changed = 1;
      q += sizeof *ie + ie->len;
    }
    if (changed) {
      SDL_Event e;
      memset(&e, 0, sizeof e);
      e.type = w->event_type;
      e.user.code = 1;
      SDL_PushEvent(&e);
    }
  }
}

static void watch_free(qk_watch *w) {
  if (w->ifd >= 0) close(w->ifd);
  if (w->stop[0] >= 0) close(w->stop[0]);
  if (w->stop[1] >= 0) close(w->stop[1]);
  if (w->ready) SDL_DestroySemaphore(w->ready);
  for (int i = 0; i < w->ndirs; i++) free(w->dirs[i]);
  free(w->dirs);
  free(w);
}

qk_watch *qk_watch_start(const char *const *dirs, int ndirs, Uint32 event_type) {
  qk_watch *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->event_type = event_type;
  w->stop[0] = w->stop[1] = -1;
  w->ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  w->ready = SDL_CreateSemaphore(0);
  w->dirs = calloc((size_t)(ndirs > 0 ? ndirs : 1), sizeof *w->dirs);
  if (w->ifd < 0 || !w->ready || !w->dirs || pipe(w->stop) != 0) {
    watch_free(w);
    return NULL;
  }
  w->ndirs = ndirs;
  for (int i = 0; i < ndirs; i++)
    if (dirs[i] && !(w->dirs[i] = strdup(dirs[i]))) {
      watch_free(w);
      return NULL;
    }
  w->thread = SDL_CreateThread(watch_thread, "qk-watch", w);
  if (!w->thread) {
    watch_free(w);
    return NULL;
  }
  return w;
}

void qk_watch_ready(qk_watch *w) {
  if (!w || w->waited) return;
  SDL_SemWait(w->ready);
  w->waited = 1;
}

void qk_watch_stop(qk_watch *w) {
  if (!w) return;
  if (write(w->stop[1], "x", 1) < 0) { /* thread is blocked in poll; nothing else to do */ }
  SDL_WaitThread(w->thread, NULL);
  watch_free(w);
}
