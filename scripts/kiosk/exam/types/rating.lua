-- kiosk.exam.types.rating — a rating scale (1..scale, default 5), e.g. a
-- self-assessment. Not right or wrong: scores points × rating / scale
-- unless the question says score = false (then it only records).
local M = { name = "rating", hint = "rating_hint" }

function M.validate(q, report)
  if q.scale ~= nil and (math.type(q.scale) ~= "integer" or q.scale < 2 or q.scale > 10) then
    report("scale must be a whole number from 2 to 10")
  end
end

function M.score(q, response, max)
  if q.score == false or type(response) ~= "number" then return 0, q.score == false and 0 or max, nil end
  return max * response / (q.scale or 5), max, nil
end

function M.widget(o)
  local ui = require "kiosk.ui"
  local q, lang, exam, response, on_change = o.question, o.lang, o.exam, o.response, o.on_change
  local row = { gap = "s" }
  local scale = q.scale or 5
  local buttons = {}
  for i = 1, scale do
    buttons[i] = ui.button { label = tostring(i), style = response == i and "primary" or "secondary", flex = 1,
      on_tap = function()
        for k, b in ipairs(buttons) do b.style = k == i and "primary" or "secondary" end
        on_change(i)
      end }
    row[#row + 1] = buttons[i]
  end
  local labels = q.labels and ui.row { ui.label { text = exam.text(q.labels[1], lang), size = "small", color = "muted", flex = 1 },
                                        ui.label { text = exam.text(q.labels[2], lang), size = "small", color = "muted" } }
  return ui.column { gap = "s", ui.row(row), labels }
end

function M.answered(response) return type(response) == "number" end

return M
