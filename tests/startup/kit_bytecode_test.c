/*
** kit_bytecode_test.c — the kiosk library's build-time bytecode
** (runtime/lua/kit_bytecode.h) on real VMs, with the real scripts/ folder:
** - the program carries the kit, and requiring kiosk.ui loads its modules
**   from that bytecode;
** - an error inside a kit module names the same file, line and message as
**   the same file loaded from source (the debug information is kept);
** - a kit file edited after the build loads from its source (the edit is
**   what runs), while an unedited copy elsewhere still matches by content;
** - a file in the app folder is never bytecode, even when its bytes are a
**   kit file's.
**   qk_kit_bytecode_test SCRIPTS_DIR
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "host.h"
#include "kit_bytecode.h"

static int failures;

static void check(int cond, const char *what, const char *detail) {
  printf("%s %s%s%s\n", cond ? "ok  " : "FAIL", what, detail && !cond ? ": " : "", detail && !cond ? detail : "");
  if (!cond) failures++;
}

static uint64_t now0(void *ctx) {
  (void)ctx;
  return 0;
}

static int write_file(const char *path, const char *text, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t n = fwrite(text, 1, len, f);
  return fclose(f) == 0 && n == len ? 0 : -1;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long n = ftell(f);
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
      if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
      } else {
        buf[n] = 0;
        *len = (size_t)n;
      }
    }
  }
  fclose(f);
  return buf;
}

static int mkdirs(const char *base, const char *rel) {
  char p[4096];
  snprintf(p, sizeof p, "%s/%s", base, rel);
  for (char *s = p + strlen(base) + 1; *s; s++)
    if (*s == '/') {
      *s = 0;
      if (mkdir(p, 0700) != 0 && access(p, F_OK) != 0) return -1;
      *s = '/';
    }
  return mkdir(p, 0700) == 0 || access(p, F_OK) == 0 ? 0 : -1;
}

/* The app table's field k as a string ("(nil)" if absent). */
static const char *field(qk_host *h, const char *k) {
  lua_State *L = qk_host_state(h);
  qk_host_push_app(h);
  lua_getfield(L, -1, k); /* a plain table: no metamethod runs */
  const char *v = lua_tostring(L, -1);
  lua_pop(L, 2); /* the string stays alive in the app table */
  return v ? v : "(nil)";
}

static qk_host *open_app(const char *app_dir, const char *lib_dir, char *err, size_t errlen) {
  qk_host_config cfg = {.app_dir = app_dir, .lib_dir = lib_dir, .app_name = "app", .time_limit_ms = 2000, .now = now0};
  return qk_host_new(&cfg, err, errlen);
}

/* "kiosk/ui/theme.lua:LINE: message" out of an error message. */
static const char *from_file(const char *msg) {
  const char *p = strstr(msg, "kiosk/ui/theme.lua:");
  return p ? p : "(no file name)";
}

