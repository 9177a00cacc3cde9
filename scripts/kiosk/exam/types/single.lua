-- kiosk.exam.types.single — single choice: answer = "B".
-- Every type is a table of capabilities and functions (missing ones are off):
--   name       its name (exam.<name>{...} builds one)
--   one_tap    one tap can be the whole answer (first-tap modes use it)
--   has_key    it has a right answer to check and reveal (practice, feedback)
--   free_text  the answer is typed (saved a moment after the last key),
--   keyboard   on this on-screen keyboard: "text" (the kiosk's input methods) or "digits"
--   person_scored  an interviewer scores it on the rubric (open answers)
--   hint       a strings key or text shown under the stem ("单选")
--   several    more than one answer may be picked (the screen stresses the hint)
--   validate(q, report, exam)          report(fmt, ...) for each problem at load time
--   score(q, response, max, extra, exam) -> points, max, correct (nil: a person scores it)
--   answered(response) -> whether the question counts as answered
--   key_text(q, entry, exam, lang) -> the right answer as shown (for feedback)
--   widget(o) -> the answer widget [, the text field a keyboard types into];
--              o = { question, entry (the paper's entry: option_order), lang, exam,
--              response, on_change = function(response), style (e.g. "tiles"),
--              dense (a short screen: tighter spacing), short (a very short one, 800x480),
--              reveal (checked in a mode that reveals the key: mark right and wrong) }
local common = require "kiosk.exam.types.choice_common"
local scoring = require "kiosk.exam.scoring"

return {
  name = "single",
  one_tap = true,
  has_key = true,
  hint = "single_hint",
  validate = function(q, report, exam)
    local ids = common.validate_options(q, report, exam)
    if q.answer == nil then report("missing answer")
    elseif type(q.answer) ~= "string" then report("answer must be one option id, like \"B\"")
    elseif not ids[q.answer] then report("answer %s is not among the options", tostring(q.answer)) end
  end,
  score = scoring.rules.full_or_zero,
  widget = function(o) return common.widget(o, false) end,
  key_text = common.key_text,
  answered = function(response) return response ~= nil end,
}
