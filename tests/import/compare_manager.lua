-- Runs inside the folder of the imported seed 003 (roundtrip.sh copies it
-- there): the imported set against the bundled cs_manager — stems,
-- competencies, reference answers, key points, keywords and points — and
-- the same rubric points give the same scores.
local exam = require "kiosk.exam"
local got = require "questions"
local want = require "apps.cs_manager.questions"

local T = {}

local C = require "compare_lib"
local flat, same = C.flat, C.same

function T.test_questions_equal()
  local g, w = flat(got), flat(want)
  same(#g, #w, "question count")
  for i = 1, #w do
    local gq, wq = g[i].q, w[i].q
    local tag = "question " .. wq.id
    same(gq.type, "open", tag .. " type")
    same(gq.stem, wq.stem, tag .. " stem")
    same(gq.competencies, wq.competencies, tag .. " competencies")
    same(gq.reference, wq.reference, tag .. " reference")
    same(gq.key_points, wq.key_points, tag .. " key points")
    same(gq.keywords, wq.keywords, tag .. " keywords")
    same(exam.max_points(gq, g[i].sec), exam.max_points(wq, w[i].sec), tag .. " points")
  end
end

function T.test_same_rubric_points_score_the_same()
  local g, w = flat(got), flat(want)
  local eg, ew, rg, rw = {}, {}, {}, {}
  for i = 1, #w do
    local p = (i * 3) % 9
    ew[w[i].q.id], eg[g[i].q.id] = { points = p }, { points = p }
    rw[w[i].q.id], rg[g[i].q.id] = "answer " .. i, "answer " .. i
  end
  local sg, sw = exam.score_session(got, rg, nil, eg), exam.score_session(want, rw, nil, ew)
  same(sg.score, sw.score, "score")
  same(sg.max_score, 95, "max")
  same(sw.max_score, 95, "bundled max")
  for k, row in pairs(sw.competencies) do
    same(sg.competencies[k] and sg.competencies[k].score, row.score, "competency " .. k)
  end
end

return T
