-- kiosk/admin/prize — the staff screen's "奖品码 · Prize codes" view (issue
-- 15): the codes this kiosk issued, latest first, a page at a time; and a
-- check screen where staff type the code a visitor shows on a keyboard of
-- the code's own characters, check it and mark it redeemed. The work is the
-- staff-only prize.list / prize.check / prize.redeem (api_prize.c); this
-- file only shows it.
--
--   require("kiosk.admin.prize").show(back)   back: returns to the dashboard
local ui = require "kiosk.ui"

local M = {}

-- The code's characters only (Crockford base32: no I, L, O, U); the store
-- folds case and O/0, I/L/1 anyway, so nothing typed here can be a wrong letter.
ui.keyboard_layouts.prize_code = {
  title = "码",
  rows = {
    { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" },
    { "A", "B", "C", "D", "E", "F", "G", "H", "J", "K" },
    { "M", "N", "P", "Q", "R", "S", "T", "V", "W", "X" },
    { "Y", "Z", { label = "-", text = "-" }, { label = "⌫", name = "退格", action = "backspace", grow = 1.5 },
      { label = "完成", action = "done", grow = 2 } },
  },
}

local function short_time(iso)
  -- "2026-12-01T14:03:22+08:00" -> "12-01 14:03"
  return iso and (iso:sub(6, 16):gsub("T", " ")) or "—"
end

local function score_text(v)
  if v == nil then return "—" end
  if v == math.floor(v) then return string.format("%d", v) end
  return string.format("%.1f", v)
end

local show_list, show_check

-- One code a line: code, when issued (left out in portrait, where the
-- line would not fit), player, score, redeemed or not.
local function row_text(c, portrait)
  local state = c.redeemed_at and ("已兑 redeemed " .. short_time(c.redeemed_at)) or "未兑 open"
  local parts = { c.code }
  if not portrait then parts[#parts + 1] = short_time(c.issued_at) end
  parts[#parts + 1] = c.name ~= "" and c.name or "—"
  parts[#parts + 1] = score_text(c.score)
  parts[#parts + 1] = state
  return table.concat(parts, "　")
end

-- The list, page `page` (0-based), as many rows a page as fit the screen
-- under the title, the counts and the two rows of buttons.
function show_list(back, page)
  local w, h = gfx.size()
  local t = ui.theme
  local _, line = gfx.measure("国Ag", { size = t.font.small * t.font_scale })
  local _, title = gfx.measure("国Ag", { size = t.font.title * t.font_scale })
  local _, counts = gfx.measure("国Ag", { size = t.font.small * t.font_scale })
  local reserved = 2 * t.space.l + title + counts + 2 * t.touch_min + 4 * t.space.m + 8
  -- (+1 a row: a label is a hair taller than its measured line at some scales)
  local per_page = math.max(3, math.floor((h - reserved + t.space.s) / (line + t.space.s + 1)))
  local data = prize.list(page * per_page, per_page)
  local pages = math.max(1, math.ceil(data.total / per_page))
  if page >= pages then return show_list(back, pages - 1) end
  local rows = { gap = "s", flex = 1 }
  for _, c in ipairs(data.codes) do
    rows[#rows + 1] = ui.label { text = row_text(c, h > w), size = "small", max_lines = 1,
                                 color = c.redeemed_at and "muted" or "text" }
  end
  if #rows == 0 then rows[1] = ui.label { text = "还没有发出奖品码 · No prize codes issued yet", color = "muted" } end
  ui.root(ui.column { padding = "l", gap = "m",
    ui.label { text = "奖品码 · Prize codes", size = "title", bold = true },
    ui.label { text = string.format("已发 %d issued · 已兑 %d redeemed · 第 %d / %d 页 page", data.total,
                                    data.redeemed, page + 1, pages), color = "muted", size = "small" },
    ui.scroll(rows),
    ui.row { gap = "m",
      ui.button { label = "上一页", style = "secondary", flex = 1, enabled = page > 0,
                  on_tap = function() show_list(back, page - 1) end },
      ui.button { label = "下一页", style = "secondary", flex = 1, enabled = page + 1 < pages,
                  on_tap = function() show_list(back, page + 1) end },
    },
    ui.row { gap = "m",
      ui.button { label = "查验奖品码 · Check a code", flex = 2, on_tap = function() show_check(back) end },
      ui.button { label = "返回", style = "secondary", flex = 1, on_tap = back },
    },
  })
end

-- What a check or redeem found, in words staff act on, and its colour.
local function verdict_text(r)
  local who = r.name and r.name ~= "" and ("　" .. r.name) or ""
  local score = r.score and ("　" .. score_text(r.score) .. " 分") or ""
  if r.result == "valid" then
    return "✓ 有效，未兑奖 · Valid, not redeemed" .. "\n" .. r.code .. who .. score, "success"
  elseif r.result == "redeemed" then -- redeem's: this tap redeemed it
    return "✓ 已兑奖 · Redeemed now" .. "\n" .. r.code .. who .. score, "success"
  elseif r.result == "already_redeemed" then
    return "✗ 已兑过奖 · Already redeemed " .. short_time(r.redeemed_at) .. "\n" .. r.code .. who
      .. "　(by " .. (r.redeemed_by or "?") .. ")", "danger"
  elseif r.result == "not_ours" then
    return "✗ 不是本机的奖品码 · Not a code of this kiosk\n（伪造、输错或其他机器发出 · forged, mistyped or another kiosk's）", "danger"
  end
  return "✗ 不是奖品码 · Not a prize code\n（12 位字母和数字 · 12 letters and digits, like ABCD-EFGH-JKMN）", "danger"
end

function show_check(back)
  local field = ui.text_field { label = "奖品码 · Code", placeholder = "ABCD-EFGH-JKMN", max_len = 20 }
  local result = ui.label { text = "", max_lines = 3 }
  local function show(r)
    local text, colour = verdict_text(r)
    result.color = colour
    result:set_text(text)
    kiosk.redraw()
  end
  local function check()
    -- check's own "redeemed" means redeemed earlier: say so the same way.
    local r = prize.check(field.value)
    if r.result == "redeemed" then r.result = "already_redeemed" end
    show(r)
  end
  local function redeem() show(prize.redeem(field.value)) end
  -- A short screen (800x480) has no room for the heading over the code
  -- keyboard's four rows: the field's own label says what to type there.
  local _, h = gfx.size()
  local short = h < 700
  local list = ui.button { label = "列表 · List", style = "secondary", flex = short and 1 or nil,
                          on_tap = function() show_list(back, 0) end }
  local col = { padding = short and "m" or "l", gap = "m", max_width = 1100 }
  if not short then
    col[#col + 1] = ui.row { gap = "m",
      ui.label { text = "查验奖品码 · Check a code", size = "heading", bold = true, flex = 1 }, list }
  end
  -- Two wide buttons (three on a short screen, where the list's moves
  -- here): "兑奖 · Redeem" stays on one line in portrait.
  local buttons = ui.row { gap = "m",
    ui.button { label = "查验 · Check", flex = 1, on_tap = check },
    ui.button { label = "兑奖 · Redeem", flex = 1, on_tap = redeem },
    short and list or nil,
  }
  for _, w in ipairs { field, result, ui.spacer { flex = 1 }, buttons,
                       ui.keyboard { target = field, layout = "prize_code", on_done = check } } do
    col[#col + 1] = w
  end
  ui.root(ui.column(col))
  field:focus()
end

function M.show(back) show_list(back, 0) end

return M
