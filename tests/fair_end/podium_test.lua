-- podium_test.lua — the podium's motion (kiosk.flow.podium.rise: 3rd, 2nd,
-- then 1st rising, eased, each name fading in after its block) and the day
-- (local midnight) the podium's board starts at: pure logic.
local podium = require "kiosk.flow.podium"
local T = {}

function T.test_blocks_rise_in_turn_and_end_full()
  local h3 = podium.rise(100, 3)
  local h2 = podium.rise(100, 2)
  local h1 = podium.rise(100, 1)
  assert(h3 > 0 and h2 == 0 and h1 == 0, "3rd first")
  assert(select(1, podium.rise(300, 2)) > 0 and select(1, podium.rise(300, 1)) == 0)
  local last = -1
  for ms = 0, 2000, 10 do
    local h = podium.rise(ms, 1)
    assert(h >= last and h <= 1, "1st block's height goes only up, to full")
    last = h
  end
  local d = podium.duration()
  for place = 1, 3 do
    local h, a = podium.rise(d, place)
    assert(h == 1 and a == 1, "all in after duration()")
  end
end

function T.test_names_come_after_their_block()
  for place = 1, 3 do
    for ms = 0, 2000, 10 do
      local h, a = podium.rise(ms, place)
      if a > 0 then assert(h > 0.9, "a name shows only over a risen block") end
    end
  end
end

function T.test_the_day_starts_at_local_midnight()
  for _, ms in ipairs { 1795000000000, 1795010800000, 1767225600000, 1800000000123 } do
    local d = podium.day_start(ms)
    assert(d <= ms and ms - d < 86400000, "the same day")
    local t = os.date("*t", d // 1000)
    assert(t.hour == 0 and t.min == 0 and t.sec == 0 and d % 1000 == 0, "midnight")
    assert(os.date("*t", ms // 1000).day == t.day)
  end
end

return T
