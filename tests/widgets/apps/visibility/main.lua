-- What a replay's `expect` may see: a short scroll showing two and a half
-- lines of a six-line text, a button that opens a dialog over it.
local ui = require "kiosk.ui"

ui.root(ui.column {
  padding = "l", gap = "m",
  ui.label { text = "可见性检查", size = "heading", bold = true },
  ui.scroll { height = 100,
    ui.label { text = "第一行文字\n第二行文字\n第三行文字\n第四行文字\n第五行文字\n第六行文字" },
  },
  ui.button { label = "打开对话框", on_tap = function()
    ui.confirm { title = "对话框标题", text = "对话框正文", no = "关闭" }
  end },
  ui.spacer { flex = 1 },
})

return ui.app()
