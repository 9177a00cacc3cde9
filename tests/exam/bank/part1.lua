-- A part of tests/exam/bank_test.lua's set (exam.part "bank.part1").
local exam = require "kiosk.exam"
return exam.section { id = "p1", title = "一", points = 2,
  exam.single { id = "a", stem = "1+1", options = { "1", "2" }, answer = "B" },
  exam.truefalse { id = "b", stem = "3>2", answer = true },
}
