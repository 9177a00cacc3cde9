/*
** fleet_cmds.c — the fleet's commands declared for the one argument parser
** (runtime/base/args.h; runtime/cli.c lists them), in the program itself,
** so the usage text and --help need nothing loaded. What they do on the
** server is in the fleet module (fleet_cli.c, reached through
** sync_module.h), loaded only when one of them runs: a program that never
** talks to a server never maps libpq and the TLS, Kerberos and LDAP
** libraries it pulls in.
**
** `export` is declared here, not in the store: one command whose --pg
** needs the module, whose --bundle is the store's outbox, and which
** otherwise runs the store's own export (qk_store_cmd_export.run)
** unchanged. `fleet refused` and `fleet resend` read and change only the
** kiosk's database (outbox.h), so they need no module either.
** Exit codes: 0 ok, 1 failure (message on stderr), 2 usage.
*/
#include "fleet_cli.h"
#include "outbox.h"
#include "store_cli.h"
#include "sync_load.h"

#include <stdio.h>
#include <sys/stat.h>

/* The module's table, or NULL after saying why on stderr. */
static const qk_sync_module *module(const qk_args *a) {
  char why[2048];
  const qk_sync_module *m = qk_sync_module_load(why, sizeof why);
  if (!m) fprintf(stderr, "quizkiosk %s: %s\n", a->cmd->name, why);
  return m;
}

#define RUN(name, entry)                          \
  static int name(const qk_args *a) {             \
    const qk_sync_module *m = module(a);          \
    return m ? m->entry(a) : 1;                   \
  }
RUN(run_sync, run_sync)
RUN(run_init, run_init)
RUN(run_status, run_status)
RUN(run_import, run_import)
RUN(run_publish, run_publish)
RUN(run_export_pg, run_export_pg)

static int cmd_export(const qk_args *a) {
  const char *bundle = qk_args_str(a, "bundle"), *db = qk_args_str(a, "db");
  if (bundle) {
    if (qk_args_has(a, "pg") || qk_args_has(a, "format") || qk_args_has(a, "since") || qk_args_has(a, "out"))
      return qk_args_usage_error(a, "--bundle FILE writes the whole outbox: only --db FILE goes with it");
    if (!db) return qk_args_usage_error(a, "--bundle needs --db FILE");
    qk_store *st = NULL;
    char err[600], kiosk[128];
    int64_t n = 0;
    if (qk_store_open(db, &st, err, sizeof err) != QK_STORE_OK) {
      fprintf(stderr, "quizkiosk export: %s\n", err);
      return 1;
    }
    int rc = qk_store_kiosk_id(st, kiosk, sizeof kiosk);
    if (!rc) rc = qk_store_outbox_export(st, kiosk, bundle, &n);
    if (rc) fprintf(stderr, "quizkiosk export: %s\n", qk_store_errmsg(st));
    else printf("%s: %lld records\n", bundle, (long long)n);
    qk_store_close(st);
    return rc ? 1 : 0;
  }
  if (!qk_args_has(a, "format")) return qk_args_usage_error(a, "--format csv, json or xlsx is required");
  if (qk_args_has(a, "pg")) {
    if (db) return qk_args_usage_error(a, "export --pg reads the central database: no --db");
    return run_export_pg(a);
  }
  if (qk_args_has(a, "passfile")) return qk_args_usage_error(a, "--passfile goes with --pg URL");
  if (!db) return qk_args_usage_error(a, "--db FILE is required (or --pg URL for the fleet's results)");
  return qk_store_cmd_export.run(a);
}

/* ---- records the server refused: local only, no module ------------------ */

/* The kiosk's database, or NULL after saying why; one that is not there
** is a typo, not a reason to create an empty one (as the store's commands). */
static qk_store *open_db(const qk_args *a) {
  qk_store *st = NULL;
  char err[600];
  struct stat sb;
  if (stat(qk_args_str(a, "db"), &sb) != 0) {
    fprintf(stderr, "quizkiosk %s: no database at %s\n", a->cmd->name, qk_args_str(a, "db"));
    return NULL;
  }
  if (qk_store_open(qk_args_str(a, "db"), &st, err, sizeof err) != QK_STORE_OK) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->cmd->name, err);
    return NULL;
  }
  return st;
}

static int print_refused(void *ud, const qk_outbox_refused_rec *r) {
  (void)ud;
  char when[40] = "";
  if (r->refused_at) qk_store_format_time(r->refused_at, when, sizeof when);
  if (r->refused_at)
    printf("%lld\t%s\t%s\t%s\t%s\t%s %s\n", (long long)r->id, r->kind, r->session, r->ref, when, r->code,
           r->reason);
  else
    printf("%lld\t%s\t%s\t%s\t\twaits for %lld (its session)\n", (long long)r->id, r->kind, r->session, r->ref,
           (long long)r->held_by);
  return 0;
}

/* fleet refused --db FILE: what the server refused, and why. */
static int cmd_refused(const qk_args *a) {
  qk_store *st = open_db(a);
  if (!st) return 1;
  qk_outbox_counts n;
  int rc = qk_store_outbox_counts(st, &n);
  if (!rc && !n.refused) printf("nothing refused by the server (%lld records to send)\n", (long long)n.pending);
  else if (!rc) {
    printf("%lld refused by the server, %lld waiting behind them, %lld to send; once the server is fixed, "
           "`quizkiosk fleet resend --db %s` queues them again\n",
           (long long)n.refused, (long long)n.held, (long long)n.pending, qk_args_str(a, "db"));
    printf("id\tkind\tsession\tkey\trefused at\treason\n");
    rc = qk_store_outbox_refused(st, print_refused, NULL);
  }
  if (rc) fprintf(stderr, "quizkiosk fleet refused: %s\n", qk_store_errmsg(st));
  qk_store_close(st);
  return rc ? 1 : 0;
}

