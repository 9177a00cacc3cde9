/*
** cli_driver.c — qk_store_cli_test: the store's subcommands without the
** runtime, handed over as quizkiosk's main() does (argv[0] = subcommand).
*/
#include "store.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_store_cli_test export|stats|purge|set-pin ...\n");
    return 2;
  }
  return qk_store_cli(argc - 1, argv + 1);
}
