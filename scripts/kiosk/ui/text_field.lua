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
--
-- The caret: typing, candidates and ⌫ work where it stands (a steady bar,
-- no blinking, so an idle screen draws nothing). A tap in the field puts it
-- at the nearest character; the keyboard's ◀ ▶ keys (field:move("left"|"right"))
-- and a physical keyboard's Left, Right, Home, End, Up, Down (text areas),
-- Backspace and Delete move it or delete there. A one-line field scrolls
-- sideways and a text area by lines so the caret stays in view.
-- field:set_caret(byte_offset), field:caret_pos(); the editing logic itself
-- is kiosk.ui.text_edit (a "character" there is what the candidate sees as
-- one: combining marks and emoji sequences move and delete as one).
local core = require "kiosk.ui.core"
local edit = require "kiosk.ui.text_edit"

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
  self.caret = #self.value -- a byte offset at a character boundary (kiosk.ui.text_edit)
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

-- The caret, valid even when a screen replaced self.value directly.
function Field:caret_pos()
  local c = self.caret
  if type(c) ~= "number" or c < 0 or c > #self.value then c = #self.value end
  if c < #self.value then
    local byte = self.value:byte(c + 1)
    if byte >= 0x80 and byte < 0xC0 then c = edit.clamp(self.value, c) end -- inside a code point
  end
  self.caret = c
  return c
end

function Field:set_caret(pos)
  self.caret = edit.clamp(self.value, pos)
  self.goal_x = nil
  kiosk.redraw()
end

-- Inserts text typed by any keyboard at the caret, filtered by the field's kind.
function Field:insert(text)
  local value, caret, changed = edit.insert(self.value, self:caret_pos(), text, accepts[self.kind], self.max_len)
  if changed then
    self.value, self.caret, self.goal_x = value, caret, nil
    self:changed()
  end
end

-- ⌫: the character before the caret.
function Field:backspace()
  local value, caret, changed = edit.delete_back(self.value, self:caret_pos())
  if changed then
    self.value, self.caret, self.goal_x = value, caret, nil
    self:changed()
  end
end

-- Delete: the character after the caret.
function Field:delete()
  local value, caret, changed = edit.delete_forward(self.value, self:caret_pos())
  if changed then
    self.value, self.caret, self.goal_x = value, caret, nil
    self:changed()
  end
end

-- The last caret place on line i of a text area: a caret at the very end
-- of a wrapped line would show at the start of the next one, so it stands
-- before the line's last character (its break space, in Latin text).
local function line_end(text, lines, i)
  local to = lines[i].to
  if i < #lines and to > lines[i].from then to = edit.left(text, to) end
  return to
end

