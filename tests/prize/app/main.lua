-- A one-question "game" for the prize tests: begins a session, and when the
-- answer is tapped finishes it completed and shows the prize code and its
-- QR (prize.issue, ui.qr) as the trade fair's end screen will. "Skip"
-- abandons the session instead: no code then. What prize.issue and the
-- staff-only calls do is printed to the log for the tests to read.
local ui = require "kiosk.ui"

local session, question_screen

local function log(...) print("prize-test:", ...) end

local function start()
  session = store.begin_session { exam = "fair", content_hash = "prize-test-v1" }
  -- Before the session is completed there is no code.
  local ok, err = pcall(prize.issue)
  log("before finish", ok and "issued" or ("refused: " .. tostring(err)))
end

local function show_prize()
  local p = prize.issue()
  local again = prize.issue()
  log("code", p.code, "qr", p.qr, "same", tostring(again.code == p.code))
  -- An app reaches none of the staff calls, nor the key.
  for _, name in ipairs { "check", "redeem", "list" } do
    local ok, err = pcall(function() return prize[name](p.code) end)
    log("app prize." .. name, ok and "REACHED" or ("refused: " .. tostring(err)))
  end
  local ok, err = pcall(store.setting, "prize.key")
  log("app store.setting prize.key", ok and "REACHED" or ("refused: " .. tostring(err)))
  local w, h = gfx.size()
  local side = math.min(w, h) * 0.5
  ui.root(ui.column { padding = "l", gap = "m", align = "center",
    ui.label { text = "你的奖品码 · Your prize code", size = "heading", bold = true, align = "center" },
    ui.qr { text = p.qr, size = side },
    ui.label { text = p.code, size = "title", bold = true, align = "center" },
    ui.button { label = "再来一次 · Again", style = "secondary", on_tap = function()
      start()
      question_screen()
    end },
  })
end

function question_screen()
ui.root(ui.column { padding = "l", gap = "m",
  ui.label { text = "1 + 1 = ?", size = "title", bold = true },
  ui.button { label = "2", on_tap = function()
    store.finish(session, { status = "completed", score = 1000, max_score = 1000 })
    show_prize()
  end },
  ui.button { label = "Skip", style = "secondary", on_tap = function()
    store.finish(session, { status = "abandoned" })
    local ok, err = pcall(prize.issue)
    log("after abandon", ok and "issued" or ("refused: " .. tostring(err)))
    ui.root(ui.column { padding = "l", ui.label { text = "再见 · Bye" } })
  end },
})
end

start()
question_screen()

return ui.app()
