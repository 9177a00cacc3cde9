-- kiosk.flow.fair — the trade fair's question rhythm, drawn for the quiz
-- view (kiosk.flow.quiz) whenever it plays tiles in a first-tap mode:
--
--   1. the lead-in: the question alone, with a 3-2-1 count (lead_in_s);
--   2. the answers: the tiles rise in and fill the screen under the stem
--      (kiosk.ui.tiles: colour + shape, neutral for two answers), a time
--      bar runs down; the first tap is the answer;
--   3. the reveal: the right tile stays bright, the others dim, the
--      player's own tile is ringed with ✓ or ✗ and "你的答案"; the points
--      count up, a streak badge (🔥×3) lands for two right answers in a row
--      or more (feedback_ms, or "继续");
--   sounds (kiosk's audio module): "tick" with each number of the count,
--      "right" or "wrong" at the reveal, "streak" as its badge lands;
--   4. the board: the top five and the player's place so far (the
--      leaderboard's card, with the player's live row), then the next
--      question (board_ms, or "继续"); after the last question the quiz ends.
--
-- Speed points are timed from the frame that first showed the tiles
-- (kiosk.presented_at of that frame) to the touch's own timestamp, as
-- before: the lead-in does not count, and the question's clock starts when
-- the answers open (the session's opens_at). All motion is kiosk.ui.tween
-- on the runtime's clock: frames only while something moves, none between;
-- no motion spans the moment the tiles open, so a replay presents the tiles'
-- frame at that moment, as a real screen would within a frame.
--
-- f:quiz{ on_phase = function(name, game) end }: called as each phase
-- starts ("lead_in", "answers", "reveal", "board"); game:choose(id)
-- answers as a tap on that tile would (bench/fair drives the game with it).
local ui = require "kiosk.ui"
local core = require "kiosk.ui.core"
local tween = require "kiosk.ui.tween"
local exam = require "kiosk.exam"
local board = require "kiosk.flow.leaderboard"

local M = {}

M.POP_MS = 320        -- each count of the lead-in drops in (ends well before the next)
M.STEM_MS = 320       -- the stem card slides in at the start of the lead-in
M.COUNT_UP_MS = 900   -- the points count up
M.STREAK_AT_MS = 450  -- the streak badge lands this long into the reveal
M.BOARD_MS = 450      -- the board's card rises in
M.BAR_STEP_MS = 100   -- the time bar steps ten times a second

local Game = {}
Game.__index = Game

-- Whether a quiz view plays as the game.
function M.applies(view)
  return view.option_style == "tiles" and view.s.mode.answers_on_first_tap == true
end

function M.new(view, on_phase)
  return setmetatable({ view = view, f = view.f, s = view.s, on_phase = on_phase, timers = {} }, Game)
end

local function num(v) return require("kiosk.flow.screens").num(v) end

local function short_screen()
  local _, h = gfx.size()
  return h < 650
end

-- ---- timers ----

function Game:after(ms, fn)
  local id
  id = kiosk.after(math.max(0, ms), function()
    self.timers[id] = nil
    fn()
  end)
  self.timers[id] = true
  return id
end

-- Cancels every timer of the game (a new page, the end of the quiz).
function Game:cancel()
  for id in pairs(self.timers) do kiosk.cancel(id) end
  self.timers = {}
end

function Game:phase(name)
  self.current = name
  if self.on_phase then self.on_phase(name, self) end
end

-- ---- the pieces ----

-- The stem in a card that rises into place at the lead-in's start.
local Stem = core.class("fair_stem")

function Stem:init()
  self.label = ui.label { text = self.text, size = short_screen() and "option" or "heading", bold = true,
                          align = "center" }
  self.card = ui.card { padding = short_screen() and "s" or "m", self.label }
  self.children = { self.card }
end

function Stem:measure(avail_w) return self.card:measure(avail_w) end

function Stem:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  self.card:layout(x, y, w, h)
end

function Stem:draw()
  local dy = self.slide and self.slide:value() or 0
  if dy ~= 0 then self.card:layout(self.x, self.y + dy, self.w, self.h) end
  self.card:draw()
  if dy ~= 0 then self.card:layout(self.x, self.y, self.w, self.h) end
end

-- The 3-2-1: a disc in the brand's colour, its number dropping in each
-- second, "准备好了吗？" under it.
local Count = core.class("fair_count")

function Count:draw()
  local t = core.theme()
  local now = kiosk.now()
  local left = math.max(1, math.ceil((self.opens_at - now) / 1000))
  local words = self.words
  local ws = core.font("heading")
  local _, wh = gfx.measure(words, { size = ws, bold = true })
  local r = math.max(48, math.min(160, (self.h - wh - t.space.l) / 2, self.w / 4))
  local cx, cy = self.x + self.w / 2, self.y + (self.h - wh - t.space.m) / 2
  gfx.circle(cx, cy, r, core.color("primary"))
  -- The number of this second drops in from above (its own tween).
  local since = self.opens_at - left * 1000
  local p = tween.progress(now, since, M.POP_MS, "out_back")
  local size = r * 1.2
  local text = tostring(left)
  local nw, nh = gfx.measure(text, { size = size, bold = true })
  gfx.text(text, cx - nw / 2, cy - nh / 2 - (1 - p) * r * 0.35, { size = size, bold = true,
           colour = core.color("on_primary") })
  gfx.text(words, self.x, cy + r + t.space.m, { size = ws, bold = true, width = self.w, align = "center",
                                                colour = core.color("primary") })
end

-- The time bar: the seconds left in a pill and a bar that runs down,
-- stepping ten times a second (a small redraw each time, no animation).
local Bar = core.class("fair_bar")

function Bar:measure(avail_w)
  local _, h = gfx.measure("20", { size = core.font("heading"), bold = true })
  return avail_w, h + 8
end

function Bar:attach()
  local function step()
    kiosk.redraw()
    if kiosk.now() < self.deadline then
      local left = self.deadline - kiosk.now()
      local next_in = left % M.BAR_STEP_MS
      self.timer = kiosk.after(next_in == 0 and M.BAR_STEP_MS or next_in, step)
    else
      self.timer = nil
    end
  end
  if self.running then step() end
end

function Bar:detach()
  if self.timer then kiosk.cancel(self.timer) end
  self.timer = nil
end

function Bar:draw()
  local t = core.theme()
  local left = math.max(0, self.deadline - kiosk.now())
  local frac = self.total > 0 and left / self.total or 0
  local colour = core.color(left <= 5000 and "warning" or "primary")
  local size = core.font("heading")
  local text = tostring(math.ceil(left / 1000))
  local widest = gfx.measure("20", { size = size, bold = true })
  local pw = widest + 2 * t.space.m
  gfx.rect(self.x, self.y, pw, self.h, colour, self.h / 2)
  local tw, th = gfx.measure(text, { size = size, bold = true })
  gfx.text(text, self.x + (pw - tw) / 2, self.y + (self.h - th) / 2, { size = size, bold = true,
           colour = core.color("on_primary") })
  local bx, bw, bh = self.x + pw + t.space.s, self.w - pw - t.space.s, math.min(18, self.h * 0.4)
  local by = self.y + (self.h - bh) / 2
  gfx.rect(bx, by, bw, bh, core.color("secondary"), bh / 2)
  if frac > 0 then gfx.rect(bx, by, math.max(bh, bw * frac), bh, colour, bh / 2) end
end

-- The reveal's band: right / wrong / time up, the points counting up, the
-- streak badge, the running total, and "继续".
local Band = core.class("fair_band")

function Band:init()
  self.children = { self.button }
end

function Band:measure(avail_w)
  local _, h = gfx.measure("+999", { size = core.font("title"), bold = true })
  local _, bh = self.button:measure(avail_w)
  return avail_w, math.max(h, bh)
end

function Band:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local bw, bh = self.button:measure(w / 3)
  self.button:layout(x + w - bw, y + (h - bh) / 2, bw, bh)
end

function Band:draw()
  local t = core.theme()
  local now = kiosk.now()
  local o = self.o
  local x, cy = self.x, self.y + self.h / 2
  -- The verdict: a disc with ✓ or ✗ (or the clock's ⏱) and the words.
  local r = math.min(self.h / 2, 30 * t.font_scale)
  local kind = o.correct and "success" or o.timed_out and "warning" or "danger"
  gfx.circle(x + r, cy, r, core.color(kind))
  if o.timed_out then
    gfx.circle(x + r, cy, r * 0.55, core.color("on_primary"), math.max(2, r * 0.14))
    gfx.line(x + r, cy, x + r, cy - r * 0.4, core.color("on_primary"), math.max(2, r * 0.14))
    gfx.line(x + r, cy, x + r + r * 0.3, cy, core.color("on_primary"), math.max(2, r * 0.14))
  else
    require("kiosk.ui.tiles").draw_mark(o.correct, x + r, cy, r, core.color("on_primary"))
  end
  x = x + 2 * r + t.space.s
  local vs = core.font(short_screen() and "body" or "heading")
  local vw, vh = gfx.measure(o.verdict, { size = vs, bold = true })
  gfx.text(o.verdict, x, cy - vh / 2, { size = vs, bold = true, colour = core.color(kind) })
  x = x + vw + t.space.l
  -- The points, counting up from 0 (none shown for none won: the verdict says it).
  if o.points <= 0 and not o.streak then self.button:draw() return end
  local shown = math.floor(tween.at(0, o.points, now, o.at, M.COUNT_UP_MS, "out_cubic") + 0.5)
  local ps = core.font("title")
  local ptext = "+" .. num(shown)
  local pw, ph = gfx.measure(ptext, { size = ps, bold = true })
  gfx.text(ptext, x, cy - ph / 2, { size = ps, bold = true, colour = core.color("primary") })
  local widest = gfx.measure("+" .. num(o.points), { size = ps, bold = true })
  x = x + math.max(pw, widest) + t.space.m
  -- The streak badge lands from the right with a little overshoot.
  if o.streak then
    local p = tween.progress(now, o.at + M.STREAK_AT_MS, 380, "out_back")
    if now >= o.at + M.STREAK_AT_MS then
      local ss = core.font("heading")
      local sw, sh = gfx.measure(o.streak, { size = ss, bold = true })
      local bw, bh = sw + 2 * t.space.m, sh + t.space.s
      local room = self.button.x - t.space.m - bw
      local bx = room + (1 - p) * (self.w * 0.25)
      if bx >= x - t.space.s then
        gfx.rect(bx, cy - bh / 2, bw, bh, core.color("warning"), bh / 2)
        gfx.text(o.streak, bx + t.space.m, cy - sh / 2, { size = ss, bold = true, colour = core.color("on_primary") })
      end
    end
  end
  self.button:draw()
end

function Band:event(e) return self.button:contains(e.x or -1, e.y or -1) and self.button:event(e) or false end

-- The stage under the header: the stem card, then the lead-in's count, or
-- the time bar and the tiles, or the band and the tiles.
local Stage = core.class("fair_stage")

function Stage:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local t = core.theme()
  local gap = short_screen() and t.space.s or t.space.m
  local _, sh = self.stem:measure(w)
  self.stem:layout(x, y, w, sh)
  local top = y + sh + gap
  local mid = self.count or self.bar or self.band
  local mh = 0
  if self.count then
    self.count:layout(x, top, w, y + h - top)
  else
    _, mh = mid:measure(w)
    mid:layout(x, top, w, mh)
    top = top + mh + gap
    self.tiles:layout(x, top, w, y + h - top)
  end
end

function Stage:draw()
  -- The tiles under the stem: while they rise they pass under its card.
  if self.tiles and not self.count then self.tiles:draw() end
  local mid = self.count or self.bar or self.band
  self.stem:draw()
  if mid then mid:draw() end
end

function Stage:event(e)
  if self.band and self.band:event(e) then return true end
  if self.tiles and not self.count and self.tiles:event(e) then return true end
  return false
end

function Stage:set_children()
  local kids = { self.stem }
  if self.count then kids[#kids + 1] = self.count end
  if self.bar then kids[#kids + 1] = self.bar end
  if self.band then kids[#kids + 1] = self.band end
  if self.tiles then kids[#kids + 1] = self.tiles end
  self.children = kids
end

-- ---- the phases ----

-- The options of question i in screen order (as kiosk.exam.types.choice_common).
function Game:options(q, entry)
  local f = self.f
  local by_id, options = {}, {}
  for _, opt in ipairs(exam.options(q)) do by_id[opt.id] = opt end
  local order = entry and entry.option_order
  if not order then
    order = {}
    for k, opt in ipairs(exam.options(q)) do order[k] = opt.id end
  end
  for k, id in ipairs(order) do
    options[k] = { id = id, text = exam.text(by_id[id].text, f.lang), letter = string.char(64 + k) }
  end
  return options
end

-- The page: the quiz's header (progress, help) with the running total, and the stage.
function Game:page(stage)
  local view, s, f = self.view, self.s, self.f
  local header = view:header(s.index)
  local total = ui.label { text = f:t("points", math.floor(s.total + 0.5)), bold = true, color = "primary",
                           size = "heading" }
  table.insert(header.children, #header.children, total)
  local tiny = short_screen()
  return ui.column { padding = tiny and "s" or "m", gap = tiny and "s" or "m", header, stage }
end

function Game:show()
  local s = self.s
  if not s:first_tap(s.index) then return false end
  if s.locked then self:reveal() else self:question() end
  return true
end

function Game:question()
  self:cancel()
  local f, s = self.f, self.s
  local i = s.index
  local q, _, entry = s:question(i)
  local now = kiosk.now()
  self.i, self.opened = i, false
  self.opens_at = s.opens_at or now
  local stem = core.new(Stem, { text = require("kiosk.flow.quiz").stem_text(f:text(q.stem)) })
  stem.slide = tween.new { from = 40, to = 0, ms = M.STEM_MS, ease = "out_cubic" }
  local stage = core.new(Stage, { flex = 1, stem = stem })
  stage.tiles = ui.answer_tiles { options = self:options(q, entry), label_of = function(o) return o.letter .. ". " .. o.text end,
                                  labels = { yours = f:t("fair_yours"), right = f:t("fair_right") },
                                  on_choose = function(id) self:choose(id) end }
  self.stage, self.tiles = stage, stage.tiles
  if now < self.opens_at then
    stage.count = core.new(Count, { opens_at = self.opens_at, words = f:t("fair_ready") })
    -- Each second of the count drops in (a tween's frames), ending long
    -- before the next second and before the answers open.
    for k = 1, math.ceil((self.opens_at - now) / 1000) - 1 do
      self:after(self.opens_at - k * 1000 - now, function()
        kiosk.animate(M.POP_MS)
        kiosk.redraw()
        audio.play("tick")
      end)
    end
    kiosk.animate(math.max(M.POP_MS, M.STEM_MS))
    audio.play("tick") -- a tick for each number of the count
    self:after(self.opens_at - now, function() self:open() end)
  end
  stage:set_children()
  ui.root(self:page(stage))
  if now >= self.opens_at then self:open() else self:phase("lead_in") end
end

-- The answers open: the tiles rise in, the clock runs.
function Game:open()
  local s, stage = self.s, self.stage
  if self.opened or s.index ~= self.i or s.locked then return end
  self.opened = true
  stage.count = nil
  local limit = s:question_limit_s(self.i)
  if s.question_deadline and limit then
    stage.bar = core.new(Bar, { deadline = s.question_deadline, total = limit * 1000, running = true })
  end
  self.tiles.enter_at = kiosk.now()
  -- (the entrance's frames: answer_tiles asks for them when made; here it is already made)
  local entered = self.tiles:entered_at()
  kiosk.animate(math.ceil(entered - kiosk.now()))
  stage:set_children()
  if stage.bar then stage.bar:attach() end
  ui.request_layout()
  -- A new screen for the runtime: its presentation is what the speed rule
  -- times from (the frame that shows the tiles; Game:presented).
  kiosk.redraw(true)
  self:phase("answers")
end

-- When the tiles' first frame reached the screen (kiosk.ui.tiles reads it
-- as soon as it is known: the runtime keeps only the last 128 frames' times).
function Game:presented()
  local tiles = self.tiles
  if not tiles.shown_at and tiles.shown_frame then tiles.shown_at = kiosk.presented_at(tiles.shown_frame) end
  return tiles.shown_at
end

-- A tap on tile id (or game:choose(id) from a bench): the answer, timed
-- from the frame that showed the tiles to the touch's own timestamp.
function Game:choose(id)
  local s, f = self.s, self.f
  -- (not before the tiles were drawn: nobody has seen them yet)
  if s.at ~= "question" or s.index ~= self.i or s.locked or not self.opened or not self.tiles.shown_frame then return end
  local presented = self:presented() or self.opens_at
  local t_ms = math.max(0, (f.last_input_t or kiosk.now()) - presented)
  self.view:act("answer", id, { t_ms = t_ms })
end

-- Right or wrong: the tiles reveal, the points count up, the streak lands.
function Game:reveal()
  local f, s = self.f, self.s
  local i, last = s.index, s.last or {}
  local q, _, entry = s:question(i)
  local now = kiosk.now()
  local stage = self.stage
  if not (stage and self.i == i and self.tiles) then
    -- Not from this page's question (a resumed or replayed session): the
    -- tiles as they stand, without an entrance.
    self.i = i
    local stem = core.new(Stem, { text = require("kiosk.flow.quiz").stem_text(f:text(q.stem)) })
    stage = core.new(Stage, { flex = 1, stem = stem })
    stage.tiles = ui.answer_tiles { options = self:options(q, entry),
                                    labels = { yours = f:t("fair_yours"), right = f:t("fair_right") } }
    self.stage, self.tiles = stage, stage.tiles
    ui.root(self:page(stage))
  end
  if stage.bar then stage.bar:detach() end
  stage.count, stage.bar = nil, nil
  local right = {}
  if type(q.answer) == "boolean" then right[q.answer and "T" or "F"] = true
  elseif type(q.answer) == "table" then for _, id in ipairs(q.answer) do right[id] = true end
  elseif q.answer ~= nil then right[q.answer] = true end
  local response = s.responses[q.id]
  local chosen = type(response) == "table" and response.choice or nil
  self.tiles:reveal { right = right, chosen = chosen, at = now }
  local timed_out = chosen == nil
  local streak = last.correct and s.mode.streaks and s.streak >= 2 and ("🔥×" .. s.streak) or nil
  local function go_on()
    if s.at == "question" and s.index == i and s.locked then self:board() end
  end
  local button = ui.button { label = f:t("continue"), on_tap = go_on }
  stage.band = core.new(Band, { button = button, o = {
    correct = last.correct == true, timed_out = timed_out, points = math.floor((last.points or 0) + 0.5), at = now,
    verdict = timed_out and f:t("question_time_up") or f:t(last.correct and "correct" or "wrong"), streak = streak } })
  stage:set_children()
  -- Frames for the count-up and the streak's landing; then the kiosk sleeps.
  kiosk.animate(math.max(M.COUNT_UP_MS, streak and M.STREAK_AT_MS + 400 or 0))
  -- The sounds: right or wrong (a time-up is not right), the streak's with its badge.
  audio.play(last.correct and "right" or "wrong")
  if streak then self:after(M.STREAK_AT_MS, function() audio.play("streak") end) end
  -- The page's total in the header counts with it.
  ui.root(self:page(stage))
  self:after(s.mode.feedback_ms or 3000, go_on)
  self:phase("reveal")
end

-- The top five and the player's place so far, then the next question
-- (after the last one the quiz ends: the flow's own board comes next).
function Game:board()
  local f, s = self.f, self.s
  local i = s.index
  self:cancel()
  local function next_question()
    if s.at == "question" and s.index == i and s.locked then self.view:act("next") end
  end
  if i >= #s.paper or not s.mode.board_ms then return next_question() end
  local exam_id = f.set.id
  local score = math.floor(s.total + 0.5)
  local rank = board.live_rank(exam_id, score)
  local tiny = short_screen()
  local t = core.theme()
  local pad, gap = t.space[tiny and "s" or "l"], t.space[tiny and "s" or "m"]
  local place = ui.label { text = rank and f:t("fair_place", rank) or f:t("fair_place_far"),
                           size = tiny and "heading" or "title", bold = true, align = "center" }
  local info = ui.label { text = f:t("points", score) .. " · " .. f:t("question_of", i, #s.paper), bold = true,
                          color = "primary", align = "center" }
  local button = ui.button { label = f:t("continue"), flex = 1, on_tap = next_question }
  -- When the next question comes by itself, read from the same deadline.
  local clock = ui.countdown { deadline_ms = kiosk.now() + s.mode.board_ms, total_ms = s.mode.board_ms, flex = 2,
                               style = "bar", warn_ms = 0, sentence = function(n) return f:t("continue_in", n) end }
  local footer = ui.row { gap = "m", clock, button }
  -- The card gets the room the rest leaves, so the player's row is always on screen.
  local w, h = gfx.size()
  local cw = math.min(1100, w - 2 * pad)
  local used = 2 * pad + 5 * gap
  for _, wdg in ipairs { place, info, footer } do
    local _, wh = wdg:measure(cw)
    used = used + wh
  end
  local card = board.card(f, { exam = exam_id, n = 5, max_height = h - used, heading = f:t("fair_top5"),
                               me = { session = f.session, rank = rank, name = require("kiosk.flow.screens").own_name(f),
                                      score = score, live = true } })
  -- (centred on a tall screen: the room left above and below it)
  local col = ui.column { padding = pad, gap = gap, max_width = 1100, ui.spacer { flex = 1 }, place, info,
                          M.rise(card), ui.spacer { flex = 1 }, footer }
  ui.root(col)
  self:after(s.mode.board_ms, next_question)
  self:phase("board")
end

-- A widget that rises into its place (the board's card).
local Rise = core.class("fair_rise")
function Rise:measure(avail_w) return self.children[1]:measure(avail_w) end
function Rise:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  self.children[1]:layout(x, y, w, h)
end
function Rise:draw()
  local dy = self.slide:value()
  local c = self.children[1]
  if dy ~= 0 then c:layout(self.x, self.y + dy, self.w, self.h) end
  c:draw()
  if dy ~= 0 then c:layout(self.x, self.y, self.w, self.h) end
end
function Rise:event(e) return self.children[1]:event(e) end

function M.rise(widget)
  return core.new(Rise, { widget, slide = tween.new { from = 120, to = 0, ms = M.BOARD_MS, ease = "out_back" } })
end

return M