/* Requires kiosk.ui.theme and makes its merge raise; keeps the message. */
static const char theme_app[] =
  "local theme = require 'kiosk.ui.theme'\n"
  "local ok, err = pcall(theme.merge, nil, { a = 1 })\n"
  "return { err = tostring(err), edited = tostring(theme.edited) }\n";

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_kit_bytecode_test SCRIPTS_DIR\n");
    return 2;
  }
  const char *scripts = argv[1];
  char tmp[] = "/tmp/qk_kit_bytecode_XXXXXX";
  if (!mkdtemp(tmp)) {
    perror("mkdtemp");
    return 1;
  }
  char path[4096], app[4096], lib[4096], plain_app[4096], err[8192];
  size_t theme_len = 0;
  snprintf(path, sizeof path, "%s/kiosk/ui/theme.lua", scripts);
  char *theme = read_all(path, &theme_len);
  check(theme != NULL, "the kit's theme.lua is readable", path);
  if (!theme) return 1;
  check(qk_kit_bytecode_count() > 10, "the program carries the kit as bytecode", NULL);
  size_t n = 0;
  check(qk_kit_bytecode("kiosk/ui/theme.lua", theme, theme_len, &n) != NULL && n > 0,
        "theme.lua's bytes match its bytecode", NULL);
  check(qk_kit_bytecode("kiosk/ui/theme.lua", theme, theme_len - 1, &n) == NULL, "one byte less does not", NULL);

  /* The demo's way: require the whole widget kit. */
  snprintf(plain_app, sizeof plain_app, "%s/ui_app", tmp);
  snprintf(path, sizeof path, "%s/main.lua", plain_app);
  static const char ui_app[] = "local ui = require 'kiosk.ui'\nreturn { kind = type(ui.label) }\n";
  if (mkdirs(tmp, "ui_app") != 0 || write_file(path, ui_app, sizeof ui_app - 1) != 0) return 1;
  qk_host *h = open_app(plain_app, scripts, err, sizeof err);
  check(h != NULL, "an app requiring kiosk.ui starts", err);
  if (h) {
    check(strcmp(field(h, "kind"), "function") == 0, "and gets the widget kit", field(h, "kind"));
    /* Every module require loaded (the host's qk.loaded) came from the bytecode. */
    lua_State *L = qk_host_state(h);
    int modules = 0;
    lua_getfield(L, LUA_REGISTRYINDEX, "qk.loaded");
    for (lua_pushnil(L); lua_next(L, -2); lua_pop(L, 1)) modules++;
    lua_pop(L, 1);
    char loads[64];
    snprintf(loads, sizeof loads, "%d of %d", qk_host_kit_loads(h), modules);
    check(modules >= 3 && qk_host_kit_loads(h) == modules, "all its modules came from the bytecode", loads);
    qk_host_free(h);
  }

  /* An error inside a kit module, from bytecode and from source. */
  snprintf(app, sizeof app, "%s/theme_app", tmp);
  snprintf(path, sizeof path, "%s/main.lua", app);
  if (mkdirs(tmp, "theme_app") != 0 || write_file(path, theme_app, sizeof theme_app - 1) != 0) return 1;
  char from_bytecode[1024] = "";
  h = open_app(app, scripts, err, sizeof err);
  check(h != NULL, "theme app starts", err);
  if (h) {
    snprintf(from_bytecode, sizeof from_bytecode, "%s", from_file(field(h, "err")));
    check(qk_host_kit_loads(h) == 1, "theme.lua came from the bytecode", NULL);
    check(strstr(from_bytecode, "kiosk/ui/theme.lua:") == from_bytecode && strchr(from_bytecode + 19, ':') != NULL,
          "an error in it names the kit file and its line", field(h, "err"));
    qk_host_free(h);
  }
  /* The same bytes in the app folder: source, never bytecode. */
  if (mkdirs(app, "kiosk/ui") != 0) return 1;
  snprintf(path, sizeof path, "%s/kiosk/ui/theme.lua", app);
  if (write_file(path, theme, theme_len) != 0) return 1;
  h = open_app(app, scripts, err, sizeof err);
  check(h != NULL, "theme app with its own copy of theme.lua starts", err);
  if (h) {
    check(qk_host_kit_loads(h) == 0, "a file in the app folder loads from source, even with a kit file's bytes", NULL);
    check(strcmp(from_file(field(h, "err")), from_bytecode) == 0,
          "its error names the same line and message as the bytecode's", field(h, "err"));
    qk_host_free(h);
  }
  unlink(path);

  /* A kit elsewhere: an unedited copy matches by content, an edited one is source. */
  snprintf(lib, sizeof lib, "%s/lib", tmp);
  if (mkdirs(tmp, "lib/kiosk/ui") != 0) return 1;
  snprintf(path, sizeof path, "%s/kiosk/ui/theme.lua", lib);
  if (write_file(path, theme, theme_len) != 0) return 1;
  h = open_app(app, lib, err, sizeof err);
  check(h != NULL && qk_host_kit_loads(h) == 1, "an unedited copy of the kit loads from the bytecode", h ? NULL : err);
  qk_host_free(h);
  static const char edited[] = "return { edited = 'yes', merge = function(d) return d.x end }\n";
  if (write_file(path, edited, sizeof edited - 1) != 0) return 1;
  h = open_app(app, lib, err, sizeof err);
  check(h != NULL, "with theme.lua edited after the build the app starts", err);
  if (h) {
    check(qk_host_kit_loads(h) == 0, "the edited file loads from its source", NULL);
    check(strcmp(field(h, "edited"), "yes") == 0, "and the edit is what runs", field(h, "edited"));
    qk_host_free(h);
  }

  /* Clean up the temporary tree. */
  static const char *const files[] = {"ui_app/main.lua", "theme_app/main.lua", "lib/kiosk/ui/theme.lua", NULL};
  static const char *const dirs[] = {"ui_app", "theme_app/kiosk/ui", "theme_app/kiosk", "theme_app",
                                     "lib/kiosk/ui", "lib/kiosk", "lib", NULL};
  for (int i = 0; files[i]; i++) {
    snprintf(path, sizeof path, "%s/%s", tmp, files[i]);
    unlink(path);
  }
  for (int i = 0; dirs[i]; i++) {
    snprintf(path, sizeof path, "%s/%s", tmp, dirs[i]);
    rmdir(path);
  }
  rmdir(tmp);
  free(theme);
  printf("kit bytecode: %s\n", failures ? "FAILED" : "all passed");
  return failures ? 1 : 0;
}
