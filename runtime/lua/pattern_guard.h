/*
** pattern_guard.h — string.find, match, gmatch and gsub that refuse, before
** running, a pattern whose backtracking could take far longer than a
** script's time limit on the given string. Lua's matcher is C code where the
** count hook never runs: string.find(("a"):rep(3e4), ".-b") alone takes
** 3.7 s, ".-.-.-.-.-b" years. The watchdog would end such a freeze with a
** restart; this ends it at once with a clear error instead.
**
** The estimate is a true upper bound of the matcher's work (lstrlib.c's
** match): each single-character item quantified with *, + or - can try at
** most R + 1 lengths, R being the longest run of characters of the subject
** that its class matches; ? tries 2; %b and back-references cost up to the
** subject's length per try; an unanchored search tries every start. A
** quantified item that ends the pattern (only capture ends after it) always
** succeeds on its first try and costs only its run. Patterns whose bound is
** within QK_PATTERN_MAX_STEPS run untouched.
*/
#ifndef QK_PATTERN_GUARD_H
#define QK_PATTERN_GUARD_H

#include <stddef.h>

#include <lua.h>

/* About 80-250 ms of matching on a small ARM or x86 board. */
#define QK_PATTERN_MAX_STEPS 3e7

/* Upper bound of the steps matching pattern p against subject s (tried at
** every start unless anchored). Returns a value above QK_PATTERN_MAX_STEPS
** as soon as the bound exceeds it; 0 for a malformed pattern (the real
** function then raises its own error). */
double qk_pattern_cost(const char *s, size_t n, const char *p, size_t m, int anchored);

/* Replaces the four functions in the string table on top of L's stack
** (also reached as methods: the string metatable's __index is that table).
** Runs inside the host's protected set-up. */
void qk_pattern_guard_install(lua_State *L);

#endif
