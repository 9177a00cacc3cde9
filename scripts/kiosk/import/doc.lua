-- kiosk.import.doc — question documents as trainers write them in Word or
-- plain text (the seeds' style), from .txt or from .docx through
-- importlib.docx_text (one paragraph a line, so a location is a paragraph
-- number there):
--
--   一、单选题(共10题,每题2分)          a part: count and points per question
--   1.根据……以下哪项不属于……?          1. 1、 1． (1) （1）
--   A.处理客户投诉……                   A. A、 A． A) （A）, full or half width
--   答案:B                              B, A、C, AC, A,C, A;C; 对/错 √/× T/F
--   解析:……                             explanation; 参考答案: / 答案解析: for open questions
--   (考察问题解决能力、领导力)          competencies
--
-- Inside a reference answer, numbered lines are the answer's own items;
-- a numbered line starts the next question only when an option, an answer
-- line or a (考察…) line follows it before the next numbered line.
-- Text is kept as written (half-width , ? ( ) too); only the markers are
-- recognised in either width.
local text = require "kiosk.import.text"

local M = { name = "doc", extensions = { "txt", "docx", "text", "md" } }

-- Chinese numerals of part headings, as whole characters (a Lua byte class
-- cannot hold multi-byte characters): "三、" → "#、".
local CN_DIGIT = {}
for _, c in utf8.codes("一二三四五六七八九十") do CN_DIGIT[utf8.char(c)] = true end
-- The first character of s (a whole UTF-8 sequence).
local function first_char(s) return s:match("^[%z\1-\127\194-\244][\128-\191]*") end
local function cn_marked(h)
  return (h:gsub("[\228-\233][\128-\191][\128-\191]", function(c) return CN_DIGIT[c] and "#" or c end))
end

local KEY_START = { ["答"] = true, ["参"] = true, ["正"] = true, ["解"] = true, ["考"] = true, ["【"] = true, ["("] = true }

local function first_of(s, ...)
  for _, p in ipairs({ ... }) do
    local v = s:match(p)
    if v then return v end
  end
end

-- Web-page text a downloaded document drags along after its end (the
-- seeds come from a document-sharing site): from such a line on, nothing is
-- the trainer's. Each is reported when it cuts.
local TRAILERS = { "^文档评论%s*%(%d*%)", "^相关文档$", "^相关推荐$" }

local TYPE_WORDS = {
  { "单选", "single" }, { "单项选择", "single" },
  { "多选", "multiple" }, { "多项选择", "multiple" }, { "不定项", "multiple" },
  { "判断", "truefalse" }, { "是非", "truefalse" },
  { "填空", "open" }, { "问答", "open" }, { "简答", "open" }, { "论述", "open" }, { "面试", "open" },
  { "情景", "open" }, { "案例", "open" }, { "分析", "open" }, { "主观", "open" }, { "能力题", "open" },
  { "写作", "open" }, { "材料", "open" },
}

local function section_type(title)
  for _, tw in ipairs(TYPE_WORDS) do
    if title:find(tw[1], 1, true) then return tw[2] end
  end
  return nil -- "选择题" and the like: each question's answer decides
end

