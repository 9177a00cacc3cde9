-- kiosk.flow.podium — the end of a trade-fair game: the podium of the
-- day's top three (1st in the middle and tallest, 2nd left, 3rd right; a
-- medal, the nickname and the score over each block) rising on the
-- runtime clock, with the visitor's own place and score beneath it — also
-- when they are 57th. "The day" is today in the kiosk's local time (from
-- local midnight; the store's day board: store.leaderboard(exam, n, since)).
-- Then the prize code (M.prize_screen: prize.issue, ui.qr). The same top
-- three feed the welcome screen's attract loop, with a rotating invitation
-- (M.attract_slides).
--
--   f:podium{ score = result.score, exam = id, seconds = 15 }   -> true   (with the fanfare)
--   f:prize{ seconds = 60 }   -> true, or false (at once) when the game has no code
--   flow.app{ attract = { slides = require("kiosk.flow.podium").attract_slides } }
--
-- The motion: the three blocks rise one after another (3rd, 2nd, 1st;
-- eased with kiosk.ui.tween), then each name and score fades in. It runs
-- on kiosk.now(), so a replay sees exactly the same frames; frames come
-- only while it moves (kiosk.animate), then the kiosk sleeps. M.rise(elapsed) is the pure
-- timeline (unit-tested).
local ui = require "kiosk.ui"
local core = require "kiosk.ui.core"

local M = {}

-- ---- the day ----

