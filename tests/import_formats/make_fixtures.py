#!/usr/bin/python3
# make_fixtures.py — writes the import-format fixtures in fixtures/ (both this
# script and its output are committed; rerun it after changing it):
#   /usr/bin/python3 tests/import_formats/make_fixtures.py
# Debian's python3-docx and python3-openpyxl write the Office files, so the
# readers are tested on files that someone else's writer made. Everything is
# seeded or fixed: the same script gives the same questions.
import io
import os
import random
import zipfile

import docx
import openpyxl

from make_bank import shared_strings

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


# The bank used by the spreadsheet fixtures: (type, stem, options, answer,
# explanation, points, difficulty, tags). Scores: 2 + 3 + 2 + 2 + 8 = 17.
BANK = [
    ("单选题", "客户投诉时，首先应该做什么？", ["倾听并确认问题", "立即转交主管", "解释公司政策", "直接提供赔偿"],
     "A", "先倾听、确认问题，客户才会觉得被重视。", 2, "易", "沟通能力"),
    ("多选题", "以下哪些属于客户服务规范？", ["首问负责制", "限时办结", "推诿拖延", "一次性告知"],
     "A,B,D", "推诿拖延违反规范，其余三项都是规范要求。", 3, "中", "服务规范、岗位认知"),
    ("判断题", "客户情绪激动时，应立即挂断电话。", [], "错", "应先安抚情绪，而不是挂断。", 2, "易", "情绪管理"),
    ("单选题", "1 + 1 = ?", [1, 2, 3, 4], "B", "", 2, "易", "基础"),
    ("简答题", "请简述处理客户投诉的四个步骤。", [], "倾听、确认、解决、跟进", "", 8, "难", "问题解决"),
]
HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "难度", "知识点"]


def bank_rows():
    for ty, stem, opts, ans, expl, pts, diff, tags in BANK:
        o = list(opts) + [None] * (4 - len(opts))
        yield [ty, stem] + o + [ans, expl or None, pts, diff, tags]


def fixed_props(wb):
    import datetime
    wb.properties.created = wb.properties.modified = datetime.datetime(2026, 1, 1)


def xlsx_questions():
    wb = openpyxl.Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "题库"
    ws.append(HEADERS)
    for r in bank_rows():
        ws.append(r)
    wb.save(path("questions.xlsx"))
    # the same bank as Excel stores it: strings in xl/sharedStrings.xml
    shared_strings(path("questions.xlsx"), path("questions_sst.xlsx"))


def xlsx_two_sheets():
    wb = openpyxl.Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "单选"
    ws.append(["题干", "选项A", "选项B", "答案"])
    ws.append(["第一张表的题目", "甲", "乙", "B"])
    notes = wb.create_sheet("说明")
    notes.append(["这张表是填写说明,没有题目。"])
    ws = wb.create_sheet("多选")
    ws.append(["题目", "A", "B", "C", "正确答案"])
    ws.append(["第三张表的题目", "甲", "乙", "丙", "A、C"])
    wb.save(path("two_sheets.xlsx"))
    shared_strings(path("two_sheets.xlsx"), path("two_sheets.xlsx"))


def xlsx_merged_header():
    wb = openpyxl.Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["题型", "题干", "选项", None, None, None, "答案"])
    ws.merge_cells("C1:F1")
    ws.append(["单选题", "合并了表头的题目", "甲", "乙", "丙", "丁", "A"])
    wb.save(path("merged_header.xlsx"))


def xlsx_bad_answer():
    wb = openpyxl.Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["题型", "题目", "选项A", "选项B", "选项C", "选项D", "正确答案", "分数"])
    ws.append(["单选题", "答案字母超出选项的题目", "甲", "乙", "丙", "丁", "E", 2])
    ws.append(["单选题", "没有答案的题目", "甲", "乙", "丙", "丁", None, 2])
    ws.append(["单选题", "正常的题目", "甲", "乙", "丙", "丁", "C", 2])
    wb.save(path("bad_answer.xlsx"))


