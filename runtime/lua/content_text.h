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

/* Pushes { text = qk_content_text } (for hosts without the kiosk module). */
int qk_open_content_text(lua_State *L);

#endif
