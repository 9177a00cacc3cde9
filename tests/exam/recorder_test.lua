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

return T
