-- A part of tests/exam/bank_test.lua's set: a list of sections.
local exam = require "kiosk.exam"
return {
  exam.section { id = "p2", title = "二", points = 3,
    exam.multiple { id = "c", stem = "?", options = { "x", "y", "z" }, answer = { "A", "C" } } },
  exam.section { id = "p3", title = "三", points = 1,
    exam.single { id = "d", stem = "?", options = { "x", "y" }, answer = "A" } },
}
