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
-- ("backspace", "shift", "space", "done", "switch", "left", "right": the
-- cursor keys ◀ ▶, named 光标左移/光标右移), grow (relative width).
-- keyboard:set_candidates(list, on_pick [, total]) shows a candidate bar above the
-- keys: list is a table of strings, or a function(offset, n) -> items, total for
-- long lists (pinyin); the bar pages with "上一页"/"下一页". on_pick(i, text)
-- gets the 1-based index in the whole list. A layout with candidate_bar = true
-- keeps the bar's room even when it is empty (the keys do not jump), on
-- screens at least 1000 units tall (portrait kiosks).
-- A layout with available = function() -> ok, reason is left out where it
-- cannot work (missing engine data); the keyboard logs it and uses the others.
-- Layouts "pinyin" and "handwriting" live in ime_pinyin.lua and ime_handwriting.lua.
local core = require "kiosk.ui.core"
local controls = require "kiosk.ui.controls"

local M = {}

local BACKSPACE = { label = "⌫", name = "退格", action = "backspace", grow = 1.5 }
local DONE = { label = "完成", action = "done", grow = 2 }
-- The cursor keys move the field's caret one character (M.LEFT/M.RIGHT for
-- other layouts to use). Their names are what replays tap and what a
-- screen reader would say.
local LEFT = { label = "◀", name = "光标左移", action = "left" }
local RIGHT = { label = "▶", name = "光标右移", action = "right" }
M.LEFT, M.RIGHT = LEFT, RIGHT

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
      { { action = "switch", grow = 1.5 }, { label = "@", text = "@" }, { label = "空格", text = " ", grow = 3 },
        { label = ".", text = "." }, LEFT, RIGHT, DONE },
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
  -- The edge is what tells a key from the keyboard behind it (3:1, WCAG 1.4.11):
  -- the fills alone are too close in both themes.
  if spec.action ~= "done" then
    gfx.rect(self.x + 3, self.y + 3, self.w - 6, self.h - 6, core.color("border"), t.radius * 0.5, 1.5)
  end
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

