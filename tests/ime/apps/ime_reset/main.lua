-- The engines are the process's, the VM is the candidate's: a name field
-- with a pinyin keyboard that learns (learn = true) and a "下一位" button
-- that gives the next person a fresh VM, as kiosk.restart() does after every
-- candidate. tests/ime/reset.replay teaches the keyboard a phrase, moves on
-- to the next person and checks their first candidate list knows nothing of it.
local ui = require "kiosk.ui"

local echo = ui.label { text = "姓名：", color = "muted" }
local name = ui.text_field { label = "姓名", placeholder = "请输入姓名",
  on_change = function(v) echo:set_text("姓名：" .. v) end }
local keyboard = ui.keyboard { target = name, layouts = { "pinyin", "latin" }, learn = true }

ui.root(ui.column { gap = "m",
  ui.column { flex = 1, padding = "l", gap = "m", max_width = 900,
    ui.label { text = "中文输入", size = "title", bold = true },
    name, echo,
    ui.button { label = "下一位", on_tap = function() kiosk.restart() end },
  },
  keyboard,
})

return ui.app()
