/*
** cli.c — the store's maintenance subcommands, for HR and data officers at
** a shell (or a script on the kiosk): export, stats, purge, set-pin,
** backup. The
** runtime's main() hands them over; qk_store_cli_test does the same in
** tests. Results go to stdout, errors to stderr; exit 0 ok, 1 failed,
** 2 wrong usage.
**
** This is the one place in the store that reads the clock: a person at a
** shell means "now" (for "today" and for the purge stamp).
*/
#include "store_int.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define EXIT_FAIL 1
#define EXIT_USAGE 2

typedef struct {
  const char *db, *format, *since, *out, *before, *pin;
} options;

static const char *const usage_text =
    "usage:\n"
    "  quizkiosk export --db FILE --format csv|json|xlsx [--since YYYY-MM-DD] [--out FILE]\n"
    "  quizkiosk stats --db FILE\n"
    "  quizkiosk purge --db FILE --before YYYY-MM-DD\n"
    "  quizkiosk set-pin --db FILE PIN\n"
    "  quizkiosk backup --db FILE --out FILE   (safe while the kiosk runs)\n";

int qk_store_cli_handles(const char *sub) {
  static const char *const names[] = {"export", "stats", "purge", "set-pin", "backup"};
  for (size_t i = 0; sub && i < sizeof names / sizeof *names; i++)
    if (!strcmp(sub, names[i])) return 1;
  return 0;
}

static int usage(const char *cmd, const char *msg) {
  fprintf(stderr, "quizkiosk %s: %s\n%s", cmd, msg, usage_text);
  return EXIT_USAGE;
}

/* --opt VALUE or --opt=VALUE. Returns 0, or the exit code of a usage error. */
static int parse(int argc, char **argv, options *o) {
  static const struct {
    const char *name;
    size_t off;
  } opts[] = {{"--db", offsetof(options, db)},         {"--format", offsetof(options, format)},
              {"--since", offsetof(options, since)},   {"--out", offsetof(options, out)},
              {"--before", offsetof(options, before)}};
  memset(o, 0, sizeof *o);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int matched = 0;
    for (size_t k = 0; k < sizeof opts / sizeof *opts && !matched; k++) {
      size_t n = strlen(opts[k].name);
      if (strncmp(a, opts[k].name, n) != 0 || (a[n] && a[n] != '=')) continue;
      const char **slot = (const char **)((char *)o + opts[k].off);
      if (a[n] == '=') *slot = a + n + 1;
      else if (i + 1 < argc) *slot = argv[++i];
      else {
        char msg[64];
        snprintf(msg, sizeof msg, "%s needs a value", opts[k].name);
        return usage(argv[0], msg);
      }
      matched = 1;
    }
    if (matched) continue;
    if (a[0] == '-' && a[1]) {
      char msg[300];
      snprintf(msg, sizeof msg, "unknown option %.200s", a);
      return usage(argv[0], msg);
    }
    if (o->pin) return usage(argv[0], "too many arguments");
    o->pin = a;
  }
  if (!o->db || !*o->db) return usage(argv[0], "--db FILE is required");
  return 0;
}

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

static int parse_date_opt(const char *cmd, const char *opt, const char *text, qk_ms *out) {
  if (qk_store_parse_date(text, out) == 0) return 0;
  char msg[200];
  snprintf(msg, sizeof msg, "%s %.40s is not a date; use YYYY-MM-DD (local time)", opt, text);
  return usage(cmd, msg);
}

