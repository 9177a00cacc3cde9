-- kiosk.ui.layout — arranging widgets: column and row stacks with padding,
-- gaps, alignment and flexible sizes; spacers; cards; and the scrolling
-- container for content taller than the screen.
--
--   ui.column{ gap=, padding=, align="stretch"|"start"|"center"|"end", max_width=, fill=, child, child, ... }
--   ui.row{ gap=, padding=, align="center"|"start"|"end"|"stretch", child, ... }
--   children may carry flex = n: they share the room left over, in proportion.
--   ui.spacer{ flex = 1 } or ui.spacer{ height = 20 }
--   ui.card{ padding=, child }            a rounded panel around a column
--   ui.scroll{ child } or ui.scroll{ a, b, c }   drag (touch or mouse) with momentum, wheel too;
--                                                when more is below, a fade and a "更多 ↓" cue
--                                                ("More ↓" in English; more_label = any other;
--                                                 a tap on it scrolls a page)
local core = require "kiosk.ui.core"

local M = {}

local function pad(p)
  if type(p) == "string" then return core.theme().space[p] or 0 end
  return p or 0
end

-- ---- column ----
local Column = core.class("column")

function Column:content_width(avail_w)
  local w = avail_w - 2 * pad(self.padding)
  if self.max_width and w > self.max_width then w = self.max_width end
  return w
end

function Column:measure(avail_w)
  local cw = self:content_width(avail_w)
  local h, n = 0, 0
  for _, c in ipairs(self.children or {}) do
    if c.visible then
      local _, ch = c:measure(cw)
      if not c.flex then h = h + ch end
      n = n + 1
    end
  end
  h = h + math.max(0, n - 1) * pad(self.gap) + 2 * pad(self.padding)
  -- A column fills the width it is given, unless it says how wide it is.
  return self.width or avail_w, self.height or h
end

function Column:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local p, gap = pad(self.padding), pad(self.gap)
  local cw = self:content_width(w)
  local cx = x + (w - cw) / 2
  local sizes, fixed, flex_total, n = {}, 0, 0, 0
  for i, c in ipairs(self.children or {}) do
    if c.visible then
      local mw, mh = c:measure(cw)
      sizes[i] = { mw, mh }
      if c.flex then flex_total = flex_total + c.flex else fixed = fixed + mh end
      n = n + 1
    end
  end
  local room = math.max(0, h - 2 * p - fixed - math.max(0, n - 1) * gap)
  local cy = y + p
  if flex_total == 0 and self.valign == "center" then cy = cy + room / 2 end
  for i, c in ipairs(self.children or {}) do
    if c.visible then
      local mw, mh = sizes[i][1], sizes[i][2]
      if c.flex then mh = room * c.flex / flex_total end
      local align = c.align_self or self.align or "stretch"
      local chw, chx = cw, cx
      if align ~= "stretch" then
        chw = math.min(mw, cw)
        if align == "center" then chx = cx + (cw - chw) / 2 elseif align == "end" then chx = cx + cw - chw end
      end
      c:layout(chx, cy, chw, mh)
      cy = cy + mh + gap
    end
  end
end

function Column:draw() self:draw_children() end
function Column:event(e) return self:event_children(e) end

function M.column(props) return core.new(Column, props) end

-- ---- row ----
local Row = core.class("row")

-- Widths: fixed children at their natural width, flex children share the rest.
function Row:widths(avail_w)
  local p, gap = pad(self.padding), pad(self.gap)
  local inner = avail_w - 2 * p
  local widths, fixed, flex_total, n = {}, 0, 0, 0
  for i, c in ipairs(self.children or {}) do
    if c.visible then
      n = n + 1
      if c.flex then flex_total = flex_total + c.flex
      else
        widths[i] = (c:measure(inner))
        fixed = fixed + widths[i]
      end
    end
  end
  local room = math.max(0, inner - fixed - math.max(0, n - 1) * gap)
  for i, c in ipairs(self.children or {}) do
    if c.visible and c.flex then widths[i] = room * c.flex / flex_total end
  end
  return widths
end

function Row:measure(avail_w)
  local widths = self:widths(avail_w)
  local h = 0
  for i, c in ipairs(self.children or {}) do
    if c.visible then
      local _, ch = c:measure(widths[i])
      if ch > h then h = ch end
    end
  end
  return avail_w, self.height or h + 2 * pad(self.padding)
end

