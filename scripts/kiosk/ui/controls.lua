-- kiosk.ui.controls — the basic widgets: label, button, choice lists,
-- progress bar, countdown, image.
--
--   ui.label{ text=, size="body"|number, color=, bold=, align=, max_lines= }
--   ui.button{ label=, on_tap=function(btn) end, style="primary"|"secondary"|"ghost"|"danger",
--              enabled=true, size="normal"|"large", icon= }
--   ui.choice_list{ options={ {id="A", text="..."}, ... }, multi=false, selected={ "A" },
--                   on_change=function(selected_ids, list) end, letters=true, enabled=true,
--                   style=nil|"tiles", label_of=function(option) -> replay label,
--                   dense=false (short screens: tighter rows, short options two to a row),
--                   marks={ [id]="right"|"wrong" } (after checking: ✓ on the key, ✗ on a wrong pick) }
--                   A single choice shows radio rings, a multiple one checkboxes.
--   ui.fold_label{ text=, max_lines=2, size=, bold= }   folded to max_lines; a tap unfolds it
--   ui.progress{ value=0..1, text= }
--   ui.countdown{ deadline_ms=, total_ms=, style="ring"|"bar", on_expire=function() end, warn_ms=10000,
--                 sentence=function(seconds) -> text, announce_ms={ 300000, 60000 } }
--   ui.image{ name=, width=, height= }
local core = require "kiosk.ui.core"

local M = {}

-- ---- label ----
local Label = core.class("label")

function Label:opts(width)
  return {
    size = core.font(self.size or "body"), width = width, align = self.align, bold = self.bold,
    max_lines = self.max_lines, colour = core.color(self.color or "text"),
  }
end

function Label:measure(avail_w)
  if self.text == nil or self.text == "" then return 0, 0 end
  local w, h = gfx.measure(self.text, self:opts(avail_w))
  -- A unit to spare on the natural width: at a fractional scale (4K, large
  -- text in portrait) the width measured in logical units can round a hair
  -- short of the pixels, and the last character would wrap ("272" / "2").
  return self.align and avail_w or math.min(avail_w, w + 1), h
end

function Label:draw()
  if self.text and self.text ~= "" then gfx.text(self.text, self.x, self.y, self:opts(self.w)) end
end

function Label:set_text(text)
  if text ~= self.text then
    self.text = text
    core.request_layout()
  end
end

function M.label(props) return core.new(Label, props) end

-- ---- fold label: a text that may be folded to a few lines; a tap unfolds it ----
-- ui.fold_label{ text=, max_lines=2, size=, bold=, color=, folded=true }
-- The question stem above a written answer's keyboard: it stays on screen
-- in a few lines, and a tap shows it whole (and folds it again).
local FoldLabel = core.class("fold_label", Label)

function FoldLabel:init()
  if self.folded == nil then self.folded = true end
end

function FoldLabel:opts(width)
  local o = Label.opts(self, width and width - self:mark_w() or width)
  o.max_lines = self.folded and self.fold_lines or nil
  return o
end

function FoldLabel:mark_w() return core.font("small") * 1.6 end

-- Whether the text is longer than its folded lines (then it can unfold).
function FoldLabel:foldable(width)
  local o = Label.opts(self, width - self:mark_w())
  local _, _, lines = gfx.measure(self.text, o)
  return (lines or 1) > (self.fold_lines or 2)
end

function FoldLabel:measure(avail_w)
  local _, h = gfx.measure(self.text, self:opts(avail_w))
  return avail_w, h
end

function FoldLabel:draw()
  gfx.text(self.text, self.x, self.y, self:opts(self.w))
  if self:foldable(self.w) then
    local mark = self.folded and "▾" or "▴"
    local size = core.font("small")
    local mw = gfx.measure(mark, { size = size, bold = true })
    gfx.text(mark, self.x + self.w - mw, self.y, { size = size, bold = true, colour = core.color("primary") })
    kiosk.element(mark, self.x, self.y, self.w, self.h)
  end
end

function FoldLabel:event(e)
  if not self:foldable(self.w) then return false end
  if e.type == "release" and self:contains(e.x, e.y) then
    self.folded = not self.folded
    core.request_layout()
    kiosk.redraw()
    return true
  end
  return e.type == "press"
