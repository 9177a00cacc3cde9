-- recorder_test.lua — kiosk.flow.recorder against a stand-in `store` that
-- logs every call: the writing recorder writes each thing once, the
-- read-only one reads and writes nothing, the null one touches nothing.
local recorder = require "kiosk.flow.recorder"
local T = {}

local calls
local function fake_store()
  calls = {}
  local function logged(name, ret)
    return function(...)
      calls[#calls + 1] = name
      return ret
    end
  end
  store = setmetatable({
    begin_session = logged("begin_session", 7), sessions = logged("sessions", { { id = 7 } }),
    answers = logged("answers", { a = { response = "B" } }), events = logged("events", {}),
    session = logged("session", { id = 7 }), resumable = logged("resumable", { session_id = 3 }),
    verify_pin = logged("verify_pin", "ok"), resume_check = logged("resume_check", true),
    rank = logged("rank", 1),
  }, { __index = function(_, name) return logged(name) end })
end

local function drive(rec)
  rec:begin { exam = "x" }
  rec:event("start")
  rec:candidate({ name = "张伟" })
  rec:answer("a", { response = "B", points = 2 })
  rec:checkpoint({ steps = {} }, 1000)
  rec:position({ index = 2 }, 900)
  rec:rubric("o1", { points = 3 })
  rec:finish("completed", { score = 2 })
  rec:finish("completed", { score = 2 })
  rec:event("after the end")
  rec:rescore({ score = 3 })
  rec:finish_other(3, "interrupted")
  return rec:sessions("x"), rec:answers(7), rec:session_info(7), rec:resumable(), rec:verify_pin("1"),
         rec:resume_check(7, "0000"), rec:rank("x", 7)
end

function T.test_the_store_recorder_writes_each_thing_once()
  fake_store()
  local rec = recorder.new()
  local sessions, answers, info, resumable, pin, proof, rank = drive(rec)
  assert(table.concat(calls, " ") == "begin_session event candidate answer checkpoint checkpoint rubric finish " ..
         "rescore finish sessions answers session resumable verify_pin resume_check rank", table.concat(calls, " "))
  assert(rec.session == 7 and rec.ended)
  assert(sessions[1].id == 7 and answers.a.response == "B" and info.id == 7 and resumable.session_id == 3)
  assert(pin == "ok" and proof == true and rank == 1)
  assert(rec.state.quiz.index == 2, "the quiz position goes into the checkpoint")
end

function T.test_read_only_reads_and_writes_nothing()
  fake_store()
  local rec = recorder.read_only()
  local sessions, answers, info, resumable, pin = drive(rec)
  assert(table.concat(calls, " ") == "sessions answers session verify_pin resume_check rank", table.concat(calls, " "))
  assert(rec.session == 0, "a session that is never written")
  assert(sessions[1].id == 7 and answers.a and info.id == 7 and pin == "ok")
  assert(resumable == nil, "a replay never offers anyone's test")
end

function T.test_null_touches_nothing()
  fake_store()
  local rec = recorder.null()
  local sessions, answers, info, resumable, pin, proof, rank = drive(rec)
  assert(#calls == 0, table.concat(calls, " "))
  assert(#sessions == 0 and next(answers) == nil and info == nil and resumable == nil)
  assert(pin == "not_set" and proof == false and rank == nil)
end

-- The option texts: in slices of the set (store.questions(id, set, from,
-- count) -> next | nil), nothing when the version's list is complete
-- already, whatever is left recorded before an answer is stored, and for a
-- resumed session only if the set is still its version.
local function texts_store(known, total)
  calls = {}
  store = setmetatable({
    begin_session = function() return 7 end,
    questions_known = function() calls[#calls + 1] = "known" return known end,
    questions = function(id, set, from, count)
      calls[#calls + 1] = string.format("questions %d %s %s", id, tostring(from), tostring(count))
      assert(set.id == "bank")
      local next_one = count and from + count or nil
      if next_one and next_one > total then next_one = nil end
      return next_one
    end,
    answer = function(id, row) calls[#calls + 1] = "answer " .. row.question end,
  }, { __index = function(_, name) return function() calls[#calls + 1] = name end end })
end

function T.test_option_texts_in_slices_and_all_before_an_answer()
  texts_store(false, 10000)
  local rec = recorder.new()
  rec:begin { exam = "bank" }
  rec:questions({ id = "bank" })
  assert(rec:questions_step() == false, "first slice")
  rec:answer("q1", { response = "B" }) -- the rest first, in the same call
  assert(rec:questions_step() == true, "nothing left")
  rec:answer("q2", { response = "A" })
  assert(table.concat(calls, "; ") == "known; questions 7 1 4000; questions 7 4001 nil; answer q1; answer q2",
         table.concat(calls, "; "))
end

function T.test_option_texts_known_already_are_not_recorded_again()
  texts_store(true, 10000)
  local rec = recorder.new()
  rec:begin { exam = "bank" }
  rec:questions({ id = "bank" })
  assert(rec:questions_step() == true)
  rec:answer("q1", { response = "B" })
  assert(table.concat(calls, "; ") == "known; answer q1", table.concat(calls, "; "))
end

function T.test_option_texts_of_a_resumed_session_only_for_its_version()
  texts_store(false, 3000)
  local rec = recorder.new()
  rec:attach(7)
  rec:questions({ id = "bank" }, function() return false end) -- the set was edited since
  rec:answer("q1", { response = "B" })
  assert(table.concat(calls, "; ") == "known; answer q1", table.concat(calls, "; "))
  texts_store(false, 3000)
  rec = recorder.new()
  rec:attach(7)
  rec:questions({ id = "bank" }, function() return true end)
  assert(rec:questions_step() == true, "one slice held them all")
  rec:answer("q1", { response = "B" })
  assert(table.concat(calls, "; ") == "known; questions 7 1 4000; answer q1", table.concat(calls, "; "))
end

function T.test_read_only_and_null_recorders_record_no_texts()
  texts_store(false, 10)
  for _, rec in ipairs { recorder.read_only(), recorder.null() } do
    rec:begin { exam = "bank" }
    rec:questions({ id = "bank" })
    assert(rec:questions_step() == true)
  end
  assert(#calls == 0, table.concat(calls, "; "))
end

return T
