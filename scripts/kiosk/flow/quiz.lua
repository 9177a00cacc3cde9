-- kiosk.flow.quiz — the question screens of a flow: f:quiz{ ... } -> result.
--
--   f:quiz {
--     time_limit_s = 1200,        -- the whole paper (default: the set's time_limit_s; none = untimed)
--     on_expiry = "submit",       -- at the end of the time: "submit" what is answered, "grace"
--                                 -- (grace_s more seconds to submit, then submit) or "abandon"
--     grace_s = 30,
--     question_time_s = nil,      -- a limit per question (else question/section time_limit_s)
--     review = true,              -- a review page before handing in (default: the mode's)
--     allow_back = nil,           -- a back button (default: the mode's, false with question_time_s);
--                                 -- never from or into a question with its own clock (its own or
--                                 -- its section's time_limit_s): only that section goes forward only
--     option_style = nil,         -- "tiles": big coloured answers (default: the mode's); in a
--                                 -- first-tap mode the game's rhythm (kiosk.flow.fair)
--     on_phase = nil,             -- the game: function(name, game) as each phase starts
--   }
--
-- The sitting itself — paper, responses, clocks, what is allowed — is a
-- kiosk.exam.session; this module is its view and controller: it draws the
-- session's state, turns taps into the session's operations, and runs one
-- timer for the session's nearest deadline. How answers are met comes from
-- the mode's capabilities (kiosk/exam/modes) and the question type's
-- (kiosk/exam/types), never from their names. Every answer is saved the
-- moment it is given (through the flow's recorder) and the position is
-- checkpointed, so nothing is lost and a power cut resumes here. The result
-- is exam.score_session's table plus status ("completed" / "timed_out"),
-- the responses, the paper and the session id.
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"
local session = require "kiosk.exam.session"
local screens = require "kiosk.flow.screens"

local M = {}

local View = {}
View.__index = View

-- ---- the controller ----

-- Runs the session operation named op (s:answer, s:next, ...) for a tap or
-- a timer, then shows what follows.
function View:act(op, ...)
  if self.finished then return end
  local s = self.s
  local saved = self:saved_count()
  s[op](s, ...)
  if self:saved_count() > saved then self:show_saved() end
  self:refresh()
end

-- Answers the flow's recorder has stored (it counts only after the store
-- call returned: a failed one raises and is never counted).
function View:saved_count()
  local rec = self.f.recorder
  return rec and rec.answers_saved or 0
end

-- "✓ 已保存" in the header for a moment after an answer was stored.
function View:show_saved()
  local label = self.saved_label
  if not label then return end
  label:set_text(self.f:t("saved"))
  if self.saved_timer then kiosk.cancel(self.saved_timer) end
  self.saved_timer = kiosk.after(2500, function()
    self.saved_timer = nil
    if self.saved_label == label then label:set_text("") end
  end)
end

-- What the screen shows; the page is rebuilt only when that changes (a
-- tap on an option changes the response, not the page).
function View:page_key()
  local s = self.s
  return table.concat({ s.at, tostring(s.index), tostring(s.locked), tostring(s.in_grace),
                        tostring(s.index and s:is_checked() or false) }, "/")
end

function View:refresh()
  if self.finished then return end
  local s = self.s
  if s:ended() then return self:finish() end
  local key = self:page_key()
  if key ~= self.shown_key then
    self.shown_key = key
    self:cancel_timers()
    if s.at == "review" then self:show_review()
    elseif self.game and self.game:show() then -- the trade fair's rhythm (kiosk.flow.fair)
    elseif s.locked then self:show_feedback()
    else self:show_question() end
  end
  self:arm()
end

-- One timer for the session's nearest deadline; the session decides what it means.
function View:arm()
  local s = self.s
  if self.clock_timer then kiosk.cancel(self.clock_timer) end
  self.clock_timer = nil
  local due
  if s.in_grace then due = s.grace_deadline
  else
    due = s.deadline
    if s.question_deadline and (not due or s.question_deadline < due) then due = s.question_deadline end
  end
  if due then
    self.clock_timer = kiosk.after(math.max(0, due - kiosk.now()), function()
      self.clock_timer = nil
      self:act("tick")
    end)
  end
end

function View:cancel_timers()
  for _, k in ipairs { "save_timer", "feedback_timer", "saved_timer" } do
    if self[k] then kiosk.cancel(self[k]) end
    self[k] = nil
  end
  if self.game then self.game:cancel() end
end

function View:finish()
  self.finished = true
  self:cancel_timers()
  if self.clock_timer then kiosk.cancel(self.clock_timer) end
  self.clock_timer = nil
  local result = self.s.result
  result.session = self.f.session
  self.f.last_result = result
  ui.close_dialog()
  self.done(result)
end

-- Typed answers are saved a moment after the last keystroke (and when the
-- candidate leaves the question: the session does that).
function View:save_soon()
  if self.save_timer then kiosk.cancel(self.save_timer) end
  self.save_timer = kiosk.after(1200, function()
    self.save_timer = nil
    self:act("save_draft")
  end)
end

function View:confirm_finish()
  local f, s = self.f, self.s
  local missing = #s:unanswered()
  ui.confirm { title = f:t("finish_confirm_title"),
               text = missing > 0 and f:t("finish_confirm_text", missing) or f:t("finish_confirm_all"),
               no = f:t("keep_answering"), yes = f:t("finish"),
               on_yes = function() self:act("submit", s.in_grace and "timed_out" or "completed") end }
end

-- ---- the view ----

-- A short screen (landscape at every size: 480..800 logical units high)
-- gets denser spacing so the options fit without scrolling; a very short
-- one (800x480: 600 high) tighter still.
local function is_dense()
  local _, h = gfx.size()
  return h < 900
end

local function is_very_short()
  local _, h = gfx.size()
  return h < 650
end

-- Where the question is: its section and its points ("一、单选题 · 2 分").
function View:place(i)
  local f, s = self.f, self.s
  local q, sec = s:question(i)
  local text = f:text(sec.title or sec.id)
  if s.mode.shows_points_each then text = text .. " · " .. f:t("points_each", screens.num(exam.max_points(q, sec))) end
  return text
end

-- The header: where the candidate is, the section, the points, the help
-- button, the clock. extra: widgets put before them (the footer's buttons,
-- on a very short screen with the keyboard up); the header then says only
-- "第 2 题 / 共 10 题" (the line under it says the section), so with large
-- text it stays as tall as the clock.
function View:header(i, extra)
  local f, s = self.f, self.s
  local text = f:t("question_of", i, #s.paper)
  if not extra then text = text .. " · " .. self:place(i) end
  local row = { gap = extra and "s" or "m", ui.progress { value = (i - 1) / #s.paper, text = text, flex = 1 } }
  -- Where "✓ 已保存" shows after an answer is stored (View:show_saved).
  self.saved_label = ui.label { text = "", size = "small", color = "success", bold = true }
  row[#row + 1] = self.saved_label
  for _, w in ipairs(extra or {}) do row[#row + 1] = w end
  row[#row + 1] = self:help_button()
  row[#row + 1] = self:clock()
  return ui.row(row)
end

-- The help button in the quiz's header (as on the welcome screen): the
-- staff-call screen over the question, which stays as it was under it.
function View:help_button()
  return self.f:help_button { font_size = "small" }
end

-- The header's clock: the paper's, or in the grace time the grace time's
-- (the only countdown on screen then; the footer's sentence reads it).
function View:clock()
  local s = self.s
  local diameter = 76
  if s.in_grace then
    return ui.countdown { deadline_ms = s.grace_deadline, total_ms = s.grace_ms, diameter = diameter,
                          warn_ms = s.grace_ms }
  elseif s.deadline then
    return ui.countdown { deadline_ms = s.deadline, total_ms = s.limit_ms, diameter = diameter,
                          warn_ms = math.min(60000, s.limit_ms // 5) }
  end
  return nil
end

-- "时间到！请在 19 秒内提交。": the grace time's sentence, its number read
-- live from the same deadline as the header's clock (so they agree).
function View:grace_sentence()
  local f, s = self.f, self.s
  return ui.countdown { style = "text", deadline_ms = s.grace_deadline, total_ms = s.grace_ms, flex = 2,
                        color = "danger", bold = true, warn_ms = s.grace_ms,
                        sentence = function(n) return f:t("time_up_grace", n) end }
end

-- Right or wrong after an answer (modes that show feedback).
function View:feedback_card(i, correct, extra)
  local f, s = self.f, self.s
  local q, _, entry = s:question(i)
  local t = exam.type(q.type)
  -- Tighter on a very short screen, so the explanation fits under the options.
  local tiny = is_very_short()
  local card = { padding = tiny and "s" or "m", gap = tiny and "xs" or "s",
    ui.label { text = (correct and "✓ " or "✗ ") .. f:t(correct and "correct" or "wrong"),
               size = tiny and "option" or "heading", bold = true,
               color = correct and "success" or "danger" } }
  if extra then card[#card + 1] = extra end
  if not correct and s.mode.reveals_key and q.answer ~= nil and t.key_text then
    card[#card + 1] = ui.label { text = f:t("right_answer", t.key_text(q, entry, exam, f.lang)), bold = true }
  end
  if q.explanation and s.mode.explains then
    card[#card + 1] = ui.label { text = f:t("explanation") .. "：" .. f:text(q.explanation), color = "muted" }
  end
  return ui.card(card)
end

-- A first-tap answer's feedback: right or wrong, the points, then on.
function View:show_feedback()
  local f, s = self.f, self.s
  local i, last = s.index, s.last or {}
  local q = s:question(i)
  local extra
  if last.correct then
    local text = "+" .. screens.num(last.points)
    if s.mode.streaks and s.streak > 1 then text = text .. "　🔥 " .. f:t("streak", s.streak) end
    extra = ui.label { text = text, size = "title", bold = true, color = "primary" }
  elseif last.t_ms == nil then
    extra = ui.label { text = f:t("question_time_up"), color = "warning" }
  end
  local function go_on()
    if s.at == "question" and s.index == i and s.locked then self:act("next") end
  end
  local body = { self:header(i), ui.label { text = M.stem_text(f:text(q.stem)), size = "heading", bold = true } }
  if s.mode.shows_feedback then body[#body + 1] = self:feedback_card(i, last.correct, extra)
  elseif extra then body[#body + 1] = extra end
  body[#body + 1] = ui.label { text = f:t("points", math.floor(s.total + 0.5)), size = "heading", align = "center" }
  ui.root(screens.page(body, { ui.button { label = f:t("continue"), flex = 1, on_tap = go_on } }))
  -- On its own after a moment: the fair's pace.
  self.feedback_timer = kiosk.after(s.mode.feedback_ms or 2500, function()
    self.feedback_timer = nil
    go_on()
  end)
end

function View:hint(t)
  if type(t.hint) == "table" then return self.f:text(t.hint) end
  return self.f:t(t.hint or "single_hint")
end

-- The question screen's frame. The layout rule, at every size: the header
-- (progress, section, clock) and `fixed` (the stem of a written answer)
-- never scroll; the rest scrolls between them and the buttons, with a
-- "更多 ↓" cue when it does not fit.
function View:page(top, fixed, body, buttons)
  local dense, tiny = is_dense(), is_very_short()
  local column = { padding = tiny and "s" or dense and "m" or "l", gap = tiny and "xs" or dense and "s" or "m",
                   max_width = 1100 }
  for _, w in ipairs(top) do column[#column + 1] = w end
  for _, w in ipairs(fixed) do column[#column + 1] = w end
  local scroll = { flex = 1, gap = dense and "s" or "m", more_label = self.f.lang == "en" and "More ↓" or "更多 ↓" }
  for _, w in ipairs(body) do scroll[#scroll + 1] = w end
  column[#column + 1] = ui.scroll(scroll)
  if buttons then column[#column + 1] = ui.row(buttons) end
  return ui.column(column)
end

function View:show_question()
  local f, s = self.f, self.s
  local i = s.index
  local q, sec, entry = s:question(i)
  local t = exam.type(q.type)
  local checked = s:is_checked(i)
  local dense, tiny = is_dense(), is_very_short()
  local top, fixed, body = { false }, {}, {}
  if s.question_deadline then
    local limit_ms = s:question_limit_s(i) * 1000
    top[#top + 1] = ui.countdown { deadline_ms = s.question_deadline, total_ms = limit_ms, style = "bar",
                                   warn_ms = math.min(5000, limit_ms // 4) }
  end
  -- The kind of answer ("单选") and, on a section's first question, its
  -- instructions: one small line above the stem.
  local first_of_section = i == 1 or s.paper[i - 1].section ~= entry.section
  local note = self:hint(t)
  local instructions = first_of_section and sec.instructions and f:text(sec.instructions)
  -- A very short screen's typed answer: its header is too full to name the
  -- section (View:header), so this line does (unless its instructions do).
  local title = f:text(sec.title or sec.id)
  if t.free_text and tiny and not (instructions and instructions:find(title, 1, true)) then
    note = note .. " · " .. self:place(i)
  end
  if instructions then note = note .. " · " .. instructions end
  local stem_size = dense and "option" or "heading"
  if t.free_text then
    -- Typed answers: the stem stays above the field and the keyboard; on a
    -- short screen folded to a line or two (a tap shows it whole).
    fixed[#fixed + 1] = ui.row { gap = "m", ui.label { text = note, color = "muted", size = "small", flex = 1,
                                                       max_lines = tiny and 1 or nil } }
    fixed[#fixed + 1] = ui.fold_label { text = M.stem_text(f:text(q.stem)), size = stem_size, bold = true,
                                        max_lines = tiny and 1 or dense and 2 or 4 }
  else
    -- Several answers: said in words and in the primary colour, beside the
    -- checkboxes. The line stays above the scroll, so what kind of answer
    -- is asked is never scrolled away (practice's explanation scrolls in).
    fixed[#fixed + 1] = ui.label { text = note, color = t.several and "primary" or "muted", size = "small",
                                   bold = t.several == true }
    body[#body + 1] = ui.label { text = M.stem_text(f:text(q.stem)), size = stem_size, bold = true }
  end
  if q.image then
    local _, screen_h = gfx.size()
    body[#body + 1] = ui.image { name = q.image, height = math.floor(math.min(240, screen_h * 0.2)) }
  end

  local function changed(resp)
    if s.at ~= "question" or s.index ~= i or s.locked or checked then return end
    if s:first_tap(i) then
      -- Speed from the frame that showed the question to the touch itself.
      local presented = kiosk.presented_at(ui.screen_frame() or -1) or s.shown_at
      local t_ms = resp ~= nil and math.max(0, (f.last_input_t or kiosk.now()) - presented) or nil
      return self:act("answer", resp, { t_ms = t_ms })
    end
    local saved = self:saved_count()
    s:answer(resp, { draft = t.free_text == true })
    if self:saved_count() > saved then self:show_saved() end
    if t.free_text then self:save_soon() end
  end
  local widget, field = t.widget { question = q, entry = entry, lang = f.lang, exam = exam,
                                   response = s.responses[q.id], on_change = changed, style = self.option_style,
                                   dense = dense, short = tiny, reveal = checked and s.mode.reveals_key }
  body[#body + 1] = widget
  if t.free_text and widget.counter and fixed[1] then
    -- The character counter beside the note above the field: always in sight.
    for k, c in ipairs(widget.children or {}) do
      if c == widget.counter then table.remove(widget.children, k) break end
    end
    widget.counter.align = nil
    table.insert(fixed[1].children, widget.counter)
  end
  local feedback
  if checked and s.mode.shows_feedback then
    local pts, max, correct = s:score_of(i)
    feedback = self:feedback_card(i, correct == true and pts >= max, nil)
    body[#body + 1] = feedback
  end

  -- Footer: back, and next / check / review / finish.
  local buttons = { gap = "m" }
  local last = i == #s.paper
  -- Back only where the session allows it: not from or into a question with its own clock.
  if i > 1 and s:can_go(i - 1) then
    buttons[#buttons + 1] = ui.button { label = f:t("prev_question"), style = "secondary", flex = 1,
                                        on_tap = function() self:act("go", i - 1) end }
  end
  if s.in_grace then
    -- Beside the button, where it cannot scroll away.
    buttons[#buttons + 1] = self:grace_sentence()
    buttons[#buttons + 1] = ui.button { label = f:t("finish"), flex = 1,
                                        on_tap = function() self:act("submit", "timed_out") end }
  elseif s:can_check(i) then
    buttons[#buttons + 1] = ui.button { label = f:t("submit_answer"), flex = 2,
                                        on_tap = function() self:act("check") end }
  elseif s:first_tap(i) then
    -- the tap on an option is the answer: no button
  else
    local label = last and (s.review_page and f:t("review") or f:t("finish")) or f:t("next_question")
    buttons[#buttons + 1] = ui.button { label = label, flex = 2, on_tap = function()
      if last and not s.review_page then return self:confirm_finish() end
      self:act("next")
    end }
  end

  if t.free_text and not field then field = widget.children and widget.children[1] end
  -- A very short screen with the keyboard up: the buttons go into the
  -- header row, so the field keeps room for its lines.
  local footer = #buttons > 0 and buttons or nil
  if field and tiny and footer then
    local moved = {}
    for _, b in ipairs(buttons) do
      b.flex = nil -- its own width beside the progress,
      b.font_size = "small" -- and words the size of the help button's (English, large text: room for the progress)
      moved[#moved + 1] = b
    end
    top[1], footer = self:header(i, moved), nil
  else
    top[1] = self:header(i)
  end
  local screen = self:page(top, fixed, body, footer)
  if field then
    -- A typed answer gets the on-screen keyboard under the question.
    local layouts = screens.layouts_for(t.keyboard == "digits" and "digits" or "text")
    screen = ui.column { gap = "s", screen, ui.keyboard { target = field, layouts = layouts, layout = layouts[1],
                                                          on_done = function() self:act("save_draft") end } }
    screen.children[1].flex = 1
  end
  ui.root(screen)
  if field then field:focus() end
  if feedback then ui.reveal(feedback) end -- the explanation, not under the button
end

-- The review page's header, fixed above its scrolling list like the
-- question screens': the title, how many are answered, help and the clock.
function View:review_header()
  local f, s = self.f, self.s
  local answered = #s.paper - #s:unanswered()
  local title = ui.column { gap = "xs", flex = 1,
    ui.label { text = f:t("review_title"), size = is_very_short() and "heading" or "title", bold = true },
    ui.progress { value = answered / #s.paper, text = f:t("answered_of", answered, #s.paper) } }
  local row = { gap = "m", title, self:help_button() }
  row[#row + 1] = self:clock()
  return ui.row(row)
end

-- Every question with answered / not answered; a tap goes back to it.
function View:show_review()
  local f, s = self.f, self.s
  local body = { ui.label { text = f:t("review_text"), color = "muted" } }
  -- A grid of question tiles: answered ones filled, the others outlined,
  -- and the unanswered numbers spelt out (not by colour alone).
  local per_row = ui.is_portrait() and 4 or 6
  local tiles, missing = {}, {}
  for k in ipairs(s.paper) do
    local ok = s:is_answered(k)
    if not ok then missing[#missing + 1] = tostring(k) end
    -- Answered: filled, with ✓; not answered: outlined, with ○ — both
    -- clearly tappable (a pale tile looked disabled), told apart by shape.
    -- The tile shows the short number; replays tap it by the full one.
    tiles[k] = ui.button { label = (ok and "✓ " or "○ ") .. f:t("question_short", k), style = ok and "primary" or "ghost",
                           element_label = f:t("question_n", k), flex = 1,
                           on_tap = function() self:act("go", k) end }
  end
  -- Rows of equal tiles; the last row padded so its tiles keep their width.
  for first = 1, #tiles, per_row do
    local row = { gap = "s" }
    for k = first, first + per_row - 1 do row[#row + 1] = tiles[k] or ui.spacer { flex = 1 } end
    body[#body + 1] = ui.row(row)
  end
  body[#body + 1] = ui.label { text = #missing == 0 and f:t("all_answered") or f:t("missing_list", table.concat(missing, f.lang == "en" and ", " or "、")),
                               color = #missing == 0 and "success" or "warning", bold = true }
  local buttons = { gap = "m" }
  if s.in_grace then buttons[#buttons + 1] = self:grace_sentence() end
  buttons[#buttons + 1] = ui.button { label = f:t("finish"), flex = 1, on_tap = function() self:confirm_finish() end }
  ui.root(self:page({ self:review_header() }, {}, body, buttons))
end

-- ---- the screen ----

-- The session model for this flow and these options (resumed from the
-- flow's checkpoint when there is one).
-- The brand's logo at the header's start (kiosk.ui.brand sizes it small
-- enough for 800x480 and large text); nothing when the app has none, on a
-- narrow (portrait) screen, where the progress, the help button and the
-- clock need the width, nor when the header also carries the footer's
-- buttons (a very short screen with the keyboard up). The welcome and
-- result screens show the brand there.
local plain_header = View.header
function View:header(i, extra)
  local row = plain_header(self, i, extra)
  local width = gfx.size()
  local logo = not extra and width >= 900 and ui.brand_logo("header")
  if logo then table.insert(row.children, 1, logo) end
  return row
end

function M.session(f, o)
  local resumed = f.resumed
  f.resumed = nil
  local resume
  if resumed then
    local pos = resumed.quiz or {}
    resume = { responses = resumed.answers, index = pos.index, review = pos.review, remaining_ms = resumed.remaining_ms }
  end
  return session.new {
    set = f.set, seed = f.seed, mode = f.mode, clock = kiosk.now, recorder = f.recorder,
    time_limit_s = o.time_limit_s, on_expiry = o.on_expiry, grace_s = o.grace_s, question_time_s = o.question_time_s,
    review = o.review, allow_back = o.allow_back, resume = resume, extra = o.extra,
  }
end

-- The screen function: f:quiz(opts). o.session: a session made by the
-- caller with M.session (replay-session); else one is made here. Returns
-- the view, whose act(op, ...) runs a session operation and shows what follows.
function M.screen(f, o, done)
  assert(f.set, "f:quiz() needs the flow's set (flow.app{ set = ... })")
  f:begin()
  local s = o.session or M.session(f, o)
  local view = setmetatable({ f = f, s = s, done = done, option_style = o.option_style or s.mode.option_style }, View)
  -- Tiles in a first-tap mode play as the game: lead-in, tiles, reveal, board.
  local fair = require "kiosk.flow.fair"
  if fair.applies(view) then view.game = fair.new(view, o.on_phase) end
  if s.at == "start" then s:start() end
  view:refresh()
  return view
end

-- A stem as shown: a leading number from the source document ("1.2026年…",
-- "12、…", "3）…") is dropped, since the kiosk numbers the questions itself
-- (the set keeps the source text). A decimal ("3.5 元…") is kept: "N." is
-- only a number before a non-digit, or before a year ("1.2026年").
local number_marks = { ".", "．", "、", ")", "）" }

function M.stem_text(text)
  if type(text) ~= "string" then return text end
  local after = text:match("^%s*%d%d?%d?()")
  if not after then return text end
  for _, sep in ipairs(number_marks) do
    if text:sub(after, after + #sep - 1) == sep then
      local rest = text:sub(after + #sep):match("^%s*(.*)$")
      if rest == "" then return text end
      if sep == "." and rest:match("^%d") and not rest:match("^%d%d%d%d年") then return text end
      return rest
    end
  end
  return text
end

M.speed_points = require("kiosk.exam.scoring").speed_points
return M
