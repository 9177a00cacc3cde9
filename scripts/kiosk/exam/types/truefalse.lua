-- kiosk.exam.types.truefalse — true/false: answer = true or false.
-- Shown as two options (对 / 错); the response is "T" or "F".
local common = require "kiosk.exam.types.choice_common"

local function options(q)
  q.options = q.options or { { id = "T", text = { zh = "正确", en = "True" } }, { id = "F", text = { zh = "错误", en = "False" } } }
end

return {
  name = "truefalse",
  one_tap = true,
  has_key = true,
  hint = "truefalse_hint",
  validate = function(q, report)
    options(q) -- set at load time, so the set's content hash never changes later
    if type(q.answer) ~= "boolean" then report("answer must be true or false") end
  end,
  score = function(q, response, max)
    if response == nil then return 0, max, false end
    local correct = (response == "T") == q.answer
    return correct and max or 0, max, correct
  end,
  widget = function(o)
    options(o.question)
    return common.widget(o, false)
  end,
  key_text = function(q, entry, exam, lang)
    return exam.text(q.answer and { zh = "正确", en = "True" } or { zh = "错误", en = "False" }, lang)
  end,
  answered = function(response) return response ~= nil end,
}