/* fleet resend --db FILE: the refused records queued again, in their places. */
static int cmd_resend(const qk_args *a) {
  qk_store *st = open_db(a);
  if (!st) return 1;
  int64_t n = 0, held = 0;
  int rc = qk_store_outbox_resend(st, &n, &held);
  if (rc) fprintf(stderr, "quizkiosk fleet resend: %s\n", qk_store_errmsg(st));
  else if (!n) printf("nothing refused by the server: nothing to resend\n");
  else
    printf("%lld refused record%s queued again (with %lld that waited behind them); the kiosk sends them "
           "at its next sync (or quizkiosk sync --db %s --pg URL)\n",
           (long long)n, n == 1 ? "" : "s", (long long)held, qk_args_str(a, "db"));
  qk_store_close(st);
  return rc ? 1 : 0;
}

/* ---- the declarations ---- */

#define PG_OPT QK_STR("pg", "URL", "the fleet's PostgreSQL server (postgresql://…; TLS required for remote hosts)", QK_OPT_REQUIRED)
#define PASSFILE_OPT QK_STR("passfile", "FILE", "the password, from a file only its owner can read (mode 0600)", 0)

static const qk_opt sync_opts[] = {
  QK_STR("db", "FILE", "the kiosk's results database", QK_OPT_REQUIRED), PG_OPT, PASSFILE_OPT,
  QK_STR("kiosk-id", "NAME", "the kiosk's name (default: its database's kiosk_id)", 0), QK_OPT_END};
const qk_command qk_cmd_sync = {
  "sync", "send a kiosk's unsent results to the fleet's server once, then exit", sync_opts, NULL, run_sync,
  "For cron, tests and recovery; a running kiosk with --sync or the sync_url setting sends by itself.\n"
  "Repeats are harmless: the server ignores what it already has."};

static const qk_opt pg_opts[] = {PG_OPT, PASSFILE_OPT, QK_OPT_END};
const qk_command qk_cmd_fleet_init = {
  "fleet init", "create the fleet's schema, roles and HR/BI views on the server (safe to repeat)", pg_opts, NULL,
  run_init, NULL};
const qk_command qk_cmd_fleet_status = {
  "fleet status", "each kiosk's last contact, backlog, software and question set", pg_opts, NULL, run_status, NULL};
static const qk_posarg bundle_arg[] = {{"BUNDLE", "a file written by `quizkiosk export --bundle`", 0}, {0}};
const qk_command qk_cmd_fleet_import = {
  "fleet import", "load a kiosk's bundle (a site with no network) into the server; twice adds nothing", pg_opts,
  bundle_arg, run_import, NULL};
static const qk_opt db_opts[] = {QK_STR("db", "FILE", "the kiosk's results database", QK_OPT_REQUIRED), QK_OPT_END};
const qk_command qk_cmd_fleet_refused = {
  "fleet refused", "list the records the fleet's server refused for their content, with its reasons", db_opts,
  NULL, cmd_refused,
  "A record the server refuses for what it holds (a data error, a constraint, a check or trigger of\n"
  "the server's) is set aside and the rest goes on; a session's later records wait behind its\n"
  "refused session record. Nothing is deleted. One line each: id, kind, session, key, when, reason."};
const qk_command qk_cmd_fleet_resend = {
  "fleet resend", "queue the refused records again, once the server accepts them", db_opts, NULL, cmd_resend,
  "They keep their places (a session's records go in the order they were made). A running kiosk\n"
  "sends them within seconds; else `quizkiosk sync`. Refused again, they are set aside again."};
static const qk_posarg app_arg[] = {{"APP_DIR", "the app folder to publish", 0}, {0}};
const qk_command qk_cmd_publish = {
  "publish", "publish an app folder as its next version to the fleet's kiosks", pg_opts, app_arg, run_publish,
  "Kiosks fetch it, check it, and switch between candidates, never mid-session; publishing an\n"
  "earlier folder again rolls back."};

static const qk_opt export_opts[] = {
  QK_STR("db", "FILE", "the results database", 0),
  QK_STR("format", "csv|json|xlsx", "what to write (xlsx needs --out)", 0),
  QK_STR("since", "YYYY-MM-DD", "only sessions started on or after this day (local time)", 0),
  QK_STR("out", "FILE", "where to write (default stdout: json, or csv's sessions table; csv to a file also writes FILE_answers.csv)", 0),
  QK_STR("pg", "URL", "export the fleet's central results instead of a kiosk's (no --db)", 0),
  PASSFILE_OPT,
  QK_STR("bundle", "FILE", "write the kiosk's unsent results for `quizkiosk fleet import` (with --db only)", 0),
  QK_OPT_END};
const qk_command qk_cmd_export = {
  "export", "write results as CSV, JSON or an Excel workbook, or a kiosk's outbox as a bundle", export_opts,
  NULL, cmd_export,
  "--db FILE --format F: a kiosk's results; --pg URL --format F: the fleet's (personal fields only\n"
  "for fleet_hr); --db FILE --bundle OUT: the outbox for a site with no network.\n"
  "CSV is UTF-8 with a BOM: one row per session, and FILE_answers.csv beside it with one row\n"
  "per answer. JSON is an array of sessions with their candidate fields and answers."};
