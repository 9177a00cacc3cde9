#!/bin/sh
# roundtrip.sh QUIZKIOSK LUA_RUNNER SRC WORK — the seeds imported: the cut-off
# parts are reported as skipped (exit 1 without --allow-skips), and the sets
# compared with the bundled cs_specialist / cs_manager in the sandbox
# (compare_*.lua: stems, options, answers, explanations, competencies,
# references, points, and the same responses scoring the same).
set -u
qk=$1 runner=$2 src=$3 work=$4
fail() { echo "FAIL: $*"; exit 1; }
has() { printf '%s\n' "$1" | grep -qF -- "$2" || fail "the report lacks: $2"; }
rm -rf "$work" && mkdir -p "$work"

out=$("$qk" import "$src/tests/import/seeds/000_fac72103fae413c1.txt" --out "$work/spec" 2>&1); rc=$?
printf '%s\n' "$out"
[ $rc -eq 1 ] || fail "import with skips exited $rc, not 1"
has "$out" "000_fac72103fae413c1.txt:205: skipped: no answer line: the document is cut off in this question (after option A)"
has "$out" "000_fac72103fae413c1.txt:161: skipped: 二、多选题 says 8 questions, the file has 4: 4 missing"
has "$out" "lines 209–219 look like web-page text"
"$qk" import "$src/tests/import/seeds/000_fac72103fae413c1.txt" --out "$work/spec" --allow-skips >/dev/null || fail "--allow-skips"
cp "$src/tests/import/compare_specialist.lua" "$src/tests/import/compare_lib.lua" "$work/spec/" && "$runner" "$work/spec/compare_specialist.lua" "$src/scripts" || fail compare_specialist

# The same seed as a Word file (seeds/make_docx.py): the same set, only the
# source comments name the .docx.
"$qk" import "$src/tests/import/seeds/000_fac72103fae413c1.docx" --out "$work/spec_docx" --allow-skips >/dev/null || fail "import .docx"
strip() { grep -v -e '^ *--' -e '^  id = ' "$1"; }
strip "$work/spec/questions.lua" > "$work/a.lua" && strip "$work/spec_docx/questions.lua" > "$work/b.lua"
cmp -s "$work/a.lua" "$work/b.lua" || { diff "$work/a.lua" "$work/b.lua" | head -20; fail "the .docx seed gives another set"; }

out=$("$qk" import "$src/tests/import/seeds/003_658b3886696286a8.txt" --out "$work/mgr" --allow-skips 2>&1) || fail "import 003"
printf '%s\n' "$out"
has "$out" "003_658b3886696286a8.txt:165: skipped: 三、业务能力题 says 3 questions, the file has 1: 2 missing"
has "$out" "003_658b3886696286a8.txt:167: warning: the document ends in the middle of this question's reference answer (\"-应\")"
cp "$src/tests/import/compare_manager.lua" "$src/tests/import/compare_lib.lua" "$work/mgr/" && "$runner" "$work/mgr/compare_manager.lua" "$src/scripts" || fail compare_manager
"$qk" check "$work/mgr" || fail "check of the imported manager set"
echo ok