function Row:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local p, gap = pad(self.padding), pad(self.gap)
  local widths = self:widths(w)
  local cx, inner_h = x + p, h - 2 * p
  for i, c in ipairs(self.children or {}) do
    if c.visible then
      local _, ch = c:measure(widths[i])
      local align = c.align_self or self.align or "center"
      local cy, hh = y + p, ch
      if align == "stretch" then hh = inner_h
      elseif align == "center" then cy = y + p + (inner_h - ch) / 2
      elseif align == "end" then cy = y + p + inner_h - ch end
      c:layout(cx, cy, widths[i], hh)
      cx = cx + widths[i] + gap
    end
  end
end

function Row:draw() self:draw_children() end
function Row:event(e) return self:event_children(e) end

function M.row(props) return core.new(Row, props) end

-- ---- spacer ----
local Spacer = core.class("spacer")
function Spacer:measure(avail_w) return self.width or 0, self.height or 0 end
function M.spacer(props) return core.new(Spacer, props) end

-- ---- card ----
local Card = core.class("card", Column)

function Card:init()
  self.padding = self.padding or "l"
  self.gap = self.gap or "m"
end

function Card:draw()
  local t = core.theme()
  gfx.rect(self.x, self.y, self.w, self.h, core.color(self.color or "surface"), t.radius)
  gfx.rect(self.x, self.y, self.w, self.h, core.color("border"), t.radius, 1.5)
  self:draw_children()
end

function M.card(props) return core.new(Card, props) end

-- ---- scroll ----
-- Children scroll vertically. A press goes through to the child under it
-- (a button shows pressed); once the finger has moved more than DRAG_SLOP the
-- scroll takes the pointer, the child gets a "cancel", and the content
-- follows the finger; on release it glides and slows down.
local Scroll = core.class("scroll")
local DRAG_SLOP = 10
local FRICTION = 0.0035 -- velocity lost per ms, as a fraction

function Scroll:init()
  if not self.children and self.child then self.children = { self.child } end
  self.content = M.column { gap = self.gap or "m", padding = self.padding, max_width = self.max_width,
                            table.unpack(self.children or {}) }
  self.children = { self.content }
  self.offset, self.velocity = 0, 0
end

function Scroll:measure(avail_w)
  local _, h = self.content:measure(avail_w)
  return avail_w, self.height or h
end

function Scroll:max_offset()
  return math.max(0, self.content_h - self.h)
end

local BAR_ROOM = 14 -- kept free on the right for the position bar

function Scroll:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local _, ch = self.content:measure(w)
  self.content_w = w
  if ch > h then -- it will scroll: make room for the bar
    self.content_w = w - BAR_ROOM
    _, ch = self.content:measure(self.content_w)
  end
  self.content_h = ch
  self.offset = math.max(0, math.min(self.offset, self:max_offset()))
  self.content:layout(x, y - self.offset, self.content_w, ch)
  -- A text field that just took the focus is scrolled into view once
  -- (the keyboard appearing may have shrunk this scroll over it).
  -- So is a widget a script asked to show (ui.reveal), e.g. an explanation
  -- that appeared under the options.
  local state = core.state
  local target = state.reveal
  if target and self:holds(target) then
    state.reveal = nil
  else
    target = state.focus
    if target == self.revealed or not (target and self:holds(target)) then target = nil end
    if target then self.revealed = target end
  end
  if target then
    if target.y < y then self:scroll_to(self.offset - (y - target.y))
    elseif target.y + target.h > y + h then
      self:scroll_to(self.offset + math.min(target.y - y, target.y + target.h - (y + h)))
    end
  end
end

-- Whether w is somewhere inside this scroll's content.
function Scroll:holds(w)
  local function walk(node)
    if node == w then return true end
    for _, c in ipairs(node.children or {}) do
      if walk(c) then return true end
    end
    return false
  end
  return walk(self.content)
end

function Scroll:scroll_to(offset)
  self.offset = math.max(0, math.min(offset, self:max_offset()))
  self.content:layout(self.x, self.y - self.offset, self.content_w, self.content_h)
  kiosk.redraw()
end

-- The background colour with alpha a (0..255), for the fade.
local function faded(name, a)
  local c = core.color(name)
  if type(c) == "string" and #c >= 7 then return c:sub(1, 7) .. string.format("%02x", a) end
  return c
end

