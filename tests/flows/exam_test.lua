-- exam_test.lua — scoring rules against hand-computed cases, the set
-- loader's messages on broken sets, seeded draws, and the bundled sets.
kiosk = { hash = function(s) return string.format("%d:%s", #s, s:sub(1, 16)) end } -- no runtime here
local exam = require "kiosk.exam"
local scoring = require "kiosk.exam.scoring"
local rng = require "kiosk.exam.rng"
local T = {}

local function near(a, b) return math.abs(a - b) < 1e-9 end

local function multi(answer, extra)
  local q = { id = "m", type = "multiple", stem = "?", options = { "a", "b", "c", "d", "e" }, answer = answer }
  for k, v in pairs(extra or {}) do q[k] = v end
  return q
end

-- ---- scoring rules ----

function T.test_single_full_or_zero()
  local q = { type = "single", answer = "B" }
  local p, max, ok = scoring.rules.full_or_zero(q, "B", 2)
  assert(p == 2 and max == 2 and ok == true)
  p, _, ok = scoring.rules.full_or_zero(q, "C", 2)
  assert(p == 0 and ok == false)
  p, _, ok = scoring.rules.full_or_zero(q, nil, 2)
  assert(p == 0 and ok == false, "unanswered scores nothing")
end

function T.test_multiple_all_or_nothing()
  local q = multi { "A", "C" }
  assert(scoring.rules.all_or_nothing(q, { "A", "C" }, 3) == 3)
  assert(scoring.rules.all_or_nothing(q, { "C", "A" }, 3) == 3, "order does not matter")
  assert(scoring.rules.all_or_nothing(q, { "A" }, 3) == 0, "missing one")
  assert(scoring.rules.all_or_nothing(q, { "A", "C", "D" }, 3) == 0, "one wrong")
  assert(scoring.rules.all_or_nothing(q, {}, 3) == 0)
end

function T.test_multiple_partial_credit()
  -- 少选得部分分、错选不得分: 4 points, 3 right options.
  local q = multi { "A", "B", "D" }
  local p, _, ok = scoring.rules.partial(q, { "A", "B" }, 4)
  assert(near(p, 4 * 2 / 3) and ok == false)
  assert(scoring.rules.partial(q, { "A", "B", "D" }, 4) == 4)
  assert(scoring.rules.partial(q, { "A", "C" }, 4) == 0, "a wrong choice scores nothing")
  assert(scoring.rules.partial(q, {}, 4) == 0)
end

function T.test_multiple_per_option_with_negative_marking()
  -- 6 points, right = A C (3 each); without negative marking A+D = 3.
  local q = multi { "A", "C" }
  assert(near(scoring.rules.per_option(q, { "A", "D" }, 6), 3))
  q.negative = true
  assert(near(scoring.rules.per_option(q, { "A", "D" }, 6, nil, exam), 0), "3 - 3")
  assert(near(scoring.rules.per_option(q, { "A", "C", "D" }, 6, nil, exam), 3), "6 - 3")
  assert(near(scoring.rules.per_option(q, { "B", "D", "E" }, 6, nil, exam), 0), "floored at zero")
  -- negative marking set on the section reaches its questions
  local sec = exam.section { id = "s", points = 6, scoring = "per_option", negative = true, multi { "A", "C" } }
  assert(near(exam.score_question(sec.questions[1], sec, { "A", "C" }), 6))
  assert(near(exam.score_question(sec.questions[1], sec, { "A", "E" }), 0))
  assert(near(exam.score_question(sec.questions[1], sec, { "A", "C", "E" }), 3))
end

function T.test_rubric_waits_for_the_interviewer()
  local p, max = scoring.rules.rubric({}, "text", 8, nil)
  assert(p == nil and max == 8)
  p = scoring.rules.rubric({}, "text", 8, { points = 6 })
  assert(p == 6)
  assert(scoring.rules.rubric({}, "text", 8, { points = 12 }) == 8, "capped at the question's points")
end

function T.test_speed_points_kahoot_rule()
  -- round(P × (1 − (t/T)/2)); 1000 points, 20 s.
  assert(scoring.speed_points(1000, 0, 20000, true, 1) == 1000)
  assert(scoring.speed_points(1000, 10000, 20000, true, 1) == 750)
  assert(scoring.speed_points(1000, 20000, 20000, true, 1) == 500)
  assert(scoring.speed_points(1000, 5000, 20000, false, 1) == 0, "wrong: nothing")
  -- streak bonus: +100 per right answer in a row after the first, at most +500
  assert(scoring.speed_points(1000, 0, 20000, true, 2) == 1100)
  assert(scoring.speed_points(1000, 0, 20000, true, 6) == 1500)
  assert(scoring.speed_points(1000, 0, 20000, true, 9) == 1500, "capped")
  -- as a rule on a stored response, true/false included
  local tf = { type = "truefalse", answer = false }
  assert(scoring.rules.speed(tf, { choice = "F", t_ms = 10000, streak = 1 }, 1000) == 750)
  assert(scoring.rules.speed(tf, { choice = "T", t_ms = 0, streak = 1 }, 1000) == 0)
end

-- ---- the loader ----

local broken = [[
local exam = require "kiosk.exam"
return exam.set {
  id = "broken", title = "坏的题集",
  exam.section { id = "a", points = "two",
    exam.single { id = "q1", stem = "一", options = { "x", "y" } },
    exam.single { id = "q2", stem = "二", options = { "x", "y" }, answer = "C" },
    exam.single { id = "q2", stem = "三", options = { "x", "y" }, answer = "A" },
    exam.multiple { id = "q4", stem = "四", options = { "x", "y", "z" }, answer = { "A", "D" } },
    exam.single { id = "q5", stem = "五", options = { "x", "y" }, answer = "A", points = "3分" },
    exam.open { id = "q6", stem = "六" },
  },
}
]]

function T.test_loader_reports_every_problem_with_file_line_and_id()
  local chunk = assert(load(broken, "=broken_set.lua"))
  local ok, err = pcall(chunk)
  assert(not ok, "a broken set must not load")
  err = tostring(err)
  local function has(s) assert(err:find(s, 1, true), "missing in the report: " .. s .. "\n" .. err) end
  has("broken_set.lua:5: question q1: missing answer")
  has("broken_set.lua:6: question q2: answer C is not among the options")
  has("broken_set.lua:7: question q2: duplicate id (also at broken_set.lua:6)")
  has("broken_set.lua:8: question q4: answer D is not among the options")
  has("broken_set.lua:9: question q5: points is not a number (3分)")
  has("broken_set.lua:10: question q6: an open question needs a reference answer or key points")
  has("section a: points is not a number")
  has("problem(s)")
end

-- Pass/fail is decided as soon as the answers still waiting for a person can
-- no longer change it (issue 14: it stayed empty, and the pass rate read "-").
local function pending_set()
  return exam.set { id = "p", title = "p", pass = 0.5,
    exam.section { id = "auto", points = 6,
      exam.single { id = "a1", stem = "?", options = { "1", "2" }, answer = "A" } },
    exam.section { id = "open", points = 4,
      exam.open { id = "o1", stem = "?", key_points = { "要点" } } } }
end

function T.test_pass_decided_while_answers_wait()
  local set = pending_set()
  -- 6 of 10 already: the 4 waiting points cannot take it under 5.
  local r = exam.score_session(set, { a1 = "A", o1 = "文字" })
  assert(r.pending == 1 and r.pending_points == 4)
  assert(r.passed == true, "over the mark before the interviewer scores")
end

function T.test_fail_decided_when_out_of_reach()
  local set = exam.set { id = "p2", title = "p", pass = 0.8,
    exam.section { id = "auto", points = 6,
      exam.single { id = "a1", stem = "?", options = { "1", "2" }, answer = "A" } },
    exam.section { id = "open", points = 4,
      exam.open { id = "o1", stem = "?", key_points = { "要点" } } } }
  -- 0 of 10, 4 waiting: at most 4 < 8.
  local r = exam.score_session(set, { a1 = "B", o1 = "文字" })
  assert(r.passed == false, "cannot reach the mark")
end

function T.test_pass_waits_while_it_could_go_either_way()
  local set = pending_set()
  set.pass = 0.3
  local r = exam.score_session(set, { a1 = "B", o1 = "文字" }) -- 0, 4 waiting, mark 3
  assert(r.passed == nil, "the interviewer decides")
  r = exam.score_session(set, { a1 = "B", o1 = "文字" }, nil, { o1 = { points = 2 } })
  assert(r.pending == 0 and r.passed == false)
  r = exam.score_session(set, { a1 = "B", o1 = "文字" }, nil, { o1 = { points = 3 } })
  assert(r.pending == 0 and r.passed == true)
end

function T.test_loader_accepts_a_good_set()
  local set = exam.set { id = "ok", title = "好",
    exam.section { id = "a", points = 1, exam.single { id = "x", stem = "?", options = { "1", "2" }, answer = "A" } } }
  assert(exam.check(set))
end

-- ---- draws ----

local function pool_set(opts)
  local qs = {}
  for i = 1, 8 do
    qs[i] = exam.single { id = "p" .. i, stem = "q" .. i, options = { "a", "b", "c", "d" }, answer = "A" }
  end
  local sec = { id = "pool", points = 1 }
  for k, v in pairs(opts or {}) do sec[k] = v end
  for i, q in ipairs(qs) do sec[i] = q end
  return exam.set { id = "pool", title = "pool", exam.section(sec) }
end

local function ids(paper)
  local out = {}
  for i, e in ipairs(paper) do out[i] = e.id .. (e.option_order and ("/" .. table.concat(e.option_order)) or "") end
  return table.concat(out, ",")
end

function T.test_same_seed_same_paper()
  local set = pool_set { draw = 5, shuffle = true, shuffle_options = true }
  local a, b = exam.draw(set, 12345), exam.draw(set, 12345)
  assert(ids(a) == ids(b), "a recorded seed replays the same paper")
  assert(#a == 5, "draw = 5 gives five questions")
  local c = exam.draw(set, 54321)
  assert(ids(a) ~= ids(c), "another seed, another paper")
  local seen = {}
  for _, e in ipairs(a) do
    assert(not seen[e.id], "no question twice")
    seen[e.id] = true
    assert(#e.option_order == 4)
  end
end

function T.test_unshuffled_sets_keep_the_written_order()
  local set = pool_set {}
  assert(ids(exam.draw(set, 7)) == "p1,p2,p3,p4,p5,p6,p7,p8")
  local drawn = exam.draw(pool_set { draw = 3 }, 99)
  local last = 0
  for _, e in ipairs(drawn) do
    local n = tonumber(e.id:sub(2))
    assert(n > last, "drawn but not shuffled: in written order")
    last = n
  end
end

function T.test_rng_is_deterministic()
  local a, b = rng.new(42), rng.new(42)
  for _ = 1, 100 do assert(a:next() == b:next()) end
  local r = rng.new(1)
  for _ = 1, 1000 do local v = r:int(6); assert(v >= 1 and v <= 6) end
end

-- ---- sessions ----

function T.test_score_session_totals_sections_competencies_and_pass()
  local set = exam.set { id = "s", title = "s", pass = 0.6,
    exam.section { id = "one", points = 2,
      exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A", competencies = { "沟通" } },
      exam.single { id = "b", stem = "?", options = { "x", "y" }, answer = "B", competencies = { "沟通", "规范" } } },
    exam.section { id = "two", points = 3, scoring = "partial",
      exam.multiple { id = "c", stem = "?", options = { "x", "y", "z" }, answer = { "A", "B" }, competencies = { "规范" } } },
  }
  local r = exam.score_session(set, { a = "A", b = "A", c = { "A" } })
  assert(near(r.score, 2 + 0 + 1.5) and r.max_score == 7)
  assert(near(r.sections[1].score, 2) and near(r.sections[2].score, 1.5))
  assert(near(r.competencies["沟通"].score, 2) and r.competencies["沟通"].max_score == 4)
  assert(near(r.competencies["规范"].score, 1.5) and r.competencies["规范"].max_score == 5)
  assert(near(r.pass_mark, 4.2) and r.passed == false, "3.5 is under 60% of 7")
  r = exam.score_session(set, { a = "A", b = "B", c = { "A" } })
  assert(near(r.score, 5.5) and r.passed == true)
end

function T.test_rescoring_follows_a_fixed_answer_key()
  -- A trainer fixes a wrong key: the same stored responses score anew.
  local set = exam.set { id = "k", title = "k",
    exam.section { id = "s", points = 2, exam.single { id = "a", stem = "?", options = { "x", "y" }, answer = "A" } } }
  local responses = { a = "B" }
  assert(exam.score_session(set, responses).score == 0)
  set.sections[1].questions[1].answer = "B"
  assert(exam.score_session(set, responses).score == 2)
end

-- ---- the bundled sets ----

function T.test_specialist_set_is_the_seed()
  local set = require "apps.cs_specialist.questions"
  local all = exam.all_questions(set)
  assert(#all == 13, "10 single + 3 multiple (the 4th is cut off in the seed)")
  local r = exam.score_session(set, {})
  assert(r.max_score == 10 * 2 + 3 * 3)
  local q = exam.find(set, "s2")
  assert(q.stem == "2.2026年客户服务规范强调“首问负责制”,以下哪项最能体现该原则?")
  assert(q.answer == "B")
  local m2 = exam.find(set, "m2")
  assert(table.concat(m2.answer, ",") == "A,B,C")
  assert(set.sections[2].scoring == "all_or_nothing")
end

function T.test_manager_set_is_the_seed()
  local set = require "apps.cs_manager.questions"
  local r = exam.score_session(set, {})
  assert(r.max_score == 5 * 8 + 4 * 10 + 15, "behavioural, situational, and the one complete business question")
  assert(r.pending == 10, "every answer waits for the interviewer")
  local q = exam.find(set, "b1")
  assert(table.concat(q.competencies, "、") == "问题解决能力、领导力、沟通技巧")
  assert(#q.key_points == 6)
  local open = exam.type("open")
  local hint = open.suggest(q, "我先快速响应，然后透明沟通")
  assert(hint.hits == 2 and hint.of == 4)
end

function T.test_trade_fair_set_draws_five()
  local set = require "apps.trade_fair.questions"
  assert(#exam.draw(set, 1) == 5)
  assert(set.sections[1].scoring == "speed")
end

return T
