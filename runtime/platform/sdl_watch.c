/*
** sdl_watch.c — hot reload's eyes: an inotify watch over the app folder on a
** thread of its own, so the main loop can sleep with no timeout and still wake
** when a trainer saves a .lua file. The thread only pushes an SDL event.
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
};

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM)

/* Watches dir and its subfolders (an app keeps its modules in folders). */
static void add_tree(int ifd, const char *dir, int depth) {
  if (depth > 8 || inotify_add_watch(ifd, dir, WATCH_MASK) < 0) return;
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.') continue;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path) continue;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) add_tree(ifd, path, depth + 1);
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

qk_watch *qk_watch_start(const char *const *dirs, int ndirs, Uint32 event_type) {
  qk_watch *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->event_type = event_type;
  w->ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (w->ifd < 0 || pipe(w->stop) != 0) {
    if (w->ifd >= 0) close(w->ifd);
    free(w);
    return NULL;
  }
  for (int i = 0; i < ndirs; i++)
    if (dirs[i]) add_tree(w->ifd, dirs[i], 0);
  w->thread = SDL_CreateThread(watch_thread, "qk-watch", w);
  if (!w->thread) {
    close(w->ifd);
    close(w->stop[0]);
    close(w->stop[1]);
    free(w);
    return NULL;
  }
  return w;
}

void qk_watch_stop(qk_watch *w) {
  if (!w) return;
  if (write(w->stop[1], "x", 1) < 0) { /* thread is blocked in poll; nothing else to do */ }
  SDL_WaitThread(w->thread, NULL);
  close(w->ifd);
  close(w->stop[0]);
  close(w->stop[1]);
  free(w);
}