end

function M.fold_label(props)
  props.fold_lines = props.max_lines or 2
  props.max_lines = nil
  return core.new(FoldLabel, props)
end

-- ---- pressable: press on touch-down, act on touch-up inside, cancel on slide-out ----
local Pressable = core.class("pressable")
M.Pressable = Pressable

function Pressable:event(e)
  if self.enabled == false then return false end
  if e.type == "press" then
    self.pressed, self.tracking = true, true
    core.capture(self)
    kiosk.redraw()
    return true
  elseif e.type == "move" and self.tracking then
    local inside = self:contains(e.x, e.y)
    if inside ~= self.pressed then
      self.pressed = inside
      kiosk.redraw()
    end
    return true
  elseif e.type == "release" and self.tracking then
    local hit = self.pressed and self:contains(e.x, e.y)
    self.pressed, self.tracking = false, false
    core.release_capture(self)
    kiosk.redraw()
    if hit then self:activate(e) end
    return true
  elseif e.type == "cancel" then
    self.pressed, self.tracking = false, false
    kiosk.redraw()
    return true
  end
  return false
end

function Pressable:activate() end

-- ---- button ----
local Button = core.class("button", Pressable)

local button_colors = {
  primary = { "primary", "primary_pressed", "on_primary" },
  secondary = { "secondary", "secondary_pressed", "text" },
  danger = { "danger", "danger_pressed", "on_primary" },
  ghost = { nil, "secondary", "primary" },
}

function Button:text_opts(width)
  local size = core.font(self.font_size or "button") * (self.size == "large" and 1.15 or 1)
  return { size = size, width = width, align = "center", bold = true, max_lines = 2 }
end

function Button:measure(avail_w)
  local t = core.theme()
  local px = self.size == "large" and t.space.xl or t.space.l
  -- The label wraps at the width draw() gives it (the button's less the
  -- small inset), not less the wide padding: measured narrower, a label
  -- drawn on one line ("I do not agree", "−1") made its button two lines tall.
  local w, h = gfx.measure(self.label, self:text_opts(avail_w - 2 * t.space.s))
  local min_h = t.touch_min * (self.size == "large" and 1.3 or 1)
  return math.min(avail_w, self.width or w + 2 * px), math.max(min_h, h + 2 * t.space.s)
end

function Button:draw()
  local t = core.theme()
  local style = button_colors[self.style or "primary"] or button_colors.primary
  local bg, fg = style[self.pressed and 2 or 1], style[3]
  if self.enabled == false then bg, fg = "disabled", "on_primary" end
  -- Pressed: darker and nudged down a little, so the finger feels it at once.
  local dy = self.pressed and 2 or 0
  if bg then gfx.rect(self.x, self.y + dy, self.w, self.h, core.color(bg), t.radius) end
  if self.style == "ghost" and not self.pressed then
    gfx.rect(self.x, self.y, self.w, self.h, core.color("primary"), t.radius, 2)
  end
  local opts = self:text_opts(self.w - 2 * t.space.s)
  local _, th = gfx.measure(self.label, opts)
  opts.colour = core.color(fg)
  gfx.text(self.label, self.x + t.space.s, self.y + dy + (self.h - th) / 2, opts)
  if self.enabled ~= false then kiosk.element(self.element_label or self.label, self.x, self.y, self.w, self.h) end
end

function Button:activate()
  if self.on_tap then self.on_tap(self) end
end

function M.button(props)
  assert(props.label, "ui.button needs a label")
  return core.new(Button, props)
end

-- ---- choice list ----
-- One option row: a letter badge, the text, and a check mark when selected.
local Option = core.class("option", Pressable)

function Option:geometry(width)
  local t = core.theme()
  local badge = core.font("option") * 1.6
  local text_x = t.space.m + (self.list.letters ~= false and badge + t.space.m or 0)
  return badge, text_x, width - text_x - t.space.m - badge
end

function Option:measure(avail_w)
  local t = core.theme()
  local badge, _, text_w = self:geometry(avail_w)
  local _, h = gfx.measure(self.option.text, { size = core.font("option"), width = text_w, bold = self.list.style == "tiles" })
  local min_h = self.list.style == "tiles" and 2 * t.touch_min or t.touch_min + 8 -- tiles: hit at a glance
  -- Dense (a short screen): less air around the text, never below the touch minimum.
  if self.list.dense then return avail_w, math.max(min_h - 8, h + 2 * t.space.s, badge + 2 * t.space.xs) end
  return avail_w, math.max(min_h, h + 2 * t.space.m, badge + 2 * t.space.s)
