#!/usr/bin/env python3
"""check_xlsx.py FULL.xlsx PURGED.xlsx -- opens the workbooks `quizkiosk
export --format xlsx` wrote from the fixture (tests/store/fixture.h) with
openpyxl, a reader nobody here wrote, and checks the cells: the two sheets,
frozen bold headers, real dates, numbers as numbers, the option text, an
unanswered question as an empty cell, typed text that looks like a formula
kept as text, section and competency scores, column widths, and after a
purge the same columns with the personal cells empty."""
import datetime
import sys

import openpyxl

full, purged = sys.argv[1], sys.argv[2]
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


wb = openpyxl.load_workbook(full)
check(wb.sheetnames == ["sessions", "answers"], "sheets: %r" % wb.sheetnames)
ss, aa = wb["sessions"], wb["answers"]
check(ss.freeze_panes == "A2" and aa.freeze_panes == "A2", "frozen headers: %r %r" % (ss.freeze_panes, aa.freeze_panes))
check(ss["A1"].font.b and aa["A1"].font.b, "bold headers")
rows = sheet_rows(ss)
head = rows[0]
check(head == ["id", "kiosk", "app", "exam", "exam_title", "exam_hash", "status", "score", "max_score",
               "passed", "started_at", "finished_at", "language", "mode", "email", "name", "nickname",
               "note", "phone", "section:basics", "section:basics:max", "section:open", "section:open:max",
               "competency:沟通", "competency:沟通:max"], "sessions header: %r" % head)
by_id = {r[0]: dict(zip(head, r)) for r in rows[1:]}
check(sorted(by_id) == [1, 2, 3, 4, 5], "session ids: %r" % sorted(by_id))
s1 = by_id.get(1, {})
check(s1.get("name") == "王伟", "name: %r" % s1.get("name"))
check(s1.get("note") == 'He said "hi", then\nleft', "note: %r" % s1.get("note"))
# A real date (local time, TZ=CST-8), not text.
check(s1.get("started_at") == datetime.datetime(2024, 4, 30, 9, 0, 0), "started_at: %r" % s1.get("started_at"))
check(ss.cell(row=2, column=11).is_date, "started_at is a date cell")
check(s1.get("score") == 2 and s1.get("max_score") == 3 and s1.get("passed") == 1, "scores: %r" % s1)
check(s1.get("section:basics") == 1 and s1.get("section:open:max") == 2 and s1.get("competency:沟通") == 1.5,
      "section and competency scores: %r" % s1)
check(by_id.get(2, {}).get("section:open") is None, "no score is an empty cell")
s2 = by_id.get(2, {})
check(s2.get("name") == '=HYPERLINK("http://x")', "typed formula kept as text: %r" % s2.get("name"))
check(ss.cell(row=3, column=head.index("name") + 1).data_type == "s", "typed formula is a string cell")
check(by_id.get(4, {}).get("finished_at") is None, "unfinished session: empty finished_at")
check(by_id.get(3, {}).get("score") is None, "unscored session: empty score")
# Widths follow the content: the title is wide, the id narrow.
wt, wid = ss.column_dimensions["E"].width, ss.column_dimensions["A"].width
check(wt >= 20 and wid < wt and wid >= 6, "column widths: title %r id %r" % (wt, wid))

arows = sheet_rows(aa)
check(arows[0] == ["session_id", "question", "response", "option_text", "points", "max_points", "correct",
                   "time_ms", "answered_at"], "answers header: %r" % arows[0])
ans = {(r[0], r[1]): r for r in arows[1:]}
check(len(arows) == 1 + 10, "answer rows: %d" % len(arows))
q1 = ans.get((1, "q1"), [None] * 9)
check(q1[2] == "b" and q1[3] == "香蕉" and q1[4] == 1 and q1[6] == 1, "q1 of session 1: %r" % q1)
check(q1[8] == datetime.datetime(2024, 4, 30, 9, 0, 4), "answered_at: %r" % q1[8])
check(ans.get((2, "q2"), [None] * 4)[3] == "X-ray | Yankee", "options of a multiple choice")
check(ans.get((1, "q2"), [None] * 3)[2] == "我叫王伟，喜欢编程", "typed Chinese answer")
q5 = ans.get((5, "q2"), ["x"] * 9)
check(q5[2] is None and q5[3] is None, "unanswered: empty cells, not 'null': %r" % q5)

wp = openpyxl.load_workbook(purged)
prows = sheet_rows(wp["sessions"])
check(prows[0] == head, "purge changed the columns: %r" % prows[0])
p1 = dict(zip(prows[0], prows[1]))
check(p1.get("id") == 1 and p1.get("name") is None and p1.get("phone") is None, "personal cells emptied: %r" % p1)
check(p1.get("score") == 2 and p1.get("section:basics") == 1, "results kept by purge: %r" % p1)
pa = {(r[0], r[1]): r for r in sheet_rows(wp["answers"])[1:]}
check(pa.get((1, "q2"), ["x"] * 3)[2] is None, "purged typed answer: an empty cell")

if fails:
    for f in fails:
        print("FAIL:", f)
    sys.exit(1)
print("check_xlsx: all checks passed")
