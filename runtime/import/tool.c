/*
** tool.c — see tool.h. Owns: the option parsing of import/new/check, reading
** the named input files into the VM (and nothing else: the Lua side never
** opens a file), the `importhost` table the framework talks to, and writing
** files under the output folder only (plain names, written to a temporary
** file, flushed and renamed so a half-written questions.lua never replaces a
** good one). The staff member running it is trusted; the files are not: a
** malformed bank must give a located message, never a crash, so everything
** that looks at their bytes runs in the sandboxed VM under its limits.
*/
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "args.h"
#include "host.h"
#include "paths.h"
#include "importlib_module.h"
#include "module.h"

#ifndef QK_IMPORT_MODULE_FILE
#define QK_IMPORT_MODULE_FILE "quizkiosk-import.so"
#endif

#define MAX_INPUT_BYTES ((size_t)256 << 20) /* a bank bigger than this is not a question bank */
#define MAX_FILES 256

typedef struct {
  const char *command;      /* "import", "new", "check" */
  const char *files[MAX_FILES];
  int nfiles;
  const char *out_dir;      /* import/new: where questions.lua (and main.lua) go */
  const char *app_dir;      /* check: the app to check */
  const char *format;       /* NULL = auto */
  int allow_skips;
  int exit_code;            /* set by importhost.exit() */
} tool_ctx;

/* ---- files ---- */

/* Reads a whole regular file. Returns a malloc'd buffer (NUL-terminated for
** convenience) or NULL with a message in err. */
static char *read_whole(const char *path, size_t *len, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "%s", strerror(errno));
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "not a regular file");
    return NULL;
  }
  if ((size_t)st.st_size > MAX_INPUT_BYTES) {
    snprintf(err, errlen, "too big (%lld bytes; at most %zu MiB)", (long long)st.st_size, MAX_INPUT_BYTES >> 20);
    return NULL;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s", strerror(errno));
    return NULL;
  }
  size_t cap = (size_t)st.st_size + 1, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  for (;;) {
    size_t got = fread(buf + n, 1, cap - 1 - n, f);
    n += got;
    if (n < cap - 1) break;
    /* The file grew since stat: read on, up to the cap. */
    int c = fgetc(f);
    if (c == EOF) break;
    if (cap > MAX_INPUT_BYTES) {
      snprintf(err, errlen, "too big (grew while being read)");
      free(buf);
      fclose(f);
      return NULL;
    }
    char *nb = realloc(buf, cap * 2);
    if (!nb) {
      snprintf(err, errlen, "out of memory");
      free(buf);
      fclose(f);
      return NULL;
    }
    buf = nb;
    cap *= 2;
    buf[n++] = (char)c;
  }
  if (ferror(f)) {
    snprintf(err, errlen, "read error: %s", strerror(errno));
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

/* A file name the framework may write or read in the app folder: no folders,
** no hidden files, nothing but letters, digits, '_', '-' and '.'. */
static int plain_name(const char *name) {
  if (!name[0] || name[0] == '.' || strlen(name) > 100) return 0;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
          *p == '-' || *p == '.'))
      return 0;
  return 1;
}

/* Writes data to dir/name through dir/.name.part: flushed to disk, then
** renamed over the old file. Returns 0 or -1 with err. */
static int write_atomic(const char *dir, const char *name, const char *data, size_t len, char *err, size_t errlen) {
  char path[4096], part[4096];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
      snprintf(part, sizeof part, "%s/.%s.part", dir, name) >= (int)sizeof part) {
    snprintf(err, errlen, "path too long");
    return -1;
  }
  FILE *f = fopen(part, "wb");
  if (!f) {
    snprintf(err, errlen, "cannot write %s: %s", part, strerror(errno));
    return -1;
  }
  int ok = fwrite(data, 1, len, f) == len;
  ok = fflush(f) == 0 && ok;
  ok = fsync(fileno(f)) == 0 && ok;
  int saved = errno;
  ok = fclose(f) == 0 && ok;
  if (!ok) {
    snprintf(err, errlen, "cannot write %s: %s", part, strerror(saved ? saved : errno));
    unlink(part);
    return -1;
  }
  if (rename(part, path) != 0) {
    snprintf(err, errlen, "cannot rename %s to %s: %s", part, path, strerror(errno));
    unlink(part);
    return -1;
  }
  return 0;
}

