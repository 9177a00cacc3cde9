-- sheet_test.lua — kiosk.import.sheet on .xlsx and .csv fixtures: header
-- synonyms, every cell kind, the encodings, RFC 4180 quoting, and located
-- problems (merged headers, ragged rows, answers out of range).
local R = require "record"
local sheet = require "kiosk.import.sheet"
local eq = R.eq
local T = {}

-- The five questions of make_fixtures.py's BANK, however they were stored.
local function check_bank(out, where_prefix)
  eq(#out.questions, 5, "questions\n" .. out:dump())
  local q = out.questions
  eq(q[1].type, "single")
  eq(q[1].stem, "客户投诉时，首先应该做什么？")
  eq(#q[1].options, 4)
  eq(q[1].options[4], "直接提供赔偿")
  eq(q[1].answer, "A")
  eq(q[1].points, 2)
  eq(q[1].competencies[1], "沟通能力")
  eq(q[1].where, where_prefix[1])
  eq(q[2].type, "multiple")
  eq(table.concat(q[2].answer, ","), "A,B,D")
  eq(q[2].points, 3)
  eq(table.concat(q[2].competencies, "|"), "服务规范|岗位认知")
  eq(q[3].type, "truefalse")
  eq(q[3].answer, false)
  eq(q[3].options, nil)
  eq(q[4].options[2], "2", "a number cell reads as the trainer typed it")
  eq(q[4].answer, "B")
  eq(q[5].type, "open")
  eq(q[5].reference, "倾听、确认、解决、跟进")
  eq(q[5].points, 8)
  eq(#out.skips, 0, "skips\n" .. out:dump())
  assert(out:warned(where_prefix[2], "难度"), out:dump())
end

function T.test_detect()
  eq(sheet.detect(fixture.load("questions.xlsx")), 0.95)
  eq(sheet.detect(fixture.load("questions_gbk.csv")), 0.9)
  eq(sheet.detect(fixture.load("qti21_single.xml")), 0)
end

function T.test_xlsx()
  local out = R.run(sheet, "questions.xlsx")
  check_bank(out, { "questions.xlsx:题库!B2", "questions.xlsx:题库!J" })
  eq(out.questions[2].where, "questions.xlsx:题库!B3")
  eq(out.questions[1].explanation, "先倾听、确认问题，客户才会觉得被重视。")
end

function T.test_xlsx_shared_strings()
  -- the same bank with its strings in xl/sharedStrings.xml, as Excel saves it
  local out = R.run(sheet, "questions_sst.xlsx")
  check_bank(out, { "questions_sst.xlsx:题库!B2", "questions_sst.xlsx:题库!J" })
end

function T.test_xlsx_sheets_become_sections()
  local out = R.run(sheet, "two_sheets.xlsx")
  eq(#out.sections, 2, out:dump())
  eq(out.sections[1].title, "单选")
  eq(out.sections[2].title, "多选")
  eq(#out.questions, 2, out:dump())
  eq(out.questions[1].answer, "B")
  eq(out.questions[2].type, "multiple", "two letters: multiple choice")
  eq(table.concat(out.questions[2].answer, ","), "A,C")
  eq(out.questions[2].where, "two_sheets.xlsx:多选!A2")
  assert(out:warned("two_sheets.xlsx:说明", "this sheet is not read"), out:dump())
end

function T.test_csv_gbk()
  local out = R.run(sheet, "questions_gbk.csv")
  check_bank(out, { "questions_gbk.csv:2 (题干)", "questions_gbk.csv:" })
  -- a quoted field with a comma, "" quotes and a line break
  eq(out.questions[1].explanation, '先"倾听"，确认问题,\n客户才会觉得被重视。')
  -- the line break inside the quotes moves the next record's line on
  eq(out.questions[2].where, "questions_gbk.csv:4 (题干)")
end

function T.test_csv_utf8_bom()
  local out = R.run(sheet, "questions_bom.csv")
  check_bank(out, { "questions_bom.csv:2 (题干)", "questions_bom.csv:" })
  eq(out.questions[1].explanation, '先"倾听"，确认问题,\n客户才会觉得被重视。')
end

function T.test_xlsx_inline_strings_and_cell_kinds()
  local out = R.run(sheet, "inline.xlsx")
  eq(#out.questions, 1, out:dump())
  local q = out.questions[1]
  eq(q.stem, "富文本 题干 & 符号", "rich-text runs joined, phonetic run left out")
  eq(q.options[1], "甲", "a formula's cached string")
  eq(q.options[2], "TRUE", "a boolean cell")
  eq(q.answer, "a")
  eq(q.points, 2.5)
  eq(q.where, "inline.xlsx:'My Sheet'!A3")
  assert(out:warned("inline.xlsx:'My Sheet'!F3", "#N/A"), out:dump())
end

function T.test_merged_header_is_a_located_error()
  local out = R.run(sheet, "merged_header.xlsx")
  eq(#out.questions, 0)
  assert(out:skipped("merged_header.xlsx:Sheet1!C1:F1", "header cells are merged"), out:dump())
end

function T.test_answer_out_of_range_and_missing()
  local out = R.run(sheet, "bad_answer.xlsx")
  eq(#out.questions, 1, out:dump())
  eq(out.questions[1].stem, "正常的题目")
  assert(out:skipped("bad_answer.xlsx:Sheet1!G2", "answer E not among the options (A–D)"), out:dump())
  assert(out:skipped("bad_answer.xlsx:Sheet1!G3", "no answer"), out:dump())
end

function T.test_ragged_csv()
  local out = R.run(sheet, "ragged.csv")
  assert(out:skipped("ragged.csv:3", "ragged row: 9 fields where the header has 8"), out:dump())
  assert(out:warned("ragged.csv:4", "ragged row: 7 fields where the header has 8"), out:dump())
  eq(#out.questions, 2, out:dump())
  eq(out.questions[2].stem, "少了字段的一行")
end

function T.test_unclosed_quote()
  local out = R.run(sheet, "unclosed_quote.csv")
  assert(out:skipped("unclosed_quote.csv:3", "never closed"), out:dump())
  eq(#out.skips, 1, "the broken record is reported once\n" .. out:dump())
end

function T.test_old_binary_excel()
  local out = R.new()
  sheet.parse({ name = "old.xls", ext = "xls", path = "old.xls", bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" .. string.rep("\0", 504) }, out)
  assert(out:skipped("old.xls", "save it as .xlsx or .csv"), out:dump())
end

function T.test_garbage_and_truncated()
  for _, name in ipairs({ "garbage.xlsx", "truncated.xlsx", "bomb.xlsx", "garbage.csv" }) do
    local out = R.run(sheet, name)
    eq(#out.questions, 0, name)
    assert(#out.skips >= 1 and out.skips[1].where:find(name, 1, true), name .. ": " .. out:dump())
  end
  local out = R.run(sheet, "truncated.xlsx")
  assert(out:skipped("truncated.xlsx", "zip"), out:dump())
  out = R.run(sheet, "bomb.xlsx")
  assert(out:skipped("bomb.xlsx", "zip bomb"), out:dump())
end

return T
