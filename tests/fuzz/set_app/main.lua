-- The set-loader fuzz harness's app (tests/fuzz/fuzz_set.c): app.fuzz()
-- loads app.input as a question-set file and uses what comes out.
local exam = require "kiosk.exam"

local app = {}

function app.fuzz()
  local text = app.input or ""
  local mode, src = text:byte(1) or 0, text:sub(2)
  if mode % 2 == 1 then
    src = "local exam = require 'kiosk.exam'\nreturn exam.set {\n" .. src .. "\n}"
  end
  local chunk = load(src, "=questions.lua", "t")
  if not chunk then return end
  local ok, set = pcall(chunk)
  if not ok or type(set) ~= "table" or type(set.sections) ~= "table" then return end
  pcall(exam.fingerprint, set)
  pcall(exam.all_questions, set)
  local drawn, paper = pcall(exam.draw, set, #text)
  if drawn then pcall(exam.score_session, set, {}, paper) end
end

return app
