/*
** zipfile.c — reading whole entries out of zip archives with libzip, with
** the limits a file from a stranger needs: a ceiling on the inflated size
** checked before inflating, and the inflated length checked against the
** declared one (libzip checks the CRC when an entry is read to its end).
*/
#include <stdio.h>
#include <stdlib.h>

#include "import_int.h"

zip_t *qk_zip_open(const char *path, char *err, size_t errlen) {
  int code = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &code);
  if (z) return z;
  zip_error_t ze;
  zip_error_init_with_code(&ze, code);
  const char *hint = "";
  if (code == ZIP_ER_NOZIP) hint = " (damaged or truncated, or not an Office/QTI zip file at all)";
  else if (code == ZIP_ER_INCONS) hint = " (the archive is damaged or truncated)";
  snprintf(err, errlen, "%s: cannot read as a zip archive: %s%s", path, zip_error_strerror(&ze), hint);
  zip_error_fini(&ze);
  return NULL;
}

void qk_zip_close(void *z) {
  if (z) zip_discard((zip_t *)z); /* read-only: nothing to write back */
}

int qk_zip_entry(zip_t *z, const char *entry, size_t cap, int missing_ok,
                 char **out, size_t *len, char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  zip_int64_t idx = zip_name_locate(z, entry, 0);
  if (idx < 0) {
    if (missing_ok) return 1;
    snprintf(err, errlen, "%s: no such entry in the archive", entry);
    return -1;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    snprintf(err, errlen, "%s: cannot read its size: %s", entry, zip_strerror(z));
    return -1;
  }
  if (st.size > cap) {
    snprintf(err, errlen, "%s: %llu bytes when unpacked, more than the %zu accepted (a zip bomb, or far too big)",
             entry, (unsigned long long)st.size, cap);
    return -1;
  }
  char *buf = malloc((size_t)st.size + 1);
  if (!buf) {
    snprintf(err, errlen, "%s: out of memory for %llu bytes", entry, (unsigned long long)st.size);
    return -1;
  }
  zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
  if (!f) {
    snprintf(err, errlen, "%s: cannot open: %s", entry, zip_strerror(z));
    free(buf);
    return -1;
  }
  zip_uint64_t got = 0;
  while (got < st.size) {
    zip_int64_t n = zip_fread(f, buf + got, st.size - got);
    if (n < 0) {
      snprintf(err, errlen, "%s: damaged data (truncated archive?): %s", entry, zip_file_strerror(f));
      break;
    }
    if (n == 0) {
      snprintf(err, errlen, "%s: ends after %llu of the %llu bytes it declares (truncated archive?)",
               entry, (unsigned long long)got, (unsigned long long)st.size);
      break;
    }
    got += (zip_uint64_t)n;
  }
  if (got == st.size) {
    /* Reading past the end makes libzip check the CRC and notice extra data. */
    char extra;
    zip_int64_t n = zip_fread(f, &extra, 1);
    if (n != 0) {
      if (n < 0) snprintf(err, errlen, "%s: damaged data: %s", entry, zip_file_strerror(f));
      else snprintf(err, errlen, "%s: holds more than the %llu bytes it declares", entry, (unsigned long long)st.size);
      got = st.size + 1; /* mark as failed */
    }
  }
  zip_fclose(f);
  if (got != st.size) {
    free(buf);
    return -1;
  }
  buf[got] = '\0';
  *out = buf;
  *len = (size_t)got;
  return 0;
}
