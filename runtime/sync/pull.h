/*
** pull.h — fetching, checking and unpacking the question set published
** for this kiosk's app (pull.c), for the sync thread (worker.c).
*/
#ifndef QK_SYNC_PULL_H
#define QK_SYNC_PULL_H

#include "central.h"

typedef struct qk_pull_cfg {
  const char *app;       /* the app's name (its folder's) */
  const char *root;      /* where versions are unpacked */
  const char *validator; /* the quizkiosk binary that checks a set */
} qk_pull_cfg;

typedef struct qk_pull_result {
  int version;        /* newest version looked at (seen_version when nothing new) */
  int ready;          /* dir holds a checked copy of it */
  char hash[65];
  char dir[4400];
  char error[512];    /* why it was refused, "" when not */
} qk_pull_result;

/* Looks for a version newer than seen_version; a new one is fetched,
** checked and unpacked (can take seconds: the check starts the app). -1
** when the server could not be asked (out->error), else 0 with out set. */
int qk_pull_check(const qk_pull_cfg *cfg, PGconn *c, int seen_version, qk_pull_result *out);

#endif