-- The cursor keys: "left", "right", "home", "end" (of the line in a text
-- area, of the text in a one-line field), "up", "down" (text areas).
function Field:move(dir)
  local c = self:caret_pos()
  -- A text area's lines as of now (typing since the last frame re-breaks them).
  if self.wrapped and self.wrapped.text ~= self.value then
    self:wrap(self.value, self.wrapped.width, self.wrapped.size)
  end
  if dir == "left" then self:set_caret(edit.left(self.value, c))
  elseif dir == "right" then self:set_caret(edit.right(self.value, c))
  elseif dir == "home" or dir == "end" then
    local w = self.wrapped
    local i = w and edit.line_of(w.lines, c)
    if dir == "home" then self:set_caret(w and w.lines[i].from or 0)
    else self:set_caret(w and line_end(self.value, w.lines, i) or #self.value) end
  elseif (dir == "up" or dir == "down") and self.wrapped then
    local w = self.wrapped
    local i = edit.line_of(w.lines, c)
    local j = dir == "up" and i - 1 or i + 1
    if j < 1 then self:set_caret(0) return end
    if j > #w.lines then self:set_caret(#self.value) return end
    local goal = self.goal_x or w.prefix(w.lines[i].from, c)
    local target = w.lines[j]
    self:set_caret(edit.hit(self.value, target.from, line_end(self.value, w.lines, j), goal, w.prefix))
    self.goal_x = goal -- up, up keeps the column
  end
end

function Field:set_value(v)
  self.value = v or ""
  self.caret = #self.value
  self:changed()
end

function Field:changed()
  kiosk.redraw()
  if self.on_change then self.on_change(self.value, self) end
end

function Field:submit()
  if self.on_submit then self.on_submit(self.value, self) end
end

local moves = { Left = "left", Right = "right", Home = "home", End = "end", Up = "up", Down = "down" }

function Field:event(e)
  if e.type == "press" then
    self:focus()
    self:place_caret(e.x, e.y)
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
    if e.key == "Delete" then self:delete() return true end
    local dir = moves[e.key]
    -- Up and Down are a text area's; a one-line field leaves them to others.
    if dir and (self.lines or (dir ~= "up" and dir ~= "down")) and self.preedit == "" then
      self:move(dir)
      return true
    end
    if e.key == "Return" or e.key == "Keypad Enter" then self:submit() return true end
  end
  return false
end

-- ---- what is shown, and where the caret is in it ----

-- The text as drawn (dots for a masked field, the input method's
-- composition at the caret), the caret's byte offset in it, and the
-- composition's byte range.
function Field:display()
  local c = self:caret_pos()
  local shown, at = self.value, c
  if masked[self.kind] then
    shown = string.rep("•", self:length())
    at = #"•" * (utf8.len(self.value, 1, c) or 0)
  end
  local pre = self.preedit or ""
  if pre == "" then return shown, at, at, at end
  return shown:sub(1, at) .. pre .. shown:sub(at + 1), at + #pre, at, at + #pre
end

-- Width of text:sub(from + 1, to) as drawn at size. Text layout leaves
-- trailing spaces out of a width, but a caret after a space stands after
-- it: such a span is measured with a bar after it, less the bar.
local function span_width(text, from, to, size)
  if to <= from then return 0 end
  local s = text:sub(from + 1, to)
  if s:find("%s$") or s:find("\u{3000}$") then
    local opts = { size = size }
    return gfx.measure(s .. "|", opts) - gfx.measure("|", opts)
  end
  return (gfx.measure(s, { size = size }))
end

-- Places the caret at the character nearest a tap (its drawn position from
-- the last frame: the field's lines or its horizontal scroll).
function Field:place_caret(px, py)
  local d = self.drawn
  if not d or self.preedit ~= "" then return end
  local text, size = d.text, d.size
  local function prefix(a, z) return span_width(text, a, z, size) end
  local pos
  if d.lines then
    local i = math.floor((py - d.top) / d.lh) + d.first
    i = math.max(1, math.min(#d.lines, i))
    pos = edit.hit(text, d.lines[i].from, line_end(text, d.lines, i), px - d.left, prefix)
  else
    pos = edit.hit(text, 0, #text, px - d.left + d.scroll, prefix)
  end
  if masked[self.kind] then -- dots back to characters
    pos = utf8.offset(self.value, (utf8.len(text, 1, pos) or 0) + 1) - 1
  end
  self:set_caret(pos)
end

-- A text area's lines for the current text and width, broken where
-- gfx.text breaks them (gfx.line_starts: Unicode line breaking and 禁则):
-- remade only when the text, width or size changed, so a frame with
-- nothing new lays out nothing.
function Field:wrap(text, width, size)
  local w = self.wrapped
  if w and w.text == text and w.width == width and w.size == size then return w end
  local starts = gfx.line_starts(text, { size = size, width = width })
  local lines = {}
  for i, from in ipairs(starts) do lines[i] = { from = from, to = starts[i + 1] or #text } end
  w = { text = text, width = width, size = size, lines = lines }
  w.prefix = function(a, z) return span_width(text, a, z, size) end
  self.wrapped = w
  return w
end

function Field:draw()
  local t = core.theme()
  local focused = self:focused()
  gfx.rect(self.x, self.y, self.w, self.h, core.color("surface"), t.radius * 0.6)
  gfx.rect(self.x, self.y, self.w, self.h, core.color(focused and "primary" or "border"), t.radius * 0.6, focused and 3 or 1.5)
  local size = core.font("body")
  local pad = t.space.m
  local text, caret, pre_from, pre_to = self:display()
  local _, lh = gfx.measure("国Ag", { size = size })
  local ty = self.y + (self.h - lh) / 2
  gfx.clip(self.x + 4, self.y, self.w - 8, self.h)
  local x = self.x + pad
  local caret_x, caret_y
  if self.lines then
    -- A text area: the text in lines of its own wrapping (so the caret and
    -- taps know where every character is), the caret's line kept in view.
    ty = self.y + pad
    local width = self.w - 2 * pad
    if text == "" then
      if not focused then
        gfx.text(self.placeholder or "", x, ty, { size = size, colour = core.color("placeholder"), width = width })
      else
        gfx.text(self.placeholder or "", x + 12, ty, { size = size, colour = core.color("placeholder"), width = width - 12 })
      end
    end
    local w = self:wrap(text, width, size)
    local lines = w.lines
    local room = math.max(1, math.floor((self.h - 2 * pad) / lh))
    local at = edit.line_of(lines, caret)
    local first = self.first_line or 1
    if at < first then first = at end
    if at > first + room - 1 then first = at - room + 1 end
    first = math.max(1, math.min(first, #lines - room + 1))
    self.first_line = first
    -- The text from the first line in view, wrapped as gfx.line_starts
    -- broke it (the same engine, from a line start: the same lines), one
    -- draw; the box's clip cuts what is below it, and a replay's `expect`
    -- reads only the lines wholly inside, as the candidate does.
    local last = math.min(#lines, first + room - 1)
    local rest = text:sub(lines[first].from + 1)
    if rest ~= "" then -- only whole lines: none half-shown in the padding below
      gfx.clip(self.x + 4, ty, self.w - 8, room * lh)
      gfx.text(rest, x, ty, { size = size, colour = core.color("text"), width = width })
      gfx.unclip()
    end
    for i = first, last do
      local line = lines[i]
      local ly = ty + (i - first) * lh
      -- the composition's part of this line, underlined
      local a, z = math.max(line.from, pre_from), math.min(line.to, pre_to)
      if z > a then
        local ux = x + w.prefix(line.from, a)
        gfx.rect(ux, ly + lh - 4, w.prefix(a, z), 2, core.color("primary"))
      end
      if i == at then caret_x, caret_y = x + w.prefix(line.from, caret), ly end
    end
    self.drawn = { text = text, size = size, lines = lines, first = first, top = ty, lh = lh, left = x }
  else
    self.wrapped = nil
    if text == "" then
      gfx.text(self.placeholder or self.label or "", x, ty, { size = size, colour = core.color("placeholder") })
    elseif self.label then
      local small = core.font("small")
      local _, sh = gfx.measure("国Ag", { size = small })
      local top = self.y + (self.h - sh - lh) / 2
      gfx.text(self.label, x, top, { size = small, colour = core.color(focused and "primary" or "muted") })
      ty = top + sh
    end
    -- One line scrolls sideways to keep the caret in view.
    local room = self.w - 2 * pad - 6
    local full = span_width(text, 0, #text, size)
    local cx = span_width(text, 0, caret, size)
    local scroll = self.hscroll or 0
    if cx - scroll > room then scroll = cx - room end
    if cx - scroll < 0 then scroll = cx end
    scroll = math.max(0, math.min(scroll, full - room))
    self.hscroll = scroll
    if pre_to > pre_from then -- the input method's composition at the caret, underlined
      local px = x - scroll + span_width(text, 0, pre_from, size)
      local pw = span_width(text, pre_from, pre_to, size)
      gfx.text(text:sub(1, pre_from), x - scroll, ty, { size = size, colour = core.color("text") })
      gfx.text(text:sub(pre_from + 1, pre_to), px, ty, { size = size, colour = core.color("primary") })
      gfx.rect(px, ty + lh - 4, pw, 2, core.color("primary"))
      gfx.text(text:sub(pre_to + 1), px + pw, ty, { size = size, colour = core.color("text") })
    elseif text ~= "" then
      gfx.text(text, x - scroll, ty, { size = size, colour = core.color("text") })
    end
    caret_x, caret_y = x - scroll + cx, ty
    self.drawn = { text = text, size = size, left = x, scroll = scroll }
  end
  -- A steady caret (no blinking: an idle screen draws no frames).
  if focused and caret_x then gfx.rect(caret_x, caret_y + 4, 3, lh - 8, core.color("primary")) end
  gfx.unclip()
  kiosk.element(self.label or self.placeholder or "text field", self.x, self.y, self.w, self.h)
end

function M.text_field(props) return core.new(Field, props or {}) end

return M
