/*
** paths.h — where things live: the kiosk's data folder (scripts/, assets/,
** fonts/) found from the build tree or the install prefix, the per-user
** default database, and creating folders.
*/
#ifndef QK_PATHS_H
#define QK_PATHS_H

#include <stddef.h>

/* The folder holding scripts/kiosk: $QUIZKIOSK_DATA, next to the installed
** binary (../share/quizkiosk), the source tree it was built from, or the
** configured install data dir. Returns 0, or -1 when none has the scripts. */
int qk_paths_data_dir(char *out, size_t len);
/* $XDG_DATA_HOME/quizkiosk/results.db (default ~/.local/share/...). */
int qk_paths_default_db(char *out, size_t len);
/* mkdir -p. Returns 0 or -1 (errno set). */
int qk_mkdirs(const char *dir, int mode);
int qk_is_dir(const char *path);
int qk_is_file(const char *path);

#endif
