-- A first screen with no keyboard; "输入姓名" opens a name field with the
-- pinyin keyboard. The module test (module.sh) checks that the input-method
-- engines are mapped only after that tap.
local ui = require "kiosk.ui"

local function name_screen()
  local name = ui.text_field { label = "姓名", placeholder = "请输入姓名", kind = "name" }
  local keyboard = ui.keyboard { target = name, layouts = { "pinyin", "latin" } }
  local kept = ui.label { text = "布局：" .. table.concat(keyboard.layouts, " "), size = "small" }
  ui.root(ui.column { gap = "m", ui.column { flex = 1, padding = "l", gap = "m", name, kept }, keyboard })
end

ui.root(ui.column { padding = "l", gap = "m",
  ui.label { text = "欢迎", size = "title" },
  ui.button { label = "输入姓名", on_tap = name_screen },
})

return ui.app()
