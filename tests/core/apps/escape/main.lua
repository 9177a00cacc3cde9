-- escape.sh's second app: every way an app used to reach what is not its
-- own, each of which must now fail. escape.sh links stolen.lua and
-- stolen.png to files outside this folder, and inside.lua / inside.png to
-- files in sub/ (symlinks that stay inside must keep working).
local tried, escaped, notes = 0, {}, {}
local function must_fail(what, fn, expect)
  tried = tried + 1
  local ok, err = pcall(fn)
  if ok then
    escaped[#escaped + 1] = what
  elseif expect and not tostring(err):find(expect, 1, true) then
    escaped[#escaped + 1] = what .. " (unexpected error: " .. tostring(err) .. ")"
  end
end
local function must_work(what, fn)
  local ok, err = pcall(fn)
  if not ok then notes[#notes + 1] = "BROKEN " .. what .. ": " .. tostring(err) end
end

local theirs = "is not one of this app's"
for _, id in ipairs { 1, 2 } do
  must_fail("session " .. id, function() return store.session(id) end, theirs)
  must_fail("answers " .. id, function() return store.answers(id) end, theirs)
  must_fail("events " .. id, function() return store.events(id) end, theirs)
  must_fail("names " .. id, function() store.candidate(id, { name = "X" }) end, theirs)
  must_fail("answer " .. id, function() store.answer(id, { question = "q9", response = "C" }) end, theirs)
  must_fail("event " .. id, function() store.event(id, "x") end, theirs)
  must_fail("checkpoint " .. id, function() store.checkpoint(id, {}) end, theirs)
  must_fail("finish " .. id, function() store.finish(id, { status = "abandoned" }) end, theirs)
  must_fail("rescore " .. id, function() store.rescore(id, { score = 0, max_score = 1, passed = false }) end, theirs)
  must_fail("rubric " .. id, function() store.rubric(id, "q1", { points = 0, scores = {} }) end, theirs)
end
must_fail("a session that does not exist", function() store.answers(99) end, theirs)
must_work("store.sessions lists only this app's", function() assert(#store.sessions() == 0) end)
must_work("store.session of a missing id is nil", function() assert(store.session(99) == nil) end)

-- Another app's unfinished session: where, and nothing else.
must_work("resumable(true) names the other app only", function()
  local r = store.resumable(true)
  assert(r and r.app == "victim", "no app")
  local keys = {}
  for k in pairs(r) do keys[#keys + 1] = k end
  assert(#keys == 1, "resumable(true) gave " .. table.concat(keys, ","))
end)
must_work("resumable() of this app is nil", function() assert(store.resumable() == nil) end)

local staff = "for the staff screen only"
must_fail("store.export", function() return store.export("/tmp", "csv") end, staff)
must_fail("store.set_pin", function() store.set_pin("0000") end, staff)
must_fail("store.stats_today", function() return store.stats_today() end, staff)
must_fail("set kiosk_id", function() store.set_setting("kiosk_id", "evil") end, staff)
must_fail("set resume_window_min", function() store.set_setting("resume_window_min", "1440") end, staff)
must_fail("set another app's setting", function() store.set_setting("victim.colour", "red") end, staff)
must_fail("read another app's setting", function() return store.setting("victim.colour") end, "is not this app's")
must_fail("kiosk.quit", function() kiosk.quit() end, staff)
must_work("own settings", function()
  store.set_setting("escape.x", "1")
  assert(store.setting("escape.x") == "1" and store.setting("kiosk_id"))
end)
must_work("verify_pin stays", function() assert(store.verify_pin("1234") == "not_set") end)

must_fail("require through a symlink", function() return require "stolen" end, "leads outside the app folder")
must_fail("gfx.image_size through a symlink", function() return gfx.image_size("stolen.png") end, "leads outside the app folder")
must_work("require through a symlink inside", function() assert(require "inside" == "helper inside") end)
must_work("gfx.image through a symlink inside", function() assert(gfx.image_size("inside.png") > 0) end)

local lines = {}
if #escaped == 0 then
  lines[1] = string.format("all %d escapes refused", tried)
else
  for _, e in ipairs(escaped) do lines[#lines + 1] = "ESCAPED: " .. e end
end
for _, n in ipairs(notes) do lines[#lines + 1] = n end
for _, l in ipairs(lines) do print(l) end
return { draw = function()
  gfx.clear("#ffffff")
  for i, l in ipairs(lines) do gfx.text(l, 20, 10 + i * 24, { size = 14, width = 1200 }) end
end }
