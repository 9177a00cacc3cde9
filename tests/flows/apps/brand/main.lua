-- brand/main.lua: an app with a brand (the trade fair's logo, copied: an
-- image must be inside its app's folder) and the attract loop (issue 14):
-- the logo on the welcome screen, in the quiz header, on the result and on
-- the attract slides; one app slide of its own after the kiosk's.
local flow = require "kiosk.flow"
return flow.app {
  set = require "questions",
  languages = { "zh", "en" },
  brand = { logo = "brand/logo.png", colors = { primary = "#0f766e" } },
  attract = { slides = { { title = { zh = "今日之星", en = "Today's stars" }, lines = { "1. 小红  5995", "2. 阿明  4870", "3. Lee  4410" } } } },
  run = function(f)
    f:welcome { subtitle = { zh = "三道题 · 约 5 分钟", en = "Three questions · about 5 minutes" } }
    f:result(f:quiz { review = false })
    f:thanks { seconds = 0 }
  end,
}
