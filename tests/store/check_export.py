#!/usr/bin/env python3
"""check_export.py DIR -- parses the files qk_store_export_test left in DIR
with Python's own csv and json modules (an independent reader, close to
what Excel and scripts do) and checks their content."""
import csv
import io
import json
import sys

d = sys.argv[1]
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def read_csv(path):
    raw = open(path, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), path + ": no UTF-8 BOM")
    text = raw.decode("utf-8-sig")  # fails loudly on invalid UTF-8
    return list(csv.reader(io.StringIO(text, newline="")))


rows = read_csv(d + "/out.csv")
head = rows[0]
check(head[:14] == ["id", "kiosk", "app", "exam", "exam_title", "exam_hash", "status", "score",
                    "max_score", "passed", "started_at", "finished_at", "language", "mode"],
      "sessions header: %r" % head)
check(head[14:19] == ["email", "name", "nickname", "note", "phone"], "candidate columns: %r" % head[14:])
check(head[19:] == ["section:basics", "section:basics:max", "section:open", "section:open:max",
                    "competency:沟通", "competency:沟通:max"], "score columns: %r" % head[19:])
check(all(len(r) == len(head) for r in rows), "ragged rows")
by_id = {r[0]: dict(zip(head, r)) for r in rows[1:]}
check(sorted(by_id) == ["1", "2", "3", "4", "5"], "session ids %r" % sorted(by_id))
s1 = by_id.get("1", {})
check(s1.get("name") == "王伟", "Chinese name: %r" % s1.get("name"))
check(s1.get("note") == 'He said "hi", then\nleft', "quoted note: %r" % s1.get("note"))
check(s1.get("exam_title") == "General knowledge 常识", "title")
check(len(s1.get("exam_hash", "")) == 64, "hash")
check(by_id.get("2", {}).get("name") == "'=HYPERLINK(\"http://x\")", "formula guard")
check(by_id.get("2", {}).get("email") == "a,b@example.com", "comma cell")
check(by_id.get("4", {}).get("status") == "in_progress" and by_id["4"]["finished_at"] == "", "in progress")

ans = read_csv(d + "/out_answers.csv")
check(ans[0] == ["session_id", "question", "response", "option_text", "points", "max_points", "correct",
                 "time_ms", "answered_at"], "answers header %r" % ans[0])
a1 = {r[1]: r for r in ans[1:] if r[0] == "1"}
check(sorted(a1) == ["q1", "q2", "q3"], "answers of session 1: %r" % sorted(a1))
check(a1.get("q1", [""] * 3)[2] == "b", "latest answer")
check(a1.get("q2", [""] * 3)[2] == "我叫王伟，喜欢编程", "typed Chinese answer")
check(len(ans) == 1 + 3 + 3 + 1 + 1 + 2, "answer rows: %d" % len(ans))
check(a1.get("q1", [""] * 4)[3] == "香蕉", "option text: %r" % a1.get("q1"))
a5 = {r[1]: r for r in ans[1:] if r[0] == "5"}
check(a5.get("q2", ["x"] * 4)[2] == "", "unanswered is an empty cell: %r" % a5.get("q2"))
check(s1.get("competency:沟通") == "1.5" and s1.get("section:open:max") == "2", "scores in CSV")

data = json.load(open(d + "/out.json", encoding="utf-8"))
check(isinstance(data, list) and len(data) == 5, "json sessions: %d" % len(data))
j1 = data[0]
for k in ("id", "exam", "status", "score", "max_score", "passed", "started_at", "finished_at",
          "candidate", "answers"):
    check(k in j1, "json key " + k)
check(j1["candidate"].get("name") == "王伟", "json name")
check(j1["candidate"].get("note") == 'He said "hi", then\nleft', "json note")
check(j1["score"] == 2 and j1["max_score"] == 3 and j1["passed"] is True, "json score")
check([a["question"] for a in j1["answers"]] == ["q1", "q2", "q3"], "json answers order")
check(j1["answers"][2]["response"] == -5, "raw JSON response")
check(data[1]["answers"][2]["response"] == {"n": 3}, "object response")
check(data[2]["score"] is None and data[2]["passed"] is None, "null score")

since = json.load(open(d + "/since.json", encoding="utf-8"))
check([s["id"] for s in since] == [2, 3, 4, 5], "--since: %r" % [s["id"] for s in since])
check(json.load(open(d + "/empty.json")) == [], "empty json")
check(read_csv(d + "/empty.csv") == [head[:14]], "empty csv")
check(j1["sections"][0]["key"] == "basics" and j1["competencies"][0]["score"] == 1.5, "json scores")

if fails:
    for f in fails:
        print("FAIL:", f)
    sys.exit(1)
print("store_export_parse: all checks passed")
