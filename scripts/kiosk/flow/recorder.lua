-- kiosk.flow.recorder — where a sitting's record goes. The only Lua in the
-- kiosk library that calls the runtime's `store` (the one exception is the
-- leaderboard card on the welcome and leaderboard screens, kiosk.flow.leaderboard,
-- which reads store.leaderboard directly); the exam model (kiosk.exam.session) and the
-- flow tell a recorder what happened and never know where it goes.
--
--   local recorder = require "kiosk.flow.recorder"
--   local rec = recorder.new()        -- writes to the results store (the kiosk)
--   local rec = recorder.read_only()  -- reads the store, writes nothing (replay-session)
--   local rec = recorder.null()       -- neither: nothing read, nothing written
--
-- Writing (a read-only or null recorder drops these; begin returns 0):
--   rec:begin{ exam=, exam_title=, content_hash=, seed=, lang=, mode= } -> session id (rec.session)
--   rec:attach(id)                     continue an existing session (resume)
--   rec:event(kind [, data])           rec:event_for(id, kind [, data])
--   rec:candidate(values [, consent])  rec:answer(question_id, row)
--   rec:checkpoint(state [, remaining_ms])
--   rec:position(pos, remaining_ms)    the quiz's position, kept in the checkpoint as state.quiz
--   rec:finish(status [, result])      once; rec.ended says whether it has
--   rec:questions(set [, is_version])  rec:questions_step([all]) -> done   the option texts, in slices
--   rec:finish_other(id, status)       end another session (an interrupted one)
--   rec:rubric(question_id, scores)    rec:rescore(change [, id])
-- Reading (a null recorder reads nothing: nil / empty lists):
--   rec:resumable([any_app]), rec:resume_check(id, digits), rec:verify_pin(pin),
--   rec:rank(exam, id [, since]), rec:sessions([exam]), rec:session_info(id), rec:answers(id),
--   rec:events(id)
local M = {}

local R = {}
R.__index = R

local function new(kind)
  return setmetatable({ kind = kind, session = nil, ended = false, state = {} }, R)
end

function M.new() return new("store") end
function M.read_only() return new("read_only") end
function M.null() return new("null") end

function R:writes() return self.kind == "store" end
function R:reads() return self.kind ~= "null" end

-- ---- writing ----

function R:begin(info)
  if self.session then return self.session end
  self.session = self:writes() and store.begin_session(info) or 0
  return self.session
end

function R:attach(id)
  self.session, self.ended = id, false
end

function R:event_for(id, kind, data)
  if self:writes() and id then store.event(id, kind, data) end
end

function R:event(kind, data)
  if self.session and not self.ended then self:event_for(self.session, kind, data) end
end

function R:candidate(values, consent)
  if self:writes() and self.session then store.candidate(self.session, values, consent) end
end

-- answers_saved counts answers the store took (store.answer raises when it
-- fails), so a screen can say "saved" only when it is true.
function R:answer(question_id, row)
  if not self:writes() or not self.session then return end
  if self.question_set then self:questions_step(true) end -- the version's option texts first
  row.question = question_id
  store.answer(self.session, row)
  self.answers_saved = (self.answers_saved or 0) + 1
end

-- The whole checkpoint: what the flow has done (steps, seed, language) and
-- where the quiz is (state.quiz).
function R:checkpoint(state, remaining_ms)
  if state then self.state = state end
  if self:writes() and self.session and not self.ended then
    store.checkpoint(self.session, self.state, remaining_ms)
  end
end

function R:position(pos, remaining_ms)
  self.state.quiz = pos
  self:checkpoint(nil, remaining_ms)
end

function R:finish(status, result)
  if self.ended or not self.session then return end
  self.ended = true
  result = result or {}
  if self:writes() then
    -- Section and competency scores in the log too, for the fleet's HR and
    -- BI views (fleet.session_results: the fleet syncs sessions, answers
    -- and events); nothing reads them back on the kiosk.
    if result.sections then
      store.event(self.session, "result", { sections = result.sections, competencies = result.competencies })
    end
    store.finish(self.session, { status = status, score = result.score, max_score = result.max_score,
                                 passed = result.passed, sections = result.sections,
                                 competencies = result.competencies })
  end
end

-- The option texts of the session's exam version, for the exports ("B 香蕉",
-- not only "B"). The store keeps them once per version: rec:questions(set)
-- names the set the session is taken on (is_version: optional function,
-- true when set is still the version of the session, asked once, for a
-- resumed one); rec:questions_step() records the next slice of
-- QUESTION_SLICE questions (the flow calls it in the background) and
-- returns true once the version's list is complete, at once when an earlier
-- session completed it. No answer is stored before that: rec:answer
-- records whatever is left first, in the same call and batch as the answer
-- (store.questions runs with the clock paused), so the exports can show
-- every stored answer's option text. The store marks a list complete in the transaction of its
-- last slice, so a crash halfway leaves it for the next session to finish.
local QUESTION_SLICE = 4000

function R:questions(set, is_version)
  if not (self:writes() and self.session) then return end
  self.question_set, self.question_is_version, self.question_next = set, is_version, nil
end

function R:questions_step(all)
  local set = self.question_set
  if not set or self.ended then return true end
  if not self.question_next then
    if store.questions_known(self.session) or (self.question_is_version and not self.question_is_version()) then
      self.question_set = nil -- recorded already, or not this version's set: nothing to do
      return true
    end
    self.question_next = 1
  end
  self.question_next = store.questions(self.session, set, self.question_next, not all and QUESTION_SLICE or nil)
  if self.question_next then return false end
  self.question_set = nil
  return true
end

function R:finish_other(id, status)
  if self:writes() then store.finish(id, { status = status }) end
end

function R:rubric(question_id, scores)
  if self:writes() and self.session then store.rubric(self.session, question_id, scores) end
end

function R:rescore(change, id)
  id = id or self.session
  if self:writes() and id then store.rescore(id, change) end
end

-- ---- reading ----

function R:resumable(any_app)
  -- Only a kiosk that writes resumes: a replay must not offer anyone's test.
  if not self:writes() then return nil end
  return store.resumable(any_app)
end

function R:resume_check(id, digits)
  if not self:reads() then return false end
  return store.resume_check(id, digits)
end

function R:verify_pin(pin)
  if not self:reads() then return "not_set" end
  return store.verify_pin(pin)
end

function R:rank(exam_id, id, since)
  if not self:reads() or not id or id == 0 then return nil end
  return store.rank(exam_id, id, since)
end

function R:sessions(exam_id)
  if not self:reads() then return {} end
  return store.sessions(exam_id)
end

function R:session_info(id)
  if not self:reads() then return nil end
  return store.session(id)
end

function R:answers(id)
  if not self:reads() then return {} end
  return store.answers(id)
end

function R:events(id)
  if not self:reads() then return {} end
  return store.events(id)
end

return M
