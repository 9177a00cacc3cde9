#!/bin/sh
# no_font.sh QUIZKIOSK APP — with no font anywhere the kiosk says so clearly
# (and which package to install) instead of drawing nothing.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/cache</cachedir></fontconfig>\n' "$dir" > "$dir/fonts.conf"
printf 'expect anything\n' > "$dir/r.txt"
out=$(FONTCONFIG_FILE="$dir/fonts.conf" QUIZKIOSK_DATA="$dir/none" "$1" "$2" --headless --replay "$dir/r.txt" --db "$dir/r.db" 2>&1)
rc=$?
echo "$out"
[ $rc -ne 0 ] || { echo "FAIL: exit 0 with no font"; exit 1; }
echo "$out" | grep -q "no usable font" && echo "$out" | grep -q "fonts-noto-cjk" || { echo "FAIL: unclear message"; exit 1; }
echo "no font: 1 passed, 0 failed"
