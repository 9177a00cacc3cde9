-- kiosk.exam.types.choice_common — checks and widgets shared by the choice
-- types (single, multiple, true/false).
local M = {}

function M.validate_options(q, report, exam, min)
  if type(q.options) ~= "table" or #q.options < (min or 2) then
    report("needs at least %d options", min or 2)
    return {}
  end
  local ids = {}
  for i, o in ipairs(exam.options(q)) do
    if o.text == nil or exam.text(o.text) == "" then report("option %d has no text", i) end
    if ids[o.id] then report("two options have the id %s", o.id) end
    ids[o.id] = true
  end
  return ids
end

-- A choice list for question q in the paper's option order.
function M.widget(q, entry, lang, exam, multi, response, on_change, style)
  local ui = require "kiosk.ui"
  local by_id, options = {}, {}
  for _, o in ipairs(exam.options(q)) do by_id[o.id] = o end
  local order = entry and entry.option_order
  if not order then
    order = {}
    for i, o in ipairs(exam.options(q)) do order[i] = o.id end
  end
  -- Letters follow the screen order (options may be shuffled); ids stay the written ones.
  for i, id in ipairs(order) do
    local o = by_id[id]
    options[i] = { id = id, text = exam.text(o.text, lang), letter = string.char(64 + i) }
  end
  local selected = multi and (response or {}) or (response and { response } or {})
  local list = ui.choice_list {
    multi = multi, options = options, selected = selected, style = style,
    label_of = function(o) return o.letter .. ". " .. o.text end,
    on_change = function(ids)
      if multi then on_change(ids) else on_change(ids[1]) end
    end,
  }
  return list
end

return M
