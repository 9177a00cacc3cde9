-- The demo: what `quizkiosk` starts with no app named. A visitor picks one
-- of the bundled kiosks; when that session ends the kiosk comes back here.
-- After a power cut in the middle of someone's test, it sends them straight
-- back into that test, which offers to resume.
local ui = require "kiosk.ui"

local catalogue = {
  { app = "cs_specialist", title = "客户服务专员筛选测试", en = "Customer-service specialist screening",
    text = "单选 + 多选 · 13 题 · 20 分钟 · 招聘模式（不显示正确答案）" },
  { app = "cs_manager", title = "客服经理面试", en = "Customer-service manager interview",
    text = "行为 · 情景 · 业务能力题 · 书面作答，面试官按要点评分" },
  { app = "trade_fair", title = "服务达人快问快答", en = "Service pro quick quiz",
    text = "展会互动 · 5 题 · 答得越快分越高 · 排行榜" },
}

local r = store.resumable(true)
if r and r.app ~= "" and r.app ~= kiosk.config.app then
  kiosk.launch(r.app)
  return { draw = function() gfx.clear("#f3f5f9") end }
end

local present = {}
for _, name in ipairs(kiosk.apps()) do present[name] = true end

-- Side by side on a tall landscape screen, one under another in portrait;
-- on a short one (800x480) a compact list, each app one card with its Start
-- button beside its name, so every Start is in sight without scrolling.
-- Built again when the screen turns.
local function build()
  local portrait = ui.is_portrait()
  local _, h = gfx.size()
  local short = not portrait and h < 650
  local cards = { gap = short and "s" or "m", align = "stretch" }
  for _, c in ipairs(catalogue) do
    if present[c.app] then
      local start = ui.button { label = "开始 · Start", element_label = c.title, on_tap = function() kiosk.launch(c.app) end }
      if short then
        cards[#cards + 1] = ui.card { padding = "s",
          ui.row { gap = "m",
            ui.column { gap = "xs", flex = 1,
              ui.label { text = c.title, size = "option", bold = true },
              ui.label { text = c.en, size = "small", color = "muted" },
              ui.label { text = c.text, size = "small", color = "muted" } },
            start } }
      else
        cards[#cards + 1] = ui.card { padding = "m", gap = "s", flex = not portrait and 1 or nil,
          ui.label { text = c.title, size = "heading", bold = true },
          ui.label { text = c.en, size = "small", color = "muted" },
          ui.label { text = c.text, color = "muted" },
          ui.spacer { flex = 1, height = portrait and 8 or nil },
          start,
        }
      end
    end
  end
  local title = ui.label { text = "欢迎 · Welcome", size = short and "heading" or "title", bold = true }
  local choose = ui.label { text = "请选择一个测试 · Choose a kiosk", color = "muted" }
  -- (in a scroll either way: on a small panel the cards may not fit)
  local list = (portrait or short) and ui.scroll(cards) or ui.scroll { ui.row(cards) }
  list.flex = 1
  local page = { padding = short and "m" or "l", gap = short and "s" or "l", max_width = 1000 }
  if short then
    -- the heading and the prompt share a line
    page[1] = ui.row { gap = "m", align = "end", title, choose }
  else
    page[1], page[2] = title, choose
  end
  page[#page + 1] = list
  ui.root(ui.column(page))
end

build()
ui.on_event(function(e)
  if e.type == "resize" then build() end
end)

return ui.app()
