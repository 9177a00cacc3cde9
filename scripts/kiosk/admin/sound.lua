-- kiosk/admin/sound — the staff screen's sound controls: the kiosk's volume
-- (− / + in steps of 10, 0 to 100) and a sound on/off switch, in words.
-- Both are staff settings (audio_volume, audio_mute) written through the
-- staff-only audio.set_volume / audio.set_mute, which apply them at once;
-- no app can change them. A change plays the tick, so staff hear the new
-- level.
local ui = require "kiosk.ui"

local M = {}
local STEP = 10

-- The controls as widgets to put in a row: "音量 70%", −, +, the switch.
-- on_change(): called after a change, to show the screen again with it.
function M.controls(on_change)
  local volume, muted = audio.levels()
  local function changed()
    if not muted then audio.play("tick") end
    on_change()
  end
  local function set_volume(v)
    volume, muted = audio.set_volume(math.max(0, math.min(100, v)))
    changed()
  end
  return
    ui.label { text = string.format("音量 · Volume %d%%", volume), bold = true, color = muted and "muted" or nil },
    ui.button { label = "−", style = "secondary", width = 64, enabled = volume > 0,
                element_label = "音量减 · Volume down", on_tap = function() set_volume(volume - STEP) end },
    ui.button { label = "+", style = "secondary", width = 64, enabled = volume < 100,
                element_label = "音量加 · Volume up", on_tap = function() set_volume(volume + STEP) end },
    ui.button { label = muted and "声音：关 · Off" or "声音：开 · On", style = muted and "danger" or "secondary",
                on_tap = function()
                  volume, muted = audio.set_mute(not muted)
                  changed()
                end }
end

-- The controls on a row of their own, the value taking the room left.
function M.row(on_change)
  local row = ui.row { gap = "s", M.controls(on_change) }
  row.children[1].flex = 1 -- the buttons stay at the right
  return row
end

-- Whether the dashboard has the height for the row: a short landscape
-- screen (800x480) keeps its one visible result line and reaches the
-- controls through a "声音 · Sound" button and page instead.
function M.fits_dashboard()
  local _, h = gfx.size()
  return h >= 700 -- logical units: 800x480 is 1000x600, the others are at least 800 high
end

-- The sound page (short screens): the row, big and alone, and back.
function M.page(on_back)
  local function again() M.page(on_back) end
  ui.root(ui.column { padding = "l", gap = "m",
    ui.label { text = "声音 · Sound", size = "title", bold = true },
    ui.label { text = "音量和静音对本机所有应用生效。 · Volume and mute apply to every app on this kiosk.",
               color = "muted", size = "small" },
    M.row(again),
    ui.spacer { flex = 1 },
    ui.button { label = "返回", style = "secondary", on_tap = on_back },
  })
end

return M
