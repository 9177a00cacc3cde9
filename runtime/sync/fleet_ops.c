/*
** fleet_ops.c — the one-shot fleet operations behind the commands
** (sync.h): push a kiosk's backlog once, create the central schema, load
** a bundle file. Each is one connection, blocking; none runs on the UI.
*/
#include "central.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn *open_conn(const char *url, const char *passfile, char *err, size_t errlen) {
  char *conninfo = NULL;
  if (qk_sync_conninfo(url, passfile, &conninfo, err, errlen) != 0) return NULL;
  PGconn *c = qk_central_connect(conninfo, NULL, err, errlen);
  free(conninfo);
  return c;
}

int qk_sync_push_once(const qk_sync_config *cfg, int64_t *sent, int64_t *refused, char *err, size_t errlen) {
  if (sent) *sent = 0;
  if (refused) *refused = 0;
  qk_store *st = NULL;
  if (qk_store_open(cfg->db_path, &st, err, errlen) != QK_STORE_OK) return -1;
  PGconn *c = open_conn(cfg->url, cfg->passfile, err, errlen);
  if (!c) {
    qk_store_close(st);
    return -1;
  }
  qk_central_contact who = {cfg->kiosk_id, cfg->software, NULL, NULL};
  int rc = 0;
  for (;;) {
    int taken = 0, set_aside = 0;
    rc = qk_central_push_batch(c, st, cfg->batch > 0 ? cfg->batch : 500, &who, &taken, &set_aside, err, errlen);
    if (sent) *sent += taken;
    if (refused) *refused += set_aside;
    if (rc || (!taken && !set_aside)) break;
  }
  PQfinish(c);
  qk_store_close(st);
  return rc ? -1 : 0;
}

int qk_fleet_init(const char *url, const char *passfile, char *err, size_t errlen) {
  PGconn *c = open_conn(url, passfile, err, errlen);
  if (!c) return -1;
  /* One transaction (simple query protocol runs the whole text as one). */
  char *sql = malloc(strlen(qk_fleet_schema_sql) + 32);
  int rc = -1;
  if (sql) {
    sprintf(sql, "BEGIN;\n%sCOMMIT;\n", qk_fleet_schema_sql);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) == PGRES_COMMAND_OK) rc = 0;
    else qk_central_err(err, errlen, "creating the fleet schema: %s", PQresultErrorMessage(r));
    PQclear(r);
    free(sql);
  } else qk_central_err(err, errlen, "out of memory");
  PQfinish(c);
  return rc;
}

/* One line of a bundle into buf (grown as needed); 0 at end of file. */
static ssize_t read_line(FILE *f, char **buf, size_t *cap) {
  ssize_t n = getline(buf, cap, f);
  if (n > 0 && (*buf)[n - 1] == '\n') (*buf)[--n] = 0;
  return n;
}

#define IMPORT_CHUNK 500

int qk_fleet_import(const char *url, const char *passfile, const char *path, int64_t *applied,
                    char *err, size_t errlen) {
  if (applied) *applied = 0;
  if (err && errlen) err[0] = 0;
  FILE *f = fopen(path, "r");
  if (!f) {
    qk_central_err(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  long long records = -1;
  const char *magic = "{\"quizkiosk_bundle\":1,";
  const char *rec_at = NULL;
  if (read_line(f, &line, &cap) <= 0 || strncmp(line, magic, strlen(magic)) ||
      !(rec_at = strstr(line, ",\"records\":")) || sscanf(rec_at, ",\"records\":%lld}", &records) != 1 ||
      records < 0) {
    qk_central_err(err, errlen, "%s is not a quizkiosk bundle (export --bundle writes them)", path);
    free(line);
    fclose(f);
    return -1;
  }
  /* Count first: a bundle cut short on its way (a USB stick pulled) is
  ** refused whole rather than loaded in part. */
  long long lines = 0;
  while (read_line(f, &line, &cap) > 0) lines++;
  if (lines != records) {
    qk_central_err(err, errlen, "%s holds %lld records but says %lld: it is incomplete", path, lines,
                   records);
    free(line);
    fclose(f);
    return -1;
  }
  rewind(f);
  read_line(f, &line, &cap);
  PGconn *c = open_conn(url, passfile, err, errlen);
  int rc = c ? 0 : -1;
  if (!rc && !PQenterPipelineMode(c)) {
    qk_central_err(err, errlen, "cannot enter pipeline mode: %s", PQerrorMessage(c));
    rc = -1;
  }
  /* One transaction, sent in chunks so neither side's buffers fill. */
  int pending = 0, committed = 0;
  if (!rc) {
    rc = qk_central_send(c, "BEGIN", 0, NULL);
    pending = 1;
  }
  int64_t n = 0;
  for (int more = 1; !rc && more;) {
    ssize_t len = read_line(f, &line, &cap);
    more = len > 0;
    if (more) {
      const char *vals[1] = {line};
      rc = qk_central_send(c, "SELECT fleet.apply(($1::jsonb)->>'kind', ($1::jsonb)->'row')", 1, vals);
      pending++;
      n++;
    } else rc = qk_central_send(c, "COMMIT", 0, NULL), pending++;
    if (!rc && (pending >= IMPORT_CHUNK || !more)) {
      if (!PQpipelineSync(c)) rc = -1;
      else rc = qk_central_read(c, pending, &committed, NULL, err, errlen);
      pending = 0;
    }
  }
  if (!rc && !committed) {
    qk_central_err(err, errlen, "the server did not commit the import");
    rc = -1;
  }
  if (rc && c && err && !*err) qk_central_err(err, errlen, "%s", PQerrorMessage(c));
  PQfinish(c);
  free(line);
  fclose(f);
  if (!rc && applied) *applied = n;
  return rc;
}
