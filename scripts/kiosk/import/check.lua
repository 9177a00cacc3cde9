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
-- The environment the set runs in: the usual globals, with a require that
-- also finds the app's own modules (questions.lua may require a file next
-- to it) through read_app(name) -> code, as the kiosk would.
local function app_env(read_app, dir)
  local cache = {}
  local env = setmetatable({}, { __index = _G })
  env.require = function(name)
    if cache[name] ~= nil then return cache[name] end
    if read_app and type(name) == "string" and name:match("^[%w_]+$") then
      local code = read_app(name .. ".lua")
      if code then
        local fn, err = load(code, "@" .. dir .. "/" .. name .. ".lua", "t", env)
        if not fn then error(err, 0) end
        local v = fn(name)
        if v == nil then v = true end
        cache[name] = v
        return v
      end
    end
    return require(name)
  end
  return env
end

-- read_app (optional): function(name) -> the app folder's file name's code.
function M.source(code, chunkname, read_app)
  local errors, warnings = {}, {}
  local fn, err = load(code, "@" .. chunkname, "t", app_env(read_app, chunkname:match("^(.*)/[^/]*$") or "."))
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
