-- bench/attract/app: the trade fair's welcome screen and attract loop, as
-- bundled (brand, slides, 8 s a slide with a 1 s fade), except that the loop
-- starts after half a second instead of a minute, so a run is short.
-- The baseline is the sibling app bench/attract/still (the same welcome, no loop).
local flow = require "kiosk.flow"
return flow.app {
  set = require "apps.trade_fair.questions", -- the bundled fair's own questions
  mode = "trade_fair",
  languages = { "zh", "en" },
  brand = { logo = "brand/logo.png", colors = { primary = "#0f766e" } },
  attract = { after_s = 0.5 },
  run = function(f)
    f:welcome {
      subtitle = { zh = "答得越快，得分越高！连续答对还有奖励。", en = "The faster you answer, the more points! Streaks earn a bonus." },
      leaderboard = "trade_fair",
    }
  end,
}
