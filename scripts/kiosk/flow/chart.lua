-- kiosk.flow.chart — the competency chart of the result screen: a radar
-- (spider) chart for three to eight competencies, bars for fewer or more
-- (more than eight labels round a circle cannot be read), each axis
-- the share of that competency's points the candidate earned. A competency
-- tested by fewer than MIN_QUESTIONS questions gets bars too: with one
-- question an axis can only read 0 or 100 %, which a shape exaggerates.
--
--   chart.competencies{ { label = "沟通技巧", score = 6, max_score = 8, questions = 3 }, ... } -> widget
local ui = require "kiosk.ui"
local screens -- (loaded lazily: screens requires this module)

local M = {}
M.MIN_QUESTIONS = 3

local Radar = ui.class("radar")

function Radar:measure(avail_w)
  local _, h = gfx.size()
  local side = math.min(avail_w, 560, h * 0.5)
  return avail_w, side
end

local function point(cx, cy, r, i, n)
  local a = (i - 1) / n * 2 * math.pi
  return cx + r * math.sin(a), cy - r * math.cos(a)
end

function Radar:draw()
  local theme = ui.theme
  local n = #self.rows
  local cx, cy = self.x + self.w / 2, self.y + self.h / 2
  local label_size = math.floor(theme.font.small * (theme.font_scale or 1))
  -- The labels are measured first and the radius leaves room for them on
  -- both sides, so no label is pushed back over the chart's points.
  local gap = label_size * 0.8 + 6
  local r = self.h / 2 - label_size * 2.2
  for i, row in ipairs(self.rows) do
    local lw = gfx.measure(row.label .. " 100%", { size = label_size, max_lines = 2, width = self.w * 0.4 })
    local side = math.abs(math.sin((i - 1) / n * 2 * math.pi))
    if side > 0.05 then r = math.min(r, (self.w / 2 - lw) / side - gap) end
  end
  r = math.max(r, label_size * 2)
  local grid, text = theme.colors.border, theme.colors.muted
  -- Rings at 25/50/75/100 %, spokes, then the candidate's polygon.
  for ring = 1, 4 do
    for i = 1, n do
      local x1, y1 = point(cx, cy, r * ring / 4, i, n)
      local x2, y2 = point(cx, cy, r * ring / 4, i % n + 1, n)
      gfx.line(x1, y1, x2, y2, grid, ring == 4 and 2 or 1)
    end
  end
  local poly = {}
  for i, row in ipairs(self.rows) do
    local x, y = point(cx, cy, r, i, n)
    gfx.line(cx, cy, x, y, grid, 1)
    local frac = row.max_score > 0 and math.max(0, math.min(1, row.score / row.max_score)) or 0
    local px, py = point(cx, cy, math.max(r * 0.02, r * frac), i, n)
    poly[#poly + 1], poly[#poly + 2] = px, py
  end
  local fill = theme.colors.primary
  gfx.polygon(poly, fill .. "55")
  for i = 1, n do
    local j = i % n + 1
    gfx.line(poly[2 * i - 1], poly[2 * i], poly[2 * j - 1], poly[2 * j], fill, 3)
    gfx.circle(poly[2 * i - 1], poly[2 * i], 5, fill)
  end
  -- Labels outside the ring, aligned away from the centre.
  for i, row in ipairs(self.rows) do
    local lx, ly = point(cx, cy, r + gap, i, n)
    local pct = row.max_score > 0 and math.floor(100 * row.score / row.max_score + 0.5) or 0
    local s = row.label .. " " .. pct .. "%"
    local opts = { size = label_size, colour = text, max_lines = 2, width = self.w * 0.4 }
    local tw, th = gfx.measure(s, opts)
    local tx = lx - tw / 2
    if lx > cx + 4 then tx = lx elseif lx < cx - 4 then tx = lx - tw end
    local ty = ly - th / 2
    if ly < cy - r * 0.9 then ty = ly - th elseif ly > cy + r * 0.9 then ty = ly end
    tx = math.max(self.x, math.min(self.x + self.w - tw, tx))
    gfx.text(s, tx, ty, opts)
  end
end

function M.competencies(rows)
  local enough = true
  for _, row in ipairs(rows) do
    if row.questions and row.questions < M.MIN_QUESTIONS then enough = false end
  end
  if enough and #rows >= 3 and #rows <= 8 then return ui.new(Radar, { rows = rows }) end
  screens = screens or require "kiosk.flow.screens"
  return screens.bars(rows)
end

return M
