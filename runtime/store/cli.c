/*
** cli.c — the store's maintenance subcommands, for HR and data officers at
** a shell (or a script on the kiosk): export, stats, purge, set-pin,
** backup. Each is one qk_command (args.h: the program's one parser checks
** the options and prints the help); the program's table (runtime/cli.c)
** lists them, and qk_store_cli runs them alone for qk_store_cli_test.
** Results go to stdout, errors to stderr; exit 0 ok, 1 failed, 2 wrong usage.
**
** This is the one place in the store that reads the clock: a person at a
** shell means "now" (for "today" and for the purge stamp).
*/
#include "store_int.h"
#include "store_cli.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* The options the store's commands share, declared once (args.h). */
#define DB_OPT(flags) QK_STR("db", "FILE", "the results database (results.db)", flags)

static qk_ms now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (qk_ms)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Maintenance on a database that is not there is a typo, not a reason to
** create an empty one. */
static qk_store *open_existing(const char *cmd, const char *path, int must_exist) {
  struct stat st;
  if (must_exist && stat(path, &st) != 0) {
    fprintf(stderr, "quizkiosk %s: no database at %s\n", cmd, path);
    return NULL;
  }
  char err[600];
  qk_store *s = NULL;
  /* backup only reads, and must work while the kiosk keeps writing. */
  int rc = !strcmp(cmd, "backup") ? qk_store_open_reading(path, &s, err, sizeof err)
                                  : qk_store_open(path, &s, err, sizeof err);
  if (rc != QK_STORE_OK) {
    fprintf(stderr, "quizkiosk %s: %s\n", cmd, err);
    return NULL;
  }
  return s;
}

static int fail(const char *cmd, qk_store *s) {
  fprintf(stderr, "quizkiosk %s: %s\n", cmd, qk_store_errmsg(s));
  qk_store_close(s);
  return EXIT_FAIL;
}

static int parse_date_opt(const qk_args *a, const char *opt, qk_ms *out) {
  const char *text = qk_args_str(a, opt);
  if (qk_store_parse_date(text, out) == 0) return 0;
  return qk_args_usage_error(a, "--%s %.40s is not a date; use YYYY-MM-DD (local time)", opt, text);
}

static int cmd_export(const qk_args *a) {
  const char *cmd = a->cmd->name, *db = qk_args_str(a, "db"), *format = qk_args_str(a, "format");
  const char *out = qk_args_str(a, "out");
  qk_ms since = 0;
  int rc;
  if (strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "xlsx"))
    return qk_args_usage_error(a, "--format csv, --format json or --format xlsx is required");
  if (qk_args_has(a, "since") && (rc = parse_date_opt(a, "since", &since))) return rc;
  int to_stdout = !out || !strcmp(out, "-");
  if (!strcmp(format, "xlsx") && to_stdout)
    return qk_args_usage_error(a, "an Excel workbook is a file: give --out FILE.xlsx");
  qk_store *s = open_existing(cmd, db, 1);
  if (!s) return EXIT_FAIL;
  if (to_stdout) {
    /* CSV on standard output is the sessions table; the answers are a
    ** second table, which only a file export (--out) writes. */
    int csv = !strcmp(format, "csv");
    if (csv ? qk_store_export_csv(s, stdout, NULL, since) : qk_store_export_json(s, stdout, since))
      return fail(cmd, s);
    if (csv)
      fprintf(stderr, "quizkiosk export: wrote the sessions to standard output; the answers are in "
                      "FILE_answers.csv when you give --out FILE.csv\n");
  } else {
    char apath[4200];
    if (qk_store_export_file(s, out, format, since, apath, sizeof apath)) return fail(cmd, s);
    if (!strcmp(format, "csv")) printf("wrote sessions to %s and answers to %s\n", out, apath);
    else printf("wrote %s\n", out);
  }
  qk_store_close(s);
  return 0;
}

static void pct(char *buf, size_t len, double v) {
  if (isnan(v)) snprintf(buf, len, "-");
  else snprintf(buf, len, "%.1f%%", v);
}

