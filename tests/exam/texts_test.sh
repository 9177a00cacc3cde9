#!/bin/sh
# texts_test.sh QUIZKIOSK WORK — the option texts the kiosk records for the
# exports (store.questions, read from the set in C): every question of the
# set, drawn or not, with its options as written (A, B… by position, an
# option's own id, { zh =, en = } texts, a true/false question's built-in
# options), the version's list marked complete, and the answer stored after
# them. Through the real kiosk, headless, into a real database.
set -u
qk=$1 work=$2
rm -rf "$work" && mkdir -p "$work/app" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
cat > "$work/app/main.lua" <<'EOF'
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"
return flow.app {
  set = exam.set { id = "texts", title = "选项文字",
    exam.section { id = "s1", title = "一", points = 1,
      exam.single { id = "a", stem = "第一题", options = { "苹果", "香 \"蕉\"" }, answer = "B" },
      exam.single { id = "b", stem = "第二题", options = { { id = "x", text = "甲" }, { id = 2, text = { zh = "乙", en = "B-en" } } },
                    answer = "x" },
    },
    exam.section { id = "s2", title = "二", points = 1, draw = 1,
      exam.truefalse { id = "t", stem = "对吗", answer = true },
      exam.multiple { id = "m", stem = "多选", options = { { zh = "红", en = "red" }, "绿", "蓝" }, answer = { "A", "C" } },
    },
  },
  run = function(f)
    f:welcome {}
    f:quiz {}
  end,
}
EOF
printf 'wait 1000\ntap 开始\nexpect 第一题\ntap B\ntap 下一题\nexpect 第二题\n' > "$work/a.replay"
"$qk" "$work/app" --headless --window 1280x800 --seed 1 --db "$work/a.db" --replay "$work/a.replay" >"$work/a.out" 2>&1 \
  || { cat "$work/a.out"; fail "the session did not run"; }
python3 - "$work/a.db" <<'EOF' || fail "the recorded option texts"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = {q: (sec, json.loads(o) if o is not None else None)
        for q, sec, o in db.execute("SELECT question, section, options FROM exam_questions")}
want = {
    "": (None, None),  # the version's list is complete
    "a": ("s1", {"A": "苹果", "B": "香 \"蕉\""}),
    "b": ("s1", {"x": "甲", "2": {"zh": "乙", "en": "B-en"}}),
    "t": ("s2", {"T": {"zh": "正确", "en": "True"}, "F": {"zh": "错误", "en": "False"}}),
    "m": ("s2", {"A": {"zh": "红", "en": "red"}, "B": "绿", "C": "蓝"}),
}
if rows != want:
    sys.exit("got %r\nwanted %r" % (rows, want))
answers = db.execute("SELECT question, response FROM answers").fetchall()
if answers != [("a", '"B"')]:
    sys.exit("answers: %r" % answers)
EOF
# The export shows the chosen option's text.
"$qk" export --db "$work/a.db" --format csv --out "$work/a.csv" >"$work/export.out" 2>&1 \
  || { cat "$work/export.out"; fail "export"; }
grep -q '香 ""蕉""' "$work/a_answers.csv" || { cat "$work/a_answers.csv"; fail "the export lacks the option's text"; }
echo "texts: all held"
