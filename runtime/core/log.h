/*
** log.h — the kiosk's log: every line to stderr and to a size-capped file
** beside the database, and the last lines kept in memory for the admin
** screen. One qk_log per runtime; no global state.
*/
#ifndef QK_LOG_H
#define QK_LOG_H

#include <stddef.h>

typedef struct qk_log qk_log;

enum { QK_LOG_INFO, QK_LOG_WARN, QK_LOG_ERROR };

qk_log *qk_log_new(const char *file_path); /* file_path may be NULL */
void qk_log_free(qk_log *l);
void qk_log_write(qk_log *l, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The i-th most recent line (0 = newest), or NULL. */
const char *qk_log_recent(const qk_log *l, int i);
void qk_log_quiet(qk_log *l, int quiet); /* info lines not to stderr */

#endif