def xlsx_inline():
    # openpyxl writes shared strings; Excel and other writers also use inline
    # strings, rich-text runs, booleans, formula results and error cells.
    # This workbook is written by hand to have all of them.
    sheet = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <row r="1">
      <c r="A1" t="inlineStr"><is><t>题干</t></is></c>
      <c r="B1" t="inlineStr"><is><t>选项Ａ</t></is></c>
      <c r="C1" t="inlineStr"><is><t> 选项B </t></is></c>
      <c r="D1" t="inlineStr"><is><t>答案</t></is></c>
      <c r="E1" t="inlineStr"><is><t>分值</t></is></c>
      <c r="F1" t="inlineStr"><is><t>答案解析</t></is></c>
    </row>
    <row r="3">
      <c r="A3" t="inlineStr"><is><r><t>富文本</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 题干 &amp; 符号</t></r><rPh><t>ふりがな</t></rPh></is></c>
      <c r="B3" t="str"><f>"甲"</f><v>甲</v></c>
      <c r="C3" t="b"><v>1</v></c>
      <c r="D3" t="inlineStr"><is><t>a</t></is></c>
      <c r="E3"><v>2.5</v></c>
      <c r="F3" t="e"><v>#N/A</v></c>
    </row>
  </sheetData>
</worksheet>"""
    workbook = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="My Sheet" sheetId="1" r:id="rId7"/></sheets>
</workbook>"""
    rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
