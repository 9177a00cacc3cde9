/*
** fuzz_json_store.c — libFuzzer harness for the store's JSON
** (runtime/store/json.c): the strict validator on any bytes (exactly
** `size` of them, so a read past the end shows), and the writer: a string
** literal of any text and a number of any 8 bytes must come out as JSON the
** validator accepts (the export embeds them as they are).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether what write() puts out is valid JSON. */
static int writes_valid(void (*write)(FILE *, const void *), const void *arg) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (!f) return 1; /* out of memory: nothing to judge */
  write(f, arg);
  if (fclose(f) != 0) {
    free(out);
    return 1;
  }
  int ok = qk_json_valid(out, len);
  free(out);
  return ok;
}
static void write_string(FILE *f, const void *text) { qk_sjson_string(f, text); }
static void write_number(FILE *f, const void *v) { qk_sjson_number(f, *(const double *)v); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *copy = malloc(size ? size : 1);
  if (!copy) return 0;
  memcpy(copy, data, size);
  int valid = qk_json_valid(copy, size);
  int utf8 = qk_utf8_valid(copy, size);
  if (valid && !utf8) abort(); /* valid JSON is valid UTF-8 */
  free(copy);

  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = 0;
  if (!writes_valid(write_string, text)) abort();
  free(text);
  if (size >= sizeof(double)) {
    double v;
    memcpy(&v, data, sizeof v);
    if (!writes_valid(write_number, &v)) abort();
  }
  return 0;
}
