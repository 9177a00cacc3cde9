/*
** fleet_cli.c — the fleet's commands (issue 12), parsed here in the
** simplest way so the project's one argument parser can take them over:
**   quizkiosk sync --db FILE --pg URL [--passfile F] [--kiosk-id ID]
**   quizkiosk fleet init --pg URL [--passfile F]
**   quizkiosk fleet status --pg URL [--passfile F]
**   quizkiosk fleet import FILE --pg URL [--passfile F]
**   quizkiosk publish APP_DIR --pg URL [--passfile F]
**   quizkiosk export --bundle FILE --db FILE
**   quizkiosk export --pg URL --format csv|json [--since DATE] [--out FILE]
**       (the central rows through the kiosk's own export: qk_store_cli)
** Exit codes: 0 ok, 1 failure (message on stderr), 2 usage.
*/
#include "bundle.h"
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef QK_VERSION
#define QK_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "usage: quizkiosk sync --db FILE --pg URL [--passfile FILE] [--kiosk-id ID]\n"
    "       quizkiosk fleet init --pg URL [--passfile FILE]\n"
    "       quizkiosk fleet status --pg URL [--passfile FILE]\n"
    "       quizkiosk fleet import BUNDLE --pg URL [--passfile FILE]\n"
    "       quizkiosk publish APP_DIR --pg URL [--passfile FILE]\n"
    "       quizkiosk export --bundle FILE --db FILE\n"
    "       quizkiosk export --pg URL [--passfile FILE] --format csv|json [--since DATE] [--out FILE]\n";

typedef struct {
  const char *db, *pg, *passfile, *kiosk, *bundle, *arg;
} opts;

static int usage(const char *why) {
  fprintf(stderr, "quizkiosk: %s\n%s", why, usage_text);
  return 2;
}

/* argv[first..] into o; one positional argument allowed when arg_ok. */
static int parse(int argc, char **argv, int first, int arg_ok, opts *o) {
  memset(o, 0, sizeof *o);
  for (int i = first; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    const char **slot = !strcmp(a, "--db")         ? &o->db
                        : !strcmp(a, "--pg")       ? &o->pg
                        : !strcmp(a, "--passfile") ? &o->passfile
                        : !strcmp(a, "--kiosk-id") ? &o->kiosk
                        : !strcmp(a, "--bundle")   ? &o->bundle
                                                   : NULL;
    if (slot) {
      if (!v) {
        fprintf(stderr, "quizkiosk: missing value after %s\n%s", a, usage_text);
        return -1;
      }
      *slot = v;
      i++;
    } else if (a[0] != '-' && arg_ok && !o->arg) o->arg = a;
    else {
      fprintf(stderr, "quizkiosk: unexpected argument '%s'\n%s", a, usage_text);
      return -1;
    }
  }
  return 0;
}

static int has(int argc, char **argv, const char *flag) {
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], flag)) return 1;
  return 0;
}

int qk_fleet_handles(int argc, char **argv) {
  if (argc < 1) return 0;
  if (!strcmp(argv[0], "sync") || !strcmp(argv[0], "fleet") || !strcmp(argv[0], "publish")) return 1;
  return !strcmp(argv[0], "export") && (has(argc, argv, "--bundle") || has(argc, argv, "--pg"));
}

/* ---- export --pg: the same exports as a kiosk's, from the centre ---------- */

/* Central rows of one table into the scratch store. */
static int load_table(PGconn *c, qk_store *st, const char *kind, const char *sql, char *err, size_t errlen) {
  PGresult *r = PQexec(c, sql);
  int rc = 0;
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    qk_central_err(err, errlen, "%s", PQresultErrorMessage(r));
    rc = -1;
  }
  for (int i = 0; !rc && i < PQntuples(r); i++)
    if (qk_store_outbox_apply(st, kind, PQgetvalue(r, i, 0)) != QK_STORE_OK) {
      qk_central_err(err, errlen, "%s", qk_store_errmsg(st));
      rc = -2;
    }
  PQclear(r);
  return rc;
}

