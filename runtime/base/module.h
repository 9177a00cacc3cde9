/*
** module.h — the one loader of the program's own shared modules: the parts
** whose libraries a plain kiosk should never map (the input-method engines,
** the fleet's libpq, the Excel writer, the importers' zip and XML). Each is
** a MODULE built next to the program and installed in QK_MODULE_RELDIR
** relative to it (lib/quizkiosk); it exports one symbol, a const struct
** whose first member is `int abi`, and a loader refuses any other abi (a
** module from another build).
**
** Looked for next to the running program (/proc/self/exe: the build folder,
** tests) and then in its lib folder; never through the library search path,
** so the module that runs is the one built with this program. Loaded once
** per process with RTLD_LOCAL (its libraries stay out of the program's
** namespace) and kept: code from it may outlive any caller. A failure is
** remembered with its reason, so the disk is asked once. Not thread-safe:
** call from the main thread (every caller does).
*/
#ifndef QK_MODULE_H
#define QK_MODULE_H

#include <stddef.h>

/* The module file's table: file (e.g. "quizkiosk-sync.so"), symbol, abi the
** caller was built with, what = a few words for messages ("fleet"). Returns
** the exported struct, or NULL with the reason (what was looked for and
** where, the loader's message, or the abi mismatch) in why. */
const void *qk_module_load(const char *file, const char *symbol, int abi, const char *what, char *why,
                           size_t whylen);

#endif
