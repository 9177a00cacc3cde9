-- Clock test app (issue 14): a 20-minute paper's ring clock as a quiz header
-- holds it, a bar whose sentence is built from the live number, and a switch
-- to large text; for tests/widgets/clock.replay.
local ui = require "kiosk.ui"

local function show()
  local header = ui.row { gap = "m", align = "center",
    ui.label { text = "第 3 题 / 共 13 题", flex = 1, color = "muted" },
    ui.countdown { deadline_ms = kiosk.now() + 20 * 60000, total_ms = 20 * 60000, warn_ms = 60000 },
  }
  ui.root(ui.column { padding = "l", gap = "l",
    header,
    ui.countdown { deadline_ms = kiosk.now() + 10000, total_ms = 10000, style = "bar",
                   sentence = function(s) return s .. " 秒后回到首页" end },
    ui.row { gap = "m",
      ui.button { label = "大字", style = "secondary", flex = 1, on_tap = function() ui.set_large_text(true) end },
      ui.button { label = "English", style = "secondary", flex = 1, on_tap = function() ui.set_language("en") end },
    },
    ui.spacer { flex = 1 },
  })
end

show()
return ui.app()
