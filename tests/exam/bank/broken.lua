-- A part with a problem: a duplicate id (also in part1) and a bad answer.
local exam = require "kiosk.exam"
return exam.section { id = "p4", points = 1,
  exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "C" },
}
