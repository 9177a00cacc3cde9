-- kiosk.import — question banks in, a kiosk question set out. Picks a
-- format module per file (scripts/kiosk/import/<name>.lua: the contract is
-- in README.md next to this file), runs it against a builder, checks what
-- came out (answers among the options, duplicate stems, points, the counts
-- the sections announce), and renders questions.lua. Nothing is dropped
-- silently: every skipped or doubtful item is in the result's skips/warnings
-- with its location.
--
--   local import = require "kiosk.import"
--   local r = import.run(files, { format = "auto", id = "my_exam" })
--   -- r.set (sections/questions), r.skips, r.warnings, r.summary
--   local lua_text = import.render(r)
local text = require "kiosk.import.text"

local M = {}

-- Every format, in the order auto-detection asks them (a tie goes to the
-- first). A module missing from this build (sheet and qti need importlib)
-- is left out of auto-detection and named when asked for.
M.formats = { "doc", "wjx", "gift", "aiken", "sheet", "qti" }

local loaded = {}
function M.format(name)
  if loaded[name] == nil then
    local ok, mod = pcall(require, "kiosk.import." .. name)
    loaded[name] = ok and type(mod) == "table" and mod or false
    if not ok then M.load_errors = M.load_errors or {}; M.load_errors[name] = mod end
  end
  return loaded[name] or nil
end

local TYPE_TITLE = { single = "单选题", multiple = "多选题", truefalse = "判断题", open = "问答题", rating = "评分题" }
local TYPE_PREFIX = { single = "s", multiple = "m", truefalse = "t", open = "o", rating = "r" }
local SECTION_ID = { single = "single", multiple = "multi", truefalse = "truefalse", open = "open", rating = "rating" }
M.type_title = TYPE_TITLE

-- ---- the builder a format module fills ----

local Builder = {}
Builder.__index = Builder

local function new_builder(src, result)
  return setmetatable({ src = src, result = result, current = nil, implicit = {} }, Builder)
end

function Builder:set(t)
  if type(t) ~= "table" then return end
  self.result.title = self.result.title or t.title
  self.result.set_id = self.result.set_id or t.id
end

