-- freeze/main.lua: a five-question exam that freezes the kiosk on a key
-- press, in each of the ways issue 9 found that the in-process time limit
-- cannot (or could not) stop. The watchdog tests (tests/watchdog/freeze.sh)
-- answer two questions, press the key, and check that the kiosk comes back
-- on question 3 with both answers kept.
--   F6  string.find(("a"):rep(3e4), ".-.-.-.-.-b")   Lua's C pattern matcher
--   F7  the same pattern through string.gsub
--   F8  a __gc finalizer that loops, run by a full collection
--   F9  a __gc finalizer that loops, run when the VM is closed (kiosk.restart)
--   F10 a PNG that declares 30000 x 30000 pixels (huge.png, made by the test)
--   F11 gfx.measure on 2 million characters
--   F4  no freeze: a plain script error, which the kiosk handles in-process
--   F12 nothing: only the log line (before the replay's own `hang`/`crash`)
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

local function q(id, a, b, answer)
  return exam.single { id = id, stem = a .. " + " .. b .. " = ?",
    options = { tostring(a + b), tostring(a + b + 1) }, answer = answer }
end

local app = flow.app {
  set = exam.set { id = "freeze", title = "看门狗测试", time_limit_s = 600,
    exam.section { id = "s", points = 1,
      q("q1", 1, 1, "A"), q("q2", 2, 2, "A"), q("q3", 3, 3, "A"), q("q4", 4, 4, "A"), q("q5", 5, 5, "A"),
    },
  },
  run = function(f)
    f:welcome {}
    local result = f:quiz()
    f:result(result)
    f:thanks()
  end,
}

local function loop_in_gc()
  setmetatable({}, { __gc = function() while true do end end })
end

local freezes = {
  F6 = function() return string.find(("a"):rep(3e4), ".-.-.-.-.-b") end,
  F7 = function() return string.gsub(("a"):rep(3e4), ".-.-.-.-.-b", "") end,
  F8 = function() loop_in_gc(); collectgarbage() end,
  F9 = function() loop_in_gc(); kiosk.restart() end,
  -- One call of these two ends by itself after seconds; called again and
  -- again, the time limit stops them between calls (its hook runs every so
  -- many instructions), if the watchdog did not first.
  F10 = function() while true do gfx.image_size("huge.png") end end,
  F11 = function() local s = ("字"):rep(2000000); while true do gfx.measure(s) end end,
  F4 = function() error("a deliberate script error") end,
  F12 = function() end,
}

-- The tests time the restart from these lines, and check the flag.
kiosk.log("exam app started, restarted_after_crash=" .. tostring(kiosk.config.restarted_after_crash == true))

local event = app.event
app.event = function(e)
  local freeze = e.type == "key" and freezes[e.key]
  if freeze then
    kiosk.log("freezing the kiosk with " .. e.key)
    freeze()
    return
  end
  return event(e)
end

return app
