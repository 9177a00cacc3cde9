#!/usr/bin/env python3
# readme_samples.py QUIZKIOSK SRC WORK — the README's import-format samples
# (section "Import formats: spreadsheets, QTI and Word files") do what it says:
# the CSV sample and the QTI item import without a problem, and the example
# format module, installed as a copy of the kiosk library, reads a zip
# through importlib. Keeps the trainer's manual true.
import os
import re
import shutil
import subprocess
import sys
import zipfile

qk, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
sec = readme[readme.index("### Import formats: spreadsheets, QTI and Word files"):]
sec = sec[: sec.index("\n## ")]


def block(lang, starts):
    for m in re.finditer(r"```" + lang + r"\n(.*?)```", sec, re.S):
        if m.group(1).startswith(starts):
            return m.group(1)
    sys.exit(f"FAIL: no ```{lang} block starting with {starts!r} in the README section")


def run(args, env=None):
    p = subprocess.run([qk] + args, capture_output=True, text=True, env=env)
    out = p.stdout + p.stderr
    print(out)
    return p.returncode, out


fail = 0
with open(os.path.join(work, "bank.csv"), "w", encoding="utf-8") as f:
    f.write(block("", "题型,题干"))
rc, out = run(["import", os.path.join(work, "bank.csv"), "--out", os.path.join(work, "csv")])
if rc != 0 or "4 imported,    0 skipped" not in out:
    print("FAIL: the README's CSV sample"); fail = 1
with open(os.path.join(work, "item.xml"), "w", encoding="utf-8") as f:
    f.write(block("xml", "<assessmentItem"))
rc, out = run(["import", os.path.join(work, "item.xml"), "--out", os.path.join(work, "qti")])
lua = open(os.path.join(work, "qti", "questions.lua"), encoding="utf-8").read() if rc == 0 else ""
if rc != 0 or "option_points = { A = 1, B = 1, C = -1 }" not in lua:
    print("FAIL: the README's QTI sample"); fail = 1
# the example module, in a copy of the script library (QUIZKIOSK_DATA points there)
data = os.path.join(work, "data")
shutil.copytree(os.path.join(src, "scripts"), os.path.join(data, "scripts"))
with open(os.path.join(data, "scripts", "kiosk", "import", "mybank.lua"), "w", encoding="utf-8") as f:
    f.write(block("lua", "-- scripts/kiosk/import/mybank.lua"))
with zipfile.ZipFile(os.path.join(work, "t.mybank"), "w") as z:
    z.writestr("bank.xml", '<bank><q stem="一加一?" answer="B"><o>1</o><o>2</o></q>'
                           '<q stem="二加二?" answer="A"><o>4</o><o>5</o></q></bank>')
env = dict(os.environ, QUIZKIOSK_DATA=data)
rc, out = run(["import", os.path.join(work, "t.mybank"), "--format", "mybank", "--out", os.path.join(work, "mine")], env)
if rc != 0 or "2 imported,    0 skipped" not in out:
    print("FAIL: the README's example format module"); fail = 1
sys.exit(fail)
