/*
** json.c — the store's own small JSON: a strict validator (RFC 8259 plus
** valid UTF-8) for what callers hand in as JSON text, and a writer for the
** export. The store keeps responses, events and checkpoints as JSON text;
** checking them on the way in is what lets the export embed them as is.
*/
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid.
** Rejects overlong forms, surrogates and code points above U+10FFFF. */
size_t qk_sjson_utf8_len(const unsigned char *p, size_t n) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned min, cp;
  if ((c & 0xE0) == 0xC0) len = 2, min = 0x80, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000, cp = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

size_t qk_store_utf8_len(const unsigned char *p, size_t n) { return qk_sjson_utf8_len(p, n); }

int qk_sjson_utf8_valid(const char *text, size_t len) {
  const unsigned char *p = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    size_t n = qk_sjson_utf8_len(p + i, len - i);
    if (!n) return 0;
    i += n;
  }
  return 1;
}

typedef struct {
  const unsigned char *p, *end;
} reader;

static void ws(reader *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

static int hex4(reader *r) {
  for (int i = 0; i < 4; i++, r->p++) {
    if (r->p >= r->end) return 0;
    unsigned c = *r->p;
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return 0;
  }
  return 1;
}

static int string(reader *r) {
  r->p++; /* opening quote */
  while (r->p < r->end) {
    unsigned c = *r->p;
    if (c == '"') {
      r->p++;
      return 1;
    }
    if (c < 0x20) return 0;
    if (c == '\\') {
      if (++r->p >= r->end) return 0;
      c = *r->p;
      if (c == 'u') {
        r->p++;
        if (!hex4(r)) return 0;
        continue;
      }
      if (!strchr("\"\\/bfnrt", (int)c) || !c) return 0;
      r->p++;
      continue;
    }
    size_t n = qk_sjson_utf8_len(r->p, (size_t)(r->end - r->p));
    if (!n) return 0;
    r->p += n;
  }
  return 0;
}

static int digits(reader *r) {
  const unsigned char *start = r->p;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  return r->p > start;
}

static int number(reader *r) {
  if (*r->p == '-') r->p++;
  if (r->p >= r->end) return 0;
  if (*r->p == '0') r->p++;
  else if (!digits(r)) return 0;
  if (r->p < r->end && *r->p == '.') {
    r->p++;
    if (!digits(r)) return 0;
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    if (!digits(r)) return 0;
  }
  return 1;
}

static int literal(reader *r, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) return 0;
  r->p += n;
  return 1;
}

static int value(reader *r, int depth) {
  ws(r);
  if (r->p >= r->end || depth > MAX_DEPTH) return 0;
  switch (*r->p) {
  case '"': return string(r);
  case 't': return literal(r, "true");
  case 'f': return literal(r, "false");
  case 'n': return literal(r, "null");
  case '[':
  case '{': {
    unsigned char close = *r->p == '[' ? ']' : '}';
    int object = close == '}';
    r->p++;
    ws(r);
    if (r->p < r->end && *r->p == close) {
      r->p++;
      return 1;
    }
    for (;;) {
      if (object) {
        ws(r);
        if (r->p >= r->end || *r->p != '"' || !string(r)) return 0;
        ws(r);
        if (r->p >= r->end || *r->p++ != ':') return 0;
      }
      if (!value(r, depth + 1)) return 0;
      ws(r);
      if (r->p >= r->end) return 0;
      if (*r->p == ',') {
        r->p++;
        continue;
      }
      if (*r->p++ != close) return 0;
      return 1;
    }
  }
  default:
    if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) return number(r);
    return 0;
  }
}

int qk_sjson_valid(const char *text, size_t len) {
  if (!text) return 0;
  reader r = {(const unsigned char *)text, (const unsigned char *)text + len};
  if (!value(&r, 0)) return 0;
  ws(&r);
  return r.p == r.end;
}

void qk_sjson_string(FILE *f, const char *text) {
  const unsigned char *p = (const unsigned char *)text;
  size_t len = strlen(text);
  fputc('"', f);
  for (size_t i = 0; i < len;) {
    unsigned c = p[i];
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc((int)c, f);
      i++;
    } else if (c < 0x20) {
      switch (c) {
      case '\n': fputs("\\n", f); break;
      case '\r': fputs("\\r", f); break;
      case '\t': fputs("\\t", f); break;
      default: fprintf(f, "\\u%04x", c); break;
      }
      i++;
    } else {
      size_t n = qk_sjson_utf8_len(p + i, len - i);
      if (n) {
        fwrite(p + i, 1, n, f);
        i += n;
      } else { /* bytes that are not UTF-8 cannot go in JSON */
        fputs("\\ufffd", f);
        i++;
      }
    }
  }
  fputc('"', f);
}

void qk_store_fmt_num(char *buf, size_t len, double v) {
  /* Integers print as integers; other values with the fewest digits that
  ** read back as the same double. */
  /* %lld, not %.0f: the float printer is the slowest part of a big export. */
  if (v == floor(v) && fabs(v) < 9007199254740992.0 && len >= 20) {
    /* Digits by hand: the printf family is the slowest part of a big export. */
    char tmp[20], *p = tmp + sizeof tmp;
    unsigned long long u = (unsigned long long)fabs(v);
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (signbit(v)) *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(buf, p, n);
    buf[n] = 0;
    return;
  }
  if (v == floor(v) && fabs(v) < 9007199254740992.0) snprintf(buf, len, "%.0f", v);
  else {
    snprintf(buf, len, "%.15g", v);
    if (strtod(buf, NULL) != v) snprintf(buf, len, "%.17g", v);
  }
  /* A locale with a decimal comma must not leak into CSV or JSON. */
  for (char *c = buf; *c; c++)
    if (*c == ',') *c = '.';
}

void qk_sjson_number(FILE *f, double v) {
  char buf[40];
  if (!isfinite(v)) {
    fputs("null", f);
    return;
  }
  qk_store_fmt_num(buf, sizeof buf, v);
  fputs(buf, f);
}
