-- kiosk.ui.keyboard — the on-screen keyboard.
--
--   ui.keyboard{ target=field, layout="digits"|"latin", layouts={ "latin", "digits" }, on_done=fn }
--
-- Layouts are registered by name (ui.keyboard_layouts), so more can be added
-- as separate modules (pinyin with a candidate bar, a handwriting pad):
--   ui.keyboard_layouts.mine = {
--     title = "ABC",                               -- shown on the switch key
--     rows = { { "a", "b", { label = "⌫", name = "退格", action = "backspace" } }, ... },
--     -- or build = function(keyboard, width) return widget end
--     on_key = function(keyboard, key) return true end   -- optional: handle keys itself
--   }
-- A key is a string (types itself) or a table: label (shown), name (its
-- replay label, default the label), text (what it types), action
-- ("backspace", "shift", "space", "done", "switch"), grow (relative width).
-- keyboard:set_candidates(list, on_pick) shows a candidate bar above the keys.
local core = require "kiosk.ui.core"
local controls = require "kiosk.ui.controls"

local M = {}

local BACKSPACE = { label = "⌫", name = "退格", action = "backspace", grow = 1.5 }
local DONE = { label = "完成", action = "done", grow = 2 }

M.layouts = {
  digits = {
    title = "123",
    rows = {
      { "1", "2", "3" },
      { "4", "5", "6" },
      { "7", "8", "9" },
      { { action = "switch" }, "0", { label = "⌫", name = "退格", action = "backspace" } },
    },
  },
  latin = {
    title = "ABC",
    rows = {
      { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" },
      { "a", "s", "d", "f", "g", "h", "j", "k", "l" },
      { { label = "⇧", name = "大写", action = "shift", grow = 1.5 }, "z", "x", "c", "v", "b", "n", "m", BACKSPACE },
      { { action = "switch", grow = 1.5 }, { label = "空格", text = " ", grow = 5 }, { label = "@", text = "@" },
        { label = ".", text = "." }, DONE },
    },
  },
}

-- ---- a key ----
local Key = core.class("key", controls.Pressable)

function Key:draw()
  local t = core.theme()
  local spec = self.spec
  local special = spec.action ~= nil
  local bg = self.pressed and "key_pressed" or (special and "secondary" or "key")
  if spec.action == "done" then bg = self.pressed and "primary_pressed" or "primary" end
  gfx.rect(self.x + 3, self.y + 3, self.w - 6, self.h - 6, core.color(bg), t.radius * 0.5)
  local label = self.kb:key_label(spec)
  local size = core.font("key") * (utf8.len(label) > 2 and 0.7 or 1)
  local tw, th = gfx.measure(label, { size = size })
  gfx.text(label, self.x + (self.w - tw) / 2, self.y + (self.h - th) / 2,
           { size = size, colour = core.color(spec.action == "done" and "on_primary" or "text") })
  kiosk.element(self.kb:key_name(spec), self.x, self.y, self.w, self.h)
end

function Key:activate() self.kb:press(self.spec) end

-- ---- the keyboard ----
local Keyboard = core.class("keyboard")

local function normalise(spec)
  if type(spec) == "string" then return { label = spec, text = spec } end
  return spec
end

function Keyboard:init()
  -- The constructor's `layout` names the first layout; the field is moved
  -- to `mode` so it does not hide the layout() method.
  local first = rawget(self, "layout")
  self.layouts = self.layouts or { first or "latin" }
  self.mode = first or self.layouts[1]
  self.layout = nil
  self.shift = false
  self:build()
end

function Keyboard:current() return M.layouts[self.mode] end

function Keyboard:next_layout()
  for i, name in ipairs(self.layouts) do
    if name == self.mode then return self.layouts[i % #self.layouts + 1] end
  end
  return self.layouts[1]
end

function Keyboard:key_label(spec)
  if spec.action == "switch" then
    local nxt = M.layouts[self:next_layout()]
    return nxt and nxt.title or "?"
  end
  local label = spec.label or spec.text or ""
  if self.shift and spec.text and not spec.action then label = label:upper() end
  return label
end

function Keyboard:key_name(spec)
  if spec.action == "switch" then return "切换到 " .. self:key_label(spec) end
  return spec.name or self:key_label(spec)
end

function Keyboard:build()
  local layout = self:current()
  assert(layout, "unknown keyboard layout '" .. tostring(self.mode) .. "'")
  self.rows = {}
  self.custom = layout.build and layout.build(self) or nil
  for r, row in ipairs(layout.rows or {}) do
    local keys = {}
    for _, spec in ipairs(row) do
      spec = normalise(spec)
      -- A switch key only where there is another layout to switch to.
      if spec.action ~= "switch" or #self.layouts > 1 then
        keys[#keys + 1] = core.new(Key, { spec = spec, kb = self })
      else -- the only layout: the switch key's place goes to "done"
        keys[#keys + 1] = core.new(Key, { spec = { label = "完成", action = "done", grow = spec.grow }, kb = self })
      end
    end
    self.rows[r] = keys
  end
  core.request_layout()
end

function Keyboard:set_layout(name)
  if not M.layouts[name] then error("unknown keyboard layout '" .. tostring(name) .. "'", 2) end
  self.mode = name
  self.candidates = nil
  self:build()
end

-- A candidate bar above the keys (input methods use it).
function Keyboard:set_candidates(list, on_pick)
  self.candidates = list and #list > 0 and { items = list, on_pick = on_pick } or nil
  self.cand_widgets = nil
  core.request_layout()
end

function Keyboard:press(spec)
  local layout = self:current()
  if layout.on_key and layout.on_key(self, spec) then return end
  local field = self.target
  if spec.action == "backspace" then
    if field then field:backspace() end
  elseif spec.action == "shift" then
    self.shift = not self.shift
    kiosk.redraw()
  elseif spec.action == "switch" then
    self:set_layout(self:next_layout())
  elseif spec.action == "done" then
    if self.on_done then self.on_done(field and field.value, self)
    elseif field then field:submit() end
  elseif spec.text then
    if field then
      field:insert(self.shift and spec.text:upper() or spec.text)
      if not field:focused() then field:focus() end
    end
    if self.shift then self.shift = false end
  end
end

-- Every key of a layout has the same unit width: that of its widest row.
function Keyboard:columns()
  local widest = 0
  for _, row in ipairs(self.rows) do
    local units = 0
    for _, k in ipairs(row) do units = units + (k.spec.grow or 1) end
    if units > widest then widest = units end
  end
  return math.max(1, widest)
end

-- Keys as tall as suits their width, but the keyboard leaves most of the
-- screen to the question: at most ~8.5% of the screen's height per row.
function Keyboard:key_height(width)
  local t = core.theme()
  local _, screen_h = gfx.size()
  return math.max(t.touch_min + 4, math.min(84, screen_h * 0.085, width / self:columns() * 0.85))
end

function Keyboard:measure(avail_w)
  local w = math.min(avail_w, self.mode == "digits" and 560 or 1100)
  local h = 0
  if self.custom then
    local _, ch = self.custom:measure(w)
    h = ch
  end
  h = h + #self.rows * self:key_height(w)
  if self.candidates then h = h + core.theme().touch_min + 8 end
  return avail_w, h + 16
end

function Keyboard:layout_keys(x, y, w)
  local unit, kh = w / self:columns(), self:key_height(w)
  for _, row in ipairs(self.rows) do
    local units = 0
    for _, k in ipairs(row) do units = units + (k.spec.grow or 1) end
    local rx = x + (w - unit * units) / 2
    for _, k in ipairs(row) do
      local kw = unit * (k.spec.grow or 1)
      k:layout(rx, y, kw, kh)
      rx = rx + kw
    end
    y = y + kh
  end
  return y
end

function Keyboard:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local kw = math.min(w, self.mode == "digits" and 560 or 1100)
  local kx = x + (w - kw) / 2
  local cy = y + 8
  self.cand_widgets = nil
  if self.candidates then
    local t = core.theme()
    self.cand_widgets = {}
    local cx = kx
    for i, item in ipairs(self.candidates.items) do
      local label = type(item) == "table" and item.text or item
      local tw = gfx.measure(label, { size = core.font("key") })
      local b = core.new(Key, { spec = { label = label, name = label, candidate = i, text = nil }, kb = self })
      b.activate = function() self.candidates.on_pick(i, item) end
      if cx + tw + 2 * t.space.m > kx + kw then break end
      b:layout(cx, cy, tw + 2 * t.space.m, t.touch_min)
      self.cand_widgets[#self.cand_widgets + 1] = b
      cx = cx + tw + 2 * t.space.m
    end
    cy = cy + t.touch_min + 8
  end
  if self.custom then
    local _, ch = self.custom:measure(kw)
    self.custom:layout(kx, cy, kw, ch)
    cy = cy + ch
  end
  self:layout_keys(kx, cy, kw)
end

local function each_child(self, fn)
  for _, b in ipairs(self.cand_widgets or {}) do if fn(b) then return true end end
  if self.custom and fn(self.custom) then return true end
  for _, row in ipairs(self.rows) do
    for _, k in ipairs(row) do if fn(k) then return true end end
  end
  return false
end

function Keyboard:draw()
  gfx.rect(self.x, self.y, self.w, self.h, core.color("keyboard_bg"))
  each_child(self, function(c) c:draw() end)
end

function Keyboard:event(e)
  if e.type ~= "press" then return false end
  return each_child(self, function(c) return c:contains(e.x, e.y) and c:event(e) end)
end

function Keyboard:attach() if self.custom then self.custom:attach() end end
function Keyboard:detach() if self.custom then self.custom:detach() end end

function M.keyboard(props) return core.new(Keyboard, props or {}) end

return M
