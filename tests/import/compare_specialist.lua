-- Runs inside the folder of the imported seed 000 (roundtrip.sh copies it
-- there): the imported set against the bundled cs_specialist, question by
-- question, and the same responses scored by both.
local exam = require "kiosk.exam"
local got = require "questions"
local want = require "apps.cs_specialist.questions"

local T = {}

local C = require "compare_lib"
local flat, same = C.flat, C.same

function T.test_questions_equal()
  local g, w = flat(got), flat(want)
  same(#g, #w, "question count")
  for i = 1, #w do
    local gq, wq = g[i].q, w[i].q
    local tag = "question " .. wq.id
    same(gq.type, wq.type, tag .. " type")
    same(gq.stem, wq.stem, tag .. " stem")
    local go, wo = {}, {}
    for k, o in ipairs(exam.options(gq)) do go[k] = o.text end
    for k, o in ipairs(exam.options(wq)) do wo[k] = o.text end
    same(go, wo, tag .. " options")
    same(gq.answer, wq.answer, tag .. " answer")
    same(gq.explanation, wq.explanation, tag .. " explanation")
    same(exam.max_points(gq, g[i].sec), exam.max_points(wq, w[i].sec), tag .. " points")
  end
end

-- Responses keyed by the bundled ids, the same ones keyed by the imported ids.
local function responses(pick)
  local g, w = flat(got), flat(want)
  local rg, rw = {}, {}
  for i = 1, #w do
    local r = pick(w[i].q, i)
    rw[w[i].q.id], rg[g[i].q.id] = r, r
  end
  return rg, rw
end

local function check_same_score(pick, name)
  local rg, rw = responses(pick)
  local sg, sw = exam.score_session(got, rg), exam.score_session(want, rw)
  same(sg.score, sw.score, name .. " score")
  same(sg.max_score, sw.max_score, name .. " max")
  for k = 1, #sw.sections do same(sg.sections[k].score, sw.sections[k].score, name .. " section " .. k) end
  return sw.score
end

function T.test_same_responses_score_the_same()
  assert(check_same_score(function(q) return q.answer end, "all right") == 29)
  assert(check_same_score(function(q) return q.type == "multiple" and { "D" } or (q.answer == "A" and "B" or "A") end, "all wrong") == 0)
  check_same_score(function(q, i) if i % 2 == 0 then return q.answer end end, "every other")
  -- A fixed pseudo-random sequence of choices (the test's own seed).
  local x = 12345
  local function rnd(n) x = (x * 1103515245 + 12345) % 2147483648; return x % n end
  for round = 1, 20 do
    check_same_score(function(q)
      if q.type == "multiple" then
        local r = {}
        for _, l in ipairs({ "A", "B", "C", "D" }) do if rnd(2) == 1 then r[#r + 1] = l end end
        return r
      end
      return string.char(65 + rnd(4))
    end, "random round " .. round)
  end
end

return T