-- A part heading: "一、单选题(共10题,每题2分)", "第二部分 判断题", "三.问答题".
local function heading(line, h)
  h = h or text.halfwidth(line)
  local c = first_char(h)
  if not c or not (CN_DIGIT[c] or c == "第") then return nil end
  local m = cn_marked(h)
  local rest = first_of(m, "^#+%s*、%s*(.+)$", "^#+%s*%.%s*(.+)$", "^第#+部分%s*(.*)$", "^第#+大题%s*(.*)$")
  if not rest or not (rest:find("题", 1, true) or m:find("^第#+部分")) then return nil end
  if utf8.len(rest) and utf8.len(rest) > 60 then return nil end -- a sentence, not a heading
  local count = first_of(h, "共%s*(%d+)%s*题", "共%s*(%d+)%s*道", "共%s*(%d+)%s*小题")
  local points = first_of(h, "每题%s*(%d+%.?%d*)%s*分", "每小题%s*(%d+%.?%d*)%s*分",
                          "每道题%s*(%d+%.?%d*)%s*分", "每道%s*(%d+%.?%d*)%s*分")
  count, points = count and tonumber(count), points and tonumber(points)
  local a, b = line:match("^(.-)%s*%("), line:match("^(.-)%s*（")
  local title = text.trim(((a and b) and (#a < #b and a or b) or a or b) or line)
  return { title = title, count = count, points = points, type = section_type(title), instructions = line }
end

-- "12." "12、" "12．" "(12)" "（12）" "12)" → 12 (and the rest of the line).
local function number(line, h)
  h = h or text.halfwidth(line)
  if not (h:find("^[%d(]") or first_char(h) == "第") then return nil end
  local n, rest = text.match_prefix(line, "%((%d+)%)%s*", h)
  if n then return tonumber(n), rest end
  n, rest = text.match_prefix(line, "(%d+)%s*[.)]%s*", h)
  if n then return tonumber(n), rest end
  n, rest = text.match_prefix(line, "(%d+)%s*、%s*", h)
  if n then return tonumber(n), rest end
  n, rest = text.match_prefix(line, "第(%d+)题[.:]?%s*", h)
  if n then return tonumber(n), (rest:gsub("^、%s*", "")) end
  return nil
end

-- "A.xx" "A、xx" "A．xx" "A)xx" "（A）xx" "A:xx" → "A", "xx".
local function option(line, h)
  h = h or text.halfwidth(line)
  if not h:find("^[A-H(]") then return nil end
  local l, rest = text.match_prefix(line, "%(([A-Ha-h])%)%s*", h)
  if l then return l:upper(), rest end
  l, rest = text.match_prefix(line, "([A-H])%s*[.):]%s*", h)
  if l then return l, rest end
  l, rest = text.match_prefix(line, "([A-H])%s*、%s*", h)
  if l then return l, rest end
  return nil
end

-- Options written on one line: "A.xx B.yy C.zz" (separated by spaces).
local function split_inline(first_letter, rest)
  local out = { rest }
  local want = string.char(first_letter:byte() + 1)
  while true do
    local cur = out[#out]
    local found
    local marks = { "（" .. want .. "）", "%(" .. want .. "%)" }
    for _, sep in ipairs({ ".", "、", "．", ")", "）", "：", ":" }) do marks[#marks + 1] = want .. sep:gsub("%p", "%%%0") end
    for _, mark in ipairs(marks) do
      for _, space in ipairs({ "[ \t]+", "\227\128\128+" }) do
        local s, e = cur:find(space .. mark)
        if s and (not found or s < found[1]) then found = { s, e } end
      end
    end
    if not found then break end
    out[#out] = text.trim(cur:sub(1, found[1] - 1))
    out[#out + 1] = text.trim(cur:sub(found[2] + 1))
    want = string.char(want:byte() + 1)
  end
  return out
end

-- Answer-ish lines: kind and the text after the key.
local KEYS = {
  { "analysis", { "答案解析%s*:%s*", "【答案解析】%s*:?%s*" } },
  { "reference", { "参考答案%s*:%s*", "【参考答案】%s*:?%s*" } },
  { "answer", { "正确答案%s*:%s*", "答案%s*:%s*", "【答案】%s*:?%s*", "答%s*:%s*" } },
  { "explanation", { "解析%s*:%s*", "【解析】%s*:?%s*", "答案说明%s*:%s*" } },
  { "competencies", { "%(%s*考察点%s*:?%s*", "%(%s*考察%s*:?%s*", "%(%s*考查点%s*:?%s*", "%(%s*考查%s*:?%s*",
                      "考察点%s*:%s*", "考察%s*:%s*", "考查点%s*:%s*", "【考察点】%s*:?%s*", "【考察】%s*:?%s*" } },
}
local function keyed(line, h)
  h = h or text.halfwidth(line)
  if not KEY_START[first_char(h) or ""] then return nil end
  for _, k in ipairs(KEYS) do
    for _, p in ipairs(k[2]) do
      local v = text.match_prefix(line, p, h)
      if v then
        if k[1] == "competencies" then
          if p:sub(1, 2) == "%(" then
            local t = v:gsub("%)$", ""):gsub("）$", "")
            if t == v then return nil end -- "(考察…" without its ")": not this kind of line
            v = t
          end
        end
        return k[1], v
      end
    end
  end
  return nil
end

local function ends_sentence(s)
  local h = text.halfwidth(s)
  return h:match("[.;!?)\"'%]]$") ~= nil or s:match("。$") or s:match("；$") or s:match("」$") or s:match("”$")
         or s:match("…$") or s:match("）$")
end

-- key_points and keywords of a reference answer: its numbered items (the
-- part before ":" is the keyword) and its "-结果:…" lines.
local function key_points(ref_lines)
  local points, words = {}, {}
  for _, l in ipairs(ref_lines) do
    local n, rest = number(l)
    if n and rest ~= "" then
      points[#points + 1] = rest
      local a, b = rest:match("^(.-):"), rest:match("^(.-)：")
      local head = (a and b) and (#a < #b and a or b) or a or b
      if head and head ~= "" and utf8.len(head) and utf8.len(head) <= 16 then words[#words + 1] = head end
    else
      local item
      for _, bullet in ipairs({ "-", "–", "—", "•", "·" }) do
        if l:sub(1, #bullet) == bullet then item = text.trim(l:sub(#bullet + 1)); break end
      end
      if item and (item:find(":%s*%S") or item:find("：%s*%S")) then points[#points + 1] = item end
    end
  end
  return #points > 0 and points or nil, #words > 0 and words or nil
end

function M.detect(src)
  if text.looks_binary(src.bytes) and src.ext ~= "docx" then return 0 end
  local ext = src.ext
  if ext == "docx" then return text.lib("docx_text") and 0.9 or 0.5 end
  if ext ~= "txt" and ext ~= "text" and ext ~= "md" and ext ~= "" then return 0 end
  local head = src.bytes:sub(1, 65536)
  if not utf8.len(head) and not text.lib("decode") then return 0.05 end
  local score = 0.1
  if head:find("答案") then score = score + 0.3 end
  if head:find("\n%s*[A-D]%.") or head:find("\n%s*[A-D]、") or head:find("\n%s*[A-D]\239\188\142") then score = score + 0.2 end
  if cn_marked(head):find("\n#+、[^\n]-题") then score = score + 0.2 end
  return math.min(score, 0.8)
end

-- Parses lines (list of strings) with locations "<label>:<n>".
function M.parse_lines(lines, label, out)
  local total = #lines
  -- Where the document ends: a web page's trailer.
  local last = total
  for i = 1, total do
    local t = lines[i]
    if t:find("文档", 1, true) or t:find("相关", 1, true) then t = text.halfwidth(text.trim(t)) else t = "" end
    for _, p in ipairs(TRAILERS) do
      if t:match(p) then last = i - 1; break end
    end
    if last ~= total then break end
  end
  if last < total then
    out:warn(label .. ":" .. (last + 1), string.format("lines %d–%d look like web-page text after the document's end: ignored",
                                                        last + 1, total))
  end
  -- Lines before the first heading are the title and preface.
  local first = 1
  for i = 1, last do
    if heading(text.trim(lines[i])) then first = i; break end
    if i == last then first = 1 end
  end
  if first > 1 then
    local title
    for i = first - 1, 1, -1 do
      local t = text.trim(lines[i])
      if t ~= "" then title = t; break end
    end
    if title then out:set { title = title } end
    out:warn(label .. ":1", string.format("lines 1–%d before the first part heading are the title and preface, not questions: ignored",
                                          first - 1))
  end

  local cur, sec_type, last_num
  local function finish()
    if not cur then return end
    local q = cur
    cur = nil
    local r = { where = q.where, stem = table.concat(q.stem, "\n"), competencies = q.competencies }
    if #q.options > 0 then r.options = q.options end
    if q.answer then r.answer = q.answer end
    if #q.explanation > 0 then r.explanation = table.concat(q.explanation, "\n") end
    if #q.reference > 0 then
      if #q.options > 0 and not q.answer then
        r.answer = table.concat(q.reference, "\n")
      else
        r.reference = table.concat(q.reference, "\n")
        r.key_points, r.keywords = key_points(q.reference)
      end
    end
    local p = text.halfwidth(r.stem):match("%(%s*(%d+%.?%d*)%s*分%s*%)%s*$")
    if p then r.points = tonumber(p) end
    if q.type then r.type = q.type end
    out:question(r)
  end

  -- Whether numbered line i begins a question (used inside answers, where
  -- numbered lines are usually the answer's own items).
  local function starts_question(i)
    for j = i + 1, last do
      local t = text.trim(lines[j])
      if t ~= "" then
        if option(t) or keyed(t) then return true end
        if number(t) or heading(t) then return false end
      end
    end
    return false
  end

  local stray = {}
  for i = first, last do
    local line = text.trim(lines[i])
    local where = label .. ":" .. i
    local hw = text.halfwidth(line)
    local h = line ~= "" and heading(line, hw)
    if line == "" then
      -- blank lines separate nothing in these documents
    elseif h then
      finish()
      h.where = where
      sec_type, last_num = h.type, nil
      out:section(h)
    else
      local n = number(line, hw)
      local kind, value = keyed(line, hw)
      local in_answer = cur and (cur.mode == "reference" or cur.mode == "explanation" or cur.mode == "answer")
      if n and not kind and (not in_answer or starts_question(i)) then
        finish()
        cur = { where = where, num = n, stem = { line }, options = {}, explanation = {}, reference = {},
                mode = "stem" }
        last_num = n
      elseif kind and cur then
        value = value or ""
        if kind == "competencies" then
          cur.competencies = text.split_list(value)
        elseif kind == "answer" or (kind == "reference" and #cur.options > 0 and text.letters(value)) then
          if value == "" then cur.mode = "answer"
          elseif #cur.options == 0 and text.truth(value) == nil and sec_type ~= "truefalse" then
            cur.reference[#cur.reference + 1] = value
            cur.mode = "reference"
          else
            cur.answer = value
            cur.mode = "answered"
          end
        elseif kind == "reference" or (kind == "analysis" and #cur.options == 0 and not cur.answer) then
          if value ~= "" then cur.reference[#cur.reference + 1] = value end
          cur.mode = "reference"
        else -- explanation, or 答案解析 after a choice question's answer
          if value ~= "" then cur.explanation[#cur.explanation + 1] = value end
          cur.mode = "explanation"
        end
      elseif cur and (cur.mode == "stem" or cur.mode == "option") and option(line, hw) then
        local l, rest = option(line, hw)
        local want = string.char(65 + #cur.options)
        if l == want then
          for _, o in ipairs(split_inline(l, rest)) do cur.options[#cur.options + 1] = o end
          cur.mode = "option"
        else
          -- A letter out of order: keep it as text, but say so.
          out:warn(where, string.format("option %s where %s was expected: kept as text of the line before", l, want))
          local list = cur.mode == "stem" and cur.stem or cur.options
          list[#list] = list[#list] .. "\n" .. line
        end
      elseif cur then
        if cur.mode == "stem" then cur.stem[#cur.stem + 1] = line
        elseif cur.mode == "option" then cur.options[#cur.options] = cur.options[#cur.options] .. "\n" .. line
        elseif cur.mode == "answer" then cur.answer = line; cur.mode = "answered"
        elseif cur.mode == "explanation" then cur.explanation[#cur.explanation + 1] = line
        elseif cur.mode == "reference" then cur.reference[#cur.reference + 1] = line
        else -- after a bare answer line: more explanation-like text
          cur.explanation[#cur.explanation + 1] = line
          cur.mode = "explanation"
        end
      else
        stray[#stray + 1] = i
      end
    end
  end
  -- The document cut off in the middle of a line (a download that stops
  -- mid-sentence): that last line is not the trainer's whole text.
  if cur and (cur.mode == "reference" or cur.mode == "explanation") then
    local list = cur.mode == "reference" and cur.reference or cur.explanation
    local lastline = list[#list]
    if #list > 1 and lastline and not ends_sentence(lastline) and last < total then
      list[#list] = nil
      out:warn(cur.where, string.format("the document ends in the middle of this question's %s (%s): that line is left out",
                                        cur.mode == "reference" and "reference answer" or "explanation", text.quote(lastline)))
    end
  end
  if cur and (cur.mode == "option" or cur.mode == "stem") and last < total then
    out:skip(cur.where, string.format("no answer line: the document is cut off in this question (%s)",
                                      #cur.options > 0 and ("after option " .. string.char(64 + #cur.options)) or "in its stem"))
    cur = nil
  end
  finish()
  if #stray > 0 then
    out:warn(label .. ":" .. stray[1], string.format("%d line(s) of text outside any question (first: line %d %s): ignored",
                                                      #stray, stray[1], text.quote(text.trim(lines[stray[1]]))))
  end
  return last_num
end

function M.parse(src, out)
  local body
  if src.ext == "docx" then
    if not text.lib("docx_text") then
      out:skip(src.name, ".docx support (importlib.docx_text) is not built in; save the document as .txt")
      return
    end
    local why
    body, why = text.lib("docx_text")(src.path)
    if not body then -- a damaged or non-Word file: importlib's message, without the path it starts with
      why = tostring(why)
      if why:sub(1, #src.path + 2) == src.path .. ": " then why = why:sub(#src.path + 3) end
      out:skip(src.name, why)
      return
    end
  else
    local t, why = src:text()
    if not t then
      out:skip(src.name, why)
      return
    end
    body = t
  end
  M.parse_lines(text.lines(body), src.name, out)
end

return M