static void print_stats(const qk_store_stats *st) {
  char c[16], p[16], a[16];
  pct(c, sizeof c, st->completion_rate * 100);
  pct(p, sizeof p, st->pass_rate * 100);
  pct(a, sizeof a, st->avg_score_pct);
  printf("%lld started: %lld completed, %lld abandoned, %lld timed out, %lld interrupted, "
         "%lld in progress\n    completion rate %s, pass rate %s, average score %s\n",
         (long long)st->started, (long long)st->completed, (long long)st->abandoned,
         (long long)st->timed_out, (long long)st->interrupted, (long long)st->in_progress, c, p, a);
}

static int print_exam(void *ud, const char *app, const char *exam, const char *title,
                      const qk_store_stats *st) {
  (void)ud;
  char c[16], p[16], a[16];
  pct(c, sizeof c, st->completion_rate * 100);
  pct(p, sizeof p, st->pass_rate * 100);
  pct(a, sizeof a, st->avg_score_pct);
  printf("  %s/%s%s%s%s: %lld sessions, completion %s, pass %s, average score %s\n", app, exam,
         *title ? " \"" : "", title, *title ? "\"" : "", (long long)st->started, c, p, a);
  return 0;
}

static int cmd_stats(const qk_args *a) {
  const char *cmd = a->cmd->name, *db = qk_args_str(a, "db");
  qk_store *s = open_existing(cmd, db, 1);
  if (!s) return EXIT_FAIL;
  qk_store_stats all, today;
  qk_ms day = qk_store_local_day_start(now_ms());
  char when[40];
  if (qk_store_stats_since(s, 0, &all) || qk_store_stats_since(s, day, &today)) return fail(cmd, s);
  qk_store_format_time(day, when, sizeof when);
  printf("database %s\nall time: ", db);
  print_stats(&all);
  printf("today (since %s): ", when);
  print_stats(&today);
  printf("per exam (all time):\n");
  if (!all.started) printf("  (no sessions yet)\n");
  if (qk_store_stats_by_exam(s, 0, print_exam, NULL)) return fail(cmd, s);
  qk_store_close(s);
  return 0;
}

static int cmd_purge(const qk_args *a) {
  const char *cmd = a->cmd->name, *db = qk_args_str(a, "db"), *before_text = qk_args_str(a, "before");
  qk_ms before;
  int rc;
  if ((rc = parse_date_opt(a, "before", &before))) return rc;
  qk_store *s = open_existing(cmd, db, 1);
  if (!s) return EXIT_FAIL;
  qk_store_purge_report r;
  if (qk_store_purge(s, before, now_ms(), &r)) return fail(cmd, s);
  printf("purged personal data of %d session%s started before %s: deleted %d candidate field%s, "
         "blanked %d typed answer%s, scrubbed %d event%s; scores and results are kept\n",
         r.sessions, r.sessions == 1 ? "" : "s", before_text, r.candidate_fields,
         r.candidate_fields == 1 ? "" : "s", r.answers_scrubbed, r.answers_scrubbed == 1 ? "" : "s",
         r.events_scrubbed, r.events_scrubbed == 1 ? "" : "s");
  if (r.sessions && !r.wal_truncated)
    printf("note: another program has the database open; old copies of the purged data stay in "
           "%s-wal until it closes\n", db);
  qk_store_close(s);
  return 0;
}

static int cmd_set_pin(const qk_args *a) {
  const char *cmd = a->cmd->name, *db = qk_args_str(a, "db"), *pin = a->pos[0];
  size_t n = strlen(pin), digits = strspn(pin, "0123456789");
  if (n < 4 || n > 12 || digits != n) return qk_args_usage_error(a, "the PIN must be 4 to 12 digits");
  qk_store *s = open_existing(cmd, db, 0); /* setting up a new kiosk is fine */
  if (!s) return EXIT_FAIL;
  if (qk_store_set_pin(s, pin)) return fail(cmd, s);
  printf("admin PIN set in %s\n", db);
  qk_store_close(s);
  return 0;
}