/* Loads the central database into a scratch SQLite file, then runs the
** store's own export command on it with the remaining arguments. */
static int cmd_export_pg(int argc, char **argv) {
  const char *pg = NULL, *passfile = NULL;
  char **rest = calloc((size_t)argc + 3, sizeof *rest);
  int n = 0;
  if (!rest) return 1;
  rest[n++] = argv[0];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--pg") && i + 1 < argc) pg = argv[++i];
    else if (!strcmp(argv[i], "--passfile") && i + 1 < argc) passfile = argv[++i];
    else if (!strcmp(argv[i], "--db")) {
      free(rest);
      return usage("export --pg reads the central database: no --db");
    } else rest[n++] = argv[i];
  }
  char dir[] = "/tmp/quizkiosk-export-XXXXXX", db[64], err[600], *conninfo = NULL;
  if (!pg || !mkdtemp(dir)) {
    free(rest);
    return pg ? (perror("quizkiosk export: scratch folder"), 1) : usage("export --pg needs a URL");
  }
  snprintf(db, sizeof db, "%s/central.db", dir);
  rest[n++] = "--db";
  rest[n++] = db;
  qk_store *st = NULL;
  PGconn *c = NULL;
  int rc = qk_sync_conninfo(pg, passfile, &conninfo, err, sizeof err) ? -1 : 0;
  if (!rc && !(c = qk_central_connect(conninfo, NULL, err, sizeof err))) rc = -1;
  if (!rc && qk_store_open(db, &st, err, sizeof err) != QK_STORE_OK) rc = -1;
  if (!rc && qk_store_batch_begin(st) != QK_STORE_OK) rc = -1;
  if (!rc) rc = load_table(c, st, "session", "SELECT row_to_json(t)::text FROM fleet.sessions t ORDER BY started_at, uuid", err, sizeof err);
  if (!rc) rc = load_table(c, st, "answer", "SELECT row_to_json(t)::text FROM fleet.answers t ORDER BY session, seq", err, sizeof err);
  if (!rc) rc = load_table(c, st, "event", "SELECT row_to_json(t)::text FROM fleet.events t ORDER BY session, seq", err, sizeof err);
  /* Names and phones only for those allowed to read them (fleet_hr). */
  if (!rc && load_table(c, st, "candidate", "SELECT row_to_json(t)::text FROM fleet.personal t ORDER BY session, field",
                        err, sizeof err) == -1)
    fprintf(stderr, "quizkiosk export: without personal fields (%s)\n", err);
  if (st && qk_store_batch_end(st) != QK_STORE_OK && !rc) {
    qk_central_err(err, sizeof err, "%s", qk_store_errmsg(st));
    rc = -1;
  }
  qk_store_close(st);
  PQfinish(c);
  free(conninfo);
  int code;
  if (rc) {
    fprintf(stderr, "quizkiosk export: %s\n", err);
    code = 1;
  } else code = qk_store_cli(n, rest); /* the kiosk's own export, on the central rows */
  free(rest);
  const char *side[] = {"", "-wal", "-shm", "-journal"};
  for (int i = 0; i < 4; i++) {
    char f[96];
    snprintf(f, sizeof f, "%s%s", db, side[i]);
    unlink(f);
  }
  rmdir(dir);
  return code;
}

