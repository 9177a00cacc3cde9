-- kiosk.ui.core — what every widget shares: the base class, the state of the
-- screen (theme, focus, which widget holds the pointer), and hit testing.
--
-- The widget protocol:
--   w:measure(avail_w) -> w, h     the size it wants, given the width it may use
--   w:layout(x, y, w, h)           its box (stored in w.x, w.y, w.w, w.h)
--   w:draw()
--   w:event(e) -> true             true when it took the event
--   w:attach() / w:detach()        shown / taken off the screen (timers live here)
-- Containers keep their children in w.children.
local theme_mod = require "kiosk.ui.theme"

local core = {}

-- The screen's state. A fresh VM per candidate makes this per-session.
core.state = {
  theme = theme_mod.new(),
  capture = nil,        -- widget that receives move/release after its press
  interceptors = {},    -- containers (scroll) that may take over a drag
  focus = nil,          -- text field receiving keys
  needs_layout = true,
  lang = "zh",          -- the candidate's language, for the kit's own words (ui.set_language)
  banner = nil,         -- { text, colour } shown over the screen for a few seconds (core.banner)
}

local Widget = {}
Widget.__index = Widget
core.Widget = Widget

-- Makes a widget class: fields of the constructor table become fields of
-- the object; the array part becomes its children.
function core.class(name, parent)
  local cls = setmetatable({}, { __index = parent or Widget })
  cls.__index = cls
  cls.kind = name
  return cls
end

function core.new(cls, props)
  local o = setmetatable({}, cls)
  props = props or {}
  for k, v in pairs(props) do
    if type(k) ~= "number" then o[k] = v end
  end
  if #props > 0 then
    o.children = {}
    for i, child in ipairs(props) do o.children[i] = child end
  end
  if o.visible == nil then o.visible = true end
  o.x, o.y, o.w, o.h = 0, 0, 0, 0
  if o.init then o:init() end
  return o
end

function Widget:measure(avail_w)
  return self.width or avail_w, self.height or 0
end

function Widget:layout(x, y, w, h)
  self.x, self.y, self.w, self.h = x, y, w, h
end

function Widget:draw() end
function Widget:event() return false end

function Widget:contains(x, y)
  return x >= self.x and x < self.x + self.w and y >= self.y and y < self.y + self.h
end

function Widget:attach()
  for _, c in ipairs(self.children or {}) do c:attach() end
end

function Widget:detach()
  for _, c in ipairs(self.children or {}) do c:detach() end
end

-- Draws the visible children.
function Widget:draw_children()
  for _, c in ipairs(self.children or {}) do
    if c.visible then c:draw() end
  end
end

-- Offers an event to the children: pointer events to those under the
-- pointer, topmost first; keys and text to all of them.
local positional = { press = true, move = true, release = true, wheel = true }

function Widget:event_children(e)
  local kids = self.children or {}
  for i = #kids, 1, -1 do
    local c = kids[i]
    if c.visible and (not positional[e.type] or c:contains(e.x, e.y)) and c:event(e) then return true end
  end
  return false
end

-- ---- pointer ownership ----

function core.capture(widget) core.state.capture = widget end

function core.release_capture(widget)
  if core.state.capture == widget then core.state.capture = nil end
end

-- A container that may turn a press on a child into its own drag.
function core.add_interceptor(widget)
  table.insert(core.state.interceptors, widget)
end

function core.focus(field)
  local s = core.state
  if s.focus == field then return end
  if s.focus and s.focus.blur then s.focus:blur() end
  s.focus = field
  if not field then kiosk.text_input(false) end
  core.request_layout() -- a scroll holding the field brings it into view
end

function core.request_layout()
  core.state.needs_layout = true
  kiosk.redraw()
end

function core.theme() return core.state.theme end

-- Shows text in a banner at the top of the screen for ms milliseconds, over
-- whatever screen is up (the time warnings); a newer banner replaces it.
function core.banner(text, ms, colour)
  local b = { text = text, colour = colour or "primary" }
  core.state.banner = b
  kiosk.after(ms, function()
    if core.state.banner == b then core.state.banner = nil; kiosk.redraw() end
  end)
  kiosk.redraw()
end

-- Font size from the theme, scaled for large text.
function core.font(name_or_size)
  local t = core.state.theme
  local size = type(name_or_size) == "number" and name_or_size or t.font[name_or_size] or t.font.body
  return size * t.font_scale
end

function core.color(name_or_value)
  local c = core.state.theme.colors[name_or_value]
  return c or name_or_value
end

return core
