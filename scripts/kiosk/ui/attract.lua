-- kiosk.ui.attract — the attract loop: full-screen slides that cross-fade
-- while nobody uses the kiosk (the welcome screen starts it after a minute):
-- the slide fades out and the next fades in, together fade_ms.
-- Each slide is drawn at a slightly different place than the one before, so
-- nothing stays pixel-identical for longer than one slide (burn-in). Between
-- fades nothing is scheduled but one timer: the kiosk sleeps and draws no
-- frame; frames come only during the fade (kiosk.animate). The timing runs
-- on kiosk.now(), the runtime's clock, so replays are deterministic.
--
--   local loop = ui.attract {
--     slides = { { title = "…", text = "…", lines = { "…" }, image = "x.png" }, … }   -- or a function
--     hint = "轻触开始 · Touch to start",   -- on every slide; also the element a replay taps
--     show_ms = 8000, fade_ms = 1000,        -- a slide every 8 s, of which 1 s cross-fading
--     logo = true,                           -- the brand's logo above each slide (ui.set_brand)
--     on_touch = function() … end,           -- any touch (on release, so it does nothing else)
--   }
--   ui.root(loop)
--
-- slides may be a function returning the list: it is called when the loop
-- starts and again after each full round, so live content (the trade fair's
-- top three of the day) is fresh each time it comes round. loop:set_slides(list
-- or function) replaces them from the next slide on.
local core = require "kiosk.ui.core"

local M = {}

M.SHOW_MS, M.FADE_MS = 8000, 1000

