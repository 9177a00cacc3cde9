-- A trade-fair quiz station: a visitor picks a nickname, answers five
-- quick questions against a 20-second clock (the faster, the more points;
-- right answers in a row earn a streak bonus), and sees their place on the
-- top-10 leaderboard. Then the next visitor.
local flow = require "kiosk.flow"

return flow.app {
  set = require "questions",
  mode = "trade_fair",
  languages = { "zh", "en" },
  idle_timeout_s = 45,
  still_there_s = 10,
  -- The booth's brand: its logo (brand/README.md says where it comes from)
  -- on the welcome screen, in the quiz header and in the attract loop; its
  -- teal on buttons, progress and selection (checked for contrast).
  brand = { logo = "brand/logo.png", colors = { primary = "#0f766e" } },
  -- After a minute without a visitor: the quiz's own slides (kiosk.flow.attract).
  attract = { after_s = 60 },

  run = function(f)
    f:welcome {
      subtitle = { zh = "答得越快，得分越高！连续答对还有奖励。", en = "The faster you answer, the more points! Streaks earn a bonus." },
      leaderboard = "trade_fair",
    }
    f:form { fields = { "nickname" } }           -- shown on the leaderboard
    local result = f:quiz()
    f:leaderboard { score = result.score }
    f:thanks { seconds = 6 }
  end,
}
