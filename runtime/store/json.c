/*
** json.c — the export's JSON writers onto a FILE. The grammar, the string
** escaping and the number format are the one codec's (runtime/base/json.h):
** the store checks what callers hand in with qk_json_valid, which is what
** lets the export embed responses, events and checkpoints as they are.
*/
#include "store_int.h"

#include <string.h>

static void to_file(void *f, const char *s, size_t len) {
  if (len) fwrite(s, 1, len, f);
}

void qk_sjson_string(FILE *f, const char *text) { qk_json_write_string(to_file, f, text, strlen(text)); }

void qk_sjson_number(FILE *f, double v) {
  char buf[40];
  qk_json_number_text(v, buf, sizeof buf);
  fputs(buf, f);
}
