/*
** json.c — see json.h. A recursive-descent reader over a cursor (depth
** bounded by QK_JSON_MAX_DEPTH, so the C stack is too) and the writer's
** pieces. Grammar: RFC 8259, strings valid UTF-8.
*/
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct {
  const unsigned char *p, *start, *end;
  const qk_json_handler *h;
  void *ud;
  const char *why;
} reader;

static int fail(reader *r, const char *why) {
  if (!r->why) r->why = why;
  return 0;
}

/* A handler's answer: non-zero stops. */
#define CALL(r, fn, ...) ((r)->h && (r)->h->fn && (r)->h->fn((r)->ud, __VA_ARGS__) ? fail(r, "stopped") : 1)

static void ws(reader *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

static int hexval(unsigned c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

/* The raw contents of a string at r->p (its opening quote), checked. */
static int string(reader *r, const unsigned char **raw, size_t *len) {
  r->p++;
  *raw = r->p;
  while (r->p < r->end) {
    unsigned c = *r->p;
    if (c == '"') {
      *len = (size_t)(r->p - *raw);
      r->p++;
      return 1;
    }
    if (c < 0x20) return fail(r, "control character in a string");
    if (c == '\\') {
      if (++r->p >= r->end) break;
      c = *r->p++;
      if (c == 'u') {
        for (int i = 0; i < 4; i++, r->p++)
          if (r->p >= r->end || hexval(*r->p) < 0) return fail(r, "bad \\u escape");
      } else if (!c || !strchr("\"\\/bfnrt", (int)c)) return fail(r, "bad escape");
      continue;
    }
    size_t n = qk_utf8_len(r->p, (size_t)(r->end - r->p));
    if (!n) return fail(r, "a string that is not UTF-8");
    r->p += n;
  }
  return fail(r, "unterminated string");
}

static int digits(reader *r) {
  const unsigned char *s = r->p;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  return r->p > s;
}

static int number(reader *r) {
  const unsigned char *s = r->p;
  if (*r->p == '-') r->p++;
  if (r->p < r->end && *r->p == '0') r->p++;
  else if (!digits(r)) return fail(r, "bad number");
  if (r->p < r->end && *r->p == '.') {
    r->p++;
    if (!digits(r)) return fail(r, "bad number");
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    if (!digits(r)) return fail(r, "bad number");
  }
  return CALL(r, number, (const char *)s, (size_t)(r->p - s));
}

static int literal(reader *r, const char *word, qk_json_literal what) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) return fail(r, "unexpected character");
  r->p += n;
  return CALL(r, literal, what);
}

static int value(reader *r, int depth) {
  ws(r);
  if (r->p >= r->end) return fail(r, "unexpected end");
  switch (*r->p) {
  case '"': {
    const unsigned char *raw;
    size_t len;
    return string(r, &raw, &len) && CALL(r, string, (const char *)raw, len);
  }
  case 't': return literal(r, "true", QK_JSON_TRUE);
  case 'f': return literal(r, "false", QK_JSON_FALSE);
  case 'n': return literal(r, "null", QK_JSON_NULL);
  case '[':
  case '{': {
    int array = *r->p == '[';
    unsigned char close = array ? ']' : '}';
    if (depth >= QK_JSON_MAX_DEPTH) return fail(r, "nested too deeply");
    r->p++;
    if (!CALL(r, begin, array)) return 0;
    ws(r);
    if (r->p < r->end && *r->p == close) {
      r->p++;
      return CALL(r, end, array);
    }
    for (size_t index = 1;; index++) {
      if (!array) {
        ws(r);
        const unsigned char *raw;
        size_t len;
        if (r->p >= r->end || *r->p != '"') return fail(r, "object key must be a string");
        if (!string(r, &raw, &len) || !CALL(r, key, (const char *)raw, len)) return 0;
        ws(r);
        if (r->p >= r->end || *r->p != ':') return fail(r, "':' expected");
        r->p++;
      }
      if (!value(r, depth + 1) || !CALL(r, member, array, array ? index : 0)) return 0;
      ws(r);
      if (r->p < r->end && *r->p == ',') {
        r->p++;
        continue;
      }
      if (r->p < r->end && *r->p == close) {
        r->p++;
        return CALL(r, end, array);
      }
      return fail(r, "',' or closing bracket expected");
    }
  }
  default:
    if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) return number(r);
    return fail(r, "unexpected character");
  }
}

int qk_json_parse(const char *text, size_t len, const qk_json_handler *h, void *ud, qk_json_error *err) {
  reader r = {(const unsigned char *)text, (const unsigned char *)text, (const unsigned char *)text + len, h, ud, NULL};
  if (text && value(&r, 0)) {
    ws(&r);
    if (r.p == r.end) return 0;
    fail(&r, "trailing characters");
  }
  if (!text) fail(&r, "no text");
  if (err) {
    err->offset = (size_t)(r.p - r.start);
    err->why = r.why;
  }
  return -1;
}

int qk_json_valid(const char *text, size_t len) { return qk_json_parse(text, len, NULL, NULL, NULL) == 0; }

static unsigned hex4(const char *s) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) v = v << 4 | (unsigned)hexval((unsigned char)s[i]);
  return v;
}

size_t qk_json_unescape(const char *raw, size_t len, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    if (raw[i] != '\\') {
      out[o++] = raw[i++];
      continue;
    }
    char c = raw[i + 1];
    i += 2;
    switch (c) {
    case 'n': out[o++] = '\n'; break;
    case 'r': out[o++] = '\r'; break;
    case 't': out[o++] = '\t'; break;
    case 'b': out[o++] = '\b'; break;
    case 'f': out[o++] = '\f'; break;
    case 'u': {
      uint32_t cp = hex4(raw + i);
      i += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= len && raw[i] == '\\' && raw[i + 1] == 'u') {
        uint32_t lo = hex4(raw + i + 2);
        if (lo >= 0xDC00 && lo < 0xE000) { /* a pair; else the next escape stands on its own */
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
      }
      /* A surrogate left alone is not a character: U+FFFD (encode's rule). */
      o += qk_utf8_encode(cp, out + o);
      break;
    }
    default: out[o++] = c; /* " \ / */
    }
  }
  return o;
}

void qk_json_write_string(qk_json_sink put, void *ud, const char *s, size_t len) {
  put(ud, "\"", 1);
  size_t run = 0; /* bytes that need no escaping, written in one go */
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    char u[8];
    size_t n = 1;
    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    default:
      if (c < 0x20) {
        snprintf(u, sizeof u, "\\u%04x", c);
        esc = u;
      } else if (c >= 0x80 && (n = qk_utf8_len((const unsigned char *)s + i, len - i)) == 0) {
        esc = "\xEF\xBF\xBD"; /* not UTF-8: U+FFFD, one per byte */
        n = 1;
      }
    }
    if (esc) {
      put(ud, s + i - run, run);
      run = 0;
      put(ud, esc, strlen(esc));
    } else run += n; /* UTF-8 passes through */
    i += n;
  }
  put(ud, s + len - run, run);
  put(ud, "\"", 1);
}

void qk_json_number_text(double v, char *buf, size_t len) {
  if (!isfinite(v)) {
    snprintf(buf, len, "null");
    return;
  }
  if (v == floor(v) && fabs(v) < 9007199254740992.0 && len >= 20) {
    /* Whole numbers digit by digit: the printf family was the slowest part
    ** of a big export (bench/db). */
    char tmp[20], *p = tmp + sizeof tmp;
    unsigned long long u = (unsigned long long)fabs(v);
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--p = '-';
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
