/*
** kit_bytecode.h — the kiosk's own script library (scripts/kiosk) compiled
** to Lua bytecode when the program is built (kit_compile.c writes the
** table), so starting a VM does not parse the widget kit's source again:
** about 1.7 ms of the first frame's CPU for the demo's ten modules.
**
** Trust: only the host's require uses it, and only for a file it found in
** the kiosk library (never the app folder); scripts still load text only
** (`load` keeps mode "t", string.dump stays out). The bytecode is used only
** while the file on disk is the one it was compiled from: the BLAKE2b-256
** hash of the file's bytes must equal the hash taken at build time, so an
** edited, patched or newer kit loads from its source as before.
*/
#ifndef QK_KIT_BYTECODE_H
#define QK_KIT_BYTECODE_H

#include <stddef.h>

/* The bytecode of the kit file rel ("kiosk/ui/core.lua", relative to the
** scripts folder) if src (len bytes, the file as read from disk) is exactly
** the source it was compiled from; else NULL. *bclen is set when found.
** The chunk was compiled with the name "@<rel>", as the host names it. */
const unsigned char *qk_kit_bytecode(const char *rel, const char *src, size_t len, size_t *bclen);

/* The table kit_compile.c generates (one entry per kit file). */
typedef struct {
  const char *rel;                 /* "kiosk/ui/core.lua" */
  const unsigned char *hash;       /* BLAKE2b-256 of the source file's bytes */
  const unsigned char *code;       /* lua_dump of the chunk, with debug information */
  size_t len;
} qk_kit_chunk;
extern const qk_kit_chunk qk_kit_chunks[];
extern const int qk_kit_nchunks;

/* How many kit files the program carries as bytecode (0: built without). */
int qk_kit_bytecode_count(void);

#endif
