-- strict/main.lua: a one-minute paper whose rule at the end of the time is
-- "abandon": an unfinished paper is not scored at all.
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

return flow.app {
  set = exam.set { id = "strict", title = "限时一分钟", time_limit_s = 60, on_expiry = "abandon",
    exam.section { id = "s", points = 5,
      exam.single { id = "a", stem = "1 + 1 = ?", options = { "1", "2" }, answer = "B" },
      exam.single { id = "b", stem = "2 + 2 = ?", options = { "4", "5" }, answer = "A" },
    },
  },
  run = function(f)
    f:welcome {}
    local result = f:quiz()
    f:result(result)
    f:thanks()
  end,
}
