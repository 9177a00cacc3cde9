-- grace/main.lua: a one-minute paper whose rule at the end of the time is
-- "grace": twenty more seconds to hand in, from whatever page the candidate is on.
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

return flow.app {
  set = exam.set { id = "grace", title = "限时一分钟", time_limit_s = 60, on_expiry = "grace", grace_s = 20,
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
