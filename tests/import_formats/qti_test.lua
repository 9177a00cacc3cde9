-- qti_test.lua — kiosk.import.qti on QTI 2.1 and 3.0 items, single files and
-- content packages: choices, correct responses, map_response scoring with
-- bounds, and located problems.
local R = require "record"
local qti = require "kiosk.import.qti"
local eq = R.eq
local T = {}

function T.test_detect()
  eq(qti.detect(fixture.load("qti21_single.xml")), 0.95)
  eq(qti.detect(fixture.load("qti30_single.xml")), 0.95)
  eq(qti.detect(fixture.load("qti21_package.zip")), 0.9)
  eq(qti.detect(fixture.load("questions.xlsx")), 0)
  eq(qti.detect(fixture.load("garbage.xml")), 0)
end

function T.test_qti21_single_item()
  local out = R.run(qti, "qti21_single.xml")
  eq(#out.questions, 1, out:dump())
  local q = out.questions[1]
  eq(q.type, "single")
  eq(q.stem, "以下哪项最能体现“首问负责制”?\n请选择一项。")
  eq(#q.options, 3)
  eq(q.options[2], "受理人全程负责", "inline markup joined")
  eq(q.answer, "B")
  eq(q.points, 1, "match_correct scores 1")
  eq(q.option_points, nil)
  eq(q.where, "qti21_single.xml")
end

function T.test_qti21_gbk_declared()
  local out = R.run(qti, "qti21_gbk.xml")
  eq(#out.questions, 1, out:dump())
  eq(out.questions[1].stem, "以下哪项最能体现“首问负责制”?\n请选择一项。")
  eq(out.questions[1].options[2], "受理人全程负责")
end

function T.test_qti30_single_item()
  local out = R.run(qti, "qti30_single.xml")
  eq(#out.questions, 1, out:dump())
  local q = out.questions[1]
  eq(q.type, "single")
  eq(q.stem, "客户投诉时,首先应该做什么?")
  eq(q.options[1], "倾听并确认问题")
  eq(#q.options, 4)
  eq(q.answer, "A")
end

local function check_multi(q, answer, pts, lower, upper, points)
  eq(q.type, "multiple")
  eq(table.concat(q.answer, ","), answer)
  local keys = {}
  for k, v in pairs(q.option_points) do keys[#keys + 1] = k .. "=" .. v end
  table.sort(keys)
  eq(table.concat(keys, " "), pts)
  eq(q.lower_bound, lower)
  eq(q.upper_bound, upper)
  eq(q.points, points)
end

function T.test_qti21_package_with_map_response()
  local out = R.run(qti, "qti21_package.zip")
  eq(#out.questions, 2, out:dump())
  eq(#out.skips + #out.warns, 0, out:dump())
  eq(out.questions[1].answer, "B")
  eq(out.questions[1].where, "qti21_package.zip:items/single.xml")
  local q = out.questions[2]
  eq(q.stem, "以下哪些属于客户服务规范?")
  check_multi(q, "A,B,D", "A=1 B=1 C=-2 D=1", 0, 3, 3)
end

function T.test_qti30_package_with_map_response()
  local out = R.run(qti, "qti30_package.zip")
  eq(#out.questions, 2, out:dump())
  local q = out.questions[2]
  eq(q.stem, "客户服务专员需具备哪些数字化能力?")
  check_multi(q, "A,C", "A=2 B=-1 C=2", 0, 4, 4)
  eq(q.where, "qti30_package.zip:items/multi.xml")
end

function T.test_answer_not_a_choice()
  local out = R.run(qti, "qti_bad_answer.xml")
  eq(#out.questions, 0)
  assert(out:skipped("qti_bad_answer.xml", "correct response 'ChoiceZ' is not one of the choices (ChoiceA, ChoiceB, ChoiceC)"), out:dump())
end

function T.test_broken_and_garbage()
  local out = R.run(qti, "qti_broken.xml")
  eq(#out.questions, 0)
  assert(out:skipped("qti_broken.xml", "line 20, column 3"), out:dump())
  assert(out:skipped("qti_broken.xml", "mismatched tag"), out:dump())
  out = R.run(qti, "garbage.xml")
  eq(#out.questions, 0)
  assert(#out.skips == 1 and out.skips[1].where == "garbage.xml", out:dump())
  out = R.run(qti, "questions.xlsx") -- a zip, but no manifest
  assert(out:skipped("questions.xlsx", "no imsmanifest.xml"), out:dump())
end

function T.test_other_interactions_are_named()
  local src = fixture.load("qti21_single.xml")
  src.bytes = src.bytes:gsub("choiceInteraction", "textEntryInteraction")
  local out = R.new()
  qti.parse(src, out)
  assert(out:skipped("qti21_single.xml", "no choiceInteraction (it has textEntryInteraction)"), out:dump())
end

return T
