-- kiosk.exam — question sets as Lua data: constructors, the loader that
-- checks a set and reports every problem with file:line and question id,
-- seeded draws (shuffles, N of a pool), and scoring as a pure function of
-- the responses (so past sessions can be re-scored). One sitting of a set
-- is kiosk.exam.session; how a sitting behaves is its mode (exam.mode).
--
--   local exam = require "kiosk.exam"
--   return exam.set {
--     id = "cs_specialist", title = "客户服务专员筛选测试", pass = 0.6,   -- pass: fraction of max, or points
--     shuffle_options = true,
--     exam.section { id = "single", title = "一、单选题", points = 2,
--       exam.single { id = "s1", stem = "…", options = { "…", "…", "…", "…" }, answer = "B",
--                     explanation = "…", competencies = { "职责认知" } },
--     },
--     exam.section { id = "multi", title = "二、多选题", points = 3, scoring = "all_or_nothing",
--       exam.multiple { id = "m1", stem = "…", options = { … }, answer = { "A", "C" } },
--     },
--   }
-- Question types: single, multiple, truefalse, open, rating — one module each
-- in kiosk/exam/types/ (a new type is one new file there; exam.<type>{...}
-- is its constructor). Modes: recruitment, practice, trade_fair — one module
-- each in kiosk/exam/modes/. Texts may be strings or { zh = "…", en = "…" }.
-- Options get ids A, B, C… by position unless given as { id = "x", text = "…" }.
-- Sections may also say: draw = N (N questions of the pool), shuffle = true,
-- shuffle_options = true, scoring = rule name or function (see kiosk.exam.scoring),
-- time_limit_s, instructions.
local rng = require "kiosk.exam.rng"
local scoring = require "kiosk.exam.scoring"

local exam = {}
exam.scoring = scoring

-- A module of kiosk/exam/<kind>/ by name (nil when there is none, or it
-- does not load: the loader reports that as an unknown name).
local function by_name(kind)
  local cache = {}
  return function(name)
    if type(name) ~= "string" then return nil end
    if cache[name] == nil then
      local ok, mod = pcall(require, "kiosk.exam." .. kind .. "." .. name)
      cache[name] = ok and type(mod) == "table" and mod or false
    end
    return cache[name] or nil
  end
end

-- exam.type(name): the question type's table of capabilities and functions
-- (kiosk/exam/types/NAME.lua).
exam.type = by_name("types")
-- exam.mode(name): the exam mode's table of capabilities
-- (kiosk/exam/modes/NAME.lua); nil for an unknown name.
exam.mode = by_name("modes")