</Relationships>"""
    with zipfile.ZipFile(path("inline.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/data.xml", sheet)


def csv_text(rows):
    def cell(v):
        v = "" if v is None else str(v)
        if any(c in v for c in ',"\n'):
            v = '"' + v.replace('"', '""') + '"'
        return v
    return "".join(",".join(cell(v) for v in r) + "\r\n" for r in rows)


def csv_files():
    rows = [HEADERS] + list(bank_rows())
    # quoting cases: a comma, a quote and a line break inside fields
    rows[1][7] = '先"倾听"，确认问题,\n客户才会觉得被重视。'
    text = csv_text(rows)
    with open(path("questions_gbk.csv"), "wb") as f:
        f.write(text.encode("gbk"))
    with open(path("questions_bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ragged = [HEADERS[:8], ["单选题", "正常的一行", "甲", "乙", "丙", "丁", "A", ""],
              ["单选题", "多出字段的一行", "甲", "乙", "丙", "丁", "A", "解析", "多余"],
              ["单选题", "少了字段的一行", "甲", "乙", "丙", "丁", "B"]]
    with open(path("ragged.csv"), "wb") as f:
        f.write(csv_text(ragged).encode("utf-8"))
    with open(path("unclosed_quote.csv"), "wb") as f:
        f.write(csv_text(ragged[:2]).encode("utf-8") + '单选题,"没有闭合的引号,甲,乙\r\n'.encode("utf-8"))


DOC = [
    "2026年客户服务测试题",
    "一、单选题(共2题,每题2分)",
    "1.客户投诉时,首先应该做什么?",
    "A.倾听并确认问题",
    "B.立即转交主管",
    "C.解释公司政策",
    "D.直接提供赔偿",
    "答案:A",
    "解析:先倾听、确认问题,客户才会觉得被重视。",
    "2.“首问负责制”要求受理人怎样做?",
    "A.转交后不再跟进",
    "B.全程负责到底",
    "C.只处理简单问题",
    "D.拒绝超出权限的请求",
    "答案:B",
    "解析:受理人对客户问题负责到底。",
    "二、多选题(共1题,每题3分)",
    "1.以下哪些属于客户服务规范?",
    "A.首问负责制",
    "B.限时办结",
    "C.推诿拖延",
    "D.一次性告知",
    "答案:ABD",
    "解析:推诿拖延违反规范。",
]


def docx_files():
    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = __import__("datetime").datetime(2026, 1, 1)
    for line in DOC:
        d.add_paragraph(line)
    d.save(path("questions.docx"))

    # Automatic numbering, a table, a tab and a line break.
    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = __import__("datetime").datetime(2026, 1, 1)
    d.add_paragraph("自动编号")
    for t in ["第一项", "第二项", "第三项"]:
        d.add_paragraph(t, style="List Number")
    p = d.add_paragraph("制表")
    r = p.add_run()
    r.add_tab()
    r.add_text("后文")
    r.add_break()
    r.add_text("换行")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单元格一"
    table.cell(0, 1).text = "单元格二"
    d.add_paragraph("结束")
    d.save(path("numbered.docx"))

    # A 5 MB document: the question part repeated until word/document.xml
    # holds over 5 MB of text.
    with zipfile.ZipFile(path("questions.docx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    head, body_end = xml.split("<w:body>", 1)[0] + "<w:body>", "<w:sectPr" + xml.split("<w:sectPr", 1)[1]
    paras = []
    size, n = 0, 0
    rnd = random.Random(13)
    while size < 5 * 1024 * 1024:
        n += 1
        block = [f"{n}.第{n}题:{rnd.randrange(10**9)}号客户的投诉应该怎样处理?", "A.倾听", "B.转交", "C.解释", "D.赔偿",
                 "答案:A", "解析:先倾听。"]
        for line in block:
            paras.append(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>")
            size += len(line.encode("utf-8"))
    big = head + "<w:p><w:r><w:t>一、单选题(共{0}题,每题1分)</w:t></w:r></w:p>".format(n) + "".join(paras) + body_end
    parts["word/document.xml"] = big.encode("utf-8")
    with zipfile.ZipFile(path("big.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return n


QTI21_SINGLE = """<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q21single"
  title="首问负责制" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>ChoiceB</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">
    <defaultValue><value>0</value></defaultValue>
  </outcomeDeclaration>
  <itemBody>
    <p>以下哪项最能体现“首问负责制”?</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>请选择一项。</prompt>
      <simpleChoice identifier="ChoiceA">转交后不再跟进</simpleChoice>
      <simpleChoice identifier="ChoiceB">受理人<b>全程</b>负责</simpleChoice>
      <simpleChoice identifier="ChoiceC">只处理简单问题</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>
"""

QTI21_MULTIPLE = """<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q21multi"
  title="服务规范" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
    <correctResponse><value>A</value><value>B</value><value>D</value></correctResponse>
    <mapping lowerBound="0" upperBound="3" defaultValue="0">
      <mapEntry mapKey="A" mappedValue="1"/>
      <mapEntry mapKey="B" mappedValue="1"/>
      <mapEntry mapKey="C" mappedValue="-2"/>
      <mapEntry mapKey="D" mappedValue="1"/>
    </mapping>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="0">
      <prompt>以下哪些属于客户服务规范?</prompt>
      <simpleChoice identifier="A">首问负责制</simpleChoice>
      <simpleChoice identifier="B">限时办结</simpleChoice>
      <simpleChoice identifier="C">推诿拖延</simpleChoice>
      <simpleChoice identifier="D">一次性告知</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"/>
</assessmentItem>
"""

QTI30_SINGLE = """<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="q30single"
  title="投诉处理" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>choice_1</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
      <qti-prompt>客户投诉时,首先应该做什么?</qti-prompt>
      <qti-simple-choice identifier="choice_1">倾听并确认问题</qti-simple-choice>
      <qti-simple-choice identifier="choice_2">立即转交主管</qti-simple-choice>
      <qti-simple-choice identifier="choice_3">解释公司政策</qti-simple-choice>
      <qti-simple-choice identifier="choice_4">直接提供赔偿</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>
