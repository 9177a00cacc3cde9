-- attract_test.lua — the attract loop's timing (kiosk.ui.attract.timeline)
-- and the flow's slides (kiosk.flow.attract): pure logic, no screen.
local attract = require "kiosk.ui.attract"
local T = {}

function T.test_intro_then_still_then_fade()
  local t = attract.timeline(0, 8000, 1000)
  assert(t.intro and t.fade == 0 and t.step == 0 and t.fade_left == 1000)
  t = attract.timeline(500, 8000, 1000)
  assert(t.intro and t.fade == 0.5)
  t = attract.timeline(1000, 8000, 1000) -- the first slide, still for 7 s
  assert(not t.intro and t.step == 0 and t.fade == 0 and t.wait == 7000, t.wait)
  t = attract.timeline(7999, 8000, 1000)
  assert(t.step == 0 and t.fade == 0 and t.wait == 1)
  t = attract.timeline(8500, 8000, 1000) -- half-way into the second
  assert(t.step == 0 and t.fade == 0.5 and t.wait == 0 and t.fade_left == 500)
  t = attract.timeline(9000, 8000, 1000)
  assert(t.step == 1 and t.fade == 0 and t.wait == 7000)
end

-- Between fades the loop sleeps: of every 8 s, frames are needed for 1 s.
function T.test_frames_only_while_fading()
  local animated = 0
  for ms = 1000, 1000 + 8000 * 10 - 1, 10 do
    if attract.timeline(ms, 8000, 1000).fade > 0 then animated = animated + 10 end
  end
  -- (sampled every 10 ms: 99 samples after each fade's start, in 10 rounds)
  assert(animated == 9900, animated)
end

function T.test_each_slide_moves_from_the_last()
  for k = 0, 40 do
    local x1, y1 = attract.drift(k)
    local x2, y2 = attract.drift(k + 1)
    assert(x1 ~= x2 or y1 ~= y2, "slide " .. k .. " and the next at the same place")
  end
end

function T.test_rejects_a_fade_longer_than_the_slide()
  assert(not pcall(attract.timeline, 0, 1000, 1000))
  assert(not pcall(attract.timeline, 0, 8000, 0))
end

-- The flow's slides: title, size and time, touch to start, per language,
-- then the app's own (a function called again each round).
function T.test_flow_slides()
  local fa = require "kiosk.flow.attract"
  local strings = require "kiosk.flow.strings"
  local calls = 0
  local f = {
    languages = { "zh", "en" }, mode = "trade_fair", strings = strings, spec = {},
    set = { title = { zh = "快问快答", en = "Quick quiz" },
            sections = { { draw = 5, time_limit_s = 20, questions = {} } } },
    text = function(_, v) return type(v) == "table" and v.zh or v end,
  }
  local cfg = { slides = function() calls = calls + 1; return { { title = "前三名", lines = { "1. 小红 5995" } } } end }
  local list = fa.slides(f, {}, cfg)
  assert(#list == 7, #list)
  assert(list[1].title == "快问快答")
  assert(list[2].title == "共 5 题 · 约 2 分钟", list[2].title)
  assert(list[2].text == "快问快答：答得越快，得分越高")
  assert(list[3].title == "轻触屏幕，开始答题")
  assert(list[4].title == "Quick quiz" and list[5].title == "5 questions · about 2 minutes", list[5].title)
  assert(list[7].title == "前三名" and list[7].lines[1] == "1. 小红 5995")
  fa.slides(f, {}, cfg)
  assert(calls == 2, "the app's slides are asked for again each round")
  assert(fa.hint(f) == "轻触开始 · Touch to start")
  assert(#fa.slides(f, {}, { own = false, slides = {} }) == 0)
end

function T.test_size_without_a_clock()
  local fa = require "kiosk.flow.attract"
  local n, minutes = fa.size { sections = { { questions = { 1, 2, 3 } }, { draw = 2, questions = { 1, 2, 3 } } } }
  assert(n == 5 and minutes == nil)
  n, minutes = fa.size { time_limit_s = 1200, sections = { { questions = { 1 } } } }
  assert(n == 1 and minutes == 20)
end

return T
