-- kiosk.flow.attract — the welcome screen's attract loop for a flow: after
-- a minute without a touch on the welcome screen, full-screen slides of the
-- app's own content (its title, what the test is, how long it takes, "轻触
-- 开始") cross-fade (kiosk.ui.attract); a touch brings the welcome screen
-- back and does nothing else. The app configures it in flow.app:
--
--   attract = {
--     after_s = 60,                      -- idle seconds on the welcome screen first
--     show_s = 8, fade_s = 1,            -- a slide every 8 s, 1 s of it cross-fading
--     about = { zh = "…", en = "…" },    -- what the test is (default: by mode)
--     slides = function(f) return { { title =, text =, lines = { … }, image = } } end,  -- or a list
--     own = true,                        -- false: only the app's slides
--   }
--   attract = false                      -- no attract loop
--
-- The app's slides come after the kiosk's; a function is called each round,
-- so what it returns can change (the trade fair's top three of the day).
local ui = require "kiosk.ui"

local M = {}

M.AFTER_S = 60

-- A kiosk string in language `lang` (the flow's own words and the app's).
local function say(f, lang, key, ...)
  local s = (f.strings[lang] or {})[key] or f.strings.zh[key] or key
  if select("#", ...) > 0 then return string.format(s, ...) end
  return s
end

-- How many questions a candidate gets and, when the paper says, the most
-- minutes it takes (nil when it has no clock).
function M.size(set)
  if not set or not set.sections then return nil end
  local n, seconds, clocked = 0, 0, true
  for _, sec in ipairs(set.sections) do
    local count = sec.draw or #(sec.questions or {})
    n = n + count
    if sec.time_limit_s then seconds = seconds + count * sec.time_limit_s else clocked = false end
  end
  if set.time_limit_s then return n, math.ceil(set.time_limit_s / 60) end
  if clocked and seconds > 0 then return n, math.ceil(seconds / 60) end
  return n, nil
end

-- The kiosk's own slides for the welcome options o, one set per language
-- the app offers.
function M.own_slides(f, o, cfg)
  local exam = require "kiosk.exam"
  local slides = {}
  local n, minutes = M.size(f.set)
  for _, lang in ipairs(f.languages) do
    local title = exam.text(o.title or (f.set and f.set.title) or f.spec.title or "", lang)
    local subtitle = o.subtitle and exam.text(o.subtitle, lang) or nil
    slides[#slides + 1] = { title = title, text = subtitle }
    local about = cfg.about and exam.text(cfg.about, lang) or say(f, lang, "attract_about_" .. tostring(f.mode))
    if about == "attract_about_" .. tostring(f.mode) then about = subtitle end
    if n and n > 0 then
      slides[#slides + 1] = { title = minutes and say(f, lang, "attract_size_time", n, minutes)
                                      or say(f, lang, "attract_size", n), text = about }
    elseif about then
      slides[#slides + 1] = { title = about }
    end
    slides[#slides + 1] = { title = say(f, lang, "attract_touch") }
  end
  return slides
end

-- "轻触开始 · Touch to start": in every language the app offers.
function M.hint(f)
  local parts = {}
  for _, lang in ipairs(f.languages) do parts[#parts + 1] = say(f, lang, "attract_hint") end
  return table.concat(parts, " · ")
end

-- The slides for this round: the kiosk's, then the app's.
function M.slides(f, o, cfg)
  local list = {}
  if cfg.own ~= false then list = M.own_slides(f, o, cfg) end
  local extra = cfg.slides
  if type(extra) == "function" then
    -- The app's live slides failing (a store query, a typo) must not take
    -- the welcome screen down: the kiosk's own slides go on, and the log says why.
    local ok, got = pcall(extra, f)
    if ok then extra = got
    else
      kiosk.log("attract: the app's slides function failed: " .. tostring(got))
      extra = nil
    end
  end
  if extra ~= nil and type(extra) ~= "table" then
    kiosk.log("attract: slides must be a list of slides, not " .. type(extra))
    extra = nil
  end
  for _, s in ipairs(extra or {}) do
    local slide = {}
    for k, v in pairs(s) do slide[k] = v end
    slide.title = s.title and f:text(s.title) or nil
    slide.text = s.text and f:text(s.text) or nil
    if s.lines then
      slide.lines = {}
      for i, line in ipairs(s.lines) do slide.lines[i] = f:text(line) end
    end
    list[#list + 1] = slide
  end
  return list
end

-- Input on the welcome screen restarts its minute (one listener per flow).
local function watch(f)
  if f.attract_watching then return end
  f.attract_watching = true
  ui.on_event(function(e)
    local w = f.attract_wait
    if w and e.type ~= "resize" then w.arm() end
  end)
end

-- Called by the welcome screen each time it is shown, right after ui.root:
-- arms the minute while that screen stays up (any other screen, or the
-- welcome screen built again, ends it); when the minute passes, the loop
-- runs until a touch calls back() (which shows the welcome screen again).
-- Returns stop().
function M.arm(f, o, back)
  local screen = ui.current()
  local cfg = f.spec.attract
  if cfg == false then return function() end end
  cfg = type(cfg) == "table" and cfg or {}
  watch(f)
  local old = f.attract_wait -- the welcome screen built again (a switch): one timer
  if old and old.timer then kiosk.cancel(old.timer) end
  local w = {}
  local function stop()
    if w.timer then kiosk.cancel(w.timer) end
    w.timer = nil
    if f.attract_wait == w then f.attract_wait = nil end
  end
  function w.arm()
    if w.timer then kiosk.cancel(w.timer) end
    w.timer = nil
    if ui.current() ~= screen then return stop() end -- the welcome screen was left
    w.timer = kiosk.after(math.floor((cfg.after_s or M.AFTER_S) * 1000), function()
      w.timer = nil
      if f.attract_wait ~= w or ui.current() ~= screen then return stop() end
      if f.helping then return w.arm() end -- the staff-call screen is up: wait
      stop()
      ui.root(ui.attract {
        slides = function() return M.slides(f, o, cfg) end,
        hint = M.hint(f),
        show_ms = math.floor((cfg.show_s or 8) * 1000), fade_ms = math.floor((cfg.fade_s or 1) * 1000),
        on_touch = back,
      })
    end)
  end
  f.attract_wait = w
  w.arm()
  return stop
end

return M
