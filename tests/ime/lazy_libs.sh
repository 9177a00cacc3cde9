#!/bin/sh
# lazy_libs.sh QUIZKIOSK SRC — the fleet (libpq), the Excel export
# (libxlsxwriter) and the importers (libzip, expat) are modules loaded on
# demand (runtime/base/module.h), like the input-method engines (module.sh):
#   1. at the first frame of a kiosk with no sync server, none of the
#      modules nor libpq, libssl/libcrypto, Kerberos, LDAP, SASL, GnuTLS,
#      libxlsxwriter, libzip or minizip is mapped (/proc/PID/maps), nor the
#      QR module and libqrencode (gfx.qr loads them: tests/prize). expat is
#      not in the list: SDL's libgbm links it, so every kiosk maps it;
#   2. a kiosk with a sync server (--sync URL; none listens there) has the
#      fleet module and libpq mapped at its first frame;
#   3. a program with no modules beside it (copied elsewhere) runs a kiosk
#      with --sync, logs why sync is off, shows the fleet offline on the
#      staff screen, and finishes its replay; its
#      fleet, xlsx and import commands fail with exit code 1 and a message
#      naming the missing module, never a crash.
set -u
qk=$1 src=$2
. "$src/tests/hold_lib.sh" # $dir, fail, wait_hold, mapped
lazy='quizkiosk-sync\|quizkiosk-xlsx\|quizkiosk-import\|quizkiosk-qr\|libqrencode\|libpq\.\|libssl\.\|libcrypto\.\|libkrb5\.\|libgssapi_krb5\|libldap\|libsasl2\|libgnutls\|libxlsxwriter\|libzip\.\|libminizip'
url=postgresql://127.0.0.1:9/none # the discard port: nothing answers there


# first_frame NAME ARGS... — starts the demo held after its first frame.
first_frame() {
  name=$1; shift
  printf 'hold %s/go-%s\n' "$dir" "$name" > "$dir/$name.replay"
  "$qk" "$src/scripts/apps/demo" --headless --window 1280x800 --replay "$dir/$name.replay" \
    --db "$dir/$name.db" "$@" >"$dir/out" 2>&1 &
  pid=$!
  wait_hold "$dir/go-$name"
}

if first_frame plain; then
  if grep -q "$lazy" "/proc/$pid/maps"; then
    fail "mapped at the first frame without a fleet: $(mapped)"
  else
    echo "ok   first frame, no sync server: no fleet, Excel, import or QR module, no libpq/ssl/krb5/ldap/xlsxwriter/zip/qrencode"
  fi
  touch "$dir/go-plain"
else
  fail "the plain kiosk did not reach its first frame:"; cat "$dir/out"
fi
wait "$pid" || fail "the plain kiosk failed: $(tail -n 3 "$dir/out")"
pid=

if first_frame synced --sync "$url"; then
  if grep -q 'quizkiosk-sync' "/proc/$pid/maps" && grep -q 'libpq\.' "/proc/$pid/maps"; then
    echo "ok   first frame with --sync: the fleet module and libpq are mapped"
  else
    fail "--sync given but the fleet module or libpq is not mapped"; cat "$dir/out"
  fi
  touch "$dir/go-synced"
else
  fail "the synced kiosk did not reach its first frame:"; cat "$dir/out"
fi
wait "$pid" || fail "the synced kiosk failed: $(tail -n 3 "$dir/out")"
pid=

# The program alone: no module next to it nor in ../lib/quizkiosk.
mkdir -p "$dir/alone/bin"
cp "$qk" "$dir/alone/bin/quizkiosk"
# ... but for fontconfig's (runtime/core/fontmatch_module.h): font lookup, not a feature.
cp "$(dirname "$qk")/quizkiosk-fontconfig.so" "$dir/alone/bin/"
alone=$dir/alone/bin/quizkiosk
printf 'expect 服务达人快问快答\n' > "$dir/alone.replay"
if "$alone" "$src/scripts/apps/demo" --headless --window 1280x800 --replay "$dir/alone.replay" \
     --db "$dir/alone.db" --sync "$url" >"$dir/alone.out" 2>&1; then
  if grep -q "fleet sync off: a sync server is configured, but the fleet module quizkiosk-sync.so is not installed" "$dir/alone.out"; then
    echo "ok   kiosk with --sync and no fleet module: runs, the log says why"
  else
    fail "no fleet module: no clear log line:"; cat "$dir/alone.out"
  fi
else
  fail "no fleet module: the kiosk's replay failed:"; cat "$dir/alone.out"
fi

# ... and its staff screen says the fleet is offline (the reason is the
# missing module), as for an unreachable server (tests/fleet/admin_sync.sh).
"$alone" set-pin --db "$dir/staff.db" 1234 >/dev/null || fail "set-pin without modules"
sed 's/^shot .*//' "$src/tests/fleet/admin_sync.replay" > "$dir/staff.replay"
if "$alone" "$src/tests/core/apps/reload" --headless --window 1280x800 --replay "$dir/staff.replay" \
     --db "$dir/staff.db" --sync "$url" >"$dir/staff.out" 2>&1 &&
   grep -q "fleet sync off: .*quizkiosk-sync.so is not installed" "$dir/staff.out"; then
  echo "ok   no fleet module: the staff screen shows the fleet offline"
else
  fail "no fleet module: the staff screen's fleet line:"; cat "$dir/staff.out"
fi

# expect_missing WHAT MODULE ARGS... — the command exits 1 naming the module.
expect_missing() {
  what=$1 mod=$2; shift 2
  "$alone" "$@" >"$dir/cmd.out" 2>&1
  rc=$?
  if [ $rc -eq 1 ] && grep -q "$mod is not installed" "$dir/cmd.out"; then
    echo "ok   $what without its module: exit 1, says why"
  else
    fail "$what without its module: exit $rc: $(cat "$dir/cmd.out")"
  fi
}
expect_missing "fleet status" quizkiosk-sync.so fleet status --pg "$url"
expect_missing "export --pg" quizkiosk-sync.so export --pg "$url" --format csv
expect_missing "export --format xlsx" quizkiosk-xlsx.so export --db "$dir/alone.db" --format xlsx --out "$dir/r.xlsx"
QUIZKIOSK_DATA=$src expect_missing "check" quizkiosk-import.so check "$src/scripts/apps/trade_fair"
[ ! -e "$dir/r.xlsx" ] || fail "a failed xlsx export left $dir/r.xlsx"

echo "lazy libraries: $failed failed"
[ $failed -eq 0 ]
