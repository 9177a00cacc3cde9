#!/usr/bin/env python3
# readme_test.py QUIZKIOSK SRC WORK — the samples of the README's "Import
# your questions" section import as the section says: each text-format
# sample is read by its format, with every question imported and nothing
# skipped. Keeps the trainer's manual true.
import os
import re
import shutil
import subprocess
import sys

qk, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
sec = readme[readme.index("### Import your questions"):]
sec = sec[: sec.index("\n### ")]
blocks = re.findall(r"```\w*\n(.*?)```", sec, re.S)
# name, format, block start, questions expected (imported, none skipped)
samples = [("paper.txt", "doc", "2026年客户服务专员测试", 5),
           ("wjx.txt", "wjx", "1. 客户服务专员", 4),
           ("bank.gift", "gift", "$CATEGORY:", 3),
           ("bank.aiken", "aiken", "客户满意度", 1)]
status = 0
for name, fmt, start, want in samples:
    body = [b for b in blocks if b.startswith(start)]
    if len(body) != 1:
        sys.exit(f"FAIL: no single sample block starting with {start!r}")
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body[0])
    p = subprocess.run([qk, "import", path, "--out", os.path.join(work, fmt)], capture_output=True, text=True)
    out = p.stdout + p.stderr
    ok = (p.returncode == 0 and f"read {name} as {fmt}" in out
          and re.search(rf"^total\s+{want} imported,\s+0 skipped", out, re.M) is not None)
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        print(out)
        status = 1
# The commands the section's table names exist (usage errors, not "unknown").
for cmd in ("import", "new", "check"):
    p = subprocess.run([qk, cmd, "--help"], capture_output=True, text=True)
    if p.returncode != 0 or "quizkiosk " + cmd not in p.stdout:
        print(f"FAIL: quizkiosk {cmd} --help")
        status = 1
sys.exit(status)
