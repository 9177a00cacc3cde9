-- kiosk.exam.rng — a small deterministic random generator (xorshift32), so
-- a session's draw is fully given by its recorded seed and replays exactly.
local M = {}
local R = {}
R.__index = R

function M.new(seed)
  local s = math.tointeger(seed) or math.floor(tonumber(seed) or 1)
  s = s & 0xFFFFFFFF
  if s == 0 then s = 0x9E3779B9 end
  return setmetatable({ state = s }, R)
end

-- Next 32-bit value.
function R:next()
  local x = self.state
  x = x ~ ((x << 13) & 0xFFFFFFFF)
  x = x ~ (x >> 17)
  x = x ~ ((x << 5) & 0xFFFFFFFF)
  self.state = x
  return x
end

-- Integer in 1..n.
function R:int(n) return self:next() % n + 1 end

-- Fisher-Yates, in place.
function R:shuffle(t)
  for i = #t, 2, -1 do
    local j = self:int(i)
    t[i], t[j] = t[j], t[i]
  end
  return t
end

return M
