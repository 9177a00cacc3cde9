/*
** fixture_tool.c — fills a database with the demo results of fixture.h,
** for the command-line test. Usage: qk_store_fixture DB
*/
#include "fixture.h"

#include <string.h>

int main(int argc, char **argv) {
  char err[600];
  qk_store *s = NULL;
  int64_t ids[5];
  if (argc != 2) {
    fprintf(stderr, "usage: qk_store_fixture DB\n");
    return 2;
  }
  if (qk_store_open(argv[1], &s, err, sizeof err)) {
    fprintf(stderr, "qk_store_fixture: %s\n", err);
    return 1;
  }
  int rc = fixture_fill(s, ids);
  qk_store_close(s);
  return rc ? 1 : 0;
}