-- A fade over the last part of what shows and a "更多 ↓" pill: more is
-- below, and a candidate sees it without hunting for a scrollbar.
function Scroll:draw_more_cue()
  local t = core.theme()
  local fade_h = math.min(72, self.h / 3)
  local steps = 8
  local bottom = self.y + self.h
  for k = 1, steps do
    local sh = fade_h / steps
    gfx.rect(self.x, bottom - fade_h + (k - 1) * sh, self.w, sh + 1, faded("bg", math.floor(255 * k / (steps + 1))))
  end
  local label = self.more_label or (core.state.lang == "en" and "More ↓" or "更多 ↓")
  local size = core.font("small")
  local lw, lh = gfx.measure(label, { size = size, bold = true })
  local pw, ph = lw + 2 * t.space.m, lh + t.space.s
  -- Too little shows, or only a sliver is left below: the fade and the bar say it.
  if self.h < 3 * ph or self:max_offset() - self.offset < ph then return end
  local px, py = self.x + (self.w - pw) / 2, bottom - ph - t.space.xs
  -- Never over the field being typed in (a small screen with the keyboard up).
  local f = core.state.focus
  if f and f.y and f.h and f.y < py + ph and f.y + f.h > py and f.x < px + pw and f.x + f.w > px then return end
  gfx.rect(px, py, pw, ph, core.color("primary"), ph / 2)
  gfx.text(label, px + t.space.m, py + t.space.s / 2, { size = size, bold = true, colour = core.color("on_primary") })
  self.cue = { x = px, y = py, w = pw, h = ph }
end

function Scroll:draw()
  gfx.clip(self.x, self.y, self.w, self.h)
  self.content:draw()
  self.cue = nil
  if self:max_offset() > 0 and self.offset < self:max_offset() - 1 then self:draw_more_cue() end
  gfx.unclip()
  if self:max_offset() > 0 then -- where in the content this is
    local frac = self.h / self.content_h
    local bar_h = math.max(40, self.h * frac)
    local by = self.y + (self.h - bar_h) * (self.offset / self:max_offset())
    gfx.rect(self.x + self.w - 8, by, 6, bar_h, core.color("muted"), 3)
  end
end

function Scroll:event(e)
  if e.type == "wheel" then
    self.velocity = 0
    self:scroll_to(self.offset - e.wy * 60)
    return true
  end
  if e.type == "press" and self.cue and e.x >= self.cue.x and e.x <= self.cue.x + self.cue.w
     and e.y >= self.cue.y and e.y <= self.cue.y + self.cue.h then
    self.velocity = 0
    self:scroll_to(self.offset + self.h * 0.8) -- the cue itself: a page further down
    return true
  end
  if e.type == "press" then
    self.velocity = 0
    self.press = { x = e.x, y = e.y, offset = self.offset, t = e.t }
    self.dragging = false
    core.add_interceptor(self)
    if not self.content:event(e) then core.capture(self) end
    return true
  end
  if e.type == "move" and self.press then
    self:drag_to(e)
    return true
  end
  if e.type == "release" and self.press then
    if self.dragging then self:fling() end
    self.press, self.dragging = nil, false
    core.release_capture(self)
    return true
  end
  return self.content:event(e)
end

-- Asked for every move while a child holds the pointer: take over once the
-- finger has clearly moved.
function Scroll:intercept(e)
  if e.type ~= "move" or not self.press then return false end
  if math.abs(e.y - self.press.y) > DRAG_SLOP then
    self.dragging = true
    return true
  end
  return false
end

function Scroll:drag_to(e)
  if not self.dragging and math.abs(e.y - self.press.y) <= DRAG_SLOP then return end
  self.dragging = true
  local now = e.t
  local offset = self.press.offset - (e.y - self.press.y)
  if self.last_t and now > self.last_t then
    local v = (offset - self.offset) / (now - self.last_t)
    self.velocity = 0.7 * v + 0.3 * (self.velocity or 0) -- units per ms, smoothed
  end
  self.last_t = now
  self:scroll_to(offset)
end

function Scroll:fling()
  self.last_t = nil
  if math.abs(self.velocity) > 0.05 then kiosk.animate(32) end
end

-- Called by the root on animation frames.
function Scroll:update(dt)
  if self.press or dt <= 0 or math.abs(self.velocity) < 0.02 then return end
  self:scroll_to(self.offset + self.velocity * dt)
  self.velocity = self.velocity * math.max(0, 1 - FRICTION * dt)
  if self.offset <= 0 or self.offset >= self:max_offset() then self.velocity = 0 end -- hit an end
  if math.abs(self.velocity) >= 0.02 then kiosk.animate(32) end
end

function Scroll:detach()
  self.velocity = 0
  core.Widget.detach(self)
end

function M.scroll(props) return core.new(Scroll, props) end

return M
