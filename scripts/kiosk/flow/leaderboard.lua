-- kiosk.flow.leaderboard — the leaderboard card, reusable by any screen:
-- the top rows of an exam's board, and the visitor's own row always on it,
-- highlighted (issue 14: a visitor ranked 10th could not see their row).
-- When the visitor is among the rows shown, their row is highlighted in
-- place; otherwise the top rows are followed, set apart by "⋯", by their
-- own row ("57.  小红  2722"). How many top rows show follows the room
-- the screen gives (max_height), so the own row is never pushed below the
-- fold of a small screen.
--
--   board.card(f, { exam = id, n = 10, max_height = h, optional = false, heading = nil,
--                   me = { session = id, rank = 57, name = "小红", score = 2722, live = false } })
--   -> a ui.card widget. `me` and `max_height` are optional; with
--   optional = true, nil when not even one row fits (the screen does
--   without the board rather than push its buttons off). heading: the
--   card's title after 🏆 (default "排行榜"). me.live: a game still being
--   played (kiosk.flow.fair's board between questions): its row is put in
--   among the finished games at me.rank (board.live_rank(exam, score)).
--   board.live_rank(exam, score) -> the place that score would take on the
--   board now, or nil when it is below the top 100.
local ui = require "kiosk.ui"
local core = require "kiosk.ui.core"

local M = {}

-- Scores show as everywhere else (kiosk.flow.screens.num); required when
-- drawn, since kiosk.flow.screens requires this module.
local function num(v) return require("kiosk.flow.screens").num(v) end

local function row(place, name, score, mine)
  local colour = mine and "primary" or nil
  local r = ui.row { gap = "m",
    ui.label { text = string.format("%d.  %s", place, name ~= "" and name or "—"), flex = 1, bold = mine,
               color = colour, max_lines = 1 },
    ui.label { text = score and num(score) or "", bold = true, color = colour },
  }
  if mine then
    -- The visitor's row on a tinted band, a little wider than the row.
    local draw = r.draw
    r.draw = function(self)
      local t = core.theme()
      local p = t.space.xs
      gfx.rect(self.x - p, self.y - p / 2, self.w + 2 * p, self.h + p, core.color("selected_bg"), t.radius * 0.5)
      draw(self)
    end
  end
  return r
end

-- How many top rows fit in max_height with the heading (and the separator
-- and own row when they are needed): at most n, maybe none.
local function rows_that_fit(heading, sample, n, max_height, own_apart)
  if not max_height then return n end
  local t = core.theme()
  local gap, pad = t.space.xs, t.space.l -- ui.card pads with "l"
  local _, hh = heading:measure(1000)
  local _, rh = sample:measure(1000)
  local room = max_height - 2 * pad - hh
  if own_apart then room = room - 2 * (rh + gap) end -- "⋯" and the own row
  local k = math.floor(room / (rh + gap))
  return math.max(0, math.min(n, k))
end

function M.live_rank(exam_id, score)
  local rows = store.leaderboard(exam_id, 100)
  local above = 0
  for _, r in ipairs(rows) do
    if (r.score or 0) > score then above = above + 1 end
  end
  if above >= 100 then return nil end
  return above + 1
end

-- The board with a game in progress put in at its place (n rows at most).
local function with_live(rows, me, n)
  local out = {}
  for _, r in ipairs(rows) do
    if r.session_id ~= me.session then out[#out + 1] = r end
  end
  if me.rank and me.rank <= #out + 1 then
    table.insert(out, me.rank, { session_id = me.session, name = me.name or "", score = me.score })
  end
  while #out > n do table.remove(out) end
  return out
end

function M.card(f, o)
  local n = o.n or 10
  local rows = store.leaderboard(o.exam, n)
  local me = o.me
  if me and me.live then rows = with_live(rows, me, n) end
  local heading = ui.label { text = "🏆 " .. (o.heading or f:t("leaderboard")), bold = true, size = "heading" }
  local col = { gap = "xs", heading }
  if #rows == 0 then
    local empty = ui.label { text = f:t("leaderboard_empty"), color = "muted" }
    if o.optional and rows_that_fit(heading, empty, 1, o.max_height, false) < 1 then return nil end
    col[#col + 1] = empty
    return ui.card(col)
  end
  local own_at = nil
  for i, r in ipairs(rows) do
    if me and r.session_id == me.session then own_at = i end
  end
  local sample = row(1, rows[1].name, rows[1].score, false)
  -- Room for "⋯" and the own row apart only when it is not already among the rows that fit.
  local shown = rows_that_fit(heading, sample, #rows, o.max_height, me and me.rank ~= nil and not own_at)
  if own_at and own_at > shown then shown = rows_that_fit(heading, sample, #rows, o.max_height, true) end
  if shown < 1 then
    if o.optional then return nil end -- a screen that can do without it (the welcome)
    shown = 1
  end
  if own_at and own_at > shown then own_at = nil end -- in the list, but below what fits: shown apart
  for i = 1, math.min(shown, #rows) do
    local r = rows[i]
    col[#col + 1] = row(i, r.name, r.score, i == own_at)
  end
  if me and me.rank and not own_at then
    col[#col + 1] = ui.label { text = "⋯", color = "muted", align = "center" }
    col[#col + 1] = row(me.rank, me.name or "", me.score, true)
  end
  return ui.card(col)
end

return M
