-- kiosk.exam.types.choice_common — checks and widgets shared by the choice
-- types (single, multiple, true/false).
local M = {}

function M.validate_options(q, report, exam, min)
  if type(q.options) ~= "table" or #q.options < (min or 2) then
    report("needs at least %d options", min or 2)
    return {}
  end
  -- Read as exam.options would give them, without keeping its tables: a
  -- bank of 100,000 questions must not carry 500,000 of them from load time.
  local ids = {}
  for i, o in ipairs(q.options) do
    local id, text
    if type(o) == "table" and o.id ~= nil then id, text = tostring(o.id), o.text
    else id, text = string.char(64 + i), o end
    if text == nil or exam.text(text) == "" then report("option %d has no text", i) end
    if ids[id] then report("two options have the id %s", id) end
    ids[id] = true
  end
  return ids
end

-- A choice list for o.question in the paper's option order (o: the type
-- widget's options table, see kiosk/exam/types/single.lua).
function M.widget(o, multi)
  local ui = require "kiosk.ui"
  local q, entry, lang, exam, response, on_change = o.question, o.entry, o.lang, o.exam, o.response, o.on_change
  local by_id, options = {}, {}
  for _, opt in ipairs(exam.options(q)) do by_id[opt.id] = opt end
  local order = entry and entry.option_order
  if not order then
    order = {}
    for i, opt in ipairs(exam.options(q)) do order[i] = opt.id end
  end
  -- Letters follow the screen order (options may be shuffled); ids stay the written ones.
  for i, id in ipairs(order) do
    options[i] = { id = id, text = exam.text(by_id[id].text, lang), letter = string.char(64 + i) }
  end
  local selected = multi and (response or {}) or (response and { response } or {})
  -- Checked (practice): the key gets ✓, a wrong pick ✗, and the list no longer takes taps.
  local marks
  if o.reveal and q.answer ~= nil then
    marks = {}
    local key = type(q.answer) == "table" and q.answer or { q.answer }
    for _, id in ipairs(key) do marks[id] = "right" end
    for _, id in ipairs(selected) do
      if not marks[id] then marks[id] = "wrong" end
    end
  end
  local list = ui.choice_list {
    multi = multi, options = options, selected = selected, style = o.style, dense = o.dense, marks = marks,
    enabled = marks == nil,
    label_of = function(o) return o.letter .. ". " .. o.text end,
    on_change = function(ids)
      if multi then on_change(ids) else on_change(ids[1]) end
    end,
  }
  return list
end

-- The right answer as this candidate saw it: letters in screen order
-- (options may have been shuffled), e.g. "A、C".
function M.key_text(q, entry, exam)
  local ids = type(q.answer) == "table" and q.answer or { q.answer }
  local place = {}
  for k, id in ipairs(entry and entry.option_order or {}) do place[id] = k end
  if not (entry and entry.option_order) then
    for k, opt in ipairs(exam.options(q)) do place[opt.id] = k end
  end
  local shown = {}
  for _, id in ipairs(ids) do shown[#shown + 1] = place[id] and string.char(64 + place[id]) or tostring(id) end
  table.sort(shown)
  return table.concat(shown, "、")
end

return M