-- Where the loop is `elapsed` ms after it started (pure: the unit test's).
-- The first fade_ms fade the first slide in from the empty screen (intro);
-- then each slide stays still for show_ms - fade_ms and cross-fades into the
-- next for fade_ms. Returns { step = k (slides completed: the slide shown is
-- the k-th after the first), fade = 0..1 (0: still; else how far into the
-- next, or into the first when intro), intro = bool, wait = ms until the
-- next change (0 while fading: a frame each refresh) , fade_left = ms }.
function M.timeline(elapsed, show_ms, fade_ms)
  show_ms, fade_ms = show_ms or M.SHOW_MS, fade_ms or M.FADE_MS
  assert(fade_ms > 0 and show_ms > fade_ms, "attract: show_ms must be longer than fade_ms (> 0)")
  if elapsed < 0 then elapsed = 0 end
  if elapsed < fade_ms then
    return { step = 0, fade = elapsed / fade_ms, intro = true, wait = 0, fade_left = fade_ms - elapsed }
  end
  local e = elapsed - fade_ms
  local k = e // show_ms
  local into = e - k * show_ms
  local still = show_ms - fade_ms
  if into < still then return { step = k, fade = 0, intro = false, wait = still - into, fade_left = 0 } end
  return { step = k, fade = (into - still) / fade_ms, intro = false, wait = 0, fade_left = show_ms - into }
end

-- Where the k-th slide shown sits: a small offset (fractions of the free
-- room) that differs from one slide to the next and does not repeat with
-- the slides (five places; three or four slides).
M.DRIFT = { { 0, 0 }, { -0.6, 0.5 }, { 0.6, -0.4 }, { 0.5, 0.6 }, { -0.5, -0.6 } }
function M.drift(k)
  local d = M.DRIFT[k % #M.DRIFT + 1]
  return d[1], d[2]
end

-- "#rrggbb" with alpha a (0..1) as "#rrggbbaa". Only the alpha changes during
-- a fade: text keeps its cached rendering (rendered per colour, not alpha).
local function with_alpha(colour, a)
  local c = core.color(colour)
  return c:sub(1, 7) .. string.format("%02x", math.max(0, math.min(255, math.floor(a * 255 + 0.5))))
end

local Attract = core.class("attract")

function Attract:init()
  self.show_ms = self.show_ms or M.SHOW_MS
  self.fade_ms = self.fade_ms or M.FADE_MS
  M.timeline(0, self.show_ms, self.fade_ms) -- checks the pair now, at construction
  if self.logo == nil then self.logo = true end
  self.cache = {}
end

-- The slide shown at step k. A function's list is fetched again once a
-- round is over; the slides already on screen stay as they were.
function Attract:slide(k)
  local hit = self.cache[k]
  if hit then return hit end
  if not self.list or k >= self.base + #self.list then
    local s = self.slides
    local list = type(s) == "function" and s() or s
    if type(list) ~= "table" or #list == 0 then list = { { title = self.hint or "" } } end
    self.list, self.base = list, k
  end
  local slide = self.list[(k - self.base) % #self.list + 1]
  self.cache[k] = slide
  self.cache[k - 3] = nil
  return slide
end

-- New slides (a list or a function) from the next slide on.
function Attract:set_slides(slides)
  self.slides = slides
  self.list = nil
  local t = self.start and M.timeline(kiosk.now() - self.start, self.show_ms, self.fade_ms)
  if t then
    -- The slide coming in during a fade stays; the change shows after it.
    for k in pairs(self.cache) do if k > t.step + (t.fade > 0 and 1 or 0) then self.cache[k] = nil end end
  end
end

function Attract:attach()
  self.start = kiosk.now()
  self.list, self.cache = nil, {}
  self:tick()
end

function Attract:detach()
  if self.timer then kiosk.cancel(self.timer) end
  self.timer = nil
  self.start = nil
end

-- One timer at a time: to the start of the next fade while still (no
-- frames), to its end while fading (kiosk.animate keeps frames coming).
function Attract:tick()
  self.timer = nil
  if not self.start then return end
  local t = M.timeline(kiosk.now() - self.start, self.show_ms, self.fade_ms)
  kiosk.redraw()
  local wait
  if t.fade > 0 or t.intro then
    kiosk.animate(math.ceil(t.fade_left))
    wait = t.fade_left
  else
    wait = t.wait
  end
  self.timer = kiosk.after(math.max(1, math.ceil(wait)), function() self:tick() end)
end

function Attract:measure(avail_w) return avail_w, 0 end

-- The slide's parts, measured at `scale` of their sizes, width tw.
local function parts(self, s, tw, scale)
  local out, total = {}, 0
  local t = core.theme()
  local function add(p)
    p.gap = #out > 0 and t.space.l * scale or 0
    out[#out + 1] = p
    total = total + p.h + p.gap
  end
  if self.logo and not s.image then -- (a slide's own picture takes the logo's place)
    local brand = require "kiosk.ui.brand"
    local b = brand.current()
    if b and b.logo then
      local size = brand.SIZES.attract
      local iw, ih = gfx.image_size(b.logo)
      local h = size[1] * scale
      local w = iw * h / ih
      if w > size[2] then w, h = size[2], ih * size[2] / iw end
      add { image = b.logo, w = w, h = h }
    end
  end
  local iw, ih
  if s.image then
    local ok, w, h = pcall(gfx.image_size, s.image)
    if ok then iw, ih = w, h
    elseif not self.told then
      self.told = true -- once, not every frame
      kiosk.log("attract: slide image '" .. tostring(s.image) .. "' cannot be shown: " .. tostring(w))
    end
  end
  if iw and ih and iw > 0 and ih > 0 then
    local h = math.min(220 * scale, ih)
    local w = math.min(iw * h / ih, tw)
    add { image = s.image, w = w, h = ih * w / iw }
  end
  local function text(str, size, bold, colour, max_lines)
    if not str or str == "" then return end
    local opts = { size = core.font(size) * scale, bold = bold, width = tw, align = "center", max_lines = max_lines }
    local _, h = gfx.measure(str, opts)
    add { text = str, opts = opts, h = h, colour = colour }
  end
  text(s.title, t.font.title * 1.25, true, "text", 3)
  text(s.text, "heading", false, "muted", 4)
  for _, line in ipairs(s.lines or {}) do text(line, "heading", true, "text", 2) end
  text(s.hint or self.hint, "heading", true, "primary", 2)
  return out, total
end

-- Draws slide s at alpha a, drifted by step k.
function Attract:draw_slide(s, k, a)
  if a <= 0 or not s then return end
  local t = core.theme()
  local tw = math.min(self.w - 2 * t.space.xl, 1100)
  local list, total = parts(self, s, tw, 1)
  local room = self.h - 2 * t.space.l
  if total > room * 0.86 then list, total = parts(self, s, tw, room * 0.86 / total) end
  local dx, dy = M.drift(k)
  local free_x, free_y = math.max(0, self.w - tw), math.max(0, room - total)
  local x = self.x + (self.w - tw) / 2 + dx * math.min(free_x / 2, self.w * 0.06)
  local y = self.y + t.space.l + free_y / 2 + dy * math.min(free_y / 2, self.h * 0.08)
  local alpha = math.floor(a * 255 + 0.5)
  for _, p in ipairs(list) do
    y = y + p.gap
    if p.image then
      gfx.image(p.image, x + (tw - p.w) / 2, y, p.w, p.h, { 255, 255, 255, alpha })
    else
      p.opts.colour = with_alpha(p.colour, a)
      gfx.text(p.text, x, y, p.opts)
    end
    y = y + p.h
  end
end

function Attract:draw()
  if not self.start then return end
  local t = M.timeline(kiosk.now() - self.start, self.show_ms, self.fade_ms)
  if t.intro then
    self:draw_slide(self:slide(0), 0, t.fade)
  else
    -- The first half of a fade takes the slide out, the second brings the
    -- next in (at its new place): the two never overlap into a blur.
    if t.fade < 0.5 then self:draw_slide(self:slide(t.step), t.step, 1 - 2 * t.fade)
    else self:draw_slide(self:slide(t.step + 1), t.step + 1, 2 * t.fade - 1) end
  end
  -- The whole screen is one element: a replay taps it by the hint.
  kiosk.element(self.hint or "attract", self.x, self.y, self.w, self.h)
end

-- Any touch ends the loop; it acts on the release, so the finger that
-- lifts does not land on whatever the next screen has under it.
function Attract:event(e)
  if e.type == "press" then
    core.capture(self)
    return true
  elseif e.type == "release" then
    core.release_capture(self)
    if self.on_touch then self.on_touch() end
    return true
  elseif e.type == "key" then
    if self.on_touch then self.on_touch() end
    return true
  end
  return e.type == "move" or e.type == "cancel"
end

function M.new(props)
  return core.new(Attract, props)
end

return M