/* An online backup: the kiosk may keep running and writing meanwhile. */
static int cmd_backup(const qk_args *a) {
  const char *cmd = a->cmd->name, *db = qk_args_str(a, "db"), *out = qk_args_str(a, "out");
  if (!*out || !strcmp(out, "-")) return qk_args_usage_error(a, "--out FILE is required (a file, not stdout)");
  qk_store *s = open_existing(cmd, db, 1);
  if (!s) return EXIT_FAIL;
  if (qk_store_backup(s, out)) return fail(cmd, s);
  printf("backed up %s to %s (checked, including results still in the write-ahead log)\n", db, out);
  qk_store_close(s);
  return 0;
}

/* ---- the declarations ---- */

static const qk_opt export_opts[] = {
  DB_OPT(QK_OPT_REQUIRED),
  QK_STR("format", "csv|json|xlsx", "what to write (xlsx needs --out)", QK_OPT_REQUIRED),
  QK_STR("since", "YYYY-MM-DD", "only sessions started on or after this day (local time)", 0),
  QK_STR("out", "FILE", "where to write (default stdout: json, or csv's sessions table; csv to a file also writes FILE_answers.csv)", 0),
  QK_OPT_END};
const qk_command qk_store_cmd_export = {
  "export", "write results as CSV, JSON or an Excel workbook", export_opts, NULL, cmd_export,
  "CSV is UTF-8 with a BOM: one row per session, and FILE_answers.csv beside it with one row\n"
  "per answer. JSON is an array of sessions with their candidate fields and answers."};

static const qk_opt db_only_opts[] = {DB_OPT(QK_OPT_REQUIRED), QK_OPT_END};
const qk_command qk_store_cmd_stats = {
  "stats", "sessions, completion and pass rates: all time, today, per exam", db_only_opts, NULL, cmd_stats, NULL};

static const qk_opt purge_opts[] = {
  DB_OPT(QK_OPT_REQUIRED),
  QK_STR("before", "YYYY-MM-DD", "sessions started before this day (local time)", QK_OPT_REQUIRED),
  QK_OPT_END};
const qk_command qk_store_cmd_purge = {
  "purge", "delete personal data (names, phones, typed answers) of old sessions; scores stay", purge_opts,
  NULL, cmd_purge, NULL};

static const qk_posarg set_pin_args[] = {{"PIN", "4 to 12 digits", 0}, {0}};
const qk_command qk_store_cmd_set_pin = {
  "set-pin", "set the staff PIN (a new kiosk's database is created)", db_only_opts, set_pin_args, cmd_set_pin,
  NULL};

static const qk_opt backup_opts[] = {
  DB_OPT(QK_OPT_REQUIRED),
  QK_STR("out", "FILE", "the backup file (written as FILE.part, checked, then renamed)", QK_OPT_REQUIRED),
  QK_OPT_END};
const qk_command qk_store_cmd_backup = {
  "backup", "a checked copy of the database, safe while the kiosk runs", backup_opts, NULL, cmd_backup, NULL};

static const qk_command *const store_commands[] = {&qk_store_cmd_export, &qk_store_cmd_stats, &qk_store_cmd_purge,
                                                   &qk_store_cmd_set_pin, &qk_store_cmd_backup, NULL};

int qk_store_cli_handles(const char *sub) {
  for (int i = 0; sub && store_commands[i]; i++)
    if (!strcmp(sub, store_commands[i]->name)) return 1;
  return 0;
}

int qk_store_cli(int argc, char **argv) {
  if (argc < 1 || !qk_store_cli_handles(argv[0])) {
    fprintf(stderr, "quizkiosk: not a store command: %s\n", argc ? argv[0] : "(none)");
    qk_args_print_usage(stderr, store_commands, "quizkiosk");
    return EXIT_USAGE;
  }
  return qk_args_dispatch(store_commands, "quizkiosk", argc, argv);
}
