-- bank_test.lua — big-bank machinery without a screen: a set in parts
-- (exam.part) loads one part per step and is checked across its parts; the
-- content hash has the same value as the code before it (stored sessions'
-- hashes still match) whether made at once or in slices; the id index.
kiosk = { content_hasher = content_text.hasher } -- the C content hasher (qk_lua_runner opens it)
local exam = require "kiosk.exam"
local T = {}

-- The content hash's text exactly as the code before this one made it
-- (kiosk/exam/init.lua at e196dae), to compare bytes.
local function old_text(set)
  local parts = {}
  local function add(v)
    if type(v) == "table" then
      local keys = {}
      for k in pairs(v) do if type(k) ~= "string" or k:sub(1, 1) ~= "_" then keys[#keys + 1] = k end end
      table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      parts[#parts + 1] = "{"
      for _, k in ipairs(keys) do
        parts[#parts + 1] = tostring(k) .. "="
        add(v[k])
        parts[#parts + 1] = ";"
      end
      parts[#parts + 1] = "}"
    elseif type(v) ~= "function" then
      parts[#parts + 1] = tostring(v)
    end
  end
  add(set)
  return table.concat(parts)
end

-- SHA-256 of text as hex, what kiosk.hash(text) gives (one piece).
local function sha(text)
  local h = content_text.hasher()
  h:put(text)
  return h:finish()
end

-- The hash the code before this one stored for set: kiosk.hash of its text.
local function old_hash(set) return sha(old_text(set)) end

function T.test_the_hasher_is_sha256_of_the_text()
  local abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" -- FIPS 180-2's example
  assert(sha("abc") == abc, sha("abc"))
  local h = content_text.hasher()
  h:put("a"); h:put("bc")
  assert(h:finish() == abc, "parts joined")
  local ok, err = pcall(h.put, h, "x")
  assert(not ok and err:find("already finished", 1, true), tostring(err))
  -- A table's text through h:add is what kiosk.content_text writes.
  local t = { b = { 1, 2, x = "y" }, a = "z", _own = "left out" }
  h = content_text.hasher()
  h:add(t)
  assert(h:finish() == sha((content_text.text(t))))
end

function T.test_fingerprint_bytes_are_unchanged_for_the_bundled_sets()
  for _, name in ipairs { "apps.cs_specialist.questions", "apps.cs_manager.questions", "apps.trade_fair.questions" } do
    local set = require(name)
    assert(exam.fingerprint(set) == old_hash(set), name .. ": the content hash changed")
  end
end

function T.test_fingerprint_is_made_once_per_set()
  local set = require "apps.cs_specialist.questions"
  local a = exam.fingerprint(set)
  local title = set.title
  set.title = "changed" -- not seen: the hash is kept, not made again
  local b = exam.fingerprint(set)
  set.title = title
  assert(a == b and rawget(set, "_fingerprint") == a, "memoised: no second hash")
end

function T.test_fingerprint_of_a_set_with_lists_longer_than_nine()
  local opts = {}
  for i = 1, 12 do opts[i] = "选项" .. i end
  local set = exam.set { id = "long", title = "t", exam.section { id = "s", points = 1,
    exam.multiple { id = "m", stem = "?", options = opts, answer = { "A", "L" } } } }
  assert(exam.fingerprint(set) == old_hash(set), "keys 10, 11, 12 sort as text, as before")
end

function T.test_parts_load_one_step_at_a_time()
  local set = exam.set { id = "bank", title = "题库", exam.part "bank.part1", exam.part "bank.part2" }
  assert(exam.loading(set))
  assert(exam.load_step(set) == false and exam.loading(set), "one part")
  assert(#set.sections == 2 and set.sections[1].id == "p1")
  assert(exam.load_step(set) == false, "the second part")
  assert(exam.load_step(set) == true and not exam.loading(set), "checked, complete")
  assert(#set.sections == 3 and set.sections[3].id == "p3")
  local q, sec = exam.find(set, "d")
  assert(q.id == "d" and sec.id == "p3")
  assert(#exam.draw(set, 1) == 4)
end

function T.test_anything_that_needs_the_questions_completes_the_set()
  local set = exam.set { id = "bank", title = "题库", exam.part "bank.part1", exam.part "bank.part2" }
  local q = exam.find(set, "c")
  assert(q and q.type == "multiple" and not exam.loading(set))
  local whole = exam.set { id = "bank", title = "题库", require "bank.part1", table.unpack(require "bank.part2") }
  -- Loaded in parts or at once: the same questions, the same hash.
  local a, b = exam.fingerprint(set), exam.fingerprint(whole)
  assert(a == b and a == old_hash(whole), "same content")
end

function T.test_problems_in_parts_are_reported_together_with_their_lines()
  local set = exam.set { id = "bank", title = "题库", exam.part "bank.part1", exam.part "bank.broken" }
  local ok, err = pcall(exam.complete, set)
  assert(not ok)
  assert(err:find("2 problem", 1, true), err)
  assert(err:find("bank/broken.lua:4: question a: answer C is not among the options", 1, true), err)
  assert(err:find("question a: duplicate id (also at", 1, true), err)
end

function T.test_a_part_that_returns_nothing_useful()
  local set = exam.set { id = "bank", title = "题库", exam.part "kiosk.exam.rng" }
  local ok, err = pcall(exam.complete, set)
  assert(not ok and err:find("must return exam.section", 1, true), tostring(err))
end

function T.test_a_big_set_is_hashed_in_pieces_across_steps()
  -- Plain tables (what the constructors leave, without the loader's checks):
  -- the hash is all this test is about.
  local questions = {}
  for i = 1, 9000 do
    questions[i] = { type = "single", id = "q" .. i, stem = "题" .. i, options = { "a", "b", "c", "d" }, answer = "A" }
  end
  local set = { id = "big", title = "大", sections = { { id = "s", points = 1, questions = questions } } }
  local steps = 0
  while not exam.fingerprint_step(set) do steps = steps + 1 end
  assert(steps >= 2, "more than one slice: " .. steps) -- a slice: about 4000 questions
  -- What the code before stored: the text cut into pieces of 200,000
  -- parts where a table starts, and the hash of the pieces' hashes.
  local pieces, parts, count = {}, {}, 0
  local function cut() pieces[#pieces + 1] = table.concat(parts); parts, count = {}, 0 end
  local function put(x) parts[#parts + 1] = x; count = count + 1 end
  local function add(v)
    if type(v) ~= "table" then
      if type(v) ~= "function" then put(tostring(v)) end
      return
    end
    if count >= 200000 then cut() end
    local keys = {}
    for k in pairs(v) do if type(k) ~= "string" or k:sub(1, 1) ~= "_" then keys[#keys + 1] = k end end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    put("{")
    for _, k in ipairs(keys) do put(tostring(k)); put("="); add(v[k]); put(";") end
    put("}")
  end
  add(set)
  cut()
  assert(#pieces >= 2, "a text of several pieces: " .. #pieces)
  assert(table.concat(pieces) == old_text(set), "the pieces cover the whole text in order")
  local hashes = {}
  for i, p in ipairs(pieces) do hashes[i] = sha(p) end
  assert(exam.fingerprint(set) == sha("pieces:" .. table.concat(hashes, ",")), "the hash of the pieces' hashes")
end

-- A set of more than 2,000 questions in one file is built in its file's
-- call and checked after, in slices (exam.load_step), with every problem
-- reported together as ever; the id index is made in slices too.
local function big_inline(n, broken)
  local qs = {}
  for i = 1, n do
    qs[i] = exam.single { id = "q" .. i, stem = "第" .. i .. "题", options = { "甲", "乙" }, answer = "A" }
  end
  if broken then
    qs[n - 1].stem = nil                          -- in the last slice
    qs[n] = exam.single { id = "q1", stem = "重复", options = { "甲", "乙" }, answer = "A" } -- q1 again
  end
  return exam.set { id = "big", title = "大题库", exam.section { id = "s", points = 1, table.unpack(qs) } }
end

function T.test_a_big_set_in_one_file_is_checked_in_slices()
  local set = big_inline(12500)
  assert(exam.loading(set), "not checked in its file's call")
  local steps = 1
  while not exam.load_step(set) do steps = steps + 1 end
  assert(steps == 7, "12,500 questions in slices of 2,000: " .. steps)
  assert(not exam.loading(set))
  local small = exam.set { id = "small", title = "小题库", exam.section { id = "s", points = 1,
    exam.single { id = "a", stem = "一", options = { "甲", "乙" }, answer = "A" } } }
  assert(not exam.loading(small), "a small set is checked at once")
  local n = 0
  while not exam.index_step(set) do n = n + 1 end
  assert(n == 1 and exam.find(set, "q12500").stem == "第12500题", "the index in slices of 10,000: " .. n)
end

function T.test_problems_of_a_big_set_in_one_file_are_reported_together()
  local set = big_inline(4500, true)
  local ok, err = pcall(exam.complete, set)
  assert(not ok)
  assert(err:find("2 problem", 1, true), err)
  assert(err:find("question q4499: the question has no stem", 1, true), err)
  assert(err:find("question q1: duplicate id (also at", 1, true), err)
end

return T
