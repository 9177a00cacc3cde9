#!/usr/bin/python3
# make_docx.py — writes 000_fac72103fae413c1.docx: the seed text, one Word
# paragraph a line (python3-docx from Debian), so the round trip also goes
# through .docx (importlib.docx_text → the doc format). Run from this folder;
# the .docx is committed, so the tests need no python3-docx.
import docx

d = docx.Document()
with open("000_fac72103fae413c1.txt", encoding="utf-8") as f:
    for line in f.read().split("\n"):
        d.add_paragraph(line)
d.save("000_fac72103fae413c1.docx")
