/*
** supervise.h — the kiosk's own supervisor, for a kiosk that no systemd
** watches (started from a desktop session's autostart, say).
**
** The process forks: the parent stays small (no SDL, no Lua, no database —
** it only waits) and the child runs the kiosk. When the child dies
** abnormally — ended by the watchdog (watchdog.h), killed by a signal, or
** exiting non-zero — the parent starts a new child after a short pause
** (1 s, doubled while it keeps dying within seconds of starting, at most
** 30 s). The new child is told when the previous one died, so the exam flow
** can resume the candidate who is still standing there. A child exiting 0
** (staff chose "exit kiosk", or a replay finished) ends the supervisor with
** status 0. SIGTERM, SIGINT and SIGHUP are passed on to the child; if it has
** not ended 10 s later it is killed (the store is power-cut safe), and the
** supervisor ends with its status.
**
** The child gets SIGKILL if the supervisor itself dies, so a restarted
** supervisor never finds a second kiosk on the same screen and database.
*/
#ifndef QK_SUPERVISE_H
#define QK_SUPERVISE_H

#include <stdint.h>

/* Runs the kiosk in the child; crashed_at_ms is the wall-clock time (ms
** since 1970) at which the previous child died, 0 for the first child.
** Returns the child's exit status. */
typedef int (*qk_child_main)(void *ctx, int64_t crashed_at_ms);

/* Supervises run(ctx) until a child exits 0 or a stop signal arrives;
** returns the process exit status (the last child's: its exit code, or
** 128 + the signal that killed it). With test_run set (a replay), only a
** watchdog end or a signal restarts the child, at most 3 times: a replay
** that fails must fail its test, not start over. */
int qk_supervise(qk_child_main run, void *ctx, int test_run);

#endif
