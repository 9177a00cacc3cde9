#!/usr/bin/python3
# make_bank.py N OUT.xlsx — a question-bank workbook of N questions for the
# import bench (bench/import): the columns a Chinese 题库 template has
# (题型, 题干, 选项A–D, 答案, 解析, 分值, 难度, 知识点), 70% single choice,
# 20% multiple choice, 10% true/false, seeded so every run is the same bank.
#   /usr/bin/python3 tests/import_formats/make_bank.py 10000 /tmp/bank10k.xlsx
# Debian's python3-openpyxl (3.0) writes every string inline (<is>); Excel
# and WPS write them once into xl/sharedStrings.xml and refer to them by
# index. shared_strings() rewrites a workbook that way, so the bench and the
# fixtures read what Excel writes.
import re
import random
import sys
import zipfile

import openpyxl

CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t>(.*?)</t></is></c>')


def shared_strings(src, dst):
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    index, table = {}, []

    def repl(m):
        text = m.group(3)
        if text not in index:
            index[text] = len(table)
            table.append(text)
        return f'<c r="{m.group(1)}"{m.group(2)} t="s"><v>{index[text]}</v></c>'

    for name in [n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")]:
        parts[name] = CELL.sub(repl, parts[name].decode("utf-8")).encode("utf-8")
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(table)}" uniqueCount="{len(table)}">']
    sst += [f'<si><t xml:space="preserve">{t}</t></si>' for t in table]
    sst.append("</sst>")
    parts["xl/sharedStrings.xml"] = "".join(sst).encode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    ct = parts["[Content_Types].xml"].decode("utf-8")
    ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def bank(n, out):
    rnd = random.Random(10000)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append(["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "难度", "知识点"])
    for i in range(1, n + 1):
        k = rnd.random()
        stem = f"第{i}题:编号{rnd.randrange(10**8)}的客户来电投诉服务超时,客服专员首先应该怎样处理?"
        opts = [f"处理方式{i}-{c}:{rnd.randrange(10**6)}" for c in "ABCD"]
        if k < 0.7:
            row = ["单选题", stem] + opts + [rnd.choice("ABCD"), f"解析{i}:先倾听再处理。", 2]
        elif k < 0.9:
            row = ["多选题", stem] + opts + ["".join(sorted(rnd.sample("ABCD", 2))), f"解析{i}:两项都对。", 3]
        else:
            row = ["判断题", stem, None, None, None, None, rnd.choice(["对", "错"]), f"解析{i}。", 1]
        ws.append(row + [rnd.choice(["易", "中", "难"]), rnd.choice(["沟通能力", "服务规范", "岗位认知"])])
    wb.save(out)
    shared_strings(out, out)


if __name__ == "__main__":
    bank(int(sys.argv[1]), sys.argv[2])
