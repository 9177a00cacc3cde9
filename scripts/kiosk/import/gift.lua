-- kiosk.import.gift — Moodle's GIFT format:
--   // a comment
--   $CATEGORY: 客服
--   ::Q1:: 首问负责制要求什么? {=全程负责 #受理人负责到底 ~转交即可 ~只处理投诉}
--   ::Q2:: 投诉须在30分钟内响应。{T}
--   ::Q3:: 哪些是沟通技巧? {~%50%倾听 ~%50%记录 ~%-100%争辩}
--   ::Q4:: 什么是SLA? {=服务等级协议}
-- Right answers "=", wrong "~", weights ~%50% (a positive weight is a right
-- option of a multiple choice), feedback "#…" (the right answer's becomes
-- the explanation; "####…" is general feedback), {T}/{F} true/false, {=text}
-- a short answer (imported as an open question with that reference).
-- Questions are separated by blank lines; \~ \= \# \{ \} \: are escapes.
local text = require "kiosk.import.text"

local M = { name = "gift", extensions = { "gift", "txt" } }

function M.detect(src)
  if text.looks_binary(src.bytes) and src.ext ~= "docx" then return 0 end
  local head = src.bytes:sub(1, 65536)
  local score = 0
  if src.ext == "gift" then score = 0.6 end
  if head:find("::[^\n]-::") then score = score + 0.3 end
  if head:find("{[^}\n]*[=~][^}]*}") or head:find("{%s*[TF]R?U?E?%s*}") or head:find("{%s*FALSE%s*}") then score = score + 0.4 end
  return math.min(score, 1)
end

-- Escapes become private bytes while parsing, and come back at the end.
local ESC = { ["~"] = "\1", ["="] = "\2", ["#"] = "\3", ["{"] = "\4", ["}"] = "\5", [":"] = "\6", ["\\"] = "\7", n = "\n" }
local UNESC = { ["\1"] = "~", ["\2"] = "=", ["\3"] = "#", ["\4"] = "{", ["\5"] = "}", ["\6"] = ":", ["\7"] = "\\" }
local function unescape(s) return (s:gsub("[\1-\7]", UNESC)) end
local function clean(s)
  s = s:gsub("^%[%a+%]", "") -- [html] [markdown] [plain] [moodle]
  return text.trim(unescape(s:gsub("%s+", " ")))
end

local function parse_block(block, where, out)
  local body = block.text:gsub("\\(.)", function(c) return ESC[c] or ("\\" .. c) end)
  local title, rest = body:match("^%s*::(.-)::(.*)$")
  body = rest or body
  local pre, inner, post = body:match("^(.-){(.-)}(.*)$")
  if not inner then return out:skip(where, "no answer block {…}: not a GIFT question") end
  local stem = clean(pre .. (text.trim(post) ~= "" and (" _____ " .. post) or ""))
  if stem == "" then stem = clean(title or "") end
  inner = text.trim(inner)
  local general = inner:match("####(.*)$")
  if general then inner = inner:gsub("####.*$", "") end
  local up = inner:upper()
  if up == "T" or up == "TRUE" or up:match("^T%s*#") or up:match("^TRUE%s*#") then
    return out:question { type = "truefalse", stem = stem, answer = true, where = where,
                          explanation = general and clean(general) or (inner:match("#(.*)$") and clean(inner:match("#([^#]*)"))) }
  elseif up == "F" or up == "FALSE" or up:match("^F%s*#") or up:match("^FALSE%s*#") then
    return out:question { type = "truefalse", stem = stem, answer = false, where = where,
                          explanation = general and clean(general) or (inner:match("#(.*)$") and clean(inner:match("#([^#]*)"))) }
  end
  if inner == "" then return out:skip(where, "essay question without a reference answer (the kiosk's open questions need one)") end
  if inner:sub(1, 1) == "#" then return out:skip(where, "numeric questions are not supported") end
  if inner:find("->", 1, true) then return out:skip(where, "matching questions are not supported") end
  local opts, right, weights, feedback = {}, {}, {}, nil
  local any_wrong = false
  for mark, body_ in inner:gmatch("([=~])([^=~]*)") do
    local weight = body_:match("^%%(%-?[%d%.]+)%%")
    local t = body_:gsub("^%%%-?[%d%.]+%%", "")
    local fb = t:match("#(.*)$")
    t = t:gsub("#.*$", "")
    opts[#opts + 1] = clean(t)
    local w = tonumber(weight)
    local is_right = mark == "=" or (w and w > 0)
    if mark == "~" and not (w and w > 0) then any_wrong = true end
    if is_right then
      right[#right + 1] = string.char(64 + #opts)
      if fb and not feedback then feedback = clean(fb) end
    end
    weights[string.char(64 + #opts)] = w
  end
  if #opts == 0 then return out:skip(where, "no answers in {…}") end
  if not any_wrong then
    -- Only right answers: a short answer, scored by a person against them.
    return out:question { type = "open", stem = stem, reference = table.concat(opts, " / "), where = where,
                          explanation = general and clean(general) }
  end
  if #right == 0 then return out:skip(where, "no right answer (no = and no positive %weight)") end
  local q = { stem = stem, options = opts, where = where, explanation = general and clean(general) or feedback }
  local weighted = false
  for _, w in pairs(weights) do if w and w ~= 100 then weighted = true end end
  if #right > 1 or weighted then
    q.type, q.answer = "multiple", right
  else
    q.type, q.answer = "single", right[1]
  end
  out:question(q)
end

function M.parse(src, out)
  local body, why = src:text()
  if not body then return out:skip(src.name, why) end
  local cur
  local function flush()
    if cur then parse_block(cur, src.name .. ":" .. cur.line, out) end
    cur = nil
  end
  for i, raw in ipairs(text.lines(body)) do
    if raw:match("^%s*//") then
      -- a comment
    elseif raw:match("^%s*%$CATEGORY:") then
      flush()
      local name = text.trim(raw:match("%$CATEGORY:(.*)$"))
      out:section { title = name:match("([^/]+)$") or name, where = src.name .. ":" .. i }
    elseif text.trim(raw) == "" then
      flush()
    elseif cur then
      cur.text = cur.text .. "\n" .. raw
    else
      cur = { text = raw, line = i }
    end
  end
  flush()
end

return M
