-- kiosk.exam.scoring — scoring rules, chosen per section or per question
-- with scoring = "name" (or a function(q, response, points) -> points, max, correct).
-- Every rule is a pure function of the response, so stored sessions can be
-- re-scored after a trainer fixes an answer key.
--
--   "full_or_zero"    single choice / true-false: all points or none
--   "all_or_nothing"  multiple choice: exactly the right set, or nothing (the seeds' rule)
--   "partial"         少选得部分分、错选不得分: no wrong choice -> points × right chosen / all right;
--                     any wrong choice -> 0
--   "per_option"      each right option chosen earns points / #right; with negative = true on
--                     the question or section, each wrong one chosen costs as much; floored at 0
--   "rubric"          open answers: the interviewer's rubric points (nil until scored)
--   "speed"           trade fair: see M.speed_points
local M = {}

local function set_of(list)
  local s, n = {}, 0
  for _, v in ipairs(type(list) == "table" and list or { list }) do
    if not s[v] then s[v], n = true, n + 1 end
  end
  return s, n
end

local function answer_set(q) return set_of(type(q.answer) == "table" and q.answer or { q.answer }) end

local rules = {}
M.rules = rules

function rules.full_or_zero(q, response, max)
  local correct = response ~= nil and response == q.answer
  return correct and max or 0, max, correct
end

-- Counts right and wrong choices in a multiple-choice response.
local function tally(q, response)
  local right, nright = answer_set(q)
  local chosen = set_of(response or {})
  local hit, wrong = 0, 0
  for id in pairs(chosen) do
    if right[id] then hit = hit + 1 else wrong = wrong + 1 end
  end
  return hit, wrong, nright
end

function rules.all_or_nothing(q, response, max)
  local hit, wrong, nright = tally(q, response)
  local correct = wrong == 0 and hit == nright
  return correct and max or 0, max, correct
end

function rules.partial(q, response, max)
  local hit, wrong, nright = tally(q, response)
  if wrong > 0 or hit == 0 then return 0, max, false end
  return max * hit / nright, max, hit == nright
end

-- (sec: the question's section, when the exam scores it: exam.score_question)
function rules.per_option(q, response, max, _, _, sec)
  local hit, wrong, nright = tally(q, response)
  local each = max / nright
  local negative = q.negative
  if negative == nil and sec then negative = sec.negative end
  local pts = hit * each - (negative and wrong * each or 0)
  if pts < 0 then pts = 0 end
  return pts, max, wrong == 0 and hit == nright
end

function rules.rubric(_, _, max, extra)
  if extra and extra.points then
    local p = math.max(0, math.min(max, extra.points))
    return p, max, nil
  end
  return nil, max, nil
end

-- Trade-fair points: round(P × (1 − (t/T)/2)) for a right answer given t ms
-- into a T ms countdown (so between P/2 and P), and a streak bonus of +100
-- per consecutive right answer after the first, capped at +500.
function M.speed_points(P, t_ms, T_ms, correct, streak)
  if not correct then return 0 end
  local frac = math.max(0, math.min(1, t_ms / T_ms))
  local base = math.floor(P * (1 - frac / 2) + 0.5)
  local bonus = math.min(500, 100 * math.max(0, (streak or 1) - 1))
  return base + bonus
end

-- Whether one chosen option is the right answer (true/false questions
-- answer with "T"/"F" against a boolean key).
function M.choice_correct(q, choice)
  if choice == nil then return false end
  if type(q.answer) == "boolean" then return (choice == "T") == q.answer end
  return choice == q.answer
end

-- As a rule: the response carries { choice = id, t_ms = n, streak = n }.
function rules.speed(q, response, max)
  if type(response) ~= "table" then return 0, max, false end
  local correct = M.choice_correct(q, response.choice)
  local T = (q.time_limit_s or 20) * 1000
  return M.speed_points(max, response.t_ms or T, T, correct, response.streak), max, correct
end

M.set_of = set_of
return M
