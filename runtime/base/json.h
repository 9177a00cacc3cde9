/*
** json.h — the one JSON codec: a strict RFC 8259 reader (strings must be
** valid UTF-8) that reports what it reads to a handler, and the writer's
** pieces (string literals, numbers). The store validates and exports with
** it (runtime/store/json.c); the Lua `json` module builds and reads Lua
** values with it (runtime/lua/json.c). No allocation, no dependencies: a
** handler may leave by longjmp (a Lua error) without leaking anything.
*/
#ifndef QK_BASE_JSON_H
#define QK_BASE_JSON_H

#include <stddef.h>

/* Arrays and objects nest at most this deep, in reading and in writing
** (the Lua encoder stops there too: a table inside itself). */
#define QK_JSON_MAX_DEPTH 64

typedef enum { QK_JSON_NULL, QK_JSON_FALSE, QK_JSON_TRUE } qk_json_literal;

/* What the reader found, in document order. Every callback may be NULL;
** returning non-zero stops the reading (qk_json_parse then fails with
** "stopped"). Strings come as their raw text between the quotes, already
** checked: qk_json_unescape turns them into text. */
typedef struct {
  int (*begin)(void *ud, int array);                        /* '[' (array = 1) or '{' */
  int (*end)(void *ud, int array);                          /* ']' or '}' */
  int (*key)(void *ud, const char *raw, size_t len);        /* an object member's name */
  int (*string)(void *ud, const char *raw, size_t len);
  int (*number)(void *ud, const char *text, size_t len);    /* as written: -12, 0.5e3 */
  int (*literal)(void *ud, qk_json_literal what);
  /* After each value inside an array (its 1-based index) or an object (index 0). */
  int (*member)(void *ud, int array, size_t index);
} qk_json_handler;

typedef struct {
  size_t offset;   /* where in the text */
  const char *why; /* "unterminated string", "nested too deeply", ... */
} qk_json_error;

/* Reads one JSON value filling text[0..len) (white space around it allowed).
** Returns 0, or -1 with *err filled (err may be NULL). h may be NULL: then
** this only checks. */
int qk_json_parse(const char *text, size_t len, const qk_json_handler *h, void *ud, qk_json_error *err);
/* Whether text[0..len) is one strict JSON value. */
int qk_json_valid(const char *text, size_t len);

/* The text of a string's raw contents as qk_json_parse reported them. out
** needs room for len bytes (unescaping never grows the text). \u escapes of
** lone surrogates become U+FFFD. Returns the length written. */
size_t qk_json_unescape(const char *raw, size_t len, char *out);

/* Where the writer puts its bytes. */
typedef void (*qk_json_sink)(void *ud, const char *s, size_t len);
/* s[0..len) as a JSON string literal, quotes included. Bytes that are not
** UTF-8 become U+FFFD, so what is written is always valid JSON. */
void qk_json_write_string(qk_json_sink put, void *ud, const char *s, size_t len);
/* A finite number as JSON text into buf (32 bytes are enough): integers as
** integers, others with the fewest digits that read back as the same
** double, '.' whatever the locale. Not finite: "null". */
void qk_json_number_text(double v, char *buf, size_t len);

#endif
