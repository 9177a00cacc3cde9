-- A trade-fair quiz station: a visitor picks a nickname, answers five
-- quick questions against a 20-second clock (the faster, the more points;
-- right answers in a row earn a streak bonus), sees the podium of the
-- day with their own place, and gets a prize code to show at the booth.
-- Then the next visitor.
local flow = require "kiosk.flow"
local podium = require "kiosk.flow.podium"

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
  -- After a minute without a visitor: the quiz's own slides, then the day's
  -- top three and an invitation that changes each round (kiosk.flow.podium).
  attract = { after_s = 60, slides = podium.attract_slides },
  -- The nickname shows on the board: 2 to 12 characters, no offensive words
  -- (the kiosk's list; a booth adds its own with blocked = { "…" }).
  nickname = { min = 2, max = 12 },

  run = function(f)
    f:welcome {
      subtitle = { zh = "答得越快，得分越高！连续答对还有奖励。", en = "The faster you answer, the more points! Streaks earn a bonus." },
      leaderboard = "trade_fair",
    }
    f:form { fields = { "nickname" } }           -- shown on the leaderboard
    local result = f:quiz()
    f:podium { score = result.score }            -- the day's top three and the visitor's place, a fanfare
    f:prize {}                                   -- the prize code and its QR, to show at the booth
    f:thanks { seconds = 6 }                     -- "谢谢参与！" (the mode's words)
  end,
}