-- "file:line" of the code that called the constructor (the set's line):
-- error() puts "file:line: " before its message (nothing when there is no
-- line to give). Cut with sub, not gsub: one pattern match per question
-- was a quarter of this function's time in a bank of 100,000.
local function where(level)
  local _, msg = pcall(error, "", level + 1)
  return msg:sub(1, -3)
end

local function question(kind)
  return function(t)
    t.type = kind
    t._where = t._where or where(3)
    return t
  end
end

exam.single = question("single")
exam.multiple = question("multiple")
exam.truefalse = question("truefalse")
exam.open = question("open")
exam.rating = question("rating")
-- exam.<name>{...} for any other type module (a trainer's own type).
setmetatable(exam, { __index = function(t, name)
  if type(name) == "string" and exam.type(name) then
    local make = question(name)
    rawset(t, name, make)
    return make
  end
end })

function exam.section(t)
  t._where = t._where or where(2)
  t.questions = t.questions or {}
  for _, q in ipairs(t) do t.questions[#t.questions + 1] = q end
  for i = #t, 1, -1 do t[i] = nil end
  -- (No field back to the section on each question: a question's ninth
  -- field doubled its table, 26 MiB for a bank of 100,000. Scoring rules
  -- get the section as an argument: exam.score_question.)
  return t
end

-- Picks a text in the language asked for (falls back to zh, then any).
function exam.text(value, lang)
  if type(value) ~= "table" then return value end
  return value[lang or "zh"] or value.zh or value.en or select(2, next(value))
end

local function letter(i) return string.char(64 + i) end

-- Options normalised to { id=, text= } in their written order.
function exam.options(q)
  if q._options then return q._options end
  local out = {}
  for i, o in ipairs(q.options or {}) do
    if type(o) == "table" and o.id ~= nil then out[i] = { id = tostring(o.id), text = o.text }
    else out[i] = { id = letter(i), text = o } end
  end
  q._options = out
  return out
end

-- ---- the loader ----

local function problem(list, q, fmt, ...)
  list[#list + 1] = string.format("%s: %s%s", q._where or "?", q.id and ("question " .. tostring(q.id) .. ": ") or "",
                                  string.format(fmt, ...))
end

-- Checks a set. Returns the set, or nil and the list of problems (every
-- one, not just the first), each "file:line: question ID: what".
local function check_head(set, problems)
  local where_set = set._where or "?"
  if not set.id then problems[#problems + 1] = where_set .. ": the set needs an id" end
  if not set.title then problems[#problems + 1] = where_set .. ": the set needs a title" end
  if set.pass ~= nil and type(set.pass) ~= "number" then
    problems[#problems + 1] = where_set .. ": pass must be a number (a fraction like 0.6, or points)"
  end
  if not set.sections or #set.sections == 0 then problems[#problems + 1] = where_set .. ": the set has no sections" end
end

-- Checks section number si's own fields (not its questions) into problems.
local function check_section_head(si, sec, problems)
  local sw = { _where = sec._where, id = nil }
  if not sec.id then problems[#problems + 1] = (sec._where or "?") .. ": section " .. si .. " needs an id" end
  if sec.points ~= nil and type(sec.points) ~= "number" then
    problem(problems, sw, "section %s: points is not a number", tostring(sec.id))
  end
  if sec.draw ~= nil and (math.type(sec.draw) ~= "integer" or sec.draw < 1 or sec.draw > #sec.questions) then
    problem(problems, sw, "section %s: draw must be a whole number from 1 to %d", tostring(sec.id), #sec.questions)
  end
  if type(sec.scoring) == "string" and not scoring.rules[sec.scoring] then
    problem(problems, sw, "section %s: unknown scoring rule '%s'", tostring(sec.id), sec.scoring)
  end
  if #sec.questions == 0 then problem(problems, sw, "section %s has no questions", tostring(sec.id)) end
end

-- Checks questions from..to of section sec into problems; seen: the
-- question ids met so far.
local function check_questions(sec, from, to, problems, seen)
  local q -- the question in hand, for its type's validate (one report function per call, not per question)
  local function report(fmt, ...) problem(problems, q, fmt, ...) end
  local qs = sec.questions
  for i = from, to do
    q = qs[i]
    if type(q) ~= "table" or not q.type then
      problems[#problems + 1] = (sec._where or "?") .. ": section " .. tostring(sec.id) ..
                                " holds something that is not a question (use exam.single{...} etc.)"
    else
      if q.id == nil then problem(problems, q, "the question needs an id")
      elseif seen[q.id] then problem(problems, q, "duplicate id (also at %s)", seen[q.id])
      else seen[q.id] = q._where or "?" end
      local pts = q.points or sec.points
      if pts == nil then problem(problems, q, "no points (give the question or its section points)")
      elseif type(pts) ~= "number" then problem(problems, q, "points is not a number (%s)", tostring(pts))
      elseif pts < 0 then problem(problems, q, "points must not be negative") end
      if not q.stem or exam.text(q.stem) == "" then problem(problems, q, "the question has no stem") end
      if type(q.scoring) == "string" and not scoring.rules[q.scoring] then
        problem(problems, q, "unknown scoring rule '%s'", q.scoring)
      end
      local t = exam.type(q.type)
      if not t then problem(problems, q, "unknown question type '%s'", tostring(q.type))
      elseif t.validate then
        t.validate(q, report, exam)
      end
    end
  end
end

-- Checks section number si, its fields and all its questions.
local function check_section(si, sec, problems, seen)
  check_section_head(si, sec, problems)
  check_questions(sec, 1, #sec.questions, problems, seen)
end

function exam.check(set)
  if type(set) ~= "table" then return nil, { "a question set must be a table (exam.set{...})" } end
  local problems, seen = {}, {}
  check_head(set, problems)
  for si, sec in ipairs(set.sections or {}) do check_section(si, sec, problems, seen) end
  if #problems > 0 then return nil, problems end
  return set
end

local function report(problems)
  return "the question set has " .. #problems .. " problem(s):\n" .. table.concat(problems, "\n")
end

-- exam.set{...}: builds and checks; raises one error listing every problem.
-- A set with parts (exam.part), or with more than CHECK_NOW questions, is
-- checked once it has loaded, in slices (exam.load_step).
local CHECK_NOW, CHECK_SLICE = 2000, 2000

function exam.set(t)
  t._where = t._where or where(2)
  t.sections = t.sections or {}
  for _, s in ipairs(t) do t.sections[#t.sections + 1] = s end
  for i = #t, 1, -1 do t[i] = nil end
  local n = 0
  for _, s in ipairs(t.sections) do
    if type(s) == "table" and s._part then t._loading = true end
    if type(s) == "table" and type(s.questions) == "table" then n = n + #s.questions end
  end
  -- A set of more than CHECK_NOW questions is checked as a set in parts is:
  -- after it has loaded, CHECK_SLICE questions per call (exam.load_step).
  -- Its file's own call then only builds it: 10,000 questions built and
  -- checked in one call took over the 250 ms limit on a busy machine.
  if n > CHECK_NOW then t._loading = true end
  if t._loading then return t end
  local ok, problems = exam.check(t)
  if not ok then error(report(problems), 2) end
  return t
end

-- exam.part "module": in exam.set{...}, a section (or a list of sections)
-- that module returns, loaded later, one part at a time (exam.load_step),
-- so a bank of 100,000 questions loads over several calls, each well
-- inside the time limit. The flow runner loads the parts while the welcome
-- screen waits; anything that needs the questions completes the set first.
function exam.part(name)
  assert(type(name) == "string", "exam.part needs a module name, like exam.part \"bank.part01\"")
  return { _part = name, _where = where(2) }
end

-- Whether parts of the set are still to load.
function exam.loading(set) return rawget(set, "_loading") == true end

-- Loads the set's next part; once none is left, checks the set a slice per
-- call (raising one error listing every problem at the end). Returns true
-- when the set is complete.
function exam.load_step(set)
  if not exam.loading(set) then return true end
  local secs = set.sections
  for i, sec in ipairs(secs) do
    if type(sec) == "table" and sec._part then
      local got = require(sec._part)
      local list = (type(got) == "table" and got.questions) and { got } or got
      if type(list) ~= "table" or #list == 0 then
        error(string.format("%s: part %s must return exam.section{...} or a list of them", sec._where, sec._part), 0)
      end
      table.remove(secs, i)
      -- (Checked once every part is in, in slices: a part's own call only
      -- builds it, so a part's size is bounded by the file cap, not by the
      -- time limit.)
      for k, part_sec in ipairs(list) do table.insert(secs, i + k - 1, part_sec) end
      return false
    end
  end
  -- Every part is in: the sections, CHECK_SLICE questions per call, then
  -- the set's fields; every problem is reported together at the end.
  local c = rawget(set, "_checking") or { problems = {}, seen = {}, done = {} }
  rawset(set, "_checking", c)
  local budget = CHECK_SLICE
  for si, sec in ipairs(secs) do
    if not c.done[sec] then
      if type(sec) ~= "table" or type(sec.questions) ~= "table" then
        check_section(si, sec, c.problems, c.seen) -- (reports what is wrong with it)
        c.done[sec] = true
      else
        local from = c.next_q or 1
        if from == 1 then check_section_head(si, sec, c.problems) end
        local n = #sec.questions
        local to = math.min(n, from + budget - 1)
        check_questions(sec, from, to, c.problems, c.seen)
        budget = budget - (to - from + 1)
        if to < n then c.next_q = to + 1; return false end
        c.next_q, c.done[sec] = nil, true
        if budget <= 0 then return false end
      end
    end
  end
  set._loading, set._checking = nil, nil
  check_head(set, c.problems)
  if #c.problems > 0 then error(report(c.problems), 0) end
  return true
end

-- Loads every part still to load (all in this call).
function exam.complete(set)
  while not exam.load_step(set) do end
  return set
end

-- The set's content hash: what the questions say, so a later edit of the
-- set is visible in stored results. Computed once per loaded set (kept in
-- set._fingerprint: a set is data and does not change once loaded). Keys
-- in text order, the loader's own ("_where"...) left out; the same bytes as
-- ever, so stored hashes still match. The set, its sections and their lists
-- are walked here (so the work can stop between slices); each question is
-- written by the content hasher in C (kiosk.content_hasher,
-- runtime/lua/content_text.c), straight into SHA-256: the text is never
-- held, neither whole nor per question.
local function by_text(a, b) return tostring(a) < tostring(b) end

-- The keys 1..n in text order (1, 10, 100, 11, ..., 2, 20, ...), what
-- sorting them by tostring gives, without n log n tostring calls: a
-- section's list of 100,000 questions took most of the hash's time so.
local function text_order(n)
  local out, m = {}, 0
  local function from(i)
    m = m + 1; out[m] = i
    i = i * 10
    for d = 0, 9 do
      if i + d > n then return end
      from(i + d)
    end
  end
  for d = 1, math.min(9, n) do from(d) end
  return out
end

-- One slice of the content hash (about SLICE questions), so a big set's
-- hash can be made in the background across several calls. Returns true
-- when the hash is ready (exam.fingerprint then returns it at once). The
-- text is hashed in pieces of PIECE parts (a part: each key, "=", ";",
-- "{", "}" and value the text is made of), cut where a table starts: a
-- set whose text is one piece (every set up to several thousand questions)
-- has kiosk.hash(text), as always; a bigger one the hash of its pieces'
-- hashes (kiosk.content_hasher says exactly how).
local SLICE, PIECE = 4000, 200000
local WALKED = 4 -- tables this deep are walked here: set, sections, a section, its questions

function exam.fingerprint_step(set)
  if rawget(set, "_fingerprint") then return true end
  exam.complete(set)
  local job = rawget(set, "_fingerprint_job")
  if not job then
    job = coroutine.create(function()
      local h, budget = kiosk.content_hasher(PIECE), SLICE
      local function add(v, depth)
        local tv = type(v)
        if tv ~= "table" then
          if tv ~= "function" then h:put(tostring(v)) end
          return
        end
        budget = budget - 1
        if budget <= 0 then budget = SLICE; coroutine.yield() end
        if depth > WALKED then return h:add(v) end
        h:table_start()
        local keys, nk, all_strings, a_list, top = {}, 0, true, true, 0
        for k in pairs(v) do
          if type(k) ~= "string" then
            nk = nk + 1; keys[nk] = k; all_strings = false
            a_list = a_list and math.type(k) == "integer" and k >= 1
            if a_list and k > top then top = k end
          elseif k:byte(1) ~= 95 then -- "_": the loader's own fields
            nk = nk + 1; keys[nk] = k; a_list = false
          end
        end
        -- (nk distinct integer keys, none below 1 nor above nk: exactly 1..nk)
        if a_list and top == nk then keys = text_order(nk)
        else table.sort(keys, not all_strings and by_text or nil) end
        h:put("{")
        for i = 1, nk do
          local k = keys[i]
          h:put(type(k) == "string" and k or tostring(k)); h:put("=")
          add(v[k], depth + 1)
          h:put(";")
        end
        h:put("}")
      end
      add(set, 1)
      return h:finish()
    end)
    rawset(set, "_fingerprint_job", job)
  end
  local ok, hash = coroutine.resume(job)
  if not ok then error(hash, 0) end
  if coroutine.status(job) ~= "dead" then return false end
  rawset(set, "_fingerprint", hash)
  rawset(set, "_fingerprint_job", nil)
  return true
end

function exam.fingerprint(set)
  while not exam.fingerprint_step(set) do end
  return rawget(set, "_fingerprint")
end

-- One slice (about 20 ms of CPU) of finishing the collector's current
-- cycle, in its smallest steps; true once a cycle has ended. For a big set
-- once it is ready (the flow runner calls it in the background): a cycle
-- started while the bank was built would otherwise end inside whichever
-- call comes next, and its last, indivisible phase re-marks whatever was
-- built while it ran (hundreds of ms for a bank of 100,000 questions).
function exam.collect_step()
  local t0 = os.clock()
  repeat
    if collectgarbage("step", 0) then return true end
  until os.clock() - t0 > 0.02
  return false
end

-- ---- a session's draw ----

-- Every question with its section, in set order.
function exam.all_questions(set)
  exam.complete(set)
  local out = {}
  for _, sec in ipairs(set.sections) do
    for _, q in ipairs(sec.questions) do out[#out + 1] = { q = q, section = sec } end
  end
  return out
end

-- The question with this id and its section (nil when the set has none),
-- through an index built once per set (set._by_id, set._section_of).
function exam.find(set, id)
  local by_id = rawget(set, "_by_id") or exam.index(set)
  local q = by_id[id]
  if q then return q, rawget(set, "_section_of")[id] end
end

-- One slice of the id index (about INDEX_SLICE questions), so a big set's
-- index is made in the background across several calls, as its hash is:
-- 100,000 questions in one call took 60-100 ms of the call's 250 on a quiet
-- machine and over 250 on a busy one. Returns true when the index is ready
-- (set._by_id, set._section_of and set._clocked are set only then).
local INDEX_SLICE = 10000

function exam.index_step(set)
  if rawget(set, "_by_id") then return true end
  exam.complete(set)
  local job = rawget(set, "_index_job")
  if not job then
    job = { si = 1, qi = 1, by_id = {}, section_of = {}, clocked = false }
    rawset(set, "_index_job", job)
  end
  local secs, by_id, section_of, budget = set.sections, job.by_id, job.section_of, INDEX_SLICE
  while job.si <= #secs do
    local sec = secs[job.si]
    local qs = sec.questions
    if sec.time_limit_s then job.clocked = true end
    for qi = job.qi, #qs do
      if budget == 0 then job.qi = qi; return false end
      budget = budget - 1
      local q = qs[qi]
      if by_id[q.id] == nil then by_id[q.id], section_of[q.id] = q, sec end
      if q.time_limit_s then job.clocked = true end
    end
    job.si, job.qi = job.si + 1, 1
  end
  rawset(set, "_clocked", job.clocked)
  rawset(set, "_by_id", by_id)
  rawset(set, "_section_of", section_of)
  rawset(set, "_index_job", nil)
  return true
end

-- Builds the id index now (exam.find does it on first use); returns it.
function exam.index(set)
  while not exam.index_step(set) do end
  return rawget(set, "_by_id")
end

-- Whether any question or section of the set has its own clock
-- (time_limit_s), found while the index is made.
function exam.clocked(set)
  exam.index(set)
  return rawget(set, "_clocked")
end

-- The questions of one session: pools drawn, orders shuffled, all from
-- seed, so the same seed always gives the same paper. Returns a list of
-- { id=, option_order = { "B", "A", ... } | nil, section = section id }.
function exam.draw(set, seed)
  exam.complete(set)
  local r = rng.new(seed)
  local paper = {}
  for _, sec in ipairs(set.sections) do
    local pool = sec.questions -- read only, unless drawn or shuffled (then a copy)
    if sec.draw or sec.shuffle or set.shuffle then
      pool = table.move(sec.questions, 1, #sec.questions, 1, {})
      r:shuffle(pool)
    end
    local n = sec.draw or #pool
    if sec.draw and not (sec.shuffle or set.shuffle) then
      -- Drawn but not shuffled: keep the written order of those drawn.
      local chosen = {}
      for i = 1, n do chosen[pool[i]] = true end
      pool = {}
      for _, q in ipairs(sec.questions) do if chosen[q] then pool[#pool + 1] = q end end
    end
    for i = 1, n do
      local q = pool[i]
      local entry = { id = q.id, section = sec.id }
      local shuffle_opts = q.shuffle_options
      if shuffle_opts == nil then shuffle_opts = sec.shuffle_options end
      if shuffle_opts == nil then shuffle_opts = set.shuffle_options end
      if shuffle_opts and q.options then
        local ids = {}
        for k, o in ipairs(exam.options(q)) do ids[k] = o.id end
        r:shuffle(ids)
        entry.option_order = ids
      end
      paper[#paper + 1] = entry
    end
  end
  return paper
end

-- ---- scoring ----

-- Whether a person scores q (an interviewer's rubric) rather than a rule.
function exam.person_scored(q, sec)
  return exam.type(q.type).person_scored == true or (q.scoring or (sec and sec.scoring)) == "rubric"
end

-- Whether response answers q (types say; by default anything given does).
function exam.answered(q, response)
  local t = exam.type(q.type)
  if t.answered then return t.answered(response) end
  return response ~= nil
end

-- Rubric points already given, as score_session's extra: { [qid] = { points = } }
-- from stored answers { [qid] = { points = } } (the questions a person scores only).
function exam.person_points(set, stored)
  local extra = {}
  for qid, a in pairs(stored) do
    local q, sec = exam.find(set, qid)
    if q and a.points ~= nil and exam.person_scored(q, sec) then extra[qid] = { points = a.points } end
  end
  return extra
end

function exam.max_points(q, sec)
  return q.points or (sec and sec.points) or 0
end

-- Scores one response. Returns points, max, correct (true/false/nil when
-- the question needs a person to score it).
function exam.score_question(q, sec, response, extra)
  local max = exam.max_points(q, sec)
  local rule = q.scoring or (sec and sec.scoring)
  local t = exam.type(q.type)
  if type(rule) == "function" then return rule(q, response, max, extra) end
  if rule then return scoring.rules[rule](q, response, max, extra, exam, sec) end
  return t.score(q, response, max, extra, exam, sec)
end

-- Scores a whole session from its responses ({ [question id] = response };
-- rubric scores for open questions come as extra[qid] = { points = n }).
-- paper (optional) limits scoring to the questions the session was given.
function exam.score_session(set, responses, paper, extra)
  exam.complete(set)
  extra = extra or {}
  local asked
  if paper then
    asked = {}
    for _, e in ipairs(paper) do asked[e.id] = true end
  end
  local result = { score = 0, max_score = 0, sections = {}, competencies = {}, per_question = {}, pending = 0,
                   pending_points = 0 }
  for _, sec in ipairs(set.sections) do
    local srow = { id = sec.id, title = sec.title, score = 0, max_score = 0 }
    for _, q in ipairs(sec.questions) do
      if not asked or asked[q.id] then
        local pts, max, correct = exam.score_question(q, sec, responses[q.id], extra[q.id])
        if pts == nil then result.pending, result.pending_points = result.pending + 1, result.pending_points + max end
        pts = pts or 0
        result.per_question[q.id] = { points = pts, max_points = max, correct = correct }
        srow.score = srow.score + pts
        srow.max_score = srow.max_score + max
        for _, c in ipairs(q.competencies or {}) do
          local key = exam.text(c)
          local row = result.competencies[key] or { score = 0, max_score = 0 }
          row.score, row.max_score = row.score + pts, row.max_score + max
          result.competencies[key] = row
        end
      end
    end
    result.sections[#result.sections + 1] = srow
    result.score = result.score + srow.score
    result.max_score = result.max_score + srow.max_score
  end
  if set.pass then
    local need = set.pass <= 1 and set.pass * result.max_score or set.pass
    result.pass_mark = need
    -- Answers waiting for a person (pending_points) decide only when they
    -- still could: already over the mark passes, out of reach fails.
    if result.score + 1e-9 >= need then result.passed = true
    elseif result.score + result.pending_points + 1e-9 < need then result.passed = false
    else result.passed = nil end
  end
  return result
end

return exam
