-- kiosk.ui.tween — the widget kit's motion: values that move from one
-- number to another over a time, with an easing curve, on the runtime's
-- clock (kiosk.now()), so a replay sees every animation exactly as it was.
--
--   local tween = require "kiosk.ui.tween"           -- also ui.tween
--   local slide = tween.new { from = 400, to = 0, ms = 350, ease = "out_back", delay = 80 }
--   ... in a widget's draw():  local dy = slide:value()
--   slide:done() -> true once it has arrived;  slide:restart([at])
--
-- A tween asks the runtime for frames (kiosk.animate) from when it starts
-- until it ends, and not a moment longer: outside animations the kiosk
-- sleeps and draws nothing. Its value is read from kiosk.now() when drawn
-- (a frame's time), never summed from frame to frame, so a slow frame does
-- not slow the motion, and a replay's virtual clock gives the same frames
-- every run.
--
-- The pure part (what the unit test checks, no clock, no screen):
--   tween.ease[name](t)               t in 0..1 -> eased 0..1 (out_back overshoots on the way)
--       names: linear, in_quad, out_quad, in_out_quad, in_cubic, out_cubic,
--       in_out_cubic, out_back, in_out_sine
--   tween.progress(now, start, ms [, ease]) -> eased fraction (0 before start, 1 from start + ms on)
--   tween.at(from, to, now, start, ms [, ease])  -> the value at now
--   tween.lerp(a, b, t), tween.steps(t, n) (t rounded down to n steps: a colour
--   that changes in a few steps reuses the renderer's cached corner pieces),
--   tween.mix(hex_a, hex_b, t) -> "#rrggbb" (colours)
local M = {}

local ease = {}
M.ease = ease

function ease.linear(t) return t end
function ease.in_quad(t) return t * t end
function ease.out_quad(t) return 1 - (1 - t) * (1 - t) end
function ease.in_out_quad(t)
  if t < 0.5 then return 2 * t * t end
  return 1 - (-2 * t + 2) ^ 2 / 2
end
function ease.in_cubic(t) return t * t * t end
function ease.out_cubic(t) return 1 - (1 - t) ^ 3 end
function ease.in_out_cubic(t)
  if t < 0.5 then return 4 * t * t * t end
  return 1 - (-2 * t + 2) ^ 3 / 2
end
-- Overshoots by about 10 % and settles back: things that "land" (tiles, badges).
local BACK = 1.70158
function ease.out_back(t)
  local u = t - 1
  return 1 + (BACK + 1) * u * u * u + BACK * u * u
end
function ease.in_out_sine(t) return -(math.cos(math.pi * t) - 1) / 2 end

local function curve(name)
  if name == nil then return ease.out_cubic end
  if type(name) == "function" then return name end
  local fn = ease[name]
  if not fn then error("tween: no easing named '" .. tostring(name) .. "'", 3) end
  return fn
end

function M.lerp(a, b, t) return a + (b - a) * t end

-- How far (eased) a motion of ms starting at start is at now: exactly 0
-- before it starts and exactly 1 once it is over (whatever the curve).
function M.progress(now, start, ms, name)
  local fn = curve(name)
  if now <= start then return 0 end
  if ms <= 0 or now >= start + ms then return 1 end
  return fn((now - start) / ms)
end

function M.at(from, to, now, start, ms, name)
  return M.lerp(from, to, M.progress(now, start, ms, name))
end

-- t (0..1) rounded down to one of n steps (1 stays 1).
function M.steps(t, n)
  if t >= 1 then return 1 end
  if t <= 0 then return 0 end
  return math.floor(t * n) / n
end

local function parse(hex)
  return tonumber(hex:sub(2, 3), 16), tonumber(hex:sub(4, 5), 16), tonumber(hex:sub(6, 7), 16)
end

-- Colour a mixed towards b by t, as "#rrggbb" (a and b "#rrggbb").
function M.mix(a, b, t)
  local ar, ag, ab = parse(a)
  local br, bg, bb = parse(b)
  local function c(x, y) return math.max(0, math.min(255, math.floor(x + (y - x) * t + 0.5))) end
  return string.format("#%02x%02x%02x", c(ar, br), c(ag, bg), c(ab, bb))
end

-- ---- a tween on the runtime's clock ----

-- The clock and the frame request (the runtime's; a unit test swaps them).
function M.clock() return kiosk.now() end
function M.frames(ms) kiosk.animate(ms) end

local Tween = {}
Tween.__index = Tween

-- tween.new{ from = 0, to = 1, ms = 300, ease = "out_cubic", delay = 0, start = kiosk.now() }
function M.new(o)
  assert(type(o) == "table", "tween.new needs { from, to, ms }")
  local t = setmetatable({
    from = o.from or 0, to = o.to == nil and 1 or o.to, ms = o.ms or 300, delay = o.delay or 0,
    curve = curve(o.ease),
  }, Tween)
  assert(type(t.from) == "number" and type(t.to) == "number" and type(t.ms) == "number" and t.ms >= 0,
         "tween.new: from, to and ms must be numbers (ms >= 0)")
  t:restart(o.start)
  return t
end

-- Starts again (from `from`) at `at` (default now, plus the delay).
function Tween:restart(at)
  local now = M.clock()
  self.start = (at or now) + self.delay
  -- Frames from now until it has arrived; then the kiosk sleeps again.
  local left = self.start + self.ms - now
  if left > 0 then M.frames(math.ceil(left)) end
  return self
end

function Tween:value(now)
  return M.lerp(self.from, self.to, M.progress(now or M.clock(), self.start, self.ms, self.curve))
end

-- The eased fraction 0..1.
function Tween:fraction(now) return M.progress(now or M.clock(), self.start, self.ms, self.curve) end

function Tween:done(now) return (now or M.clock()) >= self.start + self.ms end

-- When it arrives (ms on the runtime clock).
function Tween:ends_at() return self.start + self.ms end

return M
