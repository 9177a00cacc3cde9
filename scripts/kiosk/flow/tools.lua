-- kiosk.flow.tools — the maintenance jobs a flow app runs when started by
--   quizkiosk rescore --db FILE APP_DIR [--exam ID] [--dry-run]
--   quizkiosk replay-session --db FILE SESSION_ID APP_DIR --shots DIR
-- (kiosk.config.tool says which). Both use the app's own question set and
-- scoring, so what they compute is exactly what the kiosk would.
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"

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

function M.rescore(f)
  local set = f.set
  local wanted = kiosk.config.tool_exam or set.id
  if wanted ~= set.id then
    kiosk.report(string.format("this app's question set is '%s', not '%s': nothing to rescore", set.id, wanted))
    return kiosk.tool_done(true)
  end
  local hash = exam.fingerprint(set)
  local dry = kiosk.config.dry_run
  local seen, changed = 0, 0
  for _, s in ipairs(store.sessions(set.id)) do
    if s.score ~= nil then
      seen = seen + 1
      local stored = store.answers(s.id)
      local responses = {}
      for qid, a in pairs(stored) do responses[qid] = a.response end
      -- Answers a person scored keep their points; the rest follow the rules.
      local paper = exam.draw(set, s.seed)
      local r = exam.score_session(set, responses, paper, exam.person_points(set, stored))
      local passed = r.passed
      if r.pending > 0 then passed = nil end
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
        if not dry then
          store.rescore(s.id, { score = r.score, max_score = r.max_score, passed = passed,
                                reason = "rescore with the current question set", answers = answers,
                                sections = r.sections, competencies = r.competencies })
        end
      end
    end
  end
  kiosk.report(string.format("%d scored session(s) of %s, %d changed%s", seen, set.id, changed,
                             dry and " (dry run: nothing written)" or ""))
  kiosk.tool_done(false)
end

-- ---- replay-session ----

-- Writes nothing: the replay shows what happened, it does not happen again.
local function read_only_store(real)
  local keep = { leaderboard = true, verify_pin = true, pin_is_set = true, setting = true, stats_today = true }
  return setmetatable({}, { __index = function(_, k)
    if keep[k] then return real[k] end
    if k == "begin_session" then return function() return 0 end end
    if k == "resumable" then return function() return nil end end
    return function() end
  end })
end

function M.replay_session(f)
  local id = kiosk.config.tool_session
  local info = store.session(id)
  if not info then
    kiosk.report("no session " .. tostring(id) .. " in this database")
    return kiosk.tool_done(true)
  end
  if info.app ~= kiosk.config.app then
    kiosk.report(string.format("session %d was taken in the app '%s', not '%s'", id, info.app, kiosk.config.app))
    return kiosk.tool_done(true)
  end
  local events = store.events(id)
  local stored_answers = store.answers(id)
  local real = store
  store = read_only_store(real)
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
  local quiz_screen = require("kiosk.flow.quiz").screen
  f.screens.quiz = function(ff, opts, done)
    quiz_screen(ff, opts, function(result)
      -- Answers a person scored (the interviewer's rubric) keep their stored
      -- points; everything else is scored anew by the app's rules.
      if result.score then
        local full = exam.score_session(ff.set, result.responses, result.paper,
                                        exam.person_points(ff.set, stored_answers))
        for k, v in pairs(full) do result[k] = v end
        if full.pending > 0 then result.passed = nil end
      end
      kiosk.report(string.format("session %d: replayed score %s/%s (stored %s/%s, %s)", id, fmt(result.score),
                                 fmt(result.max_score), fmt(info.score), fmt(info.max_score), info.status))
      done(result)
    end)
    local Q = ff.active_quiz
    local i = 0
    local function step()
      i = i + 1
      local e = steps[i]
      if not e then
        if info.status == "completed" or info.status == "timed_out" then
          return Q:submit(info.status)
        end
        shot("end_" .. info.status)
        kiosk.report(string.format("session %d ended %s: %d step(s) replayed", id, info.status, n))
        return kiosk.tool_done(false)
      end
      local d = e.data or {}
      if e.kind == "answer" and d.question then
        local k
        for idx, entry in ipairs(Q.paper) do if entry.id == d.question then k = idx end end
        if k then
          n = n + 1
          Q.responses[d.question] = d.response
          if ff.mode == "trade_fair" then
            local q, sec = Q:question(k)
            Q.index = k
            Q:show_feedback(k, d.correct == true, d.points, type(d.response) == "table" and d.response.t_ms or nil,
                            (q.time_limit_s or sec.time_limit_s or 20) * 1000)
            if Q.feedback_timer then kiosk.cancel(Q.feedback_timer); Q.feedback_timer = nil end
          else
            Q:leave()
            Q:show(k)
          end
          kiosk.after(100, function() shot("q" .. d.question); kiosk.after(100, step) end)
          return
        end
      elseif e.kind == "review" and not Q.submitted then
        Q:leave()
        Q:show_review()
        kiosk.after(100, function() shot("review"); kiosk.after(100, step) end)
        return
      end
      return step() -- an answer to a question not on this paper (the set was edited): skip it
    end
    kiosk.after(100, step)
  end
  -- The session's own clock does not run out during the replay.
  f.set = setmetatable({ time_limit_s = false }, { __index = f.set })
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
