-- kiosk.exam.types.single — single choice: answer = "B".
local common = require "kiosk.exam.types.choice_common"
local scoring = require "kiosk.exam.scoring"

return {
  name = "single",
  validate = function(q, report, exam)
    local ids = common.validate_options(q, report, exam)
    if q.answer == nil then report("missing answer")
    elseif type(q.answer) ~= "string" then report("answer must be one option id, like \"B\"")
    elseif not ids[q.answer] then report("answer %s is not among the options", tostring(q.answer)) end
  end,
  score = scoring.rules.full_or_zero,
  widget = function(q, entry, lang, exam, response, on_change, style)
    return common.widget(q, entry, lang, exam, false, response, on_change, style)
  end,
  answered = function(response) return response ~= nil end,
}
