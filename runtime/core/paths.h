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
/* Whether path, resolved to its real path (symlinks and ".." followed), lies
** inside dir (also resolved): 1 inside, 0 outside, -1 when either cannot be
** resolved (errno set; a missing file, say). The prefix is compared with a
** trailing '/', so /apps/quiz2 is not inside /apps/quiz. Scripts' files are
** confined with it: a symlink in an app folder must not lead out of it. */
int qk_path_within(const char *path, const char *dir);
int qk_is_file(const char *path);

#endif
