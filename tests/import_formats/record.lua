-- record.lua — a recording `out` builder for the format-module tests: keeps
-- every call so a test can look at what a module produced.
local M = {}

function M.new()
  local r = { sections = {}, questions = {}, skips = {}, warns = {} }
  function r:set(t) self.set_args = t end
  function r:section(t) self.sections[#self.sections + 1] = t end
  function r:question(q)
    assert(type(q.where) == "string" and q.where ~= "", "question without where")
    self.questions[#self.questions + 1] = q
  end
  function r:skip(where, reason) self.skips[#self.skips + 1] = { where = where, reason = reason } end
  function r:warn(where, reason) self.warns[#self.warns + 1] = { where = where, reason = reason } end
  -- the first skip/warn whose where and reason contain the given texts
  local function find(list, where, reason)
    for _, s in ipairs(list) do
      if s.where:find(where, 1, true) and s.reason:find(reason, 1, true) then return s end
    end
  end
  function r:skipped(where, reason) return find(self.skips, where, reason) end
  function r:warned(where, reason) return find(self.warns, where, reason) end
  function r:dump()
    local lines = {}
    for _, s in ipairs(self.skips) do lines[#lines + 1] = "skip " .. s.where .. ": " .. s.reason end
    for _, s in ipairs(self.warns) do lines[#lines + 1] = "warn " .. s.where .. ": " .. s.reason end
    return table.concat(lines, "\n")
  end
  return r
end

-- Runs module mod on fixture name; returns the recorder.
function M.run(mod, name)
  local src = fixture.load(name)
  local out = M.new()
  mod.parse(src, out)
  return out, src
end

function M.eq(a, b, what)
  if a ~= b then error((what or "value") .. ": expected " .. tostring(b) .. ", got " .. tostring(a), 2) end
end

return M
