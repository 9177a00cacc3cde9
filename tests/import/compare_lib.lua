-- What the seed round trips (compare_specialist.lua, compare_manager.lua)
-- share: a set's questions in paper order with their sections, and an
-- equality check that names what differs. roundtrip.sh copies it beside them.
local M = {}

function M.flat(set)
  local out = {}
  for _, sec in ipairs(set.sections) do
    for _, q in ipairs(sec.questions) do out[#out + 1] = { q = q, sec = sec } end
  end
  return out
end

function M.same(a, b, what)
  if type(a) == "table" and type(b) == "table" then
    if #a ~= #b then error(what .. ": " .. #a .. " items, want " .. #b, 2) end
    for i = 1, #a do if a[i] ~= b[i] then error(what .. "[" .. i .. "]: " .. tostring(a[i]) .. " ~= " .. tostring(b[i]), 2) end end
  elseif a ~= b then
    error(what .. ": got " .. tostring(a) .. ", want " .. tostring(b), 2)
  end
end

return M