-- Local midnight (ms since 1970) of the day holding wall-clock ms `ms`: the
-- kiosk's own time zone (TZ), so a fair's day starts when the fair's does.
function M.day_start(ms)
  local t = os.date("*t", ms // 1000)
  return os.time { year = t.year, month = t.month, day = t.day, hour = 0, min = 0, sec = 0 } * 1000
end

-- The exam whose board this is (the app's set).
local function exam_of(f, o) return (o and o.exam) or (f.set and f.set.id) or kiosk.config.app end

-- The day's top n of exam (this kiosk's), or {} when the recorder reads
-- nothing (a maintenance tool).
function M.top(f, exam, n)
  if not f.recorder:reads() then return {} end
  return store.leaderboard(exam, n or 3, M.day_start(kiosk.wall_time()))
end

-- ---- the motion ----

M.RISE_MS = 700        -- one block's rise
M.STAGGER_MS = 250     -- 3rd, then 2nd, then 1st
M.FADE_MS = 350        -- a name and score fading in, from 70% of its block's rise
M.ORDER = { 3, 2, 1 }  -- which place rises first

-- Where place `place`'s block and text are `elapsed` ms after the podium
-- appeared: height 0..1 of its full height (eased out, the widget kit's
-- kiosk.ui.tween), alpha 0..1 of its text (linear).
function M.rise(elapsed, place)
  local tween = require "kiosk.ui.tween"
  local k
  for i, p in ipairs(M.ORDER) do if p == place then k = i - 1 end end
  local t0 = (k or 0) * M.STAGGER_MS
  local h = tween.progress(elapsed, t0, M.RISE_MS, "out_cubic")
  local a = tween.progress(elapsed, t0 + 0.7 * M.RISE_MS, M.FADE_MS, "linear")
  return h, a
end

-- How long the whole motion lasts (the last text fully in).
function M.duration()
  return (#M.ORDER - 1) * M.STAGGER_MS + 0.7 * M.RISE_MS + M.FADE_MS
end

-- ---- the podium widget ----

-- Block colours by place, with dark text on each (contrast above 7:1 with
-- the theme's text colour #1b2433): gold, silver, bronze.
M.BLOCK = { "#f2c230", "#c9d1dc", "#e0a46b" }
M.MEDAL = { "🥇", "🥈", "🥉" }
M.HEIGHT = { 1.0, 0.72, 0.5 } -- of the tallest block
local ON_BLOCK = "#1b2433"

local function with_alpha(colour, a)
  local c = core.color(colour)
  return c:sub(1, 7) .. string.format("%02x", math.max(0, math.min(255, math.floor(a * 255 + 0.5))))
end

local Podium = core.class("podium")

-- The width of a column of the podium in a box avail_w wide.
local function column_width(avail_w) return math.min((avail_w - 2 * core.theme().space.m) / 3, 340) end

-- Its own height (a tall screen gives it that; elsewhere it is flex and
-- takes the room left): the text over the tallest block and the block.
function Podium:measure(avail_w)
  local w = math.min(avail_w, 1000)
  return w, self.min_height or 200
end

function Podium:attach()
  self.start = kiosk.now()
  kiosk.animate(math.ceil(M.duration()) + 20) -- frames while it moves; then the kiosk sleeps
end

function Podium:detach() self.start = nil end

-- The text sizes at scale k, and the height of the text over a block.
local function sizes(k, cw)
  local t = core.theme()
  local s = { medal = core.font("title") * 1.15 * k, name = core.font("heading") * k, score = core.font("body") * k,
              gap = t.space.xs * k }
  local _, mh = gfx.measure("🥇", { size = s.medal })
  local _, nh = gfx.measure("国A", { size = s.name, bold = true, width = cw, max_lines = 1 })
  local _, sh = gfx.measure("0", { size = s.score })
  s.mh, s.nh, s.sh = mh, nh, sh
  s.stack = mh + nh + sh + 3 * s.gap
  return s
end

-- The height the podium looks right at in a box avail_w wide (blocks at
-- most 1.6 times as tall as wide, the text over them).
function M.natural_height(avail_w)
  local cw = column_width(math.min(avail_w, 1000))
  return sizes(1, cw).stack + cw * 1.6
end

function Podium:draw()
  local t = core.theme()
  local gap = t.space.m
  local cw = column_width(self.w)
  local x0 = self.x + (self.w - (3 * cw + 2 * gap)) / 2
  -- The text over the blocks keeps at least 40% of the height for the
  -- blocks themselves: a short screen scales the text down.
  local s = sizes(1, cw)
  if s.stack > self.h * 0.6 then s = sizes(self.h * 0.6 / s.stack, cw) end
  -- (On a tall screen the blocks stay podium-shaped, not bars: at most 1.6
  -- times as tall as wide, standing at the bottom of the room.)
  local full = math.min(self.h - s.stack, cw * 1.6)
  local elapsed = self.start and (kiosk.now() - self.start) or 1e9
  local slot = { 2, 1, 3 } -- left to right
  for col, place in ipairs(slot) do
    local p = self.places[place]
    local hf, a = M.rise(elapsed, place)
    local bh = full * M.HEIGHT[place] * hf
    local x = x0 + (col - 1) * (cw + gap)
    local by = self.y + self.h - bh
    if bh > 0.5 then
      gfx.rect(x, by, cw, bh, p and M.BLOCK[place] or with_alpha(M.BLOCK[place], 0.45), t.radius * 0.6)
      if p and p.mine then gfx.rect(x, by, cw, bh, core.color("primary"), t.radius * 0.6, math.max(4, t.space.xs)) end
      local number_bottom = by
      -- The place's number on the block, once there is room for it.
      -- (Centred in the block's top, never past its bottom: a line of text
      -- is about 1.4 times its size tall.)
      local num = tostring(place)
      local ns = math.min(core.font("title") * 1.6, bh * 0.5, cw * 0.6)
      if ns >= 12 then
        local nw, nh = gfx.measure(num, { size = ns, bold = true })
        local top = math.min(bh, nh + 2 * t.space.s)
        gfx.text(num, x + (cw - nw) / 2, by + (top - nh) / 2, { size = ns, bold = true,
                 colour = with_alpha(ON_BLOCK, 0.85) })
        number_bottom = by + (top + nh) / 2
      end
      -- The visitor's own block says so ("你" on a pill of the brand's
      -- colour) where the block has room under its number.
      if p and p.mine and a > 0 then
        local ts = core.font("body") * math.min(1, s.name / core.font("heading"))
        local tw, th = gfx.measure(self.you, { size = ts, bold = true })
        local pw, ph = tw + 2 * t.space.m, th + t.space.xs
        if number_bottom + ph + t.space.s <= by + bh and pw <= cw - 2 * t.space.xs then
          local px, py = x + (cw - pw) / 2, number_bottom + t.space.xs
          gfx.rect(px, py, pw, ph, with_alpha("primary", a), ph / 2)
          gfx.text(self.you, px + t.space.m, py + t.space.xs / 2, { size = ts, bold = true,
                   colour = with_alpha("on_primary", a) })
        end
      end
    end
    -- Medal, name, score over the block, rising with it, fading in.
    if a > 0 then
      local y = by - s.stack
      local function line(text, size, bold, colour, h, fit)
        -- fit: a long name shrinks (to 70%) before it is cut with "…",
        -- kept on its line's baseline.
        local drawn = size
        if fit then
          local tw = gfx.measure(text, { size = size, bold = bold })
          if tw > cw then drawn = math.max(size * 0.7, size * cw / tw) end
        end
        local _, dh = gfx.measure(text, { size = drawn, bold = bold, width = cw, max_lines = 1 })
        local opts = { size = drawn, bold = bold, width = cw, align = "center", max_lines = 1,
                       colour = with_alpha(colour, a) }
        gfx.text(text, x, y + (h - dh), opts)
        y = y + h + s.gap
      end
      line(M.MEDAL[place], s.medal, false, "text", s.mh)
      if p then
        local name = p.name ~= "" and p.name or "—"
        line(name, s.name, true, p.mine and "primary" or "text", s.nh, true)
        line(p.score_text, s.score, false, "muted", s.sh)
      else
        line(self.open, s.name, false, "muted", s.nh)
      end
    end
  end
end

-- places: { [1] = { name, score_text, mine }, ... } (nil: nobody yet).
function M.widget(props)
  assert(type(props.places) == "table", "podium needs places")
  props.you = props.you or "你"
  props.open = props.open or "—"
  return core.new(Podium, props)
end

-- ---- the screen ----

local function num(v) return require("kiosk.flow.screens").num(v) end

-- The places of the day's top three for the widget (mine: the visitor's).
function M.places(f, top)
  local places = {}
  for i = 1, math.min(3, #top) do
    local r = top[i]
    places[i] = { name = r.name or "", score_text = f:t("points", math.floor(r.score + 0.5)),
                  mine = f.session ~= nil and r.session_id == f.session }
  end
  return places
end

function M.screen(f, o, done)
  local screens = require "kiosk.flow.screens"
  local exam = exam_of(f, o)
  local since = M.day_start(kiosk.wall_time())
  local top = M.top(f, exam, 3)
  local rank, total
  if f.session then rank, total = f.recorder:rank(exam, f.session, since) end
  local podium = M.widget { places = M.places(f, top), you = f:t("podium_you"), open = f:t("podium_open"),
                            flex = 1, min_height = 160 }
  local title = ui.label { text = "🏆 " .. f:t("podium_title"), size = "title", bold = true, align = "center" }
  local own = { gap = "xs" }
  if rank and rank <= 3 then
    own[#own + 1] = ui.label { text = f:t("podium_cheer", rank), size = "heading", bold = true, align = "center",
                               color = "primary" }
  end
  if rank then
    own[#own + 1] = ui.label { text = f:t("your_rank", rank, total), size = rank <= 3 and nil or "heading",
                               bold = true, align = "center" }
  end
  if o.score then
    own[#own + 1] = ui.label { text = f:t("podium_score", num(o.score)), align = "center",
                               size = rank and nil or "heading", bold = rank == nil }
  end
  -- The fanfare as the podium rises (the audio module: logged even with
  -- no sound device, muted or headless; replays check it with expect_sound).
  audio.play("fanfare")
  local seconds = o.seconds or 15
  local go = ui.countdown { deadline_ms = kiosk.now() + seconds * 1000, total_ms = seconds * 1000, style = "bar",
                            on_expire = function() done(true) end,
                            sentence = function(s) return f:t("continue_in", s) end }
  local button = ui.button { label = f:t("continue"), flex = 1, on_tap = function() done(true) end }
  local w, h = gfx.size()
  if w > h then
    -- A landscape screen: the podium on the left, the words and the
    -- button on the right, so the podium keeps the screen's height (under
    -- them, at 800x480 or with large text, it would be squashed flat).
    -- With large text the words may not all fit beside it: the cheer goes
    -- first (the visitor's block says "你" and is outlined), then the title
    -- shrinks, so the button always stays on the screen.
    podium.flex = 3
    local sp = core.theme().space
    local pad = h < 650 and "m" or "l"
    local side_w, room = (w - 2 * sp[pad] - sp.l) * 2 / 5, h - 2 * sp[pad]
    local function side() return ui.column { flex = 2, gap = "s", ui.spacer { flex = 1 }, title, ui.column(own),
                                             ui.spacer { flex = 1 }, go, ui.row { button } } end
    local col = side()
    if select(2, col:measure(side_w)) > room and #own == 3 then
      table.remove(own, 1)
      col = side()
    end
    if select(2, col:measure(side_w)) > room then
      title = ui.label { text = title.text, size = "heading", bold = true, align = "center" }
      col = side()
    end
    ui.root(ui.row { padding = pad, gap = "l", align = "stretch", podium, col })
  else
    -- A tall screen: the podium at its own height, the title, podium and
    -- the visitor's lines together in the middle, the button at the bottom.
    podium.flex = nil
    podium.min_height = M.natural_height(math.min(w - 2 * core.theme().space.l, 1100))
    ui.root(ui.column { padding = "l", gap = "m", max_width = 1100,
      ui.spacer { flex = 1 }, title, podium, ui.column(own), ui.spacer { flex = 1 }, go, ui.row { button } })
  end
  f.no_idle = true -- the session is over: the screen goes on by itself
end

-- ---- the prize code (after the podium) ----

-- "PN44-V271-F276" as it is read out and typed: the three groups apart.
function M.grouped(code) return (code:gsub("%-", "  ")) end

-- The prize code of the visitor's completed game (prize.issue: derived from
-- the session with the kiosk's key, so it cannot be made up), large and
-- grouped, with its QR and a line sending them to the booth. The kiosk log
-- says which code was shown for which session (staff read it; the store
-- keeps the code anyway). A game that did not complete has no code: the
-- screen then passes at once (done(false)) and the log says why.
function M.prize_screen(f, o, done)
  local ok, p = pcall(prize.issue)
  if not ok then
    kiosk.log("prize: no code for this game: " .. tostring(p))
    kiosk.after(0, function() done(false) end)
    return
  end
  kiosk.log(string.format("prize: code %s shown for session %s", p.code, tostring(f.session)))
  local w, h = gfx.size()
  local sp = core.theme().space
  local title = ui.label { text = "🎁 " .. f:t("prize_title"), size = "title", bold = true, align = "center" }
  local where = ui.label { text = f:t("prize_show"), align = "center" }
  -- The code on one line, as large as the words' column allows (its
  -- groups never split over two lines).
  local function code_label(width)
    -- (A label's size is before the large-text scale, which core.font adds.)
    local text, size = M.grouped(p.code), core.theme().font.title * 1.4
    local tw = gfx.measure(text, { size = core.font(size), bold = true })
    if tw > width then size = size * width / tw * 0.98 end
    return ui.label { text = text, size = size, bold = true, align = "center", color = "primary", max_lines = 1 }
  end
  local seconds = o.seconds or 60
  local go = ui.countdown { deadline_ms = kiosk.now() + seconds * 1000, total_ms = seconds * 1000, style = "bar",
                            on_expire = function() done(true) end,
                            sentence = function(s) return f:t("continue_in", s) end }
  local button = ui.button { label = f:t("prize_done"), flex = 1, on_tap = function() done(true) end }
  if w > h then
    local side = math.min(h - 2 * sp.l, (w - 3 * sp.l) / 2, 560)
    local code = code_label(w - 3 * sp.l - side)
    ui.root(ui.row { padding = "l", gap = "l", align = "center",
      ui.qr { text = p.qr, size = side },
      ui.column { flex = 1, gap = "m", ui.spacer { flex = 1 }, title, code, where, ui.spacer { flex = 1 }, go,
                  ui.row { button } } })
  else
    local side = math.min(w - 2 * sp.l, h * 0.4, 640)
    local code = code_label(math.min(w, 1100) - 2 * sp.l)
    ui.root(ui.column { padding = "l", gap = "m", max_width = 1100,
      ui.spacer { flex = 1 }, title, code, ui.qr { text = p.qr, size = side, align_self = "center" }, where,
      ui.spacer { flex = 1 }, go, ui.row { button } })
  end
  f.no_idle = true
end

-- ---- the attract loop's slides ----

local function say(f, lang, key, ...)
  local s = (f.strings[lang] or {})[key] or f.strings.zh[key] or key
  if select("#", ...) > 0 then return string.format(s, ...) end
  return s
end

M.INVITES = { "attract_invite_1", "attract_invite_2", "attract_invite_3" }

-- The slides the welcome screen's attract loop adds (flow.app{ attract = {
-- slides = podium.attract_slides } }): per language the app offers, the
-- day's top three ("🥇 小明  5995") and an invitation, a different one each
-- round. Called again each round, so a new leader shows the next time round.
function M.attract_slides(f)
  local top = M.top(f, exam_of(f), 3)
  f.attract_round = (f.attract_round or 0) + 1
  local invite = M.INVITES[(f.attract_round - 1) % #M.INVITES + 1]
  local slides = {}
  for _, lang in ipairs(f.languages) do
    local lines = {}
    for i = 1, math.min(3, #top) do
      local r = top[i]
      lines[i] = string.format("%s %s  %s", M.MEDAL[i], r.name ~= "" and r.name or "—",
                               say(f, lang, "points", math.floor(r.score + 0.5)))
    end
    slides[#slides + 1] = { title = "🏆 " .. say(f, lang, "podium_title"), lines = lines,
                            text = #lines == 0 and say(f, lang, "attract_top_empty") or nil }
    slides[#slides + 1] = { title = say(f, lang, invite) }
  end
  return slides
end

return M
