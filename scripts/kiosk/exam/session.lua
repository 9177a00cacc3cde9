-- kiosk.exam.session — one sitting of a question set as a pure model: the
-- paper (drawn from the set and the seed), the responses, the timing and an
-- explicit state. No screen and no store: the clock is a function passed in,
-- and everything that happens is told to a recorder passed in (the flow's
-- kiosk.flow.recorder writes it to the results store; tests pass a list).
--
--   local session = require "kiosk.exam.session"
--   local s = session.new {
--     set = set, seed = 42,              -- or paper = { ... } (exam.draw's list)
--     mode = "recruitment",              -- a name or a table (kiosk.exam.modes)
--     clock = kiosk.now,                 -- function() -> milliseconds
--     recorder = rec,                    -- see "the recorder" below; default: none
--     time_limit_s = 1200,               -- the whole paper (nil: untimed)
--     on_expiry = "submit",              -- "submit" | "grace" | "abandon"
--     grace_s = 30,
--     question_time_s = nil,             -- a clock per question (else question/section time_limit_s)
--     review = true, allow_back = nil,   -- nil: what the mode and the set allow
--     resume = { responses =, index =, review =, remaining_ms = },   -- a checkpoint
--     extra = { [qid] = { points = n } },  -- points a person gave (rubric), kept in scores
--   }
--   s:start()
--   s:state()  -> "question", i | "review" | "grace", i_or_nil | "submitted", status | "expired"
--
-- Operations (each returns true when it did something, false and a reason
-- when the state does not allow it):
--   s:answer(response [, { draft = true, t_ms = n }])  the current question's response;
--        a draft (typed text) is kept and saved by s:save_draft() or on leaving
--   s:go(i)        to question i;  s:next()  to the next (after the last: review or submit)
--   s:review()     the review page; s:check()  practice: check the current answer
--   s:expire()     the paper's time is up (or the grace's: hands in)
--   s:question_expired()  the current question's own time is up
--   s:tick()       compares the clock with every deadline and does what is due
--   s:submit(status)      hands in ("completed" / "timed_out"); s.result is the score
--   s:score()             the score of the responses so far (ends nothing)
--
-- The recorder (every method optional):
--   rec:position({ index = i [, review = true] }, remaining_ms)   where the candidate is
--   rec:event(kind, data)          "question", "review", "checked", "time_up", "question_time_up"
--   rec:answer(question_id, { response, points, max_points, correct, time_ms, free_text })
--   rec:finish(status, result)     the end: completed / timed_out (result scored) or
--                                  timed_out under "abandon" (result = {}, unscored)
local exam = require "kiosk.exam"
local scoring = require "kiosk.exam.scoring"

local M = {}
local S = {}
S.__index = S

local function call(rec, method, ...)
  local fn = rec and rec[method]
  if fn then return fn(rec, ...) end
end

-- The recorder that records nothing (the default).
M.null_recorder = {}

-- ---- building ----

-- s.q_at, s.sec_at and s.position_of, filled on first read.
local function lookups(s)
  local set, paper = s.set, s.paper
  local q_at, sec_at = {}, {}
  local function fill(i)
    local e = paper[i]
    if e == nil then return end
    local q, sec = exam.find(set, e.id)
    if q then rawset(q_at, i, q); rawset(sec_at, i, sec) end
  end
  s.q_at = setmetatable(q_at, { __index = function(_, i) fill(i); return rawget(q_at, i) end })
  s.sec_at = setmetatable(sec_at, { __index = function(_, i) fill(i); return rawget(sec_at, i) end })
  s.position_of = setmetatable({}, { __index = function(t, id)
    setmetatable(t, nil) -- the whole map at the first look-up
    for i, e in ipairs(paper) do t[e.id] = i end
    return rawget(t, id)
  end })
end


