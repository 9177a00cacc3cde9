-- sections/main.lua: a paper with one section on a clock per question
-- between two untimed ones. Only that section goes forward only; the
-- instructions say its limit before the start.
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

local function q(id, stem)
  return exam.single { id = id, stem = stem, options = { "对", "错" }, answer = "A" }
end

local set = exam.set {
  id = "sections", title = "分段限时测验",
  exam.section { id = "one", title = "一、基础题", points = 1, q("a", "第一部分的第一题"), q("b", "第一部分的第二题") },
  exam.section { id = "two", title = "二、抢答题", points = 1, time_limit_s = 30,
    q("c", "限时部分的第一题"), q("d", "限时部分的第二题") },
  exam.section { id = "three", title = "三、复习题", points = 1, q("e", "第三部分的第一题"), q("f", "第三部分的第二题") },
}

return flow.app {
  set = set,
  run = function(f)
    f:instructions {}
    local result = f:quiz()
    f:result(result)
  end,
}
