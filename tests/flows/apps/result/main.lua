-- result/main.lua: the result screen with show_result = "all" (issue 14).
local flow = require "kiosk.flow"
return flow.app {
  set = require "questions",
  languages = { "zh", "en" },
  show_result = "all",
  run = function(f)
    f:welcome {}
    f:result(f:quiz { review = false })
    f:thanks { seconds = 0 }
  end,
}
