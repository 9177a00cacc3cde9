-- bench/attract/still: the baseline, the same welcome screen without the
-- attract loop (a still screen: the kiosk should sleep).
local flow = require "kiosk.flow"
return flow.app {
  set = require "apps.trade_fair.questions", -- the bundled fair's own questions
  mode = "trade_fair",
  languages = { "zh", "en" },
  brand = { logo = "brand/logo.png", colors = { primary = "#0f766e" } },
  attract = false,
  run = function(f)
    f:welcome {
      subtitle = { zh = "答得越快，得分越高！连续答对还有奖励。", en = "The faster you answer, the more points! Streaks earn a bonus." },
      leaderboard = "trade_fair",
    }
  end,
}
