-- readme_examples_test.lua — run by readme_test.sh next to the README's
-- example files (kiosk/exam/modes/drill.lua, kiosk/exam/types/number.lua):
-- the new type loads, checks, scores and builds its widget options; the new
-- mode drives a sitting as its capabilities say.
kiosk = { hash = function(s) return tostring(#s) end } -- no runtime here
local exam = require "kiosk.exam"
local session = require "kiosk.exam.session"
local T = {}

local function set_of_numbers()
  return exam.set { id = "nums", title = "数字",
    exam.section { id = "s", points = 2,
      exam.number { id = "n1", stem = "火警电话是多少？", answer = 119 },
      exam.number { id = "n2", stem = "圆周率约为？", answer = 3, tolerance = 0.2 },
      exam.single { id = "c1", stem = "1+1", options = { "1", "2" }, answer = "B" } } }
end

function T.test_the_new_type_is_one_file()
  local t = exam.type("number")
  assert(t and t.name == "number" and t.free_text and t.keyboard == "digits")
  local set = set_of_numbers()
  assert(set.sections[1].questions[1].type == "number", "exam.number{} builds one")
  assert(exam.score_question(set.sections[1].questions[1], set.sections[1], "119") == 2)
  assert(exam.score_question(set.sections[1].questions[2], set.sections[1], "3") == 2, "within the tolerance")
  assert(exam.score_question(set.sections[1].questions[1], set.sections[1], "120") == 0)
  assert(not exam.person_scored(set.sections[1].questions[1], set.sections[1]), "scored by its rule, not a person")
  assert(t.key_text(set.sections[1].questions[1]) == "119")
  local ok, err = pcall(exam.set, { id = "x", title = "x",
    exam.section { id = "s", points = 1, exam.number { id = "bad", stem = "?", answer = "一一九" } } })
  assert(not ok and err:find("question bad: answer must be a number", 1, true), tostring(err))
end

function T.test_the_new_mode_is_one_file()
  local now = 0
  local s = session.new { set = set_of_numbers(), mode = "drill", clock = function() return now end }
  assert(s.mode.name == "drill" and not s.allow_back and not s.review_page)
  s:start()
  assert(s:question_remaining() == 30000, "30 s a question")
  assert(s:can_check(), "a number has a key: checked before going on")
  s:answer("119", { draft = true })
  assert(s:check() and s:is_checked(1))
  local pts, max, correct = s:score_of(1)
  assert(pts == 2 and max == 2 and correct == true)
  assert(s:question_remaining() == nil, "a checked question's clock stops")
  assert(s:next() and not s:go(1), "forward only")
  now = now + 30000
  assert(s:tick() == "question_time_up")
  local state, i = s:state()
  assert(state == "question" and i == 3)
  s:answer("B")
  s:next()
  assert(s:state() == "submitted" and s.result.score == 4, tostring(s.result.score))
end

return T