function Builder:section(t)
  if type(t) ~= "table" then return end
  local sec = { title = t.title, type = t.type, points = tonumber(t.points), count = tonumber(t.count),
                where = t.where or self.src.name, instructions = t.instructions, questions = {}, skipped = 0,
                file = self.src.name, scoring = t.scoring }
  self.result.sections[#self.result.sections + 1] = sec
  self.current = sec
end

function Builder:question(q)
  if type(q) ~= "table" then return end
  q.where = q.where or self.src.name
  local sec = self.current
  if not sec then
    -- No heading: one section per question type, in order of appearance.
    local kind = q.type or "single"
    sec = self.implicit[kind]
    if not sec then
      sec = { title = TYPE_TITLE[kind] or kind, type = kind, questions = {}, skipped = 0, where = q.where,
              file = self.src.name, implicit = true }
      self.implicit[kind] = sec
      self.result.sections[#self.result.sections + 1] = sec
    end
  end
  sec.questions[#sec.questions + 1] = q
end

function Builder:skip(where, reason)
  if self.current then
    self.current.skipped = self.current.skipped + 1
    self.current.module_skips = (self.current.module_skips or 0) + 1 -- for the summary per type
  end
  self.result.skips[#self.result.skips + 1] = { where = where or self.src.name, reason = tostring(reason) }
end

function Builder:warn(where, reason)
  self.result.warnings[#self.result.warnings + 1] = { where = where or self.src.name, reason = tostring(reason) }
end

-- ---- detection ----

local function detect(src, wanted)
  if wanted and wanted ~= "auto" then
    local mod = M.format(wanted)
    if not mod then
      local why = M.load_errors and M.load_errors[wanted]
      return nil, "format '" .. wanted .. "' is not available in this build" .. (why and (" (" .. tostring(why):match("[^\n]*") .. ")") or "")
    end
    return mod
  end
  local best, best_score = nil, 0
  for _, name in ipairs(M.formats) do
    local mod = M.format(name)
    if mod and mod.detect then
      local ok, score = pcall(mod.detect, src)
      if ok and type(score) == "number" and score > best_score then best, best_score = mod, score end
    end
  end
  if not best or best_score < 0.2 then
    if text.looks_binary(src.bytes) then
      return nil, "binary data that no format here reads (not a document, 问卷星, GIFT, Aiken, sheet or QTI file)"
    end
    return nil, "cannot tell the format (not a document, 问卷星, GIFT, Aiken, sheet or QTI file); name it with --format"
  end
  return best
end

-- ---- checks and normalisation ----

local function letter_range(n) return n >= 1 and ("A–" .. string.char(64 + n)) or "none" end

-- A stem for duplicate comparison: no leading number, no spaces, half-width.
local function stem_key(s)
  local h = text.halfwidth(s):gsub("%s", "")
  h = h:gsub("^%(?%d+[%.%)]?", ""):gsub("^、", "")
  return h
end

local function as_text(v)
  if type(v) == "string" then return v end
  if type(v) == "number" then return tostring(v) end
  return nil
end

-- Checks one question; returns the cleaned question, or nil and a reason.
local function clean(q, sec, warn)
  local c = {}
  c.where = q.where
  c.stem = as_text(q.stem)
  if not c.stem or text.trim(c.stem) == "" then return nil, "no question text" end
  c.stem = text.trim(c.stem)
  local kind = q.type or sec.type
  local opts = {}
  for i, o in ipairs(type(q.options) == "table" and q.options or {}) do
    local s = as_text(type(o) == "table" and o.text or o)
    if not s or text.trim(s) == "" then return nil, string.format("option %s has no text", string.char(64 + i)) end
    opts[i] = text.trim(s)
  end
  local answer = q.answer
  if type(answer) == "string" then answer = text.trim(answer) end
  if kind == nil then
    if #opts >= 2 then
      local l = type(answer) == "table" and answer or (type(answer) == "string" and text.letters(answer))
      kind = (l and #l > 1) and "multiple" or "single"
    elseif type(answer) == "boolean" or (type(answer) == "string" and text.truth(answer) ~= nil) then
      kind = "truefalse"
    else
      kind = "open"
    end
  end
  if kind == "single" or kind == "multiple" then
    if #opts < 2 then
      return nil, #opts == 0 and "no options (a choice question needs at least two)" or "only one option"
    end
    if answer == nil or answer == "" then return nil, "no answer line" end
    local letters
    if type(answer) == "table" then
      letters = {}
      for _, a in ipairs(answer) do
        local l = text.letters(tostring(a))
        if not l or #l ~= 1 then return nil, "answer " .. text.quote(tostring(a)) .. " is not an option letter" end
        letters[#letters + 1] = l[1]
      end
    else
      letters = text.letters(tostring(answer))
      if not letters then return nil, "answer " .. text.quote(tostring(answer)) .. " is not option letters (like B or A、C)" end
    end
    if #letters == 0 then return nil, "no answer line" end
    for _, l in ipairs(letters) do
      if l:byte() - 64 > #opts then
        return nil, string.format("answer %s not among the options (%s)", l, letter_range(#opts))
      end
    end
    if kind == "single" and #letters > 1 then
      warn(q.where, string.format("answer %s has %d letters in a single-choice part: imported as multiple choice",
                                  table.concat(letters), #letters))
      kind = "multiple"
    end
    c.options = opts
    c.answer = kind == "single" and letters[1] or letters
  elseif kind == "truefalse" then
    local v = answer
    if type(v) ~= "boolean" then
      if v == nil or v == "" then return nil, "no answer line" end
      v = text.truth(tostring(answer))
      -- "A.正确 B.错误 答案:A": the letter names an option whose text says.
      local l = v == nil and #opts > 0 and text.letters(tostring(answer))
      if l and #l == 1 and opts[l[1]:byte() - 64] then v = text.truth(opts[l[1]:byte() - 64]) end
      if v == nil then
        return nil, "answer " .. text.quote(tostring(answer)) .. " is not true/false (对/错, 正确/错误, √/×, T/F)"
      end
    end
    c.answer = v
  elseif kind == "open" then
    c.reference = as_text(q.reference) or (type(answer) == "string" and answer ~= "" and answer or nil)
    if type(q.key_points) == "table" and #q.key_points > 0 then c.key_points = q.key_points end
    if type(q.keywords) == "table" and #q.keywords > 0 then c.keywords = q.keywords end
    if not c.reference and not c.key_points then return nil, "no reference answer (an open question needs one for the interviewer)" end
  elseif kind == "rating" then
    c.options = #opts > 0 and opts or nil
  else
    return nil, "unknown question type '" .. tostring(kind) .. "'"
  end
  c.type = kind
  c.explanation = as_text(q.explanation)
  if c.explanation then c.explanation = text.trim(c.explanation) end
  if c.explanation == "" then c.explanation = nil end
  if q.points ~= nil then
    local p = tonumber(q.points)
    if not p or p < 0 then return nil, "points " .. text.quote(tostring(q.points)) .. " is not a number of points" end
    c.points = p
  end
  if type(q.competencies) == "table" and #q.competencies > 0 then
    c.competencies = {}
    for _, v in ipairs(q.competencies) do c.competencies[#c.competencies + 1] = tostring(v) end
  end
  if type(q.option_points) == "table" and c.options then
    c.option_points = {}
    for k, v in pairs(q.option_points) do
      local l = text.letters(tostring(k))
      if not l or #l ~= 1 or l[1]:byte() - 64 > #c.options then
        return nil, "option_points names " .. text.quote(tostring(k)) .. ", not among the options (" .. letter_range(#c.options) .. ")"
      end
      if not tonumber(v) then return nil, "option_points of " .. l[1] .. " is not a number" end
      c.option_points[l[1]] = tonumber(v)
    end
    c.lower_bound, c.upper_bound = tonumber(q.lower_bound), tonumber(q.upper_bound)
  end
  c.id = type(q.id) == "string" and q.id:match("^[%w_%-]+$") and q.id or nil
  return c
end

-- ---- the whole run ----

-- files: list of { path=, name=, ext=, bytes= } (or error=); opts.format.
-- Returns the result: { title, set_id, sections = { { title, points, questions } },
-- skips = { {where, reason} }, warnings = {...}, files = { {name, format} }, summary }.
function M.run(files, opts)
  opts = opts or {}
  local result = { sections = {}, skips = {}, warnings = {}, files = {} }
  for _, src in ipairs(files) do
    if src.error then
      result.skips[#result.skips + 1] = { where = src.path, reason = "cannot read the file: " .. src.error }
    else
      src.text = function(self) return text.decode(self.bytes) end
      local mod, why = detect(src, opts.format)
      if not mod then
        result.skips[#result.skips + 1] = { where = src.name, reason = why }
      else
        result.files[#result.files + 1] = { name = src.name, format = mod.name }
        local out = new_builder(src, result)
        local ok, err = pcall(mod.parse, src, out)
        if not ok then
          result.skips[#result.skips + 1] = { where = src.name, reason = "cannot read it as " .. mod.name .. ": " .. tostring(err) }
        end
      end
    end
  end
  M.check(result)
  if not result.title and files[1] then result.title = (files[1].name or "questions"):gsub("%.[^.]*$", "") end
  return result
end

-- Normalises and checks every question of result (in place): bad ones move
-- to result.skips, doubtful ones get a warning, ids are given.
function M.check(result)
  local function warn(where, reason) result.warnings[#result.warnings + 1] = { where = where, reason = reason } end
  local seen_stem, used_ids, counters = {}, {}, {}
  local kept_sections, summary = {}, {}
  for _, sec in ipairs(result.sections) do
    local kept = {}
    for _, q in ipairs(sec.questions) do
      local c, why = clean(q, sec, warn)
      if c then
        local key = stem_key(c.stem)
        local first = seen_stem[key]
        if first then
          c, why = nil, string.format("duplicate stem of %s (%s)", first.id, first.where)
        else
          if c.id and used_ids[c.id] then c.id = nil end
          if not c.id then
            local prefix = TYPE_PREFIX[c.type] or "q"
            repeat
              counters[prefix] = (counters[prefix] or 0) + 1
              c.id = prefix .. counters[prefix]
            until not used_ids[c.id]
          end
          used_ids[c.id] = true
          seen_stem[key] = c
        end
      end
      if c then
        if c.points == nil and sec.points == nil then sec.default_points = true end
        kept[#kept + 1] = c
        local row = summary[c.type] or { imported = 0, skipped = 0 }
        row.imported = row.imported + 1
        summary[c.type] = row
      else
        sec.skipped = sec.skipped + 1
        result.skips[#result.skips + 1] = { where = q.where, reason = why }
        local kind = q.type or sec.type or "unknown"
        local row = summary[kind] or { imported = 0, skipped = 0 }
        row.skipped = row.skipped + 1
        summary[kind] = row
      end
    end
    if sec.module_skips then
      local kind = sec.type or "unknown"
      local row = summary[kind] or { imported = 0, skipped = 0 }
      row.skipped = row.skipped + sec.module_skips
      summary[kind] = row
    end
    local label = sec.title or TYPE_TITLE[sec.type] or "section"
    if sec.count and #kept + sec.skipped < sec.count then
      local missing = sec.count - #kept - sec.skipped
      result.skips[#result.skips + 1] = { where = sec.where, reason = string.format(
        "%s says %d questions, the file has %d: %d missing (the document ends early?)",
        label, sec.count, #kept + sec.skipped, missing) }
      local kind = sec.type or "unknown"
      local row = summary[kind] or { imported = 0, skipped = 0 }
      row.skipped = row.skipped + missing
      summary[kind] = row
    elseif sec.count and #kept + sec.skipped > sec.count then
      warn(sec.where, string.format("%s says %d questions, the file has %d", label, sec.count, #kept + sec.skipped))
    end
    if sec.default_points then
      warn(sec.where, string.format("%s: no points given, 1 point each", label))
      sec.points = 1
    end
    sec.questions = kept
    if #kept > 0 then kept_sections[#kept_sections + 1] = sec
    elseif #sec.questions == 0 and sec.skipped == 0 and not sec.count then
      warn(sec.where, label .. ": no questions under this heading")
    end
  end
  result.sections = kept_sections
  result.summary = summary
  return result
end

-- ---- questions.lua ----

-- A Lua string literal that stays readable: UTF-8 as is, only quotes,
-- backslashes and control characters escaped.
local function lit(s)
  return "\"" .. s:gsub("[%c\"\\]", function(c)
    if c == "\n" then return "\\n" elseif c == "\t" then return "\\t" elseif c == "\"" then return "\\\""
    elseif c == "\\" then return "\\\\" end
    return string.format("\\%03d", c:byte())
  end) .. "\""
end
M.lit = lit

local function list(items)
  local parts = {}
  for i, v in ipairs(items) do parts[i] = type(v) == "string" and lit(v) or tostring(v) end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

local function num(n)
  if math.type(n) == "integer" or (n == math.floor(n) and math.abs(n) < 2^53) then return string.format("%d", n) end
  return string.format("%.14g", n)
end

local CONSTRUCTOR = { single = "single", multiple = "multiple", truefalse = "truefalse", open = "open", rating = "rating" }

local function render_question(q, out)
  out[#out + 1] = "    -- " .. q.where:gsub("\n", " ")
  out[#out + 1] = string.format("    exam.%s { id = %s,", CONSTRUCTOR[q.type], lit(q.id))
  out[#out + 1] = "      stem = " .. lit(q.stem) .. ","
  if q.options and q.type ~= "truefalse" then
    out[#out + 1] = "      options = {"
    for _, o in ipairs(q.options) do out[#out + 1] = "        " .. lit(o) .. "," end
    out[#out + 1] = "      },"
  end
  if q.type == "single" then out[#out + 1] = "      answer = " .. lit(q.answer) .. ","
  elseif q.type == "multiple" then out[#out + 1] = "      answer = " .. list(q.answer) .. ","
  elseif q.type == "truefalse" then out[#out + 1] = "      answer = " .. tostring(q.answer) .. "," end
  if q.points then out[#out + 1] = "      points = " .. num(q.points) .. "," end
  if q.option_points then
    local keys = {}
    for k in pairs(q.option_points) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for i, k in ipairs(keys) do parts[i] = k .. " = " .. num(q.option_points[k]) end
    out[#out + 1] = "      option_points = { " .. table.concat(parts, ", ") .. " },"
    if q.lower_bound then out[#out + 1] = "      lower_bound = " .. num(q.lower_bound) .. "," end
    if q.upper_bound then out[#out + 1] = "      upper_bound = " .. num(q.upper_bound) .. "," end
    out[#out + 1] = "      scoring = mapped,"
  end
  if q.competencies then out[#out + 1] = "      competencies = " .. list(q.competencies) .. "," end
  if q.explanation then out[#out + 1] = "      explanation = " .. lit(q.explanation) .. "," end
  if q.reference then out[#out + 1] = "      reference = " .. lit(q.reference) .. "," end
  if q.key_points then
    out[#out + 1] = "      key_points = {"
    for _, k in ipairs(q.key_points) do out[#out + 1] = "        " .. lit(k) .. "," end
    out[#out + 1] = "      },"
  end
  if q.keywords then out[#out + 1] = "      keywords = " .. list(q.keywords) .. "," end
  out[#out + 1] = "    },"
  out[#out + 1] = ""
end

-- An identifier for the set from a folder or file name.
function M.make_id(s)
  s = (s or ""):gsub("/+$", ""):match("([^/]*)$"):gsub("%.[^.]*$", ""):gsub("[^%w_]", "_")
  if s == "" or s:match("^%d") then s = "imported" .. s end
  return s
end

-- The questions.lua text for result.
function M.render(result, opts)
  opts = opts or {}
  local out = {}
  local names = {}
  for _, f in ipairs(result.files) do names[#names + 1] = f.name .. " (" .. f.format .. ")" end
  local nq, total = 0, 0
  for _, sec in ipairs(result.sections) do
    for _, q in ipairs(sec.questions) do nq, total = nq + 1, total + (q.points or sec.points or 0) end
  end
  out[#out + 1] = "-- " .. (result.title or "Imported questions"):gsub("\n", " ")
  out[#out + 1] = "-- Imported by `quizkiosk import` from " .. table.concat(names, ", ") .. "."
  out[#out + 1] = string.format("-- %d questions in %d sections, %s points. %d item(s) were skipped and %d warned about:",
                                nq, #result.sections, num(total), #result.skips, #result.warnings)
  out[#out + 1] = "-- the import report lists them. Each question's comment says where it came from."
  out[#out + 1] = "-- Check after editing: quizkiosk check APP_DIR"
  out[#out + 1] = "local exam = require \"kiosk.exam\""
  local need_mapped = false
  for _, sec in ipairs(result.sections) do
    for _, q in ipairs(sec.questions) do if q.option_points then need_mapped = true end end
  end
  if need_mapped then out[#out + 1] = "local mapped = require \"kiosk.import.mapped\" -- each option's own points" end
  out[#out + 1] = ""
  out[#out + 1] = "return exam.set {"
  out[#out + 1] = "  id = " .. lit(opts.id or result.set_id or M.make_id(result.title)) .. ","
  out[#out + 1] = "  title = " .. lit(result.title or "Imported questions") .. ","
  out[#out + 1] = "  pass = " .. num(opts.pass or 0.6) .. ", -- 60% of the points"
  out[#out + 1] = ""
  local sec_ids = {}
  for _, sec in ipairs(result.sections) do
    local base = SECTION_ID[sec.type] or "part"
    local sid, n = base, 1
    while sec_ids[sid] do n = n + 1; sid = base .. n end
    sec_ids[sid] = true
    out[#out + 1] = "  -- " .. sec.where
    out[#out + 1] = "  exam.section {"
    local title = sec.title or TYPE_TITLE[sec.type] or sid
    out[#out + 1] = string.format("    id = %s, title = %s,%s", lit(sid), lit(title),
                                  sec.points and (" points = " .. num(sec.points) .. ",") or "")
    if sec.scoring then out[#out + 1] = "    scoring = " .. lit(sec.scoring) .. "," end
    if sec.instructions then out[#out + 1] = "    instructions = " .. lit(sec.instructions) .. "," end
    out[#out + 1] = ""
    for _, q in ipairs(sec.questions) do render_question(q, out) end
    out[#out + 1] = "  },"
    out[#out + 1] = ""
  end
  out[#out + 1] = "}"
  return table.concat(out, "\n") .. "\n"
end

-- ---- the report ----

-- Lines for the trainer: every skip and warning with its location, then a
-- summary per type.
function M.report(result)
  local lines = {}
  for _, f in ipairs(result.files) do lines[#lines + 1] = "read " .. f.name .. " as " .. f.format end
  for _, s in ipairs(result.skips) do lines[#lines + 1] = s.where .. ": skipped: " .. s.reason end
  for _, w in ipairs(result.warnings) do lines[#lines + 1] = w.where .. ": warning: " .. w.reason end
  local kinds = {}
  for k in pairs(result.summary or {}) do kinds[#kinds + 1] = k end
  table.sort(kinds)
  local ti, ts = 0, 0
  for _, k in ipairs(kinds) do
    local row = result.summary[k]
    lines[#lines + 1] = string.format("%-10s %4d imported, %4d skipped", k, row.imported, row.skipped)
    ti, ts = ti + row.imported, ts + row.skipped
  end
  lines[#lines + 1] = string.format("total      %4d imported, %4d skipped questions; %d problem(s) listed, %d warning(s)",
                                    ti, ts, #result.skips, #result.warnings)
  return lines
end

return M
