-- kiosk.import.xlsx — reads the cells of an .xlsx workbook with importlib
-- (zip + XML). Owns: the workbook's sheet list, shared strings, inline
-- strings, numbers, booleans, formula results and error cells, and merged
-- ranges. Rows are streamed out of the sheet XML one at a time
-- (xml_parse's `each`), so the work and memory grow linearly with the sheet.
--
--   local book, err = xlsx.open(path)     -- book.sheets = { { name=, part= }, ... }
--   local sheet, err = xlsx.read(book, i) -- { name=, rows = { { n = 14, cells = { [4] = "B" } } },
--                                         --   merges = { { r1=, c1=, r2=, c2=, ref="A1:C1" } },
--                                         --   problems = { { cell = "D14", reason = "..." } } }
--   xlsx.col_name(4) == "D"; xlsx.parse_ref("D14") == 14, 4
local xlsx = {}

local function lib()
  local l = rawget(_G, "importlib")
  if not l then error("this build has no importlib (zip/XML support)", 0) end
  return l
end

local function lname(name) return name:match("([^:]+)$") end

-- node is element `name`, with or without a prefix ("c" or "x:c"). The
-- plain comparison first: it is the common case and the cheap one.
local function is(node, name)
  local n = node.name
  return n == name or (n:find(":", 1, true) ~= nil and lname(n) == name)
end

-- The concatenated text of every <t> under node, leaving out phonetic runs.
local function text_of(node, acc)
  acc = acc or {}
  for _, ch in ipairs(node) do
    if type(ch) == "string" then
      if lname(node.name) == "t" then acc[#acc + 1] = ch end
    elseif lname(ch.name) ~= "rPh" then
      text_of(ch, acc)
    end
  end
  return acc
end
local function text(node) return table.concat(text_of(node)) end

local function child(node, name)
  for _, ch in ipairs(node) do
    if type(ch) == "table" and is(ch, name) then return ch end
  end
end

function xlsx.col_name(i)
  local s = ""
  while i > 0 do
    local r = (i - 1) % 26
    s = string.char(65 + r) .. s
    i = (i - 1 - r) // 26
  end
  return s
end

local col_of = {} -- "D" -> 4, filled as letters are met (a sheet has few columns)
function xlsx.parse_ref(ref)
  local letters, digits = ref:match("^%$?(%a+)%$?(%d+)$")
  if not letters then return nil end
  local col = col_of[letters]
  if not col then
    col = 0
    for i = 1, #letters do col = col * 26 + (letters:upper():byte(i) - 64) end
    if #letters <= 3 then col_of[letters] = col end
  end
  return tonumber(digits), col
end

-- Relationship id -> target part ("xl/worksheets/sheet1.xml").
local function rels(path, part)
  local dir, base = part:match("^(.-)([^/]+)$")
  local xml = lib().zip_read(path, dir .. "_rels/" .. base .. ".rels")
  local map = {}
  if not xml then return map end
  local root = lib().xml_parse(xml)
  for _, r in ipairs(root or {}) do
    if type(r) == "table" and r.attr.Id and r.attr.Target then
      local t = r.attr.Target
      if t:sub(1, 1) == "/" then t = t:sub(2) else t = dir .. t end
      -- "xl/worksheets/../x.xml" -> "xl/x.xml"
      repeat local n t, n = t:gsub("[^/]+/%.%./", "", 1) until n == 0
      map[r.attr.Id] = t
    end
  end
  return map
end

function xlsx.open(path)
  local L = lib()
  local names, err = L.zip_list(path)
  if not names then return nil, err end
  local have = {}
  for _, n in ipairs(names) do have[n] = true end
  if not have["xl/workbook.xml"] then
    return nil, "no xl/workbook.xml: a zip file, but not an Excel .xlsx workbook"
  end
  local xml, e2 = L.zip_read(path, "xl/workbook.xml")
  if not xml then return nil, e2 end
  local root, e3 = L.xml_parse(xml)
  if not root then return nil, "xl/workbook.xml " .. e3 end
  local map = rels(path, "xl/workbook.xml")
  local book = { path = path, sheets = {}, have = have }
  local sheets = child(root, "sheets") or {}
  for _, s in ipairs(sheets) do
    if type(s) == "table" and lname(s.name) == "sheet" then
      local rid
      for k, v in pairs(s.attr) do
        if lname(k) == "id" and k ~= "sheetId" then rid = v end
      end
      local part = map[rid] or ("xl/worksheets/sheet" .. (s.attr.sheetId or (#book.sheets + 1)) .. ".xml")
      book.sheets[#book.sheets + 1] = { name = s.attr.name or ("Sheet" .. (#book.sheets + 1)), part = part }
    end
  end
  if #book.sheets == 0 then return nil, "xl/workbook.xml lists no sheets" end
  -- Shared strings, streamed one <si> at a time.
  local sst = {}
  if have["xl/sharedStrings.xml"] then
    local sx, e4 = L.zip_read(path, "xl/sharedStrings.xml")
    if not sx then return nil, e4 end
    local ok, e5 = L.xml_parse(sx, { each = "si", fn = function(si) sst[#sst + 1] = text(si) end })
    if not ok then return nil, "xl/sharedStrings.xml " .. e5 end
  end
  book.sst = sst
  return book
end

-- A number as a trainer typed it: 2 not 2.0, 0.1 not 0.10000000000000001.
local function number(v)
  local n = tonumber(v)
  if not n then return v end
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format("%d", n) end
  return (string.format("%.15g", n))
end

function xlsx.read(book, i)
  local L = lib()
  local sh = book.sheets[i]
  local xml, err = L.zip_read(book.path, sh.part)
  if not xml then return nil, err end
  local rows, problems, sst = {}, {}, book.sst
  local next_row = 1
  local function on_row(row)
    local n = tonumber(row.attr.r) or next_row
    next_row = n + 1
    local cells, next_col = {}, 1
    for _, c in ipairs(row) do
      if type(c) == "table" and is(c, "c") then
        local r, col
        if c.attr.r then r, col = xlsx.parse_ref(c.attr.r) end
        if not r then col = next_col end
        next_col = col + 1
        local t, v = c.attr.t or "n", child(c, "v")
        local raw = v and (type(v[1]) == "string" and v[1] or "") or nil
        local val
        if t == "s" then
          local k = tonumber(raw)
          val = k and sst[k + 1]
          if not val then
            problems[#problems + 1] = { cell = xlsx.col_name(col) .. n,
              reason = "refers to shared string " .. tostring(raw) .. ", which the workbook does not have" }
          end
        elseif t == "inlineStr" then
          local is = child(c, "is")
          val = is and text(is) or ""
        elseif t == "str" then
          val = raw
        elseif t == "b" then
          val = (raw == "1") and "TRUE" or "FALSE"
        elseif t == "e" then
          problems[#problems + 1] = { cell = xlsx.col_name(col) .. n, reason = "holds the error " .. tostring(raw) }
        else
          val = raw and number(raw)
        end
        if val and val ~= "" then cells[col] = val end
      end
    end
    rows[#rows + 1] = { n = n, cells = cells }
  end
  local root, e2 = L.xml_parse(xml, { each = "row", fn = on_row })
  if not root then return nil, sh.part .. " " .. e2 end
  local merges = {}
  local mc = child(root, "mergeCells")
  for _, m in ipairs(mc or {}) do
    if type(m) == "table" and m.attr.ref then
      local a, b = m.attr.ref:match("^([^:]+):?(.*)$")
      local r1, c1 = xlsx.parse_ref(a)
      local r2, c2 = xlsx.parse_ref(b ~= "" and b or a)
      if r1 and r2 then merges[#merges + 1] = { r1 = r1, c1 = c1, r2 = r2, c2 = c2, ref = m.attr.ref } end
    end
  end
  return { name = sh.name, rows = rows, merges = merges, problems = problems }
end

return xlsx