/* ---- the importhost table ---- */

static tool_ctx *ctx_of(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

/* importhost.write(name, data) -> true | nil, message. Only plain names,
** only in the output folder. */
static int l_write(lua_State *L) {
  tool_ctx *t = ctx_of(L);
  const char *name = luaL_checkstring(L, 1);
  size_t len;
  const char *data = luaL_checklstring(L, 2, &len);
  char err[4400];
  if (!t->out_dir) return luaL_error(L, "importhost.write: this command writes no files");
  if (!plain_name(name)) {
    lua_pushnil(L);
    lua_pushfstring(L, "refused to write '%s': only plain file names in the output folder", name);
    return 2;
  }
  if (write_atomic(t->out_dir, name, data, len, err, sizeof err) != 0) {
    lua_pushnil(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* importhost.exists(name) -> whether out_dir/name (or app_dir/name) exists. */
static int l_exists(lua_State *L) {
  tool_ctx *t = ctx_of(L);
  const char *name = luaL_checkstring(L, 1);
  const char *dir = t->out_dir ? t->out_dir : t->app_dir;
  char path[4096];
  if (!dir || !plain_name(name) || snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
    lua_pushboolean(L, 0);
    return 1;
  }
  lua_pushboolean(L, access(path, F_OK) == 0);
  return 1;
}

/* importhost.read_app(name) -> bytes, shown_path | nil, message: a file of
** the app being checked (check only). */
static int l_read_app(lua_State *L) {
  tool_ctx *t = ctx_of(L);
  const char *name = luaL_checkstring(L, 1);
  char path[4096], err[256];
  if (!t->app_dir) return luaL_error(L, "importhost.read_app: no app folder");
  if (!plain_name(name) || snprintf(path, sizeof path, "%s/%s", t->app_dir, name) >= (int)sizeof path) {
    lua_pushnil(L);
    lua_pushfstring(L, "refused to read '%s'", name);
    return 2;
  }
  size_t len;
  char *buf = read_whole(path, &len, err, sizeof err);
  if (!buf) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, err);
    return 2;
  }
  /* As in push_file: only a memory error can raise before the free. */
  luaL_Buffer b;
  char *dst = luaL_buffinitsize(L, &b, len);
  memcpy(dst, buf, len);
  free(buf);
  luaL_pushresultsize(&b, len);
  lua_pushstring(L, path);
  return 2;
}

static int l_exit(lua_State *L) {
  tool_ctx *t = ctx_of(L);
  t->exit_code = (int)luaL_checkinteger(L, 1);
  return 0;
}

static int l_stdout(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  fwrite(s, 1, len, stdout);
  return 0;
}

static int l_stderr(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  fwrite(s, 1, len, stderr);
  return 0;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Pushes one input file: { path=, name=, ext=, bytes= } or, when it cannot
** be read, { path=, name=, ext=, error= }. */
static void push_file(lua_State *L, const char *path) {
  lua_createtable(L, 0, 4);
  lua_pushstring(L, path);
  lua_setfield(L, -2, "path");
  const char *name = base_name(path);
  lua_pushstring(L, name);
  lua_setfield(L, -2, "name");
  const char *dot = strrchr(name, '.');
  char ext[16] = "";
  if (dot && dot != name && strlen(dot + 1) < sizeof ext) {
    size_t i = 0;
    for (const char *p = dot + 1; *p; p++) ext[i++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    ext[i] = 0;
  }
  lua_pushstring(L, ext);
  lua_setfield(L, -2, "ext");
  char err[256];
  size_t len;
  char *buf = read_whole(path, &len, err, sizeof err);
  if (!buf) {
    lua_pushstring(L, err);
    lua_setfield(L, -2, "error");
    return;
  }
  /* Only a memory error can raise here (the VM's cap): buf is lost then,
  ** and the command ends with that error right after. */
  luaL_Buffer b;
  char *dst = luaL_buffinitsize(L, &b, len);
  memcpy(dst, buf, len);
  free(buf);
  luaL_pushresultsize(&b, len);
  lua_setfield(L, -2, "bytes");
}

/* The `importhost` global (a qk_api_module; upvalue 1 = the tool_ctx). */
static int open_importhost(lua_State *L) {
  tool_ctx *t = ctx_of(L);
  lua_newtable(L);
  lua_pushstring(L, t->command);
  lua_setfield(L, -2, "command");
  if (t->out_dir) {
    lua_pushstring(L, t->out_dir);
    lua_setfield(L, -2, "out");
  }
  if (t->app_dir) {
    lua_pushstring(L, t->app_dir);
    lua_setfield(L, -2, "app_dir");
  }
  lua_pushstring(L, t->format ? t->format : "auto");
  lua_setfield(L, -2, "format");
  lua_pushboolean(L, t->allow_skips);
  lua_setfield(L, -2, "allow_skips");
  lua_createtable(L, t->nfiles, 0);
  for (int i = 0; i < t->nfiles; i++) {
    push_file(L, t->files[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "files");
  static const luaL_Reg fns[] = {{"write", l_write}, {"exists", l_exists}, {"read_app", l_read_app},
                                 {"exit", l_exit},   {"stdout", l_stdout}, {"stderr", l_stderr},
                                 {NULL, NULL}};
  for (const luaL_Reg *r = fns; r->name; r++) {
    lua_pushlightuserdata(L, t);
    lua_pushcclosure(L, r->func, 1);
    lua_setfield(L, -2, r->name);
  }
  return 1;
}

static void log_line(void *ctx, const char *msg) {
  (void)ctx;
  fprintf(stderr, "%s\n", msg);
}

/* ---- the command ---- */

/* Fills t from the parsed command line. Returns -1 to go on, or an exit code. */
static int take_args(const qk_args *a, tool_ctx *t) {
  const char *cmd = a->cmd->name;
  int is_new = strcmp(cmd, "new") == 0, is_check = strcmp(cmd, "check") == 0;
  t->command = cmd;
  if (is_check) {
    t->app_dir = a->pos[0];
    if (!qk_is_dir(t->app_dir)) {
      fprintf(stderr, "quizkiosk check: %s is not a folder\n", t->app_dir);
      return 1;
    }
    return -1;
  }
  t->format = qk_args_str(a, "format");
  t->allow_skips = qk_args_has(a, "allow-skips");
  int first = 0;
  if (is_new) {
    t->out_dir = a->pos[0];
    t->files[t->nfiles++] = qk_args_str(a, "from");
    first = 1; /* `new APP --from a.docx b.txt`: more sources after --from's first */
  } else {
    t->out_dir = qk_args_str(a, "out");
  }
  for (int i = first; i < a->npos; i++) {
    if (t->nfiles == MAX_FILES) return qk_args_usage_error(a, "too many files (at most %d)", MAX_FILES);
    t->files[t->nfiles++] = a->pos[i];
  }
  if (qk_mkdirs(t->out_dir, 0755) != 0) {
    fprintf(stderr, "quizkiosk %s: cannot create %s: %s\n", cmd, t->out_dir, strerror(errno));
    return 1;
  }
  return -1;
}

static int run_tool(const qk_args *a) {
  static tool_ctx t; /* large (the file list); one command per process */
  memset(&t, 0, sizeof t);
  int rc = take_args(a, &t);
  if (rc >= 0) return rc;

  char data_dir[2048], lib_dir[2100], app_dir[2200];
  if (qk_paths_data_dir(data_dir, sizeof data_dir) != 0) {
    fprintf(stderr, "quizkiosk %s: cannot find the kiosk's scripts folder (set QUIZKIOSK_DATA to the folder holding scripts/)\n",
            t.command);
    return 1;
  }
  snprintf(lib_dir, sizeof lib_dir, "%s/scripts", data_dir);
  snprintf(app_dir, sizeof app_dir, "%s/kiosk/import", lib_dir);

  /* zip and XML (libzip, expat) come from the import module, loaded here
  ** and not by the kiosk (importlib_module.h). */
  char why[2048];
  const qk_importlib_module *lib = qk_module_load(QK_IMPORT_MODULE_FILE, QK_IMPORT_MODULE_SYMBOL,
                                                  QK_IMPORT_MODULE_ABI, "import", why, sizeof why);
  if (!lib) {
    fprintf(stderr, "quizkiosk %s: %s\n", t.command, why);
    return 1;
  }
  qk_api_module modules[2];
  int nmodules = 0;
  modules[nmodules++] = (qk_api_module){"importhost", open_importhost};
  modules[nmodules++] = (qk_api_module){"importlib", lib->open};
  qk_host_config cfg = {
    .app_dir = app_dir, .lib_dir = lib_dir, .app_name = "kiosk/import", .main_file = "cli.lua",
    .mem_limit = (size_t)2 << 30,    /* a 10,000-question workbook and its XML tree */
    .time_limit_ms = 10 * 60 * 1000, /* staff wait for a big bank; a loop still ends */
    .log = log_line, .ctx = &t, .modules = modules, .nmodules = nmodules,
  };
  char err[8192];
  qk_host *h = qk_host_new(&cfg, err, sizeof err);
  if (!h) {
    fprintf(stderr, "quizkiosk %s: %s\n", t.command, err);
    return 1;
  }
  t.exit_code = 1; /* unless the framework says how it went */
  if (qk_host_call(h, "run") != 0) {
    fprintf(stderr, "quizkiosk %s: internal error: %s\n", t.command, qk_host_error(h));
    t.exit_code = 1;
  }
  fflush(stdout);
  qk_host_free(h);
  return t.exit_code;
}

/* ---- the declarations (runtime/cli.c lists them) ---- */

#define FORMAT_HELP "auto (default) | doc | wjx | sheet | gift | aiken | qti"

static const qk_opt import_opts[] = {
  QK_STR("out", "APP_DIR", "the app folder to write questions.lua into (made if missing)", QK_OPT_REQUIRED),
  QK_STR("format", "NAME", FORMAT_HELP, 0),
  QK_FLAG("allow-skips", "exit 0 even when questions were skipped (they are still listed)"),
  QK_OPT_END};
static const qk_posarg import_args[] = {{"FILE", "question files: .txt .docx .xlsx .csv .gift .xml .zip", QK_ARG_MANY}, {0}};
const qk_command qk_cmd_import = {
  "import", "turn question files into a readable questions.lua", import_opts, import_args, run_tool,
  "Every skipped or doubtful question is listed with its file and line (or sheet and cell) and\n"
  "the reason; the exit status is 1 when anything was skipped, unless --allow-skips."};

static const qk_opt new_opts[] = {
  QK_STR("from", "FILE", "the question file (more may follow as arguments)", QK_OPT_REQUIRED),
  QK_STR("format", "NAME", FORMAT_HELP, 0),
  QK_FLAG("allow-skips", "exit 0 even when questions were skipped (they are still listed)"),
  QK_OPT_END};
static const qk_posarg new_args[] = {{"APP_DIR", "the new app's folder", 0},
                                     {"FILE", "more question files", QK_ARG_OPTIONAL | QK_ARG_MANY},
                                     {0}};
const qk_command qk_cmd_new = {
  "new", "a new app from question files: questions.lua and a main.lua with the standard flow", new_opts,
  new_args, run_tool, "An existing main.lua is kept."};

static const qk_posarg check_args[] = {{"APP_DIR", "the app folder to check", 0}, {0}};
const qk_command qk_cmd_check = {
  "check", "check an app's question set: every problem with file:line and question id", NULL, check_args,
  run_tool, "Exit status 0 when the set has no errors, 1 otherwise."};
