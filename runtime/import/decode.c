/*
** decode.c — legacy encodings to UTF-8 with glibc's iconv (GBK and GB18030
** are what Chinese Excel saves CSV in). UTF-8 goes through iconv too, as a
** validator, so there is one decoder here and no hand-written one.
*/
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

char *qk_decode(const char *in, size_t inlen, const char *enc, size_t *outlen,
                char *err, size_t errlen) {
  *outlen = 0;
  const char *orig = in; /* offsets in messages count from the file's first byte */
  int utf8 = strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
  if (utf8 && inlen >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
    in += 3;
    inlen -= 3;
  }
  iconv_t cd = iconv_open("UTF-8", utf8 ? "UTF-8" : enc);
  if (cd == (iconv_t)-1) {
    snprintf(err, errlen, "unknown encoding '%s'", enc);
    return NULL;
  }
  /* A GBK character is 2 bytes and becomes 3 in UTF-8; GB18030 4-byte ones
  ** become at most 4. 2x + 4 holds every case; grow anyway if iconv asks. */
  size_t cap = inlen * 2 + 4;
  char *out = malloc(cap);
  char *inp = (char *)in, *outp = out;
  size_t inleft = inlen, outleft = cap - 1;
  while (out && inleft > 0) {
    if (iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1) break;
    if (errno == E2BIG) {
      size_t used = (size_t)(outp - out);
      char *bigger = realloc(out, cap * 2);
      if (!bigger) {
        free(out);
        out = NULL;
        break;
      }
      out = bigger;
      cap *= 2;
      outp = out + used;
      outleft = cap - used - 1;
      continue;
    }
    snprintf(err, errlen, "%s %s at byte %zu", errno == EINVAL ? "incomplete" : "invalid",
             utf8 ? "UTF-8" : enc, (size_t)(inp - orig) + 1);
    free(out);
    iconv_close(cd);
    return NULL;
  }
  iconv_close(cd);
  if (!out) {
    snprintf(err, errlen, "out of memory decoding %zu bytes", inlen);
    return NULL;
  }
  *outp = '\0';
  *outlen = (size_t)(outp - out);
  return out;
}
