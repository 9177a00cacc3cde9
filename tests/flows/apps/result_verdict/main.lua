-- result_verdict/main.lua: the result screen with show_result = "verdict" (issue 14).
local flow = require "kiosk.flow"
return flow.app {
  set = require "questions",
  languages = { "zh", "en" },
  show_result = "verdict",
  run = function(f)
    f:welcome {}
    f:result(f:quiz { review = false })
    f:thanks { seconds = 0 }
  end,
}
