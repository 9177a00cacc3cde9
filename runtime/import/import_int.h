/*
** import_int.h — the parts of importlib shared between its files. Plain C
** helpers (zip, iconv, docx) never touch Lua; the Lua glue keeps whatever
** they hand back inside a guard until it is released, so a memory error
** raised by Lua cannot leak it.
*/
#ifndef QK_IMPORT_INT_H
#define QK_IMPORT_INT_H

#include <stddef.h>

#include <lua.h>
#include <zip.h>

/* A userdata that owns one C resource: its finalizer calls release(p)
** if p is still set, which is what happens when Lua raises past us. */
typedef struct {
  void *p;
  void (*release)(void *p);
} qk_guard;

/* Pushes a new, empty guard. May raise (nothing is owned yet). */
qk_guard *qk_guard_push(lua_State *L, void (*release)(void *p));
/* Releases the resource now (idempotent). */
void qk_guard_release(qk_guard *g);

/* Opens path read-only. NULL with a message naming the file on failure. */
zip_t *qk_zip_open(const char *path, char *err, size_t errlen);
void qk_zip_close(void *z);
/* Reads the whole entry into a malloc'd buffer (NUL-terminated, *len bytes).
** Refuses entries declaring more than cap bytes and entries whose data does
** not match what they declare. 0 on success, -1 with err set; *out is NULL
** on failure. missing_ok: a missing entry gives 1 and no error. */
int qk_zip_entry(zip_t *z, const char *entry, size_t cap, int missing_ok,
                 char **out, size_t *len, char *err, size_t errlen);

/* Converts inlen bytes in encoding enc to UTF-8 (malloc'd, NUL-terminated).
** UTF-8 input loses a leading BOM and is validated. NULL with err set. */
char *qk_decode(const char *in, size_t inlen, const char *enc, size_t *outlen,
                char *err, size_t errlen);

/* The text of the .docx open as z (see importlib.h). malloc'd, or NULL. */
char *qk_docx_text(zip_t *z, size_t *len, char *err, size_t errlen);

/* importlib.xml_parse (xmltree.c). */
int qk_import_xml_parse(lua_State *L);

#endif
