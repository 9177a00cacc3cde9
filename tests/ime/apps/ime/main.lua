-- Chinese input test app: a name field with the pinyin, handwriting, latin
-- and digits layouts; a label echoes the field and another lists the layouts
-- the keyboard kept (the fallback test expects pinyin/handwriting gone).
local ui = require "kiosk.ui"

local echo = ui.label { text = "姓名：", color = "muted" }
local name = ui.text_field { label = "姓名", placeholder = "请输入姓名", kind = "name",
  on_change = function(v) echo:set_text("姓名：" .. v) end }
local keyboard = ui.keyboard { target = name, layouts = { "pinyin", "handwriting", "latin", "digits" } }
local kept = ui.label { text = "布局：" .. table.concat(keyboard.layouts, " "), size = "small", color = "muted" }

ui.root(ui.column { gap = "m",
  ui.column { flex = 1, padding = "l", gap = "m", max_width = 900,
    ui.label { text = "中文输入", size = "title", bold = true },
    name, echo, kept,
  },
  keyboard,
})

return ui.app()
