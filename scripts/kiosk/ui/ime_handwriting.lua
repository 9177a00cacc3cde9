-- kiosk.ui.ime_handwriting — the "handwriting" keyboard layout: a writing
-- pad where a finger (or the mouse) writes one character; the strokes show as
-- they are drawn, and after a short pause (600 ms) the runtime's `ime`
-- module (zinnia, Simplified Chinese model) recognises them and the
-- candidate bar shows the best characters. A tap on one inserts it and
-- clears the pad. 清除 clears the pad, 撤销 takes back the last stroke.
--
--   ui.keyboard{ target = field, layouts = { "handwriting", "pinyin", "digits" } }
--
-- The pad reports itself to replay as "手写板"; a test writes with
-- `drag-from 手写板 DX,DY MS` or press/drag/release at coordinates.
local core = require "kiosk.ui.core"

local M = {}
M.PAUSE_MS = 600
M.CANDIDATES = 10
M.INK_WIDTH = 0.035 -- the ink's width, a fraction of the writing square's side

local function engine()
  local ime = rawget(_G, "ime")
  if not ime then return nil, "the runtime was built without Chinese input" end
  return ime
end

-- ---- the pad ----
local Pad = core.class("handwriting_pad")

function Pad:init()
  self.strokes = {}
end

function Pad:measure(avail_w)
  local _, screen_h = gfx.size()
  return avail_w, math.floor(math.max(180, math.min(avail_w * 0.5, screen_h * 0.3)))
end

-- The writing square: as tall as the pad, centred.
function Pad:square()
  local side = math.min(self.w, self.h)
  return self.x + (self.w - side) / 2, self.y, side
end

function Pad:draw()
  local t = core.theme()
  gfx.rect(self.x + 3, self.y + 3, self.w - 6, self.h - 6, core.color("surface"), t.radius * 0.5)
  -- A 田字格 guide in the middle: where a character is best written.
  local sx, sy, side = self:square()
  local guide = core.color("border")
  gfx.rect(sx + 8, sy + 8, side - 16, side - 16, guide, 0, 1.5)
  gfx.line(sx + side / 2, sy + 12, sx + side / 2, sy + side - 12, guide, 1)
  gfx.line(sx + 12, sy + side / 2, sx + side - 12, sy + side / 2, guide, 1)
  if #self.strokes == 0 then
    gfx.text("在此书写", self.x + 16, self.y + 12, { size = core.font("small"), colour = core.color("placeholder") })
  end
  gfx.clip(self.x, self.y, self.w, self.h)
  -- Each stroke one continuous line with round joins (no gaps where it
  -- turns), as thick as a pen on this pad: it scales with the square.
  local ink, width = core.color("text"), math.max(4, side * M.INK_WIDTH)
  for _, s in ipairs(self.strokes) do gfx.stroke(s, ink, width) end
  gfx.unclip()
  kiosk.element("手写板", self.x, self.y, self.w, self.h)
end

function Pad:cancel_timer()
  if self.timer then kiosk.cancel(self.timer) self.timer = nil end
end

function Pad:event(e)
  if e.type == "press" then
    self:cancel_timer()
    self.current = { e.x, e.y }
    self.strokes[#self.strokes + 1] = self.current
    core.capture(self)
    kiosk.redraw()
    return true
  elseif e.type == "move" and self.current then
    local s = self.current
    local dx, dy = e.x - s[#s - 1], e.y - s[#s]
    if dx * dx + dy * dy >= 4 then -- drop jitter under 2 units
      s[#s + 1], s[#s + 2] = e.x, e.y
      kiosk.redraw()
    end
    return true
  elseif e.type == "release" and self.current then
    local s = self.current
    if e.x ~= s[#s - 1] or e.y ~= s[#s] then s[#s + 1], s[#s + 2] = e.x, e.y end
    self.current = nil
    core.release_capture(self)
    self:schedule()
    kiosk.redraw()
    return true
  elseif e.type == "cancel" then
    self.current = nil
    return true
  end
  return false
end

function Pad:schedule()
  self:cancel_timer()
  self.timer = kiosk.after(M.PAUSE_MS, function()
    self.timer = nil
    self:recognise()
  end)
end

-- Strokes in the writing square's own coordinates, the ink centred
-- horizontally in it (a character may be written anywhere on a wide pad).
function Pad:recognise()
  local kb = self.kb
  if #self.strokes == 0 then kb:set_candidates(nil) return end
  local _, sy, side = self:square()
  local minx, maxx = math.huge, -math.huge
  for _, s in ipairs(self.strokes) do
    for i = 1, #s, 2 do minx, maxx = math.min(minx, s[i]), math.max(maxx, s[i]) end
  end
  local ox = (minx + maxx) / 2 - side / 2
  local strokes = {}
  for k, s in ipairs(self.strokes) do
    local out = {}
    for i = 1, #s, 2 do out[i], out[i + 1] = s[i] - ox, s[i + 1] - sy end
    strokes[k] = out
  end
  local results = engine().recognize(strokes, M.CANDIDATES, { width = side, height = side })
  local chars = {}
  for i, r in ipairs(results) do chars[i] = r.char end
  kb:set_candidates(chars, function(_, char)
    local field = kb.target
    if field then
      field:insert(char)
      if not field:focused() then field:focus() end
    end
    self:clear()
  end)
end

function Pad:clear()
  self:cancel_timer()
  self.strokes, self.current = {}, nil
  self.kb:set_candidates(nil)
  kiosk.redraw()
end

function Pad:undo()
  self:cancel_timer()
  table.remove(self.strokes)
  self.current = nil
  if #self.strokes == 0 then self:clear() else self:recognise() end
  kiosk.redraw()
end

function Pad:attach() end
function Pad:detach() self:cancel_timer() end

function M.register(kb)
  kb.layouts.handwriting = {
    title = "手写",
    candidate_bar = true,
    available = function()
      local ime, why = engine()
      if not ime then return false, why end
      return ime.handwriting_available()
    end,
    build = function(k)
      k.pad = core.new(Pad, { kb = k })
      return k.pad
    end,
    rows = {
      { { action = "switch", grow = 1.5 }, { label = "撤销", action = "undo", grow = 1.5 },
        { label = "清除", action = "clear", grow = 1.5 }, { label = "空格", text = " ", grow = 2 },
        { label = "⌫", name = "退格", action = "backspace", grow = 1.5 }, { label = "完成", action = "done", grow = 2 } },
    },
    on_key = function(k, spec)
      if spec.action == "undo" then k.pad:undo() return true end
      if spec.action == "clear" then k.pad:clear() return true end
      -- Backspace with ink on the pad takes back a stroke; else a character.
      if spec.action == "backspace" and #k.pad.strokes > 0 then k.pad:undo() return true end
      return false
    end,
    leave = function(k) if k.pad then k.pad:cancel_timer() end end,
  }
end

return M
