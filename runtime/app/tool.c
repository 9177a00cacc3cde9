/*
** tool.c — the tool runner: `quizkiosk rescore` and `replay-session` start
** the app headless on the virtual clock, and the kiosk library's scripts
** (kiosk/flow/tools.lua) do the work, so scoring is exactly the app's own.
*/
#include <stdio.h>

#include "app_int.h"
#include "paths.h"

/* rescore / replay-session: the app's own scripts do the work on a virtual
** clock (a stored session of an hour replays in moments) until they say
** they are done. Virtual time is capped so a script that never finishes
** cannot hang a maintenance job. */
int app_run_tool(qk_app *a) {
  if (a->opt.shots_dir && qk_mkdirs(a->opt.shots_dir, 0755) != 0) {
    fprintf(stderr, "quizkiosk: cannot create shots folder %s\n", a->opt.shots_dir);
    return 1;
  }
  if (a->state == STATE_NO_STORE) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->opt.tool, a->error);
    return 1;
  }
  const uint64_t limit = a->vnow + 24ull * 3600 * 1000;
  while (!a->tool_done && !a->quit && a->vnow < limit) {
    app_advance_to(a, a->vnow + 100);
    if (a->shot_pending[0]) app_save_pending_shot(a);
  }
  if (!a->tool_done && !a->quit) {
    fprintf(stderr, "quizkiosk %s: the app's scripts did not finish (a day of virtual time)\n", a->opt.tool);
    return 1;
  }
  return a->tool_failed ? 1 : 0;
}