"""

QTI30_MULTIPLE = """<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="q30multi"
  title="数字化能力" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>x1</qti-value><qti-value>x3</qti-value></qti-correct-response>
    <qti-mapping lower-bound="0" upper-bound="4" default-value="0">
      <qti-map-entry map-key="x1" mapped-value="2"/>
      <qti-map-entry map-key="x2" mapped-value="-1"/>
      <qti-map-entry map-key="x3" mapped-value="2"/>
    </qti-mapping>
  </qti-response-declaration>
  <qti-item-body>
    <p>客户服务专员需具备哪些数字化能力?</p>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="3">
      <qti-simple-choice identifier="x1">使用AI客服辅助工具</qti-simple-choice>
      <qti-simple-choice identifier="x2">手写全部工单</qti-simple-choice>
      <qti-simple-choice identifier="x3">分析客户数据</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/>
</qti-assessment-item>
"""


def manifest(version, items):
    t = {"2.1": "imsqti_item_xmlv2p1", "3.0": "imsqti_item_xmlv3p0"}[version]
    res = "".join(f'<resource identifier="R{i}" type="{t}" href="{href}"><file href="{href}"/></resource>'
                  for i, href in enumerate(items))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M1">
  <organizations/>
  <resources>{res}</resources>
</manifest>
"""


def qti_files():
    for name, text in [("qti21_single.xml", QTI21_SINGLE), ("qti30_single.xml", QTI30_SINGLE)]:
        with open(path(name), "w", encoding="utf-8") as f:
            f.write(text)
    for zname, version, items in [("qti21_package.zip", "2.1", [("items/single.xml", QTI21_SINGLE), ("items/multi.xml", QTI21_MULTIPLE)]),
                                  ("qti30_package.zip", "3.0", [("items/single.xml", QTI30_SINGLE), ("items/multi.xml", QTI30_MULTIPLE)])]:
        with zipfile.ZipFile(path(zname), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("imsmanifest.xml", manifest(version, [h for h, _ in items]))
            for h, text in items:
                z.writestr(h, text)
    # what older Chinese exporters write: GBK, and a declaration that says so
    with open(path("qti21_gbk.xml"), "wb") as f:
        f.write(QTI21_SINGLE.replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk"))
    # an item whose correct answer is no choice of it
    with open(path("qti_bad_answer.xml"), "w", encoding="utf-8") as f:
        f.write(QTI21_SINGLE.replace("<value>ChoiceB</value>", "<value>ChoiceZ</value>"))
    # broken XML: an element never closed
    with open(path("qti_broken.xml"), "w", encoding="utf-8") as f:
        f.write(QTI21_SINGLE.replace("</itemBody>", ""))


def freeze(name):
    # zip entries carry the time they were written; a fixed one keeps the
    # committed files the same when the script is run again
    with zipfile.ZipFile(path(name)) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            z.writestr(zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def malformed():
    with open(path("questions.xlsx"), "rb") as f:
        data = f.read()
    with open(path("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    rnd = random.Random(2026)
    garbage = bytes(rnd.randrange(256) for _ in range(4096))
    for name in ["garbage.xlsx", "garbage.csv", "garbage.docx", "garbage.xml"]:
        with open(path(name), "wb") as f:
            f.write(garbage)
    # a zip bomb in miniature: an entry declaring 100 MB (over importlib's cap)
    with zipfile.ZipFile(path("bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>')
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (100 * 1024 * 1024) + b"</a>")
    freeze("bomb.xlsx")


xlsx_questions()
xlsx_two_sheets()
xlsx_merged_header()
xlsx_bad_answer()
xlsx_inline()
csv_files()
n_big = docx_files()
qti_files()
for f in sorted(os.listdir(OUT)):
    if f.endswith((".xlsx", ".docx", ".zip")) and not f.startswith(("truncated", "garbage")):
        freeze(f)
malformed()
print("fixtures written to", OUT, "; big.docx holds", n_big, "questions")
