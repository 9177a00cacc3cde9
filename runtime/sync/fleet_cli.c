/*
** fleet_cli.c — what the fleet's commands do on the server (issue 12); part
** of the fleet module (sync_module.h), reached through its table. The
** commands are declared, and `export` dispatched, in fleet_cmds.c, which
** is in the program itself, so usage and --help need no module:
**   quizkiosk sync --db FILE --pg URL [--passfile F] [--kiosk-id ID]
**   quizkiosk fleet init --pg URL [--passfile F]
**   quizkiosk fleet status --pg URL [--passfile F]
**   quizkiosk fleet import FILE --pg URL [--passfile F]
**   quizkiosk publish APP_DIR --pg URL [--passfile F]
**   quizkiosk export --pg URL --format csv|json|xlsx [--since DATE] [--out FILE]
**       (the central rows through the kiosk's own export)
** Exit codes: 0 ok, 1 failure (message on stderr), 2 usage.
*/
#include "bundle.h"
#include "central.h"
#include "sync_module.h"
#include "store_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef QK_VERSION
#define QK_VERSION "0.0.0"
#endif

typedef struct {
  const char *db, *pg, *passfile, *kiosk, *arg;
} opts;

static void take(const qk_args *a, opts *o) {
  memset(o, 0, sizeof *o);
  for (const qk_opt *d = a->cmd->opts; d && d->name; d++) {
    const char *v = qk_args_str(a, d->name);
    if (!strcmp(d->name, "db")) o->db = v;
    else if (!strcmp(d->name, "pg")) o->pg = v;
    else if (!strcmp(d->name, "passfile")) o->passfile = v;
    else if (!strcmp(d->name, "kiosk-id")) o->kiosk = v;
  }
  o->arg = a->npos > 0 ? a->pos[0] : NULL;
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
** store's own export command on it with the same options, --db being the
** scratch file. */
int qk_fleet_run_export_pg(const qk_args *a) {
  const char *pg = qk_args_str(a, "pg"), *passfile = qk_args_str(a, "passfile");
  char dir[] = "/tmp/quizkiosk-export-XXXXXX", db[64], err[600], *conninfo = NULL;
  if (!mkdtemp(dir)) {
    perror("quizkiosk export: scratch folder");
    return 1;
  }
  snprintf(db, sizeof db, "%s/central.db", dir);
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
  } else {
    /* The kiosk's own export, on the central rows: the same arguments with
    ** --db set to the scratch file. */
    qk_args b = *a;
    int k = 0;
    while (strcmp(a->cmd->opts[k].name, "db") != 0) k++;
    b.opt[k].set = 1;
    b.opt[k].str = db;
    code = qk_store_cmd_export.run(&b);
  }
  const char *side[] = {"", "-wal", "-shm", "-journal"};
  for (int i = 0; i < 4; i++) {
    char f[96];
    snprintf(f, sizeof f, "%s%s", db, side[i]);
    unlink(f);
  }
  rmdir(dir);
  return code;
}

int qk_fleet_run_sync(const qk_args *a) {
  opts ob, *o = &ob;
  take(a, o);
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
  int64_t sent = 0, refused = 0;
  int rc = qk_sync_push_once(&cfg, &sent, &refused, err, sizeof err);
  if (rc != 0) fprintf(stderr, "quizkiosk sync: %s (%lld records were sent before)\n", err, (long long)sent);
  else printf("sent %lld records\n", (long long)sent);
  if (refused)
    fprintf(stderr, "quizkiosk sync: the server refused %lld record%s; set aside, the rest went on "
            "(quizkiosk fleet refused --db %s lists them)\n", (long long)refused, refused == 1 ? "" : "s", o->db);
  return rc ? 1 : 0;
}

int qk_fleet_run_status(const qk_args *a) {
  opts ob, *o = &ob;
  take(a, o);
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
int qk_fleet_run_publish(const qk_args *a) {
  opts ob, *o = &ob;
  take(a, o);
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

/* export: the outbox to a file (--bundle), the central database (--pg),
** or the store's own export. */
int qk_fleet_run_init(const qk_args *a) {
  char err[600];
  if (qk_fleet_init(qk_args_str(a, "pg"), qk_args_str(a, "passfile"), err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk fleet init: %s\n", err);
    return 1;
  }
  printf("fleet schema ready (roles fleet_kiosk, fleet_bi, fleet_hr)\n");
  return 0;
}

int qk_fleet_run_import(const qk_args *a) {
  char err[600];
  int64_t n = 0;
  const char *file = a->pos[0];
  if (qk_fleet_import(qk_args_str(a, "pg"), qk_args_str(a, "passfile"), file, &n, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk fleet import: %s\n", err);
    return 1;
  }
  printf("%s: %lld records applied (repeats change nothing)\n", file, (long long)n);
  return 0;
}
