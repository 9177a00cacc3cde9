-- kiosk.flow.tools — the maintenance jobs a flow app runs when started by
--   quizkiosk rescore --db FILE APP_DIR [--exam ID] [--dry-run]
--   quizkiosk replay-session --db FILE SESSION_ID APP_DIR --shots DIR
-- (kiosk.config.tool says which). Both use the app's own question set and
-- scoring through the exam model (kiosk.exam.session) and reach the store
-- only through a recorder (kiosk.flow.recorder), so what they compute is
-- exactly what the kiosk would.
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"
local session = require "kiosk.exam.session"
local quiz = require "kiosk.flow.quiz"
local recorder = require "kiosk.flow.recorder"

local M = {}

local function fmt(v)
  if v == nil then return "—" end
  if math.abs(v - math.floor(v + 0.5)) < 1e-9 then return tostring(math.floor(v + 0.5)) end
  return string.format("%.2f", v)
end

local function yesno(v)
  if v == nil then return "—" end
  return v and "passed" or "not passed"
end

-- ---- rescore ----

-- Each stored session's paper (from its seed) and answers, scored anew by
-- the exam model with the app's current set. A dry run gets a read-only
-- recorder: it computes and reports, and writes nothing.
function M.rescore(f)
  local set = f.set
  local wanted = kiosk.config.tool_exam or set.id
  if wanted ~= set.id then
    kiosk.report(string.format("this app's question set is '%s', not '%s': nothing to rescore", set.id, wanted))
    return kiosk.tool_done(true)
  end
  local dry = kiosk.config.dry_run
  local rec = dry and recorder.read_only() or recorder.new()
  local hash = exam.fingerprint(set)
  local seen, changed = 0, 0
  for _, s in ipairs(rec:sessions(set.id)) do
    if s.score ~= nil then
      seen = seen + 1
      local stored = rec:answers(s.id)
      local responses = {}
      for qid, a in pairs(stored) do responses[qid] = a.response end
      -- Answers a person scored keep their points; the rest follow the rules.
      local sitting = session.new { set = set, seed = s.seed, mode = exam.mode(s.mode) or "recruitment",
                                    clock = function() return 0 end, time_limit_s = false,
                                    resume = { responses = responses }, extra = exam.person_points(set, stored) }
      local r = sitting:score()
      local passed = r.passed
      local lines, answers = {}, {}
      for qid, pq in pairs(r.per_question) do
        local old = stored[qid]
        local old_pts = old and old.points or 0
        if old and math.abs((old.points or 0) - pq.points) > 1e-9 then
          answers[qid] = { points = pq.points, correct = pq.correct }
          lines[#lines + 1] = string.format("  %s: %s -> %s", qid, fmt(old_pts), fmt(pq.points))
        end
      end
      table.sort(lines)
      local score_changed = math.abs((s.score or 0) - r.score) > 1e-9 or s.max_score ~= r.max_score
                            or s.passed ~= passed
      if score_changed or #lines > 0 then
        changed = changed + 1
        kiosk.report(string.format("session %d (%s, %s): %s/%s -> %s/%s, %s -> %s%s", s.id,
          os.date("%Y-%m-%d %H:%M", s.started_at // 1000), s.status, fmt(s.score), fmt(s.max_score),
          fmt(r.score), fmt(r.max_score), yesno(s.passed), yesno(passed),
          s.content_hash ~= hash and " (the question set was edited since)" or ""))
        for _, l in ipairs(lines) do kiosk.report(l) end
        rec:rescore({ score = r.score, max_score = r.max_score, passed = passed,
                      reason = "rescore with the current question set", answers = answers,
                      sections = r.sections, competencies = r.competencies }, s.id)
      end
    end
  end
  kiosk.report(string.format("%d scored session(s) of %s, %d changed%s", seen, set.id, changed,
                             dry and " (dry run: nothing written)" or ""))
  kiosk.tool_done(false)
end

-- ---- replay-session ----

-- The flow runs again with a read-only recorder (the replay shows what
-- happened; it does not happen again), and the quiz's session is driven
-- through its own operations with the answers and review visits logged.
function M.replay_session(f)
  local rec = recorder.read_only()
  f.recorder = rec
  local id = kiosk.config.tool_session
  local info = rec:session_info(id)
  if not info then
    kiosk.report("no session " .. tostring(id) .. " in this database")
    return kiosk.tool_done(true)
  end
  if info.app ~= kiosk.config.app then
    kiosk.report(string.format("session %d was taken in the app '%s', not '%s'", id, info.app, kiosk.config.app))
    return kiosk.tool_done(true)
  end
  local events = rec:events(id)
  local stored_answers = rec:answers(id)
  if info.content_hash ~= exam.fingerprint(f.set) then
    kiosk.report("note: the question set was edited since this session; the replay uses the current one")
  end
  f.seed, f.lang, f.mode = info.seed, info.lang or f.lang, info.mode or f.mode

  -- The quiz's steps: each answer given (changes of mind included) and
  -- each visit to the review page, in the order logged. The other screens
  -- replay themselves as the flow reaches them.
  local steps = {}
  for _, e in ipairs(events) do
    if e.kind == "answer" or e.kind == "review" then steps[#steps + 1] = e end
  end
  local n, shot_no = 0, 0
  local function shot(name)
    shot_no = shot_no + 1
    kiosk.shot(string.format("%03d_%s", shot_no, name))
  end

  -- Every screen shows itself, is photographed, then goes on with the value
  -- the candidate gave (personal fields stay out of the pictures).
  local values = { welcome = f.lang, consent = true, instructions = true, result = true, thanks = true,
                   leaderboard = true, message = true, rubric = false }
  for name, show in pairs(require("kiosk.flow.screens")) do
    if type(show) == "function" and (values[name] ~= nil or name == "form") then
      f.screens[name] = function(ff, opts, done)
        show(ff, opts, done)
        kiosk.after(100, function()
          shot(name)
          kiosk.after(100, function() done(name == "form" and {} or values[name]) end)
        end)
      end
    end
  end
  f.screens.quiz = function(ff, opts, done)
    -- The session's own clock does not run out during the replay; the
    -- interviewer's rubric points are kept, everything else is scored anew.
    local o = {}
    for k, v in pairs(opts) do o[k] = v end
    o.time_limit_s = false
    o.extra = exam.person_points(ff.set, stored_answers)
    local s = quiz.session(ff, o)
    o.session = s
    local view = quiz.screen(ff, o, function(result)
      kiosk.report(string.format("session %d: replayed score %s/%s (stored %s/%s, %s)", id, fmt(result.score),
                                 fmt(result.max_score), fmt(info.score), fmt(info.max_score), info.status))
      done(result)
    end)
    local i = 0
    local function step()
      i = i + 1
      local e = steps[i]
      if not e then
        if info.status == "completed" or info.status == "timed_out" then return view:act("submit", info.status) end
        shot("end_" .. info.status)
        kiosk.report(string.format("session %d ended %s: %d step(s) replayed", id, info.status, n))
        return kiosk.tool_done(false)
      end
      local d = e.data or {}
      if e.kind == "answer" and d.question and s.position_of[d.question] and not s:ended() then
        local k = s.position_of[d.question]
        n = n + 1
        if s.locked then view:act("next") end
        if s.index ~= k and not s:ended() then view:act("go", k) end
        if s:first_tap(k) then
          local r = type(d.response) == "table" and d.response or {}
          view:act("answer", r.choice, { t_ms = r.t_ms })
        else
          view:act("answer", d.response)
        end
        kiosk.after(100, function() shot("q" .. d.question); kiosk.after(100, step) end)
        return
      elseif e.kind == "review" and not s:ended() and s.review_page then
        if s.locked then view:act("next") end
        view:act("review")
        kiosk.after(100, function() shot("review"); kiosk.after(100, step) end)
        return
      end
      return step() -- an answer to a question not on this paper (the set was edited): skip it
    end
    kiosk.after(100, step)
  end
  f.idle_ms = 24 * 3600 * 1000
  f.done = function()
    kiosk.report(string.format("session %d: %d answer(s) replayed, %d picture(s) in the shots folder", id, n, shot_no))
    kiosk.tool_done(false)
  end
  f:start()
end

function M.run(f)
  local tool = kiosk.config.tool
  if tool == "rescore" then
    kiosk.after(0, function() M.rescore(f) end)
  elseif tool == "replay-session" then
    M.replay_session(f)
  else
    kiosk.report("unknown tool " .. tostring(tool))
    kiosk.tool_done(true)
  end
  return ui.app()
end

return M
