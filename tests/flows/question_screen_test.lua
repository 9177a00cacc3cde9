-- question_screen_test.lua — the question screen's rules that need no
-- screen: the stem as shown (the source's own number dropped) and where
-- the back button may be (only a clocked section goes forward only).
kiosk = { hash = function(s) return string.format("%d:%s", #s, s:sub(1, 16)) end } -- no runtime here
local exam = require "kiosk.exam"
local session = require "kiosk.exam.session"
local quiz = require "kiosk.flow.quiz"
local T = {}

function T.test_the_sources_number_is_not_shown()
  local cases = {
    { "1.2026年客户服务行业规范", "2026年客户服务行业规范" },
    { "12、以下哪项", "以下哪项" },
    { "3）客户投诉", "客户投诉" },
    { "4. What is it?", "What is it?" },
    { "10．全角点", "全角点" },
    -- kept: a decimal, a year, a number that is the whole text, no number
    { "3.5元的商品打八折后是多少？", "3.5元的商品打八折后是多少？" },
    { "2026年的规范", "2026年的规范" },
    { "7.", "7." },
    { "根据规范", "根据规范" },
  }
  for _, c in ipairs(cases) do
    local got = quiz.stem_text(c[1])
    assert(got == c[2], string.format("%q -> %q, expected %q", c[1], got, c[2]))
  end
end

-- Section one untimed, section two 10 s a question, section three untimed.
local function paper()
  return exam.set { id = "t", title = "t",
    exam.section { id = "one", points = 1,
      exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "b", stem = "?", options = { "x", "y" }, answer = "A" } },
    exam.section { id = "two", points = 1, time_limit_s = 10,
      exam.single { id = "c", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "d", stem = "?", options = { "x", "y" }, answer = "A" } },
    exam.section { id = "three", points = 1,
      exam.single { id = "e", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "f", stem = "?", options = { "x", "y" }, answer = "A" } } }
end

function T.test_only_the_clocked_section_loses_the_back_button()
  local now = 0
  local s = session.new { set = paper(), mode = "recruitment", clock = function() return now end }
  assert(s.allow_back, "one clocked section does not take the back button from the whole paper")
  s:start()
  assert(s:next() and s:state() == "question")
  assert(s:can_go(1), "untimed section: back is fine")
  assert(s:next())                      -- question 3, clocked
  assert(not s:can_go(2), "no going back from a clocked question")
  assert(s:next())                      -- question 4, clocked
  assert(not s:can_go(3), "nor back into one")
  assert(s:next())                      -- question 5, untimed
  assert(not s:can_go(4), "the clocked question behind stays closed")
  assert(s:next())                      -- question 6
  assert(s:can_go(5), "the untimed section after it has its back button again")
end

function T.test_every_question_clocked_goes_forward_only()
  local set = exam.set { id = "t", title = "t",
    exam.section { id = "one", points = 1, time_limit_s = 5,
      exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "b", stem = "?", options = { "x", "y" }, answer = "A" } } }
  local s = session.new { set = set, mode = "recruitment", clock = function() return 0 end }
  assert(not s.allow_back)
end

return T
