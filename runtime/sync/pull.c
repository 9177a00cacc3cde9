/*
** pull.c — a kiosk fetching the question set published for its app
** (issue 12 item 7), on the sync thread: the newest version's hash is
** compared with what this kiosk has; a new one is downloaded, its hash
** checked, unpacked beside the others (<root>/<app>/<hash>/<app>: the
** folder keeps the app's name, which scopes its results) and validated by
** starting it headless in a separate process on a scratch database (the
** kiosk's own loader and question-set checks: a set that shows the error
** screen there is refused). Only then is it offered to the UI, which
** switches between candidates (app.c). Folders of earlier versions stay,
** so publishing an earlier set again (a rollback) needs no download.
*/
#include "pull.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"

extern char **environ;

#define VALIDATE_TIMEOUT_S 60

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int mkdirs(const char *path) {
  char p[4096];
  snprintf(p, sizeof p, "%s", path);
  for (char *s = strchr(p + 1, '/');; s = strchr(s + 1, '/')) {
    if (s) *s = 0;
    if (mkdir(p, 0755) != 0 && errno != EEXIST) return -1;
    if (!s) return 0;
    *s = '/';
  }
}

/* rm -rf of a folder this module made (no symlinks are followed). */
static void remove_tree(const char *path) {
  char *argv[] = {"rm", "-rf", "--", (char *)path, NULL};
  pid_t pid;
  if (posix_spawnp(&pid, "rm", NULL, NULL, argv, environ) == 0) waitpid(pid, NULL, 0);
}

/* Starts the app in dir headless on a scratch database with a replay that
** fails if the error screen shows; 0 when it ran clean. */
static int validate(const char *validator, const char *dir, const char *scratch, char *why, size_t len) {
  char replay[4200], db[4200], log[4200];
  snprintf(replay, sizeof replay, "%s/check.replay", scratch);
  snprintf(db, sizeof db, "%s/check.db", scratch);
  snprintf(log, sizeof log, "%s/check.log", scratch);
  FILE *f = fopen(replay, "w");
  if (!f) {
    snprintf(why, len, "cannot write %s: %s", replay, strerror(errno));
    return -1;
  }
  fputs("expect-not Script error\nwait 2000\nexpect-not Script error\n", f);
  fclose(f);
  char *argv[] = {(char *)validator, (char *)dir, "--headless", "--window", "800x480", "--replay", replay,
                  "--db", db, "--watchdog", "0", "--no-supervisor", NULL};
  /* The child draws offscreen; everything else is this kiosk's environment. */
  size_t n = 0;
  while (environ[n]) n++;
  char **env = calloc(n + 2, sizeof *env);
  if (!env) {
    snprintf(why, len, "out of memory");
    return -1;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "SDL_VIDEODRIVER=", 16)) env[k++] = environ[i];
  env[k++] = "SDL_VIDEODRIVER=offscreen";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  int rc = posix_spawn(&pid, validator, &fa, NULL, argv, env);
  posix_spawn_file_actions_destroy(&fa);
  free(env);
  if (rc != 0) {
    snprintf(why, len, "cannot start %s to check it: %s", validator, strerror(rc));
    return -1;
  }
  int status = 0;
  for (int waited = 0;; waited++) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 || waited > VALIDATE_TIMEOUT_S * 10) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      snprintf(why, len, "its check did not finish in %d s", VALIDATE_TIMEOUT_S);
      return -1;
    }
    struct timespec ts = {0, 100000000L};
    nanosleep(&ts, NULL);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  /* The kiosk's own words: the replay line names what was on screen. */
  char line[512] = "", last[512] = "";
  f = fopen(log, "r");
  while (f && fgets(line, sizeof line, f))
    if (strstr(line, "replay") || strstr(line, "rror")) snprintf(last, sizeof last, "%s", line);
  if (f) fclose(f);
  last[strcspn(last, "\n")] = 0;
  snprintf(why, len, "it does not start cleanly: %s", last[0] ? last : "the check failed");
  return -1;
}

int qk_pull_check(const qk_pull_cfg *cfg, PGconn *c, int seen_version, qk_pull_result *out) {
  memset(out, 0, sizeof *out);
  out->version = seen_version;
  const char *vals[2] = {cfg->app, NULL};
  PGresult *r = PQexecParams(c, "SELECT version, hash FROM fleet.bundles WHERE app = $1 ORDER BY version DESC LIMIT 1",
                             1, NULL, vals, NULL, NULL, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    qk_central_err(out->error, sizeof out->error, "question sets: %s", PQresultErrorMessage(r));
    PQclear(r);
    return -1; /* the connection, probably */
  }
  if (PQntuples(r) == 0 || atoi(PQgetvalue(r, 0, 0)) <= seen_version) {
    PQclear(r);
    return 0;
  }
  int version = atoi(PQgetvalue(r, 0, 0));
  char hash[65], vtext[16];
  snprintf(hash, sizeof hash, "%s", PQgetvalue(r, 0, 1));
  PQclear(r);
  out->version = version;
  snprintf(out->hash, sizeof out->hash, "%s", hash);
  char base[4200], part[4300];
  snprintf(base, sizeof base, "%s/%s/%.16s", cfg->root, cfg->app, hash);
  snprintf(out->dir, sizeof out->dir, "%s/%s", base, cfg->app);
  if (is_dir(out->dir)) { /* had it before (a rollback): checked then */
    out->ready = 1;
    return 0;
  }
  snprintf(vtext, sizeof vtext, "%d", version);
  vals[1] = vtext;
  r = PQexecParams(c, "SELECT data FROM fleet.bundles WHERE app = $1 AND version = $2::int", 2, NULL, vals, NULL,
                   NULL, 1 /* binary: the bytes as they are */);
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
    qk_central_err(out->error, sizeof out->error, "question set v%d: %s", version, PQresultErrorMessage(r));
    PQclear(r);
    return -1;
  }
  const char *data = PQgetvalue(r, 0, 0);
  size_t len = (size_t)PQgetlength(r, 0, 0);
  char got[65], why[400] = "";
  qk_store_content_hash(data, len, got);
  snprintf(part, sizeof part, "%s.part", base);
  remove_tree(part);
  char app_dir[4400];
  snprintf(app_dir, sizeof app_dir, "%s/%s", part, cfg->app);
  int ok = 0;
  if (strcmp(got, hash) != 0) snprintf(why, sizeof why, "its content does not match its hash");
  else if (mkdirs(part) != 0) snprintf(why, sizeof why, "cannot make %s: %s", part, strerror(errno));
  else if (qk_bundle_unpack(data, len, app_dir, why, sizeof why) == 0 &&
           validate(cfg->validator, app_dir, part, why, sizeof why) == 0) {
    char check_db[4400];
    const char *side[] = {"check.db", "check.db-wal", "check.db-shm", "check.replay", "check.log"};
    for (int i = 0; i < 5; i++) {
      snprintf(check_db, sizeof check_db, "%s/%s", part, side[i]);
      unlink(check_db);
    }
    ok = rename(part, base) == 0;
    if (!ok) snprintf(why, sizeof why, "cannot rename %s: %s", part, strerror(errno));
  }
  PQclear(r);
  if (!ok) {
    remove_tree(part);
    snprintf(out->error, sizeof out->error, "v%d refused: %s", version, why);
    return 0;
  }
  out->ready = 1;
  return 0;
}
