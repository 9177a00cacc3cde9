-- bank_test.lua — big-bank machinery without a screen: a set in parts
-- (exam.part) loads one part per step and is checked across its parts; the
-- content hash has the same bytes as the code before it (stored sessions'
-- hashes still match) whether made at once or in slices; the id index.
local text_of = {}
kiosk = { hash = function(s) text_of[#text_of + 1] = s return "h" .. #text_of end, -- keeps what was hashed
          content_text = content_text.text } -- the C writer of each question's text (qk_lua_runner opens it)
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

local function hashed_text(set)
  local before = #text_of
  exam.fingerprint(set)
  assert(#text_of == before + 1, "one piece: hashed once")
  return text_of[#text_of]
end

function T.test_fingerprint_bytes_are_unchanged_for_the_bundled_sets()
  for _, name in ipairs { "apps.cs_specialist.questions", "apps.cs_manager.questions", "apps.trade_fair.questions" } do
    local set = require(name)
    local want = old_text(set)
    assert(hashed_text(set) == want, name .. ": the content hash's text changed")
  end
end

function T.test_fingerprint_is_made_once_per_set()
  local set = require "apps.cs_specialist.questions"
  local before = #text_of
  local a, b = exam.fingerprint(set), exam.fingerprint(set)
  assert(a == b and #text_of == before, "memoised: no second hash")
end

function T.test_fingerprint_of_a_set_with_lists_longer_than_nine()
  local opts = {}
  for i = 1, 12 do opts[i] = "选项" .. i end
  local set = exam.set { id = "long", title = "t", exam.section { id = "s", points = 1,
    exam.multiple { id = "m", stem = "?", options = opts, answer = { "A", "L" } } } }
  assert(hashed_text(set) == old_text(set), "keys 10, 11, 12 sort as text, as before")
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
  -- Loaded in parts or at once: the same questions, the same hash text.
  local a, b = hashed_text(set), hashed_text(whole)
  assert(a == b, "same content")
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
  local before, steps = #text_of, 0
  while not exam.fingerprint_step(set) do steps = steps + 1 end
  assert(steps >= 2, "more than one slice: " .. steps) -- a slice: about 4000 questions
  local pieces = #text_of - before - 1
  assert(pieces >= 2, "hashed in pieces, never whole: " .. pieces)
  -- The pieces, joined, are the old text; the hash is of their hashes.
  local joined = table.concat(text_of, "", before + 1, #text_of - 1)
  assert(joined == old_text(set), "the pieces cover the whole text in order")
  assert(text_of[#text_of]:match("^pieces:h%d+,h%d+"), text_of[#text_of])
  assert(exam.fingerprint(set) == "h" .. #text_of)
end

return T
