-- Text area test app (issue 14's caret): a written answer three lines high
-- holding more than three lines, with the latin keyboard. The caret's line
-- stays in view; the status line counts characters.
local ui = require "kiosk.ui"

local status = ui.label { text = "字数：无", size = "small", color = "muted" }
local text = "开头ABC第一句说明客户的问题。"
  .. string.rep("然后我们跨部门协作，每天同步进度 😀 and kept the customer informed. ", 5) .. "结尾XYZ"
local area = ui.text_field { label = "回答", lines = 3, value = text,
                             on_change = function(v) status:set_text("字数 " .. utf8.len(v)) end }
local kb = ui.keyboard { target = area, layouts = { "latin" } }

ui.root(ui.column { padding = "m", gap = "m", status, area, ui.spacer { flex = 1 }, kb })
return ui.app()
