-- kiosk.ui.text_field — one line of typed text with a caret.
--
--   ui.text_field{ placeholder=, value="", kind="text"|"name"|"phone"|"digits"|"pin"|"password",
--                  max_len=, label=, on_change=function(value, field) end,
--                  on_submit=function(value, field) end }
-- lines = N makes it a text area N lines high (long written answers).
-- A one-line field with a label keeps the label visible once it has a value:
-- the placeholder (or the label) fills an empty field, and as soon as there is
-- text the label sits small above it inside the box (the height never jumps).
-- Tapping it focuses it: the on-screen keyboard (ui.keyboard) and a physical
-- keyboard or the system input method (SDL text input) then type into it.
-- "phone"/"digits" fields accept digits only (phone: also + - and spaces);
-- "pin" takes digits and shows dots, "password" shows dots.
local core = require "kiosk.ui.core"

local M = {}
local Field = core.class("text_field")

local accepts = {
  phone = "^[%d%+%- ]$",
  digits = "^%d$",
  pin = "^%d$",
}
local masked = { pin = true, password = true }

function Field:init()
  self.value = self.value or ""
  self.preedit = ""
end

function Field:measure(avail_w)
  local t = core.theme()
  local _, h = gfx.measure("国Ag", { size = core.font("body") })
  if self.lines then return avail_w, self.lines * h + 2 * t.space.m end -- a text area
  if self.label then -- room for the small label over the value
    local _, lh = gfx.measure("国Ag", { size = core.font("small") })
    return avail_w, math.max(t.touch_min + 8, h + lh + 2 * t.space.s)
  end
  return avail_w, math.max(t.touch_min + 8, h + 2 * t.space.m)
end

function Field:focused() return core.state.focus == self end

function Field:focus()
  core.focus(self)
  kiosk.text_input(true, self.x, self.y, self.w, self.h)
  kiosk.redraw()
end

function Field:blur()
  self.preedit = ""
  kiosk.redraw()
end

function Field:length() return utf8.len(self.value) or #self.value end

-- Inserts text typed by any keyboard, filtered by the field's kind.
function Field:insert(text)
  local pattern = accepts[self.kind]
  local changed = false
  for _, cp in utf8.codes(text) do
    local ch = utf8.char(cp)
    if cp >= 32 and (not pattern or ch:match(pattern)) and (not self.max_len or self:length() < self.max_len) then
      self.value = self.value .. ch
      changed = true
    end
  end
  if changed then self:changed() end
end

function Field:backspace()
  if self.value == "" then return end
  local last = utf8.offset(self.value, -1)
  self.value = self.value:sub(1, last - 1)
  self:changed()
end

function Field:set_value(v)
  self.value = v or ""
  self:changed()
end

function Field:changed()
  kiosk.redraw()
  if self.on_change then self.on_change(self.value, self) end
end

function Field:submit()
  if self.on_submit then self.on_submit(self.value, self) end
end

function Field:event(e)
  if e.type == "press" then
    self:focus()
    return true
  end
  if not self:focused() then return false end
  if e.type == "text" then
    self.preedit = ""
    self:insert(e.text)
    return true
  elseif e.type == "edit" then
    self.preedit = e.text or ""
    kiosk.redraw()
    return true
  elseif e.type == "key" then
    if e.key == "Backspace" then self:backspace() return true end
    if e.key == "Return" or e.key == "Keypad Enter" then self:submit() return true end
  end
  return false
end

function Field:draw()
  local t = core.theme()
  local focused = self:focused()
  gfx.rect(self.x, self.y, self.w, self.h, core.color("surface"), t.radius * 0.6)
  gfx.rect(self.x, self.y, self.w, self.h, core.color(focused and "primary" or "border"), t.radius * 0.6, focused and 3 or 1.5)
  local size = core.font("body")
  local pad = t.space.m
  local shown = masked[self.kind] and string.rep("•", self:length()) or self.value
  local _, lh = gfx.measure("国Ag", { size = size })
  local ty = self.y + (self.h - lh) / 2
  gfx.clip(self.x + 4, self.y, self.w - 8, self.h)
  local x = self.x + pad
  if self.lines then
    -- A text area: wrapped text, the caret a bar after the last character,
    -- the last lines kept in view while the answer grows.
    ty = self.y + pad
    local text = shown .. self.preedit .. (focused and "▏" or "")
    local opts = { size = size, colour = core.color(text == "" and "placeholder" or "text"), width = self.w - 2 * pad }
    if shown == "" and self.preedit == "" and not focused then text = self.placeholder or "" end
    if shown == "" and self.preedit == "" and focused then
      gfx.text(self.placeholder or "", x + 12, ty, { size = size, colour = core.color("placeholder"), width = opts.width })
    end
    local _, th = gfx.measure(text, opts)
    local room = self.h - 2 * pad
    if th > room then ty = ty - (th - room) end
    gfx.text(text, x, ty, opts)
    gfx.unclip()
    kiosk.element(self.label or self.placeholder or "text field", self.x, self.y, self.w, self.h)
    return
  end
  if shown == "" and self.preedit == "" then
    gfx.text(self.placeholder or self.label or "", x, ty, { size = size, colour = core.color("placeholder") })
  else
    if self.label then
      local small = core.font("small")
      local _, sh = gfx.measure("国Ag", { size = small })
      local top = self.y + (self.h - sh - lh) / 2
      gfx.text(self.label, x, top, { size = small, colour = core.color(focused and "primary" or "muted") })
      ty = top + sh
    end
    local w = gfx.text(shown, x, ty, { size = size, colour = core.color("text") })
    x = x + w
    if self.preedit ~= "" then -- the input method's composition, underlined
      local pw = gfx.text(self.preedit, x, ty, { size = size, colour = core.color("primary") })
      gfx.rect(x, ty + lh - 4, pw, 2, core.color("primary"))
      x = x + pw
    end
  end
  if focused then gfx.rect(x + 2, ty + 4, 3, lh - 8, core.color("primary")) end
  gfx.unclip()
  kiosk.element(self.label or self.placeholder or "text field", self.x, self.y, self.w, self.h)
end

function M.text_field(props) return core.new(Field, props or {}) end

return M
