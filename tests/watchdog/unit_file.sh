#!/bin/sh
# unit_file.sh QUIZKIOSK SRC WORK — the systemd unit's restart plumbing,
# without systemd: its ExecStopPost command (unescaped as systemd does: $$
# is $, %% is %) run as systemd would after each kind of end, and the
# kiosk started with what it leaves in the EnvironmentFile, as ExecStart's
# $QUIZKIOSK_RESTART would pass it. Also the settings the watchdog relies on.
set -u
qk=$1 src=$2 work=$3
unit=$src/assets/systemd/quizkiosk.service
rm -rf "$work" && mkdir -p "$work/run" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
setting() { grep "^$1=" "$unit" | cut -d= -f2-; }

[ "$(setting Type)" = notify ] || fail "Type=notify"
[ "$(setting WatchdogSec)" -gt 10 ] || fail "WatchdogSec= must leave the kiosk's own 10 s watchdog the first word"
[ "$(setting Restart)" = always ] || fail "Restart=always"
[ "$(setting RestartPreventExitStatus)" = 0 ] || fail "only status 0 (staff quit) may stay down"
[ "$(setting EnvironmentFile)" = "-/run/quizkiosk/restart.env" ] || fail "EnvironmentFile"
setting ExecStart | grep -q ' \$QUIZKIOSK_RESTART$' || fail "ExecStart does not pass \$QUIZKIOSK_RESTART"

# The ExecStopPost command, with /run/quizkiosk moved to WORK/run.
post=$(setting ExecStopPost | sed -e 's/\$\$/$/g' -e 's/%%/%/g' -e "s|/run/quizkiosk|$work/run|g")
case $post in "/bin/sh -c '"*"'") ;; *) fail "ExecStopPost is not /bin/sh -c '...': $post" ;; esac
script=${post#"/bin/sh -c '"}
script=${script%"'"}
env=$work/run/restart.env
for result in watchdog exit-code signal core-dump; do
  rm -f "$env"
  before=$(date +%s%3N)
  SERVICE_RESULT=$result /bin/sh -c "$script" || fail "ExecStopPost failed after $result"
  grep -Eq '^QUIZKIOSK_RESTART=--restarted-after-crash [0-9]{13}$' "$env" || fail "after $result: $(cat "$env")"
  at=$(cut -d' ' -f2 "$env")
  [ "$at" -ge "$before" ] || fail "the time noted is not now: $at < $before"
done
# The next start, with the file's words as ExecStart passes them: a restarted kiosk.
args=$(sed -n 's/^QUIZKIOSK_RESTART=//p' "$env")
printf 'expect-not 开始\nrestart-point\nexpect 开始\n' > "$work/rp.replay"
# shellcheck disable=SC2086 # split into words, as systemd splits $QUIZKIOSK_RESTART
"$qk" "$src/tests/watchdog/apps/freeze" --headless --db "$work/k.db" --replay "$work/rp.replay" $args \
  >/dev/null 2>"$work/k.err" || fail "the kiosk did not take the restart note: $(cat "$work/k.err")"
grep -q "restarted_after_crash=true" "$work/k.err" || fail "kiosk.config.restarted_after_crash not set"
SERVICE_RESULT=success /bin/sh -c "$script" || fail "ExecStopPost failed after success"
[ -e "$env" ] && fail "a clean stop (staff quit, systemctl stop) left the restart note"
echo "unit file: all held"
