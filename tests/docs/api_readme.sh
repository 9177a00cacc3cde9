#!/bin/sh
# api_readme.sh QUIZKIOSK README — the README's API tables and the modules'
# declarations (runtime/lua/api_*.c, printed by `quizkiosk --api`) name the
# same functions: every declared function has a row, and every function a
# row names is declared. A row's first cell names its calls in backticks
# (`gfx.rect(...)`, `session:key(ch)`).
set -u
qk=$1 readme=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$qk" --api >"$dir/api.txt" || { echo "FAIL: quizkiosk --api exited $?"; exit 1; }
modules=$(sed -n 's/^\([a-z_]*\) — .*/\1/p' "$dir/api.txt" | tr '\n' '|' | sed 's/|$//')
[ -n "$modules" ] || { echo "FAIL: --api listed no modules"; cat "$dir/api.txt"; exit 1; }
# Declared: "  kiosk.now() -> ms" or "  session:key(ch)", first word of the line.
sed -n 's/^  \([a-z_]*[.:][a-z_]*\).*/\1/p' "$dir/api.txt" | sort -u >"$dir/declared"
# Documented: backticked calls in the first cell of the README's table rows.
awk -F'|' '/^\| *`/ { print $2 }' "$readme" |
  grep -oE "\`[^\`]*\`" | grep -oE "(^|[^a-z_.])($modules|session)[.:][a-z_]+" |
  sed 's/^[^a-z_]//' | sort -u >"$dir/documented"
missing=$(comm -23 "$dir/declared" "$dir/documented")
extra=$(comm -13 "$dir/declared" "$dir/documented")
n=$(wc -l <"$dir/declared")
[ -z "$missing" ] || { echo "FAIL: declared but not in the README's API tables:"; echo "$missing"; }
[ -z "$extra" ] || { echo "FAIL: in the README's API tables but not declared (no such function):"; echo "$extra"; }
[ -z "$missing" ] && [ -z "$extra" ] || exit 1
[ "$n" -ge 50 ] || { echo "FAIL: only $n functions declared: --api output changed shape?"; exit 1; }
echo "api_readme: the README's tables and the $n declared functions agree (modules: $modules)"
