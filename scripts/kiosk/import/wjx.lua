-- kiosk.import.wjx — 问卷星's text format (its 文本导入 / exported text):
--   1. 客服首问负责制要求什么?[单选题]
--   A. 转交即可
--   B. 全程负责
--   答案：B
--   2. 哪些是沟通技巧?[多选题]
--   倾听 *                      options may be unlettered; "*" or "(正确答案)"
--   记录 *                      after an option marks it right
--   争辩
--   3. 投诉须在30分钟内响应。[判断题]
--   答案：对
--   4. SLA 的中文是______。[填空题]
--   答案：服务等级协议
-- Tags: [单选题] [多选题] [判断题] [填空题] (also [问答题]/[简答题]); an
-- optional "[2分]" or "(2分)" gives the points; 解析： the explanation.
local text = require "kiosk.import.text"

local M = { name = "wjx", extensions = { "txt" } }

local TAGS = { ["单选题"] = "single", ["多选题"] = "multiple", ["判断题"] = "truefalse", ["填空题"] = "open",
               ["问答题"] = "open", ["简答题"] = "open", ["排序题"] = false, ["量表题"] = false, ["矩阵单选题"] = false }

function M.detect(src)
  if text.looks_binary(src.bytes) and src.ext ~= "docx" then return 0 end
  local head = src.bytes:sub(1, 65536)
  local n = 0
  for tag in head:gmatch("%[(..-题)%]") do if TAGS[tag] ~= nil then n = n + 1 end end
  if n == 0 then return 0 end
  return n >= 2 and 0.95 or 0.7
end

local RIGHT_MARKS = { "%s*%*$", "%s*%(正确答案%)$", "%s*（正确答案）$", "%s*%[正确答案%]$", "%s*【正确答案】$" }

function M.parse(src, out)
  local body, why = src:text()
  if not body then return out:skip(src.name, why) end
  local cur
  local function finish()
    if not cur then return end
    local q = cur
    cur = nil
    if q.kind == false then
      return out:skip(q.where, "[" .. q.tag .. "] questions are not supported by the kiosk")
    end
    local r = { type = q.kind, stem = q.stem, where = q.where, points = q.points,
                explanation = #q.explanation > 0 and table.concat(q.explanation, "\n") or nil }
    if q.kind == "single" or q.kind == "multiple" then
      r.options = q.options
      if q.answer then r.answer = q.answer
      elseif #q.marked > 0 then r.answer = q.kind == "single" and (#q.marked == 1 and q.marked[1] or table.concat(q.marked)) or q.marked end
    elseif q.kind == "truefalse" then
      r.answer = q.answer
    else
      r.reference = q.answer
      if q.tag == "填空题" then out:warn(q.where, "fill-in-the-blank imported as an open question: a person scores it against the answer") end
    end
    out:question(r)
  end
  for i, raw in ipairs(text.lines(body)) do
    local line = text.trim(raw)
    local where = src.name .. ":" .. i
    local h = text.halfwidth(line)
    local tag = h:match("%[(..-题)%]")
    local num = h:match("^(%d+)%s*[%.、]") or h:match("^(%d+)%s*$")
    if tag and TAGS[tag] ~= nil then
      finish()
      local stem = line
      for _, p in ipairs({ "%s*%[" .. tag .. "%]", "%s*%[%d+%.?%d*分%]", "%s*［[^］]*］" }) do stem = stem:gsub(p, "") end
      local pts = text.halfwidth(line):match("%[(%d+%.?%d*)分%]") or text.halfwidth(line):match("%((%d+%.?%d*)分%)%s*$")
      stem = text.trim(stem)
      cur = { kind = TAGS[tag], tag = tag, stem = stem, where = where, options = {}, marked = {}, explanation = {},
              points = tonumber(pts) }
    elseif line == "" then
      -- blank lines separate nothing
    elseif not cur then
      if num then out:skip(where, "a numbered line without a [单选题]/[多选题]/[判断题]/[填空题] tag: not read")
      else out:warn(where, "text before the first question: ignored " .. text.quote(line)) end
    else
      local ans = text.match_prefix(line, "正确答案%s*:%s*") or text.match_prefix(line, "答案%s*:%s*")
      local expl = text.match_prefix(line, "解析%s*:%s*") or text.match_prefix(line, "答案解析%s*:%s*")
      if ans then cur.answer = ans; cur.in_expl = false
      elseif expl then cur.explanation[#cur.explanation + 1] = expl; cur.in_expl = true
      elseif cur.in_expl then cur.explanation[#cur.explanation + 1] = line
      elseif cur.kind == "single" or cur.kind == "multiple" or cur.kind == false then
        local _, rest = text.match_prefix(line, "([A-Z])%s*[.、):]%s*")
        local opt = rest or line
        local marked = false
        for _, p in ipairs(RIGHT_MARKS) do
          local t, n = opt:gsub(p, "")
          if n > 0 then opt, marked = t, true end
        end
        cur.options[#cur.options + 1] = opt
        if marked then cur.marked[#cur.marked + 1] = string.char(64 + #cur.options) end
      else
        cur.stem = cur.stem .. "\n" .. line
      end
    end
  end
  finish()
end

return M
