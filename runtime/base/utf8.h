/*
** utf8.h — the one UTF-8 decoder: strict (no overlong forms, no surrogates,
** nothing above U+10FFFF, no truncated sequences), used by the text layout,
** the JSON codec, the store and the exports alike.
*/
#ifndef QK_UTF8_H
#define QK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the valid UTF-8 sequence at p, n bytes left (n >= 1);
** 0 if it is not one. */
size_t qk_utf8_len(const unsigned char *p, size_t n);
/* Whether s[0..len) is all valid UTF-8. */
int qk_utf8_valid(const char *s, size_t len);
/* Decodes the code point at s[*i] (*i < len) and advances *i past it; a
** byte that does not start a valid sequence gives U+FFFD and advances 1. */
uint32_t qk_utf8_next(const char *s, size_t len, size_t *i);
/* Writes cp as UTF-8 into out; returns the length (1..4). A surrogate or a
** value above U+10FFFF is written as U+FFFD. */
size_t qk_utf8_encode(uint32_t cp, char out[4]);

#endif
