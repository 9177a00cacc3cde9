-- kiosk.import.check — `quizkiosk check APP_DIR`: loads the app's
-- questions.lua as the kiosk would (kiosk.exam's own loader and checks) and
-- lists every problem with file:line and question id, plus what the loader
-- lets through but a trainer wants to hear about (the same stem twice).
-- main.lua is compiled (not run) so a syntax error shows here too.
local exam = require "kiosk.exam"
local text = require "kiosk.import.text"

local M = {}

-- Loads set source code as if it were chunkname. Returns the set (or nil),
-- the list of errors and the list of warnings.
function M.source(code, chunkname)
  local errors, warnings = {}, {}
  local fn, err = load(code, "@" .. chunkname, "t")
  if not fn then
    errors[1] = err
    return nil, errors, warnings
  end
  -- exam.set raises one error listing every problem; take the list itself
  -- instead (exam.set calls exam.check through the module table).
  local real_check = exam.check
  local captured
  exam.check = function(set)
    local ok, problems = real_check(set)
    captured = { set = set, problems = problems or {} }
    return set
  end
  local ok, set = pcall(fn)
  exam.check = real_check
  if not ok then
    errors[#errors + 1] = tostring(set)
    return nil, errors, warnings
  end
  if not captured then
    -- Not built with exam.set: check the table it returned.
    local _, problems = real_check(set)
    captured = { set = set, problems = problems or {} }
  end
  for _, p in ipairs(captured.problems) do errors[#errors + 1] = p end
  set = captured.set
  if type(set) == "table" and type(set.sections) == "table" then
    local stems = {}
    for _, sec in ipairs(set.sections) do
      for _, q in ipairs(type(sec.questions) == "table" and sec.questions or {}) do
        if type(q) == "table" and type(q.stem) == "string" then
          local key = text.halfwidth(q.stem):gsub("%s", ""):gsub("^%(?%d+[%.%)]?", ""):gsub("^、", "")
          local first = stems[key]
          if first then
            warnings[#warnings + 1] = string.format("%s: question %s: the same stem as question %s (%s)",
                                                    q._where or "?", tostring(q.id), tostring(first.id), first._where or "?")
          else
            stems[key] = q
          end
        end
      end
    end
  end
  return (#errors == 0) and set or nil, errors, warnings
end

-- Counts for the closing line.
function M.counts(set)
  local nq, pts = 0, 0
  for _, sec in ipairs(set.sections) do
    for _, q in ipairs(sec.questions) do nq, pts = nq + 1, pts + exam.max_points(q, sec) end
  end
  return nq, #set.sections, pts
end

return M
