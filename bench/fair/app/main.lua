-- bench/fair/app: the bundled trade fair's question loop (its questions,
-- brand and mode: lead-in, tiles, reveal, top five) played by itself in real
-- time, for bench/fair/run.sh. It answers each question BENCH_ANSWER_MS
-- after its tiles open (game:choose, as a tap would) and writes a marker to
-- the kiosk log as each part starts, so the runner can sort the frames
-- (QUIZKIOSK_BENCH=frames lines) by part:
--   bench-part lead_in | entrance | bar | reveal | board | still
-- and, for the top five's still time between two questions, the process's
-- CPU time over IDLE_MS (os.clock): "bench-idle <cpu ms> <wall ms>".
-- After question 3's board: "bench-done".
local flow = require "kiosk.flow"

local ANSWER_MS = 2000   -- the time bar runs this long before the answer
local IDLE_FROM, IDLE_MS = 1000, 2500  -- into the board: its card has risen; the window

local function mark(what) kiosk.log("bench-part " .. what) end

return flow.app {
  set = require "apps.trade_fair.questions",
  mode = "trade_fair",
  languages = { "zh" },
  idle_timeout_s = 600,
  brand = { logo = "brand/logo.png", colors = { primary = "#0f766e" } },
  attract = false,
  run = function(f)
    local question = 0
    f:quiz { on_phase = function(name, game)
      if name == "lead_in" then
        question = question + 1
        mark("lead_in")
      elseif name == "answers" then
        mark("entrance")
        local q = game.s:question()
        local right = type(q.answer) == "boolean" and (q.answer and "T" or "F") or q.answer
        kiosk.after(math.ceil(game.tiles:entered_at() - kiosk.now()) + 1, function() mark("bar") end)
        kiosk.after(ANSWER_MS, function() game:choose(right) end)
      elseif name == "reveal" then
        mark("reveal")
        kiosk.after(1000, function() mark("still") end) -- the count-up and the streak have landed
      elseif name == "board" then
        mark("board")
        kiosk.after(IDLE_FROM, function()
          mark("still")
          local c0, t0 = os.clock(), kiosk.now()
          kiosk.after(IDLE_MS, function()
            kiosk.log(string.format("bench-idle %.1f %d", (os.clock() - c0) * 1000, kiosk.now() - t0))
            if question >= 3 then kiosk.log("bench-done") end
          end)
        end)
      end
    end }
  end,
}
