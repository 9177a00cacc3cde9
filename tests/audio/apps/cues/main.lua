-- tests/audio/apps/cues — plays every built-in cue, the music and a sound
-- file of its own from buttons (tests/audio/cues.replay checks them with
-- expect_sound), and at start tries what the sandbox must refuse: names
-- that are not sounds, files outside the folder (a path, an absolute path,
-- a symlink leading out), a missing file, and the staff's volume and mute
-- (through `audio` and through store.set_setting). Each must raise with
-- its own message; the screen says how many did.
local ui = require "kiosk.ui"

local refused = {
  { "unknown name", function() audio.play("boom") end, 'unknown cue "boom"' },
  { "music name", function() audio.music("tick") end, 'unknown music "tick"' },
  { "path out", function() audio.play("../outside.wav") end, "outside the app folder" },
  { "absolute", function() audio.play("/usr/share/sounds/alsa/Front_Center.wav") end, "relative to the app folder" },
  { "symlink out", function() audio.play("sounds/link.wav") end, "outside the app folder" },
  { "missing", function() audio.play("sounds/none.ogg") end, "not found in the app folder" },
  { "not a string", function() audio.play({}) end, "string expected" },
  { "set_volume", function() audio.set_volume(0) end, "audio.set_volume is for the staff screen only" },
  { "set_mute", function() audio.set_mute(true) end, "audio.set_mute is for the staff screen only" },
  { "levels", function() audio.levels() end, "audio.levels is for the staff screen only" },
  { "volume setting", function() store.set_setting("audio_volume", "0") end, "is for the staff screen only" },
  { "mute setting", function() store.set_setting("audio_mute", "1") end, "is for the staff screen only" },
}
local held, failures = 0, {}
for _, r in ipairs(refused) do
  local ok, err = pcall(r[2])
  if not ok and tostring(err):find(r[3], 1, true) then
    held = held + 1
  else
    failures[#failures + 1] = r[1] .. ": " .. tostring(err)
    print("sandbox check failed: " .. r[1] .. ": " .. (ok and "no error" or tostring(err)))
  end
end

local last = ui.label { text = "—" }
local function button(label, fn)
  return ui.button { label = label, flex = 1, on_tap = function()
    local ok = fn()
    last:set_text(label .. ": " .. tostring(ok))
  end }
end

ui.root(ui.column { padding = "m", gap = "s",
  ui.label { text = string.format("sandbox: %d of %d held", held, #refused), bold = true },
  ui.label { text = #failures > 0 and table.concat(failures, "\n") or "", color = "danger", size = "small" },
  ui.row { gap = "s",
    button("Tick", function() return audio.play("tick") end),
    button("Right", function() return audio.play("right") end),
    button("Wrong", function() return audio.play("wrong") end),
    button("Streak", function() return audio.play("streak") end),
  },
  ui.row { gap = "s",
    button("Fanfare", function() return audio.play("fanfare") end),
    button("Ding", function() return audio.play("sounds/ding.wav") end),
    button("Music", function() return audio.music("theme") end),
    button("Stop", function() return audio.music(nil) end),
  },
  last,
})
return ui.app()