function M.new(o)
  assert(type(o) == "table" and o.set, "session.new needs set")
  assert(type(o.clock) == "function", "session.new needs clock = function() return ms end")
  local set = o.set
  local mode = o.mode or "recruitment"
  if type(mode) == "string" then
    mode = exam.mode(mode) or error("unknown exam mode '" .. mode .. "' (no kiosk/exam/modes/" .. mode .. ".lua)", 2)
  end
  local s = setmetatable({
    set = set, mode = mode, clock = o.clock, recorder = o.recorder or M.null_recorder,
    paper = o.paper or exam.draw(set, o.seed or 1),
    responses = {}, spent = {}, checked = {},
    on_expiry = o.on_expiry or set.on_expiry or "submit",
    grace_ms = (o.grace_s or set.grace_s or 30) * 1000,
    question_time_s = o.question_time_s,
    extra = o.extra or {},
    streak = 0, total = 0,
    at = "start",            -- "question" | "review" | "end"
    index = nil,             -- the question shown (when at == "question")
    status = nil,            -- at the end: "completed" | "timed_out" | "expired"
    in_grace = false,
    locked = false,          -- answered for good (first-tap modes) until s:next()
  }, S)
  -- Questions are found by id through the set's index: q_at[i] and
  -- sec_at[i] are paper position i's question and section, position_of[id]
  -- the position of a question. They are filled as they are read, so a
  -- paper of 100,000 questions starts without touching each one; a paper
  -- given by the caller is checked against the set here, a drawn one is
  -- the set's own.
  lookups(s)
  if o.paper then
    for i, e in ipairs(s.paper) do
      if not exam.find(set, e.id) then
        error("the paper names question " .. tostring(e.id) .. ", which the set does not have", 2)
      end
      local _ = s.q_at[i]
    end
  end
  s.review_page = o.review
  if s.review_page == nil then s.review_page = mode.review ~= false end
  -- Modes that go forward only, and papers whose every question has its own
  -- clock, never go back; elsewhere only the clocked questions do (can_go).
  s.allow_back = o.allow_back
  if s.allow_back == nil then
    s.allow_back = mode.may_go_back ~= false and o.question_time_s == nil and not s:all_question_clock()
  end
  local limit_s = o.time_limit_s
  if limit_s == nil then limit_s = set.time_limit_s end
  if limit_s then s.limit_ms = limit_s * 1000 end
  local r = o.resume
  s.start_index, s.start_review = 1, false
  if r then
    for qid, resp in pairs(r.responses or {}) do s.responses[qid] = resp end
    for _, e in ipairs(s.paper) do
      local resp = s.responses[e.id]
      if type(resp) == "table" and resp.streak then s.streak = resp.streak end
    end
    s.start_index = math.max(1, math.min(#s.paper, r.index or 1))
    s.start_review = r.review == true
    if s.limit_ms and r.remaining_ms then s.deadline = s.clock() + r.remaining_ms end
  end
  if s.limit_ms and not s.deadline then s.deadline = s.clock() + s.limit_ms end
  return s
end

-- Whether any question of the paper has a clock of its own (never, when
-- no question or section of the whole set has one: exam.index knows).
function S:any_question_clock()
  if not exam.clocked(self.set) then return false end
  for i = 1, #self.paper do
    if self.q_at[i].time_limit_s or self.sec_at[i].time_limit_s then return true end
  end
  return false
end

-- Whether every question of the paper has a clock of its own.
function S:all_question_clock()
  for i = 1, #self.paper do
    if not (self.q_at[i].time_limit_s or self.sec_at[i].time_limit_s) then return false end
  end
  return #self.paper > 0
end

-- Whether question i has a clock of its own (answered or not).
function S:has_own_clock(i)
  return (self.q_at[i].time_limit_s or self.sec_at[i].time_limit_s or self.question_time_s
          or self.mode.question_clock_s) ~= nil
end

-- ---- reading ----

-- "question", i | "review" | "grace", i (nil on the review page) | "submitted", status | "expired"
function S:state()
  if self.at == "end" then
    if self.status == "expired" then return "expired" end
    return "submitted", self.status
  end
  if self.in_grace then return "grace", self.index end
  if self.at == "review" then return "review" end
  return self.at, self.index
end

function S:ended() return self.at == "end" end

-- The question at paper position i: q, section, paper entry.
function S:question(i)
  i = i or self.index
  if self.paper[i] then return self.q_at[i], self.sec_at[i], self.paper[i] end
end

function S:type_of(i)
  return exam.type(self.q_at[i or self.index].type)
end

-- Milliseconds left on the paper (nil: untimed), in the grace, on the question.
function S:remaining()
  if not self.deadline then return nil end
  return math.max(0, self.deadline - self.clock())
end

function S:grace_remaining()
  if not self.grace_deadline then return nil end
  return math.max(0, self.grace_deadline - self.clock())
end

function S:question_remaining()
  if not self.question_deadline then return nil end
  return math.max(0, self.question_deadline - self.clock())
end

function S:is_answered(i)
  return exam.answered(self.q_at[i], self.responses[self.paper[i].id])
end

function S:unanswered()
  local list = {}
  for i in ipairs(self.paper) do
    if not self:is_answered(i) then list[#list + 1] = i end
  end
  return list
end

-- Whether the current question takes its answer on the first tap (and
-- then shows right or wrong): the mode says so for types that allow it.
function S:first_tap(i)
  return self.mode.answers_on_first_tap == true and self:type_of(i).one_tap == true
end

-- Whether the candidate can check the current answer before going on (practice).
function S:can_check(i)
  i = i or self.index
  return self.mode.checks_each == true and self:type_of(i).has_key == true and not self.checked[self.paper[i].id]
end

function S:is_checked(i) return self.checked[self.paper[i or self.index].id] == true end

-- The clock of question i in seconds (nil: none).
function S:question_limit_s(i)
  local q, sec = self:question(i)
  if self.checked[q.id] then return nil end
  return q.time_limit_s or sec.time_limit_s or self.question_time_s or self.mode.question_clock_s
end

function S:can_go(i)
  if self.at == "end" then return false, "the paper is handed in" end
  if math.type(i) ~= "integer" or i < 1 or i > #self.paper then return false, "no question " .. tostring(i) end
  if self.locked then return false, "the answer is final: next() goes on" end
  if self.at == "review" or self.at == "start" then return true end
  if i < self.index and (not self.allow_back or self.in_grace) then return false, "this paper goes forward only" end
  if i < self.index and (self:has_own_clock(self.index) or self:has_own_clock(i)) then
    return false, "questions with their own clock go forward only"
  end
  return true
end

-- ---- moving ----

-- Enters question i: its clock starts, the position is recorded.
function S:enter(i)
  self.at, self.index, self.locked = "question", i, false
  self.shown_at = self.clock()
  local limit = self:question_limit_s(i)
  -- A mode's lead-in (lead_in_s: the trade fair's 3-2-1) shows a first-tap
  -- question alone before its answers open at opens_at; its clock starts then.
  local lead = self:first_tap(i) and self.mode.lead_in_s or 0
  self.opens_at = self.shown_at + lead * 1000
  self.question_deadline = limit and self.opens_at + limit * 1000 or nil
  call(self.recorder, "position", { index = i }, self:remaining())
  -- The options' texts by id go with it, so the fleet's answer rows can
  -- show what was chosen (fleet.answer_rows), not only its letter.
  local q, texts = self.q_at[i], nil
  for _, o in ipairs(exam.options(q)) do
    texts = texts or {}
    texts[o.id] = exam.text(o.text)
  end
  call(self.recorder, "event", "question", { question = self.paper[i].id, index = i, options = texts })
end

-- Leaves the current question: a waiting draft is saved, time spent adds up.
function S:leave()
  if self.at ~= "question" then return end
  self:save_draft()
  if self.shown_at then
    local id = self.paper[self.index].id
    self.spent[id] = (self.spent[id] or 0) + (self.clock() - self.shown_at)
    self.shown_at = nil
  end
  self.question_deadline = nil
end

function S:start()
  assert(self.at == "start", "start() once")
  if self.start_review then self:enter_review() else self:enter(self.start_index) end
  if self.deadline and self:remaining() <= 0 then self:expire() end
  return true
end

function S:go(i)
  local ok, why = self:can_go(i)
  if not ok then return false, why end
  self:leave()
  self:enter(i)
  return true
end

-- On from the current question (or the feedback after it): after the last
-- one, the review page if the paper has one, else hand in.
function S:next()
  if self.at ~= "question" then return false, "not on a question" end
  local i = self.index
  self:leave()
  self.locked = false
  if i < #self.paper then
    self:enter(i + 1)
  elseif self.review_page then
    self:enter_review()
  else
    self:submit("completed")
  end
  return true
end

function S:enter_review()
  self.at, self.index, self.locked = "review", nil, false
  call(self.recorder, "position", { index = #self.paper, review = true }, self:remaining())
  call(self.recorder, "event", "review")
end

function S:review()
  if self.at == "end" then return false, "the paper is handed in" end
  if not self.review_page then return false, "this paper has no review page" end
  if self.locked then return false, "the answer is final: next() goes on" end
  self:leave()
  self:enter_review()
  return true
end

-- ---- answering ----

-- Saves the response to question i now (points, time spent, the clock).
function S:record(i)
  local q, sec = self:question(i)
  local t = exam.type(q.type)
  local resp = self.responses[q.id]
  local pts, max, correct = exam.score_question(q, sec, resp, nil)
  local spent = (self.spent[q.id] or 0)
  if self.at == "question" and self.index == i and self.shown_at then spent = spent + (self.clock() - self.shown_at) end
  self.draft = nil
  call(self.recorder, "answer", q.id, { response = resp, points = pts, max_points = max, correct = correct,
                                        time_ms = spent, free_text = t.free_text == true })
  -- The time left goes with it: after a power cut the candidate gets back
  -- what they had at their last answer, not at the last page turn.
  if self.deadline then call(self.recorder, "position", { index = i }, self:remaining()) end
  return pts, max, correct
end

function S:answer(response, o)
  o = o or {}
  if self.at ~= "question" then return false, "not on a question" end
  if self.locked then return false, "already answered" end
  local i = self.index
  local q = self.q_at[i]
  if self.checked[q.id] then return false, "already checked" end
  if self:first_tap(i) then
    -- The first tap is the answer: points for speed, a streak, no change of mind.
    local correct = scoring.choice_correct(q, response)
    self.streak = correct and self.streak + 1 or 0
    self.responses[q.id] = { choice = response, t_ms = response ~= nil and o.t_ms or nil,
                             streak = correct and self.streak or 0 }
    self.locked = true
    self.question_deadline = nil
    local pts = self:record(i)
    self.total = self.total + (pts or 0)
    self.last = { index = i, correct = correct, points = pts, t_ms = self.responses[q.id].t_ms }
    return true
  end
  self.responses[q.id] = response
  if o.draft then
    self.draft = i
  else
    self:record(i)
  end
  return true
end

-- A typed answer waiting to be saved (s:answer(text, { draft = true })) is saved now.
function S:save_draft()
  if self.draft and self.at == "question" and self.draft == self.index then self:record(self.draft) end
  self.draft = nil
end

-- Practice: the answer is checked (right or wrong shown); it cannot change after.
function S:check()
  if self.at ~= "question" then return false, "not on a question" end
  if not self:can_check() then return false, "this question cannot be checked" end
  local i = self.index
  self:save_draft()
  local id = self.paper[i].id
  self.checked[id] = true
  call(self.recorder, "event", "checked", { question = id })
  self:leave()
  self:enter(i)
  return true
end

-- Points, max and whether question i's current response is right.
function S:score_of(i)
  local q, sec = self:question(i)
  return exam.score_question(q, sec, self.responses[q.id])
end

-- ---- time ----

-- The paper's time is up: the exam's rule decides. In the grace, it hands in.
function S:expire()
  if self.at == "end" then return false, "the paper is handed in" end
  if self.in_grace then return self:submit("timed_out") end
  call(self.recorder, "event", "time_up", { rule = self.on_expiry })
  if self.on_expiry == "grace" then
    self.in_grace = true
    self.grace_deadline = self.clock() + self.grace_ms
    -- The same page, with the grace clock; a question's own clock stops.
    self:leave()
    if self.at == "question" then self.shown_at = self.clock() end
    self.question_deadline = nil
    return true
  end
  return self:submit("timed_out")
end

-- The current question's own time is up: on to the next (first-tap modes:
-- it counts as a wrong answer, then the feedback).
function S:question_expired()
  if self.at ~= "question" or self.locked then return false, "no question clock running" end
  local i = self.index
  call(self.recorder, "event", "question_time_up", { question = self.paper[i].id })
  if self:first_tap(i) then return self:answer(nil) end
  self:save_draft()
  self:record(i)
  return self:next()
end

-- Does whatever the clock says is due: the grace's end, the paper's end,
-- the question's end (in that order). Returns what it did, or nil.
function S:tick()
  if self.at == "end" then return nil end
  local now = self.clock()
  if self.in_grace then
    if now >= self.grace_deadline then self:submit("timed_out") return "grace_over" end
    return nil
  end
  if self.deadline and now >= self.deadline then self:expire() return "time_up" end
  if self.question_deadline and now >= self.question_deadline then
    self:question_expired()
    return "question_time_up"
  end
  return nil
end

-- ---- the end ----

-- The score of the responses so far: exam.score_session's table; pass/fail
-- waits (nil) while answers waiting for a person could still change it.
function S:score()
  return exam.score_session(self.set, self.responses, self.paper, self.extra)
end

-- Hands the paper in. The result is exam.score_session's table plus status
-- and the responses; under "abandon" a timed-out paper is not scored.
function S:submit(status)
  if self.at == "end" then return false, "the paper is handed in" end
  status = status or (self.in_grace and "timed_out" or "completed")
  self:leave()
  self.at, self.index, self.locked = "end", nil, false
  self.question_deadline, self.grace_deadline = nil, nil
  local result
  if status == "timed_out" and self.on_expiry == "abandon" then
    self.status = "expired"
    result = { status = status, max_score = nil }
    call(self.recorder, "finish", status, {})
  else
    self.status = status
    -- Answers still waiting for a person (open questions) leave the score
    -- provisional: stored, but pass/fail only after the rubric.
    result = self:score()
    result.status = status
    call(self.recorder, "finish", status, result)
  end
  result.responses, result.paper = self.responses, self.paper
  self.result = result
  return true
end

return M