static int cmd_export(int argc, char **argv) {
  options o;
  qk_ms since = 0;
  int rc = parse(argc, argv, &o);
  if (rc) return rc;
  if (o.pin) return usage(argv[0], "unexpected argument");
  if (!o.format || (strcmp(o.format, "csv") && strcmp(o.format, "json") && strcmp(o.format, "xlsx")))
    return usage(argv[0], "--format csv, --format json or --format xlsx is required");
  if (o.since && (rc = parse_date_opt(argv[0], "--since", o.since, &since))) return rc;
  int to_stdout = !o.out || !strcmp(o.out, "-");
  if (!strcmp(o.format, "xlsx") && to_stdout)
    return usage(argv[0], "an Excel workbook is a file: give --out FILE.xlsx");
  qk_store *s = open_existing(argv[0], o.db, 1);
  if (!s) return EXIT_FAIL;
  if (to_stdout) {
    /* CSV on standard output is the sessions table; the answers are a
    ** second table, which only a file export (--out) writes. */
    int csv = !strcmp(o.format, "csv");
    if (csv ? qk_store_export_csv(s, stdout, NULL, since) : qk_store_export_json(s, stdout, since))
      return fail(argv[0], s);
    if (csv)
      fprintf(stderr, "quizkiosk export: wrote the sessions to standard output; the answers are in "
                      "FILE_answers.csv when you give --out FILE.csv\n");
  } else {
    char apath[4200];
    if (qk_store_export_file(s, o.out, o.format, since, apath, sizeof apath)) return fail(argv[0], s);
    if (!strcmp(o.format, "csv")) printf("wrote sessions to %s and answers to %s\n", o.out, apath);
    else printf("wrote %s\n", o.out);
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

static int cmd_stats(int argc, char **argv) {
  options o;
  int rc = parse(argc, argv, &o);
  if (rc) return rc;
  if (o.pin || o.format || o.since || o.out || o.before) return usage(argv[0], "unexpected argument");
  qk_store *s = open_existing(argv[0], o.db, 1);
  if (!s) return EXIT_FAIL;
  qk_store_stats all, today;
  qk_ms day = qk_store_local_day_start(now_ms());
  char when[40];
  if (qk_store_stats_since(s, 0, &all) || qk_store_stats_since(s, day, &today)) return fail(argv[0], s);
  qk_store_format_time(day, when, sizeof when);
  printf("database %s\nall time: ", o.db);
  print_stats(&all);
  printf("today (since %s): ", when);
  print_stats(&today);
  printf("per exam (all time):\n");
  if (!all.started) printf("  (no sessions yet)\n");
  if (qk_store_stats_by_exam(s, 0, print_exam, NULL)) return fail(argv[0], s);
  qk_store_close(s);
  return 0;
}

static int cmd_purge(int argc, char **argv) {
  options o;
  qk_ms before;
  int rc = parse(argc, argv, &o);
  if (rc) return rc;
  if (o.pin || o.format || o.since || o.out) return usage(argv[0], "unexpected argument");
  if (!o.before) return usage(argv[0], "--before YYYY-MM-DD is required");
  if ((rc = parse_date_opt(argv[0], "--before", o.before, &before))) return rc;
  qk_store *s = open_existing(argv[0], o.db, 1);
  if (!s) return EXIT_FAIL;
  qk_store_purge_report r;
  if (qk_store_purge(s, before, now_ms(), &r)) return fail(argv[0], s);
  printf("purged personal data of %d session%s started before %s: deleted %d candidate field%s, "
         "blanked %d typed answer%s, scrubbed %d event%s; scores and results are kept\n",
         r.sessions, r.sessions == 1 ? "" : "s", o.before, r.candidate_fields,
         r.candidate_fields == 1 ? "" : "s", r.answers_scrubbed, r.answers_scrubbed == 1 ? "" : "s",
         r.events_scrubbed, r.events_scrubbed == 1 ? "" : "s");
  if (r.sessions && !r.wal_truncated)
    printf("note: another program has the database open; old copies of the purged data stay in "
           "%s-wal until it closes\n", o.db);
  qk_store_close(s);
  return 0;
}

static int cmd_set_pin(int argc, char **argv) {
  options o;
  int rc = parse(argc, argv, &o);
  if (rc) return rc;
  if (o.format || o.since || o.out || o.before) return usage(argv[0], "unexpected argument");
  if (!o.pin) return usage(argv[0], "the PIN is missing");
  size_t n = strlen(o.pin), digits = strspn(o.pin, "0123456789");
  if (n < 4 || n > 12 || digits != n) return usage(argv[0], "the PIN must be 4 to 12 digits");
  qk_store *s = open_existing(argv[0], o.db, 0); /* setting up a new kiosk is fine */
  if (!s) return EXIT_FAIL;
  if (qk_store_set_pin(s, o.pin)) return fail(argv[0], s);
  printf("admin PIN set in %s\n", o.db);
  qk_store_close(s);
  return 0;
}

/* An online backup: the kiosk may keep running and writing meanwhile. */
static int cmd_backup(int argc, char **argv) {
  options o;
  int rc = parse(argc, argv, &o);
  if (rc) return rc;
  if (o.pin || o.format || o.since || o.before) return usage(argv[0], "unexpected argument");
  if (!o.out || !*o.out || !strcmp(o.out, "-")) return usage(argv[0], "--out FILE is required");
  qk_store *s = open_existing(argv[0], o.db, 1);
  if (!s) return EXIT_FAIL;
  if (qk_store_backup(s, o.out)) return fail(argv[0], s);
  printf("backed up %s to %s (checked, including results still in the write-ahead log)\n", o.db, o.out);
  qk_store_close(s);
  return 0;
}

int qk_store_cli(int argc, char **argv) {
  if (argc < 1 || !qk_store_cli_handles(argv[0])) {
    fprintf(stderr, "quizkiosk: not a store command: %s\n%s", argc ? argv[0] : "(none)", usage_text);
    return EXIT_USAGE;
  }
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(usage_text, stdout);
      return 0;
    }
  if (!strcmp(argv[0], "export")) return cmd_export(argc, argv);
  if (!strcmp(argv[0], "stats")) return cmd_stats(argc, argv);
  if (!strcmp(argv[0], "purge")) return cmd_purge(argc, argv);
  if (!strcmp(argv[0], "backup")) return cmd_backup(argc, argv);
  return cmd_set_pin(argc, argv);
}
