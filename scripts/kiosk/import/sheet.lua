-- kiosk.import.sheet — question banks kept as spreadsheets: .xlsx
-- (kiosk.import.xlsx) and .csv in UTF-8, UTF-8 with a BOM or GBK/GB18030
-- (kiosk.import.csv). Owns: finding the header row, matching headers by
-- synonym (题型/类型, 题干/题目, 选项A…选项H, 答案/正确答案, 解析/答案解析,
-- 分值/分数, 难度, 知识点/考察/标签), and turning each row into one
-- out:question. Every problem is named by its cell: "bank.xlsx:Sheet1!D14"
-- (a CSV's cells are "bank.csv:14" with the column in the reason).
local xlsx = require "kiosk.import.xlsx"
local csv = require "kiosk.import.csv"
local text = require "kiosk.import.text" -- trim, halfwidth, letters, truth, split_list, decode
local trim, halfwidth = text.trim, text.halfwidth

local M = { name = "sheet", extensions = { "xlsx", "csv", "xls" } }

-- header synonyms (compared after tidy(): no spaces, no "*", no "(必填)")
local FIELDS = {
  type = { "题型", "类型", "题目类型", "试题类型", "TYPE" },
  stem = { "题干", "题目", "试题", "题目内容", "问题", "STEM", "QUESTION" },
  answer = { "答案", "正确答案", "标准答案", "ANSWER" },
  reference = { "参考答案" },
  explanation = { "解析", "答案解析", "试题解析", "EXPLANATION" },
  points = { "分值", "分数", "POINTS", "SCORE" },
  difficulty = { "难度", "DIFFICULTY" },
  tags = { "知识点", "考察", "标签", "考察点", "考察能力", "TAGS" },
}
local LETTERS = "ABCDEFGH"

local TYPES = {
  single = { "单选", "单选题", "单项选择", "单项选择题", "SINGLE" },
  multiple = { "多选", "多选题", "多项选择", "多项选择题", "不定项", "不定项选择题", "MULTIPLE" },
  truefalse = { "判断", "判断题", "是非题", "TRUEFALSE", "TF" },
  open = { "简答", "简答题", "问答", "问答题", "论述题", "主观题", "填空", "填空题", "OPEN" },
}
local function tidy(h)
  h = halfwidth(h):upper()
  h = h:gsub("%(必填%)", ""):gsub("[%s%*:]", "")
  return h
end

local function lookup(list, key)
  for _, v in ipairs(list) do if v == key then return true end end
end

-- Which field a header names: "stem", "option" + letter index, or nil.
local function field_of(header)
  local h = tidy(header)
  for f, syn in pairs(FIELDS) do
    if lookup(syn, h) then return f end
  end
  local letter = h:match("^选项([A-H])$") or h:match("^([A-H])选项$") or h:match("^([A-H])$")
    or h:match("^OPTION([A-H])$")
  if letter then return "option", LETTERS:find(letter, 1, true) end
end

-- The header row: among the first 10 rows, the one naming the most fields
-- (it must name the stem). Returns row index, { col -> field/option }.
local function find_header(rows)
  local best, best_map, best_n = nil, nil, 0
  for i = 1, math.min(#rows, 10) do
    local map, n, has_stem = {}, 0, false
    for col, v in pairs(rows[i].cells) do
      local f, k = field_of(v)
      if f then
        map[col] = { field = f, option = k, header = v }
        n = n + 1
        if f == "stem" then has_stem = true end
      end
    end
    if has_stem and n > best_n then best, best_map, best_n = i, map, n end
  end
  return best, best_map
end

local function type_of(s)
  local t = tidy(s)
  for ty, syn in pairs(TYPES) do
    if lookup(syn, t) then return ty end
  end
end

-- Turns one table (sheet or CSV) into questions.
-- t = { rows = { { n=, cells = { [col] = str } } }, where = function(n, col) -> "file:Sheet!D14",
--       label = "Sheet1" }
local function import_table(t, out, src)
  local h, map = find_header(t.rows)
  if not h then return false end
  local header = t.rows[h]
  -- a column with a header nobody uses is said once, not dropped silently
  for col, v in pairs(header.cells) do
    if not map[col] and trim(v) ~= "" then
      out:warn(t.where(header.n, col), "column '" .. v .. "' is not a question field; it is ignored")
    end
  end
  local cols, by_field, noptions = {}, {}, 0
  for col, m in pairs(map) do
    cols[#cols + 1] = col
    if m.field == "option" then noptions = math.max(noptions, m.option)
    elseif by_field[m.field] then
      out:warn(t.where(header.n, col), "a second '" .. m.header .. "' column; the first one is used")
    else by_field[m.field] = col end
  end
  local said_difficulty = false
  for i = h + 1, #t.rows do
    local row = t.rows[i]
    local cells = row.cells
    local function get(f)
      local c = by_field[f]
      local v = c and cells[c]
      if v then v = trim(v) end
      return v ~= "" and v or nil, c
    end
    if next(cells) ~= nil then
      local stem, stem_col = get("stem")
      local where = t.where(row.n, stem_col)
      local opts, last = {}, 0
      for col, m in pairs(map) do
        if m.field == "option" and cells[col] and trim(cells[col]) ~= "" then
          opts[m.option] = trim(cells[col])
          last = math.max(last, m.option)
        end
      end
      local options, gap = {}, nil
      for k = 1, last do
        if not opts[k] then gap = gap or k end
        options[k] = opts[k]
      end
      local ty_text, ty_col = get("type")
      local ty = ty_text and type_of(ty_text)
      local answer, ans_col = get("answer")
      local reference = get("reference")
      if not stem then
        out:skip(where, "no stem (题干) in this row")
      elseif ty_text and not ty then
        out:skip(t.where(row.n, ty_col), "question type '" .. ty_text .. "' is not one the kiosk knows (单选题, 多选题, 判断题, 简答题)")
      elseif gap then
        out:skip(where, "option " .. LETTERS:sub(gap, gap) .. " is empty but later options are not")
      else
        if not ty then
          if last == 0 and answer and text.truth(answer) ~= nil then ty = "truefalse"
          elseif last == 0 then ty = "open"
          elseif answer and #(text.letters(answer) or {}) > 1 then ty = "multiple"
          else ty = "single" end
        end
        local q = { type = ty, stem = stem, where = where, explanation = get("explanation") }
        local ok = true
        if ty == "single" or ty == "multiple" then
          q.options = options
          if #options < 2 then
            out:skip(where, "a choice question needs at least two options (选项A, 选项B…)")
            ok = false
          elseif not answer then
            out:skip(t.where(row.n, ans_col or stem_col), "no answer (答案)")
            ok = false
          else
            local ls = text.letters(answer) or {}
            for _, l in ipairs(ls) do
              local k = LETTERS:find(l, 1, true)
              if not k or k > #options then
                out:skip(t.where(row.n, ans_col), "answer " .. l .. " not among the options (A–" .. LETTERS:sub(#options, #options) .. ")")
                ok = false
                break
              end
            end
            if ok and #ls == 0 then
              out:skip(t.where(row.n, ans_col), "answer '" .. answer .. "' names no option letter")
              ok = false
            end
            q.answer = (ty == "single") and answer or ls
          end
        elseif ty == "truefalse" then
          local truth = answer and text.truth(answer)
          if truth ~= nil then q.answer = truth
          else
            out:skip(t.where(row.n, ans_col or stem_col), answer and ("answer '" .. answer .. "' is not 对/错 (true/false)") or "no answer (答案)")
            ok = false
          end
        else -- open: the answer column is the reference answer
          q.reference = reference or answer or q.explanation
          if reference and answer then q.explanation = q.explanation or answer end
          if last > 0 then out:warn(where, "an open question with options; the options are left out") end
        end
        local pts, pts_col = get("points")
        if pts then
          local p = tonumber(halfwidth(pts))
          if p and p >= 0 then q.points = p
          else out:warn(t.where(row.n, pts_col), "points '" .. pts .. "' is not a number; the section's points are used") end
        end
        local tags = get("tags")
        if tags then q.competencies = text.split_list(tags) end
        if get("difficulty") and not said_difficulty then
          said_difficulty = true
          out:warn(t.where(row.n, by_field.difficulty), "the difficulty column (难度) is kept nowhere: the kiosk does not use it")
        end
        if ok then out:question(q) end
      end
    end
  end
  return true
end

local function short(err, src) return text.without_path(err, src.path) end

local function read_xlsx(src, out)
  local book, err = xlsx.open(src.path)
  if not book then return out:skip(src.name, short(err, src)) end
  local used, unread = 0, {}
  for i, sh in ipairs(book.sheets) do
    local sheet, e2 = xlsx.read(book, i)
    if not sheet then
      out:skip(src.name .. ":" .. sh.name, short(e2, src))
      used = used + 1 -- said why already
    else
      local quoted = sh.name:find("[%s!'%-%+%(%),;]") and ("'" .. sh.name:gsub("'", "''") .. "'") or sh.name
      local function where(n, col)
        return src.name .. ":" .. quoted .. "!" .. (col and xlsx.col_name(col) or "A") .. n
      end
      for _, p in ipairs(sheet.problems) do out:warn(src.name .. ":" .. quoted .. "!" .. p.cell, p.reason) end
      local h = find_header(sheet.rows)
      local header_row = h and sheet.rows[h].n
      local merged
      for _, m in ipairs(sheet.merges) do
        if header_row and m.r1 <= header_row and m.r2 >= header_row and m.c2 > m.c1 then merged = m break end
      end
      if merged then
        out:skip(src.name .. ":" .. quoted .. "!" .. merged.ref,
          "header cells are merged; unmerge them so every column has its own header (题干, 选项A, 答案…)")
        used = used + 1
      else
        if #book.sheets > 1 and h then
          out:section{ title = sh.name, where = where(header_row, nil) }
        end
        if import_table({ rows = sheet.rows, where = where }, out, src) then used = used + 1
        elseif #sheet.rows > 0 then unread[#unread + 1] = quoted end
      end
    end
  end
  if used == 0 then
    out:skip(src.name, "no sheet has a header row with a stem column (题干 or 题目) in its first 10 rows")
  else -- a notes sheet is fine, but say that it was not read
    for _, name in ipairs(unread) do
      out:warn(src.name .. ":" .. name, "no header row with a stem column (题干 or 题目) in its first 10 rows; this sheet is not read")
    end
  end
end

local function read_csv(src, out)
  -- UTF-8 with or without a BOM, else GB18030 (a superset of GBK); CRLF -> LF
  local body, err = text.decode(src.bytes)
  if not body then return out:skip(src.name, "cannot decode: " .. tostring(err)) end
  local records, problems = csv.parse(body)
  for _, p in ipairs(problems) do out:skip(src.name .. ":" .. p.line, p.reason) end
  local rows = {}
  for _, r in ipairs(records) do
    if r.broken then goto next_record end -- its problem is listed above
    local cells = {}
    for k, v in ipairs(r.fields) do if v ~= "" then cells[k] = v end end
    rows[#rows + 1] = { n = r.line, cells = cells, width = #r.fields }
    ::next_record::
  end
  local h = find_header(rows)
  if not h then
    return out:skip(src.name, "no header row with a stem column (题干 or 题目) in the first 10 lines")
  end
  local width = rows[h].width
  local kept = {}
  for i, r in ipairs(rows) do
    local keep = true
    if i > h and r.width ~= width and next(r.cells) ~= nil then
      if r.width > width then
        out:skip(src.name .. ":" .. r.n, "ragged row: " .. r.width .. " fields where the header has " .. width
          .. " (an unquoted comma in a field?)")
        keep = false
      else
        out:warn(src.name .. ":" .. r.n, "ragged row: " .. r.width .. " fields where the header has " .. width
          .. "; the missing ones are taken as empty")
      end
    end
    if keep then kept[#kept + 1] = r end
  end
  local header = rows[h].cells
  local function where(n, col)
    if col and header[col] then return src.name .. ":" .. n .. " (" .. header[col] .. ")" end
    return src.name .. ":" .. n
  end
  -- find_header again on the kept rows gives the same header row
  import_table({ rows = kept, where = where }, out, src)
end

function M.detect(src)
  local head = src.bytes:sub(1, 4096)
  -- an .xlsx is ours even when damaged: the trainer then hears why it cannot be read
  if src.ext == "xlsx" or src.ext == "xls" then return 0.95 end
  if src.ext == "csv" then return 0.9 end
  -- a text file whose first line names a stem column and has commas
  local first = head:match("^[^\n]*") or ""
  if first:find(",", 1, true) and (first:find("题干", 1, true) or first:find("题目", 1, true)) then return 0.6 end
  return 0
end

function M.parse(src, out)
  -- Excel 97–2003 files are OLE compound documents, not zip (magic D0 CF 11 E0)
  if src.bytes:sub(1, 4) == "\xD0\xCF\x11\xE0" then
    return out:skip(src.name, "an old Excel 97–2003 (.xls) file; open it in Excel or WPS and save it as .xlsx or .csv")
  end
  if src.ext == "xlsx" or src.bytes:sub(1, 4) == "PK\3\4" then return read_xlsx(src, out) end
  return read_csv(src, out)
end

return M
