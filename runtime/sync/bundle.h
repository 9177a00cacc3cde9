/*
** bundle.h — packing an app folder into a question-set bundle and back
** (bundle.c); publishing and pulling them are in fleet_cli.c / worker.c.
*/
#ifndef QK_SYNC_BUNDLE_H
#define QK_SYNC_BUNDLE_H

#include <stddef.h>

/* The folder (which must hold main.lua) as one malloc'd blob and its
** SHA-256 hex; 0, or -1 with err. */
int qk_bundle_pack(const char *dir, char **data, size_t *len, char hash[65], char *err, size_t errlen);
/* Writes the blob's files under dest (made if missing; every file fsync'ed).
** Paths that would leave dest, hidden files and a damaged blob are refused. */
int qk_bundle_unpack(const char *data, size_t len, const char *dest, char *err, size_t errlen);

#endif
