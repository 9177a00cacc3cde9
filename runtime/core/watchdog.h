/*
** watchdog.h — turns a main loop that stops coming round into a restart.
**
** Some freezes cannot be interrupted from inside the process: Lua's C
** pattern matcher, a C library call that never returns, a finalizer run
** where hooks are off. The main loop kicks the watchdog once per iteration
** (an atomic timestamp, no lock). A thread of its own checks the kicks; when
** none came for the timeout it writes one line to stderr and ends the whole
** process at once with QK_EXIT_WATCHDOG — no cleanup, no atexit, nothing
** that could itself hang on the frozen thread's locks. The results store is
** power-cut safe, so this loses nothing; the supervisor (supervise.h) or
** systemd starts the kiosk again and the exam resumes.
**
** Under systemd (NOTIFY_SOCKET set) the kicks also tell systemd that the
** kiosk is alive: READY=1 on the first kick (the loop has drawn its first
** frame by then) and WATCHDOG=1 at most every WATCHDOG_USEC/2, for the
** unit's WatchdogSec= (sd_notify from libsystemd).
*/
#ifndef QK_WATCHDOG_H
#define QK_WATCHDOG_H

#include <stddef.h>

/* The exit status of a process ended by the watchdog (EX_TEMPFAIL: a
** temporary failure, try again). The supervisor and systemd restart it. */
#define QK_EXIT_WATCHDOG 75

/* The first kick may take this long (or the timeout, if longer): start-up
** opens the display, loads fonts and the first app, which is slow on a
** cold SD card or under a sanitizer, and must not count as a freeze. */
#define QK_WATCHDOG_STARTUP_MS 30000

typedef struct qk_watchdog qk_watchdog;

/* timeout_ms 0 = no watchdog thread (kicks still reach systemd when
** NOTIFY_SOCKET is set). Returns NULL with the reason in err when the
** thread cannot be started or memory is short. */
qk_watchdog *qk_watchdog_start(int timeout_ms, char *err, size_t errlen);
/* Stops the thread and frees. NULL is fine. */
void qk_watchdog_stop(qk_watchdog *w);

/* The main loop came round. Cheap: one clock read and an atomic store
** (plus a datagram to systemd every few seconds). NULL is fine. */
void qk_watchdog_kick(qk_watchdog *w);
/* Names what the loop runs (the app), for the line written on a stall.
** Copied. NULL w is fine. */
void qk_watchdog_note(qk_watchdog *w, const char *what);
/* The longest the loop may sleep waiting for events so that an idle kiosk
** still kicks in time: wait_ms (-1 = forever) capped at a third of the
** shortest deadline watching it. */
int qk_watchdog_cap_wait(const qk_watchdog *w, int wait_ms);

#endif
