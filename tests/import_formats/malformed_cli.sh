#!/bin/sh
# malformed_cli.sh QUIZKIOSK FIXTURES WORK — every malformed fixture of the
# import formats through `quizkiosk import`: the command must end normally
# with exit status 1 (something was skipped; never a crash, a signal or a
# sanitizer report) and print the problem on a line that starts with its
# location. Each case: fixture|text the located line must contain.
set -u
qk=$1 fx=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
while IFS='|' read -r file want; do
  [ -n "$file" ] || continue
  out=$("$qk" import "$fx/$file" --out "$work/${file%.*}" 2>&1)
  rc=$?
  if printf '%s\n' "$out" | grep -q -e 'Sanitizer' -e 'runtime error:'; then
    printf 'FAIL %s: sanitizer report\n%s\n' "$file" "$out"; fail=1; continue # ASan exits 1 too
  fi
  if [ "$rc" -ne 1 ]; then
    printf 'FAIL %s: exit status %s (want 1)\n%s\n' "$file" "$rc" "$out"; fail=1; continue
  fi
  if ! printf '%s\n' "$out" | grep -F -- "$want" | grep -q "^${file}"; then
    printf 'FAIL %s: no line starting with %s and containing: %s\n%s\n' "$file" "$file" "$want" "$out"; fail=1; continue
  fi
  echo "ok   $file: $(printf '%s\n' "$out" | grep -F -- "$want" | head -1)"
done <<'CASES'
truncated.xlsx|truncated.xlsx: skipped: cannot read as a zip archive: Not a zip archive (damaged or truncated
garbage.xlsx|garbage.xlsx: skipped: cannot read as a zip archive
bomb.xlsx|a zip bomb, or far too big
merged_header.xlsx|merged_header.xlsx:Sheet1!C1:F1: skipped: header cells are merged
bad_answer.xlsx|bad_answer.xlsx:Sheet1!G2: skipped: answer E not among the options (A–D)
ragged.csv|ragged.csv:3: skipped: ragged row: 9 fields where the header has 8
unclosed_quote.csv|unclosed_quote.csv:3: skipped: a quoted field opened here is never closed
garbage.csv|garbage.csv: skipped: cannot decode
garbage.docx|garbage.docx: skipped: cannot read as a zip archive
qti_bad_answer.xml|qti_bad_answer.xml: skipped: correct response 'ChoiceZ' is not one of the choices
qti_broken.xml|qti_broken.xml: skipped: line 20, column 3: mismatched tag
CASES
exit $fail
