/*
** content_text.h — the canonical text of a question set (what its content
** hash is made from), in C: kiosk.content_text in the kiosk module, and a
** module of its own for hosts without one (the Lua unit-test runner).
*/
#ifndef QK_CONTENT_TEXT_H
#define QK_CONTENT_TEXT_H

#include <lua.h>

/* kiosk.content_text(v [, count [, piece]]) -> text, count, cut...
** The text of v (content_text.c says how it is made). count: the parts
** already in the current piece (default 0); piece: parts per piece (default
** no limit). Returns the text, the parts in the current piece after it, and
** the byte offsets in text where a new piece starts (none for most values).
** Raises for a table nested more than 100 deep or one with __pairs. Needs
** no services: any host may register it. */
int qk_content_text(lua_State *L);

/* kiosk.content_hasher([piece]) -> h: the content hash of a text made by
** parts, without holding the text: h:put(s) adds s as one part,
** h:table_start() says a table starts here (a piece with piece parts or
** more ends before it), h:add(v) adds v's text as qk_content_text writes
** it (ending pieces inside it the same way), h:finish() -> the hex SHA-256
** of the text when it was one piece, else of "pieces:" followed by its
** pieces' hex SHA-256 joined by "," (the last piece ended at finish). So
** kiosk.exam's content hash has the same value as when it joined the
** text's parts itself and hashed them with kiosk.hash. A finished hasher
** raises on any further use. Its memory is its userdata's (no __gc). */
int qk_content_hasher(lua_State *L);

/* Pushes { text = qk_content_text, hasher = qk_content_hasher } (for hosts
** without the kiosk module). */
int qk_open_content_text(lua_State *L);

#endif
