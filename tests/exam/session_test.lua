-- session_test.lua — kiosk.exam.session, the exam model, with a fake clock
-- and a recorder that keeps a list: every state change, the time-out rules
-- (submit, grace, abandon), the per-question clock, review, first-tap and
-- practice modes, typed drafts, and resuming from a checkpoint.
kiosk = { hash = function(s) return string.format("%d:%s", #s, s:sub(1, 16)) end } -- no runtime here
local exam = require "kiosk.exam"
local session = require "kiosk.exam.session"
local T = {}

-- ---- fixtures: a clock, a recorder, sets ----

local function clock()
  local c = { now = 1000 }
  c.fn = function() return c.now end
  return c
end

-- Keeps every call as "method arg…" lines, and the calls themselves.
local function list_recorder()
  local r = { log = {}, calls = {} }
  local function add(name, line, ...)
    r.log[#r.log + 1] = line
    r.calls[#r.calls + 1] = { name, ... }
  end
  function r:position(pos, remaining) add("position", "position " .. pos.index .. (pos.review and " review" or "")
                                            .. (remaining and (" " .. remaining) or ""), pos, remaining) end
  function r:event(kind, data) add("event", "event " .. kind .. (data and data.question and (" " .. data.question) or ""),
                                   kind, data) end
  function r:answer(qid, row) add("answer", "answer " .. qid .. " " .. tostring(row.points), qid, row) end
  function r:finish(status, result) add("finish", "finish " .. status .. " " .. tostring(result.score), status, result) end
  function r:last(name)
    for i = #self.calls, 1, -1 do if self.calls[i][1] == name then return table.unpack(self.calls[i], 2) end end
  end
  function r:count(line)
    local n = 0
    for _, l in ipairs(self.log) do if l == line then n = n + 1 end end
    return n
  end
  function r:since(k) return table.concat(self.log, "\n", k + 1) end
  return r
end

local function three(sec_extra, set_extra)
  local sec = { id = "s", title = "一", points = 2,
    exam.single { id = "a", stem = "1+1", options = { "1", "2" }, answer = "B" },
    exam.single { id = "b", stem = "2+2", options = { "4", "5" }, answer = "A" },
    exam.truefalse { id = "c", stem = "3>2", answer = true } }
  for k, v in pairs(sec_extra or {}) do sec[k] = v end
  local set = { id = "t", title = "测试", pass = 0.5, exam.section(sec) }
  for k, v in pairs(set_extra or {}) do set[k] = v end
  return exam.set(set)
end

local function new(o)
  local c, rec = clock(), list_recorder()
  o = o or {}
  o.set = o.set or three()
  o.clock, o.recorder = c.fn, rec
  local s = session.new(o)
  return s, c, rec
end

local function check(cond, msg, ...)
  if not cond then error((msg or "check failed") .. " " .. table.concat({ ... }, " "), 2) end
end

local function state(s) local a, b = s:state() return tostring(a) .. (b ~= nil and (" " .. tostring(b)) or "") end

-- ---- moving through a paper ----

function T.test_start_enters_the_first_question_and_records_where()
  local s, _, rec = new()
  check(state(s) == "start", "before start()")
  s:start()
  check(state(s) == "question 1", state(s))
  check(rec:since(0) == "position 1\nevent question a", rec:since(0))
end

function T.test_answer_next_review_submit()
  local s, c, rec = new()
  s:start()
  c.now = c.now + 4000
  check(s:answer("B"))
  local qid, row = rec:last("answer")
  check(qid == "a" and row.points == 2 and row.correct == true and row.time_ms == 4000 and row.response == "B")
  check(s:next()) ; check(state(s) == "question 2")
  s:answer("B") -- wrong
  s:next() ; s:answer("T")
  check(s:next()) ; check(state(s) == "review", state(s))
  check(rec:count("position 3 review") == 1 and rec:count("event review") == 1)
  check(#s:unanswered() == 0)
  check(s:submit("completed"))
  check(state(s) == "submitted completed", state(s))
  check(s.result.score == 4 and s.result.max_score == 6 and s.result.passed == true and s.result.status == "completed")
  check(rec:last("finish") == "completed")
  check(not s:next() and not s:answer("A") and not s:submit(), "nothing works after the end")
end

function T.test_without_review_the_last_next_hands_in()
  local s, _, rec = new { review = false }
  s:start()
  s:next() ; s:next()
  check(state(s) == "question 3")
  check(not s:review(), "no review page")
  s:next()
  check(state(s) == "submitted completed", state(s))
  check(rec:last("finish") == "completed" and s.result.score == 0)
end

function T.test_go_back_and_review_tiles()
  local s = new()
  s:start()
  s:next() ; s:next()
  check(s:go(1)) ; check(state(s) == "question 1")
  check(not s:go(4), "no question 4")
  check(s:review()) ; check(state(s) == "review")
  check(s:go(3), "a tile leads anywhere") ; check(state(s) == "question 3")
end

function T.test_time_spent_adds_up_over_visits()
  local s, c, rec = new()
  s:start()
  c.now = c.now + 1000 ; s:next()
  c.now = c.now + 5000 ; s:go(1)
  c.now = c.now + 2000 ; s:answer("A")
  local _, row = rec:last("answer")
  check(row.time_ms == 3000, tostring(row.time_ms))
end

function T.test_unanswered_and_answered_by_type()
  local s = new()
  s:start()
  s:answer("A")
  local list = s:unanswered()
  check(#list == 2 and list[1] == 2 and list[2] == 3)
  check(s:is_answered(1) and not s:is_answered(2))
end

-- ---- time-out rules ----

function T.test_time_up_submits_what_is_answered()
  local s, c, rec = new { time_limit_s = 60 }
  s:start()
  check(s:remaining() == 60000)
  s:answer("B")
  check(rec:last("position") and select(2, rec:last("position")) == 60000, "the answer's checkpoint has the time left")
  c.now = c.now + 59999
  check(s:tick() == nil and state(s) == "question 1", "not yet")
  c.now = c.now + 1
  check(s:tick() == "time_up")
  check(state(s) == "submitted timed_out", state(s))
  check(rec:count("event time_up") == 1)
  check(s.result.score == 2 and s.result.status == "timed_out")
end

function T.test_time_up_with_grace_then_hand_in()
  local s, c, rec = new { time_limit_s = 60, on_expiry = "grace", grace_s = 20 }
  s:start()
  s:next()
  c.now = c.now + 60000
  check(s:tick() == "time_up")
  check(state(s) == "grace 2", state(s))
  check(s:grace_remaining() == 20000)
  check(not s:go(1), "no going back in the grace")
  check(s:review(), "the review page is still open") ; check(state(s) == "grace", state(s))
  check(s:go(1), "and its tiles") ; s:answer("B")
  c.now = c.now + 19999
  check(s:tick() == nil)
  c.now = c.now + 1
  check(s:tick() == "grace_over")
  check(state(s) == "submitted timed_out" and s.result.score == 2)
  check(rec:last("finish") == "timed_out")
end

function T.test_grace_hand_in_by_the_candidate()
  local s, c = new { time_limit_s = 60, on_expiry = "grace" }
  s:start()
  c.now = c.now + 60000
  s:tick()
  check(s:grace_remaining() == 30000, "grace_s defaults to 30")
  check(s:submit())
  check(state(s) == "submitted timed_out", "a hand-in in the grace is timed out")
end

function T.test_time_up_abandon_leaves_it_unscored()
  local s, c, rec = new { set = three(nil, { time_limit_s = 60, on_expiry = "abandon" }) }
  s:start()
  s:answer("B")
  c.now = c.now + 60000
  check(s:tick() == "time_up")
  check(state(s) == "expired", state(s))
  local status, result = rec:last("finish")
  check(status == "timed_out" and result.score == nil and next(result) == nil, "finished unscored")
  check(s.result.max_score == nil and s.result.status == "timed_out")
end

function T.test_a_paper_resumed_with_no_time_left_ends_at_start()
  local s, _, rec = new { time_limit_s = 60, resume = { index = 2, remaining_ms = 0 } }
  s:start()
  check(state(s) == "submitted timed_out", state(s))
  check(rec:count("event time_up") == 1)
end

-- ---- the per-question clock ----

function T.test_question_clock_moves_on_and_forbids_going_back()
  local s, c, rec = new { set = three { time_limit_s = 10 } }
  check(not s.allow_back, "questions with their own clock go forward only")
  s:start()
  check(s:question_remaining() == 10000)
  c.now = c.now + 10000
  check(s:tick() == "question_time_up")
  check(state(s) == "question 2", state(s))
  check(rec:count("event question_time_up a") == 1)
  check(rec:count("answer a 0") == 1, "the unanswered question is saved as such")
  check(not s:go(1), "forward only")
  check(s:go(3), "forward is fine")
end

function T.test_question_time_s_option_and_the_paper_clock_together()
  local s, c = new { question_time_s = 5, time_limit_s = 60 }
  s:start()
  check(s:question_remaining() == 5000 and s:remaining() == 60000)
  c.now = c.now + 5000
  s:tick()
  check(state(s) == "question 2" and s:question_remaining() == 5000)
end

-- ---- first-tap mode (trade fair) ----

function T.test_first_tap_is_final_with_speed_and_streak()
  local set = exam.set { id = "f", title = "fair",
    exam.section { id = "s", points = 1000, scoring = "speed",
      exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "b", stem = "?", options = { "x", "y" }, answer = "A" },
      exam.single { id = "c", stem = "?", options = { "x", "y" }, answer = "A" } } }
  local s, c, rec = new { set = set, mode = "trade_fair" }
  check(not s.allow_back and not s.review_page)
  s:start()
  -- The 3 s lead-in first: the 20 s clock starts when the answers open.
  check(s.opens_at == c.now + 3000 and s:question_remaining() == 23000, "a 20 s clock after the lead-in")
  check(s:first_tap())
  check(s:answer("A", { t_ms = 0 }))
  check(s.locked and s.last.correct and s.last.points == 1000 and s.total == 1000)
  check(not s:answer("B"), "no change of mind")
  check(s:question_remaining() == nil, "the clock stopped")
  c.now = c.now + 30000
  check(s:tick() == nil, "nothing is due during the feedback")
  s:next()
  s:answer("A", { t_ms = 10000 })
  check(s.streak == 2 and s.last.points == 750 + 100, tostring(s.last.points))
  s:next()
  c.now = c.now + 22999
  check(s:tick() == nil, "the lead-in does not count")
  c.now = c.now + 1
  check(s:tick() == "question_time_up")
  check(s.locked and s.last.correct == false and s.last.t_ms == nil and s.streak == 0)
  check(rec:last("answer") == "c")
  s:next()
  check(state(s) == "submitted completed" and s.result.score == 1850, tostring(s.result.score))
end

-- ---- practice: check each answer ----

function T.test_practice_check_shows_and_freezes_the_answer()
  local s, c, rec = new { mode = "practice" }
  s:start()
  check(s:can_check())
  s:answer("A")
  c.now = c.now + 1000
  check(s:check())
  check(s:is_checked(1) and state(s) == "question 1")
  check(rec:count("event checked a") == 1 and rec:count("event question a") == 2, "checked, then shown again")
  check(not s:answer("B"), "a checked answer stays")
  check(not s:can_check())
  local pts, max, correct = s:score_of(1)
  check(pts == 0 and max == 2 and correct == false)
end

function T.test_practice_cannot_check_a_question_without_a_key()
  local set = exam.set { id = "r", title = "r", exam.section { id = "s", points = 1,
    exam.rating { id = "r1", stem = "?" }, exam.single { id = "s1", stem = "?", options = { "a", "b" }, answer = "A" } } }
  local s = new { set = set, mode = "practice" }
  s:start()
  check(not s:can_check() and not s:check(), "a rating has no key")
  s:next()
  check(s:can_check())
end

-- ---- typed answers ----

function T.test_a_draft_is_saved_on_leaving()
  local set = exam.set { id = "o", title = "o", exam.section { id = "s", points = 5,
    exam.open { id = "o1", stem = "?", reference = "r" }, exam.open { id = "o2", stem = "?", reference = "r" } } }
  local s, _, rec = new { set = set }
  s:start()
  s:answer("你", { draft = true })
  s:answer("你好", { draft = true })
  check(rec:last("answer") == nil, "not saved on every key")
  s:next()
  local qid, row = rec:last("answer")
  check(qid == "o1" and row.response == "你好" and row.free_text == true and row.points == nil)
  s:answer("x", { draft = true })
  s:save_draft()
  check(select(2, rec:last("answer")).response == "x")
  s:submit()
  check(s.result.pending == 2 and s.result.passed == nil, "waits for the interviewer")
end

-- ---- resuming ----

function T.test_resume_from_a_checkpoint()
  local s, _, rec = new { time_limit_s = 600,
    resume = { responses = { a = "B", b = "A" }, index = 3, remaining_ms = 42000 } }
  s:start()
  check(state(s) == "question 3" and s:remaining() == 42000)
  check(rec:since(0) == "position 3 42000\nevent question c", rec:since(0))
  s:answer("T")
  s:submit()
  check(s.result.score == 6)
end

function T.test_resume_on_the_review_page_and_streaks()
  local s = new { resume = { responses = {}, index = 3, review = true } }
  s:start()
  check(state(s) == "review")
  local set = exam.set { id = "f", title = "fair", exam.section { id = "s", points = 10, scoring = "speed",
    exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A" },
    exam.single { id = "b", stem = "?", options = { "x", "y" }, answer = "A" } } }
  local f = new { set = set, mode = "trade_fair", resume = { responses = { a = { choice = "A", t_ms = 0, streak = 1 } }, index = 2 } }
  f:start()
  f:answer("A", { t_ms = 0 })
  check(f.streak == 2, "the streak goes on after a resume")
end

function T.test_resume_index_is_clamped()
  local s = new { resume = { index = 99 } }
  s:start()
  check(state(s) == "question 3")
end

-- ---- the paper ----

function T.test_same_seed_same_paper_and_an_index_by_id()
  local set = three({ shuffle = true }, { shuffle_options = true })
  local a = new { set = set, seed = 7 }
  local b = new { set = set, seed = 7 }
  for i = 1, 3 do check(a.paper[i].id == b.paper[i].id) end
  for i, e in ipairs(a.paper) do check(a.position_of[e.id] == i and a:question(i).id == e.id) end
end

function T.test_unknown_mode_is_an_error()
  local ok, err = pcall(session.new, { set = three(), clock = function() return 0 end, mode = "quiz_show" })
  check(not ok and err:find("unknown exam mode 'quiz_show'", 1, true), tostring(err))
end

function T.test_null_recorder_by_default()
  local s = session.new { set = three(), clock = function() return 0 end }
  s:start() ; s:answer("B") ; s:next() ; s:review() ; s:submit()
  check(s.result.score == 2)
end

function T.test_score_keeps_points_a_person_gave()
  local set = exam.set { id = "o", title = "o", pass = 0.5, exam.section { id = "s", points = 10,
    exam.open { id = "o1", stem = "?", reference = "r" } } }
  local s = new { set = set, extra = { o1 = { points = 7 } } }
  local r = s:score()
  check(r.score == 7 and r.pending == 0 and r.passed == true)
end

return T