-- Layouts whose engine cannot run here (no data) are left out, once per
-- keyboard, with a line in the kiosk log; when nothing is left, latin.
local function usable_layouts(names)
  local ok = {}
  for _, name in ipairs(names) do
    local l = M.layouts[name]
    if not l then error("unknown keyboard layout '" .. tostring(name) .. "'", 4) end
    local fine, why = true, nil
    if l.available then fine, why = l.available() end
    if fine then ok[#ok + 1] = name
    else kiosk.log("keyboard: layout '" .. name .. "' unavailable (" .. tostring(why or "no engine") .. "); left out") end
  end
  if #ok == 0 then ok[1] = "latin" end
  return ok
end

function Keyboard:init()
  -- The constructor's `layout` names the first layout; the field is moved
  -- to `mode` so it does not hide the layout() method.
  local first = rawget(self, "layout")
  local wanted = self.layouts or { first or "latin" }
  self.layouts = usable_layouts(wanted)
  self.mode = self.layouts[1]
  for _, name in ipairs(self.layouts) do if name == first then self.mode = first end end
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

-- The keys' own words for an English candidate (ui.set_language("en")):
-- labels and replay names alike, so `tap Done` works on an English screen.
M.english = {
  ["空格"] = "space", ["完成"] = "Done", ["退格"] = "Backspace", ["大写"] = "Shift", ["清除"] = "Clear",
  ["拼音"] = "中文", ["光标左移"] = "Cursor left", ["光标右移"] = "Cursor right",
}
local function words(text)
  if core.state.lang == "en" and text then return M.english[text] or text end
  return text
end
M.words = words

function Keyboard:key_label(spec)
  if spec.action == "switch" then
    local nxt = M.layouts[self:next_layout()]
    return nxt and words(nxt.title) or "?"
  end
  if spec.label_fn then return spec.label_fn(self) end
  local label = words(spec.label or spec.text or "")
  if self.shift and spec.text and not spec.action and spec.text:match("^%a$") then label = label:upper() end
  return label
end

function Keyboard:key_name(spec)
  if spec.action == "switch" then
    return (core.state.lang == "en" and "Switch to " or "切换到 ") .. self:key_label(spec)
  end
  return words(spec.name) or self:key_label(spec)
end

function Keyboard:build()
  local layout = self:current()
  if self.custom then self.custom:detach() end
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
  if self.custom and self.attached then self.custom:attach() end
  core.request_layout()
end

function Keyboard:set_layout(name)
  if not M.layouts[name] then error("unknown keyboard layout '" .. tostring(name) .. "'", 2) end
  local old = self:current()
  if old and old.leave then old.leave(self) end
  self.mode = name
  self.candidates = nil
  self:build()
end

-- A candidate bar above the keys (input methods use it).
function Keyboard:set_candidates(list, on_pick, total)
  local fetch = list
  if type(list) == "table" then
    total = #list
    fetch = function(offset, n) return table.move(list, offset + 1, math.min(#list, offset + n), 1, {}), #list end
  end
  if list and (total or 1) > 0 then
    self.candidates = { fetch = fetch, total = total, on_pick = on_pick, start = 0, history = {} }
  else
    self.candidates = nil
  end
  self.cand_widgets = nil
  core.request_layout()
end

function Keyboard:page_candidates(dir)
  local c = self.candidates
  if not c then return end
  if dir > 0 and c.next_start then
    c.history[#c.history + 1] = c.start
    c.start = c.next_start
  elseif dir < 0 and #c.history > 0 then
    c.start = table.remove(c.history)
  end
  core.request_layout()
end

function Keyboard:bar_height()
  local layout = self:current()
  local _, screen_h = gfx.size()
  -- An empty bar keeps its room only where the screen can spare it (a small
  -- panel keeps the keyboard as short as the latin one).
  if self.candidates or (layout and layout.candidate_bar and screen_h >= 1000) then return core.theme().touch_min + 8 end
  return 0
end

function Keyboard:press(spec)
  local layout = self:current()
  if layout.on_key and layout.on_key(self, spec) then return end
  local field = self.target
  if spec.action == "backspace" then
    if field then field:backspace() end
  elseif spec.action == "left" or spec.action == "right" then
    if field then
      field:move(spec.action)
      if not field:focused() then field:focus() end
    end
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
  h = h + self:bar_height()
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
  if self.candidates then self:layout_candidates(kx, cy, kw) end
  cy = cy + self:bar_height()
  if self.custom then
    local _, ch = self.custom:measure(kw)
    self.custom:layout(kx, cy, kw, ch)
    cy = cy + ch
  end
  self:layout_keys(kx, cy, kw)
end

-- One page of candidates: as many as fit from c.start, with paging keys on
-- the right when the list does not fit.
local PAGE_FETCH = 40

function Keyboard:layout_candidates(x, y, w)
  local t = core.theme()
  local c = self.candidates
  local size = core.font("key")
  local items, total = c.fetch(c.start, PAGE_FETCH)
  c.total = total or c.total or #items
  local widths, sum = {}, 0
  for i, item in ipairs(items) do
    local label = type(item) == "table" and (item.text or item.char) or tostring(item)
    widths[i] = math.max(t.touch_min, gfx.measure(label, { size = size }) + 2 * t.space.m)
  end
  for i = 1, #items do sum = sum + widths[i] end
  local paging = c.start > 0 or c.start + #items < c.total or sum > w
  local pw = paging and math.max(t.touch_min, gfx.measure("下一页", { size = size * 0.7 }) + 2 * t.space.s) or 0
  local room = w - 2 * pw
  self.cand_widgets = {}
  local cx, shown = x, 0
  for i, item in ipairs(items) do
    if cx + widths[i] > x + room and shown > 0 then break end
    local label = type(item) == "table" and (item.text or item.char) or tostring(item)
    local index = c.start + i
    local b = core.new(Key, { spec = { label = label, name = label, candidate = index }, kb = self })
    b.activate = function() c.on_pick(index, label) end
    b:layout(cx, y, widths[i], t.touch_min)
    self.cand_widgets[#self.cand_widgets + 1] = b
    cx = cx + widths[i]
    shown = shown + 1
  end
  c.next_start = c.start + shown < c.total and c.start + shown or nil
  if paging then
    if #c.history > 0 then
      local prev = core.new(Key, { spec = { label = "上一页", action = "page" }, kb = self })
      prev.activate = function() self:page_candidates(-1) end
      prev:layout(x + w - 2 * pw, y, pw, t.touch_min)
      self.cand_widgets[#self.cand_widgets + 1] = prev
    end
    if c.next_start then
      local nxt = core.new(Key, { spec = { label = "下一页", action = "page" }, kb = self })
      nxt.activate = function() self:page_candidates(1) end
      nxt:layout(x + w - pw, y, pw, t.touch_min)
      self.cand_widgets[#self.cand_widgets + 1] = nxt
    end
  end
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

function Keyboard:attach()
  self.attached = true
  if self.custom then self.custom:attach() end
end

function Keyboard:detach()
  self.attached = false
  local layout = self:current()
  if layout and layout.leave then layout.leave(self) end
  if self.custom then self.custom:detach() end
end

function M.keyboard(props) return core.new(Keyboard, props or {}) end

-- The Chinese input layouts register themselves here (they need the Key
-- class and the registry, so they are loaded after both exist).
M.Key = Key
require("kiosk.ui.ime_pinyin").register(M)
require("kiosk.ui.ime_handwriting").register(M)

return M