end

-- A tile: a big block of colour per answer (the trade fair's look), the
-- letter in a white disc, white text; the chosen one gets a thick ring.
function Option:draw_tile()
  local t = core.theme()
  local colors = t.tile_colors
  local selected = self.list:is_selected(self.option.id)
  local bg = colors[(self.index - 1) % #colors + 1]
  gfx.rect(self.x, self.y, self.w, self.h, bg, t.radius)
  if self.pressed then gfx.rect(self.x, self.y, self.w, self.h, "#00000040", t.radius) end
  if selected then gfx.rect(self.x + 3, self.y + 3, self.w - 6, self.h - 6, "#ffffff", t.radius - 2, 6) end
  local badge, text_x, text_w = self:geometry(self.w)
  local cy = self.y + self.h / 2
  local bx = self.x + t.space.m + badge / 2
  gfx.circle(bx, cy, badge / 2, "#ffffff")
  local letter = tostring(self.option.letter or self.option.id)
  local size = core.font("option")
  local lw, lh = gfx.measure(letter, { size = size * 0.85, bold = true })
  gfx.text(letter, bx - lw / 2, cy - lh / 2, { size = size * 0.85, bold = true, colour = bg })
  local _, th = gfx.measure(self.option.text, { size = size, width = text_w, bold = true })
  gfx.text(self.option.text, self.x + text_x, cy - th / 2, { size = size, width = text_w, bold = true, colour = "#ffffff" })
  if self.list.enabled ~= false then
    kiosk.element(self.list.label_of(self.option), self.x, self.y, self.w, self.h)
    kiosk.element(letter, self.x, self.y, self.w, self.h)
  end
end

-- The control on the right: a radio ring (one answer) or a checkbox
-- (several), filled when chosen; after checking (marks), a ✓ on the right
-- answer and a ✗ on a wrong pick — shapes, not colour alone.
function Option:draw_indicator(cx, cy, size, selected, mark)
  local r = size * 0.3
  if mark == "right" or mark == "wrong" then
    local c = core.color(mark == "right" and "success" or "danger")
    gfx.circle(cx, cy, r * 1.25, c)
    local glyph = mark == "right" and "✓" or "✗"
    local gs = core.font("option")
    local gw, gh = gfx.measure(glyph, { size = gs, bold = true })
    gfx.text(glyph, cx - gw / 2, cy - gh / 2, { size = gs, bold = true, colour = core.color("on_primary") })
    return
  end
  local on, off = core.color("primary"), core.color("muted")
  if self.list.multi then
    if selected then
      gfx.rect(cx - r, cy - r, 2 * r, 2 * r, on, 6)
      local m = r * 0.6
      gfx.line(cx - m, cy, cx - m * 0.2, cy + m * 0.75, core.color("on_primary"), 4)
      gfx.line(cx - m * 0.2, cy + m * 0.75, cx + m, cy - m * 0.7, core.color("on_primary"), 4)
    else
      gfx.rect(cx - r, cy - r, 2 * r, 2 * r, off, 6, 2.5)
    end
  else
    gfx.circle(cx, cy, r, selected and on or off, 2.5)
    if selected then gfx.circle(cx, cy, r * 0.55, on) end
  end
end

function Option:draw()
  if self.list.style == "tiles" then return self:draw_tile() end
  local t = core.theme()
  local selected = self.list:is_selected(self.option.id)
  local mark = self.list.marks and self.list.marks[self.option.id]
  local badge, text_x, text_w = self:geometry(self.w)
  local bg = selected and not mark and "selected_bg" or "surface"
  if self.pressed then bg = "secondary_pressed" end
  local edge = mark == "right" and "success" or mark == "wrong" and "danger" or selected and "primary" or "border"
  gfx.rect(self.x, self.y, self.w, self.h, core.color(bg), t.radius)
  gfx.rect(self.x, self.y, self.w, self.h, core.color(edge), t.radius, (selected or mark) and 3 or 1.5)
  local cy = self.y + self.h / 2
  if self.list.letters ~= false then
    local bx = self.x + t.space.m + badge / 2
    if selected then gfx.circle(bx, cy, badge / 2, core.color("primary"))
    else gfx.circle(bx, cy, badge / 2, core.color("border"), 2) end
    local letter = tostring(self.option.letter or self.option.id) -- letter: its place on screen, when shuffled
    local lw, lh = gfx.measure(letter, { size = core.font("option") * 0.85, bold = true })
    gfx.text(letter, bx - lw / 2, cy - lh / 2, { size = core.font("option") * 0.85, bold = true,
             colour = core.color(selected and "on_primary" or "muted") })
  end
  local _, th = gfx.measure(self.option.text, { size = core.font("option"), width = text_w })
  gfx.text(self.option.text, self.x + text_x, cy - th / 2,
           { size = core.font("option"), width = text_w, colour = core.color("text") })
  -- Radio or checkbox: selection must not rely on colour alone.
  self:draw_indicator(self.x + self.w - t.space.m - badge / 2, cy, badge, selected, mark)
  if self.list.enabled ~= false then
    -- Both the letter and the full text find this option from a replay.
    kiosk.element(self.list.label_of(self.option), self.x, self.y, self.w, self.h)
    kiosk.element(tostring(self.option.letter or self.option.id), self.x, self.y, self.w, self.h)
  end
end

function Option:activate()
  self.list:toggle(self.option.id)
end

local ChoiceList = core.class("choice_list")

function ChoiceList:init()
  self.gap = self.gap or (self.dense and core.theme().space.xs + 2 or core.theme().space.s)
  self.label_of = self.label_of or function(opt) return opt.label or (tostring(opt.id) .. ". " .. opt.text) end
  local sel = {}
  for _, id in ipairs(self.selected or {}) do sel[id] = true end
  self.chosen = sel
  self.children = {}
  for i, opt in ipairs(self.options) do
    assert(opt.id ~= nil and opt.text, "choice_list option " .. i .. " needs id and text")
    self.children[i] = core.new(Option, { option = opt, list = self, enabled = self.enabled, index = i })
  end
end

function ChoiceList:is_selected(id) return self.chosen[id] == true end

-- The selected ids, in option order.
function ChoiceList:selection()
  local out = {}
  for _, opt in ipairs(self.options) do
    if self.chosen[opt.id] then out[#out + 1] = opt.id end
  end
  return out
end

function ChoiceList:toggle(id)
  if self.multi then self.chosen[id] = not self.chosen[id] or nil
  else self.chosen = { [id] = true } end
  kiosk.redraw()
  if self.on_change then self.on_change(self:selection(), self) end
end

function ChoiceList:set_selection(ids)
  self.chosen = {}
  for _, id in ipairs(ids or {}) do self.chosen[id] = true end
  kiosk.redraw()
end

-- Tiles go two to a row on a wide screen; rows are as tall as their
-- tallest tile.
-- Dense lists on a wide screen go two to a row too when every option's
-- text fits on one line of half the width (short answers on a short
-- screen: all four visible without scrolling).
function ChoiceList:columns(avail_w)
  if self.style == "tiles" and avail_w >= 900 then return 2 end
  if self.dense and avail_w >= 800 then
    local half = (avail_w - self.gap) / 2
    for _, c in ipairs(self.children) do
      local _, _, text_w = c:geometry(half)
      local _, _, lines = gfx.measure(c.option.text, { size = core.font("option"), width = text_w })
      if (lines or 2) > 1 then return 1 end
    end
    return 2
  end
  return 1
end

function ChoiceList:rows(avail_w)
  local cols = self:columns(avail_w)
  local cw = (avail_w - (cols - 1) * self.gap) / cols
  local rows = {}
  for i, c in ipairs(self.children) do
    local r = (i - 1) // cols + 1
    local _, ch = c:measure(cw)
    rows[r] = math.max(rows[r] or 0, ch)
  end
  return rows, cols, cw
end

function ChoiceList:measure(avail_w)
  local rows = self:rows(avail_w)
  local h = 0
  for r, rh in ipairs(rows) do h = h + rh + (r > 1 and self.gap or 0) end
  return avail_w, h
end

function ChoiceList:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local rows, cols, cw = self:rows(w)
  local cy = y
  for i, c in ipairs(self.children) do
    local r, col = (i - 1) // cols + 1, (i - 1) % cols
    c:layout(x + col * (cw + self.gap), cy, cw, rows[r])
    if col == cols - 1 or i == #self.children then cy = cy + rows[r] + self.gap end
  end
end

function ChoiceList:draw() self:draw_children() end
function ChoiceList:event(e)
  if self.enabled == false then return false end
  return self:event_children(e)
end

function M.choice_list(props)
  assert(type(props.options) == "table", "ui.choice_list needs options")
  return core.new(ChoiceList, props)
end

-- ---- progress ----
local Progress = core.class("progress")

-- Its text wraps inside its own width (a narrow header row: large text
-- beside the header's buttons), never running under them.
function Progress:measure(avail_w)
  local h = 12
  if self.text then
    local _, th = gfx.measure(self.text, { size = core.font("small"), width = avail_w })
    h = h + th + 6
  end
  return avail_w, h
end

function Progress:draw()
  local y = self.y
  if self.text then
    local _, th = gfx.text(self.text, self.x, y, { size = core.font("small"), width = self.w, colour = core.color("muted") })
    y = y + th + 6
  end
  local v = math.max(0, math.min(1, self.value or 0))
  gfx.rect(self.x, y, self.w, 12, core.color("secondary"), 6)
  if v > 0 then gfx.rect(self.x, y, math.max(12, self.w * v), 12, core.color("primary"), 6) end
end

function M.progress(props) return core.new(Progress, props) end

-- ---- countdown ----
-- Redraws once a second (ten times a second in its last ten), fires
-- on_expire once; timers are cancelled when it leaves the screen.
-- The clock reads m:ss all the way down ("0:45"). A ring sizes its digits to
-- fit inside it, and grows with large text. sentence(seconds), for a bar,
-- is the text over it built from the live number ("5 秒后回到首页"), so a
-- sentence and the bar can never disagree; style = "text" is that sentence
-- alone (color, bold: its look), for a clock shown elsewhere. Crossing each of announce_ms
-- (default 5 and 1 minutes, those the countdown started above and, by
-- default, under half its total) shows a short banner ("还剩 5 分钟"), a
-- warning that is more than a colour.
local Countdown = core.class("countdown")

local ANNOUNCE_MS = { 300000, 60000 }

function Countdown:remaining()
  return math.max(0, (self.deadline_ms or 0) - kiosk.now())
end

function Countdown:measure(avail_w)
  if self.style == "text" then
    local _, th = gfx.measure(self.sentence(99), { size = core.font(self.size or "body"), width = avail_w,
                                                   bold = self.bold })
    return avail_w, th
  end
  if self.style == "bar" then
    local _, th = gfx.measure(self.sentence and self.sentence(99) or "0:00", { size = core.font("small"), width = avail_w })
    return avail_w, th + 18
  end
  local d = (self.diameter or 84) * core.theme().font_scale
  return d, d
end

function Countdown:attach()
  -- Only the marks still ahead are announced (a resumed paper with 3 minutes
  -- left does not say "5 minutes left").
  -- The default marks only on long clocks (a mark under half the total):
  -- a two-minute question's own clock does not say "1 minute left".
  local left = self:remaining()
  local total = self.total_ms or left
  self.marks = {}
  if self.style ~= "bar" and self.style ~= "text" then
    for _, mark in ipairs(self.announce_ms or ANNOUNCE_MS) do
      if left > mark and (self.announce_ms or mark < total / 2) then self.marks[#self.marks + 1] = mark end
    end
  end
  self:schedule()
end

local function minutes_text(ms)
  local m = ms // 60000
  if core.state.lang == "en" then return m == 1 and "1 minute left" or string.format("%d minutes left", m) end
  return string.format("还剩 %d 分钟", m)
end

function Countdown:announce(left)
  for i = #self.marks, 1, -1 do
    local mark = self.marks[i]
    if left <= mark then
      table.remove(self.marks, i)
      -- Several marks passed at once (a long pause): the latest one speaks.
      if not self.marks[i - 1] or left > self.marks[i - 1] then core.banner(minutes_text(mark), 6000, "warning") end
    end
  end
end

function Countdown:schedule()
  if self.timer then kiosk.cancel(self.timer) end
  local left = self:remaining()
  if self.marks then self:announce(left) end
  if left <= 0 then
    self.timer = nil
    if not self.fired then
      self.fired = true
      kiosk.redraw()
      if self.on_expire then self.on_expire(self) end
    end
    return
  end
  local warn = self.warn_ms or 10000
  local step = left <= warn and 100 or 1000
  local next_in = left % step
  if next_in == 0 then next_in = step end
  self.timer = kiosk.after(next_in, function()
    kiosk.redraw()
    self:schedule()
  end)
end

function Countdown:detach()
  if self.timer then kiosk.cancel(self.timer) end
  self.timer = nil
end

local function clock_text(ms)
  local s = math.ceil(ms / 1000)
  return string.format("%d:%02d", s // 60, s % 60)
end
M.clock_text = clock_text

function Countdown:draw()
  local left = self:remaining()
  local total = self.total_ms or left
  local frac = total > 0 and left / total or 0
  local colour = core.color(left <= (self.warn_ms or 10000) and "warning" or "primary")
  if left == 0 then colour = core.color("danger") end
  local text = clock_text(left)
  if self.style == "text" then
    gfx.text(self.sentence(math.ceil(left / 1000)), self.x, self.y,
             { size = core.font(self.size or "body"), width = self.w, bold = self.bold,
               colour = core.color(self.color or "text") })
    return
  end
  if self.style == "bar" then
    local opts = { size = core.font("small"), width = self.w, colour = colour, bold = true }
    if self.sentence then
      text = self.sentence(math.ceil(left / 1000))
      opts.align, opts.colour, opts.bold = "center", core.color("muted"), false
    else
      opts.align = "right"
    end
    local _, th = gfx.measure(text, opts)
    gfx.text(text, self.x, self.y, opts)
    gfx.rect(self.x, self.y + th + 6, self.w, 10, core.color("secondary"), 5)
    if frac > 0 then gfx.rect(self.x, self.y + th + 6, math.max(10, self.w * frac), 10, colour, 5) end
    return
  end
  local r = math.min(self.w, self.h) / 2
  local cx, cy = self.x + self.w / 2, self.y + self.h / 2
  gfx.circle(cx, cy, r, core.color("surface"))
  gfx.arc(cx, cy, r, 8, 0, 360, core.color("secondary"))
  if frac > 0 then gfx.arc(cx, cy, r, 8, 0, 360 * frac, colour) end
  -- The digits fit inside the ring: the widest the clock can read ("20:00"
  -- has as many digits as any m:ss under an hour) sets one size for the paper.
  local room = 2 * (r - 8) - 10
  local size = core.font("small")
  local widest = clock_text(math.max(total, left))
  local ww = gfx.measure(widest, { size = size, bold = true })
  if ww > room then size = math.max(8, math.floor(size * room / ww)) end
  local tw, th = gfx.measure(text, { size = size, bold = true })
  gfx.text(text, cx - tw / 2, cy - th / 2, { size = size, bold = true, colour = colour })
end

function M.countdown(props)
  assert(props.deadline_ms, "ui.countdown needs deadline_ms")
  assert(props.style ~= "text" or props.sentence, "ui.countdown style \"text\" needs a sentence")
  return core.new(Countdown, props)
end

-- ---- image ----
local Image = core.class("image")

-- Keeps the picture's proportions: width and/or height bound it, and it
-- is drawn centred in whatever box the layout gives it.
function Image:measure(avail_w)
  local iw, ih = gfx.image_size(self.name)
  local w, h = iw, ih
  if self.width then w, h = self.width, ih * self.width / iw end
  if self.height and h > self.height then w, h = w * self.height / h, self.height end
  if w > avail_w then w, h = avail_w, h * avail_w / w end
  return w, h
end

function Image:draw()
  local iw, ih = gfx.image_size(self.name)
  local k = math.min(self.w / iw, self.h / ih)
  local w, h = iw * k, ih * k
  gfx.image(self.name, self.x + (self.w - w) / 2, self.y + (self.h - h) / 2, w, h)
end

function M.image(props)
  assert(props.name, "ui.image needs a name")
  return core.new(Image, props)
end

return M
