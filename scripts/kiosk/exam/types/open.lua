-- kiosk.exam.types.open — an open answer typed by the candidate (or given
-- aloud in an interview), scored by an interviewer on a rubric:
--   exam.open { id =, stem =, reference = "…", key_points = { "…", "…" }, keywords = { "…" } }
-- The response is the typed text. Scoring comes from the rubric (extra.points);
-- suggest() counts keywords as a hint for the interviewer, never as the score.
local M = { name = "open", free_text = true, keyboard = "text", person_scored = true, hint = "open_hint" }

function M.validate(q, report, exam)
  if q.key_points ~= nil and type(q.key_points) ~= "table" then report("key_points must be a list") end
  if q.reference == nil and q.key_points == nil then report("an open question needs a reference answer or key points") end
  if q.answer ~= nil then report("open questions have no answer key (use reference and key_points)") end
end

function M.score(q, response, max, extra)
  if extra and extra.points then return math.max(0, math.min(max, extra.points)), max, nil end
  return nil, max, nil -- waits for the interviewer
end

-- Keyword matches in the typed text: { hits = n, of = m, words = {...} }.
function M.suggest(q, response)
  local words = q.keywords or {}
  local hits, found = 0, {}
  if type(response) == "string" then
    for _, w in ipairs(words) do
      if response:find(w, 1, true) then hits = hits + 1; found[#found + 1] = w end
    end
  end
  return { hits = hits, of = #words, words = found }
end

function M.widget(o)
  local ui = require "kiosk.ui"
  local q, lang, response, on_change = o.question, o.lang, o.response, o.on_change
  local max_len = q.max_len or 2000
  -- How much is written, and how much may be: under the field, on the right.
  local function count_text(value)
    local n = utf8.len(value or "") or #(value or "")
    return string.format(lang == "en" and "%d / %d characters" or "%d / %d 字", n, max_len)
  end
  local counter = ui.label { text = count_text(response), size = "small", color = "muted", align = "right" }
  local field = ui.text_field { label = "回答", placeholder = lang == "en" and "Type your answer" or "请输入你的回答",
                                value = response or "", lines = q.lines or ((o.short or o.dense) and 2 or 5),
                                max_len = max_len, on_change = function(value, ...)
                                  counter:set_text(count_text(value))
                                  if on_change then return on_change(value, ...) end
                                end }
  -- widget.counter: a screen may show the counter elsewhere (the quiz puts
  -- it beside the stem's note, where the keyboard never hides it).
  local widget = ui.column { gap = "xs", field, counter }
  widget.counter = counter
  return widget, field
end

function M.answered(response) return type(response) == "string" and response ~= "" end

return M
