/*
** args_test.c — the command-line parser (runtime/base/args.h) on its own:
** both value spellings, flags, numbers and ranges, required options,
** positional counts, two-word commands and groups, `--`, and what each
** mistake exits with. Output of the parser goes to a scratch stderr.
*/
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
static FILE *report; /* the real stdout: the parser's own output goes to /dev/null */
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(report, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
      failures++;                                                            \
    }                                                                        \
  } while (0)

static qk_args last;
static int runs;

static int run_copy(const qk_args *a) {
  last = *a;
  runs++;
  return 7; /* the run function's code comes back from dispatch */
}

static const qk_opt opts[] = {
  QK_STR("db", "FILE", "database", QK_OPT_REQUIRED),
  QK_FLAG("dry-run", "change nothing"),
  QK_INT("limit", "N", "at most N", 0, 1, 100),
  QK_NUM("wait", "SEC", "seconds", 0, 0, 3600),
  QK_STR("out", "FILE", "output", 0),
  QK_OPT_END};
static const qk_posarg many[] = {{"FILE", "inputs", QK_ARG_MANY}, {0}};
static const qk_command cmd_import = {"import", "import files", opts, many, run_copy, NULL};
static const qk_opt own_opts[] = {QK_FLAG("version", "version"), QK_OPT_END};
static const qk_posarg own_args[] = {{"APP_DIR", "app", QK_ARG_OPTIONAL}, {0}};
static const qk_command cmd_own = {"", "the program", own_opts, own_args, run_copy, NULL};
static const qk_opt db_only[] = {QK_STR("db", "FILE", "database", 0), QK_OPT_END};
static const qk_command cmd_fleet_init = {"fleet init", "set up", db_only, NULL, run_copy, NULL};
static const qk_command cmd_fleet_status = {"fleet status", "status", db_only, NULL, run_copy, NULL};
static const qk_command *const table[] = {&cmd_own, &cmd_import, &cmd_fleet_init, &cmd_fleet_status, NULL};

/* Runs dispatch on a space-separated line; returns its exit code. */
static int run(const char *line) {
  static char buf[512];
  char *argv[32];
  int argc = 0;
  snprintf(buf, sizeof buf, "%s", line);
  for (char *t = strtok(buf, " "); t && argc < 32; t = strtok(NULL, " ")) argv[argc++] = t;
  runs = 0;
  memset(&last, 0, sizeof last);
  return qk_args_dispatch(table, "prog", argc, argv);
}

int main(void) {
  /* The parser's messages and help go to /dev/null: this test checks codes and values. */
  report = fdopen(dup(1), "w");
  if (!report || !freopen("/dev/null", "w", stderr) || !freopen("/dev/null", "w", stdout)) return 1;

  /* --opt VALUE and --opt=VALUE, flags, numbers, many positionals. */
  CHECK(run("import --db a.db --limit 5 x y") == 7 && runs == 1);
  CHECK(last.cmd == &cmd_import && !strcmp(qk_args_str(&last, "db"), "a.db") && qk_args_int(&last, "limit", 0) == 5);
  CHECK(last.npos == 2 && !strcmp(last.pos[0], "x") && !strcmp(last.pos[1], "y"));
  CHECK(!qk_args_has(&last, "dry-run") && qk_args_str(&last, "out") == NULL && qk_args_num(&last, "wait", 2.5) == 2.5);
  CHECK(run("import --db=b.db --limit=100 --wait=0.5 --dry-run x") == 7);
  CHECK(!strcmp(qk_args_str(&last, "db"), "b.db") && qk_args_int(&last, "limit", 0) == 100);
  CHECK(qk_args_num(&last, "wait", 0) == 0.5 && qk_args_has(&last, "dry-run"));
  CHECK(run("import x --db=c=d.db") == 7 && !strcmp(qk_args_str(&last, "db"), "c=d.db")); /* first '=' splits */
  CHECK(run("import --db a.db --out - x") == 7 && !strcmp(qk_args_str(&last, "out"), "-")); /* a value may be "-" */
  CHECK(run("import --db a.db -- --not-an-option") == 7 && !strcmp(last.pos[0], "--not-an-option"));
  CHECK(run("import --db a.db --db b.db x") == 7 && !strcmp(qk_args_str(&last, "db"), "b.db")); /* the last wins */

  /* Mistakes: exit 2 and the run function is not called. */
  CHECK(run("import x") == 2 && runs == 0);                        /* --db required */
  CHECK(run("import --db a.db") == 2 && runs == 0);                /* FILE... needs one */
  CHECK(run("import --db a.db --bogus x") == 2 && runs == 0);
  CHECK(run("import --db a.db -x x") == 2 && runs == 0);           /* single-dash options do not exist */
  CHECK(run("import --db a.db --dry-run=yes x") == 2 && runs == 0); /* a flag takes no value */
  CHECK(run("import --db a.db --limit 0 x") == 2 && runs == 0);    /* out of range */
  CHECK(run("import --db a.db --limit 5x x") == 2 && runs == 0);   /* not a number */
  CHECK(run("import --db a.db --limit=1.5 x") == 2 && runs == 0);  /* not whole */
  CHECK(run("import --db a.db --wait nan x") == 2 && runs == 0);
  CHECK(run("import x --db") == 2 && runs == 0);                   /* value missing */

  /* The program's own command: not a command name, or options only. */
  CHECK(run("myapp") == 7 && last.cmd == &cmd_own && last.npos == 1 && !strcmp(last.pos[0], "myapp"));
  CHECK(run("--version") == 7 && last.cmd == &cmd_own && qk_args_has(&last, "version") && last.npos == 0);
  CHECK(run("a b") == 2 && runs == 0); /* one APP_DIR at most */

  /* Two-word commands, and a group named alone. */
  CHECK(run("fleet init --db=f.db") == 7 && last.cmd == &cmd_fleet_init && !strcmp(qk_args_str(&last, "db"), "f.db"));
  CHECK(run("fleet status") == 7 && last.cmd == &cmd_fleet_status);
  CHECK(run("fleet") == 2 && runs == 0);
  CHECK(run("fleet bogus") == 2 && runs == 0);

  /* --help anywhere prints help and exits 0 without running. */
  CHECK(run("import --help") == 0 && runs == 0);
  CHECK(run("fleet init -h") == 0 && runs == 0);
  CHECK(run("--help") == 0 && runs == 0);
  CHECK(run("import --db a.db x --help") == 0 && runs == 0);

  /* The texts: synopsis order (required options, arguments, the rest). */
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  CHECK(m != NULL);
  if (m) {
    qk_args_print_usage(m, table, "prog");
    qk_args_print_help(m, &cmd_import, "prog");
    fclose(m);
    CHECK(strstr(text, "prog import --db FILE FILE... [--dry-run] [--limit N] [--wait SEC]") != NULL);
    CHECK(strstr(text, "prog fleet init [--db FILE]") != NULL);
    CHECK(strstr(text, "prog [APP_DIR] [--version]") != NULL);
    CHECK(strstr(text, "--limit N") && strstr(text, "at most N; 1..100"));
    free(text);
  }
  fprintf(report, failures ? "args: %d failure(s)\n" : "args: all checks passed\n", failures);
  return failures ? 1 : 0;
}
