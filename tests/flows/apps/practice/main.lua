-- practice/main.lua: the README's practice quiz (README "Exams"), kept in
-- step by hand; the test's copy shows a picture with question 2 and has a
-- rating question (not scored) at the end.
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

local set = exam.set {
  id = "safety", title = "消防安全小测验", pass = 0.6, time_limit_s = 300,
  exam.section { id = "basics", title = "基础知识", points = 2,
    exam.single { id = "q1", stem = "发现火情，第一步应该做什么？",
      options = { "拨打119并报告位置", "先收拾贵重物品", "乘电梯离开" }, answer = "A",
      explanation = "先报警，讲清地址和火势；火灾时不要乘电梯。", competencies = { "应急处置" } },
    exam.multiple { id = "q2", stem = "灭火器使用口诀包括哪些？",
      options = { "提", "拔", "握", "压" }, answer = { "A", "B", "C", "D" }, competencies = { "器材使用" },
      image = "extinguisher.png" },                               -- (the test adds a picture)
    exam.truefalse { id = "q3", stem = "油锅起火可以用水浇灭。", answer = false, competencies = { "应急处置" } },
  },
  exam.section { id = "feedback", title = "反馈", points = 0,
    exam.rating { id = "r1", stem = "这次小测验对你有帮助吗？", scale = 5, score = false,
      labels = { "没有帮助", "很有帮助" } },
  },
}

return flow.app {
  set = set,
  mode = "practice",              -- shows right/wrong and the explanation after each answer
  run = function(f)
    f:welcome { subtitle = "三道题，五分钟" }
    local result = f:quiz()
    f:result(result)
    f:thanks()
  end,
}
