-- A question screen as the exams show it: progress, countdown, a long
-- Chinese stem from the seed, four options, a next button.
local ui = require "kiosk.ui"

local chosen = ui.label { text = "未作答", color = "muted", size = "small" }
local list = ui.choice_list {
  options = {
    { id = "A", text = "将客户问题转交给其他部门后不再跟进" },
    { id = "B", text = "无论问题复杂与否，均由受理人全程负责" },
    { id = "C", text = "仅在客户情绪激动时才提供重点服务" },
    { id = "D", text = "对超出权限的问题直接拒绝客户请求" },
  },
  on_change = function(ids) chosen:set_text("已选择 " .. table.concat(ids, "、")) end,
}

ui.root(ui.column {
  padding = "l", gap = "m", max_width = 1100,
  ui.row { gap = "m",
    ui.progress { value = 2 / 13, text = "第 2 题 / 共 13 题 · 单选题（每题 2 分）", flex = 1 },
    ui.countdown { deadline_ms = kiosk.now() + 45000, total_ms = 60000, diameter = 76 },
  },
  ui.scroll { flex = 1, gap = "m",
    ui.label { text = "2.2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？", size = "heading", bold = true },
    list,
    chosen,
  },
  ui.row { gap = "m",
    ui.button { label = "上一题", style = "secondary", flex = 1 },
    ui.button { label = "下一题", flex = 2 },
  },
})

return ui.app()
