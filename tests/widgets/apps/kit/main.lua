-- Widget behaviour test app: a tab per widget, and a status line that
-- shows what happened, for the replays in tests/widgets/*.replay to check.
local ui = require "kiosk.ui"

local status = ui.label { text = "状态：无", size = "small", color = "muted" }
local function say(text) status:set_text("状态：" .. text) end

local pages = {}

function pages.buttons()
  local count = 0
  return ui.column { gap = "m",
    ui.button { label = "保存", on_tap = function() count = count + 1; say("保存次数 " .. count) end },
    ui.button { label = "停用的按钮", enabled = false, on_tap = function() say("不该发生") end },
  }
end

function pages.multi()
  return ui.choice_list {
    multi = true,
    options = { { id = "A", text = "快速理解客户情绪" }, { id = "B", text = "避免使用专业术语" },
                { id = "C", text = "同步记录关键信息" }, { id = "D", text = "对所有问题承诺“100%解决”" } },
    on_change = function(ids) say("已选 " .. (#ids > 0 and table.concat(ids, ",") or "无")) end,
  }
end

function pages.keyboard()
  local phone = ui.text_field { label = "手机号", placeholder = "请输入手机号", kind = "phone", max_len = 11,
                                on_change = function(v) say("号码 " .. v) end }
  local kb = ui.keyboard { target = phone, layout = "digits", on_done = function(v) say("提交 " .. v) end }
  return ui.column { gap = "m", phone, ui.spacer { flex = 1 }, kb, flex = 1 }
end

function pages.name()
  local name = ui.text_field { label = "姓名", placeholder = "请输入姓名", kind = "name",
                               on_change = function(v) say("姓名 " .. v) end }
  local kb = ui.keyboard { target = name, layouts = { "latin", "digits" } }
  return ui.column { gap = "m", name, ui.spacer { flex = 1 }, kb, flex = 1 }
end

function pages.scroll()
  local items = { gap = "s", flex = 1 }
  for i = 1, 30 do
    items[#items + 1] = ui.button { label = "项目 " .. i, style = "secondary", on_tap = function() say("选中 项目 " .. i) end }
  end
  return ui.scroll(items)
end

function pages.countdown()
  return ui.column { gap = "m",
    ui.countdown { deadline_ms = kiosk.now() + 5000, total_ms = 5000, on_expire = function() say("时间到") end },
    ui.countdown { deadline_ms = kiosk.now() + 5000, total_ms = 5000, style = "bar" },
  }
end

function pages.dialog()
  return ui.button { label = "删除记录", style = "danger", on_tap = function()
    ui.confirm { title = "确定要删除吗？", text = "删除后无法恢复。", yes = "删除", no = "取消", danger = true,
                 on_yes = function() say("已删除") end, on_no = function() say("已取消") end }
  end }
end

local order = { "buttons", "multi", "keyboard", "name", "scroll", "countdown", "dialog" }

local function show(name)
  local tabs = { gap = "s" }
  for _, n in ipairs(order) do
    tabs[#tabs + 1] = ui.button { label = n, element_label = "页 " .. n, style = n == name and "primary" or "ghost",
                                  size = "normal", on_tap = function() show(n) end }
  end
  local page = pages[name]()
  page.flex = page.flex or nil
  ui.root(ui.column { padding = "m", gap = "m", ui.row(tabs), status, page, ui.spacer { flex = page.flex and 0 or 1 } })
end

show("buttons")
return ui.app()
