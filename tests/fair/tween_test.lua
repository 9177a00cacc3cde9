-- tween_test.lua — kiosk.ui.tween as pure functions: the easing curves, the
-- progress of a motion at a given time, and a tween object on a clock the
-- test owns (frames requested only while it moves).
local tween = require "kiosk.ui.tween"
local T = {}

local function near(a, b, eps) return math.abs(a - b) <= (eps or 1e-9) end

function T.test_every_curve_starts_at_0_and_ends_at_1()
  for name, fn in pairs(tween.ease) do
    assert(near(fn(0), 0, 1e-9), name .. "(0) = " .. fn(0))
    assert(near(fn(1), 1, 1e-9), name .. "(1) = " .. fn(1))
  end
end

function T.test_curves_that_do_not_overshoot_rise_monotonically()
  for name, fn in pairs(tween.ease) do
    if name ~= "out_back" then
      local last = 0
      for k = 1, 100 do
        local v = fn(k / 100)
        assert(v >= last - 1e-12 and v <= 1 + 1e-12, string.format("%s at %.2f: %.4f after %.4f", name, k / 100, v, last))
        last = v
      end
    end
  end
end

function T.test_shapes_of_the_curves()
  assert(near(tween.ease.linear(0.25), 0.25))
  assert(tween.ease.out_cubic(0.5) > 0.5 and tween.ease.in_cubic(0.5) < 0.5, "out: fast then slow; in: slow then fast")
  assert(near(tween.ease.out_cubic(0.5), 0.875))
  assert(near(tween.ease.in_out_cubic(0.5), 0.5) and near(tween.ease.in_out_sine(0.5), 0.5))
  assert(near(tween.ease.in_out_quad(0.25), 0.125))
  -- out_back lands past the end and settles back (about 10 %)
  local peak = 0
  for k = 0, 100 do peak = math.max(peak, tween.ease.out_back(k / 100)) end
  assert(peak > 1.05 and peak < 1.15, "out_back peak " .. peak)
end

function T.test_progress_is_exact_before_and_after()
  assert(tween.progress(900, 1000, 400) == 0, "before the start")
  assert(tween.progress(1000, 1000, 400) == 0, "at the start")
  assert(tween.progress(1400, 1000, 400, "out_back") == 1, "at the end, whatever the curve")
  assert(tween.progress(99999, 1000, 400) == 1, "long after")
  assert(near(tween.progress(1200, 1000, 400, "linear"), 0.5))
  assert(tween.progress(1000, 1000, 0) == 0 and tween.progress(1001, 1000, 0) == 1, "a zero-length motion jumps")
end

function T.test_at_interpolates_between_any_two_values()
  assert(tween.at(400, 0, 1000, 1000, 300, "out_cubic") == 400)
  assert(tween.at(400, 0, 1300, 1000, 300, "out_cubic") == 0)
  assert(near(tween.at(0, 999, 1500, 1000, 1000, "linear"), 499.5))
  assert(near(tween.at(-10, 10, 1150, 1000, 300, "linear"), 0))
end

function T.test_unknown_curve_is_a_clear_error()
  local ok, err = pcall(tween.progress, 1, 0, 10, "bouncy")
  assert(not ok and tostring(err):find("no easing named 'bouncy'"), tostring(err))
end

function T.test_steps_and_colours()
  assert(tween.steps(0.99, 4) == 0.75 and tween.steps(1, 4) == 1 and tween.steps(-1, 4) == 0)
  assert(tween.mix("#000000", "#ffffff", 0) == "#000000")
  assert(tween.mix("#000000", "#ffffff", 1) == "#ffffff")
  assert(tween.mix("#e21b3c", "#f3f5f9", 0.5) == "#eb889b", tween.mix("#e21b3c", "#f3f5f9", 0.5))
end

-- A tween object on the test's clock: its value follows the clock (not the
-- number of frames drawn), and it asks for frames exactly until it arrives.
function T.test_tween_on_a_clock_asks_for_frames_only_while_moving()
  local now, asked = 5000, {}
  local clock, frames = tween.clock, tween.frames
  tween.clock = function() return now end
  tween.frames = function(ms) asked[#asked + 1] = ms end
  local ok, err = pcall(function()
    local tw = tween.new { from = 300, to = 0, ms = 400, delay = 100, ease = "linear" }
    assert(#asked == 1 and asked[1] == 500, "frames for the delay and the motion: " .. tostring(asked[1]))
    assert(tw:value() == 300 and not tw:done(), "still waiting out its delay")
    now = 5300
    assert(near(tw:value(), 150) and near(tw:fraction(), 0.5))
    now = 5500
    assert(tw:value() == 0 and tw:done() and tw:ends_at() == 5500)
    -- Restarted after it ended: frames again, for the delay and the motion.
    tw:restart()
    assert(asked[2] == 500 and tw:value() == 300)
    -- One that is already over when made asks for nothing.
    local past = tween.new { from = 0, to = 1, ms = 100, start = 1000 }
    assert(#asked == 2 and past:value() == 1)
  end)
  tween.clock, tween.frames = clock, frames
  assert(ok, err)
end

function T.test_bad_arguments_are_refused()
  assert(not pcall(tween.new, { from = "a", to = 1, ms = 10, start = 0 }))
  assert(not pcall(tween.new, { from = 0, to = 1, ms = -1, start = 0 }))
end

return T
