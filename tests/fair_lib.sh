# fair_lib.sh — sourced by the trade-fair tests (tests/fair/tour.sh,
# tests/flows/fair_board.sh, fair_rank.sh, tests/fair_end/seed.sh): the
# trade-fair app, the fixed wall clock T0 their stored dates come from
# (2026-11-18 19:06 in the kiosk's time zone, Asia/Shanghai, set by
# tests.cmake), and the database's first finished game, which each test
# then copies into more games with other scores and names.
# Needs: qk, src, db.   Sets: app, T0.   Defines: first_game.
app=$src/scripts/apps/trade_fair
T0=1795000000000
# first_game REPLAY [SHOTS] — plays tests/flows/REPLAY into $db at 1280x800
# (screenshots into SHOTS); a game that does not finish fails the test.
first_game() {
  if [ $# -gt 1 ]; then set -- "$1" --shots "$2"; fi
  fair_replay=$1
  shift
  QUIZKIOSK_WALL_START_MS=$T0 "$qk" "$app" --headless --window 1280x800 --db "$db" \
    --replay "$src/tests/flows/$fair_replay" "$@" >/dev/null 2>&1 || { echo "FAIL: the first game"; exit 1; }
}
