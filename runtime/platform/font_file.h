/*
** font_file.h — reading a font file for FreeType (through SDL_ttf's RWops,
** sdl_raster.c) with few system calls and no crash risk.
**
** FreeType reads a CFF font (Noto Sans CJK .ttc) in many tiny pieces: per
** glyph a few bytes of hmtx, two 4-byte CharStrings offsets, the charstring
** (tens to hundreds of bytes), FDSelect; whole tables (cmap, GSUB, subrs,
** ~10-800 KB) once when the face opens. One pread per piece was ~2,400
** calls to the demo's first frame, half of them reads of at most 4 bytes.
**
** A mapping would make those memcpys, but a font copied over in place (cp
** truncates first) turns a read of a mapped page past the new end into
** SIGBUS, and a kiosk runs for weeks while staff replace fonts. So small
** reads are served from a bounded cache of aligned windows filled with
** pread (FONT_FILE_WINDOW bytes each, FONT_FILE_WINDOWS of them per open
** file, set-associative, least recently used out); reads of a window or
** more go straight to pread into the caller's buffer. A file truncated
** under it gives short reads (FreeType: an error, a missing glyph), never a
** signal. Windows cached before the file changed keep serving the old
** bytes, as pread would have mixed old tables with new glyph data: FreeType
** must and does survive inconsistent fonts either way.
**
** Plain POSIX, no SDL, so it is tested on its own (tests/core/font_file_test.c).
** One reader per open font; not shared between threads.
*/
#ifndef QK_FONT_FILE_H
#define QK_FONT_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Sizes picked from the demo's read trace (bench/README.md, "perf-fontio"):
** 1 KiB windows, 128 of them, make ~550 calls of 4,698 reads; 2 KiB
** windows (256 KiB) made ~425 calls for the same CPU, 16 KiB windows in
** 256 KiB made ~900 (a window of 16 KiB costs more to copy than it saves). */
#define FONT_FILE_WINDOW 1024
#define FONT_FILE_WAYS 8
#define FONT_FILE_SETS 16
#define FONT_FILE_WINDOWS (FONT_FILE_WAYS * FONT_FILE_SETS) /* 128 KiB per open font */

typedef struct qk_font_file_reader qk_font_file_reader;

/* Opens path (a regular file) for reading; NULL with errno set. */
qk_font_file_reader *qk_font_file_open(const char *path);
/* The size the file had when it was opened. */
int64_t qk_font_file_size(const qk_font_file_reader *r);
/* Up to n bytes at off into dst: n, or fewer at the end of the file or on
** a read error (errno set then). Never reads past what the file holds now. */
size_t qk_font_file_read(qk_font_file_reader *r, int64_t off, void *dst, size_t n);
/* System calls made to read so far (for tests and bench/). */
unsigned long qk_font_file_calls(const qk_font_file_reader *r);
/* Closes the file and frees the cache; 0, or -1 if close failed. */
int qk_font_file_close(qk_font_file_reader *r);

#endif
