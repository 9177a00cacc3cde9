-- kiosk.flow.quiz — the question screens of a flow: f:quiz{ ... } -> result.
--
--   f:quiz {
--     time_limit_s = 1200,        -- the whole paper (default: the set's time_limit_s; none = untimed)
--     on_expiry = "submit",       -- at the end of the time: "submit" what is answered, "grace"
--                                 -- (grace_s more seconds to submit, then submit) or "abandon"
--     grace_s = 30,
--     question_time_s = nil,      -- a limit per question (else question/section time_limit_s)
--     review = true,              -- a review page before handing in (not in trade-fair mode)
--   }
--
-- The session's mode decides how answers are met: "recruitment" never shows
-- a right answer; "practice" checks each answer and shows its explanation
-- (解析); "trade_fair" answers on the first tap, earns speed points and
-- shows right or wrong at once. Every answer is saved the moment it is given
-- (store.answer) and the position is checkpointed, so nothing is lost and a
-- power cut resumes here. The result is exam.score_session's table plus
-- status ("completed" / "timed_out") and the responses.
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"
local scoring = require "kiosk.exam.scoring"
local screens = require "kiosk.flow.screens"

local M = {}

local hint_key = { single = "single_hint", multiple = "multiple_hint", truefalse = "truefalse_hint",
                   open = "open_hint", rating = "rating_hint" }

local Quiz = {}
Quiz.__index = Quiz

function Quiz:question(i)
  local entry = self.paper[i]
  local q, sec = exam.find(self.set, entry.id)
  return q, sec, entry
end

function Quiz:remaining()
  if not self.deadline then return nil end
  return math.max(0, self.deadline - kiosk.now())
end

function Quiz:unanswered()
  local n = 0
  for _, entry in ipairs(self.paper) do
    if not exam.answered(exam.find(self.set, entry.id), self.responses[entry.id]) then n = n + 1 end
  end
  return n
end

-- Saves one answer now (the store writes it durably before returning).
function Quiz:record(i)
  local f = self.f
  local q, sec = self:question(i)
  local t = exam.type(q.type)
  local resp = self.responses[q.id]
  local pts, max, correct = exam.score_question(q, sec, resp, nil)
  local spent = (self.spent[q.id] or 0) + (kiosk.now() - (self.shown_at or kiosk.now()))
  store.answer(f.session, { question = q.id, response = resp, points = pts, max_points = max, correct = correct,
                            time_ms = spent, free_text = t.free_text == true })
  -- The time left goes with it: after a power cut the candidate gets back
  -- what they had at their last answer, not at the last page turn.
  if self.deadline then f:save({ index = self.index }, self:remaining()) end
  return pts, max, correct
end

-- Typed answers are saved a moment after the last keystroke, and when the
-- candidate leaves the question.
function Quiz:record_soon(i)
  if self.pending_save then kiosk.cancel(self.pending_save) end
  self.pending_save = kiosk.after(1200, function()
    self.pending_save = nil
    self:record(i)
  end)
end

function Quiz:flush()
  if self.pending_save then
    kiosk.cancel(self.pending_save)
    self.pending_save = nil
    self:record(self.index)
  end
end

-- Leaves question i (time spent adds up when the candidate comes back).
function Quiz:leave()
  self:flush()
  if self.shown_at then
    local id = self.paper[self.index].id
    self.spent[id] = (self.spent[id] or 0) + (kiosk.now() - self.shown_at)
    self.shown_at = nil
  end
  if self.question_timer then kiosk.cancel(self.question_timer) end
  self.question_timer = nil
end

function Quiz:go(i)
  self:leave()
  if i > #self.paper then
    if self.review and self.f.mode ~= "trade_fair" then return self:show_review() end
    return self:submit("completed")
  end
  self:show(i)
end

function Quiz:submit(status)
  if self.submitted then return end
  self:leave()
  self.submitted = true
  local f = self.f
  local result
  if status == "timed_out" and self.on_expiry == "abandon" then
    result = { status = status, max_score = nil }
    f:finish(status, {})
  else
    result = exam.score_session(self.set, self.responses, self.paper)
    result.status = status
    -- Answers still waiting for a person (open questions) leave the score
    -- provisional: stored, but pass/fail only after the rubric.
    if result.pending > 0 then result.passed = nil end
    f:finish(status, result)
  end
  result.responses, result.paper, result.session = self.responses, self.paper, f.session
  f.last_result = result
  ui.close_dialog()
  self.done(result)
end

-- The header: where the candidate is, the section, the points, the clock.
function Quiz:header(i, q, sec)
  local f = self.f
  local pts = exam.max_points(q, sec)
  local text = f:t("question_of", i, #self.paper) .. " · " .. f:text(sec.title or sec.id)
  if f.mode ~= "trade_fair" then text = text .. " · " .. f:t("points_each", screens.num(pts)) end
  local row = { gap = "m", ui.progress { value = (i - 1) / #self.paper, text = text, flex = 1 } }
  if self.grace_deadline then
    row[#row + 1] = ui.countdown { deadline_ms = self.grace_deadline, total_ms = self.grace_ms, diameter = 76,
                                   warn_ms = self.grace_ms, on_expire = function() self:submit("timed_out") end }
  elseif self.deadline then
    row[#row + 1] = ui.countdown { deadline_ms = self.deadline, total_ms = self.limit_ms, diameter = 76,
                                   warn_ms = math.min(60000, self.limit_ms // 5),
                                   on_expire = function() self:expired() end }
  end
  return ui.row(row)
end

-- The paper's time is up: the exam's rule decides.
function Quiz:expired()
  if self.submitted then return end
  local f = self.f
  store.event(f.session, "time_up", { rule = self.on_expiry })
  if self.on_expiry == "grace" and not self.grace_deadline then
    self.grace_ms = (self.grace_s or 30) * 1000
    self.grace_deadline = kiosk.now() + self.grace_ms
    self:leave()
    -- The same page, now with the grace clock and a "hand in" button.
    if self.index > #self.paper then self:show_review() else self:show(self.index) end
  else
    self:submit("timed_out")
  end
end

-- A question's own time is up: on to the next.
function Quiz:question_expired(i)
  if self.submitted or self.index ~= i then return end
  local q = self:question(i)
  store.event(self.f.session, "question_time_up", { question = q.id })
  if self.f.mode == "trade_fair" then return self:answer_fast(i, nil) end
  self:record(i)
  self:go(i + 1)
end

-- Trade fair: the first tap is the answer; points for speed.
function Quiz:answer_fast(i, choice)
  if self.locked then return end
  self.locked = true
  local f = self.f
  local q, sec = self:question(i)
  local presented = kiosk.presented_at(ui.screen_frame() or -1) or self.shown_at
  local t_ms = choice and math.max(0, (f.last_input_t or kiosk.now()) - presented) or nil
  local correct = scoring.choice_correct(q, choice)
  self.streak = correct and (self.streak or 0) + 1 or 0
  self.responses[q.id] = { choice = choice, t_ms = t_ms, streak = correct and self.streak or 0 }
  local pts = self:record(i)
  local limit = (q.time_limit_s or sec.time_limit_s or 20) * 1000
  self:show_feedback(i, correct, pts, t_ms, limit)
end

function Quiz:right_answer_text(q, entry)
  local ids = type(q.answer) == "table" and q.answer or { q.answer }
  if q.type == "truefalse" then return self.f:text(q.answer and { zh = "正确", en = "True" } or { zh = "错误", en = "False" }) end
  -- Letters as this candidate saw them (options may have been shuffled).
  local order = entry.option_order
  local shown = {}
  for _, id in ipairs(ids) do
    local letter = id
    if order then
      for k, oid in ipairs(order) do if oid == id then letter = string.char(64 + k) end end
    else
      for k, o in ipairs(exam.options(q)) do if o.id == id then letter = string.char(64 + k) end end
    end
    shown[#shown + 1] = letter
  end
  table.sort(shown)
  return table.concat(shown, "、")
end

-- Right or wrong after an answer (practice and trade-fair modes only).
function Quiz:feedback_card(q, entry, correct, extra)
  local f = self.f
  local card = { padding = "m", gap = "s",
    ui.label { text = (correct and "✓ " or "✗ ") .. f:t(correct and "correct" or "wrong"), size = "heading", bold = true,
               color = correct and "success" or "danger" } }
  if extra then card[#card + 1] = extra end
  if not correct and q.answer ~= nil then
    card[#card + 1] = ui.label { text = f:t("right_answer", self:right_answer_text(q, entry)), bold = true }
  end
  if q.explanation and f.mode == "practice" then
    card[#card + 1] = ui.label { text = f:t("explanation") .. "：" .. f:text(q.explanation), color = "muted" }
  end
  return ui.card(card)
end

function Quiz:show_feedback(i, correct, pts, t_ms, limit)
  local f = self.f
  local q, sec, entry = self:question(i)
  local extra
  if correct then
    local text = "+" .. screens.num(pts)
    if (self.streak or 0) > 1 then text = text .. "　🔥 " .. f:t("streak", self.streak) end
    extra = ui.label { text = text, size = "title", bold = true, color = "primary" }
  elseif t_ms == nil then
    extra = ui.label { text = f:t("question_time_up"), color = "warning" }
  end
  self.total = (self.total or 0) + (pts or 0)
  ui.root(screens.page({
    self:header(i, q, sec),
    ui.label { text = f:text(q.stem), size = "heading", bold = true },
    self:feedback_card(q, entry, correct, extra),
    ui.label { text = f:t("points", math.floor(self.total + 0.5)), size = "heading", align = "center" },
  }, { ui.button { label = f:t("continue"), flex = 1, on_tap = function() self:next_after_feedback(i) end } }))
  -- On its own after a moment: the fair's pace.
  self.feedback_timer = kiosk.after(2500, function() self:next_after_feedback(i) end)
end

function Quiz:next_after_feedback(i)
  if self.index ~= i or self.submitted then return end
  if self.feedback_timer then kiosk.cancel(self.feedback_timer) end
  self.feedback_timer = nil
  self.locked = false
  self:go(i + 1)
end

function Quiz:show(i)
  local f = self.f
  self.index = i
  local q, sec, entry = self:question(i)
  local t = exam.type(q.type)
  self.shown_at = kiosk.now()
  self.locked = false
  f:save({ index = i }, self:remaining())
  -- The options' texts by id go with it, so the fleet's answer rows can
  -- show what was chosen (fleet.answer_rows), not only its letter.
  local texts
  for _, o in ipairs(q.options and exam.options(q) or {}) do
    texts = texts or {}
    texts[o.id] = exam.text(o.text)
  end
  store.event(f.session, "question", { question = q.id, index = i, options = texts })

  local checked = self.checked[q.id]
  local body = { self:header(i, q, sec) }
  -- A limit per question (trade fair: always; 20 s unless the set says).
  local qlimit = q.time_limit_s or sec.time_limit_s or self.question_time_s
  if f.mode == "trade_fair" and not qlimit then qlimit = 20 end
  if checked then qlimit = nil end
  if qlimit then
    body[#body + 1] = ui.countdown { deadline_ms = kiosk.now() + qlimit * 1000, total_ms = qlimit * 1000,
                                     style = "bar", warn_ms = math.min(5000, qlimit * 250) }
  end
  local first_of_section = i == 1 or self.paper[i - 1].section ~= entry.section
  if first_of_section and sec.instructions then
    body[#body + 1] = ui.label { text = f:text(sec.instructions), color = "muted", size = "small" }
  end
  body[#body + 1] = ui.label { text = f:text(q.stem), size = "heading", bold = true }
  body[#body + 1] = ui.label { text = f:t(hint_key[q.type] or "single_hint"), size = "small", color = "muted" }
  if q.image then
    local _, screen_h = gfx.size()
    body[#body + 1] = ui.image { name = q.image, height = math.floor(math.min(240, screen_h * 0.2)) }
  end

  local function changed(resp)
    if self.submitted or self.locked or checked then return end
    if f.mode == "trade_fair" and (q.type == "single" or q.type == "truefalse") then
      return self:answer_fast(i, resp)
    end
    self.responses[q.id] = resp
    if t.free_text then self:record_soon(i) else self:record(i) end
  end
  -- The fair answers on big coloured tiles; an app may choose with quiz{ option_style = }.
  local style = self.option_style or (f.mode == "trade_fair" and "tiles" or nil)
  local widget = t.widget(q, entry, f.lang, exam, self.responses[q.id], changed, style)
  body[#body + 1] = widget
  local feedback
  if checked then
    local pts, max, correct = exam.score_question(q, sec, self.responses[q.id])
    feedback = self:feedback_card(q, entry, correct == true and pts >= max, nil)
    body[#body + 1] = feedback
  end

  -- Footer: back, and next / check / review / finish.
  local buttons = { gap = "m" }
  local last = i == #self.paper
  if self.allow_back and i > 1 and not self.grace_deadline then
    buttons[#buttons + 1] = ui.button { label = f:t("prev_question"), style = "secondary", flex = 1,
                                        on_tap = function() self:leave(); self:show(i - 1) end }
  end
  if self.grace_deadline then
    -- Beside the button, where it cannot scroll away.
    buttons[#buttons + 1] = ui.countdown { deadline_ms = self.grace_deadline, total_ms = self.grace_ms, diameter = 60,
                                           warn_ms = self.grace_ms }
    buttons[#buttons + 1] = ui.label { text = f:t("time_up_grace", self.grace_ms // 1000), color = "danger", bold = true,
                                       flex = 2 }
    buttons[#buttons + 1] = ui.button { label = f:t("finish"), flex = 1, on_tap = function() self:submit("timed_out") end }
  elseif f.mode == "practice" and not checked and q.type ~= "open" and q.type ~= "rating" then
    buttons[#buttons + 1] = ui.button { label = f:t("submit_answer"), flex = 2, on_tap = function()
      self:flush()
      self.checked[q.id] = true
      store.event(f.session, "checked", { question = q.id })
      self:leave()
      self:show(i)
    end }
  elseif f.mode == "trade_fair" and (q.type == "single" or q.type == "truefalse") then
    -- the tap on an option is the answer: no button
  else
    local label = last and (self.review and f:t("review") or f:t("finish")) or f:t("next_question")
    buttons[#buttons + 1] = ui.button { label = label, flex = 2, on_tap = function()
      if last and not self.review then return self:confirm_finish() end
      self:go(i + 1)
    end }
  end

  local screen = screens.page(body, #buttons > 0 and buttons or nil)
  if t.free_text then
    -- A typed answer gets the on-screen keyboard under the question.
    local field = widget.children and widget.children[1]
    if field then
      local layouts = screens.layouts_for("text")
      screen = ui.column { gap = "s", screen, ui.keyboard { target = field, layouts = layouts, layout = layouts[1],
                                                            on_done = function() self:flush() end } }
      screen.children[1].flex = 1
    end
  end
  ui.root(screen)
  if t.free_text and widget.children and widget.children[1] then widget.children[1]:focus() end
  if feedback then ui.reveal(feedback) end -- the explanation, not under the button

  if qlimit then
    self.question_timer = kiosk.after(qlimit * 1000, function() self:question_expired(i) end)
  end
end

function Quiz:confirm_finish()
  local f = self.f
  local missing = self:unanswered()
  ui.confirm { title = f:t("finish_confirm_title"),
               text = missing > 0 and f:t("finish_confirm_text", missing) or f:t("finish_confirm_all"),
               no = f:t("keep_answering"), yes = f:t("finish"),
               on_yes = function() self:submit(self.grace_deadline and "timed_out" or "completed") end }
end

-- Every question with answered / not answered; a tap goes back to it.
function Quiz:show_review()
  local f = self.f
  self.index = #self.paper + 1
  f:save({ index = #self.paper, review = true }, self:remaining())
  store.event(f.session, "review")
  local body = { ui.label { text = f:t("review_title"), size = "title", bold = true },
                 ui.label { text = f:t("review_text"), color = "muted" } }
  if self.grace_deadline then
    body[#body + 1] = ui.label { text = f:t("time_up_grace", self.grace_ms // 1000), color = "danger", bold = true }
    body[#body + 1] = ui.countdown { deadline_ms = self.grace_deadline, total_ms = self.grace_ms, style = "bar",
                                     warn_ms = self.grace_ms, on_expire = function() self:submit("timed_out") end }
  elseif self.deadline then
    body[#body + 1] = ui.countdown { deadline_ms = self.deadline, total_ms = self.limit_ms, style = "bar",
                                     on_expire = function() self:expired() end }
  end
  -- A grid of question tiles: answered ones filled, the others outlined,
  -- and the unanswered numbers spelt out (not by colour alone).
  local per_row = ui.is_portrait() and 4 or 6
  local tiles, missing = {}, {}
  for k, entry in ipairs(self.paper) do
    local ok = exam.answered(exam.find(self.set, entry.id), self.responses[entry.id])
    if not ok then missing[#missing + 1] = tostring(k) end
    tiles[k] = ui.button { label = f:t("question_n", k), style = ok and "primary" or "secondary", flex = 1,
                           on_tap = function() self:show(k) end }
  end
  -- Rows of equal tiles; the last row padded so its tiles keep their width.
  for first = 1, #tiles, per_row do
    local row = { gap = "s" }
    for k = first, first + per_row - 1 do row[#row + 1] = tiles[k] or ui.spacer { flex = 1 } end
    body[#body + 1] = ui.row(row)
  end
  body[#body + 1] = ui.label { text = #missing == 0 and f:t("all_answered") or f:t("missing_list", table.concat(missing, "、")),
                               color = #missing == 0 and "success" or "warning", bold = true }
  ui.root(screens.page(body, { ui.button { label = f:t("finish"), flex = 1, on_tap = function() self:confirm_finish() end } }))
end

-- The screen function: f:quiz(opts).
function M.screen(f, o, done)
  local set = f.set
  assert(set, "f:quiz() needs the flow's set (flow.app{ set = ... })")
  f:begin()
  local Q = setmetatable({
    f = f, set = set, done = done,
    responses = {}, spent = {}, checked = {},
    on_expiry = o.on_expiry or set.on_expiry or "submit",
    grace_s = o.grace_s or set.grace_s,
    question_time_s = o.question_time_s,
    review = o.review,
    option_style = o.option_style,
  }, Quiz)
  if Q.review == nil then Q.review = f.mode ~= "trade_fair" end
  f.active_quiz = Q -- (replay-session drives it)
  Q.paper = exam.draw(set, f.seed)
  local any_question_limit = o.question_time_s ~= nil
  for _, e in ipairs(Q.paper) do
    local q, sec = exam.find(set, e.id)
    if q.time_limit_s or sec.time_limit_s then any_question_limit = true end
  end
  -- Questions with their own clock, and the fair's quick pace, go forward only.
  Q.allow_back = o.allow_back
  if Q.allow_back == nil then Q.allow_back = f.mode ~= "trade_fair" and not any_question_limit end
  local limit_s = o.time_limit_s or set.time_limit_s
  local start = 1
  if limit_s then Q.limit_ms = limit_s * 1000 end
  local resumed = f.resumed
  if resumed then
    f.resumed = nil
    Q.responses = resumed.answers or {}
    for _, e in ipairs(Q.paper) do
      local r = Q.responses[e.id]
      if type(r) == "table" and r.streak then Q.streak = r.streak end
    end
    start = math.max(1, math.min(#Q.paper, (resumed.quiz and resumed.quiz.index) or 1))
    if Q.limit_ms and resumed.remaining_ms then Q.deadline = kiosk.now() + resumed.remaining_ms end
    if resumed.quiz and resumed.quiz.review then start = #Q.paper + 1 end
  end
  if Q.limit_ms and not Q.deadline then Q.deadline = kiosk.now() + Q.limit_ms end
  f.quiz_state = { index = start }
  if start > #Q.paper then Q:show_review() else Q:show(start) end
  if Q.deadline and Q:remaining() <= 0 then Q:expired() end
end

M.speed_points = scoring.speed_points
return M
