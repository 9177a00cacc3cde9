-- kiosk.import.aiken — Moodle's Aiken format: a question on one line, its
-- options "A. …" or "A) …" one per line, then "ANSWER: B". A blank line
-- between questions.
--   What does a receipt prove?
--   A. The price
--   B. The purchase
--   ANSWER: B
local text = require "kiosk.import.text"

local M = { name = "aiken", extensions = { "txt", "aiken" } }

function M.detect(src)
  if text.looks_binary(src.bytes) and src.ext ~= "docx" then return 0 end
  local head = src.bytes:sub(1, 65536)
  local n = 0
  for _ in head:gmatch("\nANSWER:%s*%a") do n = n + 1 end
  if head:match("^ANSWER:") then n = n + 1 end
  if n == 0 then return 0 end
  return src.ext == "aiken" and 1 or 0.85
end

function M.parse(src, out)
  local body, why = src:text()
  if not body then return out:skip(src.name, why) end
  local cur
  local function finish(where_end)
    if not cur then return end
    if not cur.answer then
      out:skip(cur.where, "no ANSWER: line" .. (where_end and (" before " .. where_end) or " (the file ends)"))
    else
      out:question { stem = cur.stem, options = cur.options, answer = cur.answer, where = cur.where,
                     type = "single" }
    end
    cur = nil
  end
  for i, raw in ipairs(text.lines(body)) do
    local line = text.trim(raw)
    local where = src.name .. ":" .. i
    if line == "" then
      if cur and cur.answer then finish() end
    else
      local ans = line:match("^ANSWER:%s*(.-)%s*$")
      local l, rest = line:match("^([A-Z])[%.%)]%s+(.*)$")
      if ans then
        if not cur then out:skip(where, "ANSWER: line without a question")
        else cur.answer = ans end
      elseif l and cur and not cur.answer then
        if l ~= string.char(65 + #cur.options) then
          out:warn(where, string.format("option %s where %s was expected", l, string.char(65 + #cur.options)))
        end
        cur.options[#cur.options + 1] = rest
      else
        if cur and #cur.options == 0 and not cur.answer then
          cur.stem = cur.stem .. "\n" .. line -- a stem over two lines
        else
          finish(where)
          cur = { stem = line, options = {}, where = where }
        end
      end
    end
  end
  finish()
end

return M
