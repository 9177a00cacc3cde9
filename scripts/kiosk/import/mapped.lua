-- kiosk.import.mapped — the scoring rule of imported questions that give
-- each option its own points (QTI map_response, a sheet's per-option
-- points): the points of the chosen options added up, kept between
-- lower_bound and upper_bound (when given) and between 0 and the
-- question's points. In questions.lua:
--   exam.multiple { …, option_points = { A = 2, B = 1, C = -1 }, lower_bound = 0,
--                   scoring = require "kiosk.import.mapped" }
return function(q, response, max)
  if response == nil then return 0, max, false end
  local chosen = type(response) == "table" and response or { response }
  local pts, seen = 0, {}
  for _, id in ipairs(chosen) do
    if not seen[id] then
      seen[id] = true
      pts = pts + ((q.option_points or {})[id] or 0)
    end
  end
  if q.lower_bound and pts < q.lower_bound then pts = q.lower_bound end
  if q.upper_bound and pts > q.upper_bound then pts = q.upper_bound end
  if pts < 0 then pts = 0 end
  if pts > max then pts = max end
  return pts, max, pts >= max
end
