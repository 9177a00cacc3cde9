-- kiosk.exam.types.multiple — multiple choice: answer = { "A", "C" }.
-- Default scoring all_or_nothing; sections may choose partial or per_option.
local common = require "kiosk.exam.types.choice_common"
local scoring = require "kiosk.exam.scoring"

return {
  name = "multiple",
  has_key = true,
  several = true,
  hint = "multiple_hint",
  validate = function(q, report, exam)
    local ids = common.validate_options(q, report, exam)
    if q.answer == nil then report("missing answer")
    elseif type(q.answer) ~= "table" or #q.answer == 0 then report("answer must be a list of option ids, like { \"A\", \"C\" }")
    else
      for _, id in ipairs(q.answer) do
        if not ids[id] then report("answer %s is not among the options", tostring(id)) end
      end
    end
  end,
  score = scoring.rules.all_or_nothing,
  widget = function(o) return common.widget(o, true) end,
  key_text = common.key_text,
  answered = function(response) return type(response) == "table" and #response > 0 end,
}
