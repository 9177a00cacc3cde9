-- A question set with mistakes a trainer might make: the kiosk must say
-- what and where, and keep running.
local exam = require "kiosk.exam"

return exam.set {
  id = "broken", title = "有错的题集",
  exam.section { id = "a", points = 2,
    exam.single { id = "q1", stem = "第一题", options = { "甲", "乙" }, answer = "C" },
    exam.single { id = "q1", stem = "第二题", options = { "甲", "乙" }, answer = "A" },
    exam.multiple { id = "q3", stem = "第三题", options = { "甲", "乙", "丙" } },
  },
}
