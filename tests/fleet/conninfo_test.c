/*
** conninfo_test.c — the connection string a kiosk uses (sync.h): TLS is
** required for a remote host unless the URL says otherwise, not for a unix
** socket or loopback; a password file must be this user's and 0600.
** Usage: qk_fleet_conninfo_test WORKDIR
*/
#include "../store/check.h"
#include "sync.h"

static char *ci(const char *url, const char *passfile, char *err, size_t len) {
  char *out = NULL;
  if (qk_sync_conninfo(url, passfile, &out, err, len) != 0) return NULL;
  return out;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  char err[600], pass[4200], cmd[4300];
  char *c;
  c = ci("postgresql://kiosk@db.example.com/fleet", NULL, err, sizeof err);
  CHECK(c && strstr(c, "sslmode='require'") && strstr(c, "host='db.example.com'"));
  free(c);
  c = ci("postgresql://kiosk@db.example.com/fleet?sslmode=verify-full", NULL, err, sizeof err);
  CHECK(c && strstr(c, "sslmode='verify-full'") && !strstr(c, "require"));
  free(c);
  c = ci("postgresql://kiosk@localhost/fleet", NULL, err, sizeof err);
  CHECK(c && !strstr(c, "sslmode"));
  free(c);
  c = ci("host=127.0.0.1 dbname=fleet", NULL, err, sizeof err);
  CHECK(c && !strstr(c, "sslmode"));
  free(c);
  c = ci("postgresql:///fleet?host=/run/postgresql", NULL, err, sizeof err);
  CHECK(c && !strstr(c, "sslmode") && strstr(c, "connect_timeout='5'"));
  free(c);
  c = ci("host=localhost,db2.example.com dbname=fleet", NULL, err, sizeof err);
  CHECK(c && strstr(c, "sslmode='require'")); /* one remote host is enough */
  free(c);
  c = ci("postgresql://kiosk@db.example.com/fleet?application_name=it's", NULL, err, sizeof err);
  CHECK(c && strstr(c, "application_name='it\\'s'"));
  free(c);
  CHECK(ci("postgresql://[bad", NULL, err, sizeof err) == NULL && strstr(err, "bad server address"));
  CHECK(ci("", NULL, err, sizeof err) == NULL && strstr(err, "no server given"));
  /* Password file: refused when others can read it, used at 0600. */
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", argv[1]);
  CHECK(system(cmd) == 0);
  snprintf(pass, sizeof pass, "%s/pgpass", argv[1]);
  FILE *f = fopen(pass, "w");
  CHECK(f != NULL);
  if (f) {
    fputs("*:*:*:kiosk:secret\n", f);
    fclose(f);
  }
  chmod(pass, 0644);
  CHECK(ci("postgresql://kiosk@localhost/fleet", pass, err, sizeof err) == NULL && strstr(err, "chmod 600"));
  chmod(pass, 0600);
  c = ci("postgresql://kiosk@localhost/fleet", pass, err, sizeof err);
  CHECK(c && strstr(c, "passfile='") && strstr(c, pass));
  free(c);
  CHECK(ci("postgresql://kiosk@localhost/fleet", "/nonexistent/pgpass", err, sizeof err) == NULL &&
        strstr(err, "No such file"));
  return check_result("fleet_conninfo");
}