static int cmd_sync(opts *o) {
  if (!o->db || !o->pg) return usage("sync needs --db FILE and --pg URL");
  char err[600], kiosk[128];
  if (!o->kiosk) {
    qk_store *st = NULL;
    if (qk_store_open(o->db, &st, err, sizeof err) != QK_STORE_OK) {
      fprintf(stderr, "quizkiosk sync: %s\n", err);
      return 1;
    }
    int rc = qk_store_kiosk_id(st, kiosk, sizeof kiosk);
    if (rc) fprintf(stderr, "quizkiosk sync: %s\n", qk_store_errmsg(st));
    qk_store_close(st);
    if (rc) return 1;
  } else snprintf(kiosk, sizeof kiosk, "%s", o->kiosk);
  qk_sync_config cfg = {.url = o->pg, .passfile = o->passfile, .db_path = o->db, .kiosk_id = kiosk,
                        .software = QK_VERSION};
  int64_t sent = 0;
  if (qk_sync_push_once(&cfg, &sent, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk sync: %s (%lld records were sent before)\n", err, (long long)sent);
    return 1;
  }
  printf("sent %lld records\n", (long long)sent);
  return 0;
}

static int cmd_status(opts *o) {
  char err[600], *conninfo = NULL;
  if (qk_sync_conninfo(o->pg, o->passfile, &conninfo, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk fleet status: %s\n", err);
    return 1;
  }
  PGconn *c = qk_central_connect(conninfo, NULL, err, sizeof err);
  free(conninfo);
  if (!c) {
    fprintf(stderr, "quizkiosk fleet status: %s\n", err);
    return 1;
  }
  PGresult *r = PQexec(c,
                       "SELECT kiosk, to_char(last_contact, 'YYYY-MM-DD HH24:MI:SSOF'), backlog, "
                       "coalesce(software_version, ''), coalesce(bundle, ''), coalesce(bundle_error, ''), "
                       "(SELECT count(*) FROM fleet.sessions s WHERE s.kiosk = k.kiosk) "
                       "FROM fleet.kiosks k ORDER BY kiosk");
  int rc = 0;
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    qk_central_err(err, sizeof err, "%s", PQresultErrorMessage(r));
    fprintf(stderr, "quizkiosk fleet status: %s\n", err);
    rc = 1;
  } else {
    printf("%-20s %-25s %8s %8s %-10s %s\n", "kiosk", "last contact", "backlog", "sessions", "software",
           "question set");
    for (int i = 0; i < PQntuples(r); i++) {
      printf("%-20s %-25s %8s %8s %-10s %s%s%s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
             PQgetvalue(r, i, 2), PQgetvalue(r, i, 6), PQgetvalue(r, i, 3), PQgetvalue(r, i, 4),
             *PQgetvalue(r, i, 5) ? "  REFUSED: " : "", PQgetvalue(r, i, 5));
    }
  }
  PQclear(r);
  PQfinish(c);
  return rc;
}

/* publish APP_DIR --pg URL: the folder as the app's next version. */
static int cmd_publish(opts *o) {
  if (!o->arg || !o->pg) return usage("publish needs APP_DIR and --pg URL");
  char err[600], hash[65], *conninfo = NULL, *data = NULL;
  size_t len = 0;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", o->arg);
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') dir[--n] = 0;
  const char *name = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
  if (qk_bundle_pack(dir, &data, &len, hash, err, sizeof err) != 0 ||
      qk_sync_conninfo(o->pg, o->passfile, &conninfo, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk publish: %s\n", err);
    free(data);
    return 1;
  }
  PGconn *c = qk_central_connect(conninfo, NULL, err, sizeof err);
  free(conninfo);
  int rc = 1;
  if (c) {
    const char *vals[3] = {name, hash, data};
    int lens[3] = {0, 0, (int)len}, fmts[3] = {0, 0, 1};
    PGresult *r = PQexecParams(c, "SELECT fleet.publish($1, $2, $3)", 3, NULL, vals, lens, fmts, 0);
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
      int v = atoi(PQgetvalue(r, 0, 0));
      if (v > 0) printf("published %s version %d (%.12s, %zu bytes)\n", name, v, hash, len);
      else printf("%s: unchanged, version %d already has this content (%.12s)\n", name, -v, hash);
      rc = 0;
    } else qk_central_err(err, sizeof err, "%s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
  }
  if (rc) fprintf(stderr, "quizkiosk publish: %s\n", err);
  free(data);
  return rc;
}

int qk_fleet_cmd(int argc, char **argv) {
  opts o;
  char err[600];
  if (!strcmp(argv[0], "publish")) {
    if (parse(argc, argv, 1, 1, &o)) return 2;
    return cmd_publish(&o);
  }
  if (!strcmp(argv[0], "sync")) {
    if (parse(argc, argv, 1, 0, &o)) return 2;
    return cmd_sync(&o);
  }
  if (!strcmp(argv[0], "export") && has(argc, argv, "--pg")) return cmd_export_pg(argc, argv);
  if (!strcmp(argv[0], "export")) {
    if (parse(argc, argv, 1, 0, &o)) return 2;
    if (!o.db || !o.bundle) return usage("export --bundle needs --db FILE");
    qk_store *st = NULL;
    char kiosk[128];
    int64_t n = 0;
    if (qk_store_open(o.db, &st, err, sizeof err) != QK_STORE_OK) {
      fprintf(stderr, "quizkiosk export: %s\n", err);
      return 1;
    }
    int rc = qk_store_kiosk_id(st, kiosk, sizeof kiosk);
    if (!rc) rc = qk_store_outbox_export(st, kiosk, o.bundle, &n);
    if (rc) fprintf(stderr, "quizkiosk export: %s\n", qk_store_errmsg(st));
    else printf("%s: %lld records\n", o.bundle, (long long)n);
    qk_store_close(st);
    return rc ? 1 : 0;
  }
  /* fleet SUBCOMMAND */
  if (argc < 2) return usage("fleet needs init, status or import");
  const char *sub = argv[1];
  int import = !strcmp(sub, "import");
  if (strcmp(sub, "init") && strcmp(sub, "status") && !import) return usage("unknown fleet command");
  if (parse(argc, argv, 2, import, &o)) return 2;
  if (!o.pg) return usage("fleet commands need --pg URL");
  if (!strcmp(sub, "init")) {
    if (qk_fleet_init(o.pg, o.passfile, err, sizeof err) != 0) {
      fprintf(stderr, "quizkiosk fleet init: %s\n", err);
      return 1;
    }
    printf("fleet schema ready (roles fleet_kiosk, fleet_bi, fleet_hr)\n");
    return 0;
  }
  if (!strcmp(sub, "status")) return cmd_status(&o);
  if (!o.arg) return usage("fleet import needs a BUNDLE file");
  int64_t n = 0;
  if (qk_fleet_import(o.pg, o.passfile, o.arg, &n, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk fleet import: %s\n", err);
    return 1;
  }
  printf("%s: %lld records applied (repeats change nothing)\n", o.arg, (long long)n);
  return 0;
}
